"""Per-line signals that separate article body from page furniture on sites never seen.

Two families, both language-light:

* local signals of one line (:func:`local_features`): length, sentence punctuation, stopword
  ratio, title case, link-like text, digits;
* context signals (:func:`context_features`): the local score of neighbouring lines and whether
  the line lies in the densest run of body-like lines (the main content region, as in jusText
  and boilerpipe).
"""

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "CONTEXT_FEATURES",
    "LOCAL_FEATURES",
    "LineSignals",
    "WordContext",
    "context_features",
    "dominant_script",
    "dominant_script_of",
    "line_script",
    "line_scripts",
    "line_signals",
    "local_features",
    "word_context",
]

_WORD_RE = re.compile(r"\w+")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
_ASCII_CAPITAL_RE = re.compile(r"[A-Z]")
_SENT_PUNCT_RE = re.compile(r"[.,;:!?、，。！？]")
_LINK_RE = re.compile(
    r"https?://|www\.|\.(com|org|net|ru|co\.uk)\b|@\w|\S+@\S+\.\w+|[|»›•·▸►→]|#\w", re.I
)
# The alternatives of _LINK_RE, split so that each is only tried on lines holding a character
# it needs, and "www." is found from its dot (a case-insensitive leading letter defeats the
# regex engine's scan for a first character).
_HTTP_RE = re.compile(r"https?://", re.I)
_DOT_LINK_RE = re.compile(r"\.(?:(?<=www\.)|(?:com|org|net|ru|co\.uk)\b)", re.I)
_LINK_MARK_RE = re.compile(r"[|»›•·▸►→]")
_HASHTAG_RE = re.compile(r"#\w")
# a letter outside the Latin ranges, or a character other than a letter inside the ranges
# counted by _LATIN_RE, _CYRILLIC_RE or _CJK_RE
_OFF_LATIN_RE = re.compile(
    r"[^\W\d_A-Za-z\u00c0-\u024f]|[\u00d7\u00f7\u0400-\u04ff"
    r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
# a line ends a sentence when it ends in one of _TERMINALS, then any number of _CLOSERS
_TERMINALS = ".!?…。！？;:"
_CLOSERS = "'\"”’»)]」』"
_DIGIT_RE = re.compile(r"\d")
_CAP_WORD_RE = re.compile(r"\b[A-ZА-ЯЁ][\w'’-]*")
_ALPHA_WORD_RE = re.compile(r"\b[^\W\d_][\w'’-]*")

LOCAL_FEATURES: tuple[str, ...] = (
    "log_words",
    "log_chars",
    "terminal",
    "sent_punct",
    "stopword_ratio",
    "title_ratio",
    "link_like",
    "digit_ratio",
    "short",
    "starts_lower",
)
CONTEXT_FEATURES: tuple[str, ...] = (
    "self_logit",
    "prev_score",
    "next_score",
    "window_score",
    "in_main_region",
    "near_main_region",
    "sandwiched",
    "rel_position",
    "enclosed",
    "in_lenient_region",
    "near_dense",
    "window_words",
    "strong",
)


@dataclass(frozen=True)
class LineSignals:
    """Raw measurements of one non-blank line.

    Attributes
    ----------
    words : int
        Word count; runs of CJK characters count one word per two characters.
    chars : int
        Characters after stripping surrounding whitespace.
    features : tuple of float
        Values in the order of :data:`LOCAL_FEATURES`.
    """

    words: int
    chars: int
    features: tuple[float, ...]


def line_script(line: str) -> str:
    """Main script of a line: ``latin``, ``cyrillic``, ``cjk``, ``other`` or ``none``."""
    if line.isascii():
        return "latin" if _ASCII_LETTER_RE.search(line) else "none"
    if not _OFF_LATIN_RE.search(line):
        # every letter is a Latin one and nothing else is counted as Latin
        return "latin" if _LETTER_RE.search(line) else "none"
    letters = len(_LETTER_RE.findall(line))
    if not letters:
        return "none"
    counts = {
        "latin": len(_LATIN_RE.findall(line)),
        "cyrillic": len(_CYRILLIC_RE.findall(line)),
        "cjk": len(_CJK_RE.findall(line)),
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 2 > letters else "other"


def _script_weight(line: str) -> int:
    """Weight of a line with letters in :func:`dominant_script`: its letter count."""
    return len(line) if line.isascii() else len(_LETTER_RE.findall(line))


def dominant_script_of(lines: Sequence[str], scripts: Sequence[str]) -> str:
    """:func:`dominant_script` given the :func:`line_script` of every line.

    Lines are only weighed when two or more scripts occur: a single one dominates anyway.
    """
    if len(set(scripts) - {"none"}) <= 1:
        return next((script for script in scripts if script != "none"), "none")
    totals: dict[str, int] = {}
    for line, script in zip(lines, scripts, strict=True):
        if script != "none":
            totals[script] = totals.get(script, 0) + _script_weight(line)
    return max(totals, key=totals.__getitem__)


def dominant_script(lines: Sequence[str]) -> str:
    """Script holding most letters of the text, weighting every line by its letter count."""
    return dominant_script_of(lines, [line_script(line) for line in lines])


def line_scripts(lines: Sequence[str], known: dict[str, str] | None = None) -> list[str]:
    """:func:`line_script` of every line, remembered in ``known`` (line -> script) when given."""
    if known is None:
        return [line_script(line) for line in lines]
    out = []
    for line in lines:
        found = known.get(line)
        if found is None:
            found = known[line] = line_script(line)
        out.append(found)
    return out


def _is_terminal(text: str) -> bool:
    """True when a stripped text ends a sentence (``[.!?…。！？;:]['"”’»)\\]」』]*$``)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINALS


def _signals(
    text: str,
    n_tokens: int,
    stop_hits: int,
    use_stopwords: bool,
    word_starts: tuple[int, int] | None = None,
) -> LineSignals:
    """:func:`line_signals` of a stripped text whose ``\\w+`` tokens are already counted;
    ``word_starts``, when known, holds its :func:`_word_starts`."""
    cjk = 0 if text.isascii() else len(_CJK_RE.findall(text))
    words = n_tokens + cjk // 2 if cjk else n_tokens
    chars = len(text)
    n = max(words, 1)
    stop = stop_hits / max(n_tokens, 1) if use_stopwords else 0.35
    if word_starts is None:
        alpha_words = len(_ALPHA_WORD_RE.findall(text))
        cap_words = len(_CAP_WORD_RE.findall(text)) if alpha_words else 0
    else:
        alpha_words, cap_words = word_starts
    title = cap_words / alpha_words if alpha_words else 0.0
    if text[:1].isalpha():
        first = text[0]
    else:
        first = next((ch for ch in text if ch.isalpha()), "")
    link = (
        ("://" in text and _HTTP_RE.search(text))
        or ("." in text and _DOT_LINK_RE.search(text))
        or _LINK_MARK_RE.search(text)
        or ("#" in text and _HASHTAG_RE.search(text))
        or ("@" in text and _LINK_RE.search(text))
    )
    features = (
        math.log1p(words),
        math.log1p(chars),
        1.0 if _is_terminal(text) else 0.0,
        min(len(_SENT_PUNCT_RE.findall(text)) / n, 1.0),
        stop,
        min(title, 1.0),
        1.0 if link else 0.0,
        len(_DIGIT_RE.findall(text)) / max(chars, 1),
        1.0 if words <= 3 else 0.0,
        1.0 if first.islower() else 0.0,
    )
    return LineSignals(words=words, chars=chars, features=features)


def _stop_hits(tokens: Sequence[str], stopwords: frozenset[str]) -> int:
    return sum(map(stopwords.__contains__, map(str.lower, tokens)))


def _word_starts(text: str, tokens: Sequence[str]) -> tuple[int, int] | None:
    """The numbers of ``_ALPHA_WORD_RE`` and ``_CAP_WORD_RE`` matches in an ASCII text
    without apostrophes or hyphens, read from its ``\\w+`` tokens; None for other texts.

    In such a text a match is a whole token, one that starts with a letter (or a capital):
    a letter inside a token has a word character before it, so no match starts there.
    """
    if not text.isascii() or "'" in text or "-" in text:
        return None
    firsts = "".join([token[0] for token in tokens])
    return len(_ASCII_LETTER_RE.findall(firsts)), len(_ASCII_CAPITAL_RE.findall(firsts))


def line_signals(line: str, stopwords: frozenset[str], *, use_stopwords: bool) -> LineSignals:
    """Measure one line.

    Parameters
    ----------
    line : str
        The line; surrounding whitespace is ignored.
    stopwords : frozenset of str
        Lowercase function words of the document's language.
    use_stopwords : bool
        False when the document is not in the stopwords' language: the ratio is then set to
        a neutral 0.35, the typical share in body text.

    Returns
    -------
    LineSignals
    """
    text = line.strip()
    tokens = _WORD_RE.findall(text)
    hits = _stop_hits(tokens, stopwords) if use_stopwords else 0
    return _signals(text, len(tokens), hits, use_stopwords)


def local_features(
    lines: Sequence[str],
    stopwords: frozenset[str],
    *,
    counts: dict[str, tuple[int, int, tuple[int, int] | None]] | None = None,
    cache: dict[tuple[str, bool], LineSignals] | None = None,
) -> tuple[list[LineSignals], bool]:
    """Local signals of every line, deciding once whether the stopword list applies.

    Parameters
    ----------
    lines : sequence of str
        The lines (or scoring units).
    stopwords : frozenset of str
        Lowercase function words of the default language.
    counts : dict, optional
        Line -> ``(tokens, stopword tokens, word starts)`` (:func:`_word_starts`), of lines
        seen before in the same document
        (:attr:`framelab.clean.memo.LineMemo.tokens`); filled in.
    cache : dict, optional
        ``(line, use_stopwords)`` -> signals of lines seen before (``LineMemo.signals``);
        filled in.

    Returns
    -------
    signals : list of LineSignals
        One per input line (blank lines included, with zero words).
    use_stopwords : bool
        Whether at least 15% of the document's words are stopwords (it is in their language).
    """
    counts = counts if counts is not None else {}
    cache = cache if cache is not None else {}
    total = hits = 0
    for line in lines:
        known = counts.get(line)
        if known is None:
            tokens = _WORD_RE.findall(line)
            known = counts[line] = (
                len(tokens),
                _stop_hits(tokens, stopwords),
                _word_starts(line, tokens),
            )
        total += known[0]
        hits += known[1]
    use = total > 0 and hits / total >= 0.15
    signals = []
    for line in lines:
        found = cache.get((line, use))
        if found is None:
            n_tokens, stop_hits, word_starts = counts[line]
            found = cache[line, use] = _signals(line.strip(), n_tokens, stop_hits, use, word_starts)
        signals.append(found)
    return signals, use


def _main_region(
    scores: Sequence[float], weights: Sequence[float], margin: float = 0.5
) -> tuple[int, int]:
    """Indices [start, end] of the maximum-sum run of ``(score - margin) * weight``."""
    best, best_span = -math.inf, (0, -1)
    run, start = 0.0, 0
    for i, (score, weight) in enumerate(zip(scores, weights, strict=True)):
        if run <= 0:
            run, start = 0.0, i
        run += (score - margin) * weight
        if run > best:
            best, best_span = run, (start, i)
    return best_span


# A line of this local score and word count is a dense body line (an anchor of the article).
_DENSE_SCORE = 0.8
_DENSE_WORDS = 15
# A line of a dense score and this many words is a full paragraph wherever it stands.
_STRONG_WORDS = 25
# Margin of the lenient main region: lines scoring above it extend the region.
_LENIENT_MARGIN = 0.25


def _enclosure(scores: Sequence[float], words: Sequence[int]) -> list[float]:
    """Per line, how evenly body mass lies on both sides: ``2 * min(before, after) / total``.

    ``before`` and ``after`` both include the line's own mass, so the first and the last
    paragraph of an article are not mistaken for furniture around it.
    Body mass is the word count of lines with a local score of at least 0.5; a line in the
    middle of the article scores near 1, page furniture above or below it near 0.
    """
    mass = [w if s >= 0.5 else 0 for s, w in zip(scores, words, strict=True)]
    total = sum(mass)
    if not total:
        return [0.0] * len(mass)
    out = []
    before = 0
    for m in mass:
        after = total - before
        before += m
        out.append(2.0 * min(before, after) / total)
    return out


def _dense_distance(scores: Sequence[float], words: Sequence[int]) -> list[float]:
    """Per line, ``1 / (1 + d)`` with ``d`` the distance in lines to the nearest dense line."""
    n = len(scores)
    far = float(n + 1)
    dist = [far] * n
    last = None
    for i in range(n):
        if scores[i] >= _DENSE_SCORE and words[i] >= _DENSE_WORDS:
            last = i
        if last is not None:
            dist[i] = float(i - last)
    last = None
    for i in range(n - 1, -1, -1):
        if scores[i] >= _DENSE_SCORE and words[i] >= _DENSE_WORDS:
            last = i
        if last is not None:
            dist[i] = min(dist[i], float(last - i))
    return [0.0 if d >= far else 1.0 / (1.0 + d) for d in dist]


@dataclass(frozen=True)
class WordContext:
    """Context signals that depend only on word counts, shared by every scoring round of a page.

    Attributes
    ----------
    words : tuple of int
        Word count per line.
    log_words : tuple of float
        ``log1p`` of each word count.
    window_words : tuple of float
        Per line, the mean ``log_words`` of the other lines within three lines of it.
    """

    words: tuple[int, ...]
    log_words: tuple[float, ...]
    window_words: tuple[float, ...]


def word_context(words: Sequence[int]) -> WordContext:
    """Compute the :class:`WordContext` of a sequence of lines from their word counts."""
    n = len(words)
    log_words = [math.log1p(w) for w in words]
    window_words = []
    for i in range(n):
        lo, hi = max(0, i - 3), min(n, i + 4)
        others = hi - lo - 1
        window_words.append((sum(log_words[lo:hi]) - log_words[i]) / others if others else 0.0)
    return WordContext(tuple(words), tuple(log_words), tuple(window_words))


def context_features(
    scores: Sequence[float],
    words: Sequence[int],
    *,
    shared: WordContext | None = None,
    skip: Sequence[bool] | None = None,
) -> list[tuple[float, ...] | None]:
    """Context signals for a sequence of non-blank lines given their local scores.

    Parameters
    ----------
    scores : sequence of float
        Local probability of being body text, per non-blank line (0 for lines already removed
        by a lexicon rule).
    words : sequence of int
        Word count per line, the weight of a line in the main-region search.
    shared : WordContext, optional
        ``word_context(words)``, when several rounds score the same lines.
    skip : sequence of bool, optional
        Lines whose own signals are not needed (they still count as context of the others);
        their entry is None.

    Returns
    -------
    list of tuple of float
        Values in the order of :data:`CONTEXT_FEATURES`.
    """
    n = len(scores)
    if n == 0:
        return []
    shared = shared if shared is not None else word_context(words)
    log_words, window_words = shared.log_words, shared.window_words
    start, end = _main_region(scores, log_words)
    lstart, lend = _main_region(scores, log_words, _LENIENT_MARGIN)
    enclosed = _enclosure(scores, words)
    near_dense = _dense_distance(scores, words)
    # the best score among the three lines from j on: the three before i are max3[i - 3], the
    # three after it max3[i + 1]
    max3 = [max(scores[j : j + 3]) for j in range(n)]
    last = max(n - 1, 1)
    out: list[tuple[float, ...] | None] = []
    for i, score in enumerate(scores):
        if skip is not None and skip[i]:
            out.append(None)
            continue
        clipped = min(max(score, 1e-4), 1 - 1e-4)
        lo, hi = max(0, i - 3), min(n, i + 4)
        others = hi - lo - 1
        before = max3[i - 3] if i >= 3 else max(scores[:i], default=0.0)
        after = max3[i + 1] if i + 1 < n else 0.0
        inside = start <= i <= end
        out.append(
            (
                math.log(clipped / (1 - clipped)),
                scores[i - 1] if i > 0 else 0.0,
                scores[i + 1] if i + 1 < n else 0.0,
                (sum(scores[lo:hi]) - score) / others if others else 0.0,
                1.0 if inside else 0.0,
                1.0 if inside or min(abs(i - start), abs(i - end)) <= 2 else 0.0,
                min(before, after),
                i / last,
                enclosed[i],
                1.0 if lstart <= i <= lend else 0.0,
                near_dense[i],
                window_words[i],
                1.0 if score >= _DENSE_SCORE and words[i] >= _STRONG_WORDS else 0.0,
            )
        )
    return out
