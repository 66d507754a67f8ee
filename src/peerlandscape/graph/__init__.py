"""The study as a networkx graph.

:func:`to_networkx` turns a study into a plain :class:`networkx.MultiDiGraph`
whose node ids are namespaced by kind (``"quote:..."``, ``"subtheme:..."``)
and whose edges carry a ``relation``; :func:`from_networkx` turns it back.

Its files are in :mod:`peerlandscape.readwrite`, with every other format:
node-link JSON and GraphML (both read back by networkx), and Mermaid or
Graphviz DOT thematic maps. The names they had here stay, as the same
functions: :func:`to_node_link` is :func:`~peerlandscape.generate_node_link`,
:func:`to_mermaid` is :func:`~peerlandscape.generate_mermaid`, :func:`to_dot`
is :func:`~peerlandscape.generate_dot`, and ``read_graphml``,
``write_graphml``, ``read_node_link`` and ``write_node_link`` are the
readwrite functions of those names.
"""

from peerlandscape import _public
from peerlandscape.graph._build import (
    STUDY_GRAPH_ATTRIBUTE,
    from_networkx,
    study_edges,
    to_networkx,
)
from peerlandscape.graph._kinds import EVIDENCE_RELATIONS
from peerlandscape.models import Kind, Relation
from peerlandscape.readwrite import generate_dot as to_dot
from peerlandscape.readwrite import generate_mermaid as to_mermaid
from peerlandscape.readwrite import generate_node_link as to_node_link
from peerlandscape.readwrite import read_graphml, read_node_link, write_graphml, write_node_link

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
