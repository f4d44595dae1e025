"""Command line for the cleaner: a text (or HTML) file or stdin in, clean text on stdout."""

import argparse
import csv
import logging
import sys
from pathlib import Path

from framelab.clean.document import clean_document
from framelab.clean.html import extract_html
from framelab.clean.rules import load_rules
from framelab.clean.templates import OutletTemplates, Template, templates_from_table
from framelab.errors import InputError

__all__ = ["main"]

logger = logging.getLogger(__name__)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framelab clean",
        description="Remove boilerplate from one page's text; write the clean text to stdout.",
    )
    parser.add_argument("path", nargs="?", default="-", help="text or .html file, or - for stdin")
    parser.add_argument("--lang", default="en", help="ISO 639-1 language code (default: en)")
    parser.add_argument(
        "--rules",
        action="append",
        default=None,
        help="boilerplate lexicon YAML (default: shipped); repeat to add a study's lexicon",
    )
    parser.add_argument("--audit", default=None, help="write removed lines and repairs as CSV")
    parser.add_argument("--html", action="store_true", help="treat the input as HTML")
    parser.add_argument(
        "--templates",
        default=None,
        help="a study's learned site templates (results/<study>/clean/templates.csv) to apply",
    )
    parser.add_argument(
        "--outlet", default=None, help="whose templates to apply, when the file holds several"
    )
    return parser


def read_templates(path: str | Path, outlet: str | None = None) -> OutletTemplates:
    """One outlet's templates from a study's ``clean/templates.csv``.

    Raises
    ------
    InputError
        If the file cannot be read, lacks a column, names several outlets and ``outlet`` is
        None, or does not hold ``outlet``.
    """
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as err:
        raise InputError(f"cannot read templates {path}: {err}") from err
    needed = {"outlet", "kind", "shape", "n_docs"}
    if rows and (missing := needed - set(rows[0])):
        raise InputError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    outlets = sorted({row["outlet"] for row in rows})
    if outlet is None and len(outlets) > 1:
        raise InputError(
            f"{path} holds templates of {', '.join(outlets)}: choose one with --outlet"
        )
    if outlet is not None and outlet not in outlets:
        raise InputError(
            f"{path} has no templates of outlet {outlet!r}; it has {', '.join(outlets)}"
        )
    try:
        return templates_from_table(
            Template(row["kind"], row["shape"], int(row["n_docs"]), row.get("example", ""))
            for row in rows
            if outlet is None or row["outlet"] == outlet
        )
    except ValueError as err:
        raise InputError(f"{path}: {err}") from err


def _write_audit(path: str, doc) -> None:  # noqa: ANN001 - a CleanedDocument
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["doc_id", "line_no", "action", "reason_or_kind", "rule", "before", "after"]
        )
        for r in doc.removed:
            writer.writerow([r.doc_id, r.line_no, "removed", r.reason, r.rule, r.text, ""])
        for r in doc.repairs:
            writer.writerow([r.doc_id, r.line_no, "repaired", r.kind, "", r.before, r.after])


def main(argv: list[str] | None = None) -> int:
    """Run the cleaner on one input.

    Parameters
    ----------
    argv : list of str, optional
        Arguments without the program name; default ``sys.argv[1:]``.

    Returns
    -------
    int
        Exit status: 0 on success, 2 on unreadable input, rules or templates.
    """
    args = _parser().parse_args(argv)
    try:
        if args.path == "-":
            raw = sys.stdin.buffer.read().decode("utf-8", errors="replace")
            doc_id = "-"
        else:
            raw = Path(args.path).read_text(encoding="utf-8", errors="replace")
            doc_id = Path(args.path).stem
    except OSError as err:
        print(f"framelab clean: cannot read {args.path}: {err}", file=sys.stderr)
        return 2
    if args.html or args.path.lower().endswith((".html", ".htm")):
        raw = extract_html(raw)
    try:
        rules = load_rules(args.rules)
        templates = read_templates(args.templates, args.outlet) if args.templates else None
    except InputError as err:
        print(f"framelab clean: {err}", file=sys.stderr)
        return 2
    doc = clean_document(raw, rules=rules, doc_id=doc_id, lang=args.lang, templates=templates)
    sys.stdout.write(doc.text + ("\n" if doc.text else ""))
    if args.audit:
        _write_audit(args.audit, doc)
    return 0
