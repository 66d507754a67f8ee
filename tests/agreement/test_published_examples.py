"""Each statistic reproduces published worked examples, to the precision printed there.

Every test names its source; the data are in ``examples.py``.
"""

from __future__ import annotations

import pytest

from agreement.examples import (
    COHEN_1960_TABLE,
    FLEISS_1971_RATINGS,
    HAYES_KRIPPENDORFF_2007,
    KRIPPENDORFF_2004_BINARY,
    KRIPPENDORFF_2004_UNITS,
    KRIPPENDORFF_2011,
    WIKIPEDIA_COHEN_TABLE,
    WIKIPEDIA_FLEISS_TABLE,
    counts_per_subject,
    transposed,
)
from peerlandscape.agreement import (
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    unitized_alpha,
)


@pytest.mark.parametrize(
    ("level", "printed"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_alpha_of_krippendorff_2011_at_each_level(level: str, printed: float) -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 observers, 12 units.
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, level)  # type: ignore[arg-type]

    assert round(alpha.value, 3) == printed
    # Unit 12 has one value only: 11 pairable units holding n = 40 pairable values.
    assert (alpha.coders, alpha.units, alpha.pairable_values, alpha.values) == (4, 11, 40, 5)


def test_nominal_disagreements_of_krippendorff_2011() -> None:
    # Krippendorff (2011), section C, counted by hand: the diagonal of the coincidence matrix
    # sums to 3 + 2 + 4 + 4 + 4 + 0 + 4 + 2 + 4 + 3 + 2 = 32 of n = 40 (units 1 to 11), and the
    # values' totals are n_c = 9, 13, 10, 5, 3.
    alpha = krippendorff_alpha(KRIPPENDORFF_2011, "nominal")
    counts = [9, 13, 10, 5, 3]
    expected = 1 - sum(c * (c - 1) for c in counts) / (40 * 39)

    assert alpha.observed_disagreement == pytest.approx(1 - 32 / 40)
    assert alpha.expected_disagreement == pytest.approx(expected)
    assert percent_agreement(KRIPPENDORFF_2011).value == pytest.approx(32 / 40)


def test_ordinal_alpha_of_hayes_and_krippendorff_2007() -> None:
    # Hayes and Krippendorff (2007), Table 1: 5 observers, 40 units; the KALPHA macro prints
    # ordinal alpha = .7598 from 159 pairable judgments.
    alpha = krippendorff_alpha(transposed(HAYES_KRIPPENDORFF_2007), "ordinal")

    assert round(alpha.value, 4) == 0.7598
    assert (alpha.units, alpha.pairable_values) == (40, 159)


def test_binary_alpha_of_krippendorff_2004_section_11_3_1() -> None:
    # Krippendorff (2004), Content Analysis, section 11.3.1: two observers, ten articles,
    # alpha = .095; they agree on 6 of the 10 articles.
    assert round(krippendorff_alpha(KRIPPENDORFF_2004_BINARY).value, 3) == 0.095
    assert percent_agreement(KRIPPENDORFF_2004_BINARY).value == pytest.approx(0.6)


def test_cohen_kappa_of_cohen_1960() -> None:
    # Cohen (1960), p. 45: p_o = .70, p_c = .41, kappa = .492 for 200 cases.
    kappa = cohen_kappa(COHEN_1960_TABLE)

    assert round(kappa.observed, 2) == 0.70
    assert round(kappa.expected, 2) == 0.41
    assert round(kappa.value, 3) == 0.492
    assert kappa.units == 200


def test_cohen_kappa_of_the_wikipedia_example_from_a_table_and_from_labels() -> None:
    # Wikipedia, "Cohen's kappa": 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no; p_o = 0.7,
    # p_e = 0.5, kappa = 0.4.
    from_table = cohen_kappa(WIKIPEDIA_COHEN_TABLE)
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    from_labels = cohen_kappa(first, second)

    assert (from_table.observed, from_table.expected) == pytest.approx((0.7, 0.5))
    assert from_table.value == pytest.approx(0.4)
    assert from_labels.value == pytest.approx(0.4)
    assert from_labels.categories == ("no", "yes")
    assert from_labels.table == ((15.0, 10.0), (5.0, 20.0))


def test_fleiss_kappa_of_fleiss_1971() -> None:
    # Fleiss (1971), Table 1: 6 raters, 30 subjects, 5 categories; P = .5556, kappa = .430.
    # P_e is .2201 from the shares p_j rounded to three places (.144, .144, .167, .306, .239),
    # .2199 from the exact ones: .220 either way.
    kappa = fleiss_kappa(counts_per_subject(FLEISS_1971_RATINGS, 5))
    rounded_shares = [0.144, 0.144, 0.167, 0.306, 0.239]

    assert round(kappa.observed, 4) == 0.5556
    assert round(sum(p * p for p in rounded_shares), 4) == 0.2201
    assert round(kappa.expected, 3) == 0.220
    assert round(kappa.value, 3) == 0.430
    assert (kappa.subjects, kappa.raters, kappa.categories) == (30, 6, 5)


def test_fleiss_kappa_of_the_wikipedia_example() -> None:
    # Wikipedia, "Fleiss' kappa": 14 raters, 10 subjects; P = 0.378, P_e = 0.213, kappa = 0.210.
    kappa = fleiss_kappa(WIKIPEDIA_FLEISS_TABLE)

    assert round(kappa.observed, 3) == 0.378
    assert round(kappa.expected, 3) == 0.213
    assert round(kappa.value, 3) == 0.210


def test_percent_agreement_of_fleiss_1971_is_fleiss_observed_agreement() -> None:
    # Fleiss (1971): with every subject rated six times, the share of agreeing pairs of
    # ratings is Fleiss' P = .5556.
    assert round(percent_agreement(transposed(FLEISS_1971_RATINGS)).value, 4) == 0.5556


def test_unitized_alpha_of_krippendorff_2004() -> None:
    # Krippendorff (2004), Content Analysis, 2nd ed., pp. 254-256: for c, cuD_o = .0144,
    # cuD_e = .0532, c-alpha = .7286; for k, kuD_o = 0, kuD_e = .0490, k-alpha = 1.
    alpha = unitized_alpha(KRIPPENDORFF_2004_UNITS, begin=150, length=300)
    c, k = alpha.categories

    assert (c.category, k.category) == ("c", "k")
    assert round(c.observed_disagreement, 4) == 0.0144
    assert round(c.expected_disagreement, 4) == 0.0532
    assert round(c.value or 0, 4) == 0.7286
    assert k.observed_disagreement == 0
    assert round(k.expected_disagreement, 4) == 0.0490
    assert k.value == 1.0
    assert (c.units, k.units, alpha.units, alpha.coders) == (5, 4, 9, ("i", "j"))


def test_overall_unitized_alpha_of_krippendorff_2004() -> None:
    # Krippendorff (2004) prints u-alpha = .8591, computed from the disagreements rounded to
    # four places: 1 - .0144 / (.0532 + .0490). Unrounded, the same formula gives .8587.
    alpha = unitized_alpha(KRIPPENDORFF_2004_UNITS, begin=150, length=300)

    assert round(1 - 0.0144 / (0.0532 + 0.0490), 4) == 0.8591
    assert round(alpha.value, 3) == 0.859
    assert alpha.value == pytest.approx(
        1 - alpha.observed_disagreement / alpha.expected_disagreement
    )
    assert alpha.observed_disagreement == pytest.approx(
        sum(c.observed_disagreement for c in alpha.categories)
    )
