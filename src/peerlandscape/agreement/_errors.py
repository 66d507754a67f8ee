"""The error agreement statistics raise: data that cannot give the statistic asked for."""

from __future__ import annotations

from typing import Literal

from peerlandscape._exceptions import PeerLandscapeError

__all__ = ["AgreementDataError", "Problem"]

Problem = Literal[
    "shape",
    "value",
    "no_pairable_values",
    "no_variation",
    "unequal_raters",
    "overlap",
    "outside",
    "too_few_coders",
]
"""Stable codes for what is wrong, as :attr:`AgreementDataError.problem`."""


class AgreementDataError(PeerLandscapeError, ValueError):
    """Data that cannot give the agreement statistic asked for.

    Either the data are malformed (a table that is not square, a negative
    count, a unit outside its continuum) or they lack what the statistic
    needs: two coders, a unit that two coders both coded (a *pairable*
    value), or more than one value among the pairable ones. Without
    variation, chance agreement is perfect and a chance-corrected
    coefficient is 0/0: undefined, not 1 and not 0.

    Parameters
    ----------
    message
        What is wrong and where (the row, the unit, the coder).
    problem
        A stable code for the kind of problem:

        ``"shape"``
            not a table of the form required (ragged rows, not square, empty);
        ``"value"``
            a value of the wrong kind (a negative count, text where a number is needed);
        ``"no_pairable_values"``
            no unit has values from two coders (one coder, or all values missing);
        ``"no_variation"``
            every pairable value is the same, so the statistic is undefined;
        ``"unequal_raters"``
            Fleiss' kappa needs the same number of ratings for every subject;
        ``"overlap"``
            one coder's units of one category overlap (unitized alpha);
        ``"outside"``
            a unit lies outside the continuum (unitized alpha);
        ``"too_few_coders"``
            fewer than two coders to compare.

    Examples
    --------
    >>> from peerlandscape.agreement import krippendorff_alpha
    >>> try:
    ...     krippendorff_alpha([["yes", "yes"], ["yes", "yes"]])
    ... except AgreementDataError as error:
    ...     print(error.problem)
    no_variation
    """

    def __init__(self, message: str, problem: Problem) -> None:
        super().__init__(message)
        self.problem: Problem = problem

    def __reduce__(self) -> tuple[type[AgreementDataError], tuple[str, Problem]]:
        return type(self), (str(self.args[0]), self.problem)
