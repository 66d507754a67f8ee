"""Attribution rules: who said what, in which interview, for which sub-theme.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.validation import RULES, ValidationOptions
>>> study = pl.datasets.engdahl2025()
>>> [f.message for f in RULES["attribution-group-without-quote"](study, ValidationOptions())][0]
"sub-theme 'fostering-continuous-professional-development' is said to be voiced by
 'official', 'peer_support_worker', but none of its quotes comes from them"
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from peerlandscape.models import Study
from peerlandscape.validation._facts import facts
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RuleGroup, rule
from peerlandscape.validation._report import Finding, Severity, counted, location

__all__ = [
    "attribution_group_without_quote",
    "interview_without_participants",
    "participant_without_quotes",
    "speaker_not_in_interview",
    "speaker_outside_interview_group",
    "subtheme_few_participants",
]


@rule(
    "speaker-not-in-interview",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.ERROR,
    summary="A quote's speaker is not among the participants of its interview.",
)
def speaker_not_in_interview(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Flag quotes said by someone who did not take part in the interview they come from.

    Only decidable when the interview lists its participants.
    """
    interviews = study.index.interviews
    # Interview member lists become sets once each, on first use, to keep the pass linear.
    members: dict[str, frozenset[str]] = {}
    for quote in study.quotes:
        if quote.participant is None or quote.interview is None:
            continue
        taking_part = members.get(quote.interview)
        if taking_part is None:
            listed = interviews[quote.interview].participants
            if listed is None:
                continue
            taking_part = members[quote.interview] = frozenset(listed)
        if quote.participant not in taking_part:
            yield speaker_not_in_interview.finding(
                location("quote", quote.id),
                f"quote {quote.id!r} is said by {quote.participant!r}, who is not among "
                f"the participants of interview {quote.interview!r}",
                participant=quote.participant,
                interview=quote.interview,
            )


@rule(
    "speaker-outside-interview-group",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.ERROR,
    summary="A quote's speaker belongs to another stakeholder group than its interview's.",
)
def speaker_outside_interview_group(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Flag quotes whose speaker's group differs from the group the interview was held with."""
    known = facts(study)
    of_participant, of_interview = known.participant_groups, known.interview_groups
    for quote in study.quotes:
        if quote.participant is None or quote.interview is None:
            continue
        held_with = of_interview[quote.interview]
        group = of_participant[quote.participant]
        if held_with is not None and group != held_with:
            yield speaker_outside_interview_group.finding(
                location("quote", quote.id),
                f"quote {quote.id!r} is said by {quote.participant!r} of group {group!r}, "
                f"but interview {quote.interview!r} was held with group {held_with!r}",
                participant=quote.participant,
                group=group,
                interview=quote.interview,
                interview_group=held_with,
            )


@rule(
    "subtheme-few-participants",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.WARNING,
    summary="A sub-theme rests on fewer distinct known participants than the threshold.",
)
def subtheme_few_participants(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about sub-themes whose quotes come from too few people.

    Sub-themes with no data at all are left to ``subtheme-without-data``.
    """
    minimum = options.min_participants_per_subtheme
    known = facts(study)
    for subtheme in study.subthemes:
        if not known.subtheme_quotes[subtheme.id]:
            continue
        speakers = known.subtheme_participants[subtheme.id]
        if len(speakers) < minimum:
            yield subtheme_few_participants.finding(
                location("subtheme", subtheme.id),
                f"sub-theme {subtheme.id!r} rests on "
                f"{counted(len(speakers), 'known participant')} "
                f"({', '.join(repr(p) for p in sorted(speakers)) or 'none'}); "
                f"at least {minimum} are expected",
                participants=tuple(sorted(speakers)),
                minimum=minimum,
            )


@rule(
    "attribution-group-without-quote",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.INFO,
    summary="A sub-theme is said to be voiced by a group none of its quotes comes from.",
)
def attribution_group_without_quote(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Note the study's statements of who voiced a sub-theme that its quotes do not show.

    One finding per sub-theme, naming every group its statements claim and its
    quotes lack. Information rather than a warning: a statement describes the
    whole data set, and a study usually carries only a selection of it.
    """
    if not study.attributions:
        return
    claimed: dict[str, set[str]] = defaultdict(set)
    for attribution in study.attributions:
        claimed[attribution.subtheme].update(attribution.groups)
    heard = facts(study).subtheme_groups
    for subtheme, groups in claimed.items():
        missing = sorted(groups - heard[subtheme])
        if missing:
            yield attribution_group_without_quote.finding(
                location("subtheme", subtheme),
                f"sub-theme {subtheme!r} is said to be voiced by "
                f"{', '.join(repr(g) for g in missing)}, but none of its quotes comes from them",
                groups=tuple(missing),
            )


@rule(
    "participant-without-quotes",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.INFO,
    summary="A participant is the speaker of no quote.",
)
def participant_without_quotes(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Note participants who are never quoted."""
    quoted = {quote.participant for quote in study.quotes}
    for participant in study.participants:
        if participant.id not in quoted:
            yield participant_without_quotes.finding(
                location("participant", participant.id),
                f"participant {participant.id!r} ({participant.label!r}) is quoted nowhere",
            )


@rule(
    "interview-without-participants",
    group=RuleGroup.ATTRIBUTION,
    severity=Severity.INFO,
    summary="An interview does not say who took part.",
)
def interview_without_participants(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Note interviews whose participants are unknown, so their speakers go unchecked."""
    for interview in study.interviews:
        if interview.participants is None:
            yield interview_without_participants.finding(
                location("interview", interview.id),
                f"interview {interview.id!r} does not say who took part; "
                "the speakers of its quotes cannot be checked against it",
            )
