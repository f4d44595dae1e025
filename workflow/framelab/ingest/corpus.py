"""Ingest: read every listed document, check it, and return the corpus table and its ledger.

Two input forms: a folder of text files listed in a metadata CSV, or one CSV/JSONL file whose
rows carry the metadata and the text. What needs no document text (metadata, paths, unlisted
files) is checked by :func:`plan_corpus` before any job runs; each shard's files are then read
and checked by :func:`read_listed`. Every problem is reported at once, naming the file, row or
line at fault. Whether an HTML page holds article text is decided by the cleaner, a later stage,
so the reading functions take it as ``article_text`` (:func:`framelab.clean.article_text`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

import pandas as pd

from framelab.errors import InputError
from framelab.ingest.analysed import EMPTIED
from framelab.ingest.duplicates import (
    DUPLICATE_OF,
    apply_duplicate_policy,
    duplicate_positions,
    duplicate_reason,
)
from framelab.ingest.encodings import decode_document
from framelab.ingest.language import apply_language_policy
from framelab.ingest.metadata import (
    METADATA_COLUMNS,
    complete_metadata,
    read_metadata,
    real_path,
    resolve_inside,
    validate_metadata,
)
from framelab.ingest.shards import plan_shards
from framelab.io import file_sha256
from framelab.tables import column_rows

__all__ = [
    "ArticleText",
    "CORPUS_COLUMNS",
    "FILE_STAMP",
    "TEXT_SHA256",
    "LEDGER_COLUMNS",
    "IngestSettings",
    "assign_shards",
    "decode_document",
    "documents_per_outlet",
    "check_listing",
    "file_stamp",
    "ingest",
    "ingest_table",
    "language_policy",
    "largest_outlets",
    "listed_records",
    "no_documents_left",
    "plan_corpus",
    "read_documents",
    "read_listed",
    "unlisted_ledger",
]

log = logging.getLogger(__name__)

ArticleText = Callable[[str], str]
"""An HTML page -> its article text; a page whose article text is blank is refused."""

CORPUS_COLUMNS = [
    "doc_id",
    "outlet",
    "date",
    "date_precision",
    "title",
    "url",
    "language",
    "translation",
    "evidence",
    "format",
    "language_detected",
    "language_probability",
    "n_bytes",
    "sha256",
    "shard",
    "text",
]
_DETECTED = ("language_detected", "language_probability")
LEDGER_COLUMNS = [
    "doc_id",
    "path",
    "bytes",
    "sha256",
    "language_detected",
    "language_probability",
    "status",
    "reason",
]
#: the column of :func:`check_listing` with each file's :func:`file_stamp`
FILE_STAMP = "_file_stamp"
TEXT_SHA256 = "_text_sha256"  # a one-file corpus's plan rows: the SHA-256 of the text's UTF-8
_LEDGER_READ = [c for c in LEDGER_COLUMNS if c not in _DETECTED]
_CORPUS_READ = [c for c in CORPUS_COLUMNS if c not in ("shard", *_DETECTED)]


@dataclass(frozen=True)
class IngestSettings:
    """The ``corpus`` section of the config, as ingest needs it.

    ``outlet_ids`` holds each spelling of an outlet the data may use (its config id, its
    display name) with the outlet's id.
    """

    outlet_ids: tuple[tuple[str, str], ...]
    language: str = "en"
    metadata: str = "data/metadata.csv"
    raw_dir: str = "data/raw"
    documents: str | None = None
    text_column: str = "text"
    unlisted_files: str = "error"
    default_encoding: str = "utf-8"
    max_bytes: int = 52_428_800
    shard_size: int = 500
    other_languages: str = "exclude"
    language_min_probability: float = 0.9
    duplicates: str = "exclude"
    date_window: tuple[int, int | None] = (1900, None)

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> IngestSettings:
        """Build from a validated config."""
        spellings = {spec["name"]: key for key, spec in config["outlets"].items()}
        spellings |= {key: key for key in config["outlets"]}  # an id wins over a name
        return cls(
            outlet_ids=tuple(sorted(spellings.items())),
            language=config.get("language", "en"),
            **{
                key: tuple(value) if key == "date_window" else value
                for key, value in config["corpus"].items()
            },
        )

    @property
    def outlets(self) -> frozenset[str]:
        """The declared outlet ids."""
        return frozenset(dict(self.outlet_ids).values())

    def completed(self, table: pd.DataFrame) -> pd.DataFrame:
        """``table`` with outlets as ids and date precision and language filled in."""
        return complete_metadata(table, outlet_ids=dict(self.outlet_ids), language=self.language)


def ingest(
    settings: IngestSettings, *, article_text: ArticleText
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the whole corpus the settings describe (what the pipeline's shards hold, at once).

    ``article_text`` decides whether an HTML page holds article text (:func:`read_listed`).

    Returns
    -------
    corpus : DataFrame
        One row per document with :data:`CORPUS_COLUMNS`, in input order.
    ledger : DataFrame
        One row per input file or row with :data:`LEDGER_COLUMNS`.

    Raises
    ------
    InputError
        Listing every problem found, each naming the file, row or line.
    """
    if settings.documents:
        corpus, ledger = ingest_table(settings)
    else:
        rows = listed_records(settings)
        corpus, ledger = read_listed(rows, settings, article_text=article_text)
        ledger = pd.concat([ledger, unlisted_ledger(settings)], ignore_index=True)
    corpus["shard"] = assign_shards(corpus, settings.shard_size)
    corpus, ledger = language_policy(corpus, ledger, settings)
    if corpus.empty:
        raise no_documents_left(settings)
    return corpus, ledger


def plan_corpus(settings: IngestSettings) -> dict[str, list[dict[str, Any]]]:
    """Check everything that needs no document text and plan the shards.

    Run before any job: the metadata (or the corpus table's columns), that every listed path
    stays inside the data folder and exists, and that no file in ``raw_dir`` is unlisted
    (when ``unlisted_files`` is ``error``). Returns each shard's metadata rows, in input
    order (see :func:`framelab.ingest.shards.plan_shards`); for a corpus table, without the text.

    Raises
    ------
    InputError
        Listing every problem found, each naming the file, row or key.
    """
    if settings.documents:
        table = _with_text_digests(_checked_table(settings), settings.text_column)
        records = _marked_duplicates(
            table.drop(columns=[settings.text_column]).to_dict("records"), settings
        )
    else:
        records = listed_records(settings)
    plan = plan_shards(((r["doc_id"], r["outlet"]) for r in records), settings.shard_size)
    return {shard: [records[i] for i in positions] for shard, positions in plan.items()}


def largest_outlets(
    plan: dict[str, list[dict[str, Any]]], outlets: Sequence[str], n: int = 2
) -> list[str]:
    """The ``n`` outlets with the most documents in a :func:`plan_corpus` plan; ties go to the
    outlet declared first in ``outlets``."""
    n_docs = documents_per_outlet(plan)
    return sorted((o for o in outlets if n_docs[o]), key=lambda o: -n_docs[o])[:n]


def documents_per_outlet(plan: dict[str, list[dict[str, Any]]]) -> Counter[str]:
    """How many documents of each outlet a :func:`plan_corpus` plan holds."""
    return Counter(row["outlet"] for rows in plan.values() for row in rows)


def assign_shards(corpus: pd.DataFrame, shard_size: int) -> list[str]:
    """Each document's shard id (see :func:`framelab.ingest.shards.plan_shards`), in row order."""
    shards = [""] * len(corpus)
    plan = plan_shards(zip(corpus["doc_id"], corpus["outlet"], strict=True), shard_size)
    for shard, positions in plan.items():
        for position in positions:
            shards[position] = shard
    return shards


def check_listing(settings: IngestSettings) -> pd.DataFrame:
    """The metadata table of a folder corpus, once its rows and the raw folder are checked,
    with each file's :func:`file_stamp` in the column :data:`FILE_STAMP`.

    Raises
    ------
    InputError
        For invalid metadata, a path that leaves the data folder or is missing, or (with
        ``unlisted_files: error``) a file in ``raw_dir`` that no row lists.
    """
    meta_path = Path(settings.metadata)
    table = settings.completed(read_metadata(meta_path))
    validate_metadata(table, outlets=settings.outlets, source=str(meta_path), require_path=True)
    base = meta_path.parent
    problems: list[str] = []
    listed: set[str] = set()
    stamps: list[str] = []
    folders: dict[str, str] = {}
    for row_no, (doc_id, path) in enumerate(column_rows(table, ["doc_id", "path"]), start=1):
        where = f"{meta_path} row {row_no} (doc_id {doc_id!r})"
        try:
            file = resolve_inside(base, path, where=where, folders=folders)
        except InputError as err:
            problems.extend(err.problems)
            continue
        listed.add(str(file))
        stamps.append(file_stamp(file))
        if not stamps[-1]:
            problems.append(f"{where}, column 'path': file {str(base / path)!r} not found")
    unlisted = unlisted_files(settings, listed, problems, folders=folders)
    if settings.unlisted_files == "error":
        problems.extend(
            f"{file}: not listed in {settings.metadata}; add a row for it, remove it, or set "
            "config corpus.unlisted_files: warn"
            for file in unlisted
        )
    if problems:
        raise InputError(problems)
    return table.assign(**{FILE_STAMP: stamps})


def listed_records(settings: IngestSettings) -> list[dict[str, Any]]:
    """The checked metadata rows of a folder corpus (:func:`check_listing`), in metadata
    order, each later document with the bytes of an earlier one marked by
    :func:`framelab.ingest.duplicates.apply_duplicate_policy`.

    Raises
    ------
    InputError
        As :func:`check_listing`; and for duplicates under ``duplicates: error``.
    """
    return _marked_duplicates(_records(check_listing(settings)), settings)


def _marked_duplicates(
    records: list[dict[str, Any]], settings: IngestSettings
) -> list[dict[str, Any]]:
    """Rows of a folder corpus (file stamps) or of a corpus table (text digests) with their
    duplicates marked, by config ``corpus.duplicates``."""
    if settings.documents:
        later = duplicate_positions(records, size_of=_text_digest, digest_of=_text_digest)
        return apply_duplicate_policy(
            records, later, policy=settings.duplicates, source=settings.documents,
            row_name=lambda i: str(records[i]["_line"]),
        )  # fmt: skip
    base = Path(settings.metadata).parent
    later = duplicate_positions(
        records, size_of=_file_size, digest_of=lambda r: file_sha256(base / r["path"])
    )
    return apply_duplicate_policy(
        records, later, policy=settings.duplicates, source=settings.metadata,
        row_name=lambda i: f"row {i + 1}",
    )  # fmt: skip


def _text_digest(record: dict[str, Any]) -> str:
    return record[TEXT_SHA256]


def _file_size(record: dict[str, Any]) -> str:
    return record[FILE_STAMP].split(":")[0]


def file_stamp(file: str | Path) -> str:
    """``"<bytes>:<modification time in ns>"`` of a regular file (links followed), or ``""``
    when there is none. A shard's rows carry their files' stamps into its ingest job's
    params, so editing a file reruns that shard without 100,000 files being inputs of the
    workflow (Snakemake checks every input of a ready job before each scheduling step)."""
    try:
        stat = os.stat(file)
    except OSError:
        return ""
    return f"{stat.st_size}:{stat.st_mtime_ns}" if S_ISREG(stat.st_mode) else ""


def read_listed(
    rows: list[dict[str, Any]], settings: IngestSettings, *, article_text: ArticleText
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check the files of checked metadata rows (one shard's, or all).

    Every problem is reported at once, naming the file: empty, binary, oversized, undecodable
    or wrongly declared bytes, and HTML pages where ``article_text`` finds nothing.
    """
    base = Path(settings.metadata).parent
    problems: list[str] = []
    records, ledger = [], []
    for row in rows:
        file = base / row["path"]
        planned = row.get(FILE_STAMP)
        if planned and (current := file_stamp(file)) != planned:
            problems.append(
                f"{file}: changed after the run was planned (size:mtime {planned} -> "
                f"{current or 'gone'}); run again"
            )
            continue
        data = file.read_bytes()
        encoding = row.get("encoding") or settings.default_encoding
        try:
            text = decode_document(
                data, encoding=encoding, where=str(file), max_bytes=settings.max_bytes
            )
        except InputError as err:
            problems.extend(err.problems)
            continue
        file_format = _format_of(file)
        if file_format == "html" and not article_text(text).strip():
            problems.append(
                f"{file}: HTML without article text (none could be extracted); "
                "check the file or remove its metadata row"
            )
            continue
        status, reason = _duplicate_status(row, settings.duplicates)
        if status == "ingested":
            records.append(_record(row, text, data) | {"format": file_format})
        ledger.append(_ledger_row(row["doc_id"], row["path"], data, status, reason))
    if problems:
        raise InputError(problems)
    return _read_tables(records, ledger)


def language_policy(
    corpus: pd.DataFrame, ledger: pd.DataFrame, settings: IngestSettings
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Detect each document's language and apply ``other_languages`` (exclude or keep)."""
    corpus, ledger = apply_language_policy(
        corpus,
        ledger,
        study_language=settings.language,
        policy=settings.other_languages,
        min_probability=settings.language_min_probability,
    )
    return corpus[CORPUS_COLUMNS].reset_index(drop=True), ledger[LEDGER_COLUMNS]


def no_documents_left(settings: IngestSettings, ledger: pd.DataFrame | None = None) -> InputError:
    """The error for a corpus none of whose documents is left to analyse; ``ledger`` (when
    given) says why each was excluded."""
    if ledger is None or not ledger["reason"].eq(EMPTIED).any():
        return InputError(
            "no documents left: every document was excluded as not in the study language "
            f"{settings.language!r} (config language, corpus.other_languages)"
            + (" or as a duplicate" if ledger is not None else "")
        )
    return InputError(
        "no documents left: cleaning removed every line of every document that was not "
        "excluded; see corpus/ledger.csv and clean/removed_lines.csv"
    )


def unlisted_ledger(settings: IngestSettings) -> pd.DataFrame:
    """Ledger rows for files in ``raw_dir`` that no metadata row lists (``warn`` mode)."""
    if settings.documents:
        return pd.DataFrame(columns=_LEDGER_READ)
    table = read_metadata(Path(settings.metadata))
    base = Path(settings.metadata).parent
    folders: dict[str, str] = {}
    listed = {real_path(base / p, folders) for p in table["path"]}
    rows = []
    for file in unlisted_files(settings, listed, [], folders=folders):
        log.warning("%s: not listed in %s; skipped", file, settings.metadata)
        try:
            shown = file.relative_to(base).as_posix()
        except ValueError:
            shown = str(file)
        data = file.read_bytes()
        rows.append(_ledger_row("", shown, data, "unlisted", "not in metadata; skipped"))
    return pd.DataFrame(rows, columns=_LEDGER_READ)


def ingest_table(settings: IngestSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a CSV or JSONL file whose rows hold the metadata columns and the text."""
    path = Path(settings.documents or "")
    table = _with_text_digests(_checked_table(settings), settings.text_column)
    rows = _marked_duplicates(table.to_dict("records"), settings)
    problems: list[str] = []
    records, ledger = [], []
    for row in rows:
        where = f"{path} {row['_line']} (doc_id {row['doc_id']!r}), column {settings.text_column!r}"
        data = row[settings.text_column].encode("utf-8")
        try:
            text = decode_document(
                data, encoding="utf-8", where=where, max_bytes=settings.max_bytes
            )
        except InputError as err:
            problems.extend(err.problems)
            continue
        status, reason = _duplicate_status(row, settings.duplicates)
        if status == "ingested":
            records.append(_record(row, text, data) | {"format": "text"})
        ledger.append(_ledger_row(row["doc_id"], f"{path}:{row['_line']}", data, status, reason))
    if problems:
        raise InputError(problems)
    return _read_tables(records, ledger)


def _read_tables(
    records: list[dict[str, Any]], ledger: list[dict[str, Any]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Corpus and ledger of documents as read: no shard or detected language yet."""
    return pd.DataFrame(records, columns=_CORPUS_READ), pd.DataFrame(ledger, columns=_LEDGER_READ)


def _with_text_digests(table: pd.DataFrame, text_column: str) -> pd.DataFrame:
    """``table`` with each row's text digest (:data:`TEXT_SHA256`), which duplicates share."""
    digests = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in table[text_column]]
    return table.assign(**{TEXT_SHA256: digests})


def _checked_table(settings: IngestSettings) -> pd.DataFrame:
    """The corpus table's rows (all strings, ``_line`` saying where each came from), once
    its metadata columns are valid."""
    path = Path(settings.documents or "")
    table = settings.completed(read_documents(path, settings.text_column))
    meta = table.drop(columns=[settings.text_column, "_line"])
    validate_metadata(meta, outlets=settings.outlets, source=str(path), require_path=False)
    return table


def read_documents(path: str | Path, text_column: str = "text") -> pd.DataFrame:
    """A one-file corpus (CSV or JSONL) as read: strings, ``""`` for missing cells, and
    ``_line`` saying where each row came from.

    Raises
    ------
    InputError
        For a missing or unreadable file, a JSONL line that is not a JSON object, no rows, or
        no ``text_column``.
    """
    return pd.DataFrame(_read_table_rows(Path(path), text_column)).fillna("").astype(str)


def _read_table_rows(path: Path, text_column: str) -> list[dict[str, str]]:
    """Rows of a CSV/JSONL corpus file, each with ``_line`` saying where it came from."""
    if not path.is_file():
        raise InputError(f"{path}: corpus file not found (config corpus.documents)")
    if path.suffix == ".jsonl":
        rows = _read_jsonl(path)
    else:
        try:
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, UnicodeDecodeError) as err:
            raise InputError(f"{path}: not a readable UTF-8 CSV table: {err}") from err
        rows = [{**r, "_line": f"row {i}"} for i, r in enumerate(frame.to_dict("records"), 1)]
    if not rows:
        raise InputError(f"{path}: no documents")
    if text_column not in rows[0]:
        raise InputError(
            f"{path}: no text column {text_column!r} (config corpus.text_column); "
            f"columns are {sorted(k for k in rows[0] if k != '_line')}"
        )
    return rows


def _read_jsonl(path: Path) -> list[dict[str, str]]:
    rows, problems = [], []
    with open(path, encoding="utf-8", errors="strict") as handle:
        try:
            lines = list(handle)
        except UnicodeDecodeError as err:
            raise InputError(f"{path}: not valid UTF-8 at byte {err.start}") from err
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(
                f"{path} line {line_no}: not valid JSON ({err.msg}, column {err.colno})"
            )
            continue
        if not isinstance(value, dict):
            problems.append(
                f"{path} line {line_no}: expected a JSON object, got {type(value).__name__}"
            )
            continue
        rows.append(
            {k: "" if v is None else str(v) for k, v in value.items()}
            | {"_line": f"line {line_no}"}
        )
    if problems:
        raise InputError(problems)
    return rows


def unlisted_files(
    settings: IngestSettings,
    listed: Collection[str],
    problems: list[str],
    *,
    folders: dict[str, str] | None = None,
) -> list[Path]:
    """Files in ``raw_dir`` (hidden ones, those in hidden folders and the metadata table
    aside) whose resolved path is not among the ``listed`` ones, sorted. Links to folders are
    not followed.

    ``folders`` remembers resolved folders (see :func:`framelab.ingest.metadata.real_path`).
    """
    raw_dir = Path(settings.raw_dir)
    if not raw_dir.is_dir():
        problems.append(f"{raw_dir}: raw folder not found (config corpus.raw_dir)")
        return []
    folders = {} if folders is None else folders
    listed = {*listed, real_path(settings.metadata, folders)}  # the listing is no document
    found = []
    for folder, subfolders, names in os.walk(raw_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            file = os.path.join(folder, name)
            if (
                not name.startswith(".")
                and real_path(file, folders) not in listed
                and os.path.isfile(file)
            ):
                found.append(Path(file))
    return sorted(found)


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    """``table.to_dict("records")`` for a table of strings, read a column at a time
    (:func:`framelab.tables.column_rows`; pandas boxes each cell: a second of the run's
    planning at 100,000 rows)."""
    columns = list(table.columns)
    return [dict(zip(columns, row, strict=True)) for row in column_rows(table, columns)]


def _format_of(file: Path) -> str:
    """``html`` for .html/.htm files (extracted before cleaning), else ``text``."""
    return "html" if file.suffix.lower() in {".html", ".htm"} else "text"


def _record(row: dict[str, str], text: str, data: bytes) -> dict[str, Any]:
    record = {
        column: row.get(column, "") for column in METADATA_COLUMNS if column in CORPUS_COLUMNS
    }
    return record | {"text": text, "n_bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _duplicate_status(row: dict[str, Any], policy: str) -> tuple[str, str]:
    """The ledger status and reason of a read document: ``ingested`` unless it repeats an
    earlier document's bytes and ``policy`` excludes it."""
    first = row.get(DUPLICATE_OF)
    if not first:
        return "ingested", ""
    return ("excluded" if policy == "exclude" else "ingested"), duplicate_reason(first, policy)


def _ledger_row(doc_id: str, path: str, data: bytes, status: str, reason: str) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "path": path,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "status": status,
        "reason": reason,
    }
