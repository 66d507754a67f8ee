"""The property every fuzz test checks: a reader raises nothing but the library's own errors.

:func:`only_library_errors` runs a reader on one input. A
:class:`~peerlandscape.PeerLandscapeError` is what a reader is meant to raise on bad
input, so it is caught and counted; any other exception escapes and fails the test,
with Hypothesis' minimal input. So does an input that takes longer than
:data:`HANG_SECONDS` (the 5-second Hypothesis deadline reports a slow input after the
fact; the alarm stops one that would never finish).
"""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

from peerlandscape import PeerLandscapeError

__all__ = ["HANG_SECONDS", "STATS", "Hang", "ReaderStats", "only_library_errors"]

HANG_SECONDS = 30
"""An input still running after this long is a hang: the test fails instead of waiting."""


@dataclass
class ReaderStats:
    """What one reader was given in this run."""

    calls: int = 0
    errors: int = 0
    total: float = 0.0
    slowest: float = 0.0
    slowest_cpu: float = 0.0
    """The most processor time one input took: on a shared machine, wall time mostly waits."""


STATS: dict[str, ReaderStats] = {}
"""Per reader (by the name given to :func:`only_library_errors`), for the run's summary."""


class Hang(BaseException):
    """An input ran past :data:`HANG_SECONDS`; a BaseException, so no reader can swallow it."""


def _hang(_signum: int, _frame: FrameType | None) -> None:
    raise Hang(f"an input ran for more than {HANG_SECONDS} s")


@contextmanager
def only_library_errors(reader: str) -> Iterator[None]:
    """Run the block as one input to ``reader``; let only the library's errors pass.

    Examples
    --------
    >>> import peerlandscape as pl
    >>> with only_library_errors("parse_json"):
    ...     pl.parse_json("{")
    >>> with only_library_errors("int"):
    ...     int("x")
    Traceback (most recent call last):
    ...
    ValueError: invalid literal for int() with base 10: 'x'
    """
    stats = STATS.setdefault(reader, ReaderStats())
    previous = signal.signal(signal.SIGALRM, _hang)
    signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    started, started_cpu = time.perf_counter(), time.process_time()
    try:
        yield
    except PeerLandscapeError:
        stats.errors += 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        elapsed = time.perf_counter() - started
        stats.calls += 1
        stats.total += elapsed
        stats.slowest = max(stats.slowest, elapsed)
        stats.slowest_cpu = max(stats.slowest_cpu, time.process_time() - started_cpu)
