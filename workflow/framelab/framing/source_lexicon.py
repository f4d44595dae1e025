"""The attribution lexicon (``data/lexicons/sources.yaml``): reporting verbs, medium cues and
the source-type rules, and the type a speaker phrase gives by itself.

A phrase is typed in tiers, the first that finds a cue deciding:

1. ``anonymous``: a source unnamed by design ("sources", "a person familiar with");
2. ``names``: people and bodies a study names in its own lexicon (the seed articles' experts);
3. ``roles``: role nouns and titles ("senator", "foreign minister", "Maj. Gen."); where
   several types' roles are found, the one nearest the head noun wins (see
   :func:`phrase_cue`);
4. ``bodies``: institutions, groups and kinds of text ("the Pentagon", "a think tank"),
   chosen as roles are;
5. ``weak``: cues that type a phrase only when nothing else does ("officials").

A phrase without a cue is ``unknown`` here; :mod:`framelab.framing.speakers` then looks for
how the document or the corpus describes the same name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from framelab.cache import REPO
from framelab.errors import InputError
from framelab.io import read_word_list, read_yaml

__all__ = [
    "ANONYMOUS",
    "DEFAULT_LEXICON",
    "PRONOUN_UNRESOLVED",
    "PRONOUNS",
    "SourceLexicon",
    "TIERS",
    "UNKNOWN",
    "TypedCue",
    "bare_pronoun",
    "function_words",
    "is_pronoun",
    "load_source_types",
    "phrase_cue",
    "read_gazetteer",
]

DEFAULT_LEXICON = REPO / "data" / "lexicons" / "sources.yaml"
UNKNOWN = "unknown"
ANONYMOUS = "anonymous"
PRONOUN_UNRESOLVED = "pronoun_unresolved"
TIERS = ("names", "roles", "bodies", "weak")
PRONOUNS = frozenset("he she they it we i you him her them".split())
_CONTRACTION = re.compile(r"[’'](?:s|d|ve|ll|re|m)$", re.IGNORECASE)
_IMPLICIT = {UNKNOWN, PRONOUN_UNRESOLVED, ANONYMOUS}

Rules = tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


@functools.cache
def function_words() -> frozenset[str]:
    """The stopwords of ``data/lexicons/stopwords-en.txt``, pronouns aside."""
    return read_word_list(DEFAULT_LEXICON.parent / "stopwords-en.txt") - PRONOUNS


def bare_pronoun(speaker: str) -> str:
    """``speaker`` lowercased without a contraction ("She’s" -> "she")."""
    return _CONTRACTION.sub("", speaker.strip()).lower()


def is_pronoun(speaker: str) -> bool:
    """True for a pronoun speaker, contracted or not ("he", "she’s", "we've")."""
    return bare_pronoun(speaker) in PRONOUNS


@dataclass(frozen=True)
class SourceLexicon:
    """Reporting verbs, medium cues, anonymity cues and, per tier, ordered ``(type, cues)``."""

    verbs: tuple[str, ...]
    media_nouns: tuple[re.Pattern[str], ...]
    anonymous: tuple[re.Pattern[str], ...]
    tiers: dict[str, Rules]
    descriptions: dict[str, str]

    @functools.cached_property
    def any_cue(self) -> dict[str, re.Pattern[str]]:
        """Per tier, one pattern that matches wherever one of its cues does: most phrases
        have no cue, and one search tells so."""
        groups = {t: [c for _, cues in rules for c in cues] for t, rules in self.tiers.items()}
        groups["anonymous"] = list(self.anonymous)
        return {
            tier: re.compile("|".join(f"(?:{c.pattern})" for c in cues) or r"(?!)", re.IGNORECASE)
            for tier, cues in groups.items()
        }

    @property
    def types(self) -> tuple[str, ...]:
        """Every type a speaker can get, in the lexicon's order, the implicit ones last."""
        named = tuple(self.descriptions)
        return (ANONYMOUS, *named, PRONOUN_UNRESOLVED, UNKNOWN)

    def __hash__(self) -> int:  # the lexicon is read-only once built; its identity will do
        return id(self)


@dataclass(frozen=True)
class TypedCue:
    """The type a phrase gets, the tier that gave it and where the cue ends in the phrase."""

    source_type: str
    tier: str
    end: int


_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def read_gazetteer(path: Path) -> dict[str, str]:
    """A tab-separated gazetteer (a header naming its columns, one entry a row) as one regex
    alternation per column, longest names first, for the ``{{column}}`` of the cues."""
    if not path.is_file():
        raise InputError(f"{path}: gazetteer not found")
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line]
    header, body = rows[0], rows[1:]
    bad = [i + 2 for i, row in enumerate(body) if len(row) != len(header)]
    if bad:
        raise InputError(f"{path}: rows {bad[:5]} do not have the {len(header)} columns {header}")
    return {
        column: "|".join(
            re.escape(name)
            for name in sorted(
                {row[j].strip() for row in body if row[j].strip()}, key=lambda n: (-len(n), n)
            )  # fmt: skip
        )
        for j, column in enumerate(header)
    }


def _compile(
    path: Path, key: str, pattern: object, problems: list[str], names: dict[str, str] | None = None
) -> re.Pattern[str] | None:
    if not isinstance(pattern, str) or not pattern.strip():
        problems.append(f"{path}: {key}: expected a non-empty string, got {pattern!r}")
        return None
    unknown = sorted(set(_PLACEHOLDER.findall(pattern)) - set(names or {}))
    if unknown:
        problems.append(f"{path}: {key}: no gazetteer column {unknown} (see 'gazetteer')")
        return None
    pattern = _PLACEHOLDER.sub(lambda m: f"(?:{(names or {})[m.group(1)]})", pattern)
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        problems.append(f"{path}: {key}: invalid regular expression {pattern!r}: {err}")
        return None


def _patterns(
    path: Path, key: str, raw: object, problems: list[str], names: dict[str, str] | None = None
) -> list[re.Pattern[str]]:
    if not isinstance(raw, list):
        problems.append(f"{path}: {key!r}: expected a list of regular expressions")
        return []
    found = [_compile(path, f"{key}[{i}]", p, problems, names) for i, p in enumerate(raw)]
    return [p for p in found if p is not None]


def load_source_types(
    paths: str | Path | Sequence[str | Path] = DEFAULT_LEXICON,
) -> SourceLexicon:
    """Read and check the attribution lexicon: one file, or a general file followed by a
    study's own (e.g. the people of its corpus).

    A file's cues may name the columns of its ``gazetteer`` (a TSV beside it) as
    ``{{column}}``: ``{{country}}`` stands for every country name it lists.

    A later file adds its ``reporting_verbs``, ``media_nouns`` and ``anonymous`` cues and,
    for each of its ``source_types``, adds the cues of each tier to the type of that name, or
    declares the type after the others.

    Raises
    ------
    InputError
        For a missing file, invalid YAML, a missing or empty ``reporting_verbs`` /
        ``source_types`` (in the first file), a type without cues, an unknown key, a duplicate
        type within a file, a declared implicit type (``unknown``, ``anonymous``,
        ``pronoun_unresolved``), or an invalid regular expression, naming the file and key.
    """
    files = [paths] if isinstance(paths, str | Path) else list(paths)
    lexicon = _read_source_types(Path(files[0]), first=True)
    for path in files[1:]:
        lexicon = _merged(lexicon, _read_source_types(Path(path), first=False))
    return lexicon


def _merged(general: SourceLexicon, study: SourceLexicon) -> SourceLexicon:
    """``general`` with ``study``'s verbs, cues and types added."""
    verbs = sorted(set(general.verbs) | set(study.verbs), key=lambda v: (-len(v), v))
    tiers = {}
    for tier in TIERS:
        rules = {name: cues for name, cues in general.tiers[tier]}
        for name, cues in study.tiers[tier]:
            rules[name] = rules.get(name, ()) + cues
        tiers[tier] = tuple(rules.items())
    descriptions = {**general.descriptions}
    for name, text in study.descriptions.items():
        descriptions[name] = descriptions.get(name) or text
    return SourceLexicon(
        tuple(verbs),
        general.media_nouns + study.media_nouns,
        general.anonymous + study.anonymous,
        tiers,
        descriptions,
    )


def _read_source_types(path: Path, *, first: bool) -> SourceLexicon:
    """One lexicon file; only the ``first`` must give reporting verbs and source types."""
    raw = read_yaml(path, "sources lexicon")
    if not isinstance(raw, dict):
        raise InputError(f"{path}: expected a mapping with 'reporting_verbs' and 'source_types'")
    problems: list[str] = []
    sections = {"reporting_verbs", "media_nouns", "anonymous", "source_types", "gazetteer"}
    unknown_sections = set(raw) - sections
    if unknown_sections:
        problems.append(f"{path}: unknown section(s) {sorted(unknown_sections)}")
    verbs = raw.get("reporting_verbs", None if first else [])
    if not isinstance(verbs, list) or (first and not verbs):
        problems.append(f"{path}: 'reporting_verbs': expected a non-empty list of verbs")
        verbs = []
    for i, verb in enumerate(verbs):
        if not isinstance(verb, str) or not verb.strip():
            problems.append(f"{path}: reporting_verbs[{i}]: expected a non-empty string")
    names = read_gazetteer(path.parent / raw["gazetteer"]) if raw.get("gazetteer") else {}
    media = _patterns(path, "media_nouns", raw.get("media_nouns", []), problems, names)
    anonymous = _patterns(path, "anonymous", raw.get("anonymous", []), problems, names)
    entries = raw.get("source_types", None if first else [])
    if not isinstance(entries, list) or (first and not entries):
        problems.append(f"{path}: 'source_types': expected a non-empty ordered list of types")
        entries = []
    tiers: dict[str, list[tuple[str, tuple[re.Pattern[str], ...]]]] = {t: [] for t in TIERS}
    descriptions: dict[str, str] = {}
    for i, entry in enumerate(entries):
        key = f"source_types[{i}]"
        if not isinstance(entry, dict):
            problems.append(f"{path}: {key}: expected a mapping with 'type' and its cues")
            continue
        unknown_keys = set(entry) - {"type", "description", *TIERS}
        if unknown_keys:
            hint = " ('cues' is now 'names', 'roles', 'bodies' or 'weak')" * ("cues" in entry)
            problems.append(f"{path}: {key}: unknown key(s) {sorted(unknown_keys)}{hint}")
        name = entry.get("type")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{path}: {key}.type: expected a non-empty string")
            continue
        if name in _IMPLICIT:
            problems.append(f"{path}: {key}.type: {name!r} is implicit and may not be declared")
        if name in descriptions:
            problems.append(f"{path}: {key}.type: duplicate type {name!r}")
        descriptions[name] = str(entry.get("description", ""))
        if not any(tier in entry for tier in TIERS):
            problems.append(f"{path}: {key}: give cues under 'names', 'roles', 'bodies' or 'weak'")
        for tier in TIERS:
            if tier in entry:
                cues = _patterns(path, f"{key}.{tier}", entry[tier], problems, names)
                if cues:
                    tiers[tier].append((name, tuple(cues)))
    if problems:
        raise InputError(problems)
    clean_verbs = tuple(sorted({v.strip().lower() for v in verbs}, key=lambda v: (-len(v), v)))
    return SourceLexicon(
        clean_verbs,
        tuple(media),
        tuple(anonymous),
        {tier: tuple(rules) for tier, rules in tiers.items()},
        descriptions,
    )


_HEADED = ("roles", "bodies")


def _named(cue: re.Pattern[str]) -> bool:
    """A cue with a case-sensitive part names a body ("(?-i:NATO|Taliban)") rather than a
    kind of one ("alliance", "movement")."""
    return "(?-i:" in cue.pattern


_HEAD_END = re.compile(r"\s(?:of|for|at|with|in|from|to|by|on|over|who|whose)\s", re.IGNORECASE)


@functools.lru_cache(maxsize=200_000)
def phrase_cue(phrase: str, lexicon: SourceLexicon) -> TypedCue | None:
    """The type ``phrase`` gives by its own words (tiers as in the module docstring), or
    ``None`` when it has no cue. ``end`` is where the deciding cue ends in ``phrase``.

    Among bodies, a named one (a cue with a case-sensitive part) wins over a kind of body
    ("the NATO alliance", "the Military Times"). Then, among roles and among bodies, the cue
    nearest the phrase's head wins: one that ends before its first preposition or relative
    pronoun ("the family of journalist James Foley"), the last to end, the type listed
    first."""
    text = " ".join(phrase.split())
    if m := lexicon.any_cue["anonymous"].search(text):
        return TypedCue(ANONYMOUS, "anonymous", m.end())
    head = _HEAD_END.search(text)
    head_end = head.start() if head else len(text)
    for tier in TIERS:
        if not lexicon.any_cue[tier].search(text):
            continue
        best: tuple[bool, bool, int] | None = None
        found: TypedCue | None = None
        for name, cues in lexicon.tiers[tier]:
            hits = [(_named(c), m.end()) for c in cues for m in c.finditer(text)]
            if not hits:
                continue
            if tier not in _HEADED:
                return TypedCue(name, tier, max(e for _, e in hits))
            if tier == "bodies" and any(named for named, _ in hits):
                hits = [(named, e) for named, e in hits if named]
            ends = [e for _, e in hits]
            in_head = [e for e in ends if e <= head_end]
            rank = (tier == "bodies" and hits[0][0], bool(in_head), max(in_head or ends))
            if best is None or rank > best:
                best, found = rank, TypedCue(name, tier, rank[2])
        if found is not None:
            return found
    return None
