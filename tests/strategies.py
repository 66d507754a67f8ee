"""Hypothesis strategies that build valid studies of varied shape.

Import :func:`studies` in any test that needs arbitrary valid input::

    from strategies import studies

    @given(studies())
    def test_something(study): ...

Every study drawn passes the model's own validation (it is built with
``Study(...)``); the strategies only ever produce what the schema allows, so a
failure in a test that uses them is a failure of the code under test.

The studies exercise the whole of schema 1.1: codings that apply each level of
the framework (code, candidate theme, sub-theme, theme), with and without a
coder, a time and a GUID; codes under each kind of parent; memos by coders (or
by nobody known) about objects of many kinds; and GUIDs on every kind that
keeps one.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

from hypothesis import settings
from hypothesis import strategies as st

from peerlandscape.models import (
    CODING_TARGETS,
    CandidateTheme,
    Code,
    Coder,
    Coding,
    Design,
    Facilitator,
    FacilitatorRole,
    GroupAttribution,
    GroupDemographics,
    Interview,
    InterviewFormat,
    InterviewMode,
    Kind,
    Memo,
    NumericSummary,
    OverarchingTheme,
    Participant,
    Period,
    Quote,
    Region,
    Source,
    Span,
    StakeholderGroup,
    StakeholderGroupDefinition,
    Study,
    SubTheme,
    Theme,
    format_ref,
)

__all__ = [
    "FAST",
    "guids",
    "ids",
    "numeric_summaries",
    "partial_dates",
    "periods",
    "studies",
    "texts",
    "timestamps",
]

T = TypeVar("T")

FAST = settings(max_examples=50, deadline=None)
"""Settings for property tests over whole studies: enough examples to find shape bugs, fast."""

# Text the library must carry unchanged: Swedish letters, combining marks, emoji (outside
# the BMP, so one code point is two UTF-16 units), right-to-left script, CJK, quotes, braces
# (which a careless message template would try to format) and control characters.
SAMPLE_TEXTS = (
    "Kamratstöd på riktigt",
    "Återhämtning är möjlig 🌱",
    "e\u0301 (combining acute)",
    "👩🏽‍⚕️ peer support worker",
    "مرحبا",
    "同伴支持",
    'She said "we must be invited in" {0} {value}',
    "tab\tand\nnewline",
    " ",
)

_SLUG_PART = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=6)


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Ids matching ``^[a-z0-9]+(?:[-_.][a-z0-9]+)*$``, as the schema requires."""
    return st.builds(
        lambda first, rest: first + "".join(sep + part for sep, part in rest),
        _SLUG_PART,
        st.lists(st.tuples(st.sampled_from("-_."), _SLUG_PART), max_size=2),
    )


@functools.cache
def texts(*, min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Unicode text (no lone surrogates, which no JSON document can carry as UTF-8)."""
    return st.one_of(
        st.sampled_from([t for t in SAMPLE_TEXTS if min_size <= len(t) <= max_size]),
        st.text(min_size=min_size, max_size=max_size),
    )


@functools.cache
def guids() -> st.SearchStrategy[str]:
    """GUIDs in the canonical form the models keep: lower case, hyphenated, no braces."""
    return st.uuids().map(str)


# Fixed offsets, not IANA zones: a timestamp keeps its offset through JSON, not its zone name.
_OFFSETS = st.one_of(
    st.none(),
    st.just(dt.UTC),
    st.integers(-14 * 60, 14 * 60).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))),
)


@functools.cache
def timestamps() -> st.SearchStrategy[dt.datetime]:
    """Moments with and without a UTC offset (whole minutes), to the microsecond."""
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 1, 1), timezones=_OFFSETS
    )


@functools.cache
def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


@functools.cache
def _notes() -> st.SearchStrategy[list[str]]:
    return st.lists(texts(), max_size=2)


@functools.cache
def _finite(low: float, high: float) -> st.SearchStrategy[float | int]:
    return st.integers(int(low), int(high)) | st.floats(
        low, high, allow_nan=False, allow_infinity=False
    )


def _format_date(day: dt.date, precision: int) -> str:
    return day.isoformat()[:precision]


@functools.cache
def partial_dates() -> st.SearchStrategy[str]:
    """ISO dates known to the year, month or day: ``2023``, ``2023-06``, ``2023-06-15``."""
    return st.builds(_format_date, st.dates(), st.sampled_from([4, 7, 10]))


@functools.cache
def periods() -> st.SearchStrategy[Period]:
    """Periods whose end is not before their start, each end at its own precision."""
    return st.builds(
        lambda days, start_precision, end_precision: Period(
            _format_date(min(days), start_precision), _format_date(max(days), end_precision)
        ),
        st.lists(st.dates(), min_size=2, max_size=2),
        st.sampled_from([4, 7, 10]),
        st.sampled_from([4, 7, 10]),
    )


@functools.cache
def numeric_summaries() -> st.SearchStrategy[NumericSummary]:
    """Mean-and-range summaries whose mean lies inside the range."""
    return st.builds(
        lambda values: NumericSummary(mean=values[1], minimum=values[0], maximum=values[2]),
        st.lists(_finite(-1e6, 1e6), min_size=3, max_size=3).map(sorted),
    )


@functools.cache
def _counts() -> st.SearchStrategy[dict[str, int] | None]:
    return _optional(st.dictionaries(ids(), st.integers(0, 1000), max_size=3))


@functools.cache
def _demographics() -> st.SearchStrategy[GroupDemographics]:
    return st.builds(
        GroupDemographics,
        sex=_counts(),
        age=_optional(numeric_summaries()),
        education=_counts(),
        years_in_role=_optional(numeric_summaries()),
        years_in_role_measure=_optional(texts()),
        employment_context=_counts(),
        notes=_notes(),
    )


@functools.cache
def _id_lists(max_size: int) -> st.SearchStrategy[list[str]]:
    return st.lists(ids(), max_size=max_size, unique=True)


def _unique_ids(draw: st.DrawFn, *, max_size: int) -> list[str]:
    return draw(_id_lists(max_size))


def _some(draw: st.DrawFn, choices: Sequence[str], *, min_size: int = 0) -> list[str]:
    """A subset of ``choices`` in random order, of at least ``min_size`` items."""
    if not choices:
        return []
    return draw(st.lists(st.sampled_from(choices), min_size=min_size, unique=True))


def _one_or_none(draw: st.DrawFn, choices: Sequence[T]) -> T | None:
    if not choices or draw(st.booleans()):
        return None
    return draw(st.sampled_from(choices))


_BUILTIN_GROUPS = st.lists(st.sampled_from(list(StakeholderGroup)), unique=True)


@st.composite
def _groups(draw: st.DrawFn, max_size: int) -> list[StakeholderGroupDefinition]:
    builtin = draw(_BUILTIN_GROUPS)
    custom = [
        i for i in _unique_ids(draw, max_size=2) if i not in {g.value for g in StakeholderGroup}
    ]
    group_ids: list[Any] = draw(st.permutations([*builtin, *custom][:max_size]))
    return [
        StakeholderGroupDefinition(
            id=group_id,
            label=draw(texts()),
            description=draw(_optional(texts())),
            declared_size=draw(_optional(st.integers(0, 500))),
            interview_format=draw(_optional(texts())),
            demographics=draw(_optional(_demographics())),
            notes=draw(_notes()),
        )
        for group_id in group_ids
    ]


def _participant(draw: st.DrawFn, participant_id: str, group_ids: Sequence[str]) -> Participant:
    return Participant(
        id=participant_id,
        label=draw(texts()),
        group=draw(st.sampled_from(group_ids)),
        aliases=draw(st.lists(texts(), max_size=2)),
        sex=draw(_optional(texts(max_size=10))),
        age=draw(_optional(st.integers(0, 130))),
        years_in_role=draw(_optional(st.floats(0, 80, allow_nan=False, allow_infinity=False))),
        education=draw(_optional(texts())),
        employment_context=draw(_optional(texts())),
        attributes=draw(
            st.dictionaries(
                texts(max_size=10),
                st.none()
                | st.booleans()
                | st.integers()
                | st.floats(allow_nan=False, allow_infinity=False)
                | texts(min_size=0),
                max_size=3,
            )
        ),
        notes=draw(_notes()),
        guid=draw(_optional(guids())),
    )


def _interview(
    draw: st.DrawFn,
    interview_id: str,
    *,
    group_ids: Sequence[str],
    participant_ids: Sequence[str],
    region_ids: Sequence[str],
) -> Interview:
    # Enum fields take members or their string values alike; draw both (or no format: unknown).
    interview_format = draw(st.sampled_from(list(InterviewFormat)))
    return Interview(
        id=interview_id,
        label=draw(texts()),
        format=draw(st.sampled_from([interview_format, interview_format.value, None])),
        mode=draw(_optional(st.sampled_from([*InterviewMode, *(m.value for m in InterviewMode)]))),
        approximate_duration_minutes=draw(_optional(st.integers(1, 600))),
        setting=draw(_optional(texts())),
        platform=draw(_optional(texts())),
        stakeholder_group=_one_or_none(draw, group_ids),
        participants=None if draw(st.booleans()) else _some(draw, participant_ids),
        facilitators=draw(
            st.lists(
                st.builds(
                    Facilitator,
                    role=st.sampled_from([*FacilitatorRole, *(r.value for r in FacilitatorRole)]),
                    researcher=_optional(texts()),
                ),
                max_size=2,
            )
        ),
        date=draw(_optional(partial_dates())),
        region=_one_or_none(draw, region_ids),
        notes=draw(_notes()),
        guid=draw(_optional(guids())),
    )


def _quote(
    draw: st.DrawFn,
    quote_id: str,
    *,
    sources: Sequence[Source],
    participant_ids: Sequence[str],
    interview_ids: Sequence[str],
    words_unknown: bool,
) -> Quote:
    source = _one_or_none(draw, sources)
    # None: the words are not available (a coded selection of a transcript not shared).
    text: str | None = draw(_optional(texts()) if words_unknown else texts())
    span = None
    if source is not None and source.text and draw(st.booleans()):
        # A span inside the source text, and the quote's text the part it covers.
        bounds = draw(
            st.lists(st.integers(0, len(source.text)), min_size=2, max_size=2, unique=True)
        )
        span = Span(min(bounds), max(bounds))
        text = span.slice(source.text)
    return Quote(
        id=quote_id,
        text=text,
        participant=_one_or_none(draw, participant_ids),
        interview=_one_or_none(draw, interview_ids),
        source=source.id if source is not None else None,
        span=span,
        label=draw(_optional(texts())),
        notes=draw(_notes()),
        guid=draw(_optional(guids())),
    )


def _codes(
    draw: st.DrawFn,
    code_ids: Sequence[str],
    *,
    candidate_ids: Sequence[str],
    subtheme_ids: Sequence[str],
    theme_ids: Sequence[str],
) -> list[Code]:
    codes = []
    for position, code_id in enumerate(code_ids):
        # A code may only nest under a code listed before it here, so nesting is acyclic;
        # the list is shuffled afterwards, so a parent may still follow its child.
        placements = ["none"]
        if position:
            placements.append("parent")
        if candidate_ids:
            placements.append("candidate_theme")
        if subtheme_ids:
            placements.append("subtheme")
        if theme_ids:
            placements.append("theme")
        placement = draw(st.sampled_from(placements))
        codes.append(
            Code(
                id=code_id,
                label=draw(texts()),
                description=draw(_optional(texts())),
                parent=draw(st.sampled_from(code_ids[:position]))
                if placement == "parent"
                else None,
                candidate_theme=(
                    draw(st.sampled_from(candidate_ids)) if placement == "candidate_theme" else None
                ),
                subtheme=(draw(st.sampled_from(subtheme_ids)) if placement == "subtheme" else None),
                theme=(draw(st.sampled_from(theme_ids)) if placement == "theme" else None),
                color=draw(_optional(st.from_regex(r"\A#[0-9a-f]{6}\Z"))),
                guid=draw(_optional(guids())),
            )
        )
    return draw(st.permutations(codes))


def _codings(
    draw: st.DrawFn,
    *,
    quote_ids: Sequence[str],
    targets: dict[str, Sequence[str]],
    coder_ids: Sequence[str],
    max_size: int,
) -> list[Coding]:
    """Codings of each level of the framework that the study has, by a coder or nobody known.

    ``targets`` maps each field of :data:`CODING_TARGETS` to the ids it may name.
    """
    fields = [name for name in CODING_TARGETS if targets[name]]
    if not quote_ids or not fields:
        return []
    codings = []
    for _ in range(draw(st.integers(0, max_size * 2))):
        field = draw(st.sampled_from(fields))
        codings.append(
            Coding(
                quote=draw(st.sampled_from(quote_ids)),
                **{field: draw(st.sampled_from(targets[field]))},
                coder=_one_or_none(draw, coder_ids),
                when=draw(_optional(timestamps())),
                guid=draw(_optional(guids())),
            )
        )
    return codings


def _memos(
    draw: st.DrawFn,
    memo_ids: Sequence[str],
    *,
    subjects: Sequence[str],
    coder_ids: Sequence[str],
) -> list[Memo]:
    """Memos by a coder (or nobody known) about some of ``subjects`` (empty: the study)."""
    return [
        Memo(
            id=memo_id,
            text=draw(texts(min_size=0)),
            label=draw(_optional(texts())),
            author=_one_or_none(draw, coder_ids),
            when=draw(_optional(timestamps())),
            about=draw(st.lists(st.sampled_from(subjects), max_size=3, unique=True))
            if subjects
            else [],
            guid=draw(_optional(guids())),
        )
        for memo_id in memo_ids
    ]


@st.composite
def studies(draw: st.DrawFn, *, max_size: int = 4, words_unknown: bool = True) -> Study:
    """Valid studies: every reference resolves, code nesting is acyclic, spans fit their text.

    Parameters
    ----------
    draw
        Supplied by Hypothesis.
    max_size
        Upper bound on the number of objects of each kind.
    words_unknown
        Whether a quote's text may be ``None`` (its words not available).
    """
    region_ids = _unique_ids(draw, max_size=max_size)
    groups = draw(_groups(max_size))
    group_ids = [g.id for g in groups]
    participant_ids = _unique_ids(draw, max_size=max_size) if group_ids else []
    interview_ids = _unique_ids(draw, max_size=max_size)
    source_ids = _unique_ids(draw, max_size=max_size)
    quote_ids = _unique_ids(draw, max_size=max_size)
    coder_ids = _unique_ids(draw, max_size=max_size)
    code_ids = _unique_ids(draw, max_size=max_size)
    candidate_ids = _unique_ids(draw, max_size=max_size)
    theme_ids = _unique_ids(draw, max_size=max_size)
    subtheme_ids = _unique_ids(draw, max_size=max_size) if theme_ids else []
    memo_ids = _unique_ids(draw, max_size=max_size)
    overarching_theme = draw(
        _optional(
            st.builds(
                OverarchingTheme,
                id=ids(),
                label=texts(),
                description=_optional(texts()),
                guid=_optional(guids()),
            )
        )
    )

    sources = [
        Source(
            id=source_id,
            label=draw(texts()),
            interview=_one_or_none(draw, interview_ids),
            text=draw(_optional(texts(min_size=0, max_size=80))),
            language=draw(_optional(st.sampled_from(["sv", "en", "sv-SE", "ar"]))),
            notes=draw(_notes()),
            guid=draw(_optional(guids())),
        )
        for source_id in source_ids
    ]
    quotes = [
        _quote(
            draw,
            quote_id,
            sources=sources,
            participant_ids=participant_ids,
            interview_ids=interview_ids,
            words_unknown=words_unknown,
        )
        for quote_id in quote_ids
    ]
    codings = _codings(
        draw,
        quote_ids=quote_ids,
        targets={
            "code": code_ids,
            "candidate_theme": candidate_ids,
            "subtheme": subtheme_ids,
            "theme": theme_ids,
        },
        coder_ids=coder_ids,
        max_size=max_size,
    )
    # What a memo may be about: objects of every kind, and the study itself.
    study_id = draw(ids())
    subjects = [
        format_ref(kind, object_id)
        for kind, kind_ids in [
            (Kind.REGION, region_ids),
            (Kind.GROUP, [g.id for g in groups]),
            (Kind.PARTICIPANT, participant_ids),
            (Kind.INTERVIEW, interview_ids),
            (Kind.SOURCE, source_ids),
            (Kind.QUOTE, quote_ids),
            (Kind.CODER, coder_ids),
            (Kind.CODE, code_ids),
            (Kind.CANDIDATE_THEME, candidate_ids),
            (Kind.SUBTHEME, subtheme_ids),
            (Kind.THEME, theme_ids),
            (Kind.OVERARCHING_THEME, [overarching_theme.id] if overarching_theme else []),
            (Kind.MEMO, memo_ids),
            (Kind.STUDY, [study_id]),
        ]
        for object_id in kind_ids
    ]
    return Study(
        id=study_id,
        title=draw(texts()),
        authors=draw(st.lists(texts(), max_size=3)),
        year=draw(_optional(st.integers(1900, 2200))),
        journal=draw(_optional(texts())),
        doi=draw(_optional(st.sampled_from(["10.1177/10497323251318857", "10.5555/åäö"]))),
        received=draw(_optional(partial_dates())),
        accepted=draw(_optional(partial_dates())),
        published=draw(_optional(partial_dates())),
        aim=draw(_optional(texts())),
        design=draw(
            _optional(
                st.builds(
                    Design,
                    approach=_optional(texts()),
                    analysis_method=_optional(texts()),
                    member_checking=_optional(st.booleans()),
                    notes=_notes(),
                )
            )
        ),
        data_collection=draw(_optional(periods())),
        regions=[
            Region(id=region_id, label=draw(texts()), description=draw(_optional(texts())))
            for region_id in region_ids
        ],
        groups=groups,
        participants=[_participant(draw, p, group_ids) for p in participant_ids],
        interviews=[
            _interview(
                draw,
                interview_id,
                group_ids=group_ids,
                participant_ids=participant_ids,
                region_ids=region_ids,
            )
            for interview_id in interview_ids
        ],
        sources=sources,
        quotes=quotes,
        coders=[
            Coder(
                id=coder_id,
                label=draw(texts()),
                role=draw(_optional(texts())),
                guid=draw(_optional(guids())),
            )
            for coder_id in coder_ids
        ],
        codes=_codes(
            draw,
            code_ids,
            candidate_ids=candidate_ids,
            subtheme_ids=subtheme_ids,
            theme_ids=theme_ids,
        ),
        codings=codings,
        candidate_themes=[
            CandidateTheme(
                id=candidate_id,
                label=draw(texts()),
                subtheme=_one_or_none(draw, subtheme_ids),
                description=draw(_optional(texts())),
                guid=draw(_optional(guids())),
            )
            for candidate_id in candidate_ids
        ],
        subthemes=[
            SubTheme(
                id=subtheme_id,
                label=draw(texts()),
                theme=draw(st.sampled_from(theme_ids)),
                description=draw(_optional(texts())),
                guid=draw(_optional(guids())),
            )
            for subtheme_id in subtheme_ids
        ],
        themes=[
            Theme(
                id=theme_id,
                label=draw(texts()),
                description=draw(_optional(texts())),
                guid=draw(_optional(guids())),
            )
            for theme_id in theme_ids
        ],
        overarching_theme=overarching_theme,
        attributions=(
            [
                GroupAttribution(
                    subtheme=draw(st.sampled_from(subtheme_ids)),
                    groups=_some(draw, group_ids, min_size=1),
                    evidence=draw(texts()),
                )
                for _ in range(draw(st.integers(0, 2)))
            ]
            if subtheme_ids and group_ids
            else []
        ),
        memos=_memos(draw, memo_ids, subjects=subjects, coder_ids=coder_ids),
        notes=draw(_notes()),
    )
