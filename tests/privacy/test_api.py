"""The public surface of peerlandscape.privacy: curated, documented, and loaded only when used."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import peerlandscape as pl
from peerlandscape import privacy


def isort_style(name: str) -> tuple[int, str]:
    """The order ruff's RUF022 keeps ``__all__`` in: CONSTANTS, then Classes, then the rest."""
    return (0 if name.isupper() else 1 if name[:1].isupper() else 2), name


def test_all_is_sorted_and_names_the_api() -> None:
    assert privacy.__all__ == sorted(privacy.__all__, key=isort_style)
    assert set(privacy.__all__) == {
        "Finding",
        "FindingKind",
        "Key",
        "PseudonymisationResult",
        "Replacement",
        "StudyFinding",
        "pseudonymise",
        "scan",
        "scan_study",
    }


@pytest.mark.parametrize("name", privacy.__all__)
def test_every_public_name_is_documented_under_its_public_module(name: str) -> None:
    obj = getattr(privacy, name)
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else obj.__doc__
    assert doc
    assert doc.strip()
    assert obj.__module__ == "peerlandscape.privacy"


def test_the_package_is_a_layer_of_the_top_level() -> None:
    assert "privacy" in pl.__all__
    assert "privacy" in dir(pl)
    assert pl.privacy is privacy
    # The validation report's Finding keeps the top-level name; this one is privacy's own.
    assert pl.Finding is not privacy.Finding
    assert pl.Finding.__module__ == "peerlandscape"


def loaded_after(code: str, names: tuple[str, ...]) -> set[str]:
    report = f"import sys\nprint(' '.join(n for n in {names!r} if n in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\n{report}"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(result.stdout.split())


LAYERS = ("peerlandscape.privacy", "phonenumbers")


def test_importing_peerlandscape_loads_neither_the_layer_nor_phonenumbers() -> None:
    assert loaded_after("import peerlandscape", LAYERS) == set()


def test_the_layer_loads_when_first_used_and_phonenumbers_when_a_text_is_scanned() -> None:
    assert loaded_after("import peerlandscape as pl\npl.privacy", LAYERS) == {LAYERS[0]}
    scanned = "from peerlandscape.privacy import scan\nscan('070-174 06 05')"
    assert loaded_after(scanned, LAYERS) == set(LAYERS)
