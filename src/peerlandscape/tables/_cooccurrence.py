"""The co-occurrence table: pairs of codes applied together, and how often."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from peerlandscape.models import Kind, Study
from peerlandscape.queries import code_cooccurrence
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["cooccurrence"]


def cooccurrence(
    study: Study, *, within: Literal["quote", "interview"] = "quote", labels: bool = True
) -> pd.DataFrame:
    """Return the pairs of codes applied to one quote (or interview), with how many.

    The counts are :func:`peerlandscape.queries.code_cooccurrence`'s: a pair
    counts once per quote (or interview) where both codes were applied to it,
    and only pairs that occur are listed, most frequent first (ties in the
    order of their ids). Each pair is written once, ``code_a`` before
    ``code_b`` in the order of their ids.

    ============= ========= ================================================================
    column        dtype     meaning
    ============= ========= ================================================================
    code_a        category  one code of the pair
    code_a_label  category  *labels* -- its label
    code_b        category  the other code
    code_b_label  category  *labels* -- its label
    count         int64     quotes (or interviews) where both were applied
    ============= ========= ================================================================

    ``frame.attrs["within"]`` says which.

    Parameters
    ----------
    study
        The study.
    within
        ``"quote"`` or ``"interview"`` (quotes of unknown interview are left out).
    labels
        As for every table (:mod:`peerlandscape.tables`).

    Raises
    ------
    InvalidOptionError
        If ``within`` is not ``"quote"`` or ``"interview"``.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import cooccurrence
    >>> table = cooccurrence(pl.datasets.engdahl2025())
    >>> table[["code_a_label", "code_b_label", "count"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['F2: Lack of funding generate complexity',
      'F2: Lack of PS awareness leads to deprioritize PS funding', 1]]
    """
    pairs = code_cooccurrence(study, within=within)
    table = Table(study, labels=labels, needed_for="a table of code co-occurrence")
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
    table.ids("code_a", Kind.CODE, [pair[0] for pair, _ in ranked])
    table.ids("code_b", Kind.CODE, [pair[1] for pair, _ in ranked])
    table.counts("count", [count for _, count in ranked])
    return table.frame(within=within)
