"""Reliability data: coders' values for units, read once into flat arrays of the values given.

Reliability data are a table with one row per coder and one column per unit
(Krippendorff's canonical form), a missing value where a coder did not code a
unit. Every statistic of the package reads it through :func:`read_cells`,
which keeps only the values given: for each, its unit and the index of its
value among the distinct values, ordered when the level of measurement needs
an order.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["LEVELS", "PAIRABLE", "Cells", "Level", "is_missing", "read_cells"]

Level = Literal["nominal", "ordinal", "interval", "ratio"]
"""The levels of measurement Krippendorff's alpha knows, each with its difference function."""

LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")

PAIRABLE = 2
"""The fewest values (coders) a unit needs to be compared: a pair."""

_TABLE = 2  # dimensions of reliability data: coders x units

# Integer-valued floats within this span are coded by offset, without sorting (O(n), not
# O(n log n)): the usual case of categories coded as small integers.
_DIRECT_SPAN = 1 << 20


@attrs.frozen(eq=False)
class Cells:
    """The values given in reliability data, one entry per value (missing values left out)."""

    coders: int
    """Rows of the data: the coders."""
    units: int
    """Columns of the data: the units."""
    unit: npt.NDArray[np.intp]
    """For each value, the column (unit) it was given to."""
    code: npt.NDArray[np.intp]
    """For each value, its index in :attr:`values`."""
    values: tuple[Hashable, ...]
    """The distinct values, in order when they have one (sorted, or as the caller listed them)."""
    numbers: npt.NDArray[np.float64] | None
    """The distinct values as numbers, where the level needs them (interval and ratio)."""


def is_missing(value: object) -> bool:
    """Whether a cell of reliability data is missing: ``None`` or a NaN."""
    if value is None:
        return True
    # NaN is the only value unequal to itself; a float-like object that is not a float
    # (numpy.float32, decimal) answers the same way.
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value != value  # noqa: PLR0124


def read_cells(data: object, *, level: Level, values: Sequence[Hashable] | None = None) -> Cells:
    """Read reliability data (rows are coders, columns units) into :class:`Cells`.

    Parameters
    ----------
    data
        A sequence of rows (lists or tuples), a 2-D numpy array or a pandas
        DataFrame; ``None`` or NaN marks a missing value.
    level
        The level of measurement: ``"interval"`` and ``"ratio"`` need numbers,
        ``"ordinal"`` values that can be sorted (or ``values``).
    values
        The possible values in order, for ordinal data whose values do not
        sort themselves (``["low", "mid", "high"]``); a value outside it is an error.

    Raises
    ------
    AgreementDataError
        If the rows are ragged or empty, or a value is not of the kind the level needs.
    """
    array = _as_array(data)
    if array is not None and array.dtype.kind in "biuf" and array.ndim == _TABLE:
        return _numeric_cells(array, level=level, values=values)
    rows = array.tolist() if array is not None else _rows(data)
    return _object_cells(rows, level=level, values=values)


def _as_array(data: object) -> npt.NDArray[Any] | None:
    if isinstance(data, np.ndarray):
        array: npt.NDArray[Any] = data
    elif hasattr(data, "to_numpy") and hasattr(data, "columns"):  # a pandas DataFrame
        array = np.asarray(data.to_numpy())
    else:
        return None
    if array.ndim != _TABLE:
        raise AgreementDataError(
            f"reliability data must be 2-D (coders x units), got an array of shape {array.shape}",
            "shape",
        )
    return array


def _rows(data: object) -> list[list[Any]]:
    if isinstance(data, str | bytes) or not isinstance(data, Iterable):
        raise AgreementDataError(
            f"reliability data must be rows of values (one row per coder), got {data!r}", "shape"
        )
    rows: list[list[Any]] = []
    for number, row in enumerate(data):
        if isinstance(row, str | bytes) or not isinstance(row, Iterable):
            raise AgreementDataError(
                f"row {number} of the reliability data is not a sequence of values: {row!r}",
                "shape",
            )
        rows.append(list(row))
    return rows


def _check_shape(coders: int, lengths: Iterable[int]) -> int:
    widths = sorted(set(lengths))
    if coders == 0 or not widths or widths == [0]:
        raise AgreementDataError("reliability data are empty: no coder or no unit", "shape")
    if len(widths) > 1:
        raise AgreementDataError(
            f"every row (coder) must have one value or a missing value per unit; the rows have "
            f"{', '.join(map(str, widths))} columns",
            "shape",
        )
    return widths[0]


def _numeric_cells(
    array: npt.NDArray[Any], *, level: Level, values: Sequence[Hashable] | None
) -> Cells:
    coders, units = array.shape
    _check_shape(coders, [units])
    numeric = array.astype(np.float64, copy=False)
    present = ~np.isnan(numeric)
    row, unit = np.nonzero(present)
    given = numeric[row, unit]
    if not np.isfinite(given).all():
        raise AgreementDataError("reliability data hold an infinite value", "value")
    if values is not None:
        distinct = np.unique(given)
        code = _codes_by_listed_order(distinct.tolist(), values)[np.searchsorted(distinct, given)]
        listed = tuple(values)
        numbers_ = _numbers(listed, level)
        return Cells(coders, units, unit.astype(np.intp), code, listed, numbers_)
    distinct, code = _distinct(given)
    found: tuple[Hashable, ...] = tuple(distinct.tolist())
    if level == "ratio" and distinct.size and distinct[0] < 0:
        _negative(distinct[0])
    return Cells(coders, units, unit.astype(np.intp), code, found, distinct)


def _distinct(
    given: npt.NDArray[np.float64],
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.intp]]:
    # Sorted distinct values and each value's index among them, as np.unique gives them,
    # without its sort when the values are integers in a modest span.
    if given.size:
        low, high = float(given.min()), float(given.max())
        if high - low < _DIRECT_SPAN and bool((given == np.floor(given)).all()):
            offset = (given - low).astype(np.intp)
            seen = np.bincount(offset, minlength=int(high - low) + 1) > 0
            rank = np.cumsum(seen) - 1
            return np.flatnonzero(seen).astype(np.float64) + low, rank[offset].astype(np.intp)
    distinct, code = np.unique(given, return_inverse=True)
    return distinct, code.astype(np.intp).reshape(-1)


def _object_cells(
    rows: list[list[Any]], *, level: Level, values: Sequence[Hashable] | None
) -> Cells:
    units = _check_shape(len(rows), (len(row) for row in rows))
    index: dict[Hashable, int] = {}
    unit_of: list[int] = []
    code_of: list[int] = []
    for number, row in enumerate(rows):
        for column, value in enumerate(row):
            if is_missing(value):
                continue
            try:
                first_seen = index.setdefault(value, len(index))
            except TypeError:
                raise AgreementDataError(
                    f"the value of coder {number} for unit {column} cannot be a category: "
                    f"{value!r} is not hashable",
                    "value",
                ) from None
            unit_of.append(column)
            code_of.append(first_seen)
    seen = list(index)
    order = _order(seen, level=level, values=values)
    listed = tuple(seen[i] for i in order) if values is None else tuple(values)
    position = (
        np.argsort(np.asarray(order, dtype=np.intp)).astype(np.intp)
        if values is None
        else _codes_by_listed_order(seen, values)
    )
    code = position[np.asarray(code_of, dtype=np.intp)] if code_of else np.zeros(0, np.intp)
    return Cells(
        len(rows),
        units,
        np.asarray(unit_of, dtype=np.intp),
        code.astype(np.intp),
        listed,
        _numbers(listed, level),
    )


def _order(seen: list[Hashable], *, level: Level, values: Sequence[Hashable] | None) -> list[int]:
    # The index of each distinct value in its order; first seen when it has none (nominal).
    positions = list(range(len(seen)))
    if values is not None:
        return positions
    if level in ("interval", "ratio"):
        _numbers(tuple(seen), level)  # raises on a value that is not a number
    try:
        ranked: list[Any] = seen  # sorting raises TypeError on values without an order
        return sorted(positions, key=lambda i: ranked[i])
    except TypeError:
        if level == "nominal":
            return positions
        raise AgreementDataError(
            f"{level} data need values that can be put in order, and these cannot "
            f"({', '.join(repr(v) for v in seen[:4])}, ...): list them in order as values=[...]",
            "value",
        ) from None


def _codes_by_listed_order(seen: Sequence[Hashable], values: Sequence[Hashable]) -> Any:
    rank = {value: position for position, value in enumerate(values)}
    if len(rank) != len(values):
        raise AgreementDataError("values=[...] lists a value twice", "value")
    unknown = [value for value in seen if value not in rank]
    if unknown:
        raise AgreementDataError(
            f"the data hold {unknown[0]!r}, which is not among values={list(values)!r}", "value"
        )
    return np.asarray([rank[value] for value in seen], dtype=np.intp)


def _numbers(values: tuple[Hashable, ...], level: Level) -> npt.NDArray[np.float64] | None:
    if level not in ("interval", "ratio"):
        return None
    for value in values:
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise AgreementDataError(
                f"{level} data need numbers; {value!r} is not a number", "value"
            )
        if not math.isfinite(value):
            raise AgreementDataError(f"{level} data need finite numbers, got {value!r}", "value")
        if level == "ratio" and value < 0:
            _negative(value)
    return np.asarray([float(value) for value in values], dtype=np.float64)  # type: ignore[arg-type]


def _negative(value: object) -> None:
    raise AgreementDataError(
        f"ratio data have an absolute zero and no negative values; got {value!r}", "value"
    )
