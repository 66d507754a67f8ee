"""Which sub-themes and themes of a study are those of the reference framework.

An element is the reference's when it has the reference's id (an import with
``reference=`` gives the reference's elements their ids) or, failing that, its
label, matched whatever the case and spacing (a framework typed in by hand).
Each element of either side is matched at most once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from peerlandscape._names import fold
from peerlandscape.models import SubTheme, Theme

__all__ = ["match"]


def match(
    ours: Sequence[SubTheme] | Sequence[Theme], theirs: Sequence[SubTheme] | Sequence[Theme]
) -> Mapping[str, str]:
    """Return, for each element of ``theirs`` (the reference) matched, the id of ours.

    Examples
    --------
    >>> from peerlandscape import Theme
    >>> match([Theme(id="t1", label="Scaling Up"), Theme(id="x", label="Other")],
    ...       [Theme(id="scaling", label="Scaling up"), Theme(id="x", label="X")])
    {'x': 'x', 'scaling': 't1'}
    """
    own = {element.id for element in ours}
    matched = {element.id: element.id for element in theirs if element.id in own}
    taken = set(matched.values())
    by_label: dict[str, str] = {}
    for element in ours:
        if element.id not in taken:
            by_label.setdefault(fold(element.label), element.id)
    for element in theirs:
        if element.id in matched:
            continue
        found = by_label.pop(fold(element.label), None)
        if found is not None:
            matched[element.id] = found
    return matched
