"""Code x case presence: the codes (or sub-themes, themes) each participant or interview reaches."""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import TYPE_CHECKING, Literal

from peerlandscape.models import Kind, Study
from peerlandscape.queries._arguments import choice
from peerlandscape.tables._frame import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["code_presence"]

Case = Literal["participant", "interview"]
Level = Literal["code", "subtheme", "theme"]

_LEVEL_KINDS = {"code": Kind.CODE, "subtheme": Kind.SUBTHEME, "theme": Kind.THEME}


def code_presence(
    study: Study, *, case: Case = "participant", level: Level = "code", labels: bool = True
) -> pd.DataFrame:
    """Return, for each case and each code (or sub-theme, theme), whether the case reaches it.

    A case is a participant or an interview. It reaches a code when one of
    its quotes is coded with the code or with a code nested under it, and a
    sub-theme or theme when one of its quotes is linked to it (through a code,
    a candidate theme or directly), as :attr:`StudyIndex.quotes_reaching
    <peerlandscape.models.StudyIndex.quotes_reaching>` says. A quote with no
    speaker (or, by interview, no interview) counts for no case.

    The table is long: one row for every case and every element, zeros
    included, cases in study order and within a case the elements in study
    order; ``frame.pivot(index=..., columns=..., values="present")`` gives the
    case x code matrix. With ``case="participant"`` the case columns are:

    ======================== ========= ===================================================
    column                   dtype     meaning
    ======================== ========= ===================================================
    participant_id           category  the participant
    participant_label        category  *labels* -- their pseudonymous label
    stakeholder_group        category  their stakeholder group
    stakeholder_group_label  category  *labels* -- the group's label
    ======================== ========= ===================================================

    and with ``case="interview"``: ``interview_id``, ``interview_label``
    (*labels*), ``stakeholder_group`` (the group the interview was held with;
    NaN: mixed or unknown) and ``stakeholder_group_label`` (*labels*). Then:

    ============== ========= ==========================================================
    column         dtype     meaning
    ============== ========= ==========================================================
    *level*        category  the code, sub-theme or theme (the column is named
                             ``code``, ``subtheme`` or ``theme`` after ``level``)
    *level*_label  category  *labels* -- its label
    quotes         int64     distinct quotes of the case that reach it
    present        bool      whether any does (``quotes > 0``)
    ============== ========= ==========================================================

    ``frame.attrs`` holds ``case`` and ``level``.

    Parameters
    ----------
    study
        The study.
    case
        ``"participant"`` or ``"interview"``.
    level
        ``"code"``, ``"subtheme"`` or ``"theme"``.
    labels
        As for every table (:mod:`peerlandscape.tables`).

    Raises
    ------
    InvalidOptionError
        If ``case`` or ``level`` is not one of its choices.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> from peerlandscape.tables import code_presence
    >>> study = pl.datasets.engdahl2025()
    >>> table = code_presence(study, level="theme")
    >>> len(table) == len(study.participants) * len(study.themes)
    True
    >>> matrix = table.pivot(index="participant_id", columns="theme", values="present")
    >>> int(matrix.loc["psw-11"].sum()), int(matrix.sum().sum())
    (2, 15)
    >>> by_interview = code_presence(study, case="interview", level="subtheme")
    >>> by_interview.loc[by_interview["present"], "interview_id"].nunique()
    5
    """
    choice("case", case, ("participant", "interview"))
    choice("level", level, tuple(_LEVEL_KINDS))
    table = Table(study, labels=labels, needed_for="a code x case table")
    index = study.index
    if case == "participant":
        cases = [participant.id for participant in study.participants]
        case_groups: Mapping[str, str | None] = index.participant_groups
        case_of: Mapping[str, str | None] = index.quote_speakers
    else:
        cases = [interview.id for interview in study.interviews]
        case_groups = index.interview_groups
        case_of = {quote.id: quote.interview for quote in study.quotes}
    reached = _quotes_reaching_codes(study) if level == "code" else index.quotes_reaching(level)
    kind = _LEVEL_KINDS[level]
    elements = {element: position for position, element in enumerate(index.by_kind[kind])}
    where = {unit: position for position, unit in enumerate(cases)}
    np = table.np
    # Cases and elements are in study order, which is the order of the categories: a row's
    # case and element are its positions, and the counts a case x element array.
    counts = np.zeros((len(cases), len(elements)), dtype=np.int64)
    for element, quotes in reached.items():
        for quote in quotes:
            unit = case_of[quote]
            if unit is not None:
                counts[where[unit], elements[element]] += 1
    rows = np.repeat(np.arange(len(cases)), len(elements))
    case_kind = Kind.PARTICIPANT if case == "participant" else Kind.INTERVIEW
    table.positions(f"{case}_id", case_kind, rows)
    groups = table.pd.Categorical(
        [case_groups[unit] for unit in cases], categories=list(index.groups)
    )
    table.positions("stakeholder_group", Kind.GROUP, groups.codes[rows])
    table.positions(level, kind, np.tile(np.arange(len(elements)), len(cases)))
    table.counts("quotes", counts.ravel())
    table.column("present", table.columns["quotes"] > 0)
    return table.frame(case=case, level=level)


def _quotes_reaching_codes(study: Study) -> Mapping[str, Set[str]]:
    # A quote coded with a nested code reaches every code above it, as quotes_for's
    # include_child_codes has it; each code's chain of parents is walked once.
    codes = study.index.codes
    chains: dict[str, tuple[str, ...]] = {}

    def chain(code: str) -> tuple[str, ...]:
        climbed: list[str] = []
        current: str | None = code
        while current is not None and current not in chains:
            climbed.append(current)
            current = codes[current].parent
        above = chains[current] if current is not None else ()
        for link in reversed(climbed):
            above = chains[link] = (link, *above)
        return chains[code]

    reached: dict[str, set[str]] = {code: set() for code in codes}
    for coding in study.codings:
        if coding.code is not None:
            for code in chain(coding.code):
                reached[code].add(coding.quote)
    return reached
