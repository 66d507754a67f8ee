"""The findings report as one HTML document, written from what the report holds.

One file, nothing fetched: the style sheet and the map are inline, and there
is no script. Headings follow the framework (``h1`` the study, ``h2`` each
theme, ``h3`` each sub-theme, ``h4`` each stakeholder group's quotes); each
quote is a ``<blockquote>`` in a ``<figure>`` whose caption names the
participant by label and their group. Anchors are numbered by position
(``#theme-2-1``), so that no id of the study appears in the file.
"""

from __future__ import annotations

from collections.abc import Iterable

from peerlandscape.report._content import (
    GroupQuotes,
    MemoItem,
    QuoteItem,
    ReportContent,
    SubthemePart,
    ThemePart,
)
from peerlandscape.report._markup import anchor, chips, count_of, escape, listed, paragraphs
from peerlandscape.report._style import STYLE, accent

__all__ = ["citation", "document"]


def citation(content: ReportContent) -> str:
    """Return the study's citation as text: authors (year). Title. Journal. DOI.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.report._content import gather
    >>> print(citation(gather(pl.datasets.engdahl2025()))[:60])
    Patrik Engdahl, Ulrika Bejerholm, Urban Markström, Anneli Gu
    """
    parts = []
    if content.authors:
        parts.append(", ".join(content.authors) + (f" ({content.year})." if content.year else "."))
    elif content.year:
        parts.append(f"({content.year}).")
    parts.append(content.title.rstrip(".") + ".")
    if content.journal:
        parts.append(content.journal.rstrip(".") + ".")
    if content.doi:
        parts.append(f"https://doi.org/{content.doi}")
    return " ".join(parts)


def _byline(content: ReportContent) -> str:
    parts = [", ".join(content.authors)] if content.authors else []
    if content.year:
        parts.append(f"({content.year})")
    if content.journal:
        parts.append(content.journal)
    return f'<p class="citation">{escape(" ".join(parts))}</p>\n' if parts else ""


def _memo(memo: MemoItem) -> str:
    heading = escape(memo.label) if memo.label else "Memo"
    by = f' <span class="muted">by {escape(memo.author)}</span>' if memo.author else ""
    about = f'<p class="muted">About {escape(memo.about)}</p>' if memo.about else ""
    return (
        f'<aside class="memo" aria-label="Analyst\'s memo"><p><strong>{heading}</strong>{by}'
        f"</p>{about}{paragraphs(memo.text)}</aside>"
    )


def _memos(memos: Iterable[MemoItem]) -> str:
    return "".join(_memo(memo) for memo in memos)


def _quote(quote: QuoteItem) -> str:
    words = (
        paragraphs(quote.text)
        if quote.text is not None
        else '<p class="muted">(The words of this extract are not in the study.)</p>'
    )
    who = escape(quote.speaker) if quote.speaker else "Unattributed"
    caption = f"{who} ({escape(quote.group)})" if quote.group else who
    if quote.coders:
        caption += f"; coded by {listed(quote.coders)}"
    return (
        f'<figure class="quote"><blockquote>{words}</blockquote>'
        f"<figcaption>{caption}</figcaption>{_memos(quote.memos)}</figure>"
    )


def _grouped(groups: Iterable[GroupQuotes]) -> str:
    return "".join(
        f'<h4>{escape(part.group)} <span class="count">'
        f"({count_of(len(part.quotes), 'quote')})</span></h4>"
        + "".join(_quote(quote) for quote in part.quotes)
        for part in groups
    )


def _voicing(sub: SubthemePart) -> str:
    voiced = sub.voicing
    rows = [
        ("Heard in the quotes", chips(voiced.quoted, none="no group")),
        ("Named by the study", chips(voiced.stated, none="no group")),
    ]
    if voiced.only_stated:
        rows.append(("Named, but not quoted here", chips(voiced.only_stated)))
    if voiced.only_quoted:
        rows.append(("Quoted, but not named", chips(voiced.only_quoted)))
    if voiced.participants:
        rows.append(("Participants quoted", chips(voiced.participants)))
    facts = "".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in rows)
    evidence = "".join(
        f'<p class="evidence">The study: <q>{escape(sentence)}</q></p>'
        for sentence in voiced.evidence
    )
    return f'<div class="voicing"><dl>{facts}</dl>{evidence}</div>'


def _subtheme(sub: SubthemePart, here: str) -> str:
    description = paragraphs(sub.description) if sub.description else ""
    quotes = (
        _grouped(sub.groups)
        if sub.groups
        else '<p class="muted">No quote of the study is placed under this sub-theme.</p>'
    )
    return (
        f'<section class="subtheme" aria-labelledby="{here}">'
        f'<h3 id="{here}">{escape(sub.label)} <span class="count">'
        f"({count_of(sub.quote_count, 'quote')})</span></h3>"
        f"{description}{_memos(sub.memos)}{_voicing(sub)}{quotes}</section>"
    )


def _theme(theme: ThemePart, position: int) -> str:
    here = anchor(position)
    description = paragraphs(theme.description) if theme.description else ""
    subs = "".join(
        _subtheme(sub, anchor(position, s)) for s, sub in enumerate(theme.subthemes, start=1)
    )
    own = ""
    if theme.own_quotes:
        own = (
            f'<section class="subtheme" aria-labelledby="{here}-own">'
            f'<h3 id="{here}-own">Quotes placed under the theme as a whole</h3>'
            f"{_grouped(theme.own_quotes)}</section>"
        )
    return (
        f'<section class="theme" aria-labelledby="{here}" '
        f'style="--accent:{escape(accent(theme.color, position))}">'
        f'<h2 id="{here}">Theme {position}. {escape(theme.label)}</h2>'
        f"{description}{_memos(theme.memos)}{subs}{own}</section>"
    )


def _contents(content: ReportContent, extra: Iterable[tuple[str, str]]) -> str:
    themes = []
    for t, theme in enumerate(content.themes, start=1):
        subs = "".join(
            f'<li><a href="#{anchor(t, s)}">{escape(sub.label)}</a></li>'
            for s, sub in enumerate(theme.subthemes, start=1)
        )
        nested = f"<ol>{subs}</ol>" if subs else ""
        themes.append(f'<li><a href="#{anchor(t)}">{escape(theme.label)}</a>{nested}</li>')
    before = (
        '<li><a href="#about">About the study</a></li>'
        '<li><a href="#map">Thematic map</a></li>'
        '<li><a href="#voicing">Who voiced what</a></li>'
    )
    after = "".join(f'<li><a href="#{anchor}">{escape(text)}</a></li>' for anchor, text in extra)
    return (
        '<nav class="toc" aria-labelledby="contents"><h2 id="contents">Contents</h2>'
        f'<ol>{before}<li><a href="#findings">Findings</a><ol>{"".join(themes)}</ol></li>'
        f"{after}</ol></nav>"
    )


def _about(content: ReportContent) -> str:
    parts = ['<section aria-labelledby="about"><h2 id="about">About the study</h2>']
    if content.aim:
        parts.append(f"<p><strong>Aim:</strong> {escape(content.aim)}</p>")
    if content.overarching is not None:
        label, description = content.overarching
        parts.append(f"<p><strong>Overarching theme:</strong> {escape(label)}.</p>")
        if description:
            parts.append(paragraphs(description))
    if content.groups:
        parts.append(
            f"<p>{count_of(content.participant_total, 'participant')} in "
            f"{count_of(len(content.groups), 'stakeholder group')}; "
            f'{count_of(content.quote_total, "quote")}.</p><dl class="groups">'
        )
        for group in content.groups:
            sizes = []
            if group.declared_size is not None:
                sizes.append(f"{group.declared_size} taking part")
            sizes.append(f"{group.quoted} quoted")
            about = f"{escape(group.description)} " if group.description else ""
            parts.append(f"<dt>{escape(group.label)}</dt><dd>{about}({', '.join(sizes)})</dd>")
        parts.append("</dl>")
    parts.append("</section>")
    return "".join(parts)


def _map_section(content: ReportContent, svg: str | None, outline: str) -> str:
    if svg is not None:
        figure = (
            f'<figure class="map"><div class="map-frame" role="group" tabindex="0" '
            f'aria-label="Thematic map; scroll sideways on a narrow screen">{svg}</div>'
            "<figcaption>The thematic map: the overarching theme, "
            f"{count_of(len(content.themes), 'theme')} and "
            f"{count_of(len(content.subthemes), 'sub-theme')}, each sub-theme with its "
            "number of quotes.</figcaption></figure>"
        )
    else:
        figure = (
            f'<figure class="map" aria-label="The thematic map, as a list">{outline}'
            "<figcaption>The framework as a list: each sub-theme with its number of quotes "
            "and the groups they come from. A drawn map needs the plot extra "
            "(<code>pip install 'peerlandscape[plot]'</code>).</figcaption></figure>"
        )
    return f'<section aria-labelledby="map"><h2 id="map">Thematic map</h2>{figure}</section>'


def _cell(group: str, quoted: bool, stated: bool) -> str:
    words = {
        (True, True): "quoted and named",
        (True, False): "quoted",
        (False, True): "named",
        (False, False): '<span class="muted">none</span>',
    }
    # The label repeats the column heading where a phone shows each row as a list.
    return f'<td data-label="{escape(group)}">{words[quoted, stated]}</td>'


def _voicing_table(content: ReportContent) -> str:
    labels = [group.label for group in content.groups]
    # Groups heard or named that the study does not define still get their column.
    for sub in content.subthemes:
        for label in (*sub.voicing.quoted, *sub.voicing.stated):
            if label not in labels:
                labels.append(label)
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in labels)
    rows = []
    for t, theme in enumerate(content.themes, start=1):
        rows.append(
            f'<tr class="theme-row"><th scope="rowgroup" colspan="{len(labels) + 1}">'
            f"Theme {t}. {escape(theme.label)}</th></tr>"
        )
        for s, sub in enumerate(theme.subthemes, start=1):
            cells = "".join(
                _cell(label, label in sub.voicing.quoted, label in sub.voicing.stated)
                for label in labels
            )
            rows.append(
                f'<tr><th scope="row"><a href="#{anchor(t, s)}">{escape(sub.label)}</a></th>'
                f"{cells}</tr>"
            )
    return (
        '<section aria-labelledby="voicing"><h2 id="voicing">Who voiced what</h2>'
        "<p>For each sub-theme and stakeholder group: <em>quoted</em>, a quote of the group is "
        "placed under it; <em>named</em>, the study's text says the group voiced it. The two "
        "can differ without either being wrong: a text may speak for all groups and print one "
        "quote.</p>"
        '<div class="scroll" role="region" aria-labelledby="voicing-caption" tabindex="0">'
        '<table class="voicing-table"><caption id="voicing-caption">'
        "Stakeholder groups behind each sub-theme</caption>"
        f'<thead><tr><th scope="col">Sub-theme</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div></section>"
    )


def _made(content: ReportContent, version: str) -> str:
    lines = [
        f"<p>Made with peerlandscape {escape(version)} from the study's data: each quote is "
        "shown under every sub-theme its codings reach, grouped by the stakeholder group of "
        "its speaker (or of its interview, for an unattributed quote). Participants are "
        "named only by the study's pseudonymous labels.</p>"
    ]
    if content.coders:
        coders = "".join(
            f"<li>{escape(label)}" + (f": {escape(role)}" if role else "") + "</li>"
            for label, role in content.coders
        )
        lines.append(f"<p>Coders:</p><ul>{coders}</ul>")
    lines.append(f'<p class="note">Cite the study as: {escape(citation(content))}</p>')
    return (
        '<section aria-labelledby="method"><h2 id="method">How this report was made</h2>'
        f"{''.join(lines)}</section>"
    )


def document(content: ReportContent, *, svg: str | None, outline: str, version: str) -> str:
    """Return the report as a complete HTML document.

    Parameters
    ----------
    content
        What the report shows.
    svg
        The drawn thematic map, ready to inline, or ``None`` to show ``outline``.
    outline
        The framework as a nested list, shown when there is no drawn map.
    version
        The version of peerlandscape, for the line on how the report was made.
    """
    extra = [("memos", "Memos")] if content.study_memos else []
    extra.append(("method", "How this report was made"))
    memos = ""
    if content.study_memos:
        memos = (
            '<section aria-labelledby="memos"><h2 id="memos">Memos</h2>'
            f"{_memos(content.study_memos)}</section>"
        )
    themes = "".join(_theme(theme, t) for t, theme in enumerate(content.themes, start=1))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="peerlandscape {escape(version)}">\n'
        f"<title>Findings: {escape(content.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        '<body>\n<a class="skip" href="#findings">Skip to the findings</a>\n'
        '<div class="page">\n<header>\n<p class="kicker">Findings report</p>\n'
        f"<h1>{escape(content.title)}</h1>\n"
        f"{_byline(content)}</header>\n"
        f"{_contents(content, extra)}\n<main>\n{_about(content)}\n"
        f"{_map_section(content, svg, outline)}\n{_voicing_table(content)}\n"
        '<div id="findings">\n'
        f"{themes}\n</div>\n{memos}{_made(content, version)}\n</main>\n"
        "</div>\n</body>\n</html>\n"
    )
