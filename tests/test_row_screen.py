"""The row screen passes only rows the full JSON Schema validator finds valid."""

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.config import load_schema, schema_validator
from framelab.ingest.metadata import METADATA_COLUMNS
from framelab.ingest.row_screen import rows_to_validate, value_check

SCHEMA = load_schema("metadata")
PROPERTIES = SCHEMA["properties"]
# cells near the schema's boundaries: ids with dots, dates of every shape, precisions
CELLS = st.one_of(
    st.sampled_from(["", "a", "d1", "a..b", ".a", "x" * 128, "x" * 129, "2020", "2020-01",
                     "2020-01-31", "20-1", "day", "month", "year", "en", "EN", "eng"]),
    st.text(alphabet="aZ0._-/ 9\n", max_size=8),
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(column=st.sampled_from(sorted(PROPERTIES)), value=CELLS)
def test_value_check_agrees_with_jsonschema(column, value):
    check = value_check(PROPERTIES[column])
    assert check is not None, f"the screen should evaluate the metadata column {column!r}"
    assert check(value) == schema_validator(PROPERTIES[column]).is_valid(value)


def test_value_check_declines_keywords_it_does_not_evaluate():
    assert value_check({"type": "string", "format": "date"}) is None
    assert value_check({"not": {"minimum": 3}}) is None
    assert value_check({"type": "integer"}) is None


@settings(max_examples=200, deadline=None)
@given(
    rows=st.lists(
        st.fixed_dictionaries({c: CELLS for c in METADATA_COLUMNS[:6]}), min_size=1, max_size=6
    )
)
def test_every_row_the_schema_rejects_is_screened(rows):
    table = pd.DataFrame(rows)
    validator = schema_validator(SCHEMA)
    flagged = rows_to_validate(table, SCHEMA)
    for i, row in enumerate(rows):
        record = {key: value for key, value in row.items() if value != ""}
        if not validator.is_valid(record):
            assert flagged[i], f"row {i} is invalid but was not screened: {record}"


def test_valid_rows_pass_the_screen():
    table = pd.DataFrame(
        [{"doc_id": f"d{i}", "outlet": "a", "date": "2020-01-02", "date_precision": "day",
          "language": "en", "title": ""} for i in range(50)]
    )  # fmt: skip
    assert not rows_to_validate(table, SCHEMA).any()


def test_unknown_columns_and_schema_keywords_are_screened():
    table = pd.DataFrame({"doc_id": ["a", "b"], "extra": ["", "x"]})
    schema = {"type": "object", "properties": {"doc_id": {"type": "string"}}}
    assert rows_to_validate(table, schema).tolist() == [False, False]
    closed = schema | {"additionalProperties": False}
    assert rows_to_validate(table, closed).tolist() == [False, True]
    assert rows_to_validate(table, schema | {"minProperties": 3}).tolist() == [True, True]
    assert rows_to_validate(table, schema | {"required": ["missing"]}).tolist() == [True, True]


def test_unhashable_cells_are_screened():
    table = pd.DataFrame({"doc_id": [["a"], "b"]})
    assert rows_to_validate(table, SCHEMA | {"required": []}).tolist() == [True, True]
