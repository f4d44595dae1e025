"""``framelab stance``: JSONL in, JSONL out; bad lines named; the default model on NewsMTSC dev."""

from __future__ import annotations

import io
import json
import re
import sys

import pytest
from sklearn.metrics import accuracy_score, f1_score

from framelab.stance import main, read_labelled, save_model
from framelab.stance.training import cached_default_model, default_model_path

from .conftest import SHARED

DEV = SHARED / "data" / "newsmtsc" / "dev.jsonl"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """A cache folder holding the default model, trained once for this module."""
    folder = tmp_path_factory.mktemp("framelab-cache")
    model = cached_default_model(folder)
    assert default_model_path(folder).is_file()
    return folder, model


def _pairs(tmp_path, rows):
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"id": "a", "sentence": "Russia offered Iraq the excellent S-400 system.", "target": "S-400",
     "from": 34, "to": 39},
    {"id": "b", "sentence": "Protesters denounced the brutal US occupation.", "target": "US",
     "from": 32, "to": 34},
]  # fmt: skip


def test_round_trip_from_the_cache(tmp_path, cache, capsys):
    folder, _ = cache
    assert main([str(_pairs(tmp_path, ROWS)), "--cache", str(folder)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in out] == ["a", "b"]
    assert all(set(r) == {"id", "polarity", "score"} for r in out)
    assert all(r["polarity"] in {"negative", "neutral", "positive"} for r in out)
    assert all(-1 <= r["score"] <= 1 for r in out)
    assert out[1]["polarity"] == "negative"


def test_stdin_and_a_saved_model(tmp_path, cache, capsys, monkeypatch):
    _, model = cache
    path = save_model(model, tmp_path / "model.pkl")
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ROWS[0]) + "\n\n"))
    assert main(["-", "--model", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 1 and json.loads(out[0])["id"] == "a"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: not JSON"),
        (json.dumps({"id": "x", "sentence": "Hi there.", "from": 0}), r"line 2: missing .*'to'"),
        (json.dumps({"id": "x", "sentence": "Hi.", "from": 1, "to": 9}), "line 2: span"),
        (json.dumps({"id": "x", "sentence": "Hi.", "from": "0", "to": 2}), "line 2: 'from'"),
    ],
)
def test_bad_lines_are_named_and_exit_2(tmp_path, capsys, line, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n" + line + "\n", encoding="utf-8")
    assert main([str(path), "--model", str(tmp_path / "unused.pkl")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "framelab stance:" in captured.err
    assert re.search(message, captured.err)


def test_missing_model_file_exits_2(tmp_path, capsys):
    assert main([str(_pairs(tmp_path, ROWS)), "--model", str(tmp_path / "none.pkl")]) == 2
    assert "model file not found" in capsys.readouterr().err


@pytest.mark.skipif(not DEV.is_file(), reason=f"NewsMTSC dev split not found at {DEV}")
def test_default_model_reaches_the_required_macro_f1_on_dev(cache):
    _, model = cache
    dev = read_labelled(DEV)
    pred = model.predict(dev.sentences, dev.spans)
    f1 = f1_score(dev.labels, pred, average="macro")
    assert f1 >= 0.65, f"dev macro-F1 {f1:.3f} (accuracy {accuracy_score(dev.labels, pred):.3f})"
