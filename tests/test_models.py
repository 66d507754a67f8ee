"""The models: strict, closed, immutable, with validated values and documented fields."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import peerlandscape as pl
from peerlandscape import models
from peerlandscape.models import (
    CandidateTheme,
    Code,
    Coder,
    Coding,
    Design,
    Facilitator,
    FacilitatorRole,
    GroupAttribution,
    GroupDemographics,
    InformationPower,
    Interview,
    InterviewFormat,
    InterviewMode,
    Memo,
    NumericSummary,
    OverarchingTheme,
    Participant,
    Period,
    Quote,
    Region,
    Source,
    Span,
    StakeholderGroup,
    StakeholderGroupDefinition,
    Study,
    SubTheme,
    Theme,
)

# The fewest fields each model needs; every pydantic model the package exports is here.
MINIMAL: dict[type[BaseModel], dict[str, Any]] = {
    CandidateTheme: {"id": "ct", "label": "A candidate theme"},
    Code: {"id": "c", "label": "A code"},
    Coder: {"id": "pe", "label": "PE"},
    Coding: {"quote": "q", "code": "c"},
    Design: {},
    Facilitator: {"role": "moderator"},
    GroupAttribution: {"subtheme": "s", "groups": ["official"], "evidence": "As they said."},
    GroupDemographics: {},
    InformationPower: {},
    Interview: {"id": "i", "label": "Interview 1"},
    Memo: {"id": "m", "text": "Funding recurs."},
    OverarchingTheme: {"id": "o", "label": "The overarching theme"},
    Participant: {"id": "p", "label": "Peer support worker 1", "group": "peer_support_worker"},
    Quote: {"id": "q", "text": "We must be invited in."},
    Region: {"id": "r", "label": "A region"},
    Source: {"id": "src", "label": "Transcript"},
    StakeholderGroupDefinition: {"id": "official", "label": "Officials"},
    Study: {"id": "s", "title": "A study"},
    SubTheme: {"id": "s", "label": "A sub-theme", "theme": "t"},
    Theme: {"id": "t", "label": "A theme"},
}
MODELS = sorted(MINIMAL, key=lambda model: model.__name__)


def only_error(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, Any]:
    errors = exc.value.errors()
    assert len(errors) == 1, errors
    return dict(errors[0])


def test_every_exported_pydantic_model_is_covered_by_these_tests() -> None:
    exported = {
        obj
        for name in models.__all__
        if isinstance(obj := getattr(models, name), type) and issubclass(obj, BaseModel)
    }
    assert exported == set(MINIMAL)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_model_is_built_from_its_required_fields_alone(model: type[BaseModel]) -> None:
    instance = model(**MINIMAL[model])
    for field, value in MINIMAL[model].items():
        assert getattr(instance, field) == (tuple(value) if isinstance(value, list) else value)


# --- strictness -------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_an_unknown_field_is_refused_not_dropped(model: type[BaseModel]) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**MINIMAL[model], colour_of_hat="red")
    error = only_error(exc)
    assert (error["type"], error["loc"], error["input"]) == (
        "extra_forbidden",
        ("colour_of_hat",),
        "red",
    )


def test_a_participant_cannot_carry_a_real_name() -> None:
    assert "name" not in Participant.model_fields
    with pytest.raises(ValidationError) as exc:
        Participant(**MINIMAL[Participant], name="Anna Andersson")
    error = only_error(exc)
    assert (error["type"], error["loc"]) == ("extra_forbidden", ("name",))


def test_a_participant_name_in_a_document_is_refused_where_it_stands() -> None:
    document = (
        '{"schema_version": "1.1", "id": "s", "title": "T",'
        ' "groups": [{"id": "official", "label": "Officials"}],'
        ' "participants": [{"id": "o1", "label": "Official 1", "group": "official",'
        ' "name": "Anna Andersson"}]}'
    )
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_json(document)
    assert [(e["type"], e["loc"]) for e in exc.value.errors] == [
        ("extra_forbidden", ("participants", 0, "name"))
    ]


@pytest.mark.parametrize(
    ("model", "field", "value", "error_type", "loc"),
    [
        (Participant, "age", "5", "int_type", ("age",)),
        (Participant, "age", True, "int_type", ("age",)),
        (Participant, "years_in_role", "3.5", "float_type", ("years_in_role",)),
        (Participant, "label", 5, "string_type", ("label",)),
        (Study, "year", "2025", "int_type", ("year",)),
        (Study, "year", 2025.0, "int_type", ("year",)),
        (StakeholderGroupDefinition, "declared_size", "8", "int_type", ("declared_size",)),
        (
            Interview,
            "approximate_duration_minutes",
            "90",
            "int_type",
            ("approximate_duration_minutes",),
        ),
        (Design, "member_checking", "yes", "bool_type", ("member_checking",)),
        (Design, "member_checking", 1, "bool_type", ("member_checking",)),
        (GroupDemographics, "sex", {"female": "10"}, "int_type", ("sex", "female")),
        (Quote, "span", {"start": "0", "end": 4}, "int_type", ("span", "start")),
        (
            GroupDemographics,
            "age",
            {"mean": "41.8", "minimum": 28, "maximum": 58},
            "float_type",
            ("age", "mean", "float"),
        ),
    ],
)
def test_values_are_not_coerced(
    model: type[BaseModel], field: str, value: Any, error_type: str, loc: tuple[Any, ...]
) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**{**MINIMAL[model], field: value})
    errors = exc.value.errors()
    assert (error_type, loc) in [(e["type"], e["loc"]) for e in errors]


def test_a_document_is_as_strict_as_python() -> None:
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_json('{"schema_version": "1.1", "id": "s", "title": "T", "year": "2025"}')
    assert [(e["type"], e["loc"]) for e in exc.value.errors] == [("int_type", ("year",))]


@pytest.mark.parametrize(
    ("model", "field", "value", "member"),
    [
        (Interview, "format", "focus_group", InterviewFormat.FOCUS_GROUP),
        (Interview, "format", InterviewFormat.INDIVIDUAL, InterviewFormat.INDIVIDUAL),
        (Interview, "mode", "online_video", InterviewMode.ONLINE_VIDEO),
        (Interview, "mode", "telephone", InterviewMode.TELEPHONE),
        (Facilitator, "role", "assistant", FacilitatorRole.ASSISTANT),
    ],
)
def test_an_enum_field_accepts_its_string_value(
    model: type[BaseModel], field: str, value: Any, member: Any
) -> None:
    instance = model(**{**MINIMAL[model], field: value})
    assert getattr(instance, field) is member


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Interview, "format", "focus group"),
        (Interview, "format", "FOCUS_GROUP"),
        (Interview, "mode", "carrier pigeon"),
        (Facilitator, "role", "observer"),
    ],
)
def test_an_enum_field_refuses_other_strings(
    model: type[BaseModel], field: str, value: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**{**MINIMAL[model], field: value})
    error = only_error(exc)
    assert (error["type"], error["loc"], error["input"]) == ("enum", (field,), value)


def test_a_builtin_group_member_serves_as_a_group_id() -> None:
    group = StakeholderGroupDefinition(id=StakeholderGroup.USER_ORGANIZATION, label="User orgs")
    assert group.id == "user_organization"


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Memo, "about", ["quote:a", "code:b"]),
        (Interview, "participants", ["psw-1", "psw-2"]),
        (GroupAttribution, "groups", ["official", "user_organization"]),
        (Participant, "aliases", ["PSW 1", "Peer support worker 1"]),
        (Study, "authors", ["Patrik Engdahl", "Ulrika Bejerholm"]),
        (Study, "themes", [{"id": "t", "label": "A theme"}]),
    ],
)
def test_a_list_is_accepted_and_stored_as_a_tuple(
    model: type[BaseModel], field: str, value: list[Any]
) -> None:
    stored = getattr(model(**{**MINIMAL[model], field: value}), field)
    assert isinstance(stored, tuple)
    assert len(stored) == len(value)


@pytest.mark.parametrize("value", ["abc", {"a", "b"}, {"a": 1}])
def test_a_sequence_field_refuses_what_is_not_a_list_or_tuple(value: Any) -> None:
    with pytest.raises(ValidationError) as exc:
        Quote(**MINIMAL[Quote], notes=value)
    assert exc.value.errors()[0]["loc"][0] == "notes"


@pytest.mark.parametrize(
    ("model", "field", "value"),
    [
        (Study, "id", "Engdahl 2025"),
        (Study, "id", "engdahl2025-"),
        (Study, "id", ""),
        (Participant, "group", "Peer support worker"),
        (Quote, "id", "q1\n"),
        (Code, "color", "#FFAA00"),
        (Study, "received", "2024-13"),
        (Study, "received", "2024-07-02\n"),
        (Quote, "text", ""),
    ],
)
def test_malformed_strings_are_refused(model: type[BaseModel], field: str, value: str) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**{**MINIMAL[model], field: value})
    assert only_error(exc)["loc"] == (field,)


# --- codings, memos, GUIDs, times (schema 1.1) -----------------------------------------


@pytest.mark.parametrize("field", pl.CODING_TARGETS)
def test_a_coding_applies_any_one_element_of_the_framework(field: str) -> None:
    coding = Coding(quote="q", **{field: "x"})
    assert coding.target == (field, "x")
    assert (coding.coder, coding.when, coding.guid) == (None, None, None)


@pytest.mark.parametrize(
    ("targets", "count"),
    [({}, 0), ({"code": "c", "subtheme": "s"}, 2), ({"candidate_theme": "ct", "theme": "t"}, 2)],
    ids=["none", "code-and-subtheme", "candidate-and-theme"],
)
def test_a_coding_must_apply_exactly_one_element(targets: dict[str, str], count: int) -> None:
    with pytest.raises(ValidationError) as exc:
        Coding(quote="q", **targets)
    error = only_error(exc)
    assert (error["type"], error["loc"]) == ("coding_target", ())
    assert f"this one names {count}" in error["msg"]


def test_a_papers_placement_is_a_subtheme_coding_with_no_coder() -> None:
    placement = Coding(quote="q", subtheme="mitigating-peer-drifting")
    assert placement.target == ("subtheme", "mitigating-peer-drifting")
    assert placement.coder is None


@pytest.mark.parametrize(
    "model", [m for m in MODELS if "guid" in m.model_fields], ids=lambda m: m.__name__
)
def test_a_guid_is_kept_in_canonical_form(model: type[BaseModel]) -> None:
    guid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    assert model(**MINIMAL[model], guid=guid).guid == guid
    for other in (guid.upper(), "{" + guid + "}", guid.replace("-", ""), "not-a-guid"):
        with pytest.raises(ValidationError) as exc:
            model(**MINIMAL[model], guid=other)
        error = only_error(exc)
        assert (error["type"], error["loc"]) == ("string_pattern_mismatch", ("guid",))


def test_the_objects_a_qda_project_names_keep_a_guid() -> None:
    keep = {model.__name__ for model in MODELS if "guid" in model.model_fields}
    assert keep == {
        "CandidateTheme",
        "Code",
        "Coder",
        "Coding",
        "Interview",
        "Memo",
        "OverarchingTheme",
        "Participant",
        "Quote",
        "Source",
        "SubTheme",
        "Theme",
    }


@pytest.mark.parametrize("model", [Coding, Memo], ids=lambda m: m.__name__)
def test_a_time_is_read_from_iso_8601_text_or_taken_as_a_datetime(model: type[BaseModel]) -> None:
    moment = dt.datetime(2024, 3, 1, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert model(**MINIMAL[model], when="2024-03-01T10:30:00+01:00").when == moment
    assert model(**MINIMAL[model], when=moment).when is moment
    naive = model(**MINIMAL[model], when="2024-03-01T10:30:00").when
    assert naive.tzinfo is None


@pytest.mark.parametrize(
    ("value", "error_type"),
    [("yesterday", "value_error"), (1_700_000_000, "datetime_type")],
    ids=["words", "unix-seconds"],
)
def test_a_time_refuses_what_is_not_an_iso_8601_moment(value: Any, error_type: str) -> None:
    with pytest.raises(ValidationError) as exc:
        Coding(**MINIMAL[Coding], when=value)
    error = only_error(exc)
    assert (error["type"], error["loc"]) == (error_type, ("when",))


def test_a_memo_names_what_it_is_about_by_namespaced_id() -> None:
    memo = Memo(**MINIMAL[Memo], about=["quote:q1", "subtheme:s"], author="pe")
    assert memo.about == ("quote:q1", "subtheme:s")
    assert Memo(**MINIMAL[Memo]).about == ()  # about the study as a whole
    with pytest.raises(ValidationError) as exc:
        Memo(**MINIMAL[Memo], about=["q1"])
    error = only_error(exc)
    assert (error["type"], error["loc"]) == ("string_pattern_mismatch", ("about", 0))


def test_a_memo_may_have_a_title_only() -> None:
    assert Memo(id="m", text="", label="Open questions").text == ""


def test_an_interview_format_may_be_unknown() -> None:
    assert Interview(**MINIMAL[Interview]).format is None


def test_a_code_may_sit_directly_under_a_theme() -> None:
    assert Code(**MINIMAL[Code], theme="t").theme == "t"


# --- immutability -----------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_model_cannot_be_changed_after_validation(model: type[BaseModel]) -> None:
    instance = model(**MINIMAL[model])
    field = next(iter(model.model_fields))
    with pytest.raises(ValidationError) as exc:
        setattr(instance, field, getattr(instance, field))
    assert only_error(exc)["type"] == "frozen_instance"


def test_a_studys_collections_cannot_be_changed(engdahl: Study) -> None:
    assert isinstance(engdahl.quotes, tuple)
    assert isinstance(engdahl.codings, tuple)
    assert isinstance(engdahl.quotes[0].notes, tuple)
    with pytest.raises(AttributeError):
        engdahl.quotes.append(engdahl.quotes[0])  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        engdahl.codings.append(engdahl.codings[0])  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("value", "field"),
    [(Span(1, 2), "start"), (NumericSummary(2, 1, 3), "mean"), (Period("2023", "2024"), "end")],
)
def test_a_value_cannot_be_changed(value: object, field: str) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, field, getattr(value, field))


# --- small values -----------------------------------------------------------------------


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_a_span_exists_exactly_when_start_is_not_after_end(start: int, end: int) -> None:
    if start <= end:
        span = Span(start, end)
        assert len(span) == end - start
        assert span.slice("x" * 10_000) == "x" * (end - start)
    else:
        with pytest.raises(ValueError, match=rf"end \({end}\) is before start \({start}\)"):
            Span(start, end)


def test_an_empty_span_is_allowed() -> None:
    assert len(Span(4, 4)) == 0


def test_a_span_slices_code_points_not_bytes() -> None:
    assert Span(7, 9).slice("Stöd 🌱 ✨ ok") == "✨ "


@pytest.mark.parametrize(
    ("start", "end", "error", "message"),
    [
        (-1, 2, ValueError, "start must be >= 0, got -1"),
        (0, -3, ValueError, "end must be >= 0, got -3"),
        ("1", 2, TypeError, "start must be an int, got '1'"),
        (0, True, TypeError, "end must be an int, got True"),
        (0, 2.0, TypeError, "end must be an int, got 2.0"),
    ],
)
def test_a_bad_span_end_is_named_with_its_value(
    start: Any, end: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{message}$"):
        Span(start, end)


@given(st.lists(st.floats(-1e9, 1e9) | st.integers(-(10**9), 10**9), min_size=3, max_size=3))
def test_a_numeric_summary_exists_exactly_when_its_mean_lies_in_its_range(
    values: list[float],
) -> None:
    mean, minimum, maximum = values
    if minimum <= mean <= maximum:
        assert NumericSummary(mean, minimum, maximum).mean == mean
    else:
        with pytest.raises(ValueError, match="NumericSummary"):
            NumericSummary(mean, minimum, maximum)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"mean": 70, "minimum": 28, "maximum": 58},
            ValueError,
            "mean 70 lies outside its range [28, 58]",
        ),
        ({"mean": 5, "minimum": 8, "maximum": 2}, ValueError, "maximum 2 is below minimum 8"),
        (
            {"mean": "41,8", "minimum": 28, "maximum": 58},
            TypeError,
            "mean must be a number, got '41,8'",
        ),
        (
            {"mean": 1, "minimum": False, "maximum": 2},
            TypeError,
            "minimum must be a number, got False",
        ),
    ],
)
def test_a_bad_numeric_summary_is_named_with_its_values(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as exc:
        NumericSummary(**kwargs)
    assert message in str(exc.value)


def test_a_numeric_summary_may_sit_on_its_bounds() -> None:
    assert NumericSummary(mean=3, minimum=3, maximum=3) == NumericSummary(3, 3, 3)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2023-06", "2023-12"),
        ("2023", "2023-12"),
        ("2023-06", "2023"),
        ("2023-06-30", "2023-07"),
        ("2023-06-15", "2023-06-15"),
    ],
)
def test_a_period_compares_its_ends_on_their_common_precision(start: str, end: str) -> None:
    assert Period(start, end).end == end


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2023-12", "2023-06", "Period end '2023-06' is before start '2023-12'"),
        ("2024", "2023-12", "Period end '2023-12' is before start '2024'"),
        ("2023-13", "2024", "start must be YYYY, YYYY-MM or YYYY-MM-DD, got '2023-13'"),
        ("2023", "June 2024", "end must be YYYY, YYYY-MM or YYYY-MM-DD, got 'June 2024'"),
        ("2023\n", "2024", r"start must be YYYY, YYYY-MM or YYYY-MM-DD, got '2023\n'"),
        ("2023", 2024, "end must be YYYY, YYYY-MM or YYYY-MM-DD, got 2024"),
    ],
)
def test_a_bad_period_is_named_with_its_values(start: Any, end: Any, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as exc:
        Period(start, end)
    assert str(exc.value) == message


@pytest.mark.parametrize(
    ("make", "other"),
    [
        (lambda: Span(3, 8), Span(3, 9)),
        (lambda: NumericSummary(41.8, 28, 58), NumericSummary(41.8, 28, 59)),
        (lambda: Period("2023-06", "2023-12"), Period("2023-06", "2023-11")),
    ],
)
def test_equal_values_are_interchangeable_as_keys(make: Any, other: object) -> None:
    first, second = make(), make()
    assert first is not second
    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second, other}) == 2
    assert {first: "found"}[second] == "found"


def test_a_value_instance_passes_through_a_model_unchanged() -> None:
    span = Span(0, 4)
    assert Quote(**MINIMAL[Quote], source="src", span=span).span is span


def test_a_value_is_also_built_from_its_mapping() -> None:
    quote = Quote(**MINIMAL[Quote], source="src", span={"start": 0, "end": 4})
    assert quote.span == Span(0, 4)


@pytest.mark.parametrize(
    ("model", "field", "value", "message"),
    [
        (Quote, "span", {"start": 5, "end": 3}, "Span end (3) is before start (5)"),
        (
            GroupDemographics,
            "age",
            {"mean": 70, "minimum": 28, "maximum": 58},
            "NumericSummary mean 70 lies outside its range [28, 58]",
        ),
        (
            Study,
            "data_collection",
            {"start": "2023-12", "end": "2023-06"},
            "Period end '2023-06' is before start '2023-12'",
        ),
    ],
)
def test_a_bad_value_inside_a_model_is_reported_at_its_field(
    model: type[BaseModel], field: str, value: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as exc:
        model(**{**MINIMAL[model], field: value})
    error = only_error(exc)
    assert (error["type"], error["loc"], error["input"]) == ("value_error", (field,), value)
    assert message in error["msg"]


def test_a_value_mapping_with_an_unknown_key_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        Quote(**MINIMAL[Quote], source="src", span={"start": 0, "end": 1, "length": 1})
    error = only_error(exc)
    assert (error["type"], error["loc"]) == ("extra_forbidden", ("span", "length"))


@pytest.mark.parametrize(
    "build",
    [
        lambda: Participant(**MINIMAL[Participant], years_in_role=math.inf),
        lambda: Participant(**MINIMAL[Participant], attributes={"score": math.nan}),
        lambda: NumericSummary(mean=0, minimum=-math.inf, maximum=math.inf),
    ],
    ids=["years_in_role", "attributes", "NumericSummary"],
)
def test_a_number_json_cannot_carry_is_refused(build: Any) -> None:
    with pytest.raises(ValueError, match=r"(?i)inf|nan|finite"):
        build()


# --- documentation in the schema --------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_carries_its_docstring_as_description(model: type[BaseModel]) -> None:
    properties = model.model_json_schema()["properties"] if model.model_fields else {}
    for name, field in model.model_fields.items():
        assert field.description, f"{model.__name__}.{name} has no docstring"
        assert properties[name]["description"] == field.description


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_a_models_schema_description_is_its_summary_only(model: type[BaseModel]) -> None:
    description = model.model_json_schema()["description"]
    assert description
    assert "\n" not in description
    assert ">>>" not in description
    assert "Examples" not in description


def test_a_participant_label_is_documented_as_pseudonymous() -> None:
    schema = Participant.model_json_schema()
    assert "pseudonymous" in schema["properties"]["label"]["description"]


def test_study_validate_judges_the_analysis_rather_than_reaching_pydantics_classmethod() -> None:
    import peerlandscape as pl

    study = pl.datasets.engdahl2025()
    report = study.validate()
    assert report == pl.validate(study)
    assert study.validate(rules="orphan-code").rules == ("orphan-code",)
