"""Mermaid: the thematic map as a flowchart, for Markdown pages and Mermaid editors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape.readwrite._map import map_boxes, quotes_label

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["generate_mermaid"]


def _mermaid_text(text: str) -> str:
    # Mermaid reads "#name;" as an entity, so "#" itself is escaped first; a label is one line.
    return " ".join(text.replace("#", "#35;").replace('"', "#quot;").split())


def generate_mermaid(
    study: Study, *, quote_counts: bool = True, allow_identifying: bool = False
) -> str:
    """Return the thematic map (overarching theme, themes, sub-themes) as a Mermaid flowchart.

    Parameters
    ----------
    study
        The study whose framework to draw.
    quote_counts
        Add the number of quotes linked to each sub-theme to its box.
    allow_identifying
        Draw it even if a label of the map identifies a person (see ``docs/privacy.md``).

    Returns
    -------
    str
        The flowchart, one statement a line, ending with a line break.

    Raises
    ------
    IdentifyingDataError
        If the label of a theme or sub-theme identifies a person.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> print(pl.generate_mermaid(pl.datasets.engdahl2025()).splitlines()[0])
    flowchart LR
    """
    boxes = map_boxes(
        study,
        where="generate_mermaid",
        quote_counts=quote_counts,
        allow_identifying=allow_identifying,
    )
    lines = ["flowchart LR"]
    names: dict[str, str] = {}  # Mermaid's node names are short: n0, n1, ...
    for box in boxes:
        label = box.label
        if box.quotes is not None:
            label = f"{label} ({quotes_label(box.quotes)})"
        names[box.ref] = f"n{len(names)}"
        lines.append(f'    {names[box.ref]}["{_mermaid_text(label)}"]')
        if box.parent is not None:
            lines.append(f"    {names[box.parent]} --> {names[box.ref]}")
    return "\n".join(lines) + "\n"
