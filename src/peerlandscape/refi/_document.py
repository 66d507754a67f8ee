"""Read a REFI-QDA project or codebook into the frozen intermediate picture.

One pass over an lxml tree, matching elements by local name, builds the
classes of :mod:`peerlandscape.refi._ir`. The reader is lenient about what
vendors really write (empty ``<Sets/>``, unnamed cases, braced or upper-case
GUIDs, missing optional attributes) and strict about structure: a root that
is neither ``Project`` nor ``CodeBook``, or an element without a usable GUID,
stops it with :class:`~peerlandscape._exceptions.DocumentError`.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Final

from peerlandscape._exceptions import DocumentError, MissingFileError, UnsafeFileError
from peerlandscape.refi._archive import QdpxArchive
from peerlandscape.refi._guids import normalize_guid
from peerlandscape.refi._ir import (
    Case,
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    PlainTextSelection,
    ProblemCode,
    ProjectDocument,
    ReadProblem,
    TextSource,
    UnmodelledElement,
    User,
    Variable,
    VariableValue,
)
from peerlandscape.refi._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._positions import strip_bom
from peerlandscape.refi._xml import (
    CODEBOOK_NAMESPACES,
    PROJECT_NAMESPACES,
    Element,
    local_name,
    namespace_of,
    parse_xml,
)

__all__ = ["parse_codebook", "parse_project", "read_codebook", "read_project"]

_INTERNAL: Final = "internal://"
_EXTERNAL: Final = re.compile(r"^(?:relative|absolute)://", re.IGNORECASE)
_SOURCES_FOLDER: Final = re.compile(r"^sources/", re.IGNORECASE)
_INTEGER: Final = re.compile(r"\s*[+-]?[0-9]+\s*")
_HEX_COLOR: Final = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})")
_RGB_COLOR: Final = re.compile(r"rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)", re.I)
_TRUE: Final = frozenset({"true", "1"})
_FALSE: Final = frozenset({"false", "0"})
_ZIP_MAGIC: Final = (b"PK\x03\x04", b"PK\x05\x06")
_VALUE_SUFFIX: Final = "Value"
_UNMODELLED_SECTIONS: Final = frozenset({"Notes", "Links", "Graphs"})


def _parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isascii() and value.isdigit():  # isascii() first: int("²") fails
        return int(value)
    # int() alone would also take "1_000" and non-ASCII digits.
    return int(value) if _INTEGER.fullmatch(value) else None


class _Reader:
    """State shared while walking one document: caches, problems, skips."""

    def __init__(self, root: Element, source_name: str) -> None:
        self.root = root
        self.source_name = source_name
        self.problems: list[ReadProblem] = []
        self.unmodelled: list[UnmodelledElement] = []
        # Per document, not global: a hostile file could otherwise grow a
        # process-wide cache without bound.
        self._locals: dict[str, str] = {}
        self._guids: dict[str, str] = {}

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
        """Record an unmodelled element and everything with identity inside it."""
        if self.local(element.tag):
            location = self.path(element)
            self._record(element, location)
            self._record_inside(element, location)

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
            child_location = f"{location}/{kind}"
            if child.get("guid") is not None or kind == "NoteRef":
                self._record(child, child_location)
            if len(child):
                self._record_inside(child, child_location)

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


class _ProjectReader(_Reader):
    def __init__(self, root: Element, source_name: str, archive: QdpxArchive | None) -> None:
        super().__init__(root, source_name)
        self.archive = archive

    def read(self) -> ProjectDocument:  # noqa: PLR0912 - one branch per schema section reads best
        root = self.root
        namespace = namespace_of(root.tag)
        if namespace not in PROJECT_NAMESPACES:
            self.problem(
                ProblemCode.UNKNOWN_NAMESPACE,
                root,
                f"namespace {namespace!r} is not a REFI-QDA project namespace; read anyway",
            )
        users: tuple[User, ...] = ()
        codes: tuple[Code, ...] = ()
        variables: tuple[Variable, ...] = ()
        cases: tuple[Case, ...] = ()
        sources: tuple[TextSource, ...] = ()
        sets: tuple[MemberSet, ...] = ()
        description: str | None = None
        for section in root:
            kind = self.local(section.tag)
            if kind:
                self.check_namespace(section, namespace)
            if kind == "Users":
                users = self.users(section)
            elif kind == "CodeBook":
                codes = self.codebook_codes(section)
            elif kind == "Variables":
                variables = self.variables(section)
            elif kind == "Cases":
                cases = self.cases(section)
            elif kind == "Sources":
                sources = self.sources(section)
            elif kind == "Sets":
                sets = self.sets(section)
            elif kind == "Description":
                description = section.text
            elif kind in _UNMODELLED_SECTIONS:
                # Count the notes, links and graphs, not their wrapper.
                for child in section:
                    self.skip(child)
            else:  # a project-level NoteRef, or an element the standard lacks
                self.skip(section)
        return ProjectDocument(
            name=self.required_text(root, "name", None),
            origin=root.get("origin"),
            creation_datetime=root.get("creationDateTime"),
            creating_user=self.optional_guid(root, "creatingUserGUID"),
            modified_datetime=root.get("modifiedDateTime"),
            modifying_user=self.optional_guid(root, "modifyingUserGUID"),
            base_path=root.get("basePath"),
            description=description,
            namespace=namespace,
            users=users,
            codes=codes,
            variables=variables,
            cases=cases,
            text_sources=sources,
            sets=sets,
            unmodelled=tuple(self.unmodelled),
            problems=tuple(self.problems),
        )

    def users(self, section: Element) -> tuple[User, ...]:
        found: list[User] = []
        for child in section:
            if self.local(child.tag) == "User":
                found.append(
                    User(guid=self.own_guid(child), name=child.get("name"), id=child.get("id"))
                )
            else:
                self.skip(child)
        return tuple(found)

    def codebook_codes(self, section: Element) -> tuple[Code, ...]:
        codes: tuple[Code, ...] = ()
        for child in section:
            if self.local(child.tag) == "Codes":
                codes += self.codes(child)
            else:
                self.skip(child)
        return codes

    def variables(self, section: Element) -> tuple[Variable, ...]:
        found: list[Variable] = []
        for child in section:
            if self.local(child.tag) != "Variable":
                self.skip(child)
                continue
            guid = self.own_guid(child)
            description = None
            for part in child:
                if self.local(part.tag) == "Description":
                    description = part.text
                else:
                    self.skip(part)
            found.append(
                Variable(
                    guid=guid,
                    name=self.required_text(child, "name", guid),
                    type_of_variable=self.required_text(child, "typeOfVariable", guid),
                    description=description,
                )
            )
        return tuple(found)

    def variable_value(self, element: Element) -> VariableValue | None:
        variable: str | None = None
        kind: str | None = None
        value: str | None = None
        for part in element:
            name = self.local(part.tag)
            if name == "VariableRef":
                variable = self.guid(part, "targetGUID")
            elif name.endswith(_VALUE_SUFFIX):
                kind, value = name.removesuffix(_VALUE_SUFFIX), part.text
            else:
                self.skip(part)
        if variable is None:
            self.problem(
                ProblemCode.MISSING_ATTRIBUTE,
                element,
                "VariableValue without a VariableRef; left out",
            )
            return None
        return VariableValue(variable_guid=variable, kind=kind, value=value)

    def cases(self, section: Element) -> tuple[Case, ...]:
        found: list[Case] = []
        for child in section:
            if self.local(child.tag) != "Case":
                self.skip(child)
                continue
            guid = self.own_guid(child)
            description = None
            values: list[VariableValue] = []
            refs: dict[str, list[str]] = {"CodeRef": [], "SourceRef": [], "SelectionRef": []}
            for part in child:
                kind = self.local(part.tag)
                if kind in refs:
                    refs[kind].append(self.guid(part, "targetGUID"))
                elif kind == "VariableValue":
                    if (value := self.variable_value(part)) is not None:
                        values.append(value)
                elif kind == "Description":
                    description = part.text
                else:
                    self.skip(part)
            found.append(
                Case(
                    guid=guid,
                    name=child.get("name"),
                    description=description,
                    variable_values=tuple(values),
                    code_guids=tuple(refs["CodeRef"]),
                    source_guids=tuple(refs["SourceRef"]),
                    selection_guids=tuple(refs["SelectionRef"]),
                )
            )
        return tuple(found)

    def sources(self, section: Element) -> tuple[TextSource, ...]:
        found: list[TextSource] = []
        for child in section:
            kind = self.local(child.tag)
            if kind == "TextSource":
                found.append(self.text_source(child))
            else:  # Picture, PDF, Audio and Video sources are not modelled yet
                self.skip(child)
        return tuple(found)

    # coding() and selection() run once per coding and per selection, tens of
    # thousands of times in a large project. They look names and GUIDs up in
    # the caches directly, fall back to the general helpers only on a miss,
    # and build their objects with positional arguments (in field order),
    # which attrs handles measurably faster than keywords.

    def coding(self, element: Element) -> Coding | None:
        guids = self._guids
        get = element.get
        code_guid: str | None = None
        for part in element:
            tag = part.tag
            if (self._locals.get(tag) or self.local(tag)) == "CodeRef":
                code_guid = guids.get(part.get("targetGUID")) or self.guid(part, "targetGUID")
            else:
                self.skip(part)
        guid = self.own_guid(element)
        if code_guid is None:
            self.problem(
                ProblemCode.MISSING_ATTRIBUTE, element, "Coding without a CodeRef; left out", guid
            )
            return None
        user = get("creatingUser")
        if user is not None:
            user = guids.get(user) or self.guid(element, "creatingUser")
        return Coding(guid, code_guid, user, get("creationDateTime"))

    def selection(self, element: Element) -> PlainTextSelection | None:
        guids = self._guids
        get = element.get
        guid = self.own_guid(element)
        raw_start = get("startPosition")
        raw_end = get("endPosition")
        start = _parse_int(raw_start)
        end = _parse_int(raw_end)
        description: str | None = None
        codings: list[Coding] = []
        for part in element:
            tag = part.tag
            kind = self._locals.get(tag) or self.local(tag)
            if kind == "Coding":
                if (coding := self.coding(part)) is not None:
                    codings.append(coding)
            elif kind == "Description":
                description = part.text
            else:
                self.skip(part)
        if start is None or end is None:
            self.problem(
                ProblemCode.BAD_POSITION,
                element,
                f"startPosition={raw_start!r} endPosition={raw_end!r} are not both "
                f"integers; selection left out with its {len(codings)} codings",
                guid,
            )
            return None
        creator = get("creatingUser")
        if creator is not None:
            creator = guids.get(creator) or self.guid(element, "creatingUser")
        modifier = get("modifyingUser")
        if modifier is not None:
            modifier = guids.get(modifier) or self.guid(element, "modifyingUser")
        return PlainTextSelection(
            guid,
            get("name"),
            start,
            end,
            description,
            creator,
            get("creationDateTime"),
            modifier,
            get("modifiedDateTime"),
            tuple(codings),
        )

    def text_source(self, element: Element) -> TextSource:
        guid = self.own_guid(element)
        description: str | None = None
        content: str | None = None
        selections: list[PlainTextSelection] = []
        codings: list[Coding] = []
        for part in element:
            tag = part.tag
            kind = self._locals.get(tag) or self.local(tag)
            if kind == "PlainTextSelection":
                if (selection := self.selection(part)) is not None:
                    selections.append(selection)
            elif kind == "Coding":
                if (coding := self.coding(part)) is not None:
                    codings.append(coding)
            elif kind == "PlainTextContent":
                content = part.text or ""
            elif kind == "Description":
                description = part.text
            else:
                self.skip(part)
        path = element.get("plainTextPath")
        return TextSource(
            guid=guid,
            name=element.get("name"),
            plain_text_path=path,
            rich_text_path=element.get("richTextPath"),
            plain_text_content=content,
            text=self.source_text(element, guid, path, content),
            description=description,
            creating_user=self.optional_guid(element, "creatingUser"),
            creation_datetime=element.get("creationDateTime"),
            selections=tuple(selections),
            codings=tuple(codings),
        )

    def source_text(
        self, element: Element, guid: str, path: str | None, content: str | None
    ) -> str | None:
        if content is not None:
            return strip_bom(content)
        if path is None:
            self.problem(
                ProblemCode.NO_TEXT,
                element,
                "neither plainTextPath nor PlainTextContent; no text",
                guid,
            )
            return None
        if _EXTERNAL.match(path):
            self.problem(
                ProblemCode.EXTERNAL_SOURCE,
                element,
                f"plainTextPath {path!r} is outside the archive and is not read",
                guid,
            )
            return None
        if self.archive is None:
            self.problem(
                ProblemCode.NO_ARCHIVE,
                element,
                f"plainTextPath {path!r} needs the .qdpx archive; a bare .qde was read",
                guid,
            )
            return None
        name = path[len(_INTERNAL) :] if path.lower().startswith(_INTERNAL) else path
        name = _SOURCES_FOLDER.sub("", name.replace("\\", "/"))
        data = self.archive.read_source(name)
        if data is None:
            self.problem(
                ProblemCode.MISSING_SOURCE_FILE,
                element,
                f"plainTextPath {path!r}: no sources/{name} in the archive",
                guid,
            )
            return None
        try:
            # utf-8-sig drops a byte order mark, which no position counts.
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DocumentError(
                f"{self.archive.path}: sources/{name} (text of source {guid}) is not UTF-8: "
                f"byte {data[error.start]:#04x} at offset {error.start}"
            ) from None


class _CodebookReader(_Reader):
    def read(self) -> CodebookDocument:
        root = self.root
        namespace = namespace_of(root.tag)
        if namespace not in CODEBOOK_NAMESPACES:
            self.problem(
                ProblemCode.UNKNOWN_NAMESPACE,
                root,
                f"namespace {namespace!r} is not a REFI-QDA codebook namespace; read anyway",
            )
        codes: tuple[Code, ...] = ()
        sets: tuple[MemberSet, ...] = ()
        for section in root:
            kind = self.local(section.tag)
            if kind:
                self.check_namespace(section, namespace)
            if kind == "Codes":
                codes += self.codes(section)
            elif kind == "Sets":
                sets = self.sets(section)
            else:
                self.skip(section)
        return CodebookDocument(
            origin=root.get("origin"),
            namespace=namespace,
            codes=codes,
            sets=sets,
            unmodelled=tuple(self.unmodelled),
            problems=tuple(self.problems),
        )


def _root(data: bytes, expected: str, source_name: str, limits: ReadLimits) -> Element:
    root = parse_xml(data, source_name=source_name, limits=limits)
    found = local_name(root.tag) if isinstance(root.tag, str) else repr(root.tag)
    if found != expected:
        hint = {"CodeBook": " (a codebook: use parse_codebook)", "Project": " (a project)"}
        raise DocumentError(
            f"{source_name}: the root element is {found!r}{hint.get(found, '')}, "
            f"not the REFI-QDA {expected!r}"
        )
    return root


def parse_project(
    data: bytes,
    *,
    source_name: str = "<bytes>",
    archive: QdpxArchive | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> ProjectDocument:
    """Parse the XML of a project (``.qde``) into a :class:`ProjectDocument`.

    Parameters
    ----------
    data
        The ``.qde`` bytes.
    source_name
        How to name the document in messages.
    archive
        The ``.qdpx`` the document came from, to read source texts out of;
        without it, sources stored in files get a ``no_archive`` problem.
    limits
        The resource limits for parsing.

    Returns
    -------
    ProjectDocument
        The project, with what was not modelled and what was worked around.

    Raises
    ------
    UnsafeFileError
        The XML is hostile or too large (see :func:`parse_xml`).
    DocumentError
        The XML is malformed, its root is not ``Project``, an element lacks
        a usable GUID, or a source text is not UTF-8.

    Examples
    --------
    >>> project = parse_project(b'''<Project xmlns="urn:QDA-XML:project:1.0" name="demo">
    ...   <CodeBook><Codes>
    ...     <Code guid="{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}" name="Trust" isCodable="true"
    ...           color="rgb(255,0,0)"/>
    ...   </Codes></CodeBook>
    ...   <Sources><TextSource guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Interview">
    ...     <PlainTextContent>We trust each other.</PlainTextContent>
    ...     <PlainTextSelection guid="12365523-1035-4afa-9e7b-281fe0bc51c5"
    ...                         startPosition="3" endPosition="8">
    ...       <Coding guid="7c108712-b650-4892-ac0b-fc9a10190c3b">
    ...         <CodeRef targetGUID="D7AA29DA-519B-4946-9B90-253B6DB8FD0A"/>
    ...       </Coding>
    ...     </PlainTextSelection>
    ...   </TextSource></Sources>
    ... </Project>''')
    >>> code = project.codes[0]
    >>> code.guid, code.color
    ('d7aa29da-519b-4946-9b90-253b6db8fd0a', '#ff0000')
    >>> source = project.text_sources[0]
    >>> selection = source.selections[0]
    >>> source.text[selection.start:selection.end], selection.codings[0].code_guid == code.guid
    ('trust', True)
    """
    root = _root(data, "Project", source_name, limits)
    return _ProjectReader(root, source_name, archive).read()


def parse_codebook(
    data: bytes, *, source_name: str = "<bytes>", limits: ReadLimits = DEFAULT_LIMITS
) -> CodebookDocument:
    """Parse the XML of a codebook (``.qdc``) into a :class:`CodebookDocument`.

    Parameters
    ----------
    data
        The ``.qdc`` bytes.
    source_name
        How to name the document in messages.
    limits
        The resource limits for parsing.

    Returns
    -------
    CodebookDocument
        The codebook, with what was not modelled and what was worked around.

    Raises
    ------
    UnsafeFileError
        The XML is hostile or too large.
    DocumentError
        The XML is malformed, its root is not ``CodeBook``, or an element
        lacks a usable GUID.

    Examples
    --------
    >>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0">
    ...   <Codes><Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="people"
    ...                isCodable="true"/></Codes><Sets/></CodeBook>''')
    >>> [(code.name, code.color) for code in book.codes], book.sets
    ([('people', None)], ())
    """
    root = _root(data, "CodeBook", source_name, limits)
    return _CodebookReader(root, source_name).read()


def _read_xml_file(path: Path, limits: ReadLimits) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MissingFileError(f"{path}: no such file") from None
    if size > limits.max_xml_bytes:
        raise UnsafeFileError(
            f"{path}: refused: {size} bytes of XML exceeds max_xml_bytes={limits.max_xml_bytes}"
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise DocumentError(f"{path}: cannot read: {error.strerror}") from None


def _is_archive(path: Path) -> bool:
    suffix = path.suffix.lower()
    if suffix in {".qdpx", ".zip"}:
        return True
    if suffix == ".qde":
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(4) in _ZIP_MAGIC
    except FileNotFoundError:
        raise MissingFileError(f"{path}: no such file") from None
    except OSError as error:
        raise DocumentError(f"{path}: cannot read: {error.strerror}") from None


def read_project(
    path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS
) -> ProjectDocument:
    """Read a project from a ``.qdpx`` archive or a bare ``.qde`` file.

    ``.qdpx`` and ``.zip`` files are opened as archives, ``.qde`` files as
    XML; any other name is told apart by its first bytes.

    Parameters
    ----------
    path
        The file.
    limits
        The resource limits for the archive and the XML.

    Returns
    -------
    ProjectDocument
        The project, with source texts read from the archive.

    Raises
    ------
    MissingFileError
        ``path`` does not exist.
    UnsafeFileError
        The archive or the XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable archive or project.
    """
    path = Path(path)
    if not _is_archive(path):
        data = _read_xml_file(path, limits)
        return parse_project(data, source_name=str(path), limits=limits)
    with QdpxArchive(path, limits=limits) as archive:
        data = archive.read_project()
        return parse_project(
            data,
            source_name=f"{path}:{archive.project_member}",
            archive=archive,
            limits=limits,
        )


def read_codebook(
    path: str | os.PathLike[str], *, limits: ReadLimits = DEFAULT_LIMITS
) -> CodebookDocument:
    """Read a codebook from a ``.qdc`` file.

    Parameters
    ----------
    path
        The file.
    limits
        The resource limits for the XML.

    Returns
    -------
    CodebookDocument
        The codebook.

    Raises
    ------
    MissingFileError
        ``path`` does not exist.
    UnsafeFileError
        The XML is hostile or crosses a limit.
    DocumentError
        The file is not a readable codebook.
    """
    path = Path(path)
    return parse_codebook(_read_xml_file(path, limits), source_name=str(path), limits=limits)
