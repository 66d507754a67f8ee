"""Hostile and broken .qdpx archives are refused with a clear, typed error.

Every archive here is built inside the test. Each refusal must name the file
(and the member and limit, where there is one) and stay within bounded memory.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from peerlandscape._exceptions import DocumentError, MissingFileError, UnsafeFileError
from peerlandscape.refi import QdpxArchive, ReadLimits, read_project

from ._builders import project_xml
from ._memory import MIB, bounded_memory
from .conftest import MakeQdpx

PROJECT = project_xml().encode()
CENTRAL_HEADER = b"PK\x01\x02"


def _patch_central_directory(path: Path, member: str, offset: int, fmt: str, value: int) -> None:
    """Overwrite one field of ``member``'s central directory entry in place."""
    data = bytearray(path.read_bytes())
    at = data.find(CENTRAL_HEADER)
    patched = False
    while at >= 0:
        (name_length,) = struct.unpack_from("<H", data, at + 28)
        if data[at + 46 : at + 46 + name_length] == member.encode():
            struct.pack_into(fmt, data, at + offset, value)
            patched = True
        at = data.find(CENTRAL_HEADER, at + 4)
    assert patched, member
    path.write_bytes(bytes(data))


def test_a_plain_archive_opens_and_reads(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": b"hello"})

    with QdpxArchive(path) as archive:
        assert archive.project_member == "project.qde"
        assert archive.read_project() == PROJECT
        assert archive.source_names() == ("a.txt",)
        assert archive.read_source("A.TXT") == b"hello"
        assert archive.read_source("missing.txt") is None


@pytest.mark.parametrize("member", ["project.qde", "Project.qde", "PROJECT.QDE", "export.qde"])
def test_the_project_document_is_found_whatever_its_case_or_name(
    make_qdpx: MakeQdpx, member: str
) -> None:
    path = make_qdpx({member: PROJECT, "Sources/": b""})

    with QdpxArchive(path) as archive:
        assert archive.project_member == member


def test_nvivo_mac_root_marker_and_folders_are_ignored(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/": b"", "sources/.root": b""})

    with QdpxArchive(path) as archive:
        assert archive.source_names() == ()


def test_an_archive_without_a_project_document_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"sources/a.txt": b"hello", "nested/project.qde": PROJECT})

    with pytest.raises(DocumentError, match=r"project\.qde"):
        QdpxArchive(path)


def test_an_archive_with_two_candidate_projects_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"one.qde": PROJECT, "two.qde": PROJECT})

    with pytest.raises(DocumentError, match=r"several \.qde files.*one\.qde, two\.qde"):
        QdpxArchive(path)


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ("/etc/passwd", "absolute path"),
        ("\\windows\\system.ini", "absolute path"),
        ("../evil.txt", "'..' segment"),
        ("sources/../../evil.txt", "'..' segment"),
        ("sources\\..\\..\\evil.txt", "'..' segment"),
        ("C:/evil.txt", "drive letter"),
        ("c:evil.txt", "drive letter"),
    ],
)
def test_member_names_that_escape_their_folder_are_refused(
    make_qdpx: MakeQdpx, member: str, reason: str
) -> None:
    path = make_qdpx({"project.qde": PROJECT, member: b"x"})

    with pytest.raises(UnsafeFileError) as caught:
        QdpxArchive(path)
    message = str(caught.value)
    assert str(path) in message
    assert repr(member) in message
    assert reason in message


def test_members_whose_names_differ_only_by_case_are_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": b"1", "Sources/A.txt": b"2"})

    with pytest.raises(UnsafeFileError, match="ignored"):
        QdpxArchive(path)


def test_a_zip_bomb_is_refused_by_its_declared_ratio(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/bomb.txt": bytes(64 * MIB)})

    with bounded_memory(), pytest.raises(UnsafeFileError) as caught:
        read_project(path)
    message = str(caught.value)
    assert "'sources/bomb.txt'" in message
    assert "max_compression_ratio" in message


def test_an_archive_expanding_beyond_the_total_limit_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx(
        {"project.qde": PROJECT, "sources/a.txt": bytes(MIB), "sources/b.txt": bytes(MIB)},
        compression=zipfile.ZIP_STORED,
    )

    with pytest.raises(UnsafeFileError, match="max_total_bytes=1048576"):
        QdpxArchive(path, limits=ReadLimits(max_total_bytes=MIB))


def test_a_member_larger_than_the_member_limit_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": bytes(2 * MIB)})

    with pytest.raises(UnsafeFileError, match=r"'sources/a\.txt'.*max_member_bytes"):
        QdpxArchive(path, limits=ReadLimits(max_member_bytes=MIB))


def test_an_overall_compression_ratio_beyond_the_limit_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": bytes(4 * MIB)})

    with pytest.raises(UnsafeFileError, match="max_total_compression_ratio"):
        QdpxArchive(
            path,
            limits=ReadLimits(max_compression_ratio=10_000, max_total_compression_ratio=10),
        )


def test_too_many_members_are_refused_before_they_are_listed(make_qdpx: MakeQdpx) -> None:
    members = {"project.qde": PROJECT} | {f"sources/{i}.txt": b"x" for i in range(60)}
    path = make_qdpx(members)

    with pytest.raises(UnsafeFileError, match=r"declares 61 members.*max_members=50"):
        QdpxArchive(path, limits=ReadLimits(max_members=50))


def test_a_zip64_record_claiming_a_billion_members_is_refused(tmp_path: Path) -> None:
    # A forged end of archive: the classic record defers to a ZIP64 record
    # (count 0xFFFF), which claims a billion entries. Refused from the
    # records alone, before zipfile builds an object per entry.
    zip64_record = (
        b"PK\x06\x06"
        + struct.pack("<QHHII", 44, 45, 45, 0, 0)
        + struct.pack("<QQQQ", 10**9, 10**9, 0, 0)
    )
    locator = b"PK\x06\x07" + struct.pack("<IQI", 0, 0, 1)
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 0xFFFF, 0xFFFF, 0, 0, 0)
    path = tmp_path / "forged.qdpx"
    path.write_bytes(zip64_record + locator + end)

    with bounded_memory(), pytest.raises(UnsafeFileError, match="declares 1000000000 members"):
        QdpxArchive(path)


def test_a_member_expanding_beyond_its_declared_size_is_caught_while_read(
    make_qdpx: MakeQdpx,
) -> None:
    # 64 MiB of zeros, declared as 100 bytes: small enough to pass every
    # check made before reading. The stream must stop at the lie.
    path = make_qdpx({"project.qde": bytes(64 * MIB)})
    _patch_central_directory(path, "project.qde", offset=24, fmt="<I", value=100)

    with bounded_memory(), pytest.raises(UnsafeFileError) as caught:
        read_project(path)
    message = str(caught.value)
    assert "'project.qde'" in message
    assert "beyond the 100 bytes it declares" in message


def test_reading_stops_when_the_archive_budget_is_spent(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": bytes(600 * 1024)})

    with QdpxArchive(path, limits=ReadLimits(max_total_bytes=MIB)) as archive:
        assert archive.read_source("a.txt") is not None
        with pytest.raises(UnsafeFileError, match="crossing max_total_bytes"):
            archive.read_source("a.txt")


def test_an_encrypted_member_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT})
    _patch_central_directory(path, "project.qde", offset=8, fmt="<H", value=0x1)

    with pytest.raises(DocumentError, match="encrypted"):
        read_project(path)


def test_a_corrupt_member_is_reported_as_corrupt(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT})
    _patch_central_directory(path, "project.qde", offset=16, fmt="<I", value=0xDEADBEEF)

    with pytest.raises(DocumentError, match=r"'project\.qde' is corrupt"):
        read_project(path)


def test_a_file_that_is_not_a_zip_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "notes.qdpx"
    path.write_text("just some notes, not an archive")

    with pytest.raises(DocumentError, match="not a readable zip archive") as caught:
        read_project(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_truncated_zip_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources/a.txt": b"hello" * 1000})
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])

    with pytest.raises(DocumentError, match="not a readable zip archive"):
        read_project(path)


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.qdpx"
    path.write_bytes(b"")

    with pytest.raises(DocumentError, match="not a readable zip archive"):
        read_project(path)


def test_a_missing_file_is_a_missing_file_error(tmp_path: Path) -> None:
    with pytest.raises(MissingFileError, match="no such file"):
        read_project(tmp_path / "absent.qdpx")
    with pytest.raises(FileNotFoundError):
        QdpxArchive(tmp_path / "absent.qdpx")


def test_a_folder_is_not_an_archive(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"is a directory, not a \.qdpx archive"):
        QdpxArchive(tmp_path)


def test_source_text_that_is_not_utf8_is_refused_naming_the_member(
    make_qdpx: MakeQdpx,
) -> None:
    body = (
        "<Sources><TextSource guid='9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520' "
        "plainTextPath='internal://latin1.txt'/></Sources>"
    )
    path = make_qdpx({"project.qde": project_xml(body), "sources/latin1.txt": b"caf\xe9"})

    with pytest.raises(
        DocumentError, match=r"sources/latin1\.txt.*not UTF-8: byte 0xe9 at offset 3"
    ):
        read_project(path)


def test_backslash_folder_separators_are_read_as_folders(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx({"project.qde": PROJECT, "sources\\a.txt": b"hello"})

    with QdpxArchive(path) as archive:
        assert archive.source_names() == ("a.txt",)
        assert archive.read_source("a.txt") == b"hello"


# A note's text file is read exactly as a source's: from the archive's
# sources/ folder only, under the same limits.

NOTE = "a1a1a1a1-0000-4000-8000-000000000001"


def _note_project(path: str) -> str:
    return project_xml(f"<Notes><Note guid='{NOTE}' name='memo' plainTextPath='{path}'/></Notes>")


def test_a_note_text_larger_than_the_member_limit_is_refused(make_qdpx: MakeQdpx) -> None:
    path = make_qdpx(
        {"project.qde": _note_project("internal://n.txt"), "sources/n.txt": "x" * 4096}
    )

    with pytest.raises(UnsafeFileError, match=r"'sources/n\.txt'.*max_member_bytes"):
        read_project(path, limits=ReadLimits(max_member_bytes=1024))


def test_a_note_text_expanding_beyond_its_declared_size_is_caught_while_read(
    make_qdpx: MakeQdpx,
) -> None:
    path = make_qdpx(
        {"project.qde": _note_project("internal://n.txt"), "sources/n.txt": bytes(64 * MIB)}
    )
    _patch_central_directory(path, "sources/n.txt", offset=24, fmt="<I", value=100)

    with bounded_memory(), pytest.raises(UnsafeFileError, match="beyond the 100 bytes"):
        read_project(path)


@pytest.mark.parametrize(
    "note_path",
    ["internal://../project.qde", "internal://../../etc/passwd", "relative://n.txt"],
)
def test_a_note_text_path_never_leaves_the_sources_folder(
    make_qdpx: MakeQdpx, note_path: str
) -> None:
    path = make_qdpx({"project.qde": _note_project(note_path), "n.txt": "outside"})

    project = read_project(path)

    assert project.notes[0].text is None
    assert len(project.problems) == 1


def test_a_note_text_that_is_not_utf8_is_refused_naming_the_member(
    make_qdpx: MakeQdpx,
) -> None:
    path = make_qdpx({"project.qde": _note_project("internal://n.txt"), "sources/n.txt": b"\xe9"})

    with pytest.raises(DocumentError, match=r"sources/n\.txt \(text of note .*not UTF-8"):
        read_project(path)
