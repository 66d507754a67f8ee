"""How agreement results show themselves: numbers to three places, tables as text and HTML."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from peerlandscape._html import panel, paragraph, table

__all__ = ["TableOfFigures", "figure_html", "html_table", "number", "text_table"]


def number(value: float | None, *, places: int = 3) -> str:
    """Show a figure to ``places`` decimals, or an en dash where it is undefined."""
    return "\u2013" if value is None else f"{value:.{places}f}"


def text_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Lay out a plain-text table: left-aligned columns, a rule under the header."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (header, *rows)
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def html_table(caption: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Write an HTML table with a caption, every cell escaped, as every view writes one."""
    return panel(table(header, rows, caption=caption))


def figure_html(text: str) -> str:
    """Show a one-figure result (its ``str``) in a notebook, in the style of the tables."""
    return panel(paragraph(text))


class TableOfFigures:
    """How a study's agreement shows itself: a heading, a table of figures, the advisory note.

    A result class gives ``_heading()``, ``_rows()`` (header and rows of text) and an
    ``advisory`` attribute; this gives it its ``str`` and its notebook view alike.
    """

    __slots__ = ()
    advisory: str | None

    def _heading(self) -> str:
        raise NotImplementedError

    def _rows(self) -> tuple[list[str], list[list[str]]]:
        raise NotImplementedError

    def __str__(self) -> str:
        header, rows = self._rows()
        lines = [self._heading(), text_table(header, rows)]
        if self.advisory:
            lines.append(f"Note: {self.advisory}.")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        header, rows = self._rows()
        note = f"<p><strong>Note:</strong> {escape(self.advisory)}.</p>" if self.advisory else ""
        return html_table(self._heading(), header, rows) + note
