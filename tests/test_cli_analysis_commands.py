"""The analysis layer on the command line: agreement, saturation, checklist and replicate.

Figures are worked out by hand for a small two-coder study written to a file
(six quotes, three codes, five dated interviews listed out of date order),
and read from the library for the built-in study.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import peerlandscape as pl
from peerlandscape.cli import main

needs_numpy = pytest.mark.skipif(
    importlib.util.find_spec("numpy") is None, reason="agreement needs the analysis extra"
)

WIDTH = 80

# (quote, interview, participant, what ana applied, what bo applied)
CODED = (
    ("q1", "i1", "p1", "hope", "hope"),
    ("q2", "i1", "p1", "cost", "hope"),
    ("q3", "i2", "p2", "voice", "voice"),
    ("q4", "i3", "p3", "cost", "cost"),
    ("q5", "i4", "p4", "voice", "voice"),
    ("q6", "i5", "p5", "hope", "hope"),
)
TRANSCRIPT = "We were heard at last. The money ran out. Nobody asked us."


def two_coder_study() -> pl.Study:
    """Two coders, three codes (two under sub-themes, one unplaced), five dated interviews.

    The document lists the interviews as i3, i1, i5, i2, i4; by date they are i1 to i5.
    """
    dates = {"i1": "2024-03-01", "i2": "2024-03-05", "i3": "2024-03-10"}
    dates |= {"i4": "2024-03-12", "i5": "2024-03-20"}
    return pl.Study.model_validate(
        {
            "id": "two-coders",
            "title": "Two coders",
            "design": {
                "approach": "Qualitative, inductive",
                "analysis_method": "Reflexive thematic analysis",
            },
            "groups": [
                {"id": "peers", "label": "Peer support workers"},
                {"id": "staff", "label": "Staff"},
            ],
            "participants": [
                {"id": f"p{n}", "label": f"Person {n}", "group": "peers" if n % 2 else "staff"}
                for n in range(1, 6)
            ],
            "interviews": [
                {"id": i, "label": f"Interview {i}", "format": "individual", "date": dates[i]}
                for i in ("i3", "i1", "i5", "i2", "i4")
            ],
            "coders": [{"id": "ana", "label": "Coder A"}, {"id": "bo", "label": "Coder B"}],
            "sources": [{"id": "t1", "label": "Transcript 1", "text": TRANSCRIPT}],
            "themes": [{"id": "carrying-on", "label": "Carrying on"}],
            "subthemes": [
                {"id": "holding-hope", "label": "Holding hope", "theme": "carrying-on"},
                {"id": "money-worries", "label": "Money worries", "theme": "carrying-on"},
            ],
            "codes": [
                {"id": "hope", "label": "Hope", "subtheme": "holding-hope"},
                {"id": "cost", "label": "Cost", "subtheme": "money-worries"},
                {"id": "voice", "label": "Voice"},
            ],
            "quotes": [
                {
                    "id": quote,
                    "text": f"Words of {quote}.",
                    "interview": interview,
                    "participant": participant,
                    **(
                        {"text": TRANSCRIPT[0:22], "source": "t1", "span": {"start": 0, "end": 22}}
                        if quote == "q1"
                        else {}
                    ),
                }
                for quote, interview, participant, _, _ in CODED
            ],
            "codings": [
                {"quote": quote, "code": code, "coder": coder}
                for quote, _, _, by_ana, by_bo in CODED
                for coder, code in (("ana", by_ana), ("bo", by_bo))
            ],
        }
    )


@pytest.fixture
def two(tmp_path: Path) -> Path:
    return pl.write_json(two_coder_study(), tmp_path / "two.json")


def run(*args: str | Path, width: int = WIDTH, color: bool = False) -> Result:
    runner = CliRunner(env={"COLUMNS": str(width)})
    return runner.invoke(main, [str(arg) for arg in args], color=color)


def ok(*args: str | Path, width: int = WIDTH) -> str:
    result = run(*args, width=width)
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_fits(text: str, width: int = WIDTH) -> None:
    too_wide = [line for line in text.splitlines() if len(line) > width]
    assert not too_wide, too_wide


def csv_rows(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    rows = list(reader)
    assert reader.fieldnames is not None
    return list(reader.fieldnames), rows


def row_of(text: str, first: str) -> list[str]:
    """The cells of the table row that starts with ``first`` (the table fits in one line)."""
    rows = [line.split() for line in text.splitlines() if line.split()[:1] == [first]]
    assert len(rows) == 1, text
    return rows[0]


def assert_one_line_error(result: Result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: ")
    for needle in needles:
        assert needle in lines[0]
    assert "Traceback" not in result.output


# --- agreement ------------------------------------------------------------------------------

# Worked by hand: Krippendorff's alpha (nominal) on presence/absence, n values per code = 12.
# hope: 5 present, 7 absent, one split quote: 1 - 11 * 2 / (2 * 5 * 7)   = 0.686
# cost: 3 present, 9 absent, one split quote: 1 - 11 * 2 / (2 * 3 * 9)   = 0.593
# voice: no split quote: 1.000; all: 12 of 36 present, two split units:
#       1 - 35 * 4 / (2 * 12 * 24) = 0.757; percent: 5 of 6, 5 of 6, 6 of 6, 16 of 18.
FIGURES = {
    "hope": ["6", "3", "2", "0.686", "0.833"],
    "cost": ["6", "2", "1", "0.593", "0.833"],
    "voice": ["6", "2", "2", "1.000", "1.000"],
    "(all)": ["18", "7", "5", "0.757", "0.889"],
}


@needs_numpy
def test_agreement_prints_each_codes_figures_and_all_codes_together(two: Path) -> None:
    text = ok("agreement", two, "--bootstrap", "0")
    for code, figures in FIGURES.items():
        assert row_of(text, code) == [code, *figures]
    assert text.startswith("Agreement of 2 coders (ana, bo) on 6 quotes\n")
    assert "2 disagreements (--disagreements lists them)" in text
    assert_fits(text)


@needs_numpy
def test_agreement_says_the_figures_are_advisory_for_reflexive_thematic_analysis(
    two: Path,
) -> None:
    text = ok("agreement", two, "--bootstrap", "0")
    note = " ".join(text[text.index("Note: ") :].split())
    assert note.startswith("Note: advisory only: this study declares reflexive thematic")
    data = json.loads(ok("agreement", two, "--bootstrap", "0", "--format", "json"))
    assert data["advisory"].startswith("advisory only")


@needs_numpy
def test_agreement_with_a_seed_draws_the_same_intervals_again(two: Path) -> None:
    first = ok("agreement", two, "--seed", "11", "--bootstrap", "200")
    again = ok("agreement", two, "--seed", "11", "--bootstrap", "200")
    assert first == again
    assert "95% bootstrap intervals from 200 resamples of quotes (seed 11" in " ".join(
        first.split()
    )
    data = json.loads(
        ok("agreement", two, "--seed", "11", "--bootstrap", "200", "--format", "json")
    )
    low, high = data["overall"]["alpha_interval"]
    assert low <= data["overall"]["alpha"] <= high
    assert f"[{low:.3f}, {high:.3f}]" in first
    assert_fits(first)


@needs_numpy
def test_agreement_lists_the_disagreements_with_the_quotes_words(two: Path) -> None:
    text = ok("agreement", two, "--bootstrap", "0", "--disagreements")
    listed = text[text.index("2 disagreements".capitalize()) :]
    assert "q2  hope: applied by bo; not by ana" in listed
    assert "q2  cost: applied by ana; not by bo" in listed
    assert "Words of q2." in listed
    assert_fits(text)


@needs_numpy
def test_agreement_csv_is_one_row_per_code_then_all_codes(two: Path) -> None:
    header, rows = csv_rows(ok("agreement", two, "--bootstrap", "0", "--format", "csv"))
    assert header == [
        "code",
        "units",
        "applied",
        "agreed",
        "alpha",
        "alpha_low",
        "alpha_high",
        "percent",
        "percent_low",
        "percent_high",
        "undefined",
    ]
    assert [row["code"] for row in rows] == ["hope", "cost", "voice", ""]
    assert round(float(rows[0]["alpha"]), 3) == 0.686
    assert round(float(rows[-1]["alpha"]), 3) == 0.757
    assert rows[-1]["units"] == "18"
    assert rows[-1]["alpha_low"] == ""  # no resamples, no interval


@needs_numpy
def test_agreement_csv_of_disagreements_names_who_applied_what(two: Path) -> None:
    args = ("agreement", two, "--bootstrap", "0", "--format", "csv", "--disagreements")
    header, rows = csv_rows(ok(*args))
    assert header == ["quote", "code", "applied_by", "not_applied_by"]
    assert [(r["quote"], r["code"], r["applied_by"], r["not_applied_by"]) for r in rows] == [
        ("q2", "hope", "bo", "ana"),
        ("q2", "cost", "ana", "bo"),
    ]


@needs_numpy
def test_agreement_json_has_the_documented_keys(two: Path) -> None:
    data = json.loads(ok("agreement", two, "--seed", "5", "--bootstrap", "50", "--format", "json"))
    assert list(data) == [
        "unit",
        "level",
        "coders",
        "quotes",
        "uncoded",
        "confidence",
        "resamples",
        "seed",
        "advisory",
        "overall",
        "codes",
        "disagreements",
    ]
    assert (data["unit"], data["coders"], data["quotes"], data["seed"]) == (
        "quote x code presence",
        ["ana", "bo"],
        6,
        5,
    )
    assert set(data["overall"]) == {
        "code",
        "units",
        "applied",
        "agreed",
        "alpha",
        "percent",
        "alpha_interval",
        "percent_interval",
        "undefined",
    }
    assert round(data["codes"][1]["alpha"], 3) == 0.593
    assert data["disagreements"][0] == {
        "quote": "q2",
        "code": "hope",
        "applied_by": ["bo"],
        "not_applied_by": ["ana"],
        "text": "Words of q2.",
    }


@needs_numpy
def test_agreement_by_character_is_unitized_alpha(two: Path) -> None:
    from peerlandscape.agreement import character_agreement

    expected = character_agreement(two_coder_study())
    text = ok("agreement", two, "--unit", "character")
    assert text.startswith("Unitized agreement of 2 coders (ana, bo) on 1 source (58 characters)")
    assert expected.alpha is not None
    assert row_of(text, "(all)")[-1] == f"{expected.alpha:.3f}"
    assert "10 codings skipped" in text  # only q1 has a span in the transcript
    data = json.loads(ok("agreement", two, "--unit", "character", "--format", "json"))
    assert (data["characters"], data["skipped"], data["alpha"]) == (58, 10, expected.alpha)
    header, _ = csv_rows(ok("agreement", two, "--unit", "character", "--format", "csv"))
    assert header == ["code", "units", "alpha"]


@needs_numpy
def test_agreement_compares_only_the_coders_named(two: Path) -> None:
    result = run("agreement", two, "--coder", "ana")
    assert_one_line_error(result, "two or more coders", "--coder ID")


@needs_numpy
def test_agreement_of_an_unknown_coder_is_one_line_naming_it(two: Path) -> None:
    result = run("agreement", two, "--coder", "ana", "--coder", "zed")
    assert_one_line_error(result, "--coder", "'zed'", "ana, bo")


@needs_numpy
def test_agreement_on_the_builtin_study_says_it_has_one_coder() -> None:
    assert_one_line_error(run("agreement"), "two or more coders")


@needs_numpy
def test_agreement_refuses_quote_options_for_the_character_unit(two: Path) -> None:
    result = run("agreement", two, "--unit", "character", "--seed", "3")
    assert_one_line_error(result, "--seed", "--unit quote")


# --- saturation -----------------------------------------------------------------------------


def test_saturation_by_date_reaches_saturation_at_two_plus_two(two: Path) -> None:
    # By date: i1 {hope, cost}, i2 {voice}, i3 {cost}, i4 {voice}, i5 {hope}. The base (i1, i2)
    # holds 3 codes; the run i3-i4 adds none: saturation at 2+2.
    text = ok("saturation", two, "--base", "2", "--run", "2")
    assert text.splitlines()[0] == "Saturation: reached at 2+2 (code level)"
    interviews = [row_of(text, str(n))[1] for n in range(1, 6)]
    assert interviews == ["i1", "i2", "i3", "i4", "i5"]
    assert row_of(text, "1") == ["1", "i1", "2024-03-01", "2", "2", "2"]
    assert row_of(text, "3-4") == ["3-4", "0", "0.0%", "<=", "threshold"]
    assert row_of(text, "4-5") == ["4-5", "0", "0.0%", "<=", "threshold"]
    assert "base 2 interviews holding 3 codes" in " ".join(text.split())
    assert_fits(text)


def test_saturation_in_document_order_is_not_reached(two: Path) -> None:
    # In document order: i3 {cost}, i1 {hope, cost}, i5 {hope}, i2 {voice}, i4 {voice}.
    # The base holds 2 codes; the run i5-i2 adds voice (50%), the run i2-i4 adds it too.
    text = ok("saturation", two, "--order", "document", "--base", "2", "--run", "2")
    assert text.splitlines()[0] == "Saturation: not reached in 5 interviews (code level)"
    assert row_of(text, "3-4") == ["3-4", "1", "50.0%"]
    assert row_of(text, "4-5") == ["4-5", "1", "50.0%"]


def test_saturation_reads_the_order_from_a_file(two: Path, tmp_path: Path) -> None:
    order = tmp_path / "order.txt"
    order.write_text("# as analysed\ni5\ni4\n\ni1\n", encoding="utf-8")
    data = json.loads(ok("saturation", two, "--order", order, "--format", "json"))
    assert data["order"] == {"basis": "given", "interviews": ["i5", "i4", "i1"], "undated": []}
    assert [step["new_elements"] for step in data["discovery"]] == [
        ["hope"],
        ["voice"],
        ["cost"],
    ]


def test_saturation_of_an_order_file_naming_an_unknown_interview_is_one_line(
    two: Path, tmp_path: Path
) -> None:
    order = tmp_path / "order.txt"
    order.write_text("i1\ni9\n", encoding="utf-8")
    assert_one_line_error(run("saturation", two, "--order", order), "--order", "'i9'")


def test_saturation_takes_a_threshold_as_a_proportion_or_a_percentage(two: Path) -> None:
    # The document order's runs add 50%: saturated at a threshold of one half, either way.
    for threshold in ("0.5", "50%"):
        args = ("--order", "document", "--base", "2", "--run", "2", "--threshold", threshold)
        text = ok("saturation", two, *args)
        assert text.splitlines()[0] == "Saturation: reached at 2+2 (code level)"
    result = run("saturation", two, "--threshold", "150%")
    assert result.exit_code == 2


def test_saturation_csv_is_the_discovery_table_with_the_run_ending_at_each_interview(
    two: Path,
) -> None:
    header, rows = csv_rows(ok("saturation", two, "--base", "2", "--run", "2", "--format", "csv"))
    assert header == [
        "position",
        "interview",
        "date",
        "found",
        "new",
        "cumulative",
        "new_elements",
        "run_first",
        "run_new",
        "run_ratio",
        "run_saturated",
    ]
    assert [row["interview"] for row in rows] == ["i1", "i2", "i3", "i4", "i5"]
    assert rows[0]["new_elements"] == "hope; cost"
    assert (rows[1]["run_first"], rows[3]["run_first"], rows[3]["run_new"]) == ("", "3", "0")
    assert (rows[3]["run_ratio"], rows[3]["run_saturated"]) == ("0.0", "True")


def test_saturation_json_has_the_documented_keys(two: Path) -> None:
    data = json.loads(ok("saturation", two, "--base", "2", "--run", "2", "--format", "json"))
    assert list(data) == [
        "study",
        "level",
        "order",
        "discovery",
        "unplaced_quotes",
        "never_found",
        "guest",
        "information_power",
    ]
    guest = data["guest"]
    assert (guest["base_elements"], guest["saturation_point"], guest["label"]) == (3, 2, "2+2")
    assert guest["runs"][0] == {
        "first": 3,
        "last": 4,
        "interviews": ["i3", "i4"],
        "new": 0,
        "new_elements": [],
        "ratio": 0.0,
        "saturated": True,
    }
    assert len(data["information_power"]["dimensions"]) == 5


def test_saturation_of_the_builtin_study_shows_its_information_power(engdahl: pl.Study) -> None:
    text = ok("saturation", "--level", "subtheme")
    assert text.splitlines()[0] == "Saturation: not reached in 17 interviews (sub-theme level)"
    assert "8 quotes of no known interview not counted." in text
    flat = " ".join(text.split())
    assert "Study aim: broad, pointing to more participants: The somewhat broad aim" in flat
    assert "Analysis strategy: not stated (case / cross_case)" in flat
    assert_fits(text)


# --- checklist ------------------------------------------------------------------------------


def test_checklist_shows_each_items_status_and_where_its_answer_sits() -> None:
    text = ok("checklist", "--guideline", "coreq")
    assert text.splitlines()[0] == (
        "COREQ for engdahl2025: 21 of 32 items answered (10 data, 11 text, 11 missing)"
    )
    lines = text.splitlines()
    duration = next(i for i, line in enumerate(lines) if line.split()[:1] == ["21"])
    assert lines[duration].split() == ["21", "data", "Duration"]
    assert lines[duration + 1].split() == ["in", "interviews[*].approximate_duration_minutes"]
    gender = next(i for i, line in enumerate(lines) if line.split()[:1] == ["4"])
    assert lines[gender].split() == ["4", "missing", "Gender"]
    assert lines[gender + 1].split() == ["could", "be", "in", "design.researcher_gender"]
    assert_fits(text)


@pytest.mark.parametrize(
    ("guideline", "headline"),
    [
        ("srqr", "SRQR for engdahl2025: 18 of 21 items"),
        ("braun-clarke", "Braun & Clarke 2006 for engdahl2025: 6 of 15 items"),
        ("COREQ", "COREQ for engdahl2025: 21 of 32 items"),
    ],
)
def test_checklist_takes_each_guideline(guideline: str, headline: str) -> None:
    text = ok("checklist", "--guideline", guideline, "--evidence")
    assert " ".join(text.split()).startswith(headline)
    assert_fits(text)


def test_checklist_keeps_the_items_of_a_status(engdahl: pl.Study) -> None:
    from peerlandscape.checklists import report

    missing = [a.item.label for a in report(engdahl, "coreq").missing]
    text = ok("checklist", "--guideline", "coreq", "--status", "missing")
    shown = [line.split()[0] for line in text.splitlines() if line[:4].strip().isdigit()]
    assert shown == missing
    _, rows = csv_rows(
        ok("checklist", "--guideline", "coreq", "--status", "missing", "--format", "csv")
    )
    assert [row["label"] for row in rows] == missing


def test_checklist_csv_has_one_row_per_item() -> None:
    header, rows = csv_rows(ok("checklist", "--guideline", "srqr", "--format", "csv"))
    assert header == ["label", "domain", "name", "status", "where", "evidence"]
    assert [row["label"] for row in rows] == [f"S{n}" for n in range(1, 22)]


def test_checklist_json_has_the_documented_keys() -> None:
    data = json.loads(ok("checklist", "--guideline", "braun-clarke", "--format", "json"))
    assert list(data) == ["study", "guideline", "counts", "items"]
    assert data["guideline"]["id"] == "braun-clarke-2006"
    assert data["counts"] == {"data": 2, "text": 4, "missing": 0, "manuscript": 9}
    assert set(data["items"][0]) == {
        "label",
        "domain",
        "name",
        "status",
        "where",
        "evidence",
        "number",
        "question",
    }


def test_checklist_of_a_study_that_states_nothing_lists_what_is_missing(two: Path) -> None:
    text = ok("checklist", two, "--guideline", "coreq")
    assert "Gender" in text
    assert text.splitlines()[0].startswith("COREQ for two-coders: ")


def test_an_unknown_guideline_is_one_line_listing_the_choices() -> None:
    result = run("checklist", "--guideline", "consort")
    assert_one_line_error(result, "--guideline", "'consort'", "coreq, srqr, braun-clarke")


# --- replicate ------------------------------------------------------------------------------


def test_replicate_the_builtin_study_against_itself_finds_every_subtheme() -> None:
    text = ok("replicate", "engdahl2025")
    assert text.splitlines()[0] == (
        "engdahl2025 against the framework of engdahl2025: 12 of 12 sub-themes found."
    )
    assert "Groups: PSW peer_support_worker, OFF official, UO user_organization" in text
    lines = text.splitlines()
    at = lines.index("ensuring-financial-sustainability-for-growth")
    assert lines[at + 1].split() == ["found", "3", "2", "PSW,", "OFF", "PSW,", "OFF"]
    assert_fits(text)


def test_replicate_a_study_against_its_own_framework(two: Path) -> None:
    text = ok("replicate", two, "--reference", two, width=120)
    assert text.splitlines()[0] == (
        "two-coders against the framework of two-coders: 2 of 2 sub-themes found."
    )
    # hope: q1, q2 (bo), q6, said by p1 and p5; cost: q2 (ana), q4, said by p1 and p3.
    assert row_of(text, "holding-hope")[:4] == ["holding-hope", "found", "3", "2"]
    assert row_of(text, "money-worries")[:4] == ["money-worries", "found", "2", "2"]
    assert row_of(text, "voice") == ["voice", "code", "2", "2", "STA"]


def test_replicate_against_the_builtin_framework_finds_none_of_it(two: Path) -> None:
    text = ok("replicate", two)
    assert text.splitlines()[0] == (
        "two-coders against the framework of engdahl2025: 0 of 12 sub-themes found."
    )
    assert row_of(text, "mitigating-peer-drifting") == ["mitigating-peer-drifting"]
    assert "not found       0             0  -       PSW, UO" in text
    # Its own framework is outside the built-in one; p1, p3 and p5 are peers, p4 staff.
    assert row_of(text, "holding-hope") == ["holding-hope", "sub-theme", "3", "2", "PEE"]
    assert row_of(text, "voice") == ["voice", "code", "2", "2", "STA"]
    assert_fits(text)


def test_replicate_csv_is_the_table_of_to_pandas(two: Path) -> None:
    from peerlandscape.replication import replicate
    from peerlandscape.replication._results import _COLUMNS

    header, rows = csv_rows(ok("replicate", two, "--reference", two, "--format", "csv"))
    assert header == list(_COLUMNS)
    expected = replicate(two_coder_study(), two_coder_study())
    assert [row["id"] for row in rows] == [
        *(s.subtheme for s in expected.subthemes),
        *(a.id for a in expected.additions),
    ]
    assert rows[0]["status"] == "found"
    assert rows[0]["groups"] == "peers"
    assert rows[-1]["status"] == "added"
    assert rows[-1]["original_quotes"] == ""
    pandas = pytest.importorskip("pandas")
    frame = expected.to_pandas()
    assert [str(v) for v in frame["quotes"]] == [row["quotes"] for row in rows]
    assert pandas.isna(frame["original_quotes"].iloc[-1])


def test_replicate_json_has_the_documented_keys(two: Path) -> None:
    data = json.loads(ok("replicate", two, "--reference", two, "--format", "json"))
    assert list(data) == ["study", "reference", "found", "missing", "subthemes", "additions"]
    assert data["found"] == ["holding-hope", "money-worries"]
    row: dict[str, Any] = data["subthemes"][0]
    assert (row["subtheme"], row["quotes"], row["participants"], row["groups"]) == (
        "holding-hope",
        3,
        2,
        ["peers"],
    )
    assert row["found"] is True
    assert data["additions"][0]["kind"] == "code"


def test_replicate_against_a_reference_without_subthemes_is_one_line(
    two: Path, tmp_path: Path
) -> None:
    bare = pl.write_json(pl.Study(id="bare", title="Bare"), tmp_path / "bare.json")
    assert_one_line_error(run("replicate", two, "--reference", bare), "no sub-themes")


def test_replicate_of_a_missing_study_is_one_line(tmp_path: Path) -> None:
    assert_one_line_error(run("replicate", tmp_path / "none.json"), "no such file")


# --- all four -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["agreement", "TWO", "--seed", "1", "--disagreements"], marks=needs_numpy),
        pytest.param(["agreement", "TWO", "--unit", "character"], marks=needs_numpy),
        ["saturation"],
        ["saturation", "TWO", "--base", "2", "--run", "1"],
        ["checklist", "--guideline", "srqr", "--evidence"],
        ["replicate", "engdahl2025"],
        ["replicate", "TWO"],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("width", [80, 60, 40])
def test_text_output_fits_the_terminal(two: Path, args: list[str], width: int) -> None:
    text = ok(*(str(two) if arg == "TWO" else arg for arg in args), width=width)
    assert_fits(text, width)


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["agreement", "TWO", "--bootstrap", "0"], marks=needs_numpy),
        ["saturation"],
        ["checklist", "--guideline", "coreq"],
        ["replicate", "engdahl2025"],
    ],
    ids=" ".join,
)
def test_headings_are_bold_on_a_terminal_unless_no_color(two: Path, args: list[str]) -> None:
    argv = [str(two) if arg == "TWO" else arg for arg in args]
    coloured = CliRunner(env={"COLUMNS": "80"}).invoke(main, argv, color=True)
    assert "\x1b[1m" in coloured.stdout
    plain = CliRunner(env={"COLUMNS": "80", "NO_COLOR": "1"}).invoke(main, argv, color=True)
    assert "\x1b[" not in plain.stdout


@pytest.mark.parametrize(
    "command",
    [["agreement"], ["saturation"], ["checklist", "--guideline", "coreq"], ["replicate"]],
    ids=" ".join,
)
def test_errors_with_format_json_are_json(command: list[str]) -> None:
    result = run(*command, "no-such.json", "--format", "json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["kind"] == "missing_file"


# --- optional dependencies ------------------------------------------------------------------


def run_without(package: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """Run ``peerlandscape <args>`` in a fresh interpreter where ``package`` cannot be imported."""
    code = (
        f"import sys\nsys.modules[{package!r}] = None\n"
        "from peerlandscape.cli import main\nsys.exit(main(prog_name='peerlandscape'))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=120,
        env={**os.environ, "COLUMNS": "80"},
    )


def test_agreement_without_numpy_names_the_analysis_extra_on_one_line(two: Path) -> None:
    completed = run_without("numpy", "agreement", two)
    assert completed.returncode == 2
    assert completed.stdout == ""
    assert completed.stderr.count("\n") == 1
    assert completed.stderr.startswith("Error: ")
    assert "pip install 'peerlandscape[analysis]'" in completed.stderr
    helped = run_without("numpy", "agreement", "--help")
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("Usage: peerlandscape agreement ")


@pytest.mark.parametrize(
    ("args", "header"),
    [
        (["replicate", "engdahl2025"], "status,kind,id,label,"),
        (["saturation"], "position,interview,date,"),
        (["checklist", "--guideline", "coreq"], "label,domain,name,status,where,evidence"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else None,
)
def test_the_csv_tables_need_no_pandas(args: list[str], header: str) -> None:
    completed = run_without("pandas", *args, "--format", "csv")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(header)
