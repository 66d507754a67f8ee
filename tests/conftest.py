"""Fixtures shared by the test suite."""

from __future__ import annotations

import json

import pytest

import peerlandscape as pl


@pytest.fixture(scope="session")
def engdahl() -> pl.Study:
    """The built-in study of Engdahl et al. (2025), loaded once (studies are immutable)."""
    return pl.datasets.engdahl2025()


@pytest.fixture
def engdahl_document(engdahl: pl.Study) -> dict[str, object]:
    """The built-in study as a fresh decoded JSON document, safe to mutate."""
    return json.loads(engdahl.model_dump_json())
