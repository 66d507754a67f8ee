"""Plain values for graph attributes, and the encoding GraphML needs.

Graph attributes hold the models' Python values. JSON and GraphML want plain
values: :func:`to_json_value` gives the JSON form, and
:func:`encode_graph_attributes` goes further for GraphML, which holds only
scalars: it drops ``None`` and stores lists and mappings as JSON text,
recording which attributes it encoded so :func:`decode_graph_attributes` can
undo it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import json
from collections.abc import Mapping
from enum import Enum
from typing import Any

import attrs
import networkx as nx

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = [
    "ENCODED_ATTRIBUTE",
    "decode_graph_attributes",
    "encode_graph_attributes",
    "to_json_value",
]

ENCODED_ATTRIBUTE = "peerlandscape_json_attributes"
"""Graph attribute listing the attributes stored as JSON text, as ``scope.name`` entries."""


def to_json_value(value: Any) -> Any:
    """Return ``value`` with tuples, enums and attrs values turned into JSON types.

    Examples
    --------
    >>> from peerlandscape.models import Span
    >>> to_json_value({"span": Span(1, 4), "tags": ("a", "b")})
    {'span': {'start': 1, 'end': 4}, 'tags': ['a', 'b']}
    """
    if isinstance(value, str | int | float | bool) or value is None:
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Mapping):
        return {str(key): to_json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_value(item) for item in value]
    if attrs.has(type(value)):
        return to_json_value(attrs.asdict(value))
    if isinstance(value, Enum):
        return to_json_value(value.value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    raise TypeError(f"cannot represent {type(value).__name__} value {value!r} in JSON")


def _encode(attributes: dict[str, Any], scope: str, encoded: set[str]) -> dict[str, Any]:
    plain: dict[str, Any] = {}
    for key, raw in attributes.items():
        value = to_json_value(raw)
        if value is None:
            continue
        if isinstance(value, list | dict):
            encoded.add(f"{scope}.{key}")
            plain[key] = json.dumps(value, ensure_ascii=False)
        else:
            plain[key] = value
    return plain


def encode_graph_attributes(graph: StudyGraph) -> StudyGraph:
    """Return a copy of ``graph`` whose attributes are all GraphML scalars."""
    encoded: set[str] = set()
    result: StudyGraph = nx.MultiDiGraph()
    result.graph.update(_encode(graph.graph, "graph", encoded))
    result.add_nodes_from(
        (node, _encode(data, "node", encoded)) for node, data in graph.nodes(data=True)
    )
    # The stubs omit the (u, v, key, data) tuples that multigraphs accept.
    result.add_edges_from(
        (u, v, key, _encode(data, "edge", encoded))  # type: ignore[misc]
        for u, v, key, data in graph.edges(keys=True, data=True)
    )
    result.graph[ENCODED_ATTRIBUTE] = ",".join(sorted(encoded))
    return result


def _decode(attributes: dict[str, Any], scope: str, encoded: set[str]) -> dict[str, Any]:
    return {
        key: json.loads(value) if f"{scope}.{key}" in encoded and isinstance(value, str) else value
        for key, value in attributes.items()
    }


def decode_graph_attributes(graph: Any) -> Any:
    """Undo :func:`encode_graph_attributes`; a graph without the marker is returned as is."""
    marker = graph.graph.get(ENCODED_ATTRIBUTE)
    if marker is None:
        return graph
    encoded = set(filter(None, str(marker).split(",")))
    result = graph.__class__()
    graph_attributes = dict(graph.graph)
    del graph_attributes[ENCODED_ATTRIBUTE]
    result.graph.update(_decode(graph_attributes, "graph", encoded))
    result.add_nodes_from(
        (node, _decode(data, "node", encoded)) for node, data in graph.nodes(data=True)
    )
    if graph.is_multigraph():
        result.add_edges_from(
            (u, v, key, _decode(data, "edge", encoded))
            for u, v, key, data in graph.edges(keys=True, data=True)
        )
    else:
        result.add_edges_from(
            (u, v, _decode(data, "edge", encoded)) for u, v, data in graph.edges(data=True)
        )
    return result
