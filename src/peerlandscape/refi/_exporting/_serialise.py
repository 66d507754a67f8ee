"""A REFI-QDA document written as XML: the mirror of the parser.

:func:`write_project` and :func:`write_codebook` serialise a
:class:`~peerlandscape.refi._ir.ProjectDocument` or
:class:`~peerlandscape.refi._ir.CodebookDocument` in the element order of the
official ``Project-mrt2019.xsd`` / ``Codebook-mrt2019.xsd``, leaving out empty
containers, so that parsing the output gives the document back. A note's
``referenced_by`` becomes a ``<NoteRef>`` inside each element it names (in the
order of the notes), and ``on_project`` a project-level ``<NoteRef>``. The
plain texts that text sources and notes name by ``plainTextPath`` are not in
the XML: :func:`write_archive` puts them beside it, in the ``.qdpx``.
"""

from __future__ import annotations

import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Final

from peerlandscape.refi._conventions import CODEBOOK_NAMESPACE
from peerlandscape.refi._exporting._output import member
from peerlandscape.refi._exporting._xml import XmlWriter, source_bytes
from peerlandscape.refi._ir import (
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    Note,
    ProjectDocument,
    TextSource,
    VariableValue,
)
from peerlandscape.refi._positions import BOM

__all__ = ["write_archive", "write_codebook", "write_project"]

# Codes nested deeper than this are written at the same indent: indenting each level
# further would make a file grow with the square of its depth.
_MAX_CODE_INDENT = "  " * 16

_NoteRefs = dict[str | None, list[str]]

# A plainTextPath inside the archive: internal://<name> is the member sources/<name>.
_INTERNAL: Final = "internal://"
_SOURCES_FOLDER: Final = "sources/"


def _attributes(xml: XmlWriter, pairs: Iterable[tuple[str, str | None]], where: str) -> str:
    return "".join(
        f' {name}="{xml.attribute(value, where)}"' for name, value in pairs if value is not None
    )


def _note_refs(document: ProjectDocument) -> _NoteRefs:
    """Return, for each holder GUID (None: the project), the notes it refers to."""
    refs: _NoteRefs = defaultdict(list)
    for note in document.notes:
        for holder in dict.fromkeys(note.referenced_by):
            refs[holder].append(note.guid)
        if note.on_project:
            refs[None].append(note.guid)
    return refs


def _put_note_refs(xml: XmlWriter, refs: _NoteRefs, holder: str | None, indent: str) -> None:
    for target in refs.get(holder, ()):
        xml.put(f'{indent}<NoteRef targetGUID="{target}"/>\n')


def _content(text: str) -> str:
    """Return the ``PlainTextContent`` a reader takes ``text`` from.

    A reader strips one leading byte order mark; one written in front keeps the character.
    A text source's content is written as it is: the document holds it as written.
    """
    return BOM + text if text.startswith(BOM) else text


def write_codes(
    xml: XmlWriter, roots: Iterable[Code], depth: int, refs: _NoteRefs | None = None
) -> None:
    """Write the code tree from ``roots``, indented ``depth`` levels."""
    # An explicit stack, not recursion: a chain of nested codes may be deeper than Python's
    # recursion limit. Each entry is a code to open, or the indent of a code to close.
    refs = refs or {}
    stack: list[tuple[Code | None, str]] = [(root, "  " * depth) for root in reversed([*roots])]
    while stack:
        code, indent = stack.pop()
        if code is None:
            xml.put(f"{indent}</Code>\n")
            continue
        extra = _attributes(xml, (("color", code.color),), code.guid)
        opening = (
            f'{indent}<Code guid="{code.guid}" name="{xml.attribute(code.name, code.guid)}" '
            f'isCodable="{"true" if code.is_codable else "false"}"{extra}'
        )
        if not code.description and not code.children and code.guid not in refs:
            xml.put(f"{opening}/>\n")
            continue
        xml.put(f"{opening}>\n")
        inner = indent + "  " if len(indent) < len(_MAX_CODE_INDENT) else indent
        if code.description is not None:
            xml.put(f"{inner}<Description>{xml.text(code.description, code.guid)}</Description>\n")
        _put_note_refs(xml, refs, code.guid, inner)
        stack.append((None, indent))
        stack.extend((child, inner) for child in reversed(code.children))


def _description(xml: XmlWriter, value: str | None, where: str, indent: str) -> None:
    if value is not None:
        xml.put(f"{indent}<Description>{xml.text(value, where)}</Description>\n")


def _variable_values(
    xml: XmlWriter, values: Iterable[VariableValue], where: str, indent: str
) -> None:
    for value in values:
        xml.put(
            f"{indent}<VariableValue>\n"
            f'{indent}  <VariableRef targetGUID="{value.variable_guid}"/>\n'
        )
        if value.kind is not None:
            element = f"{value.kind}Value"
            if value.value is None:
                xml.put(f"{indent}  <{element}/>\n")
            else:
                xml.put(f"{indent}  <{element}>{xml.text(value.value, where)}</{element}>\n")
        xml.put(f"{indent}</VariableValue>\n")


def _codings(xml: XmlWriter, codings: Iterable[Coding], indent: str, refs: _NoteRefs) -> None:
    for coding in codings:
        extra = _attributes(
            xml,
            (
                ("creatingUser", coding.creating_user),
                ("creationDateTime", coding.creation_datetime),
            ),
            coding.guid,
        )
        xml.put(
            f'{indent}<Coding guid="{coding.guid}"{extra}>\n'
            f'{indent}  <CodeRef targetGUID="{coding.code_guid}"/>\n'
        )
        _put_note_refs(xml, refs, coding.guid, indent + "  ")
        xml.put(f"{indent}</Coding>\n")


def _text_source(
    xml: XmlWriter,
    element: str,
    source: TextSource,
    refs: _NoteRefs,
    modified: tuple[str | None, str | None] = (None, None),
) -> None:
    """Write a ``TextSourceType``: a text source, or a note (which alone has ``modified``)."""
    guid = source.guid
    extra = _attributes(
        xml,
        (
            ("name", source.name),
            ("richTextPath", source.rich_text_path),
            ("plainTextPath", source.plain_text_path),
            ("creatingUser", source.creating_user),
            ("creationDateTime", source.creation_datetime),
            ("modifyingUser", modified[0]),
            ("modifiedDateTime", modified[1]),
        ),
        guid,
    )
    xml.put(f'    <{element} guid="{guid}"{extra}')
    content = source.plain_text_content
    if not (
        source.description is not None
        or content is not None
        or source.selections
        or source.codings
        or guid in refs
        or source.variable_values
    ):
        xml.put("/>\n")
        return
    xml.put(">\n")
    _description(xml, source.description, guid, "      ")
    if content is not None:
        xml.put(f"      <PlainTextContent>{xml.text(content, guid)}</PlainTextContent>\n")
    for selection in source.selections:
        extra = _attributes(
            xml,
            (
                ("name", selection.name),
                ("startPosition", str(selection.start)),
                ("endPosition", str(selection.end)),
                ("creatingUser", selection.creating_user),
                ("creationDateTime", selection.creation_datetime),
                ("modifyingUser", selection.modifying_user),
                ("modifiedDateTime", selection.modified_datetime),
            ),
            selection.guid,
        )
        opening = f'      <PlainTextSelection guid="{selection.guid}"{extra}'
        if selection.description is None and not selection.codings and selection.guid not in refs:
            xml.put(f"{opening}/>\n")
            continue
        xml.put(f"{opening}>\n")
        _description(xml, selection.description, selection.guid, "        ")
        _codings(xml, selection.codings, "        ", refs)
        _put_note_refs(xml, refs, selection.guid, "        ")
        xml.put("      </PlainTextSelection>\n")
    _codings(xml, source.codings, "      ", refs)
    _put_note_refs(xml, refs, guid, "      ")
    _variable_values(xml, source.variable_values, guid, "      ")
    xml.put(f"    </{element}>\n")


def _sets(xml: XmlWriter, sets: Iterable[MemberSet], indent: str, member: str) -> None:
    for member_set in sets:
        guid = member_set.guid
        xml.put(f'{indent}<Set guid="{guid}" name="{xml.attribute(member_set.name, guid)}">\n')
        inner = indent + "  "
        _description(xml, member_set.description, guid, inner)
        for target in member_set.code_guids:
            xml.put(f'{inner}<MemberCode {member}="{target}"/>\n')
        for target in member_set.source_guids:
            xml.put(f'{inner}<MemberSource targetGUID="{target}"/>\n')
        for target in member_set.note_guids:
            xml.put(f'{inner}<MemberNote targetGUID="{target}"/>\n')
        xml.put(f"{indent}</Set>\n")


def _variables_and_cases(document: ProjectDocument, xml: XmlWriter) -> None:
    put = xml.put
    if document.variables:
        put("  <Variables>\n")
        for variable in document.variables:
            name = xml.attribute(variable.name, variable.guid)
            kind = xml.attribute(variable.type_of_variable, variable.guid)
            opening = f'    <Variable guid="{variable.guid}" name="{name}" typeOfVariable="{kind}"'
            if variable.description is None:
                put(f"{opening}/>\n")
            else:
                put(f"{opening}>\n")
                _description(xml, variable.description, variable.guid, "      ")
                put("    </Variable>\n")
        put("  </Variables>\n")
    if document.cases:
        put("  <Cases>\n")
        for case in document.cases:
            case_extra = _attributes(xml, (("name", case.name),), case.guid)
            put(f'    <Case guid="{case.guid}"{case_extra}>\n')
            _description(xml, case.description, case.guid, "      ")
            for target in case.code_guids:
                put(f'      <CodeRef targetGUID="{target}"/>\n')
            _variable_values(xml, case.variable_values, case.guid, "      ")
            for target in case.source_guids:
                put(f'      <SourceRef targetGUID="{target}"/>\n')
            for target in case.selection_guids:
                put(f'      <SelectionRef targetGUID="{target}"/>\n')
            put("    </Case>\n")
        put("  </Cases>\n")


def _notes(document: ProjectDocument, xml: XmlWriter, refs: _NoteRefs) -> None:
    put = xml.put
    if document.notes:
        put("  <Notes>\n")
        for note in document.notes:
            # A note's text goes inline, as the content a reader takes it from, unless
            # its plainTextPath names an archive member (see write_archive).
            content = None
            if note.plain_text_path is None and note.text is not None:
                content = _content(note.text)
            _text_source(
                xml,
                "Note",
                TextSource(
                    guid=note.guid,
                    name=note.name,
                    plain_text_path=note.plain_text_path,
                    plain_text_content=content,
                    description=note.description,
                    creating_user=note.creating_user,
                    creation_datetime=note.creation_datetime,
                ),
                refs,
                (note.modifying_user, note.modified_datetime),
            )
        put("  </Notes>\n")


def write_project(document: ProjectDocument, xml: XmlWriter) -> None:
    """Write ``document`` as a project's XML (``project.qde``)."""
    put = xml.put
    refs = _note_refs(document)
    extra = _attributes(
        xml,
        (
            ("name", document.name),
            ("origin", document.origin),
            ("creatingUserGUID", document.creating_user),
            ("creationDateTime", document.creation_datetime),
            ("modifyingUserGUID", document.modifying_user),
            ("modifiedDateTime", document.modified_datetime),
            ("basePath", document.base_path),
        ),
        "project",
    )
    put(f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{document.namespace}"{extra}>\n')
    if document.users:
        put("  <Users>\n")
        for user in document.users:
            user_extra = _attributes(xml, (("name", user.name), ("id", user.id)), user.guid)
            put(f'    <User guid="{user.guid}"{user_extra}/>\n')
        put("  </Users>\n")
    if document.codes:
        put("  <CodeBook>\n    <Codes>\n")
        write_codes(xml, document.codes, 3, refs)
        put("    </Codes>\n  </CodeBook>\n")
    _variables_and_cases(document, xml)
    if document.text_sources:
        put("  <Sources>\n")
        for source in document.text_sources:
            _text_source(xml, "TextSource", source, refs)
        put("  </Sources>\n")
    _notes(document, xml, refs)
    if document.sets:
        put("  <Sets>\n")
        _sets(xml, document.sets, "    ", "targetGUID")
        put("  </Sets>\n")
    _description(xml, document.description, "project", "  ")
    _put_note_refs(xml, refs, None, "  ")
    put("</Project>\n")
    xml.flush()


def write_codebook(document: CodebookDocument, xml: XmlWriter) -> None:
    """Write ``document`` as a codebook's XML (``.qdc``)."""
    namespace = document.namespace or CODEBOOK_NAMESPACE
    extra = _attributes(xml, (("origin", document.origin),), "codebook")
    xml.put(
        f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="{namespace}"{extra}>\n'
        "  <Codes>\n"
    )
    write_codes(xml, document.codes, 2)
    xml.put("  </Codes>\n")
    if document.sets:
        # The codebook schema names a member's attribute "guid".
        xml.put("  <Sets>\n")
        _sets(xml, document.sets, "    ", "guid")
        xml.put("  </Sets>\n")
    xml.put("</CodeBook>\n")
    xml.flush()


def write_archive(document: ProjectDocument, archive: zipfile.ZipFile) -> Counter[str]:
    """Write ``document`` into a ``.qdpx`` archive: ``project.qde``, then the plain texts.

    The text of each text source and note with an ``internal://<name>``
    ``plainTextPath`` becomes the member ``sources/<name>`` (see
    :func:`source_bytes`); these follow ``project.qde`` sorted by name. One
    whose text is unknown, or whose path lies outside the archive, gets none.

    Returns
    -------
    Counter of str
        How many characters XML or UTF-8 cannot hold were written as U+FFFD,
        by the GUID of the element (``"project"`` for the project's own
        attributes).
    """
    with archive.open(member("project.qde"), "w") as qde:
        xml = XmlWriter(qde.write)
        write_project(document, xml)
    replaced = Counter(xml.replaced)
    texts: dict[str, tuple[str, str]] = {}
    holders: list[TextSource | Note] = [*document.text_sources, *document.notes]
    for holder in holders:
        path = holder.plain_text_path
        if path is None or holder.text is None or not path.lower().startswith(_INTERNAL):
            continue
        texts[_SOURCES_FOLDER + path[len(_INTERNAL) :]] = (holder.guid, holder.text)
    for name in sorted(texts):
        guid, text = texts[name]
        data, count = source_bytes(text)
        if count:
            replaced[guid] += count
        archive.writestr(member(name), data)
    return replaced
