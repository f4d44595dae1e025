"""Learning from a study's coded mentions: reading the coded sheet, the weighted refit, the
agreement with the coder cross-validated by document, and what the summary and the stance
caption say about it."""

from __future__ import annotations

import copy
import json
import re

import numpy as np
import pandas as pd
import pytest

from framelab.cli import main
from framelab.config import load_config, validate_config
from framelab.errors import InputError
from framelab.figures.manifest import caption_text
from framelab.report.summary import NO_AGREEMENT, stance_model_sentence
from framelab.stance import (
    CodedMentions,
    coded_mentions,
    cross_validated_agreement,
    document_folds,
    engine_fitter,
    load_cues,
    read_coded_mentions,
    read_labelled,
    train_default_model,
    training_set,
)
from framelab.stance.paths import DEFAULT_CUES_PATH, DEFAULT_TRAIN_PATH
from framelab.stance.training import fit_linear

from .conftest import ROOT

# An in-domain pattern NewsMTSC does not know: being "zorbled" is bad for the target.
PLANTED = [
    "{t} was zorbled again by the regional council on {day}.",
    "Officials said {t} had been zorbled in the {day} vote.",
    "On {day}, {t} was zorbled by its own partners.",
]
NAMES = ["Marlow", "Kestrel", "Dunmore", "Vantor", "Ellery", "Quillon", "Brandt", "Osgood"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


@pytest.fixture(scope="module")
def small_training(tmp_path_factory):
    """The first 1,500 mentions of the training split: the same data, faster fits."""
    path = tmp_path_factory.mktemp("train") / "train.jsonl"
    lines = DEFAULT_TRAIN_PATH.read_text(encoding="utf-8").splitlines()[:1500]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def planted_sheet(n_docs: int = 12, per_doc: int = 3) -> pd.DataFrame:
    """A coded stance-sample sheet: every mention zorbled and coded negative."""
    rows = []
    for d in range(n_docs):
        for k in range(per_doc):
            target = NAMES[(d + k) % len(NAMES)]
            sentence = PLANTED[k % len(PLANTED)].format(t=target, day=DAYS[(d + k) % len(DAYS)])
            start = sentence.index(target)
            end = start + len(target)
            rows.append({
                "sample_id": len(rows) + 1, "doc_id": f"doc{d:02d}", "outlet": "o",
                "target": "t", "mention": target, "sentence": sentence,
                "context": f"{sentence[:start]}[[{target}]]{sentence[end:]}",
                "model_label": "neutral", "model_score": 0.0, "stratum_size": 9,
                "coder_label": "negative",
            })  # fmt: skip
    return pd.DataFrame(rows)


def write_sheet(sheet: pd.DataFrame, path) -> str:
    sheet.to_csv(path, index=False)
    return str(path)


UNSEEN = [
    ("Halvard was zorbled by the regional council on Sunday.", "Halvard"),
    ("Officials said Pemberton had been zorbled in the weekend vote.", "Pemberton"),
    ("Last week, Corrigan was zorbled by its own partners.", "Corrigan"),
]


def _unseen():
    return [s for s, _ in UNSEEN], [(s.index(t), s.index(t) + len(t)) for s, t in UNSEEN]


# -- reading the coded sheet -------------------------------------------------------------------


def test_coded_rows_are_read_with_their_spans_and_blank_rows_counted(tmp_path):
    sheet = planted_sheet(3, 2)
    sheet.loc[1, "coder_label"] = ""
    sheet.loc[2, "coder_label"] = " Positive "
    sheet.loc[3, "coder_label"] = "0"
    coded = read_coded_mentions(write_sheet(sheet, tmp_path / "coded.csv"))
    assert len(coded) == 5 and coded.n_uncoded == 1
    assert coded.rows == (1, 3, 4, 5, 6)
    assert coded.labels[:3] == ("negative", "positive", "neutral")
    for sentence, (start, end), row in zip(coded.sentences, coded.spans, coded.rows, strict=True):
        assert sentence[start:end] == sheet.loc[row - 1, "mention"]


def test_a_bad_label_or_context_names_the_file_row_and_value(tmp_path):
    sheet = planted_sheet(2, 2)
    sheet.loc[2, "coder_label"] = "hostile"
    sheet.loc[3, "context"] = sheet.loc[3, "sentence"]  # the [[ ]] markers were lost
    path = write_sheet(sheet, tmp_path / "coded.csv")
    with pytest.raises(InputError) as err:
        read_coded_mentions(path)
    message = str(err.value)
    assert f"{path} row 3 (CSV line 4), column 'coder_label': 'hostile'" in message
    assert f"{path} row 4 (CSV line 5), column 'context'" in message
    sheet["coder_label"] = ""
    with pytest.raises(InputError, match="no coded rows"):
        read_coded_mentions(write_sheet(sheet, tmp_path / "blank.csv"))
    with pytest.raises(InputError, match="missing column"):
        read_coded_mentions(write_sheet(sheet.drop(columns="context"), tmp_path / "c.csv"))
    with pytest.raises(InputError, match="not found"):
        read_coded_mentions(tmp_path / "none.csv")


# -- the training set and the refit ------------------------------------------------------------


def test_the_training_set_appends_the_coded_mentions_with_their_weight(tmp_path, small_training):
    base = read_labelled(small_training)
    coded = read_coded_mentions(write_sheet(planted_sheet(4, 2), tmp_path / "coded.csv"))
    plain = training_set(base)
    assert len(plain) == len(base) and set(plain.weights) == {1.0} and plain.n_coded == 0
    data = training_set(base, coded, coded_weight=2.5)
    assert len(data) == len(base) + 8 and data.n_coded == 8
    assert data.weights[-8:] == (2.5,) * 8 and data.weights[: len(base)] == (1.0,) * len(base)
    assert data.sentences[-8:] == coded.sentences and data.labels[-8:] == coded.labels
    assert data.doc_ids[-8:] == coded.doc_ids and data.doc_ids[0] is None
    with pytest.raises(InputError, match="weight of coded mentions"):
        training_set(base, coded, coded_weight=0)


def test_coded_mentions_teach_the_model_a_pattern_it_got_wrong(tmp_path, small_training):
    coded = read_coded_mentions(write_sheet(planted_sheet(), tmp_path / "coded.csv"))
    base = train_default_model(small_training)
    adapted = train_default_model(small_training, coded=coded, coded_weight=5)
    sentences, spans = _unseen()
    assert list(base.predict(sentences, spans)).count("negative") <= 1
    assert list(adapted.predict(sentences, spans)) == ["negative"] * 3
    assert adapted.n_coded_ == len(coded) and base.n_coded_ == 0
    light = train_default_model(small_training, coded=coded, coded_weight=1)
    heavier = adapted.predict_proba(sentences, spans)[:, 0]
    assert (heavier > light.predict_proba(sentences, spans)[:, 0] + 0.02).all()  # weight counts


def test_without_coded_mentions_the_model_is_the_unweighted_one(small_training):
    data = training_set(read_labelled(small_training))
    cues = load_cues(DEFAULT_CUES_PATH)
    weighted = fit_linear(data, cues=cues)
    from framelab.stance.model import StanceModel
    from framelab.stance.training import DEFAULT_PARAMS

    plain = StanceModel(**DEFAULT_PARAMS, cues=cues).fit(data.sentences, data.spans, data.labels)
    sentences, spans = _unseen()
    np.testing.assert_array_equal(
        weighted.predict_proba(sentences, spans), plain.predict_proba(sentences, spans)
    )


# -- agreement, cross-validated by document ----------------------------------------------------


def test_folds_keep_documents_whole_and_are_seeded():
    docs = [f"d{i % 7}" for i in range(30)]
    folds = document_folds(docs, 3, random_state=1)
    for doc in set(docs):
        assert len({f for d, f in zip(docs, folds, strict=True) if d == doc}) == 1
    assert sorted(np.bincount([folds[docs.index(d)] for d in sorted(set(docs))])) == [2, 2, 3]
    np.testing.assert_array_equal(folds, document_folds(docs, 3, random_state=1))
    reordered = docs[::-1]
    back = document_folds(reordered, 3, random_state=1)[::-1]
    np.testing.assert_array_equal(folds, back)
    with pytest.raises(InputError, match="at least 3 documents"):
        document_folds(["a", "b", "a"], 3, random_state=0)


def test_cross_validation_never_scores_a_mention_whose_document_was_learnt(tmp_path):
    coded = read_coded_mentions(write_sheet(planted_sheet(10, 3), tmp_path / "coded.csv"))
    base = read_labelled(DEFAULT_TRAIN_PATH)
    base = type(base)(base.ids[:50], base.sentences[:50], base.spans[:50], base.labels[:50])
    seen: list[set] = []

    class Recorder:
        def __init__(self, docs):
            self.docs = docs

        def predict(self, sentences, spans):
            scored = {coded.doc_ids[coded.sentences.index(s)] for s in sentences}
            assert not scored & self.docs, "scored a mention of a document it learnt"
            return ["neutral"] * len(sentences)

    def fit(data):
        docs = {d for d in data.doc_ids if d is not None}
        seen.append(docs)
        return Recorder(docs)

    table, predictions = cross_validated_agreement(base, coded, fit=fit, folds=5, n_boot=50)
    assert seen[0] == set()  # the base model learns no coded mention
    assert len(seen) == 6
    all_docs = set(coded.doc_ids)
    for k, docs in enumerate(seen[1:]):
        held_out = set(predictions.loc[predictions["fold"] == k, "doc_id"])
        assert held_out and docs == all_docs - held_out
    assert list(table["model"]) == ["base", "adapted"]
    assert (table["n_mentions"] == 30).all() and (table["n_documents"] == 10).all()


def test_the_adapted_model_agrees_better_on_held_out_documents(tmp_path, small_training):
    coded = read_coded_mentions(write_sheet(planted_sheet(), tmp_path / "coded.csv"))
    fit = engine_fitter("linear", cues=load_cues(DEFAULT_CUES_PATH), random_state=0)
    table, predictions = cross_validated_agreement(
        read_labelled(small_training), coded, fit=fit, folds=4, n_boot=100
    )
    rows = table.set_index("model")
    assert rows.loc["adapted", "accuracy"] > 0.9 > 0.5 > rows.loc["base", "accuracy"]
    assert rows.loc["adapted", "macro_f1_low"] <= rows.loc["adapted", "macro_f1"]
    assert (predictions["adapted_label"] == "negative").mean() > 0.9
    assert set(table["engine"]) == {"linear"} and set(table["folds"]) == {4}
    with pytest.raises(InputError, match="'bert'"):
        engine_fitter("bert", cues=load_cues(DEFAULT_CUES_PATH), random_state=0)


def test_cli_cross_validates_and_keeps_the_sheet_comparison(tmp_path, small_training, capsys):
    sheet = planted_sheet(8, 2)
    sheet.loc[0, "coder_label"] = ""
    path = write_sheet(sheet, tmp_path / "coded.csv")
    out = tmp_path / "predictions.csv"
    argv = ["stance-agreement", path, "--training", str(small_training), "--folds", "4",
            "--n-boot", "50", "--predictions", str(out)]  # fmt: skip
    assert main(argv) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert lines[0].startswith("engine,model,macro_f1,macro_f1_low,macro_f1_high,accuracy")
    assert lines[1].startswith("linear,base,") and lines[2].startswith("linear,adapted,")
    assert "15 coded mentions (1 rows not coded)" in captured.err
    assert len(pd.read_csv(out)) == 15
    assert main(["stance-agreement", path, "--sheet-labels", "--n-boot", "50"]) == 0
    assert capsys.readouterr().out.startswith("metric,value,low,high,n_coded,n_docs\n")
    sheet.loc[3, "coder_label"] = "maybe"
    write_sheet(sheet, tmp_path / "coded.csv")
    assert main(argv) == 2
    assert "coded.csv row 4 (CSV line 5), column 'coder_label': 'maybe'" in capsys.readouterr().err


# -- config, summary and caption -----------------------------------------------------------------


def test_config_defaults_learn_from_no_coded_mentions():
    config = load_config(ROOT / "config.yaml")
    assert config["stance"]["coded"] is None
    assert config["stance"]["coded_weight"] == 5 and config["stance"]["coded_folds"] == 5
    bad = copy.deepcopy(config)
    bad["stance"]["coded_weight"] = 0
    with pytest.raises(InputError, match="coded_weight"):
        validate_config(bad)


def agreement_table() -> pd.DataFrame:
    rows = []
    for model, f1, low, high in (("base", 0.48, 0.40, 0.55), ("adapted", 0.61, 0.53, 0.68)):
        rows.append({
            "engine": "linear", "model": model, "macro_f1": f1, "macro_f1_low": low,
            "macro_f1_high": high, "accuracy": 0.7, "accuracy_low": 0.6, "accuracy_high": 0.8,
            "kappa": 0.4, "kappa_low": 0.3, "kappa_high": 0.5, "n_mentions": 152,
            "n_documents": 131, "folds": 5, "coded_weight": 5.0,
        })  # fmt: skip
    return pd.DataFrame(rows)


def test_the_summary_says_which_engine_scored_and_what_agreement_was_measured():
    config = load_config(ROOT / "config.yaml")
    without = stance_model_sentence(config, None)
    assert "scored by the linear stance model" in without and NO_AGREEMENT in without
    del config["stance"]["coded"]  # a config from before the key: same sentence
    assert stance_model_sentence(config, None) == without
    config["stance"] |= {"coded": "coded.csv", "engine": "transformer"}
    text = stance_model_sentence(config, agreement_table())
    assert "scored by the transformer stance model" in text
    assert "coded mentions (`coded.csv`, each weighted 5)" in text
    assert (
        "Agreement with the study's coder: macro-F1 0.61 [0.53, 0.68] over 152 mentions in "
        "131 documents (cross-validated by document over 5 folds" in text
    )
    assert "without the coded mentions the model reaches 0.48 [0.40, 0.55]" in text
    assert NO_AGREEMENT not in text


def test_the_stance_caption_names_the_engine_and_whether_agreement_was_measured():
    config = load_config(ROOT / "config.yaml")
    text = caption_text("stance", config)
    assert "scored by the linear stance model" in text
    assert "No agreement with a coder was measured" in text and "agreement.csv" not in text
    config["stance"]["coded"] = "coded.csv"
    text = caption_text("stance", config)
    assert "and the study's coded mentions" in text and "features/stance/agreement.csv" in text
    assert "No agreement" not in text


def test_the_shipped_training_file_is_json_lines():
    first = DEFAULT_TRAIN_PATH.read_text(encoding="utf-8").splitlines()[0]
    assert {"sentence", "from", "to", "polarity"} <= set(json.loads(first))


def test_coded_mentions_subset_keeps_order():
    coded = CodedMentions("s", (1, 2, 3), ("a", "b", "c"), ("t",) * 3, ("x", "y", "z"),
                          ((0, 1),) * 3, ("negative", "neutral", "positive"), 0)  # fmt: skip
    part = coded.subset([2, 0])
    assert part.rows == (3, 1) and part.labels == ("positive", "negative")


def test_the_dag_learns_from_the_coded_sheet_only_when_the_study_gives_one(tmp_path):
    from .conftest import copy_project, snakemake

    workdir = copy_project(tmp_path)
    run = snakemake(workdir, "-n", cores=1)
    assert run.returncode == 0, run.stderr
    assert "stance_agreement" not in run.stdout
    config = (workdir / "config.yaml").read_text(encoding="utf-8")
    study = workdir / "study.yaml"
    study.write_text(config.replace("  coded: null", "  coded: coded.csv"), encoding="utf-8")
    (workdir / "coded.csv").write_text("doc_id,target,sentence,context,coder_label\n")
    run = snakemake(workdir, "-n", "--configfile", str(study), cores=1)
    assert run.returncode == 0, run.stderr
    assert re.search(r"^stance_agreement\s+1$", run.stdout, re.MULTILINE)
    model_job = run.stdout.split("rule stance_model:")[1].split("rule ")[0]
    assert "coded.csv" in model_job.split("output:")[0]


def test_the_uspress_codes_are_ids_and_labels_that_rebuild_a_sheet():
    from .conftest import bench_module

    path = ROOT / "tests" / "fixtures" / "stance" / "uspress-coded.csv"
    codes = pd.read_csv(path, dtype={"start": int, "end": int})
    assert list(codes.columns) == ["doc_id", "sentence_id", "start", "end", "target",
                                   "coder_label"]  # fmt: skip
    assert len(codes) == 150 and codes["doc_id"].nunique() > 100
    assert set(codes["coder_label"]) == {"negative", "neutral", "positive"}
    assert not codes.duplicated(["doc_id", "sentence_id", "start", "end", "target"]).any()
    mentions = codes.drop(columns="coder_label").assign(
        outlet="o", sentence="Before the NAME said no.", sentence_start=11, sentence_end=15
    )
    sheet = bench_module("stance_coded").coded_sheet(mentions, codes)
    coded = coded_mentions(sheet, source="rebuilt")
    assert len(coded) == 150 and coded.labels == tuple(codes["coder_label"])
    assert {s[a:b] for s, (a, b) in zip(coded.sentences, coded.spans, strict=True)} == {"NAME"}
    with pytest.raises(SystemExit, match="1 coded mentions not in the run"):
        bench_module("stance_coded").coded_sheet(mentions.iloc[1:], codes)
