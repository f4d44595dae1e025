"""The ``framing`` stage: dictionary frames per paragraph, document and outlet (with a
validation sample for coding), who is quoted or cited and as what source type, and the
tables behind the headline comparison of one target.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "frame_lexicon": ["Frame", "load_frames"],
        "frame_scan": ["FrameScanner"],
        "frames": [
            "document_frames",
            "outlet_frames",
            "score_units",
            "validation_keys",
            "validation_precision",
            "validation_rows",
            "validation_sample",
        ],
        "headline": ["frames_with_target", "kwic_examples", "mention_rates"],
        "sources": [
            "SourceLexicon",
            "classify_speaker",
            "extract_attributions",
            "load_source_types",
            "outlet_sources",
        ],
        "speakers": ["document_years", "type_attributions"],
    },
)
