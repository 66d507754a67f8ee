"""Read a project or a codebook from a file: a ``.qdpx`` archive, a ``.qde`` or a ``.qdc``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from peerlandscape._exceptions import DocumentError
from peerlandscape._input import open_binary, read_limited
from peerlandscape.refi._ir import CodebookDocument, ProjectDocument
from peerlandscape.refi._parsing._archive import QdpxArchive
from peerlandscape.refi._parsing._codebook import parse_codebook
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._parsing._project import parse_project

__all__ = ["read_codebook", "read_project"]

_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")


def _read_xml_file(path: Path, limits: ReadLimits) -> bytes:
    # A regular file's size is checked before it is read; a pipe or device, while it is.
    return read_limited(
        path, limit=limits.max_xml_bytes, limit_name="max_xml_bytes", what="a REFI-QDA file"
    )


def _is_archive(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".qdpx", ".zip"}:
        return True
    if suffix == ".qde":
        return False
    with open_binary(path, what="a REFI-QDA project") as handle:
        try:
            return handle.read(4) in _ZIP_MAGIC
        except OSError as error:
            raise DocumentError(f"{path}: cannot read: {error.strerror or error}") from None


def read_project(
    path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS
) -> ProjectDocument:
    """Read a project from a ``.qdpx`` archive or a bare ``.qde`` file.

    ``.qdpx`` and ``.zip`` files are opened as archives, ``.qde`` files as
    XML; any other name is told apart by its first bytes.

    Parameters
    ----------
    path
        The file.
    limits
        The resource limits for the archive and the XML.

    Returns
    -------
    ProjectDocument
        The project, with source texts read from the archive.

    Raises
    ------
    MissingFileError
        ``path`` does not exist.
    UnsafeFileError
        The archive or the XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable archive or project.
    """
    path = Path(path)
    if not _is_archive(path):
        data = _read_xml_file(path, limits)
        return parse_project(data, source_name=str(path), limits=limits)
    with QdpxArchive(path, limits=limits) as archive:
        data = archive.read_project()
        return parse_project(
            data,
            source_name=f"{path}:{archive.project_member}",
            archive=archive,
            limits=limits,
        )


def read_codebook(
    path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS
) -> CodebookDocument:
    """Read a codebook from a ``.qdc`` file.

    Parameters
    ----------
    path
        The file.
    limits
        The resource limits for the XML.

    Returns
    -------
    CodebookDocument
        The codebook.

    Raises
    ------
    MissingFileError
        ``path`` does not exist.
    UnsafeFileError
        The XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable codebook.
    """
    path = Path(path)
    return parse_codebook(_read_xml_file(path, limits), source_name=str(path), limits=limits)
