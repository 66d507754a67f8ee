"""How well scan finds what was planted in a labelled corpus, kind by kind.

The corpus (``corpus.py``) is invented, seeded interview text with at least 200 planted
items of each kind and hundreds of decoy sentences. The floors below are the figures
measured when the recognisers were written (``docs/privacy.md`` shows them) less a small
margin, so a change that loses ground fails here; identity numbers and e-mail addresses
must all be found.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from peerlandscape.privacy import FindingKind

from .corpus import PER_KIND, Document, Score, build, score, table

MARGIN = 0.02

MEASURED = {
    # kind: (precision, recall), as docs/privacy.md reports them
    FindingKind.PERSONAL_IDENTITY_NUMBER: (1.000, 1.000),
    FindingKind.COORDINATION_NUMBER: (1.000, 1.000),
    FindingKind.EMAIL: (1.000, 1.000),
    FindingKind.PHONE: (0.982, 0.991),
    FindingKind.ADDRESS: (1.000, 0.946),
    FindingKind.POSTCODE: (1.000, 1.000),
    FindingKind.DATE_OF_BIRTH: (1.000, 0.977),
    FindingKind.NAME: (0.902, 1.000),
}


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Document], tuple[str, ...]]:
    return build()


@pytest.fixture(scope="module")
def scores(corpus: tuple[list[Document], tuple[str, ...]]) -> dict[FindingKind, Score]:
    documents, names = corpus
    return score(documents, names)


def test_the_corpus_plants_at_least_200_items_of_every_kind(
    scores: dict[FindingKind, Score],
) -> None:
    assert PER_KIND >= 200
    assert {kind: s.planted >= PER_KIND for kind, s in scores.items()} == dict.fromkeys(
        FindingKind, True
    )


def test_the_corpus_is_the_same_every_run(corpus: tuple[list[Document], tuple[str, ...]]) -> None:
    again, names = build()
    assert [d.text for d in again] == [d.text for d in corpus[0]]
    assert names == corpus[1]


@pytest.mark.parametrize(
    "kind", [FindingKind.PERSONAL_IDENTITY_NUMBER, FindingKind.COORDINATION_NUMBER]
)
def test_every_identity_number_is_found(
    kind: FindingKind, scores: dict[FindingKind, Score]
) -> None:
    assert scores[kind].recall == 1.0


def test_every_email_address_is_found(scores: dict[FindingKind, Score]) -> None:
    assert scores[FindingKind.EMAIL].recall == 1.0


@pytest.mark.parametrize("kind", list(FindingKind), ids=str)
def test_precision_and_recall_hold_at_what_was_measured(
    kind: FindingKind, scores: dict[FindingKind, Score]
) -> None:
    precision, recall = MEASURED[kind]
    got = scores[kind]
    assert got.precision >= precision - MARGIN, table(scores)
    assert got.recall >= recall - MARGIN, table(scores)


def test_the_docs_show_the_figures_this_corpus_gives(scores: dict[FindingKind, Score]) -> None:
    # Like the architecture page: a change of figures is a change of the docs too.
    page = Path(__file__).resolve().parents[2] / "docs" / "privacy.md"
    assert table(scores) in page.read_text(encoding="utf-8")
