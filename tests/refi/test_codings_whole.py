"""A coded project comes in whole: every coding with its coder, at every level, readable ids.

The project built here has the shape of the small sample published with another
Python QDA library: two coders, a two-level codebook, codings of both levels by
both coders, a selection nobody coded, and a source whose text is inline
(``PlainTextContent``). GUIDs are upper case, as MAXQDA and ATLAS.ti write them.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest

import peerlandscape as pl
from peerlandscape.refi import read_qdpx, write_qdpx

ANNA = "4E2C8F7A-1B3D-4C5E-9F60-7A8B9C0D1E2F"
BO = "5F3D9A8B-2C4E-4D6F-A071-8B9CAD1E2F30"
FEELINGS = "0A1B2C3D-4E5F-4071-8293-A4B5C6D7E8F9"  # top-level code
HOPE = "1B2C3D4E-5F60-4172-8394-B5C6D7E8F9A0"  # child of FEELINGS
FEAR = "2C3D4E5F-6071-4273-8495-C6D7E8F9A0B1"  # child of FEELINGS
SOURCE = "3D4E5F60-7182-4374-8596-D7E8F9A0B1C2"
SEL_1 = "6A7B8C9D-0E1F-4A2B-8C3D-4E5F6A7B8C9D"
SEL_2 = "7B8C9D0E-1F2A-4B3C-9D4E-5F6A7B8C9D0E"
SEL_3 = "8C9D0E1F-2A3B-4C4D-AE5F-6A7B8C9D0E1F"  # nobody coded it
NOTE = "9D0E1F2A-3B4C-4D5E-BF60-7B8C9D0E1F2A"

TEXT = "I hope it works. I fear it will not. The weather was fine."


def _coding(guid: str, code: str, user: str, when: str) -> str:
    return (
        f'<Coding guid="{guid}" creatingUser="{user}" creationDateTime="{when}">'
        f'<CodeRef targetGUID="{code}"/></Coding>'
    )


def _project() -> str:
    codings_1 = (
        _coding("A0000000-0000-4000-8000-000000000001", HOPE, ANNA, "2024-03-01T10:00:00Z")
        + _coding("A0000000-0000-4000-8000-000000000002", HOPE, BO, "2024-03-02T11:00:00Z")
        + _coding("A0000000-0000-4000-8000-000000000003", FEELINGS, ANNA, "2024-03-01T10:01:00Z")
    )
    codings_2 = _coding(
        "A0000000-0000-4000-8000-000000000004", FEAR, BO, "2024-03-02T11:05:00Z"
    ) + _coding("A0000000-0000-4000-8000-000000000005", FEELINGS, BO, "2024-03-02T11:06:00Z")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Two coders">
  <Users>
    <User guid="{ANNA}" name="Coder A"/>
    <User guid="{BO}" name="Coder B"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{FEELINGS}" name="Feelings" isCodable="true">
      <Code guid="{HOPE}" name="Hope" isCodable="true"><NoteRef targetGUID="{NOTE}"/></Code>
      <Code guid="{FEAR}" name="Fear" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{SOURCE}" name="Interview 1">
      <PlainTextContent>{TEXT}</PlainTextContent>
      <PlainTextSelection guid="{SEL_1}" name="hope" startPosition="0" endPosition="16">
        {codings_1}
      </PlainTextSelection>
      <PlainTextSelection guid="{SEL_2}" name="fear" startPosition="17" endPosition="36">
        {codings_2}
      </PlainTextSelection>
      <PlainTextSelection guid="{SEL_3}" name="weather" startPosition="37" endPosition="58"/>
    </TextSource>
  </Sources>
  <Notes>
    <Note guid="{NOTE}" name="On hope" creatingUser="{ANNA}"
          creationDateTime="2024-03-03T09:00:00Z">
      <PlainTextContent>Hope comes up when people talk about the future.</PlainTextContent>
    </Note>
  </Notes>
</Project>"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "two-coders.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", _project())
    return path


def _triples(study: pl.Study) -> set[tuple[str | None, str | None, str | None]]:
    """Every coding as (selection GUID, code GUID, coder GUID), the ids resolved to GUIDs."""
    index = study.index
    found = set()
    for coding in study.codings:
        kind, element = coding.target
        target = index.by_kind[pl.Kind(kind)][element]
        coder = index.coders[coding.coder].guid if coding.coder else None
        found.add((index.quotes[coding.quote].guid, target.guid, coder))
    return found


EXPECTED = {
    (SEL_1.lower(), HOPE.lower(), ANNA.lower()),
    (SEL_1.lower(), HOPE.lower(), BO.lower()),
    (SEL_1.lower(), FEELINGS.lower(), ANNA.lower()),
    (SEL_2.lower(), FEAR.lower(), BO.lower()),
    (SEL_2.lower(), FEELINGS.lower(), BO.lower()),
}


def test_every_coding_comes_in_with_its_coder_at_both_levels(project: Path) -> None:
    study, report = read_qdpx(project)
    assert len(study.codings) == 5
    assert _triples(study) == EXPECTED
    assert {coder.label for coder in study.coders} == {"Coder A", "Coder B"}
    assert {c.when for c in study.codings} >= {
        datetime.datetime(2024, 3, 1, 10, 0, tzinfo=datetime.UTC)
    }
    assert "coding_of_theme" not in report.counts()


def test_without_a_mapping_codes_stay_codes_and_the_report_says_so(project: Path) -> None:
    study, report = read_qdpx(project)
    assert [code.label for code in study.codes] == ["Feelings", "Hope", "Fear"]
    assert study.themes == ()
    assert study.subthemes == ()
    assert "no_framework_mapped" in report.counts()
    hope = next(code for code in study.codes if code.label == "Hope")
    assert hope.parent == "feelings"


def test_ids_are_readable_and_guids_are_kept(project: Path) -> None:
    study, _ = read_qdpx(project)
    assert [quote.id for quote in study.quotes] == ["hope", "fear", "weather"]
    assert [code.id for code in study.codes] == ["feelings", "hope", "fear"]
    assert {coder.id for coder in study.coders} == {"coder-a", "coder-b"}
    assert study.index.guids[pl.Kind.QUOTE][SEL_3.lower()] == "weather"


def test_the_uncoded_selection_is_a_quote_with_no_coding(project: Path) -> None:
    study, _ = read_qdpx(project)
    weather = study.index.quotes["weather"]
    assert weather.text == "The weather was fine."
    assert "weather" not in study.index.codings_by_quote


def test_the_note_is_a_memo_about_its_code_by_its_author(project: Path) -> None:
    study, _ = read_qdpx(project)
    (memo,) = study.memos
    assert memo.text == "Hope comes up when people talk about the future."
    assert memo.about == ("code:hope",)
    assert study.index.coders[memo.author or ""].label == "Coder A"


def test_level_mapping_makes_themes_and_keeps_the_codings(project: Path) -> None:
    mapping = pl.refi.ImportMapping(levels=["theme", "subtheme"])
    study, _ = read_qdpx(project, mapping)
    assert [theme.label for theme in study.themes] == ["Feelings"]
    assert [s.label for s in study.subthemes] == ["Hope", "Fear"]
    assert _triples(study) == EXPECTED
    kinds = sorted(coding.target[0] for coding in study.codings)
    assert kinds == ["subtheme", "subtheme", "subtheme", "theme", "theme"]


def test_a_round_trip_keeps_every_triple_and_the_memo(project: Path, tmp_path: Path) -> None:
    study, _ = read_qdpx(project)
    write_qdpx(study, tmp_path / "again.qdpx")
    again, _ = read_qdpx(tmp_path / "again.qdpx")
    assert _triples(again) == EXPECTED
    assert [(m.text, m.about) for m in again.memos] == [(m.text, m.about) for m in study.memos]


def test_the_built_in_study_comes_back_with_its_focus_groups_and_coders(
    engdahl: pl.Study, tmp_path: Path
) -> None:
    write_qdpx(engdahl, tmp_path / "engdahl2025.qdpx")
    study, _ = read_qdpx(tmp_path / "engdahl2025.qdpx", reference="engdahl2025")

    def formats(s: pl.Study) -> list[tuple[str, object, object]]:
        return [(i.label, i.format, i.mode) for i in s.interviews]

    assert formats(study) == formats(engdahl)
    assert sum(i.format == pl.InterviewFormat.FOCUS_GROUP for i in study.interviews) == 4
    assert [c.label for c in study.coders] == [c.label for c in engdahl.coders]
    # The framework keeps the reference's ids, and every placement comes back as a coding.
    assert [s.id for s in study.subthemes] == [s.id for s in engdahl.subthemes]
    assert sorted(c.target for c in study.codings) == sorted(c.target for c in engdahl.codings)
