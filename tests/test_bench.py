"""The synthetic corpus is deterministic, the measures recover what was planted in it, and each
planted check fails when its stage is replaced by a naive version of it."""

import dataclasses
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from framelab.clean import clean_document, learn_templates, load_rules
from framelab.framing import document_frames, load_frames, outlet_frames, score_units
from framelab.framing.frame_lexicon import compile_terms
from framelab.io import read_word_list
from framelab.segment.tokens import Analyzer
from framelab.segment.units import SentenceSplitter, segment_documents
from framelab.stance import score_mentions, train_default_model
from framelab.stance.vader import vader_analyzer
from framelab.terms.counts import doc_term_matrix, fightin_words, outlet_term_counts
from framelab.terms.targets import attach_sentences, find_mentions, load_targets
from framelab.topics import doc_shares, fit_topics, topic_words_table, unit_matrix

from .conftest import ROOT, bench_module

synth = bench_module("synth")
run = bench_module("run")
baselines = bench_module("baselines")

N_DOCS, SEED = 120, 5
STOPWORDS = read_word_list(ROOT / "data/lexicons/stopwords-en.txt")


@pytest.fixture(scope="module")
def raw_docs() -> pd.DataFrame:
    """The small synthetic corpus as written: ``doc_id, outlet, text``."""
    corpus = synth.generate(N_DOCS, seed=SEED)
    return pd.DataFrame(corpus.docs)[["doc_id", "outlet", "text"]]


def cleaned(raw: pd.DataFrame, *, templates: bool = True) -> pd.DataFrame:
    """``raw`` after cleaning, with each outlet's learned templates as the clean stage does
    (or with the lexicon and line signals alone)."""
    rules = load_rules(synth.RULES)
    learned = {
        outlet: learn_templates(block["text"], stopwords=rules.stopwords) if templates else None
        for outlet, block in raw.groupby("outlet")
    }
    texts = [
        clean_document(text, rules=rules, doc_id=doc_id, templates=learned[outlet]).text
        for doc_id, outlet, text in raw[["doc_id", "outlet", "text"]].itertuples(index=False)
    ]
    return raw.assign(text=texts)


@pytest.fixture(scope="module")
def clean_docs(raw_docs) -> pd.DataFrame:
    return cleaned(raw_docs)


@pytest.fixture(scope="module")
def units(clean_docs) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Paragraphs and sentences of the clean corpus."""
    splitter = SentenceSplitter(read_word_list(ROOT / "data/lexicons/abbreviations-en.txt"))
    return segment_documents(clean_docs, splitter)


@pytest.fixture(scope="module")
def scored_mentions(units) -> pd.DataFrame:
    _, sentences = units
    targets = load_targets(
        ROOT / "data/seed-corpus/targets.yaml", ["russian_arms_offers", "iran_influence"]
    )
    mentions = attach_sentences(find_mentions(sentences, targets), sentences)
    return score_mentions(mentions, train_default_model(random_state=0))


def distinctive(docs: pd.DataFrame) -> pd.DataFrame:
    """Fightin' Words of ``docs``, each outlet against the rest."""
    doc_terms = doc_term_matrix(docs, Analyzer(STOPWORDS), min_count=3)
    return fightin_words(outlet_term_counts(doc_terms))


def raw_differences(docs: pd.DataFrame) -> pd.DataFrame:
    """The naive keyness: an outlet's count of a term minus the other outlets' mean count."""
    counts = outlet_term_counts(doc_term_matrix(docs, Analyzer(STOPWORDS), min_count=3))
    wide = counts.pivot(index="term", columns="outlet", values="n").fillna(0)
    n_others = wide.shape[1] - 1
    frames = [
        pd.DataFrame(
            {
                "outlet": outlet,
                "term": wide.index,
                "z": wide[outlet] - (wide.sum(axis=1) - wide[outlet]) / n_others,
            }  # fmt: skip
        )
        for outlet in wide.columns
    ]
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values(["outlet", "z", "term"], ascending=[True, False, True])


def outlet_frame_table(paragraphs: pd.DataFrame, scorer: Callable | None = None) -> pd.DataFrame:
    """The per-outlet frame statistic, from :func:`score_units` or a naive ``scorer``."""
    frames = load_frames(ROOT / "data/lexicons/frames.yaml")
    scores = (scorer or score_units)(paragraphs, frames)
    return outlet_frames(document_frames(scores), n_boot=500, ci=0.95, random_state=0, min_docs=3)


def substring_scorer(paragraphs: pd.DataFrame, frames: dict) -> pd.DataFrame:
    """The naive frame scorer: each term (its ``*`` dropped) counted as a substring, with no
    word boundaries."""
    correct = score_units(paragraphs, frames)
    texts = paragraphs["text"].str.lower().tolist()
    hits = [
        sum(text.count(term.rstrip("*").lower()) for term in frame.terms)
        for text in texts
        for frame in frames.values()
    ]
    naive = correct.assign(hits=hits)
    return naive.assign(present=naive["hits"] > 0, density=100 * naive["hits"] / naive["n_words"])


def literal_scorer(paragraphs: pd.DataFrame, frames: dict) -> pd.DataFrame:
    """The naive frame scorer: each term matched as a whole word, its ``*`` dropped (no
    wildcard: "clash*" finds "clash", not "clashes")."""
    literal = {}
    for name, frame in frames.items():
        terms = tuple(dict.fromkeys(term.rstrip("*") for term in frame.terms))
        literal[name] = dataclasses.replace(frame, terms=terms, pattern=compile_terms(terms))
    return score_units(paragraphs, literal)


def test_generation_is_deterministic_and_realistic():
    first, second = synth.generate(30, seed=3), synth.generate(30, seed=3)
    assert first == second
    words = [len(d["text"].split()) for d in first.docs]
    assert 400 < sum(words) / len(words) < 800
    assert synth.generate(30, seed=4) != first


def test_outlet_furniture_is_removed_by_templates_learned_from_the_corpus(raw_docs, clean_docs):
    check = run.chrome_check(clean_docs)
    assert check["recovered"].all(), check["detail"].tolist()
    # cleaning switched off, or the lexicon alone: the outlets' own furniture stays
    assert not run.chrome_check(raw_docs)["recovered"].any()
    assert not run.chrome_check(cleaned(raw_docs, templates=False))["recovered"].all()


def test_planted_terms_are_recovered_after_cleaning(clean_docs):
    fightin = distinctive(clean_docs)
    check = pd.concat([run.planted_check(fightin), run.chrome_terms_check(fightin)])
    assert check["recovered"].all(), check


def test_without_cleaning_furniture_words_become_distinctive_terms(raw_docs):
    check = run.chrome_terms_check(distinctive(raw_docs))
    assert not check["recovered"].any(), check["detail"].tolist()


def test_raw_count_differences_rank_the_decoy_above_the_planted_terms(clean_docs):
    check = run.planted_check(raw_differences(clean_docs))
    decoy_outlet = synth.PLANTED_DECOY["outlet"]
    assert not check.loc[check["outlet"] == decoy_outlet, "recovered"].any(), check
    ranking = run.planted_check(distinctive(clean_docs))
    assert ranking.loc[ranking["outlet"] == decoy_outlet, "rank"].max() <= 3


def test_planted_stance_is_recovered_toward_its_target_only(scored_mentions):
    check = run.planted_stance_check(scored_mentions, n_boot=500, n_perm=499)
    assert check["check"].tolist() == ["stance", "stance_other_target", "stance_target_specific"]
    assert check["recovered"].all(), check["detail"].tolist()


def document_tone(units, scored: pd.DataFrame) -> pd.Series:
    """The naive stance: one tone per document, the mean VADER compound of its sentences."""
    _, sentences = units
    analyzer = vader_analyzer()
    compound = [analyzer.polarity_scores(text)["compound"] for text in sentences["text"]]
    return sentences.assign(tone=compound).groupby("doc_id")["tone"].mean()


def document_mean_score(units, scored: pd.DataFrame) -> pd.Series:
    """The naive stance: the model's scores averaged over all of a document's mentions,
    whatever their target."""
    return scored.groupby("doc_id")["score"].mean()


@pytest.mark.parametrize("tone", [document_tone, document_mean_score])
def test_document_level_stance_fails_the_target_specific_check(units, scored_mentions, tone):
    by_document = tone(units, scored_mentions)
    naive = scored_mentions.assign(score=scored_mentions["doc_id"].map(by_document))
    check = run.planted_stance_check(naive, n_boot=500, n_perm=499).set_index("check")
    assert check.loc["stance", "recovered"]  # the outlets' difference alone does not tell
    assert not check.loc["stance_target_specific", "recovered"], check["detail"].tolist()


def test_planted_frame_is_recovered_by_the_outlet_frame_statistic(units):
    paragraphs, _ = units
    check = run.planted_frame_check(outlet_frame_table(paragraphs))
    assert check["recovered"].all(), check["detail"].tolist()


@pytest.mark.parametrize("scorer", [substring_scorer, literal_scorer])
def test_naive_frame_matching_fails_the_frame_check(units, scorer):
    paragraphs, _ = units
    check = run.planted_frame_check(outlet_frame_table(paragraphs, scorer))
    assert not check["recovered"].any(), check["detail"].tolist()


def test_planted_topics_are_recovered(units):
    paragraphs, _ = units
    data = unit_matrix(paragraphs, Analyzer(STOPWORDS))
    fitted = fit_topics(data, engine="nmf", k=5, seed=0, minibatch_above=len(paragraphs))
    check = run.planted_topic_check(
        topic_words_table(fitted.components, data.terms, 8), doc_shares(data.units, fitted.loadings)
    )
    assert check["recovered"].all(), check["detail"].tolist()


def test_random_topic_assignment_fails_the_topic_check(units):
    paragraphs, _ = units
    doc_ids = sorted(paragraphs["doc_id"].unique())
    rng = np.random.default_rng(0)
    k = 5
    assigned = pd.Series(rng.integers(k, size=len(doc_ids)), index=doc_ids)
    doc_topic = pd.DataFrame(
        {"doc_id": np.repeat(doc_ids, k), "topic": np.tile(np.arange(k), len(doc_ids))}
    )
    doc_topic["share"] = (doc_topic["topic"] == doc_topic["doc_id"].map(assigned)).astype(float)
    # each topic's top words: the most frequent words of the documents assigned to it
    doc_terms = doc_term_matrix(
        paragraphs.assign(outlet=paragraphs["doc_id"].map(assigned)), Analyzer(STOPWORDS)
    )
    counts = outlet_term_counts(doc_terms).rename(columns={"outlet": "topic"})
    topic_words = counts.sort_values(["topic", "n"], ascending=[True, False]).groupby("topic")
    check = run.planted_topic_check(topic_words.head(8), doc_topic)
    assert not check["recovered"].any(), check["detail"].tolist()


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
    assert not set(baselines.BASELINES) & set(baselines.NO_BASELINE)
    assert all(name and callable(work) for name, work in baselines.BASELINES.values())
