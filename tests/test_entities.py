"""Entity normalisation: variants map to one canonical id, on word and case boundaries."""

import pytest

from framelab.clean import load_entities, normalise_entities
from framelab.errors import InputError


@pytest.fixture(scope="module")
def lexicon():
    return load_entities()


@pytest.mark.parametrize(
    ("surface", "entity"),
    [
        ("Soleimani", "qasem_soleimani"),
        ("Suleimani", "qasem_soleimani"),
        ("Qassem Suleimani", "qasem_soleimani"),
        ("Qasim Soleimani", "qasem_soleimani"),
        ("ISIS", "isis"),
        ("IS", "isis"),
        ("ISIL", "isis"),
        ("DAESH", "isis"),
        ("Islamic State", "isis"),
        ("al-Kazimi", "mustafa_al_kadhimi"),
        ("al-Kazim", "mustafa_al_kadhimi"),
        ("Mustafa al-Kadhimi", "mustafa_al_kadhimi"),
        ("U.S.", "united_states"),
        ("US", "united_states"),
        ("USA", "united_states"),
        ("United States", "united_states"),
        ("America", "united_states"),
        ("Ain Asad", "ain_al_asad"),
        ("Ain al-Asad", "ain_al_asad"),
        ("Pantsir", "pantsir_s1"),
        ("Pantsir-S1", "pantsir_s1"),
    ],
)
def test_surface_forms(lexicon, surface, entity):
    text, mentions = normalise_entities(f"Yesterday {surface} was mentioned.", lexicon)
    assert [m.entity for m in mentions] == [entity]
    assert text == f"Yesterday {entity} was mentioned."


def test_words_that_look_like_acronyms(lexicon):
    text = "It is what it is; let us go. This is American and Latin America, not the US."
    out, mentions = normalise_entities(text, lexicon, doc_id="d")
    assert [(m.surface, m.entity) for m in mentions] == [
        ("Latin America", "latin_america"),
        ("US", "united_states"),
    ]
    assert "It is what it is; let us go." in out
    for m in mentions:
        assert text[m.start : m.end] == m.surface and m.doc_id == "d"


def test_longest_match_wins(lexicon):
    out, mentions = normalise_entities("Qassem Suleimani and Suleimani", lexicon)
    assert out == "qasem_soleimani and qasem_soleimani"
    assert mentions[0].surface == "Qassem Suleimani"


def test_bad_lexicon(tmp_path):
    path = tmp_path / "e.yaml"
    path.write_text("entities:\n  Bad Id:\n    forms: [x]\n", encoding="utf-8")
    with pytest.raises(InputError, match="snake_case"):
        load_entities(path)
    path.write_text("entities:\n  a:\n    forms: [X]\n  b:\n    forms: [x]\n", encoding="utf-8")
    with pytest.raises(InputError, match="already a form"):
        load_entities(path)
