"""What every reader turns its format into: paragraphs and tables, each with its place.

The text, HTML and Word readers differ only in how they find paragraphs and table cells; the
assembler that makes a report of them is shared. A table is a grid: for HTML and Word the
cells sit at their true grid columns (row and column spans resolved, the spanned positions
holding copies of the cell), for text the cells are what the tabs separate, or a label and the
numbers after it.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Final

import attrs

from .. import emphasis

__all__ = [
    "PLAIN",
    "STRONG",
    "Cell",
    "Para",
    "Table",
    "markdown_strong",
    "text_cell",
    "unmark",
]

STRONG: Final = "\ufdd0"
"""Begins emphasised text (bold in the source) in the text a reader gives the assembler; a
Unicode noncharacter, which no interchanged text holds."""
PLAIN: Final = "\ufdd1"
"""Ends it."""


_MARKDOWN_STRONG: Final = re.compile(r"\*\*(?=\S)(.+?)\*\*")


def markdown_strong(line: str) -> str:
    """A line of text or Markdown with its ``**emphasis**`` marked for the assembler
    (:data:`STRONG` … :data:`PLAIN`); a ``**`` that pairs with none stays as it is."""
    if "**" not in line:
        return line
    return _MARKDOWN_STRONG.sub(lambda m: STRONG + m.group(1) + PLAIN, line)


def unmark(text: str, *, tidy: bool = True) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Text with :data:`STRONG`/:data:`PLAIN` marks as its characters and the spans of them
    emphasised. With ``tidy`` (text whose spaces were tidied), the spaces around a mark
    collapse as the rest of the text's did, the ends are trimmed, and emphasis never begins
    or ends with a space; without it (a document govinfo wrote), every character is kept."""
    if STRONG not in text and PLAIN not in text:
        return text, ()
    # The text between marks, each piece with whether it is emphasised.
    pieces: list[tuple[str, bool]] = []
    strong = False
    for index, piece in enumerate(_MARKS.split(text)):
        if index % 2:
            strong = piece == STRONG
            continue
        if tidy:
            # A run of spaces is one space, across marks too (the first space's).
            piece = _SPACE_RUNS.sub(" ", piece)
            if piece.startswith(" ") and pieces and pieces[-1][0].endswith(" "):
                piece = piece[1:]
        if piece:
            pieces.append((piece, strong))
    if tidy:  # the ends trimmed
        while pieces and not pieces[0][0].lstrip():
            pieces.pop(0)
        if pieces:
            pieces[0] = (pieces[0][0].lstrip(), pieces[0][1])
        while pieces and not pieces[-1][0].rstrip():
            pieces.pop()
        if pieces:
            pieces[-1] = (pieces[-1][0].rstrip(), pieces[-1][1])
    spans: list[tuple[int, int]] = []
    start: int | None = None
    at = 0
    for piece, on in [*pieces, ("", False)]:
        if on and start is None:
            start = at
        elif not on and start is not None:
            end = at
            if tidy:  # emphasis never begins or ends with a space
                emphasised = "".join(p for p, _ in pieces)[start:end]
                start += len(emphasised) - len(emphasised.lstrip())
                end -= len(emphasised) - len(emphasised.rstrip())
            if start < end:
                spans.append((start, end))
            start = None
        at += len(piece)
    return "".join(p for p, _ in pieces), tuple(spans)


_MARKS: Final = re.compile(f"([{STRONG}{PLAIN}])")
_SPACE_RUNS: Final = re.compile(" {2,}")


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
    strong: tuple[tuple[int, int], ...] = ()
    """The spans of :attr:`text` that are emphasised (bold in the source)."""

    def marked(self, start: int = 0, *, strip: bool = False) -> str:
        """The text from ``start`` on (``strip``: trimmed) as a paragraph of the report: its
        emphasis written in the report's markup (:mod:`govinfo.emphasis`)."""
        end = len(self.text.rstrip()) if strip else len(self.text)
        while strip and start < end and self.text[start].isspace():
            start += 1
        if not self.strong and "*" not in self.text and "\\" not in self.text:
            return self.text[start:end]  # nothing to mark or escape: the text as it is
        cuts = sorted({start, end, *(i for span in self.strong for i in span if start < i < end)})
        return emphasis.markup(
            (
                self.text[a:b],
                any(s <= a and b <= e for s, e in self.strong),
            )
            for a, b in itertools.pairwise(cuts)
        )


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


@functools.lru_cache(maxsize=4096)
def text_cell(text: str) -> Cell:
    """The cell holding ``text`` (cells are immutable: the same text is one cell)."""
    return Cell(text)
