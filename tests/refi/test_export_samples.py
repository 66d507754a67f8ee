"""Every project a real tool wrote, once imported, exports as a project the official XSD accepts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from peerlandscape.refi import read_qdpx, write_qdpx

SHARED = Path(__file__).resolve().parents[3] / "shared" / "refi"
SAMPLES = SHARED / "samples"

PROJECT_SAMPLES = sorted(
    path.name for path in SAMPLES.glob("*") if path.suffix.lower() in {".qdpx", ".qde"}
)


@pytest.fixture(scope="module")
def project_schema() -> etree.XMLSchema:
    path = SHARED / "Project-mrt2019.xsd"
    if not path.is_file():
        pytest.skip(f"official REFI-QDA schema not found at {path}")
    return etree.XMLSchema(etree.parse(str(path)))


def test_the_sample_folder_has_the_projects_this_test_expects() -> None:
    if not SAMPLES.is_dir():
        pytest.skip(f"REFI samples not found at {SAMPLES}")
    assert len(PROJECT_SAMPLES) == 6


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_an_imported_sample_exports_as_a_valid_project(
    name: str, project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    study, _ = read_qdpx(SAMPLES / name)
    target = tmp_path / "again.qdpx"
    write_qdpx(study, target)
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert project_schema.validate(root), "\n".join(str(e) for e in project_schema.error_log)
