"""Join kept lines into paragraphs where a sentence or a quotation runs across lines.

A kept line starts a new paragraph unless one of these holds for the paragraph so far (P) and
the next kept line (N), blank and removed lines in between notwithstanding:

* ``lowercase``: P ends without terminal punctuation and N starts with a lowercase letter;
* ``attribution``: N is a speech attribution after a dash ("- he said ...");
* ``initials``: N is only initials ("G.V.") after a P without terminal punctuation, or P ends
  in initials and N starts with a capital ("... G.V." + "Plekhanov's ...");
* ``open_quote``: P leaves a quotation open and a line within the next 12 closes it before
  another quotation opens; P then absorbs every line up to the closing one.
"""

import re
from collections.abc import Sequence

__all__ = ["join_paragraphs"]

_TERMINAL_RE = re.compile(r"[.!?…。！？:;]['\"”’»)\]]*$")
_ATTRIBUTION_RE = re.compile(r"^[-–—]\s*[^\W\d_]")
_INITIALS_ONLY_RE = re.compile(r"^(?:[A-ZА-ЯЁ]\.\s?){1,3}$")
_ENDS_INITIALS_RE = re.compile(r"(?:^|\s)(?:[A-ZА-ЯЁ]\.){1,3}$")
# A match of _ENDS_INITIALS_RE spans at most 7 characters (8 before a final newline), so it
# is searched for in the last 9 characters only; paragraphs grow long as lines are joined.
_INITIALS_TAIL = 9
_TERMINALS = ".!?…。！？:;"
_CLOSERS = "'\"”’»)]"
_QUOTE_LOOKAHEAD = 12


def _straight_open(text: str) -> bool:
    """True when an odd number of straight quotes leaves the last one opening a quotation."""
    if text.count('"') % 2 == 0:
        return False
    last = text.rindex('"')
    before = text[last - 1] if last else " "
    after = text[last + 1] if last + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and not after.isspace()


def _quote_balance(text: str) -> int:
    """Open quotations left by ``text``: curly and angle quotes, straight quotes by position."""
    balance = text.count("“") + text.count("«") - text.count("”") - text.count("»")
    return max(balance, 0) + int(_straight_open(text))


def _is_terminal(text: str) -> bool:
    """Same as ``_TERMINAL_RE.search(text)``, without scanning the whole paragraph."""
    if text.endswith("\n"):
        return bool(_TERMINAL_RE.search(text))
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINALS


def _join_rule(paragraph: str, nxt: str) -> str | None:
    terminal = _is_terminal(paragraph)
    first = nxt[:1]
    if not terminal and first.isalpha() and first.islower():
        return "lowercase"
    if _ATTRIBUTION_RE.match(nxt):
        letter = next((ch for ch in nxt if ch.isalpha()), "")
        if letter.islower():
            return "attribution"
    if not terminal and _INITIALS_ONLY_RE.match(nxt):
        return "initials"
    tail = max(0, len(paragraph) - _INITIALS_TAIL)
    if first.isupper() and _ENDS_INITIALS_RE.search(paragraph, tail):
        return "initials"
    return None


def _quote_close(paragraph: str, texts: Sequence[str], start: int) -> int | None:
    """Index of the line that closes the quotation ``paragraph`` leaves open, if any."""
    balance = _quote_balance(paragraph)
    if balance <= 0:
        return None
    straight = _straight_open(paragraph)
    for j in range(start, min(len(texts), start + _QUOTE_LOOKAHEAD)):
        text = texts[j]
        if text[:1] in "“«" or (straight and text[:1] == '"' and text.count('"') % 2 == 0):
            return None
        if straight:
            if text.count('"') % 2 == 1:
                return j
        elif text.count("”") + text.count("»") > text.count("“") + text.count("«"):
            return j
    return None


def join_paragraphs(
    texts: Sequence[str],
) -> tuple[list[tuple[int, ...]], list[tuple[int, str, str]]]:
    """Group kept lines into paragraphs.

    Parameters
    ----------
    texts : sequence of str
        Kept non-blank lines in page order, stripped.

    Returns
    -------
    groups : list of tuple of int
        Indices into ``texts`` of each paragraph, in order.
    joins : list of (int, str, str)
        Per join: index of the appended line, the rule name and a short excerpt around the
        break.
    """
    groups: list[list[int]] = []
    joins: list[tuple[int, str, str]] = []
    current = ""
    i = 0
    while i < len(texts):
        text = texts[i]
        if not groups:
            groups.append([i])
            current = text
            i += 1
            continue
        rule = _join_rule(current, text)
        if rule is None:
            close = _quote_close(current, texts, i)
            if close is not None:
                for j in range(i, close + 1):
                    joins.append((j, "open_quote", f"{current[-30:]}⏎{texts[j][:30]}"))
                    groups[-1].append(j)
                    current = f"{current} {texts[j]}"
                i = close + 1
                continue
        if rule is not None:
            joins.append((i, rule, f"{current[-30:]}⏎{text[:30]}"))
            groups[-1].append(i)
            current = f"{current} {text}"
        else:
            groups.append([i])
            current = text
        i += 1
    return [tuple(g) for g in groups], joins
