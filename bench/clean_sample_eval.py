"""Score framelab.clean on the hand-labelled lines of the uspress-dev corpus.

    PYTHONPATH=workflow python bench/clean_sample_eval.py [--data DIR] [--labels CSV]

``tests/fixtures/clean/uspress-labels.csv`` labels every non-blank line of 50 documents (five
per outlet of ``../shared/data/uspress-dev``) as ``body``, ``debris`` or ``mixed`` (body with
debris spliced in; ``debris_spans`` holds the debris as ``start:end`` character offsets). It
stores ids, line numbers and labels only, never article text: the texts are read from the
data folder. Each outlet's templates are learned from all of its documents in the folder, as
the pipeline learns them from a study's corpus, with the defaults of ``config.yaml``.

Word-level, lowercase ``\\w+`` tokens, multiset overlap as in the boilerplate scorer:

* body lost: share of the body words missing from the clean text;
* debris removed: share of the debris words that the clean text does not contain beyond the
  body's own words;
* precision: share of the clean text's words that are body words.

The last line printed is ``all: debris removed=… body lost=… precision=… recall=… n=…``.
"""

import argparse
import csv
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from clean_eval import REPO, word_bag

from framelab.clean import clean_document, learn_templates, load_rules
from framelab.clean.rules import CleanRules
from framelab.config import load_config

DEFAULT_DATA = REPO.parent / "shared" / "data" / "uspress-dev"
DEFAULT_LABELS = REPO / "tests" / "fixtures" / "clean" / "uspress-labels.csv"


@dataclass
class Tally:
    """Word counts of one outlet (or all)."""

    body: int = 0
    debris: int = 0
    body_lost: int = 0
    debris_kept: int = 0
    output: int = 0
    docs: int = 0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def debris_removed(self) -> float:
        return 1 - self.debris_kept / self.debris if self.debris else 1.0

    @property
    def lost(self) -> float:
        return self.body_lost / self.body if self.body else 0.0

    @property
    def precision(self) -> float:
        return (self.body - self.body_lost) / self.output if self.output else 1.0


def read_labels(path: Path) -> dict[str, list[dict[str, str]]]:
    """Label rows per document."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            rows[row["doc_id"]].append(row)
    return rows


def gold_bags(text: str, rows: list[dict[str, str]]) -> tuple[Counter[str], Counter[str]]:
    """Body and debris word bags of one document from its label rows."""
    lines = text.splitlines()
    body: Counter[str] = Counter()
    debris: Counter[str] = Counter()
    for row in rows:
        line = lines[int(row["line_no"]) - 1]
        if row["label"] == "body":
            body += word_bag(line)
        elif row["label"] == "debris":
            debris += word_bag(line)
        else:
            spans = [tuple(map(int, s.split(":"))) for s in row["debris_spans"].split(";") if s]
            kept, last = [], 0
            for start, end in sorted(spans):
                kept.append(line[last:start])
                debris += word_bag(line[start:end])
                last = end
            kept.append(line[last:])
            body += word_bag(" ".join(kept))
    return body, debris


def score_document(output: str, body: Counter[str], debris: Counter[str]) -> Tally:
    """Word counts of one cleaned document against its gold bags."""
    out = word_bag(output)
    surplus = out - body
    return Tally(
        body=sum(body.values()),
        debris=sum(debris.values()),
        body_lost=sum((body - out).values()),
        debris_kept=sum((surplus & debris).values()),
        output=sum(out.values()),
        docs=1,
    )


def evaluate(
    data: Path = DEFAULT_DATA, labels: Path = DEFAULT_LABELS, rules: CleanRules | None = None
) -> dict[str, Tally]:
    """Tallies per outlet of the labelled documents, and ``"all"``."""
    rules = rules or load_rules()
    settings = load_config(REPO / "config.yaml")["clean"]["templates"]
    by_label = read_labels(labels)
    with open(data / "metadata.csv", encoding="utf-8", newline="") as handle:
        meta = list(csv.DictReader(handle))
    texts = {row["doc_id"]: (data / row["path"]).read_text(encoding="utf-8") for row in meta}
    outlet_of = {row["doc_id"]: row["outlet"] for row in meta}
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for row in meta:
        by_outlet[row["outlet"]].append(texts[row["doc_id"]])
    learned = {
        outlet: learn_templates(
            outlet_texts,
            stopwords=rules.stopwords,
            min_docs=settings["min_docs"],
            min_share=settings["min_share"],
            min_outlet_docs=settings["min_outlet_docs"],
        )
        for outlet, outlet_texts in by_outlet.items()
        if any(outlet_of[d] == outlet for d in by_label)
    }
    tallies: dict[str, Tally] = defaultdict(Tally)
    for doc_id, rows in sorted(by_label.items()):
        outlet = outlet_of[doc_id]
        cleaned = clean_document(
            texts[doc_id], rules=rules, doc_id=doc_id, templates=learned[outlet]
        )
        tally = score_document(cleaned.text, *gold_bags(texts[doc_id], rows))
        tallies[outlet].add(tally)
        tallies["all"].add(tally)
    return dict(tallies)


def main(argv: list[str] | None = None) -> int:
    """Print a row per outlet and the overall line; exit 0, or 1 when the data is absent."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    args = parser.parse_args(argv)
    if not (args.data / "metadata.csv").is_file():
        print(f"skipped: no uspress-dev data at {args.data} (metadata.csv is missing)")
        return 1
    tallies = evaluate(args.data, args.labels)
    print("| outlet | docs | body words | debris words | debris removed | body lost | precision |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for outlet, t in sorted(tallies.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        print(
            f"| {outlet} | {t.docs} | {t.body} | {t.debris} | {t.debris_removed:.1%} "
            f"| {t.lost:.2%} | {t.precision:.3f} |"
        )
    t = tallies["all"]
    print(
        f"all: debris removed={t.debris_removed:.3f} body lost={t.lost:.4f} "
        f"precision={t.precision:.3f} recall={1 - t.lost:.3f} n={t.docs}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
