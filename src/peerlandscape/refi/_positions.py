"""Turn the character positions REFI-QDA files carry into Python string offsets.

The standard says ``startPosition``/``endPosition`` count Unicode code points
from 0, which is what Python's ``str`` indexes. Vendors differ:

* NVivo (Windows and Mac, 12.x) counts UTF-16 code units, so every character
  outside the Basic Multilingual Plane (most emoji) counts twice, and a CRLF
  line break counts as two.
* ATLAS.ti and MAXQDA are reported to count a CRLF line break as one position.
* Everything else is taken at its word: code points.

Every scheme counts from after a leading byte order mark, which is stripped
from the text before any offset is computed.
"""

from __future__ import annotations

import enum
import re
from bisect import bisect_left, bisect_right
from typing import Final

__all__ = ["BOM", "PositionConverter", "PositionScheme", "detect_scheme", "strip_bom"]

BOM: Final = "\ufeff"
"""The byte order mark, which every scheme counts from after: a reader strips one."""
_ASTRAL: Final = re.compile("[\U00010000-\U0010ffff]")
_NVIVO: Final = re.compile(r"\bnvivo\b", re.IGNORECASE)
_CRLF_AS_ONE_VENDORS: Final = re.compile(r"\b(?:atlas\.ti|maxqda)\b", re.IGNORECASE)


class PositionScheme(enum.Enum):
    """How a file counts character positions in a source text.

    Examples
    --------
    >>> PositionScheme("utf16_code_units")
    <PositionScheme.UTF16_CODE_UNITS: 'utf16_code_units'>
    """

    CODE_POINTS = "code_points"
    """Unicode code points, as the standard says and Python indexes."""
    UTF16_CODE_UNITS = "utf16_code_units"
    """UTF-16 code units: astral characters count two (NVivo)."""
    CODE_POINTS_CRLF_AS_ONE = "code_points_crlf_as_one"
    """Code points, but a CRLF pair counts one (ATLAS.ti, MAXQDA)."""


def detect_scheme(origin: str | None) -> PositionScheme:
    """Guess the position scheme from the ``origin`` attribute of a project.

    Parameters
    ----------
    origin
        ``Project@origin`` as written, e.g. ``"NVivo 12.6.0.959"``, or None
        when the attribute is missing.

    Returns
    -------
    PositionScheme
        UTF-16 code units for NVivo, CRLF-as-one for ATLAS.ti and MAXQDA,
        code points otherwise.

    Examples
    --------
    >>> detect_scheme("NVivo 12 (Mac) 12.6.1")
    <PositionScheme.UTF16_CODE_UNITS: 'utf16_code_units'>
    >>> detect_scheme("MAXQDA 24 (Release 24.7.0)")
    <PositionScheme.CODE_POINTS_CRLF_AS_ONE: 'code_points_crlf_as_one'>
    >>> detect_scheme("QualCoder 3.6"), detect_scheme(None)
    (<PositionScheme.CODE_POINTS: 'code_points'>, <PositionScheme.CODE_POINTS: 'code_points'>)
    """
    if origin is None:
        return PositionScheme.CODE_POINTS
    if _NVIVO.search(origin):
        return PositionScheme.UTF16_CODE_UNITS
    if _CRLF_AS_ONE_VENDORS.search(origin):
        return PositionScheme.CODE_POINTS_CRLF_AS_ONE
    return PositionScheme.CODE_POINTS


def strip_bom(text: str) -> str:
    r"""Return ``text`` without a leading byte order mark.

    Parameters
    ----------
    text
        A decoded source text.

    Returns
    -------
    str
        The text, its first character dropped if it was U+FEFF.

    Examples
    --------
    >>> strip_bom("\ufeffHej"), strip_bom("Hej")
    ('Hej', 'Hej')
    """
    return text[1:] if text.startswith(BOM) else text


class PositionConverter:
    """Map positions of one source text, in one scheme, to code-point offsets.

    Built once per text in O(n): it records only where the scheme and code
    points part ways (each astral character for UTF-16, each CRLF for
    CRLF-as-one). Each conversion is then a binary search, O(log k) in the
    number k of such places, and O(1) for text where they never part.

    Parameters
    ----------
    text
        The source text; a leading byte order mark is stripped first, so
        offsets index :attr:`text`.
    scheme
        How the positions to convert were counted.

    Examples
    --------
    NVivo counts the emoji twice, so "world" starts at 9, not 8:

    >>> converter = PositionConverter("Hello 👋 world", PositionScheme.UTF16_CODE_UNITS)
    >>> start, end = converter.span(9, 14)
    >>> converter.text[start:end]
    'world'

    Positions past the end, or inside a surrogate pair, map to None:

    >>> converter.to_code_point(99) is None, converter.to_code_point(7) is None
    (True, True)
    """

    __slots__ = ("_breaks", "_length", "_scheme", "_text")

    def __init__(self, text: str, scheme: PositionScheme) -> None:
        self._text = strip_bom(text)
        self._scheme = scheme
        if scheme is PositionScheme.UTF16_CODE_UNITS:
            # The k-th astral character at code point a starts at unit a + k;
            # record the unit just after it, where the offset grows by one.
            self._breaks = [
                match.start() + k + 2 for k, match in enumerate(_ASTRAL.finditer(self._text))
            ]
            self._length = len(self._text) + len(self._breaks)
        elif scheme is PositionScheme.CODE_POINTS_CRLF_AS_ONE:
            # The k-th CRLF at code point c is at position c - k; from the
            # position after it, positions fall one more behind code points.
            self._breaks = [
                match.start() - k + 1 for k, match in enumerate(re.finditer("\r\n", self._text))
            ]
            self._length = len(self._text) - len(self._breaks)
        else:
            self._breaks = []
            self._length = len(self._text)

    @property
    def text(self) -> str:
        """The source text the offsets index, without a leading BOM."""
        return self._text

    @property
    def scheme(self) -> PositionScheme:
        """The scheme the positions to convert were counted in."""
        return self._scheme

    @property
    def length(self) -> int:
        """The text's length counted in the scheme: the largest valid position."""
        return self._length

    def to_code_point(self, position: int) -> int | None:
        """Convert one position to a code-point offset into :attr:`text`.

        Parameters
        ----------
        position
            A position counted in :attr:`scheme`, from 0 up to and including
            :attr:`length` (an end position may point just past the text).

        Returns
        -------
        int or None
            The code-point offset, or None when the position is negative,
            past the end, or (UTF-16) between the two halves of a surrogate
            pair, which no character boundary corresponds to.
        """
        if position < 0 or position > self._length:
            return None
        breaks = self._breaks
        if not breaks:
            return position
        if self._scheme is PositionScheme.UTF16_CODE_UNITS:
            following = bisect_left(breaks, position + 1)
            if following < len(breaks) and breaks[following] == position + 1:
                return None
            return position - bisect_right(breaks, position)
        return position + bisect_right(breaks, position)

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Convert a start and an end position together.

        Parameters
        ----------
        start, end
            Positions counted in :attr:`scheme`.

        Returns
        -------
        tuple of int, or None
            The code-point offsets ``(start, end)``, ready to slice
            :attr:`text`; None if either is invalid (see
            :meth:`to_code_point`) or the end comes before the start.
        """
        first = self.to_code_point(start)
        last = self.to_code_point(end)
        if first is None or last is None or last < first:
            return None
        return first, last
