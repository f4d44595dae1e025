"""The stance model: fit/predict contract, determinism, persistence, scoring a mentions table."""

from __future__ import annotations

import json
import os
import re

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

from framelab.errors import InputError
from framelab.stance import (
    DEFAULT_TRAIN_PATH,
    StanceModel,
    load_model,
    read_labelled,
    save_model,
    score_mentions,
    train_default_model,
)
from framelab.stance.features import mention_features
from framelab.stance.training import file_sha256

from .conftest import copy_project, snakemake


@pytest.fixture(scope="module")
def sample():
    data = read_labelled(DEFAULT_TRAIN_PATH)
    rng = np.random.default_rng(0)
    idx = rng.choice(len(data.labels), size=600, replace=False)
    pick = lambda seq: [seq[i] for i in idx]  # noqa: E731
    return pick(data.sentences), pick(data.spans), pick(data.labels)


def _fit(sample, **params):
    sentences, spans, labels = sample
    return StanceModel(random_state=0, **params).fit(sentences[:500], spans[:500], labels[:500])


def test_shipped_training_data_is_complete():
    data = read_labelled(DEFAULT_TRAIN_PATH)
    assert len(data.labels) == 8739
    assert set(data.labels) == {"negative", "neutral", "positive"}


@pytest.mark.parametrize(
    "params", [{"classifier": "svm"}, {"classifier": "logreg", "char_ngrams": False}]
)
def test_fit_predict_is_deterministic(sample, params):
    sentences, spans, _ = sample
    a = _fit(sample, **params)
    b = _fit(sample, **params)
    np.testing.assert_array_equal(a.predict(sentences[500:], spans[500:]),
                                  b.predict(sentences[500:], spans[500:]))  # fmt: skip
    np.testing.assert_allclose(a.decision_scores(sentences[500:], spans[500:]),
                               b.decision_scores(sentences[500:], spans[500:]))  # fmt: skip


def test_predictions_and_scores_have_the_promised_form(sample):
    sentences, spans, _ = sample
    model = _fit(sample)
    labels = model.predict(sentences[500:], spans[500:])
    scores = model.decision_scores(sentences[500:], spans[500:])
    assert labels.shape == scores.shape == (100,)
    assert set(labels) <= {"negative", "neutral", "positive"}
    assert np.all((scores >= -1) & (scores <= 1))
    assert model.predict([], []).shape == (0,)


def test_parameters_are_stored_verbatim_and_validated_in_fit(sample):
    model = StanceModel(classifier="forest", window=0)
    assert model.get_params()["classifier"] == "forest"
    with pytest.raises(ValueError, match="classifier must be one of .* got 'forest'"):
        model.fit(*sample)
    with pytest.raises(NotFittedError):
        StanceModel().predict(["A b c."], [(0, 1)])


def test_bad_labels_and_spans_are_named(sample):
    sentences, spans, labels = sample
    with pytest.raises(InputError, match=r"unknown polarity label\(s\) \['great'\]"):
        StanceModel().fit(sentences[:3], spans[:3], ["great", "neutral", "positive"])
    with pytest.raises(InputError, match="mention 1"):
        StanceModel().fit(sentences[:2], [spans[0], (5, 2)], labels[:2])


def test_save_and_load_round_trip(sample, tmp_path):
    sentences, spans, _ = sample
    model = _fit(sample)
    model.training_sha256_ = "abc"
    path = save_model(model, tmp_path / "m.pkl")
    loaded = load_model(path)
    assert loaded.training_sha256_ == "abc"
    assert loaded.framelab_version_
    np.testing.assert_allclose(loaded.decision_scores(sentences[500:], spans[500:]),
                               model.decision_scores(sentences[500:], spans[500:]))  # fmt: skip
    (tmp_path / "junk.pkl").write_bytes(b"not a pickle")
    with pytest.raises(InputError, match="junk.pkl"):
        load_model(tmp_path / "junk.pkl")


def test_score_mentions_adds_columns_and_keeps_others(sample):
    model = _fit(sample)
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1", "d2"],
            "sentence": ["Russia offered Iraq a reliable and excellent S-400 system.",
                         "The US occupation of Iraq was a disaster."],
            "sentence_start": [51, 4],
            "sentence_end": [56, 6],
        }
    )  # fmt: skip
    out = score_mentions(mentions, model, None)
    assert list(out.columns) == [*mentions.columns, "polarity", "score", "lexicon_score"]
    assert out["doc_id"].tolist() == ["d1", "d2"]
    assert set(out["polarity"]) <= {"negative", "neutral", "positive"}
    assert out["lexicon_score"].iloc[0] > 0 > out["lexicon_score"].iloc[1]
    empty = score_mentions(mentions.iloc[:0], model)
    assert empty.empty and "polarity" in empty.columns
    with pytest.raises(InputError, match="lacks column"):
        score_mentions(mentions.drop(columns="sentence"), model)


def test_score_mentions_leaves_unscored_rows_empty(sample):
    model = _fit(sample)
    mentions = pd.DataFrame(
        {
            "sentence": ["Russia offered Iraq a reliable S-400 system.",
                         "Evan Vucci/AP Russia's envoy speaks in Baghdad."],
            "sentence_start": [0, 14],
            "sentence_end": [6, 20],
            "scored": [True, False],
        }
    )  # fmt: skip
    out = score_mentions(mentions, model)
    assert out["polarity"].iloc[0] in {"negative", "neutral", "positive"}
    assert pd.isna(out["polarity"].iloc[1])
    assert out[["score", "lexicon_score"]].iloc[1].isna().all()
    assert out[["score", "lexicon_score"]].iloc[0].notna().all()


def test_the_model_reads_the_study_cue_lexicon(tmp_path):
    data = read_labelled(DEFAULT_TRAIN_PATH)
    training = tmp_path / "train.jsonl"
    training.write_text(
        "".join(
            json.dumps({"id": i, "sentence": s, "from": a, "to": b, "polarity": label}) + "\n"
            for i, (s, (a, b), label) in enumerate(
                zip(data.sentences[:300], data.spans[:300], data.labels[:300], strict=True)
            )
        ),
        encoding="utf-8",
    )
    cues = tmp_path / "cues.yaml"
    cues.write_text("categories:\n  smear:\n    valence: -3\n    terms: [zorblat]\n")
    custom = train_default_model(training, cues_path=cues, random_state=0)
    default = train_default_model(training, random_state=0)
    assert ("zorblat",) in custom.cues_.cues and ("zorblat",) not in default.cues_.cues
    assert custom.cues_sha256_ == file_sha256(cues) != default.cues_sha256_
    sentence, span = ["They zorblat Russia every day."], [(12, 18)]
    dense = lambda m: mention_features(sentence[0], *span[0], window=6, cues=m.cues_).dense  # noqa: E731
    assert dense(custom) != dense(default)  # the cue features see the study's word
    assert load_model(save_model(custom, tmp_path / "m.pkl")).cues_.cues.keys() == (
        custom.cues_.cues.keys()
    )


@pytest.mark.e2e
def test_editing_the_cue_lexicon_retrains_the_model(tmp_path):
    workdir = copy_project(tmp_path)
    model = workdir / "results/seed-corpus/models/stance.pkl"
    model.parent.mkdir(parents=True)
    model.write_bytes(b"stands in for a trained model")
    target = ["results/seed-corpus/models/stance.pkl"]
    run = snakemake(workdir, "-n", *target)
    assert run.returncode == 0, run.stderr
    assert "Nothing to be done" in run.stdout + run.stderr
    cues = workdir / "data/lexicons/stance-cues.yaml"
    later = model.stat().st_mtime + 10
    os.utime(cues, (later, later))
    run = snakemake(workdir, "-n", *target)
    assert run.returncode == 0, run.stderr
    assert re.search(r"^stance_model\s+1$", run.stdout, re.MULTILINE), run.stdout
