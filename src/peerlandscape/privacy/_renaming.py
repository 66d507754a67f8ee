"""New ids for objects whose ids were made from text that pseudonymising replaced.

An importer names an object by its label (or, lacking one, its text): a case
named ``Anna Andersson`` becomes participant ``anna-andersson``, a user
``anna.berg@example.se`` coder ``anna-berg-example-se``
(:class:`~peerlandscape.refi._importing._ids.ReadableIds`). Replacing the name
in the label leaves it in the id, and so in every reference, memo subject and
export. :func:`rename_ids` gives each such object the id the importer would
make from its new label (``person-1``), unique within its kind, and rewrites
every reference to it. Which fields refer to which kind comes from the models'
own declarations (:func:`~peerlandscape.models._refs.references_of`), so a new
reference field is rewritten without being listed here.

An id is taken to have been made from the old text when it is the slug of that
text, or that slug with the suffix (``-2``, ``-3``, ...) the importer adds on a
clash; any other id (``psw-1``, ``p1``) is the author's own and is kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import attrs

from peerlandscape._names import as_id
from peerlandscape.models import Kind, Study, format_ref, parse_ref
from peerlandscape.models._refs import Collection, collections_of, references_of
from peerlandscape.privacy._findings import FindingKind

__all__ = ["IdChange", "rename_ids", "renamed_ref"]

_NAME_FIELDS = ("label", "text")
"""The fields an importer makes an id from, in order of preference."""
_QUOTE_WORDS = 6
_QUOTE_LENGTH = 48


@attrs.frozen
class IdChange:
    """One object given a new id because its old id was made from replaced text."""

    kind: Kind
    old: str
    new: str
    finding: FindingKind
    """The kind of what was replaced in the text the id was made from."""

    @property
    def old_ref(self) -> str:
        """The object's namespaced id before: ``"participant:anna-andersson"``."""
        return format_ref(self.kind, self.old)

    @property
    def new_ref(self) -> str:
        """The object's namespaced id after: ``"participant:person-1"``."""
        return format_ref(self.kind, self.new)


def _slug(kind: Kind, names: Mapping[str, Any]) -> str:
    # The id an importer makes of an object before any clash: a quote is named by the
    # first words of its label or text, anything else by its whole label (or text).
    # Kept equal to ReadableIds.new_id by a test; imported from there, it would make this
    # package need lxml.
    for name in _NAME_FIELDS:
        value = names.get(name)
        if not isinstance(value, str) or not value or value.isspace():
            continue
        if kind is Kind.QUOTE:
            slug = as_id(" ".join(value.split(None, _QUOTE_WORDS)[:_QUOTE_WORDS]))
            slug = slug[:_QUOTE_LENGTH]
        else:
            slug = as_id(value)
        slug = slug.rstrip("-_.")
        if slug:
            return slug
    return kind.value.replace("_", "-")


def _made_from(object_id: str, slug: str) -> bool:
    return object_id == slug or re.fullmatch(rf"{re.escape(slug)}-\d+", object_id) is not None


def _items(study: Study, collection: Collection) -> tuple[Any, ...]:
    value = getattr(study, collection.field)
    if value is None:
        return ()
    return tuple(value) if collection.many else (value,)


def _records(data: dict[str, Any], collection: Collection) -> list[dict[str, Any]]:
    # The objects of a collection in the study's data, in the study's order.
    value = data.get(collection.field)
    if value is None:
        return []
    return list(value) if collection.many else [value]


def rename_ids(
    study: Study, data: dict[str, Any], replaced: Mapping[tuple[str, str], FindingKind]
) -> list[IdChange]:
    """Rename, in ``data``, the objects whose ids were made from text that was replaced.

    Parameters
    ----------
    study
        The study before pseudonymising.
    data
        The pseudonymised study as a dictionary (``study.model_dump()`` with
        the new texts put in); changed in place.
    replaced
        For each ``(ref, field)`` in which something was replaced, the kind of
        its first replacement.

    Returns
    -------
    list[IdChange]
        The objects renamed, in the order of the study.

    Examples
    --------
    >>> study = Study(id="demo", title="Demo", groups=[{"id": "psw", "label": "PSW"}],
    ...               participants=[{"id": "anna-andersson", "label": "Anna Andersson",
    ...                              "group": "psw"}],
    ...               memos=[{"id": "m1", "text": "Ok.", "about": ["participant:anna-andersson"]}])
    >>> data = study.model_dump()
    >>> data["participants"][0]["label"] = "Person 1"
    >>> rename_ids(study, data, {("participant:anna-andersson", "label"): FindingKind.NAME})
    [IdChange(kind=<Kind.PARTICIPANT: 'participant'>, old='anna-andersson', new='person-1', finding=<FindingKind.NAME: 'name'>)]
    >>> data["participants"][0]["id"], data["memos"][0]["about"]
    ('person-1', ['participant:person-1'])
    """  # noqa: E501
    changes: list[IdChange] = []
    renamed: dict[Kind, dict[str, str]] = {}
    collections = collections_of(Study)
    for collection in collections:
        kind = collection.kind
        if kind is None:
            continue
        planned: list[tuple[dict[str, Any], str, FindingKind]] = []
        kept: set[object] = set()
        for item, record in zip(_items(study, collection), _records(data, collection), strict=True):
            old = record["id"]
            ref = format_ref(kind, old)
            finding = next(
                (replaced[ref, name] for name in _NAME_FIELDS if (ref, name) in replaced), None
            )
            if finding is not None:
                before = _slug(kind, {name: getattr(item, name, None) for name in _NAME_FIELDS})
                after = _slug(kind, record)
                if after != before and _made_from(old, before):
                    planned.append((record, after, finding))
                    continue
            kept.add(old)
        names = renamed.setdefault(kind, {})
        for record, slug, finding in planned:
            new, suffix = slug, 1
            while new in kept:
                suffix += 1
                new = f"{slug}-{suffix}"
            kept.add(new)
            names[record["id"]] = new
            changes.append(IdChange(kind, record["id"], new, finding))
            record["id"] = new
    if changes:
        for collection in collections:
            _rewrite(data, collection, renamed)
    return changes


def _rewrite(
    data: dict[str, Any], collection: Collection, renamed: dict[Kind, dict[str, str]]
) -> None:
    references = references_of(collection.model)
    for record in _records(data, collection):
        for reference in references:
            value = record.get(reference.field)
            if value is None:
                continue
            if reference.kind is None:
                record[reference.field] = [renamed_ref(ref, renamed) for ref in value]
                continue
            names = renamed.get(reference.kind)
            if not names:
                continue
            if reference.many:
                record[reference.field] = [names.get(item, item) for item in value]
            else:
                record[reference.field] = names.get(value, value)


def renamed_ref(ref: str, renamed: Mapping[Kind, Mapping[str, str]]) -> str:
    """Return a namespaced id with the object's new id, if it was renamed.

    Examples
    --------
    >>> renamed_ref("coder:anna-berg-example-se", {Kind.CODER: {"anna-berg-example-se": "e-mail-1"}})
    'coder:e-mail-1'
    >>> renamed_ref("study:demo", {})
    'study:demo'
    """  # noqa: E501
    try:
        kind, object_id = parse_ref(ref)
    except ValueError:
        return ref
    return format_ref(kind, renamed.get(kind, {}).get(object_id, object_id))
