"""Agreement per code, with its bootstrap interval: a forest of points and whiskers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from peerlandscape.agreement._scope import target_kind
from peerlandscape.models import Study
from peerlandscape.plot._matplotlib import Axes, Figure, Line2D
from peerlandscape.plot._style import (
    FONT_SIZE,
    LINE_COLOUR,
    SINGLE_COLUMN,
    drawing,
    set_sizes,
    wrap,
)
from peerlandscape.queries._arguments import choice

if TYPE_CHECKING:
    from peerlandscape.agreement import CodeAgreement, QuoteAgreement

__all__ = ["agreement_intervals"]

Statistic = Literal["alpha", "percent"]

RELIABLE = 0.8
"""Krippendorff's (2004) alpha for data to rely on."""
TENTATIVE = 2 / 3
"""Krippendorff's (2004) lowest alpha for tentative conclusions."""
_ROW = 0.24
"""Inches per code."""
_POINT = "#000000"
_UNDEFINED = "#767676"


def agreement_intervals(
    study: Study,
    agreement: QuoteAgreement | None = None,
    *,
    statistic: Statistic = "alpha",
    seed: int = 0,
    width: float = SINGLE_COLUMN,
    ax: Axes | None = None,
) -> Figure:
    """Draw each code's agreement between coders, with its bootstrap interval, and all codes'.

    One row per code in study order, labelled with its label: a point at
    Krippendorff's alpha (or percent agreement) and a whisker across its
    bootstrap interval, the figure and interval written at the right. All
    codes together are the last row, a diamond. For alpha, dotted lines mark
    Krippendorff's (2004) thresholds: 0.667 for tentative conclusions, 0.800
    for reliable data. A code whose alpha is undefined (every value alike)
    says so in its row.

    Parameters
    ----------
    study
        The study, for the labels (and the figures, if ``agreement`` is not given).
    agreement
        Figures from :func:`~peerlandscape.agreement.quote_agreement`; by
        default that function's, for the study, with ``seed``.
    statistic
        ``"alpha"`` (the default) or ``"percent"``.
    seed
        The bootstrap seed when the figures are computed here: the same
        seed draws the same intervals.
    width
        The width of a new figure in inches: by default a journal's single
        column, 3.5 in. Its height follows from the codes: a row each, taller
        for a label that wraps.
    ax
        Axes to draw in, instead of a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn in. Each point is a line artist with the gid
        ``"agreement-<code id>"`` (``agreement-all`` for all codes).

    Raises
    ------
    AgreementDataError
        If the figures are computed here and the study has fewer than two
        coders, as :func:`~peerlandscape.agreement.quote_agreement` does.
    InvalidOptionError
        If ``statistic`` is not one of its choices.

    Examples
    --------
    Two coders code four quotes, and differ on the second:

    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> applied = {"q1": ("hope", "hope"), "q2": ("cost", "hope"),
    ...            "q3": ("cost", "cost"), "q4": ("cost", "cost")}
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     coders=[pl.Coder(id="ana", label="A"), pl.Coder(id="bo", label="B")],
    ...     quotes=[pl.Quote(id=quote, text=f"Words of {quote}.") for quote in applied],
    ...     codes=[pl.Code(id="hope", label="Hope"), pl.Code(id="cost", label="Cost")],
    ...     codings=[
    ...         pl.Coding(quote=quote, code=code, coder=coder)
    ...         for quote, codes in applied.items()
    ...         for coder, code in zip(("ana", "bo"), codes)
    ...     ],
    ... )
    >>> figure = plot.agreement_intervals(study)
    >>> [label.get_text() for label in figure.axes[0].get_yticklabels()]
    ['Hope', 'Cost', 'All codes']
    """
    choice("statistic", statistic, ("alpha", "percent"))
    if agreement is None:
        from peerlandscape.agreement import quote_agreement  # noqa: PLC0415 - needs numpy

        agreement = quote_agreement(study, seed=seed)
    table = study.index.by_kind[target_kind(agreement.target)]
    rows = [*agreement.codes, agreement.overall]
    labels = [wrap("All codes" if row.code is None else table[row.code].label, 30) for row in rows]
    body = sum(max(_ROW, (label.count("\n") + 1) * FONT_SIZE * 1.3 / 72) for label in labels)
    with drawing(ax, width, body + 0.75, body=body) as (figure, axes):
        for position, row in enumerate(rows):
            _draw_row(axes, position, row, statistic)
        axes.set_yticks(range(len(rows)), labels)
        axes.set_ylim(len(rows) - 0.4, -0.6)
        axes.axhline(len(rows) - 1.5, color=LINE_COLOUR, linewidth=0.5)
        axes.tick_params(axis="y", length=0)
        axes.spines["left"].set_visible(False)
        low = min([0.0, *(_low(row, statistic) for row in rows)])
        axes.set_xlim(low - 0.05, 1.05)
        if statistic == "alpha":
            for threshold in (TENTATIVE, RELIABLE):
                axes.axvline(threshold, color=LINE_COLOUR, linestyle=":", linewidth=0.7, zorder=0)
        name = "Krippendorff's alpha" if statistic == "alpha" else "Percent agreement"
        shown = f"{100 * agreement.confidence:g}% bootstrap interval"
        axes.set_xlabel(f"{name} [{shown}]" if agreement.resamples else name)
        right = axes.twinx()
        right.set_ylim(axes.get_ylim())
        right.set_yticks(range(len(rows)), [_figures(row, statistic) for row in rows])
        right.tick_params(axis="y", length=0)
        right.spines["right"].set_visible(False)
        right.spines["top"].set_visible(False)
        set_sizes(right)
    return figure


def _value(row: CodeAgreement, statistic: Statistic) -> float | None:
    return row.alpha if statistic == "alpha" else row.percent


def _interval(row: CodeAgreement, statistic: Statistic) -> tuple[float, float] | None:
    return row.alpha_interval if statistic == "alpha" else row.percent_interval


def _low(row: CodeAgreement, statistic: Statistic) -> float:
    interval = _interval(row, statistic)
    value = _value(row, statistic)
    candidates = [bound for bound in (*(interval or ()), value) if bound is not None]
    return min(candidates, default=0.0)


def _figures(row: CodeAgreement, statistic: Statistic) -> str:
    value = _value(row, statistic)
    if value is None:
        return "undefined"
    interval = _interval(row, statistic)
    bounds = "" if interval is None else f" [{interval[0]:.2f}, {interval[1]:.2f}]"
    return f"{value:.2f}{bounds}"


def _draw_row(ax: Axes, position: int, row: CodeAgreement, statistic: Statistic) -> None:
    value = _value(row, statistic)
    gid = f"agreement-{'all' if row.code is None else row.code}"
    if value is None:
        ax.text(
            0.0,
            position,
            "undefined: " + (row.undefined or ""),
            va="center",
            fontsize=6,
            color=_UNDEFINED,
        )
        return
    interval = _interval(row, statistic)
    if interval is not None:
        ax.plot(interval, (position, position), color=LINE_COLOUR, linewidth=1.0)
    marker = "D" if row.code is None else "o"
    point: Line2D = ax.plot(
        [value],
        [position],
        marker=marker,
        markersize=4.5 if row.code is None else 3.5,
        color=_POINT,
        linestyle="none",
    )[0]
    point.set_gid(gid)
