"""``peerlandscape summary``: what a study holds, and how its quotes spread over the framework.

The counts are computed once, as a plain JSON-ready dictionary
(:func:`summarize`); the text output is rendered from that dictionary, so
``--format text`` and ``--format json`` cannot disagree.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypedDict

import click

from peerlandscape._limits import Limits
from peerlandscape._records import QuoteRecord, quote_records
from peerlandscape.cli._common import echo_output, load_study, printable, short_names, wrap
from peerlandscape.cli._options import format_option, limits_option, study_argument
from peerlandscape.models import InterviewFormat, Study

__all__ = ["UNKNOWN_GROUP", "Summary", "render_text", "summarize", "summary"]

UNKNOWN_GROUP = "unknown"
"""The key under which quotes with no known stakeholder group are counted."""


class QuoteTally(TypedDict):
    """Distinct quotes linked to one node of the framework, in all and by stakeholder group."""

    quotes: int
    by_group: dict[str, int]


class SubThemeSummary(QuoteTally):
    """A sub-theme and its quote counts."""

    id: str
    label: str


class ThemeSummary(QuoteTally):
    """A theme, its quote counts (distinct over its sub-themes) and its sub-themes."""

    id: str
    label: str
    subthemes: list[SubThemeSummary]


class FrameworkSummary(QuoteTally):
    """The framework: the overarching theme (if any), its themes, and the quotes under none."""

    overarching_theme: NamedItem | None
    themes: list[ThemeSummary]
    quotes_under_no_subtheme: int


class NamedItem(TypedDict):
    """An object of the study by id and label."""

    id: str
    label: str


class StudyInfo(TypedDict):
    """Who wrote the study, and when."""

    id: str
    title: str
    authors: list[str]
    year: int | None


class ParticipantCounts(TypedDict):
    """Participants in all and by stakeholder group id."""

    total: int
    by_group: dict[str, int]


class InterviewCounts(TypedDict):
    """Interviews in all and by format (``focus_group``, ``individual``)."""

    total: int
    by_format: dict[str, int]


class Summary(TypedDict):
    """Everything ``peerlandscape summary`` reports, as ``--format json`` writes it."""

    study: StudyInfo
    groups: list[NamedItem]
    participants: ParticipantCounts
    interviews: InterviewCounts
    quotes: int
    codes: int
    codings: int
    framework: FrameworkSummary


def _tally(records: Iterable[QuoteRecord], group_ids: Sequence[str]) -> QuoteTally:
    # A quote counts once however many links it has; its group is the same in all of them.
    group_of_quote: dict[str, str] = {}
    for record in records:
        group_of_quote.setdefault(record["quote_id"], record["stakeholder_group"] or UNKNOWN_GROUP)
    # Every group gets a key, zero or not, so that every node has the same shape.
    by_group = dict.fromkeys([*group_ids, UNKNOWN_GROUP], 0)
    for group in group_of_quote.values():
        by_group[group] = by_group.get(group, 0) + 1
    return {"quotes": len(group_of_quote), "by_group": by_group}


def summarize(study: Study) -> Summary:
    """Count what ``study`` holds and how its quotes spread over its framework.

    Quote counts come from :func:`peerlandscape.quote_records` alone: a node
    counts the distinct ``quote_id`` values of the records that reach it (a
    theme, through any of its sub-themes), and each quote is counted under its
    speaker's stakeholder group, or under ``"unknown"`` when it has none. All
    orders are the study's own, so the result is deterministic.

    Parameters
    ----------
    study
        The study to summarise.

    Returns
    -------
    Summary
        A dictionary of plain values, ready for :func:`json.dumps`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> summary = summarize(pl.datasets.engdahl2025())
    >>> summary["participants"]["by_group"]
    {'peer_support_worker': 17, 'official': 8, 'user_organization': 5}
    >>> drifting = summary["framework"]["themes"][2]["subthemes"][2]
    >>> drifting["label"], drifting["quotes"], drifting["by_group"]["peer_support_worker"]
    ('Mitigating Peer Drifting', 1, 1)
    """
    group_ids = [group.id for group in study.groups]
    records = quote_records(study)
    placed = [record for record in records if record["subtheme"] is not None]
    by_subtheme: defaultdict[str, list[QuoteRecord]] = defaultdict(list)
    by_theme: defaultdict[str, list[QuoteRecord]] = defaultdict(list)
    for record in placed:
        by_subtheme[str(record["subtheme"])].append(record)
        by_theme[str(record["theme"])].append(record)

    themes: list[ThemeSummary] = []
    for theme in study.themes:
        subthemes: list[SubThemeSummary] = [
            {"id": sub.id, "label": sub.label, **_tally(by_subtheme[sub.id], group_ids)}
            for sub in study.subthemes
            if sub.theme == theme.id
        ]
        themes.append(
            {
                "id": theme.id,
                "label": theme.label,
                **_tally(by_theme[theme.id], group_ids),
                "subthemes": subthemes,
            }
        )
    overarching = study.overarching_theme
    placed_quotes = {record["quote_id"] for record in placed}

    participants_by_group = dict.fromkeys(group_ids, 0)
    for participant in study.participants:
        participants_by_group[participant.group] += 1
    interviews_by_format = {fmt.value: 0 for fmt in InterviewFormat}
    for interview in study.interviews:
        key = "unknown" if interview.format is None else interview.format.value
        interviews_by_format[key] = interviews_by_format.get(key, 0) + 1

    return {
        "study": {
            "id": study.id,
            "title": study.title,
            "authors": list(study.authors),
            "year": study.year,
        },
        "groups": [{"id": group.id, "label": group.label} for group in study.groups],
        "participants": {"total": len(study.participants), "by_group": participants_by_group},
        "interviews": {"total": len(study.interviews), "by_format": interviews_by_format},
        "quotes": len(study.quotes),
        "codes": len(study.codes),
        "codings": len(study.codings),
        "framework": {
            "overarching_theme": (
                {"id": overarching.id, "label": overarching.label} if overarching else None
            ),
            **_tally(placed, group_ids),
            "themes": themes,
            "quotes_under_no_subtheme": sum(
                1 for quote in study.quotes if quote.id not in placed_quotes
            ),
        },
    }


def _rows(pairs: Sequence[tuple[str, int]], width: int | None = None) -> list[str]:
    """Align ``(label, number)`` pairs as two columns, at most ``width`` wide.

    A label too long for the line is wrapped, under its own first word.
    """
    digits = max(len(str(number)) for _, number in pairs)
    room = max(len(label) for label, _ in pairs)
    if width is not None:
        room = min(room, max(width - 2 - digits, 1))
    lines: list[str] = []
    for label, number in pairs:
        # The continuation of "  OFF  County council ..." lines up under "County".
        key_and_gap = re.match(r"\s*\S+\s{2,}(?=\S)", label)
        hanging = " " * (key_and_gap.end() if key_and_gap else len(label) - len(label.lstrip()))
        first, *more = (
            wrap(label, room, indent="", hanging=hanging) if len(label) > room else [label]
        )
        lines.append(f"{first:<{room}}  {number:>{digits}}")
        lines += more
    return lines


def _fitted(text: str, width: int | None) -> list[str]:
    return [text] if width is None else wrap(text, width)


def render_text(summary: Summary, width: int | None = None) -> str:
    """Render ``summary`` as aligned plain text (bold headings, which click strips off a TTY).

    With a ``width``, the title, the byline and the labels of the framework
    are wrapped to it, each label under itself, right of the numbers.
    """
    study = summary["study"]
    lines = [click.style(line, bold=True) for line in _fitted(printable(study["title"]), width)]
    year = f"({study['year']})" if study["year"] is not None else ""
    authors = ", ".join(printable(author) for author in study["authors"])
    byline = " ".join(part for part in (authors, year) if part)
    if byline:
        lines += _fitted(byline, width)

    groups = summary["groups"]
    short = short_names([group["id"] for group in groups])
    key_width = max((len(name) for name in short.values()), default=0)
    participants, interviews = summary["participants"], summary["interviews"]
    pairs = [("Participants", participants["total"])]
    pairs += [
        (
            f"  {short[group['id']]:<{key_width}}  {printable(group['label'])}",
            participants["by_group"][group["id"]],
        )
        for group in groups
    ]
    pairs.append(("Interviews", interviews["total"]))
    pairs += [(f"  {fmt.replace('_', ' ')}", n) for fmt, n in interviews["by_format"].items()]
    pairs += [
        ("Quotes", summary["quotes"]),
        ("Codes", summary["codes"]),
        ("Codings", summary["codings"]),
    ]
    lines += ["", *_rows(pairs, width)]

    framework = summary["framework"]
    heading = _fitted("Framework: distinct quotes linked, in all and by stakeholder group", width)
    heading[0] = click.style("Framework", bold=True) + heading[0].removeprefix("Framework")
    lines += [
        "",
        *heading,
        "",
        *_framework_table(framework, [group["id"] for group in groups], short, width),
    ]
    outside = framework["quotes_under_no_subtheme"]
    if outside:
        lines += ["", f"{outside} quote{'s' if outside != 1 else ''} under no sub-theme."]
    return "\n".join(lines)


def _framework_table(
    framework: FrameworkSummary,
    group_ids: Sequence[str],
    short: dict[str, str],
    width: int | None = None,
) -> list[str]:
    # Numbers come first and the tree last, as in `du`: the columns stay aligned however long
    # a label is, and the tree's indentation stays visible.
    # A study whose own group is called "unknown" shares that column with unattributed quotes.
    keys = list(dict.fromkeys([*group_ids, UNKNOWN_GROUP]))
    headings = ["quotes", *(short.get(key, UNKNOWN_GROUP) for key in keys)]
    overarching = framework["overarching_theme"]
    root = printable(overarching["label"]) if overarching else "(all themes)"
    # Each row: its tally, its depth in the tree, its label, and whether the label is bold.
    rows: list[tuple[QuoteTally, int, str, bool]] = [(framework, 0, root, False)]
    for theme in framework["themes"]:
        rows.append((theme, 1, printable(theme["label"]), True))
        rows += [(sub, 2, printable(sub["label"]), False) for sub in theme["subthemes"]]
    cells = [
        [str(tally["quotes"]), *(str(tally["by_group"][k]) for k in keys)] for tally, *_ in rows
    ]
    widths = [max(len(row[i]) for row in [headings, *cells]) for i in range(len(headings))]
    numbers_width = sum(widths) + 2 * len(widths)

    def line(values: Sequence[str], depth: int, label: str, bold: bool = False) -> list[str]:
        numbers = "  ".join(f"{value:>{w}}" for value, w in zip(values, widths, strict=True))
        indent = "  " * depth
        # A label too long for the line continues under itself, two columns further in.
        parts = (
            [indent + label]
            if width is None
            else wrap(label, width - numbers_width, indent=indent, hanging=indent + "  ")
        )
        if bold:
            parts = [click.style(part, bold=True) for part in parts]
        blank = " " * len(numbers)
        return [f"{numbers if i == 0 else blank}  {part}".rstrip() for i, part in enumerate(parts)]

    lines = line(headings, 0, "overarching theme > theme > sub-theme")
    for row, (_, depth, label, bold) in zip(cells, rows, strict=True):
        lines += line(row, depth, label, bold)
    return lines


@click.command("summary")
@study_argument
@format_option("text", "json")
@limits_option
def summary(path: Path | None, limits: Limits, output_format: str) -> None:
    """Summarise a study and how its quotes spread over its framework.

    Prints the study's counts (participants by stakeholder group, interviews
    by format, quotes, codes, codings) and its framework as a tree, with the
    number of distinct quotes under each node, in all and by the speaker's
    stakeholder group ("unknown" when there is none).

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is summarised.
    """
    result = summarize(load_study(path, limits=limits))
    echo_output(output_format, text=lambda width: render_text(result, width), data=lambda: result)
