"""Scan every free text of a study, with the names the study itself shows to be names.

The names looked for are the caller's, and (each switch on by default):

``name_labels``
    every participant label or alias shaped like a person's name
    (:func:`~peerlandscape.privacy._names.looks_like_name`: ``Anna Andersson``,
    not ``Peer support worker 5``);
``speaker_tags``
    every speaker tag that opens at least two lines of a source text
    (:func:`~peerlandscape.privacy._names.speaker_tags`: ``ANNA: ...``).

Each such name is then looked for in every text of the study, as a listed
name is: a participant label found to be a name is reported in the label,
and wherever else the study mentions it.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from peerlandscape.models import Kind, Study
from peerlandscape.privacy._findings import Finding, StudyFinding
from peerlandscape.privacy._names import could_be_name, looks_like_name
from peerlandscape.privacy._names import speaker_tags as find_speaker_tags
from peerlandscape.privacy._scan import Scanner, checked_names
from peerlandscape.privacy._texts import StudyText, study_texts

__all__ = [
    "ScannedText",
    "discovered_names",
    "scan_each_once",
    "scan_imported",
    "scan_study",
    "scan_texts",
]


@attrs.frozen
class ScannedText:
    """One free text of a study and what was found in it."""

    text: StudyText
    findings: tuple[Finding, ...]


def _is_participant_label(text: StudyText) -> bool:
    return text.ref.startswith(f"{Kind.PARTICIPANT.value}:") and (
        text.field == "label" or text.field.startswith("aliases.")
    )


def _is_source_text(text: StudyText) -> bool:
    return text.ref.startswith(f"{Kind.SOURCE.value}:") and text.field == "text"


def discovered_names(
    texts: Iterable[StudyText], *, name_labels: bool, speaker_tags: bool
) -> list[str]:
    """Return the names a study shows to be names: name-shaped labels and speaker tags."""
    found: list[str] = []
    for text in texts:
        if name_labels and _is_participant_label(text) and looks_like_name(text.text):
            found.append(text.text)
        if speaker_tags and _is_source_text(text):
            found.extend(finding.text for finding in find_speaker_tags(text.text))
    return found


def scan_each_once(scanner: Scanner, texts: Iterable[StudyText]) -> list[ScannedText]:
    """Return each text with its findings, scanning each distinct text once.

    A label repeated on many objects, or a value written on every row of a
    table, is one scan however often it appears.
    """
    found: dict[str, tuple[Finding, ...]] = {}
    scanned: list[ScannedText] = []
    for text in texts:
        findings = found.get(text.text)
        if findings is None:
            findings = found[text.text] = tuple(scanner.scan(text.text))
        scanned.append(ScannedText(text, findings))
    return scanned


def scan_texts(
    study: Study, names: Iterable[str], *, name_labels: bool, speaker_tags: bool
) -> tuple[Scanner, list[ScannedText]]:
    """Return the scanner used and every free text of ``study`` with its findings."""
    texts = list(study_texts(study))
    listed = checked_names(names)
    found = discovered_names(texts, name_labels=name_labels, speaker_tags=speaker_tags)
    scanner = Scanner((*listed, *found))
    return scanner, scan_each_once(scanner, texts)


def scan_study(
    study: Study,
    *,
    names: Iterable[str] = (),
    name_labels: bool = True,
    speaker_tags: bool = True,
) -> list[StudyFinding]:
    """Find what identifies a person in every free text of a study.

    Scans, with :func:`~peerlandscape.privacy.scan`, the texts of quotes and
    sources, the labels of participants, coders, interviews, sources, groups,
    codes and themes, participants' aliases and the values of their
    ``attributes`` (a REFI-QDA case's variables), memos, notes, descriptions,
    settings, a facilitator's name, and the study's own title, aim, notes and
    design: every free text the study holds except the publication's authors,
    journal and DOI.

    Parameters
    ----------
    study
        The study to scan.
    names
        Names of people to find in every text (see :func:`~peerlandscape.privacy.scan`).
    name_labels
        Also report each participant label or alias shaped like a person's
        name (two or three capitalised words of letters, none a word of a role
        or pseudonym, so not ``Peer support worker 5``) and look for it in
        every text.
    speaker_tags
        Also report each speaker tag that opens at least two lines of a
        source text (``ANNA: ...``, not ``Moderator: ...``) and look for it in
        every text.

    Returns
    -------
    list of StudyFinding
        In the order of the study's fields and objects, and of position in each text.

    Raises
    ------
    MissingDependencyError
        If phonenumbers is not installed (``pip install 'peerlandscape[privacy]'``).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.privacy import scan_study
    >>> scan_study(pl.datasets.engdahl2025())
    []
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     groups=[{"id": "psw", "label": "Peer support workers"}],
    ...     participants=[{"id": "p1", "label": "Anna Andersson", "group": "psw",
    ...                    "attributes": {"Personnummer": "850709-2347"}}],
    ...     coders=[{"id": "c1", "label": "coder@example.se"}],
    ...     memos=[{"id": "m1", "text": "Anna Andersson asked to see the transcript."}],
    ... )
    >>> for finding in scan_study(study):
    ...     print(finding.location, finding.kind.value, repr(finding.text))
    participant:p1 label name 'Anna Andersson'
    participant:p1 attributes.Personnummer personal_identity_number '850709-2347'
    coder:c1 label email 'coder@example.se'
    memo:m1 text name 'Anna Andersson'
    """
    _, scanned = scan_texts(study, names, name_labels=name_labels, speaker_tags=speaker_tags)
    return [
        StudyFinding.at(item.text.ref, item.text.field, finding)
        for item in scanned
        for finding in item.findings
    ]


def scan_imported(study: Study) -> tuple[StudyFinding, ...]:
    """Find what identifies a person in a study just read from another tool's file.

    As :func:`scan_study`, with each participant's label also listed as a
    name when it could be one (:func:`~peerlandscape.privacy._names.could_be_name`):
    a REFI-QDA case, or a table's ``participant_label``, is named after the
    person it stands for, so a lone given name there (``Anna``) is likely
    theirs, and is looked for in every text.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     groups=[{"id": "psw", "label": "Peer support workers"}],
    ...     participants=[{"id": "p1", "label": "Anna", "group": "psw"},
    ...                   {"id": "p2", "label": "Informant 2", "group": "psw"}],
    ...     memos=[{"id": "m1", "text": "Anna asked to see the transcript."}],
    ... )
    >>> [finding.described for finding in scan_imported(study)]
    ['participant:p1 label: name A…', 'memo:m1 text: name A…']
    >>> scan_study(study)
    []
    """
    names = [
        text
        for participant in study.participants
        for text in (participant.label, *participant.aliases)
        if could_be_name(text)
    ]
    return tuple(scan_study(study, names=names))
