"""Replicate a framework: compare a study with the reference framework it was coded against."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Set
from typing import Literal

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape._reference import Reference, resolve_reference
from peerlandscape.models import CandidateTheme, Code, Study
from peerlandscape.queries import voicing
from peerlandscape.replication._match import match
from peerlandscape.replication._results import (
    Addition,
    AdditionKind,
    Basis,
    Replication,
    SubthemeReplication,
)

__all__ = ["replicate"]

_DEFAULT_REFERENCE = "engdahl2025"


def replicate(study: Study, reference: Reference | None = None) -> Replication:
    """Compare ``study`` with the framework it was coded against.

    For each sub-theme of the reference framework: whether the study finds it
    (a quote of the study reaches it, through a code, a candidate theme or
    directly), with how many quotes and participants, and which stakeholder
    groups voice it, beside the groups the original attributes it to. The
    groups of a side are those its own statements name (``Study.attributions``)
    or, where it states none for the sub-theme, those its quotes come from: a
    study imported from a QDA project states none, and is heard through its
    quotes. Then
    what the study has that the framework has no place for: themes and
    sub-themes the reference has none like, and codes or candidate themes
    applied to quotes but placed under no sub-theme or theme.

    A sub-theme of the study is the reference's when it has its id (an import
    with ``reference=`` gives the reference's sub-themes their ids, and links
    codes named like them) or, failing that, its label, whatever the case.

    Parameters
    ----------
    study
        The study, coded against the reference's framework: imported with
        ``pl.read_qdpx(path, reference="engdahl2025")`` or
        ``pl.read_table(path, reference="engdahl2025")``, or built by hand.
    reference
        The framework: a study, the name of a built-in dataset, or the path of
        a study document. ``None`` (the default): the built-in study of
        Engdahl et al. (2025).

    Returns
    -------
    Replication
        One row per reference sub-theme, and the additions; ``to_pandas()``
        for a table, ``summary()`` for a few sentences.

    Raises
    ------
    InvalidOptionError
        If ``study`` is not a study, or ``reference`` is not a study, a name or a
        path, or has no sub-themes.
    MissingFileError, DocumentError, StudyValidationError
        If ``reference`` is a path that cannot be read as a study document.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.replication import replicate
    >>> study = pl.datasets.engdahl2025()
    >>> result = replicate(study)
    >>> len(result.found), result.missing, result.additions
    (12, (), ())
    >>> row = result.get("mitigating-peer-drifting")
    >>> row.quotes, row.participants, row.groups, row.basis
    (1, 1, ('peer_support_worker', 'user_organization'), 'attributions')
    >>> row.groups == row.original_groups
    True
    """
    if not isinstance(study, Study):
        raise InvalidOptionError(f"replicate takes a Study, not {type(study).__name__}")
    if reference is not None and not isinstance(reference, Study | str | os.PathLike):
        raise InvalidOptionError(
            "reference must be a Study, the name of a built-in dataset or the path of a study "
            f"document, not {type(reference).__name__}"
        )
    original = resolve_reference(_DEFAULT_REFERENCE if reference is None else reference)
    assert original is not None  # a reference was named
    if not original.subthemes:
        raise InvalidOptionError(
            f"the reference framework {original.id!r} has no sub-themes to compare with"
        )
    order = _group_order(original, study)
    subthemes = match(study.subthemes, original.subthemes)
    themes = match(study.themes, original.themes)
    return Replication(
        study=study.id,
        reference=original.id,
        subthemes=_reference_rows(study, original, subthemes, order),
        additions=(
            *_new_elements(study, "theme", set(themes.values()), order),
            *_new_elements(study, "subtheme", set(subthemes.values()), order),
            *_unplaced(study, order),
        ),
        labels={g.id: g.label for g in (*study.groups, *original.groups)},
    )


def _group_order(original: Study, study: Study) -> dict[str, int]:
    ids = dict.fromkeys(g.id for g in (*original.groups, *study.groups))
    return {group: position for position, group in enumerate(ids)}


def _ordered(groups: Iterable[str], order: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(groups, key=lambda g: (order.get(g, len(order)), g)))


def _reference_rows(
    study: Study, original: Study, matched: Mapping[str, str], order: Mapping[str, int]
) -> tuple[SubthemeReplication, ...]:
    ours, theirs = study.index, original.index
    heard, stated = _voices(study, order), _voices(original, order)
    rows = []
    for subtheme in original.subthemes:
        mine = matched.get(subtheme.id)
        groups, basis = heard[mine] if mine else ((), "quotes")
        original_groups, original_basis = stated[subtheme.id]
        rows.append(
            SubthemeReplication(
                subtheme=subtheme.id,
                label=subtheme.label,
                theme=subtheme.theme,
                matched=mine,
                quotes=len(ours.subtheme_quotes[mine]) if mine else 0,
                participants=len(ours.subtheme_participants[mine]) if mine else 0,
                groups=groups,
                basis=basis,
                original_quotes=len(theirs.subtheme_quotes[subtheme.id]),
                original_participants=len(theirs.subtheme_participants[subtheme.id]),
                original_groups=original_groups,
                original_basis=original_basis,
            )
        )
    return tuple(rows)


def _voices(study: Study, order: Mapping[str, int]) -> dict[str, tuple[tuple[str, ...], Basis]]:
    # A study's own word on who voiced a sub-theme when it gives one; else its quotes'.
    return {
        v.subtheme: (_ordered(v.stated, order), "attributions")
        if v.stated
        else (_ordered(v.from_quotes, order), "quotes")
        for v in voicing(study)
    }


def _new_elements(
    study: Study, level: Literal["theme", "subtheme"], matched: Set[str], order: Mapping[str, int]
) -> list[Addition]:
    index = study.index
    quotes = index.quotes_reaching(level)
    speakers = index.participants_reaching(level)
    groups = index.groups_reaching(level)
    elements = study.themes if level == "theme" else study.subthemes
    return [
        Addition(
            kind=level,
            id=element.id,
            label=element.label,
            theme=getattr(element, "theme", None),
            quotes=len(quotes[element.id]),
            participants=len(speakers[element.id]),
            groups=_ordered(groups[element.id], order),
        )
        for element in elements
        if element.id not in matched
    ]


def _unplaced(study: Study, order: Mapping[str, int]) -> list[Addition]:
    # Codings whose element leads to no sub-theme and no theme, gathered under the element
    # that has no place: the outermost code of a nested code, or its candidate theme.
    index = study.index
    codes = index.codes
    found: dict[tuple[AdditionKind, str], set[str]] = {}
    for coding, path in zip(study.codings, index.coding_paths, strict=True):
        if path.subtheme is not None or path.theme is not None:
            continue
        key: tuple[AdditionKind, str]
        if coding.candidate_theme is not None:
            key = ("candidate_theme", coding.candidate_theme)
        else:
            code = codes[coding.target[1]]  # the only other kind that can lead nowhere
            while code.parent is not None:
                code = codes[code.parent]
            candidate = code.candidate_theme
            key = ("code", code.id) if candidate is None else ("candidate_theme", candidate)
        found.setdefault(key, set()).add(coding.quote)
    speakers, quote_groups = index.quote_speakers, index.quote_groups
    elements: tuple[tuple[AdditionKind, Mapping[str, CandidateTheme | Code]], ...] = (
        ("candidate_theme", index.candidate_themes),
        ("code", codes),
    )
    return [
        Addition(
            kind=kind,
            id=element_id,
            label=element.label,
            theme=None,
            quotes=len(quotes),
            participants=len({p for q in quotes if (p := speakers[q]) is not None}),
            groups=_ordered({g for q in quotes if (g := quote_groups[q]) is not None}, order),
        )
        for kind, objects in elements
        for element_id, element in objects.items()
        if (quotes := found.get((kind, element_id))) is not None
    ]
