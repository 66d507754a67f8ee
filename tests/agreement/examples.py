"""Published worked examples of agreement statistics, as data (figures are checked in the tests).

Each dataset is the one printed in the source named beside it; the tests say
which example they use and compare to the figures printed there.
"""

from __future__ import annotations

_ = None  # a missing value

KRIPPENDORFF_2011 = [
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: four
    # observers (rows) code twelve units (columns), with missing values.
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]

HAYES_KRIPPENDORFF_2007 = [
    # Hayes and Krippendorff (2007), "Answering the call for a standard reliability measure
    # for coding data", Table 1: five observers judge 40 news stories on a 0-3 scale. One row
    # per unit here, as printed; the tests transpose it.
    [1, 1, 2, _, 2],
    [1, 1, 0, 1, _],
    [2, 3, 3, 3, _],
    [_, 0, 0, _, 0],
    [0, 0, 0, _, 0],
    [0, 0, 0, _, 0],
    [1, 0, 2, _, 1],
    [1, _, 2, 0, _],
    [2, 2, 2, _, 2],
    [2, 1, 1, 1, _],
    [_, 1, 0, 0, _],
    [0, 0, 0, 0, _],
    [1, 2, 2, 2, _],
    [3, 3, 2, 2, 3],
    [1, 1, 1, _, 1],
    [1, 1, 1, _, 1],
    [2, 1, 2, _, 2],
    [1, 2, 3, 3, _],
    [1, 1, 0, 1, _],
    [0, 0, 0, _, 0],
    [0, 0, 1, 1, _],
    [0, 0, _, 0, 0],
    [2, 3, 3, 3, _],
    [0, 0, 0, 0, _],
    [1, 2, _, 2, 2],
    [0, 1, 1, 1, _],
    [0, 0, 0, 1, 0],
    [1, 2, 1, 2, _],
    [1, 1, 2, 2, _],
    [1, 1, 2, _, 2],
    [1, 1, 0, _, 0],
    [2, 1, 2, 1, _],
    [2, 2, _, 2, 2],
    [3, 2, 2, 2, _],
    [2, 2, 2, _, 2],
    [2, 2, 3, _, 2],
    [2, 2, 2, _, 2],
    [2, 2, _, 1, 2],
    [2, 2, 2, 2, _],
    [1, 1, 1, _, 1],
]

KRIPPENDORFF_2004_BINARY = [
    # Krippendorff (2004), Content Analysis, 2nd ed., section 11.3.1: two observers say
    # whether each of ten newspaper articles covers a topic (1) or not (0).
    [1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
]

COHEN_1960_TABLE = [
    # Cohen (1960), p. 45: two judges put 200 cases in three categories.
    [88, 14, 18],
    [10, 40, 10],
    [2, 6, 12],
]

WIKIPEDIA_COHEN_TABLE = [
    # Wikipedia, "Cohen's kappa", first example: two readers, 50 grant proposals, yes / no.
    [20, 5],
    [10, 15],
]

FLEISS_1971_RATINGS = [
    # Fleiss (1971), Table 1: six psychiatrists put each of 30 patients in one of five
    # diagnoses (1 depression, 2 personality disorder, 3 schizophrenia, 4 neurosis, 5 other).
    # One row per patient: the six diagnoses given.
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]

WIKIPEDIA_FLEISS_TABLE = [
    # Wikipedia, "Fleiss' kappa", worked example: 14 raters put 10 subjects in 5 categories.
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]

KRIPPENDORFF_2004_UNITS = [
    # Krippendorff (2004), Content Analysis, 2nd ed., p. 254: observers i and j unitize a
    # continuum of 300 positions beginning at 150 into units of categories c and k.
    (225, 70, "i", "c"),
    (370, 30, "i", "c"),
    (220, 80, "j", "c"),
    (355, 20, "j", "c"),
    (400, 20, "j", "c"),
    (180, 60, "i", "k"),
    (300, 50, "i", "k"),
    (180, 60, "j", "k"),
    (300, 50, "j", "k"),
]


def counts_per_subject(ratings: list[list[int]], categories: int) -> list[list[int]]:
    """A subjects x categories table of counts from each subject's ratings (1-based)."""
    return [[row.count(category) for category in range(1, categories + 1)] for row in ratings]


def transposed(rows: list[list[int | None]]) -> list[list[int | None]]:
    """Rows as columns: a units x coders table as coders x units reliability data."""
    return [list(column) for column in zip(*rows, strict=True)]
