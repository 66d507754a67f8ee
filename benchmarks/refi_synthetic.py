"""Synthetic REFI-QDA projects (``.qdpx``) for the import benchmarks.

A project is written the way a QDA program exports one: a zip archive holding
``project.qde`` (namespace ``urn:QDA-XML:project:1.0``) and one plain-text file
per source in ``sources/``. Everything is deterministic from the seed, and
nothing in it is real data: texts, names and group values are invented words.

Shape of a project of ``n`` sources (``s`` selections each, 100 by default):

* ``origin`` "MAXQDA 24 (Release 24.7.0)" (upper-case GUIDs, LF line breaks,
  positions in code points) or, with ``origin="nvivo"``, "NVivo 14 (14.24.2)"
  (lower-case GUIDs, CRLF line breaks, positions in UTF-16 code units, which
  the emoji in some answers make differ from code points);
* 3 ``<User>``s, the coders;
* a code tree of 4 themes x 3 sub-themes x 8 codes, nested ``<Code>``s
  (96 codes to code with), themes and sub-themes with a ``<Description>``;
* one ``<Variable>`` "Stakeholder group" of type Text;
* one ``<Case>`` per participant, with its group value, a ``<SourceRef>`` to
  its interview and a ``<SelectionRef>`` to each selection it said; a quarter
  of the sources are focus groups of 3-6 participants, the rest individual
  interviews (one group per source);
* ``n`` ``<TextSource>``s with ``plainTextPath="internal://<GUID>.txt"``,
  each a transcript of ``s`` answers (and the questions between them);
* ``s`` ``<PlainTextSelection>``s per source, each an answer or part of one;
  each of the 3 coders codes it with 0-2 codes (1 on average), agreeing with
  the others on the primary code 70% of the time, so a selection has 3
  ``<Coding>``s on average (``creatingUser`` one of the coders): about 60,000
  codings for 200 sources, 240,000 for 800.

With ``shape="real"`` the project takes the shape MAXQDA and ATLAS.ti files
have (the shape of the files users bring, which the default shape does not
exercise fully):

* upper-case GUIDs without braces (as both write them; see the samples in
  ``shared/refi/samples``), whatever the origin;
* a codebook of 4 themes, two of three levels (theme > 3 sub-themes > 6 codes)
  and two of two (theme > 8 codes), every code codable, and codings at every
  level: 75% on a code, 15% on the sub-theme (or theme) above it, 10% on a theme;
* 1-3 ``<Coding>``s per selection (1: 2%, 2: 8%, 3: 90%), each by a different
  one of the 3 coders: about 2.9 per selection, so about 58,000 codings for
  200 sources of 100 selections (20,000 selections);
* selections with a ``name`` (their first words) and a modifying user and date,
  as tools write them.

Beside each archive a manifest (``.json``) records what the project holds:
counts, and digests of every selection's text and speaker and of every
coding, so that a reader's answer can be checked, not only timed.

Run ``python benchmarks/refi_synthetic.py 200 800`` to generate (and cache)
projects, and ``python benchmarks/refi_synthetic.py --check 200`` to validate
their ``project.qde`` against the official ``Project-mrt2019.xsd`` (kept in
``shared/refi/`` beside the repository) and check every selection against its
source text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import uuid
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Final, Literal
from xml.sax.saxutils import escape, quoteattr

from _words import Vocabulary

__all__ = [
    "DATA_DIR",
    "DEFAULT_SEED",
    "GENERATOR_VERSION",
    "ORIGINS",
    "SCHEMA",
    "SHAPES",
    "Expected",
    "Origin",
    "ProjectSpec",
    "Shape",
    "check_project",
    "codings_digest",
    "ensure_project",
    "generate_project",
    "project_path",
    "quotes_digest",
]

GENERATOR_VERSION: Final = 1
"""Part of the cache file name: bump it whenever the generated projects change."""

DEFAULT_SEED: Final = 2025
DATA_DIR: Final = Path(__file__).resolve().parent / "_data"
SCHEMA: Final = Path(__file__).resolve().parents[2] / "shared" / "refi" / "Project-mrt2019.xsd"
"""The official project schema, in ``shared/refi`` beside the repository."""

NAMESPACE: Final = "urn:QDA-XML:project:1.0"
SCHEMA_LOCATION: Final = (
    f"{NAMESPACE} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
)

Origin = Literal["maxqda", "nvivo"]
Shape = Literal["basic", "real"]
SHAPES: Final[tuple[Shape, ...]] = ("basic", "real")
ORIGINS: Final[dict[Origin, str]] = {
    "maxqda": "MAXQDA 24 (Release 24.7.0)",
    "nvivo": "NVivo 14 (14.24.2)",
}
"""``Project@origin`` per producer; the reader picks the position scheme from it."""

_CODERS: Final = 3
_THEMES, _SUBTHEMES_PER_THEME, _CODES_PER_SUBTHEME = 4, 3, 8
_GROUPS: Final = 3
_GROUP_SHARES: Final = (0.5, 0.3, 0.2)
_FOCUS_GROUP_SHARE: Final = 0.25
_FOCUS_GROUP_SIZES: Final = (3, 6)
_CODES_PER_CODER: Final = (0, 1, 2)
_CODES_PER_CODER_WEIGHTS: Final = (0.1, 0.8, 0.1)  # one code per coder on average
_AGREEMENT: Final = 0.7
_SAME_SUBTHEME: Final = 0.2
_WHOLE_ANSWER: Final = 0.6
_EMOJI_SHARE: Final = 0.03
_EMOJI: Final = ("\U0001f642", "\U0001f914", "\U0001f44d")  # astral: two UTF-16 units each
_START: Final = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
# The real shape (see the module's docstring).
_REAL_BRANCHES: Final = ((3, 6), (3, 6), (0, 8), (0, 8))  # (sub-themes, codes each) per theme
_REAL_CODERS_PER_SELECTION: Final = (1, 2, 3)
_REAL_CODERS_WEIGHTS: Final = (0.02, 0.08, 0.90)
_REAL_LEVELS: Final = ("code", "parent", "theme")
_REAL_LEVEL_WEIGHTS: Final = (0.75, 0.15, 0.10)
_NAME_WORDS: Final = 8

_ONSETS: Final = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "tr")
_VOWELS: Final = ("a", "e", "i", "o", "u", "y", "ä", "ö", "å")
_CODAS: Final = ("", "", "", "n", "r", "s", "t", "ng", "ll", "rk")


@dataclass(frozen=True)
class ProjectSpec:
    """Which project to generate."""

    sources: int
    selections_per_source: int = 100
    origin: Origin = "maxqda"
    seed: int = DEFAULT_SEED
    shape: Shape = "basic"

    def __post_init__(self) -> None:
        if self.sources < 1 or self.selections_per_source < 1:
            raise ValueError(f"a project needs at least one source and selection: {self}")
        if self.origin not in ORIGINS:
            raise ValueError(f"origin must be one of {sorted(ORIGINS)}, got {self.origin!r}")
        if self.shape not in SHAPES:
            raise ValueError(f"shape must be one of {SHAPES}, got {self.shape!r}")

    @property
    def stem(self) -> str:
        """The cache file name, without suffix."""
        shape = "" if self.shape == "basic" else f"-{self.shape}"
        return (
            f"refi-v{GENERATOR_VERSION}{shape}-{self.origin}-seed{self.seed}"
            f"-{self.sources}x{self.selections_per_source}"
        )


@dataclass(frozen=True)
class Expected:
    """What a generated project holds: the answer every reader is checked against."""

    sources: int
    selections: int
    codings: int
    participants: int
    focus_groups: int
    codes: int
    coders: int
    qde_bytes: int
    quotes_digest: str
    """:func:`quotes_digest` of every selection (lower-case GUID, text, speaker's case GUID)."""
    codings_digest: str
    """:func:`codings_digest` of every coding (selection, code and user GUIDs, lower-case)."""
    level_digests: dict[str, str] = field(default_factory=dict)
    """Real shape only: :func:`codings_digest` of the codings of codes (``"codes"``), and of
    those with the codings of sub-themes and/or themes (``"codes+subthemes"``,
    ``"codes+themes"``; ``"all"`` is :attr:`codings_digest`), so that a reader keeping only
    some levels can be checked too."""
    level_codings: dict[str, int] = field(default_factory=dict)
    """Real shape only: how many codings apply a code, a sub-theme, a theme."""


def quotes_digest(quotes: Iterable[tuple[str, str, str | None]]) -> str:
    """Return a digest of ``(selection GUID, text, speaker GUID)`` triples, in any order."""
    return _digest(quotes)


def codings_digest(codings: Iterable[tuple[str, str, str | None]]) -> str:
    """Return a digest of ``(selection GUID, code GUID, user GUID)`` triples, in any order."""
    return _digest(codings)


def _digest(rows: Iterable[tuple[str, str, str | None]]) -> str:
    lines = sorted("\x1f".join(part or "" for part in row) for row in rows)
    return hashlib.sha256("\x1e".join(lines).encode("utf-8")).hexdigest()


# ----------------------------------------------------------------------------------- vocabulary


class _Words(Vocabulary):
    """The invented vocabulary, and the phrases this generator makes of it."""

    def __init__(self, rng: random.Random, size: int = 3000) -> None:
        super().__init__(rng, onsets=_ONSETS, vowels=_VOWELS, codas=_CODAS, size=size)

    def phrase(self, low: int, high: int) -> str:
        count = self.rng.randint(low, high)
        return " ".join(self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=count))

    def sentences(self, low: int, high: int, *, emoji: float = 0.0) -> list[str]:
        """Return ``low``-``high`` sentences of 5-18 words, some ending with an emoji."""
        rng = self.rng
        found: list[str] = []
        for _ in range(rng.randint(low, high)):
            sentence = self.phrase(5, 18).capitalize() + rng.choice(".....?!")
            if rng.random() < emoji:
                sentence += " " + rng.choice(_EMOJI)
            found.append(sentence)
        return found


# ------------------------------------------------------------------------------------ generator


@dataclass
class _Code:
    guid: str
    name: str
    color: str
    description: str | None = None
    children: list[_Code] = field(default_factory=list)


@dataclass
class _Selection:
    guid: str
    start: int
    end: int
    text: str
    speaker: str
    creator: str
    created: str
    codings: list[tuple[str, str, str, str]]  # (guid, code GUID, user GUID, dateTime)
    name: str | None = None
    modifier: str | None = None
    modified: str | None = None


@dataclass
class _Participant:
    guid: str
    name: str
    group: str
    source: str
    selections: list[str] = field(default_factory=list)


@dataclass
class _Source:
    guid: str
    name: str
    text: str
    created: str
    creator: str
    selections: list[_Selection] = field(default_factory=list)


@dataclass
class _Content:
    users: list[tuple[str, str]]  # (GUID, name)
    themes: list[_Code]
    variable: str  # the GUID of "Stakeholder group"
    participants: list[_Participant]
    sources: list[_Source]


class _Generator:
    def __init__(self, spec: ProjectSpec) -> None:
        self.spec = spec
        self.rng = random.Random(f"peerlandscape-refi-benchmark-{spec.seed}-{spec.sources}")
        self.words = _Words(self.rng)
        # MAXQDA (and ATLAS.ti) write upper-case GUIDs, NVivo lower-case ones.
        self.upper = spec.origin == "maxqda" or spec.shape == "real"
        self.real = spec.shape == "real"
        # Real shape: the code above each pool's codes, each pool's theme, and each code's level.
        self.parents: list[str] = []
        self.pool_themes: list[str] = []
        self.levels: dict[str, str] = {}
        self.newline = "\n" if spec.origin == "maxqda" else "\r\n"
        self.clock = _START

    def guid(self) -> str:
        value = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return value.upper() if self.upper else value

    def timestamp(self, most_seconds: int) -> str:
        self.clock += timedelta(seconds=self.rng.randint(1, most_seconds))
        return self.clock.strftime("%Y-%m-%dT%H:%M:%SZ")

    def label(self, low: int, high: int) -> str:
        return self.words.phrase(low, high).title()

    def position(self, text: str) -> int:
        """Return the length of ``text`` counted as the producer counts positions."""
        if self.spec.origin == "nvivo":
            return len(text) + sum(1 for character in text if ord(character) > 0xFFFF)
        return len(text)

    def real_codebook(self) -> tuple[list[_Code], list[list[str]]]:
        """Return themes of three and of two levels, and the codes under each lowest parent."""
        rng = self.rng
        themes: list[_Code] = []
        pools: list[list[str]] = []
        for subthemes, codes in _REAL_BRANCHES:
            color = f"#{rng.randrange(16**6):06x}"
            theme = _Code(self.guid(), self.label(2, 4), color, self.words.phrase(12, 30))
            self.levels[theme.guid] = "theme"
            parents = [theme]
            if subthemes:
                parents = [
                    _Code(self.guid(), self.label(2, 5), color, self.words.phrase(12, 30))
                    for _ in range(subthemes)
                ]
                theme.children = parents
                self.levels.update((parent.guid, "subtheme") for parent in parents)
            for parent in parents:
                parent.children = [
                    _Code(self.guid(), self.label(1, 4), color) for _ in range(codes)
                ]
                self.levels.update((code.guid, "code") for code in parent.children)
                pools.append([code.guid for code in parent.children])
                self.parents.append(parent.guid)
                self.pool_themes.append(theme.guid)
            themes.append(theme)
        return themes, pools

    def real_codings(
        self, primary: int, pools: Sequence[Sequence[str]], users: Sequence[str]
    ) -> list[tuple[str, str, str, str]]:
        """Return 1-3 codings of one selection, each by another coder, at any level."""
        rng = self.rng
        count = rng.choices(_REAL_CODERS_PER_SELECTION, weights=_REAL_CODERS_WEIGHTS)[0]
        agreed = rng.choice(pools[primary])
        found: list[tuple[str, str, str, str]] = []
        for user in rng.sample(users, count):
            pool = (
                primary if rng.random() < _AGREEMENT + _SAME_SUBTHEME else rng.randrange(len(pools))
            )
            level = rng.choices(_REAL_LEVELS, weights=_REAL_LEVEL_WEIGHTS)[0]
            if level == "theme":
                code = self.pool_themes[pool]
            elif level == "parent":
                code = self.parents[pool]
            elif pool == primary and rng.random() < _AGREEMENT:
                code = agreed
            else:
                code = rng.choice(pools[pool])
            found.append((self.guid(), code, user, self.timestamp(90)))
        return found

    def codebook(self) -> tuple[list[_Code], list[list[str]]]:
        if self.real:
            return self.real_codebook()
        rng = self.rng
        themes: list[_Code] = []
        pools: list[list[str]] = []  # the codes under each sub-theme
        for _ in range(_THEMES):
            color = f"#{rng.randrange(16**6):06x}"
            theme = _Code(self.guid(), self.label(2, 4), color, self.words.phrase(12, 30))
            for _ in range(_SUBTHEMES_PER_THEME):
                subtheme = _Code(self.guid(), self.label(2, 5), color, self.words.phrase(12, 30))
                subtheme.children = [
                    _Code(self.guid(), self.label(1, 4), color) for _ in range(_CODES_PER_SUBTHEME)
                ]
                pools.append([code.guid for code in subtheme.children])
                theme.children.append(subtheme)
            themes.append(theme)
        return themes, pools

    def codings(
        self, primary: int, pools: Sequence[Sequence[str]], users: Sequence[str]
    ) -> list[tuple[str, str, str, str]]:
        """Return the codings of one selection: 0-2 codes per coder, at least one in all."""
        rng = self.rng
        pool = pools[primary]
        agreed = rng.choice(pool)
        chosen: list[tuple[str, str]] = []
        for user in users:
            count = rng.choices(_CODES_PER_CODER, weights=_CODES_PER_CODER_WEIGHTS)[0]
            if not chosen and user == users[-1]:
                count = max(count, 1)
            codes: list[str] = []
            while len(codes) < count:
                draw = rng.random()
                if not codes and draw < _AGREEMENT:
                    code = agreed
                elif draw < _AGREEMENT + _SAME_SUBTHEME:
                    code = rng.choice(pool)
                else:
                    code = rng.choice(rng.choice(pools))
                if code not in codes:
                    codes.append(code)
            chosen.extend((code, user) for code in codes)
        return [(self.guid(), code, user, self.timestamp(90)) for code, user in chosen]

    def source(
        self,
        number: int,
        speakers: Sequence[_Participant],
        pools: Sequence[Sequence[str]],
        favour: Sequence[float],
        users: Sequence[str],
    ) -> _Source:
        rng = self.rng
        words = self.words
        guid = self.guid()
        focus = len(speakers) > 1
        source = _Source(
            guid,
            f"{'Focus group' if focus else 'Interview'} {number}",
            "",
            self.timestamp(3600),
            rng.choice(users),
        )
        parts: list[str] = []
        at = 0  # the position where the next paragraph starts, in the producer's units
        newline = self.newline
        for _ in range(self.spec.selections_per_source):
            question = "I: " + " ".join(words.sentences(1, 2))
            speaker = rng.choice(speakers)
            prefix = f"{speaker.name}: "
            answer = words.sentences(1, 6, emoji=_EMOJI_SHARE)
            if len(answer) > 2 and rng.random() > _WHOLE_ANSWER:
                # A part of the answer: some of its sentences, not at its start.
                first = rng.randint(1, len(answer) - 1)
                last = rng.randint(first + 1, len(answer))
            else:
                first, last = 0, len(answer)
            before = prefix + "".join(sentence + " " for sentence in answer[:first])
            selected = " ".join(answer[first:last])
            paragraph = f"{question}{newline}{prefix}{' '.join(answer)}"
            start = at + self.position(question + newline + before)
            end = start + self.position(selected)
            primary = rng.choices(range(len(pools)), cum_weights=favour)[0]
            selection = _Selection(
                self.guid(),
                start,
                end,
                selected,
                speaker.guid,
                rng.choice(users),
                self.timestamp(600),
                (self.real_codings if self.real else self.codings)(primary, pools, users),
            )
            if self.real:
                # Tools name a selection after its first words, and record who changed it last.
                said = selected.split()
                selection.name = " ".join(said[:_NAME_WORDS]) + (
                    "…" if len(said) > _NAME_WORDS else ""
                )
                selection.modifier = rng.choice(users)
                selection.modified = self.timestamp(60)
            source.selections.append(selection)
            speaker.selections.append(selection.guid)
            parts.append(paragraph)
            at += self.position(paragraph + newline + newline)
        source.text = (newline + newline).join(parts)
        return source

    def project(self) -> tuple[bytes, dict[str, bytes], Expected]:
        rng = self.rng
        spec = self.spec
        users = [(self.guid(), self.label(2, 2)) for _ in range(_CODERS)]
        user_guids = [guid for guid, _ in users]
        themes, pools = self.codebook()
        groups = [self.label(2, 3) for _ in range(_GROUPS)]
        # Each group talks about some sub-themes much more than others.
        favour = {g: list(accumulate(rng.paretovariate(1.5) for _ in pools)) for g in groups}
        variable = self.guid()
        participants: list[_Participant] = []
        sources: list[_Source] = []
        focus_groups = 0
        for number in range(1, spec.sources + 1):
            group = rng.choices(groups, weights=_GROUP_SHARES)[0]
            focus = rng.random() < _FOCUS_GROUP_SHARE
            focus_groups += focus
            size = rng.randint(*_FOCUS_GROUP_SIZES) if focus else 1
            speakers = [
                _Participant(self.guid(), f"P{len(participants) + k + 1}", group, "")
                for k in range(size)
            ]
            source = self.source(number, speakers, pools, favour[group], user_guids)
            for speaker in speakers:
                speaker.source = source.guid
            participants.extend(speakers)
            sources.append(source)
        name = f"Synthetic project of {spec.sources} sources (seed {spec.seed})"
        content = _Content(users, themes, variable, participants, sources)
        qde = _ProjectWriter(self.newline).write(name, spec.origin, content)
        texts = {f"sources/{source.guid}.txt": source.text.encode("utf-8") for source in sources}
        selections = [selection for source in sources for selection in source.selections]
        expected = Expected(
            sources=len(sources),
            selections=len(selections),
            codings=sum(len(selection.codings) for selection in selections),
            participants=len(participants),
            focus_groups=focus_groups,
            codes=sum(1 + len(s.children) for theme in themes for s in theme.children)
            + len(themes),
            coders=len(users),
            qde_bytes=len(qde),
            quotes_digest=quotes_digest(
                (s.guid.lower(), s.text, s.speaker.lower()) for s in selections
            ),
            codings_digest=codings_digest(
                (s.guid.lower(), code.lower(), user.lower())
                for s in selections
                for _, code, user, _ in s.codings
            ),
        )
        if self.real:
            triples = [
                (self.levels[code], (s.guid.lower(), code.lower(), user.lower()))
                for s in selections
                for _, code, user, _ in s.codings
            ]
            kept = {
                "codes": {"code"},
                "codes+subthemes": {"code", "subtheme"},
                "codes+themes": {"code", "theme"},
                "all": {"code", "subtheme", "theme"},
            }
            expected.level_digests.update(
                (name, codings_digest(row for level, row in triples if level in levels))
                for name, levels in kept.items()
            )
            expected.level_codings.update(Counter(level for level, _ in triples))
        return qde, texts, expected


class _ProjectWriter:
    """Write ``project.qde`` as a tool does: one element per line, indented by one space."""

    def __init__(self, newline: str) -> None:
        self.newline = newline
        self.lines: list[str] = []

    def write(self, name: str, origin: Origin, content: _Content) -> bytes:
        users, variable, sources = content.users, content.variable, content.sources
        out = self.lines.append
        out('<?xml version="1.0" encoding="utf-8"?>')
        out(
            f'<Project xmlns="{NAMESPACE}" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            f'xsi:schemaLocation="{SCHEMA_LOCATION}" name={quoteattr(name)} '
            f"origin={quoteattr(ORIGINS[origin])} creatingUserGUID={quoteattr(users[0][0])} "
            f'creationDateTime="{_START:%Y-%m-%dT%H:%M:%SZ}" '
            f"modifiedDateTime={quoteattr(sources[-1].selections[-1].codings[-1][3])}>"
        )
        out(" <Users>")
        for guid, user_name in users:
            out(f'  <User guid="{guid}" name={quoteattr(user_name)}/>')
        out(" </Users>")
        out(" <CodeBook>")
        out("  <Codes>")
        for theme in content.themes:
            self.code(theme, 3)
        out("  </Codes>")
        out(" </CodeBook>")
        out(" <Variables>")
        out(f'  <Variable guid="{variable}" name="Stakeholder group" typeOfVariable="Text"/>')
        out(" </Variables>")
        out(" <Cases>")
        for participant in content.participants:
            out(f'  <Case guid="{participant.guid}" name={quoteattr(participant.name)}>')
            out("   <VariableValue>")
            out(f'    <VariableRef targetGUID="{variable}"/>')
            out(f"    <TextValue>{escape(participant.group)}</TextValue>")
            out("   </VariableValue>")
            out(f'   <SourceRef targetGUID="{participant.source}"/>')
            for selection in participant.selections:
                out(f'   <SelectionRef targetGUID="{selection}"/>')
            out("  </Case>")
        out(" </Cases>")
        out(" <Sources>")
        for source in sources:
            self.source(source)
        out(" </Sources>")
        out("</Project>")
        return (self.newline.join(self.lines) + self.newline).encode("utf-8")

    def code(self, code: _Code, depth: int) -> None:
        indent = " " * depth
        attributes = (
            f'guid="{code.guid}" name={quoteattr(code.name)} isCodable="true" color="{code.color}"'
        )
        if code.description is None and not code.children:
            self.lines.append(f"{indent}<Code {attributes}/>")
            return
        self.lines.append(f"{indent}<Code {attributes}>")
        if code.description is not None:
            self.lines.append(f"{indent} <Description>{escape(code.description)}</Description>")
        for child in code.children:
            self.code(child, depth + 1)
        self.lines.append(f"{indent}</Code>")

    def source(self, source: _Source) -> None:
        out = self.lines.append
        out(
            f'  <TextSource guid="{source.guid}" name={quoteattr(source.name)} '
            f'plainTextPath="internal://{source.guid}.txt" creatingUser="{source.creator}" '
            f'creationDateTime="{source.created}">'
        )
        for s in source.selections:
            if s.name is None:
                out(
                    f'   <PlainTextSelection guid="{s.guid}" startPosition="{s.start}" '
                    f'endPosition="{s.end}" creatingUser="{s.creator}" '
                    f'creationDateTime="{s.created}">'
                )
            else:
                out(
                    f'   <PlainTextSelection guid="{s.guid}" name={quoteattr(s.name)} '
                    f'startPosition="{s.start}" endPosition="{s.end}" '
                    f'creatingUser="{s.creator}" creationDateTime="{s.created}" '
                    f'modifyingUser="{s.modifier}" modifiedDateTime="{s.modified}">'
                )
            for guid, code, user, created in s.codings:
                out(
                    f'    <Coding guid="{guid}" creatingUser="{user}" creationDateTime="{created}">'
                )
                out(f'     <CodeRef targetGUID="{code}"/>')
                out("    </Coding>")
            out("   </PlainTextSelection>")
        out("  </TextSource>")


def generate_project(spec: ProjectSpec) -> tuple[bytes, dict[str, bytes], Expected]:
    """Return ``project.qde``, the source files by archive name, and what they hold."""
    return _Generator(spec).project()


# ---------------------------------------------------------------------------------------- cache


def project_path(spec: ProjectSpec, *, data_dir: Path = DATA_DIR) -> Path:
    """Return where the archive of ``spec`` is cached (its manifest is beside it, ``.json``)."""
    return data_dir / f"{spec.stem}.qdpx"


def _write_atomically(path: Path, write: Callable[[Path], None]) -> None:
    # Written beside the target and renamed, so an interrupted run leaves no half file.
    partial = path.with_suffix(f".{os.getpid()}.partial")
    try:
        write(partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


def ensure_project(spec: ProjectSpec, *, data_dir: Path = DATA_DIR) -> tuple[Path, Expected]:
    """Return the cached archive of ``spec`` and its manifest, generating them first if needed."""
    path = project_path(spec, data_dir=data_dir)
    manifest = path.with_suffix(".json")
    if path.exists() and manifest.exists():
        return path, Expected(**json.loads(manifest.read_text(encoding="utf-8")))
    data_dir.mkdir(parents=True, exist_ok=True)
    qde, texts, expected = generate_project(spec)

    def write_archive(target: Path) -> None:
        # Members dated and ordered as a tool writes them: the project, then the sources.
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("project.qde", (2024, 3, 4, 9, 0, 0)), qde, 8)
            for name in sorted(texts):
                archive.writestr(zipfile.ZipInfo(name, (2024, 3, 4, 9, 0, 0)), texts[name], 8)

    _write_atomically(path, write_archive)

    def write_manifest(target: Path) -> None:
        target.write_text(json.dumps(asdict(expected), indent=1), encoding="utf-8")

    _write_atomically(manifest, write_manifest)
    return path, expected


# ---------------------------------------------------------------------------------------- check


def check_project(path: Path, spec: ProjectSpec, *, schema: Path = SCHEMA) -> list[str]:
    """Return what is wrong with a generated archive (nothing, when it is sound).

    ``project.qde`` must validate against the official schema; every
    ``plainTextPath`` must name a member of ``sources/``; every selection must
    lie inside its source's text, counted as the producer counts positions.
    """
    # The generator itself needs no lxml; lxml ships no type information.
    from lxml import etree  # type: ignore[import-untyped]  # noqa: PLC0415

    problems: list[str] = []
    validator = etree.XMLSchema(etree.parse(str(schema)))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        if not validator.validate(root):
            problems.extend(
                f"project.qde line {error.line}: {error.message}"
                for error in list(validator.error_log)[:20]
            )
        members = set(archive.namelist())
        ns = f"{{{NAMESPACE}}}"
        for source in root.iter(f"{ns}TextSource"):
            member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            if member not in members:
                problems.append(f"{member}: named by a plainTextPath, not in the archive")
                continue
            text = archive.read(member).decode("utf-8")
            length = len(text)
            if spec.origin == "nvivo":
                length += sum(1 for character in text if ord(character) > 0xFFFF)
            for selection in source.iter(f"{ns}PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                if not 0 <= start < end <= length:
                    guid = selection.get("guid")
                    problems.append(f"selection {guid}: {start}..{end} outside 0..{length}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "sources", nargs="*", type=int, default=[200, 800], help="numbers of sources"
    )
    parser.add_argument("--selections", type=int, default=100, help="selections per source")
    parser.add_argument("--origin", choices=sorted(ORIGINS), default="maxqda")
    parser.add_argument(
        "--shape", choices=SHAPES, default="basic", help="real: as MAXQDA/ATLAS.ti files are"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--schema", type=Path, default=SCHEMA, help="Project-mrt2019.xsd")
    parser.add_argument(
        "--check", action="store_true", help="validate against the schema and the source texts"
    )
    args = parser.parse_args(argv)
    failed = False
    for n in args.sources:
        spec = ProjectSpec(n, args.selections, args.origin, args.seed, args.shape)
        path, expected = ensure_project(spec)
        print(f"{path}: {expected.selections:,} selections, {expected.codings:,} codings")
        if args.check:
            problems = check_project(path, spec, schema=args.schema)
            for problem in problems:
                print(f"  {problem}")
            print(f"  {'INVALID' if problems else 'valid against ' + args.schema.name}")
            failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
