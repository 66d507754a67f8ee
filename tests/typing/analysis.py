"""The graph layer, queries and validation, as a user of ``import peerlandscape as pl`` does."""

from __future__ import annotations

from typing import assert_type

import networkx as nx

import peerlandscape as pl
from peerlandscape.graph import to_mermaid
from peerlandscape.queries import quotes_for, support_matrix


def a_graph_and_back(study: pl.Study) -> pl.Study:
    graph = pl.to_networkx(study)
    assert isinstance(graph, nx.MultiDiGraph)
    nodes: int = graph.number_of_nodes()
    assert nodes >= 0
    text: str = to_mermaid(study)
    assert text
    return pl.from_networkx(graph)


def the_graph_module(study: pl.Study) -> str:
    # The names the graph module had for its files, the same functions as readwrite's.
    data: dict[str, object] = pl.graph.to_node_link(pl.to_networkx(study))
    assert data
    return pl.graph.to_dot(study)


def queries(study: pl.Study) -> int:
    quotes = quotes_for(study, subtheme="mitigating-peer-drifting")
    assert_type(quotes, list[pl.Quote])
    also = pl.queries.quotes_for(study, group="peer_support_worker", include_child_codes=False)
    matrix = support_matrix(study)
    assert_type(matrix, pl.queries.SupportMatrix)
    return len(quotes) + len(also)


def validation(study: pl.Study) -> list[str]:
    report = pl.validate(study, rules=["orphan-code"])
    assert_type(report, pl.ValidationReport)
    summary: str = report.summary()
    findings = [f"{finding.code}: {finding.message}" for finding in report.findings]
    errors = [finding for finding in report.findings if finding.severity is pl.Severity.ERROR]
    assert summary
    assert errors is not None
    report.raise_for_errors()
    return findings
