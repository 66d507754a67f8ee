"""Positions counted the vendors' ways map back to exactly the intended text."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from peerlandscape.refi import PositionConverter, PositionScheme, detect_scheme

# Text that exercises every way the schemes part: emoji and other astral
# characters (two UTF-16 units), CRLF and lone CR/LF, accents, and plain ASCII.
_PIECES = st.sampled_from(
    [
        "a",
        "Z",
        " ",
        "é",
        "ñ",
        "€",
        "\r\n",
        "\n",
        "\r",
        "👋",
        "🏳️‍🌈",
        "\U0001d518",
        "中",
        "\u200d",
        "\t",
    ]
)
texts = st.lists(_PIECES, max_size=40).map("".join)
boms = st.sampled_from(["", "\ufeff"])


def _utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(text=texts, bom=boms, data=st.data())
def test_nvivo_utf16_offsets_select_exactly_the_intended_text(
    text: str, bom: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    converter = PositionConverter(bom + text, PositionScheme.UTF16_CODE_UNITS)

    span = converter.span(_utf16_units(text[:start]), _utf16_units(text[:end]))

    assert span == (start, end)
    assert converter.text[span[0] : span[1]] == text[start:end]


@given(text=texts, bom=boms, data=st.data())
def test_crlf_as_one_offsets_select_exactly_the_intended_text(
    text: str, bom: str, data: st.DataObject
) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    # A position cannot fall between the CR and the LF of a pair.
    assume(text[start - 1 : start + 1] != "\r\n" or start == 0)
    assume(text[end - 1 : end + 1] != "\r\n" or end == 0)
    converter = PositionConverter(bom + text, PositionScheme.CODE_POINTS_CRLF_AS_ONE)

    def position(index: int) -> int:
        return len(text[:index].replace("\r\n", "\n"))

    span = converter.span(position(start), position(end))

    assert span == (start, end)
    assert converter.text[span[0] : span[1]] == text[start:end]


@given(text=texts, bom=boms, data=st.data())
def test_code_points_are_taken_as_they_are(text: str, bom: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(text)))
    converter = PositionConverter(bom + text, PositionScheme.CODE_POINTS)

    assert converter.to_code_point(position) == position
    assert converter.text == text


@given(text=texts, scheme=st.sampled_from(PositionScheme))
def test_every_position_up_to_the_length_is_valid_and_beyond_is_not(
    text: str, scheme: PositionScheme
) -> None:
    converter = PositionConverter(text, scheme)

    assert converter.to_code_point(converter.length) == len(text)
    assert converter.to_code_point(converter.length + 1) is None
    assert converter.to_code_point(-1) is None


@given(text=texts)
def test_utf16_length_counts_code_units(text: str) -> None:
    assert PositionConverter(text, PositionScheme.UTF16_CODE_UNITS).length == _utf16_units(text)


def test_a_utf16_position_inside_a_surrogate_pair_is_invalid() -> None:
    converter = PositionConverter("a👋b", PositionScheme.UTF16_CODE_UNITS)

    assert [converter.to_code_point(unit) for unit in range(5)] == [0, 1, None, 2, 3]


def test_crlf_counted_as_one_shifts_every_later_position() -> None:
    converter = PositionConverter("ab\r\ncd\r\nef", PositionScheme.CODE_POINTS_CRLF_AS_ONE)

    assert converter.length == 8
    assert [converter.to_code_point(p) for p in range(9)] == [0, 1, 2, 4, 5, 6, 8, 9, 10]


def test_a_span_ending_before_it_starts_is_invalid() -> None:
    converter = PositionConverter("hello", PositionScheme.CODE_POINTS)

    assert converter.span(3, 2) is None
    assert converter.span(2, 99) is None


def test_the_byte_order_mark_is_stripped_before_counting() -> None:
    converter = PositionConverter("\ufeffHej", PositionScheme.UTF16_CODE_UNITS)

    assert converter.text == "Hej"
    assert converter.span(0, 3) == (0, 3)


def test_a_long_text_converts_quickly_and_correctly() -> None:
    text = ("Peer support 👋 works.\r\n" * 20_000) + "end"
    converter = PositionConverter(text, PositionScheme.UTF16_CODE_UNITS)
    start = text.rindex("end")

    span = converter.span(_utf16_units(text[:start]), _utf16_units(text))

    assert span is not None
    assert converter.text[span[0] : span[1]] == "end"


@pytest.mark.parametrize(
    ("origin", "scheme"),
    [
        ("NVivo 12.6.0.959", PositionScheme.UTF16_CODE_UNITS),
        ("NVivo 12 (Mac) 12.6.1", PositionScheme.UTF16_CODE_UNITS),
        ("nvivo", PositionScheme.UTF16_CODE_UNITS),
        ("ATLAS.ti for Windows 23.2.3.27778", PositionScheme.CODE_POINTS_CRLF_AS_ONE),
        ("ATLAS.ti 8.4.0 573 , macOS", PositionScheme.CODE_POINTS_CRLF_AS_ONE),
        ("MAXQDA 24 (Release 24.7.0)", PositionScheme.CODE_POINTS_CRLF_AS_ONE),
        ("QualCoder 3.5", PositionScheme.CODE_POINTS),
        ("Taguette 1.4.1", PositionScheme.CODE_POINTS),
        ("", PositionScheme.CODE_POINTS),
        (None, PositionScheme.CODE_POINTS),
    ],
)
def test_the_scheme_is_detected_from_the_origin(origin: str | None, scheme: PositionScheme) -> None:
    assert detect_scheme(origin) is scheme
