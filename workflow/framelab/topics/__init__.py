"""The ``topics`` stage: NMF or LDA over the units of analysis, K chosen by coherence,
diversity and stability (:func:`select_model`), topics described (FREX, representative units),
per-outlet prevalence and its differences, and frame packages of co-occurring topics.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "describe": ["frex", "representative_units"],
        "diagnostics": [
            "SuspectThresholds",
            "everyday_words",
            "furniture_words",
            "mostly_removed_words",
            "outlet_words",
            "topic_diagnostics",
        ],
        "effects": ["prevalence_differences", "prevalence_over_time"],
        "models": [
            "FittedTopics",
            "UnitMatrix",
            "doc_shares",
            "document_frequency",
            "fit_topics",
            "outlet_prevalence",
            "top_terms",
            "topic_words_table",
            "unit_matrix",
            "unit_shares",
        ],
        "packages": ["frame_packages", "package_shares", "topic_correlations", "topic_network"],
        "selection": ["Selection", "k_grid_for", "select_model", "subsample"],
        "units": ["EXCLUSION_REASONS", "screen_units"],
    },
)
