"""Reporting checklists as data, and what a study answers of them.

Three guidelines, each a :class:`Guideline` of numbered items with a domain,
a short name and the question in peerlandscape's own words (the guidelines'
wording belongs to their authors and publishers; each item cites its source):

- :data:`COREQ`: 32 items for interviews and focus groups (Tong, Sainsbury
  & Craig 2007);
- :data:`SRQR`: 21 standards for qualitative research (O'Brien et al. 2014);
- :data:`BRAUN_CLARKE_2006`: 15 criteria for good thematic analysis (Braun
  & Clarke 2006, Table 2).

:func:`report` says, item by item, whether a study answers it by its data,
states it in words, leaves it missing, or leaves it to a reader of the
manuscript, and where in the study the answer sits.
"""

from peerlandscape import _public
from peerlandscape.checklists._braun_clarke import BRAUN_CLARKE_2006
from peerlandscape.checklists._coreq import COREQ
from peerlandscape.checklists._items import ChecklistItem, Guideline
from peerlandscape.checklists._report import (
    GUIDELINES,
    ChecklistReport,
    ItemAnswer,
    Status,
    report,
)
from peerlandscape.checklists._srqr import SRQR

__all__ = [
    "BRAUN_CLARKE_2006",
    "COREQ",
    "GUIDELINES",
    "SRQR",
    "ChecklistItem",
    "ChecklistReport",
    "Guideline",
    "ItemAnswer",
    "Status",
    "report",
]

_public.publish(__name__)
