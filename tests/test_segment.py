import pandas as pd

from framelab.io import read_word_list
from framelab.segment.units import SentenceSplitter, paragraph_spans, segment_documents

from .conftest import ROOT

SPLITTER = SentenceSplitter(read_word_list(ROOT / "data/lexicons/abbreviations-en.txt"))


def test_abbreviations_do_not_end_sentences():
    text = "Gen. Frank Mackenzie spoke to the U.S. Senate in Jan. 2021. Troops stayed."
    sentences = [text[a:b] for a, b in SPLITTER.spans(text)]
    assert sentences == [
        "Gen. Frank Mackenzie spoke to the U.S. Senate in Jan. 2021.",
        "Troops stayed.",
    ]


def test_paragraphs_are_separated_by_blank_lines():
    text = "\nFirst para\nstill first.\n\n  \nSecond para.\n"
    assert [text[a:b] for a, b in paragraph_spans(text)] == [
        "First para\nstill first.",
        "Second para.",
    ]


def test_offsets_index_the_document_text():
    text = "One. Two here.\n\nThree."
    docs = pd.DataFrame({"doc_id": ["d"], "outlet": ["o"], "text": [text]})
    paragraphs, sentences = segment_documents(docs, SPLITTER)
    assert paragraphs["unit_id"].tolist() == ["d:p001", "d:p002"]
    assert sentences["unit_id"].tolist() == ["d:p001:s001", "d:p001:s002", "d:p002:s001"]
    for row in sentences.itertuples():
        assert text[row.start : row.end] == row.text
    for row in paragraphs.itertuples():
        assert text[row.start : row.end] == row.text


def test_word_list_skips_comments(tmp_path):
    path = tmp_path / "list.txt"
    path.write_text("# comment\nMr\n\n dr \n", encoding="utf-8")
    assert read_word_list(path) == {"mr", "dr"}
