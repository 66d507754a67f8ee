"""De-identification: find what identifies a person in a study, and replace it with pseudonyms.

Participants are meant to be known by pseudonymous labels only, but free
text carries whatever was typed into it: a transcript that names a
colleague, a case variable holding a personal identity number, a coder
account named by an e-mail address. This package finds such text and
replaces it:

:func:`scan`
    one text: Swedish personal identity and coordination numbers (check digit
    validated), e-mail addresses, telephone numbers, Swedish street addresses
    and postcodes, dates of birth, and the names the caller lists.
:func:`scan_study`
    every free text of a study, each finding located by object and field;
    participant labels shaped like names and speaker tags of transcripts
    count as names.
:func:`pseudonymise`
    the study with every finding replaced by a consistent pseudonym
    (``Person 1``, ``[e-mail 1]``, ``[personnummer]``), quotes still matching
    their sources, and the :class:`Key` that undoes it, kept apart.

Detection is rule-based: patterns checked by validation (a Luhn check
digit, a date of the calendar, a number valid in its country's numbering
plan, a word that says a date is a date of birth), not a statistical model.
What that finds and misses is measured, kind by kind, in ``docs/privacy.md``.

The framework: Presidio and scrubadub were considered and not used. Both
find names with a statistical model that cannot be installed from PyPI
(Presidio's spaCy pipelines; scrubadub's TextBlob and NLTK corpora, which it
downloads), and without it neither offers more than patterns: Presidio's
``AnalyzerEngine`` will not start without a spaCy model, and installing
presidio-analyzer pulls spaCy and numpy all the same. Neither recognises
Swedish addresses, postcodes or dates of birth in Swedish, and only
Presidio has a personnummer recogniser (which does not tell a coordination
number apart or check the calendar). What both use for telephone numbers,
Google's libphonenumber (``phonenumbers``), is used here directly, as the
one optional dependency (the ``privacy`` extra): it knows every country's
numbering plan, which no hand-written pattern matches.

Examples
--------
>>> from peerlandscape.privacy import scan
>>> [(f.kind.value, f.text) for f in scan("Ring Anna på 070-174 06 05.", names=["Anna"])]
[('name', 'Anna'), ('phone', '070-174 06 05')]
"""

from peerlandscape import _public
from peerlandscape.privacy._findings import Finding, FindingKind, StudyFinding
from peerlandscape.privacy._key import Key
from peerlandscape.privacy._pseudonymise import (
    PseudonymisationResult,
    Replacement,
    pseudonymise,
)
from peerlandscape.privacy._scan import scan
from peerlandscape.privacy._study_scan import scan_study

__all__ = [
    "Finding",
    "FindingKind",
    "Key",
    "PseudonymisationResult",
    "Replacement",
    "StudyFinding",
    "pseudonymise",
    "scan",
    "scan_study",
]

_public.publish(__name__)
