"""``peerlandscape matrix``: the support matrix, stakeholder group by sub-theme (or theme).

The counts are :func:`peerlandscape.queries.support_matrix`; every output names
the unit it counts (distinct quotes, participants or interviews), so that a
number is never read as the wrong one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, TypedDict, cast

import click

from peerlandscape.cli._common import (
    echo_csv,
    echo_json,
    format_option,
    load_study,
    render_table,
    study_argument,
)
from peerlandscape.queries import SupportMatrix, support_matrix

__all__ = ["UNKNOWN_GROUP_HEADING", "MatrixData", "matrix", "matrix_data", "render_text"]

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


def render_text(matrix: SupportMatrix) -> str:
    """Render ``matrix`` as a heading that names the unit, then a table.

    Rows are the sub-themes (or themes), columns the stakeholder groups, in
    study order; quotes with no known group have the column ``(unknown)``.
    """
    level = _LEVEL_NAMES[matrix.level]
    heading = (
        f"Distinct {matrix.unit} by stakeholder group (columns) and {level} (rows)"
        f"{_NOT_COUNTED[matrix.unit]}"
    )
    names = [UNKNOWN_GROUP_HEADING if group is None else group for group in matrix.groups]
    rows = [
        [column, *(str(matrix.get(group, column)) for group in matrix.groups)]
        for column in matrix.columns
    ]
    table = render_table(
        [matrix.level, *names], rows, numeric=[False, *(True for _ in matrix.groups)]
    )
    return "\n".join([click.style(heading, bold=True), "", *table])


@click.command("matrix")
@study_argument
@click.option(
    "--unit",
    type=click.Choice(_UNITS),
    default="quotes",
    show_default=True,
    help="What each cell counts: distinct quotes, participants or interviews.",
)
@click.option(
    "--level",
    type=click.Choice(_LEVELS),
    default="subtheme",
    show_default=True,
    help="What the rows are: sub-themes or themes.",
)
@format_option("table", "json", "csv", default="table")
def matrix(*, path: Path | None, unit: str, level: str, output_format: str) -> None:
    """Count the support for each sub-theme by stakeholder group.

    A quote supports a sub-theme when it is coded with a code that reaches
    the sub-theme or is placed under it directly, and it supports that
    sub-theme's theme (--level theme counts themes). Each cell counts
    distinct units (--unit): quotes, participants or interviews. Every output
    names its unit: the table's heading, and the "unit" field of the JSON and
    CSV records.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    result = support_matrix(
        load_study(path),
        unit=cast("Literal['quotes', 'participants', 'interviews']", unit),
        level=cast("Literal['subtheme', 'theme']", level),
    )
    if output_format == "json":
        echo_json(matrix_data(result))
    elif output_format == "csv":
        echo_csv(["group", result.level, "unit", "count"], result.to_records())
    else:
        click.echo(render_text(result))
