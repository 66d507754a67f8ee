"""The co-occurrence heatmap: for each pair of codes, the quotes (or interviews) with both."""

from __future__ import annotations

from collections import Counter
from typing import Literal

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study
from peerlandscape.plot._cells import draw_cells
from peerlandscape.plot._matplotlib import Axes, Figure
from peerlandscape.plot._style import (
    FONT_SIZE,
    SINGLE_COLUMN,
    fit_height,
    new_axes,
    set_sizes,
    style,
    wrap,
)
from peerlandscape.queries import code_cooccurrence

__all__ = ["cooccurrence_heatmap"]

_CELL = 0.3
"""The largest cell, in inches."""
_CHAR = 0.046
"""Inches per character of 6.5 pt text."""


def cooccurrence_heatmap(
    study: Study,
    *,
    within: Literal["quote", "interview"] = "quote",
    top: int | None = 20,
    width: float = SINGLE_COLUMN,
    ax: Axes | None = None,
) -> Figure:
    """Draw which codes are applied together: a triangle of cells, one per pair of codes.

    Each cell holds :func:`~peerlandscape.queries.code_cooccurrence`'s count
    for the pair, shaded (cividis) and written in the cell; a pair never
    applied together is pale grey. Only the lower triangle is drawn (a pair is
    one cell), and only codes applied together with another at least once.

    Parameters
    ----------
    study
        The study.
    within
        ``"quote"`` (the default): codes applied to one quote; ``"interview"``:
        codes applied to quotes of one interview.
    top
        Draw at most this many codes: those with the most co-occurrences
        (ties in study order), shown in study order; ``None`` for all.
    width
        The width of a new figure in inches: by default a journal's single
        column, 3.5 in.
    ax
        Axes to draw in, instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn in. Each count is a text with the gid
        ``"pair-<code id>-<code id>"`` (the ids sorted).

    Raises
    ------
    InvalidOptionError
        If ``within`` is not one of its choices, ``top`` is under 2, or no two
        codes were ever applied together (there is nothing to draw).
    MissingDependencyError
        If matplotlib is not installed (``pip install 'peerlandscape[plot]'``).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> figure = plot.cooccurrence_heatmap(pl.datasets.engdahl2025())
    >>> [text.get_text() for text in figure.axes[0].texts]
    ['1']
    """
    if top is not None and (isinstance(top, bool) or not isinstance(top, int) or top < 2):  # noqa: PLR2004 - a pair
        raise InvalidOptionError(f"top must be a whole number of at least 2 or None, not {top!r}")
    pairs = code_cooccurrence(study, within=within)
    if not pairs:
        raise InvalidOptionError(
            f"no two codes of study {study.id!r} were applied to the same {within}: "
            "there is no co-occurrence to draw"
        )
    codes = _chosen(study, pairs, top)
    labels = {code.id: code.label for code in study.codes}
    # Row i, column j (j < i) is the pair (codes[i], codes[j]): the first code has no row and
    # the last no column, so both are dropped.
    rows, columns = codes[1:], codes[:-1]
    counts = [
        [pairs.get(_key(row, column), 0) if j < i + 1 else None for j, column in enumerate(columns)]
        for i, row in enumerate(rows)
    ]
    gids = [["pair-{}-{}".format(*_key(row, column)) for column in columns] for row in rows]
    row_labels = [wrap(labels[code], 28) for code in rows]
    column_labels = [wrap(labels[code], 28) for code in columns]
    # Square cells of at most _CELL, beside the row labels.
    longest = max(len(line) for label in row_labels for line in label.split("\n"))
    side = max(min(_CELL * len(columns), width - longest * _CHAR - 0.3), 0.5)
    with style():
        made = ax is None
        figure, ax = new_axes(ax, width, side + 2.0)
        draw_cells(
            ax,
            counts,
            row_labels=row_labels,
            column_labels=column_labels,
            gids=gids,
        )
        for label in ax.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
        ax.set_aspect("equal")
        title = f"{within.capitalize()}s coded with both codes"
        ax.set_title(title, loc="left", fontsize=FONT_SIZE)
        set_sizes(ax)
        if made:
            fit_height(figure, ax, side * len(rows) / len(columns))
    return figure


def _key(first: str, second: str) -> tuple[str, str]:
    return (first, second) if first <= second else (second, first)


def _chosen(study: Study, pairs: Counter[tuple[str, str]], top: int | None) -> list[str]:
    weight: Counter[str] = Counter()
    for (first, second), count in pairs.items():
        weight[first] += count
        weight[second] += count
    order = [code.id for code in study.codes if weight[code.id]]
    if top is not None and len(order) > top:
        place = {code: number for number, code in enumerate(order)}
        kept = set(sorted(order, key=lambda code: (-weight[code], place[code]))[:top])
        order = [code for code in order if code in kept]
    return order
