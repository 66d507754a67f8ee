"""``peerlandscape import``: a REFI-QDA project (NVivo, ATLAS.ti, ...) as a study document."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from peerlandscape.cli._common import echo_lines, refi_layer
from peerlandscape.readwrite import write_json

__all__ = ["import_project"]

# Below this many selections an import is quick enough that a bar would only flicker.
_PROGRESS_FROM = 5000


@click.command("import")
@click.argument(
    "project", type=click.Path(exists=False, dir_okay=False, path_type=Path), metavar="FILE.qdpx"
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to write the study document (JSON).",
)
@click.option(
    "--mapping",
    "mapping_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A JSON import mapping (see docs/refi.md); the defaults read a typical export.",
)
@click.option(
    "--reference",
    help='Match codes to a framework: "engdahl2025" or the path of a study document.',
)
def import_project(
    project: Path, output: Path, mapping_path: Path | None, reference: str | None
) -> None:
    """Import a REFI-QDA project (.qdpx or .qde) and write it as a study document.

    The import report (what the study could not hold: media, notes, links,
    selections outside their text, codings of unknown codes) goes to standard
    error. Large projects show a progress bar there.
    """
    refi = refi_layer()
    mapping = refi.ImportMapping.from_json_file(mapping_path) if mapping_path is not None else None
    with _ProgressBar() as progress:
        study, report = refi.read_qdpx(project, mapping, reference=reference, progress=progress)
    write_json(study, output)
    echo_lines(str(report), err=True)
    click.echo(
        f"Wrote {output}: {len(study.participants)} participants, {len(study.interviews)} "
        f"interviews, {len(study.quotes)} quotes, {len(study.codings)} codings.",
        err=True,
    )


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
