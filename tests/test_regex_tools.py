"""Grouping an alternation by first character never changes what it matches."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.regex_tools import first_char_alternation, first_chars, with_first_char_lookahead

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
