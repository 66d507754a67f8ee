"""Pairable values: those of units that at least two coders coded, the only ones compared."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from peerlandscape.agreement._data import PAIRABLE, Cells
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["Pairable", "pairable"]


@attrs.frozen(eq=False)
class Pairable:
    """The values of pairable units: those with values from at least two coders."""

    unit: npt.NDArray[np.intp]
    """For each pairable value, its unit (renumbered 0 .. units - 1)."""
    code: npt.NDArray[np.intp]
    """For each pairable value, its index among the distinct values of the data."""
    size: npt.NDArray[np.intp]
    """For each pairable unit, how many values it has (m_u >= 2)."""
    counts: npt.NDArray[np.intp]
    """For each distinct value of the data, how often it is among the pairable values."""


def pairable(cells: Cells) -> Pairable:
    """Keep the values of units that at least two coders coded, and count them.

    Raises
    ------
    AgreementDataError
        If no unit has two values: one coder, or every unit coded by one coder at most.
    """
    size = np.bincount(cells.unit, minlength=cells.units)
    keep = size[cells.unit] >= PAIRABLE
    if not keep.any():
        who = "one coder" if cells.coders == 1 else f"{cells.coders} coders"
        raise AgreementDataError(
            f"no unit has values from two coders ({who}, {cells.unit.size} values given in "
            f"{cells.units} units): there is nothing to compare",
            "no_pairable_values",
        )
    renumber = np.cumsum(size >= PAIRABLE) - 1
    unit = renumber[cells.unit[keep]].astype(np.intp)
    code = cells.code[keep]
    return Pairable(
        unit=unit,
        code=code,
        size=size[size >= PAIRABLE].astype(np.intp),
        counts=np.bincount(code, minlength=len(cells.values)).astype(np.intp),
    )
