"""The issue's project: imported, it says what identifies a person in it, and where.

A REFI-QDA project whose case is named "Anna Andersson", with a case variable
``Personnummer`` and a coder named by an e-mail address. Read with
``scan_identities=True`` (and by ``peerlandscape import``, which scans by default),
the report lists the three, each located by object and field; the command line
prints them masked. Every value is invented. The issue's number, 850101-1234, fails
the Luhn check (no personal identity number ends so), so the project carries
850101-1236, the same date with the check digit that holds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.privacy import FindingKind, StudyFinding
from peerlandscape.privacy._identity_numbers import luhn_valid
from shared import in_ci

if in_ci():
    import lxml  # noqa: F401  # CI installs the test extra, which brings it: a failure here is real
else:
    pytest.importorskip("lxml", reason="reading REFI-QDA files needs the optional lxml dependency")

from peerlandscape.refi import read_qdc, read_qdpx

NAME = "Anna Andersson"
NUMBER = "850101-1236"
ISSUES_NUMBER = "850101-1234"
EMAIL = "anna.berg@example.se"
TRANSCRIPT = (
    "Intervjuare: Hur var det att börja?\n"
    "IP: Det var skönt att prata med någon som varit där själv.\n"
    "Intervjuare: Och sedan?\n"
    "IP: Sedan blev det vardag.\n"
)
QUOTE = "Det var skönt att prata med någon som varit där själv."

USER = "0a1b2c3d-4e5f-4071-8293-a4b5c6d7e8f9"
CODE = "1b2c3d4e-5f60-4172-8394-b5c6d7e8f9a0"
VARIABLE = "2c3d4e5f-6071-4273-8495-c6d7e8f9a0b1"
CASE = "3d4e5f60-7182-4374-8596-d7e8f9a0b1c2"
SOURCE = "4e5f6071-8293-4475-96a7-e8f9a0b1c2d3"
SELECTION = "5f607182-93a4-4576-a7b8-f9a0b1c2d3e4"


def project_xml(number: str = NUMBER) -> str:
    start = TRANSCRIPT.index(QUOTE)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Peer support interviews" origin="QualCoder 3.6">
  <Users><User guid="{USER}" name="{EMAIL}"/></Users>
  <CodeBook><Codes>
    <Code guid="{CODE}" name="Lived experience" isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="{VARIABLE}" name="Personnummer" typeOfVariable="Text"/></Variables>
  <Cases>
    <Case guid="{CASE}" name="{NAME}">
      <VariableValue><VariableRef targetGUID="{VARIABLE}"/><TextValue>{number}</TextValue>
      </VariableValue>
      <SelectionRef targetGUID="{SELECTION}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{SOURCE}" name="Interview 1" plainTextPath="internal://{SOURCE}.txt">
      <PlainTextSelection guid="{SELECTION}" name="someone who has been there"
                          startPosition="{start}" endPosition="{start + len(QUOTE)}"
                          creatingUser="{USER}">
        <Coding guid="6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d" creatingUser="{USER}">
          <CodeRef targetGUID="{CODE}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""


def write_project(folder: Path, number: str = NUMBER) -> Path:
    path = folder / "interviews.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_xml(number))
        archive.writestr(f"sources/{SOURCE}.txt", TRANSCRIPT)
    return path


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_project(tmp_path)


def located(findings: tuple[StudyFinding, ...] | None) -> list[tuple[str, str, str, str]]:
    assert findings is not None
    return [(f.ref, f.field, f.kind.value, f.text) for f in findings]


def run(*args: str, columns: int = 80) -> Result:
    return CliRunner().invoke(main, list(args), env={"COLUMNS": str(columns)})


def test_the_issues_number_fails_the_luhn_check_and_its_corrected_check_digit_passes() -> None:
    assert not luhn_valid(ISSUES_NUMBER.replace("-", ""))
    assert luhn_valid(NUMBER.replace("-", ""))


def test_the_import_holds_all_three_as_the_issue_says(project: Path) -> None:
    study, report = read_qdpx(project)
    (participant,) = study.participants
    assert (participant.label, participant.attributes, study.coders[0].label) == (
        NAME,
        {"Personnummer": NUMBER},
        EMAIL,
    )
    assert study.sources[0].text == TRANSCRIPT
    assert study.quotes[0].text == QUOTE
    # Reading alone does not scan: the report says nothing of identities.
    assert report.findings is None
    assert "identifying" not in report.summary()


def test_an_import_asked_to_scan_reports_the_three_identities_where_they_sit(
    project: Path,
) -> None:
    study, report = read_qdpx(project, scan_identities=True)
    participant = f"participant:{study.participants[0].id}"
    coder = f"coder:{study.coders[0].id}"
    assert located(report.findings) == [
        (participant, "label", "name", NAME),
        (participant, "attributes.Personnummer", "personal_identity_number", NUMBER),
        (coder, "label", "email", EMAIL),
    ]
    assert report.summary().endswith("; identifying: 3 texts")
    # The printed report shows them masked: where, what kind, never the whole text.
    printed = str(report)
    assert f"identifying: {participant} label: name A… A…" in printed
    assert "personal_identity_number 8501…36" in printed
    assert "email a…@example.se" in printed
    assert NUMBER not in printed
    assert EMAIL not in printed


def test_with_the_issues_own_number_the_name_and_the_email_are_still_reported(
    tmp_path: Path,
) -> None:
    _, report = read_qdpx(write_project(tmp_path, ISSUES_NUMBER), scan_identities=True)
    assert [f.kind for f in report.findings or ()] == [FindingKind.NAME, FindingKind.EMAIL]


def test_a_case_named_by_a_given_name_alone_is_looked_for_in_the_transcript(
    tmp_path: Path,
) -> None:
    xml = project_xml().replace(f'name="{NAME}"', 'name="Maja"')
    path = tmp_path / "maja.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{SOURCE}.txt", TRANSCRIPT + "Intervjuare: Tack, Maja.\n")
    study, report = read_qdpx(path, scan_identities=True)
    names = [(f.ref, f.field, f.text) for f in report.findings or () if f.kind == "name"]
    # scan_study alone would not take one word for a name; the case says it is one.
    assert names == [
        (f"participant:{study.participants[0].id}", "label", "Maja"),
        (f"source:{study.sources[0].id}", "text", "Maja"),
    ]


def test_a_pseudonymous_case_is_not_a_finding(tmp_path: Path) -> None:
    xml = project_xml().replace(f'name="{NAME}"', 'name="Peer support worker 7"')
    xml = xml.replace(f'name="{EMAIL}"', 'name="Coder A"').replace(NUMBER, "1985")
    path = tmp_path / "clean.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{SOURCE}.txt", TRANSCRIPT)
    _, report = read_qdpx(path, scan_identities=True)
    assert report.findings == ()
    assert report.summary().endswith("; identifying: none found")


def test_a_codebook_asked_to_scan_reports_what_its_framework_holds(tmp_path: Path) -> None:
    path = tmp_path / "topics.qdc"
    path.write_text(
        f"""<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
          <Code guid="{CODE}" name="Lived experience" isCodable="true">
            <Description>Ask {EMAIL} before using this code.</Description></Code>
        </Codes></CodeBook>""",
        encoding="utf-8",
    )
    assert read_qdc(path).report.findings is None
    _, report = read_qdc(path, scan_identities=True)
    assert located(report.findings) == [("code:lived-experience", "description", "email", EMAIL)]


def test_a_table_asked_to_scan_lists_its_participant_labels_as_names(tmp_path: Path) -> None:
    path = tmp_path / "coded.csv"
    path.write_text(
        "quote_id,text,participant_label,code\n"
        "q1,Maja ringde mig på 070-174 06 05.,Maja,Support\n"
        "q2,Vi träffas varje vecka.,Peer support worker 2,Support\n",
        encoding="utf-8",
    )
    assert pl.read_table(path).report.findings is None
    study, report = pl.read_table(path, scan_identities=True)
    maja = next(p.id for p in study.participants if p.label == "Maja")
    assert located(report.findings) == [
        (f"participant:{maja}", "label", "name", "Maja"),
        ("quote:q1", "text", "name", "Maja"),
        ("quote:q1", "text", "phone", "070-174 06 05"),
    ]
    assert "identifying: quote:q1 text: phone 070-…05" in str(report)


def test_the_built_in_study_exported_and_imported_again_has_nothing_to_report(
    tmp_path: Path,
) -> None:
    path = tmp_path / "engdahl2025.qdpx"
    pl.write_qdpx(pl.datasets.engdahl2025(), path)
    assert read_qdpx(path, scan_identities=True).report.findings == ()
    table = tmp_path / "engdahl2025.csv"
    pl.write_table(pl.datasets.engdahl2025(), table)
    assert pl.read_table(table, scan_identities=True).report.findings == ()


# -- the command line ---------------------------------------------------------------------


def test_the_command_reports_the_three_identities_masked_and_exits_zero(
    project: Path, tmp_path: Path
) -> None:
    output = tmp_path / "study.json"
    result = run("import", str(project), "-o", str(output))
    assert result.exit_code == 0, result.output
    study = pl.read_json(output)
    participant = f"participant:{study.participants[0].id}"
    lines = result.stderr.splitlines()
    assert "identifying: 3 texts" in result.stderr
    start = next(n for n, line in enumerate(lines) if line.startswith("Identifying text: 3"))
    listed = " ".join(" ".join(lines[start:]).split())  # as read, whatever the wrapping
    assert f"{participant} label: name A… A…" in listed
    assert f"{participant} attributes.Personnummer: personal_identity_number 8501…36" in listed
    assert f"coder:{study.coders[0].id} label: email a…@example.se" in listed
    # Nothing of the three is printed whole, not even where the report quotes the case.
    assert NAME not in result.stderr
    assert NUMBER not in result.stderr
    assert EMAIL not in result.stderr
    assert "case 'A… A…'" in result.stderr
    assert max(len(line) for line in lines) <= 80


def test_strict_exits_one_when_something_identifies_and_still_writes_the_study(
    project: Path, tmp_path: Path
) -> None:
    output = tmp_path / "study.json"
    result = run("import", str(project), "-o", str(output), "--strict")
    assert result.exit_code == 1, result.output
    assert pl.read_json(output).participants[0].label == NAME


def test_strict_exits_zero_for_a_clean_project(tmp_path: Path) -> None:
    path = tmp_path / "engdahl2025.qdpx"
    pl.write_qdpx(pl.datasets.engdahl2025(), path)
    result = run("import", str(path), "-o", str(tmp_path / "s.json"), "--strict")
    assert result.exit_code == 0, result.output
    assert "identifying: none found" in result.stderr
    assert "Identifying text" not in result.stderr


def test_no_scan_skips_the_scan(project: Path, tmp_path: Path) -> None:
    result = run("import", str(project), "-o", str(tmp_path / "s.json"), "--no-scan", "--strict")
    assert result.exit_code == 0, result.output
    assert "identifying" not in result.stderr.lower()


def test_a_table_import_reports_its_findings_too(tmp_path: Path) -> None:
    path = tmp_path / "coded.csv"
    path.write_text(
        "text,participant_label,code\nRing mig på 070-174 06 05.,Peer support worker 2,Support\n",
        encoding="utf-8",
    )
    result = run("import", str(path), "-o", str(tmp_path / "s.json"))
    assert result.exit_code == 0, result.output
    assert "Identifying text: 1 finding" in result.stderr
    assert ": phone 070-…05" in result.stderr
    assert "070-174 06 05" not in result.stderr
