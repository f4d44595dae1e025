"""Per-document memory of line results that depend only on a line's text.

:func:`framelab.clean.clean_document` repeats its cleaning pass on its own output until nothing
changes. Most units of a later pass are lines of the first one, so their rule matches, script,
local signals and inline repairs are looked up here instead of computed again. A memo is only
valid for one set of rules, language and templates, so each document call makes a new one.
"""

from dataclasses import dataclass, field

from framelab.clean.features import LineSignals
from framelab.clean.repairs import Change

__all__ = ["LineMemo"]


@dataclass
class LineMemo:
    """Caches keyed by line text, filled and read by the cleaning pass.

    Attributes
    ----------
    rule_hits : dict
        Stripped line -> ``(reason, rule)`` of the first template or lexicon match, or None.
    scripts : dict
        Line -> its :func:`framelab.clean.features.line_script`.
    tokens : dict
        Line -> ``(number of \\w+ tokens, number of them that are stopwords, word starts)``
        (see :func:`framelab.clean.features.local_features`).
    signals : dict
        ``(unit text, use_stopwords)`` -> :class:`framelab.clean.features.LineSignals`.
    repairs : dict
        ``(stripped line, footnote_marks)`` -> repaired text, disclaimers and changes.
    """

    rule_hits: dict[str, tuple[str, str] | None] = field(default_factory=dict)
    scripts: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, tuple[int, int, tuple[int, int] | None]] = field(default_factory=dict)
    signals: dict[tuple[str, bool], LineSignals] = field(default_factory=dict)
    repairs: dict[tuple[str, bool], tuple[str, list[str], list[Change]]] = field(
        default_factory=dict
    )
