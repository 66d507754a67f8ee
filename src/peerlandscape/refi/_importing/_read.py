"""Read a REFI-QDA file as a study: :func:`read_qdpx` (a project), :func:`read_qdc` (a codebook)."""

from __future__ import annotations

import os
from pathlib import Path

import attrs

from peerlandscape._collector import no_cyclic_gc
from peerlandscape.privacy._study_scan import scan_imported
from peerlandscape.refi._importing._importer import (
    ImportResult,
    ProjectImporter,
    codebook_to_study,
)
from peerlandscape.refi._importing._mapping import ImportMapping
from peerlandscape.refi._importing._quotes import Progress
from peerlandscape.refi._importing._reference import Reference
from peerlandscape.refi._parsing import DEFAULT_LIMITS, ReadLimits, read_codebook, read_project

__all__ = ["read_qdc", "read_qdpx"]


def _scanned(result: ImportResult) -> ImportResult:
    findings = scan_imported(result.study)
    return ImportResult(result.study, attrs.evolve(result.report, findings=findings))


def read_qdpx(
    path: str | os.PathLike[str],
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    limits: ReadLimits | None = None,
    progress: Progress | None = None,
    scan_identities: bool = False,
) -> ImportResult:
    """Read a REFI-QDA project (``.qdpx``, or a bare ``.qde``) as a study.

    Parameters
    ----------
    path
        The project file.
    mapping
        How to read it (:class:`ImportMapping`); the defaults read a typical
        export.
    reference
        A framework to match the codes against: a study, ``"engdahl2025"``,
        or the path of a study document; overrides ``mapping.reference``.
    limits
        Resource limits for the archive and the XML (:class:`~peerlandscape.Limits`).
    progress
        Called with ``(done, total)`` selections as they are mapped, for a
        progress bar.
    scan_identities
        Also scan the study for what identifies a person (names, personal
        identity numbers, e-mail addresses, ...), each case's name listed as
        a name, and put the findings in ``report.findings``. It needs the
        ``privacy`` extra; ``docs/privacy.md`` says what it costs.

    Returns
    -------
    ImportResult
        ``(study, report)``: the valid study, and everything it does not hold.

    Raises
    ------
    MissingFileError
        There is no such file (or reference file).
    UnsafeFileError
        The archive or XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable REFI-QDA project.

    Examples
    --------
    >>> import pathlib, shutil, tempfile, zipfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "demo.qdpx", "w") as archive:
    ...     archive.writestr("project.qde", '''<Project xmlns="urn:QDA-XML:project:1.0"
    ...       name="Demo" origin="QualCoder 3.6"><Sources>
    ...       <TextSource guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Interview 1"
    ...                   plainTextPath="internal://9fa9bcb7.txt">
    ...         <PlainTextSelection guid="12365523-1035-4afa-9e7b-281fe0bc51c5"
    ...                             startPosition="0" endPosition="6"/>
    ...       </TextSource></Sources></Project>''')
    ...     archive.writestr("sources/9fa9bcb7.txt", "Hello, world")
    >>> study, report = read_qdpx(folder / "demo.qdpx")
    >>> study.quotes[0].text, study.interviews[0].label
    ('Hello,', 'Interview 1')
    >>> scanned = read_qdpx(folder / "demo.qdpx", scan_identities=True)
    >>> report.findings, scanned.report.findings
    (None, ())
    >>> shutil.rmtree(folder)
    """
    limits = limits if limits is not None else DEFAULT_LIMITS
    with no_cyclic_gc():
        # No local name for the document: the importer frees it before the study
        # is validated (see ProjectImporter).
        importer = ProjectImporter(
            read_project(path, limits=limits), mapping, reference, progress, Path(path).stem
        )
        result = importer.run()
    return _scanned(result) if scan_identities else result


def read_qdc(
    path: str | os.PathLike[str],
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    scan_identities: bool = False,
    limits: ReadLimits | None = None,
) -> ImportResult:
    """Read a REFI-QDA codebook (``.qdc``) as a study holding only the framework.

    The study is named after the file, as a codebook has no name.

    Parameters
    ----------
    path
        The codebook file.
    mapping
        How to read the code tree (:class:`ImportMapping`).
    reference
        A framework to match the codes against; overrides ``mapping.reference``.
    scan_identities
        Also scan the framework's texts for what identifies a person, as
        :func:`read_qdpx` does, into ``report.findings``.
    limits
        Resource limits for the XML (:class:`~peerlandscape.Limits`; ``None``: the
        defaults): its size, its nesting, and how deep its codes nest.

    Returns
    -------
    ImportResult
        ``(study, report)``.

    Raises
    ------
    MissingFileError
        There is no such file.
    UnsafeFileError
        The XML is hostile or too large.
    DocumentError
        The file is not a readable REFI-QDA codebook.

    Examples
    --------
    >>> import pathlib, shutil, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "topics.qdc"
    >>> _ = path.write_text('''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
    ...   <Code guid="{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}" name="Economy" isCodable="true"/>
    ...   </Codes></CodeBook>''')
    >>> study, report = read_qdc(path)
    >>> study.id, [(code.id, code.guid) for code in study.codes]
    ('topics', [('economy', 'd7aa29da-519b-4946-9b90-253b6db8fd0a')])
    >>> shutil.rmtree(path.parent)
    """
    document = read_codebook(path, limits=limits if limits is not None else DEFAULT_LIMITS)
    result = codebook_to_study(document, mapping, reference=reference, name=Path(path).stem)
    return _scanned(result) if scan_identities else result
