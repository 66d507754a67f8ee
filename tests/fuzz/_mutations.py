"""Hypothesis strategies that break valid documents: JSON trees, XML trees, bytes and zips.

Each strategy starts from a valid input (a document the library wrote, or a sample
from a real tool) and applies a few mutations, so that most inputs get past the first
check and reach the code behind it. What is mutated:

- JSON trees (:func:`mutated_json`): keys dropped, renamed, added or repeated (as
  duplicate keys in the text), values replaced by hostile ones (wrong types, integers of
  thousands of digits, NaN and infinities, deep nesting, control characters and lone
  surrogates), values swapped between places.
- XML trees (:func:`mutated_xml`): elements dropped, repeated, moved, renamed or nested
  deep; attributes and text replaced by hostile values; entity declarations, processing
  instructions and deep nesting spliced into the text.
- Bytes (:func:`mutated_bytes`): bits flipped, runs overwritten, slices cut, repeated or
  inserted, the end cut off; text re-encoded (UTF-16, Latin-1, a byte-order mark).
- Zip archives (:func:`mutated_zip`): the bytes as above, and the fields of the local
  headers, the central directory and its end record set to hostile numbers.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import io
import json
import math
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from lxml import etree

__all__ = [
    "BigInt",
    "Deep",
    "DupKey",
    "dumps",
    "hostile_strings",
    "hostile_values",
    "mutated_bytes",
    "mutated_json",
    "mutated_xml",
    "mutated_zip",
    "to_python",
    "zip_bytes",
]

# --- JSON ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BigInt:
    """An integer of ``digits`` digits: ``json.dumps`` refuses more than 4300, so it is marked."""

    digits: int
    negative: bool = False

    def text(self) -> str:
        return ("-" if self.negative else "") + "9" * self.digits

    def value(self) -> int:
        # Made by arithmetic: int() of the text is what Python refuses past 4300 digits.
        number = 10**self.digits - 1
        return -number if self.negative else number


@dataclass(frozen=True)
class Deep:
    """Lists nested ``depth`` deep, written as text: the test's own encoder never recurses."""

    depth: int

    def value(self) -> list[Any]:
        nested: list[Any] = []
        for _ in range(self.depth - 1):
            nested = [nested]
        return nested


class DupKey(str):
    """A key that a dict keeps beside an equal one, so that the text repeats the key."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        return self is other

    def __hash__(self) -> int:
        return id(self)


_STRINGS = (
    "",
    " ",
    "-",
    "1.0",
    "1.1",
    "2.0",
    "0.9",
    "999999.1",
    "engdahl2025",
    "peer_support_worker",
    "unknown",
    "theme:t1",
    "quote:",
    ":",
    "a b",
    "Kamratstöd 🌱",
    "e\u0301",
    "مرحبا",
    "{0} {value} %s",
    "\x1b[2J\x07",
    "line\nbreak\r\n",
    "\x00",
    "\ud800",
    "\ufeff",
    "\u2028",
    "../../etc/passwd",
    "2025-02-30",
    "2025-13",
    "0000",
    "9999-12-31T23:59:60",
    "1e309",
    "NaN",
    "-0",
    "9" * 5000,
    "x" * 20000,
    "{4B1F1A2E-0000-4000-8000-00000000000}",
    "4b1f1a2e-0000-4000-8000-000000000001",
)

_NUMBERS = (
    0,
    -1,
    1,
    2**31,
    2**63,
    -(2**63),
    10**400,
    -(10**400),
    0.5,
    -0.0,
    1e308,
    5e-324,
    math.nan,
    math.inf,
    -math.inf,
)


def hostile_strings() -> st.SearchStrategy[str]:
    """Strings that have broken parsers: edge values, control characters, huge, any text."""
    return st.one_of(st.sampled_from(_STRINGS), st.text(max_size=30))


def hostile_values() -> st.SearchStrategy[Any]:
    """JSON values a document should not hold where they are put (markers for the extremes)."""
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.sampled_from(_NUMBERS),
        st.integers(),
        st.floats(),
        hostile_strings(),
    )
    return st.one_of(
        scalars,
        st.builds(BigInt, st.integers(300, 6000), st.booleans()),
        st.builds(Deep, st.sampled_from([2, 40, 600, 5000])),
        st.lists(scalars, max_size=3),
        st.dictionaries(hostile_strings(), scalars, max_size=3),
    )


def _places(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) of ``document``, in document order."""
    places: list[tuple[Any, Any]] = []
    stack = [document]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            places.append((node, key))
            if isinstance(value, dict | list):
                stack.append(value)
    return places


def _keys(document: Any) -> list[str]:
    return sorted({key for node, key in _places(document) if isinstance(node, dict)})


_FEW_KEYS = 20
# The names of a study document's fields, used as new keys in a large document (a study),
# where gathering the document's own keys for every example would cost more than the rest.
_KNOWN_KEYS = sorted(
    {"id", "label", "text", "quote", "participant", "interview", "source", "span", "start"}
    | {"end", "group", "groups", "codes", "code", "subtheme", "theme", "themes", "guid", "notes"}
    | {"schema_version", "coder", "when", "target", "about", "attributes", "demographics"}
)


@st.composite
def mutated_json(draw: st.DrawFn, seeds: st.SearchStrategy[Any], *, max_mutations: int = 4) -> Any:
    """A document drawn from ``seeds``, with up to ``max_mutations`` mutations of its tree.

    The result may hold :class:`BigInt`, :class:`Deep` and :class:`DupKey` markers:
    write it with :func:`dumps`, or turn it into plain data with :func:`to_python`.
    """
    # Seeds are plain JSON data: a round trip through the C encoder is the quickest deep copy.
    document = json.loads(json.dumps(draw(seeds)))
    names = _keys(document) if len(document) < _FEW_KEYS else _KNOWN_KEYS
    new_keys = st.one_of(st.sampled_from(names), hostile_strings()) if names else hostile_strings()
    for _ in range(draw(st.integers(1, max_mutations))):
        places = _places(document)
        if not places or draw(st.integers(0, 60)) == 0:
            return draw(hostile_values())  # now and then, not a document at all
        node, key = places[draw(st.integers(0, len(places) - 1))]
        operation = draw(
            st.sampled_from(["replace", "delete", "repeat", "rename", "add", "swap", "wrap"])
        )
        if operation == "replace":
            node[key] = draw(hostile_values())
        elif operation == "delete":
            del node[key]
        elif operation == "repeat":
            if isinstance(node, list):
                node.insert(key, copy.deepcopy(node[key]))
            else:
                node[DupKey(key)] = draw(st.one_of(hostile_values(), st.just(node[key])))
        elif operation == "rename" and isinstance(node, dict):
            node[draw(new_keys)] = node.pop(key)
        elif operation == "add" and isinstance(node, dict):
            node[draw(new_keys)] = draw(hostile_values())
        elif operation == "swap":
            other, other_key = places[draw(st.integers(0, len(places) - 1))]
            node[key] = copy.deepcopy(other[other_key])
        elif operation == "wrap":
            node[key] = [node[key]] if draw(st.booleans()) else {"value": node[key]}
    return document


def dumps(value: Any) -> str:
    """Write ``value`` as JSON text, markers and all (NaN and infinities as Python writes them)."""
    if isinstance(value, BigInt):
        return value.text()
    if isinstance(value, Deep):
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, dict):
        pairs = (f"{json.dumps(str(key))}: {dumps(item)}" for key, item in value.items())
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dumps(item) for item in value) + "]"
    return json.dumps(value)


def to_python(value: Any) -> Any:
    """Return ``value`` as ``json.loads`` gives it back: a repeated key keeps its last value."""
    if isinstance(value, BigInt | Deep):
        return value.value()
    if isinstance(value, dict):
        return {str(key): to_python(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_python(item) for item in value]
    return value


# --- bytes --------------------------------------------------------------------------------

_SNIPPETS = (
    b"\x00",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"\xed\xa0\x80",
    b"\r\n",
    b'"',
    b"'",
    b",",
    b";",
    b"\t",
    b"{",
    b"[",
    b"<",
    b"&",
    b"]]>",
    b"&#0;",
    b"&#xD800;",
    b"&unknown;",
    b"<![CDATA[",
    b"<?pi x?>",
    b"<!-- -->",
    b"9" * 5000,
)


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes, *, max_mutations: int = 3) -> bytes:
    """``data`` with up to ``max_mutations`` byte-level mutations (none, now and then)."""
    buffer = bytearray(data)
    for _ in range(draw(st.integers(0, max_mutations))):
        at = draw(st.integers(0, max(len(buffer) - 1, 0)))
        operation = draw(
            st.sampled_from(["flip", "overwrite", "cut", "repeat", "insert", "truncate"])
        )
        if operation == "flip" and buffer:
            buffer[at] ^= 1 << draw(st.integers(0, 7))
        elif operation == "overwrite":
            run = draw(st.integers(1, 8))
            buffer[at : at + run] = bytes([draw(st.sampled_from([0x00, 0x7F, 0x80, 0xFF]))]) * run
        elif operation == "cut":
            del buffer[at : at + draw(st.integers(1, 64))]
        elif operation == "repeat":
            buffer[at:at] = buffer[at : at + draw(st.integers(1, 256))]
        elif operation == "insert":
            buffer[at:at] = draw(st.one_of(st.sampled_from(_SNIPPETS), st.binary(max_size=16)))
        elif operation == "truncate":
            del buffer[at:]
    return bytes(buffer)


def encodings(text: str) -> st.SearchStrategy[bytes]:
    """``text`` as UTF-8 mostly, else with a byte-order mark, as UTF-16 or UTF-32, or Latin-1."""
    return st.sampled_from(
        ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "latin-1"]
    ).map(lambda codec: text.encode(codec, errors="surrogatepass" if "utf" in codec else "replace"))


# --- XML ----------------------------------------------------------------------------------

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

_PROLOGUES = (
    b'<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
    b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    b'<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd">',
    b'<?xml-stylesheet href="x"?>',
    b"<!-- a comment before the root -->",
)


@dataclass(frozen=True)
class _XmlSeed:
    data: bytes
    tags: tuple[str, ...]
    attributes: tuple[str, ...]


# Bounded: every generated study is a seed of its own.
@functools.lru_cache(maxsize=64)
def _xml_seed(data: bytes) -> _XmlSeed:
    root = etree.fromstring(data, _PARSER)
    tags = sorted({element.tag for element in root.iter() if isinstance(element.tag, str)})
    names = sorted({name for element in root.iter() for name in element.attrib})
    return _XmlSeed(data, tuple(tags), tuple(names))


def _set_attribute(element: Any, name: str, value: str) -> None:
    # lxml refuses text XML cannot hold (NUL, lone surrogates): such a mutation is skipped.
    with contextlib.suppress(ValueError):
        element.set(name, value)


def _set_text(element: Any, value: str) -> None:
    with contextlib.suppress(ValueError):
        element.text = value


def _mutate(draw: st.DrawFn, seed: _XmlSeed, root: Any) -> None:
    """Apply one mutation to one element of the tree under ``root``."""
    elements = [element for element in root.iter() if isinstance(element.tag, str)]
    element = elements[draw(st.integers(0, len(elements) - 1))]
    parent = element.getparent()
    operation = draw(
        st.sampled_from(
            ["attribute", "attribute", "unset", "text", "drop", "repeat", "move", "tag", "nest"]
        )
    )
    if operation == "attribute":
        name = draw(st.sampled_from(seed.attributes)) if seed.attributes else "name"
        _set_attribute(element, name, draw(hostile_strings()))
    elif operation == "unset" and element.attrib:
        del element.attrib[draw(st.sampled_from(sorted(element.attrib)))]
    elif operation == "text":
        _set_text(element, draw(hostile_strings()))
    elif operation == "drop" and parent is not None:
        parent.remove(element)
    elif operation == "repeat" and parent is not None:
        parent.insert(parent.index(element), copy.deepcopy(element))
    elif operation == "move" and parent is not None:
        target = elements[draw(st.integers(0, len(elements) - 1))]
        if element not in target.iterancestors() and target is not element:
            target.append(element)
    elif operation == "tag":
        element.tag = draw(st.sampled_from(seed.tags))
    elif operation == "nest":
        tag = draw(st.sampled_from(seed.tags))
        inner = element
        for _ in range(draw(st.sampled_from([2, 100, 300]))):
            inner = etree.SubElement(inner, tag)


@st.composite
def mutated_xml(
    draw: st.DrawFn, seeds: st.SearchStrategy[bytes], *, max_mutations: int = 4
) -> bytes:
    """An XML document drawn from ``seeds``, its tree mutated, then perhaps its bytes."""
    seed = _xml_seed(draw(seeds))
    root = etree.fromstring(seed.data, _PARSER)
    for _ in range(draw(st.integers(1, max_mutations))):
        _mutate(draw, seed, root)
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8")
    if draw(st.integers(0, 9)) == 0:
        prologue = draw(st.sampled_from(_PROLOGUES))
        end = data.index(b"?>") + 2
        data = data[:end] + prologue + data[end:]
    if draw(st.booleans()):
        data = draw(mutated_bytes(data, max_mutations=2))
    return data


# --- zip ----------------------------------------------------------------------------------


def zip_bytes(members: Mapping[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """Return a zip archive of ``members`` (name to bytes), built in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in members.items():
            # Dated, so that the same members make the same bytes (Hypothesis replays draws).
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=compression)
    return buffer.getvalue()


# Offsets and formats of the fields of each zip record, after its signature.
_RECORDS: dict[bytes, tuple[tuple[int, str], ...]] = {
    b"PK\x03\x04": (
        (6, "<H"),
        (8, "<H"),
        (14, "<I"),
        (18, "<I"),
        (22, "<I"),
        (26, "<H"),
        (28, "<H"),
    ),
    b"PK\x01\x02": (
        (8, "<H"),
        (10, "<H"),
        (16, "<I"),
        (20, "<I"),
        (24, "<I"),
        (28, "<H"),
        (30, "<H"),
        (32, "<H"),
        (34, "<H"),
        (42, "<I"),
    ),
    b"PK\x05\x06": (
        (4, "<H"),
        (6, "<H"),
        (8, "<H"),
        (10, "<H"),
        (12, "<I"),
        (16, "<I"),
        (20, "<H"),
    ),
}


@st.composite
def mutated_zip(draw: st.DrawFn, data: bytes, *, max_mutations: int = 3) -> bytes:
    """A zip archive with hostile numbers in its records' fields, and perhaps mutated bytes."""
    buffer = bytearray(data)
    records = [
        (at, signature) for signature in _RECORDS for at in _occurrences(bytes(buffer), signature)
    ]
    for _ in range(draw(st.integers(1 if records else 0, max_mutations))):
        if not records:
            break
        at, signature = draw(st.sampled_from(records))
        offset, form = draw(st.sampled_from(_RECORDS[signature]))
        top = (1 << (8 * struct.calcsize(form))) - 1
        value = draw(
            st.one_of(st.sampled_from([0, 1, 2, top, top - 1, top // 2]), st.integers(0, top))
        )
        if at + offset + struct.calcsize(form) <= len(buffer):
            struct.pack_into(form, buffer, at + offset, value)
    if draw(st.booleans()):
        return draw(mutated_bytes(bytes(buffer)))
    return bytes(buffer)


def _occurrences(data: bytes, signature: bytes) -> list[int]:
    found: list[int] = []
    at = data.find(signature)
    while at >= 0:
        found.append(at)
        at = data.find(signature, at + 1)
    return found
