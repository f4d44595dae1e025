"""Association of a term with a target's windows: pointwise mutual information and the
likelihood ratio of a 2x2 contingency table.

The formulas and the order of their floating-point operations are those of NLTK's
``BigramAssocMeasures.pmi`` and ``.likelihood_ratio`` (Manning and Schütze 5.4 and 5.3.4), so
the scores are the same to the last bit (``tests/test_collocations.py`` checks them against
NLTK). Importing ``nltk.metrics`` imports SciPy's statistics, which takes longer than scoring
a study's collocates.
"""

from __future__ import annotations

import math

__all__ = ["likelihood_ratio", "pmi"]

_SMALL = 1e-20  # NLTK's guard against log(0) and division by zero


def pmi(n_ii: int, marginals: tuple[int, int], n_xx: int) -> float:
    """Pointwise mutual information (bits) of a pair seen ``n_ii`` times, with the two items'
    counts ``marginals`` among ``n_xx``."""
    n_ix, n_xi = marginals
    return math.log2(n_ii * n_xx) - math.log2(n_ix * n_xi)


def likelihood_ratio(n_ii: int, marginals: tuple[int, int], n_xx: int) -> float:
    """Dunning's log-likelihood ratio (G²) of the pair's 2x2 contingency table."""
    n_ix, n_xi = marginals
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    cont = (n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io)
    total = sum(cont)
    expected = [(cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total for i in range(4)]
    return 2 * sum(
        obs * math.log(obs / (exp + _SMALL) + _SMALL)
        for obs, exp in zip(cont, expected, strict=True)
    )
