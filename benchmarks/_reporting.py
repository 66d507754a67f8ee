"""What both benchmark runners share: timings, ratios with verdicts, and the figures file."""

from __future__ import annotations

import argparse
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Timing",
    "compare",
    "git_revision",
    "parse_sizes",
    "ratio",
    "rewrite_section",
    "verdict",
]


@dataclass(frozen=True)
class Timing:
    """Best wall-clock and best CPU time of one step, in seconds."""

    wall: float
    cpu: float


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """Return ``numerator / denominator``, or ``None`` when either is missing or zero."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return numerator / denominator


def verdict(value: float | None, target: float | None, *, at_least: bool = False) -> str:
    """Format a ratio with PASS/FAIL against ``target`` (an upper bound unless ``at_least``)."""
    if value is None:
        return "n/a"
    if target is None:
        return f"{value:.2f}"
    met = value >= target if at_least else value <= target
    return f"{value:.2f} {'PASS' if met else 'FAIL'}"


def compare(
    top: Timing | None, bottom: Timing | None, target: float | None, *, at_least: bool = False
) -> str:
    """Return "wall ratio [verdict] (cpu ratio)"; the verdict is on wall time, as specified."""
    if top is None or bottom is None:
        return "n/a"
    wall = verdict(ratio(top.wall, bottom.wall), target, at_least=at_least)
    return f"{wall} (cpu {verdict(ratio(top.cpu, bottom.cpu), None)})"


def git_revision() -> str:
    """Return the short commit measured, noting uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown revision"
    return f"{commit}{' + uncommitted changes' if dirty else ''}"


def rewrite_section(path: Path, figures: str, start_mark: str, end_mark: str) -> None:
    """Replace the text between ``start_mark`` and ``end_mark`` of ``path`` with ``figures``."""
    # Read just before writing: other sections of the file belong to the other runner.
    text = path.read_text(encoding="utf-8")
    start, end = text.find(start_mark), text.find(end_mark)
    if start < 0 or end < start:
        raise SystemExit(f"{path}: no {start_mark} ... {end_mark} section to rewrite")
    before, after = text[: start + len(start_mark)], text[end:]
    path.write_text(f"{before}\n{figures}\n{after}", encoding="utf-8")


def parse_sizes(text: str, *, example: str, minimum: int, too_small: str) -> list[int]:
    """Parse a ``--sizes`` option such as ``20000,100000`` into sorted, distinct sizes."""
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected sizes such as {example}; got {text!r}"
        ) from None
    if not sizes or min(sizes) < minimum:
        raise argparse.ArgumentTypeError(too_small)
    return sorted(set(sizes))
