"""The synthetic corpus is deterministic, and the measures recover what was planted in it."""

import sys

import pandas as pd
import pytest

from framelab.clean import clean_document, load_rules
from framelab.io import read_word_list
from framelab.segment.tokens import Analyzer
from framelab.terms.counts import doc_term_matrix, fightin_words, outlet_term_counts

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
synth = pytest.importorskip("synth")
run = pytest.importorskip("run")


def cleaned_synthetic(n_docs: int, *, seed: int) -> pd.DataFrame:
    """A synthetic corpus after cleaning: ``doc_id, outlet, text``."""
    corpus = synth.generate(n_docs, seed=seed)
    rules = load_rules(synth.RULES)
    return pd.DataFrame(
        {
            "doc_id": [d["doc_id"] for d in corpus.docs],
            "outlet": [d["outlet"] for d in corpus.docs],
            "text": [clean_document(d["text"], rules=rules).text for d in corpus.docs],
        }
    )


def test_generation_is_deterministic_and_realistic():
    first, second = synth.generate(30, seed=3), synth.generate(30, seed=3)
    assert first == second
    words = [len(d["text"].split()) for d in first.docs]
    assert 400 < sum(words) / len(words) < 800
    assert synth.generate(30, seed=4) != first


def test_planted_terms_are_recovered_after_cleaning():
    docs = cleaned_synthetic(90, seed=11)
    assert not docs["text"].str.contains("Skip to main content|Переведено|Dear reader").any()
    stopwords = read_word_list(ROOT / "data/lexicons/stopwords-en.txt")
    doc_terms = doc_term_matrix(docs, Analyzer(stopwords), min_count=3)
    fightin = fightin_words(outlet_term_counts(doc_terms))
    check = run.planted_check(fightin)
    assert check["recovered"].all(), check


def test_planted_stance_difference_is_recovered():
    from framelab.segment.units import SentenceSplitter, segment_documents
    from framelab.stance import score_mentions, train_default_model
    from framelab.stance.outlets import outlet_stance, stance_permutation_tests
    from framelab.terms.targets import attach_sentences, find_mentions, load_targets

    docs = cleaned_synthetic(120, seed=5)
    splitter = SentenceSplitter(read_word_list(ROOT / "data/lexicons/abbreviations-en.txt"))
    _, sentences = segment_documents(docs, splitter)
    targets = load_targets(ROOT / "data/seed-corpus/targets.yaml", ["russian_arms_offers"])
    mentions = attach_sentences(find_mentions(sentences, targets), sentences)
    scored = score_mentions(mentions, train_default_model(random_state=0))
    stance = outlet_stance(scored, n_boot=500, ci=0.95, random_state=0, min_docs=3)
    tests = stance_permutation_tests(scored, n_perm=499, random_state=0)
    check = run.planted_stance_check(stance, tests)
    assert check["recovered"].all(), check["detail"].tolist()


def test_bench_shards_give_every_core_one_and_stay_bounded():
    assert run.bench_shard_size(1_000, 2) == 500
    assert run.bench_shard_size(10_000, 2) == 5_000
    assert run.bench_shard_size(40_000, 2) == 10_000
    assert run.bench_shard_size(100_000, 2) == run.MAX_SHARD
    assert run.bench_shard_size(100, 2) == 250


def test_a_kept_corpus_is_reused_with_its_results_removed(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "WORK", tmp_path)
    config, corpus_mb = run.prepare_corpus(30, 250, reuse=True)  # nothing kept yet: generated
    raw = sorted((tmp_path / "30/data/raw").iterdir())
    times = [f.stat().st_mtime_ns for f in raw]
    (tmp_path / "30/results").mkdir()
    assert run.prepare_corpus(30, 250, reuse=True) == (config, pytest.approx(corpus_mb))
    assert [f.stat().st_mtime_ns for f in raw] == times
    assert not (tmp_path / "30/results").exists()
    config, _ = run.prepare_corpus(30, 500, reuse=True)  # another shard size: a new config
    assert [f.stat().st_mtime_ns for f in raw] == times
    assert "shard_size: 500" in config.read_text(encoding="utf-8")
    run.prepare_corpus(30, 500, reuse=False)
    assert [f.stat().st_mtime_ns for f in raw] != times


def test_every_stage_has_a_baseline_or_a_reason():
    baselines = pytest.importorskip("baselines")
    assert not set(baselines.BASELINES) & set(baselines.NO_BASELINE)
    assert all(name and callable(work) for name, work in baselines.BASELINES.values())
