"""Read a REFI-QDA project or codebook into a :class:`~peerlandscape.models.Study`.

The low-level reader (:mod:`peerlandscape.refi._document`) gives a frozen
picture of the file; this module maps it onto the study model in one pass,
following the conventions of ``docs/refi.md`` ("How a project becomes a
study"):

* the code tree becomes the framework: levels from the ``peerlandscape:*``
  Sets when present, else from the mapping's level Sets, else from the tree's
  depth (:attr:`ImportMapping.levels`); with a reference framework, codes
  matched by GUID or name take the reference's ids and places;
* users become coders, cases participants (group from a case variable or a
  document Set), text sources sources and interviews, text selections quotes
  whose text is cut from the source after converting positions to code
  points, and codings codings (a coding with a sub-theme's code places the
  quote under the sub-theme directly);
* imported objects keep their normalised GUIDs as ids.

Everything the study cannot hold is listed in the :class:`ImportReport`.
"""

from __future__ import annotations

import gc
import math
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple

from pydantic import ValidationError

from peerlandscape._exceptions import StudyValidationError
from peerlandscape.models import Span, Study
from peerlandscape.models._base import ID_PATTERN
from peerlandscape.refi._document import read_codebook, read_project
from peerlandscape.refi._export import (
    CANDIDATE_THEMES_SET,
    INTERVIEW_SET_PREFIX,
    OVERARCHING_THEME_SET,
    QUOTE_CONTAINERS_SET,
    SUBTHEMES_SET,
    THEMES_SET,
)
from peerlandscape.refi._guids import normalize_guid, stable_guid
from peerlandscape.refi._ir import (
    Case,
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    PlainTextSelection,
    ProjectDocument,
    TextSource,
    UnmodelledElement,
    User,
)
from peerlandscape.refi._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._mapping import BUILTIN_REFERENCES, ImportMapping, Level
from peerlandscape.refi._positions import PositionConverter, PositionScheme, detect_scheme
from peerlandscape.refi._report import ImportReport, ReportEntry

__all__ = [
    "ImportResult",
    "codebook_to_study",
    "project_to_study",
    "read_qdc",
    "read_qdpx",
    "resolve_reference",
]

# The Sets that state the level of each code in a peerlandscape export. The names
# are the writer's: one definition of the conventions for both directions.
_LEVEL_OF_SET: Final[Mapping[str, Level]] = {
    OVERARCHING_THEME_SET: "overarching_theme",
    THEMES_SET: "theme",
    SUBTHEMES_SET: "subtheme",
    CANDIDATE_THEMES_SET: "candidate_theme",
}

_PEERLANDSCAPE_PREFIX: Final = "peerlandscape:"
_PEERLANDSCAPE_ORIGIN: Final = re.compile(r"\s*peerlandscape\b", re.IGNORECASE)
_ID: Final = re.compile(ID_PATTERN)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_MAX_ID: Final = 128
_RANK: Final[Mapping[Level, int]] = {
    "overarching_theme": 0,
    "theme": 1,
    "subtheme": 2,
    "candidate_theme": 3,
    "code": 4,
}
_LEVEL_NAMES: Final[Mapping[Level, str]] = {
    "overarching_theme": "the overarching theme",
    "theme": "a theme",
    "subtheme": "a sub-theme",
    "candidate_theme": "a candidate theme",
    "code": "a code",
}
# How often, in selections, a long source reports progress.
_PROGRESS_STEP: Final = 4096

Progress = Callable[[int, int], object]
"""A callable told ``(done, total)`` selections as an import proceeds."""

Reference = Study | str | os.PathLike[str]
"""A reference framework: a study, a built-in dataset's name, or a study document's path."""


class ImportResult(NamedTuple):
    """What an import gives: the study and the report of what it could not hold.

    A named tuple, so ``study, report = read_qdpx(path)`` works.
    """

    study: Study
    """The imported study, valid (its integrity checks passed)."""
    report: ImportReport
    """Everything the study does not hold, located in the file."""


# -- small helpers -------------------------------------------------------------


def _slug(text: str) -> str:
    """Return ``text`` as an id: unchanged if it is one, else folded to ASCII words."""
    if len(text) <= _MAX_ID and _ID.fullmatch(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return slug[:_MAX_ID].rstrip("-")


def _fold(name: str) -> str:
    # Names match "case- and whitespace-insensitively" (docs/refi.md).
    return " ".join(name.casefold().split())


def _snake(kind: str) -> str:
    # "PDFSelection" -> "pdf_selection", "NoteRef" -> "note_ref".
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun if n == 1 else noun + 's'}"


def _text(value: str | None) -> str | None:
    """Return ``value`` unless it is missing or blank."""
    return value if value is not None and value.strip() else None


def _span(start: int, end: int) -> Span:
    """Return ``Span(start, end)`` for offsets already known to be valid.

    The position converter only returns offsets with ``0 <= start <= end``,
    so the validators of :class:`Span` would check nothing new; they cost a
    tenth of an import of a large project. attrs documents ``object.__setattr__``
    as the way around a frozen class's guard.
    """
    span = object.__new__(Span)
    object.__setattr__(span, "start", start)
    object.__setattr__(span, "end", end)
    return span


def _name(value: str | None) -> str | None:
    """Return a name as written, or None when it is missing or empty.

    A name of spaces is still a name: the writer keeps whatever a label holds,
    and a round trip must give it back.
    """
    return value or None


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    # An import allocates hundreds of thousands of small objects; each of them
    # counts towards the next generational collection, which then walks every
    # live container (the parsed document's objects included), again and again
    # as they pile up. Reference counting still frees what is dropped while the
    # cyclic collector pauses; the few cycles made here (the code tree's parent
    # links) are collected once it resumes.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def resolve_reference(reference: Reference | None) -> Study | None:
    """Return the reference framework a mapping or a caller names.

    Parameters
    ----------
    reference
        A :class:`~peerlandscape.models.Study`, the name of a built-in
        dataset (``"engdahl2025"``), the path of a study JSON document, or
        None.

    Returns
    -------
    Study or None
        The reference study, or None when none is named.

    Raises
    ------
    MissingFileError
        A path was given and there is no such file.
    DocumentError, StudyValidationError
        The file is not a valid study document.

    Examples
    --------
    >>> resolve_reference("engdahl2025").id
    'engdahl2025'
    >>> resolve_reference(None) is None
    True
    """
    if reference is None or isinstance(reference, Study):
        return reference
    if isinstance(reference, str) and reference in BUILTIN_REFERENCES:
        from peerlandscape import datasets  # noqa: PLC0415 - loaded only when named

        loaded: Study = getattr(datasets, reference)()
        return loaded
    from peerlandscape.io import read_json  # noqa: PLC0415 - io imports the models, not refi

    return read_json(reference)


# -- the framework -------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Node:
    """One code of the tree while its level and id are decided."""

    code: Code
    parent: _Node | None
    depth: int
    kind: Level = "code"
    id: str = ""
    from_reference: bool = False
    children: list[_Node] = field(default_factory=list)


def _reference_objects(reference: Study) -> dict[Level, dict[str, Any]]:
    objects: dict[Level, dict[str, Any]] = {
        "overarching_theme": {},
        "theme": {theme.id: theme for theme in reference.themes},
        "subtheme": {subtheme.id: subtheme for subtheme in reference.subthemes},
        "candidate_theme": {c.id: c for c in reference.candidate_themes},
        "code": {code.id: code for code in reference.codes},
    }
    if reference.overarching_theme is not None:
        overarching = reference.overarching_theme
        objects["overarching_theme"][overarching.id] = overarching
    return objects


class _Framework:
    """Decide the level, id and place of every code of a code tree."""

    def __init__(
        self,
        codes: tuple[Code, ...],
        sets: tuple[MemberSet, ...],
        mapping: ImportMapping,
        reference: Study | None,
        report: _Report,
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

        def visit(code: Code, parent: _Node | None, depth: int) -> None:
            if code.guid in seen:
                inside = sum(1 for _ in code.walk()) - 1
                self.report.add(
                    "duplicate_guid",
                    f"Code:{code.guid}",
                    1 + inside,
                    f"code {code.name!r} repeats the GUID of an earlier code; it is not "
                    f"imported, nor are the {_plural(inside, 'code')} under it",
                )
                return
            seen.add(code.guid)
            node = _Node(code, parent, depth)
            self.nodes.append(node)
            if parent is not None:
                parent.children.append(node)
            for child in code.children:
                visit(child, node, depth + 1)

        # Recursion depth is bounded by ReadLimits.max_xml_depth.
        for code in codes:
            visit(code, None, 0)

    def _levels(self, sets: tuple[MemberSet, ...], *, peerlandscape: bool) -> dict[str, Level]:
        by_name: dict[str, list[MemberSet]] = {}
        for member_set in sets:
            by_name.setdefault(member_set.name, []).append(member_set)
        own = {name: level for name, level in _LEVEL_OF_SET.items() if name in by_name}
        if own or peerlandscape:
            return self._kinds_from_sets(by_name, own)
        named: dict[str, Level] = {}
        mapped: tuple[tuple[Level, tuple[str, ...]], ...] = (
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
                            f"the code is in Sets for {_LEVEL_NAMES[known]} and for "
                            f"{_LEVEL_NAMES[level]}; read as the higher level",
                        )
                        if _RANK[level] > _RANK[known]:
                            continue
                    kinds[guid] = level
        return kinds

    def _kinds_from_depth(self) -> dict[str, Level]:
        levels = self.mapping.levels
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
        objects = _reference_objects(self.reference)
        by_guid: dict[str, tuple[Level, str]] = {}
        by_name: dict[str, list[tuple[Level, str]]] = {}
        for level, found in objects.items():
            for object_id, obj in found.items():
                by_guid[stable_guid(level, object_id)] = (level, object_id)
                by_guid.setdefault(object_id, (level, object_id))
                by_name.setdefault(_fold(obj.label), []).append((level, object_id))
        taken: set[tuple[Level, str]] = set()
        for node in self.nodes:
            match = by_guid.get(node.code.guid)
            candidates = [match] if match is not None else by_name.get(_fold(node.code.name), [])
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
        record: dict[str, Any] = {"id": node.id, "label": label}
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
        parent = node.parent
        if parent is not None:
            if parent.kind == "code":
                record["parent"] = parent.id
            elif parent.kind == "candidate_theme":
                record["candidate_theme"] = parent.id
            elif parent.kind == "subtheme":
                record["subtheme"] = parent.id
            else:
                self.report.add(
                    "code_placement_lost",
                    f"Code:{code.guid}",
                    1,
                    f"code {code.name!r} sits directly under {_LEVEL_NAMES[parent.kind]}, "
                    "where the study has no place for a code; imported without a place",
                )
        return record

    def _carry_reference(self) -> None:
        # The reference's overarching theme, themes and sub-themes come whole
        # (quotes may be placed under any sub-theme); of its candidate themes
        # and codes, the matched ones and what they hang from.
        assert self.reference is not None
        reference = self.reference
        matched = {(n.kind, n.id) for n in self.nodes if n.from_reference}
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


# -- the report ------------------------------------------------------------------

_FAMILY_REASONS: Final[Mapping[str, str]] = {
    "PictureSource": "the study holds text sources only",
    "PDFSource": "the study holds text sources only",
    "AudioSource": "the study holds text sources only",
    "VideoSource": "the study holds text sources only",
    "PictureSelection": "the study holds text selections only",
    "PDFSelection": "the study holds text selections only",
    "AudioSelection": "the study holds text selections only",
    "VideoSelection": "the study holds text selections only",
    "TextDescription": "it belongs to a picture source",
    "Representation": "it belongs to a PDF source",
    "Transcript": "it belongs to a media source",
    "SyncPoint": "it belongs to a media transcript",
    "TranscriptSelection": "it belongs to a media transcript",
    "Note": "the study has no notes of this kind",
    "NoteRef": "the study has no notes of this kind",
    "Link": "the study has no links between objects",
    "Graph": "the study has no graphs",
    "Vertex": "the study has no graphs",
    "Edge": "the study has no graphs",
    "VariableValue": "the study has no source variables",
    "Coding": "it codes a picture, PDF or media selection",
    "PlainTextSelection": "it selects the text of a PDF or media source",
    "TextSource": "it is the text of a picture, PDF or media source",
}


class _Report:
    """Collects report entries; aggregated ones are merged by kind and location."""

    def __init__(self) -> None:
        self.entries: list[ReportEntry] = []

    def add(self, kind: str, location: str, count: int, message: str) -> None:
        self.entries.append(ReportEntry(kind, location, count, message))

    def problems(self, document: ProjectDocument | CodebookDocument) -> None:
        for problem in document.problems:
            element = problem.location.rsplit("/", 1)[-1]
            location = f"{element}:{problem.guid}" if problem.guid else problem.location
            line = f" (line {problem.line})" if problem.line is not None else ""
            self.add(problem.code.value, location, 1, f"{problem.message}{line}")

    def unmodelled(self, items: Iterable[UnmodelledElement]) -> None:
        counts: dict[tuple[str, str], int] = {}
        for item in items:
            key = (item.kind, item.location)
            counts[key] = counts.get(key, 0) + 1
        for (kind, location), count in counts.items():
            reason = _FAMILY_REASONS.get(kind, "the study has no place for it")
            self.add(
                _snake(kind),
                location,
                count,
                f"{count} {kind} element{'s' if count != 1 else ''} not imported: {reason}",
            )


# -- projects --------------------------------------------------------------------


def _is_peerlandscape(origin: str | None, sets: tuple[MemberSet, ...]) -> bool:
    """Whether a file's code tree follows peerlandscape's conventions.

    It does when peerlandscape wrote the file, or when a tool kept one of its
    Sets (a codebook exported by peerlandscape, coded in the tool).
    """
    if origin is not None and _PEERLANDSCAPE_ORIGIN.match(origin):
        return True
    return any(member_set.name.startswith(_PEERLANDSCAPE_PREFIX) for member_set in sets)


def _has_own_interviews(origin: str | None, sets: tuple[MemberSet, ...]) -> bool:
    """Whether a project states its interviews by peerlandscape's Sets.

    Only a project peerlandscape wrote (or one a tool re-exported with its
    interview and container Sets) does: a codebook's level Sets kept by a tool
    say nothing of interviews, and each text source is then an interview.
    """
    if origin is not None and _PEERLANDSCAPE_ORIGIN.match(origin):
        return True
    return any(
        member_set.name.startswith(INTERVIEW_SET_PREFIX) or member_set.name == QUOTE_CONTAINERS_SET
        for member_set in sets
    )


def _study_name(name: str | None, fallback: str, mapping: ImportMapping) -> tuple[str, str]:
    title = mapping.title or _name(name) or fallback
    study_id = mapping.study_id or _slug(title) or "refi-project"
    return study_id, title


class _ProjectImporter:
    """Maps one :class:`ProjectDocument` onto a study document, in one pass."""

    def __init__(
        self,
        document: ProjectDocument,
        mapping: ImportMapping,
        reference: Study | None,
        progress: Progress | None,
        fallback_title: str,
    ) -> None:
        self.document = document
        self.mapping = mapping
        self.reference = reference
        self.progress = progress
        self.fallback_title = fallback_title
        self.report = _Report()
        self.peerlandscape = _is_peerlandscape(document.origin, document.sets)
        self.own_interviews = _has_own_interviews(document.origin, document.sets)
        # GUIDs of the Sets the import gave a meaning to; the others are reported.
        self.used_sets: set[str] = set()

    def run(self) -> ImportResult:
        document = self.document
        report = self.report
        report.problems(document)
        report.unmodelled(document.unmodelled)
        if _text(document.description) is not None:
            report.add(
                "project_description",
                "Project",
                1,
                "the project's description is not imported: the study has no field for it",
            )
        self._shared_guids()
        framework = _Framework(
            document.codes,
            document.sets,
            self.mapping,
            self.reference,
            report,
            peerlandscape=self.peerlandscape,
        )
        coders = self._coders()
        sources = self._sources()
        interviews = self._interview_sets(sources) if self.own_interviews else None
        participants = self._participants(sources)
        quotes, codings = self._quotes(sources, framework, coders, participants.speakers)
        interview_records = self._interviews(sources, interviews, participants)
        self._unused_sets(framework.used_sets)

        study_id, title = _study_name(document.name, self.fallback_title, self.mapping)
        fields = {
            "id": study_id,
            "title": title,
            "groups": participants.groups,
            "participants": participants.records,
            "interviews": interview_records,
            "sources": [source.record for source in sources.values() if not source.container],
            "quotes": quotes,
            "coders": list(coders.records.values()),
            **framework.study_fields(),
            "codings": codings,
        }
        return ImportResult(_build(fields), self._final_report(fields))

    # -- GUIDs shared between kinds ------------------------------------------------

    def _shared_guids(self) -> None:
        # Ids are namespaced per kind in the study, so a GUID a vendor reuses for a
        # code and a case imports fine; it is reported because it is not standard.
        document = self.document
        kinds: dict[str, str] = {}
        shared: dict[str, tuple[str, str]] = {}

        def note(guid: str, kind: str) -> None:
            first = kinds.setdefault(guid, kind)
            if first != kind:
                shared.setdefault(guid, (first, kind))

        for code in document.all_codes():
            note(code.guid, "Code")
        for user in document.users:
            note(user.guid, "User")
        for case in document.cases:
            note(case.guid, "Case")
        for source in document.text_sources:
            note(source.guid, "TextSource")
            for selection in source.selections:
                note(selection.guid, "PlainTextSelection")
        for guid, (first, second) in shared.items():
            self.report.add(
                "shared_guid",
                f"{second}:{guid}",
                1,
                f"the GUID of this {second} also names a {first}; both are imported "
                "(ids are per kind in the study)",
            )

    # -- users -----------------------------------------------------------------------

    def _coders(self) -> _Coders:
        coders = _Coders()
        for user in self.document.users:
            if user.guid in coders.records:
                self.report.add(
                    "duplicate_guid",
                    f"User:{user.guid}",
                    1,
                    f"user {user.name!r} repeats the GUID of an earlier user; not imported",
                )
                continue
            coders.records[user.guid] = {"id": user.guid, "label": _user_label(user)}
        return coders

    # -- sources -----------------------------------------------------------------------

    def _sources(self) -> dict[str, _Source]:
        document = self.document
        containers: set[str] = set()
        if self.own_interviews:
            for member_set in document.sets:
                if member_set.name == QUOTE_CONTAINERS_SET:
                    self.used_sets.add(member_set.guid)
                    containers.update(member_set.source_guids)
        sources: dict[str, _Source] = {}
        for source in document.text_sources:
            guid = source.guid
            location = f"TextSource:{guid}"
            selections = len(source.selections)
            codings = sum(len(selection.codings) for selection in source.selections)
            if guid in sources:
                self.report.add(
                    "duplicate_guid",
                    location,
                    1 + selections,
                    f"text source {source.name!r} repeats the GUID of an earlier source; it "
                    f"is not imported, nor are its {_plural(selections, 'selection')}",
                )
                continue
            if source.codings:
                self.report.add(
                    "source_coding",
                    location,
                    len(source.codings),
                    f"{_plural(len(source.codings), 'coding')} of the whole source "
                    f"{source.name!r} not imported: the study codes quotes, not sources",
                )
            if _text(source.description) is not None:
                self.report.add(
                    "source_description",
                    location,
                    1,
                    f"the description of source {source.name!r} is not imported",
                )
            if source.text is None:
                self.report.add(
                    "source_without_text",
                    location,
                    1,
                    f"text source {source.name!r} has no text (the reader's problem for it "
                    "says why); not imported",
                )
                if selections:
                    self.report.add(
                        "selection_without_text",
                        location,
                        selections,
                        f"{_plural(selections, 'selection')} of source {source.name!r}, with "
                        f"{_plural(codings, 'coding')}, not imported: the source has no text",
                    )
                continue
            container = guid in containers
            label = _name(source.name) or guid
            # Outside peerlandscape's own files each text source is an interview of
            # its own, with the source's GUID.
            interview = None if self.own_interviews else guid
            sources[guid] = _Source(
                ir=source,
                container=container,
                record={"id": guid, "label": label, "interview": interview, "text": source.text},
                interview=interview,
            )
        return sources

    def _interview_sets(self, sources: dict[str, _Source]) -> dict[str, _Interview]:
        interviews: dict[str, _Interview] = {}
        for member_set in self.document.sets:
            if not member_set.name.startswith(INTERVIEW_SET_PREFIX):
                continue
            raw = member_set.name[len(INTERVIEW_SET_PREFIX) :]
            try:
                interview_id = normalize_guid(raw)
            except ValueError:
                continue  # reported among the unused sets
            self.used_sets.add(member_set.guid)
            if interview_id in interviews:
                self.report.add(
                    "duplicate_guid",
                    f"Set:{member_set.guid}",
                    1,
                    f"a second Set names interview {interview_id}; its sources are added to "
                    "the first",
                )
            interview = interviews.setdefault(
                interview_id,
                _Interview(interview_id, _name(member_set.description) or interview_id),
            )
            for guid in member_set.source_guids:
                source = sources.get(guid)
                if source is not None and source.interview is None:
                    source.interview = interview_id
                    if not source.container:
                        source.record["interview"] = interview_id
                    interview.sources.append(guid)
        return interviews

    # -- cases ---------------------------------------------------------------------------

    def _participants(self, sources: dict[str, _Source]) -> _Participants:
        document = self.document
        report = self.report
        variables = {variable.guid: variable.name for variable in document.variables}
        # Where each selection lies, for the group Sets of the cases that refer to
        # selections only; not built for a project without cases.
        selection_sources = (
            {
                selection.guid: source.guid
                for source in document.text_sources
                for selection in source.selections
            }
            if document.cases
            else {}
        )
        groups = _Groups(self.mapping, document.sets, self.used_sets)
        result = _Participants()
        for case in document.cases:
            location = f"Case:{case.guid}"
            if case.guid in result.ids:
                report.add(
                    "duplicate_guid",
                    location,
                    1,
                    f"case {case.name!r} repeats the GUID of an earlier case; not imported",
                )
                continue
            name = _name(case.name)
            if name is None and len(case.source_guids) == 1 and not case.selection_guids:
                report.add(
                    "source_case",
                    location,
                    1,
                    "an unnamed case with one source describes the source (as MAXQDA "
                    "stores document variables), not a person; not imported",
                )
                continue
            value, attributes = self._case_values(case, variables)
            group = groups.of_case(case, value, selection_sources)
            if group is None and not case.selection_guids:
                report.add(
                    "case_not_participant",
                    location,
                    1,
                    f"case {case.name!r} refers to no selection and has no group; "
                    "not imported as a participant",
                )
                continue
            if group is None:
                group = groups.unknown()
                report.add(
                    "unknown_group",
                    location,
                    1,
                    f"case {case.name!r} has no usable {self.mapping.group_variable!r} value "
                    f"and is in no group Set; its participant is put in the group {group!r}",
                )
            self._case_losses(case)
            self._case_refs(case, sources, selection_sources, result)
            result.ids.add(case.guid)
            result.records.append(
                {
                    "id": case.guid,
                    "label": name or case.guid,
                    "group": group,
                    "attributes": attributes,
                }
            )
            if group not in result.group_ids:
                result.group_ids.append(group)
        reference = {group.id: group for group in self.reference.groups} if self.reference else {}
        result.groups = [reference.get(group) or groups.record(group) for group in result.group_ids]
        return result

    def _case_losses(self, case: Case) -> None:
        location = f"Case:{case.guid}"
        if case.code_guids:
            self.report.add(
                "case_code_ref",
                location,
                len(case.code_guids),
                f"the code references of case {case.name!r} are not imported",
            )
        if _text(case.description) is not None:
            self.report.add(
                "case_description",
                location,
                1,
                f"the description of case {case.name!r} is not imported",
            )

    def _case_values(
        self, case: Case, variables: Mapping[str, str]
    ) -> tuple[str | None, dict[str, Any]]:
        group_variable = _fold(self.mapping.group_variable)
        group: str | None = None
        attributes: dict[str, Any] = {}
        for value in case.variable_values:
            name = variables.get(value.variable_guid)
            if name is None:
                self.report.add(
                    "unknown_variable",
                    f"Case:{case.guid}",
                    1,
                    f"a value of case {case.name!r} names variable {value.variable_guid}, "
                    "which the project does not define; not imported",
                )
                continue
            if _fold(name) == group_variable:
                if group is None and value.value is not None and value.value.strip():
                    group = value.value.strip()
                continue
            attributes.setdefault(name, _typed(value.kind, value.value))
        return group, attributes

    def _case_refs(
        self,
        case: Case,
        sources: dict[str, _Source],
        selection_sources: Mapping[str, str],
        result: _Participants,
    ) -> None:
        dangling = 0
        for guid in case.selection_guids:
            if guid not in selection_sources:
                dangling += 1
                continue
            speaker = result.speakers.setdefault(guid, case.guid)
            if speaker != case.guid:
                self.report.add(
                    "selection_ref_conflict",
                    f"PlainTextSelection:{guid}",
                    1,
                    f"case {case.name!r} and an earlier case both refer to the selection; "
                    "the earlier one is its speaker",
                )
        for guid in case.source_guids:
            source = sources.get(guid)
            if source is None:
                if not any(s.guid == guid for s in self.document.text_sources):
                    dangling += 1
                continue
            if case.guid not in source.participants:
                source.participants.append(case.guid)
        if dangling:
            self.report.add(
                "dangling_reference",
                f"Case:{case.guid}",
                dangling,
                f"case {case.name!r} refers to {_plural(dangling, 'text source or selection')} "
                "the project does not have",
            )

    # -- interviews ----------------------------------------------------------------

    def _interviews(
        self,
        sources: dict[str, _Source],
        interviews: dict[str, _Interview] | None,
        participants: _Participants,
    ) -> list[dict[str, Any]]:
        if interviews is None:
            interviews = {}
            for guid, source in sources.items():
                interview = _Interview(guid, source.record["label"])
                interview.sources.append(guid)
                interviews[guid] = interview
        order = {guid: position for position, guid in enumerate(participants.ids_in_order)}
        fixed = self.mapping.interview_format
        records = []
        for interview in interviews.values():
            taking_part = {
                participant
                for guid in interview.sources
                for participant in sources[guid].participants
                if participant in participants.ids
            }
            people = sorted(taking_part, key=order.__getitem__)
            interview_format = fixed
            if interview_format == "auto":
                interview_format = "focus_group" if len(people) > 1 else "individual"
            records.append(
                {
                    "id": interview.id,
                    "label": interview.label,
                    "format": interview_format,
                    "participants": people or None,
                }
            )
        return records

    # -- quotes ------------------------------------------------------------------------

    def _quotes(
        self,
        sources: dict[str, _Source],
        framework: _Framework,
        coders: _Coders,
        speakers: Mapping[str, str],
    ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        scheme = self.mapping.position_scheme or detect_scheme(self.document.origin)
        mapper = _QuoteMapper(self.report, framework.index, coders.records, speakers, scheme)
        progress = self.progress
        total = sum(len(source.ir.selections) for source in sources.values())
        if progress is not None:
            progress(0, total)
        done = 0
        for source in sources.values():
            done = mapper.source(source, progress, done, total)
        if progress is not None:
            progress(total, total)
        mapper.finish()
        return mapper.quotes, mapper.codings

    # -- sets ----------------------------------------------------------------------------

    def _unused_sets(self, framework_sets: set[str]) -> None:
        used = self.used_sets | framework_sets
        for member_set in self.document.sets:
            if member_set.guid in used:
                continue
            members = (
                len(member_set.code_guids)
                + len(member_set.source_guids)
                + len(member_set.note_guids)
            )
            self.report.add(
                "unused_set",
                f"Set:{member_set.guid}",
                1,
                f"Set {member_set.name!r} ({_plural(members, 'member')}) is not imported: "
                "the mapping gives it no meaning",
            )

    def _final_report(self, fields: Mapping[str, Any]) -> ImportReport:
        return ImportReport("project", self.report.entries, imported=_imported(fields))


class _QuoteMapper:
    """Turns text selections into quotes and their codings into codings.

    This runs once per selection and coding, tens of thousands of times in a
    large project, so it keeps look-ups in locals and reports in counters.
    """

    def __init__(
        self,
        report: _Report,
        code_index: Mapping[str, tuple[Level, str]],
        coders: Mapping[str, Any],
        speakers: Mapping[str, str],
        scheme: PositionScheme,
    ) -> None:
        self.report = report
        self.code_index = code_index
        self.coders = coders
        self.speakers = speakers
        self.scheme = scheme
        self.quotes: list[dict[str, Any]] = []
        self.codings: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.unknown_codes: dict[str, int] = {}
        self.uncodable: dict[str, int] = {}
        self.unknown_users: dict[str, int] = {}

    def source(self, source: _Source, progress: Progress | None, done: int, total: int) -> int:
        """Map the selections of one source; return how many selections are done."""
        ir = source.ir
        assert ir.text is not None  # sources without text were left out
        converter = PositionConverter(ir.text, self.scheme)
        text = converter.text
        span_of = converter.span
        source_id = None if source.container else ir.guid
        interview = source.interview
        lone_speaker = source.participants[0] if len(source.participants) == 1 else None
        speakers = self.speakers
        seen = self.seen
        append = self.quotes.append
        for selection in ir.selections:
            done += 1
            if progress is not None and done % _PROGRESS_STEP == 0:
                progress(done, total)
            guid = selection.guid
            span = span_of(selection.start, selection.end)
            if guid in seen or span is None or span[0] == span[1]:
                self._rejected(selection, source, converter, span)
                continue
            seen.add(guid)
            start, end = span
            # Only the fields that differ from their defaults: each key given costs
            # the validator work, and a list given to a tuple field a Python call.
            quote: dict[str, Any] = {"id": guid, "text": text[start:end]}
            speaker = speakers.get(guid, lone_speaker)
            if speaker is not None:
                quote["participant"] = speaker
            if interview is not None:
                quote["interview"] = interview
            if source_id is not None:
                quote["source"] = source_id
                quote["span"] = _span(start, end)
            if selection.codings and (subthemes := self._codings(guid, selection.codings)):
                quote["subthemes"] = subthemes
            if selection.name is not None:
                quote["label"] = selection.name
            append(quote)
            if selection.description is not None and selection.description.strip():
                self.report.add(
                    "selection_description",
                    f"PlainTextSelection:{guid}",
                    1,
                    "the selection's description is not imported",
                )
        return done

    def _codings(self, quote: str, codings: tuple[Coding, ...]) -> tuple[str, ...]:
        """Record the codings of one quote; return the sub-themes it is placed under."""
        subthemes: list[str] = []
        code_index = self.code_index
        for coding in codings:
            target = code_index.get(coding.code_guid)
            if target is None:
                self.unknown_codes[coding.code_guid] = (
                    self.unknown_codes.get(coding.code_guid, 0) + 1
                )
                continue
            kind, code_id = target
            if kind == "code":
                user = coding.creating_user
                if user is None:
                    self.codings.append({"quote": quote, "code": code_id})
                elif user in self.coders:
                    self.codings.append({"quote": quote, "code": code_id, "coder": user})
                else:
                    self.unknown_users[user] = self.unknown_users.get(user, 0) + 1
                    self.codings.append({"quote": quote, "code": code_id})
            elif kind != "subtheme":
                self.uncodable[coding.code_guid] = self.uncodable.get(coding.code_guid, 0) + 1
            elif code_id in subthemes:
                self.report.add(
                    "duplicate_placement",
                    f"PlainTextSelection:{quote}",
                    1,
                    f"the selection is coded twice with sub-theme {code_id}; placed once",
                )
            else:
                subthemes.append(code_id)
        return tuple(subthemes)

    def _rejected(
        self,
        selection: PlainTextSelection,
        source: _Source,
        converter: PositionConverter,
        span: tuple[int, int] | None,
    ) -> None:
        location = f"PlainTextSelection:{selection.guid}"
        codings = _plural(len(selection.codings), "coding")
        if selection.guid in self.seen:
            self.report.add(
                "duplicate_guid",
                location,
                1,
                "the selection repeats the GUID of an earlier selection; not imported "
                f"with its {codings}",
            )
        elif span is None:
            self.report.add(
                "selection_out_of_range",
                location,
                1,
                f"positions {selection.start}..{selection.end} ({self.scheme.value}) fall "
                f"outside the {converter.length} positions of source "
                f"{source.record['label']!r}; not imported with its {codings}",
            )
        else:
            self.report.add(
                "empty_selection",
                location,
                1,
                f"the selection at {selection.start} is empty; not imported with its {codings}",
            )

    def finish(self) -> None:
        """Report the codings that were left out, one entry per code or user."""
        report = self.report
        for guid, count in self.unknown_codes.items():
            report.add(
                "unknown_code",
                f"Code:{guid}",
                count,
                f"{_plural(count, 'coding')} apply a code the codebook does not have; not imported",
            )
        for guid, count in self.uncodable.items():
            kind, code_id = self.code_index[guid]
            report.add(
                f"coding_of_{kind}",
                f"Code:{guid}",
                count,
                f"{_plural(count, 'coding')} apply {_LEVEL_NAMES[kind]} ({code_id}), which "
                "quotes cannot be coded with; not imported",
            )
        for guid, count in self.unknown_users.items():
            report.add(
                "unknown_user",
                f"User:{guid}",
                count,
                f"{_plural(count, 'coding')} name a user the project does not have; "
                "imported without a coder",
            )


class _Groups:
    """Turns case variable values and document Sets into stakeholder group ids."""

    def __init__(self, mapping: ImportMapping, sets: tuple[MemberSet, ...], used: set[str]):
        self.mapping = mapping
        self.values = mapping.group_values
        self.folded = {_fold(value): group for value, group in mapping.group_values.items()}
        self.labels: dict[str, str] = {}
        self.by_source: dict[str, str] = {}
        for member_set in sets:
            group = mapping.group_sets.get(member_set.name)
            if group is not None:
                used.add(member_set.guid)
                self.labels.setdefault(group, member_set.name)
                for guid in member_set.source_guids:
                    self.by_source.setdefault(guid, group)

    def of_case(
        self, case: Case, value: str | None, selection_sources: Mapping[str, str]
    ) -> str | None:
        """Return the group of a case: from its variable value, else from a group Set."""
        if value is not None:
            named = self.values.get(value) or self.folded.get(_fold(value)) or _slug(value)
            if named:
                self.labels.setdefault(named, value)
                return named
        for guid in case.source_guids:
            group = self.by_source.get(guid)
            if group is not None:
                return group
        for guid in case.selection_guids:
            group = self.by_source.get(selection_sources.get(guid, ""))
            if group is not None:
                return group
        return None

    def unknown(self) -> str:
        """Return the group of participants whose group the file does not give."""
        group = self.mapping.unknown_group
        self.labels.setdefault(group, "Unknown")
        return group

    def record(self, group: str) -> dict[str, Any]:
        """Return a group definition: the file gives no more than an id and a name."""
        return {"id": group, "label": self.labels.get(group, group)}


@dataclass(slots=True, eq=False)
class _Source:
    ir: TextSource
    container: bool
    record: dict[str, Any]
    interview: str | None = None
    participants: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _Interview:
    id: str
    label: str
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class _Coders:
    records: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class _Participants:
    records: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    group_ids: list[str] = field(default_factory=list)
    groups: list[Any] = field(default_factory=list)
    speakers: dict[str, str] = field(default_factory=dict)

    @property
    def ids_in_order(self) -> list[str]:
        return [record["id"] for record in self.records]


def _user_label(user: User) -> str:
    return _name(user.name) or _name(user.id) or user.guid


def _typed(kind: str | None, value: str | None) -> str | int | float | bool | None:
    """Return a case variable's value as the Python value its element names."""
    if value is None:
        return None
    text = value.strip()
    try:
        if kind == "Integer":
            return int(text)
        if kind == "Float":
            number = float(text)
            # NaN and infinities are kept as written: a study document is JSON.
            return number if math.isfinite(number) else value
        if kind == "Boolean" and text.lower() in {"true", "false", "1", "0"}:
            return text.lower() in {"true", "1"}
    except ValueError:
        pass  # kept as written: the study takes any text
    return value


_IMPORTED_NAMES: Final = (
    ("groups", "groups"),
    ("participants", "participants"),
    ("interviews", "interviews"),
    ("sources", "sources"),
    ("quotes", "quotes"),
    ("coders", "coders"),
    ("codes", "codes"),
    ("codings", "codings"),
    ("candidate_themes", "candidate themes"),
    ("subthemes", "sub-themes"),
    ("themes", "themes"),
)


def _imported(fields: Mapping[str, Any]) -> dict[str, int]:
    counts = {name: len(fields.get(key, ())) for key, name in _IMPORTED_NAMES}
    counts["overarching themes"] = 1 if fields.get("overarching_theme") is not None else 0
    return counts


def _build(fields: dict[str, Any]) -> Study:
    """Validate the study once, integrity checks included."""
    try:
        return Study.model_validate(fields)
    except ValidationError as error:
        # The importer builds only what the model allows; reaching this is a bug,
        # reported in the library's own terms all the same.
        problems = error.errors(include_url=False)
        first = problems[0]
        where = ".".join(str(part) for part in first["loc"])
        raise StudyValidationError(
            f"the imported study is invalid: {where}: {first['msg']}", problems
        ) from None


# -- public entry points ---------------------------------------------------------


def project_to_study(
    document: ProjectDocument,
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    progress: Progress | None = None,
    name: str = "REFI-QDA project",
) -> ImportResult:
    """Map a parsed project onto a study.

    Parameters
    ----------
    document
        A project as :func:`~peerlandscape.refi.read_project` or
        :func:`~peerlandscape.refi.parse_project` give it.
    mapping
        How to read it; the defaults when None.
    reference
        A framework to match codes against (overrides ``mapping.reference``).
    progress
        Called with ``(done, total)`` selections as they are mapped.
    name
        The study's title when the project has no name.

    Returns
    -------
    ImportResult
        The study and the report of what it does not hold.

    Examples
    --------
    >>> from peerlandscape.refi import parse_project
    >>> project = parse_project('''<Project xmlns="urn:QDA-XML:project:1.0" name="Demo">
    ...   <CodeBook><Codes><Code guid="d7aa29da-519b-4946-9b90-253b6db8fd0a" name="Trust"
    ...     isCodable="true"/></Codes></CodeBook>
    ...   <Sources><TextSource guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Interview 1">
    ...     <PlainTextContent>We trust each other.</PlainTextContent>
    ...     <PlainTextSelection guid="12365523-1035-4afa-9e7b-281fe0bc51c5"
    ...                         startPosition="3" endPosition="8">
    ...       <Coding guid="7c108712-b650-4892-ac0b-fc9a10190c3b">
    ...         <CodeRef targetGUID="D7AA29DA-519B-4946-9B90-253B6DB8FD0A"/></Coding>
    ...     </PlainTextSelection></TextSource></Sources>
    ... </Project>'''.encode())
    >>> study, report = project_to_study(project)
    >>> study.id, study.quotes[0].text, study.codings[0].code
    ('demo', 'trust', 'd7aa29da-519b-4946-9b90-253b6db8fd0a')
    >>> report.complete
    True
    """
    mapping = mapping if mapping is not None else ImportMapping()
    chosen = reference if reference is not None else mapping.reference
    importer = _ProjectImporter(document, mapping, resolve_reference(chosen), progress, name)
    with _no_cyclic_gc():
        return importer.run()


def codebook_to_study(
    document: CodebookDocument,
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    name: str = "REFI-QDA codebook",
) -> ImportResult:
    """Map a parsed codebook onto a study that holds only the framework.

    Parameters
    ----------
    document
        A codebook as :func:`~peerlandscape.refi.read_codebook` gives it.
    mapping
        How to read it; the defaults when None.
    reference
        A framework to match codes against (overrides ``mapping.reference``).
    name
        The study's title (a codebook has no name of its own).

    Returns
    -------
    ImportResult
        The study and the report of what it does not hold.

    Examples
    --------
    >>> from peerlandscape.refi import parse_codebook
    >>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
    ...   <Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="Values" isCodable="false">
    ...     <Code guid="7c108712-b650-4892-ac0b-fc9a10190c3b" name="Liberty" isCodable="true"/>
    ...   </Code></Codes></CodeBook>''')
    >>> study, report = codebook_to_study(book, name="Values")

    A single folder at the top is the overarching theme, its children themes:

    >>> study.overarching_theme.label, [theme.label for theme in study.themes]
    ('Values', ['Liberty'])
    """
    mapping = mapping if mapping is not None else ImportMapping()
    chosen = reference if reference is not None else mapping.reference
    report = _Report()
    report.problems(document)
    report.unmodelled(document.unmodelled)
    framework = _Framework(
        document.codes,
        document.sets,
        mapping,
        resolve_reference(chosen),
        report,
        peerlandscape=_is_peerlandscape(document.origin, document.sets),
    )
    for member_set in document.sets:
        if member_set.guid not in framework.used_sets:
            report.add(
                "unused_set",
                f"Set:{member_set.guid}",
                1,
                f"Set {member_set.name!r} ({_plural(len(member_set.code_guids), 'member')}) "
                "is not imported: the mapping gives it no meaning",
            )
    study_id, title = _study_name(None, name, mapping)
    fields = {"id": study_id, "title": title, **framework.study_fields()}
    study = _build(fields)
    return ImportResult(study, ImportReport("codebook", report.entries, imported=_imported(fields)))


def read_qdpx(
    path: str | os.PathLike[str],
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    limits: ReadLimits | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Read a REFI-QDA project (``.qdpx``, or a bare ``.qde``) as a study.

    Parameters
    ----------
    path
        The project file.
    mapping
        How to read it (:class:`ImportMapping`); the defaults read a typical
        export.
    reference
        A framework to match the codes against: a study, ``"engdahl2025"``,
        or the path of a study document; overrides ``mapping.reference``.
    limits
        Resource limits for the archive and the XML (:class:`ReadLimits`).
    progress
        Called with ``(done, total)`` selections as they are mapped, for a
        progress bar.

    Returns
    -------
    ImportResult
        ``(study, report)``: the valid study, and everything it does not hold.

    Raises
    ------
    MissingFileError
        There is no such file (or reference file).
    UnsafeFileError
        The archive or XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable REFI-QDA project.

    Examples
    --------
    >>> import pathlib, shutil, tempfile, zipfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with zipfile.ZipFile(folder / "demo.qdpx", "w") as archive:
    ...     archive.writestr("project.qde", '''<Project xmlns="urn:QDA-XML:project:1.0"
    ...       name="Demo" origin="QualCoder 3.6"><Sources>
    ...       <TextSource guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Interview 1"
    ...                   plainTextPath="internal://9fa9bcb7.txt">
    ...         <PlainTextSelection guid="12365523-1035-4afa-9e7b-281fe0bc51c5"
    ...                             startPosition="0" endPosition="6"/>
    ...       </TextSource></Sources></Project>''')
    ...     archive.writestr("sources/9fa9bcb7.txt", "Hello, world")
    >>> study, report = read_qdpx(folder / "demo.qdpx")
    >>> study.quotes[0].text, study.interviews[0].label
    ('Hello,', 'Interview 1')
    >>> shutil.rmtree(folder)
    """
    limits = limits if limits is not None else DEFAULT_LIMITS
    with _no_cyclic_gc():
        document = read_project(path, limits=limits)
        return project_to_study(
            document, mapping, reference=reference, progress=progress, name=Path(path).stem
        )


def read_qdc(
    path: str | os.PathLike[str],
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
) -> ImportResult:
    """Read a REFI-QDA codebook (``.qdc``) as a study holding only the framework.

    The study is named after the file, as a codebook has no name.

    Parameters
    ----------
    path
        The codebook file.
    mapping
        How to read the code tree (:class:`ImportMapping`).
    reference
        A framework to match the codes against; overrides ``mapping.reference``.

    Returns
    -------
    ImportResult
        ``(study, report)``.

    Raises
    ------
    MissingFileError
        There is no such file.
    UnsafeFileError
        The XML is hostile or too large.
    DocumentError
        The file is not a readable REFI-QDA codebook.

    Examples
    --------
    >>> import pathlib, shutil, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "topics.qdc"
    >>> _ = path.write_text('''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
    ...   <Code guid="{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}" name="Economy" isCodable="true"/>
    ...   </Codes></CodeBook>''')
    >>> study, report = read_qdc(path)
    >>> study.id, [code.id for code in study.codes]
    ('topics', ['d7aa29da-519b-4946-9b90-253b6db8fd0a'])
    >>> shutil.rmtree(path.parent)
    """
    document = read_codebook(path)
    return codebook_to_study(document, mapping, reference=reference, name=Path(path).stem)
