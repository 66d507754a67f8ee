"""Braun & Clarke's (2006) 15-point checklist of criteria for good thematic analysis.

Their Table 2. The criteria are paraphrased and given short names here (the
table numbers them without names); the table's own wording belongs to its
authors and publisher.
"""

from __future__ import annotations

from peerlandscape.checklists._items import Guideline, make_guideline

__all__ = ["BRAUN_CLARKE_2006"]

_CODING = "Coding"
_ANALYSIS = "Analysis"
_REPORT = "Written report"

BRAUN_CLARKE_2006: Guideline = make_guideline(
    id="braun-clarke-2006",
    name="Braun & Clarke 2006",
    title="A 15-point checklist of criteria for good thematic analysis",
    citation=(
        "Braun V, Clarke V (2006). Using thematic analysis in psychology. Qualitative "
        "Research in Psychology 3(2): 77-101 (Table 2). "
        "https://doi.org/10.1191/1478088706qp063oa"
    ),
    prefix="",
    rows=[
        (
            "Transcription",
            None,
            "Transcription detail and accuracy",
            "Are the data transcribed in enough detail, and were the transcripts checked "
            "against the recordings?",
        ),
        (
            _CODING,
            None,
            "Equal attention",
            "Did every data item get the same attention during coding?",
        ),
        (
            _CODING,
            None,
            "Thorough coding",
            "Do the themes come from thorough, inclusive and comprehensive coding rather than "
            "from a handful of vivid examples?",
        ),
        (
            _CODING,
            None,
            "Extracts collated",
            "Have all the extracts relevant to each theme been gathered together?",
        ),
        (
            _CODING,
            None,
            "Themes checked",
            "Have the themes been checked against one another and back against the whole data set?",
        ),
        (
            _CODING,
            None,
            "Coherent, distinct themes",
            "Is each theme coherent and consistent within itself, and distinct from the others?",
        ),
        (
            _ANALYSIS,
            None,
            "Interpreted, not paraphrased",
            "Are the data interpreted and made sense of, rather than only paraphrased or "
            "described?",
        ),
        (
            _ANALYSIS,
            None,
            "Analysis matches data",
            "Do the analysis and the data agree, each extract illustrating an analytic claim?",
        ),
        (
            _ANALYSIS,
            None,
            "Convincing story",
            "Does the analysis tell a convincing, well-organised story about the data and the "
            "topic?",
        ),
        (
            _ANALYSIS,
            None,
            "Narrative and extracts balanced",
            "Is the analytic narrative well balanced against the illustrative extracts?",
        ),
        (
            "Overall",
            None,
            "Enough time",
            "Was there enough time for every phase of the analysis, none rushed or skimmed?",
        ),
        (
            _REPORT,
            None,
            "Approach explicit",
            "Are the assumptions behind the thematic analysis, and the particular form it "
            "took, made explicit?",
        ),
        (
            _REPORT,
            None,
            "Claims fit practice",
            "Does what the report says was done match what it shows was done?",
        ),
        (
            _REPORT,
            None,
            "Language fits epistemology",
            "Are the report's language and concepts in keeping with the epistemological "
            "position of the analysis?",
        ),
        (
            _REPORT,
            None,
            "Active researcher",
            "Is the researcher shown as active in the research, rather than themes simply "
            "'emerging'?",
        ),
    ],
)
"""Braun & Clarke's 15 criteria, in five groups."""
