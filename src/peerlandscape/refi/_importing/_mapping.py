"""How a REFI-QDA project becomes a study: the :class:`ImportMapping`.

A REFI-QDA file says less than a study needs. Its codes form one tree, and
nothing in the standard says which depth is a theme; a person's stakeholder
group is whatever case variable (or document group) the researcher chose. The
mapping says so. Every field has a default that makes a typical export import
with no mapping at all, and a mapping can be kept beside a project as JSON and
loaded with :meth:`ImportMapping.from_json_file`.

Examples
--------
>>> mapping = ImportMapping(levels=["theme", "subtheme", "code"],
...                         group_values={"PSW": "peer_support_worker"})
>>> mapping.levels, mapping.group_variable
(('theme', 'subtheme', 'code'), 'Stakeholder group')
>>> ImportMapping(levels=["subtheme", "theme"])
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for ImportMapping
...
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, model_validator

from peerlandscape._exceptions import DocumentError
from peerlandscape._input import check_unique_keys, read_limited
from peerlandscape._limits import DEFAULT_LIMITS, Limits
from peerlandscape._reference import BUILTIN_REFERENCES
from peerlandscape.models._base import Id, Model, Seq
from peerlandscape.refi._conventions import GROUP_VARIABLE, LEVELS, Level
from peerlandscape.refi._positions import PositionScheme

__all__ = ["BUILTIN_REFERENCES", "ImportMapping"]


class ImportMapping(Model):
    """How to read a REFI-QDA project or codebook as a study.

    Parameters are the fields below; all are optional.

    Examples
    --------
    The default reads a typical export: levels from the ``peerlandscape:*``
    Sets when the file has them (else every code stays a code: the depth of a
    code tree says nothing certain about themes), and stakeholder groups from
    the case variable ``Stakeholder group``:

    >>> ImportMapping().levels is None
    True

    A tool that marks themes with code groups instead of nesting:

    >>> ImportMapping(theme_sets=["Themes"], subtheme_sets=["Sub-themes"]).theme_sets
    ('Themes',)
    """

    levels: Literal["auto"] | Seq[Level] | None = None
    """Which depth of the code tree is which level: ``levels[0]`` is the top-level codes,
    ``levels[1]`` their children, and so on; codes deeper than the list are codes (nested
    under their parent code). The levels must go down the framework (overarching theme,
    theme, sub-theme, candidate theme, code), and a sub-theme level needs a theme level
    above it. ``None`` (the default): no depth is a level; codes stay codes unless Sets or a
    reference say otherwise. ``"auto"``, a guess you ask for: a single non-codable top
    code with children is the overarching theme; below it (or from the top, when there is
    no such code) come themes, sub-themes and codes, except that a flat list is codes only.
    Not used for a file peerlandscape wrote or one that kept its ``peerlandscape:*`` Sets,
    nor when the file has the level Sets named below."""
    overarching_theme_sets: Seq[str] = ()
    """Names of Sets (code groups) whose member code is the overarching theme."""
    theme_sets: Seq[str] = ()
    """Names of Sets (code groups) whose member codes are themes."""
    subtheme_sets: Seq[str] = ()
    """Names of Sets (code groups) whose member codes are sub-themes; a sub-theme belongs
    to the nearest theme above it in the code tree."""
    candidate_theme_sets: Seq[str] = ()
    """Names of Sets (code groups) whose member codes are candidate themes."""
    reference: str | None = None
    """A framework to match the codes against: ``"engdahl2025"`` (the built-in study) or
    the path of a study JSON document (relative paths in a mapping file are relative to
    that file). Matched codes take the reference's ids and places."""
    group_variable: str = GROUP_VARIABLE
    """The case variable whose value is a participant's stakeholder group (compared
    without regard to case and surrounding whitespace)."""
    group_sets: dict[str, Id] = Field(default_factory=dict)
    """Set name to group id, for tools that group documents instead of setting a variable:
    a case without a group value takes the group of a Set holding one of its sources."""
    group_values: dict[str, Id] = Field(default_factory=dict)
    """Variable value to group id (``{"PSW": "peer_support_worker"}``). Values not listed
    are used as ids when they are valid ids, and turned into one otherwise."""
    unknown_group: Id = "unknown"
    """The group of a participant whose group the file does not give (reported)."""
    position_scheme: PositionScheme | None = Field(default=None, strict=False)
    """How selection positions count characters; ``None`` detects it from
    ``Project@origin`` (NVivo: UTF-16 code units; ATLAS.ti, MAXQDA: CRLF as one;
    others: code points, as the standard says)."""
    interview_format: Literal["auto", "individual", "focus_group"] | None = None
    """The format given to every interview. ``None``: what the file states (an interview
    Set peerlandscape wrote says it), else unknown; ``"auto"``: a guess, a focus group
    when more than one participant took part, an individual interview otherwise."""
    study_id: Id | None = None
    """The id of the study; ``None`` derives it from the project's name."""
    title: str | None = Field(default=None, min_length=1)
    """The title of the study; ``None`` takes the project's name (for a codebook, which
    has none, the file's name)."""

    @model_validator(mode="after")
    def _check_levels(self) -> ImportMapping:
        if self.levels is None or self.levels == "auto":
            return self
        levels = tuple(self.levels)
        ranks = [LEVELS.index(level) for level in levels]
        if any(later <= earlier for earlier, later in itertools.pairwise(ranks)):
            raise ValueError(
                f"levels {list(levels)} must go down the framework, each level once, in the "
                f"order {list(LEVELS)}"
            )
        if "subtheme" in levels and "theme" not in levels:
            raise ValueError("levels: a sub-theme level needs a theme level above it")
        return self

    @classmethod
    def from_json_file(
        cls, path: str | os.PathLike[str], *, limits: Limits | None = None
    ) -> ImportMapping:
        """Load a mapping from a JSON file.

        A relative ``reference`` path in the file is taken relative to the
        file's folder, so a mapping and its reference study can travel together.

        Parameters
        ----------
        path
            A JSON object whose keys are fields of :class:`ImportMapping`.
        limits
            The file may be at most ``limits.max_document_bytes`` long (see
            :class:`~peerlandscape.Limits`; ``None``: the defaults).

        Returns
        -------
        ImportMapping
            The validated mapping.

        Raises
        ------
        MissingFileError
            There is no such file.
        DocumentError
            The file is not JSON, or not a valid mapping (the message names
            the first bad field and says how many more there are), or it
            gives a field twice.
        UnsafeFileError
            The file is larger than ``limits.max_document_bytes``.

        Examples
        --------
        >>> import json, pathlib, shutil, tempfile
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (folder / "mapping.json").write_text(json.dumps(
        ...     {"theme_sets": ["Themes"], "position_scheme": "utf16_code_units"}))
        >>> ImportMapping.from_json_file(folder / "mapping.json").position_scheme
        <PositionScheme.UTF16_CODE_UNITS: 'utf16_code_units'>
        >>> _ = (folder / "bad.json").write_text('{"levels": "deep"}')
        >>> ImportMapping.from_json_file(folder / "bad.json")
        Traceback (most recent call last):
        ...
        peerlandscape.DocumentError: .../bad.json: invalid import mapping: levels: ...
        >>> shutil.rmtree(folder)
        """
        file = Path(path)
        raw = read_limited(
            file,
            limit=(limits or DEFAULT_LIMITS).max_document_bytes,
            limit_name="max_document_bytes",
            what="an import mapping",
        )
        check_unique_keys(raw, where=f"{file}: invalid import mapping")
        try:
            mapping = cls.model_validate_json(raw)
        except ValidationError as error:
            problems = error.errors(include_url=False)
            first = problems[0]
            # Drop pydantic's union-branch tags ("literal['auto']") from the location.
            parts = [str(part) for part in first["loc"] if "[" not in str(part)]
            where = ".".join(parts) or "(document)"
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            raise DocumentError(
                f"{file}: invalid import mapping: {where}: {first['msg']}{more}"
            ) from None
        reference = mapping.reference
        if (
            reference is not None
            and reference not in BUILTIN_REFERENCES
            and not Path(reference).is_absolute()
        ):
            # model_copy does not validate; the resolved path is still a string.
            mapping = mapping.model_copy(update={"reference": str(file.parent / reference)})
        return mapping
