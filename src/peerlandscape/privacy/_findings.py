"""What a scan finds: the kinds of identifying text, and one finding in a text or a study."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Any

import attrs

__all__ = ["Finding", "FindingKind", "StudyFinding", "findings_summary", "mask"]


class FindingKind(StrEnum):
    """The kinds of text that identify a person, as :func:`~peerlandscape.privacy.scan` names them.

    Examples
    --------
    >>> FindingKind("email") is FindingKind.EMAIL
    True
    >>> [kind.value for kind in FindingKind][:2]
    ['personal_identity_number', 'coordination_number']
    """

    PERSONAL_IDENTITY_NUMBER = "personal_identity_number"
    """A Swedish personal identity number (personnummer) whose check digit holds."""
    COORDINATION_NUMBER = "coordination_number"
    """A Swedish coordination number (samordningsnummer: day of birth + 60), check digit holds."""
    EMAIL = "email"
    """An e-mail address."""
    PHONE = "phone"
    """A telephone number, Swedish or international, valid in its country's numbering plan."""
    ADDRESS = "address"
    """A Swedish street address: a street name and a house number."""
    POSTCODE = "postcode"
    """A Swedish postcode with its town or its country prefix (``123 45 Lund``, ``SE-123 45``)."""
    DATE_OF_BIRTH = "date_of_birth"
    """A date said to be a date of birth (``född 1985-01-01``, ``born 1 January 1985``)."""
    NAME = "name"
    """A person's name: one the caller listed, or one the study shows to be a name."""


_SHOWN_FROM = 8  # a text this long shows its first four characters and its last two


def mask(kind: FindingKind | str, text: str) -> str:
    """Return ``text`` masked, to show which finding is meant without repeating it.

    A name shows its initials, an e-mail address the first letter of its
    local part and its domain (whose organisation it is), anything else its
    first four characters and last two (one character when shorter than eight).

    Examples
    --------
    >>> mask("personal_identity_number", "850709-2347"), mask("name", "Anna Andersson")
    ('8507…47', 'A… A…')
    >>> mask("email", "anna.berg@example.se"), mask("phone", "112"), mask("name", "")
    ('a…@example.se', '1…', '…')
    """
    kind = FindingKind(kind)
    if kind is FindingKind.NAME:
        return " ".join(f"{word[0]}…" for word in text.split()) or "…"
    if kind is FindingKind.EMAIL and "@" in text:
        local, _, domain = text.rpartition("@")
        return f"{local[:1]}…@{domain}"
    if len(text) >= _SHOWN_FROM:
        return f"{text[:4]}…{text[-2:]}"
    return f"{text[:1]}…"


def _non_negative(_instance: object, attribute: attrs.Attribute[Any], value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{attribute.name} must be an int >= 0, got {value!r}")


@attrs.frozen
class Finding:
    """One piece of identifying text: what kind it is, and where it lies in the text scanned.

    Parameters
    ----------
    kind
        What it is.
    start
        Offset of its first character in the text (code points).
    end
        Offset one past its last character; ``text == scanned[start:end]``.
    text
        The identifying text itself, as written.

    Examples
    --------
    >>> f = Finding(FindingKind.EMAIL, 8, 24, "anna@example.se")
    Traceback (most recent call last):
    ...
    ValueError: Finding text 'anna@example.se' is 15 characters long, but 8..24 spans 16
    >>> f = Finding("email", 8, 23, "anna@example.se")
    >>> f.kind, len(f)
    (<FindingKind.EMAIL: 'email'>, 15)
    """

    kind: FindingKind = attrs.field(converter=FindingKind)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)
    text: str

    def __attrs_post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"Finding text {self.text!r} is {len(self.text)} characters long, "
                f"but {self.start}..{self.end} spans {self.end - self.start}"
            )

    def __len__(self) -> int:
        return self.end - self.start

    @property
    def masked(self) -> str:
        """The text masked (:func:`mask`): safe to print or log, ``8507…47``, ``A… A…``."""
        return mask(self.kind, self.text)


@attrs.frozen(repr=False)
class StudyFinding:
    """A finding in one free text of a study, with where that text sits.

    Its ``repr`` shows the text masked, as reports print it, so that a saved
    notebook or a log holding an import report holds no identifier whole; the
    text itself is its ``text`` attribute.

    Parameters
    ----------
    ref
        The object whose field holds the text, as a namespaced id
        (``"quote:q1"``, made by :func:`peerlandscape.format_ref`); a field of
        the study itself, or of an object without an id (a group attribution),
        is located at ``"study:<id>"``.
    field
        The field, as a dotted path within that object: ``"text"``,
        ``"label"``, ``"notes.0"``, ``"attributes.Personnummer"``,
        ``"facilitators.1.researcher"``, ``"attributions.0.evidence"``.
    kind, start, end, text
        As in :class:`Finding`: what was found, and where in the field's text.

    Examples
    --------
    >>> f = StudyFinding("participant:anna", "label", "name", 0, 14, "Anna Andersson")
    >>> f.kind, f.location
    (<FindingKind.NAME: 'name'>, 'participant:anna label')
    >>> f
    StudyFinding(ref='participant:anna', field='label', kind='name', start=0, end=14, text=<masked 'A… A…'>)
    >>> f.finding
    Finding(kind=<FindingKind.NAME: 'name'>, start=0, end=14, text='Anna Andersson')
    """  # noqa: E501

    ref: str
    field: str
    kind: FindingKind = attrs.field(converter=FindingKind)
    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field(validator=_non_negative)
    text: str

    def __repr__(self) -> str:
        return (
            f"StudyFinding(ref={self.ref!r}, field={self.field!r}, kind={self.kind.value!r}, "
            f"start={self.start}, end={self.end}, text=<masked {self.masked!r}>)"
        )

    @property
    def location(self) -> str:
        """The object and the field, as one string: ``"quote:q1 text"``."""
        return f"{self.ref} {self.field}"

    @property
    def masked(self) -> str:
        """The text masked (:func:`mask`): safe to print or log, ``8507…47``, ``A… A…``."""
        return mask(self.kind, self.text)

    @property
    def described(self) -> str:
        """Where, what kind, and the text masked: ``"coder:c1 label: email a…@example.se"``."""
        return f"{self.location}: {self.kind.value} {self.masked}"

    @property
    def finding(self) -> Finding:
        """The finding alone, without where its text sits."""
        return Finding(self.kind, self.start, self.end, self.text)

    @classmethod
    def at(cls, ref: str, field: str, finding: Finding) -> StudyFinding:
        """Return ``finding`` located in the field ``field`` of the object ``ref``."""
        return cls(ref, field, finding.kind, finding.start, finding.end, finding.text)

    def to_record(self) -> dict[str, str | int]:
        """Return the finding as a plain dictionary, for a table or JSON.

        Examples
        --------
        >>> StudyFinding("coder:c1", "label", "email", 0, 9, "a@b.test").to_record()
        Traceback (most recent call last):
        ...
        ValueError: StudyFinding text 'a@b.test' is 8 characters long, but 0..9 spans 9
        >>> StudyFinding("coder:c1", "label", "email", 0, 8, "a@b.test").to_record()
        {'ref': 'coder:c1', 'field': 'label', 'kind': 'email', 'start': 0, 'end': 8, 'text': 'a@b.test'}
        """  # noqa: E501
        return {
            "ref": self.ref,
            "field": self.field,
            "kind": self.kind.value,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }

    def __attrs_post_init__(self) -> None:
        if self.end - self.start != len(self.text):
            raise ValueError(
                f"StudyFinding text {self.text!r} is {len(self.text)} characters long, "
                f"but {self.start}..{self.end} spans {self.end - self.start}"
            )


def findings_summary(findings: Sequence[StudyFinding] | None) -> str:
    """Return what a reader's scan found, as the end of its report's summary line.

    Examples
    --------
    >>> found = [StudyFinding("coder:c1", "label", "email", 0, 8, "a@b.test")]
    >>> findings_summary(None), findings_summary([]), findings_summary(found * 2)
    ('', '; identifying: none found', '; identifying: 2 texts')
    """
    if findings is None:
        return ""  # not scanned
    if not findings:
        return "; identifying: none found"
    return f"; identifying: {len(findings)} text{'' if len(findings) == 1 else 's'}"
