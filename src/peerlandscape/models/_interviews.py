"""Interviews (data-collection events) and their facilitators."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation
from peerlandscape.models._values import PartialDate

__all__ = ["Facilitator", "FacilitatorRole", "Interview", "InterviewFormat", "InterviewMode"]


class InterviewFormat(StrEnum):
    """Whether an interview was held with a group or one person."""

    FOCUS_GROUP = "focus_group"
    """Several participants at once, guided by a moderator."""
    INDIVIDUAL = "individual"
    """One participant and one or more interviewers."""


class InterviewMode(StrEnum):
    """How the interview was held."""

    IN_PERSON = "in_person"
    """Participants and researchers in the same room."""
    ONLINE_VIDEO = "online_video"
    """Video conference."""
    TELEPHONE = "telephone"
    """Telephone call."""


class FacilitatorRole(StrEnum):
    """The part a researcher played in an interview."""

    MODERATOR = "moderator"
    """Led a focus group."""
    ASSISTANT = "assistant"
    """Supported the moderator: field notes, probing questions."""
    INTERVIEWER = "interviewer"
    """Conducted an individual interview."""


# Enum fields accept their values as plain strings ("focus_group") as well as members: the
# value set is closed, so this lax parsing cannot smuggle in a wrong type the way "5" for 5 can.


class Facilitator(Model):
    """A researcher's role in one interview; who it was may be unknown."""

    role: FacilitatorRole = Field(strict=False)
    """The part played."""
    researcher: str | None = None
    """Who played it (a study author's name or initials), or ``None`` when not reported."""


class Interview(Model):
    """One data-collection event: a focus group or an individual interview.

    ``participants`` is ``None`` when the study does not say who took part
    (for example, which peer support workers sat in which focus group), and a
    tuple of participant ids when it does. ``format`` is ``None`` when the
    source does not say whether it was a focus group or an individual interview.

    Examples
    --------
    >>> fg = Interview(id="fg-1", label="Focus group 1", format="focus_group",
    ...                mode="in_person", approximate_duration_minutes=120)
    >>> fg.participants is None
    True
    """

    KIND: ClassVar[Kind] = Kind.INTERVIEW

    id: Id
    """Stable id, e.g. ``"fg-1"``."""
    label: str = Field(min_length=1)
    """Human-readable name."""
    format: InterviewFormat | None = Field(default=None, strict=False)
    """Focus group or individual interview, or ``None`` when not known."""
    mode: InterviewMode | None = Field(default=None, strict=False)
    """In person, online video or telephone, if known."""
    approximate_duration_minutes: int | None = Field(default=None, gt=0)
    """Approximate length in minutes, if reported."""
    setting: str | None = None
    """Where it was held, in the study's words."""
    platform: str | None = None
    """Video-conference platform, for online interviews, if named."""
    stakeholder_group: Annotated[Id | None, RefersTo(Kind.GROUP, Relation.INTERVIEWED_GROUP)] = None
    """The stakeholder group interviewed, when the interview was held with one group."""
    participants: Annotated[
        Seq[Id] | None, RefersTo(Kind.PARTICIPANT, Relation.TOOK_PART_IN, incoming=True)
    ] = None
    """Ids of the participants who took part, or ``None`` when the study does not say."""
    facilitators: Seq[Facilitator] = ()
    """Researcher roles in the interview (moderator, assistant, interviewer)."""
    date: PartialDate | None = None
    """When it was held, to the precision known."""
    region: Annotated[Id | None, RefersTo(Kind.REGION, Relation.HELD_IN)] = None
    """Id of the region (see ``Study.regions``) where it was held, if known."""
    notes: Seq[str] = ()
    """Further facts about the interview."""
    guid: Guid | None = None
    """The GUID of the interview Set in the QDA project it was imported from, if any."""
