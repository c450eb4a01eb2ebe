"""The 2019 edition and mixed layouts: labels, JSON, checks, year over year."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given

import govinfo
from govinfo import (
    ApplicantCounts,
    Edition,
    OtherHandling,
    Proactive,
    Proactive2019,
    Report,
    Severity,
    UnrelatedReports,
    blank_report,
    cells,
    check,
    dumps,
    loads,
    update,
)
from govinfo.strategies import reports

from .test_model import SECTION_3_ROWS

# format.md, "2019 edition — differences": the five blocks of section 二, label by label.
SECTION_2_2019 = [
    (f"第二十条第（{item}）项/{row}", column)
    for item, rows, columns in (
        ("一", ("规章", "规范性文件"), ("本年新制作数量", "本年新公开数量", "对外公开总数量")),
        (
            "五",
            ("行政许可", "其他对外管理服务事项"),
            ("上一年项目数量", "本年增/减", "处理决定数量"),
        ),
        ("六", ("行政处罚", "行政强制"), ("上一年项目数量", "本年增/减", "处理决定数量")),
        ("八", ("行政事业性收费",), ("上一年项目数量", "本年增/减")),
        ("九", ("政府集中采购",), ("采购项目数量", "采购总金额")),
    )
    for row in rows
    for column in columns
]


def _table(report: Report, number: str) -> list[govinfo.Cell]:
    return [c for c in cells(report) if c.spec.table.number == number]


def test_2019_section_2_has_the_22_cells_of_its_five_blocks() -> None:
    report = blank_report("X", 2019)
    assert report.edition is Edition.E2019
    found = [(c.spec.row_label, c.spec.column_label) for c in _table(report, "二")]
    assert found == SECTION_2_2019
    assert len(found) == 22


def test_2019_section_3_has_a_single_other_handling_row() -> None:
    table = _table(blank_report("X", 2020), "三")
    rows = list(dict.fromkeys(c.spec.row_label for c in table))
    expected = [r for r in SECTION_3_ROWS if not r.startswith("三、本年度办理结果/（六）其他处理/")]
    expected.insert(
        expected.index("三、本年度办理结果/（七）总计"), "三、本年度办理结果/（六）其他处理"
    )
    assert rows == expected
    assert len(table) == 23 * 7 == 161


def test_signed_changes_may_be_negative_but_counts_may_not() -> None:
    report = update(blank_report("X", 2020), {"proactive.licensing.change": -3})
    assert report.proactive.licensing.change == -3  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="negative"):
        update(report, {"proactive.licensing.previous_year": -1})


def test_2019_amount_of_procurement_is_exact() -> None:
    report = update(blank_report("X", 2020), {"proactive.procurement.amount": Decimal("251000.5")})
    assert loads(dumps(report)).proactive.procurement.amount == Decimal("251000.5")  # type: ignore[union-attr]


@given(reports(edition=Edition.E2019))
def test_2019_reports_round_trip_and_validate(report: Report) -> None:
    text = dumps(report)
    assert loads(text) == report
    assert json.loads(text)["edition"] == "2019"
    jsonschema.validate(json.loads(text), govinfo.schema())


@given(reports(mixed=True, blanks=True))
def test_mixed_layouts_round_trip(report: Report) -> None:
    again = loads(dumps(report))
    assert again == report
    assert type(again.proactive) is type(report.proactive)
    assert type(again.requests.outcomes.other_handling) is type(
        report.requests.outcomes.other_handling
    )


def test_loading_picks_the_layout_from_the_keys_and_the_edition() -> None:
    mixed = update(blank_report("X", 2022), {"requests.outcomes.other_handling": ApplicantCounts()})
    again = loads(dumps(mixed))
    assert isinstance(again.proactive, Proactive)
    assert isinstance(again.requests.outcomes.other_handling, ApplicantCounts)
    doc = json.loads(dumps(blank_report("X", 2020)))
    assert isinstance(loads(json.dumps(doc)).proactive, Proactive2019)


def test_a_2019_document_with_a_misspelt_key_gets_its_own_labels() -> None:
    doc = json.loads(dumps(blank_report("X", 2020)))
    doc["proactive"]["licensing"]["change"] = "+12"
    with pytest.raises(govinfo.LoadError) as info:
        loads(json.dumps(doc, ensure_ascii=False))
    (problem,) = info.value.problems
    assert problem.path == "$.proactive.licensing.change"
    assert problem.label == "二、主动公开政府信息情况/第二十条第（五）项/行政许可 · 本年增/减"


def test_the_checks_apply_to_the_2019_layout() -> None:
    report = update(
        blank_report("X", 2020),
        {"requests.outcomes.other_handling.natural_person": 2},
        recompute_totals=False,
    )
    rules = {f.rule for f in check(report) if f.severity is Severity.ERROR}
    assert rules == {"S3-ROW-TOTAL", "S3-OUTCOMES-TOTAL"}


# -- year over year ---------------------------------------------------------------------------


def _pair(full_report: Report) -> tuple[Report, Report]:
    this = full_report
    last = full_report.replace(year=2023, published=dt.date(2024, 1, 15), signature=None)
    last = update(last, {"requests.carried_forward": this.requests.carried_over})
    last = update(
        last,
        {
            "proactive.normative_documents.in_force": 77,
            "proactive.rules.in_force": 0,
        },
    )
    return last, this


def test_consecutive_consistent_reports_have_no_year_over_year_warnings(
    full_report: Report,
) -> None:
    last, this = _pair(full_report)
    assert check(this, previous=last) == []


def test_carried_over_must_match_last_years_carried_forward(full_report: Report) -> None:
    last, this = _pair(full_report)
    last = update(last, {"requests.carried_forward.natural_person": 12})
    found = [f for f in check(this, previous=last) if f.rule == "YOY-CARRY"]
    assert [f.column for f in found] == [("自然人",), ("总计",)]
    assert all(f.severity is Severity.WARNING for f in found)
    assert found[0].message == (
        "表三二、上年结转政府信息公开申请数量·自然人：应为 12"
        "（2023 年度报告“四、结转下年度继续办理”），实为 9，相差 3"
    )
    assert (found[0].expected, found[0].actual) == (12, 9)


def test_documents_in_force_follow_last_year(full_report: Report) -> None:
    last, this = _pair(full_report)
    last = update(last, {"proactive.normative_documents.in_force": 80})
    (found,) = [f for f in check(this, previous=last) if f.rule == "YOY-IN-FORCE"]
    assert found.severity is Severity.WARNING
    assert found.path == "$.proactive.normative_documents.in_force"
    assert (found.expected, found.actual) == (89, 86)  # 80 + 12 - 3


def test_year_over_year_across_the_2020_to_2021_edition_change(full_report: Report) -> None:
    this = full_report.replace(year=2021, published=None, signature=None)
    last = update(
        blank_report(this.organ, 2020),
        {"requests.carried_forward": ApplicantCounts(natural_person=1)},
    )
    found = [f for f in check(this, previous=last) if f.rule.startswith("YOY")]
    assert {f.rule for f in found} == {"YOY-CARRY"}  # no 现行有效件数 against 2019's total
    assert {f.column for f in found} == {
        ("自然人",),
        ("法人或其他组织", "商业企业"),
        ("法人或其他组织", "法律服务机构"),
        ("总计",),
    }


def test_unrelated_pairs_are_refused_unless_allowed(full_report: Report) -> None:
    last, this = _pair(full_report)
    with pytest.raises(UnrelatedReports, match="for 2022, not 2023"):
        check(this, previous=last.replace(year=2022))
    with pytest.raises(UnrelatedReports, match="it is of 别的单位"):
        check(this, previous=last.replace(organ="别的单位"))
    assert check(this, previous=last.replace(organ="别的单位"), allow_unrelated=True) == []


def test_a_blank_cell_makes_the_carry_check_not_assessable(full_report: Report) -> None:
    last, this = _pair(full_report)
    last = update(last, {"requests.carried_forward.other": None})
    found = [f for f in check(this, previous=last) if f.rule == "YOY-CARRY"]
    assert {f.severity for f in found} == {Severity.NOTICE}


def test_other_handling_layouts_are_both_accepted_in_python() -> None:
    assert isinstance(OtherHandling(), OtherHandling)
    with pytest.raises(TypeError):
        govinfo.Outcomes(other_handling=Proactive())  # type: ignore[arg-type]
