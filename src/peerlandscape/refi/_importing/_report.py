"""Building the :class:`~peerlandscape.refi.ImportReport`: what the study cannot hold, located.

Every part of the import adds entries to one :class:`ReportBuilder` as it
goes, so entries follow the file: reader problems, elements not modelled, then
the framework, cases, sources and selections.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Final, Literal

from peerlandscape.refi._ir import CodebookDocument, ProjectDocument, UnmodelledElement
from peerlandscape.refi._report import ImportReport, ReportEntry

__all__ = ["ReportBuilder"]

# Why each element the reader does not model is left out.
_FAMILY_REASONS: Final[Mapping[str, str]] = {
    "PictureSource": "the study holds text sources only",
    "PDFSource": "the study holds text sources only",
    "AudioSource": "the study holds text sources only",
    "VideoSource": "the study holds text sources only",
    "PictureSelection": "the study holds text selections only",
    "PDFSelection": "the study holds text selections only",
    "AudioSelection": "the study holds text selections only",
    "VideoSelection": "the study holds text selections only",
    "TextDescription": "it belongs to a picture source",
    "Representation": "it belongs to a PDF source",
    "Transcript": "it belongs to a media source",
    "SyncPoint": "it belongs to a media transcript",
    "TranscriptSelection": "it belongs to a media transcript",
    "Note": "the study has no notes of this kind",
    "NoteRef": "the study has no notes of this kind",
    "Link": "the study has no links between objects",
    "Graph": "the study has no graphs",
    "Vertex": "the study has no graphs",
    "Edge": "the study has no graphs",
    "VariableValue": "the study has no source variables",
    "Coding": "it codes a picture, PDF or media selection",
    "PlainTextSelection": "it selects the text of a PDF or media source",
    "TextSource": "it is the text of a picture, PDF or media source",
}

# The study's fields an import counts, and how the report names them.
_IMPORTED_NAMES: Final = (
    ("groups", "groups"),
    ("participants", "participants"),
    ("interviews", "interviews"),
    ("sources", "sources"),
    ("quotes", "quotes"),
    ("coders", "coders"),
    ("codes", "codes"),
    ("codings", "codings"),
    ("candidate_themes", "candidate themes"),
    ("subthemes", "sub-themes"),
    ("themes", "themes"),
    ("memos", "memos"),
)


def _snake(kind: str) -> str:
    # "PDFSelection" -> "pdf_selection", "NoteRef" -> "note_ref".
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()


def _imported(fields: Mapping[str, Any]) -> dict[str, int]:
    counts = {name: len(fields.get(key, ())) for key, name in _IMPORTED_NAMES}
    counts["overarching themes"] = 1 if fields.get("overarching_theme") is not None else 0
    return counts


class ReportBuilder:
    """Collects report entries; aggregated ones are merged by kind and location."""

    def __init__(self) -> None:
        self.entries: list[ReportEntry] = []

    def add(self, kind: str, location: str, count: int, message: str) -> None:
        """Add one entry."""
        self.entries.append(ReportEntry(kind, location, count, message))

    def duplicate_guid(self, element: str, guid: str, noun: str, name: str | None) -> None:
        """Add the entry for one element, say a ``User``, left out for repeating an earlier GUID."""
        self.add(
            "duplicate_guid",
            f"{element}:{guid}",
            1,
            f"{noun} {name!r} repeats the GUID of an earlier {noun}; not imported",
        )

    def problems(self, document: ProjectDocument | CodebookDocument) -> None:
        """Add an entry for each problem the reader worked around."""
        for problem in document.problems:
            element = problem.location.rsplit("/", 1)[-1]
            location = f"{element}:{problem.guid}" if problem.guid else problem.location
            line = f" (line {problem.line})" if problem.line is not None else ""
            self.add(problem.code.value, location, 1, f"{problem.message}{line}")

    def unmodelled(self, items: Iterable[UnmodelledElement]) -> None:
        """Add an entry for each kind of element the reader did not model, at each place."""
        counts: dict[tuple[str, str], int] = {}
        for item in items:
            key = (item.kind, item.location)
            counts[key] = counts.get(key, 0) + 1
        for (kind, location), count in counts.items():
            reason = _FAMILY_REASONS.get(kind, "the study has no place for it")
            self.add(
                _snake(kind),
                location,
                count,
                f"{count} {kind} element{'s' if count != 1 else ''} not imported: {reason}",
            )

    def build(
        self, document: Literal["codebook", "project"], fields: Mapping[str, Any]
    ) -> ImportReport:
        """Return the report of an import that gave a study of these fields."""
        return ImportReport(document, self.entries, imported=_imported(fields))
