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
    assert classify_speaker(speaker, lexicon) == "expert"


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
        ("Andrei Ontikov, an orientalist, publicist", "expert"),
        ("Konstantin Blokhin, a leading researcher of the Russian Academy of Sciences", "expert"),
        ("Plekhanov's Andrei Koshkin", "expert"),
        ("Russian Foreign Minister Sergey Lavrov", "government"),
        ("The Russian ambassador to Iraq, Elbrus Kutrashev", "government"),
        ("the Kremlin", "government"),
        ("Iraqi Prime Minister Mustafa al-Kazimi", "government"),
        ("Adviser to the Prime Minister of the Republic Fadi Al-Shamri", "government"),
        ("the Iraqi diplomat", "government"),
        ("Pentagon spokesman Major General Pat Ryder", "military"),
        ("US Ambassador to Iraq Matthew Tuller", "government"),
        ("the head of CENTCOM", "military"),
        ("Tehran", "government"),
        ("Russia", "government"),
        ("The Washington Post", "media"),
        ("the American publication Politico", "media"),
        ("the Times", "media"),
        ("The Iraqi Shafaq news agency", "media"),
        ("official sources in Baghdad", "anonymous"),
        ("people familiar with the matter", "anonymous"),
        ("a senior administration official", "government"),
        ("U.S. officials", "government"),
        ("the interlocutors of Izvestia", "anonymous"),
        ("the political scientist", "expert"),
        ("Iraqi military expert Safaa al-Assam", "expert"),
        ("Sen. John McCain, R-Ariz.", "politician"),
        ("Rep. Adam Schiff (D-Calif.)", "politician"),
        ("House Speaker Paul Ryan", "politician"),
        ("Trump campaign spokesman Jason Miller", "politician"),
        ("Republicans", "politician"),
        ("the White House", "government"),
        ("UN Secretary-General Antonio Guterres", "international_org"),
        ("FBI Director James Comey", "legal"),
        ("the president's lawyer", "legal"),
        ("the Taliban", "armed_group"),
        ("Human Rights Watch", "civil_society"),
        ("the company", "business"),
        ("residents", "citizen"),
        ("The family of murdered American journalist James Foley", "citizen"),
        ("a report by the Pentagon", "document"),
        ("he", "pronoun_unresolved"),
        ("she’s", "pronoun_unresolved"),
        ("Bill Clinton", "unknown"),
        ("the Americans", "government"),
        ("the Iranian side", "government"),
        ("Kenya", "government"),
        ("the Kenyan runners", "unknown"),
        ("Mr. Nobody", "unknown"),
    ],
)
def test_classify_speaker(lexicon, speaker, expected):
    assert classify_speaker(speaker, lexicon) == expected


@pytest.mark.parametrize(
    "text",
    [
        "And, he said, but said nothing.",
        "Needless to say, the plan failed.",
        "“I don’t believe it,” he said.",
        "Last month said nothing new.",
        "Let’s say the deal holds.",
    ],
)
def test_function_words_and_fragments_are_never_speakers(lexicon, text):
    speakers = [s for s, _, _ in extract(text, lexicon)]
    bad = {"And", "and", "but", "Needless to", "I don’t", "Last month", "Let’s"}
    assert not bad & set(speakers), speakers


def test_titles_before_a_name_are_kept_with_it(lexicon):
    found = extract("The deal is dead, said Sen. John McCain, R-Ariz.", lexicon)
    assert found[0][0].startswith("Sen. John McCain")
    found = extract("Sen. Ted Cruz said the deal is dead.", lexicon)
    assert found[0][0] == "Sen. Ted Cruz"


def test_unknown_speakers_are_kept(lexicon):
    frame = pd.DataFrame(
        [{"doc_id": "d", "outlet": "o", "unit_id": "d:0", "text": "Smith said that it was over."}]
    )
    att = extract_attributions(frame, lexicon)
    table = outlet_sources(att, frame[["doc_id", "outlet"]], lexicon)
    assert att["speaker"].tolist() == ["Smith"]
    assert table[["source_type", "n", "share"]].values.tolist() == [["unknown", 1, 1.0]]


def write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_lexicon_names_the_key(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_source_types(tmp_path / "missing.yaml")
    good_verbs = "reporting_verbs: [said]\n"
    with pytest.raises(InputError, match=r"source_types\[0\]\.roles\[1\]"):
        load_source_types(
            write(tmp_path, good_verbs + "source_types:\n  - type: a\n    roles: ['ok', '(']\n")
        )
    with pytest.raises(InputError, match=r"source_types\[1\]\.type"):
        load_source_types(
            write(
                tmp_path,
                good_verbs
                + "source_types:\n  - {type: a, roles: [x]}\n  - {type: a, bodies: [y]}\n",
            )
        )
    with pytest.raises(InputError, match="reporting_verbs"):
        load_source_types(write(tmp_path, "source_types:\n  - {type: a, roles: [x]}\n"))
    with pytest.raises(InputError, match=r"source_types\[0\]: give cues"):
        load_source_types(write(tmp_path, good_verbs + "source_types:\n  - {type: a}\n"))
    with pytest.raises(InputError, match="'cues' is now"):
        load_source_types(write(tmp_path, good_verbs + "source_types:\n  - {type: a, cues: [x]}\n"))
    for implicit in ["unknown", "anonymous", "pronoun_unresolved"]:
        with pytest.raises(InputError, match="implicit"):
            entry = f"source_types:\n  - {{type: {implicit}, roles: [x]}}\n"
            load_source_types(write(tmp_path, good_verbs + entry))


TYPES = ["government", "expert", "unknown", "media", "anonymous"]


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


def test_a_study_lexicon_names_its_people_before_the_general_rules_and_adds_types(tmp_path):
    study = write(
        tmp_path,
        "source_types:\n  - {type: government, names: [Smith]}\n"
        "  - {type: pollster, bodies: [Gallup]}\nreporting_verbs: [opined]\n",
    )
    merged = load_source_types([DEFAULT_LEXICON, study])
    general = load_source_types()
    assert merged.types[-3:] == ("pollster", "pronoun_unresolved", "unknown")
    assert classify_speaker("Professor Smith", merged) == "government"  # names come first
    assert classify_speaker("Professor Smith", general) == "expert"
    assert classify_speaker("Gallup", merged) == "expert"  # the general bodies are read first
    assert classify_speaker("the Gallup people", merged) == "citizen"
    assert "opined" in merged.verbs and "opined" not in general.verbs


def test_gazetteer_columns_stand_for_their_names_and_unknown_ones_are_refused(tmp_path):
    (tmp_path / "places.tsv").write_text("country\tdemonym\nMali\tMalian\nPeru\tPeruvian\n")
    good = "reporting_verbs: [said]\ngazetteer: places.tsv\nsource_types:\n"
    lexicon = load_source_types(
        write(tmp_path, good + "  - {type: state, bodies: ['^the (?-i:{{demonym}}) side$']}\n")
    )
    assert classify_speaker("the Peruvian side", lexicon) == "state"
    assert classify_speaker("the French side", lexicon) == "unknown"
    with pytest.raises(InputError, match=r"source_types\[0\]\.bodies\[0\]: no gazetteer column"):
        load_source_types(write(tmp_path, good + "  - {type: state, bodies: ['{{capital}}']}\n"))
    with pytest.raises(InputError, match="gazetteer not found"):
        load_source_types(
            write(tmp_path, good.replace("places", "nowhere") + "  - {type: s, bodies: [x]}\n")
        )


def test_outlet_shares_carry_document_bootstrap_intervals_that_hold_their_estimate():
    rows = []
    for d in range(12):  # a government-heavy outlet of 12 documents, one without quotes
        kinds = ["government"] * (d % 4) + ["expert"] * (d % 3 == 0) + ["unknown"] * (d % 5 == 1)
        rows += [{"doc_id": f"a{d}", "outlet": "a", "source_type": k} for k in kinds]
    rows += [{"doc_id": "b0", "outlet": "b", "source_type": "media"}]
    att = pd.DataFrame(rows)
    docs = pd.DataFrame(
        [{"doc_id": f"a{d}", "outlet": "a"} for d in range(12)] + [{"doc_id": "b0", "outlet": "b"}]
    )
    table = outlet_sources(att, docs, n_boot=500, ci=0.95, random_state=7, min_docs=3)
    a = table[table["outlet"] == "a"].set_index("source_type")
    assert (a["low"] <= a["share"]).all() and (a["share"] <= a["high"]).all()
    assert (a["high"] - a["low"] > 0).all()
    in_a = att[att["outlet"] == "a"]
    assert a.loc["government", "share"] == pytest.approx(
        (in_a["source_type"] == "government").mean()
    )
    assert not a["fragile"].any() and (a["n_docs"] == 12).all()
    b = table[table["outlet"] == "b"].iloc[0]
    assert b["share"] == 1.0 and pd.isna(b["low"]) and bool(b["fragile"])  # one document
    again = outlet_sources(att, docs, n_boot=500, ci=0.95, random_state=7, min_docs=3)
    pd.testing.assert_frame_equal(table, again)


def test_the_function_word_list_holds_its_words_not_its_comment(lexicon):
    # the stopword file's header mentions "news" and "reporting": they are not function words
    assert extract('"It is over," Fox News reported.', lexicon) == [
        ("Fox News", "reported", "media")
    ]
