"""Heatmap cells: counts shaded light to dark, each annotated, zero left pale and blank.

The support and co-occurrence heatmaps share this, so that a count looks the
same in both: cividis (reversed) for one and more, a pale grey for none, the
number written in every counted cell in black or white, whichever reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from peerlandscape.plot._matplotlib import Axes, Colormap, Normalize, colormaps, np
from peerlandscape.plot._style import EMPTY_CELL, HEATMAP_COLOURS, SMALL_FONT, text_colour_on

__all__ = ["draw_cells"]


def draw_cells(
    ax: Axes,
    counts: Sequence[Sequence[int | None]],
    *,
    row_labels: Sequence[str],
    column_labels: Sequence[str],
    gids: Sequence[Sequence[str]],
) -> None:
    """Draw ``counts`` (rows x columns; ``None``: no cell at all) as annotated cells.

    Each annotation is a text artist whose gid is the matching entry of ``gids``.
    """
    values = np.array(
        [[np.nan if value is None else float(value) for value in row] for row in counts],
        dtype=float,
    )
    colours: Colormap = colormaps[HEATMAP_COLOURS].with_extremes(under=EMPTY_CELL, bad="none")
    top = float(np.nanmax(values)) if np.isfinite(values).any() else 1.0
    # Zero is below the scale: it takes the pale "under" colour, not the lightest shade.
    norm = Normalize(vmin=0.5, vmax=max(top, 1.0))
    ax.imshow(values, cmap=colours, norm=norm, aspect="auto", interpolation="nearest")
    for row, line in enumerate(counts):
        for column, value in enumerate(line):
            if not value:
                continue
            text = ax.text(
                column,
                row,
                str(value),
                ha="center",
                va="center",
                fontsize=SMALL_FONT,
                color=text_colour_on(colours(norm(value))),
            )
            text.set_gid(gids[row][column])
    ax.set_xticks(range(len(column_labels)), column_labels)
    ax.set_yticks(range(len(row_labels)), row_labels)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # White lines between cells, drawn as a minor grid.
    ax.set_xticks([x - 0.5 for x in range(1, len(column_labels))], minor=True)
    ax.set_yticks([y - 0.5 for y in range(1, len(row_labels))], minor=True)
    ax.grid(which="minor", color="white", linewidth=1.0)
    ax.tick_params(which="minor", length=0)
