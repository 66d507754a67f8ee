"""The shared pydantic base and the field types every model uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

__all__ = ["GUID_PATTERN", "ID_PATTERN", "Guid", "Id", "Model", "Seq"]

T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
"""Ids are lower-case slugs: readable, stable across relabelling, safe in URLs and file names."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=128)]
"""A stable, readable identifier such as ``"psw-5"`` or ``"mitigating-peer-drifting"``."""

GUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
"""GUIDs are kept in the canonical form: lower case, hyphenated, no braces."""

Guid = Annotated[str, StringConstraints(pattern=GUID_PATTERN)]
"""The GUID an object has in a REFI-QDA file, kept so that an export writes the same GUID back."""


def _sequence_to_tuple(value: Any) -> Any:
    # Strict mode takes only tuples for tuple fields; users naturally pass lists (and the type
    # checker lets them pass any sequence), and a sequence cannot hide a coercion the way
    # "5" -> 5 can, so accept it here and nowhere else. A string is a sequence of strings to
    # the type checker but never a list of ids to the user: strict mode goes on refusing it.
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray | tuple):
        return tuple(value)
    return value


if TYPE_CHECKING:
    # What a type checker sees: the pydantic mypy plugin types a strict model's __init__ with
    # the field types, so a tuple here would refuse the list a user naturally writes.
    Seq = Annotated[Sequence[T], BeforeValidator(_sequence_to_tuple)]
else:
    # What runs: a tuple keeps the frozen model hashable and the JSON Schema an array.
    Seq = Annotated[tuple[T, ...], BeforeValidator(_sequence_to_tuple)]
"""An immutable sequence field that accepts any sequence (a list, say) on input.

Statically a ``Sequence[T]``, so ``Study(..., quotes=[quote])`` type-checks;
at run time always a ``tuple``.
"""


def _summary_only(schema: dict[str, Any]) -> None:
    # Class docstrings carry numpydoc sections and doctests; a JSON Schema reader wants the
    # opening paragraph only.
    description = schema.get("description")
    if isinstance(description, str):
        schema["description"] = description.split("\n\n", 1)[0].replace("\n", " ")


class Model(BaseModel):
    """Base of every peerlandscape model: strict, immutable, closed to unknown fields.

    Strict mode refuses silent coercions (``"5"`` for ``5``), ``extra="forbid"``
    refuses unknown keys (so a misspelt field, or a field that would carry a
    participant's real name, is an error rather than silently dropped), and
    ``frozen=True`` keeps a validated study valid.
    """

    model_config = ConfigDict(
        strict=True,
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
        validate_default=False,
        # JSON has no Infinity or NaN: accepting them would write null and change the study.
        allow_inf_nan=False,
        str_strip_whitespace=False,
        json_schema_extra=_summary_only,
    )
