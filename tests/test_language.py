import pandas as pd
import pytest

from framelab.clean import article_text
from framelab.config import load_config
from framelab.errors import InputError
from framelab.ingest.corpus import IngestSettings, ingest
from framelab.ingest.language import (
    SAMPLE_CHARS,
    apply_language_policy,
    detect_language,
    language_sample,
)

ENGLISH = "Iraq is interested in buying the S-400 system from Russia, officials said on Monday."
RUSSIAN = (
    "Ирак заинтересован в покупке у России систем С-400, заявили официальные лица в понедельник."
)


def read_corpus(config):
    return ingest(IngestSettings.from_config(load_config(config)), article_text=article_text)


def test_detects_english_and_russian():
    assert detect_language(ENGLISH).language == "en"
    guess = detect_language(RUSSIAN)
    assert guess.language == "ru" and guess.probability > 0.9


def test_a_long_document_is_judged_by_its_body_not_its_english_chrome():
    chrome = "Home | World | Business | Sign in | Subscribe to our newsletter. " * 40
    assert len(chrome) > SAMPLE_CHARS / 2
    text = chrome + " ".join([RUSSIAN] * 60) + chrome
    assert detect_language(text).language == "ru"
    assert detect_language(chrome).language == "en"


def test_language_sample_is_bounded_and_central():
    text = "a" * 10_000 + "MIDDLE" + "b" * 10_000
    sample = language_sample(text)
    assert len(sample) == SAMPLE_CHARS and "MIDDLE" in sample
    assert language_sample("short text") == "short text"


def tables():
    corpus = pd.DataFrame({"doc_id": ["e", "r"], "text": [ENGLISH, RUSSIAN]})
    ledger = pd.DataFrame({"doc_id": ["e", "r"], "status": ["ingested"] * 2, "reason": [""] * 2})
    return corpus, ledger


def test_other_language_is_excluded_and_accounted_for(caplog):
    corpus, ledger = apply_language_policy(
        *tables(), study_language="en", policy="exclude", min_probability=0.9
    )
    assert corpus["doc_id"].tolist() == ["e"]
    row = ledger.set_index("doc_id").loc["r"]
    assert row["status"] == "excluded"
    assert "detected language 'ru'" in row["reason"]
    assert "r: detected language 'ru'" in caplog.text


def test_other_language_can_be_kept_but_is_flagged():
    corpus, ledger = apply_language_policy(
        *tables(), study_language="en", policy="keep", min_probability=0.9
    )
    assert corpus["doc_id"].tolist() == ["e", "r"]
    assert corpus["language_detected"].tolist() == ["en", "ru"]
    flagged = ledger.set_index("doc_id").loc["r"]
    assert flagged["status"] == "ingested" and "study language 'en'" in flagged["reason"]


def test_ingest_excludes_an_untranslated_document(make_corpus):
    config = make_corpus({"d1": ("alpha", ENGLISH), "d2": ("beta", RUSSIAN)})
    corpus, ledger = ingest(
        IngestSettings.from_config(load_config(config)), article_text=article_text
    )
    assert corpus["doc_id"].tolist() == ["d1"]
    assert corpus["shard"].tolist() == ["alpha-000"]
    assert ledger["status"].tolist() == ["ingested", "excluded"]


def test_a_corpus_with_no_document_in_the_study_language_is_refused(make_corpus):
    config = make_corpus({"d1": ("alpha", RUSSIAN)})
    with pytest.raises(InputError, match="no documents left"):
        read_corpus(config)
