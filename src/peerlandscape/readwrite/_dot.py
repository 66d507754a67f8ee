"""Graphviz DOT: the thematic map as a digraph, for ``dot -Tsvg`` and its kin."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peerlandscape.models import Kind
from peerlandscape.readwrite._map import map_boxes, quotes_label

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
    boxes = map_boxes(
        study, where="generate_dot", quote_counts=quote_counts, allow_identifying=allow_identifying
    )
    lines = ["digraph thematic_map {", "    rankdir=LR;", "    node [shape=box, style=rounded];"]
    for box in boxes:
        # Escape the label before adding the line break, whose backslash must stay single.
        label = _dot_text(box.label)
        if box.quotes is not None:
            label = f"{label}\\n{quotes_label(box.quotes)}"
        style = ", style=bold" if box.kind is Kind.OVERARCHING_THEME else ""
        lines.append(f'    "{box.ref}" [label="{label}"{style}];')
        if box.parent is not None:
            lines.append(f'    "{box.parent}" -> "{box.ref}";')
    lines.append("}")
    return "\n".join(lines) + "\n"
