import pandas as pd

from framelab.clean.audit import render_audit


def test_removed_lines_are_struck_out_with_reason_and_rule():
    docs = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "outlet": ["rt"],
            "input_text": ["Skip to main content\nBody <b>text</b>."],
        }
    )
    removed = pd.DataFrame(
        {
            "doc_id": ["d1"],
            "line_no": [1],
            "text": ["Skip to main content"],
            "reason": ["site_chrome"],
            "rule": ["lexicon:site_chrome"],
        }  # fmt: skip
    )
    repairs = pd.DataFrame(
        {"doc_id": ["d1"], "line_no": [2], "kind": ["quote"], "before": ["a"], "after": ["b"]}
    )
    page = render_audit(docs, removed, repairs, title="Audit")
    assert (
        '<tr class="removed"><td class="no">1</td><td class="text">Skip to main content</td>'
        '<td class="reason">site_chrome</td><td class="rule">lexicon:site_chrome</td></tr>'
    ) in page
    assert '<td class="text">Body &lt;b&gt;text&lt;/b&gt;.</td><td></td>' in page
    assert "2 lines, 1 removed, 1 kept" in page
    assert "a → b" in page


def test_a_document_without_removals_lists_every_line():
    docs = pd.DataFrame({"doc_id": ["d1"], "outlet": ["rt"], "input_text": ["One.\nTwo."]})
    empty = pd.DataFrame(columns=["doc_id", "line_no", "text", "reason", "rule"])
    repairs = pd.DataFrame(columns=["doc_id", "line_no", "kind", "before", "after"])
    page = render_audit(docs, empty, repairs, title="Audit")
    assert page.count('<td class="no">') == 2
    assert 'class="removed"' not in page


def test_every_line_is_escaped_whatever_ends_it():
    docs = pd.DataFrame(
        {"doc_id": ["d1"], "outlet": ["rt"], "input_text": ['A <b>\r\nB & C\u2028D "q"\x0bE']}
    )
    removed = pd.DataFrame(
        {"doc_id": ["d1"], "line_no": [2], "text": ["B & C"], "reason": ["x"], "rule": ["y"]}
    )
    repairs = pd.DataFrame(columns=["doc_id", "line_no", "kind", "before", "after"])
    page = render_audit(docs, removed, repairs, title="Audit")
    assert "4 lines, 1 removed, 3 kept" in page
    assert '<td class="text">A &lt;b&gt;</td><td></td>' in page
    assert '<td class="no">2</td><td class="text">B &amp; C</td><td class="reason">x' in page
    assert '<td class="no">3</td><td class="text">D &quot;q&quot;</td>' in page
    assert '<td class="no">4</td><td class="text">E</td>' in page
