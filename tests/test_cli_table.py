"""``peerlandscape import`` of a table of coded quotes (.csv, .xlsx), through ``read_table``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape.cli import main

CODED = (
    "quote_id;text;participant_label;code;subtheme;theme\n"
    "q1;We learn from each other.;Peer support worker 3;Mutual learning;Learning;Growth\n"
    "q1;;;Hope;Learning;Growth\n"
    "q2;Nobody listens.;Peer support worker 4;;Learning;Growth\n"
    "q3;;;Hope;Learning;Growth\n"
)
"""Three good rows, and one (row 5) whose quote has no text anywhere."""


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "80"}).invoke(main, list(args))


@pytest.fixture
def coded(tmp_path: Path) -> Path:
    path = tmp_path / "coded.csv"
    path.write_text(CODED, encoding="utf-8")
    return path


def test_import_reads_a_csv_table_as_the_library_does(coded: Path, tmp_path: Path) -> None:
    output = tmp_path / "coded.json"
    result = run("import", str(coded), "-o", str(output), "--title", "Coded quotes")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    study, report = pl.read_table(coded, title="Coded quotes")
    assert pl.read_json(output) == study
    assert report.problems
    assert result.stderr.startswith(report.summary().split()[0])
    assert " ".join(report.summary().split()) in " ".join(result.stderr.split())
    assert f"Wrote {output}: " in " ".join(result.stderr.split())


def test_the_report_names_each_problem_by_row_and_column(coded: Path, tmp_path: Path) -> None:
    result = run("import", str(coded), "-o", str(tmp_path / "o.json"))
    _, report = pl.read_table(coded)
    text = " ".join(result.stderr.split())
    assert "Rows skipped" in result.stderr.splitlines()
    for problem in report.problems:
        where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
        assert where in text
        assert " ".join(problem.message.split()) in text


def test_table_options_reach_the_reader(coded: Path, tmp_path: Path) -> None:
    output = tmp_path / "o.json"
    result = run(
        "import", str(coded), "-o", str(output), "--study-id", "my-table", "--title", "Mine"
    )
    assert result.exit_code == 0, result.output
    study = pl.read_json(output)
    assert (study.id, study.title) == ("my-table", "Mine")


def test_a_table_with_the_reference_takes_its_framework(tmp_path: Path) -> None:
    path = tmp_path / "coded.csv"
    path.write_text(
        "text,participant_label,subtheme\n"
        "We drift.,Peer support worker 12,Mitigating Peer Drifting\n",
        encoding="utf-8",
    )
    output = tmp_path / "o.json"
    result = run("import", str(path), "-o", str(output), "--reference", "engdahl2025")
    assert result.exit_code == 0, result.output
    assert pl.read_json(output) == pl.read_table(path, reference="engdahl2025")[0]


def test_a_table_no_row_of_which_can_be_used_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_text("text,code\n", encoding="utf-8")
    result = run("import", str(path), "-o", str(tmp_path / "o.json"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {path}: ")
    assert not (tmp_path / "o.json").exists()


def test_a_table_refuses_a_mapping(coded: Path, tmp_path: Path) -> None:
    result = run("import", str(coded), "-o", str(tmp_path / "o.json"), "--mapping", "m.json")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --mapping: not an option for a table")


def test_import_reads_an_xlsx_workbook_by_sheet(coded: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    rows = [line.split(";") for line in CODED.splitlines()]
    frame = pd.DataFrame(rows[1:], columns=rows[0]).replace("", None)
    workbook = tmp_path / "coded.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        pd.DataFrame({"note": ["not this one"]}).to_excel(writer, sheet_name="Notes", index=False)
        frame.to_excel(writer, sheet_name="Codes", index=False)
    output = tmp_path / "o.json"
    result = run("import", str(workbook), "-o", str(output), "--sheet", "Codes")
    assert result.exit_code == 0, result.output
    expected, _ = pl.read_table(workbook, sheet="Codes")
    assert pl.read_json(output) == expected
    assert len(expected.quotes) == 2
