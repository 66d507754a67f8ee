"""Synthetic coded studies of any size, for tests: invented labels, deterministic from a seed.

A synthetic study has the shape of a coded interview study: the three
built-in stakeholder groups, participants taking part in interviews, quotes
from those participants, a framework of themes, sub-themes and codes, and
codings by each coder of every quote. Coders agree on most quotes and
differ on some, so agreement statistics have something to measure. Every
label is invented ("Participant 7", "Code 2.1.1"), every text made of
common words: nothing in it is, or could be, a real person's.
"""

from __future__ import annotations

import random
from typing import Any

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.models import Study

__all__ = ["synthetic_study"]

THEMES = 3
"""Themes of a synthetic framework."""
SUBTHEMES_PER_THEME = 2
"""Sub-themes under each theme."""
CODES_PER_SUBTHEME = 3
"""Codes under each sub-theme."""
AGREEMENT = 0.8
"""Chance that a coder applies to a quote the code the first coder applied."""
CODINGS_PER_INTERVIEW = 20
"""Codings per interview when the number of interviews is left to the factory."""

_GROUPS = (
    ("peer_support_worker", "Peer support workers"),
    ("official", "County council and municipality officials"),
    ("user_organization", "Representatives from user organizations"),
)
_WORDS = [
    "support",
    "recovery",
    "peer",
    "team",
    "role",
    "meeting",
    "service",
    "ward",
    "staff",
    "manager",
    "budget",
    "salary",
    "training",
    "supervision",
    "network",
    "trust",
    "hope",
    "experience",
    "choice",
    "voice",
    "plan",
    "need",
    "time",
    "colleague",
    "shift",
    "routine",
    "idea",
    "change",
    "future",
    "clinic",
    "organization",
    "policy",
    "skill",
]


def synthetic_study(
    *,
    codings: int = 200,
    coders: int = 2,
    interviews: int | None = None,
    seed: int = 0,
    study_id: str = "synthetic",
) -> Study:
    """Return a valid synthetic coded study with exactly ``codings`` codings.

    The same arguments always give the same study. Each quote is coded by
    every coder with one code each; the first coder's choice is followed by
    the others with probability 0.8, so coders disagree on about one quote
    in five per pair. The framework has 3 themes, 2 sub-themes each and 3
    codes under each sub-theme; participants come from the three built-in
    stakeholder groups, one to three per interview.

    Parameters
    ----------
    codings
        How many codings the study holds (``>= 0``); the last quote may be
        coded by fewer coders so that the total is exact.
    coders
        How many coders (``>= 1``).
    interviews
        How many interviews (``>= 1``); by default one per 20 codings.
    seed
        The seed every choice is drawn from.
    study_id
        The study's id.

    Raises
    ------
    InvalidOptionError
        For a negative number of codings, no coder, or no interview.

    Examples
    --------
    >>> from peerlandscape.testing import synthetic_study
    >>> study = synthetic_study(codings=40, coders=2, seed=1)
    >>> len(study.codings), len(study.coders), len(study.interviews), len(study.quotes)
    (40, 2, 2, 20)
    >>> study.validate().valid
    True
    >>> synthetic_study(codings=40, seed=1) == study
    True
    """
    _check(codings >= 0, f"codings must be a whole number >= 0, not {codings!r}")
    _check(coders >= 1, f"coders must be a whole number >= 1, not {coders!r}")
    if interviews is None:
        interviews = max(1, codings // CODINGS_PER_INTERVIEW)
    _check(interviews >= 1, f"interviews must be a whole number >= 1, not {interviews!r}")
    rng = random.Random(seed)
    document: dict[str, Any] = {
        "id": study_id,
        "title": f"A synthetic study of {codings} codings",
        "authors": ["A. Author"],
        "groups": [{"id": group, "label": label} for group, label in _GROUPS],
        "coders": [
            {"id": f"coder-{c}", "label": f"Coder {chr(ord('A') + c % 26)}{c // 26 or ''}"}
            for c in range(1, coders + 1)
        ],
    }
    document.update(_framework())
    document.update(_people(rng, interviews))
    document.update(_quotes(rng, document, codings, coders))
    return Study.model_validate(document)


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise InvalidOptionError(message)


def _framework() -> dict[str, Any]:
    themes: list[dict[str, str]] = []
    subthemes: list[dict[str, str]] = []
    codes: list[dict[str, str]] = []
    for t in range(1, THEMES + 1):
        themes.append({"id": f"theme-{t}", "label": f"Theme {t}"})
        for s in range(1, SUBTHEMES_PER_THEME + 1):
            subtheme = f"subtheme-{t}-{s}"
            subthemes.append({"id": subtheme, "label": f"Sub-theme {t}.{s}", "theme": f"theme-{t}"})
            codes.extend(
                {"id": f"code-{t}-{s}-{c}", "label": f"Code {t}.{s}.{c}", "subtheme": subtheme}
                for c in range(1, CODES_PER_SUBTHEME + 1)
            )
    return {"themes": themes, "subthemes": subthemes, "codes": codes}


def _people(rng: random.Random, interviews: int) -> dict[str, Any]:
    participants: list[dict[str, Any]] = []
    held: list[dict[str, Any]] = []
    for i in range(1, interviews + 1):
        group = _GROUPS[(i - 1) % len(_GROUPS)][0]
        present = []
        for _ in range(rng.randint(1, 3)):
            number = len(participants) + 1
            participants.append(
                {"id": f"participant-{number}", "label": f"Participant {number}", "group": group}
            )
            present.append(f"participant-{number}")
        held.append(
            {
                "id": f"interview-{i}",
                "label": f"Interview {i}",
                "format": "focus_group" if len(present) > 1 else "individual",
                "stakeholder_group": group,
                "participants": present,
            }
        )
    return {"participants": participants, "interviews": held}


def _quotes(
    rng: random.Random, document: dict[str, Any], codings: int, coders: int
) -> dict[str, Any]:
    codes = [code["id"] for code in document["codes"]]
    interviews = document["interviews"]
    quotes: list[dict[str, Any]] = []
    applied: list[dict[str, Any]] = []
    while len(applied) < codings:
        number = len(quotes) + 1
        interview = interviews[(number - 1) % len(interviews)]
        quote = f"quote-{number}"
        quotes.append(
            {
                "id": quote,
                "text": " ".join(rng.choices(_WORDS, k=rng.randint(8, 24))).capitalize() + ".",
                "participant": rng.choice(interview["participants"]),
                "interview": interview["id"],
            }
        )
        first = rng.choice(codes)
        for c in range(1, min(coders, codings - len(applied)) + 1):
            code = first if c == 1 or rng.random() < AGREEMENT else rng.choice(codes)
            applied.append({"quote": quote, "code": code, "coder": f"coder-{c}"})
    return {"quotes": quotes, "codings": applied}
