"""Cohen's kappa: agreement of two coders on nominal categories, corrected for chance."""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape.agreement._data import is_missing
from peerlandscape.agreement._display import figure_html
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np
from peerlandscape.agreement._tables import count_table

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["CohenKappa", "cohen_kappa"]


@attrs.frozen
class CohenKappa:
    """Cohen's kappa, with the agreement and table it was computed from.

    Attributes
    ----------
    value
        kappa = (observed - expected) / (1 - expected).
    observed
        p_o, the share of units on which the two coders agree.
    expected
        p_e, the agreement expected by chance from each coder's own marginals.
    units
        Units counted (the table's total; pairs with a missing label are left out).
    categories
        Row and column labels of ``table``: the labels, or ``0 .. k-1`` for a table given.
    table
        The contingency table: ``table[i][j]`` units the first coder put in
        category ``i`` and the second in ``j``.
    """

    value: float
    observed: float
    expected: float
    units: float
    categories: tuple[Hashable, ...]
    table: tuple[tuple[float, ...], ...]

    def __str__(self) -> str:
        return (
            f"Cohen's kappa = {self.value:.3f} (observed agreement {self.observed:.3f}, "
            f"expected {self.expected:.3f}): {self.units:g} units, "
            f"{len(self.categories)} categories"
        )

    def _repr_html_(self) -> str:
        return figure_html(str(self))


def cohen_kappa(first: object, second: Iterable[Hashable] | None = None) -> CohenKappa:
    """Return Cohen's kappa from a square contingency table, or from two coders' labels.

    Parameters
    ----------
    first
        A square contingency table (rows: the first coder's categories,
        columns: the second's, in the same order) when ``second`` is not
        given; otherwise the first coder's labels, one per unit.
    second
        The second coder's labels, one per unit, in the same order. A unit
        where either label is missing (``None`` or NaN) is left out.

    Returns
    -------
    CohenKappa
        ``.value``, the observed and expected agreement, and the table.

    Raises
    ------
    AgreementDataError
        If the table is not square or holds something other than counts, the
        label sequences differ in length, no unit has both labels, or chance
        agreement is perfect (both coders used one and the same category
        throughout: kappa is 0/0, ``problem == "no_variation"``).

    Examples
    --------
    Two readers say yes or no to 50 proposals (Wikipedia's example): they agree on 35.

    >>> kappa = cohen_kappa([[20, 5], [10, 15]])
    >>> round(kappa.value, 3), kappa.observed, kappa.expected
    (0.4, 0.7, 0.5)
    >>> cohen_kappa(["yes", "no", "yes", None], ["yes", "no", "no", "no"]).table
    ((1.0, 0.0), (1.0, 1.0))
    """
    if second is None:
        table = count_table(first, what="the contingency table")
        rows, columns = table.shape
        if rows != columns:
            raise AgreementDataError(
                f"Cohen's kappa needs a square contingency table (the same categories for "
                f"both coders); this one is {rows} x {columns}",
                "shape",
            )
        categories: tuple[Hashable, ...] = tuple(range(rows))
    else:
        categories, table = _table_of_labels(first, second)
    total = float(table.sum())
    if total == 0:
        raise AgreementDataError("the contingency table counts no unit", "no_pairable_values")
    shares = table / total
    observed = float(np.trace(shares))
    expected = float((shares.sum(axis=1) * shares.sum(axis=0)).sum())
    if expected >= 1.0:
        raise AgreementDataError(
            "both coders used one and the same category throughout: chance agreement is "
            "perfect and Cohen's kappa is undefined (0/0)",
            "no_variation",
        )
    return CohenKappa(
        value=(observed - expected) / (1.0 - expected),
        observed=observed,
        expected=expected,
        units=total,
        categories=categories,
        table=tuple(tuple(float(count) for count in row) for row in table),
    )


def _table_of_labels(
    first: object, second: object
) -> tuple[tuple[Hashable, ...], npt.NDArray[np.float64]]:
    listed: list[list[Any]] = []
    for which, given in (("first", first), ("second", second)):
        if isinstance(given, str | bytes) or not isinstance(given, Iterable):
            raise AgreementDataError(
                f"the {which} coder's labels must be a sequence, got {given!r}", "shape"
            )
        listed.append(list(given))
    first, second = listed
    if len(first) != len(second):
        raise AgreementDataError(
            f"the two coders' labels differ in length ({len(first)} and {len(second)}): "
            "give one label (or None) per unit to each",
            "shape",
        )
    pairs = [
        (a, b) for a, b in zip(first, second, strict=True) if not (is_missing(a) or is_missing(b))
    ]
    index: dict[Hashable, int] = {}
    for number, (a, b) in enumerate(pairs):
        try:
            index.setdefault(a, len(index))
            index.setdefault(b, len(index))
        except TypeError:
            raise AgreementDataError(
                f"unit {number} has a label that cannot be a category: {(a, b)!r}", "value"
            ) from None
    labels: list[Any] = list(index)
    # Labels of mixed kinds cannot be sorted: they keep the order they were first seen in.
    with contextlib.suppress(TypeError):
        labels.sort()
    position = {label: number for number, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)), dtype=np.float64)
    for a, b in pairs:
        table[position[a], position[b]] += 1.0
    return tuple(labels), table
