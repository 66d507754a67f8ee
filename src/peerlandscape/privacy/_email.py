"""E-mail addresses: a local part, ``@``, and a domain whose last label is alphabetic.

The pattern is the one mail clients use to link addresses in text, not the
whole of RFC 5322: a local part of letters, digits and ``. _ % + -`` (not
starting or ending with a dot), and a domain of dot-separated labels ending
in a top-level domain of two or more letters. Letters include Swedish and
other non-ASCII letters (``åsa@exempel.se``). Quoted local parts and
addresses written to dodge harvesters (``anna (at) example.se``) are not
found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = ["canonical_email", "find_emails"]

_LOCAL = r"[^\W_](?:[\w%+\-]|\.(?!\.))*(?<!\.)"
_LABEL = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
_EMAIL = re.compile(
    rf"(?<![\w.%+\-])(?:{_LOCAL})@(?:{_LABEL}\.)+[^\W\d_]{{2,63}}(?![\w\-]|\.[^\W_])"
)


def find_emails(text: str) -> Iterator[Finding]:
    """Yield the e-mail addresses in ``text``.

    Examples
    --------
    >>> [f.text for f in find_emails("Write to Anna.Berg@region.example.se, or a@b.test.")]
    ['Anna.Berg@region.example.se', 'a@b.test']
    """
    for match in _EMAIL.finditer(text):
        yield Finding(FindingKind.EMAIL, match.start(), match.end(), match[0])


def canonical_email(text: str) -> str:
    """Return the form in which two spellings of one address compare equal.

    Examples
    --------
    >>> canonical_email("Anna.Berg@Example.SE")
    'anna.berg@example.se'
    """
    return text.casefold()
