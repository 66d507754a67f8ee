"""Referential integrity: each kind of fault is found alone, where it is, and named plainly.

Every test starts from one small valid document that uses every reference field
of the schema, breaks exactly one thing, and checks the single error that
results, both from the model (``pydantic.ValidationError``) and from the
readers (``StudyValidationError``).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from pydantic import ValidationError

import peerlandscape as pl
from peerlandscape.models import INTEGRITY_ERROR_TYPES, FrameworkPath, Study
from peerlandscape.models._refs import collections_of, references_of

BAD = "no-such-thing"


def valid_document() -> dict[str, Any]:
    """A small study in which every reference field of the schema is used."""
    return {
        "schema_version": "1.1",
        "id": "demo",
        "title": "Demo",
        "regions": [{"id": "south", "label": "South"}, {"id": "north", "label": "North"}],
        "groups": [
            {"id": "peer_support_worker", "label": "Peer support workers"},
            {"id": "official", "label": "Officials"},
        ],
        "participants": [
            {"id": "psw-1", "label": "PSW 1", "group": "peer_support_worker"},
            {"id": "psw-2", "label": "PSW 2", "group": "peer_support_worker"},
        ],
        "interviews": [
            {
                "id": "fg-1",
                "label": "Focus group 1",
                "format": "focus_group",
                "stakeholder_group": "peer_support_worker",
                "participants": ["psw-1", "psw-2"],
                "region": "south",
            },
            {
                "id": "ii-1",
                "label": "Interview 1",
                "format": "individual",
                "stakeholder_group": "official",
                "participants": [],
                "region": "north",
            },
        ],
        "sources": [
            {
                "id": "t-fg-1",
                "label": "Transcript",
                "interview": "fg-1",
                "text": "We must be invited.",
            }
        ],
        "quotes": [
            {
                "id": "q1",
                "text": "We must be invited.",
                "participant": "psw-1",
                "interview": "fg-1",
                "source": "t-fg-1",
                "span": {"start": 0, "end": 19},
            },
            {"id": "q2", "text": "Funding first.", "participant": "psw-2", "interview": "fg-1"},
        ],
        "coders": [{"id": "pe", "label": "PE"}],
        "codes": [
            {"id": "funding", "label": "Funding", "candidate_theme": "lacking-funding"},
            {"id": "funding-cuts", "label": "Funding cuts", "parent": "funding"},
            {"id": "invitation", "label": "Invitation", "subtheme": "s1"},
            {"id": "broad", "label": "Broad", "theme": "t1"},
        ],
        "codings": [
            {"quote": "q1", "code": "invitation", "coder": "pe", "when": "2024-03-01T10:00:00Z"},
            {"quote": "q2", "code": "funding-cuts", "coder": "pe"},
            {"quote": "q2", "candidate_theme": "lacking-funding", "coder": "pe"},
            # The paper's placements: sub-theme codings with no coder.
            {"quote": "q1", "subtheme": "s1"},
            {"quote": "q1", "subtheme": "s2"},
            {"quote": "q2", "theme": "t1", "coder": "pe"},
        ],
        "candidate_themes": [
            {"id": "lacking-funding", "label": "Lacking funding", "subtheme": "s2"}
        ],
        "subthemes": [
            {"id": "s1", "label": "Sub-theme 1", "theme": "t1"},
            {"id": "s2", "label": "Sub-theme 2", "theme": "t1"},
        ],
        "themes": [{"id": "t1", "label": "Theme 1"}],
        "attributions": [
            {"subtheme": "s1", "groups": ["peer_support_worker"], "evidence": "PSWs said so."},
            {"subtheme": "s2", "groups": ["peer_support_worker", "official"], "evidence": "All."},
        ],
        "memos": [
            {
                "id": "m1",
                "text": "Invitation recurs.",
                "author": "pe",
                "about": ["quote:q1", "subtheme:s1", "code:invitation"],
            },
            {"id": "m2", "text": "", "label": "About the whole study"},
        ],
    }


def validation_errors(document: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as exc:
        Study.model_validate_json(json.dumps(document))
    return [dict(error) for error in exc.value.errors(include_url=False)]


def reader_error(document: dict[str, Any], tmp_path: Path) -> pl.StudyValidationError:
    path = tmp_path / "study.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.read_json(path)
    return exc.value


def test_the_base_document_is_valid() -> None:
    study = Study.model_validate_json(json.dumps(valid_document()))
    assert study.index.code_subtheme["funding-cuts"] == "s2"
    assert study.index.code_paths["broad"] == FrameworkPath(None, "t1")
    assert [coding.target[0] for coding in study.codings] == [
        "code",
        "code",
        "candidate_theme",
        "subtheme",
        "subtheme",
        "theme",
    ]


def test_every_integrity_error_type_is_documented_and_tested() -> None:
    assert set(INTEGRITY_ERROR_TYPES) == {
        "duplicate_id",
        "unknown_reference",
        "conflicting_parents",
        "hierarchy_cycle",
        "span_without_source",
        "duplicate_reference",
    }
    assert all(meaning.strip() for meaning in INTEGRITY_ERROR_TYPES.values())


class Reference(NamedTuple):
    """A reference field of the base document, and how its owner is named in messages."""

    collection: str
    position: int
    field: str
    item: int | None  # position inside a list-valued field
    owner: str
    bad: str = BAD  # what the broken reference names

    def break_it(self) -> tuple[dict[str, Any], tuple[str | int, ...]]:
        """Return the base document with this reference pointing nowhere, and its loc."""
        document = valid_document()
        target = document[self.collection][self.position]
        if self.item is None:
            target[self.field] = self.bad
            return document, (self.collection, self.position, self.field)
        target[self.field][self.item] = self.bad
        return document, (self.collection, self.position, self.field, self.item)


REFERENCES = [
    Reference("participants", 1, "group", None, "participant 'psw-2'"),
    Reference("interviews", 1, "stakeholder_group", None, "interview 'ii-1'"),
    Reference("interviews", 0, "participants", 1, "interview 'fg-1'"),
    Reference("interviews", 1, "region", None, "interview 'ii-1'"),
    Reference("sources", 0, "interview", None, "source 't-fg-1'"),
    Reference("quotes", 1, "participant", None, "quote 'q2'"),
    Reference("quotes", 1, "interview", None, "quote 'q2'"),
    Reference("quotes", 0, "source", None, "quote 'q1'"),
    Reference("codes", 1, "parent", None, "code 'funding-cuts'"),
    Reference("codes", 0, "candidate_theme", None, "code 'funding'"),
    Reference("codes", 2, "subtheme", None, "code 'invitation'"),
    Reference("codes", 3, "theme", None, "code 'broad'"),
    Reference("codings", 1, "quote", None, "coding #1"),
    Reference("codings", 1, "code", None, "coding #1"),
    Reference("codings", 2, "candidate_theme", None, "coding #2"),
    Reference("codings", 4, "subtheme", None, "coding #4"),
    Reference("codings", 5, "theme", None, "coding #5"),
    Reference("codings", 0, "coder", None, "coding #0"),
    Reference("candidate_themes", 0, "subtheme", None, "candidate theme 'lacking-funding'"),
    Reference("subthemes", 1, "theme", None, "sub-theme 's2'"),
    Reference("attributions", 1, "subtheme", None, "attribution #1"),
    Reference("attributions", 1, "groups", 1, "attribution #1"),
    Reference("memos", 0, "author", None, "memo 'm1'"),
    Reference("memos", 0, "about", 1, "memo 'm1'", bad=f"subtheme:{BAD}"),
]


def test_every_reference_field_is_tested() -> None:
    # The fields are declared once, on the models (RefersTo); every one of them is broken below.
    declared = {
        (collection.field, reference.field)
        for collection in collections_of(Study)
        for reference in references_of(collection.model)
    }
    fields = {(r.collection, r.field) for r in REFERENCES}
    assert len(fields) == len(REFERENCES) == 24
    assert fields == declared


@pytest.mark.parametrize("ref", REFERENCES, ids=[f"{r.collection}.{r.field}" for r in REFERENCES])
def test_an_unknown_reference_is_reported_at_its_field(ref: Reference) -> None:
    document, loc = ref.break_it()
    [error] = validation_errors(document)
    assert error["type"] == "unknown_reference"
    assert error["loc"] == loc
    assert error["input"] == ref.bad
    assert ref.owner in error["msg"]
    assert f"field '{ref.field}'" in error["msg"]
    assert f"'{ref.bad}'" in error["msg"]


@pytest.mark.parametrize("ref", REFERENCES, ids=[f"{r.collection}.{r.field}" for r in REFERENCES])
def test_a_reader_reports_an_unknown_reference_as_study_validation_error(
    ref: Reference, tmp_path: Path
) -> None:
    document, loc = ref.break_it()
    error = reader_error(document, tmp_path)
    assert [(e["type"], e["loc"]) for e in error.errors] == [("unknown_reference", loc)]
    message = str(error)
    assert "\n" not in message
    assert str(tmp_path / "study.json") in message
    assert ".".join(map(str, loc)) in message
    assert ref.owner in message
    assert f"field '{ref.field}'" in message
    assert f"'{ref.bad}'" in message


DUPLICABLE = [
    "regions",
    "groups",
    "participants",
    "interviews",
    "sources",
    "quotes",
    "coders",
    "codes",
    "candidate_themes",
    "subthemes",
    "themes",
    "memos",
]


def test_every_collection_of_objects_with_ids_is_checked_for_duplicates() -> None:
    with_ids = {
        name
        for name, value in valid_document().items()
        if isinstance(value, list) and value and isinstance(value[0], dict) and "id" in value[0]
    }
    assert with_ids == set(DUPLICABLE)


@pytest.mark.parametrize("collection", DUPLICABLE)
def test_a_duplicate_id_is_reported_at_the_second_occurrence(collection: str) -> None:
    document = valid_document()
    duplicate = copy.deepcopy(document[collection][0])
    document[collection].append(duplicate)
    [error] = validation_errors(document)
    position = len(document[collection]) - 1
    assert error["type"] == "duplicate_id"
    assert error["loc"] == (collection, position, "id")
    assert error["input"] == duplicate["id"]
    assert f"id '{duplicate['id']}' is used more than once" in error["msg"]


def test_ids_need_only_be_unique_within_their_kind() -> None:
    document = valid_document()
    document["themes"][0]["id"] = "s1"
    for subtheme in document["subthemes"]:
        subtheme["theme"] = "s1"
    for referrer in (*document["codes"], *document["codings"]):
        if referrer.get("theme") == "t1":
            referrer["theme"] = "s1"
    assert Study.model_validate_json(json.dumps(document)).themes[0].id == "s1"


@pytest.mark.parametrize(
    ("placement", "reported"),
    [
        ({"parent": "funding", "subtheme": "s1"}, "subtheme"),
        ({"parent": "funding", "candidate_theme": "lacking-funding"}, "candidate_theme"),
        ({"candidate_theme": "lacking-funding", "subtheme": "s1"}, "subtheme"),
        (
            {"parent": "funding", "candidate_theme": "lacking-funding", "subtheme": "s1"},
            "candidate_theme",
        ),
        ({"parent": "funding", "theme": "t1"}, "theme"),
        ({"candidate_theme": "lacking-funding", "theme": "t1"}, "theme"),
        ({"subtheme": "s1", "theme": "t1"}, "theme"),
    ],
)
def test_a_code_under_two_parents_is_reported_once(
    placement: dict[str, str], reported: str
) -> None:
    document = valid_document()
    document["codes"][2] = {"id": "invitation", "label": "Invitation", **placement}
    [error] = validation_errors(document)
    assert error["type"] == "conflicting_parents"
    assert error["loc"] == ("codes", 2, reported)
    assert error["input"] == placement[reported]
    assert "code 'invitation'" in error["msg"]
    for field in placement:
        assert field in error["msg"]


ADDED = len(valid_document()["codes"])
"""Position of the first code :func:`with_codes` adds."""


def with_codes(*codes: tuple[str, str | None]) -> dict[str, Any]:
    document = valid_document()
    document["codes"].extend(
        {"id": code, "label": code.upper(), "parent": parent} for code, parent in codes
    )
    return document


def test_a_code_that_is_its_own_parent_is_a_cycle() -> None:
    document = with_codes(("loop", "loop"))
    [error] = validation_errors(document)
    assert error["type"] == "hierarchy_cycle"
    assert error["loc"] == ("codes", ADDED, "parent")
    assert error["input"] == "loop"
    assert "code 'loop' is its own ancestor through loop -> loop" in error["msg"]


def test_a_long_cycle_is_reported_once_with_its_whole_path() -> None:
    document = with_codes(("a", "b"), ("b", "c"), ("c", "a"))
    [error] = validation_errors(document)
    assert error["type"] == "hierarchy_cycle"
    assert error["loc"] == ("codes", ADDED, "parent")
    assert error["input"] == "b"
    assert "code 'a' is its own ancestor through a -> b -> c -> a" in error["msg"]


@pytest.mark.parametrize(
    "codes",
    [
        [("gamma", "alpha"), ("alpha", "beta"), ("beta", "gamma")],
        [("beta", "gamma"), ("gamma", "alpha"), ("alpha", "beta")],
        [("tail", "alpha"), ("alpha", "beta"), ("beta", "gamma"), ("gamma", "alpha")],
        [("alpha", "beta"), ("beta", "gamma"), ("gamma", "alpha"), ("tail", "gamma")],
    ],
    ids=["rotated", "rotated-again", "tail-first", "tail-last"],
)
def test_a_cycle_is_found_once_whatever_the_order_or_the_tails(
    codes: list[tuple[str, str]],
) -> None:
    document = with_codes(*codes)
    [error] = validation_errors(document)
    assert error["type"] == "hierarchy_cycle"
    collection, position, field = error["loc"]
    reported = document["codes"][position]
    assert (collection, field) == ("codes", "parent")
    assert reported["id"] in {"alpha", "beta", "gamma"}
    assert error["input"] == reported["parent"]
    assert f"code '{reported['id']}' is its own ancestor through " in error["msg"]
    assert all(name in error["msg"] for name in ("alpha", "beta", "gamma"))
    assert "tail" not in error["msg"]


def test_a_deep_acyclic_chain_is_not_a_cycle() -> None:
    chain = [(f"c{i}", f"c{i + 1}") for i in range(500)] + [("c500", None)]
    study = Study.model_validate_json(json.dumps(with_codes(*chain)))
    assert study.index.code_subtheme["c0"] is None


def test_a_span_without_a_source_is_reported() -> None:
    document = valid_document()
    del document["quotes"][0]["source"]
    [error] = validation_errors(document)
    assert error["type"] == "span_without_source"
    assert error["loc"] == ("quotes", 0, "span")
    assert error["input"] == {"start": 0, "end": 19}
    assert "quote 'q1'" in error["msg"]
    assert "span" in error["msg"]


FAULTS = {
    "duplicate_id": (
        lambda d: d["themes"].append({"id": "t1", "label": "Again"}),
        ("themes", 1, "id"),
    ),
    "unknown_reference": (
        lambda d: d["quotes"][1].update(participant="psw-9"),
        ("quotes", 1, "participant"),
    ),
    "conflicting_parents": (
        lambda d: d["codes"][1].update(subtheme="s1"),
        ("codes", 1, "subtheme"),
    ),
    "hierarchy_cycle": (
        lambda d: d["codes"][0].update(candidate_theme=None, parent="funding-cuts"),
        ("codes", 0, "parent"),
    ),
    "span_without_source": (lambda d: d["quotes"][0].pop("source"), ("quotes", 0, "span")),
    "duplicate_reference": (
        lambda d: d["interviews"][0].update(participants=["psw-1", "psw-2", "psw-1"]),
        ("interviews", 0, "participants", 2),
    ),
}


def test_every_integrity_error_type_has_a_fault_below() -> None:
    assert set(FAULTS) == set(INTEGRITY_ERROR_TYPES)


@pytest.mark.parametrize("error_type", sorted(FAULTS))
def test_each_fault_gives_exactly_one_error_of_its_type(error_type: str) -> None:
    document = valid_document()
    fault, loc = FAULTS[error_type]
    fault(document)
    assert [(e["type"], e["loc"]) for e in validation_errors(document)] == [(error_type, loc)]


@pytest.mark.parametrize("error_type", sorted(FAULTS))
def test_each_fault_read_from_a_file_is_a_study_validation_error(
    error_type: str, tmp_path: Path
) -> None:
    document = valid_document()
    fault, loc = FAULTS[error_type]
    fault(document)
    error = reader_error(document, tmp_path)
    assert isinstance(error, ValueError)
    assert isinstance(error, pl.PeerLandscapeError)
    assert [(e["type"], e["loc"]) for e in error.errors] == [(error_type, loc)]
    assert "\n" not in str(error)
    assert str(error).startswith(
        f"{tmp_path / 'study.json'}: invalid study: {'.'.join(map(str, loc))}: "
    )


@pytest.mark.parametrize("error_type", sorted(FAULTS))
def test_each_fault_parsed_from_text_is_a_study_validation_error(error_type: str) -> None:
    document = valid_document()
    fault, loc = FAULTS[error_type]
    fault(document)
    for read in (
        lambda: pl.study_from_json(json.dumps(document), where="upload"),
        lambda: pl.study_from_dict(document, where="upload"),
    ):
        with pytest.raises(pl.StudyValidationError) as exc:
            read()
        assert [(e["type"], e["loc"]) for e in exc.value.errors] == [(error_type, loc)]
        assert str(exc.value).startswith("upload: invalid study: ")


def test_all_faults_at_once_are_all_reported_and_counted(tmp_path: Path) -> None:
    document = valid_document()
    for fault, _ in FAULTS.values():
        fault(document)
    error = reader_error(document, tmp_path)
    assert sorted(e["type"] for e in error.errors) == sorted(FAULTS)
    assert str(error).endswith(f"(and {len(FAULTS) - 1} more)")
    assert "\n" not in str(error)


def test_a_message_is_not_confused_by_braces_in_values() -> None:
    document = valid_document()
    document["quotes"][0]["text"] = "{where} {field} {0}"
    document["quotes"][1]["participant"] = "x"
    [error] = validation_errors(document)
    assert error["msg"] == "quote 'q2' field 'participant' names unknown participant 'x'"


# --- memos name what they are about (schema 1.1) ------------------------------------------


@pytest.mark.parametrize(
    ("about", "named"),
    [("sticker:q1", "object 'sticker:q1'"), ("quote:q9", "quote 'quote:q9'")],
    ids=["unknown-kind", "unknown-quote"],
)
def test_a_memo_about_something_the_study_lacks_is_reported_at_its_place(
    about: str, named: str
) -> None:
    document = valid_document()
    document["memos"][0]["about"].append(about)
    [error] = validation_errors(document)
    assert (error["type"], error["loc"], error["input"]) == (
        "unknown_reference",
        ("memos", 0, "about", 3),
        about,
    )
    # The message names the field and the value, then suggests the closest ids there are.
    assert error["msg"].split(";")[0] == f"memo 'm1' field 'about' names unknown {named}"


def test_an_unknown_reference_suggests_the_closest_ids() -> None:
    document = valid_document()
    document["quotes"][0]["participant"] = "psw-11"
    errors = validation_errors(document)
    assert any("did you mean 'psw-1'" in e["msg"] for e in errors), errors


def test_a_document_with_schema_and_reference_errors_reports_them_all_at_once() -> None:
    document = valid_document()
    document["participants"][0]["label"] = 5  # a schema error
    document["quotes"][0]["participant"] = "nobody"  # a dangling reference
    document["codings"][0]["quote"] = "nowhere"  # another one
    found = {(e["type"], e["loc"]) for e in validation_errors(document)}
    assert ("string_type", ("participants", 0, "label")) in found
    assert ("unknown_reference", ("quotes", 0, "participant")) in found
    assert ("unknown_reference", ("codings", 0, "quote")) in found


def test_an_object_that_fails_the_schema_still_counts_as_known() -> None:
    # Its id is known, so what refers to it is not reported twice.
    document = valid_document()
    document["participants"][0]["label"] = 5
    errors = validation_errors(document)
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("string_type", ("participants", 0, "label"))
    ]


def test_a_memo_may_be_about_objects_of_every_kind() -> None:
    document = valid_document()
    document["overarching_theme"] = {"id": "top", "label": "Top"}
    everything = [
        "study:demo",
        "region:south",
        "group:official",
        "participant:psw-1",
        "interview:fg-1",
        "source:t-fg-1",
        "quote:q2",
        "coder:pe",
        "code:broad",
        "candidate_theme:lacking-funding",
        "subtheme:s2",
        "theme:t1",
        "overarching_theme:top",
        "memo:m2",
    ]
    assert {ref.partition(":")[0] for ref in everything} == {kind.value for kind in pl.Kind}
    document["memos"][0]["about"] = everything
    study = Study.model_validate_json(json.dumps(document))
    assert study.memos[0].about == tuple(everything)


def test_a_coding_of_two_elements_in_a_document_is_reported_at_the_coding() -> None:
    document = valid_document()
    document["codings"][3]["theme"] = "t1"
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_dict(document, where="upload")
    assert [(e["type"], e["loc"]) for e in exc.value.errors] == [("coding_target", ("codings", 3))]


def test_a_memo_about_the_same_object_twice_is_a_duplicate_reference() -> None:
    document = valid_document()
    document["memos"][0]["about"].append("quote:q1")
    [error] = validation_errors(document)
    assert (error["type"], error["loc"]) == ("duplicate_reference", ("memos", 0, "about", 3))
