"""Consistency rules: the study agrees with itself.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.validation import RULES, ValidationOptions
>>> study = pl.datasets.engdahl2025()
>>> [f.message for f in RULES["duplicate-label"](study, ValidationOptions())]
["region 'central-2' has the label 'A region in central Sweden', already used by region
 'central-1'"]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from peerlandscape.models import Quote, Study
from peerlandscape.validation._facts import fold
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RuleGroup, rule
from peerlandscape.validation._report import Finding, LocationKind, Severity, location

__all__ = [
    "declared_size_mismatch",
    "demographics_sum_mismatch",
    "duplicate_label",
    "duplicate_quote",
]

_OPENING_WORDS = 8
"""How many opening words bucket quotes before whole texts are compared (a speed-up only)."""

_COUNTED_DEMOGRAPHICS = ("sex", "education", "employment_context")
"""The fields of GroupDemographics that count people, and so must add up to the group's size."""


@rule(
    "declared-size-mismatch",
    group=RuleGroup.CONSISTENCY,
    severity=Severity.ERROR,
    summary="A group's declared size differs from the number of its participants.",
)
def declared_size_mismatch(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Flag groups whose declared size (their "n") differs from their participants.

    A study that lists no participants at all encodes aggregates only, and is
    not checked.
    """
    if not study.participants:
        return
    members = Counter(participant.group for participant in study.participants)
    for group in study.groups:
        if group.declared_size is not None and members[group.id] != group.declared_size:
            yield declared_size_mismatch.finding(
                location("group", group.id),
                f"group {group.id!r} declares {group.declared_size} participants "
                f"but the study lists {members[group.id]}",
                declared_size=group.declared_size,
                participants=members[group.id],
            )


@rule(
    "demographics-sum-mismatch",
    group=RuleGroup.CONSISTENCY,
    severity=Severity.WARNING,
    summary="A group's demographic counts do not add up to its declared size.",
)
def demographics_sum_mismatch(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about demographic counts (sex, education, ...) whose total is not the group's n."""
    for group in study.groups:
        if group.declared_size is None or group.demographics is None:
            continue
        for field in _COUNTED_DEMOGRAPHICS:
            counts: dict[str, int] | None = getattr(group.demographics, field)
            if counts is None:
                continue
            total = sum(counts.values())
            if total != group.declared_size:
                yield demographics_sum_mismatch.finding(
                    location("group", group.id),
                    f"group {group.id!r} declares {group.declared_size} participants "
                    f"but its {field} counts add up to {total}",
                    field=field,
                    total=total,
                    declared_size=group.declared_size,
                )


def _labelled(study: Study) -> Sequence[tuple[LocationKind, Sequence[Any]]]:
    return (
        ("group", study.groups),
        ("participant", study.participants),
        ("interview", study.interviews),
        ("region", study.regions),
        ("source", study.sources),
        ("quote", study.quotes),
        ("coder", study.coders),
        ("code", study.codes),
        ("candidate_theme", study.candidate_themes),
        ("subtheme", study.subthemes),
        ("theme", study.themes),
    )


@rule(
    "duplicate-label",
    group=RuleGroup.CONSISTENCY,
    severity=Severity.WARNING,
    summary="Two objects of the same kind share a label (ignoring case and whitespace).",
)
def duplicate_label(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about labels a reader cannot tell apart; the later object is reported."""
    for kind, objects in _labelled(study):
        first: dict[str, str] = {}
        for obj in objects:
            if obj.label is None:  # quotes have optional labels
                continue
            key = fold(obj.label).casefold()
            earlier = first.setdefault(key, obj.id)
            if earlier != obj.id:
                name = kind.replace("_", " ")
                yield duplicate_label.finding(
                    location(kind, obj.id),
                    f"{name} {obj.id!r} has the label {obj.label!r}, "
                    f"already used by {name} {earlier!r}",
                    label=obj.label,
                    first=earlier,
                )


@rule(
    "duplicate-quote",
    group=RuleGroup.CONSISTENCY,
    severity=Severity.WARNING,
    summary="Two quotes of the same participant have the same text.",
)
def duplicate_quote(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Warn about a quote entered twice (same speaker, same text ignoring case and whitespace).

    Two unattributed quotes with the same text count as the same speaker; the
    later quote is reported.
    """
    # Normalising every whole text costs five times more than reading a few opening words, and
    # duplicates are rare: bucket by speaker and opening words, and normalise whole texts only
    # when a bucket already holds a quote. Equal texts always share a bucket.
    openings: dict[tuple[str | None, str], Quote] = {}
    normalised: set[str] = set()  # bucket heads whose whole text is already in ``first``
    first: dict[tuple[str | None, str], str] = {}
    for quote in study.quotes:
        if quote.text is None:
            continue  # words not available: nothing to compare
        opening = " ".join(quote.text.split(None, _OPENING_WORDS)[:_OPENING_WORDS]).casefold()
        bucket = openings.setdefault((quote.participant, opening), quote)
        if bucket is quote:
            continue
        if bucket.id not in normalised:
            normalised.add(bucket.id)
            first.setdefault((bucket.participant, fold(bucket.text or "").casefold()), bucket.id)
        earlier = first.setdefault((quote.participant, fold(quote.text).casefold()), quote.id)
        if earlier != quote.id:
            speaker = repr(quote.participant) if quote.participant else "an unknown speaker"
            yield duplicate_quote.finding(
                location("quote", quote.id),
                f"quote {quote.id!r} repeats the text of quote {earlier!r}, both said by {speaker}",
                first=earlier,
                participant=quote.participant,
            )
