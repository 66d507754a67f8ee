"""Refusing to share what identifies a person: the check every writer of a file for others runs.

A writer of a file meant for other people (a REFI-QDA project or codebook,
a GraphML or node-link graph, a table of quotes, a Mermaid or DOT diagram)
hands this module what it is about to write, before it writes anything. When
the scanner finds identifying text there, the writer raises
:class:`~peerlandscape.IdentifyingDataError`, which lists each finding and
where it sits, its text masked; ``allow_identifying=True`` skips the check.

What is scanned is what the file holds, not the whole study: a codebook is
refused for a code labelled with a name, not for a name in a transcript it
does not carry. The names looked for are those the whole study shows to be
names (participant labels shaped like names, speaker tags of transcripts),
as :func:`~peerlandscape.privacy.scan_study` finds them, so that a label
written in the file is recognised by the transcript it comes from.

The ids of participants and coders are scanned too, where the file holds
them (a whole study, a graph, a table of quotes; a file of a part of the
study when its ``part`` takes them, which the findings report, a codebook
and a diagram, naming people by their labels only, never do): an importer
makes them from a case's or a user's name (``anna-andersson``), which
:func:`~peerlandscape.privacy.pseudonymise` renames but a hand-edited label
leaves behind.

Each distinct text is scanned once, and most texts (those without a digit or
an ``@``) are scanned for names alone, which keeps the check cheap beside the
writing (``docs/privacy.md`` gives the figures).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from peerlandscape._exceptions import IdentifyingDataError, MissingDependencyError
from peerlandscape.models import Kind, Study, format_ref
from peerlandscape.privacy._findings import StudyFinding
from peerlandscape.privacy._scan import Scanner
from peerlandscape.privacy._study_scan import discovered_names, scan_each_once
from peerlandscape.privacy._texts import StudyText, graph_texts, study_texts

if TYPE_CHECKING:
    from peerlandscape._records import QuoteRecord

__all__ = [
    "FRAMEWORK_KINDS",
    "MAP_KINDS",
    "PEOPLE",
    "findings_message",
    "id_text",
    "in_framework",
    "in_thematic_map",
    "refuse_identifying_graph",
    "refuse_identifying_records",
    "refuse_identifying_study",
    "shared_findings",
]

LISTED = 10
"""How many findings the message of an :class:`~peerlandscape.IdentifyingDataError` lists."""

MAP_KINDS = frozenset({Kind.SUBTHEME, Kind.THEME, Kind.OVERARCHING_THEME})
"""The kinds of object a diagram of the thematic map draws."""
FRAMEWORK_KINDS = MAP_KINDS | {Kind.CODE, Kind.CANDIDATE_THEME}
"""The kinds of object a codebook holds."""


def in_framework(text: StudyText) -> bool:
    """Return whether a codebook holds ``text``: a free text of an element of the framework."""
    return text.ref.partition(":")[0] in FRAMEWORK_KINDS


def in_thematic_map(text: StudyText) -> bool:
    """Return whether a diagram of the thematic map holds ``text``: the label of a box."""
    return text.field == "label" and text.ref.partition(":")[0] in MAP_KINDS


def _name_texts(study: Study) -> Iterator[StudyText]:
    # The texts discovered_names reads (participants' labels and aliases, sources' texts),
    # without walking the rest: a diagram of a large study should not pay for its codings.
    for participant in study.participants:
        ref = format_ref(Kind.PARTICIPANT, participant.id)
        yield StudyText(ref, "label", (), participant.label, participant.label)
        for position, alias in enumerate(participant.aliases):
            yield StudyText(ref, f"aliases.{position}", (), alias, alias)
    for source in study.sources:
        if source.text:
            ref = format_ref(Kind.SOURCE, source.id)
            yield StudyText(ref, "text", (), source.text, source.text)


PEOPLE = frozenset({Kind.PARTICIPANT, Kind.CODER})
"""The kinds of object whose ids an importer makes from a person's name or e-mail address."""

_ID_SEPARATORS = str.maketrans("-_.", "   ")


def id_text(ref: str, object_id: str) -> StudyText:
    """Return an object's id as a text to scan: ``anna-andersson`` read as ``anna andersson``.

    A name is matched as words, and an id joins its words with dashes; each
    separator becomes one space, so a finding's offsets are the id's own.

    Examples
    --------
    >>> id_text("participant:anna-andersson", "anna-andersson").text
    'anna andersson'
    """
    return StudyText(ref, "id", (), object_id.translate(_ID_SEPARATORS), object_id)


def _people_ids(study: Study) -> Iterator[StudyText]:
    for participant in study.participants:
        yield id_text(format_ref(Kind.PARTICIPANT, participant.id), participant.id)
    for coder in study.coders:
        yield id_text(format_ref(Kind.CODER, coder.id), coder.id)


def _scanner(names_from: Iterable[StudyText], where: str) -> Scanner:
    names = discovered_names(names_from, name_labels=True, speaker_tags=True)
    try:
        return Scanner(names)
    except MissingDependencyError as error:
        raise MissingDependencyError(
            f"{where}: checking what is written for identifying text needs phonenumbers, "
            "which is not installed: pip install 'peerlandscape[privacy]' (or pass "
            "allow_identifying=True to write without checking)",
            error.package,
            error.extra,
        ) from error


def shared_findings(
    texts: Iterable[StudyText], *, names_from: Iterable[StudyText], where: str
) -> list[StudyFinding]:
    """Return what identifies a person in ``texts``, with the names ``names_from`` shows.

    Parameters
    ----------
    texts
        What is about to be written.
    names_from
        The texts whose name-shaped participant labels and speaker tags are
        names to look for (the whole study, or the whole graph).
    where
        The file or function, for the message of a missing dependency.
    """
    scanner = _scanner(names_from, where)
    return [
        StudyFinding.at(item.text.ref, item.text.field, finding)
        for item in scan_each_once(scanner, texts)
        for finding in item.findings
    ]


def findings_message(where: str, findings: Sequence[StudyFinding], *, action: str) -> str:
    """Return the message of an :class:`~peerlandscape.IdentifyingDataError`, texts masked.

    Examples
    --------
    >>> found = [StudyFinding("coder:c1", "label", "email", 0, 15, "anna@example.se")]
    >>> print(findings_message("out.qdpx", found, action="not written"))
    out.qdpx: not written: it would hold 1 identifying text:
      coder:c1 label: email a…@example.se
    pseudonymise the study first (peerlandscape.privacy.pseudonymise), or pass
    allow_identifying=True to share it as it is
    """
    count = len(findings)
    noun = "text" if count == 1 else "texts"
    lines = [f"{where}: {action}: it would hold {count} identifying {noun}:"]
    lines += [f"  {finding.described}" for finding in findings[:LISTED]]
    if count > LISTED:
        lines.append(f"  ... and {count - LISTED} more (the error's findings list them all)")
    lines += [
        "pseudonymise the study first (peerlandscape.privacy.pseudonymise), or pass",
        "allow_identifying=True to share it as it is",
    ]
    return "\n".join(lines)


def _refuse(
    texts: Iterable[StudyText], names_from: Iterable[StudyText], where: str, action: str
) -> None:
    findings = shared_findings(texts, names_from=names_from, where=where)
    if findings:
        raise IdentifyingDataError(findings_message(where, findings, action=action), findings)


def refuse_identifying_study(
    study: Study,
    *,
    where: str,
    allowed: bool,
    part: Callable[[StudyText], bool] | None = None,
    kinds: frozenset[Kind] | None = None,
    action: str = "not written",
) -> None:
    """Raise :class:`~peerlandscape.IdentifyingDataError` if what a file holds of ``study`` does.

    Parameters
    ----------
    study
        The study being written.
    where
        The file (or function) that would hold it, for the message.
    allowed
        The caller's ``allow_identifying``: when true, nothing is checked.
    part
        Which of the study's texts the file holds (:func:`in_framework`,
        :func:`in_thematic_map`); by default all of them. The ids of
        participants and coders are offered to it too, as texts of the field
        ``"id"`` (:func:`id_text`), so a file that holds some ids is scanned
        for those.
    kinds
        The kinds of object whose texts the file holds (:data:`FRAMEWORK_KINDS`,
        :data:`MAP_KINDS`): the others are not walked at all, which spares a
        codebook or a diagram of a large study the walk of its quotes.
    action
        What is refused, for the message (``"not written"``).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> refuse_identifying_study(pl.datasets.engdahl2025(), where="e.qdpx", allowed=False)
    >>> study = pl.Study(id="demo", title="Demo",
    ...                  coders=[{"id": "c1", "label": "anna@example.se"}])
    >>> refuse_identifying_study(study, where="demo.qdc", allowed=False, kinds=FRAMEWORK_KINDS)
    >>> refuse_identifying_study(study, where="demo.qdpx", allowed=False)
    Traceback (most recent call last):
    ...
    peerlandscape.IdentifyingDataError: demo.qdpx: not written: it would hold 1 ...

    A file of a part of the study is scanned for the ids it holds, and only those:

    >>> study = pl.Study(id="demo", title="Demo", groups=[{"id": "g", "label": "Peers"}],
    ...                  participants=[{"id": "anna-andersson", "label": "Anna Andersson",
    ...                                 "group": "g"}])
    >>> def ids_only(text):
    ...     return text.field == "id"
    >>> try:
    ...     refuse_identifying_study(study, where="ids.txt", allowed=False, part=ids_only)
    ... except pl.IdentifyingDataError as error:
    ...     [(found.ref, found.field, found.kind.value) for found in error.findings]
    [('participant:anna-andersson', 'id', 'name')]
    """
    if allowed:
        return
    texts: Iterable[StudyText] = study_texts(study, kinds=kinds)
    if kinds is None or kinds & PEOPLE:
        # A file of the whole study names its people by their ids too; a file of a part holds
        # an id when ``part`` says so, as it holds any other text.
        texts = itertools.chain(texts, _people_ids(study))
    chosen = texts if part is None else (text for text in texts if part(text))
    _refuse(chosen, _name_texts(study), where, action)


def refuse_identifying_graph(graph: Any, *, where: str, allowed: bool) -> None:
    """Raise :class:`~peerlandscape.IdentifyingDataError` if a study graph's texts identify.

    Every attribute of the graph, its nodes and edges that holds free text is
    scanned (see :func:`~peerlandscape.privacy._texts.graph_texts`), and the
    ids of its participants and coders (:func:`id_text`).

    Examples
    --------
    >>> import peerlandscape as pl
    >>> refuse_identifying_graph(pl.to_networkx(pl.datasets.engdahl2025()),
    ...                          where="e.graphml", allowed=False)
    """
    if allowed:
        return
    texts = list(graph_texts(graph))
    people = {kind.value for kind in PEOPLE}
    ids = [
        id_text(str(node), str(node).partition(":")[2])
        for node, kind in graph.nodes(data="kind")
        if kind in people
    ]
    _refuse([*texts, *ids], texts, where, "not written")


def _record_texts(records: Iterable[QuoteRecord]) -> Iterable[StudyText]:
    # The columns of a record that hold free text, and the participant's id, which an
    # importer may have made from a name; the other columns are ids of the framework.
    for record in records:
        text, label = record["text"], record["participant_label"]
        if text is not None:
            ref = format_ref(Kind.QUOTE, record["quote_id"])
            yield StudyText(ref, "text", (), text, text)
        participant = record["participant_id"]
        if participant is not None:
            ref = format_ref(Kind.PARTICIPANT, participant)
            if label is not None:
                yield StudyText(ref, "label", (), label, label)
            yield id_text(ref, participant)


def refuse_identifying_records(
    study: Study, records: Iterable[QuoteRecord], *, where: str, allowed: bool
) -> None:
    """Raise :class:`~peerlandscape.IdentifyingDataError` if quote records of ``study`` identify.

    The records' quote texts, participant labels and participant ids are
    scanned (their other columns are ids of the framework), with the names the
    whole study shows.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> refuse_identifying_records(study, pl.quote_records(study), where="q.csv", allowed=False)
    """
    if allowed:
        return
    _refuse(_record_texts(records), _name_texts(study), where, "not written")
