"""The support table: the support matrix, one row per stakeholder group and sub-theme (or theme)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from peerlandscape.models import Kind, Study
from peerlandscape.queries import support_matrix
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["support"]


def support(
    study: Study,
    *,
    unit: Literal["quotes", "participants", "interviews"] = "quotes",
    level: Literal["subtheme", "theme"] = "subtheme",
    labels: bool = True,
) -> pd.DataFrame:
    """Return the support matrix as a long table: one row per group and sub-theme (or theme).

    The counts are :func:`peerlandscape.queries.support_matrix`'s, zeros
    included: distinct quotes, participants or interviews of each group that
    reach each sub-theme (or theme). Quotes whose speaker is unknown form rows
    whose group is missing (NaN), after the study's groups, when counting
    quotes. For the matrix itself, pivot the table, or use
    :meth:`SupportMatrix.to_pandas <peerlandscape.queries.SupportMatrix.to_pandas>`.

    ======================== ========= ======================================================
    column                   dtype     meaning
    ======================== ========= ======================================================
    stakeholder_group        category  the group (NaN: quotes of unknown speaker)
    stakeholder_group_label  category  *labels* -- the group's label
    *level*                  category  the sub-theme or theme (the column is named
                                       ``subtheme`` or ``theme`` after ``level``)
    *level*_label            category  *labels* -- its label
    count                    int64     distinct *unit* of the group that reach it
    ======================== ========= ======================================================

    ``frame.attrs`` holds ``unit`` and ``level``.

    Parameters
    ----------
    study
        The study.
    unit
        What is counted, as in :func:`~peerlandscape.queries.support_matrix`.
    level
        Sub-themes or themes, as in :func:`~peerlandscape.queries.support_matrix`.
    labels
        As for every table (:mod:`peerlandscape.tables`).

    Raises
    ------
    InvalidOptionError
        If ``unit`` or ``level`` is not one of its choices.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import support
    >>> table = support(pl.datasets.engdahl2025(), unit="participants", level="theme")
    >>> matrix = table.pivot(index="theme", columns="stakeholder_group", values="count")
    >>> matrix.loc["scaling-up-peer-support"].to_dict()
    {'peer_support_worker': 1, 'official': 1, 'user_organization': 2}
    """
    matrix = support_matrix(study, unit=unit, level=level)
    table = Table(study, labels=labels, needed_for="a table of support")
    records = matrix.to_records()
    table.ids("stakeholder_group", Kind.GROUP, [record["group"] for record in records])
    table.ids(level, Kind(level), [record[level] for record in records])
    table.counts("count", [record["count"] for record in records])
    return table.frame(unit=unit, level=level)
