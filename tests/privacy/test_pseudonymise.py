"""pseudonymise: one pseudonym per original, quotes still cut from their sources, the key apart."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.privacy import FindingKind, Key, Replacement, pseudonymise, scan_study
from strategies import FAST, studies

PNR = "850709-2347"  # invented; the check digit holds
PNR_LONG = "19850709-2347"  # the same person, with the century
CNR = "850769-2344"  # a coordination number


def _study(**fields: object) -> pl.Study:
    base: dict[str, object] = {
        "id": "demo",
        "title": "Demo",
        "groups": [{"id": "psw", "label": "Peer support workers"}],
    }
    return pl.Study.model_validate({**base, **fields})


def _consistent(study: pl.Study) -> dict[str, bool]:
    sources = {source.id: source.text for source in study.sources}
    return {
        quote.id: quote.span.slice(sources[quote.source] or "") == quote.text
        for quote in study.quotes
        if quote.span is not None and quote.source is not None and sources[quote.source]
    }


# -- pseudonyms ------------------------------------------------------------------------------


def test_each_kind_has_its_pseudonym() -> None:
    text = (
        f"Anna, {PNR}, {CNR}, anna@example.se, 070-174 06 05, Storgatan 12, 223 50 Lund, "
        "född 1985-07-09."
    )
    result = pseudonymise(_study(notes=[text]), names=["Anna"])
    assert result.study.notes == (
        "Person 1, [personnummer], [samordningsnummer], [e-mail 1], [phone 1], [address 1], "
        "[postcode], född [date of birth].",
    )


def test_the_same_original_gets_the_same_pseudonym_in_every_text_and_label() -> None:
    study = _study(
        participants=[{"id": "p1", "label": "Anna Andersson", "group": "psw"}],
        coders=[{"id": "c1", "label": "bo@example.se"}],
        memos=[
            {"id": "m1", "text": "ANNA ANDERSSON wrote to BO@example.se; so did kim@example.se."},
            {"id": "m2", "text": f"Her numbers: {PNR}, {PNR_LONG}, 070-174 06 05, +46701740605."},
        ],
    )
    result = pseudonymise(study)
    assert result.study.participants[0].label == "Person 1"
    assert result.study.coders[0].label == "[e-mail 1]"
    assert [memo.text for memo in result.study.memos] == [
        "Person 1 wrote to [e-mail 1]; so did [e-mail 2].",
        "Her numbers: [personnummer], [personnummer], [phone 1], [phone 1].",
    ]
    assert dict(result.key[FindingKind.EMAIL]) == {
        "bo@example.se": "[e-mail 1]",
        "BO@example.se": "[e-mail 1]",
        "kim@example.se": "[e-mail 2]",
    }


def test_a_name_keeps_its_possessive_ending() -> None:
    study = _study(notes=["Annas bror, Anna's sister, Anna\u2019s cat, Lars' bil."])
    result = pseudonymise(study, names=["Anna", "Lars"])
    assert result.study.notes == (
        "Person 1:s bror, Person 1's sister, Person 1\u2019s cat, Person 2's bil.",
    )
    assert dict(result.key["name"]) == {"Anna": "Person 1", "Lars": "Person 2"}


def test_an_identity_number_typed_as_a_number_becomes_text() -> None:
    study = _study(
        participants=[
            {"id": "p1", "label": "PSW 1", "group": "psw", "attributes": {"pnr": 8507092347}}
        ]
    )
    result = pseudonymise(study)
    assert result.study.participants[0].attributes == {"pnr": "[personnummer]"}


def test_numbers_follow_the_order_of_the_study() -> None:
    study = _study(
        participants=[
            {"id": "p1", "label": "Kim Ek", "group": "psw"},
            {"id": "p2", "label": "Bo Berg", "group": "psw"},
        ],
        memos=[{"id": "m", "text": "Bo Berg, then Kim Ek."}],
    )
    assert pseudonymise(study).study.memos[0].text == "Person 2, then Person 1."


def test_a_pseudonym_the_study_already_uses_is_skipped() -> None:
    study = _study(
        participants=[
            {"id": "p1", "label": "Person 1", "group": "psw"},
            {"id": "p2", "label": "Anna Andersson", "group": "psw"},
        ],
        memos=[{"id": "m", "text": "See [e-mail 1] and [E-MAIL 2]; write to kim@example.se."}],
    )
    result = pseudonymise(study)
    assert [p.label for p in result.study.participants] == ["Person 1", "Person 2"]
    assert result.study.memos[0].text == "See [e-mail 1] and [E-MAIL 2]; write to [e-mail 3]."


# -- quotes and their sources ------------------------------------------------------------------


SOURCE = "Intervjuare: Vem ringde?\nSvar: Det var Anna Andersson, 070-174 06 05. Hon hjälpte mig."


def _quoted(start: int, end: int, *, text: str | None = None) -> pl.Study:
    return _study(
        sources=[{"id": "t1", "label": "Interview 1", "text": SOURCE}],
        quotes=[
            {
                "id": "q1",
                "text": SOURCE[start:end] if text is None else text,
                "source": "t1",
                "span": {"start": start, "end": end},
            }
        ],
    )


def test_a_quote_keeps_matching_its_source_when_text_before_it_shrinks() -> None:
    start = SOURCE.index("Hon")
    result = pseudonymise(_quoted(start, len(SOURCE)), names=["Anna Andersson"])
    quote, source = result.study.quotes[0], result.study.sources[0]
    assert quote.text == "Hon hjälpte mig."
    assert quote.span is not None
    assert source.text is not None
    assert quote.span.slice(source.text) == quote.text
    shrink = len("Anna Andersson") - len("Person 1") + len("070-174 06 05") - len("[phone 1]")
    assert quote.span.start == start - shrink


def test_a_quote_with_a_finding_in_it_changes_with_its_source() -> None:
    start, end = SOURCE.index("Det var"), SOURCE.index(". Hon")
    result = pseudonymise(_quoted(start, end), names=["Anna Andersson"])
    quote, source = result.study.quotes[0], result.study.sources[0]
    assert quote.text == "Det var Person 1, [phone 1]"
    assert quote.span is not None
    assert source.text is not None
    assert quote.span.slice(source.text) == quote.text
    name, phone = SOURCE.index("Anna"), SOURCE.index("070")
    assert [(r.location, r.kind.value, r.start, r.end) for r in result.replacements] == [
        ("source:t1 text", "name", name, name + len("Anna Andersson")),
        ("source:t1 text", "phone", phone, phone + len("070-174 06 05")),
        ("quote:q1 text", "name", name - start, name - start + len("Anna Andersson")),
        ("quote:q1 text", "phone", phone - start, phone - start + len("070-174 06 05")),
    ]


def test_a_quote_that_cuts_a_name_in_half_is_widened_to_the_whole_pseudonym() -> None:
    start, end = SOURCE.index("Andersson"), SOURCE.index(", 070")
    result = pseudonymise(_quoted(start, end), names=["Anna Andersson"])
    assert result.study.quotes[0].text == "Person 1"
    assert _consistent(result.study) == {"q1": True}


def test_what_only_the_quote_shows_is_replaced_in_its_source_too() -> None:
    # Scanned alone, the quote begins with a listed name that, in the source, is the tail of
    # a longer word: it goes in both, so the two still agree.
    source = "Mariannas syster ringde."
    study = _study(
        sources=[{"id": "t1", "label": "Interview 1", "text": source}],
        quotes=[{"id": "q1", "text": source[4:], "source": "t1", "span": {"start": 4, "end": 24}}],
    )
    result = pseudonymise(study, names=["Anna"])
    assert result.study.quotes[0].text == "Person 1:s syster ringde."
    assert result.study.sources[0].text == "Mari" + "Person 1:s syster ringde."
    assert _consistent(result.study) == {"q1": True}


def test_a_quote_that_did_not_match_its_source_is_replaced_on_its_own_and_moved() -> None:
    start = SOURCE.index("Hon")
    study = _quoted(start, len(SOURCE), text="Hon [Anna Andersson] hjälpte mig.")
    result = pseudonymise(study, names=["Anna Andersson"])
    quote = result.study.quotes[0]
    assert quote.text == "Hon [Person 1] hjälpte mig."
    assert quote.span is not None
    assert quote.span.slice(result.study.sources[0].text or "") == "Hon hjälpte mig."


def test_quotes_cut_from_a_source_all_move_with_it() -> None:
    text = "Anna: Hej.\nBo: Hej Anna.\nAnna: Hur mår du?\nBo: Bra."
    cuts = [(0, 10), (11, 24), (25, 42), (6, 30), (43, 51)]
    study = _study(
        sources=[{"id": "t1", "label": "Focus group 1", "text": text}],
        quotes=[
            {"id": f"q{i}", "text": text[a:b], "source": "t1", "span": {"start": a, "end": b}}
            for i, (a, b) in enumerate(cuts)
        ],
    )
    result = pseudonymise(study)
    assert result.study.sources[0].text == (
        "Person 1: Hej.\nPerson 2: Hej Person 1.\nPerson 1: Hur mår du?\nPerson 2: Bra."
    )
    assert [q.text for q in result.study.quotes] == [
        "Person 1: Hej.",
        "Person 2: Hej Person 1.",
        "Person 1: Hur mår du?",
        "Hej.\nPerson 2: Hej Person 1.\nPerson 1:",
        "Person 2: Bra.",
    ]
    assert set(_consistent(result.study).values()) == {True}


# -- the key and the report ------------------------------------------------------------------


def _identified() -> pl.Study:
    return _study(
        participants=[
            {"id": "p1", "label": "Anna Andersson", "group": "psw", "attributes": {"pnr": PNR}}
        ],
        coders=[{"id": "c1", "label": "anna@example.se"}],
    )


def test_the_key_is_not_in_the_study() -> None:
    result = pseudonymise(_identified())
    document = result.study.model_dump_json()
    for _, original, _ in result.key.items():
        assert original not in document
    assert "Anna" not in document
    assert "2347" not in document


def test_the_key_is_written_only_where_asked_readable_by_its_owner_alone(tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    result = pseudonymise(_identified(), key_path=path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.json"]  # no temporary file left
    assert Key.read(path) == result.key
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "format": "peerlandscape-pseudonymisation-key",
        "version": 2,
        "study": "demo",
        "entries": {
            "name": {"Anna Andersson": "Person 1"},
            "personal_identity_number": {PNR: "[personnummer]"},
            "email": {"anna@example.se": "[e-mail 1]"},
        },
        "ids": {},
    }


def test_writing_a_key_over_a_file_leaves_it_private(tmp_path: Path) -> None:
    path = tmp_path / "key.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    Key({"name": {"Anna": "Person 1"}}).write(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_key_is_written_into_an_existing_folder_only(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError):
        Key({"name": {"Anna": "Person 1"}}).write(tmp_path / "no" / "key.json")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not JSON"),
        ('{"format": "other"}', "not a pseudonymisation key"),
        ('{"format": "peerlandscape-pseudonymisation-key", "version": 9}', "version 9"),
        (
            '{"format": "peerlandscape-pseudonymisation-key", "version": 1, "entries": {"x": {}}}',
            "malformed",
        ),
    ],
)
def test_reading_what_is_not_a_key_says_so(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "key.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(pl.DocumentError, match=message):
        Key.read(path)


def test_reading_a_missing_key_is_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(pl.MissingFileError):
        Key.read(tmp_path / "key.json")


def test_printing_a_result_or_a_key_shows_no_original() -> None:
    result = pseudonymise(_identified())
    shown = repr(result) + repr(result.key) + repr(result.replacements)
    assert "Anna" not in shown
    assert "2347" not in shown
    assert "example" not in shown
    assert repr(result.key) == "<Key for 'demo': 1 name, 1 personal_identity_number, 1 email>"


def test_the_report_says_what_was_replaced_where() -> None:
    result = pseudonymise(_identified())
    assert result.replacements == (
        Replacement("participant:p1", "label", "name", 0, 14, "Person 1"),
        Replacement("participant:p1", "attributes.pnr", "personal_identity_number", 0, 11,
                    "[personnummer]"),
        Replacement("coder:c1", "label", "email", 0, 15, "[e-mail 1]"),
    )  # fmt: skip
    assert result.counts() == {
        FindingKind.NAME: 1,
        FindingKind.PERSONAL_IDENTITY_NUMBER: 1,
        FindingKind.EMAIL: 1,
    }


def test_the_study_given_is_left_as_it_was() -> None:
    study = _identified()
    before = study.model_dump()
    pseudonymise(study)
    assert study.model_dump() == before


def test_a_study_with_nothing_to_replace_comes_back_equal(engdahl: pl.Study) -> None:
    result = pseudonymise(engdahl)
    assert result.study == engdahl
    assert result.replacements == ()
    assert len(result.key) == 0


# -- properties ------------------------------------------------------------------------------

FIRST = ["Anna", "Bo", "Kim", "Lena", "Omar", "Sara", "Ulla", "Åsa"]
LAST = ["Andersson", "Berg", "Ek", "Lind", "Nowak", "Öberg"]
PLANTED = [
    PNR,
    PNR_LONG,
    CNR,
    "850709\u20132347",
    "kim.ek@example.se",
    "KIM.EK@EXAMPLE.SE",
    "bo@example.org",
    "070-174 06 05",
    "+46 70 174 06 05",
    "08-465 004 12",
    "+44 20 7946 0123",
    "Storgatan 12",
    "Kvarnvägen 3B",
    "Gustav Adolfs torg 4",
    "223 50 Lund",
    "SE-411 05",
    "född 1985-07-09",
    "born 9 July 1985",
]
DECOYS = [
    "Peer support worker 5 sa det.",
    "Numret 850709-2346 stämde inte.",
    "Mötet var 2023-05-14.",
    "Det kostade 12 000 kronor.",
    "Under 2019 anställdes 12 personer.",
    "Vi gick längs Storgatan.",
    "Handlingsplan 2023.",
    "Klockan 14.30.",
]


@st.composite
def sentences(draw: st.DrawFn, names: list[str]) -> str:
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.sampled_from(DECOYS))
    if kind == 1 and names:
        name = draw(st.sampled_from(names))
        ending = draw(st.sampled_from(["", "s", "'s"]))
        return (
            f"Jag pratade med {draw(st.sampled_from([name, name.upper(), name.lower()]))}{ending}."
        )
    item = draw(st.sampled_from(PLANTED))
    return draw(st.sampled_from([f"Det var {item}.", f"({item})", f"{item}, sa hon.", item]))


@st.composite
def transcripts(draw: st.DrawFn, names: list[str]) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        words = " ".join(draw(st.lists(sentences(names), min_size=1, max_size=3)))
        if draw(st.booleans()):
            speaker = draw(st.sampled_from(["ANNA", "Bo", "Moderator", "P3", *FIRST]))
            words = f"{speaker}: {words}"
        lines.append(words)
    return draw(st.sampled_from(["\n", " ", "\n\n"])).join(lines)


@st.composite
def identifying_studies(draw: st.DrawFn) -> tuple[pl.Study, list[str]]:
    people = draw(
        st.lists(
            st.tuples(st.sampled_from(FIRST), st.sampled_from(LAST)).map(" ".join),
            max_size=4,
            unique=True,
        )
    )
    names = [*people, *draw(st.lists(st.sampled_from(FIRST), max_size=3, unique=True))]
    sources = [draw(transcripts(names)) for _ in range(draw(st.integers(1, 3)))]
    quotes = []
    for number in range(draw(st.integers(0, 8))):
        index = draw(st.integers(0, len(sources) - 1))
        text = sources[index]
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        quote = {"id": f"q{number}", "source": f"s{index}", "span": {"start": start, "end": end}}
        shape = draw(st.integers(0, 4))
        if shape == 0:  # words that do not match the span (an edited extract)
            quote["text"] = text[start:end] + " [...]"
        elif shape == 1:  # not cut from a source at all
            quote = {"id": f"q{number}", "text": draw(sentences(names))}
        else:
            quote["text"] = text[start:end]
        quotes.append(quote)
    labels = draw(
        st.lists(st.sampled_from([*people, "Peer support worker 5", "PSW 2", "Kim Ek"]), max_size=4)
    )
    study = _study(
        participants=[
            {"id": f"p{i}", "label": label, "group": "psw", "notes": [draw(sentences(names))]}
            for i, label in enumerate(labels)
        ],
        sources=[
            {"id": f"s{i}", "label": f"Interview {i}", "text": t} for i, t in enumerate(sources)
        ],
        quotes=quotes,
        memos=[{"id": "m", "text": draw(transcripts(names))}],
        coders=[{"id": "c", "label": draw(st.sampled_from(["Coder A", "kim@example.se"]))}],
    )
    listed = draw(st.lists(st.sampled_from(names), unique=True)) if names else []
    return study, listed


@FAST
@given(identifying_studies())
def test_scanning_the_output_finds_nothing_to_replace(case: tuple[pl.Study, list[str]]) -> None:
    study, names = case
    result = pseudonymise(study, names=names)
    assert scan_study(result.study, names=names) == []
    again = pseudonymise(result.study, names=names)
    assert again.replacements == ()
    assert again.study == result.study


@FAST
@given(identifying_studies())
def test_quotes_that_matched_their_sources_still_do(case: tuple[pl.Study, list[str]]) -> None:
    study, names = case
    before = _consistent(study)
    after = _consistent(pseudonymise(study, names=names).study)
    assert {q: after[q] for q, ok in before.items() if ok} == {
        q: True for q, ok in before.items() if ok
    }


@FAST
@given(identifying_studies())
def test_one_original_one_pseudonym(case: tuple[pl.Study, list[str]]) -> None:
    study, names = case
    key = pseudonymise(study, names=names).key
    numbered = {FindingKind.NAME, FindingKind.EMAIL, FindingKind.PHONE, FindingKind.ADDRESS}
    for kind in numbered:
        pseudonyms = list(key[kind].values())
        # Distinct pseudonyms are numbered 1, 2, 3, ... with no gap.
        numbers = sorted({int("".join(c for c in p if c.isdigit())) for p in pseudonyms})
        assert numbers == list(range(1, len(numbers) + 1))


@FAST
@given(studies())
def test_any_study_can_be_pseudonymised(study: pl.Study) -> None:
    before = _consistent(study)
    result = pseudonymise(study)
    after = _consistent(result.study)
    assert {q: after[q] for q, ok in before.items() if ok} == {
        q: True for q, ok in before.items() if ok
    }
    for quote in result.study.quotes:
        source = result.study.index.sources.get(quote.source or "")
        if quote.span is not None and source is not None and source.text is not None:
            assert quote.span.end <= len(source.text)
