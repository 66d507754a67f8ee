"""Plots of a study for papers: the thematic map, heatmaps, saturation, agreement.

One function per plot, each taking the study (or an analysis result) first
and returning the :class:`matplotlib.figure.Figure` it drew in. Each takes an
optional ``ax`` to draw in instead of a new figure, labels everything with
labels rather than ids, colours groups with the colour-blind-safe Okabe-Ito
palette and counts with cividis, and is sized for a journal column by
default: 3.5 in wide (single column), or 7 in (double column) for the
thematic map, with 7 pt text. None calls ``pyplot.show()``: a new figure is
made without pyplot, on the Agg canvas, so nothing is left open.

Needs matplotlib, an optional extra: ``pip install 'peerlandscape[plot]'``;
importing this package works without it, and drawing raises
:class:`~peerlandscape.MissingDependencyError`, which names the extra.

Examples
--------
>>> import io
>>> import peerlandscape as pl
>>> from peerlandscape import plot
>>> figure = plot.thematic_map(pl.datasets.engdahl2025())
>>> figure.savefig(io.BytesIO(), format="svg")
"""

import typing as _typing

from peerlandscape import _public

__all__ = [
    "agreement_intervals",
    "cooccurrence_heatmap",
    "saturation_curve",
    "support_heatmap",
    "thematic_map",
    "thematic_map_svg",
]

if _typing.TYPE_CHECKING:
    # What type checkers and IDEs see of the names below, and what _public.lazy reads to load
    # each of them when first used.
    from peerlandscape.plot._agreement import agreement_intervals
    from peerlandscape.plot._cooccurrence import cooccurrence_heatmap
    from peerlandscape.plot._saturation import saturation_curve
    from peerlandscape.plot._support import support_heatmap
    from peerlandscape.plot._thematic_map import thematic_map, thematic_map_svg

if not _typing.TYPE_CHECKING:
    # Importing this package costs nothing and needs no matplotlib: each plot's module
    # imports it when the plot is first asked for, as the imports above name them.
    __getattr__, __dir__ = _public.lazy(__name__)

_public.publish(__name__)
