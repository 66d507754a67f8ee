"""Every reader holds its input to a Limits: pipes, devices and oversized files are refused.

A reader must never run out of memory on what it is given: a regular file larger
than its limit is refused before it is read, anything else (``/dev/zero``, a pipe)
as soon as it passes the limit, and archives on the sizes they declare. The error
is an UnsafeFileError (a DocumentError) that names the input and the limit.
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import peerlandscape as pl
from peerlandscape._limits import Limits
from peerlandscape.refi import ImportMapping, QdpxArchive, ReadLimits, read_project

pytest.importorskip("lxml")

KIB = 1024
MIB = 1024 * KIB

SMALL = Limits(max_document_bytes=64 * KIB, max_xml_bytes=64 * KIB)
"""Limits small enough that refusing /dev/zero costs next to nothing."""


def _mapping(path: Path, limits: Limits) -> object:
    return ImportMapping.from_json_file(path, limits=limits)


def _qdc(path: Path, limits: Limits) -> object:
    return pl.refi.read_qdc(path, limits=limits)


def _qde(path: Path, limits: Limits) -> object:
    return read_project(path, limits=limits)


READERS: dict[str, tuple[str, Callable[[Path, Limits], object], str]] = {
    "read_json": ("json", lambda p, lim: pl.read_json(p, limits=lim), "max_document_bytes"),
    "read_graphml": (
        "graphml",
        lambda p, lim: pl.read_graphml(p, limits=lim),
        "max_document_bytes",
    ),
    "read_node_link": (
        "json",
        lambda p, lim: pl.read_node_link(p, limits=lim),
        "max_document_bytes",
    ),
    "read_table csv": ("csv", lambda p, lim: pl.read_table(p, limits=lim), "max_document_bytes"),
    "read_table xlsx": ("xlsx", lambda p, lim: pl.read_table(p, limits=lim), "max_document_bytes"),
    "read_qdc": ("qdc", _qdc, "max_xml_bytes"),
    "read_project qde": ("qde", _qde, "max_xml_bytes"),
    "ImportMapping.from_json_file": ("json", _mapping, "max_document_bytes"),
}
"""Each reader: the extension it is given, how to call it with limits, the limit it meets."""


@pytest.fixture
def zero(tmp_path: Path) -> Callable[[str], Path]:
    """A link to /dev/zero with a given extension: endless input under a name a reader takes."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this system")

    def named(extension: str) -> Path:
        link = tmp_path / f"endless.{extension}"
        link.symlink_to("/dev/zero")
        return link

    return named


@pytest.mark.parametrize("reader", sorted(READERS))
def test_every_reader_refuses_endless_input_naming_the_file_and_the_limit(
    reader: str, zero: Callable[[str], Path]
) -> None:
    extension, read, limit_name = READERS[reader]
    path = zero(extension)

    with pytest.raises(pl.UnsafeFileError) as caught:
        read(path, SMALL)

    message = str(caught.value)
    assert str(path) in message
    assert f"{limit_name}={getattr(SMALL, limit_name)}" in message
    assert isinstance(caught.value, pl.DocumentError)


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_regular_file_past_the_limit_is_refused_by_its_size_before_it_is_read(
    reader: str, tmp_path: Path
) -> None:
    extension, read, limit_name = READERS[reader]
    path = tmp_path / f"huge.{extension}"
    with path.open("wb") as handle:
        # Sparse: a gigabyte on paper, no disk and no time to make, refused unread.
        handle.truncate(1024 * MIB)

    with pytest.raises(pl.UnsafeFileError, match=f"1073741824 bytes, more than {limit_name}="):
        read(path, SMALL)


def test_the_qdpx_reader_refuses_a_device_as_no_regular_file(
    zero: Callable[[str], Path],
) -> None:
    path = zero("qdpx")

    with pytest.raises(pl.DocumentError, match="not a regular file"):
        pl.refi.read_qdpx(path)


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Callable[[bytes], Path]]:
    """A named pipe fed by a thread: input whose size no reader can know beforehand."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    writers: list[threading.Thread] = []

    def feeding(data: bytes) -> Path:
        path = tmp_path / f"pipe{len(writers)}.json"
        os.mkfifo(path)

        def write() -> None:
            try:
                with path.open("wb") as pipe:
                    pipe.write(data)
            except BrokenPipeError:
                pass  # the reader stopped at its limit, as it should

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        writers.append(writer)
        return path

    yield feeding
    for writer in writers:
        writer.join(timeout=10)


def test_a_study_document_from_a_pipe_is_read_within_the_limit(
    fifo: Callable[[bytes], Path], engdahl: pl.Study
) -> None:
    data = engdahl.model_dump_json().encode()

    assert pl.read_json(fifo(data), limits=Limits(max_document_bytes=len(data))) == engdahl


def test_a_pipe_that_passes_the_limit_is_refused_while_it_is_read(
    fifo: Callable[[bytes], Path], engdahl: pl.Study
) -> None:
    data = engdahl.model_dump_json().encode()
    path = fifo(data)

    with pytest.raises(pl.UnsafeFileError, match=f"max_document_bytes={len(data) - 1}"):
        pl.read_json(path, limits=Limits(max_document_bytes=len(data) - 1))


def test_the_default_limit_admits_a_large_study_document_and_a_raised_one_only_reads_more(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    path = pl.write_json(engdahl, tmp_path / "s.json")
    size = path.stat().st_size

    assert pl.read_json(path) == engdahl
    assert pl.read_json(path, limits=Limits(max_document_bytes=size)) == engdahl
    with pytest.raises(pl.UnsafeFileError, match=f"{size} bytes, more than max_document_bytes"):
        pl.read_json(path, limits=Limits(max_document_bytes=size - 1))


def _workbook(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_an_xlsx_that_expands_hundreds_of_times_is_refused_before_it_is_opened(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_workbook({"xl/worksheets/sheet1.xml": b"<row/>" * (2 * MIB)}))

    with pytest.raises(pl.UnsafeFileError, match=r"sheet1\.xml.*max_compression_ratio=100"):
        pl.read_table(path)


def test_an_xlsx_whose_members_declare_more_than_the_document_limit_is_refused(
    tmp_path: Path,
) -> None:
    # Small, and each member under the ratio floor: only the declared total gives it away.
    path = tmp_path / "large.xlsx"
    cells = b"<c><v>1</v></c>" * (40 * KIB)
    path.write_bytes(_workbook({"xl/a.xml": cells, "xl/b.xml": cells}))

    with pytest.raises(pl.UnsafeFileError, match=f"declare {2 * len(cells)} bytes.*max_document"):
        pl.read_table(path, limits=Limits(max_document_bytes=MIB))


def test_many_small_members_that_expand_together_are_refused_by_the_archive_ratio(
    tmp_path: Path,
) -> None:
    # Each member stays under the ratio floor, so only the archive's ratio can catch them:
    # the shape of a 61 MB .qdpx that expanded to 3 GiB of sources under the old defaults.
    path = tmp_path / "spread.qdpx"
    members = {"project.qde": b"<Project/>"}
    members |= {f"sources/{n}.txt": b"a" * (MIB - 1) for n in range(8)}
    path.write_bytes(_workbook(members))

    with pytest.raises(pl.UnsafeFileError, match="max_total_compression_ratio=50"):
        QdpxArchive(path)


def test_the_defaults_are_stricter_than_before_yet_read_the_largest_benchmark_shape() -> None:
    limits = Limits()
    # benchmarks/refi_run.py --shape real, 800 sources: 111,640,412 bytes in 801 members, an
    # 89,087,348-byte project.qde, compressed 4.3:1 (5.3:1 for the .qde).
    assert limits.max_total_bytes >= 4 * 111_640_412
    assert min(limits.max_member_bytes, limits.max_xml_bytes) >= 2 * 89_087_348
    assert limits.max_total_compression_ratio >= 10 * 4.3
    # benchmarks/run.py's largest study document, 400,000 codings: 118,878,057 bytes.
    assert limits.max_document_bytes >= 2 * 118_878_057
    # The old defaults let 3 GiB of sources through; these refuse a sixth of that.
    assert limits.max_total_bytes <= 3 * 1024 * MIB // 6


def test_every_limit_and_its_default_is_in_the_documented_table() -> None:
    table = Limits.__doc__ or ""
    for field in attrs.fields(Limits):
        rows = (line.strip() for line in table.splitlines())
        row = next((line for line in rows if line.startswith(f"``{field.name}``")), None)
        assert row is not None, f"{field.name} is not in the table of the Limits docstring"
        default = field.default
        shown = (
            f"{default // MIB} MiB"
            if isinstance(default, int) and default >= MIB
            else f"{default:,g}"
            if isinstance(default, float)
            else f"{default:,}"
        )
        assert shown in row, f"{field.name}: the table says {row.split()[1:3]}, not {shown}"


def test_limits_are_frozen_keyword_only_and_refuse_bad_values_by_name() -> None:
    with pytest.raises(TypeError):
        Limits(10)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Limits().max_document_bytes = 1  # type: ignore[misc]
    for name, value in [("max_document_bytes", 0), ("max_code_depth", -1), ("max_xml_depth", 257)]:
        with pytest.raises(ValueError, match=name):
            Limits(**{name: value})
    with pytest.raises(TypeError, match="max_document_bytes"):
        Limits(max_document_bytes="large")  # type: ignore[arg-type]


def test_the_refi_read_limits_are_the_same_limits() -> None:
    limits: Any = ReadLimits(max_member_bytes=MIB)

    assert ReadLimits is Limits
    assert isinstance(limits, Limits)
    assert limits.max_document_bytes == Limits().max_document_bytes
