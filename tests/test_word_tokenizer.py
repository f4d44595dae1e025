"""The fast word tokenizer gives exactly NLTK's tokens."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.tokenize import NLTKWordTokenizer

from framelab.segment.word_tokenizer import FOLDS_TO_ASCII, SPLIT_NOT_SPACE, WordTokenizer

from .conftest import ROOT

TRICKY = [
    "",
    "   ",
    '"Hello," she said. "Don\'t go!"',
    "I cannot, won't and gimme gonna GOTTA lemme wanna more'n d'ye 'tis 'twas go.",
    "U.S. forces... left (on 3,500 trucks) -- at 06:28; cost $3.88 & 20% [sic] {x} <y>.",
    "«Quoted» “curly” ‘single’ „low” ’tis — dash – en ‒ fig ― bar *star* ?!",
    "Iraq's army isn't there'll they've we're I'm he'd IRAQ'S CAN'T ''double'' ``tick``",
    "ends with a period inside quotes.\" and final.'",
    "The tiſ ſhall cannot KELVIN \u212a and dotless \u0131 İ.",
    "'s¹ and 't² \x1c'd½",
    "“Curly” text — I cannot, gimme GONNA lemme wanna gotta go.",
    "“Curly” G\u0131MME ca\u212anot g\u0130mme ſ wanna cannot.",
    " \t\n \x85\xa0",
    "\u3000lead and trail\u2003 \n",
    "separators\x1cjoin\x1fwords but\x1d  not\t\tspaces\x1e.",
    "Mixed\r\nline\x0bends\x0cand\u2028breaks\u2029here.",
]
SYMBOLS = list("\"'`«»“”‘’„.,:;!?@#$%&*()[]{}<>-\u2012\u2013\u2014\u2015 \n\tſı¹½Ⅻ\x1c\x85")


def test_folds_to_ascii_lists_every_character_matching_an_ascii_letter_ignoring_case():
    import re
    import sys

    import regex

    engines = [re.compile("[a-z]", re.IGNORECASE), regex.compile("[a-z]", regex.IGNORECASE)]
    found = [
        c for c in map(chr, range(128, sys.maxunicode + 1)) if any(e.match(c) for e in engines)
    ]
    assert "".join(found) == FOLDS_TO_ASCII


def test_split_not_space_lists_every_character_split_treats_as_whitespace_and_regex_not():
    import sys

    import regex

    space = regex.compile(r"\s", regex.VERSION0 | regex.UNICODE)
    found = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() != bool(space.match(c))]
    assert "".join(found) == SPLIT_NOT_SPACE


@pytest.fixture(scope="module")
def tokenizers() -> tuple[WordTokenizer, NLTKWordTokenizer]:
    return WordTokenizer(), NLTKWordTokenizer()


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_text_matches_nltk(tokenizers, text):
    fast, nltk = tokenizers
    assert fast.tokenize(text) == nltk.tokenize(text)
    assert fast.tokenize(text.lower()) == nltk.tokenize(text.lower())


def test_seed_articles_match_nltk(tokenizers):
    fast, nltk = tokenizers
    for path in sorted((ROOT / "data" / "raw").iterdir()):
        text = path.read_text(encoding="utf-8")
        assert fast.tokenize(text) == nltk.tokenize(text), path.name
        assert fast.tokenize(text.lower()) == nltk.tokenize(text.lower()), path.name


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["can", "not", "gim", "me", "gon", "na", "t", "is", "was", "ye"]),
            st.sampled_from(["'s", "n't", "'ll", "'re", "'ve", "'m", "'d", "more'n", "d'ye"]),
            st.sampled_from(SYMBOLS),
            st.text(max_size=6),
        ),
        max_size=40,
    )
)
def test_arbitrary_text_matches_nltk(pieces):
    text = "".join(pieces)
    assert WordTokenizer().tokenize(text) == NLTKWordTokenizer().tokenize(text)


def test_patterns_moved_to_re_are_ones_both_engines_match_alike():
    import re

    from framelab.segment.word_tokenizer import _RUN_WITH_RE

    guarded = {
        str(p.pattern)
        for p, _ in [
            *NLTKWordTokenizer.STARTING_QUOTES,
            *NLTKWordTokenizer.PUNCTUATION,
            *NLTKWordTokenizer.ENDING_QUOTES,
        ]
        if not isinstance(p, re.Pattern)
    }
    for source in _RUN_WITH_RE:
        assert source in guarded
        assert not re.search(r"\\[wWbBsSdDAZ]|\(\?[a-zA-Z]", source), source
