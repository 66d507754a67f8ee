"""Quotes: verbatim data extracts."""

from __future__ import annotations

from pydantic import Field

from peerlandscape.models._base import Id, Model, Seq
from peerlandscape.models._values import Span

__all__ = ["Quote"]


class Quote(Model):
    """A data extract: verbatim words of a participant.

    A quote is linked to the thematic framework in two ways, which may be
    combined: through :class:`Coding` objects that apply codes to it, and
    directly, by naming the sub-themes it illustrates in ``subthemes`` (as a
    paper places its quotes in the narrative of its results).

    Examples
    --------
    >>> q = Quote(id="q1", text="We must be invited in.", participant="psw-14",
    ...           subthemes=["confronting-the-biomedical-perspective"])
    >>> q.interview is None and q.span is None
    True
    """

    id: Id
    """Stable id."""
    text: str = Field(min_length=1)
    """The extract, verbatim (editorial marks such as ``[...]`` as printed)."""
    participant: Id | None = None
    """Id of the participant who said it, or ``None`` when unattributed."""
    interview: Id | None = None
    """Id of the interview it comes from, or ``None`` when not known."""
    source: Id | None = None
    """Id of the source text it was cut from, if available."""
    span: Span | None = None
    """Where in the source text it lies (code points, half-open); requires ``source``."""
    subthemes: Seq[Id] = ()
    """Ids of the sub-themes it is placed under directly (not through codes)."""
    label: str | None = None
    """A short name for the quote, if it has one (REFI-QDA selections do)."""
    notes: Seq[str] = ()
    """Remarks on the text: how an extraction artefact was cleaned, who an alias denotes, ..."""
