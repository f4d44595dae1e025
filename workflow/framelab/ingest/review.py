"""What a study's shard plan shows before any job runs: settings that cannot work (refused: a
comparison pair without documents, a single outlet) and valid input that would mislead (warned
about: an outlet without documents, the same document under two ids)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from framelab.config import outlets as config_outlets
from framelab.errors import InputError
from framelab.ingest.corpus import FILE_STAMP, TEXT_SHA256, documents_per_outlet

__all__ = ["duplicate_documents", "review_plan"]

Plan = dict[str, list[dict[str, Any]]]


def review_plan(plan: Plan, config: Mapping[str, Any]) -> list[str]:
    """Check a :func:`~framelab.ingest.corpus.plan_corpus` plan against its study.

    Parameters
    ----------
    plan : dict
        Shard -> its documents' metadata rows.
    config : mapping
        The validated study config: its ``outlets``, ``terms.compare`` and
        ``corpus.metadata`` (listed paths are relative to its folder).

    Returns
    -------
    list of str
        Warnings: declared outlets without documents, and documents whose bytes another
        document has too.

    Raises
    ------
    InputError
        When only one outlet has documents, or ``terms.compare`` names an outlet without
        documents.
    """
    outlets = config_outlets(config)
    compare = config["terms"].get("compare")
    base = Path(config["corpus"]["metadata"]).parent
    n_docs = documents_per_outlet(plan)
    if len(n_docs) == 1:
        raise InputError(
            f"only one outlet has documents ({next(iter(n_docs))!r}): framelab compares "
            "outlets, so a study needs the documents of at least two"
        )
    empty = [o for o in outlets if not n_docs[o]]
    missing = [o for o in compare or () if not n_docs[o]]
    if missing:
        raise InputError(
            f"terms.compare: {missing} {'has' if len(missing) == 1 else 'have'} no documents; "
            "compare two outlets that do, or leave terms.compare out (the two with the most "
            "documents)"
        )
    warnings = [
        f"outlet {o!r} ({outlets[o].name}) is declared in the config but has no documents; it is "
        "left out of every comparison"
        for o in empty
    ]
    warnings += [
        f"documents {first!r} and {second!r} have the same bytes (SHA-256): the text counts "
        "twice in every statistic"
        for first, second in duplicate_documents(plan, base)
    ]
    return warnings


def duplicate_documents(plan: Plan, base: str | Path) -> list[tuple[str, str]]:
    """Pairs of doc_ids (in id order) whose texts have the same bytes.

    Listed files are hashed only where another file has the same size (from the plan's file
    stamps); rows of a one-file corpus carry their text's digest (:data:`TEXT_SHA256`).
    """
    rows = sorted((row for rows in plan.values() for row in rows), key=lambda r: r["doc_id"])
    by_size: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_size[row.get(TEXT_SHA256) or row.get(FILE_STAMP, "").split(":")[0]].append(row)
    first_of: dict[str, str] = {}
    pairs = []
    for same in by_size.values():
        if len(same) < 2:
            continue
        for row in same:
            digest = row.get(TEXT_SHA256) or _file_sha256(Path(base) / row["path"])
            if digest in first_of:
                pairs.append((first_of[digest], row["doc_id"]))
            else:
                first_of[digest] = row["doc_id"]
    return sorted(pairs, key=lambda pair: pair[1])


def _file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
