"""Open a ``.qdpx`` archive without trusting it.

Nothing is ever extracted to disk. Before any member is read, the archive is
refused if a member name could escape a folder (absolute, ``..``, backslash
tricks, drive letters) or if the sizes it declares cross the
:class:`~peerlandscape.refi.ReadLimits`. While a member is read, the
bytes are counted as they stream out, so a member whose declared size lies is
caught as soon as it overruns.

Member names are looked up ignoring case, because vendors disagree:
``project.qde`` or ``Project.qde``, ``sources/`` or ``Sources/``.
"""

from __future__ import annotations

import copy
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, Final, Self

from peerlandscape._exceptions import DocumentError, UnsafeFileError
from peerlandscape._input import open_binary
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits

__all__ = ["QdpxArchive"]

_CHUNK: Final = 1 << 20
_SOURCES_PREFIX: Final = "sources/"
_PROJECT_NAME: Final = "project.qde"
# NVivo for Mac writes an empty marker file into the sources folder.
_IGNORED: Final = frozenset({"sources/.root"})
_DRIVE: Final = re.compile(r"^[A-Za-z]:")

# End-of-central-directory records, read before zipfile builds one object per
# member, so an archive claiming millions of members is refused cheaply.
_EOCD_SIGNATURE: Final = b"PK\x05\x06"
_EOCD_SIZE: Final = 22
_EOCD_SEARCH: Final = _EOCD_SIZE + 0xFFFF  # the record may trail a comment
_ZIP64_LOCATOR_SIGNATURE: Final = b"PK\x06\x07"
_ZIP64_LOCATOR_SIZE: Final = 20
_ZIP64_EOCD_SIGNATURE: Final = b"PK\x06\x06"
_ZIP64_EOCD_SIZE: Final = 56
_ZIP64_MARKER: Final = 0xFFFF

_ZIP_ERRORS: Final = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,  # an encrypted member
    struct.error,
    ValueError,
    # A header offset past the end of the file: zipfile seeks there (EINVAL).
    OSError,
)


def _declared_member_count(handle: BinaryIO) -> int | None:
    size = handle.seek(0, os.SEEK_END)
    start = max(0, size - _EOCD_SEARCH)
    handle.seek(start)
    tail = handle.read()
    at = tail.rfind(_EOCD_SIGNATURE)
    if at < 0 or len(tail) - at < _EOCD_SIZE:
        return None  # zipfile will say what is wrong with it
    (count,) = struct.unpack_from("<H", tail, at + 10)
    if count != _ZIP64_MARKER:
        return int(count)
    locator = start + at - _ZIP64_LOCATOR_SIZE
    if locator < 0:
        return None
    handle.seek(locator)
    record = handle.read(_ZIP64_LOCATOR_SIZE)
    if len(record) < _ZIP64_LOCATOR_SIZE or not record.startswith(_ZIP64_LOCATOR_SIGNATURE):
        return int(count)
    (offset,) = struct.unpack_from("<Q", record, 8)
    handle.seek(offset)
    record = handle.read(_ZIP64_EOCD_SIZE)
    if len(record) < _ZIP64_EOCD_SIZE or not record.startswith(_ZIP64_EOCD_SIGNATURE):
        return None
    (count64,) = struct.unpack_from("<Q", record, 32)
    return int(count64)


def _unsafe_name_reason(name: str) -> str | None:
    if "\x00" in name:
        return "contains a NUL character"
    if name.startswith(("/", "\\")):
        return "is an absolute path"
    if _DRIVE.match(name):
        return "starts with a drive letter"
    if ".." in re.split(r"[/\\]", name):
        return "contains a '..' segment"
    return None


def _ratio(uncompressed: int, compressed: int) -> float:
    return uncompressed / compressed if compressed else float("inf")


class QdpxArchive:
    """A ``.qdpx`` archive opened for safe, bounded reading.

    Opening checks every member name and every declared size against the
    limits; reading a member streams it with a byte cap, and raises
    :class:`~peerlandscape.UnsafeFileError` if the member overruns its
    declared size or a limit, :class:`~peerlandscape.DocumentError` if its
    data is corrupt. Use it as a context manager, or call :meth:`close`.

    Parameters
    ----------
    path
        The ``.qdpx`` file.
    limits
        The resource limits; see :class:`~peerlandscape.Limits`.

    Raises
    ------
    MissingFileError
        ``path`` does not exist.
    DocumentError
        The file is not a zip archive, is truncated or corrupt, or holds no
        project document (``project.qde``, or a single ``*.qde``, at its
        root).
    UnsafeFileError
        A member name could escape its folder, two members share a name
        when case is ignored, or declared sizes cross a limit. The message
        names the file, the member and the limit.

    Examples
    --------
    >>> import pathlib, shutil, tempfile, zipfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "p.qdpx", "w") as zf:
    ...     zf.writestr("Project.qde", "<Project name='p'/>")
    ...     zf.writestr("Sources/A.txt", "hello")
    >>> with QdpxArchive(folder / "p.qdpx") as archive:
    ...     archive.project_member, archive.read_source("a.TXT")
    ('Project.qde', b'hello')
    >>> shutil.rmtree(folder)
    """

    def __init__(self, path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS):
        self._path = Path(path)
        self._limits = limits
        self._bytes_read = 0
        self._members: dict[str, zipfile.ZipInfo] = {}
        handle = open_binary(self._path, what="a .qdpx archive")
        self._handle = handle
        try:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                # A zip archive is read from its end; a pipe or a device has none.
                raise DocumentError(
                    f"{self._path}: not a regular file; a .qdpx archive is read from a file "
                    "(save a pipe or standard input to one first)"
                )
            self._check_member_count(handle)
            handle.seek(0)
            try:
                self._zip = zipfile.ZipFile(handle)
            except _ZIP_ERRORS as error:
                raise DocumentError(f"{self._path}: not a readable zip archive ({error})") from None
            self._index()
            self._project_member = self._find_project()
        except BaseException:
            handle.close()
            raise

    @property
    def path(self) -> Path:
        """The archive file."""
        return self._path

    @property
    def limits(self) -> ReadLimits:
        """The resource limits this archive is read under."""
        return self._limits

    @property
    def project_member(self) -> str:
        """The name of the project document, as stored in the archive."""
        return self._project_member

    def source_names(self) -> tuple[str, ...]:
        """Return the names of the files in the sources folder, as stored.

        Returns
        -------
        tuple of str
            Member names relative to the sources folder, e.g. ``"x.txt"``,
            without folders and NVivo's ``.root`` marker.
        """
        return tuple(
            info.filename.replace("\\", "/")[len(_SOURCES_PREFIX) :]
            for key, info in self._members.items()
            if key.startswith(_SOURCES_PREFIX)
        )

    def read_project(self) -> bytes:
        """Return the bytes of the project document (``.qde`` XML), at most ``max_xml_bytes``."""
        info = self._members[self._project_member.casefold()]
        return self._read(info, cap=self._limits.max_xml_bytes, limit_name="max_xml_bytes")

    def read_source(self, name: str) -> bytes | None:
        """Return the bytes of a file in the sources folder, or None if absent.

        Parameters
        ----------
        name
            The file name relative to the sources folder, e.g. the part of
            ``internal://x.txt`` after the scheme. Case is ignored.

        Returns
        -------
        bytes or None
            The file's bytes (at most ``max_member_bytes``), or None when the
            archive has no such file.
        """
        info = self._members.get((_SOURCES_PREFIX + name).casefold())
        if info is None:
            return None
        return self._read(info, cap=self._limits.max_member_bytes, limit_name="max_member_bytes")

    def close(self) -> None:
        """Close the archive file; reading afterwards fails."""
        self._zip.close()
        # zipfile leaves a file object it was handed open.
        self._handle.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"QdpxArchive({str(self._path)!r}, members={len(self._members)})"

    def _unsafe(self, member: str, reason: str) -> UnsafeFileError:
        return UnsafeFileError(f"{self._path}: refused: member {member!r} {reason}")

    def _check_member_count(self, handle: BinaryIO) -> None:
        count = _declared_member_count(handle)
        if count is not None and count > self._limits.max_members:
            raise UnsafeFileError(
                f"{self._path}: refused: the archive declares {count} members, "
                f"more than max_members={self._limits.max_members}"
            )

    def _index(self) -> None:
        limits = self._limits
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            raise UnsafeFileError(
                f"{self._path}: refused: the archive holds {len(infos)} members, "
                f"more than max_members={limits.max_members}"
            )
        total = compressed = 0
        for info in infos:
            name = info.orig_filename
            reason = _unsafe_name_reason(name)
            if reason is not None:
                raise self._unsafe(name, reason)
            if info.file_size > limits.max_member_bytes:
                raise self._unsafe(
                    name,
                    f"declares {info.file_size} bytes, more than "
                    f"max_member_bytes={limits.max_member_bytes}",
                )
            ratio = _ratio(info.file_size, info.compress_size)
            if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_compression_ratio:
                raise self._unsafe(
                    name,
                    f"declares a compression ratio of {ratio:.0f}:1, more than "
                    f"max_compression_ratio={limits.max_compression_ratio:g}",
                )
            total += info.file_size
            compressed += info.compress_size
            # Some Windows tools separate folders with backslashes.
            key = info.filename.replace("\\", "/").casefold()
            if key.endswith("/") or key in _IGNORED:
                continue
            if key in self._members:
                raise self._unsafe(name, "shares its name with another member when case is ignored")
            self._members[key] = info
        if total > limits.max_total_bytes:
            raise UnsafeFileError(
                f"{self._path}: refused: members declare {total} bytes in total, more than "
                f"max_total_bytes={limits.max_total_bytes}"
            )
        ratio = _ratio(total, compressed)
        if total > limits.ratio_floor_bytes and ratio > limits.max_total_compression_ratio:
            raise UnsafeFileError(
                f"{self._path}: refused: the archive declares a compression ratio of "
                f"{ratio:.0f}:1, more than "
                f"max_total_compression_ratio={limits.max_total_compression_ratio:g}"
            )

    def _find_project(self) -> str:
        exact = self._members.get(_PROJECT_NAME)
        if exact is not None:
            return exact.filename
        candidates = sorted(
            info.filename
            for key, info in self._members.items()
            if "/" not in key and key.endswith(".qde")
        )
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            raise DocumentError(
                f"{self._path}: no project.qde and several .qde files at the root "
                f"({', '.join(candidates)}); cannot tell which is the project"
            )
        raise DocumentError(f"{self._path}: not a REFI-QDA project: no project.qde at its root")

    def _read(self, info: zipfile.ZipInfo, *, cap: int, limit_name: str) -> bytes:
        name = info.orig_filename
        remaining = self._limits.max_total_bytes - self._bytes_read
        budget = min(cap, remaining)
        if info.file_size > budget:
            crossed = limit_name if cap <= remaining else "max_total_bytes"
            raise self._unsafe(name, f"declares {info.file_size} bytes, crossing {crossed}")
        if info.flag_bits & 0x1:
            raise DocumentError(f"{self._path}: member {name!r} is encrypted")
        # zipfile stops at the declared size and then blames the checksum.
        # Declaring one byte more than the budget lets the stream run on, so
        # an overrun shows up here, as the lie it is.
        probe = copy.copy(info)
        probe.file_size = budget + 1
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(probe) as stream:
                while chunk := stream.read(min(_CHUNK, budget + 1 - size)):
                    size += len(chunk)
                    if size > info.file_size:
                        raise self._unsafe(
                            name, f"expands beyond the {info.file_size} bytes it declares"
                        )
                    chunks.append(chunk)
        except UnsafeFileError:
            raise
        except _ZIP_ERRORS as error:
            raise DocumentError(f"{self._path}: member {name!r} is corrupt ({error})") from None
        self._bytes_read += size
        return b"".join(chunks)
