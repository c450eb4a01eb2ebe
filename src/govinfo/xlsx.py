"""Excel workbooks (.xlsx): fill-in forms to collect units' numbers, and finished reports.

A supervising office sends each unit a workbook, gets it back filled in, and reads it with
:func:`govinfo.read.read` (``govinfo read unit.xlsx``). A workbook holds one sheet per report:
the organ, the year and the edition in labelled cells at the top, then the three national
tables one below the other, drawn from :mod:`govinfo.grid` (the labels, merged cells and
header rows of the Word document) — input cells unlocked and validated, every total a live
formula derived from the model's ``total_of`` metadata, everything else protected. A note
sheet (填报说明) says how to fill it in and lists the checks that will be run; a finished
report also gets a sheet of its text (文字部分), so that reading the workbook gives back the
report it was made from.

This module also fixes what the reader relies on: the sheet and label names, the columns the
tables use, and the formula of a total (:func:`total_formula`), so that the reader can tell a
formula of its own from one a person changed.

    >>> import govinfo
    >>> from govinfo.xlsx import workbook_bytes
    >>> data = workbook_bytes([govinfo.blank_report("某街道办事处", 2025)], blank=True)
    >>> data[:2]
    b'PK'
"""

from __future__ import annotations

import io
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._io import atomic_write
from .cells import CellSpec, Value, format_value, layout, totals
from .checks import RULES
from .errors import GovinfoError
from .grid import Grid, GridCell, Role, grids
from .model import Edition, Kind, Part, Report
from .model.extra import ExtraTable
from .model.report import sections

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "EDITION_LABEL",
    "NOTE_SHEET",
    "ORGAN_LABEL",
    "TEXT_SHEET",
    "YEAR_LABEL",
    "SheetPlan",
    "XlsxError",
    "plan",
    "sheet_name",
    "total_formula",
    "workbook_bytes",
    "write_workbook",
]


class XlsxError(GovinfoError, ValueError):
    """A report cannot be written as a workbook (a number a spreadsheet cannot hold exactly,
    a text longer than a cell holds)."""


# -- what the reader relies on ----------------------------------------------------------------

ORGAN_LABEL: Final = "发布机关"
YEAR_LABEL: Final = "报告年度"
EDITION_LABEL: Final = "格式版本"
NOTE_SHEET: Final = "填报说明"
TEXT_SHEET: Final = "文字部分"

TEXT_HEADER: Final = ("项目", "内容")
TEXT_TITLE: Final = "标题"
TEXT_PUBLISHED: Final = "发布日期"
TEXT_SIGNATURE_ORGAN: Final = "落款机关"
TEXT_SIGNATURE_DATE: Final = "落款日期"
TEXT_PREAMBLE: Final = "前言"
TEXT_HEADING: Final = "小标题"
TEXT_RUN_IN: Final = "小标题（段首）"
TEXT_NO_HEADING: Final = "无小标题"
TEXT_PARAGRAPH: Final = "正文"
TEXT_TABLE: Final = "表格"
TEXT_TABLE_HEADER: Final = "表头"
TEXT_TABLE_ROW: Final = "表行"
TEXT_DECIMAL_FORMAT: Final = "0.0##########"
"""The number format that marks an exact amount (not a whole number) in an office's table."""

LABEL_COLUMNS: Final = 3
"""Sheet columns A:C hold the row labels of every table; the numbers start at column D."""
FIRST_ROW: Final = 1
MAX_CELL_TEXT: Final = 32767
"""Characters a cell holds (Excel's limit)."""
EXACT_DIGITS: Final = 15
"""Significant digits a spreadsheet number holds exactly."""


def sheet_name(organ: str, taken: Iterable[str] = ()) -> str:
    """A sheet name for ``organ``: the characters a sheet name cannot hold replaced, cut to
    Excel's 31 characters, and numbered when already ``taken``."""
    name = re.sub(r"[\[\]:*?/\\]", "_", organ).strip().strip("'") or "报告"
    used = {n.casefold() for n in taken}
    candidate, number = name[:31], 1
    while candidate.casefold() in used:
        number += 1
        suffix = f"({number})"
        candidate = name[: 31 - len(suffix)] + suffix
    return candidate


def file_name(organ: str) -> str:
    """A file name for ``organ``'s workbook (characters file systems refuse replaced)."""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", unicodedata.normalize("NFC", organ)).strip(". ")
    return (name or "report")[:120] + ".xlsx"


def column_letter(column: int) -> str:
    """The letters of a 1-based column number (1 → A, 27 → AA)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def address(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


def _ranges(cells: Sequence[tuple[int, int]]) -> list[str]:
    """The cells as ranges: runs of consecutive rows in a column, or of columns in a row."""
    if not cells:
        return []
    if len({r for r, _ in cells}) == 1:
        runs = _runs(sorted(c for _, c in cells))
        row = cells[0][0]
        return [_span(row, a, row, b) for a, b in runs]
    out: list[str] = []
    by_column: dict[int, list[int]] = {}
    for row, column in cells:
        by_column.setdefault(column, []).append(row)
    for column, rows in by_column.items():
        out.extend(_span(a, column, b, column) for a, b in _runs(sorted(rows)))
    return out


def _runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def _span(r1: int, c1: int, r2: int, c2: int) -> str:
    first, last = address(r1, c1), address(r2, c2)
    return first if first == last else f"{first}:{last}"


def total_formula(parts: Sequence[tuple[int, int]]) -> str:
    """The formula of a total whose parts sit at ``parts`` (row, column): their sum once every
    part is filled in, blank until then — as the model computes a total (a blank part leaves
    the total blank, never 0)."""
    ranges = ",".join(_ranges(parts))
    return f'=IF(COUNT({ranges})={len(parts)},SUM({ranges}),"")'


def normalize_formula(formula: str) -> str:
    """A formula compared by what it computes: no spaces, no ``$``, upper case, one ``=``."""
    text = re.sub(r"[\s$]", "", formula).upper()
    return text if text.startswith("=") else "=" + text


# -- the plan of a report's sheet -------------------------------------------------------------


@attrs.frozen
class Placed:
    """A grid cell placed on the sheet."""

    cell: GridCell
    row: int
    column: int
    last_row: int
    last_column: int


@attrs.frozen
class TablePlan:
    """One national table on the sheet."""

    grid: Grid
    heading_row: int
    top: int
    """The sheet row of the grid's first row."""
    cells: tuple[Placed, ...]

    @property
    def bottom(self) -> int:
        return self.top + len(self.grid.rows) - 1


@attrs.frozen(eq=False)
class SheetPlan:
    """Where everything of one report's layout goes on its sheet (1-based rows, columns)."""

    tables: tuple[TablePlan, ...]
    values: dict[int, tuple[int, int]]
    """The sheet position of each report cell, by its index in the layout's specs."""
    specs: tuple[CellSpec, ...]
    totals: dict[int, tuple[int, ...]]
    last_column: int
    title_row: int = FIRST_ROW
    organ_row: int = FIRST_ROW + 1
    year_row: int = FIRST_ROW + 2
    edition_row: int = FIRST_ROW + 3

    def formula(self, index: int) -> str:
        """The formula of the total at spec ``index``, at the planned positions."""
        return total_formula([self.values[i] for i in self.totals[index]])


def _label_columns(grid: Grid) -> int:
    value_columns = {c.column for c in grid.values}
    return min(value_columns) if value_columns else 0


def _column_span(grid: Grid, first: int, last: int) -> tuple[int, int]:
    """The sheet columns of grid columns ``first``..``last``: the label columns of a table
    share A:C (a table with one label column spans all three), the number columns follow."""
    labels = _label_columns(grid)

    def start(column: int) -> int:
        return 1 + column if column < labels else LABEL_COLUMNS + 1 + column - labels

    def end(column: int) -> int:
        if column == labels - 1:
            return LABEL_COLUMNS
        return start(column)

    return start(first), end(last)


_PLANS: dict[Any, SheetPlan] = {}


def plan(report: Report) -> SheetPlan:
    """The sheet plan of ``report``'s layout (computed once per layout)."""
    lay = layout(report)
    found = _PLANS.get(lay)
    if found is not None:
        return found
    index = {spec.attribute: i for i, spec in enumerate(lay.specs)}
    row = FIRST_ROW + 5
    tables: list[TablePlan] = []
    values: dict[int, tuple[int, int]] = {}
    last_column = LABEL_COLUMNS
    for grid in grids(report):
        heading_row, top = row, row + 1
        placed = []
        for cell in grid.cells:
            first, last = _column_span(grid, cell.column, cell.last_column)
            item = Placed(cell, top + cell.row, first, top + cell.last_row, last)
            placed.append(item)
            last_column = max(last_column, last)
            if cell.spec is not None:
                values[index[cell.spec.attribute]] = (item.row, item.column)
        tables.append(TablePlan(grid, heading_row, top, tuple(placed)))
        row = top + len(grid.rows) + 1
    found = SheetPlan(tuple(tables), values, lay.specs, totals(report), last_column)
    _PLANS[lay] = found
    return found


# -- writing ----------------------------------------------------------------------------------

_FONT: Final = "宋体"
_HEADING_FONT: Final = "黑体"
_INPUT_FILL: Final = "FFF2CC"
_TOTAL_FILL: Final = "EDEDED"
_HEADER_FILL: Final = "DDEBF7"
_WIDTHS: Final = {1: 6.0, 2: 12.0, 3: 32.0}
_NUMBER_WIDTH: Final = 10.0
_LINE_HEIGHT: Final = 14.5
_MAX_COUNT: Final = 10**15 - 1

_NUMBER_FORMATS: Final = {Kind.COUNT: "0", Kind.SIGNED: "+0;-0;0", Kind.MONEY: "0.0000##"}


def _openpyxl() -> Any:
    import openpyxl

    return openpyxl


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: float) -> int:
    return max(1, math.ceil(_display_width(text) / max(width - 1, 1)))


class _Writer:
    """Draws sheets into one openpyxl workbook."""

    def __init__(self, password: str | None) -> None:
        openpyxl = _openpyxl()
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

        self.openpyxl = openpyxl
        self.book = openpyxl.Workbook()
        self.book.remove(self.book.active)
        self.password = password
        thin = Side(style="thin", color="000000")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.font = Font(name=_FONT, size=10.5)
        self.bold = Font(name=_FONT, size=10.5, bold=True)
        self.heading = Font(name=_HEADING_FONT, size=12)
        self.title = Font(name=_HEADING_FONT, size=16)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.left = Alignment(horizontal="left", vertical="center", wrap_text=True)
        self.right = Alignment(horizontal="right", vertical="center")
        self.plain = Alignment(horizontal="left", vertical="center")
        self.input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
        self.total_fill = PatternFill("solid", fgColor=_TOTAL_FILL)
        self.header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
        self.unlocked = Protection(locked=False)
        self.validations: dict[tuple[Kind, str], Any] = {}

    # -- helpers

    def put(self, ws: Worksheet, row: int, column: int, value: Any) -> Any:
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            if len(value) > MAX_CELL_TEXT:
                raise XlsxError(
                    f"{ws.title}!{address(row, column)}: a text of {len(value)} characters, "
                    f"more than a cell holds ({MAX_CELL_TEXT})"
                )
            cell.value = value
            cell.data_type = "s"  # text starting with “=” is text, not a formula
        else:
            cell.value = value
        return cell

    def merge(self, ws: Worksheet, row: int, column: int, last_row: int, last_column: int) -> None:
        if (row, column) != (last_row, last_column):
            ws.merge_cells(
                start_row=row, start_column=column, end_row=last_row, end_column=last_column
            )

    def box(
        self, ws: Worksheet, row: int, column: int, last_row: int, last_column: int, fill: Any
    ) -> None:
        for r in range(row, last_row + 1):
            for c in range(column, last_column + 1):
                cell = ws.cell(row=r, column=c)
                cell.border = self.border
                if fill is not None:
                    cell.fill = fill

    def validation(self, kind: Kind, ws: Worksheet) -> Any:
        from openpyxl.worksheet.datavalidation import DataValidation

        key = (kind, ws.title)
        found = self.validations.get(key)
        if found is None:
            if kind is Kind.MONEY:
                dv = DataValidation(type="decimal", operator="between")
                dv.formula1, dv.formula2 = "0", str(_MAX_COUNT)
                dv.error = "请填写不小于 0 的金额（单位：万元，可有小数，最多 6 位）"
            elif kind is Kind.SIGNED:
                dv = DataValidation(type="whole", operator="between")
                dv.formula1, dv.formula2 = str(-_MAX_COUNT), str(_MAX_COUNT)
                dv.error = "请填写整数（减少填负数，如 -3）"
            else:
                dv = DataValidation(type="whole", operator="between")
                dv.formula1, dv.formula2 = "0", str(_MAX_COUNT)
                dv.error = "请填写不小于 0 的整数（件）；没有的填 0"
            dv.errorTitle = "数字不对"
            dv.showErrorMessage = True
            dv.allow_blank = True
            ws.add_data_validation(dv)
            found = self.validations[key] = dv
        return found

    def protect(self, ws: Worksheet) -> None:
        ws.protection.sheet = True
        if self.password:
            ws.protection.password = self.password

    # -- a report's sheet

    def report_sheet(self, report: Report, title: str, *, blank: bool, collector: str) -> None:
        ws = self.book.create_sheet(title)
        sheet = plan(report)
        last = sheet.last_column
        for column in range(1, last + 1):
            width = _WIDTHS.get(column, _NUMBER_WIDTH)
            ws.column_dimensions[column_letter(column)].width = width
        top = f"{report.display_title}（表格）"
        self.put(ws, sheet.title_row, 1, top).font = self.title
        ws.cell(row=sheet.title_row, column=1).alignment = self.center
        self.merge(ws, sheet.title_row, 1, sheet.title_row, last)
        ws.row_dimensions[sheet.title_row].height = 30
        meta: list[tuple[int, str, Any, bool]] = [
            (sheet.organ_row, ORGAN_LABEL, report.organ, True),
            (sheet.year_row, YEAR_LABEL, report.year, False),
            (sheet.edition_row, EDITION_LABEL, report.edition.label, False),
        ]
        for row, label, value, editable in meta:
            cell = self.put(ws, row, 1, label)
            cell.font, cell.alignment = self.bold, self.center
            self.merge(ws, row, 1, row, LABEL_COLUMNS)
            self.box(ws, row, 1, row, LABEL_COLUMNS, self.header_fill)
            cell = self.put(ws, row, LABEL_COLUMNS + 1, value)
            cell.font, cell.alignment = self.font, self.left
            if isinstance(value, int):
                cell.number_format = "0"
            end = LABEL_COLUMNS + 7
            self.merge(ws, row, LABEL_COLUMNS + 1, row, end)
            self.box(ws, row, LABEL_COLUMNS + 1, row, end, self.input_fill if editable else None)
            if editable:
                cell.protection = self.unlocked
        if collector:
            cell = self.put(ws, sheet.organ_row, LABEL_COLUMNS + 8, f"填好后报送：{collector}")
            cell.font, cell.alignment = self.font, self.left
            self.merge(ws, sheet.organ_row, LABEL_COLUMNS + 8, sheet.organ_row, last)
        values = layout(report).values(report)
        heights: dict[int, float] = {}
        breaks: list[int] = []
        for table in sheet.tables:
            section = next(s for s in sections(type(report)) if s.attribute == table.grid.attribute)
            cell = self.put(ws, table.heading_row, 1, section.heading)
            cell.font, cell.alignment = self.heading, self.left
            self.merge(ws, table.heading_row, 1, table.heading_row, last)
            ws.row_dimensions[table.heading_row].height = 22
            if tables_before := [t for t in sheet.tables if t.top < table.top]:
                breaks.append(tables_before[-1].bottom + 1)
            for placed in table.cells:
                self.table_cell(ws, report, sheet, placed, values, blank, heights)
        for row, height in heights.items():
            ws.row_dimensions[row].height = height
        self.page_setup(ws, breaks, last)
        self.protect(ws)

    def table_cell(
        self,
        ws: Worksheet,
        report: Report,
        sheet: SheetPlan,
        placed: Placed,
        values: Sequence[Value],
        blank: bool,
        heights: dict[int, float],
    ) -> None:
        grid_cell = placed.cell
        area = (placed.row, placed.column, placed.last_row, placed.last_column)
        if grid_cell.spec is None:
            cell = self.put(ws, placed.row, placed.column, grid_cell.text)
            header = grid_cell.role in (Role.COLUMN, Role.CAPTION, Role.CORNER)
            cell.font = self.bold if grid_cell.role is Role.CAPTION else self.font
            cell.alignment = self.left if grid_cell.role is Role.ROW else self.center
            self.merge(ws, *area)
            self.box(ws, *area, self.header_fill if header else None)
            width = sum(
                ws.column_dimensions[column_letter(c)].width
                for c in range(placed.column, placed.last_column + 1)
            )
            rows = placed.last_row - placed.row + 1
            need = _lines(grid_cell.text, width) * _LINE_HEIGHT / rows
            for r in range(placed.row, placed.last_row + 1):
                heights[r] = max(heights.get(r, _LINE_HEIGHT + 4), need + 4)
            return
        index = layout(report).index(grid_cell.spec.attribute)
        spec = grid_cell.spec
        value = values[index]
        cell = ws.cell(row=placed.row, column=placed.column)
        cell.font, cell.alignment = self.font, self.right
        cell.number_format = _NUMBER_FORMATS[spec.kind]
        self.merge(ws, *area)
        if index in sheet.totals:
            self.box(ws, *area, self.total_fill)
            parts = [values[i] for i in sheet.totals[index]]
            computed = None if None in parts else sum(parts)  # type: ignore[arg-type]
            if blank or value == computed:
                cell.value = sheet.formula(index)
            elif value is not None:
                cell.value = self.number(ws, placed, value)
            return
        self.box(ws, *area, self.input_fill)
        cell.protection = self.unlocked
        self.validation(spec.kind, ws).add(cell.coordinate)
        if not blank and value is not None:
            cell.value = self.number(ws, placed, value)

    def number(self, ws: Worksheet, placed: Placed, value: int | Decimal) -> int | Decimal:
        if isinstance(value, Decimal):
            digits = value.normalize().as_tuple().digits
            if len(digits) > EXACT_DIGITS:
                raise XlsxError(
                    f"{ws.title}!{address(placed.row, placed.column)}: {format_value(value)} has "
                    f"more than the {EXACT_DIGITS} significant digits a spreadsheet holds exactly"
                )
        return value

    def fit_width(self, ws: Worksheet, orientation: Literal["portrait", "landscape"]) -> None:
        """Print on A4, as many pages down as it takes, one page across."""
        from openpyxl.worksheet.properties import PageSetupProperties

        ws.page_setup.orientation = orientation
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

    def page_setup(self, ws: Worksheet, breaks: Sequence[int], last: int) -> None:
        from openpyxl.worksheet.pagebreak import Break

        self.fit_width(ws, "landscape")
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        for row in breaks:
            ws.row_breaks.append(Break(id=row))
        ws.print_area = f"A1:{column_letter(last)}{ws.max_row}"

    # -- the note sheet

    def note_sheet(self, edition: Edition, collector: str) -> None:
        ws = self.book.create_sheet(NOTE_SHEET)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["C"].width = 70
        ws.column_dimensions["D"].width = 8
        rows: list[tuple[str, ...]] = [("填报说明",)]
        send = f"，填好后报送{collector}" if collector else ""
        for line in _instructions(edition, send):
            rows.append(("", line))
        rows.append(())
        rows.append(("读取后将运行的检查",))
        rows.append(("规则", "检查内容", "公式", "级别"))
        for rule in RULES.values():
            rows.append((rule.id, rule.title, rule.formula, rule.severity.label))
        for number, values in enumerate(rows, start=1):
            for column, text in enumerate(values, start=1):
                cell = self.put(ws, number, column, text)
                cell.font = self.font
                cell.alignment = self.left
            if len(values) == 1:
                ws.cell(row=number, column=1).font = self.heading
            elif values and values[0] == "":
                self.merge(ws, number, 2, number, 4)
                ws.row_dimensions[number].height = _lines(values[1], 118) * _LINE_HEIGHT + 4
            elif len(values) == 4:
                self.box(ws, number, 1, number, 4, None)
                ws.row_dimensions[number].height = (
                    max(_lines(values[1], 40), _lines(values[2], 70)) * _LINE_HEIGHT + 4
                )
        self.fit_width(ws, "portrait")
        self.protect(ws)

    # -- the text sheet

    def text_sheet(self, report: Report) -> None:
        ws = self.book.create_sheet(TEXT_SHEET)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 100
        row = 0

        def line(*values: Any, bold: bool = False) -> None:
            nonlocal row
            row += 1
            for column, value in enumerate(values, start=1):
                cell = self.put(ws, row, column, value)
                cell.font = self.bold if bold else self.font
                cell.alignment = self.left
                if isinstance(value, Decimal):
                    cell.number_format = TEXT_DECIMAL_FORMAT
            text = values[1] if len(values) > 1 and isinstance(values[1], str) else ""
            ws.row_dimensions[row].height = _lines(text, 100) * _LINE_HEIGHT + 4

        line(*TEXT_HEADER, bold=True)
        line(TEXT_TITLE, report.title or "")
        line(TEXT_PUBLISHED, report.published.isoformat() if report.published else "")
        signature = report.signature
        line(TEXT_SIGNATURE_ORGAN, signature.organ if signature else "")
        line(TEXT_SIGNATURE_DATE, signature.date.isoformat() if signature else "")
        for paragraph in report.preamble:
            line(TEXT_PREAMBLE, paragraph)
        for section in sections(type(report)):
            if section.table is not None:
                continue
            line(section.heading, bold=True)
            self.merge(ws, row, 1, row, 2)
            ws.cell(row=row, column=1).alignment = self.plain
            for part in getattr(report, section.attribute):
                for values in _part_rows(part):
                    line(*values)
            for extra in report.extras:
                if extra.section == section.attribute:
                    for values in _extra_rows(extra):
                        line(*values)
        self.fit_width(ws, "portrait")
        self.protect(ws)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()


def _part_rows(part: Part) -> Iterator[tuple[str, ...]]:
    if part.heading is None:
        yield (TEXT_NO_HEADING, "")
    else:
        yield (TEXT_RUN_IN if part.run_in else TEXT_HEADING, part.heading)
    for paragraph in part.paragraphs:
        yield (TEXT_PARAGRAPH, paragraph)


def _extra_rows(extra: ExtraTable) -> Iterator[tuple[Any, ...]]:
    yield (TEXT_TABLE, extra.title)
    yield (TEXT_TABLE_HEADER, *extra.columns)
    for row in extra.rows:
        yield (TEXT_TABLE_ROW, row.label, *row.values)


def _instructions(edition: Edition, send: str) -> list[str]:
    return [
        f"1. 本工作簿用于填报政府信息公开工作年度报告的表格部分（{edition.label}格式）{send}。",
        "2. 只在浅黄色单元格中填写。灰色单元格中的“总计”由公式自动计算，各分项都填好后才显示；"
        "请勿覆盖或删除公式。",
        "3. 件数填不小于 0 的整数；没有的填 0，不要空着——空着表示未填，读取时该格及含它的总计"
        "为空，不会当作 0。可选中一片单元格，输入 0 后按 Ctrl+Enter 一次填满。",
        "4. 收费金额以万元为单位，可填小数（最多 6 位）。",
        "5. 请勿插入或删除行列、移动表格或改动表头文字：读取时按表头文字找到每个单元格，"
        "改动会被逐格指出。工作表已保护（未设密码时可撤销保护），以防误改。",
        f"6. “{ORGAN_LABEL}”填本单位全称；“{YEAR_LABEL}”和“{EDITION_LABEL}”请勿改动。",
        "7. 读取时，以文本形式存放的数字、全角数字和多余空格会被读出并提示；不是整数的内容会被"
        "指出所在的工作表和单元格（如 某街道!D12）。",
    ]


def workbook_bytes(
    reports: Sequence[Report],
    *,
    blank: bool = False,
    password: str | None = None,
    collector: str = "",
    sheet_names: Sequence[str] | None = None,
) -> bytes:
    """A workbook of ``reports``, one sheet each, and the note sheet.

    With ``blank`` the input cells are empty (a form to fill in); otherwise they hold the
    reports' numbers, and a workbook of a single report also holds its text (a sheet
    文字部分), so that reading it gives the report back. Totals are formulas — except a
    total that does not equal the sum of its parts, which is written as the number it is.
    ``password`` protects the sheets with a password (without one, protection only guards
    against slips). ``collector`` names the office the filled workbook goes back to.
    """
    if not reports:
        raise XlsxError("no report to write")
    editions = {r.edition for r in reports}
    writer = _Writer(password)
    taken: list[str] = []
    for position, report in enumerate(reports):
        name = sheet_names[position] if sheet_names else sheet_name(report.organ, taken)
        taken.append(name)
        writer.report_sheet(report, name, blank=blank, collector=collector)
    if not blank and len(reports) == 1:
        writer.text_sheet(reports[0])
    writer.note_sheet(editions.pop() if len(editions) == 1 else reports[0].edition, collector)
    writer.book.active = 0
    return writer.save()


def write_workbook(
    path: str | os.PathLike[str],
    reports: Sequence[Report],
    *,
    overwrite: bool = False,
    **options: Any,
) -> Path:
    """Write :func:`workbook_bytes` of ``reports`` to ``path`` (atomically; an existing file
    is replaced only with ``overwrite``)."""
    target = Path(path)
    atomic_write(target, workbook_bytes(reports, **options), overwrite=overwrite)
    return target
