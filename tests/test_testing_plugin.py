"""The pytest plugin gives downstream projects' tests the studies they need, with no import."""

from __future__ import annotations

import pytest

import peerlandscape as pl
from peerlandscape.testing import synthetic_study

pytest_plugins = ["pytester"]

DOWNSTREAM_TESTS = """
import peerlandscape as pl
from peerlandscape.agreement import quote_agreement


def test_the_built_in_study(engdahl2025_study):
    assert isinstance(engdahl2025_study, pl.Study)
    assert engdahl2025_study.id == "engdahl2025"
    assert len(engdahl2025_study.subthemes) == 12


def test_two_coders_who_sometimes_differ(two_coder_study):
    assert [c.id for c in two_coder_study.coders] == ["coder-1", "coder-2"]
    result = quote_agreement(two_coder_study, resamples=50, seed=0)
    assert 0 < result.overall.alpha < 1
    assert result.disagreements


def test_a_study_of_a_given_size(study_factory):
    study = study_factory(codings=500, coders=3, interviews=10, seed=4)
    assert (len(study.codings), len(study.coders), len(study.interviews)) == (500, 3, 10)
    assert study.validate().valid


def test_the_plugin_is_registered_under_its_name(request):
    assert request.config.pluginmanager.has_plugin("peerlandscape")


seen = []


def test_a_session_builds_each_study_once(two_coder_study):
    seen.append(two_coder_study)


def test_and_shares_it_between_tests(two_coder_study):
    assert seen == [two_coder_study] and seen[0] is two_coder_study
"""


def test_a_downstream_test_file_uses_every_fixture_without_importing_them(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(test_downstream=DOWNSTREAM_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=6)


def test_a_project_can_turn_the_plugin_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_off="""
        def test_it(two_coder_study):
            pass
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:peerlandscape")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'two_coder_study' not found*"])


# -- the synthetic studies themselves -----------------------------------------------------------


@pytest.mark.parametrize(
    ("codings", "coders", "interviews"), [(0, 1, 1), (1, 2, 1), (7, 3, 2), (200, 2, None)]
)
def test_a_synthetic_study_has_exactly_the_size_asked_for(
    codings: int, coders: int, interviews: int | None
) -> None:
    study = synthetic_study(codings=codings, coders=coders, interviews=interviews, seed=3)
    assert len(study.codings) == codings
    assert len(study.coders) == coders
    assert len(study.interviews) == (interviews or max(1, codings // 20))
    assert study.validate().valid


def test_every_quote_is_coded_by_every_coder_but_the_last() -> None:
    study = synthetic_study(codings=301, coders=3, seed=5)
    coders_of: dict[str, set[str | None]] = {}
    for coding in study.codings:
        coders_of.setdefault(coding.quote, set()).add(coding.coder)
    *whole, last = (coders_of[q.id] for q in study.quotes)
    assert all(found == {"coder-1", "coder-2", "coder-3"} for found in whole)
    assert last == {"coder-1"}


def test_coders_differ_on_some_quotes_and_agree_on_most() -> None:
    study = synthetic_study(codings=2000, coders=2, seed=6)
    codes: dict[str, dict[str | None, str | None]] = {}
    for coding in study.codings:
        codes.setdefault(coding.quote, {})[coding.coder] = coding.code
    differ = sum(len(set(by_coder.values())) > 1 for by_coder in codes.values())
    assert 0.1 < differ / len(codes) < 0.3


def test_the_same_seed_gives_the_same_study_and_another_seed_another() -> None:
    assert synthetic_study(codings=100, seed=1) == synthetic_study(codings=100, seed=1)
    assert synthetic_study(codings=100, seed=1) != synthetic_study(codings=100, seed=2)


def test_participants_are_invented_labels_in_the_built_in_groups() -> None:
    study = synthetic_study(codings=200, seed=8)
    assert all(p.label == f"Participant {p.id.split('-')[1]}" for p in study.participants)
    assert {p.group for p in study.participants} == set(pl.StakeholderGroup)


@pytest.mark.parametrize(
    ("options", "named"),
    [
        ({"codings": -1}, "codings"),
        ({"coders": 0}, "coders"),
        ({"interviews": 0}, "interviews"),
    ],
)
def test_a_size_that_cannot_be_is_refused(options: dict[str, int], named: str) -> None:
    with pytest.raises(pl.InvalidOptionError, match=f"^{named} must be a whole number"):
        synthetic_study(**options)  # type: ignore[arg-type]
