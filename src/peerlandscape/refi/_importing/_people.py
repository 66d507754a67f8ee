"""The people of a project: users as coders, cases as participants in stakeholder groups.

A case becomes a participant (its id the case's GUID) when it refers to
selections or has a group. Its group comes from the case variable the mapping
names (``Stakeholder group`` by default), else from a group Set holding one of
its sources, mapped through ``mapping.group_values``. The case's other variable
values become the participant's attributes; its source and selection
references tie it to interviews and make it the speaker of what it said.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from peerlandscape.models import Study
from peerlandscape.refi._importing._mapping import ImportMapping
from peerlandscape.refi._importing._report import ReportBuilder
from peerlandscape.refi._importing._sources import Source
from peerlandscape.refi._importing._text import as_id, fold, name_or_none, non_blank
from peerlandscape.refi._ir import Case, MemberSet, ProjectDocument, User
from peerlandscape.refi._report import counted

__all__ = ["Participants", "read_coders", "read_participants"]


@dataclass(slots=True, eq=False)
class Participants:
    """The participants of a project, their groups, and who said each selection."""

    records: list[dict[str, Any]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    group_ids: list[str] = field(default_factory=list)
    groups: list[Any] = field(default_factory=list)
    speakers: dict[str, str] = field(default_factory=dict)

    @property
    def ids_in_order(self) -> list[str]:
        return [record["id"] for record in self.records]


def read_coders(users: tuple[User, ...], report: ReportBuilder) -> dict[str, dict[str, Any]]:
    """Return the users as coders, by GUID; a repeated GUID is reported and left out."""
    coders: dict[str, dict[str, Any]] = {}
    for user in users:
        if user.guid in coders:
            report.duplicate_guid("User", user.guid, "user", user.name)
            continue
        coders[user.guid] = {"id": user.guid, "label": _user_label(user)}
    return coders


def read_participants(
    document: ProjectDocument,
    mapping: ImportMapping,
    sources: dict[str, Source],
    *,
    reference: Study | None,
    report: ReportBuilder,
    used_sets: set[str],
) -> Participants:
    """Return the cases that are participants, and record their sources' participants.

    The groups come from ``reference`` when it defines them, else only their
    ids and names are known. The GUIDs of the group Sets used are added to
    ``used_sets``.
    """
    return _Cases(document, mapping, report).participants(sources, reference, used_sets)


class _Cases:
    """Maps the cases of one project onto participants."""

    def __init__(
        self, document: ProjectDocument, mapping: ImportMapping, report: ReportBuilder
    ) -> None:
        self.document = document
        self.mapping = mapping
        self.report = report

    def participants(
        self, sources: dict[str, Source], reference: Study | None, used_sets: set[str]
    ) -> Participants:
        document = self.document
        report = self.report
        variables = {variable.guid: variable.name for variable in document.variables}
        # Where each selection lies, for the group Sets of the cases that refer to
        # selections only; not built for a project without cases.
        selection_sources = (
            {
                selection.guid: source.guid
                for source in document.text_sources
                for selection in source.selections
            }
            if document.cases
            else {}
        )
        groups = _Groups(self.mapping, document.sets, used_sets)
        result = Participants()
        for case in document.cases:
            location = f"Case:{case.guid}"
            if case.guid in result.ids:
                report.duplicate_guid("Case", case.guid, "case", case.name)
                continue
            name = name_or_none(case.name)
            if name is None and len(case.source_guids) == 1 and not case.selection_guids:
                report.add(
                    "source_case",
                    location,
                    1,
                    "an unnamed case with one source describes the source (as MAXQDA "
                    "stores document variables), not a person; not imported",
                )
                continue
            value, attributes = self._values(case, variables)
            group = groups.of_case(case, value, selection_sources)
            if group is None and not case.selection_guids:
                report.add(
                    "case_not_participant",
                    location,
                    1,
                    f"case {case.name!r} refers to no selection and has no group; "
                    "not imported as a participant",
                )
                continue
            if group is None:
                group = groups.unknown()
                report.add(
                    "unknown_group",
                    location,
                    1,
                    f"case {case.name!r} has no usable {self.mapping.group_variable!r} value "
                    f"and is in no group Set; its participant is put in the group {group!r}",
                )
            self._losses(case)
            self._refs(case, sources, selection_sources, result)
            result.ids.add(case.guid)
            result.records.append(
                {
                    "id": case.guid,
                    "label": name or case.guid,
                    "group": group,
                    "attributes": attributes,
                }
            )
            if group not in result.group_ids:
                result.group_ids.append(group)
        # Who a group is comes from the reference; not what the reference's sample of it was:
        # its declared size and demographics are the reference study's and would not hold
        # for this project (validation would report a size mismatch), as read_table does.
        known = {group.id: group for group in reference.groups} if reference else {}
        result.groups = [
            {"id": group, "label": known[group].label, "description": known[group].description}
            if group in known
            else groups.record(group)
            for group in result.group_ids
        ]
        return result

    def _losses(self, case: Case) -> None:
        location = f"Case:{case.guid}"
        if case.code_guids:
            self.report.add(
                "case_code_ref",
                location,
                len(case.code_guids),
                f"the code references of case {case.name!r} are not imported",
            )
        if non_blank(case.description) is not None:
            self.report.add(
                "case_description",
                location,
                1,
                f"the description of case {case.name!r} is not imported",
            )

    def _values(
        self, case: Case, variables: Mapping[str, str]
    ) -> tuple[str | None, dict[str, Any]]:
        group_variable = fold(self.mapping.group_variable)
        group: str | None = None
        attributes: dict[str, Any] = {}
        for value in case.variable_values:
            name = variables.get(value.variable_guid)
            if name is None:
                self.report.add(
                    "unknown_variable",
                    f"Case:{case.guid}",
                    1,
                    f"a value of case {case.name!r} names variable {value.variable_guid}, "
                    "which the project does not define; not imported",
                )
                continue
            if fold(name) == group_variable:
                if group is None and value.value is not None and value.value.strip():
                    group = value.value.strip()
                continue
            attributes.setdefault(name, _typed(value.kind, value.value))
        return group, attributes

    def _refs(
        self,
        case: Case,
        sources: dict[str, Source],
        selection_sources: Mapping[str, str],
        result: Participants,
    ) -> None:
        dangling = 0
        for guid in case.selection_guids:
            if guid not in selection_sources:
                dangling += 1
                continue
            speaker = result.speakers.setdefault(guid, case.guid)
            if speaker != case.guid:
                self.report.add(
                    "selection_ref_conflict",
                    f"PlainTextSelection:{guid}",
                    1,
                    f"case {case.name!r} and an earlier case both refer to the selection; "
                    "the earlier one is its speaker",
                )
        for guid in case.source_guids:
            source = sources.get(guid)
            if source is None:
                if not any(s.guid == guid for s in self.document.text_sources):
                    dangling += 1
                continue
            if case.guid not in source.participants:
                source.participants.append(case.guid)
        if dangling:
            self.report.add(
                "dangling_reference",
                f"Case:{case.guid}",
                dangling,
                f"case {case.name!r} refers to {counted(dangling, 'text source or selections')} "
                "the project does not have",
            )


class _Groups:
    """Turns case variable values and document Sets into stakeholder group ids."""

    def __init__(self, mapping: ImportMapping, sets: tuple[MemberSet, ...], used: set[str]):
        self.mapping = mapping
        self.values = mapping.group_values
        self.folded = {fold(value): group for value, group in mapping.group_values.items()}
        self.labels: dict[str, str] = {}
        self.by_source: dict[str, str] = {}
        for member_set in sets:
            group = mapping.group_sets.get(member_set.name)
            if group is not None:
                used.add(member_set.guid)
                self.labels.setdefault(group, member_set.name)
                for guid in member_set.source_guids:
                    self.by_source.setdefault(guid, group)

    def of_case(
        self, case: Case, value: str | None, selection_sources: Mapping[str, str]
    ) -> str | None:
        """Return the group of a case: from its variable value, else from a group Set."""
        if value is not None:
            named = self.values.get(value) or self.folded.get(fold(value)) or as_id(value)
            if named:
                self.labels.setdefault(named, value)
                return named
        for guid in case.source_guids:
            group = self.by_source.get(guid)
            if group is not None:
                return group
        for guid in case.selection_guids:
            group = self.by_source.get(selection_sources.get(guid, ""))
            if group is not None:
                return group
        return None

    def unknown(self) -> str:
        """Return the group of participants whose group the file does not give."""
        group = self.mapping.unknown_group
        self.labels.setdefault(group, "Unknown")
        return group

    def record(self, group: str) -> dict[str, Any]:
        """Return a group definition: the file gives no more than an id and a name."""
        return {"id": group, "label": self.labels.get(group, group)}


def _user_label(user: User) -> str:
    return name_or_none(user.name) or name_or_none(user.id) or user.guid


def _typed(kind: str | None, value: str | None) -> str | int | float | bool | None:
    """Return a case variable's value as the Python value its element names."""
    if value is None:
        return None
    text = value.strip()
    try:
        if kind == "Integer":
            return int(text)
        if kind == "Float":
            number = float(text)
            # NaN and infinities are kept as written: a study document is JSON.
            return number if math.isfinite(number) else value
        if kind == "Boolean" and text.lower() in {"true", "false", "1", "0"}:
            return text.lower() in {"true", "1"}
    except ValueError:
        pass  # kept as written: the study takes any text
    return value
