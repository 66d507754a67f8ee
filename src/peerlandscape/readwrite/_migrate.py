"""Identify the schema version of a study document and bring it up to date.

Every document peerlandscape writes carries ``schema_version``. On reading,
a document of an older version is passed through the registered migrations,
one version step at a time, before the models see it; a document of a newer
(or unknown) version is refused, because this release cannot know what the
newer fields mean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peerlandscape._exceptions import DocumentError, SchemaVersionError
from peerlandscape.models import SCHEMA_VERSION

__all__ = ["MIGRATIONS", "identify_version", "migrate"]

Migration = Callable[[dict[str, Any]], dict[str, Any]]


def _from_1_0(document: dict[str, Any]) -> dict[str, Any]:
    """1.0 -> 1.1: a quote's direct placements under sub-themes become codings.

    In 1.1 every link between a quote and the framework is a coding, whatever
    element it applies; a placement a paper made is a coding with an unknown
    coder. The new codings follow the old ones, in the order of the quotes, so
    that each quote's links keep the order 1.0 gave them (codings, then
    placements). Everything else in a 1.0 document is valid 1.1.
    """
    quotes = document.get("quotes")
    if not isinstance(quotes, list):
        return document
    placements: list[dict[str, Any]] = []
    migrated: list[Any] = []
    for quote in quotes:
        subthemes = quote.get("subthemes") if isinstance(quote, dict) else None
        if isinstance(subthemes, list):
            migrated.append({key: value for key, value in quote.items() if key != "subthemes"})
            placements.extend(
                {"quote": quote.get("id"), "subtheme": subtheme} for subtheme in subthemes
            )
        else:
            # No placements, or not a list: left for the model to report where it was found.
            migrated.append(quote)
    codings = document.get("codings", [])
    if placements:
        codings = [*codings, *placements] if isinstance(codings, list) else codings
    return {**document, "quotes": migrated, "codings": codings}


MIGRATIONS: dict[str, tuple[str, Migration]] = {"1.0": ("1.1", _from_1_0)}
"""Maps an old version to ``(next version, function)``; :func:`migrate` chains the steps."""


def identify_version(document: object, *, where: str) -> str:
    """Return the ``schema_version`` of a decoded JSON document.

    Raises
    ------
    DocumentError
        If the document is not a JSON object or has no string ``schema_version``.
    """
    if not isinstance(document, dict):
        raise DocumentError(
            f"{where}: not a peerlandscape study document "
            f"(expected a JSON object, found {type(document).__name__})"
        )
    version = document.get("schema_version")
    if not isinstance(version, str):
        raise DocumentError(
            f"{where}: not a peerlandscape study document (no 'schema_version' string)"
        )
    return version


def _as_tuple(version: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        return None


def migrate(document: dict[str, Any], *, where: str) -> dict[str, Any]:
    """Return ``document`` at the current schema version.

    Raises
    ------
    SchemaVersionError
        If the version is newer than this release, or unknown.
    """
    version = identify_version(document, where=where)
    while version != SCHEMA_VERSION:
        if version not in MIGRATIONS:
            parsed, current = _as_tuple(version), _as_tuple(SCHEMA_VERSION)
            if parsed is not None and current is not None and parsed > current:
                raise SchemaVersionError(
                    f"{where}: schema_version {version!r} is newer than this release of "
                    f"peerlandscape reads ({SCHEMA_VERSION!r}); upgrade peerlandscape"
                )
            raise SchemaVersionError(
                f"{where}: unknown schema_version {version!r}; "
                f"this release reads {SCHEMA_VERSION!r}"
            )
        version, step = MIGRATIONS[version]
        document = {**step(document), "schema_version": version}
    return document
