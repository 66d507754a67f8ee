"""Specification of the analysis tables (``peerlandscape.tables``): columns, dtypes and contents.

Contents are checked against counts worked out by hand for a small two-coder study, and
against the flat records (``pl.quote_records``) and the study itself for the built-in one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime

import pandas as pd
import pytest
from hypothesis import given

import peerlandscape as pl
from peerlandscape import tables
from strategies import FAST, studies

PSW, OFFICIAL = "peer_support_worker", "official"

QUOTE_COLUMNS = [
    "quote_id",
    "text",
    "interview_id",
    "interview_label",
    "participant_id",
    "participant_label",
    "stakeholder_group",
    "stakeholder_group_label",
    "code",
    "code_label",
    "subtheme",
    "subtheme_label",
    "theme",
    "theme_label",
    "coder",
    "coder_label",
]


def two_coder_study(
    when: tuple[str | None, str | None] = ("2024-03-01T10:00:00+01:00", None),
) -> pl.Study:
    """A study small enough to count by hand: two coders, nested codes, an orphan code.

    Paths: ``a`` and ``a-child`` reach s1/t1, ``b`` reaches s2/t1 through candidate theme
    ``ct``, ``o`` reaches nothing, ``q4`` (no speaker) is placed under s3/t2 directly.
    ``q5`` is said by p1 and never coded; p4 says nothing.
    """
    return pl.Study(
        id="two-coders",
        title="Two coders",
        groups=[
            {"id": PSW, "label": "Peer support workers"},
            {"id": OFFICIAL, "label": "Officials"},
        ],
        participants=[
            {"id": "p1", "label": "PSW A", "group": PSW},
            {"id": "p2", "label": "PSW B", "group": PSW},
            {"id": "p3", "label": "Official A", "group": OFFICIAL},
            {"id": "p4", "label": "Official B", "group": OFFICIAL},
        ],
        interviews=[
            {
                "id": "i1",
                "label": "Focus group",
                "format": "focus_group",
                "stakeholder_group": PSW,
                "participants": ["p1", "p2"],
            },
            {"id": "i2", "label": "Interview", "format": "individual", "participants": ["p3"]},
        ],
        quotes=[
            {"id": "q1", "text": "One", "participant": "p1", "interview": "i1"},
            {"id": "q2", "text": "Two", "participant": "p2", "interview": "i1"},
            {"id": "q3", "text": "Three", "participant": "p3", "interview": "i2"},
            {"id": "q4", "text": "Four", "interview": "i1"},
            {"id": "q5", "text": "Five", "participant": "p1", "interview": "i1"},
        ],
        coders=[{"id": "c1", "label": "Coder A"}, {"id": "c2", "label": "Coder B"}],
        codes=[
            {"id": "a", "label": "Code A", "subtheme": "s1"},
            {"id": "a-child", "label": "Code A child", "parent": "a"},
            {"id": "b", "label": "Code B", "candidate_theme": "ct"},
            {"id": "o", "label": "Orphan"},
        ],
        codings=[
            {"quote": "q1", "code": "a", "coder": "c1", "when": when[0]},
            {"quote": "q1", "code": "a", "coder": "c2", "when": when[1]},
            {"quote": "q1", "code": "b", "coder": "c2"},
            {"quote": "q2", "code": "a-child", "coder": "c1"},
            {"quote": "q3", "code": "b", "coder": "c1"},
            {"quote": "q3", "code": "o", "coder": "c2"},
            {"quote": "q4", "subtheme": "s3"},
        ],
        candidate_themes=[{"id": "ct", "label": "Candidate", "subtheme": "s2"}],
        subthemes=[
            {"id": "s1", "label": "Sub one", "theme": "t1"},
            {"id": "s2", "label": "Sub two", "theme": "t1"},
            {"id": "s3", "label": "Sub three", "theme": "t2"},
        ],
        themes=[{"id": "t1", "label": "Theme one"}, {"id": "t2", "label": "Theme two"}],
    )


@pytest.fixture(scope="module")
def small() -> pl.Study:
    return two_coder_study()


def plain(series: pd.Series) -> list[object]:
    """A column's values as plain Python values, missing ones as None."""
    return [None if pd.isna(value) else value for value in series.astype(object)]


# --- quotes ------------------------------------------------------------------------------------


def test_the_quotes_table_is_the_quote_records_with_labels_beside_the_ids(
    engdahl: pl.Study,
) -> None:
    table = tables.quotes(engdahl)
    records = pl.quote_records(engdahl)
    assert list(table.columns) == QUOTE_COLUMNS
    assert len(table) == len(records) == 17
    for key in pl.QUOTE_RECORD_KEYS:
        assert plain(table[key]) == [dict(record)[key] for record in records], key
    groups = {g.id: g.label for g in engdahl.groups}
    assert plain(table["stakeholder_group_label"]) == [
        None if r["stakeholder_group"] is None else groups[r["stakeholder_group"]] for r in records
    ]
    subthemes = {s.id: s.label for s in engdahl.subthemes}
    assert plain(table["subtheme_label"]) == [subthemes[r["subtheme"]] for r in records]  # type: ignore[index]


def test_without_labels_the_quotes_table_has_exactly_the_record_keys(engdahl: pl.Study) -> None:
    assert list(tables.quotes(engdahl, labels=False).columns) == list(pl.QUOTE_RECORD_KEYS)


def test_the_id_columns_are_categorical_in_study_order(engdahl: pl.Study) -> None:
    table = tables.quotes(engdahl)
    assert table["subtheme"].dtype == "category"
    assert list(table["subtheme"].cat.categories) == [s.id for s in engdahl.subthemes]
    assert list(table["stakeholder_group"].cat.categories) == [g.id for g in engdahl.groups]
    assert str(table["text"].dtype) == "string"
    # Categories make a group-by list every sub-theme, in study order, reached or not.
    per_theme = table.groupby("theme", observed=False)["quote_id"].nunique()
    assert list(per_theme.index) == [t.id for t in engdahl.themes]
    assert per_theme.tolist() == [5, 4, 3, 4]


def test_the_quotes_of_the_small_study_by_hand(small: pl.Study) -> None:
    table = tables.quotes(small)
    assert plain(table["quote_id"]) == ["q1", "q1", "q1", "q2", "q3", "q3", "q4"]
    assert plain(table["code_label"]) == [
        "Code A",
        "Code A",
        "Code B",
        "Code A child",
        "Code B",
        "Orphan",
        None,
    ]
    assert plain(table["subtheme"]) == ["s1", "s1", "s2", "s1", "s2", None, "s3"]
    assert plain(table["coder_label"]) == [
        "Coder A",
        "Coder B",
        "Coder B",
        "Coder A",
        "Coder A",
        "Coder B",
        None,
    ]
    assert plain(table["stakeholder_group"])[-1] is None  # q4 has no speaker


# --- codings -----------------------------------------------------------------------------------


def test_the_codings_table_names_element_path_coder_and_time(small: pl.Study) -> None:
    table = tables.codings(small)
    assert list(table.columns) == [
        "quote_id",
        "kind",
        "element",
        "element_label",
        "subtheme",
        "subtheme_label",
        "theme",
        "theme_label",
        "coder",
        "coder_label",
        "when",
    ]
    assert plain(table["kind"]) == ["code"] * 6 + ["subtheme"]
    assert list(table["kind"].cat.categories) == list(pl.CODING_TARGETS)
    assert plain(table["element"]) == ["a", "a", "b", "a-child", "b", "o", "s3"]
    assert plain(table["element_label"])[-1] == "Sub three"
    assert plain(table["theme"]) == ["t1", "t1", "t1", "t1", "t1", None, "t2"]
    assert table["coder"].value_counts().to_dict() == {"c1": 3, "c2": 3}
    # One known time, with an offset: the column is in UTC.
    assert str(table["when"].dt.tz) == "UTC"
    assert table["when"].iloc[0] == pd.Timestamp("2024-03-01T09:00:00Z")
    assert table["when"].iloc[1:].isna().all()


def test_times_without_an_offset_stay_naive_and_mixed_times_stay_as_given() -> None:
    naive = tables.codings(two_coder_study(("2024-03-01T10:00:00", "2024-03-02T11:00:00")))
    assert naive["when"].dt.tz is None
    assert naive["when"].iloc[1] == pd.Timestamp("2024-03-02T11:00:00")
    mixed = tables.codings(two_coder_study(("2024-03-01T10:00:00+01:00", "2024-03-02T11:00:00")))
    assert mixed["when"].dtype == object
    assert mixed["when"].iloc[0] == datetime(2024, 3, 1, 9, tzinfo=UTC)
    assert mixed["when"].iloc[1] == datetime(2024, 3, 2, 11)


def test_the_codings_of_the_built_in_study(engdahl: pl.Study) -> None:
    table = tables.codings(engdahl, labels=False)
    assert "element_label" not in table.columns
    assert len(table) == len(engdahl.codings) == 17
    assert table["kind"].value_counts().to_dict() == {
        "subtheme": 15,
        "code": 2,
        "candidate_theme": 0,
        "theme": 0,
    }
    assert table["subtheme"].notna().all()
    assert table["coder"].isna().all()  # the paper names no coder of a placement


# --- participants ------------------------------------------------------------------------------


def test_participants_with_their_groups_and_how_often_heard(small: pl.Study) -> None:
    table = tables.participants(small)
    assert list(table.columns) == [
        "participant_id",
        "participant_label",
        "stakeholder_group",
        "stakeholder_group_label",
        "quotes",
        "coded_quotes",
        "interviews",
    ]
    assert plain(table["participant_id"]) == ["p1", "p2", "p3", "p4"]
    assert (
        plain(table["stakeholder_group_label"]) == ["Peer support workers"] * 2 + ["Officials"] * 2
    )
    assert table["quotes"].tolist() == [2, 1, 1, 0]
    assert table["coded_quotes"].tolist() == [1, 1, 1, 0]
    assert table["interviews"].tolist() == [1, 1, 1, 0]
    assert str(table["quotes"].dtype) == "int64"


def test_the_built_in_participants_by_group(engdahl: pl.Study) -> None:
    table = tables.participants(engdahl)
    assert len(table) == 30
    sizes = table.groupby("stakeholder_group", observed=False).size().to_dict()
    assert sizes == {PSW: 17, OFFICIAL: 8, "user_organization": 5}
    # Every quote with a speaker is counted once, for its speaker.
    attributed = sum(1 for quote in engdahl.quotes if quote.participant is not None)
    assert table["quotes"].sum() == attributed == 15


# --- code x case presence ----------------------------------------------------------------------


def presence(frame: pd.DataFrame, case: str, level: str) -> dict[tuple[str, str], int]:
    """The non-zero cells of a presence table."""
    hits = frame.loc[frame["present"]]
    return {
        (str(c), str(e)): int(n)
        for c, e, n in zip(hits[f"{case}_id"], hits[level], hits["quotes"], strict=True)
    }


def test_codes_by_participant_count_nested_codes_for_their_parents(small: pl.Study) -> None:
    table = tables.code_presence(small)
    assert list(table.columns) == [
        "participant_id",
        "participant_label",
        "stakeholder_group",
        "stakeholder_group_label",
        "code",
        "code_label",
        "quotes",
        "present",
    ]
    assert len(table) == 4 * 4  # every participant x every code, zeros included
    assert table.attrs == {"case": "participant", "level": "code"}
    assert presence(table, "participant", "code") == {
        ("p1", "a"): 1,
        ("p1", "b"): 1,
        ("p2", "a"): 1,  # through a-child
        ("p2", "a-child"): 1,
        ("p3", "b"): 1,
        ("p3", "o"): 1,
    }
    matrix = table.pivot(index="participant_id", columns="code", values="present")
    assert list(matrix.index) == ["p1", "p2", "p3", "p4"]
    assert list(matrix.columns) == ["a", "a-child", "b", "o"]
    assert not matrix.loc["p4"].any()


def test_codes_and_sub_themes_by_interview(small: pl.Study) -> None:
    codes = tables.code_presence(small, case="interview", labels=False)
    assert list(codes.columns) == ["interview_id", "stakeholder_group", "code", "quotes", "present"]
    assert presence(codes, "interview", "code") == {
        ("i1", "a"): 2,
        ("i1", "a-child"): 1,
        ("i1", "b"): 1,
        ("i2", "b"): 1,
        ("i2", "o"): 1,
    }
    # An interview's group is the group it was held with (none for i2).
    assert plain(codes.drop_duplicates("interview_id")["stakeholder_group"]) == [PSW, None]
    subthemes = tables.code_presence(small, case="interview", level="subtheme")
    # q4 has no speaker but was said in i1: it counts by interview, not by participant.
    assert presence(subthemes, "interview", "subtheme") == {
        ("i1", "s1"): 2,
        ("i1", "s2"): 1,
        ("i1", "s3"): 1,
        ("i2", "s2"): 1,
    }
    by_participant = tables.code_presence(small, level="subtheme")
    assert ("p1", "s3") not in presence(by_participant, "participant", "subtheme")


def test_themes_by_participant_in_the_built_in_study(engdahl: pl.Study) -> None:
    table = tables.code_presence(engdahl, level="theme")
    expected: set[tuple[str, str]] = {
        (r["participant_id"], r["theme"])
        for r in pl.quote_records(engdahl)
        if r["participant_id"] is not None and r["theme"] is not None
    }
    assert set(presence(table, "participant", "theme")) == expected
    assert len(table) == 30 * 4


@pytest.mark.parametrize(("option", "value"), [("case", "quote"), ("level", "candidate_theme")])
def test_presence_refuses_an_unknown_case_or_level(
    small: pl.Study, option: str, value: str
) -> None:
    with pytest.raises(pl.InvalidOptionError, match=f"{option} must be one of"):
        tables.code_presence(small, **{option: value})  # type: ignore[arg-type]


# --- co-occurrence -----------------------------------------------------------------------------


def test_cooccurrence_within_quotes_and_interviews(small: pl.Study) -> None:
    table = tables.cooccurrence(small)
    assert list(table.columns) == ["code_a", "code_a_label", "code_b", "code_b_label", "count"]
    pairs = list(zip(plain(table["code_a"]), plain(table["code_b"]), table["count"], strict=True))
    assert pairs == [("a", "b", 1), ("b", "o", 1)]
    assert plain(table["code_b_label"]) == ["Code B", "Orphan"]
    by_interview = tables.cooccurrence(small, within="interview")
    assert by_interview.attrs == {"within": "interview"}
    named = list(zip(plain(by_interview["code_a"]), plain(by_interview["code_b"]), strict=True))
    assert named == [("a", "a-child"), ("a", "b"), ("a-child", "b"), ("b", "o")]


def test_the_most_frequent_pairs_come_first() -> None:
    study = two_coder_study().model_copy(
        update={
            "codings": [
                *two_coder_study().codings,
                pl.Coding(quote="q3", code="a"),
                pl.Coding(quote="q2", code="b"),
            ]
        }
    )
    table = tables.cooccurrence(study, labels=False)
    assert list(table.columns) == ["code_a", "code_b", "count"]
    # q1 {a, b}, q2 {a-child, b}, q3 {a, b, o}.
    assert list(
        zip(plain(table["code_a"]), plain(table["code_b"]), table["count"], strict=True)
    ) == [
        ("a", "b", 2),
        ("a", "o", 1),
        ("a-child", "b", 1),
        ("b", "o", 1),
    ]


# --- support -----------------------------------------------------------------------------------


def test_support_is_the_support_matrix_in_long_form(small: pl.Study) -> None:
    table = tables.support(small)
    assert list(table.columns) == [
        "stakeholder_group",
        "stakeholder_group_label",
        "subtheme",
        "subtheme_label",
        "count",
    ]
    assert table.attrs == {"unit": "quotes", "level": "subtheme"}
    # Two groups and the unknown speaker's row (q4), by three sub-themes, zeros included.
    assert len(table) == 3 * 3
    cells = {
        (g, s): n
        for g, s, n in zip(
            plain(table["stakeholder_group"]), plain(table["subtheme"]), table["count"], strict=True
        )
        if n
    }
    assert cells == {(PSW, "s1"): 2, (PSW, "s2"): 1, (OFFICIAL, "s2"): 1, (None, "s3"): 1}


def test_support_of_the_built_in_study_pivots_to_the_matrix(engdahl: pl.Study) -> None:
    table = tables.support(engdahl, unit="participants", level="theme")
    matrix = table.pivot(index="theme", columns="stakeholder_group", values="count")
    expected = pl.queries.support_matrix(engdahl, unit="participants", level="theme").to_pandas()
    assert matrix.to_numpy().tolist() == expected.T.to_numpy().tolist()
    assert list(matrix.index) == [t.id for t in engdahl.themes]


@FAST
@given(studies())
def test_the_tables_always_agree_with_the_records(study: pl.Study) -> None:
    records = pl.quote_records(study)
    quotes = tables.quotes(study)
    assert len(quotes) == len(records) == len(tables.codings(study))
    assert plain(quotes["subtheme"]) == [r["subtheme"] for r in records]
    for case, key in (("participant", "participant_id"), ("interview", "interview_id")):
        table = tables.code_presence(study, case=case, level="subtheme")  # type: ignore[arg-type]
        expected: dict[tuple[str, str], set[str]] = {}
        for r in records:
            if r[key] is not None and r["subtheme"] is not None:  # type: ignore[literal-required]
                unit = (r[key], r["subtheme"])  # type: ignore[literal-required]
                expected.setdefault(unit, set()).add(r["quote_id"])
        assert presence(table, case, "subtheme") == {k: len(v) for k, v in expected.items()}
    people = tables.participants(study)
    said = sum(1 for quote in study.quotes if quote.participant is not None)
    assert people["quotes"].sum() == said


# --- without pandas ----------------------------------------------------------------------------


def test_every_table_without_pandas_names_the_tables_extra() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["pandas"] = None
        import peerlandscape as pl
        from peerlandscape import tables
        study = pl.datasets.engdahl2025()
        for name in tables.__all__:
            try:
                getattr(tables, name)(study)
            except pl.MissingDependencyError as exc:
                print(name, exc.package, exc.extra)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"{name} pandas tables" for name in tables.__all__]
