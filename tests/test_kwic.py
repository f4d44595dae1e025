import pandas as pd

from framelab.config import Outlet
from framelab.terms.concordance import kwic, kwic_markdown


def test_kwic_lines_quote_the_text_with_offsets():
    text = "Baghdad is weighing the S-400 system offered by\nMoscow last year."
    docs = pd.DataFrame({"doc_id": ["d1"], "text": [text]})
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "outlet": ["rt"],
            "target": ["arms"],
            "sentence_id": ["d1:p001:s001"],
            "start": [24],
            "end": [29],
        }  # fmt: skip
    )
    table = kwic(mentions, docs, window=20)
    row = table.iloc[0]
    assert text[row["start"] : row["end"]] == row["match"] == "S-400"
    assert row["left"] == "is weighing the"
    assert row["right"] == "system offered by"
    page = kwic_markdown(table, {"rt": Outlet("rt", "RT", "#000000")})
    assert "### RT (1 mentions in 1 documents)" in page
    assert "| d1 | 24 | …is weighing the | **S-400** | system offered by… |" in page


def test_kwic_markdown_says_when_nothing_was_found():
    columns = ["doc_id", "outlet", "target", "sentence_id", "start", "end"]
    empty = kwic(pd.DataFrame(columns=columns), pd.DataFrame({"doc_id": [], "text": []}))
    assert "No target mentions were found." in kwic_markdown(empty, {})
