import pandas as pd

from framelab.framing.headline import frames_with_target, kwic_examples, mention_rates


def test_mention_rates_cover_every_outlet():
    mentions = pd.DataFrame({"target": ["t", "t", "t", "u"], "outlet": ["a", "a", "b", "c"],
                             "doc_id": ["a1", "a1", "b1", "c1"]})  # fmt: skip
    sizes = pd.DataFrame({"outlet": ["a", "b", "c"], "n_docs": [2, 4, 1]})
    rates = mention_rates(mentions, sizes, "t").set_index("outlet")
    assert rates.loc["a"].tolist() == [2, 1, 2, 0.5]
    assert rates.loc["b", "rate"] == 0.25 and rates.loc["c", "n_mentions"] == 0


def test_frames_with_target_use_the_mentions_paragraphs():
    mentions = pd.DataFrame({"target": ["t", "t"], "outlet": ["a", "a"],
                             "sentence_id": ["d:p001:s001", "d:p001:s002"]})  # fmt: skip
    unit_frames = pd.DataFrame({"unit_id": ["d:p001", "d:p001", "d:p002"],
                                "frame": ["conflict", "morality", "conflict"],
                                "present": [True, False, True]})  # fmt: skip
    table = frames_with_target(mentions, unit_frames, "t").set_index("frame")
    assert table.loc["conflict", "share"] == 1.0 and table.loc["morality", "share"] == 0.0
    assert table.loc["conflict", "n_paragraphs"] == 1


def test_kwic_examples_take_the_first_lines_per_outlet():
    kwic = pd.DataFrame({"target": ["t"] * 3, "outlet": ["a", "a", "b"], "doc_id": ["d", "d", "e"],
                         "start": [50, 10, 5]})  # fmt: skip
    examples = kwic_examples(kwic, "t", per_outlet=1)
    assert examples["start"].tolist() == [10, 5]


def test_frames_with_target_weight_each_document_equally():
    # document d: four target paragraphs, all with conflict; document e: one without it
    mentions = pd.DataFrame({"target": ["t"] * 5, "outlet": ["a"] * 5, "doc_id": list("dddde"),
                             "sentence_id": [f"d:p00{i}:s001" for i in range(1, 5)]
                             + ["e:p001:s001"]})  # fmt: skip
    unit_frames = pd.DataFrame({"unit_id": [f"d:p00{i}" for i in range(1, 5)] + ["e:p001"],
                                "frame": ["conflict"] * 5,
                                "present": [True] * 4 + [False]})  # fmt: skip
    row = frames_with_target(mentions, unit_frames, "t", n_boot=200).iloc[0]
    assert row["share"] == 0.5  # (1 + 0) / 2 documents
    assert row["share_paragraphs"] == 0.8  # 4 of 5 paragraphs
    assert (row["n_docs"], row["n_paragraphs"]) == (2, 5)
    assert 0 <= row["low"] <= row["share"] <= row["high"] <= 1
