"""The built-in Engdahl et al. (2025) dataset, checked against the paper's own text.

These tests read the paper (the text extracted from the published article) and
compare the dataset with it: Table 1's worked example, Table 2's demographics,
Table 3's framework, every quote of the Results section with its attribution
and its place in the narrative, the sentences that say which stakeholder
groups voiced a sub-theme, and the Methods facts. Numbers and labels are
parsed out of the paper where that is practical; where they are written here
as literals, a comment quotes the line of the paper they come from, and a test
checks the literal against the paper when the paper allows it.

Text is compared after collapsing every run of whitespace to one space, since
the extraction breaks lines and pages at arbitrary places.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

import pytest

from peerlandscape.datasets import engdahl2025
from peerlandscape.models import (
    FacilitatorRole,
    GroupDemographics,
    Interview,
    InterviewFormat,
    InterviewMode,
    NumericSummary,
    Participant,
    Quote,
    StakeholderGroup,
    Study,
)
from shared import shared_path

PSW = StakeholderGroup.PEER_SUPPORT_WORKER.value
OFFICIAL = StakeholderGroup.OFFICIAL.value
USER_ORG = StakeholderGroup.USER_ORGANIZATION.value
ALL_GROUPS = frozenset({PSW, OFFICIAL, USER_ORG})


def normalize(text: str) -> str:
    """Collapse every whitespace run (line and page breaks, tabs) to one space."""
    return " ".join(text.split())


# The one extraction artefact of the paper's text: across a page break, the Peer support
# worker 14 quote repeats a fragment, printing
#   "... but that approach doesn't work. I've come to under-
#    that approach doesn't work. I've come to understand that there must be a balance. ..."
# The dataset records the cleaned text and documents the clean-up in the quote's notes; the
# tests apply the same, single de-duplication to the paper before comparing.
ARTEFACT = "that approach doesn't work. I've come to under-"


def deduplicate(normalized: str) -> str:
    """Remove the repeated fragment (the first, hyphenated copy) from normalized paper text."""
    return normalized.replace(ARTEFACT + " ", "", 1)


PAPER = ("seed", "000_d59c6aeda16121b6.txt")
"""Where the paper's text is, under ``shared/``."""


@dataclass(frozen=True)
class Paper:
    """The paper's text, as extracted and in the normalized forms the tests compare against."""

    raw: str
    """The text as extracted, line and page breaks included."""
    normalized: str
    """The whole paper, whitespace-normalized."""
    text: str
    """The whole paper, whitespace-normalized and de-duplicated: what quotes are checked against."""
    results: str
    """The Results section, whitespace-normalized and de-duplicated."""
    paragraphs: tuple[str, ...]
    """Paragraphs of the Results section as extracted (tables included, as tab-separated rows)."""


@functools.cache
def paper() -> Paper:
    """Read the paper once, when a test first needs it.

    Read lazily rather than at import, so that a missing paper goes through
    ``shared_path``: skipped on a developer's machine, a failure under CI.
    """
    raw = shared_path(*PAPER).read_text(encoding="utf-8")
    start = re.search(r"^Results$", raw, re.MULTILINE)
    end = re.search(r"^Discussion$", raw, re.MULTILINE)
    assert start is not None, "no 'Results' heading in the paper"
    assert end is not None, "no 'Discussion' heading in the paper"
    results_raw = raw[start.end() : end.start()]
    normalized = normalize(raw)
    return Paper(
        raw=raw,
        normalized=normalized,
        text=deduplicate(normalized),
        results=deduplicate(normalize(results_raw)),
        paragraphs=tuple(p for p in re.split(r"\n\s*\n", results_raw) if p.strip()),
    )


STUDY = engdahl2025()


# --------------------------------------------------------------------------------------------
# What the paper prints: Table 3, Table 1, Table 2 and the Results quotes, parsed from its text
# --------------------------------------------------------------------------------------------

# Table 3's sub-themes, theme by theme, as printed (the table runs each row's three sub-theme
# labels together, so they cannot be split from the text alone;
# test_table_3_literals_reproduce_the_printed_rows checks these against the rows):
#   "Scaling up peer support  Ensuring Financial Sustainability for Growth Fostering ..."
TABLE3_SUBTHEMES = {
    "Scaling up peer support": (
        "Ensuring Financial Sustainability for Growth",
        "Fostering Continuous Professional Development",
        "Impacting the Highest Levels of Authority",
    ),
    "Facilitating organizational structures for sustainability": (
        "Elevating User Organizations as Essential Partners",
        "Prioritizing Integrative Employment Formats",
        "Implementing a Robust Long-Term Strategy",
    ),
    "Evolving role of peer support": (
        "Supporting Recovery Amidst Diverse Tasks",
        "Affecting the Evidence Base for Peer Support",
        "Mitigating Peer Drifting",
    ),
    "Charting a Course Through the Biomedical Paradigm": (
        "Confronting the Biomedical Perspective",
        "Traversing the Mental Health Service Setting",
        "Grappling with the Inferiority Context",
    ),
}
SUBTHEME_LABELS = [s for subs in TABLE3_SUBTHEMES.values() for s in subs]
THEME_OF = {s: theme for theme, subs in TABLE3_SUBTHEMES.items() for s in subs}

# "Each sub-theme can be found in cursive within the narrative representation of the findings."
# The cursive mention of each sub-theme as the Results narrative prints it (the narrative
# often words it differently from Table 3). A sub-theme's narrative runs from the paragraph
# holding its mention to the paragraph holding the next sub-theme's.
NARRATIVE_MENTIONS = {
    "Ensuring Financial Sustainability for Growth": (
        "ensuring financial sustainability for the growth of peer support"
    ),
    "Fostering Continuous Professional Development": (
        "fostering continuous professional development"
    ),
    "Impacting the Highest Levels of Authority": "Impacting the highest level of authority",
    "Elevating User Organizations as Essential Partners": (
        "Elevating user organizations as an essential partner"
    ),
    "Prioritizing Integrative Employment Formats": "Prioritizing Integrative Employment Formats",
    "Implementing a Robust Long-Term Strategy": "Implementing a Robust Long-Term Strategy",
    "Supporting Recovery Amidst Diverse Tasks": "supporting recovery amidst diverse tasks",
    "Affecting the Evidence Base for Peer Support": "address the evidence base",
    "Mitigating Peer Drifting": "Mitigating Peer Drifting",
    "Confronting the Biomedical Perspective": "Confronting the biomedical perspective",
    "Traversing the Mental Health Service Setting": "Traversing the mental health service setting",
    "Grappling with the Inferiority Context": "grapple with an inferiority context",
}


def _is_table(paragraph: str) -> bool:
    return "\t" in paragraph.strip() or paragraph.lstrip().startswith("Table ")


@functools.cache
def narrative_segments() -> dict[str, str]:
    """Sub-theme label -> its narrative (normalized, de-duplicated), in Table 3 order."""
    starts: list[tuple[int, str]] = []
    for label, mention in NARRATIVE_MENTIONS.items():
        hits = [
            i
            for i, p in enumerate(paper().paragraphs)
            if not _is_table(p) and mention in normalize(p)
        ]
        assert len(hits) == 1, f"the narrative mention {mention!r} is in paragraphs {hits}"
        starts.append((hits[0], label))
    assert starts == sorted(starts), "the narrative does not follow Table 3's order"
    bounds = [i for i, _ in starts] + [len(paper().paragraphs)]
    return {
        label: deduplicate(normalize("\n\n".join(paper().paragraphs[bounds[k] : bounds[k + 1]])))
        for k, (_, label) in enumerate(starts)
    }


@functools.cache
def theme_segments() -> dict[str, str]:
    """Theme label (Table 3) -> its part of the Results: heading, introduction and narratives."""
    starts: list[tuple[int, str]] = []
    for theme in TABLE3_SUBTHEMES:
        # The headings print the themes in title case, one with a leading "The".
        names = {theme.lower(), f"the {theme.lower()}"}
        hits = [i for i, p in enumerate(paper().paragraphs) if normalize(p).lower() in names]
        assert len(hits) == 1, f"the heading of theme {theme!r} is in paragraphs {hits}"
        starts.append((hits[0], theme))
    assert starts == sorted(starts), "the theme headings do not follow Table 3's order"
    bounds = [i for i, _ in starts] + [len(paper().paragraphs)]
    return {
        theme: deduplicate(normalize("\n\n".join(paper().paragraphs[bounds[k] : bounds[k + 1]])))
        for k, (_, theme) in enumerate(starts)
    }


def table_rows(caption_prefix: str) -> tuple[str, list[list[str]]]:
    """The caption of a table and its tab-separated rows (header row included)."""
    lines = paper().raw.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(caption_prefix))
    rows: list[list[str]] = []
    for line in lines[at + 1 :]:
        if not line.strip():
            if rows:
                break
            continue
        rows.append([cell.strip() for cell in line.split("\t")])
    return lines[at][len(caption_prefix) :].strip(), rows


def table3() -> tuple[str, list[tuple[str, str]]]:
    """Table 3's caption and its (theme, sub-themes run together) rows."""
    caption, rows = table_rows("Table 3")
    assert rows[0][:2] == ["Theme", "Sub-theme"]
    return caption, [(row[0], row[1]) for row in rows[1:]]


def table1() -> dict[str, str]:
    """Table 1's one data row, keyed by its column headers."""
    _, rows = table_rows("Data extract\t")
    # the header row is the caption line here; the first row found is the data row
    header = ["Data extract", "Code", "Identified theme", "Sub-theme"]
    assert len(rows[0]) == len(header), rows[0]
    return dict(zip(header, rows[0], strict=True))


@dataclass(frozen=True)
class Summary:
    """A "mean (range)" cell of Table 2."""

    mean: float
    minimum: float
    maximum: float


@dataclass
class GroupTable:
    """One group's block of Table 2."""

    n: int
    sex: dict[str, int]
    age: Summary
    education: dict[str, int]
    years: Summary
    years_measure: str
    employment_context: dict[str, int] | None


def slug(category: str) -> str:
    """A printed category as a key: 'College/university > 18' -> 'college_university'."""
    category = re.split(r"\s*[<>]", category)[0]
    return re.sub(r"[^a-z0-9]+", "_", category.lower()).strip("_")


def summary(cell: str) -> Summary:
    # Table 2 prints one mean with a decimal comma ("41,8") and ranges with an en dash or a hyphen.
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?) \((\d+)\s*[\N{EN DASH}-]\s*(\d+)\)", cell)
    assert match is not None, f"not a 'mean (range)' cell: {cell!r}"
    mean, low, high = match.groups()
    return Summary(float(mean.replace(",", ".")), float(low), float(high))


# Table 2 heads its three blocks "PSW (n = 17)", "County council and municipality officials
# $(n = 8)$" and "Representatives for user organisations $(n = 5)$".
TABLE2_GROUPS = {
    "PSW": PSW,
    "County council and municipality officials": OFFICIAL,
    "Representatives for user organisations": USER_ORG,
}


@functools.cache
def table2() -> dict[str, GroupTable]:
    """Table 2 ("Demographic characteristics of participants (n=30)"), group by group."""
    _, rows = table_rows("Table 2")
    assert rows[0][:2] == ["Characteristics", "Participants"]
    blocks: dict[str, dict[str, list[tuple[str, str]]]] = {}
    sizes: dict[str, int] = {}
    group = section = None
    for row in rows[1:]:
        if row[0] == "PSW peer support worker":  # the table's footnote
            break
        head = re.fullmatch(r"(.+?)\s*\$?\(n = (\d+)\)\$?", row[0])
        if head:
            group = TABLE2_GROUPS[head.group(1)]
            sizes[group] = int(head.group(2))
            blocks[group] = {}
        elif len(row) < 2 or not row[1]:
            section = row[0]
            assert group is not None
            blocks[group][section] = []
        else:
            assert group is not None
            assert section is not None
            blocks[group][section].append((row[0], row[1]))
    tables = {}
    for group, sections in blocks.items():
        ((sexes, counts),) = sections["Sex"]
        ((_, age),) = sections["Age in years"]
        years_measure = next(s for s in sections if s.startswith("Years "))
        ((_, years),) = sections[years_measure]
        context = sections.get("Employment context")
        tables[group] = GroupTable(
            n=sizes[group],
            sex={slug(s): int(c) for s, c in zip(sexes.split("/"), counts.split("/"), strict=True)},
            age=summary(age),
            education={slug(c): int(v) for c, v in sections["Educational level"]},
            years=summary(years),
            years_measure=years_measure,
            employment_context=None if context is None else {slug(c): int(v) for c, v in context},
        )
    return tables


@dataclass(frozen=True)
class PaperQuote:
    """A quote of the Results section as printed: its words and its attribution."""

    text: str
    label: str
    block: bool

    def __str__(self) -> str:
        return f"{self.label}: {self.text[:40]}"


ATTRIBUTION = r"—\s*([A-Z][A-Za-z ]*? \d+)\."


@functools.cache
def results_quotes() -> tuple[PaperQuote, ...]:
    """Every quote of the Results section, in order of appearance.

    Quotes are printed as ``"..."—Peer support worker 5.``, except one block quote
    printed without quotation marks (a paragraph of its own ending in the attribution).
    """
    quotes = [
        (m.start(), PaperQuote(m.group(1), m.group(2), block=False))
        for m in re.finditer(r'"([^"]+)"\s*' + ATTRIBUTION, paper().results)
    ]
    for paragraph in paper().paragraphs:
        text = normalize(paragraph)
        match = re.fullmatch(r"([^\"]+?)\s*" + ATTRIBUTION, text)
        if match and not _is_table(paragraph):
            quotes.append(
                (paper().results.index(text), PaperQuote(match.group(1), match.group(2), True))
            )
    return tuple(quote for _, quote in sorted(quotes, key=lambda pair: pair[0]))


def quote_id(quote: PaperQuote) -> str:
    words = re.sub(r"[^a-z ]", "", quote.text.lower()).split()[:4]
    return f"{quote.label} / {' '.join(words)}"


# --------------------------------------------------------------------------------------------
# Look-ups in the dataset
# --------------------------------------------------------------------------------------------


def subtheme_by_label(label: str) -> str:
    ids = [s.id for s in STUDY.subthemes if s.label == label]
    assert len(ids) == 1, f"the dataset has {len(ids)} sub-themes labelled {label!r}"
    return ids[0]


def participant_by_printed_label(label: str) -> Participant:
    found = [p for p in STUDY.participants if label == p.label or label in p.aliases]
    assert len(found) == 1, f"{len(found)} participants answer to the printed label {label!r}"
    return found[0]


def quotes_with_text(text: str) -> list[Quote]:
    return [q for q in STUDY.quotes if normalize(q.text) == text]


def placements(quote: Quote) -> tuple[str, ...]:
    """The sub-themes the dataset places a quote under, as the Results narrative does.

    A paper's placement is a coding of the sub-theme with no coder (schema 1.1; 1.0 listed
    them on the quote, see tests/test_migration.py).
    """
    return tuple(
        coding.subtheme
        for coding in STUDY.codings
        if coding.quote == quote.id and coding.subtheme is not None and coding.coder is None
    )


def individual_interviews() -> list[Interview]:
    return [i for i in STUDY.interviews if i.format is InterviewFormat.INDIVIDUAL]


def focus_groups() -> list[Interview]:
    return [i for i in STUDY.interviews if i.format is InterviewFormat.FOCUS_GROUP]


WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def number(word: str) -> int:
    return int(word) if word.isdigit() else WORD_NUMBERS[word.lower()]


def paper_date(printed: str) -> str:
    return datetime.strptime(printed, "%d %B %Y").date().isoformat()


def assert_printed(fragment: str, text: str | None = None, where: str = "the paper") -> None:
    """Fail, with a short message, unless ``fragment`` occurs verbatim in ``text`` (the paper)."""
    text = paper().text if text is None else text
    found = fragment in text
    assert found, f"not verbatim in {where}: {fragment!r}"


def search(pattern: str, text: str | None = None) -> re.Match[str]:
    text = paper().text if text is None else text
    match = re.search(pattern, text)
    assert match is not None, f"the paper has no match for {pattern!r}"
    return match


# --------------------------------------------------------------------------------------------
# Table 3: the overarching theme, the themes and the sub-themes
# --------------------------------------------------------------------------------------------


def test_overarching_theme_is_the_caption_of_table_3() -> None:
    caption, _ = table3()
    # "Table 3 Themes, sub-themes, and the overall theme: crafting a recipe for ..."
    printed = caption.split("the overall theme: ", 1)[1]
    assert STUDY.overarching_theme is not None
    label = STUDY.overarching_theme.label
    # The caption prints the theme after a colon, in lower case; as a label standing on its own
    # it may take a capital first letter, and nothing else may differ.
    assert label[:1].lower() + label[1:] == printed
    assert STUDY.overarching_theme.description


def test_themes_are_the_rows_of_table_3_in_order() -> None:
    _, rows = table3()
    assert [t.label for t in STUDY.themes] == [theme for theme, _ in rows]
    assert all(t.description for t in STUDY.themes)


def test_table_3_literals_reproduce_the_printed_rows() -> None:
    _, rows = table3()
    assert [(t, " ".join(s)) for t, s in TABLE3_SUBTHEMES.items()] == rows


def test_dataset_has_exactly_the_twelve_subthemes_of_table_3_in_order() -> None:
    assert [s.label for s in STUDY.subthemes] == SUBTHEME_LABELS


@pytest.mark.parametrize("label", SUBTHEME_LABELS)
def test_subtheme_sits_under_its_table_3_theme(label: str) -> None:
    subtheme = STUDY.index.subthemes[subtheme_by_label(label)]
    assert STUDY.index.themes[subtheme.theme].label == THEME_OF[label]
    assert subtheme.description
    assert subtheme.description.strip()


# --------------------------------------------------------------------------------------------
# Groups and participants
# --------------------------------------------------------------------------------------------


def test_thirty_participants_as_the_paper_reports() -> None:
    total = int(search(r"recruit (\d+) stakeholders").group(1))
    assert int(search(r"The participants included in this study totaled (\d+)").group(1)) == total
    assert int(search(r"Table 2 Demographic characteristics of participants \(n=(\d+)\)")[1]) == (
        total
    )
    assert len(STUDY.participants) == total == 30


def test_group_sizes_as_the_paper_reports() -> None:
    # Abstract: "peer support workers (n=17) within mental health services, county council and
    # municipal officials (n=8), and representatives from user organizations (n=5)"
    abstract = {
        PSW: int(search(r"peer support workers \(n=(\d+)\)")[1]),
        OFFICIAL: int(search(r"county council and municipal officials \(n=(\d+)\)")[1]),
        USER_ORG: int(search(r"representatives from user organizations \(n=(\d+)\)")[1]),
    }
    table = {group: block.n for group, block in table2().items()}
    assert abstract == table == {PSW: 17, OFFICIAL: 8, USER_ORG: 5}
    assert {g.id: g.declared_size for g in STUDY.groups} == table
    assert Counter(p.group for p in STUDY.participants) == table


@pytest.mark.parametrize("group", [PSW, OFFICIAL, USER_ORG])
def test_group_label_is_a_name_the_paper_uses(group: str) -> None:
    # A group's label is its "human-readable name as the study uses it": the paper speaks of
    # "peer support workers", "County council and municipality officials" (Table 2) and
    # "representatives from user organizations" (abstract and Results).
    label = STUDY.index.groups[group].label
    assert_printed(label.lower(), paper().text.lower())


# The label scheme of each group, as the paper prints it in its attributions, e.g.
# '"...—Peer support worker 5.', '"...—County council and municipality official 7.',
# '"...—Representative from user organization 2.'
LABEL_PREFIX = {
    PSW: "Peer support worker",
    OFFICIAL: "County council and municipality official",
    USER_ORG: "Representative from user organization",
}


@pytest.mark.parametrize("group", list(LABEL_PREFIX))
def test_participant_labels_follow_the_printed_scheme(group: str) -> None:
    prefix = LABEL_PREFIX[group]
    assert f"—{prefix} " in paper().results.replace("— ", "—")
    labels = [p.label for p in STUDY.participants if p.group == group]
    assert labels == [f"{prefix} {k}" for k in range(1, table2()[group].n + 1)]


def test_participants_carry_no_attribute_the_paper_does_not_report() -> None:
    # The paper reports demographics in aggregate only (Table 2), never per participant.
    reported = [
        (p.label, field)
        for p in STUDY.participants
        for field in ("sex", "age", "years_in_role", "education", "employment_context")
        if getattr(p, field) is not None
    ]
    assert reported == []
    assert [p.label for p in STUDY.participants if p.attributes] == []


def test_participant_labels_are_pseudonymous() -> None:
    scheme = re.compile(
        r"(Peer support worker|County council and municipality official"
        r"|Representative from user organization) [1-9]\d?"
    )
    # The two variant labels the paper itself prints in attributions.
    alias_scheme = re.compile(r"(Peer supporter|Representative from user organizations) [1-9]\d?")
    assert [p.label for p in STUDY.participants if not scheme.fullmatch(p.label)] == []
    aliases = [a for p in STUDY.participants for a in p.aliases]
    assert [a for a in aliases if not alias_scheme.fullmatch(a)] == []
    assert len({p.label for p in STUDY.participants} | set(aliases)) == 30 + len(aliases)


def test_every_alias_is_an_attribution_the_paper_prints() -> None:
    printed = {q.label for q in results_quotes()}
    for participant in STUDY.participants:
        for alias in participant.aliases:
            assert alias in printed, f"{participant.id}: alias {alias!r} is not printed"


# --------------------------------------------------------------------------------------------
# Interviews
# --------------------------------------------------------------------------------------------


def test_four_focus_groups_and_thirteen_individual_interviews() -> None:
    # "the high quality of the data set consisted of four focus group interviews and 13
    # individual interviews"
    match = search(r"consisted of (\w+) focus group interviews and (\w+) individual interviews")
    assert len(focus_groups()) == number(match[1]) == 4
    assert len(individual_interviews()) == number(match[2]) == 13
    assert len(STUDY.interviews) == 17


def test_focus_groups_were_held_with_peer_support_workers_only() -> None:
    # "First, PSWs participated in focus group interviews." / "The focus group interviews were
    # conducted with PSWs, and individual interviews were held with the other key stakeholders"
    search(r"The focus group interviews were conducted with PSWs, and individual interviews")
    assert {i.stakeholder_group for i in focus_groups()} == {PSW}
    assert {i.stakeholder_group for i in individual_interviews()} == {OFFICIAL, USER_ORG}


@pytest.mark.parametrize("interview_id", [i.id for i in focus_groups()])
def test_focus_group_as_the_methods_describe_it(interview_id: str) -> None:
    interview = STUDY.index.interviews[interview_id]
    hours = number(search(r"The focus group interviews lasted approximately (\w+) hours")[1])
    search(r"The focus group interviews were conducted at user organization or county council")
    search(r"One researcher assumed the role of the moderator during the focus group interviews")
    # The paper never says which peer support workers sat in which focus group.
    assert interview.participants is None
    assert interview.approximate_duration_minutes == hours * 60 == 120
    assert interview.mode is InterviewMode.IN_PERSON
    assert interview.platform is None
    assert interview.setting is not None
    assert "user organization" in interview.setting.lower()
    assert_printed(interview.setting.lower(), paper().text.lower())
    assert "county council" in interview.setting.lower()
    assert sorted(f.role for f in interview.facilitators) == sorted(
        [FacilitatorRole.MODERATOR, FacilitatorRole.ASSISTANT]
    )
    assert interview.date is None
    assert interview.region is None


@pytest.mark.parametrize("interview_id", [i.id for i in individual_interviews()])
def test_individual_interview_as_the_methods_describe_it(interview_id: str) -> None:
    interview = STUDY.index.interviews[interview_id]
    platform = search(r"online video conferencing using ([\w-]+)\.")[1]
    hours = number(search(r"Each interview lasted approximately (\w+) hour")[1])
    assert interview.mode is InterviewMode.ONLINE_VIDEO
    assert interview.platform == platform == "LU-zoom"
    assert interview.approximate_duration_minutes == hours * 60 == 60
    assert interview.participants is not None
    assert len(interview.participants) == 1
    participant = STUDY.index.participants[interview.participants[0]]
    assert participant.group == interview.stakeholder_group
    assert participant.group in {OFFICIAL, USER_ORG}
    assert [f.role for f in interview.facilitators] == [FacilitatorRole.INTERVIEWER]


def test_every_official_and_representative_has_one_individual_interview() -> None:
    interviewed = Counter(p for i in individual_interviews() for p in i.participants or ())
    expected = {p.id for p in STUDY.participants if p.group in {OFFICIAL, USER_ORG}}
    assert set(interviewed) == expected
    assert set(interviewed.values()) == {1}


# --------------------------------------------------------------------------------------------
# Table 2: aggregate demographics, group by group
# --------------------------------------------------------------------------------------------

CHARACTERISTICS = ("sex", "age", "education", "years_in_role", "employment_context")


def demographics(group: str) -> GroupDemographics:
    demo = STUDY.index.groups[group].demographics
    assert demo is not None, f"group {group!r} has no demographics"
    return demo


def as_summary(value: NumericSummary | None) -> Summary:
    assert value is not None
    return Summary(float(value.mean), float(value.minimum), float(value.maximum))


@pytest.mark.parametrize("characteristic", CHARACTERISTICS)
@pytest.mark.parametrize("group", [PSW, OFFICIAL, USER_ORG])
def test_table_2(group: str, characteristic: str) -> None:
    printed = table2()[group]
    demo = demographics(group)
    if characteristic == "sex":
        # keys are exactly the printed categories: a category the table does not report
        # (non-binary, for two groups) is absent, not 0
        assert demo.sex == printed.sex
        assert sum(printed.sex.values()) == printed.n
    elif characteristic == "age":
        assert as_summary(demo.age) == printed.age
    elif characteristic == "education":
        assert demo.education == printed.education
        assert sum(printed.education.values()) == printed.n
    elif characteristic == "years_in_role":
        assert as_summary(demo.years_in_role) == printed.years
        assert demo.years_in_role_measure == printed.years_measure
    else:
        # only the PSW block of Table 2 reports an employment context
        assert demo.employment_context == printed.employment_context
        assert (printed.employment_context is None) == (group != PSW)


def test_table_2_is_parsed_as_printed() -> None:
    # Spot checks of the parser against lines of Table 2: "Female/Male/Non-binary  10/6/1",
    # "Mean (Range)  41,8 (28-58)", "Mean (Range)  3.9 (1-11)", "Mean (Range)  9 (3-13)"
    # (two of these ranges are printed with an en dash).
    psw, official = table2()[PSW], table2()[OFFICIAL]
    assert psw.sex == {"female": 10, "male": 6, "non_binary": 1}
    assert psw.age == Summary(41.8, 28, 58)
    assert psw.years == Summary(3.9, 1, 11)
    assert official.years == Summary(9, 3, 13)
    assert official.education == {"middle_school": 0, "upper_secondary": 0, "college_university": 8}


# --------------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------------


def test_the_extraction_artefact_is_as_documented() -> None:
    # The repeated fragment occurs once, hyphenated, right before its complete copy ...
    assert paper().normalized.count(ARTEFACT) == 1
    assert ARTEFACT + " that approach doesn't work. I've come to understand" in paper().normalized
    # ... it breaks the quote in the raw text, and the de-duplication mends it ...
    quote = participant_quotes("psw-14")
    assert len(quote) == 1
    assert normalize(quote[0].text) not in paper().normalized
    assert_printed(normalize(quote[0].text))
    # ... and the dataset says what it cleaned.
    assert any(ARTEFACT in note for note in quote[0].notes)


def participant_quotes(participant_id: str) -> list[Quote]:
    return [q for q in STUDY.quotes if q.participant == participant_id]


@pytest.mark.parametrize("quote_id", [q.id for q in STUDY.quotes])
def test_dataset_quote_is_verbatim_in_the_paper(quote_id: str) -> None:
    assert_printed(normalize(STUDY.index.quotes[quote_id].text))


def test_results_quote_census() -> None:
    # 14 quotes in quotation marks and one block quote (Representative from user organization 2,
    # "Inpatient care is a very special environment, ...") -- counted by reading the Results.
    assert sum(not q.block for q in results_quotes()) == 14
    blocks = [q for q in results_quotes() if q.block]
    assert [q.label for q in blocks] == ["Representative from user organization 2"]
    assert blocks[0].text.startswith("Inpatient care is a very special environment")


def test_dataset_quotes_are_the_results_quotes_and_the_table_1_extract() -> None:
    expected = Counter([q.text for q in results_quotes()] + [normalize(table1()["Data extract"])])
    assert Counter(normalize(q.text) for q in STUDY.quotes) == expected


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # The printed quotes parametrize a test, so the paper is read when the module is collected:
    # a missing paper then skips the module (fails it under CI) instead of breaking the import.
    if "printed" in metafunc.fixturenames:
        metafunc.parametrize("printed", results_quotes(), ids=quote_id)


def test_results_quote_is_in_the_dataset(printed: PaperQuote) -> None:
    found = quotes_with_text(printed.text)
    assert len(found) == 1, f"the dataset has {len(found)} quotes reading {printed.text!r}"
    quote = found[0]

    # attributed to the participant the paper names (aliases for its variant labels)
    participant = participant_by_printed_label(printed.label)
    assert quote.participant == participant.id
    if printed.label != participant.label:
        assert any(printed.label in note for note in quote.notes), "alias use not noted"

    # placed under the sub-theme whose narrative it sits in
    holders = [label for label, text in narrative_segments().items() if printed.text in text]
    assert len(holders) == 1, f"the quote sits in the narratives of {holders}"
    assert placements(quote) == (subtheme_by_label(holders[0]),)

    # tied to the participant's interview when the paper makes it knowable
    if participant.group == PSW:
        assert quote.interview is None  # the paper does not say who sat in which focus group
    else:
        interview = STUDY.index.interviews[quote.interview or ""]
        assert interview.participants == (participant.id,)


# --------------------------------------------------------------------------------------------
# Table 1: the worked example
# --------------------------------------------------------------------------------------------


def table_1_quote() -> Quote:
    found = quotes_with_text(normalize(table1()["Data extract"]))
    assert len(found) == 1
    return found[0]


def test_table_1_extract_is_an_unattributed_quote() -> None:
    quote = table_1_quote()
    # Table 1 names neither speaker nor interview, and the extract is not in the narrative.
    assert quote.participant is None
    assert quote.interview is None
    assert placements(quote) == ()


def test_table_1_codes_as_printed() -> None:
    # "F2: Lack of funding generate complexity F2: Lack of PS awareness leads to deprioritize
    # PS funding" -- two codes run together in one cell
    printed = re.split(r" (?=F2: )", table1()["Code"])
    assert len(printed) == 2
    quote = table_1_quote()
    coded = [c.code for c in STUDY.codings if c.quote == quote.id and c.code is not None]
    assert [STUDY.index.codes[c].label for c in coded] == printed
    assert len(STUDY.codes) == 2


def test_table_1_identified_themes_and_subtheme() -> None:
    row = table1()
    # "Lacking funding Deprioritizing PS funding" -- the two identified themes, in the order
    # of the codes they come from
    identified = ["Lacking funding", "Deprioritizing PS funding"]
    assert " ".join(identified) == row["Identified theme"]
    quote = table_1_quote()
    codes = [
        STUDY.index.codes[c.code]
        for c in STUDY.codings
        if c.quote == quote.id and c.code is not None
    ]
    candidates = [STUDY.index.candidate_themes[c.candidate_theme or ""] for c in codes]
    assert [c.label for c in candidates] == identified
    assert len(STUDY.candidate_themes) == 2
    assert row["Sub-theme"] == "Ensuring Financial Sustainability for Growth"
    target = subtheme_by_label(row["Sub-theme"])
    assert [c.subtheme for c in candidates] == [target, target]
    assert [c.subtheme for c in codes] == [None, None]  # reached through the candidate themes
    assert {STUDY.index.code_subtheme[c.id] for c in codes} == {target}


def test_table_1_pairing_of_codes_and_identified_themes_is_noted_as_an_inference() -> None:
    # Table 1 prints both codes in one cell and both identified themes in the next, in one row:
    # nothing in the paper says which code went into which identified theme. The dataset pairs
    # them by order, and must say that this is its inference.
    row = table1()
    assert len(re.split(r" (?=F2: )", row["Code"])) == 2
    assert "\t" not in row["Identified theme"]
    notes = [n for n in STUDY.notes if "Table 1" in n and "inference" in n]
    assert len(notes) == 1
    assert "identified theme" in notes[0]
    assert "by order" in notes[0]


# --------------------------------------------------------------------------------------------
# Which stakeholder groups voiced which sub-theme
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("position", range(len(STUDY.attributions)))
def test_attribution_evidence_is_a_sentence_of_its_theme(position: int) -> None:
    attribution = STUDY.attributions[position]
    evidence = normalize(attribution.evidence)
    subtheme = STUDY.index.subthemes[attribution.subtheme]
    assert_printed(evidence)
    theme = THEME_OF[subtheme.label]
    assert_printed(evidence, theme_segments()[theme], f"the part of the Results on {theme!r}")
    assert set(attribution.groups) <= ALL_GROUPS
    assert len(set(attribution.groups)) == len(attribution.groups)


# Per sub-theme, the groups the Results say voiced it: at least those named by its sentences,
# at most those named anywhere in its narrative (or its theme's introduction).
VOICED_BY: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # "This issue was emphasized in the interviews for both PSW and managers:"
    "Ensuring Financial Sustainability for Growth": (
        frozenset({PSW, OFFICIAL}),
        frozenset({PSW, OFFICIAL}),
    ),
    # "[the NSPH education], which managers and PSWs generally considered well-regarded and
    # mandatory" (managers are the officials: see test_managers_are_the_officials_group) and
    # "Representatives from user organizations described experienced and occupationally active
    # PSWs as a catalyst for growth."
    "Fostering Continuous Professional Development": (ALL_GROUPS, ALL_GROUPS),
    # "Similarly, all of the stakeholders expressed that influencing top-level authority and
    # policymakers was critical"
    "Impacting the Highest Levels of Authority": (ALL_GROUPS, ALL_GROUPS),
    # "Elevating user organizations as an essential partner was described by all participants"
    "Elevating User Organizations as Essential Partners": (ALL_GROUPS, ALL_GROUPS),
    # "In extreme cases, PSWs described these different formats of insecure employment as being
    # detrimental to their health."; also "The objective, as described by the different
    # stakeholders, ..."
    "Prioritizing Integrative Employment Formats": (frozenset({PSW}), ALL_GROUPS),
    # "... was deemed necessary by managers, municipal, and county council officials"
    "Implementing a Robust Long-Term Strategy": (frozenset({OFFICIAL}), frozenset({OFFICIAL})),
    # "Regardless of the stakeholder group, the main function of a peer supporter was described
    # as supporting recovery amidst diverse tasks and structure."
    "Supporting Recovery Amidst Diverse Tasks": (ALL_GROUPS, ALL_GROUPS),
    # "Moreover, county council and municipal officials called for more structured evaluations"
    "Affecting the Evidence Base for Peer Support": (
        frozenset({OFFICIAL}),
        frozenset({OFFICIAL}),
    ),
    # "A potential concern from PSWs and representatives from user organizations was raised"
    "Mitigating Peer Drifting": (frozenset({PSW, USER_ORG}), frozenset({PSW, USER_ORG})),
    # "Confronting the biomedical perspective was described as a daily reality by PSWs"
    "Confronting the Biomedical Perspective": (frozenset({PSW}), frozenset({PSW})),
    # "... according to PSWs and representatives from user organizations require varied
    # approaches and skills"
    "Traversing the Mental Health Service Setting": (
        frozenset({PSW, USER_ORG}),
        frozenset({PSW, USER_ORG}),
    ),
    # "Representatives from user organizations explained that lived experiences were not always
    # considered a legitimate source of knowledge" / "PWSs expressed a desire to complement
    # their existing expertise"
    "Grappling with the Inferiority Context": (
        frozenset({PSW, USER_ORG}),
        frozenset({PSW, USER_ORG}),
    ),
}


@pytest.mark.parametrize("label", SUBTHEME_LABELS)
def test_groups_that_voiced_the_subtheme(label: str) -> None:
    least, most = VOICED_BY[label]
    subtheme = subtheme_by_label(label)
    attributions = [a for a in STUDY.attributions if a.subtheme == subtheme]
    assert attributions, f"no attribution for {label!r}, which the paper attributes to groups"
    voiced = {g for a in attributions for g in a.groups}
    assert least <= voiced <= most


# The key statements, each of which must be recorded with exactly these groups.
KEY_STATEMENTS = [
    (
        "Fostering Continuous Professional Development",
        "which managers and PSWs generally considered well-regarded and mandatory",
        {PSW, OFFICIAL},
    ),
    (
        "Fostering Continuous Professional Development",
        "Representatives from user organizations described experienced and occupationally active",
        {USER_ORG},
    ),
    (
        "Implementing a Robust Long-Term Strategy",
        "was deemed necessary by managers, municipal, and county council officials",
        {OFFICIAL},
    ),
    (
        "Mitigating Peer Drifting",
        "A potential concern from PSWs and representatives from user organizations was raised",
        {PSW, USER_ORG},
    ),
    (
        "Supporting Recovery Amidst Diverse Tasks",
        "Regardless of the stakeholder group, the main function of a peer supporter was described",
        {PSW, OFFICIAL, USER_ORG},
    ),
    (
        "Confronting the Biomedical Perspective",
        "Confronting the biomedical perspective was described as a daily reality by PSWs",
        {PSW},
    ),
]


@pytest.mark.parametrize(("label", "statement", "groups"), KEY_STATEMENTS)
def test_key_statement_is_recorded(label: str, statement: str, groups: set[str]) -> None:
    assert_printed(statement, narrative_segments()[label], f"the narrative of {label!r}")
    recorded = [
        a
        for a in STUDY.attributions
        if a.subtheme == subtheme_by_label(label) and statement in normalize(a.evidence)
    ]
    assert len(recorded) == 1
    assert set(recorded[0].groups) == groups


# The attributions whose speakers the paper calls managers (elsewhere "managers" are spoken of:
# "not always considered a legitimate source of knowledge by personnel and managers").
MANAGER_STATEMENTS = [
    "This issue was emphasized in the interviews for both PSW and managers:",
    "which managers and PSWs generally considered well-regarded and mandatory",
    "was deemed necessary by managers, municipal, and county council officials",
]


def test_managers_are_the_officials_group() -> None:
    # The Results speak of "managers" where they mean the officials: "These stakeholders
    # included individuals in strategic or managerial positions in mental health services who
    # had employed PSWs." The dataset's attributions follow that reading ("This issue was
    # emphasized in the interviews for both PSW and managers:" -> PSWs and officials).
    search(r"officials knowledgeable about peer support took part in individual interviews\. ")
    search(r"These stakeholders included individuals in strategic or managerial positions")
    official = STUDY.index.groups[OFFICIAL]
    assert official.description is not None
    assert "managerial positions" in official.description
    for spoken_by_managers in MANAGER_STATEMENTS:
        assert_printed(spoken_by_managers)
        recorded = [a for a in STUDY.attributions if spoken_by_managers in normalize(a.evidence)]
        assert len(recorded) == 1
        assert OFFICIAL in recorded[0].groups


# --------------------------------------------------------------------------------------------
# Sub-theme descriptions: held to their narratives
# --------------------------------------------------------------------------------------------

# Per sub-theme, phrases its description shares verbatim with its narrative: the claims a
# reading of the narrative supports, worded as the paper words them where it matters.
DESCRIPTION_ANCHORS = {
    "Ensuring Financial Sustainability for Growth": (
        "typically the ones deprioritized in terms of salary and employment provision",
        "considered essential compared to other professional groups",
    ),
    "Fostering Continuous Professional Development": (
        "which managers and PSWs generally considered well-regarded and mandatory",
        "a catalyst for growth",
    ),
    "Elevating User Organizations as Essential Partners": (
        "stable foundation for retaining existing peer supporters",
        "lack of acknowledgement",
        "viewed as an equal partner",
    ),
    "Prioritizing Integrative Employment Formats": (
        "dedicated budgets to hire and integrate",
        "as employers to offer permanent employment positions",
        "detrimental to their health",
    ),
    "Implementing a Robust Long-Term Strategy": (
        "grow organically",
        "long-term implementation plans and valid methods for evaluating peer support",
    ),
    "Supporting Recovery Amidst Diverse Tasks": (
        "mirroring effect",
        "strengthening service users' own voice",
        "in need of clarification",
    ),
    "Affecting the Evidence Base for Peer Support": (
        "strengthen and clarify its professional role and contribution",
        "to policymakers",
    ),
    "Mitigating Peer Drifting": ("more than one peer supporter per setting",),
    "Confronting the Biomedical Perspective": (
        "heavily favored",
        "focusing too narrowly on one perspective can lead to conflicts",
    ),
    "Grappling with the Inferiority Context": (
        "grappling with an inferiority context",
        "difficulty placing complete trust",
        "structured interventions",
    ),
}


@pytest.mark.parametrize("label", list(DESCRIPTION_ANCHORS))
def test_subtheme_description_rests_on_its_narrative(label: str) -> None:
    description = STUDY.index.subthemes[subtheme_by_label(label)].description
    assert description is not None
    narrative = narrative_segments()[label].lower()
    for phrase in DESCRIPTION_ANCHORS[label]:
        assert phrase.lower() in description.lower(), f"{label!r} lacks {phrase!r}"
        # the first anchor "grappling with" is the description's form of "grapple with"
        printed = phrase.replace("grappling with", "grapple with")
        assert_printed(printed.lower(), narrative, f"the narrative of {label!r}")


def test_deprioritized_psws_are_not_said_to_go_first() -> None:
    # "In times of financial difficulty, managers explained that PSWs are typically the ones
    # deprioritized in terms of salary and employment provision" -- typically, not first: the
    # paper states no order (the sentence runs on after Tables 1 and 2 in the extracted text).
    narrative = narrative_segments()["Ensuring Financial Sustainability for Growth"]
    assert_printed("managers explained that PSWs are typically the ones deprioritized", narrative)
    description = STUDY.index.subthemes[
        subtheme_by_label("Ensuring Financial Sustainability for Growth")
    ].description
    assert description is not None
    assert "typically the ones deprioritized" in description
    assert not re.search(r"\bfirst\b", description, re.IGNORECASE)


# --------------------------------------------------------------------------------------------
# The coder
# --------------------------------------------------------------------------------------------


def test_the_first_author_is_the_coder_the_paper_names() -> None:
    # "As the first author primarily handled the coding process, the interpretations were
    # inevitably shaped by prior knowledge and experiences." / Author Contributions: "Initial
    # material preparation and analysis were conducted by Patrik Engdahl, ..."
    search(r"As the first author primarily handled the coding process")
    analyst = search(r"Initial material preparation and analysis were conducted by (\w+ \w+),")[1]
    first_author = STUDY.authors[0]
    assert analyst == first_author == "Patrik Engdahl"
    (coder,) = STUDY.coders
    assert coder.label == f"First author ({first_author})"
    assert coder.role is not None
    for part in coder.role.split("; "):
        assert_printed(part.lower(), paper().text.lower())
    # a researcher, not a participant
    assert coder.label not in {p.label for p in STUDY.participants}


def test_no_coding_names_a_coder() -> None:
    # "primarily" is not "only", and the paper does not say who coded Table 1's extract or who
    # placed each published quote: the coder is recorded, but tied to no coding.
    assert STUDY.coders
    assert [c.coder for c in STUDY.codings] == [None] * len(STUDY.codings)


# --------------------------------------------------------------------------------------------
# Metadata and design
# --------------------------------------------------------------------------------------------


def test_title_and_authors_as_printed() -> None:
    lines = [line.strip() for line in paper().raw.splitlines() if line.strip()]
    assert lines[0] == "ORIGINAL ARTICLE"
    assert STUDY.title == lines[1]
    assert list(STUDY.authors) == lines[2].split(" · ")
    assert len(STUDY.authors) == 6
    assert STUDY.authors[0] == "Patrik Engdahl"
    assert STUDY.authors[-1] == "Elisabeth Argentzell"


def test_dates_as_printed() -> None:
    dates = search(r"Received: (\d{1,2} \w+ \d{4}) / Accepted: (\d{1,2} \w+ \d{4})")
    published = search(r"Published online: (\d{1,2} \w+ \d{4})")
    assert STUDY.received == paper_date(dates[1]) == "2024-07-02"
    assert STUDY.accepted == paper_date(dates[2]) == "2025-01-29"
    assert STUDY.published == paper_date(published[1]) == "2025-02-25"
    assert STUDY.year == date.fromisoformat(STUDY.published).year
    assert "© The Author(s) 2025" in paper().text


def test_aim_is_the_aim_section_verbatim() -> None:
    aim = search(r" Aim (The aim of this study was .+?\.) Methods ")[1]
    assert STUDY.aim is not None
    assert normalize(STUDY.aim) == aim


def test_data_collection_period() -> None:
    # "All data was collected between June and December 2023."
    match = search(r"All data was collected between (\w+) and (\w+) (\d{4})\.")
    start = datetime.strptime(f"{match[1]} {match[3]}", "%B %Y")
    end = datetime.strptime(f"{match[2]} {match[3]}", "%B %Y")
    assert STUDY.data_collection is not None
    assert STUDY.data_collection.start == start.strftime("%Y-%m") == "2023-06"
    assert STUDY.data_collection.end == end.strftime("%Y-%m") == "2023-12"


def test_journal_and_doi_are_unknown() -> None:
    # The extracted text names neither the journal nor the article's DOI.
    assert STUDY.journal is None
    assert STUDY.doi is None


def test_regions_one_south_two_central() -> None:
    # "This included three regions where peer support was most prominent: one in the south and
    # two in the central part of Sweden."
    match = search(
        r"(\w+) regions where peer support was most prominent: (\w+) in the south and "
        r"(\w+) in the central part of Sweden"
    )
    labels = [r.label.lower() for r in STUDY.regions]
    assert len(labels) == number(match[1]) == 3
    assert sum("south" in label for label in labels) == number(match[2]) == 1
    assert sum("central" in label for label in labels) == number(match[3]) == 2


# (field of Study.design, words the field must hold, as the paper prints them)
DESIGN_FACTS = [
    ("approach", "qualitative descriptive study"),
    ("analysis_method", "thematic analysis"),
    ("analysis_reference", "Braun and Clarke (2022)"),
    ("analysis_orientation", "inductive"),
    ("epistemology", "critical realism"),
    ("sampling", "Purposeful sampling"),
    ("sample_size_rationale", "Information power"),
    ("reporting_guideline", "COREQ"),
    ("reporting_guideline", "Consolidated Criteria for Reporting Qualitative Research"),
    ("ethics_approval", "Ethical Review Board in Lund"),
    ("ethics_approval", "2023\N{EN DASH}02060-01"),
    ("funding", "2021\N{EN DASH}01427"),
    ("program", "UserInvolve"),
    # "The recruitment procedure was initiated by contacting specific individuals, who were
    # known to possess knowledge of the peer support context at regional and national levels"
    ("recruitment", "initiated by contacting specific individuals"),
    ("recruitment", "at regional and national levels in Sweden"),
    ("recruitment", "in the form of a leaflet and a consent form to potential participants"),
    ("recruitment", "via phone or email to receive further oral and written information"),
    # "This included three regions where peer support was most prominent: one in the south and
    # two in the central part of Sweden."
    ("site_selection", "regions where peer support was most prominent"),
    ("site_selection", "one in the south and two in the central part of Sweden"),
    # "Both individual and focus group interviews were guided by a semi-structured protocol"
    ("interview_guide", "guided by a semi-structured protocol"),
    ("interview_guide", "only slightly adjusted for a better fit with the particular stakeholder"),
    # "This steering committee contributed at various levels, [...] supporting research tasks,
    # such as developing the interview guide for this study."
    ("interview_guide", "steering committee"),
    ("interview_guide", "stakeholders from local user organizations, social psychiatry, and"),
    ("interview_guide", "research tasks, such as developing the interview guide"),
    ("interview_guide", "co-produced and evaluated by user organization representatives"),
    # "Given limitations in resources, primarily time, and the dispersed locations of study
    # participants across Sweden, these interviews were conducted through online video
    # conferencing using LU-zoom."
    (
        "interview_mode_rationale",
        "limitations in resources, primarily time, and the dispersed locations of study",
    ),
    ("interview_mode_rationale", "online video conferencing using LU-zoom"),
    # "Following this, study participants signed the consent form, allowing the interviews to be
    # conducted." / "... obtained informed consent from each respondent." / Consent to Publish
    ("consent", "signed the consent form, allowing the interviews to be conducted"),
    ("consent", "obtained informed consent from each respondent"),
    ("consent", "informed consent for the publication of the findings in research journals"),
    # "In compliance with the 2008 revision of the Helsinki Declaration, approval has been
    # granted by the Ethical Review Board in Lund"
    ("ethical_standard", "2008 revision of the Helsinki Declaration"),
]


@pytest.mark.parametrize(("field", "words"), DESIGN_FACTS)
def test_design_fact(field: str, words: str) -> None:
    assert STUDY.design is not None
    value = getattr(STUDY.design, field)
    assert value is not None
    assert_printed(words.lower(), paper().text.lower())
    assert words.lower() in value.lower()


def test_member_checking() -> None:
    # "We presented the findings to PSWs and stakeholders who had participated in the interview
    # to conduct member checking for accuracy"
    search(r"to conduct member checking for accuracy")
    assert STUDY.design is not None
    assert STUDY.design.member_checking is True


def test_dataset_is_a_study() -> None:
    assert isinstance(STUDY, Study)
    assert STUDY.id == "engdahl2025"


def test_interview_topics_as_the_methods_list_them() -> None:
    # "The interview protocol included questions regarding study participants' perspectives of
    # peer support, covering its content, education, supervision, barriers, facilitators for
    # implementation, and possible improvements."
    listed = search(r"perspectives of peer support, covering its (.+?), and ([^,.]+)\.")
    topics = (*listed[1].split(", "), listed[2])
    assert STUDY.design is not None
    assert STUDY.design.interview_topics == topics
    assert len(topics) == 6


def methodological_considerations() -> str:
    return search(r" Methodological Considerations (.+?) Conclusions ")[1]


def test_limitations_are_the_methodological_considerations_verbatim() -> None:
    assert STUDY.design is not None
    limitations = STUDY.design.limitations
    assert len(limitations) == 1
    section = methodological_considerations()
    for limitation in limitations:
        assert_printed(normalize(limitation), section, "the Methodological Considerations")
    # the one limitation the paper states: critical voices may be missing from a sample
    # deliberately chosen for its commitment to peer support
    assert limitations[0].startswith("The purposeful sampling method has certain limitations")
    assert (
        "critical perspectives on peer support might not be adequately reflected"
        in (limitations[0])
    )


def test_researcher_subjectivity_is_noted_not_listed_as_a_limitation() -> None:
    # "However, this subjectivity was embraced as a valuable aspect, contributing to depth and
    # reflexivity during the analysis procedure" -- the paper does not call it a limitation.
    assert_printed(
        "this subjectivity was embraced as a valuable aspect", methodological_considerations()
    )
    assert STUDY.design is not None
    assert not any("subjectivity" in entry for entry in STUDY.design.limitations)
    assert STUDY.design.reflexivity is not None
    assert "this subjectivity was embraced" in STUDY.design.reflexivity


# Fragments of the paper each design note restates (lower case).
DESIGN_NOTE_FRAGMENTS = [
    # "... (NSPH) was part of the original research grant application and have been engaged as a
    # co-production partner throughout all phases of the research program"
    ("co-production partner throughout all phases", "co-production partner throughout all phases"),
    # "participants were encouraged to state their names prior to speaking during the interviews"
    ("state their names prior to speaking", "encouraged to state their names prior to speaking"),
    # "As the first author primarily handled the coding process"
    ("first author primarily handled the coding", "first author primarily handled the coding"),
    # "to conduct member checking for accuracy"
    ("member checking", "to conduct member checking for accuracy"),
]


@pytest.mark.parametrize(("marker", "fragment"), DESIGN_NOTE_FRAGMENTS)
def test_design_note_restates_the_paper(marker: str, fragment: str) -> None:
    assert_printed(fragment, paper().text.lower())
    assert STUDY.design is not None
    assert any(marker in note.lower() for note in STUDY.design.notes)


def test_design_notes_do_not_repeat_the_design_fields() -> None:
    # the interview protocol is said once, in interview_guide
    assert STUDY.design is not None
    assert not any("protocol" in note for note in STUDY.design.notes)
    assert STUDY.design.interview_guide is not None


# Statements of the design that are the paper's own sentences, verbatim (whitespace folded).
VERBATIM_STATEMENTS = [
    "reflexivity",
    "transcription",
    "analysis_procedure",
    "trustworthiness",
    "conflicts_of_interest",
]


@pytest.mark.parametrize("field", VERBATIM_STATEMENTS)
def test_design_statement_is_the_papers_own_words(field: str) -> None:
    assert STUDY.design is not None
    value = getattr(STUDY.design, field)
    assert value is not None
    assert_printed(normalize(value), where=f"the paper (design.{field})")


# Statements composed of the paper's sentences: (field, fragment each holds, as printed).
COMPOSED_STATEMENTS = [
    # Author Contributions: "Data collection was performed by Patrik Engdahl, Elisabeth
    # Argentzell, and Ulrika Bejerholm."
    ("interviewers", "Data collection was performed by Patrik Engdahl, Elisabeth Argentzell"),
    ("interviewers", "Four focus group interviews with PSWs were conducted by two authors"),
    ("interviewers", "assumed the role of the moderator"),
    ("interviewers", "documenting field notes and posing probing questions when necessary"),
    ("interviewers", "The individual interviews were conducted by one of the two authors"),
    # "Each interview was audio-recorded, and following each session, the interviewers
    # completed fieldnotes to provide additional contextual support for the analysis process."
    ("recording", "Each interview was audio-recorded"),
    ("field_notes", "the interviewers completed fieldnotes to provide additional contextual"),
    ("field_notes", "documenting field notes and posing probing questions when necessary"),
]


@pytest.mark.parametrize(("field", "fragment"), COMPOSED_STATEMENTS)
def test_composed_design_statement_holds_the_papers_words(field: str, fragment: str) -> None:
    assert_printed(fragment.lower(), paper().text.lower())
    assert STUDY.design is not None
    value = getattr(STUDY.design, field)
    assert value is not None
    assert fragment.lower() in value.lower()


# COREQ items the paper does not report stay unknown rather than guessed.
UNSTATED = [
    "researcher_credentials",
    "researcher_occupation",
    "researcher_gender",
    "researcher_experience",
    "relationship_with_participants",
    "participant_knowledge_of_researchers",
    "non_participation",
    "others_present",
    "repeat_interviews",
    "transcripts_returned",
    "software",
]


@pytest.mark.parametrize("field", UNSTATED)
def test_what_the_paper_does_not_state_is_unknown(field: str) -> None:
    assert STUDY.design is not None
    assert getattr(STUDY.design, field) is None


def test_the_paper_names_no_software_for_managing_data() -> None:
    # LU-zoom held the online interviews; no program for coding or managing data is named.
    text = paper().text
    for program in ("NVivo", "ATLAS.ti", "MAXQDA", "Dedoose", "QDA Miner", "software"):
        assert program.lower() not in text.lower()


def test_information_power_as_the_methods_state_it() -> None:
    # "Information power determined the decision to end data collection (Malterud et al. 2016).
    # The somewhat broad aim and the high quality of the data set consisted of four focus group
    # interviews and 13 individual interviews (Malterud et al. 2016)."
    assert STUDY.design is not None
    power = STUDY.design.information_power
    assert power is not None
    assert power.statement is not None
    assert_printed(normalize(power.statement))
    assert power.statement.startswith("Information power determined the decision to end data")
    # The two dimensions the paper names: its aim ("somewhat broad") and the quality of its
    # data, Malterud et al.'s quality of dialogue; the other three it does not judge.
    assert (power.aim, power.quality_of_dialogue) == ("broad", "strong")
    for justification in (power.aim_justification, power.quality_of_dialogue_justification):
        assert justification is not None
        assert_printed(justification.lower(), paper().text.lower())
    assert power.sample_specificity is None
    assert power.established_theory is None
    assert power.analysis_strategy is None


def test_moved_design_notes_are_said_once() -> None:
    # recording, transcription, field notes and reflexivity have fields of their own now
    assert STUDY.design is not None
    for marker in ("audio-recorded", "transcribed", "field notes", "subjectivity"):
        assert not any(marker in note for note in STUDY.design.notes), marker
