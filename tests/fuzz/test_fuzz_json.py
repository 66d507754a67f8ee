"""Mutated study documents: ``from_dict``, ``parse_json``, ``read_json`` raise only our errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl

from ._harness import only_library_errors
from ._mutations import dumps, encodings, mutated_bytes, mutated_json, to_python
from ._seeds import json_seeds
from .conftest import FUZZ


@FUZZ
@given(document=mutated_json(json_seeds()))
def test_from_dict_raises_only_library_errors(document: Any) -> None:
    with only_library_errors("from_dict"):
        study = pl.from_dict(to_python(document))
        # What was accepted is a study the library can write again.
        pl.parse_json(study.model_dump_json())


@FUZZ
@given(document=mutated_json(json_seeds()), data=st.data())
def test_parse_json_raises_only_library_errors(document: Any, data: st.DataObject) -> None:
    text = dumps(document)
    raw = data.draw(encodings(text).flatmap(mutated_bytes))
    with only_library_errors("parse_json"):
        pl.parse_json(text)
    with only_library_errors("parse_json"):
        pl.parse_json(raw)


@FUZZ
@given(document=mutated_json(json_seeds()), data=st.data())
def test_read_json_raises_only_library_errors(
    document: Any, data: st.DataObject, tmp_path: Path
) -> None:
    path = tmp_path / "study.json"
    path.write_bytes(data.draw(encodings(dumps(document)).flatmap(mutated_bytes)))
    with only_library_errors("read_json"):
        pl.read_json(path)


@pytest.mark.parametrize("value", [10**5000, -(10**5000)], ids=["positive", "negative"])
def test_integers_beyond_the_digit_limit_are_refused_as_documents(
    engdahl_document: dict[str, Any], value: int
) -> None:
    engdahl_document["groups"][0]["demographics"]["age"]["mean"] = value

    with pytest.raises(pl.StudyValidationError, match=r"groups\.0\.demographics\.age"):
        pl.from_dict(engdahl_document)
