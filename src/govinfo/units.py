"""The units list: the organs a supervising office collects reports from, as a CSV file.

One file serves every command that works on an office's units (``govinfo xlsx --units``
writes a fill-in workbook for each; ``govinfo audit --units`` looks for each one's report).
The format, documented in ``docs/xlsx.md``:

- CSV, UTF-8 (with or without a byte-order mark) or GB18030 — as spreadsheet programs save it
  on Chinese systems;
- the first line names the columns: ``organ`` (or 机关, 单位, 名称) is required; ``parent``
  (上级, 上级机关) and ``level`` (层级, 级别) are optional; other columns are ignored;
- one organ per line, each named once; empty lines are skipped.

    >>> from govinfo.units import parse_units
    >>> units = parse_units("organ,parent\\n某街道办事处,某区人民政府\\n某区教育局,某区人民政府\\n")
    >>> [(u.organ, u.parent) for u in units]
    [('某街道办事处', '某区人民政府'), ('某区教育局', '某区人民政府')]
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Final

import attrs

from .errors import GovinfoError
from .limits import enforce

__all__ = ["UnitEntry", "UnitsError", "parse_units", "read_units"]


@attrs.frozen
class UnitEntry:
    """A line of the units list: an organ, its parent and its level (both optional)."""

    organ: str
    parent: str | None = None
    level: str = ""


class UnitsError(GovinfoError, ValueError):
    """The units list cannot be used: not CSV text, no organ column, an organ named twice."""


HEADERS: Final = {
    "organ": ("organ", "机关", "单位", "名称"),
    "parent": ("parent", "上级", "上级机关"),
    "level": ("level", "层级", "级别"),
}
"""The names each column may have in the first line (compared in lower case)."""


def _key(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))


def csv_text(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark) or GB18030, as
    spreadsheet programs save CSV on Chinese systems. Raises :class:`ValueError` saying what
    the file is instead (a workbook saved as it is, say)."""
    if data.startswith(b"PK\x03\x04"):
        raise ValueError(
            "a workbook or a Word document, not a CSV file: save it as CSV (UTF-8) first"
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError("not text in UTF-8 or GB18030") from None


def _decode(data: bytes, where: str) -> str:
    try:
        return csv_text(data)
    except ValueError as exc:
        raise UnitsError(f"{where}: {exc}") from None


def _rows(text: str, where: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise UnitsError(f"{where}: empty; the first line names the columns") from None
    except csv.Error as exc:
        raise UnitsError(f"{where}: line 1: {exc}") from None
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        for key, names in HEADERS.items():
            if name.strip().lower() in names:
                columns.setdefault(key, index)
    if "organ" not in columns:
        raise UnitsError(
            f"{where}: line 1 has no organ column (name it organ, 机关, 单位 or 名称; "
            f"found {', '.join(header) or 'nothing'})"
        )
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                yield (
                    reader.line_num,
                    {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()},
                )
    except csv.Error as exc:
        raise UnitsError(f"{where}: line {reader.line_num}: {exc}") from None


def parse_units(text: str, *, where: str = "<units>") -> tuple[UnitEntry, ...]:
    """The units listed in CSV ``text``, in the order of its lines."""
    units: list[UnitEntry] = []
    lines: dict[str, int] = {}
    for line, values in _rows(text, where):
        organ = values["organ"]
        if not organ:
            raise UnitsError(f"{where}: line {line}: the organ is empty")
        key = _key(organ)
        if key in lines:
            raise UnitsError(
                f"{where}: line {line}: {organ} is already listed on line {lines[key]}"
            )
        lines[key] = line
        parent = values.get("parent") or None
        if parent is not None and _key(parent) == key:
            raise UnitsError(f"{where}: line {line}: {organ} is named as its own parent")
        units.append(UnitEntry(organ, parent, values.get("level", "")))
    if not units:
        raise UnitsError(f"{where}: lists no organ")
    return tuple(units)


def read_units(path: str | os.PathLike[str]) -> tuple[UnitEntry, ...]:
    """The units listed in the CSV file at ``path`` (see the module's documentation), within
    the ``units_list_bytes`` limit in force (:func:`govinfo.limits.using`)."""
    file = Path(path)
    try:
        enforce("units_list_bytes", file.stat().st_size, where=str(file))
        data = file.read_bytes()
    except OSError as exc:
        raise UnitsError(f"{file}: cannot read the file: {exc.strerror or exc}") from None
    return parse_units(_decode(data, str(file)), where=str(file))
