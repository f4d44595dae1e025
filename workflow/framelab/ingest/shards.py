"""Shard plan: which documents each per-document job reads.

A shard holds documents of ONE outlet, so a shard's own documents are enough to find that
outlet's site templates. Within an outlet a document's shard is a stable hash of its id, so
adding or changing a document changes one shard only, and every other shard's files, and the
work done on them, stay as they are. An outlet with ``n`` documents has
``max(1, round(n / shard_size))`` shards; the count, and with it every shard of that outlet,
changes only when ``n`` crosses a half-way point between multiples of ``shard_size``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

__all__ = ["SHARD_PATTERN", "plan_shards", "shard_count", "shard_id"]

SHARD_PATTERN = r"[a-z0-9_]+-\d{3}"


def shard_count(n_docs: int, shard_size: int) -> int:
    """Number of shards for an outlet with ``n_docs`` documents (at least one)."""
    if shard_size < 1:
        raise ValueError(f"shard_size must be >= 1, got {shard_size}")
    return max(1, round(n_docs / shard_size))


def shard_id(outlet: str, index: int) -> str:
    """The shard's name in file paths, e.g. ``rt-003``."""
    if not re.fullmatch(r"[a-z0-9_]+", outlet):
        raise ValueError(f"outlet id {outlet!r} must be lowercase letters, digits or _")
    return f"{outlet}-{index:03d}"


def plan_shards(documents: Iterable[tuple[str, str]], shard_size: int) -> dict[str, list[int]]:
    """Positions of the documents in each shard, from ``(doc_id, outlet)`` pairs in input order.

    Returns shard ids in sorted order, each with the positions (0-based, ascending) of its
    documents. The plan depends only on each outlet's set of ids, never on their order.
    """
    by_outlet: dict[str, list[tuple[int, str]]] = {}
    for position, (doc_id, outlet) in enumerate(documents):
        by_outlet.setdefault(outlet, []).append((position, doc_id))
    plan: dict[str, list[int]] = {}
    for outlet, members in by_outlet.items():
        n_shards = shard_count(len(members), shard_size)
        for position, doc_id in members:
            shard = shard_id(outlet, _bucket(doc_id, n_shards))
            plan.setdefault(shard, []).append(position)
    return dict(sorted(plan.items()))


def _bucket(doc_id: str, n_shards: int) -> int:
    digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % n_shards
