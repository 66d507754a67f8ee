"""Agreement of a study's coders on which characters carry which code (unitized alpha)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from agreement.projects import CODINGS, SEGMENTS, TEXT, span_of, two_coder_study
from peerlandscape.agreement import AgreementDataError, character_agreement, unitized_alpha


def test_the_project_gives_the_unitized_alpha_of_its_spans() -> None:
    # One source: the continuum is its text, and each coding is a unit at its quote's span.
    units = [
        (span_of(SEGMENTS[quote]).start, len(SEGMENTS[quote]), coder, code)
        for quote, code, coder in CODINGS
    ]
    expected = unitized_alpha(units, length=len(TEXT))

    result = character_agreement(two_coder_study())

    assert result.unit == "character of a source x code"
    assert (result.sources, result.characters, result.skipped) == (("t1",), len(TEXT), 0)
    assert result.alpha == pytest.approx(expected.value)
    assert [c.category for c in result.codes] == ["hope", "cost", "drift"]
    for ours, theirs in zip(
        result.codes,
        sorted(expected.categories, key=lambda c: ["hope", "cost", "drift"].index(c.category)),
        strict=True,
    ):
        assert ours == theirs


def study_of(units: list[tuple[str, int, int, str]], texts: dict[str, str]) -> pl.Study:
    """A study whose quotes are the given (source, start, end, coder) stretches coded "x"."""
    return pl.Study(
        id="spans",
        title="Spans",
        coders=[pl.Coder(id="a", label="A"), pl.Coder(id="b", label="B")],
        sources=[pl.Source(id=source, label=source, text=text) for source, text in texts.items()],
        quotes=[
            pl.Quote(
                id=f"q{number}",
                text=texts[source][start:end],
                source=source,
                span=pl.Span(start, end),
            )
            for number, (source, start, end, _) in enumerate(units)
        ],
        codes=[pl.Code(id="x", label="X")],
        codings=[
            pl.Coding(quote=f"q{number}", code="x", coder=coder)
            for number, (_, _, _, coder) in enumerate(units)
        ],
    )


def test_no_gap_runs_from_one_source_into_the_next() -> None:
    # Two sources of 10 characters; a marks [2, 5) and b [3, 5) in the first. Counted by hand
    # (Krippendorff 2004): gaps a: 2, 5, 10; b: 3, 5, 10 (cut at the sources' boundary).
    #   D_o = 2 * ((2-3)^2 + 0^2) / (2 * 1 * 20^2) = 0.0025
    #   unit 3: (1/3)(54 - 27 + 3) + 9 * (3 + 8 + 1 + 3 + 8) = 10 + 207
    #   unit 2: (1/3)(16 - 12 + 2) + 4 * (1 + 4 + 9 + 2 + 4 + 9) = 2 + 116
    #   D_e = 2 * 335 / (20 * (40 * 39 - (3*2 + 2*1))) = 670 / 31040
    study = study_of(
        [("s1", 2, 5, "a"), ("s1", 3, 5, "b")], {"s1": "0123456789", "s2": "abcdefghij"}
    )

    result = character_agreement(study, sources=["s1", "s2"])
    (x,) = result.codes

    assert result.characters == 20
    assert x.observed_disagreement == pytest.approx(0.0025)
    assert x.expected_disagreement == pytest.approx(670 / 31040)
    assert result.alpha == pytest.approx(1 - 0.0025 / (670 / 31040))


def test_by_default_only_sources_a_coder_coded_are_compared() -> None:
    study = study_of(
        [("s1", 2, 5, "a"), ("s1", 3, 5, "b")], {"s1": "0123456789", "s2": "abcdefghij"}
    )

    assert character_agreement(study).sources == ("s1",)


def test_one_coders_overlapping_quotes_with_a_code_count_as_their_union() -> None:
    overlapping = study_of(
        [("s1", 1, 6, "a"), ("s1", 4, 9, "a"), ("s1", 2, 9, "b")], {"s1": "0123456789abcdef"}
    )
    merged = unitized_alpha([(1, 8, "a", "x"), (2, 7, "b", "x")], length=16)

    assert character_agreement(overlapping).alpha == pytest.approx(merged.value)


def test_codings_whose_quote_has_no_span_are_skipped_and_counted() -> None:
    study = study_of([("s1", 1, 6, "a"), ("s1", 2, 6, "b")], {"s1": "0123456789"})
    unplaced = study.model_copy(
        update={
            "quotes": (*study.quotes, pl.Quote(id="loose", text="Words.")),
            "codings": (*study.codings, pl.Coding(quote="loose", code="x", coder="b")),
        }
    )

    assert character_agreement(unplaced).skipped == 1


def test_a_sample_without_source_texts_cannot_be_compared(samples: Path) -> None:
    pytest.importorskip("lxml")
    from peerlandscape.refi import read_qdpx

    study, _ = read_qdpx(samples / "sky-loom__TestProject.qdpx")  # its source files are absent
    with pytest.raises(AgreementDataError, match="source's text") as caught:
        character_agreement(study, coders=["friedrich-markgraf", "sebastian-petrausch"])
    assert caught.value.problem == "no_pairable_values"


def test_a_reflexive_study_says_its_figures_are_advisory() -> None:
    design = pl.Design(
        analysis_method="Thematic analysis", analysis_reference="Braun & Clarke, 2021"
    )
    result = character_agreement(two_coder_study(design))

    assert result.advisory is not None
    assert "advisory only" in str(result)
    assert "advisory" in repr(result)
    assert "<table>" in result._repr_html_()


def test_options_are_checked() -> None:
    study = two_coder_study()
    with pytest.raises(pl.UnknownIdError, match="t9"):
        character_agreement(study, sources=["t9"])
    with pytest.raises(pl.InvalidOptionError, match="string"):
        character_agreement(study, sources="t1")
    with pytest.raises(AgreementDataError) as caught:
        character_agreement(study, coders=["coder-b"])
    assert caught.value.problem == "too_few_coders"
    textless = study.model_copy(
        update={"sources": (*study.sources, pl.Source(id="t2", label="Transcript 2"))}
    )
    with pytest.raises(AgreementDataError, match="'t2' has no text"):
        character_agreement(textless, sources=["t1", "t2"])


@st.composite
def stretches(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, str, str]]]:
    """A continuum length and, per coder and code, disjoint stretches (begin, length)."""
    length = draw(st.integers(2, 60))
    units = []
    for coder in ("a", "b", "c")[: draw(st.integers(2, 3))]:
        for code in ("x", "y"):
            cuts = sorted(draw(st.sets(st.integers(0, length), max_size=6)))
            units += [
                (begin, end - begin, coder, code)
                for begin, end in zip(cuts[::2], cuts[1::2], strict=False)
            ]
    return length, units


@settings(max_examples=60, deadline=None)
@given(case=stretches())
def test_one_source_gives_the_unitized_alpha_of_its_quotes(
    case: tuple[int, list[tuple[int, int, str, str]]],
) -> None:
    length, units = case
    text = "w" * length
    coders = sorted({coder for _, _, coder, _ in units})
    study = pl.Study(
        id="generated",
        title="Generated",
        coders=[pl.Coder(id=coder, label=coder) for coder in ("a", "b", "c")],
        sources=[pl.Source(id="s", label="S", text=text)],
        quotes=[
            pl.Quote(id=f"q{i}", text=text[b : b + n], source="s", span=pl.Span(b, b + n))
            for i, (b, n, _, _) in enumerate(units)
        ],
        codes=[pl.Code(id="x", label="X"), pl.Code(id="y", label="Y")],
        codings=[
            pl.Coding(quote=f"q{i}", code=code, coder=coder)
            for i, (_, _, coder, code) in enumerate(units)
        ],
    )
    if len(coders) < 2:
        with pytest.raises(AgreementDataError):
            character_agreement(study)
        return
    try:
        expected = unitized_alpha(units, length=length, coders=coders)
    except AgreementDataError:
        with pytest.raises(AgreementDataError):
            character_agreement(study, coders=coders)
        return
    result = character_agreement(study, coders=coders)
    assert result.alpha == pytest.approx(expected.value, abs=1e-12)
    by_code = {c.category: c for c in expected.categories}
    for figures in result.codes:
        assert figures.observed_disagreement == pytest.approx(
            by_code[figures.category].observed_disagreement, abs=1e-15
        )
        assert figures.expected_disagreement == pytest.approx(
            by_code[figures.category].expected_disagreement, abs=1e-15
        )
