"""matplotlib, which every plot draws with, or the error naming the ``plot`` extra.

Every plot module imports matplotlib from here, and the package loads those
modules only when a plot is first asked for: ``import peerlandscape.plot``
works without matplotlib, and drawing raises
:class:`~peerlandscape.MissingDependencyError` naming the extra. Figures are
made as :class:`~matplotlib.figure.Figure` on the Agg canvas, never through
pyplot, so no backend is chosen and no figure is registered anywhere.
"""

from __future__ import annotations

from peerlandscape._optional import require

require("matplotlib", extra="plot", needed_for="drawing plots")

# Below the check, so that a missing matplotlib is reported by require, naming the extra.
import numpy as np  # noqa: E402  # matplotlib's own dependency
from matplotlib import colormaps, rc_context  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import Colormap, Normalize, to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import FancyBboxPatch, Patch, Rectangle  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

__all__ = [
    "Artist",
    "Axes",
    "Colormap",
    "FancyBboxPatch",
    "Figure",
    "FigureCanvasAgg",
    "Line2D",
    "MaxNLocator",
    "Normalize",
    "Patch",
    "Rectangle",
    "colormaps",
    "np",
    "rc_context",
    "to_rgb",
]
