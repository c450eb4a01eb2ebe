"""What every reader turns its format into: paragraphs and tables, each with its place.

The text, HTML and Word readers differ only in how they find paragraphs and table cells; the
assembler that makes a report of them is shared. A table is a grid: for HTML and Word the
cells sit at their true grid columns (row and column spans resolved, the spanned positions
holding copies of the cell), for text the cells are what the tabs separate, or a label and the
numbers after it.
"""

from __future__ import annotations

import attrs

__all__ = ["Cell", "Para", "Table"]


@attrs.frozen
class Para:
    """A paragraph (a line of text, an HTML block, a Word paragraph)."""

    text: str
    where: str
    """Its place in the source: ``line 12``, ``paragraph 40``."""
    style: str | None = None
    """The govinfo style of a Word paragraph (GovTitle, GovHeading1, …), when it has one."""
    lead: str = ""
    """A run-in heading at its start (Word documents made by govinfo)."""
    lead_kai: bool = False
    """Whether :attr:`lead` is set in 楷体 (a （一）-level heading)."""


@attrs.frozen
class Cell:
    """A table cell at a grid position."""

    text: str
    origin: bool = True
    """False for a position covered by a cell spanning from above or from the left."""


@attrs.frozen
class Table:
    """A table: rows of cells, its place, and whether its columns are true grid columns."""

    rows: tuple[tuple[Cell, ...], ...]
    where: str
    structured: bool
    extra: bool = False
    """An office's own table in a document made by govinfo (not a national table)."""
    lines: tuple[str, ...] = ()
    """For text: the place of each row (its line)."""
    loose: bool = False
    """Rows whose label may be cut into pieces on the rows around its numbers (text split at
    spaces, as ``pdftotext`` prints a table; Markdown conversions; a PDF table without
    rulings): a row of numbers takes its label from those pieces only when they spell exactly
    one row of the format."""
    texts: tuple[str, ...] = ()
    """For a table made of lines of text: each row's line as printed (read as paragraphs when
    the table turns out to be text outside the tables' sections)."""

    def row_place(self, index: int) -> str:
        if self.lines:
            return self.lines[index]
        return f"{self.where}, row {index + 1}"
