"""Cross-validate the whole cleaner by site, fitting everything inside the training folds.

    PYTHONPATH=workflow:bench python bench/clean_cv.py [--data DIR] [--folds 5]

The figure a user can expect on sites the cleaner has never seen. The boilerplate development
set is split into folds by site (``manifest.tsv``); on each fold's training pages this script

1. keeps only the lexicon entries that match page furniture (lines outside the gold body) on at
   least ``MIN_SITES`` training sites, and match more furniture lines than body lines;
2. fits the line-scoring weights on the units the kept entries leave;
3. picks the keep threshold by macro F1 on the training pages;

and scores the held-out sites' pages with the result. Nothing fitted sees a held-out site, so
the cross-validated macro F1 predicts unseen sites; the in-sample figure of the shipped rules
(``bench/clean_eval.py``) does not. The last line printed is
``site-grouped CV macro F1=… P=… R=… folds=… n=…``.
"""

import argparse
import dataclasses
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from clean_eval import DEFAULT_DATA, prf
from sklearn.model_selection import GroupKFold
from train_line_weights import THRESHOLDS, fit_weights, gold_test, load_pages, with_weights

from framelab.clean import clean_document, load_rules
from framelab.clean.rules import CleanRules, _union, normalise_line

MIN_SITES = 2


def furniture_lines(page: dict) -> tuple[list[str], list[str]]:
    """A page's non-blank lines split into body (in the gold text, as the line weights are
    trained) and furniture."""
    in_gold = gold_test(page["gold"])
    body, furniture = [], []
    for line in page["text"].splitlines():
        if line.strip():
            (body if in_gold(line) else furniture).append(line)
    return body, furniture


def select_entries(rules: CleanRules, pages: list[dict]) -> CleanRules:
    """The rules restricted to entries with furniture evidence on ``MIN_SITES`` sites."""
    sites: dict[object, set[str]] = defaultdict(set)
    hits = defaultdict(lambda: [0, 0])  # entry -> [furniture lines, body lines]
    exact_index = {(reason, string) for reason, _, strings in rules.exact for string in strings}
    for page in pages:
        body, furniture = furniture_lines(page)
        for is_body, lines in ((False, furniture), (True, body)):
            for line in lines:
                key = normalise_line(line)
                entries = [(r, s) for r, s in exact_index if s == key]
                entries += [p.rule for p in rules.patterns if p.regex.search(line.strip())]
                for entry in entries:
                    hits[entry][is_body] += 1
                    if not is_body:
                        sites[entry].add(page["domain"])
    keep = {e for e, (chrome, body) in hits.items() if len(sites[e]) >= MIN_SITES and chrome > body}
    exact = tuple(
        (reason, rule, frozenset(s for s in strings if (reason, s) in keep))
        for reason, rule, strings in rules.exact
    )
    patterns = tuple(p for p in rules.patterns if p.rule in keep)
    return dataclasses.replace(
        rules,
        exact=tuple(e for e in exact if e[2]),
        patterns=patterns,
        any_pattern=_union(p.regex for p in patterns),
    )


def _scores(pages: list[dict], rules: CleanRules) -> list[tuple[float, float, float]]:
    return [prf(clean_document(p["text"], rules=rules).text, p["gold"]) for p in pages]


def cross_validate(data: Path, folds: int = 5) -> tuple[list[tuple[float, float, float]], list]:
    """Per held-out page (P, R, F1), and per fold what was fitted."""
    rules = load_rules()
    pages = load_pages(data, rules)
    groups = [p["domain"] for p in pages]
    results: list[tuple[float, float, float]] = []
    fitted = []
    for train, test in GroupKFold(n_splits=folds).split(pages, groups=groups):
        train_pages = [pages[i] for i in train]
        fold_rules = select_entries(rules, train_pages)
        fold_pages = load_pages_subset(data, fold_rules, {pages[i]["id"] for i in train})
        models = fit_weights(fold_pages)
        by_threshold = {
            t: np.mean([s[2] for s in _scores(train_pages, with_weights(fold_rules, models, t))])
            for t in THRESHOLDS
        }
        threshold = max(THRESHOLDS, key=lambda t: by_threshold[t])
        final = with_weights(fold_rules, models, threshold)
        results += _scores([pages[i] for i in test], final)
        n_entries = sum(len(e[2]) for e in final.exact) + len(final.patterns)
        fitted.append((threshold, n_entries, len(test)))
    return results, fitted


def load_pages_subset(data: Path, rules: CleanRules, ids: set[str]) -> list[dict]:
    """``load_pages`` for the pages of ``ids`` only, with ``rules``' lexicon."""
    return [p for p in load_pages(data, rules) if p["id"] in ids]


def main(argv: list[str] | None = None) -> int:
    """Print each fold's fitted threshold and lexicon size, then the cross-validated F1."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    if not (args.data / "pages").is_dir():
        print(f"skipped: no boilerplate-dev data at {args.data} (pages/ is missing)")
        return 1
    results, fitted = cross_validate(args.data, args.folds)
    for k, (threshold, n_entries, n_test) in enumerate(fitted, start=1):
        print(
            f"fold {k}: threshold={threshold} lexicon entries kept={n_entries} test pages={n_test}"
        )
    p, r, f = (float(np.mean([row[i] for row in results])) for i in range(3))
    print(
        f"site-grouped CV macro F1={f:.3f} P={p:.3f} R={r:.3f} folds={args.folds} n={len(results)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
