"""End to end: the whole DAG on the seed corpus in a temporary copy of the project."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess

import pandas as pd
import pytest

from framelab.stages.figures import FIGURES

from .conftest import ROOT, SEED, SEED_DIGESTS, SNAKEMAKE, copy_project, digests, snakemake

pytestmark = pytest.mark.e2e

SEED_SHARDS = ["izvestia-000", "neo-000", "rt-000", "topwar-000"]  # one outlet per shard
PER_SHARD = [
    "corpus/shard-{}.parquet",
    "corpus/ledger-{}.parquet",
    "clean/shard-{}.parquet",
    "clean/templates-{}.parquet",
    "clean/audit-{}.html",
    "units/paragraphs-{}.parquet",
    "units/sentences-{}.parquet",
    "features/targets/mentions-{}.parquet",
]
EXPECTED = [
    *(pattern.format(shard) for pattern in PER_SHARD for shard in SEED_SHARDS),
    "corpus/ledger.csv",
    "clean/removed_lines.csv",
    "clean/repairs.csv",
    "clean/entity_mentions.csv",
    "clean/templates.csv",
    "features/terms/vocabulary.csv",
    "features/terms/fightin_words.parquet",
    "features/terms/fightin_words_pairs.parquet",
    "features/terms/keyness.parquet",
    "features/terms/outlet_similarity.csv",
    "features/terms/outlet_counts.parquet",
    "features/terms/outlet_sizes.csv",
    "features/terms/kwic.csv",
    "features/terms/kwic.md",
    "features/terms/collocations.csv",
    "models/stance.pkl",
    "features/stance/mentions.parquet",
    "features/stance/outlet_stance.csv",
    "features/stance/outlet_tests.csv",
    "figures/stance.pdf",
    "figures/stance.png",
    "figures/stance.csv",
    "topics/topic_words.csv",
    "topics/doc_topic.parquet",
    "topics/outlet_prevalence.csv",
    "topics/unit_topic.parquet",
    "topics/model_selection.csv",
    "topics/topic_frex.csv",
    "topics/representative_units.csv",
    "topics/topic_units.parquet",
    "topics/outlet_differences.csv",
    "topics/prevalence_over_time.csv",
    "topics/topic_network.csv",
    "topics/frame_packages.csv",
    "topics/package_prevalence.csv",
    "figures/topic_selection.pdf",
    "figures/topic_selection.png",
    "figures/topic_selection.csv",
    "figures/topic_network.pdf",
    "figures/topic_network.png",
    "figures/topic_network.csv",
    "figures/topic_time.pdf",
    "figures/topic_time.png",
    "figures/topic_time.csv",
    "figures/distinctive_terms.pdf",
    "figures/distinctive_terms.png",
    "figures/distinctive_terms.csv",
    "figures/topic_prevalence.pdf",
    "figures/topic_prevalence.png",
    "figures/topic_prevalence.csv",
    "figures/fightin_words.pdf",
    "figures/fightin_words.png",
    "figures/fightin_words.csv",
    "figures/fightin_words_pair.pdf",
    "figures/fightin_words_pair.png",
    "figures/fightin_words_pair.csv",
    "figures/outlet_similarity.pdf",
    "figures/outlet_similarity.png",
    "figures/outlet_similarity.csv",
    "figures/index.csv",
    "features/frames/unit_frames.parquet",
    "features/frames/document_frames.csv",
    "features/frames/outlet_frames.csv",
    "features/frames/validation_sample.csv",
    "features/sources/attributions.parquet",
    "features/sources/outlet_sources.csv",
    "figures/frames.pdf",
    "figures/frames.png",
    "figures/frames.csv",
    "figures/voices.pdf",
    "figures/voices.png",
    "figures/voices.csv",
    "figures/headline.pdf",
    "figures/headline.png",
    "figures/headline.csv",
    "figures/headline_kwic.md",
    "provenance/config.yaml",
    "provenance/software.csv",
    "summary.md",
]
SEED_OUTLETS = {"izvestia", "rt", "topwar", "neo"}


def clean_docs(project):
    return pd.concat(
        pd.read_parquet(project / SEED / f"clean/shard-{shard}.parquet") for shard in SEED_SHARDS
    )


def test_dry_run_lists_the_dag(tmp_path):
    workdir = copy_project(tmp_path)
    run = snakemake(workdir, "-n")
    assert run.returncode == 0, run.stderr
    for rule in ["ingest", "clean", "segment", "mentions"]:
        assert re.search(rf"^{rule}\s+4$", run.stdout, re.MULTILINE), rule
    for rule in ["ledger", "clean_tables", "terms", "context", "topics", "figures_terms",
                 "figures_topics", "stance_model", "stance", "figures_stance", "frames",
                 "sources", "figures_framing", "figure_index", "summary"]:  # fmt: skip
        assert re.search(rf"^{rule}\s+1$", run.stdout, re.MULTILINE), rule


def test_every_expected_output_exists(project):
    missing = [name for name in EXPECTED if not (project / SEED / name).is_file()]
    assert not missing


def test_cleaning_removes_chrome_and_accounts_for_every_line(project):
    docs = clean_docs(project)
    removed = pd.read_csv(project / SEED / "clean/removed_lines.csv", keep_default_na=False)
    assert len(docs) == 5
    for row in docs.itertuples():
        assert "Skip to main content" not in row.text
        assert "Переведено сервисом" not in row.text
        assert not re.search(r"[А-Яа-яЁё]", row.text), row.doc_id
        assert row.n_kept + row.n_removed == row.n_lines
        assert (removed["doc_id"] == row.doc_id).sum() == row.n_removed
    audits = [project / SEED / f"clean/audit-{shard}.html" for shard in SEED_SHARDS]
    struck = sum(a.read_text(encoding="utf-8").count('<tr class="removed">') for a in audits)
    assert struck == len(removed)
    chrome = removed[removed["text"] == "Skip to main content"]
    assert len(chrome) == 2 and set(chrome["reason"]) == {"site_chrome"}
    assert (removed["reason"] == "translator_signature").sum() == 1


def test_entity_variants_are_counted_as_one_term(project):
    mentions = pd.read_csv(project / SEED / "clean/entity_mentions.csv")
    soleimani = mentions[mentions["entity"] == "qasem_soleimani"]
    assert {"Suleimani", "Soleimani"} <= {s.split()[-1] for s in soleimani["surface"]}
    counts = pd.read_parquet(project / SEED / "features/terms/outlet_counts.parquet")
    assert "suleimani" not in set(counts["term"]) and "qassem" not in set(counts["term"])


def test_term_counts_and_sizes_are_those_of_the_clean_texts(project):
    from framelab.config import load_config
    from framelab.stages.terms import analyzer_from_config
    from framelab.terms.counts import doc_term_matrix, outlet_term_counts

    docs = clean_docs(project).sort_values("doc_id", ignore_index=True)
    config = load_config(project / "config.yaml")
    analyzer = analyzer_from_config(config)  # finds entities with the lexicon's regex
    searched = doc_term_matrix(docs, analyzer, min_count=config["terms"]["min_count"])
    expected = outlet_term_counts(searched).set_index(["outlet", "term"])["n"]
    counts = pd.read_parquet(project / SEED / "features/terms/outlet_counts.parquet")
    assert counts.set_index(["outlet", "term"])["n"].to_dict() == expected.to_dict()
    sizes = pd.read_csv(project / SEED / "features/terms/outlet_sizes.csv").set_index("outlet")
    words = docs.assign(n=docs["text"].str.split().str.len()).groupby("outlet")["n"].sum()
    assert sizes["n_words"].to_dict() == words.to_dict()
    tokens = pd.Series(searched.n_tokens, index=docs["outlet"]).groupby(level=0).sum()
    assert sizes["n_tokens"].to_dict() == tokens.to_dict()


def test_legal_disclaimers_leave_the_text_and_become_a_feature(project):
    docs = clean_docs(project).set_index("doc_id")
    assert not docs["text"].str.contains("banned in the Russian").any()
    assert "banned in the Russian Federation" in docs.loc["000_4f1634d76a5eff2f", "disclaimers"]
    assert docs.loc["004_7c7f8d39e8b97380", "disclaimers"] == ""


def test_every_outlet_has_distinctive_terms(project):
    fightin = pd.read_parquet(project / SEED / "features/terms/fightin_words.parquet")
    assert set(fightin["outlet"]) == SEED_OUTLETS
    top = fightin.groupby("outlet").head(12)
    boilerplate = {"photo", "live", "broadcast", "advertisement", "skip", "select", "comments"}
    assert not boilerplate & set(top["term"])


def test_figure_csvs_match_the_tables_they_were_drawn_from(project):
    results = project / SEED
    fightin = pd.read_parquet(results / "features/terms/fightin_words.parquet")
    drawn = pd.read_csv(results / "figures/distinctive_terms.csv")
    merged = drawn.merge(fightin, on=["outlet", "term"], suffixes=("_drawn", ""))
    assert len(merged) == len(drawn) > 0
    assert (merged["z_drawn"] - merged["z"]).abs().max() < 1e-5
    for outlet, block in drawn.groupby("outlet"):
        expected = fightin[(fightin["outlet"] == outlet) & (fightin["z"] > 0)].head(len(block))
        assert block["term"].tolist() == expected["term"].tolist()
    prevalence = pd.read_csv(results / "topics/outlet_prevalence.csv")
    drawn = pd.read_csv(results / "figures/topic_prevalence.csv")
    merged = drawn.merge(prevalence, on=["outlet", "topic"], suffixes=("_drawn", ""))
    assert len(merged) == len(prevalence) == len(drawn)
    assert (merged["mean_drawn"] - merged["mean"]).abs().max() < 1e-5


def test_term_tables_answer_the_study_questions(project):
    terms = project / SEED / "features/terms"
    pairs = pd.read_parquet(terms / "fightin_words_pairs.parquet")
    assert len(set(zip(pairs["outlet_a"], pairs["outlet_b"], strict=True))) == 6
    kwic = pd.read_csv(terms / "kwic.csv")
    s400 = kwic[kwic["match"].str.contains("S-400")]
    assert set(s400["outlet"]) == {"izvestia", "neo"}
    docs = clean_docs(project).set_index("doc_id")
    for row in kwic.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start : row.end] == row.match
    assert "## russian_arms_offers" in (terms / "kwic.md").read_text(encoding="utf-8")
    similarity = pd.read_csv(terms / "outlet_similarity.csv")
    assert ((similarity["jsd"] > 0) & (similarity["jsd"] < 1)).all()
    drawn = pd.read_csv(project / SEED / "figures/outlet_similarity.csv")
    assert len(drawn) == len(similarity)  # the figure draws each pair once (one triangle)
    pairs = {frozenset(p) for p in similarity[["outlet_a", "outlet_b"]].itertuples(index=False)}
    assert {frozenset(p) for p in drawn[["outlet_a", "outlet_b"]].itertuples(index=False)} == pairs
    monroe = pd.read_csv(project / SEED / "figures/fightin_words.csv")
    fightin = pd.read_parquet(terms / "fightin_words.parquet")
    assert len(monroe) == len(fightin)
    assert monroe["labelled"].any()


def test_every_figure_has_pdf_png_csv_and_caption(project):
    figures = project / SEED / "figures"
    for png in figures.glob("*.png"):
        for suffix in (".pdf", ".csv", ".caption.txt"):
            assert png.with_name(png.stem + suffix).is_file(), png.stem + suffix
        caption = png.with_name(png.stem + ".caption.txt").read_text(encoding="utf-8")
        assert len(caption) > 100


def test_figure_index_describes_every_figure(project):
    index = pd.read_csv(project / SEED / "figures/index.csv")
    pngs = sorted(p.stem for p in (project / SEED / "figures").glob("*.png"))
    assert sorted(index["figure"]) == pngs == sorted(FIGURES)
    assert set(index["rule"]) == {"figures_terms", "figures_topics", "figures_framing",
                                  "figures_stance"}  # fmt: skip
    headline = index.set_index("figure").loc["headline"]
    assert headline["files"].endswith("headline.csv;results/seed-corpus/figures/headline_kwic.md")
    assert [i.split("=")[0] for i in headline["inputs"].split(";")][0].endswith("kwic.csv")
    for row in index.itertuples():
        assert all((project / f).is_file() for f in row.files.split(";"))
        assert len(row.caption) > 100 and len(row.config_sha256) == 64
        for item in row.inputs.split(";"):
            path, digest = item.split("=")
            assert hashlib.sha256((project / path).read_bytes()).hexdigest() == digest


def test_frames_sources_and_headline_answer_the_study_question(project):
    features = project / SEED / "features"
    frames = pd.read_csv(features / "frames/outlet_frames.csv")
    assert set(frames["outlet"]) == SEED_OUTLETS and frames["frame"].nunique() == 11
    assert frames["prevalence"].between(0, 1).all()
    sample = pd.read_csv(features / "frames/validation_sample.csv", keep_default_na=False)
    assert (sample["coder"] == "").all() and len(sample) > 0
    voices = pd.read_csv(features / "sources/outlet_sources.csv")
    shares = voices.groupby("outlet")["share"].sum()
    assert ((shares - 1).abs() < 1e-5).all() and set(shares.index) == SEED_OUTLETS  # CSV: 6 digits
    headline = pd.read_csv(project / SEED / "figures/headline.csv")
    rates = headline[headline["panel"] == "mention_rate"].set_index("outlet")["value"]
    assert rates["neo"] == 1 and rates["izvestia"] == 0.5 and rates["rt"] == 0
    examples = (project / SEED / "figures/headline_kwic.md").read_text(encoding="utf-8")
    assert "S-400" in examples and "New Eastern Outlook" in examples


def test_topic_shares_sum_to_one_per_document(project):
    doc_topic = pd.read_parquet(project / SEED / "topics/doc_topic.parquet")
    sums = doc_topic.groupby("doc_id")["share"].sum()
    assert len(sums) == 5
    assert (sums - 1).abs().max() < 1e-9


def test_summary_states_the_corpus_and_warns_about_small_n(project):
    summary = (project / SEED / "summary.md").read_text(encoding="utf-8")
    assert "| Izvestia | 2 |" in summary
    assert "| New Eastern Outlook | 1 |" in summary
    assert "Warning: too few documents" in summary
    assert "## Distinctive terms per outlet" in summary
    assert "9 in 1 of 1 docs" in summary  # New Eastern Outlook's mentions of arms offers
    assert "- **Russian arms offers**: mentioned in " in summary
    assert "Too few documents per outlet (fewer than 3) to rank outlets." in summary


def test_second_run_has_nothing_to_do(project):
    run = snakemake(project, "-n")
    assert run.returncode == 0
    assert "Nothing to be done" in run.stdout + run.stderr


def test_forced_rerun_is_byte_identical(project):
    before = digests(project / SEED)
    run = snakemake(project, "--forceall")
    assert run.returncode == 0, run.stderr[-4000:]
    assert digests(project / SEED) == before


def test_outputs_are_those_recorded_for_the_seed_study(project):
    """Byte for byte the tables and figures recorded in tests/fixtures/seed-digests.json: a
    change meant to leave the results alone (a refactoring) must, and one meant to change
    them records the new digests (`make seed-digests`) and says why in CHANGELOG.md."""
    recorded = json.loads(SEED_DIGESTS.read_text(encoding="utf-8"))
    found = digests(project / SEED)
    changed = sorted(p for p in recorded.keys() & found.keys() if recorded[p] != found[p])
    assert changed == []
    assert sorted(found.keys() - recorded.keys()) == []
    assert sorted(recorded.keys() - found.keys()) == []


def test_a_second_study_writes_only_to_its_own_results_folder(project, tmp_path):
    """Two studies in one checkout: the second neither reads nor touches the first's files."""
    workdir = tmp_path / "checkout"
    shutil.copytree(project, workdir, symlinks=True)
    seed = workdir / SEED
    stamps = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in seed.rglob("*") if p.is_file()}
    other = workdir / "other.yaml"
    config = (workdir / "config.yaml").read_text(encoding="utf-8")
    other.write_text(config.replace("study: seed-corpus", "study: other-study"), encoding="utf-8")
    planned = snakemake(workdir, "-n", "--quiet", "rules", "--configfile", str(other))
    assert re.search(r"^total\s+43$", planned.stdout, re.MULTILINE), planned.stdout  # no reuse
    run = snakemake(workdir, "--configfile", str(other))
    assert run.returncode == 0, run.stderr[-3000:]
    assert sorted(p.name for p in (workdir / "results").iterdir()) == ["other-study", "seed-corpus"]
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in stamps} == stamps
    assert sorted(p for p in seed.rglob("*") if p.is_file()) == sorted(stamps)
    other_results = workdir / "results/other-study"
    tables = ("corpus/", "clean/", "units/", "features/", "topics/")  # figures name the study
    same = {k: v for k, v in digests(seed).items() if k.startswith(tables)}
    assert {k: v for k, v in digests(other_results).items() if k.startswith(tables)} == same
    assert (other_results / "logs/terms.log").is_file()


def test_invalid_config_stops_before_any_job(tmp_path):
    workdir = copy_project(tmp_path)
    config = workdir / "config.yaml"
    config.write_text(config.read_text().replace("  k: 4", "  kk: 4"), encoding="utf-8")
    run = snakemake(workdir, "-n")
    assert run.returncode == 2  # as framelab validate
    assert "topics: unknown key 'kk' (did you mean 'k'?)" in run.stdout + run.stderr
    assert "Traceback" not in run.stderr and "File " not in run.stderr
    assert not (workdir / SEED).exists()


def test_own_study_config_replaces_the_seed_config(tmp_path):
    workdir = copy_project(tmp_path)
    study = workdir / "study.yaml"
    study.write_text(
        "outlets:\n  izvestia: {name: Izvestia, colour: '#0072B2'}\n", encoding="utf-8"
    )
    run = snakemake(workdir, "-n", "--configfile", str(study))
    assert run.returncode != 0
    assert "'rt' is not in config 'outlets'" in run.stdout + run.stderr


def test_lint_reports_nothing():
    run = subprocess.run([*SNAKEMAKE, "--lint"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0
    assert "Lints for" not in run.stdout + run.stderr


def test_too_many_topics_stops_with_the_key_and_writes_no_topic_tables(tmp_path):
    workdir = copy_project(tmp_path)
    config = workdir / "config.yaml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  k_select: auto", "  k_select: fixed").replace("  k: 4", "  k: 500")
    config.write_text(text, encoding="utf-8")
    run = snakemake(workdir, "--keep-going")
    assert run.returncode != 0
    log = (workdir / SEED / "logs/topics.log").read_text(encoding="utf-8")
    assert "topics.k" in log and "needs more units than topics" in log and "117 units" in log
    assert not list((workdir / SEED / "topics").glob("*"))


def test_one_file_corpus_is_read_in_one_job_and_sharded_by_outlet(tmp_path):
    workdir = copy_project(tmp_path)
    metadata = pd.read_csv(workdir / "data/metadata.csv", dtype=str, keep_default_na=False)
    metadata["text"] = [(workdir / "data" / p).read_text(encoding="utf-8") for p in metadata.path]
    metadata.drop(columns=["path"]).to_json(
        workdir / "data/corpus.jsonl", orient="records", lines=True, force_ascii=False
    )
    config = workdir / "config.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("  # documents: data/my-corpus.jsonl", "  documents: data/corpus.jsonl"),
        encoding="utf-8",
    )
    run = snakemake(workdir, "results/seed-corpus/corpus/ledger.csv")
    assert run.returncode == 0, run.stderr[-3000:]
    assert re.search(r"^ingest_table\s+1$", run.stdout + run.stderr, re.MULTILINE)
    for shard in SEED_SHARDS:
        corpus = pd.read_parquet(workdir / SEED / f"corpus/shard-{shard}.parquet")
        assert set(corpus["shard"]) == {shard} and set(corpus["outlet"]) == {shard[:-4]}
    ledger = pd.read_csv(workdir / SEED / "corpus/ledger.csv")
    assert sorted(ledger["doc_id"]) == sorted(metadata["doc_id"])
    assert set(ledger["status"]) == {"ingested"}
    assert ledger["path"].str.startswith("data/corpus.jsonl:line ").all()
