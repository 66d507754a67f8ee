"""The reference framework an import matches codes against: a study, a dataset, a file.

Which reference a caller names is resolved in :mod:`peerlandscape._reference`, which the
spreadsheet reader shares; here are the framework objects the code tree is matched with.
"""

from __future__ import annotations

from typing import Any

from peerlandscape._reference import Reference, resolve_reference
from peerlandscape.models import Study
from peerlandscape.refi._conventions import Level

__all__ = ["Reference", "reference_objects", "resolve_reference"]


def reference_objects(reference: Study) -> dict[Level, dict[str, Any]]:
    """Return the framework objects of a reference study, by level and id."""
    objects: dict[Level, dict[str, Any]] = {
        "overarching_theme": {},
        "theme": {theme.id: theme for theme in reference.themes},
        "subtheme": {subtheme.id: subtheme for subtheme in reference.subthemes},
        "candidate_theme": {c.id: c for c in reference.candidate_themes},
        "code": {code.id: code for code in reference.codes},
    }
    if reference.overarching_theme is not None:
        overarching = reference.overarching_theme
        objects["overarching_theme"][overarching.id] = overarching
    return objects
