"""The shard plan: one outlet per shard, stable when documents are added or reordered."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framelab.ingest.shards import SHARD_PATTERN, plan_shards, shard_count, shard_id


def corpus(n_per_outlet: dict[str, int]) -> list[tuple[str, str]]:
    return [(f"{outlet}-doc-{i}", outlet) for outlet, n in n_per_outlet.items() for i in range(n)]


def members(plan: dict[str, list[int]], docs: list[tuple[str, str]]) -> dict[str, set[str]]:
    return {shard: {docs[i][0] for i in positions} for shard, positions in plan.items()}


def test_each_shard_holds_one_outlet_and_every_document_once():
    docs = corpus({"rt": 2300, "neo": 40})
    plan = plan_shards(docs, shard_size=500)
    assert list(plan) == ["neo-000", *(f"rt-{i:03d}" for i in range(5))]
    assert sorted(i for positions in plan.values() for i in positions) == list(range(len(docs)))
    for shard, positions in plan.items():
        assert {docs[i][1] for i in positions} == {shard.split("-")[0]}
        assert positions == sorted(positions)
    sizes = [len(plan[f"rt-{i:03d}"]) for i in range(5)]
    assert min(sizes) > 350 and max(sizes) < 570  # hashing balances the shards


def test_adding_a_document_changes_only_the_shard_it_joins():
    docs = corpus({"rt": 10_000, "neo": 3_000})
    before = members(plan_shards(docs, shard_size=1000), docs)
    grown = [*docs, ("rt-new-article", "rt")]
    after = members(plan_shards(grown, shard_size=1000), grown)
    changed = {shard for shard in after if after[shard] != before.get(shard)}
    assert len(changed) == 1
    (shard,) = changed
    assert after[shard] == before[shard] | {"rt-new-article"}


@given(st.permutations(corpus({"a": 30, "b": 12})))
def test_the_plan_does_not_depend_on_input_order(docs):
    reference = corpus({"a": 30, "b": 12})
    assert members(plan_shards(docs, 10), docs) == members(plan_shards(reference, 10), reference)


@pytest.mark.parametrize(
    ("n_docs", "expected"), [(0, 1), (1, 1), (749, 1), (751, 2), (10_000, 20), (10_001, 20)]
)
def test_shard_count_rounds_to_the_nearest_multiple(n_docs, expected):
    assert shard_count(n_docs, 500) == expected


def test_shard_ids_match_the_wildcard_pattern_and_refuse_odd_outlets():
    assert re.fullmatch(SHARD_PATTERN, shard_id("new_eastern_outlook", 12))
    with pytest.raises(ValueError, match="outlet id 'Bad Outlet'"):
        shard_id("Bad Outlet", 0)
    with pytest.raises(ValueError, match="shard_size must be >= 1"):
        shard_count(10, 0)
