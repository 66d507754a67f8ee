"""The read limits validate themselves and let a real project through."""

from __future__ import annotations

import attrs
import pytest

from peerlandscape.refi import ReadLimits


def test_the_defaults_allow_a_project_several_times_the_largest_benchmark() -> None:
    # benchmarks/refi_run.py's largest real-shaped project: 111 MB in all, an 89 MB .qde.
    limits = ReadLimits()
    project, qde = 111_640_412, 89_087_348

    assert limits.max_total_bytes > 4 * project
    assert limits.max_member_bytes > 2 * qde
    assert limits.max_xml_bytes > 2 * qde
    assert limits.max_compression_ratio >= 20  # real XML compresses about 4:1
    assert limits.max_total_compression_ratio >= 20


def test_limits_are_keyword_only_and_frozen() -> None:
    with pytest.raises(TypeError):
        ReadLimits(10)  # type: ignore[call-arg]
    limits = ReadLimits(max_members=10)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        limits.max_members = 20  # type: ignore[misc]
    assert attrs.evolve(limits, max_members=20).max_members == 20


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_members", 0),
        ("max_member_bytes", -1),
        ("max_total_bytes", 0),
        ("max_compression_ratio", 0.5),
        ("max_total_compression_ratio", 0),
        ("ratio_floor_bytes", -1),
        ("max_xml_bytes", 0),
        ("max_xml_depth", 0),
        ("max_xml_depth", 257),
    ],
)
def test_a_limit_out_of_range_is_refused_naming_the_field(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=field):
        ReadLimits(**{field: value})  # type: ignore[arg-type]


def test_a_limit_of_the_wrong_type_is_refused() -> None:
    with pytest.raises(TypeError, match="max_members"):
        ReadLimits(max_members="many")  # type: ignore[arg-type]
