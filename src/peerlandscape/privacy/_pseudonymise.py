"""Pseudonymise a study: replace what identifies a person, consistently, and keep the key apart.

Every finding of :func:`~peerlandscape.privacy.scan_study` is replaced by a
pseudonym that depends on its kind and on the original alone, so the same
person, number or address reads the same in every text and label:

==========================  ==============================================
kind                        pseudonym
==========================  ==============================================
name                        ``Person 1``, ``Person 2``, ... (``Annas`` ->
                            ``Person 1:s``, ``Anna's`` -> ``Person 1's``)
e-mail                      ``[e-mail 1]``, ``[e-mail 2]``, ...
phone                       ``[phone 1]``, ...
address                     ``[address 1]``, ...
personal identity number    ``[personnummer]``
coordination number         ``[samordningsnummer]``
postcode                    ``[postcode]``
date of birth               ``[date of birth]``
==========================  ==============================================

Numbers are given in the order the study holds the originals, skipping any the
study already uses (a participant labelled ``Person 1`` keeps that label to itself). Two
spellings of one original (``ANNA``, ``anna``; ``850709-2347``, ``19850709-2347``;
``070-174 06 05``, ``+46 70 174 06 05``) get the same pseudonym.

A quote cut from a source keeps its place in it: findings are replaced in the
source text, together with those found in the quotes cut from it, and each
quote's span is moved to where its words now lie and its text taken from
there, so that ``source.text[span] == quote.text`` holds after as before. A
quote whose span cut a finding in half is widened to hold the whole
pseudonym. A quote that did not match its source before is replaced on its
own, and its span only moved.

An object whose id was made from the text replaced in its label (or its
text), as an importer makes ids (participant ``anna-andersson`` of the case
``Anna Andersson``), gets the id made from the new label (``person-1``),
unique within its kind, and every reference to it is rewritten
(:mod:`~peerlandscape.privacy._renaming`). Each new id is reported as a
replacement of the field ``id``, and the key keeps each old id and its new
one apart from the texts, by kind of object (``Key.ids``:
``participant``: ``anna-andersson`` -> ``person-1``).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

import attrs

from peerlandscape.models import Kind, Span, Study
from peerlandscape.privacy._addresses import canonical_address
from peerlandscape.privacy._email import canonical_email
from peerlandscape.privacy._findings import Finding, FindingKind
from peerlandscape.privacy._identity_numbers import identity_digits
from peerlandscape.privacy._key import Key
from peerlandscape.privacy._names import NameMatcher, canonical_name
from peerlandscape.privacy._phone import canonical_phone
from peerlandscape.privacy._renaming import IdChange, rename_ids, renamed_ref
from peerlandscape.privacy._rewrite import Edit, Rewrite
from peerlandscape.privacy._scan import resolve_overlaps
from peerlandscape.privacy._study_scan import ScannedText, scan_texts
from peerlandscape.privacy._texts import Path

__all__ = ["PSEUDONYMS", "PseudonymisationResult", "Replacement", "pseudonymise"]

PSEUDONYMS: dict[FindingKind, str] = {
    FindingKind.NAME: "Person {number}",
    FindingKind.EMAIL: "[e-mail {number}]",
    FindingKind.PHONE: "[phone {number}]",
    FindingKind.ADDRESS: "[address {number}]",
    FindingKind.PERSONAL_IDENTITY_NUMBER: "[personnummer]",
    FindingKind.COORDINATION_NUMBER: "[samordningsnummer]",
    FindingKind.POSTCODE: "[postcode]",
    FindingKind.DATE_OF_BIRTH: "[date of birth]",
}
"""The pseudonym of each kind; ``{number}`` counts the distinct originals of the kind."""

_POSSESSIVES = {"s": ":s", "'s": "'s", "\u2019s": "\u2019s", "'": "'s", "\u2019": "\u2019s"}
"""A name's possessive ending, as it is written after a pseudonym ("Person 1:s")."""


@attrs.frozen
class Replacement:
    """One stretch of a study's text that was replaced, and by what (never what it was).

    Parameters
    ----------
    ref, field
        Where the text sits, as in :class:`~peerlandscape.privacy.StudyFinding`,
        the object named by its new id if it was renamed; ``field`` is ``"id"``
        for the id itself.
    kind
        What was replaced.
    start, end
        Where the replaced stretch lay in the original text of the field.
    pseudonym
        What it became.
    """

    ref: str
    field: str
    kind: FindingKind = attrs.field(converter=FindingKind)
    start: int
    end: int
    pseudonym: str

    @property
    def location(self) -> str:
        """The object and the field, as one string: ``"quote:q1 text"``."""
        return f"{self.ref} {self.field}"


@attrs.frozen(repr=False)
class PseudonymisationResult:
    """The pseudonymised study, the key that undoes it, and what was replaced where.

    Parameters
    ----------
    study
        The study with every finding replaced, validated.
    key
        Which original became which pseudonym, and, in ``Key.ids``,
        which object's old id its new one (participant ``anna-andersson`` ->
        ``person-1``). It is not in ``study``: keep it apart
        (:meth:`Key.write`), or discard it for an anonymised copy.
    replacements
        Each replaced stretch, where it lay and its pseudonym; no original
        text, so the report can be shared or logged.
    """

    study: Study
    key: Key
    replacements: tuple[Replacement, ...]

    def counts(self) -> dict[FindingKind, int]:
        """Return how many stretches of each kind were replaced."""
        return dict(Counter(replacement.kind for replacement in self.replacements))

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind.value}: {count}" for kind, count in self.counts().items())
        return (
            f"<PseudonymisationResult of {self.study.id!r}: "
            f"{len(self.replacements)} replacements{f' ({counts})' if counts else ''}>"
        )


def _numbers_in(text: str, pseudonym: str) -> frozenset[int]:
    # The numbers of the pseudonyms of one form ("Person {number}") that text already holds.
    if "{number}" not in pseudonym:
        return frozenset()
    before, _, after = pseudonym.partition("{number}")
    pattern = rf"(?<!\w){re.escape(before)}(\d+)(?!\d){re.escape(after)}"
    return frozenset(int(number) for number in re.findall(pattern, text, re.IGNORECASE))


class _Pseudonyms:
    """Gives each original the pseudonym of its kind, the same for every spelling of it."""

    def __init__(self, names: NameMatcher, texts: Iterable[str]) -> None:
        self.names = names
        self.given: dict[tuple[FindingKind, str], str] = {}
        self.counts: Counter[FindingKind] = Counter()
        self.mapping: dict[FindingKind, dict[str, str]] = {}
        # A pseudonym the study already uses ("Person 1" as a participant's label) would merge
        # two people: its number is skipped.
        joined = "\n".join(texts)
        self.taken = {kind: _numbers_in(joined, pattern) for kind, pattern in PSEUDONYMS.items()}

    def _original(self, finding: Finding) -> tuple[str, str]:
        # (the original as written, the possessive ending of a name)
        if finding.kind is FindingKind.NAME:
            return self.names.split(finding.text)
        return finding.text, ""

    def _canonical(self, kind: FindingKind, original: str) -> str:
        if kind in (FindingKind.PERSONAL_IDENTITY_NUMBER, FindingKind.COORDINATION_NUMBER):
            return identity_digits(original)
        if kind is FindingKind.EMAIL:
            return canonical_email(original)
        if kind is FindingKind.PHONE:
            return canonical_phone(original)
        if kind is FindingKind.NAME:
            return canonical_name(original)
        return canonical_address(original)

    def replacement(self, finding: Finding) -> str:
        """Return what ``finding`` is replaced with, giving its original a pseudonym if new."""
        original, possessive = self._original(finding)
        identity = (finding.kind, self._canonical(finding.kind, original))
        pseudonym = self.given.get(identity)
        if pseudonym is None:
            self.counts[finding.kind] += 1
            while self.counts[finding.kind] in self.taken[finding.kind]:
                self.counts[finding.kind] += 1
            pseudonym = PSEUDONYMS[finding.kind].format(number=self.counts[finding.kind])
            self.given[identity] = pseudonym
        self.mapping.setdefault(finding.kind, {}).setdefault(original, pseudonym)
        return pseudonym + _POSSESSIVES.get(possessive, possessive)


def _overlaps(finding: Finding, others: Iterable[Finding]) -> bool:
    return any(other.start < finding.end and finding.start < other.end for other in others)


class _Pseudonymiser:
    """One pass over a scanned study: the new values, moved spans and the report."""

    def __init__(self, study: Study, scanned: list[ScannedText], pseudonyms: _Pseudonyms) -> None:
        self.study = study
        self.scanned = {item.text.path: item for item in scanned}
        self.pseudonyms = pseudonyms
        self.values: dict[Path, str] = {}
        self.spans: dict[int, Span] = {}
        self._replacements: list[tuple[int, Replacement]] = []  # (the text's place, ...)
        self._order = {item.text.path: place for place, item in enumerate(scanned)}
        self.done: set[Path] = set()
        # Numbered in the order the study holds the originals, whatever is replaced first.
        for item in scanned:
            for finding in item.findings:
                pseudonyms.replacement(finding)

    def run(self) -> None:
        cut_from: dict[str, list[int]] = {}  # source id -> positions of the quotes with a span
        for index, quote in enumerate(self.study.quotes):
            if quote.source is not None and quote.span is not None:
                cut_from.setdefault(quote.source, []).append(index)
        for position, source in enumerate(self.study.sources):
            if source.text is not None:
                self._source(position, source.text, cut_from.get(source.id, []))
        for path, item in self.scanned.items():
            if path not in self.done and item.findings:
                self._replace(item, item.findings)

    def _replace(self, item: ScannedText, findings: Iterable[Finding]) -> Rewrite:
        rewrite = Rewrite(
            item.text.text,
            [Edit(f.start, f.end, self.pseudonyms.replacement(f)) for f in findings],
        )
        self._report(item, rewrite.edits, findings, 0, len(item.text.text))
        if rewrite.edits:
            self.values[item.text.path] = rewrite.text
        self.done.add(item.text.path)
        return rewrite

    def _report(
        self,
        item: ScannedText,
        edits: list[Edit],
        findings: Iterable[Finding],
        start: int,
        end: int,
    ) -> None:
        # The edits that reach into [start, end) of the original text, relative to start.
        kinds = {(f.start, f.end): f.kind for f in findings}
        for edit in edits:
            if edit.start < end and start < edit.end:
                replacement = Replacement(
                    item.text.ref,
                    item.text.field,
                    kinds[edit.start, edit.end],
                    max(edit.start, start) - start,
                    min(edit.end, end) - start,
                    edit.replacement,
                )
                self._replacements.append((self._order[item.text.path], replacement))

    @property
    def replacements(self) -> tuple[Replacement, ...]:
        """What was replaced, in the order of the study's texts and of position in each."""
        ordered = sorted(self._replacements, key=lambda pair: (pair[0], pair[1].start))
        return tuple(replacement for _, replacement in ordered)

    def _source(self, position: int, text: str, quotes: list[int]) -> None:
        item = self.scanned[("sources", position, "text")]
        cut: list[tuple[int, Span, bool]] = []  # (quote position, span, words match the span)
        extra: list[Finding] = []
        for index in quotes:
            quote = self.study.quotes[index]
            span = quote.span
            if span is None:  # pragma: no cover - run() lists only quotes with a span
                continue
            matches = quote.text is not None and span.slice(text) == quote.text
            cut.append((index, span, matches))
            if matches:
                # What the quote alone shows (a name cut from a longer word, say) goes too.
                own = self.scanned[("quotes", index, "text")].findings
                extra.extend(
                    Finding(f.kind, f.start + span.start, f.end + span.start, f.text) for f in own
                )
        findings = list(item.findings)
        findings += [f for f in resolve_overlaps(extra) if not _overlaps(f, item.findings)]
        findings.sort(key=lambda f: f.start)
        rewrite = self._replace(item, findings)
        for index, span, matches in cut:
            moved = Span(rewrite.start(span.start), rewrite.end(span.end))
            if moved != span:
                self.spans[index] = moved
            if matches:
                quote_item = self.scanned[("quotes", index, "text")]
                self._report(quote_item, rewrite.edits, findings, span.start, span.end)
                new_text = moved.slice(rewrite.text)
                if new_text != quote_item.text.text:
                    self.values[quote_item.text.path] = new_text
                self.done.add(quote_item.text.path)

    def study_data(self) -> dict[str, Any]:
        data: dict[str, Any] = self.study.model_dump()
        for path, value in self.values.items():
            _put(data, path, value)
        for index, span in self.spans.items():
            _put(data, ("quotes", index, "span"), {"start": span.start, "end": span.end})
        return data


def _put(data: dict[str, Any], path: Path, value: Any) -> None:
    container: Any = data
    for step in path[:-1]:
        child = container[step]
        if isinstance(child, tuple):
            child = list(child)
            container[step] = child
        container = child
    container[path[-1]] = value


def pseudonymise(
    study: Study,
    *,
    names: Iterable[str] = (),
    key_path: str | os.PathLike[str] | None = None,
    name_labels: bool = True,
    speaker_tags: bool = True,
) -> PseudonymisationResult:
    r"""Replace what identifies a person in a study with pseudonyms, and return the key apart.

    Replaces every finding of :func:`~peerlandscape.privacy.scan_study` (with
    the same ``names``, ``name_labels`` and ``speaker_tags``) in every free
    text, label and attribute value of the study. The same original gets the
    same pseudonym everywhere; quotes keep matching the source text they were
    cut from; an object whose id was made from a replaced label gets a new id,
    and every reference to it follows (see ``docs/privacy.md``).

    Parameters
    ----------
    study
        The study to pseudonymise; it is not changed.
    names
        Names of people to replace (see :func:`~peerlandscape.privacy.scan`).
    key_path
        If given, the key is also written there (:meth:`Key.write`: JSON,
        atomically, mode ``0600``). The key is never written into the study.
    name_labels, speaker_tags
        As in :func:`~peerlandscape.privacy.scan_study`.

    Returns
    -------
    PseudonymisationResult
        The cleaned study (validated), the key and the report of replacements.

    Raises
    ------
    MissingDependencyError
        As :func:`~peerlandscape.privacy.scan_study`, which finds what is replaced.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.privacy import pseudonymise
    >>> text = ("ANNA: Jag heter Anna Andersson, 850709-2347.\nBO: Och jag Bo.\n"
    ...         "ANNA: Hej Bo!\nBO: Hej.")
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     groups=[{"id": "psw", "label": "Peer support workers"}],
    ...     participants=[{"id": "p1", "label": "Anna Andersson", "group": "psw"}],
    ...     sources=[{"id": "t1", "label": "Focus group 1", "text": text}],
    ...     quotes=[{"id": "q1", "text": text[6:43], "source": "t1", "span": pl.Span(6, 43)}],
    ... )
    >>> result = pseudonymise(study)
    >>> result
    <PseudonymisationResult of 'demo': 11 replacements (name: 9, personal_identity_number: 2)>
    >>> print(result.study.sources[0].text)
    Person 2: Jag heter Person 1, [personnummer].
    Person 3: Och jag Person 3.
    Person 2: Hej Person 3!
    Person 3: Hej.
    >>> quote = result.study.quotes[0]
    >>> quote.text, quote.span.slice(result.study.sources[0].text) == quote.text
    ('Jag heter Person 1, [personnummer]', True)
    >>> result.study.participants[0].label
    'Person 1'
    >>> dict(result.key["name"])
    {'Anna Andersson': 'Person 1', 'ANNA': 'Person 2', 'BO': 'Person 3', 'Bo': 'Person 3'}
    """
    scanner, scanned = scan_texts(study, names, name_labels=name_labels, speaker_tags=speaker_tags)
    pseudonyms = _Pseudonyms(scanner.names, (item.text.text for item in scanned))
    run = _Pseudonymiser(study, scanned, pseudonyms)
    run.run()
    data = run.study_data()
    replacements = run.replacements
    replaced: dict[tuple[str, str], FindingKind] = {}
    for replacement in replacements:
        replaced.setdefault((replacement.ref, replacement.field), replacement.kind)
    changes = rename_ids(study, data, replaced)
    cleaned = Study.model_validate(data)
    ids: dict[Kind, dict[str, str]] = {}
    for change in changes:
        ids.setdefault(change.kind, {})[change.old] = change.new
    if changes:
        replacements = _with_new_ids(replacements, changes, ids)
    key = Key(pseudonyms.mapping, study=study.id, ids=ids)
    if key_path is not None:
        key.write(key_path)
    return PseudonymisationResult(cleaned, key, replacements)


def _with_new_ids(
    replacements: tuple[Replacement, ...],
    changes: list[IdChange],
    renamed: dict[Kind, dict[str, str]],
) -> tuple[Replacement, ...]:
    # The report locates each replacement by the object's new id (the old one may hold the
    # name), and adds each id changed, after the texts.
    moved = [attrs.evolve(r, ref=renamed_ref(r.ref, renamed)) for r in replacements]
    moved += [
        Replacement(change.new_ref, "id", change.finding, 0, len(change.old), change.new)
        for change in changes
    ]
    return tuple(moved)
