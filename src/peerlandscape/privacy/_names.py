"""Names of people: the names a caller lists, and the names a study shows to be names.

Listed names are found as whole words, in any letter case, with the
separators between their words written as spaces or underscores
(``Anna Andersson``, ``anna  andersson``, ``Anna_Andersson`` in a file name),
and with a possessive ending: Swedish ``Annas``, English ``Anna's`` (with a
straight or a curly apostrophe), and ``Lars'`` after a name ending in s, x or z. A listed name
is not found inside a longer word (``Anna`` in ``Annamaria``) or as one half
of a hyphenated name (``Anna`` in ``Anna-Karin``). Each listed name is found
as written: list first names and surnames on their own to find them alone.

A study can also show that a text is a name, without anyone listing it:

:func:`looks_like_name`
    a participant's label or alias made of two or three capitalised words
    of letters (``Anna Andersson``, ``Kim Ek``), none of them a word of a
    role or a pseudonym (``Peer support worker 5``, ``Coder A``,
    ``Participant Two``). A label is meant to be a pseudonym, so one shaped
    like a name is one.
:func:`speaker_tags`
    a tag that opens at least two lines of a transcript, followed by a colon
    (``ANNA: ...``, ``Anna B: ...``, also after a time stamp such as
    ``[00:01:23]``): one or two words of letters, the first capitalised and
    at least two letters long, that are not a role (``Moderator``,
    ``Intervjuare``, ``IP``) or a heading (``Fråga``, ``Note``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from peerlandscape.privacy._findings import Finding, FindingKind

__all__ = [
    "NOT_NAMES",
    "NameMatcher",
    "canonical_name",
    "could_be_name",
    "looks_like_name",
    "speaker_tags",
]

NOT_NAMES = frozenset(
    """
    a aim all alla anm anmärkning anonym anonymous anställd answer assistant assistent
    background bakgrund bisittare brukare brukarrepresentant case chair chef citat client
    code coder comment council county date datum del deltagare deltagarna doctor employee
    end everyone example exempel f facilitator female flera focus fokusgrupp forskare fråga
    group grupp i inaudible informant int interview interviewee interviewer intervju
    intervjuare intervjuperson ip iv klient kod kodare kommentar kommun kvinna landsting
    läkare male man manager medlem member mod moderator municipality note notes obs
    observatör observer official officials ohörbart oidentifierad okänd organisation
    organization part participant participants patient paus pause peer person personal
    place plats ps psw q question quote r region relative representative researcher
    respondent role rubrik röst s sammanfattning samtalsledare session sjuksköterska skratt
    slut speaker staff start subject summary support svar syfte talare team tema theme tid
    time title tjänsteman tjänsteperson transcriber transkriberare unidentified unknown
    user voice woman worker workers x ämne
    """.split()  # noqa: SIM905 - a list of words reads best as words
)
"""Words of roles, headings and pseudonyms (case-folded): a label or tag with one is no name."""

_LETTERS = r"[^\W\d_]"
_BEFORE = rf"(?<!{_LETTERS})(?<!{_LETTERS}-)"
_AFTER = rf"(?!{_LETTERS})(?!-{_LETTERS})"
_POSSESSIVE = r"(?P<possessive>s|['\u2019]s|['\u2019])?"
_SEPARATOR = re.compile(r"[\s_]+")
_APOSTROPHES = ("'", "\u2019")  # straight, and the curly one word processors write
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")

_SPEAKER_TAG = re.compile(
    r"^[ \t]*(?:\[[\d:.,]+\][ \t]*|\d{1,2}:\d{2}(?::\d{2})?[ \t]+)?"
    r"(?P<tag>[^\W\d_]{2,}(?:[ \-][^\W\d_]+)?)[ \t]*:",
    re.MULTILINE,
)
_MIN_TAG_LINES = 2
_NAME_WORDS = range(2, 4)
_CASE_NAME_WORDS = range(1, 4)


def canonical_name(text: str) -> str:
    """Return the form in which two spellings of one name compare equal.

    Examples
    --------
    >>> canonical_name("ANNA_Andersson"), canonical_name(" anna  andersson ")
    ('anna andersson', 'anna andersson')
    """
    return " ".join(part for part in _SEPARATOR.split(text.casefold()) if part)


class NameMatcher:
    """Finds listed names in text, and tells a found name from its possessive ending.

    Parameters
    ----------
    names
        The names to find. Blank names are ignored.

    Examples
    --------
    >>> matcher = NameMatcher(["Anna Andersson", "Anna", "Lars"])
    >>> [f.text for f in matcher.find("Annas bror, ANNA ANDERSSON och Lars' syster; Anna-Karin.")]
    ['Annas', 'ANNA ANDERSSON', "Lars'"]
    >>> matcher.split("Annas"), matcher.split("Lars'"), matcher.split("ANNA ANDERSSON")
    (('Anna', 's'), ('Lars', "'"), ('ANNA ANDERSSON', ''))
    """

    def __init__(self, names: Iterable[str]) -> None:
        patterns: dict[str, str] = {}
        for name in names:
            if not isinstance(name, str):
                raise TypeError(f"names must be strings, got {name!r}")
            parts = [part for part in _SEPARATOR.split(name) if part]
            if parts:
                pattern = r"[\s_]+".join(re.escape(part) for part in parts)
                patterns.setdefault(canonical_name(name), pattern)
        self._names = frozenset(patterns)
        # Longest first, so that "Anna Andersson" is found whole rather than as "Anna".
        alternatives = sorted(patterns.values(), key=len, reverse=True)
        self._pattern = (
            re.compile(
                rf"{_BEFORE}(?P<name>{'|'.join(alternatives)}){_POSSESSIVE}{_AFTER}",
                re.IGNORECASE,
            )
            if alternatives
            else None
        )

    def __bool__(self) -> bool:
        return self._pattern is not None

    def find(self, text: str) -> Iterator[Finding]:
        """Yield each listed name in ``text``, with its possessive ending if it has one."""
        if self._pattern is None:
            return
        for match in self._pattern.finditer(text):
            end = match.end()
            possessive = match["possessive"]
            # A lone apostrophe is possessive after s, x or z ("Lars'"); else it closes a quote.
            if possessive in _APOSTROPHES and match["name"][-1].lower() not in "sxz":
                end -= 1
            yield Finding(FindingKind.NAME, match.start(), end, text[match.start() : end])

    def split(self, found: str) -> tuple[str, str]:
        """Return a found name and its possessive ending (``""`` when it has none).

        A name that ends in ``s`` as listed (``Annas``, when ``Annas`` is
        listed) keeps it; the ending is taken off only when what remains is a
        listed name.
        """
        if canonical_name(found) in self._names:
            return found, ""
        for ending in ("'s", "\u2019s", "s", *_APOSTROPHES):
            if found.endswith(ending) and canonical_name(found[: -len(ending)]) in self._names:
                return found[: -len(ending)], ending
        return found, ""


def looks_like_name(label: str) -> bool:
    """Return whether a participant's label is shaped like a person's name.

    Examples
    --------
    >>> [looks_like_name(label) for label in
    ...  ("Anna Andersson", "Kim Ek", "Peer support worker 5", "Coder A", "Participant Two",
    ...   "Anna", "PSW 5", "Anna-Karin Öberg-Lind")]
    [True, True, False, False, False, False, False, True]
    """
    return _name_shaped(label, _NAME_WORDS)


def could_be_name(label: str) -> bool:
    """Return whether a name given as a person's (a REFI-QDA case's) could be a real name.

    As :func:`looks_like_name`, but one word will do (``Anna``): a case is
    named after the person it stands for, so a lone given name there is
    likely theirs. Roles and pseudonyms still are not names.

    Examples
    --------
    >>> [could_be_name(label) for label in ("Anna", "Anna Andersson", "P01", "Informant", "PSW 5")]
    [True, True, False, False, False]
    """
    return _name_shaped(label, _CASE_NAME_WORDS)


def _name_shaped(label: str, lengths: range) -> bool:
    words = label.split()
    if len(words) not in lengths:
        return False
    for word in words:
        if not _NAME_WORD.fullmatch(word) or len(word) < 2:  # noqa: PLR2004 - no initials
            return False
        if not word[0].isupper():
            return False
        if any(part.casefold() in NOT_NAMES for part in re.split(r"['\u2019\-]", word)):
            return False
    return True


def speaker_tags(text: str) -> Iterator[Finding]:
    r"""Yield the speaker tags of a transcript that are names, where each opens a line.

    Examples
    --------
    >>> transcript = (
    ...     "Moderator: Välkomna.\nANNA: Jag börjar.\n[00:01:02] Bo: Ja.\n"
    ...     "ANNA: Och sedan?\nBo: Nej.\nNote: inaudible\nNote: end"
    ... )
    >>> [f.text for f in speaker_tags(transcript)]
    ['ANNA', 'Bo', 'ANNA', 'Bo']
    """
    matches = [
        match
        for match in _SPEAKER_TAG.finditer(text)
        if match["tag"][0].isupper()
        and not any(word.casefold() in NOT_NAMES for word in re.split(r"[ \-]", match["tag"]))
    ]
    lines = Counter(canonical_name(match["tag"]) for match in matches)
    for match in matches:
        if lines[canonical_name(match["tag"])] >= _MIN_TAG_LINES:
            start, end = match.span("tag")
            yield Finding(FindingKind.NAME, start, end, match["tag"])
