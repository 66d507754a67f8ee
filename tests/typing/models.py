"""Building models and reading their fields, as a user of ``import peerlandscape as pl`` does."""

from __future__ import annotations

from collections.abc import Sequence
from typing import assert_type

import peerlandscape as pl


def a_study_takes_lists() -> pl.Study:
    # Sequence fields accept the list a user naturally writes (at run time a tuple is kept).
    group = pl.StakeholderGroupDefinition(id="peer_support_worker", label="Peer support workers")
    participant = pl.Participant(id="psw-1", label="PSW 1", group="peer_support_worker")
    theme = pl.Theme(id="t", label="A theme")
    subtheme = pl.SubTheme(id="s", label="A sub-theme", theme="t")
    quote = pl.Quote(id="q", text="Hello", participant="psw-1")
    coding = pl.Coding(quote="q", subtheme="s")
    return pl.Study(
        id="demo",
        title="A demo",
        groups=[group],
        participants=[participant],
        themes=[theme],
        subthemes=[subtheme],
        quotes=[quote],
        codings=[coding],
    )


def a_study_takes_tuples_and_other_sequences(quotes: Sequence[pl.Quote]) -> pl.Study:
    return pl.Study(id="s", title="t", quotes=quotes, authors=("A. Author",))


def the_smallest_study(q: pl.Quote) -> pl.Study:
    return pl.Study(id="s", title="t", quotes=[q])


def reading_fields(study: pl.Study) -> None:
    assert_type(study.id, str)
    assert_type(study.title, str)
    assert_type(study.quotes, Sequence[pl.Quote])
    quote = study.quotes[0]
    assert_type(quote, pl.Quote)
    assert_type(quote.id, str)
    assert_type(quote.participant, str | None)
    assert_type(quote.span, pl.Span | None)
    for theme in study.themes:
        assert_type(theme.label, str)
    labels: list[str] = [subtheme.label for subtheme in study.subthemes]
    assert labels is not None
    assert_type(study.overarching_theme, pl.OverarchingTheme | None)


def copying_and_dumping(study: pl.Study) -> dict[str, object]:
    renamed = study.model_copy(update={"title": "Renamed"})
    assert_type(renamed, pl.Study)
    return renamed.model_dump(mode="json")


def the_schema_version_is_a_string() -> str:
    return pl.SCHEMA_VERSION


def catching_a_reading_error(path: str) -> pl.Study | None:
    try:
        return pl.read_json(path)
    except pl.StudyValidationError as error:
        codes = [entry["type"] for entry in error.errors]
        assert codes is not None
        return None
    except pl.DocumentError:
        return None
