"""The checks: every relation of the format fires with a precise, readable finding."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import RULES, Finding, Report, Severity, ValidationError, check, update, validate
from govinfo.cells import layout
from govinfo.strategies import reports


def errors(report: Report) -> list[Finding]:
    return [f for f in check(report) if f.severity is Severity.ERROR]


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_the_examples_pass_every_check(seed_report: Report, full_report: Report) -> None:
    assert check(seed_report) == []
    assert check(full_report) == []
    assert validate(full_report) == []


def test_the_outcomes_total_message_reads_as_an_office_worker_expects(full_report: Report) -> None:
    # （七）总计·自然人 is 154 in the example; a published report printing 148 is 6 short.
    wrong = update(
        full_report, {"requests.outcomes.total.natural_person": 148}, recompute_totals=False
    )
    found = by_rule(check(wrong), "S3-OUTCOMES-TOTAL")
    assert [f.message for f in found] == [
        "表三（七）总计·自然人：应为 154（各项办理结果之和），实为 148，相差 6"
    ]
    (finding,) = found
    assert finding.severity is Severity.ERROR
    assert finding.section == "三、收到和处理政府信息公开申请情况"
    assert finding.row == ("三、本年度办理结果", "（七）总计")
    assert finding.column == ("自然人",)
    assert finding.path == "$.requests.outcomes.total.natural_person"
    assert (finding.expected, finding.actual, finding.difference) == (154, 148, -6)
    assert "$.requests.outcomes.withheld.inquiry_matters.natural_person" in finding.cells
    assert len(finding.cells) == 22  # 21 outcome rows + the total


def test_every_error_is_reported_at_once() -> None:
    report = update(
        govinfo.blank_report("X", 2023),
        {
            "requests.received.natural_person": 5,
            "requests.outcomes.disclosed.total": 1,
            "review_litigation.direct_suit.pending": 2,
            "review_litigation.direct_suit.total": 0,
        },
        recompute_totals=False,
    )
    rules = [f.rule for f in errors(report)]
    assert sorted(set(rules)) == ["S3-BALANCE", "S3-OUTCOMES-TOTAL", "S3-ROW-TOTAL", "S4-TOTAL"]
    # 一·自然人 and 一·总计 are off in the balance; two rows' totals are wrong; (七)·总计 is
    # off against the (一) total; 未经复议直接起诉·总计 is 0 beside a part of 2.
    assert rules.count("S3-BALANCE") == 1
    assert rules.count("S3-ROW-TOTAL") == 2
    assert rules.count("S4-TOTAL") == 1


def test_balance_finding_names_the_column_and_both_sums() -> None:
    report = update(govinfo.blank_report("X", 2023), {"requests.carried_over.other": 4})
    finding, total_column = errors(report)  # the 其他 column, and the 总计 column with it
    assert (finding.rule, total_column.rule) == ("S3-BALANCE", "S3-BALANCE")
    assert total_column.column == ("总计",)
    assert finding.message == (
        "表三·法人或其他组织·其他：第一项加第二项之和为 4，第三项（七）总计加第四项之和为 0，"
        "两者应相等，相差 4"
    )
    assert finding.column == ("法人或其他组织", "其他")
    assert (finding.expected, finding.actual, finding.difference) == (4, 0, -4)
    assert finding.path is None
    assert set(finding.cells) == {
        "$.requests.received.other",
        "$.requests.carried_over.other",
        "$.requests.outcomes.total.other",
        "$.requests.carried_forward.other",
    }


def test_section_4_total_left_zero_beside_non_zero_parts_is_an_error() -> None:
    report = update(
        govinfo.blank_report("X", 2023),
        {
            "review_litigation.suit_after_review.upheld": 2,
            "review_litigation.suit_after_review.total": 0,
        },
    )
    (finding,) = errors(report)
    assert finding.rule == "S4-TOTAL"
    assert finding.message.startswith("表四行政诉讼·复议后起诉·总计：应为 2")
    assert finding.path == "$.review_litigation.suit_after_review.total"


def test_a_relation_with_a_blank_cell_is_not_assessable() -> None:
    report = update(
        govinfo.blank_report("X", 2023),
        {"requests.received.natural_person": None, "requests.received.total": 3},
    )
    found = check(report)
    assert [f.rule for f in found if f.severity is Severity.ERROR] == ["S3-BALANCE"]  # 总计
    notices = [f for f in found if f.severity is Severity.NOTICE]
    assert [f.rule for f in notices] == ["S3-BALANCE", "S3-ROW-TOTAL"]
    for notice in notices:
        assert notice.missing == ("$.requests.received.natural_person",)
        assert "无法核对" in notice.message
        assert notice.expected is None
        assert notice.actual is None
    assert notices[0].message == (
        "表三·自然人：无法核对，表三一、本年新收政府信息公开申请数量·自然人 为空"
    )


def test_validate_raises_one_error_carrying_every_error_level_finding() -> None:
    report = update(
        govinfo.blank_report("X", 2023),
        {"requests.received.total": 1, "review_litigation.review.total": 2},
    )
    with pytest.raises(ValidationError) as info:
        validate(report)
    rules = {f.rule for f in info.value.findings if f.severity is Severity.ERROR}
    assert rules == {"S3-ROW-TOTAL", "S3-BALANCE", "S4-TOTAL"}
    assert "S4-TOTAL" in str(info.value)


def test_validate_returns_warnings_without_raising() -> None:
    report = govinfo.blank_report("X", 2023)
    assert {f.rule for f in validate(report)} == {"TEXT-EMPTY"}


@pytest.mark.parametrize(
    ("changes", "rule", "words"),
    [
        ({"edition": govinfo.Edition.E2019}, "META-EDITION", "应使用2021 年版格式"),
        ({"published": dt.date(2023, 12, 30)}, "META-PUBLISHED", "早于报告年度结束"),
        ({"published": dt.date(2024, 4, 1)}, "META-PUBLISHED", "晚于次年3月31日"),
    ],
)
def test_metadata_warnings(
    full_report: Report, changes: dict[str, object], rule: str, words: str
) -> None:
    report = full_report.replace(year=2023, published=None, signature=None).replace(**changes)
    (finding,) = by_rule(check(report), rule)
    assert finding.severity is Severity.WARNING
    assert words in finding.message
    assert all(f.severity is Severity.WARNING for f in check(report))


def test_a_mixed_layout_is_represented_and_checked(full_report: Report) -> None:
    # A 2021 report published with the 2019 edition's single-row （六）其他处理.
    single = govinfo.ApplicantCounts(natural_person=2)
    mixed = update(full_report, {"requests.outcomes.other_handling": single})
    assert mixed.requests.outcomes.total == full_report.requests.outcomes.total
    (layout,) = by_rule(check(mixed), "META-LAYOUT")
    assert layout.message == "表三（六）其他处理按2019 年版（试行）的表式填报，本报告标为2021 年版"
    assert layout.path == "$.requests.outcomes.other_handling"
    assert not errors(mixed)
    wrong = update(
        mixed, {"requests.outcomes.other_handling.natural_person": 5}, recompute_totals=False
    )
    found = {f.rule for f in errors(wrong)}
    assert found == {"S3-ROW-TOTAL", "S3-OUTCOMES-TOTAL"}
    outcome = by_rule(check(wrong), "S3-OUTCOMES-TOTAL")[0]
    assert "$.requests.outcomes.other_handling.natural_person" in outcome.cells


def test_publication_on_the_deadline_is_accepted(full_report: Report) -> None:
    assert check(full_report.replace(published=dt.date(2025, 3, 31))) == []


def test_empty_text_is_a_warning_naming_the_heading(full_report: Report) -> None:
    parts = list(full_report.problems)
    parts[1] = govinfo.Part(heading=parts[1].heading, paragraphs=("  ",))
    (finding,) = check(full_report.replace(problems=parts))
    assert finding.rule == "TEXT-EMPTY"
    assert finding.message == "五、存在的主要问题及改进情况·（二）改进情况：小标题下没有正文"
    assert finding.path == "$.problems[1]"


def test_every_rule_has_an_id_severity_formula_and_source() -> None:
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule.title
        assert rule.formula
        assert rule.source


# -- properties -------------------------------------------------------------------------------


@given(reports())
def test_a_generated_report_has_no_findings(report: Report) -> None:
    assert check(report) == []


@given(reports(edition=govinfo.Edition.E2019))
def test_a_generated_2019_report_has_no_findings(report: Report) -> None:
    assert check(report) == []


@given(reports(mixed=True))
def test_a_mixed_layout_report_has_only_layout_warnings(report: Report) -> None:
    assert {f.rule for f in check(report)} <= {"META-LAYOUT"}


@given(reports(blanks=True))
def test_blank_cells_never_produce_arithmetic_errors_only_notices(report: Report) -> None:
    # ... and the completeness findings naming the blank cells (see test_completeness.py).
    assert all(
        f.severity is Severity.NOTICE or f.rule in ("COMPLETE-TABLE", "COMPLETE-CELLS")
        for f in check(report)
    )


def _table_3_and_4_cells(report: Report) -> list[str]:
    return [s.dotted for s in layout(report).specs if s.table.number in ("三", "四")]


@given(
    st.sampled_from(list(govinfo.Edition)).flatmap(lambda e: reports(max_value=500, edition=e)),
    st.data(),
    st.integers(min_value=-500, max_value=500).filter(bool),
)
def test_changing_any_cell_of_sections_3_or_4_fires_an_error_containing_it(
    report: Report, data: st.DataObject, delta: int
) -> None:
    dotted = data.draw(st.sampled_from(_table_3_and_4_cells(report)))
    value = govinfo.cells(report)[layout(report).index(dotted.split("."))].value
    assert isinstance(value, int)
    new = value + delta
    if new < 0:
        new = value - delta
    changed = update(report, {dotted: new}, recompute_totals=False)
    found = errors(changed)
    assert found, dotted
    assert any(f"$.{dotted}" in f.cells for f in found)


def test_check_never_raises_for_extreme_but_valid_values() -> None:
    largest = 10**govinfo.limits.DEFAULT.count_digits - 1  # the largest count a report holds
    report = update(govinfo.blank_report("X", 2023), {"requests.received.other": largest})
    assert by_rule(check(report), "S3-BALANCE")
