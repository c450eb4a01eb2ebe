"""The national tables as grids of cells: the one layout that every output draws.

Word, HTML and Excel print the same three tables with the same merged cells. This module
decides, once, where each label and each number sits: for every national table of a report's
layout, the rows of its grid, each holding the cells that begin in it — a label or a value,
with its row and column span and its role (a header of columns, of rows, of a block, or a
number) — the relative widths of the grid's columns, and which rows head the table or one of
its blocks. Labels come from the model (:mod:`govinfo.cells`); no output writes one itself.

    >>> import govinfo
    >>> from govinfo.grid import grids
    >>> table = grids(govinfo.blank_report("某县人民政府办公室", 2024))[1]
    >>> table.number, len(table.widths), table.header_rows
    ('三', 10, 3)
    >>> first = table.rows[0][0]
    >>> first.role, first.row_span, first.column_span
    (<Role.CORNER: 'corner'>, 3, 3)
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from .cells import CellSpec, Layout, layout
from .model import Report, TableInfo

__all__ = ["Block", "Grid", "GridCell", "Role", "grids", "grids_for"]


class Role(enum.Enum):
    """What a cell of a grid is."""

    CORNER = "corner"
    """The top-left header cell above the row labels (表三's note on its 勾稽关系)."""
    COLUMN = "column"
    """A header of the columns below it (its column span)."""
    ROW = "row"
    """A header of the rows beside it (its row span): a row label, or a group's."""
    CAPTION = "caption"
    """A block's caption across the whole table (表二's 第二十条第（一）项 …)."""
    VALUE = "value"
    """A table cell of the report: a number (:attr:`GridCell.spec` says which)."""


@attrs.frozen
class GridCell:
    """One cell of a grid, placed at its first row and column."""

    row: int
    """The grid row the cell begins in (0 is the table's first row)."""
    column: int
    """The grid column the cell begins in."""
    role: Role
    text: str = ""
    """The official label of a header cell; empty for a value (and for an empty header)."""
    spec: CellSpec | None = None
    """For a value: the report's cell it prints."""
    row_span: int = 1
    column_span: int = 1

    @property
    def is_header(self) -> bool:
        """Whether the cell is a header (a label), not a value."""
        return self.role is not Role.VALUE

    @property
    def last_row(self) -> int:
        return self.row + self.row_span - 1

    @property
    def last_column(self) -> int:
        return self.column + self.column_span - 1


@attrs.frozen
class Block:
    """Consecutive rows of a table that belong together: heading rows, then their body.

    表二 is printed as blocks, each with its caption and its own column headers; the heading
    rows of a block belong on the same page as its first body row.
    """

    start: int
    """The block's first row."""
    heading_rows: int
    """How many rows, from :attr:`start`, head the block."""
    stop: int
    """One past the block's last row."""


@attrs.frozen(eq=False)
class Grid:
    """One national table as a grid.

    :attr:`rows` lists, for each row of the grid, the cells that begin in it, left to right;
    a cell with a row span also covers the rows below (HTML's ``rowspan``). Every position of
    the grid is covered by exactly one cell.
    """

    number: str
    """The table's section number as the format writes it: 二, 三 or 四."""
    attribute: str
    """The report attribute of the table's section, e.g. ``requests``."""
    table: TableInfo
    widths: tuple[int, ...]
    """Relative widths of the grid's columns. They add up to the width of the 156 mm type
    area in twips (8845), so Word takes them as they are; other outputs use
    :meth:`scaled` or :meth:`fractions`."""
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int
    """Rows at the top that head the whole table (printed again on each new page)."""
    blocks: tuple[Block, ...] = ()
    """The table's blocks, when it is printed in blocks (表二); empty otherwise."""

    @property
    def cells(self) -> Iterator[GridCell]:
        """Every cell, row by row."""
        for row in self.rows:
            yield from row

    @property
    def values(self) -> Iterator[GridCell]:
        """The value cells, in the order of the rows."""
        return (c for c in self.cells if c.role is Role.VALUE)

    def scaled(self, total: int) -> tuple[int, ...]:
        """The column widths scaled to add up to ``total`` (the last column takes what is
        left over by rounding down)."""
        weight = sum(self.widths)
        widths = [total * w // weight for w in self.widths[:-1]]
        return (*widths, total - sum(widths))

    def fractions(self) -> tuple[float, ...]:
        """The column widths as fractions of the table's width."""
        weight = sum(self.widths)
        return tuple(w / weight for w in self.widths)

    def width(self, cell: GridCell, widths: Sequence[int] | None = None) -> int:
        """The width of ``cell``: the sum of the columns it spans (of :attr:`widths`, or of
        the ``widths`` given)."""
        return sum((widths or self.widths)[cell.column : cell.column + cell.column_span])

    def covering(self) -> tuple[tuple[tuple[GridCell, bool], ...], ...]:
        """For each row, the cells covering it left to right, each with whether it begins in
        that row (``False``: it continues a cell from a row above). What Word draws, whose
        rows hold a cell for every position, continued cells included."""
        below: list[list[GridCell]] = [[] for _ in self.rows]
        for cell in self.cells:
            for r in range(cell.row + 1, cell.row + cell.row_span):
                below[r].append(cell)
        return tuple(
            tuple(
                sorted(
                    [(c, True) for c in row] + [(c, False) for c in below[index]],
                    key=lambda item: item[0].column,
                )
            )
            for index, row in enumerate(self.rows)
        )


# -- how the columns are divided --------------------------------------------------------------

TYPE_WIDTH: Final = 8845
"""The width of the 156 mm type area in twips: what the widths of a grid add up to."""

_PROACTIVE_LABEL: Final = 2845
_REQUESTS_LABELS: Final = (560, 1000)
_REQUESTS_NUMBER: Final = 783


# -- building the grids -----------------------------------------------------------------------


class _Rows:
    """Rows being filled in, cell by cell."""

    def __init__(self) -> None:
        self.rows: list[list[GridCell]] = []

    def new(self) -> int:
        self.rows.append([])
        return len(self.rows) - 1

    def add(self, cell: GridCell) -> None:
        self.rows[cell.row].append(cell)

    def done(self) -> tuple[tuple[GridCell, ...], ...]:
        return tuple(tuple(sorted(row, key=lambda c: c.column)) for row in self.rows)


def _column_headers(
    out: _Rows, columns: Sequence[tuple[str, ...]], first_column: int
) -> tuple[int, int]:
    """Header rows for column label paths: equal prefixes merge across, a path that ends
    above the last header row merges down. Returns the rows' first index and their count."""
    depth = max(len(c) for c in columns)
    start = len(out.rows)
    for level in range(depth):
        row = out.new()
        index = 0
        while index < len(columns):
            path = columns[index]
            if len(path) <= level:  # covered by a label that ended above
                index += 1
                continue
            end = index + 1
            if level < len(path) - 1:
                while end < len(columns) and columns[end][: level + 1] == path[: level + 1]:
                    end += 1
            span_down = depth - level if level == len(path) - 1 else 1
            out.add(
                GridCell(
                    row,
                    first_column + index,
                    Role.COLUMN,
                    path[level],
                    row_span=span_down,
                    column_span=end - index,
                )
            )
            index = end
    return start, depth


def _row_headers(out: _Rows, rows: Sequence[tuple[str, ...]], label_columns: int) -> list[int]:
    """Label cells for row label paths across ``label_columns`` columns: a label shared by
    consecutive rows merges down, the last label of a path spans the columns left. Returns
    the grid row of each path."""
    placed = [out.new() for _ in rows]
    for level in range(max(len(p) for p in rows)):
        index = 0
        while index < len(rows):
            path = rows[index]
            if len(path) <= level:
                index += 1
                continue
            end = index + 1
            if level < len(path) - 1:
                while end < len(rows) and rows[end][: level + 1] == path[: level + 1]:
                    end += 1
            last = level == len(path) - 1
            out.add(
                GridCell(
                    placed[index],
                    level,
                    Role.ROW,
                    path[level],
                    row_span=end - index,
                    column_span=label_columns - level if last else 1,
                )
            )
            index = end
    return placed


def _proactive(specs: Sequence[CellSpec], table: TableInfo, attribute: str) -> Grid:
    # One label column and as many number columns as every block divides evenly: 3 for the
    # 2021 edition (blocks of 3 or 1 columns: 4 grid columns), 6 for the 2019 edition (blocks
    # of 3 or 2).
    block_rows: dict[str, dict[tuple[str, ...], list[CellSpec]]] = {}
    for spec in specs:
        block_rows.setdefault(spec.row[0], {}).setdefault(spec.row[1:], []).append(spec)
    count = math.lcm(*{len(row) for rows in block_rows.values() for row in rows.values()})
    step = (TYPE_WIDTH - _PROACTIVE_LABEL) // count
    widths = [_PROACTIVE_LABEL] + [step] * (count - 1)
    widths.append(TYPE_WIDTH - sum(widths))
    out = _Rows()
    blocks = []
    for caption, rows in block_rows.items():
        start = out.new()
        out.add(GridCell(start, 0, Role.CAPTION, caption, column_span=count + 1))
        header = out.new()
        out.add(GridCell(header, 0, Role.COLUMN, table.row_header))
        columns = next(iter(rows.values()))
        span = count // len(columns)
        for index, spec in enumerate(columns):
            out.add(
                GridCell(header, 1 + index * span, Role.COLUMN, spec.column_label, None, 1, span)
            )
        for path, row_specs in rows.items():
            row = out.new()
            out.add(GridCell(row, 0, Role.ROW, "/".join(path)))
            span = count // len(row_specs)
            for index, spec in enumerate(row_specs):
                out.add(GridCell(row, 1 + index * span, Role.VALUE, "", spec, 1, span))
        blocks.append(Block(start, 2, len(out.rows)))
    return Grid("二", attribute, table, tuple(widths), out.done(), 0, tuple(blocks))


def _requests(specs: Sequence[CellSpec], table: TableInfo, attribute: str) -> Grid:
    columns = list(dict.fromkeys(s.column for s in specs))
    labels = len(_REQUESTS_LABELS) + 1
    rest = TYPE_WIDTH - sum(_REQUESTS_LABELS) - _REQUESTS_NUMBER * len(columns)
    widths = (*_REQUESTS_LABELS, rest, *([_REQUESTS_NUMBER] * len(columns)))
    out = _Rows()
    _, depth = _column_headers(out, [(table.column_caption, *c) for c in columns], labels)
    out.add(GridCell(0, 0, Role.CORNER, table.note, row_span=depth, column_span=labels))
    by_row: dict[tuple[str, ...], list[CellSpec]] = {}
    for spec in specs:
        by_row.setdefault(spec.row, []).append(spec)
    placed = _row_headers(out, list(by_row), labels)
    for row, row_specs in zip(placed, by_row.values(), strict=True):
        for index, spec in enumerate(row_specs):
            out.add(GridCell(row, labels + index, Role.VALUE, "", spec))
    return Grid("三", attribute, table, widths, out.done(), depth)


def _review(specs: Sequence[CellSpec], table: TableInfo, attribute: str) -> Grid:
    count = len(specs)
    width = TYPE_WIDTH // count
    widths = (*([width] * (count - 1)), TYPE_WIDTH - width * (count - 1))
    out = _Rows()
    _, depth = _column_headers(out, [s.column for s in specs], 0)
    row = out.new()
    for index, spec in enumerate(specs):
        out.add(GridCell(row, index, Role.VALUE, "", spec))
    return Grid("四", attribute, table, widths, out.done(), depth)


_BUILDERS: Final = {"二": _proactive, "三": _requests, "四": _review}

_GRIDS: dict[Layout, tuple[Grid, ...]] = {}


def grids_for(lay: Layout) -> tuple[Grid, ...]:
    """The grids of the national tables of a cell layout (computed once per layout)."""
    found = _GRIDS.get(lay)
    if found is None:
        by_table: dict[str, list[CellSpec]] = {}
        for spec in lay.specs:
            by_table.setdefault(spec.attribute[0], []).append(spec)
        found = _GRIDS[lay] = tuple(
            _BUILDERS[specs[0].table.number](specs, specs[0].table, attribute)
            for attribute, specs in by_table.items()
        )
    return found


def grids(report: Report) -> tuple[Grid, ...]:
    """The national tables of ``report``'s layout as grids, in the order of the format
    (表二, 表三, 表四). The grids depend only on the layout (edition, mixed parts), not on the
    report's values: a value cell names the report's cell it prints (:attr:`GridCell.spec`)."""
    return grids_for(layout(report))
