"""The ``peerlandscape`` command group: ``--version``, ``--help`` and the commands.

Each command lives in its own module and is added here with one
``main.add_command`` line.
"""

from __future__ import annotations

from typing import Any

import click

from peerlandscape import __version__
from peerlandscape.cli._common import reported_errors
from peerlandscape.cli._export import export
from peerlandscape.cli._graph import graph
from peerlandscape.cli._import import import_project
from peerlandscape.cli._matrix import matrix
from peerlandscape.cli._quotes import quotes
from peerlandscape.cli._summary import summary
from peerlandscape.cli._validate import validate

__all__ = ["main"]


class _Group(click.Group):
    """A group that reports every user-caused error of its commands as one line."""

    def invoke(self, ctx: click.Context) -> Any:
        # The group's invoke runs the chosen command inside it, so one handler here covers
        # every command, present and future.
        with reported_errors():
            return super().invoke(ctx)


@click.group("peerlandscape", cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(
    __version__, "--version", prog_name="peerlandscape", message="%(prog)s %(version)s"
)
def main() -> None:
    """Explore qualitative studies of peer support in mental health services.

    Each command reads a study from an optional PATH to a JSON study document;
    without one it uses the built-in study of Engdahl et al. (2025). Errors in
    the input are reported on one line, with exit code 2.
    """


main.add_command(summary)
main.add_command(validate)
main.add_command(quotes)
main.add_command(matrix)
main.add_command(graph)
main.add_command(import_project)
main.add_command(export)
