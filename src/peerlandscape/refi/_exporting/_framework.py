"""The study's framework as a REFI-QDA code tree (:class:`~peerlandscape.refi._ir.Code`).

Overarching theme > themes > sub-themes > candidate themes > codes (codes
nest by ``parent``; a code may also sit directly under a theme). Codes and
sub-themes are codable; the overarching theme, themes and candidate themes are
codable only when a coding applies them. The level of each code is also stated
by peerlandscape's level Sets (a level with no member has no Set).

The tree is built here once, as the frozen objects the reader produces, and
both the codebook and the project are written from it (and the projection
reads it): the study's mapping to REFI-QDA exists in one place. A tree deeper
than the default ``max_code_depth`` of :class:`~peerlandscape.Limits` is
refused here, so that every file written reads back under the default limits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from attrs import frozen

from peerlandscape._exceptions import DocumentError
from peerlandscape._limits import DEFAULT_LIMITS
from peerlandscape.models import Study
from peerlandscape.refi._conventions import LEVEL_SETS, Level
from peerlandscape.refi._exporting._clean import Cleaner
from peerlandscape.refi._guids import object_guid, set_guid
from peerlandscape.refi._ir import Code, MemberSet

__all__ = ["Framework", "build_framework", "element_guid"]

_LEVEL_DESCRIPTIONS: Final[Mapping[Level, str]] = {
    "overarching_theme": "The overarching theme of the framework (peerlandscape).",
    "theme": "The themes of the framework (peerlandscape).",
    "subtheme": "The sub-themes of the framework (peerlandscape).",
    "candidate_theme": "The candidate themes of the framework (peerlandscape).",
}


def element_guid(kind: str, element: object) -> str:
    """Return the GUID a study object is written with: its ``guid``, else the derived one."""
    guid: str | None = getattr(element, "guid", None)
    return guid if guid is not None else object_guid(kind, getattr(element, "id"))  # noqa: B009


@dataclass(slots=True)
class _Branch:
    """A code of the tree while it is built; children follow in the order added."""

    guid: str
    name: str
    codable: bool
    color: str | None
    description: str | None
    children: list[_Branch] = field(default_factory=list)

    def freeze(self) -> Code:
        # Bottom-up with an explicit stack: a chain of nested codes may be deeper than
        # Python's recursion limit.
        frozen_of: dict[int, Code] = {}
        stack: list[tuple[_Branch, bool]] = [(self, False)]
        while stack:
            branch, ready = stack.pop()
            if not ready:
                stack.append((branch, True))
                stack.extend((child, False) for child in branch.children)
                continue
            frozen_of[id(branch)] = Code(
                guid=branch.guid,
                name=branch.name,
                is_codable=branch.codable,
                color=branch.color,
                # An empty description is not written; a reader then has none.
                description=branch.description or None,
                children=tuple(frozen_of.pop(id(child)) for child in branch.children),
            )
        return frozen_of[id(self)]


@frozen
class Framework:
    """The code tree to write, its level Sets, and the GUID of each element."""

    codes: tuple[Code, ...]
    level_sets: tuple[MemberSet, ...]  # empty levels left out
    guids: dict[tuple[str, str], str]  # (kind, id) -> GUID, for codings and memos
    size: int


def _check_depth(roots: list[_Branch], names: dict[int, str]) -> None:
    limit = DEFAULT_LIMITS.max_code_depth
    stack = [(root, 1) for root in roots]
    while stack:
        branch, depth = stack.pop()
        if depth > limit:
            raise DocumentError(
                f"{names[id(branch)]}: cannot be written as REFI-QDA: the framework nests "
                f"{depth} levels deep there (overarching theme, theme, sub-theme, candidate "
                f"theme, then codes by parent), more than max_code_depth={limit}, the "
                "deepest code tree REFI-QDA readers accept by default"
            )
        stack.extend((child, depth + 1) for child in branch.children)


def build_framework(study: Study, cleaner: Cleaner) -> Framework:
    """Return the study's framework as the code tree and level Sets to write.

    A theme or candidate theme some coding applies is codable (in a codebook
    too, so that both documents describe the same framework).

    Raises
    ------
    DocumentError
        The framework nests deeper than the default ``max_code_depth``
        (120 levels), which no reader under the default limits would read.
    """
    names: dict[int, str] = {}
    coded = {coding.target for coding in study.codings}

    def branch(kind: str, element: object, label: str, *, codable: bool) -> _Branch:
        where = f"{kind}:{getattr(element, 'id')}"  # noqa: B009
        description = getattr(element, "description", None)
        made = _Branch(
            element_guid(kind, element),
            cleaner.name(label, where),
            codable or (kind, getattr(element, "id")) in coded,  # noqa: B009
            getattr(element, "color", None),
            cleaner.name(description, where) if description else None,
        )
        names[id(made)] = where
        return made

    roots: list[_Branch] = []
    top: _Branch | None = None
    if (overarching := study.overarching_theme) is not None:
        top = branch("overarching_theme", overarching, overarching.label, codable=False)
        roots.append(top)
    themes = {t.id: branch("theme", t, t.label, codable=False) for t in study.themes}
    for theme in themes.values():
        (top.children if top is not None else roots).append(theme)
    subthemes = {s.id: branch("subtheme", s, s.label, codable=True) for s in study.subthemes}
    for subtheme in study.subthemes:
        themes[subtheme.theme].children.append(subthemes[subtheme.id])
    candidates = {
        c.id: branch("candidate_theme", c, c.label, codable=False) for c in study.candidate_themes
    }
    for candidate in study.candidate_themes:
        parent = subthemes[candidate.subtheme] if candidate.subtheme is not None else None
        (parent.children if parent is not None else roots).append(candidates[candidate.id])
    codes = {c.id: branch("code", c, c.label, codable=True) for c in study.codes}
    for code in study.codes:
        if code.parent is not None:
            codes[code.parent].children.append(codes[code.id])
        elif code.candidate_theme is not None:
            candidates[code.candidate_theme].children.append(codes[code.id])
        elif code.subtheme is not None:
            subthemes[code.subtheme].children.append(codes[code.id])
        elif code.theme is not None:
            themes[code.theme].children.append(codes[code.id])
        else:
            roots.append(codes[code.id])
    members: dict[Level, list[str]] = {
        "overarching_theme": [top.guid] if top is not None else [],
        "theme": [b.guid for b in themes.values()],
        "subtheme": [b.guid for b in subthemes.values()],
        "candidate_theme": [b.guid for b in candidates.values()],
    }
    level_sets = tuple(
        MemberSet(
            guid=set_guid(name),
            name=name,
            description=_LEVEL_DESCRIPTIONS[level],
            code_guids=tuple(members[level]),
        )
        for level, name in LEVEL_SETS.items()
        if members[level]
    )
    _check_depth(roots, names)
    guids = {
        **{("theme", key): b.guid for key, b in themes.items()},
        **{("subtheme", key): b.guid for key, b in subthemes.items()},
        **{("candidate_theme", key): b.guid for key, b in candidates.items()},
        **{("code", key): b.guid for key, b in codes.items()},
    }
    if top is not None and overarching is not None:
        guids["overarching_theme", overarching.id] = top.guid
    return Framework(
        codes=tuple(root.freeze() for root in roots),
        level_sets=level_sets,
        guids=guids,
        size=len(guids),
    )
