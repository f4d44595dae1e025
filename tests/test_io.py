"""Atomic writers: a file is complete or absent, and a killed writer's leftovers are found."""

from __future__ import annotations

import pytest

from framelab.io import atomic_path, remove_stale_temporaries, write_text


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
