"""The co-occurrence heatmap: for each pair of codes, the quotes (or interviews) with both."""

from __future__ import annotations

import textwrap
from collections import Counter
from typing import Literal

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study
from peerlandscape.plot._cells import draw_cells
from peerlandscape.plot._matplotlib import Axes, Figure
from peerlandscape.plot._style import (
    FONT_SIZE,
    SINGLE_COLUMN,
    drawing,
)
from peerlandscape.queries import code_cooccurrence

__all__ = ["cooccurrence_heatmap"]

_CELL = 0.3
"""The largest cell, in inches."""
_MIN_CELL = 0.16
"""The smallest cell, in inches: room for a two-digit count and a line of 6.5 pt text."""
_LABEL_CHARS = 32
"""Labels longer than this are shortened, with an ellipsis."""
_LABEL_WIDTH = _LABEL_CHARS * 0.046 + 0.35
"""Inches kept left of the cells for the row labels (0.046 in per character of 6.5 pt)."""


def cooccurrence_heatmap(
    study: Study,
    *,
    within: Literal["quote", "interview"] = "quote",
    top: int | None = None,
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
        (ties in study order), shown in study order. By default, as many as
        fit ``width`` (11 in a single column, 33 in a double); more widen a
        new figure. The title says how many of how many are shown.
    width
        The width of a new figure in inches: by default a journal's single
        column, 3.5 in. A label longer than its room (two lines of 32
        characters beside a full-size cell, one line beside a smaller one) is
        shortened with an ellipsis.
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
    together = len({code for pair in pairs for code in pair})
    fit = int((width - _LABEL_WIDTH) / _MIN_CELL) + 1
    codes = _chosen(study, pairs, max(fit, 2) if top is None else top)
    labels = {code.id: code.label for code in study.codes}
    # Row i, column j (j < i) is the pair (codes[i], codes[j]): the first code has no row and
    # the last no column, so both are dropped.
    rows, columns = codes[1:], codes[:-1]
    counts = [
        [pairs.get(_key(row, column), 0) if j < i + 1 else None for j, column in enumerate(columns)]
        for i, row in enumerate(rows)
    ]
    gids = [["pair-{}-{}".format(*_key(row, column)) for column in columns] for row in rows]
    grid = width - _LABEL_WIDTH
    cell = max(min(_CELL, grid / len(columns)), _MIN_CELL)
    # Cells of full size hold two lines of a row label, and leave room for longer slanted
    # column labels; smaller ones hold one line, so that neighbours never overlap.
    roomy = cell >= _CELL
    row_labels = [_shortened(labels[code], lines=2 if roomy else 1) for code in rows]
    column_labels = [
        _shortened(labels[code], lines=1, chars=64 if roomy else _LABEL_CHARS) for code in columns
    ]
    # More codes than fit (an explicit top) widen a new figure rather than crowd it.
    wide = max(width, _LABEL_WIDTH + cell * len(columns))
    with drawing(ax, wide, 4.0, body=cell * len(rows)) as (figure, axes):
        draw_cells(
            axes,
            counts,
            row_labels=row_labels,
            column_labels=column_labels,
            gids=gids,
        )
        for label in axes.get_xticklabels():
            label.set_rotation(45)
            label.set_horizontalalignment("right")
            label.set_rotation_mode("anchor")
        axes.set_aspect("equal")
        title = f"{within.capitalize()}s coded with both codes"
        if len(codes) < together:
            title += f"\n(the {len(codes)} of {together} codes most often together)"
        # Right-aligned: it runs left over the row labels, never past the figure.
        axes.set_title(title, loc="right", fontsize=FONT_SIZE)
    return figure


def _shortened(label: str, *, lines: int, chars: int = _LABEL_CHARS) -> str:
    kept = textwrap.wrap(" ".join(label.split()), width=chars, break_on_hyphens=False)
    if len(kept) > lines:
        kept = kept[:lines]
        kept[-1] = kept[-1][: chars - 1].rstrip() + "\u2026"
    return "\n".join(kept)


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
