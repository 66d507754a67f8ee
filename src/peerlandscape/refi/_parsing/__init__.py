"""The bottom layer: a REFI-QDA file read, without trusting it, into a frozen document.

It knows the standard (the classes of :mod:`peerlandscape.refi._ir`), not the study model:

=================  ==============================================================
``_limits``        :class:`ReadLimits`, the resource limits every read is held to
``_archive``       :class:`QdpxArchive`: a ``.qdpx`` opened without extracting it
``_xml``           XML parsed without DTDs, entities or the network; local names
``_elements``      the walk over a document, and what projects and codebooks share
``_project``       ``parse_project``: a ``.qde`` into a ``ProjectDocument``
``_sources``       the ``<Sources>`` of a project: texts, selections, codings
``_bulk``          the selections of a regular text source, read by columns
``_codebook``      ``parse_codebook``: a ``.qdc`` into a ``CodebookDocument``
``_files``         ``read_project``, ``read_codebook``: from a path
``_collector``     the cyclic garbage collector paused while a document is read
=================  ==============================================================
"""

from peerlandscape.refi._parsing._archive import QdpxArchive
from peerlandscape.refi._parsing._codebook import parse_codebook
from peerlandscape.refi._parsing._files import read_codebook, read_project
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._parsing._project import parse_project

__all__ = [
    "DEFAULT_LIMITS",
    "QdpxArchive",
    "ReadLimits",
    "parse_codebook",
    "parse_project",
    "read_codebook",
    "read_project",
]
