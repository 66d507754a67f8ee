"""SRQR: the 21 Standards for Reporting Qualitative Research (O'Brien et al. 2014).

The questions are paraphrased; the standards' own wording belongs to their
authors and publisher.
"""

from __future__ import annotations

from peerlandscape.checklists._items import Guideline, make_guideline

__all__ = ["SRQR"]

_METHODS = "Methods"

SRQR: Guideline = make_guideline(
    id="srqr",
    name="SRQR",
    title="Standards for Reporting Qualitative Research",
    citation=(
        "O'Brien BC, Harris IB, Beckman TJ, Reed DA, Cook DA (2014). Standards for reporting "
        "qualitative research: a synthesis of recommendations. Academic Medicine 89(9): "
        "1245-1251. https://doi.org/10.1097/ACM.0000000000000388"
    ),
    prefix="S",
    rows=[
        (
            "Title and abstract",
            None,
            "Title",
            "Does the title say briefly what was studied, and mark the work as qualitative or "
            "name its approach or data collection method?",
        ),
        (
            "Title and abstract",
            None,
            "Abstract",
            "Does an abstract summarise the study's key parts in the format the journal expects "
            "(background, purpose, methods, results, conclusions)?",
        ),
        (
            "Introduction",
            None,
            "Problem formulation",
            "Is the problem or phenomenon described, with why it matters, the theory and "
            "evidence around it, and a statement of the problem?",
        ),
        (
            "Introduction",
            None,
            "Purpose or research question",
            "Are the study's purpose and its specific objectives or questions stated?",
        ),
        (
            _METHODS,
            None,
            "Qualitative approach and research paradigm",
            "Which qualitative approach (ethnography, grounded theory, case study, "
            "phenomenology, narrative, ...) and, ideally, which research paradigm guided the "
            "study, and why?",
        ),
        (
            _METHODS,
            None,
            "Researcher characteristics and reflexivity",
            "Which of the researchers' attributes, qualifications, relationships with "
            "participants and assumptions could sway the research, and how did they bear on "
            "its questions, methods, results or transferability?",
        ),
        (
            _METHODS,
            None,
            "Context",
            "What were the setting or site and the contextual factors that matter, and why?",
        ),
        (
            _METHODS,
            None,
            "Sampling strategy",
            "How and why were participants, documents or events selected, what decided that "
            "no more sampling was needed (saturation, say), and why?",
        ),
        (
            _METHODS,
            None,
            "Ethical issues pertaining to human subjects",
            "Are the ethics board's approval and the participants' consent documented (or "
            "their absence explained), with how confidentiality and data security were kept?",
        ),
        (
            _METHODS,
            None,
            "Data collection methods",
            "Which kinds of data were collected and how: start and end dates, iteration, "
            "triangulation, procedures changed as findings emerged, and why?",
        ),
        (
            _METHODS,
            None,
            "Data collection instruments and technologies",
            "Which instruments (interview guides, questionnaires) and devices (recorders) were "
            "used, and did they change during the study?",
        ),
        (
            _METHODS,
            None,
            "Units of study",
            "How many participants, documents or events were included, what characterises "
            "them, and how fully did they take part?",
        ),
        (
            _METHODS,
            None,
            "Data processing",
            "How were the data handled before and during analysis: transcription, entry, "
            "storage and security, integrity checks, coding, de-identification of excerpts?",
        ),
        (
            _METHODS,
            None,
            "Data analysis",
            "How were inferences and themes identified and developed, by whom, following which "
            "approach, and why?",
        ),
        (
            _METHODS,
            None,
            "Techniques to enhance trustworthiness",
            "Which techniques (member checking, an audit trail, triangulation, ...) were used "
            "to make the analysis more trustworthy and credible, and why?",
        ),
        (
            "Results/findings",
            None,
            "Synthesis and interpretation",
            "What are the main findings (interpretations, inferences, themes), possibly built "
            "into a theory or model or set against earlier research?",
        ),
        (
            "Results/findings",
            None,
            "Links to empirical data",
            "What evidence (quotes, field notes, excerpts, images) backs the analytic findings?",
        ),
        (
            "Discussion",
            None,
            "Integration with prior work, implications, transferability, and contribution(s) "
            "to the field",
            "How do the findings relate to earlier work, what follows from them, how far do "
            "they carry to other settings, and what do they add?",
        ),
        (
            "Discussion",
            None,
            "Limitations",
            "How trustworthy are the findings, and what limits them?",
        ),
        (
            "Other",
            None,
            "Conflicts of interest",
            "What could have influenced, or seemed to influence, how the study was done and "
            "what it concluded, and how was that handled?",
        ),
        (
            "Other",
            None,
            "Funding",
            "Who funded or otherwise supported the study, and what part did the funders play "
            "in collecting, interpreting and reporting the data?",
        ),
    ],
)
"""SRQR's 21 standards, by part of the report."""
