"""peerlandscape: the thematic framework of peer support in Swedish mental health, as software.

Typed models of a qualitative study (stakeholder groups, participants,
interviews, quotes, codes, sub-themes and themes), the published study of
Engdahl et al. (2025) as a built-in dataset, JSON documents with a versioned
schema, a flat view of quotes for tables and exports, and every file format
(:mod:`peerlandscape.readwrite`: JSON, GraphML, node-link, Mermaid, DOT,
REFI-QDA, spreadsheets of coded quotes), each reader and writer also at the top level.

Examples
--------
>>> import peerlandscape as pl
>>> study = pl.datasets.engdahl2025()
>>> [theme.label for theme in study.themes]  # doctest: +NORMALIZE_WHITESPACE
['Scaling up peer support', 'Facilitating organizational structures for sustainability',
 'Evolving role of peer support', 'Charting a Course Through the Biomedical Paradigm']
"""

import typing as _typing

from peerlandscape import _public
from peerlandscape._exceptions import (
    AgreementDataError,
    AnalysisValidationError,
    DocumentError,
    IdentifyingDataError,
    InvalidOptionError,
    MissingDependencyError,
    MissingFileError,
    PeerLandscapeError,
    SchemaVersionError,
    StudyValidationError,
    UnknownIdError,
    UnknownRuleError,
    UnsafeFileError,
    WriteError,
)
from peerlandscape._limits import Limits

if _typing.TYPE_CHECKING:
    # What type checkers and IDEs see of the names below, and what _public.lazy reads to load
    # each of them when first used.
    from peerlandscape import (
        agreement,
        checklists,
        datasets,
        graph,
        plot,
        privacy,
        queries,
        readwrite,
        replication,
        report,
        saturation,
        tables,
        validation,
    )
    from peerlandscape import io as io
    from peerlandscape import models as models
    from peerlandscape._records import QUOTE_RECORD_KEYS, QuoteRecord, quote_records
    from peerlandscape._version import __version__
    from peerlandscape._views import ElementView
    from peerlandscape.graph import from_networkx, to_networkx

    # The names of before peerlandscape.readwrite: the same functions as from_dict and
    # parse_json, taken from the module that gives them those names.
    from peerlandscape.io import study_from_dict, study_from_json
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
        InformationPower,
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
    from peerlandscape.readwrite import (
        from_dict,
        generate_dot,
        generate_mermaid,
        generate_node_link,
        json_schema,
        parse_json,
        parse_table,
        read_graphml,
        read_json,
        read_node_link,
        read_table,
        write_graphml,
        write_json,
        write_node_link,
        write_table,
    )

    # Also in peerlandscape.readwrite; taken from the package that defines them, so that they
    # report peerlandscape as their module however they are first reached.
    from peerlandscape.refi import read_qdc, read_qdpx, write_qdc, write_qdpx
    from peerlandscape.validation import (
        Finding,
        Severity,
        ValidationOptions,
        ValidationReport,
        validate,
    )

__all__ = [
    "CODING_TARGETS",
    "QUOTE_RECORD_KEYS",
    "SCHEMA_VERSION",
    "AgreementDataError",
    "AnalysisValidationError",
    "CandidateTheme",
    "Code",
    "Coder",
    "Coding",
    "Design",
    "DocumentError",
    "ElementView",
    "Facilitator",
    "FacilitatorRole",
    "Finding",
    "GroupAttribution",
    "GroupDemographics",
    "IdentifyingDataError",
    "InformationPower",
    "Interview",
    "InterviewFormat",
    "InterviewMode",
    "InvalidOptionError",
    "Kind",
    "Limits",
    "Memo",
    "MissingDependencyError",
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
    "WriteError",
    "__version__",
    "agreement",
    "checklists",
    "datasets",
    "format_ref",
    "from_dict",
    "from_networkx",
    "generate_dot",
    "generate_mermaid",
    "generate_node_link",
    "graph",
    "json_schema",
    "parse_json",
    "parse_ref",
    "parse_table",
    "plot",
    "privacy",
    "queries",
    "quote_records",
    "read_graphml",
    "read_json",
    "read_node_link",
    "read_qdc",
    "read_qdpx",
    "read_table",
    "readwrite",
    "replication",
    "report",
    "saturation",
    "study_from_dict",
    "study_from_json",
    "tables",
    "to_networkx",
    "validate",
    "validation",
    "write_graphml",
    "write_json",
    "write_node_link",
    "write_qdc",
    "write_qdpx",
    "write_table",
]

if not _typing.TYPE_CHECKING:
    # Building the models costs more than importing pydantic, and networkx more again: each
    # layer loads when one of its names is first used, so that `import peerlandscape` and the
    # command line's --help stay cheap. The names, and where each comes from, are the imports
    # under TYPE_CHECKING above; type checkers never see this __getattr__, which would make any
    # misspelt attribute of the package acceptable to them.
    __getattr__, __dir__ = _public.lazy(__name__)

_public.publish(__name__)
