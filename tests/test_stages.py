"""Stage functions on tiny inputs: the file-to-file layer the rules call."""

import pandas as pd

from framelab.config import load_config
from framelab.ingest.corpus import IngestSettings, plan_corpus
from framelab.stages.clean import run_clean, run_clean_tables
from framelab.stages.ingest import run_ingest, run_ledger

from .conftest import ROOT, metadata_row

PAGE = """<html><head><title>t</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Troops leave the base</h1>
<p>The first convoys left the base in Anbar province on Monday, officials in Baghdad said,
in line with the agreement on the phased completion of the coalition's mission.</p>
<p>The remaining units will move to Erbil before the end of September, according to the
agreement between the two governments, which was signed last year.</p>
</article><footer>Copyright 2025. All rights reserved.</footer></body></html>"""


def test_html_documents_are_extracted_then_cleaned(make_corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    rows = [metadata_row("h1", path="raw/h1.html"), metadata_row("t1", outlet="beta")]
    config_path = make_corpus({"t1": ("beta", "A plain text article.\n")}, rows=rows)
    (tmp_path / "data/raw/h1.html").write_text(PAGE, encoding="utf-8")
    config = load_config(config_path)
    plan = plan_corpus(IngestSettings.from_config(config))
    assert list(plan) == ["alpha-000", "beta-000"]
    out = tmp_path / "results"
    for shard, rows in plan.items():
        run_ingest(
            config,
            documents=rows,
            shard=shard,
            shard_out=out / f"shard-{shard}.parquet",
            ledger_out=out / f"ledger-{shard}.parquet",
        )
    corpus = pd.read_parquet(out / "shard-alpha-000.parquet")
    assert corpus["format"].tolist() == ["html"] and corpus["shard"].tolist() == ["alpha-000"]
    run_clean(
        config,
        shard=out / "shard-alpha-000.parquet",
        docs_out=out / "clean.parquet",
        removed_out=out / "removed.parquet",
        repairs_out=out / "repairs.parquet",
        entities_out=out / "entities.parquet",
        templates_out=out / "templates.parquet",
        audit_out=out / "audit.html",
    )
    parts = [out / f"ledger-{s}.parquet" for s in plan]
    run_ledger(config, parts=parts, docs=[out / "clean.parquet"], ledger=out / "ledger.csv")
    ledger = pd.read_csv(out / "ledger.csv")
    assert ledger["doc_id"].tolist() == ["h1", "t1"] and set(ledger["status"]) == {"ingested"}
    docs = pd.read_parquet(out / "clean.parquet").set_index("doc_id")
    assert "first convoys left the base" in docs.loc["h1", "text"]
    assert "<p>" not in docs.loc["h1", "text"] and "Home" not in docs.loc["h1", "text"]
    assert (docs["n_kept"] + docs["n_removed"] == docs["n_lines"]).all()
    assert "h1" in (out / "audit.html").read_text(encoding="utf-8")


def test_templates_are_learned_per_shard_and_listed_with_count_and_example(tmp_path):
    chrome = "Subscribe to our channel\nAll rights reserved by the site\n"
    bodies = [
        "Officials in Baghdad said the convoys left the base on Monday, as agreed.",
        "The convoys left the base in Basra before dawn, a police spokesman confirmed.",
        "Residents of Mosul watched as the convoys left the base under heavy guard.",
        "According to the governor of Erbil, the convoys left the base without incident.",
        "Nobody was hurt when the convoys left the base near Kirkuk, the army said.",
        "A witness in Najaf told reporters that the convoys left the base at noon.",
    ]
    shard = tmp_path / "shard-alpha-000.parquet"
    texts = [chrome + body + "\n" + chrome for body in bodies]
    pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(6)],
            "outlet": "alpha",
            "date": "2025-01-01",
            "date_precision": "day",
            "language": "en",
            "format": "text",
            "text": texts,
        }
    ).to_parquet(shard)
    config = load_config(ROOT / "config.yaml")
    outputs = {
        name: tmp_path / f"{name}.parquet"
        for name in ["docs_out", "removed_out", "repairs_out", "entities_out", "templates_out"]
    }
    run_clean(config, shard=shard, audit_out=tmp_path / "audit.html", **outputs)
    docs = pd.read_parquet(outputs["docs_out"])
    assert all("Subscribe" not in t and "convoys left" in t for t in docs["text"])
    run_clean_tables(
        config,
        removed=[outputs["removed_out"]],
        repairs=[outputs["repairs_out"]],
        entities=[outputs["entities_out"]],
        templates=[outputs["templates_out"]],
        removed_out=tmp_path / "removed.csv",
        repairs_out=tmp_path / "repairs.csv",
        entities_out=tmp_path / "entities.csv",
        templates_out=tmp_path / "templates.csv",
    )
    templates = pd.read_csv(tmp_path / "templates.csv")
    assert templates.columns.tolist() == [
        "outlet",
        "shard",
        "kind",
        "shape",
        "n_docs",
        "shard_docs",
        "example",
    ]
    lines = templates[templates["kind"] == "line"]
    assert set(lines["shape"]) == {"subscribe to our channel", "all rights reserved by the site"}
    assert set(lines["n_docs"]) == {6} and set(templates["shard"]) == {"alpha-000"}
    assert set(lines["example"]) == {"Subscribe to our channel", "All rights reserved by the site"}
    removed = pd.read_csv(tmp_path / "removed.csv")
    assert (removed["reason"] == "repeated_template").sum() == 6 * 4


def test_templates_of_html_pages_are_learned_from_their_extracted_text(tmp_path):
    """The cleaner reads an HTML page's extracted text; its outlet's templates come from it
    too, never from the markup (where "<html>" or "</p>" would recur in every page)."""
    shard = tmp_path / "shard-alpha-000.parquet"
    pd.DataFrame(
        {
            "doc_id": [f"h{i}" for i in range(6)],
            "outlet": "alpha",
            "date": "2025-01-01",
            "date_precision": "day",
            "language": "en",
            "format": "html",
            "text": [
                PAGE.replace("Monday", day) for day in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            ],
        }
    ).to_parquet(shard)
    outputs = {
        name: tmp_path / f"{name}.parquet"
        for name in ["docs_out", "removed_out", "repairs_out", "entities_out", "templates_out"]
    }
    run_clean(
        load_config(ROOT / "config.yaml"), shard=shard, audit_out=tmp_path / "a.html", **outputs
    )
    shapes = pd.read_parquet(outputs["templates_out"])["shape"].tolist()
    assert shapes and not any(token in {"<", ">", "/"} for s in shapes for token in s.split()), (
        shapes
    )
