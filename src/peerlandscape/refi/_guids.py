"""GUIDs as REFI-QDA writes them, and GUIDs peerlandscape derives itself.

Vendors write the same GUID as ``9FA9BCB7-...`` (ATLAS.ti, MAXQDA),
``9fa9bcb7-...`` or ``{9fa9bcb7-...}`` (the standard's own example). The
reader stores every GUID in one canonical form, lower-case without braces, so
that references compare equal to the GUIDs they point at.
"""

from __future__ import annotations

import json
import re
import uuid
from typing import Final

from peerlandscape._exceptions import DocumentError

__all__ = ["PEERLANDSCAPE_REFI_NAMESPACE", "normalize_guid", "stable_guid"]

#: The namespace of every GUID :func:`stable_guid` derives. It is itself
#: ``uuid5(NAMESPACE_URL, "https://peerlandscape.invalid/refi-qda")``, so it can
#: be re-derived rather than trusted; it must never change, or every derived
#: GUID changes with it.
PEERLANDSCAPE_REFI_NAMESPACE: Final = uuid.UUID("692138d2-7c8f-50bc-866a-1334f17ae962")

# The XSD's GUIDType: 8-4-4-4-12 hex digits, optionally in braces. Stricter
# than uuid.UUID(), which also takes "urn:uuid:" prefixes and bare hex.
_GUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def normalize_guid(value: str, *, where: str | None = None) -> str:
    """Return a REFI-QDA GUID in canonical form: lower-case, no braces.

    Parameters
    ----------
    value
        The GUID as written, in any case, with or without braces and
        surrounding whitespace.
    where
        Where the value was found, for the error message (an element path).

    Returns
    -------
    str
        The GUID as 36 lower-case characters.

    Raises
    ------
    DocumentError
        The value is not a GUID; the message quotes it.

    Examples
    --------
    >>> normalize_guid(" {D7AA29DA-519B-4946-9B90-253B6DB8FD0A} ")
    'd7aa29da-519b-4946-9b90-253b6db8fd0a'
    >>> normalize_guid("not-a-guid", where="Project/Users/User")
    Traceback (most recent call last):
    ...
    peerlandscape._exceptions.DocumentError: invalid GUID 'not-a-guid' at Project/Users/User: ...
    """
    text = value.lower()
    if _GUID.fullmatch(text):
        # The common case, checked first: a reader calls this once per
        # element of a project that may hold a hundred thousand.
        return text
    text = text.strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    if not _GUID.fullmatch(text):
        place = f" at {where}" if where else ""
        raise DocumentError(
            f"invalid GUID {value!r}{place}: expected 8-4-4-4-12 hexadecimal digits, "
            "optionally in braces"
        )
    return text


def stable_guid(namespace_id: str, *parts: str) -> str:
    """Derive a GUID that is the same every time for the same inputs.

    Used where a REFI-QDA document needs a GUID the source data never had, so
    that writing the same study twice yields the same file. The name hashed
    by UUID version 5 under :data:`PEERLANDSCAPE_REFI_NAMESPACE` is the JSON
    array ``[namespace_id, *parts]``, so distinct argument lists can never
    collide by concatenation (``("ab", "c")`` differs from ``("a", "bc")``).

    Parameters
    ----------
    namespace_id
        What kind of thing the GUID names, e.g. ``"code"`` or ``"quote"``.
    *parts
        What identifies the thing within that kind.

    Returns
    -------
    str
        A version 5 GUID in canonical form (lower-case, no braces).

    Examples
    --------
    >>> stable_guid("code", "Peer support", "Trust")
    '9b52afc0-7f9b-58de-b575-d9442ed6fc08'
    >>> stable_guid("code", "ab", "c") == stable_guid("code", "a", "bc")
    False
    >>> stable_guid("code", "x") == stable_guid("code", "x")
    True
    """
    name = json.dumps([namespace_id, *parts], ensure_ascii=False, separators=(",", ":"))
    return str(uuid.uuid5(PEERLANDSCAPE_REFI_NAMESPACE, name))
