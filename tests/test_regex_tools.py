"""Grouping an alternation by first character never changes what it matches."""

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.regex_tools import (
    FOLDS_TO_ASCII,
    WordStarts,
    first_char_alternation,
    first_chars,
    found_anywhere,
    found_at_word_start,
    opens_at_word_start,
    with_first_char_lookahead,
)

WORDS = st.text(alphabet="abcKkSsſ\"'.-1 ", min_size=1, max_size=6)


def _both(terms: list[str], flags: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    branches = [(t[0], f"(?P<t{i}>{re.escape(t)})") for i, t in enumerate(terms)]
    plain = "|".join(regex for _, regex in branches)
    grouped = first_char_alternation(branches)
    return (
        re.compile(rf"(?<!\w)(?:{plain})(?!\w)", flags),
        re.compile(rf"(?<!\w)(?:{grouped})(?!\w)", flags),
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8), st.text(alphabet="abcKkSsſK\"'.-1 \n", max_size=60),
       st.booleans())  # fmt: skip
def test_grouped_alternation_matches_like_the_plain_one(terms, text, ignore_case):
    plain, grouped = _both(terms, re.IGNORECASE if ignore_case else 0)
    found = [(m.span(), m.lastgroup) for m in plain.finditer(text)]
    assert [(m.span(), m.lastgroup) for m in grouped.finditer(text)] == found


def test_groups_only_when_first_characters_allow():
    assert first_char_alternation([("a", "a1"), ("b", "b1"), ("A", "a2")]) == (
        "(?=(?i:[a]))(?:a1|a2)|(?=(?i:[b]))(?:b1)"
    )
    assert first_char_alternation([("a", "a1"), ("-", r"[-\u2013]x")]) == r"a1|[-\u2013]x"


PATTERNS = [
    r"\b(?:US|U\.S\.|American)(?:-led)?\s+troops?\b",
    r"(?-i:\bIS\b)",
    r"\bS-?400s?\b",
    r"[a-c]x|\d+",
    r"(?<=a)b",
    r"x*y",
    r"(?:ab|)c",
    r"[^a]b",
]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATTERNS), st.text(alphabet="abcxyISU.S-40 \ndUs", max_size=50))
def test_first_char_lookahead_finds_the_same_matches(pattern, text):
    plain = re.compile(pattern, re.IGNORECASE)
    ahead = re.compile(with_first_char_lookahead(pattern, re.IGNORECASE), re.IGNORECASE)
    assert [m.span() for m in ahead.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_first_chars_are_known_only_when_every_match_starts_with_one():
    assert first_chars(r"\b(?:US|American)\b") == frozenset("UA")
    assert first_chars(r"[a-c]x") == frozenset("abc")
    assert first_chars(r"(?<=a)b") is None
    assert first_chars(r"x*y") is None
    assert first_chars(r"[^a]b") is None


def test_characters_that_fold_to_ascii_are_all_listed():
    """Every character whose lower case is not one character, lands in ASCII or changes
    word-ness, and every one that case-insensitive matching takes for an ASCII word
    character, sends the text to the case-insensitive scan of WordStarts."""
    listed = set(FOLDS_TO_ASCII)
    word = re.compile(r"\w")
    found = set()
    everything = []
    for code in range(128, sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        everything.append(char)
        lowered = char.lower()
        if (
            len(lowered) != 1
            or lowered.isascii()
            or bool(word.match(char)) != bool(word.match(lowered))
        ):
            found.add(char)
    found |= set(re.findall(r"[a-z0-9_]", "".join(everything), re.IGNORECASE))
    assert found == listed


def _words_keys_fit(keys: list[tuple[str, bool]], text: str) -> list[tuple[int, str]]:
    """Every whole word that a key fits, case-insensitively (the definition)."""
    found = []
    for word in re.finditer(r"(?<!\w)\w+", text):
        patterns = [re.escape(k) + (r"\w*" if prefix else "") for k, prefix in keys]
        if any(re.fullmatch(p, word.group(), re.IGNORECASE) for p in patterns):
            found.append((word.start(), word.group().lower()))
    return found


KEYS = st.lists(
    st.tuples(st.text(alphabet="abkKsS1_İſ", min_size=1, max_size=4), st.booleans()),
    min_size=1,
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(KEYS, st.text(alphabet="abkKsSſıİ\u212a1_ -.'’\n", max_size=60))
def test_word_starts_finds_every_word_a_key_fits(keys, text):
    assert list(WordStarts(keys).finditer(text)) == _words_keys_fit(keys, text)


def test_word_starts_lower_case_scan_on_ascii_keys():
    keys = [("war", True), ("al", False), ("u", False)]
    text = "WARS and warfare; al-Qaeda, U.N. and ALL of the warm-hearted, _war war_"
    assert list(WordStarts(keys).finditer(text)) == [
        (0, "wars"), (9, "warfare"), (18, "al"), (28, "u"), (48, "warm"), (67, "war_"),
    ]  # fmt: skip
    folded = "ſtate \u212aelvin war"  # ſ and the Kelvin sign send it to the case-insensitive scan
    assert list(
        WordStarts([("state", False), ("kelvin", False), ("war", False)]).finditer(folded)
    ) == [(0, "ſtate"), (6, "kelvin"), (13, "war")]


def test_word_starts_refuses_keys_that_are_not_words():
    for keys in ([], [("", False)], [("al-qaeda", False)]):
        with pytest.raises(ValueError, match="runs of word characters"):
            WordStarts(keys)


@pytest.mark.parametrize(
    ("source", "opens"),
    [
        (r"\bS-?400s?\b", True),
        (r"\b(?:US|U\.S\.|American)\s+troops\b", True),
        (r"(?-i:\bIS\b)|\bISIL\b", True),
        (r"\bRussia\b|Moscow", False),  # the second branch may start inside a word
        (r"\b\w+", False),  # first characters not known
        (r"\b-\d+", False),  # a match may start with a non-word character
        (r"(?<!\w)Iran", False),  # only \b is recognised
        (r"Iran\b", False),
        (r"\BIran", False),  # inside a word
        (r"^Iran", False),
    ],
)
def test_opens_at_word_start(source, opens):
    assert opens_at_word_start(source, re.IGNORECASE) is opens


_TARGETISH = [
    r"\bS-?400s?\b", r"(?-i:\bIS\b)", r"\bIran(?:'s)?\b", r"\bk\w*", r"\b(?:a|ſ)b\b",
    r"\bs\s+k\b", r"\b_x(?<=\s_x)",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_TARGETISH), min_size=1, max_size=4, unique=True),
    st.text(alphabet="sSkK\u212aſıİIiranb4_0x-' \n.", max_size=40),
)
def test_found_at_word_start_agrees_with_search(sources, text):
    source = "|".join(f"(?:{s})" for s in sources)
    found = found_at_word_start(source, re.IGNORECASE)
    assert found is not None
    assert found(text) is (re.search(source, text, re.IGNORECASE) is not None)


def test_found_at_word_start_declines_other_patterns():
    assert found_at_word_start(r"Moscow", re.IGNORECASE) is None
    assert found_at_word_start(r"\b(?i)Moscow", 0) is None  # would not compile behind \W


@pytest.mark.parametrize("source", [r"\bMoscow\b", r"Moscow", r"\bS-?400|ow\b"])
@pytest.mark.parametrize("text", ["In Moscow.", "moscow", "Moscowite", "S400s", "slow", ""])
def test_found_anywhere_agrees_with_search(source, text):
    found = found_anywhere(source, re.IGNORECASE)
    assert found(text) is (re.search(source, text, re.IGNORECASE) is not None)


def test_found_anywhere_raises_on_a_pattern_that_does_not_compile():
    with pytest.raises(re.error):
        found_anywhere(r"(?P<a>x)|(?P<a>y)")
