"""Load the boilerplate lexicon and the line-scoring weights into one frozen :class:`CleanRules`."""

import dataclasses
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Any

import yaml

from framelab.clean.features import CONTEXT_FEATURES, LOCAL_FEATURES
from framelab.clean.reasons import REASONS
from framelab.errors import InputError
from framelab.regex_tools import FOLDS_TO_ASCII

__all__ = ["DEFAULT_RULES_PATH", "CleanRules", "LinePattern", "load_rules", "normalise_line"]

logger = logging.getLogger(__name__)

DEFAULT_RULES_PATH: Path = Path(__file__).resolve().parents[3] / "data/lexicons/boilerplate.yaml"

# Sections checked line by line, in this order (the first match names the reason).
_LINE_SECTIONS: tuple[str, ...] = (
    "legal_disclaimer",
    "translator_signature",
    "download_prompt",
    "credit_or_caption",
    "byline_or_dateline",
    "counter_or_number",
    "social_embed",
    "related_links",
    "transcript_cue",
    "site_chrome",
)
_OTHER_SECTIONS: frozenset[str] = frozenset({"settings", "comments_section", "inline_disclaimers"})
_SETTINGS_DEFAULTS: dict[str, Any] = {
    "short_words": 4,
    "comments_min_body_chars": 400,
    "stopwords_file": None,
    "weights_file": None,
}
_EDGE_PUNCT = " \t|»«•·‣▪►▸→←>‹›-–—:*"
_BACKREF_RE = re.compile(r"\\[1-9]|\(\?P=")
_FOLDS_RE = re.compile(f"[{FOLDS_TO_ASCII}]")


@dataclass(frozen=True)
class LinePattern:
    """One compiled lexicon pattern and where it came from.

    Attributes
    ----------
    reason : str
        Reason code of the section the pattern belongs to.
    rule : str
        ``"lexicon:<section>#<index>"``, reported in the audit.
    regex : re.Pattern
        The compiled pattern (case-insensitive).
    """

    reason: str
    rule: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class CleanRules:
    """Everything the cleaner knows in advance: lexicon, stopwords and learned weights.

    Attributes
    ----------
    source : str
        Path of the lexicon file the rules were loaded from.
    exact : tuple of (str, str, frozenset of str)
        Per reason code and file: the reason, the rule reported in the audit, and the whole
        lines matched after :func:`normalise_line`.
    patterns : tuple of LinePattern
        Line patterns in checking order.
    comment_boundaries : tuple of LinePattern
        Patterns of a comment-widget boundary line.
    disclaimer_clause : re.Pattern
        Matches a whole segment inside parentheses that is a legal disclaimer.
    disclaimer_appositive : re.Pattern
        Matches the same disclaimer set off by a comma in running text.
    stopwords : frozenset of str
        Lowercase stopwords of the default language.
    local_weights, context_weights : tuple of float
        Logistic-regression weights in the order of ``LOCAL_FEATURES`` and
        ``LOCAL_FEATURES + CONTEXT_FEATURES``.
    local_bias, context_bias : float
        Intercepts of the two logistic models.
    refine_weights : tuple of float
        Weights of an optional second context round (same features as the context model,
        context signals recomputed from the context scores); empty when absent.
    refine_bias : float
        Its intercept.
    any_pattern : PatternUnion or None
        All of ``patterns`` as one test: a line it does not match matches none of them, so
        most lines are checked with one search instead of one per pattern.
    threshold : float
        Minimum body probability of a kept line.
    short_words : int
        Word count up to which a removed line is a ``short_fragment``.
    comments_min_body_chars : int
        Body characters needed before a comment boundary counts.
    """

    source: str
    exact: tuple[tuple[str, str, frozenset[str]], ...]
    patterns: tuple[LinePattern, ...]
    comment_boundaries: tuple[LinePattern, ...]
    disclaimer_clause: re.Pattern[str]
    disclaimer_appositive: re.Pattern[str]
    stopwords: frozenset[str]
    local_weights: tuple[float, ...]
    local_bias: float
    context_weights: tuple[float, ...]
    context_bias: float
    threshold: float
    short_words: int
    comments_min_body_chars: int
    refine_weights: tuple[float, ...] = ()
    refine_bias: float = 0.0
    any_pattern: "PatternUnion | None" = None


def normalise_line(line: str) -> str:
    """Lowercase, collapse whitespace and strip edge punctuation such as ``|`` or ``»``.

    ``str.split`` and ``re``'s ``\\s`` know the same whitespace, and the edge characters
    include the space, so splitting and joining gives what replacing ``\\s+`` by a space
    and stripping the edges gives, several times faster.
    """
    return " ".join(line.split()).strip(_EDGE_PUNCT).strip().lower()


def _compile(path: Path, key: str, pattern: Any) -> re.Pattern[str]:
    if not isinstance(pattern, str):
        raise InputError(f"{path}: {key} must be a string, got {type(pattern).__name__}")
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as err:
        raise InputError(
            f"{path}: {key} is not a valid regular expression ({err}): {pattern!r}"
        ) from err


@dataclass(frozen=True)
class PatternUnion:
    """Line patterns as alternations: those anchored at the line's start, tried at the start
    only (as each would be alone), those anchored at its end, tried on its tail, and the
    others, searched.

    One alternation of anchored patterns would be tried at every position of a long
    paragraph; anchoring the alternation itself keeps the test as cheap as the patterns.
    Patterns every match of which begins with one of a few ASCII words ("photo", "read
    more") are only tried on lines that start with (anchored) or hold (searched) one of
    them in lower case: :func:`_literal_starts`.
    """

    anchored: re.Pattern[str] | None
    unanchored: re.Pattern[str] | None
    tail: re.Pattern[str] | None = None
    tail_chars: int = 0
    prefixed: re.Pattern[str] | None = None
    prefixes: tuple[str, ...] = ()
    keywords: tuple[str, ...] | None = None

    def search(self, text: str) -> bool:
        """True when some pattern may match ``text`` (and False only when none does)."""
        # ASCII literals match case-insensitively exactly where they occur in the lower-cased
        # text, unless it holds a character that folds to an ASCII letter (İ ı ſ K)
        lower = text.lower() if text.isascii() or not _FOLDS_RE.search(text) else None
        return bool(
            (self.anchored is not None and self.anchored.match(text))
            or (
                self.prefixed is not None
                and (lower is None or lower.startswith(self.prefixes))
                and self.prefixed.match(text)
            )
            or (self.tail is not None and self.tail.search(text[-self.tail_chars :]))
            or (
                self.unanchored is not None
                and (
                    lower is None
                    or self.keywords is None
                    or any(word in lower for word in self.keywords)
                )
                and self.unanchored.search(text)
            )
        )


_ZERO_WIDTH = frozenset({_constants.AT, _constants.ASSERT, _constants.ASSERT_NOT})


def _literal_starts(items: Any) -> tuple[str, ...] | None:
    """Lower-case ASCII strings one of which every match of a parsed pattern begins with
    (after zero-width assertions such as ``^`` or ``\\b``), or None when there are none.

    Reads a leading run of literal characters, or a group of such alternatives.
    """
    items = list(items)
    while items and items[0][0] in _ZERO_WIDTH:
        items.pop(0)
    if not items:
        return None
    op, arg = items[0]
    if op is _constants.LITERAL:
        run = ""
        for op, arg in items:
            if op is not _constants.LITERAL:
                break
            run += chr(arg)
        return (run.lower(),) if run.isascii() else None
    if op is _constants.SUBPATTERN:
        return _literal_starts(arg[-1])
    if op is _constants.BRANCH:
        found: list[str] = []
        for branch in arg[1]:
            starts = _literal_starts(branch)
            if starts is None:
                return None
            found += starts
        return tuple(found)
    return None


def _starts_of(source: str) -> tuple[str, ...] | None:
    """:func:`_literal_starts` of a pattern's source, None when it has none or cannot be read."""
    try:
        starts = _literal_starts(_parser.parse(source, re.IGNORECASE))
    except (AttributeError, re.error):
        return None
    return starts if starts and all(starts) else None


def _top_level_branches(source: str) -> bool:
    """True when a ``|`` outside any group or class splits the pattern."""
    depth, escaped, in_class = 0, False, False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _union(regexes: Iterable[re.Pattern[str]]) -> PatternUnion | None:
    """The patterns as a :class:`PatternUnion`, or None when it cannot be built."""
    sources = [r.pattern for r in regexes]
    # backreferences would point at other groups once the patterns are joined
    if not sources or any(_BACKREF_RE.search(source) for source in sources):
        return None
    anchored = [s for s in sources if s.startswith("^") and not _top_level_branches(s)]
    others = [s for s in sources if not (s.startswith("^") and not _top_level_branches(s))]
    # a pattern anchored at the end only, of bounded width, matches within the line's last
    # `width` characters: searching those (and one more, for a \b or lookbehind of one
    # character) finds the same matches without scanning the whole paragraph
    widths = {s: _tail_width(s) for s in others}
    tail = [s for s in others if widths[s] is not None]
    others = [s for s in others if widths[s] is None]
    starts = {s: _starts_of(s) for s in anchored + others}
    prefixed = [s for s in anchored if starts[s] is not None]
    anchored = [s for s in anchored if starts[s] is None]
    keywords = None if any(starts[s] is None for s in others) else _join(starts, others)
    try:
        return PatternUnion(
            _alternation([s[1:] for s in anchored], prefix="^"),
            _alternation(others),
            _alternation(tail),
            max((widths[s] or 0) for s in tail) + 1 if tail else 0,
            _alternation([s[1:] for s in prefixed], prefix="^"),
            _join(starts, prefixed),
            keywords,
        )
    except re.error:
        return None


def _alternation(sources: Sequence[str], *, prefix: str = "") -> re.Pattern[str] | None:
    """The sources as one case-insensitive alternation after ``prefix``; None when empty."""
    if not sources:
        return None
    return re.compile(prefix + "(?:" + "|".join(f"(?:{s})" for s in sources) + ")", re.IGNORECASE)


def _join(starts: dict[str, tuple[str, ...] | None], sources: Sequence[str]) -> tuple[str, ...]:
    """The distinct literal starts of the sources, in order."""
    return tuple(dict.fromkeys(word for s in sources for word in starts[s] or ()))


def _tail_width(source: str) -> int | None:
    """The widest match of a single-branch pattern ending in ``$``, when it is bounded."""
    if not source.endswith("$") or source.endswith("\\$") or _top_level_branches(source):
        return None
    if "(?<" in source:
        return None  # a lookbehind may look further back than one character
    try:
        _, high = _parser.parse(source, re.IGNORECASE).getwidth()  # type: ignore[attr-defined]
    except (AttributeError, re.error):
        return None
    return int(high) if high < 10_000 else None


def _section(path: Path, data: dict[str, Any], name: str) -> dict[str, Any]:
    section = data.get(name) or {}
    if not isinstance(section, dict):
        raise InputError(f"{path}: section {name!r} must be a mapping, got {section!r}")
    unknown = set(section) - {"exact", "patterns"}
    if unknown and name not in ("settings", "inline_disclaimers"):
        raise InputError(
            f"{path}: section {name!r} has unknown keys {sorted(unknown)}; "
            "allowed are ['exact', 'patterns']"
        )
    return section


def _read_wordlist(path: Path) -> frozenset[str]:
    words = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        word = raw.split("#", 1)[0].strip().lower()
        if word:
            words.add(word)
    return frozenset(words)


def _read_weights(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read line weights ({err})") from err
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping with keys local, context, threshold")
    out: dict[str, Any] = {}
    models = [("local", LOCAL_FEATURES), ("context", LOCAL_FEATURES + CONTEXT_FEATURES)]
    if "refine" in data:
        models.append(("refine", LOCAL_FEATURES + CONTEXT_FEATURES))
    for key, names in models:
        model = data.get(key)
        if not isinstance(model, dict) or not isinstance(model.get("weights"), dict):
            raise InputError(f"{path}: key {key!r} must hold 'bias' and a 'weights' mapping")
        weights = model["weights"]
        if set(weights) != set(names):
            raise InputError(
                f"{path}: {key}.weights has features {sorted(weights)}, expected {sorted(names)}"
            )
        out[key] = (tuple(float(weights[n]) for n in names), float(model.get("bias", 0.0)))
    threshold = data.get("threshold")
    if not isinstance(threshold, int | float) or not 0 < threshold < 1:
        raise InputError(f"{path}: threshold must be a number in (0, 1), got {threshold!r}")
    out["threshold"] = float(threshold)
    return out


def _line_entries(
    path: Path, data: dict[str, Any], *, prefix: str
) -> tuple[list[tuple[str, str, frozenset[str]]], list[LinePattern], list[LinePattern]]:
    """Exact lines, line patterns and comment boundaries of one lexicon file, in checking order.

    Rules are named ``<prefix>:<section>`` (exact lines) and ``<prefix>:<section>#<n>``.
    """
    exact, patterns = [], []
    for name in (*_LINE_SECTIONS, *sorted(set(data) - set(_LINE_SECTIONS) - _OTHER_SECTIONS)):
        section = _section(path, data, name)
        strings = section.get("exact") or []
        if not isinstance(strings, list) or not all(isinstance(s, str) for s in strings):
            raise InputError(
                f"{path}: {name}.exact must be a list of strings (quote entries that end in "
                f"a colon, such as 'read more:')"
            )
        if strings:
            exact.append((name, f"{prefix}:{name}", frozenset(normalise_line(s) for s in strings)))
        for i, pattern in enumerate(section.get("patterns") or []):
            patterns.append(
                LinePattern(
                    name, f"{prefix}:{name}#{i}", _compile(path, f"{name}.patterns[{i}]", pattern)
                )
            )
    boundaries = [
        LinePattern(
            "comments_section",
            f"{prefix}:comments_section#{i}",
            _compile(path, f"comments_section.patterns[{i}]", p),
        )
        for i, p in enumerate(_section(path, data, "comments_section").get("patterns") or [])
    ]
    return exact, patterns, boundaries


def _read_lexicon(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise InputError(f"{path}: cannot read the boilerplate lexicon ({err})") from err
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a mapping of sections, got {type(data).__name__}")
    allowed = set(REASONS) | _OTHER_SECTIONS
    unknown = set(data) - allowed
    if unknown:
        raise InputError(
            f"{path}: unknown sections {sorted(unknown)}; allowed are {sorted(allowed)}"
        )
    return data


def _with_study_lexicon(rules: CleanRules, path: Path) -> CleanRules:
    """``rules`` with the line entries of a study's own lexicon file checked after its own."""
    data = _read_lexicon(path)
    if extra := set(data) & {"settings", "inline_disclaimers"}:
        raise InputError(
            f"{path}: a study lexicon adds line entries only; {sorted(extra)} belong to the "
            f"general lexicon {rules.source}"
        )
    exact, patterns, boundaries = _line_entries(
        path, data, prefix=f"study:{path.parent.name}/{path.stem}"
    )
    merged = (*rules.patterns, *patterns)
    return dataclasses.replace(
        rules,
        source=f"{rules.source} + {path}",
        exact=(*rules.exact, *exact),
        patterns=merged,
        comment_boundaries=(*rules.comment_boundaries, *boundaries),
        any_pattern=_union(p.regex for p in merged),
    )


def load_rules(path: str | Path | Sequence[str | Path] | None = None) -> CleanRules:
    """Load a boilerplate lexicon (and the files it names) into :class:`CleanRules`.

    Parameters
    ----------
    path : str or Path or sequence of them, optional
        A YAML lexicon; default :data:`DEFAULT_RULES_PATH`. A sequence names the general
        lexicon first, then study lexicons (line sections only: the page furniture of the
        study's own outlets), whose entries are checked after the general ones and reported
        as ``study:<folder>/<file stem>:<section>``.

    Returns
    -------
    CleanRules

    Raises
    ------
    InputError
        If the file is missing or malformed; the message names the file and key.
    """
    if isinstance(path, Sequence) and not isinstance(path, str):
        if not path:
            raise InputError("clean.rules: name at least the general boilerplate lexicon")
        rules = load_rules(path[0])
        for extra in path[1:]:
            rules = _with_study_lexicon(rules, Path(extra))
        return rules
    path = Path(path) if path is not None else DEFAULT_RULES_PATH
    data = _read_lexicon(path)
    settings = {**_SETTINGS_DEFAULTS, **_section(path, data, "settings")}
    unknown = set(settings) - set(_SETTINGS_DEFAULTS)
    if unknown:
        raise InputError(
            f"{path}: settings has unknown keys {sorted(unknown)}; "
            f"allowed are {sorted(_SETTINGS_DEFAULTS)}"
        )

    exact, patterns, boundaries = _line_entries(path, data, prefix="lexicon")
    inline = _section(path, data, "inline_disclaimers")
    inline_res = {}
    for key in ("clause", "appositive"):
        if not isinstance(inline.get(key), str):
            raise InputError(
                f"{path}: inline_disclaimers.{key} must be a regular expression string, "
                f"got {inline.get(key)!r}"
            )
        inline_res[key] = _compile(path, f"inline_disclaimers.{key}", inline[key])

    stopwords: frozenset[str] = frozenset()
    if settings["stopwords_file"]:
        stop_path = path.parent / str(settings["stopwords_file"])
        if not stop_path.exists():
            raise InputError(f"{path}: settings.stopwords_file {stop_path} does not exist")
        stopwords = _read_wordlist(stop_path)
    if not settings["weights_file"]:
        raise InputError(f"{path}: settings.weights_file is required (the line-scoring weights)")
    weights = _read_weights(path.parent / str(settings["weights_file"]))
    logger.debug("loaded %d patterns and %d stopwords from %s", len(patterns), len(stopwords), path)
    return CleanRules(
        source=str(path),
        exact=tuple(exact),
        patterns=tuple(patterns),
        comment_boundaries=tuple(boundaries),
        disclaimer_clause=inline_res["clause"],
        disclaimer_appositive=inline_res["appositive"],
        stopwords=stopwords,
        local_weights=weights["local"][0],
        local_bias=weights["local"][1],
        context_weights=weights["context"][0],
        context_bias=weights["context"][1],
        threshold=weights["threshold"],
        short_words=int(settings["short_words"]),
        comments_min_body_chars=int(settings["comments_min_body_chars"]),
        refine_weights=weights["refine"][0] if "refine" in weights else (),
        refine_bias=weights["refine"][1] if "refine" in weights else 0.0,
        any_pattern=_union(p.regex for p in patterns),
    )
