"""The key file: texts replaced and objects renamed, each in its own section, older files read.

Every name, address and id here is invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.models import Kind
from peerlandscape.privacy import FindingKind, Key

FORMAT = "peerlandscape-pseudonymisation-key"


def _key() -> Key:
    return Key(
        {
            "name": {"Anna Andersson": "Person 1"},
            "email": {"anna.berg@example.se": "[e-mail 1]"},
        },
        study="demo",
        ids={
            "participant": {"anna-andersson": "person-1"},
            "coder": {"anna-berg-example-se": "e-mail-1"},
        },
    )


def _written(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "key.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_file_holds_the_ids_in_a_section_of_their_own(tmp_path: Path) -> None:
    path = _key().write(tmp_path / "key.json")
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "format": FORMAT,
        "version": 2,
        "study": "demo",
        "entries": {
            "name": {"Anna Andersson": "Person 1"},
            "email": {"anna.berg@example.se": "[e-mail 1]"},
        },
        "ids": {
            "participant": {"anna-andersson": "person-1"},
            "coder": {"anna-berg-example-se": "e-mail-1"},
        },
    }
    assert Key.read(path) == _key()


def test_the_ids_are_read_by_kind_of_object() -> None:
    key = _key()
    assert key.ids[Kind.PARTICIPANT] == {"anna-andersson": "person-1"}
    assert key.ids[Kind.CODER] == {"anna-berg-example-se": "e-mail-1"}
    # They are not among the texts, and a key's length counts both.
    assert [original for _, original, _ in key.items()] == [
        "Anna Andersson",
        "anna.berg@example.se",
    ]
    assert len(key) == 4


def test_a_key_shows_how_many_ids_it_holds_never_which() -> None:
    shown = repr(_key())
    assert shown == "<Key for 'demo': 1 name, 1 email, 1 participant id, 1 coder id>"
    assert "anna" not in shown


def test_the_ids_section_is_read_only() -> None:
    key = _key()
    with pytest.raises(TypeError):
        key.ids[Kind.QUOTE] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        key.ids[Kind.PARTICIPANT]["bo-berg"] = "person-2"  # type: ignore[index]


def test_a_key_file_of_version_1_is_read_with_its_renamed_objects_moved_to_ids(
    tmp_path: Path,
) -> None:
    # As version 1 wrote it: each renamed object kept as namespaced ids among the texts of
    # the kind replaced in its label.
    path = _written(
        tmp_path,
        {
            "format": FORMAT,
            "version": 1,
            "study": "demo",
            "entries": {
                "name": {
                    "Anna Andersson": "Person 1",
                    "participant:anna-andersson": "participant:person-1",
                },
                "email": {
                    "anna.berg@example.se": "[e-mail 1]",
                    "coder:anna-berg-example-se": "coder:e-mail-1",
                },
            },
        },
    )
    key = Key.read(path)
    assert key == _key()
    # Written again, it is a version 2 file with the ids apart.
    again = json.loads(key.write(tmp_path / "again.json").read_text(encoding="utf-8"))
    assert (again["version"], again["ids"]["participant"]) == (2, {"anna-andersson": "person-1"})


def test_a_key_file_of_version_1_without_renamed_objects_is_read_as_it_was(
    tmp_path: Path,
) -> None:
    entries = {
        "name": {"Anna Andersson": "Person 1", "ANNA": "Person 2"},
        "personal_identity_number": {"850709-2347": "[personnummer]"},
    }
    path = _written(tmp_path, {"format": FORMAT, "version": 1, "study": None, "entries": entries})
    key = Key.read(path)
    assert {kind.value: dict(pairs) for kind, pairs in key.mapping.items()} == entries
    assert key.ids == {}


def test_a_version_1_text_that_only_looks_like_an_id_stays_a_text(tmp_path: Path) -> None:
    # Only an id becomes an id: a text pseudonym ("Person 1") is never a namespaced id.
    entries = {"name": {"participant:Anna": "Person 1", "coder:bo": "participant:bo"}}
    key = Key.read(
        _written(tmp_path, {"format": FORMAT, "version": 1, "study": None, "entries": entries})
    )
    assert dict(key[FindingKind.NAME]) == entries["name"]
    assert key.ids == {}


def test_a_version_2_file_without_ids_reads_as_a_key_without_renamed_objects(
    tmp_path: Path,
) -> None:
    document = {"format": FORMAT, "version": 2, "study": None, "entries": {}}
    assert Key.read(_written(tmp_path, document)) == Key()


@pytest.mark.parametrize(
    "ids",
    [
        {"person": {"anna-andersson": "person-1"}},  # no such kind of object
        {"participant": ["anna-andersson", "person-1"]},
        ["participant"],
        None,
    ],
)
def test_a_malformed_ids_section_is_refused(tmp_path: Path, ids: object) -> None:
    document = {"format": FORMAT, "version": 2, "study": None, "entries": {}, "ids": ids}
    with pytest.raises(pl.DocumentError, match="malformed pseudonymisation key"):
        Key.read(_written(tmp_path, document))


@pytest.mark.parametrize("version", [0, 3, True, "2", None])
def test_an_unknown_version_is_refused(tmp_path: Path, version: object) -> None:
    document = {"format": FORMAT, "version": version, "study": None, "entries": {}}
    with pytest.raises(pl.DocumentError, match="version"):
        Key.read(_written(tmp_path, document))


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_PAIRS = st.dictionaries(_TEXT, _TEXT, max_size=3)


@given(
    st.dictionaries(st.sampled_from(list(FindingKind)), _PAIRS, max_size=3),
    st.dictionaries(st.sampled_from(list(Kind)), _PAIRS, max_size=3),
    st.none() | _TEXT,
)
def test_a_key_survives_its_document(
    entries: dict[FindingKind, dict[str, str]],
    ids: dict[Kind, dict[str, str]],
    study: str | None,
) -> None:
    key = Key(entries, study=study, ids=ids)
    document = json.loads(json.dumps(key.to_dict(), ensure_ascii=False))
    assert Key.from_dict(document) == key
