"""The free texts of a study: every string a person wrote, with where it sits.

Found from the models themselves, so a new free-text field is scanned
without being listed here: every string, string in a list, and value of a
mapping (a participant's ``attributes``; an integer value too, since an
identity number may have been typed as one), in the study, in every object
of its collections and in the values nested in them (a study's design, an
interview's facilitators, a group's demographics). What is left out is
listed in :data:`NOT_FREE_TEXT`: ids and references to other objects, GUIDs,
dates, colours, language tags, enumerated values, and the bibliographic
facts of the publication (its authors, journal and DOI), which are public.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Collection, Iterator, Mapping
from enum import Enum
from functools import cache
from typing import Any

import attrs
from pydantic import BaseModel

from peerlandscape.models import Kind, Study, format_ref
from peerlandscape.models._refs import collections_of, kind_of, references_of

__all__ = ["NOT_FREE_TEXT", "Path", "StudyText", "graph_texts", "study_texts"]

Path = tuple[str | int, ...]
"""Where a value sits in the study, from its root: ``("quotes", 3, "text")``."""

NOT_FREE_TEXT = frozenset(
    {
        "accepted",
        "authors",
        "color",
        "date",
        "doi",
        "guid",
        "id",
        "journal",
        "language",
        "published",
        "received",
        "schema_version",
    }
)
"""Fields that hold no free text (besides reference fields and enumerated values)."""


@attrs.frozen
class StudyText:
    """One free text of a study.

    Parameters
    ----------
    ref
        The object whose field holds it (``"quote:q1"``, or ``"study:<id>"``).
    field
        The field within that object, as a dotted path (``"notes.0"``).
    path
        Where it sits from the study's root, to put a changed value back.
    text
        The text (an integer value as its digits).
    value
        The value as the study holds it: the text, or the integer.
    """

    ref: str
    field: str
    path: Path
    text: str
    value: str | int


# Values of these types are never text someone typed (an int is, in a mapping of values).
_NEVER_TEXT = (bool, float, datetime.date, datetime.time, Enum)


def _may_hold_text(annotation: Any) -> bool:
    # The field's declared type: a datetime (a coding's time) can hold no text, and a model
    # all of whose fields are such needs no walking (400,000 codings in a large study).
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _may_hold_text(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_may_hold_text(arg) for arg in typing.get_args(annotation) if arg is not None)
    if annotation is type(None):
        return False
    return not (isinstance(annotation, type) and issubclass(annotation, _NEVER_TEXT))


@cache
def _scanned(model: type[BaseModel]) -> tuple[str, ...]:
    # Per model class, not per object: a large study holds tens of thousands of codings.
    skipped = NOT_FREE_TEXT | {reference.field for reference in references_of(model)}
    return tuple(
        name
        for name, info in model.model_fields.items()
        if name not in skipped and _may_hold_text(info.annotation)
    )


_KINDS: dict[type[object], Kind | None] = {}


def _kind(model: type[object]) -> Kind | None:
    # Remembered per class: a large study holds tens of thousands of objects.
    if model not in _KINDS:
        _KINDS[model] = kind_of(model) if issubclass(model, BaseModel) else None
    return _KINDS[model]


def _values(value: Any, ref: str, field: str, path: Path) -> Iterator[StudyText]:
    if value is None or isinstance(value, Enum | bool):
        return
    if isinstance(value, str):
        yield StudyText(ref, field, path, value, value)
    elif isinstance(value, int):
        yield StudyText(ref, field, path, str(value), value)
    elif isinstance(value, BaseModel):
        yield from _fields(value, ref, f"{field}.", path)
    elif isinstance(value, tuple | list):
        for position, item in enumerate(value):
            yield from _values(item, ref, f"{field}.{position}", (*path, position))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _values(item, ref, f"{field}.{key}", (*path, key))


def _fields(model: BaseModel, ref: str, prefix: str, path: Path) -> Iterator[StudyText]:
    for name in _scanned(type(model)):
        value = getattr(model, name)
        if isinstance(value, int) and not isinstance(value, bool):
            continue  # a number of the model (an age, a size), not a value someone typed
        yield from _values(value, ref, f"{prefix}{name}", (*path, name))


def study_texts(study: Study, *, kinds: Collection[Kind] | None = None) -> Iterator[StudyText]:
    """Yield every free text of ``study``, in the order of its fields and objects.

    ``kinds`` keeps the texts of objects of those kinds only (the study's own
    fields are of the kind ``study``), and walks nothing else.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> texts = list(study_texts(pl.datasets.engdahl2025()))
    >>> [(t.ref, t.field) for t in texts if t.ref == "participant:psw-5"]
    [('participant:psw-5', 'label')]
    >>> next(t for t in texts if t.ref.startswith("quote:")).field
    'text'
    >>> {t.ref.partition(":")[0] for t in study_texts(pl.datasets.engdahl2025(), kinds={"theme"})}
    {'theme'}
    """
    here = format_ref(Kind.STUDY, study.id)
    for name in _scanned(Study):
        value = getattr(study, name)
        if isinstance(value, int):
            continue  # the year of publication
        items = value if isinstance(value, tuple) else (value,)
        head = items[0] if items else None
        first = _kind(type(head))
        if kinds is not None and (first or Kind.STUDY) not in kinds:
            continue
        if isinstance(head, BaseModel) and not _scanned(type(head)):
            continue  # objects with no field that can hold text (codings)
        for position, item in enumerate(items):
            kind = _kind(type(item))
            if kind is not None:
                path: Path = (name, position) if isinstance(value, tuple) else (name,)
                yield from _fields(item, format_ref(kind, item.id), "", path)
            elif isinstance(value, tuple):
                yield from _values(item, here, f"{name}.{position}", (name, position))
            else:
                yield from _values(item, here, name, (name,))


# What a node's or an edge's attributes hold besides free text: the node's kind, and an
# edge's relation, its order among its kind and the coder who applied a code (an id).
_NOT_NODE_TEXT = NOT_FREE_TEXT | {"kind"}
_NOT_EDGE_TEXT = NOT_FREE_TEXT | {"relation", "position", "coder"}
_MODELS: dict[str, type[BaseModel]] = {
    collection.kind.value: collection.model
    for collection in collections_of(Study)
    if collection.kind is not None
}


def _attributes(
    attributes: Mapping[str, Any], skipped: frozenset[str], ref: str
) -> Iterator[StudyText]:
    for name, value in attributes.items():
        if name in skipped or (isinstance(value, int) and not isinstance(value, bool)):
            continue  # an int of its own is a number of the model, as in _fields
        yield from _values(value, ref, name, (name,))


def _node_skipped(kind: object) -> frozenset[str]:
    model = _MODELS.get(str(kind))
    if model is None:
        return _NOT_NODE_TEXT
    return _NOT_NODE_TEXT | {reference.field for reference in references_of(model)}


def graph_texts(graph: Any) -> Iterator[StudyText]:
    """Yield every free text of a study graph, located by node (or edge) and attribute.

    A graph is what :func:`~peerlandscape.to_networkx` makes of a study, or one
    edited or read back from a file since: its texts are found from the
    attributes themselves, leaving out those that hold no free text (as
    :func:`study_texts` does, and a node's ``kind``, an edge's ``relation``).
    A node is located by its name (``"participant:p1"``), an edge by its ends
    (``"group:psw -> subtheme:s1"``), the study's own fields (the graph
    attribute ``study``) at ``"study:<id>"``. A text's ``path`` starts at the
    attributes of its node, edge or graph.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> texts = list(graph_texts(pl.to_networkx(pl.datasets.engdahl2025())))
    >>> [(t.ref, t.field) for t in texts if t.ref == "participant:psw-5"]
    [('participant:psw-5', 'label')]
    >>> next(t.ref for t in texts if t.field == "evidence")
    'group:peer_support_worker -> subtheme:ensuring-financial-sustainability-for-growth'
    """
    for name, value in graph.graph.items():
        if name == "study" and isinstance(value, Mapping):
            here = format_ref(Kind.STUDY, str(value.get("id", "")))
            yield from _attributes(value, NOT_FREE_TEXT, here)
        elif name not in NOT_FREE_TEXT:
            yield from _values(value, "graph", name, (name,))
    skipped: dict[object, frozenset[str]] = {}
    for node, attributes in graph.nodes(data=True):
        kind = attributes.get("kind")
        if kind not in skipped:
            skipped[kind] = _node_skipped(kind)
        yield from _attributes(attributes, skipped[kind], str(node))
    for start, end, attributes in graph.edges(data=True):
        yield from _attributes(attributes, _NOT_EDGE_TEXT, f"{start} -> {end}")
