"""Readers for the plain word lists the project ships in ``data/lexicons/``."""

from __future__ import annotations

from pathlib import Path

from framelab.errors import InputError

__all__ = ["read_word_list"]


def read_word_list(path: str | Path) -> frozenset[str]:
    """Read one entry per line, lowercased; ``#`` comments and blank lines are skipped.

    Raises
    ------
    InputError
        If the file is missing or lists nothing.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: word list not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    words = frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )
    if not words:
        raise InputError(f"{path}: word list is empty")
    return words
