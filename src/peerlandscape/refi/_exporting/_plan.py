"""A study mapped onto a REFI-QDA project document: the one mapping of a study to REFI-QDA.

:func:`plan_project` decides everything before the first byte is written and
states it as the :class:`~peerlandscape.refi._ir.ProjectDocument` a reader gets
back from the file: the GUID of every object, which quotes stay selections of
their source's text and which go into a container source of their interview,
the ``<Coding>`` of every coding, each participant's case, the Sets, and the
memos as notes with what refers to them. :func:`~peerlandscape.refi.write_qdpx`
serialises that document (:mod:`._serialise`), and
:func:`~peerlandscape.refi.refi_projection` imports it without a file, so the
writer and the projection cannot drift apart. What the document cannot hold is
listed, located, for the :class:`~peerlandscape.refi.ExportReport`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Final

from attrs import frozen

from peerlandscape.models import Kind, Memo, Quote, Study, format_ref
from peerlandscape.refi._conventions import (
    CONTAINER_SEPARATOR,
    GROUP_VARIABLE,
    INTERVIEW_SET_PREFIX,
    PROJECT_NAMESPACE,
    QUOTE_CONTAINERS_SET,
    UNKNOWN_INTERVIEW_LABEL,
    anchor_problem,
    container_name,
    interview_set_description,
    origin,
    plain_text_path,
    selection_name,
    xsd_datetime,
)
from peerlandscape.refi._exporting._clean import Cleaner
from peerlandscape.refi._exporting._framework import Framework, build_framework, element_guid
from peerlandscape.refi._exporting._report import (
    WHY_NOTES,
    interview_losses,
    memo_losses,
    people_losses,
    source_losses,
    study_losses,
)
from peerlandscape.refi._guids import coding_guid, container_guid, set_guid, variable_guid
from peerlandscape.refi._ir import (
    Case,
    Coding,
    MemberSet,
    Note,
    PlainTextSelection,
    ProjectDocument,
    TextSource,
    User,
    Variable,
    VariableValue,
)
from peerlandscape.refi._report import ReportEntry, counted

__all__ = ["CONTAINERS_DESCRIPTION", "VARIABLE_DESCRIPTION", "ProjectPlan", "plan_project"]

VARIABLE_DESCRIPTION: Final = "The id of the participant's stakeholder group (peerlandscape)."
"""The description of the ``Stakeholder group`` variable."""
CONTAINERS_DESCRIPTION: Final = (
    "Sources made by peerlandscape to hold quotes that had no source text, "
    "joined by blank lines (peerlandscape)."
)
"""The description of the Set listing the container sources."""

# The kinds of object whose element can hold a NoteRef (besides the project itself).
_FRAMEWORK_KINDS: Final = ("overarching_theme", "theme", "subtheme", "candidate_theme", "code")


@frozen
class ProjectPlan:
    """A study as a REFI-QDA project: the document, and what it could not hold."""

    document: ProjectDocument
    """The project a reader gets back from the file, text cleaned as the file holds it."""
    entries: list[ReportEntry]
    """What the document cannot hold, located, in the order of the study document."""
    replaced: Counter[str]
    """Characters written as U+FFFD, per location."""
    locations: dict[str, str]
    """Each text source's GUID -> its location (``source:s1``, ``interview:fg-1``)."""
    written: dict[str, int]
    """How many of each element the document holds, in the order of the file."""


def plan_project(study: Study) -> ProjectPlan:
    """Return the study mapped onto a REFI-QDA project, and what the project cannot hold."""
    return _Planner(study).plan()


class _Planner:
    def __init__(self, study: Study) -> None:
        self.study = study
        self.clean = Cleaner()
        self.framework: Framework = build_framework(study, self.clean)
        self.coder_guids = {c.id: element_guid("coder", c) for c in study.coders}
        self.quote_guids = {q.id: element_guid("quote", q) for q in study.quotes}
        self.entries: list[ReportEntry] = []
        self.locations: dict[str, str] = {}
        # Filled as the sources are planned: the selection of each quote written.
        self.written_quotes: set[str] = set()
        self.source_guids: dict[str, str] = {}

    def plan(self) -> ProjectPlan:
        study = self.study
        codings = self._codings()
        quote_entries, anchored, loose, cuts = self._place_quotes()
        text_sources, containers, of_interview = self._sources(codings, anchored, loose, cuts)
        variables, cases = self._cases(of_interview)
        sets = [*self.framework.level_sets]
        if containers:
            sets.append(
                MemberSet(
                    guid=set_guid(QUOTE_CONTAINERS_SET),
                    name=QUOTE_CONTAINERS_SET,
                    description=CONTAINERS_DESCRIPTION,
                    source_guids=tuple(containers),
                )
            )
        for interview in study.interviews:
            # Written even when the interview has no source: its description keeps it.
            name = INTERVIEW_SET_PREFIX + element_guid("interview", interview)
            where = format_ref(Kind.INTERVIEW, interview.id)
            description = interview_set_description(
                interview.label, interview.format, interview.mode
            )
            sets.append(
                MemberSet(
                    guid=set_guid(name),
                    name=name,
                    description=self.clean.name(description, where),
                    source_guids=tuple(of_interview.get(interview.id, ())),
                )
            )
        notes, memo_entries = self._notes(text_sources)
        uncoded = [
            ReportEntry(
                "quote_not_written",
                format_ref(Kind.QUOTE, quote_id),
                1 + count,
                f"not written, with its {counted(count, 'codings')}: its words are not "
                "available and it has no span in a source with text, so it cannot be a "
                "selection",
            )
            for quote_id, count in self.unwritten.items()
        ]
        self.entries = [
            *study_losses(study, "project"),
            *people_losses(study),
            *interview_losses(study, set(of_interview)),
            *source_losses(study),
            *quote_entries,
            *uncoded,
            *memo_entries,
        ]
        document = ProjectDocument(
            name=self.clean.name(study.title, format_ref(Kind.STUDY, study.id)),
            origin=origin(),
            namespace=PROJECT_NAMESPACE,
            users=tuple(
                User(
                    guid=self.coder_guids[c.id],
                    name=self.clean.name(c.label, format_ref(Kind.CODER, c.id)),
                )
                for c in study.coders
            ),
            codes=self.framework.codes,
            variables=variables,
            cases=cases,
            text_sources=tuple(text_sources),
            notes=notes,
            sets=tuple(sets),
        )
        selections = sum(len(source.selections) for source in text_sources)
        written = {
            "users": len(study.coders),
            "codes": self.framework.size,
            "variables": len(variables),
            "cases": len(cases),
            "sources": len(text_sources) - len(containers),
            "containers": len(containers),
            "selections": selections,
            "codings": sum(len(s.codings) for t in text_sources for s in t.selections),
            "notes": len(notes),
            "sets": len(sets),
        }
        return ProjectPlan(document, self.entries, self.clean.replaced, self.locations, written)

    def _codings(self) -> dict[str, list[Coding]]:
        """Group the codings by quote, each as the ``<Coding>`` it is written as."""
        guids = self.framework.guids
        codings: dict[str, list[Coding]] = defaultdict(list)
        # A repeated (element, quote, coder) gets an ordinal, so that derived GUIDs differ.
        seen: Counter[tuple[str, str, str, str | None]] = Counter()
        for coding in self.study.codings:
            kind, target = coding.target
            guid = coding.guid
            if guid is None:
                key = (kind, coding.quote, target, coding.coder)
                repeat = seen[key]
                seen[key] = repeat + 1
                guid = coding_guid(coding.quote, target, coding.coder, repeat, kind=kind)
            codings[coding.quote].append(
                Coding(
                    guid=guid,
                    code_guid=guids[kind, target],
                    creating_user=(
                        self.coder_guids[coding.coder] if coding.coder is not None else None
                    ),
                    creation_datetime=(
                        xsd_datetime(coding.when) if coding.when is not None else None
                    ),
                )
            )
        self.codings_of = codings
        return codings

    def _place_quotes(
        self,
    ) -> tuple[
        list[ReportEntry], dict[str, list[Quote]], dict[str | None, list[Quote]], dict[str, str]
    ]:
        """Sort quotes into selections of their source, quotes for a container, and neither."""
        study = self.study
        sources = {source.id: source for source in study.sources}
        anchored: dict[str, list[Quote]] = defaultdict(list)
        loose: dict[str | None, list[Quote]] = defaultdict(list)
        cuts: dict[str, str] = {}  # quote id -> the words its span cuts, for a quote without text
        self.unwritten: dict[str, int] = {}
        entries: list[ReportEntry] = []
        for quote in study.quotes:
            where = format_ref(Kind.QUOTE, quote.id)
            source = sources[quote.source] if quote.source is not None else None
            span = quote.span
            in_source = False
            if quote.text is None:
                # Without words, a quote is its place in its source: written as a selection
                # there, also in a source whose text is missing (the coding is still data).
                if (
                    source is not None
                    and span is not None
                    and (source.text is None or span.end <= len(source.text))
                ):
                    anchored[source.id].append(quote)
                    if source.text is not None:
                        cuts[quote.id] = span.slice(source.text)
                    in_source = True
                else:
                    self.unwritten[quote.id] = len(self.codings_of.get(quote.id, ()))
                    continue
            else:
                problem = anchor_problem(quote, source)
                if source is not None and problem is None:
                    anchored[source.id].append(quote)
                    in_source = True
                else:
                    loose[quote.interview].append(quote)
                    if problem is not None:
                        entries.append(
                            ReportEntry(
                                "quote_unanchored",
                                where,
                                1,
                                f"its source and span are not carried: {problem}; the quote is "
                                "written into the container source of its interview",
                            )
                        )
            if in_source and source is not None and quote.interview != source.interview:
                entries.append(
                    ReportEntry(
                        "quote_interview",
                        where,
                        1,
                        f"interview {quote.interview!r} is not carried: the quote lies in "
                        f"source {source.id!r}, whose interview ({source.interview!r}) a "
                        "reader takes",
                    )
                )
            if quote.notes:
                entries.append(ReportEntry("quote_notes", where, len(quote.notes), WHY_NOTES))
        return entries, anchored, loose, cuts

    def _selection(self, quote: Quote, start: int, end: int, cut: str | None) -> PlainTextSelection:
        self.written_quotes.add(quote.id)
        return PlainTextSelection(
            guid=self.quote_guids[quote.id],
            name=self.clean.name(selection_name(quote, cut), format_ref(Kind.QUOTE, quote.id)),
            start=start,
            end=end,
            codings=tuple(self.codings_of.get(quote.id, ())),
        )

    def _text_source(
        self,
        guid: str,
        name: str,
        where: str,
        text: str | None,
        selections: list[PlainTextSelection],
    ) -> TextSource:
        self.locations[guid] = where
        return TextSource(
            guid=guid,
            name=self.clean.name(name, where),
            plain_text_path=None if text is None else plain_text_path(guid),
            text=None if text is None else self.clean.source_text(text, where),
            selections=tuple(selections),
        )

    def _sources(
        self,
        codings: dict[str, list[Coding]],
        anchored: dict[str, list[Quote]],
        loose: dict[str | None, list[Quote]],
        cuts: dict[str, str],
    ) -> tuple[list[TextSource], list[str], dict[str, list[str]]]:
        """Return the text sources (sources with text, then containers) and who holds what."""
        study = self.study
        text_sources: list[TextSource] = []
        containers: list[str] = []
        of_interview: dict[str, list[str]] = defaultdict(list)
        # Sources in study order; one whose text is missing is written without it, so that
        # its selections (and their codings) are kept.
        for source in study.sources:
            guid = element_guid("source", source)
            self.source_guids[source.id] = guid
            selections = [
                self._selection(q, q.span.start, q.span.end, cuts.get(q.id))
                for q in anchored.get(source.id, ())
                if q.span is not None
            ]
            where = format_ref(Kind.SOURCE, source.id)
            text_sources.append(
                self._text_source(guid, source.label, where, source.text, selections)
            )
            if source.interview is not None:
                of_interview[source.interview].append(guid)
        # One container per interview with loose quotes, in study order, then one for the
        # loose quotes of no known interview.
        labels: dict[str | None, str] = {i.id: i.label for i in study.interviews}
        labels[None] = UNKNOWN_INTERVIEW_LABEL
        for key, label in labels.items():
            quotes = loose.get(key)
            if not quotes:
                continue
            guid = container_guid(key)
            selections = []
            texts = []
            position = 0
            for quote in quotes:
                assert quote.text is not None  # a quote without words is never loose
                end = position + len(quote.text)
                selections.append(self._selection(quote, position, end, None))
                texts.append(quote.text)
                position = end + len(CONTAINER_SEPARATOR)
            where = (
                format_ref(Kind.INTERVIEW, key)
                if key is not None
                else format_ref(Kind.STUDY, study.id)
            )
            text = CONTAINER_SEPARATOR.join(texts)
            text_sources.append(
                self._text_source(guid, container_name(label), where, text, selections)
            )
            containers.append(guid)
            if key is not None:
                of_interview[key].append(guid)
        return text_sources, containers, of_interview

    def _cases(
        self, of_interview: dict[str, list[str]]
    ) -> tuple[tuple[Variable, ...], tuple[Case, ...]]:
        """Return the group variable and a case per participant, with its references."""
        study = self.study
        if not study.participants:
            return (), ()
        variable = Variable(
            guid=variable_guid(GROUP_VARIABLE),
            name=GROUP_VARIABLE,
            type_of_variable="Text",
            description=VARIABLE_DESCRIPTION,
        )
        said: dict[str, list[str]] = defaultdict(list)
        for quote in study.quotes:
            if quote.participant is not None and quote.id in self.written_quotes:
                said[quote.participant].append(self.quote_guids[quote.id])
        took_part: dict[str, list[str]] = defaultdict(list)
        for interview in study.interviews:
            for participant_id in interview.participants or ():
                took_part[participant_id].extend(of_interview.get(interview.id, ()))
        cases = []
        for participant in study.participants:
            where = format_ref(Kind.PARTICIPANT, participant.id)
            group = self.clean.name(participant.group, where)
            cases.append(
                Case(
                    guid=element_guid("participant", participant),
                    name=self.clean.name(participant.label, where),
                    # The schema's order: VariableValue, then SourceRef, then SelectionRef.
                    variable_values=(VariableValue(variable.guid, "Text", group),),
                    source_guids=tuple(dict.fromkeys(took_part.get(participant.id, ()))),
                    selection_guids=tuple(said.get(participant.id, ())),
                )
            )
        return (variable,), tuple(cases)

    def _holder(self, reference: str) -> str | None:
        """Return the GUID of the element that holds a NoteRef for ``kind:id``, or None."""
        kind, _, object_id = reference.partition(":")
        if kind in _FRAMEWORK_KINDS:
            return self.framework.guids.get((kind, object_id))
        if kind == "source":
            return self.source_guids.get(object_id)
        if kind == "quote" and object_id in self.written_quotes:
            return self.quote_guids[object_id]
        return None

    def _notes(self, text_sources: list[TextSource]) -> tuple[tuple[Note, ...], list[ReportEntry]]:
        """Return each memo as a note with the elements that refer to it, and what cannot."""
        # A reader lists a note's holders in the order of the file: codes, then each source's
        # selections and the source itself.
        order: dict[str, int] = {}
        for code in self.framework.codes:
            for node in code.walk():
                order.setdefault(node.guid, len(order))
        for source in text_sources:
            for selection in source.selections:
                order.setdefault(selection.guid, len(order))
            order.setdefault(source.guid, len(order))
        notes = []
        entries: list[ReportEntry] = []
        for memo in self.study.memos:
            holders: list[str] = []
            on_project = not memo.about
            unheld: list[str] = []
            for reference in dict.fromkeys(memo.about):
                if reference.startswith("study:"):
                    on_project = True
                elif (holder := self._holder(reference)) is not None:
                    holders.append(holder)
                else:
                    unheld.append(reference)
            entries.extend(memo_losses(memo, unheld))
            notes.append(self._note(memo, sorted(set(holders), key=order.__getitem__), on_project))
        return tuple(notes), entries

    def _note(self, memo: Memo, holders: list[str], on_project: bool) -> Note:
        where = format_ref(Kind.MEMO, memo.id)
        return Note(
            guid=element_guid("memo", memo),
            name=self.clean.name(memo.label, where) if memo.label is not None else None,
            text=self.clean.name(memo.text, where),
            creating_user=self.coder_guids[memo.author] if memo.author is not None else None,
            creation_datetime=xsd_datetime(memo.when) if memo.when is not None else None,
            referenced_by=tuple(holders),
            on_project=on_project,
        )
