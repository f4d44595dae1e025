"""framelab init: a study config and a starter targets lexicon from a corpus listing."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from framelab.cli import main
from framelab.config import load_config
from framelab.study import candidate_targets, outlet_ids

from .conftest import ROOT, SHARED, bench_module, copy_project, snakemake

ARTICLE = (
    "Officials in Baghdad said on Monday that Iran had offered help. The Pentagon declined to "
    "comment, and Iran did not reply. Later, the White House said it was watching.\n"
)
OUTLET_NAMES = ["CNN (Web News)", "Reuters", "The Wall Street Journal"]
SUBJECTS = [
    "Oil prices rose as traders in Baghdad reacted to new sanctions on crude exports.",
    "Militia fighters attacked a supply convoy near the border, local officials said.",
    "Parliament debated the election law while protesters gathered in the central square.",
    "The central bank raised interest rates to slow inflation and steady the currency.",
]


def display_name_corpus(folder):
    """Three outlets spelt as a news archive exports them, two documents each, and neither
    date_precision nor language."""
    rows = []
    (folder / "raw").mkdir(parents=True)
    for i, outlet in enumerate(OUTLET_NAMES * 2):
        doc_id = f"doc{i}"
        paragraphs = [ARTICLE, SUBJECTS[i % 4], SUBJECTS[(i + 1) % 4], SUBJECTS[(i + 2) % 4]]
        (folder / "raw" / f"{doc_id}.txt").write_text(
            f"{outlet} report {i}\n\n" + "\n\n".join(paragraphs), encoding="utf-8"
        )
        rows.append({"doc_id": doc_id, "path": f"raw/{doc_id}.txt", "outlet": outlet,
                     "date": f"2020-0{1 + i % 3}-1{i}", "title": f"Report {i}"})  # fmt: skip
    pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    return rows


def test_outlet_ids_are_valid_unique_and_derived_from_the_names():
    ids = outlet_ids(["CNN (Web News)", "Reuters", "reuters", "9News", "Ñandú Diario"])
    assert ids == {
        "CNN (Web News)": "cnn_web_news",
        "Reuters": "reuters",
        "reuters": "reuters_2",
        "9News": "outlet_9news",
        "Ñandú Diario": "and_diario",
    }


def test_candidate_targets_are_names_most_documents_mention():
    texts = [ARTICLE, ARTICLE.replace("Iran", "Syria"), "Then Iran and the U.S. met. The Pentagon"]
    found = dict(candidate_targets(texts, exclude=["Reuters"]))
    assert found["Iran"] == 2 and found["Syria"] == 1 and found["Pentagon"] == 3
    assert found["Baghdad"] == 2 and found["White House"] == 2 and found["U.S."] == 1
    assert not {"Officials", "Later", "Monday", "The", "The Pentagon"} & set(found)
    assert "Reuters" not in dict(
        candidate_targets(["He told Reuters Iran lied."], exclude=["Reuters"])
    )


def test_init_writes_a_valid_config_with_the_outlets_as_the_data_spells_them(tmp_path, capsys):
    display_name_corpus(tmp_path / "data")
    out = tmp_path / "my-study.yaml"
    assert main(["init", "my-study", "--metadata", str(tmp_path / "data/metadata.csv"),
                 "--out", str(out)]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert f"framelab validate --config {out}" in printed
    assert f"snakemake --cores 4 --configfile {out}" in printed
    config = load_config(out)
    assert config["study"] == "my-study"
    assert {o: s["name"] for o, s in config["outlets"].items()} == {
        "cnn_web_news": "CNN (Web News)",
        "reuters": "Reuters",
        "the_wall_street_journal": "The Wall Street Journal",
    }
    assert len({s["colour"] for s in config["outlets"].values()}) == 3
    assert config["targets"]["use"] == []
    assert config["corpus"]["raw_dir"] == str(tmp_path / "data/raw")
    assert config["corpus"]["duplicates"] == "exclude"
    lexicon = (tmp_path / "my-study.targets.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(lexicon) == {"targets": None}  # every candidate commented out
    uncommented = yaml.safe_load(lexicon.replace("\n#  ", "\n  "))
    assert uncommented["targets"]["iran"]["patterns"] == ["(?-i:(?<!\\w)Iran(?!\\w))"]
    assert "reuters" not in uncommented["targets"]  # the outlets' own names are not targets
    assert main(["validate", "--config", str(out)]) == 0


def test_init_reads_a_jsonl_corpus_and_refuses_to_overwrite(tmp_path, capsys):
    lines = [{"doc_id": f"j{i}", "outlet": name, "date": "2020-05-01", "body": ARTICLE}
             for i, name in enumerate(OUTLET_NAMES)]  # fmt: skip
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "s.yaml"
    args = ["init", "s", "--documents", str(corpus), "--text-column", "body", "--out", str(out)]
    assert main(args) == 0
    assert load_config(out)["corpus"]["documents"] == str(corpus)
    assert load_config(out)["corpus"]["text_column"] == "body"
    capsys.readouterr()
    assert main(args) == 2
    assert "already there; remove it or add --force" in capsys.readouterr().err
    assert main([*args, "--force"]) == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["init", "bad/name", "--metadata", "m.csv"], "study"),
        (["init", "s", "--metadata", "nosuch.csv"], "nosuch.csv: metadata table not found"),
    ],
)
def test_init_names_what_is_wrong(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m.csv").write_text("doc_id,outlet,date,path\na,X,2020,a.txt\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.yaml"))


@pytest.mark.e2e
def test_a_new_study_runs_from_init_to_its_own_results_folder(tmp_path):
    (tmp_path / "project").mkdir()
    workdir = copy_project(tmp_path / "project")
    display_name_corpus(workdir / "data" / "news")
    init = [sys.executable, "-m", "framelab.cli", "init", "news", "--metadata",
            "data/news/metadata.csv"]  # fmt: skip
    done = subprocess.run(init, cwd=workdir, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    run = snakemake(workdir, "--configfile", "news.yaml")
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(p.name for p in (workdir / "results").iterdir()) == ["news"]
    summary = (workdir / "results/news/summary.md").read_text(encoding="utf-8")
    assert "This study defines no targets" in summary and "CNN (Web News)" in summary
    assert not (workdir / "results/news/figures/headline.png").exists()
    assert (workdir / "results/news/figures/stance.png").is_file()
    similarity = pd.read_csv(workdir / "results/news/features/terms/outlet_similarity.csv")
    assert set(similarity["outlet_a"]) | set(similarity["outlet_b"]) == set(
        outlet_ids(OUTLET_NAMES).values()
    )


USPRESS = SHARED / "data" / "uspress-dev"


@pytest.mark.e2e
@pytest.mark.skipif(not USPRESS.is_dir(), reason="../shared/data/uspress-dev is absent")
@pytest.mark.parametrize("listing", ["metadata.csv", "corpus.jsonl"])
def test_uspress_dev_as_it_is_runs_from_init_to_the_notebooks(listing, tmp_path):
    """1,500 real articles from ten outlets named with capitals and spaces: init, validate and
    the whole DAG with no edit to the data or the generated config; results only in
    results/<study>/; the notebooks run on them."""
    (tmp_path / "project").mkdir()
    workdir = copy_project(tmp_path / "project")
    study = "uspress-" + listing.split(".")[1]
    flag = "--metadata" if listing.endswith(".csv") else "--documents"
    for command in (["init", study, flag, str(USPRESS / listing)],
                    ["validate", "--config", f"{study}.yaml"]):  # fmt: skip
        done = subprocess.run([sys.executable, "-m", "framelab.cli", *command], cwd=workdir,
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
    assert "1500 documents from 10 outlets" in done.stdout
    run = snakemake(workdir, "--configfile", f"{study}.yaml")
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(p.name for p in (workdir / "results").iterdir()) == [study]
    results = workdir / "results" / study
    sizes = pd.read_csv(results / "features/terms/outlet_sizes.csv")
    assert len(sizes) == 10 and sizes["n_docs"].sum() == 1500
    assert "USA TODAY" in (results / "summary.md").read_text(encoding="utf-8")
    assert_uspress_topics_are_subjects(results)
    if listing == "metadata.csv":
        scorer = bench_module("sources_eval")
        sources = scorer.score_run(results)
        assert sources["sentences_in_run"] >= 0.95, sources  # the labels still find their text
        assert sources["untyped_share"] <= 0.30, sources
        assert sources["type_precision"] >= 0.85, sources
        heldout = scorer.score_run(
            results, scorer.REPO / "tests/fixtures/sources/heldout-labels.csv"
        )
        assert heldout["sentences_in_run"] >= 0.95 and heldout["type_precision"] >= 0.80, heldout
        for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
            executed = subprocess.run(
                [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                 "--output", str(tmp_path / notebook.name), str(notebook)],
                cwd=notebook.parent, capture_output=True, text=True,
                env={**os.environ, "FRAMELAB_RESULTS": str(results)},
            )  # fmt: skip
            assert executed.returncode == 0, executed.stderr[-3000:]


def assert_uspress_topics_are_subjects(results: Path) -> None:
    """The chosen topics on uspress-dev are news subjects, not page furniture: every unit is
    accounted for, the chosen K is not degenerate, no topic's top words are mostly
    furniture, time or outlet-name words, and the corpus's main stories are found."""
    units = pd.read_parquet(results / "topics/topic_units.parquet")
    paragraphs = pd.concat(
        [pd.read_parquet(p) for p in sorted((results / "units").glob("paragraphs-*.parquet"))]
    )
    assert len(units) == len(paragraphs) and units["topic_unit"].mean() > 0.9
    reasons = set(units["excluded_reason"].fillna(""))
    assert reasons <= {"", "short", "label", "timestamp", "repeated"}
    selection = pd.read_csv(results / "topics/model_selection.csv")
    chosen = selection[selection["chosen"]].iloc[0]
    assert not chosen["degenerate"] and chosen["largest_topic_share"] < 0.5
    assert selection["k"].max() > 6  # the grid grows with 1,500 documents
    words = pd.read_csv(results / "topics/topic_words.csv", keep_default_na=False)
    topics = words.drop_duplicates("topic")
    debris = topics["furniture_share"] + topics["time_share"] + topics["outlet_name_share"]
    assert (debris < 0.5).all(), topics[debris >= 0.5]
    assert topics["top_doc_share"].max() < 0.25
    top = [set(block) for _, block in words.groupby("topic")["term"]]
    for story in ({"iran", "nuclear"}, {"syria"}, {"mueller"}, {"north", "korea"}):
        assert any(story <= t for t in top), (story, top)


@pytest.mark.e2e
@pytest.mark.skipif(not USPRESS.is_dir(), reason="../shared/data/uspress-dev is absent")
def test_uspress_dev_as_it_is_goes_through_init_and_validate(tmp_path, capsys):
    source = USPRESS
    for flag, listing in [("--metadata", "metadata.csv"), ("--documents", "corpus.jsonl")]:
        out = tmp_path / f"uspress-{listing.split('.')[1]}.yaml"
        assert main(["init", out.stem, flag, str(source / listing), "--out", str(out)]) == 0
        config = load_config(out)
        assert len(config["outlets"]) == 10
        assert "USA TODAY" in {s["name"] for s in config["outlets"].values()}
        assert main(["validate", "--config", str(out)]) == 0
        assert "1500 documents from 10 outlets" in capsys.readouterr().out


def test_a_flat_folder_with_other_files_is_read_and_they_are_only_warned_about(tmp_path):
    """Metadata beside its texts, and a README nobody lists: init says so and warns."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i in range(len(OUTLET_NAMES)):
        (folder / f"d{i}.txt").write_text(ARTICLE + SUBJECTS[i], encoding="utf-8")
    (folder / "README.md").write_text("About this corpus.\n", encoding="utf-8")
    rows = [{"doc_id": f"d{i}", "path": f"d{i}.txt", "outlet": o, "date": "2021"}
            for i, o in enumerate(OUTLET_NAMES)]  # fmt: skip
    pd.DataFrame(rows).to_csv(folder / "metadata.csv", index=False)
    out = tmp_path / "flat.yaml"
    assert (
        main(["init", "flat", "--metadata", str(folder / "metadata.csv"), "--out", str(out)]) == 0
    )
    text = out.read_text(encoding="utf-8")
    assert "1 file(s) there are not listed (e.g. README.md)" in text
    assert load_config(out)["corpus"]["unlisted_files"] == "warn"
    assert main(["validate", "--config", str(out)]) == 0
