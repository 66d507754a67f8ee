"""`--limit NAME=VALUE`: every command that reads a file can raise or lower a limit of `pl.Limits`.

A file over a limit is refused with exit code 2 and a message that names the limit and the
`--limit` that reads it; the same file is read once the limit is raised. An unknown name or a
bad value is a usage error (exit code 2) that names the option, what was given and the names.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import attrs
import click
import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape._limits import parse_size
from peerlandscape.cli import main
from peerlandscape.cli._app import COMMANDS
from peerlandscape.cli._common import LIMIT_NAMES
from peerlandscape.cli._options import LimitType

WIDE = "200"  # a line per message, whatever the terminal


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner(env={"COLUMNS": WIDE}).invoke(main, list(args), input=stdin)


def loaded_command(name: str) -> click.Command:
    command = main.get_command(click.Context(main), name)
    assert command is not None
    return command


def study_file(tmp_path: Path) -> Path:
    """The built-in study as a document: some 200 KB, under the defaults."""
    path = tmp_path / "study.json"
    pl.write_json(pl.datasets.engdahl2025(), path)
    return path


def assert_refused(result: Result, limit: str) -> None:
    assert result.exit_code == 2, result.output
    assert re.search(rf"\b{limit}=[0-9]", result.stderr)  # the limit, and its value
    assert f"pass --limit {limit}=... to read it" in result.stderr
    assert "limits=Limits" not in result.stderr


# --- the option ----------------------------------------------------------------------------


def test_the_names_the_option_takes_are_the_fields_of_limits() -> None:
    assert tuple(field.name for field in attrs.fields(pl.Limits)) == LIMIT_NAMES
    help_text = " ".join(loaded_command("validate").get_help(click.Context(main)).split())
    for name in LIMIT_NAMES:
        assert name in help_text


def test_every_command_that_reads_a_file_takes_the_option() -> None:
    readers = {
        name
        for name in COMMANDS
        if any(param.name == "limits" for param in loaded_command(name).params)
    }
    # init writes a starter study; it reads nothing a user gives it.
    assert readers == set(COMMANDS) - {"init"}


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("max_document_bytes=1GiB", ("max_document_bytes", 1024**3)),
        ("max_document_bytes=1GB", ("max_document_bytes", 1000**3)),
        ("max_member_bytes=1.5kib", ("max_member_bytes", 1536)),
        ("max_total_bytes=123456", ("max_total_bytes", 123456)),
        ("ratio_floor_bytes=0", ("ratio_floor_bytes", 0)),
        ("max_members=250000", ("max_members", 250_000)),
        ("max_xml_depth=256", ("max_xml_depth", 256)),
        ("max_compression_ratio=250", ("max_compression_ratio", 250.0)),
        (" max_total_compression_ratio = 12.5 ", ("max_total_compression_ratio", 12.5)),
    ],
)
def test_a_value_is_read_as_its_limit_holds_it(
    given: str, expected: tuple[str, int | float]
) -> None:
    assert LimitType().convert(given, None, None) == expected


def test_sizes_take_decimal_and_binary_units_in_any_case() -> None:
    assert parse_size("2MiB") == parse_size("2 mib") == 2 * 1024**2
    assert parse_size("2MB") == parse_size("2mb") == 2_000_000
    assert parse_size("1TiB") == 1024**4
    for bad in ["1G", "1.5", "-1", "1e6", "GiB", "", "1 GiB 2"]:
        with pytest.raises(ValueError, match="not a"):
            parse_size(bad)


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("max_doc=1GiB", "'max_doc=1GiB': no limit is named 'max_doc'; NAME is one of"),
        ("1GiB", "'1GiB': not NAME=VALUE; NAME is one of"),
        ("max_document_bytes=1G", "'max_document_bytes=1G': '1G' is not a size"),
        ("max_document_bytes=lots", "'lots' is not a size"),
        ("max_members=1.5", "'max_members=1.5': '1.5' is not a whole number"),
        ("max_members=1KiB", "'1KiB' is not a whole number"),
        ("max_members=0", "'max_members' must be > 0: 0"),
        ("max_xml_depth=300", "'max_xml_depth' must be <= 256: 300"),
        ("max_compression_ratio=0.5", "'max_compression_ratio' must be >= 1.0: 0.5"),
        ("max_compression_ratio=high", "'high' is not a number"),
    ],
)
def test_an_unknown_name_or_a_bad_value_is_a_usage_error(given: str, said: str) -> None:
    result = run("validate", "--limit", given)
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.stderr
    assert said in result.stderr
    if "NAME is one of" in said:
        assert ", ".join(LIMIT_NAMES) in result.stderr


# --- a study document ----------------------------------------------------------------------


# What each command that reads a study needs beside it; OUT is a file to write.
STUDY_COMMANDS = {
    "agreement": [],
    "checklist": ["--guideline", "coreq"],
    "export": ["--to", "qdc", "-o", "OUT"],
    "graph": ["--format", "mermaid"],
    "matrix": [],
    "quotes": [],
    "replicate": [],
    "report": ["-o", "OUT"],
    "saturation": [],
    "summary": [],
    "validate": [],
}


def test_every_command_that_reads_a_study_is_tried_here() -> None:
    assert set(STUDY_COMMANDS) == set(COMMANDS) - {"init", "import"}


@pytest.mark.parametrize("command", sorted(STUDY_COMMANDS))
def test_a_study_over_a_lowered_limit_is_refused_naming_the_option(
    tmp_path: Path, command: str
) -> None:
    path = str(study_file(tmp_path))
    rest = [str(tmp_path / "out") if arg == "OUT" else arg for arg in STUDY_COMMANDS[command]]
    lowered = run(command, path, *rest, "--limit", "max_document_bytes=10kB")
    assert_refused(lowered, "max_document_bytes")
    raised = run(command, path, *rest, "--limit", "max_document_bytes=1MiB")
    # agreement: the built-in study has one coder, which the command reports once it has read it.
    assert raised.exit_code == 0 or "coder" in raised.stderr, raised.output


def test_the_same_study_is_read_with_the_limit_raised(tmp_path: Path) -> None:
    path = study_file(tmp_path)
    # The last value given for a limit is the one held to, as with any repeated option.
    result = run(
        "summary",
        str(path),
        "--limit",
        "max_document_bytes=10kB",
        "--limit",
        "max_document_bytes=1MiB",
    )
    assert result.exit_code == 0, result.output


def test_standard_input_is_held_to_the_limit_given(tmp_path: Path) -> None:
    raw = study_file(tmp_path).read_bytes()
    refused = run("summary", "-", "--limit", "max_document_bytes=10kB", stdin=raw)
    assert_refused(refused, "max_document_bytes")
    assert "<stdin>" in refused.stderr
    assert run("summary", "-", "--limit", "max_document_bytes=1MiB", stdin=raw).exit_code == 0


def test_the_json_error_report_names_the_option_too(tmp_path: Path) -> None:
    path = study_file(tmp_path)
    result = run("summary", str(path), "--format", "json", "--limit", "max_document_bytes=10kB")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["kind"] == "unsafe_file"
    assert "pass --limit max_document_bytes=... to read it" in error["message"]


def test_a_reference_file_is_held_to_the_limit_given(tmp_path: Path) -> None:
    path = study_file(tmp_path)
    reference = ["--reference", str(path)]
    lowered = run("replicate", "engdahl2025", *reference, "--limit", "max_document_bytes=10kB")
    assert_refused(lowered, "max_document_bytes")
    assert str(path) in lowered.stderr
    assert run("replicate", "engdahl2025", *reference).exit_code == 0


def test_a_file_of_interview_ids_is_held_to_the_limit_given(tmp_path: Path) -> None:
    order = tmp_path / "order.txt"
    study = pl.datasets.engdahl2025()
    order.write_text("\n".join(interview.id for interview in study.interviews), "utf-8")
    size = order.stat().st_size
    lowered = run("saturation", "--order", str(order), "--limit", f"max_document_bytes={size - 1}")
    assert_refused(lowered, "max_document_bytes")
    assert run("saturation", "--order", str(order)).exit_code == 0


# --- import --------------------------------------------------------------------------------


def test_a_table_over_a_lowered_limit_is_refused_and_read_with_it_raised(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text("text,code\n" + "I felt heard,being heard\n" * 100, "utf-8")
    output = str(tmp_path / "s.json")
    lowered = run("import", str(table), "-o", output, "--limit", "max_document_bytes=1KiB")
    assert_refused(lowered, "max_document_bytes")
    result = run("import", str(table), "-o", output, "--limit", "max_document_bytes=1MiB")
    assert result.exit_code == 0, result.output


def test_a_project_over_a_lowered_archive_limit_is_refused_naming_the_option(
    tmp_path: Path,
) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    output = str(tmp_path / "back.json")
    # The REFI-QDA reader's message names the limit but not how to raise it; the command adds it.
    assert_refused(
        run("import", str(project), "-o", output, "--limit", "max_members=1"), "max_members"
    )
    assert_refused(
        run(
            "import",
            "-",
            "--input-format",
            "qdpx",
            "-o",
            output,
            "--limit",
            "max_total_bytes=1kB",
            stdin=project.read_bytes(),
        ),
        "max_total_bytes",
    )


def test_a_codebook_nested_deeper_than_the_default_is_read_with_the_limit_raised(
    tmp_path: Path,
) -> None:
    depth = pl.Limits().max_code_depth + 1
    opening = "".join(
        f'<Code guid="{level:08x}-0000-4000-8000-000000000000" name="c{level}" isCodable="true">'
        for level in range(depth)
    )
    codebook = tmp_path / "deep.qdc"
    codebook.write_text(
        f'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{opening}'
        f"{'</Code>' * depth}</Codes></CodeBook>",
        "utf-8",
    )
    output = tmp_path / "deep.json"
    assert_refused(run("import", str(codebook), "-o", str(output)), "max_code_depth")
    result = run("import", str(codebook), "-o", str(output), "--limit", f"max_code_depth={depth}")
    assert result.exit_code == 0, result.output
    assert len(pl.read_json(output).codes) == depth


def test_a_reference_of_an_import_is_held_to_the_limit_given(tmp_path: Path) -> None:
    table = tmp_path / "quotes.csv"
    table.write_text("text,subtheme\nI felt heard,being heard\n", "utf-8")
    reference = study_file(tmp_path)
    result = run(
        "import",
        str(table),
        "-o",
        str(tmp_path / "s.json"),
        "--reference",
        str(reference),
        "--limit",
        "max_document_bytes=10kB",
    )
    assert_refused(result, "max_document_bytes")
    assert str(reference) in result.stderr


def test_an_import_mapping_and_the_reference_it_names_are_held_to_the_limit_given(
    tmp_path: Path,
) -> None:
    project = tmp_path / "s.qdpx"
    assert run("export", "--to", "qdpx", "-o", str(project)).exit_code == 0
    study_file(tmp_path)
    mapping = tmp_path / "mapping.json"
    mapping.write_text('{"reference": "study.json"}', "utf-8")  # relative to the mapping
    args = ["import", str(project), "-o", str(tmp_path / "back.json"), "--mapping", str(mapping)]
    refused = run(*args, "--limit", "max_document_bytes=10B")
    assert_refused(refused, "max_document_bytes")
    assert str(mapping) in refused.stderr
    refused = run(*args, "--limit", "max_document_bytes=10kB")
    assert_refused(refused, "max_document_bytes")
    assert str(tmp_path / "study.json") in refused.stderr
    assert run(*args).exit_code == 0
