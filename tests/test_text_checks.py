"""Sections 五 and 六: more than 「无」, and no 「无」 beside a 信息处理费 the report declares."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import CheckOptions, Finding, Part, Report, Severity, check, update


def by_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def _problems(*paragraphs: str) -> tuple[Part, ...]:
    return (Part(paragraphs=paragraphs),)


# -- section 五 -------------------------------------------------------------------------------


def test_a_section_5_of_only_nothing_is_a_warning(full_report: Report) -> None:
    report = full_report.replace(
        problems=(
            Part(heading="（一）存在的主要问题", paragraphs=("无。",)),
            Part(heading="（二）改进情况", paragraphs=("无",)),
        )
    )
    (finding,) = check(report)
    assert (finding.rule, finding.severity) == ("TEXT-S5-SHORT", Severity.WARNING)
    assert finding.message == (
        "五、存在的主要问题及改进情况只写了“无。”“无”，应写明存在的主要问题和改进情况"
    )
    assert finding.section == "五、存在的主要问题及改进情况"
    assert finding.path == "$.problems"


def test_a_section_5_of_one_short_sentence_is_a_warning(full_report: Report) -> None:
    report = full_report.replace(problems=_problems("工作中还存在一些不足，今后将继续改进。"))
    (finding,) = check(report)
    assert finding.message == (
        "五、存在的主要问题及改进情况只有一句话（17 字）："
        "“工作中还存在一些不足，今后将继续改进。”，应写明存在的主要问题和改进情况"
    )


@pytest.mark.parametrize(
    "paragraphs",
    [
        # One sentence, but a full one (50 characters or more).
        (
            "工作中还存在一些不足，主要是公开内容不够丰富、更新不够及时、解读形式较为单一，"
            "今后将加强公开队伍建设和制度建设。",
        ),
        # Two short sentences: a problem and an improvement.
        ("信息更新不够及时。", "下一步将建立定期检查制度。"),
    ],
)
def test_a_section_5_that_says_something_passes(
    full_report: Report, paragraphs: tuple[str, ...]
) -> None:
    assert check(full_report.replace(problems=_problems(*paragraphs))) == []


def test_the_threshold_of_section_5_is_an_option(full_report: Report) -> None:
    short = full_report.replace(problems=_problems("工作中还存在一些不足，今后将继续改进。"))
    assert check(short, options=CheckOptions(problems_min_chars=17)) == []
    assert by_rule(check(short, options=CheckOptions(problems_min_chars=18)), "TEXT-S5-SHORT")
    nothing = full_report.replace(problems=_problems("无"))
    assert check(nothing, options=CheckOptions(problems_min_chars=0)) == []
    assert govinfo.validate(short, options=CheckOptions(problems_min_chars=5)) == []
    with pytest.raises(ValueError, match="problems_min_chars: cannot be negative"):
        CheckOptions(problems_min_chars=-1)


@pytest.mark.parametrize("paragraphs", [("……",), ("。",), ("……", "无")])
def test_a_section_5_of_punctuation_only_is_a_warning(
    full_report: Report, paragraphs: tuple[str, ...]
) -> None:
    # The quick start's Python example writes 「……」 as a placeholder: checked, not a crash.
    (finding,) = check(full_report.replace(problems=_problems(*paragraphs)))
    assert finding.rule == "TEXT-S5-SHORT"
    said = "”“".join(paragraphs)
    assert (
        finding.message
        == f"五、存在的主要问题及改进情况只写了“{said}”，应写明存在的主要问题和改进情况"
    )


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # an immutable report
@given(st.lists(st.text(max_size=30), min_size=1, max_size=3))
def test_any_section_5_is_checked_without_failing(
    full_report: Report, paragraphs: list[str]
) -> None:
    try:
        report = full_report.replace(problems=_problems(*paragraphs))
    except (TypeError, ValueError):
        return  # text the model refuses (control characters, a lone **)
    for finding in check(report):
        assert finding.rule != "TEXT-S5-SHORT" or finding.section == "五、存在的主要问题及改进情况"


def test_an_empty_section_5_is_only_text_empty() -> None:
    report = govinfo.blank_report("X", 2024)
    assert {f.rule for f in check(report)} == {"TEXT-EMPTY"}


# -- section 六 -------------------------------------------------------------------------------

_FEE_COLLECTED = "本年度共发出收费通知2件，收取信息处理费300元。"


def _declaring(report: Report, sentence: str = _FEE_COLLECTED) -> Report:
    """``report`` whose section 一·（二）依申请公开 ends with ``sentence``."""
    overview = list(report.overview)
    part = overview[2]
    overview[2] = Part(heading=part.heading, paragraphs=(part.paragraphs[0] + sentence,))
    return report.replace(overview=overview)


def test_section_6_saying_nothing_beside_a_declared_fee_is_a_warning(full_report: Report) -> None:
    report = _declaring(full_report).replace(other_matters=(Part(paragraphs=("无。",)),))
    (finding,) = check(report)
    assert (finding.rule, finding.severity) == ("TEXT-S6-FEE", Severity.WARNING)
    assert finding.message == (
        "六、其他需要报告的事项写“无。”，而一、总体情况·（二）依申请公开写“本年度共发出收费通知"
        "2件，收取信息处理费300元。”：信息处理费的情况前后不一致（表二的行政事业性收费不在此列）"
    )
    assert finding.section == "六、其他需要报告的事项"
    assert finding.path == "$.other_matters[0].paragraphs[0]"
    assert finding.cells == ("$.other_matters[0].paragraphs[0]", "$.overview[2].paragraphs[0]")


@pytest.mark.parametrize("said", ["无", "本年度未收取信息处理费。"])
def test_the_fee_part_of_section_6_denying_a_declared_fee_is_a_warning(
    full_report: Report, said: str
) -> None:
    fee_part = full_report.other_matters[0]
    assert fee_part.heading == "（一）收取信息处理费情况"
    parts = (Part(heading=fee_part.heading, paragraphs=(said,)), *full_report.other_matters[1:])
    report = _declaring(full_report, "全年信息处理费收入共计0.15万元。").replace(
        other_matters=parts
    )
    (finding,) = check(report)
    assert finding.rule == "TEXT-S6-FEE"
    assert finding.message.startswith(
        f"六、其他需要报告的事项·（一）收取信息处理费情况写“{said}”，而一、总体情况·"
        "（二）依申请公开写“全年信息处理费收入共计0.15万元。”"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "",  # nothing declared
        "本年度未收取信息处理费。",
        "收取信息处理费0元。",
        "依法可收取信息处理费，收费标准为信息处理费100元/件。",
        "退还信息处理费200元。",
        "本年度行政事业性收费1.5万元。",  # the fee of table 二, not a 信息处理费
        "《政府信息公开信息处理费管理办法》第3条规定。",
    ],
)
def test_section_6_may_say_nothing_when_no_fee_is_declared(
    full_report: Report, sentence: str
) -> None:
    report = _declaring(full_report, sentence).replace(
        other_matters=(Part(paragraphs=("本年度无其他需要报告的事项。",)),)
    )
    report = update(report, {"proactive.fees": Decimal("1.5")})
    assert check(report) == []


def test_section_6_that_reports_the_fee_passes(full_report: Report) -> None:
    parts = (
        Part(heading="（一）收取信息处理费情况", paragraphs=("本年度收取信息处理费300元。",)),
        Part(heading="（二）其他", paragraphs=("无。",)),
    )
    report = _declaring(full_report).replace(other_matters=parts)
    assert check(report) == []
