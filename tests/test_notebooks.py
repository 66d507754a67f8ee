"""The notebooks run top to bottom in this environment, and are committed without outputs."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
CELL_TIMEOUT_SECONDS = 120
KERNEL_NAME = "python3"

# Run first, so that a notebook can only pass against the environment under test: jupyter_client
# starts the "python3" kernel with the running interpreter (ipykernel is a test dependency), but
# a kernelspec elsewhere on the Jupyter path could point at another Python and another install.
PREFIX_PROBE = "import sys; print(sys.prefix, end='')"


def read(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)
    return notebook


def test_the_notebooks_folder_has_notebooks() -> None:
    assert NOTEBOOKS, f"no notebooks in {NOTEBOOKS_DIR}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_without_outputs(path: Path) -> None:
    # Outputs and execution counts make every run a diff; the rendered results come from CI.
    for number, cell in enumerate(read(path).cells, start=1):
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: cell {number} has outputs; clear them"
            assert cell.execution_count is None, (
                f"{path.name}: cell {number} has an execution count; clear it"
            )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    notebook = read(path)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(PREFIX_PROBE))
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    # Raises CellExecutionError, with the failing cell and its traceback, on any error.
    client.execute()

    probe, *cells = notebook.cells
    assert probe.outputs[0]["text"] == sys.prefix, "the kernel runs another Python environment"
    # Warnings (deprecations, pandas' FutureWarning) reach readers as stderr output: the
    # notebooks' counterpart of the test suite's filterwarnings = error.
    for number, cell in enumerate(cells, start=1):
        if cell.cell_type != "code":
            continue
        stderr = [o["text"] for o in cell.outputs if o.get("name") == "stderr"]
        assert not stderr, f"{path.name}: cell {number} wrote to stderr: {''.join(stderr)}"
