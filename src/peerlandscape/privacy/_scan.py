"""Scan a text for what identifies a person: every recogniser, one finding per stretch of text.

Each recogniser (one module per kind) proposes findings; where two overlap,
the longer is kept (``19850709-2347`` is a personal identity number, not a
date of birth ``19850709`` followed by digits), and between two of the same
length the kind listed first in :data:`PRECEDENCE`. Every character belongs
to at most one finding, so replacing the findings of a text is well defined.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.privacy._addresses import find_addresses, find_postcodes, may_hold_postcode
from peerlandscape.privacy._birth_dates import find_birth_dates, may_hold_birth_date
from peerlandscape.privacy._email import find_emails, may_hold_email
from peerlandscape.privacy._findings import Finding, FindingKind
from peerlandscape.privacy._identity_numbers import (
    find_identity_numbers,
    may_hold_identity_number,
)
from peerlandscape.privacy._names import NameMatcher
from peerlandscape.privacy._phone import find_phones, load_phonenumbers, may_hold_phone

__all__ = ["PRECEDENCE", "Scanner", "checked_names", "resolve_overlaps", "scan"]

PRECEDENCE: tuple[FindingKind, ...] = (
    FindingKind.PERSONAL_IDENTITY_NUMBER,
    FindingKind.COORDINATION_NUMBER,
    FindingKind.EMAIL,
    FindingKind.DATE_OF_BIRTH,
    FindingKind.PHONE,
    FindingKind.ADDRESS,
    FindingKind.POSTCODE,
    FindingKind.NAME,
)
"""Which of two overlapping findings of the same length is kept: the kind listed first."""

_RANK = {kind: rank for rank, kind in enumerate(PRECEDENCE)}

# Every recogniser but the e-mail one finds something written with a digit (a number, a
# date, a house number or a postcode), and the e-mail one needs an "@" or its bracketed
# stand-in: a text without either is not shown to them, with the same findings. Most
# quotes hold neither, and are then scanned for names alone. Each recogniser of numbers
# also says what a text must hold for it to find anything (six digits in a row for an
# identity number, a trigger word for a date of birth, ...), which a transcript whose
# only digits are its speakers' ("P1: ...") does not: the check costs little beside the
# recogniser's own patterns, and the findings are the same.
_NUMBERED: tuple[tuple[Callable[[str], bool], Callable[[str], Iterable[Finding]]], ...] = (
    (may_hold_identity_number, find_identity_numbers),
    (may_hold_birth_date, find_birth_dates),
    (may_hold_phone, find_phones),
    (lambda _: True, find_addresses),  # a house number has a digit, which was checked
    (may_hold_postcode, find_postcodes),
)
_DIGIT = re.compile(r"\d")


def checked_names(names: Iterable[str]) -> tuple[str, ...]:
    """Return ``names`` as a tuple, refusing one string given where a list of names belongs."""
    if isinstance(names, str):
        raise InvalidOptionError(
            f"names must be a list of names, not one string ({names!r}): write [{names!r}]"
        )
    return tuple(names)


def resolve_overlaps(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings that no longer (or, at equal length, earlier-ranked) one overlaps.

    Examples
    --------
    >>> resolve_overlaps([Finding("date_of_birth", 5, 13, "19850709"),
    ...                   Finding("personal_identity_number", 5, 18, "19850709-2347"),
    ...                   Finding("name", 20, 24, "Anna")])  # doctest: +NORMALIZE_WHITESPACE
    [Finding(kind=<FindingKind.PERSONAL_IDENTITY_NUMBER: 'personal_identity_number'>,
             start=5, end=18, text='19850709-2347'),
     Finding(kind=<FindingKind.NAME: 'name'>, start=20, end=24, text='Anna')]
    """
    ranked = sorted(findings, key=lambda f: (-(f.end - f.start), _RANK[f.kind], f.start))
    starts: list[int] = []
    kept: list[Finding] = []  # in order of start, never overlapping
    for finding in ranked:
        if finding.start == finding.end:
            continue
        position = bisect.bisect_left(starts, finding.start)
        before = kept[position - 1] if position else None
        after = kept[position] if position < len(kept) else None
        if (before is not None and before.end > finding.start) or (
            after is not None and after.start < finding.end
        ):
            continue
        starts.insert(position, finding.start)
        kept.insert(position, finding)
    return kept


class Scanner:
    """Every recogniser, with the names to look for compiled once for many texts.

    Parameters
    ----------
    names
        Names of people to find (see :class:`~peerlandscape.privacy._names.NameMatcher`).
    """

    def __init__(self, names: Iterable[str] = ()) -> None:
        self.names = NameMatcher(checked_names(names))
        # Loaded here, not when a number is first met: scanning needs the privacy extra
        # whatever the texts hold, so a missing extra shows on the first scan.
        load_phonenumbers()

    def candidates(self, text: str) -> Iterator[Finding]:
        """Yield what every recogniser proposes, overlaps and all."""
        # The order does not matter: resolve_overlaps ranks what they propose.
        if _DIGIT.search(text) is not None:
            for may_hold, recognise in _NUMBERED:
                if may_hold(text):
                    yield from recognise(text)
        if may_hold_email(text):
            yield from find_emails(text)
        yield from self.names.find(text)

    def scan(self, text: str) -> list[Finding]:
        """Return the findings in ``text``, in order, none overlapping another."""
        proposed = list(self.candidates(text)) if text else []
        # Most texts give nothing: no ranking to pay for.
        return resolve_overlaps(proposed) if proposed else []


def scan(text: str, *, names: Iterable[str] = ()) -> list[Finding]:
    """Find what identifies a person in a text.

    Finds Swedish personal identity and coordination numbers (check digit
    validated), e-mail addresses, telephone numbers (Swedish, and any
    country's in international form), Swedish street addresses and postcodes,
    dates said to be dates of birth, and the ``names`` given. What each
    recogniser finds, and what it does not, is described in
    ``docs/privacy.md``.

    Parameters
    ----------
    text
        The text to scan.
    names
        Names of people to find, as whole words in any letter case, also in
        the possessive (``Annas``, ``Anna's``). Each is found as written:
        list a first name on its own to find it alone.

    Returns
    -------
    list of Finding
        In order of position; no two overlap.

    Raises
    ------
    MissingDependencyError
        If phonenumbers is not installed (``pip install 'peerlandscape[privacy]'``).
    InvalidOptionError
        If ``names`` is one string rather than a list of names.

    Examples
    --------
    >>> from peerlandscape.privacy import scan
    >>> text = ("Annas personnummer är 850709-2347 och hon nås på anna@example.se "
    ...         "eller 070-174 06 05. Hon bor på Storgatan 12, 223 50 Lund, född 1985-07-09.")
    >>> for finding in scan(text, names=["Anna"]):
    ...     print(finding.kind.value, repr(finding.text))
    name 'Annas'
    personal_identity_number '850709-2347'
    email 'anna@example.se'
    phone '070-174 06 05'
    address 'Storgatan 12'
    postcode '223 50 Lund'
    date_of_birth '1985-07-09'
    >>> scan("Peer support worker 5 ordered item 850709-2346 in 2019.")
    []
    """
    return Scanner(names).scan(text)
