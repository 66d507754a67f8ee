"""A small project coded by two coders, with invented words, for the study-level tests.

Six segments of one transcript; three codes. What each coder applied is in
``CODINGS``, and the tests count the figures by hand from it.
"""

from __future__ import annotations

import peerlandscape as pl

TEXT = (
    "Interviewer: How did the group start? Participant: We hoped it would last. "
    "Then the money ran out. The peer worker drifted into staff tasks. "
    "Nobody asked us. It cost us the evening group. We drifted apart after that."
)

SEGMENTS = {
    "q1": "We hoped it would last.",
    "q2": "Then the money ran out.",
    "q3": "The peer worker drifted into staff tasks.",
    "q4": "Nobody asked us.",
    "q5": "It cost us the evening group.",
    "q6": "We drifted apart after that.",
}

CODINGS = [
    # (segment, code, coder)
    ("q1", "hope", "coder-a"),
    ("q1", "hope", "coder-b"),
    ("q2", "hope", "coder-a"),
    ("q2", "cost", "coder-a"),
    ("q2", "cost", "coder-b"),
    ("q3", "cost", "coder-a"),
    ("q3", "cost", "coder-b"),
    ("q3", "drift", "coder-b"),
    ("q4", "drift", "coder-a"),
    ("q4", "drift", "coder-b"),
    ("q5", "hope", "coder-b"),  # coder A applied nothing to q5
    ("q6", "cost", "coder-a"),
    ("q6", "drift", "coder-b"),
]


def span_of(words: str) -> pl.Span:
    start = TEXT.index(words)
    return pl.Span(start, start + len(words))


def two_coder_study(design: pl.Design | None = None) -> pl.Study:
    """The project as a study: two coders, six quotes of one transcript, three codes."""
    return pl.Study(
        id="two-coders",
        title="A project coded by two coders",
        design=design,
        coders=[pl.Coder(id="coder-a", label="Coder A"), pl.Coder(id="coder-b", label="Coder B")],
        sources=[pl.Source(id="t1", label="Transcript 1", text=TEXT)],
        quotes=[
            pl.Quote(id=quote, text=words, source="t1", span=span_of(words))
            for quote, words in SEGMENTS.items()
        ],
        codes=[
            pl.Code(id="hope", label="Hope"),
            pl.Code(id="cost", label="Cost"),
            pl.Code(id="drift", label="Drift"),
        ],
        codings=[pl.Coding(quote=quote, code=code, coder=coder) for quote, code, coder in CODINGS],
    )
