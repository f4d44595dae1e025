"""Ingest: read every listed document, check it, and return the corpus table and its ledger.

Two input forms: a folder of text files listed in a metadata CSV, or one CSV/JSONL file whose
rows carry the metadata and the text. Both are checked in full before anything is written, and
every problem is reported at once, naming the file, row or line at fault.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from framelab.errors import InputError
from framelab.language import apply_language_policy
from framelab.metadata import METADATA_COLUMNS, read_metadata, resolve_inside, validate_metadata

__all__ = [
    "CORPUS_COLUMNS",
    "LEDGER_COLUMNS",
    "IngestSettings",
    "assign_shards",
    "count_documents",
    "decode_document",
    "ingest",
    "ingest_folder",
    "ingest_table",
]

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class IngestSettings:
    """The ``corpus`` section of the config, as ingest needs it."""

    outlets: frozenset[str]
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

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> IngestSettings:
        """Build from a validated config."""
        corpus = config["corpus"]
        return cls(
            outlets=frozenset(config["outlets"]), language=config.get("language", "en"), **corpus
        )


def ingest(settings: IngestSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the corpus the settings describe.

    Returns
    -------
    corpus : DataFrame
        One row per document with :data:`CORPUS_COLUMNS`, in metadata order.
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
        corpus, ledger = ingest_folder(settings)
    corpus["shard"] = assign_shards(len(corpus), settings.shard_size)
    corpus, ledger = apply_language_policy(
        corpus,
        ledger,
        study_language=settings.language,
        policy=settings.other_languages,
        min_probability=settings.language_min_probability,
    )
    if corpus.empty:
        raise InputError(
            "no documents left: every document was excluded as not in the study language "
            f"{settings.language!r} (config language, corpus.other_languages)"
        )
    return corpus[CORPUS_COLUMNS], ledger[LEDGER_COLUMNS]


def count_documents(settings: IngestSettings) -> int:
    """Number of documents listed, without reading their text (to plan shards)."""
    if settings.documents:
        return len(_read_table_rows(Path(settings.documents), settings.text_column))
    return len(read_metadata(settings.metadata))


def assign_shards(n_docs: int, shard_size: int) -> list[int]:
    """Shard index of each document in input order: consecutive blocks of ``shard_size``.

    Shards follow the listed order (before any document is excluded), so appending documents
    changes only the last shard and excluding one never moves the others.
    """
    return [i // shard_size for i in range(n_docs)]


def decode_document(data: bytes, *, encoding: str, where: str, max_bytes: int) -> str:
    """Decode one document's bytes, refusing empty, binary, oversized and undecodable input.

    Raises
    ------
    InputError
        Naming ``where`` and, for undecodable bytes, the byte offset and the fix.
    """
    if len(data) > max_bytes:
        raise InputError(
            f"{where}: {len(data)} bytes exceeds config corpus.max_bytes ({max_bytes}); "
            "split the document or raise the limit"
        )
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(f"{where}: NUL byte at offset {offset}; this is a binary file, not text")
    if _declared_legacy_but_utf8(data, encoding):
        raise InputError(
            f"{where}: declared encoding {encoding!r}, but the bytes are UTF-8 with non-ASCII "
            "text; decoding them as declared would garble it. Leave the metadata column "
            "'encoding' empty (UTF-8) or correct it"
        )
    try:
        text = data.decode(encoding)
    except LookupError as err:
        raise InputError(f"{where}: unknown encoding {encoding!r}") from err
    except UnicodeDecodeError as err:
        raise InputError(
            f"{where}: bytes at offset {err.start} are not valid {encoding} ({err.reason}); "
            "if the file uses another encoding, name it in the metadata column 'encoding' "
            "(e.g. cp1251)"
        ) from err
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(f"{where}: the document is empty or whitespace only")
    return text


def _declared_legacy_but_utf8(data: bytes, encoding: str) -> bool:
    """Whether a non-UTF-8 encoding is declared for bytes that are UTF-8 beyond ASCII, which
    almost always means the declaration is wrong (cp1251 Cyrillic is never valid UTF-8)."""
    try:
        declared = codecs.lookup(encoding).name
    except LookupError:
        return False  # reported when decoding
    if declared == "utf-8" or data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def ingest_folder(settings: IngestSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read text files listed in a metadata CSV (paths relative to the CSV's folder)."""
    meta_path = Path(settings.metadata)
    table = read_metadata(meta_path)
    validate_metadata(table, outlets=settings.outlets, source=str(meta_path), require_path=True)
    base = meta_path.parent
    problems: list[str] = []
    records, ledger = [], []
    listed: set[Path] = set()
    for row_no, row in enumerate(table.to_dict("records"), start=1):
        where = f"{meta_path} row {row_no} (doc_id {row['doc_id']!r})"
        try:
            file = resolve_inside(base, row["path"], where=where)
        except InputError as err:
            problems.extend(err.problems)
            continue
        listed.add(file)
        if not file.is_file():
            problems.append(f"{where}, column 'path': file {str(base / row['path'])!r} not found")
            continue
        data = file.read_bytes()
        encoding = row.get("encoding") or settings.default_encoding
        try:
            text = decode_document(
                data, encoding=encoding, where=str(base / row["path"]), max_bytes=settings.max_bytes
            )
        except InputError as err:
            problems.extend(err.problems)
            continue
        file_format = _format_of(file)
        if file_format == "html" and not _has_article_text(text):
            problems.append(
                f"{base / row['path']}: HTML without article text (none could be extracted); "
                "check the file or remove its metadata row"
            )
            continue
        records.append(_record(row, text, data) | {"format": file_format})
        ledger.append(_ledger_row(row["doc_id"], row["path"], data, "ingested", ""))
    ledger.extend(_unlisted(Path(settings.raw_dir), base, listed, settings, problems))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(records), pd.DataFrame(ledger, columns=LEDGER_COLUMNS)


def ingest_table(settings: IngestSettings) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a CSV or JSONL file whose rows hold the metadata columns and the text."""
    path = Path(settings.documents or "")
    rows = _read_table_rows(path, settings.text_column)
    table = pd.DataFrame(rows).fillna("").astype(str)
    meta = table.drop(columns=[settings.text_column, "_line"])
    validate_metadata(meta, outlets=settings.outlets, source=str(path), require_path=False)
    problems: list[str] = []
    records, ledger = [], []
    for row in table.to_dict("records"):
        where = f"{path} {row['_line']} (doc_id {row['doc_id']!r}), column {settings.text_column!r}"
        data = row[settings.text_column].encode("utf-8")
        try:
            text = decode_document(
                data, encoding="utf-8", where=where, max_bytes=settings.max_bytes
            )
        except InputError as err:
            problems.extend(err.problems)
            continue
        records.append(_record(row, text, data) | {"format": "text"})
        ledger.append(_ledger_row(row["doc_id"], f"{path}:{row['_line']}", data, "ingested", ""))
    if problems:
        raise InputError(problems)
    return pd.DataFrame(records), pd.DataFrame(ledger, columns=LEDGER_COLUMNS)


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


def _unlisted(
    raw_dir: Path,
    base: Path,
    listed: Collection[Path],
    settings: IngestSettings,
    problems: list[str],
) -> list[dict[str, Any]]:
    """Ledger rows (warn mode) or problems (error mode) for files nobody listed."""
    if not raw_dir.is_dir():
        problems.append(f"{raw_dir}: raw folder not found (config corpus.raw_dir)")
        return []
    rows = []
    for file in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        if any(part.startswith(".") for part in file.relative_to(raw_dir).parts):
            continue
        if file.resolve() in listed:
            continue
        try:
            shown = file.relative_to(base).as_posix()
        except ValueError:
            shown = str(file)
        if settings.unlisted_files == "error":
            problems.append(
                f"{file}: not listed in {settings.metadata}; add a row for it, remove it, or set "
                "config corpus.unlisted_files: warn"
            )
        else:
            log.warning("%s: not listed in %s; skipped", file, settings.metadata)
            data = file.read_bytes()
            rows.append(_ledger_row("", shown, data, "unlisted", "not in metadata; skipped"))
    return rows


def _format_of(file: Path) -> str:
    """``html`` for .html/.htm files (extracted before cleaning), else ``text``."""
    return "html" if file.suffix.lower() in {".html", ".htm"} else "text"


def _has_article_text(html: str) -> bool:
    """Whether any line survives extraction (trafilatura) and the line cleaner's defaults."""
    from framelab.clean import clean_document, extract_html, load_rules  # only for HTML

    return bool(clean_document(extract_html(html), rules=load_rules()).text.strip())


def _record(row: dict[str, str], text: str, data: bytes) -> dict[str, Any]:
    record = {
        column: row.get(column, "") for column in METADATA_COLUMNS if column in CORPUS_COLUMNS
    }
    return record | {"text": text, "n_bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def _ledger_row(doc_id: str, path: str, data: bytes, status: str, reason: str) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "path": path,
        "bytes": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "status": status,
        "reason": reason,
    }
