"""Score framelab.clean on the boilerplate development set, exactly as its ``score.py`` does.

    PYTHONPATH=workflow python bench/clean_eval.py [--data DIR] [--quiet]

The data folder (default ``../shared/data/boilerplate-dev`` relative to the repository root)
holds ``pages/<id>.txt`` (a page's visible text, one block per line) and ``gold/<id>.txt``
(the human-extracted article body). The metric is the multiset overlap of lowercase ``\\w+``
tokens per page; the last line printed is ``macro F1=… P=… R=… n=…``.
"""

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

from framelab.clean import clean_document, load_rules
from framelab.clean.rules import CleanRules

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "boilerplate-dev"
_TOKEN_RE = re.compile(r"\w+")


def word_bag(text: str) -> Counter[str]:
    """The multiset of lowercase ``\\w+`` tokens, the unit every score here counts."""
    return Counter(_TOKEN_RE.findall((text or "").lower()))


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Word-level precision, recall and F1 of ``pred`` against ``gold`` (as score.py)."""
    p_bag, g_bag = word_bag(pred), word_bag(gold)
    tp = sum((p_bag & g_bag).values())
    n_pred, n_gold = sum(p_bag.values()), sum(g_bag.values())
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate(
    data: Path = DEFAULT_DATA, rules: CleanRules | None = None, lang: str = "en"
) -> tuple[float, float, float, list[tuple[str, float, float, float]]]:
    """Macro precision, recall and F1 of the cleaner over every page of ``data``.

    Returns
    -------
    f1, precision, recall : float
        Macro averages over pages.
    rows : list of (str, float, float, float)
        Per page: id, P, R, F1.
    """
    rules = rules or load_rules()
    rows = []
    for page in sorted((data / "pages").glob("*.txt")):
        gold = (data / "gold" / page.name).read_text(encoding="utf-8")
        doc = clean_document(page.read_text(encoding="utf-8"), rules=rules, lang=lang)
        rows.append((page.stem, *prf(doc.text, gold)))
    n = len(rows) or 1
    return (
        sum(r[3] for r in rows) / n,
        sum(r[1] for r in rows) / n,
        sum(r[2] for r in rows) / n,
        rows,
    )


def main(argv: list[str] | None = None) -> int:
    """Print per-page scores and the macro line; exit 0, or 1 when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "pages").is_dir():
        print(f"skipped: no boilerplate-dev data at {args.data} (pages/ is missing)")
        return 1
    f1, p, r, rows = evaluate(args.data)
    if not args.quiet:
        for pid, pp, rr, ff in rows:
            print(f"{pid[:16]}  P={pp:.3f} R={rr:.3f} F1={ff:.3f}")
    print(f"macro F1={f1:.3f} P={p:.3f} R={r:.3f} n={len(rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
