"""The links between quotes and the framework: the one walk every flat view shares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from peerlandscape.models import Coding, Quote, Study

__all__ = ["Link", "iter_links"]


class Link(NamedTuple):
    """One coding of a quote, with the framework path it reaches."""

    quote: Quote
    coding: Coding
    subtheme: str | None
    """The sub-theme the coding's element reaches (``None``: none)."""
    theme: str | None
    """The theme it reaches (``None``: none)."""


def iter_links(study: Study) -> Iterator[Link]:
    """Yield one link per coding, quote by quote, codings in study order within a quote."""
    index = study.index
    codings = study.codings
    paths = index.coding_paths
    by_quote = index.codings_by_quote
    for quote in study.quotes:
        for position in by_quote.get(quote.id, ()):
            subtheme, theme = paths[position]
            yield Link(quote, codings[position], subtheme, theme)
