"""The reference framework an import is matched against: a study, a dataset, or a file.

A researcher who coded their own data against a published framework names it
as the reference of an import (``reference="engdahl2025"``); the importers of
REFI-QDA projects and of spreadsheets then take the reference's ids for the
elements the data names, and carry its framework into the study.
"""

from __future__ import annotations

import os
from typing import Final

from peerlandscape.models import Study
from peerlandscape.readwrite._json import read_json

__all__ = ["BUILTIN_REFERENCES", "Reference", "resolve_reference"]

BUILTIN_REFERENCES: Final = frozenset({"engdahl2025"})
"""Names ``reference`` may give instead of a path: the built-in datasets."""

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
