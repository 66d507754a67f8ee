r"""Run a fuzz test of ``tests/fuzz`` for many inputs, and list every distinct crash it finds.

``pytest`` stops a Hypothesis test at its first failure and shrinks it: right for CI
and for a regression test, slow for a survey. This runs the same test body on the
same strategies, but catches what escapes, records one input per distinct crash
(exception type, and the line of the library and of any library below it that
raised it) and goes on, so that one run of 10000 inputs says everything it found.
At the end it prints, per reader, the inputs run, the time taken, the slowest input
and how many ended in one of the library's errors, then the crashes and the peak
resident memory of the process.

Usage (from the repository root, with the test extras installed)::

    python tools/fuzz/survey.py test_fuzz_json.py::test_read_json_raises_only_library_errors \\
        --examples 10000 --crashes /tmp/crashes

Each crash's input is pickled into ``--crashes`` (a file per crash), for a
regression test. A crash here is anything but a
:class:`~peerlandscape.PeerLandscapeError` (and, for the command line, any exit
the test refuses). ``docs/robustness.md`` describes the fuzz suite.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pickle
import resource
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _signature(error: BaseException) -> tuple[str, str, str]:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "/src/peerlandscape/" in frame.filename]
    theirs = [frame for frame in frames if "site-packages" in frame.filename]
    where = (theirs or ours or frames)[-1]
    mine = f"{ours[-1].filename.split('/src/')[-1]}:{ours[-1].lineno}" if ours else "-"
    return type(error).__name__, f"{Path(where.filename).name}:{where.lineno}", mine


def main() -> int:
    """Run the survey the command line describes; exit 1 if anything crashed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("test", help="FILE::FUNCTION in tests/fuzz, e.g. test_fuzz_json.py::...")
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--crashes", type=Path, default=Path(tempfile.gettempdir()) / "crashes")
    arguments = parser.parse_args()

    # What pytest.ini gives the tests: warnings are errors, tests/ is importable.
    warnings.simplefilter("error")
    warnings.filterwarnings("ignore", "Generating overly large repr")
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
    os.environ.setdefault("PEERLANDSCAPE_FUZZ_EXAMPLES", str(arguments.examples))
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415

    file, _, name = arguments.test.partition("::")
    module = importlib.import_module(f"tests.fuzz.{Path(file).stem}")
    harness = importlib.import_module("tests.fuzz._harness")
    test = getattr(module, name)
    body = test.hypothesis.inner_test
    wants_folder = "tmp_path" in body.__code__.co_varnames[: body.__code__.co_argcount]
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    arguments.crashes.mkdir(parents=True, exist_ok=True)
    crashes: dict[tuple[str, str, str], str] = {}

    @settings(
        max_examples=arguments.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(**test.hypothesis._given_kwargs)
    def survey(**drawn: Any) -> None:
        if wants_folder:
            drawn["tmp_path"] = folder
        try:
            body(**drawn)
        except (Exception, harness.Hang) as error:  # each recorded; none stops the run
            signature = _signature(error)
            if signature not in crashes:
                crashes[signature] = str(error)[:300]
                kept = {k: v for k, v in drawn.items() if k not in {"tmp_path", "data"}}
                target = arguments.crashes / f"{Path(file).stem}.{name}.{len(crashes)}.pickle"
                with target.open("wb") as stream:
                    pickle.dump(kept, stream)
                print("crash:", *signature, "-", crashes[signature][:200], flush=True)

    started = time.perf_counter()
    survey()
    elapsed = time.perf_counter() - started
    print(f"\n{arguments.test}: {arguments.examples} examples in {elapsed:.0f} s")
    for reader, stats in sorted(harness.STATS.items()):
        print(
            f"  {reader}: {stats.calls} inputs, {stats.total:.1f} s in the reader, slowest "
            f"{stats.slowest:.3f} s ({stats.slowest_cpu:.3f} s of processor time at most), "
            f"{stats.errors} ended in the library's errors"
        )
    print(f"  distinct crashes: {len(crashes)}")
    for (kind, where, ours), message in crashes.items():
        print(f"    {kind} at {where} (library: {ours}): {message[:200]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak resident memory: {peak:.0f} MiB")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
