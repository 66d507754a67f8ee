"""XML as text: the escaping every written value passes through, and a streaming serialiser.

The writer produces XML as text rather than through lxml's element API: a
project of 100,000 codings has some 350,000 elements, and lxml
(``etree.xmlfile`` or a tree, about 6 µs an element) would take longer than
the whole export takes now. Every value that reaches the file passes through
one of two escaping functions (:meth:`XmlWriter.attribute`,
:meth:`XmlWriter.text`), and the tests validate the output against the
official XSDs. Characters XML cannot hold are written as U+FFFD and counted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Final

from peerlandscape.refi._conventions import NOT_XML, REPLACEMENT, SURROGATE
from peerlandscape.refi._positions import BOM

__all__ = ["XmlWriter", "source_bytes"]

_FLUSH_PARTS: Final = 8192

# The first character that needs escaping or replacing, in an attribute and in text.
_ATTRIBUTE_SPECIAL: Final = re.compile(
    "[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_TEXT_SPECIAL: Final = re.compile(
    "[^\t\n\x20-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Tab, line feed and carriage return become references in attributes, where a parser would
# otherwise turn them into spaces; a carriage return in text, which a parser would drop
# from a CRLF pair.
_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_TEXT_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class XmlWriter:
    """A streaming XML serialiser: escaped strings in, UTF-8 chunks out.

    Characters XML cannot hold are replaced by U+FFFD and counted per
    location in :attr:`replaced`, for the report.
    """

    __slots__ = ("_parts", "_write", "replaced")

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._parts: list[str] = []
        self._write = write
        self.replaced: Counter[str] = Counter()

    def _clean(self, value: str, where: str) -> str:
        cleaned, count = NOT_XML.subn(REPLACEMENT, value)
        if count:
            self.replaced[where] += count
        return cleaned

    def attribute(self, value: str, where: str) -> str:
        """Return ``value`` escaped for a double-quoted attribute."""
        if _ATTRIBUTE_SPECIAL.search(value) is None:
            return value
        return self._clean(value, where).translate(_ATTRIBUTE_ESCAPES)

    def text(self, value: str, where: str) -> str:
        """Return ``value`` escaped as element content."""
        if _TEXT_SPECIAL.search(value) is None:
            return value
        return self._clean(value, where).translate(_TEXT_ESCAPES)

    def put(self, markup: str) -> None:
        """Queue markup that is already escaped."""
        parts = self._parts
        parts.append(markup)
        if len(parts) >= _FLUSH_PARTS:
            self.flush()

    def flush(self) -> None:
        """Write everything queued."""
        if self._parts:
            self._write("".join(self._parts).encode("utf-8"))
            self._parts.clear()

    def description(self, value: str | None, where: str, indent: str) -> None:
        """Write a ``<Description>`` when there is a non-empty one."""
        if value:
            self.put(f"{indent}<Description>{self.text(value, where)}</Description>\n")


def source_bytes(text: str) -> tuple[bytes, int]:
    """Return a source text as the bytes of its file, and how many characters were replaced.

    UTF-8 without a byte order mark, as the standard asks, except when the text itself
    begins with U+FEFF: readers strip one leading BOM before counting positions, so one is
    written in front to keep the character. Lone surrogates, which UTF-8 cannot encode,
    become U+FFFD (one code point for one, so no position moves).
    """
    text, replaced = SURROGATE.subn(REPLACEMENT, text)
    if text.startswith(BOM):
        text = BOM + text
    return text.encode("utf-8"), replaced
