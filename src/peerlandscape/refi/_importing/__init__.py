"""Import: a parsed REFI-QDA document mapped onto a study, with a report of what it cannot hold.

It sits on the parsing layer (:mod:`peerlandscape.refi._parsing`) and follows
``docs/refi.md`` ("How a project becomes a study"):

===============  ===============================================================
``_read``        ``read_qdpx``, ``read_qdc``: a file read and mapped
``_importer``    ``project_to_study``, ``codebook_to_study``: the parts in order
``_mapping``     :class:`ImportMapping`: how a project becomes a study
``_reference``   the reference framework codes are matched against
``_framework``   the code tree: each code's level, id and place
``_people``      users as coders, cases as participants in groups
``_sources``     text sources as sources, and the interviews
``_quotes``      selections as quotes, codings as codings
``_report``      the entries of the :class:`~peerlandscape.refi.ImportReport`
``_text``        how names and texts from a file are taken
===============  ===============================================================
"""

from peerlandscape.refi._importing._importer import (
    ImportResult,
    codebook_to_study,
    project_to_study,
)
from peerlandscape.refi._importing._mapping import ImportMapping
from peerlandscape.refi._importing._read import read_qdc, read_qdpx
from peerlandscape.refi._importing._reference import resolve_reference

__all__ = [
    "ImportMapping",
    "ImportResult",
    "codebook_to_study",
    "project_to_study",
    "read_qdc",
    "read_qdpx",
    "resolve_reference",
]
