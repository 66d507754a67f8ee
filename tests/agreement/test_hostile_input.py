"""Whatever they are given, the raw statistics return a result or raise AgreementDataError.

A raw ValueError, TypeError or ZeroDivisionError from inside them would be a bug: the
caller could not tell bad data from a broken library.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.agreement import (
    AgreementDataError,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    unitized_alpha,
)

ATOMS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=2),
    st.lists(st.integers(0, 1), max_size=2),
    st.complex_numbers(max_magnitude=2),
)
ANYTHING = st.recursive(ATOMS, lambda inner: st.lists(inner, max_size=4), max_leaves=20)


def refused_or_computed(call: object, *args: object, **kwargs: object) -> None:
    try:
        result = call(*args, **kwargs)  # type: ignore[operator]
    except (AgreementDataError, pl.InvalidOptionError):
        return
    assert math.isfinite(result.value)


@settings(max_examples=300, deadline=None)
@given(data=ANYTHING, level=st.sampled_from(["nominal", "ordinal", "interval", "ratio"]))
def test_krippendorff_alpha_and_percent_agreement(data: object, level: str) -> None:
    refused_or_computed(krippendorff_alpha, data, level)
    refused_or_computed(percent_agreement, data)


@settings(max_examples=200, deadline=None)
@given(first=ANYTHING, second=st.one_of(st.none(), ANYTHING))
def test_cohen_kappa(first: object, second: object) -> None:
    refused_or_computed(cohen_kappa, first, second)


@settings(max_examples=200, deadline=None)
@given(table=ANYTHING)
def test_fleiss_kappa(table: object) -> None:
    refused_or_computed(fleiss_kappa, table)


@settings(max_examples=200, deadline=None)
@given(
    units=st.lists(st.one_of(ANYTHING, st.tuples(st.integers(), st.integers(), ATOMS, ATOMS))),
    begin=st.integers(),
    length=st.integers(),
)
def test_unitized_alpha(units: list[object], begin: int, length: int) -> None:
    refused_or_computed(unitized_alpha, units, begin=begin, length=length)


@settings(max_examples=100, deadline=None)
@given(
    cells=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=30),
    coders=st.integers(1, 3),
)
def test_float_arrays(cells: list[float], coders: int) -> None:
    size = len(cells) // coders * coders
    if size == 0:
        return
    data = np.asarray(cells[:size]).reshape(coders, -1)
    for level in ("nominal", "ordinal", "interval", "ratio"):
        refused_or_computed(krippendorff_alpha, data, level)


def test_numpy_labels_and_object_arrays_are_read() -> None:
    assert cohen_kappa(np.array(["a", "b", "a"]), np.array(["a", "b", "b"])).units == 3
    labels = np.array([["a", "b", None], ["a", "b", "b"]], dtype=object)
    assert krippendorff_alpha(labels).pairable_values == 4
    with pytest.raises(AgreementDataError):
        krippendorff_alpha(np.array(["a", "b"]))
