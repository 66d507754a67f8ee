"""Readable ids for imported objects, their GUIDs kept beside them.

The importer builds each part of the study document with each imported
object's GUID as its id, which keeps every cross-reference trivially right.
:class:`ReadableIds` then gives each object a slug made from its name (unique
within its kind, the same for the same project), keeps the GUID in the
object's ``guid`` field, and rewrites every reference to it. Which fields are
references comes from the models' own declarations
(:func:`~peerlandscape.models._refs.references_of`), so a new reference field
is renamed without being listed here. A project's tens of thousands of quotes
are named as they are made instead (:meth:`ReadableIds.new_ids`), after
everything they refer to, so that neither they nor their codings are rewritten.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Final

from peerlandscape._names import MAX_ID, as_id
from peerlandscape.models import Kind, Study, format_ref, parse_ref
from peerlandscape.models._base import GUID_PATTERN, ID_PATTERN
from peerlandscape.models._refs import Collection, collections_of, references_of

__all__ = ["ReadableIds", "readable_ids"]

_GUID: Final = re.compile(GUID_PATTERN)
_ID: Final = re.compile(ID_PATTERN)
# Every byte but a lower-case letter, a digit and a line break (which separates the names
# folded at once), as a space: what as_id replaces with a dash.
_SPACES: Final = bytes(
    byte if chr(byte) in string.ascii_lowercase + string.digits + "\n" else ord(" ")
    for byte in range(256)
)
_MAX_WORDS: Final = 6
_MAX_LENGTH: Final = 48
# What each kind's id is made from, in order of preference.
_NAME_FIELDS: Final = ("label", "text")


def _slug(record: Mapping[str, Any], kind: Kind) -> str:
    return _slugs([record], kind)[0]


def _slugs(records: Sequence[Mapping[str, Any]], kind: Kind) -> list[str]:
    """Return the slug of each record, made from the first of its names that gives one."""
    quote = kind is Kind.QUOTE
    found: list[str] = [""] * len(records)
    pending: list[int] = list(range(len(records)))
    for name in _NAME_FIELDS:
        values: list[str] = []
        places: list[int] = []
        for place in pending:
            value = records[place].get(name)
            if isinstance(value, str) and value and not value.isspace():
                # A quote is named by its first words; anything else by its whole name.
                words = value.split(None, _MAX_WORDS)[:_MAX_WORDS] if quote else None
                values.append(value if words is None else " ".join(words))
                places.append(place)
        for place, slug in zip(places, as_ids(values), strict=True):
            found[place] = (slug[:_MAX_LENGTH] if quote else slug).rstrip("-_.")
        pending = [place for place in pending if not found[place]]
    fallback = kind.value.replace("_", "-")
    return [slug or fallback for slug in found]


def as_ids(values: Sequence[str]) -> list[str]:
    """Return :func:`~peerlandscape._names.as_id` of each value, folding them all at once.

    An import names tens of thousands of quotes, and folding one name is a
    dozen calls; the values that are not ids already are folded as one text,
    a line each, so the calls are made once for all of them. Folding a line
    never reaches into the next (NFKD decomposes nothing into a line break,
    nor does it reorder marks across one), so each line folds as it would
    alone; a value holding a line break is folded alone. Each run of
    characters an id cannot hold becomes a space in one ``bytes.translate``,
    and the words of a line are joined by dashes: what ``as_id``'s
    substitution and strip give, without a Python call per run.

    Examples
    --------
    >>> as_ids(["peer_support_worker", "Peer Support Wörker", "同伴支持"])
    ['peer_support_worker', 'peer-support-worker', '']
    """
    found = list(values)
    lines: list[int] = []
    for place, value in enumerate(values):
        if "\n" in value:
            found[place] = as_id(value)
        elif not (len(value) <= MAX_ID and _ID.fullmatch(value)):
            lines.append(place)
    if lines:
        text = "\n".join(values[place] for place in lines)
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").lower()
        words = folded.translate(_SPACES).decode("ascii").split("\n")
        for place, line in zip(lines, words, strict=True):
            found[place] = "-".join(line.split())[:MAX_ID].rstrip("-")
    return found


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

    def new_ids(self, kind: Kind, records: Sequence[Mapping[str, Any]]) -> list[str]:
        """Return :meth:`new_id` of each record, in order, the names folded at once."""
        taken = self._taken.setdefault(kind, set())
        return [self._unique(base, taken) for base in _slugs(records, kind)]

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
