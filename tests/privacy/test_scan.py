"""scan: what each recogniser finds in a text, and what it leaves alone.

Every number, address and person here is invented; telephone numbers are in the ranges set
aside for fiction (PTS: 070-174 06 05..99, 08-465 004 00..99; Ofcom: 020 7946 0xxx).
"""

from __future__ import annotations

import itertools
import subprocess
import sys
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

import peerlandscape as pl
from peerlandscape.privacy import Finding, FindingKind, scan

PIN = FindingKind.PERSONAL_IDENTITY_NUMBER
CN = FindingKind.COORDINATION_NUMBER


def found(text: str, *, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.kind.value, f.text) for f in scan(text, names=names)]


def only(text: str, *, names: tuple[str, ...] = ()) -> list[str]:
    return [f.text for f in scan(text, names=names)]


# -- personal identity and coordination numbers ---------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "850709-2347",  # YYMMDD-NNNC
        "19850709-2347",  # YYYYMMDD-NNNC
        "8507092347",  # YYMMDDNNNC
        "198507092347",  # YYYYMMDDNNNC
        "850709\u20132347",  # an en dash, as word processors write it
        "850709 2347",  # a space
        "200229-1231",  # 29 February of 2020 (a leap year)
    ],
)
def test_a_personal_identity_number_is_found_in_each_way_it_is_written(number: str) -> None:
    assert found(f"Mitt personnummer är {number}.") == [(PIN.value, number)]


def test_plus_marks_someone_over_a_hundred_and_the_date_is_checked_in_that_century() -> None:
    # 29 February 1900 did not exist; in 2000 it did: "+" points to 1900, "-" to 2000.
    plus, minus = "000229+1235", "000229-1235"
    assert found(f"Hon har {plus}.") == []
    assert found(f"Hon har {minus}.") == [(PIN.value, minus)]
    assert found("Född 1924: 240229+4561.") == [(PIN.value, "240229+4561")]


def test_a_coordination_number_is_the_day_plus_sixty() -> None:
    assert found("Samordningsnummer 850769-2344.") == [(CN.value, "850769-2344")]
    assert found("Samordningsnummer 19850769-2344.") == [(CN.value, "19850769-2344")]


@pytest.mark.parametrize(
    "text",
    [
        "Numret 850709-2346 gick inte igenom.",  # Luhn check digit wrong
        "Ärende 851309-2340 i systemet.",  # month 13 (Luhn holds)
        "Ärende 850230-1236.",  # 30 February (Luhn holds)
        "Kod 21850709-2347.",  # no such century
        "Artikel ART-850709-2347 är slut.",  # glued to a code
        "Order 850709-2347-01 skickad.",  # the head of a longer number
        "EAN 7318508507092347 på kartongen.",
    ],
)
def test_a_number_that_is_no_identity_number_is_left_alone(text: str) -> None:
    assert [f for f in scan(text) if f.kind in (PIN, CN)] == []


# -- e-mail ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "anna.andersson@example.se",
        "A.Berg+forskning@region.example.se",
        "bo_lind99@mail.test",
        "åsa.öberg@exempel.se",
        "KIM.EK@EXAMPLE.COM",
        "anna (at) example.se",
        "anna[at]example[dot]se",
        "kim (snabel-a) exempel (punkt) se",
    ],
)
def test_an_email_address_is_found_whole(address: str) -> None:
    assert found(f"Skriv till {address}, tack.") == [("email", address)]
    assert only(f"<{address}>") == [address]
    assert only(f"({address}).") == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Följ @kamratstod på sociala medier.",
        "Se www.example.se/kamratstod.",
        "Mötet 3@14 i rum 2.",
        "user@localhost kan inte ta emot post.",
        "anna at example dot se",
    ],
)
def test_what_only_looks_like_an_address_is_left_alone(text: str) -> None:
    assert [f for f in scan(text) if f.kind is FindingKind.EMAIL] == []


# -- telephone numbers -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "070-174 06 05",
        "070-1740605",
        "0701740605",
        "070 174 06 05",
        "08-465 004 00",
        "(08) 465 004 00",
        "+46 70 174 06 05",
        "+46 (0)70-174 06 05",
        "0046 70 174 06 05",
        "+46 8 465 004 00",
        "+44 20 7946 0123",
        "+44 (0)20 7946 0123",
        "0044 20 7946 0123",
        "+1 202-555-0143",
    ],
)
def test_a_phone_number_is_found_in_swedish_and_international_forms(number: str) -> None:
    assert found(f"Ring {number} i morgon.") == [("phone", number)]


@pytest.mark.parametrize(
    "text",
    [
        "Mötet var 2023-05-14.",
        "Under 2019 anställdes 12 peer support workers.",
        "Det kostade 12 000 kronor.",
        "Klockan 14.30 började gruppen.",
        "Dnr 2023-02060-01",
        "Dnr 2023\u201302060-01",
        "Personnummer 850709-2347.",
        "Peer support worker 5 said so.",
        "ISBN 978-91-27-13245-6",
        "+1 555 123 4567",  # not a valid North American number
    ],
)
def test_dates_amounts_codes_and_invalid_numbers_are_no_phone_numbers(text: str) -> None:
    assert [f for f in scan(text) if f.kind is FindingKind.PHONE] == []


def test_a_long_transcript_full_of_other_figures_still_has_its_phone_number_found() -> None:
    # libphonenumber's matcher gives up after 65535 candidates by default.
    filler = " ".join(f"{n}-{n + 1}" for n in range(40_000))
    assert only(f"{filler} Ring 070-174 06 05.")[-1] == "070-174 06 05"


def test_scanning_without_phonenumbers_names_the_privacy_extra() -> None:
    code = textwrap.dedent("""
        import sys
        sys.modules["phonenumbers"] = None
        import peerlandscape as pl
        from peerlandscape.privacy import scan
        try:
            scan("070-174 06 05")
        except pl.MissingDependencyError as error:
            print(error.package, error.extra)
            print(error)
    """)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.splitlines() == [
        "phonenumbers privacy",
        "scanning text for phone numbers needs phonenumbers, which is not installed: "
        "pip install 'peerlandscape[privacy]'",
    ]


# -- addresses and postcodes -----------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "Storgatan 12",
        "Storgatan 12B",
        "Storgatan 12 B",
        "Kvarnvägen 3-5",
        "Södra Förstadsgatan 34",
        "Sankt Eriksgatan 5",
        "Gustav Adolfs torg 3",
        "Drottning Kristinas väg 14",
        "Vasagränd 4, lgh 1102",
        "Björkhagen 8, 2 tr",
        "Stortorget 1",
    ],
)
def test_a_swedish_street_address_is_found(address: str) -> None:
    assert found(f"Hon bor på {address} sedan i våras.") == [("address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "Vi gick längs Storgatan och pratade.",  # a street without a number is a place
        "Plan 3 är stängd.",
        "Handlingsplan 2023 nämner inte kamratstöd.",
        "Peer support worker 5 talked about the street.",
        "Fokusgrupp 2 hölls i Lund.",
    ],
)
def test_a_street_name_alone_or_a_numbered_document_is_no_address(text: str) -> None:
    assert [f for f in scan(text) if f.kind is FindingKind.ADDRESS] == []


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Adress: Box 12, 223 50 Lund.", "223 50 Lund"),
        ("Skicka till 22350 Lund", "22350 Lund"),
        ("Postort 194 30 Upplands Väsby.", "194 30 Upplands Väsby"),
        ("SE-123 45", "SE-123 45"),
        ("Utländsk adress: SE-123 45 Lund.", "SE-123 45 Lund"),
        ("S-123 45 Lund, Sweden", "S-123 45 Lund"),
        ("Storgatan 12, SE-411 05 Skickas till Anna.", "SE-411 05"),
        ("893 74 Borås Plan 3 är stängd.", "893 74 Borås"),
    ],
)
def test_a_postcode_is_found_with_its_town_or_country_prefix(text: str, postcode: str) -> None:
    assert postcode in only(text)


@pytest.mark.parametrize(
    "text",
    [
        "Det kostade 450 00 kronor.",
        "Rum 123 45 var upptaget.",
        "12345 personer svarade.",
        "Mellan 2019 12 Peer support workers.",
    ],
)
def test_five_digits_without_a_town_or_prefix_are_no_postcode(text: str) -> None:
    assert [f for f in scan(text) if f.kind is FindingKind.POSTCODE] == []


def test_an_address_and_its_postcode_are_two_findings() -> None:
    assert found("Storgatan 12, 223 50 Lund") == [
        ("address", "Storgatan 12"),
        ("postcode", "223 50 Lund"),
    ]


# -- dates of birth --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Jag är född 1985-01-01 i Malmö.", "1985-01-01"),
        ("född 19850101", "19850101"),
        ("född 850101", "850101"),
        ("Hon föddes den 3 mars 1985.", "3 mars 1985"),
        ("Född i Lund den 1:a januari 1985.", "1:a januari 1985"),
        ("född 1/1 1985", "1/1 1985"),
        ("Födelsedatum: 01.02.1985", "01.02.1985"),
        ("I was born 1 January 1985.", "1 January 1985"),
        ("He was born in Uppsala on January 1, 1985.", "January 1, 1985"),
        ("born on the 1st of January 1985", "1st of January 1985"),
        ("DOB: 01/31/1985", "01/31/1985"),
        ("D.O.B. 1985-01-01", "1985-01-01"),
        ("Date of birth is 1 Jan 1985", "1 Jan 1985"),
        ("Min födelsedag är den 3 mars.", "3 mars"),
    ],
)
def test_a_date_said_to_be_a_birth_date_is_found(text: str, date: str) -> None:
    assert found(text) == [("date_of_birth", date)]


@pytest.mark.parametrize(
    "text",
    [
        "Mötet var den 3 mars 2023.",
        "Intervjun hölls 2023-05-14.",
        "Jag är född 1985 och har varit sjuk länge.",
        "She was born in 1985, in the north.",
        "född 1985-02-30",  # no such day
        "Sedan den 1 januari 2020 jobbar hon som peer.",
    ],
)
def test_other_dates_and_years_of_birth_are_no_date_of_birth(text: str) -> None:
    assert [f for f in scan(text) if f.kind is FindingKind.DATE_OF_BIRTH] == []


# -- names -----------------------------------------------------------------------------------


def test_a_listed_name_is_found_as_a_whole_word_in_any_case() -> None:
    text = "Anna sa det. ANNA igen, och anna. Annamaria och Hanna var inte där."
    assert only(text, names=("Anna",)) == ["Anna", "ANNA", "anna"]


def test_a_listed_name_is_found_in_the_possessive() -> None:
    text = "Annas bror, Anna's sister, Anna\u2019s cat, Lars' bil, Lars bil, 'Anna'."
    assert only(text, names=("Anna", "Lars")) == [
        "Annas",
        "Anna's",
        "Anna\u2019s",
        "Lars'",
        "Lars",
        "Anna",
    ]


def test_a_full_name_is_found_whole_across_spaces_line_breaks_and_underscores() -> None:
    text = "Anna Andersson, ANNA  ANDERSSON, Anna\nAndersson, intervju_Anna_Andersson.docx"
    assert only(text, names=("Anna Andersson", "Anna")) == [
        "Anna Andersson",
        "ANNA  ANDERSSON",
        "Anna\nAndersson",
        "Anna_Andersson",
    ]


def test_a_name_is_not_found_as_half_of_a_hyphenated_name() -> None:
    assert only("Anna-Karin och Karl-Anna", names=("Anna",)) == []
    assert only("Anna-Karin kom.", names=("Anna-Karin",)) == ["Anna-Karin"]


def test_names_must_be_a_list() -> None:
    with pytest.raises(pl.InvalidOptionError, match=r"write \['Anna'\]"):
        scan("Anna", names="Anna")


def test_no_names_means_no_name_is_looked_for() -> None:
    assert scan("Anna Andersson träffade Bo.") == []


# -- the findings of a text ------------------------------------------------------------------


def test_the_longer_of_two_overlapping_findings_is_kept() -> None:
    # A personal identity number holds a date of birth and an e-mail address can hold a name.
    assert found("född 19850709-2347, anna@example.se", names=("Anna",)) == [
        (PIN.value, "19850709-2347"),
        ("email", "anna@example.se"),
    ]


def test_a_finding_says_where_it_is() -> None:
    text = "Ring Anna på 070-174 06 05."
    for finding in scan(text, names=("Anna",)):
        assert text[finding.start : finding.end] == finding.text


def test_a_finding_refuses_a_text_that_does_not_fit_its_span() -> None:
    with pytest.raises(ValueError, match="spans 4"):
        Finding("name", 0, 4, "Annas")
    with pytest.raises(ValueError, match="start must be an int >= 0"):
        Finding("name", -1, 3, "Anna")
    with pytest.raises(ValueError, match="'phone number' is not a valid FindingKind"):
        Finding("phone number", 0, 1, "0")


@given(st.text(max_size=300), st.lists(st.text(min_size=1, max_size=12), max_size=3))
def test_any_text_scans_into_ordered_findings_that_do_not_overlap(
    text: str, names: list[str]
) -> None:
    findings = scan(text, names=names)
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
        assert finding.text
    assert all(a.end <= b.start for a, b in itertools.pairwise(findings))
