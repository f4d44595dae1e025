"""What the shard plan shows before any job runs: refused settings and misleading input."""

import json

import pytest

from framelab import ingest
from framelab.config import load_config
from framelab.errors import InputError
from framelab.ingest.review import duplicate_documents, review_plan

TEXT = "The first line of an article.\nA second line.\n"
NAMES = {"alpha": "Alpha", "beta": "Beta"}


def plan_of(config):
    settings = ingest.IngestSettings.from_config(load_config(config))
    return ingest.plan_corpus(settings), settings


def test_a_declared_outlet_without_documents_is_warned_about(make_corpus):
    config = make_corpus({"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")})
    plan, settings = plan_of(config)
    names = NAMES | {"gamma": "Gamma"}
    assert review_plan(plan, names, compare=None, base=settings.metadata) == [
        "outlet 'gamma' (Gamma) is declared in the config but has no documents; it is left "
        "out of every comparison",
    ]


def test_a_single_outlet_is_refused(make_corpus, tmp_path):
    plan, _ = plan_of(make_corpus({"d1": ("alpha", TEXT), "d2": ("alpha", TEXT + "x")}))
    with pytest.raises(InputError, match=r"only one outlet has documents \('alpha'\)"):
        review_plan(plan, NAMES, compare=None, base=tmp_path)


def test_a_comparison_pair_without_documents_is_refused(make_corpus, tmp_path):
    plan, _ = plan_of(make_corpus({"d1": ("alpha", TEXT), "d2": ("beta", TEXT + "x")}))
    names = NAMES | {"gamma": "Gamma"}
    with pytest.raises(InputError, match=r"terms.compare: \['gamma'\] has no documents"):
        review_plan(plan, names, compare=["alpha", "gamma"], base=tmp_path)


def test_the_same_bytes_under_two_ids_are_found_in_files_and_in_a_corpus_file(
    make_corpus, tmp_path
):
    docs = {"d1": ("alpha", TEXT), "d2": ("beta", TEXT), "d3": ("beta", TEXT.upper())}
    config = make_corpus(docs)
    plan, settings = plan_of(config)
    base = tmp_path / "data"
    assert duplicate_documents(plan, base) == [("d1", "d2")]
    assert (
        "documents 'd1' and 'd2' have the same bytes"
        in review_plan(plan, NAMES, compare=None, base=base)[0]
    )
    lines = [{"doc_id": d, "outlet": o, "date": "2020", "text": t} for d, (o, t) in docs.items()]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    table_config = make_corpus({}, rows=[], config={"corpus": {"documents": str(corpus)}})
    table_plan, _ = plan_of(table_config)
    assert duplicate_documents(table_plan, base) == [("d1", "d2")]
