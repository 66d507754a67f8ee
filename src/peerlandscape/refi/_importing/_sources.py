"""The text sources of a project as the study's sources, and its interviews.

Outside peerlandscape's own files each text source is an interview of its
own, with the source's GUID. A project peerlandscape wrote states its
interviews by Sets (``peerlandscape:interview:<guid>``, the interview's label
as description) and lists the container sources it made for quotes without a
source text (``peerlandscape:quote-containers``): the quotes of a container
come back without a source, and the container is not a source of the study.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from peerlandscape.refi._conventions import (
    INTERVIEW_SET_PREFIX,
    QUOTE_CONTAINERS_SET,
    is_peerlandscape_origin,
    parse_interview_set_description,
)
from peerlandscape.refi._guids import normalize_guid
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._text import name_or_none, non_blank
from peerlandscape.refi._ir import MemberSet, ProjectDocument, TextSource
from peerlandscape.refi._report import counted

__all__ = [
    "Interview",
    "Source",
    "has_own_interviews",
    "interview_records",
    "read_interview_sets",
    "read_sources",
]


@dataclass(slots=True, eq=False)
class Source:
    """A text source with text, while its interview and participants are found."""

    ir: TextSource
    container: bool
    record: dict[str, Any]
    interview: str | None = None
    participants: list[str] = field(default_factory=list)


@dataclass(slots=True, eq=False)
class Interview:
    """An interview while its sources are gathered."""

    id: str
    label: str
    sources: list[str] = field(default_factory=list)
    format: str | None = None
    mode: str | None = None


def has_own_interviews(origin: str | None, sets: tuple[MemberSet, ...]) -> bool:
    """Whether a project states its interviews by peerlandscape's Sets.

    Only a project peerlandscape wrote (or one a tool re-exported with its
    interview and container Sets) does: a codebook's level Sets kept by a tool
    say nothing of interviews, and each text source is then an interview.
    """
    if is_peerlandscape_origin(origin):
        return True
    return any(
        member_set.name.startswith(INTERVIEW_SET_PREFIX) or member_set.name == QUOTE_CONTAINERS_SET
        for member_set in sets
    )


def read_sources(
    document: ProjectDocument,
    report: ReportBuilder,
    used_sets: set[str],
    *,
    own_interviews: bool,
) -> dict[str, Source]:
    """Return the text sources that have text, by GUID; report the others and what is lost."""
    containers: set[str] = set()
    if own_interviews:
        for member_set in document.sets:
            if member_set.name == QUOTE_CONTAINERS_SET:
                used_sets.add(member_set.guid)
                containers.update(member_set.source_guids)
    sources: dict[str, Source] = {}
    for source in document.text_sources:
        guid = source.guid
        location = f"TextSource:{guid}"
        selections = len(source.selections)
        codings = sum(len(selection.codings) for selection in source.selections)
        if guid in sources:
            report.add(
                "duplicate_guid",
                location,
                1 + selections,
                f"text source {source.name!r} repeats the GUID of an earlier source; it "
                f"is not imported, nor are its {counted(selections, 'selections')}",
            )
            continue
        if source.codings:
            report.add(
                "source_coding",
                location,
                len(source.codings),
                f"{counted(len(source.codings), 'codings')} of the whole source "
                f"{source.name!r} not imported: the study codes quotes, not sources",
            )
        if non_blank(source.description) is not None:
            report.add(
                "source_description",
                location,
                1,
                f"the description of source {source.name!r} is not imported",
            )
        if source.text is None:
            # Who applied which code to which selection is data even without the words.
            report.add(
                "source_without_text",
                location,
                1,
                f"text source {source.name!r} has no text (the reader's problem for it "
                "says why); imported without its text",
            )
            if selections:
                report.add(
                    "selection_without_text",
                    location,
                    selections,
                    f"{counted(selections, 'selections')} of source {source.name!r} imported "
                    f"without their words ({counted(codings, 'codings')} kept; positions as "
                    "the file counts them): the source has no text",
                )
        container = guid in containers
        label = name_or_none(source.name) or guid
        # Outside peerlandscape's own files each text source is an interview of
        # its own, with the source's GUID.
        interview = None if own_interviews else guid
        sources[guid] = Source(
            ir=source,
            container=container,
            record={"id": guid, "label": label, "interview": interview, "text": source.text},
            interview=interview,
        )
    return sources


def read_interview_sets(
    document: ProjectDocument,
    sources: dict[str, Source],
    report: ReportBuilder,
    used_sets: set[str],
) -> dict[str, Interview]:
    """Return the interviews peerlandscape's Sets state, and tie their sources to them."""
    interviews: dict[str, Interview] = {}
    for member_set in document.sets:
        if not member_set.name.startswith(INTERVIEW_SET_PREFIX):
            continue
        raw = member_set.name[len(INTERVIEW_SET_PREFIX) :]
        try:
            interview_id = normalize_guid(raw)
        except ValueError:
            continue  # reported among the unused sets
        used_sets.add(member_set.guid)
        if interview_id in interviews:
            report.add(
                "duplicate_guid",
                f"Set:{member_set.guid}",
                1,
                f"a second Set names interview {interview_id}; its sources are added to the first",
            )
        label, interview_format, mode = parse_interview_set_description(member_set.description)
        interview = interviews.setdefault(
            interview_id,
            Interview(interview_id, label or interview_id, format=interview_format, mode=mode),
        )
        for guid in member_set.source_guids:
            source = sources.get(guid)
            if source is not None and source.interview is None:
                source.interview = interview_id
                if not source.container:
                    source.record["interview"] = interview_id
                interview.sources.append(guid)
    return interviews


def interview_records(
    sources: dict[str, Source],
    interviews: dict[str, Interview] | None,
    participants: Sequence[str],
    interview_format: str | None,
) -> list[dict[str, Any]]:
    """Return the study's interviews, with who took part in each.

    Parameters
    ----------
    sources
        The sources, with the participants whose cases refer to them.
    interviews
        The interviews of peerlandscape's Sets, or None: each source is then
        an interview of its own.
    participants
        The ids of the participants, in the study's order.
    interview_format
        The mapping's format for every interview: ``None`` keeps what the
        file states (nothing, outside peerlandscape's Sets), ``"auto"``
        guesses from the number of participants.
    """
    if interviews is None:
        interviews = {}
        for guid, source in sources.items():
            interview = Interview(guid, source.record["label"])
            interview.sources.append(guid)
            interviews[guid] = interview
    order = {guid: position for position, guid in enumerate(participants)}
    records = []
    for interview in interviews.values():
        taking_part = {
            participant
            for guid in interview.sources
            for participant in sources[guid].participants
            if participant in order
        }
        people = sorted(taking_part, key=order.__getitem__)
        chosen = interview_format
        if chosen is None:
            chosen = interview.format
        elif chosen == "auto":
            chosen = "focus_group" if len(people) > 1 else "individual"
        record: dict[str, Any] = {
            "id": interview.id,
            "label": interview.label,
            "format": chosen,
            "participants": people or None,
        }
        if interview.mode is not None:
            record["mode"] = interview.mode
        records.append(record)
    return records
