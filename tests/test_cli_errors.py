"""How the command line reports bad input: every problem at once, as text or as JSON."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.cli._errors import ERROR_KINDS, PROBLEM_LIMIT, json_path

ROOT = Path(__file__).resolve().parents[1]

# The commands whose --format json is their output's format (graph's is a file format).
JSON_COMMANDS = ("summary", "validate", "quotes", "matrix")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "1000"})


def builtin_document(tmp_path: Path) -> dict[str, Any]:
    path = pl.write_json(pl.datasets.engdahl2025(), tmp_path / "engdahl2025.json")
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


def write(document: dict[str, Any], path: Path) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    """The built-in study with 2 schema errors and 5 references to participants that are not."""
    document = builtin_document(tmp_path)
    document["participants"][0]["age"] = "forty"
    document["interviews"][0]["format"] = "phone"
    for i in range(5):
        document["quotes"][i]["participant"] = f"nobody-{i}"
    return write(document, tmp_path / "broken.json")


def library_errors(path: Path) -> tuple[Any, ...]:
    with pytest.raises(pl.StudyValidationError) as caught:
        pl.read_json(path)
    return caught.value.errors


def problem_lines(result: Result) -> list[str]:
    return result.stderr.splitlines()[1:]


# --- text -----------------------------------------------------------------------------------


def test_every_problem_of_a_document_is_listed_with_its_path_and_value(
    runner: CliRunner, broken: Path
) -> None:
    errors = library_errors(broken)
    assert len(errors) == 7
    result = runner.invoke(main, ["summary", str(broken)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[0] == f"Error: {broken}: invalid study, 7 problems:"
    lines = problem_lines(result)
    assert len(lines) == 7
    for line, error in zip(lines, errors, strict=True):
        assert line.startswith(f"  {json_path(error['loc'])}: ")
    assert lines[0] == "  participants[0].age: expected a valid integer, got 'forty'"
    # An enum error shows the bad value and what was expected.
    assert lines[1] == "  interviews[0].format: expected 'focus_group' or 'individual', got 'phone'"
    for i, line in enumerate(lines[2:]):
        assert line.startswith(f"  quotes[{i}].participant: ")
        assert f"unknown participant 'nobody-{i}'" in line


def test_every_command_that_reads_a_study_lists_every_problem(
    runner: CliRunner, broken: Path, tmp_path: Path
) -> None:
    for args in (
        ["validate", str(broken)],
        ["quotes", str(broken)],
        ["matrix", str(broken)],
        ["graph", str(broken), "--format", "mermaid"],
        ["export", str(broken), "--to", "qdc", "-o", str(tmp_path / "out.qdc")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, args
        assert len(problem_lines(result)) == 7, args
    assert not (tmp_path / "out.qdc").exists()


def test_a_close_id_is_suggested_for_a_dangling_reference(
    runner: CliRunner, tmp_path: Path
) -> None:
    document = builtin_document(tmp_path)
    document["quotes"][0]["participant"] = "psw-55"
    result = runner.invoke(main, ["summary", str(write(document, tmp_path / "s.json"))])
    (line,) = problem_lines(result)
    assert line.startswith("  quotes[0].participant: ")
    assert "did you mean 'psw-5'" in line


def test_a_missing_field_and_a_misspelt_one_say_so(runner: CliRunner, tmp_path: Path) -> None:
    document = builtin_document(tmp_path)
    del document["quotes"][2]["text"]
    document["participants"][1]["nmae"] = "x"
    result = runner.invoke(main, ["summary", str(write(document, tmp_path / "s.json"))])
    assert problem_lines(result) == [
        "  participants[1].nmae: not a field here (a misspelt name?), got 'x'",
        "  quotes[2].text: required, but missing",
    ]


def test_more_than_twenty_problems_are_cut_unless_all_errors(
    runner: CliRunner, tmp_path: Path
) -> None:
    document = builtin_document(tmp_path)
    for i, coding in enumerate(document["codings"]):
        coding["quote"] = f"nobody-{i}"
    for i, quote in enumerate(document["quotes"]):
        quote["participant"] = f"nobody-{i}"
    path = write(document, tmp_path / "many.json")
    total = len(library_errors(path))
    assert total > PROBLEM_LIMIT
    result = runner.invoke(main, ["summary", str(path)])
    lines = problem_lines(result)
    assert len(lines) == PROBLEM_LIMIT + 1
    assert lines[-1] == f"  ... and {total - PROBLEM_LIMIT} more (--all-errors lists them all)"
    assert result.stderr.splitlines()[0].endswith(f"invalid study, {total} problems:")
    every = runner.invoke(main, ["summary", str(path), "--all-errors"])
    assert every.exit_code == 2
    assert len(problem_lines(every)) == total


@pytest.mark.parametrize("width", [80, 60])
def test_problems_are_wrapped_to_the_terminal_each_starting_its_own_line(
    broken: Path, width: int
) -> None:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(main, ["summary", str(broken)])
    lines = problem_lines(result)
    assert all(len(line) <= width for line in lines)
    starts = [line for line in lines if not line.startswith("   ")]
    assert len(starts) == 7
    assert all(re.match(r"  [a-z]+\[\d\]\.", line) for line in starts)


def test_control_characters_in_a_document_do_not_reach_the_terminal(
    runner: CliRunner, tmp_path: Path
) -> None:
    document = builtin_document(tmp_path)
    document["quotes"][0]["participant"] = "evil\x1b[2J\nline"
    result = runner.invoke(main, ["summary", str(write(document, tmp_path / "s.json"))])
    assert "\x1b" not in result.stderr
    lines = problem_lines(result)  # the id's pattern, and the reference
    assert len(lines) == 2
    for line in lines:
        assert line.startswith("  quotes[0].participant: ")
        assert line.endswith("'evil\\x1b[2J\\nline'")


# --- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_with_format_json_an_invalid_document_is_reported_as_json_on_stdout(
    runner: CliRunner, broken: Path, command: str
) -> None:
    result = runner.invoke(main, [command, str(broken), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert list(report) == ["error"]
    error = report["error"]
    assert list(error) == ["kind", "path", "message", "problems"]
    assert error["kind"] == "invalid_document"
    assert error["path"] == str(broken)
    assert error["message"].startswith(f"{broken}: invalid study: ")
    errors = library_errors(broken)
    assert len(error["problems"]) == len(errors) == 7
    for problem, expected in zip(error["problems"], errors, strict=True):
        assert list(problem) == ["loc", "path", "type", "message", "input"]
        assert problem["loc"] == list(expected["loc"])
        assert problem["path"] == json_path(expected["loc"])
        assert problem["type"] == expected["type"]
        assert problem["message"] == expected["msg"]
        assert problem["input"] == expected["input"]
    assert error["problems"][1]["input"] == "phone"


def test_json_reports_every_problem_however_many(runner: CliRunner, tmp_path: Path) -> None:
    document = builtin_document(tmp_path)
    for i, quote in enumerate(document["quotes"] * 2):
        quote["participant"] = f"nobody-{i}"
    for i, coding in enumerate(document["codings"]):
        coding["quote"] = f"nobody-{i}"
    path = write(document, tmp_path / "many.json")
    result = runner.invoke(main, ["summary", str(path), "--format", "json"])
    assert len(json.loads(result.stdout)["error"]["problems"]) == len(library_errors(path))


def test_a_missing_field_has_no_input_in_json(runner: CliRunner, tmp_path: Path) -> None:
    document = builtin_document(tmp_path)
    del document["quotes"][2]["text"]
    result = runner.invoke(
        main, ["summary", str(write(document, tmp_path / "s.json")), "--format", "json"]
    )
    (problem,) = json.loads(result.stdout)["error"]["problems"]
    assert problem == {
        "loc": ["quotes", 2, "text"],
        "path": "quotes[2].text",
        "type": "missing",
        "message": "Field required",
    }


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        pytest.param(None, "missing_file", id="missing"),
        pytest.param("not JSON\n", "unreadable_document", id="not-json"),
        pytest.param('{"name": "not a study"}', "unreadable_document", id="not-a-study"),
        pytest.param(
            '{"schema_version": "99.0", "id": "s", "title": "T"}',
            "unsupported_version",
            id="newer-version",
        ),
    ],
)
@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_with_format_json_an_unreadable_file_is_reported_as_json(
    runner: CliRunner, tmp_path: Path, command: str, content: str | None, kind: str
) -> None:
    path = tmp_path / "study.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(main, [command, str(path), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == ""
    text = runner.invoke(main, [command, str(path)])
    assert json.loads(result.stdout) == {
        "error": {
            "kind": kind,
            "path": str(path),
            "message": text.stderr.removeprefix("Error: ").rstrip("\n"),
            "problems": [],
        }
    }


def test_with_format_json_an_unknown_id_is_reported_as_json(runner: CliRunner) -> None:
    result = runner.invoke(main, ["quotes", "--participant", "psw-55", "--format", "json"])
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert (error["kind"], error["path"]) == ("unknown_id", None)
    assert error["message"].startswith("--participant: the study has no participant")
    assert "did you mean 'psw-5'" in error["message"]
    rule = runner.invoke(main, ["validate", "--select", "orphan-cod", "--format", "json"])
    assert json.loads(rule.stdout)["error"]["kind"] == "unknown_rule"


def test_graph_reports_errors_as_text_whatever_its_file_format(
    runner: CliRunner, tmp_path: Path
) -> None:
    # graph's --format json is the file it writes, not the format of what it says.
    path = tmp_path / "missing.json"
    result = runner.invoke(main, ["graph", str(path), "--format", "json", "-o", "g.json"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"Error: {path}: no such file\n"


def test_a_refused_file_too_long_to_follow_the_error_prefix_is_named_after_it_once(
    tmp_path: Path,
) -> None:
    study = pl.Study(
        id="s",
        title="S",
        groups=[pl.StakeholderGroupDefinition(id="peers", label="Peers")],
        participants=[pl.Participant(id="p1", label="Anna Andersson", group="peers")],
    )
    source = pl.write_json(study, tmp_path / "study.json")
    output = tmp_path / "graph.json"
    # Narrower than "Error: " and the file's name together, wider than the name alone.
    width = len(str(output)) + 2
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(
        main, ["graph", str(source), "--format", "json", "-o", str(output)]
    )
    assert result.exit_code == 2
    first, *others = result.stderr.splitlines()
    assert first == f"Error: {output}:"
    assert others[0] == "not written: it would hold 1 identifying text:"
    assert all(len(line) <= width for line in others)
    assert not output.exists()


def test_every_error_kind_is_documented_as_the_code_says() -> None:
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    section = page[page.index("## The command line") :]
    rows = re.findall(r"^\| `([a-z_]+)` \| (.+) \|$", section, flags=re.MULTILINE)
    assert dict(rows) == ERROR_KINDS


# --- unknown ids ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "suggested"),
    [
        ("--participant", "psw-55", "'psw-5'"),  # spelt alike
        ("--subtheme", "drifting", "'mitigating-peer-drifting'"),  # part of the id
        ("--theme", "theme:scaling-up", "'scaling-up-peer-support'"),
    ],
)
def test_an_unknown_id_suggests_the_closest_valid_ones(
    runner: CliRunner, option: str, value: str, suggested: str
) -> None:
    result = runner.invoke(main, ["quotes", option, value])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {option}: ")
    assert f"did you mean {suggested}" in line
    assert "valid ids" not in line
