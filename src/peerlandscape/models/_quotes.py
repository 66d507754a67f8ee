"""Quotes: verbatim data extracts."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation
from peerlandscape.models._values import Span

__all__ = ["Quote"]


class Quote(Model):
    """A data extract: verbatim words of a participant.

    A quote is linked to the thematic framework by :class:`Coding` objects,
    each applying one element of the framework (a code, candidate theme,
    sub-theme or theme) to it; a paper's placement of a quote under a sub-theme
    is such a coding, with an unknown coder.

    Examples
    --------
    >>> q = Quote(id="q1", text="We must be invited in.", participant="psw-14")
    >>> q.interview is None and q.span is None
    True
    """

    KIND: ClassVar[Kind] = Kind.QUOTE

    id: Id
    """Stable id."""
    text: str | None = Field(min_length=1)
    """The extract, verbatim (editorial marks such as ``[...]`` as printed); ``None`` when the
    words are not available (a coded selection of a transcript that was not shared)."""
    participant: Annotated[Id | None, RefersTo(Kind.PARTICIPANT, Relation.SAID, incoming=True)] = (
        None
    )
    """Id of the participant who said it, or ``None`` when unattributed."""
    interview: Annotated[Id | None, RefersTo(Kind.INTERVIEW, Relation.FROM_INTERVIEW)] = None
    """Id of the interview it comes from, or ``None`` when not known."""
    source: Annotated[Id | None, RefersTo(Kind.SOURCE, Relation.FROM_SOURCE)] = None
    """Id of the source text it was cut from, if available."""
    span: Span | None = None
    """Where in the source text it lies (code points, half-open); requires ``source``."""
    label: str | None = None
    """A short name for the quote, if it has one (REFI-QDA selections do)."""
    notes: Seq[str] = ()
    """Remarks on the text: how an extraction artefact was cleaned, who an alias denotes, ..."""
    guid: Guid | None = None
    """The GUID of the selection in the QDA project it was imported from, if any."""

    def _repr_html_(self) -> str:
        # Jupyter's view: the text and where it comes from. Study.view adds its codings.
        from peerlandscape._views import html_of  # noqa: PLC0415 - views read models

        return html_of(self)
