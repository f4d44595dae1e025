"""What a study's shard plan shows before any job runs: settings that cannot work (refused: a
comparison pair without documents, a single outlet) and valid input that would mislead (warned
about: an outlet without documents, the same document under two ids, dates outside the
plausible years)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from framelab.config import outlets as config_outlets
from framelab.errors import InputError
from framelab.ingest.corpus import documents_per_outlet
from framelab.ingest.duplicates import DUPLICATE_OF
from framelab.ingest.metadata import read_metadata, rows_message

__all__ = ["date_window", "review_plan", "years_outside"]

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
        Warnings: declared outlets without documents, documents whose bytes an earlier
        document has too (marked in the plan, :mod:`framelab.ingest.duplicates`), and dates
        outside config ``corpus.date_window``.

    Raises
    ------
    InputError
        When only one outlet has documents, or ``terms.compare`` names an outlet without
        documents.
    """
    outlets = config_outlets(config)
    compare = config["terms"].get("compare")
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
    numbered = _numbered_rows(plan, config)
    policy = config["corpus"]["duplicates"]
    consequence = {
        "exclude": "the later one is excluded (corpus.duplicates: exclude)",
        "keep": "the text counts twice in every statistic (corpus.duplicates: keep)",
    }.get(policy, "")  # under "error" a duplicate has already stopped the study
    warnings += [
        f"documents {row[DUPLICATE_OF]!r} and {row['doc_id']!r} have the same bytes (SHA-256): "
        + consequence
        for _, row in numbered
        if row.get(DUPLICATE_OF)
    ]
    unit = "line" if str(config["corpus"].get("documents", "")).endswith(".jsonl") else "row"
    warnings += years_outside(numbered, date_window(config), source=_listing(config), unit=unit)
    return warnings


def date_window(config: Mapping[str, Any], *, today: dt.date | None = None) -> tuple[int, int]:
    """Config ``corpus.date_window`` with its open end (null) as the year after ``today``
    (by default the current date)."""
    first, last = config["corpus"]["date_window"]
    if last is None:
        last = (today or dt.date.today()).year + 1
    return first, last


def years_outside(
    numbered: Sequence[tuple[int, Mapping[str, Any]]],
    window: tuple[int, int],
    *,
    source: str,
    unit: str = "row",
) -> list[str]:
    """One warning naming the metadata rows whose date's year is outside ``window``, or
    none; ``numbered`` holds each row with its number, in metadata order."""
    first, last = window
    outside = [
        (number, row["doc_id"])
        for number, row in numbered
        if not first <= int(str(row["date"])[:4]) <= last
    ]
    if not outside:
        return []
    cause = (
        f"column 'date': outside the plausible years {first}-{last} (config "
        "corpus.date_window); a typo? Analysed as given"
    )
    return [rows_message(source, cause, outside, len(numbered), unit=unit)]


def _listing(config: Mapping[str, Any]) -> str:
    return config["corpus"].get("documents") or config["corpus"]["metadata"]


def _numbered_rows(plan: Plan, config: Mapping[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    """The plan's rows with their 1-based numbers in the listing, in listing order: a corpus
    file's rows say where they came from; a metadata table's order is read again (plan rows
    carry no row number, which inserting a row would change in every shard's params)."""
    rows = [row for shard_rows in plan.values() for row in shard_rows]
    if config["corpus"].get("documents"):
        numbered = [(int(str(row["_line"]).split()[-1]), row) for row in rows]
    else:
        order = read_metadata(config["corpus"]["metadata"])["doc_id"].tolist()
        position = {doc_id: i for i, doc_id in enumerate(order, start=1)}
        numbered = [(position[row["doc_id"]], row) for row in rows]
    return sorted(numbered, key=lambda pair: pair[0])
