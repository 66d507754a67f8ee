"""``peerlandscape matrix``: the support matrix, stakeholder group by sub-theme (or theme).

The counts are :func:`peerlandscape.queries.support_matrix`; every output names
the unit it counts (distinct quotes, participants or interviews), so that a
number is never read as the wrong one. The table fits the terminal; the same
grid goes to a spreadsheet as CSV (``--format csv-grid``), and the cells as
one CSV record each (``--format csv``).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Literal, TypedDict, cast

import click

from peerlandscape._limits import Limits
from peerlandscape.cli._common import (
    echo_output,
    load_study,
    printable,
    render_table,
    short_names,
    spreadsheet_cell,
    wrap,
)
from peerlandscape.cli._options import choice_option, format_option, limits_option, study_argument
from peerlandscape.queries import SupportMatrix, support_matrix

__all__ = [
    "UNKNOWN_GROUP_HEADING",
    "MatrixData",
    "grid_csv",
    "matrix",
    "matrix_data",
    "render_text",
]

UNKNOWN_GROUP_HEADING = "(unknown)"
"""The column heading for quotes whose speaker, and so group, is unknown."""

_UNITS = ("quotes", "participants", "interviews")
_LEVELS = ("subtheme", "theme")
_LEVEL_NAMES = {"subtheme": "sub-theme", "theme": "theme"}
_NOT_COUNTED = {
    "quotes": "",
    "participants": "; quotes of unknown speakers are not counted",
    "interviews": "; quotes of unknown interviews are not counted",
}


class MatrixData(TypedDict):
    """What ``peerlandscape matrix --format json`` writes."""

    unit: str
    level: str
    groups: list[str | None]
    columns: list[str]
    cells: list[dict[str, Any]]


def matrix_data(matrix: SupportMatrix) -> MatrixData:
    """Return ``matrix`` as the plain dictionary ``--format json`` writes.

    ``groups`` are the row keys (``None`` for an unknown group), ``columns``
    the sub-theme or theme ids, and ``cells`` :meth:`SupportMatrix.to_records`:
    one per group and column, zeros included, each naming its unit.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> data = matrix_data(pl.queries.support_matrix(pl.datasets.engdahl2025(), level="theme"))
    >>> data["unit"], data["level"], data["groups"]
    ('quotes', 'theme', ['peer_support_worker', 'official', 'user_organization', None])
    >>> data["cells"][0]  # doctest: +NORMALIZE_WHITESPACE
    {'group': 'peer_support_worker', 'theme': 'scaling-up-peer-support',
     'unit': 'quotes', 'count': 1}
    """
    return {
        "unit": matrix.unit,
        "level": matrix.level,
        "groups": list(matrix.groups),
        "columns": list(matrix.columns),
        "cells": matrix.to_records(),
    }


def _heading(matrix: SupportMatrix) -> str:
    level = _LEVEL_NAMES[matrix.level]
    return (
        f"Distinct {matrix.unit} by stakeholder group (columns) and {level} (rows)"
        f"{_NOT_COUNTED[matrix.unit]}"
    )


def _group_names(matrix: SupportMatrix) -> list[str]:
    return [UNKNOWN_GROUP_HEADING if group is None else group for group in matrix.groups]


def render_text(matrix: SupportMatrix, width: int | None = None) -> str:
    """Render ``matrix`` as a heading that names the unit, then a table.

    Rows are the sub-themes (or themes), columns the stakeholder groups, in
    study order; quotes with no known group have the column ``(unknown)``.
    When that table is wider than ``width``, the groups are headed by short
    names (explained under the heading) and each row's id comes after its
    numbers, wrapped to the width.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> matrix = pl.queries.support_matrix(pl.datasets.engdahl2025(), level="theme")
    >>> print(click.unstyle(render_text(matrix, 60)))
    Distinct quotes by stakeholder group (columns) and theme
    (rows)
    PSW: peer_support_worker, OFF: official, UO:
    user_organization, ?: (unknown)
    <BLANKLINE>
    PSW  OFF  UO  ?  theme
      1    1   2  1  scaling-up-peer-support
      1    2   1  0  facilitating-organizational-structures-for-
                       sustainability
      2    1   0  0  evolving-role-of-peer-support
      3    0   1  0  charting-a-course-through-the-biomedical-
                       paradigm
    """
    names = _group_names(matrix)
    rows = [
        [column, *(str(matrix.get(group, column)) for group in matrix.groups)]
        for column in matrix.columns
    ]
    table = render_table(
        [matrix.level, *names], rows, numeric=[False, *(True for _ in matrix.groups)]
    )
    if width is None:
        return "\n".join([click.style(_heading(matrix), bold=True), "", *table])
    if all(len(line) <= width for line in table):
        heading = [click.style(line, bold=True) for line in wrap(_heading(matrix), width)]
        return "\n".join([*heading, "", *table])
    return "\n".join(_narrow(matrix, names, rows, width))


def _narrow(
    matrix: SupportMatrix, names: list[str], rows: list[list[str]], width: int
) -> list[str]:
    """Lay out the table for a narrow terminal: short group names, numbers first, ids last."""
    known = [name for name, group in zip(names, matrix.groups, strict=True) if group is not None]
    short = short_names(known)
    headings = [short.get(name, "?") for name in names]
    key = ", ".join(f"{heading}: {name}" for heading, name in zip(headings, names, strict=True))
    lines = [click.style(line, bold=True) for line in wrap(_heading(matrix), width)]
    lines += [*wrap(printable(key), width), ""]
    cells = [row[1:] for row in rows]
    widths = [max(len(row[i]) for row in [headings, *cells]) for i in range(len(headings))]
    numbers_width = sum(widths) + 2 * len(widths)
    for values, label in [(headings, matrix.level), *((row[1:], row[0]) for row in rows)]:
        numbers = "  ".join(f"{value:>{w}}" for value, w in zip(values, widths, strict=True))
        parts = wrap(printable(label), width - numbers_width, hanging="  ")
        lines += [
            f"{numbers if i == 0 else ' ' * len(numbers)}  {part}" for i, part in enumerate(parts)
        ]
    return lines


def grid_csv(matrix: SupportMatrix) -> str:
    """Return ``matrix`` as the table shows it, as CSV: a row per sub-theme, a column per group.

    The first cell of the header names the unit and the level; an unknown
    group is headed ``(unknown)``. Names a spreadsheet would run as a
    formula are escaped (see :func:`~peerlandscape.cli._common.spreadsheet_cell`).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> matrix = pl.queries.support_matrix(pl.datasets.engdahl2025(), level="theme")
    >>> print(grid_csv(matrix), end="")
    quotes by theme,peer_support_worker,official,user_organization,(unknown)
    scaling-up-peer-support,1,1,2,1
    facilitating-organizational-structures-for-sustainability,1,2,1,0
    evolving-role-of-peer-support,2,1,0,0
    charting-a-course-through-the-biomedical-paradigm,3,0,1,0
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [f"{matrix.unit} by {matrix.level}", *_group_names(matrix)]
    writer.writerow([spreadsheet_cell(name) for name in header])
    for column in matrix.columns:
        counts = (matrix.get(group, column) for group in matrix.groups)
        writer.writerow([spreadsheet_cell(column), *counts])
    return buffer.getvalue()


@click.command("matrix")
@study_argument
@choice_option(
    "--unit",
    _UNITS,
    default="quotes",
    help="What each cell counts: distinct quotes, participants or interviews.",
)
@choice_option(
    "--level", _LEVELS, default="subtheme", help="What the rows are: sub-themes or themes."
)
@format_option("table", "json", "csv", "csv-grid", default="table")
@limits_option
def matrix(*, path: Path | None, limits: Limits, unit: str, level: str, output_format: str) -> None:
    """Count the support for each sub-theme by stakeholder group.

    A quote supports a sub-theme when it is coded with a code that reaches
    the sub-theme or is placed under it directly, and it supports that
    sub-theme's theme (--level theme counts themes). Each cell counts
    distinct units (--unit): quotes, participants or interviews. Every output
    names its unit: the table's heading, the "unit" field of the JSON and
    CSV records, and the first cell of the grid.

    --format csv-grid writes the table as CSV for a spreadsheet (a row per
    sub-theme, a column per group); --format csv writes one record per cell
    (group, sub-theme, unit, count), for scripts.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    result = support_matrix(
        load_study(path, limits=limits),
        unit=cast("Literal['quotes', 'participants', 'interviews']", unit),
        level=cast("Literal['subtheme', 'theme']", level),
    )
    if output_format == "csv-grid":
        click.echo(grid_csv(result), nl=False)
        return
    echo_output(
        output_format,
        text=lambda width: render_text(result, width),
        data=lambda: matrix_data(result),
        records=lambda: (["group", result.level, "unit", "count"], result.to_records()),
    )
