"""Attribution extraction, source typing and per-outlet source shares."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framelab.errors import InputError
from framelab.framing.sources import (
    ATTRIBUTION_COLUMNS,
    DEFAULT_LEXICON,
    classify_speaker,
    extract_attributions,
    load_source_types,
    outlet_sources,
)

from .conftest import ROOT

SEED_SOURCES = ROOT / "data" / "seed-corpus" / "sources.yaml"


@pytest.fixture(scope="module")
def lexicon():
    """The seed study's lexicon: the general rules and its own people."""
    return load_source_types([DEFAULT_LEXICON, SEED_SOURCES])


def extract(text: str, lexicon) -> list[tuple[str, str, str]]:
    frame = pd.DataFrame([{"doc_id": "d1", "outlet": "o", "unit_id": "d1:0", "text": text}])
    out = extract_attributions(frame, lexicon)
    for row in out.itertuples():
        assert 0 <= row.start < row.end <= len(text)
        assert row.speaker in text[row.start : row.end]
    return [(r.speaker, r.verb, r.kind) for r in out.itertuples()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The US military has already left the largest Ain al-Asad base in Anbar province, "
            "official sources in Baghdad told Izvestia.",
            ("official sources in Baghdad", "told", "indirect"),
        ),
        (
            '"However, we cannot provide more detailed information," said Pentagon spokesman '
            "Major General Pat Ryder.",
            ("Pentagon spokesman Major General Pat Ryder", "said", "direct"),
        ),
        (
            "Given the costs, the White House is trying to free up all the resources,” the expert "
            "said in a conversation with RT.",
            ("the expert", "said", "direct"),
        ),
        (
            "The children represent the second generation of radicals, which, according to "
            'al-Assam, is essentially a "time bomb."',
            ("al-Assam", "according to", "indirect"),
        ),
        (
            "Iraqi Prime Minister Mustafa al-Kazimi said that his country no longer needs combat "
            "units of the US army, writes the American publication Politico.",
            ("the American publication Politico", "writes", "media"),
        ),
        (
            "Iraqi military expert Safaa al-Assam told Izvestia that part of the American forces "
            "went to Syria.",
            ("Iraqi military expert Safaa al-Assam", "told", "indirect"),
        ),
        (
            "Sleeping cells of ISIS may become active, as they are still present in the country, "
            "the expert emphasized.",
            ("the expert", "emphasized", "indirect"),
        ),
        (
            "He stressed that the Cabinet of Ministers follows the stated government course.",
            ("He", "stressed", "indirect"),
        ),
        (
            "Krylov recalled the events of 2014-2015, when Mosul was taken.",
            ("Krylov", "recalled", "indirect"),
        ),
        (
            "Al-Kazimi believes that now the security forces are able to defend the country.",
            ("Al-Kazimi", "believes", "indirect"),
        ),
        (
            "The Iraqi prime minister clarified that the timing will depend on the negotiations.",
            ("The Iraqi prime minister", "clarified", "indirect"),
        ),
        (
            "Now Iraq is next in line, ”the expert explained in an interview with RT.",
            ("the expert", "explained", "direct"),
        ),
        (
            '- It eventually dropped its dictators, but certain ties remained," the analyst '
            "believes.",
            ("the analyst", "believes", "direct"),
        ),
        (
            "The presence of the U.S. military is now a guarantee, the political scientist "
            "concluded.",
            ("the political scientist", "concluded", "indirect"),
        ),
        (
            "He added that Iraq remains interested in training its military personnel.",
            ("He", "added", "indirect"),
        ),
        (
            "According to him, this is a very conditional presence, more symbolic.",
            ("him", "according to", "indirect"),
        ),
        (
            "In the same month, the media reported that Iraq had decided to purchase S-400.",
            ("the media", "reported", "media"),
        ),
        (
            "This is reported by the American media.",
            ("the American media", "reported", "media"),
        ),
        (
            "- he said in an interview with The Associated Press before traveling to Washington.",
            ("he", "said", "direct"),  # a speech dash closes the quote before it
        ),
    ],
)
def test_extractor_patterns(lexicon, text, expected):
    assert expected in extract(text, lexicon)


def test_appositive_speaker_is_kept_whole(lexicon):
    text = (
        "Danila Krylov, a researcher at the Institute of International Scientific Research of "
        "the Russian Academy of Sciences, PhD in political science, noted in a conversation with "
        "Izvestia that the balance of power shifted."
    )
    (speaker, verb, kind) = extract(text, lexicon)[0]
    assert speaker.startswith("Danila Krylov, a researcher")
    assert speaker.endswith("PhD in political science")
    assert (verb, kind) == ("noted", "indirect")
    assert classify_speaker(speaker, lexicon) == "russian_expert"


def test_interview_clause_is_stepped_over(lexicon):
    text = (
        "Iraqi Prime Minister Hussein Alawi's adviser, in an interview with the state-run Al "
        "Iraqiya TV channel, confirmed that the mission will end in September."
    )
    assert ("Iraqi Prime Minister Hussein Alawi's adviser", "confirmed", "indirect") in extract(
        text, lexicon
    )


def test_citing_gives_medium_and_its_source(lexicon):
    text = (
        "The Iraqi Shafaq news agency, citing security sources, clarifies that the Ain Asad base "
        "will be permanently closed on September 15."
    )
    found = extract(text, lexicon)
    assert ("The Iraqi Shafaq news agency", "clarifies", "media") in found
    assert ("security sources", "citing", "indirect") in found


def test_quoted_as_saying(lexicon):
    text = (
        '"I expect Iraq to formally request an extension," The Washington Post quoted a senior '
        "Iraqi official as saying."
    )
    found = extract(text, lexicon)
    assert ("The Washington Post", "quoted", "media") in found
    assert ("a senior Iraqi official", "quoted", "direct") in found


def test_dash_quote_with_speaker_after(lexicon):
    text = (
        "— Columns of military equipment moved out of the base in accordance with the "
        "agreement, — the interlocutors of Izvestia reported."
    )
    assert ("the interlocutors of Izvestia", "reported", "direct") in extract(text, lexicon)


def test_no_attribution_in_plain_sentences(lexicon):
    assert extract("There are about 2.5 thousand American troops in Iraq.", lexicon) == []
    assert extract("Recall that the United States invaded Iraq in 2003.", lexicon) == []


def test_output_columns_and_empty_input(lexicon):
    empty = pd.DataFrame(columns=["doc_id", "outlet", "unit_id", "text"])
    assert list(extract_attributions(empty, lexicon).columns) == ATTRIBUTION_COLUMNS
    with pytest.raises(InputError, match="text"):
        extract_attributions(pd.DataFrame({"doc_id": ["a"]}), lexicon)


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Andrei Ontikov, an orientalist, publicist", "russian_expert"),
        (
            "Konstantin Blokhin, a leading researcher of the Russian Academy of Sciences",
            "russian_expert",
        ),
        ("Plekhanov's Andrei Koshkin", "russian_expert"),
        ("Russian Foreign Minister Sergey Lavrov", "russian_official"),
        ("The Russian ambassador to Iraq, Elbrus Kutrashev", "russian_official"),
        ("the Kremlin", "russian_official"),
        ("Iraqi Prime Minister Mustafa al-Kazimi", "iraqi_official"),
        ("Adviser to the Prime Minister of the Republic Fadi Al-Shamri", "iraqi_official"),
        ("Iraqi Foreign Minister Fuad Hussein", "iraqi_official"),
        ("the Iraqi diplomat", "iraqi_official"),
        ("Pentagon spokesman Major General Pat Ryder", "us_official"),
        ("Pentagon chief Lloyd Austin", "us_official"),
        ("US Ambassador to Iraq Matthew Tuller", "us_official"),
        ("Trump", "us_official"),
        ("the head of CENTCOM", "us_official"),
        ("IRGC commander", "iranian"),
        ("Tehran", "iranian"),
        ("The Washington Post", "western_media"),
        ("the American publication Politico", "western_media"),
        ("the Military Times", "western_media"),
        ("The Wall Street Journal", "western_media"),
        ("The Iraqi Shafaq news agency", "regional_media"),
        ("the Al-Akhbar newspaper", "regional_media"),
        ("the online portal Al Arabia News", "regional_media"),
        ("official sources in Baghdad", "anonymous_source"),
        ("a senior Iraqi official", "anonymous_source"),
        ("U.S. officials", "anonymous_source"),
        ("the interlocutors of Izvestia", "anonymous_source"),
        ("the expert", "expert_unspecified"),
        ("The analyst", "expert_unspecified"),
        ("the political scientist", "expert_unspecified"),
        ("Iraqi military expert Safaa al-Assam", "other_expert"),
        ("he", "unknown"),
        ("the Americans", "unknown"),
        ("Mr. Nobody", "unknown"),
    ],
)
def test_classify_speaker(lexicon, speaker, expected):
    assert classify_speaker(speaker, lexicon) == expected


def test_unknown_speakers_are_kept(lexicon):
    frame = pd.DataFrame(
        [{"doc_id": "d", "outlet": "o", "unit_id": "d:0", "text": "He said that it was over."}]
    )
    att = extract_attributions(frame, lexicon)
    table = outlet_sources(att, frame[["doc_id", "outlet"]], lexicon)
    assert att["speaker"].tolist() == ["He"]
    assert table[["source_type", "n", "share"]].values.tolist() == [["unknown", 1, 1.0]]


def write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_lexicon_names_the_key(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_source_types(tmp_path / "missing.yaml")
    good_verbs = "reporting_verbs: [said]\n"
    with pytest.raises(InputError, match=r"source_types\[0\]\.cues\[1\]"):
        load_source_types(
            write(tmp_path, good_verbs + "source_types:\n  - type: a\n    cues: ['ok', '(']\n")
        )
    with pytest.raises(InputError, match=r"source_types\[1\]\.type"):
        load_source_types(
            write(
                tmp_path,
                good_verbs + "source_types:\n  - {type: a, cues: [x]}\n  - {type: a, cues: [y]}\n",
            )
        )
    with pytest.raises(InputError, match="reporting_verbs"):
        load_source_types(write(tmp_path, "source_types:\n  - {type: a, cues: [x]}\n"))
    with pytest.raises(InputError, match=r"source_types\[0\]\.cues"):
        load_source_types(write(tmp_path, good_verbs + "source_types:\n  - {type: a}\n"))
    with pytest.raises(InputError, match="unknown"):
        load_source_types(
            write(tmp_path, good_verbs + "source_types:\n  - {type: unknown, cues: [x]}\n")
        )


TYPES = ["us_official", "russian_expert", "unknown", "western_media", "anonymous_source"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["izv", "rt", "neo"]), st.integers(0, 3), st.sampled_from(TYPES)),
        min_size=1,
        max_size=40,
    )
)
def test_shares_sum_to_one_per_outlet(rows):
    att = pd.DataFrame(
        [
            {"doc_id": f"{o}-{d}", "outlet": o, "unit_id": i, "speaker": "x", "source_type": t}
            for i, (o, d, t) in enumerate(rows)
        ]
    )
    docs = pd.DataFrame(
        [{"doc_id": f"{o}-{d}", "outlet": o} for o in ["izv", "rt", "neo"] for d in range(4)]
    )
    table = outlet_sources(att, docs)
    for outlet, group in table.groupby("outlet"):
        assert group["share"].sum() == pytest.approx(1.0)
        assert group["n"].sum() == (att["outlet"] == outlet).sum()
        assert (group["n_attributions"] == group["n"].sum()).all()
        assert (group["n_docs"] == 4).all()
        assert (group["n_docs_with"] <= group["n_docs"]).all()
        assert (group["n_docs_with"] >= 1).all()
    assert set(table["outlet"]) == set(att["outlet"])


def test_the_general_lexicon_names_no_person_of_the_seed_articles_alone(lexicon):
    general = load_source_types()
    for person in ["Kutrashev", "Matthew Tuller", "Fadi Al-Shamri", "Danila Krylov"]:
        assert classify_speaker(person, general) == "unknown", person
        assert classify_speaker(person, lexicon) != "unknown", person


def test_a_study_lexicon_adds_cues_to_the_general_types_and_new_types_after_them(tmp_path):
    study = write(
        tmp_path,
        "source_types:\n  - {type: us_official, cues: [Smith]}\n"
        "  - {type: pollster, cues: [Gallup]}\nreporting_verbs: [opined]\n",
    )
    merged = load_source_types([DEFAULT_LEXICON, study])
    general = load_source_types()
    assert [name for name, _ in merged.rules] == [n for n, _ in general.rules] + ["pollster"]
    assert classify_speaker("Senator Smith", merged) == "us_official"
    assert classify_speaker("Gallup", merged) == "pollster"
    assert "opined" in merged.verbs and "opined" not in general.verbs
