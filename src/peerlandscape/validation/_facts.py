"""What rules need to know about a study: the study's own derived index, and text folding.

Rules stay callable on their own (``RULES[code](study, options)``); the facts
they share (which quotes reach each sub-theme, who said what) come from
:attr:`Study.index <peerlandscape.Study.index>`, which is computed once per
study, so that 400,000 codings are walked once, not once per rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from peerlandscape.models import Study, StudyIndex

__all__ = ["facts", "fold"]


def fold(text: str) -> str:
    r"""Collapse each run of whitespace to one space and strip the ends.

    Examples
    --------
    >>> fold("  We must be\n  invited in. ")
    'We must be invited in.'
    """
    return " ".join(text.split())


def facts(study: Study) -> StudyIndex:
    """Return the derived facts of ``study`` (its index, built once per study)."""
    return study.index
