"""Writing text files atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from peerlandscape._exceptions import MissingFileError

__all__ = ["atomic_write_text"]


def atomic_write_text(target: Path, text: str) -> Path:
    """Write ``text`` to ``target`` through a temporary file, so no half-written file remains."""
    if not target.parent.is_dir():
        raise MissingFileError(f"{target.parent}: no such folder to write {target.name} into")
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
