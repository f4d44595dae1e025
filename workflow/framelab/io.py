"""Files in and out: deterministic, atomic writers (a file is complete or absent, and reruns
are byte-identical), the table and word-list readers every stage shares."""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from framelab.errors import InputError

__all__ = [
    "TEMP_SUFFIX",
    "Paths",
    "atomic_path",
    "file_sha256",
    "remove_stale_temporaries",
    "read_parquet",
    "read_parquets",
    "read_word_list",
    "read_yaml",
    "write_csv",
    "write_parquet",
    "write_text",
]


_UMASK = os.umask(0)
os.umask(_UMASK)

Paths = Sequence[str | Path]
"""The file lists stages take (one path per shard)."""

TEMP_SUFFIX = ".tmp"
"""Every temporary file :func:`atomic_path` makes is named ``.<name>.<random>.tmp``."""


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it into place only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent
    )
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def remove_stale_temporaries(root: str | Path) -> list[Path]:
    """Delete the temporary files a killed writer left under ``root``; return them, sorted.

    :func:`atomic_path` cleans up after itself unless its process is killed (SIGKILL, power
    loss). Call this only while no writer runs under ``root``, e.g. when a locked Snakemake
    run starts.
    """
    root = Path(root)
    stale = sorted(p for p in root.rglob(f".*{TEMP_SUFFIX}") if p.is_file())
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


def write_parquet(table: pd.DataFrame, path: str | Path) -> None:
    """Write a table as Parquet without the pandas index, atomically and reproducibly."""
    arrow = pa.Table.from_pandas(table.reset_index(drop=True), preserve_index=False)
    with atomic_path(path) as tmp:
        pq.write_table(arrow, tmp, compression="zstd", write_statistics=False)


def read_parquet(path: str | Path) -> pd.DataFrame:
    """Read one Parquet table."""
    return pd.read_parquet(path)


def read_parquets(
    paths: list[str] | list[Path], *, where: tuple[str, Collection[object]] | None = None
) -> pd.DataFrame:
    """Read and concatenate Parquet tables in the order given (e.g. shards).

    ``where=(column, values)`` reads only the rows whose ``column`` is one of ``values``,
    without converting the others (e.g. the texts of a few units out of a corpus).
    """
    if where is not None and not where[1]:  # no rows wanted: the columns, none of the rows
        return pq.read_schema(paths[0]).empty_table().to_pandas() if paths else pd.DataFrame()
    filters = None if where is None else [(where[0], "in", sorted(where[1], key=str))]
    if filters is not None:  # an empty table's columns may have no type to filter on
        with_rows = [p for p in paths if pq.ParquetFile(p).metadata.num_rows]
        if not with_rows:
            return pq.read_schema(paths[0]).empty_table().to_pandas() if paths else pd.DataFrame()
        paths = with_rows
    tables = [pd.read_parquet(p, filters=filters) for p in paths]
    return pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()


def write_csv(table: pd.DataFrame, path: str | Path, *, float_digits: int = 6) -> None:
    """Write a CSV with fixed float formatting and ``\\n`` line ends, atomically."""
    with atomic_path(path) as tmp:
        table.to_csv(tmp, index=False, lineterminator="\n", float_format=f"%.{float_digits}g")


def write_text(text: str, path: str | Path) -> None:
    """Write UTF-8 text atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def read_word_list(path: str | Path) -> frozenset[str]:
    """Read one entry per line, lowercased; ``#`` comments and blank lines are skipped.

    Raises
    ------
    InputError
        If the file is missing or lists nothing.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: word list not found")
    lines = path.read_text(encoding="utf-8").splitlines()
    words = frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.lstrip().startswith("#")
    )
    if not words:
        raise InputError(f"{path}: word list is empty")
    return words


def read_yaml(path: str | Path, what: str) -> object:
    """A YAML file's content (``{}`` for an empty file).

    Raises
    ------
    InputError
        If the file is missing (``"<path>: <what> not found"``) or is not valid YAML.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: {what} not found")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise InputError(f"{path}: not valid YAML: {err}") from err
