"""Building large alternations that Python's ``re`` scans quickly, with unchanged matches.

``re`` tries the branches of an alternation one after another at every position of the text.
For lexicons of hundreds of literal terms most of those tries fail on the first character.
:func:`first_char_alternation` groups the branches by their first character behind a
one-character lookahead, so at each position only the terms that can start there are tried.
Branches with different first characters never match at the same position, and the order
within a group is kept, so the leftmost match and the branch that wins are the same as with
the plain alternation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["first_char_alternation"]


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


def _group_key(first: str) -> str | None:
    if len(first) != 1 or not first.isascii() or first.isspace() or first == "-":
        return None
    return first.lower()
