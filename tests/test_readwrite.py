"""Every file format in one place: peerlandscape.readwrite, the top level, and the old names."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import peerlandscape as pl
from peerlandscape import graph, io, readwrite, refi

# What readwrite holds beside the readers and writers: the migration of older JSON documents,
# and the types of what reading a table returns (the study with the report of its rows).
NOT_AT_THE_TOP_LEVEL = {"identify_version", "migrate", "RowProblem", "TableImport", "TableReport"}

# networkx's naming: a file is read or written, text is parsed or generated.
VERBS = ("read_", "write_", "parse_", "generate_")


def test_every_reader_and_writer_is_also_at_the_top_level() -> None:
    assert set(readwrite.__all__) - set(pl.__all__) == NOT_AT_THE_TOP_LEVEL
    for name in set(readwrite.__all__) - NOT_AT_THE_TOP_LEVEL:
        assert getattr(pl, name) is getattr(readwrite, name), name


def test_the_formats_are_named_as_networkx_names_its_own() -> None:
    named = {name for name in readwrite.__all__ if name.startswith(VERBS)}
    assert set(readwrite.__all__) - named == {"from_dict", "json_schema", *NOT_AT_THE_TOP_LEVEL}
    for name in named:
        verb, _, form = name.partition("_")
        if verb in {"read", "write"}:
            # Each reader has its writer, and the other way round.
            mirror = f"{'write' if verb == 'read' else 'read'}_{form}"
            assert mirror in readwrite.__all__, mirror


def test_the_refi_readers_and_writers_are_the_refi_packages_own() -> None:
    for name in ("read_qdpx", "write_qdpx", "read_qdc", "write_qdc"):
        assert getattr(readwrite, name) is getattr(refi, name)
        assert getattr(pl, name) is getattr(refi, name)
        assert getattr(refi, name).__module__ == "peerlandscape"


def test_the_json_names_of_before_are_the_same_functions() -> None:
    # Aliases, not copies: one function, one docstring, reached by both names.
    assert pl.study_from_json is pl.parse_json is io.study_from_json is readwrite.parse_json
    assert pl.study_from_dict is pl.from_dict is io.study_from_dict is readwrite.from_dict
    for name in ("read_json", "write_json", "json_schema", "identify_version", "migrate"):
        assert getattr(io, name) is getattr(readwrite, name), name
    assert io.SCHEMA_VERSION == pl.SCHEMA_VERSION
    for alias, name in (("study_from_json", "parse_json"), ("study_from_dict", "from_dict")):
        doc = " ".join((inspect.getdoc(getattr(pl, name)) or "").split())
        assert f"``peerlandscape.{alias}`` is the same function" in doc


def test_the_graph_file_names_of_before_are_the_same_functions() -> None:
    assert graph.to_node_link is pl.generate_node_link
    assert graph.to_mermaid is pl.generate_mermaid
    assert graph.to_dot is pl.generate_dot
    for name in ("read_graphml", "write_graphml", "read_node_link", "write_node_link"):
        assert getattr(graph, name) is getattr(pl, name) is getattr(readwrite, name), name


def test_the_old_names_still_read_and_write(engdahl: pl.Study, tmp_path: Path) -> None:
    path = pl.io.write_json(engdahl, tmp_path / "study.json")
    assert pl.io.study_from_json(path.read_bytes()) == engdahl
    assert pl.graph.to_mermaid(engdahl) == pl.generate_mermaid(engdahl)
    graphml = pl.graph.write_graphml(pl.to_networkx(engdahl), tmp_path / "study.graphml")
    assert pl.from_networkx(pl.read_graphml(graphml)) == engdahl


@pytest.mark.parametrize(
    ("write", "read", "suffix"),
    [
        (pl.write_graphml, pl.read_graphml, "graphml"),
        (pl.write_node_link, pl.read_node_link, "json"),
    ],
    ids=["graphml", "node-link"],
)
def test_a_graph_file_reads_back_as_the_study(
    engdahl: pl.Study,
    tmp_path: Path,
    write: Callable[[Any, Path], Path],
    read: Callable[[Path], Any],
    suffix: str,
) -> None:
    path = write(pl.to_networkx(engdahl), tmp_path / f"study.{suffix}")
    assert pl.from_networkx(read(path)) == engdahl


def test_a_json_document_reads_back_through_every_json_reader(
    engdahl: pl.Study, tmp_path: Path
) -> None:
    path = pl.write_json(engdahl, tmp_path / "study.json")
    assert pl.read_json(path) == engdahl
    assert pl.parse_json(path.read_text(encoding="utf-8")) == engdahl
    assert pl.from_dict(engdahl.model_dump(mode="json")) == engdahl
