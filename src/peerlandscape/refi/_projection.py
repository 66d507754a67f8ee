"""The study as REFI-QDA can carry it: what an export followed by an import gives back.

:func:`refi_projection` states the contract between the writer and the reader
as a function: ``read_qdpx(write_qdpx(study))`` equals ``refi_projection(study)``,
and a study that came out of :func:`~peerlandscape.refi.read_qdpx` is a fixed
point (``refi_projection(study) == study``).

It is computed without files. The study is mapped onto REFI-QDA once, by the
writer's plan (:func:`~peerlandscape.refi._exporting._plan.plan_project`),
which states the export as the :class:`~peerlandscape.refi.ProjectDocument` a
reader gets back; the projection imports that document. The XML in between
is checked apart: the serialiser is the mirror of the parser (a property test
parses what it writes back into the same document), the output validates
against the official XSDs, and the conventions have tests of their own.

What the projection changes, in short:

* objects keep their ids where the importer can recover them; GUIDs are the
  objects' own ``guid`` or ``stable_guid(kind, id)``;
* what REFI-QDA cannot hold is dropped: the study's metadata, regions,
  attributions and notes; group definitions beyond their ids, and groups
  nobody belongs to; participant fields, attributes, aliases and notes;
  interview details beyond label, format and mode, and who took part in an
  interview that has no source; sources without text, a source's language and
  notes; a quote's notes, and a quote whose words are not available and that
  has no span in a source with text (with its codings); a coder's role; what a
  memo is about where REFI-QDA has no NoteRef (a participant, a coder, ...);
* everything else as the reader rebuilds it (see the importer).
"""

from __future__ import annotations

from peerlandscape.models import Study
from peerlandscape.refi._exporting._plan import plan_project
from peerlandscape.refi._importing import project_to_study

__all__ = ["refi_projection"]


def refi_projection(study: Study) -> Study:
    """Return the study as a REFI-QDA export followed by an import gives it back.

    Parameters
    ----------
    study
        Any valid study.

    Returns
    -------
    Study
        ``read_qdpx(write_qdpx(study)).study``, computed without files: ids
        replaced by stable GUIDs (unless already GUIDs), what REFI-QDA
        cannot hold dropped, and the rest as the reader rebuilds it (see the
        module's documentation for the list).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import stable_guid
    >>> study = pl.datasets.engdahl2025()
    >>> projected = refi_projection(study)
    >>> projected.subthemes[0].id == study.subthemes[0].id
    True
    >>> projected.subthemes[0].guid == stable_guid("subtheme", study.subthemes[0].id)
    True
    >>> projected.attributions, projected.groups[0].label
    ((), 'peer_support_worker')
    >>> refi_projection(projected) == projected
    True
    """
    return project_to_study(plan_project(study).document).study
