"""The model: the format's labels exactly, single-field validation, totals, scripting API."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import attrs
import pytest

import govinfo
from govinfo import (
    ApplicantCounts,
    CaseOutcomes,
    Edition,
    Part,
    Proactive,
    Report,
    Requests,
    blank_report,
    cells,
    update,
)
from govinfo.model import sections

# The national format (2021 edition) as format.md gives it: the spec these tests hold the
# model to. Every label is copied exactly, full-width punctuation included.
SECTION_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]
SECTION_3_ROWS = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "三、本年度办理结果/（一）予以公开",
    "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
    "三、本年度办理结果/（三）不予公开/2.其他法律行政法规禁止公开",
    "三、本年度办理结果/（三）不予公开/3.危及“三安全一稳定”",
    "三、本年度办理结果/（三）不予公开/4.保护第三方合法权益",
    "三、本年度办理结果/（三）不予公开/5.属于三类内部事务信息",
    "三、本年度办理结果/（三）不予公开/6.属于四类过程性信息",
    "三、本年度办理结果/（三）不予公开/7.属于行政执法案卷",
    "三、本年度办理结果/（三）不予公开/8.属于行政查询事项",
    "三、本年度办理结果/（四）无法提供/1.本机关不掌握相关政府信息",
    "三、本年度办理结果/（四）无法提供/2.没有现成信息需要另行制作",
    "三、本年度办理结果/（四）无法提供/3.补正后申请内容仍不明确",
    "三、本年度办理结果/（五）不予处理/1.信访举报投诉类申请",
    "三、本年度办理结果/（五）不予处理/2.重复申请",
    "三、本年度办理结果/（五）不予处理/3.要求提供公开出版物",
    "三、本年度办理结果/（五）不予处理/4.无正当理由大量反复申请",
    "三、本年度办理结果/（五）不予处理/5.要求行政机关确认或重新出具已获取信息",
    "三、本年度办理结果/（六）其他处理/1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果/（六）其他处理/2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "三、本年度办理结果/（六）其他处理/3.其他",
    "三、本年度办理结果/（七）总计",
    "四、结转下年度继续办理",
]
SECTION_3_COLUMNS = [
    "自然人",
    "法人或其他组织/商业企业",
    "法人或其他组织/科研机构",
    "法人或其他组织/社会公益组织",
    "法人或其他组织/法律服务机构",
    "法人或其他组织/其他",
    "总计",
]
SECTION_2_CELLS = [
    ("第二十条第（一）项/规章", "本年制发件数"),
    ("第二十条第（一）项/规章", "本年废止件数"),
    ("第二十条第（一）项/规章", "现行有效件数"),
    ("第二十条第（一）项/行政规范性文件", "本年制发件数"),
    ("第二十条第（一）项/行政规范性文件", "本年废止件数"),
    ("第二十条第（一）项/行政规范性文件", "现行有效件数"),
    ("第二十条第（五）项/行政许可", "本年处理决定数量"),
    ("第二十条第（六）项/行政处罚", "本年处理决定数量"),
    ("第二十条第（六）项/行政强制", "本年处理决定数量"),
    ("第二十条第（八）项/行政事业性收费", "本年收费金额（单位：万元）"),
]
SECTION_4_COLUMNS = [
    f"{group}/{column}"
    for group in ("行政复议", "行政诉讼/未经复议直接起诉", "行政诉讼/复议后起诉")
    for column in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
]


def _table(report: Report, number: str) -> list[govinfo.Cell]:
    return [c for c in cells(report) if c.spec.table.number == number]


def test_sections_have_the_official_headings_in_order() -> None:
    assert [s.heading for s in sections()] == SECTION_HEADINGS


def test_section_2_has_exactly_the_ten_cells_of_the_format() -> None:
    found = [(c.spec.row_label, c.spec.column_label) for c in _table(blank_report("X", 2023), "二")]
    assert found == SECTION_2_CELLS


def test_section_3_is_25_rows_by_7_columns_with_the_official_labels() -> None:
    table = _table(blank_report("X", 2023), "三")
    assert len(table) == 175
    rows = list(dict.fromkeys(c.spec.row_label for c in table))
    columns = list(dict.fromkeys(c.spec.column_label for c in table))
    assert rows == SECTION_3_ROWS
    assert columns == SECTION_3_COLUMNS
    assert [(c.spec.row_label, c.spec.column_label) for c in table] == [
        (r, c) for r in SECTION_3_ROWS for c in SECTION_3_COLUMNS
    ]


def test_section_4_is_one_row_of_fifteen_cells() -> None:
    table = _table(blank_report("X", 2023), "四")
    assert [c.spec.column_label for c in table] == SECTION_4_COLUMNS
    assert {c.spec.row for c in table} == {()}


def test_table_captions_come_from_the_model() -> None:
    assert Requests.__table__.note == (
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    )
    assert Requests.__table__.column_caption == "申请人情况"
    assert Proactive.__table__.row_header == "信息内容"


# -- single-field validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "error", "words"),
    [
        (-1, ValueError, "cannot be negative"),
        (True, TypeError, "whole number"),
        (2.0, TypeError, "whole number"),
        (math.nan, TypeError, "whole number"),
        ("3", TypeError, "whole number"),
        (Decimal(3), TypeError, "whole number"),
    ],
)
def test_a_count_must_be_a_non_negative_int_and_the_error_names_the_field(
    value: object, error: type[Exception], words: str
) -> None:
    with pytest.raises(error, match=words) as info:
        ApplicantCounts(research_institution=value)  # type: ignore[arg-type]
    assert "科研机构 (research_institution)" in str(info.value)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (Decimal(-1), "cannot be negative"),
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        (0.1, "exact amount"),
        (True, "exact amount"),
    ],
)
def test_an_amount_must_be_an_exact_non_negative_decimal(value: object, words: str) -> None:
    with pytest.raises((TypeError, ValueError), match=words) as info:
        Proactive(fees=value)  # type: ignore[arg-type]
    assert "本年收费金额（单位：万元） (fees)" in str(info.value)


def test_an_int_amount_is_kept_exactly_as_a_decimal() -> None:
    assert Proactive(fees=12).fees == Decimal(12)
    assert isinstance(Proactive(fees=12).fees, Decimal)
    assert Proactive(fees=Decimal("0.10")).fees.as_tuple() == Decimal("0.10").as_tuple()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"organ": ""}, "cannot be empty"),
        ({"organ": "  "}, "cannot be empty"),
        ({"year": 2007}, "2008"),
        ({"year": True}, "whole number"),
        ({"published": dt.datetime(2024, 1, 5)}, "expected a date"),
        ({"title": "bad\x07title"}, "U\\+0007"),
        ({"preamble": ("one\ntwo",)}, "line break"),
        ({"edition": "2021"}, "Edition"),
    ],
)
def test_report_metadata_is_validated(changes: dict[str, object], words: str) -> None:
    base = {"organ": "某单位", "year": 2023}
    with pytest.raises((TypeError, ValueError), match=words):
        Report(**{**base, **changes})  # type: ignore[arg-type]


def test_text_with_control_characters_is_rejected_with_its_position() -> None:
    with pytest.raises(ValueError, match=r"paragraphs\[1\].*U\+000B at position 3"):
        Part(paragraphs=("fine", "ab\x0bc"))


def test_a_run_in_heading_needs_a_paragraph() -> None:
    with pytest.raises(ValueError, match="run_in"):
        Part(heading="（一）标题", run_in=True)


def test_a_lone_string_is_not_taken_for_a_list_of_paragraphs() -> None:
    with pytest.raises(TypeError, match="single string"):
        Part(paragraphs="一段话")  # type: ignore[arg-type]


def test_reports_are_frozen(seed_report: Report) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        seed_report.year = 2024  # type: ignore[misc]


# -- totals -----------------------------------------------------------------------------------


def test_totals_are_computed_when_not_given() -> None:
    row = ApplicantCounts(natural_person=3, commercial_enterprise=2, other=1)
    assert row.total == 6
    assert CaseOutcomes(upheld=1, corrected=2, other=3, pending=4).total == 10


def test_totals_are_kept_as_given_so_a_wrong_total_can_be_represented() -> None:
    row = ApplicantCounts(natural_person=3, total=5)
    assert row.total == 5
    assert CaseOutcomes(upheld=1, total=0).total == 0


def test_a_total_of_blank_parts_is_blank() -> None:
    assert ApplicantCounts(natural_person=None, other=2).total is None


def test_the_outcomes_total_row_is_the_column_sum_of_every_outcome_row() -> None:
    report = update(
        blank_report("X", 2023),
        {
            "requests.outcomes.disclosed.natural_person": 4,
            "requests.outcomes.withheld.state_secret.natural_person": 1,
            "requests.outcomes.other_handling.other.legal_service_agency": 2,
        },
    )
    total = report.requests.outcomes.total
    assert (total.natural_person, total.legal_service_agency, total.total) == (5, 2, 7)


# -- scripting --------------------------------------------------------------------------------


def test_blank_report_is_complete_and_all_zero() -> None:
    report = blank_report("某区人民政府", 2024)
    assert report.edition is Edition.E2021
    assert all(c.value == 0 for c in cells(report))
    assert len(cells(report)) == 200
    assert report.overview[0].heading == "（一）主动公开"
    assert report.display_title == "某区人民政府2024年政府信息公开工作年度报告"


def test_update_returns_a_new_report_and_recomputes_dependent_totals() -> None:
    before = blank_report("X", 2023)
    after = update(before, {"requests.outcomes.unavailable.not_held.commercial_enterprise": 2})
    assert before.requests.outcomes.total.total == 0  # unchanged
    assert after.requests.outcomes.unavailable.not_held.total == 2
    assert after.requests.outcomes.total.commercial_enterprise == 2
    assert after.requests.outcomes.total.total == 2


def test_update_keeps_a_total_that_is_set_explicitly() -> None:
    report = update(
        blank_report("X", 2023),
        {"requests.received.natural_person": 5, "requests.received.total": 9},
    )
    assert report.requests.received.total == 9


def test_update_without_recomputing_changes_only_the_named_cells() -> None:
    report = update(
        blank_report("X", 2023), {"requests.received.natural_person": 5}, recompute_totals=False
    )
    assert report.requests.received.total == 0
    assert govinfo.check(report)  # and the checks report the stale total


def test_update_leaves_unrelated_wrong_totals_alone() -> None:
    wrong = update(blank_report("X", 2023), {"review_litigation.review.total": 3})
    edited = update(wrong, {"requests.received.natural_person": 1})
    assert edited.review_litigation.review.total == 3


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("requests.recieved.natural_person", "has no field 'recieved'"),
        ("proactive.licensing.count", "single value"),
    ],
)
def test_update_rejects_unknown_paths_clearly(path: str, words: str) -> None:
    with pytest.raises(KeyError, match=words):
        update(blank_report("X", 2023), {path: 1})


def test_update_validates_the_new_value() -> None:
    with pytest.raises(ValueError, match="自然人"):
        update(blank_report("X", 2023), {"requests.received.natural_person": -2})


def test_replace_swaps_whole_tables() -> None:
    report = blank_report("X", 2023).replace(
        review_litigation=govinfo.ReviewLitigation(review=CaseOutcomes(upheld=2))
    )
    assert report.review_litigation.review.total == 2


def test_update_recomputes_only_the_columns_of_a_total_row_that_changed() -> None:
    published = update(
        blank_report("X", 2023),
        {"requests.outcomes.total.commercial_enterprise": 9},
        recompute_totals=False,
    )
    edited = update(published, {"requests.outcomes.disclosed.natural_person": 5})
    total = edited.requests.outcomes.total
    assert total.commercial_enterprise == 9  # as published: depends on nothing that changed
    assert total.natural_person == 5
    replaced = update(published, {"requests.outcomes.disclosed": ApplicantCounts(natural_person=2)})
    assert replaced.requests.outcomes.total.commercial_enterprise == 9
    assert replaced.requests.outcomes.total.natural_person == 2


@pytest.mark.parametrize("text", ["\x7f", "a\x9fb", "\x84"])
def test_c1_control_characters_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="cannot hold"):
        Part(heading=text)


def test_a_negative_zero_amount_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        Proactive(fees=Decimal("-0.0"))
