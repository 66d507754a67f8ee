"""Parse REFI-QDA XML with lxml, refusing anything that could harm the reader.

The parser never resolves entities, never touches the network, never loads a
DTD and keeps libxml2's size and depth guards on. On top of that a document
with a DOCTYPE is refused outright: REFI-QDA files never carry one, and a
DOCTYPE is where entity bombs and external entities live.

Elements are matched by local name because real files disagree on the
namespace: ``urn:QDA-XML:project:1.0`` (the standard),
``urn:QDA-XML:project:1:0`` (NVivo 12 for Mac), the pre-release ``0:4``, the
codebook namespaces, or none at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Final

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type information

from peerlandscape._exceptions import DocumentError, UnsafeFileError
from peerlandscape._input import check_declared_encoding
from peerlandscape.refi._conventions import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE
from peerlandscape.refi._parsing._limits import DEFAULT_LIMITS, ReadLimits

__all__ = [
    "CODEBOOK_NAMESPACES",
    "PROJECT_NAMESPACES",
    "Element",
    "check_code_depth",
    "local_name",
    "namespace_of",
    "parse_xml",
]

#: An lxml element. lxml has no type information, so this is ``Any`` to mypy;
#: the alias documents intent at each signature.
Element = Any

#: Namespaces real project files use, the standard's first.
PROJECT_NAMESPACES: Final = (
    PROJECT_NAMESPACE,
    "urn:QDA-XML:project:1:0",
    "urn:QDA-XML:project:0:4",
    "",
)
#: Namespaces real codebook files use, the standard's first.
CODEBOOK_NAMESPACES: Final = (
    CODEBOOK_NAMESPACE,
    "urn:QDA-XML:codebook:1:0",
    "urn:QDA-XML:codebook:0:4",
    "",
)

# Everything that may precede a DOCTYPE: BOM, XML declaration, comments,
# processing instructions, whitespace. Scanning these bytes lets a DOCTYPE be
# refused before libxml2 reads its internal subset at all. The spec mandates
# UTF-8, so a byte pattern suffices; other encodings are still caught by the
# check after parsing.
_PROLOG_ITEM: Final = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_UTF8_BOM: Final = b"\xef\xbb\xbf"

# libxml2 messages that mean a guard tripped rather than a typo in the file.
_GUARD_MESSAGES: Final = (
    "excessive depth",
    "amplification",
    "huge",
    "entity loop",
    "detected an entity reference loop",
)


# Fed to the pull parser in slices of this many bytes, so that elements can be
# handed over (and freed) while the rest of the document is still unread. A
# slice that stays in the CPU's cache while libxml2 reads it parses 5-8% faster
# than slices of a megabyte (measured on a 21 MB project.qde).
_CHUNK: Final = 1 << 16

_PARSER_OPTIONS: Final[dict[str, bool]] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
    "collect_ids": False,
}


def _parser() -> Any:
    # A fresh parser per call: lxml parsers are not thread-safe.
    return etree.XMLParser(**_PARSER_OPTIONS)


def _pull_parse(data: bytes, local: str, on_end: Callable[[Element], object]) -> Element:
    # The same libxml2 options as _parser(); only the elements named ``local``
    # (in any namespace) are reported, so the other elements cost no Python.
    parser = etree.XMLPullParser(events=("end",), tag=f"{{*}}{local}", **_PARSER_OPTIONS)
    for offset in range(0, len(data), _CHUNK):
        parser.feed(data[offset : offset + _CHUNK])
        for _, element in parser.read_events():
            on_end(element)
    root = parser.close()
    for _, element in parser.read_events():
        on_end(element)
    return root


def _declares_doctype(data: bytes) -> bool:
    position = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    while match := _PROLOG_ITEM.match(data, position):
        if match.end() == position:
            break
        position = match.end()
    while position < len(data) and data[position] in b" \t\r\n":
        position += 1
    return data.startswith(b"<!DOCTYPE", position)


def _deeper_than(depth: int) -> Any:
    # One XPath run over the whole tree in C: far cheaper than tracking depth
    # in Python, and exact. Compiled per call because lxml's XPath objects
    # must not be shared between threads.
    return etree.XPath("/" + "/".join(["*"] * (depth + 1)))


def _codes_deeper_than(depth: int) -> Any:
    # Codes sit in the root's <Codes> (a codebook) or in <CodeBook><Codes> (a project); the
    # first code past ``depth`` levels of codes is the witness. Anchored at the root, the
    # path visits the code tree alone (``//`` would visit every selection of a project).
    # Compiled per call, as _deeper_than.
    chain = "/".join(["*[local-name()='Code']"] * (depth + 1))
    codes = "*[local-name()='Codes']"
    return etree.XPath(f"/*/{codes}/{chain} | /*/*[local-name()='CodeBook']/{codes}/{chain}")


def check_code_depth(root: Element, *, source_name: str, limits: ReadLimits) -> None:
    """Refuse a document whose codes nest deeper than ``limits.max_code_depth``.

    Raises
    ------
    UnsafeFileError
        Naming the first code too deep (its GUID and line) and the limit.
    """
    deep = _codes_deeper_than(limits.max_code_depth)(root)
    if deep:
        code = deep[0]
        raise UnsafeFileError(
            f"{source_name}, line {code.sourceline}: refused: code {code.get('guid')!r} nests "
            f"deeper than max_code_depth={limits.max_code_depth}"
        )


def _syntax_error(error: Any, source_name: str) -> DocumentError:
    last = error.error_log.last_error if error.error_log else None
    message = (last.message if last is not None else str(error.msg)).strip()
    line = last.line if last is not None else error.lineno
    if any(guard in message.lower() for guard in _GUARD_MESSAGES):
        return UnsafeFileError(
            f"{source_name}: refused at line {line}: libxml2's safety limit tripped ({message})"
        )
    return DocumentError(f"{source_name}, line {line}: malformed XML: {message}")


def parse_xml(
    data: bytes,
    *,
    source_name: str,
    limits: ReadLimits = DEFAULT_LIMITS,
    on_end: tuple[str, Callable[[Element], object]] | None = None,
) -> Element:
    """Parse an XML document safely and return its root element.

    Parameters
    ----------
    data
        The document's bytes, exactly as stored.
    source_name
        How to name the document in error messages (a path, or an archive
        path and member).
    limits
        ``max_xml_bytes`` and ``max_xml_depth`` apply.
    on_end
        ``(local name, callback)``: the callback is given each element of
        that local name as soon as it is parsed, while the rest of the
        document is still unread, and may empty it (``element.clear()``) to
        keep memory down. It runs before the checks that follow the parse
        (nesting depth, a DOCTYPE in an encoding the byte scan cannot read),
        so it must have no effect beyond the element until the parse returns.

    Returns
    -------
    lxml.etree._Element
        The root element, with comments and processing instructions removed.

    Raises
    ------
    UnsafeFileError
        The document is larger than ``max_xml_bytes``, nests deeper than
        ``max_xml_depth``, declares a DOCTYPE (internal subset, entity
        declarations, external DTD), or trips one of libxml2's own guards.
    DocumentError
        The bytes are not well-formed XML (the message gives the line), or
        they declare a single-byte encoding such as ISO-8859-1 but are
        UTF-8: an XML parser trusts the declaration, as lxml does, and the
        text would be garbled (see
        :func:`~peerlandscape._input.check_declared_encoding`).

    Examples
    --------
    >>> root = parse_xml(b'<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>',
    ...                  source_name="example.qde")
    >>> local_name(root.tag), root.get("name")
    ('Project', 'p')
    >>> parse_xml(b'<!DOCTYPE p [<!ENTITY e "x">]><p>&e;</p>', source_name="bad.qde")
    Traceback (most recent call last):
    ...
    peerlandscape.UnsafeFileError: bad.qde: refused: ...
    """
    if len(data) > limits.max_xml_bytes:
        raise UnsafeFileError(
            f"{source_name}: refused: {len(data)} bytes of XML exceeds "
            f"max_xml_bytes={limits.max_xml_bytes}"
        )
    if _declares_doctype(data):
        raise UnsafeFileError(
            f"{source_name}: refused: the document declares a DOCTYPE (where entity "
            "expansion and external entities live); REFI-QDA files never need one"
        )
    check_declared_encoding(data, name=source_name)
    try:
        root = etree.fromstring(data, _parser()) if on_end is None else _pull_parse(data, *on_end)
    except etree.XMLSyntaxError as error:
        raise _syntax_error(error, source_name) from None
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:
        # Reached only by encodings the byte scan cannot read (UTF-16 and kin).
        raise UnsafeFileError(
            f"{source_name}: refused: the document declares a DOCTYPE; "
            "REFI-QDA files never need one"
        )
    if _deeper_than(limits.max_xml_depth)(root):
        raise UnsafeFileError(
            f"{source_name}: refused: elements nest deeper than "
            f"max_xml_depth={limits.max_xml_depth}"
        )
    return root


@lru_cache(maxsize=1024)
def _split(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def local_name(tag: str) -> str:
    """Return the local name of an lxml tag (``"{namespace}Local"`` or ``"Local"``).

    >>> local_name("{urn:QDA-XML:project:1:0}Code"), local_name("Code")
    ('Code', 'Code')
    """
    return _split(tag)[1]


def namespace_of(tag: str) -> str:
    """Return the namespace of an lxml tag, or ``""`` when it has none.

    >>> namespace_of("{urn:QDA-XML:codebook:0:4}CodeBook"), namespace_of("Code")
    ('urn:QDA-XML:codebook:0:4', '')
    """
    return _split(tag)[0]
