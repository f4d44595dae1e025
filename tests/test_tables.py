import math

import pandas as pd

from framelab.tables import column_rows


def test_column_rows_are_itertuples_rows():
    table = pd.DataFrame(
        {"doc_id": ["a", "b", None], "start": [0, 5, 9], "score": [0.5, float("nan"), 1.0],
         "text": ["x y", "", "z"]}
    )  # fmt: skip
    columns = ["text", "start", "doc_id", "score"]
    rows = list(column_rows(table, columns))
    expected = list(table[columns].itertuples(index=False, name=None))
    assert len(rows) == len(expected) == 3
    for row, reference in zip(rows, expected, strict=True):
        for value, other in zip(row, reference, strict=True):
            assert type(value) is type(other) or (pd.isna(value) and pd.isna(other))
            assert value == other or (pd.isna(value) and pd.isna(other))
    assert isinstance(rows[0][1], int) and math.isnan(rows[1][3])
