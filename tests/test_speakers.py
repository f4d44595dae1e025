"""Speaker typing beyond the phrase: a name's description in its document and the corpus,
surnames, pronouns, coordinated speakers."""

from __future__ import annotations

import pandas as pd
import pytest

from framelab.framing import extract_attributions, load_source_types, type_attributions
from framelab.framing.names import name_descriptions


@pytest.fixture(scope="module")
def lexicon():
    return load_source_types()


def sentences(*docs: list[list[str]]) -> pd.DataFrame:
    """Documents as paragraphs of sentences, in the segment stage's columns."""
    rows = []
    for d, paragraphs in enumerate(docs):
        for p, paragraph in enumerate(paragraphs, start=1):
            for s, text in enumerate([paragraph] if isinstance(paragraph, str) else paragraph):
                unit = f"d{d}:p{p:03d}:s{s + 1:03d}"
                rows.append(
                    {"doc_id": f"d{d}", "outlet": "o", "unit_id": unit, "paragraph_no": p,
                     "sentence_no": s + 1, "text": text}
                )  # fmt: skip
    return pd.DataFrame(rows)


def typed(units: pd.DataFrame, lexicon, **kwargs) -> list[tuple[str, str, str, str]]:
    found = type_attributions(extract_attributions(units, lexicon), units, lexicon, **kwargs)
    return [(r.doc_id, r.speaker, r.source_type, r.type_basis) for r in found.itertuples()]


def test_a_surname_takes_the_title_of_its_full_name_in_the_document(lexicon):
    units = sentences(
        ["President Barack Obama flew to Hanoi on Monday.", "Obama said the trip mattered."]
    )
    found = type_attributions(extract_attributions(units, lexicon), units, lexicon)
    row = found.iloc[0]
    assert (row.speaker, row.source_type, row.type_basis) == ("Obama", "government", "document")
    assert "President Barack Obama" in row.type_evidence


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("Fuad Hussein, Iraq's foreign minister, arrived in Moscow.", "government"),
        ("Jane Roe (R-Texas) voted against the bill.", "politician"),
        ("Jane Roe of the Brookings Institution published a paper.", "expert"),
        ("Jane Roe, a University of Vermont professor who studies the region, agreed.", "expert"),
        ("Jane Roe, 26, the ex-husband of the suspect's sister, was there.", "citizen"),
        ("One of those residents, Jane Roe, remembers him.", "citizen"),
        ("Jane Roe, who served as chief of staff to the president, left.", "government"),
    ],
)
def test_appositions_describe_a_name(lexicon, description, expected):
    surname = "Hussein" if "Hussein" in description else "Roe"
    units = sentences([description, f"{surname} said the talks would go on."])
    assert typed(units, lexicon) == [("d0", surname, expected, "document")]


def test_a_title_must_stand_next_to_the_name(lexicon):
    units = sentences(
        ["The president met Benjamin Netanyahu on Monday.", "Netanyahu said it went well."]
    )
    assert typed(units, lexicon) == [("d0", "Netanyahu", "unknown", "none")]
    assert [m.source_type for m in name_descriptions(units["text"][0], lexicon)] == [None]


def test_captions_and_lists_are_not_titles(lexicon):
    text = "Photo: Eric Baradat/AFP/Getty Images Foreign Policy Trump, in Paris."
    assert all(m.source_type is None for m in name_descriptions(text, lexicon))


def test_the_corpus_describes_a_name_its_document_does_not(lexicon):
    units = sentences(
        ["Jane Roe, a professor at Yale, spoke first."],
        ["Jane Roe, a historian, disagreed."],
        ["Jane Roe said the war was lost."],
    )
    assert typed(units, lexicon) == [("d2", "Jane Roe", "expert", "corpus")]


def test_a_surname_shared_across_the_corpus_is_not_guessed_when_the_document_names_another(
    lexicon,
):
    described = [[f"Senator Hal Moss spoke in hall {i}."] for i in range(4)]
    units = sentences(*described, ["Ann Moss runs a bakery.", "Moss said sales were up."])
    assert typed(units, lexicon)[-1] == ("d4", "Moss", "unknown", "none")
    units = sentences(*described, ["Moss said sales were up."])
    assert typed(units, lexicon)[-1] == ("d4", "Moss", "politician", "corpus")


def test_a_pronoun_takes_the_nearest_named_speaker_within_the_window(lexicon):
    units = sentences(
        [
            ["Sen. Ted Cruz said the bill was dead.", "He said it twice."],
            "He added that it was final.",
            "Nothing else happened.",
            "He said so again.",
        ]
    )
    assert typed(units, lexicon, pronoun_window=1) == [
        ("d0", "Sen. Ted Cruz", "politician", "phrase"),
        ("d0", "He", "politician", "pronoun"),
        ("d0", "He", "politician", "pronoun"),
        ("d0", "He", "pronoun_unresolved", "none"),
    ]
    strict = typed(units, lexicon, pronoun_window=0)
    assert [t[2] for t in strict] == ["politician", "politician", "pronoun_unresolved"] + [
        "pronoun_unresolved"
    ]


def test_a_person_pronoun_never_stands_for_a_text(lexicon):
    units = sentences(["A new report said prices rose.", "She said that was wrong."])
    assert typed(units, lexicon) == [
        ("d0", "A new report", "document", "phrase"),
        ("d0", "She", "pronoun_unresolved", "none"),
    ]
    units = sentences(["A new report said prices rose.", "It said wages fell."])
    assert typed(units, lexicon)[-1] == ("d0", "It", "document", "pronoun")


def test_pronouns_do_not_cross_documents(lexicon):
    units = sentences(["Sen. Ted Cruz said no."], ["He said yes."])
    assert typed(units, lexicon)[-1] == ("d1", "He", "pronoun_unresolved", "none")


def test_coordinated_speakers_take_the_first_type_found(lexicon):
    units = sentences(
        ["Attorney General Loretta Lynch spoke.", "Lynch and Comey said they disagreed."]
    )
    assert typed(units, lexicon) == [("d0", "Lynch and Comey", "legal", "document")]


def test_every_attribution_keeps_its_row_and_gets_the_three_columns(lexicon):
    units = sentences(["Nobody knows, Smith said.", "He said so."])
    attributions = extract_attributions(units, lexicon)
    out = type_attributions(attributions, units, lexicon)
    assert len(out) == len(attributions) == 2
    assert list(out.columns[-3:]) == ["source_type", "type_basis", "type_evidence"]
    assert out["source_type"].tolist() == ["unknown", "unknown"]
    assert out["type_basis"].tolist() == ["none", "pronoun"]
    empty = type_attributions(attributions.iloc[:0], units, lexicon)
    assert empty.empty and "source_type" in empty.columns


def test_a_country_name_is_a_state_unless_its_document_names_a_person(lexicon):
    units = sentences(["Jordan said the border would stay open."])
    assert typed(units, lexicon) == [("d0", "Jordan", "government", "phrase")]
    units = sentences(["Rep. Jim Jordan (R-Ohio) spoke.", "Jordan said the vote was rigged."])
    assert typed(units, lexicon) == [("d0", "Jordan", "politician", "document")]


def test_a_name_that_is_a_cue_word_takes_its_document_description(lexicon):
    units = sentences(
        ["Christine Blasey Ford, a psychology professor, testified.", "Ford said she was sure."]
    )
    assert typed(units, lexicon)[-1] == ("d0", "Ford", "expert", "document")
    units = sentences(["Ford said sales of the new truck were up."])
    assert typed(units, lexicon) == [("d0", "Ford", "business", "phrase")]


def test_a_name_at_the_start_of_a_sentence_drops_the_words_before_it(lexicon):
    found = name_descriptions(
        "But Senator Hal Moss said no. When Ann Roe spoke, nobody left.", lexicon
    )
    assert [m.key for m in found] == ["hal moss", "ann roe"]


def test_the_corpus_is_asked_first_about_documents_of_the_same_years(lexicon):
    described = [["Senator Hal Moss spoke in the hall."]] * 3 + [["Secretary Hal Moss spoke."]] * 4
    units = sentences(*described, ["Hal Moss said the bill would pass."])
    years = {f"d{i}": 2010 for i in range(3)} | {f"d{i}": 2020 for i in range(3, 8)}
    years["d7"] = 2011
    assert typed(units, lexicon, years=years)[-1][2:] == ("politician", "corpus")
    years["d7"] = 2020
    assert typed(units, lexicon, years=years)[-1][2:] == ("government", "corpus")


def test_a_surname_shared_by_two_people_of_its_document_is_not_typed_by_the_corpus(lexicon):
    described = [[f"Senator Hal Moss spoke in hall {i}."] for i in range(4)]
    units = sentences(*described, ["Hal Moss and Ann Moss met.", "Moss said no."])
    assert typed(units, lexicon)[-1] == ("d4", "Moss", "unknown", "none")


def test_he_does_not_stand_for_a_body(lexicon):
    units = sentences(["NBC reported the talks had failed.", "He said more would follow."])
    assert typed(units, lexicon)[-1] == ("d0", "He", "pronoun_unresolved", "none")
    units = sentences(["The company said sales fell.", "It said more would follow."])
    assert typed(units, lexicon)[-1] == ("d0", "It", "business", "pronoun")


def test_i_outside_a_quotation_is_the_articles_author(lexicon):
    units = sentences(["As I wrote last week, the deal is dead.", "“I told him no,” Smith said."])
    assert typed(units, lexicon)[:2] == [
        ("d0", "I", "media", "author"),
        ("d0", "I", "pronoun_unresolved", "none"),  # inside the quotation: not the author
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Unlike Trump, she has inherited a fortune.",  # a clause, its subject a pronoun
        "He blamed Ryan, multiple senior officials said.",  # a reporting clause
        "Tamerlan Tsarnaev, 26, who was killed in a shootout with police, was the eldest.",
    ],
)
def test_clauses_after_a_name_are_not_appositions(lexicon, text):
    assert all(m.source_type is None for m in name_descriptions(text, lexicon))
