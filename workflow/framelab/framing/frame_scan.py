"""Counting every frame's hits in one pass over a text, with the matches of each frame's own
pattern.

:meth:`Frame.hits <framelab.framing.frame_lexicon.Frame.hits>` scans the whole text once per
frame. Every match of a term starts at the start of a word, and at a word whose first run of
word characters fits the term's first run (equal, or a prefix of it for a wildcard such as
``militar*``). :class:`FrameScanner` therefore scans once for the words that can start any
term of any frame, and tries only the terms keyed to that word, in each frame's priority order
(:func:`~framelab.framing.frame_lexicon.term_priority`, longer terms first, as a frame's own
pattern orders them). Per frame, matches are taken left to right without overlaps, as
``finditer`` takes them, so the counts are the same.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from framelab.framing.frame_lexicon import Frame, term_pattern, term_priority
from framelab.regex_tools import WordStarts, first_run

__all__ = ["FrameScanner"]

# (frame index, that frame's term patterns to try here, in priority order)
Candidates = tuple[tuple[int, tuple[re.Pattern[str], ...]], ...]


class FrameScanner:
    """Hits of every frame of a lexicon in a text, from one scan.

    Parameters
    ----------
    frames : mapping of str to Frame
        As :func:`framelab.framing.frame_lexicon.load_frames` gives them; counts follow this order.
    """

    def __init__(self, frames: Mapping[str, Frame]) -> None:
        self.names = tuple(frames)
        self._exact: dict[str, list[_Entry]] = {}
        self._prefix: dict[str, list[_Entry]] = {}
        self._not_ascii: list[_Entry] = []  # tried at every word: folding may not be lower()
        keys: list[tuple[str, bool]] = []
        for index, frame in enumerate(frames.values()):
            for priority, i in enumerate(term_priority(frame.terms)):
                first_word = frame.terms[i].split()[0]
                stem = first_word.removesuffix("*")
                key = first_run(stem)
                is_prefix = first_word.endswith("*") and key == stem
                entry = (index, priority, term_pattern(frame.terms[i]))
                table = self._prefix if is_prefix else self._exact
                table.setdefault(key.lower(), []).append(entry)
                if not key.isascii():
                    self._not_ascii.append(entry)
                keys.append((key, is_prefix))
        self._prefix_lengths = sorted({len(key) for key in self._prefix})
        self._every = _group(
            [e for t in (self._exact, self._prefix) for v in t.values() for e in v]
        )
        self._words = WordStarts(keys)
        self._cache: dict[str, Candidates] = {}

    def counts(self, text: str) -> list[int]:
        """Non-overlapping hits of each frame in ``text``, in lexicon order."""
        counts = [0] * len(self.names)
        ends = [0] * len(self.names)
        for start, word in self._words.finditer(text):
            for frame, patterns in self._candidates(word):
                if start < ends[frame]:
                    continue
                for pattern in patterns:
                    match = pattern.match(text, start)
                    if match:
                        counts[frame] += 1
                        ends[frame] = match.end()
                        break
        return counts

    def _candidates(self, word: str) -> Candidates:
        """The terms that can match at a lower-cased word, grouped by frame (cached)."""
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = self._lookup(word)
        return found

    def _lookup(self, word: str) -> Candidates:
        if not word.isascii():  # case folding beyond ASCII: try every term
            return self._every
        entries = self._exact.get(word, []) + self._not_ascii
        for length in self._prefix_lengths:
            if length > len(word):
                break
            entries += self._prefix.get(word[:length], ())
        return _group(entries)


_Entry = tuple[int, int, re.Pattern[str]]  # frame index, priority in the frame, term pattern


def _group(entries: list[_Entry]) -> Candidates:
    """Entries grouped by frame (in lexicon order), each frame's terms in priority order."""
    by_frame: dict[int, dict[int, re.Pattern[str]]] = {}
    for frame, priority, pattern in entries:
        by_frame.setdefault(frame, {})[priority] = pattern
    return tuple(
        (frame, tuple(patterns[p] for p in sorted(patterns)))
        for frame, patterns in sorted(by_frame.items())
    )
