"""The bad-input matrix, end to end: each case stops `snakemake` with a message naming the
file, row or key at fault, and leaves nothing half-written in results/.

Problems that need no document text (metadata, paths, config, lexicons) stop the run before
any job starts; problems in a document's bytes stop the job of the shard that holds it, and
Snakemake removes that job's outputs. Either way every file left in results/ is the complete
output of a job that finished.
"""

from __future__ import annotations

import base64
import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, copy_project, snakemake

pytestmark = pytest.mark.e2e

RT_FILE = "data/raw/002_22c9c7e8ba74f181.txt"  # the seed corpus's one RT article


def edit_metadata(workdir: Path, row: int, **values: str) -> None:
    """Set columns of one metadata row (1-based, as the messages count rows)."""
    path = workdir / "data/metadata.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0]) + [k for k in values if k not in rows[0]]
    rows[row - 1].update(values)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, restval="")
        writer.writeheader()
        writer.writerows(rows)


def edit_config(workdir: Path, old: str, new: str) -> None:
    path = workdir / "config.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def jsonl_corpus(workdir: Path) -> None:
    lines = [
        json.dumps({"doc_id": "j1", "outlet": "rt", "date": "2025-01-02", "text": "A text."}),
        '{"doc_id": "j2", "outlet": "rt", "date": "2025-01-03", "text": "unterminated',
    ]
    (workdir / "data/corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    edit_config(workdir, "  # documents: data/my-corpus.jsonl", "  documents: data/corpus.jsonl")


def html_without_text(workdir: Path) -> None:
    (workdir / RT_FILE).unlink()
    page = "<html><body><nav><a href='/'>Home</a></nav><footer>(c) 2025</footer></body></html>"
    (workdir / "data/raw/002.html").write_text(page, encoding="utf-8")
    edit_metadata(workdir, 3, path="raw/002.html")


def wrong_declared_encoding(workdir: Path) -> None:
    (workdir / RT_FILE).write_text("Café owners in Baghdad said “no”.\n", encoding="utf-8")
    edit_metadata(workdir, 3, encoding="cp1251")


def legacy_encoding_read_as_another(workdir: Path) -> None:
    russian = (
        "Министерство обороны России сообщило, что учения прошли успешно. Президент заявил "
        "журналистам, что переговоры продолжатся в следующем месяце.\n"
    )
    (workdir / RT_FILE).write_bytes(russian.encode("cp1251"))
    edit_metadata(workdir, 3, encoding="latin-1")


def empty_targets_lexicon(workdir: Path) -> None:
    (workdir / "data/seed-corpus/targets.yaml").write_text("", encoding="utf-8")


# (case, how to break the seed study, what the message must say)
CASES: list[tuple[str, Callable[[Path], None], str]] = [
    (
        "missing file",
        lambda w: (w / "data/raw/003_ad0159a32b499cdd.txt").unlink(),
        "data/metadata.csv row 4 (doc_id '003_ad0159a32b499cdd'), column 'path': file",
    ),
    (
        "unlisted file",
        lambda w: (w / "data/raw/stray.txt").write_text("x", encoding="utf-8"),
        "data/raw/stray.txt: not listed in data/metadata.csv",
    ),
    (
        "duplicate id",
        lambda w: edit_metadata(w, 5, doc_id="003_ad0159a32b499cdd"),
        "row 5 (doc_id '003_ad0159a32b499cdd'), column 'doc_id': duplicate of row 4",
    ),
    (
        "path traversal in path",
        lambda w: edit_metadata(w, 2, path="../../etc/passwd"),
        "row 2 (doc_id '001_c40a3a87125bae87'), column 'path': '../../etc/passwd' leaves",
    ),
    (
        "path traversal in doc_id",
        lambda w: edit_metadata(w, 2, doc_id="../escape"),
        "row 2 (doc_id '../escape'), column 'doc_id'",
    ),
    (
        "unknown outlet",
        lambda w: edit_metadata(w, 1, outlet="bbc"),
        "row 1 (doc_id '000_4f1634d76a5eff2f'), column 'outlet': 'bbc' is not in config",
    ),
    (
        "impossible date",
        lambda w: edit_metadata(w, 3, date="2025-02-30", date_precision="day"),
        "row 3 (doc_id '002_22c9c7e8ba74f181'), column 'date'",
    ),
    (
        "missing date",
        lambda w: edit_metadata(w, 3, date=""),
        "row 3 (doc_id '002_22c9c7e8ba74f181'), column 'date': missing value",
    ),
    (
        "unknown config key",
        lambda w: edit_config(w, "  k: 4", "  kk: 4"),
        "topics: unknown key 'kk' (did you mean 'k'?)",
    ),
    (
        "misspelt target",
        lambda w: edit_config(w, "[us_military_presence,", "[us_military_presense,"),
        "no target 'us_military_presense' (did you mean 'us_military_presence'?)",
    ),
    ("empty lexicon", empty_targets_lexicon, "targets.yaml: no targets defined"),
    (
        "one outlet",
        lambda w: [edit_metadata(w, row, outlet="izvestia") for row in range(1, 6)],
        "only one outlet has documents ('izvestia')",
    ),
    (
        "compare pair without documents",
        lambda w: edit_metadata(w, 5, outlet="rt"),
        "terms.compare: ['neo'] has no documents",
    ),
    ("JSONL with a broken line", jsonl_corpus, "data/corpus.jsonl line 2: not valid JSON"),
    (
        "empty file",
        lambda w: (w / RT_FILE).write_text(" \n", encoding="utf-8"),
        f"{RT_FILE}: the document is empty or whitespace only",
    ),
    (
        "binary file",
        lambda w: (w / RT_FILE).write_bytes(b"PK\x03\x04\x00\x00binary"),
        f"{RT_FILE}: NUL byte at offset 4",
    ),
    (
        "invalid UTF-8",
        lambda w: (w / RT_FILE).write_bytes(b"caf\xe9 au lait"),
        f"{RT_FILE}: bytes at offset 3 are not valid utf-8",
    ),
    (
        "declared encoding wrong",
        wrong_declared_encoding,
        f"{RT_FILE}: declared encoding 'cp1251', but the bytes are UTF-8",
    ),
    (
        "legacy encoding read as another",
        legacy_encoding_read_as_another,
        f"{RT_FILE}: decoded as latin-1 the text is garbled (e.g. 'Ìèíèñòåðñòâî'); it reads as "
        "cp1251",
    ),
    (
        "duplicates refused",
        lambda w: [
            edit_config(w, "duplicates: exclude", "duplicates: error"),
            (w / "data/raw/004_7c7f8d39e8b97380.txt").write_bytes(
                (w / "data/raw/003_ad0159a32b499cdd.txt").read_bytes()
            ),  # a copy of row 4's file
        ],
        "data/metadata.csv row 5 (doc_id '004_7c7f8d39e8b97380') has the same bytes (SHA-256) "
        "as row 4 (doc_id '003_ad0159a32b499cdd')",
    ),
    (
        "document over the size limit",
        lambda w: edit_config(w, "max_bytes: 52428800", "max_bytes: 2000"),
        "exceeds config corpus.max_bytes (2000)",
    ),
    ("HTML without article text", html_without_text, "002.html: HTML without article text"),
]


def everything_said(workdir: Path, run) -> str:
    """Snakemake's output and every log the run wrote."""
    logs = sorted((workdir / SEED / "logs").rglob("*.log"))
    return "\n".join([run.stdout, run.stderr, *(p.read_text(encoding="utf-8") for p in logs)])


def half_written(workdir: Path) -> list[str]:
    """Files in results/ that are not the complete output of a finished job: temporary files,
    outputs Snakemake marks incomplete, and outputs without a record of their job."""
    state = workdir / ".snakemake"
    problems = [
        f"marked incomplete: {p.name}"
        for p in (state / "incomplete").rglob("*")
        if p.is_file() and p.name != "migration_underway"
    ]
    for path in sorted((workdir / SEED).rglob("*")):
        relative = path.relative_to(workdir)
        if not path.is_file() or relative.parts[2] in {"logs", "benchmarks"}:
            continue
        record = base64.urlsafe_b64encode(str(relative).encode()).decode()
        if path.name.endswith(".tmp") or not (state / "metadata" / record).is_file():
            problems.append(str(relative))
    return problems


@pytest.mark.parametrize(("case", "breaks", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_stops_the_run_naming_the_culprit(tmp_path, case, breaks, message):
    workdir = copy_project(tmp_path)
    breaks(workdir)
    run = snakemake(workdir)
    assert run.returncode != 0, f"{case}: the run did not stop"
    said = everything_said(workdir, run)
    assert message in said, said[-3000:]
    assert not half_written(workdir)
    assert not (workdir / SEED / "summary.md").exists()


def test_half_written_finds_unrecorded_and_temporary_files(tmp_path):
    (tmp_path / SEED / "corpus").mkdir(parents=True)
    (tmp_path / ".snakemake/metadata").mkdir(parents=True)
    done = "results/seed-corpus/corpus/ledger.csv"
    (tmp_path / done).write_text("doc_id\n", encoding="utf-8")
    record = base64.urlsafe_b64encode(done.encode()).decode()
    (tmp_path / ".snakemake/metadata" / record).write_text("{}", encoding="utf-8")
    assert half_written(tmp_path) == []
    (tmp_path / SEED / "corpus/.shard-rt-000.parquet.x1.tmp").write_bytes(b"")
    (tmp_path / SEED / "corpus/shard-rt-000.parquet").write_bytes(b"")
    assert half_written(tmp_path) == [
        "results/seed-corpus/corpus/.shard-rt-000.parquet.x1.tmp",
        "results/seed-corpus/corpus/shard-rt-000.parquet",
    ]


def test_config_yaml_cannot_run_code(tmp_path):
    workdir = copy_project(tmp_path)
    marker = tmp_path / "code-ran"
    edit_config(
        workdir,
        "random_state: 20261123",
        f'random_state: !!python/object/apply:os.system ["touch {marker}"]',
    )
    run = snakemake(workdir, "-n")
    assert run.returncode != 0
    assert "Config file is not valid JSON or YAML" in run.stdout + run.stderr
    assert not marker.exists()


def test_no_code_evaluates_or_unsafely_loads_input():
    sources = [*(ROOT / "workflow").rglob("*.py"), *(ROOT / "workflow").rglob("*.smk")]
    sources.append(ROOT / "Snakefile")
    # the builtins, not methods such as a torch model's .eval() (evaluation mode)
    unsafe = re.compile(r"(?<![\w.])(eval|exec)\(|yaml\.(load|unsafe_load|full_load)\(")
    found = [
        f"{path.relative_to(ROOT)}:{no}: {line.strip()}"
        for path in sources
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if unsafe.search(line)
    ]
    assert found == [], "\n".join(found)
