"""Fixtures for the tests of projects built on peerlandscape: a pytest plugin.

Installing peerlandscape registers this module with pytest (the ``pytest11``
entry point ``peerlandscape``), so its fixtures are there in any test without
an import:

``engdahl2025_study``
    The built-in study of Engdahl et al. (2025), loaded once per session.
``two_coder_study``
    A small synthetic study of 120 codings by two coders who agree on most
    quotes and differ on some (see :func:`synthetic_study`).
``study_factory``
    :func:`synthetic_study` itself: ``study_factory(codings=5000, coders=3,
    interviews=40, seed=1)`` makes a valid study of that size.

Studies are immutable, so sharing one across tests is safe. A project that
does not want the plugin disables it with ``-p no:peerlandscape``.

Examples
--------
In a downstream project's test module:

.. code-block:: python

    def test_my_report_covers_every_sub_theme(engdahl2025_study):
        assert len(my_report(engdahl2025_study).rows) == 12

    def test_my_report_scales(study_factory):
        study = study_factory(codings=20_000, coders=3, seed=7)
        assert my_report(study).total == 20_000
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from peerlandscape import _public
from peerlandscape.models import Study
from peerlandscape.testing._synthetic import synthetic_study

__all__ = ["engdahl2025_study", "study_factory", "synthetic_study", "two_coder_study"]

TWO_CODER_CODINGS = 120
"""Codings of :func:`two_coder_study`: 60 quotes, each coded by both coders."""


@pytest.fixture(scope="session")
def engdahl2025_study() -> Study:
    """Return the built-in study of Engdahl et al. (2025), loaded once per session."""
    from peerlandscape.datasets import engdahl2025  # noqa: PLC0415 - read only when asked for

    return engdahl2025()


@pytest.fixture(scope="session")
def two_coder_study() -> Study:
    """Return a synthetic study of 60 quotes in 6 interviews, each coded by two coders."""
    return synthetic_study(
        codings=TWO_CODER_CODINGS, coders=2, interviews=6, seed=2, study_id="two-coders"
    )


@pytest.fixture(scope="session")
def study_factory() -> Callable[..., Study]:
    """Return :func:`synthetic_study`, which makes a synthetic study of a given size."""
    return synthetic_study


_public.publish(__name__)
