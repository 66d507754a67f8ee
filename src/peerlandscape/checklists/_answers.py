"""Where each checklist item is answered in a study: which data, which statements, or neither.

One table per guideline, item number to the places its answer can sit. A
name of :data:`~peerlandscape.checklists._evidence.RECORDS` is a fact of the
data; a dotted path (``design.sampling``, ``aim``) is a statement the study
makes. :data:`MANUSCRIPT` marks an item a study record cannot hold: a part
of the written report (its abstract, its discussion) or a reader's judgement
of the writing (is the story convincing?).
"""

from __future__ import annotations

from collections.abc import Mapping

from peerlandscape.checklists._evidence import RECORDS, Evidence, Statement

__all__ = ["ANSWERS", "MANUSCRIPT", "evidence_for"]

MANUSCRIPT = "manuscript"
"""The item is answered by reading the manuscript, not by any study record."""

ANSWERS: Mapping[str, Mapping[int, tuple[str, ...]]] = {
    "coreq": {
        1: ("facilitators", "design.interviewers"),
        2: ("design.researcher_credentials",),
        3: ("design.researcher_occupation",),
        4: ("design.researcher_gender",),
        5: ("design.researcher_experience",),
        6: ("design.relationship_with_participants",),
        7: ("design.participant_knowledge_of_researchers",),
        8: ("design.reflexivity",),
        9: ("design.approach", "design.analysis_method", "design.epistemology"),
        10: ("design.sampling",),
        11: ("design.recruitment",),
        12: ("participants",),
        13: ("design.non_participation",),
        14: ("settings", "modes"),
        15: ("design.others_present",),
        16: ("demographics", "participant_attributes", "period"),
        17: ("design.interview_guide", "design.interview_topics"),
        18: ("repeat_interviews", "design.repeat_interviews"),
        19: ("design.recording",),
        20: ("design.field_notes",),
        21: ("durations",),
        # A study that ends data collection by information power discusses the same
        # question, whether the data suffice, in other terms.
        22: ("design.sample_size_rationale", "design.information_power"),
        23: ("design.transcripts_returned",),
        24: ("coders",),
        25: ("coding_tree",),
        26: ("design.analysis_orientation",),
        27: ("design.software",),
        28: ("design.member_checking",),
        29: ("attributed_quotes",),
        30: ("supported_subthemes",),
        31: ("themes",),
        32: ("subthemes",),
    },
    "srqr": {
        1: ("title",),
        2: (MANUSCRIPT,),
        3: (MANUSCRIPT,),
        4: ("aim",),
        5: ("design.approach", "design.analysis_method", "design.epistemology"),
        6: (
            "design.reflexivity",
            "design.researcher_credentials",
            "design.researcher_experience",
            "design.relationship_with_participants",
        ),
        7: ("regions", "settings", "modes", "design.site_selection"),
        8: (
            "design.sampling",
            "design.recruitment",
            "design.sample_size_rationale",
            "design.information_power",
        ),
        9: ("design.ethics_approval", "design.ethical_standard", "design.consent"),
        10: ("formats", "period", "design.interview_mode_rationale"),
        11: ("design.interview_guide", "design.interview_topics", "design.recording"),
        12: ("participants", "demographics", "participant_attributes"),
        13: ("transcripts", "design.transcription", "design.software"),
        14: (
            "coders",
            "design.analysis_procedure",
            "design.analysis_method",
            "design.analysis_reference",
        ),
        15: ("design.trustworthiness", "design.member_checking"),
        16: ("findings",),
        17: ("attributed_quotes", "supported_subthemes"),
        18: (MANUSCRIPT,),
        19: ("design.limitations",),
        20: ("design.conflicts_of_interest",),
        21: ("design.funding",),
    },
    "braun-clarke-2006": {
        1: ("transcripts", "design.transcription"),
        2: (MANUSCRIPT,),
        3: (MANUSCRIPT,),
        4: ("supported_subthemes",),
        5: ("design.analysis_procedure", "design.trustworthiness"),
        6: (MANUSCRIPT,),
        7: (MANUSCRIPT,),
        8: ("supported_subthemes",),
        9: (MANUSCRIPT,),
        10: (MANUSCRIPT,),
        11: (MANUSCRIPT,),
        12: (
            "design.analysis_method",
            "design.analysis_reference",
            "design.analysis_orientation",
            "design.epistemology",
        ),
        13: (MANUSCRIPT,),
        14: (MANUSCRIPT,),
        15: ("design.reflexivity",),
    },
}
"""For each guideline, each item's places, data first."""


def evidence_for(guideline: str, number: int) -> tuple[Evidence, ...] | None:
    """Return the places an item's answer can sit, or ``None`` for a manuscript-only item."""
    names = ANSWERS[guideline][number]
    if names == (MANUSCRIPT,):
        return None
    return tuple(RECORDS[name] if name in RECORDS else Statement(name) for name in names)
