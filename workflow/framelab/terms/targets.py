"""Targets of a study (e.g. Russian arms offers) and every mention of them, with offsets."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framelab.errors import InputError
from framelab.io import read_yaml
from framelab.regex_tools import found_anywhere
from framelab.tables import column_rows

__all__ = ["MENTION_COLUMNS", "Target", "attach_sentences", "find_mentions", "load_targets"]

MENTION_COLUMNS = [
    "doc_id",
    "outlet",
    "target",
    "sentence_id",
    "start",
    "end",
    "surface",
    "sentence_start",
    "sentence_end",
]


@dataclass(frozen=True)
class Target:
    """A target: its name, description and compiled patterns (case-insensitive)."""

    name: str
    description: str
    patterns: tuple[re.Pattern[str], ...]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping match spans in ``text``; the longest match wins where they overlap."""
        found = sorted(
            {
                (m.start(), m.end())
                for p in self.patterns
                for m in p.finditer(text)
                if m.end() > m.start()
            },
            key=lambda span: (span[0], -(span[1] - span[0])),
        )
        kept: list[tuple[int, int]] = []
        for start, end in found:
            if not kept or start >= kept[-1][1]:
                kept.append((start, end))
        return kept


def load_targets(path: str | Path | None, names: Sequence[str] | None = None) -> dict[str, Target]:
    """Read targets from YAML; keep ``names`` (all when None), in that order.

    Raises
    ------
    InputError
        For a missing file, an empty lexicon, a target without patterns, an invalid regular
        expression, or a name in ``names`` that the lexicon lacks (with the closest name).
    """
    if names is not None and not names:  # a study without targets reads no lexicon
        return {}
    if path is None:
        raise InputError("no targets lexicon given (config targets.lexicon)")
    path = Path(path)
    raw = read_yaml(path, "targets lexicon")
    entries = raw.get("targets") if isinstance(raw, dict) else None
    if not entries:
        raise InputError(f"{path}: no targets defined (expected a 'targets' mapping)")
    problems = []
    wanted = list(entries) if names is None else list(names)
    for name in wanted:
        if name not in entries:
            close = difflib.get_close_matches(name, list(entries), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append(f"{path}: no target {name!r}{hint}; defined: {sorted(entries)}")
    targets = {}
    for name in (n for n in wanted if n in entries):
        spec = entries[name] or {}
        patterns = spec.get("patterns") or []
        if not patterns:
            problems.append(f"{path}: targets.{name}.patterns: empty; give at least one pattern")
        compiled = []
        for i, pattern in enumerate(patterns):
            try:
                compiled.append(re.compile(str(pattern), re.IGNORECASE))
            except re.error as err:
                problems.append(f"{path}: targets.{name}.patterns[{i}]: invalid regex ({err})")
        targets[name] = Target(name, str(spec.get("description", "")), tuple(compiled))
    if problems:
        raise InputError(problems)
    return targets


def find_mentions(sentences: pd.DataFrame, targets: dict[str, Target]) -> pd.DataFrame:
    """Every target mention in every sentence.

    Parameters
    ----------
    sentences : DataFrame
        ``doc_id, outlet, unit_id, start, end, text``; offsets index the clean document text.
    targets : dict of Target

    Returns
    -------
    DataFrame
        :data:`MENTION_COLUMNS`; ``start``/``end`` index the clean document text,
        ``sentence_start``/``sentence_end`` the mention within its sentence.
    """
    rows = []
    columns = ["doc_id", "outlet", "unit_id", "start", "text"]
    any_target = _any_target(targets)
    for doc_id, outlet, unit_id, offset, text in column_rows(sentences, columns):
        if any_target is not None and not any_target(text):
            continue  # most sentences mention no target: one scan instead of one per pattern
        for target in targets.values():
            for start, end in target.spans(text):
                rows.append(
                    (
                        doc_id,
                        outlet,
                        target.name,
                        unit_id,
                        offset + start,
                        offset + end,
                        text[start:end],
                        start,
                        end,
                    )  # fmt: skip
                )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)


def attach_sentences(mentions: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Mentions with the text of their sentence as ``sentence`` (what stance scoring reads)."""
    text = sentences[["unit_id", "text"]].rename(
        columns={"unit_id": "sentence_id", "text": "sentence"}
    )
    return mentions.merge(text, on="sentence_id", how="left")


def _any_target(targets: dict[str, Target]) -> Callable[[str], bool] | None:
    """Whether any pattern matches a text, from one scan (None if the patterns cannot be
    joined, e.g. when they reuse group names): most sentences mention no target."""
    sources = [p.pattern for t in targets.values() for p in t.patterns]
    if not sources:
        return None
    try:
        return found_anywhere("|".join(f"(?:{s})" for s in sources), re.IGNORECASE)
    except re.error:
        return None
