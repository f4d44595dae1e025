"""Invariants of clean_document on arbitrary and adversarial text (hypothesis)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelab.clean import REASONS, clean_document, load_rules

RULES = load_rules()
_TOKEN_RE = re.compile(r"\w+")
SENTENCE = (
    "The minister said on Tuesday that the government would review the agreement with its "
    "partners before the end of the year, officials said."
)
_pieces = st.sampled_from(
    [
        SENTENCE,
        "Skip to main content",
        "“We need help, ”the newspaper said at 06: 28 about 2,5 thousand troops ,",
        "ISIS (a terrorist organization banned in Russia) and the Taliban ** fighters",
        "** Taliban - recognized as terrorist and banned in Russia",
        "Сирия",
        "Photo: Reuters",
        "2 comments",
        "- he said.",
        "G.V.",
        "",
        "   ",
        "...!!!",
        "x" * 3000,
        "\u200b",
        "(banned in Russia)",
    ]
)
_lines = st.lists(st.one_of(_pieces, st.text(max_size=120)), max_size=25)
_separators = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


def _check(text: str) -> None:
    doc = clean_document(text, rules=RULES)
    lines = text.splitlines()
    removed = [r.line_no for r in doc.removed]
    assert len(set(removed)) == len(removed)
    assert not set(removed) & set(doc.kept_line_nos)
    assert sorted(removed + list(doc.kept_line_nos)) == list(range(1, len(lines) + 1))
    for r in doc.removed:
        assert r.text == lines[r.line_no - 1]
        assert r.reason in REASONS
    assert set(_TOKEN_RE.findall(doc.text)) <= set(_TOKEN_RE.findall(text))
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    assert clean_document(doc.text, rules=RULES).text == doc.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_lines, _separators)
def test_invariants_on_mixed_lines(lines, separator):
    _check(separator.join(lines))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=400))
def test_invariants_on_arbitrary_text(text):
    _check(text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([SENTENCE, "Menu", "Photo: AP", "Home", ""]), max_size=40))
def test_invariants_on_page_like_text(lines):
    _check("\n".join(lines))
