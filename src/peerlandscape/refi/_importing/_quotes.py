"""The text selections of a project as quotes, and their codings as codings.

A quote's text is cut from its source's text after converting the
selection's positions to code points (:class:`~peerlandscape.refi.PositionConverter`).
Its speaker is the participant whose case refers to the selection, or the
only participant of its source. Every ``<Coding>`` becomes one coding, with
its coder, time and GUID, whatever level of the framework its code is (a
code, candidate theme, sub-theme or theme); only the overarching theme, which
nothing is coded with, is left out and reported. A source without text keeps
its selections as quotes without words, so that their codings are kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Final

from peerlandscape.models import Kind, Span
from peerlandscape.refi._conventions import Level
from peerlandscape.refi._importing._framework import LEVEL_NAMES
from peerlandscape.refi._importing._ids import ReadableIds
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._sources import Source
from peerlandscape.refi._ir import Coding, PlainTextSelection
from peerlandscape.refi._positions import PositionConverter, PositionScheme
from peerlandscape.refi._report import counted

__all__ = ["Progress", "map_quotes"]

# How often, in selections, a long source reports progress.
_PROGRESS_STEP: Final = 4096

Progress = Callable[[int, int], object]
"""A callable told ``(done, total)`` selections as an import proceeds."""


def map_quotes(
    sources: Mapping[str, Source],
    code_index: Mapping[str, tuple[Level, str]],
    coders: Mapping[str, Any],
    speakers: Mapping[str, str],
    *,
    ids: ReadableIds,
    scheme: PositionScheme,
    report: ReportBuilder,
    progress: Progress | None,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the quotes and codings of the selections of every source, in file order.

    Each quote is made with its readable id (its GUID in ``guid``), and each
    quote and coding refers to the readable ids ``ids`` gave everything else.

    Parameters
    ----------
    sources
        The sources with text, by GUID.
    code_index
        The level and study id of each code, by GUID.
    coders
        The coders, by GUID.
    speakers
        The participant who said each selection, by GUID.
    ids
        The readable ids of the objects quotes and codings refer to.
    scheme
        How the file counts positions.
    report
        Where what is left out is reported.
    progress
        Told ``(done, total)`` selections as they are mapped.
    """
    mapper = _QuoteMapper(report, code_index, coders, speakers, scheme=scheme, ids=ids)
    total = sum(len(source.ir.selections) for source in sources.values())
    if progress is not None:
        progress(0, total)
    done = 0
    for source in sources.values():
        done = mapper.source(source, progress, done, total)
    if progress is not None:
        progress(total, total)
    mapper.finish()
    return mapper.quotes, mapper.codings


def _timestamp(text: str) -> datetime.datetime | None:
    """Return an xsd:dateTime as a datetime, or None when it is not one."""
    try:
        return datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def _span(start: int, end: int) -> Span:
    """Return ``Span(start, end)`` for offsets already known to be valid.

    The position converter only returns offsets with ``0 <= start <= end``,
    so the validators of :class:`Span` would check nothing new; they cost a
    tenth of an import of a large project. attrs documents ``object.__setattr__``
    as the way around a frozen class's guard.
    """
    span = object.__new__(Span)
    object.__setattr__(span, "start", start)
    object.__setattr__(span, "end", end)
    return span


class _QuoteMapper:
    """Turns text selections into quotes and their codings into codings.

    This runs once per selection and coding, tens of thousands of times in a
    large project, so it keeps look-ups in locals and reports in counters.
    """

    def __init__(
        self,
        report: ReportBuilder,
        code_index: Mapping[str, tuple[Level, str]],
        coders: Mapping[str, Any],
        speakers: Mapping[str, str],
        *,
        scheme: PositionScheme,
        ids: ReadableIds,
    ) -> None:
        self.report = report
        self.code_index = code_index
        self.speakers = speakers
        self.scheme = scheme
        self.ids = ids
        # What a coding applies, and who, by GUID: with the readable ids.
        self.targets = {
            guid: (level, ids.id_of(Kind(level), element))
            for guid, (level, element) in code_index.items()
        }
        self.coders = {guid: ids.id_of(Kind.CODER, guid) for guid in coders}
        self.participants = ids.renamed(Kind.PARTICIPANT)
        self.quotes: list[dict[str, Any]] = []
        self.codings: list[dict[str, Any]] = []
        self.seen: set[str] = set()
        self.unknown_codes: dict[str, int] = {}
        self.uncodable: dict[str, int] = {}
        self.unknown_users: dict[str, int] = {}
        self.bad_times = 0

    def source(self, source: Source, progress: Progress | None, done: int, total: int) -> int:
        """Map the selections of one source; return how many selections are done."""
        ir = source.ir
        if ir.text is None:
            return self._without_text(source, progress, done, total)
        converter = PositionConverter(ir.text, self.scheme)
        text = converter.text
        span_of = converter.span
        source_id, interview, lone_speaker = self._context(source)
        seen = self.seen
        made: list[dict[str, Any]] = []
        applied: list[tuple[Coding, ...]] = []
        for selection in _reporting(ir.selections, progress, done, total):
            guid = selection.guid
            span = span_of(selection.start, selection.end)
            if guid in seen or span is None or span[0] == span[1]:
                self._rejected(selection, source, converter, span)
                continue
            seen.add(guid)
            start, end = span
            quote = self._record(guid, text[start:end], source_id, interview, lone_speaker)
            if source_id is not None:
                quote["span"] = _span(start, end)
            if selection.name is not None:
                quote["label"] = selection.name
            made.append(quote)
            applied.append(selection.codings)
            if selection.description is not None and selection.description.strip():
                self.report.add(
                    "selection_description",
                    f"PlainTextSelection:{guid}",
                    1,
                    "the selection's description is not imported",
                )
        self._name(made, applied)
        return done + len(ir.selections)

    def _without_text(
        self, source: Source, progress: Progress | None, done: int, total: int
    ) -> int:
        # Selections of a source whose text is missing: their words are unknown, their
        # positions are kept as the file counts them, and their codings are kept.
        ir = source.ir
        source_id, interview, lone_speaker = self._context(source)
        made: list[dict[str, Any]] = []
        applied: list[tuple[Coding, ...]] = []
        for selection in _reporting(ir.selections, progress, done, total):
            guid = selection.guid
            if guid in self.seen:
                self._rejected(selection, source, None, None)
                continue
            self.seen.add(guid)
            quote = self._record(guid, None, source_id, interview, lone_speaker)
            if source_id is not None and 0 <= selection.start <= selection.end:
                # The positions as the file counts them: without the text they cannot be
                # converted, and they are still where the coder cut.
                quote["span"] = _span(selection.start, selection.end)
            # The writer names a selection without words or label with an empty name.
            if selection.name:
                quote["label"] = selection.name
            made.append(quote)
            applied.append(selection.codings)
        self._name(made, applied)
        return done + len(ir.selections)

    def _record(
        self,
        guid: str,
        text: str | None,
        source_id: str | None,
        interview: str | None,
        lone_speaker: str | None,
    ) -> dict[str, Any]:
        # Only the fields that differ from their defaults: each key given costs the
        # validator work, and a list given to a tuple field a Python call.
        quote: dict[str, Any] = {"text": text, "guid": guid}
        speaker = self.speakers.get(guid)
        if speaker is not None:
            quote["participant"] = self.participants.get(speaker, speaker)
        elif lone_speaker is not None:
            quote["participant"] = lone_speaker
        if interview is not None:
            quote["interview"] = interview
        if source_id is not None:
            quote["source"] = source_id
        return quote

    def _name(self, quotes: list[dict[str, Any]], applied: list[tuple[Coding, ...]]) -> None:
        """Give a source's quotes their readable ids (named at once), and record their codings."""
        for quote, quote_id, codings in zip(
            quotes, self.ids.new_ids(Kind.QUOTE, quotes), applied, strict=True
        ):
            quote["id"] = quote_id
            if codings:
                self._codings(quote_id, codings)
        self.quotes += quotes

    def _context(self, source: Source) -> tuple[str | None, str | None, str | None]:
        """Return the readable ids of a source's quotes' source, interview and lone speaker."""
        ids = self.ids
        ir = source.ir
        source_id = None if source.container else ids.id_of(Kind.SOURCE, ir.guid)
        interview = source.interview
        if interview is not None:
            interview = ids.id_of(Kind.INTERVIEW, interview)
        lone = source.participants[0] if len(source.participants) == 1 else None
        if lone is not None:
            lone = ids.id_of(Kind.PARTICIPANT, lone)
        return source_id, interview, lone

    def _codings(self, quote: str, codings: tuple[Coding, ...]) -> None:
        """Record the codings of one quote, one coding per ``<Coding>``."""
        targets = self.targets
        coders = self.coders
        append = self.codings.append
        from_iso = datetime.datetime.fromisoformat
        for coding in codings:
            target = targets.get(coding.code_guid)
            if target is None:
                self.unknown_codes[coding.code_guid] = (
                    self.unknown_codes.get(coding.code_guid, 0) + 1
                )
                continue
            kind, element = target
            if kind == "overarching_theme":
                self.uncodable[coding.code_guid] = self.uncodable.get(coding.code_guid, 0) + 1
                continue
            record: dict[str, Any] = {"quote": quote, kind: element, "guid": coding.guid}
            user = coding.creating_user
            if user is not None:
                coder = coders.get(user)
                if coder is not None:
                    record["coder"] = coder
                else:
                    self.unknown_users[user] = self.unknown_users.get(user, 0) + 1
            stamp = coding.creation_datetime
            if stamp is not None:
                try:  # _timestamp()'s common case, inline: no spaces around the time
                    record["when"] = from_iso(stamp)
                except ValueError:
                    when = _timestamp(stamp)
                    if when is None:
                        self.bad_times += 1
                    else:
                        record["when"] = when
            append(record)

    def _rejected(
        self,
        selection: PlainTextSelection,
        source: Source,
        converter: PositionConverter | None,
        span: tuple[int, int] | None,
    ) -> None:
        location = f"PlainTextSelection:{selection.guid}"
        codings = counted(len(selection.codings), "codings")
        if selection.guid in self.seen:
            self.report.add(
                "duplicate_guid",
                location,
                1,
                "the selection repeats the GUID of an earlier selection; not imported "
                f"with its {codings}",
            )
        elif span is None and converter is not None:
            self.report.add(
                "selection_out_of_range",
                location,
                1,
                f"positions {selection.start}..{selection.end} ({self.scheme.value}) fall "
                f"outside the {converter.length} positions of source "
                f"{source.record['label']!r}; not imported with its {codings}",
            )
        else:
            self.report.add(
                "empty_selection",
                location,
                1,
                f"the selection at {selection.start} is empty; not imported with its {codings}",
            )

    def finish(self) -> None:
        """Report the codings that were left out, one entry per code or user."""
        report = self.report
        for guid, count in self.unknown_codes.items():
            report.add(
                "unknown_code",
                f"Code:{guid}",
                count,
                f"{counted(count, 'codings')} apply a code the codebook does not have; "
                "not imported",
            )
        for guid, count in self.uncodable.items():
            kind, code_id = self.code_index[guid]
            report.add(
                f"coding_of_{kind}",
                f"Code:{guid}",
                count,
                f"{counted(count, 'codings')} apply {LEVEL_NAMES[kind]} ({code_id}), which "
                "quotes cannot be coded with; not imported",
            )
        if self.bad_times:
            report.add(
                "bad_datetime",
                "Coding",
                self.bad_times,
                f"{counted(self.bad_times, 'codings')} give a creationDateTime that is not an "
                "ISO 8601 date and time; imported without their time",
            )
        for guid, count in self.unknown_users.items():
            report.add(
                "unknown_user",
                f"User:{guid}",
                count,
                f"{counted(count, 'codings')} name a user the project does not have; "
                "imported without a coder",
            )


def _reporting(
    selections: Sequence[PlainTextSelection], progress: Progress | None, done: int, total: int
) -> Iterator[PlainTextSelection]:
    """Yield the selections, telling ``progress`` every so many of all ``total``."""
    if progress is None:
        yield from selections
        return
    for count, selection in enumerate(selections, start=done + 1):
        if count % _PROGRESS_STEP == 0:
            progress(count, total)
        yield selection
