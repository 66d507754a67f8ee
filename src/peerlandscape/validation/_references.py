"""Reference rules: quotes agree with the source texts and interviews they point to.

Integrity (checked when the study is built) guarantees that every reference
resolves; these rules check that what the references say is true.

Examples
--------
>>> from peerlandscape.models import Study
>>> from peerlandscape.validation import RULES, ValidationOptions
>>> study = Study.model_validate({
...     "id": "s", "title": "A study",
...     "sources": [{"id": "t-1", "label": "Transcript 1", "text": "We must be invited in."}],
...     "quotes": [{"id": "q-1", "text": "We must be asked in.", "source": "t-1",
...                 "span": {"start": 0, "end": 22}}],
... })
>>> [f.message for f in RULES["quote-text-mismatch"](study, ValidationOptions())]
["quote 'q-1' does not match source 't-1' at [0, 22), which reads 'We must be invited in.'"]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from peerlandscape.models import Quote, Span, Study
from peerlandscape.validation._facts import fold
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import Rule, RuleGroup, rule
from peerlandscape.validation._report import Finding, Severity, location

__all__ = [
    "quote_interview_differs_from_source",
    "quote_text_mismatch",
    "source_without_text",
    "span_outside_source",
]


class _Cut(NamedTuple):
    """A quote that gives its text and where it is cut from a source that has a text."""

    quote: Quote
    said: str
    """The quote's own text."""
    span: Span
    source: str
    text: str
    """The source's text."""


def _cuts(study: Study) -> Iterator[_Cut]:
    sources = study.index.sources
    for quote in study.quotes:
        if quote.span is None or quote.source is None or quote.text is None:
            continue
        text = sources[quote.source].text
        if text is not None:
            yield _Cut(quote, quote.text, quote.span, quote.source, text)


def _at_quote(check: Rule, quote: Quote, message: str, **details: Any) -> Finding:
    # Every rule here judges a quote against the source it points to: the finding is located at
    # the quote and names that source first among its details.
    return check.finding(location("quote", quote.id), message, source=quote.source, **details)


@rule(
    "span-outside-source",
    group=RuleGroup.REFERENCES,
    severity=Severity.ERROR,
    summary="A quote's span ends past the end of its source text.",
)
def span_outside_source(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Flag quotes whose span cannot lie in their source (only when the text is present)."""
    for cut in _cuts(study):
        if cut.span.end > len(cut.text):
            yield _at_quote(
                span_outside_source,
                cut.quote,
                f"quote {cut.quote.id!r} ends at {cut.span.end}, past the end of source "
                f"{cut.source!r} ({len(cut.text)} characters)",
                end=cut.span.end,
                length=len(cut.text),
            )


@rule(
    "quote-text-mismatch",
    group=RuleGroup.REFERENCES,
    severity=Severity.ERROR,
    summary="A quote's text differs from its source text at its span.",
)
def quote_text_mismatch(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Flag quotes that do not say what their source says where their span points.

    Spans past the end of the text are left to ``span-outside-source``.
    """
    folded = options.fold_whitespace_in_quote_match
    for cut in _cuts(study):
        if cut.span.end > len(cut.text):
            continue
        found = cut.span.slice(cut.text)
        same = fold(found) == fold(cut.said) if folded else found == cut.said
        if not same:
            yield _at_quote(
                quote_text_mismatch,
                cut.quote,
                f"quote {cut.quote.id!r} does not match source {cut.source!r} at "
                f"[{cut.span.start}, {cut.span.end}), which reads {found!r}",
                start=cut.span.start,
                end=cut.span.end,
                found=found,
            )


@rule(
    "source-without-text",
    group=RuleGroup.REFERENCES,
    severity=Severity.INFO,
    summary="A source has no text, so the spans of its quotes cannot be checked.",
)
def source_without_text(study: Study, options: ValidationOptions) -> Iterator[Finding]:
    """Note sources whose text is absent (transcripts that were not shared)."""
    for source in study.sources:
        if source.text is None:
            yield source_without_text.finding(
                location("source", source.id),
                f"source {source.id!r} has no text; its quotes cannot be checked against it",
            )


@rule(
    "quote-interview-differs-from-source",
    group=RuleGroup.REFERENCES,
    severity=Severity.ERROR,
    summary="A quote names one interview but is cut from the transcript of another.",
)
def quote_interview_differs_from_source(
    study: Study, options: ValidationOptions
) -> Iterator[Finding]:
    """Flag quotes whose interview and whose source's interview disagree."""
    sources = study.index.sources
    for quote in study.quotes:
        if quote.interview is None or quote.source is None:
            continue
        transcript_of = sources[quote.source].interview
        if transcript_of is not None and transcript_of != quote.interview:
            yield _at_quote(
                quote_interview_differs_from_source,
                quote,
                f"quote {quote.id!r} names interview {quote.interview!r}, but its source "
                f"{quote.source!r} is the transcript of interview {transcript_of!r}",
                interview=quote.interview,
                source_interview=transcript_of,
            )
