"""HTML for notebooks: escaped text, tables, cards and lists that every view shares.

Jupyter shows an object's ``_repr_html_``. Every view in peerlandscape is
built from these few pieces, so that they look alike, and every value is
escaped on the way in: quotes, labels and messages are user text, and a
quote that reads ``<script>`` must show as text. Markup that is already
safe travels as :class:`Html`, which is never escaped again.

The style sheet is scoped to ``.pl-view`` and uses the notebook's own
colours (``currentColor``, translucent greys), so a view reads in light and
dark themes alike, and stays legible where a notebook strips ``<style>``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = [
    "Html",
    "bullets",
    "card",
    "chip",
    "details",
    "escape",
    "fields",
    "panel",
    "paragraph",
    "quotation",
    "section",
    "shorten",
    "swatch",
    "table",
]


class Html(str):
    """Markup known to be safe: built here from escaped parts, never escaped again."""

    __slots__ = ()


_STYLE = (
    "<style>"
    ".pl-view{font-family:var(--jp-ui-font-family,system-ui,sans-serif);font-size:13px;"
    "line-height:1.45;max-width:60em}"
    ".pl-view h3{margin:.2em 0 .3em;font-size:1.25em}"
    ".pl-view h4{margin:.9em 0 .3em;font-size:1.05em}"
    ".pl-view .pl-sub{opacity:.75;margin:0 0 .5em}"
    ".pl-view table{border-collapse:collapse;margin:.3em 0 .6em}"
    ".pl-view caption{text-align:left;font-weight:600;padding:.2em 0}"
    ".pl-view th,.pl-view td{border:1px solid rgba(128,128,128,.35);padding:.2em .5em;"
    "text-align:left;vertical-align:top}"
    ".pl-view thead th{background:rgba(128,128,128,.12)}"
    ".pl-view td.pl-n{text-align:right;font-variant-numeric:tabular-nums}"
    ".pl-view dl{display:grid;grid-template-columns:max-content auto;gap:.15em 1em;margin:.3em 0}"
    ".pl-view dt{font-weight:600}.pl-view dd{margin:0}"
    ".pl-view blockquote{margin:.4em 0;padding:.2em .8em;"
    "border-left:3px solid rgba(128,128,128,.5);font-style:italic}"
    ".pl-view blockquote footer{font-style:normal;opacity:.75;margin-top:.2em}"
    ".pl-view details table{width:100%}.pl-view details td:first-child{min-width:14em}"
    ".pl-view .pl-chip{display:inline-block;padding:0 .45em;margin:0 .25em .15em 0;"
    "border:1px solid rgba(128,128,128,.45);border-radius:.7em;font-size:.9em}"
    ".pl-view .pl-swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;"
    "border:1px solid rgba(128,128,128,.6);vertical-align:-.05em}"
    ".pl-view ul{margin:.2em 0;padding-left:1.4em}"
    ".pl-view summary{cursor:pointer}"
    ".pl-view svg{max-width:100%;height:auto}"
    "</style>"
)


def escape(value: object) -> Html:
    """Return ``value`` as HTML text: escaped, unless it is already :class:`Html`.

    Examples
    --------
    >>> escape("<script>alert('x')</script>")
    '&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;'
    >>> escape(Html("<b>kept</b>"))
    '<b>kept</b>'
    >>> escape(None)
    ''
    """
    if isinstance(value, Html):
        return value
    return Html("" if value is None else html.escape(str(value), quote=True))


def shorten(text: str, width: int) -> str:
    r"""Return ``text`` on one line, cut to ``width`` characters with an ellipsis.

    Examples
    --------
    >>> shorten("A rather long\nsentence", 12)
    'A rather lo…'
    >>> shorten("short", 12)
    'short'
    """
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def card(title: object, *parts: object, subtitle: object = None) -> Html:
    """Return a view: a heading, an optional line under it, then ``parts`` in order.

    The style sheet comes with each card: a notebook output stands alone.

    Examples
    --------
    >>> view = card("A <title>", Html("<p>body</p>"), subtitle="by someone")
    >>> "<h3>A &lt;title&gt;</h3>" in view and "<p>body</p>" in view
    True
    """
    line = "" if subtitle is None else f'<p class="pl-sub">{escape(subtitle)}</p>'
    body = "".join(escape(part) for part in parts)
    return Html(f'<div class="pl-view">{_STYLE}<h3>{escape(title)}</h3>{line}{body}</div>')


def panel(*parts: object) -> Html:
    """Return a view without a heading: a table and the notes under it, say.

    Examples
    --------
    >>> panel(table(["a"], [[1]], caption="One row")).startswith('<div class="pl-view">')
    True
    """
    body = "".join(escape(part) for part in parts)
    return Html(f'<div class="pl-view">{_STYLE}{body}</div>')


def section(title: object, *parts: object) -> Html:
    """Return a titled part of a card."""
    return Html(f"<h4>{escape(title)}</h4>" + "".join(escape(part) for part in parts))


def table(
    header: Sequence[object],
    rows: Iterable[Sequence[object]],
    *,
    caption: object = None,
    numeric: Iterable[int] = (),
) -> Html:
    """Return a table; the columns at ``numeric`` positions are right-aligned.

    Examples
    --------
    >>> table(["group", "quotes"], [["<a>", 3]], numeric=[1]).split("<tbody>")[1]
    '<tr><td>&lt;a&gt;</td><td class="pl-n">3</td></tr></tbody></table>'
    """
    right = set(numeric)
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="pl-n">{escape(cell)}</td>' if i in right else f"<td>{escape(cell)}</td>"
            for i, cell in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    top = "" if caption is None else f"<caption>{escape(caption)}</caption>"
    return Html(f"<table>{top}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def fields(pairs: Iterable[tuple[object, object]]) -> Html:
    """Return name/value pairs as a definition list, leaving out the values that are ``None``."""
    items = "".join(
        f"<dt>{escape(name)}</dt><dd>{escape(value)}</dd>"
        for name, value in pairs
        if value is not None
    )
    return Html(f"<dl>{items}</dl>" if items else "")


def bullets(items: Iterable[object]) -> Html:
    """Return a bulleted list (nothing at all for no items)."""
    body = "".join(f"<li>{escape(item)}</li>" for item in items)
    return Html(f"<ul>{body}</ul>" if body else "")


def details(summary: object, *parts: object, opened: bool = False) -> Html:
    """Return a part the reader opens with a click; ``opened`` shows it open at first."""
    flag = " open" if opened else ""
    body = "".join(escape(part) for part in parts)
    return Html(f"<details{flag}><summary>{escape(summary)}</summary>{body}</details>")


def chip(text: object, *, color: str | None = None) -> Html:
    """Return a small label, with a colour swatch when ``color`` (``#rrggbb``) is given."""
    return Html(f'<span class="pl-chip">{swatch(color)}{escape(text)}</span>')


def swatch(color: str | None) -> Html:
    """Return a small square of ``color`` (``#rrggbb``, as the models hold it), or nothing."""
    if color is None:
        return Html("")
    return Html(f'<span class="pl-swatch" style="background:{escape(color)}"></span>')


def quotation(text: object, *, by: object = None) -> Html:
    """Return a quotation as a block, with who said it under it when ``by`` is given."""
    footer = "" if by is None else f"<footer>\u2014 {escape(by)}</footer>"
    return Html(f"<blockquote>{escape(text)}{footer}</blockquote>")


def paragraph(*parts: object) -> Html:
    """Return a paragraph of ``parts`` joined as they are."""
    return Html("<p>" + "".join(escape(part) for part in parts) + "</p>")
