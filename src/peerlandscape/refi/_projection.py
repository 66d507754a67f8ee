"""The study as REFI-QDA can carry it: what an export followed by an import gives back.

:func:`refi_projection` states the contract between the writer and the reader
as a function: ``read_qdpx(write_qdpx(study))`` equals ``refi_projection(study)``,
and a study that came out of :func:`~peerlandscape.refi.read_qdpx` is a fixed
point (``refi_projection(study) == study``).

It is computed without files and without the writer. The conventions of
``docs/refi.md`` ("How a study is written") are applied to build, in memory,
the :class:`~peerlandscape.refi.ProjectDocument` a reader would get from the
export, and the importer maps that onto a study. So the projection shares the
reader's mapping and the conventions' definitions (names, GUID formulas,
which quote stays in its source: :mod:`peerlandscape.refi._conventions`,
:mod:`peerlandscape.refi._guids`), but not the writer's code: the code tree,
the containers and the cases are assembled here again, so comparing the
projection with a real export read back checks the writer (and the XML in
between) against the conventions.

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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from peerlandscape.models import Quote, Source, Study
from peerlandscape.refi._conventions import (
    CONTAINER_SEPARATOR,
    GROUP_VARIABLE,
    INTERVIEW_SET_PREFIX,
    LEVEL_SETS,
    NOT_XML,
    PROJECT_NAMESPACE,
    QUOTE_CONTAINERS_SET,
    REPLACEMENT,
    SURROGATE,
    UNKNOWN_INTERVIEW_LABEL,
    Level,
    anchor_problem,
    container_name,
    origin,
    plain_text_path,
    selection_name,
)
from peerlandscape.refi._guids import container_guid, object_guid, set_guid, variable_guid
from peerlandscape.refi._importing import project_to_study
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


def _xml(text: str) -> str:
    # The writer puts U+FFFD in place of what XML cannot hold.
    return NOT_XML.sub(REPLACEMENT, text)


def _utf8(text: str) -> str:
    # The writer puts U+FFFD in place of what UTF-8 cannot hold, in source texts.
    return SURROGATE.sub(REPLACEMENT, text)


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
            object_guid("overarching_theme", overarching.id),
            overarching.label,
            codable=False,
            description=overarching.description,
        )
        roots.append(top)
    themes = {
        t.id: _Branch(object_guid("theme", t.id), t.label, False, t.color, t.description)
        for t in study.themes
    }
    for theme in themes.values():
        (top.children if top is not None else roots).append(theme)
    # Sub-themes are codable: a quote placed directly under one is coded with it.
    subthemes = {
        s.id: _Branch(object_guid("subtheme", s.id), s.label, True, s.color, s.description)
        for s in study.subthemes
    }
    for subtheme in study.subthemes:
        themes[subtheme.theme].children.append(subthemes[subtheme.id])
    candidates = {
        c.id: _Branch(object_guid("candidate_theme", c.id), c.label, False, None, c.description)
        for c in study.candidate_themes
    }
    for candidate in study.candidate_themes:
        parent = subthemes[candidate.subtheme] if candidate.subtheme is not None else None
        (parent.children if parent is not None else roots).append(candidates[candidate.id])
    codes = {
        c.id: _Branch(object_guid("code", c.id), c.label, True, c.color, c.description)
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
    members: dict[Level, list[str]] = {
        "overarching_theme": [top.guid] if top is not None else [],
        "theme": [branch.guid for branch in themes.values()],
        "subtheme": [branch.guid for branch in subthemes.values()],
        "candidate_theme": [branch.guid for branch in candidates.values()],
    }
    level_sets = [
        MemberSet(guid=set_guid(name), name=name, code_guids=tuple(members[level]))
        for level, name in LEVEL_SETS.items()
        if members[level]
    ]
    return tuple(root.freeze() for root in roots), level_sets


def _anchored(quote: Quote, sources: dict[str, Source]) -> bool:
    """Whether the quote is a selection of its own source's text (else it goes to a container)."""
    return quote.source is not None and anchor_problem(quote, sources[quote.source]) is None


class _Sources:
    """The text sources of the export: the study's sources with text, then the containers."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.codings: dict[str, list[Coding]] = defaultdict(list)
        for coding in study.codings:
            coder = object_guid("coder", coding.coder) if coding.coder is not None else None
            self.codings[coding.quote].append(
                Coding(guid="", code_guid=object_guid("code", coding.code), creating_user=coder)
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
            guid = object_guid("source", source.id)
            selections = [
                self._selection(q, q.span.start, q.span.end)
                for q in anchored[source.id]
                if q.span is not None
            ]
            self._add(guid, source.label, source.text, selections)
            if source.interview is not None:
                self.of_interview[source.interview].append(guid)
        labels: dict[str | None, str] = {i.id: i.label for i in study.interviews}
        labels[None] = UNKNOWN_INTERVIEW_LABEL
        for key, label in labels.items():
            quotes = loose.get(key)
            if not quotes:
                continue
            guid = container_guid(key)
            selections = []
            position = 0
            for quote in quotes:
                end = position + len(quote.text)
                selections.append(self._selection(quote, position, end))
                position = end + len(CONTAINER_SEPARATOR)
            text = CONTAINER_SEPARATOR.join(quote.text for quote in quotes)
            self._add(guid, container_name(label), text, selections)
            self.containers.append(guid)
            if key is not None:
                self.of_interview[key].append(guid)

    def _selection(self, quote: Quote, start: int, end: int) -> PlainTextSelection:
        placements = [
            Coding(guid="", code_guid=object_guid("subtheme", s)) for s in quote.subthemes
        ]
        return PlainTextSelection(
            guid=object_guid("quote", quote.id),
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
                plain_text_path=plain_text_path(guid),
                text=_utf8(text),
                selections=tuple(selections),
            )
        )


def _cases(study: Study, sources: _Sources) -> tuple[tuple[Variable, ...], tuple[Case, ...]]:
    """Return the group variable and a case per participant, with its references."""
    if not study.participants:
        return (), ()
    variable = Variable(
        guid=variable_guid(GROUP_VARIABLE), name=GROUP_VARIABLE, type_of_variable="Text"
    )
    said: dict[str, list[str]] = defaultdict(list)
    for quote in study.quotes:
        if quote.participant is not None:
            said[quote.participant].append(object_guid("quote", quote.id))
    took_part: dict[str, list[str]] = defaultdict(list)
    for interview in study.interviews:
        for participant in interview.participants or ():
            took_part[participant].extend(sources.of_interview.get(interview.id, ()))
    cases = tuple(
        Case(
            guid=object_guid("participant", p.id),
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
                guid=set_guid(QUOTE_CONTAINERS_SET),
                name=QUOTE_CONTAINERS_SET,
                source_guids=tuple(sources.containers),
            )
        )
    for interview in study.interviews:
        name = INTERVIEW_SET_PREFIX + object_guid("interview", interview.id)
        sets.append(
            MemberSet(
                guid=set_guid(name),
                name=name,
                description=_xml(interview.label),
                source_guids=tuple(sources.of_interview.get(interview.id, ())),
            )
        )
    return ProjectDocument(
        name=_xml(study.title),
        origin=origin(),
        namespace=PROJECT_NAMESPACE,
        users=tuple(
            User(guid=object_guid("coder", c.id), name=_xml(c.label)) for c in study.coders
        ),
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
    >>> from peerlandscape.refi import stable_guid
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
