"""The thematic map that Mermaid and DOT draw: what each of its sub-themes is labelled with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape._records import quote_records

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["quote_counts", "quotes_label"]


def quote_counts(study: Study) -> dict[str, int]:
    """Return the number of distinct quotes linked to each sub-theme that has any."""
    quotes: dict[str, set[str]] = {}
    for record in quote_records(study):
        if record["subtheme"] is not None:
            quotes.setdefault(record["subtheme"], set()).add(record["quote_id"])
    return {subtheme: len(ids) for subtheme, ids in quotes.items()}


def quotes_label(count: int) -> str:
    """Return ``"1 quote"`` or ``"<count> quotes"``, as a map shows it under a sub-theme."""
    return "1 quote" if count == 1 else f"{count} quotes"
