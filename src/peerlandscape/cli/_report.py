"""``peerlandscape report``: the findings of a study as one HTML file to share.

The file is :func:`peerlandscape.report.write_report`'s: self-contained (no
network, no script), readable on a phone and printable. A report is for
sharing, so it refuses text that identifies a person (see
:mod:`peerlandscape.cli._privacy`) unless ``--allow-identifying``; the
analysts' memos and the coders' labels are in it only when asked for.
"""

from __future__ import annotations

from pathlib import Path

import click

from peerlandscape._exceptions import IdentifyingDataError
from peerlandscape._limits import Limits
from peerlandscape.cli._common import (
    counted,
    echo_lines,
    load_study,
    printable,
    terminal_width,
    wrap,
)
from peerlandscape.cli._options import limits_option, output_file_option, study_argument
from peerlandscape.cli._privacy import allow_identifying_option, refusal

__all__ = ["report"]


@click.command("report")
@study_argument
@output_file_option("The HTML file to write (findings.html).")
@click.option(
    "--include-memos", is_flag=True, help="Show the analysts' memos beside what they are about."
)
@click.option(
    "--include-coders",
    is_flag=True,
    help="Show the coders: who coded each quote, who wrote each memo.",
)
@allow_identifying_option
@limits_option
def report(
    *,
    path: Path | None,
    limits: Limits,
    output: Path,
    include_memos: bool,
    include_coders: bool,
    allow_identifying: bool,
) -> None:
    """Write a study's findings as one HTML file to share.

    `peerlandscape report -o findings.html` writes the report of the
    built-in study of Engdahl et al. (2025); give PATH for a study document
    of your own. The file needs no network and no script: the thematic map,
    each theme and sub-theme with its description, its quotes grouped by
    stakeholder group with participant labels, and who voiced what. It
    reads on a phone and prints a theme to a page.

    Participants appear by their pseudonymous labels only; memos and coders
    are left out unless asked for. A report whose texts identify a person
    (a name, a personal identity number, an e-mail address) is refused, its
    findings listed and masked, unless --allow-identifying.
    """
    # The report layer loads the models and, for the map, matplotlib: only when it runs.
    from peerlandscape.report import write_report  # noqa: PLC0415

    study = load_study(path, limits=limits)
    width = terminal_width()
    try:
        written = write_report(
            study,
            output,
            include_memos=include_memos,
            include_coders=include_coders,
            allow_identifying=allow_identifying,
        )
    except IdentifyingDataError as error:
        raise refusal(error, str(output), width) from None
    size = written.stat().st_size
    what = (
        f"Wrote the findings report ({counted(len(study.themes), 'theme')}, "
        f"{counted(len(study.subthemes), 'sub-theme')}, {size / 1024:.0f} KiB) to "
        f"{printable(str(written))}."
    )
    echo_lines(wrap(what, width), err=True)
