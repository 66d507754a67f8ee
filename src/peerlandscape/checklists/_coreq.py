"""COREQ: the 32-item checklist for interviews and focus groups (Tong, Sainsbury & Craig 2007).

The questions are paraphrased; the checklist's own wording belongs to its
authors and publisher.
"""

from __future__ import annotations

from peerlandscape.checklists._items import Guideline, make_guideline

__all__ = ["COREQ"]

_TEAM = "Research team and reflexivity"
_DESIGN = "Study design"
_ANALYSIS = "Analysis and findings"

COREQ: Guideline = make_guideline(
    id="coreq",
    name="COREQ",
    title="Consolidated criteria for reporting qualitative research",
    citation=(
        "Tong A, Sainsbury P, Craig J (2007). Consolidated criteria for reporting qualitative "
        "research (COREQ): a 32-item checklist for interviews and focus groups. International "
        "Journal for Quality in Health Care 19(6): 349-357. https://doi.org/10.1093/intqhc/mzm042"
    ),
    prefix="",
    rows=[
        (
            _TEAM,
            "Personal characteristics",
            "Interviewer/facilitator",
            "Which of the authors ran the interviews or focus groups?",
        ),
        (
            _TEAM,
            "Personal characteristics",
            "Credentials",
            "What qualifications (a doctorate, a clinical degree, ...) did that researcher hold?",
        ),
        (
            _TEAM,
            "Personal characteristics",
            "Occupation",
            "What was the researcher's job when the study was carried out?",
        ),
        (_TEAM, "Personal characteristics", "Gender", "What is the researcher's gender?"),
        (
            _TEAM,
            "Personal characteristics",
            "Experience and training",
            "What earlier experience of, or training in, this kind of research did the "
            "researcher have?",
        ),
        (
            _TEAM,
            "Relationship with participants",
            "Relationship established",
            "Did the researcher and the participants know each other before the study began?",
        ),
        (
            _TEAM,
            "Relationship with participants",
            "Participant knowledge of the interviewer",
            "What were participants told about the researcher, such as their aims or their "
            "motives for doing the research?",
        ),
        (
            _TEAM,
            "Relationship with participants",
            "Interviewer characteristics",
            "What does the report disclose about the interviewer that could colour the research: "
            "assumptions, possible bias, a personal interest in the topic?",
        ),
        (
            _DESIGN,
            "Theoretical framework",
            "Methodological orientation and theory",
            "Which methodological orientation (grounded theory, phenomenology, content analysis, "
            "...) does the study say it rests on?",
        ),
        (
            _DESIGN,
            "Participant selection",
            "Sampling",
            "By what strategy were participants chosen (purposive, convenience, snowball, ...)?",
        ),
        (
            _DESIGN,
            "Participant selection",
            "Method of approach",
            "Through what channel were participants first contacted (in person, by telephone, "
            "letter, e-mail)?",
        ),
        (_DESIGN, "Participant selection", "Sample size", "How many people took part?"),
        (
            _DESIGN,
            "Participant selection",
            "Non-participation",
            "How many people declined or withdrew, and for what reasons?",
        ),
        (
            _DESIGN,
            "Setting",
            "Setting of data collection",
            "Where were the data gathered (a home, a clinic, a workplace, ...)?",
        ),
        (
            _DESIGN,
            "Setting",
            "Presence of non-participants",
            "Was anybody other than the participants and the researchers present?",
        ),
        (
            _DESIGN,
            "Setting",
            "Description of sample",
            "What are the main characteristics of the sample, such as demographics and dates?",
        ),
        (
            _DESIGN,
            "Data collection",
            "Interview guide",
            "Did the authors supply the questions, prompts or guide they used, and was it "
            "tried out first?",
        ),
        (
            _DESIGN,
            "Data collection",
            "Repeat interviews",
            "Was anyone interviewed more than once, and if so how many times?",
        ),
        (
            _DESIGN,
            "Data collection",
            "Audio/visual recording",
            "Were the sessions captured by audio or video recording?",
        ),
        (
            _DESIGN,
            "Data collection",
            "Field notes",
            "Were field notes taken during or after the interviews or focus groups?",
        ),
        (
            _DESIGN,
            "Data collection",
            "Duration",
            "How long did the interviews or focus groups last?",
        ),
        (_DESIGN, "Data collection", "Data saturation", "Does the report discuss data saturation?"),
        (
            _DESIGN,
            "Data collection",
            "Transcripts returned",
            "Were participants given their transcripts to comment on or correct?",
        ),
        (_ANALYSIS, "Data analysis", "Number of data coders", "How many people coded the data?"),
        (
            _ANALYSIS,
            "Data analysis",
            "Description of the coding tree",
            "Is the coding tree described?",
        ),
        (
            _ANALYSIS,
            "Data analysis",
            "Derivation of themes",
            "Were the themes fixed before the analysis or developed from the data?",
        ),
        (
            _ANALYSIS,
            "Data analysis",
            "Software",
            "Which software, if any, was used to manage the data?",
        ),
        (
            _ANALYSIS,
            "Data analysis",
            "Participant checking",
            "Did participants give feedback on the findings?",
        ),
        (
            _ANALYSIS,
            "Reporting",
            "Quotations presented",
            "Are participants' words quoted to illustrate the themes, and is each quotation "
            "attributed (for instance by participant number)?",
        ),
        (
            _ANALYSIS,
            "Reporting",
            "Data and findings consistent",
            "Do the data presented agree with the findings drawn from them?",
        ),
        (
            _ANALYSIS,
            "Reporting",
            "Clarity of major themes",
            "Are the main themes set out clearly in the findings?",
        ),
        (
            _ANALYSIS,
            "Reporting",
            "Clarity of minor themes",
            "Are divergent cases or minor themes described?",
        ),
    ],
)
"""COREQ's 32 items, in three domains."""
