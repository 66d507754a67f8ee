"""peerlandscape: the thematic framework of peer support in Swedish mental health, as software.

Typed models of a qualitative study (stakeholder groups, participants,
interviews, quotes, codes, sub-themes and themes), the published study of
Engdahl et al. (2025) as a built-in dataset, JSON documents with a versioned
schema, and a flat view of quotes for tables and exports.

Examples
--------
>>> import peerlandscape as pl
>>> study = pl.datasets.engdahl2025()
>>> [theme.label for theme in study.themes]  # doctest: +NORMALIZE_WHITESPACE
['Scaling up peer support', 'Facilitating organizational structures for sustainability',
 'Evolving role of peer support', 'Charting a Course Through the Biomedical Paradigm']
"""

from importlib.metadata import PackageNotFoundError, version

from peerlandscape import datasets, graph, queries, validation
from peerlandscape._exceptions import (
    AnalysisValidationError,
    DocumentError,
    InvalidOptionError,
    MissingFileError,
    PeerLandscapeError,
    SchemaVersionError,
    StudyValidationError,
    UnknownIdError,
    UnknownRuleError,
    UnsafeFileError,
)
from peerlandscape._records import QUOTE_RECORD_KEYS, QuoteRecord, quote_records
from peerlandscape.graph import from_networkx, to_networkx
from peerlandscape.io import json_schema, read_json, study_from_dict, study_from_json, write_json
from peerlandscape.models import (
    SCHEMA_VERSION,
    CandidateTheme,
    Code,
    Coder,
    Coding,
    Design,
    Facilitator,
    FacilitatorRole,
    GroupAttribution,
    GroupDemographics,
    Interview,
    InterviewFormat,
    InterviewMode,
    NumericSummary,
    OverarchingTheme,
    Participant,
    Period,
    Quote,
    Region,
    Source,
    Span,
    StakeholderGroup,
    StakeholderGroupDefinition,
    Study,
    SubTheme,
    Theme,
)
from peerlandscape.validation import (
    Finding,
    Severity,
    ValidationOptions,
    ValidationReport,
    validate,
)

try:
    __version__ = version("peerlandscape")
except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "QUOTE_RECORD_KEYS",
    "SCHEMA_VERSION",
    "AnalysisValidationError",
    "CandidateTheme",
    "Code",
    "Coder",
    "Coding",
    "Design",
    "DocumentError",
    "Facilitator",
    "FacilitatorRole",
    "Finding",
    "GroupAttribution",
    "GroupDemographics",
    "Interview",
    "InterviewFormat",
    "InterviewMode",
    "InvalidOptionError",
    "MissingFileError",
    "NumericSummary",
    "OverarchingTheme",
    "Participant",
    "PeerLandscapeError",
    "Period",
    "Quote",
    "QuoteRecord",
    "Region",
    "SchemaVersionError",
    "Severity",
    "Source",
    "Span",
    "StakeholderGroup",
    "StakeholderGroupDefinition",
    "Study",
    "StudyValidationError",
    "SubTheme",
    "Theme",
    "UnknownIdError",
    "UnknownRuleError",
    "UnsafeFileError",
    "ValidationOptions",
    "ValidationReport",
    "__version__",
    "datasets",
    "from_networkx",
    "graph",
    "json_schema",
    "queries",
    "quote_records",
    "read_json",
    "study_from_dict",
    "study_from_json",
    "to_networkx",
    "validate",
    "validation",
    "write_json",
]
