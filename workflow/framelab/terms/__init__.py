"""The ``terms`` stage: per-outlet vocabulary statistics (counts, Fightin' Words, keyness,
Jensen-Shannon similarity) and the study's targets in context (mentions, KWIC, collocates).
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "association": ["likelihood_ratio", "pmi"],
        "collocations": ["COLLOCATE_COLUMNS", "target_collocates"],
        "concordance": ["KWIC_COLUMNS", "kwic", "kwic_markdown", "most_mentioned"],
        "counts": [
            "DocTerms",
            "doc_term_matrix",
            "fightin_words",
            "fightin_words_pairs",
            "outlet_sizes",
            "outlet_term_counts",
            "vocabulary_table",
        ],
        "keyness_stats": ["keyness"],
        "similarity": ["jensen_shannon", "outlet_similarity"],
        "targets": [
            "MENTION_COLUMNS",
            "Target",
            "attach_sentences",
            "find_mentions",
            "load_targets",
        ],
    },
)
