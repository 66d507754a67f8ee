"""Writing files atomically: to a temporary file beside the target, renamed when complete."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from peerlandscape._exceptions import MissingFileError

__all__ = ["atomic_file", "atomic_write_text"]


@contextmanager
def atomic_file(target: Path) -> Iterator[IO[bytes]]:
    """Yield a temporary binary file beside ``target`` that replaces it when the block succeeds.

    A failure anywhere in the block removes the temporary file and leaves ``target`` as it
    was, so no half-written file remains.
    """
    if not target.parent.is_dir():
        raise MissingFileError(f"{target.parent}: no such folder to write {target.name} into")
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write_text(target: Path, text: str) -> Path:
    """Write ``text`` to ``target`` through a temporary file, so no half-written file remains."""
    # A text wrapper, as open(..., "w") would give: line endings follow the platform.
    with atomic_file(target) as raw, io.TextIOWrapper(raw, encoding="utf-8") as stream:
        stream.write(text)
    return target
