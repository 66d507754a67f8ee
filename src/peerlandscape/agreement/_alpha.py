"""Krippendorff's alpha for reliability data, at the nominal, ordinal, interval or ratio level.

alpha = 1 - D_o / D_e, where D_o is the disagreement observed between the
values coders gave the same unit and D_e the disagreement expected between
any two of the pairable values, whatever their unit (Krippendorff 2011,
"Computing Krippendorff's Alpha-Reliability"). Only units with values from at
least two coders are pairable. Each difference function is computed without
the values x values coincidence matrix where the level allows: nominal from
counts per unit, interval from sums of squares, ordinal as interval on the
values' mid-ranks (the ordinal difference between c and k is the square of
the distance between their mid-ranks among the pairable values), and only
ratio, whose difference has no such form, pair by pair.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.agreement._data import LEVELS, PAIRABLE, Level, read_cells
from peerlandscape.agreement._display import figure_html
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._nominal import NominalTally, nominal_tally, tally_of_pairable
from peerlandscape.agreement._numpy import np
from peerlandscape.agreement._pairable import Pairable, pairable

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["KrippendorffAlpha", "krippendorff_alpha"]

# Ratio disagreement is summed over pairs in blocks of about this many, to bound memory.
_BLOCK = 1 << 22


@attrs.frozen
class KrippendorffAlpha:
    """Krippendorff's alpha, with the disagreements and counts it was computed from.

    Attributes
    ----------
    value
        alpha = 1 - observed / expected disagreement: 1 is perfect agreement,
        0 agreement at chance, below 0 systematic disagreement.
    level
        The level of measurement (the difference function used).
    observed_disagreement
        D_o, the mean difference between values coders gave the same unit.
    expected_disagreement
        D_e, the mean difference between any two pairable values.
    coders
        Rows of the data.
    units
        Pairable units: those with values from at least two coders.
    pairable_values
        Values in pairable units (Krippendorff's n).
    values
        Distinct pairable values.
    """

    value: float
    level: Level
    observed_disagreement: float
    expected_disagreement: float
    coders: int
    units: int
    pairable_values: int
    values: int

    def __str__(self) -> str:
        return (
            f"Krippendorff's alpha ({self.level}) = {self.value:.3f}: {self.pairable_values} "
            f"pairable values in {self.units} units, {self.coders} coders"
        )

    def _repr_html_(self) -> str:
        return figure_html(str(self))


def krippendorff_alpha(
    reliability_data: object,
    level: Level = "nominal",
    *,
    values: Sequence[Hashable] | None = None,
) -> KrippendorffAlpha:
    """Return Krippendorff's alpha of reliability data: rows are coders, columns units.

    Parameters
    ----------
    reliability_data
        One row per coder, one column per unit: a sequence of rows, a 2-D
        numpy array or a pandas DataFrame. ``None`` or NaN marks a unit the
        coder did not code. Values are any hashable labels at the nominal
        level, sortable ones (or ``values``) at the ordinal level, and numbers
        at the interval and ratio levels (non-negative at the ratio level).
    level
        ``"nominal"``, ``"ordinal"``, ``"interval"`` or ``"ratio"``: how far apart two
        values are (equal or not; by how many values lie between them; by their squared
        difference; by their squared difference relative to their sum).
    values
        The possible values in order, for ordinal labels that do not sort
        themselves (``["never", "sometimes", "often"]``).

    Returns
    -------
    KrippendorffAlpha
        ``.value`` and what it was computed from.

    Raises
    ------
    AgreementDataError
        If the data are malformed, no unit has values from two coders
        (``problem == "no_pairable_values"``) or every pairable value is the same
        (``"no_variation"``: alpha is 0/0).
    InvalidOptionError
        If ``level`` is not one of the four.

    Examples
    --------
    Krippendorff's (2011) example: four observers, twelve units, missing values.

    >>> nan = None
    >>> data = [
    ...     [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...     [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...     [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...     [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ... ]
    >>> alpha = krippendorff_alpha(data, "nominal")
    >>> round(alpha.value, 3), alpha.units, alpha.pairable_values
    (0.743, 11, 40)
    >>> round(krippendorff_alpha(data, "interval").value, 3)
    0.849
    """
    if level not in LEVELS:
        raise InvalidOptionError(
            f"level must be one of {', '.join(map(repr, LEVELS))}, not {level!r}"
        )
    if level == "nominal" and values is None:
        return _nominal_alpha(nominal_tally(reliability_data))
    cells = read_cells(reliability_data, level=level, values=values)
    found = pairable(cells)
    if level == "nominal":
        return _nominal_alpha(tally_of_pairable(found, coders=cells.coders, values=cells.values))
    n = int(found.unit.size)
    if int(np.count_nonzero(found.counts)) < PAIRABLE:
        _no_variation(cells.values[int(found.code[0])])
    if level == "ratio":
        assert cells.numbers is not None  # read_cells gives numbers at the ratio level
        observed, expected = _ratio(found, _scaled(cells.numbers))
    else:
        scores = _mid_ranks(found.counts) if level == "ordinal" else cells.numbers
        assert scores is not None
        observed, expected = _interval(found, _scaled(scores))
    if expected == 0.0:  # distinct values that the difference function does not tell apart
        raise AgreementDataError(
            f"the pairable values do not differ at the {level} level: alpha is undefined (0/0)",
            "no_variation",
        )
    return KrippendorffAlpha(
        value=1.0 - observed / expected,
        level=level,
        observed_disagreement=observed,
        expected_disagreement=expected,
        coders=cells.coders,
        units=int(found.size.size),
        pairable_values=n,
        values=int(np.count_nonzero(found.counts)),
    )


def _nominal_alpha(tally: NominalTally) -> KrippendorffAlpha:
    if len(tally.counts) < PAIRABLE:
        _no_variation(tally.first)
    n = float(tally.n)
    observed = 1.0 - tally.agreements / n
    expected = 1.0 - tally.chance / (n * (n - 1.0))
    return KrippendorffAlpha(
        value=1.0 - observed / expected,
        level="nominal",
        observed_disagreement=observed,
        expected_disagreement=expected,
        coders=tally.coders,
        units=tally.units,
        pairable_values=tally.n,
        values=len(tally.counts),
    )


def _no_variation(only: object) -> NoReturn:
    raise AgreementDataError(
        f"every pairable value is {only!r}: with no variation, Krippendorff's alpha is "
        "undefined (0/0)",
        "no_variation",
    )


def _scaled(numbers: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    # Alpha does not change when every value is multiplied by the same number (D_o and D_e
    # scale alike), but squares of values near 1e154 overflow: compute on values within [-1, 1].
    top = float(np.abs(numbers).max()) if numbers.size else 0.0
    return numbers / top if top > 0 else numbers


def _interval(found: Pairable, scores: npt.NDArray[np.float64]) -> tuple[float, float]:
    # Sum over ordered pairs in a unit of (x_i - x_j)^2 = 2 m_u SS_u, SS_u taken about the
    # unit's own mean (no cancellation between large sums).
    n = float(found.unit.size)
    x = scores[found.code]
    units = found.size.size
    mean = np.bincount(found.unit, weights=x, minlength=units) / found.size
    deviation = x - mean[found.unit]
    squares = np.bincount(found.unit, weights=deviation * deviation, minlength=units)
    observed = float((2.0 * found.size * squares / (found.size - 1.0)).sum()) / n
    centred = x - x.mean()
    expected = 2.0 * float((centred * centred).sum()) / (n - 1.0)
    return observed, expected


def _mid_ranks(counts: npt.NDArray[np.intp]) -> npt.NDArray[np.float64]:
    # Krippendorff's ordinal difference of c < k is (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2,
    # which is (r_k - r_c)^2 for the mid-rank r_g = sum_{h<g} n_h + n_g / 2.
    n = counts.astype(np.float64)
    return np.cumsum(n) - n / 2.0


def _ratio_difference(
    a: npt.NDArray[np.float64], b: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    total = a + b
    # a + b is 0 only when a = b = 0 (ratio values are non-negative), where the difference is 0.
    safe = np.where(total == 0.0, 1.0, total)
    return np.square((a - b) / safe)


def _ratio(found: Pairable, numbers: npt.NDArray[np.float64]) -> tuple[float, float]:
    n = float(found.unit.size)
    x = numbers[found.code]
    order = np.argsort(found.unit, kind="stable")
    x = x[order]
    starts = np.concatenate(([0], np.cumsum(found.size)[:-1])).astype(np.intp)
    observed = 0.0
    for first, last in _blocks(found.size.astype(np.int64) ** 2):
        size = found.size[first:last]
        start = starts[first:last]
        # Every ordered pair of values within each unit of the block (a value with itself
        # too: its difference is 0).
        reps = np.repeat(size, size)
        left = np.repeat(np.arange(start[0], start[-1] + size[-1]), reps)
        offsets = np.arange(left.size) - np.repeat(np.cumsum(reps) - reps, reps)
        right = np.repeat(np.repeat(start, size), reps) + offsets
        weight = np.repeat(np.repeat(1.0 / (size - 1.0), size), reps)
        observed += float((_ratio_difference(x[left], x[right]) * weight).sum())
    present = np.flatnonzero(found.counts)
    value, count = numbers[present], found.counts[present].astype(np.float64)
    expected = 0.0
    for first, last in _blocks(np.full(value.size, value.size, dtype=np.int64)):
        block = _ratio_difference(value[first:last, None], value[None, :])
        expected += float((count[first:last, None] * count[None, :] * block).sum())
    return observed / n, expected / (n * (n - 1.0))


def _blocks(costs: npt.NDArray[np.int64]) -> Iterator[tuple[int, int]]:
    # Consecutive ranges whose costs add up to about _BLOCK (at least one item each).
    first = 0
    total = np.cumsum(costs)
    while first < costs.size:
        done = int(total[first - 1]) if first else 0
        last = int(np.searchsorted(total, done + _BLOCK, side="right"))
        last = max(last, first + 1)
        yield first, last
        first = last
