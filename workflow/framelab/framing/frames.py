"""Dictionary frames: which frames a text unit carries, how densely, and how precisely.

A frame is a list of terms (words and phrases, with ``*`` suffix wildcards) from
``data/lexicons/frames.yaml``. Units (sentences or paragraphs) are scored for hits, documents
aggregate their units, outlets get the share of documents carrying each frame and the mean
density, with bootstrap intervals over documents. A validation sample and a precision table
let a human check what the dictionary counts.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from framelab.errors import InputError
from framelab.framing.frame_lexicon import Frame
from framelab.framing.frame_scan import FrameScanner
from framelab.stats import bootstrap_mean_ci, outlet_rng

__all__ = [
    "DOCUMENT_COLUMNS",
    "OUTLET_COLUMNS",
    "PRECISION_COLUMNS",
    "SAMPLE_COLUMNS",
    "UNIT_COLUMNS",
    "count_words",
    "document_frames",
    "outlet_frames",
    "score_units",
    "validation_keys",
    "validation_precision",
    "validation_rows",
    "validation_sample",
]

UNIT_COLUMNS = ["doc_id", "outlet", "unit_id", "frame", "hits", "n_words", "present", "density"]
DOCUMENT_COLUMNS = [
    "doc_id",
    "outlet",
    "frame",
    "hits",
    "n_words",
    "present",
    "density",
    "share_units",
]
OUTLET_COLUMNS = [
    "outlet",
    "frame",
    "n_docs",
    "prevalence",
    "low",
    "high",
    "mean_density",
    "density_low",
    "density_high",
    "fragile",
]
SAMPLE_COLUMNS = ["frame", "doc_id", "unit_id", "outlet", "matched_terms", "text", "coder"]
PRECISION_COLUMNS = ["frame", "n_coded", "n_correct", "precision", "low", "high"]

_WORD_TOKENS = re.compile(r"\w+(?:['’-]\w+)*")
_CODER_VALUES = {"1": True, "yes": True, "true": True, "0": False, "no": False, "false": False}
_Z95 = 1.959963984540054  # standard normal quantile for a 95% interval


def count_words(text: str) -> int:
    """Words in ``text``: runs of word characters, joined by inner hyphens or apostrophes."""
    return len(_WORD_TOKENS.findall(text))


def score_units(units: pd.DataFrame, frames: dict[str, Frame]) -> pd.DataFrame:
    """Hits of every frame in every unit.

    Parameters
    ----------
    units : DataFrame
        ``doc_id, outlet, unit_id, text`` (sentences or paragraphs of the clean text).
    frames : dict of Frame

    Returns
    -------
    DataFrame
        :data:`UNIT_COLUMNS`, one row per unit and frame (zero rows included); ``density``
        is hits per 100 words (0 for a unit without words).
    """
    _require(units, ["doc_id", "outlet", "unit_id", "text"], "units")
    scanner = FrameScanner(frames)
    texts = ["" if pd.isna(text) else str(text) for text in units["text"]]
    n_frames = len(frames)
    hits = np.array([scanner.counts(text) for text in texts], dtype=np.int64)
    n_words = np.array([count_words(text) for text in texts], dtype=np.int64)
    table = pd.DataFrame(
        {
            column: units[column].repeat(n_frames).reset_index(drop=True)
            for column in ("doc_id", "outlet", "unit_id")
        }
    )
    table["frame"] = pd.Series(list(frames) * len(texts))
    table["hits"] = hits.reshape(len(texts) * n_frames)
    table["n_words"] = np.repeat(n_words, n_frames)
    table["present"] = table["hits"] > 0
    table["density"] = _density(table["hits"], table["n_words"])
    return table


def document_frames(unit_scores: pd.DataFrame) -> pd.DataFrame:
    """Frames per document, from :func:`score_units`.

    Returns
    -------
    DataFrame
        :data:`DOCUMENT_COLUMNS`; ``hits`` and ``n_words`` are summed over the document's
        units, ``present`` is true when any unit carries the frame, ``density`` is hits per
        100 words and ``share_units`` the share of units carrying the frame.
    """
    _require(unit_scores, UNIT_COLUMNS, "unit scores")
    grouped = unit_scores.groupby(["doc_id", "outlet", "frame"], sort=False)
    table = grouped.agg(
        hits=("hits", "sum"),
        n_words=("n_words", "sum"),
        present=("present", "any"),
        share_units=("present", "mean"),
    ).reset_index()
    table["present"] = table["present"].astype(bool)
    table["density"] = _density(table["hits"], table["n_words"])
    table["share_units"] = table["share_units"].astype(float)
    return table[DOCUMENT_COLUMNS]


def outlet_frames(
    doc_frames: pd.DataFrame, *, n_boot: int, ci: float, random_state: int, min_docs: int
) -> pd.DataFrame:
    """Prevalence and mean density of each frame per outlet, with document bootstrap CIs.

    Parameters
    ----------
    doc_frames : DataFrame
        From :func:`document_frames`: one row per document and frame.
    n_boot, ci, random_state : int, float, int
        Bootstrap resamples, confidence level and seed. The resamples of an outlet's
        documents (sorted by ``doc_id``) are drawn once from ``outlet_rng(random_state,
        outlet)`` and shared by all its frames, as for topic prevalence.
    min_docs : int
        Fewer documents than this mark the row ``fragile``.

    Returns
    -------
    DataFrame
        :data:`OUTLET_COLUMNS`; ``prevalence`` is the share of the outlet's documents
        carrying the frame, ``mean_density`` the mean of document densities; intervals are
        percentile intervals resampling documents, NaN with fewer than two documents.

    Raises
    ------
    InputError
        When a document lacks a frame that other documents of its outlet have, or has two
        rows for one frame.
    """
    _require(doc_frames, ["doc_id", "outlet", "frame", "present", "density"], "document frames")
    frame_order = list(dict.fromkeys(doc_frames["frame"]))
    rows = []
    for outlet in sorted(doc_frames["outlet"].unique(), key=str):
        block = doc_frames[doc_frames["outlet"] == outlet]
        present, density = _by_document(block, outlet)
        frames = [frame for frame in frame_order if frame in present.columns]
        values = np.column_stack([present[frames].to_numpy(float), density[frames].to_numpy(float)])
        rng = outlet_rng(random_state, str(outlet))
        mean, low, high = bootstrap_mean_ci(values, n_boot=n_boot, ci=ci, rng=rng)
        n_docs, k = len(present), len(frames)
        for j, frame in enumerate(frames):
            rows.append(
                (
                    outlet,
                    frame,
                    n_docs,
                    float(mean[j]),
                    float(low[j]),
                    float(high[j]),
                    float(mean[k + j]),
                    float(low[k + j]),
                    float(high[k + j]),
                    n_docs < min_docs,
                )
            )
    return pd.DataFrame(rows, columns=OUTLET_COLUMNS)


def _by_document(block: pd.DataFrame, outlet: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One outlet's ``present`` (as 0/1) and ``density`` tables: documents (sorted) by frame."""
    duplicated = block.duplicated(["doc_id", "frame"])
    if duplicated.any():
        row = block[duplicated].iloc[0]
        raise InputError(
            f"document frames: document {row['doc_id']!r} has more than one row for frame "
            f"{row['frame']!r}"
        )
    present = block.pivot(index="doc_id", columns="frame", values="present").sort_index()
    if present.isna().to_numpy().any():
        doc_id, frame = present.isna().stack().loc[lambda s: s].index[0]
        raise InputError(
            f"document frames: document {doc_id!r} of outlet {outlet!r} has no row for frame "
            f"{frame!r}, which other documents of the outlet have"
        )
    density = block.pivot(index="doc_id", columns="frame", values="density").sort_index()
    return present.astype(float), density.astype(float)


def validation_sample(
    unit_scores: pd.DataFrame,
    units: pd.DataFrame,
    frames: dict[str, Frame],
    *,
    n_per_frame: int,
    random_state: int,
) -> pd.DataFrame:
    """Up to ``n_per_frame`` random units per frame where it fired, for hand coding.

    :func:`validation_keys` draws the units, :func:`validation_rows` adds their texts.

    Returns
    -------
    DataFrame
        :data:`SAMPLE_COLUMNS`, by frame (lexicon order) then ``doc_id, unit_id``;
        ``matched_terms`` lists the lexicon terms that matched ("; "-separated) and
        ``coder`` is empty, for a human to fill with 1 (the frame is there) or 0.
    """
    keys = validation_keys(unit_scores, frames, n_per_frame=n_per_frame, random_state=random_state)
    return validation_rows(keys, units, frames)


def validation_keys(
    unit_scores: pd.DataFrame,
    frames: dict[str, Frame],
    *,
    n_per_frame: int,
    random_state: int,
) -> dict[str, list[tuple[object, object]]]:
    """The ``(doc_id, unit_id)`` of up to ``n_per_frame`` random units per frame where it
    fired, sorted.

    The draw is seeded per frame (``outlet_rng(random_state, f"validation|{frame}")``) from
    the firing units sorted by ``doc_id, unit_id``, so it does not depend on input order.
    """
    _require(unit_scores, ["doc_id", "unit_id", "frame", "present"], "unit scores")
    chosen: dict[str, list[tuple[object, object]]] = {}
    for name in frames:
        fired = unit_scores[(unit_scores["frame"] == name) & unit_scores["present"]]
        keys = sorted(
            set(zip(fired["doc_id"], fired["unit_id"], strict=True)),
            key=lambda k: (str(k[0]), _sort_key(k[1])),
        )
        if not keys:
            continue
        rng = outlet_rng(random_state, f"validation|{name}")
        take = min(n_per_frame, len(keys))
        chosen[name] = [keys[i] for i in sorted(rng.choice(len(keys), size=take, replace=False))]
    return chosen


def validation_rows(
    keys: dict[str, list[tuple[object, object]]],
    units: pd.DataFrame,
    frames: dict[str, Frame],
) -> pd.DataFrame:
    """The validation sheet of the units :func:`validation_keys` chose, from ``units``
    (``doc_id, outlet, unit_id, text``; other units may be left out).

    Raises
    ------
    InputError
        Naming a chosen unit that ``units`` lacks.
    """
    _require(units, ["doc_id", "outlet", "unit_id", "text"], "units")
    texts = units.drop_duplicates(["doc_id", "unit_id"]).set_index(["doc_id", "unit_id"])
    parts = []
    for name, chosen in keys.items():
        for doc_id, unit_id in chosen:
            if (doc_id, unit_id) not in texts.index:
                raise InputError(
                    f"units: no text for doc_id {doc_id!r}, unit_id {unit_id!r} "
                    f"(frame {name!r} fired there in the unit scores)"
                )
            unit = texts.loc[(doc_id, unit_id)]
            text = str(unit["text"])
            matched = "; ".join(frames[name].matched_terms(text))
            parts.append((name, doc_id, unit_id, unit["outlet"], matched, text, ""))
    return pd.DataFrame(parts, columns=SAMPLE_COLUMNS)


def validation_precision(sheet: pd.DataFrame, *, source: str = "validation sheet") -> pd.DataFrame:
    """Dictionary precision per frame from a hand-coded validation sheet.

    Parameters
    ----------
    sheet : DataFrame
        ``frame, coder`` (as written by :func:`validation_sample`); ``coder`` is 1/0,
        yes/no or true/false (any case); blank means not coded.
    source : str
        Name of the sheet (e.g. its file), used in error messages.

    Returns
    -------
    DataFrame
        :data:`PRECISION_COLUMNS`, frames in order of first appearance; ``precision`` is
        ``n_correct / n_coded`` with a Wilson 95% interval (NaN when nothing is coded).

    Raises
    ------
    InputError
        Naming each row (1-based, and its CSV line) whose coder value is not valid.
    """
    _require(sheet, ["frame", "coder"], source)
    problems = []
    codes: list[bool | None] = []
    for position, (frame, value) in enumerate(zip(sheet["frame"], sheet["coder"], strict=True)):
        try:
            codes.append(_coder_value(value))
        except ValueError:
            problems.append(
                f"{source} row {position + 1} (CSV line {position + 2}), frame {frame!r}, "
                f"column 'coder': {value!r} is not one of 1, 0, yes, no, true, false or blank"
            )
            codes.append(None)
    if problems:
        raise InputError(problems)
    coded = pd.DataFrame({"frame": sheet["frame"].to_numpy(), "code": codes})
    rows = []
    for frame in dict.fromkeys(coded["frame"]):
        values = [c for c in coded.loc[coded["frame"] == frame, "code"] if c is not None]
        n_coded, n_correct = len(values), int(sum(values))
        low, high = wilson_interval(n_correct, n_coded)
        precision = n_correct / n_coded if n_coded else math.nan
        rows.append((frame, n_coded, n_correct, precision, low, high))
    return pd.DataFrame(rows, columns=PRECISION_COLUMNS)


def wilson_interval(successes: int, n: int, z: float = _Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion; ``(nan, nan)`` when ``n == 0``."""
    if n == 0:
        return math.nan, math.nan
    p = successes / n
    denominator = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def _coder_value(value: object) -> bool | None:
    """True/False for a coded value, None for blank; ValueError otherwise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        if value in (0, 1):
            return bool(value)
        raise ValueError(value)
    text = str(value).strip().lower()
    if not text or text == "nan":
        return None
    if text in ("1.0", "0.0"):
        text = text[0]
    if text not in _CODER_VALUES:
        raise ValueError(value)
    return _CODER_VALUES[text]


def _density(hits: pd.Series, n_words: pd.Series) -> pd.Series:
    """Hits per 100 words; 0 where there are no words."""
    words = n_words.to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        density = np.where(words > 0, 100.0 * hits.to_numpy(float) / words, 0.0)
    return pd.Series(density, index=hits.index, dtype=float)


def _sort_key(value: object) -> tuple[int, object]:
    """Numbers before strings, each in natural order (unit ids may be either)."""
    if isinstance(value, int | float | np.integer | np.floating):
        return (0, float(value))
    return (1, str(value))


def _require(table: pd.DataFrame, columns: list[str], what: str) -> None:
    """InputError naming the missing columns of ``table``."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise InputError(f"{what}: missing column(s) {missing}; have {list(table.columns)}")
