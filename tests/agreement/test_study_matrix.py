"""On generated studies, quote_agreement's figures are the raw statistics of its units.

The study-level figures come from sums over quotes (which is what makes the bootstrap
cheap); here every code's units are written out as reliability data and given to
``krippendorff_alpha`` and ``percent_agreement`` instead.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.agreement import (
    AgreementDataError,
    krippendorff_alpha,
    percent_agreement,
    quote_agreement,
)

CODERS = ["c1", "c2", "c3", "c4"]
CODES = ["x", "y", "z"]


@st.composite
def studies(draw: st.DrawFn) -> pl.Study:
    coders = CODERS[: draw(st.integers(2, 4))]
    quotes = [f"q{i}" for i in range(draw(st.integers(1, 8)))]
    applied = draw(
        st.sets(st.tuples(st.sampled_from(quotes), st.sampled_from(CODES), st.sampled_from(coders)))
    )
    return pl.Study(
        id="generated",
        title="Generated",
        coders=[pl.Coder(id=coder, label=coder) for coder in coders],
        quotes=[pl.Quote(id=quote, text="Words.") for quote in quotes],
        codes=[pl.Code(id=code, label=code) for code in CODES],
        codings=[pl.Coding(quote=q, code=c, coder=who) for q, c, who in sorted(applied)],
    )


def matrix(study: pl.Study, result: object, code: str, uncoded: str) -> list[list[float | None]]:
    applied = {(c.quote, c.code, c.coder) for c in study.codings}
    coded = {(c.quote, c.coder) for c in study.codings}
    rows = []
    for coder in result.coders:  # type: ignore[attr-defined]
        row: list[float | None] = []
        for quote in result.quotes:  # type: ignore[attr-defined]
            if uncoded == "missing" and (quote, coder) not in coded:
                row.append(None)
            else:
                row.append(float((quote, code, coder) in applied))
        rows.append(row)
    return rows


def same(figure: float | None, call: object, data: object) -> None:
    try:
        expected = call(data).value  # type: ignore[operator]
    except AgreementDataError:
        assert figure is None
        return
    assert figure is not None
    assert figure == pytest.approx(expected, abs=1e-12)


@settings(max_examples=80, deadline=None)
@given(study=studies(), uncoded=st.sampled_from(["absent", "missing"]))
def test_every_figure_is_the_raw_statistic_of_the_units(study: pl.Study, uncoded: str) -> None:
    if len({coding.coder for coding in study.codings}) < 2:
        with pytest.raises(AgreementDataError) as caught:
            quote_agreement(study, uncoded=uncoded, resamples=0)  # type: ignore[arg-type]
        assert caught.value.problem == "too_few_coders"
        return
    result = quote_agreement(study, uncoded=uncoded, resamples=0)  # type: ignore[arg-type]
    pooled: list[list[float | None]] = [[] for _ in result.coders]
    for figures in result.codes:
        assert figures.code is not None
        data = matrix(study, result, figures.code, uncoded)
        same(figures.alpha, krippendorff_alpha, data)
        same(figures.percent, percent_agreement, data)
        for row, more in zip(pooled, data, strict=True):
            row.extend(more)
    same(result.overall.alpha, krippendorff_alpha, pooled)
    same(result.overall.percent, percent_agreement, pooled)
    splits = sum(
        1 for column in zip(*pooled, strict=True) if len({v for v in column if v is not None}) > 1
    )
    assert len(result.disagreements) == splits
    assert all(math.isfinite(f.percent or 0) for f in result.codes)
