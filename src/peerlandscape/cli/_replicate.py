"""``peerlandscape replicate``: a study compared with the framework it was coded against.

The comparison is :func:`peerlandscape.replication.replicate`. The text is
its summary, then one row per sub-theme of the reference framework (found or
not, quotes, participants, the groups that voice it beside those the original
names), then the additions. CSV is the table of
:meth:`~peerlandscape.replication.Replication.to_pandas`, written without
pandas; JSON holds every figure (:func:`replication_data`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import attrs
import click

from peerlandscape._limits import Limits
from peerlandscape.cli._columns import csv_row, fitted_table, group_key
from peerlandscape.cli._common import echo_output, load_reference, load_study, printable, wrap
from peerlandscape.cli._options import all_errors_option, format_option, limits_option
from peerlandscape.replication._results import TABLE_COLUMNS

if TYPE_CHECKING:
    from peerlandscape.models import Study
    from peerlandscape.replication import Addition, Replication, SubthemeReplication

__all__ = [
    "CSV_COLUMNS",
    "ReplicationData",
    "csv_records",
    "render_text",
    "replicate",
    "replication_data",
]

BUILTIN = "engdahl2025"
"""The name that stands for the built-in study, as STUDY or as ``--reference``."""

_NONE = "-"
_KINDS = {"subtheme": "sub-theme", "candidate_theme": "candidate theme"}


class ReplicationData(TypedDict):
    """What ``peerlandscape replicate --format json`` writes."""

    study: str
    reference: str
    found: list[str]
    missing: list[str]
    subthemes: list[dict[str, Any]]
    additions: list[dict[str, Any]]


def replication_data(result: Replication) -> ReplicationData:
    """Return ``result`` as the plain dictionary ``--format json`` writes.

    ``found`` and ``missing`` are the ids of the reference's sub-themes that
    quotes of the study reach, and those none reaches. Each of ``subthemes``
    has the fields of :class:`~peerlandscape.replication.SubthemeReplication`
    (``subtheme``, ``label``, ``theme``, ``matched``, ``quotes``,
    ``participants``, ``groups``, ``basis``, ``original_quotes``,
    ``original_participants``, ``original_groups``, ``original_basis``) and
    ``found`` and ``groups_agree``; each of ``additions`` those of
    :class:`~peerlandscape.replication.Addition` (``kind``, ``id``, ``label``,
    ``theme``, ``quotes``, ``participants``, ``groups``). Groups are lists.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.replication import replicate
    >>> data = replication_data(replicate(pl.datasets.engdahl2025()))
    >>> data["reference"], len(data["found"]), data["missing"], data["additions"]
    ('engdahl2025', 12, [], [])
    >>> row = data["subthemes"][8]
    >>> row["subtheme"], row["quotes"], row["groups"], row["found"], row["groups_agree"]
    ('mitigating-peer-drifting', 1, ['peer_support_worker', 'user_organization'], True, True)
    """
    return {
        "study": result.study,
        "reference": result.reference,
        "found": list(result.found),
        "missing": list(result.missing),
        "subthemes": [
            {
                **_plain(row),
                "found": row.found,
                "groups_agree": row.groups_agree,
            }
            for row in result.subthemes
        ],
        "additions": [attrs.asdict(addition) for addition in result.additions],
    }


CSV_COLUMNS: tuple[str, ...] = TABLE_COLUMNS
"""The columns of ``--format csv``: those of ``Replication.to_pandas()``, in its order."""


def _plain(row: SubthemeReplication | Addition) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in attrs.asdict(row).items()
    }


def csv_records(result: Replication) -> list[dict[str, Any]]:
    """Return the rows ``--format csv`` writes: each reference sub-theme, then each addition.

    They are the rows of :meth:`~peerlandscape.replication.Replication.to_pandas`,
    made without pandas: a list of groups is one cell, its ids joined by
    ``"; "``, and a value that does not apply (an addition's original
    counts) is empty.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.replication import replicate
    >>> record = csv_records(replicate(pl.datasets.engdahl2025()))[0]
    >>> record["status"], record["id"], record["groups"], record["groups_agree"]
    ('found', 'ensuring-financial-sustainability-for-growth', 'peer_support_worker; official', True)
    """
    # The table's rows are made once, by the replication itself; only pandas is left out.
    return [
        csv_row({column: record[column] for column in CSV_COLUMNS})
        for record in result.to_records()
    ]


def render_text(result: Replication, width: int) -> str:
    r"""Render ``result`` as its summary, then a table of the reference's sub-themes, at ``width``.

    Each row says whether the study finds the sub-theme, with how many quotes
    and participants, the groups that voice it in the study and those the
    original names (by short names, explained above the table; ``-``: none).
    The additions follow, each with its kind and counts.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.replication import replicate
    >>> text = click.unstyle(render_text(replicate(pl.datasets.engdahl2025()), 80))
    >>> print("\n".join(text.splitlines()[:10]))
    engdahl2025 against the framework of engdahl2025: 12 of 12 sub-themes found.
    Voiced by the groups the original names: 12 of 12.
    Nothing outside the framework.
    <BLANKLINE>
    Groups: PSW peer_support_worker, OFF official, UO user_organization
    <BLANKLINE>
    sub-theme
        status  quotes  participants  groups        original
    ensuring-financial-sustainability-for-growth
        found        3             2  PSW, OFF      PSW, OFF
    """
    lines: list[str] = []
    for sentence in result.summary().splitlines():
        lines += wrap(printable(sentence), width, hanging="  ")
    groups = list(result.labels) or [
        group for row in result.subthemes for group in (*row.groups, *row.original_groups)
    ]
    names, key = group_key(list(dict.fromkeys(groups)), width)

    def shown(ids: tuple[str, ...]) -> str:
        return ", ".join(names.get(group, printable(group)) for group in ids) or _NONE

    rows = [
        [
            printable(row.subtheme),
            "found" if row.found else "not found",
            str(row.quotes),
            str(row.participants),
            shown(row.groups),
            shown(row.original_groups),
        ]
        for row in result.subthemes
    ]
    headings = ["sub-theme", "status", "quotes", "participants", "groups", "original"]
    numeric = [False, False, True, True, False, False]
    lines += ["", *key, "", *fitted_table(headings, rows, numeric=numeric, width=width)]
    if result.additions:
        added = [
            [
                printable(addition.id),
                _KINDS.get(addition.kind, addition.kind),
                str(addition.quotes),
                str(addition.participants),
                shown(addition.groups),
            ]
            for addition in result.additions
        ]
        lines += [
            "",
            *fitted_table(
                ["addition", "kind", "quotes", "participants", "groups"],
                added,
                numeric=[False, False, True, True, False],
                width=width,
            ),
        ]
    return "\n".join(lines)


def _load(study: str, limits: Limits) -> Study:
    # STUDY may name the built-in study, as --reference may: a file of that name needs "./".
    return load_study(None if study == BUILTIN else Path(study), limits=limits)


@click.command("replicate")
@click.argument("study", metavar="STUDY")
@click.option(
    "--reference",
    metavar="NAME|PATH",
    default=BUILTIN,
    show_default=True,
    help=f'The framework STUDY was coded against: "{BUILTIN}" (the built-in study) or the '
    "path of a study document.",
)
@format_option("text", "csv", "json")
@all_errors_option
@limits_option
def replicate(*, study: str, reference: str, output_format: str, limits: Limits) -> None:
    """Compare a study with the framework it was coded against.

    For each sub-theme of the reference framework: whether the study finds
    it (a quote of the study reaches it), with how many quotes and
    participants, and which stakeholder groups voice it beside those the
    original names; then what the study has that the framework has no place
    for (themes, sub-themes, codes placed under none).

    STUDY is a JSON study document (- reads standard input), typically one
    imported with `peerlandscape import FILE --reference engdahl2025`, or
    engdahl2025 for the built-in study. --format csv writes one row per
    sub-theme and addition (the columns of Replication.to_pandas()), --format
    json every figure.
    """
    from peerlandscape.replication import replicate as compare  # noqa: PLC0415

    loaded = _load(study, limits)
    result = compare(loaded, load_reference(reference, limits=limits))
    echo_output(
        output_format,
        text=lambda width: render_text(result, width),
        data=lambda: replication_data(result),
        records=lambda: (CSV_COLUMNS, csv_records(result)),
    )
