"""Small immutable values (attrs), usable as pydantic fields.

They are attrs classes rather than pydantic models because they are plain
values: slotted, hashable, comparable, validated on construction, and cheap to
create by the hundred thousand. :func:`_pydantic_value` teaches pydantic to
validate and serialise them as JSON objects.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, cast

import attrs
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, GetCoreSchemaHandler
from pydantic_core import core_schema
from typing_extensions import TypedDict

__all__ = ["NumericSummary", "PartialDate", "Period", "Span", "Timestamp"]

_PARTIAL_DATE = re.compile(r"^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$")


_SCHEMA = "peerlandscape_schema"  # the key under which a value field keeps its JSON form
_NUMBER = "number"


def value_field(kind: type | str, *, description: str, ge: int | None = None) -> Any:
    """Declare a field of a small value, once: its type, constraint and description.

    The attrs validator (run on every construction) and the JSON form pydantic
    validates and the JSON Schema shows are both made from this declaration.
    ``kind`` is ``int``, ``str`` (a partial date), or ``"number"`` (an int or a
    float, finite).
    """
    constraints: dict[str, Any] = {"description": description}
    if ge is not None:
        constraints["ge"] = ge
    if kind is int:
        schema: Any = Annotated[int, Field(**constraints)]
    elif kind == _NUMBER:
        schema = Annotated[float | int, Field(**constraints)]
    else:
        schema = Annotated[str, Field(pattern=_PARTIAL_DATE.pattern, **constraints)]

    def check(_instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        name = attribute.name
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"{name} must be an int, got {value!r}")
        elif kind == _NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"{name} must be a number, got {value!r}")
            # An int is always finite; math.isfinite would overflow on a huge one.
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{name} must be finite, got {value!r}")
        elif not isinstance(value, str) or not _PARTIAL_DATE.fullmatch(value):
            raise ValueError(f"{name} must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        else:
            _real_date(value)
        if ge is not None and value < ge:
            raise ValueError(f"{name} must be >= {ge}, got {value}")

    return attrs.field(validator=check, metadata={_SCHEMA: schema})


def _summary(cls: type) -> str:
    return (cls.__doc__ or cls.__name__).split("\n\n", 1)[0].replace("\n", " ").strip()


def _pydantic_value(
    cls: type[Any], _source: Any, handler: GetCoreSchemaHandler
) -> core_schema.CoreSchema:
    # The JSON form is a closed object of the attrs fields, made from their declarations
    # (value_field): validated strictly, then given to the attrs class, whose validators and
    # cross-field checks run as on any construction. Instances pass through untouched.
    fields = {field.name: field.metadata[_SCHEMA] for field in attrs.fields(cls)}
    # The functional form gives the TypedDict the public name, which JSON Schema shows.
    form: Any = cast(Any, TypedDict)(cls.__name__, fields)
    form.__pydantic_config__ = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        json_schema_extra={"description": _summary(cls)},
    )
    from_mapping = core_schema.no_info_after_validator_function(
        lambda data: cls(**data), handler.generate_schema(form)
    )
    return core_schema.json_or_python_schema(
        json_schema=from_mapping,
        python_schema=core_schema.no_info_wrap_validator_function(
            lambda value, validate: value if isinstance(value, cls) else validate(value),
            from_mapping,
        ),
        serialization=core_schema.plain_serializer_function_ser_schema(attrs.asdict),
    )


def _real_date(value: str) -> str:
    # The pattern admits 2023-02-31; the calendar does not.
    if len(value) == len("YYYY-MM-DD"):
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date in the calendar") from None
    return value


@attrs.frozen
class Span:
    """A half-open range ``[start, end)`` of Unicode code points in a source text.

    Parameters
    ----------
    start
        Offset of the first character, ``>= 0``.
    end
        Offset one past the last character; ``start <= end`` is enforced.

    Examples
    --------
    >>> Span(3, 8).slice("Peer support work")
    'r sup'
    >>> len(Span(3, 8))
    5
    >>> Span(8, 3)
    Traceback (most recent call last):
    ...
    ValueError: Span end (3) is before start (8)
    """

    start: int = value_field(int, ge=0, description="First character, in code points.")
    end: int = value_field(int, ge=0, description="One past the last character (half-open).")

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"Span end ({self.end}) is before start ({self.start})")

    def __len__(self) -> int:
        return self.end - self.start

    def slice(self, text: str) -> str:
        """Return the part of ``text`` this span covers."""
        return text[self.start : self.end]

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _pydantic_value(cls, source, handler)


@attrs.frozen
class NumericSummary:
    """An aggregate reported as "mean (range)", as in a demographics table.

    Examples
    --------
    >>> NumericSummary(mean=41.8, minimum=28, maximum=58)
    NumericSummary(mean=41.8, minimum=28, maximum=58)
    >>> NumericSummary(mean=70, minimum=28, maximum=58)
    Traceback (most recent call last):
    ...
    ValueError: NumericSummary mean 70 lies outside its range [28, 58]
    """

    mean: float = value_field(_NUMBER, description="Arithmetic mean as reported.")
    minimum: float = value_field(_NUMBER, description="Smallest value (range start).")
    maximum: float = value_field(_NUMBER, description="Largest value (range end).")

    def __attrs_post_init__(self) -> None:
        if self.maximum < self.minimum:
            raise ValueError(
                f"NumericSummary maximum {self.maximum} is below minimum {self.minimum}"
            )
        if not self.minimum <= self.mean <= self.maximum:
            raise ValueError(
                f"NumericSummary mean {self.mean} lies outside its range "
                f"[{self.minimum}, {self.maximum}]"
            )

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _pydantic_value(cls, source, handler)


PartialDate = Annotated[
    str,
    Field(
        pattern=_PARTIAL_DATE.pattern,
        description="An ISO 8601 date to the precision known: YYYY, YYYY-MM or YYYY-MM-DD.",
    ),
    AfterValidator(_real_date),
]
"""A date known only to the year or month (papers often say "June 2023")."""


def _iso_timestamp(value: Any) -> Any:
    # Strict mode takes only datetime objects from Python; a dict read from a document holds
    # the ISO 8601 text JSON carries. Parse that text here, and nothing else (no Unix seconds,
    # which lax mode would take for a date).
    if isinstance(value, str):
        try:
            return datetime.datetime.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date and time") from None
    return value


Timestamp = Annotated[datetime.datetime, BeforeValidator(_iso_timestamp)]
"""A moment (ISO 8601 date and time, with or without a UTC offset), e.g. when a code was applied."""


@attrs.frozen
class Period:
    """An inclusive period whose ends are known to a year, month or day.

    Examples
    --------
    >>> Period("2023-06", "2023-12")
    Period(start='2023-06', end='2023-12')
    >>> Period("2023-12", "2023-06")
    Traceback (most recent call last):
    ...
    ValueError: Period end '2023-06' is before start '2023-12'
    """

    start: str = value_field(str, description="First year, month or day.")
    end: str = value_field(str, description="Last one, inclusive.")

    def __attrs_post_init__(self) -> None:
        # ISO partial dates sort lexicographically; compare on the common precision so that
        # "2023" .. "2023-12" is accepted.
        width = min(len(self.start), len(self.end))
        if self.end[:width] < self.start[:width]:
            raise ValueError(f"Period end {self.end!r} is before start {self.start!r}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return _pydantic_value(cls, source, handler)
