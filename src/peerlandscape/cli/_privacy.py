"""What the commands say about identifying text: the findings of an import, and a refusal to share.

``peerlandscape import`` scans what it reads and lists each finding (where it
sits, what kind it is, its text masked, :func:`finding_lines`), and masks
those texts wherever its report repeats them (:func:`masked_lines`): a
terminal, a log or a CI run should not show an identity number in full. The
commands that write a file for sharing (``export``, ``quotes --format csv``)
take ``--allow-identifying`` (:func:`allow_identifying_option`) and turn the
library's :class:`~peerlandscape.IdentifyingDataError` into an error report
that lists the findings the same way (:func:`refusal`).

Like the rest of the command line, this module imports no heavy layer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from peerlandscape.cli._common import CommandError, counted, printable, wrap

if TYPE_CHECKING:
    from peerlandscape._exceptions import IdentifyingDataError
    from peerlandscape.privacy import StudyFinding

__all__ = [
    "IDENTIFYING_KIND",
    "LISTED",
    "allow_identifying_option",
    "finding_lines",
    "masked_lines",
    "refusal",
]

_F = TypeVar("_F", bound=Callable[..., Any])

IDENTIFYING_KIND = "identifying_data"
"""The ``kind`` of the error report of a refusal to write identifying text."""

LISTED = 20
"""How many findings a refusal lists; an import lists them all."""

_ERROR_PREFIX = "Error: "  # what click prints before the message of a CommandError
_SHORTEST_MASKED = 3  # shorter texts ("Bo") would be masked inside other words of the report


def allow_identifying_option(command: _F) -> _F:
    """Give ``command`` the ``--allow-identifying`` flag, received as ``allow_identifying``."""
    return click.option(
        "--allow-identifying",
        is_flag=True,
        help="Write the file even if it holds text that identifies a person (a name, a "
        "personal identity number, an e-mail address). See docs/privacy.md.",
    )(command)


def finding_lines(findings: Iterable[StudyFinding], width: int) -> list[str]:
    """Lay out findings to ``width``: each as where it sits, its kind and its text masked.

    Examples
    --------
    >>> from peerlandscape.privacy import StudyFinding
    >>> found = [StudyFinding("participant:anna-andersson", "attributes.Personnummer",
    ...                       "personal_identity_number", 0, 11, "850709-2347")]
    >>> for line in finding_lines(found, 50):
    ...     print(line)
      participant:anna-andersson
          attributes.Personnummer:
          personal_identity_number 8507…47
    """
    lines: list[str] = []
    for finding in findings:
        lines += wrap(printable(finding.described), width, indent="  ", hanging="      ")
    return lines


def masked_lines(lines: Sequence[str], findings: Iterable[StudyFinding]) -> list[str]:
    """Return ``lines`` with the text of every finding masked wherever it stands whole.

    Examples
    --------
    >>> from peerlandscape.privacy import StudyFinding
    >>> found = [StudyFinding("participant:p1", "label", "name", 0, 14, "Anna Andersson")]
    >>> masked_lines(["case 'Anna Andersson' has no group"], found)
    ["case 'A… A…' has no group"]
    """
    masks = {
        printable(finding.text): finding.masked
        for finding in findings
        if len(finding.text) >= _SHORTEST_MASKED
    }
    if not masks:
        return list(lines)
    # Longest first, so that "Anna Andersson" is masked whole rather than as "Anna".
    pattern = re.compile(
        r"(?<!\w)(?:"
        + "|".join(re.escape(text) for text in sorted(masks, key=len, reverse=True))
        + r")(?!\w)"
    )
    return [pattern.sub(lambda match: masks[match[0]], line) for line in lines]


def refusal(error: IdentifyingDataError, where: str, width: int) -> CommandError:
    """Return the error report of a file refused for holding identifying text.

    Its message names the file and the number of findings, lists them (up to
    :data:`LISTED`) as :func:`finding_lines` does, and says what to do.
    """
    findings = error.findings
    held = counted(len(findings), "identifying text")
    # The first line is printed after "Error: ", which takes its width too.
    headline = f"{_ERROR_PREFIX}{printable(where)}: not written: it would hold {held}:"
    lines = wrap(headline, width)
    lines[0] = lines[0].removeprefix(_ERROR_PREFIX)
    if lines[0] == _ERROR_PREFIX.rstrip():
        # The file's name is too long to follow the prefix: it stands after it alone, whole
        # (wider than the line, not cut), and the rest is laid out below.
        name, _, rest = headline.removeprefix(_ERROR_PREFIX).partition(" ")
        lines = [name, *wrap(rest, width)]
    lines += finding_lines(findings[:LISTED], width)
    if len(findings) > LISTED:
        lines.append(f"  ... and {len(findings) - LISTED} more")
    lines += wrap(
        "Pseudonymise the study first (see docs/privacy.md), or pass --allow-identifying "
        "to write it as it is.",
        width,
    )
    return CommandError("\n".join(lines), kind=IDENTIFYING_KIND)
