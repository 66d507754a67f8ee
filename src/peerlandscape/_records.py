"""The flat view of a study: one plain record per link between a quote and the framework.

This is the contract that tables, CLI output and exports share. Its keys are
fixed (:data:`QUOTE_RECORD_KEYS`); values are plain ``str`` or ``None``.
"""

from __future__ import annotations

from typing import TypedDict

from peerlandscape._links import iter_links
from peerlandscape.models import Study

__all__ = ["QUOTE_RECORD_KEYS", "QuoteRecord", "quote_records"]


class QuoteRecord(TypedDict):
    """One link between a quote and the framework, flattened."""

    quote_id: str
    text: str | None
    interview_id: str | None
    participant_id: str | None
    participant_label: str | None
    stakeholder_group: str | None
    code: str | None
    subtheme: str | None
    theme: str | None
    coder: str | None


QUOTE_RECORD_KEYS: tuple[str, ...] = tuple(QuoteRecord.__annotations__)
"""The keys of every record, in order."""


def quote_records(study: Study) -> list[QuoteRecord]:
    """Flatten ``study`` into one record per coding: a link between a quote and the framework.

    A quote coded with two codes and placed under one sub-theme (a coding of
    the sub-theme itself) gives three records: one per coding of a code
    (``code`` set, ``subtheme`` and ``theme`` reached through the code) and
    one for the sub-theme (``code`` ``None``). Records follow the order of
    ``study.quotes``; within a quote, its codings in study order. A quote with
    no coding gives no record. Unknown values are ``None``.

    Parameters
    ----------
    study
        The study to flatten.

    Returns
    -------
    list of QuoteRecord
        Plain dictionaries with the keys of :data:`QUOTE_RECORD_KEYS`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> records = pl.quote_records(pl.datasets.engdahl2025())
    >>> first = next(r for r in records if r["participant_id"] == "psw-12")
    >>> first["subtheme"], first["theme"], first["stakeholder_group"]
    ('mitigating-peer-drifting', 'evolving-role-of-peer-support', 'peer_support_worker')
    """
    index = study.index
    records: list[QuoteRecord] = []
    for quote, coding, subtheme, theme in iter_links(study):
        participant = index.participants[quote.participant] if quote.participant else None
        records.append(
            QuoteRecord(
                quote_id=quote.id,
                text=quote.text,
                interview_id=quote.interview,
                participant_id=quote.participant,
                participant_label=participant.label if participant else None,
                stakeholder_group=participant.group if participant else None,
                code=coding.code,
                subtheme=subtheme,
                theme=theme,
                coder=coding.coder,
            )
        )
    return records
