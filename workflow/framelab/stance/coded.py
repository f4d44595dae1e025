"""A study's own coded mentions: the rows of a ``framelab stance-sample`` sheet that a coder
has labelled, read back as labelled mentions (sentence, span of the mention, label) that the
model can learn from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framelab.errors import InputError
from framelab.stance.model import CLASSES
from framelab.stance.sampling import normalise_label

__all__ = ["CODED_REQUIRED", "CodedMentions", "coded_mentions", "read_coded_mentions"]

#: Columns of a sample sheet that the refit reads; ``context`` marks the mention ``[[...]]``.
CODED_REQUIRED = ("doc_id", "target", "sentence", "context", "coder_label")


@dataclass(frozen=True)
class CodedMentions:
    """The coded rows of a sample sheet, in sheet order.

    ``rows`` are the 1-based sheet rows (CSV line = row + 1); ``n_uncoded`` counts the rows
    left blank, which are not used.
    """

    source: str
    rows: tuple[int, ...]
    doc_ids: tuple[str, ...]
    targets: tuple[str, ...]
    sentences: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    labels: tuple[str, ...]
    n_uncoded: int

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self, keep: list[int]) -> CodedMentions:
        """The mentions at positions ``keep`` (in that order)."""

        def pick(values: tuple) -> tuple:
            return tuple(values[i] for i in keep)

        return CodedMentions(
            self.source, pick(self.rows), pick(self.doc_ids), pick(self.targets),
            pick(self.sentences), pick(self.spans), pick(self.labels), self.n_uncoded,
        )  # fmt: skip


def read_coded_mentions(path: str | Path) -> CodedMentions:
    """Read a coded sample sheet (CSV as written by ``framelab stance-sample``).

    Raises
    ------
    InputError
        If the file is missing, or as :func:`coded_mentions`.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: coded stance sheet not found")
    sheet = pd.read_csv(path, keep_default_na=False, dtype=str)
    return coded_mentions(sheet, source=str(path))


def coded_mentions(sheet: pd.DataFrame, *, source: str = "coded sample") -> CodedMentions:
    """The coded rows of a sample sheet as labelled mentions.

    The mention's span is where ``[[`` and ``]]`` mark it in ``context``, which must be the
    ``sentence`` with those two markers added. ``coder_label`` is negative, neutral or
    positive (any case; -1, 0, 1 also); rows with a blank label are skipped and counted.

    Raises
    ------
    InputError
        Naming ``source`` and the missing columns; or each row (1-based, with its CSV line)
        whose label is not allowed or whose context does not mark a mention in its sentence;
        or when no row is coded.
    """
    missing = [c for c in CODED_REQUIRED if c not in sheet.columns]
    if missing:
        raise InputError(f"{source}: missing column(s) {missing}; have {list(sheet.columns)}")
    problems: list[str] = []
    kept: dict[str, list] = {k: [] for k in ("rows", "docs", "targets", "sentences", "spans",
                                             "labels")}  # fmt: skip
    n_uncoded = 0
    for position, record in enumerate(sheet[list(CODED_REQUIRED)].itertuples(index=False)):
        where = f"{source} row {position + 1} (CSV line {position + 2})"
        label = normalise_label(record.coder_label)
        if label == "":
            n_uncoded += 1
            continue
        if label not in CLASSES:
            problems.append(
                f"{where}, column 'coder_label': {record.coder_label!r} is not one of "
                f"{list(CLASSES)} (or -1, 0, 1)"
            )
            continue
        span = _marked_span(str(record.context), str(record.sentence))
        if span is None:
            problems.append(
                f"{where}, column 'context': does not mark one mention of the sentence with [[ ]]"
            )
            continue
        kept["rows"].append(position + 1)
        kept["docs"].append(str(record.doc_id))
        kept["targets"].append(str(record.target))
        kept["sentences"].append(str(record.sentence))
        kept["spans"].append(span)
        kept["labels"].append(label)
    if problems:
        raise InputError(problems[:20])
    if not kept["labels"]:
        raise InputError(
            f"{source}: no coded rows (column 'coder_label' is blank in all {len(sheet)} rows)"
        )
    return CodedMentions(
        source, tuple(kept["rows"]), tuple(kept["docs"]), tuple(kept["targets"]),
        tuple(kept["sentences"]), tuple(kept["spans"]), tuple(kept["labels"]), n_uncoded,
    )  # fmt: skip


def _marked_span(context: str, sentence: str) -> tuple[int, int] | None:
    """``(start, end)`` of the mention ``context`` marks ``[[...]]`` in ``sentence``."""
    start = context.find("[[")
    end = context.find("]]", start + 2) - 2 if start >= 0 else -1
    if start < 0 or end <= start:
        return None
    if context[:start] + context[start + 2 : end + 2] + context[end + 4 :] != sentence:
        return None
    return start, end
