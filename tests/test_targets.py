import pandas as pd
import pytest

from framelab.errors import InputError
from framelab.terms.targets import attach_sentences, find_mentions, load_targets

from .conftest import ROOT

LEXICON = ROOT / "data/seed-corpus/targets.yaml"


@pytest.fixture(scope="module")
def targets():
    return load_targets(LEXICON)


def sentences(*texts):
    return pd.DataFrame(
        {
            "doc_id": ["d"] * len(texts),
            "outlet": ["o"] * len(texts),
            "unit_id": [f"d:p001:s{i:03d}" for i in range(1, len(texts) + 1)],
            "start": [100 * i for i in range(len(texts))],
            "text": list(texts),
        }
    )


def test_shipped_targets_are_the_study_five(targets):
    assert list(targets) == [
        "us_military_presence",
        "russian_arms_offers",
        "russia_role",
        "iran_influence",
        "isis_threat",
    ]


@pytest.mark.parametrize(
    ("text", "target", "surface"),
    [
        ("Iraq wants the S-400 air defense system.", "russian_arms_offers", "S-400"),
        ("a deal for Pantsir-S1 systems", "russian_arms_offers", "Pantsir-S1"),
        (
            "Russian air defense systems were offered",
            "russian_arms_offers",
            "Russian air defense systems",
        ),
        ("the withdrawal of US troops from Iraq", "us_military_presence", "US troops"),
        (
            "the international coalition will leave",
            "us_military_presence",
            "international coalition",
        ),
        ("fighters of DAESH attacked", "isis_threat", "DAESH"),
        ("Tehran's pressure", "iran_influence", "Tehran"),
    ],
)
def test_patterns_find_the_expected_mention(targets, text, target, surface):
    mentions = find_mentions(sentences(text), targets)
    assert surface in mentions[mentions["target"] == target]["surface"].tolist()


def test_is_the_verb_is_not_islamic_state(targets):
    mentions = find_mentions(sentences("This is what IS wants."), targets)
    assert mentions[mentions["target"] == "isis_threat"]["surface"].tolist() == ["IS"]


def test_offsets_index_the_document_and_the_sentence(targets):
    table = sentences("Nothing here.", "Moscow offered the S-400 to Baghdad.")
    mentions = find_mentions(table, targets)
    s400 = mentions[mentions["surface"] == "S-400"].iloc[0]
    assert (s400["start"], s400["end"]) == (100 + 19, 100 + 24)
    assert (s400["sentence_start"], s400["sentence_end"]) == (19, 24)
    assert s400["sentence_id"] == "d:p001:s002"


def test_longest_overlapping_match_wins(targets):
    target = targets["russian_arms_offers"]
    assert target.spans("Russian air defence systems") == [(0, 27)]


def test_misspelt_target_is_named_with_a_suggestion():
    with pytest.raises(
        InputError, match=r"no target 'isis_thret' \(did you mean 'isis_threat'\?\)"
    ):
        load_targets(LEXICON, ["isis_thret"])


def test_empty_lexicon_and_bad_regex_are_refused(tmp_path):
    empty = tmp_path / "empty.yaml"
    empty.write_text("targets: {}\n")
    with pytest.raises(InputError, match="no targets defined"):
        load_targets(empty)
    bad = tmp_path / "bad.yaml"
    bad.write_text("targets:\n  t:\n    patterns: ['(unclosed']\n")
    with pytest.raises(InputError, match=r"targets.t.patterns\[0\]: invalid regex"):
        load_targets(bad)


def test_attach_sentences_adds_each_mentions_sentence(targets):
    table = sentences("Nothing here.", "Moscow offered the S-400 to Baghdad.")
    mentions = attach_sentences(find_mentions(table, targets), table)
    assert set(mentions["sentence"]) == {"Moscow offered the S-400 to Baghdad."}
    row = mentions[mentions["surface"] == "S-400"].iloc[0]
    assert row["sentence"][row["sentence_start"] : row["sentence_end"]] == "S-400"
