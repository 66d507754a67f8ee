"""The ``peerlandscape`` command line: version, summary, and how it reports bad input."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
import sysconfig
import unicodedata
from collections import defaultdict
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from hypothesis import given

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.cli._app import COMMANDS, _LazyGroup
from peerlandscape.cli._summary import render_text, summarize
from strategies import FAST, studies

UNKNOWN = "unknown"


@pytest.fixture
def study(engdahl: pl.Study) -> pl.Study:
    return engdahl


WIDE = "200"
"""A terminal wide enough for every line of the built-in study's summary, unwrapped."""


@pytest.fixture
def runner() -> CliRunner:
    # A fixed width, so that the layout does not depend on the terminal running the tests.
    return CliRunner(env={"COLUMNS": WIDE})


def expected_tallies(study: pl.Study) -> dict[str, tuple[int, dict[str, int]]]:
    """Distinct quotes per sub-theme, in all and by group, computed straight from quote_records."""
    quotes: dict[str, set[str]] = defaultdict(set)
    by_group: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for record in pl.quote_records(study):
        if record["subtheme"] is None:
            continue
        quotes[record["subtheme"]].add(record["quote_id"])
        group = record["stakeholder_group"] or UNKNOWN
        by_group[record["subtheme"]][group].add(record["quote_id"])
    groups = [g.id for g in study.groups] + [UNKNOWN]
    return {
        sub.id: (
            len(quotes[sub.id]),
            {group: len(by_group[sub.id][group]) for group in groups},
        )
        for sub in study.subthemes
    }


def line_ending_with(output: str, label: str) -> str:
    matches = [line for line in output.splitlines() if line.endswith("  " + label)]
    assert len(matches) == 1, f"expected one line ending with {label!r}, found {matches}"
    return matches[0]


def numbers_before(line: str, label: str) -> list[int]:
    return [int(cell) for cell in line[: -len(label)].split()]


def indentation_before(line: str, label: str) -> int:
    prefix = line[: -len(label)]
    return len(prefix) - len(prefix.rstrip(" "))


def assert_one_line_error(result: Result, *, naming: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert naming in lines[0]
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


# --- the group ------------------------------------------------------------------------------


def test_version_prints_the_package_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"peerlandscape {pl.__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_lists_the_summary_command(runner: CliRunner, flag: str) -> None:
    result = runner.invoke(main, [flag])
    assert result.exit_code == 0
    assert "Usage: peerlandscape" in result.stdout
    assert "summary" in result.stdout


def test_an_unknown_command_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["no-such-command"])
    assert result.exit_code == 2
    assert "No such command" in result.stderr


def loaded_command(name: str) -> click.Command:
    entry = COMMANDS[name]
    command = getattr(importlib.import_module(entry.module), entry.attribute)
    assert isinstance(command, click.Command)
    return command


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_listed_summary_is_the_first_paragraph_of_its_commands_help(name: str) -> None:
    command = loaded_command(name)
    assert command.name == name
    assert command.help is not None
    assert COMMANDS[name].summary == inspect.cleandoc(command.help).split("\n\n")[0]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 140])
def test_the_lazy_listing_is_what_the_commands_themselves_list(width: int) -> None:
    # A fresh lazy group has loaded nothing; a plain group is given the commands themselves.
    lazy = _LazyGroup("peerlandscape")
    eager = click.Group("peerlandscape", commands=[loaded_command(name) for name in COMMANDS])
    listings = []
    for group in (lazy, eager):
        formatter = click.HelpFormatter(width=width)
        group.format_commands(click.Context(group), formatter)
        listings.append(formatter.getvalue())
    assert listings[0] == listings[1]
    assert not lazy.commands  # listing loaded none of them


def test_a_command_is_loaded_when_it_runs() -> None:
    group = _LazyGroup("peerlandscape")
    assert group.get_command(click.Context(group), "no-such-command") is None
    assert not group.commands
    assert group.get_command(click.Context(group), "import") is loaded_command("import")
    assert set(group.commands) == {"import"}


@pytest.mark.parametrize("command", [[], ["init"], ["import"]], ids=str)
def test_help_builds_no_model_and_imports_no_other_command(command: list[str]) -> None:
    code = (
        "import sys, contextlib, io\n"
        "from peerlandscape.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main([*sys.argv[1:], '--help'])\n"
        "print(sorted(name for name in sys.modules if name.startswith(('pydantic',\n"
        "    'peerlandscape.models', 'peerlandscape.readwrite._', 'peerlandscape.cli._'))))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, *command],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    loaded = set(json.loads(completed.stdout.strip().replace("'", '"')))
    shared = {"peerlandscape.cli._app", "peerlandscape.cli._common", "peerlandscape.cli._errors"}
    own = {COMMANDS[name].module for name in command}
    # A command that declares shared options (import does) loads them too; the group does not.
    options = loaded & {"peerlandscape.cli._options"} if command else set()
    assert loaded == shared | own | options


# --- summary, text --------------------------------------------------------------------------


def test_summary_of_the_builtin_study_starts_with_title_and_authors(
    runner: CliRunner, study: pl.Study
) -> None:
    result = runner.invoke(main, ["summary"])
    assert result.exit_code == 0, result.output
    title, byline = result.stdout.splitlines()[:2]
    assert title == study.title
    assert byline == f"{', '.join(study.authors)} ({study.year})"


def test_summary_shows_every_theme_and_subtheme_as_a_tree(
    runner: CliRunner, study: pl.Study
) -> None:
    output = runner.invoke(main, ["summary"]).stdout
    assert len(study.themes) == 4
    assert len(study.subthemes) == 12
    assert study.overarching_theme is not None
    lines = output.splitlines()
    root = line_ending_with(output, study.overarching_theme.label)
    root_indent = indentation_before(root, study.overarching_theme.label)
    theme_rows = []
    for theme in study.themes:
        theme_line = line_ending_with(output, theme.label)
        assert indentation_before(theme_line, theme.label) == root_indent + 2
        theme_rows.append(lines.index(theme_line))
        subthemes = [s for s in study.subthemes if s.theme == theme.id]
        assert len(subthemes) == 3
        for offset, sub in enumerate(subthemes, start=1):
            sub_line = lines[lines.index(theme_line) + offset]
            assert sub_line.endswith("  " + sub.label)
            assert indentation_before(sub_line, sub.label) == root_indent + 4
    assert theme_rows == sorted(theme_rows)


def test_summary_counts_quotes_per_subtheme_and_group_from_quote_records(
    runner: CliRunner, study: pl.Study
) -> None:
    output = runner.invoke(main, ["summary"]).stdout
    expected = expected_tallies(study)
    for sub in study.subthemes:
        total, by_group = expected[sub.id]
        row = numbers_before(line_ending_with(output, sub.label), sub.label)
        assert row == [total, *by_group.values()], sub.id
    # The table has a column for each group of the study, then "unknown".
    header = next(line for line in output.splitlines() if line.lstrip().startswith("quotes"))
    assert header.split()[: len(study.groups) + 2] == ["quotes", "PSW", "OFF", "UO", UNKNOWN]


def test_summary_counts_participants_and_interviews(runner: CliRunner, study: pl.Study) -> None:
    output = runner.invoke(main, ["summary"]).stdout
    lines = output.splitlines()
    for group in study.groups:
        members = sum(1 for p in study.participants if p.group == group.id)
        (line,) = (line for line in lines if f"  {group.label}  " in line)
        assert int(line.split()[-1]) == members

    def value(label: str) -> int:
        (line,) = (line for line in lines if line.split()[:1] == [label] and len(line.split()) == 2)
        return int(line.split()[1])

    assert value("Participants") == len(study.participants) == 30
    assert value("Interviews") == len(study.interviews)
    assert value("Quotes") == len(study.quotes)
    assert value("Codes") == len(study.codes)
    assert value("Codings") == len(study.codings)
    focus_groups = sum(1 for i in study.interviews if i.format == "focus_group")
    assert any(line.split() == ["focus", "group", str(focus_groups)] for line in lines)
    assert any(
        line.split() == ["individual", str(len(study.interviews) - focus_groups)] for line in lines
    )


def test_summary_is_deterministic_and_plain_text(runner: CliRunner) -> None:
    first = runner.invoke(main, ["summary"])
    second = runner.invoke(main, ["summary"])
    assert first.stdout == second.stdout
    assert "\x1b" not in first.stdout


def test_summary_of_a_written_study_equals_the_builtin_summary(
    runner: CliRunner, study: pl.Study, tmp_path: Path
) -> None:
    path = pl.write_json(study, tmp_path / "engdahl2025.json")
    from_file = runner.invoke(main, ["summary", str(path)])
    assert from_file.exit_code == 0, from_file.output
    assert from_file.stdout == runner.invoke(main, ["summary"]).stdout


def test_summary_reads_a_1_0_document_as_its_migrated_study(
    runner: CliRunner, tmp_path: Path
) -> None:
    old = Path(__file__).parent / "golden" / "1.0" / "placements.json"
    current = pl.write_json(pl.read_json(old), tmp_path / "placements.json")
    from_old = runner.invoke(main, ["summary", str(old)])
    assert from_old.exit_code == 0, from_old.output
    assert from_old.stdout == runner.invoke(main, ["summary", str(current)]).stdout
    assert "1 quote under no sub-theme." in from_old.stdout  # q-unplaced


def test_summary_counts_a_quote_without_a_speaker_as_unknown(
    runner: CliRunner, tmp_path: Path
) -> None:
    small = pl.Study(
        id="small",
        title="A small study",
        groups=[{"id": "peer_support_worker", "label": "Peer support workers"}],
        participants=[{"id": "psw-1", "label": "PSW 1", "group": "peer_support_worker"}],
        themes=[{"id": "t", "label": "The theme"}],
        subthemes=[{"id": "s", "label": "The sub-theme", "theme": "t"}],
        quotes=[
            {"id": "q1", "text": "Said by PSW 1", "participant": "psw-1"},
            {"id": "q2", "text": "Said by nobody known"},
            {"id": "q3", "text": "Placed nowhere", "participant": "psw-1"},
        ],
        codings=[{"quote": "q1", "subtheme": "s"}, {"quote": "q2", "subtheme": "s"}],
    )
    path = pl.write_json(small, tmp_path / "small.json")
    result = runner.invoke(main, ["summary", str(path)])
    assert result.exit_code == 0, result.output
    assert numbers_before(line_ending_with(result.stdout, "The sub-theme"), "The sub-theme") == [
        2,
        1,
        1,
    ]
    assert "1 quote under no sub-theme." in result.stdout
    summary = json.loads(runner.invoke(main, ["summary", str(path), "--format", "json"]).stdout)
    assert summary["framework"]["overarching_theme"] is None
    assert summary["framework"]["quotes_under_no_subtheme"] == 1
    assert summary["framework"]["by_group"] == {"peer_support_worker": 1, UNKNOWN: 1}


# --- summary, JSON --------------------------------------------------------------------------


def test_summary_json_parses_and_matches_the_library(runner: CliRunner, study: pl.Study) -> None:
    result = runner.invoke(main, ["summary", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["study"] == {
        "id": study.id,
        "title": study.title,
        "authors": list(study.authors),
        "year": study.year,
    }
    assert summary["participants"]["total"] == 30
    assert summary["participants"]["by_group"] == {
        group.id: sum(1 for p in study.participants if p.group == group.id)
        for group in study.groups
    }
    assert sum(summary["interviews"]["by_format"].values()) == len(study.interviews)
    assert (summary["quotes"], summary["codes"], summary["codings"]) == (
        len(study.quotes),
        len(study.codes),
        len(study.codings),
    )
    framework = summary["framework"]
    assert framework["overarching_theme"]["label"] == study.overarching_theme.label
    assert [t["label"] for t in framework["themes"]] == [t.label for t in study.themes]
    subthemes = [s for t in framework["themes"] for s in t["subthemes"]]
    assert [s["id"] for s in subthemes] == [s.id for s in study.subthemes]
    expected = expected_tallies(study)
    for sub in subthemes:
        assert (sub["quotes"], sub["by_group"]) == expected[sub["id"]]
    linked = {r["quote_id"] for r in pl.quote_records(study) if r["subtheme"] is not None}
    assert framework["quotes"] == len(linked)
    assert framework["quotes_under_no_subtheme"] == len(study.quotes) - len(linked)


def test_summary_json_is_deterministic(runner: CliRunner) -> None:
    args = ["summary", "--format", "json"]
    assert runner.invoke(main, args).stdout == runner.invoke(main, args).stdout


def test_summary_refuses_an_unknown_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["summary", "--format", "xml"])
    assert result.exit_code == 2
    assert "'xml' is not one of" in result.stderr


# --- summary of any study -------------------------------------------------------------------


@FAST
@given(study=studies())
def test_summary_counts_of_any_study_come_from_quote_records(study: pl.Study) -> None:
    summary = summarize(study)
    subthemes = {s["id"]: s for t in summary["framework"]["themes"] for s in t["subthemes"]}
    assert set(subthemes) == {s.id for s in study.subthemes}
    for sub_id, (total, by_group) in expected_tallies(study).items():
        assert (subthemes[sub_id]["quotes"], subthemes[sub_id]["by_group"]) == (total, by_group)
    for theme in summary["framework"]["themes"]:
        assert theme["quotes"] <= sum(s["quotes"] for s in theme["subthemes"])
        assert theme["quotes"] == sum(theme["by_group"].values())
    framework = summary["framework"]
    assert framework["quotes"] + framework["quotes_under_no_subtheme"] == len(study.quotes)
    assert json.loads(json.dumps(summary)) == summary


@FAST
@given(study=studies())
def test_summary_text_of_any_study_is_one_row_per_node_without_control_characters(
    study: pl.Study,
) -> None:
    summary = summarize(study)
    text = click.unstyle(render_text(summary))  # as click.echo writes it off a terminal
    assert text == click.unstyle(render_text(summarize(study)))
    assert all(
        char == "\n" or unicodedata.category(char) not in {"Cc", "Zl", "Zp"} for char in text
    )
    lines = text.splitlines()
    heading = lines.index("Framework: distinct quotes linked, in all and by stakeholder group")
    header = heading + 2
    assert lines[header].split()[0] == "quotes"
    framework = summary["framework"]
    nodes = [framework]
    for theme in framework["themes"]:
        nodes += [theme, *theme["subthemes"]]
    rows = lines[header + 1 : header + 1 + len(nodes)]
    assert len(rows) == len(nodes)
    width = len(framework["by_group"]) + 1
    for row, node in zip(rows, nodes, strict=True):
        numbers = [int(cell) for cell in row.split()[:width]]
        assert numbers == [node["quotes"], *node["by_group"].values()]


# --- bad input ------------------------------------------------------------------------------


def test_a_missing_file_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    assert_one_line_error(runner.invoke(main, ["summary", str(path)]), naming=str(path))


def test_a_file_that_is_not_json_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_text("these are notes,\nnot JSON\n", encoding="utf-8")
    result = runner.invoke(main, ["summary", str(path)])
    assert_one_line_error(result, naming=str(path))
    assert "not valid JSON" in result.stderr


@pytest.mark.parametrize(
    "document",
    [
        pytest.param("[1, 2, 3]", id="array"),
        pytest.param('{"name": "not a study"}', id="object-without-version"),
        pytest.param('{"schema_version": "99.0", "id": "s", "title": "T"}', id="newer-version"),
    ],
)
def test_json_that_is_not_a_valid_study_is_a_one_line_error(
    runner: CliRunner, tmp_path: Path, document: str
) -> None:
    path = tmp_path / "other.json"
    path.write_text(document, encoding="utf-8")
    assert_one_line_error(runner.invoke(main, ["summary", str(path)]), naming=str(path))


def test_a_folder_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    assert_one_line_error(runner.invoke(main, ["summary", str(tmp_path)]), naming=str(tmp_path))


# --- the installed console script -----------------------------------------------------------


@pytest.fixture(scope="module")
def console_script() -> Path:
    scripts = Path(sysconfig.get_path("scripts"))
    script = scripts / ("peerlandscape.exe" if sys.platform == "win32" else "peerlandscape")
    assert script.exists(), f"console script not installed in {scripts}; run `pip install .`"
    return script


def run(script: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": WIDE}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [str(script), *args],
        check=False,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env=env,
    )


def test_console_script_prints_the_version(console_script: Path) -> None:
    completed = run(console_script, "--version")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == f"peerlandscape {pl.__version__}\n"


def test_console_script_summarises_the_builtin_study(
    console_script: Path, runner: CliRunner, study: pl.Study
) -> None:
    completed = run(console_script, "summary")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    assert "\x1b" not in completed.stdout
    for node in [*study.themes, *study.subthemes]:
        line_ending_with(completed.stdout, node.label)
    assert completed.stdout == runner.invoke(main, ["summary"]).stdout


def test_console_script_reports_a_missing_file_without_a_traceback(
    console_script: Path, tmp_path: Path
) -> None:
    path = tmp_path / "missing.json"
    completed = run(console_script, "summary", str(path))
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"Error: {path}: no such file\n"
