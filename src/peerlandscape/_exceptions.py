"""The exceptions peerlandscape raises, all under one root.

Catch :class:`PeerLandscapeError` to handle anything this library raises on
purpose. Errors caused by what the caller passed in (a malformed document, a
study that breaks the schema) also subclass :class:`ValueError`, a missing
file also subclasses :class:`FileNotFoundError`, a file that cannot be
written :class:`OSError`, and a missing optional dependency
:class:`ImportError`, so code written against the built-in exceptions keeps
working::

    PeerLandscapeError
    ├── MissingFileError          (also FileNotFoundError)
    ├── WriteError                (also OSError)
    ├── MissingDependencyError    (also ImportError)
    ├── DocumentError             (also ValueError)
    │   ├── SchemaVersionError
    │   └── UnsafeFileError
    ├── StudyValidationError      (also ValueError)
    ├── AnalysisValidationError   (also ValueError)
    ├── UnknownRuleError          (also ValueError)
    ├── InvalidOptionError        (also ValueError)
    ├── IdentifyingDataError      (also ValueError)
    ├── AgreementDataError        (also ValueError)
    └── UnknownIdError            (also KeyError and ValueError)

Building a model directly (``Study(...)``, ``Quote(...)``) raises pydantic's
own :class:`pydantic.ValidationError`, itself a :class:`ValueError`, as every
pydantic model does; its entries carry the same stable ``type`` codes that
:class:`StudyValidationError` reports. The readers (``read_json``, the
datasets) convert it into :class:`StudyValidationError` so that a caller of a
reader only ever needs this tree.

:class:`StudyValidationError` is about the schema: a study that raises it
cannot be built. :class:`AnalysisValidationError` is about the analysis: the
study was built, and :func:`peerlandscape.validation.validate` found errors in
it (a quote whose span lies outside its transcript). Validation returns a
report; raising is the caller's choice, through
:meth:`~peerlandscape.validation.ValidationReport.raise_for_errors`.

:class:`IdentifyingDataError` is raised by the writers of files meant for
sharing (REFI-QDA, GraphML, node-link, tables, diagrams) when what they would
write identifies a person; ``allow_identifying=True`` writes it all the same.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from peerlandscape.privacy import StudyFinding
    from peerlandscape.validation import ValidationReport

__all__ = [
    "AgreementDataError",
    "AnalysisValidationError",
    "DocumentError",
    "IdentifyingDataError",
    "InvalidOptionError",
    "MissingDependencyError",
    "MissingFileError",
    "PeerLandscapeError",
    "SchemaVersionError",
    "StudyValidationError",
    "UnknownIdError",
    "UnknownRuleError",
    "UnsafeFileError",
    "WriteError",
]


class PeerLandscapeError(Exception):
    """Root of every exception peerlandscape raises on purpose."""

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Unpickling (multiprocessing sends a worker's error back) calls the class again with
        # what BaseException keeps, the message alone, which an __init__ that also takes details
        # (UnknownIdError(message, kind, object_id)) refuses. Each detail is kept under the name
        # of its parameter: call the class again with the message and them.
        owner = next(cls for cls in type(self).__mro__ if "__init__" in vars(cls))
        if not issubclass(owner, PeerLandscapeError):
            return super().__reduce__()
        details = list(inspect.signature(owner.__init__).parameters)[2:]  # after self, message
        return type(self), (str(self.args[0]), *(getattr(self, name) for name in details))


class MissingFileError(PeerLandscapeError, FileNotFoundError):
    """A file the caller named does not exist."""


class WriteError(PeerLandscapeError, OSError):
    """A file could not be written, or what stands at its path was refused.

    Every writer raises it, and leaves what was at the path as it was: for a
    path that holds something other than a regular file (a folder, a device,
    a named pipe, a socket), a symbolic link, a file with other hard links or
    a write-protected file, and for any error of the system while writing (no
    permission, a full disk, a read-only file system).

    Parameters
    ----------
    message
        One line: the path, what is wrong, and what to do about it.
    path
        The path that was to be written; also ``filename``, as for any
        :class:`OSError`.
    errno
        The system's error number (``errno.ENOSPC``) when the system refused;
        ``None`` when peerlandscape refused.
    """

    def __init__(
        self, message: str, path: str | os.PathLike[str], errno: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.filename = os.fspath(path)
        self.errno = errno
        self.strerror = None if errno is None else os.strerror(errno)

    def __str__(self) -> str:
        # OSError would show "[Errno 28] No space left on device: 'path'" once filename is set.
        return str(self.args[0])


class MissingDependencyError(PeerLandscapeError, ImportError):
    """An optional dependency that a feature needs is not installed.

    The message names the feature, the package and the command that installs
    it, such as ``pip install 'peerlandscape[refi]'``.

    Parameters
    ----------
    message
        One line: what needs the package, and how to install it.
    package
        The package that cannot be imported (``"lxml"``, ``"pandas"``).
    extra
        The extra of peerlandscape that installs it (``"refi"``, ``"tables"``).
    """

    def __init__(self, message: str, package: str, extra: str) -> None:
        super().__init__(message, name=package)
        self.package = package
        self.extra = extra


class DocumentError(PeerLandscapeError, ValueError):
    """A file or document cannot be read as what it should be.

    Raised for a file that is not JSON, JSON that is not a peerlandscape
    study document, or a file of another format that is malformed.
    """


class SchemaVersionError(DocumentError):
    """A document declares a ``schema_version`` this release cannot read."""


class UnsafeFileError(DocumentError):
    """A file was refused because reading it could harm the reader.

    Examples are XML with entity declarations, an archive whose members
    escape their folder or expand beyond the configured limits, and a file,
    pipe or device larger than its limit (see :class:`peerlandscape.Limits`):
    the message names the input and the limit.
    """


class StudyValidationError(PeerLandscapeError, ValueError):
    """A study breaks the schema or its referential integrity.

    Parameters
    ----------
    message
        One line: the study or document at fault, and its first problem.
    errors
        Every problem found, as pydantic-style dictionaries with the keys
        ``type`` (a stable code such as ``"unknown_reference"``), ``loc``
        (the path to the offending value), ``msg`` and ``input``.
    """

    def __init__(self, message: str, errors: Sequence[Mapping[str, Any]] = ()) -> None:
        super().__init__(message)
        self.errors: tuple[Mapping[str, Any], ...] = tuple(errors)


class AnalysisValidationError(PeerLandscapeError, ValueError):
    """Validation of an analysis found errors, and the caller asked for an exception.

    Raised by :meth:`~peerlandscape.validation.ValidationReport.raise_for_errors`.

    Parameters
    ----------
    message
        One line: how many errors, and the first of them.
    report
        The whole report, warnings and infos included.
    """

    def __init__(self, message: str, report: ValidationReport) -> None:
        super().__init__(message)
        self.report = report


class UnknownRuleError(PeerLandscapeError, ValueError):
    """A validation rule code or rule group that does not exist was named.

    Parameters
    ----------
    message
        Names the unknown value and the known ones.
    name
        The unknown code or group, as given.
    """

    def __init__(self, message: str, name: str) -> None:
        super().__init__(message)
        self.name = name


class InvalidOptionError(PeerLandscapeError, ValueError):
    """An option was given a value outside its choices (``unit="people"``)."""


class IdentifyingDataError(PeerLandscapeError, ValueError):
    """A writer was asked to share text that identifies a person, and wrote nothing.

    Raised by the writers of files meant for others (``write_qdpx``,
    ``write_graphml``, ``write_table``, ``generate_mermaid``, ...) when
    :mod:`peerlandscape.privacy` finds a name, a personal identity number, an
    e-mail address or the like in what they would write. Pass
    ``allow_identifying=True`` to write it all the same, or pseudonymise the
    study first (:func:`peerlandscape.privacy.pseudonymise`).

    Parameters
    ----------
    message
        What was refused, how many findings, and the first of them, each
        identifier masked (``8501…34``).
    findings
        Every finding, located by object and field, its text unmasked.
    """

    def __init__(self, message: str, findings: Sequence[StudyFinding] = ()) -> None:
        super().__init__(message)
        self.findings: tuple[StudyFinding, ...] = tuple(findings)


class UnknownIdError(PeerLandscapeError, KeyError, ValueError):
    """A query named an id that the study does not contain.

    Parameters
    ----------
    message
        Names the kind and the id.
    kind
        The kind of object looked for (``"theme"``, ``"quote"``, ...).
    object_id
        The id that was not found.
    """

    def __init__(self, message: str, kind: str, object_id: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.object_id = object_id

    def __str__(self) -> str:
        # KeyError would show the message with quotes around it.
        return str(self.args[0])


AgreementProblem = Literal[
    "shape",
    "value",
    "no_pairable_values",
    "no_variation",
    "unequal_raters",
    "overlap",
    "outside",
    "too_few_coders",
]
"""Stable codes for what is wrong, as :attr:`AgreementDataError.problem`."""


class AgreementDataError(PeerLandscapeError, ValueError):
    """Data that cannot give the agreement statistic asked for.

    Either the data are malformed (a table that is not square, a negative
    count, a unit outside its continuum) or they lack what the statistic
    needs: two coders, a unit that two coders both coded (a *pairable*
    value), or more than one value among the pairable ones. Without
    variation, chance agreement is perfect and a chance-corrected
    coefficient is 0/0: undefined, not 1 and not 0.

    Parameters
    ----------
    message
        What is wrong and where (the row, the unit, the coder).
    problem
        A stable code for the kind of problem:

        ``"shape"``
            not a table of the form required (ragged rows, not square, empty);
        ``"value"``
            a value of the wrong kind (a negative count, text where a number is needed);
        ``"no_pairable_values"``
            no unit has values from two coders (one coder, or all values missing);
        ``"no_variation"``
            every pairable value is the same, so the statistic is undefined;
        ``"unequal_raters"``
            Fleiss' kappa needs the same number of ratings for every subject;
        ``"overlap"``
            one coder's units of one category overlap (unitized alpha);
        ``"outside"``
            a unit lies outside the continuum (unitized alpha);
        ``"too_few_coders"``
            fewer than two coders to compare.

    Examples
    --------
    >>> from peerlandscape.agreement import krippendorff_alpha
    >>> try:
    ...     krippendorff_alpha([["yes", "yes"], ["yes", "yes"]])
    ... except AgreementDataError as error:
    ...     print(error.problem)
    no_variation
    """

    def __init__(self, message: str, problem: AgreementProblem) -> None:
        super().__init__(message)
        self.problem: AgreementProblem = problem
