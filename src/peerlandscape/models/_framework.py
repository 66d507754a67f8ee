"""The thematic framework: codes, candidate themes, sub-themes, themes, the overarching theme.

The hierarchy, from the data up, is::

    Quote --Coding--> Code --> CandidateTheme --> SubTheme --> Theme --> OverarchingTheme
    Quote --Coding--> Code -----------------------> SubTheme        (no candidate theme)
    Quote ------------------------------------------> SubTheme      (direct placement)

Codes may also nest under other codes (as in REFI-QDA code trees); a child
code then belongs wherever its parent does.
"""

from __future__ import annotations

from pydantic import Field

from peerlandscape.models._base import Id, Model, Seq

__all__ = [
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
    """A person (or program) who applies codes."""

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """Name or initials as the study gives them."""
    role: str | None = None
    """Role in the analysis (e.g. "first author, primary coder"), if known."""


class Code(Model):
    """A code: a short label for a feature of the data.

    A code sits under at most one of: a parent code, a candidate theme, or a
    sub-theme. A code under none of them is an orphan (allowed, but reported by
    analysis validation).

    Examples
    --------
    >>> Code(id="lack-of-funding", label="Lack of funding", subtheme="financial-sustainability")
    Code(id='lack-of-funding', label='Lack of funding', ...)
    """

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """The code as written by the coder."""
    description: str | None = None
    """What the code captures."""
    parent: Id | None = None
    """Id of the code this one nests under, if any."""
    candidate_theme: Id | None = None
    """Id of the candidate theme it was grouped into, if any."""
    subtheme: Id | None = None
    """Id of the sub-theme it sits under directly, if any."""
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""


class Coding(Model):
    """The application of one code to one quote, by one coder (if known)."""

    quote: Id
    """Id of the coded quote."""
    code: Id
    """Id of the applied code."""
    coder: Id | None = None
    """Id of the coder who applied it, or ``None`` when not reported."""


class CandidateTheme(Model):
    """An early, "identified" theme that codes were grouped into on the way to sub-themes."""

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """The candidate theme as named in the analysis."""
    subtheme: Id | None = None
    """Id of the sub-theme it was developed into, if any."""
    description: str | None = None
    """What it captures."""


class SubTheme(Model):
    """A sub-theme: one facet of a theme."""

    id: Id
    """Stable id, e.g. ``"mitigating-peer-drifting"``."""
    label: str = Field(min_length=1)
    """The sub-theme's name as published."""
    theme: Id
    """Id of the theme it belongs to."""
    description: str | None = None
    """What the sub-theme says, in a sentence or two."""
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""


class Theme(Model):
    """A theme: a pattern of shared meaning organised around a central concept."""

    id: Id
    """Stable id, e.g. ``"scaling-up-peer-support"``."""
    label: str = Field(min_length=1)
    """The theme's name as published."""
    description: str | None = None
    """What the theme says, in a sentence or two."""
    color: str | None = Field(default=None, pattern=r"^#[0-9a-f]{6}$")
    """Display colour as ``#rrggbb`` (lower case), if any."""


class OverarchingTheme(Model):
    """The one theme that all themes of the framework serve."""

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """Its name as published."""
    description: str | None = None
    """What it says."""


class GroupAttribution(Model):
    """A study's own statement of which stakeholder groups voiced a sub-theme.

    Results sections say things like "deemed necessary by managers, municipal,
    and county council officials"; this records such a statement, with the
    sentence as evidence, so that it can be compared with the quotes.
    """

    subtheme: Id
    """Id of the sub-theme the statement is about."""
    groups: Seq[Id] = Field(min_length=1)
    """Ids of the stakeholder groups the statement names."""
    evidence: str = Field(min_length=1)
    """The sentence of the source that says so, verbatim."""
