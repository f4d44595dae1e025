"""Corpus-learned site templates, link cards, in-document repeats and the chrome sections of
the general lexicon: each on small texts whose expected verdict is known."""

import re

import pytest

from framelab.clean import clean_document, learn_templates, load_rules
from framelab.clean.cards import remove_glued_caption, remove_link_cards
from framelab.clean.cli import read_templates
from framelab.clean.repeats import author_footer, highlight_blocks, pull_quotes, speaker_labels
from framelab.clean.shapes import line_shape
from framelab.clean.templates import (
    Template,
    _core_finder,
    templates_from_table,
    templates_needed,
)
from framelab.errors import InputError

SUBJECTS = [
    "The minister",
    "A senior official",
    "The ambassador",
    "Local police",
    "The governor",
    "An army spokesman",
    "The opposition leader",
    "A UN envoy",
    "The mayor",
]
VERBS = [
    "said on {day} that",
    "told reporters that",
    "warned in a statement that",
    "confirmed late on {day} that",
    "insisted during a visit that",
    "denied reports that",
]
CLAIMS = [
    "the convoy left {city} before dawn and nobody was hurt on the road",
    "talks with the partners in {city} would resume after the holidays",
    "the new budget would pay for repairs to schools and clinics in {city}",
    "several roads around {city} stayed closed for most of the afternoon",
    "elections in {city} would go ahead despite the protests last month",
    "an inquiry into the contracts signed in {city} would report in spring",
    "aid deliveries to the camps near {city} had doubled since the summer",
    "the factory outside {city} had reopened with half of its former staff",
]
CITIES = ["Baghdad", "Basra", "Mosul", "Erbil", "Kirkuk", "Najaf", "Tikrit", "Ramadi"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Monday"]
NAMES = ["Ann Lee", "Bo Chen", "Carl Diaz", "Dana Roe", "Eli Katz", "Fay Wu", "Gus Moe", "Hal Ng"]
TITLES = [
    "Markets fall on oil news",
    "A vote that split the city",
    "Inside the new port",
    "Why the bridge still waits",
    "Farmers count their losses",
    "The last ferry home",
    "Schools reopen after floods",
    "Night shift at the clinic",
]
BODY = "The minister said on Monday that talks with the partners would resume after the holidays."


def _sentence(i: int, k: int) -> str:
    subject = SUBJECTS[(i + 2 * k) % len(SUBJECTS)]
    verb = VERBS[(3 * i + k) % len(VERBS)].format(day=DAYS[i])
    claim = CLAIMS[(i + 3 * k) % len(CLAIMS)].format(city=CITIES[(i + k) % len(CITIES)])
    return f"{subject} {verb} {claim}, according to people familiar with the matter."


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _article(i: int, *chrome: str) -> str:
    body = [_sentence(i, k) for k in range(3)]
    return "\n\n".join([chrome[0], body[0], *chrome[1:], body[1], body[2]])


def _outlet(n: int = 8) -> list[str]:
    """An outlet whose pages carry a video widget, a credited caption and a counter line
    (strings no general lexicon knows: only learning from the outlet can find them)."""
    return [
        _article(
            i,
            f"CLIP NOW {TITLES[i]} Replay Clip Reel",
            f"STOCK IMAGE: A street in {CITIES[i]} on May {i + 3}, 2019. WIREPIX/{NAMES[i]}",
            f"Picture reel ({i + 2} frames)",
        )
        for i in range(n)
    ]


def test_line_shape_normalises_what_varies_between_pages():
    assert line_shape("Slideshow (12 Images)") == line_shape("Slideshow (3 Images)")
    assert line_shape("Photo: Ann Lee/AP") == line_shape("Photo: Bo Chen/AP")
    assert line_shape("— Ann Lee (@annlee) May 3, 2019") == (
        "—",
        "<name>",
        "(",
        "<handle>",
        ")",
        "<month>",
        "<num>",
        ",",
        "<num>",
    )
    assert "<url>" in line_shape("Read or Share this story: https://example.com/a/b")
    # ordinary capitalised words stay words: only credited names become <name>
    assert line_shape("Iraq Talks Resume") == ("iraq", "talks", "resume")


def test_learned_templates_remove_widgets_captions_and_counters_but_no_body(rules):
    pages = _outlet()
    found = learn_templates(pages, stopwords=rules.stopwords)
    kinds = {t.kind for t in found.found}
    assert kinds == {"line", "affix"}
    assert found.needed == templates_needed(8, min_docs=3, min_share=0.02) == 3
    unseen = _article(
        7,
        "CLIP NOW A new title nobody saw before Replay Clip Reel",
        "STOCK IMAGE: Soldiers on patrol in Iraq, June 1, 2020. WIREPIX/Zoe Park",
        "Picture reel (40 frames)",
    )
    doc = clean_document(unseen, rules=rules, templates=found)
    removed = {r.text: r for r in doc.removed}
    assert {r.reason for r in removed.values()} == {"repeated_template"}
    assert len(removed) == 3, removed
    for k in range(3):
        assert _sentence(7, k) in doc.text
    # every template is listed with its count and an example line
    assert all(t.n_docs >= found.needed and t.example for t in found.found)


def test_an_affix_in_just_enough_documents_is_learned(rules):
    """Affixes are only counted where their start and end each recur in enough documents:
    one printed in exactly ``needed`` documents is still learned, one in fewer is not."""
    pages = [
        _article(
            i,
            f"CLIP NOW {TITLES[i]} Replay Clip Reel" if i < 3 else "",
            f"DECK VIEW {TITLES[i]} Swipe Deck Panel" if 3 <= i < 5 else "",
        )
        for i in range(8)
    ]
    found = learn_templates(pages, stopwords=rules.stopwords)
    assert found.needed == 3
    affixes = {t.shape: t.n_docs for t in found.found if t.kind == "affix"}
    assert affixes == {"clip now <…>": 3, "<…> clip reel": 3}, affixes


def test_prose_that_recurs_at_line_starts_is_not_a_template(rules):
    """Sentences that start alike in many documents, but are said inside lines too."""
    pages = [
        f"The president said on {DAYS[i]} that {CLAIMS[i].format(city=CITIES[i])}.\n\n"
        f"Aides were surprised when the president said on {DAYS[i - 1]} that "
        f"{CLAIMS[i - 3].format(city=CITIES[i - 2])}, and others agreed.\n\n"
        f"The president said on {DAYS[i - 2]} that {CLAIMS[i - 5].format(city=CITIES[i - 4])}"
        for i in range(8)
    ]
    found = learn_templates(pages, stopwords=frozenset({"the", "on", "that", "in"}))
    assert not any(t.shape.startswith("the president said") for t in found.found), found.found


def test_a_small_outlet_learns_nothing_and_a_template_needs_its_share():
    assert not learn_templates(_outlet(4))
    assert templates_needed(1000, min_docs=3, min_share=0.02) == 20


def test_templates_round_trip_through_the_table(rules, tmp_path):
    found = learn_templates(_outlet(), stopwords=rules.stopwords)
    rebuilt = templates_from_table(found.found)
    assert rebuilt.lines == found.lines and rebuilt.starts == found.starts
    table = tmp_path / "templates.csv"
    rows = ["outlet,shard,kind,shape,n_docs,shard_docs,example"] + [
        f'Wire,wire-000,{t.kind},"{t.shape}",{t.n_docs},8,x' for t in found.found
    ]
    table.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert read_templates(table, "Wire").lines == found.lines
    with pytest.raises(InputError, match="no templates of outlet 'Other'"):
        read_templates(table, "Other")
    with pytest.raises(ValueError, match="not a template"):
        templates_from_table([Template("shape", "a b", 3, "")])


def test_link_cards_are_cut_out_of_the_sentence():
    line = (
        "“I disagree,” said Rep. Mark Meadows Mark Randall MeadowsHouse Republicans prepare "
        "for hearings Trump says he will testify MORE (R-N.C.), and Senate Majority Leader "
        "Mitch McConnell Addison (Mitch) Mitchell McConnellGOP senators balk at trial MORE "
        "agreed."
    )
    text, changes = remove_link_cards(line)
    assert text == (
        "“I disagree,” said Rep. Mark Meadows (R-N.C.), and Senate Majority Leader "
        "Mitch McConnell agreed."
    )
    assert [kind for kind, *_ in changes] == ["link_card", "link_card"]
    # no card: an ordinary "MORE" and a glued word without a repeated surname stay
    for plain in ["They want MORE troops.", "The iPhone sold MORE than expected."]:
        assert remove_link_cards(plain) == (plain, [])


def test_speaker_labels_and_pull_quotes_are_found_within_the_document():
    lines = [
        "Jen Kirby",
        "Why now?",
        "Anand Menon",
        "Because.",
        "Jen Kirby",
        "And?",
        "Anand Menon",
        "Then.",
        "Jen Kirby",
        "Ok.",
        "Anand Menon",
        "Fine.",
    ]
    assert set(speaker_labels(lines)) == {0, 2, 4, 6, 8, 10}
    assert (
        speaker_labels(["Foreign Policy", "text", "Foreign Policy"]) == {}
    )  # twice is not a transcript
    quote = "the longer they stay the more they can afford to become adherents"
    body = "Critics note that " + quote + " of the old party, as the report says."
    assert set(pull_quotes([body, "", quote.capitalize() + "."])) == {2}
    far = [body] + ["Another paragraph."] * 6 + [quote]
    assert pull_quotes(far) == {}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Weird. pic.twitter.com/L5v5Z40G4F — S.M (@redsteeze) August 9, 2014", "social_embed"),
        ("— Ann Lee (@annlee) November 18, 2019", "social_embed"),
        ("SEE ALSO: State Department downplays reports of bullying", "related_links"),
        ("Trump backtracks on Nato with Russia tensions rising Read more", "related_links"),
        ("Historic connection:Trump's call and Watergate drawing parallels", "related_links"),
        ("Kristen Hayford contributed to this report.", "byline_or_dateline"),
        ("• Stephen Dinan and Dave Boyer contributed to this report.", "byline_or_dateline"),
        ("Contributing: Courtney Subramanian, USA TODAY.", "byline_or_dateline"),
        ("[MUSIC]", "transcript_cue"),
        ("(LAUGHTER)", "transcript_cue"),
        ("Story Highlights", "site_chrome"),
        ("Editor's note: This story was updated to add comment.", "site_chrome"),
        ("Smoke rises over the city on Thursday. (Photo: Hassan Ammar, AP)", "credit_or_caption"),
        ("Photograph: Chip Somodevilla/Getty Images", "credit_or_caption"),
        (
            "A missile launch in an undated photo released on Friday. (KCNA/via Reuters)",
            "credit_or_caption",
        ),
        (
            "Get the stories you care about delivered to your inbox. By signing up, you agree to "
            "our Privacy Policy",
            "download_prompt",
        ),
        ("Sign up for Daily Newsletters Manage Newsletters", "download_prompt"),
    ],
)
def test_general_chrome_sections(rules, line, reason):
    page = "\n\n".join([_sentence(1, 0), _sentence(2, 1), line, _sentence(3, 2), _sentence(4, 0)])
    doc = clean_document(page, rules=rules)
    assert [(r.text, r.reason) for r in doc.removed] == [(line, reason)]


@pytest.mark.parametrize(
    "line",
    [
        "He said more than 40 people contributed to the fund over the year, officials said.",
        "The minister, who is a former professor, said the talks in Basra would go on.",
        "“We need more time,” he told reporters in Washington after the meeting on Monday.",
    ],
)
def test_body_sentences_that_resemble_chrome_are_kept(rules, line):
    doc = clean_document(f"{BODY}\n\n{line}\n\n{_sentence(1, 1)}", rules=rules)
    assert line in doc.text


def test_a_document_without_line_breaks_is_cleaned_sentence_by_sentence(rules):
    body = [_sentence(i, i % 3) for i in range(4)]
    line = " ".join(
        [
            body[0],
            body[1],
            "Kristen Hayford contributed to this report.",
            body[2],
            "SEE ALSO: Markets fall on oil news.",
            body[3],
        ]
    )
    doc = clean_document(line, rules=rules, doc_id="d")
    assert doc.text == " ".join(body)
    assert [(r.line_no, r.kind, r.before) for r in doc.repairs] == [
        (1, "removed_sentence:byline_or_dateline", "Kristen Hayford contributed to this report."),
        (1, "removed_sentence:related_links", "SEE ALSO: Markets fall on oil news."),
    ]
    assert doc.kept_line_nos == (1,) and doc.removed == ()
    assert clean_document(doc.text, rules=rules).text == doc.text  # idempotent
    # a line of chrome only is removed as a line
    only = clean_document(
        "Sign up for our newsletter. Share this story. Read more: nothing.", rules=rules
    )
    assert only.text == "" and [r.line_no for r in only.removed] == [1]


def test_a_first_line_repeating_the_title_is_removed_as_headline(rules):
    body = "\n\n".join(_sentence(i, 1) for i in range(3))
    doc = clean_document(
        f"Russia offers arms to Iraq | Daily News\n\n{body}",
        rules=rules,
        title="Russia offers arms to Iraq",
    )
    assert [(r.line_no, r.reason) for r in doc.removed] == [(1, "headline")]
    assert doc.text == body
    # a first line that only shares words with the title, or a title further down, stays
    for text in [
        f"Russia offers arms to Iraq, officials said on Monday in a long statement "
        f"issued late in the evening.\n\n{body}",
        f"{body}\n\nRussia offers arms to Iraq",
    ]:
        kept = clean_document(text, rules=rules, title="Russia offers arms to Iraq")
        assert all(r.reason != "headline" for r in kept.removed)


def test_a_highlights_box_and_an_authors_note_at_the_foot_are_found():
    lines = [
        "Smoke rises over Damascus. (Photo: Ann Lee, AP) Story Highlights Syria warns the U.S.",
        "",
        "Syria says any military action would set the region ablaze",
        "",
        "Hagel said U.S. still weighing a possible response",
        "",
        _sentence(1, 1),
        "",
        "A short line after the body",
    ]
    assert set(highlight_blocks(lines)) == {0, 2, 4}
    footer = [
        _sentence(2, 0),
        "Wendy R. Sherman, a professor at Harvard Kennedy School, was undersecretary of State.",
    ]
    assert set(author_footer(footer)) == {1}
    # the same kind of sentence in the middle of the article is the article's
    assert author_footer([footer[1], _sentence(2, 0), _sentence(3, 1), _sentence(4, 2)]) == {}


def test_paragraphs_between_embedded_posts_keep_each_other_as_context(rules):
    tweet = "Big day for the agency! pic.twitter.com/x1 — Ann Lee (@annlee) March 16, 2018"
    page = "\n\n".join(
        [
            _sentence(0, 0),
            tweet,
            "The White House has been quiet today.",
            tweet,
            "Aides said more news would come.",
            tweet,
            _sentence(1, 1),
        ]
    )
    doc = clean_document(page, rules=rules)
    assert {r.reason for r in doc.removed} == {"social_embed"}
    assert "The White House has been quiet today." in doc.text


def test_a_caption_glued_to_a_paragraph_is_cut_from_it():
    body = _sentence(3, 1)
    text, changes = remove_glued_caption(f"Smoke rises over Damascus. (Photo: Ann Lee, AP) {body}")
    assert text == body and [kind for kind, *_ in changes] == ["glued_caption"]
    # a caption alone stays for the line rules; a parenthesis that is no credit stays
    for line in [
        "Smoke rises over Damascus. (Photo: Ann Lee, AP) It burns.",
        f"{body} (as Reuters reported: on Monday) {body}",
    ]:
        assert remove_glued_caption(line) == (line, [])


def test_a_lead_sentence_in_quotes_and_a_sentence_tail_starting_with_by_are_body(rules):
    lead = "The minister said: “We will not leave.”"
    tail = "by the end of the year,” he said."
    page = "\n\n".join([lead, _sentence(1, 0), _sentence(2, 1), tail, _sentence(3, 2)])
    doc = clean_document(page, rules=rules)
    assert lead in doc.text and tail in doc.text, doc.removed


@pytest.mark.parametrize(
    ("texts", "line"),
    [
        # at the line's start, side by side, inside longer words, the longest text first
        (
            ["our editors recommend", "our editors", "our", "to open"],
            "our editors recommend our,our ours tour our-to open to opener our",
        ),
        # texts ending in punctuation; one starting with it is found with the plain pattern
        (["u.s.", "a"], "u.s. a u.s.a a. (a)"),
        (["(a)", "a"], "(a) a(a) (a)a"),
    ],
)
def test_core_finder_lists_what_the_plain_pattern_finds(texts, line):
    plain = re.compile("(?<!\\w)(?:" + "|".join(map(re.escape, texts)) + ")(?!\\w)")
    assert _core_finder(texts)(line) == plain.findall(line)
