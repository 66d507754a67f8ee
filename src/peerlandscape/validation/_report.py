"""The validation report: findings, each with a stable code, a severity, a location, a message."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Literal

import attrs

from peerlandscape._exceptions import AnalysisValidationError
from peerlandscape._html import panel, table
from peerlandscape.models import format_ref

__all__ = ["Finding", "LocationKind", "Severity", "ValidationReport", "counted", "location"]

LocationKind = Literal[
    "group",
    "participant",
    "interview",
    "source",
    "quote",
    "code",
    "candidate_theme",
    "subtheme",
    "theme",
    "overarching_theme",
    "coder",
    "region",
    "study",
]
"""The kinds of object a finding can be located at; the prefixes the graph layer also uses."""


def location(kind: LocationKind, object_id: str) -> str:
    """Return the namespaced location ``kind:id`` of an object.

    The same string names the object's node in the study graph, so a finding
    can be looked up there directly.

    Examples
    --------
    >>> location("subtheme", "mitigating-peer-drifting")
    'subtheme:mitigating-peer-drifting'
    """
    return format_ref(kind, object_id)


class Severity(StrEnum):
    """How much a finding matters.

    Examples
    --------
    >>> [s.value for s in Severity]
    ['error', 'warning', 'info']
    >>> Severity("warning") is Severity.WARNING
    True
    """

    ERROR = "error"
    """The analysis is wrong as encoded (a quote's span lies outside its transcript)."""
    WARNING = "warning"
    """The analysis is weak (a sub-theme rests on one participant)."""
    INFO = "info"
    """Worth knowing, not a fault (a participant who is never quoted)."""


_RANK = {severity: rank for rank, severity in enumerate(Severity)}
_DIGITS = re.compile(r"(\d+)")


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    # "psw-2" before "psw-10", as a reader expects; the (0|1, ...) tags keep ints and strs
    # from being compared with each other.
    return tuple(
        (1, int(part)) if part.isdigit() else (0, part) for part in _DIGITS.split(text) if part
    )


def _frozen_mapping(value: Mapping[str, Any]) -> Mapping[str, Any]:
    return MappingProxyType(dict(value))


@attrs.frozen
class Finding:
    """One thing validation found.

    Parameters
    ----------
    code
        The rule that found it: a stable, lower-case, hyphenated slug such as
        ``"orphan-code"`` (see :data:`~peerlandscape.validation.RULES`).
    severity
        How much it matters.
    location
        The object it is about, as ``kind:id`` (``"quote:psw-5-salary-raise"``).
    message
        One sentence naming the object and the offending value.
    details
        The values behind the message, for programs (read-only).

    Examples
    --------
    >>> f = Finding("orphan-code", Severity.WARNING, "code:funding",
    ...             "code 'funding' reaches no sub-theme", {"code": "funding"})
    >>> f.location, f.severity
    ('code:funding', <Severity.WARNING: 'warning'>)
    """

    code: str
    severity: Severity = attrs.field(converter=Severity)
    location: str
    message: str
    # Excluded from hashing (a mapping is not hashable) but kept in equality.
    details: Mapping[str, Any] = attrs.field(
        factory=dict, converter=_frozen_mapping, hash=False, repr=False
    )

    def sort_key(self) -> tuple[Any, ...]:
        """Return the key findings are ordered by: severity, code, location, message."""
        return (_RANK[self.severity], self.code, _natural(self.location), self.message)

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # The read-only view of the details does not pickle; a copy does, frozen again on loading.
        details = dict(self.details)
        return type(self), (self.code, self.severity, self.location, self.message, details)

    def to_record(self) -> dict[str, str]:
        """Return the finding as a plain dictionary of strings (no ``details``)."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "location": self.location,
            "message": self.message,
        }


def _sorted_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=Finding.sort_key))


def _codes(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(codes)


@attrs.frozen
class ValidationReport:
    """What validating a study found.

    Findings are kept in a fixed order (severity, then code, then location in
    natural order, then message), so two runs over the same study give equal
    reports.

    Parameters
    ----------
    findings
        Every finding, in any order.
    rules
        Codes of the rules that were run, so that an empty report says what it vouches for.

    Examples
    --------
    >>> report = ValidationReport(
    ...     [Finding("participant-without-quotes", "info", "participant:p-2",
    ...              "participant 'p-2' is quoted nowhere"),
    ...      Finding("span-outside-source", "error", "quote:q-1",
    ...              "quote 'q-1' ends at 90, past the end of source 't-1' (80 characters)")],
    ...     rules=["participant-without-quotes", "span-outside-source"],
    ... )
    >>> report.valid
    False
    >>> report.summary()
    'invalid: 1 error, 0 warnings, 1 info from 2 rules'
    >>> print(report)
    invalid: 1 error, 0 warnings, 1 info from 2 rules
    error    span-outside-source         quote:q-1        quote 'q-1' ends at 90, ...
    info     participant-without-quotes  participant:p-2  participant 'p-2' is quoted nowhere
    >>> report.to_records()[0]["code"]
    'span-outside-source'
    """

    findings: tuple[Finding, ...] = attrs.field(converter=_sorted_findings)
    rules: tuple[str, ...] = attrs.field(default=(), converter=_codes)

    @property
    def valid(self) -> bool:
        """``True`` when there is no error-severity finding (warnings and infos may remain)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        """The findings of severity ``warning``."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Finding, ...]:
        """The findings of severity ``info``."""
        return self._of(Severity.INFO)

    def _of(self, severity: Severity) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is severity)

    def raise_for_errors(self) -> ValidationReport:
        """Raise :class:`~peerlandscape.AnalysisValidationError` if there is an error.

        Returns
        -------
        ValidationReport
            The report itself, when it is valid, so that calls can be chained.

        Raises
        ------
        AnalysisValidationError
            Carrying this report as ``report``.

        Examples
        --------
        >>> ValidationReport([]).raise_for_errors().valid
        True
        >>> ValidationReport([Finding("span-outside-source", "error", "quote:q-1",
        ...                           "quote 'q-1' lies outside its source")]).raise_for_errors()
        Traceback (most recent call last):
        ...
        peerlandscape.AnalysisValidationError: invalid: 1 error, ...
        first: quote:q-1: quote 'q-1' lies outside its source
        """
        errors = self.errors
        if errors:
            first = errors[0]
            raise AnalysisValidationError(
                f"{self.summary()}; first: {first.location}: {first.message}", self
            )
        return self

    def to_records(self) -> list[dict[str, str]]:
        """Return the findings as plain dictionaries for tables and JSON.

        Each has the keys ``code``, ``severity``, ``location`` and ``message``,
        all strings.
        """
        return [f.to_record() for f in self.findings]

    def summary(self) -> str:
        """Return one line: valid or not, and the count of each severity."""
        verdict = "valid" if self.valid else "invalid"
        counts = ", ".join(
            counted(len(self._of(severity)), severity.value) for severity in Severity
        )
        return f"{verdict}: {counts} from {counted(len(self.rules), 'rule')}"

    def __str__(self) -> str:
        if not self.findings:
            return self.summary()
        widths = [
            max(len(f.severity.value) for f in self.findings),
            max(len(f.code) for f in self.findings),
            max(len(f.location) for f in self.findings),
        ]
        lines = [self.summary()]
        lines.extend(
            f"{f.severity.value:<{widths[0]}}  {f.code:<{widths[1]}}  "
            f"{f.location:<{widths[2]}}  {f.message}"
            for f in self.findings
        )
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        # Jupyter renders this; every value is escaped because messages quote user data.
        return panel(
            table(
                ["code", "severity", "location", "message"],
                [list(record.values()) for record in self.to_records()],
                caption=self.summary(),
            )
        )


def counted(n: int, noun: str) -> str:
    """Return ``n`` with ``noun``, pluralised by a final "s" when ``n`` is not 1.

    Examples
    --------
    >>> counted(1, "sub-theme"), counted(0, "quote")
    ('1 sub-theme', '0 quotes')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
