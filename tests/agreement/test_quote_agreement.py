"""Agreement of a study's coders, quote x code: figures checked against counts made by hand.

The project (``projects.py``) is written as a REFI-QDA project and read back, as a
project coded by two coders in a QDA program would arrive; the real sample with
several users is read from ``shared/refi/samples``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import peerlandscape as pl
from agreement.projects import SEGMENTS, two_coder_study
from peerlandscape.agreement import (
    AgreementDataError,
    QuoteAgreement,
    krippendorff_alpha,
    percent_agreement,
    quote_agreement,
)
from shared import in_ci

if not in_ci():  # CI installs the test extra, which brings lxml: a failure there is real
    pytest.importorskip("lxml", reason="the REFI-QDA round trip needs lxml")

from peerlandscape.refi import read_qdpx, write_qdpx

SKY_LOOM = "sky-loom__Project.qde.REFI-spec-example2-ATLAS.ti8.qde"

# Hand counts. Units: 6 quotes x 3 codes; each coder's value is 1 if they applied the code.
#   hope:  q1 (1,1) q2 (1,0) q3 (0,0) q4 (0,0) q5 (0,1) q6 (0,0)
#   cost:  q1 (0,0) q2 (1,1) q3 (1,1) q4 (0,0) q5 (0,0) q6 (1,0)
#   drift: q1 (0,0) q2 (0,0) q3 (0,1) q4 (1,1) q5 (0,0) q6 (0,1)
# For a code: n = 12 values, n1 present, D = sum of 2 a (m - a) / (m - 1) = 2 per split unit;
# alpha = 1 - (n - 1) D / (2 n1 (n - n1)), percent = 1 - D / n.
#   hope:  n1 = 4, D = 4: alpha = 1 - 11*4/(2*4*8) = 0.3125, percent = 8/12
#   cost:  n1 = 5, D = 2: alpha = 1 - 11*2/(2*5*7) = 0.685714..., percent = 10/12
#   drift: n1 = 4, D = 4: alpha = 0.3125, percent = 8/12
#   all:   n = 36, n1 = 13, D = 10: alpha = 1 - 35*10/(2*13*23) = 0.414716..., percent = 26/36
HAND = {
    "hope": (6, 3, 1, 1 - 44 / 64, 8 / 12),
    "cost": (6, 3, 2, 1 - 22 / 70, 10 / 12),
    "drift": (6, 3, 1, 1 - 44 / 64, 8 / 12),
    None: (18, 9, 4, 1 - 350 / 598, 26 / 36),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> pl.Study:
    """The two-coder project, through a .qdpx file and back."""
    path = tmp_path_factory.mktemp("agreement") / "two-coders.qdpx"
    write_qdpx(two_coder_study(), path)
    study, _ = read_qdpx(path)
    return study


@pytest.fixture(scope="module")
def ids(project: pl.Study) -> dict[str, str]:
    """The segment names of projects.py -> the quote ids the import gave them."""
    by_text = {quote.text: quote.id for quote in project.quotes}
    return {segment: by_text[words] for segment, words in SEGMENTS.items()}


def test_the_project_arrives_with_both_coders_and_every_coding(project: pl.Study) -> None:
    assert [coder.id for coder in project.coders] == ["coder-a", "coder-b"]
    assert len(project.codings) == 13


def test_per_code_and_overall_figures_match_the_hand_counts(project: pl.Study) -> None:
    result = quote_agreement(project, seed=11)

    assert result.coders == ("coder-a", "coder-b")
    assert len(result.quotes) == 6
    assert [figures.code for figures in result.codes] == ["hope", "cost", "drift"]
    for code, (units, applied, agreed, alpha, percent) in HAND.items():
        figures = result.overall if code is None else result.code(code)
        assert (figures.units, figures.applied, figures.agreed) == (units, applied, agreed)
        assert figures.alpha == pytest.approx(alpha)
        assert figures.percent == pytest.approx(percent)
        assert figures.undefined is None


def test_the_disagreements_are_listed_quote_by_quote(
    project: pl.Study, ids: dict[str, str]
) -> None:
    result = quote_agreement(project, seed=11)

    listed = [(d.quote, d.code, d.applied_by, d.not_applied_by) for d in result.disagreements]
    a, b = ("coder-a",), ("coder-b",)
    assert listed == [
        (ids["q2"], "hope", a, b),
        (ids["q3"], "drift", b, a),
        (ids["q5"], "hope", b, a),
        (ids["q6"], "cost", a, b),
        (ids["q6"], "drift", b, a),
    ]
    assert result.disagreements[0].text == SEGMENTS["q2"]
    assert result.disagreement_records()[0] == {
        "quote": ids["q2"],
        "code": "hope",
        "applied_by": "coder-a",
        "not_applied_by": "coder-b",
        "text": SEGMENTS["q2"],
    }


def test_the_overall_figure_is_alpha_of_the_quote_x_code_matrix(project: pl.Study) -> None:
    # The same units as reliability data (coders x quote-code units), through the raw functions.
    result = quote_agreement(project, resamples=0)
    applied = {(c.quote, c.code, c.coder) for c in project.codings}
    matrix = [
        [int((quote, code, coder) in applied) for quote in result.quotes for code in HAND if code]
        for coder in result.coders
    ]

    assert result.overall.alpha == pytest.approx(krippendorff_alpha(matrix).value)
    assert result.overall.percent == pytest.approx(percent_agreement(matrix).value)


def test_uncoded_missing_leaves_out_a_quote_a_coder_applied_nothing_to(
    project: pl.Study, ids: dict[str, str]
) -> None:
    # Coder A applied nothing to q5: with uncoded="missing", q5 has one value per code and
    # is not pairable. hope: n = 10, n1 = 3 (A: q1, q2; B: q1), D = 2 (q2):
    # alpha = 1 - 9*2/(2*3*7) = 4/7.
    result = quote_agreement(project, uncoded="missing", seed=3)

    assert result.code("hope").units == 5
    assert result.code("hope").alpha == pytest.approx(4 / 7)
    assert result.overall.units == 15
    assert ids["q5"] not in {d.quote for d in result.disagreements}
    assert len(result.disagreements) == 4


def test_the_bootstrap_is_seeded_and_records_its_seed(project: pl.Study) -> None:
    first = quote_agreement(project, seed=42)
    again = quote_agreement(project, seed=42)
    other = quote_agreement(project, seed=43)
    fresh = quote_agreement(project)

    assert first.seed == 42
    assert first.resamples == 1000
    assert first.overall.alpha_interval == again.overall.alpha_interval
    assert first.to_records() == again.to_records()
    assert first.overall.alpha_interval != other.overall.alpha_interval
    assert quote_agreement(project, seed=fresh.seed).to_records() == fresh.to_records()
    for figures in (*first.codes, first.overall):
        assert figures.alpha_interval is not None
        assert figures.percent_interval is not None
        low, high = figures.percent_interval
        assert 0 <= low <= high <= 1


def test_no_resamples_means_no_intervals(project: pl.Study) -> None:
    result = quote_agreement(project, resamples=0)

    assert result.resamples == 0
    assert all(f.alpha_interval is None for f in (*result.codes, result.overall))


def test_the_interval_agrees_with_resampling_quotes_by_hand() -> None:
    # 150 quotes, two coders who mostly agree on two codes: the library's cluster bootstrap
    # against quotes resampled here and alpha recomputed on each resample's matrix.
    rng = np.random.default_rng(5)
    truth = rng.random((150, 2)) < 0.4
    a = truth ^ (rng.random((150, 2)) < 0.1)
    b = truth ^ (rng.random((150, 2)) < 0.1)
    codes = ["x", "y"]
    codings = [
        pl.Coding(quote=f"q{q}", code=codes[c], coder=coder)
        for coder, table in (("a", a), ("b", b))
        for q, c in zip(*np.nonzero(table), strict=True)
    ]
    study = pl.Study(
        id="many",
        title="Many quotes",
        coders=[pl.Coder(id="a", label="A"), pl.Coder(id="b", label="B")],
        quotes=[pl.Quote(id=f"q{q}", text="Words.") for q in range(150)],
        codes=[pl.Code(id=code, label=code) for code in codes],
        codings=codings,
    )
    result = quote_agreement(study, seed=9, resamples=2000)
    kept = result.quotes
    rows = {f"q{q}": q for q in range(150)}
    by_hand = []
    for _ in range(600):
        drawn = [rows[quote] for quote in rng.choice(kept, size=len(kept))]
        matrix = [np.concatenate([table[drawn, 0], table[drawn, 1]]) for table in (a, b)]
        by_hand.append(krippendorff_alpha(np.asarray(matrix, dtype=float)).value)
    low, high = np.quantile(by_hand, [0.025, 0.975])

    assert result.overall.alpha_interval == pytest.approx((low, high), abs=0.04)


def test_a_reflexive_study_says_its_figures_are_advisory() -> None:
    reflexive = two_coder_study(pl.Design(analysis_method="Reflexive thematic analysis"))
    codebook = two_coder_study(
        pl.Design(analysis_method="Codebook thematic analysis", analysis_reference="King (2004)")
    )

    result = quote_agreement(reflexive, resamples=0)

    assert result.advisory is not None
    assert "Braun and Clarke" in result.advisory
    assert "advisory only" in str(result)
    assert "advisory" in repr(result)
    assert quote_agreement(codebook, resamples=0).advisory is None
    assert quote_agreement(two_coder_study(), resamples=0).advisory is None


def test_the_result_shows_itself_as_a_table() -> None:
    result = quote_agreement(two_coder_study(), seed=1)

    text = str(result)
    assert text.splitlines()[0].startswith("Agreement of coder-a, coder-b on 6 quotes")
    assert "quote x code presence" in text
    assert "hope" in text
    assert "(all)" in text
    assert repr(result).startswith("QuoteAgreement(coders=('coder-a', 'coder-b'), quotes=6")
    assert "<table>" in result._repr_html_()
    assert isinstance(result, QuoteAgreement)
    assert result.to_records()[-1]["code"] is None


def test_a_multi_user_sample_where_one_user_coded(samples: Path) -> None:
    # The REFI-QDA 1.5 example project (ATLAS.ti 8): three users, and every text coding is by
    # Friedrich Markgraf. Alone, he has no one to agree with.
    study, _ = read_qdpx(samples / SKY_LOOM)
    with pytest.raises(AgreementDataError, match="'friedrich-markgraf'") as caught:
        quote_agreement(study)
    assert caught.value.problem == "too_few_coders"

    # Compared with a second user who coded nothing, every application is a disagreement.
    # Five of the six quotes are coded (one is a selection without a coding). Codes applied
    # once (3 codes) or twice (2): n = 10 values each, D = 2 per application; once:
    # alpha = 1 - 9*2/(2*1*9) = 0, twice: 1 - 9*4/(2*2*8) = -0.125. All codes: n = 50,
    # n1 = 7, D = 14: alpha = 1 - 49*14/(2*7*43) = -0.1395..., percent = 36/50.
    pair = ("friedrich-markgraf", "sebastian-petrausch")
    result = quote_agreement(study, coders=pair, seed=1)

    assert len(result.quotes) == 5
    once = {f.code for f in result.codes if f.applied == 1}
    twice = {f.code for f in result.codes if f.applied == 2}
    assert once == {"coke-diet-coke", "cornflakes", "feelings"}
    assert twice == {"bacon-and-eggs", "happiness"}
    for figures in result.codes:
        assert figures.alpha == pytest.approx(0.0 if figures.code in once else -0.125)
        assert figures.agreed == 0
    assert result.overall.alpha == pytest.approx(1 - 686 / 602)
    assert result.overall.percent == pytest.approx(36 / 50)
    assert len(result.disagreements) == 7
    assert {(d.applied_by, d.not_applied_by) for d in result.disagreements} == {
        (pair[:1], pair[1:])
    }


def test_a_coder_who_coded_nothing_is_missing_throughout_when_uncoded_is_missing(
    samples: Path,
) -> None:
    study, _ = read_qdpx(samples / SKY_LOOM)
    pair = ["friedrich-markgraf", "sebastian-petrausch"]

    result = quote_agreement(study, coders=pair, uncoded="missing")

    assert result.overall.alpha is None
    assert result.overall.undefined == "no quote has values from two of the coders"
    assert result.disagreements == ()
    assert result.resamples == 0


def test_options_are_checked() -> None:
    study = two_coder_study()
    with pytest.raises(pl.UnknownIdError, match="coder-z"):
        quote_agreement(study, coders=["coder-a", "coder-z"])
    with pytest.raises(pl.UnknownIdError, match="q9"):
        quote_agreement(study, quotes=["q9"])
    with pytest.raises(pl.InvalidOptionError, match="target"):
        quote_agreement(study, target="category")  # type: ignore[arg-type]
    with pytest.raises(pl.InvalidOptionError, match="uncoded"):
        quote_agreement(study, uncoded="skip")  # type: ignore[arg-type]
    with pytest.raises(pl.InvalidOptionError, match="resamples"):
        quote_agreement(study, resamples=-1)
    with pytest.raises(pl.InvalidOptionError, match="confidence"):
        quote_agreement(study, confidence=95)
    with pytest.raises(pl.InvalidOptionError, match="string"):
        quote_agreement(study, coders="coder-a")
    for seed in (-1, 1.5, "7"):
        with pytest.raises(pl.InvalidOptionError, match="seed"):
            quote_agreement(study, seed=seed)  # type: ignore[arg-type]
    with pytest.raises(AgreementDataError, match="two or more coders") as caught:
        quote_agreement(study, coders=["coder-a"])
    assert caught.value.problem == "too_few_coders"
    with pytest.raises(AgreementDataError, match="codings of sub-themes name no coder"):
        quote_agreement(study, target="subtheme")


def test_named_quotes_choose_the_units_and_codes() -> None:
    # q1 and q4, on which the coders agree: hope (q1) and drift (q4) are the codes applied.
    study = two_coder_study()
    both = quote_agreement(study, quotes=["q4", "q1"], resamples=0)

    assert both.quotes == ("q1", "q4")
    assert [f.code for f in both.codes] == ["hope", "drift"]
    assert both.disagreements == ()
    assert both.overall.alpha == 1.0
    with pytest.raises(pl.UnknownIdError, match="cost"):
        both.code("cost")


def test_a_code_every_coder_applied_everywhere_has_no_alpha() -> None:
    # q1 alone: both coders applied hope, so every value is present and alpha is 0/0.
    alone = quote_agreement(two_coder_study(), quotes=["q1"], resamples=0)

    assert alone.code("hope").alpha is None
    assert alone.code("hope").percent == 1.0
    assert alone.code("hope").undefined == (
        "every coder applied it to every unit: every value is present"
    )
