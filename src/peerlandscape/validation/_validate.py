"""Run the rules over a study and gather a report."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from peerlandscape._exceptions import UnknownRuleError
from peerlandscape.models import Study
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RULES, Rule, RuleGroup
from peerlandscape.validation._report import Finding, ValidationReport

__all__ = ["validate"]


def _names(value: Iterable[str] | str | None) -> tuple[str, ...] | None:
    # A bare string is one name, not an iterable of one-letter names.
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def _unknown(what: str, name: str, known: Iterable[str]) -> UnknownRuleError:
    return UnknownRuleError(
        f"unknown validation rule {what} {name!r}; known {what}s: {', '.join(known)}", name
    )


def _select(codes: tuple[str, ...] | None, groups: tuple[str, ...] | None) -> list[Rule]:
    if codes is None and groups is None:
        return list(RULES.values())
    for code in codes or ():
        if code not in RULES:
            raise _unknown("code", code, RULES)
    known_groups = {group.value for group in RuleGroup}
    for group in groups or ():
        if group not in known_groups:
            raise _unknown("group", group, known_groups)
    wanted_codes = set(codes or ())
    wanted_groups = set(groups or ())
    return [r for r in RULES.values() if r.code in wanted_codes or r.group in wanted_groups]


def validate(
    study: Study,
    *,
    options: ValidationOptions | None = None,
    rules: Iterable[str] | str | None = None,
    groups: Iterable[str] | str | None = None,
) -> ValidationReport:
    """Validate the analysis in ``study`` and return a report of what was found.

    Integrity (unique ids, references that resolve, no cycles) is checked when
    the study is built; this judges the analysis: orphan codes, sub-themes
    without data, quotes that disagree with their transcripts, and the rest of
    :data:`~peerlandscape.validation.RULES`. It never raises because of what it
    finds: call :meth:`ValidationReport.raise_for_errors` for that.

    Parameters
    ----------
    study
        The study to validate.
    options
        Thresholds and severity overrides; the defaults of
        :class:`ValidationOptions` when ``None``.
    rules
        Codes of the rules to run (a single code may be given as a string).
    groups
        Groups of rules to run (``"structure"``, ``"references"``,
        ``"coverage"``, ``"attribution"``, ``"consistency"``). With ``rules``,
        the union is run; with neither, every rule.

    Returns
    -------
    ValidationReport
        The findings, in a fixed order, and the codes of the rules run.

    Raises
    ------
    UnknownRuleError
        If ``rules``, ``groups`` or ``options.severities`` name a rule code or
        group that does not exist.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.validation import validate
    >>> report = validate(pl.datasets.engdahl2025())
    >>> report.valid, len(report.errors)
    (True, 0)
    >>> report.warnings[0].code, report.warnings[0].location
    ('duplicate-label', 'region:central-2')
    >>> validate(pl.datasets.engdahl2025(), groups="structure").summary()
    'valid: 0 errors, 0 warnings, 0 infos from 2 rules'
    >>> validate(pl.datasets.engdahl2025(), rules=["orphan-cod"])
    Traceback (most recent call last):
    ...
    peerlandscape.UnknownRuleError: unknown validation rule code 'orphan-cod'; ...
    """
    options = ValidationOptions() if options is None else options
    for code in options.severities:
        if code not in RULES:
            raise _unknown("code", code, RULES)
    selected = _select(_names(rules), _names(groups))
    findings: list[Finding] = []
    for chosen in selected:
        override = options.severities.get(chosen.code)
        if override is None or override is chosen.severity:
            findings.extend(chosen(study, options))
        else:
            findings.extend(attrs.evolve(f, severity=override) for f in chosen(study, options))
    return ValidationReport(findings, rules=[chosen.code for chosen in selected])
