"""Entity normalisation: variants map to one canonical id, on word and case boundaries."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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


def test_stored_mentions_replace_to_the_normalised_text(lexicon):
    from framelab.clean import replace_mentions

    from .conftest import ROOT

    for path in sorted((ROOT / "data" / "raw").iterdir()):
        text = path.read_text(encoding="utf-8")
        normalised, mentions = normalise_entities(text, lexicon, doc_id=path.stem)
        assert mentions, path.name
        assert replace_mentions(text, mentions) == normalised
        assert replace_mentions(text, []) == text


def test_a_mention_that_does_not_match_the_text_names_the_document(lexicon):
    from framelab.clean import EntityMention, replace_mentions

    _, mentions = normalise_entities("Soleimani met ISIS.", lexicon, doc_id="d7")
    with pytest.raises(ValueError, match=r"d7: entity mention 'ISIS' at 14-18"):
        replace_mentions("Soleimani met IS IS.", mentions)
    overlapping = [mentions[0], EntityMention("d7", "met", "x", 10, 13), mentions[0]]
    with pytest.raises(ValueError, match="d7: entity mention 'Soleimani' at 0-9"):
        replace_mentions("Soleimani met ISIS.", overlapping)


def test_terms_read_the_clean_stage_mentions_instead_of_searching_again(lexicon):
    import pandas as pd

    from framelab.clean import ENTITY_MENTION_COLUMNS as MENTION_COLUMNS
    from framelab.clean import replace_stored_mentions

    docs = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["Qassem Suleimani and the U.S. army", "No names."]}
    )
    found = [
        normalise_entities(text, lexicon, doc_id=doc_id)[1]
        for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True)
    ]
    mentions = pd.DataFrame(
        [[getattr(m, c) for c in MENTION_COLUMNS] for ms in found for m in ms],
        columns=MENTION_COLUMNS,
    )
    out = replace_stored_mentions(docs, mentions)
    assert out["text"].tolist() == ["qasem_soleimani and the united_states army", "No names."]
    assert out["doc_id"].tolist() == ["a", "b"]


_FORMS = [form for form, _, _ in load_entities().forms]
_PIECES = [
    *_FORMS,
    *(form.upper() for form in _FORMS),
    *(form.lower() for form in _FORMS),
    "us", "Us", "is", "ſtate", "\u212aazimi", "İsis", "x", "_US", "US_", "2US",
]  # fmt: skip
_SEPARATORS = [" ", "  ", "\n", "-", "–", ".", ", ", "'", "’", '"', "“", "(", "", "/"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(_PIECES), st.sampled_from(_SEPARATORS)), min_size=2, max_size=30
    ).map(lambda pairs: "".join(piece + sep for piece, sep in pairs))
)
def test_finditer_finds_what_the_pattern_finds(lexicon, text):
    """Trying the pattern only where a form can start gives every match of ``finditer``
    (forms that start with a quote, case-sensitive forms, case folds beyond ASCII)."""
    expected = [(m.span(), m.group()) for m in lexicon.pattern.finditer(text)]
    assert [(m.span(), m.group()) for m in lexicon.finditer(text)] == expected


def test_finditer_on_a_form_that_starts_with_a_quote(lexicon):
    text = 'The "Islamic State" and ISIS; "US" and "Islamic State"'
    found = [m.group() for m in lexicon.finditer(text)]
    assert found == [m.group() for m in lexicon.pattern.finditer(text)]
    assert found.count('"Islamic State"') == 2
