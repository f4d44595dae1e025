"""Learn the line-scoring weights of framelab.clean from the boilerplate development set.

    PYTHONPATH=workflow python bench/train_line_weights.py [--data DIR] [--write]

Reads ``../shared/data/boilerplate-dev`` at training time only (the pages are never copied into
the repository). A page line is labelled body when it occurs in the page's gold text (a whole
gold line, or a substring of the gold text if longer than 25 characters). Three logistic
regressions (scikit-learn, L2, C=1, sample weight ``log1p(words) + 0.5``) are fitted on the
units left after the lexicon rules: a local model on one line's signals, then a context model
on the same signals plus context signals of the local scores (neighbours, main region,
enclosure by body text, distance to dense lines), then a refine model with the context signals
recomputed from the context model's scores. The keep threshold is picked
from a small grid by macro F1 under 5-fold cross-validation grouped by site (manifest.tsv), and
the cross-validated F1 is printed next to the in-sample F1. ``--write`` stores the weights in
``data/lexicons/line-weights.yaml``.
"""

import argparse
import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np
from clean_eval import DEFAULT_DATA, REPO, prf
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from framelab.clean import clean_document, load_rules
from framelab.clean.features import CONTEXT_FEATURES, LOCAL_FEATURES, context_features
from framelab.clean.lines import prepare_blocks
from framelab.clean.rules import CleanRules

WEIGHTS_PATH = REPO / "data" / "lexicons" / "line-weights.yaml"
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5)
# The context model and one refine round over its scores.
N_CONTEXT_ROUNDS = 2


def _norm(text: str) -> str:
    return " ".join(text.split())


def gold_test(gold: str) -> Callable[[str], bool]:
    """Whether a page line is body: a whole line of the gold text, or (if longer than 25
    characters) a part of it, whitespace collapsed."""
    gold_text, gold_lines = _norm(gold), {_norm(g) for g in gold.splitlines()}

    def in_gold(line: str) -> bool:
        s = _norm(line)
        return s in gold_lines or (len(s) > 25 and s in gold_text)

    return in_gold


def load_pages(data: Path, rules: CleanRules) -> list[dict]:
    """Pages with their scoring units, local signals and unit labels."""
    domains = {}
    for row in (data / "manifest.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        pid, domain, _ = row.split("\t")
        domains[pid] = domain
    pages = []
    for path in sorted((data / "pages").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        gold = (data / "gold" / path.name).read_text(encoding="utf-8")
        in_gold = gold_test(gold)
        lines = text.splitlines()
        table = prepare_blocks(lines, rules=rules)
        labels = []
        for block in table.blocks:
            hits = [in_gold(lines[j]) for j in block]
            labels.append(1 if sum(hits) * 2 >= len(hits) else 0)
        pages.append(
            {
                "id": path.stem,
                "domain": domains[path.stem],
                "text": text,
                "gold": gold,
                "X": np.array([s.features for s in table.signals]).reshape(-1, len(LOCAL_FEATURES)),
                "words": [s.words for s in table.signals],
                "removed": np.array([not t for t in table.texts]),
                "y": np.array(labels),
            }
        )
    return pages


def _fit(X: np.ndarray, y: np.ndarray, w: np.ndarray) -> LogisticRegression:
    model = LogisticRegression(C=1.0, max_iter=5000)
    model.fit(X, y, sample_weight=w)
    return model


def _context_matrix(page: dict, scores: np.ndarray) -> np.ndarray:
    scores = np.where(page["removed"], 0.0, scores)
    ctx = context_features(
        list(scores),
        page["words"],
    )
    return np.hstack([page["X"], np.array(ctx).reshape(-1, len(CONTEXT_FEATURES))])


def _proba(model: LogisticRegression, X: np.ndarray) -> np.ndarray:
    return model.predict_proba(X)[:, 1] if len(X) else np.zeros(0)


def _sample_weights(page: dict) -> np.ndarray:
    """Weight of each unit: longer units count more, but only logarithmically."""
    return np.log1p(np.array(page["words"], dtype=float)) + 0.5


def fit_weights(pages: list[dict]) -> tuple[LogisticRegression, ...]:
    """Fit the local, the context and the refine model on the scored (not rule-removed) units."""
    keep = [~p["removed"] for p in pages]
    y = np.concatenate([p["y"][k] for p, k in zip(pages, keep, strict=True)])
    w = np.concatenate([_sample_weights(p)[k] for p, k in zip(pages, keep, strict=True)])
    local = _fit(np.vstack([p["X"][k] for p, k in zip(pages, keep, strict=True)]), y, w)
    models = [local]
    scores = [_proba(local, p["X"]) for p in pages]
    for _ in range(N_CONTEXT_ROUNDS):
        matrices = [_context_matrix(p, s) for p, s in zip(pages, scores, strict=True)]
        model = _fit(np.vstack([m[k] for m, k in zip(matrices, keep, strict=True)]), y, w)
        models.append(model)
        scores = [_proba(model, m) for m in matrices]
    return tuple(models)


def with_weights(
    rules: CleanRules, models: tuple[LogisticRegression, ...], threshold: float
) -> CleanRules:
    """Rules with the fitted weights and threshold."""
    local, context, *refine = models
    return dataclasses.replace(
        rules,
        local_weights=tuple(float(v) for v in local.coef_[0]),
        local_bias=float(local.intercept_[0]),
        context_weights=tuple(float(v) for v in context.coef_[0]),
        context_bias=float(context.intercept_[0]),
        refine_weights=tuple(float(v) for v in refine[0].coef_[0]) if refine else (),
        refine_bias=float(refine[0].intercept_[0]) if refine else 0.0,
        threshold=threshold,
    )


def macro_f1(pages: list[dict], rules: CleanRules) -> float:
    """Macro word-level F1 of clean_document over pages."""
    return float(
        np.mean([prf(clean_document(p["text"], rules=rules).text, p["gold"])[2] for p in pages])
    )


def _yaml(
    models: tuple[LogisticRegression, ...],
    threshold: float,
    cv: float,
    insample: float,
    n_pages: int,
    n_sites: int,
) -> str:
    def block(model: LogisticRegression, names: tuple[str, ...]) -> str:
        rows = "\n".join(f"    {n}: {v:.4f}" for n, v in zip(names, model.coef_[0], strict=True))
        return f"  bias: {model.intercept_[0]:.4f}\n  weights:\n{rows}\n"

    return (
        "# Line-scoring weights of framelab.clean (two logistic regressions, see\n"
        "# framelab/clean/features.py for the feature definitions).\n"
        "# Obtained by bench/train_line_weights.py --write on the boilerplate development set\n"
        f"# ({n_pages} pages, {n_sites} sites; the pages are not part of this repository).\n"
        f"# Macro word F1: {insample:.3f} in-sample, {cv:.3f} in 5-fold cross-validation by site.\n"
        f"threshold: {threshold}\n"
        f"local:\n{block(models[0], LOCAL_FEATURES)}"
        + "".join(
            f"{key}:\n{block(model, LOCAL_FEATURES + CONTEXT_FEATURES)}"
            for key, model in zip(("context", "refine"), models[1:], strict=False)
        )
    )


def main(argv: list[str] | None = None) -> int:
    """Cross-validate, fit on all pages, print the F1s and optionally write the weights."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args(argv)
    if not (args.data / "pages").is_dir():
        print(f"skipped: no boilerplate-dev data at {args.data}")
        return 1
    rules = load_rules()
    pages = load_pages(args.data, rules)
    groups = [p["domain"] for p in pages]
    cv_scores = {t: [] for t in THRESHOLDS}
    for train, test in GroupKFold(n_splits=5).split(pages, groups=groups):
        models = fit_weights([pages[i] for i in train])
        for t in THRESHOLDS:
            fold_rules = with_weights(rules, models, t)
            cv_scores[t] += [
                prf(clean_document(pages[i]["text"], rules=fold_rules).text, pages[i]["gold"])[2]
                for i in test
            ]
    for t in THRESHOLDS:
        print(f"threshold {t}: cross-validated macro F1={np.mean(cv_scores[t]):.4f}")
    best = max(THRESHOLDS, key=lambda t: np.mean(cv_scores[t]))
    cv = float(np.mean(cv_scores[best]))
    models = fit_weights(pages)
    insample = macro_f1(pages, with_weights(rules, models, best))
    print(f"chosen threshold {best}: CV macro F1={cv:.4f}, in-sample macro F1={insample:.4f}")
    if args.write:
        text = _yaml(models, best, cv, insample, len(pages), len(set(groups)))
        WEIGHTS_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {WEIGHTS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
