"""Clean one document: line decisions, inline repairs, disclaimers and paragraphs, audited.

A document whose text is one line of several sentences (a page flattened without line
breaks) is cleaned sentence by sentence instead: see :func:`_clean_run_on`.

Lines are split with :meth:`str.splitlines` (so ``\\r\\n``, ``\\r``, ``\\x0b``, ``\\x0c``,
``\\x1c``-``\\x1e``, ``\\x85``, ``\\u2028`` and ``\\u2029`` all end a line) and numbered from 1.
Every input line is either kept or removed: blank lines are kept (they only mark paragraph
breaks and contribute no text) unless they lie inside a removed comment section.

The clean text is a fixpoint: the cleaning pass is repeated on its own output until nothing
changes, so cleaning a clean text returns it unchanged. Decisions of later passes are mapped
back to the original line numbers. Results that depend only on a line's text (rule matches,
script, local signals, inline repairs) are kept in a :class:`LineMemo` across the passes, so a
later pass mostly re-runs only the page-level scoring.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from framelab.clean.cards import remove_glued_caption, remove_link_cards
from framelab.clean.lines import classify_lines, is_blank, prepare_blocks
from framelab.clean.memo import LineMemo
from framelab.clean.paragraphs import join_paragraphs
from framelab.clean.repairs import Change, remove_disclaimers, repair_line, repair_paragraph
from framelab.clean.repeats import title_line
from framelab.clean.rules import CleanRules
from framelab.clean.templates import NO_TEMPLATES, OutletTemplates

__all__ = ["CleanedDocument", "RemovedLine", "Repair", "clean_document", "split_sentences"]

logger = logging.getLogger(__name__)

_MAX_PASSES = 10
_RUN_ON_MIN = 3  # sentences on the only line of a document that is cleaned sentence by sentence
# a sentence ends at . ! ? (with closing quotes) before a space and a capital, quote or digit
# ... but not after a title or initials: "Sen.", "Mr.", "U.S."
_ABBREVIATION_RE = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b(?:[A-Z]\.)+[A-Z]?)\.$")
_SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def split_sentences(line: str) -> list[str]:
    """A run-on line split where sentences end; the pieces joined by spaces give it back.

    The split is deliberately simple (an abbreviation such as "Sen." may end a piece): the
    pieces are only checked against the rules and rejoined, never scored on their own.
    """
    pieces, start = [], 0
    for match in _SENTENCE_END_RE.finditer(line):
        if _ABBREVIATION_RE.search(line, 0, match.start()):
            continue
        pieces.append(line[start : match.start()] + line[match.start() : match.end()].rstrip())
        start = match.end()
    pieces.append(line[start:])
    return [p for p in (piece.strip() for piece in pieces) if p]


def _clean_run_on(
    lines: Sequence[str],
    index: int,
    sentences: Sequence[str],
    rules: CleanRules,
    doc_id: str,
    lang: str,
    templates: OutletTemplates,
) -> CleanedDocument:
    """Clean a document whose text is one line, sentence by sentence.

    A page flattened without line breaks gives the line score nothing to tell body from
    furniture by, so only the rules decide (outlet templates, lexicon, script, repeats):
    each sentence they match is cut out and recorded as a ``removed_sentence:<reason>``
    repair of the line; the rest is kept. When every sentence matches, the line is removed.
    """
    table = prepare_blocks(sentences, rules=rules, lang=lang, templates=templates)
    kept_text, repairs = [], []
    reasons: list[tuple[str, str]] = []
    for sentence, decision in zip(sentences, table.decisions, strict=True):
        if decision is not None and not decision.kept:
            reasons.append((decision.reason, decision.rule))
            repairs.append(
                Repair(doc_id, index + 1, f"removed_sentence:{decision.reason}", sentence, "")
            )
        else:
            kept_text.append(sentence)
    line_nos = tuple(range(1, len(lines) + 1))
    if not kept_text:
        reason, rule = reasons[0]
        removed = RemovedLine(doc_id, index + 1, lines[index], reason, f"every sentence: {rule}")
        return CleanedDocument(
            doc_id, "", tuple(n for n in line_nos if n != index + 1), (removed,), (), ()
        )
    memo = LineMemo()
    text, found, changes = _repair_unit(" ".join(kept_text), rules, lang, False, memo)
    repairs += [
        Repair(doc_id, index + 1, kind, before, after) for kind, before, after, _ in changes
    ]
    text, more = repair_paragraph(text)
    repairs += [Repair(doc_id, index + 1, kind, before, after) for kind, before, after, _ in more]
    return CleanedDocument(doc_id, text, line_nos, (), tuple(repairs), tuple(found))


@dataclass(frozen=True)
class RemovedLine:
    """One removed input line.

    Attributes
    ----------
    doc_id : str
    line_no : int
        1-based line number in the input.
    text : str
        The input line exactly as it was.
    reason : str
        A code of ``REASONS``.
    rule : str
        The rule or score that fired, e.g. ``"lexicon:site_chrome"`` or ``"score=0.12<0.35"``.
    """

    doc_id: str
    line_no: int
    text: str
    reason: str
    rule: str


@dataclass(frozen=True)
class Repair:
    """One inline change to kept text.

    Attributes
    ----------
    doc_id : str
    line_no : int
        1-based input line the change applies to.
    kind : str
        ``spacing``, ``time_spacing``, ``decimal_comma``, ``quote_spacing``,
        ``legal_disclaimer``, ``footnote_mark``, ``link_card`` (a hover card spliced into a
        sentence, see :mod:`framelab.clean.cards`), ``glued_caption`` (a caption and credit
        glued to the start of a paragraph), ``join_lines:<rule>`` or
        ``removed_sentence:<reason>`` (a sentence cut from a document that is one line).
    before, after : str
        The text before and after the change (for joins: an excerpt around the line break).
    """

    doc_id: str
    line_no: int
    kind: str
    before: str
    after: str


@dataclass(frozen=True)
class CleanedDocument:
    """The result of :func:`clean_document`.

    Attributes
    ----------
    doc_id : str
    text : str
        Clean text, paragraphs separated by one blank line.
    kept_line_nos : tuple of int
        1-based numbers of kept input lines (blank lines included), ascending.
    removed : tuple of RemovedLine
        Removed input lines, ascending by line number.
    repairs : tuple of Repair
    disclaimers : tuple of str
        Legal disclaimers taken out of the running text, in order of appearance.
    """

    doc_id: str
    text: str
    kept_line_nos: tuple[int, ...]
    removed: tuple[RemovedLine, ...]
    repairs: tuple[Repair, ...]
    disclaimers: tuple[str, ...]


@dataclass(frozen=True)
class _Pass:
    """One cleaning pass over units (input lines or paragraphs of a previous pass)."""

    text: str
    removed: tuple[tuple[int, str, str], ...]  # unit index, reason, rule
    paragraphs: tuple[tuple[int, ...], ...]  # unit indices per output paragraph
    repairs: tuple[tuple[int, str, str, str], ...]  # unit index, kind, before, after
    disclaimers: tuple[str, ...]


def _repair_unit(
    text: str, rules: CleanRules, lang: str, footnote_marks: bool, memo: LineMemo
) -> tuple[str, list[str], list[Change]]:
    """Disclaimers out of one stripped kept unit, then inline repairs; remembered per text."""
    key = (text, footnote_marks)
    known = memo.repairs.get(key)
    if known is None:
        text, cards = remove_link_cards(text)
        text, caption = remove_glued_caption(text)
        cards += caption
        text, found, changes = remove_disclaimers(text, rules, footnote_marks=footnote_marks)
        text, more = repair_line(text.strip(), lang=lang)
        known = memo.repairs[key] = (text.strip(), found, cards + changes + more)
    return known


def _clean_pass(
    units: Sequence[str],
    rules: CleanRules,
    lang: str,
    templates: OutletTemplates,
    memo: LineMemo,
) -> _Pass:
    decisions = classify_lines(units, rules=rules, lang=lang, templates=templates, memo=memo)
    footnote_marks = any(d.reason == "legal_disclaimer" for d in decisions)
    removed: list[tuple[int, str, str]] = []
    repairs: list[tuple[int, str, str, str]] = []
    disclaimers: list[str] = []
    kept_units: list[int] = []
    kept_texts: list[str] = []
    for i, (unit, decision) in enumerate(zip(units, decisions, strict=True)):
        if not decision.kept:
            removed.append((i, decision.reason, decision.rule))
            continue
        if decision.rule == "blank":
            continue
        text, found, changes = _repair_unit(unit.strip(), rules, lang, footnote_marks, memo)
        if found:
            disclaimers += found
        if changes:
            repairs += [(i, kind, before, after) for kind, before, after, _ in changes]
        if not text:
            removed.append((i, "legal_disclaimer", "inline disclaimer only"))
            continue
        kept_units.append(i)
        kept_texts.append(text)
    groups, joins = join_paragraphs(kept_texts)
    repairs += [(kept_units[j], f"join_lines:{rule}", excerpt, " ") for j, rule, excerpt in joins]
    paragraphs = []
    out = []
    for group in groups:
        joined = kept_texts[group[0]] if len(group) == 1 else " ".join(kept_texts[j] for j in group)
        joined, changes = repair_paragraph(joined)
        if changes:
            repairs += [
                (kept_units[group[0]], kind, before, after) for kind, before, after, _ in changes
            ]
        paragraphs.append(tuple(kept_units[j] for j in group))
        out.append(joined)
    return _Pass(
        text="\n\n".join(out),
        removed=tuple(removed),
        paragraphs=tuple(paragraphs),
        repairs=tuple(repairs),
        disclaimers=tuple(disclaimers),
    )


def clean_document(
    text: str,
    *,
    rules: CleanRules,
    doc_id: str = "-",
    lang: str = "en",
    templates: OutletTemplates | None = None,
    title: str = "",
) -> CleanedDocument:
    """Remove everything that is not article body from one document, with an audit.

    Parameters
    ----------
    text : str
        The document's text, one block per line.
    rules : CleanRules
        From :func:`framelab.clean.load_rules`.
    doc_id : str, default="-"
        Identifier copied into every audit record.
    lang : str, default="en"
        ISO 639-1 language code of the text.
    templates : OutletTemplates, optional
        Templates of the document's outlet, from :func:`framelab.clean.learn_templates`.
    title : str, default=""
        The document's title from its metadata: a first line that repeats it is removed as
        ``headline``.

    Returns
    -------
    CleanedDocument
    """
    templates = templates if templates is not None else NO_TEMPLATES
    lines = text.splitlines()
    filled = [i for i, line in enumerate(lines) if not is_blank(line)]
    if len(filled) == 1 and len(sentences := split_sentences(lines[filled[0]])) >= _RUN_ON_MIN:
        return _clean_run_on(lines, filled[0], sentences, rules, doc_id, lang, templates)
    origin: list[tuple[int, ...]] = [(i + 1,) for i in range(len(lines))]
    units: list[str] = list(lines)
    kept = set(range(1, len(lines) + 1))
    removed: dict[int, RemovedLine] = {}
    if (headline := title_line(lines, title)) is not None:
        units[headline] = ""  # the passes see a blank line where the title was
        kept.discard(headline + 1)
        removed[headline + 1] = RemovedLine(
            doc_id, headline + 1, lines[headline], "headline", "repeats the title"
        )
    repairs: list[Repair] = []
    disclaimers: list[str] = []
    current = None
    memo = LineMemo()
    for n_pass in range(1, _MAX_PASSES + 1):
        result = _clean_pass(units, rules, lang, templates, memo)
        suffix = "" if n_pass == 1 else f"; pass {n_pass}"
        for unit, reason, rule in result.removed:
            for line_no in origin[unit]:
                kept.discard(line_no)
                removed[line_no] = RemovedLine(
                    doc_id, line_no, lines[line_no - 1], reason, rule + suffix
                )
        for unit, kind, before, after in result.repairs:
            if origin[unit]:
                repairs.append(Repair(doc_id, origin[unit][0], kind, before, after))
        disclaimers += result.disclaimers
        if n_pass > 1 and result.text == current:
            break
        current = result.text
        # next pass: the output's lines, each paragraph mapped to its input lines
        origin = [
            line_nos
            for k, paragraph in enumerate(result.paragraphs)
            for line_nos in (((),) if k else ()) + (tuple(n for u in paragraph for n in origin[u]),)
        ]
        units = current.split("\n")
        if not current:
            break
    else:
        logger.warning("%s: cleaning did not reach a fixpoint in %d passes", doc_id, _MAX_PASSES)
    return CleanedDocument(
        doc_id=doc_id,
        text=current or "",
        kept_line_nos=tuple(sorted(kept)),
        removed=tuple(removed[k] for k in sorted(removed)),
        repairs=tuple(repairs),
        disclaimers=tuple(disclaimers),
    )
