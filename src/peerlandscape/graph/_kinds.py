"""The type of the study graph, and the relations that carry evidence.

Node kinds and relations are declared once, with the models
(:class:`~peerlandscape.Kind`, :class:`~peerlandscape.Relation`); node ids are
the namespaced ids of :func:`~peerlandscape.format_ref`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from peerlandscape.models import Relation

if TYPE_CHECKING:
    import networkx as nx

    StudyGraph: TypeAlias = nx.MultiDiGraph[str]
    """The graph :func:`~peerlandscape.to_networkx` returns: namespaced string node ids."""

__all__ = ["EVIDENCE_RELATIONS"]


EVIDENCE_RELATIONS: frozenset[Relation] = frozenset(
    {
        Relation.SAID,
        Relation.CODED_AS,
        Relation.PLACED_UNDER,
        Relation.CHILD_OF,
        Relation.GROUPED_INTO,
        Relation.DEVELOPED_INTO,
        Relation.PART_OF,
    }
)
"""Relations on the path from a participant's words up to the overarching theme.

Following only these edges answers "which participants' quotes reach this theme":
``member_of`` and ``stated_voicing`` also point upward, but they are claims about
people and groups, not evidence.
"""
