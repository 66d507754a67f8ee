"""The analysis commands of the command line: validate, quotes, matrix and graph.

Every expectation is computed from the library (``validate``, ``quote_records``,
``support_matrix``, ``to_networkx``...), so these tests check that the commands
report the library faithfully, not particular numbers.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.validation import RULES, ValidationOptions

SOURCE_TEXT = "We must be invited in.  Not  merely tolerated."


@pytest.fixture
def study(engdahl: pl.Study) -> pl.Study:
    return engdahl


@pytest.fixture
def runner() -> CliRunner:
    # A fixed width, so that the table layout does not depend on the terminal running the tests.
    return CliRunner(env={"COLUMNS": "120"})


def small_study(
    *,
    span_end: int = 22,
    extra_quotes: tuple[dict[str, Any], ...] = (),
    extra_codings: tuple[dict[str, Any], ...] = (),
) -> pl.Study:
    """A study with a transcript, nested codes, two groups and an unattributed quote.

    The unattributed quote is placed under two sub-themes (sub-theme codings with no coder).
    """
    return pl.Study.model_validate(
        {
            "id": "small",
            "title": "A small study",
            "groups": [
                {"id": "peers", "label": "Peer support workers"},
                {"id": "staff", "label": "Staff"},
            ],
            "participants": [
                {"id": "p-1", "label": "Peer 1", "group": "peers"},
                {"id": "p-2", "label": "Peer 2", "group": "peers"},
                {"id": "s-1", "label": "Staff 1", "group": "staff"},
            ],
            "sources": [{"id": "t-1", "label": "Transcript 1", "text": SOURCE_TEXT}],
            "themes": [
                {"id": "money", "label": "Money"},
                {"id": "roles", "label": "Roles"},
            ],
            "subthemes": [
                {"id": "funding", "label": "Funding", "theme": "money"},
                {"id": "salaries", "label": "Salaries", "theme": "money"},
                {"id": "identity", "label": "Identity", "theme": "roles"},
                {"id": "tasks", "label": "Tasks", "theme": "roles"},
            ],
            "codes": [
                {"id": "pay", "label": "Pay", "subtheme": "salaries"},
                {"id": "pay-gap", "label": "Pay gap", "parent": "pay"},
                {"id": "invited", "label": "Being invited", "subtheme": "identity"},
            ],
            "quotes": [
                {
                    "id": "q-1",
                    "text": "We must be invited in.",
                    "participant": "p-1",
                    "source": "t-1",
                    "span": {"start": 0, "end": span_end},
                },
                {"id": "q-2", "text": "Paid less than the rest.", "participant": "p-2"},
                {"id": "q-3", "text": "The budget is gone.", "participant": "s-1"},
                {"id": "q-4", "text": "Someone said it."},
                {"id": "q-5", "text": "Pay is pay.", "participant": "s-1"},
                *extra_quotes,
            ],
            "codings": [
                {"quote": "q-1", "code": "invited"},
                {"quote": "q-2", "code": "pay-gap"},
                {"quote": "q-2", "code": "invited"},
                {"quote": "q-3", "code": "pay"},
                {"quote": "q-5", "code": "pay"},
                {"quote": "q-4", "subtheme": "funding"},
                {"quote": "q-4", "subtheme": "tasks"},
                *extra_codings,
            ],
        }
    )


@pytest.fixture
def small(tmp_path: Path) -> tuple[pl.Study, Path]:
    study = small_study()
    return study, pl.write_json(study, tmp_path / "small.json")


@pytest.fixture
def faulty(tmp_path: Path) -> tuple[pl.Study, Path]:
    """A study with one error-severity fault: a quote whose span ends past its source text."""
    study = small_study(span_end=len(SOURCE_TEXT) + 10)
    return study, pl.write_json(study, tmp_path / "faulty.json")


def invoke_json(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(main, list(args))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def invoke_csv(runner: CliRunner, *args: str) -> tuple[list[str], list[dict[str, str]]]:
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    reader = csv.DictReader(io.StringIO(result.stdout))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def as_csv_row(record: dict[str, Any]) -> dict[str, str]:
    return {key: "" if value is None else str(value) for key, value in record.items()}


def assert_one_line_error(result: Result, *naming: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    for text in naming:
        assert text in lines[0]
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_help_lists_every_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("summary", "validate", "quotes", "matrix", "graph"):
        assert f"  {command} " in result.stdout


# --- validate -------------------------------------------------------------------------------


def test_validate_the_builtin_study_exits_0_with_the_summary_then_findings_by_severity(
    study: pl.Study,
) -> None:
    report = pl.validate(study)
    # Wide enough for every finding on a line of its own, aligned.
    result = CliRunner(env={"COLUMNS": "1000"}).invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == report.summary()
    assert "Errors" not in result.stdout
    warnings = lines.index(f"Warnings ({len(report.warnings)})")
    infos = lines.index(f"Infos ({len(report.infos)})")
    assert warnings < infos
    for first, findings in ((warnings, report.warnings), (infos, report.infos)):
        block = lines[first + 1 : first + 1 + len(findings)]
        for line, finding in zip(block, findings, strict=True):
            assert line.split()[:2] == [finding.code, finding.location]
            assert line.endswith(finding.message)


def test_validate_json_agrees_with_the_library(runner: CliRunner, study: pl.Study) -> None:
    report = pl.validate(study)
    assert invoke_json(runner, "validate", "--format", "json") == {
        "valid": True,
        "counts": {
            "error": len(report.errors),
            "warning": len(report.warnings),
            "info": len(report.infos),
        },
        "findings": report.to_records(),
    }


def test_validate_exits_1_when_a_quote_lies_outside_its_source(
    runner: CliRunner, faulty: tuple[pl.Study, Path]
) -> None:
    study, path = faulty
    report = pl.validate(study)
    assert [f.code for f in report.errors] == ["span-outside-source"]

    text = CliRunner(env={"COLUMNS": "1000"}).invoke(main, ["validate", str(path)])
    assert text.exit_code == 1, text.output
    assert text.stdout.splitlines()[0] == report.summary()
    lines = text.stdout.splitlines()
    error_line = lines[lines.index("Errors (1)") + 1]
    assert error_line.split()[:2] == ["span-outside-source", "quote:q-1"]
    assert error_line.endswith(report.errors[0].message)

    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["counts"]["error"] == 1
    assert data["findings"] == report.to_records()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        pytest.param("missing.json", None, id="missing"),
        pytest.param("notes.json", "not JSON at all\n", id="not-json"),
        pytest.param("other.json", '{"name": "not a study"}', id="not-a-study"),
    ],
)
def test_validate_exits_2_on_unusable_input(
    runner: CliRunner, tmp_path: Path, name: str, content: str | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert_one_line_error(runner.invoke(main, ["validate", str(path)]), str(path))
    # As JSON, on standard output, so that the script that asked for JSON can read it.
    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 2
    assert result.stderr == ""
    error = json.loads(result.stdout)["error"]
    assert error["path"] == str(path)
    assert str(path) in error["message"]
    assert error["kind"] in {"missing_file", "unreadable_document"}


def test_validate_select_runs_the_union_of_the_chosen_rules_and_groups(
    runner: CliRunner, faulty: tuple[pl.Study, Path]
) -> None:
    study, path = faulty
    args = ["validate", str(path), "--format", "json"]
    only_coverage = invoke_json(runner, *args, "--select", "coverage")
    assert only_coverage["findings"] == pl.validate(study, groups="coverage").to_records()
    assert only_coverage["valid"] is True

    both = invoke_json(runner, *args, "--select", "span-outside-source", "--select", "coverage")
    expected = pl.validate(study, rules=["span-outside-source"], groups=["coverage"])
    assert both["findings"] == expected.to_records()
    assert both["valid"] is False


def test_validate_names_an_unknown_rule_and_lists_the_known_ones(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--select", "orphan-cod"])
    assert_one_line_error(result, "'orphan-cod'", "coverage", *RULES)


def test_validate_thresholds_are_passed_to_the_library(runner: CliRunner, study: pl.Study) -> None:
    for args, options in (
        (["--min-participants", "1"], ValidationOptions(min_participants_per_subtheme=1)),
        (["--min-participants", "5"], ValidationOptions(min_participants_per_subtheme=5)),
        (["--min-subthemes", "4"], ValidationOptions(min_subthemes_per_theme=4)),
    ):
        data = invoke_json(runner, "validate", "--format", "json", *args)
        assert data["findings"] == pl.validate(study, options=options).to_records(), args
    assert invoke_json(runner, "validate", "--format", "json") != invoke_json(
        runner, "validate", "--format", "json", "--min-participants", "1"
    )
    negative = runner.invoke(main, ["validate", "--min-participants", "-1"])
    assert negative.exit_code == 2
    assert "--min-participants" in negative.stderr


def test_validate_compares_whitespace_exactly_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    rewrapped = {
        "id": "q-9",
        "text": "Not merely\ntolerated.",
        "source": "t-1",
        "span": {"start": 24, "end": len(SOURCE_TEXT)},
    }
    path = pl.write_json(small_study(extra_quotes=(rewrapped,)), tmp_path / "rewrapped.json")
    assert runner.invoke(main, ["validate", str(path)]).exit_code == 0
    exact = runner.invoke(main, ["validate", str(path), "--exact-whitespace", "--format", "json"])
    assert exact.exit_code == 1
    assert [
        f["code"] for f in json.loads(exact.stdout)["findings"] if f["severity"] == "error"
    ] == ["quote-text-mismatch"]


def test_validate_severity_overrides_can_make_a_study_invalid(
    runner: CliRunner, study: pl.Study
) -> None:
    result = runner.invoke(
        main, ["validate", "--severity", "duplicate-label=error", "--format", "json"]
    )
    assert result.exit_code == 1
    options = ValidationOptions(severities={"duplicate-label": "error"})
    assert json.loads(result.stdout)["findings"] == (
        pl.validate(study, options=options).to_records()
    )
    unknown = runner.invoke(main, ["validate", "--severity", "no-such-rule=info"])
    assert_one_line_error(unknown, "'no-such-rule'")
    malformed = runner.invoke(main, ["validate", "--severity", "duplicate-label"])
    assert malformed.exit_code == 2
    assert "CODE=LEVEL" in malformed.stderr


# --- quotes ---------------------------------------------------------------------------------


def test_quotes_json_is_the_record_contract(runner: CliRunner, study: pl.Study) -> None:
    records = invoke_json(runner, "quotes", "--format", "json")
    assert records == pl.quote_records(study)
    assert all(tuple(record) == pl.QUOTE_RECORD_KEYS for record in records)


def test_quotes_csv_round_trips_with_the_exact_header(
    runner: CliRunner, small: tuple[pl.Study, Path]
) -> None:
    study, path = small
    header, rows = invoke_csv(runner, "quotes", str(path), "--format", "csv")
    assert header == list(pl.QUOTE_RECORD_KEYS)
    assert rows == [as_csv_row(dict(record)) for record in pl.quote_records(study)]


def test_quotes_csv_keeps_commas_quotes_and_line_breaks_in_the_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    awkward = {"id": "q-9", "text": 'She said, "no"\nand left.'}
    placed = {"quote": "q-9", "subtheme": "tasks"}
    study = small_study(extra_quotes=(awkward,), extra_codings=(placed,))
    path = pl.write_json(study, tmp_path / "awkward.json")
    _, rows = invoke_csv(runner, "quotes", str(path), "--format", "csv", "--subtheme", "tasks")
    assert [row["text"] for row in rows if row["quote_id"] == "q-9"] == [awkward["text"]]


@pytest.mark.parametrize(
    ("option", "key", "value"),
    [
        ("--theme", "theme", "scaling-up-peer-support"),
        ("--subtheme", "subtheme", "elevating-user-organizations-as-essential-partners"),
        ("--code", "code", "f2-lack-of-funding-generate-complexity"),
        ("--group", "stakeholder_group", "official"),
        ("--participant", "participant_id", "uo-rep-5"),
    ],
)
def test_quotes_filter_keeps_the_records_whose_own_field_matches(
    runner: CliRunner, study: pl.Study, option: str, key: str, value: str
) -> None:
    expected = [record for record in pl.quote_records(study) if record[key] == value]  # type: ignore[literal-required]
    assert expected
    assert invoke_json(runner, "quotes", option, value, "--format", "json") == expected
    _, rows = invoke_csv(runner, "quotes", option, value, "--format", "csv")
    assert rows == [as_csv_row(dict(record)) for record in expected]


def test_quotes_filters_compose(runner: CliRunner, small: tuple[pl.Study, Path]) -> None:
    study, path = small
    records = pl.quote_records(study)

    def selected(*args: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = invoke_json(
            runner, "quotes", str(path), "--format", "json", *args
        )
        return result

    by_theme = selected("--theme", "roles")
    by_group = selected("--group", "peers")
    both = selected("--theme", "roles", "--group", "peers")
    assert both == [r for r in by_theme if r in by_group]
    assert both == [
        r for r in records if r["theme"] == "roles" and r["stakeholder_group"] == "peers"
    ]
    assert {r["quote_id"] for r in both} == {"q-1", "q-2"}
    # q-2 is coded "invited" (roles) and "pay-gap" (money): only its record under roles is kept.
    assert [r["code"] for r in both if r["quote_id"] == "q-2"] == ["invited"]
    assert selected("--theme", "roles", "--group", "peers", "--participant", "s-1") == []


def test_quotes_filters_take_ids_as_validation_reports_name_them(
    runner: CliRunner, small: tuple[pl.Study, Path]
) -> None:
    _, path = small
    args = ["quotes", str(path), "--format", "json"]
    for option, value in (("--subtheme", "identity"), ("--group", "staff"), ("--code", "pay")):
        prefix = option.removeprefix("--")
        assert invoke_json(runner, *args, option, f"{prefix}:{value}") == invoke_json(
            runner, *args, option, value
        )


def test_quotes_code_filter_takes_nested_codes_but_not_other_links_of_the_quote(
    runner: CliRunner, small: tuple[pl.Study, Path]
) -> None:
    _, path = small
    args = ["quotes", str(path), "--format", "json"]
    pay = invoke_json(runner, *args, "--code", "pay")
    assert [(r["quote_id"], r["code"]) for r in pay] == [
        ("q-2", "pay-gap"),
        ("q-3", "pay"),
        ("q-5", "pay"),
    ]
    gap = invoke_json(runner, *args, "--code", "pay-gap")
    assert [(r["quote_id"], r["code"]) for r in gap] == [("q-2", "pay-gap")]


def test_quotes_that_match_nothing_give_an_empty_result(
    runner: CliRunner, small: tuple[pl.Study, Path]
) -> None:
    _, path = small
    args = ["quotes", str(path), "--subtheme", "funding", "--group", "staff"]
    assert invoke_json(runner, *args, "--format", "json") == []
    header, rows = invoke_csv(runner, *args, "--format", "csv")
    assert (header, rows) == (list(pl.QUOTE_RECORD_KEYS), [])
    table = runner.invoke(main, args)
    assert table.exit_code == 0
    assert table.stdout.splitlines()[-1] == "0 records of 0 quotes"


@pytest.mark.parametrize(
    ("option", "valid"),
    [
        ("--theme", ["money", "roles"]),
        ("--subtheme", ["funding", "salaries", "identity", "tasks"]),
        ("--group", ["peers", "staff"]),
        ("--code", ["pay", "pay-gap", "invited"]),
        ("--participant", ["p-1", "p-2", "s-1"]),
    ],
)
def test_quotes_with_an_unknown_id_is_a_one_line_error_listing_the_valid_ids(
    runner: CliRunner, small: tuple[pl.Study, Path], option: str, valid: list[str]
) -> None:
    _, path = small
    result = runner.invoke(main, ["quotes", str(path), option, "no-such-id"])
    assert_one_line_error(result, option, "'no-such-id'", ", ".join(valid))


def test_quotes_table_aligns_the_records_and_cuts_the_text_to_the_width(study: pl.Study) -> None:
    records = pl.quote_records(study)
    args = ["quotes", "--group", "official", "--format", "table"]
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, args)
    assert result.exit_code == 0, result.output
    header, *rows, blank, footer = result.stdout.splitlines()
    official = [r for r in records if r["stakeholder_group"] == "official"]
    assert header.split() == [
        "quote_id",
        "participant_id",
        "stakeholder_group",
        "code",
        "subtheme",
        "text",
    ]
    assert (blank, footer) == ("", f"{len(official)} records of {len(official)} quotes")
    text_column = header.index("text")
    assert len(rows) == len(official)
    cut = 0
    for row, record in zip(rows, official, strict=True):
        assert row.split()[:2] == [record["quote_id"], record["participant_id"]]
        shown = row[text_column:]
        if shown == record["text"]:
            assert len(row) <= 200
        else:
            assert len(row) == 200
            assert shown.endswith("…")
            assert record["text"].startswith(shown[:-1])
            cut += 1
    assert cut
    wide = CliRunner(env={"COLUMNS": "1000"}).invoke(main, args)
    assert [line[text_column:] for line in wide.stdout.splitlines()[1:-2]] == [
        r["text"] for r in official
    ]


def test_quotes_table_keeps_some_text_on_a_narrow_terminal() -> None:
    narrow = CliRunner(env={"COLUMNS": "40"}).invoke(main, ["quotes", "--format", "table"])
    header, first = narrow.stdout.splitlines()[:2]
    assert len(first[header.index("text") :]) == 30


# --- matrix ---------------------------------------------------------------------------------


@pytest.mark.parametrize("unit", ["quotes", "participants", "interviews"])
@pytest.mark.parametrize("level", ["subtheme", "theme"])
def test_matrix_json_agrees_with_the_library_and_names_its_unit(
    runner: CliRunner, study: pl.Study, unit: str, level: str
) -> None:
    matrix = pl.queries.support_matrix(study, unit=unit, level=level)  # type: ignore[arg-type]
    data = invoke_json(runner, "matrix", "--unit", unit, "--level", level, "--format", "json")
    assert data == {
        "unit": unit,
        "level": level,
        "groups": list(matrix.groups),
        "columns": list(matrix.columns),
        "cells": matrix.to_records(),
    }


def test_matrix_defaults_to_quotes_by_subtheme(runner: CliRunner) -> None:
    data = invoke_json(runner, "matrix", "--format", "json")
    assert (data["unit"], data["level"]) == ("quotes", "subtheme")


@pytest.mark.parametrize("unit", ["quotes", "participants"])
def test_matrix_table_heads_with_its_unit_and_shows_every_cell(
    runner: CliRunner, small: tuple[pl.Study, Path], unit: str
) -> None:
    study, path = small
    matrix = pl.queries.support_matrix(study, unit=unit)  # type: ignore[arg-type]
    result = runner.invoke(main, ["matrix", str(path), "--unit", unit])
    assert result.exit_code == 0, result.output
    heading, blank, header, *rows = result.stdout.splitlines()
    assert heading.startswith(f"Distinct {unit} by stakeholder group")
    assert blank == ""
    names = ["(unknown)" if group is None else group for group in matrix.groups]
    assert header.split() == ["subtheme", *names]
    assert ("(unknown)" in names) == (unit == "quotes")  # q-4 has no speaker
    assert len(rows) == len(matrix.columns)
    for row, column in zip(rows, matrix.columns, strict=True):
        assert row.split() == [column, *(str(matrix.get(g, column)) for g in matrix.groups)]


def test_matrix_csv_round_trips_as_one_row_per_cell(runner: CliRunner, study: pl.Study) -> None:
    matrix = pl.queries.support_matrix(study, unit="interviews", level="theme")
    header, rows = invoke_csv(
        runner, "matrix", "--unit", "interviews", "--level", "theme", "--format", "csv"
    )
    assert header == ["group", "theme", "unit", "count"]
    assert rows == [as_csv_row(record) for record in matrix.to_records()]
    assert {row["unit"] for row in rows} == {"interviews"}


def test_matrix_of_an_unusable_file_is_a_one_line_error(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "missing.json"
    assert_one_line_error(runner.invoke(main, ["matrix", str(path)]), str(path))


# --- graph ----------------------------------------------------------------------------------


def assert_confirmation(result: Result, nodes: int, edges: int, where: str) -> None:
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{nodes} nodes and {edges} edges" in lines[0]
    assert lines[0].endswith(f"to {where}")


def test_graph_writes_graphml_that_networkx_reads_back(
    runner: CliRunner, study: pl.Study, tmp_path: Path
) -> None:
    expected = pl.to_networkx(study)
    path = tmp_path / "study.graphml"
    result = runner.invoke(main, ["graph", "--format", "graphml", "-o", str(path)])
    assert_confirmation(result, expected.number_of_nodes(), expected.number_of_edges(), str(path))
    assert result.stdout == ""
    graph = nx.read_graphml(path, force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    assert set(graph.nodes) == set(expected.nodes)


def test_graph_writes_node_link_json_that_networkx_reads_back(
    runner: CliRunner, small: tuple[pl.Study, Path], tmp_path: Path
) -> None:
    study, study_path = small
    expected = pl.to_networkx(study)
    path = tmp_path / "study.json"
    result = runner.invoke(main, ["graph", str(study_path), "--format", "json", "-o", str(path)])
    assert_confirmation(result, expected.number_of_nodes(), expected.number_of_edges(), str(path))
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (
        expected.number_of_nodes(),
        expected.number_of_edges(),
    )
    assert sorted(graph.edges(data="relation")) == sorted(expected.edges(data="relation"))


@pytest.mark.parametrize("output_format", ["mermaid", "dot"])
@pytest.mark.parametrize("output", [[], ["-o", "-"]], ids=["no-o", "dash"])
def test_graph_writes_mermaid_and_dot_to_standard_output(
    runner: CliRunner, study: pl.Study, output_format: str, output: list[str]
) -> None:
    render = pl.generate_mermaid if output_format == "mermaid" else pl.generate_dot
    result = runner.invoke(main, ["graph", "--format", output_format, *output])
    assert result.stdout == render(study)
    # The map: the overarching theme, the themes and the sub-themes, and the arrows between them.
    arrow = "-->" if output_format == "mermaid" else "->"
    edges = sum(1 for line in result.stdout.splitlines() if f" {arrow} " in line)
    nodes = 1 + len(study.themes) + len(study.subthemes)
    assert edges == len(study.themes) + len(study.subthemes)
    assert_confirmation(result, nodes, edges, "standard output")


def test_graph_writes_a_map_to_a_file(
    runner: CliRunner, small: tuple[pl.Study, Path], tmp_path: Path
) -> None:
    study, study_path = small
    path = tmp_path / "map.mmd"
    result = runner.invoke(main, ["graph", str(study_path), "--format", "mermaid", "-o", str(path)])
    # No overarching theme in the small study: its map has no edges to one.
    themes, subthemes = len(study.themes), len(study.subthemes)
    assert_confirmation(result, themes + subthemes, subthemes, str(path))
    assert result.stdout == ""
    assert path.read_text(encoding="utf-8") == pl.generate_mermaid(study)


@pytest.mark.parametrize("output_format", ["graphml", "json"])
@pytest.mark.parametrize("output", [[], ["-o", "-"]], ids=["no-o", "dash"])
def test_graph_files_need_an_output_file(
    runner: CliRunner, output_format: str, output: list[str]
) -> None:
    result = runner.invoke(main, ["graph", "--format", output_format, *output])
    assert_one_line_error(result, f"--format {output_format}", "-o FILE")


def test_graph_reports_an_unwritable_destination_on_one_line(
    runner: CliRunner, tmp_path: Path
) -> None:
    missing_folder = tmp_path / "no-such-folder" / "study.graphml"
    result = runner.invoke(main, ["graph", "--format", "graphml", "-o", str(missing_folder)])
    assert_one_line_error(result, str(missing_folder.parent))
    folder = runner.invoke(main, ["graph", "--format", "dot", "-o", str(tmp_path)])
    assert_one_line_error(folder, str(tmp_path), "directory")


def test_graph_needs_a_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["graph"])
    assert result.exit_code == 2
    assert "--format" in result.stderr
