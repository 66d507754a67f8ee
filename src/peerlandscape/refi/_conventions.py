"""What the writer, the reader and the projection agree on: one definition of each convention.

``docs/refi.md`` ("How a study is written") states the conventions in words;
this module states the ones that are names, texts and rules, so that the
writer (:mod:`peerlandscape.refi._exporting`), the reader
(:mod:`peerlandscape.refi._importing`) and :func:`~peerlandscape.refi.refi_projection`
cannot drift apart. The GUIDs peerlandscape derives are in
:mod:`peerlandscape.refi._guids`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Final, Literal

from peerlandscape.models import Quote, Source

__all__ = [
    "CANDIDATE_THEMES_SET",
    "CODEBOOK_NAMESPACE",
    "CONTAINER_SEPARATOR",
    "GROUP_VARIABLE",
    "INTERVIEW_SET_PREFIX",
    "LEVELS",
    "LEVEL_SETS",
    "NOT_XML",
    "OVERARCHING_THEME_SET",
    "PROJECT_NAMESPACE",
    "QUOTE_CONTAINERS_SET",
    "REPLACEMENT",
    "SET_PREFIX",
    "SUBTHEMES_SET",
    "SURROGATE",
    "THEMES_SET",
    "UNKNOWN_INTERVIEW_LABEL",
    "Level",
    "anchor_problem",
    "container_name",
    "interview_set_description",
    "is_peerlandscape_origin",
    "origin",
    "parse_interview_set_description",
    "plain_text_path",
    "selection_name",
    "xsd_datetime",
]

# -- the standard's namespaces, as written ----------------------------------------------

PROJECT_NAMESPACE: Final = "urn:QDA-XML:project:1.0"
"""Namespace of a written project (the standard's; a reader also takes older ones)."""
CODEBOOK_NAMESPACE: Final = "urn:QDA-XML:codebook:1.0"
"""Namespace of a written codebook (the standard's; a reader also takes older ones)."""

# -- the framework's levels and the Sets that state them --------------------------------

Level = Literal["overarching_theme", "theme", "subtheme", "candidate_theme", "code"]
"""One level of the thematic framework, as a depth of the code tree can be read."""

LEVELS: Final[tuple[Level, ...]] = (
    "overarching_theme",
    "theme",
    "subtheme",
    "candidate_theme",
    "code",
)
"""The levels from the top of the framework down; a tree's depths must follow this order."""

SET_PREFIX: Final = "peerlandscape:"
"""Prefix of the name of every Set peerlandscape writes."""
OVERARCHING_THEME_SET: Final = "peerlandscape:overarching-theme"
"""Name of the Set holding the overarching theme's code."""
THEMES_SET: Final = "peerlandscape:themes"
"""Name of the Set holding the theme codes."""
SUBTHEMES_SET: Final = "peerlandscape:subthemes"
"""Name of the Set holding the sub-theme codes."""
CANDIDATE_THEMES_SET: Final = "peerlandscape:candidate-themes"
"""Name of the Set holding the candidate-theme codes."""
LEVEL_SETS: Final[Mapping[Level, str]] = {
    "overarching_theme": OVERARCHING_THEME_SET,
    "theme": THEMES_SET,
    "subtheme": SUBTHEMES_SET,
    "candidate_theme": CANDIDATE_THEMES_SET,
}
"""The Set stating each level above the codes, in the order the Sets are written."""

# -- interviews, containers and participants ----------------------------------------------

QUOTE_CONTAINERS_SET: Final = "peerlandscape:quote-containers"
"""Name of the Set listing the container sources."""
INTERVIEW_SET_PREFIX: Final = "peerlandscape:interview:"
"""Prefix of the name of an interview's Set; the interview's GUID follows it."""
GROUP_VARIABLE: Final = "Stakeholder group"
"""Name of the case variable holding a participant's group id."""
CONTAINER_SEPARATOR: Final = "\n\n"
"""What joins the quotes of a container source into its text."""
UNKNOWN_INTERVIEW_LABEL: Final = "Unknown interview"
"""The label the container of quotes of no known interview is named after."""

_NAME_WORDS: Final = 8
_NAME_CHARACTERS: Final = 60
_ELLIPSIS: Final = "\u2026"


_FORMAT_LINE: Final = "format: "
_MODE_LINE: Final = "mode: "


def interview_set_description(label: str, format: str | None, mode: str | None) -> str:
    r"""Return the description of an interview's Set: its label, then its format and mode.

    REFI-QDA has no place for an interview's format or mode; the Set that
    stands for the interview carries them, one ``key: value`` line each, so
    that a round trip keeps them and a person reading the project in a QDA
    tool sees them.

    Examples
    --------
    >>> interview_set_description("Focus group 1", "focus_group", "in_person")
    'Focus group 1\nformat: focus_group\nmode: in_person'
    >>> parse_interview_set_description(_)
    ('Focus group 1', 'focus_group', 'in_person')
    """
    lines = [label]
    if format is not None:
        lines.append(_FORMAT_LINE + format)
    if mode is not None:
        lines.append(_MODE_LINE + mode)
    return "\n".join(lines)


def parse_interview_set_description(text: str | None) -> tuple[str | None, str | None, str | None]:
    """Return ``(label, format, mode)`` from an interview Set's description (None: not stated)."""
    if not text:
        return None, None, None
    label: str | None = None
    format: str | None = None
    mode: str | None = None
    for line in text.replace("\r\n", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith(_FORMAT_LINE):
            format = stripped.removeprefix(_FORMAT_LINE).strip() or None
        elif stripped.startswith(_MODE_LINE):
            mode = stripped.removeprefix(_MODE_LINE).strip() or None
        elif label is None and stripped:
            label = stripped
    return label, format, mode


def plain_text_path(source_guid: str) -> str:
    """Return the ``plainTextPath`` of a written source: its text is ``sources/<guid>.txt``.

    Examples
    --------
    >>> plain_text_path("9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520")
    'internal://9fa9bcb7-5b59-47a9-8c3e-f65cffdc7520.txt'
    """
    return f"internal://{source_guid}.txt"


def container_name(interview_label: str) -> str:
    """Return the name of the container source of an interview's quotes.

    Examples
    --------
    >>> container_name(UNKNOWN_INTERVIEW_LABEL)
    'Unknown interview (quotes)'
    """
    return f"{interview_label} (quotes)"


def anchor_problem(quote: Quote, source: Source | None) -> str | None:
    """Say why a quote cannot be a selection of its source's text, or return None when it can.

    A quote stays a selection of its source only when its span lies in that
    source's text and cuts exactly the quote's text; every other quote is
    written into a container source. A quote without a source has no problem
    to state (it simply goes to a container).

    Examples
    --------
    >>> from peerlandscape.models import Quote, Source, Span
    >>> source = Source(id="s", label="S", text="We agree.")
    >>> anchor_problem(Quote(id="q", text="agree", source="s", span=Span(3, 8)), source) is None
    True
    >>> anchor_problem(Quote(id="q", text="agree", source="s", span=Span(0, 5)), source)
    'its span does not cut its text from its source'
    """
    if source is None:
        return None
    if source.text is None:
        return f"its source {source.id!r} has no text"
    span = quote.span
    if span is None:
        return "it has no span in its source"
    if span.end > len(source.text):
        return f"its span [{span.start}, {span.end}) lies outside its source's text"
    if source.text[span.start : span.end] != quote.text:
        return "its span does not cut its text from its source"
    return None


def selection_name(quote: Quote, cut: str | None = None) -> str:
    """Return the ``name`` a quote's text selection is written with.

    The quote's label when it has one; else its first words: at most eight
    whitespace-separated words and sixty characters, followed by "…" when the
    text goes on.

    Parameters
    ----------
    quote
        The quote.
    cut
        The words its span cuts from its source, named by when the quote's own
        text is not available (``quote.text`` is None).

    Returns
    -------
    str
        The name.

    Examples
    --------
    >>> from peerlandscape.models import Quote
    >>> selection_name(Quote(id="q", text="We must be invited in."))
    'We must be invited in.'
    >>> selection_name(Quote(id="q", text="one two three four five six seven eight nine"))
    'one two three four five six seven eight…'
    >>> selection_name(Quote(id="q", text="Hi", label="Greeting"))
    'Greeting'
    """
    if quote.label is not None:
        return quote.label
    text = quote.text if quote.text is not None else cut or ""
    # At most one split beyond the words a name can hold: a quote may be pages long.
    words = text.split(maxsplit=_NAME_WORDS)
    name = ""
    used = 0
    for word in words[:_NAME_WORDS]:
        longer = f"{name} {word}" if name else word
        if len(longer) > _NAME_CHARACTERS:
            break
        name = longer
        used += 1
    if not words:  # a blank text names itself
        name = text[:_NAME_CHARACTERS]
        return name if len(name) == len(text) else name + _ELLIPSIS
    if used == len(words):
        return name
    if not name:  # the first word alone is too long
        name = words[0][:_NAME_CHARACTERS]
    return name + _ELLIPSIS


def xsd_datetime(when: datetime) -> str:
    """Return a moment as ``xsd:dateTime`` text (ISO 8601; an offset in whole minutes).

    ``xsd:dateTime`` has no seconds in a UTC offset; a moment whose offset has
    them is written in UTC.

    Examples
    --------
    >>> xsd_datetime(datetime(2024, 3, 1, 9, 30))
    '2024-03-01T09:30:00'
    >>> from datetime import timezone
    >>> xsd_datetime(datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(seconds=90))))
    '2024-03-01T09:28:30+00:00'
    """
    offset = when.utcoffset()
    if offset is not None and offset % timedelta(minutes=1):
        when = when.astimezone(UTC)
    return when.isoformat()


# -- text XML and UTF-8 cannot hold -------------------------------------------------------

NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters XML 1.0 cannot hold at all, not even as references."""
SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""Lone surrogates, which UTF-8 cannot encode (in source texts)."""
REPLACEMENT: Final = "\ufffd"
"""What is written in place of a character that cannot be: one code point for one."""

# -- who wrote a file -----------------------------------------------------------------------

_PEERLANDSCAPE_ORIGIN: Final = re.compile(r"\s*peerlandscape\b", re.IGNORECASE)


@cache
def origin() -> str:
    """Return the ``origin`` peerlandscape writes: ``peerlandscape <version>``."""
    try:
        return f"peerlandscape {version('peerlandscape')}"
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return "peerlandscape"


def is_peerlandscape_origin(written: str | None) -> bool:
    """Whether an ``origin`` attribute says peerlandscape wrote the file.

    Examples
    --------
    >>> is_peerlandscape_origin(origin()), is_peerlandscape_origin("MAXQDA 24")
    (True, False)
    """
    return written is not None and _PEERLANDSCAPE_ORIGIN.match(written) is not None
