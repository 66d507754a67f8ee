"""Which designs declare reflexive thematic analysis, whose agreement figures are advisory."""

from __future__ import annotations

import pytest

import peerlandscape as pl
from peerlandscape.agreement import declares_reflexive_ta


def study_with(design: pl.Design | None) -> pl.Study:
    return pl.Study(id="s", title="S", design=design)


def test_the_built_in_study_declares_braun_and_clarke_2022(engdahl: pl.Study) -> None:
    # Engdahl et al. (2025): "Thematic analysis" after Braun and Clarke (2022), whose book is
    # on reflexive thematic analysis.
    assert declares_reflexive_ta(engdahl)


@pytest.mark.parametrize(
    ("design", "reflexive"),
    [
        (pl.Design(analysis_method="Reflexive thematic analysis"), True),
        (pl.Design(approach="A reflexive TA design"), True),
        (
            pl.Design(
                analysis_method="Thematic analysis", analysis_reference="Braun & Clarke 2019"
            ),
            True,
        ),
        (
            pl.Design(
                analysis_method="Thematic analysis", analysis_reference="Braun and Clarke (2006)"
            ),
            False,
        ),
        (pl.Design(analysis_method="Thematic analysis"), False),
        (
            pl.Design(
                analysis_method="Codebook thematic analysis",
                analysis_reference="Braun and Clarke (2021)",
            ),
            False,
        ),
        (
            pl.Design(
                analysis_method="Thematic analysis, coding reliability approach (Boyatzis 1998)"
            ),
            False,
        ),
        (
            pl.Design(
                analysis_method="Content analysis", analysis_reference="Braun and Clarke (2022)"
            ),
            False,
        ),
        (None, False),
    ],
)
def test_designs(design: pl.Design | None, reflexive: bool) -> None:
    assert declares_reflexive_ta(study_with(design)) is reflexive
