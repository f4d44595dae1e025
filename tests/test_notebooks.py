"""The notebooks run top to bottom on the seed results, and are kept in git without outputs."""

import os

import nbformat
import pytest
from nbclient import NotebookClient

from framelab.report.results import TABLES, load_results

from .conftest import ROOT, SEED

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_three_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == [
        "01-corpus-overview",
        "02-outlet-comparison",
        "03-target-treatment",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{path.name}: strip outputs"
            )


@pytest.mark.e2e
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_on_the_seed_results(path, project, monkeypatch):
    monkeypatch.setenv("FRAMELAB_RESULTS", str(project / SEED))
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute(env=dict(os.environ))
    errors = [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors


@pytest.mark.e2e
def test_loader_reads_every_named_table(project):
    results = load_results(project / SEED)
    for name in TABLES:
        assert len(results.table(name).columns) > 1, name
    assert "fightin_words" in results.figures()
    assert results.clean_documents()["doc_id"].nunique() == 5


def test_loader_explains_a_missing_run(tmp_path):
    with pytest.raises(FileNotFoundError, match="run `snakemake --cores 4` first"):
        load_results(tmp_path / SEED)
    with pytest.raises(KeyError, match="no result table 'nope'"):
        load_results(tmp_path).table("nope")
