"""The style sheet of the findings report: one column, readable on a phone, printable.

Inlined in the file, so that the report needs nothing from the network: the
system's own fonts, no web fonts. Every colour of text on its background has a
contrast of at least 7:1 (WCAG AAA; AA asks 4.5:1), and the accents that set
the themes apart are borders, never the only carrier of meaning. On paper the
contents list is left out, each theme starts a page, and a quote is not split
across pages.
"""

from __future__ import annotations

__all__ = ["ACCENTS", "STYLE", "accent"]

ACCENTS = ("#1f5f8b", "#8a4b08", "#2e6b30", "#7a2e6b", "#5b5b5b", "#7a5a00")
"""Borders that tell the themes apart, in turn, for a theme without a colour of its own."""

STYLE = """
:root{color-scheme:light;--ink:#1b1b1b;--muted:#454545;--paper:#fff;--tint:#f4f4f1;--line:#c9c9c4;
--link:#0b4f9c;--accent:#1f5f8b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:var(--paper);color:var(--ink);
font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",
Arial,sans-serif;overflow-wrap:break-word}
.page{max-width:46rem;margin:0 auto;padding:1.25rem 1rem 3rem}
a{color:var(--link)}
a:focus-visible{outline:3px solid var(--link);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:var(--paper);padding:.5rem 1rem}
.skip:focus{left:.5rem}
h1,h2,h3,h4{line-height:1.25;margin:2rem 0 .6rem}
h1{font-size:1.75rem;margin-top:.5rem}
h2{font-size:1.45rem}
h3{font-size:1.2rem}
h4{font-size:1rem;margin:1.4rem 0 .4rem}
.kicker{margin:0;font-size:.85rem;letter-spacing:.06em;text-transform:uppercase;
color:var(--muted)}
.muted,.count{color:var(--muted)}
.count{font-weight:400;font-size:.9em}
.citation{color:var(--muted);margin:.25rem 0 0}
nav.toc{border:1px solid var(--line);border-radius:.4rem;padding:.25rem 1.25rem .75rem;
margin:1.5rem 0}
nav.toc h2{font-size:1.05rem;margin:.75rem 0 .25rem}
nav.toc ol{margin:.25rem 0;padding-left:1.25rem}
nav.toc li{margin:.15rem 0}
section.theme{border-top:4px solid var(--accent);margin-top:2.5rem}
section.theme>h2{margin-top:1rem}
section.subtheme{border-left:3px solid var(--accent);padding-left:1rem;margin:2rem 0}
section.subtheme>h3{margin-top:0}
dl.groups dt{font-weight:600;margin-top:.75rem}
dl.groups dd{margin:.1rem 0 0}
.voicing{background:var(--tint);border-radius:.4rem;padding:.6rem 1rem;margin:1rem 0}
.voicing dl{margin:0}
.voicing dt{font-weight:600;margin-top:.35rem}
.voicing dd{margin:.1rem 0 .2rem}
.voicing p{margin:.4rem 0}
.voicing .evidence{font-size:.95rem}
ul.chips{list-style:none;margin:0;padding:0;display:inline}
ul.chips li{display:inline-block;border:1px solid var(--line);border-radius:.4rem;
background:var(--paper);padding:0 .6rem;margin:.1rem .3rem .1rem 0}
figure.quote{margin:1rem 0}
figure.quote blockquote{margin:0;padding:.6rem 1rem;background:var(--tint);
border-left:4px solid var(--line);border-radius:0 .4rem .4rem 0}
figure.quote blockquote p{margin:.3rem 0}
figure.quote figcaption{margin:.3rem 0 0 1.25rem;color:var(--muted);font-size:.95rem}
figure.quote figcaption::before{content:"\\2014\\00a0"}
.memo{border:1px dashed var(--muted);border-radius:.4rem;padding:.4rem .8rem;margin:.6rem 0;
font-size:.95rem}
.memo p{margin:.25rem 0}
figure.map{margin:1rem 0}
figure.map .map-frame{overflow-x:auto}
figure.map svg{display:block;width:100%;height:auto;min-width:36rem}
figure.map figcaption{color:var(--muted);font-size:.95rem;margin-top:.5rem}
ul.tree,ul.tree ul{list-style:none;margin:0;padding:0}
ul.tree ul{margin-left:.9rem;padding-left:.9rem;border-left:2px solid var(--line)}
ul.tree li{margin:.35rem 0}
ul.tree .node{display:inline-block;border:1px solid var(--line);border-left:4px solid
var(--accent);border-radius:.3rem;padding:.2rem .55rem;background:var(--paper)}
ul.tree .top{border-left-color:var(--ink);font-weight:600}
ul.tree .theme-node{font-weight:600}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.95rem;margin:.5rem 0}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--tint)}
tbody th{font-weight:400}
.scroll th[scope=row]{position:sticky;left:0;background:var(--paper)}
tr.theme-row th{background:var(--tint);font-weight:600}
.note{font-size:.95rem;color:var(--muted)}
footer{margin-top:3rem;border-top:1px solid var(--line);padding-top:.75rem;font-size:.9rem;
color:var(--muted)}
@media (max-width:30rem){
body{font-size:1rem}
.page{padding:1rem .85rem 2.5rem}
h1{font-size:1.45rem}
h2{font-size:1.3rem}
section.subtheme{padding-left:.7rem}
.voicing-table thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.voicing-table,.voicing-table tbody,.voicing-table tr,.voicing-table th,.voicing-table td{
display:block;width:auto}
.voicing-table tr{border:1px solid var(--line);border-top:0}
.voicing-table tr.theme-row{border-top:1px solid var(--line);margin-top:.75rem}
.voicing-table th,.voicing-table td{border:0;padding:.2rem .6rem}
.scroll .voicing-table th[scope=row]{position:static;padding-top:.45rem}
.voicing-table td::before{content:attr(data-label) ": ";color:var(--muted)}
.voicing-table caption{display:block}
}
@page{margin:18mm 16mm}
@media print{
body{font-size:11pt;background:#fff;color:#000}
.page{max-width:none;padding:0}
nav.toc,.skip{display:none}
section.theme{break-before:page;border-top-width:2px}
h2,h3,h4{break-after:avoid}
figure.quote,.voicing,.memo,tr{break-inside:avoid}
table{font-size:9pt}
a{color:inherit;text-decoration:none}
figure.quote blockquote,.voicing,thead th,tr.theme-row th{background:none}
}
"""
"""The report's style sheet, inlined in a ``<style>`` element."""


def accent(color: str | None, position: int) -> str:
    """Return the accent of the theme at ``position`` (from 1): its own colour, or the next.

    Examples
    --------
    >>> accent(None, 1), accent(None, 7), accent("#123456", 2)
    ('#1f5f8b', '#1f5f8b', '#123456')
    """
    return color or ACCENTS[(position - 1) % len(ACCENTS)]
