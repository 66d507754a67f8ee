"""Mutated REFI-QDA files: the readers and import mappings raise only the library's errors.

Codebooks start from real tools' samples and the library's own ``.qdc``; projects
from the library's own ``.qdpx``, their ``project.qde`` mutated inside a zip built
here (or read bare, as a ``.qde``), and from real tools' ``.qdpx`` samples whose zip
bytes are mutated. Mappings are mutated JSON objects of
:class:`~peerlandscape.refi.ImportMapping`'s fields, each also used to read a codebook.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.refi import ImportMapping
from shared import SHARED, shared_path

from ._harness import only_library_errors
from ._mutations import (
    dumps,
    encodings,
    mutated_bytes,
    mutated_json,
    mutated_xml,
    mutated_zip,
    zip_bytes,
)
from ._seeds import codebook_seeds, project_archives, project_seeds
from .conftest import FUZZ

SAMPLES = SHARED / "refi" / "samples"


@functools.cache
def _samples(suffix: str) -> tuple[bytes, ...]:
    # Read here, not through shared_path: a strategy is built before any test runs. Without
    # the samples, the library's own files are the seeds (test_samples.py fails under CI).
    return tuple(path.read_bytes() for path in sorted(SAMPLES.glob(f"*{suffix}")))


def _codebooks() -> st.SearchStrategy[bytes]:
    return mutated_xml(codebook_seeds(list(_samples(".qdc"))))


def _sample_archives() -> st.SearchStrategy[bytes]:
    samples = st.sampled_from(_samples(".qdpx")) if _samples(".qdpx") else st.nothing()
    return st.one_of(samples, project_seeds().map(zip_bytes)).flatmap(mutated_zip)


@FUZZ
@given(data=_codebooks())
def test_read_qdc_raises_only_library_errors(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "codebook.qdc"
    path.write_bytes(data)
    with only_library_errors("read_qdc"):
        pl.read_qdc(path)


@FUZZ
@given(data=project_archives())
def test_read_qdpx_raises_only_library_errors_on_mutated_xml(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "project.qdpx"
    path.write_bytes(data)
    with only_library_errors("read_qdpx (XML)"):
        pl.read_qdpx(path)


@FUZZ
@given(data=project_seeds().flatmap(lambda members: mutated_xml(st.just(members["project.qde"]))))
def test_read_qdpx_raises_only_library_errors_on_a_bare_qde(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "project.qde"
    path.write_bytes(data)
    with only_library_errors("read_qdpx (.qde)"):
        pl.read_qdpx(path)


@FUZZ
@given(data=_sample_archives())
def test_read_qdpx_raises_only_library_errors_on_mutated_zips(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "sample.qdpx"
    path.write_bytes(data)
    with only_library_errors("read_qdpx (zip)"):
        pl.read_qdpx(path)


_MAPPING_SEEDS: tuple[dict[str, Any], ...] = (
    {},
    {"levels": ["theme", "subtheme", "code"], "group_values": {"PSW": "peer_support_worker"}},
    {"levels": "auto", "interview_format": "auto", "position_scheme": "utf16_code_units"},
    {
        "theme_sets": ["Themes"],
        "subtheme_sets": ["Sub-themes"],
        "group_sets": {"Officials": "official"},
        "reference": "engdahl2025",
        "study_id": "s",
        "title": "T",
        "unknown_group": "unknown",
        "group_variable": "Group",
    },
)


@FUZZ
@given(document=mutated_json(st.sampled_from(_MAPPING_SEEDS), max_mutations=2), data=st.data())
def test_import_mappings_raise_only_library_errors(
    document: Any, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / "mapping.json"
    text = dumps(document)
    path.write_bytes(
        data.draw(st.one_of(st.just(text.encode()), encodings(text).flatmap(mutated_bytes)))
    )
    (tmp_path / "codebook.qdc").write_bytes(data.draw(codebook_seeds(list(_samples(".qdc")))))
    with only_library_errors("ImportMapping.from_json_file"):
        mapping = ImportMapping.from_json_file(path)
        # A mapping read is a mapping used: its reference and levels are checked on reading.
        pl.read_qdc(tmp_path / "codebook.qdc", mapping)


def test_real_tools_samples_seed_the_fuzzers() -> None:
    # Under CI, shared_path fails this when the samples are missing: without them the
    # fuzzers above would start from the library's own files only.
    samples = shared_path("refi", "samples")
    assert _samples(".qdpx")
    assert _samples(".qdc")
    assert len(_samples(".qdpx")) == len(list(samples.glob("*.qdpx")))
