"""The command line reads well at any width: nothing wider than the terminal, nothing cut off."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.cli._app import COMMANDS
from peerlandscape.cli._matrix import UNKNOWN_GROUP_HEADING
from shared import shared_path

WIDTHS = (80, 60)

TEXT_OUTPUTS = [
    ["summary"],
    ["validate"],
    ["validate", "--min-participants", "5"],
    ["quotes"],
    ["quotes", "--group", "official"],
    ["matrix"],
    ["matrix", "--level", "theme", "--unit", "participants"],
    ["matrix", "--unit", "interviews"],
]


def at(width: int, *args: str, color: bool = False) -> str:
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(main, list(args), color=color)
    assert result.exit_code in (0, 1), result.output
    return result.output


def assert_fits(text: str, width: int) -> None:
    too_wide = [line for line in text.splitlines() if len(line) > width]
    assert not too_wide, too_wide


def words(text: str) -> list[str]:
    return text.split()


def flat(text: str) -> str:
    """``text`` as one line: wrapped lines joined, an id cut at a hyphen made whole again."""
    return " ".join(words(text)).replace("- ", "-")


# --- every command at 80 and 60 columns -----------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", TEXT_OUTPUTS, ids=" ".join)
def test_text_output_fits_the_terminal(width: int, args: list[str]) -> None:
    assert_fits(at(width, *args), width)


@pytest.mark.parametrize("width", range(44, 200, 13))
@pytest.mark.parametrize(
    "args",
    [["summary"], ["validate"], ["quotes"], ["matrix", "--unit", "participants"]],
    ids=" ".join,
)
def test_no_line_is_wider_than_any_terminal(width: int, args: list[str]) -> None:
    assert_fits(at(width, *args), width)


@pytest.mark.parametrize("width", WIDTHS)
def test_help_fits_the_terminal(width: int) -> None:
    # In a process of its own: click's test runner lays help out at 80 columns, whatever the
    # terminal.
    code = (
        "import sys\n"
        "from peerlandscape.cli import main\n"
        "for command in sys.argv[1:]:\n"
        "    try:\n"
        "        main([*command.split(), '--help'], prog_name='peerlandscape')\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, "", *sorted(COMMANDS)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        timeout=120,
        env={**os.environ, "COLUMNS": str(width)},
    )
    assert completed.stdout.count("Usage: peerlandscape") == len(COMMANDS) + 1
    assert_fits(completed.stdout, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_import_report_fits_the_terminal(
    width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = shared_path("refi", "samples", "sky-loom__TestProject.qdpx")
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(
        main, ["import", str(project), "-o", "s.json"]
    )
    assert result.exit_code == 0, result.output
    assert_fits(result.stderr, width)
    # Every entry of the report is there: its kind heads a group, then its location and
    # message (an element path longer than a line is cut where it must be).
    report = "".join(words(result.stderr))
    for record in pl.read_qdpx(project)[1].to_records():
        assert str(record["kind"]) in result.stderr.splitlines()
        assert "".join(words(f"{record['location']}")) in report
        assert "".join(words(str(record["message"]))) in report


@pytest.mark.parametrize("width", WIDTHS)
def test_the_export_details_fit_the_terminal(
    width: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner(env={"COLUMNS": str(width)}).invoke(
        main, ["export", "--to", "qdpx", "-o", "s.qdpx", "--details"]
    )
    assert result.exit_code == 0, result.output
    assert_fits(result.stderr, width)


# --- summary --------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_summary_wraps_long_labels_under_themselves(width: int, engdahl: pl.Study) -> None:
    lines = at(width, "summary").splitlines()
    assert engdahl.overarching_theme is not None
    header = next(i for i, line in enumerate(lines) if line.lstrip().startswith("quotes"))
    label_column = lines[header].index("overarching")
    tree = " ".join(line[label_column:].strip() for line in lines[header + 1 :] if line)
    for node in [engdahl.overarching_theme, *engdahl.themes, *engdahl.subthemes]:
        assert " ".join(words(node.label)) in tree
    # The title too, however narrow.
    assert " ".join(words(engdahl.title)) in " ".join(lines[:4])


# --- validate -------------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_validate_on_a_narrow_terminal_groups_findings_by_rule(
    width: int, engdahl: pl.Study
) -> None:
    report = pl.validate(engdahl)
    text = at(width, "validate")
    lines = text.splitlines()
    assert lines[0] == report.summary()
    for code in {f.code for f in report.findings}:
        count = sum(1 for f in report.findings if f.code == code)
        assert f"  {code} ({count})" in lines
    shown = flat(text)
    for finding in report.findings:
        assert f"{finding.location}: {flat(finding.message)}" in shown


# --- quotes ---------------------------------------------------------------------------------


def blocks(text: str) -> list[list[str]]:
    *body, _footer = text.split("\n\n")
    return [block.splitlines() for block in body]


@pytest.mark.parametrize("width", [*WIDTHS, 200])
def test_quotes_shows_each_record_as_a_block_with_its_whole_text(
    width: int, engdahl: pl.Study
) -> None:
    records = pl.quote_records(engdahl)
    text = at(width, "quotes")
    assert text.splitlines()[-1] == f"{len(records)} records of {len(engdahl.quotes)} quotes"
    found = blocks(text)
    assert len(found) == len(records)
    for block, record in zip(found, records, strict=True):
        head = [line for line in block if not line.startswith("    ")]
        body = [line for line in block if line.startswith("    ")]
        assert head[0].split()[0] == record["quote_id"]
        shown = flat(" ".join(head))
        assert record["participant_id"] is None or record["participant_id"] in shown
        assert record["subtheme"] in shown
        assert record["code"] is None or record["code"] in shown
        assert words(" ".join(body)) == words(record["text"] or "")


def test_quotes_keeps_the_line_breaks_of_a_quote(tmp_path: Path) -> None:
    study = pl.Study(
        id="s",
        title="S",
        themes=[{"id": "t", "label": "T"}],
        subthemes=[{"id": "u", "label": "U", "theme": "t"}],
        quotes=[{"id": "q", "text": "First line.\nSecond line, \x1b[2J escaped."}],
        codings=[{"quote": "q", "subtheme": "u"}],
    )
    path = pl.write_json(study, tmp_path / "s.json")
    text = at(80, "quotes", str(path))
    assert "    First line.\n    Second line, \\x1b[2J escaped.\n" in text
    assert "(speaker unknown)" in text


def test_a_quote_without_words_says_so(tmp_path: Path) -> None:
    study = pl.Study(
        id="s",
        title="S",
        themes=[{"id": "t", "label": "T"}],
        subthemes=[{"id": "u", "label": "U", "theme": "t"}],
        quotes=[{"id": "q", "text": None}],
        codings=[{"quote": "q", "subtheme": "u"}],
    )
    path = pl.write_json(study, tmp_path / "s.json")
    assert "    (the words of this quote are not available)" in at(80, "quotes", str(path))


# --- matrix ---------------------------------------------------------------------------------


def test_matrix_on_a_narrow_terminal_keeps_every_count_and_names_the_groups(
    engdahl: pl.Study,
) -> None:
    matrix = pl.queries.support_matrix(engdahl)
    text = at(60, "matrix")
    lines = text.splitlines()
    assert " ".join(lines[:2]).startswith("Distinct quotes by stakeholder group")
    key = " ".join(lines[2:4])
    for group in engdahl.groups:
        assert group.id in key
    assert UNKNOWN_GROUP_HEADING in key
    rows = [line for line in lines if line[:1] == " " and line.split()[0].isdigit()]
    assert len(rows) == len(matrix.columns)
    shown = flat(text)
    for row, column in zip(rows, matrix.columns, strict=True):
        counts = [int(cell) for cell in row.split()[: len(matrix.groups)]]
        assert counts == [matrix.get(group, column) for group in matrix.groups]
        assert column in shown


@pytest.mark.parametrize("unit", ["quotes", "participants", "interviews"])
@pytest.mark.parametrize("level", ["subtheme", "theme"])
def test_matrix_csv_grid_is_the_table_for_a_spreadsheet(
    engdahl: pl.Study, unit: str, level: str
) -> None:
    matrix = pl.queries.support_matrix(engdahl, unit=unit, level=level)  # type: ignore[arg-type]
    text = at(80, "matrix", "--unit", unit, "--level", level, "--format", "csv-grid")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == [
        f"{unit} by {level}",
        *(UNKNOWN_GROUP_HEADING if g is None else g for g in matrix.groups),
    ]
    assert rows == [
        [column, *(str(matrix.get(group, column)) for group in matrix.groups)]
        for column in matrix.columns
    ]


# --- colour ---------------------------------------------------------------------------------


def test_headings_are_bold_on_a_terminal() -> None:
    assert "\x1b[1m" in at(80, "summary", color=True)


@pytest.mark.parametrize("args", [["summary"], ["validate"], ["quotes"], ["matrix"]], ids=str)
def test_no_color_turns_colour_off_even_on_a_terminal(args: list[str]) -> None:
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "80"}).invoke(main, args, color=True)
    assert result.exit_code == 0
    assert "\x1b" not in result.output
    assert result.output == at(80, *args)


def test_an_empty_no_color_is_no_request() -> None:
    # https://no-color.org: "when present and not an empty string".
    result = CliRunner(env={"NO_COLOR": ""}).invoke(main, ["summary"], color=True)
    assert "\x1b[1m" in result.output


def test_output_that_is_not_a_terminal_has_no_colour() -> None:
    assert "\x1b" not in at(80, "summary")
