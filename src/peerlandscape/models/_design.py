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
    recruitment: str | None = None
    """How participants were recruited: who was contacted first, how they were reached."""
    site_selection: str | None = None
    """Why the study's sites or regions were chosen, in the study's words."""
    sample_size_rationale: str | None = None
    """What decided the end of data collection (e.g. "information power")."""
    interview_guide: str | None = None
    """How the interview guide (protocol) was built and used, and who took part in making it."""
    interview_topics: Seq[str] = ()
    """The topics the interview guide covered, as the study lists them."""
    interview_mode_rationale: str | None = None
    """Why interviews were held the way they were (e.g. online), in the study's words."""
    member_checking: bool | None = None
    """Whether findings were presented back to participants, if stated."""
    reporting_guideline: str | None = None
    """Reporting checklist the study adhered to (e.g. "COREQ")."""
    ethics_approval: str | None = None
    """Approving body and reference number."""
    ethical_standard: str | None = None
    """The ethical code the study complied with (e.g. "the Declaration of Helsinki")."""
    consent: str | None = None
    """How informed consent was obtained, and to what, as the study states it."""
    funding: str | None = None
    """Funder and grant number."""
    program: str | None = None
    """Research programme the study belongs to, if any."""
    limitations: Seq[str] = ()
    """Limitations the study itself states, one per entry."""
    notes: Seq[str] = ()
    """Further statements about design and analysis."""
