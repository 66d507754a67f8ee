"""A small study that validation finds nothing wrong with, and single faults to break it.

``clean_study_data()`` returns the study as a plain dictionary; each fault is a
function that changes that dictionary in one respect. Tests build the study
with :func:`build` after applying a fault.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peerlandscape.models import Study

Data = dict[str, Any]

# Quote texts by quote id; the transcripts are built from them so that every span is exact.
_QUOTES: dict[str, tuple[str, str, str]] = {
    # id: (speaker, interview, text)
    "q1": ("psw-1", "fg-1", "Peer support gives people hope."),
    "q2": ("off-1", "int-off-1", "We need peer workers in every team."),
    "q3": ("psw-2", "fg-1", "The salary does not reflect the work."),
    "q4": ("off-2", "int-off-2", "Budgets decide who we can hire."),
    "q5": ("psw-1", "fg-1", "Supervision keeps me grounded."),
    "q6": ("psw-2", "fg-1", "I worry about drifting into a staff role."),
    "q7": ("off-1", "int-off-1", "Peer workers must not become clinicians."),
}
_SOURCE_OF = {"fg-1": "t-fg-1", "int-off-1": "t-off-1", "int-off-2": "t-off-2"}
_PLACED = {"q1": ["s-a1"], "q2": ["s-a1"], "q4": ["s-b1"], "q5": ["s-b1"]}
_GAP = " Interviewer: Go on. "


def _sources_and_quotes() -> tuple[list[Data], list[Data]]:
    texts: dict[str, str] = {}
    quotes: list[Data] = []
    for quote_id, (speaker, interview, text) in _QUOTES.items():
        source = _SOURCE_OF[interview]
        before = texts.get(source, "Interviewer: Welcome.") + _GAP
        texts[source] = before + text
        quotes.append(
            {
                "id": quote_id,
                "text": text,
                "participant": speaker,
                "interview": interview,
                "source": source,
                "span": {"start": len(before), "end": len(before) + len(text)},
            }
        )
    sources = [
        {"id": source, "label": f"Transcript of {interview}", "interview": interview, "text": text}
        for interview, source in _SOURCE_OF.items()
        for text in [texts[source] + " Interviewer: Thank you."]
    ]
    return sources, quotes


def _placements() -> list[Data]:
    # The paper-style placements: sub-theme codings with no coder, in quote order.
    return [
        {"quote": quote_id, "subtheme": subtheme}
        for quote_id, subthemes in _PLACED.items()
        for subtheme in subthemes
    ]


def clean_study_data() -> Data:
    """Return a fresh copy of a small study that draws no finding at all.

    Two groups (peer support workers, officials) of two participants each, a
    focus group and two individual interviews with transcripts, seven quotes
    with exact spans, two themes of two sub-themes each, codes reaching
    their sub-themes directly, through a candidate theme, and through a
    parent code (applied by a coder), and quotes placed under sub-themes
    (sub-theme codings with no coder). Every sub-theme has quotes from two
    participants.
    """
    sources, quotes = _sources_and_quotes()
    return {
        "id": "clean",
        "title": "A clean study",
        "regions": [{"id": "north", "label": "North"}],
        "groups": [
            {
                "id": "psw",
                "label": "Peer support workers",
                "declared_size": 2,
                "demographics": {"sex": {"female": 1, "male": 1}},
            },
            {"id": "official", "label": "Officials", "declared_size": 2},
        ],
        "participants": [
            {"id": "psw-1", "label": "PSW 1", "group": "psw"},
            {"id": "psw-2", "label": "PSW 2", "group": "psw"},
            {"id": "off-1", "label": "Official 1", "group": "official"},
            {"id": "off-2", "label": "Official 2", "group": "official"},
        ],
        "interviews": [
            {
                "id": "fg-1",
                "label": "Focus group 1",
                "format": "focus_group",
                "stakeholder_group": "psw",
                "participants": ["psw-1", "psw-2"],
                "region": "north",
            },
            {
                "id": "int-off-1",
                "label": "Interview with official 1",
                "format": "individual",
                "stakeholder_group": "official",
                "participants": ["off-1"],
            },
            {
                "id": "int-off-2",
                "label": "Interview with official 2",
                "format": "individual",
                "stakeholder_group": "official",
                "participants": ["off-2"],
            },
        ],
        "sources": sources,
        "quotes": quotes,
        "coders": [{"id": "c1", "label": "First coder"}],
        "codes": [
            {"id": "k-salary", "label": "Salary", "subtheme": "s-a2"},
            {"id": "k-role", "label": "Role", "candidate_theme": "ct-role"},
            {"id": "k-drift", "label": "Drift", "parent": "k-role"},
        ],
        "codings": [
            {"quote": "q3", "code": "k-salary", "coder": "c1"},
            {"quote": "q4", "code": "k-salary", "coder": "c1"},
            {"quote": "q6", "code": "k-drift", "coder": "c1"},
            {"quote": "q7", "code": "k-drift", "coder": "c1"},
            *_placements(),
        ],
        "candidate_themes": [{"id": "ct-role", "label": "Keeping the role", "subtheme": "s-b2"}],
        "themes": [
            {"id": "t-a", "label": "Theme A"},
            {"id": "t-b", "label": "Theme B"},
        ],
        "subthemes": [
            {"id": "s-a1", "label": "Sub-theme A1", "theme": "t-a"},
            {"id": "s-a2", "label": "Sub-theme A2", "theme": "t-a"},
            {"id": "s-b1", "label": "Sub-theme B1", "theme": "t-b"},
            {"id": "s-b2", "label": "Sub-theme B2", "theme": "t-b"},
        ],
        "attributions": [
            {
                "subtheme": "s-b1",
                "groups": ["psw", "official"],
                "evidence": "Both groups spoke of it.",
            }
        ],
    }


def build(data: Data) -> Study:
    """Build the study (checking its integrity, as any reader does)."""
    return Study.model_validate(data)


def by_id(items: list[Data], object_id: str) -> Data:
    """Return the object of ``items`` with the id ``object_id``."""
    return next(item for item in items if item["id"] == object_id)


def place(data: Data, quote: str, subtheme: str) -> None:
    """Place ``quote`` under ``subtheme`` as a paper does: a sub-theme coding with no coder."""
    data["codings"].append({"quote": quote, "subtheme": subtheme})


def placements_of(data: Data, quote: str) -> list[Data]:
    """Return the codings that place ``quote`` under a sub-theme with no coder."""
    return [
        coding
        for coding in data["codings"]
        if coding["quote"] == quote and "subtheme" in coding and coding.get("coder") is None
    ]


Fault = Callable[[Data], None]
