"""A fast screen of a table's rows against the JSON Schema of one row.

Validating 100,000 metadata rows one by one with ``jsonschema`` takes seconds, before any job
of the run can start. The screen instead checks each column's distinct values once, with the
few schema keywords a metadata table uses (``type: string``, ``pattern``, ``minLength``,
``maxLength``, ``enum``, ``not: {pattern}``), and marks every row that *might* fail. Only
those rows go through the full validator, so the messages are the validator's own; a row
the screen passes is valid under the schema. Any keyword the screen does not know marks
every row that has a value there, so an unusual schema is slower, never wrong.

A row's record is its cells other than the empty string, as
:func:`framelab.ingest.metadata.validate_metadata` builds it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["rows_to_validate", "value_check"]

#: keywords that never make a value invalid
_ANNOTATIONS = frozenset({"title", "description", "$comment", "examples", "default", "$schema"})
_ROW_KEYWORDS = frozenset({"type", "required", "properties", "additionalProperties"})

Check = Callable[[Any], bool]


def value_check(schema: Mapping[str, Any]) -> Check | None:
    """A test that is true exactly when a value is valid under ``schema``, or None when
    ``schema`` uses a keyword this screen does not evaluate."""
    checks: list[Check] = []
    for keyword, argument in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type" and argument == "string":
            checks.append(lambda value: isinstance(value, str))
        elif keyword == "pattern":
            search = re.compile(argument).search
            checks.append(
                lambda value, search=search: not isinstance(value, str) or bool(search(value))
            )
        elif keyword == "minLength":
            checks.append(lambda value, n=argument: not isinstance(value, str) or len(value) >= n)
        elif keyword == "maxLength":
            checks.append(lambda value, n=argument: not isinstance(value, str) or len(value) <= n)
        elif keyword == "enum" and all(isinstance(item, str) for item in argument):
            allowed = frozenset(argument)
            checks.append(
                lambda value, allowed=allowed: isinstance(value, str) and value in allowed
            )
        elif keyword == "not":
            inner = value_check(argument)
            if inner is None:
                return None
            checks.append(lambda value, inner=inner: not inner(value))
        else:
            return None
    if len(checks) == 1:
        return checks[0]

    def every_check(value: Any) -> bool:
        for check in checks:
            if not check(value):
                return False
        return True

    return every_check


def rows_to_validate(table: pd.DataFrame, schema: Mapping[str, Any]) -> np.ndarray:
    """A boolean mask of the rows that may be invalid under the row ``schema``.

    A row is the record of its cells other than ``""``. False means the row is certainly
    valid; True means it must be validated in full.
    """
    n_rows = len(table)
    unknown_keywords = set(schema) - _ROW_KEYWORDS - _ANNOTATIONS
    if unknown_keywords or schema.get("type", "object") != "object":
        return np.ones(n_rows, dtype=bool)
    properties: Mapping[str, Any] = schema.get("properties", {})
    extra_allowed = schema.get("additionalProperties", True)
    flagged = np.zeros(n_rows, dtype=bool)
    for column in schema.get("required", []):
        if column not in table.columns:
            return np.ones(n_rows, dtype=bool)
        flagged |= _empty(table[column])
    for column in table.columns:
        values = table[column]
        present = ~_empty(values)
        if column not in properties:
            if extra_allowed is not True:
                flagged |= present
            continue
        check = value_check(properties[column])
        if check is None:
            flagged |= present
            continue
        try:
            bad = [value for value in pd.unique(values[present]) if not check(value)]
        except TypeError:  # unhashable cells (lists from a JSON file): validate them all
            flagged |= present
            continue
        if bad:
            flagged |= present & values.isin(bad).to_numpy()
    return flagged


def _empty(values: pd.Series) -> np.ndarray:
    """Cells left out of a row's record: the empty string."""
    return values.eq("").to_numpy(dtype=bool)
