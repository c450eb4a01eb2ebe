"""Text against tables (TEXT-TABLE): which statements count, and against which cells."""

from __future__ import annotations

import pytest

from govinfo import Finding, Part, Report, check, update
from govinfo.checks import prose_findings
from govinfo.read import read_bytes

from .conftest import EXAMPLES

# complete-2024: 一 182, 二 11; 表四 行政复议 6, 行政诉讼 4 + 2.


def _said(report: Report, *paragraphs: str) -> list[Finding]:
    """The TEXT-TABLE findings when section 五 says ``paragraphs``."""
    extra = Part(heading="（三）其他", paragraphs=paragraphs)
    changed = report.replace(problems=(*report.problems, extra))
    return [f for f in check(changed) if f.rule == "TEXT-TABLE"]


def _loose(report: Report, text: str, section: str | None) -> list[Finding]:
    """The findings for ``text`` a reader found in ``section`` (``None``: not said)."""
    item = (None, "section 四 (line 40)", text) + ((section,) if section else ())
    return list(prose_findings(report, [item]))


# -- review and litigation without the words 信息公开 ------------------------------------------


def test_litigation_counted_in_section_4_is_held_against_the_table(full_report: Report) -> None:
    (finding,) = _loose(full_report, "全年发生行政诉讼案件8件。", "四")
    assert finding.message == (
        "section 四 (line 40)：“全年发生行政诉讼案件8件。”中的 8 "
        "与表四行政诉讼两组总计之和（6）不符"
    )
    assert (finding.expected, finding.actual, finding.difference) == (6, 8, 2)
    assert finding.path is None


@pytest.mark.parametrize("section", [None, "三"])
def test_litigation_without_its_context_is_not_counted(
    full_report: Report, section: str | None
) -> None:
    assert _loose(full_report, "全年发生行政诉讼案件8件。", section) == []


def test_a_count_after_government_information_disclosure_named_in_the_paragraph_counts(
    full_report: Report,
) -> None:
    found = _said(
        full_report, "本机关高度重视政府信息公开工作。全年被申请行政复议9件，发生行政诉讼案件6件。"
    )
    (finding,) = found
    assert finding.message.endswith("中的 9 与表四行政复议·总计（6）不符")
    assert finding.cells == ("$.review_litigation.review.total",)
    assert finding.path == "$.problems[2].paragraphs[0]"


def test_a_count_before_government_information_disclosure_is_named_does_not(
    full_report: Report,
) -> None:
    assert _said(full_report, "全年被申请行政复议9件。政府信息公开工作稳步推进。") == []
    # Nor in another paragraph.
    assert _said(full_report, "政府信息公开工作稳步推进。", "全年被申请行政复议9件。") == []


def test_review_and_litigation_counted_together_are_neither(full_report: Report) -> None:
    assert _loose(full_report, "因政府信息公开被申请行政复议、行政诉讼案件共3件。", "四") == []
    assert _said(full_report, "因政府信息公开被申请行政复议和行政诉讼共3件。") == []


def test_a_reader_passes_text_under_section_4_with_its_section() -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    text = text.replace(
        "\n五、存在的主要问题及改进情况",
        "\n本年度发生行政诉讼案件2件。\n\n五、存在的主要问题及改进情况",
    )
    result = read_bytes(text.encode("utf-8"), source="report.txt")
    warnings = [d.message for d in result.diagnostics if d.message.startswith("[TEXT-TABLE]")]
    (warning,) = warnings
    assert warning.startswith("[TEXT-TABLE] section 四 (line ")
    assert warning.endswith(
        "“本年度发生行政诉讼案件2件。”中的 2 与表四行政诉讼两组总计之和（0）不符"
    )


# -- requests received: 一, or 一 + 二 -------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请193件（含上年结转11件）。",  # 一 + 二
        "本年度共收到政府信息公开申请182件，另有上年结转11件。",  # 一
        "合计受理申请193件，其中上年结转11件。",
    ],
)
def test_received_altogether_with_carried_over_may_be_either(
    full_report: Report, sentence: str
) -> None:
    assert _said(full_report, sentence) == []


def test_received_altogether_that_fits_neither_names_both(full_report: Report) -> None:
    (finding,) = _said(full_report, "本年度共收到政府信息公开申请200件（含上年结转11件）。")
    assert finding.message.endswith(
        "中的 200 与表三一、本年新收政府信息公开申请数量·总计（182）不符，"
        "与其加表三二、上年结转政府信息公开申请数量·总计（11）之和（193）也不符"
    )
    assert (finding.expected, finding.actual, finding.difference) == (None, 200, None)
    assert finding.cells == ("$.requests.received.total", "$.requests.carried_over.total")


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度收到政府信息公开申请193件，上年结转11件。",  # no 共 or 合计
        "本年度共收到政府信息公开申请193件。",  # no 上年结转
        "本年度共新收政府信息公开申请193件（上年结转11件）。",  # 新收 is 一 only
    ],
)
def test_received_otherwise_is_new_requests_only(full_report: Report, sentence: str) -> None:
    (finding,) = _said(full_report, sentence)
    assert finding.message.endswith(
        "中的 193 与表三一、本年新收政府信息公开申请数量·总计（182）不符"
    )
    assert (finding.expected, finding.actual) == (182, 193)


# -- a blank 总计 with every part given ------------------------------------------------------


def test_a_blank_total_is_compared_as_the_sum_of_its_parts(full_report: Report) -> None:
    report = update(full_report, {"requests.received.total": None}, recompute_totals=False)
    (finding,) = _said(report, "本年度收到政府信息公开申请170件。")
    assert finding.message.endswith(
        "中的 170 与表三一、本年新收政府信息公开申请数量·总计（182，表中总计为空，按各部分之和计）"
        "不符"
    )
    assert finding.expected == 182
    assert _said(report, "本年度收到政府信息公开申请182件。") == []
    assert report.requests.received.total is None  # the cell stays blank, and is reported
    assert any(f.rule == "COMPLETE-CELLS" for f in check(report))


def test_a_blank_total_with_a_blank_part_is_not_compared(full_report: Report) -> None:
    report = update(
        full_report,
        {"review_litigation.review.total": None, "review_litigation.review.upheld": None},
        recompute_totals=False,
    )
    assert _said(report, "因政府信息公开被申请行政复议9件。") == []


# -- footnote marks ---------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["①", "¹", "⑴", "*"])
def test_a_footnote_mark_never_joins_the_count_it_follows(full_report: Report, mark: str) -> None:
    # 182 new requests: “18①件” must be read as 18 (a contradiction), never as 181.
    (finding,) = _said(full_report, f"全年新收政府信息公开申请18{mark}件。")
    assert (finding.expected, finding.actual) == (182, 18)
    assert _said(full_report, f"全年新收政府信息公开申请182{mark}件。") == []
