"""The quotes table: the quote records of a study (one row per coding), as a DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape._records import QUOTE_RECORD_KEYS, quote_records
from peerlandscape.models import Kind, Study
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["quotes"]

# The record keys that hold ids, and the kind of each; the rest are plain text.
_ID_KINDS = {
    "interview_id": Kind.INTERVIEW,
    "stakeholder_group": Kind.GROUP,
    "code": Kind.CODE,
    "subtheme": Kind.SUBTHEME,
    "theme": Kind.THEME,
    "coder": Kind.CODER,
}


def quotes(study: Study, *, labels: bool = True) -> pd.DataFrame:
    """Return the quote records of ``study`` as a table: one row per coding of a quote.

    The rows are :func:`peerlandscape.quote_records`, in its order (a quote
    coded twice is two rows, an uncoded quote none), and the columns its keys,
    in its order, each id followed by its label when ``labels`` is true.

    ======================== ============ ===============================================
    column                   dtype        meaning
    ======================== ============ ===============================================
    quote_id                 category     the quote
    text                     string       its verbatim text
    interview_id             category     the interview it was said in (NaN: unknown)
    interview_label          category     *labels* -- the interview's label
    participant_id           category     who said it (NaN: unattributed)
    participant_label        category     the speaker's pseudonymous label
    stakeholder_group        category     the speaker's stakeholder group
    stakeholder_group_label  category     *labels* -- the group's label
    code                     category     the code applied (NaN: a sub-theme or theme was)
    code_label               category     *labels* -- the code's label
    subtheme                 category     the sub-theme the coding reaches (NaN: none)
    subtheme_label           category     *labels* -- the sub-theme's label
    theme                    category     the theme the coding reaches (NaN: none)
    theme_label              category     *labels* -- the theme's label
    coder                    category     who applied it (NaN: unknown)
    coder_label              category     *labels* -- the coder's label
    ======================== ============ ===============================================

    Categories are every object of the kind in study order (a label column:
    their labels), so a group-by or a pivot with ``observed=False`` lists
    the sub-themes no quote reaches too.

    Parameters
    ----------
    study
        The study.
    labels
        As for every table (:mod:`peerlandscape.tables`); ``participant_label`` is
        part of the records, and there whatever ``labels`` says.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import quotes
    >>> table = quotes(pl.datasets.engdahl2025())
    >>> len(table), table["quote_id"].nunique()
    (17, 16)
    >>> row = table.loc[table["participant_id"] == "psw-12"].iloc[0]
    >>> row["subtheme_label"], row["stakeholder_group_label"]
    ('Mitigating Peer Drifting', 'Peer support workers')
    >>> table.groupby("theme", observed=False)["quote_id"].nunique().tolist()
    [5, 4, 3, 4]
    """
    table = Table(study, labels=labels, needed_for="a table of quotes")
    records = quote_records(study)
    for key in QUOTE_RECORD_KEYS:
        values = [record[key] for record in records]  # type: ignore[literal-required]
        if key == "participant_id":
            table.ids(key, Kind.PARTICIPANT, values, labels=True)
        elif key == "participant_label":
            continue  # added with participant_id
        elif key == "quote_id":
            table.ids(key, Kind.QUOTE, values, labels=False)  # a quote's label is its text
        elif key in _ID_KINDS:
            table.ids(key, _ID_KINDS[key], values)
        else:
            table.text(key, values)
    return table.frame()
