"""Checking the stance model on one's own corpus: ``framelab stance-sample`` and
``framelab stance-agreement``."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from framelab.cli import main
from framelab.errors import InputError
from framelab.stance import agreement, read_coded, stance_sample


def mentions_table() -> pd.DataFrame:
    """Two outlets, two targets; outlet a has 40 negative and 2 positive mentions of t."""
    rows = []
    for outlet, target, label, n in [
        ("a", "t", "negative", 40),
        ("a", "t", "positive", 2),
        ("a", "u", "neutral", 10),
        ("b", "t", "neutral", 12),
    ]:
        for i in range(n):
            sentence = f"Some words then {target.upper()} and more words {i}."
            rows.append(
                (
                    f"{outlet}{i % 7}",
                    outlet,
                    target,
                    sentence,
                    16,
                    17,
                    label,
                    {"negative": -0.6, "neutral": 0.0, "positive": 0.7}[label],
                    True,
                )
            )
    rows.append(("a0", "a", "t", "Ann Lee/AP T speaks.", 11, 12, None, np.nan, False))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "target", "sentence",
                                       "sentence_start", "sentence_end", "polarity", "score",
                                       "scored"])  # fmt: skip


def test_sample_is_stratified_deterministic_and_blank_for_the_coder():
    table = mentions_table()
    sample = stance_sample(table, n=20, random_state=3)
    assert len(sample) == 20
    sizes = sample.groupby(["outlet", "target", "model_label"]).size().to_dict()
    # four strata, 5 each, except the stratum of 2 gives both and the rest is shared out
    assert sizes[("a", "t", "positive")] == 2
    assert sorted(sizes.values()) == [2, 6, 6, 6]
    assert (sample["coder_label"] == "").all()
    assert "Ann Lee/AP" not in " ".join(sample["sentence"])  # unscored rows are never drawn
    assert sample["context"].iloc[0].count("[[") == 1
    assert sample["mention"].isin(["T", "U"]).all()
    shuffled = table.sample(frac=1, random_state=0)
    pd.testing.assert_frame_equal(sample, stance_sample(shuffled, n=20, random_state=3))
    assert not sample.equals(stance_sample(table, n=20, random_state=4))


def test_agreement_by_hand_with_a_document_bootstrap():
    coded = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2", "d2", "d3", "d3"],
            "model_label": ["negative", "neutral", "positive", "negative", "neutral", "neutral"],
            "coder_label": ["negative", "neutral", "positive", "neutral", "neutral", "positive"],
        }
    )
    table = agreement(read_coded(coded), n_boot=300, random_state=0).set_index("metric")
    assert table.loc["accuracy", "value"] == pytest.approx(4 / 6)
    # F1: negative 2*1*1/(1+1)... negative P=1/2 R=1 -> 2/3; neutral P=2/3 R=2/3; positive 1 vs
    # P=1 R=1/2 -> 2/3; macro = 2/3
    assert table.loc["macro_f1", "value"] == pytest.approx(2 / 3)
    # kappa: po = 4/6; coder (neg 1, neu 3, pos 2), model (neg 2, neu 3, pos 1):
    # pe = (1*2 + 3*3 + 2*1) / 36 = 13/36
    assert table.loc["cohen_kappa", "value"] == pytest.approx((4 / 6 - 13 / 36) / (1 - 13 / 36))
    assert (table["n_coded"] == 6).all() and (table["n_docs"] == 3).all()
    assert (table["low"] <= table["value"]).all() and (table["value"] <= table["high"]).all()


def test_coded_sheet_errors_name_file_row_and_column():
    good = {"doc_id": ["d1", "d2"], "model_label": ["negative", "neutral"]}
    with pytest.raises(InputError, match=r"coded.csv: missing column\(s\) \['coder_label'\]"):
        read_coded(pd.DataFrame(good), source="coded.csv")
    bad = pd.DataFrame(good | {"coder_label": ["angry", "neutral"]})
    with pytest.raises(InputError, match=r"coded.csv row 1 \(CSV line 2\), column 'coder_label'"):
        read_coded(bad, source="coded.csv")
    blank = pd.DataFrame(good | {"coder_label": ["", " "]})
    with pytest.raises(InputError, match="coded.csv: no coded rows"):
        read_coded(blank, source="coded.csv")
    aliases = read_coded(pd.DataFrame(good | {"coder_label": ["-1", "Neutral"]}))
    assert aliases["coder_label"].tolist() == ["negative", "neutral"]


def test_cli_writes_a_sample_and_scores_it(tmp_path, capsys):
    mentions = tmp_path / "mentions.parquet"
    mentions_table().to_parquet(mentions)
    out = tmp_path / "sample.csv"
    assert main(["stance-sample", str(mentions), "--n", "12", "--seed", "1", "--out",
                 str(out)]) == 0  # fmt: skip
    assert "12 mentions from 4 strata" in capsys.readouterr().out
    sheet = pd.read_csv(out, keep_default_na=False, dtype=str)
    assert list(sheet.columns)[-1] == "coder_label"
    sheet["coder_label"] = sheet["model_label"]  # a coder who agrees everywhere
    sheet.loc[0, "coder_label"] = ""  # and left one row uncoded
    sheet.to_csv(out, index=False)
    assert main(["stance-agreement", str(out), "--sheet-labels", "--n-boot", "200"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "metric,value,low,high,n_coded,n_docs"
    assert lines[1].startswith("macro_f1,1.000,1.000,1.000,11,")
    assert lines[2].startswith("accuracy,1.000,")


def test_cli_errors_exit_2_with_the_place(tmp_path, capsys):
    assert main(["stance-agreement", str(tmp_path / "none.csv")]) == 2
    assert "none.csv: file not found" in capsys.readouterr().err
    sheet = tmp_path / "coded.csv"
    sheet.write_text("sample_id,doc_id,model_label,coder_label\n1,d1,negative,maybe\n")
    assert main(["stance-agreement", str(sheet), "--sheet-labels"]) == 2
    err = capsys.readouterr().err
    assert "coded.csv row 1 (CSV line 2), column 'coder_label': 'maybe'" in err
    assert main(["stance-agreement", str(sheet)]) == 2  # the refit needs the sentences
    assert "missing column(s) ['target', 'sentence', 'context']" in capsys.readouterr().err
    assert main(["stance-sample", str(tmp_path / "none.parquet")]) == 2
    assert "none.parquet: file not found" in capsys.readouterr().err
