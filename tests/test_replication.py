"""Specification of the replication view: a study compared with the framework it was coded against.

The built-in study compared with itself finds every sub-theme, voiced by the groups the paper
names; a copy that drops two sub-themes and adds one differs by exactly those, whether it is
compared as built or after a round trip through a REFI-QDA project imported with
``reference="engdahl2025"``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given

import peerlandscape as pl
from peerlandscape.replication import Addition, Replication, replicate
from strategies import FAST, studies

PSW, OFFICIAL, USER_ORG = "peer_support_worker", "official", "user_organization"
DROPPED = ("mitigating-peer-drifting", "grappling-with-the-inferiority-context")
ADDED = "building-peer-networks"


def stated_groups(study: pl.Study) -> dict[str, set[str]]:
    """The groups each sub-theme is attributed to, read straight from the attributions."""
    stated: dict[str, set[str]] = defaultdict(set)
    for attribution in study.attributions:
        stated[attribution.subtheme].update(attribution.groups)
    return stated


def modified(document: dict[str, Any]) -> pl.Study:
    """The built-in study without two sub-themes, and with a new one voiced by two groups."""
    document["subthemes"] = [s for s in document["subthemes"] if s["id"] not in DROPPED]
    document["codings"] = [c for c in document["codings"] if c.get("subtheme") not in DROPPED]
    document["attributions"] = [a for a in document["attributions"] if a["subtheme"] not in DROPPED]
    document["subthemes"].append(
        {"id": ADDED, "label": "Building peer networks", "theme": "evolving-role-of-peer-support"}
    )
    document["quotes"] += [
        {
            "id": "net-1",
            "text": "We meet the other peer supporters monthly.",
            "participant": "psw-3",
        },
        {"id": "net-2", "text": "The network keeps them in the job.", "participant": "official-1"},
    ]
    document["codings"] += [
        {"quote": "net-1", "subtheme": ADDED},
        {"quote": "net-2", "subtheme": ADDED},
    ]
    return pl.Study.model_validate(document)


@pytest.fixture(scope="module")
def itself(engdahl: pl.Study) -> Replication:
    return replicate(engdahl)


# --- the built-in study against itself ---------------------------------------------------------


def test_the_built_in_study_finds_all_twelve_sub_themes_of_itself(
    engdahl: pl.Study, itself: Replication
) -> None:
    assert [row.subtheme for row in itself.subthemes] == [s.id for s in engdahl.subthemes]
    assert len(itself.found) == 12
    assert itself.missing == ()
    assert itself.additions == ()
    for row in itself.subthemes:
        assert row.matched == row.subtheme
        assert row.quotes == row.original_quotes == len(engdahl.index.subtheme_quotes[row.subtheme])
        assert row.participants == row.original_participants


def test_against_itself_each_sub_theme_has_the_original_attributions(
    engdahl: pl.Study, itself: Replication
) -> None:
    stated = stated_groups(engdahl)
    assert set(stated) == {s.id for s in engdahl.subthemes}  # the paper attributes all twelve
    for row in itself.subthemes:
        assert set(row.original_groups) == stated[row.subtheme], row.subtheme
        assert row.groups == row.original_groups
        assert (row.basis, row.original_basis) == ("attributions", "attributions")
        assert row.groups_agree
    # Group order is the study's: peer support workers, officials, user organizations.
    assert itself.get("impacting-the-highest-levels-of-authority").groups == (
        PSW,
        OFFICIAL,
        USER_ORG,
    )


def test_the_reference_may_be_named_given_or_read_from_a_file(
    engdahl: pl.Study, itself: Replication, tmp_path: Path
) -> None:
    path = tmp_path / "reference.json"
    pl.write_json(engdahl, path)
    for reference in ("engdahl2025", engdahl, path, str(path)):
        assert replicate(engdahl, reference) == itself


def test_the_summary_of_the_built_in_study_against_itself(itself: Replication) -> None:
    assert itself.summary() == (
        "engdahl2025 against the framework of engdahl2025: 12 of 12 sub-themes found.\n"
        "Voiced by the groups the original names: 12 of 12.\n"
        "Nothing outside the framework."
    )
    assert str(itself).startswith(itself.summary() + "\n\nsub-theme")
    assert repr(itself) == (
        "<Replication of engdahl2025 in engdahl2025: 12 of 12 sub-themes found, 0 additions>"
    )


# --- a study that drops two sub-themes and adds one --------------------------------------------


def check_drops_and_additions(result: Replication, original: Replication) -> None:
    assert result.missing == DROPPED
    assert len(result.found) == 10
    (addition,) = result.additions
    assert addition == Addition(
        kind="subtheme",
        id=ADDED,
        label="Building peer networks",
        theme="evolving-role-of-peer-support",
        quotes=2,
        participants=2,
        groups=(PSW, OFFICIAL),
    )
    for row, before in zip(result.subthemes, original.subthemes, strict=True):
        # The original's side is the reference's, whatever the study did.
        assert (row.original_quotes, row.original_groups, row.original_basis) == (
            before.original_quotes,
            before.original_groups,
            before.original_basis,
        )
        if row.subtheme in DROPPED:
            assert (row.quotes, row.participants, row.groups) == (0, 0, ())
        else:
            assert (row.quotes, row.participants) == (before.quotes, before.participants)


def test_a_study_that_drops_and_adds_sub_themes_differs_by_exactly_those(
    engdahl_document: dict[str, Any], itself: Replication
) -> None:
    result = replicate(modified(engdahl_document))
    check_drops_and_additions(result, itself)
    assert all(row.matched is None for row in result.subthemes if row.subtheme in DROPPED)
    assert all(row.groups_agree for row in result.subthemes if row.found)
    assert result.summary() == (
        "engdahl2025 against the framework of engdahl2025: 10 of 12 sub-themes found.\n"
        "Not found: Mitigating Peer Drifting; Grappling with the Inferiority Context.\n"
        "Voiced by the groups the original names: 10 of 10.\n"
        "Outside the framework:\n"
        "- sub-theme 'Building peer networks': 2 quotes, 2 participants"
    )


def test_a_refi_project_imported_against_the_reference_differs_by_exactly_those(
    engdahl: pl.Study, engdahl_document: dict[str, Any], itself: Replication, tmp_path: Path
) -> None:
    path = tmp_path / "replication.qdpx"
    pl.write_qdpx(modified(engdahl_document), path)
    study = pl.read_qdpx(path, reference="engdahl2025").study
    # The import carries the reference's twelve sub-themes; two have no quotes.
    assert {s.id for s in engdahl.subthemes} <= {s.id for s in study.subthemes}
    result = replicate(study)
    check_drops_and_additions(result, itself)
    heard = engdahl.index.subtheme_groups
    for row in result.subthemes:
        if row.found:
            # A project states no attributions: its quotes say who voiced each sub-theme.
            assert row.basis == "quotes"
            assert set(row.groups) == heard[row.subtheme]


def test_an_unchanged_refi_project_finds_all_twelve(engdahl: pl.Study, tmp_path: Path) -> None:
    path = tmp_path / "same.qdpx"
    pl.write_qdpx(engdahl, path)
    result = replicate(pl.read_qdpx(path, reference="engdahl2025").study)
    assert len(result.found) == 12
    assert result.additions == ()
    differ = {row.subtheme for row in result.subthemes if not row.groups_agree}
    # The paper prints fewer quotes than it attributes: where its words name more groups than
    # its quotes come from, a project of those quotes hears fewer.
    stated = stated_groups(engdahl)
    assert differ == {
        s for s, groups in stated.items() if groups != engdahl.index.subtheme_groups[s]
    }
    assert "mitigating-peer-drifting" in differ


def test_a_projects_own_codes_named_like_sub_themes_find_them(tmp_path: Path) -> None:
    # A team's own codebook, no framework of its own: on import, a code named like a
    # sub-theme of the reference is placed under it; a code named like nothing has no place.
    own = pl.Study(
        id="own-codebook",
        title="Own codebook",
        groups=[
            {"id": PSW, "label": "Peer support workers"},
            {"id": OFFICIAL, "label": "Officials"},
        ],
        participants=[
            {"id": "a", "label": "Worker A", "group": PSW},
            {"id": "b", "label": "Official B", "group": OFFICIAL},
        ],
        quotes=[
            {"id": "q1", "text": "I drift towards staff work.", "participant": "a"},
            {"id": "q2", "text": "We need a peer network.", "participant": "b"},
            {"id": "q3", "text": "Drifting is a risk.", "participant": "b"},
        ],
        codes=[
            {"id": "drift", "label": "Mitigating peer drifting"},
            {"id": "network", "label": "Peer networks"},
        ],
        codings=[
            {"quote": "q1", "code": "drift"},
            {"quote": "q3", "code": "drift"},
            {"quote": "q2", "code": "network"},
        ],
    )
    pl.write_qdpx(own, tmp_path / "own.qdpx")
    study = pl.read_qdpx(tmp_path / "own.qdpx", reference="engdahl2025").study
    result = replicate(study)
    assert result.found == ("mitigating-peer-drifting",)
    row = result.get("mitigating-peer-drifting")
    assert (row.quotes, row.participants, row.groups) == (2, 2, (PSW, OFFICIAL))
    assert (row.groups_added, row.groups_unheard) == ((OFFICIAL,), (USER_ORG,))
    assert [(a.kind, a.label, a.quotes, a.groups) for a in result.additions] == [
        ("code", "Peer networks", 1, (OFFICIAL,))
    ]


@FAST
@given(studies())
def test_any_study_against_itself_finds_what_its_quotes_reach(study: pl.Study) -> None:
    assume(study.subthemes)
    result = replicate(study, study)
    reached = study.index.subtheme_quotes
    assert result.found == tuple(s.id for s in study.subthemes if reached[s.id])
    for row in result.subthemes:
        assert row.matched == row.subtheme
        assert (row.quotes, row.groups, row.basis) == (
            row.original_quotes,
            row.original_groups,
            row.original_basis,
        )
    # Against itself, only what reaches no sub-theme and no theme lacks a place.
    assert {a.kind for a in result.additions} <= {"code", "candidate_theme"}
    unplaced = {
        coding.quote
        for coding, path in zip(study.codings, study.index.coding_paths, strict=True)
        if path == (None, None)
    }
    assert bool(result.additions) == bool(unplaced)


# --- matching and additions in small studies ---------------------------------------------------


def small_reference() -> pl.Study:
    return pl.Study(
        id="ref",
        title="Reference",
        groups=[{"id": "g1", "label": "Group one"}, {"id": "g2", "label": "Group two"}],
        participants=[
            {"id": "r1", "label": "R1", "group": "g1"},
            {"id": "r2", "label": "R2", "group": "g2"},
        ],
        quotes=[
            {"id": "rq1", "text": "x", "participant": "r1"},
            {"id": "rq2", "text": "y", "participant": "r2"},
        ],
        themes=[{"id": "t", "label": "Theme"}],
        subthemes=[
            {"id": "drift", "label": "Mitigating peer drifting", "theme": "t"},
            {"id": "pay", "label": "Fair pay", "theme": "t"},
        ],
        codings=[{"quote": "rq1", "subtheme": "drift"}, {"quote": "rq2", "subtheme": "pay"}],
    )


def test_sub_themes_are_matched_by_label_when_the_ids_differ() -> None:
    study = pl.Study(
        id="mine",
        title="Mine",
        groups=[{"id": "g2", "label": "Group two"}],
        participants=[{"id": "m1", "label": "M1", "group": "g2"}],
        quotes=[{"id": "mq", "text": "z", "participant": "m1"}],
        themes=[{"id": "my-theme", "label": "THEME"}],
        subthemes=[{"id": "s-7", "label": "  mitigating   Peer drifting ", "theme": "my-theme"}],
        codings=[{"quote": "mq", "subtheme": "s-7"}],
    )
    result = replicate(study, small_reference())
    row = result.get("drift")
    assert (row.matched, row.quotes, row.groups, row.basis) == ("s-7", 1, ("g2",), "quotes")
    # The reference states no attributions either: its quotes stand in for them.
    assert (row.original_groups, row.original_basis) == (("g1",), "quotes")
    assert not row.groups_agree
    assert (row.groups_added, row.groups_unheard) == (("g2",), ("g1",))
    assert result.missing == ("pay",)
    assert result.additions == ()  # the theme matched by its label too
    assert "- Mitigating peer drifting: also g2; not heard from g1" in result.summary()


def test_what_the_framework_has_no_place_for() -> None:
    study = pl.Study(
        id="mine",
        title="Mine",
        groups=[{"id": "g1", "label": "Group one"}],
        participants=[{"id": "m1", "label": "M1", "group": "g1"}],
        interviews=[{"id": "i", "label": "I", "format": "focus_group", "stakeholder_group": "g1"}],
        quotes=[
            {"id": "q1", "text": "a", "participant": "m1"},
            {"id": "q2", "text": "b", "interview": "i"},
            {"id": "q3", "text": "c", "participant": "m1"},
        ],
        themes=[{"id": "t", "label": "Theme"}, {"id": "new", "label": "A new theme"}],
        subthemes=[
            {"id": "drift", "label": "Drift", "theme": "t"},
            {"id": "new-sub", "label": "A new sub-theme", "theme": "new"},
            {"id": "empty", "label": "Never coded", "theme": "t"},
        ],
        candidate_themes=[{"id": "loose", "label": "Loose candidate"}],
        codes=[
            {"id": "root", "label": "Orphan root"},
            {"id": "leaf", "label": "Orphan leaf", "parent": "root"},
            {"id": "grouped", "label": "Grouped", "candidate_theme": "loose"},
            {"id": "unused", "label": "Never applied"},
            {"id": "placed", "label": "Placed", "subtheme": "drift"},
        ],
        codings=[
            {"quote": "q1", "code": "placed"},
            {"quote": "q1", "code": "leaf"},
            {"quote": "q3", "code": "root"},
            {"quote": "q2", "code": "grouped"},
            {"quote": "q3", "subtheme": "new-sub"},
            {"quote": "q2", "theme": "new"},
        ],
    )
    result = replicate(study, small_reference())
    assert result.found == ("drift",)
    assert [
        (a.kind, a.id, a.theme, a.quotes, a.participants, a.groups) for a in result.additions
    ] == [
        ("theme", "new", None, 2, 1, ("g1",)),  # q3 through its sub-theme, q2 directly
        ("subtheme", "new-sub", "new", 1, 1, ("g1",)),
        ("subtheme", "empty", "t", 0, 0, ()),
        ("candidate_theme", "loose", None, 1, 0, ("g1",)),  # q2: its interview's group
        ("code", "root", None, 2, 1, ("g1",)),  # the leaf's quote counts for its root
    ]


def test_the_table_lists_the_reference_sub_themes_then_the_additions(
    engdahl_document: dict[str, Any],
) -> None:
    table = replicate(modified(engdahl_document)).to_pandas()
    assert list(table.columns) == [
        "status",
        "kind",
        "id",
        "label",
        "theme",
        "matched",
        "quotes",
        "participants",
        "groups",
        "basis",
        "original_quotes",
        "original_participants",
        "original_groups",
        "original_basis",
        "groups_agree",
    ]
    assert table.attrs == {"study": "engdahl2025", "reference": "engdahl2025"}
    assert table["status"].value_counts().to_dict() == {"found": 10, "not found": 2, "added": 1}
    assert table.loc[table["status"] == "not found", "id"].tolist() == list(DROPPED)
    added = table.iloc[-1]
    assert (added["id"], added["quotes"], added["groups"]) == (ADDED, 2, (PSW, OFFICIAL))
    assert added[["original_quotes", "original_groups", "groups_agree"]].isna().all()
    assert table.loc[table["status"] == "not found", "groups_agree"].isna().all()
    assert str(table["original_quotes"].dtype) == "Int64"
    assert str(table["groups_agree"].dtype) == "boolean"


def test_the_html_view_names_sub_themes_and_groups_by_label(
    engdahl_document: dict[str, Any],
) -> None:
    html = replicate(modified(engdahl_document))._repr_html_()
    assert html.startswith("<table><caption>engdahl2025 against the framework of engdahl2025")
    assert "<th>Mitigating Peer Drifting</th><td>no</td><td>0</td>" in html
    assert "Building peer networks <small>(sub-theme)</small></th><td>added</td>" in html
    assert "Peer support workers, County council and municipality officials" in html


# --- refusals ----------------------------------------------------------------------------------


def test_a_reference_that_is_not_a_study_name_or_path_is_refused(engdahl: pl.Study) -> None:
    with pytest.raises(pl.InvalidOptionError, match="reference must be a Study"):
        replicate(engdahl, 2025)  # type: ignore[arg-type]
    with pytest.raises(pl.InvalidOptionError, match="replicate takes a Study, not dict"):
        replicate(json.loads(engdahl.model_dump_json()))  # type: ignore[arg-type]


def test_a_reference_without_sub_themes_is_refused(engdahl: pl.Study) -> None:
    with pytest.raises(pl.InvalidOptionError, match="'bare' has no sub-themes"):
        replicate(engdahl, pl.Study(id="bare", title="Bare"))


def test_a_missing_reference_file_is_named(engdahl: pl.Study, tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError):
        replicate(engdahl, tmp_path / "nowhere.json")


def test_an_unknown_sub_theme_is_named(itself: Replication) -> None:
    with pytest.raises(pl.UnknownIdError, match="'engdahl2025' has no sub-theme with id 'x'"):
        itself.get("x")


def test_only_the_table_needs_pandas() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["pandas"] = None
        import peerlandscape as pl
        from peerlandscape.replication import replicate
        result = replicate(pl.datasets.engdahl2025())
        print(len(result.found), result._repr_html_()[:7])
        try:
            result.to_pandas()
        except pl.MissingDependencyError as exc:
            print(exc.package, exc.extra)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["12 <table>", "pandas tables"]
