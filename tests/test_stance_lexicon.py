"""The transparent lexicon score: VADER through NLTK on the mention's window plus domain cues."""

from __future__ import annotations

import string

import nltk.data
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nltk.sentiment.vader import SentimentIntensityAnalyzer

from framelab.errors import InputError
from framelab.stance import ensure_vader_lexicon, lexicon_stance, load_cues, read_labelled
from framelab.stance.context import mention_context
from framelab.stance.paths import DEFAULT_TRAIN_PATH
from framelab.stance.vader import VaderAnalyzer, vader_analyzer


def _score(sentence: str, target: str, **kw) -> float:
    start = sentence.index(target)
    return lexicon_stance(sentence, start, start + len(target), **kw)


def test_vader_lexicon_is_copied_into_an_nltk_data_root(tmp_path):
    path = ensure_vader_lexicon(tmp_path / "nltk_data")
    assert path.is_file() and path.stat().st_size > 100_000
    assert str((tmp_path / "nltk_data").resolve()) in nltk.data.path
    assert ensure_vader_lexicon(tmp_path / "nltk_data") == path  # idempotent


def test_vader_runs_through_nltk_on_the_packaged_lexicon():
    analyzer = vader_analyzer()
    assert len(analyzer.lexicon) > 7000
    assert analyzer.polarity_scores("a good deal")["compound"] > 0


@pytest.fixture(scope="module")
def nltk_vader() -> SentimentIntensityAnalyzer:
    """NLTK's own analyser on the same lexicon, to compare the fast one against."""
    return SentimentIntensityAnalyzer(lexicon_file=ensure_vader_lexicon().as_uri())


def test_vader_scores_equal_nltk_on_the_training_sentences(nltk_vader):
    sentences = read_labelled(DEFAULT_TRAIN_PATH).sentences[:3000]
    fast = vader_analyzer()
    assert [fast.polarity_scores(s) for s in sentences] == [
        nltk_vader.polarity_scores(s) for s in sentences
    ]


def test_remembered_vader_scores_are_fresh_copies_equal_to_nltk(nltk_vader):
    fast = vader_analyzer()
    text = "Not a good deal, but a very GREAT one :)"
    first = fast.polarity_scores(text)
    first["compound"] = 99.0  # a caller's change must not reach the memory
    assert fast.polarity_scores(text) == nltk_vader.polarity_scores(text)
    assert fast.polarity_scores(text) is not fast.polarity_scores(text)


_WORDS = st.sampled_from(
    ["good", "bad", "not", "very", "GREAT", "kind", "KIND", "of", "but", ":)", "a", "least",
     "never", "extremely", "so", "no", "at", "Hell"]
)  # fmt: skip
_PUNCT = st.text(alphabet=string.punctuation + "!?", max_size=4)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_PUNCT, _WORDS | st.text(max_size=6), _PUNCT), max_size=12))
def test_vader_scores_equal_nltk_on_punctuation_heavy_text(nltk_vader, parts):
    text = " ".join(before + word + after for before, word, after in parts)
    assert vader_analyzer().polarity_scores(text) == nltk_vader.polarity_scores(text)


def test_vader_scores_equal_nltk_when_boosters_are_lexicon_words(tmp_path):
    """A lexicon may list a booster ("extremely") as a word: it still scores 0 itself."""
    path = ensure_vader_lexicon(tmp_path / "nltk_data")
    extra = b"\r\nextremely\t1.5\t0.5\t[1, 2]\r\nhardly\t-1.2\t0.4\t[-1, -1]"
    path.write_bytes(path.read_bytes() + extra)  # NLTK splits at "\n": no newline at the end
    nltk_vader = SentimentIntensityAnalyzer(lexicon_file=path.as_uri())
    fast = VaderAnalyzer(lexicon_file=path.as_uri())
    assert {"extremely", "hardly"} <= set(fast.lexicon) & set(fast.constants.BOOSTER_DICT)
    for text in ("an extremely good deal", "hardly a kind of success", "EXTREMELY bad, kind"):
        assert fast.polarity_scores(text) == nltk_vader.polarity_scores(text)


@pytest.mark.parametrize(
    ("sentence", "target", "sign"),
    [
        ("The S-400 is a reliable and excellent system.", "S-400", 1),
        ("Baghdad called the US occupation a disaster.", "US", -1),
        ("Trump met Putin in Helsinki on Monday.", "Trump", 0),
        ("Russia remains a strategic partner of Iraq.", "Russia", 1),
        ("Critics said the invasion by the coalition was a crime.", "coalition", -1),
    ],
)
def test_sign_of_hand_written_sentences(sentence, target, sign):
    score = _score(sentence, target)
    assert -1 <= score <= 1
    if sign == 0:
        assert score == 0
    else:
        assert score * sign > 0.1


def test_negation_flips_vader_words_and_cues():
    assert _score("The S-400 is good.", "S-400") > 0
    assert _score("The S-400 is not good.", "S-400") < 0
    assert _score("Moscow is a reliable partner.", "Moscow") > 0
    assert _score("Moscow is never a reliable partner.", "Moscow") < 0


def test_hedging_weakens_the_score():
    plain = _score("The deal is a disaster for Iraq.", "Iraq")
    hedged = _score("The deal is allegedly a disaster for Iraq.", "Iraq")
    assert plain < hedged < 0


def test_the_mention_itself_carries_no_sentiment():
    assert _score("The Freedom Party met on Tuesday.", "Freedom Party") == 0


def test_window_limits_what_is_read():
    sentence = "Terrible awful dreadful news came today, and then much later Russia spoke."
    assert _score(sentence, "Russia", window=3) == 0
    assert _score(sentence, "Russia", window=20) < 0


def test_bad_spans_are_refused_with_what_was_allowed():
    with pytest.raises(InputError, match=r"\[5, 99\).*length 10"):
        lexicon_stance("0123456789", 5, 99)
    with pytest.raises(InputError, match="start < end"):
        mention_context("0123456789", 4, 4)


def test_single_word_cues_are_not_in_vader():
    lexicon = vader_analyzer().lexicon
    doubled = [k[0] for k in load_cues().cues if len(k) == 1 and k[0] in lexicon]
    assert not doubled, f"cues also scored by VADER (counted twice): {doubled}"


def test_cue_file_errors_name_the_category(tmp_path):
    bad = tmp_path / "cues.yaml"
    bad.write_text("categories:\n  threat:\n    valence: high\n    terms: [menace]\n")
    with pytest.raises(InputError, match="category 'threat'.*valence"):
        load_cues(bad)
    with pytest.raises(InputError, match="not found"):
        load_cues(tmp_path / "missing.yaml")


def test_custom_cues_are_used(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text("categories:\n  odd:\n    valence: 3\n    terms: [frobnicated]\n")
    cues = load_cues(path)
    assert _score("They frobnicated Acme yesterday.", "Acme", cues=cues) > 0.5
    assert _score("They frobnicated Acme yesterday.", "Acme") == 0


def _find_by_every_length(cues, tokens):
    """Cue matches tried at every position for every term length, longest first."""
    longest = max(len(k) for k in cues.cues)
    found, i = [], 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            cue = cues.cues.get(tuple(tokens[i : i + n]))
            if cue is not None:
                found.append((i, cue.tokens))
                i += n
                break
        else:
            i += 1
    return found


_CUE_TOKENS = st.sampled_from(
    sorted({t for k in load_cues().cues for t in k})[:40] + ["the", "deal", "of", "arms"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUE_TOKENS, max_size=14), st.data())
def test_cue_matches_are_the_longest_term_at_each_position(tokens, data):
    cues = load_cues()
    multi = [k for k in cues.cues if len(k) > 1]
    for _ in range(data.draw(st.integers(0, 2))):  # plant whole multi-word terms too
        at = data.draw(st.integers(0, len(tokens)))
        tokens[at:at] = data.draw(st.sampled_from(multi))
    got = [(m.index, m.cue.tokens) for m in cues.find(tokens)]
    assert got == _find_by_every_length(cues, tokens)
