"""Stakeholder groups: the built-in three, and the definition a study gives each group."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from peerlandscape.models._base import Id, Model, Seq
from peerlandscape.models._refs import Kind
from peerlandscape.models._values import NumericSummary

__all__ = ["GroupDemographics", "StakeholderGroup", "StakeholderGroupDefinition"]


class StakeholderGroup(StrEnum):
    """The three stakeholder groups of Engdahl et al. (2025).

    A study may define further groups of its own (see
    :class:`StakeholderGroupDefinition`); these three are the built-in ids.
    Being a :class:`str` enum, a member can be used wherever a group id is
    expected.

    Examples
    --------
    >>> StakeholderGroup.OFFICIAL == "official"
    True
    >>> [g.value for g in StakeholderGroup]
    ['peer_support_worker', 'official', 'user_organization']
    """

    PEER_SUPPORT_WORKER = "peer_support_worker"
    """Peer support workers (PSWs) employed in social psychiatry or psychiatry."""
    OFFICIAL = "official"
    """County council and municipality officials in strategic or managerial positions."""
    USER_ORGANIZATION = "user_organization"
    """Representatives of user organizations with a strategic, educational or supervisory role."""


class GroupDemographics(Model):
    """Aggregate demographics of one stakeholder group, as a paper's table reports them.

    Only aggregates: papers in this field do not publish individual ages or
    sexes, and the schema does not ask for them. Every field is optional;
    a category a table does not report is absent, not zero.
    """

    sex: dict[str, int] | None = None
    """Counts by sex, keyed by lower-case category (``female``, ``male``, ``non_binary``, ...)."""
    age: NumericSummary | None = None
    """Age in years: mean and range."""
    education: dict[str, int] | None = None
    """Counts by highest educational level, keyed by a slug of the table's category."""
    years_in_role: NumericSummary | None = None
    """Years of experience in the role that qualified the group: mean and range."""
    years_in_role_measure: str | None = None
    """What :attr:`years_in_role` measures, in the source's words (e.g. "Years employed as PSW")."""
    employment_context: dict[str, int] | None = None
    """Counts by employment setting, keyed by a slug of the table's category."""
    notes: Seq[str] = ()
    """Remarks on how the figures were read from the source (decimal commas, rounding, ...)."""


class StakeholderGroupDefinition(Model):
    """One stakeholder group of a study: its id, label and declared size.

    Examples
    --------
    >>> g = StakeholderGroupDefinition(
    ...     id=StakeholderGroup.OFFICIAL,
    ...     label="County council and municipality officials",
    ...     declared_size=8,
    ... )
    >>> g.id
    'official'
    """

    KIND: ClassVar[Kind] = Kind.GROUP

    id: Id
    """Stable id; the built-in groups use the values of :class:`StakeholderGroup`."""
    label: str = Field(min_length=1)
    """Human-readable name as the study uses it."""
    description: str | None = None
    """Who belongs to the group (inclusion criteria, roles)."""
    declared_size: int | None = Field(default=None, ge=0)
    """Number of participants the study reports for the group (its "n"), if stated."""
    interview_format: str | None = None
    """How the group was interviewed, in words (e.g. "focus groups")."""
    demographics: GroupDemographics | None = None
    """Aggregate demographics reported for the group."""
    notes: Seq[str] = ()
    """Further facts the study states about the group as a whole."""
