"""Synthetic but realistic study documents for the benchmarks.

A document is written as a plain JSON dict with :mod:`json` (building models
first would make generation as slow as what is measured) and is read back by
the library like any other study. Everything is deterministic from the seed,
and nothing in it is real data: texts and labels are made of invented words.

Shape of a document of ``n`` codings (code applications):

* 3 stakeholder groups (the built-in ids), 3 regions, 3 coders;
* ``n // 20`` interviews (1,000 at 20k codings): a quarter focus groups of
  4-8 participants, the rest individual interviews; every interview lists its
  participants and each participant takes part in one interview;
* a framework of 1 overarching theme, 4 themes x 3 sub-themes; under each
  sub-theme 8 codes placed directly, 1 candidate theme grouping 2 codes, and
  2 child codes nested under the first two codes (144 codes in all);
* quotes of 6-250 words (about 50 on average), each from one participant of
  its interview, coded by 1-3 codes, each applied by 1-3 coders, until there
  are exactly ``n`` codings (about 3.4 per quote); sub-themes are favoured
  differently by each group, and 15% of quotes are also placed directly under
  a sub-theme;
* one statement per sub-theme of which groups voiced it.

Objects carry every field, as :func:`peerlandscape.write_json` writes them, so
parsing costs what it costs for a document written by the library
(``python benchmarks/synthetic.py --check 2000`` verifies this).

Run ``python benchmarks/synthetic.py 20000 100000`` to generate (and cache)
documents without benchmarking.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import Any

from _words import Vocabulary

import peerlandscape as pl
from peerlandscape import Study

__all__ = [
    "DATA_DIR",
    "DEFAULT_SEED",
    "GENERATOR_VERSION",
    "GROUP_IDS",
    "document_path",
    "ensure_document",
    "generate_document",
]

GENERATOR_VERSION = 3
"""Part of the cache file name: bump it whenever the generated documents change."""

DEFAULT_SEED = 2025
DATA_DIR = Path(__file__).resolve().parent / "_data"
"""Cache of generated documents (git-ignored)."""

CODINGS_PER_INTERVIEW = 20
GROUP_IDS = ("peer_support_worker", "official", "user_organization")
_GROUPS: dict[str, tuple[str, str, float]] = {
    # id: (participant id prefix, participant label, share of interviews)
    "peer_support_worker": ("psw", "Peer support worker", 0.55),
    "official": ("off", "Official", 0.27),
    "user_organization": ("uo", "User organization representative", 0.18),
}
_GROUP_LABELS = {
    "peer_support_worker": "Peer support workers",
    "official": "County council and municipality officials",
    "user_organization": "User organization representatives",
}
_CODERS = ("coder-1", "coder-2", "coder-3")
_REGIONS = ("region-1", "region-2", "region-3")
_THEMES, _SUBTHEMES_PER_THEME, _CODES_PER_SUBTHEME = 4, 3, 8
_FOCUS_GROUP_SHARE = 0.25
_DIRECT_PLACEMENT_SHARE = 0.15
_OFF_TOPIC_CODE_SHARE = 0.2
_ONE_TWO_THREE = (1, 2, 3)
_ONE_TWO_THREE_WEIGHTS = (0.4, 0.35, 0.25)

_ONSETS = ("b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "sk", "st", "tr")
_VOWELS = ("a", "e", "i", "o", "u", "y", "ä", "ö", "å")
_CODAS = ("", "", "", "n", "r", "s", "t", "ng", "ll", "rk")


class _Words(Vocabulary):
    """The invented vocabulary, and the phrases this generator makes of it."""

    def __init__(self, rng: random.Random, size: int = 3000) -> None:
        super().__init__(rng, onsets=_ONSETS, vowels=_VOWELS, codas=_CODAS, size=size)
        self._labels: set[str] = set()

    def take(self, count: int) -> list[str]:
        return self.rng.choices(self.vocabulary, cum_weights=self.cum_weights, k=count)

    def phrase(self, low: int, high: int) -> str:
        return " ".join(self.take(self.rng.randint(low, high))).capitalize()

    def label(self, low: int, high: int) -> str:
        """Return a phrase not returned by this method before: labels tell objects apart."""
        while (label := self.phrase(low, high)) in self._labels:
            pass
        self._labels.add(label)
        return label

    def text(self, count: int) -> str:
        """Return ``count`` words as sentences, with the odd comma and editorial cut."""
        rng = self.rng
        words = self.take(count)
        sentences: list[str] = []
        start = 0
        while start < count:
            end = min(count, start + rng.randint(5, 18))
            sentence = words[start:end]
            if len(sentence) > 6 and rng.random() < 0.5:
                sentence[rng.randint(2, len(sentence) - 3)] += ","
            sentences.append(" ".join(sentence).capitalize() + rng.choice(".....?!"))
            if rng.random() < 0.04:
                sentences.append("[...]")
            start = end
        return " ".join(sentences)


def _framework(words: _Words) -> dict[str, Any]:
    themes: list[dict[str, Any]] = []
    subthemes: list[dict[str, Any]] = []
    candidates: list[dict[str, Any]] = []
    codes: list[dict[str, Any]] = []
    pools: list[list[str]] = []

    def code(code_id: str, **placement: str | None) -> dict[str, Any]:
        return {
            "id": code_id,
            "label": words.label(2, 5),
            "description": None,
            "parent": placement.get("parent"),
            "candidate_theme": placement.get("candidate_theme"),
            "subtheme": placement.get("subtheme"),
            "color": None,
        }

    for t in range(1, _THEMES + 1):
        theme_id = f"theme-{t}"
        themes.append(
            {
                "id": theme_id,
                "label": words.label(2, 6),
                "description": words.text(25),
                "color": f"#{words.rng.randrange(16**6):06x}",
            }
        )
        for s in range(1, _SUBTHEMES_PER_THEME + 1):
            subtheme_id = f"subtheme-{t}-{s}"
            subthemes.append(
                {
                    "id": subtheme_id,
                    "label": words.label(2, 6),
                    "theme": theme_id,
                    "description": words.text(30),
                    "color": None,
                }
            )
            direct = [
                code(f"code-{t}-{s}-{k}", subtheme=subtheme_id)
                for k in range(1, _CODES_PER_SUBTHEME + 1)
            ]
            candidate_id = f"candidate-{t}-{s}"
            candidates.append(
                {
                    "id": candidate_id,
                    "label": words.label(2, 4),
                    "subtheme": subtheme_id,
                    "description": None,
                }
            )
            grouped = [code(f"code-{t}-{s}-c{k}", candidate_theme=candidate_id) for k in (1, 2)]
            children = [code(f"{parent['id']}-a", parent=parent["id"]) for parent in direct[:2]]
            pool = [*direct, *grouped, *children]
            codes.extend(pool)
            pools.append([c["id"] for c in pool])
    return {
        "overarching_theme": {
            "id": "overarching",
            "label": words.label(4, 9),
            "description": words.text(30),
        },
        "themes": themes,
        "subthemes": subthemes,
        "candidate_themes": candidates,
        "codes": codes,
        "_pools": pools,
    }


def _participant(participant_id: str, label: str, group: str, rng: random.Random) -> dict[str, Any]:
    reported = rng.random() < 0.5
    return {
        "id": participant_id,
        "label": label,
        "group": group,
        "aliases": [],
        "sex": rng.choice(("female", "male", "non_binary")) if reported else None,
        "age": rng.randint(24, 66) if reported else None,
        "years_in_role": round(rng.uniform(0.5, 20), 1) if reported else None,
        "education": None,
        "employment_context": None,
        "attributes": {},
        "notes": [],
    }


def _people(
    n_interviews: int, rng: random.Random
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    participants: list[dict[str, Any]] = []
    interviews: list[dict[str, Any]] = []
    numbers = dict.fromkeys(GROUP_IDS, 0)
    shares = [_GROUPS[g][2] for g in GROUP_IDS]
    for i in range(1, n_interviews + 1):
        group = rng.choices(GROUP_IDS, weights=shares)[0]
        prefix, label, _ = _GROUPS[group]
        focus = rng.random() < _FOCUS_GROUP_SHARE
        members: list[str] = []
        for _ in range(rng.randint(4, 8) if focus else 1):
            numbers[group] += 1
            number = numbers[group]
            participants.append(_participant(f"{prefix}-{number}", f"{label} {number}", group, rng))
            members.append(f"{prefix}-{number}")
        online = rng.random() < 0.3
        interviews.append(
            {
                "id": f"{'fg' if focus else 'ii'}-{i}",
                "label": f"{'Focus group' if focus else 'Interview'} {i}",
                "format": "focus_group" if focus else "individual",
                "mode": "online_video" if online else "in_person",
                "approximate_duration_minutes": rng.randint(90, 150)
                if focus
                else rng.randint(30, 75),
                "setting": None if online else "User organization or county council premises",
                "platform": "Zoom" if online else None,
                "stakeholder_group": group,
                "participants": members,
                "facilitators": (
                    [
                        {"role": "moderator", "researcher": "A.B."},
                        {"role": "assistant", "researcher": None},
                    ]
                    if focus
                    else [{"role": "interviewer", "researcher": "C.D."}]
                ),
                "date": f"2023-{rng.randint(6, 12):02d}-{rng.randint(1, 28):02d}",
                "region": rng.choice(_REGIONS),
                "notes": [],
            }
        )
    return participants, interviews


def _data(
    n_codings: int,
    interviews: Sequence[dict[str, Any]],
    participant_group: dict[str, str],
    pools: Sequence[Sequence[str]],
    words: _Words,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = words.rng
    all_codes = [code for pool in pools for code in pool]
    subtheme_ids = [f"subtheme-{i // _SUBTHEMES_PER_THEME + 1}-{i % _SUBTHEMES_PER_THEME + 1}"
                    for i in range(len(pools))]  # fmt: skip
    # Each group talks about some sub-themes much more than others.
    favour = {g: list(accumulate(rng.paretovariate(1.5) for _ in pools)) for g in GROUP_IDS}
    positions = range(len(pools))
    quotes: list[dict[str, Any]] = []
    codings: list[dict[str, Any]] = []
    while len(codings) < n_codings:
        quote_id = f"q-{len(quotes) + 1}"
        interview = rng.choice(interviews)
        participant = rng.choice(interview["participants"])
        primary = rng.choices(positions, cum_weights=favour[participant_group[participant]])[0]
        n_codes = rng.choices(_ONE_TWO_THREE, weights=_ONE_TWO_THREE_WEIGHTS)[0]
        codes = rng.sample(pools[primary], n_codes)
        if rng.random() < _OFF_TOPIC_CODE_SHARE:
            codes[-1] = rng.choice(all_codes)
        for code in dict.fromkeys(codes):
            n_coders = rng.choices(_ONE_TWO_THREE, weights=_ONE_TWO_THREE_WEIGHTS)[0]
            codings.extend(
                {"quote": quote_id, "code": code, "coder": coder}
                for coder in sorted(rng.sample(_CODERS, n_coders))
            )
        placed: list[str] = []
        if rng.random() < _DIRECT_PLACEMENT_SHARE:
            placed.append(subtheme_ids[primary])
            if rng.random() < 0.2:
                placed.append(rng.choice([s for s in subtheme_ids if s != placed[0]]))
        quotes.append(
            {
                "id": quote_id,
                "text": words.text(max(6, min(250, round(rng.lognormvariate(3.8, 0.55))))),
                "participant": participant,
                "interview": interview["id"],
                "source": None,
                "span": None,
                "subthemes": placed,
                "label": None,
                "notes": [],
            }
        )
    del codings[n_codings:]
    return quotes, codings


def generate_document(
    n_codings: int, *, seed: int = DEFAULT_SEED, interviews: int | None = None
) -> dict[str, Any]:
    """Return a study document (a JSON-ready dict) with exactly ``n_codings`` codings.

    ``interviews`` defaults to one per ``CODINGS_PER_INTERVIEW`` codings; fewer make
    longer interviews (the scale run: 1 million codings in 5,000 interviews).
    """
    if n_codings < CODINGS_PER_INTERVIEW:
        raise ValueError(f"n_codings must be at least {CODINGS_PER_INTERVIEW}, got {n_codings}")
    count = n_codings // CODINGS_PER_INTERVIEW if interviews is None else interviews
    if not 1 <= count <= n_codings:
        raise ValueError(f"interviews must be between 1 and {n_codings}, got {count}")
    suffix = "" if interviews is None else f"-{interviews}"
    rng = random.Random(f"peerlandscape-benchmark-{seed}-{n_codings}{suffix}")
    words = _Words(rng)
    framework = _framework(words)
    pools: list[list[str]] = framework.pop("_pools")
    participants, interviews_made = _people(count, rng)
    participant_group = {p["id"]: p["group"] for p in participants}
    quotes, codings = _data(n_codings, interviews_made, participant_group, pools, words)
    sizes = {g: sum(1 for p in participants if p["group"] == g) for g in GROUP_IDS}
    return {
        "schema_version": "1.0",
        "id": f"synthetic-{n_codings}-seed-{seed}",
        "title": f"Synthetic benchmark study of {n_codings} codings (seed {seed})",
        "authors": ["Synthetic Author A", "Synthetic Author B"],
        "year": 2025,
        "journal": None,
        "doi": None,
        "received": None,
        "accepted": None,
        "published": None,
        "aim": words.text(30),
        "design": None,
        "data_collection": {"start": "2023-06", "end": "2023-12"},
        "regions": [
            {"id": region, "label": f"Region {region[-1]}", "description": None}
            for region in _REGIONS
        ],
        "groups": [
            {
                "id": g,
                "label": _GROUP_LABELS[g],
                "description": None,
                "declared_size": sizes[g],
                "interview_format": None,
                "demographics": None,
                "notes": [],
            }
            for g in GROUP_IDS
        ],
        "participants": participants,
        "interviews": interviews_made,
        "sources": [],
        "quotes": quotes,
        "coders": [{"id": coder, "label": f"Coder {coder[-1]}", "role": None} for coder in _CODERS],
        "codes": framework["codes"],
        "codings": codings,
        "candidate_themes": framework["candidate_themes"],
        "subthemes": framework["subthemes"],
        "themes": framework["themes"],
        "overarching_theme": framework["overarching_theme"],
        "attributions": [
            {
                "subtheme": subtheme["id"],
                "groups": sorted(rng.sample(GROUP_IDS, rng.randint(1, 3))),
                "evidence": words.text(20),
            }
            for subtheme in framework["subthemes"]
        ],
        "notes": ["Synthetic data generated for benchmarks; no real participants."],
    }


def document_path(
    n_codings: int,
    *,
    seed: int = DEFAULT_SEED,
    data_dir: Path = DATA_DIR,
    interviews: int | None = None,
) -> Path:
    """Return where the document of ``n_codings`` codings is cached."""
    shape = "" if interviews is None else f"-in-{interviews}-interviews"
    return data_dir / f"study-v{GENERATOR_VERSION}-seed{seed}-{n_codings}{shape}.json"


def ensure_document(
    n_codings: int,
    *,
    seed: int = DEFAULT_SEED,
    data_dir: Path = DATA_DIR,
    interviews: int | None = None,
) -> Path:
    """Return the path of the cached document, generating it first if needed."""
    path = document_path(n_codings, seed=seed, data_dir=data_dir, interviews=interviews)
    if path.exists():
        return path
    data_dir.mkdir(parents=True, exist_ok=True)
    # Generated in schema 1.0 (placements on the quotes) and written as the library writes
    # the current schema, so that reading it times reading, not migrating.
    study = pl.from_dict(generate_document(n_codings, seed=seed, interviews=interviews))
    # Written beside the target and renamed, so an interrupted run leaves no half file.
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(study.model_dump_json(), encoding="utf-8")
    partial.replace(path)
    return path


def check_canonical(n_codings: int, *, seed: int = DEFAULT_SEED) -> None:
    """Check that a generated document reads, and reads back to exactly what was generated."""
    document = generate_document(n_codings, seed=seed)
    study = Study.model_validate_json(json.dumps(document))
    if json.loads(study.model_dump_json()) != document:
        raise AssertionError("generated document differs from what the library writes")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[20_000, 100_000, 400_000])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--check", action="store_true", help="verify the documents read back unchanged"
    )
    args = parser.parse_args(argv)
    for n in args.sizes:
        if args.check:
            check_canonical(n, seed=args.seed)
            print(f"{n} codings: reads back unchanged")
        else:
            print(ensure_document(n, seed=args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
