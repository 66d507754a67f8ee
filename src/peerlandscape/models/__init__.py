"""Typed models of a qualitative study and its thematic framework.

The models know nothing of files: reading and writing live in
:mod:`peerlandscape.readwrite`. All are pydantic models (strict, frozen, closed to
unknown fields) except the small values :class:`Span`,
:class:`NumericSummary` and :class:`Period`, which are attrs classes.
"""

from peerlandscape import _public
from peerlandscape.models._design import Design, InformationPower
from peerlandscape.models._framework import (
    CODING_TARGETS,
    CandidateTheme,
    Code,
    Coder,
    Coding,
    GroupAttribution,
    OverarchingTheme,
    SubTheme,
    Theme,
)
from peerlandscape.models._groups import (
    GroupDemographics,
    StakeholderGroup,
    StakeholderGroupDefinition,
)
from peerlandscape.models._index import FrameworkPath, StudyIndex
from peerlandscape.models._integrity import INTEGRITY_ERROR_TYPES
from peerlandscape.models._interviews import (
    Facilitator,
    FacilitatorRole,
    Interview,
    InterviewFormat,
    InterviewMode,
)
from peerlandscape.models._memos import Memo
from peerlandscape.models._participants import Participant
from peerlandscape.models._quotes import Quote
from peerlandscape.models._refs import Kind, Relation, format_ref, parse_ref
from peerlandscape.models._sources import Source
from peerlandscape.models._study import SCHEMA_VERSION, Region, Study
from peerlandscape.models._values import NumericSummary, Period, Span

__all__ = [
    "CODING_TARGETS",
    "INTEGRITY_ERROR_TYPES",
    "SCHEMA_VERSION",
    "CandidateTheme",
    "Code",
    "Coder",
    "Coding",
    "Design",
    "Facilitator",
    "FacilitatorRole",
    "FrameworkPath",
    "GroupAttribution",
    "GroupDemographics",
    "InformationPower",
    "Interview",
    "InterviewFormat",
    "InterviewMode",
    "Kind",
    "Memo",
    "NumericSummary",
    "OverarchingTheme",
    "Participant",
    "Period",
    "Quote",
    "Region",
    "Relation",
    "Source",
    "Span",
    "StakeholderGroup",
    "StakeholderGroupDefinition",
    "Study",
    "StudyIndex",
    "SubTheme",
    "Theme",
    "format_ref",
    "parse_ref",
]

_public.publish(__name__)
