"""The plan of a project export: everything decided before the first byte is written.

In one pass over the study: the GUID of every object; which quotes stay
selections of their source's text and which go into a container source of
their interview (and the containers' texts); the ``<Coding>``s of each quote;
and each participant's case with its references.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from attrs import frozen

from peerlandscape.models import Quote, Study
from peerlandscape.refi._conventions import (
    CONTAINER_SEPARATOR,
    UNKNOWN_INTERVIEW_LABEL,
    anchor_problem,
    container_name,
)
from peerlandscape.refi._exporting._framework import build_framework
from peerlandscape.refi._exporting._report import (
    WHY_NOTES,
    interview_losses,
    people_losses,
    source_losses,
    study_losses,
)
from peerlandscape.refi._guids import coding_guid, container_guid, object_guid
from peerlandscape.refi._report import ReportEntry

__all__ = ["PlannedSource", "ProjectPlan", "Selection"]


@frozen
class Selection:
    """A quote as a text selection: its GUID and its positions in the source's text."""

    quote: Quote
    guid: str
    start: int
    end: int


@frozen
class PlannedSource:
    """A ``<TextSource>`` to write: a source with text, or a container."""

    guid: str
    name: str
    location: str
    text: str
    selections: list[Selection]


class ProjectPlan:
    """Everything decided before the first byte is written, in one pass over the study."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.framework = build_framework(study)
        self.coder_guids = {coder.id: object_guid("coder", coder.id) for coder in study.coders}
        self.interview_guids = {i.id: object_guid("interview", i.id) for i in study.interviews}
        self.quote_guids = {quote.id: object_guid("quote", quote.id) for quote in study.quotes}
        quote_entries = self._place_quotes()
        self.text_sources: list[PlannedSource] = []
        self.containers: list[str] = []
        self.interview_sources: dict[str, list[str]] = defaultdict(list)
        self._add_sources()
        self._add_containers()
        self.codings = self._codings()
        self.entries = [
            *study_losses(study, "project"),
            *people_losses(study),
            *interview_losses(study, set(self.interview_sources)),
            *source_losses(study),
            *quote_entries,
        ]

    def _place_quotes(self) -> list[ReportEntry]:
        """Sort quotes into selections of their source and quotes for a container."""
        study = self.study
        sources = {source.id: source for source in study.sources}
        self.anchored: dict[str, list[Selection]] = {
            s.id: [] for s in study.sources if s.text is not None
        }
        self.loose: dict[str | None, list[Quote]] = defaultdict(list)
        entries: list[ReportEntry] = []
        for quote in study.quotes:
            where = f"quote:{quote.id}"
            source = sources[quote.source] if quote.source is not None else None
            problem = anchor_problem(quote, source)
            if source is not None and problem is None and quote.span is not None:
                guid = self.quote_guids[quote.id]
                span = quote.span
                self.anchored[source.id].append(Selection(quote, guid, span.start, span.end))
                if quote.interview != source.interview:
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
            else:
                self.loose[quote.interview].append(quote)
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
            if quote.notes:
                entries.append(ReportEntry("quote_notes", where, len(quote.notes), WHY_NOTES))
        return entries

    def _add_sources(self) -> None:
        # Sources with text, in study order; a source without text is not written.
        for source in self.study.sources:
            if source.text is None:
                continue
            guid = object_guid("source", source.id)
            where = f"source:{source.id}"
            selections = self.anchored[source.id]
            self.text_sources.append(
                PlannedSource(guid, source.label, where, source.text, selections)
            )
            if source.interview is not None:
                self.interview_sources[source.interview].append(guid)

    def _add_containers(self) -> None:
        # One container per interview with loose quotes, in study order, then one for the
        # loose quotes of no known interview.
        labels: dict[str | None, str] = {i.id: i.label for i in self.study.interviews}
        labels[None] = UNKNOWN_INTERVIEW_LABEL
        for key, label in labels.items():
            quotes = self.loose.get(key)
            if not quotes:
                continue
            guid = container_guid(key)
            selections = []
            position = 0
            for quote in quotes:
                end = position + len(quote.text)
                selections.append(Selection(quote, self.quote_guids[quote.id], position, end))
                position = end + len(CONTAINER_SEPARATOR)
            text = CONTAINER_SEPARATOR.join(quote.text for quote in quotes)
            where = f"interview:{key}" if key is not None else f"study:{self.study.id}"
            self.text_sources.append(
                PlannedSource(guid, container_name(label), where, text, selections)
            )
            self.containers.append(guid)
            if key is not None:
                self.interview_sources[key].append(guid)

    def _codings(self) -> dict[str, list[tuple[str, str, str]]]:
        """Group the codings by quote: each its GUID, code GUID and creatingUser markup."""
        code_guids = self.framework.code_guids
        users = {coder_id: f' creatingUser="{guid}"' for coder_id, guid in self.coder_guids.items()}
        codings: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        # A repeated (quote, code, coder) gets an ordinal, so that GUIDs stay unique.
        seen: Counter[tuple[str, str, str]] = Counter()
        for coding in self.study.codings:
            key = (coding.quote, coding.code, coding.coder or "")
            ordinal = seen[key]
            seen[key] = ordinal + 1
            guid = coding_guid(*key, ordinal)
            user = users[coding.coder] if coding.coder is not None else ""
            codings[coding.quote].append((guid, code_guids[coding.code], user))
        return codings

    def cases(self) -> Iterator[tuple[str, str, str, str, list[str], list[str]]]:
        """Yield each participant's case: GUID, name, location, group, sources, selections."""
        study = self.study
        said: dict[str, list[str]] = defaultdict(list)
        for quote in study.quotes:
            if quote.participant is not None:
                said[quote.participant].append(self.quote_guids[quote.id])
        took_part: dict[str, list[str]] = defaultdict(list)
        for interview in study.interviews:
            for participant_id in interview.participants or ():
                took_part[participant_id].extend(self.interview_sources.get(interview.id, ()))
        for participant in study.participants:
            sources = list(dict.fromkeys(took_part.get(participant.id, ())))
            yield (
                object_guid("participant", participant.id),
                participant.label,
                f"participant:{participant.id}",
                participant.group,
                sources,
                said.get(participant.id, []),
            )
