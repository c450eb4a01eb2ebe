"""The flat cell view: every table cell of a report with its official labels and its place.

A report's tables seen as labelled cells — (section, row label path, column label path) →
value — are what the CSV export, the checks' findings, the renderer's context and comparisons
share. The layout of a report class is derived once from the model's field metadata and cached.
"""

from __future__ import annotations

import csv
import io
import operator
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, get_args

import attrs

from .model import Kind, Report, TableInfo, field_info, sections
from .model._fields import is_row_class

__all__ = ["Cell", "CellSpec", "Layout", "cells", "cells_csv", "layout", "spec_at", "totals"]

Value = int | Decimal | None


@attrs.frozen
class CellSpec:
    """Where a cell sits in the national format."""

    section: str
    """The official heading of the cell's section."""
    table: TableInfo = attrs.field(eq=False, repr=False)
    row: tuple[str, ...]
    """The official row label path (outermost first); empty for section 四's single row."""
    column: tuple[str, ...]
    """The official column label path (outermost first)."""
    attribute: tuple[str, ...]
    """The attribute path from the report, e.g. ``("requests", "received", "natural_person")``."""
    kind: Kind
    is_total: bool

    @property
    def dotted(self) -> str:
        """The attribute path as used by :func:`govinfo.update`."""
        return ".".join(self.attribute)

    @property
    def json_path(self) -> str:
        """The cell's path in the report's JSON document."""
        return "$." + self.dotted

    @property
    def row_label(self) -> str:
        return "/".join(self.row)

    @property
    def column_label(self) -> str:
        return "/".join(self.column)

    @property
    def place(self) -> str:
        """A short human name: ``表三（七）总计·自然人``, ``表四行政复议·总计``."""
        row = self.row[1:] if len(self.row) > 1 else self.row
        return self.table.short_name + "·".join((*row, *self.column))


@attrs.frozen
class Cell:
    """A cell of a report: its place in the format and its value (``None`` when blank)."""

    spec: CellSpec
    value: Value

    @property
    def section(self) -> str:
        return self.spec.section

    @property
    def row(self) -> tuple[str, ...]:
        return self.spec.row

    @property
    def column(self) -> tuple[str, ...]:
        return self.spec.column


@attrs.frozen(eq=False)
class Layout:
    """Every cell position of one report shape, in the format's reading order."""

    specs: tuple[CellSpec, ...]
    _getter: Callable[[Any], tuple[Value, ...]] = attrs.field(repr=False)
    _index: dict[tuple[str, ...], int] = attrs.field(repr=False)

    def values(self, report: Report) -> tuple[Value, ...]:
        """The values of every cell of ``report``, in the order of :attr:`specs`."""
        return self._getter(report)

    def index(self, attribute: Sequence[str]) -> int:
        """The position of the cell at an attribute path."""
        return self._index[tuple(attribute)]


def _walk(
    obj_type: type[Any],
    section: str,
    table: TableInfo,
    prefix: tuple[str, ...],
    row: tuple[str, ...],
    column: tuple[str, ...],
    sample: Any,
) -> Iterator[CellSpec]:
    for attribute in attrs.fields(obj_type):
        info = field_info(attribute)
        if info is None:
            continue
        path = (*prefix, attribute.name)
        r, c = (*row, *info.row), (*column, *info.column)
        if info.kind is Kind.GROUP:
            child = getattr(sample, attribute.name)
            yield from _walk(type(child), section, table, path, r, c, child)
        else:
            yield CellSpec(section, table, r, c, path, info.kind, info.is_total)


_LAYOUTS: dict[tuple[type[Any], ...], Layout] = {}


_UNION_PATHS: dict[type[Any], tuple[Callable[[Any], Any], ...]] = {}


def _union_paths(cls: type[Any]) -> tuple[Callable[[Any], Any], ...]:
    """Getters for the parts of ``cls`` whose class differs between layouts."""
    found = _UNION_PATHS.get(cls)
    if found is None:
        paths: list[str] = []

        def visit(owner: type[Any], prefix: str) -> None:
            for attribute in attrs.fields(owner):
                choices = [
                    t
                    for t in (attribute.type, *get_args(attribute.type))
                    if isinstance(t, type) and attrs.has(t)
                ]
                if len(choices) > 1:
                    paths.append(prefix + attribute.name)
                for choice in choices:
                    visit(choice, f"{prefix}{attribute.name}.")

        visit(cls, "")
        found = _UNION_PATHS[cls] = tuple(operator.attrgetter(p) for p in paths)
    return found


def _shape(report: Report) -> tuple[type[Any], ...]:
    # The classes a report is made of: editions and mixed layouts differ in them.
    return (type(report), *(type(get(report)) for get in _union_paths(type(report))))


def layout(report: Report) -> Layout:
    """The cell layout of ``report``'s shape (computed once per shape)."""
    key = _shape(report)
    found = _LAYOUTS.get(key)
    if found is None:
        specs: list[CellSpec] = []
        for section in sections(type(report)):
            if section.table is None:
                continue
            table_obj = getattr(report, section.attribute)
            specs.extend(
                _walk(
                    type(table_obj),
                    section.heading,
                    section.table,
                    (section.attribute,),
                    (),
                    (),
                    table_obj,
                )
            )
        getter = operator.attrgetter(*(s.dotted for s in specs))
        found = Layout(tuple(specs), getter, {s.attribute: i for i, s in enumerate(specs)})
        _LAYOUTS[key] = found
    return found


def spec_at(report: Report, dotted: str) -> CellSpec:
    """The cell position at a dotted attribute path such as ``requests.received.total``."""
    lay = layout(report)
    try:
        return lay.specs[lay.index(dotted.split("."))]
    except KeyError:
        raise KeyError(f"{dotted}: not a table cell of this report") from None


def cells(report: Report) -> tuple[Cell, ...]:
    """Every table cell of ``report`` exactly once, in the format's reading order."""
    lay = layout(report)
    return tuple(Cell(s, v) for s, v in zip(lay.specs, lay.values(report), strict=True))


def format_value(value: Value | str) -> str:
    """A cell value as text: ``""`` for a blank cell, digits otherwise (no exponent); text (in
    an office's own tables) as it is."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


def cells_csv(report: Report) -> str:
    """Every table cell as CSV: ``section,row,column,value`` with the official labels."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "row", "column", "value"])
    for cell in cells(report):
        writer.writerow(
            [
                cell.spec.section,
                cell.spec.row_label,
                cell.spec.column_label,
                format_value(cell.value),
            ]
        )
    return out.getvalue()


_TOTALS: dict[Layout, dict[int, tuple[int, ...]]] = {}


def totals(report: Report) -> dict[int, tuple[int, ...]]:
    """Every total cell of ``report``'s layout and the cells it adds up, as positions in
    :attr:`Layout.specs` (computed once per layout from the model's ``total_of`` metadata).

    A total of cells in one row adds up those cells; a row that totals whole rows (section
    三's （七）总计) adds up, column by column, the same column of every row below its parts —
    their 总计 column included.
    """
    lay = layout(report)
    found = _TOTALS.get(lay)
    if found is None:
        found = {}
        for section in sections(type(report)):
            if section.table is not None:
                _collect_totals(
                    lay, getattr(report, section.attribute), (section.attribute,), found
                )
        _TOTALS[lay] = found
    return found


def _collect_totals(
    lay: Layout, obj: Any, prefix: tuple[str, ...], found: dict[int, tuple[int, ...]]
) -> None:
    for attribute in attrs.fields(type(obj)):
        info = field_info(attribute)
        if info is None:
            continue
        path = (*prefix, attribute.name)
        if info.is_total and info.kind is not Kind.GROUP:
            found[lay.index(path)] = tuple(lay.index((*prefix, n)) for n in info.total_of)
        elif info.is_total:
            rows = [
                (*prefix, n, *part)
                for n in info.total_of
                for part in _leaf_row_paths(getattr(obj, n))
            ]
            for column in attrs.fields(type(getattr(obj, attribute.name))):
                found[lay.index((*path, column.name))] = tuple(
                    lay.index((*row, column.name)) for row in rows
                )
        elif info.kind is Kind.GROUP:
            _collect_totals(lay, getattr(obj, attribute.name), path, found)


def _leaf_row_paths(obj: Any) -> Iterator[tuple[str, ...]]:
    """The attribute paths, relative to ``obj``, of the rows below it (totals excluded)."""
    if is_row_class(type(obj)):
        yield ()
        return
    for attribute in attrs.fields(type(obj)):
        info = field_info(attribute)
        if info is not None and info.kind is Kind.GROUP and not info.is_total:
            for below in _leaf_row_paths(getattr(obj, attribute.name)):
                yield (attribute.name, *below)
