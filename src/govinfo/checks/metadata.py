"""Metadata: the edition the report follows, the layout of its tables, its publication date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Final

import attrs

from ..model import Edition, Report, field_info, sections
from ..model.report import layout_deviations
from ._base import Context, Finding, Rule, Severity

__all__ = ["RULES", "findings"]

RULES: Final = (
    Rule(
        "META-EDITION",
        Severity.WARNING,
        "报告所用格式版本与报告年度相符",
        "2019、2020 年度用 2019 年版（试行）；2021 年度起用 2021 年版",
        "国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
    ),
    Rule(
        "META-LAYOUT",
        Severity.WARNING,
        "表二、表三（六）其他处理的表式与报告所标的格式版本一致",
        "2019 年版：表二五个部分，（六）其他处理为一行；2021 年版：表二四个部分，"
        "（六）其他处理分三项",
        "国办公开办函〔2019〕60号；国办公开办函〔2021〕30号",
    ),
    Rule(
        "META-PUBLISHED",
        Severity.WARNING,
        "发布日期在报告年度结束之后、次年3月31日之前",
        "报告年度 + 1 年 1月1日 ≤ 发布日期 ≤ 报告年度 + 1 年 3月31日",
        "《中华人民共和国政府信息公开条例》第四十九条（部门 1月31日前，政府 3月31日前）",
    ),
)


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _part_name(report: Report, path: str) -> str:
    """How a message names a part whose layout differs between editions: 表三（六）其他处理."""
    names = path.split(".")
    section = next(s for s in sections(type(report)) if s.attribute == names[0])
    assert section.table is not None
    labels: list[str] = []
    cls: Any = type(getattr(report, names[0]))
    for name in names[1:]:
        attribute = attrs.fields_dict(cls)[name]
        info = field_info(attribute)
        if info is not None:
            labels.extend(info.row[-1:])
        cls = attribute.type
    shown = labels[1:] if len(labels) > 1 else labels  # as CellSpec.place names rows
    return section.table.short_name + "·".join(shown)


def findings(context: Context) -> Iterator[Finding]:
    """A warning for a mixed layout, an edition that does not fit the year, a late date."""
    report = context.report
    for path in layout_deviations(report):
        other = next(e for e in Edition if e is not report.edition)
        yield Finding(
            "META-LAYOUT",
            Severity.WARNING,
            f"{_part_name(report, path)}按{other.label}的表式填报，"
            f"本报告标为{report.edition.label}",
            path=f"$.{path}",
        )
    expected = Edition.for_year(report.year)
    if report.edition is not expected:
        yield Finding(
            "META-EDITION",
            Severity.WARNING,
            f"{report.year} 年度报告应使用{expected.label}格式，本报告标为{report.edition.label}",
            path="$.edition",
        )
    if report.published is not None:
        earliest = dt.date(report.year + 1, 1, 1)
        latest = dt.date(report.year + 1, 3, 31)
        if not earliest <= report.published <= latest:
            when = "早于报告年度结束" if report.published < earliest else "晚于次年3月31日"
            yield Finding(
                "META-PUBLISHED",
                Severity.WARNING,
                f"发布日期 {_date(report.published)} {when}（《条例》第四十九条）",
                path="$.published",
            )
