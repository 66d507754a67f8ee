"""Percent agreement: the share of pairs of values given to the same unit that agree."""

from __future__ import annotations

import attrs

from peerlandscape.agreement._display import figure_html
from peerlandscape.agreement._nominal import nominal_tally

__all__ = ["PercentAgreement", "percent_agreement"]


@attrs.frozen
class PercentAgreement:
    """Percent agreement, with the counts it was computed from.

    Attributes
    ----------
    value
        The share of agreeing pairs, between 0 and 1 (not corrected for chance).
    coders
        Rows of the data.
    units
        Pairable units: those with values from at least two coders.
    pairable_values
        Values in pairable units.
    """

    value: float
    coders: int
    units: int
    pairable_values: int

    def __str__(self) -> str:
        return (
            f"Percent agreement = {100 * self.value:.1f}%: {self.pairable_values} pairable "
            f"values in {self.units} units, {self.coders} coders"
        )

    def _repr_html_(self) -> str:
        return figure_html(str(self))


def percent_agreement(reliability_data: object) -> PercentAgreement:
    """Return the share of pairs of values, given to the same unit by two coders, that agree.

    Each unit's pairs count in proportion to its number of values, so every
    pairable value weighs the same (Krippendorff's observed agreement, 1 - D_o
    at the nominal level). With two coders and no missing values, it is the
    share of units on which they agree. It is not corrected for chance: two
    coders who mostly leave a code out agree mostly by chance. Report it beside
    :func:`krippendorff_alpha`, not instead of it.

    Parameters
    ----------
    reliability_data
        One row per coder, one column per unit (see :func:`krippendorff_alpha`);
        ``None`` or NaN marks a unit the coder did not code.

    Returns
    -------
    PercentAgreement
        ``.value`` and what it was computed from.

    Raises
    ------
    AgreementDataError
        If the data are malformed or no unit has values from two coders.

    Examples
    --------
    >>> result = percent_agreement([["a", "b", "a", "a"], ["a", "b", "b", None]])
    >>> result.value, result.units
    (0.6666666666666666, 3)
    >>> print(result)
    Percent agreement = 66.7%: 6 pairable values in 3 units, 2 coders
    """
    tally = nominal_tally(reliability_data)
    return PercentAgreement(
        value=tally.agreements / tally.n,
        coders=tally.coders,
        units=tally.units,
        pairable_values=tally.n,
    )
