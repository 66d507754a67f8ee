"""Read REFI-QDA files (``.qdpx``, ``.qde``, ``.qdc``) safely.

REFI-QDA is the exchange standard of NVivo, ATLAS.ti, MAXQDA, QualCoder and
Taguette. This package is the low-level reader: it opens archives and XML
without trusting them (see :class:`ReadLimits`), and turns a project or a
codebook into plain, frozen objects that mirror the standard
(:class:`ProjectDocument`, :class:`CodebookDocument`). It does not map them to
the study model.

It needs the optional dependency lxml (``pip install peerlandscape[refi]``).

Examples
--------
>>> from peerlandscape.refi import parse_codebook
>>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
...   <Code guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}" name="Topics" isCodable="false"/>
... </Codes></CodeBook>''')
>>> book.codes[0].guid, book.codes[0].is_codable
('5215cc69-b628-4e02-afb9-9beeaee55808', False)
"""

from peerlandscape.refi._archive import QdpxArchive
from peerlandscape.refi._document import parse_codebook, parse_project, read_codebook, read_project
from peerlandscape.refi._guids import normalize_guid, stable_guid
from peerlandscape.refi._ir import (
    Case,
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    PlainTextSelection,
    ProblemCode,
    ProjectDocument,
    ReadProblem,
    TextSource,
    UnmodelledElement,
    User,
    Variable,
    VariableValue,
)
from peerlandscape.refi._limits import ReadLimits
from peerlandscape.refi._positions import PositionConverter, PositionScheme, detect_scheme

__all__ = [
    "Case",
    "Code",
    "CodebookDocument",
    "Coding",
    "MemberSet",
    "PlainTextSelection",
    "PositionConverter",
    "PositionScheme",
    "ProblemCode",
    "ProjectDocument",
    "QdpxArchive",
    "ReadLimits",
    "ReadProblem",
    "TextSource",
    "UnmodelledElement",
    "User",
    "Variable",
    "VariableValue",
    "detect_scheme",
    "normalize_guid",
    "parse_codebook",
    "parse_project",
    "read_codebook",
    "read_project",
    "stable_guid",
]
