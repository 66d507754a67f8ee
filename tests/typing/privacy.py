"""De-identification, as a user of ``import peerlandscape as pl`` writes it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import assert_type

import peerlandscape as pl
from peerlandscape.privacy import (
    Finding,
    FindingKind,
    Key,
    PseudonymisationResult,
    Replacement,
    StudyFinding,
    pseudonymise,
    scan,
    scan_study,
)


def a_text(text: str) -> list[str]:
    findings = scan(text, names=["Anna Andersson", "Bo"])
    assert_type(findings, list[Finding])
    also = pl.privacy.scan(text, names=("Anna",))  # any iterable of names
    kinds: list[FindingKind] = [finding.kind for finding in [*findings, *also]]
    return [f"{kind.value}: {finding.text}" for kind, finding in zip(kinds, findings, strict=False)]


def a_study(study: pl.Study) -> list[dict[str, str | int]]:
    findings = scan_study(study, names=["Kim"], name_labels=True, speaker_tags=False)
    assert_type(findings, list[StudyFinding])
    where: tuple[pl.Kind, str] = pl.parse_ref(findings[0].ref) if findings else (pl.Kind.STUDY, "")
    assert where
    return [finding.to_record() for finding in findings]


def pseudonymised(study: pl.Study, folder: Path) -> tuple[pl.Study, int]:
    result = pseudonymise(study, names=["Kim"], key_path=folder / "key.json")
    assert_type(result, PseudonymisationResult)
    assert_type(result.replacements, tuple[Replacement, ...])
    counts: dict[FindingKind, int] = result.counts()
    names: Mapping[str, str] = result.key[FindingKind.NAME]
    emails: Mapping[str, str] = result.key["email"]
    key = Key.read(result.key.write(folder / "again.json"))
    assert_type(key, Key)
    renamed: Mapping[str, str] = key.ids[pl.Kind.PARTICIPANT]
    by_hand = Key({"name": {"Kim": "Person 1"}}, ids={"participant": {"kim": "person-1"}})
    return result.study, len(counts) + len(names) + len(emails) + len(renamed) + len(by_hand)
