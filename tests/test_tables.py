"""Spreadsheets of coded quotes: read into a study, and a study written back out as one.

The spreadsheet below is made by hand, as a researcher would type it: 20 invented quotes,
coded by two coders, with pseudonymous labels only ("Peer support worker 3").
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import peerlandscape as pl
from peerlandscape.readwrite import RowProblem, TableImport, TableReport
from strategies import studies

openpyxl = pytest.importorskip("openpyxl")

HEADER = (
    "quote_id",
    "text",
    "interview_id",
    "participant_id",
    "participant_label",
    "stakeholder_group",
    "code",
    "subtheme",
    "theme",
    "coder",
)

PSW, OFFICIALS, USERS = "Peer support workers", "Officials", "User organizations"
BEING_SEEN, SHARING = "Being seen as a colleague", "Sharing lived experience"
ROLE, INSECURE = "An unclear role", "Insecure employment"
BELONGING, WORK, CHANGE = "Belonging", "Working conditions", "Changing the services"

# 20 quotes by 10 participants in 25 rows (rows 2 to 26): one row per quote and framework
# element. Later rows of a quote leave blank what an earlier row gave; six rows have no
# quote_id (a quote per text: rows 23 and 24 are one quote); codings apply codes (under a
# sub-theme, or nowhere yet), sub-themes and themes.
# fmt: off
SPREADSHEET: tuple[tuple[str, ...], ...] = (
    HEADER,
    ("q01", "The team invites me to every meeting now, and they ask what I think.",
     "Focus group 1", "psw-1", "Peer support worker 1", PSW,
     "Invited to team meetings", BEING_SEEN, BELONGING, "Coder A"),
    ("q01", "", "", "", "", "", "", BEING_SEEN, BELONGING, "Coder B"),
    ("q02", "Decisions about our work are made in rooms we are never in.",
     "Focus group 1", "psw-2", "Peer support worker 2", PSW,
     "Left out of decisions", BEING_SEEN, BELONGING, "Coder A"),
    ("q03", "I use my own story when someone feels that nothing will ever change.",
     "Focus group 1", "psw-3", "Peer support worker 3", PSW,
     "Own story as a tool", SHARING, BELONGING, "Coder A"),
    ("q03", "", "", "", "", "", "Hope", "", "", "Coder B"),
    ("q04", "Nobody could tell me what my job actually was during the first months.",
     "Interview 5", "psw-4", "Peer support worker 4", PSW,
     "No job description", ROLE, WORK, "Coder A"),
    ("q05", "We hire on hourly contracts because the money comes one year at a time.",
     "Interview 6", "off-1", "Official 1", OFFICIALS,
     "Hourly contracts", INSECURE, WORK, "Coder A"),
    ("q05", "", "", "", "", "", "Funding year by year", INSECURE, WORK, "Coder B"),
    ("q06", "When the project ended, so did the peer support positions.",
     "Interview 6", "off-1", "", "", "", INSECURE, "", "Coder A"),
    ("q07", "User organizations train the peer support workers, but nobody pays us for it.",
     "Interview 7", "uo-1", "User organization representative 1", USERS,
     "", "", CHANGE, "Coder B"),
    ("q08", "Some days I am a colleague, some days I am treated like a patient again.",
     "Focus group 1", "psw-1", "", "", "", BEING_SEEN, "", "Coder B"),
    ("q09", "My manager did not know what a peer support worker does.",
     "Focus group 2", "psw-5", "Peer support worker 5", PSW,
     "No job description", ROLE, WORK, "Coder A"),
    ("q10", "We need a plan that lasts longer than one election period.",
     "Interview 8", "off-2", "Official 2", OFFICIALS, "", "", CHANGE, "Coder A"),
    ("q10", "", "", "", "", "", "Funding year by year", "", "", "Coder A"),
    ("q11", "Telling my story is a choice I make for the person in front of me.",
     "Focus group 2", "psw-6", "Peer support worker 6", PSW, "", SHARING, BELONGING, ""),
    ("q12", "The staff room went quiet the first time I walked in.",
     "Focus group 2", "psw-5", "", "", "Left out of decisions", BEING_SEEN, "", "Coder B"),
    ("q13", "Without a union agreement, every contract is negotiated alone.",
     "Interview 7", "uo-1", "", "", "Hourly contracts", "", "", "Coder B"),
    ("q14", "Psychiatry changes slowly, but it does change when we are there.",
     "Interview 8", "off-2", "", "", "", "", CHANGE, ""),
    ("", "I was asked to do everything except the work I was hired for.",
     "Interview 5", "psw-4", "", "", "", ROLE, WORK, "Coder A"),
    ("", "Peer support should be part of the budget, not a project.",
     "Interview 6", "off-1", "", "", "", INSECURE, "", "Coder B"),
    ("", "Hope is what I bring, and hope is hard to write in a chart.",
     "Focus group 1", "psw-3", "", "", "Hope", SHARING, "", "Coder A"),
    ("", "We sit at the table now, at least in some of the meetings.",
     "Interview 9", "uo-2", "User organization representative 2", USERS,
     "Invited to team meetings", "", "", "Coder A"),
    ("", "We sit at the table now, at least in some of the meetings.",
     "", "", "", "", "", "", CHANGE, "Coder B"),
    ("q15", "The evidence is growing, and the managers are starting to read it.",
     "Interview 9", "uo-2", "", "", "", "", CHANGE, "Coder A"),
    ("", "A job description would have saved me a year of guessing.",
     "Focus group 2", "psw-6", "", "", "No job description", "", "", "Coder B"),
)
# fmt: on

# What each row makes: (quote, element kind, element, coder), in row order.
EXPECTED_CODINGS = [
    ("q01", "code", "invited-to-team-meetings", "coder-a"),
    ("q01", "subtheme", "being-seen-as-a-colleague", "coder-b"),
    ("q02", "code", "left-out-of-decisions", "coder-a"),
    ("q03", "code", "own-story-as-a-tool", "coder-a"),
    ("q03", "code", "hope", "coder-b"),
    ("q04", "code", "no-job-description", "coder-a"),
    ("q05", "code", "hourly-contracts", "coder-a"),
    ("q05", "code", "funding-year-by-year", "coder-b"),
    ("q06", "subtheme", "insecure-employment", "coder-a"),
    ("q07", "theme", "changing-the-services", "coder-b"),
    ("q08", "subtheme", "being-seen-as-a-colleague", "coder-b"),
    ("q09", "code", "no-job-description", "coder-a"),
    ("q10", "theme", "changing-the-services", "coder-a"),
    ("q10", "code", "funding-year-by-year", "coder-a"),
    ("q11", "subtheme", "sharing-lived-experience", None),
    ("q12", "code", "left-out-of-decisions", "coder-b"),
    ("q13", "code", "hourly-contracts", "coder-b"),
    ("q14", "theme", "changing-the-services", None),
    ("i-was-asked-to-do-everything", "subtheme", "an-unclear-role", "coder-a"),
    ("peer-support-should-be-part-of", "subtheme", "insecure-employment", "coder-b"),
    ("hope-is-what-i-bring-and", "code", "hope", "coder-a"),
    ("we-sit-at-the-table-now", "code", "invited-to-team-meetings", "coder-a"),
    ("we-sit-at-the-table-now", "theme", "changing-the-services", "coder-b"),
    ("q15", "theme", "changing-the-services", "coder-a"),
    ("a-job-description-would-have-saved", "code", "no-job-description", "coder-b"),
]


def write_csv(
    path: Path, rows: Sequence[Sequence[str]], *, delimiter: str = ",", bom: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig" if bom else "utf-8"))
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[str]], *, title: str = "Coding") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append([cell or None for cell in row])  # an empty cell, as Excel leaves it
    book.save(path)
    return path


def codings_of(study: pl.Study) -> list[tuple[str, str, str, str | None]]:
    return [(c.quote, *c.target, c.coder) for c in study.codings]


def problems_of(report: TableReport) -> list[tuple[int, str | None, str]]:
    return [(p.row, p.column, p.kind) for p in report.problems]


@pytest.fixture(params=["csv", "csv-semicolon-bom", "xlsx"])
def spreadsheet(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """The hand-made spreadsheet, as Excel or LibreOffice would save it."""
    if request.param == "xlsx":
        return write_xlsx(tmp_path / "coded quotes.xlsx", SPREADSHEET)
    if request.param == "csv":
        return write_csv(tmp_path / "coded quotes.csv", SPREADSHEET)
    # What Swedish Excel writes for "CSV UTF-8": semicolons and a byte-order mark.
    return write_csv(tmp_path / "coded quotes.csv", SPREADSHEET, delimiter=";", bom=True)


# --- a spreadsheet made by hand -----------------------------------------------------------


def test_a_hand_made_spreadsheet_becomes_a_valid_study(spreadsheet: Path) -> None:
    study, report = pl.read_table(spreadsheet)
    assert pl.validate(study).valid
    assert (study.id, study.title) == ("coded-quotes", "coded quotes")
    assert len(study.quotes) == 20
    assert codings_of(study) == EXPECTED_CODINGS
    assert report.problems == ()
    assert (report.rows, report.rows_used, report.quotes, report.codings) == (25, 25, 20, 25)
    assert report.participants == 10
    assert report.summary() == "used 25 of 25 rows: 20 quotes, 25 codings, 10 participants"


def test_the_study_holds_the_people_and_the_framework_the_rows_name(spreadsheet: Path) -> None:
    study = pl.read_table(spreadsheet).study
    assert [(g.id, g.label) for g in study.groups] == [
        ("peer-support-workers", PSW),
        ("officials", OFFICIALS),
        ("user-organizations", USERS),
    ]
    participants = {p.id: (p.label, p.group) for p in study.participants}
    assert participants["psw-3"] == ("Peer support worker 3", "peer-support-workers")
    assert participants["uo-2"] == ("User organization representative 2", "user-organizations")
    assert len(participants) == 10
    assert [(i.id, i.label) for i in study.interviews][:2] == [
        ("focus-group-1", "Focus group 1"),
        ("interview-5", "Interview 5"),
    ]
    assert [(c.id, c.label) for c in study.coders] == [
        ("coder-a", "Coder A"),
        ("coder-b", "Coder B"),
    ]
    assert [(t.id, t.label) for t in study.themes] == [
        ("belonging", BELONGING),
        ("working-conditions", WORK),
        ("changing-the-services", CHANGE),
    ]
    assert {s.id: s.theme for s in study.subthemes} == {
        "being-seen-as-a-colleague": "belonging",
        "sharing-lived-experience": "belonging",
        "an-unclear-role": "working-conditions",
        "insecure-employment": "working-conditions",
    }
    codes = {c.id: (c.label, c.subtheme, c.theme) for c in study.codes}
    # A row naming a code and a sub-theme puts the code under the sub-theme; "Hope" is first
    # named alone (row 6), then under a sub-theme (row 22).
    assert codes["invited-to-team-meetings"] == (
        "Invited to team meetings",
        "being-seen-as-a-colleague",
        None,
    )
    assert codes["hope"] == ("Hope", "sharing-lived-experience", None)
    quotes = {q.id: q for q in study.quotes}
    assert (quotes["q06"].participant, quotes["q06"].interview) == ("off-1", "interview-6")
    assert quotes["we-sit-at-the-table-now"].participant == "uo-2"
    assert quotes["q01"].text == SPREADSHEET[1][1]


def test_csv_and_xlsx_give_the_same_study(tmp_path: Path) -> None:
    from_csv = pl.read_table(write_csv(tmp_path / "quotes.csv", SPREADSHEET)).study
    from_xlsx = pl.read_table(write_xlsx(tmp_path / "quotes.xlsx", SPREADSHEET)).study
    assert from_csv == from_xlsx


def test_rows_in_memory_read_as_the_file_does(tmp_path: Path) -> None:
    rows = [dict(zip(HEADER, row, strict=True)) for row in SPREADSHEET[1:]]
    parsed = pl.parse_table(rows, title="coded quotes")
    read = pl.read_table(write_csv(tmp_path / "coded quotes.csv", SPREADSHEET)).study
    assert parsed.study == read
    assert isinstance(parsed, TableImport)


def test_the_columns_may_be_in_any_order_and_letter_case(tmp_path: Path) -> None:
    order = [1, 8, 7, 6, 0, 9, 5, 4, 3, 2]
    header = ["Text", "Theme", "Sub-theme", "Code", "Quote ID", "CODER", "Stakeholder group",
              "Participant label", "participant id", "interview_id"]  # fmt: skip
    rows = [header] + [[row[i] for i in order] for row in SPREADSHEET[1:]]
    study = pl.read_table(write_csv(tmp_path / "coded quotes.csv", rows)).study
    assert codings_of(study) == EXPECTED_CODINGS


def test_only_text_and_one_element_are_needed(tmp_path: Path) -> None:
    rows = [("text", "subtheme", "theme"), ("We are colleagues now.", "Being seen", "Belonging")]
    study, report = pl.read_table(write_csv(tmp_path / "minimal.csv", rows))
    assert [(q.id, q.participant) for q in study.quotes] == [("we-are-colleagues-now", None)]
    assert codings_of(study) == [("we-are-colleagues-now", "subtheme", "being-seen", None)]
    assert report.problems == report.warnings == ()


def test_quote_ids_made_from_text_are_unique(tmp_path: Path) -> None:
    same_start = "We need more time with each person, every single day."
    rows = [
        ("quote_id", "text", "theme"),
        ("", same_start, "Time"),
        ("", "We need more time with each person, every single week.", "Time"),
        ("we-need-more-time-with-each", "Someone else's id, given.", "Time"),
        ("", same_start, "Care"),  # the same text: the same quote
    ]
    study = pl.read_table(write_csv(tmp_path / "ids.csv", rows)).study
    assert [q.id for q in study.quotes] == [
        "we-need-more-time-with-each-2",
        "we-need-more-time-with-each-3",
        "we-need-more-time-with-each",
    ]
    assert [c.quote for c in study.codings][-1] == "we-need-more-time-with-each-2"


def test_free_labels_become_ids_and_stay_labels(tmp_path: Path) -> None:
    rows = [
        ("quote_id", "text", "participant_id", "stakeholder_group", "code", "coder"),
        ("Quote 1", "Kamratstöd på riktigt.", "Peer support worker 7", "Peer support workers",
         "Återhämtning", "Coder Å"),
        ("quote 1", "", "peer-support-worker-7", "", "återhämtning", ""),
    ]  # fmt: skip
    study, report = pl.read_table(write_csv(tmp_path / "labels.csv", rows))
    assert [(q.id, q.label) for q in study.quotes] == [("quote-1", "Quote 1")]
    assert [(p.id, p.label) for p in study.participants] == [
        ("peer-support-worker-7", "Peer support worker 7")
    ]
    assert [(c.id, c.label) for c in study.codes] == [("aterhamtning", "Återhämtning")]
    assert [(c.id, c.label) for c in study.coders] == [("coder-a", "Coder Å")]
    assert len(study.codings) == 2
    assert report.problems == ()


def test_a_participant_named_by_label_alone_is_the_one_with_that_label(tmp_path: Path) -> None:
    rows = [
        ("text", "participant_id", "participant_label", "stakeholder_group", "theme"),
        ("First words.", "psw-3", "Peer support worker 3", "Peer support workers", "Trust"),
        ("Second words.", "", "peer support worker 3", "", "Trust"),
    ]
    study = pl.read_table(write_csv(tmp_path / "labels.csv", rows)).study
    assert [q.participant for q in study.quotes] == ["psw-3", "psw-3"]
    assert len(study.participants) == 1


# --- the reference framework --------------------------------------------------------------


def test_a_reference_gives_its_ids_and_carries_its_framework(tmp_path: Path) -> None:
    rows = [
        ("text", "participant_label", "stakeholder_group", "code", "subtheme", "theme"),
        ("We are invited in now.", "Peer support worker 30", "peer support workers",
         "Invited in", "  mitigating   PEER drifting ", "Evolving role of peer support"),
        ("The money ends every December.", "Official 9", "official", "",
         "ensuring-financial-sustainability-for-growth", ""),
        ("Someone has to pay for the training.", "Official 9", "", "",
         "", "Scaling up peer support"),
    ]  # fmt: skip
    engdahl = pl.datasets.engdahl2025()
    study, report = pl.read_table(write_csv(tmp_path / "mine.csv", rows), reference="engdahl2025")
    assert report.problems == report.warnings == ()
    assert codings_of(study) == [
        ("we-are-invited-in-now", "code", "invited-in", None),
        ("the-money-ends-every-december", "subtheme",
         "ensuring-financial-sustainability-for-growth", None),
        ("someone-has-to-pay-for-the", "theme", "scaling-up-peer-support", None),
    ]  # fmt: skip
    assert [(c.id, c.subtheme) for c in study.codes] == [("invited-in", "mitigating-peer-drifting")]
    assert study.themes == engdahl.themes
    assert study.subthemes == engdahl.subthemes
    assert study.overarching_theme == engdahl.overarching_theme
    # The groups named are the reference's: their ids, labels and descriptions, not the size
    # and demographics of the reference's sample.
    assert [(g.id, g.label, g.description) for g in study.groups] == [
        (g.id, g.label, g.description) for g in engdahl.groups[:2]
    ]
    assert {(g.declared_size, g.demographics) for g in study.groups} == {(None, None)}
    assert pl.validate(study).valid
    # A study, or the path of a study document, is a reference too.
    path = pl.write_json(engdahl, tmp_path / "engdahl.json")
    for reference in (engdahl, path, str(path)):
        assert pl.read_table(tmp_path / "mine.csv", reference=reference).study == study


def test_what_the_reference_lacks_is_reported(tmp_path: Path) -> None:
    rows = [
        ("text", "participant_id", "stakeholder_group", "subtheme", "theme"),
        ("One.", "p1", "peer_support_worker", "Mitigating peer drift", ""),
        ("Two.", "p2", "peer_support_worker", "", "Belonging"),
        ("Three.", "p3", "Researchers", "Mitigating peer drifting", "Scaling up peer support"),
        ("Four.", "p4", "Researchers", "Mitigating peer drifting", ""),
    ]
    study, report = pl.read_table(write_csv(tmp_path / "mine.csv", rows), reference="engdahl2025")
    assert problems_of(report) == [
        (2, "subtheme", "unknown_reference_element"),
        (3, "theme", "unknown_reference_element"),
        (4, "theme", "subtheme_conflict"),
    ]
    assert report.problems[0].message == (
        "the reference framework 'engdahl2025' has no sub-theme 'Mitigating peer drift' "
        "(by id or label); did you mean 'mitigating-peer-drifting'?"
    )
    assert report.problems[2].message == (
        "sub-theme 'mitigating-peer-drifting' belongs to the theme "
        "'evolving-role-of-peer-support' in the reference framework 'engdahl2025'"
    )
    # A group the reference does not have is the study's own, with a warning.
    assert [(w.row, w.kind) for w in report.warnings] == [(5, "new_group")]
    assert [p.group for p in study.participants] == ["researchers"]


# --- rows that cannot be used -------------------------------------------------------------

BAD = (
    ("quote_id", "text", "participant_id", "participant_label", "stakeholder_group", "code",
     "subtheme", "theme", "notes"),
    ("q1", "We are colleagues.", "psw-1", "Peer support worker 1", "PSW", "Seen", "Being seen",
     "Belonging", "fine"),
    ("", "", "psw-1", "", "", "Seen", "", "", "no text, no quote_id"),
    ("q9", "", "", "", "", "Seen", "", "", "a quote_id no earlier row gave a text"),
    ("q2", "Nobody asked.", "psw-2", "", "PSW", "", "", "", "no framework element"),
    ("q1", "We were colleagues.", "", "", "", "", "Being seen", "", "another text for q1"),
    ("q1", "", "psw-2", "", "", "", "Being seen", "", "q1 is psw-1's"),
    ("q3", "I report to two managers.", "psw-1", "", "Officials", "", "Role", "Work",
     "psw-1 is in PSW"),
    ("q4", "Seen, or not.", "psw-3", "", "", "", "Being seen", "Work", "Being seen is Belonging's"),
    ("q5", "Still seen.", "psw-3", "", "", "Seen", "Role", "", "Seen is under Being seen"),
    ("q6", "Alone.", "psw-3", "", "", "", "Drifting", "", "no row gives Drifting a theme"),
    ("q7", "Also alone.", "psw-3", "", "", "Drift", "Drifting", "", "nor here"),
    ("q8", "Fine again.", "psw-3", "", "", "", "Being seen", "", "used; psw-3 has no group"),
)  # fmt: skip


def test_bad_rows_are_reported_by_row_and_column(tmp_path: Path) -> None:
    study, report = pl.read_table(write_csv(tmp_path / "bad.csv", BAD))
    assert problems_of(report) == [
        (3, "text", "missing_text"),
        (4, "text", "missing_text"),
        (5, None, "no_element"),
        (6, "text", "quote_conflict"),
        (7, "participant_id", "quote_conflict"),
        (8, "stakeholder_group", "participant_conflict"),
        (9, "theme", "subtheme_conflict"),
        (10, "subtheme", "code_conflict"),
        (11, "subtheme", "subtheme_without_theme"),
        (12, "subtheme", "subtheme_without_theme"),
    ]
    messages = [str(problem) for problem in report.problems]
    assert messages[1] == "row 4, text: no text, and no earlier row gives quote 'q9' one"
    assert messages[3] == "row 6, text: quote 'q1' has another text in row 2"
    assert (
        messages[4] == "row 7, participant_id: quote 'q1' is said by participant 'psw-1' in row 2"
    )
    assert messages[5] == (
        "row 8, stakeholder_group: participant 'psw-1' is in the group 'psw' in row 2: "
        "a participant belongs to one group"
    )
    assert messages[6] == (
        "row 9, theme: sub-theme 'being-seen' belongs to the theme 'belonging' in row 2"
    )
    assert (
        messages[7]
        == "row 10, subtheme: code 'seen' sits under the sub-theme 'being-seen' in row 2"
    )
    assert messages[8] == (
        "row 11, subtheme: sub-theme 'drifting' has no theme: no row names the theme it belongs to"
    )
    assert report.problems[5].value == "Officials"
    assert report.skipped_rows == (3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    assert report.counts() == {
        "missing_text": 2,
        "no_element": 1,
        "quote_conflict": 2,
        "participant_conflict": 1,
        "subtheme_conflict": 1,
        "code_conflict": 1,
        "subtheme_without_theme": 2,
    }
    assert (report.rows, report.rows_used) == (12, 2)
    assert [(w.row, w.column, w.kind) for w in report.warnings] == [
        (1, "notes", "unknown_column"),
        (13, "stakeholder_group", "participant_without_group"),
    ]
    assert pl.validate(study).valid


def test_nothing_of_a_skipped_row_enters_the_study(tmp_path: Path) -> None:
    study = pl.read_table(write_csv(tmp_path / "bad.csv", BAD)).study
    assert [q.id for q in study.quotes] == ["q1", "q8"]
    assert {p.id: p.group for p in study.participants} == {"psw-1": "psw", "psw-3": "unknown"}
    assert [g.id for g in study.groups] == ["psw", "unknown"]  # no "officials"
    assert [s.id for s in study.subthemes] == ["being-seen"]  # no "role", no "drifting"
    assert [c.id for c in study.codes] == ["seen"]  # no "drift"
    assert [t.id for t in study.themes] == ["belonging"]  # no "work": its row was skipped
    assert {c.target for c in study.codings} == {("code", "seen"), ("subtheme", "being-seen")}


def test_a_sub_theme_of_an_unknown_theme_is_skipped_only_there(tmp_path: Path) -> None:
    # Row 3 names "Role" with a theme, so the row without one (row 2) is not lost.
    rows = [
        ("text", "subtheme", "theme"),
        ("First.", "Role", ""),
        ("Second.", "Role", "Work"),
    ]
    study, report = pl.read_table(write_csv(tmp_path / "later.csv", rows))
    assert report.problems == ()
    assert len(study.codings) == 2


def test_a_skipped_row_lets_a_later_row_through(tmp_path: Path) -> None:
    # Row 2 is skipped (no theme for Drifting), so row 3 is the first to say who said q1.
    rows = [
        ("quote_id", "text", "participant_id", "stakeholder_group", "subtheme", "theme"),
        ("q1", "Words.", "p1", "PSW", "Drifting", ""),
        ("q1", "Words.", "p2", "PSW", "Role", "Work"),
    ]
    study, report = pl.read_table(write_csv(tmp_path / "later.csv", rows))
    assert problems_of(report) == [(2, "subtheme", "subtheme_without_theme")]
    assert [(q.id, q.participant) for q in study.quotes] == [("q1", "p2")]


def test_a_participant_label_that_disagrees_is_reported(tmp_path: Path) -> None:
    rows = [
        ("text", "participant_id", "participant_label", "theme"),
        ("One.", "p1", "Peer support worker 1", "Trust"),
        ("Two.", "p1", "Peer support worker 11", "Trust"),
        ("Three.", "p1", "PEER SUPPORT WORKER 1", "Trust"),  # case aside, the same
    ]
    _, report = pl.read_table(write_csv(tmp_path / "labels.csv", rows))
    assert problems_of(report) == [(3, "participant_label", "participant_conflict")]
    assert report.problems[0].message == (
        "participant 'p1' is labelled 'Peer support worker 1' in row 2"
    )


def test_row_numbers_are_the_spreadsheets_own(tmp_path: Path) -> None:
    # A blank row counts, a cell of several lines is one row, the header may come later.
    text = '\r\ntext,theme\r\n"Two lines,\r\nin one cell.",Trust\r\n\r\n,Trust\r\n'
    path = tmp_path / "rows.csv"
    path.write_text(text, encoding="utf-8", newline="")
    _, report = pl.read_table(path)
    assert problems_of(report) == [(5, "text", "missing_text")]
    rows = [("", ""), ("text", "theme"), ("Fine.", "Trust"), ("", ""), ("", "Trust")]
    _, report = pl.read_table(write_xlsx(tmp_path / "rows.xlsx", rows))
    assert problems_of(report) == [(5, "text", "missing_text")]


def test_a_group_without_a_participant_is_not_used_and_is_said(tmp_path: Path) -> None:
    rows = [("text", "stakeholder_group", "theme"), ("Words.", "Officials", "Trust")]
    study, report = pl.read_table(write_csv(tmp_path / "groups.csv", rows))
    assert study.groups == ()
    assert [(w.row, w.column, w.value, w.kind) for w in report.warnings] == [
        (2, "stakeholder_group", "Officials", "group_without_participant")
    ]


def test_a_table_with_nothing_usable_names_the_file(tmp_path: Path) -> None:
    rows = [("text", "theme"), ("", "Trust"), ("Words.", "")]
    path = write_csv(tmp_path / "useless.csv", rows)
    with pytest.raises(pl.DocumentError) as caught:
        pl.read_table(path)
    assert str(caught.value) == (
        f"{path}: no row could be used (2 rows, 2 problems); the first: row 2, text: no text: "
        "a row needs the quote's text, or the quote_id of a quote an earlier row gave its text"
    )
    header_only = write_csv(tmp_path / "empty.csv", [("text", "theme")])
    with pytest.raises(pl.DocumentError, match=r"empty\.csv: no rows under the header$"):
        pl.read_table(header_only)
    with pytest.raises(pl.DocumentError, match="no row could be used"):
        pl.parse_table([{"text": "Words."}, {"theme": "Trust"}], where="rows")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (("quote_id", "code"), "the header (row 1) has no column 'text'"),
        (("text", "participant_id"), "has none of the columns 'code', 'subtheme', 'theme'"),
        (("text", "Text", "theme"), "names the column 'text' twice ('text' and 'Text')"),
    ],
)
def test_a_header_without_the_needed_columns_is_refused(
    header: tuple[str, ...], message: str, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "header.csv", [header, tuple("x" for _ in header)])
    with pytest.raises(pl.DocumentError, match=str(path).replace("\\", "\\\\")) as caught:
        pl.read_table(path)
    assert message in str(caught.value)


def test_files_that_are_not_spreadsheets_are_refused(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError, match="no such file"):
        pl.read_table(tmp_path / "missing.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes("text;theme\nKamratstöd;Trust\n".encode("latin-1"))
    with pytest.raises(
        pl.DocumentError, match=r"not UTF-8 text .* save the spreadsheet as CSV UTF-8"
    ):
        pl.read_table(latin1)
    workbook = write_xlsx(tmp_path / "book.xlsx", SPREADSHEET)
    renamed = workbook.rename(tmp_path / "book.csv")
    with pytest.raises(pl.DocumentError, match=r"a zip archive .* name it \.xlsx"):
        pl.read_table(renamed)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(pl.DocumentError, match=r"broken\.xlsx: not an XLSX workbook"):
        pl.read_table(broken)
    with pytest.raises(pl.DocumentError, match=r"a \.xls workbook; save it as \.xlsx"):
        pl.read_table(tmp_path / "old.xls")
    with pytest.raises(pl.DocumentError, match="is a directory"):
        pl.read_table(tmp_path)
    with pytest.raises(pl.InvalidOptionError, match="sheet is for XLSX workbooks"):
        pl.read_table(write_csv(tmp_path / "q.csv", SPREADSHEET), sheet="Coding")


def test_a_worksheet_is_chosen_by_name_or_position(tmp_path: Path) -> None:
    path = tmp_path / "two sheets.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active.append(["These are my notes, not a table."])
    coding = book.create_sheet("Coding")
    for row in SPREADSHEET:
        coding.append([cell or None for cell in row])
    book.save(path)
    by_name = pl.read_table(path, sheet="coding").study  # case aside
    assert codings_of(by_name) == EXPECTED_CODINGS
    assert pl.read_table(path, sheet=1).study == by_name
    with pytest.raises(pl.DocumentError, match="no worksheet 'Codes'; its worksheets: 'Notes'"):
        pl.read_table(path, sheet="Codes")
    with pytest.raises(pl.DocumentError, match="no worksheet at position 2; it has 2 sheets"):
        pl.read_table(path, sheet=2)
    with pytest.raises(pl.DocumentError, match="has no column 'text'"):
        pl.read_table(path)  # the first sheet


def test_the_options_are_checked(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", SPREADSHEET)
    study = pl.read_table(path, study_id="my-study", title="My study").study
    assert (study.id, study.title) == ("my-study", "My study")
    with pytest.raises(pl.InvalidOptionError, match="study_id 'My study' is not an id"):
        pl.read_table(path, study_id="My study")
    with pytest.raises(pl.InvalidOptionError, match="title must not be empty"):
        pl.read_table(path, title=" ")


def test_rows_in_memory_may_hold_pandas_empty_cells_but_only_text() -> None:
    rows = [{"text": "Words.", "theme": "Trust", "coder": float("nan")}]
    assert pl.parse_table(rows).study.codings[0].coder is None  # type: ignore[arg-type]
    with pytest.raises(pl.DocumentError, match=r"rows: row 2, coder: 3 is not text"):
        pl.parse_table([{"text": "Words.", "theme": "Trust", "coder": 3}], where="rows")  # type: ignore[dict-item]


def test_the_report_flattens_to_records() -> None:
    report = pl.parse_table(
        [{"text": "One.", "theme": "T", "extra": "x"}, {"text": "", "theme": "T"}]
    ).report
    assert report.to_records() == [
        {
            "row": 3,
            "column": "text",
            "value": None,
            "message": "no text: a row needs the quote's text, or the quote_id of a quote an "
            "earlier row gave its text",
            "kind": "missing_text",
            "severity": "skipped",
        },
        {
            "row": 1,
            "column": "extra",
            "value": "extra",
            "message": "not a column peerlandscape reads; ignored (the columns are quote_id, "
            "text, interview_id, participant_id, participant_label, stakeholder_group, code, "
            "subtheme, theme, coder)",
            "kind": "unknown_column",
            "severity": "warning",
        },
    ]
    assert str(report).splitlines()[0] == (
        "used 1 of 2 rows: 1 quote, 1 coding, 0 participants; skipped 1 row; 1 warning"
    )
    with pytest.raises(TypeError):
        RowProblem(2, None, None, "a problem has a kind")  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="row"):
        RowProblem(0, None, None, "row 0 is no row", kind="x")


# --- writing, and reading back ------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("reference", [None, "engdahl2025"])
def test_the_builtin_study_reads_back_as_its_table_carries_it(
    engdahl: pl.Study, tmp_path: Path, suffix: str, reference: str | None
) -> None:
    path = pl.write_table(engdahl, tmp_path / f"engdahl2025{suffix}")
    again, report = pl.read_table(path, reference=reference)
    assert report.problems == ()
    # Everything the table carries: the quotes, their codings, who said them.
    assert pl.quote_records(again) == pl.quote_records(engdahl)
    assert [(q.id, q.text, q.participant, q.interview) for q in again.quotes] == [
        (q.id, q.text, q.participant, q.interview) for q in engdahl.quotes
    ]
    # One coding per row, in the order of the rows: quote by quote.
    assert codings_of(again) == [
        (r["quote_id"], "code" if r["code"] else "subtheme", r["code"] or r["subtheme"], r["coder"])
        for r in pl.quote_records(engdahl)
    ]
    assert Counter(codings_of(again)) == Counter(
        (c.quote, "code" if c.code else "subtheme", c.code or c.subtheme, c.coder)
        for c in engdahl.codings
    )
    said = {q.participant for q in engdahl.quotes}
    assert {(p.id, p.label, p.group) for p in again.participants} == {
        (p.id, p.label, p.group) for p in engdahl.participants if p.id in said
    }
    assert pl.validate(again).valid
    if reference is not None:
        assert again.subthemes == engdahl.subthemes
        assert again.overarching_theme == engdahl.overarching_theme
        assert report.warnings == ()


def test_the_table_is_quote_records_as_csv(engdahl: pl.Study, tmp_path: Path) -> None:
    path = pl.write_table(engdahl, tmp_path / "engdahl2025.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for Excel
    assert raw.count(b"\r\n") >= len(pl.quote_records(engdahl)) + 1
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    expected = [
        {key: value or "" for key, value in record.items()} for record in pl.quote_records(engdahl)
    ]
    assert rows == expected


def test_the_xlsx_table_is_one_sheet_of_text_cells(engdahl: pl.Study, tmp_path: Path) -> None:
    path = pl.write_table(engdahl, tmp_path / "engdahl2025.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["quotes"]
    rows = list(book["quotes"].iter_rows(values_only=True))
    assert rows[0] == HEADER
    assert rows[1:] == [tuple(record.values()) for record in pl.quote_records(engdahl)]


def test_writing_is_atomic(engdahl: pl.Study, tmp_path: Path) -> None:
    target = tmp_path / "table.csv"
    target.write_text("kept", encoding="utf-8")
    bad = formula_study(["ok", "bad \x01 control"])
    with pytest.raises(pl.DocumentError, match=r"row 3, text holds the control character U\+0001"):
        pl.write_table(bad, tmp_path / "table.xlsx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["table.csv"]
    with pytest.raises(pl.MissingFileError, match="no such folder"):
        pl.write_table(engdahl, tmp_path / "missing" / "table.csv")
    assert target.read_text(encoding="utf-8") == "kept"


# --- formulas -----------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://example.invalid", "click")',
    "+46 70 000 00 00",
    "-we need more time",
    "@SUM(A1:A2)",
    "\tindented",
    "'=already quoted",
    "''+twice",
    "'plain apostrophe",
    "a = b, not a formula",
]


def formula_study(texts: Sequence[str]) -> pl.Study:
    return pl.Study.model_validate(
        {
            "id": "formulas",
            "title": "Formulas",
            "themes": [{"id": "t", "label": "=T"}],
            "quotes": [{"id": f"q{i}", "text": text} for i, text in enumerate(texts)],
            "codings": [{"quote": f"q{i}", "theme": "t"} for i in range(len(texts))],
        }
    )


def test_csv_cells_that_would_run_as_formulas_are_escaped(tmp_path: Path) -> None:
    study = formula_study(FORMULAS)
    # One formula is a telephone number, which the table would otherwise refuse to hold.
    path = pl.write_table(study, tmp_path / "formulas.csv", allow_identifying=True)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        texts = [row["text"] for row in csv.DictReader(stream)]
    assert texts == [
        '\'=HYPERLINK("http://example.invalid", "click")',
        "'+46 70 000 00 00",
        "'-we need more time",
        "'@SUM(A1:A2)",
        "'\tindented",
        "''=already quoted",
        "'''+twice",
        "'plain apostrophe",
        "a = b, not a formula",
    ]
    again = pl.read_table(path).study
    assert [q.text for q in again.quotes] == FORMULAS


def test_xlsx_cells_are_text_and_never_formulas(tmp_path: Path) -> None:
    path = pl.write_table(
        formula_study(FORMULAS), tmp_path / "formulas.xlsx", allow_identifying=True
    )
    sheet = openpyxl.load_workbook(path)["quotes"]
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}
    assert [cell.value for cell in cells] == FORMULAS
    assert [q.text for q in pl.read_table(path).study.quotes] == FORMULAS


# --- any study ----------------------------------------------------------------------------


def carried(records: Sequence[pl.QuoteRecord]) -> Counter[tuple[str, tuple[str, str], str | None]]:
    """The (quote text, element, coder) of each record a table can carry."""
    triples: Counter[tuple[str, tuple[str, str], str | None]] = Counter()
    for record in records:
        text = record["text"]
        if text is None or not text.strip():
            continue  # a quote without words has no row to read
        for kind in ("code", "subtheme", "theme"):
            element = record[kind]
            if element is not None:
                triples[(text, (kind, element), record["coder"])] += 1
                break
    return triples


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(study=studies())
def test_any_study_reads_back_with_the_same_codings(study: pl.Study, tmp_path: Path) -> None:
    path = pl.write_table(study, tmp_path / "any.csv")
    expected = carried(pl.quote_records(study))
    if not expected:
        with pytest.raises(pl.DocumentError, match=r"any\.csv: no row"):
            pl.read_table(path)
        return
    again, report = pl.read_table(path)
    texts = {q.id: q.text for q in again.quotes}
    assert Counter((texts[c.quote], c.target, c.coder) for c in again.codings) == expected
    assert report.rows_used == sum(expected.values())
    assert {p.kind for p in report.problems} <= {"missing_text", "no_element"}


# --- optional dependencies ----------------------------------------------------------------

TABLES_MESSAGE = (
    "{what} needs {package}, which is not installed: pip install 'peerlandscape[tables]'"
)


@pytest.mark.parametrize(
    ("missing", "call", "what"),
    [
        ("pandas", "pl.read_table('quotes.xlsx')", "reading an XLSX spreadsheet"),
        ("openpyxl", "pl.read_table('quotes.xlsx')", "reading an XLSX spreadsheet"),
        (
            "openpyxl",
            "pl.write_table(pl.datasets.engdahl2025(), 'quotes.xlsx')",
            "writing an XLSX spreadsheet",
        ),
    ],
)
def test_xlsx_without_its_extra_names_the_tables_extra(
    missing: str, call: str, what: str, tmp_path: Path
) -> None:
    write_xlsx(tmp_path / "quotes.xlsx", SPREADSHEET)
    code = textwrap.dedent(f"""
        import sys
        sys.modules[{missing!r}] = None
        import peerlandscape as pl
        try:
            {call}
        except pl.MissingDependencyError as exc:
            print(exc.package, exc.extra)
            print(exc)
    """)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        f"{missing} tables",
        TABLES_MESSAGE.format(what=what, package=missing),
    ]


def test_csv_needs_neither_pandas_nor_openpyxl(tmp_path: Path) -> None:
    write_csv(tmp_path / "quotes.csv", SPREADSHEET)
    code = textwrap.dedent("""
        import sys
        sys.modules["pandas"] = sys.modules["openpyxl"] = None
        import peerlandscape as pl
        study, report = pl.read_table("quotes.csv")
        pl.write_table(study, "again.csv")
        again = pl.read_table("again.csv").study
        print(len(study.quotes), pl.quote_records(again) == pl.quote_records(study))
    """)
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=tmp_path,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["20 True"]
