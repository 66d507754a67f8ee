"""Krippendorff's alpha agrees with the ``krippendorff`` package to 1e-9 on random data.

The package (Castro's ``krippendorff``, a test dependency only) computes alpha
from the values x values coincidence matrix; this library computes it without
one, so the two are independent computations of the same definition.
"""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from peerlandscape.agreement import AgreementDataError, krippendorff_alpha, percent_agreement

LEVELS = ["nominal", "ordinal", "interval", "ratio"]


@st.composite
def reliability_data(draw: st.DrawFn) -> np.ndarray:
    """Coders x units of small whole values (0 included), about a quarter of them missing."""
    coders = draw(st.integers(1, 6))
    units = draw(st.integers(1, 25))
    top = draw(st.integers(1, 6))
    cells = draw(
        st.lists(
            st.one_of(st.integers(0, top), st.none()),
            min_size=coders * units,
            max_size=coders * units,
        )
    )
    return np.array([math.nan if v is None else v for v in cells], dtype=float).reshape(
        coders, units
    )


def package_alpha(data: np.ndarray, level: str) -> float | None:
    """The package's alpha, or None where it refuses (a single value) or gives NaN."""
    try:
        # The package divides 0 by 0 (a NaN, with a warning) where alpha is undefined.
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            value = float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))
    except (ValueError, ZeroDivisionError):
        return None
    return None if math.isnan(value) else value


@settings(max_examples=100, deadline=None)
@given(data=reliability_data(), level=st.sampled_from(LEVELS))
def test_alpha_matches_the_package_to_1e_9_or_both_refuse(data: np.ndarray, level: str) -> None:
    expected = package_alpha(data, level)
    if expected is None:
        with pytest.raises(AgreementDataError) as caught:
            krippendorff_alpha(data, level)  # type: ignore[arg-type]
        assert caught.value.problem in {"no_pairable_values", "no_variation"}
        return
    ours = krippendorff_alpha(data, level).value  # type: ignore[arg-type]
    assert abs(ours - expected) <= 1e-9


@settings(max_examples=50, deadline=None)
@given(data=reliability_data())
def test_rows_of_labels_with_none_give_the_array_result(data: np.ndarray) -> None:
    # The same data as Python rows of text labels (nominal) and of ints with None (ordinal).
    labels = [[None if math.isnan(v) else f"v{int(v)}" for v in row] for row in data]
    numbers = [[None if math.isnan(v) else int(v) for v in row] for row in data]
    for rows, level in ((labels, "nominal"), (numbers, "ordinal")):
        try:
            from_array = krippendorff_alpha(data, level).value  # type: ignore[arg-type]
        except AgreementDataError:
            with pytest.raises(AgreementDataError):
                krippendorff_alpha(rows, level)  # type: ignore[arg-type]
            continue
        assert krippendorff_alpha(rows, level).value == pytest.approx(from_array, abs=1e-12)  # type: ignore[arg-type]


@pytest.mark.parametrize("level", LEVELS)
def test_alpha_matches_the_package_on_a_larger_random_matrix(level: str) -> None:
    # 5 coders, 2,000 units, whole values in [0, 40] (38 distinct), a fifth missing. (The
    # package's time grows steeply with the number of distinct values: with 400 it takes
    # minutes.)
    rng = np.random.default_rng(20261202)
    truth = rng.uniform(0, 30, size=2000)
    data = np.round(truth + rng.normal(0, 3, size=(5, 2000)).clip(-truth, None))
    data[rng.random(data.shape) < 0.2] = np.nan

    ours = krippendorff_alpha(data, level).value  # type: ignore[arg-type]

    assert abs(ours - krippendorff.alpha(reliability_data=data, level_of_measurement=level)) <= 1e-9


def test_nominal_alpha_on_presence_data_matches_the_package() -> None:
    # The shape study agreement produces: 3 coders, many units, present (1) or absent (0).
    rng = np.random.default_rng(7)
    data = (rng.random((3, 20000)) < 0.08).astype(float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")

    assert abs(krippendorff_alpha(data).value - expected) <= 1e-9


def test_percent_agreement_is_one_minus_the_nominal_observed_disagreement() -> None:
    rng = np.random.default_rng(3)
    data = rng.integers(0, 4, size=(4, 200)).astype(float)
    data[rng.random(data.shape) < 0.3] = np.nan

    alpha = krippendorff_alpha(data)

    assert percent_agreement(data).value == pytest.approx(1 - alpha.observed_disagreement)
