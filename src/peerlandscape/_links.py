"""The links between quotes and the framework, the one walk every flat view shares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from peerlandscape.models import Quote, Study

__all__ = ["Link", "iter_links"]

Link = tuple[Quote, str | None, str | None, str | None]
"""``(quote, code id or None, sub-theme id or None, coder id or None)``."""


def iter_links(study: Study) -> Iterator[Link]:
    """Yield one link per coding and per direct placement, quote by quote.

    Within a quote, codings come first in study order, then direct placements.
    A coding's sub-theme is the one its code reaches through parent codes and
    candidate themes (``None`` when it reaches none).
    """
    code_subtheme = study.index.code_subtheme
    codings: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for coding in study.codings:
        codings[coding.quote].append((coding.code, coding.coder))
    for quote in study.quotes:
        for code, coder in codings.get(quote.id, ()):
            yield quote, code, code_subtheme[code], coder
        for subtheme in quote.subthemes:
            yield quote, None, subtheme, None
