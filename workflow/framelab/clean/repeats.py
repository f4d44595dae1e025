"""Lines that repeat within one document: a transcript's speaker labels, display quotes, the
title at the top.

* A **speaker label** is a short line of one to four capitalised words (optionally ending in
  a colon) that stands on its own line at least ``_MIN_LABEL_REPEATS`` times in the document:
  the interviewer's and the guest's names between the turns of a transcript.
* A **pull quote** is a line of at least ``_MIN_QUOTE_WORDS`` words whose words all occur,
  in order and contiguously, inside a longer line at most ``_QUOTE_DISTANCE`` non-blank
  lines before or after it: a sentence of the article set again in large type next to its
  paragraph. The longer line, the article's own, is kept; a recap that repeats a sentence
  further away is left alone.
"""

import re
from collections import Counter
from collections.abc import Sequence

__all__ = ["pull_quotes", "speaker_labels", "title_line"]

_LABEL_RE = re.compile(r"^\s*(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*\s*:?\s*$")
_WORD_RE = re.compile(r"\w+")
_MIN_LABEL_REPEATS = 3
_MIN_QUOTE_WORDS = 8
_QUOTE_DISTANCE = 5


def speaker_labels(lines: Sequence[str]) -> dict[int, str]:
    """Indices of speaker-label lines, each with the rule that found it."""
    labels = [line.strip().rstrip(":") if _LABEL_RE.match(line) else "" for line in lines]
    counts = Counter(label for label in labels if label)
    return {
        i: f"speaker label, {counts[label]} times in the document"
        for i, label in enumerate(labels)
        if label and counts[label] >= _MIN_LABEL_REPEATS
    }


def pull_quotes(lines: Sequence[str]) -> dict[int, str]:
    """Indices of lines repeated inside a longer line of the document, with the rule."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    words = {i: " " + " ".join(_WORD_RE.findall(lines[i].lower())) + " " for i in filled}
    sizes = {i: w.count(" ") - 1 for i, w in words.items()}
    found: dict[int, str] = {}
    for pos, i in enumerate(filled):
        if sizes[i] < _MIN_QUOTE_WORDS:
            continue
        near = (
            filled[max(0, pos - _QUOTE_DISTANCE) : pos]
            + filled[pos + 1 : pos + 1 + _QUOTE_DISTANCE]
        )
        for j in near:
            if sizes[j] > sizes[i] and words[i] in words[j]:
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
