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
import itertools
import math
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from .cells import CellSpec, Layout, layout
from .model import Report, TableInfo

__all__ = [
    "DIGITS",
    "LABEL_PADDING",
    "PADDING",
    "TABLE_SIZES",
    "TYPE_WIDTH",
    "Block",
    "Grid",
    "GridCell",
    "Role",
    "grids",
    "grids_for",
    "label_lines",
    "text_width",
]


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
    lines: tuple[str, ...] = ()
    """A header's label as printed, line by line: where it breaks in its cell (at the width
    the grid gives it, never leaving one character alone on its last line). Empty for a
    value."""

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
    size: float
    """The type size of the table in points: 12 (小四) for 表二, 10.5 (五号) for 表三 and 表四."""
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

    def split(self, rows: Iterable[int]) -> Grid:
        """The grid with every header that spans one of ``rows`` together with a row above
        it cut in two there, the part from that row on carrying the label again: where a
        printed table runs onto a new page, its group labels stay in sight."""
        cuts = sorted(set(rows))
        out = _Rows()
        for _ in self.rows:
            out.new()
        for cell in self.cells:
            inside = [r for r in cuts if cell.row < r <= cell.last_row]
            if not cell.is_header or not inside:
                out.add(cell)
                continue
            for start, stop in itertools.pairwise([cell.row, *inside, cell.last_row + 1]):
                out.add(attrs.evolve(cell, row=start, row_span=stop - start))
        return attrs.evolve(self, rows=out.done())

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

PADDING: Final = 28
"""Space left and right of a cell's content, in twips (0.5 mm): what a number needs."""
LABEL_PADDING: Final = 57
"""Space left and right of a label set flush left (row labels, captions, the corner): 1 mm."""
DIGITS: Final = {"三": 7, "四": 5}
"""Digits a number column of the table holds on one line (表四's fifteen columns share the
type area equally: five digits is what they hold)."""
SPARE: Final = 20
"""Twips a column is given beyond what its content needs, for rounding in renderers."""

TABLE_SIZES: Final = {"二": 12.0, "三": 10.5, "四": 10.5}
"""The type size of each table in points: 小四 for 表二, 五号 for 表三 and 表四."""
_PROACTIVE_LABEL: Final = 2845
_GROUP_LABEL_CHARACTERS: Final = 3
"""Characters per line of 表三's group label columns (三、本/年度办/理结果, （三）/不予/公开)."""
_HEAD_NOUN: Final = 2
"""A column header too wide for its column is broken before its last two characters, the
head noun of a Chinese compound (商业/企业, 社会公益/组织): its column holds the rest."""


def _em(size: float) -> int:
    """Twips per em (the width of an ideograph) at ``size`` points."""
    return round(size * 20)


def text_width(text: str) -> float:
    """The width of ``text`` in ems: 1 for an ideograph or full-width mark (“” included, as the
    East-Asian font sets them), ½ for anything narrower (an upper bound for Latin digits)."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in text)


def _round_up(twips: float) -> int:
    return -(-int(twips + SPARE) // 5) * 5


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
    return _finish(
        Grid("二", TABLE_SIZES["二"], attribute, table, tuple(widths), out.done(), 0, tuple(blocks))
    )


def _requests(specs: Sequence[CellSpec], table: TableInfo, attribute: str) -> Grid:
    # Three label columns (group, sub-group, row) and a number column per applicant column,
    # each as wide as seven digits or the head-noun-less part of its header, whichever is
    # wider; the row labels take what is left.
    columns = list(dict.fromkeys(s.column for s in specs))
    em = _em(TABLE_SIZES["三"])
    numbers = [_number_width(c[-1], DIGITS["三"], em) for c in columns]
    group = _round_up(_GROUP_LABEL_CHARACTERS * em + 2 * LABEL_PADDING)
    rest = TYPE_WIDTH - 2 * group - sum(numbers)
    widths = (group, group, rest, *numbers)
    labels = 3
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
    return _finish(Grid("三", TABLE_SIZES["三"], attribute, table, widths, out.done(), depth))


def _number_width(header: str, digits: int, em: int) -> int:
    """A number column: ``digits`` on one line, and its header's words (a header wider than
    the digits is broken before its head noun, so the column holds what comes before it)."""
    need = digits * 0.5
    if text_width(header) > need:
        need = max(need, text_width(header[:-_HEAD_NOUN]))
    return _round_up(need * em + 2 * PADDING)


def _review(specs: Sequence[CellSpec], table: TableInfo, attribute: str) -> Grid:
    count = len(specs)
    width = TYPE_WIDTH // count
    widths = (*([width] * (count - 1)), TYPE_WIDTH - width * (count - 1))
    out = _Rows()
    _, depth = _column_headers(out, [s.column for s in specs], 0)
    row = out.new()
    for index, spec in enumerate(specs):
        out.add(GridCell(row, index, Role.VALUE, "", spec))
    grid = _finish(Grid("四", TABLE_SIZES["四"], attribute, table, widths, out.done(), depth))
    assert width >= DIGITS["四"] * 0.5 * _em(grid.size) + 2 * PADDING  # five digits fit
    return grid


# -- labels in lines --------------------------------------------------------------------------

_CLOSING: Final = frozenset("，。、；：？！”’）》〕】…·％")
_OPENING: Final = frozenset("“‘（《〔【")
_NATURAL_BREAK_BONUS: Final = 2.0


def _finish(grid: Grid) -> Grid:
    """``grid`` with every header's lines worked out for the width of its cell."""
    em = _em(grid.size)
    rows = []
    for row in grid.rows:
        cells = []
        for cell in row:
            if cell.is_header:
                padding = PADDING if cell.role is Role.COLUMN else LABEL_PADDING
                capacity = (grid.width(cell) - 2 * padding) / em
                cell = attrs.evolve(cell, lines=label_lines(cell.text, capacity))
            cells.append(cell)
        rows.append(tuple(cells))
    return attrs.evolve(grid, rows=tuple(rows))


def _can_break(text: str, index: int) -> bool:
    before, after = text[index - 1], text[index]
    if after in _CLOSING or before in _OPENING:
        return False  # no closing mark starts a line, no opening mark ends one
    return not (before.isascii() and after.isascii() and not before.isspace())


def label_lines(text: str, capacity: float) -> tuple[str, ...]:
    """``text`` broken into as few lines of at most ``capacity`` ems as it can be, with no
    closing mark at the start of a line nor an opening mark at the end of one, and never one
    character (marks aside) alone on the last line; among those, the breaks that fill the
    lines best, preferring breaks beside punctuation (（三）/不予/公开).

    >>> label_lines("社会公益组织", 4), label_lines("（三）不予公开", 3)
    (('社会公益', '组织'), ('（三）', '不予', '公开'))
    """
    if text_width(text) <= capacity or not text:
        return (text,) if text else ()
    ends = [0] + [i for i in range(1, len(text)) if _can_break(text, i)] + [len(text)]
    widths = [text_width(text[:i]) for i in ends]

    def line_ok(a: int, b: int, last: bool) -> bool:
        piece = text[ends[a] : ends[b]]
        if piece.isascii() and widths[b] - widths[a] <= 1:
            return False  # a line that is only a number (1.)
        marks = _CLOSING | _OPENING
        return not last or sum(1 for c in piece if c not in marks) >= 2

    for count in range(2, len(ends)):
        # best[j]: (cost, cut positions) of the first lines ending at ends[j]
        best: dict[int, tuple[float, tuple[int, ...]]] = {0: (0.0, ())}
        for line in range(count):
            last = line == count - 1
            following: dict[int, tuple[float, tuple[int, ...]]] = {}
            for start, (cost, cuts) in best.items():
                for end in range(start + 1, len(ends)):
                    width = widths[end] - widths[start]
                    if width > capacity and end > start + 1:
                        break
                    if last != (end == len(ends) - 1) or not line_ok(start, end, last):
                        continue
                    natural = last or (
                        text[ends[end] - 1] in _CLOSING or text[ends[end]] in _OPENING
                    )
                    slack = 0.0 if last else (capacity - width) ** 2
                    total = cost + slack + (0.0 if natural else _NATURAL_BREAK_BONUS)
                    if end not in following or total < following[end][0]:
                        following[end] = (total, (*cuts, end))
            best = following
        if len(ends) - 1 in best:
            bounds = (0, *(ends[i] for i in best[len(ends) - 1][1]))
            return tuple(text[a:b] for a, b in itertools.pairwise(bounds))
    return (text,)


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
