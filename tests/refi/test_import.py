"""Importing REFI-QDA projects and codebooks into a study: read_qdpx, read_qdc, ImportMapping.

Projects are built here with lxml "as the tool writes them" (NVivo, ATLAS.ti,
MAXQDA habits), and every real file in the shared samples folder is imported
with a report that says exactly what was left out.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

import peerlandscape as pl
from peerlandscape.refi import (
    ImportMapping,
    ImportReport,
    ImportResult,
    PositionScheme,
    ReportEntry,
    read_codebook,
    read_qdc,
    read_qdpx,
    stable_guid,
    write_qdc,
)

NS = "urn:QDA-XML:project:1.0"

# -- building projects as tools write them -------------------------------------------------


def el(tag: str, /, *children: Any, text: str | None = None, **attributes: str) -> Any:
    """An element of the project namespace with the given attributes and children."""
    element = etree.Element(f"{{{NS}}}{tag}", {k: v for k, v in attributes.items() if v})
    element.text = text
    element.extend(children)
    return element


def project(*sections: Any, name: str = "Test project", origin: str | None = None) -> Any:
    return el("Project", *sections, name=name, origin=origin or "")


def code(guid: str, name: str, *children: Any, codable: bool = True, **extra: str) -> Any:
    return el(
        "Code", *children, guid=guid, name=name, isCodable="true" if codable else "false", **extra
    )


def coding(guid: str, code_guid: str, user: str | None = None) -> Any:
    return el("Coding", el("CodeRef", targetGUID=code_guid), guid=guid, creatingUser=user or "")


def selection(guid: str, start: int, end: int, *codings: Any, name: str = "") -> Any:
    return el(
        "PlainTextSelection",
        *codings,
        guid=guid,
        name=name,
        startPosition=str(start),
        endPosition=str(end),
    )


def text_source(guid: str, name: str, *selections: Any, path: str | None = None) -> Any:
    return el(
        "TextSource",
        *selections,
        guid=guid,
        name=name,
        plainTextPath=path if path is not None else f"internal://{guid}.txt",
    )


def case(guid: str, name: str | None, *refs: Any, group: str | None = None) -> Any:
    values = []
    if group is not None:
        values.append(
            el("VariableValue", el("VariableRef", targetGUID=VARIABLE), el("TextValue", text=group))
        )
    return el("Case", *values, *refs, guid=guid, name=name or "")


def variables(name: str = "Stakeholder group") -> Any:
    return el("Variables", el("Variable", guid=VARIABLE, name=name, typeOfVariable="Text"))


def member_set(guid: str, name: str, *, codes: tuple[str, ...] = (), sources: tuple[str, ...] = ()):
    members = [el("MemberCode", targetGUID=g) for g in codes]
    members += [el("MemberSource", targetGUID=g) for g in sources]
    return el("Set", *members, guid=guid, name=name)


def save(path: Path, root: Any, files: Mapping[str, bytes | str] = ()) -> Path:
    """Write ``root`` and the source files into a .qdpx archive."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "project.qde", etree.tostring(root, xml_declaration=True, encoding="utf-8")
        )
        for member, content in dict(files).items():
            archive.writestr(member, content)
    return path


def guid(n: int, *, upper: bool = False) -> str:
    value = f"{n:08x}-1111-4222-8333-444455556666"
    return value.upper() if upper else value


VARIABLE = guid(900)
CODE, THEME, SUB = guid(1), guid(2), guid(3)
SOURCE, OTHER_SOURCE = guid(10), guid(11)
USER = guid(20)


def utf16_position(text: str, offset: int) -> int:
    """Where NVivo puts code point ``offset``: UTF-16 code units, a CRLF counting two."""
    return len(text[:offset].encode("utf-16-le")) // 2


def crlf_as_one_position(text: str, offset: int) -> int:
    """Where ATLAS.ti and MAXQDA put code point ``offset``: a CRLF counting one."""
    return offset - text[:offset].count("\r\n")


# Emoji outside the BMP (two UTF-16 units each) and CRLF line ends, as a Windows tool saves them.
TRANSCRIPT = (
    "Interviewer: How did the first year go? 😀\r\n"
    "P1: It was 👍 great, we were finally heard.\r\n"
    "P2: Not for me 🙁, nobody asked us.\r\n"
)
# The third passage spans a line break, which NVivo counts as two and ATLAS.ti as one.
PASSAGES = ("It was 👍 great, we were finally heard.", "Not for me 🙁", "heard.\r\nP2: Not")


def coded_project(
    origin: str, position: Any, *, upper: bool = False
) -> tuple[Any, dict[str, bytes]]:
    """A project whose two selections cover PASSAGES, positioned as ``position`` counts."""
    selections = []
    for n, passage in enumerate(PASSAGES):
        start = TRANSCRIPT.index(passage)
        end = start + len(passage)
        selections.append(
            selection(
                guid(100 + n, upper=upper),
                position(TRANSCRIPT, start),
                position(TRANSCRIPT, end),
                coding(guid(200 + n, upper=upper), guid(1, upper=upper), guid(20, upper=upper)),
            )
        )
    root = project(
        el("Users", el("User", guid=guid(20, upper=upper), name="Kim")),
        el("CodeBook", el("Codes", code(guid(1, upper=upper), "Being heard"))),
        el("Sources", text_source(guid(10, upper=upper), "Focus group 1", *selections)),
        origin=origin,
    )
    # A UTF-8 byte order mark in front, as Windows tools write text files.
    files = {f"sources/{guid(10, upper=upper)}.txt": b"\xef\xbb\xbf" + TRANSCRIPT.encode()}
    return root, files


# -- positions: each tool's counting gives back exactly the coded passage --------------------


@pytest.mark.parametrize(
    ("origin", "position", "upper"),
    [
        pytest.param("NVivo 14.23.2 (Windows)", utf16_position, False, id="nvivo-utf16"),
        pytest.param("ATLAS.ti for Windows 23.2.3", crlf_as_one_position, True, id="atlas-crlf"),
        pytest.param("MAXQDA 24 (Release 24.7.0)", crlf_as_one_position, True, id="maxqda-crlf"),
        pytest.param("QualCoder 3.6", lambda text, offset: offset, False, id="code-points"),
    ],
)
def test_quotes_are_exactly_the_coded_passages_whatever_the_tool_counts(
    tmp_path: Path, origin: str, position: Any, upper: bool
) -> None:
    root, files = coded_project(origin, position, upper=upper)
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root, files))

    assert [quote.text for quote in study.quotes] == list(PASSAGES)
    (source,) = study.sources
    assert source.text == TRANSCRIPT  # the byte order mark is not part of the text
    for quote in study.quotes:
        assert quote.span is not None
        assert quote.span.slice(source.text) == quote.text
        assert quote.source == source.id == "focus-group-1"
    assert source.guid == guid(10)
    assert [q.guid for q in study.quotes] == [guid(100 + n) for n in range(len(PASSAGES))]
    assert [c.code for c in study.codings] == ["being-heard"] * len(PASSAGES)
    assert [c.coder for c in study.codings] == ["kim"] * len(PASSAGES)
    assert [c.guid for c in study.codings] == [guid(200 + n) for n in range(len(PASSAGES))]
    assert study.index.guids[pl.Kind.QUOTE][guid(101)] == study.quotes[1].id == "not-for-me"
    assert study.coders[0].guid == guid(20)
    # Nothing of the file is lost; only no framework was mapped, so the code stays a code.
    assert report.counts() == {"no_framework_mapped": 1}


def test_the_callers_position_scheme_overrides_the_origin(tmp_path: Path) -> None:
    # Says NVivo, but counted code points (a converted file): the caller knows better.
    root, files = coded_project("NVivo 14", lambda text, offset: offset)
    path = save(tmp_path / "p.qdpx", root, files)

    detected, _ = read_qdpx(path)
    overridden, report = read_qdpx(path, ImportMapping(position_scheme=PositionScheme.CODE_POINTS))

    assert [q.text for q in detected.quotes] != list(PASSAGES)
    assert [q.text for q in overridden.quotes] == list(PASSAGES)
    assert report.counts() == {"no_framework_mapped": 1}


def test_a_selection_outside_its_text_is_reported_not_imported(tmp_path: Path) -> None:
    text = "Short text."
    root = project(
        el("CodeBook", el("Codes", code(CODE, "A code"))),
        el(
            "Sources",
            text_source(
                SOURCE,
                "Interview",
                selection(guid(100), 0, 5, coding(guid(200), CODE)),
                selection(guid(101), 6, 99, coding(guid(201), CODE)),
                selection(guid(102), 3, 3),
            ),
        ),
        origin="QualCoder 3.6",
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE}.txt": text}))

    assert [q.text for q in study.quotes] == ["Short"]
    assert len(study.codings) == 1
    assert report.counts() == {
        "selection_out_of_range": 1,
        "empty_selection": 1,
        "no_framework_mapped": 1,
    }
    (out,) = [e for e in report.entries if e.kind == "selection_out_of_range"]
    assert out.location == f"PlainTextSelection:{guid(101)}"
    assert "6..99" in out.message
    assert "1 coding" in out.message


# -- how the file is laid out ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "path", "data"),
    [
        pytest.param("sources/{g}.txt", "internal://{g}.txt", b"Hello world", id="lower-no-bom"),
        pytest.param(
            "Sources/{g}.txt", "internal://{g}.txt", b"\xef\xbb\xbfHello world", id="upper-bom"
        ),
        pytest.param("sources/{g}.txt", "{g}.txt", b"Hello world", id="path-without-internal"),
        pytest.param(
            "Sources/{g}.txt", "internal://Sources/{g}.txt", b"Hello world", id="folder-in-path"
        ),
    ],
)
def test_source_text_is_found_however_the_archive_names_it(
    tmp_path: Path, member: str, path: str, data: bytes
) -> None:
    root = project(
        el(
            "Sources",
            text_source(
                SOURCE.upper(),
                "Doc",
                selection(guid(100), 6, 11),
                path=path.format(g=SOURCE.upper()),
            ),
        ),
    )
    study, report = read_qdpx(
        save(tmp_path / "p.qdpx", root, {member.format(g=SOURCE.upper()): data})
    )

    assert study.sources[0].text == "Hello world"
    assert study.quotes[0].text == "world"
    assert report.complete


def test_inline_plain_text_content_is_the_source_text(tmp_path: Path) -> None:
    source = el(
        "TextSource",
        el("PlainTextContent", text="\ufeffInline text here"),
        selection(guid(100), 0, 6),
        guid=SOURCE,
        name="Inline",
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", project(el("Sources", source))))

    assert study.sources[0].text == "Inline text here"
    assert study.quotes[0].text == "Inline"
    assert report.complete


def test_a_bare_qde_with_inline_text_is_read_too(tmp_path: Path) -> None:
    source = el(
        "TextSource", el("PlainTextContent", text="Hej"), selection(guid(100), 0, 3), guid=SOURCE
    )
    path = tmp_path / "p.qde"
    path.write_bytes(etree.tostring(project(el("Sources", source))))

    study, _ = read_qdpx(path)

    assert study.quotes[0].text == "Hej"
    assert study.sources[0].label == SOURCE  # no name: the GUID names it


def test_upper_case_and_braced_guids_resolve_to_canonical_ids(tmp_path: Path) -> None:
    braced = "{" + CODE.upper() + "}"
    root = project(
        el("Users", el("User", guid="{" + USER.upper() + "}", name="Ann")),
        el("CodeBook", el("Codes", code(braced, "Trust"))),
        el(
            "Variables",
            el("Variable", guid=VARIABLE.upper(), name="Stakeholder group", typeOfVariable="Text"),
        ),
        el(
            "Cases",
            case(
                guid(30, upper=True),
                "P1",
                el("SelectionRef", targetGUID="{" + guid(100) + "}"),
                group="official",
            ),
        ),
        el(
            "Sources",
            text_source(
                SOURCE.upper(),
                "Interview",
                selection(
                    guid(100, upper=True), 0, 2, coding(guid(200), CODE.upper(), USER.upper())
                ),
            ),
        ),
    )
    study, report = read_qdpx(
        save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE.upper()}.txt": "We trust"})
    )

    assert [(c.id, c.guid) for c in study.codes] == [("trust", CODE)]
    assert study.codings[0].model_dump() == {
        "quote": "we",
        "code": "trust",
        "candidate_theme": None,
        "subtheme": None,
        "theme": None,
        "coder": "ann",
        "when": None,
        "guid": guid(200),
    }
    assert study.coders[0].guid == USER
    assert study.quotes[0].guid == guid(100)
    assert study.sources[0].guid == SOURCE
    assert study.quotes[0].participant == "p1"
    assert study.participants[0].guid == guid(30)
    assert study.participants[0].group == "official"
    assert report.counts() == {"no_framework_mapped": 1}


# -- people -------------------------------------------------------------------------------------


def test_cases_become_participants_with_groups_and_are_the_speakers(tmp_path: Path) -> None:
    root = project(
        variables(),
        el(
            "Cases",
            case(
                guid(30),
                "Anna",
                el("SelectionRef", targetGUID=guid(100)),
                group="Peer support worker",
            ),
            case(guid(31), "Bo", el("SourceRef", targetGUID=OTHER_SOURCE), group="official"),
            # MAXQDA keeps document variables as unnamed cases with one source reference.
            case(guid(32), None, el("SourceRef", targetGUID=SOURCE)),
            case(guid(33), "Nobody", el("SourceRef", targetGUID=SOURCE)),
        ),
        el(
            "Sources",
            text_source(
                SOURCE, "Focus group", selection(guid(100), 0, 5), selection(guid(101), 6, 11)
            ),
            text_source(OTHER_SOURCE, "Interview with Bo", selection(guid(102), 0, 5)),
        ),
    )
    files = {f"sources/{SOURCE}.txt": "Hello there", f"sources/{OTHER_SOURCE}.txt": "Right"}
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root, files))

    assert [(p.label, p.group) for p in study.participants] == [
        ("Anna", "peer-support-worker"),
        ("Bo", "official"),
    ]
    assert [(g.id, g.label) for g in study.groups] == [
        ("peer-support-worker", "Peer support worker"),
        ("official", "official"),
    ]
    # Anna said the selection her case refers to; Bo is the only person of his source.
    assert [q.participant for q in study.quotes] == ["anna", None, "bo"]
    assert [p.guid for p in study.participants] == [guid(30), guid(31)]
    # The format is not stated anywhere in the file: it stays unknown.
    assert [(i.label, i.format, i.participants) for i in study.interviews] == [
        ("Focus group", None, None),
        ("Interview with Bo", None, ("bo",)),
    ]
    assert report.counts() == {"source_case": 1, "case_not_participant": 1}
    # The old guess from the speakers is there when asked for.
    guessed, _ = read_qdpx(tmp_path / "p.qdpx", ImportMapping(interview_format="auto"))
    assert [i.format for i in guessed.interviews] == ["individual", "individual"]


def test_group_values_and_group_sets_of_the_mapping_name_the_groups(tmp_path: Path) -> None:
    root = project(
        variables("Role"),
        el(
            "Cases",
            case(guid(30), "Anna", el("SelectionRef", targetGUID=guid(100)), group=" PSW "),
            case(guid(31), "Bo", el("SelectionRef", targetGUID=guid(101))),
            case(guid(32), "Cid", el("SelectionRef", targetGUID=guid(102))),
        ),
        el(
            "Sources",
            text_source(SOURCE, "A", selection(guid(100), 0, 1), selection(guid(102), 1, 2)),
            text_source(OTHER_SOURCE, "B", selection(guid(101), 0, 1)),
        ),
        el("Sets", member_set(guid(40), "Officials", sources=(OTHER_SOURCE,))),
    )
    files = {f"sources/{SOURCE}.txt": "ab", f"sources/{OTHER_SOURCE}.txt": "c"}
    mapping = ImportMapping(
        group_variable="role",
        group_values={"psw": "peer_support_worker"},
        group_sets={"Officials": "official"},
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root, files), mapping)

    assert [p.group for p in study.participants] == ["peer_support_worker", "official", "unknown"]
    assert [g.label for g in study.groups] == ["PSW", "Officials", "Unknown"]
    assert report.counts() == {"unknown_group": 1}


def test_other_case_variables_become_typed_attributes(tmp_path: Path) -> None:
    age, member = guid(901), guid(902)
    root = project(
        el(
            "Variables",
            el("Variable", guid=VARIABLE, name="Stakeholder group", typeOfVariable="Text"),
            el("Variable", guid=age, name="Age", typeOfVariable="Integer"),
            el("Variable", guid=member, name="Member", typeOfVariable="Boolean"),
        ),
        el(
            "Cases",
            el(
                "Case",
                el(
                    "VariableValue",
                    el("VariableRef", targetGUID=VARIABLE),
                    el("TextValue", text="official"),
                ),
                el(
                    "VariableValue",
                    el("VariableRef", targetGUID=age),
                    el("IntegerValue", text="47"),
                ),
                el(
                    "VariableValue",
                    el("VariableRef", targetGUID=member),
                    el("BooleanValue", text="true"),
                ),
                guid=guid(30),
                name="Anna",
            ),
        ),
    )
    study, _ = read_qdpx(save(tmp_path / "p.qdpx", root))

    assert study.participants[0].attributes == {"Age": 47, "Member": True}


# -- the framework ------------------------------------------------------------------------------


def test_a_single_folder_on_top_is_the_overarching_theme_then_themes_sub_themes_codes(
    tmp_path: Path,
) -> None:
    tree = code(
        guid(1),
        "Everything",
        code(
            guid(2),
            "Theme A",
            code(guid(3), "Sub A1", code(guid(4), "Code x", code(guid(5), "Code y"))),
        ),
        codable=False,
    )
    path = save(tmp_path / "p.qdpx", project(el("CodeBook", el("Codes", tree))))
    # The depth guess is opt-in: without it every code stays a code and the report says so.
    assert ImportMapping().levels is None
    flat, flat_report = read_qdpx(path)
    study, report = read_qdpx(path, ImportMapping(levels="auto"))

    assert flat.overarching_theme is None
    assert (flat.themes, flat.subthemes) == ((), ())
    assert [(c.id, c.parent) for c in flat.codes] == [
        ("everything", None),
        ("theme-a", "everything"),
        ("sub-a1", "theme-a"),
        ("code-x", "sub-a1"),
        ("code-y", "code-x"),
    ]
    assert flat_report.counts() == {"no_framework_mapped": 5}
    assert study.overarching_theme is not None
    assert study.overarching_theme.label == "Everything"
    assert study.overarching_theme.guid == guid(1)
    assert [(t.id, t.label, t.guid) for t in study.themes] == [("theme-a", "Theme A", guid(2))]
    assert [(s.label, s.theme) for s in study.subthemes] == [("Sub A1", "theme-a")]
    assert [(c.label, c.subtheme, c.parent) for c in study.codes] == [
        ("Code x", "sub-a1", None),
        ("Code y", None, "code-x"),
    ]
    assert report.complete


def test_explicit_levels_and_level_sets_of_the_mapping(tmp_path: Path) -> None:
    tree = el(
        "Codes",
        code(guid(1), "Topic", code(guid(2), "Idea", code(guid(3), "Detail"))),
        code(guid(4), "Loose"),
    )
    path = save(
        tmp_path / "p.qdpx",
        project(
            el("CodeBook", tree),
            el(
                "Sets",
                member_set(guid(40), "Themes", codes=(guid(1),)),
                member_set(guid(41), "Subs", codes=(guid(2),)),
            ),
        ),
    )

    by_levels, _ = read_qdpx(path, ImportMapping(levels=["theme", "candidate_theme"]))
    by_sets, report = read_qdpx(path, ImportMapping(theme_sets=["Themes"], subtheme_sets=["Subs"]))

    assert [t.label for t in by_levels.themes] == ["Topic", "Loose"]
    assert [(c.label, c.subtheme) for c in by_levels.candidate_themes] == [("Idea", None)]
    assert [(c.label, c.candidate_theme) for c in by_levels.codes] == [("Detail", "idea")]
    assert [t.label for t in by_sets.themes] == ["Topic"]
    assert [(s.label, s.theme) for s in by_sets.subthemes] == [("Idea", "topic")]
    assert [(c.label, c.subtheme) for c in by_sets.codes] == [("Detail", "idea"), ("Loose", None)]
    assert report.complete


def test_a_mapping_naming_a_missing_set_says_so(tmp_path: Path) -> None:
    path = save(tmp_path / "p.qdpx", project(el("CodeBook", el("Codes", code(CODE, "A")))))

    study, report = read_qdpx(path, ImportMapping(theme_sets=["Themse"]))

    assert [(c.id, c.guid) for c in study.codes] == [("a", CODE)]
    assert report.to_records() == [
        {
            "kind": "missing_mapping_set",
            "location": "Set:Themse",
            "count": 1,
            "message": "the mapping names the Set 'Themse' for the level 'theme', but the "
            "file has no Set of that name",
        },
        {
            "kind": "no_framework_mapped",
            "location": "CodeBook",
            "count": 1,
            "message": "no framework was mapped (no peerlandscape Sets, no level Sets or depths "
            "in the mapping, no reference): the code tree is kept as codes",
        },
    ]


def test_codings_of_unknown_codes_and_of_themes_are_reported(tmp_path: Path) -> None:
    tree = el(
        "Codes",
        code(THEME, "Theme", code(SUB, "Sub", code(CODE, "Code")), codable=False),
        code(guid(5), "Other theme"),
    )
    root = project(
        el("CodeBook", tree),
        el(
            "Sources",
            text_source(
                SOURCE,
                "Interview",
                selection(
                    guid(100),
                    0,
                    4,
                    coding(guid(200), CODE),
                    coding(guid(201), SUB),
                    coding(guid(202), SUB),
                    coding(guid(203), THEME),
                    coding(guid(204), guid(77)),
                    coding(guid(205), guid(77)),
                    coding(guid(206), CODE, guid(88)),
                ),
            ),
        ),
    )
    study, report = read_qdpx(
        save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE}.txt": "Text"}),
        ImportMapping(levels="auto"),
    )

    (quote,) = study.quotes
    assert quote.guid == guid(100)
    # Every coding of a known code is one Coding, whatever the level of its code.
    assert [(c.code, c.subtheme, c.theme, c.coder, c.guid) for c in study.codings] == [
        ("code", None, None, None, guid(200)),
        (None, "sub", None, None, guid(201)),
        (None, "sub", None, None, guid(202)),
        (None, None, "theme", None, guid(203)),
        ("code", None, None, None, guid(206)),
    ]
    assert report.counts() == {"unknown_code": 2, "unknown_user": 1}
    unknown = next(e for e in report.entries if e.kind == "unknown_code")
    assert unknown.location == f"Code:{guid(77)}"


def test_duplicate_guids_are_dropped_and_the_study_stays_valid(tmp_path: Path) -> None:
    root = project(
        el("Users", el("User", guid=USER, name="A"), el("User", guid=USER, name="B")),
        el(
            "CodeBook",
            el("Codes", code(CODE, "First"), code(CODE, "Second", code(guid(6), "Child"))),
        ),
        el(
            "Cases",
            case(guid(30), "P", el("SelectionRef", targetGUID=guid(100))),
            case(guid(30), "Q"),
        ),
        el(
            "Sources",
            text_source(SOURCE, "S", selection(guid(100), 0, 1), selection(guid(100), 1, 2)),
            text_source(SOURCE, "S again", selection(guid(101), 0, 1)),
        ),
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE}.txt": "ab"}))

    assert [c.label for c in study.codes] == ["First"]
    assert [c.label for c in study.coders] == ["A"]
    assert [p.label for p in study.participants] == ["P"]
    assert [s.label for s in study.sources] == ["S"]
    assert [q.text for q in study.quotes] == ["a"]
    dropped = [
        (e.location.split(":")[0], e.count) for e in report.entries if e.kind == "duplicate_guid"
    ]
    assert dropped == [
        ("Code", 2),  # the second "code" and the child under it
        ("User", 1),
        ("TextSource", 2),  # the source and its one selection
        ("Case", 1),
        ("PlainTextSelection", 1),
    ]


def test_a_code_guid_reused_as_a_case_guid_is_imported_and_reported(tmp_path: Path) -> None:
    root = project(
        el("CodeBook", el("Codes", code(CODE, "Topic"))),
        variables(),
        el("Cases", case(CODE, "Person", group="official")),
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root))

    assert (study.codes[0].id, study.participants[0].id) == ("topic", "person")
    assert study.codes[0].guid == study.participants[0].guid == CODE
    assert report.to_records()[0]["kind"] == "shared_guid"
    assert report.counts() == {"shared_guid": 1, "no_framework_mapped": 1}


def test_what_the_study_cannot_hold_is_located_in_the_report(tmp_path: Path) -> None:
    picture = el(
        "PictureSource",
        el(
            "PictureSelection",
            coding(guid(300), CODE),
            guid=guid(301),
            firstX="0",
            firstY="0",
            secondX="1",
            secondY="1",
        ),
        guid=guid(302),
        path="internal://x.png",
    )
    source = el(
        "TextSource",
        el("Description", text="About the interview"),
        el("PlainTextContent", text="Words here"),
        el(
            "PlainTextSelection",
            el("Description", text="Memo"),
            guid=guid(100),
            startPosition="0",
            endPosition="5",
        ),
        coding(guid(303), CODE),
        guid=SOURCE,
        name="Doc",
    )
    root = project(
        el("CodeBook", el("Codes", code(CODE, "A"))),
        el("Sources", source, picture),
        el("Notes", el("Note", guid=guid(304), name="n")),
        el("Sets", member_set(guid(40), "Unused group", sources=(SOURCE,))),
        el("Description", text="A project"),
    )
    study, report = read_qdpx(save(tmp_path / "p.qdpx", root))

    assert [q.text for q in study.quotes] == ["Words"]
    # The note is a memo now; it had no text, which the report says.
    assert [(m.id, m.label, m.guid) for m in study.memos] == [("n", "n", guid(304))]
    assert report.counts() == {
        "picture_source": 1,
        "picture_selection": 1,
        "coding": 1,
        "no_text": 1,
        "no_framework_mapped": 1,
        "project_description": 1,
        "source_coding": 1,
        "source_description": 1,
        "selection_description": 1,
        "unused_set": 1,
    }
    assert (
        ReportEntry(
            "picture_source",
            "Project/Sources/PictureSource",
            1,
            "1 PictureSource element not imported: the study holds text sources only",
        )
        in report.entries
    )
    assert not report.complete
    assert str(report).splitlines()[0] == report.summary()
    # The note is counted among what was imported, as a memo.
    assert report.imported["memos"] == 1
    assert report.summary().startswith(
        "project: imported 1 interview, 1 source, 1 quote, 1 code, 1 memo;"
    )


def test_progress_is_told_as_selections_are_mapped(tmp_path: Path) -> None:
    selections = [selection(guid(100 + n), n, n + 1) for n in range(5)]
    root = project(el("Sources", text_source(SOURCE, "S", *selections)))
    calls: list[tuple[int, int]] = []

    read_qdpx(
        save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE}.txt": "abcdef"}),
        progress=lambda done, total: calls.append((done, total)),
    )

    assert calls[0] == (0, 5)
    assert calls[-1] == (5, 5)


# -- the user's round trip: the built-in codebook out, a coded project back in -----------------


def _tool_project(book_codes: Any, *, fresh_guids: bool = False) -> Any:
    """Copy a codebook's tree as a tool keeps it (upper-case GUIDs, no peerlandscape Sets)."""

    def copy(node: Any) -> Any:
        node_guid = stable_guid("tool", node.guid) if fresh_guids else node.guid.upper()
        name = node.name.upper() if fresh_guids else node.name
        return code(
            node_guid, name, *(copy(child) for child in node.children), codable=node.is_codable
        )

    return el("Codes", *(copy(c) for c in book_codes))


def test_the_built_in_codebook_coded_in_a_tool_comes_back_with_its_framework(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    write_qdc(engdahl, tmp_path / "engdahl2025.qdc")
    book = read_codebook(tmp_path / "engdahl2025.qdc")
    sub = "ensuring-financial-sustainability-for-growth"
    code_id = "f2-lack-of-funding-generate-complexity"
    text = "Funding is always the first thing cut. We need a career path. Nobody listens."
    root = project(
        el("Users", el("User", guid=USER.upper(), name="Coder")),
        el("CodeBook", _tool_project(book.codes)),
        variables(),
        el(
            "Cases",
            case(
                guid(30),
                "Anna",
                el("SelectionRef", targetGUID=guid(100)),
                group="peer_support_worker",
            ),
            case(guid(31), "Bo", el("SelectionRef", targetGUID=guid(101)), group="official"),
        ),
        el(
            "Sources",
            text_source(
                SOURCE,
                "Focus group 1",
                selection(
                    guid(100), 0, 38, coding(guid(200), stable_guid("subtheme", sub).upper(), USER)
                ),
                selection(guid(101), 39, 61, coding(guid(201), stable_guid("code", code_id), USER)),
                selection(
                    guid(102),
                    62,
                    77,
                    coding(guid(202), stable_guid("theme", "scaling-up-peer-support")),
                ),
            ),
        ),
        origin="ATLAS.ti for Windows 23.2.3",
    )
    path = save(tmp_path / "coded.qdpx", root, {f"sources/{SOURCE}.txt": text})

    study, report = read_qdpx(path, reference="engdahl2025")

    assert [q.text for q in study.quotes] == [
        "Funding is always the first thing cut.",
        "We need a career path.",
        "Nobody listens.",
    ]
    assert [q.guid for q in study.quotes] == [guid(100), guid(101), guid(102)]
    first, second, third = (q.id for q in study.quotes)
    assert (first, second, third) == (
        "funding-is-always-the-first-thing",
        "we-need-a-career-path",
        "nobody-listens",
    )
    # Every coding comes back, whatever the level of what it codes.
    assert [(c.quote, c.code, c.subtheme, c.theme, c.coder, c.guid) for c in study.codings] == [
        (first, None, sub, None, "coder", guid(200)),
        (second, code_id, None, None, "coder", guid(201)),
        (third, None, None, "scaling-up-peer-support", None, guid(202)),
    ]
    assert study.coders[0].guid == USER
    assert [p.group for p in study.participants] == ["peer_support_worker", "official"]
    # The reference's framework and group definitions are carried in whole.
    assert study.themes == engdahl.themes
    assert study.subthemes == engdahl.subthemes
    assert study.overarching_theme == engdahl.overarching_theme
    assert study.codes == engdahl.codes
    assert study.candidate_themes == engdahl.candidate_themes
    assert [g.label for g in study.groups] == ["Peer support workers", engdahl.groups[1].label]
    assert report.complete
    # The coded code sits under the same sub-theme (through its candidate theme).
    assert [q.id for q in pl.queries.quotes_for(study, subtheme=sub)] == [first, second]
    assert [q.id for q in pl.queries.quotes_for(study, group="official")] == [second]


def test_a_tool_keeping_the_codebooks_sets_gives_levels_and_one_interview_per_source(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    # ATLAS.ti keeps the codebook's Sets as code groups; they state the levels, but
    # say nothing of interviews, so each document is one.
    write_qdc(engdahl, tmp_path / "e.qdc")
    book = read_codebook(tmp_path / "e.qdc")
    groups = [
        member_set(
            stable_guid("tool-set", s.name), s.name, codes=tuple(g.upper() for g in s.code_guids)
        )
        for s in book.sets
    ]
    root = project(
        el("CodeBook", _tool_project(book.codes)),
        el("Sources", text_source(SOURCE, "Interview 7", selection(guid(100), 0, 5))),
        el("Sets", *groups),
        origin="ATLAS.ti for Windows 23.2.3",
    )
    path = save(tmp_path / "p.qdpx", root, {f"sources/{SOURCE}.txt": "Hello"})

    study, report = read_qdpx(path)

    assert [t.label for t in study.themes] == [t.label for t in engdahl.themes]
    assert [s.label for s in study.subthemes] == [s.label for s in engdahl.subthemes]
    assert [c.label for c in study.candidate_themes] == [c.label for c in engdahl.candidate_themes]
    assert [c.label for c in study.codes] == [c.label for c in engdahl.codes]
    assert [(i.id, i.label, i.format) for i in study.interviews] == [
        ("interview-7", "Interview 7", None)
    ]
    assert study.sources[0].guid == SOURCE
    assert study.quotes[0].interview == "interview-7"
    assert report.complete


def test_codes_renamed_guids_are_matched_to_the_reference_by_name(tmp_path: Path) -> None:
    engdahl = pl.datasets.engdahl2025()
    write_qdc(engdahl, tmp_path / "e.qdc")
    book = read_codebook(tmp_path / "e.qdc")
    root = project(el("CodeBook", _tool_project(book.codes, fresh_guids=True)))

    study, report = read_qdpx(save(tmp_path / "p.qdpx", root), reference=engdahl)

    # The reference's framework is carried in whole ...
    assert study.subthemes == engdahl.subthemes
    assert study.codes[: len(engdahl.codes)] == engdahl.codes
    # ... and each tool code matched only by name stays a code of its own, linked to the
    # reference element of that name.
    labels = {
        element.id: element.label
        for element in (
            *engdahl.themes,
            *engdahl.subthemes,
            *engdahl.candidate_themes,
            *engdahl.codes,
        )
    }
    tool_codes = study.codes[len(engdahl.codes) :]
    linked = [
        (c.label, labels[target])
        for c in tool_codes
        for target in (c.theme, c.subtheme, c.candidate_theme, c.parent)
        if target is not None
    ]
    assert len(linked) == 20
    assert all(label == reference.upper() for label, reference in linked)
    reference_code_ids = {c.id for c in engdahl.codes}
    assert all(c.guid is not None and c.id not in reference_code_ids for c in tool_codes)
    # The tool code named like the reference's overarching theme cannot be linked (codes
    # cannot sit under it): it is kept as a code where it was, at the top, and reported.
    overarching = engdahl.overarching_theme
    assert overarching is not None
    (top,) = [c for c in tool_codes if c.label == overarching.label.upper()]
    assert (top.parent, top.candidate_theme, top.subtheme, top.theme) == (None,) * 4
    assert len(tool_codes) == len(linked) + 1
    (not_linked,) = [e for e in report.entries if e.kind == "code_not_linked"]
    assert (not_linked.location, not_linked.count) == (f"Code:{top.guid}", 1)
    assert report.counts() == {"code_linked_to_reference": 20, "code_not_linked": 1}


# -- mappings as JSON ------------------------------------------------------------------------------


def test_a_mapping_is_read_from_json_with_its_reference_beside_it(tmp_path: Path) -> None:
    pl.write_json(pl.datasets.engdahl2025(), tmp_path / "reference.json")
    (tmp_path / "mapping.json").write_text(
        json.dumps(
            {
                "levels": ["theme", "subtheme", "code"],
                "theme_sets": ["Themes"],
                "reference": "reference.json",
                "group_values": {"PSW": "peer_support_worker"},
                "position_scheme": "code_points_crlf_as_one",
                "interview_format": "focus_group",
                "study_id": "my-study",
            }
        )
    )

    mapping = ImportMapping.from_json_file(tmp_path / "mapping.json")

    assert mapping.levels == ("theme", "subtheme", "code")
    assert mapping.position_scheme is PositionScheme.CODE_POINTS_CRLF_AS_ONE
    assert mapping.reference == str(tmp_path / "reference.json")
    root = project(variables(), el("Cases", case(guid(30), "A", group="PSW")))
    study, _ = read_qdpx(save(tmp_path / "p.qdpx", root), mapping)
    assert study.id == "my-study"
    assert study.groups[0].label == "Peer support workers"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"levels": ["subtheme", "theme"]}', "levels"),
        ('{"group_values": {"PSW": "Not An Id"}}', "group_values.PSW"),
        ('{"colour": "red"}', "colour"),
        ("{", "invalid import mapping"),
    ],
)
def test_a_bad_mapping_file_is_a_document_error_naming_the_field(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(content)

    with pytest.raises(pl.DocumentError, match="invalid import mapping") as caught:
        ImportMapping.from_json_file(path)

    assert message in str(caught.value)


def test_a_missing_mapping_or_reference_file_is_a_missing_file_error(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError):
        ImportMapping.from_json_file(tmp_path / "absent.json")
    with pytest.raises(pl.MissingFileError):
        read_qdpx(save(tmp_path / "p.qdpx", project()), reference=tmp_path / "absent.json")


# -- every real file of the samples folder -------------------------------------------------------

MAXQDA = "paper_themes__ICLS_Conf_Themes_ALL_just10.MAXQDA24.qdpx"
MAXQDA_LLM_EDITED = "paper_themes__references_project_with_generated_codes.qde"
ATLAS_BLANK = "ponte__blank-atlas-project.qdpx"
ATLAS_TARGET = "ponte__target-atlas-project.qdpx"
SPEC_CODEBOOK = "refi_spec_1.5_annexA1_codebook_example.qdc"
REQUAL_CODEBOOK = "requal__atlas_ti_23_4_valid.qdc"
SKY_LOOM_QDE = "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde"
SKY_LOOM_QDPX = "sky-loom__TestProject.qdpx"
TAGUETTE_TESTS = "taguette__tests_expected_codebook.qdc"
TAGUETTE_UTO = "uto_tag__Taguette_1.4.1_codebook.qdc"

PROJECT_SAMPLES = [
    MAXQDA,
    MAXQDA_LLM_EDITED,
    ATLAS_BLANK,
    ATLAS_TARGET,
    SKY_LOOM_QDE,
    SKY_LOOM_QDPX,
]
CODEBOOK_SAMPLES = [SPEC_CODEBOOK, REQUAL_CODEBOOK, TAGUETTE_TESTS, TAGUETTE_UTO]

# The ATLAS.ti sample's media, links and graphs: everything not text (its notes are memos).
SKY_LOOM_MEDIA = {
    "picture_source": 1,
    "picture_selection": 1,
    "coding": 9,
    "pdf_source": 2,
    "representation": 5,
    "pdf_selection": 4,
    "plain_text_selection": 2,
    "audio_source": 1,
    "video_source": 2,
    "transcript": 3,
    "sync_point": 13,
    "video_selection": 2,
    "link": 1,
    "graph": 1,
    "vertex": 3,
    "edge": 2,
}
# What each sample gives: the imported counts (zeros left out) and the report's counts.
EXPECTED: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    # 10 document-group-free texts; 18 top codes with one level of children.
    # No framework is mapped (no Sets or levels say one): the code tree is kept as codes.
    MAXQDA: (
        {"interviews": 10, "sources": 10, "coders": 1, "codes": 307},
        # the document groups "ICLS 2024" and "ICLS 2025"
        {"no_framework_mapped": 307, "unused_set": 2},
    ),
    # A bare .qde: no source texts, so the sources come without their text; the foreign
    # namespace is tolerated.
    MAXQDA_LLM_EDITED: (
        {"interviews": 10, "sources": 10, "coders": 1, "codes": 343},
        {
            "foreign_namespace": 1,
            "no_archive": 10,
            "no_framework_mapped": 343,
            "source_without_text": 10,
            "unused_set": 2,
        },
    ),
    ATLAS_BLANK: ({"coders": 2}, {}),
    ATLAS_TARGET: ({"coders": 2, "codes": 3}, {"no_framework_mapped": 3}),
    # The source texts are not in the archive (nor beside a bare .qde): the sources and
    # their 6 text selections are imported without their words.
    SKY_LOOM_QDE: (
        {
            "interviews": 6,
            "sources": 6,
            "quotes": 6,
            "coders": 3,
            "codes": 14,
            "codings": 7,
            "memos": 2,
        },
        {
            "no_archive": 6,
            **SKY_LOOM_MEDIA,
            "no_framework_mapped": 14,
            "source_without_text": 6,
            "selection_without_text": 6,
            "unused_set": 16,
        },
    ),
    SKY_LOOM_QDPX: (
        {
            "interviews": 6,
            "sources": 6,
            "quotes": 6,
            "coders": 3,
            "codes": 14,
            "codings": 7,
            "memos": 2,
        },
        {
            "missing_source_file": 6,
            **SKY_LOOM_MEDIA,
            "no_framework_mapped": 14,
            "source_without_text": 6,
            "selection_without_text": 6,
            "unused_set": 16,
        },
    ),
    SPEC_CODEBOOK: ({"codes": 6}, {"no_framework_mapped": 6}),
    # the code group "code group 1"
    REQUAL_CODEBOOK: ({"codes": 1}, {"no_framework_mapped": 1, "unused_set": 1}),
    TAGUETTE_TESTS: ({"codes": 3}, {"no_framework_mapped": 3}),
    TAGUETTE_UTO: ({"codes": 3}, {"no_framework_mapped": 3}),
}
# The same projects with the depth guess asked for: top codes are themes, their children
# sub-themes.
EXPECTED_BY_DEPTH: dict[str, tuple[dict[str, int], dict[str, int]]] = {
    MAXQDA: (
        {"interviews": 10, "sources": 10, "coders": 1, "sub-themes": 289, "themes": 18},
        {"unused_set": 2},
    ),
    MAXQDA_LLM_EDITED: (
        {"interviews": 10, "sources": 10, "coders": 1, "sub-themes": 324, "themes": 19},
        {"foreign_namespace": 1, "no_archive": 10, "source_without_text": 10, "unused_set": 2},
    ),
    ATLAS_TARGET: ({"coders": 2, "sub-themes": 2, "themes": 1}, {}),
}


def _imported(report: ImportReport) -> dict[str, int]:
    return {name: n for name, n in report.imported.items() if n}


def test_the_sample_list_covers_every_file_in_the_folder(samples: Path) -> None:
    on_disk = {path.name for path in samples.iterdir() if path.suffix != ".md"}
    assert on_disk == set(EXPECTED) == {*PROJECT_SAMPLES, *CODEBOOK_SAMPLES}


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_every_sample_project_imports_with_a_report_of_what_was_dropped(
    samples: Path, name: str
) -> None:
    result = read_qdpx(samples / name)

    assert isinstance(result, ImportResult)
    imported, dropped = EXPECTED[name]
    assert _imported(result.report) == imported
    assert result.report.counts() == dropped
    assert result.report.document == "project"


@pytest.mark.parametrize("name", list(EXPECTED_BY_DEPTH))
def test_sample_projects_give_themes_by_depth_when_asked(samples: Path, name: str) -> None:
    _, report = read_qdpx(samples / name, ImportMapping(levels="auto"))

    imported, dropped = EXPECTED_BY_DEPTH[name]
    assert _imported(report) == imported
    assert report.counts() == dropped


@pytest.mark.parametrize("name", CODEBOOK_SAMPLES)
def test_every_sample_codebook_imports_as_a_framework(samples: Path, name: str) -> None:
    study, report = read_qdc(samples / name)

    imported, dropped = EXPECTED[name]
    assert _imported(report) == imported
    assert report.counts() == dropped
    assert report.document == "codebook"
    assert study.title == Path(name).stem
    assert (study.quotes, study.participants, study.sources) == ((), (), ())


@pytest.mark.parametrize("name", CODEBOOK_SAMPLES)
def test_a_codebook_given_as_a_project_is_refused_with_a_library_error(
    samples: Path, name: str
) -> None:
    with pytest.raises(pl.DocumentError, match=r"'CodeBook'.*not the REFI-QDA 'Project'"):
        read_qdpx(samples / name)


def test_a_project_given_as_a_codebook_is_refused_with_a_library_error(samples: Path) -> None:
    with pytest.raises(pl.DocumentError, match=r"'Project'.*not the REFI-QDA 'CodeBook'"):
        read_qdc(samples / SKY_LOOM_QDE)


def test_the_maxqda_sample_keeps_texts_names_colours_and_descriptions(samples: Path) -> None:
    study, _ = read_qdpx(samples / MAXQDA, ImportMapping(levels="auto"))

    first = study.themes[0]
    assert (first.label, first.color) == ("Additional Themes and Ideas", "#ef8256")
    assert first.description is not None
    assert first.description.startswith("This category")
    assert study.subthemes[0].label == "THEME - Affinity Spaces (Gee)"
    assert study.subthemes[0].theme == first.id
    assert [i.label for i in study.interviews][:2] == ["ICLS 2024 3-10", "ICLS 2024 11-18"]
    assert all(s.interview == s.id for s in study.sources)  # each text its own interview
    assert study.sources[0].text is not None
    assert len(study.sources[0].text) == 33881


def test_the_atlas_sample_keeps_flattened_names_as_flat_codes(samples: Path) -> None:
    study, report = read_qdpx(samples / SKY_LOOM_QDPX)

    assert [c.label for c in study.codes][4:7] == ["Coke::full-fat Coke", "Coke::diet Coke", "Coke"]
    assert all(c.parent is None for c in study.codes)
    assert [c.label for c in study.coders] == [
        "ATLAS.ti",
        "Friedrich Markgraf",
        "Sebastian Petrausch",
    ]
    missing = [e for e in report.entries if e.kind == "selection_without_text"]
    assert sum(e.count for e in missing) == 6
    assert all("imported" in e.message for e in missing)
    assert [q.text for q in study.quotes] == [None] * 6
    assert len(study.codings) == 7
    assert [m.label for m in study.memos] == ["Research Plan", "My favorite Coke ad"]


def test_taguette_codes_stay_flat_with_their_path_names(samples: Path) -> None:
    study, _ = read_qdc(samples / TAGUETTE_TESTS)

    assert [c.label for c in study.codes][2] == "interesting\\places"
    assert study.codes[2].id == "interesting-places"
    assert study.codes[2].guid == "55bb6892-6f30-5129-8cb8-557a1b12137b"
    assert study.themes == ()


def test_the_spec_codebook_unbraces_guids(samples: Path) -> None:
    study, _ = read_qdc(samples / SPEC_CODEBOOK)

    assert study.codes[0].id == "topics"
    assert study.codes[0].guid == "5215cc69-b628-4e02-afb9-9beeaee55808"
    assert [c.color for c in study.codes][1:3] == ["#ffff00", "#33cc33"]
