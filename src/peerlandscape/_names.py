"""Names as readers take them from files: turned into ids, and matched whatever their case.

Every importer (REFI-QDA projects, spreadsheets of coded quotes) meets names
written by people: "Peer Support Wörker", " Mitigating peer drifting ". Ids
must be slugs (``ID_PATTERN``) and names are matched without regard to case
and surrounding or repeated whitespace; both rules are defined here, once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from peerlandscape.models._base import ID_PATTERN

__all__ = ["MAX_ID", "as_id", "fold"]

_ID: Final = re.compile(ID_PATTERN)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")

MAX_ID: Final = 128
"""The longest id the models take."""


def as_id(value: str) -> str:
    """Return ``value`` as an id: unchanged if it is one, else folded to ASCII words.

    The result is empty when ``value`` has no ASCII letter or digit to keep.

    Examples
    --------
    >>> as_id("peer_support_worker"), as_id("Peer Support Wörker")
    ('peer_support_worker', 'peer-support-worker')
    >>> as_id("同伴支持")
    ''
    """
    if len(value) <= MAX_ID and _ID.fullmatch(value):
        return value
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    folded = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return folded[:MAX_ID].rstrip("-")


def fold(value: str) -> str:
    """Return a name as names are matched: case- and whitespace-insensitively.

    Examples
    --------
    >>> fold("  Mitigating   Peer drifting ")
    'mitigating peer drifting'
    """
    return " ".join(value.casefold().split())
