"""Inline repairs of text damaged by translation, and removal of legal disclaimers.

Every function here only moves punctuation and spacing, turns a decimal comma into a point, or
deletes a span; none adds a word. Each change is reported as ``(kind, before, after, offset)``
with ``offset`` the position of the change in the input text.
"""

import re

from framelab.clean.rules import CleanRules

__all__ = ["Change", "remove_disclaimers", "repair_line", "repair_paragraph"]

Change = tuple[str, str, str, int]

_SPACES_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}")
# "06: 28" -> "06:28" (two-digit hours only, so "Chapter 1: 25 years" stays)
_TIME_RE = re.compile(r"(?<![\d:])([01]\d|2[0-3]): ([0-5]\d)(?![\d:])")
# "2,5 thousand" -> "2.5 thousand"; "2,500" (a thousands group has three digits) stays
_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d{1,3}),(\d{1,2})(?![\d,])")
# "word ,word" / "support ,”" -> no space before a comma
_SPACE_COMMA_RE = re.compile(r"(?<=\w)[ \t]+,")
# closing quote detached from its sentence and glued to the next word: 'support, ”the' ->
# 'support,” the'
_CLOSE_QUOTE_RE = re.compile(r"[ \t]+”(?=\w)")
_PAREN_RE = re.compile(r"[ \t]?\(([^()]{1,300})\)")
# a decimal comma needs a digit on both sides: lines without one skip _DECIMAL_RE (written
# from the comma, so the search jumps from comma to comma)
_DIGIT_COMMA_RE = re.compile(r",(?<=\d,)\d")
_MARK_RE = re.compile(r"(?:(?<=\w)|[ \t])\*{1,3}(?=[\s,.;:!?)»”\"]|$)")


def _sub(pattern: re.Pattern[str], repl: str, kind: str, text: str) -> tuple[str, list[Change]]:
    changes: list[Change] = []

    def _record(match: re.Match[str]) -> str:
        after = match.expand(repl)
        changes.append((kind, match.group(0), after, match.start()))
        return after

    return pattern.sub(_record, text), changes


def _has_wide_space(text: str) -> bool:
    """True when ``_SPACES_RE`` matches: in ASCII text only spaces and tabs are in its class."""
    if text.isascii():
        return "  " in text or ("\t" in text and (" \t" in text or "\t " in text or "\t\t" in text))
    return _SPACES_RE.search(text) is not None


def repair_line(text: str, *, lang: str = "en") -> tuple[str, list[Change]]:
    """Repair spacing, times and (for English) decimal commas within one line.

    Parameters
    ----------
    text : str
        A kept line, already stripped.
    lang : str, default="en"
        Decimal commas are only rewritten for English, where a comma before one or two digits
        cannot be a thousands separator.

    Returns
    -------
    text : str
    changes : list of Change
    """
    # each pattern only runs on lines holding the characters every match of it needs
    changes: list[Change] = []
    if _has_wide_space(text):
        text, found = _sub(_SPACES_RE, " ", "spacing", text)
        changes += found
    if ": " in text:
        text, found = _sub(_TIME_RE, r"\1:\2", "time_spacing", text)
        changes += found
    if lang.lower().startswith("en") and _DIGIT_COMMA_RE.search(text):
        text, found = _sub(_DECIMAL_RE, r"\1.\2", "decimal_comma", text)
        changes += found
    if " ," in text or "\t," in text:
        text, found = _sub(_SPACE_COMMA_RE, ",", "spacing", text)
        changes += found
    return text, changes


def repair_paragraph(text: str) -> tuple[str, list[Change]]:
    """Reattach closing quotes that translation moved onto the next word.

    A ``”`` preceded by a space and followed by a letter is moved back to the previous word only
    when a ``“`` before it is still open, so languages that open quotes with ``”`` are left
    alone.

    Returns
    -------
    text : str
    changes : list of Change
    """
    changes: list[Change] = []
    if " ”" not in text and "\t”" not in text:
        return text, changes
    out: list[str] = []
    last = 0
    for match in _CLOSE_QUOTE_RE.finditer(text):
        before = text[: match.start()]
        if before.count("“") <= before.count("”"):
            continue
        out.append(text[last : match.start()])
        out.append("” ")
        changes.append(("quote_spacing", match.group(0), "” ", match.start()))
        last = match.end()
    out.append(text[last:])
    return "".join(out), changes


def _join_removal(text: str, start: int, end: int) -> str:
    """Delete text[start:end], keeping one space if words would otherwise touch."""
    left, right = text[:start], text[end:]
    if (
        left
        and right
        and (left[-1].isalnum() or left[-1] == "_")
        and (right[0].isalnum() or right[0] == "_")
    ):
        return left + " " + right
    return left + right


def remove_disclaimers(
    text: str, rules: CleanRules, *, footnote_marks: bool
) -> tuple[str, list[str], list[Change]]:
    """Take legal disclaimers on banned organisations out of one line.

    Parameters
    ----------
    text : str
        A kept line.
    rules : CleanRules
        Supplies ``disclaimer_clause`` and ``disclaimer_appositive``.
    footnote_marks : bool
        Also remove ``*``/``**`` marks after words (set when the page has a footnote line that
        explains them).

    Returns
    -------
    text : str
        The line without disclaimers.
    disclaimers : list of str
        The removed disclaimer texts.
    changes : list of Change
    """
    disclaimers: list[str] = []
    changes: list[Change] = []
    pos = 0
    while "(" in text:
        match = _PAREN_RE.search(text, pos)
        if match is None:
            break
        segments = match.group(1).split(",")
        cut = None
        for k in range(len(segments)):
            rest = ",".join(segments[k:]).strip()
            if rest[:1].islower() and rules.disclaimer_clause.search(rest):
                cut = k
                break
        if cut is None:
            pos = match.end()
            continue
        removed = ",".join(segments[cut:]).strip()
        if cut == 0:
            new_text = _join_removal(text, match.start(), match.end())
            before = match.group(0)
        else:
            kept = ",".join(segments[:cut]).rstrip()
            inner_start = match.start(1)
            new_text = text[:inner_start] + kept + text[match.end(1) :]
            before = match.group(1)
        disclaimers.append(removed)
        changes.append(("legal_disclaimer", before, "", match.start()))
        text = new_text
        pos = match.start()
    while (match := rules.disclaimer_appositive.search(text)) is not None:
        end = match.end()
        if text[end : end + 1] == ",":
            end += 1
        disclaimers.append(match.group(0).lstrip(", ").strip())
        changes.append(("legal_disclaimer", text[match.start() : end], "", match.start()))
        text = _join_removal(text, match.start(), end)
    if footnote_marks:
        for match in reversed(list(_MARK_RE.finditer(text))):
            disclaimers.append(match.group(0).strip())
            changes.append(("footnote_mark", match.group(0), "", match.start()))
            text = _join_removal(text, match.start(), match.end())
    return text, disclaimers, changes
