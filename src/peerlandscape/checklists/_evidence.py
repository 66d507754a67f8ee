"""Where in a study a checklist item's answer can sit: its data, or a statement it makes.

Two kinds of evidence:

- a :class:`Record` is a fact the study's data hold (how many participants,
  how long each interview lasted, which quotes name their speaker), found
  by a probe that summarises it, or ``None`` when the data do not hold it;
- a :class:`Statement` is what the study says in words, in a field of its
  design (``design.sampling``) or of the study itself (``aim``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any

import attrs

from peerlandscape.models import InformationPower, Study

__all__ = ["RECORDS", "Evidence", "Record", "Statement"]


@attrs.frozen
class Statement:
    """A field that holds the study's own words: ``"design.sampling"``, ``"aim"``."""

    path: str

    @property
    def paths(self) -> tuple[str, ...]:
        """The one field that holds it."""
        return (self.path,)

    def find(self, study: Study) -> str | None:
        """Return the statement as text, or ``None`` when the study does not make it."""
        owner: Any = study
        for part in self.path.split("."):
            owner = getattr(owner, part) if owner is not None else None
        return _as_text(owner)


@attrs.frozen
class Record:
    """A fact of the study's data, summarised by a probe (``None``: the data do not hold it)."""

    paths: tuple[str, ...]
    """The fields the probe reads (``interviews[*].approximate_duration_minutes``)."""
    probe: Callable[[Study], str | None] = attrs.field(eq=False)

    def find(self, study: Study) -> str | None:
        """Return the summary of the fact, or ``None``."""
        return self.probe(study)


Evidence = Statement | Record


def _as_text(value: object) -> str | None:
    # A blank statement says nothing: it answers no item.
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, InformationPower):
        judged = "; ".join(
            f"{name}: {pole}"
            for name in InformationPower.DIMENSIONS
            if (pole := getattr(value, name)) is not None
        )
        return _as_text(value.statement) or judged or None
    if isinstance(value, tuple):
        return "; ".join(str(entry) for entry in value if str(entry).strip()) or None
    return None if value is None else str(value)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _tally(values: Iterable[StrEnum | None]) -> str | None:
    # "3 individual, 1 group": how often each value given occurs, in order of first appearance.
    counts = Counter(value.value for value in values if value is not None)
    return ", ".join(f"{count} {value}" for value, count in counts.items()) or None


# --- the probes: one fact of the data each ------------------------------------------------


def _participants(study: Study) -> str | None:
    if study.participants:
        return _plural(len(study.participants), "participant")
    sizes = [g.declared_size for g in study.groups if g.declared_size is not None]
    return f"{sum(sizes)} participants, as the groups declare" if sizes else None


def _named_facilitators(study: Study) -> str | None:
    named = {
        f.researcher for i in study.interviews for f in i.facilitators if f.researcher is not None
    }
    return f"named researchers: {', '.join(sorted(named))}" if named else None


def _settings(study: Study) -> str | None:
    described = sum(i.setting is not None for i in study.interviews)
    return f"setting described for {_plural(described, 'interview')}" if described else None


def _modes(study: Study) -> str | None:
    return _tally(i.mode for i in study.interviews)


def _demographics(study: Study) -> str | None:
    described = sum(g.demographics is not None for g in study.groups)
    return f"demographics of {_plural(described, 'group')}" if described else None


def _participant_attributes(study: Study) -> str | None:
    described = sum(
        any(
            value is not None
            for value in (p.sex, p.age, p.years_in_role, p.education, p.employment_context)
        )
        or bool(p.attributes)
        for p in study.participants
    )
    return f"attributes of {_plural(described, 'participant')}" if described else None


def _period(study: Study) -> str | None:
    period = study.data_collection
    return None if period is None else f"collected {period.start} to {period.end}"


def _repeat_interviews(study: Study) -> str | None:
    # Only interviews that list their participants can show who was interviewed twice; one
    # that does not (a focus group whose members are unknown) leaves the question open.
    if not study.interviews or any(i.participants is None for i in study.interviews):
        return None
    counts = Counter(p for i in study.interviews for p in i.participants or ())
    repeated = sum(count > 1 for count in counts.values())
    if not repeated:
        return "no participant took part in more than one interview"
    return f"{_plural(repeated, 'participant')} took part in more than one interview"


def _durations(study: Study) -> str | None:
    minutes = Counter(
        i.approximate_duration_minutes
        for i in study.interviews
        if i.approximate_duration_minutes is not None
    )
    if not minutes:
        return None
    return ", ".join(
        f"{_plural(count, 'interview')} of about {length} min"
        for length, count in sorted(minutes.items())
    )


def _coders(study: Study) -> str | None:
    coders = {c.id for c in study.coders} | {c.coder for c in study.codings if c.coder}
    return _plural(len(coders), "coder") if coders else None


def _coding_tree(study: Study) -> str | None:
    levels = [
        (len(study.codes), "code"),
        (len(study.candidate_themes), "candidate theme"),
        (len(study.subthemes), "sub-theme"),
        (len(study.themes), "theme"),
    ]
    present = [_plural(count, noun) for count, noun in levels if count]
    return ", ".join(present) if len(present) > 1 else None


def _attributed_quotes(study: Study) -> str | None:
    quotes = [q for q in study.quotes if q.text is not None]
    if not quotes:
        return None
    attributed = sum(q.participant is not None for q in quotes)
    return f"{attributed} of {_plural(len(quotes), 'quote')} identified by participant"


def _subthemes_with_quotes(study: Study) -> str | None:
    if not study.subthemes:
        return None
    reached = study.index.quotes_reaching("subtheme")
    supported = sum(bool(reached[s.id]) for s in study.subthemes)
    if not supported:
        return None
    return f"{supported} of {_plural(len(study.subthemes), 'sub-theme')} carry quotes"


def _themes(study: Study) -> str | None:
    if not study.themes:
        return None
    described = sum(t.description is not None for t in study.themes)
    return f"{_plural(len(study.themes), 'theme')}, {described} described"


def _subthemes(study: Study) -> str | None:
    if not study.subthemes:
        return None
    described = sum(s.description is not None for s in study.subthemes)
    return f"{_plural(len(study.subthemes), 'sub-theme')}, {described} described"


def _findings(study: Study) -> str | None:
    parts = []
    if study.overarching_theme is not None:
        parts.append("an overarching theme")
    if study.themes:
        parts.append(_plural(len(study.themes), "theme"))
    if study.subthemes:
        parts.append(_plural(len(study.subthemes), "sub-theme"))
    return ", ".join(parts) or None


def _regions(study: Study) -> str | None:
    return _plural(len(study.regions), "region") if study.regions else None


def _formats(study: Study) -> str | None:
    return _tally(i.format for i in study.interviews)


def _transcripts(study: Study) -> str | None:
    held = sum(s.text is not None for s in study.sources)
    return f"{_plural(held, 'transcript')} held" if held else None


RECORDS: Mapping[str, Record] = {
    "participants": Record(("participants",), _participants),
    "facilitators": Record(("interviews[*].facilitators[*].researcher",), _named_facilitators),
    "settings": Record(("interviews[*].setting",), _settings),
    "modes": Record(("interviews[*].mode",), _modes),
    "demographics": Record(("groups[*].demographics",), _demographics),
    "participant_attributes": Record(("participants[*]",), _participant_attributes),
    "period": Record(("data_collection",), _period),
    "repeat_interviews": Record(("interviews[*].participants",), _repeat_interviews),
    "durations": Record(("interviews[*].approximate_duration_minutes",), _durations),
    "coders": Record(("coders", "codings[*].coder"), _coders),
    "coding_tree": Record(("codes", "candidate_themes", "subthemes", "themes"), _coding_tree),
    "attributed_quotes": Record(("quotes[*].participant",), _attributed_quotes),
    "supported_subthemes": Record(("codings",), _subthemes_with_quotes),
    "themes": Record(("themes",), _themes),
    "subthemes": Record(("subthemes",), _subthemes),
    "findings": Record(("overarching_theme", "themes", "subthemes"), _findings),
    "regions": Record(("regions",), _regions),
    "formats": Record(("interviews[*].format",), _formats),
    "transcripts": Record(("sources[*].text",), _transcripts),
}
"""Every fact of the data a checklist can use, by name."""
