"""A missing optional dependency raises MissingDependencyError, which names the extra to install.

Each case runs in a fresh interpreter where the dependency cannot be imported:
``sys.modules[name] = None`` before peerlandscape is imported makes
``import name`` fail, as it does where the package is not installed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import peerlandscape as pl
from peerlandscape._optional import require

LXML_MESSAGE = (
    "reading and writing REFI-QDA files needs lxml, which is not installed: "
    "pip install 'peerlandscape[refi]'"
)
PANDAS_MESSAGE = (
    "a table as a pandas DataFrame needs pandas, which is not installed: "
    "pip install 'peerlandscape[tables]'"
)


def without(package: str, code: str) -> str:
    """Code that runs ``code`` where ``package`` cannot be imported."""
    return f"import sys\nsys.modules[{package!r}] = None\n" + textwrap.dedent(code)


def run_python(code: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        cwd=cwd,
        timeout=120,
    )


def run_cli_without(package: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``peerlandscape <args>`` (the console script's code) where ``package`` is missing."""
    code = without(
        package, "from peerlandscape.cli import main\nsys.exit(main(prog_name='peerlandscape'))\n"
    )
    return run_python(code, *args, cwd=cwd)


REPORT = textwrap.dedent("""
    try:
        {call}
    except pl.MissingDependencyError as exc:
        print(type(exc).__name__, exc.package, exc.extra, isinstance(exc, ImportError))
        print(exc)
    else:
        print("no error")
""")


# --- lxml: REFI-QDA -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "call",
    [
        "pl.read_qdpx('project.qdpx')",
        "pl.read_qdc('codebook.qdc')",
        "pl.write_qdpx(pl.datasets.engdahl2025(), 'study.qdpx')",
        "pl.write_qdc(pl.datasets.engdahl2025(), 'framework.qdc')",
        "pl.readwrite.read_qdpx('project.qdpx')",
        "import peerlandscape.refi",
    ],
)
def test_refi_without_lxml_names_the_refi_extra(call: str, tmp_path: Path) -> None:
    code = without("lxml", "import peerlandscape as pl\n" + REPORT.format(call=call))
    completed = run_python(code, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "MissingDependencyError lxml refi True",
        LXML_MESSAGE,
    ]
    assert not list(tmp_path.iterdir())  # nothing written


def test_the_refi_names_import_without_lxml_and_raise_when_called() -> None:
    # As networkx's functions that need pandas: listing, star-importing and documenting the
    # package work; the error comes when the function that needs lxml is called.
    code = without(
        "lxml",
        """
        import contextlib, io
        from peerlandscape import *
        from peerlandscape.readwrite import read_qdc
        import peerlandscape as pl
        with contextlib.redirect_stdout(io.StringIO()):
            help(pl)
        print(read_qdpx.__name__, "read_qdpx" in dir(pl), "Unavailable" in read_qdc.__doc__)
        try:
            read_qdc("codebook.qdc")
        except ImportError as exc:
            print(type(exc).__name__, exc)
        """,
    )
    completed = run_python(code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "read_qdpx True True",
        f"MissingDependencyError {LXML_MESSAGE}",
    ]


def test_everything_but_refi_works_without_lxml(tmp_path: Path) -> None:
    code = without(
        "lxml",
        """
        import peerlandscape as pl
        study = pl.datasets.engdahl2025()
        path = pl.write_json(study, "study.json")
        graph = pl.read_graphml(pl.write_graphml(pl.to_networkx(study), "study.graphml"))
        print(pl.read_json(path) == study, pl.from_networkx(graph) == study)
        print(pl.generate_mermaid(study).splitlines()[0])
        print("lxml" in sys.modules and sys.modules["lxml"] is not None)
        """,
    )
    completed = run_python(code, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["True True", "flowchart LR", "False"]


@pytest.mark.parametrize(
    "args",
    [
        ("import", "project.qdpx", "-o", "study.json"),
        ("export", "--to", "qdc", "-o", "framework.qdc"),
        ("export", "--to", "qdpx", "-o", "study.qdpx"),
    ],
    ids=["import", "export-qdc", "export-qdpx"],
)
def test_the_refi_commands_without_lxml_report_one_line(
    args: tuple[str, ...], tmp_path: Path
) -> None:
    (tmp_path / "project.qdpx").write_bytes(b"PK")
    completed = run_cli_without("lxml", *args, cwd=tmp_path)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr == f"Error: {LXML_MESSAGE}\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project.qdpx"]


@pytest.mark.parametrize("command", ["import", "export"])
def test_the_refi_commands_explain_themselves_without_lxml(command: str, tmp_path: Path) -> None:
    completed = run_cli_without("lxml", command, "--help", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(f"Usage: peerlandscape {command} ")
    assert "REFI-QDA" in completed.stdout


def test_the_other_commands_work_without_lxml(tmp_path: Path) -> None:
    completed = run_cli_without("lxml", "summary", "--format", "json", cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert '"participants"' in completed.stdout


# --- pandas: tables -----------------------------------------------------------------------


def test_a_table_without_pandas_names_the_tables_extra() -> None:
    call = "pl.queries.support_matrix(pl.datasets.engdahl2025()).to_pandas()"
    code = without("pandas", "import peerlandscape as pl\n" + REPORT.format(call=call))
    completed = run_python(code)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == [
        "MissingDependencyError pandas tables True",
        PANDAS_MESSAGE,
    ]


def test_everything_but_tables_works_without_pandas(tmp_path: Path) -> None:
    code = without(
        "pandas",
        """
        import peerlandscape as pl
        matrix = pl.queries.support_matrix(pl.datasets.engdahl2025())
        print(len(matrix.to_records()) > 0)
        """,
    )
    completed = run_python(code, cwd=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.splitlines() == ["True"]
    # The command line has no command that needs pandas: its tables are its own.
    cli = run_cli_without("pandas", "matrix", "--format", "csv", cwd=tmp_path)
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.startswith("group,subtheme,unit,count\n")


# --- the helper ---------------------------------------------------------------------------


def test_a_package_that_fails_to_import_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Installed but broken (a missing shared library, say): not "not installed".
    package = tmp_path / "broken_dependency"
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('libxml2.so.2: cannot open')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(pl.MissingDependencyError) as caught:
        require("broken_dependency", extra="demo", needed_for="the demo")
    assert str(caught.value) == (
        "the demo needs broken_dependency, which cannot be imported "
        "(libxml2.so.2: cannot open): pip install 'peerlandscape[demo]'"
    )
    assert isinstance(caught.value.__cause__, ImportError)


def test_an_installed_dependency_is_returned() -> None:
    assert require("json", extra="none", needed_for="a test").__name__ == "json"
