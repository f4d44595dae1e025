"""Stance of every mention in a table: model polarity and score, and the lexicon score."""

from __future__ import annotations

import pandas as pd

from framelab.errors import InputError
from framelab.stance.cues import CueLexicon, load_cues
from framelab.stance.lexicon import lexicon_stance
from framelab.stance.model import StanceModel
from framelab.stance.transformer import TransformerStanceModel

__all__ = ["STANCE_COLUMNS", "score_mentions"]

STANCE_COLUMNS = ["polarity", "score", "lexicon_score"]
_REQUIRED = ("sentence", "sentence_start", "sentence_end")


def score_mentions(
    mentions: pd.DataFrame,
    model: StanceModel | TransformerStanceModel,
    cues: CueLexicon | None = None,
    *,
    window: int = 8,
) -> pd.DataFrame:
    """Add the stance toward each mention.

    Parameters
    ----------
    mentions : DataFrame
        ``sentence`` (text) and ``sentence_start``/``sentence_end`` (the mention's offsets in
        it); other columns are kept.
    model : StanceModel or TransformerStanceModel
        A fitted model of either engine, e.g. from
        :func:`~framelab.stance.training.cached_default_model` or
        :func:`~framelab.stance.transformer.load_transformer`.
    cues : CueLexicon, optional
        For the lexicon score; default :func:`load_cues`.
    window : int
        Window of :func:`lexicon_stance`.

    Returns
    -------
    DataFrame
        A copy with ``polarity`` (negative | neutral | positive), ``score`` (model,
        P(positive) - P(negative)) and ``lexicon_score`` (:func:`lexicon_stance`), all in
        [-1, 1]; empty (None, NaN) for rows not scored.
    """
    missing = [c for c in _REQUIRED if c not in mentions.columns]
    if missing:
        raise InputError(f"mentions table lacks column(s) {missing}; has {list(mentions.columns)}")
    clash = [c for c in STANCE_COLUMNS if c in mentions.columns]
    if clash:
        raise InputError(f"mentions table already has column(s) {clash}")
    cues = cues if cues is not None else load_cues()
    out = mentions.copy()
    out["polarity"] = pd.Series(None, index=out.index, dtype=object)
    out["score"] = pd.Series(float("nan"), index=out.index, dtype=float)
    out["lexicon_score"] = pd.Series(float("nan"), index=out.index, dtype=float)
    todo = out[out["scored"].astype(bool)] if "scored" in out.columns else out
    sentences = todo["sentence"].tolist()
    spans = list(zip(todo["sentence_start"].astype(int), todo["sentence_end"].astype(int),
                     strict=True))  # fmt: skip
    if len(todo):
        proba = model.predict_proba(sentences, spans)
        out.loc[todo.index, "polarity"] = [model.classes_[i] for i in proba.argmax(axis=1)]
        out.loc[todo.index, "score"] = proba[:, 2] - proba[:, 0]
        out.loc[todo.index, "lexicon_score"] = [
            lexicon_stance(s, a, b, window=window, cues=cues)
            for s, (a, b) in zip(sentences, spans, strict=True)
        ]
    return out
