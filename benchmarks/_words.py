"""Invented words for synthetic benchmark data: no real text, so no real person, in any of it."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate

__all__ = ["Vocabulary"]


class Vocabulary:
    """An invented vocabulary with Zipf-like word frequencies, built from syllable parts.

    Each generator passes its own syllable parts, so each keeps producing exactly the
    documents it always did (their cached files and published figures depend on that).
    """

    def __init__(
        self,
        rng: random.Random,
        *,
        onsets: Sequence[str],
        vowels: Sequence[str],
        codas: Sequence[str],
        size: int = 3000,
    ) -> None:
        words: set[str] = set()
        while len(words) < size:
            syllables = rng.choices((1, 2, 3, 4), weights=(0.3, 0.4, 0.2, 0.1))[0]
            words.add(
                "".join(
                    rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                    for _ in range(syllables)
                )
            )
        # As in natural language, the frequent words are the short ones.
        self.vocabulary = sorted(sorted(words), key=lambda word: len(word) + 4 * rng.random())
        self.cum_weights = list(accumulate(1.0 / (rank + 1) ** 1.07 for rank in range(size)))
        self.rng = rng
