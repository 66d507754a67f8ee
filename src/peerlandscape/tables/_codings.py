"""The codings table: each application of an element of the framework to a quote."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from peerlandscape.models import CODING_TARGETS, Kind, Study
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["codings"]


def codings(study: Study, *, labels: bool = True) -> pd.DataFrame:
    """Return one row per coding of ``study``, in study order.

    A coding applies one element of the framework (a code, a candidate theme,
    a sub-theme or a theme) to a quote; the row names the element, the
    sub-theme and theme it reaches (:attr:`StudyIndex.coding_paths
    <peerlandscape.models.StudyIndex.coding_paths>`), who applied it and when.

    ================ ==================== =================================================
    column           dtype                meaning
    ================ ==================== =================================================
    quote_id         category             the coded quote
    kind             category             what was applied: ``code``, ``candidate_theme``,
                                          ``subtheme`` or ``theme``
    element          string               the applied element's id
    element_label    string               *labels* -- its label
    subtheme         category             the sub-theme it reaches (NaN: none)
    subtheme_label   category             *labels* -- the sub-theme's label
    theme            category             the theme it reaches (NaN: none)
    theme_label      category             *labels* -- the theme's label
    coder            category             who applied it (NaN: unknown)
    coder_label      category             *labels* -- the coder's label
    when             datetime64 or object when it was applied (NaT or None: unknown);
                                          in UTC when every known time has a UTC offset,
                                          naive when none has, else ``object`` (Python
                                          datetimes, as given)
    ================ ==================== =================================================

    Parameters
    ----------
    study
        The study.
    labels
        As for every table (:mod:`peerlandscape.tables`), but ``quote_id`` is not
        followed by a label (a quote seldom has one; :func:`~peerlandscape.tables.quotes`
        gives its text).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import codings
    >>> table = codings(pl.datasets.engdahl2025())
    >>> table["kind"].value_counts().to_dict()
    {'subtheme': 15, 'code': 2, 'candidate_theme': 0, 'theme': 0}
    >>> table.loc[table["kind"] == "code", "subtheme"].unique().tolist()
    ['ensuring-financial-sustainability-for-growth']
    """
    table = Table(study, labels=labels, needed_for="a table of codings")
    index = study.index
    targets = [coding.target for coding in study.codings]
    paths = index.coding_paths
    table.ids("quote_id", Kind.QUOTE, [coding.quote for coding in study.codings], labels=False)
    table.categories("kind", [kind for kind, _ in targets], CODING_TARGETS)
    table.text("element", [element for _, element in targets])
    if labels:
        by_kind = index.by_kind
        table.text("element_label", [by_kind[Kind(k)][e].label for k, e in targets])
    table.ids("subtheme", Kind.SUBTHEME, [path.subtheme for path in paths])
    table.ids("theme", Kind.THEME, [path.theme for path in paths])
    table.ids("coder", Kind.CODER, [coding.coder for coding in study.codings])
    table.column("when", _times(table.pd, [coding.when for coding in study.codings]))
    return table.frame()


def _times(pd: Any, values: list[datetime | None]) -> Any:
    known = [value for value in values if value is not None]
    aware = {value.tzinfo is not None for value in known}
    if len(aware) > 1:
        # pandas cannot hold times with and without an offset in one datetime column, and
        # reading a time without one as UTC would be a guess: keep them as they were given.
        return pd.array(values, dtype=object)
    if aware == {True}:
        return pd.to_datetime(values, utc=True)
    return pd.to_datetime(values)
