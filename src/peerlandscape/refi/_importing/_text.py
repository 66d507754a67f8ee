"""How the importer takes names and texts from a file: as written, folded, or as ids."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from peerlandscape.models._base import ID_PATTERN

__all__ = ["as_id", "fold", "name_or_none", "non_blank"]

_ID: Final = re.compile(ID_PATTERN)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_MAX_ID: Final = 128


def as_id(value: str) -> str:
    """Return ``value`` as an id: unchanged if it is one, else folded to ASCII words.

    Examples
    --------
    >>> as_id("peer_support_worker"), as_id("Peer Support Wörker")
    ('peer_support_worker', 'peer-support-worker')
    """
    if len(value) <= _MAX_ID and _ID.fullmatch(value):
        return value
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    folded = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return folded[:_MAX_ID].rstrip("-")


def fold(value: str) -> str:
    """Return a name as names are matched: case- and whitespace-insensitively (docs/refi.md)."""
    return " ".join(value.casefold().split())


def non_blank(value: str | None) -> str | None:
    """Return ``value`` unless it is missing or blank."""
    return value if value is not None and value.strip() else None


def name_or_none(value: str | None) -> str | None:
    """Return a name as written, or None when it is missing or empty.

    A name of spaces is still a name: the writer keeps whatever a label holds,
    and a round trip must give it back.
    """
    return value or None
