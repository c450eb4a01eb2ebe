"""Completeness: a report that is not filled in does not pass, and the office sees what is left."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given

import govinfo
from govinfo import Finding, Report, Severity, check, update
from govinfo.cells import CellSpec, layout
from govinfo.strategies import reports

from .conftest import run_cli


def _blank(report: Report, *chosen: Callable[[CellSpec], bool]) -> Report:
    """``report`` with every cell that one of ``chosen`` picks left blank."""
    changes = {s.dotted: None for s in layout(report).specs if any(c(s) for c in chosen)}
    return update(report, changes, recompute_totals=False)


def _table(number: str) -> Callable[[CellSpec], bool]:
    return lambda spec: spec.table.number == number


def _rules(findings: list[Finding]) -> list[tuple[str, Severity]]:
    return [(f.rule, f.severity) for f in findings]


def test_a_report_whose_table_3_is_entirely_blank_fails(full_report: Report) -> None:
    report = _blank(full_report, _table("三"))
    found = check(report)
    # One error says it all: not a notice for each of the 39 relations of the table.
    assert _rules(found) == [("COMPLETE-TABLE", Severity.ERROR)]
    (finding,) = found
    assert finding.message == ("表三没有填写任何数字（175 个单元格都是空白）；没有发生的事项应填 0")
    assert finding.section == "三、收到和处理政府信息公开申请情况"
    assert finding.path == "$.requests"
    assert len(finding.missing) == 175
    assert "$.requests.outcomes.total.natural_person" in finding.missing
    with pytest.raises(govinfo.ValidationError):
        govinfo.validate(report)


def test_an_empty_table_leaves_out_the_year_over_year_notices_too(full_report: Report) -> None:
    last = full_report.replace(year=2023)
    assert [f.rule for f in check(full_report, previous=last) if f.rule == "YOY-CARRY"]
    report = _blank(full_report, _table("三"))
    assert not [f for f in check(report, previous=last) if f.rule == "YOY-CARRY"]


def test_the_command_fails_on_a_blank_table(tmp_path: Path, full_report: Report) -> None:
    path = tmp_path / "blank-table-3.json"
    govinfo.dump(_blank(full_report, _table("四")), path)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    assert "错误 [COMPLETE-TABLE] 表四没有填写任何数字（15 个单元格都是空白）" in result.stdout


def test_blank_cells_of_a_filled_report_are_listed_compactly(full_report: Report) -> None:
    report = _blank(
        full_report,
        lambda s: s.table.number == "三" and s.column[0] == "法人或其他组织",
        lambda s: s.dotted.startswith("requests.received."),
        lambda s: s.dotted.startswith("requests.outcomes.withheld."),
        lambda s: s.dotted == "requests.carried_forward.total",
        lambda s: s.dotted == "review_litigation.review.upheld",
    )
    found = [f for f in check(report) if f.rule == "COMPLETE-CELLS"]
    assert [f.message for f in found] == [
        "表三有 144 个单元格空白：一、本年新收政府信息公开申请数量整行；“法人或其他组织”各列；"
        "（三）不予公开各行；四、结转下年度继续办理·总计（没有发生的事项应填 0）",
        "表四有 1 个单元格空白：行政复议·结果维持（没有发生的事项应填 0）",
    ]
    table3, table4 = found
    assert table3.severity is Severity.WARNING
    assert table3.path == "$.requests"
    assert len(table3.missing) == 144  # 法人或其他组织 125, 一 2, （三） 16, 四·总计 1
    assert table3.missing[0] == "$.requests.received.natural_person"
    assert table4.missing == ("$.review_litigation.review.upheld",)
    assert table4.section == "四、政府信息公开行政复议、行政诉讼情况"
    # The relations that need those cells are not assessable, and are not errors.
    assert not [f for f in check(report) if f.severity is Severity.ERROR]


def test_many_scattered_blank_cells_are_counted_after_the_first_places(
    full_report: Report,
) -> None:
    reasons = (
        "state_secret",
        "prohibited_by_law",
        "three_securities_one_stability",
        "third_party_rights",
    )
    report = _blank(
        full_report,
        lambda s: (
            s.attribute[2:3] == ("withheld",)
            and s.attribute[3] in reasons
            and s.column[-1] in ("自然人", "其他")
        ),
        lambda s: s.dotted in ("requests.carried_over.natural_person", "proactive.licensing"),
    )
    by_table = {f.section[0]: f for f in check(report) if f.rule == "COMPLETE-CELLS"}
    assert by_table["二"].message == (
        "表二有 1 个单元格空白：行政许可·本年处理决定数量（没有发生的事项应填 0）"
    )
    three = by_table["三"]
    assert three.message.startswith(
        "表三有 9 个单元格空白：二、上年结转政府信息公开申请数量·自然人；"
        "（三）不予公开·1.属于国家秘密·自然人；"
    )
    assert three.message.endswith("等 9 处（没有发生的事项应填 0）")
    assert three.message.count("；") == 5  # six places shown


def test_a_new_report_and_the_examples_are_complete(
    tmp_path: Path, seed_report: Report, full_report: Report
) -> None:
    path = tmp_path / "new.json"
    assert (
        run_cli(
            "new", "--year", "2025", "--organ", "某县人民政府办公室", "-o", str(path)
        ).returncode
        == 0
    )
    new = govinfo.load(path)
    assert not [f for f in check(new) if f.rule.startswith("COMPLETE-")]
    assert not [
        f for f in check(seed_report) + check(full_report) if f.rule.startswith("COMPLETE-")
    ]
    assert json.loads(path.read_text(encoding="utf-8"))["requests"]["received"]["other"] == 0


@given(reports(blanks=True))
def test_completeness_names_exactly_the_blank_cells_of_each_table(report: Report) -> None:
    lay = layout(report)
    blank: dict[str, list[str]] = {}
    size: dict[str, int] = {}
    for spec, value in zip(lay.specs, lay.values(report), strict=True):
        size[spec.section] = size.get(spec.section, 0) + 1
        if value is None:
            blank.setdefault(spec.section, []).append(spec.json_path)
    found = {f.section: f for f in check(report) if f.rule.startswith("COMPLETE-")}
    assert set(found) == set(blank)
    for section, paths in blank.items():
        finding = found[section]
        assert finding.missing == tuple(paths)
        if len(paths) == size[section]:
            assert finding.rule == "COMPLETE-TABLE"
            assert finding.severity is Severity.ERROR
        else:
            assert finding.rule == "COMPLETE-CELLS"
            assert finding.severity is Severity.WARNING
            assert f"有 {len(paths)} 个单元格空白：" in finding.message
