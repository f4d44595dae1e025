"""The word-by-word char_wb transform equals scikit-learn's, entry for entry."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from framelab.stance import char_ngrams, read_labelled
from framelab.stance.char_ngrams import char_wb_transform, word_ngrams
from framelab.stance.paths import DEFAULT_TRAIN_PATH


def _same(a, b) -> None:
    assert a.shape == b.shape
    assert a.dtype == b.dtype
    assert np.array_equal(a.indptr, b.indptr)
    assert np.array_equal(a.indices, b.indices)
    assert np.array_equal(a.data, b.data)  # bit for bit, not approximately


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return list(read_labelled(DEFAULT_TRAIN_PATH).sentences[:1500])


@pytest.mark.parametrize("ngram_range", [(2, 5), (1, 3), (3, 3)])
@pytest.mark.parametrize("options", [{}, {"sublinear_tf": True}, {"norm": None, "use_idf": False}])
def test_equals_sklearn_on_news_sentences(sentences, ngram_range, options):
    fitted = TfidfVectorizer(
        analyzer="char_wb", ngram_range=ngram_range, min_df=3, lowercase=False, **options
    ).fit(sentences[:1000])
    held_out = sentences[1000:]  # words and n-grams the vocabulary has never seen
    _same(char_wb_transform(fitted, held_out), fitted.transform(held_out))


def test_equals_sklearn_when_counted_in_chunks(sentences, monkeypatch):
    fitted = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, lowercase=False
    ).fit(sentences[:1000])
    monkeypatch.setattr(char_ngrams, "_CHUNK", 7)  # 500 texts: 72 chunks, the last one short
    _same(char_wb_transform(fitted, sentences[1000:]), fitted.transform(sentences[1000:]))


_TEXT = st.text(alphabet=st.sampled_from(list("ab cé\t\n\u00a0\u2028Z'-")), max_size=40)


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6))  # sklearn refuses an empty list
def test_equals_sklearn_on_odd_whitespace_and_short_words(texts):
    fitted = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), lowercase=False, sublinear_tf=True
    ).fit(["ab a b cé Z'-a", "a-b ba ab\tc", "é é ab"])
    _same(char_wb_transform(fitted, texts), fitted.transform(texts))


def test_word_ngrams_follow_sklearn_order():
    analyze = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), lowercase=False)
    for word in ("a", "ab", "abc", "abcdef"):
        assert word_ngrams(word, 2, 4) == analyze.build_analyzer()(word)


@pytest.mark.parametrize(
    "options",
    [
        {"binary": True},
        {"strip_accents": "unicode"},
        {"preprocessor": str.upper},
        {"dtype": np.float32},
        pytest.param(
            {"dtype": np.int64, "norm": None, "use_idf": False},
            marks=pytest.mark.filterwarnings("ignore:Only .* 'dtype' should be used"),
        ),
    ],
    ids=["binary", "strip_accents", "preprocessor", "float32", "int64"],
)
def test_every_option_gives_sklearns_matrix(sentences, options):
    fitted = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 4), lowercase=False, **options
    ).fit(sentences[:300])
    texts = sentences[300:400] + ["Déjà vu, naïve café"]
    _same(char_wb_transform(fitted, texts), fitted.transform(texts))


def test_a_pandas_series_gives_sklearns_matrix(sentences):
    fitted = TfidfVectorizer(analyzer="char_wb", lowercase=False).fit(sentences[:300])
    texts = pd.Series(sentences[300:350], index=range(1000, 1050))
    _same(char_wb_transform(fitted, texts), fitted.transform(texts))


def test_other_vectorizers_go_through_sklearn(sentences):
    lowering = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 3)).fit(sentences[:200])
    texts = ["The S-400 DEAL", "an Offer"]
    _same(char_wb_transform(lowering, texts), lowering.transform(texts))
    words = TfidfVectorizer(lowercase=False).fit(sentences[:200])
    _same(char_wb_transform(words, texts), words.transform(texts))
