"""The tutorial notebooks run top to bottom, and the outputs committed with them are current.

The notebooks are committed executed, so that they read well where they are published (GitHub
shows the outputs), and every test run executes them again from a clean kernel. After a change
to a notebook, or to what the library prints, refresh the committed outputs with

    python tests/test_notebooks.py [NOTEBOOK ...]

which executes each notebook (all of them by default) and saves it in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
TUTORIALS = ("01-tour.ipynb", "02-your-coded-project.ipynb", "03-encode-a-study.ipynb")
CELL_TIMEOUT_SECONDS = 120
KERNEL_NAME = "python3"
REFRESH = "python tests/test_notebooks.py"

# Run first, so that a notebook can only pass against the environment under test: jupyter_client
# starts the "python3" kernel with the running interpreter (ipykernel is a test dependency), but
# a kernelspec elsewhere on the Jupyter path could point at another Python and another install.
PREFIX_PROBE = "import sys; print(sys.prefix, end='')"


def read(path: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=nbformat.NO_CONVERT)
    nbformat.validate(notebook)
    return notebook


def execute(notebook: nbformat.NotebookNode) -> None:
    """Run every cell of `notebook` in a fresh kernel, in the notebooks' folder, in place."""
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    # record_timing=False: start and end times in every cell's metadata would make each
    # refresh a diff of the whole notebook.
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name=KERNEL_NAME,
        record_timing=False,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    # Raises CellExecutionError, with the failing cell and its traceback, on any error.
    client.execute()
    for cell in code_cells(notebook):
        cell.outputs = joined_streams(cell.outputs)


def joined_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """Join consecutive stream outputs of one stream, which the kernel splits as it likes.

    One print can arrive in several messages, and several prints in one; joined, a refresh
    writes the same notebook from the same run.
    """
    joined: list[nbformat.NotebookNode] = []
    for output in outputs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and output["output_type"] == previous["output_type"] == "stream"
            and output["name"] == previous["name"]
        ):
            previous["text"] += output["text"]
        else:
            joined.append(output)
    return joined


def code_cells(notebook: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [cell for cell in notebook.cells if cell.cell_type == "code"]


def shape(cell: nbformat.NotebookNode) -> list[str]:
    """The kinds of the cell's outputs, in order (a stream by its name: stdout or stderr)."""
    return [output.get("name", output["output_type"]) for output in cell.outputs]


def printed(cell: nbformat.NotebookNode) -> str:
    """What the cell printed to stdout: the text a reader sees, with no object reprs."""
    return "".join(o["text"] for o in cell.outputs if o.get("name") == "stdout")


def test_the_tutorials_are_there_and_listed() -> None:
    names = [path.name for path in NOTEBOOKS]
    assert names == list(TUTORIALS)
    readme = (NOTEBOOKS_DIR / "README.md").read_text(encoding="utf-8")
    for name in TUTORIALS:
        assert f"`{name}`" in readme, f"notebooks/README.md does not list {name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_is_committed_executed_top_to_bottom(path: Path) -> None:
    # Counts 1, 2, 3, ... in cell order: the outputs come from one clean run, not from cells
    # run by hand out of order or left unexecuted.
    cells = code_cells(read(path))
    counts = [cell.execution_count for cell in cells]
    assert counts == list(range(1, len(cells) + 1)), (
        f"{path.name} is not saved from one run top to bottom (execution counts {counts}); "
        f"run {REFRESH} {path.relative_to(NOTEBOOKS_DIR.parent)}"
    )
    for number, cell in enumerate(cells, start=1):
        kinds = {output["output_type"] for output in cell.outputs}
        assert "error" not in kinds, f"{path.name}: code cell {number} is saved with an error"
        assert "metadata" not in cell or "execution" not in cell.metadata, (
            f"{path.name}: code cell {number} carries execution times; run {REFRESH}"
        )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.name)
def test_notebook_runs_top_to_bottom(path: Path) -> None:
    committed = code_cells(read(path))
    notebook = read(path)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(PREFIX_PROBE))
    execute(notebook)

    probe, *cells = code_cells(notebook)
    assert probe.outputs[0]["text"] == sys.prefix, "the kernel runs another Python environment"
    for number, (cell, saved) in enumerate(zip(cells, committed, strict=True), start=1):
        # Warnings (deprecations, pandas' FutureWarning) reach readers as stderr output: the
        # notebooks' counterpart of the test suite's filterwarnings = error.
        stderr = [o["text"] for o in cell.outputs if o.get("name") == "stderr"]
        assert not stderr, f"{path.name}: code cell {number} wrote to stderr: {''.join(stderr)}"
        # What a cell prints is what the committed notebook shows: a reader on GitHub sees
        # what the library does today. Rich outputs (tables, figures) are compared by kind only,
        # since their bytes vary with pandas' and matplotlib's versions.
        assert printed(cell) == printed(saved), (
            f"{path.name}: code cell {number} now prints something else than the committed "
            f"notebook shows; run {REFRESH} {path.relative_to(NOTEBOOKS_DIR.parent)}"
        )
        assert shape(cell) == shape(saved), (
            f"{path.name}: code cell {number} now outputs {shape(cell)}, the committed notebook "
            f"{shape(saved)}; run {REFRESH} {path.relative_to(NOTEBOOKS_DIR.parent)}"
        )


def refresh(paths: list[Path]) -> None:
    """Execute each notebook and save it in place, with its outputs."""
    for path in paths:
        notebook = read(path)
        execute(notebook)
        nbformat.write(notebook, path)
        print(f"executed and saved {path}")


if __name__ == "__main__":
    refresh([Path(arg).resolve() for arg in sys.argv[1:]] or NOTEBOOKS)
