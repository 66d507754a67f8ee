"""The study: its metadata, its people and data, and its framework, checked as a whole."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Self

from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from peerlandscape.models._base import Id, Model, Seq, share_fields_sets
from peerlandscape.models._design import Design
from peerlandscape.models._framework import (
    CandidateTheme,
    Code,
    Coder,
    Coding,
    GroupAttribution,
    OverarchingTheme,
    SubTheme,
    Theme,
)
from peerlandscape.models._groups import StakeholderGroupDefinition
from peerlandscape.models._index import StudyIndex
from peerlandscape.models._integrity import INTEGRITY_ERROR_TYPES, integrity_errors
from peerlandscape.models._interviews import Interview
from peerlandscape.models._memos import Memo
from peerlandscape.models._participants import Participant
from peerlandscape.models._quotes import Quote
from peerlandscape.models._refs import Kind, RefersTo, collections_of
from peerlandscape.models._sources import Source
from peerlandscape.models._values import PartialDate, Period

if TYPE_CHECKING:
    from peerlandscape._views import ElementView
    from peerlandscape.validation import ValidationOptions, ValidationReport

__all__ = ["SCHEMA_VERSION", "Region", "Study"]

SCHEMA_VERSION: Literal["1.1"] = "1.1"
"""Version of the study document schema this release writes."""

DOCUMENT_CONTEXT = "peerlandscape_document"
"""Validation-context key saying the input is a document, which must state its version."""

# Error types raised only once the schema has passed, by the study's own check.
_AFTER_SCHEMA = frozenset(INTEGRITY_ERROR_TYPES) | {"missing_schema_version"}


class Region(Model):
    """A geographic region where participants were recruited."""

    KIND: ClassVar[Kind] = Kind.REGION

    id: Id
    """Stable id."""
    label: str = Field(min_length=1)
    """Name, or a description when the study does not name it ("a region in southern Sweden")."""
    description: str | None = None
    """Further facts about the region."""


def _as_init_error(problem: ErrorDetails) -> InitErrorDetails:
    # Kept as they were found: type, location, message and input.
    return InitErrorDetails(
        type=PydanticCustomError(problem["type"], problem["msg"]),
        loc=problem["loc"],
        input=problem["input"],
    )


def _placeholder(model: type[Model], item: Mapping[str, Any]) -> Model:
    # An object that failed the schema, kept at its place with only what integrity reads:
    # its id and its references, each when it has the right shape.
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        value = item.get(name)
        if name == "id" or any(isinstance(marker, RefersTo) for marker in info.metadata):
            ok = isinstance(value, str) or (
                isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
            )
            fields[name] = (tuple(value) if isinstance(value, list) else value) if ok else None
        else:
            fields[name] = info.get_default(call_default_factory=True)
    if fields.get("id") is None and "id" in model.model_fields:
        fields["id"] = ""
    return model.model_construct(**fields)


def _partial_study(cls: type[Study], data: Mapping[str, Any]) -> Study:
    """Return the study as far as it can be read, for the integrity checks of a bad document.

    Each object that passes the schema is itself; one that fails keeps its place (so error
    locations stay those of the document) with its id and well-shaped references.
    """
    fields: dict[str, Any] = {"id": data.get("id") if isinstance(data.get("id"), str) else ""}
    for collection in collections_of(cls):
        value = data.get(collection.field)
        model = collection.model
        if collection.many:
            items = value if isinstance(value, list | tuple) else ()
            fields[collection.field] = tuple(_read_or_hold(model, item) for item in items)
        else:
            fields[collection.field] = (
                _read_or_hold(model, value) if isinstance(value, Mapping | Model) else None
            )
    return cls.model_construct(**fields)


def _read_or_hold(model: type[BaseModel], item: Any) -> Any:
    if isinstance(item, model):
        return item
    if not isinstance(item, Mapping):
        return _placeholder(model, {})  # type: ignore[arg-type]
    try:
        return model.model_validate(item)
    except ValidationError:
        return _placeholder(model, item)  # type: ignore[arg-type]


def _with_integrity_errors(cls: type[Study], error: ValidationError, data: Any) -> ValidationError:
    """Add to a study's schema errors the integrity errors of what could be read.

    Every problem is then reported at once, rather than the references only after the
    schema is fixed. An error that already holds integrity errors (the schema passed) is
    returned as it is.
    """
    if not isinstance(data, Mapping) or any(
        problem["type"] in _AFTER_SCHEMA for problem in error.errors()
    ):
        return error
    problems = [_as_init_error(problem) for problem in error.errors()]
    problems += integrity_errors(_partial_study(cls, data))
    return ValidationError.from_exception_data(cls.__name__, problems)


class Study(Model):
    """A qualitative study: metadata, participants, interviews, data and thematic framework.

    Building a study checks its referential integrity: every id is unique
    within its kind, every reference names an existing object, each code sits
    under at most one parent, and code nesting has no cycle. A failure raises
    :class:`pydantic.ValidationError` whose entries carry a stable ``type``
    (``duplicate_id``, ``unknown_reference``, ``conflicting_parents``,
    ``hierarchy_cycle``, ``span_without_source``), the location of the bad
    field, and the bad value.

    Examples
    --------
    >>> study = Study(
    ...     id="demo", title="A demo",
    ...     groups=[{"id": "peer_support_worker", "label": "Peer support workers"}],
    ...     participants=[{"id": "psw-1", "label": "PSW 1", "group": "peer_support_worker"}],
    ...     themes=[{"id": "t", "label": "A theme"}],
    ...     subthemes=[{"id": "s", "label": "A sub-theme", "theme": "t"}],
    ...     quotes=[{"id": "q", "text": "Hello", "participant": "psw-1"}],
    ...     codings=[{"quote": "q", "subtheme": "s"}],
    ... )
    >>> len(study.quotes), study.quotes[0].participant
    (1, 'psw-1')
    >>> Study(id="bad", title="Bad", quotes=[{"id": "q", "text": "Hi", "participant": "nobody"}])
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for Study
    quotes.0.participant
      quote 'q' field 'participant' names unknown participant 'nobody' ...
    """

    schema_version: Literal["1.1"] = SCHEMA_VERSION
    """Version of the study document schema."""
    id: Id
    """Stable id of the study, e.g. ``"engdahl2025"``."""
    title: str = Field(min_length=1)
    """Full title."""
    authors: Seq[str] = ()
    """Authors in publication order."""
    year: int | None = Field(default=None, ge=1900, le=2200)
    """Year of publication."""
    journal: str | None = None
    """Journal, if known."""
    doi: str | None = None
    """DOI, if known."""
    received: PartialDate | None = None
    """Date the manuscript was received."""
    accepted: PartialDate | None = None
    """Date it was accepted."""
    published: PartialDate | None = None
    """Date it was published (online)."""
    aim: str | None = None
    """The study's aim, verbatim."""
    design: Design | None = None
    """Design and analysis."""
    data_collection: Period | None = None
    """When data were collected."""
    regions: Seq[Region] = ()
    """Regions where participants were recruited."""
    groups: Seq[StakeholderGroupDefinition] = ()
    """Stakeholder groups."""
    participants: Seq[Participant] = ()
    """Participants."""
    interviews: Seq[Interview] = ()
    """Interviews (focus groups and individual interviews)."""
    sources: Seq[Source] = ()
    """Transcripts and other source texts."""
    quotes: Seq[Quote] = ()
    """Data extracts."""
    coders: Seq[Coder] = ()
    """People who applied codes."""
    codes: Seq[Code] = ()
    """Codes."""
    codings: Seq[Coding] = ()
    """Applications of framework elements (codes, candidate themes, sub-themes, themes)."""
    candidate_themes: Seq[CandidateTheme] = ()
    """Candidate ("identified") themes between codes and sub-themes."""
    subthemes: Seq[SubTheme] = ()
    """Sub-themes."""
    themes: Seq[Theme] = ()
    """Themes."""
    overarching_theme: OverarchingTheme | None = None
    """The overarching theme all themes serve, if the framework has one."""
    attributions: Seq[GroupAttribution] = ()
    """The study's own statements of which groups voiced which sub-theme."""
    memos: Seq[Memo] = ()
    """Memos and notes the analysts wrote, attached to what they are about."""
    notes: Seq[str] = ()
    """Remarks on how the study was encoded (sources, clean-ups, omissions)."""

    # Integrity is checked after the schema, on the built study. A "wrap" validator (which
    # could see the input when the schema fails) would make pydantic turn a whole JSON
    # document into Python dictionaries first: 1.3 KB per coding held at the peak of
    # read_json. Integrity errors are reported beside schema errors instead where the input
    # is at hand: __init__, model_validate and model_validate_json, below.
    @model_validator(mode="after")
    def _check_integrity(self, info: ValidationInfo) -> Study:
        # In Python a study may rely on the default version; a document must state it, so
        # that a newer document is never read as if it were this version.
        if (
            info.context
            and info.context.get(DOCUMENT_CONTEXT)
            and "schema_version" not in self.model_fields_set
        ):
            raise PydanticCustomError(
                "missing_schema_version", "a study document must state its schema_version"
            )
        errors = integrity_errors(self)
        if errors:
            raise ValidationError.from_exception_data(type(self).__name__, errors)
        # Nearly all of a large study: each of its many objects need not hold a set of its own.
        share_fields_sets(self.quotes)
        share_fields_sets(self.codings)
        return self

    if not TYPE_CHECKING:
        # Hidden from type checkers, so that pydantic's mypy plugin still gives Study(...)
        # its typed signature.
        def __init__(self, /, **data: Any) -> None:
            try:
                super().__init__(**data)
            except ValidationError as error:
                raise _with_integrity_errors(type(self), error, data) from None

        # Marks this __init__ as one that only validates, as BaseModel's does: without it,
        # pydantic would build every study, read from JSON too, by calling it with the
        # whole input turned into dictionaries.
        __init__.__pydantic_base_init__ = True

    @classmethod
    def model_validate(
        cls,
        obj: Any,
        *,
        strict: bool | None = None,
        extra: Literal["allow", "ignore", "forbid"] | None = None,
        from_attributes: bool | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate ``obj`` as a study; a failure reports schema and integrity errors at once."""
        try:
            return super().model_validate(
                obj,
                strict=strict,
                extra=extra,
                from_attributes=from_attributes,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            raise _with_integrity_errors(cls, error, obj) from None

    @classmethod
    def model_validate_json(
        cls,
        json_data: str | bytes | bytearray,
        *,
        strict: bool | None = None,
        extra: Literal["allow", "ignore", "forbid"] | None = None,
        context: Any | None = None,
        by_alias: bool | None = None,
        by_name: bool | None = None,
    ) -> Self:
        """Validate a JSON document as a study; a failure reports schema and integrity errors."""
        try:
            return super().model_validate_json(
                json_data,
                strict=strict,
                extra=extra,
                context=context,
                by_alias=by_alias,
                by_name=by_name,
            )
        except ValidationError as error:
            # Decoded again only on failure, for the integrity checks of what could be read.
            try:
                data = json.loads(json_data)
            except (ValueError, RecursionError):
                raise error from None
            raise _with_integrity_errors(cls, error, data) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Study:
        """Return a copy with ``update`` applied, validated and integrity-checked again.

        Unlike pydantic's default, which copies without validating, a study
        copy is built anew, so a changed copy can never hold a dangling
        reference, and no look-up table of the original is carried over.
        ``deep`` is accepted for compatibility; models are immutable, so a
        shallow copy is already safe.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> study = pl.datasets.engdahl2025()
        >>> study.model_copy(update={"title": "Renamed"}).title
        'Renamed'
        >>> placement = {"quote": "q", "subtheme": "mitigating-peer-drifting"}
        >>> study.model_copy(update={"codings": [placement]})
        Traceback (most recent call last):
        ...
        pydantic_core._pydantic_core.ValidationError: 1 validation error for Study
        codings.0.quote
          coding #0 field 'quote' names unknown quote 'q' ...
        """
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        fields.update(update or {})
        return type(self).model_validate(fields)

    def validate(  # type: ignore[override]  # pydantic's deprecated classmethod of this name
        self,
        *,
        options: ValidationOptions | None = None,
        rules: Iterable[str] | str | None = None,
        groups: Iterable[str] | str | None = None,
    ) -> ValidationReport:
        """Judge the analysis in this study: :func:`peerlandscape.validate`, as a method.

        (Pydantic models inherit a deprecated class method of this name; on a study it
        does what a researcher means.)

        Examples
        --------
        >>> import peerlandscape as pl
        >>> report = pl.datasets.engdahl2025().validate()
        >>> report.valid
        True
        """
        from peerlandscape.validation import validate  # noqa: PLC0415 - validation needs models

        return validate(self, options=options, rules=rules, groups=groups)

    def view(
        self, element: str | Theme | SubTheme | Quote, *, kind: str | None = None
    ) -> ElementView:
        """Show a theme, sub-theme or quote with what this study knows of it.

        In a notebook the view is a card: a theme with its sub-themes and
        their support, a sub-theme with its quotes by stakeholder group, a
        quote with its speaker, group and codings. ``str()`` gives the same
        as text.

        Parameters
        ----------
        element
            The theme, sub-theme or quote, or its id.
        kind
            ``"theme"``, ``"subtheme"`` or ``"quote"``: needed only when ``element``
            is an id that two of them share.

        Raises
        ------
        InvalidOptionError
            When the study has no such element, or the id is ambiguous.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> study = pl.datasets.engdahl2025()
        >>> print(study.view("mitigating-peer-drifting"))  # doctest: +ELLIPSIS
        sub-theme mitigating-peer-drifting: Mitigating Peer Drifting (1 quote)
        ...
          Peer support workers: 1 quote
        >>> "<blockquote>" in study.view("mitigating-peer-drifting")._repr_html_()
        True
        """
        from peerlandscape._views import view  # noqa: PLC0415 - views read models

        return view(self, element, kind)

    def __repr__(self) -> str:
        from peerlandscape._views import study_repr  # noqa: PLC0415 - views read models

        return study_repr(self)

    def __str__(self) -> str:
        return repr(self)

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        # What rich and devtools show: the summary's parts, not thousands of objects.
        from peerlandscape._views import study_counts  # noqa: PLC0415 - views read models

        yield "id", self.id
        yield "title", self.title
        yield from study_counts(self)

    def _repr_html_(self) -> str:
        # Jupyter's view: a card with the study's metadata, counts, framework and map.
        from peerlandscape._views import study_html  # noqa: PLC0415 - views read models

        return study_html(self)

    @cached_property
    def index(self) -> StudyIndex:
        """Look-up tables from id to object, built on first use.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> pl.datasets.engdahl2025().index.participants["psw-5"].label
        'Peer support worker 5'
        """
        return StudyIndex(self)
