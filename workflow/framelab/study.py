"""A new study from its corpus listing: what ``framelab init`` writes.

The study config names every outlet the data holds, with its display name exactly as the data
spells it, an id derived from it and a colour from a colour-blind-safe palette, and no targets.
A starter targets lexicon lists, commented out, the corpus's most frequent names as candidate
targets, so that choosing targets is an edit of a few lines.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framelab import ingest
from framelab.cache import REPO
from framelab.errors import InputError
from framelab.io import read_word_list

__all__ = [
    "PALETTE",
    "Corpus",
    "candidate_targets",
    "outlet_ids",
    "read_corpus",
    "study_config",
    "targets_lexicon",
]

#: Outlet colours in the order outlets get them: Okabe & Ito's palette without its yellow
#: and black (hard to read as text on white), then Paul Tol's muted palette, then black.
PALETTE = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#332288", "#882255", "#117733", "#999933", "#AA4499", "#44AA99", "#CC6677", "#88CCEE",
    "#DDCC77", "#000000",
]  # fmt: skip

_STOPWORDS = REPO / "data" / "lexicons" / "stopwords-en.txt"
_SAMPLE_DOCS = 2000  # documents read for candidate targets
_TOKEN = r"(?:[A-Z][a-z]+(?:[-'’][A-Za-z][a-z]+)*|[A-Z]{2,5}s?|(?:[A-Z]\.){2,3})"
_NAME = re.compile(rf"(?<![\w.]){_TOKEN}(?: {_TOKEN}){{0,2}}(?![\w-])")
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mr", "mrs", "ms", "dr",
}  # fmt: skip


@dataclass(frozen=True)
class Corpus:
    """A corpus listing as ``framelab init`` reads it.

    Attributes
    ----------
    table : DataFrame
        One row per document: the metadata columns as given (strings).
    texts : list of str
        The text of up to 2,000 documents, evenly spread over the listing.
    metadata, documents : str or None
        The listing file, as the user named it (one of the two).
    raw_dir : str or None
        The folder holding every listed file (a folder corpus only).
    unlisted : list of str
        Files in ``raw_dir`` that no row lists (the listing itself aside).
    text_column : str
        The text column of a one-file corpus.
    """

    table: pd.DataFrame
    texts: list[str]
    metadata: str | None = None
    documents: str | None = None
    raw_dir: str | None = None
    unlisted: tuple[str, ...] = ()
    text_column: str = "text"


def read_corpus(
    *, metadata: str | None = None, documents: str | None = None, text_column: str = "text"
) -> Corpus:
    """Read a corpus listing: a metadata CSV of text files, or a one-file CSV/JSONL corpus.

    Raises
    ------
    InputError
        For a missing or unreadable file, a table without an ``outlet`` column, or a listed
        file that does not exist.
    """
    if (metadata is None) == (documents is None):
        raise InputError("give the corpus as exactly one of --metadata or --documents")
    if documents is not None:
        table = ingest.read_documents(documents, text_column)
        _require_outlets(table, documents)
        texts = table[text_column].tolist()
        return Corpus(table, _sample(texts), documents=documents, text_column=text_column)
    table = ingest.read_metadata(metadata)
    _require_outlets(table, metadata)
    if "path" not in table.columns:
        raise InputError(f"{metadata}: no column 'path' (the text file of each document)")
    base = Path(metadata).parent
    files = [base / path for path in table["path"].tolist()]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise InputError([f"{f}: listed in {metadata} but not found" for f in missing[:20]])
    raw_dir = os.path.commonpath([str(f.parent) for f in files])
    listed = {f.resolve() for f in [*files, Path(metadata)]}
    unlisted = sorted(
        str(f) for f in Path(raw_dir).rglob("*")
        if f.is_file() and not f.name.startswith(".") and f.resolve() not in listed
    )  # fmt: skip
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in _sample(files)]
    return Corpus(table, texts, metadata=metadata, raw_dir=raw_dir, unlisted=tuple(unlisted))


def outlet_ids(names: Iterable[str]) -> dict[str, str]:
    """An id for each outlet name: lowercase letters, digits and ``_``, starting with a letter,
    unique (``"CNN (Web News)"`` -> ``cnn_web_news``)."""
    ids: dict[str, str] = {}
    for name in names:
        base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "outlet"
        base = base if base[0].isalpha() else f"outlet_{base}"
        key, n = base, 1
        while key in ids.values():
            n += 1
            key = f"{base}_{n}"
        ids[name] = key
    return ids


def candidate_targets(
    texts: Sequence[str], *, exclude: Iterable[str] = (), n: int = 10
) -> list[tuple[str, int]]:
    """The ``n`` names that most documents mention, with their document counts.

    A name is a run of one to three capitalised words or acronyms ("Iran", "Donald Trump",
    "U.S."); a single word is not a name where it opens a sentence or is a stopword, month,
    weekday or title. Names in ``exclude`` (e.g. the outlets' own) and names within them are
    left out.

    Returns
    -------
    list of (str, int)
        Most documents first; ties in alphabetical order.
    """
    stopwords = read_word_list(_STOPWORDS) | _CALENDAR
    excluded = [e.lower() for e in exclude]
    counts: Counter[str] = Counter()
    for text in texts:
        found = set()
        for match in _NAME.finditer(text):
            name = match.group(0)
            words = name.split()
            while words and words[0].lower().strip(".") in stopwords:  # "The White House"
                words = words[1:]
            opens = len(words) == len(name.split()) and _opens_sentence(text, match.start())
            if not words or (len(words) == 1 and opens):
                continue
            name = " ".join(words)
            if len(words) == 1 and name.lower().strip(".") in stopwords:
                continue
            if any(name.lower() in e for e in excluded):
                continue
            found.add(name)
        counts.update(found)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def study_config(name: str, corpus: Corpus, *, targets_path: str) -> str:
    """The commented YAML of a new study: corpus, outlets as the data spells them, language,
    and no targets (``targets_path`` holds the candidates)."""
    names = sorted(set(corpus.table["outlet"].tolist()) - {""}, key=str.casefold)
    ids = outlet_ids(names)
    counts = Counter(corpus.table["outlet"].tolist())
    lines = [
        f"# framelab study {name!r}, written by `framelab init`. Every key, its default and its",
        "# meaning: workflow/schemas/config.schema.yaml. Run it with",
        f"#   snakemake --cores 4 --configfile <this file>    (results in results/{name}/)",
        "",
        f"study: {name}",
        "random_state: 20261123",
        f"language: {_study_language(corpus.table)}  # ISO 639-1 code of the analysed text",
        "",
        "corpus:",
    ]
    if corpus.metadata is not None:
        lines += [
            f"  metadata: {_quoted(corpus.metadata)}",
            f"  raw_dir: {_quoted(corpus.raw_dir or '')}  # the folder of the listed files",
        ]
        if corpus.unlisted:
            lines += [
                f"  # {len(corpus.unlisted)} file(s) there are not listed (e.g. "
                f"{Path(corpus.unlisted[0]).name}): warned about, never read",
                "  unlisted_files: warn",
            ]
    else:
        lines += [
            f"  documents: {_quoted(corpus.documents or '')}",
            f"  text_column: {_quoted(corpus.text_column)}",
        ]
    lines += [
        "  # the same bytes under two doc_ids: exclude (the later one) | keep | error",
        "  duplicates: exclude",
        "",
        "# Outlet id: display name as the data spells it, and its colour in every figure.",
        "outlets:",
    ]
    for i, outlet in enumerate(names):
        colour = PALETTE[i % len(PALETTE)]
        lines += [
            f"  {ids[outlet]}:  # {counts[outlet]} documents",
            f"    name: {_quoted(outlet)}",
            f'    colour: "{colour}"',
        ]
    lines += [
        "",
        "# The objects whose treatment the study compares: none yet. Uncomment candidates in",
        f"# {targets_path} and list their names here, e.g. use: [iran, russia].",
        "targets:",
        f"  lexicon: {_quoted(targets_path)}",
        "  use: []",
        "",
        "# Who is quoted is typed with the general lexicon (attributions.parquet says how each",
        "# speaker was typed). To name this corpus's own people, write a file like",
        "# data/seed-corpus/sources.yaml and list it second:",
        "# sources: {lexicon: [data/lexicons/sources.yaml, my-people.yaml]}",
        "",
    ]
    return "\n".join(lines)


def targets_lexicon(name: str, candidates: Sequence[tuple[str, int]], n_read: int) -> str:
    """A starter targets lexicon: each candidate commented out, with how many of the
    ``n_read`` documents read mention it."""
    ids = outlet_ids(c for c, _ in candidates)
    lines = [
        f"# Targets of the study {name!r}: the objects whose treatment it compares.",
        "# Candidates: the names most documents mention (of the "
        f"{n_read:,} read), found by `framelab init`.",
        "# Uncomment the ones to study, give each a label (its name in figures), a description",
        "# and the patterns that find it",
        "# (Python regular expressions, case-insensitive unless written (?-i:...); (?<!\\w) and",
        "# (?!\\w) keep a name from matching inside a longer word), and name them in the",
        "# config's targets.use.",
        "targets:",
    ]
    for candidate, count in candidates:
        pattern = r"\s+".join(re.escape(word) for word in candidate.split())
        lines += [
            f"#  {ids[candidate]}:  # in {count:,} documents",
            f"#    label: {_quoted(candidate)}",
            f"#    description: {_quoted(candidate)}",
            f"#    patterns: ['(?-i:(?<!\\w){pattern}(?!\\w))']",
        ]
    return "\n".join(lines) + "\n"


def _require_outlets(table: pd.DataFrame, source: str) -> None:
    if "outlet" not in table.columns:
        raise InputError(f"{source}: no column 'outlet'; columns are {sorted(table.columns)}")
    if not (table["outlet"] != "").any():
        raise InputError(f"{source}: column 'outlet' is empty in every row")


def _sample(items: Sequence) -> list:  # noqa: ANN401 - texts or paths
    """Up to ``_SAMPLE_DOCS`` items, evenly spread over ``items``."""
    if len(items) <= _SAMPLE_DOCS:
        return list(items)
    step = len(items) / _SAMPLE_DOCS
    return [items[int(i * step)] for i in range(_SAMPLE_DOCS)]


def _study_language(table: pd.DataFrame) -> str:
    """The most common ``language`` of the listing, ``en`` when it gives none."""
    given = [v for v in table.get("language", pd.Series(dtype=str)).tolist() if v]
    return Counter(given).most_common(1)[0][0] if given else "en"


def _opens_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a line or a sentence."""
    before = text[max(0, start - 3) : start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:\n"


def _quoted(value: str) -> str:
    """A YAML scalar that reads back as ``value`` (JSON strings are YAML)."""
    return json.dumps(value, ensure_ascii=False)
