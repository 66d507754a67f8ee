"""Export and import agree: read_qdpx(write_qdpx(study)) == refi_projection(study).

The projection is the contract between writer and reader, computed without
files (see :mod:`peerlandscape.refi._projection`). These tests hold the real
writer and reader to it, for the built-in study, for arbitrary valid studies,
and for every sample a real tool wrote: an imported study is a fixed point,
and writing it out and reading it back gives it again.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape.refi import (
    ImportReport,
    ImportResult,
    read_qdc,
    read_qdpx,
    refi_projection,
    stable_guid,
    write_qdc,
    write_qdpx,
)
from strategies import FAST, studies

PROJECT_SAMPLES = [
    "paper_themes__ICLS_Conf_Themes_ALL_just10.MAXQDA24.qdpx",
    "paper_themes__references_project_with_generated_codes.qde",
    "ponte__blank-atlas-project.qdpx",
    "ponte__target-atlas-project.qdpx",
    "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde",
    "sky-loom__TestProject.qdpx",
]


def _through_qdpx(study: pl.Study) -> ImportResult:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "study.qdpx"
        # The samples are other people's projects, names and e-mail addresses included.
        write_qdpx(study, path, allow_identifying=True)
        return read_qdpx(path)


# What a source written without its text (it had none) brings back: a fact, not a loss.
_TEXTLESS = frozenset({"no_text", "source_without_text", "selection_without_text"})


def _held_all(report: ImportReport, study: pl.Study) -> bool:
    """Whether the import held all that was written: complete, but for text-less sources."""
    if any(source.text is None for source in study.sources):
        return set(report.counts()) <= _TEXTLESS
    return report.complete


def test_the_built_in_study_comes_back_as_its_projection(engdahl: pl.Study) -> None:
    study, report = _through_qdpx(engdahl)

    assert study == refi_projection(engdahl)
    assert report.complete  # everything the export wrote, the import held


def test_the_projection_of_the_built_in_study_keeps_what_refi_can_hold(engdahl: pl.Study) -> None:
    projected = refi_projection(engdahl)

    # Readable ids come back, and the GUIDs they were written with beside them.
    assert [s.id for s in projected.subthemes] == [s.id for s in engdahl.subthemes]
    assert [s.guid for s in projected.subthemes] == [
        stable_guid("subtheme", s.id) for s in engdahl.subthemes
    ]
    assert [s.label for s in projected.subthemes] == [s.label for s in engdahl.subthemes]
    # Quotes come in the order of the file: grouped by the interview whose container holds them.
    assert sorted(q.text for q in projected.quotes) == sorted(q.text for q in engdahl.quotes)
    assert [p.label for p in projected.participants] == [p.label for p in engdahl.participants]
    assert [g.id for g in projected.groups] == [g.id for g in engdahl.groups]
    assert projected.title == engdahl.title
    # What REFI-QDA has no place for is gone.
    assert (projected.attributions, projected.regions, projected.design) == ((), (), None)
    assert all(q.notes == () for q in projected.quotes)
    assert all(g.label == g.id for g in projected.groups)


@FAST
@given(studies())
def test_any_study_comes_back_as_its_projection(study: pl.Study) -> None:
    imported, report = _through_qdpx(study)

    assert imported == refi_projection(study)
    assert _held_all(report, study)


@FAST
@given(studies())
def test_the_projection_is_a_fixed_point_of_itself(study: pl.Study) -> None:
    projected = refi_projection(study)

    assert refi_projection(projected) == projected


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_an_imported_sample_is_a_fixed_point_of_the_projection(samples: Path, name: str) -> None:
    study, _ = read_qdpx(samples / name)

    assert refi_projection(study) == study


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_an_imported_sample_written_and_read_again_is_unchanged(samples: Path, name: str) -> None:
    study, _ = read_qdpx(samples / name)

    again, report = _through_qdpx(study)

    assert again == study
    assert _held_all(report, study)


def test_the_built_in_codebook_comes_back_as_the_projections_framework(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    write_qdc(engdahl, tmp_path / "engdahl2025.qdc")

    study, report = read_qdc(tmp_path / "engdahl2025.qdc")

    projected = refi_projection(engdahl)
    assert study.overarching_theme == projected.overarching_theme
    assert study.themes == projected.themes
    assert study.subthemes == projected.subthemes
    assert study.candidate_themes == projected.candidate_themes
    assert study.codes == projected.codes
    assert report.complete


def test_the_built_in_codebook_read_against_its_study_is_the_framework_itself(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    write_qdc(engdahl, tmp_path / "engdahl2025.qdc")

    study, report = read_qdc(tmp_path / "engdahl2025.qdc", reference="engdahl2025")

    assert study.overarching_theme == engdahl.overarching_theme
    assert study.themes == engdahl.themes
    assert study.subthemes == engdahl.subthemes
    assert study.candidate_themes == engdahl.candidate_themes
    assert study.codes == engdahl.codes
    assert report.complete
