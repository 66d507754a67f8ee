"""Agreement of a study's coders on which codes apply to which quotes: unit = quote x code.

Each quote compared, crossed with each code any compared coder applied, is
one unit; each coder's value for it is *present* (the coder applied the code
to the quote) or *absent*. A quote coded with several codes is several units,
one per code, each judged on its own: that is how multi-coded segments count.
Figures are given per code (its units: every quote compared) and for all
codes together (every quote x code unit).
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from peerlandscape._exceptions import InvalidOptionError, UnknownIdError
from peerlandscape.agreement._binary import binary_alpha, binary_percent, unit_disagreement
from peerlandscape.agreement._bootstrap import Applied, quote_bootstrap
from peerlandscape.agreement._data import PAIRABLE
from peerlandscape.agreement._display import TableOfFigures, number
from peerlandscape.agreement._errors import AgreementDataError
from peerlandscape.agreement._numpy import np
from peerlandscape.agreement._reflexive import REFLEXIVE_ADVISORY, declares_reflexive_ta
from peerlandscape.agreement._scope import Target, compared_coders, target_kind, triples
from peerlandscape.models import Kind, Study
from peerlandscape.queries._arguments import choice, known_id

__all__ = ["CodeAgreement", "Disagreement", "QuoteAgreement", "quote_agreement"]

Uncoded = Literal["absent", "missing"]
UNCODED: tuple[Uncoded, ...] = ("absent", "missing")

UNIT = "quote x code presence"
"""What one unit of :class:`QuoteAgreement` is."""


@attrs.frozen
class CodeAgreement:
    """How far the coders agree on one code, or on all codes together.

    Attributes
    ----------
    code
        The code (or other element of the framework) id; ``None`` for all codes together.
    units
        Pairable units: quote x code units with values from at least two coders.
    applied
        Of those, the units at least one coder applied the code to.
    agreed
        Of the units applied, those every coder with a value applied it to.
    alpha
        Krippendorff's alpha (nominal, on presence/absence), or ``None`` when undefined.
    percent
        Percent agreement (the share of agreeing pairs of values), or ``None``.
    alpha_interval
        The bootstrap percentile interval of alpha, or ``None`` (no resamples,
        or alpha undefined in every resample).
    percent_interval
        The bootstrap percentile interval of percent agreement, or ``None``.
    undefined
        Why alpha is undefined, when it is.
    """

    code: str | None
    units: int
    applied: int
    agreed: int
    alpha: float | None
    percent: float | None
    alpha_interval: tuple[float, float] | None = None
    percent_interval: tuple[float, float] | None = None
    undefined: str | None = None


@attrs.frozen
class Disagreement:
    """A quote x code unit on which the coders differ: to discuss.

    Attributes
    ----------
    quote
        The quote id.
    code
        The code (or other element) id.
    applied_by
        The coders who applied it, in the study's order.
    not_applied_by
        The coders who did not (and who coded the unit: see ``uncoded``).
    text
        The quote's words, if the study has them.
    """

    quote: str
    code: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]
    text: str | None = None


@attrs.frozen(repr=False)
class QuoteAgreement(TableOfFigures):
    """Agreement of a study's coders on which codes apply to which quotes.

    Attributes
    ----------
    unit
        What one unit is: ``"quote x code presence"``.
    target
        The level of the framework compared (``"code"``, ``"subtheme"``, ...).
    coders
        The coders compared, in the study's order.
    quotes
        The quotes compared, in the study's order.
    uncoded
        How a quote a coder applied nothing to counts: ``"absent"`` (the coder
        saw no code fit) or ``"missing"`` (the coder did not code it).
    overall
        The figures of all quote x code units together.
    codes
        The figures of each code, in the study's order.
    disagreements
        Every unit on which the coders differ, quote by quote.
    confidence
        The coverage of the intervals (0.95 for 95%).
    resamples
        Bootstrap resamples drawn (0: no intervals).
    seed
        The seed the resamples were drawn with: the same seed gives the same intervals.
    advisory
        Set when the study declares reflexive thematic analysis: these
        figures are then advisory (see the docs page on agreement).
    """

    unit: str
    target: Target
    coders: tuple[str, ...]
    quotes: tuple[str, ...]
    uncoded: Uncoded
    overall: CodeAgreement
    codes: tuple[CodeAgreement, ...]
    disagreements: tuple[Disagreement, ...]
    confidence: float
    resamples: int
    seed: int
    advisory: str | None = None

    def code(self, code: str) -> CodeAgreement:
        """Return the figures of one code.

        Raises
        ------
        UnknownIdError
            If the code is not among those compared.
        """
        for figures in self.codes:
            if figures.code == code:
                return figures
        compared = ", ".join(repr(figures.code) for figures in self.codes)
        raise UnknownIdError(
            f"no figures for {self.target} {code!r}: those compared are {compared}",
            self.target,
            code,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per code, then one for all codes (``code`` is ``None``)."""
        return [attrs.asdict(figures) for figures in (*self.codes, self.overall)]

    def disagreement_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per disagreement (quote, code, who applied it, who did not)."""
        return [
            {
                "quote": d.quote,
                "code": d.code,
                "applied_by": ", ".join(d.applied_by),
                "not_applied_by": ", ".join(d.not_applied_by),
                "text": d.text,
            }
            for d in self.disagreements
        ]

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        header = [self.target, "units", "applied", "agreed", "alpha", "interval", "percent"]
        rows = [
            [
                "(all)" if figures.code is None else figures.code,
                str(figures.units),
                str(figures.applied),
                str(figures.agreed),
                number(figures.alpha),
                _interval(figures.alpha_interval),
                number(figures.percent),
            ]
            for figures in (*self.codes, self.overall)
        ]
        return header, rows

    def _heading(self) -> str:
        shown = f"{100 * self.confidence:g}% intervals from {self.resamples} resamples"
        return (
            f"Agreement of {', '.join(self.coders)} on {len(self.quotes)} quotes "
            f"(unit: {self.unit}; {shown}, seed {self.seed}; "
            f"{len(self.disagreements)} disagreements)"
        )

    def __repr__(self) -> str:
        return (
            f"QuoteAgreement(coders={self.coders!r}, quotes={len(self.quotes)}, "
            f"codes={len(self.codes)}, alpha={number(self.overall.alpha)}, "
            f"disagreements={len(self.disagreements)}"
            + (", advisory" if self.advisory else "")
            + ")"
        )


def _interval(bounds: tuple[float, float] | None) -> str:
    return "\u2013" if bounds is None else f"[{bounds[0]:.3f}, {bounds[1]:.3f}]"


def quote_agreement(
    study: Study,
    *,
    coders: Iterable[str] | None = None,
    target: Target = "code",
    quotes: Iterable[str] | None = None,
    uncoded: Uncoded = "absent",
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int | None = None,
) -> QuoteAgreement:
    """Return how far a study's coders agree on which codes apply to which quotes.

    The unit is a quote x code pair, and a coder's value for it is whether
    they applied the code to the quote. A quote with several codes is several
    units, one per code, each judged on its own (the rule for multi-coded
    segments). Krippendorff's alpha (nominal) and percent agreement are given
    for each code and for all codes together, with bootstrap intervals from
    quotes resampled with replacement, and every unit on which the coders
    differ is listed, to discuss.

    Parameters
    ----------
    study
        The study; only codings with a coder count (a paper's placements have none).
    coders
        The coders to compare (two or more); by default every coder who applied
        an element of ``target``.
    target
        Which applications are compared: ``"code"`` (the default),
        ``"candidate_theme"``, ``"subtheme"`` or ``"theme"``. Only applications
        of that level count: a code is not its sub-theme.
    quotes
        The quotes compared; by default those any compared coder applied an
        element of ``target`` to (a quote none of them coded was not data for
        any of them, and would only add agreed absences).
    uncoded
        How a compared quote that a coder applied nothing to counts:
        ``"absent"`` (the default: the coder read it and saw no code fit) or
        ``"missing"`` (the coder did not code it: their values are missing,
        as when coders split the transcripts).
    resamples
        Bootstrap resamples for the intervals; 0 for none.
    confidence
        The coverage of the intervals, between 0 and 1.
    seed
        The seed of the resampling (a whole number >= 0); by default a fresh
        one, recorded in the result so that the intervals can be drawn again.

    Returns
    -------
    QuoteAgreement
        Per-code and overall figures, the disagreements, and the advisory note
        when the study declares reflexive thematic analysis.

    Raises
    ------
    AgreementDataError
        If fewer than two coders are compared (``problem == "too_few_coders"``) or
        no compared coder applied anything to the compared quotes.
    UnknownIdError
        If a coder or quote named is not in the study.
    InvalidOptionError
        If an option is outside its choices.

    Examples
    --------
    Two coders code three quotes:

    >>> import peerlandscape as pl
    >>> from peerlandscape.agreement import quote_agreement
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     coders=[pl.Coder(id="ana", label="A"), pl.Coder(id="bo", label="B")],
    ...     quotes=[pl.Quote(id=f"q{i}", text=f"Words {i}.") for i in (1, 2, 3)],
    ...     codes=[pl.Code(id="hope", label="Hope"), pl.Code(id="cost", label="Cost")],
    ...     codings=[
    ...         pl.Coding(quote="q1", code="hope", coder="ana"),
    ...         pl.Coding(quote="q1", code="hope", coder="bo"),
    ...         pl.Coding(quote="q2", code="cost", coder="ana"),
    ...         pl.Coding(quote="q2", code="hope", coder="bo"),
    ...         pl.Coding(quote="q3", code="cost", coder="ana"),
    ...         pl.Coding(quote="q3", code="cost", coder="bo"),
    ...     ],
    ... )
    >>> result = quote_agreement(study, seed=1)
    >>> result.overall.units, result.overall.applied, result.overall.agreed
    (6, 4, 2)
    >>> round(result.overall.alpha, 3)
    0.389
    >>> [(d.quote, d.code, d.applied_by, d.not_applied_by) for d in result.disagreements]
    [('q2', 'hope', ('bo',), ('ana',)), ('q2', 'cost', ('ana',), ('bo',))]
    """
    kind = target_kind(target)
    choice("uncoded", uncoded, UNCODED)
    if isinstance(resamples, bool) or not isinstance(resamples, int) or resamples < 0:
        raise InvalidOptionError(f"resamples must be a whole number >= 0, not {resamples!r}")
    if not (isinstance(confidence, float | int) and 0 < confidence < 1):
        raise InvalidOptionError(f"confidence must be between 0 and 1, not {confidence!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, int) or seed < 0):
        raise InvalidOptionError(f"seed must be a whole number >= 0 or None, not {seed!r}")
    applied = triples(study, target)
    chosen = compared_coders(study, coders, applied, target)
    compared = set(chosen)
    applied = [t for t in applied if t[2] in compared]
    quote_ids = _quotes(study, quotes, applied)
    in_scope = set(quote_ids)
    applied = [t for t in applied if t[0] in in_scope]
    order = study.index.by_kind[kind]
    used = {element for _, element, _ in applied}
    elements = [element for element in order if element in used]
    if not elements:
        raise AgreementDataError(
            f"no compared coder applied a {target.replace('_', ' ')} to the compared quotes",
            "no_pairable_values",
        )
    drawn = secrets.randbits(32) if seed is None else seed
    return _figures(
        study,
        applied=applied,
        coders=chosen,
        quotes=quote_ids,
        elements=elements,
        target=target,
        uncoded=uncoded,
        resamples=resamples,
        confidence=float(confidence),
        seed=drawn,
    )


def _quotes(
    study: Study, quotes: Iterable[str] | None, applied: list[tuple[str, str, str]]
) -> tuple[str, ...]:
    if isinstance(quotes, str):
        raise InvalidOptionError(f"quotes must be a list of quote ids, not the string {quotes!r}")
    wanted = (
        {quote for quote, _, _ in applied}
        if quotes is None
        else {known_id(study, Kind.QUOTE, quote) for quote in quotes}
    )
    return tuple(quote for quote in study.index.quotes if quote in wanted)


def _figures(
    study: Study,
    *,
    applied: list[tuple[str, str, str]],
    coders: tuple[str, ...],
    quotes: tuple[str, ...],
    elements: list[str],
    target: Target,
    uncoded: Uncoded,
    resamples: int,
    confidence: float,
    seed: int,
) -> QuoteAgreement:
    coder_at = {coder: number for number, coder in enumerate(coders)}
    quote_at = {quote: number for number, quote in enumerate(quotes)}
    element_at = {element: number for number, element in enumerate(elements)}
    q = np.asarray([quote_at[t[0]] for t in applied], dtype=np.intp)
    e = np.asarray([element_at[t[1]] for t in applied], dtype=np.intp)
    c = np.asarray([coder_at[t[2]] for t in applied], dtype=np.intp)
    width = len(elements)
    present = np.bincount(q * width + e, minlength=len(quotes) * width).reshape(-1, width)
    if uncoded == "absent":
        size = np.full(len(quotes), float(len(coders)))
    else:
        coded = np.zeros((len(coders), len(quotes)), dtype=np.bool_)
        coded[c, q] = True
        size = coded.sum(axis=0).astype(np.float64)
    pairable = size >= PAIRABLE
    ones = np.where(pairable[:, None], present, 0).astype(np.float64)
    apart = unit_disagreement(size[:, None], ones)
    # The three sums of each code, then of all codes together (the last column).
    per_code = float(size[pairable].sum())
    n = np.append(np.full(width, per_code), per_code * width)
    present_sum = np.append(ones.sum(axis=0), ones.sum())
    apart_sum = np.append(apart.sum(axis=0), apart.sum())
    alpha = binary_alpha(n, present_sum, apart_sum)
    percent = binary_percent(n, apart_sum)
    intervals = None
    if resamples and pairable.any():
        kept_rows = np.flatnonzero(pairable)
        renumber = np.cumsum(pairable) - 1
        unit_row, unit_code = np.nonzero(ones)
        intervals = quote_bootstrap(
            Applied(
                size=size[kept_rows],
                codes=width,
                quote=renumber[unit_row].astype(np.intp),
                code=unit_code.astype(np.intp),
                present=ones[unit_row, unit_code],
                apart=apart[unit_row, unit_code],
            ),
            resamples=resamples,
            confidence=confidence,
            seed=seed,
        )
    applied_units = (ones > 0).sum(axis=0)
    agreed_units = ((ones > 0) & (ones == size[:, None])).sum(axis=0)
    units = int(pairable.sum())
    figures = []
    for column in range(width + 1):
        name = elements[column] if column < width else None
        total_units = units if column < width else units * width
        applied_count = int(applied_units[column]) if column < width else int(applied_units.sum())
        agreed_count = int(agreed_units[column]) if column < width else int(agreed_units.sum())
        figures.append(
            CodeAgreement(
                code=name,
                units=total_units,
                applied=applied_count,
                agreed=agreed_count,
                alpha=_value(alpha[column]),
                percent=_value(percent[column]),
                alpha_interval=_bounds(intervals.alpha[column]) if intervals else None,
                percent_interval=_bounds(intervals.percent[column]) if intervals else None,
                undefined=_why(total_units, float(present_sum[column]), float(n[column]))
                if math.isnan(alpha[column])
                else None,
            )
        )
    return QuoteAgreement(
        unit=UNIT,
        target=target,
        coders=coders,
        quotes=quotes,
        uncoded=uncoded,
        overall=figures[-1],
        codes=tuple(figures[:-1]),
        disagreements=_disagreements(
            study,
            applied,
            coders=coders,
            quotes=quotes,
            elements=elements,
            uncoded=uncoded,
            size=size,
            present=present,
        ),
        confidence=confidence,
        resamples=resamples if intervals is not None else 0,
        seed=seed,
        advisory=REFLEXIVE_ADVISORY if declares_reflexive_ta(study) else None,
    )


def _value(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _bounds(row: Any) -> tuple[float, float] | None:
    low, high = float(row[0]), float(row[1])
    return None if math.isnan(low) else (low, high)


def _why(units: int, present: float, n: float) -> str:
    if units == 0:
        return "no quote has values from two of the coders"
    if present == 0:
        return "no coder applied it in a pairable unit: every value is absent"
    if present == n:
        return "every coder applied it to every unit: every value is present"
    return "fewer than two pairable values"  # pragma: no cover - n >= 2 whenever units >= 1


def _disagreements(
    study: Study,
    applied: list[tuple[str, str, str]],
    *,
    coders: tuple[str, ...],
    quotes: tuple[str, ...],
    elements: list[str],
    uncoded: Uncoded,
    size: Any,
    present: Any,
) -> tuple[Disagreement, ...]:
    by_unit: dict[tuple[str, str], set[str]] = {}
    by_quote: dict[str, set[str]] = {}
    for quote, element, coder in applied:
        by_unit.setdefault((quote, element), set()).add(coder)
        by_quote.setdefault(quote, set()).add(coder)
    texts = study.index.quotes
    split = (present > 0) & (present < size[:, None]) & (size[:, None] >= PAIRABLE)
    found = []
    for row, column in zip(*(axis.tolist() for axis in np.nonzero(split)), strict=True):
        quote, element = quotes[row], elements[column]
        who = by_unit[(quote, element)]
        # With uncoded="missing", a coder who applied nothing to the quote gave it no value.
        with_value = set(coders) if uncoded == "absent" else by_quote[quote]
        found.append(
            Disagreement(
                quote=quote,
                code=element,
                applied_by=tuple(coder for coder in coders if coder in who),
                not_applied_by=tuple(
                    coder for coder in coders if coder in with_value and coder not in who
                ),
                text=texts[quote].text,
            )
        )
    return tuple(found)
