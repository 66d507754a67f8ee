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

import typing as _typing
from importlib import metadata as _metadata

from peerlandscape import _public, datasets, queries, validation
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
from peerlandscape.io import json_schema, read_json, study_from_dict, study_from_json, write_json
from peerlandscape.models import (
    CODING_TARGETS,
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
    Kind,
    Memo,
    NumericSummary,
    OverarchingTheme,
    Participant,
    Period,
    Quote,
    Region,
    Relation,
    Source,
    Span,
    StakeholderGroup,
    StakeholderGroupDefinition,
    Study,
    SubTheme,
    Theme,
    format_ref,
    parse_ref,
)
from peerlandscape.validation import (
    Finding,
    Severity,
    ValidationOptions,
    ValidationReport,
    validate,
)

if _typing.TYPE_CHECKING:
    # What type checkers and IDEs see of the names loaded when first used (below).
    from peerlandscape import graph
    from peerlandscape.graph import from_networkx, to_networkx

try:
    __version__ = _metadata.version("peerlandscape")
except _metadata.PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
    __version__ = "0+unknown"

__all__ = [
    "CODING_TARGETS",
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
    "Kind",
    "Memo",
    "MissingFileError",
    "NumericSummary",
    "OverarchingTheme",
    "Participant",
    "PeerLandscapeError",
    "Period",
    "Quote",
    "QuoteRecord",
    "Region",
    "Relation",
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
    "format_ref",
    "from_networkx",
    "graph",
    "json_schema",
    "parse_ref",
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

if not _typing.TYPE_CHECKING:
    # networkx takes longer to import than pydantic: the graph layer loads when first used.
    # (Hidden from type checkers, which would otherwise accept any attribute of the package.)
    __getattr__, __dir__ = _public.lazy(
        __name__,
        {
            "from_networkx": "peerlandscape.graph",
            "graph": "peerlandscape.graph",
            "to_networkx": "peerlandscape.graph",
        },
    )

_public.publish(__name__)
