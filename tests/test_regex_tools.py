"""Grouping an alternation by first character never changes what it matches."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.regex_tools import first_char_alternation

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
