"""The shared pydantic base and the field types every model uses."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, GetCoreSchemaHandler, StringConstraints
from pydantic_core import core_schema

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


def _sequence_to_tuple(value: Any) -> Any:
    # Strict mode takes only tuples for tuple fields; users naturally pass lists (and the type
    # checker lets them pass any sequence), and a sequence cannot hide a coercion the way
    # "5" -> 5 can, so accept it here and nowhere else. A string is a sequence of strings to
    # the type checker but never a list of ids to the user, and a set has no order: strict
    # mode goes on refusing both.
    if isinstance(value, Sequence) and not isinstance(value, str | bytes | bytearray | tuple):
        return tuple(value)
    return value


class _AnySequenceInPython:
    """Let a tuple field take any sequence from Python, and leave JSON arrays to pydantic.

    A plain before-validator would do the first, but would also make pydantic turn
    every JSON array of a document into Python lists before validating it: a quarter
    of :func:`~peerlandscape.read_json`'s peak memory. JSON arrays need no help.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        return core_schema.json_or_python_schema(
            json_schema=schema,
            python_schema=core_schema.no_info_before_validator_function(_sequence_to_tuple, schema),
        )


if TYPE_CHECKING:
    # What a type checker sees: the pydantic mypy plugin types a strict model's __init__ with
    # the field types, so a tuple here would refuse the list a user naturally writes.
    Seq = Annotated[Sequence[T], _AnySequenceInPython()]
else:
    # What runs: a tuple keeps the frozen model hashable and the JSON Schema an array.
    Seq = Annotated[tuple[T, ...], _AnySequenceInPython()]
"""An immutable sequence field that accepts any sequence (a list, say) on input.

Statically a ``Sequence[T]``, so ``Study(..., quotes=[quote])`` type-checks;
at run time always a ``tuple``.
"""


_ARRAY_LENGTHS = {"minLength": "minItems", "maxLength": "maxItems"}


def _json_schema_of_model(schema: dict[str, Any]) -> None:
    # Class docstrings carry numpydoc sections and doctests; a JSON Schema reader wants the
    # opening paragraph only.
    description = schema.get("description")
    if isinstance(description, str):
        schema["description"] = description.split("\n\n", 1)[0].replace("\n", " ")
    # A length bound on a sequence field (min_length=1) reaches pydantic's JSON Schema as a
    # string's, since the field's schema differs between Python and JSON input
    # (_AnySequenceInPython); an array's bound is minItems/maxItems.
    for field in schema.get("properties", {}).values():
        if field.get("type") == "array":
            for wrong, right in _ARRAY_LENGTHS.items():
                if wrong in field:
                    field[right] = field.pop(wrong)


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
        json_schema_extra=_json_schema_of_model,
    )

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        # Only what was given, long texts shortened: a transcript or a quote in full would
        # flood the console that shows it.
        from peerlandscape._views import model_repr_args  # noqa: PLC0415 - views read models

        return model_repr_args(self)


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
        if given is last:
            continue  # already shared: comparing a set with itself still visits each name
        if given != last:
            last = shared.setdefault(frozenset(given), given)
        if given is not last:
            object.__setattr__(model, "__pydantic_fields_set__", last)
