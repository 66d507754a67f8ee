"""The design of a study: approach, analysis, sampling, ethics, as the study states them."""

from __future__ import annotations

from peerlandscape.models._base import Model, Seq

__all__ = ["Design"]


class Design(Model):
    """How the study was designed and analysed, in the study's own terms."""

    approach: str | None = None
    """Overall design (e.g. "qualitative descriptive study")."""
    analysis_method: str | None = None
    """The analytic method (e.g. "thematic analysis")."""
    analysis_reference: str | None = None
    """The methodological source followed (e.g. "Braun and Clarke (2022)")."""
    analysis_orientation: str | None = None
    """Inductive or deductive orientation, in the study's words."""
    epistemology: str | None = None
    """Theoretical grounding (e.g. "critical realism")."""
    sampling: str | None = None
    """Sampling method (e.g. "purposeful sampling")."""
    sample_size_rationale: str | None = None
    """What decided the end of data collection (e.g. "information power")."""
    member_checking: bool | None = None
    """Whether findings were presented back to participants, if stated."""
    reporting_guideline: str | None = None
    """Reporting checklist the study adhered to (e.g. "COREQ")."""
    ethics_approval: str | None = None
    """Approving body and reference number."""
    funding: str | None = None
    """Funder and grant number."""
    program: str | None = None
    """Research programme the study belongs to, if any."""
    notes: Seq[str] = ()
    """Further statements about design and analysis."""
