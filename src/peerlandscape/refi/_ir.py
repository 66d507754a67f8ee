"""The plain, frozen picture of a REFI-QDA document, before any mapping.

These classes mirror the standard's elements closely and know nothing of
files or of the study model. GUIDs are stored in canonical form (lower-case,
no braces); dates and positions are kept as the file wrote them, so a later
layer decides how to interpret them. What this layer does not model is not
dropped silently: it is counted in :class:`UnmodelledElement` records, and
what it could not read is listed as :class:`ReadProblem` records.
"""

from __future__ import annotations

import enum
from collections import Counter
from collections.abc import Iterator

from attrs import frozen

__all__ = [
    "Case",
    "Code",
    "CodebookDocument",
    "Coding",
    "MemberSet",
    "Note",
    "PlainTextSelection",
    "ProblemCode",
    "ProjectDocument",
    "ReadProblem",
    "TextSource",
    "UnmodelledElement",
    "User",
    "Variable",
    "VariableValue",
]


def _count_kinds(items: tuple[UnmodelledElement, ...]) -> dict[str, int]:
    return dict(sorted(Counter(item.kind for item in items).items()))


class ProblemCode(enum.Enum):
    """Stable codes for what the reader noticed but did not let stop it."""

    BAD_POSITION = "bad_position"
    """A text selection's start or end is missing or not an integer; the
    selection is left out."""
    MISSING_SOURCE_FILE = "missing_source_file"
    """A source's (or note's) plain text file is not in the archive."""
    NO_ARCHIVE = "no_archive"
    """A source's (or note's) plain text lives in an archive, but a bare
    ``.qde`` was read."""
    EXTERNAL_SOURCE = "external_source"
    """A source's (or note's) plain text is outside the archive (``relative://``,
    ``absolute://``); the reader never reads outside the file it was given."""
    NO_TEXT = "no_text"
    """A text source (or note) has neither a plain text path nor inline content."""
    UNKNOWN_NOTE = "unknown_note"
    """A ``NoteRef`` points at no ``Note`` of the project; the reference is
    left out."""
    FOREIGN_NAMESPACE = "foreign_namespace"
    """A top-level element has a namespace other than the root's; it is read
    anyway, by local name."""
    UNKNOWN_NAMESPACE = "unknown_namespace"
    """The root's namespace is none of the REFI-QDA ones; read anyway."""
    MISSING_ATTRIBUTE = "missing_attribute"
    """A required attribute other than a GUID is missing; a default is used."""
    BAD_VALUE = "bad_value"
    """An attribute has a value of the wrong form (a colour, a boolean);
    a default is used."""


@frozen
class ReadProblem:
    """Something in the document the reader worked around.

    Parameters
    ----------
    code
        What kind of problem, from a stable list.
    location
        The element path by local names, e.g. ``"Project/Sources/TextSource"``.
    guid
        The GUID of the element concerned, when it has one.
    line
        The line in the XML, when known.
    message
        One line for a person.
    """

    code: ProblemCode
    location: str
    guid: str | None
    line: int | None
    message: str


@frozen
class UnmodelledElement:
    """An element the reader saw and deliberately did not model.

    Parameters
    ----------
    kind
        The element's local name, e.g. ``"PictureSource"`` or ``"Link"``.
    location
        The element path by local names.
    guid
        The element's GUID (``targetGUID`` for references), when it has one.
    line
        The line in the XML, when known.
    """

    kind: str
    location: str
    guid: str | None
    line: int | None


@frozen
class User:
    """A person (or the program itself) who created or changed something.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        Display name, if given.
    id
        The vendor's own user id, if given.
    """

    guid: str
    name: str | None = None
    id: str | None = None


@frozen
class Code:
    r"""A code of the codebook, with its children.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The name as written; vendors that flatten hierarchy into the name
        (``"Coke::diet Coke"``, ``"interesting\places"``) keep it here.
    is_codable
        False for folders that only group other codes.
    color
        ``"#rrggbb"`` in lower case, or None when absent or unreadable.
    description
        The code's description, if any.
    children
        Nested codes, in document order.
    """

    guid: str
    name: str
    is_codable: bool = True
    color: str | None = None
    description: str | None = None
    children: tuple[Code, ...] = ()

    def walk(self) -> Iterator[Code]:
        """Yield this code and all its descendants, depth first.

        Yields
        ------
        Code
            This code, then each child's :meth:`walk`.

        Examples
        --------
        >>> leaf = Code(guid="b", name="leaf")
        >>> [code.name for code in Code(guid="a", name="root", children=(leaf,)).walk()]
        ['root', 'leaf']
        """
        stack = [self]
        while stack:
            code = stack.pop()
            yield code
            stack.extend(reversed(code.children))


@frozen
class MemberSet:
    """A REFI-QDA ``Set``: a named group of codes, sources and notes.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The set's name.
    description
        Its description, if any.
    code_guids, source_guids, note_guids
        Canonical GUIDs of the members, in document order.
    """

    guid: str
    name: str
    description: str | None = None
    code_guids: tuple[str, ...] = ()
    source_guids: tuple[str, ...] = ()
    note_guids: tuple[str, ...] = ()


@frozen
class Variable:
    """A case variable's definition.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The variable's name.
    type_of_variable
        As written: ``"Text"``, ``"Boolean"``, ``"Integer"``, ``"Float"``,
        ``"Date"`` or ``"DateTime"``.
    description
        Its description, if any.
    """

    guid: str
    name: str
    type_of_variable: str
    description: str | None = None


@frozen
class VariableValue:
    """One case's or text source's value of one variable, as written.

    Parameters
    ----------
    variable_guid
        Canonical GUID of the :class:`Variable`.
    kind
        Which value element carried it, without ``Value``: ``"Text"``,
        ``"Boolean"``, ... or None when there was none.
    value
        The element's text, unconverted, or None.
    """

    variable_guid: str
    kind: str | None
    value: str | None


@frozen
class Case:
    """A case: a person, site or topic that groups sources and selections.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The case's name; MAXQDA writes cases without one.
    description
        Its description, if any.
    variable_values
        The case's variable values.
    code_guids, source_guids, selection_guids
        Canonical GUIDs the case refers to (``CodeRef``, ``SourceRef``,
        ``SelectionRef``), in document order.
    """

    guid: str
    name: str | None = None
    description: str | None = None
    variable_values: tuple[VariableValue, ...] = ()
    code_guids: tuple[str, ...] = ()
    source_guids: tuple[str, ...] = ()
    selection_guids: tuple[str, ...] = ()


@frozen
class Coding:
    """The application of one code to a selection or source.

    Parameters
    ----------
    guid
        Canonical GUID of the coding.
    code_guid
        Canonical GUID of the code applied (``CodeRef@targetGUID``).
    creating_user
        Canonical GUID of the user who coded, if given.
    creation_datetime
        When, as written, if given.
    """

    guid: str
    code_guid: str
    creating_user: str | None = None
    creation_datetime: str | None = None


@frozen
class PlainTextSelection:
    """A span of a text source, with its codings.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The name as written; vendors often put the selected text here.
    start, end
        The positions exactly as written, in the writing program's position
        scheme; see :mod:`peerlandscape.refi._positions` to convert them.
    description
        Its description, if any.
    creating_user, creation_datetime, modifying_user, modified_datetime
        Who made and changed it, and when, as written.
    codings
        The codes applied to the span.
    """

    guid: str
    name: str | None
    start: int
    end: int
    description: str | None = None
    creating_user: str | None = None
    creation_datetime: str | None = None
    modifying_user: str | None = None
    modified_datetime: str | None = None
    codings: tuple[Coding, ...] = ()


@frozen
class TextSource:
    """A text document of the project, with its text and selections.

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The name shown to users, if given.
    plain_text_path
        ``plainTextPath`` as written (``internal://x.txt``), if given.
    rich_text_path
        ``richTextPath`` as written, if given; never read.
    plain_text_content
        Inline ``PlainTextContent``, if given.
    text
        The plain text, from the archive or inline, decoded from UTF-8 with
        any leading byte order mark removed; None when it could not be had
        (a :class:`ReadProblem` says why).
    description
        Its description, if any.
    creating_user, creation_datetime
        Who added it, and when, as written.
    selections
        Its text selections, in document order.
    codings
        Codings of the whole source.
    variable_values
        The source's own variable values (REFI-QDA lets a source carry
        them, as a case does), in document order.
    """

    guid: str
    name: str | None = None
    plain_text_path: str | None = None
    rich_text_path: str | None = None
    plain_text_content: str | None = None
    text: str | None = None
    description: str | None = None
    creating_user: str | None = None
    creation_datetime: str | None = None
    selections: tuple[PlainTextSelection, ...] = ()
    codings: tuple[Coding, ...] = ()
    variable_values: tuple[VariableValue, ...] = ()


@frozen
class Note:
    """A note (a memo) of the project, with what refers to it.

    The standard keeps notes in the project's ``<Notes>`` and attaches them
    to other objects by reference: an object holds a ``<NoteRef
    targetGUID="...">`` for each note about it (the project itself, codes,
    sources, selections, codings, links; a case, though the schema has no
    place for it, is read too).

    Parameters
    ----------
    guid
        Canonical GUID.
    name
        The note's title, if given.
    text
        Its plain text, inline (``PlainTextContent``) or from the archive
        (``plainTextPath``), decoded as a source's text is; None when it
        could not be had (a :class:`ReadProblem` says why).
    description
        Its description, if any.
    plain_text_path
        ``plainTextPath`` as written, if given.
    creating_user, creation_datetime, modifying_user, modified_datetime
        Who wrote and changed it (canonical GUIDs), and when, as written.
    referenced_by
        Canonical GUIDs of the objects whose ``NoteRef`` points at this
        note, in document order (a GUID once per reference).
    on_project
        True when the project itself refers to the note (a ``NoteRef`` of
        ``<Project>``): a note about the project as a whole.
    """

    guid: str
    name: str | None = None
    text: str | None = None
    description: str | None = None
    plain_text_path: str | None = None
    creating_user: str | None = None
    creation_datetime: str | None = None
    modifying_user: str | None = None
    modified_datetime: str | None = None
    referenced_by: tuple[str, ...] = ()
    on_project: bool = False


class _CodeTreeViews:
    """Views over the code tree and the unmodelled elements, shared by both documents."""

    # Slotted like the attrs classes that use it, so no instance grows a __dict__.
    __slots__ = ()
    codes: tuple[Code, ...]
    unmodelled: tuple[UnmodelledElement, ...]

    def all_codes(self) -> Iterator[Code]:
        """Yield every code, parents before children, in document order.

        Yields
        ------
        Code
            Each code of the tree.
        """
        for code in self.codes:
            yield from code.walk()

    def unmodelled_counts(self) -> dict[str, int]:
        """Count the unmodelled elements by kind.

        Returns
        -------
        dict of str to int
            ``{"Link": 3, "PictureSource": 1, ...}``, kinds sorted.
        """
        return _count_kinds(self.unmodelled)


@frozen
class ProjectDocument(_CodeTreeViews):
    """Everything this layer reads from a project (``.qde``, ``.qdpx``).

    Parameters
    ----------
    name
        ``Project@name``.
    origin
        ``Project@origin``, the writing program, if given.
    creation_datetime, modified_datetime
        As written, if given.
    creating_user, modifying_user
        Canonical GUIDs, if given.
    base_path
        ``Project@basePath``, if given; never followed.
    description
        The project's description, if any.
    namespace
        The root element's namespace, ``""`` when none.
    users, codes, variables, cases, text_sources, notes, sets
        The modelled content; ``codes`` holds the top-level codes, and each
        of ``notes`` what refers to it.
    unmodelled
        Everything seen but not modelled (media sources, links, graphs,
        unknown elements).
    problems
        Everything worked around.
    """

    name: str
    origin: str | None = None
    creation_datetime: str | None = None
    creating_user: str | None = None
    modified_datetime: str | None = None
    modifying_user: str | None = None
    base_path: str | None = None
    description: str | None = None
    namespace: str = ""
    users: tuple[User, ...] = ()
    codes: tuple[Code, ...] = ()
    variables: tuple[Variable, ...] = ()
    cases: tuple[Case, ...] = ()
    text_sources: tuple[TextSource, ...] = ()
    notes: tuple[Note, ...] = ()
    sets: tuple[MemberSet, ...] = ()
    unmodelled: tuple[UnmodelledElement, ...] = ()
    problems: tuple[ReadProblem, ...] = ()


@frozen
class CodebookDocument(_CodeTreeViews):
    """Everything this layer reads from a codebook (``.qdc``).

    Parameters
    ----------
    origin
        ``CodeBook@origin``, the writing program, if given.
    namespace
        The root element's namespace, ``""`` when none.
    codes
        The top-level codes.
    sets
        Code groups; only ``code_guids`` can be filled in a codebook.
    unmodelled
        Everything seen but not modelled.
    problems
        Everything worked around.
    """

    origin: str | None = None
    namespace: str = ""
    codes: tuple[Code, ...] = ()
    sets: tuple[MemberSet, ...] = ()
    unmodelled: tuple[UnmodelledElement, ...] = ()
    problems: tuple[ReadProblem, ...] = ()
