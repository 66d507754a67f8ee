"""Text as a REFI-QDA document can hold it, with each replacement counted where it was made.

XML 1.0 cannot hold most C0 controls, U+FFFE, U+FFFF or lone surrogates, and
UTF-8 cannot encode lone surrogates: the export writes U+FFFD in their place
(one code point for one, so no position moves) and the report lists each
place (``replaced_characters``). The cleaning happens when the study is mapped
onto the document, so the document holds exactly what a reader gets back.
"""

from __future__ import annotations

from collections import Counter

from peerlandscape.refi._conventions import NOT_XML, REPLACEMENT, SURROGATE

__all__ = ["Cleaner"]


class Cleaner:
    """Replace what a document cannot hold, counting replacements per location."""

    __slots__ = ("replaced",)

    def __init__(self) -> None:
        self.replaced: Counter[str] = Counter()

    def name(self, value: str, where: str) -> str:
        """Return a name, description or other XML text with U+FFFD for what XML cannot hold."""
        cleaned, count = NOT_XML.subn(REPLACEMENT, value)
        if count:
            self.replaced[where] += count
        return cleaned

    def source_text(self, value: str, where: str) -> str:
        """Return a source's text with U+FFFD for lone surrogates (any other character stays)."""
        cleaned, count = SURROGATE.subn(REPLACEMENT, value)
        if count:
            self.replaced[where] += count
        return cleaned
