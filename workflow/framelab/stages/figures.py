"""Glue of ``workflow/rules/figures.smk``: one job draws the figures of one analysis (terms,
topics, framing, stance); another writes the figure index.

Starting Python and importing pandas, matplotlib and framelab takes a figure job about 1.5 s,
longer than drawing most figures; drawing a group per job pays it once per group. A group
rule names each argument ``<figure>__<argument>`` (e.g. ``stance__png``), and
:func:`run_figures` hands every figure its own tables, then writes it to its own files. Each
figure's function here reads its tables and returns the figure and the numbers it shows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from framelab import clean, figures, framing, terms
from framelab.config import outlets as config_outlets
from framelab.display import lexicon_labels
from framelab.io import Paths, read_parquet, write_csv, write_text

__all__ = ["FIGURES", "SEPARATOR", "run_figure_index", "run_figures", "split_arguments"]

SEPARATOR = "__"


def split_arguments(arguments: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """``{"stance__png": p, ...}`` as ``{"stance": {"png": p, ...}}``, figures in the order
    their first argument comes.

    Raises
    ------
    KeyError
        An argument without ``__``, or one naming a figure not in :data:`FIGURES`.
    """
    by_figure: dict[str, dict[str, Any]] = {}
    for key, value in arguments.items():
        figure, separator, argument = key.partition(SEPARATOR)
        if not separator or not argument:
            raise KeyError(f"figure argument {key!r} is not named <figure>{SEPARATOR}<argument>")
        if figure not in FIGURES:
            known = sorted(FIGURES)
            raise KeyError(f"figure argument {key!r}: no figure {figure!r}; figures are {known}")
        by_figure.setdefault(figure, {})[argument] = value
    return by_figure


def run_figures(config: dict[str, Any], **arguments: Any) -> None:
    """Draw each figure named in ``arguments``, in order, from its own tables, and write it to
    its own files: ``vector`` (PDF, SVG) and ``png``, the numbers it shows to ``csv``."""
    for figure, own in split_arguments(arguments).items():
        paths = [*own.pop("vector"), own.pop("png")]
        csv = own.pop("csv")
        draw = functools.partial(FIGURES[figure], config, **own)
        figures.render_figure(draw, paths, csv=csv, dpi=config["figures"]["dpi"], config=config)


def run_figure_index(config: dict[str, Any], *, pngs: Paths, index_out: str | Path) -> None:
    """Write ``figures/index.csv``: each figure's files, caption (rendered with ``config``),
    rule, settings and inputs."""
    del pngs  # the DAG passes them so the index is written after every figure exists
    write_csv(figures.figure_manifest(config["manifest"], config), index_out)


Figure = tuple[Any, pd.DataFrame]  # a matplotlib figure and the numbers it shows


def distinctive_terms(config: dict[str, Any], *, fightin: str | Path, sizes: str | Path) -> Figure:
    """The distinctive terms of each outlet."""
    outlets = config_outlets(config)
    data = figures.distinctive_terms_data(
        read_parquet(fightin), pd.read_csv(sizes), outlets, top_n=config["terms"]["top_n"]
    )
    labels = _term_labels(config)
    return figures.distinctive_terms_figure(data, outlets, term_labels=labels), data


def fightin_words(config: dict[str, Any], *, fightin: str | Path, sizes: str | Path) -> Figure:
    """The Monroe-style Fightin' Words panels (each outlet against the rest)."""
    return figures.monroe_figure(
        read_parquet(fightin),
        pd.read_csv(sizes),
        config_outlets(config),
        top_n=config["terms"]["top_n"],
        term_labels=_term_labels(config),
    )


def fightin_words_pair(config: dict[str, Any], *, pairs: str | Path) -> Figure:
    """The two outlets of config ``terms.compare`` against each other."""
    return figures.pair_figure(
        read_parquet(pairs),
        config_outlets(config),
        config["terms"]["compare"],
        top_n=config["terms"]["top_n"],
        term_labels=_term_labels(config),
    )


def outlet_similarity(config: dict[str, Any], *, similarity: str | Path) -> Figure:
    """The outlet-similarity heatmap."""
    return figures.similarity_figure(
        pd.read_csv(similarity), config_outlets(config), ci=config["stats"]["ci"]
    )


def _term_labels(config: dict[str, Any]) -> dict[str, str]:
    """Display names of canonical entity ids (``s_400`` is drawn as ``S-400``)."""
    return dict(clean.load_entities(config["clean"]["entities"]).labels)


def topic_prevalence(
    config: dict[str, Any], *, topic_words: str | Path, prevalence: str | Path
) -> Figure:
    """Topic prevalence by outlet."""
    outlets = config_outlets(config)
    data = figures.topic_prevalence_data(pd.read_csv(prevalence), pd.read_csv(topic_words), outlets)
    return figures.topic_prevalence_figure(data, outlets, ci=config["stats"]["ci"]), data


def topic_selection(config: dict[str, Any], *, selection: str | Path) -> Figure:
    """Coherence, diversity, exclusivity and stability against K."""
    data = figures.topic_selection_data(pd.read_csv(selection))
    unit = config.get("segment", {}).get("unit", "unit")
    fig = figures.topic_selection_figure(
        data, unit=unit, min_stability=config["topics"]["min_stability"]
    )
    return fig, data


def topic_network(
    config: dict[str, Any],
    *,
    topic_words: str | Path,
    network: str | Path,
    packages: str | Path,
    package_prevalence: str | Path,
) -> Figure:
    """The topic network coloured by frame package, and package prevalence by outlet."""
    outlets = config_outlets(config)
    data = figures.topic_network_data(
        pd.read_csv(topic_words),
        pd.read_csv(network),
        pd.read_csv(packages),
        pd.read_csv(package_prevalence),
        outlets,
        random_state=config["random_state"],
    )
    return figures.topic_network_figure(data, outlets, ci=config["stats"]["ci"]), data


def topic_time(config: dict[str, Any], *, topic_words: str | Path, time: str | Path) -> Figure:
    """Topic prevalence over time per outlet (or the note why it is not drawn)."""
    data = figures.topic_time_data(
        pd.read_csv(time, keep_default_na=False, na_values=[""]), pd.read_csv(topic_words)
    )
    return figures.topic_time_figure(data, config_outlets(config), ci=config["stats"]["ci"]), data


def frames(config: dict[str, Any], *, frames: str | Path) -> Figure:
    """The frame profile by outlet."""
    return figures.frame_profile_figure(
        pd.read_csv(frames),
        config_outlets(config),
        ci=config["stats"]["ci"],
        frame_labels=lexicon_labels(config, "frames"),
    )


def voices(config: dict[str, Any], *, sources: str | Path) -> Figure:
    """The voices quoted by outlet."""
    return figures.voices_figure(pd.read_csv(sources), config_outlets(config))


def stance(
    config: dict[str, Any], *, stance: str | Path, tests: str | Path | None = None
) -> Figure:
    """Stance toward each target by outlet, with how many outlet pairs differ (adjusted p)."""
    return figures.stance_figure(
        pd.read_csv(stance),
        config_outlets(config),
        config["targets"]["use"],
        ci=config["stats"]["ci"],
        tests=pd.read_csv(tests) if tests is not None else None,
        target_labels=lexicon_labels(config, "targets"),
    )


def headline(
    config: dict[str, Any],
    *,
    kwic: str | Path,
    sizes: str | Path,
    stance: str | Path,
    collocations: str | Path,
    unit_frames: str | Path,
    examples_out: str | Path,
) -> Figure:
    """The headline figure for config ``headline.target`` (by default the target mentioned
    most often); its KWIC examples go to ``examples_out``."""
    outlets = config_outlets(config)
    concordance = pd.read_csv(kwic, keep_default_na=False)
    target = config["headline"].get("target") or terms.most_mentioned(
        concordance, config["targets"]["use"]
    )
    examples = framing.kwic_examples(
        concordance, target, per_outlet=config["headline"]["examples_per_outlet"]
    )
    write_text(terms.kwic_markdown(examples, outlets), examples_out)
    return figures.headline_figure(
        target,
        framing.mention_rates(concordance, pd.read_csv(sizes), target),
        pd.read_csv(stance),
        pd.read_csv(collocations),
        framing.frames_with_target(
            concordance,
            read_parquet(unit_frames),
            target,
            n_boot=config["stats"]["n_boot"],
            ci=config["stats"]["ci"],
            random_state=config["random_state"],
        ),
        outlets,
        ci=config["stats"]["ci"],
        target_labels=lexicon_labels(config, "targets"),
        frame_labels=lexicon_labels(config, "frames"),
    )


#: figure name -> the function that reads its tables and draws it
FIGURES: dict[str, Callable[..., Figure]] = {
    "distinctive_terms": distinctive_terms,
    "fightin_words": fightin_words,
    "fightin_words_pair": fightin_words_pair,
    "outlet_similarity": outlet_similarity,
    "topic_prevalence": topic_prevalence,
    "topic_selection": topic_selection,
    "topic_network": topic_network,
    "topic_time": topic_time,
    "frames": frames,
    "voices": voices,
    "stance": stance,
    "headline": headline,
}
