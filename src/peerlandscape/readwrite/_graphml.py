"""Graph files: node-link JSON and GraphML (both read back), Mermaid and DOT thematic maps."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from peerlandscape._atomic import atomic_write_text
from peerlandscape._exceptions import DocumentError, MissingFileError
from peerlandscape._records import quote_records
from peerlandscape.graph._codec import encode_graph_attributes, to_json_value
from peerlandscape.models import Study

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = [
    "read_graphml",
    "read_node_link",
    "to_dot",
    "to_mermaid",
    "to_node_link",
    "write_graphml",
    "write_node_link",
]


def to_node_link(graph: StudyGraph) -> dict[str, Any]:
    """Return ``graph`` as node-link data with plain JSON values.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> data = pl.graph.to_node_link(pl.to_networkx(pl.datasets.engdahl2025()))
    >>> data["multigraph"], len(data["nodes"]), len(data["edges"])
    (True, 91, 147)
    """
    data = nx.node_link_data(graph, edges="edges")
    result: dict[str, Any] = to_json_value(data)
    return result


def write_node_link(graph: StudyGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as node-link JSON (``networkx.node_link_graph`` reads it back)."""
    text = json.dumps(to_node_link(graph), ensure_ascii=False, indent=1)
    return atomic_write_text(Path(path), text + "\n")


def read_node_link(path: str | os.PathLike[str]) -> StudyGraph:
    """Read a node-link JSON graph written by :func:`write_node_link`.

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If it is not node-link JSON.
    """
    file = Path(path)
    try:
        data = json.loads(file.read_bytes())
        graph: StudyGraph = nx.node_link_graph(  # type: ignore[assignment]
            data, directed=True, multigraph=True, edges="edges"
        )
    except FileNotFoundError:
        raise MissingFileError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{file}: is a directory, not a node-link graph") from None
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
        # AttributeError: networkx calls .get() on whatever JSON value it is given.
        raise DocumentError(f"{file}: not a node-link graph ({exc})") from None
    return graph


def write_graphml(graph: StudyGraph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` as GraphML, for Gephi, Cytoscape, yEd or a Neo4j import.

    GraphML holds scalar attributes only: ``None`` values are left out and
    lists and mappings are stored as JSON text, listed in the graph attribute
    ``peerlandscape_json_attributes`` so that :func:`read_graphml` followed by
    :func:`~peerlandscape.from_networkx` restores them.
    """
    encoded = encode_graph_attributes(graph)
    lines = nx.generate_graphml(encoded, encoding="utf-8", prettyprint=True)
    return atomic_write_text(Path(path), "\n".join(lines) + "\n")


def read_graphml(path: str | os.PathLike[str]) -> StudyGraph:
    """Read a GraphML file into a :class:`networkx.MultiDiGraph`.

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If it is not GraphML.
    """
    file = Path(path)
    if not file.exists():
        raise MissingFileError(f"{file}: no such file")
    if file.is_dir():
        raise DocumentError(f"{file}: is a directory, not a GraphML graph")
    try:
        # force_multigraph makes it a MultiDiGraph for a directed file, as ours are.
        graph: StudyGraph = nx.read_graphml(file, force_multigraph=True)  # type: ignore[assignment]
    except (ParseError, nx.NetworkXError, ValueError, KeyError) as exc:
        raise DocumentError(f"{file}: not a GraphML graph ({exc})") from None
    return graph


def _counts(study: Study) -> dict[str, int]:
    quotes: dict[str, set[str]] = {}
    for record in quote_records(study):
        if record["subtheme"] is not None:
            quotes.setdefault(record["subtheme"], set()).add(record["quote_id"])
    return {subtheme: len(ids) for subtheme, ids in quotes.items()}


def _quotes(count: int) -> str:
    return "1 quote" if count == 1 else f"{count} quotes"


def _mermaid_text(text: str) -> str:
    # Mermaid reads "#name;" as an entity, so "#" itself is escaped first; a label is one line.
    return " ".join(text.replace("#", "#35;").replace('"', "#quot;").split())


def to_mermaid(study: Study, *, quote_counts: bool = True) -> str:
    """Return the thematic map (overarching theme, themes, sub-themes) as a Mermaid flowchart.

    Parameters
    ----------
    study
        The study whose framework to draw.
    quote_counts
        Add the number of quotes linked to each sub-theme to its box.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> print(pl.graph.to_mermaid(pl.datasets.engdahl2025()).splitlines()[0])
    flowchart LR
    """
    counts = _counts(study) if quote_counts else {}
    lines = ["flowchart LR"]
    names: dict[str, str] = {}

    def box(key: str, label: str) -> str:
        names[key] = f"n{len(names)}"
        return f'    {names[key]}["{_mermaid_text(label)}"]'

    top = study.overarching_theme
    if top is not None:
        lines.append(box(f"overarching_theme:{top.id}", top.label))
    for theme in study.themes:
        lines.append(box(f"theme:{theme.id}", theme.label))
        if top is not None:
            lines.append(
                f"    {names[f'overarching_theme:{top.id}']} --> {names[f'theme:{theme.id}']}"
            )
    for subtheme in study.subthemes:
        label = subtheme.label
        if quote_counts:
            label = f"{label} ({_quotes(counts.get(subtheme.id, 0))})"
        lines.append(box(f"subtheme:{subtheme.id}", label))
        lines.append(
            f"    {names[f'theme:{subtheme.theme}']} --> {names[f'subtheme:{subtheme.id}']}"
        )
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_dot(study: Study, *, quote_counts: bool = True) -> str:
    """Return the thematic map as Graphviz DOT (``dot -Tsvg`` draws it).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> dot = pl.graph.to_dot(pl.datasets.engdahl2025())
    >>> dot.splitlines()[0], '"theme:scaling-up-peer-support"' in dot
    ('digraph thematic_map {', True)
    """
    counts = _counts(study) if quote_counts else {}
    lines = ["digraph thematic_map {", "    rankdir=LR;", "    node [shape=box, style=rounded];"]
    top = study.overarching_theme
    if top is not None:
        lines.append(
            f'    "overarching_theme:{top.id}" [label="{_dot_text(top.label)}", style=bold];'
        )
    for theme in study.themes:
        lines.append(f'    "theme:{theme.id}" [label="{_dot_text(theme.label)}"];')
        if top is not None:
            lines.append(f'    "overarching_theme:{top.id}" -> "theme:{theme.id}";')
    for subtheme in study.subthemes:
        # Escape the label before adding the line break, whose backslash must stay single.
        label = _dot_text(subtheme.label)
        if quote_counts:
            label = f"{label}\\n{_quotes(counts.get(subtheme.id, 0))}"
        lines.append(f'    "subtheme:{subtheme.id}" [label="{label}"];')
        lines.append(f'    "theme:{subtheme.theme}" -> "subtheme:{subtheme.id}";')
    lines.append("}")
    return "\n".join(lines) + "\n"
