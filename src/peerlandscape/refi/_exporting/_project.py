"""Write a study as a REFI-QDA project (``.qdpx``): :func:`write_qdpx`.

The archive holds ``project.qde`` and the plain texts of its sources,
``sources/<guid>.txt``, its members sorted by name. The study is mapped onto
a project document first (:func:`~._plan.plan_project`), which is then
serialised with its texts (:func:`~._serialise.write_archive`), the mirror of
:func:`~peerlandscape.refi.read_project`, in the order of the official
``Project-mrt2019.xsd``: users, the codebook, variables, cases, sources,
notes, Sets, the project's note references.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from peerlandscape.models import Study
from peerlandscape.privacy._sharing import refuse_identifying_study
from peerlandscape.readwrite._atomic import atomic_file
from peerlandscape.refi._exporting._output import check_study
from peerlandscape.refi._exporting._plan import plan_project
from peerlandscape.refi._exporting._report import replaced_entries
from peerlandscape.refi._exporting._serialise import write_archive
from peerlandscape.refi._report import ExportReport

__all__ = ["write_qdpx"]


def write_qdpx(
    study: Study, path: str | os.PathLike[str], *, allow_identifying: bool = False
) -> ExportReport:
    """Write the study as a REFI-QDA project (``.qdpx``), atomically.

    The archive holds ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``,
    valid against the official ``Project-mrt2019.xsd``) and the plain texts
    of its sources as ``sources/<guid>.txt`` (UTF-8). Coders are Users, the
    framework is the CodeBook, participants are Cases with the
    ``Stakeholder group`` variable, sources with text are TextSources and
    quotes their selections (positions in code points), each coding a
    ``<Coding>`` with its coder and time; quotes with no source text go into
    one container source per interview. Memos are Notes, referred to by what
    they are about. Sets state the levels of the framework, the containers
    and each interview (its sources, label, format and mode).
    The archive is the same, byte for byte, for the same study.

    Parameters
    ----------
    study
        The study to write.
    path
        The ``.qdpx`` archive to create, in an existing folder; a project
        already there is replaced only once the new archive is complete.
    allow_identifying
        Write it even if a free text of the study identifies a person (see
        ``docs/privacy.md``).

    Returns
    -------
    ExportReport
        What was written, and what REFI-QDA cannot carry (study metadata,
        group definitions and demographics, interview details, attributions,
        notes, ...), located.

    Raises
    ------
    MissingFileError
        The destination folder does not exist.
    TypeError
        ``study`` is not a :class:`~peerlandscape.models.Study`.
    IdentifyingDataError
        A free text of the study identifies a person, even one a project
        cannot carry; nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import read_project
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_qdpx(pl.datasets.engdahl2025(), pathlib.Path(folder) / "e.qdpx")
    ...     project = read_project(pathlib.Path(folder) / "e.qdpx")
    >>> report.summary()  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
    'project: wrote 1 user, 21 codes, 1 variable, 30 cases, 6 containers, 16 selections,
     17 codings, 22 sets; not carried: ... items in ... entries'
    >>> len(project.cases), sum(len(s.selections) for s in project.text_sources)
    (30, 16)
    >>> report.counts()["group_demographics"]
    19
    >>> report.to_records()[0]  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'study_metadata', 'location': 'study:engdahl2025', 'count': 1,
     'message': "id 'engdahl2025' is not carried: REFI-QDA has no place for a study's metadata"}
    """
    study = check_study(study, "write_qdpx")
    refuse_identifying_study(study, where=str(path), allowed=allow_identifying)
    plan = plan_project(study)
    document = plan.document
    replaced = plan.replaced.copy()
    with atomic_file(Path(path)) as stream, zipfile.ZipFile(stream, "w") as archive:
        leftover = write_archive(document, archive)
    # The plan cleaned every text; the serialiser finds nothing left to replace.
    for guid, count in leftover.items():
        replaced[plan.locations.get(guid, guid)] += count
    entries = [*plan.entries, *replaced_entries(replaced)]
    written = {kind: count for kind, count in plan.written.items() if count}
    return ExportReport("project", entries, written=written)
