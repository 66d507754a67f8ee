"""Building the tables: pandas loaded when first needed, ids as categoricals, labels beside them.

Every table names an object by its id, in a column of the id's kind
(``subtheme``, ``participant_id``, ...), as :func:`~peerlandscape.quote_records`
does; with ``labels=True`` the object's label follows in a column of the same
name ending in ``_label``. An id column is categorical, its categories every
object of that kind in study order, so that grouping and pivoting keep study
order and show the objects that nothing reaches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from peerlandscape._optional import require
from peerlandscape.models import Kind, Study

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Table", "label_name"]


def label_name(column: str) -> str:
    """Return the name of the label column that follows an id column.

    Examples
    --------
    >>> label_name("participant_id"), label_name("subtheme")
    ('participant_label', 'subtheme_label')
    """
    return f"{column.removesuffix('_id')}_label"


class Table:
    """A table of a study being built, column by column, in order.

    Parameters
    ----------
    study
        The study the ids are of.
    labels
        Whether an id column is followed by its labels.
    needed_for
        What the table is, as the error for a missing pandas names it.
    """

    def __init__(self, study: Study, *, labels: bool, needed_for: str) -> None:
        self.pd: Any = require("pandas", extra="tables", needed_for=needed_for)
        self.np: Any = require("numpy", extra="tables", needed_for=needed_for)
        self.study = study
        self.labels = labels
        self.columns: dict[str, Any] = {}

    def ids(
        self, name: str, kind: Kind, ids: Sequence[str | None], *, labels: bool | None = None
    ) -> None:
        """Add an id column of ``kind`` (categorical, in study order), and its labels if asked.

        ``labels`` overrides the table's choice. An id that is ``None`` is missing
        (NaN) in both columns.
        """
        column = self.pd.Categorical(ids, categories=list(self.study.index.by_kind[kind]))
        self.positions(name, kind, column.codes, labels=labels)

    def positions(self, name: str, kind: Kind, codes: Any, *, labels: bool | None = None) -> None:
        """Add an id column given as positions in study order (an integer array; -1: missing).

        As :meth:`ids`; the labels are looked up once per object, not once per row.
        """
        np = self.np
        objects: Mapping[str, Any] = self.study.index.by_kind[kind]
        self.columns[name] = self.pd.Categorical.from_codes(codes, categories=list(objects))
        if self.labels if labels is None else labels:
            names = [obj.label for obj in objects.values()]
            order = list(dict.fromkeys(names))
            where = {label: position for position, label in enumerate(order)}
            # The last entry answers the missing position -1.
            label_of = np.array([*(where[label] for label in names), -1], dtype=np.intp)
            self.columns[label_name(name)] = self.pd.Categorical.from_codes(
                label_of[codes], categories=order
            )

    def categories(self, name: str, values: Sequence[str | None], order: Iterable[str]) -> None:
        """Add a categorical column whose categories are ``order`` (duplicates dropped)."""
        self.columns[name] = self.pd.Categorical(values, categories=list(dict.fromkeys(order)))

    def text(self, name: str, values: Sequence[str | None]) -> None:
        """Add a column of text (pandas' string dtype; ``None`` is missing)."""
        self.columns[name] = self.pd.array(values, dtype=self.pd.StringDtype())

    def counts(self, name: str, values: Sequence[int]) -> None:
        """Add a column of counts (int64)."""
        self.columns[name] = self.pd.array(values, dtype="int64")

    def column(self, name: str, values: Any) -> None:
        """Add a column as pandas makes it of ``values``."""
        self.columns[name] = values

    def frame(self, **attrs: str) -> pd.DataFrame:
        """Return the table as a DataFrame, with what it counts or holds in ``frame.attrs``."""
        frame: pd.DataFrame = self.pd.DataFrame(self.columns)
        frame.attrs.update(attrs)
        return frame
