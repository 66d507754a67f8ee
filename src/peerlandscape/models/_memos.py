"""Memos: the analyst's reflexive record, attached to what they are about."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field

from peerlandscape.models._base import Guid, Id, Model, Seq
from peerlandscape.models._refs import Kind, RefersTo, Relation
from peerlandscape.models._values import Timestamp

__all__ = ["Memo"]


class Memo(Model):
    """A memo or note: what an analyst wrote down about the study, a source, a quote, a code...

    Braun and Clarke ask analysts of a reflexive thematic analysis to keep such
    a record; QDA tools keep it as memos (REFI-QDA ``<Note>`` elements).
    ``about`` names what the memo is about, as namespaced ids
    (``"quote:q1"``, ``"subtheme:mitigating-peer-drifting"``); an empty
    ``about`` means the study as a whole.

    Examples
    --------
    >>> memo = Memo(id="m1", text="Funding recurs in every interview.",
    ...             about=["subtheme:ensuring-financial-sustainability-for-growth"])
    >>> memo.author is None, memo.about
    (True, ('subtheme:ensuring-financial-sustainability-for-growth',))
    """

    KIND: ClassVar[Kind] = Kind.MEMO

    id: Id
    """Stable id."""
    text: str
    """What the memo says (may be empty: tools keep memos with a title only)."""
    label: str | None = None
    """The memo's title, if it has one."""
    author: Annotated[Id | None, RefersTo(Kind.CODER, Relation.WRITTEN_BY)] = None
    """Id of the coder who wrote it, or ``None`` when not known."""
    when: Timestamp | None = None
    """When it was written, if known."""
    about: Annotated[
        Seq[Annotated[str, Field(pattern=r"^[a-z_]+:.+$")]], RefersTo(None, Relation.ABOUT)
    ] = ()
    """Namespaced ids of what it is about (``"quote:q1"``); empty: the study as a whole."""
    guid: Guid | None = None
    """The GUID of the note in the QDA project it was imported from, if any."""
