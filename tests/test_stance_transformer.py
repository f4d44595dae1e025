"""The transformer stance engine: target marking, the missing-extra error and the wiring run
everywhere; a tiny fine-tune (24 mentions, one epoch) checks shapes, determinism for a seed,
the saved file and the cache where the ``transformer`` extra is installed."""

from __future__ import annotations

import importlib.util
import json

import numpy as np
import pytest

from framelab.config import validate_config
from framelab.errors import InputError
from framelab.stance import transformer
from framelab.stance.training import read_labelled

from .conftest import ROOT, copy_project, snakemake

N, SETTINGS = 24, {"epochs": 1, "batch_size": 8, "max_length": 40, "context_words": 10}


def test_the_target_is_marked_and_its_context_cut():
    sentence = "one two three Putin four five six"
    start = sentence.index("Putin")
    assert transformer.mark_target(sentence, start, start + 5, 2) == (
        "Putin",
        "two three << Putin >> four five",
    )
    with pytest.raises(InputError, match="span 3:99"):
        transformer.mark_target(sentence, 3, 99, 2)


def test_a_missing_extra_names_it(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a)
    )
    with pytest.raises(InputError, match=r"transformer.*\['torch'\].*EXTRAS=transformer"):
        transformer.require_extra()


def test_the_engine_and_its_settings_are_validated():
    config = yaml_config()
    config["stance"]["engine"] = "transformer"
    assert validate_config(config)["stance"]["transformer"]["epochs"] == 2
    config["stance"]["engine"] = "bert"
    with pytest.raises(InputError, match="engine"):
        validate_config(config)


def test_the_transformer_engine_writes_its_own_model_file(tmp_path):
    workdir = copy_project(tmp_path)
    config = workdir / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("engine: linear", "engine: transformer"), encoding="utf-8")
    run = snakemake(workdir, "-n")
    assert run.returncode == 0, run.stderr
    assert "models/stance-transformer.zip" in run.stdout
    assert "models/stance.pkl" not in run.stdout


def yaml_config() -> dict:
    import yaml

    return yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8"))


# -- fine-tuning (needs the extra) ------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny():
    """Mentions of the shipped train split, and a model fine-tuned on 24 of them."""
    for name in ("torch", "transformers", "all_minilm_l6_v2"):
        pytest.importorskip(name, reason="the 'transformer' extra is not installed")
    data = read_labelled(transformer.DEFAULT_TRAIN_PATH)
    model = transformer.fine_tune(
        data.sentences[:N], data.spans[:N], data.labels[:N], settings=SETTINGS,
        random_state=3, threads=2,
    )  # fmt: skip
    return data, model


def test_scores_are_probabilities_of_the_three_classes(tiny):
    data, model = tiny
    proba = model.predict_proba(data.sentences[N : N + 30], data.spans[N : N + 30])
    assert proba.shape == (30, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, atol=1e-6)
    assert set(model.predict(data.sentences[:5], data.spans[:5])) <= set(model.classes_)
    assert model.predict_proba([], []).shape == (0, 3)


def test_one_seed_gives_one_model(tiny):
    data, model = tiny
    again = transformer.fine_tune(
        data.sentences[:N], data.spans[:N], data.labels[:N], settings=SETTINGS,
        random_state=3, threads=2,
    )  # fmt: skip
    args = data.sentences[N : N + 20], data.spans[N : N + 20]
    assert np.array_equal(model.predict_proba(*args), again.predict_proba(*args))


def test_the_saved_model_scores_as_the_fitted_one(tiny, tmp_path):
    data, model = tiny
    path = transformer.save_transformer(model, tmp_path / "m.zip", training_sha256="abc")
    assert (
        transformer.save_transformer(model, tmp_path / "m2.zip").read_bytes()[:4] == b"PK\x03\x04"
    )
    loaded = transformer.load_transformer(path, threads=2, precision="float32")
    assert loaded.training_sha256_ == "abc" and loaded.settings["epochs"] == 1
    args = data.sentences[N : N + 20], data.spans[N : N + 20]
    np.testing.assert_allclose(loaded.predict_proba(*args), model.predict_proba(*args), atol=1e-5)
    # the default bfloat16 scores as float32 does, to bfloat16's precision; int8 runs too
    np.testing.assert_allclose(
        transformer.load_transformer(path, threads=2).predict_proba(*args),
        model.predict_proba(*args),
        atol=0.05,
    )
    quantised = transformer.load_transformer(path, threads=2, precision="int8")
    assert quantised.predict_proba(*args).shape == (20, 3)
    with pytest.raises(InputError, match="precision"):
        transformer.load_transformer(path, precision="float8")
    (tmp_path / "bad.zip").write_text("no model")
    with pytest.raises(InputError, match="bad.zip"):
        transformer.load_transformer(tmp_path / "bad.zip")


def test_the_cached_model_is_reused(tiny, tmp_path, monkeypatch):
    _, model = tiny
    calls = []

    def train(**kwargs):
        calls.append(kwargs)
        model.training_sha256_ = transformer.file_sha256(transformer.DEFAULT_TRAIN_PATH)
        return model

    monkeypatch.setattr(transformer, "train_transformer", train)
    first = transformer.cached_transformer_model(tmp_path, threads=1)
    assert len(calls) == 1 and len(list(tmp_path.glob("stance-transformer-*.zip"))) == 1
    second = transformer.cached_transformer_model(tmp_path, threads=1)
    assert len(calls) == 1  # read from the cache, not trained again
    args = ["A fine day for Putin."], [(15, 20)]
    assert np.array_equal(first.predict_proba(*args), second.predict_proba(*args))


def test_the_stage_fine_tunes_and_scores_with_the_transformer(tiny, tmp_path, capsys):
    from framelab.stages.stance import run_stance_model
    from framelab.stance import main

    data, _ = tiny
    training = tmp_path / "train.jsonl"
    rows = [
        {"id": str(i), "sentence": s, "from": a, "to": b, "polarity": y}
        for i, (s, (a, b), y) in enumerate(
            zip(data.sentences, data.spans, data.labels, strict=True)
        )
    ][:N]
    training.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    settings = transformer.DEFAULT_SETTINGS | SETTINGS | {"threads": 2}
    config = {"random_state": 3, "stance": {"engine": "transformer", "transformer": settings}}
    out = tmp_path / "models" / "stance-transformer.zip"
    run_stance_model(config, training=training, cues="unused", model_out=out)
    assert transformer.load_transformer(out).training_sha256_ == transformer.file_sha256(training)
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(json.dumps({"id": "a", "sentence": "Putin won.", "from": 0, "to": 5}) + "\n")
    assert main([str(pairs), "--engine", "transformer", "--model", str(out)]) == 0
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["id"] == "a" and record["polarity"] in transformer.CLASSES


def test_weights_steer_the_fine_tune(tiny):
    data, model = tiny
    labels = data.labels[:N]
    args = data.sentences[N : N + 30], data.spans[N : N + 30]

    def tuned(weights):
        return transformer.fine_tune(
            data.sentences[:N], data.spans[:N], labels, weights=weights, settings=SETTINGS,
            random_state=3, threads=2,
        )  # fmt: skip

    # equal weights: the plain mean loss
    np.testing.assert_allclose(
        tuned([1.0] * N).predict_proba(*args), model.predict_proba(*args), atol=1e-4
    )
    # positive mentions counting 20 times: more positive scores
    heavy = tuned([20.0 if label == "positive" else 1.0 for label in labels])
    positive = list(transformer.CLASSES).index("positive")
    assert heavy.predict_proba(*args)[:, positive].mean() > (
        model.predict_proba(*args)[:, positive].mean() + 0.01
    )
    with pytest.raises(InputError, match="weights"):
        tuned([1.0] * (N - 1))
