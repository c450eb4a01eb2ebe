"""Excel workbooks (.xlsx) read back into reports: every cell found by its labels.

A unit's workbook comes back as a person left it: numbers stored as text, full-width digits,
stray spaces, totals typed over their formulas, a formula changed, a row inserted, a table
moved, saved by Excel, WPS or LibreOffice — or by a program, with no computed values at all.
The reader finds each table by its header labels and each row by its row label, never by a
fixed address, and reads every cell strictly:

- a blank cell is blank (``None``), never 0; a number stored as text is read and reported
  (``info``); anything that is not a whole number (an amount, for the fee) is an ``error``
  naming its sheet and cell (``表三!D12``) and the cell stays blank;
- a total holding govinfo's formula (:func:`govinfo.xlsx.total_formula`, at the places its
  parts are found) is what that formula gives — computed from the cells read, so a workbook
  never recalculated reads right — and a cached value that differs is reported; a total typed
  over its formula is kept as typed (the checks then say whether it adds up); a formula of
  someone else's is read by its cached value, or reported when there is none.

Each sheet holding the tables is one report (organ, year and edition from their labelled
cells); the sheet 文字部分 of a finished report's workbook gives back its text.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import attrs

from ..cells import CellSpec, layout, totals
from ..errors import LimitExceeded
from ..grid import Grid, grids
from ..limits import current, enforce
from ..model import (
    ApplicantCounts,
    Edition,
    ExtraRow,
    ExtraTable,
    Kind,
    OtherHandling,
    Part,
    Proactive,
    Proactive2019,
    Report,
    Signature,
    update,
)
from ..model.report import FIRST_YEAR, LAST_YEAR, LAYOUTS, sections
from ..xlsx import (
    EDITION_LABEL,
    NOTE_SHEET,
    ORGAN_LABEL,
    TEXT_DECIMAL_FORMAT,
    TEXT_HEADING,
    TEXT_NO_HEADING,
    TEXT_PARAGRAPH,
    TEXT_PREAMBLE,
    TEXT_PUBLISHED,
    TEXT_RUN_IN,
    TEXT_SHEET,
    TEXT_SIGNATURE_DATE,
    TEXT_SIGNATURE_ORGAN,
    TEXT_TABLE,
    TEXT_TABLE_HEADER,
    TEXT_TABLE_ROW,
    TEXT_TITLE,
    YEAR_LABEL,
    address,
    normalize_formula,
    total_formula,
)
from ._assemble import NOT_FOUND, Diagnostic, ReadError, ReadResult, _Reading, _sample
from ._normalize import (
    best_match,
    is_blank_marker,
    looks_like_value,
    normalize_label,
    parse_value,
)

__all__ = ["is_workbook", "workbook_results"]

_SHEET_PART: Final = re.compile(r"^xl/worksheets/[^/]+\.xml$")


def is_workbook(data: bytes) -> bool:
    """Whether ``data`` is a zip package holding an Excel workbook."""
    if data[:2] != b"PK" or b"xl/workbook.xml" not in data:
        return False  # a member's name is stored as it is in the archive's directory
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


# -- the package, within limits ---------------------------------------------------------------


_COLUMN_REFERENCE: Final = re.compile(rb'\br="([A-Z]{1,3})[0-9]+"')
_MERGE: Final = re.compile(
    rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})([0-9]+)(?::([A-Z]{1,3})([0-9]+))?"'
)

Merges = dict[str, list[tuple[int, int, int, int]]]
"""The merged areas of each sheet part: (first row, first column, last row, last column)."""


def _check_package(data: bytes, source: str) -> Merges:
    """Enforce the limits on the package before openpyxl builds anything from it; return
    the merged areas of its sheets (read here, where each sheet's part is at hand)."""
    limits = current()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ReadError("not an Excel workbook (.xlsx): not a zip archive") from None
    merges: Merges = {}
    with archive:
        infos = archive.infolist()
        enforce("xlsx_parts", len(infos), where=source)
        unpacked = 0
        cells = 0
        for info in infos:
            where = f"{source}: {info.filename}"
            enforce("xlsx_part_bytes", info.file_size, where=where)
            unpacked += info.file_size
            enforce("xlsx_unpacked_bytes", unpacked, where=source)
            if not _SHEET_PART.match(info.filename):
                continue
            try:
                body = archive.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as exc:
                raise ReadError(f"the workbook is damaged: {info.filename}: {exc}") from None
            enforce("xlsx_part_bytes", len(body), where=where)
            enforce("xlsx_rows", body.count(b"<row ") + body.count(b"<row>"), where=where)
            cells += body.count(b"<c ") + body.count(b"<c>")
            enforce("xlsx_cells", cells, limits.xlsx_cells, source)
            widest = max(
                (column_index(m.decode()) for m in _COLUMN_REFERENCE.findall(body)), default=0
            )
            enforce("xlsx_columns", widest, where=where)
            merges[info.filename] = [
                (
                    int(r1),
                    column_index(c1.decode()),
                    int(r2 or r1),
                    column_index((c2 or c1).decode()),
                )
                for c1, r1, c2, r2 in _MERGE.findall(body)
            ]
        if "xl/workbook.xml" not in archive.namelist():
            raise ReadError("not an Excel workbook (.xlsx): no xl/workbook.xml")
    return merges


def _load(data: bytes) -> tuple[Any, Any]:
    """The workbook twice, read-only: with its formulas, and with the values they were saved
    with."""
    import openpyxl

    books = []
    for data_only in (False, True):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # extensions openpyxl does not know
                books.append(
                    openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
                )
        except LimitExceeded:
            raise
        except Exception as exc:  # openpyxl raises many kinds for a damaged package
            raise ReadError(f"the workbook cannot be opened: {type(exc).__name__}: {exc}") from None
    return books[0], books[1]


def _cells(ws: Any) -> Iterator[Any]:
    """The cells of a read-only sheet that hold something (the sheet's own claim of its size
    is not trusted: rows are read as they come)."""
    ws.reset_dimensions()
    try:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None or getattr(cell, "data_type", None) == "str":
                    yield cell
    except LimitExceeded:
        raise
    except Exception as exc:  # a damaged sheet
        raise ReadError(f"sheet {ws.title} cannot be read: {type(exc).__name__}: {exc}") from None


# -- a sheet as positions ---------------------------------------------------------------------


@attrs.frozen
class _Cell:
    value: Any
    """What the cell holds: a number, text, a formula (``=…``), ``None``."""
    cached: Any
    """For a formula: the value it was saved with (``None`` when never computed)."""
    data_type: str
    number_format: str
    row: int
    column: int


class _Sheet:
    """One worksheet: its cells by position, merged areas resolved for labels."""

    def __init__(
        self, ws: Any, cached_ws: Any, merges: Sequence[tuple[int, int, int, int]]
    ) -> None:
        self.title: str = ws.title
        self.cells: dict[tuple[int, int], _Cell] = {}
        saved: dict[tuple[int, int], Any] = {}
        for cell in _cells(cached_ws):
            value = cell.value
            if value is None and cell.data_type == "str":
                value = ""  # a formula saved with an empty text as its value
            saved[cell.row, cell.column] = value
        for cell in _cells(ws):
            if cell.value is None:
                continue
            self.cells[cell.row, cell.column] = _Cell(
                cell.value,
                saved.get((cell.row, cell.column)),
                cell.data_type,
                cell.number_format or "General",
                cell.row,
                cell.column,
            )
        self.max_row = max((r for r, _ in self.cells), default=0)
        self.max_column = max((c for _, c in self.cells), default=0)
        self.cover: dict[tuple[int, int], tuple[int, int]] = {}
        budget = current().xlsx_cells
        for first_row, first_column, last_row, last_column in merges:
            last_row = min(last_row, self.max_row)
            last_column = min(last_column, self.max_column)
            size = max(0, last_row - first_row + 1) * max(0, last_column - first_column + 1)
            budget -= size
            enforce("xlsx_cells", current().xlsx_cells - budget, where=f"{self.title}: merged")
            for r in range(first_row, last_row + 1):
                for c in range(first_column, last_column + 1):
                    if (r, c) != (first_row, first_column):
                        self.cover[r, c] = (first_row, first_column)

    def where(self, row: int, column: int) -> str:
        return f"{quote_sheet(self.title)}!{address(row, column)}"

    def origin(self, row: int, column: int) -> _Cell | None:
        """The cell at a position, or the one whose merged area covers it."""
        key = self.cover.get((row, column), (row, column))
        return self.cells.get(key)

    def label(self, row: int, column: int) -> str:
        """The text shown at a position when it is a label (text that is not a number)."""
        cell = self.origin(row, column)
        if cell is None or not isinstance(cell.value, str) or cell.data_type == "f":
            return ""
        text = cell.value.strip()
        return "" if _numeric_text(text) else text

    def holds_value(self, row: int, column: int) -> bool:
        """Whether a position (not covered by a merge) holds a number, a formula or text."""
        if (row, column) in self.cover:
            return False
        cell = self.cells.get((row, column))
        return cell is not None and not (isinstance(cell.value, str) and not cell.value.strip())


def quote_sheet(name: str) -> str:
    """A sheet name as a formula writes it: quoted when it holds anything but letters and
    digits (``'某 街道'!D12``)."""
    return name if re.fullmatch(r"\w+", name) else "'" + name.replace("'", "''") + "'"


def _numeric_text(text: str) -> bool:
    return looks_like_value(text) and not is_blank_marker(text)


# -- reading one cell -------------------------------------------------------------------------


def _as_number(value: Any, kind: Kind) -> tuple[int | Decimal | None, str | None]:
    """A cell's stored number as a value of ``kind``, or why it is not one."""
    if isinstance(value, bool):
        return None, f"“{value}” is not a number"
    if isinstance(value, (dt.date, dt.datetime, dt.time, dt.timedelta)):
        return None, f"a date or time ({value}), not a number: format the cell as a number"
    if isinstance(value, int):
        number: int | Decimal = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None, "not a finite number"
        try:
            number = Decimal(repr(value))
        except InvalidOperation:
            return None, f"cannot read {value!r} as a number"
    elif isinstance(value, Decimal):
        number = value
    else:
        return None, f"cannot read {value!r} as a number"
    if kind is Kind.MONEY:
        amount = Decimal(number)
        if amount < 0:
            return None, f"an amount cannot be negative: {_show(amount)}"
        exponent = amount.normalize().as_tuple().exponent
        if isinstance(exponent, int) and exponent < -6:
            return None, f"{_show(amount)} has more than 6 decimal places"
        return amount, None
    if isinstance(number, Decimal):
        if number != number.to_integral_value():
            return None, f"not a whole number: {_show(number)}"
        number = int(number)
    if kind is Kind.COUNT and number < 0:
        return None, f"a count cannot be negative: {number}"
    return number, None


def _show(value: Any) -> str:
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


class _SheetReading:
    """The reading of one sheet: values by dotted path, with the shared diagnostics."""

    def __init__(self, sheet: _Sheet, reading: _Reading) -> None:
        self.sheet = sheet
        self.reading = reading

    def note(self, severity: Any, message: str, row: int, column: int, spec: CellSpec) -> None:
        self.reading.note(
            severity, f"{spec.place}: {message}", self.sheet.where(row, column), spec.json_path
        )

    def blank(self, spec: CellSpec, shown: str) -> None:
        self.reading.values[spec.dotted] = None
        self.reading.blanks[spec.dotted] = shown

    def error(self, spec: CellSpec, message: str, row: int, column: int, shown: str) -> None:
        self.note("error", message, row, column, spec)
        self.blank(spec, shown)

    def input_cell(self, spec: CellSpec, row: int, column: int) -> None:
        """Read a cell a person fills in."""
        cell = self.sheet.cells.get((row, column))
        if cell is None or (isinstance(cell.value, str) and cell.value == ""):
            self.blank(spec, "")
            return
        value = cell.value
        if cell.data_type == "f":
            if cell.cached is None or cell.cached == "":
                self.error(
                    spec,
                    f"a formula ({value}) whose value the workbook does not hold: open and "
                    "save the workbook in Excel, WPS or LibreOffice, or type the number",
                    row,
                    column,
                    str(value),
                )
                return
            number, problem = _as_number(cell.cached, spec.kind)
            if problem is not None:
                self.error(spec, f"a formula ({value}) that gives {problem}", row, column, value)
                return
            self.note(
                "info", f"a formula ({value}): its value {_show(number)} is read", row, column, spec
            )
            self.reading.values[spec.dotted] = number
            return
        if cell.data_type == "e":
            self.error(spec, f"an error value ({value}), not a number", row, column, str(value))
            return
        if isinstance(value, str):
            self.text_cell(spec, value, row, column)
            return
        number, problem = _as_number(value, spec.kind)
        if problem is not None:
            self.error(spec, problem, row, column, str(value))
            return
        self.number(spec, number, row, column)

    def number(self, spec: CellSpec, number: int | Decimal | None, row: int, column: int) -> None:
        if isinstance(number, int) and abs(number) >= 10 ** current().count_digits:
            self.error(
                spec,
                f"{number} has more than {current().count_digits} digits (see govinfo.limits)",
                row,
                column,
                str(number),
            )
            return
        self.reading.values[spec.dotted] = number

    def text_cell(self, spec: CellSpec, text: str, row: int, column: int) -> None:
        read = parse_value(text, spec.kind)
        where = self.sheet.where(row, column)
        if read.problem is not None:
            self.error(spec, read.problem, row, column, text)
            return
        if read.blank:
            self.blank(spec, read.raw)
            if read.raw:
                self.note("info", f"“{read.raw}” read as a blank cell", row, column, spec)
            return
        tolerated = ["a number stored as text"]
        if unicodedata.normalize("NFKC", text) != text:
            tolerated.append("full-width characters")
        if text != text.strip() or re.search(r"\d\s+\d", text):
            tolerated.append("spaces")
        self.reading.cell(spec, read, where)
        value = self.reading.values.get(spec.dotted)
        if value is not None and spec.kind is not Kind.MONEY:
            self.number(spec, value, row, column)
        self.note(
            "info",
            f"“{text}” ({'; '.join(tolerated)}) read as {_show(self.reading.values[spec.dotted])}",
            row,
            column,
            spec,
        )


# -- finding the tables -----------------------------------------------------------------------


@attrs.frozen
class _Band:
    """A table's header rows, or a block's (表二)."""

    grid: Grid
    start: int
    """The grid row the band begins at."""
    height: int
    stop: int
    """One past the last grid row the band heads."""


def _bands(grid: Grid) -> list[_Band]:
    if grid.blocks:
        return [_Band(grid, b.start, b.heading_rows, b.stop) for b in grid.blocks]
    return [_Band(grid, 0, grid.header_rows, len(grid.rows))]


def _dedupe(texts: Iterable[str]) -> tuple[str, ...]:
    out: list[str] = []
    for text in texts:
        if text and (not out or normalize_label(out[-1]) != normalize_label(text)):
            out.append(text)
    return tuple(out)


def _key(path: Sequence[str]) -> tuple[str, ...]:
    return tuple(normalize_label(p) for p in path)


@attrs.frozen
class _Expected:
    """What a band heads: its anchor texts, its value columns' header paths, its rows."""

    anchors: tuple[str, ...]
    columns: tuple[tuple[str, ...], ...]
    """The header path of each value column, in the grid's order."""
    rows: tuple[tuple[tuple[str, ...], tuple[CellSpec | None, ...]], ...]
    """Each value row: its label path, and the spec at each value column (or None)."""


def _expected(band: _Band) -> _Expected:
    grid = band.grid
    covering = grid.covering()
    value_columns = sorted({c.column for c in grid.values})
    first = value_columns[0]

    def text_at(row: int, column: int) -> str:
        for cell, _ in covering[row]:
            if cell.column <= column <= cell.last_column:
                return cell.text
        return ""

    anchors = tuple(cell.text for cell, begins in covering[band.start] if begins and cell.text)
    columns = tuple(
        _dedupe(text_at(r, c) for r in range(band.start, band.start + band.height))
        for c in value_columns
    )
    rows = []
    for r in range(band.start + band.height, band.stop):
        labels = _dedupe(text_at(r, c) for c in range(first))
        specs: list[CellSpec | None] = [None] * len(value_columns)
        for cell, begins in covering[r]:
            if begins and cell.spec is not None:
                specs[value_columns.index(cell.column)] = cell.spec
        rows.append((labels, tuple(specs)))
    return _Expected(anchors, columns, tuple(rows))


@attrs.frozen
class _Found:
    band: _Band
    expected: _Expected
    row: int
    """The sheet row of the band's first row."""
    name: str


def _find_bands(sheet: _Sheet, table_grids: Sequence[Grid], reading: _Reading) -> list[_Found]:
    by_text: dict[str, list[tuple[int, int]]] = {}
    for (row, column), cell in sheet.cells.items():
        if isinstance(cell.value, str) and cell.data_type != "f":
            by_text.setdefault(normalize_label(cell.value), []).append((row, column))
    found: list[_Found] = []
    for grid in table_grids:
        for band in _bands(grid):
            expected = _expected(band)
            name = f"表{grid.number}" + (f"（{expected.anchors[0]}）" if grid.blocks else "")
            places: list[tuple[int, int]] = []
            for anchor in expected.anchors:
                places = sorted(by_text.get(normalize_label(anchor), []))
                if places:
                    break
            if not places:
                reading.note(
                    "error",
                    f"{name}: not found on the sheet (its header “{expected.anchors[0]}” is "
                    "missing or changed): its cells are blank",
                    quote_sheet(sheet.title),
                )
                continue
            if len(places) > 1:
                shown = "、".join(sheet.where(*p) for p in places)
                reading.note(
                    "error",
                    f"{name}: its header appears {len(places)} times ({shown}): the first is read",
                    sheet.where(*places[0]),
                )
            found.append(_Found(band, expected, places[0][0], name))
    return found


def _read_sheet_tables(
    sheet: _Sheet, report: Report, reading: _Reading
) -> dict[str, tuple[int, int]]:
    """Read the national tables of ``sheet`` into ``reading``; returns where each cell was
    found (by dotted path)."""
    table_grids = grids(report)
    found = _find_bands(sheet, table_grids, reading)
    headings = {normalize_label(g.table.heading) for g in table_grids}
    starts = sorted(
        {f.row for f in found}
        | {
            row
            for (row, _), cell in sheet.cells.items()
            if isinstance(cell.value, str) and normalize_label(cell.value) in headings
        }
    )
    positions: dict[str, tuple[int, int]] = {}
    reader = _SheetReading(sheet, reading)
    for item in found:
        band, expected = item.band, item.expected
        top, height = item.row, band.height
        later = [s for s in starts if s > top]
        end = (later[0] - 1) if later else sheet.max_row
        # The value columns, by their header paths.
        observed: dict[tuple[str, ...], int] = {}
        for at in range(1, sheet.max_column + 1):
            path = _dedupe(sheet.label(r, at) for r in range(top, top + height))
            if path:
                observed.setdefault(_key(path), at)
        wanted = {_key(p) for p in expected.columns}
        spare = [key for key in observed if key not in wanted]
        columns: list[int | None] = []
        for path in expected.columns:
            column = observed.get(_key(path))
            if column is None:  # a typo in the last label, under the same labels above it
                key = _key(path)
                near = [k for k in spare if len(k) == len(key) and k[:-1] == key[:-1]]
                index, _ = best_match(key[-1], [k[-1] for k in near])
                if index is not None:
                    column = observed[near[index]]
                    reading.note(
                        "info",
                        f"{item.name}: the column “{sheet.label(top + height - 1, column)}” "
                        f"read as “{path[-1]}” (a typo)",
                        sheet.where(top + height - 1, column),
                    )
            if column is None:
                reading.note(
                    "error",
                    f"{item.name}: the column “{'/'.join(path)}” is not found in its header: "
                    "its cells are blank",
                    sheet.where(top, 1),
                )
            columns.append(column)
        placed = [c for c in columns if c is not None]
        if not placed:
            continue
        first_value = min(placed)
        body = range(top + height, end + 1)
        if not expected.rows[0][0]:
            _read_unlabelled(reader, item, body, columns, positions)
            continue
        names = [labels[-1] for labels, _ in expected.rows]
        seen: dict[int, int] = {}
        for row in body:
            labels = _dedupe(sheet.label(row, c) for c in range(1, first_value))
            has_values = any(sheet.holds_value(row, c) for c in placed)
            if not labels:
                if has_values:
                    reading.note(
                        "error",
                        f"{item.name}: a row without a label holds numbers, which are not read",
                        sheet.where(row, first_value),
                    )
                continue
            index, distance = best_match(labels[-1], names)
            if index is None:
                if has_values:
                    reading.note(
                        "error",
                        f"{item.name}: the row “{labels[-1]}” is not a row of the format: its "
                        "numbers are not read",
                        sheet.where(row, first_value),
                    )
                else:
                    reading.note(
                        "info",
                        f"{item.name}: the row “{labels[-1]}” is not a row of the format; it is "
                        "empty and ignored",
                        sheet.where(row, 1),
                    )
                continue
            if index in seen:
                reading.note(
                    "error",
                    f"{item.name}: the row “{names[index]}” appears twice (rows {seen[index]} "
                    f"and {row}): the first is read",
                    sheet.where(row, 1),
                )
                continue
            seen[index] = row
            if distance:
                reading.note(
                    "info",
                    f"“{labels[-1]}” read as “{names[index]}” (a typo)",
                    sheet.where(row, 1),
                )
            for spec, place in zip(expected.rows[index][1], columns, strict=True):
                if spec is not None and place is not None:
                    positions[spec.dotted] = (row, place)
    _read_cells(reader, report, positions)
    return positions


def _read_unlabelled(
    reader: _SheetReading,
    item: _Found,
    body: range,
    columns: Sequence[int | None],
    positions: dict[str, tuple[int, int]],
) -> None:
    """表四: one row of numbers under its header, without a label. It is the first row below
    the header holding anything, else the row right below the header."""
    sheet = reader.sheet
    placed = [c for c in columns if c is not None]
    filled = [r for r in body if any(sheet.holds_value(r, c) for c in placed)]
    if not body:
        return
    row = filled[0] if filled else body[0]
    for other in filled[1:]:
        reader.reading.note(
            "error",
            f"{item.name}: the table has one row of numbers; row {other} below it is not read",
            sheet.where(other, placed[0]),
        )
    for spec, column in zip(item.expected.rows[0][1], columns, strict=True):
        if spec is not None and column is not None:
            positions[spec.dotted] = (row, column)


def _read_cells(
    reader: _SheetReading, report: Report, positions: dict[str, tuple[int, int]]
) -> None:
    lay = layout(report)
    total_parts = totals(report)
    for index, spec in enumerate(lay.specs):
        if index in total_parts or spec.dotted not in positions:
            continue
        reader.input_cell(spec, *positions[spec.dotted])
    pending = [i for i in total_parts if lay.specs[i].dotted in positions]
    done: set[int] = set()
    while pending:
        ready = [
            i for i in pending if all(p in done or p not in total_parts for p in total_parts[i])
        ]
        if not ready:  # cannot happen for the model's totals: no total adds itself up
            break
        for index in ready:
            _read_total(reader, lay.specs, index, total_parts[index], positions)
            done.add(index)
        pending = [i for i in pending if i not in done]


def _read_total(
    reader: _SheetReading,
    specs: Sequence[CellSpec],
    index: int,
    parts: Sequence[int],
    positions: dict[str, tuple[int, int]],
) -> None:
    spec = specs[index]
    row, column = positions[spec.dotted]
    values = reader.reading.values
    part_values = [values.get(specs[p].dotted) for p in parts]
    computed: Any = None if None in part_values else sum(part_values)
    cell = reader.sheet.cells.get((row, column))
    if cell is None or (isinstance(cell.value, str) and not cell.value.strip()):
        reader.blank(spec, "")
        if computed is not None:
            reader.note(
                "warning",
                f"the total's formula was deleted and the cell left blank: it is blank in the "
                f"report (its parts add up to {_show(computed)})",
                row,
                column,
                spec,
            )
        return
    if cell.data_type != "f":
        reader.input_cell(spec, row, column)
        typed = values.get(spec.dotted)
        if typed is not None:
            reader.note(
                "info",
                f"{_show(typed)} typed over the total's formula: kept as typed",
                row,
                column,
                spec,
            )
        return
    found = [positions.get(specs[p].dotted) for p in parts]
    ours, extra = _is_ours(reader.sheet, str(cell.value), found)
    cached = cell.cached
    if ours:
        values[spec.dotted] = computed
        if extra:
            reader.note(
                "info",
                f"the total's formula also takes in {len(extra)} empty cell(s) outside the "
                f"format's rows or columns ({', '.join(address(*e) for e in extra[:3])}: rows "
                "or columns inserted), which change nothing",
                row,
                column,
                spec,
            )
        if computed is None:
            reader.reading.blanks[spec.dotted] = ""
        if cached is not None and not _same(cached, computed):
            reader.note(
                "warning",
                f"the workbook shows {_shown_cached(cached)}, but its formula gives "
                f"{_show(computed) if computed is not None else 'a blank'} (it was not "
                "recalculated before it was saved): the formula's value is read",
                row,
                column,
                spec,
            )
        return
    if cached == "":
        reader.error(
            spec,
            f"the total's formula was changed ({cell.value}) and gives a blank (it takes in "
            "cells beyond the format's parts, or leaves some out): the total is blank",
            row,
            column,
            str(cell.value),
        )
        return
    if cached is None:
        reader.error(
            spec,
            f"the total's formula was changed ({cell.value}) and the workbook holds no value "
            "for it: open and save the workbook in Excel, WPS or LibreOffice, or type the number",
            row,
            column,
            str(cell.value),
        )
        return
    number, problem = _as_number(cached, spec.kind)
    if problem is not None:
        reader.error(spec, f"the formula {cell.value} gives {problem}", row, column, cell.value)
        return
    values[spec.dotted] = number
    reader.note(
        "warning",
        f"the total's formula was changed ({cell.value}): its value {_show(number)} is read as "
        "if typed",
        row,
        column,
        spec,
    )


_OURS: Final = re.compile(r'^=IF\(COUNT\(([A-Z0-9:,]+)\)=(\d+),SUM\(([A-Z0-9:,]+)\),""\)$')
_RANGE: Final = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?$")
_MAX_RANGE: Final = 100_000


def _is_ours(
    sheet: _Sheet, formula: str, parts: Sequence[tuple[int, int] | None]
) -> tuple[bool, list[tuple[int, int]]]:
    """Whether ``formula`` is govinfo's formula of a total whose parts are at ``parts``: the
    very formula, or one Excel widened over rows or columns inserted among the parts, which
    hold nothing (the cells it takes in beyond the parts are returned)."""
    if None in parts:
        return False, []
    places = [p for p in parts if p is not None]
    text = normalize_formula(formula)
    if text == normalize_formula(total_formula(places)):
        return True, []
    match = _OURS.match(text)
    if match is None or match.group(1) != match.group(3) or int(match.group(2)) != len(places):
        return False, []
    taken: set[tuple[int, int]] = set()
    for part in match.group(1).split(","):
        area = _RANGE.match(part)
        if area is None:
            return False, []
        first = (int(area.group(2)), column_index(area.group(1)))
        last = (int(area.group(4)), column_index(area.group(3))) if area.group(3) else first
        size = (last[0] - first[0] + 1) * (last[1] - first[1] + 1)
        if size <= 0 or len(taken) + size > _MAX_RANGE:
            return False, []
        taken |= {
            (r, c) for r in range(first[0], last[0] + 1) for c in range(first[1], last[1] + 1)
        }
    if not taken >= set(places):
        return False, []
    extra = sorted(taken - set(places))
    if any(sheet.holds_value(*e) for e in extra):
        return False, []
    return True, extra


def column_index(letters: str) -> int:
    """The 1-based number of a column's letters (A → 1, AA → 27)."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _same(cached: Any, computed: Any) -> bool:
    if computed is None:
        return bool(cached == "")
    if isinstance(cached, bool) or not isinstance(cached, (int, float, Decimal)):
        return False
    try:
        return bool(Decimal(repr(cached) if isinstance(cached, float) else cached) == computed)
    except InvalidOperation:
        return False


def _shown_cached(cached: Any) -> str:
    return "a blank" if cached == "" else _show(cached)


# -- organ, year, edition, layout -------------------------------------------------------------


def _meta(sheet: _Sheet, label: str) -> tuple[_Cell | None, str | None]:
    """The cell right of the label ``label`` (its first filled cell), and where the label is."""
    key = normalize_label(label)
    for (row, column), cell in sorted(sheet.cells.items()):
        if isinstance(cell.value, str) and normalize_label(cell.value) == key:
            for right in range(column + 1, sheet.max_column + 1):
                if (row, right) in sheet.cover:
                    continue
                found = sheet.cells.get((row, right))
                if found is not None and str(found.value).strip():
                    return found, sheet.where(row, right)
            return None, sheet.where(row, column)
    return None, None


def _year(sheet: _Sheet) -> int:
    cell, where = _meta(sheet, YEAR_LABEL)
    if cell is None:
        raise ReadError(
            f"sheet {sheet.title}: no report year: a cell “{YEAR_LABEL}” with the year right of it"
        )
    value = cell.cached if cell.data_type == "f" else cell.value
    if isinstance(value, str):
        value = value.strip()
        text = unicodedata.normalize("NFKC", value).removesuffix("年").strip()
        value = int(text) if text.isdigit() else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ReadError(f"{where}: the report year is not a year: {value!r}")
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ReadError(f"{where}: the report year {value} is not from {FIRST_YEAR} to {LAST_YEAR}")
    return value


def _edition(sheet: _Sheet, year: int, reading: _Reading) -> Edition:
    cell, where = _meta(sheet, EDITION_LABEL)
    if cell is None:
        return Edition.for_year(year)
    text = normalize_label(str(cell.value))
    for edition in Edition:
        if text in (normalize_label(edition.label), edition.value):
            return edition
    reading.note(
        "error",
        f"the edition “{cell.value}” is not one of "
        f"{', '.join(e.label for e in Edition)}: the year's edition is taken",
        where,
    )
    return Edition.for_year(year)


_PARTS: Final = {
    "proactive": (Proactive, Proactive2019),
    "requests.outcomes.other_handling": (OtherHandling, ApplicantCounts),
}


def _choose_layout(sheet: _Sheet, edition: Edition) -> dict[str, type[Any]]:
    """For each part whose layout differs between editions, the layout whose own labels the
    sheet holds (a tie goes to the edition's)."""
    texts = {
        normalize_label(c.value)
        for c in sheet.cells.values()
        if isinstance(c.value, str) and c.data_type != "f"
    }
    chosen: dict[str, type[Any]] = {}
    for path, candidates in _PARTS.items():
        labels: dict[type[Any], set[str]] = {}
        for cls in candidates:
            sample = _sample({path: cls})
            labels[cls] = {
                normalize_label(text)
                for spec in layout(sample).specs
                if spec.dotted.startswith(path)
                for text in (*spec.row[-1:], *spec.column)
            }
        scores = []
        for cls in candidates:
            own = labels[cls] - set().union(*(labels[o] for o in candidates if o is not cls))
            scores.append((len(own & texts), cls is LAYOUTS[edition][path], cls))
        chosen[path] = max(scores, key=lambda s: (s[0], s[1]))[2]
    return chosen


# -- the text sheet ---------------------------------------------------------------------------


def _text_value(cell: _Cell | None) -> Any:
    if cell is None:
        return None
    return cell.cached if cell.data_type == "f" else cell.value


def _read_text(sheet: _Sheet, reading: _Reading) -> dict[str, Any]:
    """The title, dates, signature, preamble, text sections and an office's own tables."""
    headings = {
        normalize_label(s.heading): s.attribute for s in sections(Report) if s.table is None
    }
    fields: dict[str, Any] = {}
    preamble: list[str] = []
    parts: dict[str, list[Part]] = {}
    extras: list[ExtraTable] = []
    section: str | None = None
    part: dict[str, Any] | None = None
    table: dict[str, Any] | None = None
    signature: dict[str, Any] = {}

    def close() -> None:
        nonlocal part, table
        if part is not None and section is not None:
            parts.setdefault(section, []).append(Part(**part))
        if table is not None and section is not None:
            try:
                extras.append(ExtraTable(section=section, **table))  # type: ignore[arg-type]
            except (TypeError, ValueError) as exc:
                reading.note("error", f"an office's table cannot be read: {exc}", table["where"])
        part = table = None

    for row in range(2, sheet.max_row + 1):
        cells = [sheet.cells.get((row, c)) for c in range(1, sheet.max_column + 1)]
        values = [_text_value(c) for c in cells]
        label = str(values[0] or "").strip() if values else ""
        text = "" if len(values) < 2 or values[1] is None else str(values[1])
        where = sheet.where(row, 1)
        if not label:
            if any(v not in (None, "") for v in values):
                reading.note("warning", "a row without a label in column A is not read", where)
            continue
        key = normalize_label(label)
        if key in headings:
            close()
            section = headings[key]
            parts.setdefault(section, [])
        elif label in (TEXT_HEADING, TEXT_RUN_IN, TEXT_NO_HEADING) and section is not None:
            close()
            part = {
                "heading": None if label == TEXT_NO_HEADING else text,
                "paragraphs": [],
                "run_in": label == TEXT_RUN_IN,
            }
        elif label == TEXT_PARAGRAPH and part is not None:
            part["paragraphs"].append(text)
        elif label == TEXT_TABLE and section is not None:
            close()
            table = {"title": text, "columns": (), "rows": [], "where": where}
        elif label == TEXT_TABLE_HEADER and table is not None:
            table["columns"] = tuple(str(v or "") for v in _trim(values[1:]))
        elif label == TEXT_TABLE_ROW and table is not None:
            width = len(table["columns"])
            row_values = [*values[1:], *([None] * width)][:width]
            table["rows"].append(
                ExtraRow(
                    label=str(row_values[0] or ""),
                    values=tuple(
                        _extra_value(v, c) for v, c in zip(row_values[1:], cells[2:], strict=False)
                    ),
                )
            )
        elif label == TEXT_TITLE:
            fields["title"] = text or None
        elif label == TEXT_PUBLISHED:
            fields["published"] = _date(values[1] if len(values) > 1 else None, where, reading)
        elif label == TEXT_SIGNATURE_ORGAN:
            signature["organ"] = text
        elif label == TEXT_SIGNATURE_DATE:
            signature["date"] = _date(values[1] if len(values) > 1 else None, where, reading)
        elif label == TEXT_PREAMBLE:
            preamble.append(text)
        else:
            reading.note("warning", f"“{label}” is not a row this sheet holds: not read", where)
    close()
    if table is not None:
        del table["where"]
    fields["preamble"] = tuple(preamble)
    fields.update({name: tuple(found) for name, found in parts.items()})
    fields["extras"] = tuple(extras)
    if signature.get("organ") and signature.get("date"):
        fields["signature"] = Signature(organ=signature["organ"], date=signature["date"])
    return fields


def _trim(values: Sequence[Any]) -> list[Any]:
    out = list(values)
    while out and out[-1] in (None, ""):
        out.pop()
    return out


def _extra_value(value: Any, cell: _Cell | None) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) or (
        isinstance(value, int) and cell is not None and cell.number_format == TEXT_DECIMAL_FORMAT
    ):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return value


def _date(value: Any, where: str, reading: _Reading) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(unicodedata.normalize("NFKC", str(value)).strip())
    except ValueError:
        reading.note("error", f"“{value}” is not a date (write it as 2025-01-31)", where)
        return None


# -- the whole --------------------------------------------------------------------------------


def _is_report_sheet(sheet: _Sheet) -> bool:
    keys = {
        normalize_label(c.value)
        for c in sheet.cells.values()
        if isinstance(c.value, str) and c.data_type != "f"
    }
    return normalize_label(YEAR_LABEL) in keys or any(
        normalize_label(t.heading) in keys for t in _table_infos()
    )


def _table_infos() -> list[Any]:
    return [s.table for s in sections(Report) if s.table is not None]


def _read_report_sheet(sheet: _Sheet, source: str, text: dict[str, Any] | None) -> ReadResult:
    reading = _Reading()
    organ_cell, organ_where = _meta(sheet, ORGAN_LABEL)
    value = _text_value(organ_cell) if organ_cell is not None else None
    organ = "" if value is None else str(value)
    if not organ.strip():
        shown = organ_where or f"sheet {sheet.title}"
        raise ReadError(f"{shown}: no organ: fill in the cell right of “{ORGAN_LABEL}”")
    year = _year(sheet)
    edition = _edition(sheet, year, reading)
    parts_layout = _choose_layout(sheet, edition)
    sample = _sample(parts_layout)
    positions = _read_sheet_tables(sheet, sample, reading)
    for spec in layout(sample).specs:
        if spec.dotted not in positions:
            reading.values[spec.dotted] = None
            reading.blanks[spec.dotted] = NOT_FOUND
    missing = [s for s in layout(sample).specs if s.dotted not in positions]
    if missing:
        shown = "、".join(s.place for s in missing[:3]) + ("……" if len(missing) > 3 else "")
        reading.note(
            "error", f"{len(missing)} cell(s) not found: {shown}", quote_sheet(sheet.title)
        )
    changes = text or {"preamble": (), "overview": (), "problems": (), "other_matters": ()}
    try:
        report = sample.replace(organ=organ, year=year, edition=edition, **changes)
        report = update(report, reading.values, recompute_totals=False)
    except (TypeError, ValueError) as exc:
        raise ReadError(
            f"sheet {sheet.title}: what was read does not make a report: {exc}"
        ) from None
    edition_found = {
        path: next(e for e in Edition if LAYOUTS[e][path] is cls)
        for path, cls in parts_layout.items()
    }
    return ReadResult(
        report=report,
        source=source,
        format="xlsx",
        encoding=None,
        edition=edition,
        layout=edition_found,
        diagnostics=tuple(reading.diagnostics),
        blanks=dict(reading.blanks),
    )


def workbook_results(data: bytes, *, source: str) -> list[ReadResult]:
    """One result for each sheet of the workbook that holds a report, in the sheets' order."""
    merges = _check_package(data, source)
    book, cached_book = _load(data)
    try:
        sheets = [
            _Sheet(ws, cached_book[ws.title], merges.get(ws._worksheet_path.lstrip("/"), []))
            for ws in book.worksheets
            if ws.title != NOTE_SHEET and hasattr(ws, "_worksheet_path")
        ]
    finally:
        book.close()
        cached_book.close()
    reports = [s for s in sheets if s.title != TEXT_SHEET and _is_report_sheet(s)]
    if not reports:
        raise ReadError(
            "no sheet holds the tables of a report (a cell “报告年度” and the tables' headings)"
        )
    text_sheets = [s for s in sheets if s.title == TEXT_SHEET]
    text: dict[str, Any] | None = None
    text_diagnostics: list[Diagnostic] = []
    if text_sheets and len(reports) == 1:
        text_reading = _Reading()
        text = _read_text(text_sheets[0], text_reading)
        text_diagnostics = text_reading.diagnostics
    results = []
    for sheet in reports:
        suffix = f"!{sheet.title}" if len(reports) > 1 else ""
        result = _read_report_sheet(sheet, source + suffix, text)
        if text_diagnostics:
            result = attrs.evolve(result, diagnostics=(*result.diagnostics, *text_diagnostics))
        results.append(result)
    return results
