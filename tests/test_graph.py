"""Specification of the study graph: ``to_networkx`` and ``from_networkx``."""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape import Kind, Relation, format_ref, parse_ref
from peerlandscape.graph import STUDY_GRAPH_ATTRIBUTE, study_edges
from strategies import FAST, studies


def every_relation_study() -> pl.Study:
    """A small study built so that every relation of the graph occurs at least once.

    Lists held as edges are deliberately out of study order (interview ``i1`` lists ``p2``
    before ``p1``, ``q1`` is placed under ``st2`` before ``st1``, the statement names ``g2``
    before ``g1``, memo ``m1`` names a sub-theme before a quote) so that a round trip that
    loses their order fails. Codings apply each level of the framework, with and without a
    coder, a time and a GUID.
    """
    return pl.Study(
        id="every-relation",
        title="A study with every relation",
        regions=[{"id": "r1", "label": "A region"}],
        groups=[
            {"id": "g1", "label": "Group one"},
            {"id": "g2", "label": "Group two"},
        ],
        participants=[
            {"id": "p1", "label": "Participant 1", "group": "g1", "attributes": {"site": "a"}},
            {"id": "p2", "label": "Participant 2", "group": "g2"},
        ],
        interviews=[
            {
                "id": "i1",
                "label": "Focus group",
                "format": "focus_group",
                "stakeholder_group": "g1",
                "region": "r1",
                "participants": ["p2", "p1"],
            },
            {"id": "i2", "label": "Who took part is unknown", "format": "focus_group"},
            {
                "id": "i3",
                "label": "Nobody took part",
                "format": "individual",
                "participants": [],
            },
        ],
        sources=[{"id": "s1", "label": "Transcript", "interview": "i1", "text": "We must."}],
        quotes=[
            {
                "id": "q1",
                "text": "We must.",
                "participant": "p1",
                "interview": "i1",
                "source": "s1",
                "span": pl.Span(0, 8),
                "guid": "0f8fad5b-d9cb-469f-a165-70867728950e",
            },
            {"id": "q2", "text": "Unattributed words."},
            {"id": "q3", "text": "Said by two.", "participant": "p2"},
        ],
        coders=[{"id": "c1", "label": "First"}, {"id": "c2", "label": "Second"}],
        codes=[
            {"id": "k1", "label": "Grouped", "candidate_theme": "ct1"},
            {"id": "k2", "label": "Nested", "parent": "k1"},
            {"id": "k3", "label": "Placed", "subtheme": "st1"},
            {"id": "k4", "label": "Orphan"},
            {"id": "k5", "label": "Broad", "theme": "t2"},
        ],
        codings=[
            {"quote": "q1", "code": "k2", "coder": "c1"},
            {"quote": "q1", "code": "k2", "coder": "c2"},
            {"quote": "q2", "code": "k3"},
            {"quote": "q1", "code": "k4", "coder": "c1"},
            # The paper's placements: sub-theme codings with no coder.
            {"quote": "q1", "subtheme": "st2"},
            {"quote": "q1", "subtheme": "st1"},
            {
                "quote": "q3",
                "candidate_theme": "ct1",
                "coder": "c2",
                "when": "2024-03-01T10:30:00+01:00",
                "guid": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            },
            {"quote": "q3", "theme": "t2", "when": "2024-03-02T09:00:00"},
        ],
        candidate_themes=[
            {"id": "ct1", "label": "Candidate", "subtheme": "st1"},
            {"id": "ct2", "label": "Abandoned candidate"},
        ],
        subthemes=[
            {"id": "st1", "label": "Sub-theme one", "theme": "t1"},
            {"id": "st2", "label": "Sub-theme two", "theme": "t1"},
            {"id": "st3", "label": "Sub-theme three", "theme": "t2"},
        ],
        themes=[{"id": "t1", "label": "Theme one"}, {"id": "t2", "label": "Theme two"}],
        overarching_theme={"id": "o", "label": "The overarching theme"},
        attributions=[{"subtheme": "st1", "groups": ["g2", "g1"], "evidence": "Both said so."}],
        memos=[
            {
                "id": "m1",
                "text": "Drift recurs.",
                "label": "Drift",
                "author": "c1",
                "when": "2024-03-03T12:00:00Z",
                "about": ["subtheme:st2", "quote:q1", "code:k2"],
            },
            {"id": "m2", "text": "", "about": ["memo:m1", "participant:p2"]},
            {"id": "m3", "text": "About the study as a whole."},
        ],
    )


# What Relation's docstrings say: the kinds an edge of each relation goes from and to.
DOCUMENTED_DIRECTIONS: dict[Relation, set[tuple[Kind, Kind]]] = {
    Relation.MEMBER_OF: {(Kind.PARTICIPANT, Kind.GROUP)},
    Relation.TOOK_PART_IN: {(Kind.PARTICIPANT, Kind.INTERVIEW)},
    Relation.INTERVIEWED_GROUP: {(Kind.INTERVIEW, Kind.GROUP)},
    Relation.HELD_IN: {(Kind.INTERVIEW, Kind.REGION)},
    Relation.TRANSCRIPT_OF: {(Kind.SOURCE, Kind.INTERVIEW)},
    Relation.SAID: {(Kind.PARTICIPANT, Kind.QUOTE)},
    Relation.FROM_INTERVIEW: {(Kind.QUOTE, Kind.INTERVIEW)},
    Relation.FROM_SOURCE: {(Kind.QUOTE, Kind.SOURCE)},
    Relation.CODED_AS: {
        (Kind.QUOTE, Kind.CODE),
        (Kind.QUOTE, Kind.CANDIDATE_THEME),
        (Kind.QUOTE, Kind.SUBTHEME),
        (Kind.QUOTE, Kind.THEME),
    },
    Relation.CODED: {(Kind.CODER, Kind.QUOTE)},
    Relation.PLACED_UNDER: {(Kind.CODE, Kind.SUBTHEME)},
    Relation.CHILD_OF: {(Kind.CODE, Kind.CODE)},
    Relation.GROUPED_INTO: {(Kind.CODE, Kind.CANDIDATE_THEME)},
    Relation.DEVELOPED_INTO: {(Kind.CANDIDATE_THEME, Kind.SUBTHEME)},
    Relation.PART_OF: {
        (Kind.SUBTHEME, Kind.THEME),
        (Kind.THEME, Kind.OVERARCHING_THEME),
        (Kind.CODE, Kind.THEME),
    },
    Relation.STATED_VOICING: {(Kind.GROUP, Kind.SUBTHEME)},
    Relation.WRITTEN_BY: {(Kind.MEMO, Kind.CODER)},
    # "The object it is about (any kind)": the kinds the study's memos name.
    Relation.ABOUT: {
        (Kind.MEMO, Kind.SUBTHEME),
        (Kind.MEMO, Kind.QUOTE),
        (Kind.MEMO, Kind.CODE),
        (Kind.MEMO, Kind.MEMO),
        (Kind.MEMO, Kind.PARTICIPANT),
    },
}

# One edge of each relation that the study above must produce, from its own references.
EXPECTED_EDGES: dict[Relation, tuple[str, str]] = {
    Relation.MEMBER_OF: ("participant:p1", "group:g1"),
    Relation.TOOK_PART_IN: ("participant:p2", "interview:i1"),
    Relation.INTERVIEWED_GROUP: ("interview:i1", "group:g1"),
    Relation.HELD_IN: ("interview:i1", "region:r1"),
    Relation.TRANSCRIPT_OF: ("source:s1", "interview:i1"),
    Relation.SAID: ("participant:p1", "quote:q1"),
    Relation.FROM_INTERVIEW: ("quote:q1", "interview:i1"),
    Relation.FROM_SOURCE: ("quote:q1", "source:s1"),
    Relation.CODED_AS: ("quote:q2", "code:k3"),
    Relation.CODED: ("coder:c2", "quote:q1"),
    Relation.PLACED_UNDER: ("code:k3", "subtheme:st1"),
    Relation.CHILD_OF: ("code:k2", "code:k1"),
    Relation.GROUPED_INTO: ("code:k1", "candidate_theme:ct1"),
    Relation.DEVELOPED_INTO: ("candidate_theme:ct1", "subtheme:st1"),
    Relation.PART_OF: ("theme:t1", "overarching_theme:o"),
    Relation.STATED_VOICING: ("group:g2", "subtheme:st1"),
    Relation.WRITTEN_BY: ("memo:m1", "coder:c1"),
    Relation.ABOUT: ("memo:m1", "quote:q1"),
}

# Study fields that are references, so edges, never node attributes.
REFERENCE_FIELDS: dict[str, set[str]] = {
    "participant:p1": {"group"},
    "interview:i1": {"stakeholder_group", "region", "participants"},
    "source:s1": {"interview"},
    "quote:q1": {"participant", "interview", "source"},
    "code:k2": {"parent", "candidate_theme", "subtheme", "theme"},
    "memo:m1": {"author", "about"},
    "candidate_theme:ct1": {"subtheme"},
    "subtheme:st1": {"theme"},
}


@pytest.fixture(scope="module")
def study() -> pl.Study:
    return every_relation_study()


@pytest.fixture(scope="module")
def graph(study: pl.Study) -> Any:
    return pl.to_networkx(study)


def expected_nodes(study: pl.Study) -> set[str]:
    collections = {
        Kind.REGION: study.regions,
        Kind.GROUP: study.groups,
        Kind.PARTICIPANT: study.participants,
        Kind.INTERVIEW: study.interviews,
        Kind.SOURCE: study.sources,
        Kind.CODER: study.coders,
        Kind.THEME: study.themes,
        Kind.SUBTHEME: study.subthemes,
        Kind.CANDIDATE_THEME: study.candidate_themes,
        Kind.CODE: study.codes,
        Kind.QUOTE: study.quotes,
        Kind.MEMO: study.memos,
    }
    nodes = {f"{kind}:{obj.id}" for kind, objects in collections.items() for obj in objects}
    if study.overarching_theme is not None:
        nodes.add(f"overarching_theme:{study.overarching_theme.id}")
    return nodes


def edges_of(graph: Any, relation: Relation) -> list[tuple[str, str, Any, dict[str, Any]]]:
    return [
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if data["relation"] == relation
    ]


# --- the graph to_networkx makes ------------------------------------------------------------


def test_to_networkx_returns_a_plain_multidigraph(graph: Any) -> None:
    assert type(graph) is nx.MultiDiGraph


def test_every_study_object_is_a_node_and_nothing_else_is(
    study: pl.Study, graph: Any, engdahl: pl.Study
) -> None:
    assert set(graph.nodes) == expected_nodes(study)
    assert set(pl.to_networkx(engdahl).nodes) == expected_nodes(engdahl)


def test_every_node_id_is_namespaced_by_the_kind_it_carries(graph: Any) -> None:
    for node, kind in graph.nodes(data="kind"):
        prefix, object_id = parse_ref(node)
        assert kind == prefix.value
        assert node == format_ref(prefix, object_id)


def test_node_attributes_carry_the_objects_own_fields(graph: Any) -> None:
    assert graph.nodes["participant:p1"]["label"] == "Participant 1"
    assert graph.nodes["participant:p1"]["attributes"] == {"site": "a"}
    assert graph.nodes["quote:q1"]["text"] == "We must."
    assert graph.nodes["quote:q1"]["span"] == pl.Span(0, 8)
    assert graph.nodes["interview:i1"]["format"] == "focus_group"
    assert graph.nodes["source:s1"]["text"] == "We must."
    assert graph.nodes["subtheme:st1"]["label"] == "Sub-theme one"
    assert graph.nodes["overarching_theme:o"]["label"] == "The overarching theme"
    assert graph.nodes["quote:q1"]["guid"] == "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert graph.nodes["memo:m1"]["text"] == "Drift recurs."
    assert graph.nodes["memo:m1"]["label"] == "Drift"
    assert graph.nodes["memo:m3"]["kind"] == "memo"


def test_node_attributes_leave_out_the_id_and_the_reference_fields(graph: Any) -> None:
    for node, fields in REFERENCE_FIELDS.items():
        attributes = graph.nodes[node]
        assert "id" not in attributes
        assert not fields & set(attributes), node


def test_study_fields_are_a_graph_attribute_without_the_collections(
    study: pl.Study, graph: Any
) -> None:
    fields = graph.graph[STUDY_GRAPH_ATTRIBUTE]
    assert fields["id"] == study.id
    assert fields["title"] == study.title
    assert not {"quotes", "participants", "codings", "attributions", "memos"} & set(fields)


def test_the_test_study_produces_every_relation(graph: Any) -> None:
    relations = {relation for _, _, relation in graph.edges(data="relation")}
    assert relations == {r.value for r in Relation}


@pytest.mark.parametrize("relation", list(Relation), ids=str)
def test_each_relation_points_the_documented_way(graph: Any, relation: Relation) -> None:
    directions = {(parse_ref(u)[0], parse_ref(v)[0]) for u, v, _, _ in edges_of(graph, relation)}
    assert directions == DOCUMENTED_DIRECTIONS[relation]
    source, target = EXPECTED_EDGES[relation]
    assert any(data["relation"] == relation for data in graph[source][target].values())


def test_references_become_edges_one_for_one(study: pl.Study, graph: Any) -> None:
    took_part = {(u, v) for u, v, _, _ in edges_of(graph, Relation.TOOK_PART_IN)}
    assert took_part == {("participant:p1", "interview:i1"), ("participant:p2", "interview:i1")}
    # placed_under is a code's place in the framework; a quote's placement is a coding.
    placed = {(u, v) for u, v, _, _ in edges_of(graph, Relation.PLACED_UNDER)}
    assert placed == {("code:k3", "subtheme:st1")}
    said = {(u, v) for u, v, _, _ in edges_of(graph, Relation.SAID)}
    assert said == {("participant:p1", "quote:q1"), ("participant:p2", "quote:q3")}
    part_of = {(u, v) for u, v, _, _ in edges_of(graph, Relation.PART_OF)}
    codes_under_themes = [code for code in study.codes if code.theme is not None]
    assert len(part_of) == len(study.subthemes) + len(study.themes) + len(codes_under_themes)
    about = [(u, v, data["position"]) for u, v, _, data in edges_of(graph, Relation.ABOUT)]
    assert sorted(about) == [
        ("memo:m1", "code:k2", 2),
        ("memo:m1", "quote:q1", 1),
        ("memo:m1", "subtheme:st2", 0),
        ("memo:m2", "memo:m1", 0),
        ("memo:m2", "participant:p2", 1),
    ]
    written = [(u, v) for u, v, _, _ in edges_of(graph, Relation.WRITTEN_BY)]
    assert written == [("memo:m1", "coder:c1")]


def test_each_coding_is_its_own_coded_as_edge_with_its_coder(study: pl.Study, graph: Any) -> None:
    coded_as = edges_of(graph, Relation.CODED_AS)
    assert len(coded_as) == len(study.codings)
    assert sorted(data["coder"] for data in graph["quote:q1"]["code:k2"].values()) == ["c1", "c2"]
    (only,) = graph["quote:q2"]["code:k3"].values()
    assert only["coder"] is None


def test_a_coding_of_any_element_is_a_coded_as_edge_to_that_element(graph: Any) -> None:
    targets = sorted((u, v) for u, v, _, _ in edges_of(graph, Relation.CODED_AS))
    assert targets == [
        ("quote:q1", "code:k2"),
        ("quote:q1", "code:k2"),
        ("quote:q1", "code:k4"),
        ("quote:q1", "subtheme:st1"),
        ("quote:q1", "subtheme:st2"),
        ("quote:q2", "code:k3"),
        ("quote:q3", "candidate_theme:ct1"),
        ("quote:q3", "theme:t2"),
    ]
    # A placement is a sub-theme coding with no coder; the graph says so on its edge.
    (placement,) = graph["quote:q1"]["subtheme:st2"].values()
    assert placement["coder"] is None
    assert "placed_under" not in {
        data["relation"] for data in graph["quote:q1"]["subtheme:st2"].values()
    }


def test_a_coding_edge_carries_its_time_and_guid(graph: Any) -> None:
    (coding,) = graph["quote:q3"]["candidate_theme:ct1"].values()
    assert coding["coder"] == "c2"
    assert coding["when"] == dt.datetime(
        2024, 3, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))
    )
    assert coding["guid"] == "7c9e6679-7425-40de-944b-e07fc1f90ae7"
    (theme_coding,) = graph["quote:q3"]["theme:t2"].values()
    assert theme_coding["when"] == dt.datetime(2024, 3, 2, 9, 0)
    assert "guid" not in theme_coding


def test_a_coder_has_one_coded_edge_per_quote_however_many_codes(graph: Any) -> None:
    coded = sorted((u, v) for u, v, _, _ in edges_of(graph, Relation.CODED))
    # c1 applied two codes to q1; the codings without a coder give no coded edge.
    assert coded == [("coder:c1", "quote:q1"), ("coder:c2", "quote:q1"), ("coder:c2", "quote:q3")]


def test_a_stated_voicing_edge_carries_the_statements_evidence(graph: Any) -> None:
    edges = edges_of(graph, Relation.STATED_VOICING)
    assert {u for u, _, _, _ in edges} == {"group:g1", "group:g2"}
    assert {data["evidence"] for _, _, _, data in edges} == {"Both said so."}


def test_study_edges_are_exactly_the_graphs_edges(study: pl.Study, graph: Any) -> None:
    listed = sorted((u, v, str(k), repr(sorted(d.items()))) for u, v, k, d in study_edges(study))
    built = sorted(
        (u, v, str(k), repr(sorted(d.items()))) for u, v, k, d in graph.edges(keys=True, data=True)
    )
    assert listed == built


def test_unknown_participants_and_no_participants_stay_distinct(
    study: pl.Study, graph: Any
) -> None:
    for interview in ("interview:i2", "interview:i3"):
        assert not [e for e in graph.in_edges(interview, data="relation") if e[2] == "took_part_in"]
    assert graph.nodes["interview:i2"]["participants_known"] is False
    assert graph.nodes["interview:i3"]["participants_known"] is True
    restored = pl.from_networkx(graph).index.interviews
    assert restored["i2"].participants is None
    assert restored["i3"].participants == ()
    assert restored["i1"].participants == ("p2", "p1")


# --- round trips ----------------------------------------------------------------------------


def test_round_trip_restores_the_built_in_study(engdahl: pl.Study) -> None:
    assert pl.from_networkx(pl.to_networkx(engdahl)) == engdahl


def test_round_trip_restores_the_study_with_every_relation(study: pl.Study, graph: Any) -> None:
    assert pl.from_networkx(graph) == study


def test_round_trip_is_unaffected_by_queries_run_on_the_study_before() -> None:
    study = every_relation_study()
    assert study.index.quotes["q1"].text == "We must."  # builds and caches the index
    graph = pl.to_networkx(study)
    assert "index" not in graph.graph[STUDY_GRAPH_ATTRIBUTE]
    assert pl.from_networkx(graph) == study


def test_round_trip_does_not_depend_on_the_order_edges_were_added(
    study: pl.Study, graph: Any
) -> None:
    # Files list edges grouped by source node; the order of lists must come from the graph.
    reordered: Any = nx.MultiDiGraph()
    reordered.graph.update(graph.graph)
    reordered.add_nodes_from(graph.nodes(data=True))
    reordered.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))
    restored = pl.from_networkx(reordered)
    assert restored == study
    assert restored.attributions[0].groups == ("g2", "g1")
    placements = [c.subtheme for c in restored.codings if c.quote == "q1" and c.subtheme]
    assert placements == ["st2", "st1"]
    assert restored.memos[0].about == ("subtheme:st2", "quote:q1", "code:k2")


@FAST
@given(studies())
def test_round_trip_restores_any_valid_study(study: pl.Study) -> None:
    assert pl.from_networkx(pl.to_networkx(study)) == study


def test_a_memo_about_the_study_survives_the_graph_round_trip() -> None:
    study = pl.Study(
        id="s", title="S", memos=[{"id": "m", "text": "Overall.", "about": ["study:s"]}]
    )
    assert pl.from_networkx(pl.to_networkx(study)) == study


# --- graphs not made by to_networkx ---------------------------------------------------------


def test_a_graph_without_the_study_attribute_is_refused(graph: Any) -> None:
    copy = graph.copy()
    del copy.graph[STUDY_GRAPH_ATTRIBUTE]
    with pytest.raises(pl.DocumentError, match="'study' attribute"):
        pl.from_networkx(copy)


def test_a_study_attribute_that_is_not_a_mapping_is_refused(graph: Any) -> None:
    copy = graph.copy()
    copy.graph[STUDY_GRAPH_ATTRIBUTE] = "not a mapping"
    with pytest.raises(pl.DocumentError, match="not a mapping"):
        pl.from_networkx(copy)


@pytest.mark.parametrize("stray", ["q9", "planet:mars", "quote", "quote:"])
def test_a_node_that_is_not_a_namespaced_id_is_refused(graph: Any, stray: str) -> None:
    copy = graph.copy()
    copy.add_node(stray)
    with pytest.raises(pl.DocumentError, match=repr(stray)):
        pl.from_networkx(copy)


def test_an_edge_to_a_stray_node_is_reported_as_the_stray_node(graph: Any) -> None:
    copy = graph.copy()
    copy.add_edge("participant:p1", "elsewhere", key="member_of", relation="member_of")
    with pytest.raises(pl.DocumentError, match="'elsewhere'"):
        pl.from_networkx(copy)


@pytest.mark.parametrize("graph_type", [nx.MultiGraph, nx.DiGraph, nx.Graph])
def test_a_graph_that_is_not_a_directed_multigraph_is_refused(
    graph: Any, graph_type: type[Any]
) -> None:
    with pytest.raises(pl.DocumentError, match="directed multigraph"):
        pl.from_networkx(graph_type(graph))


def test_a_participant_in_two_groups_is_refused(graph: Any) -> None:
    copy = graph.copy()
    copy.add_edge("participant:p1", "group:g2", key="member_of", relation="member_of")
    with pytest.raises(pl.DocumentError, match=r"'participant:p1' has 2 'member_of' edges"):
        pl.from_networkx(copy)


def test_two_overarching_themes_are_refused(graph: Any) -> None:
    copy = graph.copy()
    copy.add_node("overarching_theme:other", kind="overarching_theme", label="Another")
    with pytest.raises(pl.DocumentError, match="overarching_theme"):
        pl.from_networkx(copy)


def test_a_coding_edge_without_its_position_key_is_refused(graph: Any) -> None:
    copy = graph.copy()
    copy.add_edge("quote:q3", "code:k4", key="mine", relation="coded_as", coder=None)
    with pytest.raises(pl.DocumentError, match="'mine'"):
        pl.from_networkx(copy)


def test_a_graph_whose_study_breaks_integrity_raises_study_validation_error(
    graph: Any,
) -> None:
    copy = graph.copy()
    # Without its member_of edge a participant has no group, which the schema requires.
    copy.remove_edge("participant:p2", "group:g2", key="member_of")
    with pytest.raises(pl.StudyValidationError, match="group"):
        pl.from_networkx(copy)


def test_every_refusal_is_a_peerlandscape_error_and_a_value_error() -> None:
    assert issubclass(pl.DocumentError, pl.PeerLandscapeError)
    assert issubclass(pl.DocumentError, ValueError)
    with pytest.raises(pl.PeerLandscapeError):
        pl.from_networkx(nx.MultiDiGraph())


# --- independence of graph and study --------------------------------------------------------


def test_changing_the_graph_does_not_change_the_study() -> None:
    study = every_relation_study()
    before = study.model_dump(mode="json")
    graph = pl.to_networkx(study)

    graph.nodes["participant:p1"]["label"] = "Renamed"
    graph.nodes["participant:p1"]["attributes"]["site"] = "changed in place"
    graph.nodes["quote:q1"]["notes"] = ("added",)
    graph.graph[STUDY_GRAPH_ATTRIBUTE]["title"] = "Retitled"
    graph.remove_node("quote:q2")
    graph.add_edge("participant:p1", "group:g2", key="member_of", relation="member_of")

    assert study.model_dump(mode="json") == before
    assert study.participants[0].attributes == {"site": "a"}


def test_two_graphs_of_one_study_are_independent(study: pl.Study) -> None:
    first, second = pl.to_networkx(study), pl.to_networkx(study)
    first.nodes["participant:p1"]["attributes"]["site"] = "changed"
    assert second.nodes["participant:p1"]["attributes"] == {"site": "a"}
