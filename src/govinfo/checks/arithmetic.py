"""Arithmetic: every relation (勾稽关系) between the cells of tables 三 and 四.

The relations are derived from the model: every total field names the rule that verifies it
and the parts it adds up, so the checks cover exactly the cells of the format. Section 三's
balance (一 + 二 = （七）总计 + 四, printed in the table itself) is declared here. A relation
that needs a blank cell cannot be assessed: it neither passes nor fails, and is reported as a
``notice`` naming the blank cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any, Final

import attrs

from ..cells import CellSpec, Layout, Value, layout
from ..model import ApplicantCounts, CaseOutcomes, Kind, Outcomes, Report, Requests, field_info
from ..model import sections as report_sections
from ..model._fields import is_row_class
from ._base import Context, Finding, Rule, Severity, fmt

__all__ = ["RULES", "findings"]


def _labels(cls: type[Any], names: Sequence[str]) -> list[str]:
    fields = attrs.fields_dict(cls)
    result = []
    for name in names:
        info = field_info(fields[name])
        assert info is not None
        result.append(info.label)
    return result


def _total_formula(cls: type[Any], total: str) -> str:
    info = field_info(attrs.fields_dict(cls)[total])
    assert info is not None
    return f"{info.label} = " + " + ".join(_labels(cls, info.total_of))


_RECEIVED, _CARRIED_OVER, _, _CARRIED_FORWARD = _labels(
    Requests, ("received", "carried_over", "outcomes", "carried_forward")
)

RULES: Final = (
    Rule(
        "S3-BALANCE",
        Severity.ERROR,
        "表三每一列：第一项加第二项之和，等于第三项加第四项之和",
        f"{_RECEIVED} + {_CARRIED_OVER} = 三、本年度办理结果{_labels(Outcomes, ('total',))[0]} + "
        f"{_CARRIED_FORWARD}（每一列）",
        "格式表三表头注“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”"
        "（印在表中）",
    ),
    Rule(
        "S3-OUTCOMES-TOTAL",
        Severity.ERROR,
        "表三每一列：（七）总计等于各项办理结果之和",
        _total_formula(Outcomes, "total") + "（（三）至（六）按其各分项计，每一列）",
        "格式表三“三、本年度办理结果”的结构：每件申请只计入一种办理结果（由表式推得）",
        parts="各项办理结果",
    ),
    Rule(
        "S3-ROW-TOTAL",
        Severity.ERROR,
        "表三每一行：总计等于各类申请人之和",
        _total_formula(ApplicantCounts, "total") + "（每一行）",
        "格式表三“申请人情况”的结构：总计列为自然人与法人或其他组织各列之和（由表式推得）",
        parts="自然人与法人或其他组织各列",
    ),
    Rule(
        "S4-TOTAL",
        Severity.ERROR,
        "表四每组：总计等于结果维持、结果纠正、其他结果、尚未审结之和",
        _total_formula(CaseOutcomes, "total") + "（行政复议、未经复议直接起诉、复议后起诉各组）",
        "格式表四的结构（由表式推得）",
        parts="结果维持、结果纠正、其他结果、尚未审结",
    ),
)
_RULES: Final = {rule.id: rule for rule in RULES}


@attrs.frozen
class _Relation:
    """One instance of an arithmetic rule on one report shape: Σ left = Σ right."""

    rule: Rule
    left: tuple[int, ...]
    """Cell indexes whose sum is the expected value."""
    right: tuple[int, ...]
    """Cell indexes whose sum is the actual value."""
    target: CellSpec | None
    section: str
    column: tuple[str, ...]
    place: str
    message: Callable[[Value, Value, Value], str]


def _gap(difference: Value) -> str:
    assert difference is not None
    return fmt(-difference if difference < 0 else difference)


def _sum_message(rule: Rule, place: str) -> Callable[[Value, Value, Value], str]:
    def message(expected: Value, actual: Value, difference: Value) -> str:
        return (
            f"{place}：应为 {fmt(expected)}（{rule.parts}之和），实为 {fmt(actual)}，"
            f"相差 {_gap(difference)}"
        )

    return message


def _sum_relations(lay: Layout, obj: Any, prefix: tuple[str, ...]) -> Iterator[_Relation]:
    """The relations of every total field found under ``obj`` (at attribute path ``prefix``)."""
    cls = type(obj)
    for attribute in attrs.fields(cls):
        info = field_info(attribute)
        if info is None:
            continue
        path = (*prefix, attribute.name)
        if info.is_total:
            assert info.rule is not None
            rule = _RULES[info.rule]
            if info.kind is not Kind.GROUP:  # a total of cells in the same row
                target = lay.specs[lay.index(path)]
                parts = tuple(lay.index((*prefix, n)) for n in info.total_of)
                yield _Relation(
                    rule,
                    parts,
                    (lay.index(path),),
                    target,
                    target.section,
                    target.column,
                    target.place,
                    _sum_message(rule, target.place),
                )
            else:  # a row that totals whole rows, column by column
                total_row = getattr(obj, attribute.name)
                leaves = [
                    leaf
                    for n in info.total_of
                    for leaf in _leaf_paths(getattr(obj, n), (*prefix, n))
                ]
                for column in attrs.fields(type(total_row)):
                    target_path = (*path, column.name)
                    target = lay.specs[lay.index(target_path)]
                    parts = tuple(lay.index((*leaf, column.name)) for leaf in leaves)
                    yield _Relation(
                        rule,
                        parts,
                        (lay.index(target_path),),
                        target,
                        target.section,
                        target.column,
                        target.place,
                        _sum_message(rule, target.place),
                    )
        if info.kind is Kind.GROUP:
            yield from _sum_relations(lay, getattr(obj, attribute.name), path)


def _leaf_paths(obj: Any, prefix: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    if is_row_class(type(obj)):
        yield prefix
        return
    for attribute in attrs.fields(type(obj)):
        info = field_info(attribute)
        if info is not None and info.kind is Kind.GROUP and not info.is_total:
            yield from _leaf_paths(getattr(obj, attribute.name), (*prefix, attribute.name))


def _balance_relations(lay: Layout, report: Report) -> Iterator[_Relation]:
    rule = _RULES["S3-BALANCE"]
    table = type(report.requests).__table__
    for column in attrs.fields(ApplicantCounts):
        c = column.name

        def index(*path: str, c: str = c) -> int:
            return lay.index(("requests", *path, c))

        spec = lay.specs[index("received")]
        place = f"{table.short_name}·" + "·".join(spec.column)

        def message(expected: Value, actual: Value, difference: Value, place: str = place) -> str:
            return (
                f"{place}：第一项加第二项之和为 {fmt(expected)}，第三项（七）总计加第四项之和为 "
                f"{fmt(actual)}，两者应相等，相差 {_gap(difference)}"
            )

        yield _Relation(
            rule,
            (index("received"), index("carried_over")),
            (index("outcomes", "total"), index("carried_forward")),
            None,
            spec.section,
            spec.column,
            place,
            message,
        )


_RELATIONS: dict[Layout, tuple[_Relation, ...]] = {}


def _relations(report: Report) -> tuple[_Relation, ...]:
    lay = layout(report)
    found = _RELATIONS.get(lay)
    if found is None:
        found = tuple(_balance_relations(lay, report))
        for section in report_sections(type(report)):
            if section.table is not None:
                table = getattr(report, section.attribute)
                found += tuple(_sum_relations(lay, table, (section.attribute,)))
        _RELATIONS[lay] = found  # layouts live as long as the process
    return found


def _evaluate(lay: Layout, relation: _Relation, values: Sequence[Value]) -> Finding | None:
    left = [values[i] for i in relation.left]
    right = [values[i] for i in relation.right]
    if None in left or None in right:
        blank = [lay.specs[i] for i in (*relation.left, *relation.right) if values[i] is None]
        return Finding(
            relation.rule.id,
            Severity.NOTICE,
            f"{relation.place}：无法核对，" + "、".join(s.place for s in blank) + " 为空",
            relation.section,
            relation.target.row if relation.target else (),
            relation.column,
            relation.target.json_path if relation.target else None,
            cells=_paths(lay, relation),
            missing=tuple(s.json_path for s in blank),
        )
    expected: Any = sum(left)
    actual: Any = sum(right)
    if expected == actual:
        return None
    difference = actual - expected
    return Finding(
        relation.rule.id,
        relation.rule.severity,
        relation.message(expected, actual, difference),
        relation.section,
        relation.target.row if relation.target else (),
        relation.column,
        relation.target.json_path if relation.target else None,
        expected,
        actual,
        difference,
        _paths(lay, relation),
    )


def _paths(lay: Layout, relation: _Relation) -> tuple[str, ...]:
    return tuple(lay.specs[i].json_path for i in (*relation.left, *relation.right))


def findings(context: Context) -> list[Finding]:
    """A finding for every relation that fails, and a notice for every one not assessable."""
    lay, values = context.layout, context.values
    return [f for r in _relations(context.report) if (f := _evaluate(lay, r, values)) is not None]
