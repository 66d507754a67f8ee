"""Graphviz DOT: the thematic map as a digraph, for ``dot -Tsvg`` and its kin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape.privacy._sharing import MAP_KINDS, in_thematic_map, refuse_identifying_study
from peerlandscape.readwrite._map import quote_counts as count_quotes
from peerlandscape.readwrite._map import quotes_label

if TYPE_CHECKING:
    from peerlandscape.models import Study

__all__ = ["generate_dot"]


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def generate_dot(
    study: Study, *, quote_counts: bool = True, allow_identifying: bool = False
) -> str:
    """Return the thematic map as Graphviz DOT (``dot -Tsvg`` draws it).

    Parameters
    ----------
    study
        The study whose overarching theme, themes and sub-themes become the nodes.
    quote_counts
        Add a second label line to each sub-theme: the number of quotes linked to it.
    allow_identifying
        Draw it even if a label of the map identifies a person (see ``docs/privacy.md``).

    Returns
    -------
    str
        The digraph ``thematic_map``, whose node ids are the namespaced ids of
        :func:`~peerlandscape.format_ref`, ending with a line break.

    Raises
    ------
    IdentifyingDataError
        If the label of a theme or sub-theme identifies a person.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> dot = pl.generate_dot(pl.datasets.engdahl2025())
    >>> dot.splitlines()[0], '"theme:scaling-up-peer-support"' in dot
    ('digraph thematic_map {', True)
    """
    refuse_identifying_study(
        study,
        where="generate_dot",
        allowed=allow_identifying,
        part=in_thematic_map,
        kinds=MAP_KINDS,
        action="not drawn",
    )
    counts = count_quotes(study) if quote_counts else {}
    lines = ["digraph thematic_map {", "    rankdir=LR;", "    node [shape=box, style=rounded];"]
    top = study.overarching_theme
    if top is not None:
        lines.append(
            f'    "overarching_theme:{top.id}" [label="{_dot_text(top.label)}", style=bold];'
        )
    for theme in study.themes:
        lines.append(f'    "theme:{theme.id}" [label="{_dot_text(theme.label)}"];')
        if top is not None:
            lines.append(f'    "overarching_theme:{top.id}" -> "theme:{theme.id}";')
    for subtheme in study.subthemes:
        # Escape the label before adding the line break, whose backslash must stay single.
        label = _dot_text(subtheme.label)
        if quote_counts:
            label = f"{label}\\n{quotes_label(counts.get(subtheme.id, 0))}"
        lines.append(f'    "subtheme:{subtheme.id}" [label="{label}"];')
        lines.append(f'    "theme:{subtheme.theme}" -> "subtheme:{subtheme.id}";')
    lines.append("}")
    return "\n".join(lines) + "\n"
