"""JSON study documents: faithful round trips, atomic writes, versioned and hostile-proof reads."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.models import Study
from peerlandscape.readwrite import _migrate
from strategies import FAST, studies

# --- round trips ------------------------------------------------------------------------


def test_the_builtin_study_survives_a_round_trip(engdahl: Study, tmp_path: Path) -> None:
    path = pl.write_json(engdahl, tmp_path / "engdahl2025.json")
    assert path == tmp_path / "engdahl2025.json"
    assert pl.read_json(path) == engdahl


def test_a_compact_document_reads_back_the_same(engdahl: Study, tmp_path: Path) -> None:
    path = pl.write_json(engdahl, tmp_path / "compact.json", indent=None)
    assert path.read_text(encoding="utf-8").count("\n") == 1
    assert pl.read_json(path) == engdahl


def test_a_path_may_be_given_as_a_string(tmp_path: Path) -> None:
    study = Study(id="s", title="T")
    pl.write_json(study, str(tmp_path / "s.json"))
    assert pl.read_json(str(tmp_path / "s.json")) == study


@FAST
@given(study=studies())
def test_any_valid_study_survives_a_round_trip_and_carries_its_version_first(
    study: Study, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = pl.write_json(study, tmp_path_factory.mktemp("round-trip") / "study.json")
    assert pl.read_json(path) == study
    text = path.read_bytes().decode("utf-8")
    assert text.endswith("}\n")
    document = json.loads(text)
    assert next(iter(document)) == "schema_version"
    assert document["schema_version"] == pl.SCHEMA_VERSION == "1.1"
    assert pl.study_from_json(text) == study
    assert pl.study_from_dict(document) == study


def test_non_ascii_text_is_written_as_utf8_not_escaped(tmp_path: Path) -> None:
    study = Study(id="s", title="Kamratstöd 🌱")
    path = pl.write_json(study, tmp_path / "s.json")
    assert "Kamratstöd 🌱" in path.read_text(encoding="utf-8")


# --- writing ----------------------------------------------------------------------------


@pytest.mark.parametrize("failure", [OSError("disk full"), KeyboardInterrupt()], ids=repr)
def test_a_failed_write_leaves_the_old_file_intact_and_no_temporary_file(
    failure: BaseException, engdahl: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = pl.write_json(Study(id="old", title="The old study"), tmp_path / "study.json")
    before = path.read_bytes()

    def fail(*_args: object, **_kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(type(failure)):
        pl.write_json(engdahl, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_a_failed_first_write_leaves_nothing_behind(
    engdahl: Study, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        pl.write_json(engdahl, tmp_path / "study.json")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_writing_replaces_an_existing_document(engdahl: Study, tmp_path: Path) -> None:
    path = pl.write_json(Study(id="old", title="Old"), tmp_path / "study.json")
    pl.write_json(engdahl, path)
    assert pl.read_json(path) == engdahl
    assert list(tmp_path.iterdir()) == [path]


def test_writing_into_a_missing_folder_is_a_missing_file_error(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError, match="no-such-folder"):
        pl.write_json(Study(id="s", title="T"), tmp_path / "no-such-folder" / "s.json")


def test_writing_something_other_than_a_study_is_a_type_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="expects a Study, got dict"):
        pl.write_json({"id": "s", "title": "T"}, tmp_path / "s.json")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# --- reading what is not a study document -----------------------------------------------


def test_reading_a_missing_file_is_a_missing_file_error(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    with pytest.raises(pl.MissingFileError) as exc:
        pl.read_json(path)
    assert isinstance(exc.value, FileNotFoundError)
    assert str(exc.value) == f"{path}: no such file"


def test_reading_a_directory_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(pl.DocumentError, match="is a directory"):
        pl.read_json(tmp_path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"title": "Kamratst\xf6d"}', r"not UTF-8 text \(invalid start byte at byte 19\)"),
        (b"", r"not valid JSON \(Expecting value at line 1, column 1\)"),
        (b"schema_version: 1.0\nid: s\n", r"not valid JSON \(.* at line 1, column 1\)"),
        (b'{"schema_version": "1.0",}', r"not valid JSON \(.* at line 1, column 26\)"),
        (
            b"[1, 2, 3]",
            r"not a peerlandscape study document \(expected a JSON object, found list\)",
        ),
        (b'"study"', r"not a peerlandscape study document \(expected a JSON object, found str\)"),
        (b'{"id": "s"}', r"not a peerlandscape study document \(no 'schema_version' string\)"),
        (
            b'{"schema_version": 1.0, "id": "s"}',
            r"not a peerlandscape study document \(no 'schema_version' string\)",
        ),
    ],
    ids=[
        "latin-1",
        "empty",
        "yaml",
        "trailing-comma",
        "array",
        "string",
        "no-version",
        "numeric-version",
    ],
)
def test_reading_what_is_not_a_study_document_is_a_document_error(
    content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "document.json"
    path.write_bytes(content)
    with pytest.raises(pl.DocumentError, match=f"^{path}: {message}") as exc:
        pl.read_json(path)
    assert type(exc.value) is pl.DocumentError
    assert isinstance(exc.value, ValueError)
    assert "\n" not in str(exc.value)


def test_a_valid_document_without_schema_version_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "unversioned.json"
    path.write_text('{"id": "s", "title": "T"}')
    with pytest.raises(pl.DocumentError, match="no 'schema_version' string"):
        pl.read_json(path)


def test_a_dict_without_schema_version_is_a_document_error() -> None:
    with pytest.raises(pl.DocumentError, match="no 'schema_version' string"):
        pl.study_from_dict({"id": "s", "title": "T"})


NEWER = "than this release of peerlandscape reads ('1.1'); upgrade peerlandscape"


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("2.0", f"schema_version '2.0' is newer {NEWER}"),
        ("1.2", f"schema_version '1.2' is newer {NEWER}"),
        ("1.1.1", f"schema_version '1.1.1' is newer {NEWER}"),
        ("banana", "unknown schema_version 'banana'; this release reads '1.1'"),
        ("0.9", "unknown schema_version '0.9'; this release reads '1.1'"),
        ("", "unknown schema_version ''; this release reads '1.1'"),
    ],
)
def test_an_unreadable_version_is_a_schema_version_error(
    version: str, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": version, "id": "s", "title": "T"}))
    with pytest.raises(pl.SchemaVersionError) as exc:
        pl.read_json(path)
    assert str(exc.value) == f"{path}: {message}"
    assert isinstance(exc.value, pl.DocumentError)


def test_a_newer_version_is_refused_even_when_the_document_would_validate(tmp_path: Path) -> None:
    path = pl.write_json(Study(id="s", title="T"), tmp_path / "s.json")
    path.write_text(path.read_text().replace('"1.1"', '"2.0"'))
    with pytest.raises(pl.SchemaVersionError, match="newer"):
        pl.read_json(path)


# --- migrations -------------------------------------------------------------------------


def rename_name_to_title(document: dict[str, Any]) -> dict[str, Any]:
    migrated = dict(document)
    migrated["title"] = migrated.pop("name")
    return migrated


def split_author_string(document: dict[str, Any]) -> dict[str, Any]:
    migrated = dict(document)
    migrated["authors"] = [a.strip() for a in migrated.pop("author_string").split(";")]
    return migrated


def test_every_published_version_migrates_one_step_at_a_time_to_the_current_one() -> None:
    # 1.0 is the first published version; each schema change adds the step from the version
    # before it (the golden documents of tests/golden/ are read through them).
    assert pl.SCHEMA_VERSION == "1.1"
    assert {old: new for old, (new, _) in _migrate.MIGRATIONS.items()} == {"1.0": "1.1"}


def test_an_older_document_is_migrated_before_it_is_validated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A step registered before 1.0 chains on through the published 1.0 -> 1.1 step.
    monkeypatch.setitem(_migrate.MIGRATIONS, "0.9", ("1.0", rename_name_to_title))
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": "0.9", "id": "old", "name": "An old study"}))
    study = pl.read_json(path)
    assert (study.schema_version, study.id, study.title) == ("1.1", "old", "An old study")
    rewritten = pl.write_json(study, tmp_path / "new.json")
    assert json.loads(rewritten.read_text())["schema_version"] == "1.1"


def test_migrations_are_chained_one_version_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(_migrate.MIGRATIONS, "0.8", ("0.9", split_author_string))
    monkeypatch.setitem(_migrate.MIGRATIONS, "0.9", ("1.0", rename_name_to_title))
    document = {"schema_version": "0.8", "id": "old", "name": "Old", "author_string": "A; B"}
    study = pl.study_from_json(json.dumps(document))
    assert (study.title, study.authors) == ("Old", ("A", "B"))
    assert pl.study_from_dict(document) == study


def test_a_migrated_document_is_still_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(_migrate.MIGRATIONS, "0.9", ("1.0", rename_name_to_title))
    document = {"schema_version": "0.9", "id": "Old Study", "name": "Old"}
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_json(json.dumps(document), where="old.json")
    assert [(e["type"], e["loc"]) for e in exc.value.errors] == [
        ("string_pattern_mismatch", ("id",))
    ]
    assert str(exc.value).startswith("old.json: invalid study: id: ")


# --- hostile input ----------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)

FIELD_NAMES = sorted(Study.model_fields)
study_like = st.dictionaries(
    st.sampled_from(FIELD_NAMES) | st.text(max_size=8), json_values, max_size=6
).flatmap(
    lambda body: st.builds(
        lambda version: {**body, "schema_version": version},
        st.sampled_from(["1.1", "1.1", "1.0", "1.0", "2.0", "0.9", "1"]) | json_values,
    )
)


def check_outcome(read: Any, document: Any) -> None:
    """Reading either raises one of the library's errors or returns a complete study."""
    try:
        study = read()
    except pl.PeerLandscapeError as exc:
        error: pl.PeerLandscapeError | None = exc
    else:
        error = None
    if error is not None:
        assert str(error)
        assert not isinstance(error, pl.StudyValidationError) or error.errors
        return
    assert isinstance(study, Study)
    assert isinstance(document, dict)
    # An older document is compared in its migrated form: what 1.0 said of a quote's
    # placements, 1.1 says with codings (tests/test_migration.py checks that step itself).
    current = _migrate.migrate(copy.deepcopy(document), where="document")
    assert_contains(json.loads(study.model_dump_json()), current)


def assert_contains(written: Any, given_: Any) -> None:
    """Everything the document said is in the study (which may add defaults)."""
    if isinstance(given_, dict):
        assert isinstance(written, dict)
        for key, value in given_.items():
            assert key in written
            assert_contains(written[key], value)
    elif isinstance(given_, list):
        assert isinstance(written, list)
        assert len(written) == len(given_)
        for w, g in zip(written, given_, strict=True):
            assert_contains(w, g)
    else:
        assert written == given_


@settings(max_examples=150, deadline=None)
@given(document=json_values | study_like)
def test_random_json_gives_a_library_error_or_a_whole_study(document: Any) -> None:
    text = json.dumps(document)
    check_outcome(lambda: pl.study_from_json(text), document)
    check_outcome(lambda: pl.study_from_dict(document), document)


@settings(max_examples=100, deadline=None)
@given(raw=st.binary(max_size=60))
def test_random_bytes_give_a_library_error(raw: bytes) -> None:
    with pytest.raises(pl.PeerLandscapeError):
        pl.study_from_json(raw)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if prefix:
        yield prefix
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        yield from paths(child, (*prefix, key))


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> dict[str, Any]:
    """``base`` with one to three random edits: keys deleted, values retyped or replaced."""
    document = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 3))):
        where = list(paths(document))
        if not where:
            break
        path = draw(st.sampled_from(where))
        parent = document
        for key in path[:-1]:
            parent = parent[key]
        key = path[-1]
        action = draw(st.sampled_from(["delete", "replace", "wrap", "stringify", "duplicate"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(json_values)
        elif action == "wrap":
            parent[key] = [parent[key]]
        elif action == "stringify":
            parent[key] = json.dumps(parent[key])
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[key]))
        else:
            parent[f"{key}_copy"] = copy.deepcopy(parent[key])
    return document


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_mutated_builtin_document_gives_a_library_error_or_a_whole_study(
    data: st.DataObject, engdahl_document: dict[str, Any]
) -> None:
    # engdahl_document is not mutated (mutated() edits a deep copy), so sharing it is safe.
    document = data.draw(mutated(engdahl_document))
    check_outcome(lambda: pl.study_from_json(json.dumps(document)), document)


GOLDEN_1_0 = Path(__file__).parent / "golden" / "1.0"


@settings(max_examples=60, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(p.name for p in GOLDEN_1_0.glob("*.json"))))
def test_a_mutated_1_0_document_gives_a_library_error_or_a_whole_study(
    data: st.DataObject, name: str
) -> None:
    # The migration reads what 1.0 readers accepted, and hostile variants of it, without
    # failing in any other way than the readers' own errors.
    document = json.loads((GOLDEN_1_0 / name).read_text(encoding="utf-8"))
    document = data.draw(mutated(document))
    check_outcome(lambda: pl.study_from_json(json.dumps(document)), document)
    check_outcome(lambda: pl.study_from_dict(document), document)


@settings(FAST, max_examples=30)
@given(data=st.data(), study=studies())
def test_a_mutated_random_document_gives_a_library_error_or_a_whole_study(
    data: st.DataObject, study: Study
) -> None:
    document = data.draw(mutated(json.loads(study.model_dump_json())))
    check_outcome(lambda: pl.study_from_json(json.dumps(document)), document)
    check_outcome(lambda: pl.study_from_dict(document), document)


def test_deeply_nested_json_is_a_document_error() -> None:
    with pytest.raises(pl.DocumentError):
        pl.study_from_json("[" * 5000 + "]" * 5000)


def test_a_huge_integer_is_a_library_error() -> None:
    with pytest.raises(pl.PeerLandscapeError):
        pl.study_from_json(
            '{"schema_version": "1.1", "id": "s", "title": "T", "year": 1' + "0" * 5000 + "}"
        )
