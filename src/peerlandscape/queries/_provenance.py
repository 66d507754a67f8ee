"""The provenance of a quote: its paths up the framework to the overarching theme."""

from __future__ import annotations

from peerlandscape.models import Kind, Study, format_ref
from peerlandscape.queries._arguments import known_id

__all__ = ["provenance"]


def provenance(study: Study, quote: str) -> list[tuple[str, ...]]:
    """Return every path from a quote up to the top of the framework, as node ids.

    One path per coding of the quote: from the element it applies (a code and
    its parent codes and candidate theme, a sub-theme, a theme) up to the theme
    and the overarching theme. Node ids are namespaced as in the graph
    (``"quote:..."``, ``"code:..."``). A path stops early where the framework
    does (a code that reaches no sub-theme).

    Raises
    ------
    UnknownIdError
        If the study has no quote with that id (also a :class:`KeyError`).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> for path in provenance(pl.datasets.engdahl2025(), "table-1-extract")[:1]:
    ...     print(" > ".join(path))  # doctest: +NORMALIZE_WHITESPACE
    quote:table-1-extract > code:f2-lack-of-funding-generate-complexity >
    candidate_theme:lacking-funding > subtheme:ensuring-financial-sustainability-for-growth >
    theme:scaling-up-peer-support > overarching_theme:crafting-a-recipe-for-progress
    """
    index = study.index
    quote = known_id(study, Kind.QUOTE, quote)
    top = study.overarching_theme
    start = format_ref(Kind.QUOTE, quote)
    paths: list[tuple[str, ...]] = []
    for position in index.codings_by_quote.get(quote, ()):
        kind, element = study.codings[position].target
        path = [start, *_upward(study, Kind(kind), element)]
        if top is not None and path[-1].startswith(f"{Kind.THEME.value}:"):
            path.append(format_ref(Kind.OVERARCHING_THEME, top.id))
        paths.append(tuple(path))
    return paths


def _upward(study: Study, kind: Kind, element: str) -> list[str]:
    # From an element of the framework up to its theme, through every level it passes.
    index = study.index
    path: list[str] = []
    current: tuple[Kind, str] | None = (kind, element)
    while current is not None:
        kind, element = current
        path.append(format_ref(kind, element))
        if kind is Kind.CODE:
            code = index.codes[element]
            current = next(
                (
                    (place_kind, value)
                    for place_kind, value in (
                        (Kind.CODE, code.parent),
                        (Kind.CANDIDATE_THEME, code.candidate_theme),
                        (Kind.SUBTHEME, code.subtheme),
                        (Kind.THEME, code.theme),
                    )
                    if value is not None
                ),
                None,
            )
        elif kind is Kind.CANDIDATE_THEME:
            subtheme = index.candidate_themes[element].subtheme
            current = None if subtheme is None else (Kind.SUBTHEME, subtheme)
        elif kind is Kind.SUBTHEME:
            current = (Kind.THEME, index.subthemes[element].theme)
        else:
            current = None
    return path
