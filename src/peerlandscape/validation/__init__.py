"""Validation of an analysis: rules that judge a study and a report of what they find.

A study that could be built is *consistent* (ids unique, references resolve,
codes nest without cycles: see :mod:`peerlandscape.models`). Whether it is a
*good analysis* is another question: are there codes that reach no sub-theme,
sub-themes that rest on one participant, quotes that disagree with their
transcripts? :func:`validate` runs the rules of :data:`RULES` and returns a
:class:`ValidationReport`; each :class:`Finding` carries a stable code, a
:class:`Severity`, the location of the object (``kind:id``, as in the study
graph) and a message.

Rule codes are lower-case hyphenated slugs naming the fault
(``"orphan-code"``). A code keeps its meaning forever; a retired rule's code
is never given to another rule.

Examples
--------
>>> import peerlandscape as pl
>>> from peerlandscape.validation import validate
>>> report = validate(pl.datasets.engdahl2025())
>>> report.summary()
'valid: 0 errors, 10 warnings, 31 infos from 21 rules'
"""

from peerlandscape import _public
from peerlandscape._exceptions import AnalysisValidationError, UnknownRuleError
from peerlandscape.validation import (  # noqa: F401  (importing a group module registers its rules)
    _attribution,
    _consistency,
    _coverage,
    _references,
    _structure,
)
from peerlandscape.validation._options import ValidationOptions
from peerlandscape.validation._registry import RULES, Rule, RuleGroup
from peerlandscape.validation._report import Finding, Severity, ValidationReport
from peerlandscape.validation._validate import validate

__all__ = [
    "RULES",
    "AnalysisValidationError",
    "Finding",
    "Rule",
    "RuleGroup",
    "Severity",
    "UnknownRuleError",
    "ValidationOptions",
    "ValidationReport",
    "validate",
]

_public.publish(__name__)
