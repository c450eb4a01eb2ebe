"""Where the national tables break across the pages of the Word document.

Every line of a table has an exact height (exact line spacing), every label is broken by hand
(:mod:`govinfo.grid`), every number fits its column on one line and no row splits: the
height of every row is known before the document is opened. So:

- rows that belong together are kept together — 表二's blocks with their caption and column
  headers, a group of 表三 (（三）不予公开 and its reasons) when it fits on a page, 表四 as a
  whole — by keeping each of their rows with the next;
- a table taller than a page starts on a new page, and its rows are packed into pages here,
  groups kept whole, so the rows that begin each new page are known; there a group label
  that runs on (三、本年度办理结果) is printed again, under the repeated header rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import attrs

from ..grid import Grid, GridCell, Role

__all__ = ["LINE", "Pagination", "paginate", "row_heights"]

PAGE_HEIGHT: Final = 12756
"""The height of the 225 mm type area, in twips."""
HEADING: Final = 579
"""The section heading above a table: one line of the body's pitch."""
LINE: Final = {10.5: 280, 12.0: 320}
"""The exact line spacing of table text by type size, in twips (14 pt and 16 pt)."""
BORDER: Final = 10
"""A half-point border between rows."""
MARGIN: Final = 2 * 280
"""Height kept in hand on each page, against rounding in the renderer."""


@attrs.frozen
class Pagination:
    """How a table meets the page."""

    new_page: bool
    """The table starts on a new page (it is taller than one)."""
    breaks: tuple[int, ...]
    """For a table that starts on a new page: the rows that begin each following page."""
    keep: frozenset[int]
    """Rows kept on the page of the row below them."""


def row_heights(grid: Grid) -> list[int]:
    """The printed height of every row of ``grid``, in twips."""
    lines = [1] * len(grid.rows)
    spanning: list[GridCell] = []
    for cell in grid.cells:
        if cell.row_span == 1:
            lines[cell.row] = max(lines[cell.row], len(cell.lines) or 1)
        else:
            spanning.append(cell)
    for cell in spanning:  # a label taller than its rows makes the last of them taller
        short = len(cell.lines) - sum(lines[cell.row : cell.last_row + 1])
        if short > 0:
            lines[cell.last_row] += short
    pitch = LINE[grid.size]
    return [n * pitch + BORDER for n in lines]


def _units(grid: Grid, heights: Sequence[int], capacity: int) -> list[range]:
    """The body rows in runs kept together: a group that fits in ``capacity``, else its
    sub-groups and rows (recursively); each block of a table printed in blocks."""
    if grid.blocks:
        return [range(b.start, b.stop) for b in grid.blocks]
    groups = [c for c in grid.cells if c.role is Role.ROW and c.row >= grid.header_rows]

    def split(rows: range, column: int) -> list[range]:
        found: list[range] = []
        row = rows.start
        while row < rows.stop:
            group = next((g for g in groups if g.row == row and g.column == column), None)
            span = range(row, group.last_row + 1) if group is not None else range(row, row + 1)
            if len(span) > 1 and sum(heights[r] for r in span) > capacity:
                found.extend(split(span, column + 1))
            else:
                found.append(span)
            row = span.stop
        return found

    return split(range(grid.header_rows, len(grid.rows)), 0)


def paginate(grid: Grid) -> Pagination:
    """Where ``grid``, printed after its section heading, meets the page."""
    heights = row_heights(grid)
    header = sum(heights[: grid.header_rows])
    body = PAGE_HEIGHT - header - MARGIN
    units = _units(grid, heights, body)
    keep = set(range(grid.header_rows))  # the header rows stay with the first row
    for unit in units:
        keep.update(unit[:-1])
    if HEADING + sum(heights) <= PAGE_HEIGHT:
        return Pagination(False, (), frozenset(keep))
    breaks = []
    room = body - HEADING
    empty = True  # nothing of the body on the page yet
    for unit in units:
        height = sum(heights[r] for r in unit)
        if height > room and not empty:
            breaks.append(unit.start)
            room = body
        room -= height
        empty = False
    return Pagination(True, tuple(breaks), frozenset(keep))
