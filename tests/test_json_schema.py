"""The JSON Schema of a study document: valid, documented, agreeing with the models, committed."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape.models import Study
from peerlandscape.readwrite import _migrate
from strategies import FAST, studies

SCHEMA_DIR = Path(__file__).parents[1] / "docs" / "schema"
SCHEMA_FILE = SCHEMA_DIR / f"study-{pl.SCHEMA_VERSION}.schema.json"
GOLDEN = Path(__file__).parent / "golden"
"""Documents as earlier versions wrote them, one folder per version."""
SCHEMA = pl.json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def object_schemas(schema: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every sub-schema that declares ``properties``, with a JSON-pointer-like location."""
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            yield where, schema
        for key, value in schema.items():
            yield from object_schemas(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for position, value in enumerate(schema):
            yield from object_schemas(value, f"{where}/{position}")


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_is_named_by_its_version() -> None:
    assert SCHEMA["$id"].endswith(f"/study-{pl.SCHEMA_VERSION}.json")


def test_each_call_returns_a_fresh_schema() -> None:
    schema = pl.json_schema()
    schema["required"].append("colour")
    assert "colour" not in pl.json_schema()["required"]


def test_every_property_has_a_description() -> None:
    undocumented = [
        f"{where}/properties/{name}"
        for where, schema in object_schemas(SCHEMA)
        for name, prop in schema["properties"].items()
        if not (isinstance(prop.get("description"), str) and prop["description"].strip())
    ]
    assert undocumented == []
    # The walk must actually reach the definitions, or the check above proves nothing.
    assert {where for where, _ in object_schemas(SCHEMA)} >= {"#", "#/$defs/Span", "#/$defs/Quote"}


def test_every_object_is_closed_to_unknown_fields() -> None:
    open_objects = [
        where
        for where, schema in object_schemas(SCHEMA)
        if schema.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_a_document_must_state_its_version() -> None:
    assert "schema_version" in SCHEMA["required"]
    assert SCHEMA["properties"]["schema_version"]["const"] == pl.SCHEMA_VERSION


def test_the_builtin_document_validates(engdahl: Study, tmp_path: Path) -> None:
    path = pl.write_json(engdahl, tmp_path / "engdahl2025.json")
    VALIDATOR.validate(json.loads(path.read_text(encoding="utf-8")))


def test_the_packaged_builtin_document_validates() -> None:
    from importlib import resources

    raw = resources.files("peerlandscape.datasets").joinpath("engdahl2025.json").read_bytes()
    VALIDATOR.validate(json.loads(raw))


@FAST
@given(study=studies())
def test_any_valid_study_document_validates(study: Study) -> None:
    VALIDATOR.validate(json.loads(study.model_dump_json()))


MINIMAL = {"schema_version": pl.SCHEMA_VERSION, "id": "s", "title": "T"}


@pytest.mark.parametrize(
    "document",
    [
        {"id": "s", "title": "T"},
        {**MINIMAL, "schema_version": "2.0"},
        {**MINIMAL, "id": "Not A Slug"},
        {**MINIMAL, "year": "2025"},
        {**MINIMAL, "colour": "red"},
        {
            **MINIMAL,
            "groups": [{"id": "g", "label": "G"}],
            "participants": [{"id": "p", "label": "P", "group": "g", "name": "Anna Andersson"}],
        },
        {
            **MINIMAL,
            "sources": [{"id": "src", "label": "S", "text": "xyz"}],
            "quotes": [{"id": "q", "text": "x", "source": "src", "span": {"start": -1, "end": 2}}],
        },
        {**MINIMAL, "interviews": [{"id": "i", "label": "I", "format": "walk"}]},
        {**MINIMAL, "received": "June 2023"},
    ],
    ids=[
        "no-version",
        "newer-version",
        "bad-id",
        "string-year",
        "unknown-field",
        "participant-name",
        "negative-span",
        "unknown-format",
        "bad-date",
    ],
)
def test_the_schema_refuses_what_the_reader_refuses(document: dict[str, Any]) -> None:
    assert not VALIDATOR.is_valid(document)
    with pytest.raises(pl.PeerLandscapeError):
        pl.study_from_dict(document)


def test_the_schema_accepts_the_smallest_study() -> None:
    VALIDATOR.validate(MINIMAL)
    assert pl.study_from_dict(MINIMAL).id == "s"


def test_the_committed_schema_file_is_up_to_date() -> None:
    expected = json.dumps(SCHEMA, indent=2, sort_keys=False) + "\n"
    committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else None
    assert committed == expected, (
        f"{SCHEMA_FILE.relative_to(SCHEMA_FILE.parents[2])} is out of date with "
        "peerlandscape.json_schema(); regenerate it with `python docs/schema/generate.py` "
        "and commit the result"
    )


# --- one bundled schema per published version (as pystac keeps them) -----------------------

VERSIONS = sorted({*_migrate.MIGRATIONS, pl.SCHEMA_VERSION})
"""Every version this release reads: the current one, and each one it migrates from."""


def bundled(version: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(
        (SCHEMA_DIR / f"study-{version}.schema.json").read_text(encoding="utf-8")
    )
    return schema


def test_a_schema_is_bundled_for_every_version_read_and_no_other() -> None:
    assert VERSIONS == ["1.0", "1.1"]
    committed = sorted(path.name for path in SCHEMA_DIR.glob("study-*.schema.json"))
    assert committed == [f"study-{version}.schema.json" for version in VERSIONS]


@pytest.mark.parametrize("version", VERSIONS)
def test_each_bundled_schema_is_valid_and_names_its_version(version: str) -> None:
    schema = bundled(version)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"].endswith(f"/study-{version}.json")
    assert schema["properties"]["schema_version"]["const"] == version


@pytest.mark.parametrize(
    "path", sorted(GOLDEN.glob("*/*.json")), ids=lambda p: f"{p.parent.name}/{p.name}"
)
def test_each_golden_document_validates_against_the_schema_of_its_version(path: Path) -> None:
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["schema_version"] == path.parent.name
    jsonschema.Draft202012Validator(bundled(path.parent.name)).validate(document)


def test_the_1_0_schema_is_kept_as_1_0_published_it() -> None:
    # Placements lived on the quote, and a coding applied a code and nothing else.
    old = bundled("1.0")["$defs"]
    assert "subthemes" in old["Quote"]["properties"]
    assert set(old["Coding"]["properties"]) == {"quote", "code", "coder"}
    assert "Memo" not in old
    assert "subthemes" not in SCHEMA["$defs"]["Quote"]["properties"]
