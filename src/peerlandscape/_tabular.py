"""Results that are tables: their records as a pandas DataFrame, and a table in a notebook.

A discovery table, a saturation assessment and a checklist report each list
their rows as plain records (``to_records``); :func:`records_frame` makes the
DataFrame of those records, and :class:`TableView` gives such a result its
repr (the text its ``str`` lays out) and its notebook view (the same rows as
an HTML table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape._html import panel, table
from peerlandscape._optional import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["HtmlTable", "TableView", "records_frame"]


def records_frame(
    records: Sequence[Mapping[str, Any]],
    *,
    columns: Sequence[str] | None = None,
    index: str | None = None,
    **attrs: Any,
) -> pd.DataFrame:
    """Return ``records`` as a DataFrame, one row per record, what it describes in ``attrs``.

    ``columns`` names the columns when there may be no record to take them
    from; ``index`` is the column that becomes the index. Needs pandas, an
    optional extra; without it, raises
    :class:`~peerlandscape.MissingDependencyError` naming the extra.

    Examples
    --------
    >>> frame = records_frame([{"label": "S1", "name": "Title"}], index="label", guideline="SRQR")
    >>> frame.loc["S1", "name"], frame.attrs
    ('Title', {'guideline': 'SRQR'})
    >>> list(records_frame([], columns=["first", "last"]).columns)
    ['first', 'last']
    """
    pandas = require("pandas", extra="tables", needed_for="a table as a pandas DataFrame")
    frame: pd.DataFrame = pandas.DataFrame(
        list(records), columns=None if columns is None else list(columns)
    )
    if index is not None:
        frame = frame.set_index(index)
    frame.attrs.update(attrs)
    return frame


@attrs.frozen
class HtmlTable:
    """What a result's notebook view shows: a caption over a header and rows."""

    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[object]]
    numeric: Sequence[int] = ()
    """The positions of the columns of numbers, which are right-aligned."""


class TableView:
    """How a result that is a table shows itself: its text as its repr, a table in a notebook.

    A result class gives ``__str__`` and ``_html_table()``; this gives it
    ``__repr__`` and ``_repr_html_``.
    """

    __slots__ = ()

    def _html_table(self) -> HtmlTable:
        raise NotImplementedError

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        shown = self._html_table()
        return panel(table(shown.header, shown.rows, caption=shown.caption, numeric=shown.numeric))
