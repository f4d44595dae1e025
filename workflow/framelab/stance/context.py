"""A mention in its sentence: the tokens to its left, its own tokens and those to its right."""

from __future__ import annotations

import re
from dataclasses import dataclass

from framelab.errors import InputError

__all__ = ["TOKEN", "MentionContext", "mention_context", "tokenize"]

#: Words (with inner apostrophes or hyphens) and single punctuation marks.
TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def tokenize(text: str) -> tuple[str, ...]:
    """Lowercased tokens of ``text``; curly apostrophes become straight ones."""
    return tuple(t.lower().replace("’", "'") for t in TOKEN.findall(text))


@dataclass(frozen=True)
class MentionContext:
    """Tokens around one mention, lowercased.

    Attributes
    ----------
    left : tuple of str
        Tokens before the mention, in reading order.
    target : tuple of str
        The mention's own tokens.
    right : tuple of str
        Tokens after the mention, in reading order.
    """

    left: tuple[str, ...]
    target: tuple[str, ...]
    right: tuple[str, ...]

    def window(self, k: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ``k`` tokens nearest the mention on each side (punctuation counts as a token)."""
        if k < 0:
            raise ValueError(f"window must be >= 0, got {k}")
        return (self.left[-k:] if k else ()), self.right[:k]


def mention_context(sentence: str, start: int, end: int) -> MentionContext:
    """Split ``sentence`` at the mention ``sentence[start:end]``.

    Raises
    ------
    InputError
        If the offsets are not integers with ``0 <= start < end <= len(sentence)``.
    """
    if not isinstance(sentence, str):
        raise InputError(f"sentence must be a string, got {type(sentence).__name__}")
    if isinstance(start, bool) or isinstance(end, bool):
        raise InputError(f"mention offsets must be integers, got {start!r}, {end!r}")
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise InputError(f"mention offsets must be integers, got {start!r}, {end!r}") from None
    if not 0 <= start < end <= len(sentence):
        raise InputError(
            f"mention span [{start}, {end}) is not inside the sentence of length "
            f"{len(sentence)}; allowed: 0 <= start < end <= {len(sentence)}"
        )
    return MentionContext(
        tokenize(sentence[:start]), tokenize(sentence[start:end]), tokenize(sentence[end:])
    )
