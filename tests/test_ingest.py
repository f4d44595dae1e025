import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelab.clean import article_text
from framelab.config import load_config
from framelab.errors import InputError
from framelab.ingest.corpus import (
    CORPUS_COLUMNS,
    FILE_STAMP,
    IngestSettings,
    decode_document,
    ingest,
    plan_corpus,
    read_listed,
    unlisted_files,
)

from .conftest import metadata_row, write_metadata

TEXT = "The first line of an article.\nA second line.\n"


def run(config_path):
    return ingest(IngestSettings.from_config(load_config(config_path)), article_text=article_text)


def test_reads_every_listed_document_in_metadata_order(make_corpus):
    config = make_corpus({"d2": ("beta", TEXT), "d1": ("alpha", "Другой текст.\n")})
    corpus, ledger = run(config)
    assert list(corpus.columns) == CORPUS_COLUMNS
    assert corpus["doc_id"].tolist() == ["d2", "d1"]
    assert corpus.loc[1, "text"] == "Другой текст.\n"
    assert ledger["status"].tolist() == ["ingested", "ingested"]
    assert ledger.loc[0, "bytes"] == len(TEXT.encode())
    assert len(ledger.loc[0, "sha256"]) == 64


def test_missing_file_names_row_and_path(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", TEXT)})
    (tmp_path / "data/raw/d1.txt").unlink()
    with pytest.raises(
        InputError, match=r"row 1 \(doc_id 'd1'\), column 'path': file .*d1.txt' not found"
    ):
        run(config)


def test_unlisted_file_is_an_error_by_default(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", TEXT)})
    (tmp_path / "data/raw/stray.txt").write_text("stray", encoding="utf-8")
    with pytest.raises(InputError, match=r"stray.txt: not listed in .*metadata.csv"):
        run(config)


def test_unlisted_files_skip_hidden_and_follow_no_folder_links(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", TEXT)})
    settings = IngestSettings.from_config(load_config(config))
    raw = Path(settings.raw_dir)
    for name in ["b/stray.txt", "a-c.txt", "a/b.txt", ".hidden/x.txt", "b/.x.txt", "z/y/w.txt"]:
        (raw / name).parent.mkdir(parents=True, exist_ok=True)
        (raw / name).write_text("x", encoding="utf-8")
    (raw / "to_d1.txt").symlink_to(raw / "d1.txt")  # the listed file under another name
    (raw / "to_z").symlink_to(raw / "z")  # a folder link: not walked
    (raw / "broken.txt").symlink_to(tmp_path / "nowhere")
    listed = {str((raw / "d1.txt").resolve())}
    found = unlisted_files(settings, listed, [])
    reference = sorted(  # what Path.rglob gives, as the listing was first written
        file
        for file in (p for p in raw.rglob("*") if p.is_file())
        if not any(part.startswith(".") for part in file.relative_to(raw).parts)
        and str(file.resolve()) not in listed
    )
    assert found == reference
    assert [p.relative_to(raw).as_posix() for p in found] == [
        "a/b.txt", "a-c.txt", "b/stray.txt", "z/y/w.txt"
    ]  # fmt: skip


def test_the_plan_stamps_each_file_and_ingest_refuses_a_file_changed_since(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", TEXT), "d2": ("alpha", TEXT.upper())})
    settings = IngestSettings.from_config(load_config(config))
    (rows,) = plan_corpus(settings).values()
    size = len(TEXT.encode())
    assert [row[FILE_STAMP].split(":")[0] for row in rows] == [str(size), str(size)]
    assert read_listed(rows, settings, article_text=article_text)[0]["text"].tolist() == [
        TEXT,
        TEXT.upper(),
    ]
    (tmp_path / "data/raw/d2.txt").write_text(TEXT + "An added line.\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_listed(rows, settings, article_text=article_text)
    assert err.value.problems == [
        f"{tmp_path / 'data/raw/d2.txt'}: changed after the run was planned (size:mtime "
        f"{rows[1][FILE_STAMP]} -> {size + 15}:{(tmp_path / 'data/raw/d2.txt').stat().st_mtime_ns}"
        "); run again"
    ]
    (tmp_path / "data/raw/d1.txt").unlink()  # gone: named, not a traceback
    with pytest.raises(InputError, match=r"d1.txt: changed after the run .* -> gone\); run"):
        read_listed(rows[:1], settings, article_text=article_text)


def test_unlisted_file_can_be_a_warning_and_is_in_the_ledger(make_corpus, tmp_path, caplog):
    config = make_corpus({"d1": ("alpha", TEXT)}, config={"corpus": {"unlisted_files": "warn"}})
    (tmp_path / "data/raw/stray.txt").write_text("stray", encoding="utf-8")
    corpus, ledger = run(config)
    assert corpus["doc_id"].tolist() == ["d1"]
    assert ledger["status"].tolist() == ["ingested", "unlisted"]
    assert "stray.txt: not listed" in caplog.text


def test_path_escaping_the_data_folder_is_refused(make_corpus):
    rows = [metadata_row("d1", path="../../etc/passwd")]
    config = make_corpus({"d1": ("alpha", TEXT)}, rows=rows)
    with pytest.raises(
        InputError, match=r"row 1 \(doc_id 'd1'\), column 'path': .* leaves the data folder"
    ):
        run(config)


@pytest.mark.parametrize("text", ["", "  \n\t\n"])
def test_empty_or_whitespace_file_is_refused(make_corpus, text):
    config = make_corpus({"d1": ("alpha", text)})
    with pytest.raises(InputError, match=r"d1.txt: the document is empty or whitespace only"):
        run(config)


def test_invalid_utf8_names_offset_and_offers_the_encoding_column(make_corpus):
    data = "Ирак".encode("cp1251")
    config = make_corpus({"d1": ("alpha", b"Iraq " + data)})
    with pytest.raises(InputError) as err:
        run(config)
    message = str(err.value)
    assert "d1.txt: bytes at offset 5 are not valid utf-8" in message
    assert "metadata column 'encoding' (e.g. cp1251)" in message


def test_encoding_column_fixes_a_cp1251_file(make_corpus):
    rows = [metadata_row("d1", encoding="cp1251")]
    config = make_corpus({"d1": ("alpha", "Ирак и США".encode("cp1251"))}, rows=rows)
    corpus, _ = run(config)
    assert corpus.loc[0, "text"] == "Ирак и США"


def test_binary_file_is_refused(make_corpus):
    config = make_corpus({"d1": ("alpha", b"PK\x03\x04\x00\x00binary")})
    with pytest.raises(InputError, match=r"d1.txt: NUL byte at offset 4; this is a binary file"):
        run(config)


def test_size_limit_is_enforced_with_the_config_key(make_corpus):
    config = make_corpus({"d1": ("alpha", TEXT)}, config={"corpus": {"max_bytes": 10}})
    with pytest.raises(InputError, match=r"exceeds config corpus.max_bytes \(10\)"):
        run(config)


def test_all_problems_are_reported_together(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", ""), "d2": ("beta", TEXT), "d3": ("beta", "")})
    (tmp_path / "data/raw/d2.txt").unlink()
    (tmp_path / "data/raw/stray.txt").write_text("x")
    # the listing (paths, unlisted files) is checked before any text is read ...
    with pytest.raises(InputError) as err:
        plan_corpus(IngestSettings.from_config(load_config(config)))
    assert len(err.value.problems) == 2
    assert "2 problems with the input" in str(err.value)
    (tmp_path / "data/raw/stray.txt").unlink()
    (tmp_path / "data/raw/d2.txt").write_text(TEXT)
    # ... then every document's bytes, all problems at once
    with pytest.raises(InputError) as err:
        run(config)
    assert len(err.value.problems) == 2
    assert all("empty or whitespace only" in problem for problem in err.value.problems)


def test_utf8_bom_is_dropped(make_corpus):
    config = make_corpus({"d1": ("alpha", "\ufeff" + TEXT)})
    corpus, _ = run(config)
    assert corpus.loc[0, "text"] == TEXT


def test_csv_corpus_with_embedded_newlines_and_quotes(make_corpus, tmp_path):
    table = tmp_path / "corpus.csv"
    table.write_text(
        "doc_id,outlet,date,date_precision,language,text\n"
        'c1,alpha,2020,year,en,"He said ""no"".\nSecond line, with a comma."\n'
        "c2,beta,2020-02,month,en,Plain text.\n",
        encoding="utf-8",
    )
    config = make_corpus({}, rows=[], config={"corpus": {"documents": str(table)}})
    settings = IngestSettings.from_config(load_config(config))
    corpus, ledger = ingest(settings, article_text=article_text)
    assert corpus.loc[0, "text"] == 'He said "no".\nSecond line, with a comma.'
    assert ledger["path"].tolist() == [f"{table}:row 1", f"{table}:row 2"]
    plan = plan_corpus(settings)
    assert {shard: [r["doc_id"] for r in rows] for shard, rows in plan.items()} == {
        "alpha-000": ["c1"],
        "beta-000": ["c2"],
    }
    assert "text" not in plan["alpha-000"][0]


def test_jsonl_broken_line_is_reported_by_number(make_corpus, tmp_path):
    table = tmp_path / "corpus.jsonl"
    good = {"doc_id": "j1", "outlet": "alpha", "date": "2020", "date_precision": "year",
            "language": "en", "text": "Text."}  # fmt: skip
    table.write_text(json.dumps(good) + "\n" + '{"doc_id": "j2", "text": \n', encoding="utf-8")
    config = make_corpus({}, rows=[], config={"corpus": {"documents": str(table)}})
    with pytest.raises(InputError, match=r"corpus.jsonl line 2: not valid JSON"):
        run(config)


def test_jsonl_metadata_errors_name_the_row(make_corpus, tmp_path):
    table = tmp_path / "corpus.jsonl"
    row = {"doc_id": "j1", "outlet": "gamma", "date": "2020", "date_precision": "year",
           "language": "en", "text": "Text."}  # fmt: skip
    table.write_text(json.dumps(row) + "\n", encoding="utf-8")
    config = make_corpus({}, rows=[], config={"corpus": {"documents": str(table)}})
    with pytest.raises(InputError, match=r"corpus.jsonl row 1 \(doc_id 'j1'\), column 'outlet'"):
        run(config)


def test_csv_corpus_without_the_text_column(make_corpus, tmp_path):
    table = tmp_path / "corpus.csv"
    table.write_text("doc_id,outlet,date,date_precision,language,body\nc1,alpha,2020,year,en,x\n")
    config = make_corpus({}, rows=[], config={"corpus": {"documents": str(table)}})
    with pytest.raises(InputError, match=r"no text column 'text' \(config corpus.text_column\)"):
        run(config)


def test_wrong_declared_encoding_is_caught(make_corpus):
    rows = [metadata_row("d1", encoding="cp1251")]
    config = make_corpus({"d1": ("alpha", "Ирак и США".encode())}, rows=rows)
    with pytest.raises(InputError, match=r"declared encoding 'cp1251', but the bytes are UTF-8"):
        run(config)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_decoding_arbitrary_bytes_returns_text_or_a_named_error(data):
    try:
        text = decode_document(data, encoding="utf-8", where="f.txt", max_bytes=200)
    except InputError as err:
        assert str(err).startswith("f.txt: ")
    else:
        assert text.strip() and text == data.decode("utf-8").removeprefix("\ufeff")


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=200))
def test_ingest_reads_back_any_nonblank_text(make_corpus, text):
    if not text.removeprefix("\ufeff").strip() or "\x00" in text:
        return
    config = make_corpus({"d1": ("alpha", text)})
    keep = dataclasses.replace(
        IngestSettings.from_config(load_config(config)), other_languages="keep"
    )
    corpus, ledger = ingest(keep, article_text=article_text)
    assert corpus.loc[0, "text"] == text.removeprefix("\ufeff")
    assert ledger.loc[0, "status"] == "ingested"


def test_html_without_article_text_is_refused(make_corpus, tmp_path):
    rows = [metadata_row("h1", path="raw/h1.html")]
    config = make_corpus({}, rows=rows)
    (tmp_path / "data/raw/h1.html").write_text(
        "<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"h1.html: HTML without article text"):
        run(config)


def test_outlets_spelt_as_display_names_and_minimal_columns_are_read(make_corpus, tmp_path):
    """The metadata may name outlets as the config's display names ("Alpha") and leave out
    date_precision, language, title, url, translation and evidence."""
    rows = [
        {"doc_id": "d1", "path": "raw/d1.txt", "outlet": "Alpha", "date": "2021-07"},
        {"doc_id": "d2", "path": "raw/d2.txt", "outlet": "beta", "date": "2021-07-26"},
    ]
    config = make_corpus({"d1": ("alpha", TEXT), "d2": ("beta", TEXT.upper())})
    pd.DataFrame(rows).to_csv(tmp_path / "data/metadata.csv", index=False)
    corpus, ledger = run(config)
    assert corpus["outlet"].tolist() == ["alpha", "beta"]
    assert corpus["date_precision"].tolist() == ["month", "day"]
    assert corpus["language"].tolist() == ["en", "en"]
    assert set(ledger["status"]) == {"ingested"}


def test_a_jsonl_corpus_without_precision_or_language_is_read(make_corpus, tmp_path):
    lines = [
        {"doc_id": "j1", "outlet": "Alpha", "date": "2020-02-02", "text": TEXT},
        {"doc_id": "j2", "outlet": "Beta", "date": "2020", "text": TEXT.upper()},
    ]
    corpus_file = tmp_path / "data/corpus.jsonl"
    corpus_file.parent.mkdir(parents=True, exist_ok=True)
    corpus_file.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    config = make_corpus({}, rows=[], config={"corpus": {"documents": str(corpus_file)}})
    corpus, _ = run(config)
    assert corpus["outlet"].tolist() == ["alpha", "beta"]
    assert corpus["date_precision"].tolist() == ["day", "year"]


def test_an_unknown_outlet_spelling_is_named_with_the_declared_ones(make_corpus, tmp_path):
    rows = [{"doc_id": "d1", "path": "raw/d1.txt", "outlet": "Alfa", "date": "2021"}]
    config = make_corpus({"d1": ("alpha", TEXT)})
    pd.DataFrame(rows).to_csv(tmp_path / "data/metadata.csv", index=False)
    with pytest.raises(InputError, match=r"row 1 \(doc_id 'd1'\), column 'outlet': 'Alfa'"):
        run(config)


def test_the_metadata_table_in_the_raw_folder_is_not_an_unlisted_file(make_corpus, tmp_path):
    config = make_corpus({"d1": ("alpha", TEXT), "d2": ("beta", TEXT.upper())})
    raw = tmp_path / "data" / "raw"
    rows = [metadata_row(d, o, path=f"{d}.txt") for d, o in [("d1", "alpha"), ("d2", "beta")]]
    write_metadata(raw / "metadata.csv", rows)
    settings = IngestSettings.from_config(load_config(config))
    settings = dataclasses.replace(settings, metadata=str(raw / "metadata.csv"))
    corpus, ledger = ingest(settings, article_text=article_text)
    assert corpus["doc_id"].tolist() == ["d1", "d2"]
    assert set(ledger["status"]) == {"ingested"}


def test_documents_cleaning_empties_are_excluded_in_the_ledger_and_from_comparisons(caplog):
    from framelab.ingest import EMPTIED, compared_documents, mark_emptied

    ledger = pd.DataFrame({"doc_id": ["a", "b", "c"], "status": ["ingested"] * 3, "reason": ""})
    clean_docs = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "outlet": ["x", "y", "z"], "text": ["Text.", " \n", "More."]}
    )
    marked = mark_emptied(ledger, clean_docs)
    assert marked["status"].tolist() == ["ingested", "excluded", "ingested"]
    assert marked["reason"].tolist() == ["", EMPTIED, ""]
    names = {"x": "X", "y": "Why", "z": "Zed"}
    assert compared_documents(clean_docs, names)["doc_id"].tolist() == ["a", "c"]
    assert "outlet 'y' (Why) has no analysable text" in caplog.text
    with pytest.raises(InputError, match=r"only \['x'\] has analysable text"):
        compared_documents(clean_docs.iloc[:2], names)
    with pytest.raises(InputError, match=r"terms.compare: \['y'\] has no analysable text"):
        compared_documents(clean_docs, names, compare=["x", "y"])
    assert len(compared_documents(clean_docs, names, compare=["x", "z"])) == 2
