"""Measure what the identifying-text check costs a writer: each writer with it and without.

Run from the repository root::

    python benchmarks/privacy_run.py                 # the 400,000-coding study, best of 3
    python benchmarks/privacy_run.py --codings 20000 --repeat 5

Every writer of a file for sharing scans what it writes before it writes it
(``docs/privacy.md``); ``allow_identifying=True`` skips the scan. For the
synthetic study of ``--codings`` codings (``benchmarks/synthetic.py``, generated
and cached on first use), each writer is timed both ways, in turn, best of
``--repeat`` (wall and CPU time), and the table gives the ratio: the time with
the check over the time of the write alone. Files go to a temporary folder,
removed at the end. The synthetic study holds no identifying text, so every
write goes through (the scan is timed whole, as for a clean study).
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from _reporting import Timing, compare, git_revision
from synthetic import DEFAULT_SEED, ensure_document

import peerlandscape as pl

DEFAULT_CODINGS = 400_000
"""The largest study ``benchmarks/synthetic.py`` makes by default."""

Write = Callable[[Path, bool], Any]


def writers(study: pl.Study, graph: Any) -> dict[str, Write]:
    """Each writer of a file for sharing, as ``write(folder, allow_identifying)``."""
    return {
        "write_qdpx": lambda folder, allow: pl.write_qdpx(
            study, folder / "s.qdpx", allow_identifying=allow
        ),
        "write_qdc": lambda folder, allow: pl.write_qdc(
            study, folder / "s.qdc", allow_identifying=allow
        ),
        "write_graphml": lambda folder, allow: pl.write_graphml(
            graph, folder / "s.graphml", allow_identifying=allow
        ),
        "write_node_link": lambda folder, allow: pl.write_node_link(
            graph, folder / "s.json", allow_identifying=allow
        ),
        "write_table (CSV)": lambda folder, allow: pl.write_table(
            study, folder / "s.csv", allow_identifying=allow
        ),
        "generate_mermaid": lambda folder, allow: pl.generate_mermaid(
            study, allow_identifying=allow
        ),
    }


def best_of(repeat: int, write: Write, folder: Path) -> tuple[Timing, Timing]:
    """Return the best times of ``write`` without the check and with it, run in turn."""
    wall = [float("inf")] * 2
    cpu = [float("inf")] * 2
    for _ in range(repeat):
        for position, allow in enumerate((True, False)):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            write(folder, allow)
            wall[position] = min(wall[position], time.perf_counter() - start)
            cpu[position] = min(cpu[position], time.process_time() - start_cpu)
    return Timing(wall[0], cpu[0]), Timing(wall[1], cpu[1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--codings", type=int, default=DEFAULT_CODINGS)
    parser.add_argument("--repeat", type=int, default=3, help="writes each way (best kept)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--skip", action="append", default=[], metavar="WRITER", help="leave a writer out"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    print(f"reading the study of {args.codings:,} codings", file=sys.stderr, flush=True)
    study = pl.read_json(ensure_document(args.codings, seed=args.seed))
    graph = pl.to_networkx(study)
    texts = sum(len(quote.text or "") for quote in study.quotes)
    lines = [
        f"Study: {args.codings:,} codings, {len(study.quotes):,} quotes "
        f"({texts / 1e6:.1f} M characters of quote text), seed {args.seed}; "
        f"best of {args.repeat}; {git_revision()}.",
        "",
        "| writer | write alone (s) | with the check (s) | ratio (wall, cpu) |",
        "|---|---:|---:|---|",
    ]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for label, write in writers(study, graph).items():
            if label.split()[0] in args.skip:
                continue
            print(f"timing {label}", file=sys.stderr, flush=True)
            alone, checked = best_of(args.repeat, write, folder)
            lines.append(
                f"| `{label}` | {alone.wall:.2f} | {checked.wall:.2f} | "
                f"{compare(checked, alone, None)} |"
            )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
