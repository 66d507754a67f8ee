"""Validation of an analysis: every rule, its thresholds, the report, and the docs table."""

from __future__ import annotations

import doctest
import random
import re
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape._exceptions import (
    AnalysisValidationError,
    PeerLandscapeError,
    UnknownRuleError,
)
from peerlandscape.validation import (
    RULES,
    Finding,
    RuleGroup,
    Severity,
    ValidationOptions,
    ValidationReport,
    validate,
)
from peerlandscape.validation._registry import rule
from peerlandscape.validation._report import LocationKind
from strategies import FAST, studies
from validation_factories import (
    Data,
    Fault,
    build,
    by_id,
    clean_study_data,
    place,
    placements_of,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "validation.md"

Pairs = set[tuple[str, str]]


def pairs(report: ValidationReport) -> Pairs:
    return {(f.code, f.location) for f in report.findings}


# --- one fault per rule -------------------------------------------------------------------


def add_theme_with_one_subtheme(d: Data) -> None:
    d["themes"].append({"id": "t-c", "label": "Theme C"})
    d["subthemes"].append({"id": "s-c1", "label": "Sub-theme C1", "theme": "t-c"})
    place(d, "q1", "s-c1")
    place(d, "q2", "s-c1")


def add_undeveloped_candidate_theme(d: Data) -> None:
    d["candidate_themes"].append({"id": "ct-dropped", "label": "A dropped idea"})


def add_applied_code_under_nothing(d: Data) -> None:
    d["codes"].append({"id": "k-loose", "label": "Loose"})
    d["codings"].append({"quote": "q1", "code": "k-loose", "coder": "c1"})


def add_unused_code(d: Data) -> None:
    d["codes"].append({"id": "k-unused", "label": "Unused", "subtheme": "s-a1"})


def add_empty_subtheme(d: Data) -> None:
    d["subthemes"].append({"id": "s-a3", "label": "Sub-theme A3", "theme": "t-a"})


def add_theme_with_empty_subthemes(d: Data) -> None:
    d["themes"].append({"id": "t-c", "label": "Theme C"})
    d["subthemes"].append({"id": "s-c1", "label": "Sub-theme C1", "theme": "t-c"})
    d["subthemes"].append({"id": "s-c2", "label": "Sub-theme C2", "theme": "t-c"})


def add_unlinked_quote(d: Data) -> None:
    d["quotes"].append(
        {"id": "q8", "text": "An aside.", "participant": "psw-1", "interview": "fg-1"}
    )


def move_span_past_the_end(d: Data) -> None:
    text = by_id(d["sources"], "t-fg-1")["text"]
    quote = by_id(d["quotes"], "q1")
    quote["span"] = {"start": quote["span"]["start"], "end": len(text) + 5}


def change_quote_text(d: Data) -> None:
    by_id(d["quotes"], "q1")["text"] = "Peer support gives people fear."


def drop_source_text(d: Data) -> None:
    by_id(d["sources"], "t-off-2")["text"] = None


def name_another_interview_than_the_transcript(d: Data) -> None:
    d["interviews"].append(
        {
            "id": "int-off-1b",
            "label": "Second interview with official 1",
            "format": "individual",
            "stakeholder_group": "official",
            "participants": ["off-1"],
        }
    )
    by_id(d["quotes"], "q2")["interview"] = "int-off-1b"


def quote_a_speaker_from_another_interview(d: Data) -> None:
    quote = by_id(d["quotes"], "q2")
    quote.update(interview="int-off-2", source=None, span=None)


def put_an_official_in_the_focus_group(d: Data) -> None:
    by_id(d["interviews"], "fg-1")["participants"].append("off-2")
    by_id(d["quotes"], "q4").update(interview="fg-1", source=None, span=None)


def leave_one_voice_in_a_subtheme(d: Data) -> None:
    [placement] = placements_of(d, "q2")
    placement["subtheme"] = "s-a2"


def attribute_a_subtheme_to_a_silent_group(d: Data) -> None:
    d["groups"].append({"id": "uo", "label": "User organizations"})
    d["attributions"].append(
        {"subtheme": "s-a2", "groups": ["uo"], "evidence": "User organizations raised it."}
    )


def add_a_participant_never_quoted(d: Data) -> None:
    d["participants"].append({"id": "psw-3", "label": "PSW 3", "group": "psw"})
    psw = by_id(d["groups"], "psw")
    psw["declared_size"] = 3
    psw["demographics"]["sex"] = {"female": 2, "male": 1}


def forget_who_took_part(d: Data) -> None:
    by_id(d["interviews"], "fg-1")["participants"] = None


def declare_a_wrong_group_size(d: Data) -> None:
    by_id(d["groups"], "official")["declared_size"] = 3


def miscount_the_demographics(d: Data) -> None:
    by_id(d["groups"], "psw")["demographics"]["sex"] = {"female": 1, "male": 2}


def reuse_a_label(d: Data) -> None:
    by_id(d["subthemes"], "s-b2")["label"] = "  sub-theme   a1 "


def enter_a_quote_twice(d: Data) -> None:
    d["quotes"].append(
        {
            "id": "q8",
            "text": "peer support gives\n people  hope.",
            "participant": "psw-1",
        }
    )
    place(d, "q8", "s-a1")


# Each case: the fault, and every finding it draws. Most draw exactly their own finding; where
# a fault makes a second rule true as well, that consequence is listed and explained.
FAULTS: list[tuple[str, Fault, Pairs]] = [
    (
        "theme-too-few-subthemes",
        add_theme_with_one_subtheme,
        {("theme-too-few-subthemes", "theme:t-c")},
    ),
    (
        "candidate-theme-not-developed",
        add_undeveloped_candidate_theme,
        {("candidate-theme-not-developed", "candidate_theme:ct-dropped")},
    ),
    ("orphan-code", add_applied_code_under_nothing, {("orphan-code", "code:k-loose")}),
    ("code-never-applied", add_unused_code, {("code-never-applied", "code:k-unused")}),
    ("subtheme-without-data", add_empty_subtheme, {("subtheme-without-data", "subtheme:s-a3")}),
    (
        "theme-without-quotes",
        add_theme_with_empty_subthemes,
        # A theme has no quotes exactly when none of its sub-themes has any.
        {
            ("theme-without-quotes", "theme:t-c"),
            ("subtheme-without-data", "subtheme:s-c1"),
            ("subtheme-without-data", "subtheme:s-c2"),
        },
    ),
    ("quote-unlinked", add_unlinked_quote, {("quote-unlinked", "quote:q8")}),
    ("span-outside-source", move_span_past_the_end, {("span-outside-source", "quote:q1")}),
    ("quote-text-mismatch", change_quote_text, {("quote-text-mismatch", "quote:q1")}),
    ("source-without-text", drop_source_text, {("source-without-text", "source:t-off-2")}),
    (
        "quote-interview-differs-from-source",
        name_another_interview_than_the_transcript,
        {("quote-interview-differs-from-source", "quote:q2")},
    ),
    (
        "speaker-not-in-interview",
        quote_a_speaker_from_another_interview,
        {("speaker-not-in-interview", "quote:q2")},
    ),
    (
        "speaker-outside-interview-group",
        put_an_official_in_the_focus_group,
        {("speaker-outside-interview-group", "quote:q4")},
    ),
    (
        "subtheme-few-participants",
        leave_one_voice_in_a_subtheme,
        {("subtheme-few-participants", "subtheme:s-a1")},
    ),
    (
        "attribution-group-without-quote",
        attribute_a_subtheme_to_a_silent_group,
        {("attribution-group-without-quote", "subtheme:s-a2")},
    ),
    (
        "participant-without-quotes",
        add_a_participant_never_quoted,
        {("participant-without-quotes", "participant:psw-3")},
    ),
    (
        "interview-without-participants",
        forget_who_took_part,
        {("interview-without-participants", "interview:fg-1")},
    ),
    (
        "declared-size-mismatch",
        declare_a_wrong_group_size,
        {("declared-size-mismatch", "group:official")},
    ),
    (
        "demographics-sum-mismatch",
        miscount_the_demographics,
        {("demographics-sum-mismatch", "group:psw")},
    ),
    ("duplicate-label", reuse_a_label, {("duplicate-label", "subtheme:s-b2")}),
    ("duplicate-quote", enter_a_quote_twice, {("duplicate-quote", "quote:q8")}),
]


def faulty(fault: Fault) -> pl.Study:
    data = clean_study_data()
    fault(data)
    return build(data)


def test_a_clean_study_draws_no_finding() -> None:
    report = validate(build(clean_study_data()))
    assert report.findings == ()
    assert report.valid
    assert report.rules == tuple(RULES)


def test_every_rule_has_a_single_fault_case() -> None:
    assert sorted(code for code, _, _ in FAULTS) == sorted(RULES)


@pytest.mark.parametrize(("code", "fault", "expected"), FAULTS, ids=[c for c, _, _ in FAULTS])
def test_a_single_fault_draws_its_finding_at_its_location(
    code: str, fault: Fault, expected: Pairs
) -> None:
    report = validate(faulty(fault))
    assert pairs(report) == expected
    own = [f for f in report.findings if f.code == code]
    assert len(own) == 1
    assert own[0].severity is RULES[code].severity
    # The message names the object it is about.
    assert own[0].location.split(":", 1)[1] in own[0].message


@pytest.mark.parametrize(("code", "fault", "expected"), FAULTS, ids=[c for c, _, _ in FAULTS])
def test_a_rule_run_alone_finds_its_fault(code: str, fault: Fault, expected: Pairs) -> None:
    report = validate(faulty(fault), rules=[code])
    assert pairs(report) == {pair for pair in expected if pair[0] == code}
    assert report.rules == (code,)


def test_errors_make_the_report_invalid_and_warnings_do_not() -> None:
    for code, fault, _ in FAULTS:
        report = validate(faulty(fault))
        assert report.valid is (RULES[code].severity is not Severity.ERROR), code


def test_duplicate_quotes_are_told_apart_from_quotes_that_only_open_alike() -> None:
    data = clean_study_data()
    opening = "One two three four five six seven eight nine"
    for quote_id, text in [
        ("q8", f"{opening} ten."),
        ("q9", f"{opening} eleven."),
        ("q10", f"{opening.upper()}   eleven."),
        ("q11", f"{opening} ten"),
    ]:
        data["quotes"].append({"id": quote_id, "text": text, "participant": "psw-1"})
        place(data, quote_id, "s-a1")
    findings = validate(build(data), rules="duplicate-quote").findings
    assert [(f.location, f.details["first"]) for f in findings] == [("quote:q10", "q9")]


# --- what links a quote to the framework (schema 1.1) --------------------------------------


@pytest.mark.parametrize(
    "coding",
    [
        {"code": "k-salary", "coder": "c1"},
        {"candidate_theme": "ct-role"},
        {"subtheme": "s-a1"},
        {"theme": "t-a", "coder": "c1", "when": "2024-03-01T10:00:00+01:00"},
    ],
    ids=["code", "candidate-theme", "subtheme-placement", "theme"],
)
def test_a_coding_of_any_element_links_a_quote(coding: Data) -> None:
    data = clean_study_data()
    add_unlinked_quote(data)
    data["codings"].append({"quote": "q8", **coding})
    assert "quote-unlinked" not in {f.code for f in validate(build(data)).findings}


def test_a_quote_whose_only_coding_reaches_nothing_is_still_linked() -> None:
    # "Unlinked" means no coding at all; where the applied code leads is orphan-code's concern.
    data = clean_study_data()
    add_unlinked_quote(data)
    data["codes"].append({"id": "k-loose", "label": "Loose"})
    data["codings"].append({"quote": "q8", "code": "k-loose"})
    assert pairs(validate(build(data))) == {("orphan-code", "code:k-loose")}


def test_a_theme_coded_directly_has_quotes_though_its_subthemes_have_none() -> None:
    data = clean_study_data()
    add_theme_with_empty_subthemes(data)
    data["codings"].append({"quote": "q1", "theme": "t-c", "coder": "c1"})
    assert pairs(validate(build(data))) == {
        ("subtheme-without-data", "subtheme:s-c1"),
        ("subtheme-without-data", "subtheme:s-c2"),
    }


def test_a_code_directly_under_a_theme_brings_its_quotes_to_the_theme() -> None:
    data = clean_study_data()
    add_theme_with_empty_subthemes(data)
    data["codes"].append({"id": "k-broad", "label": "Broad", "theme": "t-c"})
    data["codings"].append({"quote": "q1", "code": "k-broad", "coder": "c1"})
    drawn = pairs(validate(build(data)))
    assert ("theme-without-quotes", "theme:t-c") not in drawn
    assert {
        ("subtheme-without-data", "subtheme:s-c1"),
        ("subtheme-without-data", "subtheme:s-c2"),
    } <= drawn


def test_a_code_directly_under_a_theme_is_not_an_orphan() -> None:
    data = clean_study_data()
    add_theme_with_empty_subthemes(data)
    data["codes"].append({"id": "k-broad", "label": "Broad", "theme": "t-c"})
    data["codings"].append({"quote": "q1", "code": "k-broad", "coder": "c1"})
    assert ("orphan-code", "code:k-broad") not in pairs(validate(build(data)))


def test_a_candidate_theme_coding_reaches_the_subtheme_it_was_developed_into() -> None:
    data = clean_study_data()
    add_empty_subtheme(data)
    data["candidate_themes"].append({"id": "ct-new", "label": "New", "subtheme": "s-a3"})
    data["codings"].append({"quote": "q1", "candidate_theme": "ct-new"})
    data["codings"].append({"quote": "q2", "candidate_theme": "ct-new", "coder": "c1"})
    assert validate(build(data)).findings == ()


def test_placements_and_coded_codings_count_alike_towards_a_subtheme() -> None:
    # s-a1 rests on placements (q1, q2); q3 reaches s-a2 through a coder's code. Placing q3
    # under s-a1 as well adds its speaker there, as any coding would.
    data = clean_study_data()
    place(data, "q3", "s-a1")
    assert validate(build(data)).findings == ()
    assert build(data).index.subtheme_participants["s-a1"] == {"psw-1", "psw-2", "off-1"}


# --- thresholds and options ---------------------------------------------------------------


def test_min_participants_per_subtheme_is_honoured() -> None:
    clean = build(clean_study_data())
    strict = validate(clean, options=ValidationOptions(min_participants_per_subtheme=3))
    assert pairs(strict) == {
        ("subtheme-few-participants", f"subtheme:{s}") for s in ("s-a1", "s-a2", "s-b1", "s-b2")
    }
    assert strict.warnings[0].details["minimum"] == 3
    one_voice = faulty(leave_one_voice_in_a_subtheme)
    lenient = ValidationOptions(min_participants_per_subtheme=1)
    assert validate(one_voice, options=lenient).findings == ()


def test_min_subthemes_per_theme_is_honoured() -> None:
    clean = build(clean_study_data())
    strict = validate(clean, options=ValidationOptions(min_subthemes_per_theme=3))
    assert pairs(strict) == {("theme-too-few-subthemes", f"theme:{t}") for t in ("t-a", "t-b")}
    thin = faulty(add_theme_with_one_subtheme)
    assert validate(thin, options=ValidationOptions(min_subthemes_per_theme=1)).findings == ()


def test_whitespace_folding_in_quote_matching_is_an_option() -> None:
    data = clean_study_data()
    by_id(data["quotes"], "q1")["text"] = "Peer support  gives\npeople hope."
    study = build(data)
    assert validate(study).findings == ()
    exact = validate(study, options=ValidationOptions(fold_whitespace_in_quote_match=False))
    assert pairs(exact) == {("quote-text-mismatch", "quote:q1")}


def test_severity_overrides_change_the_severity_and_the_verdict() -> None:
    study = faulty(forget_who_took_part)
    assert validate(study).valid
    options = ValidationOptions(severities={"interview-without-participants": "error"})
    report = validate(study, options=options)
    assert not report.valid
    assert [f.severity for f in report.findings] == [Severity.ERROR]


def test_a_severity_override_for_an_unknown_rule_is_refused() -> None:
    options = ValidationOptions(severities={"no-such-rule": "info"})
    with pytest.raises(UnknownRuleError, match="no-such-rule"):
        validate(build(clean_study_data()), options=options)


def test_options_refuse_negative_thresholds_and_are_keyword_only() -> None:
    with pytest.raises(ValueError, match="min_participants_per_subtheme"):
        ValidationOptions(min_participants_per_subtheme=-1)
    with pytest.raises(TypeError):
        ValidationOptions(3)  # type: ignore[call-arg]


# --- selection ----------------------------------------------------------------------------


def test_rules_and_groups_select_what_runs() -> None:
    data = clean_study_data()
    add_applied_code_under_nothing(data)
    add_unused_code(data)
    forget_who_took_part(data)
    study = build(data)
    assert pairs(validate(study, rules=["orphan-code"])) == {("orphan-code", "code:k-loose")}
    assert pairs(validate(study, rules="orphan-code")) == {("orphan-code", "code:k-loose")}
    coverage = validate(study, groups=["coverage"])
    assert set(coverage.rules) == {c for c, r in RULES.items() if r.group is RuleGroup.COVERAGE}
    assert pairs(coverage) == {
        ("orphan-code", "code:k-loose"),
        ("code-never-applied", "code:k-unused"),
    }
    both = validate(study, rules=["orphan-code"], groups=["attribution"])
    assert pairs(both) == {
        ("orphan-code", "code:k-loose"),
        ("interview-without-participants", "interview:fg-1"),
    }


@pytest.mark.parametrize(
    ("selection", "name"),
    [
        ({"rules": ["orphan-code", "orphan-codes"]}, "orphan-codes"),
        ({"groups": ["coverge"]}, "coverge"),
    ],
)
def test_an_unknown_rule_or_group_is_refused_by_name(
    selection: dict[str, list[str]], name: str
) -> None:
    with pytest.raises(UnknownRuleError, match=name) as caught:
        validate(build(clean_study_data()), **selection)  # type: ignore[arg-type]
    assert caught.value.name == name
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, PeerLandscapeError)


# --- the report ---------------------------------------------------------------------------


def test_raise_for_errors_raises_with_the_report() -> None:
    report = validate(faulty(move_span_past_the_end))
    with pytest.raises(AnalysisValidationError, match="quote:q1") as caught:
        report.raise_for_errors()
    assert caught.value.report is report
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, PeerLandscapeError)
    assert pl.validation.AnalysisValidationError is AnalysisValidationError


def test_raise_for_errors_passes_warnings_and_returns_the_report() -> None:
    report = validate(faulty(add_unused_code))
    assert report.raise_for_errors() is report


def test_findings_are_sorted_the_same_whatever_their_order() -> None:
    findings = list(validate(pl.datasets.engdahl2025()).findings)
    shuffled = findings[:]
    random.Random(1).shuffle(shuffled)
    assert ValidationReport(shuffled).findings == tuple(findings)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=list(Severity).index)
    locations = [f.location for f in findings if f.code == "participant-without-quotes"]
    assert locations.index("participant:psw-2") < locations.index("participant:psw-10")


def test_the_report_flattens_to_records_and_text() -> None:
    report = validate(faulty(move_span_past_the_end))
    assert report.to_records() == [
        {
            "code": "span-outside-source",
            "severity": "error",
            "location": "quote:q1",
            "message": report.errors[0].message,
        }
    ]
    assert report.summary() == "invalid: 1 error, 0 warnings, 0 infos from 21 rules"
    text = str(report).splitlines()
    assert text[0] == report.summary()
    assert text[1].split()[:3] == ["error", "span-outside-source", "quote:q1"]
    assert (report.errors, report.warnings, report.infos) == (report.findings, (), ())


def test_the_html_table_escapes_user_text() -> None:
    finding = Finding("duplicate-label", "warning", "theme:t", "label '<b>x</b>' & more")
    page = ValidationReport([finding])._repr_html_()
    assert "&lt;b&gt;x&lt;/b&gt;&#x27; &amp; more" in page
    assert "<b>" not in page
    assert page.count("<tr>") == 2


def test_findings_are_immutable_values() -> None:
    finding = Finding("orphan-code", "warning", "code:k", "code 'k' ...", {"a": 1})
    assert finding == Finding("orphan-code", Severity.WARNING, "code:k", "code 'k' ...", {"a": 1})
    assert hash(finding) == hash(Finding("orphan-code", "warning", "code:k", "code 'k' ..."))
    with pytest.raises(TypeError):
        finding.details["a"] = 2  # type: ignore[index]


@FAST
@given(studies())
def test_any_buildable_study_validates_to_a_well_formed_deterministic_report(
    study: pl.Study,
) -> None:
    report = validate(study)
    assert report == validate(study)
    assert report.findings == tuple(sorted(report.findings, key=Finding.sort_key))
    for finding in report.findings:
        assert finding.code in RULES
        kind, _, object_id = finding.location.partition(":")
        assert kind in get_args(LocationKind)
        assert object_id in finding.message
    assert len(report.to_records()) == len(report.findings)
    assert report.summary() in str(report)


# --- the registry -------------------------------------------------------------------------


def test_rules_are_read_only_and_fully_described() -> None:
    with pytest.raises(TypeError):
        RULES["x"] = RULES["orphan-code"]  # type: ignore[index]
    for code, registered in RULES.items():
        assert registered.code == code
        assert re.fullmatch(r"[a-z]+(?:-[a-z]+)*", code)
        assert isinstance(registered.group, RuleGroup)
        assert isinstance(registered.severity, Severity)
        assert registered.summary.endswith(".")
        assert "\n" not in registered.summary
    groups = [registered.group for registered in RULES.values()]
    assert groups == sorted(groups, key=list(RuleGroup).index)


def test_a_code_cannot_be_registered_twice() -> None:
    with pytest.raises(ValueError, match="already registered"):
        rule("orphan-code", group=RuleGroup.COVERAGE, severity=Severity.INFO, summary="Again.")


# --- the built-in study and the docs ------------------------------------------------------


def _docs_section(title: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def _table_rows(section: str) -> list[list[str]]:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("|") and not re.match(r"^\|\s*-", line)
    ]
    return rows[1:]  # the header


def test_the_builtin_study_has_no_errors_and_exactly_the_documented_findings() -> None:
    report = validate(pl.datasets.engdahl2025())
    assert report.valid
    assert report.errors == ()
    documented: set[tuple[str, str, str]] = set()
    rows = _table_rows(_docs_section("The built-in study's findings"))
    for severity, code, locations, *_ in rows:
        for found in re.findall(r"`([a-z_]+:[^`]+)`", locations):
            documented.add((severity, code.strip("`"), found))
    drawn = {(f.severity.value, f.code, f.location) for f in report.findings}
    assert drawn == documented


def test_every_rule_has_a_row_in_the_docs_and_the_docs_name_no_other_code() -> None:
    rows = _table_rows(_docs_section("Rules"))
    table = {row[0].strip("`"): (row[1], row[2]) for row in rows}
    assert set(table) == set(RULES)
    for code, (group, severity) in table.items():
        assert (group, severity) == (RULES[code].group.value, RULES[code].severity.value), code
    # Any hyphenated slug in backticks anywhere on the page must be a rule code.
    mentioned = set(re.findall(r"`\"?([a-z]+(?:-[a-z]+)+)\"?`", DOCS.read_text(encoding="utf-8")))
    assert mentioned - set(RULES) == set()


def test_the_docs_examples_run() -> None:
    flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
    result = doctest.testfile(str(DOCS), module_relative=False, optionflags=flags, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0
