"""Deep code trees: read, written and walked without recursion, and what is written reads back.

A chain of codes nested by ``parent`` may be far deeper than Python's recursion
limit. The study's own formats (JSON, GraphML, node-link) and every walk over the
tree (the index, validation, the graph, the REFI-QDA importer) take any depth.
REFI-QDA nests codes as XML elements, which readers bound (``max_code_depth``,
``max_xml_depth``): its writers refuse a tree deeper than the default limit, so
that every file they write reads back under the defaults, and the file grows in
proportion to the depth, not its square.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

import peerlandscape as pl
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape.models import Code, Study

pytest.importorskip("lxml")

from peerlandscape.refi import parse_codebook, read_qdc, read_qdpx, write_qdc, write_qdpx
from peerlandscape.refi._importing import codebook_to_study
from peerlandscape.refi._ir import Code as RefiCode
from peerlandscape.refi._ir import CodebookDocument

MAX = DEFAULT_LIMITS.max_code_depth
"""The deepest code tree the REFI-QDA writers write and the readers read by default."""

BEYOND_RECURSION = sys.getrecursionlimit() * 3
"""A depth no recursive walk survives."""


def chain(depth: int) -> Study:
    """A study whose codes nest ``depth`` deep: c0 > c1 > ... by ``parent``."""
    codes = [
        Code(id=f"c{i}", label=f"Code {i}", parent=f"c{i - 1}" if i else None) for i in range(depth)
    ]
    return Study(id="deep", title="A deep code tree", codes=codes)


def depth_of(study: Study) -> int:
    parents = {code.id: code.parent for code in study.codes}
    deepest = 0
    for code in parents:
        depth, current = 0, code
        while current is not None:
            depth, current = depth + 1, parents[current]
        deepest = max(deepest, depth)
    return deepest


def test_a_qdpx_at_the_deepest_tree_the_writer_allows_reads_back_under_the_defaults(
    tmp_path: Path,
) -> None:
    study = chain(MAX)
    path = tmp_path / "deep.qdpx"
    write_qdpx(study, path)

    again = read_qdpx(path).study

    assert depth_of(again) == MAX
    assert again == pl.refi.refi_projection(study)


def test_a_qdc_at_the_deepest_tree_the_writer_allows_reads_back_under_the_defaults(
    tmp_path: Path,
) -> None:
    path = tmp_path / "deep.qdc"
    write_qdc(chain(MAX), path)

    again = read_qdc(path).study

    assert depth_of(again) == MAX
    assert [code.label for code in again.codes] == [f"Code {i}" for i in range(MAX)]


@pytest.mark.parametrize("writer", [write_qdpx, write_qdc])
def test_a_tree_one_deeper_is_refused_by_the_writer_and_nothing_is_written(
    tmp_path: Path, writer: object
) -> None:
    path = tmp_path / "too-deep.out"

    with pytest.raises(pl.DocumentError, match=f"code:c{MAX}: .*max_code_depth={MAX}"):
        writer(chain(MAX + 1), path)  # type: ignore[operator]

    assert not path.exists()


def test_the_projection_of_a_tree_deeper_than_recursion_allows_is_refused_by_name() -> None:
    # It used to end in RecursionError for trees 400-900 deep.
    with pytest.raises(pl.DocumentError, match="max_code_depth"):
        pl.refi.refi_projection(chain(900))


@pytest.mark.parametrize("suffix", ["json", "graphml", "node-link.json"])
def test_the_study_formats_round_trip_a_tree_deeper_than_recursion_allows(
    tmp_path: Path, suffix: str
) -> None:
    study = chain(BEYOND_RECURSION)
    path = tmp_path / f"deep.{suffix}"
    if suffix == "json":
        again = pl.read_json(pl.write_json(study, path))
    elif suffix == "graphml":
        again = pl.from_networkx(pl.read_graphml(pl.write_graphml(pl.to_networkx(study), path)))
    else:
        graph = pl.read_node_link(pl.write_node_link(pl.to_networkx(study), path))
        again = pl.from_networkx(graph)

    assert again == study


def test_validation_and_the_index_walk_a_tree_deeper_than_recursion_allows() -> None:
    study = chain(BEYOND_RECURSION)

    report = pl.validation.validate(study)

    assert study.index.code_paths[f"c{BEYOND_RECURSION - 1}"].subtheme is None
    # Every code of the chain is an orphan: none reaches a sub-theme.
    orphans = [f for f in report.findings if f.code == "orphan-code"]
    assert len(orphans) == BEYOND_RECURSION


def test_the_importer_builds_a_study_from_a_tree_deeper_than_recursion_allows() -> None:
    code = None
    for n in reversed(range(BEYOND_RECURSION)):
        code = RefiCode(
            guid=str(uuid.UUID(int=n + 1)),
            name=f"code {n}",
            children=(code,) if code is not None else (),
        )
    assert code is not None
    document = CodebookDocument(
        origin=None, namespace="", codes=(code,), sets=(), unmodelled=(), problems=()
    )

    study = codebook_to_study(document).study

    assert depth_of(study) == BEYOND_RECURSION


def test_a_written_codebook_grows_in_proportion_to_its_depth(tmp_path: Path) -> None:
    half, full = tmp_path / "half.qdc", tmp_path / "full.qdc"
    write_qdc(chain(MAX // 2), half)
    write_qdc(chain(MAX), full)

    per_code_half = half.stat().st_size / (MAX // 2)
    per_code_full = full.stat().st_size / MAX

    # Indented a level per code, the deeper file would take about half as much again per code.
    assert per_code_full < per_code_half * 1.1


def _nested_codebook(depth: int) -> bytes:
    opening = "".join(
        f'<Code guid="{uuid.UUID(int=n + 1)}" name="code {n}" isCodable="true">'
        for n in range(depth)
    )
    return (
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        f"{opening}{'</Code>' * depth}</Codes></CodeBook>"
    ).encode()


def test_a_codebook_nesting_codes_deeper_than_the_limit_is_refused_naming_the_code() -> None:
    deepest = uuid.UUID(int=MAX + 1)

    with pytest.raises(pl.UnsafeFileError, match=f"code '{deepest}'.*max_code_depth={MAX}"):
        parse_codebook(_nested_codebook(MAX + 1), source_name="deep.qdc")
    assert len(parse_codebook(_nested_codebook(MAX)).codes) == 1


def test_raised_limits_read_a_codebook_deeper_than_the_defaults() -> None:
    limits = Limits(max_xml_depth=256, max_code_depth=250)

    document = parse_codebook(_nested_codebook(250), limits=limits)

    assert sum(1 for _ in document.codes[0].walk()) == 250
