"""Edge cases give a defined result or an AgreementDataError that says why: never 0/0."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest

import peerlandscape as pl
from peerlandscape.agreement import (
    AgreementDataError,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    unitized_alpha,
)

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


def problem_of(call: object, *args: object, **kwargs: object) -> str:
    with pytest.raises(AgreementDataError) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, pl.PeerLandscapeError)
    return caught.value.problem


@pytest.mark.parametrize("level", LEVELS)
def test_a_single_value_everywhere_is_undefined_not_a_division_by_zero(level: str) -> None:
    assert problem_of(krippendorff_alpha, [[3, 3, 3], [3, 3, None]], level) == "no_variation"


def test_a_single_value_everywhere_is_perfect_percent_agreement() -> None:
    assert percent_agreement([[3, 3, 3], [3, 3, None]]).value == 1.0


@pytest.mark.parametrize("level", LEVELS)
def test_one_coder_has_no_pairable_values(level: str) -> None:
    with pytest.raises(AgreementDataError, match="one coder") as caught:
        krippendorff_alpha([[1, 2, 3]], level)  # type: ignore[arg-type]
    assert caught.value.problem == "no_pairable_values"
    assert problem_of(percent_agreement, [[1, 2, 3]]) == "no_pairable_values"


def test_units_each_coded_once_have_no_pairable_values() -> None:
    data = [[1, None, None], [None, 2, None], [None, None, 1]]
    assert problem_of(krippendorff_alpha, data) == "no_pairable_values"


@pytest.mark.parametrize("missing", [None, math.nan, np.nan])
def test_all_missing_has_no_pairable_values(missing: object) -> None:
    assert problem_of(krippendorff_alpha, [[missing] * 3] * 2) == "no_pairable_values"
    assert problem_of(krippendorff_alpha, np.full((2, 3), np.nan)) == "no_pairable_values"


def test_units_with_one_value_are_left_out_of_the_counts() -> None:
    alpha = krippendorff_alpha([[1, 2, 1, None], [1, 2, 2, 3]])
    assert (alpha.units, alpha.pairable_values, alpha.values) == (3, 6, 2)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "shape"),
        ([[]], "shape"),
        ([[1, 2], [1]], "shape"),
        ("ab", "shape"),
        ([1, 2, 3], "shape"),
        ([[[1]], [[2]]], "value"),
        (np.zeros((2, 2, 2)), "shape"),
        (np.array([[1.0, np.inf], [1.0, 2.0]]), "value"),
    ],
)
def test_malformed_reliability_data_are_refused(data: object, problem: str) -> None:
    assert problem_of(krippendorff_alpha, data) == problem


def test_interval_and_ratio_need_numbers_and_ratio_no_negatives() -> None:
    assert problem_of(krippendorff_alpha, [["a", "b"], ["a", "a"]], "interval") == "value"
    assert problem_of(krippendorff_alpha, [[True, False], [True, True]], "ratio") == "value"
    assert problem_of(krippendorff_alpha, [[-1, 2], [1, 2]], "ratio") == "value"
    assert problem_of(krippendorff_alpha, np.array([[-1.0, 2], [1, 2]]), "ratio") == "value"


def test_ordinal_labels_need_their_order() -> None:
    data = [["low", 3, "high"], ["low", "mid", "high"]]
    assert problem_of(krippendorff_alpha, data, "ordinal") == "value"
    ordered = krippendorff_alpha(
        [["low", "mid", "high"], ["low", "high", "high"]], "ordinal", values=["low", "mid", "high"]
    )
    assert ordered.value == pytest.approx(
        krippendorff_alpha([[0, 1, 2], [0, 2, 2]], "ordinal").value
    )
    with pytest.raises(AgreementDataError, match="'max'"):
        krippendorff_alpha([["low", "max"], ["low", "mid"]], "ordinal", values=["low", "mid"])


def test_ratio_treats_two_zeros_as_no_difference() -> None:
    alpha = krippendorff_alpha([[0, 0, 4, 2], [0, 1, 4, 2]], "ratio")
    assert math.isfinite(alpha.value)


def test_an_unknown_level_is_an_invalid_option() -> None:
    with pytest.raises(pl.InvalidOptionError, match="'metric'"):
        krippendorff_alpha([[1, 2], [1, 2]], "metric")  # type: ignore[arg-type]


def test_unhashable_values_are_refused() -> None:
    assert problem_of(krippendorff_alpha, [[{1}, {2}], [{1}, {2}]]) == "value"


def test_cohen_kappa_edge_cases() -> None:
    assert problem_of(cohen_kappa, [[5, 0], [0, 0]]) == "no_variation"
    assert problem_of(cohen_kappa, ["a", "a"], ["a", "a"]) == "no_variation"
    assert problem_of(cohen_kappa, [[1, 2, 3], [4, 5, 6]]) == "shape"
    assert problem_of(cohen_kappa, [[1, -2], [3, 4]]) == "value"
    assert problem_of(cohen_kappa, [[0, 0], [0, 0]]) == "no_pairable_values"
    assert problem_of(cohen_kappa, ["a", "b"], ["a"]) == "shape"
    assert problem_of(cohen_kappa, [None, "a"], ["a", None]) == "no_pairable_values"
    # Perfect agreement with variation is kappa 1; labels of mixed kinds keep their order.
    assert cohen_kappa([1, "x", 1], [1, "x", 1]).value == 1.0


def test_fleiss_kappa_edge_cases() -> None:
    assert problem_of(fleiss_kappa, [[3, 0], [3, 0]]) == "no_variation"
    assert problem_of(fleiss_kappa, [[3, 0], [2, 0]]) == "unequal_raters"
    assert problem_of(fleiss_kappa, [[1, 0], [0, 1]]) == "no_pairable_values"
    assert problem_of(fleiss_kappa, [[1.5, 1.5], [2, 1]]) == "value"
    assert problem_of(fleiss_kappa, []) == "shape"


def test_fleiss_category_kappa_is_fleiss_kappa_of_that_category_against_the_rest() -> None:
    table = [[0, 1, 3], [2, 2, 0], [1, 1, 2], [4, 0, 0], [0, 3, 1]]
    kappa = fleiss_kappa(table)
    for column, value in enumerate(kappa.per_category):
        collapsed = [[row[column], 4 - row[column]] for row in table]
        assert value == pytest.approx(fleiss_kappa(collapsed).value)
    assert fleiss_kappa([[2, 0, 0], [0, 2, 0]]).per_category[2] is None


def test_unitized_alpha_edge_cases() -> None:
    one_coder = [(0, 3, "a", "x")]
    assert problem_of(unitized_alpha, one_coder, length=10) == "too_few_coders"
    assert unitized_alpha(one_coder, length=10, coders=["a", "b"]).value < 1
    assert problem_of(unitized_alpha, [], length=10, coders=["a", "b"]) == "no_pairable_values"
    assert problem_of(unitized_alpha, [(8, 3, "a", "x")], length=10) == "outside"
    overlapping = [(0, 5, "a", "x"), (3, 4, "a", "x"), (0, 5, "b", "x")]
    assert problem_of(unitized_alpha, overlapping, length=10) == "overlap"
    assert problem_of(unitized_alpha, [(0, 0, "a", "x")], length=10) == "value"
    assert problem_of(unitized_alpha, [(0, 1.5, "a", "x")], length=10) == "value"
    assert problem_of(unitized_alpha, [(0, 1, "a")], length=10) == "shape"
    assert problem_of(unitized_alpha, [(0, 1, "a", "x")], length=10, coders=["b", "c"]) == "value"
    assert problem_of(unitized_alpha, one_coder, length=0, coders=["a", "b"]) == "outside"
    assert problem_of(unitized_alpha, one_coder, length=2.5, coders=["a", "b"]) == "value"
    assert problem_of(unitized_alpha, one_coder, begin=-(2**60), length=10) == "outside"
    # A continuum of one position: no unit can be misplaced, and nothing is expected.
    single = [(0, 1, "a", "x"), (0, 1, "b", "x")]
    assert problem_of(unitized_alpha, single, length=1) == "no_variation"


def test_units_of_different_categories_may_overlap() -> None:
    units = [(0, 5, "a", "x"), (2, 5, "a", "y"), (0, 5, "b", "x"), (2, 5, "b", "y")]
    assert unitized_alpha(units, length=20).value == 1.0


def test_the_error_pickles_with_its_problem() -> None:
    error = AgreementDataError("every value is 'a'", "no_variation")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.problem) == ("every value is 'a'", "no_variation")
