"""The facts derived from a study, computed in one place, once per study.

Look-ups from id (and GUID) to object, the framework path each coding reaches,
which quotes, participants and groups reach each sub-theme and theme, who
speaks in each interview: queries, validation, the graph and the command line
all read them from :attr:`Study.index <peerlandscape.Study.index>`, so each is
worked out once, and the same way everywhere.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Set
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from peerlandscape.models._refs import Kind, collections_of

if TYPE_CHECKING:
    from peerlandscape.models._framework import CandidateTheme, Code, Coder, SubTheme, Theme
    from peerlandscape.models._groups import StakeholderGroupDefinition
    from peerlandscape.models._interviews import Interview
    from peerlandscape.models._memos import Memo
    from peerlandscape.models._participants import Participant
    from peerlandscape.models._quotes import Quote
    from peerlandscape.models._sources import Source
    from peerlandscape.models._study import Study

__all__ = ["FrameworkPath", "Level", "StudyIndex"]

Level = Literal["subtheme", "theme"]
"""A level of the framework that quotes are counted under."""


class FrameworkPath(NamedTuple):
    """Where an element of the framework leads: its sub-theme and theme (``None``: none)."""

    subtheme: str | None
    theme: str | None


_NOWHERE = FrameworkPath(None, None)


class StudyIndex:
    """Look-ups and derived facts of one study, each computed on first use.

    Build it through :attr:`Study.index <peerlandscape.Study.index>`, which
    keeps one per study; the study must have passed its integrity checks.
    """

    def __init__(self, study: Study) -> None:
        self.study = study

    # -- objects by id ---------------------------------------------------------------------

    @cached_property
    def by_kind(self) -> Mapping[Kind, Mapping[str, Any]]:
        """Every object with an id, by kind and id."""
        study = self.study
        found: dict[Kind, Mapping[str, Any]] = {kind: {} for kind in Kind}
        for collection in collections_of(type(study)):
            if collection.kind is None:
                continue
            value = getattr(study, collection.field)
            objects = value if collection.many else (() if value is None else (value,))
            found[collection.kind] = {obj.id: obj for obj in objects}
        found[Kind.STUDY] = {study.id: study}
        return found

    @property
    def groups(self) -> Mapping[str, StakeholderGroupDefinition]:
        """Stakeholder groups by id."""
        return self.by_kind[Kind.GROUP]

    @property
    def participants(self) -> Mapping[str, Participant]:
        """Participants by id."""
        return self.by_kind[Kind.PARTICIPANT]

    @property
    def interviews(self) -> Mapping[str, Interview]:
        """Interviews by id."""
        return self.by_kind[Kind.INTERVIEW]

    @property
    def sources(self) -> Mapping[str, Source]:
        """Sources by id."""
        return self.by_kind[Kind.SOURCE]

    @property
    def quotes(self) -> Mapping[str, Quote]:
        """Quotes by id."""
        return self.by_kind[Kind.QUOTE]

    @property
    def coders(self) -> Mapping[str, Coder]:
        """Coders by id."""
        return self.by_kind[Kind.CODER]

    @property
    def codes(self) -> Mapping[str, Code]:
        """Codes by id."""
        return self.by_kind[Kind.CODE]

    @property
    def candidate_themes(self) -> Mapping[str, CandidateTheme]:
        """Candidate themes by id."""
        return self.by_kind[Kind.CANDIDATE_THEME]

    @property
    def subthemes(self) -> Mapping[str, SubTheme]:
        """Sub-themes by id."""
        return self.by_kind[Kind.SUBTHEME]

    @property
    def themes(self) -> Mapping[str, Theme]:
        """Themes by id."""
        return self.by_kind[Kind.THEME]

    @property
    def memos(self) -> Mapping[str, Memo]:
        """Memos by id."""
        return self.by_kind[Kind.MEMO]

    @cached_property
    def guids(self) -> Mapping[Kind, Mapping[str, str]]:
        """The id of each object that keeps a GUID, by kind and GUID.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> study = pl.Study(id="s", title="S", quotes=[
        ...     {"id": "q1", "text": "Hi", "guid": "0f8fad5b-d9cb-469f-a165-70867728950e"}])
        >>> study.index.guids[pl.Kind.QUOTE]["0f8fad5b-d9cb-469f-a165-70867728950e"]
        'q1'
        """
        return {
            kind: {obj.guid: object_id for object_id, obj in objects.items() if obj.guid}
            for kind, objects in self.by_kind.items()
            if kind not in (Kind.GROUP, Kind.REGION, Kind.STUDY)
        }

    # -- the framework ---------------------------------------------------------------------

    @cached_property
    def code_paths(self) -> Mapping[str, FrameworkPath]:
        """The sub-theme and theme each code reaches through parents and candidate themes."""
        codes = self.codes
        resolved: dict[str, FrameworkPath] = {}
        for code_id in codes:
            chain: list[str] = []
            current: str | None = code_id
            path = _NOWHERE
            # Walk up the parent chain until a placed code or one already resolved; the
            # integrity check guarantees the chain is finite.
            while current is not None:
                if current in resolved:
                    path = resolved[current]
                    break
                chain.append(current)
                code = codes[current]
                if code.parent is None:
                    if code.subtheme is not None:
                        path = self.path_of(Kind.SUBTHEME, code.subtheme)
                    elif code.candidate_theme is not None:
                        path = self.path_of(Kind.CANDIDATE_THEME, code.candidate_theme)
                    elif code.theme is not None:
                        path = FrameworkPath(None, code.theme)
                    break
                current = code.parent
            for link in chain:
                resolved[link] = path
        return resolved

    @property
    def code_subtheme(self) -> Mapping[str, str | None]:
        """The sub-theme each code reaches (``None``: none); see :attr:`code_paths`."""
        return {code: path.subtheme for code, path in self.code_paths.items()}

    def path_of(self, kind: Kind | str, element: str) -> FrameworkPath:
        """Return the sub-theme and theme an element of the framework leads to.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> pl.datasets.engdahl2025().index.path_of("subtheme", "mitigating-peer-drifting")
        FrameworkPath(subtheme='mitigating-peer-drifting', theme='evolving-role-of-peer-support')
        """
        kind = Kind(kind)
        if kind is Kind.CODE:
            return self.code_paths[element]
        if kind is Kind.CANDIDATE_THEME:
            subtheme = self.candidate_themes[element].subtheme
            return _NOWHERE if subtheme is None else self.path_of(Kind.SUBTHEME, subtheme)
        if kind is Kind.SUBTHEME:
            return FrameworkPath(element, self.subthemes[element].theme)
        if kind is Kind.THEME:
            return FrameworkPath(None, element)
        raise ValueError(f"{kind.value} is not an element of the framework")

    @cached_property
    def coding_paths(self) -> tuple[FrameworkPath, ...]:
        """The framework path each coding reaches, in the order of ``study.codings``."""
        return tuple(self._paths_of_codings())

    def _paths_of_codings(self) -> Iterator[FrameworkPath]:
        code_paths = self.code_paths
        others: dict[tuple[str, str], FrameworkPath] = {}
        for coding in self.study.codings:
            # Most codings apply a code: one look-up, without building the coding's target.
            code = coding.code
            if code is not None:
                yield code_paths[code]
                continue
            target = coding.target
            path = others.get(target)
            if path is None:
                path = others[target] = self.path_of(*target)
            yield path

    # -- evidence: who reaches what ----------------------------------------------------------

    @cached_property
    def codings_by_quote(self) -> Mapping[str, tuple[int, ...]]:
        """Positions (in ``study.codings``) of each coded quote's codings, in study order."""
        found: dict[str, list[int]] = defaultdict(list)
        for position, coding in enumerate(self.study.codings):
            found[coding.quote].append(position)
        return {quote: tuple(positions) for quote, positions in found.items()}

    @cached_property
    def applied(self) -> Mapping[Kind, Set[str]]:
        """Ids of the elements applied by at least one coding, by kind."""
        found: dict[Kind, set[str]] = {
            kind: set() for kind in (Kind.CODE, Kind.CANDIDATE_THEME, Kind.SUBTHEME, Kind.THEME)
        }
        for coding in self.study.codings:
            kind, element = coding.target
            found[Kind(kind)].add(element)
        return found

    @cached_property
    def used_codes(self) -> Set[str]:
        """Ids of codes applied themselves or through a code nested under them."""
        codes = self.codes
        used: set[str] = set()
        for code_id in self.applied[Kind.CODE]:
            current: str | None = code_id
            # Stop at the first code already marked: its ancestors are marked too, which keeps
            # the walk linear in the number of codes.
            while current is not None and current not in used:
                used.add(current)
                current = codes[current].parent
        return used

    @cached_property
    def _subtheme_quotes(self) -> dict[str, set[str]]:
        return self._quotes_reaching("subtheme", self.subthemes)

    @cached_property
    def _theme_quotes(self) -> dict[str, set[str]]:
        return self._quotes_reaching("theme", self.themes)

    def _quotes_reaching(self, level: Level, elements: Iterable[str]) -> dict[str, set[str]]:
        # One pass over the codings for one level: the support matrix, the frequent caller,
        # asks for one level at a time. The levels are FrameworkPath's own field names.
        position = FrameworkPath._fields.index(level)
        found: dict[str, set[str]] = {element: set() for element in elements}
        for coding, path in zip(self.study.codings, self._paths_of_codings(), strict=True):
            element = path[position]
            if element is not None:
                found[element].add(coding.quote)
        return found

    def quotes_reaching(self, level: Level) -> Mapping[str, Set[str]]:
        """Ids of the quotes whose codings reach each sub-theme or theme."""
        return self._subtheme_quotes if level == "subtheme" else self._theme_quotes

    @property
    def subtheme_quotes(self) -> Mapping[str, Set[str]]:
        """Ids of the quotes whose codings reach each sub-theme."""
        return self._subtheme_quotes

    @cached_property
    def quote_speakers(self) -> Mapping[str, str | None]:
        """The participant who said each quote (``None``: unattributed), by quote id."""
        return {quote.id: quote.participant for quote in self.study.quotes}

    @cached_property
    def participant_groups(self) -> Mapping[str, str]:
        """The stakeholder group of each participant, by participant id."""
        return {participant.id: participant.group for participant in self.study.participants}

    @cached_property
    def interview_groups(self) -> Mapping[str, str | None]:
        """The group each interview was held with (``None``: mixed or unknown), by interview id."""
        return {interview.id: interview.stakeholder_group for interview in self.study.interviews}

    @cached_property
    def quote_groups(self) -> Mapping[str, str | None]:
        """The stakeholder group each quote comes from (``None``: unknown), by quote id.

        A quote's group is its speaker's group or, for an unattributed quote,
        the group its interview was held with.
        """
        of_participant = self.participant_groups
        of_interview = self.interview_groups
        groups: dict[str, str | None] = {}
        for quote in self.study.quotes:
            if quote.participant is not None:
                groups[quote.id] = of_participant[quote.participant]
            elif quote.interview is not None:
                groups[quote.id] = of_interview[quote.interview]
            else:
                groups[quote.id] = None
        return groups

    def participants_reaching(self, level: Level) -> Mapping[str, Set[str]]:
        """Ids of the known participants whose quotes reach each sub-theme or theme."""
        speakers = self.quote_speakers
        return {
            element: {p for quote in quotes if (p := speakers[quote]) is not None}
            for element, quotes in self.quotes_reaching(level).items()
        }

    def groups_reaching(self, level: Level) -> Mapping[str, Set[str]]:
        """Stakeholder groups whose quotes reach each sub-theme or theme (see quote_groups)."""
        groups = self.quote_groups
        return {
            element: {g for quote in quotes if (g := groups[quote]) is not None}
            for element, quotes in self.quotes_reaching(level).items()
        }

    @cached_property
    def subtheme_participants(self) -> Mapping[str, Set[str]]:
        """Ids of the known participants whose quotes reach each sub-theme."""
        return self.participants_reaching("subtheme")

    @cached_property
    def subtheme_groups(self) -> Mapping[str, Set[str]]:
        """Stakeholder groups whose quotes reach each sub-theme."""
        return self.groups_reaching("subtheme")

    @cached_property
    def interview_speakers(self) -> Mapping[str, tuple[str, ...]]:
        """The participants heard in each interview, by interview id.

        Its listed participants first, then the speakers of its quotes it does not list,
        in order of first appearance.
        """
        speakers: dict[str, dict[str, None]] = {
            interview.id: dict.fromkeys(interview.participants or ())
            for interview in self.study.interviews
        }
        for quote in self.study.quotes:
            if quote.interview is not None and quote.participant is not None:
                speakers[quote.interview].setdefault(quote.participant)
        return {interview: tuple(people) for interview, people in speakers.items()}
