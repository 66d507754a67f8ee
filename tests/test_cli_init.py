"""``peerlandscape init``: a folder to start a study in, that validates from the first minute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import peerlandscape as pl
from peerlandscape.cli import main
from peerlandscape.cli._init import FILES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={"COLUMNS": "80"})


def test_init_writes_a_small_study_that_validates_and_a_readme(
    runner: CliRunner, tmp_path: Path
) -> None:
    folder = tmp_path / "my-study"
    result = runner.invoke(main, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == sorted(FILES)
    study = pl.read_json(folder / "study.json")
    assert study.schema_version == pl.SCHEMA_VERSION
    assert pl.validate(study).valid
    # What the guide promises: two groups, three participants, a focus group, two coded
    # quotes, a theme with a sub-theme, a memo.
    assert (len(study.groups), len(study.participants)) == (2, 3)
    assert [interview.format for interview in study.interviews] == ["focus_group"]
    assert len(study.quotes) == 2
    assert {coding.quote for coding in study.codings} == {quote.id for quote in study.quotes}
    assert (len(study.themes), len(study.subthemes), len(study.memos)) == (1, 1, 1)
    # Pseudonymous: every participant is known by a label that follows its group.
    assert all(re.fullmatch(r"[A-Z][a-z ]+ \d+", p.label) for p in study.participants)
    assert result.stdout.splitlines()[-1] == f"  peerlandscape validate {folder / 'study.json'}"


def test_the_written_study_passes_the_validate_command(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    result = runner.invoke(main, ["validate", str(tmp_path / "study.json")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid: 0 errors")
    for command in ("summary", "quotes", "matrix"):
        assert runner.invoke(main, [command, str(tmp_path / "study.json")]).exit_code == 0


def test_the_readme_explains_every_part_of_the_study_and_the_next_commands(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert runner.invoke(main, ["init", str(tmp_path)]).exit_code == 0
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    document = json.loads((tmp_path / "study.json").read_text(encoding="utf-8"))
    for key in document:
        assert f"`{key}`" in readme, key
    for command in ("validate", "summary", "quotes", "matrix", "export", "import"):
        assert f"peerlandscape {command} " in readme, command


def test_init_without_a_folder_starts_in_the_current_one(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(main, ["init"]).exit_code == 0
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(FILES)


def test_init_from_the_builtin_study_writes_it(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["init", str(tmp_path), "--from", "engdahl2025"])
    assert result.exit_code == 0, result.output
    assert pl.read_json(tmp_path / "study.json") == pl.datasets.engdahl2025()
    assert (tmp_path / "README.md").exists()


@pytest.mark.parametrize("present", [["study.json"], ["README.md"], ["study.json", "README.md"]])
def test_init_never_overwrites_without_force(
    runner: CliRunner, tmp_path: Path, present: list[str]
) -> None:
    for name in present:
        (tmp_path / name).write_text("mine\n", encoding="utf-8")
    result = runner.invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ")
    assert "--force" in line
    for name in FILES:
        assert (str(tmp_path / name) in line) == (name in present)
    # Nothing was written: not even the file that was not there.
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(present)
    assert all((tmp_path / name).read_text(encoding="utf-8") == "mine\n" for name in present)


def test_init_overwrites_with_force(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "study.json").write_text("mine\n", encoding="utf-8")
    assert runner.invoke(main, ["init", str(tmp_path), "--force"]).exit_code == 0
    assert pl.read_json(tmp_path / "study.json").id == "my-study"


def test_init_refuses_a_file_as_its_folder(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "study.json"
    target.write_text("{}", encoding="utf-8")
    result = runner.invoke(main, ["init", str(target)])
    assert result.exit_code == 2
    assert target.read_text(encoding="utf-8") == "{}"
