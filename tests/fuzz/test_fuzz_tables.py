"""Mutated spreadsheets of coded quotes: ``read_table`` raises only our errors, CSV or XLSX.

The seeds are tables :func:`peerlandscape.write_table` writes. Their cells are
mutated as a grid (cells replaced, rows and columns dropped or repeated, headers
renamed), then written as CSV (with a comma, semicolon or tab, in several
encodings, perhaps with its bytes mutated) or as an XLSX workbook (perhaps with its
zip mutated).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pandas  # noqa: F401 - loaded here: the first XLSX input should not pay for it
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl

from ._harness import only_library_errors
from ._mutations import encodings, hostile_strings, mutated_bytes, mutated_zip
from ._seeds import table_seeds
from .conftest import FUZZ

Grid = list[list[str]]

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


def _csv(grid: Grid, delimiter: str) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(grid)
    return buffer.getvalue()


def _xlsx(grid: Grid) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("quotes")
    for row in grid:
        sheet.append([_NOT_IN_XLSX.sub("", cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(grid=mutated_grids(), delimiter=st.sampled_from([",", ";", "\t"]), data=st.data())
def test_read_table_raises_only_library_errors_on_csv(
    grid: Grid, delimiter: str, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(data.draw(encodings(_csv(grid, delimiter)).flatmap(mutated_bytes)))
    with only_library_errors("read_table (CSV)"):
        pl.read_table(path)


@FUZZ
@given(grid=mutated_grids(), data=st.data())
def test_read_table_raises_only_library_errors_on_xlsx(
    grid: Grid, data: st.DataObject, tmp_path: Path
) -> None:
    workbook = _xlsx(grid)
    path = tmp_path / "quotes.xlsx"
    path.write_bytes(data.draw(st.one_of(st.just(workbook), mutated_zip(workbook))))
    with only_library_errors("read_table (XLSX)"):
        pl.read_table(path)
