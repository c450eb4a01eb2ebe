"""Year over year: the report against the same organ's report for the year before.

Warnings, not errors: institutional reform, mergers and corrections legitimately break these
relations. They run only when :func:`govinfo.check` is given ``previous``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from ..errors import GovinfoError
from ..model import ApplicantCounts, Proactive, Report
from ._base import Context, Finding, Rule, Severity

__all__ = ["RULES", "UnrelatedReports", "check_pair", "findings"]

RULES: Final = (
    Rule(
        "YOY-CARRY",
        Severity.WARNING,
        "上年报告的“结转下年度继续办理”等于本年报告的“上年结转”",
        "上年度 四、结转下年度继续办理 = 本年度 二、上年结转政府信息公开申请数量（每一列）",
        "格式表三第二项、第四项的含义（跨年度核对；机构改革、合并、更正会合理地打破它）",
        parts="上年度报告“四、结转下年度继续办理”",
    ),
    Rule(
        "YOY-IN-FORCE",
        Severity.WARNING,
        "现行有效件数与上年衔接（规章、行政规范性文件）",
        "本年现行有效件数 = 上年现行有效件数 + 本年制发件数 − 本年废止件数",
        "格式表二第二十条第（一）项（跨年度核对；文件也会未经废止而失效，"
        "不与 2019 年版的对外公开总数量比较）",
    ),
)
_CARRY, _IN_FORCE = RULES


class UnrelatedReports(GovinfoError, ValueError):
    """``previous`` is not the report of the same organ for the year before."""


def _same_organ(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def check_pair(report: Report, previous: Report) -> None:
    """Raise :class:`UnrelatedReports` unless ``previous`` is the same organ's report for the
    year before ``report``'s."""
    problems = []
    if previous.year != report.year - 1:
        problems.append(f"it is for {previous.year}, not {report.year - 1}")
    if not _same_organ(previous.organ, report.organ):
        problems.append(f"it is of {previous.organ}, not {report.organ}")
    if problems:
        raise UnrelatedReports(
            "the previous report does not go with this one: "
            + "; ".join(problems)
            + " (compare them anyway with allow_unrelated=True, or --allow-unrelated)"
        )


def findings(context: Context) -> Iterator[Finding]:
    """The carried-over requests and the documents in force, against the year before."""
    report, previous = context.report, context.previous
    if previous is None:
        return
    lay = context.layout
    before = previous.requests.carried_forward
    now = report.requests.carried_over
    rule = _CARRY
    for column in attrs.fields(ApplicantCounts):
        expected, actual = getattr(before, column.name), getattr(now, column.name)
        spec = lay.specs[lay.index(("requests", "carried_over", column.name))]
        source = f"{previous.year} 年度报告“四、结转下年度继续办理”"
        if expected is None or actual is None:
            blank = "本年" if actual is None else f"{previous.year} 年度报告"
            yield Finding(
                rule.id,
                Severity.NOTICE,
                f"{spec.place}：无法与{source}核对，{blank}该格为空",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
            )
        elif expected != actual:
            yield Finding(
                rule.id,
                rule.severity,
                f"{spec.place}：应为 {expected}（{source}），实为 {actual}，"
                f"相差 {abs(actual - expected)}",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
                expected,
                actual,
                actual - expected,
                (spec.json_path,),
            )
    if not (isinstance(report.proactive, Proactive) and isinstance(previous.proactive, Proactive)):
        return  # the 2019 edition's 对外公开总数量 is not 现行有效件数
    rule = _IN_FORCE
    for name in ("rules", "normative_documents"):
        last, this = getattr(previous.proactive, name), getattr(report.proactive, name)
        spec = lay.specs[lay.index(("proactive", name, "in_force"))]
        parts = (last.in_force, this.issued, this.repealed, this.in_force)
        if None in parts:
            yield Finding(
                rule.id,
                Severity.NOTICE,
                f"{spec.place}：无法与上年衔接核对，有关单元格为空",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
            )
            continue
        expected = last.in_force + this.issued - this.repealed
        if this.in_force != expected:
            yield Finding(
                rule.id,
                rule.severity,
                f"{spec.place}：按上年现行有效 {last.in_force} 件加本年制发 {this.issued} 件、"
                f"减本年废止 {this.repealed} 件，应为 {expected}，实为 {this.in_force}，"
                f"相差 {abs(this.in_force - expected)}（文件也会未经废止而失效，请核对）",
                spec.section,
                spec.row,
                spec.column,
                spec.json_path,
                expected,
                this.in_force,
                this.in_force - expected,
                (spec.json_path,),
            )
