"""How the importer takes names and texts from a file: as written, folded, or as ids.

:func:`as_id` and :func:`fold` are :mod:`peerlandscape._names`'s, shared with the
spreadsheet reader.
"""

from __future__ import annotations

from peerlandscape._names import as_id, fold

__all__ = ["as_id", "fold", "name_or_none", "non_blank"]


def non_blank(value: str | None) -> str | None:
    """Return ``value`` unless it is missing or blank."""
    return value if value is not None and value.strip() else None


def name_or_none(value: str | None) -> str | None:
    """Return a name as written, or None when it is missing or empty.

    A name of spaces is still a name: the writer keeps whatever a label holds,
    and a round trip must give it back.
    """
    return value or None
