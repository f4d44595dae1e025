"""The study analyzer built from the config, and texts with the clean stage's entity
mentions replaced: what every term-based stage shares."""

from __future__ import annotations

from typing import Any

import pandas as pd

from framelab import clean
from framelab.lexicons import read_word_list
from framelab.stages.corpus import MENTION_COLUMNS
from framelab.tokens import Analyzer

__all__ = ["analyzer_from_config", "with_stored_entities"]


def analyzer_from_config(config: dict[str, Any], *, entities: bool = True) -> Analyzer:
    """The analyzer every term-based stage shares: stopwords, n-grams, stems, entities.

    ``entities=False`` leaves out entity normalisation, for texts whose mentions were
    already replaced (:func:`with_stored_entities`).
    """
    normalise = None
    if entities:
        lexicon = clean.load_entities(config["clean"]["entities"])
        normalise = lambda text: clean.normalise_entities(text, lexicon)[0]  # noqa: E731
    return Analyzer(
        read_word_list(config["terms"]["stopwords"]),
        ngram_max=config["terms"]["ngram_max"],
        normalise=normalise,
        stem=config["terms"]["stem"],
    )


def with_stored_entities(docs: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``docs`` with the entity mentions the clean stage found in each text replaced by their
    canonical ids: the text ``normalise_entities`` gives, without searching again.

    ``mentions`` has the columns of :class:`~framelab.clean.EntityMention`, in text order.
    """
    found: dict[str, list[clean.EntityMention]] = {}
    for row in zip(*(mentions[c].tolist() for c in MENTION_COLUMNS), strict=True):
        found.setdefault(row[0], []).append(clean.EntityMention(*row))
    texts = [
        clean.replace_mentions(text, found.get(doc_id, ()))
        for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True)
    ]
    return docs.assign(text=texts)
