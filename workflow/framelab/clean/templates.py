"""An outlet's page template, learned from its own documents: the lines and line shapes that
recur across them (widgets, sign-up boxes, captions, bylines), not its articles.

Two kinds of template are learned from the shapes of lines (:func:`line_shape`: numbers,
dates, links, handles and credited names normalised):

* a **line** template: one shape on a line of its own in many documents ("Slideshow (<num>
  Images)", "Copyright © <num> The Daily, LLC.");
* an **affix** template: a fixed start and/or end around a middle that varies ("FILE PHOTO: <…>
  REUTERS/<name>", "JUST WATCHED <…> Replay More Videos", "Enlarge this image toggle caption
  <…>"). An affix must be made of at least two words, one of them not a stopword, and must
  stand at the edge of a line nearly every time the outlet prints it (an ordinary phrase such
  as "the president" is just as common inside lines, a widget's label never is). A start and
  an end learned together remove any line they frame, unless the end finishes a sentence
  ("…, according to the report."): such an affix, like one with a single fixed side, must
  frame mostly short middles (a credit, a title, a list of names) and only removes a line
  whose middle is short, so that a dateline never takes the article's lead paragraph with it.
  A fixed start alone must also begin lines that mostly do not end a sentence (labels and
  widgets do not; short paragraphs of prose do).

A shape is a template when it occurs in at least ``max(min_docs, ceil(min_share * n_docs))``
of the outlet's ``n_docs`` documents (counted once per document). An outlet with fewer than
``min_outlet_docs`` documents learns nothing: its pages are cleaned by the general lexicon and
the line scores alone.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from framelab.clean.shapes import (
    GAP,
    LONG,
    PLACEHOLDERS,
    has_word,
    is_word,
    line_key,
    shape_text,
    word_tokens,
)

__all__ = [
    "NO_TEMPLATES",
    "OutletTemplates",
    "Template",
    "learn_templates",
    "templates_from_table",
    "templates_needed",
]

Shape = tuple[str, ...]

_MAX_AFFIX = 5  # tokens of a learned line start or end
_WORD_CHAR = re.compile(r"\w")
_MIN_EDGE_SHARE = 0.9  # share of an affix's occurrences that stand at the edge of a line
_SHORT_MIDDLE_WORDS = 12  # a one-sided affix removes a line whose middle is at most this long
_MIN_SHORT_SHARE = 0.75  # share of a one-sided affix's lines whose middle is short


@dataclass(frozen=True)
class Template:
    """One learned template, as listed in ``clean/templates.csv``.

    Attributes
    ----------
    kind : str
        ``line`` or ``affix``.
    shape : str
        The shape; an affix is written ``start <…> end`` (either side may be empty).
    n_docs : int
        Documents of the outlet with at least one line of this shape.
    example : str
        The first line (in document order) that has the shape.
    """

    kind: str
    shape: str
    n_docs: int
    example: str


@dataclass(frozen=True)
class OutletTemplates:
    """The templates of one outlet and how they were found.

    Attributes
    ----------
    n_docs : int
        Documents learned from (0 when read from a table).
    needed : int
        Documents a shape had to occur in; 0 when the outlet was too small to learn from (or
        the templates were read from a table).
    lines : frozenset of tuple of str
        Line keys (:func:`framelab.clean.shapes.line_key`).
    starts : dict of tuple of str to frozenset
        Affix templates: ``starts[start]`` holds the ends that start pairs with; ``()`` stands
        for "no fixed start" as a key and "no fixed end" in a set.
    found : tuple of Template
        Every template with its count and an example, for the table.
    """

    n_docs: int = 0
    needed: int = 0
    lines: frozenset[Shape] = frozenset()
    starts: dict[Shape, frozenset[Shape]] = field(default_factory=dict)
    found: tuple[Template, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.lines or self.starts)

    def match(self, line: str) -> str | None:
        """The rule (``template:line`` or ``template:affix``) a line matches, or None."""
        shape = line_key(line)
        if not shape:
            return None
        if shape in self.lines:
            return "template:line"
        if not self.starts or shape[0] == LONG:
            return None  # affixes are labels of short lines
        for i in range(min(_MAX_AFFIX, len(shape) - 1) + 1):
            ends = self.starts.get(shape[:i])
            if not ends:
                continue
            for j in range(min(_MAX_AFFIX, len(shape) - i - 1) + 1):
                end = shape[len(shape) - j :] if j else ()
                if end not in ends:
                    continue
                if i and j and not _ends_sentence(end):
                    return "template:affix"
                middle = shape[i : len(shape) - j]
                if len(word_tokens(middle)) <= _SHORT_MIDDLE_WORDS:
                    return "template:affix"
        return None


NO_TEMPLATES = OutletTemplates()  # an outlet that learned nothing


def templates_needed(n_docs: int, *, min_docs: int, min_share: float) -> int:
    """Documents a shape must occur in for an outlet of ``n_docs`` documents."""
    return max(min_docs, math.ceil(min_share * n_docs))


def _frequent_edges(doc_shapes: Sequence[set[Shape]], needed: int) -> tuple[set[Shape], set[Shape]]:
    """Line starts and ends of one to ``_MAX_AFFIX`` tokens (of short shapes, as
    :func:`_affixes` cuts them) found in at least ``needed`` documents."""
    start_docs: Counter[Shape] = Counter()
    end_docs: Counter[Shape] = Counter()
    for shapes in doc_shapes:
        starts: set[Shape] = set()
        ends: set[Shape] = set()
        for shape in shapes:
            for k in range(1, min(_MAX_AFFIX, len(shape) - 1) + 1):
                starts.add(shape[:k])
                ends.add(shape[-k:])
        start_docs.update(starts)
        end_docs.update(ends)
    return (
        {start for start, n in start_docs.items() if n >= needed},
        {end for end, n in end_docs.items() if n >= needed},
    )


def _affixes(
    shape: Shape, starts: set[Shape], ends: set[Shape]
) -> Iterable[tuple[tuple[Shape, Shape], int]]:
    """Every (start, end) pair around a non-empty middle, one side possibly empty, each
    non-empty side among ``starts`` and ``ends``, with the number of word tokens of the middle
    (of a line short enough to be shaped whole).

    A start or end is in as many documents as the longer ones that begin with it at least,
    so sides are tried from the shortest and the first one missing ends the search.
    """
    n = len(shape)
    top = min(_MAX_AFFIX, n - 1)
    n_starts = next((i - 1 for i in range(1, top + 1) if shape[:i] not in starts), top)
    n_ends = next((j - 1 for j in range(1, top + 1) if shape[n - j :] not in ends), top)
    if not n_starts and not n_ends:
        return
    words = [0]  # words[k]: word tokens among shape[:k]
    for token in shape:
        words.append(words[-1] + is_word(token))
    for i in range(n_starts + 1):
        for j in range(min(n_ends, n - i - 1) + 1):
            if i or j:
                yield (shape[:i], (shape[n - j :] if j else ())), words[n - j] - words[i]


def _ends_sentence(end: Shape) -> bool:
    """True when a line end finishes a sentence: prose, unless its lines are short."""
    return bool(end) and end[-1] in {".", "!", "?", "”", '"', "’", "'"}


def _good_affix(start: Shape, end: Shape, stopwords: frozenset[str]) -> bool:
    words = word_tokens(start) + word_tokens(end)
    if len(words) < 2 or all(w in stopwords for w in words):
        return False
    # an affix ending or starting in a placeholder would split a name or number in two
    return not (start and start[-1] in PLACEHOLDERS) and not (end and end[0] in PLACEHOLDERS)


def _core(piece: Shape) -> Shape:
    """The piece without punctuation at its ends ("the middle east ." -> "the middle east")."""
    words = [k for k, t in enumerate(piece) if any(ch.isalnum() for ch in t) or t in PLACEHOLDERS]
    return piece[words[0] : words[-1] + 1] if words else ()


def _as_text(tokens: Shape) -> str:
    """Tokens as they are printed: no space before closing punctuation or after "(" or "$"."""
    out = ""
    for token in tokens:
        glue = not out or out[-1] in "($" or token in {".", ",", ":", ";", "!", "?", ")", "%"}
        out += token if glue else " " + token
    return out


def _core_finder(texts: Sequence[str]) -> Callable[[str], list[str]]:
    """A function listing the ``texts`` found as whole words in a lowercase line, as
    ``findall`` of ``(?<!\\w)(?:texts)(?!\\w)`` lists them.

    When every text starts with a word character (the cores of shapes do), the line is
    searched, behind one space, for a non-word character and then a text: ``re`` skips from
    one non-word character to the next instead of trying every position. The matches are the
    same: a match is followed by a non-word character, so the next one starts after that
    character, which is never part of the match before it.
    """
    alternation = "|".join(map(re.escape, texts))
    if all(_WORD_CHAR.match(text) for text in texts):
        behind = re.compile(f"\\W({alternation})(?!\\w)")
        return lambda line: behind.findall(" " + line)
    return re.compile(f"(?<!\\w)(?:{alternation})(?!\\w)").findall


def _edge_shares(lines: Sequence[tuple[str, Shape]], pieces: set[Shape]) -> dict[Shape, float]:
    """For each piece: its occurrences at the edge of a line / its core's occurrences anywhere.

    The core is the piece without end punctuation, so a sentence ending such as "the middle
    east ." is compared with "the middle east" inside lines, where prose has it too. A long
    line's key is its lowercase words (:func:`line_key`), so a core without placeholders is
    looked for in its text, as it is printed.
    """
    cores = {piece: _core(piece) for piece in pieces}
    edge: Counter[Shape] = Counter()
    anywhere: Counter[Shape] = Counter()
    wanted = set(cores.values())
    lengths = sorted({len(c) for c in wanted})
    firsts = {c[0] for c in wanted if c}
    # in a long line (kept as its words) a core is found as text: "the middle east"
    texts = {_as_text(c): c for c in wanted if c and not PLACEHOLDERS & set(c)}
    finder = _core_finder(sorted(texts, key=len, reverse=True)) if texts else None
    for text, shape in lines:
        if shape[:1] == (LONG,):
            if finder is not None:
                anywhere.update(texts[m] for m in finder(text.lower()))
            continue
        n = len(shape)
        ends = {shape[:k] for k in range(1, min(n, _MAX_AFFIX) + 1)}
        ends.update(shape[n - k :] for k in range(1, min(n, _MAX_AFFIX) + 1))
        edge.update(ends & pieces)
        for s, token in enumerate(shape):
            if token in firsts:
                for k in lengths:
                    if s + k <= n and (core := shape[s : s + k]) in wanted:
                        anywhere[core] += 1
    return {
        p: min(1.0, edge[p] / anywhere[cores[p]]) if anywhere[cores[p]] else 0.0 for p in pieces
    }


def _count_shapes(
    docs: Sequence[Sequence[tuple[str, Shape]]],
) -> tuple[Counter[Shape], Counter[Shape], dict[object, str], list[set[Shape]]]:
    """Documents per line shape, occurrences of each short shape, examples; only lines with
    a word count (separators and bare numbers carry no template evidence).

    Returns
    -------
    line_docs : Counter
        Shape -> documents with a line of it.
    occurrences : Counter
        Short shape -> its lines, in order of first appearance.
    examples : dict
        Shape -> the first line (stripped) that has it.
    doc_shapes : list of set
        Per document, its distinct short shapes.
    """
    line_docs: Counter[Shape] = Counter()
    occurrences: Counter[Shape] = Counter()
    examples: dict[object, str] = {}
    doc_shapes = []
    for lines in docs:
        seen_lines: set[Shape] = set()
        for text, shape in lines:
            if not has_word(shape):
                continue
            seen_lines.add(shape)
            examples.setdefault(shape, text)
            if shape[0] != LONG:  # a long line is prose or a whole template line, not a label
                occurrences[shape] += 1
        line_docs.update(seen_lines)
        doc_shapes.append({shape for shape in seen_lines if shape[0] != LONG})
    return line_docs, occurrences, examples, doc_shapes


@dataclass
class _AffixCounts:
    """What the outlet's short lines say about each affix (``(start, end)``).

    Attributes
    ----------
    docs : Counter
        Documents with a line it frames.
    shapes : Counter
        Distinct shapes it frames (two or more: its middle varies).
    uses : Counter
        Lines it frames.
    short : Counter
        Lines it frames around a middle of at most ``_SHORT_MIDDLE_WORDS`` words.
    sentences : Counter
        Per fixed start: its lines that end a sentence.
    """

    docs: Counter[tuple[Shape, Shape]] = field(default_factory=Counter)
    shapes: Counter[tuple[Shape, Shape]] = field(default_factory=Counter)
    uses: Counter[tuple[Shape, Shape]] = field(default_factory=Counter)
    short: Counter[tuple[Shape, Shape]] = field(default_factory=Counter)
    sentences: Counter[Shape] = field(default_factory=Counter)


def _count_affixes(
    occurrences: Counter[Shape],
    doc_shapes: Sequence[set[Shape]],
    examples: dict[object, str],
    needed: int,
) -> _AffixCounts:
    """Count every affix of every short shape, listing each distinct shape's affixes once
    however often the outlet prints it. Adds each affix's example (the first line it
    frames) to ``examples``: shapes come in order of first appearance, so an affix's first
    shape holds its first line.

    Only affixes whose start and end are each found in ``needed`` documents are counted:
    an affix is in no more documents than either of its sides, and fewer than ``needed``
    makes no template."""
    counts = _AffixCounts()
    starts, ends = _frequent_edges(doc_shapes, needed)
    affixes_of: dict[Shape, frozenset[tuple[Shape, Shape]]] = {}
    for shape, n in occurrences.items():
        ends_sentence = _ends_sentence(shape)
        found = []
        for affix, middle_words in _affixes(shape, starts, ends):
            found.append(affix)
            counts.shapes[affix] += 1
            counts.uses[affix] += n
            if middle_words <= _SHORT_MIDDLE_WORDS:
                counts.short[affix] += n
            if ends_sentence and not affix[1]:
                counts.sentences[affix[0]] += n
            examples.setdefault(affix, examples[shape])
        affixes_of[shape] = frozenset(found)
    for shapes in doc_shapes:
        counts.docs.update(set().union(*(affixes_of[shape] for shape in shapes)))
    return counts


def learn_templates(
    texts: Iterable[str],
    *,
    stopwords: frozenset[str] = frozenset(),
    min_docs: int = 3,
    min_share: float = 0.02,
    min_outlet_docs: int = 5,
) -> OutletTemplates:
    """Learn one outlet's templates from the raw texts of its documents.

    Parameters
    ----------
    texts : iterable of str
        Raw texts of the documents of ONE outlet.
    stopwords : frozenset of str
        Lowercase stopwords; an affix of stopwords only is never a template.
    min_docs : int, default=3
        Fewest documents a template must occur in.
    min_share : float, default=0.02
        Smallest share of the outlet's documents a template must occur in.
    min_outlet_docs : int, default=5
        Fewest documents an outlet needs to learn templates at all.

    Returns
    -------
    OutletTemplates

    Raises
    ------
    ValueError
        If ``min_docs < 1``, ``min_outlet_docs < 1`` or ``min_share`` is outside [0, 1].
    """
    if min_docs < 1 or min_outlet_docs < 1:
        raise ValueError(
            f"min_docs and min_outlet_docs must be >= 1, got {min_docs}, {min_outlet_docs}"
        )
    if not 0.0 <= min_share <= 1.0:
        raise ValueError(f"min_share must be within [0, 1], got {min_share}")
    # keyed by the stripped line, as the cleaner looks them up (line_key remembers its keys)
    docs = [
        [(line, shape) for raw in text.splitlines() if (shape := line_key(line := raw.strip()))]
        for text in texts
    ]
    n_docs = len(docs)
    if n_docs < min_outlet_docs:
        return OutletTemplates(n_docs=n_docs)
    needed = templates_needed(n_docs, min_docs=min_docs, min_share=min_share)
    line_docs, occurrences, examples, doc_shapes = _count_shapes(docs)
    counts = _count_affixes(occurrences, doc_shapes, examples, needed)

    lines_found = {shape: n for shape, n in line_docs.items() if n >= needed}
    candidates = {
        affix: n
        for affix, n in counts.docs.items()
        if n >= needed
        and counts.shapes[affix] >= 2  # its middle varies
        and _good_affix(*affix, stopwords)
        # a label of short lines (credits, titles), not a way to start or end prose
        and (
            (all(affix) and not _ends_sentence(affix[1]))
            or counts.short[affix] >= _MIN_SHORT_SHARE * counts.uses[affix]
        )
        # a start whose lines are mostly sentences is how the outlet's prose begins
        and (affix[1] or 2 * counts.sentences[affix[0]] < counts.uses[affix])
    }
    shares = _edge_shares(
        [line for lines in docs for line in lines],
        {piece for affix in candidates for piece in affix if piece},
    )
    kept = {
        affix: n
        for affix, n in candidates.items()
        if all(shares.get(piece, 1.0) >= _MIN_EDGE_SHARE for piece in affix if piece)
    }
    # the most general affix of each family: drop an affix that contains a shorter one found
    # in as many documents (its extra tokens were fixed in the examples, not in the template)
    by_count: dict[int, list[tuple[Shape, Shape]]] = defaultdict(list)
    for affix, n in kept.items():
        by_count[n].append(affix)
    kept = {
        (start, end): n
        for (start, end), n in kept.items()
        if not any(
            (s2, e2) != (start, end)
            and start[: len(s2)] == s2
            and (not e2 or end[len(end) - len(e2) :] == e2)
            and len(end) >= len(e2)
            for s2, e2 in by_count[n]
        )
    }
    starts: dict[Shape, set[Shape]] = defaultdict(set)
    for start, end in kept:
        starts[start].add(end)
    found = [
        Template("line", shape_text(shape), n, examples[shape]) for shape, n in lines_found.items()
    ] + [
        Template("affix", shape_text(start + (GAP,) + end), n, examples[(start, end)])
        for (start, end), n in kept.items()
    ]
    found.sort(key=lambda t: (-t.n_docs, t.kind, t.shape))
    return OutletTemplates(
        n_docs=n_docs,
        needed=needed,
        lines=frozenset(lines_found),
        starts={start: frozenset(ends) for start, ends in starts.items()},
        found=tuple(found),
    )


def templates_from_table(found: Iterable[Template]) -> OutletTemplates:
    """Rebuild an outlet's templates from the rows of its ``templates.csv``.

    Shapes are tokens joined by single spaces (no token holds a space), so splitting them
    gives the learned tuples back. The table does not say how many documents the templates
    were learned from, so ``n_docs`` and ``needed`` stay 0.

    Raises
    ------
    ValueError
        If a row's kind is neither ``line`` nor ``affix``, or an affix has no ``<…>``.
    """
    rows = tuple(found)
    lines: set[Shape] = set()
    starts: dict[Shape, set[Shape]] = defaultdict(set)
    for row in rows:
        tokens = tuple(row.shape.split())
        if row.kind == "line":
            lines.add(tokens)
        elif row.kind == "affix" and GAP in tokens:
            gap = tokens.index(GAP)
            starts[tokens[:gap]].add(tokens[gap + 1 :])
        else:
            raise ValueError(f"not a template: kind={row.kind!r} shape={row.shape!r}")
    return OutletTemplates(
        lines=frozenset(lines),
        starts={start: frozenset(ends) for start, ends in starts.items()},
        found=rows,
    )
