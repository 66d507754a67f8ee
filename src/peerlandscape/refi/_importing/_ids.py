"""Readable ids for imported objects, their GUIDs kept beside them.

The importer first builds the study document with each imported object's
GUID as its id, which keeps every cross-reference trivially right. This pass
then gives each object a slug made from its name (unique within its kind,
the same for the same project), keeps the GUID in the object's ``guid``
field, and rewrites every reference to it. Which fields are references comes
from the models' own declarations (:func:`~peerlandscape.models._refs.references_of`),
so a new reference field is renamed without being listed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from peerlandscape.models import Kind, Study, format_ref, parse_ref
from peerlandscape.models._base import GUID_PATTERN
from peerlandscape.models._refs import Collection, collections_of, references_of
from peerlandscape.refi._importing._text import as_id

__all__ = ["readable_ids"]

_GUID: Final = re.compile(GUID_PATTERN)
_MAX_WORDS: Final = 6
_MAX_LENGTH: Final = 48
# What each kind's id is made from, in order of preference.
_NAME_FIELDS: Final = ("label", "text")


def _slug(record: Mapping[str, Any], kind: Kind) -> str:
    for name in _NAME_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            # A quote is named by its first words; anything else by its whole name.
            if kind is Kind.QUOTE:
                value = " ".join(value.split()[:_MAX_WORDS])
            slug = as_id(value)
            if kind is Kind.QUOTE:
                slug = slug[:_MAX_LENGTH]
            slug = slug.rstrip("-_.")
            if slug:
                return slug
    return kind.value.replace("_", "-")


def _records(fields: Mapping[str, Any], collection: Collection) -> Iterator[Any]:
    value = fields.get(collection.field)
    if value is None:
        return
    if collection.many:
        yield from value
    else:
        yield value


def readable_ids(fields: dict[str, Any]) -> None:
    """Give the imported objects of a study document slug ids, in place.

    Objects that are dictionaries with a GUID for id are renamed; objects
    carried from a reference framework (models, already with readable ids)
    keep theirs, and no new id takes one of them.

    Examples
    --------
    >>> fields = {
    ...     "quotes": [{"id": "0f8fad5b-d9cb-469f-a165-70867728950e", "text": "We agree."}],
    ...     "codes": [{"id": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "label": "Agreement"}],
    ...     "codings": [{"quote": "0f8fad5b-d9cb-469f-a165-70867728950e",
    ...                  "code": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}],
    ... }
    >>> readable_ids(fields)
    >>> fields["codings"], fields["codes"][0]["guid"]
    ([{'quote': 'we-agree', 'code': 'agreement'}], '7c9e6679-7425-40de-944b-e07fc1f90ae7')
    """
    collections = collections_of(Study)
    renamed: dict[Kind, dict[str, str]] = {}
    for collection in collections:
        kind = collection.kind
        if kind is None:
            continue
        records = list(_records(fields, collection))
        taken = {getattr(obj, "id", None) for obj in records if not isinstance(obj, dict)}
        names: dict[str, str] = {}
        for record in records:
            if not isinstance(record, dict):
                continue
            old = record.get("id")
            if not isinstance(old, str) or not _GUID.fullmatch(old):
                taken.add(old)
                continue
            base = _slug(record, kind)
            new, suffix = base, 1
            while new in taken:
                suffix += 1
                new = f"{base}-{suffix}"
            taken.add(new)
            names[old] = new
            record["id"] = new
            record.setdefault("guid", old)
        renamed[kind] = names
    for collection in collections:
        plan = _plan(references_of(collection.model), renamed)
        if not plan:
            continue
        for record in _records(fields, collection):
            if isinstance(record, dict):
                _rewrite(record, plan, renamed)


# (field, the renamed ids of the kind it names or None for namespaced ids, whether a list)
_Step = tuple[str, Mapping[str, str] | None, bool]


def _plan(references: Any, renamed: Mapping[Kind, Mapping[str, str]]) -> list[_Step]:
    # Worked out once per collection: this runs for every quote and every coding.
    return [
        (
            reference.field,
            None if reference.kind is None else renamed.get(reference.kind, {}),
            reference.many,
        )
        for reference in references
    ]


def _rewrite(
    record: dict[str, Any], plan: list[_Step], renamed: Mapping[Kind, Mapping[str, str]]
) -> None:
    for field, names, many in plan:
        value = record.get(field)
        if value is None:
            continue
        if names is None:
            record[field] = [_rename_ref(ref, renamed) for ref in value]
        elif many:
            record[field] = [names.get(item, item) for item in value]
        else:
            record[field] = names.get(value, value)


def _rename_ref(ref: str, renamed: Mapping[Kind, Mapping[str, str]]) -> str:
    try:
        kind, object_id = parse_ref(ref)
    except ValueError:
        return ref
    return format_ref(kind, renamed.get(kind, {}).get(object_id, object_id))
