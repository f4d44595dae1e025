"""The document metadata table: one row per document, completed and validated before anything
runs.

Required: ``doc_id``, ``outlet`` and ``date`` (and ``path`` for a folder corpus). The outlet is
spelt as the config's outlet id or as its display name; ``date_precision`` is inferred from the
date's form when absent; ``language`` defaults to the study's; ``title``, ``url``,
``translation``, ``evidence`` and ``encoding`` may be absent.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from framelab.config import load_schema, schema_validator
from framelab.errors import InputError
from framelab.ingest.row_screen import rows_to_validate
from framelab.tables import column_rows

__all__ = [
    "METADATA_COLUMNS",
    "complete_metadata",
    "date_precision_of",
    "read_metadata",
    "real_folder",
    "real_path",
    "resolve_inside",
    "rows_message",
    "validate_metadata",
]

METADATA_COLUMNS = [
    "doc_id",
    "path",
    "outlet",
    "date",
    "date_precision",
    "title",
    "url",
    "language",
    "translation",
    "evidence",
    "encoding",
]
_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
_PRECISION_OF_FORM = {  # the form of a date -> its precision
    re.compile(r"\d{4}"): "year",
    re.compile(r"\d{4}-\d{2}"): "month",
    re.compile(r"\d{4}-\d{2}-\d{2}"): "day",
}
_DATE_KEYS = ("date", "date_precision")


def read_metadata(path: str | Path) -> pd.DataFrame:
    """Read a metadata CSV as strings (empty cells become ``""``), in file order.

    Raises
    ------
    InputError
        If the file is missing or is not parseable CSV.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: metadata table not found")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (pd.errors.ParserError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: not a readable UTF-8 CSV table: {err}") from err
    return table


def date_precision_of(date: str) -> str:
    """``year``, ``month`` or ``day`` for a date written ``YYYY``, ``YYYY-MM`` or
    ``YYYY-MM-DD``; ``""`` for any other form (which validation then reports)."""
    return next((p for form, p in _PRECISION_OF_FORM.items() if form.fullmatch(date)), "")


def complete_metadata(
    table: pd.DataFrame, *, outlet_ids: Mapping[str, str], language: str
) -> pd.DataFrame:
    """The metadata with what a study may leave out filled in, before it is validated.

    Parameters
    ----------
    table : DataFrame
        As read (strings, ``""`` for empty cells).
    outlet_ids : mapping of str to str
        Each way the config lets the data spell an outlet (its id, its display name) -> id.
    language : str
        The study's language, for rows that do not give theirs.

    Returns
    -------
    DataFrame
        A copy with ``outlet`` as config ids (unknown spellings kept, for validation to name),
        ``date_precision`` inferred where empty or absent, ``language`` filled in.
    """
    done = table.copy()
    if "outlet" in done.columns:
        done["outlet"] = [outlet_ids.get(v, v) for v in done["outlet"].tolist()]
    dates = done["date"].tolist() if "date" in done.columns else [""] * len(done)
    given = done["date_precision"].tolist() if "date_precision" in done.columns else dates
    done["date_precision"] = [
        p if "date_precision" in done.columns and p else date_precision_of(d)
        for p, d in zip(given, dates, strict=True)
    ]
    given = done["language"].tolist() if "language" in done.columns else [""] * len(done)
    done["language"] = [value or language for value in given]
    return done


def validate_metadata(
    table: pd.DataFrame,
    *,
    outlets: Collection[str],
    source: str,
    require_path: bool = True,
) -> None:
    """Check every row against the metadata schema and the study's outlets.

    Parameters
    ----------
    table : DataFrame
        As returned by :func:`read_metadata`; row 1 is the first data row.
    outlets : collection of str
        Outlet ids declared in config ``outlets``.
    source : str
        File name used in messages.
    require_path : bool, default=True
        Whether rows must name a text file (False for CSV/JSONL corpora carrying the text).

    Raises
    ------
    InputError
        Listing every problem as ``<source> row N (doc_id 'x'), column 'c': ...``.
    """
    problems: list[str] = []
    if table.empty:
        raise InputError(f"{source}: no documents listed")
    unknown = [c for c in table.columns if c not in METADATA_COLUMNS]
    for column in unknown:
        close = difflib.get_close_matches(column, METADATA_COLUMNS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(
            f"{source}: unknown column {column!r}{hint}; allowed columns are {METADATA_COLUMNS}"
        )
    schema = load_schema("metadata")
    if require_path:
        schema = {**schema, "required": [*schema["required"], "path"]}
    validator = schema_validator(schema)
    known = table[[c for c in table.columns if c in METADATA_COLUMNS]]
    seen: dict[str, int] = {}
    rows_of: dict[str, list[tuple[int, str | None]]] = {}  # cause -> (row, doc_id) it holds in
    for position in np.flatnonzero(_rows_to_check(known, schema, outlets)):
        row_no = int(position) + 1
        row = known.iloc[position].to_dict()
        record = {key: value for key, value in row.items() if value != ""}
        causes = []
        for err in validator.iter_errors(record):
            column = err.absolute_path[0] if err.absolute_path else None
            if column is None and err.validator == "required":
                causes.append(f"column {err.message.split(chr(39))[1]!r}: missing value")
            else:
                causes.append(f"column {column!r}: {err.message}")
        causes.extend(_check_row(record, outlets))
        doc_id = record.get("doc_id")
        if doc_id is not None:
            if doc_id in seen:
                causes.append(
                    f"column 'doc_id': duplicate of row {seen[doc_id]}; ids must be unique"
                )
            else:
                seen[doc_id] = row_no
        for cause in causes:
            rows_of.setdefault(cause, []).append((row_no, doc_id))
    problems += [rows_message(source, cause, rows, len(table)) for cause, rows in rows_of.items()]
    if problems:
        raise InputError(problems)


def rows_message(
    source: str,
    cause: str,
    rows: list[tuple[int, str | None]],
    n_rows: int,
    *,
    unit: str = "row",
) -> str:
    """One message for a cause and every row it holds in: ``<source> row 3 (doc_id 'x'),
    <cause>`` for one row, ``<source> rows 2-61, 70 (61 rows), <cause>`` or ``<source> all
    360 rows, <cause>`` for more. ``unit`` names what the numbers count (``line`` in a JSONL
    file)."""
    if len(rows) == 1:
        row_no, doc_id = rows[0]
        named = f" (doc_id {doc_id!r})" if doc_id is not None else ""
        return f"{source} {unit} {row_no}{named}, {cause}"
    if len(rows) == n_rows:
        return f"{source} all {n_rows} {unit}s, {cause}"
    spans: list[list[int]] = []
    for row_no, _ in rows:
        if spans and row_no == spans[-1][1] + 1:
            spans[-1][1] = row_no
        else:
            spans.append([row_no, row_no])
    shown = [f"{a}" if a == b else f"{a}-{b}" for a, b in spans[:10]]
    more = ", ..." if len(spans) > 10 else ""
    return f"{source} {unit}s {', '.join(shown)}{more} ({len(rows)} {unit}s), {cause}"


def _rows_to_check(
    table: pd.DataFrame, schema: dict[str, Any], outlets: Collection[str]
) -> np.ndarray:
    """Rows that may break the schema or :func:`_check_row`, or share their doc_id (see
    :mod:`framelab.ingest.row_screen`); every other row is valid, so only these are checked one by
    one."""
    flagged = rows_to_validate(table, schema)
    if "outlet" in table.columns:
        outlet = table["outlet"]
        flagged |= (outlet.ne("") & ~outlet.isin(list(outlets))).to_numpy(dtype=bool)
    if "doc_id" in table.columns:
        doc_id = table["doc_id"]
        flagged |= (doc_id.ne("") & doc_id.duplicated(keep=False)).to_numpy(dtype=bool)
    if "date" in table.columns and "date_precision" in table.columns:
        pairs = list(column_rows(table, list(_DATE_KEYS)))
        bad = {pair for pair in set(pairs) if _check_row(_date_record(pair), ())}
        if bad:
            flagged |= np.fromiter((pair in bad for pair in pairs), dtype=bool, count=len(pairs))
    return flagged


def _date_record(pair: tuple[str, str]) -> dict[str, str]:
    return {key: value for key, value in zip(_DATE_KEYS, pair, strict=True) if value != ""}


def resolve_inside(
    base: Path, relative: str, *, where: str, folders: dict[str, str] | None = None
) -> Path:
    """Resolve ``relative`` under ``base``, refusing absolute paths and escapes (``../``).

    ``folders`` remembers resolved folders across calls (see :func:`real_path`).

    Raises
    ------
    InputError
        If the path is absolute or leaves ``base``.
    """
    posix = relative.replace("\\", "/")
    parts = [part for part in posix.split("/") if part not in ("", ".")]
    if posix.startswith("/") or os.path.isabs(relative) or ".." in parts:
        raise InputError(
            f"{where}, column 'path': {relative!r} leaves the data folder {str(base)!r}; "
            "give a path relative to the metadata file without '..'"
        )
    folders = {} if folders is None else folders
    real_base = real_folder(base, folders)
    resolved = real_path(os.path.join(base, *parts), folders)
    if resolved != real_base and not resolved.startswith(real_base.rstrip("/") + "/"):
        raise InputError(
            f"{where}, column 'path': {relative!r} resolves outside {str(base)!r} (a link?)"
        )
    return Path(resolved)


def real_path(path: str | Path, folders: dict[str, str]) -> str:
    """``os.path.realpath(path)`` (what :meth:`Path.resolve` gives), each folder resolved once.

    ``folders`` maps folders to their real paths and is filled as paths are resolved (see
    :func:`real_folder`); a file that is itself a link is still followed. Resolving 100,000
    listed files this way takes a fraction of a second instead of seconds, as their few
    folders are not walked again.
    """
    head, name = os.path.split(path)
    if name in ("", ".", ".."):
        return os.path.realpath(path)
    joined = os.path.join(real_folder(head, folders), name)
    return os.path.realpath(joined) if os.path.islink(joined) else joined


def real_folder(folder: str | Path, folders: dict[str, str]) -> str:
    """``os.path.realpath(folder)``, remembered in ``folders``."""
    key = os.fspath(folder)
    real = folders.get(key)
    if real is None:
        real = folders[key] = os.path.realpath(key)
    return real


def _check_row(record: dict[str, str], outlets: Collection[str]) -> list[str]:
    """Checks the schema cannot express: known outlet, a real date matching its precision.
    Each problem is ``column '<name>': <what is wrong>``."""
    problems = []
    outlet = record.get("outlet")
    if outlet is not None and outlet not in outlets:
        close = difflib.get_close_matches(outlet, list(outlets), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        problems.append(
            f"column 'outlet': {outlet!r} is not in config 'outlets'{hint}; "
            f"declared: {sorted(outlets)}"
        )
    date, precision = record.get("date"), record.get("date_precision")
    if date is not None and precision in _DATE_FORMATS:
        try:
            dt.datetime.strptime(date, _DATE_FORMATS[precision])
        except ValueError:
            problems.append(
                f"column 'date': {date!r} is not a valid date at "
                f"date_precision {precision!r} (expected {_DATE_FORMATS[precision]})"
            )
    return problems
