"""``peerlandscape validate``: judge the analysis in a study, and say whether it holds.

The command runs :func:`peerlandscape.validation.validate` and reports the
:class:`~peerlandscape.validation.ValidationReport`. Its exit code is the
verdict, so that a script or CI job can rely on it: 0 when the study is valid
(warnings and infos allowed), :data:`EXIT_INVALID` when there are
error-severity findings, and 2 when the input cannot be used at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

import click

from peerlandscape import validation
from peerlandscape._exceptions import UnknownRuleError
from peerlandscape._limits import Limits
from peerlandscape.cli._common import echo_output, load_study, printable, render_table, wrap
from peerlandscape.cli._options import count_option, format_option, limits_option, study_argument
from peerlandscape.validation import RULES, RuleGroup, Severity, ValidationOptions, ValidationReport

__all__ = [
    "EXIT_INVALID",
    "ValidationResult",
    "render_text",
    "report_data",
    "select_rules",
    "validate",
]

EXIT_INVALID = 1
"""Exit code when the study was read but validation found error-severity findings."""

_HEADINGS = {Severity.ERROR: "Errors", Severity.WARNING: "Warnings", Severity.INFO: "Infos"}


class ValidationResult(TypedDict):
    """What ``peerlandscape validate --format json`` writes."""

    valid: bool
    counts: dict[str, int]
    findings: list[dict[str, str]]


def select_rules(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """Split the names given to ``--select`` into rule codes and rule groups.

    A name may be a rule code (``"orphan-code"``) or a group (``"coverage"``);
    one that is both selects both.

    Returns
    -------
    tuple of (list of str, list of str)
        The rule codes and the group names, each in the order given.

    Raises
    ------
    UnknownRuleError
        If a name is neither, naming it and listing the known groups and codes.

    Examples
    --------
    >>> select_rules(["coverage", "span-outside-source"])
    (['span-outside-source'], ['coverage'])
    >>> select_rules(["orphan-cod"])
    Traceback (most recent call last):
    ...
    peerlandscape.UnknownRuleError: unknown rule code or group 'orphan-cod'; ...
    """
    groups = [group.value for group in RuleGroup]
    for name in names:
        if name not in RULES and name not in groups:
            raise UnknownRuleError(
                f"unknown rule code or group {name!r}; known groups: {', '.join(groups)}; "
                f"known codes: {', '.join(RULES)}",
                name,
            )
    return [name for name in names if name in RULES], [name for name in names if name in groups]


def report_data(report: ValidationReport) -> ValidationResult:
    """Return ``report`` as the plain dictionary ``--format json`` writes.

    ``counts`` has one key per severity (``error``, ``warning``, ``info``),
    zero or not; ``findings`` are :meth:`ValidationReport.to_records`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> data = report_data(pl.validate(pl.datasets.engdahl2025()))
    >>> data["valid"], data["counts"]
    (True, {'error': 0, 'warning': 10, 'info': 31})
    """
    return {
        "valid": report.valid,
        "counts": {
            severity.value: sum(1 for f in report.findings if f.severity is severity)
            for severity in Severity
        },
        "findings": report.to_records(),
    }


def render_text(report: ValidationReport, width: int | None = None) -> str:
    """Render ``report`` as its summary line, then its findings grouped by severity.

    Each group is headed by its severity and count. When every finding fits
    on a line of ``width`` columns (or ``width`` is ``None``), each is one
    line of code, location and message, aligned across the groups.
    Otherwise the findings of a severity are grouped by rule code, and each
    is its location and message, wrapped to ``width``.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> report = pl.validate(pl.datasets.engdahl2025(), rules=["duplicate-label"])
    >>> print(click.unstyle(render_text(report)))
    valid: 0 errors, 1 warning, 0 infos from 1 rule
    <BLANKLINE>
    Warnings (1)
      duplicate-label  region:central-2  region 'central-2' has the label 'A region in central Sweden', already used by region 'central-1'
    >>> print(click.unstyle(render_text(report, 60)))
    valid: 0 errors, 1 warning, 0 infos from 1 rule
    <BLANKLINE>
    Warnings (1)
      duplicate-label (1)
        region:central-2: region 'central-2' has the label 'A
          region in central Sweden', already used by region
          'central-1'
    """  # noqa: E501
    lines = [report.summary()] if width is None else wrap(report.summary(), width)
    rows = [[f.code, printable(f.location), printable(f.message)] for f in report.findings]
    # Align all groups alike, then cut the table into groups (findings are sorted by severity).
    table = [f"  {line}" for line in render_table(["code", "location", "message"], rows)[1:]]
    narrow = width is not None and any(len(line) > width for line in table)
    for severity in Severity:
        found = [i for i, f in enumerate(report.findings) if f.severity is severity]
        if not found:
            continue
        lines += ["", click.style(f"{_HEADINGS[severity]} ({len(found)})", bold=True)]
        if not narrow:
            lines += [table[i] for i in found]
            continue
        by_code: dict[str, list[list[str]]] = {}
        for i in found:
            by_code.setdefault(rows[i][0], []).append(rows[i])
        for code, group in by_code.items():
            lines.append(f"  {code} ({len(group)})")
            for _, location, message in group:
                lines += wrap(f"{location}: {message}", width or 0, indent="    ", hanging="      ")
    return "\n".join(lines)


def _parse_severities(
    ctx: click.Context | None, param: click.Parameter | None, values: Sequence[str]
) -> dict[str, Severity]:
    """Read the ``--severity CODE=LEVEL`` values into a mapping of code to severity.

    >>> _parse_severities(None, None, ["duplicate-label=info"])
    {'duplicate-label': <Severity.INFO: 'info'>}
    """
    levels = [severity.value for severity in Severity]
    parsed: dict[str, Severity] = {}
    for value in values:
        code, equals, level = value.partition("=")
        if not equals or level.strip() not in levels:
            raise click.BadParameter(
                f"{value!r} is not CODE=LEVEL with LEVEL one of {', '.join(levels)}"
            )
        # Unknown codes are left to validate(), which names them and lists the known ones.
        parsed[code.strip()] = Severity(level.strip())
    return parsed


@click.command("validate")
@study_argument
@format_option("text", "json")
@click.option(
    "--select",
    "selected",
    multiple=True,
    metavar="CODE_OR_GROUP",
    help="Run only this rule, or this group of rules (structure, references, coverage, "
    "attribution, consistency); repeat to run several. Default: every rule.",
)
@count_option(
    "--min-participants",
    default=ValidationOptions().min_participants_per_subtheme,
    help="Fewest distinct known participants a sub-theme should rest on (0: no check).",
)
@count_option(
    "--min-subthemes",
    default=ValidationOptions().min_subthemes_per_theme,
    help="Fewest sub-themes a theme should have (0: no check).",
)
@click.option(
    "--fold-whitespace/--exact-whitespace",
    default=ValidationOptions().fold_whitespace_in_quote_match,
    show_default=True,
    help="Whether a quote matches its source text when only whitespace differs.",
)
@click.option(
    "--severity",
    "severities",
    multiple=True,
    metavar="CODE=LEVEL",
    callback=_parse_severities,
    help="Report the findings of a rule at another severity (error, warning or info), "
    "e.g. --severity duplicate-label=info; repeatable.",
)
@limits_option
def validate(
    *,
    path: Path | None,
    limits: Limits,
    output_format: str,
    selected: tuple[str, ...],
    min_participants: int,
    min_subthemes: int,
    fold_whitespace: bool,
    severities: dict[str, Severity],
) -> None:
    """Validate the analysis in a study; exit 1 if it has errors.

    Runs the validation rules (orphan codes, thin sub-themes, quotes that
    disagree with their transcripts...) and prints a summary line, then the
    findings grouped by severity, each with its rule code, the location of
    the object (kind:id) and a message.

    Exit code: 0 when the study is valid (warnings and infos allowed), 1 when
    there are error-severity findings, 2 when the input cannot be read as a
    study or an option names an unknown rule.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is validated.
    """
    options = ValidationOptions(
        min_participants_per_subtheme=min_participants,
        min_subthemes_per_theme=min_subthemes,
        fold_whitespace_in_quote_match=fold_whitespace,
        severities=severities,
    )
    codes, groups = select_rules(selected) if selected else (None, None)
    report = validation.validate(
        load_study(path, limits=limits), options=options, rules=codes, groups=groups
    )
    echo_output(
        output_format,
        text=lambda width: render_text(report, width),
        data=lambda: report_data(report),
    )
    if not report.valid:
        click.get_current_context().exit(EXIT_INVALID)
