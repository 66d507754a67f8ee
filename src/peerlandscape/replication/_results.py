"""What a replication finds: each reference sub-theme in the study, and what lies outside it."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import TYPE_CHECKING, Any, Literal

import attrs

from peerlandscape._exceptions import UnknownIdError
from peerlandscape._optional import require
from peerlandscape.validation._report import counted

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "TABLE_COLUMNS",
    "Addition",
    "AdditionKind",
    "Basis",
    "Replication",
    "SubthemeReplication",
]

Basis = Literal["attributions", "quotes"]
"""Where the original's groups come from: its statements, or the speakers of its quotes."""

AdditionKind = Literal["theme", "subtheme", "candidate_theme", "code"]
"""The kinds of element a study can add to the framework."""


@attrs.frozen
class SubthemeReplication:
    """One sub-theme of the reference framework, as the study finds it.

    Attributes
    ----------
    subtheme, label, theme
        The reference's sub-theme: its id, its label and its theme's id.
    matched
        The id of the study's own sub-theme that is this one (by id, else by
        label), or ``None`` if the study's framework has none.
    quotes, participants
        Distinct quotes of the study that reach it, and their distinct known speakers.
    groups
        The stakeholder groups that voice it in the study, in group order: the
        groups the study's own statements name (``Study.attributions``, a
        paper's results in its own words), or, when it states none for this
        sub-theme, the groups its quotes come from (a quote's speaker's group,
        or its interview's); ``basis`` says which.
    basis
        ``"attributions"`` or ``"quotes"``: where ``groups`` comes from.
    original_quotes, original_participants
        The same counts in the reference study.
    original_groups, original_basis
        The same for the reference: the groups it attributes the sub-theme to,
        or those of its quotes when it attributes it to none.
    """

    subtheme: str
    label: str
    theme: str
    matched: str | None
    quotes: int
    participants: int
    groups: tuple[str, ...]
    basis: Basis
    original_quotes: int
    original_participants: int
    original_groups: tuple[str, ...]
    original_basis: Basis

    @property
    def found(self) -> bool:
        """Whether any quote of the study reaches it."""
        return self.quotes > 0

    @property
    def groups_agree(self) -> bool:
        """Whether the study's groups are the ones the original names."""
        return set(self.groups) == set(self.original_groups)

    @property
    def groups_added(self) -> tuple[str, ...]:
        """Groups heard in the study that the original does not name."""
        return tuple(g for g in self.groups if g not in self.original_groups)

    @property
    def groups_unheard(self) -> tuple[str, ...]:
        """Groups the original names that no quote of the study comes from."""
        return tuple(g for g in self.original_groups if g not in self.groups)


@attrs.frozen
class Addition:
    """An element of the study that the reference framework has no place for.

    Attributes
    ----------
    kind
        ``"theme"`` or ``"subtheme"`` the reference has none like (by id or
        label); ``"code"`` or ``"candidate_theme"`` for a code (with the codes
        nested under it) or a candidate theme applied to quotes but placed
        under no sub-theme and no theme.
    id, label
        The study's element.
    theme
        The id of the theme a sub-theme belongs to (``None`` for the other kinds).
    quotes, participants, groups
        Distinct quotes of the study that reach it, their known speakers, and
        the stakeholder groups they come from, in group order.
    """

    kind: AdditionKind
    id: str
    label: str
    theme: str | None
    quotes: int
    participants: int
    groups: tuple[str, ...]


@attrs.frozen(repr=False)
class Replication:
    """A study compared with the framework it was coded against.

    Made by :func:`~peerlandscape.replication.replicate`.

    Attributes
    ----------
    study, reference
        The ids of the study and of the reference study.
    subthemes
        Every sub-theme of the reference, in its order.
    additions
        What the study has that the reference has no place for: themes, then
        sub-themes, then candidate themes and codes, each in study order.
    labels
        Labels of the study's and the reference's stakeholder groups, by id.
    """

    study: str
    reference: str
    subthemes: tuple[SubthemeReplication, ...]
    additions: tuple[Addition, ...]
    labels: Mapping[str, str] = attrs.field(factory=dict, eq=False)

    @property
    def found(self) -> tuple[str, ...]:
        """Ids of the reference sub-themes that quotes of the study reach."""
        return tuple(s.subtheme for s in self.subthemes if s.found)

    @property
    def missing(self) -> tuple[str, ...]:
        """Ids of the reference sub-themes that no quote of the study reaches."""
        return tuple(s.subtheme for s in self.subthemes if not s.found)

    def get(self, subtheme: str) -> SubthemeReplication:
        """Return the row of one reference sub-theme, by its id.

        Raises
        ------
        UnknownIdError
            If the reference has no such sub-theme.
        """
        for row in self.subthemes:
            if row.subtheme == subtheme:
                return row
        raise UnknownIdError(
            f"the reference framework {self.reference!r} has no sub-theme with id {subtheme!r}",
            "sub-theme",
            subtheme,
        )

    def summary(self) -> str:
        """Return what the replication found, in a few sentences.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> from peerlandscape.replication import replicate
        >>> print(replicate(pl.datasets.engdahl2025()).summary())
        engdahl2025 against the framework of engdahl2025: 12 of 12 sub-themes found.
        Voiced by the groups the original names: 12 of 12.
        Nothing outside the framework.
        """
        found = [s for s in self.subthemes if s.found]
        lines = [
            f"{self.study} against the framework of {self.reference}: "
            f"{len(found)} of {len(self.subthemes)} sub-themes found."
        ]
        missing = [s.label for s in self.subthemes if not s.found]
        if missing:
            lines.append(f"Not found: {'; '.join(missing)}.")
        differ = [s for s in found if not s.groups_agree]
        if found:
            lines.append(
                f"Voiced by the groups the original names: {len(found) - len(differ)} of "
                f"{len(found)}" + ("; otherwise:" if differ else ".")
            )
        lines.extend(f"- {s.label}: {_difference(s)}" for s in differ)
        if self.additions:
            lines.append("Outside the framework:")
            lines.extend(
                f"- {_NOUNS[a.kind]} {a.label!r}: {counted(a.quotes, 'quote')}, "
                f"{counted(a.participants, 'participant')}"
                for a in self.additions
            )
        else:
            lines.append("Nothing outside the framework.")
        return "\n".join(lines)

    def to_records(self) -> list[dict[str, Any]]:
        """Return the rows of :meth:`to_pandas` as dictionaries, without pandas.

        One per reference sub-theme, then one per addition, with the columns
        :meth:`to_pandas` documents, in its order; a value that does not apply
        (an addition's original counts) is ``None``.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> from peerlandscape.replication import replicate
        >>> row = replicate(pl.datasets.engdahl2025()).to_records()[0]
        >>> row["status"], row["quotes"], row["groups_agree"]
        ('found', 3, True)
        """
        rows = [_reference_row(s) for s in self.subthemes]
        rows += [_addition_row(a) for a in self.additions]
        return [dict(zip(_COLUMNS, row, strict=True)) for row in rows]

    def to_pandas(self) -> pd.DataFrame:
        """Return the replication as a table: each reference sub-theme, then each addition.

        ===================== ============ ==================================================
        column                dtype        meaning
        ===================== ============ ==================================================
        status                category     ``found``, ``not found`` (reference sub-themes)
                                           or ``added`` (additions)
        kind                  category     ``subtheme`` for the reference's; an addition's kind
        id                    string       the reference's id (an addition: the study's)
        label                 string       its label
        theme                 string       the theme it belongs to (NaN: none)
        matched               string       the study's id for a reference sub-theme
                                           (NaN: none; an addition: its id)
        quotes                int64        distinct quotes of the study that reach it
        participants          int64        their distinct known speakers
        groups                object       tuple of the groups that voice it in the study
        basis                 category     ``attributions`` or ``quotes``: where ``groups``
                                           comes from
        original_quotes       Int64        quotes of the reference that reach it (NA: added)
        original_participants Int64        their speakers (NA: added)
        original_groups       object       tuple of the groups the original names (NA: added)
        original_basis        category     the same for ``original_groups`` (NA: added)
        groups_agree          boolean      whether ``groups`` and ``original_groups`` name
                                           the same groups (NA: not found, or added)
        ===================== ============ ==================================================

        ``frame.attrs`` holds ``study`` and ``reference``. Needs pandas, an
        optional extra (``pip install 'peerlandscape[tables]'``); without it,
        raises :class:`~peerlandscape.MissingDependencyError`.

        Examples
        --------
        >>> import peerlandscape as pl
        >>> from peerlandscape.replication import replicate
        >>> table = replicate(pl.datasets.engdahl2025()).to_pandas()
        >>> table["status"].value_counts().to_dict()
        {'found': 12, 'not found': 0, 'added': 0}
        >>> table.loc[0, ["id", "groups", "original_groups"]].tolist()
        ... # doctest: +NORMALIZE_WHITESPACE
        ['ensuring-financial-sustainability-for-growth',
         ('peer_support_worker', 'official'), ('peer_support_worker', 'official')]
        """
        pandas = require("pandas", extra="tables", needed_for="a replication as a table")
        frame: pd.DataFrame = pandas.DataFrame(self.to_records(), columns=list(_COLUMNS))
        for column, name in _COLUMNS.items():
            dtype: Any = (
                pandas.CategoricalDtype(_CATEGORIES[column]) if name == "category" else name
            )
            frame[column] = frame[column].astype(dtype)
        frame.attrs.update(study=self.study, reference=self.reference)
        return frame

    def __str__(self) -> str:
        width = max((len(s.subtheme) for s in self.subthemes), default=0)
        header = f"{'sub-theme':<{width}}  quotes  participants  groups (original)"
        rows = [
            f"{s.subtheme:<{width}}  {s.quotes:>6}  {s.participants:>12}  "
            f"{', '.join(s.groups) or '-'} ({', '.join(s.original_groups) or '-'})"
            for s in self.subthemes
        ]
        return "\n".join([self.summary(), "", header, *rows])

    def __repr__(self) -> str:
        return (
            f"<Replication of {self.reference} in {self.study}: {len(self.found)} of "
            f"{len(self.subthemes)} sub-themes found, {counted(len(self.additions), 'addition')}>"
        )

    def _repr_html_(self) -> str:
        head = "".join(
            f"<th>{name}</th>"
            for name in ("", "found", "quotes", "participants", "groups", "original groups")
        )
        body = [
            f"<tr><th>{escape(s.label)}</th><td>{'yes' if s.found else 'no'}</td>"
            f"<td>{s.quotes}</td><td>{s.participants}</td>"
            f"<td>{self._groups_html(s.groups)}</td><td>{self._groups_html(s.original_groups)}</td>"
            "</tr>"
            for s in self.subthemes
        ]
        body.extend(
            f"<tr><th>{escape(a.label)} <small>({_NOUNS[a.kind]})</small></th><td>added</td>"
            f"<td>{a.quotes}</td><td>{a.participants}</td>"
            f"<td>{self._groups_html(a.groups)}</td><td></td></tr>"
            for a in self.additions
        )
        caption = escape(f"{self.study} against the framework of {self.reference}")
        return (
            f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    def _groups_html(self, groups: tuple[str, ...]) -> str:
        return escape(", ".join(self.labels.get(g, g) for g in groups))


_NOUNS: dict[AdditionKind, str] = {
    "theme": "theme",
    "subtheme": "sub-theme",
    "candidate_theme": "candidate theme",
    "code": "code",
}

_COLUMNS = {
    "status": "category",
    "kind": "category",
    "id": "string",
    "label": "string",
    "theme": "string",
    "matched": "string",
    "quotes": "int64",
    "participants": "int64",
    "groups": "object",
    "basis": "category",
    "original_quotes": "Int64",
    "original_participants": "Int64",
    "original_groups": "object",
    "original_basis": "category",
    "groups_agree": "boolean",
}

TABLE_COLUMNS: tuple[str, ...] = tuple(_COLUMNS)
"""The columns of :meth:`Replication.to_pandas` and :meth:`Replication.to_records`, in order."""

_CATEGORIES = {
    "status": ["found", "not found", "added"],
    "kind": list(_NOUNS),
    "basis": ["attributions", "quotes"],
    "original_basis": ["attributions", "quotes"],
}


def _reference_row(row: SubthemeReplication) -> tuple[object, ...]:
    return (
        "found" if row.found else "not found",
        "subtheme",
        row.subtheme,
        row.label,
        row.theme,
        row.matched,
        row.quotes,
        row.participants,
        row.groups,
        row.basis,
        row.original_quotes,
        row.original_participants,
        row.original_groups,
        row.original_basis,
        row.groups_agree if row.found else None,
    )


def _addition_row(row: Addition) -> tuple[object, ...]:
    return (
        "added",
        row.kind,
        row.id,
        row.label,
        row.theme,
        row.id,
        row.quotes,
        row.participants,
        row.groups,
        "quotes",
        None,
        None,
        None,
        None,
        None,
    )


def _difference(row: SubthemeReplication) -> str:
    parts = []
    if row.groups_added:
        parts.append(f"also {', '.join(row.groups_added)}")
    if row.groups_unheard:
        parts.append(f"not heard from {', '.join(row.groups_unheard)}")
    return "; ".join(parts)
