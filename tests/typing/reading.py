"""Reading, writing and the built-in dataset, as a user of ``import peerlandscape as pl`` does."""

from __future__ import annotations

from pathlib import Path
from typing import Any, assert_type

import peerlandscape as pl
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
    return [pl.study_from_dict(document), pl.study_from_json(text)]


def the_json_schema() -> dict[str, Any]:
    return pl.json_schema()


def flat_records(study: pl.Study) -> list[str]:
    records = pl.quote_records(study)
    return [record["quote_id"] for record in records]


def the_version() -> str:
    return pl.__version__
