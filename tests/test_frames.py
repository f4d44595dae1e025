import math

import numpy as np
import pandas as pd
import pytest

from framelab.errors import InputError
from framelab.framing.frame_lexicon import load_frames
from framelab.framing.frames import (
    DOCUMENT_COLUMNS,
    OUTLET_COLUMNS,
    PRECISION_COLUMNS,
    SAMPLE_COLUMNS,
    UNIT_COLUMNS,
    count_words,
    document_frames,
    outlet_frames,
    score_units,
    validation_precision,
    validation_sample,
)

from .conftest import ROOT

LEXICON = ROOT / "data/lexicons/frames.yaml"

SMALL = """
frames:
  conflict:
    definition: Disagreement.
    provenance: Test.
    terms: [war, clash*, war of words]
  sovereignty:
    definition: Independence.
    provenance: Test.
    terms: [sovereign*, internal affairs]
"""


@pytest.fixture
def small(tmp_path):
    path = tmp_path / "frames.yaml"
    path.write_text(SMALL, encoding="utf-8")
    return load_frames(path)


def units(*rows):
    """Units from (doc_id, outlet, unit_id, text) tuples."""
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "unit_id", "text"])


def score(frames, text):
    table = score_units(units(("d", "o", "d:s1", text)), frames)
    return table.set_index("frame")


# --- the shipped lexicon --------------------------------------------------------------------


def test_shipped_lexicon_has_the_eleven_frames():
    frames = load_frames(LEXICON)
    assert list(frames) == [
        "conflict",
        "responsibility",
        "economic_consequences",
        "human_interest",
        "morality",
        "security_threat",
        "sovereignty",
        "great_power_rivalry",
        "military_cooperation",
        "destabilisation",
        "legality",
    ]
    for frame in frames.values():
        assert 15 <= len(frame.terms) <= 40, frame.name
        assert frame.definition and frame.provenance
    assert "Semetko" in frames["conflict"].provenance


def test_shipped_lexicon_fires_on_domain_sentences():
    frames = load_frames(LEXICON)
    cases = {
        "security_threat": "ISIS militants staged a terrorist attack near Kirkuk.",
        "sovereignty": "Parliament defended Iraqi sovereignty against foreign interference.",
        "military_cooperation": "Moscow offered Baghdad S-400 systems in an arms deal.",
        "legality": "The strike was a violation of international law.",
        "destabilisation": "The withdrawal left chaos and a power vacuum.",
        "great_power_rivalry": "A new cold war over spheres of influence in the region.",
    }
    for name, text in cases.items():
        assert frames[name].hits(text) >= 1, name


# --- matching -------------------------------------------------------------------------------


def test_hits_presence_and_density(small):
    table = score(small, "The war of words escalated into a clash.")
    assert table.loc["conflict", "hits"] == 2  # "war of words" (longest wins), "clash"
    assert table.loc["conflict", "n_words"] == 8
    assert table.loc["conflict", "density"] == pytest.approx(25.0)
    assert bool(table.loc["conflict", "present"])
    assert table.loc["sovereignty", "hits"] == 0
    assert not bool(table.loc["sovereignty", "present"])
    assert table.loc["sovereignty", "density"] == 0.0


def test_word_boundaries(small):
    table = score(small, "A warm welcome in Warsaw, unclashable? No: postwar.")
    assert table.loc["conflict", "hits"] == 0
    assert score(small, "War. WAR! war-torn").loc["conflict", "hits"] == 3


def test_wildcard_and_phrase_across_whitespace(small):
    frames = small
    table = score(
        frames, "Sovereignty, sovereign rights and internal\n   affairs; clashes clashed."
    )
    assert table.loc["sovereignty", "hits"] == 3
    assert table.loc["conflict", "hits"] == 2
    assert frames["sovereignty"].matched_terms("SOVEREIGNTY and internal  affairs") == [
        "sovereign*",
        "internal affairs",
    ]
    # A phrase needs all its words; the wildcard stays inside the word.
    assert frames["sovereignty"].hits("internal matters; a sovereign-debt") == 1


def test_count_words_keeps_hyphenated_and_apostrophes():
    assert count_words("US-led coalition's S-400 — and thousands") == 5
    assert count_words("") == 0


def test_score_units_one_row_per_unit_and_frame(small):
    table = score_units(
        units(("d1", "A", "d1:s1", "War."), ("d1", "A", "d1:s2", ""), ("d2", "B", "d2:s1", "Hi")),
        small,
    )
    assert list(table.columns) == UNIT_COLUMNS
    assert len(table) == 6
    empty = table[(table["unit_id"] == "d1:s2")]
    assert (empty["n_words"] == 0).all() and (empty["density"] == 0).all()


# --- documents ------------------------------------------------------------------------------


def test_document_frames_aggregates_units(small):
    unit_scores = score_units(
        units(
            ("d1", "A", "d1:s1", "The war of words escalated into a clash."),
            ("d1", "A", "d1:s2", "Iraqi sovereignty and its internal affairs matter."),
            ("d2", "B", "d2:s1", "A warm welcome in Warsaw."),
        ),
        small,
    )
    docs = document_frames(unit_scores).set_index(["doc_id", "frame"])
    assert list(docs.reset_index()[DOCUMENT_COLUMNS].columns) == DOCUMENT_COLUMNS
    row = docs.loc[("d1", "conflict")]
    assert (row["hits"], row["n_words"], bool(row["present"])) == (2, 15, True)
    assert row["density"] == pytest.approx(100 * 2 / 15)
    assert row["share_units"] == pytest.approx(0.5)
    assert docs.loc[("d1", "sovereignty"), "density"] == pytest.approx(100 * 2 / 15)
    row = docs.loc[("d2", "conflict")]
    assert (row["hits"], bool(row["present"]), row["share_units"]) == (0, False, 0.0)
    assert row["outlet"] == "B"


# --- outlets --------------------------------------------------------------------------------


def planted_docs():
    """Outlet A carries the frame in 16 of 20 documents, outlet B in 4 of 20."""
    rows = []
    for outlet, n_present in (("A", 16), ("B", 4)):
        for i in range(20):
            present = i < n_present
            rows.append(
                {
                    "doc_id": f"{outlet}{i}",
                    "outlet": outlet,
                    "frame": "conflict",
                    "hits": int(present),
                    "n_words": 100,
                    "present": present,
                    "density": 1.0 if present else 0.0,
                    "share_units": float(present),
                }
            )
    rows.append({**rows[0], "doc_id": "C0", "outlet": "C"})
    return pd.DataFrame(rows)


def test_outlet_frames_planted_difference():
    table = outlet_frames(planted_docs(), n_boot=2000, ci=0.95, random_state=7, min_docs=5)
    assert list(table.columns) == OUTLET_COLUMNS
    table = table.set_index("outlet")
    a, b, c = table.loc["A"], table.loc["B"], table.loc["C"]
    assert a["prevalence"] == pytest.approx(0.8) and b["prevalence"] == pytest.approx(0.2)
    assert a["mean_density"] == pytest.approx(0.8)
    for row in (a, b):
        assert row["low"] <= row["prevalence"] <= row["high"]
        assert row["density_low"] <= row["mean_density"] <= row["density_high"]
        assert row["high"] - row["low"] > 0.1  # 20 documents leave real uncertainty
    assert b["high"] < a["low"]  # the planted difference is outside both intervals
    assert (a["n_docs"], bool(a["fragile"])) == (20, False)
    # A single document: an estimate, no interval, fragile.
    assert c["n_docs"] == 1 and bool(c["fragile"])
    assert math.isnan(c["low"]) and math.isnan(c["high"]) and math.isnan(c["density_low"])


def test_outlet_frames_is_seeded_and_order_free():
    docs = planted_docs()
    first = outlet_frames(docs, n_boot=500, ci=0.9, random_state=3, min_docs=5)
    shuffled = docs.sample(frac=1.0, random_state=1).iloc[::-1]
    again = outlet_frames(shuffled, n_boot=500, ci=0.9, random_state=3, min_docs=5)
    pd.testing.assert_frame_equal(first, again)


# --- validation -----------------------------------------------------------------------------


def corpus():
    rows = [("d1", "A", f"d1:s{i}", f"Sentence {i} about war.") for i in range(1, 9)]
    rows += [
        ("d2", "B", "d2:s1", "Sovereign Iraq and its internal affairs."),
        ("d2", "B", "d2:s2", "Calm."),
    ]
    return units(*rows)


def test_validation_sample_is_deterministic(small):
    unit_table = corpus()
    scores = score_units(unit_table, small)
    sample = validation_sample(scores, unit_table, small, n_per_frame=3, random_state=11)
    assert list(sample.columns) == SAMPLE_COLUMNS
    assert list(sample["frame"]) == ["conflict"] * 3 + ["sovereignty"]
    conflict = sample[sample["frame"] == "conflict"]
    assert set(conflict["unit_id"]) <= {f"d1:s{i}" for i in range(1, 9)}
    assert (conflict["matched_terms"] == "war").all()
    assert (sample["coder"] == "").all()
    sov = sample[sample["frame"] == "sovereignty"].iloc[0]
    assert (sov["doc_id"], sov["unit_id"], sov["outlet"]) == ("d2", "d2:s1", "B")
    assert sov["matched_terms"] == "sovereign*; internal affairs"
    assert sov["text"] == "Sovereign Iraq and its internal affairs."
    # Same seed, shuffled input: the same sample; another seed: another draw.
    shuffled = unit_table.sample(frac=1.0, random_state=2)
    again = validation_sample(
        score_units(shuffled, small), shuffled, small, n_per_frame=3, random_state=11
    )
    pd.testing.assert_frame_equal(sample, again)
    draws = {
        tuple(
            validation_sample(scores, unit_table, small, n_per_frame=3, random_state=seed)[
                "unit_id"
            ]
        )
        for seed in range(10)
    }
    assert len(draws) > 1


def test_validation_sample_needs_the_unit_texts(small):
    unit_table = corpus()
    scores = score_units(unit_table, small)
    with pytest.raises(InputError, match="no text for doc_id 'd2'"):
        validation_sample(
            scores, unit_table[unit_table["doc_id"] == "d1"], small, n_per_frame=2, random_state=0
        )


def test_validation_precision_with_wilson_interval():
    sheet = pd.DataFrame(
        {
            "frame": ["conflict"] * 6 + ["legality"] * 2 + ["morality"],
            "coder": [1, "yes", 0, "", None, " True ", "no", "0", np.nan],
        }
    )
    table = validation_precision(sheet)
    assert list(table.columns) == PRECISION_COLUMNS
    table = table.set_index("frame")
    conflict = table.loc["conflict"]
    assert (conflict["n_coded"], conflict["n_correct"]) == (4, 3)
    assert conflict["precision"] == pytest.approx(0.75)
    # Wilson by hand: p = 3/4, n = 4, z = 1.96:
    # centre = (p + z²/2n) / (1 + z²/n) = 1.23018 / 1.96037 = 0.62752
    # half = z √(p(1-p)/n + z²/4n²) / (1 + z²/n) = 0.64083 / 1.96037 = 0.32689
    assert conflict["low"] == pytest.approx(0.30064, abs=1e-4)
    assert conflict["high"] == pytest.approx(0.95441, abs=1e-4)
    legality = table.loc["legality"]
    assert (legality["n_coded"], legality["n_correct"], legality["precision"]) == (2, 0, 0.0)
    assert legality["low"] == 0.0 and legality["high"] == pytest.approx(0.65762, abs=1e-4)
    morality = table.loc["morality"]
    assert morality["n_coded"] == 0 and math.isnan(morality["precision"])


def test_validation_precision_names_the_bad_row():
    sheet = pd.DataFrame({"frame": ["conflict", "legality", "legality"], "coder": [1, "maybe", 2]})
    with pytest.raises(InputError) as err:
        validation_precision(sheet, source="results/frames/validation.csv")
    message = str(err.value)
    assert "results/frames/validation.csv row 2" in message and "'maybe'" in message
    assert "row 3" in message and "legality" in message


# --- lexicon errors -------------------------------------------------------------------------


def write(tmp_path, text):
    path = tmp_path / "frames.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_and_empty_lexicon(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_frames(tmp_path / "nope.yaml")
    with pytest.raises(InputError, match="no frames defined"):
        load_frames(write(tmp_path, "frames: {}\n"))
    with pytest.raises(InputError, match="not valid YAML"):
        load_frames(write(tmp_path, "frames: [unclosed\n"))


def test_frame_without_terms_names_the_key(tmp_path):
    path = write(tmp_path, "frames:\n  conflict:\n    definition: d\n    provenance: p\n")
    with pytest.raises(InputError, match=r"frames\.yaml: frames\.conflict\.terms: empty"):
        load_frames(path)


@pytest.mark.parametrize("term", ["war(s)?", "sov*ereign", "*", "a|b", "[Ww]ar", "  "])
def test_bad_term_names_the_key(tmp_path, term):
    path = write(
        tmp_path,
        f"frames:\n  conflict:\n    definition: d\n    provenance: p\n    terms: [war, {term!r}]\n",
    )
    with pytest.raises(InputError, match=r"frames\.conflict\.terms\[1\]: bad term"):
        load_frames(path)


def test_duplicate_term_and_missing_provenance(tmp_path):
    path = write(tmp_path, "frames:\n  conflict:\n    definition: d\n    terms: [war, War]\n")
    with pytest.raises(InputError) as err:
        load_frames(path)
    assert "frames.conflict.provenance: missing" in str(err.value)
    assert "frames.conflict.terms[1]: duplicate term 'War'" in str(err.value)


def test_missing_columns_are_named(small):
    with pytest.raises(InputError, match="missing column"):
        score_units(pd.DataFrame({"doc_id": ["d"], "text": ["war"]}), small)


def test_outlet_frames_share_each_outlets_resamples():
    """One set of resampled documents per outlet serves every frame: two frames with the
    same document values get the same interval, and an outlet's draws do not depend on
    which frames the lexicon has."""
    docs = planted_docs()
    twin = docs[docs["frame"] == docs["frame"].iloc[0]].assign(frame="twin")
    table = outlet_frames(
        pd.concat([docs, twin]), n_boot=500, ci=0.9, random_state=3, min_docs=5
    ).set_index(["outlet", "frame"])
    first = docs["frame"].iloc[0]
    for outlet in ("A", "B"):
        assert table.loc[(outlet, "twin"), "low"] == table.loc[(outlet, first), "low"]
        assert table.loc[(outlet, "twin"), "high"] == table.loc[(outlet, first), "high"]
    alone = outlet_frames(docs, n_boot=500, ci=0.9, random_state=3, min_docs=5)
    pd.testing.assert_frame_equal(
        alone, table.drop(index="twin", level="frame").reset_index()[OUTLET_COLUMNS]
    )


def test_outlet_frames_names_a_missing_or_doubled_row():
    docs = planted_docs()
    other = docs.assign(frame="other")
    gap = pd.concat([docs, other.iloc[1:]])  # A0 has "conflict" but not "other"
    with pytest.raises(InputError, match=r"document 'A0' of outlet 'A' has no row for frame"):
        outlet_frames(gap, n_boot=10, ci=0.9, random_state=3, min_docs=5)
    with pytest.raises(InputError, match=r"document 'A0' has more than one row for frame"):
        outlet_frames(
            pd.concat([docs.iloc[:1], docs]), n_boot=10, ci=0.9, random_state=3, min_docs=5
        )
