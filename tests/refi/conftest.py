"""Shared fixtures for the REFI-QDA reader tests.

The real sample files live beside the repository, in ``shared/refi/samples``;
they are third-party files that must not be copied into the repository, so
tests that need them find them through ``tests/shared.py``: they skip when the folder is
absent, and fail under CI, where a missing folder must not pass for a green run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from shared import in_ci, shared_path

if in_ci():
    import lxml  # noqa: F401  # CI installs the test extra, which brings it: a failure here is real
else:
    pytest.importorskip("lxml", reason="the REFI-QDA reader needs the optional lxml dependency")

MakeQdpx = Callable[..., Path]


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real REFI-QDA files; skips the test when it is absent (fails under CI)."""
    return shared_path("refi", "samples")


@pytest.fixture
def make_qdpx(tmp_path: Path) -> MakeQdpx:
    """Return a function writing a zip archive with the given members."""

    def make(
        members: Mapping[str, bytes | str],
        *,
        name: str = "project.qdpx",
        compression: int = zipfile.ZIP_DEFLATED,
    ) -> Path:
        path = tmp_path / name
        with zipfile.ZipFile(path, "w", compression=compression) as archive:
            for member, content in members.items():
                archive.writestr(member, content)
        return path

    return make
