"""The shared pydantic base and the field types every model uses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Strict, StringConstraints

__all__ = ["GUID_PATTERN", "ID_PATTERN", "Guid", "Id", "Model", "Seq", "share_fields_sets"]

T = TypeVar("T")

ID_PATTERN = r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$"
"""Ids are lower-case slugs: readable, stable across relabelling, safe in URLs and file names."""

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, min_length=1, max_length=128)]
"""A stable, readable identifier such as ``"psw-5"`` or ``"mitigating-peer-drifting"``."""

GUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
"""GUIDs are kept in the canonical form: lower case, hyphenated, no braces."""

Guid = Annotated[str, StringConstraints(pattern=GUID_PATTERN)]
"""The GUID an object has in a REFI-QDA file, kept so that an export writes the same GUID back."""


if TYPE_CHECKING:
    # What a type checker sees: the pydantic mypy plugin types a strict model's __init__ with
    # the field types, so a tuple here would refuse the list a user naturally writes.
    Seq = Annotated[Sequence[T], Strict(False)]
else:
    # What runs: a tuple keeps the frozen model hashable and the JSON Schema an array. Strict
    # mode would take only tuples; users naturally pass lists, and a list cannot hide a
    # coercion the way "5" -> 5 can, so the sequence itself is lax while what it holds stays
    # strict, and a string is still refused. (A before-validator converting lists would make
    # pydantic turn every JSON array of a document into Python lists first: a quarter of
    # read_json's peak memory.)
    Seq = Annotated[tuple[T, ...], Strict(False)]
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


def share_fields_sets(
    models: Iterable[BaseModel], shared: dict[frozenset[str], set[str]] | None = None
) -> None:
    """Let models given the same fields share one set of their names.

    pydantic keeps, in each model, the set of the fields it was given
    (``model_fields_set``): 216 bytes for up to four names and 728 for more,
    as much as a quote's or a coding's own values take (pydantic-core issue
    1758). A study's quotes and codings are read with the same few sets of
    fields, so one set each will do. The models are frozen, and pydantic
    copies the set before it changes it (``model_copy``, ``copy``), so a
    shared set is never changed through one of them.

    Parameters
    ----------
    models
        The models, typically one collection of a study (runs of models with
        the same fields are handled fastest).
    shared
        Sets already shared, by their names; pass the same dictionary for
        models shared a slice at a time.
    """
    if shared is None:
        shared = {}
    last: set[str] | None = None
    for model in models:
        given = model.__pydantic_fields_set__
        if given != last:
            last = shared.setdefault(frozenset(given), given)
        if given is not last:
            object.__setattr__(model, "__pydantic_fields_set__", last)
