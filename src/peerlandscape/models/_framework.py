"""The thematic framework: codes, candidate themes, sub-themes, themes, the overarching theme.

The hierarchy, from the data up, is::

    Quote --Coding--> Code --> CandidateTheme --> SubTheme --> Theme --> OverarchingTheme
    Quote --Coding--> Code -----------------------> SubTheme        (no candidate theme)
    Quote --Coding------------------------------------> SubTheme    (a paper's placement)
    Quote --Coding-------------------------------------------------> Theme

A coding applies any element of the framework to a quote (QDA tools let a
coder code with any node of the code tree). Codes may also nest under other
codes (as in REFI-QDA code trees); a child code then belongs wherever its
parent does.
"""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation
from peerlandscape.models._values import Timestamp

__all__ = [
    "CODING_TARGETS",
    "CandidateTheme",
    "Code",
    "Coder",
    "Coding",
    "GroupAttribution",
    "OverarchingTheme",
    "SubTheme",
    "Theme",
]


class Coder(Model):
    """A person (or program) who applies codes and writes memos."""

    KIND: ClassVar[Kind] = Kind.CODER

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """Name or initials as the study gives them."""
    role: str | None = None
    """Role in the analysis (e.g. "first author, primary coder"), if known."""
    guid: Guid | None = None
    """The GUID of the coder (a REFI-QDA user), when imported from a QDA project."""


class Code(Model):
    """A code: a short label for a feature of the data.

    A code sits under at most one of: a parent code, a candidate theme, a
    sub-theme or a theme. A code under none of them is an orphan (allowed, but
    reported by analysis validation).

    Examples
    --------
    >>> Code(id="lack-of-funding", label="Lack of funding", subtheme="financial-sustainability")
    Code(id='lack-of-funding', label='Lack of funding', ...)
    """

    KIND: ClassVar[Kind] = Kind.CODE

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """The code as written by the coder."""
    description: str | None = None
    """What the code captures."""
    parent: Annotated[Id | None, RefersTo(Kind.CODE, Relation.CHILD_OF)] = None
    """Id of the code this one nests under, if any."""
    candidate_theme: Annotated[Id | None, RefersTo(Kind.CANDIDATE_THEME, Relation.GROUPED_INTO)] = (
        None
    )
    """Id of the candidate theme it was grouped into, if any."""
    subtheme: Annotated[Id | None, RefersTo(Kind.SUBTHEME, Relation.PLACED_UNDER)] = None
    """Id of the sub-theme it sits under directly, if any."""
    theme: Annotated[Id | None, RefersTo(Kind.THEME, Relation.PART_OF)] = None
    """Id of the theme it sits under directly (a code tree with no sub-themes), if any."""
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""
    guid: Guid | None = None
    """The GUID of the code in the QDA project it was imported from, if any."""


CODING_TARGETS: tuple[str, ...] = ("code", "candidate_theme", "subtheme", "theme")
"""The fields of :class:`Coding` that can name what was applied; exactly one is set."""


class Coding(Model):
    """The application of one element of the framework to one quote, by one coder (if known).

    The element is a code, a candidate theme, a sub-theme or a theme: exactly
    one of those fields is set. A paper's placement of a quote under a
    sub-theme is a coding with an unknown coder.

    Examples
    --------
    >>> Coding(quote="q1", code="lack-of-funding", coder="coder-a").target
    ('code', 'lack-of-funding')
    >>> Coding(quote="q1", subtheme="mitigating-peer-drifting").target
    ('subtheme', 'mitigating-peer-drifting')
    >>> Coding(quote="q1", code="a", theme="b")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Coding
      a coding applies exactly one of code, candidate_theme, subtheme, theme; this one names 2 ...
    """

    quote: Annotated[Id, RefersTo(Kind.QUOTE, Relation.CODED_AS, incoming=True)]
    """Id of the coded quote."""
    code: Annotated[Id | None, RefersTo(Kind.CODE, Relation.CODED_AS)] = None
    """Id of the applied code, when a code was applied."""
    candidate_theme: Annotated[Id | None, RefersTo(Kind.CANDIDATE_THEME, Relation.CODED_AS)] = None
    """Id of the applied candidate theme, when one was applied."""
    subtheme: Annotated[Id | None, RefersTo(Kind.SUBTHEME, Relation.CODED_AS)] = None
    """Id of the applied sub-theme, when one was applied (or a quote placed under it)."""
    theme: Annotated[Id | None, RefersTo(Kind.THEME, Relation.CODED_AS)] = None
    """Id of the applied theme, when one was applied."""
    coder: Annotated[Id | None, RefersTo(Kind.CODER, Relation.CODED)] = None
    """Id of the coder who applied it, or ``None`` when not known."""
    when: Timestamp | None = None
    """When it was applied, if known."""
    guid: Guid | None = None
    """The GUID of the coding in the QDA project it was imported from, if any."""

    @model_validator(mode="after")
    def _one_target(self) -> Coding:
        # Spelt out rather than looped over CODING_TARGETS: this runs once per coding.
        count = (
            (self.code is not None)
            + (self.candidate_theme is not None)
            + (self.subtheme is not None)
            + (self.theme is not None)
        )
        if count != 1:
            raise PydanticCustomError(
                "coding_target",
                "a coding applies exactly one of code, candidate_theme, subtheme, theme; "
                "this one names {count}",
                {"count": count},
            )
        return self

    @property
    def target(self) -> tuple[str, str]:
        """The applied element as ``(kind, id)``: ``("code", "lack-of-funding")``."""
        # Spelt out: every flat view and the graph ask this of every coding.
        if self.code is not None:
            return "code", self.code
        if self.subtheme is not None:
            return "subtheme", self.subtheme
        if self.theme is not None:
            return "theme", self.theme
        if self.candidate_theme is not None:
            return "candidate_theme", self.candidate_theme
        raise AssertionError("unreachable: validation guarantees one target")  # pragma: no cover


class FrameworkElement(Model):
    """What every level of the framework has: an id, a name, a description and a GUID."""

    id: Id
    """Stable id, e.g. ``"mitigating-peer-drifting"`` for a sub-theme."""
    label: str = Field(min_length=1)
    """Its name, as published or as named in the analysis."""
    description: str | None = None
    """What it says or captures, in a sentence or two."""
    guid: Guid | None = None
    """The GUID of the code it was imported from, if any."""

    def _repr_html_(self) -> str:
        # Jupyter's view: what the element holds. Study.view adds what its study knows of it.
        from peerlandscape._views import html_of  # noqa: PLC0415 - views read models

        return html_of(self)


class CandidateTheme(FrameworkElement):
    """An early, "identified" theme that codes were grouped into on the way to sub-themes."""

    KIND: ClassVar[Kind] = Kind.CANDIDATE_THEME

    subtheme: Annotated[Id | None, RefersTo(Kind.SUBTHEME, Relation.DEVELOPED_INTO)] = None
    """Id of the sub-theme it was developed into, if any."""


class SubTheme(FrameworkElement):
    """A sub-theme: one facet of a theme."""

    KIND: ClassVar[Kind] = Kind.SUBTHEME

    theme: Annotated[Id, RefersTo(Kind.THEME, Relation.PART_OF)]
    """Id of the theme it belongs to."""
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""


class Theme(FrameworkElement):
    """A theme: a pattern of shared meaning organised around a central concept."""

    KIND: ClassVar[Kind] = Kind.THEME

    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""


class OverarchingTheme(FrameworkElement):
    """The one theme that all themes of the framework serve."""

    KIND: ClassVar[Kind] = Kind.OVERARCHING_THEME


class GroupAttribution(Model):
    """A study's own statement of which stakeholder groups voiced a sub-theme.

    Results sections say things like "deemed necessary by managers, municipal,
    and county council officials"; this records such a statement, with the
    sentence as evidence, so that it can be compared with the quotes.
    """

    subtheme: Annotated[Id, RefersTo(Kind.SUBTHEME, Relation.STATED_VOICING)]
    """Id of the sub-theme the statement is about."""
    groups: Annotated[
        Seq[Id], Field(min_length=1), RefersTo(Kind.GROUP, Relation.STATED_VOICING, incoming=True)
    ]
    """Ids of the stakeholder groups the statement names."""
    evidence: str = Field(min_length=1)
    """The sentence of the source that says so, verbatim."""
