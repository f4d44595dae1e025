"""The cleaner reproduces hand-checked gold texts of the seed articles and the dev-set target."""

import re
from collections import Counter
from pathlib import Path

import pytest

from framelab.clean import DEFAULT_RULES_PATH, clean_document, load_rules

from .conftest import bench_module

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "clean"
SEEDS = sorted(p.name for p in FIXTURES.glob("*.txt"))
ARTIFACTS = (
    "Skip to main content",
    "Advertisement",
    "Live broadcast",
    "Select important",
    "Озвучить текст",
    "Photo: Global Look Press",
    "© REUTERS",
    "Сирия",
    "Переведено сервисом",
    "Please select digest to download",
    "Dear reader",
    "GRF",
    "06: 28",
    "2,5 thousand",
    "banned in the Russian Federation",
    "banned in Russia",
    "Author:",
    "exclusively for the online magazine",
)
_TOKEN_RE = re.compile(r"\w+")


def _seed_path(name: str) -> Path | None:
    for candidate in (REPO / "data" / "raw" / name, SHARED / "seeds" / name):
        if candidate.exists():
            return candidate
    return None


def _precision_recall(pred: str, gold: str) -> tuple[float, float]:
    p_bag = Counter(_TOKEN_RE.findall(pred.lower()))
    g_bag = Counter(_TOKEN_RE.findall(gold.lower()))
    overlap = sum((p_bag & g_bag).values())
    return overlap / max(sum(p_bag.values()), 1), overlap / max(sum(g_bag.values()), 1)


@pytest.fixture(scope="module")
def rules():
    """The seed study's rules: the general lexicon and the seed outlets' own furniture."""
    return load_rules([DEFAULT_RULES_PATH, REPO / "data" / "seed-corpus" / "boilerplate.yaml"])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_matches_gold(name, rules):
    path = _seed_path(name)
    if path is None:
        pytest.skip(f"seed {name} is neither in data/raw/ nor in {SHARED / 'seeds'}")
    doc = clean_document(path.read_text(encoding="utf-8"), rules=rules, doc_id=name)
    gold = (FIXTURES / name).read_text(encoding="utf-8")
    precision, recall = _precision_recall(doc.text, gold)
    assert precision >= 0.98, f"{name}: precision {precision:.3f}"
    assert recall >= 0.98, f"{name}: recall {recall:.3f}"


@pytest.mark.parametrize("name", SEEDS)
def test_seed_artifacts_are_gone(name, rules):
    path = _seed_path(name)
    if path is None:
        pytest.skip(f"seed {name} is neither in data/raw/ nor in {SHARED / 'seeds'}")
    doc = clean_document(path.read_text(encoding="utf-8"), rules=rules, doc_id=name)
    for artifact in ARTIFACTS:
        assert artifact not in doc.text, f"{name}: {artifact!r} survived cleaning"
    lines = set(doc.text.split("\n"))
    assert not lines & {"On", "Off", "0", "2"}
    assert not re.search(r"[\u0400-\u04ff]", doc.text)
    assert not re.search(r"\s”\w", doc.text)


def test_gold_fixtures_follow_the_policy():
    for name in SEEDS:
        gold = (FIXTURES / name).read_text(encoding="utf-8")
        assert "\n\n\n" not in gold
        for artifact in ARTIFACTS:
            assert artifact not in gold, f"{name}: gold contains {artifact!r}"


def test_quote_split_across_lines_is_one_paragraph(rules):
    path = _seed_path("002_22c9c7e8ba74f181.txt")
    if path is None:
        pytest.skip("RT seed missing")
    doc = clean_document(path.read_text(encoding="utf-8"), rules=rules)
    paragraph = next(p for p in doc.text.split("\n\n") if p.startswith("“We don't need"))
    assert paragraph.endswith("quoted the Iraqi diplomat as saying.")
    assert "air support,” the newspaper" in paragraph
    assert any(r.kind == "footnote_mark" for r in doc.repairs)


def test_dev_set_macro_f1():
    data = SHARED / "data" / "boilerplate-dev"
    if not (data / "pages").is_dir():
        pytest.skip(f"boilerplate-dev is absent ({data}); nothing to score")
    f1, _, _, rows = bench_module("clean_eval").evaluate(data)
    assert len(rows) >= 90
    assert f1 >= 0.90, f"macro F1 {f1:.3f} on the dev set"


def test_labelled_scraped_articles_lose_little_body_and_keep_little_debris():
    """The hand-labelled uspress-dev lines: the issue's targets, per outlet and overall."""
    data = SHARED / "data" / "uspress-dev"
    if not (data / "metadata.csv").is_file():
        pytest.skip(f"uspress-dev is absent ({data}); the labelled sample cannot be scored")
    tallies = bench_module("clean_sample_eval").evaluate(data)
    overall = tallies.pop("all")
    assert overall.docs == 50 and len(tallies) == 10
    assert overall.debris_removed >= 0.90, f"debris removed {overall.debris_removed:.3f}"
    assert overall.lost <= 0.01, f"body lost {overall.lost:.4f}"
    for outlet, tally in tallies.items():
        assert tally.lost <= 0.01, f"{outlet}: body lost {tally.lost:.4f}"


def test_cross_validated_by_site_with_everything_fitted_in_the_folds():
    data = SHARED / "data" / "boilerplate-dev"
    if not (data / "pages").is_dir():
        pytest.skip(f"boilerplate-dev is absent ({data}); nothing to cross-validate")
    results, fitted = bench_module("clean_cv").cross_validate(data, folds=5)
    f1 = sum(row[2] for row in results) / len(results)
    assert len(results) == 94 and len(fitted) == 5
    # docs/methods.md reports 0.912; the estimate moves by about 0.007 with the threshold
    # each fold picks, so only a fall below 0.90 says a change made unseen sites worse
    assert f1 >= 0.90, f"site-grouped CV macro F1 {f1:.3f}"
