"""The ``peerlandscape`` command group: ``--version``, ``--help`` and the commands, loaded when run.

Each command lives in its own module, named in :data:`COMMANDS` with the
summary that ``peerlandscape --help`` lists for it. The group imports a
command's module only when that command runs (or is asked for its own
``--help``), so that listing the commands imports neither the models nor
networkx, lxml or pandas. A test checks that each summary is the first
paragraph of its command's help.
"""

from __future__ import annotations

import importlib
import os
from typing import Any, NamedTuple

import click

from peerlandscape.cli._errors import reported_errors

__all__ = ["COMMANDS", "CommandEntry", "main"]


class CommandEntry(NamedTuple):
    """Where a command is defined, and the summary the group lists for it."""

    module: str
    """The module that defines the command."""
    attribute: str
    """The name of the :class:`click.Command` in that module."""
    summary: str
    """The first paragraph of the command's help, from which click makes its short help."""


COMMANDS: dict[str, CommandEntry] = {
    "agreement": CommandEntry(
        "peerlandscape.cli._agreement",
        "agreement",
        "Measure how far a study's coders agree, per code.",
    ),
    "checklist": CommandEntry(
        "peerlandscape.cli._checklist",
        "checklist",
        "Report what a study answers of a reporting checklist.",
    ),
    "export": CommandEntry(
        "peerlandscape.cli._export",
        "export",
        "Export a study (the built-in study without PATH) as a REFI-QDA file.",
    ),
    "graph": CommandEntry(
        "peerlandscape.cli._graph",
        "graph",
        "Write the study as a graph file or its thematic map as text.",
    ),
    "import": CommandEntry(
        "peerlandscape.cli._import",
        "import_project",
        "Import a coded project, codebook or quotes table as a study document.",
    ),
    "init": CommandEntry(
        "peerlandscape.cli._init",
        "init",
        "Start a study: a folder with a small valid study.json and a README.",
    ),
    "matrix": CommandEntry(
        "peerlandscape.cli._matrix",
        "matrix",
        "Count the support for each sub-theme by stakeholder group.",
    ),
    "quotes": CommandEntry(
        "peerlandscape.cli._quotes",
        "quotes",
        "List the quote records of a study, filtered.",
    ),
    "replicate": CommandEntry(
        "peerlandscape.cli._replicate",
        "replicate",
        "Compare a study with the framework it was coded against.",
    ),
    "report": CommandEntry(
        "peerlandscape.cli._report",
        "report",
        "Write a study's findings as one HTML file to share.",
    ),
    "saturation": CommandEntry(
        "peerlandscape.cli._saturation",
        "saturation",
        "Assess saturation: what each interview adds, in order.",
    ),
    "summary": CommandEntry(
        "peerlandscape.cli._summary",
        "summary",
        "Summarise a study and how its quotes spread over its framework.",
    ),
    "validate": CommandEntry(
        "peerlandscape.cli._validate",
        "validate",
        "Validate the analysis in a study; exit 1 if it has errors.",
    ),
}
"""Each command's name, where it is defined, and its summary: all the group needs to list it."""


class _LazyGroup(click.Group):
    """A group that loads a command's module when the command runs, and reports its errors.

    Every user-caused error of its commands is reported with exit code 2 (see
    :func:`~peerlandscape.cli._errors.reported_errors`). Output is coloured only
    on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org).
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            entry = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(entry.module), entry.attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # click lists each command by the short help it makes from the command's help; a
        # stand-in that carries the same first paragraph gives the same line, unimported.
        listed = {
            name: click.Command(name, help=COMMANDS[name].summary)
            if name in COMMANDS and name not in self.commands
            else self.commands[name]
            for name in self.list_commands(ctx)
        }
        click.Group(self.name, commands=listed).format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context) -> Any:
        # Every command's context inherits this one's colour: off when NO_COLOR is set (to
        # anything but ""); otherwise click.echo keeps styles on a terminal only.
        if os.environ.get("NO_COLOR"):
            ctx.color = False
        # The group's invoke runs the chosen command inside it (loading it first), so one
        # handler here covers every command, present and future.
        with reported_errors():
            return super().invoke(ctx)


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    # click's version_option wants the version up front; reading it costs importlib.metadata,
    # which --help and the commands do not need.
    if not value or ctx.resilient_parsing:
        return
    from peerlandscape._version import __version__  # noqa: PLC0415

    click.echo(f"peerlandscape {__version__}")
    ctx.exit()


@click.group(
    "peerlandscape", cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
def main() -> None:
    """Explore qualitative studies of peer support in mental health services.

    Start with `peerlandscape init my-study`. The commands that read a study
    take an optional PATH to a JSON study document; without one they use the
    built-in study of Engdahl et al. (2025). Errors in the input are reported
    with exit code 2: every problem of an invalid document, one per line.
    """
