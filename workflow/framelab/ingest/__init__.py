"""The ``ingest`` stage: check the metadata and every document's bytes, plan the shards, and
read each shard's documents into the corpus table with a ledger row per input file.
:func:`plan_corpus` runs before any job; :func:`read_listed` in each shard's job.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "analysed": [
            "EMPTIED",
            "analysed_documents",
            "compared_documents",
            "has_text",
            "mark_emptied",
        ],
        "corpus": [
            "ArticleText",
            "CORPUS_COLUMNS",
            "LEDGER_COLUMNS",
            "IngestSettings",
            "assign_shards",
            "documents_per_outlet",
            "file_stamp",
            "ingest",
            "ingest_table",
            "language_policy",
            "largest_outlets",
            "listed_records",
            "no_documents_left",
            "plan_corpus",
            "read_documents",
            "read_listed",
            "unlisted_ledger",
        ],
        "duplicates": ["DUPLICATE_OF", "apply_duplicate_policy", "duplicate_positions"],
        "encodings": ["bom_encoding", "decode_document", "likely_legacy_encoding"],
        "language": ["apply_language_policy", "detect_language"],
        "metadata": [
            "METADATA_COLUMNS",
            "complete_metadata",
            "read_metadata",
            "validate_metadata",
        ],
        "review": ["date_window", "review_plan", "years_outside"],
        "shards": ["SHARD_PATTERN", "plan_shards", "shard_id"],
    },
)
