"""The selections of a regular text source, read a column (an attribute) at a time.

A large project is nearly all ``<PlainTextSelection>``s and their
``<Coding>``s, and what QDA programs write is regular: a selection holds
codings (and perhaps a description), a coding holds one ``<CodeRef>``, and
every GUID is spelt one way. For such a source one loop that does nothing
else gathers each attribute of every selection (and coding) into a list of its
own, in document order; the checks and conversions then run on whole lists,
mostly in C: own GUIDs lowered and checked in one batch, positions checked as
one string, references looked up in the reader's cache, the frozen objects
made by ``map``. (One XPath per attribute would do the gathering in libxml2,
but builds a node set per step and costs more than the loop.)

Anything else (a ``NoteRef`` or an unknown element in a selection, a coding
without its ``CodeRef``, anything inside a ``CodeRef`` or a description, a
missing GUID or position, a braced GUID, a position that is not a plain
number) makes :meth:`SelectionColumns.read` return None, and the source is
read element by element, which reports each problem and error where it is. So
this read never changes the document: it gives what the careful reading gives,
or nothing. Nothing in the selections it reads nests deeper than a
``CodeRef``, which spares the reader a check of their depth.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any, Final, cast

from peerlandscape._exceptions import DocumentError
from peerlandscape.refi._guids import normalize_guid
from peerlandscape.refi._ir import Coding, PlainTextSelection
from peerlandscape.refi._parsing._xml import Element, local_name

__all__ = ["SelectionColumns", "canonical_lines", "lower_guids"]

# A batch of GUIDs is checked as one string of lines, each a GUID and a newline.
_GUID_LINE_LENGTH: Final = 37
_HEX_DIGITS: Final = b"0123456789abcdef"
_DASHES: Final = (8, 13, 18, 23)


def canonical_lines(data: str, count: int) -> bool:
    """Tell whether ``data`` is ``count`` canonical GUIDs, each followed by a newline.

    Checked in a few passes in C: a regular expression takes as long on the
    joined string as on each GUID alone.
    """
    try:
        raw = data.encode("ascii")
    except UnicodeEncodeError:
        return False
    if len(raw) != _GUID_LINE_LENGTH * count:
        return False
    # With the dashes and newlines where a GUID has them, and nothing but hex
    # digits left when those are removed, each line is a GUID.
    dash, newline = b"-" * count, b"\n" * count
    return (
        all(raw[at::_GUID_LINE_LENGTH] == dash for at in _DASHES)
        and raw[_GUID_LINE_LENGTH - 1 :: _GUID_LINE_LENGTH] == newline
        and len(raw.translate(None, _HEX_DIGITS)) == 5 * count
    )


def lower_guids(values: Sequence[str]) -> list[str] | None:
    """Return the GUIDs lowered, or None unless each then is canonical (8-4-4-4-12 hex).

    Vendors write each GUID in one form throughout, and MAXQDA and ATLAS.ti
    write them upper-case: one ``lower()`` and one check of the joined
    string replace a Python call per GUID.

    Examples
    --------
    >>> lower_guids(["D7AA29DA-519B-4946-9B90-253B6DB8FD0A"])
    ['d7aa29da-519b-4946-9b90-253b6db8fd0a']
    >>> lower_guids(["{D7AA29DA-519B-4946-9B90-253B6DB8FD0A}"]) is None
    True
    """
    if not values:
        return []
    joined = ("\n".join(values) + "\n").lower()
    if not canonical_lines(joined, len(values)):
        return None
    return joined.split("\n")[:-1]


def _references(values: list[Any], guids: dict[str, str]) -> list[Any] | None:
    """Return referenced GUIDs in canonical form, through the reader's cache; None on a bad one."""
    found = list(map(guids.get, values))
    if found.count(None) == values.count(None):
        return found  # every GUID was met before (missing attributes stay None)
    for position, (value, known) in enumerate(zip(values, found, strict=True)):
        if known is None and value is not None:
            try:
                found[position] = guids[value] = normalize_guid(value)
            except DocumentError:
                return None  # the careful reading names the element
    return found


def _positions(values: list[str | None]) -> list[int] | None:
    # int() alone would also take " 1", "1_000" and non-ASCII digits; the careful
    # reading decides what to do with those (and with a missing position).
    if not all(values):
        return None
    written = cast(list[str], values)  # all() left only strings
    joined = "".join(written)
    if not (joined.isascii() and joined.isdigit()):
        return None
    try:
        return list(map(int, written))
    except ValueError:  # more digits than int() converts: the careful reading reports it
        return None


class SelectionColumns:
    """Reads the selections of regular text sources in one namespace, a column at a time.

    Parameters
    ----------
    namespace
        The text sources' namespace, ``""`` for none.
    """

    def __init__(self, namespace: str) -> None:
        prefix = f"{{{namespace}}}" if namespace else ""
        self.selection_tag = prefix + "PlainTextSelection"
        self._coding_tag = prefix + "Coding"
        self._code_ref_tag = prefix + "CodeRef"
        self._description_tag = prefix + "Description"

    def read(
        self, source: Element, guids: dict[str, str]
    ) -> tuple[tuple[PlainTextSelection, ...], list[Element]] | None:
        """Return the selections of a text source and its other children, or None.

        None when the source is not regular (see the module's docstring).

        Parameters
        ----------
        source
            The ``<TextSource>`` element.
        guids
            The reader's cache of referenced GUIDs, raw to canonical; filled
            with the references met.
        """
        # One list per attribute, filled in a loop that does nothing else: the
        # checks and conversions run afterwards, on whole lists, in C.
        selection_tag, coding_tag = self.selection_tag, self._coding_tag
        code_ref_tag, description_tag = self._code_ref_tag, self._description_tag
        others: list[Element] = []
        columns: dict[str, list[Any]] = {name: [] for name in _COLUMNS}
        guid, name, start, end = (columns[name].append for name in _COLUMNS[:4])
        creator, created, modifier, modified = (columns[name].append for name in _COLUMNS[4:8])
        coding_guid, code, coder, coded = (columns[name].append for name in _COLUMNS[8:12])
        description, size = columns["description"].append, columns["size"].append
        for child in source:
            if child.tag != selection_tag:
                others.append(child)
                continue
            get = child.get
            guid(get("guid"))
            name(get("name"))
            start(get("startPosition"))
            end(get("endPosition"))
            creator(get("creatingUser"))
            created(get("creationDateTime"))
            modifier(get("modifyingUser"))
            modified(get("modifiedDateTime"))
            text: str | None = None
            count = 0
            for part in child:
                if part.tag == coding_tag and len(part) == 1:
                    ref = part[0]
                    if ref.tag != code_ref_tag or len(ref):
                        return None
                    get = part.get
                    coding_guid(get("guid"))
                    code(ref.get("targetGUID"))
                    coder(get("creatingUser"))
                    coded(get("creationDateTime"))
                    count += 1
                elif part.tag == description_tag and not len(part):
                    text = part.text
                else:
                    return None  # a NoteRef, a coding without its CodeRef, ...
            description(text)
            size(count)
        if any(_local(other.tag) == "PlainTextSelection" for other in others):
            return None  # a selection in another namespace, read in its place
        selections = _selections(columns, guids)
        return None if selections is None else (selections, others)


#: The lists :meth:`SelectionColumns.read` fills: a selection's attributes, its
#: codings' attributes (with the CodeRef's target), its description and its
#: number of codings.
_COLUMNS: Final = (
    "guid",
    "name",
    "startPosition",
    "endPosition",
    "creatingUser",
    "creationDateTime",
    "modifyingUser",
    "modifiedDateTime",
    "coding_guid",
    "code",
    "coder",
    "coded",
    "description",
    "size",
)


def _selections(
    columns: dict[str, list[Any]], guids: dict[str, str]
) -> tuple[PlainTextSelection, ...] | None:
    own, coding_own, targets = columns["guid"], columns["coding_guid"], columns["code"]
    if None in own or None in coding_own or None in targets:
        return None
    lowered = lower_guids(own + coding_own)
    codes = _references(targets, guids)
    coders = _references(columns["coder"], guids)
    starts = _positions(columns["startPosition"])
    ends = _positions(columns["endPosition"])
    creators = _references(columns["creatingUser"], guids)
    modifiers = _references(columns["modifyingUser"], guids)
    if lowered is None or codes is None or coders is None or starts is None or ends is None:
        return None
    if creators is None or modifiers is None:
        return None
    count = len(own)
    codings = list(map(Coding, lowered[count:], codes, coders, columns["coded"]))
    sizes = columns["size"]
    groups = [
        tuple(codings[stop - size : stop])
        for size, stop in zip(sizes, accumulate(sizes), strict=True)
    ]
    return tuple(
        map(
            PlainTextSelection,
            lowered[:count],
            columns["name"],
            starts,
            ends,
            columns["description"],
            creators,
            columns["creationDateTime"],
            modifiers,
            columns["modifiedDateTime"],
            groups,
        )
    )


def _local(tag: object) -> str:
    return local_name(tag) if isinstance(tag, str) else ""
