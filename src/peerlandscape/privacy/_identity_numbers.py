"""Swedish personal identity numbers and coordination numbers, with their check digit.

A personal identity number (personnummer) is a date of birth ``YYMMDD``, a
three-digit serial number and a check digit computed with the Luhn
algorithm over those nine digits. It is written ``YYMMDD-NNNC``; the ``-``
becomes ``+`` in the year a person turns 100, and systems often write the
century too (``YYYYMMDD-NNNC``, ``YYYYMMDDNNNC``) or leave the separator out
(``YYMMDDNNNC``). People also type an en dash or a space for the hyphen;
both are found. A coordination number (samordningsnummer), given to people
who are not or have not been registered in Sweden, is the same with 60 added
to the day.

A candidate is reported only when its date is a date of the calendar (in the
century written, or in one of the centuries the separator allows) and its
check digit holds: of ten random ten-digit numbers, one passes the check,
and far fewer also carry a valid date, so decoys such as product codes and
order numbers are rarely mistaken for one.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = ["find_identity_numbers", "identity_digits", "luhn_valid", "may_hold_identity_number"]

_CANDIDATE = re.compile(
    r"(?<![\w+\-\u2013])"  # not the tail of a longer number or code
    r"(?:(?P<century>1[89]|20)(?P<long>\d{6})(?P<long_separator>[-\u2013 ]?)"
    r"|(?P<short>\d{6})(?P<short_separator>[-\u2013+ ]?))"
    r"(?P<serial>\d{4})"
    r"(?!\w|[-\u2013]\d)"  # nor the head of one
)

_COORDINATION_OFFSET = 60
_SIX_DIGITS = re.compile(r"\d{6}")  # YYMMDD, in every form


def may_hold_identity_number(text: str) -> bool:
    """Return whether ``text`` has six digits in a row, as every identity number has."""
    return _SIX_DIGITS.search(text) is not None


def luhn_valid(digits: str) -> bool:
    """Return whether a string of digits ends with a valid Luhn check digit.

    Examples
    --------
    >>> luhn_valid("8507092347"), luhn_valid("8507092346")
    (True, False)
    """
    total = 0
    for position, character in enumerate(reversed(digits)):
        value = int(character)
        if position % 2:
            value *= 2
            if value > 9:  # noqa: PLR2004 - the digit sum of a doubled digit
                value -= 9
        total += value
    return total % 10 == 0


def identity_digits(text: str) -> str:
    """Return the ten digits ``YYMMDDNNNC`` of a personal identity or coordination number.

    The same person's number written with or without its century or
    separator gives the same ten digits.

    Examples
    --------
    >>> identity_digits("19850709-2347"), identity_digits("850709-2347")
    ('8507092347', '8507092347')
    """
    return "".join(character for character in text if character.isdigit())[-10:]


def _real_date(centuries: tuple[int, ...], yymmdd: str) -> bool:
    year, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if day > _COORDINATION_OFFSET:
        day -= _COORDINATION_OFFSET
    for century in centuries:
        try:
            datetime.date(century * 100 + year, month, day)
        except ValueError:
            continue
        return True
    return False


def find_identity_numbers(text: str) -> Iterator[Finding]:
    """Yield the personal identity and coordination numbers in ``text``.

    Examples
    --------
    >>> [(f.kind.value, f.text) for f in find_identity_numbers(
    ...     "pnr 850709-2347, samordningsnummer 19850769-2344, order 850709-2346")]
    [('personal_identity_number', '850709-2347'), ('coordination_number', '19850769-2344')]
    """
    for match in _CANDIDATE.finditer(text):
        if match["century"] is not None:
            yymmdd = match["long"]
            centuries: tuple[int, ...] = (int(match["century"]),)
        else:
            yymmdd = match["short"]
            # "+" is written in the year a person turns 100: born a century earlier.
            centuries = (18, 19) if match["short_separator"] == "+" else (19, 20)
        if not _real_date(centuries, yymmdd) or not luhn_valid(yymmdd + match["serial"]):
            continue
        coordination = int(yymmdd[4:]) > _COORDINATION_OFFSET
        kind = (
            FindingKind.COORDINATION_NUMBER
            if coordination
            else FindingKind.PERSONAL_IDENTITY_NUMBER
        )
        yield Finding(kind, match.start(), match.end(), match[0])
