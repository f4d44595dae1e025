"""What surrounds a target: collocates within a word window, per outlet, scored as NLTK's
bigram association measures score them (:mod:`framelab.terms.association`)."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator

import pandas as pd

from framelab.segment.tokens import Analyzer
from framelab.terms.association import likelihood_ratio, pmi

__all__ = ["COLLOCATE_COLUMNS", "target_collocates"]

COLLOCATE_COLUMNS = [
    "outlet",
    "target",
    "term",
    "n_window",
    "n_term",
    "n_docs",
    "pmi",
    "llr",
    "n_mentions",
]


def target_collocates(
    mentions: pd.DataFrame,
    sentences: pd.DataFrame,
    counts: pd.DataFrame,
    analyzer: Analyzer,
    *,
    window: int = 5,
    min_window: int = 2,
) -> pd.DataFrame:
    """Terms found within ``window`` content tokens of each target mention, by outlet.

    A mention's window is the ``window`` tokens before and after it in its sentence. For each
    outlet, target and term the contingency table is: ``n_window`` (the term inside the
    target's windows), the target's window slots (all tokens in its windows), ``n_term`` (the
    term in the outlet) and the outlet's token total; pointwise mutual information and the
    likelihood ratio score it, as NLTK's ``BigramAssocMeasures`` does.

    Parameters
    ----------
    mentions : DataFrame
        As from :func:`framelab.terms.targets.find_mentions`.
    sentences : DataFrame
        ``unit_id, text, start`` of the clean text (the mentions' sentences).
    counts : DataFrame
        ``outlet, term, n`` over the study vocabulary (terms outside it are ignored).
    analyzer : Analyzer
        The study analyzer.
    window : int, default=5
    min_window : int, default=2
        Terms seen fewer times in the windows are dropped.

    Returns
    -------
    DataFrame
        :data:`COLLOCATE_COLUMNS`, sorted by outlet, target and descending ``llr``;
        ``n_docs`` is the number of documents whose windows hold the term.
    """
    if mentions.empty:
        return pd.DataFrame(columns=COLLOCATE_COLUMNS)
    texts_starts = zip(sentences["text"].tolist(), sentences["start"].tolist(), strict=True)
    sentence_of = dict(zip(sentences["unit_id"].tolist(), texts_starts, strict=True))
    outlet_counts = {
        o: dict(zip(g["term"], g["n"], strict=True)) for o, g in counts.groupby("outlet")
    }
    in_window: dict[tuple[str, str], Counter] = {}
    docs_with: dict[tuple[str, str], dict[str, set]] = {}
    slots: Counter = Counter()
    n_mentions: Counter = Counter()
    for (outlet, target, doc_id, sentence_id), found in _by_sentence(mentions):
        text, offset = sentence_of[sentence_id]
        spans = sorted((start - offset, end - offset) for start, end in found)
        vocabulary = outlet_counts.get(outlet, {})
        tokens = [t for t in _context_tokens(text, spans, analyzer, window) if t in vocabulary]
        key = (outlet, target)
        in_window.setdefault(key, Counter()).update(tokens)
        for token in tokens:
            docs_with.setdefault(key, {}).setdefault(token, set()).add(doc_id)
        slots[key] += len(tokens)
        n_mentions[key] += len(spans)
    rows = []
    for (outlet, target), found in in_window.items():
        vocabulary = outlet_counts[outlet]
        total = sum(vocabulary.values())
        for term, n_ii in found.items():
            if n_ii < min_window:
                continue
            # a term's outlet count bounds its window count; tokenising a sentence piece can
            # differ from tokenising the whole document at the cut, so keep the table valid
            marginals = (slots[(outlet, target)], max(vocabulary[term], n_ii))
            rows.append(
                (
                    outlet,
                    target,
                    term,
                    n_ii,
                    vocabulary[term],
                    len(docs_with[(outlet, target)][term]),
                    pmi(n_ii, marginals, total),
                    likelihood_ratio(n_ii, marginals, total),
                    n_mentions[(outlet, target)],
                )  # fmt: skip
            )
    table = pd.DataFrame(rows, columns=COLLOCATE_COLUMNS)
    return table.sort_values(
        ["outlet", "target", "llr", "term"], ascending=[True, True, False, True], ignore_index=True
    )


def _by_sentence(
    mentions: pd.DataFrame,
) -> Iterator[tuple[tuple[str, str, str, str], list[tuple[int, int]]]]:
    """Mention spans grouped by ``(outlet, target, doc_id, sentence_id)``, keys in order."""
    columns = ["outlet", "target", "doc_id", "sentence_id", "start", "end"]
    rows = sorted(zip(*(mentions[c].tolist() for c in columns), strict=True))
    for key, group in itertools.groupby(rows, key=lambda row: row[:4]):
        yield key, [(int(row[4]), int(row[5])) for row in group]


def _context_tokens(
    text: str, spans: list[tuple[int, int]], analyzer: Analyzer, window: int
) -> list[str]:
    """Tokens within ``window`` of any mention span, each token position counted once."""
    cuts = [0, *(x for span in spans for x in span), len(text)]
    gaps = [analyzer(text[a:b]) for a, b in zip(cuts[::2], cuts[1::2], strict=True)]
    tokens: list[str] = []
    for i, gap in enumerate(gaps):
        before = i > 0  # a mention precedes this gap
        after = i < len(gaps) - 1  # a mention follows it
        if before and after and len(gap) > 2 * window:
            tokens += gap[:window] + gap[-window:]
        elif before and after:
            tokens += gap
        elif before:
            tokens += gap[:window]
        elif after:
            tokens += gap[-window:]
    return tokens
