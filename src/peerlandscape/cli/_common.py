"""What the commands share: the study argument, output formats and error reporting.

Every command takes an optional study ``PATH`` (without one it works on the
built-in study of Engdahl et al. 2025, see :func:`load_study`), and every
:class:`~peerlandscape.PeerLandscapeError` it lets escape is reported by the
group in :mod:`peerlandscape.cli._app` as one line, ``Error: ...``, on
standard error, with exit code :data:`EXIT_ERROR` (see :func:`reported_errors`).
A new command is one module that uses these helpers and one entry in the
table of commands in ``_app.py``.

This module is imported for ``peerlandscape --help``, so it imports neither
the models nor any heavy layer at module level.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

import click

from peerlandscape._exceptions import PeerLandscapeError

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = [
    "EXIT_ERROR",
    "CommandError",
    "echo_csv",
    "echo_json",
    "echo_lines",
    "format_option",
    "load_study",
    "one_line",
    "printable",
    "refi_layer",
    "render_table",
    "reported_errors",
    "study_argument",
]

_F = TypeVar("_F", bound=Callable[..., Any])

EXIT_ERROR = 2
"""Exit code for a failure caused by the input (the same code click uses for usage errors)."""


class CommandError(click.ClickException):
    """A failure to report as ``Error: <message>`` on standard error, with exit code 2."""

    exit_code = EXIT_ERROR


def printable(text: str) -> str:
    r"""Escape control characters and line breaks, so that ``text`` prints as one plain line.

    Labels and messages come from study documents, which are data: they must
    not move the cursor, clear the screen or break the layout of whoever
    prints them.

    Examples
    --------
    >>> printable("tab\tand\nnewline \x1b[2J")
    'tab\\tand\\nnewline \\x1b[2J'
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in {"Cc", "Zl", "Zp"}
        else char
        for char in text
    )


def one_line(message: str) -> str:
    r"""Join the lines of ``message`` into one printable line, for a one-line error report.

    Examples
    --------
    >>> one_line("study.json: invalid study:\n  quotes.0.participant: unknown")
    'study.json: invalid study: quotes.0.participant: unknown'
    """
    return printable(" ".join(line.strip() for line in message.splitlines() if line.strip()))


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn the errors a user can cause into :class:`CommandError`.

    A :class:`~peerlandscape.PeerLandscapeError` keeps its message, which
    already names the file and what is wrong with it. An :class:`OSError`
    (a file that cannot be read or written for lack of permission, say) is
    reported by its file name and reason. A broken pipe is left to click,
    which exits quietly when the reader of the output goes away (``| head``).
    Anything else is a bug and keeps its traceback.

    Examples
    --------
    >>> from peerlandscape import MissingFileError
    >>> with reported_errors():
    ...     raise MissingFileError("study.json: no such file")
    Traceback (most recent call last):
    ...
    peerlandscape.cli._common.CommandError: study.json: no such file
    """
    try:
        yield
    except PeerLandscapeError as exc:
        raise CommandError(one_line(str(exc))) from exc
    except BrokenPipeError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"{exc.filename}: {reason}" if exc.filename is not None else reason
        raise CommandError(one_line(message)) from exc


def study_argument(command: _F) -> _F:
    """Give ``command`` the optional ``PATH`` argument of a study document.

    The command receives ``path`` as a :class:`~pathlib.Path`, or ``None``
    when no path was given; pass it to :func:`load_study`. The file is not
    checked here, so that a missing or malformed file is reported by the
    reader, in the same one-line form as every other error.
    """
    return click.argument(
        "path",
        required=False,
        type=click.Path(path_type=Path),
        metavar="[PATH]",
    )(command)


def echo_lines(text: str, *, err: bool = False) -> None:
    """Print multi-line ``text`` (a report), each line made printable on its own."""
    for line in text.splitlines():
        click.echo(printable(line), err=err)


def refi_layer() -> ModuleType:
    """Return :mod:`peerlandscape.refi`, imported when a command first needs it.

    The REFI-QDA layer needs lxml, an optional extra, so the commands that use it import
    it only when they run, not when they are listed or asked for ``--help``.

    Raises
    ------
    MissingDependencyError
        If lxml is not installed; like every :class:`~peerlandscape.PeerLandscapeError`,
        it is reported on one line (``Error: ... pip install 'peerlandscape[refi]'``),
        with exit code 2.
    """
    return importlib.import_module("peerlandscape.refi")


def load_study(path: Path | None) -> Study:
    """Return the study at ``path``, or the built-in study of Engdahl et al. (2025) if ``None``.

    Raises
    ------
    PeerLandscapeError
        As :func:`peerlandscape.read_json`: a missing file, a file that is not
        a study document, or a study that breaks the schema.

    Examples
    --------
    >>> load_study(None).id
    'engdahl2025'
    """
    # The models load here, when a command runs, so that --help stays light.
    if path is None:
        from peerlandscape.datasets import engdahl2025  # noqa: PLC0415

        return engdahl2025()
    from peerlandscape.readwrite._json import read_json  # noqa: PLC0415

    return read_json(path)


def format_option(*choices: str, default: str = "text") -> Callable[[_F], _F]:
    """Give a command the ``--format`` option; the command receives it as ``output_format``.

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
        help="Output format.",
    )


def echo_json(data: Any) -> None:
    r"""Write ``data`` to standard output as indented JSON, keys in the order given.

    Non-ASCII text is written as is (UTF-8), not as ``\u`` escapes.

    Examples
    --------
    >>> echo_json({"b": 1, "a": "Markström"})
    {
      "b": 1,
      "a": "Markström"
    }
    """
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def echo_csv(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    r"""Write ``rows`` to standard output as CSV, with a header row of ``fieldnames``.

    ``None`` and a missing key are written as an empty field; lines end with ``\n`` (the platform's
    text stream turns that into its own line ending, once).

    Examples
    --------
    >>> echo_csv(["id", "text"], [{"id": "q-1", "text": "Yes, and no"}, {"id": "q-2"}])
    id,text
    q-1,"Yes, and no"
    q-2,
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(buffer.getvalue(), nl=False)


def render_table(
    headings: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Sequence[bool] | None = None,
) -> list[str]:
    """Align ``rows`` under ``headings`` in columns two spaces apart; return the lines.

    Cells are printed as given (pass them through :func:`printable` first);
    ``numeric`` says which columns to right-align. Trailing spaces are removed.

    Examples
    --------
    >>> for line in render_table(["group", "quotes"], [["official", "12"], ["uo", "3"]],
    ...                          numeric=[False, True]):
    ...     print(line)
    group     quotes
    official      12
    uo             3
    """
    body = [list(row) for row in rows]
    right = list(numeric) if numeric is not None else [False] * len(headings)
    widths = [max(len(row[i]) for row in [list(headings), *body]) for i in range(len(headings))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            f"{cell:>{width}}" if align else f"{cell:<{width}}"
            for cell, width, align in zip(cells, widths, right, strict=True)
        ).rstrip()

    return [line(headings), *(line(row) for row in body)]
