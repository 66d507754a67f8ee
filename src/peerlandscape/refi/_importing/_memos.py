"""The notes of a project as the study's memos, attached to what they are about."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from peerlandscape.models import Kind, format_ref
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._text import name_or_none
from peerlandscape.refi._ir import Note
from peerlandscape.refi._report import counted

__all__ = ["read_memos"]


def read_memos(
    notes: tuple[Note, ...],
    targets: Mapping[str, tuple[Kind, str]],
    coders: Mapping[str, Any],
    report: ReportBuilder,
    *,
    study_id: str,
) -> list[dict[str, Any]]:
    """Return the notes as memo records (ids are the notes' GUIDs until ids are made readable).

    Parameters
    ----------
    notes
        The project's notes, each with the GUIDs of the objects referring to it.
    targets
        The kind and id of each imported object, by GUID.
    coders
        The coders, by GUID (a note's author is its creating user).
    report
        Where references the study cannot hold are reported.
    study_id
        The study's id, for a note the project itself refers to beside other objects.
    """
    memos: list[dict[str, Any]] = []
    seen: set[str] = set()
    for note in notes:
        if note.guid in seen:
            report.duplicate_guid("Note", note.guid, "note", note.name)
            continue
        seen.add(note.guid)
        about: list[str] = []
        if note.on_project and note.referenced_by:
            # About the project and more: say so, since an empty list alone means the study.
            about.append(format_ref(Kind.STUDY, study_id))
        lost = 0
        for guid in note.referenced_by:
            target = targets.get(guid)
            if target is None:
                lost += 1
                continue
            ref = format_ref(*target)
            if ref not in about:
                about.append(ref)
        if lost:
            report.add(
                "memo_reference_lost",
                f"Note:{note.guid}",
                lost,
                f"{counted(lost, 'references')} of note {note.name!r} name objects the study "
                "does not hold (codings, links, or objects not imported); the memo is kept "
                "without them",
            )
        record: dict[str, Any] = {
            "id": note.guid,
            "text": note.text if note.text is not None else "",
            "label": name_or_none(note.name),
            "about": about,
        }
        if note.creating_user is not None and note.creating_user in coders:
            record["author"] = note.creating_user
        if note.creation_datetime is not None:
            try:
                record["when"] = datetime.datetime.fromisoformat(note.creation_datetime.strip())
            except ValueError:
                report.add(
                    "bad_datetime",
                    f"Note:{note.guid}",
                    1,
                    "the note's creationDateTime is not an ISO 8601 date and time; "
                    "imported without its time",
                )
        memos.append(record)
    return memos
