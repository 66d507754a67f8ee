"""A checklist report: for each item, whether a study answers it, how, and where."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape._tabular import HtmlTable, TableView, records_frame
from peerlandscape.checklists._answers import evidence_for
from peerlandscape.checklists._braun_clarke import BRAUN_CLARKE_2006
from peerlandscape.checklists._coreq import COREQ
from peerlandscape.checklists._evidence import Record
from peerlandscape.checklists._items import ChecklistItem, Guideline
from peerlandscape.checklists._srqr import SRQR
from peerlandscape.models import Study

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GUIDELINES", "ChecklistReport", "ItemAnswer", "Status", "report"]

GUIDELINES: tuple[Guideline, ...] = (COREQ, SRQR, BRAUN_CLARKE_2006)
"""The guidelines a study can be reported against."""


class Status(StrEnum):
    """How a study answers a checklist item."""

    DATA = "data"
    """Its data answer it: counted or read from participants, interviews, quotes, codings."""
    TEXT = "text"
    """It states the answer in words (a field of its design, its aim)."""
    MISSING = "missing"
    """It holds no answer, though a study record could."""
    MANUSCRIPT = "manuscript"
    """No study record can: the item is a part of the written report or a judgement of it."""


@attrs.frozen
class ItemAnswer:
    """How a study answers one checklist item.

    Attributes
    ----------
    item
        The item.
    status
        :class:`Status`: ``data`` when any data answer it (even if a statement
        does too), else ``text``, ``missing`` or ``manuscript``.
    where
        Every place in the study that holds an answer (``"design.sampling"``,
        ``"interviews[*].approximate_duration_minutes"``); for a missing item,
        the places that could.
    evidence
        What each answering fact or statement holds, in the order of
        ``where``: a summary of the data, or the statement's text (empty for
        a missing item).
    """

    item: ChecklistItem
    status: Status
    where: tuple[str, ...]
    evidence: tuple[str, ...]

    @property
    def reported(self) -> bool:
        """Whether the study answers the item, by its data or in words."""
        return self.status in (Status.DATA, Status.TEXT)


@attrs.frozen(repr=False)
class ChecklistReport(TableView):
    """What a study answers of a reporting checklist, item by item.

    Attributes
    ----------
    study
        The study's id.
    guideline
        The guideline.
    answers
        One per item, in the guideline's order.
    """

    study: str
    guideline: Guideline
    answers: tuple[ItemAnswer, ...]

    def answer(self, number: int | str) -> ItemAnswer:
        """Return the answer to one item, by number (``12``) or label (``"S12"``)."""
        item = self.guideline.item(number)
        return next(answer for answer in self.answers if answer.item == item)

    def with_status(self, status: Status | str) -> tuple[ItemAnswer, ...]:
        """Return the answers of one status."""
        wanted = Status(status)
        return tuple(answer for answer in self.answers if answer.status is wanted)

    @property
    def reported(self) -> tuple[ItemAnswer, ...]:
        """The items the study answers, by data or in words."""
        return tuple(answer for answer in self.answers if answer.reported)

    @property
    def missing(self) -> tuple[ItemAnswer, ...]:
        """The items the study leaves unanswered, though a study record could hold them."""
        return self.with_status(Status.MISSING)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per item.

        Keys: ``label``, ``domain``, ``name``, ``status``, ``where`` (a list)
        and ``evidence`` (a list).
        """
        return [
            {
                "label": answer.item.label,
                "domain": answer.item.domain,
                "name": answer.item.name,
                "status": answer.status.value,
                "where": list(answer.where),
                "evidence": list(answer.evidence),
            }
            for answer in self.answers
        ]

    def to_pandas(self) -> pd.DataFrame:
        """Return the report as a :class:`pandas.DataFrame`, one row per item, indexed by label.

        ``frame.attrs`` holds the ``study`` id and the guideline's name (``guideline``).

        Needs pandas, an optional extra (``pip install 'peerlandscape[tables]'``);
        without it, raises :class:`~peerlandscape.MissingDependencyError`.
        """
        return records_frame(
            self.to_records(), index="label", study=self.study, guideline=self.guideline.name
        )

    def _counts(self) -> str:
        counts = {status: len(self.with_status(status)) for status in Status}
        return ", ".join(f"{count} {status.value}" for status, count in counts.items() if count)

    def __str__(self) -> str:
        rows = [f"{self.guideline.name} report for {self.study}: {self._counts()}"]
        width = max(len(answer.item.label) for answer in self.answers)
        for answer in self.answers:
            place = f"  [{', '.join(answer.where)}]" if answer.reported else ""
            rows.append(
                f"{answer.item.label:>{width}}  {answer.status.value:<10}  "
                f"{answer.item.name}{place}"
            )
        return "\n".join(rows)

    def _html_table(self) -> HtmlTable:
        return HtmlTable(
            caption=f"{self.guideline.name} report for {self.study}: {self._counts()}",
            header=["item", "name", "status", "where"],
            rows=[
                [a.item.label, a.item.name, a.status.value, ", ".join(a.where)]
                for a in self.answers
            ],
        )


def report(study: Study, guideline: Guideline | str) -> ChecklistReport:
    """Report which items of a reporting checklist a study answers, and where.

    Each item is answered by the study's data (the number of participants,
    interview durations, coders, quotes identified by participant, ...), by
    a statement it makes (a field of its design), or not at all; a few items
    only a reader of the manuscript can judge. Data take precedence when
    both answer: they can be checked.

    Parameters
    ----------
    study
        The study.
    guideline
        :data:`COREQ`, :data:`SRQR` or :data:`BRAUN_CLARKE_2006`, or its id
        or name (``"coreq"``, ``"SRQR"``, ``"braun-clarke-2006"``).

    Raises
    ------
    InvalidOptionError
        For a guideline that is not one of these.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> coreq = report(pl.datasets.engdahl2025(), "coreq")
    >>> len(coreq.reported), len(coreq.missing)
    (21, 11)
    >>> answer = coreq.answer(21)
    >>> answer.item.name, answer.status.value, answer.where
    ('Duration', 'data', ('interviews[*].approximate_duration_minutes',))
    >>> answer.evidence
    ('13 interviews of about 60 min, 4 interviews of about 120 min',)
    >>> [a.item.name for a in coreq.missing][:3]
    ['Credentials', 'Occupation', 'Gender']
    """
    chosen = _guideline(guideline)
    answers = tuple(_answer(study, chosen, item) for item in chosen.items)
    return ChecklistReport(study=study.id, guideline=chosen, answers=answers)


def _guideline(guideline: Guideline | str) -> Guideline:
    if isinstance(guideline, Guideline):
        if guideline not in GUIDELINES:
            raise InvalidOptionError(f"no answers are mapped for guideline {guideline.name!r}")
        return guideline
    if isinstance(guideline, str):
        wanted = guideline.casefold()
        for known in GUIDELINES:
            if wanted in (known.id, known.name.casefold()):
                return known
    names = ", ".join(repr(known.id) for known in GUIDELINES)
    raise InvalidOptionError(f"guideline must be one of {names}, not {guideline!r}")


def _answer(study: Study, guideline: Guideline, item: ChecklistItem) -> ItemAnswer:
    places = evidence_for(guideline.id, item.number)
    if places is None:
        return ItemAnswer(item=item, status=Status.MANUSCRIPT, where=(), evidence=())
    found = [(place, text) for place in places if (text := place.find(study)) is not None]
    if not found:
        where = tuple(path for place in places for path in place.paths)
        return ItemAnswer(item=item, status=Status.MISSING, where=where, evidence=())
    by_data = any(isinstance(place, Record) for place, _ in found)
    return ItemAnswer(
        item=item,
        status=Status.DATA if by_data else Status.TEXT,
        where=tuple(path for place, _ in found for path in place.paths),
        evidence=tuple(text for _, text in found),
    )
