"""Pausing Python's cyclic garbage collector while a document is read."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["no_cyclic_gc"]


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while the block runs.

    Reading a large project makes hundreds of thousands of small objects
    (the parsed document's, then the study's); each counts towards the next
    generational collection, which then walks every live container, again and
    again as they pile up, and the more so the more the process already
    holds: about a tenth of ``read_project`` at 57,000 codings in a process
    that has pandas loaded. Reference counting still frees what is dropped
    while the collector pauses; the few cycles made meanwhile (the code tree's
    parent links) are collected once it resumes. Nested pauses are harmless:
    only the outermost resumes the collector, and only if it was running.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
