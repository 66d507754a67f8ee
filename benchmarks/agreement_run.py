"""Measure Krippendorff's alpha on 100k codings by 3 coders against the ``krippendorff`` package.

Run from the repository root::

    python benchmarks/agreement_run.py                        # 100k codings, best of 5
    python benchmarks/agreement_run.py --codings 20000 --repeat 3
    python benchmarks/agreement_run.py --output docs/performance.md

The study is the synthetic document of ``benchmarks/synthetic.py`` (3 coders,
each code of a quote applied by 1-3 of them). Its reliability matrix is built
once, outside the timers, as ``quote_agreement`` sees the study: one row per
coder, one column per quote x code unit (every coded quote crossed with every
code applied), 1 where the coder applied the code and 0 where not. Then, side
by side in the same run and in turn, the best of ``--repeat`` wall times
(:func:`time.perf_counter`, with the best CPU time beside it) of

* ``peerlandscape.agreement.krippendorff_alpha(matrix)`` and
* ``krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal")``

on the same float matrix. Both answers, and the overall alpha of
``quote_agreement``, must agree to 1e-9, or the exit status is 1 (a timing of
two different answers proves nothing). The target is at most 2x the package's
time; ``quote_agreement`` itself (from the study, with and without 1,000
bootstrap resamples) is timed once each, for information.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import krippendorff
import numpy as np
from _reporting import Timing, compare, git_revision, rewrite_section
from synthetic import ensure_document

import peerlandscape as pl
from peerlandscape.agreement import krippendorff_alpha, quote_agreement

TARGET = 2.0
START = "<!-- agreement-figures:start -->"
END = "<!-- agreement-figures:end -->"


def reliability_matrix(study: pl.Study) -> np.ndarray[Any, np.dtype[np.float64]]:
    """Coders x (quote x code) units: 1.0 where the coder applied the code, else 0.0."""
    coders = {coder.id: row for row, coder in enumerate(study.coders)}
    applied = {(c.quote, c.code, c.coder) for c in study.codings if c.code and c.coder}
    quotes = {q: i for i, q in enumerate(dict.fromkeys(q for q, _, _ in sorted(applied)))}
    codes = {c: i for i, c in enumerate(dict.fromkeys(c for _, c, _ in sorted(applied)))}
    matrix = np.zeros((len(coders), len(quotes) * len(codes)), dtype=np.float64)
    for quote, code, coder in applied:
        matrix[coders[coder], quotes[quote] * len(codes) + codes[code]] = 1.0
    return matrix


def best_of(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, Timing]:
    """The best wall and CPU time of each call, the calls taking turns."""
    walls: dict[str, list[float]] = {name: [] for name in calls}
    cpus: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(repeat):
        for name, call in calls.items():
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            call()
            walls[name].append(time.perf_counter() - wall)
            cpus[name].append(time.process_time() - cpu)
    return {name: Timing(min(walls[name]), min(cpus[name])) for name in calls}


def once(call: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--codings", type=int, default=100_000, help="codings in the study")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (best kept)")
    parser.add_argument("--output", type=Path, help="rewrite the figures in this Markdown file")
    args = parser.parse_args(argv)

    study = pl.read_json(ensure_document(args.codings))
    matrix = reliability_matrix(study)
    ours = krippendorff_alpha(matrix).value
    theirs = float(krippendorff.alpha(reliability_data=matrix, level_of_measurement="nominal"))
    from_study = quote_agreement(study, target="code", resamples=0).overall.alpha
    if from_study is None or max(abs(ours - theirs), abs(ours - from_study)) > 1e-9:
        print(f"different answers: {ours!r}, package {theirs!r}, study {from_study!r}")
        return 1

    timings = best_of(
        {
            "library": lambda: krippendorff_alpha(matrix),
            "package": lambda: krippendorff.alpha(
                reliability_data=matrix, level_of_measurement="nominal"
            ),
        },
        args.repeat,
    )
    plain = once(lambda: quote_agreement(study, resamples=0))
    booted = once(lambda: quote_agreement(study, resamples=1000, seed=1))
    library, package = timings["library"], timings["package"]
    coded = sum(1 for coding in study.codings if coding.code and coding.coder)
    figures = "\n".join(
        [
            f"Measured at {git_revision()}, Python {sys.version.split()[0]}, numpy "
            f"{np.__version__}, krippendorff {version('krippendorff')}; "
            f"{coded:,} codings of codes by {len(study.coders)} coders, a "
            f"{matrix.shape[0]} x {matrix.shape[1]:,} matrix; alpha = {ours:.6f} from both; "
            f"best of {args.repeat}.",
            "",
            "| step | wall (s) | CPU (s) | library / package, wall (CPU) | target |",
            "|---|---|---|---|---|",
            f"| `krippendorff_alpha(matrix)` | {library.wall:.3f} | {library.cpu:.3f} | "
            f"{compare(library, package, TARGET)} | <= {TARGET:g}x |",
            f"| `krippendorff.alpha(matrix)` | {package.wall:.3f} | {package.cpu:.3f} | | |",
            f"| `quote_agreement(study, resamples=0)` | {plain:.3f} | | | information |",
            f"| `quote_agreement(study, resamples=1000)` | {booted:.3f} | | | information |",
        ]
    )
    print(figures)
    if args.output:
        rewrite_section(args.output, figures, START, END)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
