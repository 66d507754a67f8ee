"""Node-link JSON: the study graph as networkx's own JSON form, written and read back."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from peerlandscape._exceptions import DocumentError
from peerlandscape._input import decode_json, read_limited
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape.privacy._sharing import refuse_identifying_graph
from peerlandscape.readwrite._atomic import atomic_write_text
from peerlandscape.readwrite._codec import to_json_value

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = ["generate_node_link", "read_node_link", "write_node_link"]


def generate_node_link(graph: StudyGraph) -> dict[str, Any]:
    """Return ``graph`` as node-link data with plain JSON values.

    Parameters
    ----------
    graph
        A study graph, as :func:`~peerlandscape.to_networkx` returns it.

    Returns
    -------
    dict
        What :func:`networkx.node_link_data` gives (edges under ``"edges"``),
        with tuples, enums and small values turned into JSON types, ready
        for :func:`json.dumps`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> data = pl.generate_node_link(pl.to_networkx(pl.datasets.engdahl2025()))
    >>> data["multigraph"], len(data["nodes"]), len(data["edges"])
    (True, 91, 147)
    """
    data = nx.node_link_data(graph, edges="edges")
    result: dict[str, Any] = to_json_value(data)
    return result


def write_node_link(
    graph: StudyGraph, path: str | os.PathLike[str], *, allow_identifying: bool = False
) -> Path:
    """Write ``graph`` as node-link JSON, atomically.

    :func:`networkx.node_link_graph` (with ``edges="edges"``) and
    :func:`read_node_link` read it back, lists and mappings as they were.

    Parameters
    ----------
    graph
        A study graph, as :func:`~peerlandscape.to_networkx` returns it.
    path
        The JSON file to create or replace, in an existing folder.
    allow_identifying
        Write it even if its texts identify a person (see ``docs/privacy.md``).

    Returns
    -------
    Path
        The node-link file, ready for D3.js, :func:`read_node_link` or
        :func:`networkx.node_link_graph`.

    Raises
    ------
    IdentifyingDataError
        If a text of the graph identifies a person; nothing is written.

    Examples
    --------
    >>> import json, pathlib, tempfile
    >>> import peerlandscape as pl
    >>> graph = pl.to_networkx(pl.datasets.engdahl2025())
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pl.write_node_link(graph, pathlib.Path(folder) / "s.json")
    ...     data = json.loads(path.read_text(encoding="utf-8"))
    ...     again = pl.from_networkx(pl.read_node_link(path))
    >>> sorted(data), again == pl.from_networkx(graph)
    (['directed', 'edges', 'graph', 'multigraph', 'nodes'], True)
    """
    refuse_identifying_graph(graph, where=str(path), allowed=allow_identifying)
    text = json.dumps(generate_node_link(graph), ensure_ascii=False, indent=1)
    return atomic_write_text(Path(path), text + "\n")


def read_node_link(path: str | os.PathLike[str], *, limits: Limits | None = None) -> StudyGraph:
    """Read a node-link JSON graph written by :func:`write_node_link`.

    Parameters
    ----------
    path
        A node-link JSON file.
    limits
        How much may be read, as for every reader (:mod:`peerlandscape.readwrite`).

    Returns
    -------
    networkx.MultiDiGraph
        The graph, directed and with parallel edges, its lists and mappings
        as they were written.

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If it is not node-link JSON, or an object in it gives a key twice.
    UnsafeFileError
        If it is larger than ``limits.max_document_bytes``.
    """
    file = Path(path)
    limit = (limits or DEFAULT_LIMITS).max_document_bytes
    raw = read_limited(file, limit=limit, limit_name="max_document_bytes", what="a node-link graph")
    data = decode_json(raw, where=f"{file}: not a node-link graph")
    try:
        graph: StudyGraph = nx.node_link_graph(  # type: ignore[assignment]
            data, directed=True, multigraph=True, edges="edges"
        )
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
        # AttributeError: networkx calls .get() on whatever JSON value it is given.
        raise DocumentError(f"{file}: not a node-link graph ({exc})") from None
    return graph
