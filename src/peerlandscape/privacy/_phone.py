"""Telephone numbers, found and checked by ``phonenumbers`` (Google's libphonenumber).

A number written in national form (``070-123 45 67``, ``08-123 456 78``,
``(08) 465 004 00``) is read as a Swedish number; a number of any country is
found in international form (``+46 70 123 45 67``, ``0046 70 ...``,
``+44 20 7946 0123``, ``+46 (0)8 ...``). A candidate is reported only when it
is a valid number of its country's numbering plan (libphonenumber's
``Leniency.VALID``), which is what keeps dates, years, order numbers and
personal identity numbers out, and when it is not glued to a longer code: a
letter or digit right before or after it, or a digit and a dash, slash or
dot (``Dnr 2023-02060-01``, with any dash), makes it part of that code; nor
when it is written as a personal identity number is (``YYMMDD-NNNN``).

phonenumbers is an optional dependency (the ``privacy`` extra), imported when
a text is first scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from types import ModuleType

from peerlandscape._optional import require
from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = ["REGION", "canonical_phone", "find_phones", "load_phonenumbers", "may_hold_phone"]

REGION = "SE"
"""The country whose national form numbers without a country code are read in."""

_MIN_TRIES = 65535
_NUMBER_START = re.compile(r"(?<![\d+])(?:\+|00|\(?0)\d")
_RUN = re.compile(r"[\d \t()+./\-\u2013]+")  # what a number is written with
_DIGITS = re.compile(r"\d+")
_WINDOW = 48  # longer than any number as written
# Fewer digits than any valid number has: the shortest, in libphonenumber's metadata, are
# six in international form (+43 and four digits) and seven in Sweden's national form.
_FEWEST_DIGITS = 5
_ONE_DIGIT = re.compile(r"\d")

# A number glued to a longer code ("Dnr 2023-02060-01", "ART-0701740605") is part of it.
_GLUED_BEFORE = re.compile(r"(?:[^\W_]|\d[-\u2013/.])\Z")  # searched up to the number
_GLUED_AFTER = re.compile(r"[^\W_]|[-\u2013/.]\d")  # matched from the end of the number
# Written as a personal identity number is written (YYMMDD-NNNN): not a telephone number.
_IDENTITY_SHAPED = re.compile(r"\(?(?:\d{2})?\d{6}[-\u2013+]\d{4}")


@cache
def load_phonenumbers() -> ModuleType:
    """Return the ``phonenumbers`` module, or raise the error that names the ``privacy`` extra."""
    return require("phonenumbers", extra="privacy", needed_for="scanning text for phone numbers")


def _matches(text: str, start: int, end: int) -> Iterator[Finding]:
    # The numbers libphonenumber finds in text[start:end], placed in the whole text and kept
    # only when they stand on their own in it.
    library = load_phonenumbers()
    # The matcher gives up after max_tries candidates that are not numbers: never before the
    # end of a long transcript full of other figures.
    matcher = library.PhoneNumberMatcher(
        text[start:end], REGION, leniency=library.Leniency.VALID, max_tries=max(_MIN_TRIES, end)
    )
    for match in matcher:
        first, last, raw = start + match.start, start + match.end, match.raw_string
        if (
            _GLUED_BEFORE.search(text, max(0, first - 2), first)
            or _GLUED_AFTER.match(text, last)
            or _IDENTITY_SHAPED.fullmatch(raw)
        ):
            continue
        if raw.startswith("(") and ")" not in raw:
            first, raw = first + 1, raw[1:]  # a bracket opened before the number, not in it
        yield Finding(FindingKind.PHONE, first, last, raw)


def may_hold_phone(text: str) -> bool:
    r"""Return whether ``text`` has five digits within a number's length, as every number has.

    Examples
    --------
    >>> may_hold_phone("P1: Ja.\nP2: Nej.\nP1: Kanske."), may_hold_phone("Ring 070-174 06 05")
    (False, True)
    """
    digits = [match.start() for match in _ONE_DIGIT.finditer(text)]
    span = _FEWEST_DIGITS - 1
    return any(
        digits[position + span] - digits[position] < _WINDOW
        for position in range(len(digits) - span)
    )


def find_phones(text: str) -> Iterator[Finding]:
    r"""Yield the telephone numbers in ``text``.

    Examples
    --------
    >>> text = ("Ring 070-174 06 05 eller +44 20 7946 0123, inte 2023-05-14 "
    ...         "eller Dnr 2023\u201302060-01. Nr 12 070-174 06 06, (070-174 06 07) 12.")
    >>> [f.text for f in find_phones(text)]
    ['070-174 06 05', '+44 20 7946 0123', '070-174 06 06', '070-174 06 07']
    """
    found = list(_matches(text, 0, len(text)))
    yield from found
    # libphonenumber reads a run of figures and brackets as one candidate ("Nr 12 070-...",
    # "(850709-2347) 070-...") and drops it whole when it is no number: look again from
    # each place a number can start that nothing found covers, up to the end of its line.
    # Both the numbers found and the places to look at come in order of position.
    earlier = iter(found)
    current = next(earlier, None)
    covered_to = 0
    for start in _NUMBER_START.finditer(text):
        position = start.start()
        while current is not None and current.end <= position:
            current = next(earlier, None)
        if position < covered_to or (current is not None and current.start <= position):
            continue
        finding = _number_at(text, position)
        if finding is not None:
            covered_to = finding.end
            yield finding


def _number_at(text: str, position: int) -> Finding | None:
    # The longest number that starts at position: the run of figures and separators from
    # there, cut after each of its groups of digits in turn, longest first.
    run = _RUN.match(text, position, min(len(text), position + _WINDOW))
    ends = [group.end() for group in _DIGITS.finditer(text, position, run.end() if run else 0)]
    for end in reversed(ends):
        for finding in _matches(text, position, end):
            if finding.start <= position + 1:  # it starts here (or after its bracket)
                return finding
    return None


def canonical_phone(text: str) -> str:
    """Return a number in E.164 form, so that two ways of writing it compare equal.

    Examples
    --------
    >>> canonical_phone("070-174 06 05"), canonical_phone("+46 70 174 06 05")
    ('+46701740605', '+46701740605')
    """
    library = load_phonenumbers()
    try:
        number = library.parse(text, REGION)
    except library.NumberParseException:  # pragma: no cover - only found numbers come here
        return "".join(character for character in text if character.isdigit())
    result: str = library.format_number(number, library.PhoneNumberFormat.E164)
    return result
