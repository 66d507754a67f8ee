"""Fleiss' kappa: agreement of many raters on nominal categories, from counts per subject."""

from __future__ import annotations

import attrs

from peerlandscape.agreement._data import PAIRABLE
from peerlandscape.agreement._display import figure_html
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np
from peerlandscape.agreement._tables import count_table

__all__ = ["FleissKappa", "fleiss_kappa"]


@attrs.frozen
class FleissKappa:
    """Fleiss' kappa, with the agreement it was computed from and a kappa for each category.

    Attributes
    ----------
    value
        kappa = (P - P_e) / (1 - P_e).
    observed
        P, the mean over subjects of the share of agreeing pairs of ratings.
    expected
        P_e, the sum of the squared shares of all ratings in each category.
    subjects
        Rows of the table.
    raters
        Ratings per subject (the same for every subject).
    categories
        Columns of the table.
    per_category
        Fleiss' kappa of each category (that category against all others),
        ``None`` for a category no rating or every rating used.
    """

    value: float
    observed: float
    expected: float
    subjects: int
    raters: int
    categories: int
    per_category: tuple[float | None, ...]

    def __str__(self) -> str:
        return (
            f"Fleiss' kappa = {self.value:.3f} (observed agreement {self.observed:.3f}, "
            f"expected {self.expected:.3f}): {self.subjects} subjects, {self.raters} ratings "
            f"each, {self.categories} categories"
        )

    def _repr_html_(self) -> str:
        return figure_html(str(self))


def fleiss_kappa(table: object) -> FleissKappa:
    """Return Fleiss' kappa from a subjects x categories table of counts.

    ``table[i][j]`` is how many raters put subject ``i`` in category ``j``;
    every subject must have the same number of ratings (Fleiss 1971), though
    not necessarily from the same raters.

    Parameters
    ----------
    table
        A sequence of rows of counts, a 2-D numpy array or a pandas DataFrame.

    Returns
    -------
    FleissKappa
        ``.value``, the observed and expected agreement, and a kappa for each category.

    Raises
    ------
    AgreementDataError
        If the table holds something other than counts, subjects have
        different numbers of ratings (``problem == "unequal_raters"``), fewer than
        two ratings each, or all ratings fall in one category (kappa is 0/0,
        ``"no_variation"``).

    Examples
    --------
    Wikipedia's example: 14 raters put 10 subjects in 5 categories.

    >>> table = [
    ...     [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
    ...     [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
    ...     [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ... ]
    >>> kappa = fleiss_kappa(table)
    >>> round(kappa.observed, 3), round(kappa.expected, 3), round(kappa.value, 3)
    (0.378, 0.213, 0.21)
    """
    counts = count_table(table, what="the subjects x categories table")
    if not np.all(counts == np.floor(counts)):
        raise AgreementDataError(
            "the subjects x categories table must hold whole counts of ratings", "value"
        )
    totals = counts.sum(axis=1)
    if not np.all(totals == totals[0]):
        first = int(np.flatnonzero(totals != totals[0])[0])
        raise AgreementDataError(
            f"Fleiss' kappa needs the same number of ratings for every subject; subject 0 "
            f"has {totals[0]:g} and subject {first} has {totals[first]:g}",
            "unequal_raters",
        )
    raters = float(totals[0])
    if raters < PAIRABLE:
        raise AgreementDataError(
            f"every subject has {raters:g} rating(s): agreement needs two or more",
            "no_pairable_values",
        )
    subjects = counts.shape[0]
    agreeing = (counts * (counts - 1.0)).sum(axis=1) / (raters * (raters - 1.0))
    observed = float(agreeing.mean())
    shares = counts.sum(axis=0) / (subjects * raters)
    expected = float((shares * shares).sum())
    if expected >= 1.0:
        raise AgreementDataError(
            "every rating falls in one category: chance agreement is perfect and Fleiss' "
            "kappa is undefined (0/0)",
            "no_variation",
        )
    # Fleiss (1971, eq. 10): kappa_j = 1 - sum_i x_ij (n - x_ij) / (N n (n - 1) p_j q_j).
    spread = shares * (1.0 - shares)
    disagreeing = (counts * (raters - counts)).sum(axis=0)
    per_category = tuple(
        None if share == 0 else 1.0 - float(apart) / (subjects * raters * (raters - 1.0) * share)
        for apart, share in zip(disagreeing.tolist(), spread.tolist(), strict=True)
    )
    return FleissKappa(
        value=(observed - expected) / (1.0 - expected),
        observed=observed,
        expected=expected,
        subjects=subjects,
        raters=int(raters),
        categories=counts.shape[1],
        per_category=per_category,
    )
