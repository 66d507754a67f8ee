"""Each crash the fuzzers found, as its minimal input: now one of the library's errors, or read.

Every test names the exception that used to escape. The inputs are the smallest
that showed it, written out by hand.
"""

from __future__ import annotations

import json
import pathlib
import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.cli._common import EXIT_ERROR
from peerlandscape.refi import ImportMapping

SOURCE = "9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520"
TOO_MANY_DIGITS = "9" * 5000  # Python's int() converts at most 4300 (sys.get_int_max_str_digits)


def _selection(number: int, start: str, end: str) -> str:
    return (
        f'<PlainTextSelection guid="12365523-1035-4afa-9e7b-{number:012d}" '
        f'startPosition="{start}" endPosition="{end}"/>'
    )


def _project(path: Path, selections: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "project.qde",
            f'<Project xmlns="urn:QDA-XML:project:1.0" name="P"><Sources>'
            f'<TextSource guid="{SOURCE}" name="Interview" plainTextPath="internal://a.txt">'
            f"{selections}</TextSource></Sources></Project>",
        )
        archive.writestr("sources/a.txt", "Hello, world")
    return path


# --- REFI-QDA ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "selections",
    [
        pytest.param(_selection(1, TOO_MANY_DIGITS, "6"), id="one selection"),
        # Several selections of a source are read a column at a time, by another path.
        pytest.param(
            _selection(1, "0", "5") + _selection(2, "7", TOO_MANY_DIGITS) + _selection(3, "0", "2"),
            id="read by columns",
        ),
    ],
)
def test_a_position_of_more_digits_than_int_converts_is_a_bad_position(
    tmp_path: Path, selections: str
) -> None:
    # Was: ValueError "Exceeds the limit (4300 digits) for integer string conversion".
    study, report = pl.read_qdpx(_project(tmp_path / "p.qdpx", selections))

    bad = [entry for entry in report.entries if entry.kind == "bad_position"]
    assert len(bad) == 1
    assert TOO_MANY_DIGITS[:20] in bad[0].message
    assert all(quote.text != "" for quote in study.quotes)


def _corrupt_end_record(path: Path) -> Path:
    """Point the archive's central directory past its end (one byte of the offset)."""
    data = bytearray(path.read_bytes())
    at = data.rfind(b"PK\x05\x06")
    data[at + 16] = 0xFF
    path.write_bytes(bytes(data))
    return path


def test_a_zip_whose_end_record_points_past_the_file_is_a_document_error(tmp_path: Path) -> None:
    # Was: OSError [Errno 22] Invalid argument, from zipfile seeking to a member's header.
    path = _corrupt_end_record(_project(tmp_path / "p.qdpx", _selection(1, "0", "5")))

    with pytest.raises(pl.DocumentError, match=r"p\.qdpx: member 'project\.qde' is corrupt"):
        pl.read_qdpx(path)


def test_the_command_line_names_the_corrupt_archive(tmp_path: Path) -> None:
    # Was: "Error: Invalid argument", naming no file.
    path = _corrupt_end_record(_project(tmp_path / "p.qdpx", _selection(1, "0", "5")))

    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "s.json")])

    assert result.exit_code == EXIT_ERROR
    assert f"Error: {path}: member 'project.qde' is corrupt" in result.output


# --- JSON study documents ---------------------------------------------------------------


@pytest.mark.parametrize("field", ["mean", "minimum"])
def test_a_four_hundred_digit_integer_in_a_demographic_is_a_study_error(
    engdahl_document: dict[str, Any], field: str
) -> None:
    # Was: OverflowError from math.isfinite ("int too large to convert to float").
    engdahl_document["groups"][0]["demographics"]["age"][field] = 10**400

    with pytest.raises(pl.StudyValidationError, match=r"groups\.0\.demographics\.age"):
        pl.parse_json(json.dumps(engdahl_document))


@pytest.mark.parametrize(("summary", "field"), [("age", "maximum"), ("sex", "female")])
def test_a_four_hundred_digit_integer_where_it_fits_is_read(
    engdahl_document: dict[str, Any], summary: str, field: str
) -> None:
    engdahl_document["groups"][0]["demographics"][summary][field] = 10**400

    study = pl.parse_json(json.dumps(engdahl_document))

    assert study.groups[0].demographics is not None


# --- files that cannot be opened ---------------------------------------------------------

READERS: dict[str, Callable[[Path], object]] = {
    "read_json": pl.read_json,
    "read_graphml": pl.read_graphml,
    "read_node_link": pl.read_node_link,
    "read_table": pl.read_table,
    "read_qdc": pl.read_qdc,
    "read_qdpx": pl.read_qdpx,
    "ImportMapping.from_json_file": ImportMapping.from_json_file,
}


@pytest.mark.parametrize("reader", list(READERS.values()), ids=list(READERS))
def test_a_path_with_a_nul_character_is_a_document_error(
    tmp_path: Path, reader: Callable[[Path], object]
) -> None:
    # Was: ValueError "embedded null byte", from open().
    with pytest.raises(pl.PeerLandscapeError, match="a\x00b"):
        reader(tmp_path / "a\x00b.json")


@pytest.mark.parametrize("reader", list(READERS.values()), ids=list(READERS))
def test_a_name_too_long_for_the_file_system_is_a_document_error(
    tmp_path: Path, reader: Callable[[Path], object]
) -> None:
    # Was (read_table): OSError [Errno 36] File name too long, from Path.exists().
    with pytest.raises(pl.DocumentError, match="x" * 100):
        reader(tmp_path / ("x" * 5000 + ".csv"))


@pytest.mark.parametrize("reader", list(READERS.values()), ids=list(READERS))
def test_a_file_without_read_permission_is_a_document_error_naming_it(
    tmp_path: Path, reader: Callable[[Path], object], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Was (read_json): a raw PermissionError. Permissions are simulated: the tests may run
    # as root, who reads any file.
    path = tmp_path / "locked.json"
    path.write_text("{}")
    opened = pathlib.Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    monkeypatch.setattr(pathlib.Path, "read_bytes", lambda self: refuse(self, "rb").read())

    with pytest.raises(pl.DocumentError, match=r"locked\.json: .*Permission denied"):
        reader(path)


# --- graphs -------------------------------------------------------------------------------


def test_graphml_data_under_an_undeclared_key_is_a_document_error(tmp_path: Path) -> None:
    # Was: networkx's UserWarning "No key type for id d9. Using string" (an error under -W).
    path = tmp_path / "g.graphml"
    path.write_text(
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
        '<node id="a"><data key="d9">x</data></node></graph></graphml>'
    )

    with pytest.raises(pl.DocumentError, match=r"g\.graphml: not a GraphML graph .*d9"):
        pl.read_graphml(path)


def _node_link(path: Path, graph: Any) -> Path:
    path.write_text(
        json.dumps({"directed": True, "multigraph": True, "graph": graph, "nodes": [], "edges": []})
    )
    return path


def test_a_node_link_graph_whose_attributes_are_null_is_a_document_error(tmp_path: Path) -> None:
    # Was: AttributeError "'NoneType' object has no attribute 'get'".
    graph = pl.read_node_link(_node_link(tmp_path / "g.json", None))

    with pytest.raises(pl.DocumentError, match="graph attributes are NoneType, not a mapping"):
        pl.from_networkx(graph)


def test_json_text_nested_too_deep_for_the_decoder_is_a_document_error(tmp_path: Path) -> None:
    # Was: RecursionError from json.loads, decoding an attribute stored as JSON text.
    deep = "[" * 100_000 + "]" * 100_000
    attributes = {"peerlandscape_json_attributes": "graph.study", "study": deep}
    graph = pl.read_node_link(_node_link(tmp_path / "g.json", attributes))

    with pytest.raises(pl.DocumentError, match="graph attribute 'study' should hold JSON text"):
        pl.from_networkx(graph)


def test_values_nested_too_deep_to_serialise_are_a_document_error(tmp_path: Path) -> None:
    # Was: ValueError "Maximum serialization depth exceeded", from pydantic.
    deep: list[Any] = []
    for _ in range(600):
        deep = [deep]
    graph = pl.read_node_link(_node_link(tmp_path / "g.json", {"study": {"notes": deep}}))

    with pytest.raises(pl.DocumentError, match="cannot be read as JSON"):
        pl.from_networkx(graph)


@pytest.mark.parametrize("relation", ["took_part_in", "stated_voicing"])
def test_an_edge_position_that_is_not_a_number_is_a_document_error(
    engdahl: pl.Study, tmp_path: Path, relation: str
) -> None:
    # Was: TypeError "'<' not supported between instances of 'str' and 'int'", sorting edges.
    data = pl.generate_node_link(pl.to_networkx(engdahl))
    edge = next(
        edge for edge in data["edges"] if edge["relation"] == relation and "position" in edge
    )
    edge["position"] = "first"
    path = tmp_path / "g.json"
    path.write_text(json.dumps(data))

    with pytest.raises(pl.DocumentError, match="has position 'first'; expected a whole number"):
        pl.from_networkx(pl.read_node_link(path))


@pytest.mark.parametrize(
    "reader",
    [pl.read_json, pl.read_node_link, ImportMapping.from_json_file],
    ids=["read_json", "read_node_link", "ImportMapping.from_json_file"],
)
def test_a_repeated_key_before_a_syntax_error_is_a_document_error(
    tmp_path: Path, reader: Callable[[Path], object]
) -> None:
    # Was: json.JSONDecodeError "Extra data", locating the repeated key in text that is not
    # JSON after it.
    path = tmp_path / "x.json"
    path.write_text('{"a": 1, "a": 2} x')

    with pytest.raises(pl.DocumentError, match=r"x\.json: .*not valid JSON \(Extra data"):
        reader(path)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_the_command_line_shows_a_lone_surrogate_escaped(
    tmp_path: Path, output_format: str
) -> None:
    # Was: UnicodeEncodeError "surrogates not allowed", printing the bad value of the report.
    path = tmp_path / "s.json"
    path.write_text('{"schema_version": "1.1", "id": "s", "title": "\\ud800"}')

    result = CliRunner().invoke(main, ["summary", "--format", output_format, str(path)])

    assert result.exit_code == EXIT_ERROR, result.output
    assert "\\ud800" in result.output
    if output_format == "json":
        assert json.loads(result.output)["error"]["problems"][0]["input"] == "\ud800"


def test_graphml_declaring_an_unknown_encoding_is_a_document_error(tmp_path: Path) -> None:
    # Was: LookupError "unknown encoding: utb-8", from ElementTree.
    path = tmp_path / "g.graphml"
    path.write_text('<?xml version="1.0" encoding="utb-8"?><graphml/>')

    with pytest.raises(pl.DocumentError, match=r"g\.graphml: not a GraphML graph .*utb-8"):
        pl.read_graphml(path)


def test_a_repeated_key_beside_an_integer_too_long_to_read_is_a_document_error(
    tmp_path: Path,
) -> None:
    # Was: ValueError "Exceeds the limit (4300 digits)", locating the repeated key.
    path = tmp_path / "x.json"
    path.write_text('{"a": 1, "a": ' + TOO_MANY_DIGITS + "}")

    with pytest.raises(pl.DocumentError, match=r"x\.json: JSON too deeply nested or too large"):
        pl.read_json(path)


def test_a_list_nested_past_the_recursion_limit_in_an_enum_field_is_a_document_error(
    engdahl_document: dict[str, Any],
) -> None:
    # Was: RecursionError from the enum's error message (the repr of the value). A JSON text
    # can do the same with a list nested just less deep than the decoder allows (990 deep,
    # read by parse_json at the top of a program's stack).
    deep: list[Any] = []
    for _ in range(sys.getrecursionlimit()):
        deep = [deep]
    engdahl_document["interviews"][0]["mode"] = deep

    with pytest.raises(pl.DocumentError, match="nested too deeply"):
        pl.from_dict(engdahl_document)


def test_a_reference_that_is_a_lone_surrogate_is_a_document_error() -> None:
    # Was: UnicodeEncodeError, rendering the message "names unknown code '\ud800'".
    document = {
        "schema_version": "1.1",
        "id": "s",
        "title": "T",
        "codes": [{"id": "c", "label": "C", "parent": "\ud800"}],
    }

    with pytest.raises(pl.DocumentError, match="lone surrogate"):
        pl.from_dict(document)


@pytest.mark.parametrize(
    ("name", "reader"),
    [("c.qdc", pl.read_qdc), ("p.qde", pl.read_qdpx), ("g.graphml", pl.read_graphml)],
)
def test_an_xml_declaration_naming_an_encoding_with_a_nul_is_a_document_error(
    tmp_path: Path, name: str, reader: Callable[[Path], object]
) -> None:
    # Was: ValueError "embedded null character", looking the encoding's name up.
    path = tmp_path / name
    path.write_bytes(b'<?xml version="1.0" encoding="utf\x00-8"?><CodeBook/>')

    with pytest.raises(pl.DocumentError, match=re.escape(name)):
        reader(path)


def test_write_json_refuses_a_text_with_a_lone_surrogate_and_writes_nothing(tmp_path: Path) -> None:
    # from_dict takes a lone surrogate in a free text without constraints (the study's aim);
    # JSON has no UTF-8 form for it. Found by the fuzz suite.
    document = pl.datasets.engdahl2025().model_dump(mode="json")
    document["aim"] = "An aim \ud800"
    study = pl.from_dict(document)
    target = tmp_path / "study.json"
    with pytest.raises(pl.DocumentError, match="cannot be written as JSON"):
        pl.write_json(study, target)
    assert list(tmp_path.iterdir()) == []
