"""The valid inputs the fuzzers start from: files the library writes, and real tools' samples.

Each format's seeds are the built-in study written in that format, small generated
studies (``tests/strategies.py``) written the same way, and for REFI-QDA the sample
files of real tools in ``shared/refi/samples``. Fixed seeds are made once per run.
Two mutated inputs that more than one fuzzer draws are here too: a project's archive
with its ``project.qde`` mutated (:func:`project_archives`), and a table's cells
(:func:`mutated_grids`, written by :func:`csv_text` or :func:`xlsx_bytes`).
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import strategies as st

import peerlandscape as pl
from strategies import studies

from ._mutations import hostile_strings, mutated_xml, zip_bytes

__all__ = [
    "GOLDEN",
    "Grid",
    "codebook_seeds",
    "csv_text",
    "graphml_seeds",
    "json_seeds",
    "mutated_grids",
    "node_link_seeds",
    "project_archives",
    "project_seeds",
    "table_seeds",
    "written",
    "xlsx_bytes",
]

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
"""Documents of older schema versions, which reading migrates."""


def written(study: pl.Study, write: Callable[[pl.Study, Path], object], name: str) -> bytes:
    """Return the bytes ``write`` writes for ``study`` to a file called ``name``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        write(study, path)
        return path.read_bytes()


@functools.cache
def _engdahl(name: str, write: Callable[[pl.Study, Path], object]) -> bytes:
    return written(pl.datasets.engdahl2025(), write, name)


def _seeds(name: str, write: Callable[[pl.Study, Path], object]) -> st.SearchStrategy[bytes]:
    def seed(study: pl.Study) -> bytes:
        try:
            return written(study, write, name)
        except pl.PeerLandscapeError:
            # A writer may refuse a study (a codebook of no framework): the built-in one, then.
            return _engdahl(name, write)

    built_in = st.just(_engdahl(name, write))
    return st.one_of(built_in, built_in, built_in, studies(max_size=3).map(seed))


@functools.cache
def _fixed_documents() -> tuple[dict[str, Any], ...]:
    current = json.loads(pl.datasets.engdahl2025().model_dump_json())
    older = [json.loads(path.read_bytes()) for path in sorted(GOLDEN.glob("*/*.json"))]
    return (current, *older)


def json_seeds() -> st.SearchStrategy[dict[str, Any]]:
    """Study documents: the built-in study, older-version documents, generated studies."""
    generated = studies(max_size=3).map(lambda study: json.loads(study.model_dump_json()))
    # Generated studies vary the shape, but cost more to draw than the rest of an example.
    fixed = st.sampled_from(_fixed_documents())
    return st.one_of(fixed, fixed, fixed, generated)


def _graphml(study: pl.Study, path: Path) -> None:
    pl.write_graphml(pl.to_networkx(study), path)


def _node_link(study: pl.Study, path: Path) -> None:
    pl.write_node_link(pl.to_networkx(study), path)


def graphml_seeds() -> st.SearchStrategy[bytes]:
    """GraphML files of studies, as :func:`peerlandscape.write_graphml` writes them."""
    return _seeds("study.graphml", _graphml)


def node_link_seeds() -> st.SearchStrategy[dict[str, Any]]:
    """Node-link documents of studies, as :func:`peerlandscape.write_node_link` writes them."""
    return _seeds("study.json", _node_link).map(json.loads)


def table_seeds() -> st.SearchStrategy[bytes]:
    """CSV tables of coded quotes, as :func:`peerlandscape.write_table` writes them."""
    return _seeds("quotes.csv", pl.write_table)


def codebook_seeds(samples: list[bytes]) -> st.SearchStrategy[bytes]:
    """Codebooks: ``samples`` (real tools' ``.qdc`` files) and the library's own."""
    real = st.sampled_from(samples) if samples else st.nothing()
    return st.one_of(real, _seeds("codebook.qdc", pl.write_qdc))


def _project_members(data: bytes) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        path.write_bytes(data)
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


def project_seeds() -> st.SearchStrategy[dict[str, bytes]]:
    """Projects as their archive's members (name to bytes), as ``write_qdpx`` writes them."""
    return _seeds("project.qdpx", pl.write_qdpx).map(_project_members)


def project_archives() -> st.SearchStrategy[bytes]:
    """A project's archive, its project.qde mutated, its sources perhaps left out."""

    @st.composite
    def build(draw: st.DrawFn) -> bytes:
        members = dict(draw(project_seeds()))
        project = next(name for name in members if name.lower().endswith(".qde"))
        members[project] = draw(mutated_xml(st.just(members[project])))
        for name in [name for name in members if name != project]:
            if draw(st.integers(0, 9)) == 0:
                del members[name]
        return zip_bytes(members)

    return build()


Grid = list[list[str]]
"""A table's cells, row by row."""

# What an XLSX cell cannot hold (openpyxl refuses it on writing).
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _grid(data: bytes) -> Grid:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


@st.composite
def mutated_grids(draw: st.DrawFn) -> Grid:
    """A table's cells, mutated."""
    grid = [list(row) for row in _grid(draw(table_seeds()))]
    names = [*pl.QUOTE_RECORD_KEYS, "Sub-theme", "TEXT", "quote id"]
    for _ in range(draw(st.integers(1, 4))):
        row = draw(st.integers(0, len(grid) - 1))
        column = draw(st.integers(0, max(len(grid[row]) - 1, 0)))
        operation = draw(
            st.sampled_from(["cell", "cell", "header", "drop_row", "repeat_row", "drop_column"])
        )
        if operation == "cell" and grid[row]:
            grid[row][column] = draw(hostile_strings())
        elif operation == "header" and grid[0]:
            grid[0][column] = draw(st.one_of(st.sampled_from(names), hostile_strings()))
        elif operation == "drop_row" and len(grid) > 1:
            del grid[row]
        elif operation == "repeat_row":
            grid.insert(row, list(grid[row]))
        elif operation == "drop_column":
            for cells in grid:
                del cells[column : column + 1]
    return grid


def csv_text(grid: Grid, delimiter: str) -> str:
    """Return ``grid`` as CSV text, its fields separated by ``delimiter``."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(grid)
    return buffer.getvalue()


_WORKBOOKS: dict[tuple[tuple[str, ...], ...], bytes] = {}


def xlsx_bytes(grid: Grid) -> bytes:
    """Return ``grid`` as an XLSX workbook of one sheet (what a cell cannot hold left out).

    The same grid gives the same bytes for the whole run: openpyxl stamps a workbook with the
    time it is saved, and a workbook whose length changed between two tries of one example
    would make Hypothesis draw its mutations differently (FlakyStrategyDefinition).
    """
    key = tuple(tuple(row) for row in grid)
    if key not in _WORKBOOKS:
        if len(_WORKBOOKS) > 256:
            _WORKBOOKS.clear()
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("quotes")
        for row in grid:
            sheet.append([_NOT_IN_XLSX.sub("", cell) for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        _WORKBOOKS[key] = buffer.getvalue()
    return _WORKBOOKS[key]
