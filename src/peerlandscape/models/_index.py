"""Id look-up tables over a study, built once and shared by queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from peerlandscape.models._framework import CandidateTheme, Code, SubTheme, Theme
    from peerlandscape.models._groups import StakeholderGroupDefinition
    from peerlandscape.models._interviews import Interview
    from peerlandscape.models._participants import Participant
    from peerlandscape.models._quotes import Quote
    from peerlandscape.models._sources import Source
    from peerlandscape.models._study import Study

__all__ = ["StudyIndex"]


@attrs.frozen
class StudyIndex:
    """Mappings from id to object for each kind of a study."""

    groups: Mapping[str, StakeholderGroupDefinition]
    participants: Mapping[str, Participant]
    interviews: Mapping[str, Interview]
    sources: Mapping[str, Source]
    quotes: Mapping[str, Quote]
    codes: Mapping[str, Code]
    candidate_themes: Mapping[str, CandidateTheme]
    subthemes: Mapping[str, SubTheme]
    themes: Mapping[str, Theme]
    code_subtheme: Mapping[str, str | None]
    """Sub-theme each code reaches through parents and candidate themes (``None``: none)."""

    @classmethod
    def build(cls, study: Study) -> StudyIndex:
        """Index ``study`` (assumed to have passed its integrity check)."""
        codes = {c.id: c for c in study.codes}
        candidates = {c.id: c for c in study.candidate_themes}
        return cls(
            groups={g.id: g for g in study.groups},
            participants={p.id: p for p in study.participants},
            interviews={i.id: i for i in study.interviews},
            sources={s.id: s for s in study.sources},
            quotes={q.id: q for q in study.quotes},
            codes=codes,
            candidate_themes=candidates,
            subthemes={s.id: s for s in study.subthemes},
            themes={t.id: t for t in study.themes},
            code_subtheme=_resolve_code_subthemes(codes, candidates),
        )


def _resolve_code_subthemes(
    codes: Mapping[str, Code], candidates: Mapping[str, CandidateTheme]
) -> dict[str, str | None]:
    resolved: dict[str, str | None] = {}
    for code_id in codes:
        chain: list[str] = []
        current: str | None = code_id
        subtheme: str | None = None
        # Walk up the parent chain until a placed code or a code already resolved; the
        # integrity check guarantees the chain is finite.
        while current is not None:
            if current in resolved:
                subtheme = resolved[current]
                break
            chain.append(current)
            code = codes[current]
            if code.subtheme is not None:
                subtheme = code.subtheme
                break
            if code.candidate_theme is not None:
                subtheme = candidates[code.candidate_theme].subtheme
                break
            current = code.parent
        for link in chain:
            resolved[link] = subtheme
    return resolved
