"""Dictionary frames as the lexicon defines them: each frame's terms, compiled into one pattern.

A term is a word or phrase, each word letters and digits (with inner ``-``, ``'``, ``.``) and
an optional final ``*`` wildcard. :func:`load_frames` reads ``data/lexicons/frames.yaml``;
:func:`term_priority` is the one order (longer terms first) in which a frame's pattern and
:class:`~framelab.framing.frame_scan.FrameScanner` try its terms.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from framelab.errors import InputError
from framelab.io import read_yaml
from framelab.regex_tools import first_char_alternation

__all__ = ["Frame", "compile_terms", "load_frames", "term_pattern", "term_priority", "term_regex"]

# A term word: word characters, inner hyphens, apostrophes and dots (al-Qaeda, S-400, U.N.),
# optionally ending in "*". Anything else (regex syntax, inner "*") is refused.
_WORD = re.compile(r"\w(?:[\w'’.-]*\w)?\.?\*?")


@dataclass(frozen=True)
class Frame:
    """A dictionary frame: its name, definition, provenance and one compiled pattern.

    ``pattern`` is a case-insensitive alternation of every term, one named group per term
    (``t0``, ``t1``, ... in the order of ``terms``), bounded so that a term never matches
    inside a longer word.
    """

    name: str
    definition: str
    provenance: str
    pattern: re.Pattern[str]
    terms: tuple[str, ...] = field(default=())

    def hits(self, text: str) -> int:
        """Number of non-overlapping term matches in ``text``."""
        return sum(1 for _ in self.pattern.finditer(text))

    def matched_terms(self, text: str) -> list[str]:
        """The lexicon terms that match in ``text``, distinct, in order of first match."""
        seen: dict[str, None] = {}
        for match in self.pattern.finditer(text):
            seen.setdefault(self.terms[int(match.lastgroup[1:])], None)
        return list(seen)


def compile_terms(terms: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive, word-bounded pattern for ``terms``; longer terms are tried first.

    The alternatives are grouped by first character (:func:`first_char_alternation`), which
    finds the same matches faster.
    """
    order = term_priority(terms)
    alternatives = first_char_alternation(
        [(terms[i][0], f"(?P<t{i}>{term_regex(terms[i])})") for i in order]
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def load_frames(path: str | Path) -> dict[str, Frame]:
    """Read dictionary frames from YAML (a ``frames`` mapping), in file order.

    Raises
    ------
    InputError
        For a missing file, invalid YAML, an empty lexicon, a frame without a definition,
        provenance or terms, a bad or duplicate term. Every problem is listed.
    """
    path = Path(path)
    raw = read_yaml(path, "frames lexicon")
    entries = raw.get("frames") if isinstance(raw, dict) else None
    if not entries or not isinstance(entries, dict):
        raise InputError(f"{path}: no frames defined (expected a 'frames' mapping)")
    problems: list[str] = []
    frames: dict[str, Frame] = {}
    for name, spec in entries.items():
        key = f"{path}: frames.{name}"
        if not isinstance(spec, dict):
            problems.append(f"{key}: expected a mapping with definition, provenance and terms")
            continue
        for required in ("definition", "provenance"):
            if not str(spec.get(required) or "").strip():
                problems.append(f"{key}.{required}: missing or empty")
        terms = spec.get("terms") or []
        if not isinstance(terms, list) or not terms:
            problems.append(f"{key}.terms: empty; give at least one term")
            continue
        clean: list[str] = []
        for i, term in enumerate(terms):
            text = " ".join(str(term).split()) if isinstance(term, str | int) else ""
            try:
                term_regex(text)
            except ValueError as err:
                problems.append(f"{key}.terms[{i}]: bad term {term!r}: {err}")
                continue
            if text.lower() in {t.lower() for t in clean}:
                problems.append(f"{key}.terms[{i}]: duplicate term {term!r}")
                continue
            clean.append(text)
        if len(clean) == len(terms):
            frames[str(name)] = Frame(
                str(name),
                " ".join(str(spec.get("definition", "")).split()),
                " ".join(str(spec.get("provenance", "")).split()),
                compile_terms(clean),
                tuple(clean),
            )
    if problems:
        raise InputError(problems)
    return frames


def term_priority(terms: Sequence[str]) -> list[int]:
    """Indices of ``terms`` in the order a frame tries them: longer terms first, then in
    lexicon order."""
    return sorted(range(len(terms)), key=lambda i: (-len(terms[i]), i))


def term_regex(term: str) -> str:
    """The regular expression of one term (without boundaries).

    Raises
    ------
    ValueError
        When a word of the term is not letters/digits (with inner ``-``, ``'``, ``.``) and an
        optional final ``*``.
    """
    words = term.split()
    if not words:
        raise ValueError("empty term")
    parts = []
    for word in words:
        if not _WORD.fullmatch(word):
            raise ValueError(
                f"{word!r} is not a word: use letters, digits, inner - ' . and an optional "
                "final * (no other regular-expression syntax)"
            )
        wildcard = word.endswith("*")
        stem = word[:-1] if wildcard else word
        parts.append(re.escape(stem) + (r"\w*" if wildcard else ""))
    return r"\s+".join(parts)


def term_pattern(term: str) -> re.Pattern[str]:
    """One term, word-bounded, case-insensitive, as it is a branch of the frame's pattern."""
    return re.compile(rf"(?<!\w)(?:{term_regex(term)})(?!\w)", re.IGNORECASE)
