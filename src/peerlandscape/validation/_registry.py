"""The rule registry: each rule is a small function registered under a stable code."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape.validation._report import Finding, LocationKind, Severity, location

if TYPE_CHECKING:
    from peerlandscape.models import Study
    from peerlandscape.validation._options import ValidationOptions

__all__ = ["RULES", "Rule", "RuleCheck", "RuleGroup", "rule"]

_CODE = re.compile(r"^[a-z]+(?:-[a-z]+)*$")


class RuleGroup(StrEnum):
    """The families of rules, each in its own module.

    Examples
    --------
    >>> [g.value for g in RuleGroup]
    ['structure', 'references', 'coverage', 'attribution', 'consistency']
    """

    STRUCTURE = "structure"
    """The shape of the framework: themes, sub-themes, candidate themes."""
    REFERENCES = "references"
    """Whether quotes agree with the sources and interviews they point to."""
    COVERAGE = "coverage"
    """Whether the data reach the framework and the framework rests on data."""
    ATTRIBUTION = "attribution"
    """Who said what: speakers, interviews, groups, participants behind sub-themes."""
    CONSISTENCY = "consistency"
    """Whether the study agrees with itself: declared sizes, sums, labels, duplicates."""


_GROUP_ORDER = {group: position for position, group in enumerate(RuleGroup)}

RuleCheck = Callable[["Study", "ValidationOptions"], Iterable[Finding]]
"""The function behind a rule: takes a study and the options, yields findings."""


@attrs.frozen
class Rule:
    """A validation rule: its metadata and the function that applies it.

    Parameters
    ----------
    code
        Stable, lower-case, hyphenated slug naming the fault (``"orphan-code"``).
    group
        The family it belongs to.
    severity
        The severity of its findings unless overridden in the options.
    summary
        One line saying what it checks.
    check
        The function: ``check(study, options)`` yields findings.

    Examples
    --------
    >>> from peerlandscape.validation import RULES
    >>> r = RULES["orphan-code"]
    >>> r.group, r.severity
    (<RuleGroup.COVERAGE: 'coverage'>, <Severity.WARNING: 'warning'>)
    """

    code: str
    group: RuleGroup
    severity: Severity
    summary: str
    check: RuleCheck = attrs.field(repr=False, eq=False)

    def finding(self, location: str, message: str, **details: Any) -> Finding:
        """Return a finding of this rule, at its default severity."""
        return Finding(self.code, self.severity, location, message, details)

    def each_missing(
        self, kind: LocationKind, ids: Iterable[str], present: Container[str], message: str
    ) -> Iterator[Finding]:
        """Yield a finding at each of ``ids`` not in ``present``, ``message`` filled in with its id.

        ``message`` is a :meth:`str.format` template of one field, ``{id!r}``.
        """
        for object_id in ids:
            if object_id not in present:
                yield self.finding(location(kind, object_id), message.format(id=object_id))

    def __call__(self, study: Study, options: ValidationOptions) -> Iterable[Finding]:
        return self.check(study, options)


_REGISTRY: dict[str, Rule] = {}

RULES: Mapping[str, Rule] = MappingProxyType(_REGISTRY)
"""Every rule by code, grouped in the order of :class:`RuleGroup` (read-only).

Examples
--------
>>> from peerlandscape.validation import RULES
>>> RULES["subtheme-few-participants"].summary
'A sub-theme rests on fewer distinct known participants than the threshold.'
"""


def rule(
    code: str, *, group: RuleGroup, severity: Severity, summary: str
) -> Callable[[RuleCheck], Rule]:
    """Register the decorated function as the rule ``code``.

    A code is given once and never reused: registering a code twice is a
    programming error and fails at import.
    """
    # Plain ValueError: these fire while the package is being written, never at a user.
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} is not a lower-case hyphenated slug")
    if code in _REGISTRY:
        raise ValueError(f"rule code {code!r} is already registered")

    def register(check: RuleCheck) -> Rule:
        registered = Rule(code, group, severity, summary, check)
        _REGISTRY[code] = registered
        # Keep RULES in the order of RuleGroup whatever order the group modules are imported
        # in; the sort is stable, so rules of a group stay in the order they are defined.
        ordered = sorted(_REGISTRY.values(), key=lambda r: _GROUP_ORDER[r.group])
        _REGISTRY.clear()
        _REGISTRY.update((r.code, r) for r in ordered)
        return registered

    return register
