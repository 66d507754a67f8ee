"""How a study and its parts show themselves: one-line reprs, and HTML views for notebooks.

A study holds thousands of objects; its repr is a summary line, and the repr
of any model leaves out what was not given and shortens long texts, so that
evaluating an object in a console never floods it. The HTML views are cards
built from :mod:`peerlandscape._html`: a model on its own shows what it holds,
and :meth:`Study.view <peerlandscape.Study.view>` shows a theme, sub-theme or
quote with what the study knows of it (its quotes by group, its codings).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from peerlandscape._exceptions import InvalidOptionError, MissingDependencyError
from peerlandscape._html import (
    Html,
    bullets,
    card,
    chip,
    details,
    escape,
    fields,
    paragraph,
    quotation,
    section,
    shorten,
    swatch,
    table,
)
from peerlandscape.models._framework import FrameworkElement, SubTheme, Theme
from peerlandscape.models._index import Level
from peerlandscape.models._quotes import Quote
from peerlandscape.models._refs import KIND_LABELS, Kind

if TYPE_CHECKING:
    from peerlandscape.models._study import Study

__all__ = ["ElementView", "html_of", "model_repr_args", "study_repr", "view"]

TEXT_WIDTH = 60
"""Characters of a text field a model's repr keeps."""
ITEMS_SHOWN = 6
"""Items of a sequence field a model's repr lists; a longer one is shown as its length."""
FIELDS_SHOWN = 8
"""Fields a model's repr shows; the rest are counted."""
QUOTES_PER_GROUP = 5
"""Quotes a sub-theme's view shows for each group; the rest are counted."""
AUTHORS_SHOWN = 3
"""Authors a study's card names before "et al."."""
ELEMENTS_SHOWN = 100
"""Sub-themes (and themes) a study's card lists; a larger framework is counted past them."""


class _Shown:
    """A value whose repr is given: ``<17 items>`` stands for a long sequence."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def model_repr_args(model: BaseModel) -> Iterator[tuple[str | None, Any]]:
    """Yield the fields a model's repr shows: those not left at their default, shortened.

    Texts are cut to 60 characters, sequences of more than 6 items shown as
    their length, and fields past the eighth counted.

    Examples
    --------
    >>> from peerlandscape.models import Quote
    >>> quote = Quote(id="q1", text="We must be invited in. " * 5, participant="psw-1")
    >>> quote
    Quote(id='q1', text='We must be invited in. We must be invited in. We must be in…', participant='psw-1')
    >>> import peerlandscape as pl
    >>> pl.datasets.engdahl2025().design  # doctest: +ELLIPSIS
    Design(approach='Qualitative descriptive study', ..., <22 more fields>)
    """  # noqa: E501 - a doctest's output is one line
    shown = 0
    for name, info in type(model).model_fields.items():
        if not info.repr:
            continue
        value = getattr(model, name)
        if info.default is not PydanticUndefined and _is_default(value, info.default):
            continue
        if info.default_factory is not None and not value:
            continue
        shown += 1
        if shown > FIELDS_SHOWN:
            continue  # counted, not shown
        if isinstance(value, str) and len(value) > TEXT_WIDTH:
            value = shorten(value, TEXT_WIDTH)
        elif isinstance(value, tuple) and len(value) > ITEMS_SHOWN:
            value = _Shown(f"<{len(value)} items>")
        elif isinstance(value, tuple):
            value = tuple(
                shorten(item, TEXT_WIDTH) if isinstance(item, str) else item for item in value
            )
        yield name, value
    if shown > FIELDS_SHOWN:
        yield None, _Shown(f"<{shown - FIELDS_SHOWN} more fields>")


def _is_default(value: object, default: object) -> bool:
    # Enum members compare equal to their values; identity first keeps None cheap.
    return value is default or (type(value) is type(default) and value == default)


_COUNTED = (
    ("participants", "participant"),
    ("interviews", "interview"),
    ("quotes", "quote"),
    ("codings", "coding"),
    ("codes", "code"),
    ("subthemes", "sub-theme"),
    ("themes", "theme"),
)


def study_counts(study: Study) -> Iterator[tuple[str, int]]:
    """Yield the name and length of each collection a study's summary counts."""
    for name, _noun in _COUNTED:
        yield name, len(getattr(study, name))


def study_repr(study: Study) -> str:
    """Return a study's summary line: its id, title, and what it holds.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> pl.datasets.engdahl2025()
    <Study 'engdahl2025': "Stakeholders' Perspectives on the Landscape of…"; 30 participants, 17 interviews, 16 quotes, 17 codings, 2 codes, 12 sub-themes, 4 themes>
    """  # noqa: E501 - a doctest's output is one line
    counts = ", ".join(_counted(len(getattr(study, name)), noun) for name, noun in _COUNTED)
    return f"<Study {shorten(study.id, 40)!r}: {shorten(study.title, 48)!r}; {counts}>"


def _counted(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# -- HTML ----------------------------------------------------------------------------------


def html_of(model: BaseModel) -> Html:
    """Return the view of a model on its own, without a study around it."""
    if isinstance(model, Quote):
        return _quote_card(model, None)
    if isinstance(model, SubTheme):
        return _subtheme_card(model, None)
    if isinstance(model, Theme):
        return _theme_card(model, None)
    if isinstance(model, FrameworkElement):
        return _element_card(model)
    raise TypeError(f"no HTML view of {type(model).__name__}")  # pragma: no cover


class ElementView:
    """A theme, sub-theme or quote shown with what its study knows of it.

    Made by :meth:`Study.view <peerlandscape.Study.view>`. A notebook shows
    its HTML; ``str()`` gives the same facts as text.

    Attributes
    ----------
    study
        The study.
    element
        The theme, sub-theme or quote.
    """

    __slots__ = ("element", "study")

    def __init__(self, study: Study, element: Theme | SubTheme | Quote) -> None:
        self.study = study
        self.element = element

    def __repr__(self) -> str:
        return f"<view of {self.element!r} in study {self.study.id!r}>"

    def __str__(self) -> str:
        return "\n".join(_text_lines(self.study, self.element))

    def _repr_html_(self) -> str:
        element = self.element
        if isinstance(element, Quote):
            return _quote_card(element, self.study)
        if isinstance(element, SubTheme):
            return _subtheme_card(element, self.study)
        return _theme_card(element, self.study)


def view(study: Study, element: str | Theme | SubTheme | Quote, kind: str | None) -> ElementView:
    """Find ``element`` (an object, or an id) in ``study`` and return its view."""
    if not isinstance(element, str):
        if not isinstance(element, Theme | SubTheme | Quote):
            raise InvalidOptionError(
                f"a view shows a theme, a sub-theme or a quote, not {type(element).__name__}"
            )
        kind, element = element.KIND.value, element.id
    kinds: tuple[Kind, ...] = (Kind.THEME, Kind.SUBTHEME, Kind.QUOTE)
    if kind is not None:
        if kind not in {k.value for k in kinds}:
            raise InvalidOptionError(f"kind must be 'theme', 'subtheme' or 'quote', not {kind!r}")
        kinds = (Kind(kind),)
    found = [study.index.by_kind[k][element] for k in kinds if element in study.index.by_kind[k]]
    if not found:
        named = " or ".join(KIND_LABELS[k] for k in kinds)
        raise InvalidOptionError(f"study {study.id!r} has no {named} {element!r}")
    if len(found) > 1:
        named = " and a ".join(KIND_LABELS[f.KIND] for f in found)
        raise InvalidOptionError(
            f"{element!r} is the id of a {named} in study {study.id!r}: give kind="
        )
    return ElementView(study, found[0])


def _element_card(element: FrameworkElement) -> Html:
    kind = KIND_LABELS[element.KIND]  # type: ignore[attr-defined]
    return card(
        element.label,
        paragraph(element.description) if element.description else "",
        fields([("id", element.id), ("GUID", element.guid)]),
        subtitle=kind,
    )


def _theme_card(theme: Theme, study: Study | None) -> Html:
    parts: list[object] = [paragraph(theme.description) if theme.description else ""]
    parts.append(fields([("id", theme.id), ("colour", _colour(theme.color)), ("GUID", theme.guid)]))
    if study is not None:
        index = study.index
        subthemes = [s for s in study.subthemes if s.theme == theme.id]
        quotes = index.quotes_reaching("theme")[theme.id]
        parts.append(
            paragraph(
                f"{_counted(len(quotes), 'quote')} from "
                f"{_counted(len(index.participants_reaching('theme')[theme.id]), 'participant')}"
            )
        )
        parts.append(section("Sub-themes", _subtheme_table(study, subthemes)))
    return card(Html(swatch(theme.color) + escape(theme.label)), *parts, subtitle="theme")


def _subtheme_card(subtheme: SubTheme, study: Study | None) -> Html:
    parts: list[object] = [paragraph(subtheme.description) if subtheme.description else ""]
    theme = subtheme.theme
    if study is not None:
        theme = f"{study.index.themes[subtheme.theme].label} ({subtheme.theme})"
    parts.append(fields([("id", subtheme.id), ("theme", theme), ("GUID", subtheme.guid)]))
    if study is not None:
        parts.append(_quotes_by_group(study, subtheme.id))
    return card(Html(swatch(subtheme.color) + escape(subtheme.label)), *parts, subtitle="sub-theme")


def _quote_card(quote: Quote, study: Study | None) -> Html:
    speaker: object = quote.participant
    group: object = None
    interview: object = quote.interview
    codings: list[object] = []
    if study is not None:
        index = study.index
        if quote.participant is not None:
            speaker = f"{index.participants[quote.participant].label} ({quote.participant})"
        group_id = index.quote_groups[quote.id]
        group = None if group_id is None else index.groups[group_id].label
        if quote.interview is not None:
            interview = index.interviews[quote.interview].label
        codings = [
            _coding_text(study, position) for position in index.codings_by_quote.get(quote.id, ())
        ]
    span = (
        None
        if quote.span is None
        else f"{quote.span.start}\u2013{quote.span.end} of {quote.source}"
    )
    parts: list[object] = [
        quotation(quote.text) if quote.text is not None else paragraph("(text not available)"),
        fields(
            [
                ("id", quote.id),
                ("participant", speaker),
                ("group", group),
                ("interview", interview),
                ("span", span),
            ]
        ),
    ]
    if codings:
        parts.append(section("Codings", bullets(codings)))
    if quote.notes:
        parts.append(section("Notes", bullets(quote.notes)))
    return card(quote.label or f"Quote {quote.id}", *parts, subtitle="quote")


def _coding_text(study: Study, position: int) -> str:
    coding = study.codings[position]
    kind, element = coding.target
    label = study.index.by_kind[Kind(kind)][element].label
    by = "" if coding.coder is None else f" by {study.index.coders[coding.coder].label}"
    return f"{KIND_LABELS[Kind(kind)]}: {label}{by}"


def _quotes_by_group(study: Study, subtheme: str) -> Html:
    index = study.index
    quotes = index.quotes_reaching("subtheme")[subtheme]
    by_group: dict[str | None, list[Quote]] = {}
    for quote in study.quotes:  # study order, so that the view is stable
        if quote.id in quotes:
            by_group.setdefault(index.quote_groups[quote.id], []).append(quote)
    if not by_group:
        return paragraph("No quote reaches this sub-theme.")
    parts: list[object] = []
    for group, members in sorted(by_group.items(), key=lambda item: (item[0] is None, item[0])):
        name = "unknown group" if group is None else index.groups[group].label
        shown = [
            quotation(q.text or "(text not available)", by=_speaker(study, q))
            for q in members[:QUOTES_PER_GROUP]
        ]
        more = len(members) - len(shown)
        if more:
            shown.append(paragraph(f"… and {_counted(more, 'more quote')}"))
        parts.append(details(f"{name}: {_counted(len(members), 'quote')}", *shown, opened=True))
    return section(f"Quotes by group ({len(quotes)})", *parts)


def _speaker(study: Study, quote: Quote) -> str | None:
    if quote.participant is None:
        return None
    return study.index.participants[quote.participant].label


def _subtheme_table(study: Study, subthemes: Sequence[SubTheme]) -> Html:
    index = study.index
    quotes = index.quotes_reaching("subtheme")
    groups = index.groups_reaching("subtheme")
    rows = [
        [
            Html(swatch(s.color) + escape(s.label)),
            len(quotes[s.id]),
            Html("".join(chip(index.groups[g].label) for g in sorted(groups[s.id]))),
        ]
        for s in subthemes[:ELEMENTS_SHOWN]
    ]
    more = len(subthemes) - len(rows)
    if more:
        rows.append([f"… and {_counted(more, 'more sub-theme')}", "", ""])
    return table(["sub-theme", "quotes", "groups"], rows, numeric=[1])


def study_html(study: Study) -> Html:
    """Return a study's card: who wrote it, what it holds, and its thematic map."""
    byline = ", ".join(study.authors[:AUTHORS_SHOWN]) + (
        " et al." if len(study.authors) > AUTHORS_SHOWN else ""
    )
    published = ", ".join(str(part) for part in (study.journal, study.year) if part is not None)
    subtitle = " · ".join(part for part in (byline, published) if part) or None
    design = study.design
    about = fields(
        [
            ("id", study.id),
            ("DOI", study.doi),
            ("approach", design.approach if design else None),
            ("analysis", design.analysis_method if design else None),
            ("aim", study.aim),
        ]
    )
    counts = table(
        [noun + "s" for _name, noun in _COUNTED],
        [[n for _name, n in study_counts(study)]],
        numeric=range(len(_COUNTED)),
    )
    picture = _thematic_map(study)
    # With the map drawn, the framework's tables are one click away rather than repeated.
    framework = section("Thematic framework", _framework(study, opened=not picture))
    return card(study.title, about, counts, picture, framework, subtitle=subtitle)


def _framework(study: Study, *, opened: bool) -> Html:
    if not study.themes:
        return paragraph("No themes yet.")
    index = study.index
    quotes = index.quotes_reaching("theme")
    under: dict[str, list[SubTheme]] = {}
    for subtheme in study.subthemes:
        under.setdefault(subtheme.theme, []).append(subtheme)
    parts: list[Html] = []
    if study.overarching_theme is not None:
        parts.append(
            paragraph(Html("<strong>Overarching theme:</strong> "), study.overarching_theme.label)
        )
    for theme in study.themes[:ELEMENTS_SHOWN]:
        heading = Html(
            swatch(theme.color)
            + escape(theme.label)
            + escape(f" — {_counted(len(quotes[theme.id]), 'quote')}")
        )
        parts.append(
            details(heading, _subtheme_table(study, under.get(theme.id, [])), opened=opened)
        )
    more = len(study.themes) - ELEMENTS_SHOWN
    if more > 0:
        parts.append(paragraph(f"… and {_counted(more, 'more theme')}"))
    return Html("".join(parts))


def _thematic_map(study: Study) -> Html:
    """Return the map ``peerlandscape.plot`` draws, when it and matplotlib are there.

    The framework is always listed above the map, so a missing plotting stack
    costs the picture only.
    """
    if not study.themes:
        return Html("")
    try:
        plot = importlib.import_module("peerlandscape.plot")
    except ImportError:
        return Html("")
    draw: Any = getattr(plot, "thematic_map_svg", None)
    if draw is None:
        return Html("")
    try:
        svg = str(draw(study))
    except MissingDependencyError:
        return Html("")
    # The SVG is written by matplotlib, which escapes the labels it draws.
    start = svg.find("<svg")
    return section("Thematic map", Html(svg[start:] if start >= 0 else ""))


def _colour(color: str | None) -> Html | None:
    return None if color is None else Html(swatch(color) + escape(color))


# -- text ----------------------------------------------------------------------------------


def _text_lines(study: Study, element: Theme | SubTheme | Quote) -> Iterable[str]:
    index = study.index
    if isinstance(element, Quote):
        yield f"quote {element.id}: {element.text or '(text not available)'}"
        if element.participant is not None:
            yield f"  participant: {index.participants[element.participant].label}"
        group = index.quote_groups[element.id]
        if group is not None:
            yield f"  group: {index.groups[group].label}"
        for position in index.codings_by_quote.get(element.id, ()):
            yield f"  coded: {_coding_text(study, position)}"
        return
    level: Level = "subtheme" if isinstance(element, SubTheme) else "theme"
    quotes = index.quotes_reaching(level)[element.id]
    total = _counted(len(quotes), "quote")
    yield f"{KIND_LABELS[element.KIND]} {element.id}: {element.label} ({total})"
    if element.description:
        yield f"  {element.description}"
    if isinstance(element, Theme):
        for subtheme in study.subthemes:
            if subtheme.theme == element.id:
                under = _counted(len(index.subtheme_quotes[subtheme.id]), "quote")
                yield f"  - {subtheme.label} ({under})"
        return
    groups = index.quote_groups
    counts: dict[str, int] = {}
    for quote in quotes:
        group = groups[quote]
        name = "unknown group" if group is None else index.groups[group].label
        counts[name] = counts.get(name, 0) + 1
    for name, n in sorted(counts.items()):
        yield f"  {name}: {_counted(n, 'quote')}"
