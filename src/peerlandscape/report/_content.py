"""What a findings report holds: the framework, the quotes by group, who voiced what.

The report is gathered from the study's own derived facts (which quotes reach
each sub-theme and theme, each quote's group: :attr:`Study.index
<peerlandscape.Study.index>`; the groups the quotes and the study's
statements name: :func:`peerlandscape.queries.voicing`) into plain frozen
values, which the HTML is then written from. People appear by their
pseudonymous labels only, never by id. Every free text of the study the
report takes is recorded as it is taken (:attr:`ReportContent.texts`), so
that the privacy check scans exactly what the file will hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

import attrs

from peerlandscape.models import Kind, Study, format_ref, parse_ref
from peerlandscape.models._refs import KIND_LABELS
from peerlandscape.queries import SubthemeVoicing, voicing

__all__ = [
    "UNKNOWN_GROUP",
    "GroupPart",
    "GroupQuotes",
    "MemoItem",
    "QuoteItem",
    "ReportContent",
    "SubthemePart",
    "ThemePart",
    "VoicingPart",
    "gather",
]

UNKNOWN_GROUP = "Group not known"
"""The heading of the quotes whose stakeholder group the study does not give."""

TextRef = tuple[str, str]
"""A free text of the study the report holds: its object (``"quote:q1"``) and field."""


@attrs.frozen
class MemoItem:
    """A memo as the report shows it: its title, text and (if asked for) author's label."""

    label: str | None
    text: str
    author: str | None
    about: str | None = None
    """What it is about, in words, for a memo shown apart from what it is about."""


@attrs.frozen
class QuoteItem:
    """A quote: its words (``None``: not in the study), who said it, and their group."""

    text: str | None
    speaker: str | None
    group: str | None
    coders: tuple[str, ...]
    memos: tuple[MemoItem, ...]


@attrs.frozen
class GroupQuotes:
    """The quotes of one stakeholder group under one sub-theme (or theme)."""

    group: str
    quotes: tuple[QuoteItem, ...]


@attrs.frozen
class VoicingPart:
    """Who voiced a sub-theme: groups heard in its quotes, groups its study names, and why."""

    quoted: tuple[str, ...]
    stated: tuple[str, ...]
    evidence: tuple[str, ...]
    participants: tuple[str, ...]
    only_quoted: tuple[str, ...]
    only_stated: tuple[str, ...]


@attrs.frozen
class SubthemePart:
    """One sub-theme: its name, description, voicing and quotes grouped by stakeholder group."""

    label: str
    description: str | None
    quote_count: int
    groups: tuple[GroupQuotes, ...]
    voicing: VoicingPart
    memos: tuple[MemoItem, ...]


@attrs.frozen
class ThemePart:
    """One theme: its sub-themes, and the quotes placed under the theme as a whole."""

    label: str
    description: str | None
    color: str | None
    subthemes: tuple[SubthemePart, ...]
    own_quotes: tuple[GroupQuotes, ...]
    memos: tuple[MemoItem, ...]


@attrs.frozen
class GroupPart:
    """A stakeholder group: its label, who belongs to it, its declared and quoted sizes."""

    label: str
    description: str | None
    declared_size: int | None
    quoted: int


@attrs.frozen
class ReportContent:
    """Everything a findings report shows, gathered from a study."""

    title: str
    authors: tuple[str, ...]
    year: int | None
    journal: str | None
    doi: str | None
    aim: str | None
    overarching: tuple[str, str | None] | None
    """The overarching theme's label and description, if the framework has one."""
    groups: tuple[GroupPart, ...]
    themes: tuple[ThemePart, ...]
    quote_total: int
    participant_total: int
    study_memos: tuple[MemoItem, ...]
    coders: tuple[tuple[str, str | None], ...]
    """Each coder's label and role; empty unless coders were asked for."""
    texts: frozenset[TextRef]
    """The study's free texts this content holds, for the privacy check."""

    @property
    def subthemes(self) -> tuple[SubthemePart, ...]:
        """Every sub-theme, theme by theme."""
        return tuple(sub for theme in self.themes for sub in theme.subthemes)


class _Gatherer:
    """One pass over a study: the parts of the report, and the texts they take."""

    def __init__(self, study: Study, *, memos: bool, coders: bool) -> None:
        self.study = study
        self.index = study.index
        self.with_memos = memos
        self.with_coders = coders
        self.texts: set[TextRef] = set()
        self.memos_about: dict[str, list[str]] = {}
        if memos:
            for memo in study.memos:
                for about in memo.about or (format_ref(Kind.STUDY, study.id),):
                    self.memos_about.setdefault(about, []).append(memo.id)
        self.memos_shown: set[str] = set()
        self.quote_order = {quote.id: n for n, quote in enumerate(study.quotes)}

    def take(self, kind: Kind, object_id: str, field: str, value: str) -> str:
        # Recorded as taken, so that the privacy check scans what the file holds.
        self.texts.add((format_ref(kind, object_id), field))
        return value

    def maybe(self, kind: Kind, object_id: str, field: str, value: str | None) -> str | None:
        return None if value is None else self.take(kind, object_id, field, value)

    def group_label(self, group_id: str) -> str:
        group = self.index.groups.get(group_id)
        return group_id if group is None else self.take(Kind.GROUP, group_id, "label", group.label)

    def participant_label(self, participant_id: str) -> str:
        label = self.index.participants[participant_id].label
        return self.take(Kind.PARTICIPANT, participant_id, "label", label)

    def memo(self, memo_id: str, about: str | None = None) -> MemoItem:
        memo = self.index.memos[memo_id]
        self.memos_shown.add(memo_id)
        author = None
        if self.with_coders and memo.author is not None:
            author = self.take(
                Kind.CODER, memo.author, "label", self.index.coders[memo.author].label
            )
        return MemoItem(
            label=self.maybe(Kind.MEMO, memo_id, "label", memo.label),
            text=self.take(Kind.MEMO, memo_id, "text", memo.text),
            author=author,
            about=about,
        )

    def memos_on(self, kind: Kind, object_id: str) -> tuple[MemoItem, ...]:
        return tuple(self.memo(m) for m in self.memos_about.get(format_ref(kind, object_id), ()))

    def quote(self, quote_id: str, subtheme: str | None, theme: str) -> QuoteItem:
        quote = self.index.quotes[quote_id]
        group = self.index.quote_groups[quote_id]
        return QuoteItem(
            text=self.maybe(Kind.QUOTE, quote_id, "text", quote.text),
            speaker=None
            if quote.participant is None
            else self.participant_label(quote.participant),
            group=None if group is None else self.group_label(group),
            coders=self.coders_of(quote_id, subtheme, theme),
            memos=self.memos_on(Kind.QUOTE, quote_id),
        )

    def coders_of(self, quote_id: str, subtheme: str | None, theme: str) -> tuple[str, ...]:
        if not self.with_coders:
            return ()
        codings, paths = self.study.codings, self.index.coding_paths
        found: dict[str, None] = {}
        for position in self.index.codings_by_quote.get(quote_id, ()):
            coder, path = codings[position].coder, paths[position]
            if coder is not None and path.subtheme == subtheme and path.theme == theme:
                found.setdefault(coder)
        return tuple(self.take(Kind.CODER, c, "label", self.index.coders[c].label) for c in found)

    def by_group(
        self, quote_ids: Set[str], subtheme: str | None, theme: str
    ) -> tuple[GroupQuotes, ...]:
        # Groups in the study's order, quotes in the study's order, the unknown group last.
        groups = self.index.quote_groups
        by_group: dict[str | None, list[str]] = {}
        for quote_id in sorted(quote_ids, key=self.quote_order.__getitem__):
            by_group.setdefault(groups[quote_id], []).append(quote_id)
        parts: list[GroupQuotes] = []
        for group_id in [*self.index.groups, None]:
            if group_id in by_group:
                label = UNKNOWN_GROUP if group_id is None else self.group_label(group_id)
                items = tuple(self.quote(q, subtheme, theme) for q in by_group[group_id])
                parts.append(GroupQuotes(label, items))
        return tuple(parts)

    def in_group_order(self, group_ids: Iterable[str]) -> tuple[str, ...]:
        chosen = set(group_ids)
        known = [g for g in self.index.groups if g in chosen]
        return tuple(self.group_label(g) for g in [*known, *sorted(chosen - set(known))])

    def subtheme(self, subtheme_id: str, voiced: SubthemeVoicing) -> SubthemePart:
        element = self.index.subthemes[subtheme_id]
        quotes = self.index.quotes_reaching("subtheme")[subtheme_id]
        people = self.index.subtheme_participants[subtheme_id]
        evidence = tuple(
            self.take(Kind.STUDY, self.study.id, f"attributions.{n}.evidence", a.evidence)
            for n, a in enumerate(self.study.attributions)
            if a.subtheme == subtheme_id
        )
        return SubthemePart(
            label=self.take(Kind.SUBTHEME, subtheme_id, "label", element.label),
            description=self.maybe(Kind.SUBTHEME, subtheme_id, "description", element.description),
            quote_count=len(quotes),
            groups=self.by_group(quotes, subtheme_id, element.theme),
            voicing=VoicingPart(
                quoted=self.in_group_order(voiced.from_quotes),
                stated=self.in_group_order(voiced.stated),
                evidence=evidence,
                participants=tuple(
                    self.participant_label(p.id) for p in self.study.participants if p.id in people
                ),
                only_quoted=self.in_group_order(voiced.only_in_quotes),
                only_stated=self.in_group_order(voiced.only_stated),
            ),
            memos=self.memos_on(Kind.SUBTHEME, subtheme_id),
        )

    def theme(self, theme_id: str, voiced: Mapping[str, SubthemeVoicing]) -> ThemePart:
        element = self.index.themes[theme_id]
        subthemes = [s.id for s in self.study.subthemes if s.theme == theme_id]
        under_subthemes: set[str] = set()
        for subtheme_id in subthemes:
            under_subthemes |= self.index.quotes_reaching("subtheme")[subtheme_id]
        own = self.index.quotes_reaching("theme")[theme_id] - under_subthemes
        return ThemePart(
            label=self.take(Kind.THEME, theme_id, "label", element.label),
            description=self.maybe(Kind.THEME, theme_id, "description", element.description),
            color=element.color,
            subthemes=tuple(self.subtheme(s, voiced[s]) for s in subthemes),
            own_quotes=self.by_group(own, None, theme_id),
            memos=self.memos_on(Kind.THEME, theme_id),
        )

    def other_memos(self) -> tuple[MemoItem, ...]:
        # Memos about the study as a whole, or about something the report does not show.
        items: list[MemoItem] = []
        for memo in self.study.memos:
            if memo.id in self.memos_shown or not self.with_memos:
                continue
            abouts = [self.described(ref) for ref in memo.about]
            items.append(self.memo(memo.id, "; ".join(abouts) or None))
        return tuple(items)

    def described(self, ref: str) -> str:
        kind, object_id = parse_ref(ref)
        noun = KIND_LABELS[kind]
        target = self.index.by_kind[kind].get(object_id)
        label = getattr(target, "label", None)
        if kind is Kind.STUDY or not isinstance(label, str):
            return "the study" if kind is Kind.STUDY else f"a {noun}"
        return f"{noun} \u201c{self.take(kind, object_id, 'label', label)}\u201d"


def gather(study: Study, *, memos: bool = False, coders: bool = False) -> ReportContent:
    """Return what the findings report of ``study`` shows.

    Parameters
    ----------
    study
        The study.
    memos, coders
        Whether the report shows the memos and the coders: ``include_memos`` and
        ``include_coders`` of :func:`~peerlandscape.report.render_report`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> content = gather(pl.datasets.engdahl2025())
    >>> len(content.themes), len(content.subthemes)
    (4, 12)
    >>> part = content.subthemes[0]
    >>> part.label, [(g.group, len(g.quotes)) for g in part.groups]
    ('Ensuring Financial Sustainability for Growth', [('Peer support workers', 1), ...])
    >>> part.groups[0].quotes[0].speaker
    'Peer support worker 5'
    """
    gatherer = _Gatherer(study, memos=memos, coders=coders)
    voiced = {item.subtheme: item for item in voicing(study)}
    sid = study.id
    themes = tuple(gatherer.theme(t.id, voiced) for t in study.themes)
    top = study.overarching_theme
    overarching = None
    if top is not None:
        kind = Kind.OVERARCHING_THEME
        overarching = (
            gatherer.take(kind, top.id, "label", top.label),
            gatherer.maybe(kind, top.id, "description", top.description),
        )
    quoted_people: dict[str, set[str]] = {}
    for quote in study.quotes:
        if quote.participant is not None:
            group = gatherer.index.participant_groups[quote.participant]
            quoted_people.setdefault(group, set()).add(quote.participant)
    groups = tuple(
        GroupPart(
            label=gatherer.group_label(g.id),
            description=gatherer.maybe(Kind.GROUP, g.id, "description", g.description),
            declared_size=g.declared_size,
            quoted=len(quoted_people.get(g.id, ())),
        )
        for g in study.groups
    )
    coder_parts: tuple[tuple[str, str | None], ...] = ()
    if coders:
        coder_parts = tuple(
            (
                gatherer.take(Kind.CODER, c.id, "label", c.label),
                gatherer.maybe(Kind.CODER, c.id, "role", c.role),
            )
            for c in study.coders
        )
    return ReportContent(
        title=gatherer.take(Kind.STUDY, sid, "title", study.title),
        authors=tuple(study.authors),
        year=study.year,
        journal=study.journal,
        doi=study.doi,
        aim=gatherer.maybe(Kind.STUDY, sid, "aim", study.aim),
        overarching=overarching,
        groups=groups,
        themes=themes,
        quote_total=len(study.quotes),
        participant_total=len(study.participants),
        study_memos=gatherer.other_memos(),
        coders=coder_parts,
        texts=frozenset(gatherer.texts),
    )
