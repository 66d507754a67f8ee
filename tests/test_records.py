"""The flat view of quotes: one record per coding, the link between a quote and the framework."""

from __future__ import annotations

from typing import Any

from hypothesis import given

import peerlandscape as pl
from peerlandscape.models import Study
from strategies import FAST, studies


def demo_study() -> Study:
    """Two quotes with codings and placements, a quote with no link, and a code tree.

    The placements (sub-theme codings with no coder) follow the codings of codes, quote by
    quote, as a 1.0 document's placements do once migrated.
    """
    return Study(
        id="demo",
        title="Demo",
        groups=[
            {"id": "peer_support_worker", "label": "PSWs"},
            {"id": "carers", "label": "Carers"},
        ],
        participants=[
            {"id": "psw-1", "label": "Peer support worker 1", "group": "peer_support_worker"},
            {"id": "carer-1", "label": "Carer 1", "group": "carers"},
        ],
        interviews=[{"id": "fg-1", "label": "Focus group 1", "format": "focus_group"}],
        coders=[{"id": "pe", "label": "PE"}],
        themes=[{"id": "t1", "label": "Theme 1"}, {"id": "t2", "label": "Theme 2"}],
        subthemes=[
            {"id": "s1", "label": "Sub-theme 1", "theme": "t1"},
            {"id": "s2", "label": "Sub-theme 2", "theme": "t2"},
        ],
        candidate_themes=[
            {"id": "ct-placed", "label": "Placed", "subtheme": "s2"},
            {"id": "ct-floating", "label": "Floating"},
        ],
        codes=[
            # The child is listed before its parent: resolution must not depend on order.
            {"id": "grandchild", "label": "Grandchild", "parent": "child"},
            {"id": "child", "label": "Child", "parent": "root"},
            {"id": "root", "label": "Root", "candidate_theme": "ct-placed"},
            {"id": "direct", "label": "Direct", "subtheme": "s1"},
            {"id": "floating", "label": "Floating", "candidate_theme": "ct-floating"},
            {"id": "orphan", "label": "Orphan"},
            {"id": "orphan-child", "label": "Orphan child", "parent": "orphan"},
        ],
        quotes=[
            {
                "id": "q1",
                "text": "Vi måste bli inbjudna 🌱",
                "participant": "psw-1",
                "interview": "fg-1",
            },
            {"id": "q-unlinked", "text": "Nothing links here.", "participant": "carer-1"},
            {"id": "q2", "text": "Unattributed."},
        ],
        codings=[
            {"quote": "q2", "code": "orphan-child"},
            {"quote": "q1", "code": "grandchild", "coder": "pe"},
            {"quote": "q2", "code": "floating", "coder": "pe"},
            {"quote": "q1", "code": "direct"},
            {"quote": "q1", "subtheme": "s1"},
            {"quote": "q1", "subtheme": "s2"},
            {"quote": "q2", "subtheme": "s2"},
        ],
    )


def project(records: list[pl.QuoteRecord], *keys: str) -> list[tuple[Any, ...]]:
    return [tuple(record[key] for key in keys) for record in records]  # type: ignore[literal-required]


def test_the_keys_are_fixed_and_ordered() -> None:
    assert pl.QUOTE_RECORD_KEYS == (
        "quote_id",
        "text",
        "interview_id",
        "participant_id",
        "participant_label",
        "stakeholder_group",
        "code",
        "subtheme",
        "theme",
        "coder",
    )
    for record in pl.quote_records(demo_study()):
        assert tuple(record) == pl.QUOTE_RECORD_KEYS


# (quote, code, sub-theme) of every record of demo_study(), in order.
DEMO_LINKS = [
    ("q1", "grandchild", "s2"),
    ("q1", "direct", "s1"),
    ("q1", None, "s1"),
    ("q1", None, "s2"),
    ("q2", "orphan-child", None),
    ("q2", "floating", None),
    ("q2", None, "s2"),
]


def test_one_record_per_coding_quote_by_quote_in_study_order() -> None:
    assert project(pl.quote_records(demo_study()), "quote_id", "code", "subtheme") == DEMO_LINKS


def test_a_quote_with_no_link_gives_no_record() -> None:
    assert "q-unlinked" not in {r["quote_id"] for r in pl.quote_records(demo_study())}


def test_an_empty_study_gives_no_records() -> None:
    assert pl.quote_records(Study(id="empty", title="Empty")) == []


def test_a_code_reaches_its_theme_through_its_candidate_theme_and_sub_theme() -> None:
    records = [r for r in pl.quote_records(demo_study()) if r["code"] in {"grandchild", "direct"}]
    assert project(records, "code", "subtheme", "theme") == [
        ("grandchild", "s2", "t2"),
        ("direct", "s1", "t1"),
    ]


def test_a_code_that_reaches_no_sub_theme_has_none_for_sub_theme_and_theme() -> None:
    records = [r for r in pl.quote_records(demo_study()) if r["quote_id"] == "q2" and r["code"]]
    assert project(records, "code", "subtheme", "theme") == [
        ("orphan-child", None, None),
        ("floating", None, None),
    ]


def test_a_placement_has_no_code_and_no_coder() -> None:
    placements = [r for r in pl.quote_records(demo_study()) if r["code"] is None]
    assert project(placements, "quote_id", "coder", "subtheme", "theme") == [
        ("q1", None, "s1", "t1"),
        ("q1", None, "s2", "t2"),
        ("q2", None, "s2", "t2"),
    ]


def test_the_coder_is_given_when_known_and_none_otherwise() -> None:
    codings = [r for r in pl.quote_records(demo_study()) if r["code"] is not None]
    assert project(codings, "code", "coder") == [
        ("grandchild", "pe"),
        ("direct", None),
        ("orphan-child", None),
        ("floating", "pe"),
    ]


def test_a_record_carries_the_quote_and_who_said_it() -> None:
    first = pl.quote_records(demo_study())[0]
    assert first == {
        "quote_id": "q1",
        "text": "Vi måste bli inbjudna 🌱",
        "interview_id": "fg-1",
        "participant_id": "psw-1",
        "participant_label": "Peer support worker 1",
        "stakeholder_group": "peer_support_worker",
        "code": "grandchild",
        "subtheme": "s2",
        "theme": "t2",
        "coder": "pe",
    }


def test_an_unattributed_quote_has_none_for_participant_group_and_interview() -> None:
    records = [r for r in pl.quote_records(demo_study()) if r["quote_id"] == "q2"]
    assert records
    assert project(records, "participant_id", "participant_label", "stakeholder_group") == [
        (None, None, None)
    ] * len(records)
    assert {r["interview_id"] for r in records} == {None}


def test_records_are_fresh_plain_dictionaries() -> None:
    study = demo_study()
    first = pl.quote_records(study)
    first[0]["text"] = "changed"
    assert pl.quote_records(study)[0]["text"] == "Vi måste bli inbjudna 🌱"


def test_a_coding_of_a_candidate_theme_or_a_theme_reaches_as_far_as_it_leads() -> None:
    study = demo_study().model_copy(
        update={
            "codings": [
                {"quote": "q1", "candidate_theme": "ct-placed", "coder": "pe"},
                {"quote": "q1", "candidate_theme": "ct-floating"},
                {"quote": "q1", "theme": "t1", "coder": "pe"},
                {"quote": "q1", "subtheme": "s1", "coder": "pe"},
            ]
        }
    )
    assert project(pl.quote_records(study), "code", "subtheme", "theme", "coder") == [
        (None, "s2", "t2", "pe"),
        (None, None, None, None),
        (None, None, "t1", "pe"),
        (None, "s1", "t1", "pe"),
    ]


def test_a_code_under_a_theme_reaches_the_theme_and_no_sub_theme() -> None:
    base = demo_study()
    study = base.model_copy(
        update={
            "codes": [*base.codes, {"id": "broad", "label": "Broad", "theme": "t1"}],
            "codings": [{"quote": "q2", "code": "broad"}],
        }
    )
    assert project(pl.quote_records(study), "code", "subtheme", "theme") == [("broad", None, "t1")]


def test_the_builtin_study_gives_one_record_per_coding(engdahl: Study) -> None:
    records = pl.quote_records(engdahl)
    placements = [c for c in engdahl.codings if c.subtheme is not None and c.coder is None]
    assert len(records) == len(engdahl.codings)
    assert [r for r in records if r["code"] is None and r["coder"] is None]
    assert len(placements) == 15
    assert len(engdahl.codings) == 17


def test_every_builtin_record_names_a_theme_that_holds_its_sub_theme(engdahl: Study) -> None:
    theme_of = {s.id: s.theme for s in engdahl.subthemes}
    for record in pl.quote_records(engdahl):
        assert record["subtheme"] is not None
        assert record["theme"] == theme_of[record["subtheme"]]


# --- against an independent reading of the contract, for any study ----------------------


def reached(study: Study, coding: pl.Coding) -> tuple[str | None, str | None]:
    """The (sub-theme, theme) a coding reaches, read from the study's fields alone."""
    codes = {c.id: c for c in study.codes}
    candidates = {c.id: c for c in study.candidate_themes}
    theme_of = {s.id: s.theme for s in study.subthemes}
    subtheme, theme = coding.subtheme, coding.theme
    if coding.candidate_theme is not None:
        subtheme = candidates[coding.candidate_theme].subtheme
    elif coding.code is not None:
        # Up the parent codes to the one that is placed somewhere (or to the root).
        code = codes[coding.code]
        while code.parent is not None:
            code = codes[code.parent]
        subtheme, theme = code.subtheme, code.theme
        if code.candidate_theme is not None:
            subtheme = candidates[code.candidate_theme].subtheme
    if subtheme is not None:
        theme = theme_of[subtheme]
    return subtheme, theme


def expected_records(study: Study) -> list[dict[str, str | None]]:
    participants = {p.id: p for p in study.participants}
    expected = []
    for quote in study.quotes:
        links = [
            (c.code, *reached(study, c), c.coder) for c in study.codings if c.quote == quote.id
        ]
        person = participants.get(quote.participant) if quote.participant else None
        for code, subtheme, theme, coder in links:
            expected.append(
                {
                    "quote_id": quote.id,
                    "text": quote.text,
                    "interview_id": quote.interview,
                    "participant_id": quote.participant,
                    "participant_label": person.label if person else None,
                    "stakeholder_group": person.group if person else None,
                    "code": code,
                    "subtheme": subtheme,
                    "theme": theme,
                    "coder": coder,
                }
            )
    return expected


@FAST
@given(study=studies())
def test_records_follow_the_contract_for_any_study(study: Study) -> None:
    records = pl.quote_records(study)
    assert records == expected_records(study)
    for record in records:
        assert tuple(record) == pl.QUOTE_RECORD_KEYS
        assert all(type(value) in (str, type(None)) for value in record.values())


def test_the_oracle_agrees_with_the_hand_written_expectations() -> None:
    # Guards the oracle above: were it wrong in the same way as the code, the property test
    # would still pass.
    assert project(expected_records(demo_study()), "quote_id", "code", "subtheme") == DEMO_LINKS
