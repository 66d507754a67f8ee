"""Every project a real tool wrote, once imported, exports as a project the official XSD accepts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from peerlandscape.refi import read_qdpx, write_qdpx
from shared import shared_path

# Listed, not globbed: a missing folder must not turn into zero tests.
PROJECT_SAMPLES = (
    "paper_themes__ICLS_Conf_Themes_ALL_just10.MAXQDA24.qdpx",
    "paper_themes__references_project_with_generated_codes.qde",
    "ponte__blank-atlas-project.qdpx",
    "ponte__target-atlas-project.qdpx",
    "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde",
    "sky-loom__TestProject.qdpx",
)


@pytest.fixture(scope="module")
def project_schema() -> etree.XMLSchema:
    path = shared_path("refi", "Project-mrt2019.xsd")
    return etree.XMLSchema(etree.parse(str(path)))


def test_the_sample_folder_has_the_projects_this_test_expects() -> None:
    found = sorted(
        path.name
        for path in shared_path("refi", "samples").glob("*")
        if path.suffix.lower() in {".qdpx", ".qde"}
    )
    assert found == sorted(PROJECT_SAMPLES)


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_an_imported_sample_exports_as_a_valid_project(
    name: str, project_schema: etree.XMLSchema, tmp_path: Path
) -> None:
    study, _ = read_qdpx(shared_path("refi", "samples", name))
    target = tmp_path / "again.qdpx"
    # The samples are other people's projects, names and e-mail addresses included.
    write_qdpx(study, target, allow_identifying=True)
    with zipfile.ZipFile(target) as archive:
        root = etree.fromstring(archive.read("project.qde"))
    assert project_schema.validate(root), "\n".join(str(e) for e in project_schema.error_log)
