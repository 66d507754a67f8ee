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

__all__ = ["ReadableIds", "readable_ids"]

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


class ReadableIds:
    """Gives imported objects slug ids, a few collections at a time, and renames references.

    :meth:`name` renames the objects of the collections it is given and
    rewrites the references in them, to those objects and to every object
    renamed before. An importer names what quotes refer to first, gives each
    quote its readable id as it makes it (:meth:`new_id`), so that no coding
    has to be rewritten, and names the memos last. Ids are unique within a
    kind, so the order of the calls does not change them.
    """

    def __init__(self) -> None:
        self._renamed: dict[Kind, dict[str, str]] = {}
        self._taken: dict[Kind, set[object]] = {}

    def name(self, fields: dict[str, Any]) -> None:
        """Give the imported objects of the collections in ``fields`` slug ids, in place.

        Objects that are dictionaries with a GUID for id are renamed, their
        GUID kept in ``guid``; objects carried from a reference framework
        (models, already with readable ids) keep theirs, and no new id takes
        one of them.
        """
        collections = [c for c in collections_of(Study) if c.field in fields]
        for collection in collections:
            kind = collection.kind
            if kind is None:
                continue
            records = list(_records(fields, collection))
            taken = self._taken.setdefault(kind, set())
            taken.update(getattr(obj, "id", None) for obj in records if not isinstance(obj, dict))
            names = self._renamed.setdefault(kind, {})
            for record in records:
                if not isinstance(record, dict):
                    continue
                old = record.get("id")
                if not isinstance(old, str) or not _GUID.fullmatch(old):
                    taken.add(old)
                    continue
                new = self._unique(_slug(record, kind), taken)
                names[old] = new
                record["id"] = new
                record.setdefault("guid", old)
        for collection in collections:
            plan = _plan(references_of(collection.model), self._renamed)
            if not plan:
                continue
            for record in _records(fields, collection):
                if isinstance(record, dict):
                    _rewrite(record, plan, self._renamed)

    def new_id(self, kind: Kind, record: Mapping[str, Any]) -> str:
        """Return the slug id of a new object of ``kind``, unique among the objects named.

        The id is the one :meth:`name` would give the record; nothing that
        refers to it needs rewriting.
        """
        return self._unique(_slug(record, kind), self._taken.setdefault(kind, set()))

    def renamed(self, kind: Kind) -> Mapping[str, str]:
        """Return the new id of each renamed object of ``kind``, by its GUID."""
        return self._renamed.get(kind, {})

    def id_of(self, kind: Kind, old: str) -> str:
        """Return the id an object of ``kind`` has now, given the id it had (its GUID)."""
        return self._renamed.get(kind, {}).get(old, old)

    @staticmethod
    def _unique(base: str, taken: set[object]) -> str:
        new, suffix = base, 1
        while new in taken:
            suffix += 1
            new = f"{base}-{suffix}"
        taken.add(new)
        return new


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
    ReadableIds().name(fields)


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
