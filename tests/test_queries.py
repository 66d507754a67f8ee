"""Specification of the queries: what they answer for the built-in study and for small ones.

Expected counts are computed here, independently, from ``pl.quote_records`` (the flat
view every table shares), never from the code under test.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape.queries import (
    code_cooccurrence,
    descendant_codes,
    prevalence,
    provenance,
    quotes_for,
    support_matrix,
    voicing,
)
from strategies import FAST, studies

UNITS = ("quotes", "participants", "interviews")
LEVELS = ("subtheme", "theme")

LONG_TERM = "implementing-a-robust-long-term-strategy"
PEER_DRIFTING = "mitigating-peer-drifting"
FINANCIAL = "ensuring-financial-sustainability-for-growth"
SCALING_UP = "scaling-up-peer-support"
PSW, OFFICIAL, USER_ORG = "peer_support_worker", "official", "user_organization"


def small_study(*, overarching: bool = True) -> pl.Study:
    """A study whose answers can be worked out by hand.

    Codes: ``a`` under candidate theme ``ct`` (-> ``s1``), ``a-child`` and ``a-grandchild``
    nested under it, ``b`` placed under ``s1`` directly, ``c`` an orphan, and ``d`` under a
    candidate theme that was never developed into a sub-theme. ``qe`` and ``qg`` are placed
    under sub-themes the way a paper places its quotes (sub-theme codings with no coder,
    after the codings of codes). ``s3`` has no quotes.
    """
    return pl.Study(
        id="small",
        title="Small",
        groups=[{"id": "g1", "label": "Group 1"}, {"id": "g2", "label": "Group 2"}],
        participants=[
            {"id": "p1", "label": "P1", "group": "g1"},
            {"id": "p2", "label": "P2", "group": "g2"},
        ],
        interviews=[
            {"id": "i1", "label": "I1", "format": "focus_group"},
            {"id": "i2", "label": "I2", "format": "individual"},
        ],
        quotes=[
            {"id": "qa", "text": "A", "participant": "p1", "interview": "i1"},
            {"id": "qb", "text": "B", "participant": "p2", "interview": "i2"},
            {"id": "qc", "text": "C", "participant": "p1", "interview": "i1"},
            {"id": "qd", "text": "D"},
            {"id": "qe", "text": "E", "participant": "p2", "interview": "i2"},
            {"id": "qf", "text": "F, linked to nothing", "participant": "p2"},
            {"id": "qg", "text": "G, speaker unknown", "interview": "i1"},
        ],
        coders=[{"id": "c1", "label": "Coder 1"}, {"id": "c2", "label": "Coder 2"}],
        codes=[
            {"id": "a", "label": "A", "candidate_theme": "ct"},
            {"id": "a-child", "label": "A child", "parent": "a"},
            {"id": "a-grandchild", "label": "A grandchild", "parent": "a-child"},
            {"id": "b", "label": "B", "subtheme": "s1"},
            {"id": "c", "label": "C"},
            {"id": "d", "label": "D", "candidate_theme": "ct-dead"},
        ],
        codings=[
            {"quote": "qa", "code": "a", "coder": "c1"},
            {"quote": "qa", "code": "a", "coder": "c2"},
            {"quote": "qa", "code": "b", "coder": "c1"},
            {"quote": "qb", "code": "a"},
            {"quote": "qb", "code": "c"},
            {"quote": "qc", "code": "c"},
            {"quote": "qd", "code": "a"},
            {"quote": "qd", "code": "c"},
            {"quote": "qc", "code": "a-grandchild"},
            {"quote": "qb", "code": "d"},
            {"quote": "qe", "subtheme": "s2"},
            {"quote": "qg", "subtheme": "s1"},
        ],
        candidate_themes=[
            {"id": "ct", "label": "Candidate", "subtheme": "s1"},
            {"id": "ct-dead", "label": "Dead end"},
        ],
        subthemes=[
            {"id": "s1", "label": "S1", "theme": "t1"},
            {"id": "s2", "label": "S2", "theme": "t2"},
            {"id": "s3", "label": "S3", "theme": "t2"},
        ],
        themes=[{"id": "t1", "label": "T1"}, {"id": "t2", "label": "T2"}],
        overarching_theme={"id": "o", "label": "O"} if overarching else None,
    )


@pytest.fixture(scope="module")
def small() -> pl.Study:
    return small_study()


@pytest.fixture(params=["built-in", "small"])
def any_study(request: pytest.FixtureRequest, engdahl: pl.Study, small: pl.Study) -> pl.Study:
    return engdahl if request.param == "built-in" else small


# --- independent answers from the flat records ----------------------------------------------


def expected_support(study: pl.Study, unit: str, level: str) -> dict[tuple[str | None, str], int]:
    units: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for record in pl.quote_records(study):
        # A theme coding (or a code directly under a theme) reaches the theme and no sub-theme.
        column = record["subtheme"] if level == "subtheme" else record["theme"]
        if column is None:
            continue
        key = {
            "quotes": record["quote_id"],
            "participants": record["participant_id"],
            "interviews": record["interview_id"],
        }[unit]
        if key is not None:
            units[(record["stakeholder_group"], column)].add(key)
    return {cell: len(keys) for cell, keys in units.items()}


def expected_prevalence(study: pl.Study, level: str) -> dict[str, tuple[int, int, int]]:
    keys = [t.id for t in study.themes] if level == "theme" else [s.id for s in study.subthemes]
    quotes: dict[str, set[str]] = {key: set() for key in keys}
    speakers: dict[str, set[str]] = {key: set() for key in keys}
    interviews: dict[str, set[str]] = {key: set() for key in keys}
    for record in pl.quote_records(study):
        key = record["theme"] if level == "theme" else record["subtheme"]
        if key is None:
            continue
        quotes[key].add(record["quote_id"])
        if record["participant_id"] is not None:
            speakers[key].add(record["participant_id"])
        if record["interview_id"] is not None:
            interviews[key].add(record["interview_id"])
    return {key: (len(quotes[key]), len(speakers[key]), len(interviews[key])) for key in keys}


def ids(quotes: list[pl.Quote]) -> list[str]:
    return [quote.id for quote in quotes]


def records_matching(study: pl.Study, **wanted: str) -> list[str]:
    """Quote ids (study order) with at least one record carrying each wanted value."""
    found: dict[str, set[tuple[str, Any]]] = defaultdict(set)
    for record in pl.quote_records(study):
        found[record["quote_id"]] |= set(record.items())
    return [
        q.id
        for q in study.quotes
        if all((key, value) in found[q.id] for key, value in wanted.items())
    ]


# --- what the paper says ----------------------------------------------------------------------


def test_long_term_strategy_is_stated_as_voiced_by_officials(engdahl: pl.Study) -> None:
    by_subtheme = {v.subtheme: v for v in voicing(engdahl)}
    long_term = by_subtheme[LONG_TERM]
    assert long_term.stated == {OFFICIAL}
    assert long_term.from_quotes == {OFFICIAL}
    assert long_term.agree
    assert any(
        "deemed necessary by managers, municipal, and county council officials" in sentence
        for sentence in long_term.evidence
    )


def test_long_term_strategy_quotes_come_from_one_official_only(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl)
    assert [g for g in matrix.groups if matrix.get(g, LONG_TERM)] == [OFFICIAL]
    assert matrix.get(OFFICIAL, LONG_TERM) == 1
    assert ids(quotes_for(engdahl, subtheme=LONG_TERM)) == ["official-3-creating-a-baby"]


def test_mitigating_peer_drifting_is_stated_for_psws_and_user_organizations(
    engdahl: pl.Study,
) -> None:
    drifting = {v.subtheme: v for v in voicing(engdahl)}[PEER_DRIFTING]
    assert drifting.stated == {PSW, USER_ORG}
    # The paper prints one quote, from a PSW: the user organizations are heard only in prose.
    assert drifting.from_quotes == {PSW}
    assert drifting.only_stated == {USER_ORG}
    assert drifting.only_in_quotes == frozenset()
    assert not drifting.agree


def test_confronting_the_biomedical_perspective_is_voiced_by_psws(engdahl: pl.Study) -> None:
    subtheme = "confronting-the-biomedical-perspective"
    assert {v.subtheme: v for v in voicing(engdahl)}[subtheme].from_quotes == {PSW}
    for unit in ("quotes", "participants"):
        assert support_matrix(engdahl, unit=unit).get(PSW, subtheme) == 2  # type: ignore[arg-type]


def test_voicing_covers_every_sub_theme_in_study_order(any_study: pl.Study) -> None:
    answers = voicing(any_study)
    assert [v.subtheme for v in answers] == [s.id for s in any_study.subthemes]
    heard: dict[str, set[str]] = defaultdict(set)
    for record in pl.quote_records(any_study):
        if record["subtheme"] and record["stakeholder_group"]:
            heard[record["subtheme"]].add(record["stakeholder_group"])
    assert {v.subtheme: set(v.from_quotes) for v in answers} == {
        s.id: heard[s.id] for s in any_study.subthemes
    }


def test_voicing_collects_every_statement_about_a_sub_theme(engdahl: pl.Study) -> None:
    authority = {v.subtheme: v for v in voicing(engdahl)}[
        "impacting-the-highest-levels-of-authority"
    ]
    assert authority.stated == {PSW, OFFICIAL, USER_ORG}
    assert len(authority.evidence) == 3


# --- quotes_for -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"subtheme": PEER_DRIFTING}, ["psw-12-continuous-training"]),
        (
            {"theme": SCALING_UP},
            [
                "psw-5-salary-raise",
                "official-7-icing-on-the-cake",
                "uo-rep-2-experienced-peer-supporters",
                "uo-rep-5-systemic-level",
                "table-1-extract",
            ],
        ),
        ({"code": "f2-lack-of-funding-generate-complexity"}, ["table-1-extract"]),
        (
            {"group": USER_ORG},
            [
                "uo-rep-2-experienced-peer-supporters",
                "uo-rep-5-systemic-level",
                "uo-rep-5-equals",
                "uo-rep-2-inpatient-care",
            ],
        ),
        ({"participant": "psw-1"}, ["psw-1-flexibility", "psw-1-inferiority-complex"]),
        ({"interview": "interview-uo-rep-5"}, ["uo-rep-5-systemic-level", "uo-rep-5-equals"]),
        ({"theme": SCALING_UP, "group": OFFICIAL}, ["official-7-icing-on-the-cake"]),
        ({"subtheme": LONG_TERM, "group": OFFICIAL}, ["official-3-creating-a-baby"]),
        ({"participant": "psw-1", "theme": "evolving-role-of-peer-support"}, ["psw-1-flexibility"]),
        ({"participant": "psw-1", "interview": "interview-official-3"}, []),
        ({"subtheme": PEER_DRIFTING, "group": USER_ORG}, []),
        (
            {"code": "f2-lack-of-funding-generate-complexity", "subtheme": FINANCIAL},
            ["table-1-extract"],
        ),
        ({"code": "f2-lack-of-funding-generate-complexity", "group": PSW}, []),
    ],
    ids=lambda value: "+".join(value) if isinstance(value, dict) else None,
)
def test_quotes_for_selects_the_quotes_the_paper_places_there(
    engdahl: pl.Study, filters: dict[str, str], expected: list[str]
) -> None:
    assert ids(quotes_for(engdahl, **filters)) == expected  # type: ignore[arg-type]


def test_quotes_for_returns_a_quote_linked_twice_once(engdahl: pl.Study) -> None:
    # The Table 1 extract is coded twice, both codes reaching the same sub-theme.
    found = ids(quotes_for(engdahl, subtheme=FINANCIAL))
    assert found.count("table-1-extract") == 1
    assert found == ["psw-5-salary-raise", "official-7-icing-on-the-cake", "table-1-extract"]


@pytest.mark.parametrize("level", ["subtheme", "theme"])
def test_quotes_for_agrees_with_the_records_for_every_part_of_the_framework(
    any_study: pl.Study, level: str
) -> None:
    parts = any_study.subthemes if level == "subtheme" else any_study.themes
    for part in parts:
        expected = records_matching(any_study, **{level: part.id})
        assert ids(quotes_for(any_study, **{level: part.id})) == expected, part.id  # type: ignore[arg-type]


def test_quotes_for_agrees_with_the_records_for_every_group_and_participant(
    engdahl: pl.Study,
) -> None:
    for group in engdahl.groups:
        expected = records_matching(engdahl, stakeholder_group=group.id)
        assert ids(quotes_for(engdahl, group=group.id)) == expected
    for participant in engdahl.participants:
        expected = records_matching(engdahl, participant_id=participant.id)
        assert ids(quotes_for(engdahl, participant=participant.id)) == expected


def test_quotes_for_without_filters_returns_every_quote(any_study: pl.Study) -> None:
    assert ids(quotes_for(any_study)) == [q.id for q in any_study.quotes]


def test_quotes_for_finds_a_quote_linked_to_nothing_by_its_speaker(small: pl.Study) -> None:
    assert ids(quotes_for(small, participant="p2")) == ["qb", "qe", "qf"]
    assert ids(quotes_for(small, group="g2")) == ["qb", "qe", "qf"]
    assert "qf" not in ids(quotes_for(small, participant="p2", theme="t1"))


def test_quotes_for_a_code_includes_its_nested_codes_unless_told_not_to(small: pl.Study) -> None:
    assert ids(quotes_for(small, code="a")) == ["qa", "qb", "qc", "qd"]
    assert ids(quotes_for(small, code="a", include_child_codes=False)) == ["qa", "qb", "qd"]
    assert ids(quotes_for(small, code="a-child")) == ["qc"]
    assert ids(quotes_for(small, code="a-child", include_child_codes=False)) == []


def test_descendant_codes_are_the_code_and_everything_nested_under_it(small: pl.Study) -> None:
    assert descendant_codes(small, "a") == {"a", "a-child", "a-grandchild"}
    assert descendant_codes(small, "a-grandchild") == {"a-grandchild"}


def test_quotes_for_combines_filters_on_the_whole_quote(small: pl.Study) -> None:
    # qb is coded with the orphan code c, and linked to s1 through code a.
    assert ids(quotes_for(small, code="c", subtheme="s1")) == ["qb", "qc", "qd"]
    assert ids(quotes_for(small, code="c", theme="t1", group="g1")) == ["qc"]
    assert ids(quotes_for(small, subtheme="s3")) == []
    assert ids(quotes_for(small, theme="t2")) == ["qe"]
    assert ids(quotes_for(small, interview="i1", subtheme="s1")) == ["qa", "qc", "qg"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("theme", "theme"),
        ("subtheme", "sub-theme"),
        ("code", "code"),
        ("group", "stakeholder group"),
        ("participant", "participant"),
        ("interview", "interview"),
    ],
)
def test_quotes_for_an_unknown_id_raises_key_error_naming_it(
    engdahl: pl.Study, name: str, kind: str
) -> None:
    with pytest.raises(KeyError, match=f"no {kind} with id 'no-such-id'"):
        quotes_for(engdahl, **{name: "no-such-id"})  # type: ignore[arg-type]


# --- support_matrix ---------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("unit", UNITS)
def test_every_support_cell_matches_an_independent_count(
    any_study: pl.Study, unit: str, level: str
) -> None:
    matrix = support_matrix(any_study, unit=unit, level=level)  # type: ignore[arg-type]
    expected = expected_support(any_study, unit, level)
    assert matrix.unit == unit
    assert matrix.level == level
    parts = any_study.subthemes if level == "subtheme" else any_study.themes
    assert matrix.columns == tuple(part.id for part in parts)
    has_unknown = any(group is None for group, _ in expected)
    assert matrix.groups == (*(g.id for g in any_study.groups), *([None] if has_unknown else []))
    for group in matrix.groups:
        for column in matrix.columns:
            assert matrix.get(group, column) == expected.get((group, column), 0), (group, column)
    # Cells without support are absent, not stored as zero.
    assert dict(matrix.counts) == expected


def test_a_theme_coding_supports_the_theme_and_no_sub_theme(small: pl.Study) -> None:
    study = small.model_copy(update={"codings": [*small.codings, {"quote": "qf", "theme": "t1"}]})
    assert support_matrix(study, level="theme").get("g2", "t1") == 2  # qb (through a), qf
    assert support_matrix(study).get("g2", "s1") == 1  # qb only
    assert ids(quotes_for(study, theme="t1")) == ["qa", "qb", "qc", "qd", "qf", "qg"]
    assert "qf" not in ids(quotes_for(study, subtheme="s1"))


def test_a_cell_without_support_is_zero_and_absent(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl)
    cell = (OFFICIAL, "confronting-the-biomedical-perspective")
    assert matrix.get(*cell) == 0
    assert cell not in matrix.counts


def test_the_table_1_extract_counts_in_the_unknown_speaker_row(engdahl: pl.Study) -> None:
    by_quotes = support_matrix(engdahl, unit="quotes")
    assert by_quotes.groups[-1] is None
    # Coded twice under one sub-theme, it still counts once.
    assert by_quotes.get(None, FINANCIAL) == 1
    assert sum(by_quotes.get(None, column) for column in by_quotes.columns) == 1
    assert support_matrix(engdahl, unit="quotes", level="theme").get(None, SCALING_UP) == 1
    # With no speaker and no interview, it supports no participant and no interview.
    assert None not in support_matrix(engdahl, unit="participants").groups
    assert None not in support_matrix(engdahl, unit="interviews").groups


def test_a_quote_of_unknown_speaker_but_known_interview_counts_that_interview(
    small: pl.Study,
) -> None:
    matrix = support_matrix(small, unit="interviews")
    assert matrix.groups == ("g1", "g2", None)
    assert matrix.get(None, "s1") == 1  # qg, from i1
    assert matrix.get("g1", "s1") == 1  # qa and qc, both from i1


def test_support_counts_distinct_units(small: pl.Study) -> None:
    by_quotes = support_matrix(small, unit="quotes")
    # qa (a twice and b), qc (a-grandchild) under s1 by p1: two quotes, one participant.
    assert by_quotes.get("g1", "s1") == 2
    assert support_matrix(small, unit="participants").get("g1", "s1") == 1
    assert by_quotes.get(None, "s1") == 2  # qd and qg
    assert by_quotes.get("g2", "s3") == 0


def test_support_records_list_every_cell_zeros_included(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl, unit="participants", level="theme")
    records = matrix.to_records()
    assert len(records) == len(matrix.groups) * len(matrix.columns)
    assert all(set(r) == {"group", "theme", "unit", "count"} for r in records)
    assert all(r["unit"] == "participants" for r in records)
    assert {(r["group"], r["theme"]): r["count"] for r in records} == {
        (g, c): matrix.get(g, c) for g in matrix.groups for c in matrix.columns
    }
    assert any(r["count"] == 0 for r in records)


def test_support_to_pandas_has_groups_as_rows(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl)
    frame = matrix.to_pandas()
    assert frame.index.name == "group"
    assert frame.columns.name == "subtheme"
    assert list(frame.index) == [PSW, OFFICIAL, USER_ORG, "(unknown)"]
    assert list(frame.columns) == list(matrix.columns)
    assert frame.attrs["unit"] == "quotes"
    assert frame.loc["(unknown)", FINANCIAL] == 1
    for group, label in zip(matrix.groups, frame.index, strict=True):
        assert [int(v) for v in frame.loc[label]] == [matrix.get(group, c) for c in matrix.columns]


def test_support_text_shows_every_cell(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl, unit="quotes", level="theme")
    lines = str(matrix).splitlines()
    assert lines[0] == "quotes by stakeholder group and theme"
    assert lines[1].split() == [PSW, OFFICIAL, USER_ORG, "(unknown)"]
    assert len(lines) == 2 + len(matrix.columns)
    for column, line in zip(matrix.columns, lines[2:], strict=True):
        name, *cells = line.split()
        assert name == column
        assert [int(cell) for cell in cells] == [matrix.get(g, column) for g in matrix.groups]


def test_support_html_is_a_table_of_every_cell(engdahl: pl.Study) -> None:
    matrix = support_matrix(engdahl, unit="interviews")
    html = matrix._repr_html_()
    assert html.startswith("<table><caption>interviews by stakeholder group and subtheme</caption>")
    header = re.search(r"<thead><tr><th></th>(.*?)</tr></thead>", html)
    assert header is not None
    assert re.findall(r"<th>(.*?)</th>", header.group(1)) == [PSW, OFFICIAL, USER_ORG]
    rows = re.findall(r"<tr><th>([^<]*)</th>((?:<td>\d+</td>)+)</tr>", html)
    assert [column for column, _ in rows] == list(matrix.columns)
    for column, cells in rows:
        values = [int(v) for v in re.findall(r"<td>(\d+)</td>", cells)]
        assert values == [matrix.get(g, column) for g in matrix.groups]


def test_support_html_names_the_unknown_row(engdahl: pl.Study) -> None:
    assert "<th>(unknown)</th>" in support_matrix(engdahl)._repr_html_()


@pytest.mark.parametrize(
    ("options", "message"),
    [({"unit": "speakers"}, "'speakers'"), ({"level": "code"}, "'code'")],
)
def test_support_matrix_refuses_an_unknown_unit_or_level(
    engdahl: pl.Study, options: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        support_matrix(engdahl, **options)  # type: ignore[arg-type]


@FAST
@given(studies())
def test_support_in_quotes_always_matches_the_records(study: pl.Study) -> None:
    for level in LEVELS:
        matrix = support_matrix(study, unit="quotes", level=level)  # type: ignore[arg-type]
        assert dict(matrix.counts) == expected_support(study, "quotes", level)


# --- code_cooccurrence ------------------------------------------------------------------------


def test_codes_cooccur_within_a_quote(small: pl.Study) -> None:
    assert code_cooccurrence(small) == Counter(
        {
            ("a", "b"): 1,  # qa; a was applied there twice, by two coders
            ("a", "c"): 2,  # qb, qd
            ("a", "d"): 1,  # qb
            ("c", "d"): 1,  # qb
            ("a-grandchild", "c"): 1,  # qc
        }
    )


def test_codes_cooccur_within_an_interview(small: pl.Study) -> None:
    # i1 holds qa and qc; i2 holds qb; qd, of unknown interview, is left out.
    assert code_cooccurrence(small, within="interview") == Counter(
        {
            ("a", "a-grandchild"): 1,
            ("a", "b"): 1,
            ("a", "c"): 2,
            ("a-grandchild", "b"): 1,
            ("a-grandchild", "c"): 1,
            ("b", "c"): 1,
            ("a", "d"): 1,
            ("c", "d"): 1,
        }
    )


def test_cooccurrence_pairs_are_sorted_and_distinct(small: pl.Study) -> None:
    for within in ("quote", "interview"):
        for first, second in code_cooccurrence(small, within=within):  # type: ignore[arg-type]
            assert first < second


def test_the_built_in_study_has_one_pair_of_codes_the_table_1_extract(engdahl: pl.Study) -> None:
    pair = (
        "f2-lack-of-funding-generate-complexity",
        "f2-lack-of-ps-awareness-leads-to-deprioritize-ps-funding",
    )
    assert code_cooccurrence(engdahl) == Counter({pair: 1})
    # The extract's interview is unknown.
    assert code_cooccurrence(engdahl, within="interview") == Counter()


def test_cooccurrence_refuses_an_unknown_unit(small: pl.Study) -> None:
    with pytest.raises(ValueError, match="'study'"):
        code_cooccurrence(small, within="study")  # type: ignore[arg-type]


# --- provenance -------------------------------------------------------------------------------


def test_provenance_climbs_nested_codes_and_a_candidate_theme_to_the_top(small: pl.Study) -> None:
    assert provenance(small, "qc") == [
        ("quote:qc", "code:c"),  # an orphan code: the path stops
        (
            "quote:qc",
            "code:a-grandchild",
            "code:a-child",
            "code:a",
            "candidate_theme:ct",
            "subtheme:s1",
            "theme:t1",
            "overarching_theme:o",
        ),
    ]


def test_provenance_of_a_placement_skips_codes(small: pl.Study) -> None:
    assert provenance(small, "qe") == [
        ("quote:qe", "subtheme:s2", "theme:t2", "overarching_theme:o")
    ]


def test_provenance_stops_where_the_framework_does(small: pl.Study) -> None:
    assert provenance(small, "qb") == [
        (
            "quote:qb",
            "code:a",
            "candidate_theme:ct",
            "subtheme:s1",
            "theme:t1",
            "overarching_theme:o",
        ),
        ("quote:qb", "code:c"),
        ("quote:qb", "code:d", "candidate_theme:ct-dead"),
    ]


def test_provenance_has_one_path_per_link(small: pl.Study) -> None:
    paths = provenance(small, "qa")
    assert len(paths) == 3  # a by c1, a by c2, b
    assert paths[2] == ("quote:qa", "code:b", "subtheme:s1", "theme:t1", "overarching_theme:o")
    assert provenance(small, "qf") == []


@pytest.mark.parametrize(
    ("coding", "path"),
    [
        (
            {"candidate_theme": "ct", "coder": "c1"},
            ("candidate_theme:ct", "subtheme:s1", "theme:t1", "overarching_theme:o"),
        ),
        ({"candidate_theme": "ct-dead"}, ("candidate_theme:ct-dead",)),
        ({"subtheme": "s3", "coder": "c2"}, ("subtheme:s3", "theme:t2", "overarching_theme:o")),
        ({"theme": "t2"}, ("theme:t2", "overarching_theme:o")),
        ({"code": "broad"}, ("code:broad", "theme:t2", "overarching_theme:o")),
    ],
    ids=["candidate-theme", "undeveloped-candidate", "subtheme", "theme", "code-under-theme"],
)
def test_provenance_starts_at_whatever_element_a_coding_applies(
    coding: dict[str, str], path: tuple[str, ...]
) -> None:
    base = small_study()
    study = base.model_copy(
        update={
            "codes": [*base.codes, {"id": "broad", "label": "Broad", "theme": "t2"}],
            "codings": [*base.codings, {"quote": "qf", **coding}],
        }
    )
    assert provenance(study, "qf") == [("quote:qf", *path)]
    graph = pl.to_networkx(study)
    for source, target in pairwise(("quote:qf", *path)):
        assert graph.has_edge(source, target), (source, target)


def test_provenance_without_overarching_theme_ends_at_the_theme() -> None:
    study = small_study(overarching=False)
    assert provenance(study, "qe") == [("quote:qe", "subtheme:s2", "theme:t2")]


def test_provenance_of_the_table_1_extract_follows_table_1(engdahl: pl.Study) -> None:
    top = (
        "subtheme:" + FINANCIAL,
        "theme:" + SCALING_UP,
        "overarching_theme:crafting-a-recipe-for-progress",
    )
    assert provenance(engdahl, "table-1-extract") == [
        (
            "quote:table-1-extract",
            "code:f2-lack-of-funding-generate-complexity",
            "candidate_theme:lacking-funding",
            *top,
        ),
        (
            "quote:table-1-extract",
            "code:f2-lack-of-ps-awareness-leads-to-deprioritize-ps-funding",
            "candidate_theme:deprioritizing-ps-funding",
            *top,
        ),
    ]


def test_every_provenance_path_follows_edges_of_the_study_graph(any_study: pl.Study) -> None:
    graph = pl.to_networkx(any_study)
    for quote in any_study.quotes:
        for path in provenance(any_study, quote.id):
            for source, target in pairwise(path):
                assert graph.has_edge(source, target), (source, target)


def test_provenance_of_an_unknown_quote_raises_key_error_naming_it(engdahl: pl.Study) -> None:
    with pytest.raises(KeyError, match="'no-such-quote'"):
        provenance(engdahl, "no-such-quote")


# --- prevalence -------------------------------------------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_prevalence_matches_an_independent_count(any_study: pl.Study, level: str) -> None:
    found = prevalence(any_study, level=level)  # type: ignore[arg-type]
    expected = expected_prevalence(any_study, level)
    assert [p.id for p in found] == list(expected)
    assert {p.id: (p.quotes, p.participants, p.interviews) for p in found} == expected
    for p in found:
        assert p.participants_total == len(any_study.participants)
        assert p.interviews_total == len(any_study.interviews)


def test_scaling_up_appears_in_five_quotes_from_four_known_speakers(engdahl: pl.Study) -> None:
    scaling = {p.id: p for p in prevalence(engdahl)}[SCALING_UP]
    assert (scaling.quotes, scaling.participants, scaling.interviews) == (5, 4, 3)
    assert scaling.participant_share == pytest.approx(4 / 30)
    assert scaling.interview_share == pytest.approx(3 / 17)


def test_prevalence_of_a_sub_theme_without_quotes_is_zero(small: pl.Study) -> None:
    s3 = {p.id: p for p in prevalence(small, level="subtheme")}["s3"]
    assert (s3.quotes, s3.participants, s3.interviews) == (0, 0, 0)
    assert s3.participant_share == 0


def test_prevalence_shares_are_none_for_a_study_without_people() -> None:
    study = pl.Study(
        id="empty",
        title="No people",
        themes=[{"id": "t", "label": "T"}],
        subthemes=[{"id": "s", "label": "S", "theme": "t"}],
        quotes=[{"id": "q", "text": "Q"}],
        codings=[{"quote": "q", "subtheme": "s"}],
    )
    (only,) = prevalence(study)
    assert only.quotes == 1
    assert only.participant_share is None
    assert only.interview_share is None


def test_prevalence_refuses_an_unknown_level(engdahl: pl.Study) -> None:
    with pytest.raises(ValueError, match="'code'"):
        prevalence(engdahl, level="code")  # type: ignore[arg-type]


@FAST
@given(studies())
def test_prevalence_always_matches_the_records(study: pl.Study) -> None:
    for level in LEVELS:
        found = prevalence(study, level=level)  # type: ignore[arg-type]
        expected = expected_prevalence(study, level)
        assert {p.id: (p.quotes, p.participants, p.interviews) for p in found} == expected
