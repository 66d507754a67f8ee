"""The REFI-QDA commands: `export` hands out the framework, `import` brings a project back."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.refi import read_codebook, stable_guid
from shared import shared_path


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args))


def test_export_without_a_path_writes_the_built_in_framework_as_a_codebook(tmp_path: Path) -> None:
    target = tmp_path / "engdahl2025.qdc"
    result = run("export", "--to", "qdc", "-o", str(target))
    assert result.exit_code == 0, result.output
    book = read_codebook(target)
    guids = {code.guid for top in book.codes for code in top.walk()}
    study = pl.datasets.engdahl2025()
    assert {stable_guid("subtheme", s.id) for s in study.subthemes} <= guids
    assert "codebook: wrote 21 codes" in result.stderr
    assert "study_metadata" not in result.stderr  # the summary only, unless --details


def test_export_details_lists_what_the_format_cannot_hold(tmp_path: Path) -> None:
    result = run("export", "--to", "qdpx", "-o", str(tmp_path / "s.qdpx"), "--details")
    assert result.exit_code == 0, result.output
    assert "attribution" in result.stderr
    assert "group_demographics" in result.stderr
    assert zipfile.is_zipfile(tmp_path / "s.qdpx")


def test_import_of_an_exported_project_gives_the_study_back_as_refi_carries_it(
    tmp_path: Path,
) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    output = tmp_path / "back.json"
    result = run("import", str(project), "-o", str(output))
    assert result.exit_code == 0, result.output
    assert pl.read_json(output) == pl.refi.refi_projection(pl.datasets.engdahl2025())
    assert "Wrote" in result.stderr


def test_import_with_the_reference_restores_the_framework_ids(tmp_path: Path) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    output = tmp_path / "back.json"
    result = run("import", str(project), "-o", str(output), "--reference", "engdahl2025")
    assert result.exit_code == 0, result.output
    study = pl.read_json(output)
    assert [s.id for s in study.subthemes] == [s.id for s in pl.datasets.engdahl2025().subthemes]


def test_import_reports_what_a_real_project_loses(tmp_path: Path) -> None:
    result = run(
        "import",
        str(shared_path("refi", "samples", "sky-loom__TestProject.qdpx")),
        "-o",
        str(tmp_path / "s.json"),
    )
    assert result.exit_code == 0, result.output
    assert "picture_source" in result.stderr
    assert "missing_source_file" in result.stderr
    assert (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [(None, "no such file"), (b"not a zip at all", "s.qdpx")],
    ids=["missing", "not-a-project"],
)
def test_import_of_a_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, content: bytes | None, expected: str
) -> None:
    source = tmp_path / "s.qdpx"
    if content is not None:
        source.write_bytes(content)
    result = run("import", str(source), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert expected in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_a_mapping_file_that_is_not_json_is_one_line_and_exit_2(tmp_path: Path) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    mapping = tmp_path / "mapping.json"
    mapping.write_text("{", encoding="utf-8")
    result = run("import", str(project), "-o", str(tmp_path / "o.json"), "--mapping", str(mapping))
    assert result.exit_code == 2
    assert "mapping.json" in result.stderr


def test_import_reads_a_codebook_as_a_study_of_its_framework(tmp_path: Path) -> None:
    codebook = tmp_path / "framework.qdc"
    assert run("export", "--to", "qdc", "-o", str(codebook)).exit_code == 0
    output = tmp_path / "framework.json"
    result = run("import", str(codebook), "-o", str(output), "--reference", "engdahl2025")
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("codebook: imported ")
    study = pl.read_json(output)
    builtin = pl.datasets.engdahl2025()
    assert [s.id for s in study.subthemes] == [s.id for s in builtin.subthemes]
    assert [t.id for t in study.themes] == [t.id for t in builtin.themes]
    assert study.quotes == ()
    # The same as the library reads it.
    expected, _ = pl.read_qdc(codebook, reference="engdahl2025")
    assert study == expected


@pytest.mark.parametrize("name", ["s.QDPX", "s.QDE"])
def test_import_tells_the_format_by_the_extension_in_any_case(tmp_path: Path, name: str) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    source = tmp_path / name
    if name.endswith("QDE"):
        with zipfile.ZipFile(project) as archive:
            source.write_bytes(archive.read("project.qde"))
    else:
        source.write_bytes(project.read_bytes())
    result = run("import", str(source), "-o", str(tmp_path / "back.json"))
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("project: imported ")


@pytest.mark.parametrize("name", ["notes.txt", "project"])
def test_import_of_an_unknown_format_names_the_formats_it_reads(tmp_path: Path, name: str) -> None:
    source = tmp_path / name
    source.write_text("x", encoding="utf-8")
    result = run("import", str(source), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {source}: cannot tell its format")
    for suffix in (".qdpx", ".qde", ".qdc", ".csv", ".xlsx"):
        assert suffix in line
    assert not (tmp_path / "out.json").exists()


def test_import_refuses_the_options_of_another_format(tmp_path: Path) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    result = run("import", str(project), "-o", str(tmp_path / "o.json"), "--sheet", "Codes")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --sheet: not an option for a project")
