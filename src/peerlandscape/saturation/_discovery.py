"""Discovery: which codes (or sub-themes, or themes) each interview adds, in a given order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape._tabular import HtmlTable, TableView, records_frame
from peerlandscape.models import Kind, Study
from peerlandscape.queries._arguments import choice, known_id

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEVELS", "Discovery", "DiscoveryStep", "Level", "OrderBasis", "discovery"]

Level = Literal["code", "subtheme", "theme"]
"""What is discovered: codes applied, or the sub-themes or themes the codings reach."""

LEVELS: tuple[Level, ...] = ("code", "subtheme", "theme")

OrderBasis = Literal["given", "dates", "study"]
"""How the interviews were ordered: as the caller gave them, by date, or in study order."""

_STEP_COLUMNS = ("position", "interview", "date", "found", "new", "cumulative", "new_elements")
"""The keys of a discovery's records: the columns of its DataFrame, in order."""


@attrs.frozen
class DiscoveryStep:
    """One interview of a discovery table, in its place in the order.

    Attributes
    ----------
    position
        Its place in the order, from 1.
    interview
        The interview's id.
    date
        Its date as the study records it (``None``: unknown).
    found
        Ids of the elements its quotes carry, in study order.
    new
        Those not found in any interview before it, in study order.
    cumulative
        How many distinct elements the interviews up to this one hold.
    """

    position: int
    interview: str
    date: str | None
    found: tuple[str, ...]
    new: tuple[str, ...]
    cumulative: int


@attrs.frozen(repr=False)
class Discovery(TableView):
    """When each code (or sub-theme, or theme) first appears across the interviews.

    A table with one :class:`DiscoveryStep` per interview, and the data of a
    discovery curve (:meth:`curve`): the number of distinct elements found
    after each interview. Quotes whose interview is unknown cannot be placed
    in the order: they are listed in ``unplaced_quotes``, never counted.

    Attributes
    ----------
    level
        ``"code"``, ``"subtheme"`` or ``"theme"``.
    basis
        How the order was made: ``"given"`` (the caller's), ``"dates"``
        (interview dates, undated interviews after the dated ones in study
        order) or ``"study"`` (no interview has a date: study order).
    steps
        One per interview, in order.
    undated
        Interviews placed by study order because their date is unknown
        (empty for a given order).
    unplaced_quotes
        Quotes that carry an element of the level but no interview.
    never_found
        Elements of the level the study defines that no ordered interview holds.
    """

    level: Level
    basis: OrderBasis
    steps: tuple[DiscoveryStep, ...]
    undated: tuple[str, ...] = ()
    unplaced_quotes: tuple[str, ...] = ()
    never_found: tuple[str, ...] = ()

    @property
    def order(self) -> tuple[str, ...]:
        """The interview ids, in order."""
        return tuple(step.interview for step in self.steps)

    @property
    def total(self) -> int:
        """How many distinct elements all the ordered interviews hold."""
        return self.steps[-1].cumulative if self.steps else 0

    def curve(self) -> tuple[tuple[int, int], ...]:
        """Return the discovery curve: ``(interviews so far, distinct elements so far)``.

        It starts at ``(0, 0)``, so that a plot starts at the origin.
        """
        return ((0, 0), *((step.position, step.cumulative) for step in self.steps))

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per interview.

        Keys: ``position``, ``interview``, ``date``, ``found``, ``new`` (counts),
        ``cumulative``, ``new_elements`` (a list of ids).
        """
        return [
            {
                "position": step.position,
                "interview": step.interview,
                "date": step.date,
                "found": len(step.found),
                "new": len(step.new),
                "cumulative": step.cumulative,
                "new_elements": list(step.new),
            }
            for step in self.steps
        ]

    def to_pandas(self) -> pd.DataFrame:
        """Return the table as a :class:`pandas.DataFrame`, one row per interview.

        The columns are the keys of :meth:`to_records`; ``frame.attrs`` holds ``level`` and
        ``basis``.

        Needs pandas, an optional extra (``pip install 'peerlandscape[tables]'``);
        without it, raises :class:`~peerlandscape.MissingDependencyError`.
        """
        return records_frame(
            self.to_records(), columns=_STEP_COLUMNS, level=self.level, basis=self.basis
        )

    def __str__(self) -> str:
        width = max((len(step.interview) for step in self.steps), default=9)
        rows = [
            f"{self.level} discovery over {len(self.steps)} interviews (order: {self.basis})",
            f"{'#':>3}  {'interview':<{width}}  {'found':>5}  {'new':>3}  {'total':>5}",
        ]
        rows += [
            f"{s.position:>3}  {s.interview:<{width}}  {len(s.found):>5}  {len(s.new):>3}  "
            f"{s.cumulative:>5}"
            for s in self.steps
        ]
        if self.unplaced_quotes:
            rows.append(f"{len(self.unplaced_quotes)} quotes of unknown interview not counted")
        return "\n".join(rows)

    def _html_table(self) -> HtmlTable:
        return HtmlTable(
            caption=f"{self.level} discovery (order: {self.basis})",
            header=["#", "interview", "found", "new", "total"],
            rows=[
                [s.position, s.interview, len(s.found), len(s.new), s.cumulative]
                for s in self.steps
            ],
            numeric=[0, 2, 3, 4],
        )


def discovery(
    study: Study, *, level: Level = "code", order: Sequence[str] | None = None
) -> Discovery:
    """Return when each code (or sub-theme, or theme) first appears across the interviews.

    An interview holds an element when one of its quotes has a coding that
    applies it (``level="code"``: codes applied themselves) or reaches it
    through the framework (``"subtheme"``, ``"theme"``: see
    :meth:`StudyIndex.path_of <peerlandscape.models.StudyIndex.path_of>`).

    Parameters
    ----------
    study
        The study.
    level
        ``"code"``, ``"subtheme"`` or ``"theme"``.
    order
        Interview ids in the order to walk them; interviews left out are not
        counted. By default, the interviews' dates, earliest first, then study
        order: an interview without a date comes after every dated one, and
        dated interviews on the same date keep study order. Dates known only
        to the month (or year) compare as text, so ``"2023-06"`` comes before
        ``"2023-06-15"``. With no date at all, the order is the study's.

    Returns
    -------
    Discovery
        The table and the curve's data.

    Raises
    ------
    InvalidOptionError
        For an unknown ``level``, or an ``order`` that names an interview twice.
    UnknownIdError
        For an ``order`` that names an interview the study does not hold.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> found = discovery(pl.datasets.engdahl2025(), level="subtheme")
    >>> found.basis, len(found.steps), found.total
    ('study', 17, 7)
    >>> len(found.unplaced_quotes)  # focus group not known; Table 1's extract
    8
    """
    choice("level", level, LEVELS)
    index = study.index
    if order is None:
        interviews, basis, undated = _default_order(study)
    else:
        interviews, basis, undated = _given_order(study, order), "given", ()

    elements = _elements_by_quote(study, level)
    by_interview: dict[str, set[str]] = {}
    unplaced: list[str] = []
    for quote in study.quotes:
        carried = elements.get(quote.id)
        if not carried:
            continue
        if quote.interview is None:
            unplaced.append(quote.id)
        else:
            by_interview.setdefault(quote.interview, set()).update(carried)

    rank = _study_rank(study, level)
    seen: set[str] = set()
    steps = []
    for position, interview_id in enumerate(interviews, start=1):
        found = by_interview.get(interview_id, set())
        new = found - seen
        seen |= new
        steps.append(
            DiscoveryStep(
                position=position,
                interview=interview_id,
                date=index.interviews[interview_id].date,
                found=_in_study_order(found, rank),
                new=_in_study_order(new, rank),
                cumulative=len(seen),
            )
        )
    return Discovery(
        level=level,
        basis=basis,
        steps=tuple(steps),
        undated=undated,
        unplaced_quotes=tuple(unplaced),
        never_found=tuple(element for element in rank if element not in seen),
    )


def _default_order(study: Study) -> tuple[tuple[str, ...], OrderBasis, tuple[str, ...]]:
    interviews = study.interviews
    undated = tuple(i.id for i in interviews if i.date is None)
    if len(undated) == len(interviews):
        return tuple(i.id for i in interviews), "study", ()
    # sorted() is stable: same date (or none), study order.
    ordered = sorted(interviews, key=lambda i: (i.date is None, i.date or ""))
    return tuple(i.id for i in ordered), "dates", undated


def _given_order(study: Study, order: Sequence[str]) -> tuple[str, ...]:
    if isinstance(order, str) or not isinstance(order, Iterable):
        raise InvalidOptionError(f"order must be a sequence of interview ids, not {order!r}")
    ids: list[str] = []
    for value in order:
        if not isinstance(value, str):
            raise InvalidOptionError(f"order must hold interview ids, not {value!r}")
        bare = known_id(study, Kind.INTERVIEW, value)
        if bare in ids:
            raise InvalidOptionError(f"order names interview {bare!r} twice")
        ids.append(bare)
    return tuple(ids)


def _elements_by_quote(study: Study, level: Level) -> Mapping[str, set[str]]:
    carried: dict[str, set[str]] = {}
    paths = study.index.coding_paths
    for coding, path in zip(study.codings, paths, strict=True):
        if level == "code":
            element = coding.code
        elif level == "subtheme":
            element = path.subtheme
        else:
            element = path.theme
        if element is not None:
            carried.setdefault(coding.quote, set()).add(element)
    return carried


def _study_rank(study: Study, level: Level) -> Mapping[str, int]:
    if level == "code":
        ids = [code.id for code in study.codes]
    elif level == "subtheme":
        ids = [subtheme.id for subtheme in study.subthemes]
    else:
        ids = [theme.id for theme in study.themes]
    return {element: position for position, element in enumerate(ids)}


def _in_study_order(elements: set[str], rank: Mapping[str, int]) -> tuple[str, ...]:
    return tuple(sorted(elements, key=rank.__getitem__))
