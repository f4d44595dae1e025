"""Map spelling variants of entities to one canonical id ("Suleimani" -> ``qasem_soleimani``).

Forms are matched on word boundaries (no letter, digit or underscore on either side),
case-insensitively unless a form is flagged ``case_sensitive``; where forms overlap the longest
one wins, and matching runs left to right without overlaps, so the result is deterministic.
Normalised text replaces each mention by its canonical id, e.g. "Qassem Suleimani was killed"
-> "qasem_soleimani was killed".
"""

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from framelab.errors import InputError
from framelab.regex_tools import WordStarts, first_char_alternation, first_run

__all__ = [
    "DEFAULT_ENTITIES_PATH",
    "ENTITY_MENTION_COLUMNS",
    "EntityLexicon",
    "EntityMention",
    "load_entities",
    "normalise_entities",
    "replace_mentions",
    "replace_stored_mentions",
]

DEFAULT_ENTITIES_PATH: Path = Path(__file__).resolve().parents[3] / "data/lexicons/entities.yaml"
ENTITY_MENTION_COLUMNS = ["doc_id", "surface", "entity", "start", "end"]
"""The columns of a table of :class:`EntityMention` records (the clean stage's entities)."""
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_HYPHENS = "-\u2010\u2011\u2012\u2013"
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class EntityMention:
    """One entity mention in a text.

    Attributes
    ----------
    doc_id : str
    surface : str
        The text as written.
    entity : str
        Canonical id, e.g. ``qasem_soleimani``.
    start, end : int
        Offsets of the mention in the input text (``text[start:end] == surface``).
    """

    doc_id: str
    surface: str
    entity: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityLexicon:
    """Canonical entities and their compiled surface forms.

    Attributes
    ----------
    labels : tuple of (str, str)
        ``(id, label)`` per entity, in file order.
    forms : tuple of (str, str, bool)
        ``(form, id, case_sensitive)`` per surface form.
    pattern : re.Pattern
        One alternation of all forms, longest first.
    """

    labels: tuple[tuple[str, str], ...]
    forms: tuple[tuple[str, str, bool], ...]
    pattern: re.Pattern[str]
    _exact: dict[str, str] = field(init=False, repr=False, compare=False)
    _folded: dict[str, str] = field(init=False, repr=False, compare=False)
    _starts: WordStarts | None = field(init=False, repr=False, compare=False)
    _marks: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for form, entity, case_sensitive in self.forms:  # the first form of a key wins
            if case_sensitive:
                exact.setdefault(_key(form), entity)
            else:
                folded.setdefault(_key(form).lower(), entity)
        object.__setattr__(self, "_exact", exact)
        object.__setattr__(self, "_folded", folded)
        runs = {first_run(form) for form, _, _ in self.forms} - {""}
        starts = WordStarts([(run, False) for run in runs]) if runs else None
        others = "".join(sorted({form[0] for form, _, _ in self.forms if not first_run(form)}))
        marks = re.compile(f"[{re.escape(others)}]", re.IGNORECASE) if others else None
        object.__setattr__(self, "_starts", starts)
        object.__setattr__(self, "_marks", marks)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of :attr:`pattern` in ``text``, as ``pattern.finditer`` gives them.

        The pattern is tried only where a form can start: at the words that a form's first
        run of word characters fits (:class:`WordStarts`), and at the first character of
        each form that does not start with a word character. That finds the same matches
        faster than trying every position.
        """
        end = 0
        for start in self._candidate_starts(text):
            if start < end:
                continue
            match = self.pattern.match(text, start)
            if match:
                end = match.end()
                yield match

    def _candidate_starts(self, text: str) -> Iterator[int]:
        words = (start for start, _ in self._starts.finditer(text)) if self._starts else ()
        marks = (mark.start() for mark in self._marks.finditer(text)) if self._marks else ()
        return heapq.merge(words, marks)

    def entity_of(self, surface: str) -> str:
        """Canonical id of a matched surface form: a case-sensitive form first, then any."""
        key = _key(surface)
        entity = self._exact.get(key) or self._folded.get(key.lower())
        if entity is None:
            raise KeyError(f"{surface!r} is not a form of any entity")
        return entity


def _key(text: str) -> str:
    text = _SPACE_RE.sub(" ", text)
    for hyphen in _HYPHENS[1:]:
        text = text.replace(hyphen, "-")
    return text


def _form_regex(form: str, case_sensitive: bool) -> str:
    parts = []
    for ch in form:
        if ch.isspace():
            parts.append(r"\s+")
        elif ch in _HYPHENS:
            parts.append(f"[{_HYPHENS}]")
        else:
            parts.append(re.escape(ch))
    body = "".join(parts)
    return body if case_sensitive else f"(?i:{body})"


def _parse_form(path: Path, entity: str, index: int, raw: Any) -> tuple[str, bool]:
    if isinstance(raw, str):
        return raw, False
    if isinstance(raw, dict) and isinstance(raw.get("form"), str):
        unknown = set(raw) - {"form", "case_sensitive"}
        if unknown:
            raise InputError(
                f"{path}: entities.{entity}.forms[{index}] has unknown keys {sorted(unknown)}; "
                "allowed are ['case_sensitive', 'form']"
            )
        return raw["form"], bool(raw.get("case_sensitive", False))
    raise InputError(
        f"{path}: entities.{entity}.forms[{index}] must be a string or "
        f"{{form: ..., case_sensitive: ...}}, got {raw!r}"
    )


def load_entities(path: str | Path | None = None) -> EntityLexicon:
    """Load an entity lexicon.

    Parameters
    ----------
    path : str or Path, optional
        YAML file with an ``entities`` mapping; default :data:`DEFAULT_ENTITIES_PATH`.

    Returns
    -------
    EntityLexicon

    Raises
    ------
    InputError
        If the file is missing or malformed, or one form belongs to two entities.
    """
    path = Path(path) if path is not None else DEFAULT_ENTITIES_PATH
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read the entity lexicon ({err})") from err
    if not isinstance(data, dict) or not isinstance(data.get("entities"), dict):
        raise InputError(f"{path}: expected a top-level mapping 'entities: {{id: ...}}'")
    labels, forms, seen = [], [], {}
    for entity, spec in data["entities"].items():
        if not isinstance(entity, str) or not _ID_RE.match(entity):
            raise InputError(f"{path}: entity id {entity!r} must be snake_case ([a-z][a-z0-9_]*)")
        if not isinstance(spec, dict) or not isinstance(spec.get("forms"), list):
            raise InputError(f"{path}: entities.{entity} needs a 'forms' list")
        labels.append((entity, str(spec.get("label", entity))))
        for i, raw in enumerate(spec["forms"]):
            form, case_sensitive = _parse_form(path, entity, i, raw)
            key = _key(form) if case_sensitive else _key(form).lower()
            if (key, case_sensitive) in seen and seen[key, case_sensitive] != entity:
                raise InputError(
                    f"{path}: form {form!r} of {entity!r} is already a form of "
                    f"{seen[key, case_sensitive]!r}"
                )
            seen[key, case_sensitive] = entity
            forms.append((form, entity, case_sensitive))
    if not forms:
        raise InputError(f"{path}: the entity lexicon has no forms")
    ordered = sorted(forms, key=lambda f: (-len(f[0]), f[0]))
    alternation = first_char_alternation(
        [(form[0], _form_regex(form, cs)) for form, _, cs in ordered]
    )
    pattern = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    return EntityLexicon(labels=tuple(labels), forms=tuple(ordered), pattern=pattern)


def normalise_entities(
    text: str, lexicon: EntityLexicon, *, doc_id: str = "-"
) -> tuple[str, list[EntityMention]]:
    """Replace every entity mention by its canonical id.

    Parameters
    ----------
    text : str
    lexicon : EntityLexicon
    doc_id : str, default="-"

    Returns
    -------
    text : str
        The text with mentions replaced by canonical ids.
    mentions : list of EntityMention
        In order of appearance, offsets into the input text.
    """
    mentions = [
        EntityMention(doc_id, match.group(0), lexicon.entity_of(match.group(0)), *match.span())
        for match in lexicon.finditer(text)
    ]
    return replace_mentions(text, mentions), mentions


def replace_mentions(text: str, mentions: Iterable[EntityMention]) -> str:
    """``text`` with each of its mentions, found earlier, replaced by its canonical id.

    Gives what :func:`normalise_entities` gives without searching again, e.g. from the
    mentions the clean stage stored. Mentions must be in order, without overlaps.

    Raises
    ------
    ValueError
        If a mention's offsets do not hold its surface form in ``text`` (naming the document).
    """
    out: list[str] = []
    last = 0
    for mention in mentions:
        if mention.start < last or text[mention.start : mention.end] != mention.surface:
            raise ValueError(
                f"{mention.doc_id}: entity mention {mention.surface!r} at "
                f"{mention.start}-{mention.end} does not match the text"
            )
        out.append(text[last : mention.start])
        out.append(mention.entity)
        last = mention.end
    out.append(text[last:])
    return "".join(out)


def replace_stored_mentions(docs: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """``docs`` with the entity mentions the clean stage found in each text replaced by their
    canonical ids: the text :func:`normalise_entities` gives, without searching again.

    ``mentions`` has the :data:`ENTITY_MENTION_COLUMNS`, in text order within a document.
    """
    found: dict[str, list[EntityMention]] = {}
    for row in zip(*(mentions[c].tolist() for c in ENTITY_MENTION_COLUMNS), strict=True):
        found.setdefault(row[0], []).append(EntityMention(*row))
    texts = [
        replace_mentions(text, found.get(doc_id, ()))
        for doc_id, text in zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True)
    ]
    return docs.assign(text=texts)
