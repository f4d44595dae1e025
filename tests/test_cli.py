import subprocess
import sys

from framelab.cli import main

from .conftest import ROOT


def test_validate_reports_the_seed_corpus(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["validate"]) == 0
    assert "config.yaml: valid; 5 documents from 4 outlets in 4 shard(s)" in capsys.readouterr().out


def test_bad_input_exits_2_with_the_message(make_corpus, capsys):
    config = make_corpus({"d1": ("gamma", "Text.\n")})
    assert main(["validate", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert "framelab validate:" in err
    assert "column 'outlet': 'gamma' is not in config 'outlets'" in err


def test_ingest_writes_corpus_and_ledger(make_corpus, tmp_path, capsys):
    config = make_corpus({"d1": ("alpha", "Text one.\n"), "d2": ("beta", "Text two.\n")})
    assert main(["ingest", "--config", str(config), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out/corpus.parquet").is_file()
    assert (tmp_path / "out/ledger.csv").read_text().count("ingested") == 2


def test_segment_prints_sentences_with_offsets(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    path = tmp_path / "t.txt"
    path.write_text("Gen. Ryder spoke. Troops left.\n\nNew paragraph.", encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == [
        "1\t1\t0\t17\tGen. Ryder spoke.",
        "1\t2\t18\t30\tTroops left.",
        "2\t1\t32\t46\tNew paragraph.",
    ]


def test_installed_command_cleans_stdin():
    seed = (ROOT / "data/raw/000_4f1634d76a5eff2f.txt").read_text(encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "framelab.cli", "clean", "-"],
        input=seed,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "Skip to main content" not in run.stdout
    assert "Ain al-Asad base" in run.stdout


def test_stance_subcommand_is_wired(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "framelab.cli", "stance", "--help"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0
    assert run.stdout.startswith("usage: framelab stance")


def test_frame_precision_from_a_coded_sheet(tmp_path, capsys):
    sheet = tmp_path / "coded.csv"
    sheet.write_text(
        "frame,doc_id,unit_id,outlet,matched_terms,text,coder\n"
        "conflict,d,u1,o,war,t,1\nconflict,d,u2,o,war,t,0\nconflict,d,u3,o,war,t,1\n"
        "conflict,d,u4,o,war,t,\n",
        encoding="utf-8",
    )
    assert main(["frame-precision", str(sheet)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "frame,n_coded,n_correct,precision,low,high"
    assert out[1].startswith("conflict,3,2,0.667,")


def test_frame_precision_names_a_bad_coder_value(tmp_path, capsys):
    sheet = tmp_path / "coded.csv"
    sheet.write_text(
        "frame,doc_id,unit_id,outlet,matched_terms,text,coder\nconflict,d,u1,o,war,t,maybe\n",
        encoding="utf-8",
    )
    assert main(["frame-precision", str(sheet)]) == 2
    assert "maybe" in capsys.readouterr().err
