"""What a REFI-QDA export (or import) could not carry, as a report of located entries.

REFI-QDA asks every program to tell the user what an exchange loses (section
7 of the standard, "Data loss"). A report is a list of :class:`ReportEntry`
records, each with a stable ``kind``, the ``location`` of the object as the
study graph names it (``kind:id``), how many things it counts, and a message
for a person. It flattens to a table with ``to_records()``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from attrs import field, frozen
from attrs.validators import ge, instance_of

from peerlandscape._html import bullets, panel, paragraph, section, table
from peerlandscape.privacy._findings import findings_summary

if TYPE_CHECKING:
    from peerlandscape.privacy import StudyFinding

__all__ = ["ExportReport", "ImportReport", "ReportEntry", "counted", "entry_table"]


@frozen
class ReportEntry:
    """One thing an exchange could not carry (or worked around), at one place.

    Parameters
    ----------
    kind
        A stable, lower-case code of what kind of loss it is, such as
        ``"group_demographics"`` or ``"quote_notes"``.
    location
        The object concerned, namespaced as in the study graph
        (``"group:official"``, ``"study:engdahl2025"``).
    count
        How many things the entry stands for (notes, fields, objects), ``>= 0``.
    message
        One sentence for a person, naming what is lost and why.

    Examples
    --------
    >>> entry = ReportEntry("quote_notes", "quote:q-1", 2, "2 notes are not carried")
    >>> entry.to_record()["location"]
    'quote:q-1'
    """

    kind: str = field(validator=instance_of(str))
    location: str = field(validator=instance_of(str))
    count: int = field(validator=[instance_of(int), ge(0)])
    message: str = field(validator=instance_of(str))

    def to_record(self) -> dict[str, str | int]:
        """Return the entry as a dictionary: ``kind``, ``location``, ``count``, ``message``."""
        return {
            "kind": self.kind,
            "location": self.location,
            "count": self.count,
            "message": self.message,
        }


def counted(n: int, plural: str) -> str:
    """Return ``n`` and the noun, singular when ``n`` is 1: ``counted(1, "codes")`` is "1 code".

    Every noun counted in a report has a regular plural ("entries" aside).
    """
    singular = "entry" if plural == "entries" else plural.removesuffix("s")
    return f"{n} {singular if n == 1 else plural}"


def _entries(entries: Iterable[ReportEntry]) -> tuple[ReportEntry, ...]:
    return tuple(entries)


def _frozen_counts(counts: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(counts))


def _findings(findings: Iterable[StudyFinding] | None) -> tuple[StudyFinding, ...] | None:
    return None if findings is None else tuple(findings)


def entry_table(entries: Iterable[ReportEntry]) -> list[str]:
    """Return the entries as aligned text lines: kind, location, count, message."""
    rows = list(entries)
    if not rows:
        return []
    kind_width = max(len(entry.kind) for entry in rows)
    location_width = max(len(entry.location) for entry in rows)
    count_width = max(len(str(entry.count)) for entry in rows)
    return [
        f"{entry.kind:<{kind_width}}  {entry.location:<{location_width}}  "
        f"{entry.count:>{count_width}}  {entry.message}"
        for entry in rows
    ]


@frozen
class _Report:
    """What both reports share: the document kind, located entries, and their views."""

    document: Literal["codebook", "project"]
    entries: tuple[ReportEntry, ...] = field(converter=_entries)

    def counts(self) -> dict[str, int]:
        """Return the total ``count`` of the entries of each kind, in order of first appearance."""
        totals: dict[str, int] = {}
        for entry in self.entries:
            totals[entry.kind] = totals.get(entry.kind, 0) + entry.count
        return totals

    def to_records(self) -> list[dict[str, str | int]]:
        """Return the entries as plain dictionaries for tables and JSON.

        Each has the keys ``kind``, ``location``, ``count`` and ``message``.
        """
        return [entry.to_record() for entry in self.entries]

    def summary(self) -> str:
        """Return one line saying what was done and how much was lost."""
        raise NotImplementedError

    def __str__(self) -> str:
        return "\n".join([self.summary(), *entry_table(self.entries)])

    def _repr_html_(self) -> str:
        # Jupyter's view, a table like the other reports'; every cell is escaped, for messages
        # quote names read from the file.
        if not self.entries:
            return panel(paragraph(self.summary()), self._notes_html())
        return panel(
            table(
                ["kind", "location", "count", "message"],
                [[e.kind, e.location, e.count, e.message] for e in self.entries],
                caption=self.summary(),
                numeric=[2],
            ),
            self._notes_html(),
        )

    def _notes_html(self) -> str:
        return ""


@frozen
class ExportReport(_Report):
    """What writing a study as a REFI-QDA codebook or project wrote, and could not carry.

    Entries follow the order of the study document (study, framework, groups,
    participants, interviews, sources, quotes), so two exports of the same
    study give equal reports.

    Parameters
    ----------
    document
        ``"codebook"`` (a ``.qdc``) or ``"project"`` (a ``.qdpx``).
    entries
        Everything the format could not hold, located.
    written
        How many of each element were written (``codes``, ``cases``,
        ``selections``, ...), in the order they appear in the file.

    Examples
    --------
    >>> report = ExportReport(
    ...     "project",
    ...     [ReportEntry("study_metadata", "study:demo", 1, "design is not carried")],
    ...     written={"codes": 3, "selections": 2},
    ... )
    >>> report.summary()
    'project: wrote 3 codes, 2 selections; not carried: 1 item in 1 entry'
    >>> report.counts()
    {'study_metadata': 1}
    >>> print(report)
    project: wrote 3 codes, 2 selections; not carried: 1 item in 1 entry
    study_metadata  study:demo  1  design is not carried
    """

    written: Mapping[str, int] = field(factory=dict, converter=_frozen_counts, hash=False)

    @property
    def lossless(self) -> bool:
        """``True`` when the export carried everything (there is no entry)."""
        return not self.entries

    def summary(self) -> str:
        """Return one line: what was written, and how much was not carried."""
        wrote = ", ".join(counted(n, name) for name, n in self.written.items())
        lost = sum(entry.count for entry in self.entries)
        return (
            f"{self.document}: wrote {wrote or 'nothing'}; not carried: "
            f"{counted(lost, 'items')} in {counted(len(self.entries), 'entries')}"
        )


@frozen
class ImportReport(_Report):
    """What reading a REFI-QDA project or codebook into a study could not hold.

    REFI-QDA carries more than a study holds (pictures, PDFs, audio, video,
    notes, links, graphs) and real files carry mistakes (selections past the
    end of their text, codings of codes that do not exist). The importer
    leaves those out and lists each here, with the place in the file:
    ``"TextSource:<guid>"``-style locations name one element, element paths
    (``"Project/Sources/PictureSource"``) name every element found there.
    Entries follow the file: reader problems, elements not modelled, then the
    framework, cases, sources and selections.

    Parameters
    ----------
    document
        ``"codebook"`` (a ``.qdc``) or ``"project"`` (a ``.qdpx`` or ``.qde``).
    entries
        Everything not held, or held only after a repair, located.
    imported
        How many of each object the study received (``codes``, ``quotes``, ...),
        in the order of the study's fields.
    findings
        What identifies a person in the study (a name, a personal identity
        number, an e-mail address), located, when the reader was asked to
        scan (``scan_identities=True``); ``None`` when it was not.

    Examples
    --------
    >>> report = ImportReport(
    ...     "project",
    ...     [ReportEntry("picture_source", "Project/Sources/PictureSource", 2,
    ...                  "2 picture sources are not imported: the study holds text only")],
    ...     imported={"codes": 14, "coders": 3},
    ... )
    >>> report.summary()
    'project: imported 14 codes, 3 coders; not held: 2 items in 1 entry'
    >>> report.counts()
    {'picture_source': 2}
    >>> report.complete
    False
    """

    imported: Mapping[str, int] = field(factory=dict, converter=_frozen_counts, hash=False)
    findings: tuple[StudyFinding, ...] | None = field(
        default=None, converter=_findings, kw_only=True
    )

    @property
    def complete(self) -> bool:
        """``True`` when the study holds everything the file had (there is no entry)."""
        return not self.entries

    def summary(self) -> str:
        """Return one line: what was imported, and how much was not held."""
        imported = ", ".join(counted(n, name) for name, n in self.imported.items() if n)
        lost = sum(entry.count for entry in self.entries)
        return (
            f"{self.document}: imported {imported or 'nothing'}; not held: "
            f"{counted(lost, 'items')} in {counted(len(self.entries), 'entries')}"
            f"{findings_summary(self.findings)}"
        )

    def __str__(self) -> str:
        found = [f"identifying: {finding.described}" for finding in self.findings or ()]
        return "\n".join([super().__str__(), *found])

    def _notes_html(self) -> str:
        if not self.findings:
            return ""
        return section("Identifying text", bullets(f.described for f in self.findings))
