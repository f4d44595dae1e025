"""Who is quoted: attributions (speaker + reporting verb) in sentences, typed by source.

Extraction is regex-based and works one sentence at a time. The reporting verbs, the nouns
that mark a medium and the ordered source-type rules live in ``data/lexicons/sources.yaml``.
Patterns found (each match gives one attribution, at most ``MAX_PER_SENTENCE`` per sentence):

- ``X said``, ``X told Izvestia``, ``X stressed/noted/...``: the speaker is the phrase before
  the verb, back to the previous clause boundary (an ``in an interview with ...`` or
  ``citing ...`` clause and ``a/an`` appositives are stepped over);
- ``..., said X``, ``writes the American publication Politico``: the speaker follows the verb
  when the verb comes right after a comma, a closing quote or a dash;
- ``according to X``, ``citing X``, ``reported by X``;
- ``M quoted X as saying`` / ``M quoted the words of X``: one attribution for the medium M
  (found by the first rule) and one for X.

``kind`` is ``media`` when the speaker is a medium, ``direct`` when the attribution follows
a closing quote or a speech dash, else ``indirect``. Pronoun speakers are kept as written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from framelab.errors import InputError
from framelab.framing.source_lexicon import (
    DEFAULT_LEXICON,
    PRONOUN_UNRESOLVED,
    UNKNOWN,
    SourceLexicon,
    function_words,
    is_pronoun,
    load_source_types,
    phrase_cue,
)
from framelab.io import read_word_list
from framelab.regex_tools import found_anywhere
from framelab.stats import bootstrap_ratio_ci, outlet_rng
from framelab.tables import column_rows

__all__ = [
    "ATTRIBUTION_COLUMNS",
    "SOURCE_COLUMNS",
    "SourceLexicon",
    "classify_speaker",
    "extract_attributions",
    "load_source_types",
    "outlet_sources",
]

ATTRIBUTION_COLUMNS = ["doc_id", "outlet", "unit_id", "speaker", "verb", "kind", "start", "end"]
SOURCE_COLUMNS = [
    "outlet",
    "source_type",
    "n",
    "share",
    "low",
    "high",
    "n_docs_with",
    "n_attributions",
    "n_docs",
    "fragile",
]
MAX_PER_SENTENCE = 4
MAX_SPEAKER_WORDS = 14

_QUOTE_END = re.compile(
    r"""(?:[.,!?…]\s*["”»]|["”»]\s*[,.]|^\s*[-—–]|\s[—–-])\s*[,]?\s*[—–-]?\s*$"""
)
_DASH_START = re.compile(r"^\s*[-—–]\s")
_CHANNEL = re.compile(
    r"\s*,?\s*\bin (?:a|an) (?:conversation|interview) with (?:the )?"
    r"(?:[\w.'-]+\s){0,6}?[\w.'-]+?(?=[,.;:]|\s+(?:that|before|about|on)\b|$)",
    re.IGNORECASE,
)
_LEAD = re.compile(
    r"^(?:[\"“”‘’'«»—–-]+\s*|(?:and|but|as|however|also|earlier|meanwhile|moreover|besides|thus|"
    r"so|while|though|although|even though|because|since|what|when|if|where|after|before|"
    r"until|once|in particular|at the same time|in turn|recall that|then|now|(?:so |as )?long as|"
    r"of|to|in|on|at|for|with|from|by)(?=[\s,])[\s,]*|"
    r"(?:in|on|by|during|since|until|after|before)\s+(?:[\w.]+\s+){0,2}?\d{4}\s*,?\s*|"
    r"[\[(]?…[\])]?\s*|[·•]\s*)+",
    re.IGNORECASE,
)
_ADVERBS = re.compile(
    r"(?:\s+(?:also|previously|earlier|repeatedly|then|later|once|recently|already|further|"
    r"has|have|had|was|were|is|also|even|in turn|just|really|actually|never|always|still|"
    r"often|simply|openly|publicly|privately|reportedly|allegedly|(?-i:[a-z]{3,}ly)))+\s*$",
    re.IGNORECASE,
)
_CLAUSE_WORD = re.compile(
    r"\b(?:that|which|who|whom|whose|when|where|if|because|is|are|was|were|has|have|had|"
    r"will|would|can|could|may|might|must|should|does|do|did)\b",
    re.IGNORECASE,
)
_SKIP_SEGMENT = re.compile(
    r"^\s*(?:in (?:a|an) (?:conversation|interview) with|citing|quoting|referring to)\b",
    re.IGNORECASE,
)
_APPOSITIVE = re.compile(r"^\s*(?:an?|the author|author|PhD|head|director)\s", re.IGNORECASE)
_NP_AFTER_STOP = re.compile(
    r"[,.;:!?()\"“”«»]|\s[—–-]\s|\s(?:in (?:a|an) (?:conversation|interview)|that|as saying|"
    r"before|after|on (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|at the time|"
    r"in an article|in a statement|who|which)\b",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(
    r"^(?:(?:last|this|next|earlier|later|on|in|the|early|late|that|each|every)\s+)*"
    r"(?:week|month|year|day|night|morning|afternoon|evening|weekend|spring|summer|fall|autumn|"
    r"winter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|"
    r"tonight)s?$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"^\s*(?:let[’']s|according to|including|such as)\b", re.IGNORECASE)
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}[,;:]?$")
# a passive before the verb ("he was told to leave", "were reported missing")
_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|been|being|be|get|got|gets)(?:\s+(?:also|not|never|(?-i:[a-z]{3,}ly)))?\s*$",
    re.IGNORECASE,
)
# the start of a speaker after its verb ("…," said Smith / said the minister / said two aides)
_INVERTED_START = re.compile(
    r"^(?:[A-Z\d]|(?:the|a|an|his|her|its|their|one|two|three|four|five|several|many|some|"
    r"other|another|both)\s)"
)
_POSSESSIVE_END = re.compile(r"(?:['’]s|s['’])\s*$")
_NEGATION = re.compile(r"n[’']t\b", re.IGNORECASE)
_WORD_CHARS = re.compile(r"[^\w'’-]+")
_PREPOSITIONS = frozenset("to in by with of on at for from about into over under".split())
_NOT_SPEAKER = re.compile(
    r"\b(?:scenario|plan|schedule|agreement|timetable|data|estimates?|rules?|law)\b", re.IGNORECASE
)


def classify_speaker(speaker: str, rules: SourceLexicon | None = None) -> str:
    """The type ``speaker`` gives by its own words: a pronoun is ``pronoun_unresolved`` and a
    phrase without a cue ``unknown`` (:func:`framelab.framing.speakers.type_attributions`
    types those from their document and corpus)."""
    lexicon = rules if rules is not None else _default_lexicon()
    text = " ".join(str(speaker).split())
    if is_pronoun(text):
        return PRONOUN_UNRESOLVED
    cue = phrase_cue(text, lexicon)
    return cue.source_type if cue else UNKNOWN


_DEFAULT: list[SourceLexicon] = []


def _default_lexicon() -> SourceLexicon:
    if not _DEFAULT:
        _DEFAULT.append(load_source_types(DEFAULT_LEXICON))
    return _DEFAULT[0]


def _is_media(speaker: str, lexicon: SourceLexicon) -> bool:
    kind = classify_speaker(speaker, lexicon)
    return kind == "media" or any(p.search(speaker) for p in lexicon.media_nouns)


@functools.cache
def _abbreviations() -> frozenset[str]:
    return read_word_list(DEFAULT_LEXICON.parent / "abbreviations-en.txt")


def _abbreviation_dot(text: str, dot: int) -> bool:
    """True when the period at ``dot`` ends an abbreviation or an initial ("Sen.", "U.S.")."""
    word = re.search(r"[\w.]*$", text[:dot]).group()  # type: ignore[union-attr]
    last = word.rsplit(".", 1)[-1]
    return len(last) == 1 and last.isupper() or word.lower() in _abbreviations()


def _plausible(speaker: str) -> bool:
    """A speaker is a pronoun, or a phrase of at most ``MAX_SPEAKER_WORDS`` words with no
    clause word and with a content word of two letters or more (so never "and", "but" or a
    fragment such as "the u")."""
    words = speaker.split()
    if not words or len(words) > MAX_SPEAKER_WORDS:
        return False
    if len(words) == 1 and is_pronoun(words[0]):
        return True
    if _NEGATION.search(speaker) or _TIME_ONLY.match(speaker.strip()) or _NOT_A_NAME.match(speaker):
        return False
    if speaker.count("(") != speaker.count(")") or _POSSESSIVE_END.search(speaker):
        return False  # "(Emphasis added)", "this week's notes": not a speaker
    function = function_words()
    # "U.S." and "U.N." are names, not the function words "us" and "un"
    bare = [w if _INITIALS.match(w) else _WORD_CHARS.sub("", w).lower() for w in words]
    content = [w for w in bare if w not in function]
    if not any(sum(c.isalpha() for c in w) >= 2 for w in content) or bare[-1] in function:
        return False
    head = re.sub(r"\"[^\"]*\"|“[^”]*”", "", speaker)
    return not _CLAUSE_WORD.search(head)


def _speaker_before(sentence: str, verb_start: int) -> tuple[int, str, bool] | None:
    """Speaker phrase ending just before the verb: (start offset, phrase, after a quote)."""
    left = sentence[:verb_start]
    adverbs = _ADVERBS.search(left)
    if adverbs:
        left = left[: adverbs.start()]
    left = left.rstrip()
    if left.endswith(","):
        left = left[:-1].rstrip()
    # clause boundary: sentence punctuation, a dash, or the end of a quotation
    bound = 0
    for m in re.finditer(
        r"[.;:!?…]\s*[\"”»]?\s+|[.,!?…]?\s*[\"”»]\s*,?\s*|\s[—–-]\s+|^\s*[—–-]\s+|[\"“«]", left
    ):
        if m.group().startswith(".") and _abbreviation_dot(left, m.start()):
            continue
        if m.end() <= len(left):
            bound = m.end()
    quoted = bool(re.search(r"[\"”»]\s*,?\s*[—–-]?\s*$|^\s*[—–-]\s*$", left[:bound]))
    segments = [(m.start(), m.group()) for m in re.finditer(r"[^,]+", left[bound:])]
    if not segments:
        return None
    segments = [(bound + s, t) for s, t in segments]
    idx = len(segments) - 1
    while idx > 0 and _SKIP_SEGMENT.match(segments[idx][1]):
        idx -= 1
    first = idx
    for back in range(idx, max(idx - 4, -1), -1):
        if _APPOSITIVE.match(segments[back][1]) and back > 0:
            prev = segments[back - 1][1].strip()
            if prev[:1].isupper() and not _CLAUSE_WORD.search(prev):
                first = back - 1
                break
    start = segments[first][0]
    end = segments[idx][0] + len(segments[idx][1])
    phrase = left[start:end]
    lead = _LEAD.match(phrase.lstrip())
    offset = len(phrase) - len(phrase.lstrip())
    if lead:
        offset += lead.end()
    phrase = phrase[offset:].rstrip()
    start += offset
    last = phrase.rsplit(maxsplit=1)
    if len(last) == 2 and is_pronoun(last[1]):  # "a move he said", "or so he said"
        start += len(phrase) - len(last[1])
        phrase = last[1]
    if first == idx and not _plausible(phrase):
        return None
    if first != idx and not _plausible(segments[first][1].strip()):
        return None
    return start, phrase, quoted


def _speaker_after(sentence: str, pos: int, *, inverted: bool = False) -> tuple[int, str] | None:
    """Speaker phrase starting at ``pos``: after "according to", or after its verb when
    ``inverted`` ("…," said Smith), where it must start as a noun phrase does."""
    rest = sentence[pos:]
    lead = len(rest) - len(rest.lstrip())
    rest = rest.lstrip()
    stop = next(
        (
            m
            for m in _NP_AFTER_STOP.finditer(rest)
            if not (m.group() == "." and _abbreviation_dot(rest, m.start()))
        ),
        None,
    )
    phrase = (rest[: stop.start()] if stop else rest).rstrip()
    if not _plausible(phrase) or phrase.lower().split()[0] in _PREPOSITIONS:
        return None
    if inverted and not _INVERTED_START.match(phrase):
        return None  # "…, said profits rose": a clause, not a speaker
    if _NOT_SPEAKER.search(phrase):
        return None
    return pos + lead, phrase


@dataclass(frozen=True)
class _VerbPatterns:
    """The sentence-level patterns built from the reporting verbs, compiled once."""

    quoted: re.Pattern[str]  # M quoted X as saying / the words of X
    cited: re.Pattern[str]  # according to X / citing X / reported by X
    verb: re.Pattern[str]  # X said / said X
    # true wherever one of the three could match, so a sentence where it is false has none
    any: Callable[[str], bool]


@functools.lru_cache(maxsize=8)
def _verb_patterns(verbs: tuple[str, ...]) -> _VerbPatterns:
    alternation = "|".join(re.escape(v).replace(r"\ ", r"\s+") for v in verbs)
    return _VerbPatterns(
        quoted=re.compile(
            r"\bquoted\s+(?:the\s+words\s+of\s+)?(?P<sp>[^,.;:]+?)(?:\s+as\s+saying\b|(?=[,.;:]|$))",
            re.IGNORECASE,
        ),
        cited=re.compile(
            rf"\b(?P<verb>according\s+to|citing|(?:{alternation})\s+by)\s+", re.IGNORECASE
        ),
        verb=re.compile(rf"\b(?P<verb>{alternation})\b", re.IGNORECASE),
        any=found_anywhere(
            rf"\bquoted\s|\b(?:according\s+to|citing)\s|\b(?:{alternation})\b", re.IGNORECASE
        ),
    )


def _sentence_attributions(sentence: str, lexicon: SourceLexicon) -> list[dict]:
    patterns = _verb_patterns(lexicon.verbs)
    if not patterns.any(sentence):
        return []
    found: list[dict] = []

    def add(speaker: str, s_start: int, verb: str, start: int, end: int, direct: bool) -> None:
        if not speaker.strip():
            return
        if _is_media(speaker, lexicon):
            kind = "media"
        else:
            kind = "direct" if direct else "indirect"
        found.append({"speaker": speaker, "verb": verb, "kind": kind, "start": start, "end": end})

    quote_in = bool(re.search(r"[\"“”«»]", sentence)) or bool(_DASH_START.match(sentence))
    # M quoted X as saying / M quoted the words of X
    for m in patterns.quoted.finditer(sentence):
        speaker = m.group("sp").strip()
        if _plausible(speaker):
            add(speaker, m.start("sp"), "quoted", m.start(), m.end(), quote_in)
    # according to X / citing X / (as) reported by X
    for m in patterns.cited.finditer(sentence):
        after = _speaker_after(sentence, m.end())
        if after:
            s_start, speaker = after
            verb = re.sub(r"\s+by$", "", m.group("verb").lower())
            add(speaker, s_start, verb, m.start(), s_start + len(speaker), False)
    # X said / said X
    for m in patterns.verb.finditer(sentence):
        verb = " ".join(m.group("verb").lower().split())
        tail = sentence[m.end() :]
        if re.match(r"\s+by\b", tail):
            continue  # passive: "reported by X" is handled above
        before = sentence[: m.start()].rstrip()
        if _PASSIVE.search(before) and not re.match(r"\s+as saying", tail):
            continue  # "he was told to leave": no one is quoted
        channel = _CHANNEL.match(tail)
        end = m.end() + (channel.end() if channel else 0)
        if verb != "quoted" and (not before or before[-1] in ',"”»—–-'):
            after = _speaker_after(sentence, m.end(), inverted=True)
            if after:
                s_start, speaker = after
                direct = bool(_QUOTE_END.search(before)) or (
                    quote_in and bool(re.search(r"[\"”»]", before[-3:]))
                )
                add(speaker, s_start, verb, m.start(), s_start + len(speaker), direct)
                continue
        got = _speaker_before(sentence, m.start())
        if got:
            s_start, speaker, quoted = got
            direct = quoted or bool(_DASH_START.match(sentence[:s_start] or " "))
            add(speaker, s_start, verb, s_start, end, direct and quote_in)
    # one attribution per speaker span; the widest match wins; keep the first few
    found.sort(key=lambda a: (a["start"], -(a["end"] - a["start"])))
    kept: list[dict] = []
    for att in found:
        if any(att["speaker"] == k["speaker"] for k in kept):
            continue
        if any(att["start"] < k["end"] and k["start"] < att["end"] for k in kept):
            if not any(att["speaker"] not in k["speaker"] for k in kept):
                continue
        kept.append(att)
    return kept[:MAX_PER_SENTENCE]


def extract_attributions(
    sentences: pd.DataFrame, lexicon: SourceLexicon | str | Path | None = None
) -> pd.DataFrame:
    """Attributions in ``sentences`` (columns ``doc_id, outlet, unit_id, text``).

    Returns one row per attribution with ``ATTRIBUTION_COLUMNS``; ``start``/``end`` are
    character offsets of the match (speaker and verb) in the sentence text.
    """
    missing = [c for c in ("doc_id", "outlet", "unit_id", "text") if c not in sentences.columns]
    if missing:
        raise InputError(f"sentences: missing column(s) {missing}")
    if lexicon is None:
        lex = _default_lexicon()
    elif isinstance(lexicon, SourceLexicon):
        lex = lexicon
    else:
        lex = load_source_types(lexicon)
    rows = []
    for doc_id, outlet, unit_id, text in column_rows(
        sentences, ["doc_id", "outlet", "unit_id", "text"]
    ):
        if not isinstance(text, str) or not text.strip():
            continue
        for att in _sentence_attributions(text, lex):
            rows.append({"doc_id": doc_id, "outlet": outlet, "unit_id": unit_id, **att})
    out = pd.DataFrame(rows, columns=ATTRIBUTION_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"})


def outlet_sources(
    attributions: pd.DataFrame,
    docs: pd.DataFrame,
    lexicon: SourceLexicon | str | Path | None = None,
    *,
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: int = 0,
    min_docs: int = 3,
) -> pd.DataFrame:
    """Source types per outlet: ``n``, ``share`` (sums to 1 per outlet) with a percentile
    interval ``low``-``high`` resampling the outlet's documents (those in ``docs``, with or
    without attributions), ``n_docs_with``, and ``fragile`` below ``min_docs`` documents.

    ``source_type`` is taken from an existing column of ``attributions`` or computed with
    :func:`classify_speaker`. ``n_attributions`` and ``n_docs`` (documents of the outlet in
    ``docs``) are repeated on every row of the outlet. Outlets without attributions get no row.
    """
    if lexicon is None:
        lex = _default_lexicon()
    elif isinstance(lexicon, SourceLexicon):
        lex = lexicon
    else:
        lex = load_source_types(lexicon)
    att = attributions.copy()
    if "source_type" not in att.columns:
        att["source_type"] = [classify_speaker(s, lex) for s in att["speaker"]]
    if att.empty:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    rows = []
    for outlet, block in att.groupby("outlet", sort=True):
        doc_ids = sorted(set(docs.loc[docs["outlet"] == outlet, "doc_id"]) | set(block["doc_id"]))
        table = pd.crosstab(block["doc_id"], block["source_type"]).reindex(doc_ids, fill_value=0)
        types = sorted(table.columns, key=lambda t: (-int(table[t].sum()), t))
        counts = table[types].to_numpy()
        share, low, high = bootstrap_ratio_ci(
            counts, counts.sum(axis=1), n_boot=n_boot, ci=ci,
            rng=outlet_rng(random_state, f"sources:{outlet}"),
        )  # fmt: skip
        n_docs = int(docs.loc[docs["outlet"] == outlet, "doc_id"].nunique())
        for j, source_type in enumerate(types):
            rows.append(
                {"outlet": outlet, "source_type": source_type, "n": int(counts[:, j].sum()),
                 "share": float(share[j]), "low": float(low[j]), "high": float(high[j]),
                 "n_docs_with": int((counts[:, j] > 0).sum()),
                 "n_attributions": int(counts.sum()), "n_docs": n_docs,
                 "fragile": n_docs < min_docs}
            )  # fmt: skip
    return pd.DataFrame(rows, columns=SOURCE_COLUMNS)
