"""The counts nominal agreement needs, tallied once: from flat cells, or straight from a table.

Nominal alpha and percent agreement need only: the pairable values n, the
agreeing ordered pairs within units (each unit weighted 1 / (m_u - 1)), and
each value's count among the pairable values. A dense numeric table of a few
whole-number values (the usual coded data: 0/1 presence, category numbers) is
tallied value by value, row by row, without listing its cells first; anything
else goes through :func:`~peerlandscape.agreement._data.read_cells`.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape.agreement._data import PAIRABLE, read_cells
from peerlandscape.agreement._numpy import np
from peerlandscape.agreement._pairable import Pairable, pairable

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["NominalTally", "nominal_tally", "tally_of_pairable"]

# A table is tallied directly when its values are whole numbers spanning fewer than this.
_FEW_VALUES = 32


@attrs.frozen
class NominalTally:
    """What nominal agreement is computed from."""

    coders: int
    """Rows of the data."""
    units: int
    """Pairable units."""
    n: int
    """Pairable values."""
    agreements: float
    """Sum over pairable units of the agreeing ordered pairs, divided by m_u - 1."""
    counts: tuple[int, ...]
    """How often each distinct pairable value occurs among the pairable values."""
    first: Hashable
    """One of the pairable values (to name it when it is the only one)."""

    @property
    def chance(self) -> float:
        """Sum over values of n_c (n_c - 1): agreeing pairs of pairable values, any units."""
        return float(sum(count * (count - 1) for count in self.counts))


def nominal_tally(data: object) -> NominalTally:
    """Tally reliability data (rows are coders) for nominal agreement.

    Raises
    ------
    AgreementDataError
        If the data are malformed or no unit has values from two coders.
    """
    if isinstance(data, np.ndarray) and data.ndim == PAIRABLE and data.dtype.kind in "biuf":
        tally = _dense(data)
        if tally is not None:
            return tally
    cells = read_cells(data, level="nominal")
    return tally_of_pairable(pairable(cells), coders=cells.coders, values=cells.values)


def tally_of_pairable(
    found: Pairable, *, coders: int, values: tuple[Hashable, ...]
) -> NominalTally:
    """Tally the values of pairable units."""
    units = found.size.size
    same = np.zeros(units, dtype=np.float64)
    if found.counts.size <= _FEW_VALUES:
        for value in np.flatnonzero(found.counts):
            per_unit = np.bincount(found.unit[found.code == value], minlength=units)
            same += per_unit * (per_unit - 1.0)
    else:
        key = found.unit.astype(np.int64) * found.counts.size + found.code
        pairs, count = np.unique(key, return_counts=True)
        same = np.bincount(
            pairs // found.counts.size, weights=count * (count - 1.0), minlength=units
        ).astype(np.float64)
    present = found.counts[found.counts > 0]
    return NominalTally(
        coders=coders,
        units=int(units),
        n=int(found.unit.size),
        agreements=float((same / (found.size - 1.0)).sum()),
        counts=tuple(int(count) for count in present),
        first=values[int(found.code[0])],
    )


def _dense(table: npt.NDArray[Any]) -> NominalTally | None:
    # None when the table is not a few whole numbers or has no pairable unit: the flat reader
    # then handles it (and raises what needs raising).
    numbers = table.astype(np.float64, copy=False)
    given = ~np.isnan(numbers)
    if not given.any():
        return None
    low, high = float(np.nanmin(numbers)), float(np.nanmax(numbers))
    if not (np.isfinite(low) and np.isfinite(high)) or high - low >= _FEW_VALUES:
        return None
    with np.errstate(invalid="ignore"):
        shifted = numbers - low
        code = shifted.astype(np.int8)
    if not bool(((code == shifted) | ~given).all()):
        return None
    size = _per_unit(given)
    pairable = size >= PAIRABLE
    if not pairable.any():
        return None
    spread = np.where(pairable, size - 1.0, 1.0)
    agreements = 0.0
    counts: list[int] = []
    first: float | None = None
    for value in range(int(high - low) + 1):
        per_unit = _per_unit((code == value) & given)[pairable]
        count = int(per_unit.sum())
        if count:
            counts.append(count)
            first = low + value if first is None else first
            agreements += float((per_unit * (per_unit - 1.0) / spread[pairable]).sum())
    return NominalTally(
        coders=table.shape[0],
        units=int(pairable.sum()),
        n=int(size[pairable].sum()),
        agreements=agreements,
        counts=tuple(counts),
        first=first,
    )


def _per_unit(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    # Column sums, row by row: summing a few long rows is faster than numpy's axis-0 reduction.
    total = np.zeros(mask.shape[1], dtype=np.float64)
    for row in mask:
        total += row
    return total
