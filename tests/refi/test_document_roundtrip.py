"""The writer is the mirror of the reader: parse(serialise(document)) == document.

At the level of the standard, below any study: a generated
:class:`~peerlandscape.refi.ProjectDocument` written as a ``.qdpx``
(:func:`~peerlandscape.refi._exporting._serialise.write_archive`) and read back
(:func:`~peerlandscape.refi.read_project`) is the same document, and so is a
:class:`~peerlandscape.refi.CodebookDocument` through a ``.qdc``. Both are
compared in the reader's canonical form (:func:`ir_strategies.canonical`: GUIDs
lower-case, without braces), since the documents are drawn with GUIDs spelt as
real tools spell them; an empty description or value is drawn as None, the form
the reader gives it (a convention test below says so). Each file written is
also validated against the official XSD, which stays the independent judge of
what the writer produces; the real samples and the convention tests are the
other checks.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import peerlandscape as pl
from peerlandscape.refi import (
    Code,
    CodebookDocument,
    Coding,
    Note,
    PlainTextSelection,
    ProblemCode,
    ProjectDocument,
    TextSource,
    User,
    read_codebook,
    read_project,
)
from peerlandscape.refi._exporting._plan import plan_project
from peerlandscape.refi._exporting._serialise import write_archive, write_codebook
from peerlandscape.refi._exporting._xml import XmlWriter
from shared import shared_path
from strategies import FAST, studies

from .ir_strategies import PROJECT_NAMESPACE, canonical, codebook_documents, project_documents

# A few seconds in all; run with more examples when the writer or the reader changes.
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

GUID = "9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520"
CODE = "d7aa29da-519b-4946-9b90-253b6db8fd0a"
NOTE = "12365523-1035-4afa-9e7b-281fe0bc51c5"
CODING = "7c108712-b650-4892-ac0b-fc9a10190c3b"
SELECTION = "c43318af-ce9a-447e-8525-7cdb025b1a69"
USER = "0d62985d-b147-5d01-a9b5-cae5dcd98342"


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(shared_path("refi", name))))


@pytest.fixture(scope="module")
def project_schema() -> etree.XMLSchema:
    return _schema("Project-mrt2019.xsd")


@pytest.fixture(scope="module")
def codebook_schema() -> etree.XMLSchema:
    return _schema("Codebook-mrt2019.xsd")


def _assert_valid(schema: etree.XMLSchema, data: bytes) -> None:
    assert schema.validate(etree.fromstring(data)), "\n".join(map(str, schema.error_log))


def write_and_read_project(document: ProjectDocument) -> tuple[ProjectDocument, bytes]:
    """Write ``document`` as a ``.qdpx`` and read it back; also return its ``project.qde``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "project.qdpx"
        with zipfile.ZipFile(path, "w") as archive:
            replaced = write_archive(document, archive)
        assert not replaced  # the documents hold only what XML and UTF-8 can carry
        with zipfile.ZipFile(path) as archive:
            qde = archive.read("project.qde")
        return read_project(path), qde


def write_and_read_codebook(document: CodebookDocument) -> tuple[CodebookDocument, bytes]:
    """Write ``document`` as a ``.qdc`` and read it back; also return its bytes."""
    buffer = io.BytesIO()
    xml = XmlWriter(buffer.write)
    write_codebook(document, xml)
    assert not xml.replaced
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "codebook.qdc"
        path.write_bytes(buffer.getvalue())
        return read_codebook(path), buffer.getvalue()


def check_project(document: ProjectDocument, schema: etree.XMLSchema) -> None:
    """The property for a project: valid against the XSD, and read back as written."""
    read, qde = write_and_read_project(document)
    _assert_valid(schema, qde)
    assert read == canonical(document)


def check_codebook(document: CodebookDocument, schema: etree.XMLSchema) -> None:
    """The property for a codebook: valid against the XSD, and read back as written."""
    read, qdc = write_and_read_codebook(document)
    _assert_valid(schema, qdc)
    assert read == canonical(document)


# -- the properties ----------------------------------------------------------------------


@EXAMPLES
@given(project_documents())
def test_a_project_reads_back_as_the_document_written(
    project_schema: etree.XMLSchema, document: ProjectDocument
) -> None:
    check_project(document, project_schema)


@EXAMPLES
@given(codebook_documents())
def test_a_codebook_reads_back_as_the_document_written(
    codebook_schema: etree.XMLSchema, document: CodebookDocument
) -> None:
    check_codebook(document, codebook_schema)


def _exported(study: pl.Study) -> ProjectDocument:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.qdpx"
        pl.refi.write_qdpx(study, path, allow_identifying=True)
        return read_project(path)


def test_the_export_of_a_study_reads_back_as_its_planned_document(engdahl: pl.Study) -> None:
    # write_qdpx serialises the plan's document through write_archive: what an import
    # starts from is that document, GUIDs and all.
    assert _exported(engdahl) == plan_project(engdahl).document


@settings(FAST, max_examples=10)
@given(studies())
def test_the_export_of_any_study_reads_back_as_its_planned_document(study: pl.Study) -> None:
    planned = plan_project(study).document

    read = _exported(study)

    # A source without text is written without one, which the reader notes; nothing else.
    textless = {source.guid for source in planned.text_sources if source.text is None}
    assert {(problem.code, problem.guid) for problem in read.problems} == {
        (ProblemCode.NO_TEXT, guid) for guid in textless
    }
    assert attrs.evolve(read, problems=()) == planned


# -- what the property found, as plain examples ------------------------------------------


def test_a_note_keeps_who_changed_it_and_when(project_schema: etree.XMLSchema) -> None:
    # The writer left out a note's modifyingUser and modifiedDateTime, which the schema's
    # TextSourceType (a note's type) has and the reader reads.
    note = Note(guid=NOTE, text="", modifying_user=USER, modified_datetime="2026-01-02T03:04:05Z")
    document = ProjectDocument(
        name="p", namespace=PROJECT_NAMESPACE, users=(User(guid=USER),), notes=(note,)
    )

    check_project(document, project_schema)


def test_inline_content_beginning_with_a_byte_order_mark_is_written_as_it_is(
    project_schema: etree.XMLSchema,
) -> None:
    # The writer put a second U+FEFF before inline content that began with one, as if the
    # content were the text; the reader then kept both in the content.
    source = TextSource(guid=GUID, plain_text_content="\ufeffhej", text="hej")
    note = Note(guid=NOTE, text="\ufeffmemo")  # a note's text: its content has one more
    document = ProjectDocument(
        name="p", namespace=PROJECT_NAMESPACE, text_sources=(source,), notes=(note,)
    )

    check_project(document, project_schema)


def test_a_note_about_a_coding_is_written_in_the_coding(project_schema: etree.XMLSchema) -> None:
    # The writer dropped the NoteRef of a coding (the schema's CodingType has one).
    coding = Coding(guid=CODING, code_guid=CODE)
    selection = PlainTextSelection(guid=SELECTION, name=None, start=0, end=3, codings=(coding,))
    source = TextSource(
        guid=GUID, plain_text_content="abc", text="abc", selections=(selection,), codings=()
    )
    note = Note(guid=NOTE, text="why", referenced_by=(CODING, SELECTION))
    document = ProjectDocument(
        name="p",
        namespace=PROJECT_NAMESPACE,
        codes=(Code(guid=CODE, name="c"),),
        text_sources=(source,),
        notes=(note,),
    )

    check_project(document, project_schema)


# -- the canonical form the property compares in ------------------------------------------


def test_guids_read_back_lower_case_without_braces_and_empty_texts_as_none() -> None:
    upper, braced = CODE.upper(), "{" + GUID.upper() + "}"
    document = ProjectDocument(
        name="p",
        namespace=PROJECT_NAMESPACE,
        codes=(Code(guid=upper, name="c", description=""),),
        text_sources=(TextSource(guid=braced, plain_text_content="", text=""),),
    )

    read, _ = write_and_read_project(document)

    assert read.codes == (Code(guid=CODE, name="c", description=None),)
    # An empty PlainTextContent is still the text: empty, not missing.
    assert read.text_sources == (TextSource(guid=GUID, plain_text_content="", text=""),)
