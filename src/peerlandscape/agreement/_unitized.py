"""Krippendorff's unitized alpha: agreement on where units lie on a continuum, and their category.

Each coder cuts a continuum (the characters of a text, the seconds of a
recording) into units of some category and the gaps between them. For each
category, the observed disagreement sums, over pairs of coders and over
pairs of their overlapping sections, the squared differences of where the
sections begin and end (two units), or the squared length of a unit that lies
within the other coder's gap; the expected disagreement is that of units and
gaps placed at every possible position (Krippendorff 2004, *Content Analysis*,
2nd ed., section 12.4). Krippendorff, Mathet, Bouvry and Widlöcher (2016)
later revised the coefficient for more than two coders; this is the 2004 one.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Hashable, Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from peerlandscape.agreement._data import PAIRABLE
from peerlandscape.agreement._display import figure_html
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["CategoryAlpha", "UnitizedAlpha", "unitized_alpha", "unitized_parts"]

Unit = tuple[int, int, Hashable, Hashable]
"""A coder's unit: ``(begin, length, coder, category)``."""

_UNIT_FIELDS = 4
# Positions are held as 64-bit integers and their cubes as floats: beyond this they would not be
# exact.
_FARTHEST = 2**53


@attrs.frozen
class CategoryAlpha:
    """Unitized alpha of one category: how far the coders agree on where its units lie.

    Attributes
    ----------
    category
        The category.
    value
        1 - observed / expected disagreement, or ``None`` when the expected
        disagreement is 0 (alpha is 0/0).
    observed_disagreement
        Krippendorff's cuD_o for this category.
    expected_disagreement
        Krippendorff's cuD_e for this category.
    units
        Units of this category, all coders together.
    """

    category: Hashable
    value: float | None
    observed_disagreement: float
    expected_disagreement: float
    units: int


@attrs.frozen
class UnitizedAlpha:
    """Krippendorff's unitized alpha, overall and for each category.

    Attributes
    ----------
    value
        1 - the sum over categories of the observed disagreement / the sum of the expected.
    observed_disagreement
        uD_o, summed over categories.
    expected_disagreement
        uD_e, summed over categories.
    coders
        The coders compared (m).
    units
        Units, all coders and categories together.
    begin
        Where the continuum begins.
    length
        Its length (L).
    categories
        Each category's figures, in the order the categories were first seen.
    """

    value: float
    observed_disagreement: float
    expected_disagreement: float
    coders: tuple[Hashable, ...]
    units: int
    begin: int
    length: int
    categories: tuple[CategoryAlpha, ...]

    def __str__(self) -> str:
        lines = [
            f"Unitized alpha = {self.value:.3f}: {self.units} units by {len(self.coders)} "
            f"coders on a continuum of {self.length}"
        ]
        for category in self.categories:
            shown = "undefined" if category.value is None else f"{category.value:.3f}"
            lines.append(f"  {category.category}: {shown} ({category.units} units)")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        return figure_html(str(self))


def unitized_alpha(
    units: Iterable[Unit],
    *,
    begin: int = 0,
    length: int,
    coders: Sequence[Hashable] | None = None,
) -> UnitizedAlpha:
    """Return Krippendorff's unitized alpha of coders' units on a continuum.

    Parameters
    ----------
    units
        Each unit as ``(begin, length, coder, category)``, in whole positions
        (characters, seconds). One coder's units of one category must not
        overlap; units of different categories may.
    begin
        Where the continuum begins.
    length
        The length of the continuum, ``L``: every unit lies within ``[begin, begin + length)``.
    coders
        Every coder compared, including any who marked no unit; by default the
        coders the units name, in the order first named.

    Returns
    -------
    UnitizedAlpha
        ``.value`` and each category's figures.

    Raises
    ------
    AgreementDataError
        If a unit lies outside the continuum (``problem == "outside"``), one coder's
        units of a category overlap (``"overlap"``), fewer than two coders are
        compared (``"too_few_coders"``), there is no unit, or the expected
        disagreement is 0 (``"no_variation"``).

    Examples
    --------
    Krippendorff's (2004, p. 254) example: two coders, categories c and k,
    on a continuum of 300 positions beginning at 150.

    >>> units = [
    ...     (225, 70, "i", "c"), (370, 30, "i", "c"),
    ...     (220, 80, "j", "c"), (355, 20, "j", "c"), (400, 20, "j", "c"),
    ...     (180, 60, "i", "k"), (300, 50, "i", "k"),
    ...     (180, 60, "j", "k"), (300, 50, "j", "k"),
    ... ]
    >>> alpha = unitized_alpha(units, begin=150, length=300)
    >>> round(alpha.value, 3)
    0.859
    >>> [(c.category, round(c.value, 4)) for c in alpha.categories]
    [('c', 0.7286), ('k', 1.0)]
    """
    for name, value, least in (("begin", begin, -_FARTHEST), ("length", length, 1)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise AgreementDataError(f"{name} must be a whole number, not {value!r}", "value")
        if not least <= value <= _FARTHEST:
            raise AgreementDataError(
                f"{name} must be from {least} to 2**53, not {value!r}", "outside"
            )
    listed = [_checked(unit, number, begin, length) for number, unit in enumerate(units)]
    named = list(dict.fromkeys(unit[2] for unit in listed))
    if coders is None:
        compared = named
    else:
        compared = list(dict.fromkeys(coders))
        unknown = [coder for coder in named if coder not in compared]
        if unknown:
            raise AgreementDataError(
                f"a unit is by {unknown[0]!r}, who is not among coders={list(coders)!r}",
                "value",
            )
    return unitized_parts(listed, begin=begin, length=length, coders=compared)


def unitized_parts(
    units: Sequence[Unit],
    *,
    begin: int,
    length: int,
    coders: Sequence[Hashable],
    breaks: Sequence[int] = (),
) -> UnitizedAlpha:
    """Compute unitized alpha of checked units, gaps also cut at ``breaks``.

    A break is a boundary every coder shares, such as the end of one source
    text and the start of the next when several are laid end to end: no gap
    runs across it.
    """
    if len(coders) < PAIRABLE:
        raise AgreementDataError(
            f"unitized alpha compares two or more coders; {len(coders)} given "
            f"({', '.join(map(repr, coders))})",
            "too_few_coders",
        )
    if not units:
        raise AgreementDataError("there is no unit to compare", "no_pairable_values")
    by_category: dict[Hashable, dict[Hashable, list[tuple[int, int]]]] = {}
    for start, size, coder, category in units:
        by_category.setdefault(category, {}).setdefault(coder, []).append((start, size))
    cuts = np.asarray(sorted({b for b in breaks if begin < b < begin + length}), dtype=np.int64)
    figures = [
        _category(category, coded, coders=coders, begin=begin, length=length, cuts=cuts)
        for category, coded in by_category.items()
    ]
    observed = sum(f.observed_disagreement for f in figures)
    expected = sum(f.expected_disagreement for f in figures)
    if expected == 0.0:
        raise AgreementDataError(
            "the expected disagreement is 0 (every unit spans single positions with no gap to "
            "fall into): unitized alpha is undefined (0/0)",
            "no_variation",
        )
    return UnitizedAlpha(
        value=1.0 - observed / expected,
        observed_disagreement=observed,
        expected_disagreement=expected,
        coders=tuple(coders),
        units=len(units),
        begin=begin,
        length=length,
        categories=tuple(figures),
    )


def _checked(unit: object, number: int, begin: int, length: int) -> Unit:
    if not isinstance(unit, tuple | list) or len(unit) != _UNIT_FIELDS:
        raise AgreementDataError(
            f"unit {number} must be (begin, length, coder, category), got {unit!r}", "shape"
        )
    start, size, coder, category = unit
    for name, value in (("begin", start), ("length", size)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise AgreementDataError(
                f"unit {number} has {name} {value!r}: positions are whole numbers", "value"
            )
    if size < 1:
        raise AgreementDataError(f"unit {number} has length {size}: units are >= 1 long", "value")
    if start < begin or start + size > begin + length:
        raise AgreementDataError(
            f"unit {number} [{start}, {start + size}) lies outside the continuum "
            f"[{begin}, {begin + length})",
            "outside",
        )
    try:
        hash((coder, category))
    except TypeError:
        raise AgreementDataError(
            f"unit {number} has a coder or category that cannot be a label: {(coder, category)!r}",
            "value",
        ) from None
    return int(start), int(size), coder, category


@attrs.frozen(eq=False)
class _Sections:
    # One coder's partition of the continuum for one category: units and the gaps between.
    begin: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    valued: npt.NDArray[np.bool_]


def _sections(
    spans: list[tuple[int, int]], *, begin: int, end: int, cuts: npt.NDArray[np.int64]
) -> _Sections:
    ordered = sorted(spans)
    for (a, la), (b, _) in itertools.pairwise(ordered):
        if b < a + la:
            raise AgreementDataError(
                f"one coder's units of one category overlap: [{a}, {a + la}) and [{b}, ...); "
                "merge them, or give them different categories",
                "overlap",
            )
    starts = np.asarray([a for a, _ in ordered], dtype=np.int64)
    ends = starts + np.asarray([la for _, la in ordered], dtype=np.int64)
    # Every boundary of a unit or a cut, in order; each stretch between two is a unit or a gap.
    edges = np.unique(np.concatenate(([begin, end], starts, ends, cuts)))
    lows = edges[:-1]
    valued = np.zeros(lows.size, dtype=np.bool_)
    valued[np.searchsorted(lows, starts)] = True
    # Units are kept whole: a cut or another boundary inside a unit does not split it.
    inside = np.zeros(lows.size, dtype=np.bool_)
    if starts.size:
        owner = np.searchsorted(starts, lows, side="right") - 1
        inside = (owner >= 0) & (lows < ends[np.maximum(owner, 0)]) & ~valued
    keep = ~inside
    section_begin = lows[keep]
    section_valued = valued[keep]
    section_end = np.append(section_begin[1:], end)
    return _Sections(section_begin, section_end, section_valued)


def _category(
    category: Hashable,
    coded: dict[Hashable, list[tuple[int, int]]],
    *,
    coders: Sequence[Hashable],
    begin: int,
    length: int,
    cuts: npt.NDArray[np.int64],
) -> CategoryAlpha:
    end = begin + length
    sections = [
        _sections(coded.get(coder, []), begin=begin, end=end, cuts=cuts) for coder in coders
    ]
    m = len(coders)
    summed = 0.0
    for first in range(m):
        for second in range(first + 1, m):
            summed += _pair_disagreement(sections[first], sections[second])
    observed = 2.0 * summed / (m * (m - 1) * float(length) ** 2)
    unit_lengths = np.concatenate([(s.end - s.begin)[s.valued] for s in sections]).astype(
        np.float64
    )
    gap_lengths = np.sort(
        np.concatenate([(s.end - s.begin)[~s.valued] for s in sections]).astype(np.float64)
    )
    expected = _expected(unit_lengths, gap_lengths, m=m, length=length)
    return CategoryAlpha(
        category=category,
        value=None if expected == 0.0 else 1.0 - observed / expected,
        observed_disagreement=observed,
        expected_disagreement=expected,
        units=int(unit_lengths.size),
    )


def _pair_disagreement(one: _Sections, other: _Sections) -> float:
    # Pairs of overlapping sections, one of each coder: the stretches of the common refinement
    # of the two partitions, each naming the section of each coder it lies in.
    lows = np.union1d(one.begin, other.begin)
    a = np.searchsorted(one.begin, lows, side="right") - 1
    b = np.searchsorted(other.begin, lows, side="right") - 1
    fresh = np.ones(lows.size, dtype=np.bool_)
    fresh[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1])
    a, b = a[fresh], b[fresh]
    begin_a, end_a, unit_a = one.begin[a], one.end[a], one.valued[a]
    begin_b, end_b, unit_b = other.begin[b], other.end[b], other.valued[b]
    both = unit_a & unit_b
    squares = np.where(both, (begin_a - begin_b) ** 2 + (end_a - end_b) ** 2, 0).astype(np.float64)
    within_b = unit_a & ~unit_b & (begin_b <= begin_a) & (end_a <= end_b)
    within_a = unit_b & ~unit_a & (begin_a <= begin_b) & (end_b <= end_a)
    squares += np.where(within_b, (end_a - begin_a) ** 2, 0)
    squares += np.where(within_a, (end_b - begin_b) ** 2, 0)
    return float(squares.sum())


def _expected(
    units: npt.NDArray[np.float64], gaps: npt.NDArray[np.float64], *, m: int, length: int
) -> float:
    # Krippendorff (2004): for each unit of length l, (N_c - 1)/3 (2l^3 - 3l^2 + l) for the
    # other units placed over it, plus l^2 (l_h - l + 1) for each gap h long enough to hold it.
    count = float(units.size)
    shifted = (count - 1.0) / 3.0 * (2.0 * units**3 - 3.0 * units**2 + units)
    longer = np.searchsorted(gaps, units, side="left")
    suffix = np.concatenate((np.cumsum(gaps[::-1])[::-1], [0.0]))
    holding = suffix[longer] - (gaps.size - longer) * (units - 1.0)
    total = float((shifted + units**2 * holding).sum())
    pooled = m * float(length)
    denominator = float(length) * (pooled * (pooled - 1.0) - float((units * (units - 1.0)).sum()))
    if denominator <= 0.0:
        return 0.0
    return 2.0 * total / denominator
