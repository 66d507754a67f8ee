"""The thematic map of the report: the drawn map, inline, or the framework as an outline.

The drawn map is :func:`peerlandscape.plot.thematic_map_svg` (matplotlib, the
``plot`` extra), inlined as SVG with ``role="img"``, a ``<title>`` and a
``<desc>`` that say in words what it shows, so that a screen reader gets the
map as text. Without matplotlib the report shows the framework as a nested
list (overarching theme, themes, sub-themes, each with its quotes and the
groups heard), which is itself accessible, and says that the drawn map needs
the ``plot`` extra.
"""

from __future__ import annotations

import re

from peerlandscape._exceptions import MissingDependencyError
from peerlandscape.models import Study
from peerlandscape.report._content import ReportContent
from peerlandscape.report._markup import anchor, count_of, escape
from peerlandscape.report._style import accent

__all__ = ["drawn_map", "map_description", "outline", "with_text_alternative"]

_PROLOGUE = re.compile(r"\A.*?(?=<svg[\s>])", re.DOTALL)
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_ACCESSIBILITY_ATTRIBUTES = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def drawn_map(study: Study) -> str | None:
    """Return the thematic map of ``study`` as SVG markup, or ``None`` if it cannot be drawn.

    It cannot be drawn when matplotlib (the ``plot`` extra) is not installed.
    """
    # Imported here: the plot layer loads matplotlib, which a report without a map never needs.
    from peerlandscape import plot  # noqa: PLC0415

    try:
        return plot.thematic_map_svg(study)
    except MissingDependencyError:
        return None


def map_description(content: ReportContent) -> str:
    """Return what the thematic map shows, in words: its text alternative.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.report._content import gather
    >>> words = map_description(gather(pl.datasets.engdahl2025()))
    >>> print(words.split(". ")[1].split(": ")[0])
    Scaling up peer support
    >>> words.split(". ")[0].endswith("in 4 themes")
    True
    """
    themes = "; ".join(
        f"{theme.label}: " + ", ".join(sub.label for sub in theme.subthemes)
        if theme.subthemes
        else theme.label
        for theme in content.themes
    )
    top = content.overarching[0] if content.overarching else "The framework"
    return f"{top}, in {count_of(len(content.themes), 'theme')}. {themes}."


def with_text_alternative(svg: str, title: str, description: str) -> str:
    r"""Return ``svg`` ready to inline: prologue dropped, an image with a title and description.

    Examples
    --------
    >>> svg = '<?xml version="1.0"?>\n<svg viewBox="0 0 9 9" role="x"><g/></svg>'
    >>> print(with_text_alternative(svg, "Map", "A & B").replace("><", ">\n<"))
    <svg viewBox="0 0 9 9" role="img" aria-labelledby="map-title map-desc">
    <title id="map-title">Map</title>
    <desc id="map-desc">A &amp; B</desc>
    <g/>
    </svg>
    """
    body = _PROLOGUE.sub("", svg, count=1).strip()
    opening = _SVG_OPEN.search(body)
    if opening is None:
        raise ValueError("the drawn map is not SVG: it has no <svg> element")
    tag = _ACCESSIBILITY_ATTRIBUTES.sub("", opening[0][:-1]).rstrip("/").rstrip()
    labelled = (
        f'{tag} role="img" aria-labelledby="map-title map-desc">'
        f'<title id="map-title">{escape(title)}</title>'
        f'<desc id="map-desc">{escape(description)}</desc>'
    )
    return body[: opening.start()] + labelled + body[opening.end() :]


def outline(content: ReportContent) -> str:
    """Return the framework as a nested list: the map's place when it cannot be drawn.

    Each sub-theme links to its section and says how many quotes it has and
    which groups they come from.
    """
    items: list[str] = []
    for t, theme in enumerate(content.themes, start=1):
        subs = []
        for s, sub in enumerate(theme.subthemes, start=1):
            heard = ", ".join(sub.voicing.quoted) or "no group"
            subs.append(
                f'<li><span class="node"><a href="#{anchor(t, s)}">{escape(sub.label)}</a> '
                f'<span class="count">({count_of(sub.quote_count, "quote")}; '
                f"{escape(heard)})</span></span></li>"
            )
        nested = f"<ul>{''.join(subs)}</ul>" if subs else ""
        items.append(
            f'<li style="--accent:{escape(accent(theme.color, t))}"><span class="node theme-node">'
            f'<a href="#{anchor(t)}">{escape(theme.label)}</a></span>{nested}</li>'
        )
    tree = f"<ul>{''.join(items)}</ul>"
    if content.overarching is not None:
        top = escape(content.overarching[0])
        tree = f'<ul><li><span class="node top">{top}</span>{tree}</li></ul>'
    return tree.replace("<ul>", '<ul class="tree">', 1)
