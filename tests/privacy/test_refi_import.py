"""The case of the issue: a coded project from a QDA tool brings names and numbers with it.

A REFI-QDA project whose case is named "Anna Andersson", with a case variable
``Personnummer``, coded by a user named by an e-mail address: all three come into the
imported study (as a participant label, a participant attribute and a coder label), and
``scan_study`` reports all three. Every value is invented. The issue's example number,
850101-1234, fails the Luhn check (its check digit would be 6), so it is not a personal
identity number and is not reported; the project here carries a valid one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from peerlandscape.privacy import pseudonymise, scan_study
from peerlandscape.privacy._identity_numbers import luhn_valid
from shared import in_ci

if in_ci():
    import lxml  # noqa: F401  # CI installs the test extra, which brings it: a failure here is real
else:
    pytest.importorskip("lxml", reason="reading REFI-QDA files needs the optional lxml dependency")

from peerlandscape.refi import read_qdpx

USER = "0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9"
CODE = "1B2C3D4E-5F60-4172-8394-B5C6D7E8F9A0"
VARIABLE = "2C3D4E5F-6071-4273-8495-C6D7E8F9A0B1"
CASE = "3D4E5F60-7182-4374-8596-D7E8F9A0B1C2"
SOURCE = "4E5F6071-8293-4475-96A7-E8F9A0B1C2D3"
SELECTION = "5F607182-93A4-4576-A7B8-F9A0B1C2D3E4"

VALID = "850709-2347"
ISSUES_EXAMPLE = "850101-1234"
TEXT = "Det var skönt att prata med någon som varit där själv."


def project_xml(personnummer: str) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Peer support interviews">
  <Users><User guid="{USER}" name="anna.berg@example.se"/></Users>
  <CodeBook><Codes><Code guid="{CODE}" name="Lived experience" isCodable="true"/></Codes></CodeBook>
  <Variables><Variable guid="{VARIABLE}" name="Personnummer" typeOfVariable="Text"/></Variables>
  <Cases>
    <Case guid="{CASE}" name="Anna Andersson">
      <VariableValue><VariableRef targetGUID="{VARIABLE}"/><TextValue>{personnummer}</TextValue>
      </VariableValue>
      <SelectionRef targetGUID="{SELECTION}"/>
    </Case>
  </Cases>
  <Sources>
    <TextSource guid="{SOURCE}" name="Interview 1">
      <PlainTextContent>{TEXT}</PlainTextContent>
      <PlainTextSelection guid="{SELECTION}" name="someone who has been there"
                          startPosition="0" endPosition="{len(TEXT)}">
        <Coding guid="6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D" creatingUser="{USER}">
          <CodeRef targetGUID="{CODE}"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""


def write_project(folder: Path, personnummer: str) -> Path:
    path = folder / "interviews.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", project_xml(personnummer))
    return path


def test_the_issues_number_fails_the_luhn_check_and_the_one_used_here_passes() -> None:
    assert not luhn_valid(ISSUES_EXAMPLE.replace("-", ""))
    assert luhn_valid(VALID.replace("-", ""))


def test_scanning_the_imported_study_reports_the_name_the_number_and_the_email(
    tmp_path: Path,
) -> None:
    study, _ = read_qdpx(write_project(tmp_path, VALID))
    (participant,) = study.participants
    (coder,) = study.coders
    assert (participant.label, participant.attributes, coder.label) == (
        "Anna Andersson",
        {"Personnummer": VALID},
        "anna.berg@example.se",
    )
    found = [(f.ref, f.field, f.kind.value, f.text) for f in scan_study(study)]
    assert found == [
        (f"participant:{participant.id}", "label", "name", "Anna Andersson"),
        (
            f"participant:{participant.id}",
            "attributes.Personnummer",
            "personal_identity_number",
            VALID,
        ),
        (f"coder:{coder.id}", "label", "email", "anna.berg@example.se"),
    ]


def test_a_number_that_fails_the_luhn_check_is_not_reported(tmp_path: Path) -> None:
    study, _ = read_qdpx(write_project(tmp_path, ISSUES_EXAMPLE))
    kinds = {f.kind.value for f in scan_study(study)}
    assert kinds == {"name", "email"}


def test_the_imported_study_pseudonymised_keeps_none_of_the_three(tmp_path: Path) -> None:
    study, _ = read_qdpx(write_project(tmp_path, VALID))
    result = pseudonymise(study, key_path=tmp_path / "key.json")
    clean = result.study
    assert (
        clean.participants[0].label,
        clean.participants[0].attributes,
        clean.coders[0].label,
    ) == (
        "Person 1",
        {"Personnummer": "[personnummer]"},
        "[e-mail 1]",
    )
    assert scan_study(clean) == []
    document = clean.model_dump_json()
    assert "Anna" not in document
    assert VALID not in document
