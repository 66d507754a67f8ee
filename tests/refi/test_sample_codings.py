"""Every text coding of every real sample comes in: (selection, code, coder) triples, checked
against the file itself, read here with lxml independently of the library's parser.

Media selections (pictures, PDF regions, audio and video, and the text representation of a PDF)
are not quotes of a study and are reported instead; the triples compared are those of the
``<PlainTextSelection>`` elements of ``<TextSource>`` elements.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import peerlandscape as pl
from peerlandscape.refi import read_qdpx, write_qdpx

PROJECT_SAMPLES = (
    "paper_themes__ICLS_Conf_Themes_ALL_just10.MAXQDA24.qdpx",
    "paper_themes__references_project_with_generated_codes.qde",
    "ponte__blank-atlas-project.qdpx",
    "ponte__target-atlas-project.qdpx",
    "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde",
    "sky-loom__TestProject.qdpx",
)

Triple = tuple[str, str, str | None]


def _guid(raw: str) -> str:
    return raw.strip().strip("{}").lower()


def _xml(path: Path) -> bytes:
    if path.suffix != ".qdpx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        (name,) = [n for n in archive.namelist() if n.lower() == "project.qde"]
        return archive.read(name)


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1]


def file_triples(path: Path) -> list[Triple]:
    """The (selection, code, coder) triple of every coding of a text selection in the file."""
    root = etree.fromstring(_xml(path), etree.XMLParser(resolve_entities=False))
    found: list[Triple] = []
    for selection in root.iter():
        if _local(selection.tag) != "PlainTextSelection":
            continue
        parent = selection.getparent()
        if parent is None or _local(parent.tag) != "TextSource":
            continue
        for coding in selection:
            if _local(coding.tag) != "Coding":
                continue
            (ref,) = [c for c in coding if _local(c.tag) == "CodeRef"]
            user = coding.get("creatingUser")
            found.append(
                (
                    _guid(selection.get("guid")),
                    _guid(ref.get("targetGUID")),
                    _guid(user) if user else None,
                )
            )
    return found


def study_triples(study: pl.Study) -> list[Triple]:
    """The same triples, as the study holds them (ids resolved back to their GUIDs)."""
    index = study.index
    found: list[Triple] = []
    for coding in study.codings:
        kind, element = coding.target
        target = index.by_kind[pl.Kind(kind)][element]
        coder = index.coders[coding.coder].guid if coding.coder else None
        quote_guid = index.quotes[coding.quote].guid
        assert quote_guid is not None
        assert target.guid is not None
        found.append((quote_guid, target.guid, coder))
    return found


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_every_text_coding_of_the_sample_is_a_coding_of_the_study(samples: Path, name: str) -> None:
    study, _ = read_qdpx(samples / name)

    assert sorted(study_triples(study)) == sorted(file_triples(samples / name))


@pytest.mark.parametrize("name", PROJECT_SAMPLES)
def test_writing_and_reading_again_keeps_every_triple_and_memo(samples: Path, name: str) -> None:
    study, _ = read_qdpx(samples / name)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "again.qdpx"
        # The samples are other people's projects, names and e-mail addresses included.
        write_qdpx(study, path, allow_identifying=True)
        again, _ = read_qdpx(path)

    assert sorted(study_triples(again)) == sorted(study_triples(study))
    assert [(m.guid, m.text, m.about) for m in again.memos] == [
        (m.guid, m.text, m.about) for m in study.memos
    ]
    assert [(i.label, i.format, i.mode) for i in again.interviews] == [
        (i.label, i.format, i.mode) for i in study.interviews
    ]


def test_the_richest_sample_has_text_codings_to_compare(samples: Path) -> None:
    # Guards the comparison above against passing on files with nothing in them.
    triples = file_triples(samples / "sky-loom__TestProject.qdpx")
    assert len(triples) == 7
    assert len({coder for _, _, coder in triples}) >= 1
