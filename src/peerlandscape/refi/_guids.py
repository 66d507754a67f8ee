"""GUIDs as REFI-QDA writes them, and GUIDs peerlandscape derives itself.

Vendors write the same GUID as ``9FA9BCB7-...`` (ATLAS.ti, MAXQDA),
``9fa9bcb7-...`` or ``{9fa9bcb7-...}`` (the standard's own example). The
reader stores every GUID in one canonical form, lower-case without braces, so
that references compare equal to the GUIDs they point at.

Every GUID an export needs is derived by :func:`stable_guid`; the functions
below it state, once, which names each kind of element is derived from (the
table in ``docs/refi.md``), for the writer and the projection alike.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from typing import Final

from peerlandscape._exceptions import DocumentError

__all__ = [
    "PEERLANDSCAPE_REFI_NAMESPACE",
    "coding_guid",
    "container_guid",
    "match_canonical_guid",
    "normalize_guid",
    "object_guid",
    "placement_guid",
    "set_guid",
    "stable_guid",
    "variable_guid",
]

#: The namespace of every GUID :func:`stable_guid` derives. It is itself
#: ``uuid5(NAMESPACE_URL, "https://peerlandscape.invalid/refi-qda")``, so it can
#: be re-derived rather than trusted; it must never change, or every derived
#: GUID changes with it.
PEERLANDSCAPE_REFI_NAMESPACE: Final = uuid.UUID("692138d2-7c8f-50bc-866a-1334f17ae962")

# The XSD's GUIDType: 8-4-4-4-12 hex digits, optionally in braces. Stricter
# than uuid.UUID(), which also takes "urn:uuid:" prefixes and bare hex.
_GUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_GUID_LENGTH: Final = 36

#: Match a GUID already in canonical form (36 lower-case characters); None
#: otherwise. A reader lowers an attribute and tries this before the general
#: :func:`normalize_guid`, to save two calls per element.
match_canonical_guid: Final = _GUID.fullmatch

# A SHA-1 state already fed the namespace, copied for each GUID (see stable_guid).
_NAMESPACE_STATE: Final = hashlib.sha1(PEERLANDSCAPE_REFI_NAMESPACE.bytes, usedforsecurity=False)
# Strings that json.dumps(ensure_ascii=False) writes between quotes unchanged.
_JSON_ESCAPED: Final = re.compile(r'[\x00-\x1f"\\]')
# The RFC 4122 variant digit for each hex digit of the digest in its place.
_VARIANT: Final = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}


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
    peerlandscape.DocumentError: invalid GUID 'not-a-guid' at Project/Users/User: ...
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

    An export derives a GUID for every quote and every coding (hundreds of
    thousands in a large study), so this does not go through ``uuid.uuid5``,
    which builds a ``UUID`` object (and ``json.dumps`` a list) each time: it
    hashes the same bytes with a SHA-1 state already fed the namespace and
    formats the digest directly. The result is identical (a test checks it
    against ``uuid.uuid5``).

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
    every = (namespace_id, *parts)
    if _JSON_ESCAPED.search("".join(every)) is None:
        name = '["' + '","'.join(every) + '"]'
    else:
        name = json.dumps(every, ensure_ascii=False, separators=(",", ":"))
    state = _NAMESPACE_STATE.copy()
    state.update(name.encode("utf-8"))
    digits = state.hexdigest()
    # Version 5 in the 13th digit; the RFC 4122 variant in the top bits of the 17th.
    return (
        f"{digits[:8]}-{digits[8:12]}-5{digits[13:16]}-"
        f"{_VARIANT[digits[16]]}{digits[17:20]}-{digits[20:32]}"
    )


# -- the GUID of each kind of element an export writes --------------------------------------


def object_guid(kind: str, object_id: str) -> str:
    """Return the GUID a study object is written with: ``stable_guid(kind, id)``.

    An object whose id already is a canonical GUID (it was imported) keeps
    it, so that imported projects round-trip with their own GUIDs.

    Parameters
    ----------
    kind
        The graph's node kind of the object (``"code"``, ``"quote"``, ...).
    object_id
        The object's id in the study.

    Returns
    -------
    str
        The GUID.

    Examples
    --------
    >>> object_guid("code", "trust") == stable_guid("code", "trust")
    True
    >>> object_guid("code", "d7aa29da-519b-4946-9b90-253b6db8fd0a")
    'd7aa29da-519b-4946-9b90-253b6db8fd0a'
    """
    if len(object_id) == _GUID_LENGTH and _GUID.fullmatch(object_id):
        return object_id
    return stable_guid(kind, object_id)


def coding_guid(
    quote_id: str, target_id: str, coder_id: str | None, repeat: int = 0, *, kind: str = "code"
) -> str:
    """Return the derived GUID of the ``<Coding>`` of a coding (one without a ``guid``).

    ``kind`` is what the coding applies (``"code"``, ``"candidate_theme"``,
    ``"subtheme"``, ``"theme"``); a code's id is hashed as it is, any other
    element's as ``kind:id``. ``repeat`` counts the earlier codings of the
    same quote, element and coder, so that every ``<Coding>`` has a GUID of
    its own. A sub-theme's first coding by no known coder (a paper's
    placement) keeps the GUID schema 1.0 gave a placement,
    :func:`placement_guid`.
    """
    if kind == "subtheme" and coder_id is None and not repeat:
        return placement_guid(quote_id, target_id)
    key = (quote_id, target_id if kind == "code" else f"{kind}:{target_id}", coder_id or "")
    if repeat:
        return stable_guid("coding", *key, str(repeat))
    return stable_guid("coding", *key)


def placement_guid(quote_id: str, subtheme_id: str) -> str:
    """Return the GUID of the ``<Coding>`` that places a quote directly under a sub-theme."""
    return stable_guid("placement", quote_id, subtheme_id)


def container_guid(interview_id: str | None) -> str:
    """Return the GUID of the container source of an interview's quotes (None: no interview)."""
    if interview_id is None:
        return stable_guid("container")
    return stable_guid("container", interview_id)


def set_guid(name: str) -> str:
    """Return the GUID of the ``<Set>`` of that name (never an interview's own GUID)."""
    return stable_guid("set", name)


def variable_guid(name: str) -> str:
    """Return the GUID of the case ``<Variable>`` of that name."""
    return stable_guid("variable", name)
