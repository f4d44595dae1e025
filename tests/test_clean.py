"""Unit tests of framelab.clean: rules, line decisions, repairs, paragraphs, templates, CLI."""

import io
import sys

import pytest

from framelab.clean import (
    DEFAULT_RULES_PATH,
    REASONS,
    clean_document,
    extract_html,
    learn_templates,
    load_rules,
)
from framelab.clean.cli import main
from framelab.errors import InputError

BODY = (
    "The minister said on Tuesday that the government would review the agreement with its "
    "partners before the end of the year, according to officials familiar with the talks."
)


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def _page(*lines: str) -> str:
    return "\n".join(lines)


def test_default_rules_path_exists():
    assert DEFAULT_RULES_PATH.exists()
    assert load_rules().source == str(DEFAULT_RULES_PATH)


def test_reasons_are_a_closed_described_set():
    assert all(isinstance(k, str) and v for k, v in REASONS.items())
    assert {"site_chrome", "comments_section", "legal_disclaimer"} <= set(REASONS)


def test_malformed_rules_name_file_and_key(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("site_chrome:\n  patterns: ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.yaml.*site_chrome\.patterns\[0\]"):
        load_rules(bad)
    bad.write_text("nonsense_section: {}\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown sections"):
        load_rules(bad)


def test_chrome_and_body(rules):
    text = _page("Skip to main content", "Advertisement", BODY, BODY, "Privacy Policy")
    doc = clean_document(text, rules=rules, doc_id="d1")
    assert doc.text == f"{BODY}\n\n{BODY}"
    reasons = {r.line_no: r.reason for r in doc.removed}
    assert reasons == {1: "site_chrome", 2: "site_chrome", 5: "site_chrome"}
    assert all(r.doc_id == "d1" and r.rule.startswith("lexicon:") for r in doc.removed)


def test_every_line_accounted_and_exact_text(rules):
    text = "Menu\r\n\r\n" + BODY + "\r\n© Reuters 2020\r\n" + BODY
    doc = clean_document(text, rules=rules)
    lines = text.splitlines()
    removed = {r.line_no for r in doc.removed}
    assert sorted(set(doc.kept_line_nos) | removed) == list(range(1, len(lines) + 1))
    assert not set(doc.kept_line_nos) & removed
    for r in doc.removed:
        assert r.text == lines[r.line_no - 1]


def test_comment_section_is_cut_but_not_a_mention(rules):
    mention = "Readers left many comments on the proposal, which the council will discuss soon."
    text = _page(BODY, mention, BODY, "12 comments", "John says:", BODY)
    doc = clean_document(text, rules=rules)
    assert mention in doc.text
    assert [r.reason for r in doc.removed] == ["comments_section"] * 3
    # a counter above the body is no boundary
    doc = clean_document(_page("3 comments", BODY, BODY), rules=rules)
    assert BODY in doc.text


def test_untranslated_line_in_english_text(rules):
    doc = clean_document(_page(BODY, "Солдаты", BODY), rules=rules)
    assert "Солдаты" not in doc.text
    assert doc.removed[0].reason == "untranslated_fragment"
    russian = "Министр заявил во вторник, что правительство пересмотрит соглашение с партнерами."
    doc = clean_document(_page(russian, russian), rules=rules)
    assert russian in doc.text


def test_caption_before_credit(rules):
    text = _page(BODY, BODY, "Soldiers at the base", "Photo: Reuters/John Doe", BODY, BODY, BODY)
    doc = clean_document(text, rules=rules)
    assert [r.reason for r in doc.removed] == ["credit_or_caption"] * 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("It happened at 06: 28 in the morning, the police said in a statement today.", "06:28"),
        ("There are about 2,5 thousand American troops in the country as of this year now.", "2.5"),
        (
            "There are about 2,500 American troops in the country as of this year, it said now.",
            "2,500",
        ),
        (
            "He said the talks went well , and that the sides agreed on a date for a meeting.",
            "well, and",
        ),
    ],
)
def test_inline_repairs(rules, line, expected):
    doc = clean_document(_page(BODY, line), rules=rules)
    assert expected in doc.text


def test_disclaimers_are_taken_out(rules):
    line = (
        'Although the "Islamic State" (IS, ISIL, a terrorist organization banned in the Russian '
        "Federation) is weaker, ISIS (a terrorist organization banned in Russia) still attacks, "
        "and the HTS (recognized as a terrorist group and banned in Russia) advances."
    )
    doc = clean_document(_page(BODY, line), rules=rules)
    assert "(IS, ISIL) is weaker, ISIS still attacks, and the HTS advances." in doc.text
    assert len(doc.disclaimers) == 3
    assert "banned" not in doc.text


def test_footnote_marks_and_lines(rules):
    text = _page(
        BODY,
        "The offensive by the Taliban fighters ** raised tensions on the border, officials said.",
        BODY,
        '** "Taliban" - the organization was recognized as terrorist by the Supreme Court.',
    )
    doc = clean_document(text, rules=rules)
    assert "Taliban fighters raised" in doc.text
    assert doc.removed[-1].reason == "legal_disclaimer"
    assert "**" in doc.disclaimers


def test_split_sentences_are_joined(rules):
    text = _page(
        BODY,
        "No need for the presence of any foreign military forces on Iraqi soil",
        "- he said in an interview before traveling to Washington for talks with the president.",
        "",
        "“We don't need more fighters, because we have them.",
        "",
        "What we need?",
        "",
        "We need the military for air support, ”the newspaper quoted the diplomat as saying.",
        "",
        BODY,
    )
    doc = clean_document(text, rules=rules)
    paragraphs = doc.text.split("\n\n")
    assert "soil - he said" in paragraphs[1]
    assert paragraphs[2].startswith("“We don't need") and "support,” the newspaper" in paragraphs[2]
    assert any(r.kind.startswith("join_lines") for r in doc.repairs)


def test_templates(rules):
    pages = [_page("Read our newsletter every day", BODY + str(i)) for i in range(6)]
    found = learn_templates(pages, min_docs=3)
    assert found.lines == {("read", "our", "newsletter", "every", "day")}
    assert not learn_templates(pages[:4], min_docs=3)  # too few documents to learn from
    doc = clean_document(pages[0], rules=rules, templates=found)
    assert doc.removed[0].reason == "repeated_template"
    with pytest.raises(ValueError, match="min_docs"):
        learn_templates(pages, min_docs=0)


def test_empty_and_blank(rules):
    assert clean_document("", rules=rules).text == ""
    doc = clean_document("\n \n\t\n", rules=rules)
    assert doc.text == "" and doc.kept_line_nos == (1, 2, 3)


def test_extract_html():
    html = (
        "<html><head><title>T</title></head><body><nav>Home | News</nav><article>"
        f"<h1>Title</h1><p>{BODY}</p><p>{BODY}</p></article><footer>Contact us</footer>"
        "</body></html>"
    )
    text = extract_html(html)
    assert BODY in text
    assert extract_html("") == ""


def test_cli_reads_stdin_and_writes_audit(tmp_path, monkeypatch, capsys):
    audit = tmp_path / "audit.csv"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(f"Menu\n{BODY}\n".encode())))
    assert main(["-", "--audit", str(audit)]) == 0
    assert capsys.readouterr().out == BODY + "\n"
    assert "site_chrome" in audit.read_text(encoding="utf-8")


def test_a_study_lexicon_adds_its_outlets_furniture_after_the_general_entries(tmp_path):
    seed = DEFAULT_RULES_PATH.parents[1] / "seed-corpus" / "boilerplate.yaml"
    page = _page("Main slide", BODY, "Select important")
    general = clean_document(page, rules=load_rules())
    # the seed outlets' furniture is not general chrome (the line score still drops it)
    assert not any(r.rule.startswith("lexicon:") for r in general.removed)
    doc = clean_document(page, rules=load_rules([DEFAULT_RULES_PATH, seed]))
    assert doc.text == BODY
    assert {r.rule for r in doc.removed} == {"study:seed-corpus/boilerplate:site_chrome"}
    bad = tmp_path / "study.yaml"
    bad.write_text("settings:\n  short_words: 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="line entries only"):
        load_rules([DEFAULT_RULES_PATH, bad])
    bad.write_text("site_chrome:\n  exact:\n    - read more:\n", encoding="utf-8")
    with pytest.raises(InputError, match="quote entries"):
        load_rules([DEFAULT_RULES_PATH, bad])


def test_cli_applies_a_studys_learned_templates_and_study_lexicon(tmp_path, capsys):
    seed = DEFAULT_RULES_PATH.parents[1] / "seed-corpus" / "boilerplate.yaml"
    page = tmp_path / "page.txt"
    page.write_text(_page("Wirepix reel (7 frames)", BODY, "Main slide"), encoding="utf-8")
    table = tmp_path / "templates.csv"
    table.write_text(
        "outlet,shard,kind,shape,n_docs,shard_docs,example\n"
        "Wire,wire-000,line,wirepix reel ( <num> frames ),9,40,Wirepix reel (3 frames)\n"
        "Other,other-000,line,main slide,9,40,Main slide\n",
        encoding="utf-8",
    )
    args = [str(page), "--rules", str(DEFAULT_RULES_PATH), "--rules", str(seed)]
    audit = tmp_path / "audit.csv"
    assert main([*args, "--templates", str(table), "--outlet", "Wire", "--audit", str(audit)]) == 0
    assert capsys.readouterr().out == BODY + "\n"
    rules = [row.split(",")[4] for row in audit.read_text(encoding="utf-8").splitlines()[1:]]
    assert rules == ["template:line", "study:seed-corpus/boilerplate:site_chrome"]
    # several outlets in the file and none chosen: exit 2 with a message naming them
    assert main([*args, "--templates", str(table)]) == 2
    assert "Other, Wire" in capsys.readouterr().err


def test_the_pattern_union_finds_exactly_the_lines_some_pattern_matches(rules):
    """The union tries start-anchored patterns at the start, end-anchored ones in the tail and
    patterns that begin with ASCII words only where the lower-cased line has them: on short,
    long and edge-case lines it must agree with searching every pattern."""
    pages = sorted((DEFAULT_RULES_PATH.parents[2] / "tests" / "fixtures" / "clean").glob("*.txt"))
    lines = [line.strip() for p in pages for line in p.read_text(encoding="utf-8").splitlines()]
    lines += [
        "Smoke over the city. (Photo: Ann Lee, AP)",
        BODY + " " + BODY + " (Photo: Ann Lee, AP)",
        BODY * 3 + " | Getty Images",
        "x" * 60 + "photograph: Ann Lee/AP",
        "— Ann Lee (@annlee) November 18, 2019",
        BODY + " pic.twitter.com/abc — Ann Lee (@annlee) May 3, 2019",
        "© 2019 The Daily, all rights reserved.",
        "All rights reserved",
        "Kristen Hayford contributed to this report.",
        BODY + " Kristen Hayford contributed to this report.",
        # the literal prefilter: upper case, and letters that fold to ASCII (İ ı ſ K)
        "READ MORE: the rest of the story",
        BODY + " BY SIGNING UP, YOU AGREE to the terms",
        "\u0130mage credit: Ann Lee",
        "Vıdeo by Ann Lee",
        "\u017fkip to main content",
        BODY + " \u0130 pic.twitter.com/abc",
    ]
    for line in filter(None, lines):
        expected = any(p.regex.search(line) for p in rules.patterns)
        assert rules.any_pattern.search(line) == expected, line
