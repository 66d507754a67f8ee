"""Text into HTML for the report: every value escaped, paragraphs kept, counts in words."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

__all__ = ["REPLACEMENT", "anchor", "chips", "count_of", "escape", "listed", "paragraphs"]

_BLANK_LINE = re.compile(r"\n\s*\n")
_NOT_IN_HTML = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]"
)
_HTML_SPACE = re.compile(r"[ \t\n\r\f]+")  # what HTML collapses; not a no-break space
REPLACEMENT = "\ufffd"
"""What stands for a character HTML cannot hold."""


def escape(text: str) -> str:
    r"""Return ``text`` safe inside an element or a quoted attribute: ``<``, ``&``, ``"``, ``'``.

    Quotes, labels and descriptions are data, typed by whoever made the study:
    a quote that reads ``<script>`` must show as those characters. What HTML
    cannot hold (control characters other than tab and line breaks, and lone
    surrogates, which UTF-8 cannot encode) becomes U+FFFD, as a browser would
    show it. White space is laid out as HTML shows it: a run of it is one
    space, and none is left at either end, so that a label typed with a
    trailing line break reads "(Managers)", not "(Managers )".

    Examples
    --------
    >>> escape('<script>alert("hi")</script> & more')
    '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; more'
    >>> escape("bell\x07 and \ud800") == "bell\ufffd and \ufffd"
    True
    >>> escape(" Managers\n\t of  units ")
    'Managers of units'
    """
    shown = _HTML_SPACE.sub(" ", _NOT_IN_HTML.sub(REPLACEMENT, text)).strip(" ")
    return html.escape(shown, quote=True)


def paragraphs(text: str) -> str:
    r"""Return ``text`` as ``<p>`` elements: one per paragraph, its single line breaks kept.

    Examples
    --------
    >>> paragraphs("First line\nsecond line\n\nNext <paragraph>")
    '<p>First line<br>second line</p><p>Next &lt;paragraph&gt;</p>'
    """
    # Replaced before the split: str.strip() takes some control characters for white space.
    text = _NOT_IN_HTML.sub(REPLACEMENT, text).replace("\r\n", "\n")
    parts = [part.strip() for part in _BLANK_LINE.split(text)]
    return "".join(
        "<p>" + "<br>".join(escape(line) for line in part.split("\n")) + "</p>"
        for part in parts
        if part
    )


def count_of(n: int, noun: str, plural: str | None = None) -> str:
    """Return ``n`` and the noun, in the plural unless ``n`` is 1.

    Examples
    --------
    >>> count_of(1, "quote"), count_of(3, "quote"), count_of(0, "memo")
    ('1 quote', '3 quotes', '0 memos')
    """
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def listed(items: Sequence[str], *, none: str = "none") -> str:
    """Return ``items`` escaped and joined as a list in words ("A, B and C").

    Examples
    --------
    >>> listed(["Officials", "Peer support workers", "R&D"])
    'Officials, Peer support workers and R&amp;D'
    >>> listed([], none="no group")
    'no group'
    """
    if not items:
        return escape(none)
    escaped = [escape(item) for item in items]
    if len(escaped) == 1:
        return escaped[0]
    return ", ".join(escaped[:-1]) + " and " + escaped[-1]


def chips(items: Sequence[str], *, none: str = "none") -> str:
    """Return ``items`` as a list shown in a line, each item boxed; ``none`` when empty.

    Labels such as "County council and municipality officials" hold "and" and
    commas themselves, so a list in words would read ambiguously; a list
    element keeps each apart, for the eye and for a screen reader.

    Examples
    --------
    >>> chips(["A & B", "C"])
    '<ul class="chips"><li>A &amp; B</li><li>C</li></ul>'
    >>> chips([], none="no group")
    '<span class="muted">no group</span>'
    """
    if not items:
        return f'<span class="muted">{escape(none)}</span>'
    return '<ul class="chips">' + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def anchor(theme: int, subtheme: int | None = None) -> str:
    """Return the id of the section of a theme, or of one of its sub-themes, by position.

    Numbered from 1, in study order. Positions, not the study's ids, so that
    no id of the study is written, and ``section-`` since the drawn map names
    its own elements ``theme-<id>``, which must not clash.

    Examples
    --------
    >>> anchor(2), anchor(2, 1)
    ('section-2', 'section-2-1')
    """
    return f"section-{theme}" if subtheme is None else f"section-{theme}-{subtheme}"
