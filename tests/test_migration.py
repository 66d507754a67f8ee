"""Reading schema 1.0 documents: each golden document migrates to the 1.1 study it stands for.

``tests/golden/1.0/`` keeps documents as schema 1.0 wrote them: the built-in study as
1.0 shipped it, and small hand-written ones that each exercise one part of the
1.0 -> 1.1 step. In 1.0 a quote listed the sub-themes a paper placed it under
(``Quote.subthemes``); in 1.1 each placement is a :class:`~peerlandscape.Coding` of the
sub-theme with no coder, appended after the document's own codings, in quote order.
Everything else in a 1.0 document is valid 1.1. Whatever was read, writing writes 1.1.

The expected studies below are written out by hand, not computed by the migration.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import peerlandscape as pl
from peerlandscape import (
    CandidateTheme,
    Code,
    Coder,
    Coding,
    Facilitator,
    Interview,
    Participant,
    Quote,
    Region,
    Source,
    Span,
    StakeholderGroupDefinition,
    Study,
    SubTheme,
    Theme,
)

GOLDEN = Path(__file__).parent / "golden" / "1.0"
"""Documents as schema 1.0 wrote them."""

Reader = Callable[[Path], Study]

READERS: dict[str, Reader] = {
    "read_json": pl.read_json,
    "study_from_json-bytes": lambda path: pl.study_from_json(path.read_bytes(), where=path.name),
    "study_from_json-text": lambda path: pl.study_from_json(
        path.read_text(encoding="utf-8"), where=path.name
    ),
    "study_from_dict": lambda path: pl.study_from_dict(
        json.loads(path.read_text(encoding="utf-8")), where=path.name
    ),
}


def document(name: str) -> dict[str, Any]:
    """Return the golden 1.0 document ``name`` as decoded JSON."""
    raw: dict[str, Any] = json.loads((GOLDEN / name).read_text(encoding="utf-8"))
    return raw


# --- the hand-written documents, and the 1.1 studies they stand for -------------------------

PSW = StakeholderGroupDefinition(id="peer_support_worker", label="Peer support workers")
SCALING_UP = Theme(id="scaling-up", label="Scaling up")
ROLE = Theme(id="role", label="The role")

CODINGS_AND_CODERS = Study(
    id="codings-and-coders",
    title="Two coders code two quotes",
    groups=[PSW],
    participants=[
        Participant(id="psw-1", label="Peer support worker 1", group="peer_support_worker")
    ],
    quotes=[
        Quote(id="q-funding", text="There is never money for us.", participant="psw-1"),
        Quote(id="q-hope", text="I show them that recovery is possible.", participant="psw-1"),
    ],
    coders=[
        Coder(id="pe", label="PE", role="first author, primary coder"),
        Coder(id="ea", label="EA"),
    ],
    codes=[
        Code(id="funding", label="Funding", candidate_theme="lacking-funding"),
        Code(id="short-term-funding", label="Short-term funding", parent="funding"),
        Code(id="mirroring", label="Mirroring", subtheme="supporting-recovery"),
    ],
    # 1.0 codings are 1.1 codings of a code, unchanged and in their order.
    codings=[
        Coding(quote="q-funding", code="short-term-funding", coder="pe"),
        Coding(quote="q-funding", code="short-term-funding", coder="ea"),
        Coding(quote="q-hope", code="mirroring", coder="pe"),
        Coding(quote="q-hope", code="mirroring"),
    ],
    candidate_themes=[
        CandidateTheme(
            id="lacking-funding", label="Lacking funding", subtheme="financial-sustainability"
        )
    ],
    subthemes=[
        SubTheme(
            id="financial-sustainability", label="Financial sustainability", theme="scaling-up"
        ),
        SubTheme(id="supporting-recovery", label="Supporting recovery", theme="role"),
    ],
    themes=[SCALING_UP, ROLE],
)

PLACEMENTS = Study(
    id="placements",
    title="A paper places its quotes under sub-themes",
    groups=[PSW, StakeholderGroupDefinition(id="official", label="Officials")],
    participants=[
        Participant(id="psw-12", label="Peer support worker 12", group="peer_support_worker"),
        Participant(id="official-3", label="Official 3", group="official"),
    ],
    quotes=[
        Quote(id="q-drifting", text="You start talking like the staff.", participant="psw-12"),
        Quote(id="q-unplaced", text="It was a long day.", participant="psw-12"),
        Quote(
            id="q-strategy",
            text="We never had a plan for the long term.",
            participant="official-3",
        ),
    ],
    # Each placement is a sub-theme coding with no coder: quote by quote, each quote's
    # sub-themes in the order it listed them.
    codings=[
        Coding(quote="q-drifting", subtheme="mitigating-drifting"),
        Coding(quote="q-strategy", subtheme="long-term-strategy"),
        Coding(quote="q-strategy", subtheme="mitigating-drifting"),
    ],
    subthemes=[
        SubTheme(id="mitigating-drifting", label="Mitigating peer drifting", theme="role"),
        SubTheme(id="long-term-strategy", label="A long-term strategy", theme="scaling-up"),
    ],
    themes=[ROLE, SCALING_UP],
)

CODINGS_AND_PLACEMENTS = Study(
    id="codings-and-placements",
    title="One quote both coded and placed",
    quotes=[
        Quote(id="q-both", text="Without a budget line we are the first to go."),
        Quote(id="q-coded", text="Wage subsidies end after a year."),
        Quote(id="q-placed", text="Managers need their own budgets."),
    ],
    coders=[Coder(id="pe", label="PE")],
    codes=[
        Code(id="budget", label="Budget", subtheme="financial-sustainability"),
        Code(id="wage-subsidy", label="Wage subsidy", subtheme="employment-formats"),
    ],
    # The document's codings first, as they were; then the placements, in quote order. q-both
    # keeps both links: its codes, and its placements under the same and another sub-theme.
    codings=[
        Coding(quote="q-coded", code="wage-subsidy", coder="pe"),
        Coding(quote="q-both", code="budget", coder="pe"),
        Coding(quote="q-both", code="wage-subsidy"),
        Coding(quote="q-both", subtheme="employment-formats"),
        Coding(quote="q-both", subtheme="financial-sustainability"),
        Coding(quote="q-placed", subtheme="employment-formats"),
    ],
    subthemes=[
        SubTheme(
            id="financial-sustainability", label="Financial sustainability", theme="scaling-up"
        ),
        SubTheme(id="employment-formats", label="Employment formats", theme="scaling-up"),
    ],
    themes=[SCALING_UP],
)

TRANSCRIPT = "Moderator: Welcome. PSW 1: Kamratstöd ger hopp. PSW 2: Vi måste bli inbjudna."

INTERVIEWS_AND_SPANS = Study(
    id="interviews-and-spans",
    title="Interviews with their participants, transcripts and spans",
    regions=[Region(id="south", label="A region in southern Sweden")],
    groups=[
        StakeholderGroupDefinition(
            id="peer_support_worker", label="Peer support workers", declared_size=2
        ),
        StakeholderGroupDefinition(id="official", label="Officials", declared_size=1),
    ],
    participants=[
        Participant(id="psw-1", label="Peer support worker 1", group="peer_support_worker"),
        Participant(id="psw-2", label="Peer support worker 2", group="peer_support_worker"),
        Participant(id="official-1", label="Official 1", group="official"),
    ],
    interviews=[
        Interview(
            id="focus-group-1",
            label="Focus group 1",
            format="focus_group",
            mode="in_person",
            stakeholder_group="peer_support_worker",
            participants=["psw-2", "psw-1"],
            facilitators=[
                Facilitator(role="moderator", researcher="PE"),
                Facilitator(role="assistant"),
            ],
            date="2023-06",
            region="south",
        ),
        Interview(
            id="interview-official-1",
            label="Interview with official 1",
            format="individual",
            mode="online_video",
            platform="Zoom",
            stakeholder_group="official",
            participants=["official-1"],
        ),
        # Who took part is not known: None stays None, distinct from nobody.
        Interview(
            id="focus-group-2",
            label="Focus group 2",
            format="focus_group",
            stakeholder_group="peer_support_worker",
            participants=None,
        ),
    ],
    sources=[
        Source(
            id="transcript-focus-group-1",
            label="focus-group-1.txt",
            interview="focus-group-1",
            text=TRANSCRIPT,
            language="sv",
        )
    ],
    quotes=[
        Quote(
            id="q-hope",
            text="Kamratstöd ger hopp.",
            participant="psw-1",
            interview="focus-group-1",
            source="transcript-focus-group-1",
            span=Span(27, 47),
        ),
        Quote(
            id="q-invited",
            text="Vi måste bli inbjudna.",
            participant="psw-2",
            interview="focus-group-1",
            source="transcript-focus-group-1",
            span=Span(55, 77),
            label="Invited",
            notes=['Translated in the paper as "We must be invited in."'],
        ),
    ],
    codes=[Code(id="invitation", label="Invitation", subtheme="hope")],
    codings=[
        Coding(quote="q-invited", code="invitation"),
        Coding(quote="q-hope", subtheme="hope"),
    ],
    subthemes=[SubTheme(id="hope", label="Instilling hope", theme="role")],
    themes=[ROLE],
)

EXPECTED: dict[str, Study] = {
    "codings-and-coders.json": CODINGS_AND_CODERS,
    "placements.json": PLACEMENTS,
    "codings-and-placements.json": CODINGS_AND_PLACEMENTS,
    "interviews-and-spans.json": INTERVIEWS_AND_SPANS,
}


def test_every_golden_document_is_a_1_0_document_and_is_tested() -> None:
    names = {path.name for path in GOLDEN.glob("*.json")}
    assert names == {*EXPECTED, "engdahl2025.json"}
    for name in names:
        assert document(name)["schema_version"] == "1.0"


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS)
@pytest.mark.parametrize("name", EXPECTED)
def test_a_1_0_document_reads_as_the_1_1_study_it_stands_for(name: str, reader: Reader) -> None:
    study = reader(GOLDEN / name)
    assert study.schema_version == "1.1"
    assert study == EXPECTED[name]


def test_placements_become_subtheme_codings_with_no_coder_after_the_codings() -> None:
    study = pl.read_json(GOLDEN / "codings-and-placements.json")
    placed = [c for c in study.codings if c.target[0] == "subtheme"]
    assert [(c.quote, c.subtheme) for c in placed] == [
        ("q-both", "employment-formats"),
        ("q-both", "financial-sustainability"),
        ("q-placed", "employment-formats"),
    ]
    assert all((c.coder, c.when, c.guid) == (None, None, None) for c in placed)
    assert study.codings[: len(document("codings-and-placements.json")["codings"])] == tuple(
        Coding(**coding) for coding in document("codings-and-placements.json")["codings"]
    )


def test_a_placed_quote_reaches_its_subthemes_as_it_did_in_1_0() -> None:
    study = pl.read_json(GOLDEN / "codings-and-placements.json")
    reached = study.index.subtheme_quotes
    assert reached["employment-formats"] == {"q-both", "q-coded", "q-placed"}
    assert reached["financial-sustainability"] == {"q-both"}


def test_reading_a_1_0_document_leaves_the_callers_dict_unchanged() -> None:
    given = document("codings-and-placements.json")
    before = copy.deepcopy(given)
    pl.study_from_dict(given)
    assert given == before


@pytest.mark.parametrize("name", [*EXPECTED, "engdahl2025.json"])
def test_writing_a_migrated_study_writes_1_1(name: str, tmp_path: Path) -> None:
    study = pl.read_json(GOLDEN / name)
    path = pl.write_json(study, tmp_path / name)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["schema_version"] == pl.SCHEMA_VERSION == "1.1"
    assert not [quote for quote in written["quotes"] if "subthemes" in quote]
    assert pl.read_json(path) == study


def test_a_1_1_document_cannot_place_quotes_the_1_0_way() -> None:
    current = {**document("placements.json"), "schema_version": "1.1"}
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_dict(current)
    assert {(e["type"], e["loc"]) for e in exc.value.errors} == {
        ("extra_forbidden", ("quotes", 0, "subthemes")),
        ("extra_forbidden", ("quotes", 1, "subthemes")),
        ("extra_forbidden", ("quotes", 2, "subthemes")),
    }


def test_placements_that_are_not_a_list_are_reported_where_they_stood() -> None:
    old = document("placements.json")
    old["quotes"][0]["subthemes"] = "mitigating-drifting"
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_dict(old)
    assert [(e["type"], e["loc"]) for e in exc.value.errors] == [
        ("extra_forbidden", ("quotes", 0, "subthemes"))
    ]


def test_a_placement_under_an_unknown_subtheme_is_still_refused() -> None:
    old = document("placements.json")
    old["quotes"][2]["subthemes"] = ["long-term-strategy", "no-such-subtheme"]
    with pytest.raises(pl.StudyValidationError) as exc:
        pl.study_from_dict(old, where="old.json")
    # Reported where the migrated document holds it: the third coding, the placement.
    assert [(e["type"], e["loc"], e["input"]) for e in exc.value.errors] == [
        ("unknown_reference", ("codings", 2, "subtheme"), "no-such-subtheme")
    ]


# --- the built-in study ----------------------------------------------------------------------

COMPLETED = ("design", "coders", "attributions", "notes")
"""Fields of the built-in study completed from the paper since 1.0 shipped it."""

REWORDED: dict[str, set[str]] = {
    "interviews": {"setting"},
    "subthemes": {"description"},
}
"""Fields of its objects held closer to the paper's words since then (no change of meaning)."""


def without(objects: tuple[Any, ...], fields: set[str]) -> list[dict[str, Any]]:
    return [obj.model_dump(exclude=fields) for obj in objects]


def assert_same_analysis(migrated: Study, current: Study) -> None:
    """Assert two versions of the built-in study encode the same data and framework.

    Everything must be equal, the quotes, codings and framework above all, except the
    fields the dataset completed or reworded since; completing only ever added to them.
    """
    for field in Study.model_fields:
        if field in COMPLETED or field == "schema_version":
            continue
        old, new = getattr(migrated, field), getattr(current, field)
        if field in REWORDED:
            assert without(old, REWORDED[field]) == without(new, REWORDED[field]), field
        else:
            assert old == new, field
    assert set(migrated.coders) <= set(current.coders)
    assert set(migrated.attributions) <= set(current.attributions)
    assert set(migrated.notes) <= set(current.notes)


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS)
def test_the_builtin_study_as_1_0_shipped_it_reads_as_todays_dataset(
    reader: Reader, engdahl: Study
) -> None:
    migrated = reader(GOLDEN / "engdahl2025.json")
    assert migrated.schema_version == "1.1"
    assert_same_analysis(migrated, engdahl)


def test_the_builtin_placements_are_todays_subtheme_codings_with_no_coder(engdahl: Study) -> None:
    old = document("engdahl2025.json")
    placements = [
        (quote["id"], subtheme) for quote in old["quotes"] for subtheme in quote["subthemes"]
    ]
    assert len(old["codings"]) == 2
    assert len(placements) == 15
    migrated = pl.read_json(GOLDEN / "engdahl2025.json")
    assert [(c.quote, c.code, c.coder) for c in migrated.codings[:2]] == [
        (coding["quote"], coding["code"], coding.get("coder")) for coding in old["codings"]
    ]
    assert [(c.quote, c.subtheme, c.coder) for c in migrated.codings[2:]] == [
        (quote, subtheme, None) for quote, subtheme in placements
    ]
    assert migrated.codings == engdahl.codings


def test_the_comparison_notices_a_changed_quote_or_coding(engdahl: Study) -> None:
    # The helper must not pass whatever it is given.
    migrated = pl.read_json(GOLDEN / "engdahl2025.json")
    changed = migrated.model_copy(update={"codings": migrated.codings[:-1]})
    with pytest.raises(AssertionError, match="codings"):
        assert_same_analysis(changed, engdahl)
    reworded = [
        quote.model_copy(update={"text": quote.text + "!"}) if position == 0 else quote
        for position, quote in enumerate(migrated.quotes)
    ]
    with pytest.raises(AssertionError, match="quotes"):
        assert_same_analysis(migrated.model_copy(update={"quotes": reworded}), engdahl)
