"""Participants, known only by pseudonymous labels."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation

__all__ = ["Participant"]


class Participant(Model):
    """A study participant, identified by a pseudonymous label only.

    The schema has no field for a real name, and unknown fields are refused,
    so a document cannot carry one by accident. Individual attributes are
    optional and ``None`` when the study does not report them (the usual case:
    qualitative papers publish aggregates only).

    Examples
    --------
    >>> p = Participant(id="psw-5", label="Peer support worker 5", group="peer_support_worker")
    >>> p.label, p.group, p.age
    ('Peer support worker 5', 'peer_support_worker', None)
    """

    KIND: ClassVar[Kind] = Kind.PARTICIPANT

    id: Id
    """Stable id, e.g. ``"psw-5"``."""
    label: str = Field(min_length=1)
    """The pseudonymous label the study uses for the participant, e.g. "Peer support worker 5"."""
    group: Annotated[Id, RefersTo(Kind.GROUP, Relation.MEMBER_OF)]
    """Id of the participant's stakeholder group (see ``Study.groups``)."""
    aliases: Seq[str] = ()
    """Other labels the source uses for the same participant (variants, misprints)."""
    sex: str | None = None
    """Sex or gender category as reported, if the study reports it for individuals."""
    age: int | None = Field(default=None, ge=0, le=130)
    """Age in years, if reported for the individual."""
    years_in_role: float | None = Field(default=None, ge=0)
    """Years in the role that qualified the participant, if reported."""
    education: str | None = None
    """Highest educational level, if reported."""
    employment_context: str | None = None
    """Employment setting, if reported."""
    attributes: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    """Further study-defined attributes (e.g. REFI-QDA case variables)."""
    notes: Seq[str] = ()
    """Remarks on the participant's record (how a label was reconciled, ...)."""
    guid: Guid | None = None
    """The GUID of the case in the QDA project it was imported from, if any."""
