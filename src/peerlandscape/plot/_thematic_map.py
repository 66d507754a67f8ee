"""The thematic map: overarching theme, themes and sub-themes, each sub-theme's support by group.

The map reads left to right as the framework does: the overarching theme,
its themes, their sub-themes. Beside each sub-theme a bar is as long as the
number of quotes (or participants) that support it, split into the share of
each stakeholder group, so that size and voice show at one glance. The counts
are those of :func:`~peerlandscape.queries.support_matrix`: a quote belongs
to its speaker's group, and quotes of unknown speaker form a grey share of
their own. What a study's text *states* about who voiced a sub-theme
(``Study.attributions``) is not counted: :func:`~peerlandscape.queries.voicing`
compares the two.
"""

from __future__ import annotations

import io
from typing import Any, Literal

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study, SubTheme, Theme
from peerlandscape.plot._matplotlib import (
    Artist,
    Axes,
    FancyBboxPatch,
    Figure,
    FigureCanvasAgg,
    Line2D,
    Patch,
    Rectangle,
    rc_context,
)
from peerlandscape.plot._style import (
    DOUBLE_COLUMN,
    FONT_SIZE,
    LINE_COLOUR,
    SMALL_FONT,
    figure_of,
    group_colours,
    group_label,
    style,
    wrap,
)
from peerlandscape.queries import SupportMatrix, support_matrix, voicing
from peerlandscape.queries._arguments import choice

__all__ = ["thematic_map", "thematic_map_svg"]

Unit = Literal["quotes", "participants"]

_CHAR = 0.052
"""Inches per character of 7 pt sans-serif text: measured 0.049 for mixed-case labels."""
_LINE = FONT_SIZE * 1.25 / 72
"""Inches per line of 7 pt text."""
_GAP = 0.2
"""Inches between columns, where the connectors run."""
_HEADER = 0.26
_LEGEND_ROW = 0.15
"""Inches per row of the legend."""
_CREDITED = "Credited in the text"
_BLOCK_GAP = 0.1
_BAR_HEIGHT = 0.15
_MIN_WIDTH = 4.0
"""The narrowest map, in inches, whose columns still hold a few words a line."""
_COUNT_ROOM = 0.28
"""Inches kept right of the longest bar for its count."""
_DOT_STEP = 0.1
"""Inches between the dots of the groups a sub-theme is credited to."""
_BOX_FILL = {"overarching": "#D9D9D9", "theme": "#EFEFEF"}


@attrs.frozen
class _Row:
    subtheme: SubTheme
    text: str
    top: float
    height: float

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


@attrs.frozen
class _Block:
    theme: Theme
    text: str
    top: float
    height: float
    rows: tuple[_Row, ...]


@attrs.frozen
class _Layout:
    width: float
    height: float
    overarching: tuple[float, str] | None  # box width, wrapped label
    theme_x: float
    theme_width: float
    subtheme_x: float
    bar_x: float
    bar_width: float
    blocks: tuple[_Block, ...]


def thematic_map(
    study: Study,
    *,
    unit: Unit = "quotes",
    stated: bool = False,
    width: float = DOUBLE_COLUMN,
    ax: Axes | None = None,
) -> Figure:
    """Draw the thematic map: overarching theme > themes > sub-themes, sized and coloured by group.

    Each sub-theme has a bar as long as the quotes (``unit="quotes"``) or
    participants (``unit="participants"``) that support it, divided into the
    shares of the stakeholder groups (Okabe-Ito colours, in study order; grey
    for quotes whose speaker is unknown), with the total at its end. The
    counts are :func:`~peerlandscape.queries.support_matrix`'s: a quote counts
    for the group of the participant who said it, once per sub-theme.

    Parameters
    ----------
    study
        The study; it needs at least one sub-theme.
    unit
        What sizes and splits the bars: ``"quotes"`` (the default) or
        ``"participants"`` (those with a quote there; unknown speakers are
        not counted).
    stated
        Also mark, with a dot in each group's colour right of the counts, the
        groups the study's text credits with each sub-theme
        (``Study.attributions``), which can be more than the quotes show: see
        :func:`~peerlandscape.queries.voicing`.
    width
        The width of a new figure in inches: by default a journal's double
        column, 7 in; its height follows from the framework (about 5 in for
        twelve sub-themes). Text is 7 pt and labels wrap to fit.
    ax
        Axes to draw in, instead of a new figure; the map is scaled to fit
        them, its text is not.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn in. Each bar segment has the gid
        ``"support-<sub-theme id>-<group id>"`` (``unknown`` for no group),
        which SVG output keeps as its ``id``; with ``stated=True``, each dot
        the gid ``"credited-<sub-theme id>-<group id>"``.

    Raises
    ------
    InvalidOptionError
        If ``unit`` is not one of its choices, ``width`` is under 4 in, or the
        study has no sub-themes.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> figure = plot.thematic_map(pl.datasets.engdahl2025())
    >>> [f"{size:.1f} in" for size in figure.get_size_inches()]
    ['7.0 in', '3.7 in']
    >>> import io
    >>> figure.savefig(io.BytesIO(), format="png", dpi=300)
    """
    choice("unit", unit, ("quotes", "participants"))
    if not width >= _MIN_WIDTH:
        raise InvalidOptionError(
            f"width must be at least {_MIN_WIDTH:g} inches for the map, not {width!r}"
        )
    if not study.subthemes:
        raise InvalidOptionError(
            f"study {study.id!r} has no sub-themes: the thematic map draws the framework "
            "of overarching theme, themes and sub-themes"
        )
    matrix = support_matrix(study, unit=unit, level="subtheme")
    keyed = [group_label(study, group) for group in matrix.groups]
    if stated and study.groups and study.attributions:
        keyed.append(_CREDITED)
    legend = _legend_rows(keyed, width) * _LEGEND_ROW + 0.1 if keyed else 0.05
    layout = _layout(study, width, legend)
    with style():
        if ax is None:
            figure = Figure(figsize=(layout.width, layout.height))
            FigureCanvasAgg(figure)
            ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
        else:
            figure = figure_of(ax)
            ax.set_aspect("equal", adjustable="box")
        ax.set_xlim(0, layout.width)
        ax.set_ylim(layout.height, 0)  # top to bottom, as the framework is read
        ax.set_axis_off()
        _draw_framework(ax, layout)
        _draw_support(ax, study, layout, matrix, stated=stated)
    return figure


def thematic_map_svg(
    study: Study, *, unit: Unit = "quotes", stated: bool = False, width: float = DOUBLE_COLUMN
) -> str:
    """Return the thematic map as SVG text, to inline in HTML or save as a file.

    The SVG is self-contained: text is drawn as paths (no font needed, no
    external reference), it carries no date, and it starts at ``<svg`` (no
    XML declaration), so it can be put into an HTML page as it is.
    The same study gives the same text.

    Parameters
    ----------
    study, unit, stated, width
        As for :func:`thematic_map`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape import plot
    >>> svg = plot.thematic_map_svg(pl.datasets.engdahl2025())
    >>> svg.startswith("<svg"), 'id="support-mitigating-peer-drifting-peer_support_worker"' in svg
    (True, True)
    """
    figure = thematic_map(study, unit=unit, stated=stated, width=width)
    buffer = io.StringIO()
    # Paths for text, and a fixed salt so that the ids of clip paths repeat from run to run.
    with rc_context({"svg.fonttype": "path", "svg.hashsalt": "peerlandscape"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def _layout(study: Study, width: float, legend: float) -> _Layout:
    overarching = study.overarching_theme
    box = 0.0
    label = ""
    if overarching is not None:
        box = 0.44  # two lines of rotated text; widened below if the label needs more
    layout = _place(study, width, box, label, legend)
    if overarching is not None:
        inner = layout.height - _HEADER - legend
        label = wrap(overarching.label, int(inner / _CHAR))
        lines = label.count("\n") + 1
        layout = _place(study, width, max(box, 0.2 + lines * _LINE), label, legend)
    return layout


def _place(study: Study, width: float, box: float, label: str, legend: float) -> _Layout:
    left = box + _GAP if box else 0.0
    rest = width - left
    theme_width = 0.24 * rest
    subtheme_x = left + theme_width + _GAP
    subtheme_width = 0.39 * rest
    bar_x = subtheme_x + subtheme_width + 0.08
    theme_chars = int((theme_width - 0.12) / _CHAR)
    subtheme_chars = int(subtheme_width / _CHAR)
    by_theme: dict[str, list[SubTheme]] = {theme.id: [] for theme in study.themes}
    for subtheme in study.subthemes:
        by_theme[subtheme.theme].append(subtheme)
    blocks: list[_Block] = []
    top = _HEADER
    for theme in study.themes:
        theme_text = wrap(theme.label, theme_chars)
        texts = [wrap(s.label, subtheme_chars) for s in by_theme[theme.id]]
        heights = [(t.count("\n") + 1) * _LINE + 0.1 for t in texts]
        needed = (theme_text.count("\n") + 1) * _LINE + 0.16
        block = max(sum(heights), needed, 0.3)
        extra = (block - sum(heights)) / len(heights) if heights else 0.0
        rows: list[_Row] = []
        row_top = top
        for subtheme, text, height in zip(by_theme[theme.id], texts, heights, strict=True):
            rows.append(_Row(subtheme, text, row_top, height + extra))
            row_top += height + extra
        blocks.append(_Block(theme, theme_text, top, block, tuple(rows)))
        top += block + _BLOCK_GAP
    height = top - _BLOCK_GAP + legend
    return _Layout(
        width=width,
        height=height,
        overarching=(box, label) if box else None,
        theme_x=left,
        theme_width=theme_width,
        subtheme_x=subtheme_x,
        bar_x=bar_x,
        bar_width=width - bar_x - _COUNT_ROOM,
        blocks=tuple(blocks),
    )


def _draw_framework(ax: Axes, layout: _Layout) -> None:
    def box(corner: tuple[float, float], size: tuple[float, float], fill: str, gid: str) -> None:
        patch = FancyBboxPatch(
            corner,
            *size,
            boxstyle="round,pad=0,rounding_size=0.05",
            facecolor=fill,
            edgecolor=LINE_COLOUR,
            linewidth=0.6,
        )
        patch.set_gid(gid)
        ax.add_patch(patch)

    first = layout.blocks[0].top
    last = layout.blocks[-1].top + layout.blocks[-1].height
    line: dict[str, Any] = {"color": LINE_COLOUR, "linewidth": 0.6, "solid_capstyle": "butt"}
    ax.text(layout.theme_x, _HEADER / 2, "Themes", fontweight="bold", va="center")
    ax.text(layout.subtheme_x, _HEADER / 2, "Sub-themes", fontweight="bold", va="center")
    if layout.overarching is not None:
        width, label = layout.overarching
        box((0.0, first), (width, last - first), _BOX_FILL["overarching"], "overarching-theme")
        ax.text(width / 2, (first + last) / 2, label, rotation=90, ha="center", va="center")
        for block in layout.blocks:
            middle = block.top + block.height / 2
            ax.plot([width, layout.theme_x], [middle, middle], **line)
    for block in layout.blocks:
        inset = 0.03
        box(
            (layout.theme_x, block.top + inset),
            (layout.theme_width, block.height - 2 * inset),
            _BOX_FILL["theme"],
            f"theme-{block.theme.id}",
        )
        ax.text(
            layout.theme_x + layout.theme_width / 2,
            block.top + block.height / 2,
            block.text,
            ha="center",
            va="center",
            multialignment="center",
        )
        for row in block.rows:
            ax.plot(
                [layout.theme_x + layout.theme_width, layout.subtheme_x - 0.05],
                [row.middle, row.middle],
                **line,
            )
            text = ax.text(layout.subtheme_x, row.middle, row.text, va="center")
            text.set_gid(f"subtheme-{row.subtheme.id}")


def _draw_support(
    ax: Axes, study: Study, layout: _Layout, matrix: SupportMatrix, *, stated: bool
) -> None:
    unit = matrix.unit
    colours = group_colours(study)
    totals = {c: sum(matrix.get(g, c) for g in matrix.groups) for c in matrix.columns}
    credited = _draw_credited(ax, study, layout) if stated else 0.0
    scale = (layout.bar_width - credited) / max(max(totals.values(), default=0), 1)
    # Bold text is wider: two lines in a narrow map, which the header row has room for.
    room = layout.width - layout.bar_x - credited
    chars = int(room / (1.15 * _CHAR))
    heading = f"{unit.capitalize()}, by stakeholder group"
    if len(heading) > chars:
        heading = wrap(f"{unit.capitalize()} by group", chars)
    ax.text(layout.bar_x, _HEADER / 2, heading, fontweight="bold", va="center", linespacing=1.0)
    for block in layout.blocks:
        for row in block.rows:
            subtheme = row.subtheme.id
            x = layout.bar_x
            bar = min(_BAR_HEIGHT, 0.7 * row.height)
            for group in matrix.groups:
                count = matrix.get(group, subtheme)
                if not count:
                    continue
                segment = Rectangle(
                    (x, row.middle - bar / 2),
                    count * scale,
                    bar,
                    facecolor=colours[group],
                    edgecolor="white",
                    linewidth=0.5,
                )
                segment.set_gid(f"support-{subtheme}-{group or 'unknown'}")
                ax.add_patch(segment)
                x += count * scale
            ax.text(x + 0.05, row.middle, str(totals[subtheme]), va="center", fontsize=SMALL_FONT)
    handles: list[Artist] = [
        Patch(facecolor=colours[group], edgecolor="none", label=group_label(study, group))
        for group in matrix.groups
    ]
    labels = [group_label(study, group) for group in matrix.groups]
    if credited:
        label = _CREDITED
        handles.append(
            Line2D([], [], marker="o", markersize=4, color=LINE_COLOUR, ls="none", label=label)
        )
        labels.append(label)
    if not handles:
        return  # no group, and no quote of unknown speaker: nothing to key
    columns = _legend_columns(labels, layout.width)
    ax.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.0),
        ncol=columns,
        handlelength=1.2,
        handleheight=0.9,
        columnspacing=1.4,
        borderaxespad=0.3,
    )


def _draw_credited(ax: Axes, study: Study, layout: _Layout) -> float:
    """Draw, right of the counts, a dot for each group the study's text credits; return its width.

    One slot per group in study order, so that a group's dots line up down the map.
    """
    slots = len(study.groups)
    if not slots or not study.attributions:
        return 0.0  # nothing credited: no column, no key
    room = _DOT_STEP * slots + 0.12
    left = layout.width - room + 0.06
    colours = group_colours(study)
    ax.text(left + (slots - 1) * _DOT_STEP / 2, _HEADER / 2, "Text", ha="center", va="center")
    named = {v.subtheme: v.stated for v in voicing(study)}
    place = {group.id: number for number, group in enumerate(study.groups)}
    for block in layout.blocks:
        for row in block.rows:
            for group in sorted(named[row.subtheme.id], key=place.__getitem__):
                (dot,) = ax.plot(
                    [left + place[group] * _DOT_STEP],
                    [row.middle],
                    marker="o",
                    markersize=4,
                    color=colours[group],
                    linestyle="none",
                )
                dot.set_gid(f"credited-{row.subtheme.id}-{group}")
    return room


def _legend_rows(labels: list[str], width: float) -> int:
    """Return how many rows the legend of ``labels`` takes in a map ``width`` inches wide."""
    return -(-len(labels) // _legend_columns(labels, width))


def _legend_columns(labels: list[str], width: float) -> int:
    """Return the most legend columns whose entries fit ``width`` inches side by side."""
    entries = [len(label) * _CHAR * SMALL_FONT / FONT_SIZE + 0.45 for label in labels]
    for columns in range(len(entries), 1, -1):
        rows = -(-len(entries) // columns)
        # matplotlib fills a legend column by column: each column is as wide as its widest.
        spans = [max(entries[start : start + rows]) for start in range(0, len(entries), rows)]
        if sum(spans) <= width - 0.2:
            return columns
    return 1
