"""What the shard plan shows before any job runs: refused settings and misleading input."""

import json

import pytest

from framelab import ingest
from framelab.config import load_config
from framelab.errors import InputError
from framelab.ingest.review import duplicate_documents, review_plan

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
    assert duplicate_documents(plan, tmp_path / "data") == [("d1", "d2")]
    assert "documents 'd1' and 'd2' have the same bytes" in review_plan(plan, config)[0]
    lines = [{"doc_id": d, "outlet": o, "date": "2020", "text": t} for d, (o, t) in docs.items()]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table_config = make_corpus({}, rows=[], config={"corpus": {"documents": str(corpus)}})
    table_plan, _ = plan_of(table_config)
    assert duplicate_documents(table_plan, tmp_path) == [("d1", "d2")]
