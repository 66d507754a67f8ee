"""Code co-occurrence: which codes are applied together."""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Literal

from peerlandscape.models import Study
from peerlandscape.queries._arguments import choice

__all__ = ["code_cooccurrence"]


def code_cooccurrence(
    study: Study, *, within: Literal["quote", "interview"] = "quote"
) -> Counter[tuple[str, str]]:
    """Count, for each pair of codes, the quotes (or interviews) where both were applied.

    Pairs are sorted tuples of code ids, so ``(a, b)`` and ``(b, a)`` are one
    key. A code applied twice to a quote (by two coders) counts once. With
    ``within="interview"``, quotes of unknown interview are left out.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> pairs = code_cooccurrence(pl.datasets.engdahl2025())
    >>> list(pairs.items())  # doctest: +NORMALIZE_WHITESPACE
    [(('f2-lack-of-funding-generate-complexity',
       'f2-lack-of-ps-awareness-leads-to-deprioritize-ps-funding'), 1)]
    """
    choice("within", within, ("quote", "interview"))
    quotes = study.index.quotes
    units: dict[str, set[str]] = defaultdict(set)
    for coding in study.codings:
        if coding.code is None:
            continue  # a coding of a theme or sub-theme: this counts codes only
        key = coding.quote if within == "quote" else quotes[coding.quote].interview
        if key is not None:
            units[key].add(coding.code)
    pairs: Counter[tuple[str, str]] = Counter()
    for codes in units.values():
        pairs.update(combinations(sorted(codes), 2))
    return pairs
