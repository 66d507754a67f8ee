"""Where someone lives: Swedish street addresses and postcodes.

A *street address* is a street name followed by a house number:

- one capitalised word ending in a Swedish street suffix (``-gatan``,
  ``-vägen``, ``-gränd``, ``-torget``, ``-stigen``, ``-allén``, ``-backen``,
  ``-plan``, ``-leden``, ...; see ``STREET_SUFFIXES``), such as
  ``Storgatan``, optionally after a word such as ``Södra``, ``Stora`` or
  ``Sankt`` (``Södra Förstadsgatan``);
- or up to three capitalised words and a separate street word
  (``Gustav Adolfs torg``, ``Drottning Kristinas väg``);

then a house number with an optional letter or range (``12``, ``12B``,
``12 B``, ``12-14``), and an optional flat or floor (``lgh 1102``, ``2 tr``).
A street name without a number is a place, not an address, and is not found;
nor are addresses in other countries' forms (``221B Baker Street``).

A *postcode* is three and two digits (``123 45``, ``12345``, first digit not
0) with either a country prefix (``SE-123 45``, ``SE 123 45``, ``S-123 45``)
or the town it belongs to, on the same line (``123 45 Lund``, ``123 45
Upplands Väsby``); the finding covers prefix, digits and town. A town of two
words is found when its first word opens town names (``Lilla``, ``Upplands``,
...; see ``_TOWN_OPENERS``). After a country prefix the town is optional: a
capitalised word is taken for the town only when the address ends after it
(a comma, a full stop, the end of the line), else for the start of the next
sentence (``SE-411 05 Skickas till ...``). Five digits
alone are a number, not a postcode. House numbers have one to three digits,
so that ``Handlingsplan 2023`` is no address.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = [
    "STREET_SUFFIXES",
    "canonical_address",
    "find_addresses",
    "find_postcodes",
    "may_hold_postcode",
]

STREET_SUFFIXES = (
    "allé",
    "allén",
    "backe",
    "backen",
    "esplanaden",
    "gata",
    "gatan",
    "gärdet",
    "gränd",
    "gränden",
    "hagen",
    "holmen",
    "höjden",
    "kaj",
    "kajen",
    "leden",
    "liden",
    "parken",
    "plan",
    "platsen",
    "promenaden",
    "ringen",
    "slingan",
    "stig",
    "stigen",
    "strand",
    "stranden",
    "stråket",
    "torg",
    "torget",
    "udden",
    "vallen",
    "viken",
    "väg",
    "vägen",
    "ängen",
)
"""Endings of Swedish street names: the last part of a word such as ``Storgatan``."""

_STREET_WORDS = ("gata", "gatan", "väg", "vägen", "torg", "torget", "gränd", "plan", "allé", "stig")
"""Street words written apart, after a name: ``Gustav Adolfs torg``."""

_MODIFIERS = (
    "Gamla",
    "Inre",
    "Kungliga",
    "Lilla",
    "Nedre",
    "Norra",
    "Nya",
    "S:t",
    "Sankt",
    "Sankta",
    "Stora",
    "Södra",
    "Västra",
    "Yttre",
    "Östra",
    "Övre",
)
"""Words that open a street or town name: ``Södra Förstadsgatan``, ``Lilla Edet``."""

_TOWN_OPENERS = frozenset(word.casefold() for word in (*_MODIFIERS, "Upplands"))
"""Words after which a town's name goes on: ``Upplands Väsby``, ``Lilla Edet``."""

_UPPER = "A-ZÅÄÖÆØÉÈÜ"
_WORD = rf"[{_UPPER}][^\W\d_]*"  # a capitalised word
_END = r"(?![^\W\d_])"  # no letter follows
_LETTER = rf"(?:\s?[A-H]{_END}|[a-h]{_END})"  # the B of 12B or 12 B
_SUFFIX = "|".join(sorted(STREET_SUFFIXES, key=len, reverse=True))
_MODIFIER = "|".join(re.escape(word) for word in _MODIFIERS)
_STREET = (
    rf"(?:(?:{_MODIFIER})\s+)?[{_UPPER}][^\W\d_]*?(?:{_SUFFIX}){_END}"
    rf"|{_WORD}(?:\s+{_WORD}){{0,2}}\s+(?:{'|'.join(_STREET_WORDS)}){_END}"
)
_ADDRESS = re.compile(
    rf"(?<![\w:])(?:{_STREET})"
    rf"\s+\d{{1,3}}(?!\d){_LETTER}?(?:\s?[-\u2013]\s?\d{{1,3}}(?!\d){_LETTER}?)?(?![,.]\d)"
    r"(?:,?\s+(?:lgh|lägenhet)\.?\s*(?:nr\.?\s*)?\d{4}(?!\d))?"
    r"(?:,?\s+\d\s?tr(?:appor|appa)?(?![^\W\d_]))?"
)

_POSTCODE = re.compile(
    r"(?<![\w\-\u2013+.@])"  # "SE" is no prefix at the end of a domain (example.SE 223 50)
    r"(?:(?P<country>SE[-\u2013\s]?|S[-\u2013]))?"
    r"(?P<code>[1-9]\d{2} ?\d{2})(?![\d]|[-\u2013]\d)(?P<digits_follow>(?=\s\d))?"
    # A town is a word of its own: not the head of an e-mail address or a domain (KIM.EK@...).
    rf"(?:[ \t]+(?P<town>{_WORD}(?:[- ]{_WORD})?)(?![.\-]?[\w@])"
    r"(?P<ends>[ \t]*(?:[,;)\]]|\.(?!\w)|$))?)?",
    re.MULTILINE,
)


_THREE_DIGITS = re.compile(r"\d{3}")  # a postcode's first three


def may_hold_postcode(text: str) -> bool:
    """Return whether ``text`` has three digits in a row, as every postcode has."""
    return _THREE_DIGITS.search(text) is not None


def find_addresses(text: str) -> Iterator[Finding]:
    """Yield the Swedish street addresses in ``text``.

    Examples
    --------
    >>> [f.text for f in find_addresses(
    ...     "Hon bor på Storgatan 12B, lgh 1102 och jobbar på Gustav Adolfs torg 3. Plan 3.")]
    ['Storgatan 12B, lgh 1102', 'Gustav Adolfs torg 3']
    """
    for match in _ADDRESS.finditer(text):
        yield Finding(FindingKind.ADDRESS, match.start(), match.end(), match[0])


def _town(town: str) -> str:
    # A second word belongs to the town when the first opens a name ("Lilla Edet", "Upplands
    # Väsby"); else it is the next word of the sentence ("Lund Anna ...", "Borås Plan 3").
    first, separator, _ = town.partition(" ")
    if separator and first.casefold() not in _TOWN_OPENERS:
        return first
    return town


def find_postcodes(text: str) -> Iterator[Finding]:
    """Yield the Swedish postcodes in ``text`` that carry a country prefix or a town.

    Examples
    --------
    >>> [f.text for f in find_postcodes(
    ...     "Adress: 223 50 Lund Anna, SE-411 05; inte 12 000 kronor eller 12345 personer.")]
    ['223 50 Lund', 'SE-411 05']
    """
    for match in _POSTCODE.finditer(text):
        town = match["town"]
        if town is not None and match["country"] is not None and match["ends"] is None:
            # After "SE-" the town ends the address, at a comma, full stop or line end; a
            # capitalised word that goes on is the next sentence ("SE-411 05 Skickas till").
            town = None
        if match["country"] is None and (town is None or match["digits_follow"] is not None):
            continue  # five digits, or a group of a longer number ("08 123 45 67")
        end = match.end("code") if town is None else match.start("town") + len(_town(town))
        yield Finding(FindingKind.POSTCODE, match.start(), end, text[match.start() : end])


def canonical_address(text: str) -> str:
    """Return the form in which two spellings of one address or postcode compare equal.

    Examples
    --------
    >>> canonical_address("Storgatan  12 B"), canonical_address("SE-223 50")
    ('storgatan 12b', '22350')
    """
    folded = " ".join(text.casefold().split())
    folded = re.sub(r"^(?:se|s)[-\u2013\s]?(?=\d)", "", folded)  # a postcode's country prefix
    folded = re.sub(r"(\d)\s(\d)", r"\1\2", folded)
    return re.sub(r"(\d)\s([a-h])\b", r"\1\2", folded)
