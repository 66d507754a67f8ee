"""The thematic map that Mermaid and DOT draw: its boxes, their labels and their arrows.

Both formats draw the same map in the same order; each only says it in its
own syntax, so what the map holds, and the privacy check before it is drawn,
are decided here once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from peerlandscape._records import quote_records
from peerlandscape.models import Kind, format_ref
from peerlandscape.privacy._sharing import MAP_KINDS, in_thematic_map, refuse_identifying_study

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["MapBox", "map_boxes", "quotes_label"]


class MapBox(NamedTuple):
    """A box of the map: the overarching theme, a theme or a sub-theme."""

    ref: str
    """The namespaced id of the element (:func:`~peerlandscape.format_ref`)."""
    kind: Kind
    label: str
    """The element's label, as the study gives it (not escaped for any format)."""
    parent: str | None
    """The namespaced id of the box an arrow leads from to this one, if any."""
    quotes: int | None
    """The number of quotes linked to a sub-theme, when quotes are counted."""


def map_boxes(
    study: Study, *, where: str, quote_counts: bool, allow_identifying: bool
) -> list[MapBox]:
    """Return the boxes of the thematic map of ``study``, each after the box its arrow leaves.

    Raises :class:`~peerlandscape.IdentifyingDataError` (``where`` names the
    caller) if a label of the map identifies a person, unless
    ``allow_identifying``.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> boxes = map_boxes(pl.datasets.engdahl2025(), where="example", quote_counts=True,
    ...                  allow_identifying=False)
    >>> [box.kind.value for box in boxes[:3]], boxes[1].parent == boxes[0].ref
    (['overarching_theme', 'theme', 'theme'], True)
    """
    refuse_identifying_study(
        study,
        where=where,
        allowed=allow_identifying,
        part=in_thematic_map,
        kinds=MAP_KINDS,
        action="not drawn",
    )
    counts = _quote_counts(study) if quote_counts else None
    boxes: list[MapBox] = []
    top = study.overarching_theme
    top_ref: str | None = None
    if top is not None:
        top_ref = format_ref(Kind.OVERARCHING_THEME, top.id)
        boxes.append(MapBox(top_ref, Kind.OVERARCHING_THEME, top.label, None, None))
    boxes.extend(
        MapBox(format_ref(Kind.THEME, theme.id), Kind.THEME, theme.label, top_ref, None)
        for theme in study.themes
    )
    boxes.extend(
        MapBox(
            format_ref(Kind.SUBTHEME, subtheme.id),
            Kind.SUBTHEME,
            subtheme.label,
            format_ref(Kind.THEME, subtheme.theme),
            None if counts is None else counts.get(subtheme.id, 0),
        )
        for subtheme in study.subthemes
    )
    return boxes


def _quote_counts(study: Study) -> dict[str, int]:
    # The number of distinct quotes linked to each sub-theme that has any.
    quotes: dict[str, set[str]] = {}
    for record in quote_records(study):
        if record["subtheme"] is not None:
            quotes.setdefault(record["subtheme"], set()).add(record["quote_id"])
    return {subtheme: len(ids) for subtheme, ids in quotes.items()}


def quotes_label(count: int) -> str:
    """Return ``"1 quote"`` or ``"<count> quotes"``, as a map shows it under a sub-theme."""
    return "1 quote" if count == 1 else f"{count} quotes"
