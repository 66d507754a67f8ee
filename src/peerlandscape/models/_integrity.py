"""Referential integrity of a study: unique ids, resolvable references, an acyclic hierarchy.

These are the checks without which a study is not a study (a quote said by a
participant who does not exist). Judgements about the quality of an analysis
(orphan codes, thin sub-themes) belong to :mod:`peerlandscape.validation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from pydantic_core import InitErrorDetails, PydanticCustomError

if TYPE_CHECKING:
    from peerlandscape.models._study import Study

__all__ = ["INTEGRITY_ERROR_TYPES", "integrity_errors"]

INTEGRITY_ERROR_TYPES = {
    "duplicate_id": "Two objects of the same kind share an id.",
    "unknown_reference": "A field names an object that the study does not contain.",
    "conflicting_parents": "A code names more than one of parent, candidate theme, sub-theme.",
    "hierarchy_cycle": "Codes nest in a cycle (a code is its own ancestor).",
    "span_without_source": "A quote has a span but names no source text it lies in.",
    "duplicate_reference": "A list of references names the same object twice.",
}
"""The stable ``type`` codes integrity errors carry, with their meaning."""


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


class _Refs:
    """Collects unknown-reference errors for one study."""

    def __init__(self, errors: list[InitErrorDetails]) -> None:
        self.errors = errors

    def check(
        self,
        field: str,
        kind: str,
        objects: Sequence[Any],
        attribute: str,
        *,
        target: str,
        known: set[str],
        many: bool = False,
    ) -> None:
        for position, obj in enumerate(objects):
            value = getattr(obj, attribute)
            if value is None:
                continue
            # The common case first, without building locations: every reference
            # known and, in a list, none repeated. This runs once per quote and
            # per coding; only a study with an error takes the loop below.
            if (
                (len(set(value)) == len(value) and known.issuperset(value))
                if many
                else value in known
            ):
                continue
            values: Iterable[tuple[tuple[str | int, ...], str]]
            if many:
                values = (((field, position, attribute, i), v) for i, v in enumerate(value))
            else:
                values = (((field, position, attribute), value),)
            seen: set[str] = set()
            for loc, ref in values:
                if many:
                    if ref in seen:
                        self._duplicate(loc, kind, obj, attribute, ref)
                    seen.add(ref)
                if ref not in known:
                    name = getattr(obj, "id", None)
                    where = f"{kind} '{name}'" if name is not None else f"{kind} #{position}"
                    self.errors.append(
                        _error(
                            "unknown_reference",
                            loc,
                            "{where} field '{field}' names unknown {target} '{value}'",
                            ref,
                            where=where,
                            field=attribute,
                            target=target,
                            value=ref,
                        )
                    )

    def _duplicate(
        self, loc: tuple[str | int, ...], kind: str, obj: Any, attribute: str, ref: str
    ) -> None:
        self.errors.append(
            _error(
                "duplicate_reference",
                loc,
                "{kind} '{name}' field '{field}' names '{value}' more than once",
                ref,
                kind=kind,
                name=getattr(obj, "id", "?"),
                field=attribute,
                value=ref,
            )
        )


def _code_structure(study: Study, known_codes: set[str], errors: list[InitErrorDetails]) -> None:
    parents: dict[str, str] = {}
    for position, code in enumerate(study.codes):
        named = [
            name
            for name in ("parent", "candidate_theme", "subtheme")
            if getattr(code, name) is not None
        ]
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
    regions = _duplicates("regions", "region", study.regions, errors)
    groups = _duplicates("groups", "stakeholder group", study.groups, errors)
    participants = _duplicates("participants", "participant", study.participants, errors)
    interviews = _duplicates("interviews", "interview", study.interviews, errors)
    sources = _duplicates("sources", "source", study.sources, errors)
    quotes = _duplicates("quotes", "quote", study.quotes, errors)
    coders = _duplicates("coders", "coder", study.coders, errors)
    codes = _duplicates("codes", "code", study.codes, errors)
    candidates = _duplicates("candidate_themes", "candidate theme", study.candidate_themes, errors)
    subthemes = _duplicates("subthemes", "sub-theme", study.subthemes, errors)
    themes = _duplicates("themes", "theme", study.themes, errors)

    refs = _Refs(errors)
    refs.check(
        "participants",
        "participant",
        study.participants,
        "group",
        target="stakeholder group",
        known=groups,
    )
    refs.check(
        "interviews",
        "interview",
        study.interviews,
        "stakeholder_group",
        target="stakeholder group",
        known=groups,
    )
    refs.check(
        "interviews",
        "interview",
        study.interviews,
        "participants",
        target="participant",
        known=participants,
        many=True,
    )
    refs.check(
        "interviews", "interview", study.interviews, "region", target="region", known=regions
    )
    refs.check(
        "sources", "source", study.sources, "interview", target="interview", known=interviews
    )
    refs.check(
        "quotes", "quote", study.quotes, "participant", target="participant", known=participants
    )
    refs.check("quotes", "quote", study.quotes, "interview", target="interview", known=interviews)
    refs.check("quotes", "quote", study.quotes, "source", target="source", known=sources)
    refs.check(
        "quotes", "quote", study.quotes, "subthemes", target="sub-theme", known=subthemes, many=True
    )
    refs.check("codes", "code", study.codes, "parent", target="code", known=codes)
    refs.check(
        "codes", "code", study.codes, "candidate_theme", target="candidate theme", known=candidates
    )
    refs.check("codes", "code", study.codes, "subtheme", target="sub-theme", known=subthemes)
    refs.check("codings", "coding", study.codings, "quote", target="quote", known=quotes)
    refs.check("codings", "coding", study.codings, "code", target="code", known=codes)
    refs.check("codings", "coding", study.codings, "coder", target="coder", known=coders)
    refs.check(
        "candidate_themes",
        "candidate theme",
        study.candidate_themes,
        "subtheme",
        target="sub-theme",
        known=subthemes,
    )
    refs.check("subthemes", "sub-theme", study.subthemes, "theme", target="theme", known=themes)
    refs.check(
        "attributions",
        "attribution",
        study.attributions,
        "subtheme",
        target="sub-theme",
        known=subthemes,
    )
    refs.check(
        "attributions",
        "attribution",
        study.attributions,
        "groups",
        target="stakeholder group",
        known=groups,
        many=True,
    )

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
    _code_structure(study, codes, errors)
    return errors
