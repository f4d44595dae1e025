"""Stage functions on tiny inputs: the file-to-file layer the rules call."""

import pandas as pd

from framelab.config import load_config
from framelab.stages.corpus import run_clean, run_ingest, run_templates

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
    out = tmp_path / "results"
    run_ingest(config, shards=[out / "shard-000.parquet"], ledger=out / "ledger.csv")
    corpus = pd.read_parquet(out / "shard-000.parquet")
    assert corpus["format"].tolist() == ["html", "text"]
    run_templates(config, shards=[out / "shard-000.parquet"], output=out / "templates.parquet")
    run_clean(
        config,
        shard=out / "shard-000.parquet",
        templates=out / "templates.parquet",
        docs_out=out / "clean.parquet",
        removed_out=out / "removed.parquet",
        repairs_out=out / "repairs.parquet",
        entities_out=out / "entities.parquet",
        audit_out=out / "audit.html",
    )
    docs = pd.read_parquet(out / "clean.parquet").set_index("doc_id")
    assert "first convoys left the base" in docs.loc["h1", "text"]
    assert "<p>" not in docs.loc["h1", "text"] and "Home" not in docs.loc["h1", "text"]
    assert (docs["n_kept"] + docs["n_removed"] == docs["n_lines"]).all()
    assert "h1" in (out / "audit.html").read_text(encoding="utf-8")
