"""Figure jobs: one job draws the figures of one analysis (terms, topics, framing, stance).

Starting Python and importing pandas, matplotlib and framelab takes a figure job about 1.5 s,
longer than drawing most figures; drawing a group per job pays it once per group. A group
rule names each argument ``<figure>__<argument>`` (e.g. ``stance__png``), and
:func:`run_figures` hands every figure its own arguments.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

__all__ = ["FIGURES", "SEPARATOR", "run_figures", "split_arguments"]

SEPARATOR = "__"

#: figure name -> "module:function" in framelab.stages that draws it
FIGURES = {
    "distinctive_terms": "term_figures:run_figure_terms",
    "fightin_words": "term_figures:run_figure_fightin",
    "fightin_words_pair": "term_figures:run_figure_pair",
    "outlet_similarity": "term_figures:run_figure_similarity",
    "topic_prevalence": "topic_figures:run_figure_topics",
    "topic_selection": "topic_figures:run_figure_topic_selection",
    "topic_network": "topic_figures:run_figure_topic_network",
    "topic_time": "topic_figures:run_figure_topic_time",
    "frames": "framing_figures:run_figure_frames",
    "voices": "framing_figures:run_figure_voices",
    "stance": "stance:run_figure_stance",
    "headline": "framing_figures:run_headline",
}


def split_arguments(arguments: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"stance__png": p, ...}`` as ``{"stance": {"png": p, ...}}``, figures in the order
    their first argument comes.

    Raises
    ------
    KeyError
        An argument without ``__``, or one naming a figure not in :data:`FIGURES`.
    """
    figures: dict[str, dict[str, Any]] = {}
    for key, value in arguments.items():
        figure, separator, argument = key.partition(SEPARATOR)
        if not separator or not argument:
            raise KeyError(f"figure argument {key!r} is not named <figure>{SEPARATOR}<argument>")
        if figure not in FIGURES:
            known = sorted(FIGURES)
            raise KeyError(f"figure argument {key!r}: no figure {figure!r}; figures are {known}")
        figures.setdefault(figure, {})[argument] = value
    return figures


def run_figures(config: dict[str, Any], **arguments: Any) -> None:
    """Draw each figure named in ``arguments``, in order, with its own arguments."""
    for figure, own in split_arguments(arguments).items():
        module, function = FIGURES[figure].split(":")
        draw = getattr(importlib.import_module(f"framelab.stages.{module}"), function)
        draw(config, **own)
