"""Building large alternations that Python's ``re`` scans quickly, with unchanged matches.

``re`` tries the branches of an alternation one after another at every position of the text.
For lexicons of hundreds of literal terms most of those tries fail on the first character.
:func:`first_char_alternation` groups the branches by their first character behind a
one-character lookahead, so at each position only the terms that can start there are tried.
Branches with different first characters never match at the same position, and the order
within a group is kept, so the leftmost match and the branch that wins are the same as with
the plain alternation.

:class:`WordStarts` finds, in one scan, the words of a text at which one of many
word-bounded terms may start, keyed by each term's first run of word characters; callers then
try their own patterns only there (see :mod:`framelab.framing.frame_scan`).

:func:`found_at_word_start` answers whether a pattern whose every match opens with ``\\b``
and a word character matches anywhere in a text, with ``re`` skipping straight to the next
non-word character.

For arbitrary patterns (e.g. the study's target patterns) :func:`first_chars` works out the
characters a match can start with from the parsed pattern, and
:func:`with_first_char_lookahead` puts them in front as a lookahead: positions that no
match can start at are passed over at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = [
    "FOLDS_TO_ASCII",
    "WordStarts",
    "first_char_alternation",
    "first_chars",
    "first_run",
    "found_anywhere",
    "found_at_word_start",
    "opens_at_word_start",
    "with_first_char_lookahead",
]

_MAX_RANGE = 64  # a character range wider than this is not listed


def first_char_alternation(branches: Sequence[tuple[str, str]]) -> str:
    """An alternation of ``(first character, regex)`` branches, grouped by first character.

    Parameters
    ----------
    branches : sequence of (str, str)
        Each branch's regex, in priority order, with the literal character every match of it
        starts with (case-insensitively for letters).

    Returns
    -------
    str
        The regex source. When a first character is not ASCII, is whitespace or is a hyphen
        (which callers widen to a class of dashes or spaces), the plain alternation.
    """
    keys = [_group_key(first) for first, _ in branches]
    if any(key is None for key in keys):
        return "|".join(regex for _, regex in branches)
    groups: dict[str, list[str]] = {}
    for key, (_, regex) in zip(keys, branches, strict=True):
        groups.setdefault(str(key), []).append(regex)
    return "|".join(
        f"(?=(?i:[{re.escape(key)}]))(?:{'|'.join(regexes)})" for key, regexes in groups.items()
    )


class WordStarts:
    """The words of a text that a key fits, case-insensitively, from one scan.

    A key is a run of word characters that must be a whole word, or, as a prefix key, its
    start (``militar`` of ``militar*``). A term that starts with a word character can only
    match at such a word, where its first run (:func:`first_run`) is the key, so the words
    found here are the only places its pattern needs trying.

    Parameters
    ----------
    keys : iterable of (str, bool)
        ``(key, is_prefix)``.
    """

    def __init__(self, keys: Iterable[tuple[str, bool]]) -> None:
        ordered = sorted(set(keys), key=lambda item: (-len(item[0]), item))
        if not ordered or any(not key or not _RUN.fullmatch(key) for key, _ in ordered):
            raise ValueError("keys must be non-empty runs of word characters")
        self._ignorecase = re.compile(
            rf"(?<!\w)(?:{'|'.join(_key_regex(k, p) for k, p in ordered)})(?!\w)",
            re.IGNORECASE,
        )
        self._lower = _lower_scan(ordered) if all(k.isascii() for k, _ in ordered) else None

    def finditer(self, text: str) -> Iterator[tuple[int, str]]:
        """Start and lower-cased form of every word a key fits, left to right.

        In lower case, without case-insensitive matching, the scan jumps from one non-word
        character to the next. A text with a character whose lower case is not one
        character, or that case-insensitive matching takes for an ASCII letter, is scanned
        case-insensitively instead, as are all texts when a key is not ASCII.
        """
        if self._lower is not None and not _FOLDS.search(text):
            for match in self._lower.finditer(" " + text.lower()):
                yield match.start(), match.group()[1:]
        else:
            for match in self._ignorecase.finditer(text):
                yield match.start(), match.group().lower()


def first_run(term: str) -> str:
    """The leading run of word characters of ``term`` ("" when it starts otherwise)."""
    run = _RUN.match(term)
    return run.group() if run else ""


_RUN = re.compile(r"\w+")
#: The only non-ASCII characters that ``re`` (or ``regex``) matches to an ASCII word character
#: when ignoring case (İ ı ſ and the Kelvin sign), which are also the only ones whose lower case
#: is not one character, is ASCII or differs in being a word character; tests recompute them.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_FOLDS = re.compile(f"[{FOLDS_TO_ASCII}]")


def _key_regex(key: str, is_prefix: bool) -> str:
    return re.escape(key) + (r"\w*" if is_prefix else "")


def _lower_scan(keys: list[tuple[str, bool]]) -> re.Pattern[str]:
    """A pattern for lower-cased text behind one space: a non-word character, then a word
    that is a key (or starts with a prefix key); ``keys`` are ASCII, longest first.

    Starting with ``\\W`` lets ``re`` skip to the next non-word character at once, and
    branches that start with a literal are skipped on their first character.
    """
    groups: dict[str, list[str]] = {}
    for key, is_prefix in keys:
        lowered = key.lower()
        groups.setdefault(lowered[0], []).append(_key_regex(lowered[1:], is_prefix))
    branches = "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())
    return re.compile(rf"\W(?:{branches})(?!\w)")


def _group_key(first: str) -> str | None:
    if len(first) != 1 or not first.isascii() or first.isspace() or first == "-":
        return None
    return first.lower()


def opens_at_word_start(source: str, flags: int = 0) -> bool:
    """Whether every match of ``source`` starts at the start of a word: each branch opens
    with ``\\b`` and can only start with word characters (:func:`first_chars`)."""
    try:
        from re import _parser

        parsed = list(_parser.parse(source, flags))
    except (ImportError, re.error, TypeError):
        return False
    chars = _first_of(parsed)
    return bool(chars) and _opens_with_boundary(parsed) and all(_RUN.match(c) for c in chars)


def found_at_word_start(source: str, flags: int = 0) -> Callable[[str], bool] | None:
    """A test of whether ``source`` matches anywhere in a text, for a pattern whose matches
    all start at a word start (None otherwise).

    A match after the first character starts behind a non-word character, so the test
    searches for ``\\W`` followed by the pattern (behind a lookahead on its first
    characters), which ``re`` scans from one non-word character to the next; a match at the
    very start is tried on its own.
    """
    if not opens_at_word_start(source, flags):
        return None
    try:
        whole = re.compile(source, flags)
        behind = re.compile(rf"\W{with_first_char_lookahead(source, flags)}", flags)
    except re.error:  # e.g. global flags that must open the pattern
        return None

    def found(text: str) -> bool:
        return whole.match(text) is not None or behind.search(text) is not None

    return found


def found_anywhere(source: str, flags: int = 0) -> Callable[[str], bool]:
    """A test of whether ``source`` matches anywhere in a text: :func:`found_at_word_start`
    where it applies, else a search behind :func:`with_first_char_lookahead`.

    Raises
    ------
    re.error
        When ``source`` does not compile.
    """
    found = found_at_word_start(source, flags)
    if found is not None:
        return found
    pattern = re.compile(with_first_char_lookahead(source, flags), flags)
    return lambda text: pattern.search(text) is not None


def first_chars(source: str, flags: int = 0) -> frozenset[str] | None:
    """The characters every match of ``source`` starts with, or None when that is not known.

    Zero-width word boundaries and anchors are stepped over; a lookaround, a negated or
    category class, a wide range, an optional first item or a back-reference gives None.
    Letters are listed as written (match them case-insensitively to cover every case).
    """
    try:
        from re import _parser  # CPython's own parser of regular expressions

        parsed = _parser.parse(source, flags)
    except (ImportError, re.error, TypeError):
        return None
    return _first_of(list(parsed))


def with_first_char_lookahead(source: str, flags: int = 0) -> str:
    """``source`` behind a lookahead on :func:`first_chars` (unchanged when unknown)."""
    chars = first_chars(source, flags)
    if not chars:
        return source
    listed = "".join(re.escape(c) for c in sorted(chars))
    return f"(?=(?i:[{listed}]))(?:{source})"


def _first_of(items: list) -> frozenset[str] | None:
    for op, argument in items:
        name = str(op)
        if name == "AT":  # \b, ^ and the like consume nothing
            continue
        if name == "LITERAL":
            return frozenset(chr(argument))
        if name == "IN":
            return _class_chars(argument)
        if name == "SUBPATTERN":
            return _first_of(list(argument[-1]))
        if name == "BRANCH":
            found: set[str] = set()
            for branch in argument[1]:
                chars = _first_of(list(branch))
                if chars is None:
                    return None
                found |= chars
            return frozenset(found)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and argument[0] >= 1:
            return _first_of(list(argument[2]))
        return None
    return None  # only zero-width items: the pattern can match the empty string


def _opens_with_boundary(items: list) -> bool:
    if not items:
        return False
    op, argument = items[0]
    name = str(op)
    if name == "AT":
        return str(argument) == "AT_BOUNDARY"
    if name == "SUBPATTERN":
        return _opens_with_boundary(list(argument[-1]))
    if name == "BRANCH":
        return all(_opens_with_boundary(list(branch)) for branch in argument[1])
    return False


def _class_chars(members: list) -> frozenset[str] | None:
    chars: set[str] = set()
    for kind, value in members:
        if str(kind) == "LITERAL":
            chars.add(chr(value))
        elif str(kind) == "RANGE" and value[1] - value[0] <= _MAX_RANGE:
            chars.update(chr(c) for c in range(value[0], value[1] + 1))
        else:
            return None
    return frozenset(chars)
