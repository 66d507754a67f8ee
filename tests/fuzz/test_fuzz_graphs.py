"""Mutated graph files: the graph readers and ``from_networkx`` raise only the library's errors.

A graph read from a file is read to become a study again, so each input goes on
through :func:`peerlandscape.from_networkx` when the reader accepts it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl

from ._harness import only_library_errors
from ._mutations import dumps, encodings, mutated_bytes, mutated_json, mutated_xml
from ._seeds import graphml_seeds, node_link_seeds
from .conftest import FUZZ


@FUZZ
@given(data=mutated_xml(graphml_seeds()))
def test_read_graphml_raises_only_library_errors(data: bytes, tmp_path: Path) -> None:
    path = tmp_path / "study.graphml"
    path.write_bytes(data)
    with only_library_errors("read_graphml"):
        graph = pl.read_graphml(path)
        pl.from_networkx(graph)


@FUZZ
@given(document=mutated_json(node_link_seeds()), data=st.data())
def test_read_node_link_raises_only_library_errors(
    document: Any, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / "study.json"
    path.write_bytes(data.draw(encodings(dumps(document)).flatmap(mutated_bytes)))
    with only_library_errors("read_node_link"):
        graph = pl.read_node_link(path)
        pl.from_networkx(graph)
