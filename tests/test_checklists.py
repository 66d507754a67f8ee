"""Reporting checklists: COREQ, SRQR and Braun & Clarke (2006) as data, and a study's report."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections import Counter

import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape.checklists import (
    BRAUN_CLARKE_2006,
    COREQ,
    GUIDELINES,
    SRQR,
    Guideline,
    Status,
    report,
)
from peerlandscape.checklists._answers import ANSWERS, MANUSCRIPT, evidence_for
from peerlandscape.checklists._evidence import RECORDS, Statement
from peerlandscape.models import Design
from strategies import FAST, studies

# --- the guidelines as data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("guideline", "size", "labels"),
    [(COREQ, 32, ("1", "32")), (SRQR, 21, ("S1", "S21")), (BRAUN_CLARKE_2006, 15, ("1", "15"))],
)
def test_each_guideline_has_its_published_number_of_items(
    guideline: Guideline, size: int, labels: tuple[str, str]
) -> None:
    assert len(guideline) == size
    assert [item.number for item in guideline] == list(range(1, size + 1))
    assert (guideline.items[0].label, guideline.items[-1].label) == labels
    assert len({item.name for item in guideline}) == size


def test_coreq_domains_and_sections() -> None:
    # Tong et al. (2007): domain 1 has items 1-8, domain 2 items 9-23, domain 3 items 24-32.
    assert COREQ.domains == (
        "Research team and reflexivity",
        "Study design",
        "Analysis and findings",
    )
    assert list(Counter(item.domain for item in COREQ).values()) == [8, 15, 9]
    sections = Counter(item.section for item in COREQ)
    assert sections == {
        "Personal characteristics": 5,
        "Relationship with participants": 3,
        "Theoretical framework": 1,
        "Participant selection": 4,
        "Setting": 3,
        "Data collection": 7,
        "Data analysis": 5,
        "Reporting": 4,
    }
    assert COREQ.item(12).name == "Sample size"
    assert COREQ.item(22).name == "Data saturation"
    assert COREQ.item(29).name == "Quotations presented"


def test_srqr_parts_of_the_report() -> None:
    assert SRQR.domains == (
        "Title and abstract",
        "Introduction",
        "Methods",
        "Results/findings",
        "Discussion",
        "Other",
    )
    assert list(Counter(item.domain for item in SRQR).values()) == [2, 2, 11, 2, 2, 2]
    assert SRQR.item("S8").name == "Sampling strategy"
    assert SRQR.item(8) == SRQR.item("S8")
    assert SRQR.item(8).ref == "SRQR S8"


def test_braun_and_clarke_groups() -> None:
    # Their Table 2: transcription (1), coding (2-6), analysis (7-10), overall (11), written
    # report (12-15).
    assert list(Counter(item.domain for item in BRAUN_CLARKE_2006).values()) == [1, 5, 4, 1, 4]


@pytest.mark.parametrize("guideline", GUIDELINES, ids=lambda g: g.id)
def test_every_item_asks_a_question_and_cites_its_source(guideline: Guideline) -> None:
    for item in guideline:
        assert item.guideline == guideline.name
        assert item.question.endswith("?"), item.ref
        assert item.citation == guideline.citation
    assert "https://doi.org/10." in guideline.citation


def test_an_unknown_item_is_refused() -> None:
    with pytest.raises(pl.InvalidOptionError, match="COREQ has no item 33; its items are 1 to 32"):
        COREQ.item(33)


def test_a_guideline_as_a_data_frame() -> None:
    frame = COREQ.to_pandas()
    assert frame.shape == (32, 5)
    assert frame.loc["21", "name"] == "Duration"
    assert frame.attrs["guideline"] == "COREQ"


# --- where each item's answer sits ----------------------------------------------------------


@pytest.mark.parametrize("guideline", GUIDELINES, ids=lambda g: g.id)
def test_every_item_has_its_places_mapped(guideline: Guideline) -> None:
    assert set(ANSWERS[guideline.id]) == {item.number for item in guideline}


def _resolves(path: str) -> bool:
    head, _, rest = path.partition(".")
    if not rest:
        return head in pl.Study.model_fields
    return head == "design" and rest in Design.model_fields


def test_every_statement_names_a_field_of_the_study() -> None:
    statements = [
        place
        for guideline in GUIDELINES
        for item in guideline
        for place in evidence_for(guideline.id, item.number) or ()
        if isinstance(place, Statement)
    ]
    assert statements
    assert [s.path for s in statements if not _resolves(s.path)] == []


def test_every_mapped_name_is_a_record_or_a_field() -> None:
    names = {name for table in ANSWERS.values() for names in table.values() for name in names}
    unknown = {n for n in names - set(RECORDS) - {MANUSCRIPT} if not _resolves(n)}
    assert unknown == set()


# --- the built-in study -----------------------------------------------------------------------

# What Engdahl et al. (2025) report of COREQ, and where (the paper's words):
COREQ_REPORTED = {
    1: "text",  # "Data collection was performed by Patrik Engdahl, Elisabeth Argentzell, ..."
    8: "text",  # "the interpretations were inevitably shaped by prior knowledge and experiences"
    9: "text",  # "qualitative descriptive study", "thematic analysis", "critical realism"
    10: "text",  # "Purposeful sampling was used as the recruitment method"
    11: "text",  # "a leaflet and a consent form", "via phone or email"
    12: "data",  # 30 participants (Table 2)
    14: "data",  # "at user organization or county council locations"; online video (LU-zoom)
    16: "data",  # Table 2's demographics; "between June and December 2023"
    17: "text",  # "a semi-structured protocol", "co-produced and evaluated by user organization"
    19: "text",  # "Each interview was audio-recorded"
    20: "text",  # "the interviewers completed fieldnotes"
    21: "data",  # "approximately two hours", "approximately one hour"
    22: "text",  # "Information power determined the decision to end data collection"
    24: "data",  # "the first author primarily handled the coding process"
    25: "data",  # Table 1 (codes, identified themes) and Table 3 (themes, sub-themes)
    26: "text",  # "bottom-up (inductive) thematic analysis"
    28: "text",  # "to conduct member checking for accuracy"
    29: "data",  # quotes signed "Peer support worker 5", "Representative from user org. 2", ...
    30: "data",  # every sub-theme illustrated by quotes
    31: "data",  # four themes (Table 3 and the narrative)
    32: "data",  # twelve sub-themes
}
# What it does not: the interviewers' credentials, occupation, gender, experience; any
# earlier relationship with participants or what they knew of the researchers; refusals or
# drop-outs; who else was present; repeat interviews; returning transcripts; software.
COREQ_MISSING = {2, 3, 4, 5, 6, 7, 13, 15, 18, 23, 27}


def test_the_builtin_coreq_report_lists_what_the_paper_reports_and_what_it_does_not(
    engdahl: pl.Study,
) -> None:
    coreq = report(engdahl, COREQ)
    assert {a.item.number: a.status.value for a in coreq.reported} == COREQ_REPORTED
    assert {a.item.number for a in coreq.missing} == COREQ_MISSING
    assert coreq.with_status(Status.MANUSCRIPT) == ()
    assert len(coreq.answers) == 32


@pytest.mark.parametrize(
    ("number", "where", "evidence"),
    [
        (12, ("participants",), "30 participants"),
        (21, ("interviews[*].approximate_duration_minutes",), "4 interviews of about 120 min"),
        (24, ("coders", "codings[*].coder"), "1 coder"),
        (29, ("quotes[*].participant",), "15 of 16 quotes identified by participant"),
        (10, ("design.sampling",), "Purposeful sampling"),
        (22, ("design.sample_size_rationale", "design.information_power"), "Information power"),
        (28, ("design.member_checking",), "yes"),
    ],
)
def test_each_builtin_answer_says_where_it_sits(
    engdahl: pl.Study, number: int, where: tuple[str, ...], evidence: str
) -> None:
    answer = report(engdahl, "coreq").answer(number)
    assert answer.where == where
    assert any(evidence in text for text in answer.evidence)


def test_a_missing_item_names_where_its_answer_would_sit(engdahl: pl.Study) -> None:
    answer = report(engdahl, "coreq").answer(27)
    assert answer.status is Status.MISSING
    assert answer.where == ("design.software",)
    assert answer.evidence == ()
    # repeat interviews: the focus groups do not list their members, so the data cannot tell
    assert report(engdahl, "coreq").answer(18).where == (
        "interviews[*].participants",
        "design.repeat_interviews",
    )


def test_the_builtin_srqr_and_braun_clarke_reports(engdahl: pl.Study) -> None:
    srqr = report(engdahl, "SRQR")
    assert [a.item.label for a in srqr.with_status("manuscript")] == ["S2", "S3", "S18"]
    assert srqr.missing == ()  # the paper states each of the others
    assert srqr.answer("S20").evidence == (
        "The authors have no relevant financial or non-financial interests to disclose.",
    )
    braun_clarke = report(engdahl, "braun-clarke-2006")
    assert {a.item.number for a in braun_clarke.reported} == {1, 4, 5, 8, 12, 15}
    assert braun_clarke.missing == ()


# --- other studies ----------------------------------------------------------------------------


def test_an_empty_study_answers_nothing() -> None:
    empty = report(pl.Study(id="empty", title="Empty"), COREQ)
    assert empty.reported == ()
    assert len(empty.missing) == 32


def test_a_study_that_names_its_interviewers_and_lists_who_took_part() -> None:
    study = pl.Study(
        id="s",
        title="S",
        groups=[{"id": "g", "label": "G"}],
        participants=[
            {"id": "p1", "label": "P1", "group": "g"},
            {"id": "p2", "label": "P2", "group": "g"},
        ],
        interviews=[
            {
                "id": "i1",
                "label": "I1",
                "participants": ["p1"],
                "facilitators": [{"role": "interviewer", "researcher": "AB"}],
            },
            {"id": "i2", "label": "I2", "participants": ["p1", "p2"]},
        ],
        design={"software": "NVivo 14", "member_checking": False},
    )
    coreq = report(study, COREQ)
    assert coreq.answer(1).status is Status.DATA
    assert coreq.answer(1).evidence == ("named researchers: AB",)
    assert coreq.answer(18).status is Status.DATA
    assert coreq.answer(18).evidence == ("1 participant took part in more than one interview",)
    assert (coreq.answer(27).status, coreq.answer(27).evidence) == (Status.TEXT, ("NVivo 14",))
    # a study that says it did not check with participants answers the item: "no"
    assert coreq.answer(28).evidence == ("no",)


def test_data_take_precedence_over_a_statement_of_the_same_item() -> None:
    study = pl.Study(
        id="s",
        title="S",
        interviews=[{"id": "i1", "label": "I1", "participants": []}],
        design={"repeat_interviews": "None were repeated."},
    )
    answer = report(study, COREQ).answer(18)
    assert answer.status is Status.DATA
    assert answer.where == ("interviews[*].participants", "design.repeat_interviews")
    assert answer.evidence == (
        "no participant took part in more than one interview",
        "None were repeated.",
    )


@pytest.mark.parametrize("name", ["coreq", "COREQ", "Coreq"])
def test_a_guideline_is_named_by_id_or_name(engdahl: pl.Study, name: str) -> None:
    assert report(engdahl, name).guideline is COREQ


def test_an_unknown_guideline_is_refused(engdahl: pl.Study) -> None:
    with pytest.raises(pl.InvalidOptionError, match="guideline must be one of 'coreq'"):
        report(engdahl, "consort")
    with pytest.raises(pl.InvalidOptionError, match="no answers are mapped"):
        report(engdahl, Guideline(id="x", name="X", title="X", citation="X", items=()))


def test_the_report_as_a_data_frame_and_as_text(engdahl: pl.Study) -> None:
    coreq = report(engdahl, COREQ)
    frame = coreq.to_pandas()
    assert frame.shape == (32, 5)
    assert frame.loc["27", "status"] == "missing"
    assert frame.loc["21", "where"] == ["interviews[*].approximate_duration_minutes"]
    text = str(coreq)
    assert text.splitlines()[0] == "COREQ report for engdahl2025: 10 data, 11 text, 11 missing"
    assert "27  missing     Software" in text


def test_reports_and_saturation_work_without_pandas_until_a_data_frame_is_asked_for() -> None:
    # pandas is an extra (tables): everything but to_pandas() must run without it.
    code = textwrap.dedent("""
        import sys
        sys.modules["pandas"] = None
        import peerlandscape as pl
        from peerlandscape import checklists, saturation
        study = pl.datasets.engdahl2025()
        results = [
            checklists.report(study, "coreq"),
            checklists.COREQ,
            saturation.discovery(study),
            saturation.guest_saturation(saturation.discovery(study)),
        ]
        print(all(len(r.to_records()) > 0 for r in results))
        for result in results:
            try:
                result.to_pandas()
            except pl.MissingDependencyError as exc:
                print(exc.package, exc.extra)
    """)
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["True", *["pandas tables"] * 4]


@FAST
@given(study=studies())
def test_any_study_gets_a_whole_report_whose_answers_say_where(study: pl.Study) -> None:
    for guideline in GUIDELINES:
        result = report(study, guideline)
        assert [a.item for a in result.answers] == list(guideline.items)
        for answer in result.answers:
            if answer.status is Status.MANUSCRIPT:
                assert answer.where == answer.evidence == ()
            elif answer.status is Status.MISSING:
                assert answer.where
                assert answer.evidence == ()
            else:
                assert answer.where
                assert answer.evidence
                assert all(text.strip() for text in answer.evidence)
