"""Decide for every line of a page whether it is article body, and if not, why.

Order of evidence, first match wins:

1. blank lines (only whitespace or invisible format characters) are kept as paragraph breaks;
2. the comment section: a widget boundary after enough body text, and everything after it;
3. outlet templates, then the lexicon sections (legal_disclaimer, translator_signature,
   download_prompt, credit_or_caption, byline_or_dateline, counter_or_number, social_embed,
   related_links, transcript_cue, site_chrome), then lines repeated within the document
   (speaker labels of a transcript, pull quotes; see :mod:`framelab.clean.repeats`);
4. script mismatch: a Cyrillic/CJK/other-script line in a Latin-script document whose
   language is written in Latin script (an untranslated fragment of a translation);
5. a learned score: a local logistic model per line, then a context model over the local
   scores of neighbouring lines and the main content region, then a refine round of the
   context model over the context scores; lines below the threshold go as
   ``short_fragment`` or ``low_content_score``;
6. paragraphs next to the body: a removed line of 15 or more words and a good local score
   whose nearest non-short neighbour was kept is kept too (jusText's "near-good" rule), so
   the first and last paragraphs survive furniture around them.

Lines broken in the middle of a sentence (a line of five or more words without terminal
punctuation followed by one starting in lowercase) are scored together as one block.
"""

import math
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass

from framelab.clean.comments import find_comments_start
from framelab.clean.features import (
    CONTEXT_FEATURES,
    LOCAL_FEATURES,
    LineSignals,
    WordContext,
    context_features,
    dominant_script_of,
    line_scripts,
    local_features,
    word_context,
)
from framelab.clean.memo import LineMemo
from framelab.clean.repeats import author_footer, highlight_blocks, pull_quotes, speaker_labels
from framelab.clean.rules import CleanRules, normalise_line
from framelab.clean.templates import NO_TEMPLATES, OutletTemplates

__all__ = [
    "LATIN_SCRIPT_LANGUAGES",
    "BlockTable",
    "LineDecision",
    "classify_lines",
    "is_blank",
    "prepare_blocks",
]

LATIN_SCRIPT_LANGUAGES: frozenset[str] = frozenset(
    "en de fr es it pt nl sv da no nb nn fi et lv lt pl cs sk sl hr bs ro hu tr id ms tl vi sq "
    "is ga cy eu ca gl af sw".split()
)
_BLANK_RE = re.compile(r"^[\s\u200b-\u200f\u2060\ufeff\u00ad]*$")
_TERMINAL_RE = re.compile(r"[.!?…。！？:;]['\"”’»)\]]*\s*$")
_LOWER_START_RE = re.compile(r"^\s*[^\W\d_]")
_CAPTION_MAX_WORDS = 25
_HEADLINE_MAX_WORDS = 15
_BODY_MIN_WORDS = 20
# Removed lines that sit inside an article's body (an embedded post, a speaker label, a pull
# quote) are left out of the scoring sequence: the paragraphs around them are each other's
# context, as they are on the page. Other rule-removed lines stay in it as furniture context.
_TRANSPARENT = frozenset({"social_embed", "transcript_cue", "pull_quote"})


@dataclass(frozen=True)
class LineDecision:
    """The verdict on one line.

    Attributes
    ----------
    kept : bool
        True for body lines and blank lines.
    reason : str
        A code of ``REASONS`` for removed lines, ``""`` for kept ones.
    rule : str
        The rule or score that decided, e.g. ``"lexicon:site_chrome"`` or
        ``"score=0.12<0.35"``; for kept lines ``"blank"`` or ``"score=..."``.
    score : float
        Body probability of the line (0 for lines removed by a rule, 1 for blank lines).
    """

    kept: bool
    reason: str
    rule: str
    score: float


_BLANK = LineDecision(True, "", "blank", 1.0)  # one record for every blank line (it is frozen)


def is_blank(line: str) -> bool:
    """True for lines of only whitespace or invisible format characters."""
    return bool(_BLANK_RE.match(line))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _dot(weights: Sequence[float], values: Sequence[float], bias: float) -> float:
    if len(weights) != len(values):
        raise ValueError(f"{len(weights)} weights for {len(values)} values")
    return bias + sum(map(operator.mul, weights, values))


def _lexicon_match_key(stripped: str, key: str, rules: CleanRules) -> tuple[str, str] | None:
    for reason, rule, strings in rules.exact:
        if key in strings:
            return reason, rule
    if rules.any_pattern is not None and not rules.any_pattern.search(stripped):
        return None
    for pattern in rules.patterns:
        if pattern.regex.search(stripped):
            return pattern.reason, pattern.rule
    return None


def _rule_hit(
    line: str, rules: CleanRules, templates: OutletTemplates, memo: LineMemo
) -> tuple[str, str] | None:
    """Reason and rule of the template or lexicon entry a line matches, or None.

    Both only look at the stripped line, so the memo is keyed by it.
    """
    stripped = line.strip()
    try:
        return memo.rule_hits[stripped]
    except KeyError:
        pass
    rule = templates.match(stripped) if templates else None
    if rule:
        hit: tuple[str, str] | None = ("repeated_template", rule)
    else:
        hit = _lexicon_match_key(stripped, normalise_line(stripped), rules)
    memo.rule_hits[stripped] = hit
    return hit


def _mark_captions(lines: Sequence[str], decisions: list[LineDecision | None]) -> None:
    """A short line without terminal punctuation right before a credit line is its caption."""
    previous = None
    for i in range(len(lines)):
        decision = decisions[i]
        if decision is not None and decision.rule == "blank":
            continue
        if (
            decision is not None
            and decision.reason == "credit_or_caption"
            and previous is not None
            and decisions[previous] is None
            and len(lines[previous].split()) <= _CAPTION_MAX_WORDS
            and not _TERMINAL_RE.search(lines[previous])
        ):
            decisions[previous] = LineDecision(
                False, "credit_or_caption", f"caption before credit line {i + 1}", 0.0
            )
        previous = i


def _blocks(lines: Sequence[str], candidates: Sequence[int]) -> list[list[int]]:
    """Group candidate lines broken mid-sentence into blocks scored together."""
    blocks: list[list[int]] = []
    for i in candidates:
        if blocks and blocks[-1][-1] == i - 1:
            prev = lines[i - 1]
            # cheapest test first; the word count stops splitting after five words
            if (
                lines[i].lstrip()[:1].islower()
                and _LOWER_START_RE.match(lines[i])
                and len(prev.split(None, 5)) >= 5
                and not _TERMINAL_RE.search(prev)
            ):
                blocks[-1].append(i)
                continue
        blocks.append([i])
    return blocks


@dataclass(frozen=True)
class BlockTable:
    """A page after the rule-based pass, ready for scoring.

    Attributes
    ----------
    decisions : tuple of LineDecision or None
        Per line: the rule decision, or None when the score decides.
    blocks : tuple of tuple of int
        Line indices of each scoring unit in page order: rule-removed lines as single-line
        units, the other lines grouped where a sentence runs across lines.
    texts : tuple of str
        Text of each unit, ``""`` for rule-removed lines.
    signals : tuple of LineSignals
        Local signals of each unit.
    """

    decisions: tuple[LineDecision | None, ...]
    blocks: tuple[tuple[int, ...], ...]
    texts: tuple[str, ...]
    signals: tuple[LineSignals, ...]


def prepare_blocks(
    lines: Sequence[str],
    *,
    rules: CleanRules,
    lang: str = "en",
    templates: OutletTemplates = NO_TEMPLATES,
    memo: LineMemo | None = None,
) -> BlockTable:
    """Apply the rules (blank, template, lexicon, script) and build the scoring units.

    Parameters are those of :func:`classify_lines`.

    Returns
    -------
    BlockTable
    """
    memo = memo if memo is not None else LineMemo()
    n = len(lines)
    decisions: list[LineDecision | None] = [None] * n
    for i, line in enumerate(lines):
        if is_blank(line):
            decisions[i] = _BLANK

    # rule-based removals
    expect_latin = lang.lower().split("-")[0] in LATIN_SCRIPT_LANGUAGES
    scripts = line_scripts(lines, memo.scripts) if expect_latin else []
    check_script = expect_latin and dominant_script_of(lines, scripts) == "latin"
    for i, line in enumerate(lines):
        if decisions[i] is not None:
            continue
        hit = _rule_hit(line, rules, templates, memo)
        if hit:
            decisions[i] = LineDecision(False, hit[0], hit[1], 0.0)
            continue
        if check_script and scripts[i] in ("cyrillic", "cjk", "other"):
            decisions[i] = LineDecision(False, "untranslated_fragment", "script!=latin", 0.0)
    _mark_captions(lines, decisions)
    for reason, found in (
        ("transcript_cue", speaker_labels(lines)),
        ("pull_quote", pull_quotes(lines)),
        ("site_chrome", highlight_blocks(lines)),
        ("byline_or_dateline", author_footer(lines)),
    ):
        for i, rule in found.items():
            if decisions[i] is None:
                decisions[i] = LineDecision(False, reason, rule, 0.0)

    # learned score over blocks of the remaining lines, rule-removed lines as zero context
    candidates = [i for i in range(n) if decisions[i] is None]
    blocks = _blocks(lines, candidates)
    sequence: list[tuple[tuple[int, ...], str]] = []
    for i in range(n):
        decision = decisions[i]
        if decision is not None and not decision.kept and decision.reason not in _TRANSPARENT:
            sequence.append(((i,), ""))
    for block in blocks:
        sequence.append((tuple(block), " ".join(lines[j].strip() for j in block)))
    sequence.sort(key=lambda item: item[0][0])
    texts = [text for _, text in sequence]
    signals, _ = local_features(texts, rules.stopwords, counts=memo.tokens, cache=memo.signals)
    return BlockTable(
        decisions=tuple(decisions),
        blocks=tuple(block for block, _ in sequence),
        texts=tuple(texts),
        signals=tuple(signals),
    )


def local_scores(table: BlockTable, rules: CleanRules) -> list[float]:
    """Local body probability per unit; 0 for rule-removed units (they are furniture context)."""
    return [
        _sigmoid(_dot(rules.local_weights, s.features, rules.local_bias)) if text else 0.0
        for s, text in zip(table.signals, table.texts, strict=True)
    ]


def _context_scores(
    scores: Sequence[float],
    shared: WordContext,
    signals: Sequence[LineSignals],
    rule_removed: Sequence[bool],
    weights: Sequence[float],
    bias: float,
) -> list[float]:
    """One round of the context model over the previous round's scores."""
    n_local = len(LOCAL_FEATURES)
    if len(weights) != n_local + len(CONTEXT_FEATURES) and not all(rule_removed):
        raise ValueError(f"{len(weights)} weights for {n_local + len(CONTEXT_FEATURES)} values")
    local_w, context_w = weights[:n_local], weights[n_local:]
    context = context_features(scores, shared.words, shared=shared, skip=rule_removed)
    # the same left-to-right sum as _dot over ``s.features + c``, without joining the tuples
    return [
        fixed
        if c is None
        else _sigmoid(
            bias + sum(map(operator.mul, context_w, c), sum(map(operator.mul, local_w, s.features)))
        )
        for s, c, fixed in zip(signals, context, scores, strict=True)
    ]


def classify_lines(
    lines: Sequence[str],
    *,
    rules: CleanRules,
    lang: str = "en",
    templates: OutletTemplates = NO_TEMPLATES,
    memo: LineMemo | None = None,
) -> list[LineDecision]:
    """Classify every line of one page.

    Parameters
    ----------
    lines : sequence of str
        The page's lines, e.g. ``text.splitlines()``.
    rules : CleanRules
        Lexicon, stopwords and weights.
    lang : str, default="en"
        ISO 639-1 code of the document's language; decides the expected script.
    templates : OutletTemplates
        The document's outlet's templates (see :func:`framelab.clean.learn_templates`).
    memo : LineMemo, optional
        Results for lines seen before with the same rules, language and templates.

    Returns
    -------
    list of LineDecision
        One per input line, in order.
    """
    table = prepare_blocks(lines, rules=rules, lang=lang, templates=templates, memo=memo)
    n = len(lines)
    decisions = list(table.decisions)
    sequence = list(zip(table.blocks, table.texts, strict=True))
    signals = table.signals
    rule_removed = [not text for text in table.texts]
    local = local_scores(table, rules)
    shared = word_context([s.words for s in signals])
    scores = _context_scores(
        local, shared, signals, rule_removed, rules.context_weights, rules.context_bias
    )
    if rules.refine_weights:
        scores = _context_scores(
            scores, shared, signals, rule_removed, rules.refine_weights, rules.refine_bias
        )

    # comment section: boundary after enough body-like text
    body_before = [0] * n
    running = 0
    score_of_line = [0.0] * n
    for (block, _), score in zip(sequence, scores, strict=True):
        for j in block:
            score_of_line[j] = score
    for i in range(n):
        body_before[i] = running
        if score_of_line[i] >= rules.threshold and decisions[i] is None:
            running += len(lines[i].strip())
    start = find_comments_start(lines, body_before, rules)
    if start is not None:
        first, rule = start
        for i in range(first, n):
            decisions[i] = LineDecision(
                False, "comments_section", rule if i == first else f"after line {first + 1}", 0.0
            )

    for (block, _), score, signal in zip(sequence, scores, signals, strict=True):
        for j in block:
            if decisions[j] is not None:
                continue
            label = f"score={score:.2f}"
            if score >= rules.threshold:
                decisions[j] = LineDecision(True, "", f"{label}>={rules.threshold:.2f}", score)
            else:
                reason = (
                    "short_fragment" if signal.words <= rules.short_words else "low_content_score"
                )
                decisions[j] = LineDecision(False, reason, f"{label}<{rules.threshold:.2f}", score)
    _extend_body(sequence, local, signals, decisions, rules.short_words)
    if not any(d is not None and d.kept and d.rule != "blank" for d in decisions):
        _keep_best_block(sequence, scores, signals, decisions)
    _drop_headline(lines, decisions)
    return [d for d in decisions if d is not None]


# A unit of this many words and local score is a full paragraph: next to the body it is body.
_PARAGRAPH_WORDS = 15
_PARAGRAPH_SCORE = 0.6


def _extend_body(
    sequence: Sequence[tuple[tuple[int, ...], str]],
    local: Sequence[float],
    signals: Sequence[LineSignals],
    decisions: list[LineDecision | None],
    short_words: int,
) -> None:
    """Keep full paragraphs that adjoin kept body, as the first and last paragraphs do.

    The context model judges a paragraph by its neighbours, which at the edges of the article
    are page furniture. A removed unit of at least ``_PARAGRAPH_WORDS`` words and a local score
    of at least ``_PARAGRAPH_SCORE`` is kept when the nearest unit before or after it that is
    neither rule-removed nor short was kept, repeated until nothing changes.
    """
    units = [
        k
        for k, (block, text) in enumerate(sequence)
        if text and signals[k].words > short_words and decisions[block[0]] is not None
    ]

    def kept(k: int) -> bool:
        decision = decisions[sequence[k][0][0]]
        return decision is not None and decision.kept

    changed = True
    while changed:
        changed = False
        for pos, k in enumerate(units):
            block = sequence[k][0]
            decision = decisions[block[0]]
            if decision.kept or not decision.rule.startswith("score="):
                continue
            if signals[k].words < _PARAGRAPH_WORDS or local[k] < _PARAGRAPH_SCORE:
                continue
            if (pos > 0 and kept(units[pos - 1])) or (
                pos + 1 < len(units) and kept(units[pos + 1])
            ):
                for j in block:
                    decisions[j] = LineDecision(
                        True, "", f"paragraph next to body, local={local[k]:.2f}", local[k]
                    )
                changed = True


def _keep_best_block(
    sequence: Sequence[tuple[tuple[int, ...], str]],
    scores: Sequence[float],
    signals: Sequence[LineSignals],
    decisions: list[LineDecision | None],
) -> None:
    """When nothing passed the threshold, keep the best-scoring block of ten or more words."""
    best = None
    for k, ((block, text), score) in enumerate(zip(sequence, scores, strict=True)):
        if not text or signals[k].words < _BODY_MIN_WORDS // 2:
            continue
        if any(
            decisions[j] is not None and not decisions[j].rule.startswith("score=") for j in block
        ):
            continue
        if best is None or score > scores[best]:
            best = k
    if best is None:
        return
    for j in sequence[best][0]:
        decisions[j] = LineDecision(
            True, "", f"fallback: best block, score={scores[best]:.2f}", scores[best]
        )


def _drop_headline(lines: Sequence[str], decisions: list[LineDecision | None]) -> None:
    """Remove a short first kept line (the headline) when a long body line follows it."""
    kept = [i for i, d in enumerate(decisions) if d is not None and d.kept and d.rule != "blank"]
    if len(kept) < 2:
        return
    first, second = kept[0], kept[1]
    # words counted only up to one past each limit (a paragraph has hundreds)
    if (
        len(lines[first].split(None, _HEADLINE_MAX_WORDS)) <= _HEADLINE_MAX_WORDS
        # a lead sentence ends in punctuation, also inside a closing quote: '… he said.”'
        and not lines[first].rstrip().rstrip("\"'”’»)").endswith((".", "!", ",", ";", ":"))
        and len(lines[second].split(None, _BODY_MIN_WORDS)) >= _BODY_MIN_WORDS
    ):
        decisions[first] = LineDecision(
            False, "short_fragment", "headline: short first line before the body", 0.0
        )
