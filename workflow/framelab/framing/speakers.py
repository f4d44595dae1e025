"""Typing who is quoted: from the speaker phrase, from how the document or the corpus
describes the same name, and pronouns from the nearest named speaker before them.

A speaker phrase is typed, in order, by

1. its own words (:func:`framelab.framing.source_lexicon.phrase_cue`: "Sen. John McCain",
   "a senior administration official", "the Pentagon"): basis ``phrase``;
2. how its document describes the same name elsewhere (:mod:`framelab.framing.names`: a
   title or an apposition); a surname resolves to the full name it shortens ("Obama" <-
   "President Barack Obama"): basis ``document``;
3. how the rest of the corpus describes that name, when most of its documents that describe
   it agree: basis ``corpus``;
4. for a pronoun, the type of the nearest named speaker before it in its paragraph (or, with
   ``pronoun_window`` > 0, as many paragraphs back; "he", "she" and "I" skip texts and
   bodies): basis ``pronoun``, else the type is ``pronoun_unresolved``; "I" outside a
   quotation is the article's author: ``media``, basis ``author``;

and is ``unknown`` otherwise (basis ``none``). ``type_evidence`` keeps the words the type was
read from, so every typing can be checked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from framelab.errors import InputError
from framelab.framing.names import name_descriptions, speaker_name
from framelab.framing.source_lexicon import (
    PRONOUN_UNRESOLVED,
    UNKNOWN,
    SourceLexicon,
    bare_pronoun,
    is_pronoun,
    phrase_cue,
)
from framelab.tables import column_rows

__all__ = ["NameIndex", "TYPED_COLUMNS", "document_years", "name_index", "type_attributions"]

TYPED_COLUMNS = ["source_type", "type_basis", "type_evidence"]
# a corpus-wide description is trusted when this share of the documents describing the
# name agree; a bare surname across the corpus needs more documents and more agreement
CORPUS_AGREEMENT = 0.6
SURNAME_DOCS, SURNAME_AGREEMENT = 3, 0.8
# the corpus is asked first about documents this many years from the speaker's own
CORPUS_YEARS = 1
_POSSESSOR = re.compile(r"^((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)(?:'s|’s|'|’)\s+\w+")
# pronouns that stand for a person, never for a text
_PERSONAL = frozenset("he she i him her".split())
_COORDINATED = re.compile(r"\s+(?:and|&)\s+|,\s+(?=[A-Z])")


@dataclass(frozen=True)
class NameIndex:
    """Described names per document and across the corpus."""

    documents: dict[str, dict[str, Counter[tuple[str, str]]]]  # doc -> key -> (type, evidence)
    surnames: dict[str, dict[str, set[str]]]  # doc -> surname -> keys of the document
    corpus: dict[str, dict[str, str]]  # key -> document -> the type it gives the name
    corpus_surnames: dict[str, dict[str, str]]  # surname -> document -> type


def name_index(sentences: pd.DataFrame, lexicon: SourceLexicon) -> NameIndex:
    """Index every name of ``sentences`` (``doc_id, text``) and how it is described."""
    documents: dict[str, dict[str, Counter[tuple[str, str]]]] = defaultdict(
        lambda: defaultdict(Counter)
    )
    surnames: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc_id, text in column_rows(sentences, ["doc_id", "text"]):
        if not isinstance(text, str):
            continue
        for mention in name_descriptions(text, lexicon):
            surnames[doc_id][mention.surname].add(mention.key)
            if mention.source_type is not None:
                documents[doc_id][mention.key][(mention.source_type, mention.evidence)] += 1
    corpus: dict[str, dict[str, str]] = defaultdict(dict)
    corpus_surnames: dict[str, dict[str, str]] = defaultdict(dict)
    for doc_id, keys in documents.items():
        for key, described in keys.items():
            if source_type := _majority(_type_votes(described)):
                corpus[key][doc_id] = source_type
                corpus_surnames[key.split()[-1]].setdefault(doc_id, source_type)
    return NameIndex(dict(documents), dict(surnames), dict(corpus), dict(corpus_surnames))


def _type_votes(described: Counter[tuple[str, str]]) -> Counter[str]:
    """How often each type describes a name, over its (type, evidence) descriptions."""
    votes: Counter[str] = Counter()
    for (source_type, _), n in described.items():
        votes[source_type] += n
    return votes


def _votes(described: dict[str, str], year: int | None, years: Mapping[str, int]) -> Counter[str]:
    """The types the documents describing a name give it: those within ``CORPUS_YEARS`` of
    ``year`` when any is (roles change: a senator becomes secretary of state), else all."""
    near = {
        doc: t
        for doc, t in described.items()
        if year is not None and doc in years and abs(years[doc] - year) <= CORPUS_YEARS
    }
    return Counter((near or described).values())


def _majority(counts: Counter[str], agreement: float = 0.5, at_least: int = 1) -> str | None:
    """The type more than ``agreement`` of at least ``at_least`` votes give, else ``None``."""
    total = sum(counts.values())
    if total < at_least:
        return None
    source_type, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return source_type if n / total > agreement else None


def _relatives(index: NameIndex, doc_id: str, speaker: str) -> tuple[str, list[str], str] | None:
    """The speaker's name key, the document's names it may stand for (its own, those with its
    surname, or with its first name when it is one word: "Obama" and "Barack Obama",
    "Hillary"), and its surname; ``None`` when the speaker is not shaped like a name."""
    name = speaker_name(speaker)
    if name is None:
        return None
    key, surname = name
    names = index.surnames.get(doc_id, {})
    relatives = sorted({key} | set(names.get(surname, ())))
    if " " not in key and len(relatives) == 1:
        relatives += sorted({k for keys in names.values() for k in keys if k.split()[0] == key})
    return key, relatives, surname


def _in_document(
    index: NameIndex, doc_id: str, relatives: list[str]
) -> tuple[str, str, str] | None:
    """(type, "document", evidence): what most of the document's descriptions say."""
    in_doc = index.documents.get(doc_id, {})
    described: Counter[tuple[str, str]] = Counter()
    for candidate in relatives:
        described.update(in_doc.get(candidate, Counter()))
    if described and (source_type := _majority(_type_votes(described))):
        evidence = max((n, text) for (t, text), n in described.items() if t == source_type)
        return source_type, "document", evidence[1]
    return None


def _in_corpus(
    index: NameIndex,
    relatives: list[str],
    surname: str,
    year: int | None = None,
    years: Mapping[str, int] | None = None,
) -> tuple[str, str, str] | None:
    """(type, "corpus", evidence): what most documents describing the name say (those near
    ``year`` first); the surname alone only when the document names nobody fuller with it
    (two people may share it)."""
    years = years or {}
    fuller = [k for k in relatives if k != surname]
    if len(fuller) > 1:
        return None  # "Clinton" in a document naming Bill and Hillary Clinton: either
    for candidate in relatives:
        # a bare surname described elsewhere may be someone else: it needs more agreement
        bar = (CORPUS_AGREEMENT, 1) if " " in candidate else (SURNAME_AGREEMENT, SURNAME_DOCS)
        votes = _votes(index.corpus.get(candidate, {}), year, years)
        if votes and (source_type := _majority(votes, *bar)):
            return source_type, "corpus", f"{candidate}: {votes[source_type]} documents"
    votes = _votes(index.corpus_surnames.get(surname, {}), year, years)
    if not fuller and votes and (source_type := _majority(votes, SURNAME_AGREEMENT, SURNAME_DOCS)):
        return source_type, "corpus", f"{surname}: {votes[source_type]} documents"
    return None


def _speaker_type(
    index: NameIndex,
    lexicon: SourceLexicon,
    doc_id: str,
    speaker: str,
    years: Mapping[str, int] | None = None,
) -> tuple[str, str, str]:
    """(type, basis, evidence) of a speaker that is not a pronoun.

    A phrase with a role or a body of its own ("the Pentagon", "Sen. Ted Cruz") is typed by
    it; a name ("Ford", "Jordan", "Mark Judge") first by how its document describes it, as a
    name may be a cue word (Christine Blasey Ford, Rep. Jim Jordan); then the corpus; a weak
    cue last.
    Of coordinated speakers ("Lynch and Comey"), the first that can be typed."""
    text = " ".join(speaker.split())
    cue = phrase_cue(text, lexicon)
    strong = cue is not None and cue.tier != "weak"
    found = _relatives(index, doc_id, text)
    # a title before the name decides ("Sen. Ted Cruz"); a cue word that is the name does not
    titled = strong and cue.tier == "roles" and cue.end <= text.rfind(" ")
    decisive = strong and (found is None or titled or cue.tier in ("anonymous", "names"))
    if decisive:
        return cue.source_type, "phrase", text
    if found is not None and (typed := _in_document(index, doc_id, found[1])) is not None:
        return typed
    if strong:
        return cue.source_type, "phrase", text
    if found is not None:  # a full name is asked about alone; a surname with its full names
        key, relatives, surname = found
        asked = [key] if " " in key else relatives
        year = (years or {}).get(doc_id)
        if (typed := _in_corpus(index, asked, surname, year, years)) is not None:
            return typed
    if cue is not None:  # a weak cue ("officials", "Jordan") after the document had its say
        return cue.source_type, "phrase", text
    owner = _POSSESSOR.match(text)  # "Gillibrand’s office": the type of its owner
    if (
        owner
        and (typed := _speaker_type(index, lexicon, doc_id, owner.group(1), years))[0] != UNKNOWN
    ):
        return typed
    parts = [p for p in _COORDINATED.split(text) if p.strip()]
    if len(parts) > 1:
        for part in parts:
            typed = _speaker_type(index, lexicon, doc_id, part, years)
            if typed[0] != UNKNOWN:
                return typed
    return UNKNOWN, "none", ""


def _quoted(sentence: str, at: int) -> bool:
    """Whether the text at ``at`` stands inside a quotation: a quote opened before it and not
    closed, one closed after it that opened in an earlier sentence, or an odd number of
    straight quotes before it."""
    before, after = sentence[:at], sentence[at:]
    if before.count("“") + before.count("«") > before.count("”") + before.count("»"):
        return True
    if after.count("”") + after.count("»") > after.count("“") + after.count("«"):
        return True
    return before.count('"') % 2 == 1


def document_years(docs: pd.DataFrame) -> dict[str, int]:
    """Each document's year, from the ``date`` column (ISO dates, at any precision)."""
    years = {}
    for doc_id, date in column_rows(docs, ["doc_id", "date"]):
        text = str(date)
        if len(text) >= 4 and text[:4].isdigit():
            years[str(doc_id)] = int(text[:4])
    return years


def _person(typed: tuple[str, str, str], lexicon: SourceLexicon) -> bool:
    """Whether a typed speaker may be a person that "he", "she" or "I" stands for: not a
    text, nor a body named as such ("NBC", "the Pentagon")."""
    source_type, basis, evidence = typed
    if source_type == "document":
        return False
    cue = phrase_cue(evidence, lexicon) if basis == "phrase" else None
    return cue is None or cue.tier != "bodies"


def type_attributions(
    attributions: pd.DataFrame,
    sentences: pd.DataFrame,
    lexicon: SourceLexicon,
    *,
    pronoun_window: int = 1,
    years: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """``attributions`` with ``source_type``, ``type_basis`` and ``type_evidence`` (see the
    module docstring).

    Parameters
    ----------
    attributions : DataFrame
        From :func:`~framelab.framing.sources.extract_attributions`.
    sentences : DataFrame
        The sentences the attributions were found in (``doc_id, unit_id, paragraph_no,
        sentence_no, text``): the whole corpus, whose names are indexed.
    lexicon : SourceLexicon
    pronoun_window : int
        How many paragraphs back a pronoun's antecedent may stand.
    years : mapping of str to int, optional
        doc_id -> year (:func:`document_years`): the corpus step asks first about documents
        of the same years.

    Returns
    -------
    DataFrame
        One row per attribution, in the input's order, with the three columns added.

    Raises
    ------
    InputError
        When ``sentences`` lack a column named above.
    """
    missing = [
        c for c in ("doc_id", "unit_id", "paragraph_no", "sentence_no", "text")
        if c not in sentences.columns
    ]  # fmt: skip
    if missing:
        raise InputError(f"sentences: missing column(s) {missing}")
    index = name_index(sentences, lexicon)
    position = {
        unit: (int(p), int(s))
        for unit, p, s in column_rows(sentences, ["unit_id", "paragraph_no", "sentence_no"])
    }
    att = attributions.reset_index(drop=True)
    rank = sorted(
        range(len(att)),
        key=lambda i: (
            str(att.at[i, "doc_id"]),
            position.get(att.at[i, "unit_id"], (0, 0)),
            int(att.at[i, "start"]),
        ),
    )
    typed: list[tuple[str, str, str]] = [("", "", "")] * len(att)
    # doc, paragraph, type, speaker, whether a person (not a body or a text), in order
    named: list[tuple[str, int, str, str, bool]] = []
    text_of = dict(column_rows(sentences, ["unit_id", "text"]))
    for i in rank:
        doc_id, speaker = str(att.at[i, "doc_id"]), str(att.at[i, "speaker"])
        paragraph = position.get(att.at[i, "unit_id"], (0, 0))[0]
        if not is_pronoun(speaker):
            typed[i] = _speaker_type(index, lexicon, doc_id, speaker, years)
            named.append((doc_id, paragraph, typed[i][0], speaker, _person(typed[i], lexicon)))
            continue
        if bare_pronoun(speaker) == "i":
            text = text_of.get(att.at[i, "unit_id"], "")
            at = text.find(speaker, int(att.at[i, "start"]))
            if at >= 0 and not _quoted(text, at):
                typed[i] = ("media", "author", "I (the article's author)")
                continue
        personal = bare_pronoun(speaker) in _PERSONAL
        antecedent = next((n for n in reversed(named) if n[4] or not personal), None)
        if (
            antecedent is not None
            and antecedent[0] == doc_id
            and 0 <= paragraph - antecedent[1] <= pronoun_window
        ):
            typed[i] = (antecedent[2], "pronoun", antecedent[3])
        else:
            typed[i] = (PRONOUN_UNRESOLVED, "none", "")
    out = att.copy()
    for j, column in enumerate(TYPED_COLUMNS):
        out[column] = [t[j] for t in typed]
    return out
