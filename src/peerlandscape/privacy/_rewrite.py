"""A text with stretches replaced, and where each offset of the old text lies in the new.

Quotes point into their source text by offsets; when the source text changes
length, :meth:`Rewrite.start` and :meth:`Rewrite.end` move a quote's span with
it. An offset inside a replaced stretch moves to that stretch's replacement:
a span's start to the replacement's start, its end to the replacement's end,
so a quote that cut a name in half holds the whole pseudonym.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import attrs

__all__ = ["Edit", "Rewrite"]


@attrs.frozen
class Edit:
    """Replace ``old[start:end]`` with ``replacement``."""

    start: int
    end: int
    replacement: str


class Rewrite:
    """A text with non-overlapping stretches replaced.

    Parameters
    ----------
    text
        The old text.
    edits
        The stretches to replace; they must not overlap.

    Examples
    --------
    >>> rewrite = Rewrite("Anna met Bo at noon.", [Edit(0, 4, "Person 1"), Edit(9, 11, "Person 2")])
    >>> rewrite.text
    'Person 1 met Person 2 at noon.'
    >>> span = (9, 19)  # "Bo at noon" in the old text
    >>> rewrite.text[rewrite.start(span[0]) : rewrite.end(span[1])]
    'Person 2 at noon'
    >>> rewrite.text[rewrite.start(2) : rewrite.end(6)]  # "na m": cut into a name
    'Person 1 m'
    """

    def __init__(self, text: str, edits: Iterable[Edit]) -> None:
        self.edits = sorted(edits, key=lambda edit: edit.start)
        self._old_starts = [edit.start for edit in self.edits]
        parts: list[str] = []
        self._new_spans: list[tuple[int, int]] = []
        position = 0
        length = 0
        for edit in self.edits:
            if edit.start < position:
                raise ValueError(f"edit at {edit.start} overlaps the edit before it")
            parts.append(text[position : edit.start])
            length += edit.start - position
            parts.append(edit.replacement)
            self._new_spans.append((length, length + len(edit.replacement)))
            length += len(edit.replacement)
            position = edit.end
        parts.append(text[position:])
        self.old = text
        self.text = "".join(parts)

    def _before(self, offset: int) -> int:
        # The index of the last edit that starts before offset, or -1.
        return bisect.bisect_left(self._old_starts, offset) - 1

    def _shifted(self, offset: int, index: int) -> int:
        if index < 0:
            return offset
        return offset + self._new_spans[index][1] - self.edits[index].end

    def start(self, offset: int) -> int:
        """Return where a span that starts at ``offset`` of the old text starts in the new."""
        index = self._before(offset)
        if index >= 0 and offset < self.edits[index].end:
            return self._new_spans[index][0]
        return self._shifted(offset, index)

    def end(self, offset: int) -> int:
        """Return where a span that ends at ``offset`` of the old text ends in the new."""
        index = self._before(offset)
        if index >= 0 and offset < self.edits[index].end:
            return self._new_spans[index][1]
        return self._shifted(offset, index)
