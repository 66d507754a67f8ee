"""The study's framework as a REFI-QDA code tree, and its ``<Code>`` elements.

Overarching theme > themes > sub-themes > candidate themes > codes (codes
nest by ``parent``). The overarching theme, themes and candidate themes are
not codable; sub-themes are, because a quote placed directly under a
sub-theme is written as a coding with the sub-theme's code. The level of each
code is also stated by peerlandscape's level Sets (a level with no member has
no Set).
"""

from __future__ import annotations

from attrs import frozen

from peerlandscape.models import Study
from peerlandscape.refi._conventions import LEVEL_SETS, Level
from peerlandscape.refi._exporting._xml import XmlWriter
from peerlandscape.refi._guids import object_guid

__all__ = ["CodeNode", "Framework", "build_framework", "write_codes"]


@frozen
class CodeNode:
    """One ``<Code>`` to write, with the codes under it."""

    guid: str
    name: str
    codable: bool
    location: str
    color: str | None
    description: str | None
    children: list[CodeNode]


@frozen
class Framework:
    """The code tree to write, and the GUIDs quotes and codings refer to."""

    roots: list[CodeNode]
    level_sets: list[tuple[str, list[str]]]  # (set name, member GUIDs), empty sets left out
    code_guids: dict[str, str]  # code id -> GUID
    subtheme_guids: dict[str, str]  # sub-theme id -> GUID
    size: int


def build_framework(study: Study) -> Framework:
    """Return the study's framework as the code tree and level Sets to write."""

    def node(
        kind: str,
        object_id: str,
        name: str,
        *,
        codable: bool,
        color: str | None = None,
        description: str | None = None,
    ) -> CodeNode:
        return CodeNode(
            object_guid(kind, object_id),
            name,
            codable,
            f"{kind}:{object_id}",
            color,
            description,
            [],
        )

    roots: list[CodeNode] = []
    overarching = study.overarching_theme
    top: CodeNode | None = None
    if overarching is not None:
        top = node(
            "overarching_theme",
            overarching.id,
            overarching.label,
            codable=False,
            description=overarching.description,
        )
        roots.append(top)
    themes = {
        theme.id: node(
            "theme",
            theme.id,
            theme.label,
            codable=False,
            color=theme.color,
            description=theme.description,
        )
        for theme in study.themes
    }
    for theme in themes.values():
        (top.children if top is not None else roots).append(theme)
    subthemes = {
        sub.id: node(
            "subtheme",
            sub.id,
            sub.label,
            codable=True,  # a quote placed directly under it is coded with it
            color=sub.color,
            description=sub.description,
        )
        for sub in study.subthemes
    }
    for sub in study.subthemes:
        themes[sub.theme].children.append(subthemes[sub.id])
    candidates = {
        candidate.id: node(
            "candidate_theme",
            candidate.id,
            candidate.label,
            codable=False,
            description=candidate.description,
        )
        for candidate in study.candidate_themes
    }
    for candidate in study.candidate_themes:
        parent = subthemes[candidate.subtheme] if candidate.subtheme is not None else None
        (parent.children if parent is not None else roots).append(candidates[candidate.id])
    codes = {
        code.id: node(
            "code",
            code.id,
            code.label,
            codable=True,
            color=code.color,
            description=code.description,
        )
        for code in study.codes
    }
    for code in study.codes:
        if code.parent is not None:
            codes[code.parent].children.append(codes[code.id])
        elif code.candidate_theme is not None:
            candidates[code.candidate_theme].children.append(codes[code.id])
        elif code.subtheme is not None:
            subthemes[code.subtheme].children.append(codes[code.id])
        else:
            roots.append(codes[code.id])
    members: dict[Level, list[str]] = {
        "overarching_theme": [top.guid] if top is not None else [],
        "theme": [n.guid for n in themes.values()],
        "subtheme": [n.guid for n in subthemes.values()],
        "candidate_theme": [n.guid for n in candidates.values()],
    }
    level_sets = [(name, members[level]) for level, name in LEVEL_SETS.items() if members[level]]
    return Framework(
        roots=roots,
        level_sets=level_sets,
        code_guids={code_id: n.guid for code_id, n in codes.items()},
        subtheme_guids={sub_id: n.guid for sub_id, n in subthemes.items()},
        size=len(themes) + len(subthemes) + len(candidates) + len(codes) + (top is not None),
    )


def write_codes(xml: XmlWriter, roots: list[CodeNode], depth: int) -> None:
    """Write the code tree from ``roots``, indented ``depth`` levels."""
    # An explicit stack, not recursion: a chain of nested codes may be deeper than Python's
    # recursion limit. Each entry is a node to open, or the indent of a node to close.
    stack: list[tuple[CodeNode | None, str]] = [(root, "  " * depth) for root in reversed(roots)]
    while stack:
        item, indent = stack.pop()
        if item is None:
            xml.put(f"{indent}</Code>\n")
            continue
        where = item.location
        color = f' color="{item.color}"' if item.color is not None else ""
        opening = (
            f'{indent}<Code guid="{item.guid}" name="{xml.attribute(item.name, where)}" '
            f'isCodable="{"true" if item.codable else "false"}"{color}'
        )
        if not item.description and not item.children:
            xml.put(f"{opening}/>\n")
            continue
        xml.put(f"{opening}>\n")
        xml.description(item.description, where, indent + "  ")
        stack.append((None, indent))
        stack.extend((child, indent + "  ") for child in reversed(item.children))
