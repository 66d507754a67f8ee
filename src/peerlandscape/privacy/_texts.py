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

from collections.abc import Iterator
from enum import Enum
from typing import Any

import attrs
from pydantic import BaseModel

from peerlandscape.models import Kind, Study, format_ref
from peerlandscape.models._refs import kind_of, references_of

__all__ = ["NOT_FREE_TEXT", "Path", "StudyText", "study_texts"]

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


def _skipped(model: type[BaseModel]) -> frozenset[str]:
    return NOT_FREE_TEXT | {reference.field for reference in references_of(model)}


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
    skipped = _skipped(type(model))
    for name in type(model).model_fields:
        if name in skipped:
            continue
        value = getattr(model, name)
        if isinstance(value, int) and not isinstance(value, bool):
            continue  # a number of the model (an age, a size), not a value someone typed
        yield from _values(value, ref, f"{prefix}{name}", (*path, name))


def study_texts(study: Study) -> Iterator[StudyText]:
    """Yield every free text of ``study``, in the order of its fields and objects.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> texts = list(study_texts(pl.datasets.engdahl2025()))
    >>> [(t.ref, t.field) for t in texts if t.ref == "participant:psw-5"]
    [('participant:psw-5', 'label')]
    >>> next(t for t in texts if t.ref.startswith("quote:")).field
    'text'
    """
    here = format_ref(Kind.STUDY, study.id)
    skipped = _skipped(Study)
    for name in Study.model_fields:
        if name in skipped:
            continue
        value = getattr(study, name)
        if isinstance(value, int):
            continue  # the year of publication
        items = value if isinstance(value, tuple) else (value,)
        for position, item in enumerate(items):
            kind = kind_of(type(item)) if isinstance(item, BaseModel) else None
            if kind is not None:
                path: Path = (name, position) if isinstance(value, tuple) else (name,)
                yield from _fields(item, format_ref(kind, item.id), "", path)
            elif isinstance(value, tuple):
                yield from _values(item, here, f"{name}.{position}", (name, position))
            else:
                yield from _values(item, here, name, (name,))
