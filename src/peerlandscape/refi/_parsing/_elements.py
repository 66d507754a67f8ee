"""Walk the elements of a REFI-QDA document: what a project and a codebook read alike.

:class:`ElementReader` holds the state of one walk over an lxml tree (caches,
problems, unmodelled elements) and reads the structures both documents share:
codes and Sets. Elements are matched by local name. The reader is lenient
about what vendors really write (empty ``<Sets/>``, braced or upper-case
GUIDs, missing optional attributes) and strict about structure: a root that is
not the expected one, or an element without a usable GUID, stops it with
:class:`~peerlandscape._exceptions.DocumentError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Final, TypeVar

from peerlandscape._exceptions import DocumentError
from peerlandscape.refi._guids import normalize_guid
from peerlandscape.refi._ir import Code, MemberSet, ProblemCode, ReadProblem, UnmodelledElement
from peerlandscape.refi._parsing._bulk import canonical_lines
from peerlandscape.refi._parsing._limits import ReadLimits
from peerlandscape.refi._parsing._xml import (
    Element,
    check_code_depth,
    local_name,
    namespace_of,
    parse_xml,
)

__all__ = ["ElementReader", "NoteRefRecord", "parse_root"]

_T = TypeVar("_T")

_HEX_COLOR: Final = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_RGB_COLOR: Final = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", re.I)
_TRUE: Final = frozenset({"true", "1"})
_FALSE: Final = frozenset({"false", "0"})


#: A ``NoteRef`` as read: (target note GUID, holder GUID or None for the
#: project itself, element path, line).
NoteRefRecord = tuple[str, str | None, str, int | None]


class ElementReader:
    """State shared while walking one document: caches, problems, skips."""

    #: Whether ``NoteRef``s are read into :attr:`note_refs` (a project) or
    #: counted as unmodelled (a codebook, whose schema has no notes).
    reads_notes = False

    def __init__(self, root: Element, source_name: str) -> None:
        self.root = root
        self.source_name = source_name
        self.problems: list[ReadProblem] = []
        self.unmodelled: list[UnmodelledElement] = []
        self.note_refs: list[NoteRefRecord] = []
        # Per document, not global: a hostile file could otherwise grow a
        # process-wide cache without bound.
        self._locals: dict[str, str] = {}
        self._guids: dict[str, str] = {}
        # While a batch is open (see batched()), the hot readers lower own GUIDs
        # and collect them here instead of checking each; None: check each.
        self.batch: list[str] | None = None
        self._batching = True

    # -- small helpers -------------------------------------------------------

    def local(self, tag: object) -> str:
        if not isinstance(tag, str):
            return ""  # an entity reference or other non-element node
        name = self._locals.get(tag)
        if name is None:
            name = self._locals[tag] = local_name(tag)
        return name

    def path(self, element: Element) -> str:
        names = [self.local(ancestor.tag) for ancestor in element.iterancestors()]
        names.reverse()
        names.append(self.local(element.tag))
        return "/".join(names)

    def guid(self, element: Element, attribute: str = "guid") -> str:
        value = element.get(attribute)
        if value is not None:
            cached = self._guids.get(value)
            if cached is not None:
                return cached
        try:
            if value is None:
                raise DocumentError("required GUID is missing")
            normalized = normalize_guid(value)
        except DocumentError as error:
            where = f"{self.path(element)}@{attribute} (line {element.sourceline})"
            raise DocumentError(f"{self.source_name}: {where}: {error}") from None
        self._guids[value] = normalized
        return normalized

    def optional_guid(self, element: Element, attribute: str) -> str | None:
        value = element.get(attribute)
        if value is None:
            return None
        cached = self._guids.get(value)
        return cached if cached is not None else self.guid(element, attribute)

    def own_guid(self, element: Element) -> str:
        # An element's own GUID is unique, so caching it would only cost: it
        # goes straight to the normaliser, and only a failure takes the slow
        # path that names the place.
        value = element.get("guid")
        if value is not None:
            try:
                return normalize_guid(value)
            except DocumentError:
                pass
        return self.guid(element)

    def batched(self, read: Callable[[Element], _T], element: Element) -> _T:
        """Return ``read(element)``, checking the own GUIDs it lowered in one batch.

        Vendors write each GUID in one form throughout, and MAXQDA and ATLAS.ti
        write them upper-case: lowering each and checking them all at once,
        with one regular expression, replaces a Python call per element. If
        any is not canonical once lowered (braces, spaces, not a GUID), or
        ``read`` fails, ``read`` runs again checking each GUID as it goes (so
        the document and the first error are those of that careful reading),
        and so does every later read of this document. ``read`` must have no
        effect beyond this reader's problems, unmodelled elements and note
        references, which are rolled back.
        """
        if not self._batching or self.batch is not None:
            return read(element)
        marks = (len(self.problems), len(self.unmodelled), len(self.note_refs))
        batch: list[str] = []
        self.batch = batch
        try:
            result = read(element)
            if _all_canonical(batch):
                return result
        except DocumentError:
            pass
        finally:
            self.batch = None
        self._batching = False
        del self.problems[marks[0] :]
        del self.unmodelled[marks[1] :]
        del self.note_refs[marks[2] :]
        return read(element)

    def problem(
        self, code: ProblemCode, element: Element, message: str, guid: str | None = None
    ) -> None:
        self.problems.append(
            ReadProblem(
                code=code,
                location=self.path(element),
                guid=guid,
                line=element.sourceline,
                message=message,
            )
        )

    def required_text(self, element: Element, attribute: str, guid: str | None) -> str:
        value = element.get(attribute)
        if value is None:
            self.problem(
                ProblemCode.MISSING_ATTRIBUTE,
                element,
                f"required attribute {attribute!r} is missing; read as empty",
                guid,
            )
            return ""
        return str(value)

    def skip(self, element: Element) -> None:
        """Record an unmodelled element and everything with identity inside it.

        A ``NoteRef`` is not unmodelled where notes are read (see
        :attr:`reads_notes`): it is kept in :attr:`note_refs` instead.
        """
        kind = self.local(element.tag)
        if not kind:
            return
        if kind == "NoteRef" and self.reads_notes and self.note_ref(element, element.getparent()):
            return
        location = self.path(element)
        self._record(element, location)
        self._record_inside(element, location)

    def note_ref(self, element: Element, holder: Element | None) -> bool:
        """Keep a ``NoteRef`` of ``holder`` in :attr:`note_refs`.

        Returns False, keeping nothing, when the holder is neither the root
        (a note about the whole project) nor an element with a GUID.
        """
        if holder is None:
            return False
        owner: str | None = None
        if holder.getparent() is not None:
            raw = holder.get("guid")
            if raw is None:
                return False
            owner = self._guids.get(raw)
            if owner is None:
                try:
                    owner = normalize_guid(raw)
                except DocumentError:
                    owner = raw  # an unmodelled holder's GUID is not ours to judge
        target = self.guid(element, "targetGUID")
        self.note_refs.append((target, owner, self.path(element), element.sourceline))
        return True

    def _record(self, element: Element, location: str) -> None:
        raw = element.get("guid") or element.get("targetGUID")
        try:
            guid = normalize_guid(raw) if raw is not None else None
        except DocumentError:
            guid = raw  # not ours to judge: this element is not modelled
        self.unmodelled.append(
            UnmodelledElement(
                kind=self.local(element.tag),
                location=location,
                guid=guid,
                line=element.sourceline,
            )
        )

    def _record_inside(self, element: Element, location: str) -> None:
        # Depth is bounded by ReadLimits.max_xml_depth, checked at parse time.
        for child in element:
            kind = self.local(child.tag)
            if not kind:
                continue
            if kind == "NoteRef" and self.reads_notes and self.note_ref(child, element):
                continue
            child_location = f"{location}/{kind}"
            if child.get("guid") is not None or kind == "NoteRef":
                self._record(child, child_location)
            if len(child):
                self._record_inside(child, child_location)

    def root_namespace(self, known: Collection[str], document: str) -> str:
        """Return the root's namespace; one the standard does not define is a problem."""
        namespace = namespace_of(self.root.tag)
        if namespace not in known:
            self.problem(
                ProblemCode.UNKNOWN_NAMESPACE,
                self.root,
                f"namespace {namespace!r} is not a REFI-QDA {document} namespace; read anyway",
            )
        return namespace

    def check_namespace(self, element: Element, expected: str) -> None:
        namespace = namespace_of(element.tag)
        if namespace != expected:
            self.problem(
                ProblemCode.FOREIGN_NAMESPACE,
                element,
                f"namespace {namespace!r} differs from the root's {expected!r}; read by local name",
            )

    # -- shared structures ---------------------------------------------------

    def color(self, element: Element, guid: str) -> str | None:
        value = element.get("color")
        if value is None:
            return None
        text = value.strip()
        if match := _HEX_COLOR.fullmatch(text):
            digits = match.group(1).lower()
            if len(digits) == 3:  # noqa: PLR2004 - the short CSS form #rgb
                digits = "".join(digit * 2 for digit in digits)
            return f"#{digits}"
        match = _RGB_COLOR.fullmatch(text)
        if match and all(int(part) <= 255 for part in match.groups()):  # noqa: PLR2004
            return "#" + "".join(f"{int(part):02x}" for part in match.groups())
        self.problem(ProblemCode.BAD_VALUE, element, f"colour {value!r} not understood", guid)
        return None

    def boolean(self, element: Element, attribute: str, guid: str, default: bool) -> bool:
        value = element.get(attribute)
        if value is None:
            return default
        folded = value.strip().lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        self.problem(
            ProblemCode.BAD_VALUE,
            element,
            f"{attribute}={value!r} is not a boolean; read as {default}",
            guid,
        )
        return default

    def codes(self, container: Element) -> tuple[Code, ...]:
        found: list[Code] = []
        for child in container:
            if self.local(child.tag) == "Code":
                found.append(self.code(child))
            else:
                self.skip(child)
        return tuple(found)

    def code(self, element: Element) -> Code:
        # Recursion is bounded: parse_xml refused anything deeper than
        # ReadLimits.max_xml_depth.
        guid = self.own_guid(element)
        description: str | None = None
        children: list[Code] = []
        for child in element:
            kind = self.local(child.tag)
            if kind == "Code":
                children.append(self.code(child))
            elif kind == "Description":
                description = child.text
            else:
                self.skip(child)
        return Code(
            guid=guid,
            name=self.required_text(element, "name", guid),
            is_codable=self.boolean(element, "isCodable", guid, default=True),
            color=self.color(element, guid),
            description=description,
            children=tuple(children),
        )

    def member_set(self, element: Element) -> MemberSet:
        guid = self.own_guid(element)
        description: str | None = None
        members: dict[str, list[str]] = {"MemberCode": [], "MemberSource": [], "MemberNote": []}
        for child in element:
            kind = self.local(child.tag)
            if kind in members:
                # The codebook schema names the attribute "guid", the project
                # schema "targetGUID".
                attribute = "targetGUID" if child.get("targetGUID") is not None else "guid"
                members[kind].append(self.guid(child, attribute))
            elif kind == "Description":
                description = child.text
            else:
                self.skip(child)
        return MemberSet(
            guid=guid,
            name=self.required_text(element, "name", guid),
            description=description,
            code_guids=tuple(members["MemberCode"]),
            source_guids=tuple(members["MemberSource"]),
            note_guids=tuple(members["MemberNote"]),
        )

    def sets(self, container: Element) -> tuple[MemberSet, ...]:
        found: list[MemberSet] = []
        for child in container:
            if self.local(child.tag) == "Set":
                found.append(self.member_set(child))
            else:
                self.skip(child)
        return tuple(found)


def _all_canonical(guids: list[str]) -> bool:
    """Tell whether every string is a canonical GUID (36 characters, lower-case 8-4-4-4-12 hex)."""
    count = len(guids)
    return canonical_lines("\n".join(guids) + "\n" if count else "", count)


def parse_root(
    data: bytes,
    expected: str,
    source_name: str,
    limits: ReadLimits,
    on_end: tuple[str, Callable[[Element], object]] | None = None,
) -> Element:
    """Parse a document safely and return its root, which must be the element ``expected``.

    ``on_end`` is handed to :func:`parse_xml`.
    """
    root = parse_xml(data, source_name=source_name, limits=limits, on_end=on_end)
    check_code_depth(root, source_name=source_name, limits=limits)
    found = local_name(root.tag) if isinstance(root.tag, str) else repr(root.tag)
    if found != expected:
        hint = {"CodeBook": " (a codebook: use parse_codebook)", "Project": " (a project)"}
        raise DocumentError(
            f"{source_name}: the root element is {found!r}{hint.get(found, '')}, "
            f"not the REFI-QDA {expected!r}"
        )
    return root
