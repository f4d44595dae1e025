"""The transparent stance score: VADER on the window around a mention plus domain cues."""

from __future__ import annotations

import math
from collections.abc import Sequence

from framelab.stance.context import mention_context
from framelab.stance.cues import CueLexicon, load_cues
from framelab.stance.vader import vader_analyzer

__all__ = ["lexicon_stance", "window_valence"]

#: VADER's normalisation constant and negation scalar (nltk.sentiment.vader).
_ALPHA = 15.0
_NEGATION_SCALAR = -0.74
_NEGATION_REACH = 3


def _unnormalise(compound: float) -> float:
    """The summed valence behind a VADER compound score (inverse of x / sqrt(x² + 15))."""
    c = max(min(compound, 0.9999), -0.9999)
    return c * math.sqrt(_ALPHA / (1.0 - c * c))


def _normalise(total: float) -> float:
    return total / math.sqrt(total * total + _ALPHA)


def window_valence(tokens: Sequence[str], cues: CueLexicon) -> float:
    """Summed valence of a token window: VADER's words plus cues, negated and hedged.

    VADER reads the window as text (it applies its own negation, boosters and "but" rule);
    each cue adds its valence, flipped and scaled by 0.74 when a VADER negator occurs up to
    three tokens before it. A hedge anywhere in the window scales the sum by
    ``cues.hedge_factor``.
    """
    if not tokens:
        return 0.0
    analyzer = vader_analyzer()
    negators = analyzer.constants.NEGATE
    total = _unnormalise(analyzer.polarity_scores(" ".join(tokens))["compound"])
    for match in cues.find(tokens):
        before = tokens[max(0, match.index - _NEGATION_REACH) : match.index]
        negated = any(t in negators or t.endswith("n't") for t in before)
        total += match.cue.valence * (_NEGATION_SCALAR if negated else 1.0)
    if cues.hedges.intersection(tokens):
        total *= cues.hedge_factor
    return total


def lexicon_stance(
    sentence: str, start: int, end: int, *, window: int = 8, cues: CueLexicon | None = None
) -> float:
    """Polarity toward the mention ``sentence[start:end]`` from lexicons, in [-1, 1].

    Parameters
    ----------
    sentence : str
    start, end : int
        Character offsets of the mention, ``end`` exclusive.
    window : int
        Tokens on each side of the mention that are read; the mention itself is left out so
        that a name such as "Freedom Party" carries no sentiment.
    cues : CueLexicon, optional
        Domain cues; default :func:`load_cues` on ``data/lexicons/stance-cues.yaml``.

    Returns
    -------
    float
        VADER's normalisation ``x / sqrt(x² + 15)`` of :func:`window_valence`; 0 when the
        window holds no evaluation.
    """
    cues = cues if cues is not None else load_cues()
    left, right = mention_context(sentence, start, end).window(window)
    return _normalise(window_valence(left + right, cues))
