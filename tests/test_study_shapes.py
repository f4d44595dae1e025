"""Study shapes, end to end: a valid study whose data is awkward runs to the end with honest
outputs. One small run holds every shape at once: an outlet whose only document cleaning
empties, one whose only document is in another language, a declared outlet without documents,
the same file under two doc_ids, a link to another listed file, a UTF-16 file, a date outside
the plausible years, and targets that no document mentions."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest
import yaml

from framelab.ingest import EMPTIED
from framelab.report.summary import NO_MENTIONS
from framelab.stance.outlets import OUTLET_STANCE_COLUMNS

from .conftest import copy_project, metadata_row, snakemake, write_metadata

pytestmark = pytest.mark.e2e

PARAGRAPHS = [
    "Oil prices rose as traders reacted to new sanctions on crude exports from the region.",
    "Militia fighters attacked a supply convoy near the border, local officials said today.",
    "Parliament debated the election law while protesters gathered in the central square.",
    "The central bank raised interest rates to slow inflation and steady the currency again.",
]
CHROME = "Subscribe to our newsletter\nRead more:\nShare this article\nAll rights reserved.\n"
RUSSIAN = (
    "Министерство обороны России сообщило, что учения прошли успешно. Президент заявил "
    "журналистам, что переговоры продолжатся в следующем месяце.\n"
)
OUTLETS = {
    "alpha": {"name": "Alpha", "colour": "#0072B2"},
    "beta": {"name": "Beta", "colour": "#D55E00"},
    "gamma": {"name": "Gamma", "colour": "#009E73"},  # its one document cleans to nothing
    "epsilon": {"name": "Epsilon", "colour": "#E69F00"},  # its one document is in Russian
    "delta": {"name": "Delta", "colour": "#CC79A7"},  # no documents
}


def article(outlet: str, i: int) -> str:
    order = PARAGRAPHS[i:] + PARAGRAPHS[:i]
    order = order if outlet == "alpha" else order[::-1]
    return "\n\n".join(order) + f"\n\n{outlet.title()} story {i} about the traders and convoy.\n"


def shapes_study(workdir, **corpus):
    """The awkward corpus in data/shapes/ and its config in shapes.yaml."""
    raw = workdir / "data/shapes/raw"
    raw.mkdir(parents=True)
    files = {f"{o[0]}{i}": (o, article(o, i).encode()) for o in ("alpha", "beta") for i in range(3)}
    files["a2"] = ("alpha", codecs.BOM_UTF16_LE + article("alpha", 2).encode("utf-16-le"))
    files["g0"] = ("gamma", CHROME.encode())
    files["e0"] = ("epsilon", RUSSIAN.encode())
    rows = []
    for doc_id, (outlet, data) in files.items():
        (raw / f"{doc_id}.txt").write_bytes(data)
        rows.append(metadata_row(doc_id, outlet))
    rows[3]["date"] = "1850-03-01"  # b0: a typo, or an archive's placeholder
    rows.append(metadata_row("a0_again", "alpha", path="raw/a0.txt"))  # the same file twice
    (raw / "b1_link.txt").symlink_to(raw / "b1.txt")  # a link to another listed file
    rows.append(metadata_row("b1_link", "beta", path="raw/b1_link.txt"))
    write_metadata(workdir / "data/shapes/metadata.csv", rows)
    config = yaml.safe_load((workdir / "config.yaml").read_text(encoding="utf-8"))
    config["study"] = "shapes"
    config["corpus"] |= {"metadata": "data/shapes/metadata.csv", "raw_dir": "data/shapes/raw"}
    config["corpus"] |= corpus
    config["outlets"] = OUTLETS
    del config["terms"]["compare"]  # the two outlets with the most documents
    config["topics"] |= {"k_select": "fixed", "k": 2, "min_df": 1}
    config["stats"]["n_boot"] = 200
    config["stance"]["n_perm"] = 200
    config["figures"]["svg"] = True  # text stays text: the figures' notes can be read
    (workdir / "shapes.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def test_awkward_but_valid_study_runs_to_the_end_with_honest_outputs(tmp_path):
    workdir = copy_project(tmp_path)
    shapes_study(workdir)
    run = snakemake(workdir, "--configfile", "shapes.yaml")
    assert run.returncode == 0, run.stderr[-3000:]
    assert "outlet 'delta' (Delta) is declared in the config but has no documents" in run.stderr
    assert (
        "documents 'a0' and 'a0_again' have the same bytes (SHA-256): the later one is excluded"
        in run.stderr
    )
    assert (
        "data/shapes/metadata.csv row 4 (doc_id 'b0'), column 'date': outside the plausible "
        "years 1900-" in run.stderr
    )
    results = workdir / "results/shapes"

    ledger = pd.read_csv(results / "corpus/ledger.csv", keep_default_na=False).set_index("doc_id")
    assert sorted(ledger.index) == [
        "a0", "a0_again", "a1", "a2", "b0", "b1", "b1_link", "b2", "e0", "g0"
    ]  # fmt: skip
    assert ledger.loc["a0_again", "status"] == "excluded"
    assert ledger.loc["a0_again", "reason"].startswith("same bytes (SHA-256) as 'a0'")
    assert ledger.loc["b1_link", "status"] == "excluded"
    assert ledger.loc["b1_link", "reason"].startswith("same bytes (SHA-256) as 'b1'")
    assert ledger.loc["g0", ["status", "reason"]].tolist() == ["excluded", EMPTIED]
    assert ledger.loc["e0", "status"] == "excluded"
    assert ledger.loc["e0", "reason"].startswith("detected language 'ru'")
    assert ledger.loc["a2", "status"] == "ingested"  # UTF-16, found by its byte-order mark

    compared = {"alpha", "beta"}  # the outlets with analysable text, and only they
    sizes = pd.read_csv(results / "features/terms/outlet_sizes.csv")
    assert sizes[["outlet", "n_docs"]].values.tolist() == [["alpha", 3], ["beta", 3]]
    similarity = pd.read_csv(results / "features/terms/outlet_similarity.csv")
    assert similarity[["outlet_a", "outlet_b"]].values.tolist() == [["alpha", "beta"]]
    fightin = pd.read_parquet(results / "features/terms/fightin_words.parquet")
    assert set(fightin["outlet"]) == compared
    for table in ["features/frames/outlet_frames.csv", "features/sources/outlet_sources.csv",
                  "topics/outlet_prevalence.csv"]:  # fmt: skip
        assert set(pd.read_csv(results / table)["outlet"]) == compared, table
    differences = pd.read_csv(results / "topics/outlet_differences.csv")
    assert set(differences["outlet_a"]) | set(differences["outlet_b"]) <= compared

    stance = pd.read_csv(results / "features/stance/outlet_stance.csv")
    assert list(stance.columns) == OUTLET_STANCE_COLUMNS and stance.empty
    for figure in ["stance", "headline", "topic_time", "outlet_similarity"]:
        assert (results / f"figures/{figure}.png").is_file(), figure
    assert "No target mentions" in (results / "figures/stance.svg").read_text(encoding="utf-8")
    assert "no mentions" in (results / "figures/headline.svg").read_text(encoding="utf-8")
    headline = pd.read_csv(results / "figures/headline.csv")
    assert len(headline.columns) > 1 and set(headline["outlet"]) <= compared

    terms_log = (results / "logs/terms.log").read_text(encoding="utf-8")
    for outlet in ["gamma", "epsilon", "delta"]:
        assert f"outlet {outlet!r} ({outlet.title()}) has no analysable text" in terms_log

    summary = (results / "summary.md").read_text(encoding="utf-8")
    assert (
        "**Warning: 3 declared outlets without analysable text, left out of every comparison.** "
        "Gamma: cleaning removed every line of its documents; Epsilon: no documents, or every "
        "one excluded (language, duplicate); Delta: no documents, or every one excluded"
    ) in summary
    assert NO_MENTIONS.split(" ({")[0] in summary
    assert (
        "6 documents analysed of 10 read; 4 excluded (1 in another language, 2 duplicates of "
        "earlier documents, 1 emptied by cleaning)"
    ) in summary
    assert "| Alpha | 3 |" in summary and "| Beta | 3 |" in summary
    assert "Gamma |" not in summary and "Epsilon |" not in summary


def test_duplicates_under_error_refuse_the_study_before_any_job(tmp_path):
    workdir = copy_project(tmp_path)
    shapes_study(workdir, duplicates="error")
    run = snakemake(workdir, "--configfile", "shapes.yaml")
    assert run.returncode == 2
    assert (
        "data/shapes/metadata.csv row 9 (doc_id 'a0_again') has the same bytes (SHA-256) as "
        "row 1 (doc_id 'a0'); remove one, or set config corpus.duplicates: exclude"
    ) in run.stderr
    assert not (workdir / "results/shapes").exists()
