"""The study as REFI-QDA can carry it: what an export followed by an import gives back.

:func:`refi_projection` states the contract between the writer and the reader
as a function: ``read_qdpx(write_qdpx(study))`` equals ``refi_projection(study)``,
and a study that came out of :func:`~peerlandscape.refi.read_qdpx` is a fixed
point (``refi_projection(study) == study``).

It is computed without files and without the writer. The conventions of
``docs/refi.md`` ("How a study is written") are applied to build, in memory,
the :class:`~peerlandscape.refi.ProjectDocument` a reader would get from the
export, and the importer maps that onto a study. So the projection shares the
reader's mapping, but not the writer's code: comparing it with a real export
read back checks the writer (and the XML in between) against the conventions.

What the projection changes, in short:

* ids become ``stable_guid(kind, id)``, unless they already are GUIDs;
* what REFI-QDA cannot hold is dropped: the study's metadata (its id is
  derived from the title), regions, attributions and notes; group
  definitions beyond their ids, and groups nobody belongs to; participant
  fields, attributes, aliases and notes; interview details (the format is
  re-derived from who took part), and who took part in an interview that
  has no source; sources without text, a source's language and notes; a
  quote's notes; a coder's role;
* everything else as the reader rebuilds it: a quote with no source text (or
  a span that does not cut its text from its source) loses its source and
  span, quotes and codings come in the order of the file, a quote takes its
  source's interview, an unattributed quote in a source only one participant
  took part in is attributed to that participant, an unlabelled quote is
  labelled with its first words, the participants of an interview come in
  the study's order, and characters XML cannot hold become U+FFFD.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from peerlandscape.models import Quote, Source, Study
from peerlandscape.refi._export import (
    CANDIDATE_THEMES_SET,
    GROUP_VARIABLE,
    INTERVIEW_SET_PREFIX,
    OVERARCHING_THEME_SET,
    QUOTE_CONTAINERS_SET,
    SUBTHEMES_SET,
    THEMES_SET,
    selection_name,
)
from peerlandscape.refi._guids import stable_guid
from peerlandscape.refi._import import project_to_study
from peerlandscape.refi._ir import (
    Case,
    Code,
    Coding,
    MemberSet,
    PlainTextSelection,
    ProjectDocument,
    TextSource,
    User,
    Variable,
    VariableValue,
)

__all__ = ["refi_projection"]

_GUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# XML 1.0 cannot hold these characters at all; the writer puts U+FFFD in their place.
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# UTF-8 cannot hold lone surrogates; the writer replaces them in source texts.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_REPLACEMENT: Final = "\ufffd"
_CONTAINER_SEPARATOR: Final = "\n\n"
_LEVEL_SET_NAMES: Final = (
    ("overarching_theme", OVERARCHING_THEME_SET),
    ("theme", THEMES_SET),
    ("subtheme", SUBTHEMES_SET),
    ("candidate_theme", CANDIDATE_THEMES_SET),
)


def _guid(kind: str, object_id: str) -> str:
    # An imported object keeps its GUID; everything else gets a derived one.
    return object_id if _GUID.fullmatch(object_id) else stable_guid(kind, object_id)


def _xml(text: str) -> str:
    return _NOT_XML.sub(_REPLACEMENT, text)


def _utf8(text: str) -> str:
    return _SURROGATE.sub(_REPLACEMENT, text)


@dataclass(slots=True)
class _Branch:
    """A code of the tree while it is being built; children follow in the order added."""

    guid: str
    name: str
    codable: bool
    color: str | None = None
    description: str | None = None
    children: list[_Branch] = field(default_factory=list)

    def freeze(self) -> Code:
        return Code(
            guid=self.guid,
            name=_xml(self.name),
            is_codable=self.codable,
            color=self.color,
            # The writer leaves an empty description out; a reader then has none.
            description=_xml(self.description) if self.description else None,
            children=tuple(child.freeze() for child in self.children),
        )


def _framework(study: Study) -> tuple[tuple[Code, ...], list[MemberSet]]:
    """Return the code tree and the level Sets: overarching > themes > ... > codes."""
    roots: list[_Branch] = []
    top = None
    if (overarching := study.overarching_theme) is not None:
        top = _Branch(
            _guid("overarching_theme", overarching.id),
            overarching.label,
            codable=False,
            description=overarching.description,
        )
        roots.append(top)
    themes = {
        t.id: _Branch(_guid("theme", t.id), t.label, False, t.color, t.description)
        for t in study.themes
    }
    for theme in themes.values():
        (top.children if top is not None else roots).append(theme)
    # Sub-themes are codable: a quote placed directly under one is coded with it.
    subthemes = {
        s.id: _Branch(_guid("subtheme", s.id), s.label, True, s.color, s.description)
        for s in study.subthemes
    }
    for subtheme in study.subthemes:
        themes[subtheme.theme].children.append(subthemes[subtheme.id])
    candidates = {
        c.id: _Branch(_guid("candidate_theme", c.id), c.label, False, None, c.description)
        for c in study.candidate_themes
    }
    for candidate in study.candidate_themes:
        parent = subthemes[candidate.subtheme] if candidate.subtheme is not None else None
        (parent.children if parent is not None else roots).append(candidates[candidate.id])
    codes = {
        c.id: _Branch(_guid("code", c.id), c.label, True, c.color, c.description)
        for c in study.codes
    }
    for code in study.codes:
        if code.parent is not None:
            codes[code.parent].children.append(codes[code.id])
        elif code.candidate_theme is not None:
            candidates[code.candidate_theme].children.append(codes[code.id])
        elif code.subtheme is not None:
            subthemes[code.subtheme].children.append(codes[code.id])
        else:
            roots.append(codes[code.id])
    members = {
        "overarching_theme": [top.guid] if top is not None else [],
        "theme": [branch.guid for branch in themes.values()],
        "subtheme": [branch.guid for branch in subthemes.values()],
        "candidate_theme": [branch.guid for branch in candidates.values()],
    }
    level_sets = [
        MemberSet(guid=stable_guid("set", name), name=name, code_guids=tuple(members[level]))
        for level, name in _LEVEL_SET_NAMES
        if members[level]
    ]
    return tuple(root.freeze() for root in roots), level_sets


def _anchored(quote: Quote, sources: dict[str, Source]) -> bool:
    """Whether the quote is a selection of its own source's text (else it goes to a container)."""
    if quote.source is None or quote.span is None:
        return False
    text = sources[quote.source].text
    span = quote.span
    return text is not None and span.end <= len(text) and text[span.start : span.end] == quote.text


class _Sources:
    """The text sources of the export: the study's sources with text, then the containers."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.codings: dict[str, list[Coding]] = defaultdict(list)
        for coding in study.codings:
            coder = _guid("coder", coding.coder) if coding.coder is not None else None
            self.codings[coding.quote].append(
                Coding(guid="", code_guid=_guid("code", coding.code), creating_user=coder)
            )
        sources = {source.id: source for source in study.sources}
        anchored: dict[str, list[Quote]] = defaultdict(list)
        loose: dict[str | None, list[Quote]] = defaultdict(list)
        for quote in study.quotes:
            if _anchored(quote, sources):
                assert quote.source is not None
                anchored[quote.source].append(quote)
            else:
                loose[quote.interview].append(quote)
        self.text_sources: list[TextSource] = []
        self.containers: list[str] = []
        self.of_interview: dict[str, list[str]] = defaultdict(list)
        for source in study.sources:
            if source.text is None:
                continue
            guid = _guid("source", source.id)
            selections = [
                self._selection(q, q.span.start, q.span.end)
                for q in anchored[source.id]
                if q.span is not None
            ]
            self._add(guid, source.label, source.text, selections)
            if source.interview is not None:
                self.of_interview[source.interview].append(guid)
        labels: dict[str | None, str] = {i.id: i.label for i in study.interviews}
        labels[None] = "Unknown interview"
        for key, label in labels.items():
            quotes = loose.get(key)
            if not quotes:
                continue
            guid = stable_guid("container", *([key] if key is not None else []))
            selections = []
            position = 0
            for quote in quotes:
                end = position + len(quote.text)
                selections.append(self._selection(quote, position, end))
                position = end + len(_CONTAINER_SEPARATOR)
            text = _CONTAINER_SEPARATOR.join(quote.text for quote in quotes)
            self._add(guid, f"{label} (quotes)", text, selections)
            self.containers.append(guid)
            if key is not None:
                self.of_interview[key].append(guid)

    def _selection(self, quote: Quote, start: int, end: int) -> PlainTextSelection:
        placements = [Coding(guid="", code_guid=_guid("subtheme", s)) for s in quote.subthemes]
        return PlainTextSelection(
            guid=_guid("quote", quote.id),
            name=_xml(selection_name(quote)),
            start=start,
            end=end,
            codings=(*self.codings.get(quote.id, ()), *placements),
        )

    def _add(
        self, guid: str, name: str, text: str, selections: Iterable[PlainTextSelection]
    ) -> None:
        self.text_sources.append(
            TextSource(
                guid=guid,
                name=_xml(name),
                plain_text_path=f"internal://{guid}.txt",
                text=_utf8(text),
                selections=tuple(selections),
            )
        )


def _cases(study: Study, sources: _Sources) -> tuple[tuple[Variable, ...], tuple[Case, ...]]:
    """Return the group variable and a case per participant, with its references."""
    if not study.participants:
        return (), ()
    variable = Variable(
        guid=stable_guid("variable", GROUP_VARIABLE), name=GROUP_VARIABLE, type_of_variable="Text"
    )
    said: dict[str, list[str]] = defaultdict(list)
    for quote in study.quotes:
        if quote.participant is not None:
            said[quote.participant].append(_guid("quote", quote.id))
    took_part: dict[str, list[str]] = defaultdict(list)
    for interview in study.interviews:
        for participant in interview.participants or ():
            took_part[participant].extend(sources.of_interview.get(interview.id, ()))
    cases = tuple(
        Case(
            guid=_guid("participant", p.id),
            name=_xml(p.label),
            variable_values=(VariableValue(variable.guid, "Text", p.group),),
            source_guids=tuple(dict.fromkeys(took_part.get(p.id, ()))),
            selection_guids=tuple(said.get(p.id, ())),
        )
        for p in study.participants
    )
    return (variable,), cases


def _project(study: Study) -> ProjectDocument:
    """Return the project a reader gets from the export of ``study``, built in memory."""
    codes, sets = _framework(study)
    sources = _Sources(study)
    variables, cases = _cases(study, sources)
    if sources.containers:
        sets.append(
            MemberSet(
                guid=stable_guid("set", QUOTE_CONTAINERS_SET),
                name=QUOTE_CONTAINERS_SET,
                source_guids=tuple(sources.containers),
            )
        )
    for interview in study.interviews:
        name = INTERVIEW_SET_PREFIX + _guid("interview", interview.id)
        sets.append(
            MemberSet(
                guid=stable_guid("set", name),
                name=name,
                description=_xml(interview.label),
                source_guids=tuple(sources.of_interview.get(interview.id, ())),
            )
        )
    return ProjectDocument(
        name=_xml(study.title),
        origin="peerlandscape",
        namespace="urn:QDA-XML:project:1.0",
        users=tuple(User(guid=_guid("coder", c.id), name=_xml(c.label)) for c in study.coders),
        codes=codes,
        variables=variables,
        cases=cases,
        text_sources=tuple(sources.text_sources),
        sets=tuple(sets),
    )


def refi_projection(study: Study) -> Study:
    """Return the study as a REFI-QDA export followed by an import gives it back.

    Parameters
    ----------
    study
        Any valid study.

    Returns
    -------
    Study
        ``read_qdpx(write_qdpx(study)).study``, computed without files: ids
        replaced by stable GUIDs (unless already GUIDs), what REFI-QDA
        cannot hold dropped, and the rest as the reader rebuilds it (see the
        module's documentation for the list).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> projected = refi_projection(study)
    >>> projected.subthemes[0].id == stable_guid("subtheme", study.subthemes[0].id)
    True
    >>> projected.attributions, projected.groups[0].label
    ((), 'peer_support_worker')
    >>> refi_projection(projected) == projected
    True
    """
    return project_to_study(_project(study)).study
