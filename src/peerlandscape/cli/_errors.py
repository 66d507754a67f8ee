"""How the command line reports what went wrong: every problem, as text or as JSON.

The group in :mod:`peerlandscape.cli._app` runs each command inside
:func:`reported_errors`, which turns what a user can cause (a
:class:`~peerlandscape.PeerLandscapeError`, an :class:`OSError`, a
:class:`~peerlandscape.cli._common.CommandError`) into a :class:`ReportedError`,
exit code 2. As text, on standard error, it is one line, ``Error: ...``;
a study that breaks the schema or its integrity adds one line per problem
(its JSON path, what was expected and the bad value), up to
:data:`PROBLEM_LIMIT` unless ``--all-errors``; a file refused by a limit
names the ``--limit`` that would read it (:func:`limit_hint`). With ``--format json`` it is
one JSON object on standard output, :func:`error_data`, whose shape
``docs/index.md`` documents.

This module is imported for ``peerlandscape --help``: it imports neither the
models nor any heavy layer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from peerlandscape import _exceptions
from peerlandscape.cli._common import (
    ALL_ERRORS_KEY,
    FORMAT_KEY,
    INPUT_KEY,
    LIMIT_NAMES,
    LIMITS_KEY,
    CommandError,
    counted,
    one_line,
    printable,
    terminal_width,
    wrap,
)

__all__ = [
    "ERROR_KINDS",
    "PROBLEM_LIMIT",
    "ReportedError",
    "error_data",
    "json_path",
    "limit_hint",
    "problem_line",
    "reported_errors",
]

PROBLEM_LIMIT = 20
"""How many problems of an invalid document the text report lists without ``--all-errors``."""

# Each kind once: its code, what it means, and the exception reported as it (None: no exception
# of the library is; the command line raises it, or an OSError is reported as unreadable_file).
_TABLE: tuple[tuple[str, str, type[_exceptions.PeerLandscapeError] | None], ...] = (
    (
        "missing_file",
        "A file named on the command line does not exist.",
        _exceptions.MissingFileError,
    ),
    (
        "unreadable_file",
        "A file cannot be read or written (permissions, a folder, a full disk).",
        _exceptions.WriteError,
    ),
    (
        "unreadable_document",
        "A file is not what it should be (not UTF-8, not JSON, not a study).",
        _exceptions.DocumentError,
    ),
    (
        "unsupported_version",
        "A document's schema_version is newer than this release reads.",
        _exceptions.SchemaVersionError,
    ),
    (
        "unsafe_file",
        "A file was refused because reading it could harm the reader.",
        _exceptions.UnsafeFileError,
    ),
    (
        "invalid_document",
        "A study breaks the schema or its integrity; problems lists each.",
        _exceptions.StudyValidationError,
    ),
    (
        "missing_dependency",
        "The command needs an optional dependency that is not installed.",
        _exceptions.MissingDependencyError,
    ),
    (
        "unknown_id",
        "An option names an id the study does not contain.",
        _exceptions.UnknownIdError,
    ),
    (
        "unknown_rule",
        "An option names a validation rule or group that does not exist.",
        _exceptions.UnknownRuleError,
    ),
    (
        "invalid_option",
        "An option was given a value outside its choices.",
        _exceptions.InvalidOptionError,
    ),
    (
        "file_exists",
        "A file to write exists already (peerlandscape init without --force).",
        None,
    ),
    (
        "identifying_data",
        "A file for sharing would hold text that identifies a person "
        "(--allow-identifying writes it).",
        _exceptions.IdentifyingDataError,
    ),
    ("usage", "The options cannot be used together as given.", None),
    ("error", "Anything else the input caused.", None),
)

ERROR_KINDS: dict[str, str] = {kind: meaning for kind, meaning, _ in _TABLE}
"""The ``kind`` of every error report, and what it means. The codes are stable."""

_KIND_OF: dict[type[_exceptions.PeerLandscapeError], str] = {
    raised: kind for kind, _, raised in _TABLE if raised is not None
}
"""The kind each exception class is reported as; a subclass as its nearest listed class."""

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SHOWN_INPUT = 60  # characters of a bad value shown in a text line
_NAMED_LIMIT = re.compile(rf"\b({'|'.join(LIMIT_NAMES)})=")
# What the library tells a Python caller to do; a command's user has --limit instead.
_LIBRARY_HINT = re.compile(r"; pass limits=Limits\(\w+=\.\.\.\) to read it")


def json_path(loc: Sequence[Any]) -> str:
    """Return a pydantic-style location as a JSON path: ``quotes[3].participant``.

    Examples
    --------
    >>> json_path(("quotes", 3, "participant"))
    'quotes[3].participant'
    >>> json_path(("participants", 0, "attributes", "age group"))
    'participants[0].attributes["age group"]'
    >>> json_path(())
    '(document)'
    """
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif _IDENTIFIER.match(str(part)):
            path += f".{part}" if path else str(part)
        else:
            path += f"[{json.dumps(str(part), ensure_ascii=False)}]"
    return path or "(document)"


def _shown(value: Any) -> str:
    """Show a bad value as the document has it, shortened to a line's worth."""
    text = repr(value) if isinstance(value, str) else _as_json_text(value)
    text = printable(text)
    return text if len(text) <= _SHOWN_INPUT else text[: _SHOWN_INPUT - 1] + "…"


def _as_json_text(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False)


def _plain(value: Any) -> Any:
    """Return ``value`` as JSON data: tuples as lists, anything JSON cannot hold as text."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value)


def limit_hint(message: str) -> str:
    """Say how to read a file refused by a limit on the command line: ``--limit NAME=...``.

    The library's message names the limit a file crossed (``NAME=value``) and
    may tell a Python caller to pass ``limits=``; a command's user passes
    ``--limit`` instead. A message that names no limit is returned as it is.

    Examples
    --------
    >>> limit_hint("s.json: refused: 300 bytes, more than max_document_bytes=256; "
    ...            "pass limits=Limits(max_document_bytes=...) to read it")
    's.json: refused: 300 bytes, more than max_document_bytes=256; pass --limit max_document_bytes=... to read it'
    >>> limit_hint("p.qdpx: refused: the archive holds 9 members, more than max_members=8")
    'p.qdpx: refused: the archive holds 9 members, more than max_members=8; pass --limit max_members=... to read it'
    """  # noqa: E501
    named = _NAMED_LIMIT.search(message)
    if named is None:
        return message
    return f"{_LIBRARY_HINT.sub('', message)}; pass --limit {named.group(1)}=... to read it"


def problem_line(error: Mapping[str, Any]) -> str:
    """Say one problem of an invalid document in a line: where, what was expected, what was found.

    Parameters
    ----------
    error
        A pydantic-style error (``type``, ``loc``, ``msg``, ``input``), as
        :attr:`peerlandscape.StudyValidationError.errors` holds them.

    Examples
    --------
    >>> problem_line({"type": "enum", "loc": ("interviews", 0, "format"),
    ...               "msg": "Input should be 'focus_group' or 'individual'", "input": "phone"})
    "interviews[0].format: expected 'focus_group' or 'individual', got 'phone'"
    >>> problem_line({"type": "missing", "loc": ("quotes", 2, "text"), "msg": "Field required",
    ...               "input": {"id": "q-3"}})
    'quotes[2].text: required, but missing'
    >>> problem_line({"type": "unknown_reference", "loc": ("quotes", 0, "participant"),
    ...               "msg": "quote 'q-1' field 'participant' names unknown participant 'p-9'",
    ...               "input": "p-9"})
    "quotes[0].participant: quote 'q-1' field 'participant' names unknown participant 'p-9'"
    """
    where = json_path(error.get("loc", ()))
    kind = error.get("type")
    message = printable(str(error.get("msg", "")))
    if kind == "missing":
        return f"{where}: required, but missing"
    if kind == "extra_forbidden":
        message = "not a field here (a misspelt name?)"
    elif message.startswith("Input should be "):
        message = "expected " + message.removeprefix("Input should be ")
    if "input" in error:
        shown = _shown(error["input"])
        # Integrity messages name the bad id already, quoted as repr quotes it.
        if not (isinstance(error["input"], str) and shown in message):
            message += f", got {shown}"
    return f"{where}: {message}"


def problem_data(error: Mapping[str, Any]) -> dict[str, Any]:
    """Return one problem as the JSON report lists it.

    Its keys are ``loc``, ``path``, ``type``, ``message`` and ``input``;
    ``input`` is left out for a missing field (pydantic gives the whole object
    that lacks it).

    Examples
    --------
    >>> problem_data({"type": "enum", "loc": ("interviews", 0, "format"),
    ...               "msg": "Input should be 'focus_group' or 'individual'", "input": "phone"})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'loc': ['interviews', 0, 'format'], 'path': 'interviews[0].format', 'type': 'enum',
     'message': "Input should be 'focus_group' or 'individual'", 'input': 'phone'}
    """
    loc = list(error.get("loc", ()))
    data: dict[str, Any] = {
        "loc": _plain(loc),
        "path": json_path(loc),
        "type": str(error.get("type", "")),
        "message": str(error.get("msg", "")),
    }
    if "input" in error and error.get("type") != "missing":
        data["input"] = _plain(error["input"])
    return data


class ReportedError(CommandError):
    """An error as the command line reports it: a kind, a message, and maybe problems.

    Parameters
    ----------
    message
        One line saying what is wrong, naming the file or option.
    kind
        One of :data:`ERROR_KINDS`.
    path
        The input file the command was reading, or ``None`` (the built-in study).
    problems
        The problems of an invalid document, as pydantic-style errors.
    as_json
        Report as JSON on standard output (``--format json``) instead of text.
    limit
        How many problems the text lists; ``None`` lists them all.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str,
        path: Path | None = None,
        problems: Sequence[Mapping[str, Any]] = (),
        as_json: bool = False,
        limit: int | None = PROBLEM_LIMIT,
    ) -> None:
        super().__init__(message, kind=kind)
        self.path = path
        self.problems = tuple(problems)
        self.as_json = as_json
        self.limit = limit

    def format_message(self) -> str:
        if not self.problems:
            return self.message
        return "\n".join(self.text_lines(terminal_width()))

    def text_lines(self, width: int) -> list[str]:
        """Return the text report of an invalid document: a headline, then a line per problem.

        Each problem starts its own line, indented by two spaces; a long one is
        wrapped to ``width`` with deeper indentation. The headline (after
        ``Error: ``) names the file and the number of problems.
        """
        where, found, _ = self.message.partition(": invalid study: ")
        headline = f"{where}: invalid study" if found else self.message
        lines = [f"{headline}, {counted(len(self.problems), 'problem')}:"]
        shown = self.problems if self.limit is None else self.problems[: self.limit]
        for error in shown:
            lines += wrap(problem_line(error), width, indent="  ", hanging="      ")
        hidden = len(self.problems) - len(shown)
        if hidden:
            lines.append(f"  ... and {hidden} more (--all-errors lists them all)")
        return lines

    def data(self) -> dict[str, Any]:
        """Return the report as ``--format json`` writes it (see :func:`error_data`)."""
        return error_data(self.kind, self.message, path=self.path, problems=self.problems)

    def show(self, file: IO[Any] | None = None) -> None:
        if self.as_json:
            text = json.dumps(self.data(), indent=2, ensure_ascii=False)
            # A bad value may hold a lone surrogate, which no output stream can encode: it is
            # written as the JSON escape it came in as.
            click.echo(_SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text))
        else:
            super().show(file)


def error_data(
    kind: str,
    message: str,
    *,
    path: Path | str | None = None,
    problems: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Return an error report as the JSON object ``--format json`` writes on standard output.

    Examples
    --------
    >>> error_data("missing_file", "s.json: no such file", path="s.json")
    ... # doctest: +NORMALIZE_WHITESPACE
    {'error': {'kind': 'missing_file', 'path': 's.json', 'message': 's.json: no such file',
               'problems': []}}
    """
    return {
        "error": {
            "kind": kind,
            "path": None if path is None else str(path),
            "message": message,
            "problems": [problem_data(error) for error in problems],
        }
    }


def _kind_of(exc: _exceptions.PeerLandscapeError) -> str:
    # The nearest class first: a SchemaVersionError is a DocumentError, reported as the former.
    return next((_KIND_OF[cls] for cls in type(exc).__mro__ if cls in _KIND_OF), "error")


@contextmanager
def reported_errors() -> Iterator[None]:
    """Report the errors a user can cause as a :class:`ReportedError`, exit code 2.

    A :class:`~peerlandscape.PeerLandscapeError` keeps its message, which
    already names the file and what is wrong with it (a file refused by a
    limit, with the ``--limit`` that reads it, when the command takes one); a
    :class:`~peerlandscape.StudyValidationError` brings every problem it
    found. An :class:`OSError` (a file that cannot be read or written for
    lack of permission, say) is reported by its file name and reason. A
    :class:`~peerlandscape.cli._common.CommandError` keeps its message and
    kind. The running command's ``--format``, ``--all-errors`` and input file
    (see :mod:`peerlandscape.cli._common`) decide how the report is shown. A
    broken pipe is left to click, which exits quietly when the reader of the
    output goes away (``| head``). Anything else is a bug and keeps its
    traceback.

    Examples
    --------
    >>> from peerlandscape import MissingFileError
    >>> with reported_errors():
    ...     raise MissingFileError("study.json: no such file")
    Traceback (most recent call last):
    ...
    peerlandscape.cli._errors.ReportedError: study.json: no such file
    """
    context = click.get_current_context(silent=True)
    meta: dict[str, Any] = context.meta if context is not None else {}

    def reported(message: str, kind: str, problems: Sequence[Mapping[str, Any]] = ()) -> Any:
        return ReportedError(
            message,
            kind=kind,
            path=meta.get(INPUT_KEY),
            problems=problems,
            as_json=meta.get(FORMAT_KEY) == "json",
            limit=None if meta.get(ALL_ERRORS_KEY) else PROBLEM_LIMIT,
        )

    try:
        yield
    except ReportedError:
        raise
    except CommandError as exc:
        raise reported(exc.message, exc.kind) from exc
    except _exceptions.StudyValidationError as exc:
        raise reported(one_line(str(exc)), "invalid_document", exc.errors) from exc
    except _exceptions.UnsafeFileError as exc:
        # Only a command that takes --limit can be told to use it.
        message = one_line(str(exc))
        raise reported(
            limit_hint(message) if LIMITS_KEY in meta else message, _kind_of(exc)
        ) from exc
    except _exceptions.PeerLandscapeError as exc:
        raise reported(one_line(str(exc)), _kind_of(exc)) from exc
    except BrokenPipeError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"{exc.filename}: {reason}" if exc.filename is not None else reason
        raise reported(one_line(message), "unreadable_file") from exc
