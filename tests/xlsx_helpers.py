"""What a person does to a workbook in Excel, done with openpyxl for the tests.

openpyxl moves cells but leaves formulas and merged areas alone; Excel moves them too. These
helpers do what Excel does, so that a test's workbook is the one a unit would send back.
"""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter

_REFERENCE = re.compile(r"(?<![A-Z])([A-Z]{1,3})([0-9]+)")


def open_book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def save_book(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def find(ws: Any, text: str) -> tuple[int, int]:
    """The position of the first cell holding exactly ``text``."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise KeyError(text)


def insert_row(ws: Any, before: int) -> None:
    """Insert an empty row before row ``before``, as Excel does: cells, merged areas and
    every formula's references below it move down (a range across it grows)."""
    merged = [m.coord for m in ws.merged_cells.ranges]
    for coord in merged:
        ws.unmerge_cells(coord)
    ws.insert_rows(before)

    def shift(match: re.Match[str]) -> str:
        row = int(match.group(2))
        return f"{match.group(1)}{row + 1 if row >= before else row}"

    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.value = _REFERENCE.sub(shift, cell.value)
    for coord in merged:
        ws.merge_cells(_REFERENCE.sub(shift, coord))


def move_area(ws: Any, area: str, rows: int, columns: int) -> None:
    """Cut the cells of ``area`` (with their merged areas) and paste them ``rows`` down and
    ``columns`` right, as Excel does: formulas inside the area follow it."""
    first, last = area.split(":")
    r1, c1 = _position(first)
    r2, c2 = _position(last)
    merged = [
        m.coord
        for m in ws.merged_cells.ranges
        if r1 <= m.min_row and m.max_row <= r2 and c1 <= m.min_col and m.max_col <= c2
    ]
    for coord in merged:
        ws.unmerge_cells(coord)
    ws.move_range(area, rows=rows, cols=columns, translate=True)

    def shift(match: re.Match[str]) -> str:
        column = column_index_from_string(match.group(1)) + columns
        return f"{get_column_letter(column)}{int(match.group(2)) + rows}"

    for coord in merged:
        ws.merge_cells(_REFERENCE.sub(shift, coord))


def _position(text: str) -> tuple[int, int]:
    match = _REFERENCE.fullmatch(text)
    assert match is not None
    return int(match.group(2)), column_index_from_string(match.group(1))
