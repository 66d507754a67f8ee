"""The design of a study: approach, analysis, sampling, ethics, as the study states them."""

from __future__ import annotations

from typing import ClassVar, Literal, Self

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from peerlandscape.models._base import Model, Seq

__all__ = ["Design", "InformationPower"]


class InformationPower(Model):
    """A study's judgement of its information power (Malterud, Siersma & Guassora 2016).

    Information power says that the more relevant information a sample holds,
    the fewer participants a study needs. Five dimensions bear on it, each
    judged between two poles; the first pole of each needs fewer participants:

    - ``aim``: ``"narrow"`` or ``"broad"``;
    - ``sample_specificity``: ``"dense"`` (participants hold characteristics
      highly specific to the aim) or ``"sparse"``;
    - ``established_theory``: ``"applied"`` or ``"none"``;
    - ``quality_of_dialogue``: ``"strong"`` or ``"weak"``;
    - ``analysis_strategy``: ``"case"`` (in-depth analysis of a few
      narratives) or ``"cross_case"`` (exploratory, across many).

    Each dimension is a pole with its justification, or ``None`` when the
    study does not judge it. The dimensions are weighed together by the
    researcher, never added up: the model has no score.

    Examples
    --------
    >>> power = InformationPower(aim="broad", aim_justification="A wide question")
    >>> power.aim, power.established_theory
    ('broad', None)
    >>> InformationPower(aim="broad")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for InformationPower
      information power dimension 'aim' is given without its justification ...
    """

    statement: str | None = None
    """What the study says about information power, in its own words."""
    aim: Literal["narrow", "broad"] | None = None
    """The study aim: narrow needs fewer participants than broad."""
    aim_justification: str | None = None
    """Why the aim is judged so, in the study's words."""
    sample_specificity: Literal["dense", "sparse"] | None = None
    """How specific to the aim the participants' experience is: dense or sparse."""
    sample_specificity_justification: str | None = None
    """Why the sample is judged so."""
    established_theory: Literal["applied", "none"] | None = None
    """Whether established theory is applied in planning and analysis."""
    established_theory_justification: str | None = None
    """Why the use of theory is judged so."""
    quality_of_dialogue: Literal["strong", "weak"] | None = None
    """The quality of the interview dialogue: strong or weak."""
    quality_of_dialogue_justification: str | None = None
    """Why the dialogue is judged so."""
    analysis_strategy: Literal["case", "cross_case"] | None = None
    """In-depth analysis of a few cases, or exploratory cross-case analysis."""
    analysis_strategy_justification: str | None = None
    """Why the analysis strategy is judged so."""

    DIMENSIONS: ClassVar[tuple[str, ...]] = (
        "aim",
        "sample_specificity",
        "established_theory",
        "quality_of_dialogue",
        "analysis_strategy",
    )
    """The five dimensions, in Malterud et al.'s order."""

    @model_validator(mode="after")
    def _pole_with_justification(self) -> Self:
        # A pole without its reason is the score-like shorthand the model exists to avoid; a
        # reason without a pole says nothing a reader can weigh.
        for dimension in self.DIMENSIONS:
            pole = getattr(self, dimension)
            justification = getattr(self, f"{dimension}_justification")
            if pole is not None and justification is None:
                raise PydanticCustomError(
                    "information_power_justification",
                    "information power dimension '{dimension}' is given without its "
                    "justification ({dimension}_justification)",
                    {"dimension": dimension},
                )
            if pole is None and justification is not None:
                raise PydanticCustomError(
                    "information_power_justification",
                    "information power dimension '{dimension}' has a justification but no pole",
                    {"dimension": dimension},
                )
        return self


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
    information_power: InformationPower | None = None
    """The study's own judgement of its information power, dimension by dimension."""
    interview_guide: str | None = None
    """How the interview guide (protocol) was built and used, and who took part in making it."""
    interview_topics: Seq[str] = ()
    """The topics the interview guide covered, as the study lists them."""
    interview_mode_rationale: str | None = None
    """Why interviews were held the way they were (e.g. online), in the study's words."""
    interviewers: str | None = None
    """Who conducted the interviews or focus groups, in the study's words."""
    researcher_credentials: str | None = None
    """The interviewers' credentials (PhD, RN, ...), if stated."""
    researcher_occupation: str | None = None
    """The interviewers' occupation at the time of the study, if stated."""
    researcher_gender: str | None = None
    """The interviewers' gender, if stated."""
    researcher_experience: str | None = None
    """The interviewers' experience or training in qualitative research, if stated."""
    relationship_with_participants: str | None = None
    """Whether a relationship with participants existed before the study, and what it was."""
    participant_knowledge_of_researchers: str | None = None
    """What participants were told about the researchers (their goals, their reasons)."""
    reflexivity: str | None = None
    """The researchers' position, assumptions and interests, and how they shaped the research."""
    non_participation: str | None = None
    """How many people declined or dropped out, and why, as the study reports it."""
    others_present: str | None = None
    """Who else, beside participants and researchers, was present during data collection."""
    repeat_interviews: str | None = None
    """Whether any participant was interviewed more than once, and how often."""
    recording: str | None = None
    """How interviews were recorded (audio, video), in the study's words."""
    field_notes: str | None = None
    """Whether and when field notes were made, and by whom."""
    transcription: str | None = None
    """How recordings were transcribed (verbatim, by whom, checked how)."""
    transcripts_returned: str | None = None
    """Whether transcripts were returned to participants for comment or correction."""
    analysis_procedure: str | None = None
    """The steps of the analysis as the study describes them, and who took part in each."""
    software: str | None = None
    """Software used to manage or code the data, if any was named."""
    trustworthiness: str | None = None
    """Techniques the study used to enhance trustworthiness (co-analysis, audit trail, ...)."""
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
    conflicts_of_interest: str | None = None
    """The authors' declaration of competing interests, in the study's words."""
    program: str | None = None
    """Research programme the study belongs to, if any."""
    limitations: Seq[str] = ()
    """Limitations the study itself states, one per entry."""
    notes: Seq[str] = ()
    """Further statements about design and analysis."""
