"""What the shard plan shows before any job runs: refused settings and misleading input."""

import datetime as dt
import json

import pytest

from framelab import ingest
from framelab.config import load_config
from framelab.errors import InputError
from framelab.ingest.review import date_window, review_plan

from .conftest import metadata_row

TEXT = "The first line of an article.\nA second line.\n"
GAMMA = {"gamma": {"name": "Gamma", "colour": "#009E73"}}


def plan_of(config_path, **config_values):
    config = load_config(config_path)
    for section, values in config_values.items():
        config[section] = config[section] | values
    return ingest.plan_corpus(ingest.IngestSettings.from_config(config)), config


def test_a_declared_outlet_without_documents_is_warned_about(make_corpus):
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")}
    plan, config = plan_of(make_corpus(docs), outlets=GAMMA)
    assert review_plan(plan, config) == [
        "outlet 'gamma' (Gamma) is declared in the config but has no documents; it is left "
        "out of every comparison",
    ]


def test_a_single_outlet_is_refused(make_corpus):
    plan, config = plan_of(make_corpus({"d1": ("alpha", TEXT), "d2": ("alpha", TEXT + "x")}))
    with pytest.raises(InputError, match=r"only one outlet has documents \('alpha'\)"):
        review_plan(plan, config)


def test_a_comparison_pair_without_documents_is_refused(make_corpus):
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")}
    plan, config = plan_of(make_corpus(docs), outlets=GAMMA, terms={"compare": ["alpha", "gamma"]})
    with pytest.raises(InputError, match=r"terms.compare: \['gamma'\] has no documents"):
        review_plan(plan, config)


def test_the_same_bytes_under_two_ids_are_found_in_files_and_in_a_corpus_file(
    make_corpus, tmp_path
):
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT), "d3": ("beta", TEXT.upper())}
    plan, config = plan_of(make_corpus(docs))
    assert "documents 'd1' and 'd2' have the same bytes" in review_plan(plan, config)[0]
    lines = [{"doc_id": d, "outlet": o, "date": "2020", "text": t} for d, (o, t) in docs.items()]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table_config = make_corpus({}, rows=[], config={"corpus": {"documents": str(corpus)}})
    table_plan, table = plan_of(table_config)
    assert "documents 'd1' and 'd2' have the same bytes" in review_plan(table_plan, table)[0]


def duplicate_study(make_corpus, policy):
    """Three documents, the third listing the first's file: same bytes under two doc_ids."""
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")}
    rows = [metadata_row(d, o) for d, (o, _) in docs.items()]
    rows.append(metadata_row("d3", "beta", path="raw/d1.txt"))
    return plan_of(make_corpus(docs, rows=rows), corpus={"duplicates": policy})


@pytest.mark.parametrize("policy", ["exclude", "keep"])
def test_a_duplicate_is_excluded_or_kept_in_the_ledger_and_warned_about(make_corpus, policy):
    plan, config = duplicate_study(make_corpus, policy)
    warning = review_plan(plan, config)[0]
    assert warning.startswith("documents 'd1' and 'd3' have the same bytes (SHA-256): ")
    assert f"corpus.duplicates: {policy}" in warning
    settings = ingest.IngestSettings.from_config(config)
    corpus, ledger = ingest.ingest(settings, article_text=lambda html: html)
    assert sorted(corpus["doc_id"]) == (["d1", "d2"] if policy == "exclude" else ["d1", "d2", "d3"])
    row = ledger.set_index("doc_id").loc["d3"]
    assert row["status"] == ("excluded" if policy == "exclude" else "ingested")
    assert row["reason"].startswith("same bytes (SHA-256) as 'd1', listed earlier")
    assert ledger.set_index("doc_id").loc["d1", "reason"] == ""


def test_duplicates_under_error_refuse_the_study_naming_both_rows(make_corpus, tmp_path):
    with pytest.raises(InputError) as err:
        duplicate_study(make_corpus, "error")
    assert err.value.problems == [
        f"{tmp_path / 'data' / 'metadata.csv'} row 3 (doc_id 'd3') has the same bytes (SHA-256) "
        "as row 1 (doc_id 'd1'); remove one, or set config corpus.duplicates: exclude (the "
        "later one) or keep"
    ]


def test_duplicates_under_error_let_a_corpus_without_duplicates_through(make_corpus):
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")}
    plan, config = plan_of(make_corpus(docs), corpus={"duplicates": "error"})
    assert review_plan(plan, config) == []


def test_a_duplicate_in_a_corpus_file_is_excluded(make_corpus, tmp_path):
    docs = [("j1", "alpha", TEXT), ("j2", "beta", TEXT + "x"), ("j3", "beta", TEXT)]
    lines = [{"doc_id": d, "outlet": o, "date": "2020", "text": t} for d, o, t in docs]
    corpus_file = tmp_path / "corpus.jsonl"
    corpus_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    plan, config = plan_of(
        make_corpus({}, rows=[], config={"corpus": {"documents": str(corpus_file)}})
    )
    assert "documents 'j1' and 'j3' have the same bytes" in review_plan(plan, config)[0]
    corpus, ledger = ingest.ingest_table(ingest.IngestSettings.from_config(config))
    assert corpus["doc_id"].tolist() == ["j1", "j2"]
    assert ledger["status"].tolist() == ["ingested", "ingested", "excluded"]


def test_dates_outside_the_window_are_one_warning_naming_the_rows(make_corpus):
    docs = {f"d{i}": ("alpha" if i % 2 else "beta", TEXT + str(i)) for i in range(1, 8)}
    rows = [metadata_row(d, o) for d, (o, _) in docs.items()]
    for i in (1, 2, 3, 6):
        rows[i - 1] |= {"date": "1850-01-02" if i != 6 else "2999", "date_precision": ""}
    plan, config = plan_of(make_corpus(docs, rows=rows), corpus={"date_window": [1900, 2030]})
    (warning,) = review_plan(plan, config)
    assert warning.endswith(
        "metadata.csv rows 1-3, 6 (4 rows), column 'date': outside the plausible years "
        "1900-2030 (config corpus.date_window); a typo? Analysed as given"
    )
    assert date_window({"corpus": {"date_window": [1900, None]}}, today=dt.date(2026, 5, 1)) == (
        1900,
        2027,
    )
