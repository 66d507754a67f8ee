"""The valid inputs the fuzzers start from: files the library writes, and real tools' samples.

Each format's seeds are the built-in study written in that format, small generated
studies (``tests/strategies.py``) written the same way, and for REFI-QDA the sample
files of real tools in ``shared/refi/samples``. Fixed seeds are made once per run.
"""

from __future__ import annotations

import functools
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

import peerlandscape as pl
from strategies import studies

__all__ = [
    "GOLDEN",
    "codebook_seeds",
    "graphml_seeds",
    "json_seeds",
    "node_link_seeds",
    "project_seeds",
    "study_seeds",
    "table_seeds",
    "written",
]

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
"""Documents of older schema versions, which reading migrates."""


def study_seeds() -> st.SearchStrategy[pl.Study]:
    """The built-in study most often, else a small generated one."""
    return st.one_of(st.just(pl.datasets.engdahl2025()), studies(max_size=3))


def written(study: pl.Study, write: Callable[[pl.Study, Path], object], name: str) -> bytes:
    """Return the bytes ``write`` writes for ``study`` to a file called ``name``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        write(study, path)
        return path.read_bytes()


@functools.cache
def _engdahl(name: str, write: Callable[[pl.Study, Path], object]) -> bytes:
    return written(pl.datasets.engdahl2025(), write, name)


def _seeds(name: str, write: Callable[[pl.Study, Path], object]) -> st.SearchStrategy[bytes]:
    def seed(study: pl.Study) -> bytes:
        try:
            return written(study, write, name)
        except pl.PeerLandscapeError:
            # A writer may refuse a study (a codebook of no framework): the built-in one, then.
            return _engdahl(name, write)

    return st.one_of(st.just(_engdahl(name, write)), studies(max_size=3).map(seed))


@functools.cache
def _fixed_documents() -> tuple[dict[str, Any], ...]:
    current = json.loads(pl.datasets.engdahl2025().model_dump_json())
    older = [json.loads(path.read_bytes()) for path in sorted(GOLDEN.glob("*/*.json"))]
    return (current, *older)


def json_seeds() -> st.SearchStrategy[dict[str, Any]]:
    """Study documents: the built-in study, older-version documents, generated studies."""
    generated = studies(max_size=3).map(lambda study: json.loads(study.model_dump_json()))
    return st.one_of(st.sampled_from(_fixed_documents()), generated)


def _graphml(study: pl.Study, path: Path) -> None:
    pl.write_graphml(pl.to_networkx(study), path)


def _node_link(study: pl.Study, path: Path) -> None:
    pl.write_node_link(pl.to_networkx(study), path)


def graphml_seeds() -> st.SearchStrategy[bytes]:
    """GraphML files of studies, as :func:`peerlandscape.write_graphml` writes them."""
    return _seeds("study.graphml", _graphml)


def node_link_seeds() -> st.SearchStrategy[dict[str, Any]]:
    """Node-link documents of studies, as :func:`peerlandscape.write_node_link` writes them."""
    return _seeds("study.json", _node_link).map(json.loads)


def table_seeds() -> st.SearchStrategy[bytes]:
    """CSV tables of coded quotes, as :func:`peerlandscape.write_table` writes them."""
    return _seeds("quotes.csv", pl.write_table)


def codebook_seeds(samples: list[bytes]) -> st.SearchStrategy[bytes]:
    """Codebooks: ``samples`` (real tools' ``.qdc`` files) and the library's own."""
    return st.one_of(st.sampled_from(samples), _seeds("codebook.qdc", pl.write_qdc))


def _project_members(data: bytes) -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.qdpx"
        path.write_bytes(data)
        with zipfile.ZipFile(path) as archive:
            return {name: archive.read(name) for name in archive.namelist()}


def project_seeds() -> st.SearchStrategy[dict[str, bytes]]:
    """Projects as their archive's members (name to bytes), as ``write_qdpx`` writes them."""
    return _seeds("project.qdpx", pl.write_qdpx).map(_project_members)
