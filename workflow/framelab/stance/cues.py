"""Domain cue lexicon: evaluative words and phrases that VADER does not score."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from framelab.errors import InputError
from framelab.stance.context import tokenize
from framelab.stance.paths import DEFAULT_CUES_PATH

__all__ = ["Cue", "CueLexicon", "CueMatch", "load_cues"]


@dataclass(frozen=True)
class Cue:
    """One cue term: its tokens, valence (VADER's -4..4 scale) and category."""

    tokens: tuple[str, ...]
    valence: float
    category: str


@dataclass(frozen=True)
class CueMatch:
    """A cue found at token ``index`` of a token sequence."""

    index: int
    cue: Cue


@dataclass(frozen=True, eq=False)
class CueLexicon:
    """Cue terms by their token tuples, hedge words and the factor a hedge applies.

    Attributes
    ----------
    cues : Mapping of tuple of str to Cue
    hedges : frozenset of str
    hedge_factor : float
        Multiplies a window's score when a hedge occurs in it, in [0, 1].
    """

    cues: Mapping[tuple[str, ...], Cue]
    hedges: frozenset[str]
    hedge_factor: float

    @functools.cached_property
    def _longest_from(self) -> dict[str, int]:
        """First token of a term -> the most tokens of a term that starts with it."""
        longest: dict[str, int] = {}
        for key in self.cues:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return longest

    def find(self, tokens: Sequence[str]) -> list[CueMatch]:
        """Cues in ``tokens`` (lowercased), left to right; the longest term wins at a position."""
        found, i = [], 0
        longest_from = self._longest_from
        while i < len(tokens):
            # most tokens start no term: one lookup, not one per term length
            for n in range(min(longest_from.get(tokens[i], 0), len(tokens) - i), 0, -1):
                cue = self.cues.get(tuple(tokens[i : i + n]))
                if cue is not None:
                    found.append(CueMatch(i, cue))
                    i += n
                    break
            else:
                i += 1
        return found


def load_cues(path: str | Path | None = None) -> CueLexicon:
    """Read a cue lexicon from YAML; default :data:`DEFAULT_CUES_PATH`.

    Raises
    ------
    InputError
        If the file is missing, or a category lacks a numeric ``valence`` or ``terms``, or a
        term is listed twice.
    """
    path = Path(path) if path is not None else DEFAULT_CUES_PATH
    if path is DEFAULT_CUES_PATH or path == DEFAULT_CUES_PATH:
        return _default_cues()
    return _read_cues(path)


@functools.cache
def _default_cues() -> CueLexicon:
    return _read_cues(DEFAULT_CUES_PATH)


def _read_cues(path: Path) -> CueLexicon:
    if not path.is_file():
        raise InputError(f"{path}: cue lexicon not found")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise InputError(f"{path}: expected a mapping with a 'categories' mapping")
    problems: list[str] = []
    cues: dict[tuple[str, ...], Cue] = {}
    for name, entry in data["categories"].items():
        where = f"{path}, category {name!r}"
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a mapping, got {type(entry).__name__}")
            continue
        valence = entry.get("valence")
        if isinstance(valence, bool) or not isinstance(valence, int | float):
            problems.append(f"{where}: 'valence' must be a number, got {valence!r}")
            continue
        terms = entry.get("terms")
        if not isinstance(terms, list) or not terms:
            problems.append(f"{where}: 'terms' must be a non-empty list, got {terms!r}")
            continue
        for term in terms:
            tokens = tokenize(str(term))
            if not tokens:
                problems.append(f"{where}: term {term!r} has no tokens")
            elif tokens in cues:
                problems.append(
                    f"{where}: term {term!r} is already listed in {cues[tokens].category!r}"
                )
            else:
                cues[tokens] = Cue(tokens, float(valence), str(name))
    factor = data.get("hedge_factor", 1.0)
    if isinstance(factor, bool) or not isinstance(factor, int | float) or not 0 <= factor <= 1:
        problems.append(f"{path}: 'hedge_factor' must be a number in [0, 1], got {factor!r}")
    hedges = data.get("hedges", [])
    if not isinstance(hedges, list):
        problems.append(f"{path}: 'hedges' must be a list, got {type(hedges).__name__}")
        hedges = []
    if problems:
        raise InputError(problems)
    return CueLexicon(cues, frozenset(str(h).lower() for h in hedges), float(factor))
