"""The one way tests find ``../shared`` (the paper, the REFI-QDA standard and sample files).

The folder sits beside the repository root and is not part of it. Where it is missing,
a developer's run skips the tests that need it, but a CI run (``CI`` set to ``true``)
fails them: CI without the paper would otherwise pass without checking the built-in study.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
"""Where ``shared/`` is expected: beside the repository root."""


def in_ci() -> bool:
    """Whether the tests run under CI (``CI=true``), where missing inputs are failures."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def shared_path(*parts: str) -> Path:
    """Return ``shared/<parts>``, or skip (fail under CI) the calling test when it is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        message = (
            f"{path} is missing: these tests read the 'shared' folder beside the repository root"
        )
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return path
