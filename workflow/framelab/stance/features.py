"""Features of a mention for the stance classifier: masked sentence, window tokens, lexicon scores.

Three views of each mention, all built without looking at labels:

* ``masked``: the sentence's tokens with the mention replaced by ``TGT``, for word and
  character n-grams (the mention's own name never becomes a feature);
* ``window``: the tokens within ``window`` positions of the mention, each emitted as a plain
  ``w_<token>`` and with a side-and-distance marker (``l1_`` / ``r1_`` for the two nearest
  tokens, ``l2_`` / ``r2_`` for the rest), so "attacked TGT" and "TGT attacked" differ;
* ``dense``: VADER compound/positive/negative scores of the masked sentence, the window and
  each side of it, the cue-lexicon valence of each side, the window's
  :func:`~framelab.stance.lexicon.lexicon_stance`-style score and the mention's relative
  position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from framelab.stance.context import mention_context
from framelab.stance.cues import CueLexicon
from framelab.stance.lexicon import _normalise, window_valence
from framelab.stance.vader import vader_analyzer

__all__ = ["DENSE_FEATURES", "MASK", "MentionFeatures", "dense_matrix", "mention_features"]

MASK = "TGT"
_NEAR = 2

DENSE_FEATURES = (
    "vader_sentence_compound",
    "vader_sentence_pos",
    "vader_sentence_neg",
    "vader_window_compound",
    "vader_window_pos",
    "vader_window_neg",
    "vader_left_compound",
    "vader_right_compound",
    "cues_left",
    "cues_right",
    "lexicon_window",
    "relative_position",
    "at_start",
)


@dataclass(frozen=True)
class MentionFeatures:
    """The three views of one mention (see the module docstring)."""

    masked: str
    window: str
    dense: tuple[float, ...]


def mention_features(
    sentence: str, start: int, end: int, *, window: int, cues: CueLexicon
) -> MentionFeatures:
    """Features of the mention ``sentence[start:end]``; see the module docstring."""
    ctx = mention_context(sentence, start, end)
    left, right = ctx.window(window)
    markers = []
    for distance, token in enumerate(reversed(left)):
        markers += [f"w_{token}", f"l{1 if distance < _NEAR else 2}_{token}"]
    for distance, token in enumerate(right):
        markers += [f"w_{token}", f"r{1 if distance < _NEAR else 2}_{token}"]
    masked_tokens = (*ctx.left, MASK, *ctx.right)
    vader = vader_analyzer().polarity_scores
    whole = vader(" ".join(masked_tokens))
    near = vader(" ".join(left + right))
    dense = (
        whole["compound"],
        whole["pos"],
        whole["neg"],
        near["compound"],
        near["pos"],
        near["neg"],
        vader(" ".join(left))["compound"] if left else 0.0,
        vader(" ".join(right))["compound"] if right else 0.0,
        _normalise(sum(m.cue.valence for m in cues.find(left))),
        _normalise(sum(m.cue.valence for m in cues.find(right))),
        _normalise(window_valence(left + right, cues)),
        start / len(sentence),
        float(not ctx.left),
    )
    return MentionFeatures(" ".join(masked_tokens), " ".join(markers), dense)


def dense_matrix(features: Sequence[MentionFeatures]) -> np.ndarray:
    """The dense views stacked into an ``(n, len(DENSE_FEATURES))`` array."""
    return np.array([f.dense for f in features], dtype=float).reshape(-1, len(DENSE_FEATURES))
