"""The provenance of a quote: its paths up the framework to the overarching theme."""

from __future__ import annotations

from peerlandscape.models import Study
from peerlandscape.queries._arguments import known_id

__all__ = ["provenance"]


def provenance(study: Study, quote: str) -> list[tuple[str, ...]]:
    """Return every path from a quote up to the top of the framework, as node ids.

    One path per link: through each code applied to the quote (and its parent
    codes and candidate theme) or through a direct placement, up to the theme
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
    quote = known_id(quote, index.quotes, "quote", "quote")
    top = study.overarching_theme

    def upward_from_subtheme(subtheme: str) -> list[str]:
        path = [f"subtheme:{subtheme}", f"theme:{index.subthemes[subtheme].theme}"]
        if top is not None:
            path.append(f"overarching_theme:{top.id}")
        return path

    paths: list[tuple[str, ...]] = []
    for coding in study.codings:
        if coding.quote != quote:
            continue
        path = [f"quote:{quote}"]
        code: str | None = coding.code
        subtheme: str | None = None
        while code is not None:
            path.append(f"code:{code}")
            current = index.codes[code]
            if current.subtheme is not None:
                subtheme = current.subtheme
                break
            if current.candidate_theme is not None:
                path.append(f"candidate_theme:{current.candidate_theme}")
                subtheme = index.candidate_themes[current.candidate_theme].subtheme
                break
            code = current.parent
        if subtheme is not None:
            path.extend(upward_from_subtheme(subtheme))
        paths.append(tuple(path))
    paths.extend(
        (f"quote:{quote}", *upward_from_subtheme(subtheme))
        for subtheme in index.quotes[quote].subthemes
    )
    return paths
