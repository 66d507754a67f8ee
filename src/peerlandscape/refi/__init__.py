"""Read REFI-QDA files (``.qdpx``, ``.qde``, ``.qdc``) safely.

REFI-QDA is the exchange standard of NVivo, ATLAS.ti, MAXQDA, QualCoder and
Taguette. This package is the low-level reader: it opens archives and XML
without trusting them (see :class:`~peerlandscape.Limits`, also named ``ReadLimits``),
and turns a project or a codebook into plain, frozen objects that mirror the
standard (:class:`ProjectDocument`, :class:`CodebookDocument`). On top of it,
:func:`read_qdpx` and :func:`read_qdc` map those onto a study (guided by an
:class:`ImportMapping`), and :func:`write_qdc` and :func:`write_qdpx` write a
study strictly to the official schemas; each returns a report of what the
other side cannot hold. ``docs/refi.md`` describes the conventions.

The layers are subpackages: ``_parsing`` (a file into the frozen document of
``_ir``), ``_importing`` (a document onto a study) and ``_exporting`` (a
study into a file). What the writer and the reader must agree on is defined
once, in ``_conventions`` and ``_guids``; ``_projection`` states their
contract as a function.

It needs the optional dependency lxml (``pip install 'peerlandscape[refi]'``):
without it, importing this package (or using ``pl.read_qdpx`` and the other
REFI-QDA names of :mod:`peerlandscape.readwrite`) raises
:class:`~peerlandscape.MissingDependencyError`, which says so.

Examples
--------
>>> from peerlandscape.refi import parse_codebook
>>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
...   <Code guid="{5215CC69-B628-4E02-AFB9-9BEEAEE55808}" name="Topics" isCodable="false"/>
... </Codes></CodeBook>''')
>>> book.codes[0].guid, book.codes[0].is_codable
('5215cc69-b628-4e02-afb9-9beeaee55808', False)
"""

from peerlandscape import _optional, _public

# Before any layer: every module that imports lxml is inside this package, and a package
# runs its __init__ before any of its modules, so this one check stands for all of them.
_optional.require("lxml", extra="refi", needed_for="reading and writing REFI-QDA files")

from peerlandscape._limits import Limits
from peerlandscape.refi._exporting import write_qdc, write_qdpx
from peerlandscape.refi._guids import normalize_guid, stable_guid
from peerlandscape.refi._importing import ImportMapping, ImportResult, read_qdc, read_qdpx
from peerlandscape.refi._ir import (
    Case,
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    Note,
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
from peerlandscape.refi._parsing import (
    QdpxArchive,
    ReadLimits,
    parse_codebook,
    parse_project,
    read_codebook,
    read_project,
)
from peerlandscape.refi._positions import PositionConverter, PositionScheme, detect_scheme
from peerlandscape.refi._projection import refi_projection
from peerlandscape.refi._report import ExportReport, ImportReport, ReportEntry

__all__ = [
    "Case",
    "Code",
    "CodebookDocument",
    "Coding",
    "ExportReport",
    "ImportMapping",
    "ImportReport",
    "ImportResult",
    "Limits",
    "MemberSet",
    "Note",
    "PlainTextSelection",
    "PositionConverter",
    "PositionScheme",
    "ProblemCode",
    "ProjectDocument",
    "QdpxArchive",
    "ReadLimits",
    "ReadProblem",
    "ReportEntry",
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
    "read_qdc",
    "read_qdpx",
    "refi_projection",
    "stable_guid",
    "write_qdc",
    "write_qdpx",
]

_public.publish(__name__)
