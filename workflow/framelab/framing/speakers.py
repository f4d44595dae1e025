"""Typing who is quoted: from the speaker phrase, from how the document or the corpus
describes the same name, and pronouns from the nearest named speaker before them.

A speaker phrase is typed, in order, by

1. its own words (:func:`framelab.framing.source_lexicon.phrase_cue`: "Sen. John McCain",
   "a senior administration official", "the Pentagon"): basis ``phrase``;
2. how its document describes the same name elsewhere, by a title before it ("President
   Barack Obama") or an apposition after it ("Fuad Hussein, Iraq's foreign minister,",
   "Smith (R-Texas)", "Jane Roe of the Brookings Institution"); a surname resolves to the
   full name it shortens ("Obama" <- "President Barack Obama"): basis ``document``;
3. how the rest of the corpus describes that name, when most of its documents that describe
   it agree: basis ``corpus``;
4. for a pronoun, the type of the nearest named speaker before it in its paragraph (or, with
   ``pronoun_window`` > 0, as many paragraphs back): basis ``pronoun``, else the type is
   ``pronoun_unresolved``;

and is ``unknown`` otherwise (basis ``none``). ``type_evidence`` keeps the words the type was
read from, so every typing can be checked.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import pandas as pd

from framelab.framing.source_lexicon import (
    ANONYMOUS,
    PRONOUN_UNRESOLVED,
    UNKNOWN,
    SourceLexicon,
    bare_pronoun,
    function_words,
    is_pronoun,
    phrase_cue,
)
from framelab.tables import column_rows

__all__ = [
    "NameIndex",
    "document_years",
    "TYPED_COLUMNS",
    "name_descriptions",
    "name_index",
    "type_attributions",
]

TYPED_COLUMNS = ["source_type", "type_basis", "type_evidence"]
# at most this many lowercase words before a name's capitals may hold its title
# ("White House press secretary Sarah Sanders"); a function word ends the title
TITLE_WORDS = 3
# an apposition after a name: at most this many words ("Smith, a professor at Yale,")
APPOSITION_WORDS = 12
# a corpus-wide description is trusted when this share of the documents describing the
# name agree; a bare surname across the corpus needs more documents and more agreement
CORPUS_AGREEMENT = 0.6
SURNAME_DOCS, SURNAME_AGREEMENT = 3, 0.8
# the corpus is asked first about documents this many years from the speaker's own
CORPUS_YEARS = 1

_TOKEN = re.compile(r"\S+")
_FIRST_LETTER = re.compile(r"[^a-zA-Z\u00c0-\uffff]*(.)")
_ABBREVIATION = re.compile(r"^(?:[A-Z][a-z]{0,3}\.|(?:[A-Z]\.)+|[A-Z][a-z]{0,3}\.[A-Z][a-z]*\.?)$")
_PARTICLE = re.compile(r"^(?:al|el|bin|ibn|de|da|di|du|van|von|der|la|le|abu|ben)(?:-\w+)?$")
_CONNECTOR = frozenset({"of", "for", "the", "on"})
_HONORIFIC = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?:Mr|Mrs|Ms|Miss|Mx|Sir|Dame|Lord|Lady|Messrs)\.?\s+", re.IGNORECASE
)
_SUFFIX = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV"})
_TRAILING = re.compile(r"[,;:!?\"“”«»()\[\]]+$|(?<=[a-z]{2})\.$|’s$|'s$")
_LEADING = re.compile(r"^[\"“”«»(\[]+")
_NOT_DESCRIBING = frozenset({ANONYMOUS, "document"})
_APPOSITION_START = re.compile(
    r"^(?:an?|the|his|her|its|their|former|then|now|also|once|longtime"
    r"|who (?:is|was|has been|had been|served as|works (?:for|at)|\w+s (?:the|a|an)\b)"
    r"|[A-Z][\w.-]*(?:'s|’s)|(?!(?:who|whom|whose|which|that|and|or|but|as|if|when|while|where"
    r"|because|since|after|before|said|says|told|in|on|at|for|with|from|by|to|of)\b)[a-z][\w-]*)\b"
)
_POSSESSOR = re.compile(r"^((?:[A-Z][\w.-]*\s+){0,2}[A-Z][\w.-]*)(?:'s|’s|'|’)\s+\w+")
_RELATIVE = re.compile(r"\s(?:who|whom|whose|which|that)\s")
_BEFORE_START = re.compile(
    r"^(?:an?|the|his|her|its|their|one of|another|former|longtime)\s", re.IGNORECASE
)
_AGE = re.compile(r"^\s*,\s*\d{1,3}\s*,")
# the phrase before ", Name": from the clause's start, a determiner first
_BEFORE_NAME = re.compile(r"(?:^|[;:.“”\"(]\s*|,\s*)([^,;:“”\"()]{3,80}),\s*$")
# a name has at most this many words after its title, particles aside
NAME_WORDS = 3
# pronouns that stand for a person, never for a text
_PERSONAL = frozenset("he she i him her".split())
_COORDINATED = re.compile(r"\s+(?:and|&)\s+|,\s+(?=[A-Z])")


@dataclass(frozen=True)
class Mention:
    """A name in a sentence with the type its title or apposition gives (``None`` if none)."""

    key: str
    surname: str
    source_type: str | None
    evidence: str


def _is_capitalised(token: str) -> bool:
    """True when the token's first letter is a capital."""
    m = _FIRST_LETTER.match(token)
    return m is not None and m.group(1).isupper()


def _runs(sentence: str) -> Iterator[tuple[int, int, list[re.Match[str]]]]:
    """Runs of capitalised tokens (initials, particles and "of"/"for" between capitals
    allowed): (index of the run's first token, index after its last, all tokens)."""
    tokens = list(_TOKEN.finditer(sentence))
    i = 0
    while i < len(tokens):
        if not _is_capitalised(_LEADING.sub("", tokens[i].group())):
            i += 1
            continue
        j = i
        while j < len(tokens):
            word = tokens[j].group()
            bare = _LEADING.sub("", word) if j == i else word
            if j > i and (bare[:1] in '"“«([' or not bare):
                break
            inner = j > i and j + 1 < len(tokens) and _is_capitalised(tokens[j + 1].group())
            if not (
                _is_capitalised(bare)
                or _PARTICLE.match(bare)
                or (inner and bare.lower() in _CONNECTOR)
            ):
                break
            j += 1
            if _TRAILING.search(word) and not _ABBREVIATION.match(word) and word not in _SUFFIX:
                break
        yield i, j, tokens
        i = max(j, i + 1)


def _words(tokens: list[re.Match[str]], start: int, end: int) -> list[str]:
    return [_TRAILING.sub("", _LEADING.sub("", t.group())) for t in tokens[start:end]]


def _name_words(words: list[str]) -> list[str]:
    """The words of a name in a run of capitals: without the function words a sentence
    starts with ("But Trump", "When Barack Obama"), what stands before a connector
    ("Language of George Washington") and an honorific ("Mr.")."""
    function = function_words()
    cut = max((i + 1 for i, w in enumerate(words) if w.lower() in _CONNECTOR), default=0)
    words = words[cut:]
    while words and words[0].lower() in function:
        words = words[1:]
    return _HONORIFIC.sub("", " ".join(words)).split()


def _name_key(words: list[str]) -> tuple[str, str] | None:
    """(key, surname) of a name: its words and its last word, lowercased, suffixes and
    initials dropped."""
    words = [w for w in words if w and w not in _SUFFIX and not _ABBREVIATION.match(w)]
    while words and words[0].lower() in _CONNECTOR:
        words = words[1:]
    if not words or len(words[-1]) < 2:
        return None
    if not (_is_capitalised(words[-1]) or _is_capitalised(words[-1].rsplit("-", 1)[-1])):
        return None
    return " ".join(words).lower(), words[-1].lower()


def _title_type(
    sentence: str, tokens: list[re.Match[str]], start: int, end: int, lexicon: SourceLexicon
) -> tuple[str, int, str] | None:
    """The type a title before the name gives: (type, index of the name's first token,
    evidence); the title's cue must be followed only by capitalised words up to the name."""
    first = start
    while first > 0 and start - first < TITLE_WORDS:
        word = tokens[first - 1].group()
        if (_TRAILING.search(word) and not _ABBREVIATION.match(word)) or (
            word.lower() in function_words()
        ):
            break
        first -= 1
    origin = tokens[first].start()
    text = sentence[origin : tokens[end - 1].end()]
    cue = phrase_cue(text, lexicon)
    if cue is None or cue.source_type in _NOT_DESCRIBING or cue.tier == "names":
        return None
    after = [i for i in range(first, end) if tokens[i].start() - origin >= cue.end]
    if not after or after[0] < start:
        # the cue ends before the run, so lowercase words may stand between it and the name
        gap = [i for i in range(first, start) if tokens[i].start() - origin >= cue.end]
        if gap or not after:
            return None
    name_start = after[0]
    words = _words(tokens, name_start, end)
    if words and words[0].lower() in {"of", "for"}:  # "Secretary of State Rex Tillerson"
        name_start += len(words) - min(2, len(words) - 1)
        words = words[-min(2, len(words) - 1) :]
    if not words or not all(_is_capitalised(w) or _PARTICLE.match(w) for w in words):
        return None
    if sum(not _PARTICLE.match(w) for w in words) > NAME_WORDS:
        return None  # a caption or a list, not a title and a name
    return cue.source_type, name_start, text


def _appositive(phrase: str, lexicon: SourceLexicon) -> str | None:
    """The type an appositive phrase gives ("a University of Vermont professor who studies
    …"): read up to a relative pronoun and at most ``APPOSITION_WORDS`` words."""
    phrase = phrase.strip().rstrip(".")
    if not phrase.startswith("who "):
        phrase = _RELATIVE.split(phrase, maxsplit=1)[0]
    phrase = " ".join(phrase.split()[:APPOSITION_WORDS])
    cue = phrase_cue(phrase, lexicon) if phrase else None
    if cue is None or cue.source_type in _NOT_DESCRIBING or cue.tier == "names":
        return None
    return cue.source_type


def _apposition_type(
    sentence: str, tokens: list[re.Match[str]], start: int, end: int, lexicon: SourceLexicon
) -> tuple[str, str] | None:
    """The type an apposition gives: after the name (", a professor at Yale," / ", 26, the
    ex-husband of …" / "(R-Texas)" / "of the Brookings Institution") or before it ("One of
    those residents, Kyong Eagan")."""
    last = tokens[end - 1].group()
    rest = sentence[tokens[end - 1].end() :]
    if last.endswith(","):
        rest = "," + rest
    rest = _AGE.sub(",", rest, count=1)
    m = re.match(r"\s*(?:,\s*|\(\s*|\s+of\s+(?=(?:the\s+)?[A-Z]))([^,;:()\"“”]+)", rest)
    if m and not (rest.lstrip().startswith(",") and not _APPOSITION_START.match(m.group(1))):
        if (source_type := _appositive(m.group(1), lexicon)) is not None:
            return source_type, m.group(1).strip()
    before = _BEFORE_NAME.search(sentence[: tokens[start].start()])
    if before and _BEFORE_START.match(before.group(1).strip()):
        if (source_type := _appositive(before.group(1), lexicon)) is not None:
            return source_type, before.group(1).strip()
    return None


def name_descriptions(sentence: str, lexicon: SourceLexicon) -> list[Mention]:
    """Every name in ``sentence``, with the type its title or apposition gives."""
    found = []
    for start, end, tokens in _runs(sentence):
        if all(w.lower() in function_words() for w in _words(tokens, start, end)):
            continue  # "The", "But In"
        name_start, source_type, evidence = start, None, ""
        title = _title_type(sentence, tokens, start, end, lexicon)
        if title is not None:
            source_type, name_start, evidence = title
        elif (apposition := _apposition_type(sentence, tokens, start, end, lexicon)) is not None:
            source_type, evidence = apposition
            name = sentence[tokens[start].start() : tokens[end - 1].end()].rstrip(",")
            evidence = f"{name}, {evidence}"
        words = _name_words(_words(tokens, name_start, end))
        key = _name_key(words)
        if key is None or (source_type is None and phrase_cue(" ".join(words), lexicon)):
            continue  # a body or a title alone ("the Pentagon"), not a described name
        found.append(Mention(key[0], key[1], source_type, evidence))
    return found


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
            votes: Counter[str] = Counter()
            for (source_type, _), n in described.items():
                votes[source_type] += n
            if source_type := _majority(votes):
                corpus[key][doc_id] = source_type
                corpus_surnames[key.split()[-1]].setdefault(doc_id, source_type)
    return NameIndex(dict(documents), dict(surnames), dict(corpus), dict(corpus_surnames))


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
    total = sum(counts.values())
    if total < at_least:
        return None
    source_type, n = min(counts.items(), key=lambda item: (-item[1], item[0]))
    return source_type if n / total > agreement or (agreement == 0.5 and n == total) else None


def _speaker_name(speaker: str) -> tuple[str, str] | None:
    words = _HONORIFIC.sub("", " ".join(speaker.split())).split()
    words = [_TRAILING.sub("", _LEADING.sub("", w)) for w in words]
    if not words or not all(_is_capitalised(w) or _PARTICLE.match(w) for w in words if w):
        return None
    return _name_key(_name_words(words))


def _relatives(index: NameIndex, doc_id: str, speaker: str) -> tuple[list[str], str] | None:
    """The document's names the speaker may stand for (its own, those with its surname, or
    with its first name when it is one word: "Obama" and "Barack Obama", "Hillary"), and its
    surname; ``None`` when the speaker is not shaped like a name."""
    name = _speaker_name(speaker)
    if name is None:
        return None
    key, surname = name
    names = index.surnames.get(doc_id, {})
    relatives = sorted({key} | set(names.get(surname, ())))
    if " " not in key and len(relatives) == 1:
        relatives += sorted({k for keys in names.values() for k in keys if k.split()[0] == key})
    return relatives, surname


def _in_document(
    index: NameIndex, doc_id: str, relatives: list[str]
) -> tuple[str, str, str] | None:
    """(type, "document", evidence): what most of the document's descriptions say."""
    in_doc = index.documents.get(doc_id, {})
    counts: Counter[str] = Counter()
    evidence: dict[str, tuple[int, str]] = {}
    for candidate in relatives:
        for (source_type, text), n in in_doc.get(candidate, Counter()).items():
            counts[source_type] += n
            evidence[source_type] = max(evidence.get(source_type, (0, "")), (n, text))
    if counts and (source_type := _majority(counts)):
        return source_type, "document", evidence[source_type][1]
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
    if found is not None and (typed := _in_document(index, doc_id, found[0])) is not None:
        return typed
    if strong:
        return cue.source_type, "phrase", text
    year = (years or {}).get(doc_id)
    if found is not None:  # a full name is asked about alone; a surname with its full names
        relatives, surname = found
        key = _speaker_name(text)[0]  # type: ignore[index]
        asked = [key] if " " in key else relatives
    if found is not None and (typed := _in_corpus(index, asked, surname, year, years)) is not None:
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
    """``attributions`` (from :func:`~framelab.framing.sources.extract_attributions`) with
    ``source_type``, ``type_basis`` and ``type_evidence`` (see the module docstring).

    ``sentences`` are those the attributions were found in (``doc_id, unit_id, text`` and,
    for pronouns, ``paragraph_no, sentence_no``): the whole corpus, whose names are indexed.
    ``years`` (doc_id -> year, :func:`document_years`) lets the corpus step ask first about
    documents of the same years.
    """
    index = name_index(sentences, lexicon)
    order = sentences.set_index("unit_id")
    position = {
        unit: (int(p), int(s))
        for unit, p, s in zip(
            order.index,
            order.get("paragraph_no", pd.Series(0, index=order.index)),
            order.get("sentence_no", pd.Series(0, index=order.index)),
            strict=True,
        )
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
    for i in rank:
        doc_id, speaker = str(att.at[i, "doc_id"]), str(att.at[i, "speaker"])
        paragraph = position.get(att.at[i, "unit_id"], (0, 0))[0]
        if not is_pronoun(speaker):
            typed[i] = _speaker_type(index, lexicon, doc_id, speaker, years)
            named.append((doc_id, paragraph, typed[i][0], speaker, _person(typed[i], lexicon)))
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
