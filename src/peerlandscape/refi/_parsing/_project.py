"""Read a project (``.qde``) into a :class:`~peerlandscape.refi.ProjectDocument`.

One pass over the root's sections, in the schema's order: users, the
codebook, variables, cases, sources (:mod:`._sources`), notes and Sets. Every
``NoteRef`` met on the way (see :meth:`ElementReader.note_ref`) is resolved
at the end, into the notes' ``referenced_by`` and ``on_project``. Links and
graphs are counted as unmodelled elements, not read.
"""

from __future__ import annotations

from typing import Final

import attrs

from peerlandscape._collector import no_cyclic_gc
from peerlandscape.refi._ir import (
    Case,
    Code,
    MemberSet,
    Note,
    ProblemCode,
    ProjectDocument,
    ReadProblem,
    TextSource,
    User,
    Variable,
    VariableValue,
)
from peerlandscape.refi._parsing._archive import QdpxArchive
from peerlandscape.refi._parsing._elements import parse_root
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits
from peerlandscape.refi._parsing._sources import SourcesReader
from peerlandscape.refi._parsing._xml import PROJECT_NAMESPACES, Element

__all__ = ["parse_project"]

_UNMODELLED_SECTIONS: Final = frozenset({"Links", "Graphs"})


class _ProjectReader(SourcesReader):
    def read(self) -> ProjectDocument:  # noqa: PLR0912 - one branch per schema section reads best
        root = self.root
        namespace = self.root_namespace(PROJECT_NAMESPACES, "project")
        users: tuple[User, ...] = ()
        codes: tuple[Code, ...] = ()
        variables: tuple[Variable, ...] = ()
        cases: tuple[Case, ...] = ()
        sources: tuple[TextSource, ...] = ()
        notes: list[Note] = []
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
                cases = self.batched(self.cases, section)
            elif kind == "Sources":
                sources = self.sources(section)
            elif kind == "Notes":
                notes += self.notes(section)
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
        resolved = self.resolve_notes(notes)
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
            notes=resolved,
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

    def cases(self, section: Element) -> tuple[Case, ...]:
        found: list[Case] = []
        guids = self._guids
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
                    # A SelectionRef per selection: lowered into the batch (see batched()).
                    raw = part.get("targetGUID")
                    if raw is not None and (batch := self.batch) is not None:
                        target = guids.get(raw)
                        if target is None:
                            target = raw.lower()
                            batch.append(target)
                    else:
                        target = self.guid(part, "targetGUID")
                    refs[kind].append(target)
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

    def notes(self, section: Element) -> list[Note]:
        found: list[Note] = []
        for child in section:
            if self.local(child.tag) == "Note":
                found.append(self.note(child))
            else:
                self.skip(child)
        return found

    def note(self, element: Element) -> Note:
        # A Note is a TextSourceType: its selections, codings and variable
        # values are counted as unmodelled; its own NoteRefs are kept.
        guid = self.own_guid(element)
        description: str | None = None
        content: str | None = None
        for part in element:
            kind = self.local(part.tag)
            if kind == "PlainTextContent":
                content = part.text or ""
            elif kind == "Description":
                description = part.text
            else:
                self.skip(part)
        path = element.get("plainTextPath")
        return Note(
            guid=guid,
            name=element.get("name"),
            text=self.source_text(element, guid, path, content, "note"),
            description=description,
            plain_text_path=path,
            creating_user=self.optional_guid(element, "creatingUser"),
            creation_datetime=element.get("creationDateTime"),
            modifying_user=self.optional_guid(element, "modifyingUser"),
            modified_datetime=element.get("modifiedDateTime"),
        )

    def resolve_notes(self, notes: list[Note]) -> tuple[Note, ...]:
        """Give each note what refers to it; a NoteRef to no note is a problem."""
        holders: dict[str, list[str]] = {note.guid: [] for note in notes}
        on_project: set[str] = set()
        for target, holder, location, line in self.note_refs:
            found = holders.get(target)
            if found is None:
                self.problems.append(
                    ReadProblem(
                        ProblemCode.UNKNOWN_NOTE,
                        location,
                        target,
                        line,
                        f"NoteRef to {target}, which is no Note of the project; left out",
                    )
                )
            elif holder is None:
                on_project.add(target)
            else:
                found.append(holder)
        return tuple(
            attrs.evolve(
                note, referenced_by=tuple(holders[note.guid]), on_project=note.guid in on_project
            )
            if holders[note.guid] or note.guid in on_project
            else note
            for note in notes
        )


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
        The XML of a ``.qde`` file, or of the project document of a ``.qdpx``
        archive (:meth:`~peerlandscape.refi.QdpxArchive.read_project`), as bytes.
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
    with no_cyclic_gc():
        reader = _ProjectReader(None, source_name, archive, limits.max_xml_depth)
        reader.root = parse_root(
            data, "Project", source_name, limits, on_end=("TextSource", reader.early_text_source)
        )
        return reader.read()
