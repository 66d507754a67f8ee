"""``peerlandscape quotes``: the quote records of a study, filtered.

The output is the :func:`peerlandscape.quote_records` contract, one record per
link between a quote and the framework, with the keys of
:data:`peerlandscape.QUOTE_RECORD_KEYS` in order. Filters select records, not
quotes: a record matches ``--subtheme`` when its own ``subtheme`` is that
sub-theme, so every record printed is one the library returns, unchanged.
As text, each record is a block (:func:`render_blocks`): its ids and its place
in the framework, then the whole quote, wrapped to the terminal.

CSV is the format for a spreadsheet, and so for sharing: it is refused when a
quote or a participant's label printed identifies a person (see
:mod:`peerlandscape.cli._privacy`), unless ``--allow-identifying``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, TypedDict, Unpack, cast

import click

from peerlandscape._exceptions import IdentifyingDataError, UnknownIdError
from peerlandscape._limits import Limits
from peerlandscape._records import QUOTE_RECORD_KEYS, QuoteRecord, quote_records
from peerlandscape.cli._common import (
    CommandError,
    counted,
    echo_output,
    load_study,
    pack,
    printable,
    render_table,
    terminal_width,
    wrap,
)
from peerlandscape.cli._options import format_option, limits_option, study_argument
from peerlandscape.cli._privacy import allow_identifying_option, refusal
from peerlandscape.models import Kind, Study
from peerlandscape.queries import descendant_codes
from peerlandscape.queries._arguments import known_id

__all__ = [
    "TABLE_COLUMNS",
    "QuoteFilters",
    "filter_records",
    "quotes",
    "render_blocks",
    "render_table_text",
]

TABLE_COLUMNS: tuple[str, ...] = (
    "quote_id",
    "participant_id",
    "stakeholder_group",
    "code",
    "subtheme",
    "text",
)
"""The record keys the table shows, ``text`` last so that it can take the width left over."""

_MIN_TEXT_WIDTH = 30
"""The table never cuts the text shorter than this, even on a narrow terminal."""

_MISSING = "-"

_LISTED_IDS = 20
"""An unknown id lists the valid ones when there are at most this many."""

_TEXT_INDENT = "    "


def _fields(record: QuoteRecord) -> Mapping[str, str | None]:
    # Every value of the record contract is a str or None; this lets a key be chosen at run time.
    return cast("Mapping[str, str | None]", record)


def _known_id(study: Study, kind: Kind, value: str, option: str) -> str:
    # The queries' one look-up of ids, with the option named as the user typed it. Its
    # suggestions are ids spelt alike; an id that contains what was typed is suggested too
    # (--subtheme drifting), and without a suggestion the valid ids are listed, if few.
    try:
        return known_id(study, kind, value)
    except UnknownIdError as error:
        message = f"{option}: {error.args[0]}"
        known = list(study.index.by_kind[kind])
        typed = value.removeprefix(f"{kind.value}:").casefold()
        containing = [id_ for id_ in known if typed and typed in id_.casefold()][:3]
        if "did you mean" not in message and containing:
            message += f"; did you mean {', '.join(repr(id_) for id_ in containing)}?"
        elif "did you mean" not in message:
            listed = ", ".join(known[:_LISTED_IDS]) if known else "(none)"
            more = f" and {len(known) - _LISTED_IDS} more" if len(known) > _LISTED_IDS else ""
            message += f"; valid ids: {listed}{more}"
        raise CommandError(message, kind="unknown_id") from None


class QuoteFilters(TypedDict, total=False):
    """The filters of ``peerlandscape quotes``, each the id of an object of the study."""

    theme: str | None
    subtheme: str | None
    code: str | None
    group: str | None
    participant: str | None
    interview: str | None


# Each filter: the kind of object it names, and the record field it matches ("code" matches
# the code and those nested under it).
_FILTERS: Final = {
    "theme": (Kind.THEME, "theme"),
    "subtheme": (Kind.SUBTHEME, "subtheme"),
    "code": (Kind.CODE, "code"),
    "group": (Kind.GROUP, "stakeholder_group"),
    "participant": (Kind.PARTICIPANT, "participant_id"),
    "interview": (Kind.INTERVIEW, "interview_id"),
}


def filter_records(
    study: Study, records: Iterable[QuoteRecord], **filters: Unpack[QuoteFilters]
) -> list[QuoteRecord]:
    """Keep the records whose own fields match every given filter, in their order.

    A record matches ``theme`` when its ``theme`` is that id, ``subtheme``
    its ``subtheme``, ``group`` its ``stakeholder_group``, ``participant``
    its ``participant_id`` and ``interview`` its ``interview_id``. It matches
    ``code`` when its ``code`` is that code or one nested under it, as in
    :func:`peerlandscape.queries.quotes_for`. An id may be bare or namespaced
    as in the study graph and validation reports (``"subtheme:..."``).

    Raises
    ------
    CommandError
        If a filter names an id the study does not have; the message names
        the option and the id, and lists the valid ids.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> kept = filter_records(study, pl.quote_records(study), subtheme="mitigating-peer-drifting")
    >>> [(r["quote_id"], r["stakeholder_group"]) for r in kept]
    [('psw-12-continuous-training', 'peer_support_worker')]
    >>> filter_records(study, [], group="officials")
    Traceback (most recent call last):
    ...
    peerlandscape.cli._common.CommandError: --group: the study has no stakeholder group ...
    """
    wanted: dict[str, str] = {}
    given = cast("Mapping[str, str | None]", filters)
    for name, (kind, key) in _FILTERS.items():
        value = given.get(name)
        if value is not None:
            wanted[key] = _known_id(study, kind, value, f"--{name}")
    code = wanted.pop("code", None)
    codes = descendant_codes(study, code) if code is not None else None
    return [
        record
        for record in records
        if all(_fields(record)[key] == value for key, value in wanted.items())
        and (codes is None or record["code"] in codes)
    ]


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def render_table_text(records: Sequence[QuoteRecord], width: int) -> str:
    """Render ``records`` as an aligned table of :data:`TABLE_COLUMNS` at most ``width`` wide.

    The text, last, is cut (ending in "…") to the width the other columns
    leave, but never below 30 characters; a missing value shows as ``-``.
    A last line counts the records and the distinct quotes.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> records = pl.quote_records(pl.datasets.engdahl2025())[:1]
    >>> table = render_table_text(records, 150).splitlines()
    >>> table[0].split()
    ['quote_id', 'participant_id', 'stakeholder_group', 'code', 'subtheme', 'text']
    >>> len(table[1]), table[1].endswith("…")
    (150, True)
    """
    fixed = TABLE_COLUMNS[:-1]
    cells = [[printable(_fields(record)[key] or _MISSING) for key in fixed] for record in records]
    # Lay out the fixed columns first; the text gets what is left of the line.
    prefix = render_table(list(fixed), cells)
    used = max(len(line) for line in prefix) + 2 if cells else 0
    room = max(width - used, _MIN_TEXT_WIDTH)
    texts = [_truncate(printable(record["text"] or _MISSING), room) for record in records]
    lines = render_table(
        list(TABLE_COLUMNS), [[*row, text] for row, text in zip(cells, texts, strict=True)]
    )
    lines += ["", _footer(records)]
    return "\n".join(lines)


def _footer(records: Sequence[QuoteRecord]) -> str:
    distinct = len({record["quote_id"] for record in records})
    return f"{counted(len(records), 'record')} of {counted(distinct, 'quote')}"


def _speaker(record: QuoteRecord) -> str:
    participant, group = record["participant_id"], record["stakeholder_group"]
    if participant is None:
        return "(speaker unknown)"
    return printable(participant if group is None else f"{participant} ({group})")


def _placement(record: QuoteRecord) -> str:
    # Top-down, as the framework reads: the sub-theme (or theme) the link reaches, then the code.
    reached = record["subtheme"] or record["theme"]
    steps = [step for step in (reached, record["code"]) if step is not None]
    return printable(" > ".join(steps)) if steps else "(no sub-theme)"


def _text_lines(text: str | None, width: int) -> list[str]:
    if text is None:
        return [_TEXT_INDENT + "(the words of this quote are not available)"]
    lines: list[str] = []
    # A line break in the quote is the speaker's (or the transcript's): kept, not folded.
    for paragraph in text.splitlines() or [""]:
        lines += wrap(printable(paragraph), width, indent=_TEXT_INDENT)
    return lines


def render_blocks(records: Sequence[QuoteRecord], width: int) -> str:
    """Render ``records`` as one block each, fitted to ``width`` columns.

    A block's first line holds the quote id (bold on a terminal), the speaker
    and stakeholder group, and the sub-theme (or theme) and code the record
    links the quote to, in that order; what does not fit moves to the next
    line, indented. The whole text of the quote follows, wrapped and
    indented. Blocks are a blank line apart, and a last line counts the
    records and the distinct quotes.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> records = pl.quote_records(pl.datasets.engdahl2025())
    >>> drifting = [r for r in records if r["subtheme"] == "mitigating-peer-drifting"]
    >>> print(click.unstyle(render_blocks(drifting, 60)))
    psw-12-continuous-training  psw-12 (peer_support_worker)
      mitigating-peer-drifting
        Perhaps undergoing continuous training ensures we don't
        drift into a staff role. I'm genuinely afraid of
        transitioning into a staff role instead of staying true
        to my role as a peer.
    <BLANKLINE>
    1 record of 1 quote
    """
    lines: list[str] = []
    for record in records:
        quote_id = printable(record["quote_id"])
        head = pack([quote_id, _speaker(record), _placement(record)], width, hanging="  ")
        # Style after laying out: escape codes take no columns.
        head[0] = click.style(quote_id, bold=True) + head[0][len(quote_id) :]
        lines += [*head, *_text_lines(record["text"], width), ""]
    return "\n".join([*lines, _footer(records)])


@click.command("quotes")
@study_argument
@click.option("--theme", metavar="ID", help="Keep records whose theme is this theme.")
@click.option("--subtheme", metavar="ID", help="Keep records whose sub-theme is this sub-theme.")
@click.option(
    "--code", metavar="ID", help="Keep records whose code is this code or one nested under it."
)
@click.option("--group", metavar="ID", help="Keep records whose speaker is of this group.")
@click.option(
    "--participant", metavar="ID", help="Keep records of quotes said by this participant."
)
@click.option("--interview", metavar="ID", help="Keep records of quotes from this interview.")
@format_option("text", "table", "json", "csv", default="text")
@allow_identifying_option
@limits_option
def quotes(
    *,
    path: Path | None,
    limits: Limits,
    output_format: str,
    allow_identifying: bool,
    **filters: Unpack[QuoteFilters],
) -> None:
    """List the quote records of a study, filtered.

    A record is one link between a quote and the framework, with the fields
    quote_id, text, interview_id, participant_id, participant_label,
    stakeholder_group, code, subtheme, theme and coder; a quote coded twice
    gives two records. Filters keep the records whose own fields match all of
    them; an unknown id is an error that lists the valid ones.

    The text shows each record as a block: the quote id, the speaker and
    group, the sub-theme and code, then the whole quote, wrapped to the
    terminal width (set COLUMNS to change it). --format table gives one line
    per record, the text cut to fit; --format json and --format csv give
    every field and the whole text. In CSV, a cell a spreadsheet would run
    as a formula (one starting with =, +, -, @, a tab or a carriage return)
    starts with an apostrophe, which spreadsheets read as "this is text".

    --format csv is refused when a quote or a participant's label it would
    print identifies a person (a name, a personal identity number, an e-mail
    address), each finding listed with its text masked; pseudonymise the
    study first, or pass --allow-identifying.

    PATH is a JSON study document; without it, the built-in study of
    Engdahl et al. (2025) is used.
    """
    study = load_study(path, limits=limits)
    records = filter_records(study, quote_records(study), **filters)
    render = render_table_text if output_format == "table" else render_blocks
    echo_output(
        output_format,
        text=lambda width: render(records, width),
        data=lambda: records,
        records=lambda: (
            QUOTE_RECORD_KEYS,
            _shareable(study, records, allow_identifying=allow_identifying),
        ),
    )


def _shareable(
    study: Study, records: Sequence[QuoteRecord], *, allow_identifying: bool
) -> Sequence[QuoteRecord]:
    """Return ``records`` for CSV, refused when what they print identifies a person."""
    # The scanner loads with the first CSV output, not for the other formats or --help.
    from peerlandscape.privacy._sharing import refuse_identifying_records  # noqa: PLC0415

    try:
        refuse_identifying_records(
            study, records, where="quotes --format csv", allowed=allow_identifying
        )
    except IdentifyingDataError as error:
        raise refusal(error, "quotes --format csv", terminal_width()) from None
    return records
