"""Mentions in caption, credit or byline sentences are kept but not scored."""

from __future__ import annotations

import pandas as pd
import pytest

from framelab.clean import load_rules
from framelab.stance import CreditDetector, mark_unscored


@pytest.fixture(scope="module")
def detector():
    return CreditDetector.from_rules(load_rules("data/lexicons/boilerplate.yaml"))


@pytest.mark.parametrize(
    ("sentence", "reason"),
    [
        ("Trump speaks in the Oval Office on Monday. (Photo: Evan Vucci/AP)", "caption"),
        ("FILE PHOTO: Putin attends a meeting in Moscow. REUTERS/Maxim Shemetov/File Photo",
         "caption"),
        ("Image caption Mr Trump said Russia was a friend", "caption"),
        ("Russian President Vladimir Putin. Photograph: Alexei Druzhinin/AP", "caption"),
        ("Trump at a rally in Ohio. Credit: Getty Images", "caption"),
        ("Putin and Trump met in Helsinki (Pool/Getty Images)", "caption"),
        ("Trump greets supporters at a rally, April 2016 (Reuters photo: Ann Lee)", "caption"),
        ("Evan Vucci/AP President-elect Donald Trump speaks during a rally in New York.",
         "caption"),
        ("| Ann Lee/AFP/Getty Images Trump vilifies the press at a rally", "caption"),
        ("By Susan Page, USA TODAY", "byline"),
        # ordinary sentences, including the shapes that look like credits
        ("By Tuesday, Trump had signed the bill and flown to Ohio.", None),
        ("He denied any Trump/Russia link in a long interview.", None),
        ("President Trump/Russia probe widened in the spring.", None),
        ("A Reuters/Ipsos poll released Thursday showed Democrats with a narrow lead.", None),
        ("MOSCOW (AP) — Putin warned the United States against deploying new missiles.", None),
        ("The profile photo was changed to a picture of the woman with Trump.", None),
    ],
)  # fmt: skip
def test_captions_credits_and_bylines_are_found(detector, sentence, reason):
    assert detector.reason(sentence) == reason


def test_marked_mentions_are_kept_with_a_reason(detector):
    mentions = pd.DataFrame(
        {
            "doc_id": ["d1", "d1", "d2"],
            "sentence": ["Evan Vucci/AP Trump waves.", "Trump spoke for an hour.",
                         "By Ann Lee and Bo Chen"],
        }
    )  # fmt: skip
    out = mark_unscored(mentions, detector)
    assert out["scored"].tolist() == [False, True, False]
    assert out["skip_reason"].tolist() == ["caption", "", "byline"]
    assert out["doc_id"].tolist() == mentions["doc_id"].tolist()


def test_the_study_lexicon_extends_what_is_skipped(tmp_path, detector):
    study = tmp_path / "boilerplate.yaml"
    study.write_text("credit_or_caption:\n  patterns:\n    - '^pictured:'\n")
    rules = load_rules(["data/lexicons/boilerplate.yaml", study])
    sentence = "Pictured: Trump and Putin at the summit."
    assert detector.reason(sentence) is None
    assert CreditDetector.from_rules(rules).reason(sentence) == "caption"
