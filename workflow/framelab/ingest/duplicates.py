"""Documents with the same bytes: found before any job runs, then excluded, kept or refused by
config ``corpus.duplicates``.

The later document in metadata order repeats the earlier one. Its metadata row carries the
earlier one's doc_id in :data:`DUPLICATE_OF`, so the shard job that reads it writes the ledger
row that says so (excluded, or kept and flagged) without looking at other shards' files.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from framelab.errors import InputError

__all__ = [
    "DUPLICATE_OF",
    "DUPLICATE_POLICIES",
    "apply_duplicate_policy",
    "duplicate_positions",
    "duplicate_reason",
]

DUPLICATE_OF = "_duplicate_of"
"""The metadata-row key naming the earlier document whose bytes a row's document repeats."""
DUPLICATE_POLICIES = ("exclude", "keep", "error")


def duplicate_positions(
    records: Sequence[dict[str, Any]],
    *,
    size_of: Callable[[dict[str, Any]], str],
    digest_of: Callable[[dict[str, Any]], str],
) -> dict[int, int]:
    """Each later document's position -> the position of the first with the same bytes.

    Parameters
    ----------
    records : sequence of dict
        Metadata rows in metadata order.
    size_of : callable
        A cheap key that equal bytes share (the file size); only rows sharing it are hashed.
    digest_of : callable
        The SHA-256 of a row's bytes.
    """
    by_size: dict[str, list[int]] = defaultdict(list)
    for position, record in enumerate(records):
        by_size[size_of(record)].append(position)
    first_of: dict[str, int] = {}
    later: dict[int, int] = {}
    for positions in by_size.values():
        if len(positions) < 2:
            continue
        for position in positions:
            digest = digest_of(records[position])
            if digest in first_of:
                later[position] = first_of[digest]
            else:
                first_of[digest] = position
    return dict(sorted(later.items()))


def apply_duplicate_policy(
    records: list[dict[str, Any]],
    later: dict[int, int],
    *,
    policy: str,
    source: str,
    row_name: Callable[[int], str],
) -> list[dict[str, Any]]:
    """``records`` with each later duplicate marked (:data:`DUPLICATE_OF`), or an error.

    Parameters
    ----------
    records : list of dict
        Metadata rows in metadata order.
    later : dict of int to int
        From :func:`duplicate_positions`.
    policy : {"exclude", "keep", "error"}
        Config ``corpus.duplicates``.
    source : str
        The listing's file name, for messages.
    row_name : callable
        A position -> how messages name its row (``"row 3"``, ``"line 3"``).

    Raises
    ------
    InputError
        With ``policy="error"``, one line per duplicate naming both rows and doc_ids.
    """
    if policy not in DUPLICATE_POLICIES:
        raise ValueError(f"corpus.duplicates must be one of {DUPLICATE_POLICIES}, got {policy!r}")
    if policy == "error" and later:
        raise InputError(
            [
                f"{source} {row_name(position)} (doc_id {records[position]['doc_id']!r}) has "
                f"the same bytes (SHA-256) as {row_name(first)} (doc_id "
                f"{records[first]['doc_id']!r}); remove one, or set config corpus.duplicates: "
                "exclude (the later one) or keep"
                for position, first in later.items()
            ]
        )
    marked = list(records)
    for position, first in later.items():
        marked[position] = {**records[position], DUPLICATE_OF: records[first]["doc_id"]}
    return marked


def duplicate_reason(first: str, policy: str) -> str:
    """The ledger's reason for a document whose bytes ``first`` has too."""
    verb = "excluded" if policy == "exclude" else "kept: its text counts twice"
    return (
        f"same bytes (SHA-256) as {first!r}, listed earlier; {verb} (corpus.duplicates: {policy})"
    )
