"""``peerlandscape export``: a study as a REFI-QDA codebook or project, for NVivo, ATLAS.ti, ...

An export is for sharing, so it refuses a study whose texts identify a person
(see :mod:`peerlandscape.cli._privacy`) unless ``--allow-identifying``.
"""

from __future__ import annotations

from pathlib import Path

import click

from peerlandscape._exceptions import IdentifyingDataError
from peerlandscape._limits import Limits
from peerlandscape.cli._common import (
    echo_lines,
    load_study,
    printable,
    refi_layer,
    render_entries,
    terminal_width,
    wrap,
)
from peerlandscape.cli._options import limits_option, output_file_option, study_argument
from peerlandscape.cli._privacy import allow_identifying_option, refusal

__all__ = ["export"]


@click.command("export")
@study_argument
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Choice(["qdc", "qdpx"]),
    help="qdc: the framework as a codebook; qdpx: the whole study as a project.",
)
@output_file_option("The file to write.")
@click.option(
    "--details",
    is_flag=True,
    help="List everything the REFI format cannot hold, not just the summary.",
)
@allow_identifying_option
@limits_option
def export(
    *,
    path: Path | None,
    limits: Limits,
    target: str,
    output: Path,
    details: bool,
    allow_identifying: bool,
) -> None:
    """Export a study (the built-in study without PATH) as a REFI-QDA file.

    `peerlandscape export --to qdc -o engdahl2025.qdc` hands a researcher the
    framework of Engdahl et al. (2025) as a codebook to code with in their
    own tool. A summary of the export report (what the REFI format cannot
    hold) goes to standard error; --details lists all of it.

    A study whose texts identify a person (a name, a personal identity
    number, an e-mail address) is refused, with each finding listed, its
    text masked; pseudonymise it first, or pass --allow-identifying.
    """
    refi = refi_layer()
    study = load_study(path, limits=limits)
    writer = refi.write_qdc if target == "qdc" else refi.write_qdpx
    width = terminal_width()
    try:
        report = writer(study, output, allow_identifying=allow_identifying)
    except IdentifyingDataError as error:
        raise refusal(error, str(output), width) from None
    lines = wrap(printable(report.summary()), width)
    if details:
        lines += render_entries(report.to_records(), width)
    echo_lines([*lines, *wrap(f"Wrote {printable(str(output))}.", width)], err=True)
