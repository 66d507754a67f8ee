"""Telephone numbers, found and checked by ``phonenumbers`` (Google's libphonenumber).

A number written in national form (``070-123 45 67``, ``08-123 456 78``,
``(08) 465 004 00``) is read as a Swedish number; a number of any country is
found in international form (``+46 70 123 45 67``, ``0046 70 ...``,
``+44 20 7946 0123``, ``+46 (0)8 ...``). A candidate is reported only when it
is a valid number of its country's numbering plan (libphonenumber's
``Leniency.VALID``), which is what keeps dates, years, order numbers and
personal identity numbers out, and when it is not glued to a longer code: a
letter or digit right before or after it, or a digit and a dash, slash or
dot (``Dnr 2023-02060-01``, with any dash), makes it part of that code.

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

__all__ = ["REGION", "canonical_phone", "find_phones", "load_phonenumbers"]

REGION = "SE"
"""The country whose national form numbers without a country code are read in."""

_MIN_TRIES = 65535

# A number glued to a longer code ("Dnr 2023-02060-01", "ART-0701740605") is part of it.
_GLUED_BEFORE = re.compile(r"(?:[^\W_]|\d[-\u2013/.])$")
_GLUED_AFTER = re.compile(r"^(?:[^\W_]|[-\u2013/.]\d)")


@cache
def load_phonenumbers() -> ModuleType:
    """Return the ``phonenumbers`` module, or raise the error that names the ``privacy`` extra."""
    return require("phonenumbers", extra="privacy", needed_for="scanning text for phone numbers")


def find_phones(text: str) -> Iterator[Finding]:
    r"""Yield the telephone numbers in ``text``.

    Examples
    --------
    >>> text = ("Ring 070-174 06 05 eller +44 20 7946 0123, inte 2023-05-14 "
    ...         "eller Dnr 2023\u201302060-01.")
    >>> [f.text for f in find_phones(text)]
    ['070-174 06 05', '+44 20 7946 0123']
    """
    library = load_phonenumbers()
    # The matcher gives up after max_tries candidates that are not numbers: never before the
    # end of a long transcript full of other figures.
    matcher = library.PhoneNumberMatcher(
        text, REGION, leniency=library.Leniency.VALID, max_tries=max(_MIN_TRIES, len(text))
    )
    for match in matcher:
        if _GLUED_BEFORE.search(text, 0, match.start) or _GLUED_AFTER.match(text, match.end):
            continue
        yield Finding(FindingKind.PHONE, match.start, match.end, match.raw_string)


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
