"""The cleaning audit for reviewers: each document's lines, removed ones struck out with reasons."""

from __future__ import annotations

import html

import pandas as pd

from framelab.clean import REASONS

__all__ = ["render_audit"]

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
h2 { margin-top: 2.5em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; }
td { vertical-align: top; padding: 1px 6px; }
td.no { color: #888; text-align: right; width: 3em; }
tr.removed td.text { text-decoration: line-through; color: #a33; }
td.reason { color: #a33; white-space: nowrap; font-size: 12px; }
td.rule { color: #888; font-size: 12px; }
.meta { color: #555; }
dl.reasons dt { font-weight: bold; float: left; width: 14em; }
"""


def render_audit(
    docs: pd.DataFrame, removed: pd.DataFrame, repairs: pd.DataFrame, *, title: str
) -> str:
    """A self-contained HTML page showing every document line, kept or struck out.

    Parameters
    ----------
    docs : DataFrame
        ``doc_id, outlet, input_text``: the text the cleaner saw, per document.
    removed : DataFrame
        ``doc_id, line_no, text, reason, rule`` (line numbers 1-based in ``input_text``).
    repairs : DataFrame
        ``doc_id, line_no, kind, before, after``.
    title : str
        Page heading.

    Returns
    -------
    str
        The HTML page.
    """
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>Every input line of every document, in order. Removed lines are struck out, with "
        "the reason code and the rule or score that fired.</p>",
        '<dl class="reasons">',
        *(f"<dt>{code}</dt><dd>{html.escape(text)}</dd>" for code, text in REASONS.items()),
        "</dl>",
    ]
    removed_by_doc = _removed_by_doc(removed)
    repairs_by_doc = {k: g for k, g in repairs.groupby("doc_id", sort=False)}
    for row in docs.itertuples(index=False):
        gone = removed_by_doc.get(row.doc_id, {})
        # escaping keeps every line break, so the escaped text splits into the escaped lines
        lines = html.escape(row.input_text).splitlines()
        parts.append(f'<h2 id="{html.escape(row.doc_id)}">{html.escape(row.doc_id)}</h2>')
        parts.append(
            f'<p class="meta">outlet {html.escape(row.outlet)}; {len(lines)} lines, '
            f"{len(gone)} removed, {len(lines) - len(gone)} kept</p>"
        )
        parts.append("<table>")
        for number, text in enumerate(lines, start=1):
            if number in gone:
                reason, rule = gone[number]
                parts.append(
                    f'<tr class="removed"><td class="no">{number}</td>'
                    f'<td class="text">{text}</td>'
                    f'<td class="reason">{html.escape(reason)}</td>'
                    f'<td class="rule">{html.escape(rule)}</td></tr>'
                )
            else:
                parts.append(
                    f'<tr><td class="no">{number}</td><td class="text">{text}</td>'
                    "<td></td><td></td></tr>"
                )
        parts.append("</table>")
        fixes = repairs_by_doc.get(row.doc_id)
        if fixes is not None and len(fixes):
            parts.append("<h3>Repairs</h3><table>")
            for fix in fixes.itertuples(index=False):
                parts.append(
                    f'<tr><td class="no">{fix.line_no}</td><td class="rule">{fix.kind}</td>'
                    f"<td>{html.escape(fix.before)} → {html.escape(fix.after)}</td></tr>"
                )
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _removed_by_doc(removed: pd.DataFrame) -> dict[str, dict[int, tuple[str, str]]]:
    """``doc_id -> {line_no: (reason, rule)}`` of the removed lines."""
    out: dict[str, dict[int, tuple[str, str]]] = {}
    columns = [removed[c].tolist() for c in ("doc_id", "line_no", "reason", "rule")]
    for doc_id, line_no, reason, rule in zip(*columns, strict=True):
        out.setdefault(doc_id, {})[int(line_no)] = (str(reason), str(rule))
    return out
