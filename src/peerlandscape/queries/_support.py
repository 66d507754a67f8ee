"""The support matrix: stakeholder group x sub-theme (or theme)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any, Literal

import attrs

from peerlandscape._optional import require
from peerlandscape.models import Study
from peerlandscape.queries._arguments import choice

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SupportMatrix", "support_matrix"]

Unit = Literal["quotes", "participants", "interviews"]
Level = Literal["subtheme", "theme"]


@attrs.frozen(repr=False)
class SupportMatrix:
    """Counts of support for each part of the framework, by stakeholder group.

    Attributes
    ----------
    unit
        What is counted in each cell: distinct ``"quotes"``, ``"participants"``
        or ``"interviews"``.
    level
        ``"subtheme"`` or ``"theme"``: what the columns are.
    groups
        Row keys: stakeholder group ids in study order, then ``None`` for
        quotes whose speaker (and so group) is unknown, if any.
    columns
        Column keys: sub-theme or theme ids in study order.
    counts
        ``counts[(group, column)]``; cells with no support are absent (see :meth:`get`).
    """

    unit: Unit
    level: Level
    groups: tuple[str | None, ...]
    columns: tuple[str, ...]
    counts: Mapping[tuple[str | None, str], int]

    def get(self, group: str | None, column: str) -> int:
        """Return the count of one cell (0 when there is no support)."""
        return self.counts.get((group, column), 0)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per cell, zeros included.

        Keys: ``group``, the level (``subtheme`` or ``theme``), ``unit`` and ``count``.
        """
        return [
            {
                "group": group,
                self.level: column,
                "unit": self.unit,
                "count": self.get(group, column),
            }
            for group in self.groups
            for column in self.columns
        ]

    def to_pandas(self) -> pd.DataFrame:
        """Return the matrix as a :class:`pandas.DataFrame` (groups as rows).

        Needs pandas, an optional extra (``pip install 'peerlandscape[tables]'``);
        without it, raises :class:`~peerlandscape.MissingDependencyError`.
        """
        pandas = require("pandas", extra="tables", needed_for="a table as a pandas DataFrame")
        frame: pd.DataFrame = pandas.DataFrame(
            [[self.get(group, column) for column in self.columns] for group in self.groups],
            index=pandas.Index(
                ["(unknown)" if g is None else g for g in self.groups], name="group"
            ),
            columns=pandas.Index(list(self.columns), name=self.level),
        )
        frame.attrs["unit"] = self.unit
        return frame

    def __str__(self) -> str:
        names = ["(unknown)" if g is None else g for g in self.groups]
        width = max((len(c) for c in self.columns), default=0)
        header = " " * width + "  " + "  ".join(f"{n:>{len(n)}}" for n in names)
        rows = [f"{self.unit} by stakeholder group and {self.level}", header]
        for column in self.columns:
            cells = "  ".join(
                f"{self.get(g, column):>{len(n)}}" for g, n in zip(self.groups, names, strict=True)
            )
            rows.append(f"{column:<{width}}  {cells}")
        return "\n".join(rows)

    def __repr__(self) -> str:
        # A console shows the repr: make it the table, as pandas does.
        return str(self)

    def _repr_html_(self) -> str:
        names = ["(unknown)" if g is None else g for g in self.groups]
        head = "".join(f"<th>{escape(n)}</th>" for n in names)
        body = "".join(
            f"<tr><th>{escape(c)}</th>"
            + "".join(f"<td>{self.get(g, c)}</td>" for g in self.groups)
            + "</tr>"
            for c in self.columns
        )
        caption = f"{escape(self.unit)} by stakeholder group and {escape(self.level)}"
        return (
            f"<table><caption>{caption}</caption><thead><tr><th></th>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


def support_matrix(
    study: Study, *, unit: Unit = "quotes", level: Level = "subtheme"
) -> SupportMatrix:
    """Count, for each stakeholder group, the support each sub-theme (or theme) has.

    A quote supports a sub-theme when one of its codings applies the sub-theme
    or an element that reaches it (a code, a candidate theme); it supports the
    sub-theme's theme, and a theme it is coded with directly.
    Each cell counts distinct units: a quote coded twice under one sub-theme
    counts once. With ``unit="interviews"``, quotes whose interview is unknown
    are not counted; with ``unit="participants"``, neither are unattributed
    quotes (they still count in the ``None`` row for ``unit="quotes"``).

    Parameters
    ----------
    study
        The study.
    unit
        ``"quotes"``, ``"participants"`` or ``"interviews"``.
    level
        ``"subtheme"`` or ``"theme"``.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> m = support_matrix(pl.datasets.engdahl2025())
    >>> m.get("official", "implementing-a-robust-long-term-strategy")
    1
    >>> m.get("peer_support_worker", "confronting-the-biomedical-perspective")
    2
    >>> support_matrix(pl.datasets.engdahl2025(), unit="participants").get(
    ...     "peer_support_worker", "confronting-the-biomedical-perspective")
    2
    """
    _check_options(unit, level)
    index = study.index
    group_of = {p.id: p.group for p in study.participants}
    if level == "subtheme":
        columns = tuple(s.id for s in study.subthemes)
    else:
        columns = tuple(t.id for t in study.themes)

    # Each quote's row: its speaker's group, None when the speaker is unknown (not the index's
    # quote_groups, which falls back to the interview's group).
    row_of = {
        q.id: group_of[q.participant] if q.participant is not None else None for q in study.quotes
    }
    quotes = index.quotes
    counts: dict[tuple[str | None, str], int] = {}
    for column, reached in index.quotes_reaching(level).items():
        if unit == "quotes":
            # The index's sets already hold each quote once.
            tally = Counter(map(row_of.__getitem__, reached))
        else:
            # Distinct (row, participant or interview) pairs; a quote without one counts nowhere.
            units = {
                (row_of[q], _unit_key(q, quotes[q].participant, quotes[q].interview, unit))
                for q in reached
            }
            tally = Counter(row for row, key in units if key is not None)
        counts.update(((row, column), n) for row, n in tally.items())
    groups: tuple[str | None, ...] = tuple(g.id for g in study.groups)
    if any(group is None for group, _ in counts):
        groups = (*groups, None)
    return SupportMatrix(unit=unit, level=level, groups=groups, columns=columns, counts=counts)


def _check_options(unit: str, level: str) -> None:
    choice("unit", unit, ("quotes", "participants", "interviews"))
    choice("level", level, ("subtheme", "theme"))


def _unit_key(quote: str, participant: str | None, interview: str | None, unit: Unit) -> str | None:
    if unit == "quotes":
        return quote
    if unit == "participants":
        return participant
    return interview
