"""Layout the analysis commands share: tables that fit the terminal, and cells for CSV.

``agreement``, ``saturation``, ``checklist`` and ``replicate`` print tables
whose first column is an id (a code, a sub-theme) and whose other columns are
short figures. When such a table is wider than the terminal, each row's id
goes on a line of its own, wrapped if need be, with its figures on the line
below, indented and aligned under the headings: no id is cut and no figure
moves out of its column.

This module imports nothing heavy; the commands import it when they run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from peerlandscape.cli._common import pack, printable, render_table, short_names, wrap

__all__ = ["FIGURE_INDENT", "LIST_SEPARATOR", "csv_row", "fitted_table", "group_key"]

FIGURE_INDENT = "    "
"""How far a row's figures are indented under its id when the table is stacked."""

LIST_SEPARATOR = "; "
"""How CSV joins a list of ids in one cell (ids hold no ``;``)."""


def fitted_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    numeric: Sequence[bool],
    width: int,
) -> list[str]:
    """Lay out ``rows`` under ``headings`` in at most ``width`` columns; return the lines.

    The first column is the row's name. When the table fits, it is one line
    per row; otherwise each row is its name (wrapped to ``width``) and, on the
    next line, its other cells indented by :data:`FIGURE_INDENT`, aligned under
    the other headings. Where even those are too wide, each cell is named by
    its heading (``units: 6``), as many to a line as fit. The heading line is
    bold on a terminal. Cells are printed as given: pass text from a study
    through :func:`printable` first.

    Examples
    --------
    >>> rows = [["mitigating-peer-drifting", "1", "0.500"], ["(all)", "6", "0.389"]]
    >>> for line in fitted_table(["code", "units", "alpha"], rows,
    ...                          numeric=[False, True, True], width=40):
    ...     print(click.unstyle(line))
    code                      units  alpha
    mitigating-peer-drifting      1  0.500
    (all)                         6  0.389
    >>> for line in fitted_table(["code", "units", "alpha"], rows,
    ...                          numeric=[False, True, True], width=30):
    ...     print(click.unstyle(line))
    code
        units  alpha
    mitigating-peer-drifting
            1  0.500
    (all)
            6  0.389
    >>> for line in fitted_table(["code", "units", "alpha"], rows,
    ...                          numeric=[False, True, True], width=14):
    ...     print(click.unstyle(line))
    mitigating-
      peer-
      drifting
        units: 1
        alpha:
          0.500
    (all)
        units: 6
        alpha:
          0.389
    """
    table = render_table(headings, rows, numeric=numeric)
    if all(len(line) <= width for line in table):
        return [click.style(table[0], bold=True), *table[1:]]
    figures = render_table(headings[1:], [row[1:] for row in rows], numeric=numeric[1:])
    if all(len(FIGURE_INDENT + line) <= width for line in figures):
        lines = [click.style(line, bold=True) for line in (headings[0], FIGURE_INDENT + figures[0])]
        for row, line in zip(rows, figures[1:], strict=True):
            lines += wrap(row[0], width, hanging="  ")
            lines.append(FIGURE_INDENT + line)
        return lines
    # Too narrow even for the figures in a row: each figure is named, as many to a line as fit.
    lines = []
    for row in rows:
        lines += wrap(row[0], width, hanging="  ")
        named = [f"{heading}: {cell}" for heading, cell in zip(headings[1:], row[1:], strict=True)]
        lines += pack(named, width, indent=FIGURE_INDENT, broken=FIGURE_INDENT + "  ")
    return lines


def group_key(groups: Sequence[str], width: int) -> tuple[dict[str, str], list[str]]:
    """Give each stakeholder group a short name for a table; return them and the key's lines.

    Examples
    --------
    >>> names, key = group_key(["peer_support_worker", "official"], 80)
    >>> names
    {'peer_support_worker': 'PSW', 'official': 'OFF'}
    >>> key
    ['Groups: PSW peer_support_worker, OFF official']
    """
    names = short_names(list(groups))
    listed = ", ".join(f"{names[group]} {group}" for group in groups)
    return names, wrap(printable(f"Groups: {listed}"), width, hanging="  ")


def csv_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """Return ``record`` as CSV cells: lists and tuples of ids joined by :data:`LIST_SEPARATOR`.

    Examples
    --------
    >>> csv_row({"id": "x", "groups": ("peers", "staff"), "ratio": None})
    {'id': 'x', 'groups': 'peers; staff', 'ratio': None}
    """
    return {
        key: LIST_SEPARATOR.join(map(str, value)) if isinstance(value, list | tuple) else value
        for key, value in record.items()
    }
