"""The synthetic corpus is deterministic, and the measures recover what was planted in it."""

import sys

import pandas as pd
import pytest

from framelab.clean import clean_document, load_rules
from framelab.lexicons import read_word_list
from framelab.terms import doc_term_matrix, fightin_words, outlet_term_counts
from framelab.tokens import Analyzer

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
synth = pytest.importorskip("synth")
run = pytest.importorskip("run")


def test_generation_is_deterministic_and_realistic():
    first, second = synth.generate(30, seed=3), synth.generate(30, seed=3)
    assert first == second
    words = [len(d["text"].split()) for d in first.docs]
    assert 400 < sum(words) / len(words) < 800
    assert synth.generate(30, seed=4) != first


def test_planted_terms_are_recovered_after_cleaning():
    corpus = synth.generate(90, seed=11)
    rules = load_rules()
    docs = pd.DataFrame(
        {
            "doc_id": [d["doc_id"] for d in corpus.docs],
            "outlet": [d["outlet"] for d in corpus.docs],
            "text": [clean_document(d["text"], rules=rules).text for d in corpus.docs],
        }
    )
    assert not docs["text"].str.contains("Skip to main content|Переведено|Dear reader").any()
    stopwords = read_word_list(ROOT / "data/lexicons/stopwords-en.txt")
    doc_terms = doc_term_matrix(docs, Analyzer(stopwords), min_count=3)
    fightin = fightin_words(outlet_term_counts(doc_terms))
    check = run.planted_check(fightin)
    assert check["recovered"].all(), check
