"""Comparison: the cells that differ between two reports, with absolute and relative change.

Two years of one organ, or two versions of one report. Cells are matched by their official
labels (section, row, column), so reports of different editions compare where their tables
agree (section 三 and 四) and list the rest as cells only one of them has.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Literal

import attrs

from .cells import Value, cells, format_value
from .model import Kind, Report, sections

__all__ = ["CellChange", "Comparison", "TextChange", "compare"]


@attrs.frozen
class CellChange:
    """A cell whose value differs (or that only one report has)."""

    section: str
    row: tuple[str, ...]
    column: tuple[str, ...]
    place: str
    old: Value
    new: Value
    status: Literal["changed", "added", "removed"]
    kind: Kind = Kind.COUNT

    @property
    def change(self) -> Value:
        """``new - old``, when both are numbers."""
        if self.old is None or self.new is None:
            return None
        result: Value = self.new - self.old
        return result

    @property
    def relative(self) -> Decimal | None:
        """``(new - old) / old``, when both are numbers and ``old`` is not 0."""
        change = self.change
        if change is None or not self.old or self.kind is Kind.SIGNED:
            return None  # (a change of a signed change has no meaningful ratio)
        return Decimal(change) / Decimal(self.old)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "row": list(self.row),
            "column": list(self.column),
            "status": self.status,
            "old": self.old,
            "new": self.new,
            "change": self.change,
            "relative": _relative(self.relative),
        }


@attrs.frozen
class TextChange:
    """A part of the report's text or metadata that differs."""

    field: str
    label: str


@attrs.frozen
class Comparison:
    """Everything that differs between two reports."""

    cells: tuple[CellChange, ...]
    text: tuple[TextChange, ...]

    def __bool__(self) -> bool:
        return bool(self.cells or self.text)

    def to_csv(self) -> str:
        """The cell changes as CSV: section,row,column,status,old,new,change,relative."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["section", "row", "column", "status", "old", "new", "change", "relative"])
        for c in self.cells:
            writer.writerow(
                [
                    c.section,
                    "/".join(c.row),
                    "/".join(c.column),
                    c.status,
                    format_value(c.old),
                    format_value(c.new),
                    format_value(c.change),
                    _relative(c.relative) or "",
                ]
            )
        return out.getvalue()

    def to_text(self) -> str:
        """A readable table of the changes (Chinese labels, aligned for a terminal)."""
        if not self:
            return "两份报告没有差别。\n"
        rows = [["位置", "原值", "新值", "变化", "变化率"]]
        for c in self.cells:
            rows.append(
                [
                    c.place,
                    _shown(c.old, c.status == "added"),
                    _shown(c.new, c.status == "removed"),
                    _signed(c.change),
                    _percent(c.relative),
                ]
            )
        widths = [max(_width(r[i]) for r in rows) for i in range(len(rows[0]))]
        lines = [
            "  ".join(
                _pad(cell, w, right=i > 0)
                for i, (cell, w) in enumerate(zip(r, widths, strict=True))
            )
            for r in rows
        ]
        lines += [f"{t.label}：有改动" for t in self.text]
        return "\n".join(line.rstrip() for line in lines) + "\n"


def _relative(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.6f}"


def _shown(value: Value, absent: bool) -> str:
    return "（无此项）" if absent else (format_value(value) if value is not None else "（空）")


def _signed(value: Value) -> str:
    if value is None:
        return "—"
    text = format_value(value)
    return f"+{text}" if value > 0 else text


def _percent(value: Decimal | None) -> str:
    if value is None:
        return "—"
    return f"{value * 100:+.1f}%"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, *, right: bool) -> str:
    space = " " * (width - _width(text))
    return space + text if right else text + space


_TEXT_FIELDS: Sequence[tuple[str, str]] = (
    ("organ", "发布机关"),
    ("year", "报告年度"),
    ("edition", "格式版本"),
    ("title", "标题"),
    ("published", "发布日期"),
    ("signature", "落款"),
    ("preamble", "导语"),
)


def compare(old: Report, new: Report) -> Comparison:
    """What differs between ``old`` and ``new``: cells by their official labels, and text."""
    before = {(c.section, c.row, c.column): c for c in cells(old)}
    after = {(c.section, c.row, c.column): c for c in cells(new)}
    changes: list[CellChange] = []
    for key, cell in after.items():
        previous = before.get(key)
        if previous is None:
            changes.append(
                CellChange(*key, cell.spec.place, None, cell.value, "added", cell.spec.kind)
            )
        elif previous.value != cell.value:
            changes.append(
                CellChange(
                    *key, cell.spec.place, previous.value, cell.value, "changed", cell.spec.kind
                )
            )
    for key, cell in before.items():
        if key not in after:
            changes.append(
                CellChange(*key, cell.spec.place, cell.value, None, "removed", cell.spec.kind)
            )
    text = [
        TextChange(name, label)
        for name, label in _TEXT_FIELDS
        if getattr(old, name) != getattr(new, name)
    ]
    for section in sections(type(new)):
        if section.table is None and getattr(old, section.attribute) != getattr(
            new, section.attribute
        ):
            text.append(TextChange(section.attribute, section.heading))
    if old.extras != new.extras:
        text.append(TextChange("extras", "自定义表格"))
    return Comparison(tuple(changes), tuple(text))
