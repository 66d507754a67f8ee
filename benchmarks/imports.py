"""Measure what importing peerlandscape costs, beside importing pydantic and attrs.

Run from the repository root::

    python benchmarks/imports.py               # 15 runs of each case
    python benchmarks/imports.py --repeat 41   # steadier medians

Each case runs in a fresh interpreter (``sys.executable``), so nothing is
cached in the process; the cases take turns, run after run, so that a busy
spell of the shared machine falls on all of them alike. The table gives the
median wall-clock time of each case and the median CPU time of the child
process, and each as a multiple of ``import pydantic, attrs``: the goal is an
``import peerlandscape`` within 2x of it (networkx, lxml and pandas load only
when the graph layer, the REFI layer or a table is first used, and the
models when one is first used). ``peerlandscape --help`` imports none of the
heavy layers but still builds the models its commands import; it has no goal.

The children may write bytecode (``PYTHONDONTWRITEBYTECODE`` is dropped from
their environment), as an installed package has it: compiling the package's
sources on every run would be timed as importing them.

The exit status is 1 if a case fails to run, else 0; a missed goal is
reported as FAIL in the table.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass

from _reporting import git_revision, ratio, verdict

GOAL = 2.0
"""The largest ``import peerlandscape`` may be, as a multiple of ``import pydantic, attrs``."""

_CLI_HELP = "import sys; from peerlandscape.cli import main; sys.exit(main())"
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


@dataclass(frozen=True)
class Case:
    """One command to time, and the ratio goal it has against the baseline (if any)."""

    label: str
    argv: tuple[str, ...]
    goal: float | None = None


CASES = (
    Case("python (startup only)", ("-c", "pass")),
    Case("import pydantic, attrs", ("-c", "import pydantic, attrs")),
    Case("import peerlandscape", ("-c", "import peerlandscape"), GOAL),
    # What the console script runs: the group's main() with the arguments after it.
    Case("peerlandscape --help", ("-c", _CLI_HELP, "--help")),
    Case("import networkx", ("-c", "import networkx")),
)
BASELINE = "import pydantic, attrs"


@dataclass(frozen=True)
class Sample:
    """Wall-clock and child CPU time of one run, in seconds."""

    wall: float
    cpu: float


def run_once(case: Case) -> Sample:
    """Run ``case`` in a fresh interpreter; return its wall-clock and CPU time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, *case.argv],
        check=True,
        env=_ENV,
        stdout=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Sample(wall, cpu)


def measure(cases: Sequence[Case], repeat: int) -> dict[str, list[Sample]]:
    """Run every case ``repeat`` times, taking turns; return the samples of each."""
    samples: dict[str, list[Sample]] = {case.label: [] for case in cases}
    for case in cases:  # one warm-up each: it writes the bytecode and fills the OS file cache
        run_once(case)
    for _ in range(repeat):
        for case in cases:
            samples[case.label].append(run_once(case))
    return samples


def table(cases: Sequence[Case], samples: dict[str, list[Sample]]) -> str:
    """Return the medians and the ratios to the baseline as a Markdown table."""
    wall = {label: statistics.median(s.wall for s in runs) for label, runs in samples.items()}
    cpu = {label: statistics.median(s.cpu for s in runs) for label, runs in samples.items()}
    rows = [
        f"| case | median wall (s) | x {BASELINE} | median CPU (s) | x {BASELINE} (CPU) |",
        "|---|---:|---:|---:|---:|",
    ]
    for case in cases:
        label = case.label
        wall_ratio = verdict(ratio(wall[label], wall[BASELINE]), case.goal)
        cpu_ratio = verdict(ratio(cpu[label], cpu[BASELINE]), None)
        rows.append(
            f"| `{label}` | {wall[label]:.3f} | {wall_ratio} | {cpu[label]:.3f} | {cpu_ratio} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, print the table, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=15, help="runs of each case (default: 15)")
    options = parser.parse_args(argv)
    if options.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        samples = measure(CASES, options.repeat)
    except subprocess.CalledProcessError as error:
        print(f"a case failed: {error}", file=sys.stderr)
        return 1
    print(f"Import times, median of {options.repeat} fresh interpreters ({git_revision()}):\n")
    print(table(CASES, samples))
    print(f"\nGoal: `import peerlandscape` within {GOAL:.1f}x `{BASELINE}` (wall clock).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
