"""Node kinds and edge relations of the study graph, and the namespaced node ids."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import networkx as nx

    StudyGraph: TypeAlias = nx.MultiDiGraph[str]
    """The graph :func:`~peerlandscape.to_networkx` returns: namespaced string node ids."""

__all__ = ["EVIDENCE_RELATIONS", "NodeKind", "Relation", "node_id", "split_node_id"]


class NodeKind(StrEnum):
    """The kind of object a node stands for; also the prefix of its id."""

    GROUP = "group"
    PARTICIPANT = "participant"
    INTERVIEW = "interview"
    REGION = "region"
    SOURCE = "source"
    QUOTE = "quote"
    CODER = "coder"
    CODE = "code"
    CANDIDATE_THEME = "candidate_theme"
    SUBTHEME = "subtheme"
    THEME = "theme"
    OVERARCHING_THEME = "overarching_theme"


class Relation(StrEnum):
    """The ``relation`` attribute of an edge, read as "source <relation> target"."""

    MEMBER_OF = "member_of"
    """participant -> group"""
    TOOK_PART_IN = "took_part_in"
    """participant -> interview; ``position`` is the participant's place in the interview's list"""
    INTERVIEWED_GROUP = "interviewed_group"
    """interview -> group (the group an interview was held with)"""
    HELD_IN = "held_in"
    """interview -> region"""
    TRANSCRIPT_OF = "transcript_of"
    """source -> interview"""
    SAID = "said"
    """participant -> quote"""
    FROM_INTERVIEW = "from_interview"
    """quote -> interview"""
    FROM_SOURCE = "from_source"
    """quote -> source"""
    CODED_AS = "coded_as"
    """quote -> code, one edge per coding; the edge's ``coder`` attribute names the coder"""
    CODED = "coded"
    """coder -> quote, once per coder and quote"""
    PLACED_UNDER = "placed_under"
    """quote -> sub-theme (direct placement, with its ``position``), code -> sub-theme"""
    CHILD_OF = "child_of"
    """code -> parent code"""
    GROUPED_INTO = "grouped_into"
    """code -> candidate theme"""
    DEVELOPED_INTO = "developed_into"
    """candidate theme -> sub-theme"""
    PART_OF = "part_of"
    """sub-theme -> theme, theme -> overarching theme"""
    STATED_VOICING = "stated_voicing"
    """group -> sub-theme, one edge per statement and group; ``evidence`` holds the sentence,
    ``position`` the group's place in the statement's list"""


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


def node_id(kind: NodeKind | str, object_id: str) -> str:
    """Return the namespaced node id of an object.

    Examples
    --------
    >>> node_id(NodeKind.QUOTE, "psw-12-continuous-training")
    'quote:psw-12-continuous-training'
    """
    return f"{kind}:{object_id}"


def split_node_id(node: str) -> tuple[NodeKind, str]:
    """Split a namespaced node id into its kind and object id.

    Examples
    --------
    >>> split_node_id("subtheme:mitigating-peer-drifting")
    (<NodeKind.SUBTHEME: 'subtheme'>, 'mitigating-peer-drifting')
    """
    kind, separator, object_id = node.partition(":")
    if not separator or not object_id:
        # "quote" alone would otherwise pass as a quote with an empty id.
        raise ValueError(f"{node!r} is not a namespaced node id ('<kind>:<id>')")
    return NodeKind(kind), object_id
