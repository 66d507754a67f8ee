"""Plain values for graph attributes, and the encoding GraphML needs.

Graph attributes hold the models' Python values. JSON and GraphML want plain
values: :func:`to_json_value` gives the JSON form, and
:func:`encode_graph_attributes` goes further for GraphML, which holds only
scalars: it drops ``None`` and stores lists and mappings as JSON text,
recording which attributes it encoded so :func:`decode_graph_attributes` can
undo it. Strings that XML cannot carry as they are (control characters,
U+FFFE, U+FFFF, and carriage returns, which XML parsers turn into line feeds)
are stored as JSON text too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs
import networkx as nx
from pydantic_core import to_jsonable_python

from peerlandscape._exceptions import DocumentError

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
    # pydantic's own JSON conversion (tuples, enums, dates, models); attrs values by hand.
    return to_jsonable_python(value, fallback=_attrs_value)


def _attrs_value(value: Any) -> Any:
    if attrs.has(type(value)):
        return to_json_value(attrs.asdict(value))
    raise TypeError(f"cannot represent {type(value).__name__} value {value!r} in JSON")


# Characters outside XML 1.0's Char production, plus "\r", which XML parsers normalise to "\n".
_NOT_XML_TEXT = re.compile("[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _plain(attributes: dict[str, Any], scope: str, encoded: set[str]) -> dict[str, Any]:
    plain: dict[str, Any] = {}
    for key, raw in attributes.items():
        value = to_json_value(raw)
        if value is None:
            continue
        if isinstance(value, list | dict) or (
            isinstance(value, str) and _NOT_XML_TEXT.search(value)
        ):
            encoded.add(f"{scope}.{key}")
        plain[key] = value
    return plain


def _json_text(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    # JSON escapes control characters but not U+FFFE and U+FFFF; escaping everything does.
    return json.dumps(value) if _NOT_XML_TEXT.search(text) else text


def _encode(plain: dict[str, Any], scope: str, encoded: set[str]) -> dict[str, Any]:
    # The marker is per attribute name, so once one value of a name needs JSON text, every
    # value of that name is stored as JSON text.
    return {
        key: _json_text(value) if f"{scope}.{key}" in encoded else value
        for key, value in plain.items()
    }


def encode_graph_attributes(graph: StudyGraph) -> StudyGraph:
    """Return a copy of ``graph`` whose attributes are all GraphML scalars."""
    encoded: set[str] = set()
    graph_data = _plain(graph.graph, "graph", encoded)
    nodes = [(node, _plain(data, "node", encoded)) for node, data in graph.nodes(data=True)]
    edges = [
        (u, v, key, _plain(data, "edge", encoded))
        for u, v, key, data in graph.edges(keys=True, data=True)
    ]
    result: StudyGraph = nx.MultiDiGraph()
    result.graph.update(_encode(graph_data, "graph", encoded))
    result.add_nodes_from((node, _encode(data, "node", encoded)) for node, data in nodes)
    # The stubs omit the (u, v, key, data) tuples that multigraphs accept.
    result.add_edges_from(
        (u, v, key, _encode(data, "edge", encoded))  # type: ignore[misc]
        for u, v, key, data in edges
    )
    result.graph[ENCODED_ATTRIBUTE] = ",".join(sorted(encoded))
    return result


def _decode(attributes: dict[str, Any], scope: str, encoded: set[str]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for key, value in attributes.items():
        if f"{scope}.{key}" in encoded and isinstance(value, str):
            try:
                decoded[key] = json.loads(value)
            except (ValueError, RecursionError):  # RecursionError: nested too deep
                raise DocumentError(
                    f"{scope} attribute {key!r} should hold JSON text, not {value!r}"
                ) from None
        else:
            decoded[key] = value
    return decoded


def decode_graph_attributes(graph: Any) -> Any:
    """Undo :func:`encode_graph_attributes`; a graph without the marker is returned as is."""
    if not isinstance(graph.graph, Mapping):  # node-link JSON may give "graph": null
        raise DocumentError(
            f"graph attributes are {type(graph.graph).__name__}, not a mapping; "
            "was it made by to_networkx?"
        )
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
