"""Bootstrap intervals for presence/absence agreement: quotes resampled with replacement.

The units of a quote (one per code) are not independent of each other: the
same coders read the same words for every code. Resampling therefore draws
whole quotes, each with all its units (a cluster bootstrap), and takes the
percentile interval of the figures of the resamples in which they are defined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from peerlandscape.agreement._binary import binary_alpha, binary_percent
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Intervals", "quote_bootstrap"]

# Resamples drawn at once: bounds the weights matrix to this many rows of one float per quote.
_CHUNK = 64


@attrs.frozen(eq=False)
class Intervals:
    """Percentile intervals, one row per column of the sums: ``[low, high]``, NaN if undefined."""

    alpha: npt.NDArray[np.float64]
    percent: npt.NDArray[np.float64]


def quote_bootstrap(
    size: npt.NDArray[np.float64],
    present: npt.NDArray[np.float64],
    apart: npt.NDArray[np.float64],
    *,
    resamples: int,
    confidence: float,
    seed: int,
) -> Intervals:
    """Intervals of alpha and percent agreement for each column, quotes resampled.

    Parameters
    ----------
    size, present, apart
        For each pairable quote (rows) and column, the pairable values, the
        "present" values and the within-unit disagreement; a column is a code,
        or all codes together.
    resamples
        How many resamples to draw.
    confidence
        The coverage of the interval (0.95 for 95%).
    seed
        The seed of the generator: the same seed gives the same intervals.
    """
    rng = np.random.default_rng(seed)
    quotes = size.shape[0]
    alphas = np.empty((resamples, present.shape[1]), dtype=np.float64)
    percents = np.empty_like(alphas)
    uniform = np.full(quotes, 1.0 / quotes)
    for first in range(0, resamples, _CHUNK):
        count = min(_CHUNK, resamples - first)
        weights = rng.multinomial(quotes, uniform, size=count).astype(np.float64)
        n = weights @ size
        disagreement = weights @ apart
        alphas[first : first + count] = binary_alpha(n, weights @ present, disagreement)
        percents[first : first + count] = binary_percent(n, disagreement)
    tail = (1.0 - confidence) / 2.0
    return Intervals(alpha=_percentiles(alphas, tail), percent=_percentiles(percents, tail))


def _percentiles(values: npt.NDArray[np.float64], tail: float) -> npt.NDArray[np.float64]:
    bounds = np.full((values.shape[1], 2), np.nan)
    defined = ~np.isnan(values)
    for column in np.flatnonzero(defined.any(axis=0)):
        kept = values[defined[:, column], column]
        bounds[column] = np.quantile(kept, [tail, 1.0 - tail])
    return bounds
