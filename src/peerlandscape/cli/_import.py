"""``peerlandscape import``: a coded project, a codebook or a table of quotes, as a study document.

The format is told by the file's extension: a REFI-QDA project (``.qdpx``, or
a bare ``.qde``) or codebook (``.qdc``) from NVivo, ATLAS.ti, MAXQDA..., read
by :mod:`peerlandscape.refi`; or a table of coded quotes (``.csv``, ``.xlsx``),
read by :func:`peerlandscape.read_table`. ``-`` is standard input, whose format
``--input-format`` gives; it is saved to a temporary file first (an archive is
read from its end), at most as many bytes as the format's limit allows. Each
reader is imported when its format is met, and held to the limits of
``--limit``, as the ``--mapping`` and a ``--reference`` file are. The study
goes to ``--output``; the import report (what the study could not hold, or the
rows it could not read) to standard error.

The study is scanned for what identifies a person (``scan_identities=True``,
``--no-scan`` to skip): each finding is listed with where it sits and its text
masked, and masked wherever the report repeats it. Findings are warnings:
the exit code is 0 unless ``--strict`` asks for :data:`EXIT_IDENTIFYING`.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from peerlandscape._limits import Limits
from peerlandscape.cli._common import (
    STDIN_ARGUMENT,
    CommandError,
    counted,
    echo_lines,
    load_reference,
    note_input,
    printable,
    read_stdin,
    refi_layer,
    render_entries,
    terminal_width,
    wrap,
)
from peerlandscape.cli._options import all_errors_option, limits_option, output_file_option

if TYPE_CHECKING:
    from peerlandscape.models import Study
    from peerlandscape.privacy import StudyFinding
    from peerlandscape.readwrite._table import TableReport

__all__ = ["EXIT_IDENTIFYING", "FORMATS", "import_project", "render_table_report"]

EXIT_IDENTIFYING = 1
"""Exit code of ``import --strict`` when the study holds identifying text (it is written).

Not :data:`~peerlandscape.cli._common.EXIT_ERROR` (2), so that a script tells a
finding from a failure, as ``validate`` tells an invalid analysis (1) from one.
"""

FORMATS: dict[str, str] = {
    ".qdpx": "project",
    ".qde": "project",
    ".qdc": "codebook",
    ".csv": "table",
    ".xlsx": "table",
}
"""The extensions ``import`` reads (in any case), and what each file is."""

# The Limits field that bounds standard input of each format: an archive's compressed bytes
# are at most what its members hold.
_STDIN_LIMITS: dict[str, str] = {
    "project": "max_total_bytes",
    "codebook": "max_xml_bytes",
    "table": "max_document_bytes",
}

# Below this many selections an import is quick enough that a bar would only flicker.
_PROGRESS_FROM = 5000


def _kind_of(path: Path) -> str:
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        known = ", ".join(FORMATS)
        suffix = f"the extension {path.suffix!r}" if path.suffix else "no extension"
        raise CommandError(
            f"{printable(str(path))}: cannot tell its format from {suffix}; import reads {known}",
            kind="unreadable_document",
        )
    return kind


def _stdin_file(source: Path, input_format: str | None, limits: Limits) -> Path:
    if str(source) != STDIN_ARGUMENT:
        if input_format is not None:
            raise CommandError(
                "--input-format: only for standard input (-); a file's format is told by its "
                "extension"
            )
        return source
    if input_format is None:
        known = ", ".join(suffix[1:] for suffix in FORMATS)
        raise CommandError(
            f"-: standard input has no extension to tell its format; give --input-format ({known})"
        )
    limit_name = _STDIN_LIMITS[FORMATS[f".{input_format}"]]
    data = read_stdin(getattr(limits, limit_name), limit_name)
    folder = Path(tempfile.mkdtemp(prefix="peerlandscape-stdin-"))
    click.get_current_context().call_on_close(lambda: shutil.rmtree(folder, ignore_errors=True))
    saved = folder / f"stdin.{input_format}"
    saved.write_bytes(data)
    return saved


def _refuse(options: Sequence[tuple[str, object]], kind: str) -> None:
    given = [name for name, value in options if value is not None]
    if given:
        raise CommandError(
            f"{', '.join(given)}: not an option for a {kind} (see peerlandscape import --help)"
        )


@click.command("import")
@click.argument(
    "source", type=click.Path(exists=False, dir_okay=False, path_type=Path), metavar="FILE"
)
@output_file_option("Where to write the study document (JSON).")
@click.option(
    "--reference",
    help='Match codes to a framework: "engdahl2025" or the path of a study document.',
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="REFI-QDA: a JSON import mapping (see docs/refi.md); the defaults read a typical export.",
)
@click.option(
    "--input-format",
    type=click.Choice([suffix[1:] for suffix in FORMATS]),
    help="The format of standard input, when FILE is -.",
)
@click.option("--study-id", metavar="ID", help="Table: the id of the study (default: the file's).")
@click.option("--title", help="Table: the title of the study.")
@click.option("--sheet", metavar="NAME", help="Table: the sheet of an .xlsx workbook to read.")
@click.option(
    "--no-scan",
    is_flag=True,
    help="Do not scan the study for names, identity numbers, e-mail addresses and the like.",
)
@click.option(
    "--strict",
    is_flag=True,
    help=f"Exit with code {EXIT_IDENTIFYING} when the scan finds identifying text.",
)
@all_errors_option
@limits_option
def import_project(
    *,
    source: Path,
    output: Path,
    reference: str | None,
    mapping_path: Path | None,
    study_id: str | None,
    title: str | None,
    sheet: str | None,
    no_scan: bool,
    strict: bool,
    input_format: str | None,
    limits: Limits,
) -> None:
    """Import a coded project, codebook or quotes table as a study document.

    FILE is told by its extension: a REFI-QDA project (.qdpx, or a bare
    .qde) or codebook (.qdc), as NVivo, ATLAS.ti, MAXQDA and QualCoder
    export them; or a table of coded quotes (.csv, .xlsx), one row per
    quote and its codes. The study is written to -o FILE. FILE - is
    standard input, read as --input-format says.

    The import report goes to standard error: for a project or codebook,
    what the study could not hold (media, notes, links, selections outside
    their text, codings of unknown codes); for a table, the rows and columns
    it could not read. Large projects show a progress bar there.

    The study is scanned for what identifies a person: names (a case's name
    among them), personal identity numbers, e-mail addresses, telephone
    numbers, addresses, dates of birth. Each finding is listed with where it
    sits and its text masked (8507…47); exports refuse such text until it is
    pseudonymised. Findings are warnings (exit code 0) unless --strict (exit
    code 1, the study still written); --no-scan skips the scan.
    """
    note_input(source)
    source = _stdin_file(source, input_format, limits)
    kind = _kind_of(source)
    width = terminal_width()
    scan = not no_scan
    if kind == "table":
        _refuse([("--mapping", mapping_path)], "table")
        study, lines, findings = _read_table(
            source,
            study_id=study_id,
            title=title,
            reference=reference,
            sheet=sheet,
            width=width,
            scan=scan,
            limits=limits,
        )
    else:
        _refuse([("--study-id", study_id), ("--title", title), ("--sheet", sheet)], kind)
        study, lines, findings = _read_refi(
            source, kind, mapping_path, reference, width, scan=scan, limits=limits
        )
    if findings:
        # Loaded only when there is something to say: --help stays as light as it was.
        from peerlandscape.cli._privacy import masked_lines  # noqa: PLC0415

        lines = [*masked_lines(lines, findings), *_identifying(findings, width)]
    # Imported lazily like the readers: the models load when a command runs, not for --help.
    from peerlandscape.readwrite import write_json  # noqa: PLC0415

    write_json(study, output)
    echo_lines(lines, err=True)
    for line in wrap(f"Wrote {printable(str(output))}: {_contents(study)}.", width):
        click.echo(line, err=True)
    if strict and findings:
        click.get_current_context().exit(EXIT_IDENTIFYING)


def _identifying(findings: tuple[StudyFinding, ...], width: int) -> list[str]:
    from peerlandscape.cli._privacy import finding_lines  # noqa: PLC0415

    heading = (
        f"Identifying text: {counted(len(findings), 'finding')}; pseudonymise the study "
        "before sharing it (exports refuse it; see docs/privacy.md)"
    )
    return [*wrap(heading, width, hanging="  "), *finding_lines(findings, width)]


def _read_refi(
    source: Path,
    kind: str,
    mapping_path: Path | None,
    reference: str | None,
    width: int,
    *,
    scan: bool,
    limits: Limits,
) -> tuple[Study, list[str], tuple[StudyFinding, ...]]:
    refi = refi_layer()
    mapping = (
        refi.ImportMapping.from_json_file(mapping_path, limits=limits)
        if mapping_path is not None
        else None
    )
    if reference is None and mapping is not None:
        # The mapping's reference (its path made absolute) is read here, under --limit, as
        # --reference is; a given --reference overrides it, as it does in the readers.
        reference = mapping.reference
    framework = load_reference(reference, limits=limits)
    if kind == "codebook":
        study, report = refi.read_qdc(
            source, mapping, reference=framework, scan_identities=scan, limits=limits
        )
    else:
        with _ProgressBar() as progress:
            study, report = refi.read_qdpx(
                source,
                mapping,
                reference=framework,
                progress=progress,
                scan_identities=scan,
                limits=limits,
            )
    lines = [*wrap(printable(report.summary()), width), *render_entries(report.to_records(), width)]
    return study, lines, report.findings or ()


def _read_table(
    source: Path,
    *,
    study_id: str | None,
    title: str | None,
    reference: str | None,
    sheet: str | None,
    width: int,
    scan: bool,
    limits: Limits,
) -> tuple[Study, list[str], tuple[StudyFinding, ...]]:
    # The table reader (and pandas, for a workbook) loads only when a table is imported.
    from peerlandscape.readwrite._table import read_table  # noqa: PLC0415

    study, report = read_table(
        source,
        study_id=study_id,
        title=title,
        reference=load_reference(reference, limits=limits),
        sheet=sheet,
        scan_identities=scan,
        limits=limits,
    )
    return study, render_table_report(report, width), report.findings or ()


def render_table_report(report: TableReport, width: int) -> list[str]:
    """Lay out the report of a table import to ``width``: a summary, then each problem.

    The rows skipped, then the warnings, each under its heading, as its row
    and column, the value of the cell (when it is not in the message already)
    and the message.

    Examples
    --------
    >>> from peerlandscape.readwrite._table import RowProblem, TableReport
    >>> report = TableReport(
    ...     [RowProblem(3, "subtheme", "Hope", "sub-theme 'Hope' has no theme: no row names "
    ...                 "the theme it belongs to", kind="subtheme_without_theme")],
    ...     [RowProblem(2, "colour", "red", "the column is not read", kind="unknown_column")],
    ...     rows=2, rows_used=1, quotes=1, codings=1, participants=0)
    >>> lines = render_table_report(report, 60)  # report.summary() first, wrapped
    >>> for line in lines[lines.index("Rows skipped") :]:
    ...     print(line)
    Rows skipped
      row 3, subtheme: sub-theme 'Hope' has no theme: no row
          names the theme it belongs to
    Warnings
      row 2, colour ('red'): the column is not read
    """
    lines = wrap(printable(report.summary()), width)
    for heading, problems in (("Rows skipped", report.problems), ("Warnings", report.warnings)):
        if problems:
            lines.append(heading)
        for problem in problems:
            where = f"row {problem.row}"
            if problem.column is not None:
                where += f", {printable(problem.column)}"
            message = printable(problem.message)
            shown = printable(repr(problem.value))
            if problem.value is not None and shown not in message:
                where += f" ({shown})"
            lines += wrap(f"{where}: {message}", width, indent="  ", hanging="      ")
    return lines


def _contents(study: Study) -> str:
    counts = [
        (len(study.participants), "participant"),
        (len(study.interviews), "interview"),
        (len(study.quotes), "quote"),
        (len(study.codings), "coding"),
        (len(study.codes), "code"),
        (len(study.subthemes), "sub-theme"),
        (len(study.themes), "theme"),
    ]
    held = [counted(n, noun) for n, noun in counts if n]
    return ", ".join(held) if held else "an empty study"


class _ProgressBar:
    """A progress callback that shows a bar on standard error once the import is large."""

    def __init__(self) -> None:
        # click's bar type is private; Any keeps mypy out of its internals.
        self._bar: Any = None
        self._done = 0

    def __enter__(self) -> _ProgressBar:
        return self

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if total < _PROGRESS_FROM:
                return
            self._bar = click.progressbar(length=total, label="Reading selections", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(done - self._done)
        self._done = done

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
