"""Write a study as a REFI-QDA codebook (``.qdc``) or project (``.qdpx``), strictly.

The writer follows the conventions of ``docs/refi.md`` ("How a study is
written"), which the reader (:mod:`peerlandscape.refi._import`) depends on:

* every object gets ``stable_guid(kind, id)``, or keeps its id when the id
  already is a GUID (an imported object);
* the framework is a code tree (overarching theme > themes > sub-themes >
  candidate themes > codes) whose levels are also stated by the
  ``peerlandscape:*`` Sets;
* participants are Cases with the ``Stakeholder group`` variable; quotes are
  text selections, in their source's text when they have a span in it, else
  in a *container source* of their interview;
* interviews are the Sets ``peerlandscape:interview:<guid>``.

Documents validate against the official ``Project-mrt2019.xsd`` and
``Codebook-mrt2019.xsd`` (element order, no empty containers) and are
deterministic: the same study gives the same bytes (no timestamps, fixed zip
metadata, sorted members). Files are written atomically: to a temporary file
beside the target, then renamed, so a failure leaves the old file intact.

The XML is written as text by a small streaming serialiser rather than through
lxml's element API: a project of 100,000 codings has some 350,000 elements,
and lxml (``etree.xmlfile`` or a tree, about 6 µs an element) would take
longer than the whole export takes now. Every value that reaches the file
passes through one of two escaping functions, and the tests validate the
output against the official XSDs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import IO, Final, Literal

from attrs import frozen

from peerlandscape._exceptions import MissingFileError, StudyValidationError
from peerlandscape.models import Quote, Source, Study
from peerlandscape.refi._guids import PEERLANDSCAPE_REFI_NAMESPACE
from peerlandscape.refi._report import ExportReport, ReportEntry, _counted

__all__ = [
    "CANDIDATE_THEMES_SET",
    "CODEBOOK_NAMESPACE",
    "GROUP_VARIABLE",
    "INTERVIEW_SET_PREFIX",
    "LEVEL_SETS",
    "OVERARCHING_THEME_SET",
    "PROJECT_NAMESPACE",
    "QUOTE_CONTAINERS_SET",
    "SUBTHEMES_SET",
    "THEMES_SET",
    "selection_name",
    "write_qdc",
    "write_qdpx",
]

CODEBOOK_NAMESPACE: Final = "urn:QDA-XML:codebook:1.0"
"""Namespace of a written codebook."""
PROJECT_NAMESPACE: Final = "urn:QDA-XML:project:1.0"
"""Namespace of a written project."""

OVERARCHING_THEME_SET: Final = "peerlandscape:overarching-theme"
"""Name of the Set holding the overarching theme's code."""
THEMES_SET: Final = "peerlandscape:themes"
"""Name of the Set holding the theme codes."""
SUBTHEMES_SET: Final = "peerlandscape:subthemes"
"""Name of the Set holding the sub-theme codes."""
CANDIDATE_THEMES_SET: Final = "peerlandscape:candidate-themes"
"""Name of the Set holding the candidate-theme codes."""
LEVEL_SETS: Final = (OVERARCHING_THEME_SET, THEMES_SET, SUBTHEMES_SET, CANDIDATE_THEMES_SET)
"""The level Sets, in the order they are written."""
QUOTE_CONTAINERS_SET: Final = "peerlandscape:quote-containers"
"""Name of the Set listing the container sources."""
INTERVIEW_SET_PREFIX: Final = "peerlandscape:interview:"
"""Prefix of the name of an interview's Set; the interview's GUID follows it."""
GROUP_VARIABLE: Final = "Stakeholder group"
"""Name of the case variable holding a participant's group id."""

_CONTAINER_SEPARATOR: Final = "\n\n"
_UNKNOWN_INTERVIEW_LABEL: Final = "Unknown interview"
_NAME_WORDS: Final = 8
_NAME_CHARACTERS: Final = 60
_ELLIPSIS: Final = "\u2026"
_BOM: Final = "\ufeff"
_ZIP_EPOCH: Final = (1980, 1, 1, 0, 0, 0)
# ZipInfo's compression level is public from Python 3.13 on, private before.
_COMPRESS_LEVEL: Final = (
    "compress_level" if hasattr(zipfile.ZipInfo(), "compress_level") else "_compresslevel"
)
_FLUSH_PARTS: Final = 8192

_LEVEL_DESCRIPTIONS: Final = {
    OVERARCHING_THEME_SET: "The overarching theme of the framework (peerlandscape).",
    THEMES_SET: "The themes of the framework (peerlandscape).",
    SUBTHEMES_SET: "The sub-themes of the framework (peerlandscape).",
    CANDIDATE_THEMES_SET: "The candidate themes of the framework (peerlandscape).",
}
_CONTAINERS_DESCRIPTION: Final = (
    "Sources made by peerlandscape to hold quotes that had no source text, "
    "joined by blank lines (peerlandscape)."
)
_VARIABLE_DESCRIPTION: Final = "The id of the participant's stakeholder group (peerlandscape)."

# -- GUIDs --------------------------------------------------------------------------------

_GUID: Final = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# Strings that json.dumps(ensure_ascii=False) writes between quotes unchanged.
_JSON_ESCAPED: Final = re.compile(r'[\x00-\x1f"\\]')
_VARIANT: Final = {digit: "89ab"[int(digit, 16) & 0x3] for digit in "0123456789abcdef"}


class _Guids:
    """:func:`~peerlandscape.refi.stable_guid`, computed several times faster.

    An export derives a GUID for every quote and every coding (hundreds of
    thousands in a large study). ``uuid.uuid5`` builds a ``UUID`` object and
    ``json.dumps`` a list for each; this hashes the same bytes with a SHA-1
    state already fed the namespace, and formats the digest directly. The
    result is identical (a test checks it against ``stable_guid``).
    """

    __slots__ = ("_namespace",)

    def __init__(self) -> None:
        self._namespace = hashlib.sha1(PEERLANDSCAPE_REFI_NAMESPACE.bytes, usedforsecurity=False)

    def derive(self, *parts: str) -> str:
        if _JSON_ESCAPED.search("".join(parts)) is None:
            name = '["' + '","'.join(parts) + '"]'
        else:
            name = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
        state = self._namespace.copy()
        state.update(name.encode("utf-8"))
        digits = state.hexdigest()
        # Version 5 in the 13th digit; the RFC 4122 variant in the top bits of the 17th.
        return (
            f"{digits[:8]}-{digits[8:12]}-5{digits[13:16]}-"
            f"{_VARIANT[digits[16]]}{digits[17:20]}-{digits[20:32]}"
        )

    def of(self, kind: str, object_id: str) -> str:
        # An imported object's id is its GUID: keep it, so projects round-trip.
        if len(object_id) == 36 and _GUID.fullmatch(object_id):  # noqa: PLR2004
            return object_id
        return self.derive(kind, object_id)


# -- XML text -----------------------------------------------------------------------------

# XML 1.0 cannot hold these characters at all, not even as references.
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The first character that needs escaping or replacing, in an attribute and in text.
_ATTRIBUTE_SPECIAL: Final = re.compile(
    "[^\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_TEXT_SPECIAL: Final = re.compile(
    "[^\t\n\x20-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# Tab, line feed and carriage return become references in attributes, where a parser would
# otherwise turn them into spaces; a carriage return in text, which a parser would drop
# from a CRLF pair.
_ATTRIBUTE_ESCAPES: Final = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_TEXT_ESCAPES: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_REPLACEMENT: Final = "\ufffd"


class _Xml:
    """A streaming XML serialiser: escaped strings in, UTF-8 chunks out.

    Characters XML cannot hold are replaced by U+FFFD and counted per
    location in :attr:`replaced`, for the report.
    """

    __slots__ = ("_parts", "_write", "replaced")

    def __init__(self, write: Callable[[bytes], object]) -> None:
        self._parts: list[str] = []
        self._write = write
        self.replaced: Counter[str] = Counter()

    def _clean(self, value: str, where: str) -> str:
        cleaned, count = _NOT_XML.subn(_REPLACEMENT, value)
        if count:
            self.replaced[where] += count
        return cleaned

    def attribute(self, value: str, where: str) -> str:
        """Return ``value`` escaped for a double-quoted attribute."""
        if _ATTRIBUTE_SPECIAL.search(value) is None:
            return value
        return self._clean(value, where).translate(_ATTRIBUTE_ESCAPES)

    def text(self, value: str, where: str) -> str:
        """Return ``value`` escaped as element content."""
        if _TEXT_SPECIAL.search(value) is None:
            return value
        return self._clean(value, where).translate(_TEXT_ESCAPES)

    def put(self, markup: str) -> None:
        """Queue markup that is already escaped."""
        parts = self._parts
        parts.append(markup)
        if len(parts) >= _FLUSH_PARTS:
            self.flush()

    def flush(self) -> None:
        """Write everything queued."""
        if self._parts:
            self._write("".join(self._parts).encode("utf-8"))
            self._parts.clear()

    def description(self, value: str | None, where: str, indent: str) -> None:
        """Write a ``<Description>`` when there is a non-empty one."""
        if value:
            self.put(f"{indent}<Description>{self.text(value, where)}</Description>\n")


def _source_bytes(text: str) -> tuple[bytes, int]:
    """Return a source text as the bytes of its file, and how many characters were replaced.

    UTF-8 without a byte order mark, as the standard asks, except when the text itself
    begins with U+FEFF: readers strip one leading BOM before counting positions, so one is
    written in front to keep the character. Lone surrogates, which UTF-8 cannot encode,
    become U+FFFD (one code point for one, so no position moves).
    """
    text, replaced = _SURROGATE.subn(_REPLACEMENT, text)
    if text.startswith(_BOM):
        text = _BOM + text
    return text.encode("utf-8"), replaced


def selection_name(quote: Quote) -> str:
    """Return the ``name`` a quote's text selection is written with.

    The quote's label when it has one; else its first words: at most eight
    whitespace-separated words and sixty characters, followed by "…" when the
    text goes on.

    Parameters
    ----------
    quote
        The quote.

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
    text = quote.text
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


# -- the framework as a code tree ---------------------------------------------------------


@frozen
class _Node:
    guid: str
    name: str
    codable: bool
    location: str
    color: str | None
    description: str | None
    children: list[_Node]


@frozen
class _Framework:
    roots: list[_Node]
    level_sets: list[tuple[str, list[str]]]  # (set name, member GUIDs), empty sets left out
    code_guids: dict[str, str]  # code id -> GUID
    subtheme_guids: dict[str, str]  # sub-theme id -> GUID
    size: int


def _framework(study: Study, guids: _Guids) -> _Framework:
    def node(
        kind: str,
        object_id: str,
        name: str,
        *,
        codable: bool,
        color: str | None = None,
        description: str | None = None,
    ) -> _Node:
        return _Node(
            guids.of(kind, object_id),
            name,
            codable,
            f"{kind}:{object_id}",
            color,
            description,
            [],
        )

    roots: list[_Node] = []
    overarching = study.overarching_theme
    top: _Node | None = None
    if overarching is not None:
        top = node(
            "overarching_theme",
            overarching.id,
            overarching.label,
            codable=False,
            description=overarching.description,
        )
        roots.append(top)
    themes = {
        theme.id: node(
            "theme",
            theme.id,
            theme.label,
            codable=False,
            color=theme.color,
            description=theme.description,
        )
        for theme in study.themes
    }
    for theme in themes.values():
        (top.children if top is not None else roots).append(theme)
    subthemes = {
        sub.id: node(
            "subtheme",
            sub.id,
            sub.label,
            codable=True,  # a quote placed directly under it is coded with it
            color=sub.color,
            description=sub.description,
        )
        for sub in study.subthemes
    }
    for sub in study.subthemes:
        themes[sub.theme].children.append(subthemes[sub.id])
    candidates = {
        candidate.id: node(
            "candidate_theme",
            candidate.id,
            candidate.label,
            codable=False,
            description=candidate.description,
        )
        for candidate in study.candidate_themes
    }
    for candidate in study.candidate_themes:
        parent = subthemes[candidate.subtheme] if candidate.subtheme is not None else None
        (parent.children if parent is not None else roots).append(candidates[candidate.id])
    codes = {
        code.id: node(
            "code",
            code.id,
            code.label,
            codable=True,
            color=code.color,
            description=code.description,
        )
        for code in study.codes
    }
    for code in study.codes:
        if code.parent is not None:
            codes[code.parent].children.append(codes[code.id])
        elif code.candidate_theme is not None:
            candidates[code.candidate_theme].children.append(codes[code.id])
        elif code.subtheme is not None:
            subthemes[code.subtheme].children.append(codes[code.id])
        else:
            roots.append(codes[code.id])
    level_sets = [
        (name, members)
        for name, members in (
            (OVERARCHING_THEME_SET, [top.guid] if top is not None else []),
            (THEMES_SET, [n.guid for n in themes.values()]),
            (SUBTHEMES_SET, [n.guid for n in subthemes.values()]),
            (CANDIDATE_THEMES_SET, [n.guid for n in candidates.values()]),
        )
        if members
    ]
    return _Framework(
        roots=roots,
        level_sets=level_sets,
        code_guids={code_id: n.guid for code_id, n in codes.items()},
        subtheme_guids={sub_id: n.guid for sub_id, n in subthemes.items()},
        size=len(themes) + len(subthemes) + len(candidates) + len(codes) + (top is not None),
    )


def _write_codes(xml: _Xml, roots: list[_Node], depth: int) -> None:
    # An explicit stack, not recursion: a chain of nested codes may be deeper than Python's
    # recursion limit. Each entry is a node to open, or the indent of a node to close.
    stack: list[tuple[_Node | None, str]] = [(root, "  " * depth) for root in reversed(roots)]
    while stack:
        item, indent = stack.pop()
        if item is None:
            xml.put(f"{indent}</Code>\n")
            continue
        where = item.location
        color = f' color="{item.color}"' if item.color is not None else ""
        opening = (
            f'{indent}<Code guid="{item.guid}" name="{xml.attribute(item.name, where)}" '
            f'isCodable="{"true" if item.codable else "false"}"{color}'
        )
        if not item.description and not item.children:
            xml.put(f"{opening}/>\n")
            continue
        xml.put(f"{opening}>\n")
        xml.description(item.description, where, indent + "  ")
        stack.append((None, indent))
        stack.extend((child, indent + "  ") for child in reversed(item.children))


def _write_set(
    xml: _Xml,
    guid: str,
    name: str,
    description: str | None,
    members: Iterable[tuple[str, str]],
    *,
    where: str,
) -> None:
    xml.put(f'    <Set guid="{guid}" name="{xml.attribute(name, where)}">\n')
    xml.description(description, where, "      ")
    for element, markup in members:
        xml.put(f"      <{element} {markup}/>\n")
    xml.put("    </Set>\n")


# -- losses -------------------------------------------------------------------------------

_WHY_STUDY: Final = "REFI-QDA has no place for a study's metadata"
_DESIGN_FIELDS: Final = (
    "approach",
    "analysis_method",
    "analysis_reference",
    "analysis_orientation",
    "epistemology",
    "sampling",
    "sample_size_rationale",
    "member_checking",
    "reporting_guideline",
    "ethics_approval",
    "funding",
    "program",
)
_DEMOGRAPHIC_FIELDS: Final = (
    "sex",
    "age",
    "education",
    "years_in_role",
    "years_in_role_measure",
    "employment_context",
)
_PARTICIPANT_FIELDS: Final = ("sex", "age", "years_in_role", "education", "employment_context")
_INTERVIEW_FIELDS: Final = (
    "format",
    "mode",
    "approximate_duration_minutes",
    "setting",
    "platform",
    "stakeholder_group",
    "facilitators",
    "date",
    "region",
    "notes",
)
_WHY_NOTES: Final = "notes not carried: peerlandscape writes no REFI-QDA notes"


def _words(name: str) -> str:
    return name.replace("_", " ")


def _listing(names: Sequence[str]) -> str:
    return ", ".join(_words(name) for name in names)


def _present(model: object, names: Iterable[str]) -> list[str]:
    """Return the names of the fields of ``model`` that are set (not None, not empty)."""
    return [name for name in names if getattr(model, name) not in (None, (), {})]


def _study_losses(study: Study, document: Literal["codebook", "project"]) -> list[ReportEntry]:
    where = f"study:{study.id}"
    fields = ["title"] if document == "codebook" else []
    fields += _present(study, ("year", "journal", "doi", "received", "accepted", "published"))
    fields += _present(study, ("aim",))
    entries = [
        ReportEntry("study_metadata", where, 1, f"id {study.id!r} is not carried: {_WHY_STUDY}"),
        *(
            ReportEntry("study_metadata", where, 1, f"{name} is not carried: {_WHY_STUDY}")
            for name in fields
        ),
    ]
    entries.extend(
        ReportEntry(
            "study_metadata",
            where,
            len(getattr(study, name)),
            f"{name} ({len(getattr(study, name))}) are not carried: {_WHY_STUDY}",
        )
        for name in _present(study, ("authors", "notes"))
    )
    if study.design is not None:
        present = _present(study.design, (*_DESIGN_FIELDS, "notes"))
        entries.append(
            ReportEntry(
                "study_metadata",
                where,
                len(present),
                f"design ({_listing(present) or 'no field set'}) is not carried: {_WHY_STUDY}",
            )
        )
    if study.data_collection is not None:
        period = study.data_collection
        entries.append(
            ReportEntry(
                "study_metadata",
                where,
                1,
                f"data collection ({period.start} to {period.end}) is not carried: {_WHY_STUDY}",
            )
        )
    statements: dict[str, list[str]] = defaultdict(list)
    for attribution in study.attributions:
        statements[attribution.subtheme].append(", ".join(attribution.groups))
    entries.extend(
        ReportEntry(
            "attribution",
            f"subtheme:{subtheme_id}",
            len(group_lists),
            f"{_counted(len(group_lists), 'statements')} of the groups that voiced it "
            f"({'; '.join(group_lists)}) not carried: REFI-QDA has no place for them",
        )
        for subtheme_id, group_lists in statements.items()
    )
    return entries


def _codebook_losses(study: Study) -> list[ReportEntry]:
    counts = (
        ("groups", len(study.groups)),
        ("regions", len(study.regions)),
        ("participants", len(study.participants)),
        ("interviews", len(study.interviews)),
        ("sources", len(study.sources)),
        ("quotes", len(study.quotes)),
        ("coders", len(study.coders)),
        ("codings", len(study.codings)),
        ("direct placements", sum(len(quote.subthemes) for quote in study.quotes)),
    )
    return [
        ReportEntry(
            "not_in_codebook",
            f"study:{study.id}",
            count,
            f"{count} {name} not carried: a codebook holds the framework only "
            "(write_qdpx writes a project)",
        )
        for name, count in counts
        if count
    ]


def _group_losses(study: Study) -> Iterator[ReportEntry]:
    grouped = {participant.group for participant in study.participants}
    for group in study.groups:
        where = f"group:{group.id}"
        present = _present(group, ("label", "description", "declared_size", "interview_format"))
        present += _present(group, ("notes",))
        yield ReportEntry(
            "group_definition",
            where,
            len(present),
            f"{_listing(present)} not carried: a group is written only as its id, the "
            f"{GROUP_VARIABLE!r} value of its participants' cases",
        )
        if group.demographics is not None:
            reported = _present(group.demographics, (*_DEMOGRAPHIC_FIELDS, "notes"))
            yield ReportEntry(
                "group_demographics",
                where,
                len(reported),
                f"demographics ({_listing(reported) or 'no field set'}) not carried: "
                "REFI-QDA holds no aggregate data",
            )
        if group.id not in grouped:
            yield ReportEntry(
                "group_without_participants",
                where,
                1,
                "no participant belongs to the group, so not even its id is written",
            )


def _people_losses(study: Study) -> Iterator[ReportEntry]:
    for coder in study.coders:
        if coder.role is not None:
            yield ReportEntry(
                "coder_role", f"coder:{coder.id}", 1, "role not carried: a user has a name only"
            )
    yield from _group_losses(study)
    for region in study.regions:
        yield ReportEntry(
            "region", f"region:{region.id}", 1, "region not carried: REFI-QDA has no regions"
        )
    why = f"the only case variable written is {GROUP_VARIABLE!r}"
    for participant in study.participants:
        where = f"participant:{participant.id}"
        if fields := _present(participant, _PARTICIPANT_FIELDS):
            yield ReportEntry(
                "participant_fields", where, len(fields), f"{_listing(fields)} not carried: {why}"
            )
        if attributes := participant.attributes:
            names = ", ".join(map(repr, attributes))
            yield ReportEntry(
                "participant_attributes",
                where,
                len(attributes),
                f"attributes ({names}) not carried: {why}",
            )
        if aliases := participant.aliases:
            yield ReportEntry(
                "participant_aliases",
                where,
                len(aliases),
                "aliases not carried: a case has one name",
            )
        if notes := participant.notes:
            yield ReportEntry("participant_notes", where, len(notes), _WHY_NOTES)


def _interview_losses(study: Study, sourced: Collection[str]) -> Iterator[ReportEntry]:
    for interview in study.interviews:
        where = f"interview:{interview.id}"
        fields = _present(interview, _INTERVIEW_FIELDS)
        yield ReportEntry(
            "interview_fields",
            where,
            len(fields),
            f"{_listing(fields)} not carried: an interview is written as a Set whose "
            "description is its label",
        )
        if interview.participants and interview.id not in sourced:
            yield ReportEntry(
                "interview_participation",
                where,
                len(interview.participants),
                f"who took part ({_counted(len(interview.participants), 'participants')}) not "
                "carried: the interview has no source for their cases to refer to",
            )


def _source_losses(study: Study) -> Iterator[ReportEntry]:
    for source in study.sources:
        where = f"source:{source.id}"
        if source.text is None:
            yield ReportEntry(
                "source_without_text",
                where,
                1,
                "the source has no text and is not written; its quotes go to the container "
                "source of their interview",
            )
        if source.language is not None:
            yield ReportEntry(
                "source_language",
                where,
                1,
                f"language {source.language!r} not carried: a REFI-QDA source has none",
            )
        if source.notes:
            yield ReportEntry("source_notes", where, len(source.notes), _WHY_NOTES)


# -- the project plan ---------------------------------------------------------------------


def _anchor_problem(quote: Quote, source: Source | None) -> str | None:
    """Say why a quote with a source cannot be a selection of that source's text."""
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


@frozen
class _Selection:
    quote: Quote
    guid: str
    start: int
    end: int


@frozen
class _TextSource:
    guid: str
    name: str
    location: str
    text: str
    selections: list[_Selection]


class _Project:
    """Everything decided before the first byte is written, in one pass over the study."""

    def __init__(self, study: Study, guids: _Guids) -> None:
        self.study = study
        self.guids = guids
        self.framework = _framework(study, guids)
        self.coder_guids = {coder.id: guids.of("coder", coder.id) for coder in study.coders}
        self.interview_guids = {i.id: guids.of("interview", i.id) for i in study.interviews}
        self.quote_guids = {quote.id: guids.of("quote", quote.id) for quote in study.quotes}
        quote_entries = self._place_quotes()
        self.text_sources: list[_TextSource] = []
        self.containers: list[str] = []
        self.interview_sources: dict[str, list[str]] = defaultdict(list)
        self._add_sources()
        self._add_containers()
        self.codings = self._codings()
        self.entries = [
            *_study_losses(study, "project"),
            *_people_losses(study),
            *_interview_losses(study, set(self.interview_sources)),
            *_source_losses(study),
            *quote_entries,
        ]

    def _place_quotes(self) -> list[ReportEntry]:
        """Sort quotes into selections of their source and quotes for a container."""
        study = self.study
        sources = {source.id: source for source in study.sources}
        self.anchored: dict[str, list[_Selection]] = {
            s.id: [] for s in study.sources if s.text is not None
        }
        self.loose: dict[str | None, list[Quote]] = defaultdict(list)
        entries: list[ReportEntry] = []
        for quote in study.quotes:
            where = f"quote:{quote.id}"
            source = sources[quote.source] if quote.source is not None else None
            problem = _anchor_problem(quote, source)
            if source is not None and problem is None and quote.span is not None:
                guid = self.quote_guids[quote.id]
                span = quote.span
                self.anchored[source.id].append(_Selection(quote, guid, span.start, span.end))
                if quote.interview != source.interview:
                    entries.append(
                        ReportEntry(
                            "quote_interview",
                            where,
                            1,
                            f"interview {quote.interview!r} is not carried: the quote lies in "
                            f"source {source.id!r}, whose interview ({source.interview!r}) a "
                            "reader takes",
                        )
                    )
            else:
                self.loose[quote.interview].append(quote)
                if problem is not None:
                    entries.append(
                        ReportEntry(
                            "quote_unanchored",
                            where,
                            1,
                            f"its source and span are not carried: {problem}; the quote is "
                            "written into the container source of its interview",
                        )
                    )
            if quote.notes:
                entries.append(ReportEntry("quote_notes", where, len(quote.notes), _WHY_NOTES))
        return entries

    def _add_sources(self) -> None:
        # Sources with text, in study order; a source without text is not written.
        for source in self.study.sources:
            if source.text is None:
                continue
            guid = self.guids.of("source", source.id)
            where = f"source:{source.id}"
            selections = self.anchored[source.id]
            self.text_sources.append(
                _TextSource(guid, source.label, where, source.text, selections)
            )
            if source.interview is not None:
                self.interview_sources[source.interview].append(guid)

    def _add_containers(self) -> None:
        # One container per interview with loose quotes, in study order, then one for the
        # loose quotes of no known interview.
        labels: dict[str | None, str] = {i.id: i.label for i in self.study.interviews}
        labels[None] = _UNKNOWN_INTERVIEW_LABEL
        for key, label in labels.items():
            quotes = self.loose.get(key)
            if not quotes:
                continue
            guid = self.guids.derive("container", *([key] if key is not None else []))
            selections = []
            position = 0
            for quote in quotes:
                end = position + len(quote.text)
                selections.append(_Selection(quote, self.quote_guids[quote.id], position, end))
                position = end + len(_CONTAINER_SEPARATOR)
            text = _CONTAINER_SEPARATOR.join(quote.text for quote in quotes)
            where = f"interview:{key}" if key is not None else f"study:{self.study.id}"
            self.text_sources.append(
                _TextSource(guid, f"{label} (quotes)", where, text, selections)
            )
            self.containers.append(guid)
            if key is not None:
                self.interview_sources[key].append(guid)

    def _codings(self) -> dict[str, list[tuple[str, str, str]]]:
        """Group the codings by quote: each its GUID, code GUID and creatingUser markup."""
        derive = self.guids.derive
        code_guids = self.framework.code_guids
        users = {coder_id: f' creatingUser="{guid}"' for coder_id, guid in self.coder_guids.items()}
        codings: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        # A repeated (quote, code, coder) gets an ordinal, so that GUIDs stay unique.
        seen: Counter[tuple[str, str, str]] = Counter()
        for coding in self.study.codings:
            key = (coding.quote, coding.code, coding.coder or "")
            ordinal = seen[key]
            seen[key] = ordinal + 1
            guid = derive("coding", *key, str(ordinal)) if ordinal else derive("coding", *key)
            user = users[coding.coder] if coding.coder is not None else ""
            codings[coding.quote].append((guid, code_guids[coding.code], user))
        return codings

    def cases(self) -> Iterator[tuple[str, str, str, str, list[str], list[str]]]:
        """Yield each participant's case: GUID, name, location, group, sources, selections."""
        study = self.study
        said: dict[str, list[str]] = defaultdict(list)
        for quote in study.quotes:
            if quote.participant is not None:
                said[quote.participant].append(self.quote_guids[quote.id])
        took_part: dict[str, list[str]] = defaultdict(list)
        for interview in study.interviews:
            for participant_id in interview.participants or ():
                took_part[participant_id].extend(self.interview_sources.get(interview.id, ()))
        for participant in study.participants:
            sources = list(dict.fromkeys(took_part.get(participant.id, ())))
            yield (
                self.guids.of("participant", participant.id),
                participant.label,
                f"participant:{participant.id}",
                participant.group,
                sources,
                said.get(participant.id, []),
            )


# -- writing ------------------------------------------------------------------------------


@cache
def _origin() -> str:
    try:
        return f"peerlandscape {version('peerlandscape')}"
    except PackageNotFoundError:  # pragma: no cover - only when run from an uninstalled tree
        return "peerlandscape"


@contextmanager
def _atomic(target: Path) -> Iterator[IO[bytes]]:
    """Yield a temporary file beside ``target`` that replaces it when the block succeeds."""
    if not target.parent.is_dir():
        raise MissingFileError(f"{target.parent}: no such folder to write {target.name} into")
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _check_study(study: object, function: str) -> Study:
    if not isinstance(study, Study):
        raise TypeError(f"{function} expects a Study, got {type(study).__name__}")
    return study


def _replaced_entries(replaced: Counter[str]) -> list[ReportEntry]:
    return [
        ReportEntry(
            "replaced_characters",
            where,
            count,
            f"{_counted(count, 'characters')} that XML or UTF-8 cannot hold written as U+FFFD",
        )
        for where, count in replaced.items()
    ]


def write_qdc(study: Study, path: str | os.PathLike[str]) -> ExportReport:
    """Write the study's framework as a REFI-QDA codebook (``.qdc``), atomically.

    The framework becomes a code tree (overarching theme > themes >
    sub-themes > candidate themes > codes, with descriptions and colours) in
    the namespace ``urn:QDA-XML:codebook:1.0``, and the level of each code is
    also stated by the Sets ``peerlandscape:overarching-theme``,
    ``peerlandscape:themes``, ``peerlandscape:subthemes`` and
    ``peerlandscape:candidate-themes``. The file validates against the
    official ``Codebook-mrt2019.xsd`` and is the same, byte for byte, for the
    same study.

    Parameters
    ----------
    study
        The study whose framework to write.
    path
        Destination; its folder must exist. An existing file is replaced only
        once the new one is complete.

    Returns
    -------
    ExportReport
        What was written, and what a codebook cannot carry (the study's
        metadata and data, attributions).

    Raises
    ------
    StudyValidationError
        The study has no framework at all: a codebook must hold a code.
    MissingFileError
        The destination folder does not exist.
    TypeError
        ``study`` is not a :class:`~peerlandscape.models.Study`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import read_codebook
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_qdc(pl.datasets.engdahl2025(), pathlib.Path(folder) / "e.qdc")
    ...     book = read_codebook(pathlib.Path(folder) / "e.qdc")
    >>> report.written
    mappingproxy({'codes': 21, 'sets': 4})
    >>> [code.name[:40] for code in book.codes]
    ['Crafting a recipe for progressing the cu']
    >>> sorted(member_set.name for member_set in book.sets)  # doctest: +NORMALIZE_WHITESPACE
    ['peerlandscape:candidate-themes', 'peerlandscape:overarching-theme',
     'peerlandscape:subthemes', 'peerlandscape:themes']
    """
    study = _check_study(study, "write_qdc")
    guids = _Guids()
    framework = _framework(study, guids)
    if not framework.roots:
        raise StudyValidationError(
            f"study {study.id!r} has no framework (no code, candidate theme, sub-theme, theme "
            "or overarching theme): a REFI-QDA codebook must hold at least one code",
            [
                {
                    "type": "empty_codebook",
                    "loc": (),
                    "msg": "a REFI-QDA codebook must hold at least one code",
                    "input": study.id,
                }
            ],
        )
    with _atomic(Path(path)) as stream:
        xml = _Xml(stream.write)
        xml.put(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            f'<CodeBook xmlns="{CODEBOOK_NAMESPACE}" '
            f'origin="{xml.attribute(_origin(), "origin")}">\n  <Codes>\n'
        )
        _write_codes(xml, framework.roots, 2)
        xml.put("  </Codes>\n")
        if framework.level_sets:
            xml.put("  <Sets>\n")
            for name, members in framework.level_sets:
                _write_set_codebook(xml, guids.derive("set", name), name, members)
            xml.put("  </Sets>\n")
        xml.put("</CodeBook>\n")
        xml.flush()
    entries = [
        *_study_losses(study, "codebook"),
        *_codebook_losses(study),
        *_replaced_entries(xml.replaced),
    ]
    return ExportReport(
        "codebook",
        entries,
        written={"codes": framework.size, "sets": len(framework.level_sets)},
    )


def _write_set_codebook(xml: _Xml, guid: str, name: str, members: list[str]) -> None:
    # The codebook schema indents one level less and names the member attribute "guid".
    xml.put(f'    <Set guid="{guid}" name="{xml.attribute(name, "set")}">\n')
    xml.description(_LEVEL_DESCRIPTIONS[name], "set", "      ")
    for member in members:
        xml.put(f'      <MemberCode guid="{member}"/>\n')
    xml.put("    </Set>\n")


def write_qdpx(study: Study, path: str | os.PathLike[str]) -> ExportReport:
    """Write the study as a REFI-QDA project (``.qdpx``), atomically.

    The archive holds ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``,
    valid against the official ``Project-mrt2019.xsd``) and the plain texts
    of its sources as ``sources/<guid>.txt`` (UTF-8). Coders are Users, the
    framework is the CodeBook, participants are Cases with the
    ``Stakeholder group`` variable, sources with text are TextSources and
    quotes their selections (positions in code points); quotes with no
    source text go into one container source per interview. Sets state the
    levels of the framework, the containers and each interview's sources.
    The archive is the same, byte for byte, for the same study.

    Parameters
    ----------
    study
        The study to write.
    path
        Destination; its folder must exist. An existing file is replaced only
        once the new one is complete.

    Returns
    -------
    ExportReport
        What was written, and what REFI-QDA cannot carry (study metadata,
        group definitions and demographics, interview details, attributions,
        notes, ...), located.

    Raises
    ------
    MissingFileError
        The destination folder does not exist.
    TypeError
        ``study`` is not a :class:`~peerlandscape.models.Study`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import read_project
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_qdpx(pl.datasets.engdahl2025(), pathlib.Path(folder) / "e.qdpx")
    ...     project = read_project(pathlib.Path(folder) / "e.qdpx")
    >>> report.summary()  # doctest: +NORMALIZE_WHITESPACE
    'project: wrote 21 codes, 1 variable, 30 cases, 6 containers, 16 selections,
     2 codings, 15 placements, 22 sets; not carried: ... items in ... entries'
    >>> len(project.cases), sum(len(s.selections) for s in project.text_sources)
    (30, 16)
    >>> report.counts()["group_demographics"]
    19
    >>> report.to_records()[0]  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'study_metadata', 'location': 'study:engdahl2025', 'count': 1,
     'message': "id 'engdahl2025' is not carried: REFI-QDA has no place for a study's metadata"}
    """
    study = _check_study(study, "write_qdpx")
    plan = _Project(study, _Guids())
    with _atomic(Path(path)) as stream, zipfile.ZipFile(stream, "w") as archive:
        with archive.open(_member("project.qde"), "w") as member:
            xml = _Xml(member.write)
            written = _write_project(plan, xml)
        replaced = xml.replaced
        # Members sorted by name: project.qde, then the sources by GUID.
        for source in sorted(plan.text_sources, key=lambda s: s.guid):
            data, count = _source_bytes(source.text)
            if count:
                replaced[source.location] += count
            archive.writestr(_member(f"sources/{source.guid}.txt"), data)
    entries = [*plan.entries, *_replaced_entries(replaced)]
    return ExportReport("project", entries, written={k: v for k, v in written.items() if v})


def _write_project(plan: _Project, xml: _Xml) -> dict[str, int]:
    study = plan.study
    guids = plan.guids
    framework = plan.framework
    put = xml.put
    attribute = xml.attribute
    put(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{PROJECT_NAMESPACE}" '
        f'name="{attribute(study.title, f"study:{study.id}")}" '
        f'origin="{attribute(_origin(), "origin")}">\n'
    )
    if study.coders:
        put("  <Users>\n")
        for coder in study.coders:
            name = attribute(coder.label, f"coder:{coder.id}")
            put(f'    <User guid="{plan.coder_guids[coder.id]}" name="{name}"/>\n')
        put("  </Users>\n")
    if framework.roots:
        put("  <CodeBook>\n    <Codes>\n")
        _write_codes(xml, framework.roots, 3)
        put("    </Codes>\n  </CodeBook>\n")
    cases = 0
    if study.participants:
        variable = guids.derive("variable", GROUP_VARIABLE)
        put(
            "  <Variables>\n"
            f'    <Variable guid="{variable}" name="{GROUP_VARIABLE}" typeOfVariable="Text">\n'
            f"      <Description>{_VARIABLE_DESCRIPTION}</Description>\n"
            "    </Variable>\n"
            "  </Variables>\n"
            "  <Cases>\n"
        )
        for guid, name, where, group, sources, selections in plan.cases():
            # The schema's order: VariableValue, then SourceRef, then SelectionRef.
            put(
                f'    <Case guid="{guid}" name="{attribute(name, where)}">\n'
                "      <VariableValue>\n"
                f'        <VariableRef targetGUID="{variable}"/>\n'
                f"        <TextValue>{xml.text(group, where)}</TextValue>\n"
                "      </VariableValue>\n"
            )
            for target in sources:
                put(f'      <SourceRef targetGUID="{target}"/>\n')
            for target in selections:
                put(f'      <SelectionRef targetGUID="{target}"/>\n')
            put("    </Case>\n")
            cases += 1
        put("  </Cases>\n")
    selections_written, codings_written, placements_written = _write_sources(plan, xml)
    sets = _write_sets(plan, xml)
    put("</Project>\n")
    xml.flush()
    return {
        "users": len(study.coders),
        "codes": framework.size,
        "variables": 1 if study.participants else 0,
        "cases": cases,
        "sources": len(plan.text_sources) - len(plan.containers),
        "containers": len(plan.containers),
        "selections": selections_written,
        "codings": codings_written,
        "placements": placements_written,
        "sets": sets,
    }


def _write_sources(plan: _Project, xml: _Xml) -> tuple[int, int, int]:
    if not plan.text_sources:
        return 0, 0, 0
    put = xml.put
    attribute = xml.attribute
    derive = plan.guids.derive
    codings = plan.codings
    subtheme_guids = plan.framework.subtheme_guids
    selections = placements = 0
    put("  <Sources>\n")
    for source in plan.text_sources:
        put(
            f'    <TextSource guid="{source.guid}" name="{attribute(source.name, source.location)}"'
            f' plainTextPath="internal://{source.guid}.txt"'
        )
        if not source.selections:
            put("/>\n")
            continue
        put(">\n")
        for selection in source.selections:
            quote = selection.quote
            name = attribute(selection_name(quote), f"quote:{quote.id}")
            markup = [
                f'      <PlainTextSelection guid="{selection.guid}" name="{name}" '
                f'startPosition="{selection.start}" endPosition="{selection.end}"'
            ]
            applied = codings.get(quote.id, ())
            if not applied and not quote.subthemes:
                markup.append("/>\n")
            else:
                markup.append(">\n")
                for guid, code, user in applied:
                    markup.append(
                        f'        <Coding guid="{guid}"{user}>\n'
                        f'          <CodeRef targetGUID="{code}"/>\n'
                        "        </Coding>\n"
                    )
                markup.extend(
                    f'        <Coding guid="{derive("placement", quote.id, subtheme)}">\n'
                    f'          <CodeRef targetGUID="{subtheme_guids[subtheme]}"/>\n'
                    "        </Coding>\n"
                    for subtheme in quote.subthemes
                )
                markup.append("      </PlainTextSelection>\n")
            put("".join(markup))
            selections += 1
            placements += len(quote.subthemes)
        put("    </TextSource>\n")
    put("  </Sources>\n")
    return selections, sum(len(applied) for applied in codings.values()), placements


def _write_sets(plan: _Project, xml: _Xml) -> int:
    derive = plan.guids.derive
    level_sets = plan.framework.level_sets
    interviews = plan.study.interviews
    if not (level_sets or plan.containers or interviews):
        return 0
    xml.put("  <Sets>\n")
    for name, codes in level_sets:
        members = (("MemberCode", f'targetGUID="{code}"') for code in codes)
        _write_set(xml, derive("set", name), name, _LEVEL_DESCRIPTIONS[name], members, where="set")
    if plan.containers:
        members = (("MemberSource", f'targetGUID="{source}"') for source in plan.containers)
        _write_set(
            xml,
            derive("set", QUOTE_CONTAINERS_SET),
            QUOTE_CONTAINERS_SET,
            _CONTAINERS_DESCRIPTION,
            members,
            where="set",
        )
    for interview in interviews:
        # Written even when the interview has no source: its label, the Set's description,
        # keeps it (and the description keeps the Set from being empty).
        name = INTERVIEW_SET_PREFIX + plan.interview_guids[interview.id]
        sources = plan.interview_sources.get(interview.id, ())
        members = (("MemberSource", f'targetGUID="{source}"') for source in sources)
        _write_set(
            xml,
            derive("set", name),
            name,
            interview.label,
            members,
            where=f"interview:{interview.id}",
        )
    xml.put("  </Sets>\n")
    return len(level_sets) + bool(plan.containers) + len(interviews)


def _member(name: str) -> zipfile.ZipInfo:
    # Fixed metadata, so that the archive's bytes depend on the study alone.
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Most of a project's bytes are GUIDs, random hex that no level compresses much better:
    # level 6 makes the archive about 11% smaller than level 1, in 2.5 times the time.
    setattr(info, _COMPRESS_LEVEL, 1)
    info.create_system = 3  # Unix, whatever the platform writing it
    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
    return info
