"""Structure rules: the shape of the framework above the codes.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.validation import RULES, ValidationOptions
>>> study = pl.datasets.engdahl2025()
>>> list(RULES["theme-too-few-subthemes"](study, ValidationOptions()))
[]
>>> strict = ValidationOptions(min_subthemes_per_theme=4)
>>> [f.message for f in RULES["theme-too-few-subthemes"](study, strict)][0]
"theme 'scaling-up-peer-support' has 3 sub-themes; at least 4 are expected"
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from peerlandscape.models import Study
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RuleGroup, rule
from peerlandscape.validation._report import Finding, Severity, counted, location

__all__ = ["candidate_theme_not_developed", "theme_too_few_subthemes"]


@rule(
    "theme-too-few-subthemes",
    group=RuleGroup.STRUCTURE,
    severity=Severity.WARNING,
    summary="A theme has fewer sub-themes than the threshold.",
)
def theme_too_few_subthemes(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about themes with fewer than ``options.min_subthemes_per_theme`` sub-themes."""
    minimum = options.min_subthemes_per_theme
    per_theme = Counter(subtheme.theme for subtheme in study.subthemes)
    for theme in study.themes:
        found = per_theme[theme.id]
        if found < minimum:
            yield theme_too_few_subthemes.finding(
                location("theme", theme.id),
                f"theme {theme.id!r} has {counted(found, 'sub-theme')}; "
                f"at least {minimum} are expected",
                subthemes=found,
                minimum=minimum,
            )


@rule(
    "candidate-theme-not-developed",
    group=RuleGroup.STRUCTURE,
    severity=Severity.INFO,
    summary="A candidate theme was not developed into a sub-theme.",
)
def candidate_theme_not_developed(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Note candidate themes that name no sub-theme (dropped or merged in review)."""
    for candidate in study.candidate_themes:
        if candidate.subtheme is None:
            yield candidate_theme_not_developed.finding(
                location("candidate_theme", candidate.id),
                f"candidate theme {candidate.id!r} ({candidate.label!r}) "
                "was not developed into a sub-theme",
            )
