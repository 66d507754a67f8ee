"""How every plot looks: journal column widths, font sizes, colour-blind-safe colours.

Sizes are in inches and points, as journals state them: a single column is
3.5 in (89 mm) wide, a double column 7 in (178 mm), and text must stay
readable at 6-8 pt once printed at that size. Groups are coloured with the
Okabe-Ito palette (Okabe & Ito 2008), whose eight colours stay distinct under
the common forms of colour blindness; counts are shaded with cividis, a map
made to read the same with and without colour vision deficiency.
"""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

from peerlandscape.models import Study
from peerlandscape.plot._matplotlib import Axes, Figure, FigureCanvasAgg, rc_context, to_rgb

__all__ = [
    "DOUBLE_COLUMN",
    "FONT_SIZE",
    "OKABE_ITO",
    "SINGLE_COLUMN",
    "SMALL_FONT",
    "UNKNOWN_COLOUR",
    "drawing",
    "figure_of",
    "fit_height",
    "group_colours",
    "group_label",
    "new_axes",
    "set_sizes",
    "style",
    "text_colour_on",
    "wrap",
    "wrap_all",
]

SINGLE_COLUMN = 3.5
"""A journal's single column, in inches (89 mm)."""
DOUBLE_COLUMN = 7.0
"""A journal's double column (the full text width), in inches (178 mm)."""
FONT_SIZE = 7.0
"""Text size in points: the middle of the 6-8 pt journals ask for in a figure."""
SMALL_FONT = 6.5
"""Tick labels, legends and cell counts, in points."""

OKABE_ITO = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#F0E442",  # yellow: last, as it is faint on white
    "#000000",
)
"""The Okabe-Ito colours, in the order groups take them."""
UNKNOWN_COLOUR = "#BBBBBB"
"""Grey for quotes whose speaker, and so group, is unknown."""
HEATMAP_COLOURS = "cividis_r"
"""Counts: light for few, dark blue for many (cividis reversed)."""
EMPTY_CELL = "#F2F2F2"
"""A heatmap cell with no count: a pale grey, so that zero reads as nothing."""
LINE_COLOUR = "#4D4D4D"
"""Connectors, box edges and interval whiskers."""

_DARK = 0.45
"""Relative luminance below which a colour takes white text."""

_RC: dict[Any, Any] = {  # Any keys: matplotlib types them as a Literal of every name
    "font.family": "sans-serif",
    "font.size": FONT_SIZE,
    "axes.titlesize": FONT_SIZE + 1,
    "axes.labelsize": FONT_SIZE,
    "axes.linewidth": 0.6,
    "xtick.labelsize": SMALL_FONT,
    "ytick.labelsize": SMALL_FONT,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "xtick.major.size": 2.5,
    "ytick.major.size": 2.5,
    "legend.fontsize": SMALL_FONT,
    "legend.frameon": False,
    "lines.linewidth": 1.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    # Text as paths: an SVG or PDF that needs no font on the reader's machine.
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    """Draw with the package's sizes (matplotlib reads them as each artist is made)."""
    with rc_context(_RC):
        yield


def new_axes(ax: Axes | None, width: float, height: float) -> tuple[Figure, Axes]:
    """Return ``ax`` and its figure, or a new figure of ``width`` x ``height`` inches.

    A new figure is a :class:`matplotlib.figure.Figure` on the Agg canvas,
    made without pyplot: nothing global is registered, nothing needs closing,
    and no window opens.
    """
    if ax is not None:
        return figure_of(ax), ax
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


@contextlib.contextmanager
def drawing(
    ax: Axes | None, width: float, height: float, *, body: float | None = None
) -> Iterator[tuple[Figure, Axes]]:
    """Draw in ``ax``, or in a new figure of ``width`` x ``height`` inches, in the package's style.

    Yields the figure and the axes to draw in. On leaving, the axes' text
    takes the package's sizes (:func:`set_sizes`; other axes drawn, such as a
    twin, need the call themselves), and a new figure made here is made as
    high as ``body`` inches of axes plus its labels (:func:`fit_height`), when
    ``body`` is given; a caller's figure keeps its size.
    """
    with style():
        made = ax is None
        figure, ax = new_axes(ax, width, height)
        yield figure, ax
        set_sizes(ax)
        if made and body is not None:
            fit_height(figure, ax, body)


def fit_height(figure: Figure, ax: Axes, body: float) -> None:
    """Make a new figure as high as ``body`` inches of axes plus the labels drawn around them.

    The labels are measured as drawn, so that long or many labels never squeeze the
    axes to nothing, and short ones leave no empty band.
    """
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    around = ax.get_tightbbox(renderer)
    inside = ax.get_window_extent(renderer)
    if around is None:
        return
    labels = (around.height - inside.height) / figure.dpi
    figure.set_size_inches(figure.get_size_inches()[0], body + labels + 0.12)


def set_sizes(*axes: Axes) -> None:
    """Give tick labels, axis labels and titles the package's sizes, in axes made elsewhere too.

    matplotlib sizes a tick label when its axes are made: axes a caller passed
    in were made under the caller's settings, not :func:`style`'s.
    """
    for ax in axes:
        ax.tick_params(which="both", labelsize=SMALL_FONT)
        ax.xaxis.label.set_fontsize(FONT_SIZE)
        ax.yaxis.label.set_fontsize(FONT_SIZE)
        ax.title.set_fontsize(FONT_SIZE)


def figure_of(ax: Axes) -> Figure:
    """Return the figure ``ax`` is drawn in (the whole figure, for an axes in a sub-figure)."""
    holder = ax.figure
    if isinstance(holder, Figure):
        return holder
    return holder.figure


def group_colours(study: Study) -> dict[str | None, str]:
    """Return each stakeholder group's colour, in study order, and grey for ``None``.

    A study with more groups than the palette has colours reuses them in order.
    """
    colours: dict[str | None, str] = {
        group.id: OKABE_ITO[number % len(OKABE_ITO)] for number, group in enumerate(study.groups)
    }
    colours[None] = UNKNOWN_COLOUR
    return colours


def group_label(study: Study, group: str | None) -> str:
    """Return a group's label; ``None`` is the group of quotes whose speaker is unknown."""
    return "Speaker unknown" if group is None else study.index.groups[group].label


def wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters, at spaces (never at hyphens)."""
    return textwrap.fill(text, width=max(width, 8), break_long_words=False, break_on_hyphens=False)


def wrap_all(texts: Sequence[str], width: int) -> list[str]:
    """Break each text into lines of at most ``width`` characters."""
    return [wrap(text, width) for text in texts]


def text_colour_on(colour: Any) -> str:
    """Return black or white, whichever reads better on ``colour`` (by its luminance)."""
    red, green, blue = to_rgb(colour)
    luminance = 0.2126 * red + 0.7152 * green + 0.0722 * blue
    return "black" if luminance > _DARK else "white"
