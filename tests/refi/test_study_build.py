"""The importer validates quotes and codings in slices, and their models share fields sets."""

from __future__ import annotations

from typing import Any

import pytest

from peerlandscape import StudyValidationError
from peerlandscape.models import Study
from peerlandscape.refi._importing._importer import _SLICE, _build


def _guid(n: int) -> str:
    return f"{n:08x}-0000-4000-8000-{n:012x}"


def _fields(codings: int) -> dict[str, Any]:
    return {
        "id": "s",
        "title": "S",
        "quotes": [{"id": "q", "text": "words"}],
        "codes": [{"id": "c", "label": "C"}, {"id": "d", "label": "D"}],
        "codings": [
            {"quote": "q", "code": "c" if n % 2 else "d", "guid": _guid(n)} for n in range(codings)
        ],
    }


def test_a_study_built_in_slices_is_the_study_validated_at_once() -> None:
    built = _build(_fields(2 * _SLICE + 3))

    assert built == Study.model_validate(_fields(2 * _SLICE + 3))


def test_an_invalid_coding_is_named_by_its_place_in_the_study_not_in_its_slice() -> None:
    fields = _fields(_SLICE + 10)
    fields["codings"][_SLICE + 5]["guid"] = "not a guid"

    with pytest.raises(StudyValidationError, match=rf"codings\.{_SLICE + 5}\.guid"):
        _build(fields)


def test_models_given_the_same_fields_share_one_set_that_no_copy_changes() -> None:
    study = _build(_fields(3))
    first, second, third = study.codings

    assert first.model_fields_set is third.model_fields_set
    assert first.model_fields_set == {"quote", "code", "guid"}
    changed = first.model_copy(update={"coder": None})

    assert "coder" in changed.model_fields_set
    assert third.model_fields_set == {"quote", "code", "guid"}
    assert second.model_fields_set == {"quote", "code", "guid"}
