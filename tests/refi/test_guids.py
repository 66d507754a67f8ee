"""GUIDs are stored in one canonical form, and derived GUIDs are stable."""

from __future__ import annotations

import json
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerlandscape._exceptions import DocumentError
from peerlandscape.refi import normalize_guid, stable_guid
from peerlandscape.refi._guids import PEERLANDSCAPE_REFI_NAMESPACE

CANONICAL = "d7aa29da-519b-4946-9b90-253b6db8fd0a"


@pytest.mark.parametrize(
    "written",
    [
        CANONICAL,
        CANONICAL.upper(),
        "{" + CANONICAL + "}",
        "{" + CANONICAL.upper() + "}",
        "  " + CANONICAL + "\n",
        " {D7aa29DA-519b-4946-9B90-253b6db8fd0a} ",
    ],
)
def test_every_vendor_spelling_normalises_to_one_form(written: str) -> None:
    assert normalize_guid(written) == CANONICAL


@given(st.uuids())
def test_any_uuid_round_trips_in_any_case_and_braces(value: uuid.UUID) -> None:
    text = str(value)
    assert normalize_guid("{" + text.upper() + "}") == text


@pytest.mark.parametrize(
    "written",
    [
        "",
        "not-a-guid",
        "d7aa29da519b49469b90253b6db8fd0a",  # no hyphens: uuid.UUID takes it, the XSD does not
        "urn:uuid:" + CANONICAL,
        "{" + CANONICAL,
        CANONICAL + "0",
        "g7aa29da-519b-4946-9b90-253b6db8fd0a",
    ],
)
def test_anything_else_is_a_document_error_quoting_the_value(written: str) -> None:
    with pytest.raises(DocumentError, match="invalid GUID") as caught:
        normalize_guid(written, where="Project/Users/User")
    assert repr(written) in str(caught.value)
    assert "Project/Users/User" in str(caught.value)


def test_the_project_namespace_is_derived_as_documented() -> None:
    expected = uuid.uuid5(uuid.NAMESPACE_URL, "https://peerlandscape.invalid/refi-qda")
    assert expected == PEERLANDSCAPE_REFI_NAMESPACE


def test_a_stable_guid_never_changes() -> None:
    # Changing this value changes every GUID peerlandscape has ever written.
    assert stable_guid("code", "Peer support", "Trust") == "9b52afc0-7f9b-58de-b575-d9442ed6fc08"


@given(st.text(), st.lists(st.text(), max_size=4))
def test_a_stable_guid_is_a_canonical_version5_guid(kind: str, parts: list[str]) -> None:
    value = stable_guid(kind, *parts)

    assert normalize_guid(value) == value
    assert uuid.UUID(value).version == 5
    assert stable_guid(kind, *parts) == value


@given(st.text(max_size=20), st.lists(st.text(max_size=20), max_size=3))
def test_a_stable_guid_is_uuid5_of_the_json_array_of_its_arguments(
    kind: str, parts: list[str]
) -> None:
    # The documented formula; stable_guid computes it without uuid.uuid5, for speed.
    name = json.dumps([kind, *parts], ensure_ascii=False, separators=(",", ":"))
    assert stable_guid(kind, *parts) == str(uuid.uuid5(PEERLANDSCAPE_REFI_NAMESPACE, name))


@given(st.lists(st.text(), min_size=1, max_size=4), st.lists(st.text(), min_size=1, max_size=4))
def test_different_arguments_give_different_guids(left: list[str], right: list[str]) -> None:
    if left != right:
        assert stable_guid(*left) != stable_guid(*right)


def test_concatenation_cannot_collide() -> None:
    assert stable_guid("code", "ab", "c") != stable_guid("code", "a", "bc")
    assert stable_guid("code", "a") != stable_guid("code", "a", "")


# The reader checks the own GUIDs of a text source's selections and codings in
# one batch (peerlandscape.refi._parsing._elements): it must agree exactly with
# checking each, on canonical GUIDs and on anything near one.

_NEAR_GUID = st.lists(
    st.sampled_from("0123456789abcdefABCDEF-{}\n é"), min_size=34, max_size=38
).map("".join)


@given(st.lists(st.one_of(st.uuids().map(str), _NEAR_GUID), max_size=6))
def test_a_batch_of_guids_is_canonical_exactly_when_each_is(guids: list[str]) -> None:
    from peerlandscape.refi._guids import match_canonical_guid
    from peerlandscape.refi._parsing._elements import _all_canonical

    assert _all_canonical(guids) == all(match_canonical_guid(guid) for guid in guids)


def test_a_value_holding_two_guids_is_not_two_guids() -> None:
    from peerlandscape.refi._parsing._elements import _all_canonical

    other = str(uuid.UUID(int=1))
    assert not _all_canonical([f"{CANONICAL}\n{other}", ""])
    assert _all_canonical([CANONICAL, other])
