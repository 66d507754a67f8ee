"""Saturation: discovery across interviews, Guest et al.'s (2020) assessment, information power.

The expected answers are worked out by hand in the comments, from the definitions
(Guest, Namey & Chen 2020; Malterud, Siersma & Guassora 2016), never from the code under test.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.models import InformationPower
from peerlandscape.saturation import (
    Discovery,
    GuestAssessment,
    discovery,
    guest_saturation,
    information_power,
)
from strategies import FAST, studies


def coded_study(
    found: Mapping[str, Sequence[str]],
    *,
    dates: Mapping[str, str] | None = None,
    unplaced: Sequence[str] = (),
    extra_codes: Sequence[str] = (),
) -> pl.Study:
    """A study whose interviews, in the given order, hold the given codes (one quote each).

    Every code sits under sub-theme ``s-<code>`` of theme ``t-<first letter>``; ``unplaced``
    codes are carried by a quote of no interview; ``extra_codes`` are defined and never applied.
    """
    dates = dates or {}
    codes = sorted({c for held in found.values() for c in held} | set(unplaced) | set(extra_codes))
    quotes = [
        {"id": f"q-{interview}-{code}", "text": "Words.", "interview": interview}
        for interview, held in found.items()
        for code in held
    ] + [{"id": f"q-none-{code}", "text": "Words."} for code in unplaced]
    codings = [{"quote": quote["id"], "code": quote["id"].rsplit("-", 1)[1]} for quote in quotes]
    return pl.Study(
        id="coded",
        title="Coded",
        interviews=[
            {"id": interview, "label": interview.upper(), "date": dates.get(interview)}
            for interview in found
        ],
        quotes=quotes,
        codes=[{"id": c, "label": c.upper(), "subtheme": f"s-{c}"} for c in codes],
        codings=codings,
        subthemes=[{"id": f"s-{c}", "label": c, "theme": f"t-{c[0]}"} for c in codes],
        themes=[{"id": f"t-{letter}", "label": letter} for letter in sorted({c[0] for c in codes})],
    )


# Five interviews, two of them undated. By date: i3 (2023-01-15), i4 (2023-02), i1
# (2023-03-02), then the undated in study order: i2, i5.
DATED = coded_study(
    {"i1": ["aa", "ab"], "i2": ["ab", "ba"], "i3": ["aa"], "i4": ["bb"], "i5": []},
    dates={"i1": "2023-03-02", "i3": "2023-01-15", "i4": "2023-02"},
    unplaced=["bc"],
    extra_codes=["ca"],
)


def test_discovery_walks_the_interviews_by_date_then_study_order() -> None:
    found = discovery(DATED)
    assert found.basis == "dates"
    assert found.order == ("i3", "i4", "i1", "i2", "i5")
    assert found.undated == ("i2", "i5")
    # i3 {aa}: aa new, 1 | i4 {bb}: bb new, 2 | i1 {aa, ab}: ab new, 3 | i2 {ab, ba}: ba new,
    # 4 | i5 {}: 4
    assert [(s.found, s.new, s.cumulative) for s in found.steps] == [
        (("aa",), ("aa",), 1),
        (("bb",), ("bb",), 2),
        (("aa", "ab"), ("ab",), 3),
        (("ab", "ba"), ("ba",), 4),
        ((), (), 4),
    ]
    assert [s.position for s in found.steps] == [1, 2, 3, 4, 5]
    assert [s.date for s in found.steps] == ["2023-01-15", "2023-02", "2023-03-02", None, None]
    assert found.total == 4
    assert found.curve() == ((0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 4))


def test_a_quote_of_unknown_interview_is_listed_not_counted() -> None:
    found = discovery(DATED)
    assert found.unplaced_quotes == ("q-none-bc",)
    # bc (only in the unplaced quote) and ca (never applied) are found in no interview
    assert found.never_found == ("bc", "ca")


def test_discovery_of_subthemes_and_themes_follows_the_framework() -> None:
    subthemes = discovery(DATED, level="subtheme")
    assert [s.new for s in subthemes.steps] == [("s-aa",), ("s-bb",), ("s-ab",), ("s-ba",), ()]
    themes = discovery(DATED, level="theme")
    # i3 reaches t-a, i4 t-b; nothing after is new
    assert [s.new for s in themes.steps] == [("t-a",), ("t-b",), (), (), ()]
    assert themes.never_found == ("t-c",)


def test_an_order_given_by_the_caller_is_kept_and_may_leave_interviews_out() -> None:
    found = discovery(DATED, order=["interview:i2", "i1"])
    assert found.basis == "given"
    assert found.order == ("i2", "i1")
    assert found.undated == ()
    # i2 {ab, ba} | i1 {aa, ab}: aa new
    assert [s.new for s in found.steps] == [("ab", "ba"), ("aa",)]


def test_without_any_date_the_order_is_the_studys() -> None:
    study = coded_study({"x": ["aa"], "w": ["ab"], "v": []})
    found = discovery(study)
    assert (found.basis, found.order, found.undated) == ("study", ("x", "w", "v"), ())


def test_interviews_on_one_date_keep_study_order() -> None:
    study = coded_study(
        {"x": [], "w": [], "v": []}, dates={"x": "2024-05", "w": "2024-04", "v": "2024-05"}
    )
    assert discovery(study).order == ("w", "x", "v")


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"level": "candidate_theme"}, pl.InvalidOptionError, "level must be one of"),
        ({"order": ["i1", "i1"]}, pl.InvalidOptionError, "names interview 'i1' twice"),
        ({"order": "i1"}, pl.InvalidOptionError, "sequence of interview ids"),
        ({"order": [1]}, pl.InvalidOptionError, "must hold interview ids"),
        ({"order": ["i9"]}, pl.UnknownIdError, "no interview with id 'i9'"),
    ],
)
def test_bad_arguments_are_refused_with_a_message(
    options: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        discovery(DATED, **options)  # type: ignore[arg-type]


def test_the_discovery_table_as_a_data_frame() -> None:
    frame = discovery(DATED).to_pandas()
    assert list(frame["interview"]) == ["i3", "i4", "i1", "i2", "i5"]
    assert list(frame["cumulative"]) == [1, 2, 3, 4, 4]
    assert frame["new_elements"].iloc[2] == ["ab"]
    assert frame.attrs == {"level": "code", "basis": "dates"}


# --- Guest, Namey & Chen (2020) --------------------------------------------------------------

# Ten interviews. The first four hold 20 distinct codes (the base); then interview 5 adds 2
# codes, 6 adds 1, 7 adds 1, 8 and 9 add none, 10 adds 1.
BASE = [f"b{n:02d}" for n in range(20)]
LATER = {"i5": ["n1", "n2"], "i6": ["n3"], "i7": ["n4"], "i8": [], "i9": [], "i10": ["n5"]}
TEN = coded_study(
    {
        "i1": BASE[:8],
        "i2": BASE[5:14],
        "i3": BASE[14:18],
        "i4": [*BASE[18:], "b00"],
        # later interviews repeat base codes too: only what is new counts
        **{name: [*held, "b03"] for name, held in LATER.items()},
    }
)
TEN_FOUND = discovery(TEN)


def test_guest_with_the_papers_parameters() -> None:
    assessment = guest_saturation(TEN_FOUND)
    assert (assessment.base_size, assessment.run_length, assessment.threshold) == (4, 2, 0.05)
    assert assessment.base == ("i1", "i2", "i3", "i4")
    assert assessment.base_elements == 20
    # runs of two, each starting one interview later; new over the base's 20:
    # 5-6: 3 (15%), 6-7: 2 (10%), 7-8: 1 (5%, at the threshold), 8-9: 0, 9-10: 1 (5%)
    assert [(r.first, r.last, len(r.new), r.ratio, r.saturated) for r in assessment.runs] == [
        (5, 6, 3, 0.15, False),
        (6, 7, 2, 0.10, False),
        (7, 8, 1, 0.05, True),
        (8, 9, 0, 0.0, True),
        (9, 10, 1, 0.05, True),
    ]
    # saturation at the interviews before the first saturated run, confirmed by the run: 6+2
    assert assessment.reached
    assert assessment.saturation_point == 6
    assert assessment.label == "6+2"
    assert assessment.runs[0].new == ("n1", "n2", "n3")
    assert assessment.runs[0].interviews == ("i5", "i6")


@pytest.mark.parametrize(
    ("parameters", "label"),
    [
        # no new information at all: run 8-9 is the first with none
        ({"threshold": 0}, "7+2"),
        # runs of three: 5-7: 4 (20%), 6-8: 2 (10%), 7-9: 1 (5%)
        ({"run_length": 3}, "6+3"),
        # a base of five holds 22 codes: 6-7: 2/22 (9.1%), 7-8: 1/22 (4.5%)
        ({"base_size": 5}, "6+2"),
        # a 10% threshold: run 6-7 (2/20) already meets it
        ({"threshold": 0.1}, "5+2"),
        # no run of three without new information: 5-7, 6-8, 7-9, 8-10 all add some
        ({"threshold": 0, "run_length": 3}, None),
    ],
)
def test_guest_with_other_parameters(parameters: dict[str, float], label: str | None) -> None:
    assessment = guest_saturation(TEN_FOUND, **parameters)  # type: ignore[arg-type]
    assert assessment.label == label
    assert assessment.reached is (label is not None)


def test_guest_is_not_assessable_with_fewer_interviews_than_a_base_and_a_run() -> None:
    short = discovery(TEN, order=["i1", "i2", "i3", "i4", "i5"])
    assessment = guest_saturation(short)
    assert assessment.runs == ()
    assert assessment.saturation_point is None
    assert "not assessable" in str(assessment)


def test_a_base_without_elements_leaves_every_ratio_undefined() -> None:
    empty_base = coded_study({"a": [], "b": [], "c": ["aa"], "d": []})
    assessment = guest_saturation(discovery(empty_base), base_size=2, run_length=1)
    assert assessment.base_elements == 0
    assert [(r.ratio, r.saturated) for r in assessment.runs] == [(None, False), (None, False)]
    assert not assessment.reached


@pytest.mark.parametrize(
    "parameters",
    [
        {"base_size": 0},
        {"base_size": 2.5},
        {"base_size": True},
        {"run_length": 0},
        {"threshold": -0.01},
        {"threshold": 5},
        {"threshold": "5%"},
    ],
)
def test_guest_refuses_parameters_outside_their_range(parameters: dict[str, object]) -> None:
    with pytest.raises(pl.InvalidOptionError, match=next(iter(parameters))):
        guest_saturation(TEN_FOUND, **parameters)  # type: ignore[arg-type]


def test_guest_runs_as_a_data_frame_and_as_text() -> None:
    assessment = guest_saturation(TEN_FOUND)
    frame = assessment.to_pandas()
    assert list(frame["first"]) == [5, 6, 7, 8, 9]
    assert list(frame["saturated"]) == [False, False, True, True, True]
    assert frame.attrs["base_elements"] == 20
    text = str(assessment)
    assert text.splitlines()[0] == (
        "saturation at 6+2: base 4 interviews (20 distinct), run 2, new information <= 5%"
    )
    assert "run 7-8: 1 new, 5.0%  <= threshold" in text


interview_codes = st.lists(
    st.sets(st.sampled_from(["aa", "ab", "ac", "ba", "bb", "ca", "cb", "cc"]), max_size=4),
    min_size=0,
    max_size=9,
)


@FAST
@given(held=interview_codes, base_size=st.integers(1, 4), run_length=st.integers(1, 3))
def test_discovery_and_guest_agree_with_the_sets(
    held: list[set[str]], base_size: int, run_length: int
) -> None:
    study = coded_study({f"i{n}": sorted(codes) for n, codes in enumerate(held)})
    found = discovery(study)
    for position, step in enumerate(found.steps):
        before = set().union(*held[:position])
        assert set(step.new) == held[position] - before
        assert step.cumulative == len(before | held[position])
    assessment = guest_saturation(found, base_size=base_size, run_length=run_length)
    base = set().union(*held[:base_size])
    assert assessment.base_elements == (len(base) if len(held) >= base_size else 0)
    for run in assessment.runs:
        window = set().union(*held[run.first - 1 : run.last])
        assert set(run.new) == window - set().union(*held[: run.first - 1])
        assert run.last - run.first + 1 == run_length
        if base:
            assert run.ratio == len(run.new) / len(base)
    first = next((r for r in assessment.runs if r.saturated), None)
    assert assessment.saturation_point == (None if first is None else first.first - 1)


@FAST
@given(study=studies(), level=st.sampled_from(["code", "subtheme", "theme"]))
def test_every_element_is_found_in_an_interview_or_listed_as_never_found(
    study: pl.Study, level: str
) -> None:
    found = discovery(study, level=level)  # type: ignore[arg-type]
    defined = {"code": study.codes, "subtheme": study.subthemes, "theme": study.themes}[level]
    new = [element for step in found.steps for element in step.new]
    assert len(new) == len(set(new)) == found.total
    assert set(new) | set(found.never_found) == {element.id for element in defined}
    assert set(new).isdisjoint(found.never_found)
    cumulative = [step.cumulative for step in found.steps]
    assert cumulative == sorted(cumulative)
    assert sorted(found.order) == sorted(i.id for i in study.interviews)


def test_the_builtin_study_discovery_counts_only_quotes_tied_to_an_interview(
    engdahl: pl.Study,
) -> None:
    found = discovery(engdahl, level="subtheme")
    # no interview has a date: study order, focus groups first
    assert found.basis == "study"
    assert found.order == tuple(i.id for i in engdahl.interviews)
    # the peer support workers' quotes have no focus group, and Table 1's extract no interview
    unplaced = {q.id for q in engdahl.quotes if q.interview is None}
    assert set(found.unplaced_quotes) == unplaced
    assert all(not step.found for step in found.steps[:4])
    # the sub-themes voiced only by peer support workers are found in no interview
    assert len(found.never_found) + found.total == len(engdahl.subthemes)


def test_guest_on_the_builtin_study_in_study_order_has_an_empty_base(engdahl: pl.Study) -> None:
    # Its first four interviews are the focus groups, whose quotes the paper does not place.
    assessment = guest_saturation(discovery(engdahl, level="subtheme"))
    assert assessment.base_elements == 0
    assert not assessment.reached


# --- information power ------------------------------------------------------------------------


def test_information_power_of_the_builtin_study(engdahl: pl.Study) -> None:
    reading = information_power(engdahl)
    assert reading.statement is not None
    assert reading.statement.startswith("Information power determined the decision")
    assert [(d.name, d.pole) for d in reading.dimensions] == [
        ("aim", "broad"),
        ("sample_specificity", None),
        ("established_theory", None),
        ("quality_of_dialogue", "strong"),
        ("analysis_strategy", None),
    ]
    aim = reading.dimension("aim")
    assert (aim.poles, aim.fewer_participants) == (("narrow", "broad"), False)
    assert reading.dimension("quality_of_dialogue").fewer_participants is True
    assert [d.name for d in reading.unstated] == [
        "sample_specificity",
        "established_theory",
        "analysis_strategy",
    ]


def test_the_dimensions_and_poles_are_malteruds() -> None:
    reading = information_power(pl.Study(id="s", title="S"))
    assert tuple(d.name for d in reading.dimensions) == InformationPower.DIMENSIONS
    assert [d.poles for d in reading.dimensions] == [
        ("narrow", "broad"),
        ("dense", "sparse"),
        ("applied", "none"),
        ("strong", "weak"),
        ("case", "cross_case"),
    ]
    assert reading.statement is None
    assert reading.stated == ()


def test_information_power_is_never_summed() -> None:
    # Each dimension keeps its own pole and reason; no record, column or attribute totals them.
    power = InformationPower(
        aim="narrow",
        aim_justification="One question",
        sample_specificity="dense",
        sample_specificity_justification="All hold the experience",
    )
    reading = information_power(pl.Study(id="s", title="S", design={"information_power": power}))
    records = reading.to_records()
    assert len(records) == 5
    assert all(set(record) == set(records[0]) for record in records)
    assert not any("score" in key or "total" in key for key in records[0])
    assert [r["fewer_participants"] for r in records] == [True, True, None, None, None]


def test_a_pole_needs_its_justification_and_a_justification_its_pole() -> None:
    with pytest.raises(ValueError, match="'aim' is given without its justification"):
        InformationPower(aim="broad")
    with pytest.raises(ValueError, match="'analysis_strategy' has a justification but no pole"):
        InformationPower(analysis_strategy_justification="Across many cases")
    with pytest.raises(ValueError, match="'narrow' or 'broad'"):
        InformationPower(aim="wide", aim_justification="?")  # type: ignore[arg-type]


def test_results_are_frozen_values() -> None:
    found = discovery(DATED)
    assert isinstance(found, Discovery)
    assert isinstance(guest_saturation(found), GuestAssessment)
    with pytest.raises(AttributeError):
        found.level = "theme"  # type: ignore[misc]
