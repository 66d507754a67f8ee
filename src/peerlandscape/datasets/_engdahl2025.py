"""Engdahl et al. (2025): stakeholders' perspectives on peer support in Swedish mental health."""

from __future__ import annotations

from importlib import resources

from peerlandscape.models import Study
from peerlandscape.readwrite._json import parse_json

__all__ = ["engdahl2025"]

_RESOURCE = "engdahl2025.json"


def engdahl2025() -> Study:
    """Return the study of Engdahl et al. (2025) as a :class:`~peerlandscape.models.Study`.

    Engdahl, Bejerholm, Markström, Gustafsson, Rosenberg & Argentzell (2025),
    "Stakeholders' Perspectives on the Landscape of Peer Support in Swedish
    Mental Health Services: A Qualitative Study". The dataset carries what the
    paper states and nothing more: the overarching theme, 4 themes and 12
    sub-themes of its Table 3; the 30 participants (17 peer support workers,
    8 county council and municipality officials, 5 user-organization
    representatives) under the paper's labels; 4 focus groups and 13
    individual interviews; Table 2's aggregate demographics; every quote of
    the Results section, verbatim, under its sub-theme; Table 1's worked
    example with its codes and identified themes; and the paper's own
    statements of which groups voiced each sub-theme. What the paper does not
    say (who sat in which focus group, individual ages, the journal) is
    ``None``.

    Returns
    -------
    Study
        A fresh, validated study each call.

    Examples
    --------
    >>> from peerlandscape.datasets import engdahl2025
    >>> study = engdahl2025()
    >>> len(study.themes), len(study.subthemes), len(study.participants)
    (4, 12, 30)
    >>> study.overarching_theme.label
    'Crafting a recipe for progressing the current peer support landscape ...'
    """
    raw = resources.files(__package__).joinpath(_RESOURCE).read_bytes()
    return parse_json(raw, where=f"peerlandscape.datasets/{_RESOURCE}")
