"""The scale run: a study of 1 million codings read, validated, graphed and tabulated.

Each step runs in the same fresh process, one after the other, as a user's session would;
the figures are the wall and CPU time of each step and the process's resident memory
(RSS) after it and at its peak, from the operating system (tracemalloc would double the
memory it measures at this size). Memory per coding is the peak RSS above the RSS of the
process before reading, divided by the number of codings.

    python benchmarks/scale_run.py                     # 1,000,000 codings, 5,000 interviews
    python benchmarks/scale_run.py --codings 100000 --interviews 500   # a quick look

The document is generated once and cached in ``benchmarks/_data`` (about 300 MB at 1
million codings; generating it takes a few minutes and more memory than reading it).
"""

from __future__ import annotations

import argparse
import gc
import json
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from synthetic import DEFAULT_SEED, ensure_document

_PAGE = 4096
_MIB = 1024 * 1024


def _rss() -> int:
    """The process's resident memory now, in bytes."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * _PAGE


def _peak_rss() -> int:
    """The process's highest resident memory so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _measure(path: Path) -> dict[str, Any]:
    """Run the steps on the document at ``path`` and return their figures."""
    import peerlandscape as pl  # noqa: PLC0415 - imported after the baseline is taken
    from peerlandscape.graph import to_networkx  # noqa: PLC0415
    from peerlandscape.queries import support_matrix  # noqa: PLC0415
    from peerlandscape.validation import validate  # noqa: PLC0415

    gc.collect()
    baseline = _rss()
    steps: list[dict[str, Any]] = []
    held: dict[str, Any] = {}

    def step(name: str, run: Callable[[], Any]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        held[name] = run()
        steps.append(
            {
                "step": name,
                "wall_s": time.perf_counter() - wall,
                "cpu_s": time.process_time() - cpu,
                "rss_after_mib": _rss() / _MIB,
                "peak_rss_mib": _peak_rss() / _MIB,
            }
        )

    step("read_json", lambda: pl.read_json(path))
    study = held["read_json"]
    step("validate", lambda: validate(study))
    step("to_networkx", lambda: to_networkx(study))
    step("support_matrix", lambda: support_matrix(study, unit="quotes"))
    codings = len(study.codings)
    peak = _peak_rss()
    graph_step = next(s for s in steps if s["step"] == "to_networkx")
    before_graph = steps[steps.index(graph_step) - 1]["rss_after_mib"] * _MIB
    return {
        "codings": codings,
        "quotes": len(study.quotes),
        "interviews": len(study.interviews),
        "participants": len(study.participants),
        "file_mib": path.stat().st_size / _MIB,
        "baseline_rss_mib": baseline / _MIB,
        "peak_rss_mib": peak / _MIB,
        "peak_bytes_per_coding": (peak - baseline) / codings,
        "graph_bytes_per_coding": (graph_step["rss_after_mib"] * _MIB - before_graph) / codings,
        "steps": steps,
    }


def _table(figures: dict[str, Any]) -> str:
    lines = [
        f"{figures['codings']:,} codings, {figures['quotes']:,} quotes, "
        f"{figures['interviews']:,} interviews, {figures['participants']:,} participants; "
        f"document {figures['file_mib']:,.0f} MiB",
        "",
        "| step | wall s | CPU s | RSS after, MiB | peak RSS so far, MiB |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| `{s['step']}` | {s['wall_s']:.1f} | {s['cpu_s']:.1f} | {s['rss_after_mib']:,.0f} "
        f"| {s['peak_rss_mib']:,.0f} |"
        for s in figures["steps"]
    ]
    lines += [
        "",
        f"Peak RSS {figures['peak_rss_mib']:,.0f} MiB "
        f"({figures['peak_rss_mib'] / 1024:.2f} GiB; the process held "
        f"{figures['baseline_rss_mib']:,.0f} MiB before reading): "
        f"{figures['peak_bytes_per_coding']:,.0f} bytes per coding at the peak, of which the "
        f"graph holds {figures['graph_bytes_per_coding']:,.0f}.",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--codings", type=int, default=1_000_000)
    parser.add_argument("--interviews", type=int, default=5_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure is not None:
        print(json.dumps(_measure(args.measure)))
        return 0
    print(f"generating or finding the document ({args.codings:,} codings)...", file=sys.stderr)
    path = ensure_document(args.codings, seed=args.seed, interviews=args.interviews)
    # A fresh process, so that generating the document does not count in its memory.
    done = subprocess.run(
        [sys.executable, __file__, "--measure", str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout)
    print(
        f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
        f"{platform.machine()}, Python {platform.python_version()}\n"
    )
    print(_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
