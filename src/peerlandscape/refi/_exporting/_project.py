"""Write a study as a REFI-QDA project (``.qdpx``): :func:`write_qdpx`.

The archive holds ``project.qde`` and the plain texts of its sources,
``sources/<guid>.txt``, its members sorted by name. The XML follows the
order of the official ``Project-mrt2019.xsd``: users, the codebook,
variables, cases, sources, Sets. Everything written was decided first, by
the :class:`~._plan.ProjectPlan`.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Final

from peerlandscape._atomic import atomic_file
from peerlandscape.models import Study
from peerlandscape.refi._conventions import (
    GROUP_VARIABLE,
    PROJECT_NAMESPACE,
    origin,
    plain_text_path,
    selection_name,
)
from peerlandscape.refi._exporting._framework import write_codes
from peerlandscape.refi._exporting._output import check_study, member
from peerlandscape.refi._exporting._plan import ProjectPlan
from peerlandscape.refi._exporting._report import replaced_entries
from peerlandscape.refi._exporting._sets import write_project_sets
from peerlandscape.refi._exporting._xml import XmlWriter, source_bytes
from peerlandscape.refi._guids import placement_guid, variable_guid
from peerlandscape.refi._report import ExportReport

__all__ = ["write_qdpx"]

_VARIABLE_DESCRIPTION: Final = "The id of the participant's stakeholder group (peerlandscape)."


def write_qdpx(study: Study, path: str | os.PathLike[str]) -> ExportReport:
    """Write the study as a REFI-QDA project (``.qdpx``), atomically.

    The archive holds ``project.qde`` (namespace ``urn:QDA-XML:project:1.0``,
    valid against the official ``Project-mrt2019.xsd``) and the plain texts
    of its sources as ``sources/<guid>.txt`` (UTF-8). Coders are Users, the
    framework is the CodeBook, participants are Cases with the
    ``Stakeholder group`` variable, sources with text are TextSources and
    quotes their selections (positions in code points); quotes with no
    source text go into one container source per interview. Sets state the
    levels of the framework, the containers and each interview's sources.
    The archive is the same, byte for byte, for the same study.

    Parameters
    ----------
    study
        The study to write.
    path
        Destination; its folder must exist. An existing file is replaced only
        once the new one is complete.

    Returns
    -------
    ExportReport
        What was written, and what REFI-QDA cannot carry (study metadata,
        group definitions and demographics, interview details, attributions,
        notes, ...), located.

    Raises
    ------
    MissingFileError
        The destination folder does not exist.
    TypeError
        ``study`` is not a :class:`~peerlandscape.models.Study`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import peerlandscape as pl
    >>> from peerlandscape.refi import read_project
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     report = write_qdpx(pl.datasets.engdahl2025(), pathlib.Path(folder) / "e.qdpx")
    ...     project = read_project(pathlib.Path(folder) / "e.qdpx")
    >>> report.summary()  # doctest: +NORMALIZE_WHITESPACE
    'project: wrote 21 codes, 1 variable, 30 cases, 6 containers, 16 selections,
     2 codings, 15 placements, 22 sets; not carried: ... items in ... entries'
    >>> len(project.cases), sum(len(s.selections) for s in project.text_sources)
    (30, 16)
    >>> report.counts()["group_demographics"]
    19
    >>> report.to_records()[0]  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'study_metadata', 'location': 'study:engdahl2025', 'count': 1,
     'message': "id 'engdahl2025' is not carried: REFI-QDA has no place for a study's metadata"}
    """
    study = check_study(study, "write_qdpx")
    plan = ProjectPlan(study)
    with atomic_file(Path(path)) as stream, zipfile.ZipFile(stream, "w") as archive:
        with archive.open(member("project.qde"), "w") as qde:
            xml = XmlWriter(qde.write)
            written = _write_project(plan, xml)
        replaced = xml.replaced
        # Members sorted by name: project.qde, then the sources by GUID.
        for source in sorted(plan.text_sources, key=lambda s: s.guid):
            data, count = source_bytes(source.text)
            if count:
                replaced[source.location] += count
            archive.writestr(member(f"sources/{source.guid}.txt"), data)
    entries = [*plan.entries, *replaced_entries(replaced)]
    return ExportReport("project", entries, written={k: v for k, v in written.items() if v})


def _write_project(plan: ProjectPlan, xml: XmlWriter) -> dict[str, int]:
    study = plan.study
    framework = plan.framework
    put = xml.put
    attribute = xml.attribute
    put(
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<Project xmlns="{PROJECT_NAMESPACE}" '
        f'name="{attribute(study.title, f"study:{study.id}")}" '
        f'origin="{attribute(origin(), "origin")}">\n'
    )
    if study.coders:
        put("  <Users>\n")
        for coder in study.coders:
            name = attribute(coder.label, f"coder:{coder.id}")
            put(f'    <User guid="{plan.coder_guids[coder.id]}" name="{name}"/>\n')
        put("  </Users>\n")
    if framework.roots:
        put("  <CodeBook>\n    <Codes>\n")
        write_codes(xml, framework.roots, 3)
        put("    </Codes>\n  </CodeBook>\n")
    cases = 0
    if study.participants:
        variable = variable_guid(GROUP_VARIABLE)
        put(
            "  <Variables>\n"
            f'    <Variable guid="{variable}" name="{GROUP_VARIABLE}" typeOfVariable="Text">\n'
            f"      <Description>{_VARIABLE_DESCRIPTION}</Description>\n"
            "    </Variable>\n"
            "  </Variables>\n"
            "  <Cases>\n"
        )
        for guid, name, where, group, sources, selections in plan.cases():
            # The schema's order: VariableValue, then SourceRef, then SelectionRef.
            put(
                f'    <Case guid="{guid}" name="{attribute(name, where)}">\n'
                "      <VariableValue>\n"
                f'        <VariableRef targetGUID="{variable}"/>\n'
                f"        <TextValue>{xml.text(group, where)}</TextValue>\n"
                "      </VariableValue>\n"
            )
            for target in sources:
                put(f'      <SourceRef targetGUID="{target}"/>\n')
            for target in selections:
                put(f'      <SelectionRef targetGUID="{target}"/>\n')
            put("    </Case>\n")
            cases += 1
        put("  </Cases>\n")
    selections_written, codings_written, placements_written = _write_sources(plan, xml)
    sets = write_project_sets(plan, xml)
    put("</Project>\n")
    xml.flush()
    return {
        "users": len(study.coders),
        "codes": framework.size,
        "variables": 1 if study.participants else 0,
        "cases": cases,
        "sources": len(plan.text_sources) - len(plan.containers),
        "containers": len(plan.containers),
        "selections": selections_written,
        "codings": codings_written,
        "placements": placements_written,
        "sets": sets,
    }


def _write_sources(plan: ProjectPlan, xml: XmlWriter) -> tuple[int, int, int]:
    if not plan.text_sources:
        return 0, 0, 0
    put = xml.put
    attribute = xml.attribute
    codings = plan.codings
    subtheme_guids = plan.framework.subtheme_guids
    selections = placements = 0
    put("  <Sources>\n")
    for source in plan.text_sources:
        put(
            f'    <TextSource guid="{source.guid}" name="{attribute(source.name, source.location)}"'
            f' plainTextPath="{plain_text_path(source.guid)}"'
        )
        if not source.selections:
            put("/>\n")
            continue
        put(">\n")
        for selection in source.selections:
            quote = selection.quote
            name = attribute(selection_name(quote), f"quote:{quote.id}")
            markup = [
                f'      <PlainTextSelection guid="{selection.guid}" name="{name}" '
                f'startPosition="{selection.start}" endPosition="{selection.end}"'
            ]
            applied = codings.get(quote.id, ())
            if not applied and not quote.subthemes:
                markup.append("/>\n")
            else:
                markup.append(">\n")
                for guid, code, user in applied:
                    markup.append(
                        f'        <Coding guid="{guid}"{user}>\n'
                        f'          <CodeRef targetGUID="{code}"/>\n'
                        "        </Coding>\n"
                    )
                markup.extend(
                    f'        <Coding guid="{placement_guid(quote.id, subtheme)}">\n'
                    f'          <CodeRef targetGUID="{subtheme_guids[subtheme]}"/>\n'
                    "        </Coding>\n"
                    for subtheme in quote.subthemes
                )
                markup.append("      </PlainTextSelection>\n")
            put("".join(markup))
            selections += 1
            placements += len(quote.subthemes)
        put("    </TextSource>\n")
    put("  </Sources>\n")
    return selections, sum(len(applied) for applied in codings.values()), placements
