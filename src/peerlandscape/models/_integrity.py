"""Referential integrity of a study: unique ids, resolvable references, an acyclic hierarchy.

These are the checks without which a study is not a study (a quote said by a
participant who does not exist). Judgements about the quality of an analysis
(orphan codes, thin sub-themes) belong to :mod:`peerlandscape.validation`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic_core import InitErrorDetails, PydanticCustomError

from peerlandscape.models._refs import (
    KIND_LABELS,
    Kind,
    Reference,
    collections_of,
    format_ref,
    iter_refs,
    kind_label,
    noun_of,
    parse_ref,
    references_of,
)

if TYPE_CHECKING:
    from peerlandscape.models._study import Study

__all__ = ["INTEGRITY_ERROR_TYPES", "integrity_errors"]

INTEGRITY_ERROR_TYPES = {
    "duplicate_id": "Two objects of the same kind share an id.",
    "unknown_reference": "A field names an object that the study does not contain.",
    "conflicting_parents": "A code names more than one of parent, candidate theme, sub-theme, "
    "theme.",
    "hierarchy_cycle": "Codes nest in a cycle (a code is its own ancestor).",
    "span_without_source": "A quote has a span but names no source text it lies in.",
    "duplicate_reference": "A list of references names the same object twice.",
}
"""The stable ``type`` codes integrity errors carry, with their meaning."""


# The fields that place a code in the framework; a code names at most one.
_CODE_PLACES = ("parent", "candidate_theme", "subtheme", "theme")


def _error(
    error_type: str, loc: tuple[str | int, ...], template: str, bad_input: Any, /, **ctx: Any
) -> InitErrorDetails:
    # The message is passed as a template whose only placeholders are ctx keys, so values
    # that contain braces cannot be mistaken for placeholders.
    return InitErrorDetails(
        type=PydanticCustomError(error_type, template, ctx),
        loc=loc,
        input=bad_input,
    )


def _duplicates(
    field: str, kind: str, objects: Sequence[Any], errors: list[InitErrorDetails]
) -> set[str]:
    seen: set[str] = set()
    for position, obj in enumerate(objects):
        if obj.id in seen:
            errors.append(
                _error(
                    "duplicate_id",
                    (field, position, "id"),
                    "{kind} id '{value}' is used more than once",
                    obj.id,
                    kind=kind,
                    value=obj.id,
                )
            )
        seen.add(obj.id)
    return seen


def _check_references(
    study: Study, known: Mapping[Kind, set[str]], errors: list[InitErrorDetails]
) -> None:
    """Check every reference field of every object against the ids of the kind it names."""
    for collection in collections_of(type(study)):
        references = references_of(collection.model)
        if not references:
            continue
        value = getattr(study, collection.field)
        objects: Sequence[Any] = value if collection.many else (() if value is None else (value,))
        noun = noun_of(collection)
        for reference in references:
            if reference.kind is None:
                errors.extend(_check_namespaced(collection.field, noun, objects, reference, known))
                continue
            targets = known[reference.kind]
            attribute = reference.field
            for position, obj in enumerate(objects):
                refs = getattr(obj, attribute)
                if refs is None:
                    continue
                # The common case first, without building locations: every reference known
                # and, in a list, none repeated. This runs once per quote and per coding; only
                # a study with an error takes the slow path.
                if (
                    (len(set(refs)) == len(refs) and targets.issuperset(refs))
                    if reference.many
                    else refs in targets
                ):
                    continue
                where = _Field(collection.field, position, noun, obj, attribute)
                errors.extend(_report_references(where, reference, refs, targets))


class _Field(NamedTuple):
    """One reference field of one object, as messages name it."""

    collection: str
    position: int
    noun: str
    obj: Any
    attribute: str

    def loc(self, index: int | None) -> tuple[str | int, ...]:
        base = (self.collection, self.position, self.attribute)
        return base if index is None else (*base, index)

    def duplicate(self, index: int | None, ref: str) -> InitErrorDetails:
        return _error(
            "duplicate_reference",
            self.loc(index),
            "{kind} '{name}' field '{field}' names '{value}' more than once",
            ref,
            kind=self.noun,
            name=getattr(self.obj, "id", "?"),
            field=self.attribute,
            value=ref,
        )

    def unknown(
        self, index: int | None, target: str, ref: str, known: Collection[str] = ()
    ) -> InitErrorDetails:
        name = getattr(self.obj, "id", None)
        where = f"{self.noun} '{name}'" if name is not None else f"{self.noun} #{self.position}"
        close = difflib.get_close_matches(ref, list(known), n=3) if known else []
        hint = "; did you mean " + ", ".join(f"'{c}'" for c in close) + "?" if close else ""
        return _error(
            "unknown_reference",
            self.loc(index),
            "{where} field '{field}' names unknown {target} '{value}'{hint}",
            ref,
            where=where,
            field=self.attribute,
            target=target,
            value=ref,
            hint=hint,
        )


def _report_references(
    where: _Field, reference: Reference, refs: Any, targets: set[str]
) -> Iterator[InitErrorDetails]:
    seen: set[str] = set()
    for index, ref in iter_refs(refs, reference.many):
        if ref in seen:
            yield where.duplicate(index, ref)
        seen.add(ref)
        if ref not in targets:
            yield where.unknown(index, kind_label(reference), ref, targets)


def _check_namespaced(
    field: str,
    noun: str,
    objects: Sequence[Any],
    reference: Reference,
    known: Mapping[Kind, set[str]],
) -> Iterator[InitErrorDetails]:
    # A field of "kind:id" strings that may name an object of any kind (a memo's subjects).
    for position, obj in enumerate(objects):
        where = _Field(field, position, noun, obj, reference.field)
        seen: set[str] = set()
        for index, ref in iter_refs(getattr(obj, reference.field), reference.many):
            if ref in seen:
                yield where.duplicate(index, ref)
            seen.add(ref)
            try:
                kind, object_id = parse_ref(ref)
            except ValueError:
                yield where.unknown(index, "object", ref)
                continue
            if object_id not in known[kind]:
                others = [format_ref(kind, other) for other in known[kind]]
                yield where.unknown(index, KIND_LABELS[kind], ref, others)


def _code_structure(study: Study, known_codes: set[str], errors: list[InitErrorDetails]) -> None:
    parents: dict[str, str] = {}
    for position, code in enumerate(study.codes):
        named = [name for name in _CODE_PLACES if getattr(code, name) is not None]
        if len(named) > 1:
            errors.append(
                _error(
                    "conflicting_parents",
                    ("codes", position, named[1]),
                    "code '{code}' sits under more than one of {fields} (here '{value}'); "
                    "give only one",
                    getattr(code, named[1]),
                    code=code.id,
                    fields=", ".join(named),
                    value=getattr(code, named[1]),
                )
            )
        if code.parent is not None and code.parent in known_codes:
            parents[code.id] = code.parent
    positions = {code.id: position for position, code in enumerate(study.codes)}
    state: dict[str, int] = {}  # 1: on the current path, 2: known to end at a root
    for start in parents:
        path: list[str] = []
        current: str | None = start
        while current is not None and state.get(current) is None:
            state[current] = 1
            path.append(current)
            current = parents.get(current)
        if current is not None and state.get(current) == 1:
            cycle = path[path.index(current) :]
            errors.append(
                _error(
                    "hierarchy_cycle",
                    ("codes", positions[current], "parent"),
                    "code '{code}' is its own ancestor through {cycle}",
                    parents[current],
                    code=current,
                    cycle=" -> ".join([*cycle, current]),
                )
            )
        for node in path:
            state[node] = 2


def integrity_errors(study: Study) -> list[InitErrorDetails]:
    """Return every integrity error of ``study``, in the order of its fields."""
    errors: list[InitErrorDetails] = []
    known: dict[Kind, set[str]] = {kind: set() for kind in Kind}
    known[Kind.STUDY] = {study.id}
    for collection in collections_of(type(study)):
        if collection.kind is None:
            continue
        value = getattr(study, collection.field)
        if collection.many:
            known[collection.kind] = _duplicates(
                collection.field, KIND_LABELS[collection.kind], value, errors
            )
        elif value is not None:
            known[collection.kind] = {value.id}
    _check_references(study, known, errors)

    for position, quote in enumerate(study.quotes):
        if quote.span is not None and quote.source is None:
            errors.append(
                _error(
                    "span_without_source",
                    ("quotes", position, "span"),
                    "quote '{quote}' has a span {start}..{end} but no source to locate it in",
                    {"start": quote.span.start, "end": quote.span.end},
                    quote=quote.id,
                    start=quote.span.start,
                    end=quote.span.end,
                )
            )
    _code_structure(study, known[Kind.CODE], errors)
    return errors
