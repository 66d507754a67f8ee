"""Alpha and percent agreement of presence/absence data, from three sums that resampling can add.

For binary values, Krippendorff's nominal alpha needs only, over the pairable
units: the number of values n, the number of "present" values n_1, and the
summed within-unit disagreement sum_u 2 a_u (m_u - a_u) / (m_u - 1), where a
unit has m_u values of which a_u are "present". Then
alpha = 1 - (n - 1) * disagreement / (2 n_1 (n - n_1)) and percent agreement
is 1 - disagreement / n. Sums of units resampled with replacement give the
same figures for each resample, which is what makes the bootstrap cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape.agreement._data import PAIRABLE
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["binary_alpha", "binary_percent", "unit_disagreement"]


def unit_disagreement(
    size: npt.NDArray[np.float64], present: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Return each unit's disagreement 2 a (m - a) / (m - 1); 0 for a unit with one value."""
    pairable = size >= PAIRABLE
    spread = np.where(pairable, size - 1.0, 1.0)
    return np.where(pairable, 2.0 * present * (size - present) / spread, 0.0)


def binary_alpha(
    n: npt.NDArray[np.float64], present: npt.NDArray[np.float64], apart: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Alpha from the three sums; NaN where it is undefined (no variation, or n < 2)."""
    chance = 2.0 * present * (n - present)
    defined = (chance > 0) & (n >= PAIRABLE)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(defined, 1.0 - (n - 1.0) * apart / np.where(defined, chance, 1.0), np.nan)


def binary_percent(
    n: npt.NDArray[np.float64], apart: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Percent agreement from the sums; NaN where there is no pairable value."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, 1.0 - apart / np.where(n > 0, n, 1.0), np.nan)
