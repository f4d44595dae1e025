"""Names in a sentence and how it describes them: a title before a name ("President Barack
Obama", "White House press secretary Sarah Sanders") or an apposition ("Fuad Hussein, Iraq's
foreign minister,", "Smith (R-Texas)", "Jane Roe of the Brookings Institution", "One of those
residents, Kyong Eagan"), each read with the source lexicon's cues.

A name is keyed by its words, lowercased, without honorifics, initials and suffixes, and by
its surname, so that "Obama" can stand for "Barack Obama" in
:mod:`framelab.framing.speakers`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from framelab.framing.source_lexicon import ANONYMOUS, SourceLexicon, function_words, phrase_cue

__all__ = ["Mention", "name_descriptions", "speaker_name"]

# at most this many lowercase words before a name's capitals may hold its title
# ("White House press secretary Sarah Sanders"); a function word ends the title
TITLE_WORDS = 3
# an apposition after a name: at most this many words ("Smith, a professor at Yale,")
APPOSITION_WORDS = 12

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
    r"|who (?:(?:is|was|has been|had been) (?:an?|the|his|her|its|their)\b|served as"
    r"|works (?:for|at)|\w+s (?:the|a|an)\b)"
    r"|[A-Z][\w.-]*(?:'s|’s)|(?!(?:who|whom|whose|which|that|and|or|but|as|if|when|while|where"
    r"|because|since|after|before|said|says|told|in|on|at|for|with|from|by|to|of)\b)[a-z][\w-]*)\b"
)
_REPORTING = re.compile(r"\b(?:said|says|say|told|tells|added|according)\b", re.IGNORECASE)
_DETERMINERS = frozenset("a an the his her its their former who one another".split())
_RELATIVE = re.compile(r"\s(?:who|whom|whose|which|that)\s")
_BEFORE_START = re.compile(
    r"^(?:an?|the|his|her|its|their|one of|another|former|longtime)\s", re.IGNORECASE
)
_AGE = re.compile(r"^\s*,\s*\d{1,3}\s*,")
# the phrase before ", Name": from the clause's start, a determiner first
_BEFORE_NAME = re.compile(r"(?:^|[;:.“”\"(]\s*|,\s*)([^,;:“”\"()]{3,80}),\s*$")
# a name has at most this many words after its title, particles aside
NAME_WORDS = 3


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
    if words and words[0].lower() in _CONNECTOR:  # "Secretary of State Rex Tillerson"
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
    first = phrase.split(maxsplit=1)[0].lower() if phrase else ""
    if _REPORTING.search(phrase) or (first in function_words() and first not in _DETERMINERS):
        return None  # "Ryan, multiple officials said" / "Trump, she has": a clause
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


def speaker_name(speaker: str) -> tuple[str, str] | None:
    """(key, surname) of a speaker shaped like a name ("Mr. Obama", "Sen. Ted Cruz"), or
    ``None`` (a phrase with a lowercase word: "the president")."""
    words = _HONORIFIC.sub("", " ".join(speaker.split())).split()
    words = [_TRAILING.sub("", _LEADING.sub("", w)) for w in words]
    if not words or not all(_is_capitalised(w) or _PARTICLE.match(w) for w in words if w):
        return None
    return _name_key(_name_words(words))
