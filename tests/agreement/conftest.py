"""Fixtures of the agreement tests: the real REFI-QDA samples, found beside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared import shared_path


@pytest.fixture(scope="session")
def samples() -> Path:
    """The folder of real REFI-QDA files; skips the test when it is absent (fails under CI)."""
    return shared_path("refi", "samples")
