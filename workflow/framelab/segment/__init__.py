"""The ``segment`` stage: clean text into paragraphs and sentences with character offsets
(:func:`segment_documents`, Punkt with the project's abbreviations), and the word
:class:`Analyzer` every term-based stage shares (NLTK's data-free tokenizer).
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "nltk_import": ["import_nltk"],
        "tokens": ["Analyzer"],
        "units": [
            "PARAGRAPH_COLUMNS",
            "SENTENCE_COLUMNS",
            "SentenceSplitter",
            "paragraph_spans",
            "segment_documents",
        ],
        "word_tokenizer": ["WordTokenizer"],
    },
)
