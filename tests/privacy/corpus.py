"""A labelled corpus of interview text with identifying details planted in it, and its scores.

Everything here is invented: the people are drawn from lists of common first names and
surnames, their identity numbers are random dates with a computed check digit, their
telephone numbers lie in the ranges set aside for fiction (PTS in Sweden, Ofcom in the UK,
ACMA in Australia, 555-01xx in North America), their e-mail addresses are at reserved
domains (``example.se``, ``.test``, ...). No real person's data is in it.

The corpus (seeded, so every run builds the same one) is a list of transcripts, each a run of
sentences in Swedish or English as interviews in mental health services are written: some
carry one or more planted items (a name, a personnummer, an address, ...) whose kind and
span are recorded, others are decoys that carry none but look as if they might (numbers
that fail the Luhn check, meeting dates, product codes, years, amounts, "Peer support
worker 5"). Scoring compares what :func:`peerlandscape.privacy.scan` finds with what was
planted, kind by kind, by exact span: a finding of the right kind at the wrong span counts
as a false positive and a false negative.

Run ``python tests/privacy/corpus.py`` for the table that ``docs/privacy.md`` shows.
"""

from __future__ import annotations

import datetime
import random
import string
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from peerlandscape.privacy import FindingKind, scan


def _words(text: str) -> list[str]:
    return text.split()


SEED = 20261202
PER_KIND = 220
"""Planted items of each kind (at least)."""
DECOYS = 400
"""Decoy sentences."""

FIRST_NAMES = _words(
    "Anna Eva Maria Karin Sara Lena Emma Kerstin Ingrid Marie Sofia Malin Linnea Elin Johanna "
    "Hanna Ida Frida Astrid Maja Ebba Wilma Alva Greta Signe Saga Tove Jenny Petra Helena "
    "Lars Anders Johan Erik Per Karl Peter Mikael Jan Hans Magnus Fredrik Daniel Olof Nils "
    "Gustav Oskar Viktor Emil Axel Hugo Elias Isak Sven Göran Stefan Ulf Mats Jonas Henrik "
    "Aisha Yusuf Mehmet Leila Omar Fatima Dragan Milena Tomasz Agnieszka Chen Mei Priya Ravi"
)
SURNAMES = _words(
    "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson "
    "Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson "
    "Lindström Olofsson Lindqvist Lindgren Axelsson Berg Bergström Lundberg Lind Lundgren "
    "Lundqvist Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin "
    "Engström Eklund Danielsson Lundin Håkansson Björk Bergman Gunnarsson Holm Wikström "
    "Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg "
    "Nyberg Blomqvist Claesson Nordström Mårtensson Lundström Öberg Yilmaz Hussein Nowak Kovač"
)
TOWNS = [
    *_words(
        "Lund Malmö Stockholm Göteborg Uppsala Umeå Östersund Växjö Karlstad Helsingborg Örebro "
        "Luleå Kristianstad Falun Visby Kalmar Jönköping Norrköping Linköping Sundsvall Gävle "
        "Borås Halmstad Eslöv Ystad Trelleborg Skövde Kiruna"
    ),
    "Upplands Väsby",
    "Lilla Edet",
    "Upplands-Bro",
    "Norra Vram",
]
STREET_STEMS = _words(
    "Stor Kyrko Drottning Kungs Skol Björk Ek Lind Kvarn Strand Hamn Bruks Smed Park Linné "
    "Vasa Tegnér Sjö Berg Ängs Tall Gran Rosen Lilje Ny Gamla Tull Torg Väster Öster Norr "
    "Söder Prästgårds Mölle Klockar Fabriks Järnvägs Stations Sollidens Blåbärs Lingon Hassel"
)
STREET_SUFFIXES = _words(
    "gatan gatan gatan vägen vägen vägen gränd torget stigen allén backen leden slingan "
    "stråket kajen esplanaden promenaden stranden vallen"
)
FREESTANDING_STREETS = (
    "Gustav Adolfs torg",
    "Drottning Kristinas väg",
    "Karl Johans gata",
    "Sankt Eriksgatan",
    "Södra Förstadsgatan",
    "Lilla Nygatan",
    "Gamla Kungsvägen",
    "Norra Vallgatan",
    "Östra Storgatan",
    "Stora Södergatan",
)
EMAIL_DOMAINS = (
    "example.se",
    "example.com",
    "example.org",
    "example.net",
    "region.example.se",
    "kommun.example.se",
    "brukarforeningen.example",
    "mail.test",
    "vard-och-omsorg.example.se",
    "psykiatri.example",
)
SWEDISH_MONTHS = _words(
    "januari februari mars april maj juni juli augusti september oktober november december"
)
ENGLISH_MONTHS = _words(
    "January February March April May June July August September October November December"
)


def luhn_check_digit(nine: str) -> str:
    """The digit that makes ``nine + digit`` pass the Luhn check."""
    total = 0
    for position, character in enumerate(reversed(nine)):
        value = int(character)
        if position % 2 == 0:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


@dataclass
class Planted:
    kind: FindingKind
    start: int
    end: int


@dataclass
class Builder:
    """Builds one text while recording where each planted item lies."""

    parts: list[str] = field(default_factory=list)
    planted: list[Planted] = field(default_factory=list)
    length: int = 0

    def add(self, text: str, kind: FindingKind | None = None) -> None:
        if kind is not None:
            self.planted.append(Planted(kind, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)


Piece = tuple[str, FindingKind | None]


class Generator:
    """Invented people and their details, drawn from a seeded random generator."""

    def __init__(self, seed: int = SEED) -> None:
        self.random = random.Random(seed)
        self.names: set[str] = set()

    def choice(self, items: Iterable[str]) -> str:
        return self.random.choice(list(items))

    # -- names ----------------------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        first, last = self.choice(FIRST_NAMES), self.choice(SURNAMES)
        self.names.update((first, f"{first} {last}"))
        return first, last

    def name(self) -> str:
        first, last = self.person()
        style = self.random.random()
        if style < 0.35:
            return f"{first} {last}"
        if style < 0.55:
            return first
        if style < 0.7:
            return first + ("s" if first[-1] not in "sxz" else "")
        if style < 0.8:
            return f"{first}'s" if first[-1] not in "sxz" else f"{first}'"
        if style < 0.9:
            return f"{first} {last}".upper()
        return f"{first}\u2019s"

    # -- identity numbers -----------------------------------------------------------------

    def birth_date(self, *, oldest: int = 1930, youngest: int = 2005) -> datetime.date:
        start = datetime.date(oldest, 1, 1).toordinal()
        end = datetime.date(youngest, 12, 31).toordinal()
        return datetime.date.fromordinal(self.random.randint(start, end))

    def identity_number(self, *, coordination: bool = False, valid: bool = True) -> str:
        centenarian = not coordination and self.random.random() < 0.08
        born = self.birth_date(oldest=1905, youngest=1924) if centenarian else self.birth_date()
        day = born.day + (60 if coordination else 0)
        yymmdd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
        serial = f"{self.random.randint(0, 999):03d}"
        check = luhn_check_digit(yymmdd + serial)
        if not valid:
            check = str((int(check) + self.random.randint(1, 9)) % 10)
        if centenarian:
            return f"{yymmdd}+{serial}{check}"
        century = f"{born.year // 100}"
        return self.choice(
            (
                f"{yymmdd}-{serial}{check}",
                f"{century}{yymmdd}-{serial}{check}",
                f"{yymmdd}{serial}{check}",
                f"{century}{yymmdd}{serial}{check}",
                f"{yymmdd}\u2013{serial}{check}",
                f"{yymmdd} {serial}{check}",
            )
        )

    # -- e-mail ---------------------------------------------------------------------------

    def email(self) -> str:
        first, last = self.person()
        fold = str.maketrans("åäöéčÅÄÖÉČ", "aaoecAAOEC")
        first_, last_ = first.translate(fold).lower(), last.translate(fold).lower()
        local = self.choice(
            (
                f"{first_}.{last_}",
                f"{first_[0]}{last_}",
                f"{first_}_{last_}{self.random.randint(1, 99)}",
                f"{first_}+forskning",
                f"{first_}-{last_}",
                f"{first.translate(fold)}.{last.translate(fold)}",
                f"{first_}{self.random.randint(1950, 2005)}",
            )
        )
        domain = self.choice(EMAIL_DOMAINS)
        style = self.random.random()
        if style < 0.05:
            return f"{local}@{domain}".upper()
        if style < 0.1:
            return f"{first.lower()}.{last.lower()}@exempel.se"  # å, ä, ö kept
        if style < 0.15:
            at, dot = self.choice((("(at)", "."), (" (at) ", " (dot) "), ("[at]", "[dot]")))
            return f"{local}{at}{domain.replace('.', dot)}"
        return f"{local}@{domain}"

    # -- telephone numbers ----------------------------------------------------------------

    def phone(self) -> str:
        r = self.random
        kind = r.randrange(10)
        if kind < 4:  # mobile, PTS fiction range 070-174 06 05 .. 070-174 06 99
            tail = f"{r.randint(5, 99):02d}"
            return self.choice(
                (
                    f"070-174 06 {tail}",
                    f"070-17406{tail}",
                    f"07017406{tail}",
                    f"070 174 06 {tail}",
                    f"+46 70 174 06 {tail}",
                    f"+46 (0)70-174 06 {tail}",
                    f"0046 70 174 06 {tail}",
                    f"+4670-17406{tail}",
                )
            )
        if kind < 7:  # landlines, PTS fiction ranges
            tail = f"{r.randint(0, 99):02d}"
            return self.choice(
                (
                    f"08-465 004 {tail}",
                    f"08-465004{tail}",
                    f"+46 8 465 004 {tail}",
                    f"(08) 465 004 {tail}",
                    f"031-390 06 {tail}",
                    f"040-628 04 {tail}",
                    f"+46 40 628 04 {tail}",
                    f"0980-319 2{tail}",
                )
            )
        tail = f"{r.randint(0, 99):02d}"
        if kind < 8:  # forms people also write (some are not found: see docs/privacy.md)
            return self.choice(
                (
                    f"070/174 06 {tail}",
                    f"0701-74 06 {tail}",
                    f"+46(0)70 174 06 {tail}",
                    f"070 - 174 06 {tail}",
                    f"(202) 555-01{tail}",
                    f"46 70 174 06 {tail}",
                )
            )
        return self.choice(
            (
                f"+44 20 7946 01{tail}",
                f"+44 (0)20 7946 01{tail}",
                f"0044 20 7946 01{tail}",
                f"+1 202-555-01{tail}",
                f"+1 (212) 555-01{tail}",
                f"+61 2 5550 12{tail}",
            )
        )

    # -- addresses and postcodes ----------------------------------------------------------

    def street(self) -> str:
        if self.random.random() < 0.2:
            return self.choice(FREESTANDING_STREETS)
        return self.choice(STREET_STEMS) + self.choice(STREET_SUFFIXES)

    def address(self) -> str:
        number = str(self.random.randint(1, 150))
        style = self.random.random()
        if style < 0.15:
            number += self.choice("ABC")
        elif style < 0.25:
            number += " " + self.choice("ABC")
        elif style < 0.3:
            number += f"-{int(number) + 2}"
        street = self.street()
        hard = self.random.random()
        if hard < 0.04:
            street = street.lower()  # typed in lower case: not found
        elif hard < 0.08 and street.endswith("gatan"):
            street = street.removesuffix("atan") + "."  # "Storg. 12": not found
        elif hard < 0.12:
            street = self.choice(STREET_STEMS) + self.choice(("hagen", "viken", "ängen", "parken"))
        address = f"{street} {number}"
        if self.random.random() < 0.15:
            address += f", lgh {self.random.randint(1001, 1603)}"
        elif self.random.random() < 0.05:
            address += f", {self.random.randint(1, 6)} tr"
        return address

    def postcode(self) -> str:
        digits = f"{self.random.randint(100, 999)} {self.random.randint(0, 99):02d}"
        style = self.random.random()
        if style < 0.1:
            digits = digits.replace(" ", "")
        town = self.choice(TOWNS)
        if style < 0.05:
            return f"{digits} {town.upper()}"
        if style < 0.75:
            return f"{digits} {town}"
        return f"SE-{digits}"

    # -- dates of birth -------------------------------------------------------------------

    def date_text(self, day: datetime.date, *, english: bool) -> str:
        forms: list[str] = [
            day.isoformat(),
            f"{day:%Y%m%d}",
            f"{day.day:02d}/{day.month:02d}/{day.year}",
            f"{day.day}.{day.month}.{day.year}",
        ]
        if english:
            month = ENGLISH_MONTHS[day.month - 1]
            last = day.day % 10 if day.day not in (11, 12, 13) else 0
            ordinal = {1: "st", 2: "nd", 3: "rd"}.get(last, "th")
            forms += [
                f"{day.day} {month} {day.year}",
                f"{month} {day.day}, {day.year}",
                f"{day.day}{ordinal} of {month} {day.year}",
                f"{day.day} {month[:3]} {day.year}",
            ]
        else:
            month = SWEDISH_MONTHS[day.month - 1]
            forms += [
                f"{day.day} {month} {day.year}",
                f"{day.day}/{day.month} {day.year}",
                f"{day.day}:{'a' if day.day in (1, 2) else 'e'} {month} {day.year}",
                f"{day:%y%m%d}",
            ]
        if self.random.random() < 0.06:
            # Written in ways that are not found (see docs/privacy.md).
            return self.choice((f"{day.day}/{day.month}-{day:%y}", f"{day:%d.%m.%y}"))
        return self.choice(forms)


# -- sentences ------------------------------------------------------------------------------

Template = Callable[[Generator], list[Piece]]


def _t(*pieces: str | tuple[str, FindingKind]) -> list[Piece]:
    return [(p, None) if isinstance(p, str) else p for p in pieces]


N, PIN, CN, EM, PH, AD, PC, DOB = (
    FindingKind.NAME,
    FindingKind.PERSONAL_IDENTITY_NUMBER,
    FindingKind.COORDINATION_NUMBER,
    FindingKind.EMAIL,
    FindingKind.PHONE,
    FindingKind.ADDRESS,
    FindingKind.POSTCODE,
    FindingKind.DATE_OF_BIRTH,
)

PLANTED: dict[FindingKind, list[Template]] = {
    N: [
        lambda g: _t("Jag pratade med ", (g.name(), N), " om det igår."),
        lambda g: _t((g.name(), N), " sa att hon inte orkade gå till mottagningen."),
        lambda g: _t("Then ", (g.name(), N), " told me the peer group saved her."),
        lambda g: _t("Min kontaktperson ", (g.name(), N), " ringde aldrig tillbaka."),
        lambda g: _t("We asked ", (g.name(), N), " whether the ward had changed."),
        lambda g: _t("\u2013 Det var ", (g.name(), N), " bror som hittade stödet åt mig."),
        lambda g: _t("(", (g.name(), N), ") nickade."),
        lambda g: _t("Både ", (g.name(), N), " och ", (g.name(), N), " var med i gruppen."),
    ],
    PIN: [
        lambda g: _t("Mitt personnummer är ", (g.identity_number(), PIN), "."),
        lambda g: _t("Hon läste upp sitt nummer, ", (g.identity_number(), PIN), ", i telefon."),
        lambda g: _t(
            "His personal identity number, ", (g.identity_number(), PIN), ", was on the form."
        ),
        lambda g: _t("Journalen för ", (g.identity_number(), PIN), " låg framme på bordet."),
        lambda g: _t("pnr: ", (g.identity_number(), PIN)),
    ],
    CN: [
        lambda g: _t(
            "Hon fick ett samordningsnummer, ", (g.identity_number(coordination=True), CN), "."
        ),
        lambda g: _t(
            "Samordningsnr ", (g.identity_number(coordination=True), CN), " stod i remissen."
        ),
        lambda g: _t(
            "He only had a coordination number (", (g.identity_number(coordination=True), CN), ")."
        ),
    ],
    EM: [
        lambda g: _t("Mejla mig på ", (g.email(), EM), " så skickar jag papperen."),
        lambda g: _t("You can reach her at ", (g.email(), EM), "."),
        lambda g: _t("Kontakt: <", (g.email(), EM), ">"),
        lambda g: _t("(", (g.email(), EM), ")"),
        lambda g: _t("Skicka till ", (g.email(), EM), ", eller ring."),
        lambda g: _t("mailto:", (g.email(), EM)),
    ],
    PH: [
        lambda g: _t("Ring mig på ", (g.phone(), PH), " efter klockan fyra."),
        lambda g: _t("His mobile is ", (g.phone(), PH), "."),
        lambda g: _t("Tel. ", (g.phone(), PH), ", vardagar."),
        lambda g: _t("Mottagningen nås på ", (g.phone(), PH), " (växel)."),
        lambda g: _t("She gave us her number, ", (g.phone(), PH), ", in case."),
    ],
    AD: [
        lambda g: _t("Hon bor på ", (g.address(), AD), " sedan i våras."),
        lambda g: _t("Träffpunkten ligger på ", (g.address(), AD), "."),
        lambda g: _t("He moved to ", (g.address(), AD), " last year."),
        lambda g: _t("Adress: ", (g.address(), AD), ", ", (g.postcode(), PC), "."),
        lambda g: _t("Vi sågs utanför ", (g.address(), AD), " varje tisdag."),
    ],
    PC: [
        lambda g: _t("Postadress: Box 12, ", (g.postcode(), PC), "."),
        lambda g: _t("Skickas till ", (g.address(), AD), ", ", (g.postcode(), PC), "."),
        lambda g: _t("The letter went to ", (g.postcode(), PC), " by mistake."),
        lambda g: _t((g.postcode(), PC), " är min gamla adress."),
    ],
    DOB: [
        lambda g: _t(
            "Jag är född ", (g.date_text(g.birth_date(), english=False), DOB), " i Malmö."
        ),
        lambda g: _t("Hon föddes den ", (g.date_text(g.birth_date(), english=False), DOB), "."),
        lambda g: _t("Född i Lund den ", (g.date_text(g.birth_date(), english=False), DOB), "."),
        lambda g: _t("Födelsedatum: ", (g.date_text(g.birth_date(), english=False), DOB)),
        lambda g: _t("I was born on ", (g.date_text(g.birth_date(), english=True), DOB), "."),
        lambda g: _t("DOB: ", (g.date_text(g.birth_date(), english=True), DOB)),
        lambda g: _t("Date of birth ", (g.date_text(g.birth_date(), english=True), DOB), "."),
        lambda g: _t(
            "He was born in Uppsala on ", (g.date_text(g.birth_date(), english=True), DOB), "."
        ),
        # Now and then, an abbreviation that is no trigger ("b."): not found.
        lambda g: _t(
            g.choice(("b. ", "b. ", "Born ")) if g.random.random() < 0.4 else "Born ",
            (g.date_text(g.birth_date(), english=True), DOB),
            ", London.",
        ),
    ],
}


def _not_luhn(g: Generator) -> str:
    return g.identity_number(valid=False)


def _bad_date(g: Generator) -> str:
    nine = f"{g.random.randint(0, 99):02d}{g.random.randint(13, 19)}{g.random.randint(1, 28):02d}"
    nine += f"{g.random.randint(0, 999):03d}"
    return f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def _n(g: Generator, low: int, high: int) -> int:
    return g.random.randint(low, high)


def _digits(g: Generator, count: int) -> str:
    return "".join(g.random.choice(string.digits) for _ in range(count))


DECOY_TEMPLATES: list[Callable[[Generator], str]] = [
    lambda g: f"Numret {_not_luhn(g)} gick inte igenom kontrollen.",
    lambda g: f"Ärendet har nummer {_bad_date(g)} i systemet.",
    lambda g: f"Artikelnummer ART-{_digits(g, 6)}-{_digits(g, 4)} är slut i lager.",
    lambda g: f"EAN {_digits(g, 13)} on the box.",
    lambda g: f"Beställning {_digits(g, 4)}-{_digits(g, 4)}-{_digits(g, 2)} kom fram.",
    lambda g: f"Dnr {_n(g, 2015, 2024)}-{_digits(g, 5)}-{_digits(g, 2)}",
    lambda g: f"Vi hade mötet den {datetime.date(2023, _n(g, 1, 12), _n(g, 1, 28)).isoformat()}.",
    lambda g: f"The focus group met on {_n(g, 1, 28)} {g.choice(ENGLISH_MONTHS)} 2023.",
    lambda g: (
        f"Sedan den {_n(g, 1, 28)} {g.choice(SWEDISH_MONTHS)} {_n(g, 2015, 2024)} "
        "har hon jobbat som peer."
    ),
    lambda g: f"Jag är född {_n(g, 1950, 2000)} och har varit sjuk länge.",
    lambda g: f"She was born in {_n(g, 1950, 2000)}, in the north.",
    lambda g: f"Under {_n(g, 2015, 2024)} anställdes {_n(g, 2, 40)} peer support workers.",
    lambda g: f"Peer support worker {_n(g, 1, 30)} described the first year.",
    lambda g: f"Official {_n(g, 1, 9)} said budgets were cut by {_n(g, 5, 40)} %.",
    lambda g: f"Det kostade {_n(g, 2, 900)} {_n(g, 0, 999):03d} kronor per år.",
    lambda g: f"Klockan {_n(g, 8, 17)}.{g.choice(('00', '15', '30', '45'))} började gruppen.",
    lambda g: f"Handlingsplan {_n(g, 2018, 2026)} nämner inte kamratstöd.",
    lambda g: f"Verksamhetsplan {_n(g, 2018, 2026)} kom sent.",
    lambda g: f"Vi gick längs {g.street()} och pratade.",
    lambda g: f"Plan {_n(g, 1, 5)} är stängd för renovering.",
    lambda g: f"ISBN 978-91-{_digits(g, 2)}-{_digits(g, 5)}-{_n(g, 0, 9)}",
    lambda g: f"Version {_n(g, 1, 9)}.{_n(g, 0, 9)}.{_n(g, 0, 20)} av appen.",
    lambda g: f"Rum {_n(g, 100, 999)} på avdelning {_n(g, 1, 40)}.",
    lambda g: f"Följ @{g.choice(('kamratstod', 'peer_sthlm', 'rsmh'))} på sociala medier.",
    lambda g: f"Se www.{g.choice(EMAIL_DOMAINS)}/kamratstod för mer.",
    lambda g: f"Fokusgrupp {_n(g, 1, 6)} hölls {_n(g, 1, 28)}/{_n(g, 1, 12)} 2023.",
    lambda g: f"Bankgiro {_digits(g, 4)}-{_digits(g, 4)}.",
    lambda g: f"Mellan {_n(g, 1990, 2005)} och {_n(g, 2006, 2024)} var det annorlunda.",
    lambda g: "Vi ville bo nära stan, men det gick inte.",
    lambda g: "The evaluation showed that hope matters more than we thought.",
    lambda g: f"Summan {_n(g, 100, 999)} {_n(g, 10, 99)} kr betalades ut.",
]


@dataclass
class Document:
    text: str
    planted: list[Planted]


def build(seed: int = SEED) -> tuple[list[Document], tuple[str, ...]]:
    """Return the corpus and the names a caller would list for it."""
    g = Generator(seed)
    counts: Counter[FindingKind] = Counter()
    sentences: list[list[Piece]] = []
    kinds = list(PLANTED)
    while min(counts[kind] for kind in kinds) < PER_KIND:
        kind = min(kinds, key=lambda k: counts[k])
        pieces = g.random.choice(PLANTED[kind])(g)
        counts.update(k for _, k in pieces if k is not None)
        sentences.append(pieces)
    sentences += [[(g.random.choice(DECOY_TEMPLATES)(g), None)] for _ in range(DECOYS)]
    g.random.shuffle(sentences)
    documents = []
    for start in range(0, len(sentences), 12):
        builder = Builder()
        for sentence in sentences[start : start + 12]:
            if builder.length:
                builder.add(g.random.choice((" ", " ", "\n", "\n\n")))
            for text, kind in sentence:
                builder.add(text, kind)
        documents.append(Document(builder.text, builder.planted))
    # "Bo" is a name and a Swedish verb: a listed name is matched in any case, so the decoy
    # "att bo" counts against the names' precision, as it would in real use.
    return documents, tuple(sorted(g.names | {"Bo"}))


@dataclass
class Score:
    kind: FindingKind
    planted: int
    true_positives: int
    false_positives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.planted if self.planted else 1.0


def score(documents: list[Document], names: Iterable[str]) -> dict[FindingKind, Score]:
    """Score :func:`scan` on the corpus, kind by kind, by exact span."""
    names = tuple(names)
    planted: Counter[FindingKind] = Counter()
    true: Counter[FindingKind] = Counter()
    false: Counter[FindingKind] = Counter()
    for document in documents:
        gold = {(p.kind, p.start, p.end) for p in document.planted}
        found = {(f.kind, f.start, f.end) for f in scan(document.text, names=names)}
        planted.update(kind for kind, _, _ in gold)
        true.update(kind for kind, _, _ in gold & found)
        false.update(kind for kind, _, _ in found - gold)
    return {kind: Score(kind, planted[kind], true[kind], false[kind]) for kind in FindingKind}


def misses(documents: list[Document], names: Iterable[str], kind: FindingKind) -> list[str]:
    """What was planted of ``kind`` and not found, and what was found wrongly: for debugging."""
    names = tuple(names)
    out = []
    for document in documents:
        gold = {(p.start, p.end) for p in document.planted if p.kind is kind}
        found = {(f.start, f.end) for f in scan(document.text, names=names) if f.kind is kind}
        out += [f"missed {document.text[s:e]!r}" for s, e in sorted(gold - found)]
        out += [f"wrong  {document.text[s:e]!r}" for s, e in sorted(found - gold)]
    return out


def table(scores: dict[FindingKind, Score]) -> str:
    """The scores as the Markdown table of ``docs/privacy.md``."""
    lines = [
        "| kind | planted | found right | found wrongly | precision | recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, s in scores.items():
        lines.append(
            f"| {kind.value} | {s.planted} | {s.true_positives} | {s.false_positives} "
            f"| {s.precision:.3f} | {s.recall:.3f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    corpus, listed = build()
    sys.stdout.write(table(score(corpus, listed)) + "\n")
    if len(sys.argv) > 1:
        for line in misses(corpus, listed, FindingKind(sys.argv[1])):
            sys.stdout.write(line + "\n")
