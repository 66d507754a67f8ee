"""Which coders, quotes and framework elements a study's agreement compares, chosen once."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.agreement._data import PAIRABLE
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.models import Kind, Study
from peerlandscape.models._refs import KIND_LABELS
from peerlandscape.queries._arguments import choice, known_id

__all__ = ["TARGETS", "Target", "compared_coders", "target_kind", "triples"]

Target = Literal["code", "candidate_theme", "subtheme", "theme"]
"""The level of the framework whose applications are compared."""

TARGETS: tuple[Target, ...] = ("code", "candidate_theme", "subtheme", "theme")


def target_kind(target: str) -> Kind:
    """Return the kind of framework element ``target`` names, or refuse it."""
    choice("target", target, TARGETS)
    return Kind(target)


def triples(study: Study, target: str) -> list[tuple[str, str, str]]:
    """Every ``(quote, element, coder)`` of the study's codings of ``target``, with a known coder.

    A coding without a coder (a paper's placement of a quote) has no one to
    agree with and is left out; a coding repeated by the same coder counts once.
    """
    seen: dict[tuple[str, str, str], None] = {}
    for coding in study.codings:
        if coding.coder is None:
            continue
        kind, element = coding.target
        if kind == target:
            seen[(coding.quote, element, coding.coder)] = None
    return list(seen)


def compared_coders(
    study: Study, coders: Iterable[str] | None, applied: Iterable[tuple[str, str, str]], target: str
) -> tuple[str, ...]:
    """Return the coders to compare, in study order: those named, or all who applied ``target``.

    Raises
    ------
    UnknownIdError
        If a named coder is not in the study.
    AgreementDataError
        If fewer than two coders are compared (``problem == "too_few_coders"``).
    """
    if isinstance(coders, str):
        raise InvalidOptionError(f"coders must be a list of coder ids, not the string {coders!r}")
    order = {coder: number for number, coder in enumerate(study.index.coders)}
    if coders is None:
        chosen = {coder for _, _, coder in applied}
    else:
        chosen = {known_id(study, Kind.CODER, coder) for coder in coders}
    ordered = tuple(sorted(chosen, key=order.__getitem__))
    if len(ordered) < PAIRABLE:
        named = " and ".join(repr(coder) for coder in ordered) or "no coder"
        if coders is None:
            label = KIND_LABELS[Kind(target)]
            raise AgreementDataError(
                f"agreement compares two or more coders, and the study's codings of "
                f"{label}s name {'only ' if ordered else ''}{named}: name the coders to "
                "compare with coders=[...]",
                "too_few_coders",
            )
        raise AgreementDataError(
            f"agreement compares two or more coders; coders=[...] names {named}",
            "too_few_coders",
        )
    return ordered
