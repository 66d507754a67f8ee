"""The ``<Set>``s a study is written with: the framework's levels, the containers, the interviews.

The schemas decide where Sets live and how a member is named: in a codebook
they follow ``<Codes>`` and a member is ``<MemberCode guid="...">``; in a
project they are in the project-level ``<Sets>`` and a member is
``<MemberCode targetGUID="...">`` or ``<MemberSource targetGUID="...">``.
Each Set's GUID is ``stable_guid("set", name)``, so an interview Set's own
GUID is never the interview's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from peerlandscape.refi._conventions import (
    CANDIDATE_THEMES_SET,
    INTERVIEW_SET_PREFIX,
    OVERARCHING_THEME_SET,
    QUOTE_CONTAINERS_SET,
    SUBTHEMES_SET,
    THEMES_SET,
)
from peerlandscape.refi._exporting._plan import ProjectPlan
from peerlandscape.refi._exporting._xml import XmlWriter
from peerlandscape.refi._guids import set_guid

__all__ = ["write_codebook_sets", "write_project_sets"]

_LEVEL_DESCRIPTIONS: Final = {
    OVERARCHING_THEME_SET: "The overarching theme of the framework (peerlandscape).",
    THEMES_SET: "The themes of the framework (peerlandscape).",
    SUBTHEMES_SET: "The sub-themes of the framework (peerlandscape).",
    CANDIDATE_THEMES_SET: "The candidate themes of the framework (peerlandscape).",
}
_CONTAINERS_DESCRIPTION: Final = (
    "Sources made by peerlandscape to hold quotes that had no source text, "
    "joined by blank lines (peerlandscape)."
)


def write_codebook_sets(xml: XmlWriter, level_sets: list[tuple[str, list[str]]]) -> None:
    """Write the level Sets of a codebook, when there is one."""
    if not level_sets:
        return
    xml.put("  <Sets>\n")
    for name, members in level_sets:
        # The codebook schema indents one level less and names the member attribute "guid".
        xml.put(f'    <Set guid="{set_guid(name)}" name="{xml.attribute(name, "set")}">\n')
        xml.description(_LEVEL_DESCRIPTIONS[name], "set", "      ")
        for member in members:
            xml.put(f'      <MemberCode guid="{member}"/>\n')
        xml.put("    </Set>\n")
    xml.put("  </Sets>\n")


def write_project_sets(plan: ProjectPlan, xml: XmlWriter) -> int:
    """Write the project's Sets; return how many were written."""
    level_sets = plan.framework.level_sets
    interviews = plan.study.interviews
    if not (level_sets or plan.containers or interviews):
        return 0
    xml.put("  <Sets>\n")
    for name, codes in level_sets:
        members = (("MemberCode", f'targetGUID="{code}"') for code in codes)
        _write_set(xml, name, _LEVEL_DESCRIPTIONS[name], members, where="set")
    if plan.containers:
        members = (("MemberSource", f'targetGUID="{source}"') for source in plan.containers)
        _write_set(xml, QUOTE_CONTAINERS_SET, _CONTAINERS_DESCRIPTION, members, where="set")
    for interview in interviews:
        # Written even when the interview has no source: its label, the Set's description,
        # keeps it (and the description keeps the Set from being empty).
        name = INTERVIEW_SET_PREFIX + plan.interview_guids[interview.id]
        sources = plan.interview_sources.get(interview.id, ())
        members = (("MemberSource", f'targetGUID="{source}"') for source in sources)
        _write_set(xml, name, interview.label, members, where=f"interview:{interview.id}")
    xml.put("  </Sets>\n")
    return len(level_sets) + bool(plan.containers) + len(interviews)


def _write_set(
    xml: XmlWriter,
    name: str,
    description: str | None,
    members: Iterable[tuple[str, str]],
    *,
    where: str,
) -> None:
    xml.put(f'    <Set guid="{set_guid(name)}" name="{xml.attribute(name, where)}">\n')
    xml.description(description, where, "      ")
    for element, markup in members:
        xml.put(f"      <{element} {markup}/>\n")
    xml.put("    </Set>\n")
