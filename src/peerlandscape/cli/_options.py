"""The options and arguments several commands take, each declared once.

A command puts these decorators where the option belongs in its ``--help``:
:func:`study_argument` (the optional ``PATH`` of a study, with
``--all-errors``), :func:`format_option`, :func:`output_file_option`, and
:func:`count_option` and :func:`choice_option` for the whole-number and
one-of-these options the analysis commands share the shape of. What the error
report needs to know of them (the chosen ``--format``, ``--all-errors``) is
kept in the context's meta under the keys of :mod:`peerlandscape.cli._common`.

This module is imported for a command's ``--help``, so it imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from peerlandscape.cli._common import ALL_ERRORS_KEY, FORMAT_KEY

__all__ = [
    "all_errors_option",
    "choice_option",
    "count_option",
    "format_option",
    "output_file_option",
    "study_argument",
]

_F = TypeVar("_F", bound=Callable[..., Any])


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, _param: click.Parameter, value: Any) -> Any:
        ctx.meta[key] = value
        return value

    return callback


def all_errors_option(command: _F) -> _F:
    """Give ``command`` the ``--all-errors`` flag: list every problem of an invalid document.

    The command does not receive it; the error report reads it (see
    :mod:`peerlandscape.cli._errors`), which otherwise lists the first 20.
    """
    return click.option(
        "--all-errors",
        is_flag=True,
        expose_value=False,
        callback=_remember(ALL_ERRORS_KEY),
        help="List every problem of an invalid document, not just the first 20.",
    )(command)


def study_argument(command: _F) -> _F:
    """Give ``command`` the optional ``PATH`` argument of a study document, and ``--all-errors``.

    The command receives ``path`` as a :class:`~pathlib.Path`, or ``None``
    when no path was given; pass it to
    :func:`~peerlandscape.cli._common.load_study`. The file is not checked
    here, so that a missing or malformed file is reported by the reader, in
    the same form as every other error.
    """
    return click.argument(
        "path",
        required=False,
        type=click.Path(path_type=Path),
        metavar="[PATH]",
    )(all_errors_option(command))


def format_option(*choices: str, default: str = "text") -> Callable[[_F], _F]:
    """Give a command the ``--format`` option; the command receives it as ``output_format``.

    With ``--format json``, errors are reported as JSON on standard output
    too (see :mod:`peerlandscape.cli._errors`). Pass what the command
    receives to :func:`~peerlandscape.cli._common.echo_output`.

    Parameters
    ----------
    *choices
        The formats the command can write, e.g. ``"text", "json"``.
    default
        The format used when the option is not given.
    """
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        callback=_remember(FORMAT_KEY),
        help="Output format.",
    )


def output_file_option(help: str) -> Callable[[_F], _F]:
    """Give a command the required ``-o/--output`` file it writes, received as ``output``."""
    return click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False, writable=True, path_type=Path),
        help=help,
    )


def count_option(
    *param_decls: str, default: int | None = None, minimum: int = 0, help: str
) -> Callable[[_F], _F]:
    """Give a command an option of a whole number ``N`` (``minimum`` or more), its default shown.

    ``param_decls`` are click's: the option's name, and the name the command
    receives it by if that is another. Without a ``default`` the command
    receives ``None`` when the option is not given.
    """
    return click.option(
        *param_decls,
        type=click.IntRange(min=minimum),
        metavar="N",
        default=default,
        show_default=True,
        help=help,
    )


def choice_option(
    name: str, choices: Sequence[str], *, default: str, help: str
) -> Callable[[_F], _F]:
    """Give a command an option ``name`` that takes one of ``choices``, its default shown."""
    return click.option(
        name, type=click.Choice(choices), default=default, show_default=True, help=help
    )
