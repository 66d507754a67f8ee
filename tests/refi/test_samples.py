"""Every real REFI-QDA file in the shared samples folder is read, with real counts.

The expected numbers were counted in the files themselves (see the README in
the samples folder for where each file comes from).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peerlandscape.refi import (
    CodebookDocument,
    ProblemCode,
    ProjectDocument,
    read_codebook,
    read_project,
)

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

ALL_SAMPLES = [
    MAXQDA,
    MAXQDA_LLM_EDITED,
    ATLAS_BLANK,
    ATLAS_TARGET,
    SPEC_CODEBOOK,
    REQUAL_CODEBOOK,
    SKY_LOOM_QDE,
    SKY_LOOM_QDPX,
    TAGUETTE_TESTS,
    TAGUETTE_UTO,
]


def _read(path: Path) -> ProjectDocument | CodebookDocument:
    return read_codebook(path) if path.suffix == ".qdc" else read_project(path)


def test_the_sample_list_covers_every_file_in_the_folder(samples: Path) -> None:
    on_disk = {path.name for path in samples.iterdir() if path.suffix != ".md"}
    assert on_disk == set(ALL_SAMPLES)


@pytest.mark.parametrize("name", ALL_SAMPLES)
def test_every_sample_is_read_with_canonical_guids(samples: Path, name: str) -> None:
    document = _read(samples / name)
    for code in document.all_codes():
        assert code.guid == code.guid.lower()
        assert not code.guid.startswith("{")


def test_maxqda_project_has_its_nested_codebook_sources_and_document_groups(
    samples: Path,
) -> None:
    project = read_project(samples / MAXQDA)

    assert project.origin == "MAXQDA 24 (Release 24.7.0)"
    assert project.name == "2025-06-16_ICLS_Conf_Themes_ALL_just10"
    assert [user.name for user in project.users] == ["johnb"]
    codes = list(project.all_codes())
    assert len(project.codes) == 18
    assert len(codes) == 307
    assert all(code.description for code in codes)
    assert all(code.color is not None and code.color.startswith("#") for code in codes)
    first = project.codes[0]
    assert first.name == "Additional Themes and Ideas"
    assert len(first.children) == 12
    assert first.children[0].name == "THEME - Affinity Spaces (Gee)"
    assert first.color == "#ef8256"
    assert [(group.name, len(group.source_guids)) for group in project.sets] == [
        ("ICLS 2024", 5),
        ("ICLS 2025", 5),
    ]
    assert len(project.text_sources) == 10
    source_guids = {source.guid for source in project.text_sources}
    assert {guid for group in project.sets for guid in group.source_guids} == source_guids
    assert all(source.text for source in project.text_sources)
    assert project.text_sources[0].text is not None
    assert project.text_sources[0].text.startswith("Mapping the Complexity of Learning")
    assert len(project.text_sources[0].text) == 33881
    assert all(not source.selections for source in project.text_sources)
    assert project.problems == ()
    assert project.unmodelled == ()


def test_wrongly_namespaced_codebook_is_read_leniently_and_reported(samples: Path) -> None:
    # The LLM-edited file puts a CodeBook in the codebook:0:4 namespace inside
    # a project:1.0 document. The reader matches by local name, so it reads
    # the codes, and says what it tolerated.
    project = read_project(samples / MAXQDA_LLM_EDITED)

    assert len(project.codes) == 19
    assert len(list(project.all_codes())) == 343
    foreign = [p for p in project.problems if p.code is ProblemCode.FOREIGN_NAMESPACE]
    assert len(foreign) == 1
    assert foreign[0].location == "Project/CodeBook"
    assert "urn:QDA-XML:codebook:0:4" in foreign[0].message
    # A bare .qde carries no source files: each source says so.
    no_archive = [p for p in project.problems if p.code is ProblemCode.NO_ARCHIVE]
    assert len(no_archive) == len(project.text_sources) == 10
    assert all(source.text is None for source in project.text_sources)


def test_blank_atlas_project_has_only_users(samples: Path) -> None:
    project = read_project(samples / ATLAS_BLANK)

    assert project.name == "blank-atlas-project"
    assert project.origin == "ATLAS.ti for Windows 23.2.3.27778"
    assert project.creation_datetime == "2023-08-16T15:14:29Z"
    assert project.creating_user == "088b08ac-d5cd-4adb-8b71-b4f3459c177f"
    assert [user.name for user in project.users] == ["Enric Llagostera", "ATLAS.ti"]
    assert (project.codes, project.text_sources, project.sets) == ((), (), ())
    assert project.problems == ()


def test_target_atlas_project_nests_two_codes_under_a_parent(samples: Path) -> None:
    project = read_project(samples / ATLAS_TARGET)

    (parent,) = project.codes
    assert parent.name == "Commits"
    assert parent.guid == "a182cd3a-d83c-4d8c-bc80-26d9103ec6d6"
    assert [child.name for child in parent.children] == [
        "2022-05-10T02:05:59Z 19e4dce",
        "2022-02-11T10:39:25Z cdbfd92",
    ]
    assert project.modifying_user == "088b08ac-d5cd-4adb-8b71-b4f3459c177f"


def test_spec_codebook_unbraces_guids_and_keeps_folders_uncodable(samples: Path) -> None:
    book = read_codebook(samples / SPEC_CODEBOOK)

    assert [code.name for code in book.codes] == [
        "Topics",
        "Economy",
        "Health care",
        "Values",
        "Conservatives",
        "Liberals",
    ]
    assert [code.is_codable for code in book.codes] == [False, True, True, False, True, True]
    assert book.codes[0].guid == "5215cc69-b628-4e02-afb9-9beeaee55808"
    assert [code.color for code in book.codes] == [
        None,
        "#ffff00",
        "#33cc33",
        None,
        "#ff0000",
        "#0000ff",
    ]
    assert book.codes[1].description == "Anything about jobs or taxes or business"
    assert book.sets == ()
    assert book.problems == ()


def test_requal_codebook_reads_a_code_group_by_member_guid(samples: Path) -> None:
    book = read_codebook(samples / REQUAL_CODEBOOK)

    assert book.origin == "ATLAS.ti Win 23.4.0"
    (code,) = book.codes
    assert (code.name, code.color, code.description) == ("code1", "#46aa00", "description")
    (group,) = book.sets
    assert group.name == "code group 1"
    assert group.description == "kategorie 1"
    assert group.code_guids == (code.guid,)


@pytest.mark.parametrize("name", [TAGUETTE_TESTS, TAGUETTE_UTO])
def test_taguette_codebooks_with_empty_sets_are_read(samples: Path, name: str) -> None:
    book = read_codebook(samples / name)

    assert len(book.codes) == 3
    assert all(code.children == () for code in book.codes)
    assert all(code.color is None and code.description is None for code in book.codes)
    assert book.sets == ()
    assert book.problems == ()


def test_taguette_keeps_its_path_style_name_and_uuid5_guid(samples: Path) -> None:
    book = read_codebook(samples / TAGUETTE_TESTS)

    assert book.codes[2].name == "interesting\\places"
    assert book.codes[2].guid == "55bb6892-6f30-5129-8cb8-557a1b12137b"


SKY_LOOM_UNMODELLED = {
    "AudioSource": 1,
    "Coding": 9,
    "Edge": 2,
    "Graph": 1,
    "Link": 1,
    "PDFSelection": 4,
    "PDFSource": 2,
    "PictureSelection": 1,
    "PictureSource": 1,
    "PlainTextSelection": 2,
    "Representation": 5,
    "SyncPoint": 13,
    "Transcript": 3,
    "Vertex": 3,
    "VideoSelection": 2,
    "VideoSource": 2,
}


@pytest.mark.parametrize("name", [SKY_LOOM_QDE, SKY_LOOM_QDPX])
def test_sky_loom_project_models_text_and_counts_everything_else(samples: Path, name: str) -> None:
    project = read_project(samples / name)

    assert project.name == "ATLAS.ti standard project"
    assert len(project.users) == 3
    assert len(project.codes) == 14
    assert all(code.children == () for code in project.codes)
    assert [code.name for code in project.codes][4:7] == [
        "Coke::full-fat Coke",
        "Coke::diet Coke",
        "Coke",
    ]
    assert project.codes[-1].name == '"rushed"'
    assert project.codes[7].color is None  # "milk" has no colour
    assert len(project.sets) == 16
    assert sum(len(group.code_guids) for group in project.sets) == 19
    assert sum(len(group.source_guids) for group in project.sets) == 23
    assert project.sets[14].name == "<3"
    assert len(project.text_sources) == 6
    selections = [s for source in project.text_sources for s in source.selections]
    assert len(selections) == 6
    assert sum(len(s.codings) for s in selections) == 7
    simon = project.text_sources[5]
    assert simon.name == "Simon.docx"
    assert [(s.start, s.end) for s in simon.selections] == [(688, 907), (215, 275), (513, 907)]
    assert simon.selections[0].description == "why does Simon feel the need to do this?"
    coding = simon.selections[0].codings[0]
    assert coding.code_guid == "f9c6eac0-8a66-4757-9d8a-9a6c8fea3c44"
    assert coding.creating_user == "ad68fbe7-e1ee-4a82-a279-23cc698c89eb"
    assert coding.creation_datetime == "2018-03-27T18:39:50Z"
    code_guids = {code.guid for code in project.codes}
    assert {c.code_guid for s in selections for c in s.codings} <= code_guids
    assert project.unmodelled_counts() == SKY_LOOM_UNMODELLED
    assert [note.name for note in project.notes] == ["Research Plan", "My favorite Coke ad"]


def test_sky_loom_archive_reports_its_missing_source_files(samples: Path) -> None:
    # The archive holds Project.qde and an empty Sources/ folder only.
    project = read_project(samples / SKY_LOOM_QDPX)

    missing = [p for p in project.problems if p.code is ProblemCode.MISSING_SOURCE_FILE]
    assert [p.guid for p in missing] == [source.guid for source in project.text_sources]
    assert "01106019-2518-43DD-BBD1-8F0252BACB30.txt" in missing[0].message
    assert all(source.text is None for source in project.text_sources)


def test_sky_loom_bare_qde_and_archive_hold_the_same_project(samples: Path) -> None:
    bare = read_project(samples / SKY_LOOM_QDE)
    zipped = read_project(samples / SKY_LOOM_QDPX)

    assert bare.codes == zipped.codes
    assert bare.sets == zipped.sets
    assert [s.selections for s in bare.text_sources] == [s.selections for s in zipped.text_sources]
