"""Sources of text: transcripts and other documents quotes are cut from."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation

__all__ = ["Source"]


class Source(Model):
    """A text that quotes are taken from, usually an interview transcript.

    ``text`` is ``None`` when the transcript is not available (published
    studies rarely share them); quote spans can only be checked against a
    source whose text is present.

    Examples
    --------
    >>> s = Source(id="t-fg-1", label="Focus group 1 transcript", interview="fg-1",
    ...            text="We must be invited in.")
    >>> s.text[11:18]
    'invited'
    """

    KIND: ClassVar[Kind] = Kind.SOURCE

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """Human-readable name (a file name, for imported transcripts)."""
    interview: Annotated[Id | None, RefersTo(Kind.INTERVIEW, Relation.TRANSCRIPT_OF)] = None
    """Id of the interview this is the transcript of, if any."""
    text: str | None = None
    """The full text, or ``None`` when it is not available."""
    language: str | None = None
    """BCP 47 language tag of the text (``"sv"``, ``"en"``), if known."""
    notes: Seq[str] = ()
    """Further facts (translation, transcription conventions, ...)."""
    guid: Guid | None = None
    """The GUID of the text source in the QDA project it was imported from, if any."""
