"""``peerlandscape checklist``: what a study answers of COREQ, SRQR or Braun & Clarke (2006).

The report is :func:`peerlandscape.checklists.report`: each item's status
(``data``, ``text``, ``missing`` or ``manuscript``) and where in the study
its answer sits (or could sit). The text groups the items by the
guideline's domains; CSV is one row per item; JSON holds every answer
(:func:`checklist_data`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

import click

from peerlandscape._limits import Limits
from peerlandscape.cli._columns import LIST_SEPARATOR
from peerlandscape.cli._common import CommandError, echo_output, load_study, printable, wrap
from peerlandscape.cli._options import format_option, limits_option, study_argument

if TYPE_CHECKING:
    from peerlandscape.checklists import ChecklistReport, Guideline, ItemAnswer

__all__ = [
    "CSV_COLUMNS",
    "GUIDELINE_NAMES",
    "STATUS_MEANINGS",
    "ChecklistData",
    "checklist",
    "checklist_data",
    "csv_records",
    "render_text",
]

GUIDELINE_NAMES: dict[str, str] = {
    "coreq": "coreq",
    "srqr": "srqr",
    "braun-clarke": "braun-clarke-2006",
}
"""What ``--guideline`` takes, and the id of the guideline each names."""

STATUS_MEANINGS: dict[str, str] = {
    "data": "the study's data answer it",
    "text": "the study states the answer in words",
    "missing": "no answer, though the study could hold one",
    "manuscript": "only a reader of the manuscript can judge it",
}
"""Each status, as the text's key explains it."""

CSV_COLUMNS: tuple[str, ...] = ("label", "domain", "name", "status", "where", "evidence")
"""The columns of ``--format csv``: those of ``ChecklistReport.to_pandas()``, label first.

``where`` joins its places with ``"; "``; ``evidence`` joins its texts with
line breaks (statements may hold ``;``), which CSV keeps inside the cell.
"""

_STATUS_ORDER = tuple(STATUS_MEANINGS)


class ChecklistData(TypedDict):
    """What ``peerlandscape checklist --format json`` writes."""

    study: str
    guideline: dict[str, str]
    counts: dict[str, int]
    items: list[dict[str, Any]]


def checklist_data(result: ChecklistReport) -> ChecklistData:
    """Return ``result`` as the plain dictionary ``--format json`` writes.

    ``guideline`` has ``id``, ``name``, ``title`` and ``citation``;
    ``counts`` one key per status (``data``, ``text``, ``missing``,
    ``manuscript``), zero or not; each of ``items`` is
    :meth:`ChecklistReport.to_records <peerlandscape.checklists.ChecklistReport.to_records>`'s
    (``label``, ``domain``, ``name``, ``status``, ``where``, ``evidence``)
    with the item's ``number`` and ``question``.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.checklists import report
    >>> data = checklist_data(report(pl.datasets.engdahl2025(), "coreq"))
    >>> data["guideline"]["id"], data["counts"]
    ('coreq', {'data': 10, 'text': 11, 'missing': 11, 'manuscript': 0})
    >>> item = data["items"][20]
    >>> item["label"], item["status"], item["where"]
    ('21', 'data', ['interviews[*].approximate_duration_minutes'])
    """
    guideline = result.guideline
    return {
        "study": result.study,
        "guideline": {
            "id": guideline.id,
            "name": guideline.name,
            "title": guideline.title,
            "citation": guideline.citation,
        },
        "counts": {status: len(result.with_status(status)) for status in _STATUS_ORDER},
        "items": [
            {**record, "number": answer.item.number, "question": answer.item.question}
            for record, answer in zip(result.to_records(), result.answers, strict=True)
        ],
    }


def csv_records(result: ChecklistReport) -> list[dict[str, Any]]:
    """Return the rows of ``--format csv``, one per item, in the guideline's order.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.checklists import report
    >>> row = csv_records(report(pl.datasets.engdahl2025(), "coreq"))[13]
    >>> row["label"], row["status"], row["where"]
    ('14', 'data', 'interviews[*].setting; interviews[*].mode')
    """
    return [
        {
            **record,
            "where": LIST_SEPARATOR.join(record["where"]),
            "evidence": "\n".join(record["evidence"]),
        }
        for record in result.to_records()
    ]


def _counts(result: ChecklistReport) -> str:
    counts = [(status, len(result.with_status(status))) for status in _STATUS_ORDER]
    return ", ".join(f"{count} {status}" for status, count in counts if count)


def render_text(
    result: ChecklistReport,
    width: int,
    *,
    statuses: tuple[str, ...] = (),
    evidence: bool = False,
) -> str:
    """Render ``result``: a summary line, the key of statuses, then the items by domain.

    Each item is its label, its status and its name; under it, where the
    study answers it (``in``), or for a missing item where it could
    (``could be in``); with ``evidence``, what each answer holds. Only the
    items of ``statuses`` are shown when any are given.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.checklists import report
    >>> coreq = report(pl.datasets.engdahl2025(), "coreq")
    >>> print(click.unstyle(render_text(coreq, 80, statuses=("data",))))
    ... # doctest: +ELLIPSIS
    COREQ for engdahl2025: 21 of 32 items answered (10 data, 11 text, 11 missing)
    data: the study's data answer it; text: the study states the answer in words;
      missing: no answer, though the study could hold one; manuscript: only a
      reader of the manuscript can judge it
    Showing 10 items: data.
    <BLANKLINE>
    Study design
      12  data  Sample size
                in participants
      14  data  Setting of data collection
                in interviews[*].setting, interviews[*].mode
    ...
    """
    shown = [a for a in result.answers if not statuses or a.status.value in statuses]
    answered = len(result.reported)
    headline = (
        f"{result.guideline.name} for {printable(result.study)}: {answered} of "
        f"{len(result.answers)} items answered ({_counts(result)})"
    )
    lines = [click.style(line, bold=True) for line in wrap(headline, width, hanging="  ")]
    key = "; ".join(f"{status}: {meaning}" for status, meaning in STATUS_MEANINGS.items())
    lines += wrap(key, width, hanging="  ")
    if statuses:
        lines += wrap(f"Showing {len(shown)} items: {', '.join(statuses)}.", width)
    label_width = max((len(a.item.label) for a in result.answers), default=1)
    status_width = max(len(a.status.value) for a in shown) if shown else 0
    domain = None
    for answer in shown:
        if answer.item.domain != domain:
            domain = answer.item.domain
            lines += ["", click.style(printable(domain), bold=True)]
        lines += _item_lines(answer, width, label_width, status_width, evidence=evidence)
    return "\n".join(lines)


def _item_lines(
    answer: ItemAnswer, width: int, label_width: int, status_width: int, *, evidence: bool
) -> list[str]:
    head = f"  {answer.item.label:>{label_width}}  {answer.status.value:<{status_width}}  "
    hanging = " " * len(head)
    lines = wrap(printable(answer.item.name), width, indent=head, hanging=hanging + "  ")
    if answer.where:
        said = "in" if answer.reported else "could be in"
        lines += wrap(
            printable(f"{said} {', '.join(answer.where)}"),
            width,
            indent=hanging,
            hanging=hanging + "  ",
        )
    if evidence:
        for text in answer.evidence:
            for paragraph in text.splitlines() or [""]:
                lines += wrap(
                    printable(f"> {paragraph}"), width, indent=hanging, hanging=hanging + "  "
                )
    return lines


def _guideline(name: str) -> Guideline:
    from peerlandscape.checklists import GUIDELINES  # noqa: PLC0415

    wanted = GUIDELINE_NAMES.get(name.casefold(), name.casefold())
    for guideline in GUIDELINES:
        if wanted in (guideline.id, guideline.name.casefold()):
            return guideline
    choices = ", ".join(GUIDELINE_NAMES)
    raise CommandError(
        f"--guideline: no guideline {printable(name)!r}; choose one of {choices}",
        kind="invalid_option",
    )


@click.command("checklist")
@study_argument
@click.option(
    "--guideline",
    required=True,
    metavar="coreq|srqr|braun-clarke",
    help="COREQ (Tong et al. 2007, interviews and focus groups), SRQR (O'Brien et al. 2014) "
    "or Braun & Clarke's (2006) 15-point checklist for thematic analysis.",
)
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(_STATUS_ORDER),
    help="Show only the items of this status; repeat for several. The counts stay the "
    "whole guideline's.",
)
@click.option("--evidence", is_flag=True, help="Show what each answer holds, under where it sits.")
@format_option("text", "csv", "json")
@limits_option
def checklist(
    *,
    path: Path | None,
    limits: Limits,
    guideline: str,
    statuses: tuple[str, ...],
    evidence: bool,
    output_format: str,
) -> None:
    """Report what a study answers of a reporting checklist.

    For each item of the guideline (COREQ, SRQR or Braun & Clarke 2006): its
    status, data (the study's data answer it), text (the study states the
    answer), missing (no answer, though a study record could hold one) or
    manuscript (only a reader of the written report can judge it), and where
    in the study the answer sits, or could. --status keeps the items of a
    status (--status missing: what is left to report), --evidence adds what
    each answer holds.

    --format csv writes one row per item (label, domain, name, status, where,
    evidence), --format json every answer with the item's question.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    chosen = _guideline(guideline)
    study = load_study(path, limits=limits)
    from peerlandscape.checklists import report  # noqa: PLC0415

    result = report(study, chosen)

    def kept(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [item for item in items if not statuses or item["status"] in statuses]

    def data() -> ChecklistData:
        shown = checklist_data(result)
        shown["items"] = kept(shown["items"])
        return shown

    echo_output(
        output_format,
        text=lambda width: render_text(result, width, statuses=statuses, evidence=evidence),
        data=data,
        records=lambda: (CSV_COLUMNS, kept(csv_records(result))),
    )
