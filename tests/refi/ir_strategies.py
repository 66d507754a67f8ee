"""Hypothesis strategies for REFI-QDA documents at the level of the standard.

They draw :class:`~peerlandscape.refi.ProjectDocument` and
:class:`~peerlandscape.refi.CodebookDocument` values that a file valid against
the official XSDs can carry: every reference points at an element of the
document, positions lie within their text, variable values have the lexical
form of their type, and strings hold only characters XML 1.0 allows (names
with markup characters, carriage returns, tabs, byte order marks and emoji
among them). Source texts kept in the archive may hold any character but a
lone surrogate, since they are not XML.

GUIDs are spelt as real tools spell them, each in its own way throughout the
document: lower-case, upper-case (ATLAS.ti, MAXQDA) or in braces (the
standard's example). :func:`canonical` gives the document a reader returns:
the same, with every GUID lower-case and without braces.

What a document holds that the standard cannot carry, or that only a reader
fills in, is left at its default: ``problems`` and ``unmodelled`` (a reader's
findings), and a ``NoteRef`` on a case (the schema gives a case none).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from peerlandscape.refi import (
    Case,
    Code,
    CodebookDocument,
    Coding,
    MemberSet,
    Note,
    PlainTextSelection,
    ProjectDocument,
    TextSource,
    User,
    Variable,
    VariableValue,
)

__all__ = ["GUID_FIELDS", "canonical", "codebook_documents", "project_documents"]

PROJECT_NAMESPACE: Final = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE: Final = "urn:QDA-XML:codebook:1.0"

T = TypeVar("T")
Draw = Callable[[st.SearchStrategy[Any]], Any]

# -- strings -----------------------------------------------------------------------------

# What a writer must escape or keep with care: markup, whitespace a parser would
# normalise, a byte order mark, a line separator, C1 controls XML allows, and characters
# outside the Basic Multilingual Plane (one code point, two UTF-16 units).
_TRICKY: Final = (
    *"<>&\"'\r\n\t]",
    "\ufeff",
    "\u2028",
    "\x85",
    "\x7f",
    "\U0001f331",
    "\U0001f469",
    "\u0301",
    "\u00e5",
)
# Every character but controls (the few XML allows are among _TRICKY), surrogates and the
# two non-characters XML forbids.
_XML_CHARACTERS: Final = st.one_of(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="\ufffe\uffff"),
    st.sampled_from(_TRICKY),
)


def xml_texts(*, min_size: int = 0, max_size: int = 12) -> st.SearchStrategy[str]:
    """Strings XML 1.0 can hold, markup characters and emoji included."""
    return st.text(_XML_CHARACTERS, min_size=min_size, max_size=max_size)


# Strategies are module constants, built once: Hypothesis validates each new strategy it is
# handed, which took most of an example's time when they were built per draw.


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


# The reader takes an empty element's text (<Description/>) as None, the same as no
# element: in the canonical document a description or a value is None or not empty.
_DESCRIPTIONS: Final = _optional(xml_texts(min_size=1))
_NAMES: Final = xml_texts()
_OPTIONAL_NAMES: Final = _optional(_NAMES)
# Not XML: a text kept in the archive holds any character UTF-8 can encode.
_ARCHIVE_TEXTS: Final = st.text(
    st.one_of(st.characters(exclude_categories=("Cs",)), st.sampled_from(_TRICKY)), max_size=40
)
_LEADING_BOM: Final = "\ufeff"


def _texts(base: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    # A text that itself begins with U+FEFF, which a reader must not take for a byte order mark.
    return base | base.map(lambda text: _LEADING_BOM + text)


_INLINE_TEXTS: Final = _texts(xml_texts(max_size=40))
_FILE_TEXTS: Final = _texts(_ARCHIVE_TEXTS)


# -- values of the standard's simple types -----------------------------------------------

_TIMEZONES: Final = st.sampled_from(
    [None, dt.UTC, dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-5))]
)


def _xsd_datetime(moment: dt.datetime) -> str:
    written = moment.isoformat()
    return written.removesuffix("+00:00") + "Z" if written.endswith("+00:00") else written


#: xsd:dateTime values as tools write them: with or without a zone, "Z" or an offset,
#: with or without fractional seconds.
DATETIMES: Final = st.builds(
    dt.datetime,
    st.integers(1900, 2100),
    st.integers(1, 12),
    st.integers(1, 28),
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(0, 59),
    st.sampled_from([0, 0, 500000, 123]),
    _TIMEZONES,
).map(_xsd_datetime)
_OPTIONAL_DATETIMES: Final = _optional(DATETIMES)

_DECIMALS: Final = st.decimals(
    min_value=-(10**6), max_value=10**6, places=3, allow_nan=False, allow_infinity=False
).map(lambda value: format(value, "f"))

#: For each ``typeOfVariable``, the lexical forms of its value element.
VALUES_BY_TYPE: Final[dict[str, st.SearchStrategy[str | None]]] = {
    # An empty TextValue is a valid xsd:string; it reads back as None (see _DESCRIPTIONS).
    "Text": _optional(xml_texts(min_size=1)),
    "Boolean": st.sampled_from(["true", "false", "1", "0"]),
    "Integer": st.integers(-(10**12), 10**12).map(str),
    "Float": _DECIMALS,
    "Date": st.dates(dt.date(1, 1, 1)).map(dt.date.isoformat),
    "DateTime": DATETIMES,
}

_VARIABLE_TYPES: Final = st.sampled_from(sorted(VALUES_BY_TYPE))
_COLOURS: Final = _optional(st.integers(0, 0xFFFFFF).map(lambda value: f"#{value:06x}"))

# -- GUIDs -------------------------------------------------------------------------------

_SPELLINGS: Final = st.sampled_from(["lower", "upper", "braced", "braced-upper"])
_UUIDS: Final = st.uuids()
_MOSTLY_TRUE: Final = st.sampled_from([True, True, False])


class _Guids:
    """Fresh GUIDs for one document, each spelt one way wherever it appears."""

    def __init__(self, draw: Draw) -> None:
        self._draw = draw
        self._used: set[str] = set()

    def fresh(self) -> str:
        value = str(self._draw(_UUIDS))
        while value in self._used:
            value = str(self._draw(_UUIDS))
        self._used.add(value)
        spelling = self._draw(_SPELLINGS)
        if spelling.endswith("upper"):
            value = value.upper()
        return f"{{{value}}}" if spelling.startswith("braced") else value


def _some(draw: Draw, pool: list[T], *, max_size: int = 3) -> tuple[T, ...]:
    """A few members of ``pool``, in any order, repeats allowed (as a file may hold them)."""
    if not pool:
        return ()
    picked = draw(st.lists(st.integers(0, len(pool) - 1), max_size=max_size))
    return tuple(pool[index] for index in picked)


def _some_in_order(draw: Draw, pool: list[T], *, max_size: int = 3) -> tuple[T, ...]:
    """A few distinct members of ``pool``, in the pool's order."""
    if not pool:
        return ()
    picked = draw(
        st.lists(st.integers(0, len(pool) - 1), unique=True, max_size=min(max_size, len(pool)))
    )
    return tuple(pool[index] for index in sorted(picked))


def _maybe(draw: Draw, pool: list[T]) -> T | None:
    index = draw(st.integers(-1, len(pool) - 1))
    return None if index < 0 else pool[index]


# -- the parts ---------------------------------------------------------------------------


def _code_tree(draw: Draw, guids: _Guids, *, min_size: int, max_size: int) -> tuple[Code, ...]:
    """A forest of codes: code ``i`` is a root or a child of an earlier code."""
    count = draw(st.integers(min_size, max_size))
    # -1: a root.
    parents = [draw(st.integers(-1, index - 1)) for index in range(count)]
    fields = [
        {
            "guid": guids.fresh(),
            "name": draw(_NAMES),
            "is_codable": draw(st.booleans()),
            "color": draw(_COLOURS),
            "description": draw(_DESCRIPTIONS),
        }
        for _ in range(count)
    ]
    children: list[list[Code]] = [[] for _ in range(count)]
    roots: list[Code] = []
    # Built from the last code back, so that each code's children exist before it.
    for index in reversed(range(count)):
        code = Code(**fields[index], children=tuple(reversed(children[index])))
        parent = parents[index]
        (roots if parent < 0 else children[parent]).append(code)
    return tuple(reversed(roots))


def _codings(draw: Draw, guids: _Guids, codes: list[str], users: list[str]) -> tuple[Coding, ...]:
    if not codes:
        return ()
    return tuple(
        Coding(
            guid=guids.fresh(),
            code_guid=codes[draw(st.integers(0, len(codes) - 1))],
            creating_user=_maybe(draw, users),
            creation_datetime=draw(_OPTIONAL_DATETIMES),
        )
        for _ in range(draw(st.integers(0, 2)))
    )


def _variable_values(
    draw: Draw, variables: list[Variable], *, max_size: int = 2
) -> tuple[VariableValue, ...]:
    values = []
    for variable in _some(draw, variables, max_size=max_size):
        # A value element may be left out: the schema's choice is optional.
        written = draw(_MOSTLY_TRUE)
        kind = variable.type_of_variable if written else None
        value = draw(VALUES_BY_TYPE[variable.type_of_variable]) if written else None
        values.append(VariableValue(variable_guid=variable.guid, kind=kind, value=value))
    return tuple(values)


def _text_storage(draw: Draw, guid: str) -> dict[str, str | None]:
    """Where a text is kept, inline or in the archive, and the text a reader gets."""
    if draw(st.booleans()):
        text = draw(_FILE_TEXTS)
        return {"plain_text_path": f"internal://{guid}.txt", "text": text}
    content = draw(_INLINE_TEXTS)
    # A reader drops one leading byte order mark from the text, never from the content.
    return {
        "plain_text_content": content,
        "text": content.removeprefix(_LEADING_BOM),
    }


def _selections(
    draw: Draw, guids: _Guids, text: str, codes: list[str], users: list[str]
) -> tuple[PlainTextSelection, ...]:
    selections = []
    for _ in range(draw(st.integers(0, 3))):
        # Positions in code points, the scheme peerlandscape writes.
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        selections.append(
            PlainTextSelection(
                guid=guids.fresh(),
                name=draw(_OPTIONAL_NAMES),
                start=start,
                end=end,
                description=draw(_DESCRIPTIONS),
                creating_user=_maybe(draw, users),
                creation_datetime=draw(_OPTIONAL_DATETIMES),
                modifying_user=_maybe(draw, users),
                modified_datetime=draw(_OPTIONAL_DATETIMES),
                codings=_codings(draw, guids, codes, users),
            )
        )
    return tuple(selections)


def _text_source(
    draw: Draw, guids: _Guids, codes: list[str], users: list[str], variables: list[Variable]
) -> TextSource:
    guid = guids.fresh()
    storage = _text_storage(draw, guid)
    return TextSource(
        guid=guid,
        name=draw(_OPTIONAL_NAMES),
        rich_text_path=f"internal://{guid}.docx" if draw(st.booleans()) else None,
        description=draw(_DESCRIPTIONS),
        creating_user=_maybe(draw, users),
        creation_datetime=draw(_OPTIONAL_DATETIMES),
        selections=_selections(draw, guids, storage["text"] or "", codes, users),
        codings=_codings(draw, guids, codes, users),
        variable_values=_variable_values(draw, variables),
        **storage,
    )


def note_holders(
    codes: tuple[Code, ...], sources: tuple[TextSource, ...], notes: list[str]
) -> list[str]:
    """The GUIDs a ``NoteRef`` can sit in, in the order of the document.

    A reader lists what refers to a note in the order its ``NoteRef``s come, and the
    schema fixes where each sits: in a code before its children, in a coding, in a
    selection after its codings, in a source after its selections and codings, and in
    a note. A case has no place for one.
    """
    holders = [code.guid for root in codes for code in root.walk()]
    for source in sources:
        for selection in source.selections:
            holders += [coding.guid for coding in selection.codings]
            holders.append(selection.guid)
        holders += [coding.guid for coding in source.codings]
        holders.append(source.guid)
    return holders + notes


def _notes(
    draw: Draw, guids: _Guids, guids_of_notes: list[str], holders: list[str], users: list[str]
) -> tuple[Note, ...]:
    notes = []
    for guid in guids_of_notes:
        # A note's text is inline or in the archive; the IR keeps the text alone.
        in_archive = draw(st.booleans())
        notes.append(
            Note(
                guid=guid,
                name=draw(_OPTIONAL_NAMES),
                text=draw(_FILE_TEXTS if in_archive else _INLINE_TEXTS),
                description=draw(_DESCRIPTIONS),
                plain_text_path=f"internal://{guid}.txt" if in_archive else None,
                creating_user=_maybe(draw, users),
                creation_datetime=draw(_OPTIONAL_DATETIMES),
                modifying_user=_maybe(draw, users),
                modified_datetime=draw(_OPTIONAL_DATETIMES),
                # Each holder once, in the document's order: the form a reader gives.
                referenced_by=_some_in_order(draw, holders, max_size=4),
                on_project=draw(st.booleans()),
            )
        )
    return tuple(notes)


def _sets(
    draw: Draw, guids: _Guids, codes: list[str], sources: list[str], notes: list[str]
) -> tuple[MemberSet, ...]:
    return tuple(
        MemberSet(
            guid=guids.fresh(),
            name=draw(_NAMES),
            description=draw(_DESCRIPTIONS),
            code_guids=_some(draw, codes),
            source_guids=_some(draw, sources),
            note_guids=_some(draw, notes),
        )
        for _ in range(draw(st.integers(0, 2)))
    )


# -- the documents -----------------------------------------------------------------------


@st.composite
def project_documents(draw: Draw) -> ProjectDocument:
    """A project as a file valid against ``Project-mrt2019.xsd`` can carry it."""
    guids = _Guids(draw)
    users = [
        User(guid=guids.fresh(), name=draw(_OPTIONAL_NAMES), id=draw(_OPTIONAL_NAMES))
        for _ in range(draw(st.integers(0, 2)))
    ]
    user_guids = [user.guid for user in users]
    codes = _code_tree(draw, guids, min_size=0, max_size=6)
    code_guids = [code.guid for root in codes for code in root.walk()]
    variables = [
        Variable(
            guid=guids.fresh(),
            name=draw(_NAMES),
            type_of_variable=draw(_VARIABLE_TYPES),
            description=draw(_DESCRIPTIONS),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    sources = tuple(
        _text_source(draw, guids, code_guids, user_guids, variables)
        for _ in range(draw(st.integers(0, 3)))
    )
    source_guids = [source.guid for source in sources]
    selection_guids = [selection.guid for source in sources for selection in source.selections]
    cases = tuple(
        Case(
            guid=guids.fresh(),
            name=draw(_OPTIONAL_NAMES),
            description=draw(_DESCRIPTIONS),
            variable_values=_variable_values(draw, variables),
            code_guids=_some(draw, code_guids),
            source_guids=_some(draw, source_guids),
            selection_guids=_some(draw, selection_guids),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    note_guids = [guids.fresh() for _ in range(draw(st.integers(0, 3)))]
    notes = _notes(draw, guids, note_guids, note_holders(codes, sources, note_guids), user_guids)
    return ProjectDocument(
        name=draw(_NAMES),
        origin=draw(_OPTIONAL_NAMES),
        creation_datetime=draw(_OPTIONAL_DATETIMES),
        creating_user=_maybe(draw, user_guids),
        modified_datetime=draw(_OPTIONAL_DATETIMES),
        modifying_user=_maybe(draw, user_guids),
        base_path=draw(_OPTIONAL_NAMES),
        description=draw(_DESCRIPTIONS),
        namespace=PROJECT_NAMESPACE,
        users=tuple(users),
        codes=codes,
        variables=tuple(variables),
        cases=cases,
        text_sources=sources,
        notes=notes,
        sets=_sets(draw, guids, code_guids, source_guids, note_guids),
    )


@st.composite
def codebook_documents(draw: Draw) -> CodebookDocument:
    """A codebook as a file valid against ``Codebook-mrt2019.xsd`` can carry it.

    The schema asks for at least one code, and lets a Set hold only codes.
    """
    guids = _Guids(draw)
    codes = _code_tree(draw, guids, min_size=1, max_size=8)
    code_guids = [code.guid for root in codes for code in root.walk()]
    return CodebookDocument(
        origin=draw(_OPTIONAL_NAMES),
        namespace=CODEBOOK_NAMESPACE,
        codes=codes,
        sets=_sets(draw, guids, code_guids, [], []),
    )


# -- the canonical form ------------------------------------------------------------------

#: The fields of the documents that hold GUIDs (one, or a tuple of them).
GUID_FIELDS: Final = frozenset(
    {
        "guid",
        "code_guid",
        "variable_guid",
        "creating_user",
        "modifying_user",
        "code_guids",
        "source_guids",
        "selection_guids",
        "note_guids",
        "referenced_by",
    }
)


def _canonical_guid(value: str) -> str:
    return value.removeprefix("{").removesuffix("}").lower()


def canonical(document: T) -> T:
    """Return ``document`` with every GUID as a reader gives it: lower-case, no braces."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(document)):
        value = getattr(document, field.name)
        if field.name in GUID_FIELDS and value is not None:
            changes[field.name] = (
                _canonical_guid(value)
                if isinstance(value, str)
                else tuple(map(_canonical_guid, value))
            )
        elif isinstance(value, tuple) and value and attrs.has(type(value[0])):
            changes[field.name] = tuple(map(canonical, value))
    return attrs.evolve(document, **changes)  # type: ignore[misc]
