"""The code tree of a file as the study's framework: each code's level, id and place.

Levels come from peerlandscape's own level Sets when the file has them (or
when peerlandscape wrote it), else from the Sets the mapping names, else from
the tree's depth (:attr:`~peerlandscape.refi.ImportMapping.levels`). With a
reference framework, codes matched by GUID or name take the reference's ids
and places, and the reference's themes, sub-themes and overarching theme are
carried into the study.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from peerlandscape.models import Study
from peerlandscape.refi._conventions import (
    LEVEL_SETS,
    LEVELS,
    SET_PREFIX,
    Level,
    is_peerlandscape_origin,
)
from peerlandscape.refi._guids import stable_guid
from peerlandscape.refi._importing._mapping import ImportMapping
from peerlandscape.refi._importing._reference import reference_objects
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._text import fold
from peerlandscape.refi._ir import Code, MemberSet
from peerlandscape.refi._report import counted

__all__ = ["LEVEL_NAMES", "Framework", "follows_conventions"]

# The level each of peerlandscape's level Sets states.
_LEVEL_OF_SET: Final[Mapping[str, Level]] = {name: level for level, name in LEVEL_SETS.items()}
# Higher levels rank lower: a code in Sets of two levels is read as the higher one.
_RANK: Final[Mapping[Level, int]] = {level: rank for rank, level in enumerate(LEVELS)}

LEVEL_NAMES: Final[Mapping[Level, str]] = {
    "overarching_theme": "the overarching theme",
    "theme": "a theme",
    "subtheme": "a sub-theme",
    "candidate_theme": "a candidate theme",
    "code": "a code",
}
"""Each level as a message names it."""


def follows_conventions(origin: str | None, sets: tuple[MemberSet, ...]) -> bool:
    """Whether a file's code tree follows peerlandscape's conventions.

    It does when peerlandscape wrote the file, or when a tool kept one of its
    Sets (a codebook exported by peerlandscape, coded in the tool).
    """
    if is_peerlandscape_origin(origin):
        return True
    return any(member_set.name.startswith(SET_PREFIX) for member_set in sets)


@dataclass(slots=True, eq=False)
class _Node:
    """One code of the tree while its level and id are decided."""

    code: Code
    parent: _Node | None
    depth: int
    kind: Level = "code"
    id: str = ""
    from_reference: bool = False
    link: tuple[Level, str] | None = None  # the reference element a code is linked to
    children: list[_Node] = field(default_factory=list)


class Framework:
    """Decide the level, id and place of every code of a code tree."""

    def __init__(
        self,
        codes: tuple[Code, ...],
        sets: tuple[MemberSet, ...],
        mapping: ImportMapping,
        reference: Study | None,
        report: ReportBuilder,
        *,
        peerlandscape: bool,
    ) -> None:
        self.mapping = mapping
        self.reference = reference
        self.report = report
        self.nodes: list[_Node] = []
        self.used_sets: set[str] = set()
        self._tree(codes)
        kinds = self._levels(sets, peerlandscape=peerlandscape)
        for node in self.nodes:
            node.kind = kinds.get(node.code.guid, "code")
        self._match_reference()
        self._place()

    # The tree, with duplicate GUIDs dropped (and their subtrees, whose codes
    # would otherwise lose the place the file gave them).
    def _tree(self, codes: tuple[Code, ...]) -> None:
        seen: set[str] = set()
        # An explicit stack, not recursion: a document read under raised limits, or built
        # in memory, may nest codes deeper than Python's recursion limit. Pushed in
        # reverse, popped in document order, so that nodes and children keep that order.
        stack: list[tuple[Code, _Node | None, int]] = [(code, None, 0) for code in reversed(codes)]
        while stack:
            code, parent, depth = stack.pop()
            if code.guid in seen:
                inside = sum(1 for _ in code.walk()) - 1
                self.report.add(
                    "duplicate_guid",
                    f"Code:{code.guid}",
                    1 + inside,
                    f"code {code.name!r} repeats the GUID of an earlier code; it is not "
                    f"imported, nor are the {counted(inside, 'codes')} under it",
                )
                continue
            seen.add(code.guid)
            node = _Node(code, parent, depth)
            self.nodes.append(node)
            if parent is not None:
                parent.children.append(node)
            stack.extend((child, node, depth + 1) for child in reversed(code.children))

    def _levels(self, sets: tuple[MemberSet, ...], *, peerlandscape: bool) -> dict[str, Level]:
        by_name: dict[str, list[MemberSet]] = {}
        for member_set in sets:
            by_name.setdefault(member_set.name, []).append(member_set)
        own = {name: level for name, level in _LEVEL_OF_SET.items() if name in by_name}
        if own or peerlandscape:
            return self._kinds_from_sets(by_name, own)
        named: dict[str, Level] = {}
        mapped: tuple[tuple[Level, Sequence[str]], ...] = (
            ("overarching_theme", self.mapping.overarching_theme_sets),
            ("theme", self.mapping.theme_sets),
            ("subtheme", self.mapping.subtheme_sets),
            ("candidate_theme", self.mapping.candidate_theme_sets),
        )
        for level, names in mapped:
            for name in names:
                if name in by_name:
                    named[name] = level
                else:
                    self.report.add(
                        "missing_mapping_set",
                        f"Set:{name}",
                        1,
                        f"the mapping names the Set {name!r} for the level {level!r}, "
                        "but the file has no Set of that name",
                    )
        if named:
            return self._kinds_from_sets(by_name, named)
        return self._kinds_from_depth()

    def _kinds_from_sets(
        self, by_name: Mapping[str, list[MemberSet]], levels: Mapping[str, Level]
    ) -> dict[str, Level]:
        kinds: dict[str, Level] = {}
        for name, level in levels.items():
            for member_set in by_name[name]:
                self.used_sets.add(member_set.guid)
                for guid in member_set.code_guids:
                    known = kinds.get(guid)
                    if known is not None and known != level:
                        self.report.add(
                            "level_conflict",
                            f"Code:{guid}",
                            1,
                            f"the code is in Sets for {LEVEL_NAMES[known]} and for "
                            f"{LEVEL_NAMES[level]}; read as the higher level",
                        )
                        if _RANK[level] > _RANK[known]:
                            continue
                    kinds[guid] = level
        return kinds

    def _kinds_from_depth(self) -> dict[str, Level]:
        levels = self.mapping.levels
        if levels is None:
            if self.reference is None and self.nodes:
                self.report.add(
                    "no_framework_mapped",
                    "CodeBook",
                    len(self.nodes),
                    "no framework was mapped (no peerlandscape Sets, no level Sets or depths "
                    "in the mapping, no reference): the code tree is kept as codes",
                )
            return {}
        roots = [node for node in self.nodes if node.parent is None]
        if levels == "auto":
            auto: list[Level] = []
            depth = 1 + max((node.depth for node in self.nodes), default=-1)
            if len(roots) == 1 and not roots[0].code.is_codable and roots[0].children:
                auto.append("overarching_theme")
                depth -= 1
                if depth == 1:
                    auto.append("theme")
            if depth >= 2:  # noqa: PLR2004 - a tree, not a flat list of codes
                auto.extend(("theme", "subtheme"))
            levels = tuple(auto)
        return {
            node.code.guid: levels[node.depth] if node.depth < len(levels) else "code"
            for node in self.nodes
        }

    def _match_reference(self) -> None:
        if self.reference is None:
            for node in self.nodes:
                node.id = node.code.guid
            return
        objects = reference_objects(self.reference)
        by_guid: dict[str, tuple[Level, str]] = {}
        by_name: dict[str, list[tuple[Level, str]]] = {}
        for level, found in objects.items():
            for object_id, obj in found.items():
                by_guid[stable_guid(level, object_id)] = (level, object_id)
                by_guid.setdefault(object_id, (level, object_id))
                by_name.setdefault(fold(obj.label), []).append((level, object_id))
        taken: set[tuple[Level, str]] = set()
        for node in self.nodes:
            match = by_guid.get(node.code.guid)
            if match is None and node.kind == "code":
                # Named like an element of the reference: the coder's own code stays, linked
                # to that element (a code with the GUID the reference exported is the element).
                linked = by_name.get(fold(node.code.name), [])
                if linked:
                    node.link = linked[0]
                node.id = node.code.guid
                continue
            candidates = [match] if match is not None else by_name.get(fold(node.code.name), [])
            free = [candidate for candidate in candidates if candidate not in taken]
            if candidates and not free:
                level, object_id = candidates[0]
                self.report.add(
                    "reference_match_taken",
                    f"Code:{node.code.guid}",
                    1,
                    f"code {node.code.name!r} matches {level} {object_id!r} of the reference, "
                    "which an earlier code already matched; imported as a new code",
                )
            if not free:
                node.id = node.code.guid
                continue
            # A name several reference objects share is matched at the level the
            # tree gives the code, if one of them is at that level.
            same_level = [candidate for candidate in free if candidate[0] == node.kind]
            match = (same_level or free)[0]
            taken.add(match)
            node.kind, node.id = match
            node.from_reference = True

    def _place(self) -> None:
        self.records: dict[Level, list[Any]] = {level: [] for level in _RANK}
        self.index: dict[str, tuple[Level, str]] = {}
        # The reference's overarching theme, when it has one, is carried in whole.
        overarching_seen = (
            self.reference is not None and self.reference.overarching_theme is not None
        )
        for node in self.nodes:
            if node.kind == "overarching_theme" and not node.from_reference:
                if overarching_seen:
                    self.report.add(
                        "extra_overarching_theme",
                        f"Code:{node.code.guid}",
                        1,
                        f"code {node.code.name!r} would be a second overarching theme; "
                        "imported as a theme",
                    )
                    node.kind = "theme"
                overarching_seen = True
            if node.kind == "subtheme" and not node.from_reference:
                theme = self._ancestor(node, "theme")
                if theme is None:
                    self.report.add(
                        "subtheme_without_theme",
                        f"Code:{node.code.guid}",
                        1,
                        f"code {node.code.name!r} is a sub-theme by its level but has no "
                        "theme above it; imported as a code",
                    )
                    node.kind = "code"
            self.index[node.code.guid] = (node.kind, node.id)
            if not node.from_reference:
                self.records[node.kind].append(self._record(node))
        if self.reference is not None:
            self._carry_reference()

    @staticmethod
    def _ancestor(node: _Node, kind: Level) -> _Node | None:
        parent = node.parent
        while parent is not None and parent.kind != kind:
            parent = parent.parent
        return parent

    def _record(self, node: _Node) -> dict[str, Any]:
        code = node.code
        label = code.name or code.guid
        record: dict[str, Any] = {"id": node.id, "label": label, "guid": code.guid}
        if node.kind == "overarching_theme":
            record["description"] = code.description
            return record
        if node.kind == "theme":
            record["description"] = code.description
            record["color"] = code.color
            return record
        if node.kind == "subtheme":
            theme = self._ancestor(node, "theme")
            assert theme is not None  # demoted in _place otherwise
            record["theme"] = theme.id
            record["description"] = code.description
            record["color"] = code.color
            return record
        if node.kind == "candidate_theme":
            subtheme = self._ancestor(node, "subtheme")
            record["subtheme"] = subtheme.id if subtheme is not None else None
            record["description"] = code.description
            return record
        record["description"] = code.description
        record["color"] = code.color
        if node.link is not None:
            return self._linked(node, record)
        parent = node.parent
        if parent is not None:
            if parent.kind == "code":
                record["parent"] = parent.id
            elif parent.kind == "candidate_theme":
                record["candidate_theme"] = parent.id
            elif parent.kind == "subtheme":
                record["subtheme"] = parent.id
            elif parent.kind == "theme":
                record["theme"] = parent.id
            else:
                self.report.add(
                    "code_placement_lost",
                    f"Code:{code.guid}",
                    1,
                    f"code {code.name!r} sits directly under {LEVEL_NAMES[parent.kind]}, "
                    "where the study has no place for a code; imported without a place",
                )
        return record

    def _linked(self, node: _Node, record: dict[str, Any]) -> dict[str, Any]:
        assert node.link is not None
        level, element = node.link
        field = {"code": "parent", "candidate_theme": "candidate_theme"}.get(level, level)
        if level == "overarching_theme":
            self.report.add(
                "code_not_linked",
                f"Code:{node.code.guid}",
                1,
                f"code {node.code.name!r} is named like the reference's overarching theme "
                f"({element}), which codes cannot sit under; kept as a code where it was",
            )
            node.link = None
            return self._record(node)
        record[field] = element
        if node.parent is not None:
            self.report.add(
                "code_linked_to_reference",
                f"Code:{node.code.guid}",
                1,
                f"code {node.code.name!r} is named like {LEVEL_NAMES[level]} of the reference "
                f"({element}); kept as a code under it rather than under its parent code",
            )
        return record

    def _carry_reference(self) -> None:
        # The reference's overarching theme, themes and sub-themes come whole
        # (quotes may be placed under any sub-theme); of its candidate themes
        # and codes, the matched ones and what they hang from.
        assert self.reference is not None
        reference = self.reference
        matched = {(n.kind, n.id) for n in self.nodes if n.from_reference}
        matched |= {n.link for n in self.nodes if n.link is not None}
        codes = {code.id: code for code in reference.codes}
        needed_codes: set[str] = set()
        needed_candidates = {i for kind, i in matched if kind == "candidate_theme"}
        for kind, object_id in matched:
            if kind != "code":
                continue
            current: str | None = object_id
            while current is not None and current not in needed_codes:
                needed_codes.add(current)
                code = codes[current]
                if code.candidate_theme is not None:
                    needed_candidates.add(code.candidate_theme)
                current = code.parent
        carried: dict[Level, list[Any]] = {
            "overarching_theme": (
                [reference.overarching_theme] if reference.overarching_theme is not None else []
            ),
            "theme": list(reference.themes),
            "subtheme": list(reference.subthemes),
            "candidate_theme": [c for c in reference.candidate_themes if c.id in needed_candidates],
            "code": [code for code in reference.codes if code.id in needed_codes],
        }
        for level, objects in carried.items():
            self.records[level] = [*objects, *self.records[level]]

    def study_fields(self) -> dict[str, Any]:
        """Return the framework as fields of a study document."""
        overarching = self.records["overarching_theme"]
        return {
            "codes": self.records["code"],
            "candidate_themes": self.records["candidate_theme"],
            "subthemes": self.records["subtheme"],
            "themes": self.records["theme"],
            "overarching_theme": overarching[0] if overarching else None,
        }
