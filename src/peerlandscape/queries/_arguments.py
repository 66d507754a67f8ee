"""Checking the arguments queries take: ids (bare or namespaced) and option values."""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import TYPE_CHECKING

from peerlandscape._exceptions import InvalidOptionError, UnknownIdError
from peerlandscape.models import Kind
from peerlandscape.models._refs import KIND_LABELS

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["choice", "known_id"]


def known_id(study: Study, kind: Kind, value: str) -> str:
    """Return ``value`` as the bare id of an object of ``kind`` in ``study``.

    The namespaced form the graph and validation reports use (``"theme:..."``)
    is accepted too.

    Raises
    ------
    UnknownIdError
        If the study has no such object; the message suggests the closest ids.
    """
    table = study.index.by_kind[kind]
    bare = value.removeprefix(f"{kind.value}:")
    if bare not in table:
        label = KIND_LABELS[kind]
        close = difflib.get_close_matches(bare, list(table), n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownIdError(f"the study has no {label} with id {value!r}{hint}", label, value)
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
