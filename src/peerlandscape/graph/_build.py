"""Build a networkx graph from a study, and a study back from such a graph."""

from __future__ import annotations

import copy
import functools
import typing
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import networkx as nx
from pydantic import BaseModel

from peerlandscape._collector import no_cyclic_gc
from peerlandscape._exceptions import DocumentError
from peerlandscape.models import CODING_TARGETS, Kind, Relation, Study, format_ref, parse_ref
from peerlandscape.models._base import Model
from peerlandscape.models._refs import (
    Collection,
    Reference,
    collections_of,
    references_of,
)
from peerlandscape.readwrite._codec import decode_graph_attributes, to_json_value
from peerlandscape.readwrite._json import from_dict

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = ["STUDY_GRAPH_ATTRIBUTE", "from_networkx", "study_edges", "to_networkx"]

STUDY_GRAPH_ATTRIBUTE = "study"
"""Key of ``graph.graph`` holding the study's own fields (title, design, ...)."""


# The collections of the study whose objects become nodes, from the models' own declarations.
_NODE_COLLECTIONS: tuple[Collection, ...] = tuple(
    collection for collection in collections_of(Study) if collection.kind is not None
)
_MODEL_OF: dict[Kind, type[BaseModel]] = {
    collection.kind: collection.model
    for collection in _NODE_COLLECTIONS
    if collection.kind is not None
}
_REQUIRED_NULLABLE: dict[Kind, tuple[str, ...]] = {
    kind: tuple(
        name
        for name, info in model.model_fields.items()
        if info.is_required() and type(None) in typing.get_args(info.annotation)
    )
    for kind, model in _MODEL_OF.items()
}
_GRAPH_EXCLUDED = frozenset(collection.field for collection in collections_of(Study))
_KEY_CODING = "coding:"
_KEY_ATTRIBUTION = "attribution:"
# A coding's edge ends at the element it applies; the element's kind says which field it is.
_CODING_FIELD: dict[Kind, str] = {Kind(name): name for name in CODING_TARGETS}

Edge = tuple[str, str, str, dict[str, Any]]


def _fields(obj: Model) -> list[str]:
    # The declared fields, not __dict__: that also holds cached properties (Study.index) once
    # they have been used, and they are not part of the document.
    return list(type(obj).model_fields)


# The only fields whose values can change in place (dicts, or models holding dicts): these
# are deep-copied into the graph, so that editing the graph cannot edit the frozen study.
# Everything else is immutable and is shared, which keeps to_networkx cheap.
_MUTABLE_FIELDS: dict[Kind, frozenset[str]] = {
    Kind.PARTICIPANT: frozenset({"attributes"}),
    Kind.GROUP: frozenset({"demographics"}),
}


@functools.cache
def _kept_fields(model: type[Model]) -> tuple[str, ...]:
    skip = {reference.field for reference in references_of(model)} | {"id"}
    return tuple(name for name in model.model_fields if name not in skip)


def _node_attributes(kind: Kind, obj: Model) -> dict[str, Any]:
    attributes = {name: getattr(obj, name) for name in _kept_fields(type(obj))}
    for name in _MUTABLE_FIELDS.get(kind, ()):
        attributes[name] = copy.deepcopy(attributes[name])
    attributes["kind"] = kind.value
    if kind is Kind.INTERVIEW:
        # "Who took part is unknown" (None) and "nobody" (no edges) must stay distinct.
        attributes["participants_known"] = getattr(obj, "participants", None) is not None
    return attributes


def _objects(study: Study, collection: Collection) -> tuple[Any, ...]:
    value = getattr(study, collection.field)
    if collection.many:
        return tuple(value)
    return () if value is None else (value,)


def _prefix(kind: Kind) -> str:
    # The "kind:" part of a node id, made once per kind rather than once per edge: these
    # loops run for every reference and every coding. format_ref is the one definition.
    return format_ref(kind, "")


class _NodeIds:
    """The namespaced node id of every object, one string each, made once.

    Every edge names its ends by these same string objects, so that a graph of a
    large study holds each node's id once, not once more for each edge that
    reaches it (60 bytes an edge end, a tenth of the graph).
    """

    def __init__(self, study: Study) -> None:
        self._ids: dict[Kind, dict[str, str]] = {}
        for collection in _NODE_COLLECTIONS:
            kind = collection.kind
            assert kind is not None  # only collections of objects with ids
            prefix = _prefix(kind)
            self._ids[kind] = {obj.id: prefix + obj.id for obj in _objects(study, collection)}

    def of(self, kind: Kind) -> dict[str, str]:
        """Return the node ids of one kind of object, by the objects' own ids."""
        return self._ids.setdefault(kind, {})


def _reference_edges(study: Study, nodes: _NodeIds) -> Iterator[Edge]:
    # One edge per reference that an object with an id holds, as its field declares it.
    for collection in _NODE_COLLECTIONS:
        kind = collection.kind
        assert kind is not None  # only collections of objects with ids
        references = [
            (
                r.field,
                r.many,
                r.incoming,
                None if r.kind is None else (_prefix(r.kind), nodes.of(r.kind)),
                r.relation.value,
            )
            for r in references_of(collection.model)
        ]
        if not references:
            continue
        own = nodes.of(kind)
        for obj in _objects(study, collection):
            node = own[obj.id]
            for field, many, incoming, ids, relation in references:
                value = getattr(obj, field)
                if value is None:
                    continue
                for position, target in enumerate(value) if many else ((None, value),):
                    if ids is None:
                        other = target
                    else:
                        # A valid study's references all resolve; a study made without
                        # validation (model_construct) may not, and still gets its edge.
                        prefix, known = ids
                        other = known.get(target) or prefix + target
                    data: dict[str, Any] = {"relation": relation}
                    # In-edges from many nodes lose their order in node-link and GraphML files;
                    # the position keeps it.
                    if position is not None:
                        data["position"] = position
                    yield (
                        (other, node, relation, data) if incoming else (node, other, relation, data)
                    )
    top = study.overarching_theme
    if top is not None:
        # Every theme serves the one overarching theme: implied by the study, not a field.
        for theme in study.themes:
            yield (
                format_ref(Kind.THEME, theme.id),
                format_ref(Kind.OVERARCHING_THEME, top.id),
                Relation.PART_OF.value,
                {"relation": Relation.PART_OF.value},
            )


_CODING_PREFIX: dict[str, str] = {name: _prefix(Kind(name)) for name in CODING_TARGETS}


def _coding_edges(study: Study, nodes: _NodeIds) -> Iterator[Edge]:
    coded: set[tuple[str, str]] = set()
    quote_prefix, coder_prefix = _prefix(Kind.QUOTE), _prefix(Kind.CODER)
    quotes, coders = nodes.of(Kind.QUOTE), nodes.of(Kind.CODER)
    elements = {name: nodes.of(Kind(name)) for name in CODING_TARGETS}
    codes, code_prefix = elements[Kind.CODE.value], _CODING_PREFIX[Kind.CODE.value]
    coded_as, coded_relation = Relation.CODED_AS.value, Relation.CODED.value
    # Runs once per coding, the largest part of a graph: attributes are read once each, and
    # a code, what most codings apply, is found without building the coding's target.
    for position, coding in enumerate(study.codings):
        quote_id, coder = coding.quote, coding.coder
        quote = quotes.get(quote_id) or quote_prefix + quote_id
        data: dict[str, Any] = {"relation": coded_as, "coder": coder}
        if coding.when is not None:
            data["when"] = coding.when
        if coding.guid is not None:
            data["guid"] = coding.guid
        code = coding.code
        if code is not None:
            target = codes.get(code) or code_prefix + code
        else:
            kind, element = coding.target
            target = elements[kind].get(element) or _CODING_PREFIX[kind] + element
        yield quote, target, f"{_KEY_CODING}{position}", data
        if coder is not None and (coder, quote_id) not in coded:
            coded.add((coder, quote_id))
            yield (
                coders.get(coder) or coder_prefix + coder,
                quote,
                coded_relation,
                {"relation": coded_relation},
            )


def _attribution_edges(study: Study) -> Iterator[Edge]:
    for position, attribution in enumerate(study.attributions):
        for group_position, group in enumerate(attribution.groups):
            yield (
                format_ref(Kind.GROUP, group),
                format_ref(Kind.SUBTHEME, attribution.subtheme),
                f"{_KEY_ATTRIBUTION}{position}",
                {
                    "relation": Relation.STATED_VOICING.value,
                    "evidence": attribution.evidence,
                    "position": group_position,
                },
            )


def study_edges(study: Study) -> Iterator[Edge]:
    """Yield every edge of the study graph as ``(source, target, key, attributes)``.

    Node ids are namespaced (``"quote:q1"``). This is the edge list
    :func:`to_networkx` builds the graph from; it is public so that other tools
    (and the benchmarks) can use exactly the same edges. Each coding's key is
    ``"coding:<position>"`` and each stated attribution's ``"attribution:<position>"``,
    which is how :func:`from_networkx` restores their order.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> next(study_edges(pl.datasets.engdahl2025()))
    ('participant:psw-1', 'group:peer_support_worker', 'member_of', {'relation': 'member_of'})
    """
    yield from _study_edges(study, _NodeIds(study))


def _study_edges(study: Study, nodes: _NodeIds) -> Iterator[Edge]:
    yield from _reference_edges(study, nodes)
    yield from _coding_edges(study, nodes)
    yield from _attribution_edges(study)


def to_networkx(study: Study) -> StudyGraph:
    """Return the study as a plain :class:`networkx.MultiDiGraph`.

    Every object of the study is a node whose id is namespaced by kind
    (``"participant:psw-5"``, ``"subtheme:mitigating-peer-drifting"``), with
    a ``kind`` attribute and the object's own fields as attributes. Every
    reference is an edge with a ``relation`` attribute (see
    :class:`~peerlandscape.graph.Relation`); each coding is its own
    ``coded_as`` edge, so a quote coded by three coders has three parallel
    edges. The study's own fields (title, design, ...) are in
    ``graph.graph["study"]``.

    Parameters
    ----------
    study
        The study to convert.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; changing it does not change the study.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> g = pl.to_networkx(pl.datasets.engdahl2025())
    >>> g.nodes["participant:psw-12"]["label"]
    'Peer support worker 12'
    >>> [t for _, t in g.out_edges("quote:psw-12-continuous-training")]
    ['subtheme:mitigating-peer-drifting']
    >>> sorted({r for _, _, r in g.in_edges("subtheme:mitigating-peer-drifting", data="relation")})
    ['coded_as', 'stated_voicing']
    """
    with no_cyclic_gc():
        return _build_graph(study)


def _build_graph(study: Study) -> StudyGraph:
    graph: StudyGraph = nx.MultiDiGraph()
    graph.graph[STUDY_GRAPH_ATTRIBUTE] = {
        name: copy.deepcopy(getattr(study, name))
        for name in _fields(study)
        if name not in _GRAPH_EXCLUDED
    }
    nodes = _NodeIds(study)
    for collection in _NODE_COLLECTIONS:
        kind = collection.kind
        assert kind is not None  # only collections of objects with ids
        ids = nodes.of(kind)
        graph.add_nodes_from(
            (ids[obj.id], _node_attributes(kind, obj)) for obj in _objects(study, collection)
        )
    # One add_edge per edge rather than add_edges_from: that copies each attribute dict twice
    # and looks the new edge up again through three views, and costs a third more.
    add_edge = graph.add_edge
    for source, target, key, data in _study_edges(study, nodes):
        add_edge(source, target, key, **data)
    return graph


def _order(data: Mapping[str, Any], arrival: int, node: str, end: str) -> int:
    """Return an edge's ``position`` attribute, or ``arrival`` when it has none."""
    position = data.get("position", arrival)
    # A file may hold any value there; sorting text against numbers would fail.
    if isinstance(position, bool) or not isinstance(position, int):
        raise DocumentError(
            f"graph edge between {node!r} and {end!r} has position {position!r}; "
            "expected a whole number"
        )
    return position


def _neighbours(graph: Any, node: str, reference: Reference) -> list[str]:
    if reference.incoming:
        edges = ((u, data) for u, _, data in graph.in_edges(node, data=True))
    else:
        edges = ((v, data) for _, v, data in graph.out_edges(node, data=True))
    ends = [
        (_order(data, arrival, node, end), end)
        for arrival, (end, data) in enumerate(edges)
        if data.get("relation") == reference.relation
    ]
    # Files (node-link, GraphML) list edges by source node, so the order of the edges into a
    # node is lost on the way; the ``position`` attribute restores it.
    ends.sort(key=lambda item: item[0])
    if reference.kind is None:
        return [end for _, end in ends]
    return [object_id for _, end in ends for kind, object_id in (parse_ref(end),)]


def _object_document(
    graph: Any, node: str, attributes: dict[str, Any]
) -> tuple[Kind, dict[str, Any]]:
    try:
        kind, object_id = parse_ref(node)
    except ValueError:
        raise DocumentError(f"graph node {node!r} is not a namespaced peerlandscape id") from None
    data = {key: value for key, value in attributes.items() if key != "kind"}
    data["id"] = object_id
    known_participants = data.pop("participants_known", True)
    for reference in references_of(_MODEL_OF[kind]):
        ends = _neighbours(graph, node, reference)
        if reference.many:
            data[reference.field] = ends
        elif len(ends) > 1:
            raise DocumentError(
                f"graph node {node!r} has {len(ends)} {reference.relation.value!r} edges; "
                "expected one"
            )
        else:
            data[reference.field] = ends[0] if ends else None
    if kind is Kind.INTERVIEW and not known_participants:
        data["participants"] = None
    # GraphML drops None-valued attributes; a field that must be given but may be None
    # (a quote's text when its words are not shared) comes back as None.
    for name in _REQUIRED_NULLABLE[kind]:
        data.setdefault(name, None)
    return kind, data


def _ordered_edge_objects(graph: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    codings: dict[int, dict[str, Any]] = {}
    attributions: dict[int, dict[str, Any]] = {}
    groups: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        relation = data.get("relation")
        if relation == Relation.CODED_AS:
            kind, element = parse_ref(target)
            if kind not in _CODING_FIELD:
                raise DocumentError(
                    f"graph edge {source!r} -> {target!r} ({key!r}) codes a quote with a "
                    f"{kind.value}; a coding applies a code, candidate theme, sub-theme or theme"
                )
            coding = {"quote": parse_ref(source)[1], _CODING_FIELD[kind]: element}
            for name in ("coder", "when", "guid"):
                if data.get(name) is not None:
                    coding[name] = data[name]
            codings[_edge_position(source, target, key, _KEY_CODING)] = coding
        elif relation == Relation.STATED_VOICING:
            position = _edge_position(source, target, key, _KEY_ATTRIBUTION)
            if "evidence" not in data:
                raise DocumentError(
                    f"graph edge {source!r} -> {target!r} ({key!r}) has no 'evidence' attribute"
                )
            attributions.setdefault(
                position,
                {"subtheme": parse_ref(target)[1], "groups": [], "evidence": data["evidence"]},
            )
            groups[position].append(
                (_order(data, len(groups[position]), target, source), parse_ref(source)[1])
            )
    for position, entry in attributions.items():
        entry["groups"] = [group for _, group in sorted(groups[position], key=lambda g: g[0])]
    return (
        [codings[position] for position in sorted(codings)],
        [attributions[position] for position in sorted(attributions)],
    )


def _edge_position(source: str, target: str, key: Any, prefix: str) -> int:
    text = str(key)
    if text.startswith(prefix) and text.removeprefix(prefix).isdigit():
        return int(text.removeprefix(prefix))
    raise DocumentError(
        f"graph edge {source!r} -> {target!r} has key {key!r}; expected '{prefix}<position>'"
    )


def from_networkx(graph: StudyGraph) -> Study:
    """Rebuild a study from a graph made by :func:`to_networkx`.

    Everything :func:`to_networkx` puts in the graph comes back:
    ``from_networkx(to_networkx(study)) == study``. The graph may also have been
    through node-link JSON or GraphML (see :func:`write_graphml`), whose
    encoded attributes are decoded here. The result is validated like any study.

    Raises
    ------
    DocumentError
        If the graph was not made by :func:`to_networkx` (no study attribute,
        unknown node kinds, a reference with two targets).
    StudyValidationError
        If the rebuilt study breaks the schema or referential integrity.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> pl.from_networkx(pl.to_networkx(study)) == study
    True
    """
    if not graph.is_multigraph() or not graph.is_directed():
        raise DocumentError("from_networkx needs the directed multigraph that to_networkx makes")
    graph = decode_graph_attributes(graph)
    if STUDY_GRAPH_ATTRIBUTE not in graph.graph:
        raise DocumentError(
            f"graph has no {STUDY_GRAPH_ATTRIBUTE!r} attribute; was it made by to_networkx?"
        )
    for node in graph.nodes:
        # Checked before any edge is followed, so that an edge to a stray node is reported as
        # the stray node rather than surfacing as a bare ValueError.
        try:
            parse_ref(node)
        except (AttributeError, TypeError, ValueError):
            raise DocumentError(
                f"graph node {node!r} is not a namespaced peerlandscape id"
            ) from None
    fields = graph.graph[STUDY_GRAPH_ATTRIBUTE]
    if not isinstance(fields, Mapping):
        raise DocumentError(
            f"graph attribute {STUDY_GRAPH_ATTRIBUTE!r} is {type(fields).__name__}, not a mapping"
        )
    document: dict[str, Any] = dict(fields)
    collections: dict[Kind, list[dict[str, Any]]] = defaultdict(list)
    for node, attributes in graph.nodes(data=True):
        if parse_ref(node)[0] is Kind.STUDY:
            continue  # the end of a memo's "about the study" edge; the study is graph.graph
        kind, data = _object_document(graph, node, attributes)
        collections[kind].append(data)
    for collection in _NODE_COLLECTIONS:
        assert collection.kind is not None  # only collections of objects with ids
        found = collections.get(collection.kind, [])
        if collection.many:
            document[collection.field] = found
        elif len(found) > 1:
            raise DocumentError(
                f"graph has {len(found)} {collection.kind.value} nodes; a study has at most one"
            )
        else:
            document[collection.field] = found[0] if found else None
    document["codings"], document["attributions"] = _ordered_edge_objects(graph)
    return from_dict(_json_document(document), where="graph")


def _json_document(document: dict[str, Any]) -> Any:
    # Node attributes hold the models' Python values (tuples, enums, attrs values); the study
    # document wants their JSON forms.
    try:
        return to_json_value(document)
    except ValueError as exc:  # values nested deeper than pydantic serialises
        raise DocumentError(f"graph attributes cannot be read as JSON ({exc})") from None
