"""The article-grouped cross-validation of the stance model (bench/stance_cv.py)."""

import json

from .conftest import ROOT, bench_module


def test_folds_never_split_an_article():
    stance_cv = bench_module("stance_cv")
    lines = (ROOT / "data" / "stance" / "newsmtsc-train.jsonl").read_text(encoding="utf-8")
    ids = [json.loads(line)["id"] for line in lines.splitlines()[:600]]
    folds = stance_cv.article_folds(ids, 3)
    seen: dict[str, int] = {}
    for k, (train, test) in enumerate(folds):
        assert not set(train) & set(test)
        for i in test:
            assert seen.setdefault(stance_cv.article_of(ids[i]), k) == k
    assert sorted(i for _, test in folds for i in test) == list(range(len(ids)))
    assert len(seen) > 3  # several articles, so the grouping is tested


def test_article_of_groups_polusa_by_article_and_allsides_by_story():
    stance_cv = bench_module("stance_cv")
    assert stance_cv.article_of("polusa_v1_113705206_-1_7") == "polusa_v1_113705206"
    # two outlets' articles (1018, 1019) on one story (408) share a group
    assert stance_cv.article_of("allsides_1018_408_1_Facebook") == stance_cv.article_of(
        "allsides_1019_408_0_former Secretary of State Hillary Clinton"
    )
    assert stance_cv.article_of("allsides_1000_401_3_’ Trump_30_45") != stance_cv.article_of(
        "allsides_1018_408_1_Facebook"
    )
