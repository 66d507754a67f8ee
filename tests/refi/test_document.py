"""The reader is lenient about what vendors really write, and strict about structure."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from peerlandscape._exceptions import DocumentError
from peerlandscape.refi import (
    Case,
    Coding,
    Note,
    PlainTextSelection,
    PositionConverter,
    PositionScheme,
    ProblemCode,
    ProjectDocument,
    ReadLimits,
    VariableValue,
    detect_scheme,
    parse_codebook,
    parse_project,
    read_project,
)

from ._builders import codebook_xml, project_xml
from .conftest import MakeQdpx

G1 = "11111111-1111-4111-8111-111111111111"
G2 = "22222222-2222-4222-8222-222222222222"
G3 = "33333333-3333-4333-8333-333333333333"
G4 = "44444444-4444-4444-8444-444444444444"
G5 = "55555555-5555-4555-8555-555555555555"
G6 = "66666666-6666-4666-8666-666666666666"


def _parse(body: str, **kwargs: str) -> ProjectDocument:
    return parse_project(project_xml(body, **kwargs).encode())


def _codes(codes: str) -> str:
    return f"<CodeBook><Codes>{codes}</Codes></CodeBook>"


def _text_source(inner: str, attributes: str = "") -> str:
    return (
        f"<Sources><TextSource guid='{G1}' name='Interview' {attributes}>"
        f"{inner}</TextSource></Sources>"
    )


def test_the_intermediate_objects_are_frozen_and_slotted() -> None:
    project = _parse(_codes(f"<Code guid='{G1}' name='Trust' isCodable='true'/>"))

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        project.name = "other"  # type: ignore[misc]
    assert not hasattr(project.codes[0], "__dict__")


def test_guids_in_any_spelling_are_stored_canonically_so_references_match() -> None:
    body = _codes(f"<Code guid='{{{G2.upper()}}}' name='Trust' isCodable='true'/>") + _text_source(
        f"<PlainTextContent>We trust.</PlainTextContent>"
        f"<PlainTextSelection guid='{G3.upper()}' startPosition='3' endPosition='8'>"
        f"<Coding guid='{G4}'><CodeRef targetGUID='{G2}'/></Coding></PlainTextSelection>"
    )
    project = _parse(body)

    (code,) = project.codes
    (selection,) = project.text_sources[0].selections
    assert code.guid == G2
    assert selection.guid == G3
    assert selection.codings[0].code_guid == code.guid


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("#F00082", "#f00082"),
        ("#abc", "#aabbcc"),
        (" #46AA00 ", "#46aa00"),
        ("rgb(255, 0, 16)", "#ff0010"),
        ("RGB(1,2,3)", "#010203"),
    ],
)
def test_colours_are_normalised_to_lower_case_hex(written: str, stored: str) -> None:
    project = _parse(_codes(f"<Code guid='{G1}' name='c' isCodable='true' color='{written}'/>"))

    assert project.codes[0].color == stored
    assert project.problems == ()


@pytest.mark.parametrize("written", ["red", "#12345", "rgb(300,0,0)", ""])
def test_an_unreadable_colour_is_dropped_and_reported(written: str) -> None:
    project = _parse(_codes(f"<Code guid='{G1}' name='c' isCodable='true' color='{written}'/>"))

    assert project.codes[0].color is None
    (problem,) = project.problems
    assert problem.code is ProblemCode.BAD_VALUE
    assert problem.guid == G1
    assert problem.location == "Project/CodeBook/Codes/Code"


def test_missing_optional_attributes_are_none_and_is_codable_defaults_to_true() -> None:
    project = _parse(
        _codes(f"<Code guid='{G1}' name='bare'/>") + f"<Users><User guid='{G2}'/></Users>"
    )

    code = project.codes[0]
    assert (code.is_codable, code.color, code.description, code.children) == (True, None, None, ())
    assert (project.users[0].name, project.users[0].id) == (None, None)
    assert project.origin is None
    assert project.problems == ()


def test_a_missing_required_name_reads_as_empty_and_is_reported() -> None:
    project = _parse(_codes(f"<Code guid='{G1}' isCodable='yes'/>"))

    assert project.codes[0].name == ""
    assert {p.code for p in project.problems} == {
        ProblemCode.MISSING_ATTRIBUTE,
        ProblemCode.BAD_VALUE,
    }


def test_an_element_without_a_guid_is_a_document_error_naming_where() -> None:
    with pytest.raises(
        DocumentError, match=r"Project/CodeBook/Codes/Code@guid \(line 2\).*missing"
    ):
        _parse(_codes("<Code name='no guid' isCodable='true'/>"))


def test_a_malformed_guid_is_a_document_error_quoting_it() -> None:
    with pytest.raises(DocumentError, match=r"Project/Users/User@guid.*invalid GUID 'abc'"):
        _parse("<Users><User guid='abc'/></Users>")


@pytest.mark.parametrize(
    ("start", "end"),
    [("", "5"), ("x", "5"), ("1.5", "5"), ("1_0", "5"), ("٣", "5"), (None, "5"), ("1", None)],
)
def test_a_selection_without_integer_positions_is_set_aside_as_a_problem(
    start: str | None, end: str | None
) -> None:
    attributes = "".join(
        f" {name}='{value}'"
        for name, value in (("startPosition", start), ("endPosition", end))
        if value is not None
    )
    body = _text_source(
        "<PlainTextContent>text</PlainTextContent>"
        f"<PlainTextSelection guid='{G2}'{attributes}>"
        f"<Coding guid='{G4}'><CodeRef targetGUID='{G5}'/></Coding></PlainTextSelection>"
        f"<PlainTextSelection guid='{G3}' startPosition='0' endPosition='4'/>"
    )
    project = _parse(body)

    assert [s.guid for s in project.text_sources[0].selections] == [G3]
    (problem,) = project.problems
    assert problem.code is ProblemCode.BAD_POSITION
    assert problem.guid == G2
    assert "1 codings" in problem.message


def test_positions_are_kept_as_written_including_signs_and_spaces() -> None:
    body = _text_source(
        f"<PlainTextContent>x</PlainTextContent>"
        f"<PlainTextSelection guid='{G2}' startPosition=' +3 ' endPosition='-1'/>"
    )
    (selection,) = _parse(body).text_sources[0].selections

    assert (selection.start, selection.end) == (3, -1)


def test_a_selection_reads_all_its_attributes_and_codings() -> None:
    body = _text_source(
        "<PlainTextContent>We trust each other.</PlainTextContent>"
        f"<PlainTextSelection guid='{G2}' name='quote' startPosition='3' endPosition='8' "
        f"creatingUser='{G5.upper()}' creationDateTime='2024-01-02T03:04:05Z' "
        f"modifyingUser='{G6}' modifiedDateTime='2024-02-02T03:04:05Z'>"
        "<Description>why</Description>"
        f"<Coding guid='{G3}' creatingUser='{G5}' creationDateTime='2024-01-02T03:04:06Z'>"
        f"<CodeRef targetGUID='{G4}'/></Coding>"
        "</PlainTextSelection>"
        f"<Coding guid='{G6}'><CodeRef targetGUID='{G4}'/></Coding>"
    )
    source = _parse(body).text_sources[0]

    assert source.selections == (
        PlainTextSelection(
            guid=G2,
            name="quote",
            start=3,
            end=8,
            description="why",
            creating_user=G5,
            creation_datetime="2024-01-02T03:04:05Z",
            modifying_user=G6,
            modified_datetime="2024-02-02T03:04:05Z",
            codings=(Coding(G3, G4, G5, "2024-01-02T03:04:06Z"),),
        ),
    )
    assert source.codings == (Coding(G6, G4),)


def test_a_coding_without_a_code_reference_is_set_aside() -> None:
    body = _text_source(
        f"<PlainTextSelection guid='{G2}' startPosition='0' endPosition='1'>"
        f"<Coding guid='{G3}'/></PlainTextSelection>",
        "plainTextPath='relative:///x.txt'",
    )
    project = _parse(body)

    assert project.text_sources[0].selections[0].codings == ()
    assert ProblemCode.MISSING_ATTRIBUTE in {p.code for p in project.problems}


def test_inline_plain_text_content_is_the_text_without_its_bom() -> None:
    source = _parse(_text_source("<PlainTextContent>\ufeffHej då</PlainTextContent>")).text_sources[
        0
    ]

    assert source.plain_text_content == "\ufeffHej då"
    assert source.text == "Hej då"
    assert source.plain_text_path is None


def test_text_outside_the_archive_is_never_read_and_is_reported() -> None:
    project = _parse(_text_source("", "plainTextPath='absolute:///etc/passwd'"))

    assert project.text_sources[0].text is None
    assert [p.code for p in project.problems] == [ProblemCode.EXTERNAL_SOURCE]


def test_a_text_source_without_any_text_is_reported() -> None:
    project = _parse(_text_source(""))

    assert [p.code for p in project.problems] == [ProblemCode.NO_TEXT]


def test_source_text_is_read_from_the_archive_ignoring_case_and_bom(make_qdpx: MakeQdpx) -> None:
    body = (
        "<Sources>"
        f"<TextSource guid='{G1}' plainTextPath='internal://{G1.upper()}.TXT'/>"
        f"<TextSource guid='{G2}' plainTextPath='{G2}.txt'/>"
        f"<TextSource guid='{G3}' plainTextPath='sources/{G3}.txt'/>"
        f"<TextSource guid='{G4}' plainTextPath='internal://gone.txt'/>"
        "</Sources>"
    )
    path = make_qdpx(
        {
            "Project.qde": project_xml(body),
            f"Sources/{G1}.txt": "\ufeffförsta".encode(),
            f"sources/{G2}.txt": b"andra",
            f"sources/{G3}.txt": b"tredje",
            "sources/.root": b"",
        }
    )
    project = read_project(path)

    assert [s.text for s in project.text_sources] == ["första", "andra", "tredje", None]
    (problem,) = project.problems
    assert problem.code is ProblemCode.MISSING_SOURCE_FILE
    assert problem.guid == G4
    assert "sources/gone.txt" in problem.message


def test_nvivo_style_utf16_positions_select_the_quote_from_archive_text(
    make_qdpx: MakeQdpx,
) -> None:
    text = "Hej 👋 där.\r\nVi stöttar 🤝 varandra."
    quote = "stöttar 🤝 varandra"
    begin = text.index(quote)
    units = len(text[:begin].encode("utf-16-le")) // 2
    length = len(quote.encode("utf-16-le")) // 2
    body = _text_source(
        f"<PlainTextSelection guid='{G2}' startPosition='{units}' endPosition='{units + length}'/>",
        f"plainTextPath='internal://{G1}.txt'",
    )
    path = make_qdpx(
        {
            "project.qde": project_xml(body, attributes="origin='NVivo 14.23.0'"),
            f"sources/{G1}.txt": b"\xef\xbb\xbf" + text.encode(),
        }
    )
    project = read_project(path)
    source = project.text_sources[0]
    assert source.text is not None
    converter = PositionConverter(source.text, detect_scheme(project.origin))
    selection = source.selections[0]

    span = converter.span(selection.start, selection.end)

    assert converter.scheme is PositionScheme.UTF16_CODE_UNITS
    assert span is not None
    assert source.text[span[0] : span[1]] == quote


def test_cases_variables_and_values_are_read() -> None:
    body = (
        f"<Variables><Variable guid='{G1}' name='age' typeOfVariable='Integer'>"
        "<Description>years</Description></Variable></Variables>"
        f"<Cases><Case guid='{G2}' name='Anna'><Description>peer</Description>"
        f"<CodeRef targetGUID='{G6}'/>"
        f"<VariableValue><VariableRef targetGUID='{G1}'/>"
        "<IntegerValue>42</IntegerValue></VariableValue>"
        f"<SourceRef targetGUID='{G3}'/><SelectionRef targetGUID='{G4}'/></Case>"
        # MAXQDA writes unnamed cases holding one source.
        f"<Case guid='{G5}'><SourceRef targetGUID='{G3}'/></Case></Cases>"
    )
    project = _parse(body)

    (variable,) = project.variables
    assert (variable.name, variable.type_of_variable, variable.description) == (
        "age",
        "Integer",
        "years",
    )
    assert project.cases == (
        Case(
            guid=G2,
            name="Anna",
            description="peer",
            variable_values=(VariableValue(variable_guid=G1, kind="Integer", value="42"),),
            code_guids=(G6,),
            source_guids=(G3,),
            selection_guids=(G4,),
        ),
        Case(guid=G5, source_guids=(G3,)),
    )


def test_sets_keep_codes_sources_and_notes_apart() -> None:
    body = (
        f"<Sets><Set guid='{G1}' name='group'><Description>d</Description>"
        f"<MemberCode targetGUID='{G2}'/><MemberSource targetGUID='{G3}'/>"
        f"<MemberNote targetGUID='{G4}'/></Set></Sets>"
    )
    (group,) = _parse(body).sets

    assert (group.code_guids, group.source_guids, group.note_guids) == ((G2,), (G3,), (G4,))
    assert group.description == "d"


def test_a_codebook_reads_member_codes_by_their_guid_attribute() -> None:
    body = (
        f"<Codes><Code guid='{G1}' name='a' isCodable='true'/></Codes>"
        f"<Sets><Set guid='{G2}' name='s'><MemberCode guid='{G1}'/></Set></Sets>"
    )
    book = parse_codebook(codebook_xml(body).encode())

    assert book.sets[0].code_guids == (G1,)


@pytest.mark.parametrize(
    "namespace",
    ["urn:QDA-XML:project:1.0", "urn:QDA-XML:project:1:0", "urn:QDA-XML:project:0:4", ""],
)
def test_every_namespace_vendors_use_is_accepted(namespace: str) -> None:
    project = _parse(_codes(f"<Code guid='{G1}' name='c' isCodable='true'/>"), namespace=namespace)

    assert project.namespace == namespace
    assert len(project.codes) == 1
    assert project.problems == ()


def test_an_unknown_namespace_is_read_and_reported() -> None:
    project = _parse(
        _codes(f"<Code guid='{G1}' name='c' isCodable='true'/>"), namespace="urn:other"
    )

    assert len(project.codes) == 1
    assert [p.code for p in project.problems] == [ProblemCode.UNKNOWN_NAMESPACE]


def test_what_is_not_modelled_is_counted_with_its_location() -> None:
    body = (
        _codes(f"<Code guid='{G1}' name='c' isCodable='true'><NoteRef targetGUID='{G2}'/></Code>")
        + f"<Notes><Note guid='{G2}' name='memo'>"
        + "<PlainTextContent>m</PlainTextContent></Note></Notes>"
        + f"<Sources><PictureSource guid='{G3}'><PictureSelection guid='{G4}' "
        + "firstX='0' firstY='0' secondX='1' secondY='1'>"
        + f"<Coding guid='{G5}'><CodeRef targetGUID='{G1}'/></Coding>"
        + "</PictureSelection></PictureSource></Sources>"
        + f"<Links><Link guid='{G6}' originGUID='{G1}' targetGUID='{G2}'/></Links>"
        + "<VendorExtension/>"
        + f"<NoteRef targetGUID='{G2}'/>"
    )
    project = _parse(body)

    assert project.unmodelled_counts() == {
        "Coding": 1,
        "Link": 1,
        "PictureSelection": 1,
        "PictureSource": 1,
        "VendorExtension": 1,
    }
    picture = project.unmodelled[0]
    assert (picture.kind, picture.location, picture.guid) == (
        "PictureSource",
        "Project/Sources/PictureSource",
        G3,
    )
    coding = next(item for item in project.unmodelled if item.kind == "Coding")
    assert coding.location == "Project/Sources/PictureSource/PictureSelection/Coding"
    assert coding.line == 2
    # Notes and their references are modelled, not counted.
    (note,) = project.notes
    assert (note.guid, note.text, note.referenced_by, note.on_project) == (G2, "m", (G1,), True)


def test_comments_and_processing_instructions_are_ignored() -> None:
    body = "<!-- exported --><?vendor hint?>" + _codes(
        f"<!-- c --><Code guid='{G1}' name='c' isCodable='true'><!-- d --></Code>"
    )
    project = _parse(body)

    assert len(project.codes) == 1
    assert project.unmodelled == ()


def test_a_bare_qde_is_read_by_its_suffix_or_its_content(tmp_path: Path) -> None:
    document = project_xml(_codes(f"<Code guid='{G1}' name='c' isCodable='true'/>"))
    for name in ("export.qde", "export.xml"):
        path = tmp_path / name
        path.write_text(document)
        assert len(read_project(path).codes) == 1


# Text sources are read while the XML is parsed (and then emptied, so that the
# whole tree is never resident). What the reader gives and raises must not
# show it: the document and the first error are those of one walk in order.


def test_an_error_before_the_sources_is_raised_before_one_inside_them() -> None:
    body = "<Users><User guid='abc'/></Users>" + _text_source(
        "<PlainTextContent>x</PlainTextContent><PlainTextSelection guid='bad' "
        "startPosition='0' endPosition='1'/>"
    )

    with pytest.raises(DocumentError, match=r"Project/Users/User@guid.*invalid GUID 'abc'"):
        _parse(body)


def test_problems_and_unmodelled_elements_keep_document_order_across_sources() -> None:
    def source(guid: str, inner: str) -> str:
        return f"<TextSource guid='{guid}' name='s'>{inner}</TextSource>"

    body = (
        "<Extra/><Sources>"
        + source(G1, "<PlainTextContent>a</PlainTextContent><Odd/>")
        + f"<PictureSource guid='{G2}'/>"
        + source(G3, "")
        + "</Sources>"
        + f"<Sets><Set guid='{G4}' name='s'><Unknown/></Set></Sets>"
    )
    project = _parse(body)

    assert [item.kind for item in project.unmodelled] == [
        "Extra",
        "Odd",
        "PictureSource",
        "Unknown",
    ]
    assert [problem.code for problem in project.problems] == [ProblemCode.NO_TEXT]
    assert [source.guid for source in project.text_sources] == [G1, G3]
    assert [source.text for source in project.text_sources] == ["a", None]


def test_reading_sources_while_parsing_gives_the_document_a_whole_tree_gives(
    samples: Path,
) -> None:
    from peerlandscape.refi._parsing._elements import parse_root
    from peerlandscape.refi._parsing._project import _ProjectReader

    for path in sorted(samples.glob("*.qde")):
        data = path.read_bytes()
        streamed = parse_project(data, source_name=path.name)
        root = parse_root(data, "Project", path.name, ReadLimits())
        # A depth limit below a text source's own depth turns early reading off.
        walked = _ProjectReader(root, path.name, None, max_depth=0).read()
        assert streamed == walked


# Notes (memos): the project's <Notes>, with every NoteRef resolved into what
# refers to each note. The schema puts NoteRefs in the project, codes,
# sources, selections and codings; a case's is read too.

N1 = "a1a1a1a1-0000-4000-8000-000000000001"
N2 = "a1a1a1a1-0000-4000-8000-000000000002"
N3 = "a1a1a1a1-0000-4000-8000-000000000003"
USER = "b2b2b2b2-0000-4000-8000-000000000001"


def _project_with_notes_everywhere() -> str:
    # Upper-case and braced spellings, as MAXQDA, ATLAS.ti and the standard write them.
    def ref(guid: str) -> str:
        return f"<NoteRef targetGUID='{guid.upper()}'/>"

    return project_xml(
        f"<Users><User guid='{USER.upper()}' name='coder'/></Users>"
        + _codes(f"<Code guid='{G1}' name='c' isCodable='true'>{ref(N1)}</Code>")
        + f"<Variables><Variable guid='{G6}' name='site' typeOfVariable='Text'/></Variables>"
        + f"<Cases><Case guid='{G2}' name='Anna'>{ref(N2)}</Case></Cases>"
        + f"<Sources><TextSource guid='{G3}' name='Interview' plainTextPath='internal://s.txt'>"
        + f"<PlainTextSelection guid='{G4}' startPosition='0' endPosition='2'>"
        + f"<Coding guid='{G5}'><CodeRef targetGUID='{G1}'/>{ref(N2)}</Coding>{ref(N1)}"
        + f"</PlainTextSelection>{ref(N3)}"
        + f"<VariableValue><VariableRef targetGUID='{G6}'/><TextValue>north</TextValue>"
        + "</VariableValue></TextSource></Sources>"
        + "<Notes>"
        + f"<Note guid='{{{N1.upper()}}}' name='On trust' creatingUser='{USER.upper()}' "
        + f"creationDateTime='2024-03-04T09:00:00Z' modifyingUser='{{{USER}}}' "
        + "modifiedDateTime='2024-03-05T10:00:00Z'>"
        + "<Description>why</Description><PlainTextContent>A memo.</PlainTextContent></Note>"
        + f"<Note guid='{N2}' name='File memo' plainTextPath='internal://{N2.upper()}.txt'/>"
        + f"<Note guid='{N3}' name='Source memo'><PlainTextContent/></Note>"
        + "</Notes>"
        + ref(N1),
    )


def test_notes_are_read_with_everything_that_refers_to_them(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx(
        {
            "project.qde": _project_with_notes_everywhere(),
            "sources/s.txt": "hi there",
            f"Sources/{N2.upper()}.txt": "\ufeffA memo in a file.",
        }
    )
    project = read_project(path)

    assert project.notes == (
        Note(
            guid=N1,
            name="On trust",
            text="A memo.",
            description="why",
            creating_user=USER,
            creation_datetime="2024-03-04T09:00:00Z",
            modifying_user=USER,
            modified_datetime="2024-03-05T10:00:00Z",
            referenced_by=(G1, G4),
            on_project=True,
        ),
        Note(
            guid=N2,
            name="File memo",
            text="A memo in a file.",
            plain_text_path=f"internal://{N2.upper()}.txt",
            referenced_by=(G2, G5),
        ),
        Note(guid=N3, name="Source memo", text="", referenced_by=(G3,)),
    )
    assert project.unmodelled == ()
    assert project.problems == ()


def test_a_source_carries_its_own_variable_values() -> None:
    (source,) = parse_project(_project_with_notes_everywhere().encode()).text_sources

    assert source.variable_values == (VariableValue(variable_guid=G6, kind="Text", value="north"),)


def test_a_note_ref_to_no_note_is_left_out_and_reported() -> None:
    body = _codes(
        f"<Code guid='{G1}' name='c' isCodable='true'><NoteRef targetGUID='{N1}'/></Code>"
    )
    project = _parse(body)

    assert project.notes == ()
    (problem,) = project.problems
    assert (problem.code, problem.location, problem.guid) == (
        ProblemCode.UNKNOWN_NOTE,
        "Project/CodeBook/Codes/Code/NoteRef",
        N1,
    )


def test_a_note_ref_with_a_malformed_target_is_a_document_error() -> None:
    body = _codes(f"<Code guid='{G1}' name='c' isCodable='true'><NoteRef targetGUID='x'/></Code>")

    with pytest.raises(DocumentError, match=r"Code/NoteRef@targetGUID.*invalid GUID 'x'"):
        _parse(body)


def test_a_note_ref_inside_an_unmodelled_element_names_that_element() -> None:
    body = (
        f"<Sources><PictureSource guid='{G3.upper()}'><NoteRef targetGUID='{N1}'/>"
        "</PictureSource></Sources>"
        f"<Notes><Note guid='{N1}' name='n'><PlainTextContent>x</PlainTextContent></Note></Notes>"
    )
    project = _parse(body)

    assert project.notes[0].referenced_by == (G3,)
    assert project.unmodelled_counts() == {"PictureSource": 1}


def test_a_note_text_is_never_read_from_outside_the_archive() -> None:
    body = (
        f"<Notes><Note guid='{N1}' name='n' plainTextPath='absolute:///etc/passwd'/>"
        f"<Note guid='{N2}' name='m'/></Notes>"
    )
    project = _parse(body)

    assert [note.text for note in project.notes] == [None, None]
    assert [(p.code, p.guid) for p in project.problems] == [
        (ProblemCode.EXTERNAL_SOURCE, N1),
        (ProblemCode.NO_TEXT, N2),
    ]


def test_what_a_note_holds_beyond_its_text_is_counted_as_unmodelled() -> None:
    body = (
        f"<Notes><Note guid='{N1}' name='n'><PlainTextContent>memo</PlainTextContent>"
        f"<PlainTextSelection guid='{G4}' startPosition='0' endPosition='1'/>"
        f"<NoteRef targetGUID='{N2}'/></Note>"
        f"<Note guid='{N2}' name='m'><PlainTextContent>x</PlainTextContent></Note></Notes>"
    )
    project = _parse(body)

    assert project.unmodelled_counts() == {"PlainTextSelection": 1}
    assert project.notes[1].referenced_by == (N1,)


# Own GUIDs of selections and codings are checked in one batch per source, and
# a source whose batch fails is read again checking each: neither shows.


def test_braced_own_guids_in_a_source_are_read_once_and_canonically() -> None:
    body = _text_source(
        "<PlainTextContent>We trust.</PlainTextContent><Odd/>"
        f"<PlainTextSelection guid='{{{G3.upper()}}}' startPosition='0' endPosition='2'>"
        f"<Coding guid='{{{G4}}}'><CodeRef targetGUID='{G2}'/></Coding></PlainTextSelection>"
        f"<PlainTextSelection guid='{G5}' startPosition='x' endPosition='2'/>"
    )
    project = _parse(_codes(f"<Code guid='{G2}' name='c' isCodable='true'/>") + body)

    (selection,) = project.text_sources[0].selections
    assert (selection.guid, selection.codings[0].guid) == (G3, G4)
    assert [p.code for p in project.problems] == [ProblemCode.BAD_POSITION]
    assert [item.kind for item in project.unmodelled] == ["Odd"]


def test_the_first_bad_guid_in_document_order_is_the_one_reported() -> None:
    body = _text_source(
        "<PlainTextContent>x</PlainTextContent>"
        "<PlainTextSelection guid='not-a-guid' startPosition='0' endPosition='1'>"
        f"<Coding guid='{G4}'><CodeRef targetGUID='bad-target'/></Coding></PlainTextSelection>"
    )

    with pytest.raises(DocumentError, match=r"PlainTextSelection@guid.*'not-a-guid'"):
        _parse(body)


@pytest.mark.parametrize("written", [G4.upper(), f"{{{G4}}}", f" {G4} "])
def test_a_case_refers_to_a_selection_in_any_spelling(written: str) -> None:
    body = f"<Cases><Case guid='{G2}'><SelectionRef targetGUID='{written}'/></Case></Cases>"

    (case,) = _parse(body).cases

    assert case.selection_guids == (G4,)
