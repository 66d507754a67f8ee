"""The command line on mutated files and options: no traceback, exit 1 only for analysis errors.

Each example runs one command through click's ``CliRunner``: a command that reads a
study gets a mutated study document (or none, the built-in study), ``import`` a
mutated codebook, project or table, each with options drawn from their real
choices and from hostile text. The exit codes are those of
:mod:`peerlandscape.cli._errors`: 0 on success, 2 for anything the input caused
(``CommandError`` and click's usage errors), and 1 only from ``validate``, for an
analysis with errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from peerlandscape.cli import main
from peerlandscape.cli._common import EXIT_ERROR
from peerlandscape.cli._validate import EXIT_INVALID

from ._harness import only_library_errors
from ._mutations import dumps, hostile_strings, mutated_json, mutated_xml
from ._seeds import codebook_seeds, csv_text, json_seeds, mutated_grids, project_archives
from .conftest import FUZZ

# Option values: the real choices most of the time, hostile text now and then.
_IDS = ["engdahl2025", "peer_support_worker", "official", "psw-1", "scaling-up-peer-support"]


def _value(*real: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(real), st.sampled_from(real), hostile_strings())


def _flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [name]])


def _option(name: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    return st.one_of(st.just([]), values.map(lambda value: [name, value]))


def _options(*parts: st.SearchStrategy[list[str]]) -> st.SearchStrategy[list[str]]:
    return st.tuples(*parts).map(lambda lists: [item for items in lists for item in items])


_STUDY_OPTIONS: dict[str, st.SearchStrategy[list[str]]] = {
    "validate": _options(
        _flag("--all-errors"),
        _option("--format", _value("text", "json")),
        _option("--select", _value("structure", "references", "coverage", "attribution")),
        _option("--min-participants", _value("0", "2", "99999999999999999999")),
        _option("--min-subthemes", _value("0", "2", "-1")),
        _flag("--exact-whitespace"),
        _option("--severity", _value("duplicate-label=info", "x=error", "=", "duplicate-label")),
    ),
    "summary": _options(_flag("--all-errors"), _option("--format", _value("text", "json"))),
    "matrix": _options(
        _option("--unit", _value("quotes", "participants", "interviews")),
        _option("--level", _value("subtheme", "theme")),
        _option("--format", _value("table", "json", "csv", "csv-grid")),
    ),
    "quotes": _options(
        *(
            _option(name, _value(*_IDS))
            for name in ("--theme", "--subtheme", "--code", "--group", "--participant")
        ),
        _option("--format", _value("text", "table", "json", "csv")),
    ),
    "graph": _options(_option("--format", _value("graphml", "json", "mermaid", "dot"))),
    "export": _options(_option("--to", _value("qdc", "qdpx")), _flag("--details")),
}
_WRITES = {"graph": "graph.out", "export": "export.out"}


@st.composite
def study_commands(draw: st.DrawFn, folder: Path) -> list[str]:
    """A command that reads a study, its file (mutated) and its options."""
    command = draw(st.sampled_from(sorted(_STUDY_OPTIONS)))
    argv = [command, *draw(_STUDY_OPTIONS[command])]
    if command in _WRITES and draw(st.integers(0, 9)):
        argv += ["-o", str(folder / _WRITES[command])]
    source = draw(st.sampled_from(["document", "document", "document", "built-in", "folder"]))
    if source == "document":
        (folder / "study.json").write_text(dumps(draw(mutated_json(json_seeds()))))
        argv.append(str(folder / "study.json"))
    elif source == "folder":
        argv.append(str(folder))
    return argv


@st.composite
def import_commands(draw: st.DrawFn, folder: Path) -> list[str]:
    """``import`` of a mutated codebook, project or table, with its options."""
    kind = draw(st.sampled_from(["qdc", "qdpx", "csv"]))
    source = folder / f"input.{kind}"
    if kind == "qdc":
        source.write_bytes(draw(mutated_xml(codebook_seeds([]))))
    elif kind == "qdpx":
        source.write_bytes(draw(project_archives()))
    else:
        grid = draw(mutated_grids())
        source.write_text(csv_text(grid, ","), encoding="utf-8")
    argv = ["import", str(source), "-o", str(folder / "imported.json")]
    argv += draw(
        _options(
            _option("--reference", _value("engdahl2025", str(folder / "study.json"))),
            _option("--study-id", _value("s", "my-study")),
            _option("--title", _value("A title")),
            _option("--sheet", _value("quotes", "0")),
        )
    )
    if kind != "csv" and draw(st.booleans()):
        (folder / "mapping.json").write_text(dumps(draw(mutated_json(st.just({"levels": "auto"})))))
        argv += ["--mapping", str(folder / "mapping.json")]
    return argv


@FUZZ
@given(data=st.data())
def test_the_command_line_never_shows_a_traceback(data: st.DataObject, tmp_path: Path) -> None:
    studies = study_commands(tmp_path)
    argv = data.draw(st.one_of(studies, studies, import_commands(tmp_path)))
    runner = CliRunner(env={"COLUMNS": "100"})
    with only_library_errors(f"cli {argv[0]}"):
        result = runner.invoke(main, argv)

    # CliRunner keeps what escaped the command; a clean exit is a SystemExit, or nothing.
    escaped: Any = result.exception
    if escaped is not None and not isinstance(escaped, SystemExit):
        raise escaped
    assert "Traceback" not in result.output
    assert result.exit_code in {0, EXIT_INVALID, EXIT_ERROR}, result.output
    if result.exit_code == EXIT_INVALID:
        assert argv[0] == "validate", result.output
