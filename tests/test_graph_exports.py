"""Specification of the graph files: GraphML, node-link JSON, Mermaid and DOT maps."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

import peerlandscape as pl
from peerlandscape.readwrite import (
    generate_dot,
    generate_mermaid,
    generate_node_link,
    read_graphml,
    read_node_link,
    write_graphml,
    write_node_link,
)
from strategies import FAST, studies

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
# tmp_path is shared by the examples of one test; each example overwrites the same file.
FILE_PROPERTY = settings(
    FAST, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def plural(count: int) -> str:
    return "1 quote" if count == 1 else f"{count} quotes"


def awkward_study() -> pl.Study:
    """A small study whose text XML and JSON must carry unchanged, with codings and a memo.

    Its codings are a placement (a sub-theme coding with no coder), a code applied twice,
    and a theme coding with a time and a GUID, which GraphML holds as text.
    """
    return pl.Study(
        id="awkward",
        title='Quotes "inside", a back\\slash and {braces}',
        groups=[{"id": "g", "label": "Group"}],
        participants=[
            {
                "id": "p",
                "label": "Tab\tnew\nline",
                "group": "g",
                "attributes": {"n": 3, "ok": True, "none": None},
            }
        ],
        interviews=[
            {"id": "i", "label": "Unknown", "format": "focus_group"},
            {"id": "j", "label": "Nobody", "format": "individual", "participants": []},
        ],
        sources=[
            {"id": "s", "label": "Empty transcript", "text": ""},
            {"id": "s2", "label": "Control \x01 character and \r carriage return"},
        ],
        quotes=[
            {"id": "q", "text": "Kamratstöd 🌱 \ufffe", "participant": "p"},
            {"id": "q2", "text": "  leading and trailing spaces  "},
        ],
        coders=[{"id": "c", "label": "Coder {0}", "guid": "0f8fad5b-d9cb-469f-a165-70867728950e"}],
        codes=[{"id": "k", "label": "Code", "subtheme": "st"}],
        codings=[
            {"quote": "q2", "code": "k"},
            {"quote": "q2", "code": "k"},
            {"quote": "q", "subtheme": "st"},
            {
                "quote": "q",
                "theme": "t",
                "coder": "c",
                "when": "2024-03-01T10:30:00.000123-05:30",
                "guid": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
            },
        ],
        subthemes=[{"id": "st", "label": "Sub", "theme": "t"}],
        themes=[{"id": "t", "label": "Theme"}],
        attributions=[{"subtheme": "st", "groups": ["g"], "evidence": 'They said "so".'}],
        memos=[
            {
                "id": "m",
                "text": "Line one\r\nline two \x02 <b>&amp;</b>",
                "author": "c",
                "when": "2024-03-02T08:00:00",
                "about": ["quote:q", "theme:t", "memo:m"],
            },
            {"id": "m2", "text": ""},
        ],
    )


def edge_triples(graph: Any) -> set[tuple[str, str, str]]:
    return {(u, v, str(key)) for u, v, key in graph.edges(keys=True)}


Writer = Callable[[Any, Path], Path]
Reader = Callable[[Path], Any]
FORMATS: dict[str, tuple[Writer, Reader]] = {
    "graphml": (write_graphml, read_graphml),
    "node-link": (write_node_link, read_node_link),
}


@pytest.fixture(params=["built-in", "awkward"])
def study(request: pytest.FixtureRequest, engdahl: pl.Study) -> pl.Study:
    return engdahl if request.param == "built-in" else awkward_study()


# --- networkx opens the files ---------------------------------------------------------------


def test_networkx_reads_graphml_back_with_the_same_nodes_and_edges(
    study: pl.Study, tmp_path: Path
) -> None:
    graph = pl.to_networkx(study)
    path = write_graphml(graph, tmp_path / "study.graphml")
    opened = nx.read_graphml(path, force_multigraph=True)
    assert opened.is_directed()
    assert set(opened.nodes) == set(graph.nodes)
    assert edge_triples(opened) == edge_triples(graph)


def test_networkx_reads_node_link_back_with_the_same_nodes_and_edges(
    study: pl.Study, tmp_path: Path
) -> None:
    graph = pl.to_networkx(study)
    path = write_node_link(graph, tmp_path / "study.json")
    opened = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    assert opened.is_directed()
    assert opened.is_multigraph()
    assert set(opened.nodes) == set(graph.nodes)
    assert edge_triples(opened) == edge_triples(graph)


def test_node_link_data_is_plain_json(study: pl.Study) -> None:
    data = generate_node_link(pl.to_networkx(study))
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# --- round trips through files --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_file_round_trip_restores_the_study_exactly(
    study: pl.Study, tmp_path: Path, name: str
) -> None:
    write, read = FORMATS[name]
    path = write(pl.to_networkx(study), tmp_path / f"study.{name}")
    assert pl.from_networkx(read(path)) == study


def test_networkx_own_graphml_reader_gives_a_graph_that_restores_the_study(
    study: pl.Study, tmp_path: Path
) -> None:
    path = write_graphml(pl.to_networkx(study), tmp_path / "study.graphml")
    assert pl.from_networkx(nx.read_graphml(path, force_multigraph=True)) == study


def test_networkx_own_node_link_reader_gives_a_graph_that_restores_the_study(
    study: pl.Study, tmp_path: Path
) -> None:
    path = write_node_link(pl.to_networkx(study), tmp_path / "study.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert pl.from_networkx(nx.node_link_graph(data, edges="edges")) == study


@FILE_PROPERTY
@given(studies())
def test_graphml_round_trip_restores_any_valid_study(tmp_path: Path, study: pl.Study) -> None:
    path = write_graphml(pl.to_networkx(study), tmp_path / "study.graphml")
    assert pl.from_networkx(read_graphml(path)) == study


def test_a_quote_whose_words_are_unknown_survives_graphml(tmp_path: Path) -> None:
    study = pl.Study(id="s", title="S", quotes=[{"id": "q", "text": None}])
    path = write_graphml(pl.to_networkx(study), tmp_path / "study.graphml")
    assert pl.from_networkx(read_graphml(path)) == study


@FILE_PROPERTY
@given(studies())
def test_node_link_round_trip_restores_any_valid_study(tmp_path: Path, study: pl.Study) -> None:
    path = write_node_link(pl.to_networkx(study), tmp_path / "study.json")
    assert pl.from_networkx(read_node_link(path)) == study


# --- what a GraphML file holds --------------------------------------------------------------


def test_graphml_holds_only_scalar_attributes_and_no_none(study: pl.Study, tmp_path: Path) -> None:
    path = write_graphml(pl.to_networkx(study), tmp_path / "study.graphml")
    opened = nx.read_graphml(path, force_multigraph=True)
    # networkx's reader adds node_default and edge_default of its own.
    graph_values = (v for k, v in opened.graph.items() if k not in {"node_default", "edge_default"})
    values = [
        *graph_values,
        *(v for _, data in opened.nodes(data=True) for v in data.values()),
        *(v for _, _, data in opened.edges(data=True) for v in data.values()),
    ]
    assert values
    assert all(type(value) in (str, int, float, bool) for value in values)
    declared = {key.get("attr.type") for key in ET.parse(path).iter(f"{GRAPHML_NS}key")}
    assert declared <= {"string", "int", "long", "float", "double", "boolean"}
    texts = [data.text for data in ET.parse(path).iter(f"{GRAPHML_NS}data")]
    assert "None" not in texts


def test_graphml_keeps_text_that_xml_cannot_hold_as_it_is(tmp_path: Path) -> None:
    study = awkward_study()
    path = write_graphml(pl.to_networkx(study), tmp_path / "study.graphml")
    restored = pl.from_networkx(read_graphml(path))
    assert restored.index.sources["s2"].label == "Control \x01 character and \r carriage return"
    assert restored.index.quotes["q"].text == "Kamratstöd 🌱 \ufffe"
    assert restored.index.sources["s"].text == ""


def test_graphml_keeps_labels_readable_where_xml_can_hold_them(
    engdahl: pl.Study, tmp_path: Path
) -> None:
    path = write_graphml(pl.to_networkx(engdahl), tmp_path / "study.graphml")
    opened = nx.read_graphml(path, force_multigraph=True)
    assert opened.nodes["participant:psw-12"]["label"] == "Peer support worker 12"


# --- writing --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_writing_leaves_only_the_target_file(study: pl.Study, tmp_path: Path, name: str) -> None:
    write, _ = FORMATS[name]
    target = tmp_path / "study.out"
    target.write_text("an older version\n", encoding="utf-8")
    assert write(pl.to_networkx(study), target) == target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.out"]
    assert "an older version" not in target.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
    study: pl.Study, tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write, _ = FORMATS[name]
    target = tmp_path / "study.out"
    target.write_text("the old file\n", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        write(pl.to_networkx(study), target)
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["study.out"]


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_writing_into_a_missing_folder_raises_missing_file_error(
    engdahl: pl.Study, tmp_path: Path, name: str
) -> None:
    write, _ = FORMATS[name]
    with pytest.raises(pl.MissingFileError, match="no-such-folder") as raised:
        write(pl.to_networkx(engdahl), tmp_path / "no-such-folder" / "study.out")
    assert isinstance(raised.value, FileNotFoundError)


# --- reading errors -------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_reading_a_missing_file_raises_missing_file_error(tmp_path: Path, name: str) -> None:
    _, read = FORMATS[name]
    with pytest.raises(pl.MissingFileError, match=r"missing\.file"):
        read(tmp_path / "missing.file")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_reading_a_folder_raises_document_error(tmp_path: Path, name: str) -> None:
    _, read = FORMATS[name]
    with pytest.raises(pl.DocumentError, match="directory"):
        read(tmp_path)


@pytest.mark.parametrize(
    "content",
    [b"", b"plain text", b'{"nodes": []}', b"<root/>", b"\xff\xfe\x00 not utf-8"],
    ids=["empty", "text", "json", "other-xml", "bytes"],
)
def test_reading_a_file_that_is_not_graphml_raises_document_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "not.graphml"
    path.write_bytes(content)
    with pytest.raises(pl.DocumentError, match="not a GraphML graph"):
        read_graphml(path)


@pytest.mark.parametrize(
    "content",
    [b"", b"not json", b"[1, 2]", b'{"nodes": [{"id": "a"}]}', b"<graphml/>", b"\xff\xfe\x00"],
    ids=["empty", "text", "list", "no-edges", "xml", "bytes"],
)
def test_reading_a_file_that_is_not_node_link_json_raises_document_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "not.json"
    path.write_bytes(content)
    with pytest.raises(pl.DocumentError, match="not a node-link graph"):
        read_node_link(path)


def test_a_graphml_file_of_another_tool_is_read_but_refused_as_a_study(tmp_path: Path) -> None:
    path = tmp_path / "other.graphml"
    nx.write_graphml(nx.MultiDiGraph([("a", "b")]), path)
    graph = read_graphml(path)
    assert set(graph.nodes) == {"a", "b"}
    with pytest.raises(pl.DocumentError):
        pl.from_networkx(graph)


def test_graphml_with_a_broken_json_attribute_raises_document_error(
    engdahl: pl.Study, tmp_path: Path
) -> None:
    path = write_graphml(pl.to_networkx(engdahl), tmp_path / "study.graphml")
    graph = read_graphml(path)
    graph.nodes["participant:psw-1"]["notes"] = "[not json"
    with pytest.raises(pl.DocumentError, match="notes"):
        pl.from_networkx(graph)


# --- thematic maps --------------------------------------------------------------------------


def quote_counts(study: pl.Study) -> dict[str, int]:
    quotes: dict[str, set[str]] = {s.id: set() for s in study.subthemes}
    for record in pl.quote_records(study):
        if record["subtheme"] is not None:
            quotes[record["subtheme"]].add(record["quote_id"])
    return {subtheme: len(ids) for subtheme, ids in quotes.items()}


def mermaid_map(text: str) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Boxes (name -> label, entities decoded) and edges (label -> label) of a flowchart."""
    boxes = {
        name: label.replace("#quot;", '"')
        for name, label in re.findall(r'^    (n\d+)\["(.*)"\]$', text, flags=re.MULTILINE)
    }
    edges = {
        (boxes[a], boxes[b])
        for a, b in re.findall(r"^    (n\d+) --> (n\d+)$", text, flags=re.MULTILINE)
    }
    return boxes, edges


def dot_map(text: str) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """Nodes (id -> label, escapes undone) and edges (id -> id) of a DOT map."""
    labels = {
        node: re.sub(r"\\(.)", r"\1", label)
        for node, label in re.findall(
            r'^    "([^"]+)" \[label="((?:[^"\\]|\\.)*)"', text, flags=re.MULTILINE
        )
    }
    edges = set(re.findall(r'^    "([^"]+)" -> "([^"]+)";$', text, flags=re.MULTILINE))
    return labels, edges


def expected_framework_edges(study: pl.Study) -> set[tuple[str, str]]:
    edges = {(f"theme:{s.theme}", f"subtheme:{s.id}") for s in study.subthemes}
    if study.overarching_theme is not None:
        top = f"overarching_theme:{study.overarching_theme.id}"
        edges |= {(top, f"theme:{t.id}") for t in study.themes}
    return edges


def test_mermaid_map_draws_every_theme_and_sub_theme_under_its_parent(engdahl: pl.Study) -> None:
    text = generate_mermaid(engdahl)
    assert text.startswith("flowchart LR\n")
    boxes, edges = mermaid_map(text)
    counts = quote_counts(engdahl)
    label_of = {f"theme:{t.id}": t.label for t in engdahl.themes}
    label_of |= {
        f"subtheme:{s.id}": f"{s.label} ({plural(counts[s.id])})" for s in engdahl.subthemes
    }
    assert engdahl.overarching_theme is not None
    label_of[f"overarching_theme:{engdahl.overarching_theme.id}"] = engdahl.overarching_theme.label
    assert sorted(boxes.values()) == sorted(label_of.values())
    assert edges == {(label_of[a], label_of[b]) for a, b in expected_framework_edges(engdahl)}


def test_mermaid_quote_counts_match_the_quotes(engdahl: pl.Study) -> None:
    text = generate_mermaid(engdahl)
    assert "Ensuring Financial Sustainability for Growth (3 quotes)" in text
    assert "Mitigating Peer Drifting (1 quote)" in text
    assert "quote" not in generate_mermaid(engdahl, quote_counts=False).replace("Quote", "")


def test_dot_map_draws_every_theme_and_sub_theme_under_its_parent(engdahl: pl.Study) -> None:
    text = generate_dot(engdahl)
    assert text.startswith("digraph thematic_map {\n")
    assert text.endswith("}\n")
    labels, edges = dot_map(text)
    counts = quote_counts(engdahl)
    expected = {f"theme:{t.id}": t.label for t in engdahl.themes}
    # The count goes on a second line: a DOT "\n" escape, undone to "n" by dot_map.
    expected |= {f"subtheme:{s.id}": f"{s.label}n{plural(counts[s.id])}" for s in engdahl.subthemes}
    assert engdahl.overarching_theme is not None
    expected[f"overarching_theme:{engdahl.overarching_theme.id}"] = engdahl.overarching_theme.label
    assert labels == expected
    assert edges == expected_framework_edges(engdahl)


def test_dot_quote_count_is_on_its_own_line(engdahl: pl.Study) -> None:
    text = generate_dot(engdahl)
    assert '[label="Mitigating Peer Drifting\\n1 quote"]' in text
    assert "\\\\n" not in text
    assert "quotes" not in generate_dot(engdahl, quote_counts=False)


def test_a_framework_without_overarching_theme_draws_themes_as_roots() -> None:
    study = awkward_study()
    _, edges = dot_map(generate_dot(study))
    assert edges == {("theme:t", "subtheme:st")}
    _, mermaid_edges = mermaid_map(generate_mermaid(study))
    assert mermaid_edges == {("Theme", "Sub (2 quotes)")}


def tricky_framework() -> pl.Study:
    return pl.Study(
        id="tricky",
        title="Tricky labels",
        themes=[{"id": "t", "label": 'A "quoted" theme'}],
        subthemes=[{"id": "s", "label": 'Back\\slash \\n and \\" end\\', "theme": "t"}],
        overarching_theme={"id": "o", "label": 'Top "level"'},
    )


def test_mermaid_escapes_double_quotes_in_labels() -> None:
    text = generate_mermaid(tricky_framework())
    assert 'n1["A #quot;quoted#quot; theme"]' in text
    boxes, _ = mermaid_map(text)
    assert set(boxes.values()) == {
        'Top "level"',
        'A "quoted" theme',
        'Back\\slash \\n and \\" end\\ (0 quotes)',
    }
    for line in text.splitlines()[1:]:
        # Inside a box, the only double quotes are the two that delimit its label.
        assert line.count('"') in (0, 2)


def test_dot_escapes_double_quotes_and_backslashes_in_labels() -> None:
    text = generate_dot(tricky_framework())
    assert '"theme:t" [label="A \\"quoted\\" theme"];' in text
    assert '[label="Back\\\\slash \\\\n and \\\\\\" end\\\\\\n0 quotes"]' in text
    labels, _ = dot_map(text)
    assert labels["overarching_theme:o"] == 'Top "level"'
    assert labels["subtheme:s"] == 'Back\\slash \\n and \\" end\\n0 quotes'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz 'dot' is not installed")
@pytest.mark.parametrize("make", [pl.datasets.engdahl2025, tricky_framework])
def test_graphviz_renders_the_dot_map(make: Callable[[], pl.Study]) -> None:
    study = make()
    dot = shutil.which("dot")
    assert dot is not None
    result = subprocess.run(
        [dot, "-Tsvg"], input=generate_dot(study), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout
    for theme in study.themes:
        assert theme.label.split('"')[0].strip() in result.stdout
