"""The shared pydantic base and the field types every model uses."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, StringConstraints

__all__ = ["ID_PATTERN", "Id", "Model", "Seq"]

T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
"""Ids are lower-case slugs: readable, stable across relabelling, safe in URLs and file names."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=128)]
"""A stable, readable identifier such as ``"psw-5"`` or ``"mitigating-peer-drifting"``."""


def _list_to_tuple(value: Any) -> Any:
    # Strict mode takes only tuples for tuple fields; users naturally pass lists, and a list
    # cannot hide a coercion the way "5" -> 5 can, so accept it here and nowhere else.
    if isinstance(value, list):
        return tuple(value)
    return value


Seq = Annotated[tuple[T, ...], BeforeValidator(_list_to_tuple)]
"""An immutable sequence field that also accepts a list on input."""


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
