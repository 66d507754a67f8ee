"""Reading and writing studies: every file format in one place, one module per format.

Named as networkx names its own: ``read_<format>`` and ``write_<format>``
take a path, ``parse_<format>`` takes the text of a document and
``generate_<format>`` returns one; :func:`from_dict` builds a study from an
already-decoded JSON document. Each name is also at the top level
(``pl.read_graphml``, ``pl.generate_mermaid``, ...).

============  =======================================================================
format        names
============  =======================================================================
JSON study    :func:`read_json`, :func:`write_json`, :func:`parse_json`,
              :func:`from_dict`, :func:`json_schema`; older versions are migrated
              on reading (:func:`identify_version`, :func:`migrate`)
GraphML       :func:`read_graphml`, :func:`write_graphml` (the study graph)
node-link     :func:`read_node_link`, :func:`write_node_link`,
              :func:`generate_node_link` (the study graph, as networkx's JSON)
Mermaid       :func:`generate_mermaid` (the thematic map)
DOT           :func:`generate_dot` (the thematic map, for Graphviz)
REFI-QDA      :func:`read_qdpx`, :func:`write_qdpx`, :func:`read_qdc`, :func:`write_qdc`,
              from :mod:`peerlandscape.refi`, which holds the rest of that standard
table         :func:`read_table`, :func:`write_table`, :func:`parse_table` (a spreadsheet
              of coded quotes, CSV or XLSX, with the report of the rows it could not
              use: :class:`TableImport`, :class:`TableReport`, :class:`RowProblem`)
============  =======================================================================

Every reader takes ``limits`` (a :class:`~peerlandscape.Limits`; ``None``
for the defaults): a file longer than ``limits.max_document_bytes`` is
refused before it is read, or, from a pipe, as soon as it passes the limit.

Every function that writes or draws for others (``write_graphml``,
``write_node_link``, ``write_table``, ``generate_mermaid``, ``generate_dot``
and the REFI-QDA writers) takes ``allow_identifying``, ``False`` by default:
unless it is ``True``, a text it would give out that identifies a person (a
name, a personal identity number, an e-mail address, ...; see
``docs/privacy.md``) raises :class:`~peerlandscape.IdentifyingDataError`, and
nothing is written or returned. Each says which of its texts are checked.

Each format loads what it needs when first used: networkx for the graph
formats, lxml for REFI-QDA, pandas and openpyxl for XLSX workbooks. A missing
optional dependency raises :class:`~peerlandscape.MissingDependencyError`, which
names the extra to install.

Examples
--------
>>> import peerlandscape as pl
>>> study = pl.datasets.engdahl2025()
>>> pl.parse_json(study.model_dump_json()) == study
True
>>> pl.generate_mermaid(study).splitlines()[0], pl.generate_dot(study).splitlines()[0]
('flowchart LR', 'digraph thematic_map {')
"""

import typing as _typing

from peerlandscape import _public

if _typing.TYPE_CHECKING:
    # What type checkers and IDEs see of the names below, and what _public.lazy reads to load
    # each of them when first used.
    from peerlandscape.readwrite._dot import generate_dot
    from peerlandscape.readwrite._graphml import read_graphml, write_graphml
    from peerlandscape.readwrite._json import (
        from_dict,
        json_schema,
        parse_json,
        read_json,
        write_json,
    )
    from peerlandscape.readwrite._mermaid import generate_mermaid
    from peerlandscape.readwrite._migrate import identify_version, migrate
    from peerlandscape.readwrite._node_link import (
        generate_node_link,
        read_node_link,
        write_node_link,
    )
    from peerlandscape.readwrite._table import (
        RowProblem,
        TableImport,
        TableReport,
        parse_table,
        read_table,
        write_table,
    )
    from peerlandscape.refi import read_qdc, read_qdpx, write_qdc, write_qdpx

__all__ = [
    "RowProblem",
    "TableImport",
    "TableReport",
    "from_dict",
    "generate_dot",
    "generate_mermaid",
    "generate_node_link",
    "identify_version",
    "json_schema",
    "migrate",
    "parse_json",
    "parse_table",
    "read_graphml",
    "read_json",
    "read_node_link",
    "read_qdc",
    "read_qdpx",
    "read_table",
    "write_graphml",
    "write_json",
    "write_node_link",
    "write_qdc",
    "write_qdpx",
    "write_table",
]

if not _typing.TYPE_CHECKING:
    # Importing this package costs nothing: the JSON formats build the models, the graph
    # formats import networkx, REFI-QDA imports lxml, each when one of its names is first used,
    # as the imports under TYPE_CHECKING above name them.
    __getattr__, __dir__ = _public.lazy(__name__)

_public.publish(__name__)
