"""A reference is declared once, on its field; the integrity checks follow from that alone."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import ValidationError

import peerlandscape as pl
from peerlandscape.models._base import Id, Model, Seq
from peerlandscape.models._refs import RefersTo, collections_of, references_of


class Visit(Model):
    """A toy object that is not part of the library: a visit to a region by a participant."""

    region: Annotated[Id, RefersTo(pl.Kind.REGION, pl.Relation.HELD_IN)]
    visitors: Annotated[
        Seq[Id], RefersTo(pl.Kind.PARTICIPANT, pl.Relation.TOOK_PART_IN, incoming=True)
    ] = ()


class StudyWithVisits(pl.Study):
    """A study with one more collection, declared as a field and nowhere else."""

    visits: Seq[Visit] = ()


def test_the_new_fields_are_found_from_their_declarations() -> None:
    assert [(r.field, r.kind, r.many) for r in references_of(Visit)] == [
        ("region", pl.Kind.REGION, False),
        ("visitors", pl.Kind.PARTICIPANT, True),
    ]
    assert "visits" in [c.field for c in collections_of(StudyWithVisits)]


def test_a_dangling_reference_of_the_new_collection_is_an_integrity_error() -> None:
    with pytest.raises(ValidationError) as caught:
        StudyWithVisits(
            id="s",
            title="S",
            regions=[{"id": "south", "label": "South"}],
            visits=[{"region": "north", "visitors": ["nobody"]}],
        )
    errors = caught.value.errors()
    assert [(e["type"], e["loc"]) for e in errors] == [
        ("unknown_reference", ("visits", 0, "region")),
        ("unknown_reference", ("visits", 0, "visitors", 0)),
    ]
    assert "visit #0 field 'region' names unknown region 'north'" in errors[0]["msg"]


def test_a_valid_new_collection_builds() -> None:
    study = StudyWithVisits(
        id="s",
        title="S",
        regions=[{"id": "south", "label": "South"}],
        visits=[{"region": "south"}],
    )
    assert study.visits[0].region == "south"
