"""Checking the arguments queries take: ids (bare or namespaced) and option values."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from peerlandscape._exceptions import InvalidOptionError, UnknownIdError

__all__ = ["choice", "known_id"]


def known_id(value: str, table: Mapping[str, Any], kind: str, prefix: str) -> str:
    """Return ``value`` as a bare id of ``table``; accept the graph's ``"prefix:id"`` form too.

    Raises
    ------
    UnknownIdError
        If the study has no such object.
    """
    bare = value.removeprefix(f"{prefix}:")
    if bare not in table:
        raise UnknownIdError(f"the study has no {kind} with id {value!r}", kind, value)
    return bare


def choice(name: str, value: str, choices: Collection[str]) -> None:
    """Refuse an option value outside its choices.

    Raises
    ------
    InvalidOptionError
        Naming the option, the value and the choices.
    """
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise InvalidOptionError(f"{name} must be one of {listed}, not {value!r}")
