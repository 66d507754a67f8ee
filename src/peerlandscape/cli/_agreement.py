"""``peerlandscape agreement``: how far a study's coders agree, code by code and overall.

With ``--unit quote`` (the default) the figures are
:func:`peerlandscape.agreement.quote_agreement`: one unit per quote x code,
present or absent, Krippendorff's alpha and percent agreement with bootstrap
intervals, and the disagreements to discuss. With ``--unit character`` they
are :func:`peerlandscape.agreement.character_agreement`: unitized alpha on
the characters of the sources. Every output says when the study declares
reflexive thematic analysis, for which the figures are advisory.

The agreement layer needs numpy (the ``analysis`` extra); it is imported
when the command runs, so that ``--help`` works without it and a missing
numpy is reported on one line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypedDict, cast

import attrs
import click

from peerlandscape._exceptions import UnknownIdError
from peerlandscape._limits import Limits
from peerlandscape.cli._columns import FIGURE_INDENT, csv_row, fitted_table
from peerlandscape.cli._common import (
    CommandError,
    counted,
    echo_output,
    load_study,
    printable,
    wrap,
)
from peerlandscape.cli._options import (
    choice_option,
    count_option,
    format_option,
    limits_option,
    study_argument,
)
from peerlandscape.models import Kind
from peerlandscape.queries._arguments import known_id

if TYPE_CHECKING:
    from peerlandscape.agreement import CharacterAgreement, QuoteAgreement
    from peerlandscape.models import Study

__all__ = [
    "CHARACTER_CSV_COLUMNS",
    "DISAGREEMENT_CSV_COLUMNS",
    "QUOTE_CSV_COLUMNS",
    "CharacterAgreementData",
    "QuoteAgreementData",
    "agreement",
    "character_data",
    "quote_csv_records",
    "quote_data",
    "render_character_text",
    "render_quote_text",
]

UNITS = ("quote", "character")
LEVELS = ("code", "candidate_theme", "subtheme", "theme")
UNCODED = ("absent", "missing")
ALL_CODES = "(all)"
"""How the text names the row of every code together."""

QUOTE_CSV_COLUMNS: tuple[str, ...] = (
    "code",
    "units",
    "applied",
    "agreed",
    "alpha",
    "alpha_low",
    "alpha_high",
    "percent",
    "percent_low",
    "percent_high",
    "undefined",
)
"""The columns of ``--format csv`` for ``--unit quote``: one row per code, then all codes."""

CHARACTER_CSV_COLUMNS: tuple[str, ...] = ("code", "units", "alpha")
"""The columns of ``--format csv`` for ``--unit character``."""

DISAGREEMENT_CSV_COLUMNS: tuple[str, ...] = ("quote", "code", "applied_by", "not_applied_by")
"""The columns of ``--format csv --disagreements``: one row per disagreement, without its text."""

# Options that only --unit quote takes: a value given to them with --unit character is an error.
_QUOTE_ONLY = ("uncoded", "seed", "resamples", "confidence", "disagreements")


class QuoteAgreementData(TypedDict):
    """What ``peerlandscape agreement --format json`` writes for ``--unit quote``."""

    unit: str
    level: str
    coders: list[str]
    quotes: int
    uncoded: str
    confidence: float
    resamples: int
    seed: int
    advisory: str | None
    overall: dict[str, Any]
    codes: list[dict[str, Any]]
    disagreements: list[dict[str, Any]]


class CharacterAgreementData(TypedDict):
    """What ``peerlandscape agreement --unit character --format json`` writes."""

    unit: str
    level: str
    coders: list[str]
    sources: list[str]
    characters: int
    skipped: int
    alpha: float | None
    advisory: str | None
    codes: list[dict[str, Any]]


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    # JSON has lists, not tuples; the result objects hold tuples, being immutable.
    return {
        key: list(value) if isinstance(value, tuple) else value for key, value in record.items()
    }


def quote_data(result: QuoteAgreement) -> QuoteAgreementData:
    """Return ``result`` as the plain dictionary ``--format json`` writes.

    ``overall`` and each of ``codes`` have the keys ``code`` (``null`` for
    all codes together), ``units``, ``applied``, ``agreed``, ``alpha``,
    ``percent``, ``alpha_interval`` and ``percent_interval`` (``[low, high]``
    or ``null``) and ``undefined`` (why alpha is ``null``, or ``null``).
    ``disagreements`` holds every one, each with ``quote``, ``code``,
    ``applied_by``, ``not_applied_by`` (lists of coder ids) and ``text``.
    ``quotes`` is the number of quotes compared; ``advisory`` is the note of a
    reflexive thematic analysis, or ``null``.

    Examples
    --------
    >>> from peerlandscape.agreement import quote_agreement
    >>> from peerlandscape.testing import synthetic_study
    >>> study = synthetic_study(codings=8, coders=2, interviews=1, seed=1)
    >>> data = quote_data(quote_agreement(study, resamples=0, seed=7))
    >>> data["overall"]["units"], data["overall"]["agreed"], round(data["overall"]["alpha"], 3)
    (16, 3, 0.677)
    >>> data["disagreements"][0]["applied_by"], data["disagreements"][0]["not_applied_by"]
    (['coder-2'], ['coder-1'])
    """
    return {
        "unit": result.unit,
        "level": result.target,
        "coders": list(result.coders),
        "quotes": len(result.quotes),
        "uncoded": result.uncoded,
        "confidence": result.confidence,
        "resamples": result.resamples,
        "seed": result.seed,
        "advisory": result.advisory,
        "overall": _plain(attrs.asdict(result.overall)),
        "codes": [_plain(attrs.asdict(figures)) for figures in result.codes],
        "disagreements": [_plain(attrs.asdict(d)) for d in result.disagreements],
    }


def character_data(result: CharacterAgreement) -> CharacterAgreementData:
    """Return ``result`` as the plain dictionary ``--format json`` writes.

    Each of ``codes`` has ``code``, ``units`` and ``alpha``; ``alpha`` is
    every code together (``null`` when undefined), ``characters`` the length
    of the ``sources`` laid end to end, ``skipped`` the codings that could not
    be placed on a source's text.
    """
    return {
        "unit": result.unit,
        "level": result.target,
        "coders": list(result.coders),
        "sources": list(result.sources),
        "characters": result.characters,
        "skipped": result.skipped,
        "alpha": result.alpha,
        "advisory": result.advisory,
        "codes": result.to_records()[:-1],
    }


def quote_csv_records(result: QuoteAgreement) -> list[dict[str, Any]]:
    """Return the rows of ``--format csv``: each code, then all codes together (``code`` empty).

    Each interval is two columns, its low and high bounds (empty when there is none).
    """
    rows = []
    for record in result.to_records():
        alpha = record.pop("alpha_interval") or (None, None)
        percent = record.pop("percent_interval") or (None, None)
        record.update(
            alpha_low=alpha[0],
            alpha_high=alpha[1],
            percent_low=percent[0],
            percent_high=percent[1],
        )
        rows.append(record)
    return rows


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _with_interval(value: float | None, bounds: tuple[float, float] | None) -> str:
    if bounds is None:
        return _number(value)
    return f"{_number(value)} [{bounds[0]:.3f}, {bounds[1]:.3f}]"


def _advisory(advisory: str | None, width: int) -> list[str]:
    return [] if advisory is None else ["", *wrap(f"Note: {advisory}.", width, hanging="  ")]


def _coders(coders: Sequence[str]) -> str:
    return f"{counted(len(coders), 'coder')} ({', '.join(printable(c) for c in coders)})"


def render_quote_text(result: QuoteAgreement, width: int, *, disagreements: bool = False) -> str:
    """Render quote x code agreement: a heading, the table, the disagreements if asked, the note.

    The heading says who was compared on how many quotes, what a unit is,
    and how the intervals were drawn (resamples and seed, to draw them
    again). Each row is a code's units, the units any coder applied it to,
    those every coder applied it to, alpha and percent agreement, each with
    its interval in brackets; the last row, ``(all)``, is every code
    together. Undefined figures are ``-``, and why is said under the table.

    Examples
    --------
    On a synthetic study (see :func:`peerlandscape.testing.synthetic_study`),
    with the disagreements listed:

    >>> from peerlandscape.agreement import quote_agreement
    >>> from peerlandscape.testing import synthetic_study
    >>> study = synthetic_study(codings=8, coders=2, interviews=1, seed=1)
    >>> result = quote_agreement(study, resamples=200, seed=1)
    >>> print(click.unstyle(render_quote_text(result, 80, disagreements=True)))
    Agreement of 2 coders (coder-1, coder-2) on 4 quotes
    Unit: quote x code presence; a quote a coder left uncoded counts as absent.
    95% bootstrap intervals from 200 resamples of quotes (seed 1, --seed 1 draws
      them again).
    <BLANKLINE>
    code        units  applied  agreed  alpha [interval]       percent [interval]
    code-1-1-1      4        1       0  0.000 [-0.400, 0.000]  0.750 [0.250, 1.000]
    code-1-2-3      4        1       1  1.000 [1.000, 1.000]   1.000 [1.000, 1.000]
    code-3-1-1      4        1       1  1.000 [1.000, 1.000]   1.000 [1.000, 1.000]
    code-3-1-3      4        2       1  0.533 [-0.400, 1.000]  0.750 [0.250, 1.000]
    (all)          16        5       3  0.677 [0.031, 1.000]   0.875 [0.625, 1.000]
    <BLANKLINE>
    2 disagreements
      quote-2  code-1-1-1: applied by coder-2; not by coder-1
        Voice team budget support need support clinic time policy colleague
        experience routine organization choice salary.
      quote-2  code-3-1-3: applied by coder-1; not by coder-2
        Voice team budget support need support clinic time policy colleague
        experience routine organization choice salary.
    """
    intervals = result.resamples > 0
    uncoded = (
        "absent"
        if result.uncoded == "absent"
        else "missing (that coder's values for it are left out)"
    )
    heading = f"Agreement of {_coders(result.coders)} on {counted(len(result.quotes), 'quote')}"
    lines = [click.style(line, bold=True) for line in wrap(heading, width, hanging="  ")]
    lines += wrap(
        f"Unit: {result.unit}; a quote a coder left uncoded counts as {uncoded}.",
        width,
        hanging="  ",
    )
    lines += wrap(
        f"{100 * result.confidence:g}% bootstrap intervals from {result.resamples} resamples "
        f"of quotes (seed {result.seed}, --seed {result.seed} draws them again)."
        if intervals
        else "No bootstrap intervals (--bootstrap 0).",
        width,
        hanging="  ",
    )
    figures = [*result.codes, result.overall]
    rows = [
        [
            ALL_CODES if f.code is None else printable(f.code),
            str(f.units),
            str(f.applied),
            str(f.agreed),
            _with_interval(f.alpha, f.alpha_interval),
            _with_interval(f.percent, f.percent_interval),
        ]
        for f in figures
    ]
    headings = [result.target, "units", "applied", "agreed", "alpha", "percent"]
    if intervals:
        headings[4:] = ["alpha [interval]", "percent [interval]"]
    numeric = [False, True, True, True, not intervals, not intervals]
    lines += ["", *fitted_table(headings, rows, numeric=numeric, width=width)]
    undefined = [f for f in figures if f.undefined is not None]
    if undefined:
        lines.append("")
        for f in undefined:
            name = ALL_CODES if f.code is None else printable(f.code)
            lines += wrap(f"alpha undefined for {name}: {f.undefined}", width, hanging="  ")
    count = counted(len(result.disagreements), "disagreement")
    if disagreements:
        lines += ["", click.style(f"{count[0].upper()}{count[1:]}", bold=True)]
        lines += _disagreement_lines(result, width)
    else:
        listed = " (--disagreements lists them)" if result.disagreements else ""
        lines += ["", *wrap(f"{count}{listed}", width, hanging="  ")]
    lines += _advisory(result.advisory, width)
    return "\n".join(lines)


def _disagreement_lines(result: QuoteAgreement, width: int) -> list[str]:
    lines: list[str] = []
    for d in result.disagreements:
        applied = ", ".join(d.applied_by) or "nobody"
        not_applied = ", ".join(d.not_applied_by) or "nobody"
        lines += wrap(
            printable(f"{d.quote}  {d.code}: applied by {applied}; not by {not_applied}"),
            width,
            indent="  ",
            hanging=FIGURE_INDENT + "  ",
        )
        if d.text is not None:
            for paragraph in d.text.splitlines() or [""]:
                lines += wrap(printable(paragraph), width, indent=FIGURE_INDENT)
    return lines


def render_character_text(result: CharacterAgreement, width: int) -> str:
    """Render unitized agreement: a heading, a table of codes (then ``(all)``), the note.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.agreement import character_agreement
    >>> text = "We were heard. Then the money ran out."
    >>> study = pl.Study(
    ...     id="demo", title="Demo",
    ...     coders=[pl.Coder(id="ana", label="A"), pl.Coder(id="bo", label="B")],
    ...     sources=[pl.Source(id="t1", label="Transcript 1", text=text)],
    ...     quotes=[pl.Quote(id="a1", text=text[0:14], source="t1", span=pl.Span(0, 14)),
    ...             pl.Quote(id="b1", text=text[3:14], source="t1", span=pl.Span(3, 14))],
    ...     codes=[pl.Code(id="hope", label="Hope")],
    ...     codings=[pl.Coding(quote="a1", code="hope", coder="ana"),
    ...              pl.Coding(quote="b1", code="hope", coder="bo")],
    ... )
    >>> print(click.unstyle(render_character_text(character_agreement(study), 80)))
    Unitized agreement of 2 coders (ana, bo) on 1 source (38 characters)
    Unit: character of a source x code; 0 codings skipped (no span in a source's
      text).
    <BLANKLINE>
    code   units  alpha
    hope       2  0.937
    (all)      2  0.937
    """
    sources = counted(len(result.sources), "source")
    heading = (
        f"Unitized agreement of {_coders(result.coders)} on {sources} "
        f"({result.characters} characters)"
    )
    lines = [click.style(line, bold=True) for line in wrap(heading, width, hanging="  ")]
    lines += wrap(
        f"Unit: {result.unit}; {counted(result.skipped, 'coding')} skipped (no span in a "
        "source's text).",
        width,
        hanging="  ",
    )
    rows = [
        [
            ALL_CODES if record["code"] is None else printable(record["code"]),
            str(record["units"]),
            _number(record["alpha"]),
        ]
        for record in result.to_records()
    ]
    lines += [
        "",
        *fitted_table(
            [result.target, "units", "alpha"], rows, numeric=[False, True, True], width=width
        ),
    ]
    lines += _advisory(result.advisory, width)
    return "\n".join(lines)


def _known_coder(study: Study, coder: str) -> str:
    try:
        return known_id(study, Kind.CODER, coder)
    except UnknownIdError as error:
        known = ", ".join(study.index.coders) or "(none)"
        raise CommandError(
            f"--coder: {error.args[0]}; the study's coders: {known}", kind="unknown_id"
        ) from None


@contextmanager
def _options_named() -> Iterator[None]:
    # The library asks for coders=[...]; on the command line that is --coder, once per coder.
    from peerlandscape.agreement import AgreementDataError  # noqa: PLC0415

    try:
        yield
    except AgreementDataError as error:
        if error.problem != "too_few_coders":
            raise
        message = str(error).replace("coders=[...]", "--coder ID, once for each")
        raise CommandError(message, kind="error") from None


def _refuse_quote_options(ctx: click.Context, unit: str) -> None:
    if unit == "quote":
        return
    given = [
        f"--{name}"
        for name in _QUOTE_ONLY
        if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    ]
    if given:
        raise CommandError(f"{', '.join(given)}: only for --unit quote, not --unit {unit}")


@click.command("agreement")
@study_argument
@choice_option(
    "--unit",
    UNITS,
    default="quote",
    help="quote: each quote x code, applied or not (alpha and percent agreement); "
    "character: the characters of each source (unitized alpha).",
)
@click.option(
    "--coder",
    "coders",
    multiple=True,
    metavar="ID",
    help="A coder to compare; repeat for each (two or more). Default: every coder who applied one.",
)
@choice_option(
    "--level",
    LEVELS,
    default="code",
    help="Which applications are compared: codes, or the candidate themes, sub-themes or "
    "themes coders applied directly.",
)
@choice_option(
    "--uncoded",
    UNCODED,
    default="absent",
    help="A quote a coder applied nothing to: absent (read, no code fit) or missing (not coded "
    "by that coder, as when coders split the transcripts).",
)
@count_option(
    "--bootstrap",
    "resamples",
    default=1000,
    help="Bootstrap resamples of quotes for the intervals; 0 for none.",
)
@click.option(
    "--confidence",
    type=click.FloatRange(0, 1, min_open=True, max_open=True),
    default=0.95,
    show_default=True,
    help="The coverage of the intervals.",
)
@count_option(
    "--seed",
    help="Seed of the resampling, to draw the same intervals again. Default: a fresh one, "
    "printed with the figures.",
)
@click.option(
    "--disagreements",
    is_flag=True,
    help="List every quote x code on which the coders differ, with the quote's words "
    "(with --format csv: the disagreements instead of the figures).",
)
@format_option("text", "csv", "json")
@limits_option
@click.pass_context
def agreement(
    ctx: click.Context,
    *,
    path: Path | None,
    limits: Limits,
    unit: str,
    coders: tuple[str, ...],
    level: str,
    uncoded: str,
    resamples: int,
    confidence: float,
    seed: int | None,
    disagreements: bool,
    output_format: str,
) -> None:
    """Measure how far a study's coders agree, per code.

    With --unit quote (the default) each quote x code is a unit, which each
    coder applied or not: Krippendorff's alpha and percent agreement per code
    and for all codes, with bootstrap intervals (quotes resampled; --seed
    draws the same ones again), and the count of disagreements
    (--disagreements lists them with the quotes' words). With --unit
    character each character of each source is a unit (unitized alpha), for
    coders who cut their own quotes from the transcripts.

    Only codings that name a coder count. When the study declares reflexive
    thematic analysis, the output says that the figures are advisory.
    --format csv writes one row per code (the last, with no code, is all
    codes together), --format json every figure. Needs numpy (pip install
    'peerlandscape[analysis]').

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used (one coder: nothing to compare).
    """
    _refuse_quote_options(ctx, unit)
    study = load_study(path, limits=limits)
    # numpy loads here, when figures are asked for; without it this is a one-line error.
    from peerlandscape.agreement import character_agreement, quote_agreement  # noqa: PLC0415

    chosen = [_known_coder(study, coder) for coder in coders] if coders else None
    target = cast("Literal['code', 'candidate_theme', 'subtheme', 'theme']", level)
    if unit == "character":
        with _options_named():
            by_character = character_agreement(study, coders=chosen, target=target)
        echo_output(
            output_format,
            text=lambda width: render_character_text(by_character, width),
            data=lambda: character_data(by_character),
            records=lambda: (CHARACTER_CSV_COLUMNS, by_character.to_records()),
        )
        return
    with _options_named():
        result = quote_agreement(
            study,
            coders=chosen,
            target=target,
            uncoded=cast("Literal['absent', 'missing']", uncoded),
            resamples=resamples,
            confidence=confidence,
            seed=seed,
        )
    echo_output(
        output_format,
        text=lambda width: render_quote_text(result, width, disagreements=disagreements),
        data=lambda: quote_data(result),
        records=lambda: _csv_table(result, disagreements=disagreements),
    )


def _csv_table(
    result: QuoteAgreement, *, disagreements: bool
) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
    # --disagreements makes the CSV the disagreements, not the figures: a table has one shape.
    if disagreements:
        return DISAGREEMENT_CSV_COLUMNS, [csv_row(r) for r in _disagreement_records(result)]
    return QUOTE_CSV_COLUMNS, quote_csv_records(result)


def _disagreement_records(result: QuoteAgreement) -> list[dict[str, Any]]:
    return [
        {
            "quote": d.quote,
            "code": d.code,
            "applied_by": d.applied_by,
            "not_applied_by": d.not_applied_by,
        }
        for d in result.disagreements
    ]
