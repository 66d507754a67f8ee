"""Input read without trusting it: bounded bytes from any file, and what its first bytes claim.

Every reader gets its bytes here, so that none can be made to exhaust memory:
a regular file larger than the limit is refused before it is read; a pipe, a
device (``/dev/zero``) or standard input, whose size is unknown, is read in
chunks and refused as soon as it passes the limit. A workbook's zip
directory is checked the same way before a spreadsheet library opens it. An
XML document that declares a single-byte encoding but is plainly UTF-8 is
refused rather than read as garbled text, and a JSON object that gives a key
twice is refused rather than read with the last value silently winning.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import zipfile
from pathlib import Path
from typing import Any, BinaryIO, Final

from peerlandscape._exceptions import DocumentError, MissingFileError, UnsafeFileError
from peerlandscape._limits import Limits

__all__ = [
    "STDIN_NAME",
    "check_declared_encoding",
    "check_unique_keys",
    "check_workbook",
    "decode_json",
    "open_binary",
    "read_limited",
    "read_limited_stream",
    "too_large",
]

STDIN_NAME: Final = "<stdin>"
"""How standard input is named in messages."""

_CHUNK: Final = 1 << 20

# The encodings in which every byte is a character: bytes of UTF-8 read in them become
# two or three wrong characters each, without any error to say so.
_SINGLE_BYTE: Final = frozenset(
    {"latin-1", "iso8859-1", "iso8859-15", "cp1252", "ascii", "cp437", "cp850"}
)
_DECLARATION: Final = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']+)""")
_MULTIBYTE: Final = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")


def too_large(name: str, size: int | None, limit: int, limit_name: str) -> UnsafeFileError:
    """Return the error for input ``name`` that crosses ``limit_name``.

    Examples
    --------
    >>> print(too_large("s.json", 300, 256, "max_document_bytes"))
    s.json: refused: 300 bytes, more than max_document_bytes=256; pass limits=Limits(max_document_bytes=...) to read it
    """  # noqa: E501
    amount = f"{size} bytes" if size is not None else f"more than {limit} bytes read"
    more = f", more than {limit_name}={limit}" if size is not None else f" ({limit_name}={limit})"
    return UnsafeFileError(
        f"{name}: refused: {amount}{more}; pass limits=Limits({limit_name}=...) to read it"
    )


def read_limited_stream(stream: BinaryIO, *, name: str, limit: int, limit_name: str) -> bytes:
    """Return every byte of ``stream``, refusing more than ``limit`` of them.

    A regular file's size is checked before anything is read; any other
    stream is read in chunks of a megabyte and refused as soon as it passes
    the limit, so that at most ``limit`` bytes and a chunk are ever held.

    Parameters
    ----------
    stream
        An open binary stream: a file, a pipe, standard input's buffer.
    name
        How to name the input in messages (its path, ``<stdin>``).
    limit
        The most bytes allowed.
    limit_name
        The :class:`~peerlandscape.Limits` field ``limit`` comes from.

    Raises
    ------
    UnsafeFileError
        The input is larger than ``limit``.
    DocumentError
        The stream cannot be read.

    Examples
    --------
    >>> import io
    >>> read_limited_stream(io.BytesIO(b"abc"), name="x", limit=3, limit_name="max_document_bytes")
    b'abc'
    >>> read_limited_stream(io.BytesIO(b"abcd"), name="x", limit=3,
    ...                     limit_name="max_document_bytes")
    Traceback (most recent call last):
    ...
    peerlandscape.UnsafeFileError: x: refused: more than 3 bytes read (max_document_bytes=3); ...
    """
    try:
        status = os.fstat(stream.fileno())
    except (OSError, AttributeError, ValueError):
        status = None  # an in-memory stream: its size shows as it is read
    if status is not None and stat.S_ISREG(status.st_mode) and status.st_size > limit:
        raise too_large(name, status.st_size, limit, limit_name)
    chunks: list[bytes] = []
    size = 0
    try:
        while chunk := stream.read(min(_CHUNK, limit + 1 - size)):
            size += len(chunk)
            if size > limit:
                raise too_large(name, None, limit, limit_name)
            chunks.append(chunk)
    except OSError as error:
        raise DocumentError(f"{name}: cannot read: {error.strerror or error}") from None
    return b"".join(chunks)


def read_limited(path: str | os.PathLike[str], *, limit: int, limit_name: str, what: str) -> bytes:
    """Return the bytes of the file at ``path``, refusing more than ``limit`` of them.

    Parameters
    ----------
    path
        Any file: a regular file, a named pipe, a device such as ``/dev/stdin``.
    limit, limit_name
        As :func:`read_limited_stream`.
    what
        What the file should be, for the message about a folder
        (``"a study document"``).

    Raises
    ------
    MissingFileError
        There is no such file.
    UnsafeFileError
        It is larger than ``limit``.
    DocumentError
        It is a folder, or cannot be read.

    Examples
    --------
    >>> read_limited("/dev/zero", limit=1024, limit_name="max_document_bytes",
    ...              what="a study document")
    Traceback (most recent call last):
    ...
    peerlandscape.UnsafeFileError: /dev/zero: refused: more than 1024 bytes read ...
    """
    file = Path(path)
    with open_binary(file, what=what) as stream:
        return read_limited_stream(stream, name=str(file), limit=limit, limit_name=limit_name)


def open_binary(file: Path, *, what: str) -> BinaryIO:
    """Open ``file`` to read its bytes; a failure is the library's error, naming the file.

    ``what`` is what the file should be, for the message about a folder.

    >>> open_binary(Path("no/such.json"), what="a study document")
    Traceback (most recent call last):
    ...
    peerlandscape.MissingFileError: no/such.json: no such file
    """
    try:
        return file.open("rb")
    except FileNotFoundError:
        raise MissingFileError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise DocumentError(f"{file}: is a directory, not {what}") from None
    except OSError as error:
        raise DocumentError(f"{file}: cannot open: {error.strerror or error}") from None
    except ValueError as error:  # a NUL character in the path
        raise DocumentError(f"{file}: cannot open: {error}") from None


def check_workbook(workbook: BinaryIO, *, name: str, limits: Limits) -> None:
    """Refuse a workbook (a zip archive) whose directory declares too much, before it is opened.

    A spreadsheet library inflates the members a workbook declares, so a
    small ``.xlsx`` can hold gigabytes of cells. The declared sizes are what
    :mod:`zipfile` stops at, so checking them bounds what is inflated: the
    members together at most ``max_document_bytes``, at most
    ``max_members`` of them, and none (above ``ratio_floor_bytes``)
    compressed more than ``max_compression_ratio``.

    Parameters
    ----------
    workbook
        The workbook's bytes, as a seekable binary stream.
    name
        How to name it in messages.
    limits
        The limits named above.

    Raises
    ------
    UnsafeFileError
        A declared size, count or ratio crosses its limit.
    DocumentError
        It is not a zip archive.

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
    ...     archive.writestr("xl/worksheets/sheet1.xml", "<c/>" * 1_000_000)
    >>> check_workbook(buffer, name="bomb.xlsx", limits=Limits())
    Traceback (most recent call last):
    ...
    peerlandscape.UnsafeFileError: bomb.xlsx: refused: member 'xl/worksheets/sheet1.xml' declares a compression ratio of ...
    """  # noqa: E501
    try:
        with zipfile.ZipFile(workbook) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise DocumentError(f"{name}: not an XLSX workbook ({error})") from None
    finally:
        workbook.seek(0)
    if len(infos) > limits.max_members:
        raise UnsafeFileError(
            f"{name}: refused: the workbook holds {len(infos)} members, more than "
            f"max_members={limits.max_members}"
        )
    total = sum(info.file_size for info in infos)
    if total > limits.max_document_bytes:
        raise UnsafeFileError(
            f"{name}: refused: the workbook's members declare {total} bytes, more than "
            f"max_document_bytes={limits.max_document_bytes}; pass "
            "limits=Limits(max_document_bytes=...) to read it"
        )
    for info in infos:
        ratio = info.file_size / info.compress_size if info.compress_size else float("inf")
        if info.file_size > limits.ratio_floor_bytes and ratio > limits.max_compression_ratio:
            raise UnsafeFileError(
                f"{name}: refused: member {info.filename!r} declares a compression ratio of "
                f"{ratio:.0f}:1, more than max_compression_ratio={limits.max_compression_ratio:g}"
            )


def _declared_encoding(data: bytes) -> str | None:
    match = _DECLARATION.match(data[:1024])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError, ValueError):  # ValueError: a NUL in the name
        return None  # the XML parser says what is wrong with it


def check_declared_encoding(data: bytes, *, name: str) -> None:
    """Refuse XML that declares a single-byte encoding but whose bytes are UTF-8.

    An XML parser must trust the declaration, and lxml does: the UTF-8 bytes
    of ``ä`` (``C3 A4``) read as ISO-8859-1 become ``Ã¤``, without an error.
    Bytes that decode as UTF-8 and hold multi-byte sequences are, in
    practice, never text in a single-byte encoding, so such a file is
    refused, naming the declaration to correct, rather than read into a
    study as garbled quotes. A file whose bytes are not UTF-8 is read as
    it declares.

    Raises
    ------
    DocumentError
        The declaration contradicts the bytes.

    Examples
    --------
    >>> latin = '<?xml version="1.0" encoding="ISO-8859-1"?><a>ä</a>'
    >>> check_declared_encoding(latin.encode("latin-1"), name="ok.qdc")  # truly Latin-1
    >>> check_declared_encoding(latin.encode("utf-8"), name="bad.qdc")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: bad.qdc: declares encoding="ISO-8859-1" but its bytes are UTF-8 ...
    """
    encoding = _declared_encoding(data)
    if encoding not in _SINGLE_BYTE or _MULTIBYTE.search(data) is None:
        return
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return
    declared = _DECLARATION.match(data[:1024])
    shown = declared.group(1).decode("ascii") if declared is not None else encoding
    line = data[: _MULTIBYTE.search(data).start()].count(b"\n") + 1  # type: ignore[union-attr]
    raise DocumentError(
        f'{name}: declares encoding="{shown}" but its bytes are UTF-8 (line {line}); read as '
        "declared its text would be garbled; correct the declaration to UTF-8"
    )


class _RepeatedKeyError(Exception):
    """Raised out of the decoder by the first object that repeats a key."""


def _refuse_repeats(pairs: list[tuple[str, Any]]) -> None:
    # Called by the C decoder for every object: building a dict of the pairs is the cheapest
    # count of distinct keys; None instead of the dict keeps nothing alive.
    if len(dict(pairs)) != len(pairs):
        raise _RepeatedKeyError


_CHECKER: Final = json.JSONDecoder(object_pairs_hook=_refuse_repeats)


def _decode_error(raw: str | bytes, where: str) -> DocumentError | None:
    try:
        json.loads(raw)
    except UnicodeDecodeError as exc:
        return DocumentError(f"{where}: not UTF-8 text ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        return DocumentError(
            f"{where}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        )
    except (RecursionError, ValueError) as exc:
        # Nesting too deep for the decoder, or an integer beyond Python's digit limit.
        return DocumentError(f"{where}: JSON too deeply nested or too large to read ({exc})")
    return None


def _located_repeat(raw: str | bytes, where: str) -> DocumentError:
    first: list[tuple[str, dict[str, Any]]] = []

    def keep(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        built = dict(pairs)
        if not first and len(built) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    first.append((key, built))
                    break
                seen.add(key)
        return built

    try:
        document = json.loads(raw, object_pairs_hook=keep)
    except (ValueError, RecursionError):
        # Not JSON past the repeat either (text after the object, say): that is what to fix.
        return _decode_error(raw, where) or DocumentError(f"{where}: not readable as JSON")
    key, holder = first[0]
    # Found by identity, breadth first and without recursion: the decoder reports objects
    # inner first, with no path to them.
    queue: list[tuple[Any, str]] = [(document, "")]
    location = "an object"
    for value, path in queue:
        if value is holder:
            location = f"the object at {path}" if path else "the top-level object"
            break
        if isinstance(value, dict):
            queue.extend((item, f"{path}.{name}" if path else name) for name, item in value.items())
        elif isinstance(value, list):
            queue.extend((item, f"{path}[{number}]") for number, item in enumerate(value))
    return DocumentError(
        f"{where}: key {key!r} appears more than once in {location}; refused, since which "
        "value is meant cannot be told (a JSON reader would silently keep the last)"
    )


def check_unique_keys(raw: str | bytes, *, where: str) -> None:
    """Refuse a JSON text in which an object gives the same key twice.

    JSON leaves a repeated key undefined and most readers keep the last
    value without a word, so ``{"schema_version": "1.0", ...,
    "schema_version": "1.1"}`` would be read as whichever came last.

    Parameters
    ----------
    raw
        The JSON text, or its UTF-8 (or UTF-16/32) bytes.
    where
        How to name the document in messages.

    Raises
    ------
    DocumentError
        An object repeats a key (the message names the key and the object's
        place, such as ``quotes[3]``), or the text is not JSON.

    Examples
    --------
    >>> check_unique_keys(b'{"a": {"b": 1}, "c": [{"d": 1, "d": 2}]}', where="s.json")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: s.json: key 'd' appears more than once in the object at c[0]; ...
    """
    try:
        _CHECKER.decode(raw.decode("utf-8") if isinstance(raw, bytes) else raw)
    except _RepeatedKeyError:
        raise _located_repeat(raw, where) from None
    except (ValueError, RecursionError):
        # Not plain UTF-8 JSON: the full decoder below says what it is.
        error = _decode_error(raw, where)
        if error is not None:
            raise error from None
        try:
            json.loads(raw, object_pairs_hook=_refuse_repeats)
        except _RepeatedKeyError:
            raise _located_repeat(raw, where) from None


def decode_json(raw: str | bytes, *, where: str) -> Any:
    """Return the decoded JSON ``raw``, refusing an object that repeats a key.

    Raises
    ------
    DocumentError
        ``raw`` is not UTF-8 (or UTF-16/32) JSON, nests too deep, or
        repeats a key in an object.

    Examples
    --------
    >>> decode_json(b'{"a": [1, 2]}', where="x.json")
    {'a': [1, 2]}
    >>> decode_json("{", where="x.json")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: x.json: not valid JSON (Expecting property name ...)
    """
    error = None
    try:
        return json.loads(raw, object_pairs_hook=_unique_dict)
    except _RepeatedKeyError:
        error = _located_repeat(raw, where)
    except (ValueError, RecursionError):
        error = _decode_error(raw, where)
    if error is None:  # pragma: no cover - json.loads failed once and not again
        raise DocumentError(f"{where}: not readable as JSON")
    raise error


def _unique_dict(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    built = dict(pairs)
    if len(built) != len(pairs):
        raise _RepeatedKeyError
    return built
