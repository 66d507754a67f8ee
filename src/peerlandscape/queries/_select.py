"""Selecting quotes by their place in the framework and by who said them."""

from __future__ import annotations

from collections import defaultdict

from peerlandscape._links import iter_links
from peerlandscape.models import Kind, Quote, Study
from peerlandscape.queries._arguments import known_id

__all__ = ["descendant_codes", "quotes_for"]


def descendant_codes(study: Study, code: str) -> set[str]:
    """Return ``code`` and every code nested under it.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> sorted(descendant_codes(study, "f2-lack-of-funding-generate-complexity"))
    ['f2-lack-of-funding-generate-complexity']
    """
    children: dict[str, list[str]] = {}
    for candidate in study.codes:
        if candidate.parent is not None:
            children.setdefault(candidate.parent, []).append(candidate.id)
    found = {code}
    pending = [code]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in found:
                found.add(child)
                pending.append(child)
    return found


def quotes_for(
    study: Study,
    *,
    theme: str | None = None,
    subtheme: str | None = None,
    code: str | None = None,
    group: str | None = None,
    participant: str | None = None,
    interview: str | None = None,
    include_child_codes: bool = True,
) -> list[Quote]:
    """Return the quotes that match every given filter, each once, in study order.

    Each filter is a property of the whole quote: with ``code`` and ``subtheme``
    together, a quote coded with the code and linked (through any code, or
    directly) to the sub-theme matches. A quote linked to no code or sub-theme
    matches when no framework filter (``theme``, ``subtheme``, ``code``) is given.

    Parameters
    ----------
    study
        The study to search.
    theme, subtheme
        Keep quotes linked (through a code or directly) to this theme or sub-theme.
    code
        Keep quotes coded with this code (and, with ``include_child_codes``,
        with any code nested under it).
    group, participant, interview
        Keep quotes said by a member of this stakeholder group, by this
        participant, or taken from this interview.
    include_child_codes
        Whether ``code`` also matches the codes nested under it.

    Raises
    ------
    UnknownIdError
        If a filter names an id the study does not contain (also a :class:`KeyError`).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> [q.id for q in quotes_for(study, subtheme="mitigating-peer-drifting")]
    ['psw-12-continuous-training']
    >>> len(quotes_for(study, theme="scaling-up-peer-support", group="official"))
    1
    """
    index = study.index
    # Ids may be given bare ("mitigating-peer-drifting") or as the graph and validation
    # reports name them ("subtheme:mitigating-peer-drifting").
    theme, subtheme, code, group, participant, interview = (
        None if value is None else known_id(study, kind, value)
        for value, kind in (
            (theme, Kind.THEME),
            (subtheme, Kind.SUBTHEME),
            (code, Kind.CODE),
            (group, Kind.GROUP),
            (participant, Kind.PARTICIPANT),
            (interview, Kind.INTERVIEW),
        )
    )
    codes = (
        (descendant_codes(study, code) if include_child_codes else {code})
        if code is not None
        else None
    )
    # Each filter is a property of the quote, whichever of its links satisfies it: a quote
    # coded with ``code`` and placed (by another link) under ``subtheme`` matches both.
    linked_codes: dict[str, set[str]] = defaultdict(set)
    linked_subthemes: dict[str, set[str]] = defaultdict(set)
    linked_themes: dict[str, set[str]] = defaultdict(set)
    for quote, coding, link_subtheme, link_theme in iter_links(study):
        if coding.code is not None:
            linked_codes[quote.id].add(coding.code)
        if link_subtheme is not None:
            linked_subthemes[quote.id].add(link_subtheme)
        if link_theme is not None:
            linked_themes[quote.id].add(link_theme)
    selected: list[Quote] = []
    for quote in study.quotes:
        if participant is not None and quote.participant != participant:
            continue
        if interview is not None and quote.interview != interview:
            continue
        if group is not None and (
            quote.participant is None or index.participants[quote.participant].group != group
        ):
            continue
        if codes is not None and codes.isdisjoint(linked_codes[quote.id]):
            continue
        if subtheme is not None and subtheme not in linked_subthemes[quote.id]:
            continue
        if theme is not None and theme not in linked_themes[quote.id]:
            continue
        selected.append(quote)
    return selected
