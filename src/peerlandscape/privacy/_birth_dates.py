"""Dates of birth: a date that the words before it say is someone's date of birth.

A date alone is not identifying (interviews are full of meeting dates), so a
date is found only right after a word that says it is a date of birth:
``född``, ``föddes``, ``födelsedatum``, ``födelsedag``, ``f.``, ``born``,
``date of birth``, ``birth date``, ``birthday``, ``DOB``, ``D.O.B.``; a place
of birth (``född i Lund den ...``, ``born in Malmö on ...``), a colon or
dash and the words ``den``, ``on``, ``the``, ``är``, ``was``, ``is`` may come
between. The finding covers the date, not the word before it.

The date may be written ``1985-01-01`` (also with ``/`` or ``.``),
``19850101``, ``850101``, ``01/02/1985`` or ``1.2.85`` (day and month in either order),
``1/2 1985``, ``1 januari 1985``, ``1:a januari``, ``the 1st of January 1985``
or ``January 1, 1985``, with Swedish or English month names and their usual
abbreviations. Numeric dates must exist in the calendar and carry a year;
a day and a month name without a year (``född den 3 mars``) are found too.
A year alone (``född 1985``) is not a date of birth here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = ["MONTHS", "find_birth_dates", "may_hold_birth_date"]

_NAMES_BY_MONTH = (
    "januari january jan",
    "februari february feb",
    "mars march mar",
    "april apr",
    "maj may",
    "juni june jun",
    "juli july jul",
    "augusti august aug",
    "september sep sept",
    "oktober october okt oct",
    "november nov",
    "december dec",
)

MONTHS: dict[str, int] = {
    name: number for number, names in enumerate(_NAMES_BY_MONTH, start=1) for name in names.split()
}
"""Swedish and English month names and abbreviations (lower case), and their numbers."""

_TRIGGER = (
    r"(?<![^\W\d_])(?:född|föddes|födelsedatum|födelsedagen|födelsedag|f\."
    r"|born|date\s+of\s+birth|birth\s*date|birthday|d\.o\.b\.?|dob)(?![^\W\d_])"
)
# What every trigger holds, in lower case: searched for in the lower-cased text, it is
# found ten times quicker than the whole pattern, which is tried at every position.
_IN_EVERY_TRIGGER = re.compile(r"föd|f\.|born|birth|d\.?o\.?b")
_PLACE = r"(?:\s+(?:i|in|på|at)\s+[^\W\d_][\w\-]*(?:\s+[A-ZÅÄÖ][\w\-]*)?)?"
_BETWEEN = r"\s*[:,\-\u2013]?\s*(?:(?:den|on|the|är|was|is)\s+){0,2}"
_FULL_MONTHS = {name for names in _NAMES_BY_MONTH for name in names.split()[:2]}
_MONTH = (  # a full name, or an abbreviation with or without its full stop
    f"(?:{'|'.join(sorted(_FULL_MONTHS, key=len, reverse=True))})(?![^\\W\\d_])"
    f"|(?:{'|'.join(sorted(set(MONTHS) - _FULL_MONTHS, key=len, reverse=True))})"
    r"(?![^\W\d_])\.?"
)
_YEAR = r"(?:18|19|20)\d{2}"
_DATE = (
    rf"(?P<iso>(?P<iso_year>{_YEAR})[-/.](?P<iso_month>\d{{1,2}})[-/.](?P<iso_day>\d{{1,2}}))"
    rf"|(?P<compact>(?P<c_year>{_YEAR})(?P<c_month>[01]\d)(?P<c_day>[0-3]\d))"
    r"|(?P<short>(?P<h_year>\d{2})(?P<h_month>[01]\d)(?P<h_day>[0-3]\d))"
    rf"|(?P<slash>(?P<s_day>\d{{1,2}})/(?P<s_month>\d{{1,2}})\s+(?P<s_year>{_YEAR}))"
    r"|(?P<numeric>(?P<n_first>\d{1,2})[./\-](?P<n_second>\d{1,2})[./\-]"
    r"(?P<n_year>(?:18|19|20)?\d{2}))"
    rf"|(?P<day_month>(?P<dm_day>\d{{1,2}})(?:st|nd|rd|th|:a|:e)?\.?\s+(?:of\s+)?"
    rf"(?P<dm_month>{_MONTH})(?:,?\s+(?P<dm_year>{_YEAR}))?)"
    rf"|(?P<month_day>(?P<md_month>{_MONTH})\s+(?P<md_day>\d{{1,2}})"
    rf"(?:st|nd|rd|th)?,?\s+(?P<md_year>{_YEAR}))"
)
_BIRTH_DATE = re.compile(
    rf"{_TRIGGER}{_PLACE}{_BETWEEN}(?P<date>{_DATE})(?!\d|[-/.]\d)", re.IGNORECASE
)


def _exists(year: int | None, month: int, day: int) -> bool:
    try:
        # Without a year, any day some year has (29 February in a leap year).
        datetime.date(2000 if year is None else year, month, day)
    except ValueError:
        return False
    return True


def _two_digit(year: str) -> tuple[int, ...]:
    if len(year) == 4:  # noqa: PLR2004 - a year written in full
        return (int(year),)
    return (1900 + int(year), 2000 + int(year))


_NUMERIC_FORMS = {
    "iso": ("iso_year", "iso_month", "iso_day"),
    "compact": ("c_year", "c_month", "c_day"),
    "slash": ("s_year", "s_month", "s_day"),
}
"""The forms whose year, month and day are written once each: their groups."""


def _readings(match: re.Match[str]) -> list[tuple[int | None, int, int]]:
    # Each (year, month, day) the date can be read as; the date is real if one of them is.
    groups = match.groupdict()
    for form, (year_group, month_group, day_group) in _NUMERIC_FORMS.items():
        if groups[form]:
            return [(int(groups[year_group]), int(groups[month_group]), int(groups[day_group]))]
    if groups["short"]:
        month, day = int(groups["h_month"]), int(groups["h_day"])
        return [(year, month, day) for year in _two_digit(groups["h_year"])]
    if groups["numeric"]:
        first, second = int(groups["n_first"]), int(groups["n_second"])
        return [
            (year, month, day)
            for year in _two_digit(groups["n_year"])
            for day, month in ((first, second), (second, first))
        ]
    if groups["day_month"]:
        year = groups["dm_year"]
        month = MONTHS[groups["dm_month"].rstrip(".").lower()]
        return [(int(year) if year else None, month, int(groups["dm_day"]))]
    month = MONTHS[groups["md_month"].rstrip(".").lower()]
    return [(int(groups["md_year"]), month, int(groups["md_day"]))]


def may_hold_birth_date(text: str) -> bool:
    """Return whether ``text`` holds a word that says a date is a date of birth."""
    return _IN_EVERY_TRIGGER.search(text.lower()) is not None


def find_birth_dates(text: str) -> Iterator[Finding]:
    """Yield the dates in ``text`` that are said to be dates of birth.

    Examples
    --------
    >>> [f.text for f in find_birth_dates(
    ...     "Hon är född i Lund den 3 mars 1985. Mötet var den 2023-05-14. DOB: 01/02/1990")]
    ['3 mars 1985', '01/02/1990']
    >>> [f.text for f in find_birth_dates("born on January 1, 1985, not on 1985-02-30")]
    ['January 1, 1985']
    """
    for match in _BIRTH_DATE.finditer(text):
        if any(_exists(*reading) for reading in _readings(match)):
            start, end = match.span("date")
            yield Finding(FindingKind.DATE_OF_BIRTH, start, end, match["date"])
