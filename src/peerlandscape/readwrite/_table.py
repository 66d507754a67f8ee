"""Spreadsheets of coded quotes: a study read from one, and a study written as one.

A researcher who coded quotes in a spreadsheet has one row per quote and
framework element, with the columns of :data:`~peerlandscape.QUOTE_RECORD_KEYS`
(``quote_id``, ``text``, ``interview_id``, ``participant_id``,
``participant_label``, ``stakeholder_group``, ``code``, ``subtheme``, ``theme``,
``coder``): :func:`read_table` turns such a file (CSV or XLSX) into a study,
:func:`parse_table` does the same for rows already in memory, and
:func:`write_table` writes a study's :func:`~peerlandscape.quote_records` as such
a file, so that what one writes the other reads.

Reading takes each row on its own, in order, against what the rows before it
established: a row that cannot be used whole (no text, no framework element, a
sub-theme placed under another theme than an earlier row said, a participant
in a second group, ...) is skipped and reported with its row number, its
column and why (:class:`TableReport`); no part of it enters the study. The
rules, and the stable ``kind`` of each problem, are in ``docs/tables.md``.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import math
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple, TypeVar

import attrs
from attrs import frozen
from attrs.validators import ge, instance_of, optional
from pydantic import ValidationError

from peerlandscape._exceptions import (
    DocumentError,
    InvalidOptionError,
    MissingFileError,
    StudyValidationError,
)
from peerlandscape._input import check_workbook, read_limited
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape._names import as_id, fold
from peerlandscape._optional import require
from peerlandscape._records import QUOTE_RECORD_KEYS, quote_records
from peerlandscape._reference import Reference, resolve_reference
from peerlandscape.models import Study
from peerlandscape.models._base import ID_PATTERN
from peerlandscape.privacy._findings import StudyFinding, findings_summary
from peerlandscape.privacy._sharing import refuse_identifying_records
from peerlandscape.privacy._study_scan import scan_imported
from peerlandscape.readwrite._atomic import atomic_file

__all__ = [
    "FORMULA_PREFIXES",
    "RowProblem",
    "TableImport",
    "TableReport",
    "parse_table",
    "read_table",
    "write_table",
]

FORMULA_PREFIXES: Final = ("=", "+", "-", "@", "\t", "\r")
"""How a cell starts that a spreadsheet program would run as a formula (OWASP's list)."""

UNKNOWN_GROUP: Final = "unknown"
"""The group of a participant no row gives a stakeholder group."""

_REQUIRED_ELEMENT: Final = ("code", "subtheme", "theme")
_XLSX_SUFFIXES: Final = frozenset({".xlsx", ".xlsm"})
_OTHER_WORKBOOKS: Final = frozenset({".xls", ".ods", ".numbers"})
_DELIMITERS: Final = (",", ";", "\t")
_ID: Final = re.compile(ID_PATTERN)
_NOT_KEY: Final = re.compile(r"[^0-9a-z]+")
# XML 1.0 has no place for these control characters, so neither has an XLSX cell.
_NOT_IN_XML: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_QUOTE_ID_WORDS: Final = 6
_QUOTE_ID_LENGTH: Final = 48
_COLUMN_ORDER: Final = {name: position for position, name in enumerate(QUOTE_RECORD_KEYS)}


# --- the report ---------------------------------------------------------------------------


def _problems(entries: Iterable[RowProblem]) -> tuple[RowProblem, ...]:
    return tuple(entries)


def _findings(findings: Iterable[StudyFinding] | None) -> tuple[StudyFinding, ...] | None:
    return None if findings is None else tuple(findings)


@frozen
class RowProblem:
    """Why one row (or one cell) of a table was not used as it stands.

    Parameters
    ----------
    row
        The spreadsheet's own row number: the header is row 1, the first row
        under it row 2 (blank rows count, as the spreadsheet shows them).
    column
        The column at fault, by its name in :data:`~peerlandscape.QUOTE_RECORD_KEYS`
        (an unknown column: as the header writes it); ``None`` for the row as a whole.
    value
        The value at fault, as the cell holds it (``None``: the cell is empty).
    message
        One sentence for a person: what is wrong, and what the earlier row said.
    kind
        A stable, lower-case code of the problem (``"missing_text"``,
        ``"no_element"``, ...), listed in ``docs/tables.md``.

    Examples
    --------
    >>> problem = RowProblem(4, "text", None, "no text", kind="missing_text")
    >>> str(problem)
    'row 4, text: no text'
    >>> problem.to_record()["kind"]
    'missing_text'
    """

    row: int = attrs.field(validator=[instance_of(int), ge(1)])
    column: str | None = attrs.field(validator=optional(instance_of(str)))
    value: str | None = attrs.field(validator=optional(instance_of(str)))
    message: str = attrs.field(validator=instance_of(str))
    kind: str = attrs.field(kw_only=True, validator=instance_of(str))

    def to_record(self) -> dict[str, str | int | None]:
        """Return the problem as a dictionary of its five fields, ``row`` to ``kind``."""
        return {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "message": self.message,
            "kind": self.kind,
        }

    def __str__(self) -> str:
        where = f"row {self.row}" if self.column is None else f"row {self.row}, {self.column}"
        return f"{where}: {self.message}"


@frozen
class TableReport:
    """What reading a table used, and which rows it could not use, and why.

    Parameters
    ----------
    problems
        The rows that were skipped, one entry per reason (a row may have
        several), in row order. Nothing of a skipped row is in the study.
    warnings
        What was used, but not as written: a column that is not read, a
        participant no row gives a group (put in the group ``unknown``), a
        group named without a participant, a group the reference does not have.
    rows
        How many rows under the header hold anything (blank rows are not counted).
    rows_used
        How many of them became part of the study.
    quotes, codings, participants
        How many of each the study holds.
    findings
        As the ``findings`` of a REFI-QDA import's report
        (:class:`~peerlandscape.refi.ImportReport`): ``None`` unless the reader
        was asked to scan.

    Examples
    --------
    >>> report = TableReport(
    ...     [RowProblem(3, None, None, "names no code, sub-theme or theme", kind="no_element")],
    ...     (), rows=2, rows_used=1, quotes=1, codings=1, participants=0)
    >>> report.skipped_rows, report.counts()
    ((3,), {'no_element': 1})
    >>> print(report)
    used 1 of 2 rows: 1 quote, 1 coding, 0 participants; skipped 1 row
    row 3: names no code, sub-theme or theme
    """

    problems: tuple[RowProblem, ...] = attrs.field(converter=_problems)
    warnings: tuple[RowProblem, ...] = attrs.field(converter=_problems)
    rows: int = attrs.field(kw_only=True, validator=[instance_of(int), ge(0)])
    rows_used: int = attrs.field(kw_only=True, validator=[instance_of(int), ge(0)])
    quotes: int = attrs.field(kw_only=True, validator=[instance_of(int), ge(0)])
    codings: int = attrs.field(kw_only=True, validator=[instance_of(int), ge(0)])
    participants: int = attrs.field(kw_only=True, validator=[instance_of(int), ge(0)])
    findings: tuple[StudyFinding, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_findings
    )

    @property
    def skipped_rows(self) -> tuple[int, ...]:
        """The numbers of the rows that were skipped, in order."""
        return tuple(sorted({problem.row for problem in self.problems}))

    def counts(self) -> dict[str, int]:
        """Return how many problems of each ``kind`` there are, in order of first appearance."""
        totals: dict[str, int] = {}
        for problem in self.problems:
            totals[problem.kind] = totals.get(problem.kind, 0) + 1
        return totals

    def to_records(self) -> list[dict[str, str | int | None]]:
        """Return the problems, then the warnings, as plain dictionaries for tables and JSON.

        Each has the keys of :meth:`RowProblem.to_record` and ``severity``
        (``"skipped"`` for a problem, ``"warning"`` for a warning).
        """
        return [
            {**entry.to_record(), "severity": severity}
            for severity, entries in (("skipped", self.problems), ("warning", self.warnings))
            for entry in entries
        ]

    def summary(self) -> str:
        """Return one line: how many rows were used, what they made, and how many were skipped."""
        made = ", ".join(
            _counted(n, noun)
            for n, noun in (
                (self.quotes, "quotes"),
                (self.codings, "codings"),
                (self.participants, "participants"),
            )
        )
        line = f"used {self.rows_used} of {self.rows} rows: {made}"
        if self.problems:
            line += f"; skipped {_counted(len(self.skipped_rows), 'rows')}"
        if self.warnings:
            line += f"; {_counted(len(self.warnings), 'warnings')}"
        return line + findings_summary(self.findings)

    def __str__(self) -> str:
        lines = [self.summary()]
        lines += [str(problem) for problem in self.problems]
        lines += [f"warning: {warning}" for warning in self.warnings]
        lines += [f"identifying: {finding.described}" for finding in self.findings or ()]
        return "\n".join(lines)


class TableImport(NamedTuple):
    """What reading a table gives: the study, and the report of what it could not use.

    A named tuple, so ``study, report = read_table(path)`` works.
    """

    study: Study
    """The study the usable rows make, valid (it passed the model's validation)."""
    report: TableReport
    """The rows that were skipped and why, and what was used not quite as written."""


def _counted(n: int, plural: str) -> str:
    return f"{n} {plural.removesuffix('s') if n == 1 else plural}"


# --- cells --------------------------------------------------------------------------------


def _escape(value: str) -> str:
    # A leading apostrophe makes Excel, LibreOffice and Google Sheets show the cell as text.
    # One is added also before apostrophes that precede a formula character, so that reading
    # (which removes exactly one) gives back every value as it was.
    return f"'{value}" if value.lstrip("'").startswith(FORMULA_PREFIXES) else value


def _unescape(value: str) -> str:
    if value.startswith("'") and value[1:].lstrip("'").startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _column_key(name: str) -> str:
    return _NOT_KEY.sub("", name.casefold())


_COLUMNS: Final = {_column_key(name): name for name in QUOTE_RECORD_KEYS}


def _digest(value: str) -> str:
    return hashlib.sha256(fold(value).encode("utf-8")).hexdigest()[:8]


def _make_id(kind: str, value: str) -> str:
    """Return the id a name makes: itself when it is an id, else its slug, else a digest."""
    return as_id(value) or f"{kind}-{_digest(value)}"


def _is_id(value: str) -> bool:
    return _ID.fullmatch(value) is not None


# --- what the rows establish --------------------------------------------------------------


@dataclass(slots=True)
class _Named:
    """An object known by an id, with the label the rows give it."""

    id: str
    label: str
    row: int

    def relabel(self, written: str) -> None:
        # A label written as the id itself gives way to the first one written as words.
        if self.label == self.id and written != self.id:
            self.label = written


_N = TypeVar("_N", bound=_Named)


def _known(table: dict[str, _N], kind: type[_N], object_id: str, written: str, row: int) -> _N:
    """Return the object ``object_id`` of ``table``, added as ``kind`` at its first row."""
    known = table.get(object_id)
    if known is None:
        known = table[object_id] = kind(object_id, written, row)
    else:
        known.relabel(written)
    return known


@dataclass(slots=True)
class _Quote:
    id: str
    text: str
    row: int
    label: str | None = None
    participant: str | None = None
    participant_row: int = 0
    interview: str | None = None
    interview_row: int = 0


@dataclass(slots=True)
class _Participant(_Named):
    label_given: bool = False
    label_row: int = 0
    group: str | None = None
    group_row: int = 0


@dataclass(slots=True)
class _SubTheme(_Named):
    theme: str | None = None
    theme_row: int = 0


@dataclass(slots=True)
class _Code(_Named):
    subtheme: str | None = None
    subtheme_row: int = 0
    theme: str | None = None
    theme_row: int = 0


@dataclass(slots=True, frozen=True)
class _Coding:
    quote: str
    kind: str
    element: str
    coder: str | None


_Cells = dict[str, str | None]
"""One row's values by column of :data:`QUOTE_RECORD_KEYS`: stripped (the text as written),
empty cells as ``None``."""


def _cells_of(row: Mapping[str, str | None]) -> _Cells:
    values: _Cells = {}
    for name in QUOTE_RECORD_KEYS:
        value = row.get(name)
        if value is None or not value.strip():
            values[name] = None
        else:
            values[name] = value if name == "text" else value.strip()
    return values


class _Reference:
    """The reference framework's sub-themes, themes and groups, by folded id and label."""

    def __init__(self, study: Study) -> None:
        self.study = study
        self.subthemes = {s.id: s for s in study.subthemes}
        self.themes = {t.id: t for t in study.themes}
        self.groups = {g.id: g for g in study.groups}
        self.by_name: dict[str, dict[str, str]] = {}
        for kind, objects in (
            ("subtheme", study.subthemes),
            ("theme", study.themes),
            ("group", study.groups),
        ):
            names: dict[str, str] = {}
            for obj in objects:
                names.setdefault(fold(obj.id), obj.id)
            for obj in objects:
                names.setdefault(fold(obj.label), obj.id)
            self.by_name[kind] = names

    def find(self, kind: str, value: str) -> str | None:
        return self.by_name[kind].get(fold(value))

    def suggest(self, kind: str, value: str) -> str:
        names = self.by_name[kind]
        close = difflib.get_close_matches(fold(value), list(names), n=3)
        ids = list(dict.fromkeys(names[name] for name in close))
        return f"; did you mean {', '.join(repr(i) for i in ids)}?" if ids else ""


_NOUN: Final = {"subtheme": "sub-theme", "theme": "theme", "group": "stakeholder group"}


@dataclass(slots=True)
class _Row:
    """One row while it is checked: what it names, by id, and what is wrong with it."""

    number: int
    cells: _Cells
    problems: list[RowProblem] = field(default_factory=list)
    warning: RowProblem | None = None
    quote_key: str | None = None
    quote_id: str = ""
    participant: str | None = None
    participant_label: str | None = None
    group: str | None = None
    group_label: str | None = None
    interview: str | None = None
    coder: str | None = None
    code: str | None = None
    subtheme: str | None = None
    theme: str | None = None

    def problem(self, column: str | None, message: str, kind: str) -> None:
        """Note what is wrong with the row, at the cell of ``column`` (``None``: the whole row)."""
        value = None if column is None else self.cells[column]
        self.problems.append(RowProblem(self.number, column, value, message, kind=kind))

    @property
    def participant_column(self) -> str:
        return "participant_id" if self.cells["participant_id"] else "participant_label"


class _Pass:
    """One reading of the rows: each row checked against what the rows before it established."""

    def __init__(self, reference: _Reference | None, quote_ids: Mapping[str, str]) -> None:
        self.reference = reference
        self.quote_ids = quote_ids  # the id made for each text of a row without quote_id
        self.quotes: dict[str, _Quote] = {}
        self.participants: dict[str, _Participant] = {}
        self.participant_labels: dict[str, str] = {}
        self.groups: dict[str, _Named] = {}
        self.interviews: dict[str, _Named] = {}
        self.coders: dict[str, _Named] = {}
        self.codes: dict[str, _Code] = {}
        self.subthemes: dict[str, _SubTheme] = {}
        self.themes: dict[str, _Named] = {}
        self.codings: list[_Coding] = []
        self.rows_used = 0
        self.subtheme_rows: dict[str, list[int]] = {}
        self.problems: list[RowProblem] = []
        self.warnings: list[RowProblem] = []

    def take(self, number: int, values: Mapping[str, str | None]) -> None:
        """Check everything a row says, then take it whole, or not at all."""
        row = _Row(number, _cells_of(values))
        self._name(row)
        self._check_quote(row)
        self._check_participant(row)
        self._check_framework(row)
        if row.problems:
            self.problems += row.problems
            return
        if row.warning is not None:
            self.warnings.append(row.warning)
        self._commit(row)

    def _name(self, row: _Row) -> None:
        """Resolve what the row names to ids; a name the reference lacks is a problem."""
        cells = row.cells
        if cells["code"] is None and cells["subtheme"] is None and cells["theme"] is None:
            row.problem(
                None,
                "names no code, sub-theme or theme: a row applies one of them to its quote",
                "no_element",
            )
        row.quote_key, row.quote_id = self._quote_of(cells)
        row.participant, row.participant_label = self._participant_of(cells)
        self._group_of(row)
        if cells["interview_id"] is not None:
            row.interview = _make_id("interview", cells["interview_id"])
        if cells["coder"] is not None:
            row.coder = _make_id("coder", cells["coder"])
        if cells["code"] is not None:
            row.code = _make_id("code", cells["code"])
        row.theme = self._element(row, "theme", cells["theme"])
        row.subtheme = self._element(row, "subtheme", cells["subtheme"])

    def _check_quote(self, row: _Row) -> None:
        cells = row.cells
        quote = self.quotes.get(row.quote_key) if row.quote_key else None
        if quote is None:
            if cells["text"] is None:
                message = (
                    f"no text, and no earlier row gives quote {row.quote_id!r} one"
                    if cells["quote_id"] is not None
                    else "no text: a row needs the quote's text, or the quote_id of a quote an "
                    "earlier row gave its text"
                )
                row.problem("text", message, "missing_text")
            return
        if cells["text"] is not None and cells["text"].strip() != quote.text.strip():
            row.problem(
                "text",
                f"quote {quote.id!r} has another text in row {quote.row}",
                "quote_conflict",
            )
        if row.participant and quote.participant and row.participant != quote.participant:
            row.problem(
                row.participant_column,
                f"quote {quote.id!r} is said by participant {quote.participant!r} in "
                f"row {quote.participant_row}",
                "quote_conflict",
            )
        if row.interview and quote.interview and row.interview != quote.interview:
            row.problem(
                "interview_id",
                f"quote {quote.id!r} comes from interview {quote.interview!r} in "
                f"row {quote.interview_row}",
                "quote_conflict",
            )

    def _check_participant(self, row: _Row) -> None:
        participant = self.participants.get(row.participant) if row.participant else None
        if participant is None:
            return
        if row.group and participant.group and row.group != participant.group:
            row.problem(
                "stakeholder_group",
                f"participant {participant.id!r} is in the group {participant.group!r} in "
                f"row {participant.group_row}: a participant belongs to one group",
                "participant_conflict",
            )
        label = row.participant_label
        if label and participant.label_given and fold(label) != fold(participant.label):
            row.problem(
                "participant_label" if row.cells["participant_label"] else "participant_id",
                f"participant {participant.id!r} is labelled {participant.label!r} in "
                f"row {participant.label_row}",
                "participant_conflict",
            )

    def _check_framework(self, row: _Row) -> None:
        subtheme_theme, said_where = self._theme_of_subtheme(row.subtheme)
        if row.theme and subtheme_theme and row.theme != subtheme_theme:
            row.problem(
                "theme",
                f"sub-theme {row.subtheme!r} belongs to the theme {subtheme_theme!r} {said_where}",
                "subtheme_conflict",
            )
        code = self.codes.get(row.code) if row.code else None
        if code is None:
            return
        if row.subtheme and code.subtheme and row.subtheme != code.subtheme:
            row.problem(
                "subtheme",
                f"code {code.id!r} sits under the sub-theme {code.subtheme!r} in "
                f"row {code.subtheme_row}",
                "code_conflict",
            )
            return
        reached, reached_row = self._theme_of_code(code)
        stated = row.theme or subtheme_theme
        if stated and reached and stated != reached:
            row.problem(
                "theme" if row.theme else "subtheme",
                f"code {code.id!r} is under the theme {reached!r} in row {reached_row}",
                "code_conflict",
            )

    def _commit(self, row: _Row) -> None:
        """Take a row that has no problem: everything it says becomes part of the study."""
        cells, number = row.cells, row.number
        self.rows_used += 1
        if row.participant:
            self._add_participant(row)
            if row.group:
                self._add_named(self.groups, row.group, row.group_label or row.group, number)
        if row.interview and cells["interview_id"]:
            self._add_named(self.interviews, row.interview, cells["interview_id"], number)
        quote = self._add_quote(row)
        if row.participant and quote.participant is None:
            quote.participant, quote.participant_row = row.participant, number
        if row.interview and quote.interview is None:
            quote.interview, quote.interview_row = row.interview, number
        if row.coder and cells["coder"]:
            self._add_named(self.coders, row.coder, cells["coder"], number)
        if row.theme and cells["theme"] and self.reference is None:
            self._add_named(self.themes, row.theme, cells["theme"], number)
        if row.subtheme and cells["subtheme"]:
            self.subtheme_rows.setdefault(row.subtheme, []).append(number)
            if self.reference is None:
                self._add_subtheme(number, row.subtheme, cells["subtheme"], row.theme)
        if row.code and cells["code"]:
            self._add_code(number, row.code, cells["code"], row.subtheme, row.theme)
        # The coding applies the most specific element the row names.
        kind, element = next(
            (kind, element)
            for kind, element in (
                ("code", row.code),
                ("subtheme", row.subtheme),
                ("theme", row.theme),
            )
            if element is not None
        )
        self.codings.append(_Coding(quote.id, kind, element, row.coder))

    # --- what a row names ---

    def _quote_of(self, cells: _Cells) -> tuple[str | None, str]:
        if cells["quote_id"] is not None:
            quote_id = _make_id("quote", cells["quote_id"])
            return f"id:{quote_id}", quote_id
        if cells["text"] is None:
            return None, ""
        text = cells["text"].strip()
        return f"text:{text}", self.quote_ids[text]

    def _participant_of(self, cells: _Cells) -> tuple[str | None, str | None]:
        """Return the participant a row names and the label it gives (``None``: none)."""
        if cells["participant_id"] is not None:
            participant_id = _make_id("participant", cells["participant_id"])
            label = cells["participant_label"]
            if label is None and not _is_id(cells["participant_id"]):
                label = cells["participant_id"]  # a free label in the id column: kept as the label
            return participant_id, label
        if cells["participant_label"] is not None:
            label = cells["participant_label"]
            known = self.participant_labels.get(fold(label))
            return known or _make_id("participant", label), label
        return None, None

    def _group_of(self, row: _Row) -> None:
        value = row.cells["stakeholder_group"]
        if value is None:
            return
        if row.participant is None:
            row.warning = RowProblem(
                row.number,
                "stakeholder_group",
                value,
                "a stakeholder group is a participant's, and the row names no participant "
                "(participant_id or participant_label); the group is not used",
                kind="group_without_participant",
            )
            return
        reference = self.reference
        if reference is not None:
            found = reference.find("group", value)
            if found is not None:
                row.group, row.group_label = found, reference.groups[found].label
                return
        row.group, row.group_label = _make_id("group", value), value
        if reference is not None and row.group not in self.groups:
            known = ", ".join(repr(g) for g in reference.groups)
            row.warning = RowProblem(
                row.number,
                "stakeholder_group",
                value,
                f"the reference framework {reference.study.id!r} has no stakeholder group "
                f"{value!r} (its groups: {known or 'none'}); made a new group {row.group!r}",
                kind="new_group",
            )

    def _element(self, row: _Row, kind: str, value: str | None) -> str | None:
        if value is None:
            return None
        reference = self.reference
        if reference is None:
            return _make_id(kind, value)
        found = reference.find(kind, value)
        if found is None:
            row.problem(
                kind,
                f"the reference framework {reference.study.id!r} has no {_NOUN[kind]} "
                f"{value!r} (by id or label){reference.suggest(kind, value)}",
                "unknown_reference_element",
            )
        return found

    def _theme_of_subtheme(self, subtheme_id: str | None) -> tuple[str | None, str]:
        if subtheme_id is None:
            return None, ""
        if self.reference is not None:
            subtheme = self.reference.subthemes[subtheme_id]
            return subtheme.theme, f"in the reference framework {self.reference.study.id!r}"
        own = self.subthemes.get(subtheme_id)
        if own is None or own.theme is None:
            return None, ""
        return own.theme, f"in row {own.theme_row}"

    def _theme_of_code(self, code: _Code) -> tuple[str | None, int]:
        if code.subtheme is not None:
            theme, _ = self._theme_of_subtheme(code.subtheme)
            if theme is not None:
                return theme, code.subtheme_row
        return code.theme, code.theme_row

    # --- taking a row ---

    @staticmethod
    def _add_named(table: dict[str, _Named], object_id: str, written: str, row: int) -> None:
        _known(table, _Named, object_id, written, row)

    def _add_participant(self, row: _Row) -> None:
        assert row.participant is not None
        label = row.participant_label
        participant = self.participants.get(row.participant)
        if participant is None:
            written = label or row.cells["participant_id"] or row.participant
            participant = _Participant(row.participant, written, row.number)
            self.participants[row.participant] = participant
        if label is not None and not participant.label_given:
            participant.label, participant.label_given = label, True
            participant.label_row = row.number
        if label is not None:
            self.participant_labels.setdefault(fold(label), row.participant)
        if row.group is not None and participant.group is None:
            participant.group, participant.group_row = row.group, row.number

    def _add_quote(self, row: _Row) -> _Quote:
        assert row.quote_key is not None  # a row without text or quote_id has a problem
        quote = self.quotes.get(row.quote_key)
        if quote is None:
            cells = row.cells
            assert cells["text"] is not None  # a new quote without text has a problem
            label = (
                cells["quote_id"]
                if cells["quote_id"] and cells["quote_id"] != row.quote_id
                else None
            )
            quote = _Quote(row.quote_id, cells["text"], row.number, label=label)
            self.quotes[row.quote_key] = quote
        return quote

    def _add_subtheme(self, row: int, subtheme_id: str, written: str, theme: str | None) -> None:
        subtheme = _known(self.subthemes, _SubTheme, subtheme_id, written, row)
        if theme is not None and subtheme.theme is None:
            subtheme.theme, subtheme.theme_row = theme, row

    def _add_code(
        self, row: int, code_id: str, written: str, subtheme: str | None, theme: str | None
    ) -> None:
        code = _known(self.codes, _Code, code_id, written, row)
        if subtheme is not None and code.subtheme is None:
            code.subtheme, code.subtheme_row = subtheme, row
        if theme is not None and code.theme is None:
            code.theme, code.theme_row = theme, row

    # --- after the last row ---

    def themeless(self) -> dict[str, list[int]]:
        """Return the sub-themes no row (and no reference) gives a theme, with their rows."""
        return {
            subtheme.id: self.subtheme_rows.get(subtheme.id, [])
            for subtheme in self.subthemes.values()
            if subtheme.theme is None
        }

    def fields(self, study_id: str, title: str) -> dict[str, Any]:
        """Return the study the rows make, as the fields of a study document."""
        reference = self.reference
        groups: list[dict[str, Any]] = []
        for group in self.groups.values():
            record: dict[str, Any] = {"id": group.id, "label": group.label}
            if reference is not None and group.id in reference.groups:
                # Who the group is, not what the reference's sample of it was: its declared
                # size and demographics are the reference study's, and would not hold here.
                record["description"] = reference.groups[group.id].description
            groups.append(record)
        participants = []
        ungrouped = False
        for participant in self.participants.values():
            if participant.group is None:
                ungrouped = True
                self.warnings.append(
                    RowProblem(
                        participant.row,
                        "stakeholder_group",
                        None,
                        f"no row gives participant {participant.id!r} a stakeholder group; "
                        f"put in the group {UNKNOWN_GROUP!r}",
                        kind="participant_without_group",
                    )
                )
            participants.append(
                {
                    "id": participant.id,
                    "label": participant.label,
                    "group": participant.group or UNKNOWN_GROUP,
                }
            )
        if ungrouped and UNKNOWN_GROUP not in self.groups:
            groups.append({"id": UNKNOWN_GROUP, "label": "Unknown"})
        fields: dict[str, Any] = {
            "id": study_id,
            "title": title,
            "groups": groups,
            "participants": participants,
            "interviews": [{"id": i.id, "label": i.label} for i in self.interviews.values()],
            "quotes": [
                {
                    "id": quote.id,
                    "text": quote.text,
                    "participant": quote.participant,
                    "interview": quote.interview,
                    "label": quote.label,
                }
                for quote in self.quotes.values()
            ],
            "coders": [{"id": c.id, "label": c.label} for c in self.coders.values()],
            "codes": [_code_record(code) for code in self.codes.values()],
            "codings": [
                {"quote": c.quote, c.kind: c.element, "coder": c.coder} for c in self.codings
            ],
        }
        if reference is not None:
            # The reference's framework comes whole, as the REFI-QDA importer carries it.
            fields["subthemes"] = list(reference.study.subthemes)
            fields["themes"] = list(reference.study.themes)
            fields["overarching_theme"] = reference.study.overarching_theme
        else:
            fields["subthemes"] = [
                {"id": s.id, "label": s.label, "theme": s.theme} for s in self.subthemes.values()
            ]
            fields["themes"] = [{"id": t.id, "label": t.label} for t in self.themes.values()]
        return fields


def _code_record(code: _Code) -> dict[str, Any]:
    record: dict[str, Any] = {"id": code.id, "label": code.label}
    if code.subtheme is not None:
        record["subtheme"] = code.subtheme
    elif code.theme is not None:
        record["theme"] = code.theme
    return record


def _quote_ids(rows: Sequence[tuple[int, Mapping[str, str | None]]]) -> dict[str, str]:
    """Return the id made for each text of a row without a quote_id: its first words, unique."""
    taken = set()
    for _, row in rows:
        value = row.get("quote_id")
        if value is not None and value.strip():
            taken.add(_make_id("quote", value.strip()))
    made: dict[str, str] = {}
    for _, row in rows:
        quote_id, text = row.get("quote_id"), row.get("text")
        if (quote_id is not None and quote_id.strip()) or text is None or not text.strip():
            continue
        key = text.strip()
        if key in made:
            continue
        words = " ".join(key.split()[:_QUOTE_ID_WORDS])
        base = as_id(words)[:_QUOTE_ID_LENGTH].rstrip("-_.") or f"quote-{_digest(key)}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        made[key] = candidate
    return made


def _read_rows(
    rows: Sequence[tuple[int, Mapping[str, str | None]]],
    *,
    reference: Study | None,
    header_warnings: Sequence[RowProblem],
    study_id: str,
    title: str,
    where: str,
) -> TableImport:
    frame = _Reference(reference) if reference is not None else None
    quote_ids = _quote_ids(rows)
    # A sub-theme no row gives a theme cannot be placed: its rows are skipped, and the rows
    # read again without them (whose absence may let a row through that disagreed with them).
    by_number = dict(rows)
    excluded: dict[int, RowProblem] = {}
    while True:
        reading = _Pass(frame, quote_ids)
        for number, row in rows:
            if number not in excluded:
                reading.take(number, row)
        themeless = reading.themeless()
        if not themeless:
            break
        for subtheme, numbers in themeless.items():
            for number in numbers:
                excluded[number] = RowProblem(
                    number,
                    "subtheme",
                    by_number[number].get("subtheme"),
                    f"sub-theme {subtheme!r} has no theme: no row names the theme it belongs to",
                    kind="subtheme_without_theme",
                )
    problems = sorted(
        [*reading.problems, *excluded.values()],
        key=lambda p: (p.row, -1 if p.column is None else _COLUMN_ORDER.get(p.column, 99)),
    )
    if reading.rows_used == 0:
        if not rows:
            raise DocumentError(f"{where}: no rows under the header")
        raise DocumentError(
            f"{where}: no row could be used ({_counted(len(rows), 'rows')}, "
            f"{_counted(len(problems), 'problems')}); the first: {problems[0]}"
        )
    fields = reading.fields(study_id, title)
    study = _build(fields, where)
    warnings = sorted([*header_warnings, *reading.warnings], key=lambda p: p.row)
    report = TableReport(
        problems,
        warnings,
        rows=len(rows),
        rows_used=reading.rows_used,
        quotes=len(study.quotes),
        codings=len(study.codings),
        participants=len(study.participants),
    )
    return TableImport(study, report)


def _build(fields: dict[str, Any], where: str) -> Study:
    try:
        return Study.model_validate(fields)
    except ValidationError as error:
        # The reader builds only what the model allows; reaching this is a bug, reported in
        # the library's own terms all the same.
        problems = error.errors(include_url=False)
        first = problems[0]
        location = ".".join(str(part) for part in first["loc"])
        raise StudyValidationError(
            f"{where}: the study read from the table is invalid: {location}: {first['msg']}",
            problems,
        ) from None


# --- the header ---------------------------------------------------------------------------


def _header(
    cells: Sequence[str | None], row: int, where: str
) -> tuple[dict[int, str], list[RowProblem]]:
    """Return the column each position holds, and a warning for each column not read."""
    columns: dict[int, str] = {}
    written: dict[str, str] = {}
    warnings = []
    for position, cell in enumerate(cells):
        if cell is None or not cell.strip():
            continue
        name = _COLUMNS.get(_column_key(cell))
        if name is None:
            warnings.append(
                RowProblem(
                    row,
                    cell.strip(),
                    cell,
                    "not a column peerlandscape reads; ignored (the columns are "
                    f"{', '.join(QUOTE_RECORD_KEYS)})",
                    kind="unknown_column",
                )
            )
            continue
        if name in written:
            raise DocumentError(
                f"{where}: the header (row {row}) names the column {name!r} twice "
                f"({written[name]!r} and {cell.strip()!r})"
            )
        written[name] = cell.strip()
        columns[position] = name
    found = set(columns.values())
    expected = f"the columns are {', '.join(QUOTE_RECORD_KEYS)}"
    if "text" not in found:
        raise DocumentError(
            f"{where}: the header (row {row}) has no column 'text'; {expected} "
            "(text and one of code, subtheme, theme are needed)"
        )
    if not found & set(_REQUIRED_ELEMENT):
        raise DocumentError(
            f"{where}: the header (row {row}) has none of the columns 'code', 'subtheme', "
            f"'theme'; {expected}"
        )
    return columns, warnings


def _grid_rows(
    grid: Iterable[tuple[int, Sequence[str | None]]], where: str
) -> tuple[list[tuple[int, dict[str, str | None]]], list[RowProblem]]:
    """Return the rows under the header of a grid of cells, by column name, and its warnings."""
    columns: dict[int, str] | None = None
    warnings: list[RowProblem] = []
    rows: list[tuple[int, dict[str, str | None]]] = []
    for number, cells in grid:
        if not any(cell is not None and cell.strip() for cell in cells):
            continue
        if columns is None:
            columns, warnings = _header(cells, number, where)
            continue
        rows.append(
            (
                number,
                {
                    name: cells[position] if position < len(cells) else None
                    for position, name in columns.items()
                },
            )
        )
    if columns is None:
        raise DocumentError(f"{where}: empty: no header row and no rows")
    return rows, warnings


# --- reading ------------------------------------------------------------------------------


def _options(study_id: str | None, title: str | None, default: str) -> tuple[str, str]:
    if study_id is not None and (len(study_id) > 128 or not _is_id(study_id)):  # noqa: PLR2004
        raise InvalidOptionError(
            f"study_id {study_id!r} is not an id: lower-case letters and digits, words joined "
            "by '-', '_' or '.'"
        )
    if title is not None and not title.strip():
        raise InvalidOptionError("title must not be empty")
    chosen_title = title if title is not None else default
    return study_id or as_id(chosen_title) or "table", chosen_title


def parse_table(
    rows: Iterable[Mapping[str, str | None]],
    *,
    study_id: str | None = None,
    title: str | None = None,
    reference: Reference | None = None,
    where: str = "table",
    scan_identities: bool = False,
) -> TableImport:
    """Build a study from rows of coded quotes already in memory, one mapping per row.

    The rows are those of a spreadsheet without its header: the first is row 2
    in the report. Keys are column names (see :func:`read_table`); a missing
    key, ``None``, an empty or blank string and a float NaN (pandas' empty
    cell, as in ``frame.to_dict("records")``) are all an empty cell.

    Parameters
    ----------
    rows
        The rows, each a mapping from column name to cell value.
    study_id
        The study's id; by default made from ``title``.
    title
        The study's title; by default ``"Coded quotes"``.
    reference
        A framework the sub-themes, themes and groups are the reference's
        of: ``"engdahl2025"``, a :class:`~peerlandscape.Study`, or the path of
        a study document. Its framework is carried into the study.
    where
        What the rows are, for messages (a file name, say).
    scan_identities
        Also scan the study for what identifies a person, as
        :func:`read_table` does, into ``report.findings``.

    Returns
    -------
    TableImport
        The study, and the report of the rows it could not use.

    Raises
    ------
    DocumentError
        If no row can be used, the columns lack ``text`` or all of ``code``,
        ``subtheme`` and ``theme``, or a value is not text.
    InvalidOptionError
        If ``study_id`` is not an id or ``title`` is empty.

    Examples
    --------
    >>> study, report = parse_table([
    ...     {"text": "We are invited in now.", "participant_label": "Peer support worker 3",
    ...      "stakeholder_group": "Peer support workers", "subtheme": "Mitigating peer drifting"},
    ...     {"text": "Nobody asked us.", "subtheme": "Feeling invisible"},
    ... ], reference="engdahl2025")
    >>> [(c.quote, c.subtheme) for c in study.codings]
    [('we-are-invited-in-now', 'mitigating-peer-drifting')]
    >>> study.participants[0].id, study.participants[0].group
    ('peer-support-worker-3', 'peer_support_worker')
    >>> print(report.problems[0])
    row 3, subtheme: the reference framework 'engdahl2025' has no sub-theme
    'Feeling invisible' (by id or label)
    """
    study_id, title = _options(study_id, title, "Coded quotes")
    numbered = list(enumerate(rows, start=2))
    names: dict[str, str] = {}  # a key as written -> its column
    for number, row in numbered:
        for key in row:
            if key not in names:
                names[key] = _COLUMNS.get(_column_key(key), "")
        _check_values(number, row, where)
    order = list(names)
    columns, warnings = _header(order, 1, where)
    table = []
    for number, row in numbered:
        cells = {name: _cell(row.get(order[position])) for position, name in columns.items()}
        if any(value is not None and value.strip() for value in cells.values()):
            table.append((number, cells))
    result = _read_rows(
        table,
        reference=resolve_reference(reference),
        header_warnings=warnings,
        study_id=study_id,
        title=title,
        where=where,
    )
    return _scanned(result) if scan_identities else result


def _scanned(result: TableImport) -> TableImport:
    findings = scan_imported(result.study)
    return TableImport(result.study, attrs.evolve(result.report, findings=findings))


def _cell(value: object) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    assert isinstance(value, str)  # checked by _check_values
    return value


def _check_values(number: int, row: Mapping[str, object], where: str) -> None:
    for key, value in row.items():
        if value is None or isinstance(value, str):
            continue
        if isinstance(value, float) and math.isnan(value):
            continue
        raise DocumentError(f"{where}: row {number}, {key}: {value!r} is not text")


def read_table(
    path: str | os.PathLike[str],
    *,
    study_id: str | None = None,
    title: str | None = None,
    reference: Reference | None = None,
    sheet: str | int | None = None,
    scan_identities: bool = False,
    limits: Limits | None = None,
) -> TableImport:
    r"""Read a spreadsheet of coded quotes (CSV or XLSX) as a study.

    The first row that holds anything is the header; it names the columns,
    those of :data:`~peerlandscape.QUOTE_RECORD_KEYS`, in any order and
    letter case (``Sub-theme`` is ``subtheme``). Every row under it applies
    one framework element to one quote: ``text`` (or the ``quote_id`` of a
    quote an earlier row gave its text) and one of ``code``, ``subtheme``,
    ``theme`` are needed, the other columns are optional. Rows of the same
    ``quote_id`` are one quote with several codings; rows without a
    ``quote_id`` are one quote per text, whose id is made from its first
    words. ``docs/tables.md`` gives every rule.

    A ``.xlsx`` file is read through pandas and openpyxl (the ``tables``
    extra); any other file as CSV text: UTF-8 with or without a byte-order
    mark, its delimiter ``,``, ``;`` (as Swedish Excel writes) or a tab,
    found from the header.

    Parameters
    ----------
    path
        The spreadsheet file.
    study_id
        The study's id; by default made from ``title``.
    title
        The study's title; by default the file's name without its suffix.
    reference
        A framework the sub-themes, themes and groups are the reference's
        of: ``"engdahl2025"``, a :class:`~peerlandscape.Study`, or the path of
        a study document, named by id or label (case and whitespace aside).
        Its framework is carried into the study.
    sheet
        The worksheet of a workbook, by name or position from 0; by default
        the first.
    scan_identities
        Also scan the study for what identifies a person (names, personal
        identity numbers, e-mail addresses, ...), each ``participant_label``
        that could be a name listed as one, and put the findings in
        ``report.findings``. It needs the ``privacy`` extra.
    limits
        The file (and an XLSX workbook's members, together and
        uncompressed) may be at most ``limits.max_document_bytes`` long; see
        :class:`~peerlandscape.Limits` (``None``: the defaults).

    Returns
    -------
    TableImport
        The study and the report of the rows it could not use
        (``study, report = read_table(path)``).

    Raises
    ------
    MissingFileError
        If there is no such file.
    DocumentError
        If the file is not a UTF-8 CSV or an XLSX workbook, has no header
        with the needed columns, or no row can be used.
    UnsafeFileError
        If the file, or what an XLSX workbook declares it expands to, is
        larger than ``limits.max_document_bytes``, or a workbook member is
        compressed more than a spreadsheet's ever is (a zip bomb).
    MissingDependencyError
        If the file is XLSX and pandas or openpyxl is not installed.
    InvalidOptionError
        If ``sheet`` is given for a CSV file, or ``study_id`` or ``title`` is bad.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = pathlib.Path(folder) / "coded.csv"
    ...     _ = path.write_text(
    ...         "quote_id;text;participant_label;code;subtheme;theme\n"
    ...         "q1;We learn from each other.;Peer support worker 3;Mutual learning;"
    ...         "Learning;Growth\n"
    ...         "q1;;;Hope;Learning;Growth\n"
    ...         "q2;Nobody listens.;Peer support worker 4;;Learning;Stagnation\n",
    ...         encoding="utf-8")
    ...     study, report = read_table(path)
    >>> study.id, [(c.quote, c.code) for c in study.codings]
    ('coded', [('q1', 'mutual-learning'), ('q1', 'hope')])
    >>> print(report)
    used 2 of 3 rows: 1 quote, 2 codings, 1 participant; skipped 1 row; 1 warning
    row 4, theme: sub-theme 'learning' belongs to the theme 'growth' in row 2
    warning: row 2, stakeholder_group: no row gives participant 'peer-support-worker-3'
    a stakeholder group; put in the group 'unknown'
    """
    file = Path(path)
    study_id, title = _options(study_id, title, file.stem)
    xlsx = file.suffix.lower() in _XLSX_SUFFIXES
    if sheet is not None and not xlsx:
        raise InvalidOptionError(f"{file}: sheet is for XLSX workbooks, and this is read as CSV")
    if file.suffix.lower() in _OTHER_WORKBOOKS:
        raise DocumentError(
            f"{file}: a {file.suffix} workbook; save it as .xlsx or as CSV UTF-8 to read it"
        )
    try:
        exists = file.exists()
    except OSError as error:  # a name too long, a folder on the way that cannot be searched
        raise DocumentError(f"{file}: cannot read: {error.strerror or error}") from None
    if not exists:
        raise MissingFileError(f"{file}: no such file")
    if file.is_dir():
        raise DocumentError(f"{file}: is a directory, not a spreadsheet")
    limits = limits or DEFAULT_LIMITS
    raw = read_limited(
        file, limit=limits.max_document_bytes, limit_name="max_document_bytes", what="a table"
    )
    grid = _xlsx_grid(file, raw, sheet, limits) if xlsx else _csv_grid(file, raw)
    rows, warnings = _grid_rows(grid, str(file))
    result = _read_rows(
        rows,
        reference=resolve_reference(reference),
        header_warnings=warnings,
        study_id=study_id,
        title=title,
        where=str(file),
    )
    return _scanned(result) if scan_identities else result


def _csv_grid(file: Path, raw: bytes) -> list[tuple[int, list[str | None]]]:
    if raw.startswith(b"PK\x03\x04"):
        raise DocumentError(
            f"{file}: a zip archive (an XLSX workbook?), not CSV text; name it .xlsx to read it"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DocumentError(
            f"{file}: not UTF-8 text ({error.reason} at byte {error.start}); save the "
            "spreadsheet as CSV UTF-8"
        ) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The header names known columns, none of which holds a delimiter: the one it uses most
    # is the file's (a tie, as in a one-column file, is a comma).
    delimiter = max(_DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    grid: list[tuple[int, list[str | None]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            grid.append((number, [_unescape(cell) for cell in cells]))
    except csv.Error as error:
        raise DocumentError(
            f"{file}: not readable as CSV at row {len(grid) + 1}: {error}"
        ) from None
    return grid


def _xlsx_grid(
    file: Path, raw: bytes, sheet: str | int | None, limits: Limits
) -> list[tuple[int, list[str | None]]]:
    needed_for = "reading an XLSX spreadsheet"
    pandas = require("pandas", extra="tables", needed_for=needed_for)
    require("openpyxl", extra="tables", needed_for=needed_for)
    invalid = require("openpyxl.utils.exceptions", extra="tables", needed_for=needed_for)
    workbook = io.BytesIO(raw)
    check_workbook(workbook, name=str(file), limits=limits)
    try:
        with warnings.catch_warnings():
            # What openpyxl does not model (data validation, conditional formats, a missing
            # default style) it drops with a warning each time; the cells are all that is read.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            with pandas.ExcelFile(workbook, engine="openpyxl") as book:
                chosen = _sheet(file, list(book.sheet_names), sheet)
                # Every cell as text, empty cells as "", and no row dropped: row numbers stay
                # the spreadsheet's own.
                frame = pandas.read_excel(
                    book,
                    sheet_name=chosen,
                    header=None,
                    dtype=str,
                    keep_default_na=False,
                    na_filter=False,
                )
    except DocumentError:
        raise
    except (
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        invalid.InvalidFileException,
        # What zipfile raises on a damaged or unusual archive: a member cut short, a
        # compression method or flag it does not support, an encrypted member.
        EOFError,
        NotImplementedError,
        RuntimeError,
        zlib.error,
    ) as e:
        raise DocumentError(f"{file}: not an XLSX workbook ({e})") from None
    return [
        (number, [cell if cell else None for cell in values])
        for number, values in enumerate(frame.itertuples(index=False, name=None), start=1)
    ]


def _sheet(file: Path, names: Sequence[str], sheet: str | int | None) -> str:
    if not names:
        raise DocumentError(f"{file}: the workbook has no worksheet")
    if sheet is None:
        return names[0]
    if isinstance(sheet, int):
        if 0 <= sheet < len(names):
            return names[sheet]
        raise DocumentError(
            f"{file}: no worksheet at position {sheet}; it has {_counted(len(names), 'sheets')}"
        )
    if sheet in names:
        return sheet
    by_name = {fold(name): name for name in names}
    if fold(sheet) in by_name:
        return by_name[fold(sheet)]
    raise DocumentError(
        f"{file}: no worksheet {sheet!r}; its worksheets: {', '.join(map(repr, names))}"
    )


# --- writing ------------------------------------------------------------------------------


def write_table(
    study: Study, path: str | os.PathLike[str], *, allow_identifying: bool = False
) -> Path:
    """Write ``study`` as a spreadsheet of coded quotes, atomically: what :func:`read_table` reads.

    One row per coding, with the columns and values of
    :func:`~peerlandscape.quote_records` (a quote no coding links to the
    framework has no row). A path ending in ``.xlsx`` gets an XLSX workbook
    (one worksheet, ``quotes``; it needs openpyxl, the ``tables`` extra), any
    other a CSV file: UTF-8 with a byte-order mark (so that Excel shows å, ä
    and ö as they are), comma-separated, lines ending in CRLF.

    A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
    carriage return is written with a leading ``'``, so that a spreadsheet
    program shows it as text instead of running it as a formula (CSV
    injection); :func:`read_table` removes that apostrophe again, so the text
    reads back as it was. An XLSX file marks every cell as text, which no
    program runs, so its cells are written as they are.

    Parameters
    ----------
    study
        The study to write.
    path
        Where to write it; the folder must exist.
    allow_identifying
        Write it even if a quote or a participant's label identifies a
        person (see ``docs/privacy.md``).

    Returns
    -------
    Path
        ``path``, as a :class:`~pathlib.Path`.

    Raises
    ------
    MissingFileError
        If the folder does not exist.
    DocumentError
        If a value holds a control character an XLSX file cannot hold.
    MissingDependencyError
        If the path ends in ``.xlsx`` and openpyxl is not installed.
    IdentifyingDataError
        If a quote or a participant's label identifies a person; nothing is written.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = write_table(study, pathlib.Path(folder) / "engdahl2025.csv")
    ...     lines = path.read_text(encoding="utf-8-sig").splitlines()
    ...     again, report = read_table(path, reference="engdahl2025")
    >>> lines[0]
    'quote_id,text,interview_id,participant_id,participant_label,stakeholder_group,code,subtheme,theme,coder'
    >>> len(lines) - 1, len(again.quotes), report.problems
    (17, 16, ())
    """
    target = Path(path)
    records = quote_records(study)
    refuse_identifying_records(study, records, where=str(target), allowed=allow_identifying)
    # The keys are the TypedDict's own (QUOTE_RECORD_KEYS), which mypy cannot see through.
    rows = [[record[key] for key in QUOTE_RECORD_KEYS] for record in records]  # type: ignore[literal-required]
    if target.suffix.lower() == ".xlsx":
        return _write_xlsx(target, rows)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(QUOTE_RECORD_KEYS)
    writer.writerows([[_escape(v) if v is not None else "" for v in row] for row in rows])
    with atomic_file(target) as stream:
        stream.write(buffer.getvalue().encode("utf-8-sig"))
    return target


def _write_xlsx(target: Path, rows: list[list[str | None]]) -> Path:
    needed_for = "writing an XLSX spreadsheet"
    openpyxl = require("openpyxl", extra="tables", needed_for=needed_for)
    cells = require("openpyxl.cell", extra="tables", needed_for=needed_for)
    for number, row in enumerate(rows, start=2):
        for name, value in zip(QUOTE_RECORD_KEYS, row, strict=True):
            bad = _NOT_IN_XML.search(value) if value is not None else None
            if bad is not None:
                raise DocumentError(
                    f"{target}: row {number}, {name} holds the control character "
                    f"U+{ord(bad.group()):04X}, which an XLSX file cannot hold; write CSV instead"
                )
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("quotes")

    def cell(value: str | None) -> Any:
        written = cells.WriteOnlyCell(sheet, value=value)
        if value is not None:
            written.data_type = "s"  # text, never a formula, whatever it starts with
        return written

    header: list[str | None] = list(QUOTE_RECORD_KEYS)
    for values in [header, *rows]:
        sheet.append([cell(value) for value in values])
    with atomic_file(target) as stream:
        book.save(stream)
    return target
