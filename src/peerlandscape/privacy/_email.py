"""E-mail addresses: a local part, ``@``, and a domain whose last label is alphabetic.

The pattern is the one mail clients use to link addresses in text, not the
whole of RFC 5322: a local part of letters, digits and ``. _ % + -`` (not
starting or ending with a dot), and a domain of dot-separated labels ending
in a top-level domain of two or more letters. Letters include Swedish and
other non-ASCII letters (``åsa@exempel.se``). Addresses written to dodge
harvesters are found when the ``@`` and the dots are written in brackets
(``anna (at) example.se``, ``anna[at]example[dot]se``, ``anna(snabel-a)
example(punkt)se``), not when written as plain words (``anna at example dot
se``). Quoted local parts (``"anna berg"@example.se``) are not found.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = ["canonical_email", "find_emails", "may_hold_email"]

_LOCAL = r"[^\W_](?:[\w%+\-]|\.(?!\.))*(?<!\.)"
_LABEL = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
# "@" and "." as people write them to dodge address harvesters: "anna (at) example (dot) se".
_AT = r"(?:@|\s?[(\[{]\s?(?i:at|snabel-a)\s?[)\]}]\s?)"
_DOT = r"(?:\.|\s?[(\[{]\s?(?i:dot|punkt)\s?[)\]}]\s?)"
_EMAIL = re.compile(
    rf"(?<![\w.%+\-])(?:{_LOCAL}){_AT}(?:{_LABEL}{_DOT})+[^\W\d_]{{2,63}}"
    r"(?![\w\-]|\.[^\W_])"
)


_AT_WORD = re.compile(_AT)
_DOT_WORD = re.compile(r"\s?[(\[{]\s?(?:dot|punkt)\s?[)\]}]\s?")


def may_hold_email(text: str) -> bool:
    """Return whether ``text`` holds an ``@`` or a bracketed stand-in, which every address needs.

    Examples
    --------
    >>> may_hold_email("bo (at) example (dot) se"), may_hold_email("Vi träffas kl 10.")
    (True, False)
    """
    # Looking for the characters first is three times quicker than the pattern alone.
    if "@" in text:
        return True
    bracketed = "(" in text or "[" in text or "{" in text
    return bracketed and _AT_WORD.search(text) is not None


def find_emails(text: str) -> Iterator[Finding]:
    """Yield the e-mail addresses in ``text``.

    Examples
    --------
    >>> [f.text for f in find_emails("Write to Anna.Berg@region.example.se, or a@b.test.")]
    ['Anna.Berg@region.example.se', 'a@b.test']
    >>> [f.text for f in find_emails("Skriv till bo (at) example (dot) se eller @bo_peer.")]
    ['bo (at) example (dot) se']
    """
    for match in _EMAIL.finditer(text):
        yield Finding(FindingKind.EMAIL, match.start(), match.end(), match[0])


def canonical_email(text: str) -> str:
    """Return the form in which two spellings of one address compare equal.

    Examples
    --------
    >>> canonical_email("Anna.Berg@Example.SE"), canonical_email("anna.berg [at] example[dot]se")
    ('anna.berg@example.se', 'anna.berg@example.se')
    """
    folded = _DOT_WORD.sub(".", _AT_WORD.sub("@", text.casefold()))
    return folded
