"""Choosing the number of topics: coherence, diversity, exclusivity and stability for each K.

Coherence is NPMI over each topic's top words with boolean co-occurrence in sliding windows,
as gensim's ``c_npmi`` defines it. Stability is the best-match Jaccard similarity of top-word
sets between seeded restarts (Hungarian matching), each matched pair weighted by the mass of
its topics, so that near-empty topics that every seed reproduces cannot make a model "stable".
A model in which one topic carries most of every outlet's mass is degenerate
(:func:`topic_mass_flags`). The default grid of K grows with the corpus (:func:`k_grid_for`);
the rule that picks K is :func:`choose_k`.
"""

from __future__ import annotations

import itertools
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from framelab.topics.models import FittedTopics, UnitMatrix, fit_topics, top_terms

__all__ = [
    "EPSILON",
    "Selection",
    "choose_k",
    "exclusivity",
    "k_grid_for",
    "matched_jaccard",
    "npmi_coherence",
    "restart_stability",
    "select_model",
    "subsample",
    "topic_diversity",
    "topic_mass",
    "topic_mass_flags",
]

log = logging.getLogger(__name__)

EPSILON = 1e-12  # gensim's smoothing of the joint probability in NPMI
_BLOCK_TOKENS = 200_000  # tokens per block when counting window co-occurrences


@dataclass(frozen=True)
class Selection:
    """The outcome of model selection.

    Attributes
    ----------
    table : DataFrame
        One row per K: metrics of the best restart, stability across restarts, ``chosen``.
    k : int
        The number of topics used.
    reason : str
        How ``k`` was chosen, in a sentence.
    fits : dict of int to list of FittedTopics
        Every restart of every K, in seed order.
    """

    table: pd.DataFrame
    k: int
    reason: str
    fits: dict[int, list[FittedTopics]]

    def best(self, k: int | None = None) -> FittedTopics:
        """The restart with the lowest objective at ``k`` (default: the chosen K)."""
        fits = self.fits[self.k if k is None else k]
        return min(fits, key=lambda f: (f.objective, f.seed))


def npmi_coherence(
    top_words: Sequence[Sequence[str]],
    texts: Sequence[Sequence[str]],
    *,
    window: int = 10,
    epsilon: float = EPSILON,
) -> np.ndarray:
    """NPMI coherence of each topic, as gensim's ``CoherenceModel(coherence="c_npmi")``.

    Every text is cut into sliding windows of ``window`` tokens (a shorter text, even an empty
    one, is one window). Probabilities are the shares
    of windows that contain a word, or both words, at least once. For each pair of a topic's
    top words, ``NPMI = log((p_ij + eps) / (p_i p_j)) / -log(p_ij + eps)``; a topic's
    coherence is the mean over its pairs.

    gensim (4.4) updates a window's word set incrementally and drops a word that leaves the
    window even when another copy of it is still inside; here presence is exact, so the two
    agree whenever no word repeats within a window.

    Parameters
    ----------
    top_words : sequence of sequences of str
        Each topic's top words.
    texts : sequence of sequences of str
        The units as token lists.
    window : int, default=10
        Window length in tokens.
    epsilon : float, default=1e-12

    Returns
    -------
    ndarray of shape (n_topics,)
        NaN for a topic with fewer than two words, or with a word absent from the texts.
    """
    relevant = sorted({w for topic in top_words for w in topic})
    index = {w: i for i, w in enumerate(relevant)}
    n_windows, occurrences, joint = _window_counts(texts, index, window)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = occurrences / n_windows if n_windows else np.zeros(len(relevant))
        p_joint = joint / n_windows if n_windows else np.zeros_like(joint, dtype=float)
        npmi = np.log((p_joint + epsilon) / np.outer(p, p)) / -np.log(p_joint + epsilon)
    scores = []
    for topic in top_words:
        ids = [index[w] for w in topic]
        pairs = [npmi[i, j] for i, j in itertools.combinations(ids, 2)]
        absent = any(occurrences[i] == 0 for i in ids)
        scores.append(float(np.mean(pairs)) if pairs and not absent else np.nan)
    return np.asarray(scores, dtype=float)


def topic_diversity(top_words: Sequence[Sequence[str]]) -> float:
    """Share of unique words among all topics' top words (1: no word repeats)."""
    words = [w for topic in top_words for w in topic]
    return len(set(words)) / len(words) if words else np.nan


def exclusivity(topic_term: np.ndarray, n_top: int) -> np.ndarray:
    """Mean exclusivity of each topic's top words.

    The exclusivity of word w to topic k is ``beta_kw / sum_j beta_jw`` (its share of the
    word's weight across topics); it lies in [1/K, 1].

    Parameters
    ----------
    topic_term : ndarray of shape (k, n_terms)
        Topic-term distributions (rows sum to 1).
    n_top : int
        Top words per topic.
    """
    totals = topic_term.sum(axis=0)
    share = topic_term / np.where(totals > 0, totals, 1.0)
    out = []
    for k, weights in enumerate(topic_term):
        top = np.argsort(-weights, kind="stable")[:n_top]
        out.append(float(share[k, top].mean()))
    return np.asarray(out)


def matched_jaccard(
    first: Sequence[Sequence[str]],
    second: Sequence[Sequence[str]],
    *,
    mass_first: np.ndarray | None = None,
    mass_second: np.ndarray | None = None,
) -> tuple[float, np.ndarray]:
    """Best one-to-one matching of two models' topics by Jaccard similarity of top words.

    Parameters
    ----------
    first, second : sequence of sequences of str
        Each model's topics as top words.
    mass_first, mass_second : ndarray, optional
        Each topic's share of its model's mass (:func:`topic_mass`). Given both, the mean
        weights every matched pair by the mean mass of its two topics.

    Returns
    -------
    mean : float
        (Mass-weighted) mean Jaccard similarity of the matched pairs (1: the same topics).
    matching : ndarray of int
        ``matching[i]`` is the topic of ``second`` matched to topic ``i`` of ``first``.
    """
    sets_a, sets_b = [set(t) for t in first], [set(t) for t in second]
    similarity = np.array([[len(a & b) / len(a | b) if a | b else 1.0 for b in sets_b]
                           for a in sets_a])  # fmt: skip
    rows, cols = linear_sum_assignment(-similarity)
    matching = np.full(len(sets_a), -1, dtype=int)
    matching[rows] = cols
    weights = np.ones(len(rows))
    if mass_first is not None and mass_second is not None:
        weights = (np.asarray(mass_first)[rows] + np.asarray(mass_second)[cols]) / 2
    if weights.sum() <= 0:
        weights = np.ones(len(rows))
    return float(np.average(similarity[rows, cols], weights=weights)), matching


def restart_stability(
    top_words_per_restart: Sequence[Sequence[Sequence[str]]],
    masses: Sequence[np.ndarray] | None = None,
) -> np.ndarray:
    """Matched Jaccard similarity of every pair of restarts (empty with one restart).

    With ``masses`` (each restart's :func:`topic_mass`), each pair's similarity is weighted
    by topic mass (see :func:`matched_jaccard`).
    """
    n = len(top_words_per_restart)
    mass = list(masses) if masses is not None else [None] * n
    return np.asarray(
        [
            matched_jaccard(
                top_words_per_restart[i],
                top_words_per_restart[j],
                mass_first=mass[i],
                mass_second=mass[j],
            )[0]
            for i, j in itertools.combinations(range(n), 2)
        ],
        dtype=float,
    )


def k_grid_for(n_docs: int, *, n_values: int = 6, k_cap: int = 40) -> list[int]:
    """The default grid of K for a corpus of ``n_docs`` modelled documents.

    The largest K is ``round(sqrt(n_docs) / 2)``, at least 4 and at most ``k_cap``; the
    smallest is a quarter of it, at least 3; ``n_values`` values lie between them on a
    geometric scale (rounded, duplicates dropped). 360 documents give 3-9, 1,500 give 4-19,
    10,000 give 12-50 capped at 40.

    Parameters
    ----------
    n_docs : int
        Documents with at least one modelled unit.
    n_values : int, default=6
    k_cap : int, default=40
    """
    if n_docs < 1:
        raise ValueError(f"the K grid needs at least one document, got {n_docs}")
    k_max = min(k_cap, max(4, round(math.sqrt(n_docs) / 2)))
    k_min = max(3, k_max // 4)
    values = np.geomspace(k_min, k_max, n_values) if k_max > k_min else [k_min]
    return sorted({int(round(v)) for v in values})


def topic_mass(loadings: np.ndarray) -> np.ndarray:
    """Each topic's share of the model's total loading (sums to 1)."""
    totals = np.asarray(loadings, dtype=float).sum(axis=0)
    whole = totals.sum()
    return totals / whole if whole > 0 else np.full(len(totals), 1.0 / max(len(totals), 1))


def topic_mass_flags(
    loadings: np.ndarray,
    outlets: np.ndarray,
    *,
    max_topic_share: float,
    min_topic_mass: float,
) -> dict[str, float | int | bool]:
    """Signs of a degenerate model: a topic that fills every outlet, or near-empty topics.

    Parameters
    ----------
    loadings : ndarray of shape (n_units, k)
    outlets : ndarray of shape (n_units,)
        Each unit's outlet.
    max_topic_share : float
        A topic holding at least this share of the loading of every outlet is dominant
        (config ``topics.max_topic_share``).
    min_topic_mass : float
        A topic holding less than ``min_topic_mass / k`` of the total loading is near-empty
        (config ``topics.min_topic_mass``).

    Returns
    -------
    dict
        ``largest_topic_share`` (the largest topic's share of all loading),
        ``dominant_share`` (the highest, over topics, of a topic's smallest share of any
        outlet), ``dominant_topic`` (``dominant_share >= max_topic_share``),
        ``near_empty_topics`` (count) and ``degenerate`` (a dominant topic, or at least half
        of the topics near-empty).
    """
    loadings = np.asarray(loadings, dtype=float)
    k = loadings.shape[1]
    mass = topic_mass(loadings)
    per_outlet = pd.DataFrame(loadings).groupby(np.asarray(outlets).astype(str)).sum()
    per_outlet = per_outlet[per_outlet.sum(axis=1) > 0]
    shares = per_outlet.div(per_outlet.sum(axis=1), axis=0).to_numpy()
    dominant_share = float(shares.min(axis=0).max()) if len(shares) else 0.0
    near_empty = int((mass < min_topic_mass / k).sum())
    dominant = dominant_share >= max_topic_share
    return {
        "largest_topic_share": float(mass.max()),
        "dominant_share": dominant_share,
        "dominant_topic": bool(dominant),
        "near_empty_topics": near_empty,
        "degenerate": bool(dominant or near_empty >= k / 2),
    }


def choose_k(table: pd.DataFrame, *, min_stability: float) -> tuple[int, str]:
    """The documented rule: the most coherent K among the stable, non-degenerate ones.

    A K is stable when the mass-weighted matched Jaccard similarity of its restarts is at
    least ``min_stability`` (config ``topics.min_stability``; always, with a single restart).
    A K flagged ``degenerate`` (one topic dominating every outlet, or half its topics
    near-empty: :func:`topic_mass_flags`) is never preferred. Among stable, non-degenerate K
    the highest mean NPMI coherence wins, ties going to the smaller K. When none is stable,
    the most stable non-degenerate K is taken; when every K is degenerate, the most stable K;
    both with a warning.

    With a ``coherence_content`` column (the coherence of the topics not marked suspect:
    :func:`select_model` with ``suspect_of``), K are ranked by it instead of ``coherence``; a
    K whose topics are all suspect is then not eligible.

    Parameters
    ----------
    table : DataFrame
        Columns ``k, coherence, stability`` and optionally ``degenerate`` and
        ``coherence_content``.
    """
    degenerate = (
        table["degenerate"].astype(bool)
        if "degenerate" in table
        else pd.Series(False, index=table.index)
    )
    sound = table[~degenerate]
    stable = sound[sound["stability"].isna() | (sound["stability"] >= min_stability)]
    score = "coherence_content" if "coherence_content" in table else "coherence"
    stable_any = stable[stable["coherence"].notna()]
    stable = stable[stable[score].notna()]
    if not stable.empty:
        best = stable.sort_values([score, "k"], ascending=[False, True]).iloc[0]
        what = "of the topics not marked suspect " if score == "coherence_content" else ""
        return int(best["k"]), (
            f"highest mean NPMI coherence {what}({best[score]:.3f}) among K whose restarts agree "
            f"(mass-weighted stability >= {min_stability}, config topics.min_stability) and "
            "with no topic dominating every outlet"
        )
    if not stable_any.empty:  # stable K exist, but every topic of each is suspect
        best = stable_any.sort_values(["coherence", "k"], ascending=[False, True]).iloc[0]
        log.warning(
            "every topic of every stable K is marked suspect; taking the most coherent, K=%d: "
            "the topics describe single documents, outlets or page furniture",
            int(best["k"]),
        )
        return int(best["k"]), (
            "every topic of every stable K was marked suspect; the highest mean NPMI "
            f"coherence ({best['coherence']:.3f}) was taken"
        )
    if sound.empty:
        best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
        log.warning(
            "every K in the grid is degenerate (one topic holds most of every outlet's mass, "
            "or half the topics are near-empty); taking the most stable, K=%d: the topics "
            "do not separate this corpus, read them with care",
            int(best["k"]),
        )
        return int(best["k"]), (
            "every K was degenerate (a topic dominating every outlet, or near-empty topics); "
            f"the most stable K ({best['stability']:.3f}) was taken"
        )
    table = sound
    best = table.sort_values(["stability", "k"], ascending=[False, True]).iloc[0]
    log.warning(
        "no K in topics.k_grid reaches topics.min_stability=%s; taking the most stable, K=%d "
        "(stability %.3f): the topics change from seed to seed, read them with care",
        min_stability,
        int(best["k"]),
        best["stability"],
    )
    return int(best["k"]), (
        f"no K reached stability {min_stability} (config topics.min_stability); the most "
        f"stable K ({best['stability']:.3f}) was taken"
    )


def subsample(data: UnitMatrix, max_units: int, *, random_state: int) -> UnitMatrix:
    """A seeded sample of at most ``max_units`` units (all of them when there are fewer)."""
    n_units = data.counts.shape[0]
    if n_units <= max_units:
        return data
    rows = np.sort(np.random.default_rng(random_state).choice(n_units, max_units, replace=False))
    return UnitMatrix(
        units=data.units.iloc[rows].reset_index(drop=True),
        counts=data.counts[rows],
        tfidf=data.tfidf[rows],
        terms=data.terms,
        tokens=[data.tokens[i] for i in rows],
    )


def select_model(
    data: UnitMatrix,
    *,
    engine: str,
    k_grid: Sequence[int] | None,
    k: int | None,
    restarts: int,
    random_state: int,
    minibatch_above: int,
    n_top_words: int,
    window: int = 10,
    min_stability: float = 0.6,
    max_topic_share: float = 0.75,
    min_topic_mass: float = 0.25,
    suspect_of: Callable[[FittedTopics, UnitMatrix], np.ndarray] | None = None,
) -> Selection:
    """Fit every K of the grid with several seeds and pick K.

    Parameters
    ----------
    data : UnitMatrix
        The units to fit (possibly a :func:`subsample`).
    engine : {"nmf", "lda"}
    k_grid : sequence of int or None
        Candidate numbers of topics (config ``topics.k_grid``); None (``auto``) takes
        :func:`k_grid_for` the number of documents with a modelled term, leaving out K
        the units or terms cannot carry.
    k : int or None
        A fixed K (config ``topics.k`` with ``topics.k_select: fixed``), added to the grid;
        None lets :func:`choose_k` decide.
    restarts : int
        Seeds per K: ``random_state``, ``random_state + 1``, ...
    random_state, minibatch_above, n_top_words, window, min_stability
        See config ``topics``.
    max_topic_share, min_topic_mass
        Flags of a degenerate model (:func:`topic_mass_flags`).
    suspect_of : callable, optional
        ``suspect_of(fitted, data)`` marks the suspect topics of a fit (bool per topic,
        e.g. from :func:`framelab.topics.diagnostics.topic_diagnostics`). With it, the
        table gains ``n_suspect``, ``suspect_mass`` and ``coherence_content`` (mean NPMI of
        the best restart's other topics), and :func:`choose_k` ranks K by the latter, so
        that coherent page furniture does not pick K.
    """
    n_units = data.counts.shape[0]
    if k_grid is None:
        modelled = np.asarray(data.counts.sum(axis=1)).ravel() > 0
        n_docs = data.units.loc[modelled, "doc_id"].nunique()
        k_grid = [g for g in k_grid_for(n_docs) if g < n_units and g <= len(data.terms)]
        k_grid = k_grid or [min(2, max(n_units - 1, 1))]
        log.info("topics: K grid %s for %d documents (topics.k_grid: auto)", k_grid, n_docs)
    grid = sorted(set(k_grid) | ({k} if k is not None else set()))
    key = "topics.k" if k is not None and k not in k_grid else "topics.k_grid"
    too_big = [g for g in grid if g >= n_units or g > len(data.terms)]
    if too_big:
        raise ValueError(
            f"{key}: K={too_big} needs more units than topics and no more topics than terms, "
            f"but there are {n_units} units and {len(data.terms)} terms; lower {key}"
        )
    fits: dict[int, list[FittedTopics]] = {}
    rows = []
    for candidate in grid:
        fits[candidate] = [
            fit_topics(
                data,
                engine=engine,
                k=candidate,
                seed=random_state + r,
                minibatch_above=minibatch_above,
            )
            for r in range(restarts)
        ]
        words = [top_terms(f.components, data.terms, n_top_words) for f in fits[candidate]]
        per_topic = [npmi_coherence(w, data.tokens, window=window) for w in words]
        coherence = np.array([np.nanmean(c) for c in per_topic])
        best = min(range(restarts), key=lambda r: (fits[candidate][r].objective, r))
        content = {}
        if suspect_of is not None:
            suspect = np.asarray(suspect_of(fits[candidate][best], data), dtype=bool)
            kept = per_topic[best][~suspect]
            content = {
                "n_suspect": int(suspect.sum()),
                "suspect_mass": float(topic_mass(fits[candidate][best].loadings)[suspect].sum()),
                "coherence_content": float(np.nanmean(kept)) if np.isfinite(kept).any() else np.nan,
            }
        masses = [topic_mass(f.loadings) for f in fits[candidate]]
        pairs = restart_stability(words, masses)
        unweighted = restart_stability(words)
        flags = topic_mass_flags(
            fits[candidate][best].loadings,
            data.units["outlet"].to_numpy(),
            max_topic_share=max_topic_share,
            min_topic_mass=min_topic_mass,
        )
        rows.append(
            {
                "k": candidate,
                "engine": engine,
                "n_units": n_units,
                "n_terms": len(data.terms),
                "restarts": restarts,
                "best_seed": fits[candidate][best].seed,
                "objective": fits[candidate][best].objective,
                "coherence": coherence[best],
                "coherence_min": coherence.min(),
                "coherence_max": coherence.max(),
                "diversity": topic_diversity(words[best]),
                "exclusivity": float(
                    exclusivity(fits[candidate][best].topic_term, n_top_words).mean()
                ),
                "stability": pairs.mean() if len(pairs) else np.nan,
                "stability_min": pairs.min() if len(pairs) else np.nan,
                "stability_unweighted": unweighted.mean() if len(unweighted) else np.nan,
                **flags,
                **content,
            }
        )
    table = pd.DataFrame(rows)
    if k is None:
        chosen, reason = choose_k(table[table["k"].isin(k_grid)], min_stability=min_stability)
    else:
        chosen, reason = k, "fixed by config topics.k (topics.k_select: fixed)"
    table["chosen"] = table["k"] == chosen
    log.info("topics: K=%d, %s", chosen, reason)
    return Selection(table=table, k=chosen, reason=reason, fits=fits)


def _window_counts(
    texts: Sequence[Sequence[str]], index: dict[str, int], window: int
) -> tuple[int, np.ndarray, np.ndarray]:
    """Windows, windows containing each word, windows containing each pair (boolean)."""
    n_words = len(index)
    occurrences = np.zeros(n_words, dtype=np.int64)
    joint = np.zeros((n_words, n_words), dtype=np.int64)
    n_windows = 0
    ids = [  # an empty text counts as one (empty) window, as in gensim
        np.fromiter((index.get(w, -1) for w in text), dtype=np.int64, count=len(text))
        for text in texts
    ]
    start = 0
    while start < len(ids):
        stop, size = start, 0
        while stop < len(ids) and (size == 0 or size + len(ids[stop]) <= _BLOCK_TOKENS):
            size += len(ids[stop])
            stop += 1
        n, occ, co = _block_counts(ids[start:stop], n_words, window)
        n_windows += n
        occurrences += occ
        joint += co
        start = stop
    return n_windows, occurrences, joint


def _block_counts(
    ids: list[np.ndarray], n_words: int, window: int
) -> tuple[int, np.ndarray, np.ndarray]:
    """Windows of a block of texts, and how many contain each word and each pair of words.

    The window-by-word presence matrix is built sparse from the positions of the relevant
    words only (a token at position ``p`` of a text lies in the windows starting at
    ``p - window + 1`` to ``p``, within the text), so the work grows with those positions
    rather than with every window times every word.
    """
    lengths = np.array([len(a) for a in ids], dtype=np.int64)
    per_text = np.maximum(lengths - window + 1, 1)  # windows per text (an empty text: one)
    first_window = np.concatenate([[0], np.cumsum(per_text)[:-1]])
    n_windows = int(per_text.sum())
    tokens = np.concatenate(ids) if ids else np.zeros(0, dtype=np.int64)
    text_of = np.repeat(np.arange(len(ids)), lengths)
    position = np.arange(len(tokens)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    relevant = tokens >= 0
    words, text_of, position = tokens[relevant], text_of[relevant], position[relevant]
    rows, cols = [], []
    for back in range(window):  # the window starting `back` tokens before the word
        start = position - back
        inside = (start >= 0) & (start < per_text[text_of])
        rows.append(first_window[text_of[inside]] + start[inside])
        cols.append(words[inside])
    row = np.concatenate(rows)
    present = sparse.csr_matrix(
        (np.ones(len(row), dtype=np.int64), (row, np.concatenate(cols))),
        shape=(n_windows, n_words),
    )
    present.data[:] = 1  # a word counts once per window however often it occurs there
    occurrences = np.asarray(present.sum(axis=0)).ravel().astype(np.int64)
    joint = (present.T @ present).toarray().astype(np.int64)
    return n_windows, occurrences, joint
