"""Building the :class:`~peerlandscape.refi.ExportReport`: what REFI-QDA cannot carry, located.

Entries follow the order of the study document (study, framework, groups,
participants, interviews, sources, quotes), each at the object as the study
graph names it (``kind:id``), so two exports of the same study give equal
reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import Final, Literal

from peerlandscape.models import Kind, Memo, Study, format_ref
from peerlandscape.refi._conventions import GROUP_VARIABLE
from peerlandscape.refi._report import ReportEntry, counted

__all__ = [
    "WHY_NOTES",
    "codebook_losses",
    "interview_losses",
    "memo_losses",
    "people_losses",
    "replaced_entries",
    "source_losses",
    "study_losses",
]

_WHY_STUDY: Final = "REFI-QDA has no place for a study's metadata"
_DESIGN_FIELDS: Final = (
    "approach",
    "analysis_method",
    "analysis_reference",
    "analysis_orientation",
    "epistemology",
    "sampling",
    "sample_size_rationale",
    "member_checking",
    "reporting_guideline",
    "ethics_approval",
    "funding",
    "program",
)
_DEMOGRAPHIC_FIELDS: Final = (
    "sex",
    "age",
    "education",
    "years_in_role",
    "years_in_role_measure",
    "employment_context",
)
_PARTICIPANT_FIELDS: Final = ("sex", "age", "years_in_role", "education", "employment_context")
_INTERVIEW_FIELDS: Final = (
    "approximate_duration_minutes",
    "setting",
    "platform",
    "stakeholder_group",
    "facilitators",
    "date",
    "region",
    "notes",
)
WHY_NOTES: Final = "notes not carried: only memos are written as REFI-QDA notes"
"""Why the notes of an object are not in the export."""


def _words(name: str) -> str:
    return name.replace("_", " ")


def _listing(names: Sequence[str]) -> str:
    return ", ".join(_words(name) for name in names)


def _present(model: object, names: Iterable[str]) -> list[str]:
    """Return the names of the fields of ``model`` that are set (not None, not empty)."""
    return [name for name in names if getattr(model, name) not in (None, (), {})]


def study_losses(study: Study, document: Literal["codebook", "project"]) -> list[ReportEntry]:
    """Return what neither document carries of the study: its metadata, attributions."""
    where = format_ref(Kind.STUDY, study.id)
    fields = ["title"] if document == "codebook" else []
    fields += _present(study, ("year", "journal", "doi", "received", "accepted", "published"))
    fields += _present(study, ("aim",))
    entries = [
        ReportEntry("study_metadata", where, 1, f"id {study.id!r} is not carried: {_WHY_STUDY}"),
        *(
            ReportEntry("study_metadata", where, 1, f"{name} is not carried: {_WHY_STUDY}")
            for name in fields
        ),
    ]
    entries.extend(
        ReportEntry(
            "study_metadata",
            where,
            len(getattr(study, name)),
            f"{name} ({len(getattr(study, name))}) are not carried: {_WHY_STUDY}",
        )
        for name in _present(study, ("authors", "notes"))
    )
    if study.design is not None:
        present = _present(study.design, (*_DESIGN_FIELDS, "notes"))
        entries.append(
            ReportEntry(
                "study_metadata",
                where,
                len(present),
                f"design ({_listing(present) or 'no field set'}) is not carried: {_WHY_STUDY}",
            )
        )
    if study.data_collection is not None:
        period = study.data_collection
        entries.append(
            ReportEntry(
                "study_metadata",
                where,
                1,
                f"data collection ({period.start} to {period.end}) is not carried: {_WHY_STUDY}",
            )
        )
    statements: dict[str, list[str]] = defaultdict(list)
    for attribution in study.attributions:
        statements[attribution.subtheme].append(", ".join(attribution.groups))
    entries.extend(
        ReportEntry(
            "attribution",
            format_ref(Kind.SUBTHEME, subtheme_id),
            len(group_lists),
            f"{counted(len(group_lists), 'statements')} of the groups that voiced it "
            f"({'; '.join(group_lists)}) not carried: REFI-QDA has no place for them",
        )
        for subtheme_id, group_lists in statements.items()
    )
    return entries


def codebook_losses(study: Study) -> list[ReportEntry]:
    """Return the study's data, which a codebook (the framework only) leaves out."""
    counts = (
        ("groups", len(study.groups)),
        ("regions", len(study.regions)),
        ("participants", len(study.participants)),
        ("interviews", len(study.interviews)),
        ("sources", len(study.sources)),
        ("quotes", len(study.quotes)),
        ("coders", len(study.coders)),
        ("codings", len(study.codings)),
        ("memos", len(study.memos)),
    )
    return [
        ReportEntry(
            "not_in_codebook",
            format_ref(Kind.STUDY, study.id),
            count,
            f"{count} {name} not carried: a codebook holds the framework only "
            "(write_qdpx writes a project)",
        )
        for name, count in counts
        if count
    ]


def _group_losses(study: Study) -> Iterator[ReportEntry]:
    grouped = {participant.group for participant in study.participants}
    for group in study.groups:
        where = format_ref(Kind.GROUP, group.id)
        present = _present(group, ("label", "description", "declared_size", "interview_format"))
        present += _present(group, ("notes",))
        yield ReportEntry(
            "group_definition",
            where,
            len(present),
            f"{_listing(present)} not carried: a group is written only as its id, the "
            f"{GROUP_VARIABLE!r} value of its participants' cases",
        )
        if group.demographics is not None:
            reported = _present(group.demographics, (*_DEMOGRAPHIC_FIELDS, "notes"))
            yield ReportEntry(
                "group_demographics",
                where,
                len(reported),
                f"demographics ({_listing(reported) or 'no field set'}) not carried: "
                "REFI-QDA holds no aggregate data",
            )
        if group.id not in grouped:
            yield ReportEntry(
                "group_without_participants",
                where,
                1,
                "no participant belongs to the group, so not even its id is written",
            )


def people_losses(study: Study) -> Iterator[ReportEntry]:
    """Yield what users and cases cannot carry of coders, groups, regions and participants."""
    for coder in study.coders:
        if coder.role is not None:
            yield ReportEntry(
                "coder_role",
                format_ref(Kind.CODER, coder.id),
                1,
                "role not carried: a user has a name only",
            )
    yield from _group_losses(study)
    for region in study.regions:
        yield ReportEntry(
            "region",
            format_ref(Kind.REGION, region.id),
            1,
            "region not carried: REFI-QDA has no regions",
        )
    why = f"the only case variable written is {GROUP_VARIABLE!r}"
    for participant in study.participants:
        where = format_ref(Kind.PARTICIPANT, participant.id)
        if fields := _present(participant, _PARTICIPANT_FIELDS):
            yield ReportEntry(
                "participant_fields", where, len(fields), f"{_listing(fields)} not carried: {why}"
            )
        if attributes := participant.attributes:
            names = ", ".join(map(repr, attributes))
            yield ReportEntry(
                "participant_attributes",
                where,
                len(attributes),
                f"attributes ({names}) not carried: {why}",
            )
        if aliases := participant.aliases:
            yield ReportEntry(
                "participant_aliases",
                where,
                len(aliases),
                "aliases not carried: a case has one name",
            )
        if notes := participant.notes:
            yield ReportEntry("participant_notes", where, len(notes), WHY_NOTES)


def interview_losses(study: Study, sourced: Collection[str]) -> Iterator[ReportEntry]:
    """Yield what an interview Set cannot carry; ``sourced``: the interviews with a source."""
    for interview in study.interviews:
        where = format_ref(Kind.INTERVIEW, interview.id)
        if fields := _present(interview, _INTERVIEW_FIELDS):
            yield ReportEntry(
                "interview_fields",
                where,
                len(fields),
                f"{_listing(fields)} not carried: an interview is written as a Set whose "
                "description is its label, format and mode",
            )
        if interview.participants and interview.id not in sourced:
            yield ReportEntry(
                "interview_participation",
                where,
                len(interview.participants),
                f"who took part ({counted(len(interview.participants), 'participants')}) not "
                "carried: the interview has no source for their cases to refer to",
            )


_NO_NOTE_REF: Final = {
    "participant": "a case has no NoteRef in the schema",
    "coder": "a user has no NoteRef",
    "group": "a group is only a case variable's value",
    "interview": "an interview is a Set, which has no NoteRef",
    "region": "REFI-QDA has no regions",
    "memo": "peerlandscape writes no NoteRef on a note",
    "source": "the source has no text and is not written",
    "quote": "the quote is not written",
}


def memo_losses(memo: Memo, unheld: Sequence[str]) -> Iterator[ReportEntry]:
    """Yield what a note cannot carry of what a memo is about (``unheld``: those references)."""
    if unheld:
        reasons = "; ".join(
            f"{reference} ({_NO_NOTE_REF.get(reference.partition(':')[0], 'no NoteRef')})"
            for reference in unheld
        )
        yield ReportEntry(
            "memo_about",
            format_ref(Kind.MEMO, memo.id),
            len(unheld),
            f"what it is about is not carried for {reasons}: the note is written, "
            "with no reference from these",
        )


def source_losses(study: Study) -> Iterator[ReportEntry]:
    """Yield what a text source cannot carry, and the sources not written at all."""
    for source in study.sources:
        where = format_ref(Kind.SOURCE, source.id)
        if source.language is not None:
            yield ReportEntry(
                "source_language",
                where,
                1,
                f"language {source.language!r} not carried: a REFI-QDA source has none",
            )
        if source.notes:
            yield ReportEntry("source_notes", where, len(source.notes), WHY_NOTES)


def replaced_entries(replaced: Counter[str]) -> list[ReportEntry]:
    """Return an entry for each place where characters were written as U+FFFD."""
    return [
        ReportEntry(
            "replaced_characters",
            where,
            count,
            f"{counted(count, 'characters')} that XML or UTF-8 cannot hold written as U+FFFD",
        )
        for where, count in replaced.items()
    ]
