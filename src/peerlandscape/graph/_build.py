"""Build a networkx graph from a study, and a study back from such a graph."""

from __future__ import annotations

import copy
import functools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from peerlandscape._exceptions import DocumentError
from peerlandscape.graph._codec import decode_graph_attributes, to_json_value
from peerlandscape.graph._kinds import NodeKind, split_node_id
from peerlandscape.io import study_from_dict
from peerlandscape.models import Study
from peerlandscape.models._base import Model

if TYPE_CHECKING:
    from peerlandscape.graph._kinds import StudyGraph

__all__ = ["STUDY_GRAPH_ATTRIBUTE", "from_networkx", "study_edges", "to_networkx"]

STUDY_GRAPH_ATTRIBUTE = "study"
"""Key of ``graph.graph`` holding the study's own fields (title, design, ...)."""


class _Reference(NamedTuple):
    field: str
    relation: str
    incoming: bool  # the edge points at this node (participant -said-> quote)
    many: bool  # the field holds a sequence of ids


# The fields of each kind that become edges rather than node attributes.
_REFERENCES: dict[NodeKind, tuple[_Reference, ...]] = {
    NodeKind.PARTICIPANT: (_Reference("group", "member_of", False, False),),
    NodeKind.INTERVIEW: (
        _Reference("stakeholder_group", "interviewed_group", False, False),
        _Reference("region", "held_in", False, False),
        _Reference("participants", "took_part_in", True, True),
    ),
    NodeKind.SOURCE: (_Reference("interview", "transcript_of", False, False),),
    NodeKind.QUOTE: (
        _Reference("participant", "said", True, False),
        _Reference("interview", "from_interview", False, False),
        _Reference("source", "from_source", False, False),
        _Reference("subthemes", "placed_under", False, True),
    ),
    NodeKind.CODE: (
        _Reference("parent", "child_of", False, False),
        _Reference("candidate_theme", "grouped_into", False, False),
        _Reference("subtheme", "placed_under", False, False),
    ),
    NodeKind.CANDIDATE_THEME: (_Reference("subtheme", "developed_into", False, False),),
    NodeKind.SUBTHEME: (_Reference("theme", "part_of", False, False),),
}
_EDGE_FIELDS = {
    kind: frozenset(reference.field for reference in references)
    for kind, references in _REFERENCES.items()
}

_COLLECTIONS: tuple[tuple[str, NodeKind], ...] = (
    ("regions", NodeKind.REGION),
    ("groups", NodeKind.GROUP),
    ("participants", NodeKind.PARTICIPANT),
    ("interviews", NodeKind.INTERVIEW),
    ("sources", NodeKind.SOURCE),
    ("coders", NodeKind.CODER),
    ("overarching_theme", NodeKind.OVERARCHING_THEME),
    ("themes", NodeKind.THEME),
    ("subthemes", NodeKind.SUBTHEME),
    ("candidate_themes", NodeKind.CANDIDATE_THEME),
    ("codes", NodeKind.CODE),
    ("quotes", NodeKind.QUOTE),
)
_GRAPH_EXCLUDED = frozenset({name for name, _ in _COLLECTIONS} | {"codings", "attributions"})
_KEY_CODING = "coding:"
_KEY_ATTRIBUTION = "attribution:"

Edge = tuple[str, str, str, dict[str, Any]]


def _fields(obj: Model) -> list[str]:
    # The declared fields, not __dict__: that also holds cached properties (Study.index) once
    # they have been used, and they are not part of the document.
    return list(type(obj).model_fields)


# The only fields whose values can change in place (dicts, or models holding dicts): these
# are deep-copied into the graph, so that editing the graph cannot edit the frozen study.
# Everything else is immutable and is shared, which keeps to_networkx cheap.
_MUTABLE_FIELDS: dict[NodeKind, frozenset[str]] = {
    NodeKind.PARTICIPANT: frozenset({"attributes"}),
    NodeKind.GROUP: frozenset({"demographics"}),
}


@functools.cache
def _kept_fields(model: type[Model], kind: NodeKind) -> tuple[str, ...]:
    skip = _EDGE_FIELDS.get(kind, frozenset()) | {"id"}
    return tuple(name for name in model.model_fields if name not in skip)


def _node_attributes(kind: NodeKind, obj: Model) -> dict[str, Any]:
    attributes = {name: getattr(obj, name) for name in _kept_fields(type(obj), kind)}
    for name in _MUTABLE_FIELDS.get(kind, ()):
        attributes[name] = copy.deepcopy(attributes[name])
    attributes["kind"] = kind.value
    if kind is NodeKind.INTERVIEW:
        # "Who took part is unknown" (None) and "nobody" (no edges) must stay distinct.
        attributes["participants_known"] = getattr(obj, "participants", None) is not None
    return attributes


def _people_edges(study: Study) -> Iterator[Edge]:
    for p in study.participants:
        yield f"participant:{p.id}", f"group:{p.group}", "member_of", {"relation": "member_of"}
    for i in study.interviews:
        node = f"interview:{i.id}"
        if i.stakeholder_group is not None:
            yield (
                node,
                f"group:{i.stakeholder_group}",
                "interviewed_group",
                {"relation": "interviewed_group"},
            )
        if i.region is not None:
            yield node, f"region:{i.region}", "held_in", {"relation": "held_in"}
        # In-edges from many nodes lose their order in node-link and GraphML files; keep it.
        for position, participant in enumerate(i.participants or ()):
            yield (
                f"participant:{participant}",
                node,
                "took_part_in",
                {"relation": "took_part_in", "position": position},
            )
    for s in study.sources:
        if s.interview is not None:
            yield (
                f"source:{s.id}",
                f"interview:{s.interview}",
                "transcript_of",
                {"relation": "transcript_of"},
            )


def _framework_edges(study: Study) -> Iterator[Edge]:
    top = study.overarching_theme
    if top is not None:
        for t in study.themes:
            yield f"theme:{t.id}", f"overarching_theme:{top.id}", "part_of", {"relation": "part_of"}
    for st in study.subthemes:
        yield f"subtheme:{st.id}", f"theme:{st.theme}", "part_of", {"relation": "part_of"}
    for ct in study.candidate_themes:
        if ct.subtheme is not None:
            yield (
                f"candidate_theme:{ct.id}",
                f"subtheme:{ct.subtheme}",
                "developed_into",
                {"relation": "developed_into"},
            )
    # The integrity check guarantees a code names at most one of these three.
    for c in study.codes:
        node = f"code:{c.id}"
        if c.parent is not None:
            yield node, f"code:{c.parent}", "child_of", {"relation": "child_of"}
        elif c.candidate_theme is not None:
            yield (
                node,
                f"candidate_theme:{c.candidate_theme}",
                "grouped_into",
                {"relation": "grouped_into"},
            )
        elif c.subtheme is not None:
            yield node, f"subtheme:{c.subtheme}", "placed_under", {"relation": "placed_under"}


def _data_edges(study: Study) -> Iterator[Edge]:
    for q in study.quotes:
        node = f"quote:{q.id}"
        if q.participant is not None:
            yield f"participant:{q.participant}", node, "said", {"relation": "said"}
        if q.interview is not None:
            yield node, f"interview:{q.interview}", "from_interview", {"relation": "from_interview"}
        if q.source is not None:
            yield node, f"source:{q.source}", "from_source", {"relation": "from_source"}
        for position, subtheme in enumerate(q.subthemes):
            yield (
                node,
                f"subtheme:{subtheme}",
                "placed_under",
                {"relation": "placed_under", "position": position},
            )
    coded: set[tuple[str, str]] = set()
    for position, coding in enumerate(study.codings):
        quote = f"quote:{coding.quote}"
        yield (
            quote,
            f"code:{coding.code}",
            f"{_KEY_CODING}{position}",
            {"relation": "coded_as", "coder": coding.coder},
        )
        if coding.coder is not None and (coding.coder, coding.quote) not in coded:
            coded.add((coding.coder, coding.quote))
            yield f"coder:{coding.coder}", quote, "coded", {"relation": "coded"}
    for position, attribution in enumerate(study.attributions):
        for group_position, group in enumerate(attribution.groups):
            yield (
                f"group:{group}",
                f"subtheme:{attribution.subtheme}",
                f"{_KEY_ATTRIBUTION}{position}",
                {
                    "relation": "stated_voicing",
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
    yield from _people_edges(study)
    yield from _framework_edges(study)
    yield from _data_edges(study)


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
    ['placed_under', 'stated_voicing']
    """
    graph: StudyGraph = nx.MultiDiGraph()
    graph.graph[STUDY_GRAPH_ATTRIBUTE] = {
        name: copy.deepcopy(getattr(study, name))
        for name in _fields(study)
        if name not in _GRAPH_EXCLUDED
    }
    for field, kind in _COLLECTIONS:
        value = getattr(study, field)
        objects: tuple[Any, ...] = (value,) if isinstance(value, Model) else (value or ())
        graph.add_nodes_from(
            (f"{kind.value}:{obj.id}", _node_attributes(kind, obj)) for obj in objects
        )
    # The stubs know only 2- and 3-tuples; multigraphs take (u, v, key, data) as well.
    graph.add_edges_from(study_edges(study))  # type: ignore[arg-type]
    return graph


def _neighbours(graph: Any, node: str, reference: _Reference) -> list[str]:
    if reference.incoming:
        edges = ((u, data) for u, _, data in graph.in_edges(node, data=True))
    else:
        edges = ((v, data) for _, v, data in graph.out_edges(node, data=True))
    ends = [
        (data.get("position", arrival), end)
        for arrival, (end, data) in enumerate(edges)
        if data.get("relation") == reference.relation
    ]
    # Files (node-link, GraphML) list edges by source node, so the order of the edges into a
    # node is lost on the way; the ``position`` attribute restores it.
    ends.sort(key=lambda item: item[0])
    return [split_node_id(end)[1] for _, end in ends]


def _object_document(
    graph: Any, node: str, attributes: dict[str, Any]
) -> tuple[NodeKind, dict[str, Any]]:
    try:
        kind, object_id = split_node_id(node)
    except ValueError:
        raise DocumentError(f"graph node {node!r} is not a namespaced peerlandscape id") from None
    data = {key: value for key, value in attributes.items() if key != "kind"}
    data["id"] = object_id
    known_participants = data.pop("participants_known", True)
    for reference in _REFERENCES.get(kind, ()):
        ends = _neighbours(graph, node, reference)
        if reference.many:
            data[reference.field] = ends
        elif len(ends) > 1:
            raise DocumentError(
                f"graph node {node!r} has {len(ends)} {reference.relation!r} edges; expected one"
            )
        else:
            data[reference.field] = ends[0] if ends else None
    if kind is NodeKind.INTERVIEW and not known_participants:
        data["participants"] = None
    return kind, data


def _ordered_edge_objects(graph: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    codings: dict[int, dict[str, Any]] = {}
    attributions: dict[int, dict[str, Any]] = {}
    groups: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        relation = data.get("relation")
        if relation == "coded_as":
            codings[_edge_position(source, target, key, _KEY_CODING)] = {
                "quote": split_node_id(source)[1],
                "code": split_node_id(target)[1],
                "coder": data.get("coder"),
            }
        elif relation == "stated_voicing":
            position = _edge_position(source, target, key, _KEY_ATTRIBUTION)
            if "evidence" not in data:
                raise DocumentError(
                    f"graph edge {source!r} -> {target!r} ({key!r}) has no 'evidence' attribute"
                )
            attributions.setdefault(
                position,
                {"subtheme": split_node_id(target)[1], "groups": [], "evidence": data["evidence"]},
            )
            groups[position].append(
                (data.get("position", len(groups[position])), split_node_id(source)[1])
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
            split_node_id(node)
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
    collections: dict[NodeKind, list[dict[str, Any]]] = defaultdict(list)
    for node, attributes in graph.nodes(data=True):
        kind, data = _object_document(graph, node, attributes)
        collections[kind].append(data)
    for field, kind in _COLLECTIONS:
        found = collections.get(kind, [])
        if kind is NodeKind.OVERARCHING_THEME:
            if len(found) > 1:
                raise DocumentError(
                    f"graph has {len(found)} overarching_theme nodes; a study has at most one"
                )
            document[field] = found[0] if found else None
        else:
            document[field] = found
    document["codings"], document["attributions"] = _ordered_edge_objects(graph)
    # Node attributes hold the models' Python values (tuples, enums, attrs values); the study
    # document wants their JSON forms.
    return study_from_dict(to_json_value(document), where="graph")
