"""Bootstrap intervals for presence/absence agreement: quotes resampled with replacement.

The units of a quote (one per code) are not independent of each other: the
same coders read the same words for every code. Resampling therefore draws
whole quotes, each with all its units (a cluster bootstrap), and takes the
percentile interval of the figures of the resamples in which they are defined.
Only the units some coder applied a code to carry "present" values or
disagreement, so each resample sums those alone, as weights of their quotes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from peerlandscape.agreement._binary import binary_alpha, binary_percent
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Applied", "Intervals", "quote_bootstrap"]

# Resamples drawn at once: bounds the work arrays to this many rows per quote or unit.
_CHUNK = 64


@attrs.frozen(eq=False)
class Applied:
    """The quote x code units some coder applied the code to, of the pairable quotes."""

    size: npt.NDArray[np.float64]
    """For each pairable quote, the values each of its units has (m_q)."""
    codes: int
    """How many codes each quote is crossed with."""
    quote: npt.NDArray[np.intp]
    """For each applied unit, its quote (an index into :attr:`size`)."""
    code: npt.NDArray[np.intp]
    """For each applied unit, its code."""
    present: npt.NDArray[np.float64]
    """For each applied unit, its "present" values."""
    apart: npt.NDArray[np.float64]
    """For each applied unit, its disagreement 2 a (m - a) / (m - 1)."""


@attrs.frozen(eq=False)
class Intervals:
    """Percentile intervals, one row per code and a last for all codes: ``[low, high]``, or NaN."""

    alpha: npt.NDArray[np.float64]
    percent: npt.NDArray[np.float64]


def quote_bootstrap(applied: Applied, *, resamples: int, confidence: float, seed: int) -> Intervals:
    """Return intervals of alpha and percent agreement, per code and overall, quotes resampled.

    Parameters
    ----------
    applied
        The pairable quotes and their applied units.
    resamples
        How many resamples to draw.
    confidence
        The coverage of the interval (0.95 for 95%).
    seed
        The seed of the generator: the same seed gives the same intervals.
    """
    rng = np.random.default_rng(seed)
    quotes, codes = applied.size.size, applied.codes
    order = np.argsort(applied.code, kind="stable")
    unit_quote, present, apart = applied.quote[order], applied.present[order], applied.apart[order]
    columns, starts = np.unique(applied.code[order], return_index=True)
    alphas = np.empty((resamples, codes + 1), dtype=np.float64)
    percents = np.empty_like(alphas)
    for first in range(0, resamples, _CHUNK):
        count = min(_CHUNK, resamples - first)
        # How often each quote is drawn, in each of `count` resamples of `quotes` draws.
        draws = rng.integers(0, quotes, size=(count, quotes))
        offset = (np.arange(count)[:, None] * quotes + draws).ravel()
        weights = np.bincount(offset, minlength=count * quotes).reshape(count, quotes)
        weights = weights.astype(np.float64)
        n = np.empty((count, codes + 1))
        n[:, :codes] = (weights @ applied.size)[:, None]
        n[:, codes] = n[:, 0] * codes
        ones = np.zeros((count, codes + 1))
        disagreement = np.zeros((count, codes + 1))
        if unit_quote.size:
            drawn = weights[:, unit_quote]
            ones[:, columns] = np.add.reduceat(drawn * present, starts, axis=1)
            disagreement[:, columns] = np.add.reduceat(drawn * apart, starts, axis=1)
        ones[:, codes] = ones[:, :codes].sum(axis=1)
        disagreement[:, codes] = disagreement[:, :codes].sum(axis=1)
        alphas[first : first + count] = binary_alpha(n, ones, disagreement)
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
