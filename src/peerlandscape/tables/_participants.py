"""The participants table: who took part, in which stakeholder group, and how often heard."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from peerlandscape.models import Kind, Study
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["participants"]


def participants(study: Study, *, labels: bool = True) -> pd.DataFrame:
    """Return one row per participant of ``study``, in study order, with their group.

    ======================== ========= ====================================================
    column                   dtype     meaning
    ======================== ========= ====================================================
    participant_id           category  the participant
    participant_label        category  *labels* -- their pseudonymous label
    stakeholder_group        category  their stakeholder group
    stakeholder_group_label  category  *labels* -- the group's label
    quotes                   int64     quotes of the study said by them
    coded_quotes             int64     of those, quotes with at least one coding
    interviews               int64     interviews they were heard in: listed as taking part,
                                       or a quote of theirs comes from it
    ======================== ========= ====================================================

    Parameters
    ----------
    study
        The study.
    labels
        As for every table (:mod:`peerlandscape.tables`).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import participants
    >>> table = participants(pl.datasets.engdahl2025())
    >>> table.groupby("stakeholder_group_label", observed=False).size().to_dict()
    ... # doctest: +NORMALIZE_WHITESPACE
    {'Peer support workers': 17, 'County council and municipality officials': 8,
     'Representatives from user organizations': 5}
    >>> table.loc[table["participant_id"] == "psw-12", ["quotes", "interviews"]].values.tolist()
    [[1, 0]]
    """
    table = Table(study, labels=labels, needed_for="a table of participants")
    index = study.index
    people = [participant.id for participant in study.participants]
    said = Counter(index.quote_speakers.values())
    coded = Counter(index.quote_speakers[quote] for quote in index.codings_by_quote)
    heard = Counter(p for speakers in index.interview_speakers.values() for p in speakers)
    table.ids("participant_id", Kind.PARTICIPANT, people)
    table.ids("stakeholder_group", Kind.GROUP, [index.participant_groups[p] for p in people])
    table.counts("quotes", [said[p] for p in people])
    table.counts("coded_quotes", [coded[p] for p in people])
    table.counts("interviews", [heard[p] for p in people])
    return table.frame()
