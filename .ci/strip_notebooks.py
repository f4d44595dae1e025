"""Strip outputs and execution counts from the notebooks (run by `make format`)."""

import sys
from pathlib import Path

import nbformat


def strip(path: Path) -> bool:
    """Strip one notebook in place; return whether it changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell in notebook.cells:
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None):
            cell.outputs, cell.execution_count, changed = [], None, True
    if changed:
        nbformat.write(notebook, path)
    return changed


if __name__ == "__main__":
    for name in sys.argv[1:]:
        if strip(Path(name)):
            print(f"stripped {name}")
