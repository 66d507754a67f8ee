"""Reading, writing and the built-in dataset, as a user of ``import peerlandscape as pl`` does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_type

import peerlandscape as pl
from peerlandscape import readwrite
from peerlandscape.datasets import engdahl2025


def the_builtin_study() -> pl.Study:
    study = pl.datasets.engdahl2025()
    assert_type(study, pl.Study)
    assert_type(engdahl2025(), pl.Study)
    return study


def a_round_trip(study: pl.Study, folder: Path) -> pl.Study:
    path = folder / "study.json"
    pl.write_json(study, path)
    again = pl.read_json(path)
    assert_type(again, pl.Study)
    assert_type(pl.read_json(str(path)), pl.Study)
    return again


def from_a_dict_and_from_json(document: dict[str, Any], text: str) -> list[pl.Study]:
    assert_type(pl.from_dict(document), pl.Study)
    assert_type(pl.parse_json(text.encode()), pl.Study)
    # The names of before, the same functions.
    return [pl.study_from_dict(document), pl.study_from_json(text), pl.io.study_from_json(text)]


def the_file_formats(study: pl.Study, folder: Path) -> str:
    graph = pl.to_networkx(study)
    graphml: Path = pl.write_graphml(graph, folder / "study.graphml")
    node_link: Path = readwrite.write_node_link(graph, folder / "study.json")
    again = pl.from_networkx(pl.read_graphml(graphml))
    assert_type(again, pl.Study)
    data: dict[str, Any] = pl.generate_node_link(pl.read_node_link(node_link))
    assert data
    return pl.generate_mermaid(study, quote_counts=False) + pl.generate_dot(study)


def refi_files(study: pl.Study, folder: Path) -> pl.Study:
    report = pl.write_qdpx(study, folder / "study.qdpx")
    assert report.summary()
    pl.write_qdc(study, folder / "framework.qdc")
    imported, _ = pl.read_qdpx(folder / "study.qdpx")
    assert_type(imported, pl.Study)
    return readwrite.read_qdc(folder / "framework.qdc").study


def a_missing_extra() -> str | None:
    try:
        pl.read_qdpx("project.qdpx")
    except pl.MissingDependencyError as error:
        return f"{error.package} {error.extra}"
    return None


def the_json_schema() -> dict[str, Any]:
    return pl.json_schema()


def flat_records(study: pl.Study) -> list[str]:
    records = pl.quote_records(study)
    return [record["quote_id"] for record in records]


def the_version() -> str:
    return pl.__version__


def a_spreadsheet_of_coded_quotes(study: pl.Study, folder: Path, rows: list[dict[str, str]]) -> int:
    path = pl.write_table(study, folder / "quotes.csv")
    assert_type(path, Path)
    result = pl.read_table(path, reference="engdahl2025")
    assert_type(result, readwrite.TableImport)
    again, report = result
    assert_type(again, pl.Study)
    assert_type(report, readwrite.TableReport)
    problems: tuple[readwrite.RowProblem, ...] = report.problems
    # Rows in memory: a list of dicts of text, as csv.DictReader gives them.
    in_memory = pl.parse_table(rows, reference=study, title="Mine")
    workbook = readwrite.read_table(str(folder / "quotes.xlsx"), sheet=0, study_id="mine")
    pl.read_table(folder / "quotes.csv", reference=folder / "reference.json")
    return len(problems) + in_memory.report.rows + workbook.report.rows_used
