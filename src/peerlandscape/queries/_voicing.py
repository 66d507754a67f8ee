"""Which stakeholder groups voiced each sub-theme: in the quotes, and by the study's own word."""

from __future__ import annotations

import attrs

from peerlandscape.models import Study

__all__ = ["SubthemeVoicing", "voicing"]


@attrs.frozen
class SubthemeVoicing:
    """The groups behind one sub-theme, from two sources of evidence.

    Attributes
    ----------
    subtheme
        The sub-theme's id.
    from_quotes
        Groups of the participants whose quotes are linked to it.
    stated
        Groups the study's own statements (``Study.attributions``) name.
    evidence
        Those statements' sentences.
    """

    subtheme: str
    from_quotes: frozenset[str]
    stated: frozenset[str]
    evidence: tuple[str, ...]

    @property
    def only_in_quotes(self) -> frozenset[str]:
        """Groups heard in quotes that no statement names."""
        return self.from_quotes - self.stated

    @property
    def only_stated(self) -> frozenset[str]:
        """Groups a statement names but no quote comes from."""
        return self.stated - self.from_quotes

    @property
    def agree(self) -> bool:
        """Whether the quotes and the statements name the same groups."""
        return self.from_quotes == self.stated


def voicing(study: Study) -> list[SubthemeVoicing]:
    """Return, for each sub-theme in study order, the groups that voiced it.

    Quotes and statements often disagree without either being wrong: a
    results narrative says "all participants" but prints one quote. The
    disagreement is what this makes visible.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> by_id = {v.subtheme: v for v in voicing(pl.datasets.engdahl2025())}
    >>> sorted(by_id["implementing-a-robust-long-term-strategy"].stated)
    ['official']
    >>> sorted(by_id["mitigating-peer-drifting"].stated)
    ['peer_support_worker', 'user_organization']
    >>> sorted(by_id["mitigating-peer-drifting"].only_stated)
    ['user_organization']
    """
    heard = study.index.subtheme_groups
    stated: dict[str, set[str]] = {s.id: set() for s in study.subthemes}
    evidence: dict[str, list[str]] = {s.id: [] for s in study.subthemes}
    for attribution in study.attributions:
        stated[attribution.subtheme].update(attribution.groups)
        evidence[attribution.subtheme].append(attribution.evidence)
    return [
        SubthemeVoicing(
            subtheme=s.id,
            from_quotes=frozenset(heard[s.id]),
            stated=frozenset(stated[s.id]),
            evidence=tuple(evidence[s.id]),
        )
        for s in study.subthemes
    ]
