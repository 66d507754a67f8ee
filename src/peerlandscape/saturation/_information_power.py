"""Information power (Malterud, Siersma & Guassora 2016): five dimensions, weighed, never summed.

Malterud K, Siersma VD, Guassora AD (2016). Sample size in qualitative
interview studies: guided by information power. Qualitative Health Research
26(13): 1753-1760. https://doi.org/10.1177/1049732315617444
"""

from __future__ import annotations

import typing
from typing import Any

import attrs

from peerlandscape._tabular import HtmlTable, TableView
from peerlandscape.models import InformationPower, Study

__all__ = ["DIMENSION_LABELS", "InformationPowerReading", "PowerDimension", "information_power"]

DIMENSION_LABELS: dict[str, str] = {
    "aim": "Study aim",
    "sample_specificity": "Sample specificity",
    "established_theory": "Use of established theory",
    "quality_of_dialogue": "Quality of dialogue",
    "analysis_strategy": "Analysis strategy",
}
"""The name of each dimension, as Malterud et al. name them, in their order."""


def _poles(dimension: str) -> tuple[str, str]:
    # The poles are declared once, as the Literal type of the model's field.
    annotation = InformationPower.model_fields[dimension].annotation
    literal = next(arg for arg in typing.get_args(annotation) if arg is not type(None))
    first, second = typing.get_args(literal)
    return first, second


@attrs.frozen
class PowerDimension:
    """One dimension of information power, as a study judges it.

    Attributes
    ----------
    name
        The field name (``"aim"``).
    label
        Its name in words (``"Study aim"``).
    poles
        Its two poles; the first needs fewer participants (``("narrow", "broad")``).
    pole
        The pole the study chose, or ``None`` when it does not judge this dimension.
    justification
        The study's reason for the pole, or ``None``.
    """

    name: str
    label: str
    poles: tuple[str, str]
    pole: str | None
    justification: str | None

    @property
    def stated(self) -> bool:
        """Whether the study judges this dimension."""
        return self.pole is not None

    @property
    def fewer_participants(self) -> bool | None:
        """Whether the pole points to fewer participants (``None``: not judged).

        A direction for the researcher to weigh, not a point to add up.
        """
        return None if self.pole is None else self.pole == self.poles[0]

    def __str__(self) -> str:
        if self.pole is None:
            return f"{self.label}: not stated ({' / '.join(self.poles)})"
        direction = "fewer" if self.fewer_participants else "more"
        return (
            f"{self.label}: {self.pole} (points to {direction} participants): {self.justification}"
        )


@attrs.frozen(repr=False)
class InformationPowerReading(TableView):
    """A study's information power, dimension by dimension; no total, by design.

    Malterud et al. ask the researcher to weigh the five dimensions together
    against the study's aim: a narrow aim can offset a sparse sample, strong
    dialogue a broad aim. A sum would treat them as equal and exchangeable,
    which they are not, so this reading has none.

    Attributes
    ----------
    statement
        What the study says about information power, in its words (``None``: nothing).
    dimensions
        The five dimensions, in Malterud et al.'s order.
    """

    statement: str | None
    dimensions: tuple[PowerDimension, ...]

    @property
    def stated(self) -> tuple[PowerDimension, ...]:
        """The dimensions the study judges."""
        return tuple(d for d in self.dimensions if d.stated)

    @property
    def unstated(self) -> tuple[PowerDimension, ...]:
        """The dimensions the study leaves unjudged."""
        return tuple(d for d in self.dimensions if not d.stated)

    def dimension(self, name: str) -> PowerDimension:
        """Return one dimension by its field name (``"aim"``)."""
        for dimension in self.dimensions:
            if dimension.name == name:
                return dimension
        raise KeyError(name)

    def to_records(self) -> list[dict[str, Any]]:
        """Return one plain dict per dimension: ``dimension``, ``pole``, ``justification``, ..."""
        return [
            {
                "dimension": d.name,
                "label": d.label,
                "poles": list(d.poles),
                "pole": d.pole,
                "fewer_participants": d.fewer_participants,
                "justification": d.justification,
            }
            for d in self.dimensions
        ]

    def _heading(self) -> str:
        return self.statement or "The study says nothing of information power."

    def __str__(self) -> str:
        return "\n".join([self._heading(), *(f"- {d}" for d in self.dimensions)])

    def _html_table(self) -> HtmlTable:
        return HtmlTable(
            caption=self._heading(),
            header=["dimension", "pole", "points to", "justification"],
            rows=[
                [
                    d.label,
                    d.pole or f"not stated ({' / '.join(d.poles)})",
                    "" if d.pole is None else ("fewer" if d.fewer_participants else "more"),
                    d.justification or "",
                ]
                for d in self.dimensions
            ],
        )


def information_power(study: Study) -> InformationPowerReading:
    """Read a study's information power (``design.information_power``), dimension by dimension.

    Each dimension is the pole the study chose and its justification, or
    not stated. The reading adds nothing the study does not say, and sums
    nothing: see :class:`InformationPowerReading`.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> reading = information_power(pl.datasets.engdahl2025())
    >>> [(d.name, d.pole) for d in reading.stated]
    [('aim', 'broad'), ('quality_of_dialogue', 'strong')]
    >>> print(reading.dimension("aim"))
    Study aim: broad (points to more participants): The somewhat broad aim
    >>> print(reading.dimension("analysis_strategy"))
    Analysis strategy: not stated (case / cross_case)
    """
    power = study.design.information_power if study.design is not None else None
    dimensions = tuple(
        PowerDimension(
            name=name,
            label=label,
            poles=_poles(name),
            pole=None if power is None else getattr(power, name),
            justification=None if power is None else getattr(power, f"{name}_justification"),
        )
        for name, label in DIMENSION_LABELS.items()
    )
    return InformationPowerReading(
        statement=None if power is None else power.statement, dimensions=dimensions
    )
