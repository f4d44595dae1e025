"""Invariants of clean_document on arbitrary and adversarial text (hypothesis)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framelab.clean import REASONS, clean_document, load_rules
from framelab.clean.rules import _EDGE_PUNCT, normalise_line

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


# Shortcuts taken for speed must agree with the plain definitions they replace.
_CHARS = st.text(
    alphabet=st.sampled_from(
        list("aZ1_ .,;:!?…'\"”’»)]」』(-#@/wWhHtTpPsS|»•\n\t\u00a0") + list("ЖжĀ中×")
    ),
    max_size=60,
)
_TERMINAL_LINE_RE = re.compile(r"[.!?…。！？;:]['\"”’»)\]」』]*$")
_TERMINAL_PARAGRAPH_RE = re.compile(r"[.!?…。！？:;]['\"”’»)\]]*$")
_LINK_RE = re.compile(
    r"https?://|www\.|\.(com|org|net|ru|co\.uk)\b|@\w|\S+@\S+\.\w+|[|»›•·▸►→]|#\w", re.I
)


def _reference_script(line: str) -> str:
    letters = len(re.findall(r"[^\W\d_]", line))
    if not letters:
        return "none"
    counts = {
        "latin": len(re.findall(r"[A-Za-z\u00c0-\u024f]", line)),
        "cyrillic": len(re.findall(r"[\u0400-\u04ff]", line)),
        "cjk": len(
            re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]", line)
        ),
    }
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] * 2 > letters else "other"


@settings(max_examples=300, deadline=None)
@given(_CHARS)
def test_shortcuts_match_their_definitions(text):
    from framelab.clean import features, paragraphs

    stripped = text.strip()
    assert features._is_terminal(stripped) == bool(_TERMINAL_LINE_RE.search(stripped))
    assert paragraphs._is_terminal(text) == bool(_TERMINAL_PARAGRAPH_RE.search(text))
    assert features.line_script(text) == _reference_script(text)
    signals = features.line_signals(text, frozenset(), use_stopwords=False)
    assert signals.features[6] == (1.0 if _LINK_RE.search(stripped) else 0.0)
    tail = max(0, len(text) - paragraphs._INITIALS_TAIL)
    assert bool(paragraphs._ENDS_INITIALS_RE.search(text, tail)) == bool(
        paragraphs._ENDS_INITIALS_RE.search(text)
    )


@settings(max_examples=60, deadline=None)
@given(_lines)
def test_memo_does_not_change_decisions(lines):
    from framelab.clean.lines import classify_lines
    from framelab.clean.memo import LineMemo

    memo = LineMemo()
    fresh = classify_lines(lines, rules=RULES)
    assert classify_lines(lines, rules=RULES, memo=memo) == fresh
    assert classify_lines(lines, rules=RULES, memo=memo) == fresh


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x85\xa0\u2028\u3000|»-–:*aB."),
               max_size=30))  # fmt: skip
def test_normalise_line_is_the_whitespace_regex_version(line):
    """Splitting and joining whitespace gives what the regex substitution gave."""
    expected = re.sub(r"\s+", " ", line).strip(_EDGE_PUNCT).strip().lower()
    assert normalise_line(line) == expected


def test_re_and_str_split_know_the_same_whitespace():
    import sys

    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(space.match(char)) == char.isspace(), hex(code)


_spacing_text = st.text(alphabet=st.sampled_from(list(" \t\u00a0\u2003\u3000,1٣a.x")), max_size=30)


@given(_spacing_text)
@settings(max_examples=500, deadline=None)
def test_repair_prefilters_agree_with_their_patterns(text):
    """The cheap tests that let repair_line skip a pattern say yes wherever it would match."""
    from framelab.clean.repairs import _DIGIT_COMMA_RE, _SPACES_RE, _has_wide_space

    assert _has_wide_space(text) == bool(_SPACES_RE.search(text))
    assert bool(_DIGIT_COMMA_RE.search(text)) == bool(re.search(r"\d,\d", text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aBzQ9_ .,:\t\n'’-É"), max_size=60))
def test_word_starts_count_what_the_title_patterns_count(text):
    from framelab.clean import features

    starts = features._word_starts(text, features._WORD_RE.findall(text))
    if starts is not None:
        stripped = text.strip()
        assert starts == (
            len(features._ALPHA_WORD_RE.findall(stripped)),
            len(features._CAP_WORD_RE.findall(stripped)),
        )
    # the signals of a line are the same whether or not its word starts were known
    known = features.local_features([text], frozenset())[0][0]
    assert known == features.line_signals(text, frozenset(), use_stopwords=False)
