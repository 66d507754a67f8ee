"""Check that refusing a hostile file stays within bounded memory."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

MIB = 1024 * 1024
#: Far below what any of the hostile files would take if they were expanded.
PEAK_LIMIT = 50 * MIB


@contextmanager
def bounded_memory(limit: int = PEAK_LIMIT) -> Iterator[None]:
    """Fail unless the Python allocations inside the block peak below ``limit``.

    tracemalloc sees Python's allocations, not libxml2's; the XML tests check
    the C side separately.
    """
    tracemalloc.start()
    try:
        yield
    except BaseException:
        tracemalloc.stop()
        raise
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < limit, f"peak Python allocation {peak / MIB:.1f} MiB"
