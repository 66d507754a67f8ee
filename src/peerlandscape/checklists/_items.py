"""Reporting checklists as data: a guideline, and its numbered items grouped in domains."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape._tabular import records_frame

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ChecklistItem", "Guideline", "make_guideline"]


@attrs.frozen
class ChecklistItem:
    """One item of a reporting checklist.

    The question is a paraphrase, not the guideline's own wording (which is
    the copyright of its authors and publisher); read it with the cited source.

    Attributes
    ----------
    guideline
        The guideline's short name (``"COREQ"``).
    number
        Its number within the guideline, from 1.
    label
        The number as the guideline prints it (``"12"``; SRQR's ``"S12"``).
    domain
        The domain (or part of the report) the item belongs to.
    section
        The heading within the domain, where the guideline has one (COREQ's
        ``"Participant selection"``), else ``None``.
    name
        The item's short name, as the guideline gives it.
    question
        What the item asks, in peerlandscape's own words.
    citation
        The source of the item.
    """

    guideline: str
    number: int
    label: str
    domain: str
    section: str | None
    name: str
    question: str = attrs.field(repr=False)
    citation: str = attrs.field(repr=False)

    @property
    def ref(self) -> str:
        """The item as a reader cites it: ``"COREQ 12"``, ``"SRQR S8"``."""
        return f"{self.guideline} {self.label}"


@attrs.frozen(repr=False)
class Guideline:
    """A reporting guideline: its name, its source and its items, in order.

    Attributes
    ----------
    id
        A stable id (``"coreq"``, ``"srqr"``, ``"braun-clarke-2006"``).
    name
        Its short name (``"COREQ"``).
    title
        Its full title.
    citation
        The publication that defines it.
    items
        Its items, in the guideline's order.
    """

    id: str
    name: str
    title: str
    citation: str
    items: tuple[ChecklistItem, ...]

    @property
    def domains(self) -> tuple[str, ...]:
        """The domains, in order."""
        return tuple(dict.fromkeys(item.domain for item in self.items))

    def item(self, number: int | str) -> ChecklistItem:
        """Return an item by its number (``12``) or its printed label (``"S12"``).

        Raises
        ------
        InvalidOptionError
            If the guideline has no such item.
        """
        for item in self.items:
            if number in (item.number, item.label):
                return item
        raise InvalidOptionError(
            f"{self.name} has no item {number!r}; its items are "
            f"{self.items[0].label} to {self.items[-1].label}"
        )

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[ChecklistItem]:
        return iter(self.items)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per item: ``number``, ``label``, ``domain``, ``section``, ..."""
        return [
            {
                "number": item.number,
                "label": item.label,
                "domain": item.domain,
                "section": item.section,
                "name": item.name,
                "question": item.question,
            }
            for item in self.items
        ]

    def to_pandas(self) -> pd.DataFrame:
        """Return the items as a :class:`pandas.DataFrame`, indexed by label.

        ``frame.attrs`` holds the guideline's name (``guideline``) and ``citation``.

        Needs pandas, an optional extra (``pip install 'peerlandscape[tables]'``);
        without it, raises :class:`~peerlandscape.MissingDependencyError`.
        """
        return records_frame(
            self.to_records(), index="label", guideline=self.name, citation=self.citation
        )

    def __str__(self) -> str:
        return f"{self.name}: {self.title} ({len(self.items)} items)"

    def __repr__(self) -> str:
        return f"<Guideline {self.name}, {len(self.items)} items>"


def make_guideline(
    *,
    id: str,
    name: str,
    title: str,
    citation: str,
    prefix: str,
    rows: Sequence[tuple[str, str | None, str, str]],
) -> Guideline:
    """Build a guideline from its rows ``(domain, section, name, question)``, numbered in order."""
    items = tuple(
        ChecklistItem(
            guideline=name,
            number=number,
            label=f"{prefix}{number}",
            domain=domain,
            section=section,
            name=item_name,
            question=question,
            citation=citation,
        )
        for number, (domain, section, item_name, question) in enumerate(rows, start=1)
    )
    return Guideline(id=id, name=name, title=title, citation=citation, items=items)
