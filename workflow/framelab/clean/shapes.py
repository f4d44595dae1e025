"""The shape of a line: its tokens with the parts that vary between pages normalised.

Two pages of one site print the same widget with different numbers, dates, links, handles and
photographers' names: "Slideshow (5 Images)" and "Slideshow (12 Images)", "Photo: Ann Lee/AP"
and "Photo: Bo Chen/AP". Their shapes are equal: ``slideshow ( <num> images )`` and
``photo : <name> / ap``. Shapes are lowercase token tuples; placeholders are written in angle
brackets so that they never equal a word of the text. Shapes are remembered per line text
(a site's template lines recur, and the outlet's lines are shaped once to learn its templates
and again to clean its documents).
"""

import functools
import re

__all__ = [
    "GAP",
    "LONG",
    "LONG_WORDS",
    "PLACEHOLDERS",
    "has_word",
    "is_word",
    "line_key",
    "line_shape",
    "shape_text",
    "word_tokens",
]

GAP = "<…>"  # the varying middle of an affix template
LONG = "<long>"  # first token of the key of a long line (see line_key)
LONG_WORDS = 40  # a line of more words is not shaped (see line_key)

PLACEHOLDERS: frozenset[str] = frozenset(
    {"<url>", "<email>", "<handle>", "<num>", "<month>", "<day>", "<name>"}
)

_TOKEN_RE = re.compile(
    r"(?P<url>https?://\S+|www\.\S+|pic\.twitter\.com/\S+|\b[\w-]+\.(?:com|org|net|co\.uk)/\S*)"
    r"|(?P<email>[\w.+-]+@[\w-]+\.[\w.-]+)"
    r"|(?P<handle>@\w+)"
    r"|(?P<num>\d[\d.,:]*\d|\d)(?P<suffix>st|nd|rd|th|s|am|pm|a\.m\.|p\.m\.)?"
    r"|(?P<word>[^\W\d_](?:[\w'’.-]*[^\W_])?)"
    r"|(?P<symbol>[^\w\s])",
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct. "
    "nov nov. dec dec.".split()
)
_DAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon mon. tue tue. tues. wed wed. thu thu. thurs. fri fri. sat sat. sun sun.".split()
)
# A run of capitalised words right after one of these, or right before "/" or "(@handle)", is
# a person's or agency's name: "By Ann Lee", "Ann Lee/AP", "— Ann Lee (@annlee)".
_NAME_AFTER = frozenset({"by", "/", "—", "–", "|", "credit", "photo", "photograph"})
_NAME_MAX_WORDS = 4


def _kind(match: re.Match[str]) -> tuple[str, str]:
    kind = match.lastgroup or "symbol"
    if kind == "suffix":
        kind = "num"
    return kind, match.group(0)


def _is_capitalised(token: str) -> bool:
    """Title case ("Lee", "McCain", "J"), not all capitals ("REUTERS", "AP": agencies, labels)."""
    return token[:1].isupper() and (len(token) == 1 or not token.isupper())


def _name_run_end(raw: list[tuple[str, str]], start: int) -> int:
    """End (exclusive) of the run of capitalised words from ``start``; initials keep their dot."""
    run = start
    while run < len(raw) and raw[run][0] == "word" and _is_capitalised(raw[run][1]):
        run += 1
        if len(raw[run - 1][1]) == 1 and run < len(raw) and raw[run][1] == ".":
            run += 1
    return run


@functools.lru_cache(maxsize=1 << 16)
def line_shape(line: str) -> tuple[str, ...]:
    """The line's tokens, lowercased, with varying parts replaced by placeholders.

    URLs, e-mail addresses, @handles, numbers (with ordinal or time suffixes), month and
    weekday names become ``<url>``, ``<email>``, ``<handle>``, ``<num>``, ``<month>`` and
    ``<day>``; a run of up to four capitalised words after "by", "/", a dash, "credit" or
    "photo", or before "/" or "(@handle)", becomes one ``<name>``.

    Examples
    --------
    >>> line_shape("Slideshow (12 Images)")
    ('slideshow', '(', '<num>', 'images', ')')
    >>> " ".join(line_shape("FILE PHOTO: Troops in Mosul, Iraq, May 3, 2017. REUTERS/Ann Lee"))
    'file photo : troops in mosul , iraq , <month> <num> , <num> . reuters / <name>'
    """
    raw = [_kind(m) for m in _TOKEN_RE.finditer(line)]
    out: list[str] = []
    i = 0
    while i < len(raw):
        kind, token = raw[i]
        if kind == "word":
            run = _name_run_end(raw, i)
            before = out[-1] if out else ""
            after = raw[run][1] if run < len(raw) else ""
            after_handle = after == "(" and run + 1 < len(raw) and raw[run + 1][0] == "handle"
            if 0 < run - i <= _NAME_MAX_WORDS and (
                before in _NAME_AFTER or after == "/" or after_handle
            ):
                # a capitalised run: the name ends where the capitals end
                out.append("<name>")
                i = run
                continue
            lower = token.lower()
            out.append("<month>" if lower in _MONTHS else "<day>" if lower in _DAYS else lower)
        elif kind in ("url", "email", "handle", "num"):
            out.append(f"<{kind}>")
        else:
            out.append(token)
        i += 1
    return tuple(out)


def shape_text(shape: tuple[str, ...]) -> str:
    """A shape as one string, tokens joined by single spaces."""
    return " ".join(shape)


def is_word(token: str) -> bool:
    """True for a word token of a shape: neither a placeholder nor punctuation."""
    return token not in PLACEHOLDERS and any(ch.isalpha() for ch in token)


def has_word(shape: tuple[str, ...]) -> bool:
    """True when the shape holds a word token (stops at the first)."""
    return any(map(is_word, shape))


def word_tokens(shape: tuple[str, ...]) -> list[str]:
    """The shape's word tokens."""
    return [t for t in shape if is_word(t)]


@functools.lru_cache(maxsize=1 << 16)
def line_key(line: str) -> tuple[str, ...]:
    """:func:`line_shape` of a line of at most ``LONG_WORDS`` words, else ``LONG`` and its
    lowercase words. A long line is a paragraph of prose or a whole template box repeated
    word for word; shaping every paragraph would cost most of the time of learning an
    outlet's templates, and a label's varying parts sit in short lines."""
    if len(line.split(None, LONG_WORDS)) <= LONG_WORDS:
        return line_shape(line)
    return (LONG, *line.lower().split())
