"""The saturation curve: distinct codes (or sub-themes, or themes) found as interviews accrue."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study
from peerlandscape.plot._matplotlib import Axes, Figure, Line2D, MaxNLocator
from peerlandscape.plot._style import (
    LINE_COLOUR,
    OKABE_ITO,
    SINGLE_COLUMN,
    drawing,
)
from peerlandscape.saturation import Discovery, discovery, guest_saturation
from peerlandscape.saturation._discovery import Level

__all__ = ["saturation_curve"]

_NAMES = {"code": "codes", "subtheme": "sub-themes", "theme": "themes"}
_ORDERS = {
    "dates": "Interviews, in order of date",
    "study": "Interviews, in study order",
    "given": "Interviews, in the order given",
}
_NEW_COLOUR = OKABE_ITO[0]
_FOUND_COLOUR = OKABE_ITO[3]


def saturation_curve(
    data: Study | Discovery,
    *,
    level: Level = "code",
    order: Sequence[str] | None = None,
    guest: bool = True,
    width: float = SINGLE_COLUMN,
    ax: Axes | None = None,
) -> Figure:
    """Draw the discovery curve: what the interviews have found so far, and what each adds.

    A line gives the distinct elements found after each interview
    (:meth:`Discovery.curve <peerlandscape.saturation.Discovery.curve>`), bars
    the elements each interview adds. With ``guest=True``, a dotted line marks
    where saturation is reached by Guest, Namey & Chen's (2020) criteria
    (:func:`~peerlandscape.saturation.guest_saturation`, with its recommended
    base of 4, run of 2 and threshold of 5%), labelled as they report it
    ("6+2"); when it is not reached, the plot says so.

    Parameters
    ----------
    data
        A study, whose :func:`~peerlandscape.saturation.discovery` is drawn
        with ``level`` and ``order``, or a discovery already made.
    level
        ``"code"`` (the default), ``"subtheme"`` or ``"theme"``.
    order
        The interviews' order (see :func:`~peerlandscape.saturation.discovery`);
        by default their dates.
    guest
        Whether to mark Guest et al.'s saturation point.
    width
        The width of a new figure in inches: by default a journal's single
        column, 3.5 in (2.6 in high).
    ax
        Axes to draw in, instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn in.

    Raises
    ------
    InvalidOptionError
        If ``level`` is not one of its choices, ``level`` or ``order`` is given
        with a discovery, or there are no interviews to draw.
    UnknownIdError
        If ``order`` names an interview the study does not hold.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> figure = plot.saturation_curve(pl.datasets.engdahl2025(), level="subtheme")
    >>> figure.axes[0].get_ylabel()
    'Distinct sub-themes found'
    """
    if isinstance(data, Discovery):
        if order is not None or level != "code":
            raise InvalidOptionError(
                "level and order are those of the discovery given: pass them to discovery()"
            )
        found = data
    else:
        found = discovery(data, level=level, order=order)
    if not found.steps:
        raise InvalidOptionError("the discovery holds no interview: there is no curve to draw")
    curve = found.curve()
    with drawing(ax, width, 2.6) as (figure, axes):
        bars = axes.bar(
            [step.position for step in found.steps],
            [len(step.new) for step in found.steps],
            width=0.7,
            color=_NEW_COLOUR,
            label="New in the interview",
        )
        (line,) = axes.plot(
            [x for x, _ in curve],
            [y for _, y in curve],
            color=_FOUND_COLOUR,
            marker="o",
            markersize=3,
            label="Found so far",
        )
        axes.set_xlim(-0.3, len(found.steps) + 0.7)
        axes.set_ylim(0, max(found.total, 1) * 1.05)
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.set_xlabel(_ORDERS[found.basis])
        axes.set_ylabel(f"Distinct {_NAMES[found.level]} found")
        handles: list[Any] = [line, bars]
        if guest:
            handles.append(_mark_guest(axes, found))
        # Above the plot: a saturation curve fills its upper left, its bars the lower right.
        axes.legend(
            handles=handles, loc="lower left", bbox_to_anchor=(0.0, 1.02), borderaxespad=0.0
        )
    return figure


def _mark_guest(ax: Axes, found: Discovery) -> Line2D:
    assessment = guest_saturation(found)
    point = assessment.saturation_point
    if point is None:
        # Said in the legend, with no line: the reader should not have to infer it.
        label = f"No saturation in {assessment.interviews} interviews (Guest et al. 2020)"
        return Line2D([], [], linestyle="none", label=label)
    return ax.axvline(
        point,
        color=LINE_COLOUR,
        linestyle=":",
        linewidth=0.9,
        label=f"Saturation at {assessment.label} (Guest et al. 2020)",
    )
