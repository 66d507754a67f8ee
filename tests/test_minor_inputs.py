"""Inputs that used to be read wrongly without a word, and standard input on the command line.

* A JSON object that gives a key twice is refused, naming the key and the object:
  readers keep the last value silently, even of ``schema_version``.
* XML that declares ISO-8859-1 but holds UTF-8 is refused, naming the declaration:
  an XML parser must trust the declaration (lxml does), which garbles every å, ä, ö.
  A file truly in ISO-8859-1 is read as it declares.
* ``-`` is standard input for the commands that read a file.
* The command line's CSV escapes cells a spreadsheet would run as formulas.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape._input import check_unique_keys, decode_json
from peerlandscape.cli import main

pytest.importorskip("lxml")

from peerlandscape.refi import ImportMapping, parse_codebook, read_qdc


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "80"}).invoke(main, list(args), input=stdin)


# --- keys given twice -------------------------------------------------------------------------


def test_a_study_document_that_gives_its_schema_version_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text('{"schema_version": "1.0", "id": "s", "title": "T", "schema_version": "1.1"}')

    with pytest.raises(pl.DocumentError) as caught:
        pl.read_json(path)

    assert str(caught.value).startswith(f"{path}: key 'schema_version' appears more than once")
    assert "the top-level object" in str(caught.value)


def test_a_key_given_twice_deep_in_a_document_is_located(
    tmp_path: Path, engdahl_document: dict[str, Any]
) -> None:
    text = json.dumps(engdahl_document)
    second = json.dumps(engdahl_document["quotes"][1])
    # The second quote gains a second "text": the one a reader would silently keep.
    doubled = second[:-1] + ', "text": "Something else said."}'
    path = tmp_path / "twice.json"
    path.write_text(text.replace(second, doubled, 1))

    with pytest.raises(pl.DocumentError, match=r"key 'text' .* the object at quotes\[1\]"):
        pl.read_json(path)


def test_parse_json_node_link_and_mappings_refuse_a_key_given_twice(tmp_path: Path) -> None:
    twice = (
        '{"directed": true, "multigraph": true, "graph": {}, "nodes": [], "edges": [], "nodes": []}'
    )
    graph = tmp_path / "graph.json"
    graph.write_text(twice)
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"theme_sets": ["Themes"], "theme_sets": ["Other"]}')

    with pytest.raises(pl.DocumentError, match="key 'nodes'"):
        pl.read_node_link(graph)
    with pytest.raises(pl.DocumentError, match="key 'theme_sets'"):
        ImportMapping.from_json_file(mapping)
    with pytest.raises(pl.DocumentError, match="key 'id'"):
        pl.parse_json('{"schema_version": "1.1", "id": "s", "id": "t", "title": "T"}')


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3)
    ),
    max_leaves=12,
)


def _objects(value: Any) -> list[dict[str, Any]]:
    found, queue = [], [value]
    for item in queue:
        if isinstance(item, dict):
            found.append(item)
            queue.extend(item.values())
        elif isinstance(item, list):
            queue.extend(item)
    return found


@given(value=json_values, key=st.text(max_size=3), pick=st.integers(min_value=0))
def test_any_object_that_repeats_a_key_is_refused_naming_the_key(
    value: Any, key: str, pick: int
) -> None:
    document = {"root": value}
    holder = _objects(document)[pick % len(_objects(document))]
    holder[key] = "first"
    text = json.dumps(document)
    # The key again, as the last pair of that object: the value JSON readers would keep.
    marker = json.dumps(holder)
    doubled = marker[:-1] + f", {json.dumps(key)}: 1}}"

    check_unique_keys(text, where="doc")  # no key twice yet
    assert decode_json(text, where="doc") == document
    with pytest.raises(pl.DocumentError, match=re.escape(f"key {key!r} appears more than once")):
        check_unique_keys(text.replace(marker, doubled, 1), where="doc")


# --- an encoding declared wrongly -------------------------------------------------------------

CODEBOOK = """<?xml version="1.0" encoding="ISO-8859-1"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="0D62985D-B147-5D01-A9B5-CAE5DCD98342" name="Stödjande möten" isCodable="true"/>
</Codes></CodeBook>
"""


def test_xml_that_declares_iso_8859_1_but_holds_utf_8_is_refused_naming_the_declaration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mislabelled.qdc"
    path.write_bytes(CODEBOOK.encode("utf-8"))

    with pytest.raises(pl.DocumentError, match='declares encoding="ISO-8859-1" but its bytes'):
        read_qdc(path)
    with pytest.raises(pl.DocumentError, match="line 3"):
        parse_codebook(path.read_bytes(), source_name=str(path))


def test_xml_truly_in_iso_8859_1_is_read_as_it_declares(tmp_path: Path) -> None:
    path = tmp_path / "latin.qdc"
    path.write_bytes(CODEBOOK.encode("iso-8859-1"))

    study = read_qdc(path).study

    assert [code.label for code in study.codes] == ["Stödjande möten"]


def test_graphml_that_declares_iso_8859_1_but_holds_utf_8_is_refused(tmp_path: Path) -> None:
    graphml = """<?xml version="1.0" encoding="ISO-8859-1"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed"><node id="c"><data key="label">Stödjande möten</data></node></graph>
</graphml>
"""
    path = tmp_path / "mislabelled.graphml"
    path.write_bytes(graphml.encode("utf-8"))

    with pytest.raises(pl.DocumentError, match='encoding="ISO-8859-1"'):
        pl.read_graphml(path)
    path.write_bytes(graphml.encode("iso-8859-1"))
    assert pl.read_graphml(path).nodes["c"]["label"] == "Stödjande möten"


# --- standard input ---------------------------------------------------------------------------


def test_validate_reads_a_study_from_standard_input(engdahl: pl.Study) -> None:
    result = run("validate", "-", stdin=engdahl.model_dump_json().encode())

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid:")


def test_a_study_on_standard_input_is_judged_as_the_same_file_would_be(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    path = pl.write_json(engdahl, tmp_path / "s.json")

    from_stdin = run("summary", "-", stdin=path.read_bytes())
    from_file = run("summary", str(path))

    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.stdout == from_file.stdout


def test_a_bad_document_on_standard_input_is_named_as_stdin() -> None:
    result = run("validate", "-", stdin=b'{"schema_version": "1.1", "id": "a", "id": "b"}')

    assert result.exit_code == 2
    assert "<stdin>: key 'id' appears more than once" in result.stderr


def test_import_reads_a_table_from_standard_input_in_the_format_given(tmp_path: Path) -> None:
    table = "quote_id,text,participant_label,subtheme,theme\nq1,We learn.,Peer 3,Learning,Growth\n"
    output = tmp_path / "out.json"

    result = run("import", "-", "--input-format", "csv", "-o", str(output), stdin=table.encode())

    assert result.exit_code == 0, result.output
    assert [quote.text for quote in pl.read_json(output).quotes] == ["We learn."]


def test_import_reads_a_project_archive_from_standard_input(
    tmp_path: Path, engdahl: pl.Study
) -> None:
    project = tmp_path / "s.qdpx"
    pl.refi.write_qdpx(engdahl, project)
    output = tmp_path / "out.json"

    result = run(
        "import", "-", "--input-format", "qdpx", "-o", str(output), stdin=project.read_bytes()
    )

    assert result.exit_code == 0, result.output
    assert pl.read_json(output) == pl.refi.read_qdpx(project).study


def test_import_from_standard_input_needs_the_format() -> None:
    result = run("import", "-", "-o", "out.json", stdin=b"quote_id\n")

    assert result.exit_code == 2
    assert "give --input-format" in result.stderr


# --- formulas in the command line's CSV ------------------------------------------------------


def test_quotes_csv_escapes_text_a_spreadsheet_would_run_as_a_formula(tmp_path: Path) -> None:
    study = pl.Study.model_validate(
        {
            "schema_version": "1.1",
            "id": "formulas",
            "title": "Formulas",
            "themes": [{"id": "t", "label": "T"}],
            "subthemes": [{"id": "s", "label": "S", "theme": "t"}],
            "quotes": [
                {"id": "q1", "text": '=HYPERLINK("http://example.invalid", "click")'},
                {"id": "q2", "text": "-1 is what they gave us"},
                {"id": "q3", "text": "An ordinary sentence."},
            ],
            "codings": [{"quote": q, "subtheme": "s"} for q in ("q1", "q2", "q3")],
        }
    )
    path = pl.write_json(study, tmp_path / "formulas.json")

    result = run("quotes", str(path), "--format", "csv")

    assert result.exit_code == 0, result.output
    texts = [row["text"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert texts == [
        '\'=HYPERLINK("http://example.invalid", "click")',
        "'-1 is what they gave us",
        "An ordinary sentence.",
    ]
