"""Agreement of a study's coders on which characters of each source carry which code.

The unit is the character: each source text is a continuum, and each coder's
quotes coded with a code are that coder's units of the code on it
(Krippendorff's unitized alpha). The sources are laid end to end; no gap runs
from one into the next. A coder's overlapping quotes with the same code are
merged into one stretch (unitizing gives a character one value per code and
coder), and quotes without a span in a source with text cannot be placed and
are counted as skipped.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape.agreement._display import TableOfFigures, number
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._reflexive import REFLEXIVE_ADVISORY, declares_reflexive_ta
from peerlandscape.agreement._scope import Target, compared_coders, target_kind, triples
from peerlandscape.agreement._unitized import CategoryAlpha, unitized_parts
from peerlandscape.models import Kind, Study
from peerlandscape.queries._arguments import known_id

__all__ = ["CharacterAgreement", "character_agreement"]

UNIT = "character of a source x code"
"""What one unit of :class:`CharacterAgreement` is."""


@attrs.frozen(repr=False)
class CharacterAgreement(TableOfFigures):
    """Agreement of a study's coders on which characters carry which code (unitized alpha).

    Attributes
    ----------
    unit
        What one unit is: ``"character of a source x code"``.
    target
        The level of the framework compared.
    coders
        The coders compared, in the study's order.
    sources
        The sources compared, in the study's order, laid end to end.
    characters
        Their total length in characters (the continuum's length, L).
    alpha
        Unitized alpha over all codes, or ``None`` when undefined.
    codes
        Each code's unitized alpha (:class:`CategoryAlpha`), in the study's order.
    skipped
        Codings left out because their quote has no span in a source with text.
    advisory
        Set when the study declares reflexive thematic analysis.
    """

    unit: str
    target: Target
    coders: tuple[str, ...]
    sources: tuple[str, ...]
    characters: int
    alpha: float | None
    codes: tuple[CategoryAlpha, ...]
    skipped: int
    advisory: str | None = None

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per code, then one for all codes (``code`` is ``None``)."""
        records: list[dict[str, Any]] = [
            {"code": figures.category, "alpha": figures.value, "units": figures.units}
            for figures in self.codes
        ]
        records.append(
            {"code": None, "alpha": self.alpha, "units": sum(f.units for f in self.codes)}
        )
        return records

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.target, "units", "alpha"]
        rows = [
            [str(r["code"] or "(all)"), str(r["units"]), number(r["alpha"])]
            for r in self.to_records()
        ]
        return header, rows

    def _heading(self) -> str:
        sources = f"{len(self.sources)} source{'' if len(self.sources) == 1 else 's'}"
        return (
            f"Unitized agreement of {', '.join(self.coders)} on {sources} "
            f"({self.characters} characters; unit: {self.unit}; {self.skipped} codings skipped)"
        )

    def __repr__(self) -> str:
        return (
            f"CharacterAgreement(coders={self.coders!r}, sources={len(self.sources)}, "
            f"characters={self.characters}, alpha={number(self.alpha)}"
            + (", advisory" if self.advisory else "")
            + ")"
        )


def character_agreement(
    study: Study,
    *,
    coders: Iterable[str] | None = None,
    target: Target = "code",
    sources: Iterable[str] | None = None,
) -> CharacterAgreement:
    """Return how far a study's coders agree on which characters of each source carry which code.

    Each source text is a continuum of characters; the quotes a coder applied
    a code to are that coder's units of the code on it, placed by their spans.
    Krippendorff's (2004) unitized alpha then measures agreement on where
    coded stretches begin and end as well as on their codes, which
    :func:`quote_agreement` cannot see when coders cut their own quotes.

    Parameters
    ----------
    study
        The study; its sources need their text, and its quotes spans in them.
    coders
        The coders to compare (two or more); by default every coder who applied
        an element of ``target``.
    target
        Which applications are compared (``"code"``, ``"candidate_theme"``,
        ``"subtheme"`` or ``"theme"``).
    sources
        The sources compared; by default every source with text that a
        compared coder coded a quote of. Every character of a compared
        source counts, coded or not.

    Returns
    -------
    CharacterAgreement
        Unitized alpha for all codes and for each.

    Raises
    ------
    AgreementDataError
        If fewer than two coders are compared, or no coding can be placed on
        a source's text.
    UnknownIdError
        If a coder or source named is not in the study.

    Examples
    --------
    Two coders mark "hope" in one transcript, at nearly the same words:

    >>> import peerlandscape as pl
    >>> from peerlandscape.agreement import character_agreement
    >>> text = "We were heard. Then the money ran out, and the group ended."
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     coders=[pl.Coder(id="ana", label="A"), pl.Coder(id="bo", label="B")],
    ...     sources=[pl.Source(id="t1", label="Transcript 1", text=text)],
    ...     quotes=[
    ...         pl.Quote(id="a1", text=text[0:14], source="t1", span=pl.Span(0, 14)),
    ...         pl.Quote(id="b1", text=text[3:14], source="t1", span=pl.Span(3, 14)),
    ...     ],
    ...     codes=[pl.Code(id="hope", label="Hope")],
    ...     codings=[
    ...         pl.Coding(quote="a1", code="hope", coder="ana"),
    ...         pl.Coding(quote="b1", code="hope", coder="bo"),
    ...     ],
    ... )
    >>> result = character_agreement(study)
    >>> result.characters, round(result.alpha, 3)
    (59, 0.956)
    """
    kind = target_kind(target)
    applied = triples(study, target)
    chosen = compared_coders(study, coders, applied, target)
    compared = set(chosen)
    applied = [t for t in applied if t[2] in compared]
    index = study.index
    placed: list[tuple[str, int, int, str, str]] = []  # source, start, end, coder, element
    skipped = 0
    for quote_id, element, coder in applied:
        quote = index.quotes[quote_id]
        source = index.sources.get(quote.source) if quote.source else None
        if quote.span is None or source is None or source.text is None:
            skipped += 1
            continue
        if quote.span.end > len(source.text):
            raise AgreementDataError(
                f"quote {quote_id!r} spans [{quote.span.start}, {quote.span.end}), beyond the "
                f"{len(source.text)} characters of source {source.id!r}",
                "outside",
            )
        placed.append((source.id, quote.span.start, quote.span.end, coder, element))
    source_ids = _sources(study, sources, placed)
    offsets: dict[str, int] = {}
    total = 0
    for source_id in source_ids:
        offsets[source_id] = total
        text = index.sources[source_id].text
        assert text is not None  # _sources keeps sources with text
        total += len(text)
    placed = [p for p in placed if p[0] in offsets]
    units = _merged(placed, offsets)
    if not units:
        raise AgreementDataError(
            "no coding of the compared coders can be placed on a source's text (quotes need "
            "a source with text and a span in it)",
            "no_pairable_values",
        )
    order = {element: number for number, element in enumerate(index.by_kind[kind])}
    units.sort(key=lambda unit: (order[str(unit[3])], unit[0]))
    result = unitized_parts(
        units, begin=0, length=total, coders=list(chosen), breaks=list(offsets.values())
    )
    return CharacterAgreement(
        unit=UNIT,
        target=target,
        coders=chosen,
        sources=source_ids,
        characters=total,
        alpha=result.value,
        codes=result.categories,
        skipped=skipped,
        advisory=REFLEXIVE_ADVISORY if declares_reflexive_ta(study) else None,
    )


def _sources(
    study: Study, sources: Iterable[str] | None, placed: list[tuple[str, int, int, str, str]]
) -> tuple[str, ...]:
    if isinstance(sources, str):
        raise InvalidOptionError(
            f"sources must be a list of source ids, not the string {sources!r}"
        )
    if sources is None:
        wanted = {p[0] for p in placed}
    else:
        wanted = {known_id(study, Kind.SOURCE, source) for source in sources}
        missing_text = [s for s in sorted(wanted) if study.index.sources[s].text is None]
        if missing_text:
            raise AgreementDataError(
                f"source {missing_text[0]!r} has no text: characters cannot be compared",
                "value",
            )
    return tuple(source for source in study.index.sources if source in wanted)


def _merged(
    placed: list[tuple[str, int, int, str, str]], offsets: dict[str, int]
) -> list[tuple[int, int, Hashable, Hashable]]:
    # One coder's stretches of one code, overlapping ones merged, on the joined continuum.
    spans: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for source, start, end, coder, element in placed:
        if end > start:
            base = offsets[source]
            spans.setdefault((coder, element), []).append((base + start, base + end))
    units: list[tuple[int, int, Hashable, Hashable]] = []
    for (coder, element), stretches in spans.items():
        stretches.sort()
        low, high = stretches[0]
        for start, end in stretches[1:]:
            if start < high:
                high = max(high, end)
            else:
                units.append((low, high - low, coder, element))
                low, high = start, end
        units.append((low, high - low, coder, element))
    return units
