"""The ``figures`` stage: every figure drawn in the house style (vector PDF and PNG, the CSV
of the numbers shown, a caption), one module per figure family, and the figure index.
"""

from framelab import lazy_exports

__all__, __getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "fightin": ["monroe_figure", "pair_figure"],
        "frames": ["frame_profile_figure"],
        "headline": ["headline_figure"],
        "layout": ["drawn_texts", "text_problems"],
        "manifest": ["caption_text", "figure_manifest"],
        "similarity": ["similarity_figure"],
        "sources": ["voices_figure"],
        "stance": ["stance_figure"],
        "style": [
            "display_name",
            "figure_style",
            "render_figure",
            "save_figure",
            "text_colour",
            "wrap",
        ],
        "terms": ["distinctive_terms_data", "distinctive_terms_figure"],
        "topic_network": ["topic_network_data", "topic_network_figure"],
        "topic_selection": ["topic_selection_data", "topic_selection_figure"],
        "topic_time": ["topic_time_data", "topic_time_figure"],
        "topics": ["topic_prevalence_data", "topic_prevalence_figure"],
    },
)
