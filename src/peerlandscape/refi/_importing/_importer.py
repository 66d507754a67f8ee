"""A parsed project or codebook mapped onto a :class:`~peerlandscape.models.Study`.

The parsing layer (:mod:`peerlandscape.refi._parsing`) gives a frozen picture
of the file; this module maps it onto the study model in one pass, following
the conventions of ``docs/refi.md`` ("How a project becomes a study"), one
part at a time:

* the code tree becomes the framework (:mod:`._framework`);
* users become coders, cases participants in stakeholder groups (:mod:`._people`);
* text sources become sources and interviews (:mod:`._sources`);
* text selections become quotes, and their codings codings (:mod:`._quotes`);
* imported objects get readable ids, their normalised GUIDs kept beside them (:mod:`._ids`).

Everything the study cannot hold is listed in the
:class:`~peerlandscape.refi.ImportReport` (:mod:`._report`).
"""

from __future__ import annotations

from functools import cache
from typing import Any, Final, NamedTuple

from pydantic import TypeAdapter, ValidationError

from peerlandscape._collector import no_cyclic_gc
from peerlandscape._exceptions import StudyValidationError
from peerlandscape.models import Kind, Study
from peerlandscape.models._base import share_fields_sets
from peerlandscape.models._refs import collections_of
from peerlandscape.refi._importing._framework import Framework, follows_conventions
from peerlandscape.refi._importing._ids import ReadableIds, readable_ids
from peerlandscape.refi._importing._mapping import ImportMapping
from peerlandscape.refi._importing._memos import read_memos
from peerlandscape.refi._importing._people import read_coders, read_participants
from peerlandscape.refi._importing._quotes import Progress, map_quotes
from peerlandscape.refi._importing._reference import Reference, resolve_reference
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._sources import (
    has_own_interviews,
    interview_records,
    read_interview_sets,
    read_sources,
)
from peerlandscape.refi._importing._text import as_id, name_or_none, non_blank
from peerlandscape.refi._ir import CodebookDocument, ProjectDocument
from peerlandscape.refi._positions import detect_scheme
from peerlandscape.refi._report import ImportReport, counted

__all__ = [
    "ImportResult",
    "ProjectImporter",
    "codebook_to_study",
    "project_to_study",
]


class ImportResult(NamedTuple):
    """What an import gives: the study and the report of what it could not hold.

    A named tuple, so ``study, report = read_qdpx(path)`` works.
    """

    study: Study
    """The imported study, valid (its integrity checks passed)."""
    report: ImportReport
    """Everything the study does not hold, located in the file."""


def _study_name(name: str | None, fallback: str, mapping: ImportMapping) -> tuple[str, str]:
    title = mapping.title or name_or_none(name) or fallback
    study_id = mapping.study_id or as_id(title) or "refi-project"
    return study_id, title


# The collections an import fills by the ten thousand, validated a slice at a time
# (see _build), and how long a slice is.
_SLICED: Final = ("quotes", "codings")
_SLICE: Final = 4096


@cache
def _adapter(field: str) -> TypeAdapter[list[Any]]:
    # Made on first use: building a validator costs, and importing should not.
    (collection,) = (c for c in collections_of(Study) if c.field == field)
    return TypeAdapter(list[collection.model])  # type: ignore[name-defined]


def _invalid(error: ValidationError, *at: str | int) -> StudyValidationError:
    # The importer builds only what the model allows; reaching this is a bug,
    # reported in the library's own terms all the same.
    problems = error.errors(include_url=False)
    if at:
        field, offset = at
        for problem in problems:
            position, *rest = problem["loc"]
            problem["loc"] = (field, int(position) + int(offset), *rest)
    first = problems[0]
    where = ".".join(str(part) for part in first["loc"])
    return StudyValidationError(f"the imported study is invalid: {where}: {first['msg']}", problems)


def _build(fields: dict[str, Any]) -> Study:
    """Validate the study, integrity checks included; ``fields`` is used up.

    The quotes and codings, nearly all of a large project, are validated into
    their models a slice at a time, and each slice's dictionaries are let go
    as soon as its models are made, so that an import never holds every
    record twice (as a dictionary and as a model): that would be its peak
    memory. The study then takes the models as they are, and checks its
    integrity.
    """
    for field in _SLICED:
        records = fields.get(field)
        if not records:
            continue
        adapter = _adapter(field)
        made: list[Any] = []
        shared: dict[frozenset[str], set[str]] = {}
        for start in range(0, len(records), _SLICE):
            part = records[start : start + _SLICE]
            try:
                models = adapter.validate_python(part)
            except ValidationError as error:
                raise _invalid(error, field, start) from None
            records[start : start + _SLICE] = [None] * len(part)
            del part
            share_fields_sets(models, shared)
            made += models
        fields[field] = made
    try:
        return Study.model_validate(fields)
    except ValidationError as error:
        raise _invalid(error) from None


class ProjectImporter:
    """Maps one :class:`ProjectDocument` onto a study document, in one pass.

    ``run()`` gives the result. The importer drops its reference to the
    document before it validates the study, so a caller that keeps none
    (:func:`~peerlandscape.refi.read_qdpx`) lets the document be freed early.
    """

    def __init__(
        self,
        document: ProjectDocument,
        mapping: ImportMapping | None,
        reference: Reference | None,
        progress: Progress | None,
        fallback_title: str,
    ) -> None:
        self.document = document
        self.mapping, self.reference = _resolved(mapping, reference)
        self.progress = progress
        self.fallback_title = fallback_title
        self.report = ReportBuilder()
        self.peerlandscape = follows_conventions(document.origin, document.sets)
        self.own_interviews = has_own_interviews(document.origin, document.sets)
        # GUIDs of the Sets the import gave a meaning to; the others are reported.
        self.used_sets: set[str] = set()

    def run(self) -> ImportResult:
        document = self.document
        mapping = self.mapping
        report = self.report
        used_sets = self.used_sets
        report.problems(document)
        report.unmodelled(document.unmodelled)
        if non_blank(document.description) is not None:
            report.add(
                "project_description",
                "Project",
                1,
                "the project's description is not imported: the study has no field for it",
            )
        self._shared_guids()
        framework = Framework(
            document.codes,
            document.sets,
            mapping,
            self.reference,
            report,
            peerlandscape=self.peerlandscape,
        )
        coders = read_coders(document.users, report)
        sources = read_sources(document, report, used_sets, own_interviews=self.own_interviews)
        interviews = (
            read_interview_sets(document, sources, report, used_sets)
            if self.own_interviews
            else None
        )
        participants = read_participants(
            document, mapping, sources, reference=self.reference, report=report, used_sets=used_sets
        )
        interview_list = interview_records(
            sources, interviews, participants.ids_in_order, mapping.interview_format
        )
        source_records = [source.record for source in sources.values() if not source.container]
        # Ids are GUIDs until they are made readable: what a note may be about is
        # recorded by them first.
        participant_guids = [record["id"] for record in participants.records]
        study_id, title = _study_name(document.name, self.fallback_title, mapping)
        fields: dict[str, Any] = {
            "id": study_id,
            "title": title,
            "groups": participants.groups,
            "participants": participants.records,
            "interviews": interview_list,
            "sources": source_records,
            "coders": list(coders.values()),
            **framework.study_fields(),
        }
        # Everything a quote or coding refers to is named before the quotes are
        # made, so each quote is made with its readable id and each coding with
        # the ids it refers to, and none has to be rewritten.
        ids = ReadableIds()
        ids.name(fields)
        quotes, codings = map_quotes(
            sources,
            framework.index,
            coders,
            participants.speakers,
            ids=ids,
            scheme=mapping.position_scheme or detect_scheme(document.origin),
            report=report,
            progress=self.progress,
        )
        self._unused_sets(framework.used_sets)
        memos = read_memos(
            document.notes,
            self._targets(framework, sources, quotes, participant_guids, coders),
            coders,
            report,
            study_id=study_id,
        )
        ids.name({"memos": memos})
        # Let go of the document before the study is validated: when the
        # caller keeps no reference (read_qdpx), what only it holds (its
        # selections and codings, their dates) is freed before the study's
        # models are made, which lowers the peak memory of an import.
        del self.document, document, sources, interviews
        fields.update(quotes=quotes, codings=codings, memos=memos)
        del quotes, codings
        summary = report.build("project", fields)
        return ImportResult(_build(fields), summary)

    @staticmethod
    def _targets(
        framework: Framework,
        sources: dict[str, Any],
        quotes: list[dict[str, Any]],
        participants: list[str],
        coders: dict[str, Any],
    ) -> dict[str, tuple[Kind, str]]:
        # What a note may be about, by the GUID its NoteRef names: the ids objects
        # had before they were made readable (the memos are named after them),
        # and a quote's readable id (it was made with it).
        targets: dict[str, tuple[Kind, str]] = {
            guid: (Kind(level), element) for guid, (level, element) in framework.index.items()
        }
        targets.update(
            (guid, (Kind.SOURCE, guid)) for guid, source in sources.items() if not source.container
        )
        targets.update((quote["guid"], (Kind.QUOTE, quote["id"])) for quote in quotes)
        targets.update((guid, (Kind.PARTICIPANT, guid)) for guid in participants)
        targets.update((guid, (Kind.CODER, guid)) for guid in coders)
        return targets

    def _shared_guids(self) -> None:
        # Ids are namespaced per kind in the study, so a GUID a vendor reuses for a
        # code and a case imports fine; it is reported because it is not standard.
        document = self.document
        kinds: dict[str, str] = {}
        shared: dict[str, tuple[str, str]] = {}

        def note(guid: str, kind: str) -> None:
            first = kinds.setdefault(guid, kind)
            if first != kind:
                shared.setdefault(guid, (first, kind))

        for code in document.all_codes():
            note(code.guid, "Code")
        for user in document.users:
            note(user.guid, "User")
        for case in document.cases:
            note(case.guid, "Case")
        for source in document.text_sources:
            note(source.guid, "TextSource")
            for selection in source.selections:
                note(selection.guid, "PlainTextSelection")
        for guid, (first, second) in shared.items():
            self.report.add(
                "shared_guid",
                f"{second}:{guid}",
                1,
                f"the GUID of this {second} also names a {first}; both are imported "
                "(ids are per kind in the study)",
            )

    def _unused_sets(self, framework_sets: set[str]) -> None:
        used = self.used_sets | framework_sets
        for member_set in self.document.sets:
            if member_set.guid in used:
                continue
            members = (
                len(member_set.code_guids)
                + len(member_set.source_guids)
                + len(member_set.note_guids)
            )
            self.report.add(
                "unused_set",
                f"Set:{member_set.guid}",
                1,
                f"Set {member_set.name!r} ({counted(members, 'members')}) is not imported: "
                "the mapping gives it no meaning",
            )


def project_to_study(
    document: ProjectDocument,
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    progress: Progress | None = None,
    name: str = "REFI-QDA project",
) -> ImportResult:
    """Map a parsed project onto a study.

    Parameters
    ----------
    document
        A project as :func:`~peerlandscape.refi.read_project` or
        :func:`~peerlandscape.refi.parse_project` give it.
    mapping
        How to read it; the defaults when None.
    reference
        A framework to match codes against (overrides ``mapping.reference``).
    progress
        Called with ``(done, total)`` selections as they are mapped.
    name
        The study's title when the project has no name.

    Returns
    -------
    ImportResult
        The study and the report of what it does not hold.

    Examples
    --------
    >>> from peerlandscape.refi import parse_project
    >>> project = parse_project('''<Project xmlns="urn:QDA-XML:project:1.0" name="Demo">
    ...   <CodeBook><Codes><Code guid="d7aa29da-519b-4946-9b90-253b6db8fd0a" name="Trust"
    ...     isCodable="true"/></Codes></CodeBook>
    ...   <Sources><TextSource guid="9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520" name="Interview 1">
    ...     <PlainTextContent>We trust each other.</PlainTextContent>
    ...     <PlainTextSelection guid="12365523-1035-4afa-9e7b-281fe0bc51c5"
    ...                         startPosition="3" endPosition="8">
    ...       <Coding guid="7c108712-b650-4892-ac0b-fc9a10190c3b">
    ...         <CodeRef targetGUID="D7AA29DA-519B-4946-9B90-253B6DB8FD0A"/></Coding>
    ...     </PlainTextSelection></TextSource></Sources>
    ... </Project>'''.encode())
    >>> study, report = project_to_study(project)
    >>> study.id, study.quotes[0].text, study.codings[0].code, study.codes[0].guid
    ('demo', 'trust', 'trust', 'd7aa29da-519b-4946-9b90-253b6db8fd0a')
    >>> report.counts()  # nothing lost; the one entry says no framework was mapped
    {'no_framework_mapped': 1}
    """
    importer = ProjectImporter(document, mapping, reference, progress, name)
    with no_cyclic_gc():
        return importer.run()


def _resolved(
    mapping: ImportMapping | None, reference: Reference | None
) -> tuple[ImportMapping, Study | None]:
    # The defaults when no mapping is given; a reference given as an argument wins over
    # the mapping's.
    mapping = mapping if mapping is not None else ImportMapping()
    return mapping, resolve_reference(reference if reference is not None else mapping.reference)


def codebook_to_study(
    document: CodebookDocument,
    mapping: ImportMapping | None = None,
    *,
    reference: Reference | None = None,
    name: str = "REFI-QDA codebook",
) -> ImportResult:
    """Map a parsed codebook onto a study that holds only the framework.

    Parameters
    ----------
    document
        A codebook as :func:`~peerlandscape.refi.read_codebook` gives it.
    mapping
        How to read it; the defaults when None.
    reference
        A framework to match codes against (overrides ``mapping.reference``).
    name
        The study's title (a codebook has no name of its own).

    Returns
    -------
    ImportResult
        The study and the report of what it does not hold.

    Examples
    --------
    >>> from peerlandscape.refi import parse_codebook
    >>> book = parse_codebook(b'''<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
    ...   <Code guid="5215cc69-b628-4e02-afb9-9beeaee55808" name="Values" isCodable="false">
    ...     <Code guid="7c108712-b650-4892-ac0b-fc9a10190c3b" name="Liberty" isCodable="true"/>
    ...   </Code></Codes></CodeBook>''')
    >>> study, report = codebook_to_study(book, name="Values")
    >>> [(code.id, code.parent) for code in study.codes], report.counts()
    ([('values', None), ('liberty', 'values')], {'no_framework_mapped': 2})

    Asked to read levels from the tree's shape, a single folder at the top is the
    overarching theme, its children themes:

    >>> auto = ImportMapping(levels="auto")
    >>> study, report = codebook_to_study(book, auto, name="Values")
    >>> study.overarching_theme.label, [theme.label for theme in study.themes]
    ('Values', ['Liberty'])
    """
    mapping, framework_reference = _resolved(mapping, reference)
    report = ReportBuilder()
    report.problems(document)
    report.unmodelled(document.unmodelled)
    framework = Framework(
        document.codes,
        document.sets,
        mapping,
        framework_reference,
        report,
        peerlandscape=follows_conventions(document.origin, document.sets),
    )
    for member_set in document.sets:
        if member_set.guid not in framework.used_sets:
            report.add(
                "unused_set",
                f"Set:{member_set.guid}",
                1,
                f"Set {member_set.name!r} ({counted(len(member_set.code_guids), 'members')}) "
                "is not imported: the mapping gives it no meaning",
            )
    study_id, title = _study_name(None, name, mapping)
    fields = {"id": study_id, "title": title, **framework.study_fields()}
    readable_ids(fields)
    summary = report.build("codebook", fields)
    return ImportResult(_build(fields), summary)
