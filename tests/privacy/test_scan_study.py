"""scan_study: every free text of a study, each finding located by object and field."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape.privacy import StudyFinding, scan_study
from peerlandscape.privacy._texts import study_texts
from strategies import FAST, studies

PNR = "850709-2347"  # invented; the check digit holds


def full_study() -> pl.Study:
    """A study with a planted e-mail address in every free-text field there is."""
    mail = "kim@example.se"
    return pl.Study(
        id="full",
        title=f"Title {mail}",
        authors=["Author One <author@example.se>"],
        journal=f"Journal {mail}",
        year=2025,
        aim=f"Aim {mail}",
        design={
            "approach": f"Approach {mail}",
            "interview_topics": [f"Topic {mail}"],
            "limitations": [f"Limitation {mail}"],
        },
        regions=[{"id": "r", "label": f"Region {mail}", "description": f"Here {mail}"}],
        groups=[
            {
                "id": "g",
                "label": f"Group {mail}",
                "description": f"Who {mail}",
                "interview_format": f"Format {mail}",
                "demographics": {"notes": [f"Demography {mail}"], "sex": {"female": 3}},
                "notes": [f"Group note {mail}"],
            }
        ],
        participants=[
            {
                "id": "p",
                "label": f"Label {mail}",
                "group": "g",
                "aliases": [f"Alias {mail}"],
                "sex": f"Sex {mail}",
                "age": 40,
                "education": f"Education {mail}",
                "employment_context": f"Employment {mail}",
                "attributes": {"Contact": mail, "Personnummer": 8507092347, "Smoker": True},
                "notes": [f"Participant note {mail}"],
            }
        ],
        interviews=[
            {
                "id": "i",
                "label": f"Interview {mail}",
                "setting": f"Setting {mail}",
                "platform": f"Platform {mail}",
                "facilitators": [{"role": "moderator", "researcher": mail}],
                "participants": ["p"],
                "date": "2023-05-14",
                "notes": [f"Interview note {mail}"],
            }
        ],
        sources=[
            {
                "id": "s",
                "label": f"Source {mail}",
                "interview": "i",
                "text": f"Text {mail}",
                "language": "sv",
                "notes": [f"Source note {mail}"],
            }
        ],
        quotes=[
            {
                "id": "q",
                "text": f"Quote {mail}",
                "participant": "p",
                "label": f"Quote label {mail}",
                "notes": [f"Quote note {mail}"],
            }
        ],
        coders=[{"id": "c", "label": mail, "role": f"Role {mail}"}],
        codes=[{"id": "k", "label": f"Code {mail}", "description": f"Code says {mail}"}],
        candidate_themes=[{"id": "ct", "label": f"Candidate {mail}", "description": mail}],
        themes=[{"id": "t", "label": f"Theme {mail}", "description": mail}],
        subthemes=[{"id": "st", "label": f"Sub-theme {mail}", "theme": "t", "description": mail}],
        overarching_theme={"id": "o", "label": f"Overarching {mail}", "description": mail},
        codings=[{"quote": "q", "code": "k", "coder": "c", "when": datetime.datetime(2024, 1, 1)}],
        attributions=[{"subtheme": "st", "groups": ["g"], "evidence": f"Evidence {mail}"}],
        memos=[{"id": "m", "text": f"Memo {mail}", "label": f"Memo title {mail}", "author": "c"}],
        notes=[f"Study note {mail}"],
    )


def test_every_free_text_of_a_study_is_scanned_and_located() -> None:
    located = {(f.ref, f.field, f.kind.value) for f in scan_study(full_study())}
    expected = {
        ("study:full", "title"),
        ("study:full", "aim"),
        ("study:full", "design.approach"),
        ("study:full", "design.interview_topics.0"),
        ("study:full", "design.limitations.0"),
        ("region:r", "label"),
        ("region:r", "description"),
        ("group:g", "label"),
        ("group:g", "description"),
        ("group:g", "interview_format"),
        ("group:g", "demographics.notes.0"),
        ("group:g", "notes.0"),
        ("participant:p", "label"),
        ("participant:p", "aliases.0"),
        ("participant:p", "sex"),
        ("participant:p", "education"),
        ("participant:p", "employment_context"),
        ("participant:p", "attributes.Contact"),
        ("participant:p", "notes.0"),
        ("interview:i", "label"),
        ("interview:i", "setting"),
        ("interview:i", "platform"),
        ("interview:i", "facilitators.0.researcher"),
        ("interview:i", "notes.0"),
        ("source:s", "label"),
        ("source:s", "text"),
        ("source:s", "notes.0"),
        ("quote:q", "text"),
        ("quote:q", "label"),
        ("quote:q", "notes.0"),
        ("coder:c", "label"),
        ("coder:c", "role"),
        ("code:k", "label"),
        ("code:k", "description"),
        ("candidate_theme:ct", "label"),
        ("candidate_theme:ct", "description"),
        ("theme:t", "label"),
        ("theme:t", "description"),
        ("subtheme:st", "label"),
        ("subtheme:st", "description"),
        ("overarching_theme:o", "label"),
        ("overarching_theme:o", "description"),
        ("study:full", "attributions.0.evidence"),
        ("memo:m", "text"),
        ("memo:m", "label"),
        ("study:full", "notes.0"),
    }
    emails = {(ref, field) for ref, field, kind in located if kind == "email"}
    assert emails == expected
    # An identity number typed into a case variable as a number is found too.
    assert ("participant:p", "attributes.Personnummer", "personal_identity_number") in located


def test_the_publications_authors_journal_and_doi_are_not_scanned() -> None:
    fields = {(text.ref, text.field) for text in study_texts(full_study())}
    assert not {field for _, field in fields} & {"authors.0", "journal", "doi"}


def test_ids_references_dates_and_enumerations_are_not_free_text() -> None:
    fields = {text.field for text in study_texts(full_study())}
    assert not fields & {"id", "group", "interview", "participant", "source", "about", "date"}
    assert not any(field.startswith(("participants.", "codings.", "span")) for field in fields)
    assert "attributes.Smoker" not in fields  # a yes/no value


def test_the_built_in_study_holds_nothing_that_identifies_a_person(engdahl: pl.Study) -> None:
    assert scan_study(engdahl) == []


def _study(**fields: object) -> pl.Study:
    base: dict[str, object] = {
        "id": "demo",
        "title": "Demo",
        "groups": [{"id": "psw", "label": "Peer support workers"}],
    }
    return pl.Study.model_validate({**base, **fields})


def test_a_participant_label_shaped_like_a_name_is_a_name_found_wherever_it_recurs() -> None:
    study = _study(
        participants=[
            {"id": "p1", "label": "Anna Andersson", "group": "psw"},
            {"id": "p2", "label": "Peer support worker 5", "group": "psw"},
            {"id": "p3", "label": "P3", "group": "psw", "aliases": ["Kim Ek"]},
        ],
        memos=[{"id": "m", "text": "Anna Andersson and kim ek came late."}],
    )
    assert [(f.ref, f.field, f.text) for f in scan_study(study)] == [
        ("participant:p1", "label", "Anna Andersson"),
        ("participant:p3", "aliases.0", "Kim Ek"),
        ("memo:m", "text", "Anna Andersson"),
        ("memo:m", "text", "kim ek"),
    ]
    assert scan_study(study, name_labels=False) == []


TRANSCRIPT = (
    "Moderator: Välkomna hit.\n"
    "ANNA: Jag börjar.\n"
    "[00:01:02] Bo: Ja, gör det.\n"
    "ANNA: Det var Bo som ringde.\n"
    "Bo: Nej.\n"
    "Fråga: Vad hände sedan?\n"
    "Fråga: Och sedan?\n"
    "Example: one line only\n"
)


def test_speaker_tags_of_a_transcript_are_names_found_wherever_they_recur() -> None:
    study = _study(
        sources=[{"id": "t1", "label": "Focus group 1", "text": TRANSCRIPT}],
        memos=[{"id": "m", "text": "Anna led the talk."}],
    )
    found = [(f.ref, f.text) for f in scan_study(study)]
    assert found == [
        ("source:t1", "ANNA"),
        ("source:t1", "Bo"),
        ("source:t1", "ANNA"),
        ("source:t1", "Bo"),
        ("source:t1", "Bo"),
        ("memo:m", "Anna"),
    ]
    assert scan_study(study, speaker_tags=False) == []


def test_a_tag_that_opens_one_line_only_or_names_a_role_is_no_speaker() -> None:
    study = _study(sources=[{"id": "t1", "label": "Notes", "text": TRANSCRIPT}])
    texts = {f.text for f in scan_study(study)}
    assert not texts & {"Moderator", "Fråga", "Example"}


def test_listed_names_are_found_in_every_text() -> None:
    study = _study(
        participants=[{"id": "p1", "label": "PSW 1", "group": "psw", "notes": ["Vän till Kim."]}],
        coders=[{"id": "c1", "label": "Kim"}],
    )
    assert [(f.location, f.text) for f in scan_study(study, names=["Kim"])] == [
        ("participant:p1 notes.0", "Kim"),
        ("coder:c1 label", "Kim"),
    ]


def test_a_study_finding_is_a_plain_record() -> None:
    finding = StudyFinding("quote:q1", "text", "email", 4, 18, "kim@example.se")
    assert finding.to_record() == {
        "ref": "quote:q1",
        "field": "text",
        "kind": "email",
        "start": 4,
        "end": 18,
        "text": "kim@example.se",
    }
    assert pl.parse_ref(finding.ref) == (pl.Kind.QUOTE, "q1")


@FAST
@given(studies())
def test_every_finding_of_any_study_points_at_its_text(study: pl.Study) -> None:
    texts = {(t.ref, t.field): t.text for t in study_texts(study)}
    for finding in scan_study(study):
        assert texts[finding.ref, finding.field][finding.start : finding.end] == finding.text


@pytest.mark.parametrize("value", [PNR, 8507092347])
def test_an_identity_number_in_a_case_variable_is_found_as_text_or_number(
    value: str | int,
) -> None:
    study = _study(
        participants=[{"id": "p1", "label": "PSW 1", "group": "psw", "attributes": {"pnr": value}}]
    )
    (finding,) = scan_study(study)
    assert (finding.location, finding.kind.value) == (
        "participant:p1 attributes.pnr",
        "personal_identity_number",
    )
