"""Completeness: every table filled in, every cell of it given.

The format asks for a number in every cell of tables 二、三、四 (0 where nothing happened); a
blank is not 0. A table with no value at all is an error (the report is not filled in); blank
cells in a table that is otherwise filled are a warning listing them, grouped as an office
would fill them in: whole columns, whole rows, then single cells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

import attrs

from ..cells import CellSpec, Layout
from ._base import Context, Finding, Rule, Severity

__all__ = ["RULES", "findings"]

RULES: Final = (
    Rule(
        "COMPLETE-TABLE",
        Severity.ERROR,
        "表二、表三、表四都已填写",
        "每张表至少有一个单元格填有数字",
        "《中华人民共和国政府信息公开条例》第五十条（年度报告应当包括的内容）；格式表二、表三、"
        "表四逐格列出应报的数字（没有发生的填 0，空白不等于 0）",
    ),
    Rule(
        "COMPLETE-CELLS",
        Severity.WARNING,
        "已填写的表中每个单元格都有数字",
        "表中每个单元格都填有数字（没有发生的填 0）；空白的单元格按整列、整行、单格列出",
        "格式表二、表三、表四逐格列出应报的数字（没有发生的填 0，空白不等于 0）",
    ),
)
_TABLE, _CELLS = RULES

SHOWN: Final = 6
"""How many places a ``COMPLETE-CELLS`` message names before it says 等 N 处."""


@attrs.frozen
class _Table:
    """The cells of one table of a report shape."""

    short_name: str
    section: str
    path: str
    """The JSON path of the table: ``$.requests``."""
    start: int
    stop: int
    """Its cells are those from ``start`` to ``stop`` (excluded) in the layout."""


_TABLES: dict[Layout, tuple[_Table, ...]] = {}


def _tables(lay: Layout) -> tuple[_Table, ...]:
    found = _TABLES.get(lay)
    if found is None:
        bounds: dict[str, list[int]] = {}  # a table's cells are consecutive in the layout
        for index, spec in enumerate(lay.specs):
            bounds.setdefault(spec.attribute[0], [index, index])[1] = index + 1
        found = tuple(
            _Table(
                lay.specs[start].table.short_name,
                lay.specs[start].section,
                f"$.{attribute}",
                start,
                stop,
            )
            for attribute, (start, stop) in bounds.items()
        )
        _TABLES[lay] = found  # layouts live as long as the process
    return found


def findings(context: Context) -> Iterator[Finding]:
    """An error for a table with no value, a warning listing the blank cells of the others."""
    lay, values = context.layout, context.values
    for table in _tables(lay):
        if None not in values[table.start : table.stop]:
            continue
        blank = [i for i in range(table.start, table.stop) if values[i] is None]
        missing = tuple(lay.specs[i].json_path for i in blank)
        if len(blank) == table.stop - table.start:
            yield Finding(
                _TABLE.id,
                _TABLE.severity,
                f"{table.short_name}没有填写任何数字（{len(blank)} 个单元格都是空白）；"
                "没有发生的事项应填 0",
                table.section,
                path=table.path,
                missing=missing,
            )
            continue
        places = _places(
            lay.specs[table.start : table.stop],
            {i - table.start for i in blank},
            table.short_name,
        )
        shown = "；".join(places[:SHOWN])
        if len(places) > SHOWN:
            shown += f"等 {len(places)} 处"
        yield Finding(
            _CELLS.id,
            _CELLS.severity,
            f"{table.short_name}有 {len(blank)} 个单元格空白：{shown}（没有发生的事项应填 0）",
            table.section,
            path=table.path,
            missing=missing,
        )


def _places(specs: Sequence[CellSpec], blank: set[int], short_name: str) -> list[str]:
    """How to name the blank cells (positions in ``specs``) compactly: whole columns, then
    whole rows or groups of rows, then single cells, in the table's reading order."""
    named: list[tuple[int, str]] = []  # (first position, name)
    covered: set[int] = set()

    def take(group: list[int], name: str) -> None:
        if len(group) > 1 and blank.issuperset(group) and not covered.issuperset(group):
            covered.update(group)
            named.append((group[0], name))

    columns = [s.column for s in specs]
    for key in _prefixes(columns):
        group = [i for i, c in enumerate(columns) if c[: len(key)] == key]
        whole = all(columns[i] == key for i in group)
        take(group, f"“{'·'.join(key)}”{'列' if whole else '各列'}")
    rows = [s.row for s in specs]
    for key in _prefixes(rows):
        group = [i for i, r in enumerate(rows) if r[: len(key)] == key]
        whole = all(rows[i] == key for i in group)
        take(group, "·".join(key[1:] if len(key) > 1 else key) + ("整行" if whole else "各行"))
    for i, spec in enumerate(specs):
        if i in blank and i not in covered:
            named.append((i, spec.place.removeprefix(short_name)))
    return [name for _, name in sorted(named)]


def _prefixes(paths: Sequence[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Every distinct non-empty prefix of ``paths``, shortest first, in order of appearance."""
    seen: dict[tuple[str, ...], None] = {}
    for length in range(1, max((len(p) for p in paths), default=0) + 1):
        for path in paths:
            if len(path) >= length:
                seen.setdefault(path[:length], None)
    return list(seen)
