"""Facts about a study that several rules need, computed in one pass and shared.

Rules stay callable on their own (``RULES[code](study, options)``); when
:func:`~peerlandscape.validation.validate` runs many of them it computes these
facts once for all of them, so that 400,000 codings are walked once, not once
per rule.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["StudyFacts", "facts", "fold", "shared_facts"]


def fold(text: str) -> str:
    r"""Collapse each run of whitespace to one space and strip the ends.

    Examples
    --------
    >>> fold("  We must be\n  invited in. ")
    'We must be invited in.'
    """
    return " ".join(text.split())


class StudyFacts:
    """Derived look-ups over one study, each computed on first use."""

    def __init__(self, study: Study) -> None:
        self.study = study

    @cached_property
    def _codings(self) -> tuple[set[str], set[str], dict[str, set[str]]]:
        # The one pass over the codings: which quotes are coded, which codes are applied, and
        # which quotes reach each sub-theme (direct placements included).
        study = self.study
        code_subtheme = study.index.code_subtheme
        coded: set[str] = set()
        applied: set[str] = set()
        reached: dict[str, set[str]] = {s.id: set() for s in study.subthemes}
        for coding in study.codings:
            coded.add(coding.quote)
            applied.add(coding.code)
            subtheme = code_subtheme[coding.code]
            if subtheme is not None:
                reached[subtheme].add(coding.quote)
        for quote in study.quotes:
            for subtheme in quote.subthemes:
                reached[subtheme].add(quote.id)
        return coded, applied, reached

    @property
    def coded_quotes(self) -> Set[str]:
        """Ids of quotes with at least one coding."""
        return self._codings[0]

    @property
    def applied_codes(self) -> Set[str]:
        """Ids of codes applied to at least one quote."""
        return self._codings[1]

    @property
    def subtheme_quotes(self) -> Mapping[str, Set[str]]:
        """Ids of the quotes that reach each sub-theme, directly or through a code."""
        return self._codings[2]

    @cached_property
    def used_codes(self) -> Set[str]:
        """Ids of codes applied themselves or through a code nested under them."""
        codes = self.study.index.codes
        used: set[str] = set()
        for code_id in self.applied_codes:
            current: str | None = code_id
            # Stop at the first code already marked: its ancestors are marked too, which keeps
            # the walk linear in the number of codes.
            while current is not None and current not in used:
                used.add(current)
                current = codes[current].parent
        return used

    @cached_property
    def quote_speakers(self) -> Mapping[str, str | None]:
        """The participant who said each quote (``None``: unattributed), by quote id."""
        # Walking the quotes in order and looking up plain strings afterwards is several times
        # faster than jumping to quote objects scattered in memory, once per (sub-theme, quote).
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

    @cached_property
    def subtheme_participants(self) -> Mapping[str, Set[str]]:
        """Ids of the known participants whose quotes reach each sub-theme."""
        speakers = self.quote_speakers
        return {
            subtheme: {p for quote in reached if (p := speakers[quote]) is not None}
            for subtheme, reached in self.subtheme_quotes.items()
        }

    @cached_property
    def subtheme_groups(self) -> Mapping[str, Set[str]]:
        """Stakeholder groups whose quotes reach each sub-theme (see :attr:`quote_groups`)."""
        groups = self.quote_groups
        return {
            subtheme: {g for quote in reached if (g := groups[quote]) is not None}
            for subtheme, reached in self.subtheme_quotes.items()
        }


_CURRENT: ContextVar[StudyFacts | None] = ContextVar("peerlandscape_validation_facts", default=None)


def facts(study: Study) -> StudyFacts:
    """Return the facts about ``study``: the shared ones inside :func:`shared_facts`."""
    current = _CURRENT.get()
    if current is not None and current.study is study:
        return current
    return StudyFacts(study)


@contextmanager
def shared_facts(study: Study) -> Iterator[None]:
    """Share one :class:`StudyFacts` among the rules run inside the block."""
    token = _CURRENT.set(StudyFacts(study))
    try:
        yield
    finally:
        _CURRENT.reset(token)
