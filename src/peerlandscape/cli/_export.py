"""``peerlandscape export``: a study as a REFI-QDA codebook or project, for NVivo, ATLAS.ti, ..."""

from __future__ import annotations

from pathlib import Path

import click

from peerlandscape.cli._common import (
    echo_lines,
    load_study,
    output_file_option,
    printable,
    refi_layer,
    render_entries,
    study_argument,
    terminal_width,
    wrap,
)

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
def export(path: Path | None, target: str, output: Path, details: bool) -> None:
    """Export a study (the built-in study without PATH) as a REFI-QDA file.

    `peerlandscape export --to qdc -o engdahl2025.qdc` hands a researcher the
    framework of Engdahl et al. (2025) as a codebook to code with in their
    own tool. A summary of the export report (what the REFI format cannot
    hold) goes to standard error; --details lists all of it.
    """
    refi = refi_layer()
    study = load_study(path)
    writer = refi.write_qdc if target == "qdc" else refi.write_qdpx
    report = writer(study, output)
    width = terminal_width()
    lines = wrap(printable(report.summary()), width)
    if details:
        lines += render_entries(report.to_records(), width)
    echo_lines([*lines, *wrap(f"Wrote {printable(str(output))}.", width)], err=True)
