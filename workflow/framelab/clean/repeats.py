"""Rules that look at a whole document: lines that repeat within it (a transcript's speaker
labels, display quotes, the title at the top) and blocks at known places (a highlights box, an
author's note at the foot).

* A **speaker label** is a short line of one to four capitalised words (optionally ending in
  a colon) that stands on its own line at least ``_MIN_LABEL_REPEATS`` times in the document:
  the interviewer's and the guest's names between the turns of a transcript.
* A **pull quote** is a line of ``_MIN_QUOTE_WORDS`` to ``_MAX_QUOTE_WORDS`` words whose
  words all occur, in order and contiguously, inside a longer line at most
  ``_QUOTE_DISTANCE`` non-blank lines before or after it: a sentence of the article set
  again in large type next to its paragraph. The longer line, the article's own, is kept;
  a recap that repeats a sentence further away is left alone.
"""

import functools
import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["author_footer", "highlight_blocks", "pull_quotes", "speaker_labels", "title_line"]

_LABEL_RE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*:?\s*$")
_WORD_RE = re.compile(r"\w+")
_MIN_LABEL_REPEATS = 3
_LABEL_MAX_CHARS = 80  # four words and a colon, with room for surrounding spaces
_MIN_QUOTE_WORDS = 8
_MAX_QUOTE_WORDS = 80  # a display quote is a sentence or two, not a paragraph
_QUOTE_DISTANCE = 5


def speaker_labels(lines: Sequence[str]) -> dict[int, str]:
    """Indices of speaker-label lines, each with the rule that found it."""
    labels = [
        line.strip().rstrip(":") if len(line) <= _LABEL_MAX_CHARS and _LABEL_RE.match(line) else ""
        for line in lines
    ]
    counts = Counter(label for label in labels if label)
    return {
        i: f"speaker label, {counts[label]} times in the document"
        for i, label in enumerate(labels)
        if label and counts[label] >= _MIN_LABEL_REPEATS
    }


def pull_quotes(lines: Sequence[str]) -> dict[int, str]:
    """Indices of lines repeated inside a longer line of the document, with the rule."""
    filled = [i for i, line in enumerate(lines) if line.strip()]

    @functools.cache
    def size(i: int) -> int:
        # words, counted up to one more than a quote may have: enough for every comparison
        return len(lines[i].split(None, _MAX_QUOTE_WORDS))

    @functools.cache
    def lower(i: int) -> str:
        return lines[i].lower()

    @functools.cache
    def words(i: int) -> str:
        return " " + " ".join(_WORD_RE.findall(lower(i))) + " "

    found: dict[int, str] = {}
    for pos, i in enumerate(filled):
        if len(lines[i]) < 2 * _MIN_QUOTE_WORDS or not (
            _MIN_QUOTE_WORDS <= size(i) <= _MAX_QUOTE_WORDS
        ):
            continue
        # a cheap first test: twenty characters from the middle of the quote, verbatim
        middle = len(lines[i]) // 2
        probe = lower(i)[middle - 10 : middle + 10]
        near = (
            filled[max(0, pos - _QUOTE_DISTANCE) : pos]
            + filled[pos + 1 : pos + 1 + _QUOTE_DISTANCE]
        )
        for j in near:
            if size(j) > size(i) and probe in lower(j) and words(i) in words(j):
                found[i] = f"pull quote: repeats words of line {j + 1}"
                break
    return found


_TITLE_EXTRA_WORDS = 6  # words a title line may carry besides the title ("| Site name")


def title_line(lines: Sequence[str], title: str) -> int | None:
    """Index of the first non-blank line when it repeats the document's title, else None.

    The line repeats the title when its words are the title's, or begin or end with them and
    add at most ``_TITLE_EXTRA_WORDS`` words (a site name, a section label).
    """
    wanted = _WORD_RE.findall(title.lower())
    if not wanted:
        return None
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        words = _WORD_RE.findall(line.lower())
        n = len(wanted)
        if len(words) - n <= _TITLE_EXTRA_WORDS and (words[:n] == wanted or words[-n:] == wanted):
            return i
        return None
    return None


_HIGHLIGHTS_RE = re.compile(r"\b(story highlights|key points|at a glance)\s*:?", re.IGNORECASE)
_TERMINAL_RE = re.compile(r"[.!?…:;][\"”’)]*\s*$")
_HIGHLIGHT_MAX_WORDS = 25


def _highlight_cue(line: str) -> bool:
    """True when the line holds a substring every highlights heading holds in the
    capitalisation it is printed in (six substring tests cost less than one regex scan)."""
    return (
        "ighlights" in line
        or "oints" in line
        or "lance" in line
        or "IGHLIGHTS" in line
        or "OINTS" in line
        or "LANCE" in line
    )


def highlight_blocks(lines: Sequence[str]) -> dict[int, str]:
    """A "Story highlights" box: the line that opens it and the bullet lines after it.

    The bullets are the following non-blank lines of at most ``_HIGHLIGHT_MAX_WORDS`` words
    without sentence punctuation at their end; the first other line is the article again.
    """
    found: dict[int, str] = {}
    for i, line in enumerate(lines):
        if i in found or not _highlight_cue(line):
            continue
        if not _HIGHLIGHTS_RE.search(line):
            continue
        found[i] = "highlights box"
        for j in range(i + 1, len(lines)):
            text = lines[j].strip()
            if not text:
                continue
            if len(text.split()) > _HIGHLIGHT_MAX_WORDS or _TERMINAL_RE.search(text):
                break
            found[j] = f"highlights box from line {i + 1}"
    return found


_FOOTER_LINES = 2  # an author's note is one of the last non-blank lines
_FOOTER_MAX_WORDS = 80
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"
_FOOTER_RE = re.compile(
    rf"^[—–-]?\s*{_NAME},?\s+(?:is|was|serves as|has been|,\s*an?|an?|the)\b.{{0,400}}\b"
    r"(?:author|professor|fellow|writer|columnist|editor|reporter|correspondent|contributor|"
    r"journalist|director|lecturer|host|analyst|researcher|scholar|chair|president of)\b"
)


def author_footer(lines: Sequence[str]) -> dict[int, str]:
    """An author's note among the last non-blank lines: "Ann Lee, a professor at …, was …"."""
    filled = [i for i, line in enumerate(lines) if line.strip()][-_FOOTER_LINES:]
    return {
        i: "author's note at the foot of the article"
        for i in filled
        if len(lines[i].split()) <= _FOOTER_MAX_WORDS and _FOOTER_RE.match(lines[i].strip())
    }
