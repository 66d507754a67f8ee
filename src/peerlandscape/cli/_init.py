"""``peerlandscape init``: a folder to start a study in, with a valid study document and a guide.

The starting point is package data beside this module: ``_starter/study.json``, a
small study document that validates (two stakeholder groups, three pseudonymous
participants, a focus group, two quotes coded under a sub-theme of a theme, a
memo), and ``_starter/README.md``, which explains each part of a study document
and the commands to run next. ``--from engdahl2025`` writes the built-in study
instead of the small one. Existing files are never overwritten without
``--force``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import click

from peerlandscape.cli._common import CommandError, printable, terminal_width, wrap

__all__ = ["FILES", "STARTER", "init"]

STARTER = "_starter"
"""The folder of package data that holds the starting point."""

FILES = ("study.json", "README.md")
"""The files ``init`` writes, in order."""

_DATASETS = ("engdahl2025",)


def _starter_text(name: str) -> str:
    return (
        resources.files(__package__ or "peerlandscape.cli")
        .joinpath(STARTER, name)
        .read_text(encoding="utf-8")
    )


@click.command("init")
@click.argument(
    "folder",
    required=False,
    default=".",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="[DIR]",
)
@click.option(
    "--from",
    "dataset",
    type=click.Choice(_DATASETS),
    help="Start from a built-in study instead of the small example.",
)
@click.option("--force", is_flag=True, help="Overwrite study.json and README.md if they exist.")
def init(*, folder: Path, dataset: str | None, force: bool) -> None:
    """Start a study: a folder with a small valid study.json and a README.

    Writes DIR/study.json, a small study document to fill in (two
    stakeholder groups, three pseudonymous participants, a focus group, two
    coded quotes, a theme with a sub-theme, a memo), and DIR/README.md, which
    explains each part and the commands to run next. DIR is created if
    needed; without it, the current folder is used. --from engdahl2025
    writes the built-in study of Engdahl et al. (2025) as study.json instead.

    Existing files are left alone (exit code 2, naming them) unless --force.
    """
    targets = [folder / name for name in FILES]
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        names = ", ".join(printable(str(path)) for path in existing)
        raise CommandError(
            f"{names}: {'exists' if len(existing) == 1 else 'exist'} already; "
            "choose another folder, or overwrite with --force",
            kind="file_exists",
        )
    # The writers live with the file formats, which load when first used.
    from peerlandscape.readwrite import write_json  # noqa: PLC0415
    from peerlandscape.readwrite._atomic import atomic_write_text  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    study_path, readme_path = targets
    if dataset is None:
        # Copied as written, so that its order and layout stay those of the guide.
        atomic_write_text(study_path, _starter_text("study.json"))
    else:
        from peerlandscape.datasets import engdahl2025  # noqa: PLC0415

        write_json(engdahl2025(), study_path)
    atomic_write_text(readme_path, _starter_text("README.md"))
    study, readme = (printable(str(path)) for path in targets)
    what = "the study of Engdahl et al. 2025" if dataset else "a small example study"
    for line in wrap(
        f"Wrote {study} ({what}) and {readme} (what each part of it is). Edit the study, "
        "and check it as you go with:",
        terminal_width(),
    ):
        click.echo(line)
    # The command is printed whole, to be copied, however narrow the terminal.
    click.echo(f"\n  peerlandscape validate {study}")
