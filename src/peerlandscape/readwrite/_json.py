"""The JSON study document: read, write, parse, and the JSON Schema it follows.

The library's own format. Every document it writes carries ``schema_version``;
a document of an older version is migrated (``_migrate``) before the
models see it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from peerlandscape._collector import no_cyclic_gc
from peerlandscape._exceptions import DocumentError, StudyValidationError
from peerlandscape._input import check_unique_keys, decode_json, read_limited
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape.models import SCHEMA_VERSION, Study
from peerlandscape.models._study import DOCUMENT_CONTEXT
from peerlandscape.readwrite._atomic import atomic_write_text
from peerlandscape.readwrite._migrate import migrate

__all__ = ["from_dict", "json_schema", "parse_json", "read_json", "write_json"]

JSON_SCHEMA_ID = f"https://peerlandscape.invalid/schema/study-{SCHEMA_VERSION}.json"
"""``$id`` of the study document schema (a name, not a place to fetch it from)."""


def _describe(error: Any) -> str:
    location = ".".join(str(part) for part in error["loc"]) or "(document)"
    return f"{location}: {error['msg']}"


def _plain(error: Any) -> dict[str, Any]:
    # Keep errors plain data: pydantic puts the raised exception object in ctx["error"].
    plain = dict(error)
    if "ctx" in plain:
        plain["ctx"] = {key: str(value) for key, value in plain["ctx"].items()}
    return plain


def _invalid(errors: list[Any], where: str) -> StudyValidationError:
    first = _describe(errors[0])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return StudyValidationError(
        f"{where}: invalid study: {first}{more}", [_plain(error) for error in errors]
    )


def from_dict(document: Any, *, where: str = "document") -> Study:
    """Build a :class:`Study` from a decoded JSON document, migrating older versions.

    ``peerlandscape.study_from_dict`` is the same function, under the name it
    had before the formats moved to :mod:`peerlandscape.readwrite`.

    Parameters
    ----------
    document
        The decoded JSON (a ``dict``), as ``json.load`` returns it.
    where
        How to name the document in error messages (a path, a URL).

    Returns
    -------
    Study
        The validated study, at the current schema version.

    Raises
    ------
    DocumentError
        If ``document`` is not a study document.
    SchemaVersionError
        If its version is newer than, or unknown to, this release.
    StudyValidationError
        If it breaks the schema or referential integrity; ``errors`` lists every problem.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.from_dict({"schema_version": "1.1", "id": "s", "title": "A study"})
    >>> study.title
    'A study'
    >>> pl.from_dict({"id": "s"}, where="s.json")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: s.json: not a peerlandscape study document (...)
    """
    current = migrate(document, where=where)
    try:
        # The decoded document is validated as it is, with no JSON text in between: the
        # models accept what JSON can express (strings for enums and times, lists for
        # tuples) and still refuse coercions such as "5" for 5.
        return Study.model_validate(current, context={DOCUMENT_CONTEXT: True})
    except ValidationError as exc:
        try:
            errors = exc.errors(include_url=False)
        except UnicodeEncodeError:
            # A message quoting a lone surrogate (an id that names nothing) cannot be made.
            raise DocumentError(
                f"{where}: holds a lone surrogate (\\ud800 to \\udfff), which is not text"
            ) from None
        raise _invalid(errors, where) from None
    except RecursionError:
        # A value nested almost as deep as the decoder allows, where an enum's message
        # shows it (repr), recurses past the limit.
        raise DocumentError(f"{where}: a value is nested too deeply to read") from None


def parse_json(raw: str | bytes, *, where: str = "document") -> Study:
    """Build a :class:`Study` from the text of a JSON study document.

    ``peerlandscape.study_from_json`` is the same function, under the name it
    had before the formats moved to :mod:`peerlandscape.readwrite`.

    Parameters
    ----------
    raw
        The document, as text or UTF-8 bytes.
    where
        How to name the document in error messages.

    Returns
    -------
    Study
        The study the text describes, migrated from an older ``schema_version``
        when it carries one.

    Raises
    ------
    DocumentError, SchemaVersionError, StudyValidationError
        As :func:`read_json`; a text that is not JSON, or in which an object
        gives a key twice, raises DocumentError.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> pl.parse_json('{"schema_version": "1.1", "id": "s", "title": "T"}').id
    's'
    >>> pl.parse_json("{", where="s.json")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: s.json: not valid JSON (... at line 1, column 2)
    >>> pl.parse_json('{"schema_version": "1.0", "id": "s", "title": "T", '
    ...               '"schema_version": "1.1"}', where="s.json")
    Traceback (most recent call last):
    ...
    peerlandscape.DocumentError: s.json: key 'schema_version' appears more than once in the top-level object; ...
    """  # noqa: E501
    # pydantic's parser, like most, keeps the last of a repeated key without a word; one
    # pass of the C decoder that builds nothing refuses such a document first.
    check_unique_keys(raw, where=where)
    try:
        # The common case, a valid current document, is parsed once, in pydantic's Rust core.
        with no_cyclic_gc():
            return Study.model_validate_json(raw, context={DOCUMENT_CONTEXT: True})
    except ValidationError:
        pass
    # Anything else is diagnosed from the decoded document: not a study, an older version to
    # migrate, or a current-version study with errors. Python's decoder also takes what
    # pydantic's refuses but JSON allows (a byte-order mark, UTF-16).
    return from_dict(decode_json(raw, where=where), where=where)


def read_json(path: str | os.PathLike[str], *, limits: Limits | None = None) -> Study:
    """Read a study document written by :func:`write_json` (or by hand).

    Parameters
    ----------
    path
        Path of a ``.json`` study document (or of a pipe or device).
    limits
        How much may be read, as for every reader (:mod:`peerlandscape.readwrite`):
        256 MiB by default.

    Returns
    -------
    Study
        The validated study. Nothing is returned unless the whole document is valid.

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If the file is not UTF-8 JSON or not a study document, or an object
        in it gives a key twice.
    UnsafeFileError
        If the file is larger than ``limits.max_document_bytes``.
    SchemaVersionError
        If its ``schema_version`` is newer than, or unknown to, this release.
    StudyValidationError
        If the study breaks the schema or referential integrity.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "study.json"
    ...     _ = pl.write_json(pl.datasets.engdahl2025(), path)
    ...     pl.read_json(path) == pl.datasets.engdahl2025()
    True
    """
    limit = (limits or DEFAULT_LIMITS).max_document_bytes
    raw = read_limited(path, limit=limit, limit_name="max_document_bytes", what="a study document")
    return parse_json(raw, where=str(Path(path)))


def write_json(study: Study, path: str | os.PathLike[str], *, indent: int | None = 2) -> Path:
    """Write ``study`` as a JSON document, atomically.

    The document is written to a temporary file beside ``path`` and moved into
    place only when complete, so a failure never leaves a half-written file.

    Parameters
    ----------
    study
        The study to write.
    path
        The study document to create or replace, in an existing folder.
    indent
        Indentation for readability; ``None`` writes one compact line.

    Returns
    -------
    Path
        The study document, at the current ``schema_version``, which
        :func:`read_json` reads back as an equal study.

    Raises
    ------
    DocumentError
        If a text of the study cannot be written as UTF-8 (a lone surrogate);
        nothing is written.
    WriteError
        If the file cannot be written (see :class:`~peerlandscape.WriteError`).

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> import peerlandscape as pl
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pl.write_json(pl.datasets.engdahl2025(), pathlib.Path(folder) / "s.json")
    ...     json.loads(path.read_text())["schema_version"]
    '1.1'
    """
    if not isinstance(study, Study):
        raise TypeError(f"write_json expects a Study, got {type(study).__name__}")
    try:
        text = study.model_dump_json(indent=indent)
    except PydanticSerializationError as error:
        # A free text holding a lone surrogate (possible in a study built from Python
        # strings) has no UTF-8 form: say so before anything is written.
        raise DocumentError(f"{Path(path)}: the study cannot be written as JSON: {error}") from None
    atomic_write_text(Path(path), text + "\n")
    return Path(path)


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (Draft 2020-12) of a study document.

    Every property carries a ``description``. The same schema is committed as
    ``docs/schema/study-1.1.schema.json`` (beside the schemas of earlier versions).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> schema = pl.json_schema()
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> "schema_version" in schema["required"]
    True
    """
    schema = Study.model_json_schema(mode="validation")
    # A document must say its version, although the model supplies a default for it.
    schema["required"] = ["schema_version", *schema.get("required", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": JSON_SCHEMA_ID,
        **schema,
    }
