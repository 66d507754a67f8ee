"""``peerlandscape saturation``: what each interview adds, whether saturation was reached, and why.

Three views of :mod:`peerlandscape.saturation`, one after the other: the
discovery table (:func:`~peerlandscape.saturation.discovery`: the codes, or
sub-themes or themes, each interview adds, in an order), the assessment of
Guest, Namey & Chen 2020 (:func:`~peerlandscape.saturation.guest_saturation`:
base size, run length, threshold) and the study's own judgement of its
information power (:func:`~peerlandscape.saturation.information_power`, never
summed). CSV is the discovery table with the run that ends at each
interview; JSON holds all three (:func:`saturation_data`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, cast

import click

from peerlandscape._limits import Limits
from peerlandscape.cli._columns import csv_row, fitted_table
from peerlandscape.cli._common import (
    CommandError,
    counted,
    echo_output,
    load_study,
    printable,
    wrap,
)
from peerlandscape.cli._options import (
    choice_option,
    count_option,
    format_option,
    limits_option,
    study_argument,
)

if TYPE_CHECKING:
    from peerlandscape.models import Study
    from peerlandscape.saturation import Discovery, GuestAssessment, InformationPowerReading

__all__ = [
    "CSV_COLUMNS",
    "ORDERS",
    "SaturationData",
    "csv_records",
    "interview_order",
    "render_text",
    "saturation",
    "saturation_data",
]

ORDERS = ("dates", "document")
"""The orders ``--order`` names; anything else is a file of interview ids."""

LEVELS = ("code", "subtheme", "theme")

CSV_COLUMNS: tuple[str, ...] = (
    "position",
    "interview",
    "date",
    "found",
    "new",
    "cumulative",
    "new_elements",
    "run_first",
    "run_new",
    "run_ratio",
    "run_saturated",
)
"""The columns of ``--format csv``: the discovery table, then the run that ends at the interview.

The first seven are :meth:`Discovery.to_pandas() <peerlandscape.saturation.Discovery.to_pandas>`'s
(``new_elements`` joined by ``"; "``). ``run_first`` is the position of the
first interview of the run of ``--run`` interviews that ends at this one,
``run_new`` what the run adds, ``run_ratio`` that over the base's count and
``run_saturated`` whether it is at or below the threshold; all four are empty
for the interviews of the base and those a run cannot end at.
"""


class SaturationData(TypedDict):
    """What ``peerlandscape saturation --format json`` writes."""

    study: str
    level: str
    order: dict[str, Any]
    discovery: list[dict[str, Any]]
    unplaced_quotes: list[str]
    never_found: list[str]
    guest: dict[str, Any]
    information_power: dict[str, Any]


# --- the order ------------------------------------------------------------------------------


def interview_order(study: Study, order: str, *, limits: Limits) -> list[str] | None:
    """Return the interview ids ``--order`` asks for, or ``None`` for the library's date order.

    ``dates`` walks the interviews by date (undated ones last, in study
    order); ``document`` in the order the study document lists them; any
    other value is the path of a UTF-8 text file with one interview id a
    line (blank lines and lines starting with ``#`` are skipped), read under
    ``limits.max_document_bytes``.

    Raises
    ------
    MissingFileError, DocumentError, UnsafeFileError
        If the file cannot be read as text.
    """
    if order == "dates":
        return None
    if order == "document":
        return [interview.id for interview in study.interviews]
    from peerlandscape._exceptions import DocumentError  # noqa: PLC0415
    from peerlandscape._input import read_limited  # noqa: PLC0415

    raw = read_limited(
        order,
        limit=limits.max_document_bytes,
        limit_name="max_document_bytes",
        what="a file of interview ids",
    )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(f"{order}: not UTF-8 text (byte {error.start})") from None
    ids = [line.strip() for line in text.splitlines()]
    return [line for line in ids if line and not line.startswith("#")]


def _order_error(order: str, message: str, kind: str) -> CommandError:
    where = "" if order in ORDERS else f" {printable(order)}"
    return CommandError(f"--order{where}: {message}", kind=kind)


# --- output ---------------------------------------------------------------------------------


def _dimension_records(reading: InformationPowerReading) -> list[dict[str, Any]]:
    return reading.to_records()


def saturation_data(
    study: Study, found: Discovery, assessment: GuestAssessment, reading: InformationPowerReading
) -> SaturationData:
    """Return the three views as the plain dictionary ``--format json`` writes.

    - ``order``: ``basis`` (``given``, ``dates`` or ``study``), ``interviews``
      (ids, in order) and ``undated`` (placed last for want of a date).
    - ``discovery``: one record per interview: ``position``, ``interview``,
      ``date``, ``found``, ``new``, ``cumulative`` (counts) and
      ``new_elements`` (ids).
    - ``unplaced_quotes``: quotes of no known interview, not counted;
      ``never_found``: elements no ordered interview holds.
    - ``guest``: ``base_size``, ``run_length``, ``threshold`` (a proportion),
      ``base`` (ids), ``base_elements``, ``reached``, ``saturation_point``
      (interviews before the first saturated run, or ``null``), ``label``
      (``"6+2"`` or ``null``) and ``runs``: ``first``, ``last``,
      ``interviews``, ``new``, ``new_elements``, ``ratio`` (``null`` when the
      base holds nothing), ``saturated``.
    - ``information_power``: ``statement`` and ``dimensions``: ``dimension``,
      ``label``, ``poles``, ``pole``, ``fewer_participants``, ``justification``
      (``null`` where the study says nothing). There is no total, by design.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.saturation import discovery, guest_saturation, information_power
    >>> study = pl.datasets.engdahl2025()
    >>> found = discovery(study, level="subtheme")
    >>> data = saturation_data(study, found, guest_saturation(found), information_power(study))
    >>> data["order"]["basis"], len(data["discovery"]), data["guest"]["label"]
    ('study', 17, None)
    >>> [d["pole"] for d in data["information_power"]["dimensions"]]
    ['broad', None, None, 'strong', None]
    """
    return {
        "study": study.id,
        "level": found.level,
        "order": {
            "basis": found.basis,
            "interviews": list(found.order),
            "undated": list(found.undated),
        },
        "discovery": found.to_records(),
        "unplaced_quotes": list(found.unplaced_quotes),
        "never_found": list(found.never_found),
        "guest": {
            "base_size": assessment.base_size,
            "run_length": assessment.run_length,
            "threshold": assessment.threshold,
            "base": list(assessment.base),
            "base_elements": assessment.base_elements,
            "reached": assessment.reached,
            "saturation_point": assessment.saturation_point,
            "label": assessment.label,
            "runs": assessment.to_records(),
        },
        "information_power": {
            "statement": reading.statement,
            "dimensions": _dimension_records(reading),
        },
    }


def csv_records(found: Discovery, assessment: GuestAssessment) -> list[dict[str, Any]]:
    """Return the rows of ``--format csv``: each interview, with the run that ends at it.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.saturation import discovery, guest_saturation
    >>> found = discovery(pl.datasets.engdahl2025(), level="subtheme")
    >>> rows = csv_records(found, guest_saturation(found))
    >>> rows[3]["run_first"], rows[5]["run_first"], rows[5]["run_new"]
    (None, 5, 0)
    """
    runs = {run["last"]: run for run in assessment.to_records()}
    rows = []
    for record in found.to_records():
        run = runs.get(record["position"], {})
        rows.append(
            csv_row(
                {
                    **record,
                    "run_first": run.get("first"),
                    "run_new": run.get("new"),
                    "run_ratio": run.get("ratio"),
                    "run_saturated": run.get("saturated"),
                }
            )
        )
    return rows


_BASES = {
    "given": "in the order given",
    "dates": "by date",
    "study": "in the study document's order (no interview has a date)",
}
_NOUNS = {
    "code": ("code", "codes"),
    "subtheme": ("sub-theme", "sub-themes"),
    "theme": ("theme", "themes"),
}


def _ids(label: str, ids: Sequence[str], width: int) -> list[str]:
    return wrap(printable(f"{label}: {', '.join(ids)}"), width, hanging="  ")


def render_text(
    found: Discovery,
    assessment: GuestAssessment,
    reading: InformationPowerReading,
    width: int,
) -> str:
    """Render the discovery table, Guest et al.'s assessment and information power, at ``width``.

    The first line is the verdict: saturation reached at ``n+r`` (Guest et
    al.'s way of reporting it), not reached, or not assessable.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.saturation import discovery, guest_saturation, information_power
    >>> study = pl.datasets.engdahl2025()
    >>> found = discovery(study, level="subtheme")
    >>> text = render_text(found, guest_saturation(found), information_power(study), 80)
    >>> print(click.unstyle(text))  # doctest: +ELLIPSIS
    Saturation: not reached in 17 interviews (sub-theme level)
    <BLANKLINE>
    Discovery of sub-themes in 17 interviews, in the study document's order (no
      interview has a date)
       #  interview             date  found  new  total
       1  focus-group-1         -         0    0      0
    ...
      16  interview-uo-rep-4    -         0    0      6
      17  interview-uo-rep-5    -         2    1      7
    8 quotes of no known interview not counted.
    Never found: prioritizing-integrative-employment-formats,
    ...
    Guest, Namey & Chen (2020): base 4 interviews holding 0 sub-themes; run 2; new
      information <= 5% of the base
    The base holds no sub-theme: a run's ratio divides by nothing and is undefined.
      run    new  ratio
      5-6      0      -
    ...
    Information power (Malterud et al. 2016), never summed
    ...
      Analysis strategy: not stated (case / cross_case)
    """
    singular, plural = _NOUNS[found.level]
    verdict = wrap(_verdict(assessment, singular), width, hanging="  ")
    lines = [*(click.style(line, bold=True) for line in verdict), ""]
    lines += [
        click.style(line, bold=True)
        for line in wrap(
            f"Discovery of {plural} in {counted(len(found.steps), 'interview')}, "
            f"{_BASES[found.basis]}",
            width,
            hanging="  ",
        )
    ]
    rows = [
        [
            str(step.position),
            printable(step.interview),
            printable(step.date or "-"),
            str(len(step.found)),
            str(len(step.new)),
            str(step.cumulative),
        ]
        for step in found.steps
    ]
    table = fitted_table(
        ["#", "interview", "date", "found", "new", "total"],
        rows,
        numeric=[True, False, False, True, True, True],
        width=width - 2,
    )
    lines += [f"  {line}" for line in table]
    if found.undated:
        lines += wrap(
            f"{counted(len(found.undated), 'interview')} without a date placed last, in study "
            "order.",
            width,
            hanging="  ",
        )
    if found.unplaced_quotes:
        unplaced = counted(len(found.unplaced_quotes), "quote")
        lines += wrap(f"{unplaced} of no known interview not counted.", width, hanging="  ")
    if found.never_found:
        lines += _ids("Never found", found.never_found, width)
    lines += ["", *_guest_lines(assessment, singular, plural, width)]
    lines += ["", *_power_lines(reading, width)]
    return "\n".join(lines)


def _verdict(assessment: GuestAssessment, singular: str) -> str:
    level = f"({singular} level)"
    if assessment.label is not None:
        return f"Saturation: reached at {assessment.label} {level}"
    if not assessment.runs:
        return (
            f"Saturation: not assessable with {counted(assessment.interviews, 'interview')}, "
            f"fewer than a base and a run {level}"
        )
    return f"Saturation: not reached in {counted(assessment.interviews, 'interview')} {level}"


def _guest_lines(assessment: GuestAssessment, singular: str, plural: str, width: int) -> list[str]:
    held = counted(assessment.base_elements, singular, plural)
    rule = (
        f"Guest, Namey & Chen (2020): base {counted(assessment.base_size, 'interview')} "
        f"holding {held}; run {assessment.run_length}; new information <= "
        f"{assessment.threshold * 100:g}% of the base"
    )
    lines = wrap(rule, width, hanging="  ")
    if assessment.base_elements == 0 and assessment.runs:
        lines += wrap(
            f"The base holds no {singular}: a run's ratio divides by nothing and is undefined.",
            width,
            hanging="  ",
        )
    if not assessment.runs:
        return lines
    rows = [
        [
            f"{run.first}-{run.last}",
            str(len(run.new)),
            "-" if run.ratio is None else f"{run.ratio:.1%}",
            "<= threshold" if run.saturated else "",
        ]
        for run in assessment.runs
    ]
    table = fitted_table(
        ["run", "new", "ratio", ""], rows, numeric=[False, True, True, False], width=width - 2
    )
    lines += [f"  {line}".rstrip() for line in table]
    return lines


def _power_lines(reading: InformationPowerReading, width: int) -> list[str]:
    heading = wrap("Information power (Malterud et al. 2016), never summed", width, hanging="  ")
    lines = [click.style(line, bold=True) for line in heading]
    statement = reading.statement or "The study says nothing of its information power."
    lines += wrap(printable(statement), width, hanging="")
    for dimension in reading.dimensions:
        if dimension.pole is None:
            said = f"not stated ({' / '.join(dimension.poles)})"
        else:
            direction = "fewer" if dimension.fewer_participants else "more"
            said = f"{dimension.pole}, pointing to {direction} participants"
            if dimension.justification:
                said += f": {dimension.justification}"
        lines += wrap(printable(f"{dimension.label}: {said}"), width, indent="  ", hanging="    ")
    return lines


# --- the command ----------------------------------------------------------------------------


class _Proportion(click.ParamType[float]):
    """A proportion between 0 and 1, given as ``0.05`` or as a percentage, ``5%``."""

    name = "proportion"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        if isinstance(value, float):
            return value
        text = str(value).strip()
        try:
            number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            self.fail(f"{value!r} is not a proportion (0.05) or a percentage (5%)", param, ctx)
        if not 0 <= number <= 1:
            self.fail(f"{value!r} is not between 0 and 1 (0% and 100%)", param, ctx)
        return number


@click.command("saturation")
@study_argument
@choice_option(
    "--level",
    LEVELS,
    default="code",
    help="What each interview adds: codes applied, or the sub-themes or themes they reach.",
)
@click.option(
    "--order",
    default="dates",
    show_default=True,
    metavar="dates|document|FILE",
    help="The order of the interviews: by date (undated ones last), as the study document "
    "lists them, or as a file lists their ids, one a line (interviews it leaves out are not "
    "counted).",
)
@count_option(
    "--base",
    "base_size",
    default=4,
    minimum=1,
    help="Guest et al.'s base size: the first N interviews, whose count is the denominator.",
)
@count_option(
    "--run",
    "run_length",
    default=2,
    minimum=1,
    help="Guest et al.'s run length: N consecutive interviews after the base.",
)
@click.option(
    "--threshold",
    type=_Proportion(),
    default="5%",
    show_default=True,
    metavar="P",
    help="Guest et al.'s new-information threshold: the most a run may add, as a share of the "
    "base (0.05 or 5%).",
)
@format_option("text", "csv", "json")
@limits_option
def saturation(
    *,
    path: Path | None,
    limits: Limits,
    level: str,
    order: str,
    base_size: int,
    run_length: int,
    threshold: float,
    output_format: str,
) -> None:
    """Assess saturation: what each interview adds, in order.

    Walks the interviews in an order (--order: by date, as the study document
    lists them, or as a file of interview ids lists them) and counts the
    codes (or sub-themes, or themes) each adds. Then assesses saturation as
    Guest, Namey & Chen (2020) do: a base of the first --base interviews, runs
    of --run interviews after it, and saturation at the first run that adds
    no more than --threshold of what the base holds, reported as n+r (6+2).
    Last, the study's own judgement of its information power (Malterud et
    al. 2016), dimension by dimension, never summed.

    --format csv writes one row per interview (the discovery table, with the
    run that ends there); --format json all three views.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    study = load_study(path, limits=limits)
    from peerlandscape._exceptions import InvalidOptionError, UnknownIdError  # noqa: PLC0415
    from peerlandscape.saturation import (  # noqa: PLC0415
        discovery,
        guest_saturation,
        information_power,
    )

    ids = interview_order(study, order, limits=limits)
    try:
        found = discovery(
            study, level=cast("Literal['code', 'subtheme', 'theme']", level), order=ids
        )
    except UnknownIdError as error:
        raise _order_error(order, str(error.args[0]), "unknown_id") from None
    except InvalidOptionError as error:
        raise _order_error(order, str(error.args[0]), "invalid_option") from None
    assessment = guest_saturation(
        found, base_size=base_size, run_length=run_length, threshold=threshold
    )
    reading = information_power(study)
    echo_output(
        output_format,
        text=lambda width: render_text(found, assessment, reading, width),
        data=lambda: saturation_data(study, found, assessment, reading),
        records=lambda: (CSV_COLUMNS, csv_records(found, assessment)),
    )
