"""Coverage rules: the data reach the framework, and the framework rests on data.

Examples
--------
>>> from peerlandscape.models import Study
>>> from peerlandscape.validation import RULES, ValidationOptions
>>> study = Study.model_validate({
...     "id": "s", "title": "A study",
...     "themes": [{"id": "t", "label": "A theme"}],
...     "subthemes": [{"id": "st", "label": "A sub-theme", "theme": "t"}],
...     "codes": [{"id": "funding", "label": "Funding"}],
...     "quotes": [{"id": "q-1", "text": "Money is short."}],
...     "codings": [{"quote": "q-1", "code": "funding"}],
... })
>>> [f.message for f in RULES["orphan-code"](study, ValidationOptions())]
["code 'funding' reaches no sub-theme through its parent codes or candidate theme"]
>>> [f.location for f in RULES["subtheme-without-data"](study, ValidationOptions())]
['subtheme:st']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from peerlandscape.models import Study
from peerlandscape.validation._facts import facts
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RuleGroup, rule
from peerlandscape.validation._report import Finding, Severity, counted, location

__all__ = [
    "code_never_applied",
    "orphan_code",
    "quote_unlinked",
    "subtheme_without_data",
    "theme_without_quotes",
]


@rule(
    "orphan-code",
    group=RuleGroup.COVERAGE,
    severity=Severity.WARNING,
    summary="A code reaches no sub-theme or theme through its parents or candidate theme.",
)
def orphan_code(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about codes whose quotes cannot count towards any sub-theme or theme."""
    for code_id, path in study.index.code_paths.items():
        if path.subtheme is None and path.theme is None:
            yield orphan_code.finding(
                location("code", code_id),
                f"code {code_id!r} reaches no sub-theme through its parent codes "
                "or candidate theme",
            )


@rule(
    "code-never-applied",
    group=RuleGroup.COVERAGE,
    severity=Severity.WARNING,
    summary="Neither a code nor any code nested under it is applied to a quote.",
)
def code_never_applied(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about codes with no data; a parent code counts as applied through its children."""
    yield from code_never_applied.each_missing(
        "code",
        (code.id for code in study.codes),
        facts(study).used_codes,
        "code {id!r} is applied to no quote, and neither is any code nested under it",
    )


@rule(
    "subtheme-without-data",
    group=RuleGroup.COVERAGE,
    severity=Severity.WARNING,
    summary="A sub-theme has no quote coded with it or with an element under it.",
)
def subtheme_without_data(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about sub-themes that no quote supports."""
    reached = facts(study).subtheme_quotes
    yield from subtheme_without_data.each_missing(
        "subtheme",
        (subtheme.id for subtheme in study.subthemes),
        {subtheme for subtheme, quotes in reached.items() if quotes},
        "sub-theme {id!r} has no quote, coded with it or through a code",
    )


@rule(
    "theme-without-quotes",
    group=RuleGroup.COVERAGE,
    severity=Severity.WARNING,
    summary="No quote reaches a theme, directly or through any of its sub-themes.",
)
def theme_without_quotes(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about themes that no quote supports, whatever their sub-themes."""
    reached = facts(study).quotes_reaching("theme")
    subthemes: dict[str, int] = defaultdict(int)
    for subtheme in study.subthemes:
        subthemes[subtheme.theme] += 1
    for theme in study.themes:
        if not reached[theme.id]:
            yield theme_without_quotes.finding(
                location("theme", theme.id),
                f"theme {theme.id!r} has no quote under any of its "
                f"{counted(subthemes[theme.id], 'sub-theme')}",
                subthemes=subthemes[theme.id],
            )


@rule(
    "quote-unlinked",
    group=RuleGroup.COVERAGE,
    severity=Severity.WARNING,
    summary="A quote has no coding: nothing links it to the framework.",
)
def quote_unlinked(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about quotes that are not linked to the framework at all."""
    yield from quote_unlinked.each_missing(
        "quote",
        (quote.id for quote in study.quotes),
        facts(study).codings_by_quote,
        "quote {id!r} has no coding: nothing links it to the framework",
    )
