"""Hypothesis profiles of the fuzz suite, and the summary a long run prints.

Two profiles are registered here, not in the root conftest, so that the rest of the
suite keeps Hypothesis' defaults:

- ``peerlandscape-fuzz`` (the default): a few examples per reader, so that CI runs the
  whole suite in well under three minutes on two cores.
- ``peerlandscape-fuzz-long``: chosen when ``PEERLANDSCAPE_FUZZ_EXAMPLES`` is set, with
  that many examples per reader (10000 for the run ``docs/robustness.md`` describes).

Both give each example 5 seconds (a slower one fails the test as a hang) and save no
failing examples to a database: a failure is reported with its minimal input, which
goes into ``test_regressions.py``. Unless Hypothesis runs under CI (where it is
derandomised), each run draws new inputs.

The tests record, per reader, how many inputs it was given, the slowest input and the
time taken; a run with ``PEERLANDSCAPE_FUZZ_EXAMPLES`` set prints them at the end, with
the process's peak resident memory.
"""

from __future__ import annotations

import os
import resource
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from ._harness import STATS

CI_EXAMPLES = 25
"""Examples per reader in the default profile: enough to keep each path exercised."""

EXAMPLES_VARIABLE = "PEERLANDSCAPE_FUZZ_EXAMPLES"


def _long_examples() -> int | None:
    value = os.environ.get(EXAMPLES_VARIABLE, "").strip()
    if not value:
        return None
    try:
        examples = int(value)
    except ValueError:
        raise pytest.UsageError(f"{EXAMPLES_VARIABLE}={value!r} is not a whole number") from None
    if examples < 1:
        raise pytest.UsageError(f"{EXAMPLES_VARIABLE}={value!r} must be at least 1")
    return examples


_COMMON = {
    "deadline": timedelta(seconds=5),
    "database": None,
    # The inputs are whole documents, mutated: large and slow to draw by design.
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
        HealthCheck.function_scoped_fixture,
    ],
    "print_blob": True,
}

settings.register_profile("peerlandscape-fuzz", max_examples=CI_EXAMPLES, **_COMMON)
settings.register_profile(
    "peerlandscape-fuzz-long", max_examples=_long_examples() or CI_EXAMPLES, **_COMMON
)

FUZZ = settings.get_profile(
    "peerlandscape-fuzz-long" if _long_examples() is not None else "peerlandscape-fuzz"
)
"""The settings every fuzz test runs under (``@FUZZ`` above ``@given``)."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """After a long run, print per reader: inputs, time, the slowest input, library errors."""
    if _long_examples() is None or not STATS:
        return
    write = terminalreporter.write_line
    terminalreporter.section("fuzzing: inputs per reader")
    write(f"{'reader':<24}{'inputs':>8}{'total s':>10}{'max s':>8}{'max CPU s':>10}  errors")
    for name, stats in sorted(STATS.items()):
        write(
            f"{name:<24}{stats.calls:>8}{stats.total:>10.1f}{stats.slowest:>8.3f}"
            f"{stats.slowest_cpu:>10.3f}  {stats.errors}"
        )
    # ru_maxrss is in KiB on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    write(f"peak resident memory of the test process: {peak:.0f} MiB")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Let a failing fuzz test show its (often large) input without a warning failing it."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:Generating overly large repr"))
