"""The options and arguments several commands take, each declared once.

A command puts these decorators where the option belongs in its ``--help``:
:func:`study_argument` (the optional ``PATH`` of a study, with
``--all-errors``), :func:`format_option`, :func:`output_file_option`, and
:func:`count_option` and :func:`choice_option` for the whole-number and
one-of-these options the analysis commands share the shape of, and
:func:`limits_option`, the ``--limit NAME=VALUE`` every command that reads a
file takes. What the error report needs to know of them (the chosen
``--format``, ``--all-errors``, whether ``--limit`` is there to name) is kept in
the context's meta under the keys of :mod:`peerlandscape.cli._common`.

This module is imported for a command's ``--help``, so it imports nothing heavy
(attrs, for the names of the limits, is loaded by the package already).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
import click

from peerlandscape._limits import DEFAULT_LIMITS, Limits, parse_size
from peerlandscape.cli._common import ALL_ERRORS_KEY, FORMAT_KEY, LIMIT_NAMES, LIMITS_KEY

__all__ = [
    "LimitType",
    "all_errors_option",
    "choice_option",
    "count_option",
    "format_option",
    "limits_option",
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


def _limit_value(name: str, text: str) -> int | float:
    """Read the value of the limit ``name`` as its field holds it; raise ValueError if it is not.

    A ``*_bytes`` limit is a size (:func:`~peerlandscape._limits.parse_size`), a
    limit whose default is a fraction (a ratio) a number, any other a whole number.
    """
    if name.endswith("_bytes"):
        return parse_size(text)
    if isinstance(getattr(DEFAULT_LIMITS, name), float):
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{text.strip()!r} is not a number") from None
    if not text.strip().isascii() or not text.strip().isdigit():
        raise ValueError(f"{text.strip()!r} is not a whole number")
    return int(text)


class LimitType(click.ParamType[tuple[str, int | float]]):
    """One ``NAME=VALUE`` of ``--limit``: a field of :class:`~peerlandscape.Limits` and its value.

    The value is checked as the field checks it, so that a bad one is refused
    with the rest of the command line, naming what was given.

    Examples
    --------
    >>> LimitType().convert("max_document_bytes=1GiB", None, None)
    ('max_document_bytes', 1073741824)
    >>> LimitType().convert("max_xml_depth=300", None, None)
    Traceback (most recent call last):
    ...
    click.exceptions.BadParameter: 'max_xml_depth=300': 'max_xml_depth' must be <= 256: 300
    """

    name = "limit"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, int | float]:
        if isinstance(value, tuple):
            return value
        name, equals, text = str(value).partition("=")
        name = name.strip()
        if name not in LIMIT_NAMES:
            said = f"no limit is named {name!r}" if equals else "not NAME=VALUE"
            self.fail(f"{value!r}: {said}; NAME is one of {', '.join(LIMIT_NAMES)}", param, ctx)
        try:
            number = _limit_value(name, text)
            change: dict[str, Any] = {name: number}
            # The field's own validator: positive, a ratio of at least 1, a depth libxml2 allows.
            attrs.evolve(DEFAULT_LIMITS, **change)
        except (TypeError, ValueError) as error:
            self.fail(f"{value!r}: {error}", param, ctx)
        return name, number


def _limits_from(ctx: click.Context, _param: click.Parameter, values: Sequence[Any]) -> Limits:
    # The last value given for a name wins, as an option given twice does.
    limits = attrs.evolve(DEFAULT_LIMITS, **dict(values))
    ctx.meta[LIMITS_KEY] = limits
    return limits


def limits_option(command: _F) -> _F:
    """Give ``command`` the repeatable ``--limit NAME=VALUE``; it receives ``limits``, a Limits.

    ``NAME`` is a field of :class:`~peerlandscape.Limits`
    (:data:`~peerlandscape.cli._common.LIMIT_NAMES`) and ``VALUE`` its value:
    a size for a ``*_bytes`` limit (``1GiB``, ``500MB``, ``1048576``), a whole
    number for a count or a depth, a number for a ratio. The limits not named
    keep their defaults. Pass what the command receives to every reader it
    calls (:func:`~peerlandscape.cli._common.load_study` among them). A file
    refused by a limit is reported with the ``--limit`` that would read it
    (see :mod:`peerlandscape.cli._errors`).
    """
    return click.option(
        "--limit",
        "limits",
        type=LimitType(),
        multiple=True,
        metavar="NAME=VALUE",
        callback=_limits_from,
        help="Raise (or lower) a limit on the files read, e.g. --limit "
        "max_document_bytes=2GiB (sizes: 1048576, 500MB, 2GiB); repeatable. NAME is one of "
        f"{', '.join(LIMIT_NAMES)} (see docs/robustness.md).",
    )(command)
