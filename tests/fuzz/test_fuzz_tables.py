"""Mutated spreadsheets of coded quotes: ``read_table`` raises only our errors, CSV or XLSX.

The seeds are tables :func:`peerlandscape.write_table` writes. Their cells are
mutated as a grid (cells replaced, rows and columns dropped or repeated, headers
renamed), then written as CSV (with a comma, semicolon or tab, in several
encodings, perhaps with its bytes mutated) or as an XLSX workbook (perhaps with its
zip mutated).
"""

from __future__ import annotations

from pathlib import Path

import pandas  # noqa: F401 - loaded here: the first XLSX input should not pay for it
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl

from ._harness import only_library_errors
from ._mutations import encodings, mutated_bytes, mutated_zip
from ._seeds import Grid, csv_text, mutated_grids, xlsx_bytes
from .conftest import FUZZ


@FUZZ
@given(grid=mutated_grids(), delimiter=st.sampled_from([",", ";", "\t"]), data=st.data())
def test_read_table_raises_only_library_errors_on_csv(
    grid: Grid, delimiter: str, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(data.draw(encodings(csv_text(grid, delimiter)).flatmap(mutated_bytes)))
    with only_library_errors("read_table (CSV)"):
        pl.read_table(path)


@FUZZ
@given(grid=mutated_grids(), data=st.data())
def test_read_table_raises_only_library_errors_on_xlsx(
    grid: Grid, data: st.DataObject, tmp_path: Path
) -> None:
    workbook = xlsx_bytes(grid)
    path = tmp_path / "quotes.xlsx"
    path.write_bytes(data.draw(st.one_of(st.just(workbook), mutated_zip(workbook))))
    with only_library_errors("read_table (XLSX)"):
        pl.read_table(path)
