import numpy as np
import pandas as pd
import pytest

from framelab.segment.tokens import Analyzer
from framelab.topics.models import document_frequency, unit_matrix
from framelab.topics.units import EXCLUSION_REASONS, screen_units, unit_exclusion

SENTENCE = "The Senate voted on Tuesday to approve new sanctions against Russia and Iran."


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("MICHAEL BARBARO:", "label"),
        ("Advertisement", "label"),
        ("David Jackson", "label"),
        ("TRUMP DECLARES CASE CLOSED", "label"),
        ("Update 1335 BST", "timestamp"),
        ("12:45 p.m. ET", "timestamp"),
        ("Posted May 3, 2019 at 10:15 am", "timestamp"),
        ("Monday, March 4", "timestamp"),
        ("Coats grimaced.", "short"),
        ("The talks resumed.", "short"),
        (SENTENCE, ""),
        ("Why Democrats in the House did not go broader on the sanctions bill", ""),
    ],
)
def test_unit_exclusion_names_the_reason(text, reason):
    assert unit_exclusion(text, min_words=8) == reason
    assert reason == "" or reason in EXCLUSION_REASONS


def test_screen_keeps_every_unit_and_strips_speaker_labels():
    units = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d1", "d2", "d2"],
            "outlet": ["a", "a", "a", "b", "b"],
            "unit_id": ["d1:1", "d1:2", "d1:3", "d2:1", "d2:2"],
            "text": [
                "MICHAEL BARBARO:",
                "MICHAEL BARBARO: So what did the inspectors find at the enrichment site?",
                "Update 1335 BST",
                SENTENCE,
                "Too short here.",
            ],
        }
    )
    screened = screen_units(units, min_words=8)
    assert screened["unit_id"].tolist() == units["unit_id"].tolist()  # every unit accounted
    assert screened["excluded_reason"].tolist() == ["label", "", "timestamp", "", "short"]
    assert screened["topic_unit"].tolist() == [False, True, False, True, False]
    assert screened.loc[1, "text"].startswith("So what did")
    assert "barbaro" not in screened.loc[1, "text"].lower()
    with pytest.raises(KeyError, match="text"):
        screen_units(units.drop(columns="text"), min_words=8)


def corpus() -> pd.DataFrame:
    """Ten documents of two units: 'everywhere' in all, 'solo' in one document only (twice),
    'pair' in two documents, 'common' in six of ten."""
    rows = []
    for d in range(10):
        words = ["everywhere", "filler"]
        if d == 0:
            words += ["solo", "solo"]
        if d in (1, 2):
            words.append("pair")
        if d < 6:
            words.append("common")
        rows.append((f"d{d}", "x", f"d{d}:1", " ".join(words)))
        rows.append((f"d{d}", "x", f"d{d}:2", " ".join(words)))
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "unit_id", "text"])


def test_vocabulary_is_pruned_by_document_not_unit_frequency():
    units = corpus()
    loose = unit_matrix(units, Analyzer([]), min_df=1, max_df=1.0)
    assert {"solo", "everywhere"} <= set(loose.terms)
    frequency = document_frequency(loose.counts, units["doc_id"].to_numpy())
    df = dict(zip(loose.terms, frequency, strict=True))
    assert df == {"common": 6, "everywhere": 10, "filler": 10, "pair": 2, "solo": 1}
    # "solo" fills two units of one document: unit frequency 2, document frequency 1
    pruned = unit_matrix(units, Analyzer([]), min_df=1, max_df=1.0, min_docs=2, max_doc_share=0.5)
    assert pruned.terms.tolist() == ["pair"]
    wider = unit_matrix(units, Analyzer([]), min_df=1, max_df=1.0, min_docs=2, max_doc_share=0.6)
    assert wider.terms.tolist() == ["common", "pair"]
    assert all(set(t) <= {"common", "pair"} for t in wider.tokens)


def test_pruning_everything_warns_with_the_keys_and_keeps_the_unit_limits(caplog):
    units = corpus()
    data = unit_matrix(units, Analyzer([]), min_df=1, max_df=1.0, min_docs=5, max_doc_share=0.1)
    assert "topics.min_docs=5 and topics.max_doc_share=0.1" in caplog.text
    assert data.terms.tolist() == ["common", "everywhere", "filler", "pair", "solo"]


def test_a_tiny_corpus_keeps_terms_of_min_docs_documents():
    units = corpus()[corpus()["doc_id"].isin(["d0", "d1", "d2"])]
    # three documents: the ceiling 0.5 * 3 = 1.5 is raised to min_docs = 2
    pruned = unit_matrix(units, Analyzer([]), min_df=1, max_df=1.0, min_docs=2, max_doc_share=0.5)
    assert pruned.terms.tolist() == ["pair"]
    assert np.asarray(pruned.counts.sum(axis=0)).ravel().tolist() == [4.0]


@pytest.mark.parametrize(
    ("text", "modelled"),
    [
        ("MICHAEL BARBARO: So what did they find?", "So what did they find?"),
        ("Update 1335 BST: Russian troops crossed.", "Russian troops crossed."),
        ("12:45 p.m. ET — Trump said he would veto it.", "Trump said he would veto it."),
        ("2016 was a year of change.", "2016 was a year of change."),
        ("At 12:45 the plane landed.", "At 12:45 the plane landed."),
        ("Michael Barbaro: So what?", "Michael Barbaro: So what?"),  # not a label in capitals
    ],
)
def test_leading_labels_and_timestamps_leave_the_modelled_text(text, modelled):
    from framelab.topics.units import strip_speaker_label

    assert strip_speaker_label(text) == modelled


def test_a_text_repeated_across_documents_is_a_template_not_a_topic_unit():
    template = "Sign up for our newsletter to get the latest stories delivered to your inbox."
    units = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3", "d1", "d2"],
            "outlet": ["a", "a", "b", "a", "a"],
            "unit_id": ["d1:1", "d2:1", "d3:1", "d1:2", "d2:2"],
            "text": [
                template,
                template.replace("our", "our 2"),
                template.replace(".", "!"),
                SENTENCE,
                SENTENCE,
            ],
        }
    )
    screened = screen_units(units, min_words=8, max_repeats=3)
    assert screened["excluded_reason"].tolist() == ["repeated"] * 3 + ["", ""]  # SENTENCE: 2 docs
    credits = units.assign(
        text=[f"Photo credit: {name} / Getty Images. See the slideshow gallery of images."
              for name in ["Ann Lee", "Bo Diaz", "Cy Young", "Di Ray", "Ed Moe"]],
        doc_id=["d1", "d2", "d3", "d4", "d5"],
    )  # fmt: skip
    credits = pd.concat([credits, units.iloc[[3]]], ignore_index=True)  # and one article line
    reasons = screen_units(credits, min_words=8, max_repeats=3)["excluded_reason"]
    assert reasons.tolist() == ["repeated"] * 5 + [""]  # a credit line with another name
    assert "repeated" in EXCLUSION_REASONS
    assert screen_units(units, min_words=8)["topic_unit"].all()  # None keeps repeats


def test_a_corpus_of_nothing_but_repeats_is_modelled_with_a_warning(caplog):
    units = pd.DataFrame(
        {
            "doc_id": ["d1", "d2", "d3"],
            "outlet": ["a", "a", "b"],
            "unit_id": ["d1:1", "d2:1", "d3:1"],
            "text": [SENTENCE] * 3,
        }
    )
    screened = screen_units(units, min_words=8, max_repeats=3)
    assert screened["topic_unit"].all()
    assert "topics.max_unit_repeats" in caplog.text
