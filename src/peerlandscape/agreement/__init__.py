"""Agreement between coders: on raw reliability data, and on a study's codings.

On raw data, for anyone: :func:`percent_agreement`, :func:`cohen_kappa`,
:func:`fleiss_kappa`, :func:`krippendorff_alpha` (nominal, ordinal, interval
and ratio, missing values allowed) and Krippendorff's :func:`unitized_alpha`
for coders' units on a continuum. Each returns a small immutable result with
``.value`` and what it was computed from.

On a study: :func:`quote_agreement` (unit: a quote x code, present or absent;
per-code and overall figures, bootstrap intervals, the disagreements to
discuss) and :func:`character_agreement` (unit: the characters of each
source; unitized alpha). Where the study declares reflexive thematic
analysis, their results say that the figures are advisory.

It needs numpy (``pip install 'peerlandscape[analysis]'``): without it,
importing this package raises :class:`~peerlandscape.MissingDependencyError`,
which says so. ``docs/agreement.md`` explains the choices.
"""

from peerlandscape import _public
from peerlandscape.agreement import _numpy  # noqa: F401  # first: reports a missing numpy
from peerlandscape.agreement._alpha import KrippendorffAlpha, krippendorff_alpha
from peerlandscape.agreement._characters import CharacterAgreement, character_agreement
from peerlandscape.agreement._cohen import CohenKappa, cohen_kappa
from peerlandscape.agreement._data import Level
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._fleiss import FleissKappa, fleiss_kappa
from peerlandscape.agreement._percent import PercentAgreement, percent_agreement
from peerlandscape.agreement._quotes import (
    CodeAgreement,
    Disagreement,
    QuoteAgreement,
    quote_agreement,
)
from peerlandscape.agreement._reflexive import REFLEXIVE_ADVISORY, declares_reflexive_ta
from peerlandscape.agreement._unitized import CategoryAlpha, UnitizedAlpha, unitized_alpha

__all__ = [
    "REFLEXIVE_ADVISORY",
    "AgreementDataError",
    "CategoryAlpha",
    "CharacterAgreement",
    "CodeAgreement",
    "CohenKappa",
    "Disagreement",
    "FleissKappa",
    "KrippendorffAlpha",
    "Level",
    "PercentAgreement",
    "QuoteAgreement",
    "UnitizedAlpha",
    "character_agreement",
    "cohen_kappa",
    "declares_reflexive_ta",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
    "quote_agreement",
    "unitized_alpha",
]

_public.publish(__name__)
