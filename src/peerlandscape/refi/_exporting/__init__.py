"""Export: a study written strictly, as a REFI-QDA codebook or project, with a report.

The writer follows the conventions of ``docs/refi.md`` ("How a study is
written", stated once in :mod:`peerlandscape.refi._conventions` and
:mod:`peerlandscape.refi._guids`), which the importer depends on. Documents
validate against the official ``Project-mrt2019.xsd`` and
``Codebook-mrt2019.xsd`` and are deterministic: the same study gives the same
bytes (no timestamps, fixed zip metadata, sorted members).

===============  ===============================================================
``_codebook``    ``write_qdc``: the framework as a ``.qdc``
``_project``     ``write_qdpx``: the study as a ``.qdpx``, from its plan
``_plan``        what a project holds, decided before writing: GUIDs, containers
``_framework``   the framework as a code tree of ``<Code>`` elements
``_sets``        the Sets of the levels, the containers and the interviews
``_xml``         escaping, and the streaming serialiser every value goes through
``_output``      the study checked; deterministic archive members
``_report``      the entries of the :class:`~peerlandscape.refi.ExportReport`
===============  ===============================================================
"""

from peerlandscape.refi._exporting._codebook import write_qdc
from peerlandscape.refi._exporting._project import write_qdpx

__all__ = ["write_qdc", "write_qdpx"]
