"""Writing REFI-QDA codebooks and projects: valid, faithful, stable, deterministic, atomic.

The official schemas live beside the repository, in ``shared/refi``; the tests
that validate against them skip when the folder is absent. Everything written
is read back with the library's own low-level reader (``read_project``,
``read_codebook``), which does not know the export's conventions, so the
counts and texts it finds are what another program would find.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import peerlandscape as pl
from peerlandscape import MissingFileError, StudyValidationError
from peerlandscape.models import Quote, Span, Study
from peerlandscape.refi import (
    CodebookDocument,
    ExportReport,
    ProblemCode,
    ProjectDocument,
    ReportEntry,
    read_codebook,
    read_project,
    read_qdpx,
    stable_guid,
    write_qdc,
    write_qdpx,
)
from peerlandscape.refi._conventions import (
    CANDIDATE_THEMES_SET,
    GROUP_VARIABLE,
    INTERVIEW_SET_PREFIX,
    OVERARCHING_THEME_SET,
    QUOTE_CONTAINERS_SET,
    SUBTHEMES_SET,
    THEMES_SET,
    interview_set_description,
    selection_name,
)
from peerlandscape.refi._exporting._framework import element_guid
from shared import shared_path
from strategies import studies

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
EXAMPLES = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# What XML 1.0 cannot hold; the writer puts U+FFFD in its place.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    return NOT_XML.sub("\ufffd", text)


# -- fixtures and helpers ------------------------------------------------------------------


def _schema(name: str) -> etree.XMLSchema:
    path = shared_path("refi", name)
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="session")
def project_schema() -> etree.XMLSchema:
    return _schema("Project-mrt2019.xsd")


@pytest.fixture(scope="session")
def codebook_schema() -> etree.XMLSchema:
    return _schema("Codebook-mrt2019.xsd")


@pytest.fixture(scope="module")
def engdahl() -> Study:
    return pl.datasets.engdahl2025()


def assert_valid(schema: etree.XMLSchema, data: bytes) -> etree._Element:
    root = etree.fromstring(data)
    assert schema.validate(root), "\n".join(str(error) for error in schema.error_log)
    return root


def qde_bytes(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def elements(root: etree._Element) -> Iterator[etree._Element]:
    return (element for element in root.iter() if isinstance(element.tag, str))


def assert_no_empty_elements(root: etree._Element) -> None:
    """Every element carries something: attributes, children or text.

    A memo's text may be empty (tools keep memos with a title only); the note still needs
    its ``PlainTextContent``.
    """
    for element in elements(root):
        if etree.QName(element).localname == "PlainTextContent":
            continue
        has_text = bool(element.text)  # a description of one space is still one
        has_children = len(element) > 0
        assert element.attrib or has_children or has_text, (
            f"empty element {etree.QName(element).localname} at line {element.sourceline}"
        )


def level_codes(study: Study) -> dict[str, list[str]]:
    """The GUIDs each level Set must hold, empty levels left out."""
    levels = {
        OVERARCHING_THEME_SET: (
            [element_guid("overarching_theme", study.overarching_theme)]
            if study.overarching_theme
            else []
        ),
        THEMES_SET: [element_guid("theme", t) for t in study.themes],
        SUBTHEMES_SET: [element_guid("subtheme", s) for s in study.subthemes],
        CANDIDATE_THEMES_SET: [element_guid("candidate_theme", c) for c in study.candidate_themes],
    }
    return {name: members for name, members in levels.items() if members}


def framework_size(study: Study) -> int:
    return (
        len(study.codes)
        + len(study.candidate_themes)
        + len(study.subthemes)
        + len(study.themes)
        + (study.overarching_theme is not None)
    )


def written_quotes(study: Study) -> list[Quote]:
    """The quotes a project holds: all with words, and those without that lie in a source.

    A quote without words lies in its source when its span fits the source's text, or
    when the source has no text (it is written without it, the span as given).
    """
    texts = {source.id: source.text for source in study.sources}
    return [
        quote
        for quote in study.quotes
        if quote.text is not None
        or (
            quote.source is not None
            and quote.span is not None
            and ((text := texts[quote.source]) is None or quote.span.end <= len(text))
        )
    ]


def textless_source_guids(study: Study) -> list[str]:
    """The GUIDs of the study's sources without text: written without it, in study order."""
    return [element_guid("source", source) for source in study.sources if source.text is None]


def assert_only_no_text_problems(document: ProjectDocument, study: Study) -> None:
    """A read-back project's only problems: one NO_TEXT per source that had no text."""
    assert Counter((problem.code, problem.guid) for problem in document.problems) == Counter(
        (ProblemCode.NO_TEXT, guid) for guid in textless_source_guids(study)
    )


def without_no_text_problems(document: ProjectDocument, study: Study) -> ProjectDocument:
    """The document with the NO_TEXT problems of the study's textless sources left out."""
    textless = set(textless_source_guids(study))
    kept = tuple(
        problem
        for problem in document.problems
        if not (problem.code is ProblemCode.NO_TEXT and problem.guid in textless)
    )
    return attrs.evolve(document, problems=kept)


def check_textless_sources(document: ProjectDocument, textless: list[str], path: Path) -> None:
    """Sources without text are written with neither path nor content, and no text file."""
    by_guid = {source.guid: source for source in document.text_sources}
    for guid in textless:
        source = by_guid[guid]
        assert source.plain_text_path is None
        assert source.plain_text_content is None
        assert source.text is None
    with zipfile.ZipFile(path) as archive:
        members = set(archive.namelist())
    assert members == {"project.qde"} | {
        f"sources/{source.guid}.txt"
        for source in document.text_sources
        if source.plain_text_path is not None
    }
    assert not any(f"sources/{guid}.txt" in members for guid in textless)


def check_project(study: Study, path: Path, schema: etree.XMLSchema) -> ProjectDocument:
    """Validate a written project and check that it holds what the study says."""
    root = assert_valid(schema, qde_bytes(path))
    assert_no_empty_elements(root)
    assert root.get("creationDateTime") is None
    document = read_project(path)
    # A source without text is written without it: reading it back says so, and nothing else.
    assert_only_no_text_problems(document, study)
    assert not document.unmodelled
    textless = textless_source_guids(study)
    check_textless_sources(document, textless, path)

    # The framework: every object once, each level in its Set.
    assert sum(1 for _ in document.all_codes()) == framework_size(study)
    sets = {member_set.name: member_set for member_set in document.sets}
    for name, members in level_codes(study).items():
        assert list(sets[name].code_guids) == members
    assert {c.guid for c in document.all_codes()} >= {
        element_guid("code", code) for code in study.codes
    }

    # Cases are participants, with their group and what they said.
    quotes = written_quotes(study)
    assert len(document.cases) == len(study.participants)
    variables = {variable.name: variable.guid for variable in document.variables}
    for case, participant in zip(document.cases, study.participants, strict=True):
        assert case.guid == element_guid("participant", participant)
        assert case.name == xml_safe(participant.label)
        (value,) = case.variable_values
        assert value.variable_guid == variables[GROUP_VARIABLE]
        assert (value.kind, value.value) == ("Text", participant.group)
        said = [element_guid("quote", q) for q in quotes if q.participant == participant.id]
        assert list(case.selection_guids) == said

    # Selections are quotes, cut exactly, with one coding per coding (of any level).
    selections = {
        selection.guid: (source, selection)
        for source in document.text_sources
        for selection in source.selections
    }
    assert len(selections) == len(quotes)
    codings = Counter(coding.quote for coding in study.codings)
    for quote in quotes:
        source, selection = selections[element_guid("quote", quote)]
        if source.text is None:
            # A quote without words in a source without text: its span, as given.
            assert source.guid in textless
            assert quote.text is None
            assert quote.span is not None
            assert (selection.start, selection.end) == (quote.span.start, quote.span.end)
            cut = None
        else:
            cut = source.text[selection.start : selection.end]
            assert cut == (quote.text if quote.text is not None else cut)
        assert len(selection.codings) == codings[quote.id]
        assert selection.name == xml_safe(selection_name(quote, cut))
    written_codings = sum(len(selection.codings) for _, selection in selections.values())
    assert written_codings == sum(codings[quote.id] for quote in quotes)
    coding_guids = [c.guid for _, s in selections.values() for c in s.codings]
    assert len(set(coding_guids)) == len(coding_guids)

    # Interviews are Sets named by GUID, described by label, format and mode.
    for interview in study.interviews:
        interview_set = sets[INTERVIEW_SET_PREFIX + element_guid("interview", interview)]
        assert interview_set.description == xml_safe(
            interview_set_description(interview.label, interview.format, interview.mode)
        )
    return document


def container_guids(document: ProjectDocument) -> set[str]:
    for member_set in document.sets:
        if member_set.name == QUOTE_CONTAINERS_SET:
            return set(member_set.source_guids)
    return set()


# -- the codebook --------------------------------------------------------------------------


def test_the_builtin_codebook_validates_against_the_official_schema(
    engdahl: Study, codebook_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    path = tmp_path / "engdahl2025.qdc"
    report = write_qdc(engdahl, path)
    root = assert_valid(codebook_schema, path.read_bytes())
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    assert_no_empty_elements(root)
    assert report.document == "codebook"
    assert report.written == {"codes": framework_size(engdahl), "sets": 4}


def test_the_builtin_codebook_reads_back_as_the_framework(engdahl: Study, tmp_path: Path) -> None:
    path = tmp_path / "engdahl2025.qdc"
    write_qdc(engdahl, path)
    book = read_codebook(path)
    assert isinstance(book, CodebookDocument)
    assert not book.problems
    (top,) = book.codes
    overarching = engdahl.overarching_theme
    assert overarching is not None
    assert top.guid == stable_guid("overarching_theme", overarching.id)
    assert not top.is_codable
    assert [child.name for child in top.children] == [theme.label for theme in engdahl.themes]
    assert {member_set.name: list(member_set.code_guids) for member_set in book.sets} == (
        level_codes(engdahl)
    )
    by_guid = {code.guid: code for code in book.all_codes()}
    for subtheme in engdahl.subthemes:
        code = by_guid[stable_guid("subtheme", subtheme.id)]
        assert code.is_codable
        assert code.description == subtheme.description
    for candidate in engdahl.candidate_themes:
        code = by_guid[stable_guid("candidate_theme", candidate.id)]
        assert not code.is_codable
        assert [child.guid for child in code.children] == [
            stable_guid("code", c.id) for c in engdahl.codes if c.candidate_theme == candidate.id
        ]


def test_the_builtin_framework_gets_the_documented_stable_guids(
    engdahl: Study, tmp_path: Path
) -> None:
    write_qdc(engdahl, tmp_path / "a.qdc")
    written = {code.guid for code in read_codebook(tmp_path / "a.qdc").all_codes()}
    expected = {stable_guid("theme", t.id) for t in engdahl.themes}
    expected |= {stable_guid("subtheme", s.id) for s in engdahl.subthemes}
    expected |= {stable_guid("candidate_theme", c.id) for c in engdahl.candidate_themes}
    expected |= {stable_guid("code", c.id) for c in engdahl.codes}
    assert engdahl.overarching_theme is not None
    expected.add(stable_guid("overarching_theme", engdahl.overarching_theme.id))
    assert written == expected


def test_a_study_without_a_framework_cannot_be_a_codebook(tmp_path: Path) -> None:
    study = Study(id="empty", title="Nothing coded")
    with pytest.raises(StudyValidationError, match="at least one code") as raised:
        write_qdc(study, tmp_path / "x.qdc")
    assert raised.value.errors[0]["type"] == "empty_codebook"
    assert not list(tmp_path.iterdir())


def test_the_codebook_report_lists_the_data_a_codebook_cannot_hold(
    engdahl: Study, tmp_path: Path
) -> None:
    report = write_qdc(engdahl, tmp_path / "x.qdc")
    lost = {
        e.message.split(" not carried")[0]: e.count
        for e in report.entries
        if e.kind == "not_in_codebook"
    }
    assert lost["30 participants"] == 30
    assert lost[f"{len(engdahl.quotes)} quotes"] == len(engdahl.quotes)
    assert any(e.kind == "study_metadata" and e.message.startswith("title") for e in report.entries)
    assert sum(e.count for e in report.entries if e.kind == "attribution") == len(
        engdahl.attributions
    )


@EXAMPLES
@given(studies())
def test_any_study_with_a_framework_writes_a_valid_codebook(study: Study) -> None:
    schema = _schema("Codebook-mrt2019.xsd")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.qdc"
        if framework_size(study) == 0:
            with pytest.raises(StudyValidationError):
                write_qdc(study, path)
            return
        report = write_qdc(study, path)
        root = assert_valid(schema, path.read_bytes())
        assert_no_empty_elements(root)
        book = read_codebook(path)
    assert not book.problems
    codes = list(book.all_codes())
    assert len(codes) == report.written["codes"] == framework_size(study)
    assert {s.name: list(s.code_guids) for s in book.sets} == level_codes(study)
    names = Counter(code.name for code in codes)
    labels = [xml_safe(code.label) for code in study.codes]
    labels += [xml_safe(node.label) for node in (*study.themes, *study.subthemes)]
    labels += [xml_safe(candidate.label) for candidate in study.candidate_themes]
    if study.overarching_theme is not None:
        labels.append(xml_safe(study.overarching_theme.label))
    assert names == Counter(labels)


# -- the project ---------------------------------------------------------------------------


def test_the_builtin_project_validates_and_holds_the_study(
    engdahl: Study, project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    path = tmp_path / "engdahl2025.qdpx"
    report = write_qdpx(engdahl, path)
    document = check_project(engdahl, path, project_schema)
    assert document.name == engdahl.title
    assert document.namespace == PROJECT_NS
    assert (document.origin or "").startswith("peerlandscape")
    # The published study has no transcripts: its quotes are in one container per
    # interview they come from, and one for the quotes of no known interview.
    interviews = {quote.interview for quote in engdahl.quotes}
    assert len(container_guids(document)) == len(interviews) == report.written["containers"]
    assert {s.guid for s in document.text_sources} == container_guids(document)
    names = {source.name for source in document.text_sources}
    assert "Unknown interview (quotes)" in names
    assert report.written["selections"] == len(engdahl.quotes)
    assert report.written["cases"] == len(engdahl.participants)


def test_the_builtin_project_archive_holds_the_qde_and_a_text_per_source(
    engdahl: Study, tmp_path: Path
) -> None:
    path = tmp_path / "engdahl2025.qdpx"
    write_qdpx(engdahl, path)
    document = read_project(path)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert names[0] == "project.qde"
    expected = {f"sources/{source.guid}.txt" for source in document.text_sources}
    assert set(names[1:]) == expected
    for source in document.text_sources:
        assert source.plain_text_path == f"internal://{source.guid}.txt"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_the_builtin_report_lists_what_refi_qda_cannot_hold(engdahl: Study, tmp_path: Path) -> None:
    report = write_qdpx(engdahl, tmp_path / "x.qdpx")
    assert isinstance(report, ExportReport)
    assert not report.lossless
    by_kind: dict[str, list[ReportEntry]] = {}
    for entry in report.entries:
        by_kind.setdefault(entry.kind, []).append(entry)
    study_fields = " ".join(e.message for e in by_kind["study_metadata"])
    for field in ("design", "aim", "authors", "data collection", "id 'engdahl2025'"):
        assert field in study_fields
    # Table 2: the demographics of every group.
    assert {e.location for e in by_kind["group_demographics"]} == {
        f"group:{group.id}" for group in engdahl.groups
    }
    assert all("age" in e.message for e in by_kind["group_demographics"])
    assert {e.location for e in by_kind["group_definition"]} == {
        f"group:{group.id}" for group in engdahl.groups
    }
    assert sum(e.count for e in by_kind["attribution"]) == len(engdahl.attributions)
    assert {e.location for e in by_kind["interview_fields"]} == {
        f"interview:{interview.id}" for interview in engdahl.interviews
    }
    # Format and mode are carried by the interview's Set; the rest is not.
    assert not any(
        "format" in e.message.split(" not carried")[0] for e in by_kind["interview_fields"]
    )
    assert {e.location for e in by_kind["region"]} == {f"region:{r.id}" for r in engdahl.regions}
    assert {e.location for e in by_kind["participant_aliases"]} == {
        f"participant:{p.id}" for p in engdahl.participants if p.aliases
    }
    assert sum(e.count for e in by_kind["quote_notes"]) == sum(len(q.notes) for q in engdahl.quotes)
    # As a table and as text.
    records = report.to_records()
    assert len(records) == len(report.entries)
    assert set(records[0]) == {"kind", "location", "count", "message"}
    assert report.counts()["attribution"] == len(engdahl.attributions)
    text = str(report)
    assert text.splitlines()[0] == report.summary()
    assert len(text.splitlines()) == len(report.entries) + 1
    assert report.summary().startswith("project: wrote 1 user, 21 codes, 1 variable, 30 cases")


def test_every_location_names_an_object_as_the_graph_does(engdahl: Study, tmp_path: Path) -> None:
    report = write_qdpx(engdahl, tmp_path / "x.qdpx")
    graph = pl.to_networkx(engdahl)
    for entry in report.entries:
        assert entry.location == "study:engdahl2025" or entry.location in graph, entry


@EXAMPLES
@given(studies())
def test_any_study_writes_a_valid_project_that_reads_back(study: Study) -> None:
    schema = _schema("Project-mrt2019.xsd")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.qdpx"
        report = write_qdpx(study, path)
        document = check_project(study, path, schema)
    assert report.written.get("cases", 0) == len(study.participants)
    quotes = written_quotes(study)
    assert report.written.get("selections", 0) == len(quotes)
    written = {quote.id for quote in quotes}
    assert report.written.get("codings", 0) == sum(c.quote in written for c in study.codings)
    assert {e.location for e in report.entries if e.kind == "quote_not_written"} == {
        f"quote:{q.id}" for q in study.quotes if q.id not in written
    }
    set_names = {member_set.name for member_set in document.sets}
    expected = set(level_codes(study))
    expected |= {INTERVIEW_SET_PREFIX + element_guid("interview", i) for i in study.interviews}
    if report.written.get("containers"):
        expected.add(QUOTE_CONTAINERS_SET)
    assert set_names == expected
    users = {user.guid: user.name for user in document.users}
    assert users == {element_guid("coder", c): xml_safe(c.label) for c in study.coders}


@EXAMPLES
@given(studies())
def test_exporting_twice_gives_the_same_bytes(study: Study) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "a.qdpx", Path(folder) / "b.qdpx"
        assert write_qdpx(study, first) == write_qdpx(study, second)
        assert first.read_bytes() == second.read_bytes()


def test_the_builtin_exports_are_byte_identical_and_keep_their_guids(
    engdahl: Study, tmp_path: Path
) -> None:
    write_qdpx(engdahl, tmp_path / "a.qdpx")
    write_qdpx(pl.datasets.engdahl2025(), tmp_path / "b.qdpx")
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    write_qdc(engdahl, tmp_path / "a.qdc")
    write_qdc(engdahl, tmp_path / "b.qdc")
    assert (tmp_path / "a.qdc").read_bytes() == (tmp_path / "b.qdc").read_bytes()
    document = read_project(tmp_path / "a.qdpx")
    assert [case.guid for case in document.cases] == [
        stable_guid("participant", p.id) for p in engdahl.participants
    ]


# -- conventions, case by case -------------------------------------------------------------

EMOJI_TEXT = "Hej 👩🏽‍⚕️ där.\r\nWe must be invited in. 🌱 Återhämtning\r\nslut"
GUID = "d7aa29da-519b-4946-9b90-253b6db8fd0a"


def small_study(**changes: object) -> Study:
    """A study with one transcript, quotes in and out of it, codes, a coder and a case."""
    invited = EMOJI_TEXT.index("We must")
    document: dict[str, object] = {
        "id": "small",
        "title": "A small study",
        "groups": [{"id": "official", "label": "Officials"}],
        "participants": [
            {"id": "off-1", "label": "Official 1", "group": "official"},
            {"id": "off-2", "label": "Official 2", "group": "official"},
        ],
        "interviews": [
            {
                "id": "i-1",
                "label": "Interview 1",
                "format": "individual",
                "participants": ["off-1"],
            },
            {
                "id": "i-2",
                "label": "Interview 2",
                "format": "individual",
                "participants": ["off-2"],
            },
        ],
        "sources": [
            {"id": "t-1", "label": "Transcript 1", "interview": "i-1", "text": EMOJI_TEXT},
            {"id": "t-2", "label": "Transcript 2 (lost)", "interview": "i-1"},
        ],
        "quotes": [
            {
                "id": "q-in",
                "text": EMOJI_TEXT[invited : invited + 27],
                "participant": "off-1",
                "interview": "i-1",
                "source": "t-1",
                "span": {"start": invited, "end": invited + 27},
            },
            {
                "id": "q-out",
                "text": "Line one\r\nline two 🌱",
                "participant": "off-2",
                "interview": "i-2",
            },
            {"id": "q-lost", "text": "From a lost transcript", "interview": "i-1", "source": "t-2"},
            {"id": "q-none", "text": "\ufeffStarts with a BOM"},
        ],
        "coders": [{"id": "c-1", "label": "Coder One", "role": "first author"}],
        "themes": [{"id": "t", "label": "Theme", "color": "#112233"}],
        "subthemes": [{"id": "s", "label": "Sub-theme", "theme": "t"}],
        "codes": [
            {"id": "k", "label": "Code", "subtheme": "s", "description": "What it is"},
            {"id": GUID, "label": "Imported code", "parent": "k"},
        ],
        "codings": [
            {"quote": "q-in", "code": "k", "coder": "c-1"},
            {"quote": "q-in", "code": "k", "coder": "c-1"},
            {"quote": "q-out", "code": GUID},
            {"quote": "q-in", "subtheme": "s"},
        ],
    }
    document.update(changes)
    return Study.model_validate(document)


def test_a_small_study_is_valid_and_faithful(
    project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    study = small_study()
    write_qdpx(study, tmp_path / "s.qdpx")
    check_project(study, tmp_path / "s.qdpx", project_schema)


def test_positions_count_code_points_with_emoji_and_crlf(tmp_path: Path) -> None:
    study = small_study()
    write_qdpx(study, tmp_path / "s.qdpx")
    document = read_project(tmp_path / "s.qdpx")
    by_guid = {sel.guid: (src, sel) for src in document.text_sources for sel in src.selections}
    source, selection = by_guid[stable_guid("quote", "q-in")]
    assert source.guid == stable_guid("source", "t-1")
    assert source.text == EMOJI_TEXT  # CRLF kept, no BOM added
    assert (selection.start, selection.end) == (
        EMOJI_TEXT.index("We must"),
        EMOJI_TEXT.index("We must") + 27,
    )
    source, selection = by_guid[stable_guid("quote", "q-out")]
    assert source.text is not None
    assert source.text[selection.start : selection.end] == "Line one\r\nline two 🌱"


def test_a_text_starting_with_a_bom_character_keeps_it(tmp_path: Path) -> None:
    study = small_study()
    write_qdpx(study, tmp_path / "s.qdpx")
    document = read_project(tmp_path / "s.qdpx")
    source = next(s for s in document.text_sources if s.name == "Unknown interview (quotes)")
    assert source.text == "\ufeffStarts with a BOM"
    with zipfile.ZipFile(tmp_path / "s.qdpx") as archive:
        data = archive.read(f"sources/{source.guid}.txt")
    assert data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    with zipfile.ZipFile(tmp_path / "s.qdpx") as archive:
        plain = archive.read(f"sources/{stable_guid('source', 't-1')}.txt")
    assert plain == EMOJI_TEXT.encode("utf-8")


def test_quotes_without_source_text_go_to_a_container_of_their_interview(
    tmp_path: Path,
) -> None:
    study = small_study()
    report = write_qdpx(study, tmp_path / "s.qdpx")
    document = read_project(tmp_path / "s.qdpx")
    containers = container_guids(document)
    assert containers == {
        stable_guid("container", "i-1"),
        stable_guid("container", "i-2"),
        stable_guid("container"),
    }
    by_guid = {source.guid: source for source in document.text_sources}
    container = by_guid[stable_guid("container", "i-1")]
    assert container.name == "Interview 1 (quotes)"
    assert [s.guid for s in container.selections] == [stable_guid("quote", "q-lost")]
    # The source without text is written without it (no text file) and holds no selection:
    # the quote with words still goes to the container, and its lost link is reported.
    lost = by_guid[stable_guid("source", "t-2")]
    assert (lost.name, lost.plain_text_path, lost.text, lost.selections) == (
        "Transcript 2 (lost)",
        None,
        None,
        (),
    )
    with zipfile.ZipFile(tmp_path / "s.qdpx") as archive:
        assert f"sources/{lost.guid}.txt" not in archive.namelist()
    assert [(p.code, p.guid) for p in document.problems] == [(ProblemCode.NO_TEXT, lost.guid)]
    kinds = {(e.kind, e.location) for e in report.entries}
    assert ("source_without_text", "source:t-2") not in kinds
    assert ("quote_unanchored", "quote:q-lost") in kinds


def test_interview_sets_list_their_sources_and_cases_refer_to_them(tmp_path: Path) -> None:
    study = small_study()
    write_qdpx(study, tmp_path / "s.qdpx")
    document = read_project(tmp_path / "s.qdpx")
    sets = {member_set.name: member_set for member_set in document.sets}
    first = sets[INTERVIEW_SET_PREFIX + stable_guid("interview", "i-1")]
    assert first.description == "Interview 1\nformat: individual"
    # The interview's sources in study order (the one without text too), then its container.
    assert first.source_guids == (
        stable_guid("source", "t-1"),
        stable_guid("source", "t-2"),
        stable_guid("container", "i-1"),
    )
    cases = {case.name: case for case in document.cases}
    assert cases["Official 1"].source_guids == first.source_guids
    assert cases["Official 2"].source_guids == (stable_guid("container", "i-2"),)
    assert cases["Official 1"].selection_guids == (stable_guid("quote", "q-in"),)


def test_codings_carry_their_coder_and_subtheme_codings_their_subtheme(
    tmp_path: Path,
) -> None:
    study = small_study()
    report = write_qdpx(study, tmp_path / "s.qdpx")
    document = read_project(tmp_path / "s.qdpx")
    selection = next(
        sel
        for src in document.text_sources
        for sel in src.selections
        if sel.guid == stable_guid("quote", "q-in")
    )
    coder = stable_guid("coder", "c-1")
    assert [(c.code_guid, c.creating_user) for c in selection.codings] == [
        (stable_guid("code", "k"), coder),
        (stable_guid("code", "k"), coder),
        (stable_guid("subtheme", "s"), None),
    ]
    # The repeated coding gets a GUID of its own.
    assert len({c.guid for c in selection.codings}) == 3
    assert document.users[0].name == "Coder One"
    assert ("coder_role", "coder:c-1") in {(e.kind, e.location) for e in report.entries}
    assert report.written["codings"] == 4
    assert "placements" not in report.written


def rich_study() -> Study:
    """Codings at every level by two coders with times, and memos about many kinds."""
    return small_study(
        coders=[
            {"id": "c-1", "label": "Coder One"},
            {"id": "c-2", "label": "Coder Two", "guid": GUID2},
        ],
        candidate_themes=[{"id": "ct", "label": "Candidate", "subtheme": "s"}],
        codings=[
            {"quote": "q-in", "code": "k", "coder": "c-1", "when": "2024-03-01T09:30:00"},
            {
                "quote": "q-in",
                "candidate_theme": "ct",
                "coder": "c-2",
                "when": "2024-03-02T10:00:00+01:00",
            },
            {"quote": "q-out", "subtheme": "s", "coder": "c-2", "guid": GUID3},
            {"quote": "q-out", "theme": "t", "coder": "c-1", "when": "2024-03-03T11:15:30.5Z"},
        ],
        memos=[
            {
                "id": "m-quote",
                "text": "Said with a smile.",
                "about": ["quote:q-in"],
                "author": "c-1",
                "when": "2024-03-04T08:00:00",
                "label": "Tone",
            },
            {
                "id": "m-code",
                "text": "Merge with funding?",
                "about": ["code:k", "theme:t"],
                "author": "c-2",
            },
            {"id": "m-source", "text": "Transcribed by hand.", "about": ["source:t-1"]},
            {"id": "m-person", "text": "Asked to stay anonymous.", "about": ["participant:off-1"]},
            {"id": "m-study", "text": "Funding recurs everywhere.", "guid": GUID4},
        ],
    )


GUID2 = "0b8f8d9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"
GUID3 = "1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5"
GUID4 = "2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6"


def test_codings_at_every_level_and_memos_export_valid_with_coders_times_and_notes(
    project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    study = rich_study()
    report = write_qdpx(study, tmp_path / "r.qdpx")
    check_project(study, tmp_path / "r.qdpx", project_schema)
    root = etree.fromstring(qde_bytes(tmp_path / "r.qdpx"))
    ns = {"p": PROJECT_NS}
    by_guid = {e.get("guid"): e for e in root.iter() if e.get("guid") is not None}
    user_1, user_2 = stable_guid("coder", "c-1"), GUID2
    assert [u.get("guid") for u in root.findall("p:Users/p:User", ns)] == [user_1, user_2]

    def coding_of(quote: str) -> list[tuple[str | None, str | None, str | None]]:
        selection = by_guid[stable_guid("quote", quote)]
        return [
            (
                c.find("p:CodeRef", ns).get("targetGUID"),  # type: ignore[union-attr]
                c.get("creatingUser"),
                c.get("creationDateTime"),
            )
            for c in selection.findall("p:Coding", ns)
        ]

    assert coding_of("q-in") == [
        (stable_guid("code", "k"), user_1, "2024-03-01T09:30:00"),
        (stable_guid("candidate_theme", "ct"), user_2, "2024-03-02T10:00:00+01:00"),
    ]
    assert coding_of("q-out") == [
        (stable_guid("subtheme", "s"), user_2, None),
        (stable_guid("theme", "t"), user_1, "2024-03-03T11:15:30.500000+00:00"),
    ]
    assert by_guid[GUID3].tag == f"{{{PROJECT_NS}}}Coding"
    # A theme or candidate theme that codes a quote is codable.
    assert by_guid[stable_guid("theme", "t")].get("isCodable") == "true"
    assert by_guid[stable_guid("candidate_theme", "ct")].get("isCodable") == "true"

    # Memos are Notes; each object it is about refers to it.
    notes = root.findall("p:Notes/p:Note", ns)
    note_guids = [stable_guid("memo", m) for m in ("m-quote", "m-code", "m-source", "m-person")]
    assert [n.get("guid") for n in notes] == [*note_guids, GUID4]
    quote_note = notes[0]
    assert quote_note.get("name") == "Tone"
    assert quote_note.get("creatingUser") == user_1
    assert quote_note.get("creationDateTime") == "2024-03-04T08:00:00"
    assert quote_note.findtext("p:PlainTextContent", namespaces=ns) == "Said with a smile."
    assert notes[1].get("creatingUser") == user_2

    def refs(holder: etree._Element) -> list[str | None]:
        return [r.get("targetGUID") for r in holder.findall("p:NoteRef", ns)]

    assert refs(by_guid[stable_guid("quote", "q-in")]) == [note_guids[0]]
    assert refs(by_guid[stable_guid("code", "k")]) == [note_guids[1]]
    assert refs(by_guid[stable_guid("theme", "t")]) == [note_guids[1]]
    assert refs(by_guid[stable_guid("source", "t-1")]) == [note_guids[2]]
    assert refs(root) == [GUID4]
    # A case has no NoteRef in the schema: the note is written, the reference reported.
    assert refs(by_guid[stable_guid("participant", "off-1")]) == []
    (entry,) = [e for e in report.entries if e.kind == "memo_about"]
    assert entry.location == "memo:m-person"
    assert "participant:off-1" in entry.message
    assert report.written["notes"] == 5
    assert report.written["users"] == 2

    # The reader sees the notes and what refers to them.
    document = read_project(tmp_path / "r.qdpx")
    by_note = {note.guid: note for note in document.notes}
    assert by_note[note_guids[1]].referenced_by == (
        stable_guid("theme", "t"),
        stable_guid("code", "k"),
    )
    assert by_note[GUID4].on_project
    assert by_note[note_guids[3]].referenced_by == ()


def test_a_quote_without_words_is_a_selection_only_when_it_lies_in_a_source(
    project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    invited = EMOJI_TEXT.index("We must")
    study = small_study(
        quotes=[
            {
                "id": "q-in",
                "text": None,
                "source": "t-1",
                "interview": "i-1",
                "span": {"start": invited, "end": invited + 7},
                "participant": "off-1",
            },
            {"id": "q-gone", "text": None, "participant": "off-2"},
            # In the source whose text is missing: its place there is all it is.
            {
                "id": "q-place",
                "text": None,
                "source": "t-2",
                "interview": "i-1",
                "span": {"start": 3, "end": 9},
                "participant": "off-1",
            },
        ],
        codings=[
            {"quote": "q-in", "code": "k"},
            {"quote": "q-gone", "code": "k"},
            {"quote": "q-place", "code": "k", "coder": "c-1"},
        ],
    )
    report = write_qdpx(study, tmp_path / "w.qdpx")
    document = check_project(study, tmp_path / "w.qdpx", project_schema)
    # The transcript and the source without text, written without it with its selection.
    source, lost = document.text_sources
    assert (source.guid, lost.guid) == (stable_guid("source", "t-1"), stable_guid("source", "t-2"))
    (selection,) = source.selections
    assert selection.name == "We must"
    (placed,) = lost.selections
    assert (placed.guid, placed.start, placed.end) == (stable_guid("quote", "q-place"), 3, 9)
    assert [(c.code_guid, c.creating_user) for c in placed.codings] == [
        (stable_guid("code", "k"), stable_guid("coder", "c-1"))
    ]
    (entry,) = [e for e in report.entries if e.kind == "quote_not_written"]
    assert (entry.location, entry.count) == ("quote:q-gone", 2)
    assert report.written["codings"] == 2
    assert "source_without_text" not in report.counts()
    # Read back, the placed quote keeps its source, positions and coding; the import report
    # says the source had no text (correct information, not a failure).
    back, imported = read_qdpx(tmp_path / "w.qdpx")
    lost_source = next(s for s in back.sources if s.guid == lost.guid)
    assert lost_source.text is None
    (quote,) = [q for q in back.quotes if q.source == lost_source.id]
    assert (quote.text, quote.span) == (None, Span(start=3, end=9))
    assert [c.code for c in back.codings if c.quote == quote.id] == [
        next(code.id for code in back.codes if code.guid == stable_guid("code", "k"))
    ]
    where = f"TextSource:{lost.guid}"
    assert {(e.kind, e.location) for e in imported.entries} >= {
        ("no_text", where),
        ("source_without_text", where),
        ("selection_without_text", where),
    }


def test_objects_with_a_guid_are_written_with_it(tmp_path: Path) -> None:
    study = small_study(
        themes=[{"id": "t", "label": "Theme", "guid": GUID2}],
        participants=[
            {"id": "off-1", "label": "Official 1", "group": "official", "guid": GUID3},
            {"id": "off-2", "label": "Official 2", "group": "official"},
        ],
        sources=[
            {
                "id": "t-1",
                "label": "Transcript 1",
                "interview": "i-1",
                "text": EMOJI_TEXT,
                "guid": GUID4,
            },
            {"id": "t-2", "label": "Transcript 2 (lost)", "interview": "i-1"},
        ],
    )
    write_qdpx(study, tmp_path / "g.qdpx")
    document = read_project(tmp_path / "g.qdpx")
    assert GUID2 in {code.guid for code in document.all_codes()}
    assert document.cases[0].guid == GUID3
    assert document.text_sources[0].guid == GUID4


def test_an_id_that_is_a_guid_is_kept_as_the_guid(tmp_path: Path) -> None:
    write_qdpx(small_study(), tmp_path / "s.qdpx")
    codes = {code.name: code for code in read_project(tmp_path / "s.qdpx").all_codes()}
    assert codes["Imported code"].guid == GUID
    assert codes["Code"].children[0].guid == GUID
    assert codes["Code"].description == "What it is"
    assert codes["Theme"].color == "#112233"
    assert (codes["Theme"].is_codable, codes["Sub-theme"].is_codable) == (False, True)


def test_characters_xml_cannot_hold_are_replaced_and_reported(tmp_path: Path) -> None:
    study = small_study(
        themes=[{"id": "t", "label": "Bad\x00 theme\x0b", "description": "a\ufffeb"}],
    )
    report = write_qdpx(study, tmp_path / "s.qdpx")
    codes = {code.guid: code for code in read_project(tmp_path / "s.qdpx").all_codes()}
    theme = codes[stable_guid("theme", "t")]
    assert theme.name == "Bad\ufffd theme\ufffd"
    assert theme.description == "a\ufffdb"
    (entry,) = [e for e in report.entries if e.kind == "replaced_characters"]
    assert (entry.location, entry.count) == ("theme:t", 3)


def test_names_keep_tabs_newlines_and_markup_characters(tmp_path: Path) -> None:
    label = "a\tb\r\nc <&> \"d\" 'e'"
    study = small_study(themes=[{"id": "t", "label": label, "description": label}])
    write_qdpx(study, tmp_path / "s.qdpx")
    codes = {code.guid: code for code in read_project(tmp_path / "s.qdpx").all_codes()}
    assert codes[stable_guid("theme", "t")].name == label
    assert codes[stable_guid("theme", "t")].description == label


def test_an_empty_study_writes_a_minimal_valid_project(
    project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    study = Study(id="empty", title="Nothing yet")
    report = write_qdpx(study, tmp_path / "empty.qdpx")
    root = assert_valid(project_schema, qde_bytes(tmp_path / "empty.qdpx"))
    assert len(root) == 0
    assert report.written == {}
    assert report.summary().startswith("project: wrote nothing")


# -- atomic writes -------------------------------------------------------------------------


def _refuse_replace(source: object, target: object) -> None:
    raise OSError("disk full")


@pytest.mark.parametrize(("write", "name"), [(write_qdpx, "x.qdpx"), (write_qdc, "x.qdc")])
def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    engdahl: Study,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    write: Callable[[Study, Path], ExportReport],
    name: str,
) -> None:
    target = tmp_path / name
    target.write_bytes(b"the old file")
    monkeypatch.setattr(os, "replace", _refuse_replace)
    with pytest.raises(OSError, match="disk full"):
        write(engdahl, target)
    assert target.read_bytes() == b"the old file"
    assert [path.name for path in tmp_path.iterdir()] == [name]


def test_a_failure_while_writing_leaves_no_temporary_file(
    engdahl: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from peerlandscape.refi._exporting import _project

    def explode(*args: object) -> None:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(_project, "write_archive", explode)
    with pytest.raises(RuntimeError, match="interrupted"):
        write_qdpx(engdahl, tmp_path / "x.qdpx")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_reported(engdahl: Study, tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="no such folder"):
        write_qdpx(engdahl, tmp_path / "nowhere" / "x.qdpx")
    with pytest.raises(MissingFileError):
        write_qdc(engdahl, tmp_path / "nowhere" / "x.qdc")


def test_only_a_study_can_be_written(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expects a Study, got dict"):
        write_qdpx({"id": "x"}, tmp_path / "x.qdpx")  # type: ignore[arg-type]


# -- helpers of the writer -----------------------------------------------------------------


def test_selection_names_are_the_label_or_the_first_words() -> None:
    assert selection_name(Quote(id="q", text="Short one.")) == "Short one."
    assert selection_name(Quote(id="q", text="a  b\nc")) == "a b c"
    long_word = "x" * 70
    assert selection_name(Quote(id="q", text=long_word)) == "x" * 60 + "…"
    assert selection_name(Quote(id="q", text=" ")) == " "
    words = " ".join(["word"] * 20)
    assert selection_name(Quote(id="q", text=words)) == " ".join(["word"] * 8) + "…"
    assert selection_name(Quote(id="q", text="t", label="L")) == "L"


@pytest.mark.parametrize("build", [small_study, rich_study, pl.datasets.engdahl2025])
def test_the_file_reads_back_as_the_planned_document(
    build: Callable[[], Study], tmp_path: Path
) -> None:
    # The serialiser is the mirror of the parser: the plan's document is what a reader gets.
    from peerlandscape.refi._exporting._plan import plan_project

    study = build()
    write_qdpx(study, tmp_path / "p.qdpx")
    read = read_project(tmp_path / "p.qdpx")
    # Beyond the plan, a reader says that each source written without text has none.
    assert_only_no_text_problems(read, study)
    assert without_no_text_problems(read, study) == plan_project(study).document
