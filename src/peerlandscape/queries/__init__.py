"""Questions asked of a study, as functions that take the study first.

One module per topic: selecting quotes, the support matrix, which groups
voiced each sub-theme, code co-occurrence, a quote's provenance, and the
prevalence of themes.
"""

from peerlandscape import _public
from peerlandscape.queries._cooccurrence import code_cooccurrence
from peerlandscape.queries._prevalence import Prevalence, prevalence
from peerlandscape.queries._provenance import provenance
from peerlandscape.queries._select import descendant_codes, quotes_for
from peerlandscape.queries._support import SupportMatrix, support_matrix
from peerlandscape.queries._voicing import SubthemeVoicing, voicing

__all__ = [
    "Prevalence",
    "SubthemeVoicing",
    "SupportMatrix",
    "code_cooccurrence",
    "descendant_codes",
    "prevalence",
    "provenance",
    "quotes_for",
    "support_matrix",
    "voicing",
]

_public.publish(__name__)
