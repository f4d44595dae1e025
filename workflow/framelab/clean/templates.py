"""Lines that recur across documents of one outlet: the site's template, not its articles."""

import math
from collections import Counter
from collections.abc import Iterable

from framelab.clean.rules import normalise_line

__all__ = ["find_templates"]


def find_templates(
    texts: Iterable[str], *, min_docs: int = 3, min_share: float = 0.5
) -> frozenset[str]:
    """Normalised lines that occur in many documents of one outlet.

    A line counts once per document. It is a template line when it occurs in at least
    ``max(min_docs, ceil(min_share * n_docs))`` documents, so an outlet needs at least
    ``min_docs`` documents before anything is called a template, and a sentence quoted in a few
    of many articles is not one. Lines without a letter or digit are ignored (blank lines and
    separators carry no template evidence).

    Parameters
    ----------
    texts : iterable of str
        Raw texts of the documents of ONE outlet.
    min_docs : int, default=3
        Fewest documents a template line must occur in.
    min_share : float, default=0.5
        Smallest share of the outlet's documents a template line must occur in.

    Returns
    -------
    frozenset of str
        Lines normalised with :func:`framelab.clean.rules.normalise_line`; pass it to
        ``clean_document(..., templates=...)``.

    Raises
    ------
    ValueError
        If ``min_docs < 1`` or ``min_share`` is outside [0, 1].
    """
    if min_docs < 1:
        raise ValueError(f"min_docs must be >= 1, got {min_docs}")
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share must be within [0, 1], got {min_share}")
    counts: Counter[str] = Counter()
    n_docs = 0
    for text in texts:
        n_docs += 1
        counts.update(
            {key for line in text.splitlines() if (key := normalise_line(line)) and _has_word(key)}
        )
    needed = max(min_docs, math.ceil(min_share * n_docs))
    return frozenset(line for line, n in counts.items() if n >= needed)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)
