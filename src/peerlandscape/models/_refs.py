"""The kinds of object a study holds, and which field refers to which kind: declared once.

Every model that has an id names its :class:`Kind` in a ``KIND`` class variable,
and every field that holds an id of another object carries a :class:`RefersTo`
in its ``Annotated`` type, next to the field itself::

    participant: Annotated[Id | None, RefersTo(Kind.PARTICIPANT, Relation.SAID, incoming=True)]

From these declarations alone the integrity checks know what to check, the
graph knows which edges to draw and how to read them back, and validation and
the command line know how to name an object (``"quote:q1"``, the one form made
by :func:`format_ref` and read by :func:`parse_ref`). A new kind or reference is
added by declaring it here and on the field; nothing else lists them.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from enum import StrEnum
from typing import Any, NamedTuple, Union

import attrs
from pydantic import BaseModel

__all__ = [
    "KIND_LABELS",
    "Collection",
    "Kind",
    "Reference",
    "RefersTo",
    "Relation",
    "collections_of",
    "format_ref",
    "iter_refs",
    "kind_label",
    "kind_of",
    "noun_of",
    "parse_ref",
    "references_of",
]


class Kind(StrEnum):
    """The kind of an object of a study; also the prefix of its namespaced id."""

    STUDY = "study"
    GROUP = "group"
    PARTICIPANT = "participant"
    INTERVIEW = "interview"
    REGION = "region"
    SOURCE = "source"
    QUOTE = "quote"
    CODER = "coder"
    CODE = "code"
    CANDIDATE_THEME = "candidate_theme"
    SUBTHEME = "subtheme"
    THEME = "theme"
    OVERARCHING_THEME = "overarching_theme"
    MEMO = "memo"


KIND_LABELS: dict[Kind, str] = {
    **{kind: kind.value for kind in Kind},
    Kind.GROUP: "stakeholder group",
    Kind.CANDIDATE_THEME: "candidate theme",
    Kind.SUBTHEME: "sub-theme",
    Kind.OVERARCHING_THEME: "overarching theme",
}
"""Each kind as a message names it."""


class Relation(StrEnum):
    """How two objects are linked, read as "source <relation> target" in the graph."""

    MEMBER_OF = "member_of"
    """participant -> group"""
    TOOK_PART_IN = "took_part_in"
    """participant -> interview; ``position`` is the participant's place in the interview's list"""
    INTERVIEWED_GROUP = "interviewed_group"
    """interview -> group (the group an interview was held with)"""
    HELD_IN = "held_in"
    """interview -> region"""
    TRANSCRIPT_OF = "transcript_of"
    """source -> interview"""
    SAID = "said"
    """participant -> quote"""
    FROM_INTERVIEW = "from_interview"
    """quote -> interview"""
    FROM_SOURCE = "from_source"
    """quote -> source"""
    CODED_AS = "coded_as"
    """quote -> code, candidate theme, sub-theme or theme: one edge per coding, whose
    ``coder``, ``when`` and ``guid`` attributes are the coding's"""
    CODED = "coded"
    """coder -> quote, once per coder and quote"""
    PLACED_UNDER = "placed_under"
    """code -> sub-theme"""
    CHILD_OF = "child_of"
    """code -> parent code"""
    GROUPED_INTO = "grouped_into"
    """code -> candidate theme"""
    DEVELOPED_INTO = "developed_into"
    """candidate theme -> sub-theme"""
    PART_OF = "part_of"
    """sub-theme -> theme, theme -> overarching theme, code -> theme"""
    STATED_VOICING = "stated_voicing"
    """group -> sub-theme, one edge per statement and group; ``evidence`` holds the sentence,
    ``position`` the group's place in the statement's list"""
    WRITTEN_BY = "written_by"
    """memo -> coder"""
    ABOUT = "about"
    """memo -> the object it is about (any kind); ``position`` keeps the memo's order"""


@attrs.frozen
class RefersTo:
    """Marks a field as holding the id of another object (or a list of such ids).

    Parameters
    ----------
    kind
        The kind the ids name; ``None`` for a field of namespaced ids
        (``"quote:q1"``) that may name an object of any kind.
    relation
        The graph relation the reference becomes.
    incoming
        Whether the graph edge points from the named object to this one
        (a participant *said* a quote) rather than from this one.
    """

    kind: Kind | None
    relation: Relation
    incoming: bool = False


class Reference(NamedTuple):
    """One reference field of a model, as :func:`references_of` lists it."""

    field: str
    """The field's name."""
    kind: Kind | None
    """The kind it names (``None``: namespaced ids of any kind)."""
    relation: Relation
    """The graph relation it becomes."""
    incoming: bool
    """Whether the edge points at the object that holds the field."""
    many: bool
    """Whether the field holds a sequence of ids."""


def format_ref(kind: Kind | str, object_id: str) -> str:
    """Return the namespaced id ``"<kind>:<id>"`` of an object.

    Examples
    --------
    >>> format_ref(Kind.QUOTE, "psw-12-continuous-training")
    'quote:psw-12-continuous-training'
    """
    return f"{Kind(kind).value}:{object_id}"


def parse_ref(ref: str) -> tuple[Kind, str]:
    """Split a namespaced id into its kind and object id.

    Raises
    ------
    ValueError
        If ``ref`` has no ``kind:`` prefix, an unknown kind, or no id.

    Examples
    --------
    >>> parse_ref("subtheme:mitigating-peer-drifting")
    (<Kind.SUBTHEME: 'subtheme'>, 'mitigating-peer-drifting')
    """
    kind, separator, object_id = ref.partition(":")
    if not separator or not object_id:
        # "quote" alone would otherwise pass as a quote with an empty id.
        raise ValueError(f"{ref!r} is not a namespaced id ('<kind>:<id>')")
    try:
        return Kind(kind), object_id
    except ValueError:
        known = ", ".join(k.value for k in Kind)
        raise ValueError(f"{ref!r} names an unknown kind {kind!r} (known: {known})") from None


def kind_of(model: type[Any]) -> Kind | None:
    """Return the kind a model class declares in its ``KIND`` class variable, if any."""
    kind = getattr(model, "KIND", None)
    return kind if isinstance(kind, Kind) else None


def _is_sequence(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_sequence(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        return any(_is_sequence(arg) for arg in typing.get_args(annotation))
    return origin in (tuple, list) or getattr(origin, "__name__", "") == "Sequence"


@functools.cache
def references_of(model: type[BaseModel]) -> tuple[Reference, ...]:
    """Return the reference fields a model declares, in field order.

    Examples
    --------
    >>> from peerlandscape.models import Participant
    >>> references_of(Participant)
    (Reference(field='group', kind=<Kind.GROUP: 'group'>, relation=<Relation.MEMBER_OF: ...>, incoming=False, many=False),)
    """  # noqa: E501
    found: list[Reference] = []
    for name, info in model.model_fields.items():
        many = _is_sequence(info.annotation)
        found.extend(
            Reference(name, marker.kind, marker.relation, marker.incoming, many)
            for marker in info.metadata
            if isinstance(marker, RefersTo)
        )
    return tuple(found)


def _item_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    # (the model a Study field holds, whether it holds a sequence of them)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _item_model(typing.get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            model, many = _item_model(arg)
            if model is not None:
                return model, many
        return None, False
    if origin in (tuple, list) or getattr(origin, "__name__", "") == "Sequence":
        model, _ = _item_model(typing.get_args(annotation)[0])
        return model, True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    return None, False


class Collection(NamedTuple):
    """A field of the study that holds objects."""

    field: str
    """The study's field, e.g. ``"quotes"``."""
    model: type[BaseModel]
    """The model of its objects."""
    kind: Kind | None
    """Their kind; ``None`` for objects without an id (codings, attributions)."""
    many: bool
    """Whether the field holds a sequence (else one object or ``None``)."""


@functools.cache
def collections_of(model: type[BaseModel]) -> tuple[Collection, ...]:
    """Return the fields of a container model (the study) that hold objects with references.

    Derived from the field types, so a new collection on the study is found
    without being listed anywhere.
    """
    found: list[Collection] = []
    for name, info in model.model_fields.items():
        item, many = _item_model(info.annotation)
        if item is None:
            continue
        kind = kind_of(item)
        if kind is None and not references_of(item):
            continue  # a plain nested value (design, period), not a collection of objects
        found.append(Collection(name, item, kind, many))
    return tuple(found)


def noun_of(collection: Collection) -> str:
    """Name an object of a collection in a message: its kind, or the field in the singular."""
    if collection.kind is not None:
        return KIND_LABELS[collection.kind]
    return collection.field.removesuffix("s")


def kind_label(reference: Reference) -> str:
    """Name what a reference field names, in a message."""
    return "object" if reference.kind is None else KIND_LABELS[reference.kind]


def iter_refs(value: Any, many: bool) -> Iterator[tuple[int | None, Any]]:
    """Yield ``(position or None, id)`` for a reference field's value, skipping ``None``."""
    if value is None:
        return
    if many:
        yield from enumerate(value)
    else:
        yield None, value
