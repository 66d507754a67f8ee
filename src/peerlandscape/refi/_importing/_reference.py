"""The reference framework an import matches codes against: a study, a dataset, a file."""

from __future__ import annotations

import os
from typing import Any

from peerlandscape.models import Study
from peerlandscape.readwrite._json import read_json
from peerlandscape.refi._conventions import Level
from peerlandscape.refi._importing._mapping import BUILTIN_REFERENCES

__all__ = ["Reference", "reference_objects", "resolve_reference"]

Reference = Study | str | os.PathLike[str]
"""A reference framework: a study, a built-in dataset's name, or a study document's path."""


def resolve_reference(reference: Reference | None) -> Study | None:
    """Return the reference framework a mapping or a caller names.

    Parameters
    ----------
    reference
        A :class:`~peerlandscape.models.Study`, the name of a built-in
        dataset (``"engdahl2025"``), the path of a study JSON document, or
        None.

    Returns
    -------
    Study or None
        The reference study, or None when none is named.

    Raises
    ------
    MissingFileError
        A path was given and there is no such file.
    DocumentError, StudyValidationError
        The file is not a valid study document.

    Examples
    --------
    >>> resolve_reference("engdahl2025").id
    'engdahl2025'
    >>> resolve_reference(None) is None
    True
    """
    if reference is None or isinstance(reference, Study):
        return reference
    if isinstance(reference, str) and reference in BUILTIN_REFERENCES:
        from peerlandscape import datasets  # noqa: PLC0415 - loaded only when named

        loaded: Study = getattr(datasets, reference)()
        return loaded
    return read_json(reference)


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
