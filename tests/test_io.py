"""Atomic writers: a file is complete or absent, and a killed writer's leftovers are found."""

from __future__ import annotations

import pandas as pd
import pytest

from framelab.io import (
    atomic_path,
    read_parquets,
    remove_stale_temporaries,
    write_parquet,
    write_text,
)


def test_a_failed_write_leaves_neither_file_nor_temporary(tmp_path):
    target = tmp_path / "out/table.csv"
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("the writer failed")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_finished_write_replaces_the_file(tmp_path):
    target = tmp_path / "summary.md"
    write_text("old", target)
    write_text("new", target)
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["summary.md"]


def test_remove_stale_temporaries_deletes_only_what_a_killed_writer_leaves(tmp_path):
    (tmp_path / "clean").mkdir()
    kept = [tmp_path / "clean/shard-rt-000.parquet", tmp_path / "notes.tmp"]
    stale = [
        tmp_path / "clean/.shard-rt-000.parquet.a1b2.tmp",
        tmp_path / ".summary.md.c3d4.tmp",
    ]
    for path in kept + stale:
        path.write_bytes(b"x")
    assert remove_stale_temporaries(tmp_path) == sorted(stale)
    assert all(p.exists() for p in kept) and not any(p.exists() for p in stale)
    assert remove_stale_temporaries(tmp_path) == []


def test_read_parquets_where_keeps_only_the_wanted_rows(tmp_path):
    first, second = tmp_path / "a.parquet", tmp_path / "b.parquet"
    write_parquet(pd.DataFrame({"unit_id": ["a:1", "a:2"], "text": ["x", "y"]}), first)
    write_parquet(pd.DataFrame({"unit_id": ["b:1", "b:2"], "text": ["z", "w"]}), second)
    both = [first, second]
    kept = read_parquets(both, where=("unit_id", {"b:2", "a:1", "c:9"}))
    assert kept.to_dict("list") == {"unit_id": ["a:1", "b:2"], "text": ["x", "w"]}
    none = read_parquets(both, where=("unit_id", set()))
    assert list(none.columns) == ["unit_id", "text"] and none.empty
    assert len(read_parquets(both)) == 4
