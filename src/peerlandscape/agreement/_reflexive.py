"""Whether a study declares reflexive thematic analysis, and what its agreement figures then mean.

Braun and Clarke do not treat agreement between coders as a test of quality
in reflexive thematic analysis: coding there is one researcher's (or a
team's) interpretive engagement with the data, and a second coder who codes
differently offers another reading, not an error to be measured. Agreement
statistics belong to coding-reliability and codebook approaches. A study's
agreement figures are therefore marked advisory when its design declares
reflexive thematic analysis.
"""

from __future__ import annotations

import re

from peerlandscape.models import Study

__all__ = ["REFLEXIVE_ADVISORY", "declares_reflexive_ta"]

REFLEXIVE_ADVISORY = (
    "advisory only: this study declares reflexive thematic analysis, in which Braun and Clarke "
    "do not treat agreement between coders as a test of quality; a second coder's different "
    "codes are another reading to discuss, not an error rate"
)
"""The note every agreement result of a reflexive thematic analysis carries."""

_BRAUN_CLARKE = re.compile(r"braun\b.*\bclarke\b\D*(\d{4})", re.IGNORECASE | re.DOTALL)
# Braun and Clarke named their approach reflexive thematic analysis from 2019 on
# ("Reflecting on reflexive thematic analysis"); their 2006 paper did not.
_REFLEXIVE_FROM = 2019
_OTHER_APPROACHES = ("codebook", "coding reliability", "coding-reliability", "framework analysis")


def declares_reflexive_ta(study: Study) -> bool:
    """Whether the study's design declares reflexive thematic analysis.

    It does when its approach, analysis method or methodological reference
    says "reflexive", or when the method is thematic analysis and the
    reference is Braun and Clarke from 2019 on (their reflexive TA), unless
    the design names a codebook or coding-reliability approach.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> declares_reflexive_ta(pl.datasets.engdahl2025())  # Braun and Clarke (2022)
    True
    """
    design = study.design
    if design is None:
        return False
    stated = " ".join(
        text
        for text in (design.approach, design.analysis_method, design.analysis_reference)
        if text
    )
    lowered = stated.lower()
    if any(other in lowered for other in _OTHER_APPROACHES):
        return False
    if "reflexive" in lowered:
        return True
    method = (design.analysis_method or "").lower()
    cited = _BRAUN_CLARKE.search(design.analysis_reference or "")
    year = int(cited.group(1)) if cited else 0
    return "thematic analysis" in method and year >= _REFLEXIVE_FROM
