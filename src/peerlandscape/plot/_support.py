"""The support heatmap: stakeholder group x sub-theme (or theme), each cell its count."""

from __future__ import annotations

from typing import Literal

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study
from peerlandscape.plot._cells import draw_cells
from peerlandscape.plot._matplotlib import Axes, Figure
from peerlandscape.plot._style import (
    SINGLE_COLUMN,
    SMALL_FONT,
    drawing,
    group_label,
    wrap,
)
from peerlandscape.queries import support_matrix

__all__ = ["support_heatmap"]

_ROW_LABELS = 2.2
"""Inches a row label and the margins take, wrapped at 34 characters of 6.5 pt."""
_ROW_LINE = SMALL_FONT * 1.25 / 72
"""Inches per line of a row label."""


def support_heatmap(
    study: Study,
    *,
    unit: Literal["quotes", "participants", "interviews"] = "quotes",
    level: Literal["subtheme", "theme"] = "subtheme",
    width: float = SINGLE_COLUMN,
    ax: Axes | None = None,
) -> Figure:
    """Draw the support matrix: a row per sub-theme (or theme), a column per stakeholder group.

    Each cell holds :func:`~peerlandscape.queries.support_matrix`'s count, shaded
    (cividis) and written in the cell; an empty cell is pale grey. Rows are in
    study order, labelled with the sub-themes' labels; a white gap separates the
    sub-themes of one theme from the next. Quotes whose speaker is unknown have
    a column of their own ("Speaker unknown") when there are any.

    Parameters
    ----------
    study
        The study.
    unit
        What a cell counts: distinct ``"quotes"`` (the default),
        ``"participants"`` or ``"interviews"``.
    level
        ``"subtheme"`` (the default) or ``"theme"``: what the rows are.
    width
        The width of a new figure in inches: by default a journal's single
        column, 3.5 in. Its height follows from the rows, each as high as the
        longest label.
    ax
        Axes to draw in, instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn in. Each count is a text with the gid
        ``"count-<row id>-<group id>"`` (``unknown`` for no group).

    Raises
    ------
    InvalidOptionError
        If ``unit`` or ``level`` is not one of its choices, or the study has
        no sub-themes (themes) or no stakeholder groups.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> figure = plot.support_heatmap(pl.datasets.engdahl2025())
    >>> ax = figure.axes[0]
    >>> [" ".join(label.get_text().split()) for label in ax.get_xticklabels()]
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Peer support workers', 'County council and municipality officials',
     'Representatives from user organizations', 'Speaker unknown']
    """
    matrix = support_matrix(study, unit=unit, level=level)
    if not matrix.columns or not matrix.groups:
        missing = "stakeholder groups" if matrix.columns else f"{level.replace('sub', 'sub-')}s"
        raise InvalidOptionError(f"study {study.id!r} has no {missing}: there is no matrix to draw")
    if level == "subtheme":
        elements = {s.id: (s.label, s.theme) for s in study.subthemes}
    else:
        elements = {t.id: (t.label, t.id) for t in study.themes}
    row_labels = [wrap(elements[row][0], 34) for row in matrix.columns]
    # Upright labels stay inside their columns; two lines need a column wide enough for them.
    column_width = (width - _ROW_LABELS) / len(matrix.groups)
    two_lines = column_width >= 2 * _ROW_LINE + 0.06
    column_labels = [
        wrap(label, 22) if two_lines else " ".join(label.split())
        for label in (group_label(study, group) for group in matrix.groups)
    ]
    # Rows are of one height, that of the longest label, so that no label overlaps the next.
    lines = max(label.count("\n") + 1 for label in row_labels)
    body = len(row_labels) * (lines * _ROW_LINE + 0.07)
    with drawing(ax, width, body + 2.0, body=body) as (figure, axes):
        draw_cells(
            axes,
            [[matrix.get(group, row) for group in matrix.groups] for row in matrix.columns],
            row_labels=row_labels,
            column_labels=column_labels,
            gids=[
                [f"count-{row}-{group or 'unknown'}" for group in matrix.groups]
                for row in matrix.columns
            ],
        )
        # A thicker white gap where one theme's sub-themes end and the next theme's begin.
        themes = [elements[row][1] for row in matrix.columns]
        for position in range(1, len(themes)):
            if themes[position] != themes[position - 1]:
                axes.axhline(position - 0.5, color="white", linewidth=3.0)
        axes.xaxis.tick_top()
        # Upright: a group's label is wider than its column, and slanted ones would run
        # past the figure's edge.
        for label in axes.get_xticklabels():
            label.set_rotation(90)
            label.set_verticalalignment("bottom")
        axes.xaxis.set_label_position("top")
        axes.set_xlabel(f"{unit.capitalize()}, by stakeholder group", labelpad=6)
    return figure
