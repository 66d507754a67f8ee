"""Mermaid: the thematic map as a flowchart, for Markdown pages and Mermaid editors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape.models import Kind, format_ref
from peerlandscape.privacy._sharing import MAP_KINDS, in_thematic_map, refuse_identifying_study
from peerlandscape.readwrite._map import quote_counts as count_quotes
from peerlandscape.readwrite._map import quotes_label

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
    refuse_identifying_study(
        study,
        where="generate_mermaid",
        allowed=allow_identifying,
        part=in_thematic_map,
        kinds=MAP_KINDS,
        action="not drawn",
    )
    counts = count_quotes(study) if quote_counts else {}
    lines = ["flowchart LR"]
    names: dict[str, str] = {}

    def box(key: str, label: str) -> str:
        names[key] = f"n{len(names)}"
        return f'    {names[key]}["{_mermaid_text(label)}"]'

    top = study.overarching_theme
    if top is not None:
        lines.append(box(format_ref(Kind.OVERARCHING_THEME, top.id), top.label))
    for theme in study.themes:
        lines.append(box(format_ref(Kind.THEME, theme.id), theme.label))
        if top is not None:
            lines.append(
                f"    {names[f'overarching_theme:{top.id}']} --> {names[f'theme:{theme.id}']}"
            )
    for subtheme in study.subthemes:
        label = subtheme.label
        if quote_counts:
            label = f"{label} ({quotes_label(counts.get(subtheme.id, 0))})"
        lines.append(box(format_ref(Kind.SUBTHEME, subtheme.id), label))
        lines.append(
            f"    {names[f'theme:{subtheme.theme}']} --> {names[f'subtheme:{subtheme.id}']}"
        )
    return "\n".join(lines) + "\n"
