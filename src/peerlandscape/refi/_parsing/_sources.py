"""Read the ``<Sources>`` of a project: text sources, their selections and codings.

A source's plain text comes from the element itself or from the ``.qdpx``
archive, never from outside it. Picture, PDF, audio and video sources are not
modelled: they are recorded as unmodelled elements.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from peerlandscape._exceptions import DocumentError
from peerlandscape.refi._guids import match_canonical_guid
from peerlandscape.refi._ir import (
    Coding,
    PlainTextSelection,
    ProblemCode,
    ReadProblem,
    TextSource,
    UnmodelledElement,
    VariableValue,
)
from peerlandscape.refi._parsing._archive import QdpxArchive
from peerlandscape.refi._parsing._bulk import SelectionColumns
from peerlandscape.refi._parsing._elements import ElementReader, NoteRefRecord
from peerlandscape.refi._parsing._xml import Element, namespace_of
from peerlandscape.refi._positions import strip_bom

__all__ = ["SourcesReader"]

_INTERNAL: Final = "internal://"
_EXTERNAL: Final = re.compile(r"^(?:relative|absolute)://", re.IGNORECASE)
_SOURCES_FOLDER: Final = re.compile(r"^sources/", re.IGNORECASE)
_INTEGER: Final = re.compile(r"\s*[+-]?[0-9]+\s*")


def _parse_int(value: str | None) -> int | None:
    if value is None:
        return None
    if value.isascii() and value.isdigit():  # isascii() first: int("²") fails
        return int(value)
    # int() alone would also take "1_000" and non-ASCII digits.
    return int(value) if _INTEGER.fullmatch(value) else None


#: Where a text source sits: ``Project/Sources/TextSource``.
_TEXT_SOURCE_DEPTH: Final = 3
#: Levels below a text source that its content usually fills, plus one:
#: ``PlainTextSelection/Coding/CodeRef``.
_USUAL_LEVELS: Final = 4

_Early = tuple[TextSource, list[ReadProblem], list[UnmodelledElement], list[NoteRefRecord]]
# A source read by columns: its selections, and its other children.
_Regular = tuple[tuple[PlainTextSelection, ...], list[Element]]
_VALUE_SUFFIX: Final = "Value"
# What a text source holds besides its text: GUID, name, description, inline
# content, selections, codings, variable values.
_SourceParts = tuple[
    str,
    str | None,
    str | None,
    str | None,
    tuple[PlainTextSelection, ...],
    tuple[Coding, ...],
    tuple[VariableValue, ...],
]


class SourcesReader(ElementReader):
    """Reads the ``<Sources>`` section, with the archive that holds the source texts.

    The text sources hold nearly all of a project, so :meth:`early_text_source`
    reads each one while the XML is still being parsed and empties it, and the
    whole tree is never resident. :meth:`sources` then takes what was read
    early, with its problems and unmodelled elements in their places, so the
    document is the same as that of a walk over the whole tree.
    """

    reads_notes = True

    def __init__(
        self, root: Element, source_name: str, archive: QdpxArchive | None, max_depth: int = 0
    ) -> None:
        super().__init__(root, source_name)
        self.archive = archive
        self._early: dict[Element, _Early] = {}
        self._columns: dict[str, SelectionColumns] = {}
        self._early_stopped = max_depth < _TEXT_SOURCE_DEPTH
        # The depth check after the parse cannot see inside an emptied element,
        # so each one is checked first: is anything in it deeper than allowed?
        levels = max_depth + 1 - _TEXT_SOURCE_DEPTH
        self._too_deep: Any = etree.XPath("/".join(["*"] * levels)) if levels > 0 else None
        # A path of a hundred steps costs libxml2 a third of a millisecond even
        # where the second step finds nothing; a short one first finds whether
        # anything nests deeper than a selection's coding's CodeRef at all.
        usual = min(levels, _USUAL_LEVELS)
        self._unusual: Any = etree.XPath("/".join(["*"] * usual)) if levels > 0 else None
        # Nothing in the selections of a source read by columns nests deeper than a
        # CodeRef, so where the limit is above that, only the source's other
        # children need the short path, one level shorter.
        self._other_unusual: Any = (
            etree.XPath("/".join(["*"] * (_USUAL_LEVELS - 1))) if levels >= _USUAL_LEVELS else None
        )

    def early_text_source(self, element: Element) -> None:
        """Read a ``Project/Sources/TextSource`` as soon as it is parsed, then empty it.

        Anything unexpected (a failure, too deep a nesting) stops the early
        reading, leaving that source and the rest to the walk after the
        parse, which then fails or reports in the same order as it would have.
        """
        if self._early_stopped:
            return
        sources = element.getparent()
        if sources is None or self.local(sources.tag) != "Sources":
            return
        project = sources.getparent()
        if project is None or project.getparent() is not None:
            return
        regular = self._regular(element) if self._other_unusual is not None else None
        if regular is not None:
            unusual = any(self._other_unusual(other) for other in regular[1])
        else:
            unusual = bool(self._unusual(element))
        if unusual and self._too_deep(element):
            self._early_stopped = True
            return
        problems, unmodelled, note_refs = self.problems, self.unmodelled, self.note_refs
        self.problems, self.unmodelled, self.note_refs = [], [], []
        try:
            source = self.text_source(element, regular, tried=self._other_unusual is not None)
        except DocumentError:
            self._early_stopped = True
            return
        finally:
            early = (self.problems, self.unmodelled, self.note_refs)
            self.problems, self.unmodelled, self.note_refs = problems, unmodelled, note_refs
        self._early[element] = (source, *early)
        element.clear()

    def sources(self, section: Element) -> tuple[TextSource, ...]:
        found: list[TextSource] = []
        for child in section:
            kind = self.local(child.tag)
            if kind == "TextSource":
                early = self._early.pop(child, None)
                if early is None:
                    found.append(self.text_source(child))
                else:
                    source, problems, unmodelled, note_refs = early
                    self.problems += problems
                    self.unmodelled += unmodelled
                    self.note_refs += note_refs
                    found.append(source)
            else:  # Picture, PDF, Audio and Video sources are not modelled yet
                self.skip(child)
        return tuple(found)

    # coding() and selection() read the selections of a source that is not read
    # by columns (see _bulk), once per coding and per selection. They look
    # names and GUIDs up in the caches directly, take an own GUID or a position
    # that is already in canonical form as it is, fall back to the general
    # helpers only on a miss, and build their objects with positional
    # arguments (in field order), which attrs handles faster than keywords.

    def coding(self, element: Element) -> Coding | None:
        guids = self._guids
        get = element.get
        code_guid: str | None = None
        # The common case, a lone CodeRef, read without a loop.
        part = element[0] if len(element) == 1 else None
        if part is not None and self._locals.get(part.tag) == "CodeRef":
            code_guid = guids.get(part.get("targetGUID")) or self.guid(part, "targetGUID")
        else:
            for part in element:
                tag = part.tag
                if (self._locals.get(tag) or self.local(tag)) == "CodeRef":
                    code_guid = guids.get(part.get("targetGUID")) or self.guid(part, "targetGUID")
                else:
                    self.skip(part)
        guid = self._own_guid_batched(element, get("guid"))
        if code_guid is None:
            self.problem(
                ProblemCode.MISSING_ATTRIBUTE, element, "Coding without a CodeRef; left out", guid
            )
            return None
        user = get("creatingUser")
        if user is not None:
            user = guids.get(user) or self.guid(element, "creatingUser")
        return Coding(guid, code_guid, user, get("creationDateTime"))

    def _own_guid_batched(self, element: Element, guid: str | None) -> str:
        # Inside a batch, lowered now and checked with the rest of the source at once;
        # otherwise checked here (the careful reading that names the element).
        if guid is not None and (batch := self.batch) is not None:
            guid = guid.lower()
            batch.append(guid)
            return guid
        guid = guid.lower() if guid is not None else ""
        if match_canonical_guid(guid) is None:
            guid = self.own_guid(element)
        return guid

    def selection(self, element: Element) -> PlainTextSelection | None:
        guids = self._guids
        get = element.get
        guid = self._own_guid_batched(element, get("guid"))
        raw_start = get("startPosition")
        raw_end = get("endPosition")
        # _parse_int()'s common case, inline (isascii() first: int("²") fails).
        try:
            start = (
                int(raw_start)
                if raw_start is not None and raw_start.isascii() and raw_start.isdigit()
                else _parse_int(raw_start)
            )
            end = (
                int(raw_end)
                if raw_end is not None and raw_end.isascii() and raw_end.isdigit()
                else _parse_int(raw_end)
            )
        except ValueError:
            # More digits than int() converts (sys.get_int_max_str_digits): no text is that
            # long, so the selection is left out as one whose positions are not integers.
            start = end = None
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

    def text_source(
        self, element: Element, regular: _Regular | None = None, *, tried: bool = False
    ) -> TextSource:
        """Read a ``<TextSource>``; ``regular`` is its read by columns when ``tried``."""
        # The parts are read in a batch (see batched()); the text, which counts
        # against the archive's budget, only once they are known to be sound.
        guid, name, description, content, selections, codings, values = self.batched(
            partial(self._text_source_parts, regular=regular, tried=tried), element
        )
        path = element.get("plainTextPath")
        return TextSource(
            guid=guid,
            name=name,
            plain_text_path=path,
            rich_text_path=element.get("richTextPath"),
            plain_text_content=content,
            text=self.source_text(element, guid, path, content),
            description=description,
            creating_user=self.optional_guid(element, "creatingUser"),
            creation_datetime=element.get("creationDateTime"),
            selections=selections,
            codings=codings,
            variable_values=values,
        )

    def _regular(self, element: Element) -> _Regular | None:
        """Return the selections and other children of a regular source (see ``_bulk``)."""
        namespace = namespace_of(element.tag)
        columns = self._columns.get(namespace)
        if columns is None:
            columns = self._columns[namespace] = SelectionColumns(namespace)
        return columns.read(element, self._guids)

    def _text_source_parts(
        self, element: Element, *, regular: _Regular | None, tried: bool
    ) -> _SourceParts:
        guid = self.own_guid(element)
        description: str | None = None
        content: str | None = None
        selections: list[PlainTextSelection] = []
        codings: list[Coding] = []
        values: list[VariableValue] = []
        parts: Any = element
        if not tried:
            regular = self._regular(element)
        if regular is not None:
            # The selections are read; what else the source holds is read as below.
            selections = list(regular[0])
            parts = regular[1]
        for part in parts:
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
            elif kind == "VariableValue":
                if (value := self.variable_value(part)) is not None:
                    values.append(value)
            else:
                self.skip(part)
        return (
            guid,
            element.get("name"),
            description,
            content,
            tuple(selections),
            tuple(codings),
            tuple(values),
        )

    def variable_value(self, element: Element) -> VariableValue | None:
        """Read a case's or a source's ``<VariableValue>``; None, with a problem, without a ref."""
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

    def source_text(
        self,
        element: Element,
        guid: str,
        path: str | None,
        content: str | None,
        what: str = "source",
    ) -> str | None:
        """Return the plain text of a text source or a note (``what``), or None with a problem.

        Only the archive's ``sources/`` folder is read, through
        :meth:`QdpxArchive.read_source` and so under its limits.
        """
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
                f"{self.archive.path}: sources/{name} (text of {what} {guid}) is not UTF-8: "
                f"byte {data[error.start]:#04x} at offset {error.start}"
            ) from None
