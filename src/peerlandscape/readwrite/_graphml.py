"""GraphML: the study graph for Gephi, Cytoscape, yEd or a Neo4j import, and read back."""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import ParseError

import networkx as nx

from peerlandscape._exceptions import DocumentError
from peerlandscape._input import check_declared_encoding, read_limited
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape.privacy._sharing import refuse_identifying_graph
from peerlandscape.readwrite._atomic import atomic_write_text
from peerlandscape.readwrite._codec import encode_graph_attributes

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = ["read_graphml", "write_graphml"]


def write_graphml(
    graph: StudyGraph, path: str | os.PathLike[str], *, allow_identifying: bool = False
) -> Path:
    """Write ``graph`` as GraphML, for Gephi, Cytoscape, yEd or a Neo4j import.

    GraphML holds scalar attributes only: ``None`` values are left out and
    lists and mappings are stored as JSON text, listed in the graph attribute
    ``peerlandscape_json_attributes`` so that :func:`read_graphml` followed by
    :func:`~peerlandscape.from_networkx` restores them. The file is written
    atomically.

    Parameters
    ----------
    graph
        A study graph, as :func:`~peerlandscape.to_networkx` returns it.
    path
        The ``.graphml`` file to create or replace, in an existing folder.
    allow_identifying
        Write it even if its texts identify a person (see ``docs/privacy.md``).

    Returns
    -------
    Path
        The GraphML file, which yEd, Gephi or :func:`read_graphml` can open.

    Raises
    ------
    IdentifyingDataError
        If a text of the graph, or the id of a participant or coder in it,
        identifies a person; nothing is written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import peerlandscape as pl
    >>> graph = pl.to_networkx(pl.datasets.engdahl2025())
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pl.write_graphml(graph, pathlib.Path(folder) / "s.graphml")
    ...     pl.from_networkx(pl.read_graphml(path)) == pl.from_networkx(graph)
    True
    """
    refuse_identifying_graph(graph, where=str(path), allowed=allow_identifying)
    encoded = encode_graph_attributes(graph)
    lines = nx.generate_graphml(encoded, encoding="utf-8", prettyprint=True)
    return atomic_write_text(Path(path), "\n".join(lines) + "\n")


def read_graphml(path: str | os.PathLike[str], *, limits: Limits | None = None) -> StudyGraph:
    """Read a GraphML file into a :class:`networkx.MultiDiGraph`.

    Attributes :func:`write_graphml` stored as JSON text stay text here;
    :func:`~peerlandscape.from_networkx` decodes them.

    Parameters
    ----------
    path
        A GraphML file, written by :func:`write_graphml` or by another tool.
    limits
        How much may be read, as for every reader (:mod:`peerlandscape.readwrite`).

    Returns
    -------
    networkx.MultiDiGraph
        The graph, directed and with parallel edges, its JSON-text attributes
        still text.

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If it is a folder, or not GraphML, or it declares a single-byte
        encoding (ISO-8859-1) while its bytes are UTF-8.
    UnsafeFileError
        If it is larger than ``limits.max_document_bytes``.
    """
    file = Path(path)
    limit = (limits or DEFAULT_LIMITS).max_document_bytes
    raw = read_limited(file, limit=limit, limit_name="max_document_bytes", what="a GraphML graph")
    check_declared_encoding(raw, name=str(file))
    try:
        with warnings.catch_warnings():
            # networkx warns of a value under a key the file never declares, and reads it as
            # text; GraphML requires every key to be declared, so that is no GraphML graph.
            warnings.simplefilter("error", UserWarning)
            # force_multigraph makes it a MultiDiGraph for a directed file, as ours are.
            graph: StudyGraph = nx.read_graphml(io.BytesIO(raw), force_multigraph=True)  # type: ignore[assignment]
    # LookupError: an XML declaration naming an encoding Python does not know.
    except (ParseError, nx.NetworkXError, ValueError, KeyError, UserWarning, LookupError) as exc:
        raise DocumentError(f"{file}: not a GraphML graph ({exc})") from None
    return graph
