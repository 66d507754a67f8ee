"""Tables of counts, as Cohen's and Fleiss' kappa take them: checked and made numeric."""

from __future__ import annotations

import math
import numbers
from typing import TYPE_CHECKING

from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["count_table"]

# The largest count a float holds exactly; beyond it, counts are not counts (and squaring
# them, as the kappas do, could overflow).
_LARGEST = 2**53


def count_table(table: object, *, what: str) -> npt.NDArray[np.float64]:
    """Return ``table`` as a 2-D float array of non-negative counts.

    Raises
    ------
    AgreementDataError
        If it is not a rectangular table of finite non-negative numbers.
    """
    if isinstance(table, np.ndarray):
        rows = table.tolist()
    elif hasattr(table, "to_numpy") and hasattr(table, "columns"):  # a pandas DataFrame
        rows = table.to_numpy().tolist()
    else:
        rows = table
    if isinstance(rows, str | bytes) or not isinstance(rows, list | tuple):
        raise AgreementDataError(f"{what} must be rows of counts, got {table!r}", "shape")
    widths = set()
    for number, row in enumerate(rows):
        if isinstance(row, str | bytes) or not isinstance(row, list | tuple):
            raise AgreementDataError(
                f"row {number} of {what} is not a sequence of counts: {row!r}", "shape"
            )
        widths.add(len(row))
        for column, count in enumerate(row):
            if (
                isinstance(count, bool)
                or not isinstance(count, numbers.Real)
                or not math.isfinite(count)
                or not 0 <= float(count) <= _LARGEST
            ):
                raise AgreementDataError(
                    f"{what} holds {count!r} in row {number}, column {column}: counts are "
                    "numbers from 0 to 2**53",
                    "value",
                )
    if not rows or widths == {0}:
        raise AgreementDataError(f"{what} is empty", "shape")
    if len(widths) > 1:
        raise AgreementDataError(f"the rows of {what} differ in length", "shape")
    return np.asarray(rows, dtype=np.float64)
