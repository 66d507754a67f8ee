"""Prevalence: in how many interviews, for how many participants, each theme appears."""

from __future__ import annotations

from typing import Literal

import attrs

from peerlandscape.models import Study
from peerlandscape.queries._arguments import choice

__all__ = ["Prevalence", "prevalence"]


@attrs.frozen
class Prevalence:
    """How widely one theme (or sub-theme) appears in the data.

    Attributes
    ----------
    id
        The theme's or sub-theme's id.
    quotes, participants, interviews
        Distinct quotes linked to it, distinct known speakers of those quotes,
        and distinct known interviews they come from.
    participants_total, interviews_total
        The study's totals, for proportions.
    """

    id: str
    quotes: int
    participants: int
    interviews: int
    participants_total: int
    interviews_total: int

    @property
    def participant_share(self) -> float | None:
        """Share of the study's participants with a quote here (``None`` if it has none)."""
        return self.participants / self.participants_total if self.participants_total else None

    @property
    def interview_share(self) -> float | None:
        """Share of the study's interviews with a quote here (``None`` if it has none)."""
        return self.interviews / self.interviews_total if self.interviews_total else None


def prevalence(study: Study, *, level: Literal["theme", "subtheme"] = "theme") -> list[Prevalence]:
    """Return the prevalence of each theme (or sub-theme), in study order.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> first = prevalence(pl.datasets.engdahl2025())[0]
    >>> first.id, first.quotes, first.participants, first.participants_total
    ('scaling-up-peer-support', 5, 4, 30)
    """
    choice("level", level, ("theme", "subtheme"))
    index = study.index
    keys = [t.id for t in study.themes] if level == "theme" else [s.id for s in study.subthemes]
    quotes = index.quotes_reaching(level)
    speakers = index.participants_reaching(level)
    quote_interviews = {quote.id: quote.interview for quote in study.quotes}
    interviews = {
        key: {i for quote in quotes[key] if (i := quote_interviews[quote]) is not None}
        for key in keys
    }
    return [
        Prevalence(
            id=key,
            quotes=len(quotes[key]),
            participants=len(speakers[key]),
            interviews=len(interviews[key]),
            participants_total=len(study.participants),
            interviews_total=len(study.interviews),
        )
        for key in keys
    ]
