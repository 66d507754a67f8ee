"""Thematic saturation as Guest, Namey & Chen (2020) assess it: base size, run length, threshold.

Guest G, Namey E, Chen M (2020). A simple method to assess and report
thematic saturation in qualitative research. PLOS ONE 15(5): e0232076.
https://doi.org/10.1371/journal.pone.0232076
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from peerlandscape._exceptions import InvalidOptionError
from peerlandscape._tabular import HtmlTable, TableView, records_frame
from peerlandscape.saturation._discovery import Discovery, Level

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["GuestAssessment", "GuestRun", "guest_saturation"]

BASE_SIZE = 4
"""The base size Guest et al. recommend: the first four interviews."""
RUN_LENGTH = 2
"""The run length they recommend: two interviews."""
THRESHOLD = 0.05
"""The new-information threshold they recommend: at most 5% of the base."""

_RUN_COLUMNS = ("first", "last", "interviews", "new", "new_elements", "ratio", "saturated")
"""The keys of an assessment's records: the columns of its DataFrame, in order."""


@attrs.frozen
class GuestRun:
    """One run: consecutive interviews after the base, and what they add.

    Attributes
    ----------
    first, last
        Positions (from 1) of its first and last interview in the order.
    interviews
        Their ids.
    new
        Elements first found in the run: held by none of the interviews before it.
    ratio
        ``len(new)`` over the number of elements in the base; ``None`` when the
        base holds none (the ratio is then undefined).
    saturated
        Whether ``ratio`` is at or below the threshold.
    """

    first: int
    last: int
    interviews: tuple[str, ...]
    new: tuple[str, ...]
    ratio: float | None
    saturated: bool


@attrs.frozen(repr=False)
class GuestAssessment(TableView):
    """The outcome of Guest et al.'s (2020) saturation assessment.

    Attributes
    ----------
    level
        What was counted: ``"code"``, ``"subtheme"`` or ``"theme"``.
    base_size, run_length, threshold
        The three parameters (``threshold`` as a proportion: 0.05 is 5%).
    base
        The interviews of the base, in order.
    base_elements
        How many distinct elements the base holds: the denominator of every ratio.
    runs
        Every run, from the one right after the base to the last complete one.
    interviews
        How many interviews the order holds.
    """

    level: Level
    base_size: int
    run_length: int
    threshold: float
    base: tuple[str, ...]
    base_elements: int
    runs: tuple[GuestRun, ...]
    interviews: int

    @property
    def first_saturated_run(self) -> GuestRun | None:
        """The first run at or below the threshold, or ``None``."""
        return next((run for run in self.runs if run.saturated), None)

    @property
    def saturation_point(self) -> int | None:
        """How many interviews reached saturation: those before the first saturated run.

        ``None`` when no run is at or below the threshold.
        """
        run = self.first_saturated_run
        return None if run is None else run.first - 1

    @property
    def reached(self) -> bool:
        """Whether saturation was reached within the interviews."""
        return self.first_saturated_run is not None

    @property
    def label(self) -> str | None:
        """Saturation as Guest et al. report it, ``"<interviews>+<run length>"`` (``"6+2"``)."""
        point = self.saturation_point
        return None if point is None else f"{point}+{self.run_length}"

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per run.

        Keys: ``first``, ``last``, ``interviews`` (a list of ids), ``new`` (a
        count), ``new_elements`` (a list of ids), ``ratio``, ``saturated``.
        """
        return [
            {
                "first": run.first,
                "last": run.last,
                "interviews": list(run.interviews),
                "new": len(run.new),
                "new_elements": list(run.new),
                "ratio": run.ratio,
                "saturated": run.saturated,
            }
            for run in self.runs
        ]

    def to_pandas(self) -> pd.DataFrame:
        """Return the runs as a :class:`pandas.DataFrame`, one row per run.

        The columns are the keys of :meth:`to_records`; ``frame.attrs`` holds the parameters
        (``level``, ``base_size``, ``run_length``, ``threshold``) and ``base_elements``.

        Needs pandas, an optional extra (``pip install 'peerlandscape[tables]'``);
        without it, raises :class:`~peerlandscape.MissingDependencyError`.
        """
        return records_frame(
            self.to_records(),
            columns=_RUN_COLUMNS,
            level=self.level,
            base_size=self.base_size,
            run_length=self.run_length,
            threshold=self.threshold,
            base_elements=self.base_elements,
        )

    def _summary(self) -> str:
        rule = (
            f"base {self.base_size} interviews ({self.base_elements} distinct), "
            f"run {self.run_length}, new information <= {self.threshold * 100:g}%"
        )
        if self.label is not None:
            return f"saturation at {self.label}: {rule}"
        if not self.runs:
            return f"not assessable: {self.interviews} interviews, fewer than base plus run; {rule}"
        return f"saturation not reached in {self.interviews} interviews: {rule}"

    def __str__(self) -> str:
        rows = [self._summary()]
        for run in self.runs:
            ratio = "n/a" if run.ratio is None else f"{run.ratio:.1%}"
            mark = "  <= threshold" if run.saturated else ""
            rows.append(f"  run {run.first}-{run.last}: {len(run.new)} new, {ratio}{mark}")
        return "\n".join(rows)

    def _html_table(self) -> HtmlTable:
        return HtmlTable(
            caption=self._summary(),
            header=["run", "new", "ratio", "saturated"],
            rows=[
                [
                    f"{run.first}\u2013{run.last}",
                    len(run.new),
                    "n/a" if run.ratio is None else f"{run.ratio:.1%}",
                    "yes" if run.saturated else "",
                ]
                for run in self.runs
            ],
            numeric=[1, 2],
        )


def guest_saturation(
    found: Discovery,
    *,
    base_size: int = BASE_SIZE,
    run_length: int = RUN_LENGTH,
    threshold: float = THRESHOLD,
) -> GuestAssessment:
    """Assess thematic saturation as Guest, Namey & Chen (2020) define it.

    The method, on interviews in the order they were held (or analysed):

    1. The *base* is the first ``base_size`` interviews; the number of distinct
       elements (codes, in the paper) they hold is the denominator.
    2. A *run* is ``run_length`` consecutive interviews after the base. The
       first run starts right after the base; each next run starts one
       interview later.
    3. A run's new information is the elements found in it and in no interview
       before it; its ratio is that count over the base's count.
    4. Saturation is reached at the first run whose ratio is at or below the
       ``threshold``: at the number of interviews before that run, reported
       with the run length as ``"6+2"`` (six interviews, confirmed by a run
       of two that added too little to matter).

    The paper recommends a base of 4, a run of 2 and a threshold of 5%
    (``0.05``); a threshold of ``0`` asks for no new information at all, and
    longer bases or runs are more conservative. The denominator stays the
    base's count however many elements later runs add, and a run's new
    elements are new against every interview before it, base and earlier
    runs alike.

    Parameters
    ----------
    found
        The discovery table of the interviews, in order (see :func:`discovery`).
    base_size
        Interviews in the base, at least 1.
    run_length
        Interviews in a run, at least 1.
    threshold
        The largest share of new information that still counts as saturation,
        a proportion between 0 and 1.

    Returns
    -------
    GuestAssessment
        Every run, and where saturation was reached (``None`` when it was not,
        or when there are fewer interviews than a base and one run).

    Raises
    ------
    InvalidOptionError
        For a base size or run length below 1, or a threshold outside [0, 1].

    Examples
    --------
    >>> import peerlandscape as pl
    >>> study = pl.datasets.engdahl2025()
    >>> assessment = guest_saturation(discovery(study, level="subtheme"))
    >>> assessment.base_elements, assessment.label
    (0, None)
    >>> print(assessment)  # doctest: +ELLIPSIS
    saturation not reached in 17 interviews: base 4 interviews (0 distinct), ...
    """
    _check_parameters(base_size, run_length, threshold)
    steps = found.steps
    base = steps[:base_size]
    # A base cut short (fewer interviews than base_size) is no base: nothing to divide by.
    base_elements = base[-1].cumulative if len(base) == base_size else 0
    runs = []
    # Empty when there are fewer interviews than a base and one run.
    for start in range(base_size, len(steps) - run_length + 1):
        window = steps[start : start + run_length]
        new = tuple(element for step in window for element in step.new)
        ratio = len(new) / base_elements if base_elements else None
        runs.append(
            GuestRun(
                first=window[0].position,
                last=window[-1].position,
                interviews=tuple(step.interview for step in window),
                new=new,
                ratio=ratio,
                saturated=ratio is not None and ratio <= threshold,
            )
        )
    return GuestAssessment(
        level=found.level,
        base_size=base_size,
        run_length=run_length,
        threshold=threshold,
        base=tuple(step.interview for step in base),
        base_elements=base_elements,
        runs=tuple(runs),
        interviews=len(steps),
    )


def _check_parameters(base_size: object, run_length: object, threshold: object) -> None:
    for name, value in (("base_size", base_size), ("run_length", run_length)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidOptionError(
                f"{name} must be a whole number of interviews >= 1, not {value!r}"
            )
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not 0 <= threshold <= 1
    ):
        raise InvalidOptionError(
            f"threshold must be a proportion between 0 and 1 (0.05 for 5%), not {threshold!r}"
        )
