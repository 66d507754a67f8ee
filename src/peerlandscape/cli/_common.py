"""What the commands share: reading the study, writing the output, layout and the error type.

The commands that read a study take an optional ``PATH`` (without one they work
on the built-in study of Engdahl et al. 2025, and ``-`` is standard input, see
:func:`load_study`; the argument and the shared options are declared in
:mod:`peerlandscape.cli._options`, ``--limit`` among them, whose
:class:`~peerlandscape.Limits` every read is given), and write their result in the ``--format``
chosen with :func:`echo_output`. Every
:class:`~peerlandscape.PeerLandscapeError` a command lets escape, and every
:class:`CommandError` it raises, is reported by the group in
:mod:`peerlandscape.cli._app` (see :mod:`peerlandscape.cli._errors`), with exit
code :data:`EXIT_ERROR`. Text is laid out to :func:`terminal_width`. A new
command is one module that uses these helpers and one entry in the table of
commands in ``_app.py``.

This module is imported for ``peerlandscape --help``, so it imports neither
the models nor any heavy layer at module level.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import re
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import attrs
import click

from peerlandscape._limits import Limits

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = [
    "ALL_ERRORS_KEY",
    "EXIT_ERROR",
    "FORMAT_KEY",
    "INPUT_KEY",
    "LIMITS_KEY",
    "LIMIT_NAMES",
    "STDIN_ARGUMENT",
    "CommandError",
    "counted",
    "echo_csv",
    "echo_json",
    "echo_lines",
    "echo_output",
    "load_reference",
    "load_study",
    "note_input",
    "one_line",
    "pack",
    "printable",
    "read_stdin",
    "refi_layer",
    "render_entries",
    "render_table",
    "short_names",
    "spreadsheet_cell",
    "terminal_width",
    "wrap",
]

EXIT_ERROR = 2
"""Exit code for a failure caused by the input (the same code click uses for usage errors)."""

MIN_WIDTH = 20
"""The narrowest width text is laid out to, whatever ``COLUMNS`` says."""

# What a command tells the error report, through the context's meta (shared by the group's
# context and the command's): the output format, whether to list every problem, the input.
FORMAT_KEY = "peerlandscape.format"
"""Key of the chosen ``--format`` in :attr:`click.Context.meta`."""
ALL_ERRORS_KEY = "peerlandscape.all_errors"
"""Key of the ``--all-errors`` flag in :attr:`click.Context.meta`."""
INPUT_KEY = "peerlandscape.input"
"""Key of the input file a command reads, in :attr:`click.Context.meta`."""
LIMITS_KEY = "peerlandscape.limits"
"""Key of the :class:`~peerlandscape.Limits` of ``--limit``, in :attr:`click.Context.meta`;
there only for a command that takes the option, whose errors may then name it."""
LIMIT_NAMES: tuple[str, ...] = tuple(field.name for field in attrs.fields(Limits))
"""The names ``--limit`` takes: the fields of :class:`~peerlandscape.Limits`, in their order."""
STDIN_ARGUMENT = "-"
"""The path that names standard input, as Unix tools take it."""


class CommandError(click.ClickException):
    """A failure to report as ``Error: <message>`` on standard error, with exit code 2.

    Parameters
    ----------
    message
        One line saying what is wrong; it names the option or file concerned.
    kind
        A stable code for the failure, the ``kind`` of the JSON error report
        (see :mod:`peerlandscape.cli._errors`).
    """

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, kind: str = "usage") -> None:
        super().__init__(message)
        self.kind = kind


def printable(text: str) -> str:
    r"""Escape control characters and line breaks, so that ``text`` prints as one plain line.

    Labels and messages come from study documents, which are data: they must
    not move the cursor, clear the screen or break the layout of whoever
    prints them. A lone surrogate (which a bad document can hold, and no
    output stream can encode) is escaped too.

    Examples
    --------
    >>> printable("tab\tand\nnewline \x1b[2J")
    'tab\\tand\\nnewline \\x1b[2J'
    """
    return "".join(
        char.encode("unicode_escape").decode("ascii")
        if unicodedata.category(char) in {"Cc", "Cs", "Zl", "Zp"}
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


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """Return ``n`` and the noun, in the plural unless ``n`` is 1.

    Examples
    --------
    >>> counted(1, "quote"), counted(3, "entry", "entries")
    ('1 quote', '3 entries')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


# --- layout ---------------------------------------------------------------------------------


def terminal_width() -> int:
    """Return the width to lay text out to: ``COLUMNS``, else the terminal's, else 80.

    Output that is piped has no terminal, so it is laid out to 80 columns
    unless ``COLUMNS`` says otherwise. The width is never taken below
    :data:`MIN_WIDTH`.
    """
    return max(shutil.get_terminal_size().columns, MIN_WIDTH)


class _Wrapper(textwrap.TextWrapper):
    """Wrap at spaces only, and cut a word too long for a line at a hyphen if it has one."""

    def _handle_long_word(
        self, reversed_chunks: list[str], cur_line: list[str], cur_len: int, width: int
    ) -> None:
        # TextWrapper cuts a long word at its last hyphen that fits only when it also breaks
        # every word at its hyphens; ids should stay whole wherever they fit.
        hyphens, self.break_on_hyphens = self.break_on_hyphens, True
        try:
            super()._handle_long_word(reversed_chunks, cur_line, cur_len, width)
        finally:
            self.break_on_hyphens = hyphens


def wrap(text: str, width: int, *, indent: str = "", hanging: str | None = None) -> list[str]:
    """Wrap ``text`` to ``width`` columns; return the lines (at least one).

    The first line starts with ``indent``, the others with ``hanging``
    (``indent`` by default). Lines break at spaces, so ids stay whole; a
    word too long for a line of its own is cut (after a hyphen, if it has
    one that fits), so that no line is wider than ``width``. Pass text
    through :func:`printable` first.

    Examples
    --------
    >>> wrap("quotes[3].participant: names unknown participant 'p-9'", 30, hanging="    ")
    ['quotes[3].participant: names', "    unknown participant 'p-9'"]
    >>> wrap("elevating-user-organizations-as-essential-partners", 30, hanging="  ")
    ['elevating-user-organizations-', '  as-essential-partners']
    >>> wrap("", 30, indent="  ")
    ['  ']
    """
    later = indent if hanging is None else hanging
    wrapper = _Wrapper(
        max(width, len(indent) + 1, len(later) + 1),
        initial_indent=indent,
        subsequent_indent=later,
        break_on_hyphens=False,
    )
    return wrapper.wrap(text) or [indent]


def pack(
    parts: Sequence[str],
    width: int,
    *,
    indent: str = "",
    hanging: str | None = None,
    broken: str | None = None,
) -> list[str]:
    """Put ``parts`` on lines two spaces apart, starting a new line when one is full.

    The first line starts with ``indent``, each later one with ``hanging``
    (``indent`` by default). A part is broken (by :func:`wrap`) only when it
    is too long for a line of its own; its further lines start with
    ``broken`` (``hanging`` by default). No parts give no lines.

    Examples
    --------
    >>> pack(["q-1", "p-2 (peers)", "mitigating-peer-drifting"], 30, hanging="  ")
    ['q-1  p-2 (peers)', '  mitigating-peer-drifting']
    >>> pack(["units: 12", "alpha: 0.389"], 14, indent="    ", broken="      ")
    ['    units: 12', '    alpha:', '      0.389']
    """
    later = indent if hanging is None else hanging
    within = later if broken is None else broken
    lines: list[str] = []
    line = ""
    for part in parts:
        if line and len(line) + 2 + len(part) <= width:
            line += "  " + part
            continue
        if line:
            lines.append(line)
        pieces = wrap(part, width, indent=later if lines else indent, hanging=within)
        lines += pieces[:-1]
        line = pieces[-1]
    return [*lines, line] if line else lines


def short_names(group_ids: Sequence[str]) -> dict[str, str]:
    """Give each group a short, unique column heading: initials of a compound id, or its start.

    Examples
    --------
    >>> short_names(["peer_support_worker", "official", "user_organization"])
    {'peer_support_worker': 'PSW', 'official': 'OFF', 'user_organization': 'UO'}
    >>> short_names(["patients", "partners"])
    {'patients': 'PAT', 'partners': 'PAR'}
    >>> short_names(["peer-a", "peer-b", "pa"])
    {'peer-a': 'PA', 'peer-b': 'PB', 'pa': 'PA2'}
    """
    taken: set[str] = set()
    names: dict[str, str] = {}
    for group_id in group_ids:
        words = [word for word in re.split(r"[-_.]", group_id) if word]
        base = ("".join(word[0] for word in words) if len(words) > 1 else group_id[:3]).upper()
        name, suffix = base, 2
        while name in taken:
            name, suffix = f"{base}{suffix}", suffix + 1
        taken.add(name)
        names[group_id] = name
    return names


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


def render_entries(entries: Iterable[Mapping[str, Any]], width: int) -> list[str]:
    """Lay out report entries (``kind``, ``location``, ``count``, ``message``) to ``width``.

    Entries are grouped by kind, in order of first appearance: the kind on a
    line of its own, then each entry as its location (with its count, unless
    that is 1 or the message says it) and its message, wrapped under it. This is how the
    command line prints the import and export reports of REFI-QDA files.

    Examples
    --------
    >>> entries = [
    ...     {"kind": "picture_source", "location": "Project/Sources/PictureSource",
    ...      "count": 2, "message": "2 PictureSource elements not imported"},
    ...     {"kind": "unused_set", "location": "Set:c29b", "count": 1,
    ...      "message": "Set 'Mabel' (2 members) is not imported: the mapping gives it no meaning"},
    ... ]
    >>> for line in render_entries(entries, 60):
    ...     print(line)
    picture_source
      Project/Sources/PictureSource: 2 PictureSource elements
          not imported
    unused_set
      Set:c29b: Set 'Mabel' (2 members) is not imported: the
          mapping gives it no meaning
    """
    by_kind: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        by_kind.setdefault(str(entry["kind"]), []).append(entry)
    lines: list[str] = []
    for kind, group in by_kind.items():
        lines.append(printable(kind))
        for entry in group:
            said = entry["count"] == 1 or str(entry["count"]) in str(entry["message"])
            count = "" if said else f" ({entry['count']})"
            text = f"{printable(str(entry['location']))}{count}: {printable(str(entry['message']))}"
            lines += wrap(text, width, indent="  ", hanging="      ")
    return lines


# --- input ----------------------------------------------------------------------------------


def note_input(path: Path | None) -> None:
    """Record ``path`` as the file the running command reads, for the error report."""
    context = click.get_current_context(silent=True)
    if context is not None:
        context.meta[INPUT_KEY] = path


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


def read_stdin(limit: int, limit_name: str) -> bytes:
    """Return what standard input holds, refusing more than ``limit`` bytes.

    Read in chunks, so that ``peerlandscape validate - < /dev/zero`` stops
    at the limit instead of filling memory.

    Raises
    ------
    UnsafeFileError
        Standard input holds more than ``limit`` bytes (``limit_name`` says which
        :class:`~peerlandscape.Limits` field that is).
    """
    from peerlandscape._input import STDIN_NAME, read_limited_stream  # noqa: PLC0415

    # The binary buffer under the text stream, which click's test runner also provides.
    stream = sys.stdin.buffer
    return read_limited_stream(stream, name=STDIN_NAME, limit=limit, limit_name=limit_name)


def load_study(path: Path | None, *, limits: Limits) -> Study:
    """Return the study at ``path``, or the built-in study of Engdahl et al. (2025) if ``None``.

    The file is read under ``limits`` (the command's ``--limit``); a
    ``path`` of ``-`` reads the study document from standard input, at most
    ``limits.max_document_bytes`` of it.

    Raises
    ------
    PeerLandscapeError
        As :func:`peerlandscape.read_json`: a missing file, a file that is not
        a study document or larger than the limits allow, or a study that
        breaks the schema.

    Examples
    --------
    >>> load_study(None, limits=Limits()).id
    'engdahl2025'
    """
    note_input(path)
    # The models load here, when a command runs, so that --help stays light.
    if path is None:
        from peerlandscape.datasets import engdahl2025  # noqa: PLC0415

        return engdahl2025()
    from peerlandscape.readwrite._json import parse_json, read_json  # noqa: PLC0415

    if str(path) == STDIN_ARGUMENT:
        from peerlandscape._input import STDIN_NAME  # noqa: PLC0415

        raw = read_stdin(limits.max_document_bytes, "max_document_bytes")
        return parse_json(raw, where=STDIN_NAME)
    return read_json(path, limits=limits)


def load_reference(reference: str | None, *, limits: Limits) -> Study | str | None:
    """Return a ``--reference`` as the readers take it, a file's study read under ``limits``.

    The name of a built-in study (``engdahl2025``) and ``None`` are returned as
    they are, for the library to resolve; any other value is the path of a
    study document, read here so that the command's ``--limit`` holds for it
    too. Unlike :func:`load_study`, ``-`` is not standard input.

    Raises
    ------
    PeerLandscapeError
        As :func:`peerlandscape.read_json`.

    Examples
    --------
    >>> load_reference("engdahl2025", limits=Limits())
    'engdahl2025'
    """
    from peerlandscape._reference import BUILTIN_REFERENCES  # noqa: PLC0415

    if reference is None or reference in BUILTIN_REFERENCES:
        return reference
    from peerlandscape.readwrite._json import read_json  # noqa: PLC0415

    return read_json(reference, limits=limits)


# --- output ---------------------------------------------------------------------------------


def echo_lines(text: str | Iterable[str], *, err: bool = False) -> None:
    """Print a multi-line report (text or lines), each line made printable on its own."""
    lines = text.splitlines() if isinstance(text, str) else text
    for line in lines:
        click.echo(printable(line), err=err)


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


def spreadsheet_cell(value: Any) -> Any:
    r"""Return ``value`` safe for a spreadsheet: text that would run as a formula gets a ``'``.

    A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return is run as a formula by Excel, LibreOffice and Google Sheets (CSV
    injection: ``=HYPERLINK(...)`` in a quote becomes a link); a leading
    apostrophe makes them show it as text. Numbers are left as they are,
    negative ones too, and so is text already escaped this way, with one
    apostrophe more, as :func:`peerlandscape.write_table` does, so that its
    reader gives every value back.

    Examples
    --------
    >>> spreadsheet_cell('=HYPERLINK("http://x.invalid")'), spreadsheet_cell(-3)
    ('\'=HYPERLINK("http://x.invalid")', -3)
    >>> spreadsheet_cell("'-1"), spreadsheet_cell("plain")
    ("''-1", 'plain')
    """
    if not isinstance(value, str):
        return value
    from peerlandscape.readwrite._table import FORMULA_PREFIXES  # noqa: PLC0415

    return f"'{value}" if value.lstrip("'").startswith(FORMULA_PREFIXES) else value


def echo_csv(fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> None:
    r"""Write ``rows`` to standard output as CSV, with a header row of ``fieldnames``.

    ``None`` and a missing key are written as an empty field; lines end with ``\n`` (the platform's
    text stream turns that into its own line ending, once). Text that a spreadsheet would run as
    a formula is escaped with a leading ``'`` (see :func:`spreadsheet_cell`).

    Examples
    --------
    >>> echo_csv(["id", "text"], [{"id": "q-1", "text": "Yes, and no"}, {"id": "q-2"}])
    id,text
    q-1,"Yes, and no"
    q-2,
    >>> echo_csv(["id", "text"], [{"id": "q-3", "text": "=1+1"}])
    id,text
    q-3,'=1+1
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fieldnames), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_cell(value) for key, value in row.items()} for row in rows)
    click.echo(buffer.getvalue(), nl=False)


def echo_output(
    output_format: str,
    *,
    text: Callable[[int], str],
    data: Callable[[], Any] | None = None,
    records: Callable[[], tuple[Sequence[str], Iterable[Mapping[str, Any]]]] | None = None,
) -> None:
    """Write a command's result in the ``--format`` chosen: JSON, CSV or text.

    Each argument makes the result in one format, and only the chosen one is
    called: ``data`` returns what :func:`echo_json` writes (``--format json``),
    ``records`` the columns and rows :func:`echo_csv` writes (``--format
    csv``), and ``text`` the text laid out to the width it is given, the
    :func:`terminal_width` (any other format, and ``json`` or ``csv`` when
    the command gives no function for it).

    Examples
    --------
    >>> echo_output("csv", text=lambda width: "Hope: 3 quotes",
    ...             records=lambda: (["code", "quotes"], [{"code": "hope", "quotes": 3}]))
    code,quotes
    hope,3
    >>> echo_output("text", text=lambda width: "Hope: 3 quotes")
    Hope: 3 quotes
    """
    if output_format == "json" and data is not None:
        echo_json(data())
    elif output_format == "csv" and records is not None:
        echo_csv(*records())
    else:
        click.echo(text(terminal_width()))
