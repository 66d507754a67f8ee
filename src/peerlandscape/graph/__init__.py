"""The study as a networkx graph, and graph files for other tools.

:func:`to_networkx` turns a study into a plain :class:`networkx.MultiDiGraph`
whose node ids are namespaced by kind (``"quote:..."``, ``"subtheme:..."``)
and whose edges carry a ``relation``; :func:`from_networkx` turns it back.
Exports: node-link JSON and GraphML (both read back by networkx), and
Mermaid or Graphviz DOT thematic maps.
"""

from peerlandscape import _public
from peerlandscape.graph._build import (
    STUDY_GRAPH_ATTRIBUTE,
    from_networkx,
    study_edges,
    to_networkx,
)
from peerlandscape.graph._export import (
    read_graphml,
    read_node_link,
    to_dot,
    to_mermaid,
    to_node_link,
    write_graphml,
    write_node_link,
)
from peerlandscape.graph._kinds import EVIDENCE_RELATIONS
from peerlandscape.models import Kind, Relation

__all__ = [
    "EVIDENCE_RELATIONS",
    "STUDY_GRAPH_ATTRIBUTE",
    "Kind",
    "Relation",
    "from_networkx",
    "read_graphml",
    "read_node_link",
    "study_edges",
    "to_dot",
    "to_mermaid",
    "to_networkx",
    "to_node_link",
    "write_graphml",
    "write_node_link",
]

_public.publish(__name__)
