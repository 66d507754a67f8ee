"""Write a study's framework as a REFI-QDA codebook (``.qdc``): :func:`write_qdc`."""

from __future__ import annotations

import os
from pathlib import Path

from peerlandscape._exceptions import StudyValidationError
from peerlandscape.models import Study
from peerlandscape.privacy._sharing import FRAMEWORK_KINDS, refuse_identifying_study
from peerlandscape.readwrite._atomic import atomic_file
from peerlandscape.refi._conventions import CODEBOOK_NAMESPACE, origin
from peerlandscape.refi._exporting._clean import Cleaner
from peerlandscape.refi._exporting._framework import build_framework
from peerlandscape.refi._exporting._output import check_study
from peerlandscape.refi._exporting._report import codebook_losses, replaced_entries, study_losses
from peerlandscape.refi._exporting._serialise import write_codebook
from peerlandscape.refi._exporting._xml import XmlWriter
from peerlandscape.refi._ir import CodebookDocument
from peerlandscape.refi._report import ExportReport

__all__ = ["write_qdc"]


def write_qdc(
    study: Study, path: str | os.PathLike[str], *, allow_identifying: bool = False
) -> ExportReport:
    """Write the study's framework as a REFI-QDA codebook (``.qdc``), atomically.

    The framework becomes a code tree (overarching theme > themes >
    sub-themes > candidate themes > codes, with descriptions and colours) in
    the namespace ``urn:QDA-XML:codebook:1.0``, and the level of each code is
    also stated by the Sets ``peerlandscape:overarching-theme``,
    ``peerlandscape:themes``, ``peerlandscape:subthemes`` and
    ``peerlandscape:candidate-themes``. The file validates against the
    official ``Codebook-mrt2019.xsd`` and is the same, byte for byte, for the
    same study.

    Parameters
    ----------
    study
        The study whose framework to write.
    path
        The ``.qdc`` file to create, in an existing folder; a codebook already
        there is replaced only once the new one is complete.
    allow_identifying
        Write it even if a text of the framework (a label, a description)
        identifies a person (see ``docs/privacy.md``).

    Returns
    -------
    ExportReport
        What was written, and what a codebook cannot carry (the study's
        metadata and data, attributions).

    Raises
    ------
    StudyValidationError
        The study has no framework at all: a codebook must hold a code.
    MissingFileError, TypeError, IdentifyingDataError
        As :func:`~peerlandscape.refi.write_qdpx`, for the framework's texts.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import read_codebook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_qdc(pl.datasets.engdahl2025(), pathlib.Path(folder) / "e.qdc")
    ...     book = read_codebook(pathlib.Path(folder) / "e.qdc")
    >>> report.written
    mappingproxy({'codes': 21, 'sets': 4})
    >>> [code.name[:40] for code in book.codes]
    ['Crafting a recipe for progressing the cu']
    >>> sorted(member_set.name for member_set in book.sets)  # doctest: +NORMALIZE_WHITESPACE
    ['peerlandscape:candidate-themes', 'peerlandscape:overarching-theme',
     'peerlandscape:subthemes', 'peerlandscape:themes']
    """
    study = check_study(study, "write_qdc")
    refuse_identifying_study(
        study, where=str(path), allowed=allow_identifying, kinds=FRAMEWORK_KINDS
    )
    cleaner = Cleaner()
    framework = build_framework(study, cleaner)
    if not framework.codes:
        raise StudyValidationError(
            f"study {study.id!r} has no framework (no code, candidate theme, sub-theme, theme "
            "or overarching theme): a REFI-QDA codebook must hold at least one code",
            [
                {
                    "type": "empty_codebook",
                    "loc": (),
                    "msg": "a REFI-QDA codebook must hold at least one code",
                    "input": study.id,
                }
            ],
        )
    with atomic_file(Path(path)) as stream:
        xml = XmlWriter(stream.write)
        document = CodebookDocument(
            origin=origin(),
            namespace=CODEBOOK_NAMESPACE,
            codes=framework.codes,
            sets=framework.level_sets,
        )
        write_codebook(document, xml)
    cleaner.replaced.update(xml.replaced)
    entries = [
        *study_losses(study, "codebook"),
        *codebook_losses(study),
        *replaced_entries(cleaner.replaced),
    ]
    return ExportReport(
        "codebook",
        entries,
        written={"codes": framework.size, "sets": len(framework.level_sets)},
    )
