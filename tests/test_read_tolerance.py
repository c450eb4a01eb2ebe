"""Reading real-world variations of a published report: kept what is the report's, left out
what is not, and said so either way."""

from __future__ import annotations

import io

import docx
import pytest

from govinfo import Part, Report, Severity, check
from govinfo.read import ReadError, read_bytes

from .conftest import EXAMPLES

SEED = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
TITLE = "阜新市细河区玉龙街道 2023 年政府信息公开工作年度报告"


def _read(text: str, name: str = "report.txt") -> tuple[Report, list[tuple[str, str]]]:
    result = read_bytes(text.encode("utf-8"), source=name)
    return result.report, [(d.severity, d.message) for d in result.diagnostics]


def test_words_like_a_web_page_s_inside_the_report_are_kept(seed_report: Report) -> None:
    paragraph = (
        "（6）平台建设。严格落实网站标识码、ICP备案编号展示要求；发布时间：形成后20个工作日内。"
    )
    report, notes = _read(
        SEED.replace("二、主动公开政府信息情况", paragraph + "\n\n二、主动公开政府信息情况")
    )
    assert report.overview[-1] == Part(
        heading="（6）平台建设。",
        paragraphs=("严格落实网站标识码、ICP备案编号展示要求；发布时间：形成后20个工作日内。",),
        run_in=True,
    )
    assert notes == []


def test_a_line_indented_with_a_tab_is_text_not_a_table(seed_report: Report) -> None:
    report, notes = _read(SEED.replace("\n2023 年度，玉龙街道", "\n\t2023 年度，玉龙街道"))
    assert report == seed_report
    assert notes == []


def test_text_under_a_table_section_is_reported_and_checked() -> None:
    text = SEED.replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n本年度共收到政府信息公开申请 9 件。\n",
    )
    _, notes = _read(text)
    assert [severity for severity, _ in notes] == ["warning", "warning"]
    assert "text under section 三 is not part of the report's format" in notes[0][1]
    assert notes[1][1].startswith("[TEXT-TABLE] section 三")
    assert "中的 9 与表三一、本年新收政府信息公开申请数量·总计（0）不符" in notes[1][1]


@pytest.mark.parametrize(
    "before",
    [
        "相关链接：某区某局2022年政府信息公开工作年度报告",
        "某区人民政府办公室关于公布某区2023年政府信息公开工作年度报告的通知",
        "您现在的位置：首页 > 政务公开 > 年度报告",
    ],
)
def test_the_title_is_the_report_s_own_not_a_link_or_a_notice(
    before: str, seed_report: Report
) -> None:
    report, notes = _read(before + "\n" + SEED)
    assert (report.organ, report.year, report.title) == (
        seed_report.organ,
        2023,
        seed_report.title,
    )
    assert notes == [("info", f"before the title, ignored: “{before}”")]


@pytest.mark.parametrize(
    ("title", "organ", "year"),
    [
        ("2023年某区某局政府信息公开工作年度报告", "某区某局", 2023),
        ("某区某局政府信息公开工作年度报告（2023年度）", "某区某局", 2023),
        ("某区某局2023年度政府信息公开工作报告", "某区某局", 2023),
    ],
)
def test_title_variants(title: str, organ: str, year: int) -> None:
    report, _ = _read(SEED.replace(TITLE, title))
    assert (report.organ, report.year, report.title) == (organ, year, title)


def test_a_title_without_the_organ_takes_it_from_the_signature() -> None:
    text = SEED.replace(TITLE, "关于2023年度政府信息公开工作的报告")
    report, _ = _read(text.rstrip("\n") + "\n\n某街道办事处\n2024年1月20日\n")
    assert (report.organ, report.year) == ("某街道办事处", 2023)


@pytest.mark.parametrize(
    "title", ["某区某局20233年政府信息公开工作年度报告", "某局2007年政府信息公开工作年度报告"]
)
def test_a_year_that_is_not_a_report_year_is_a_read_error(title: str) -> None:
    with pytest.raises(ReadError, match="not a report year"):
        _read(SEED.replace(TITLE, title))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("六、其他需要报告的事项", "六、其它需要报告的事项"),
        ("一、总体情况", "一 、总体情况"),
        ("五、存在的主要问题及改进情况", "五、存在的不足和下一步工作打算"),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        ),
    ],
)
def test_heading_variants(old: str, new: str, seed_report: Report) -> None:
    report, notes = _read(SEED.replace(old, new))
    assert report == seed_report
    assert notes == []


def test_a_second_copy_of_the_report_is_not_read_into_the_first(seed_report: Report) -> None:
    report, notes = _read(SEED + "\n" + SEED)
    assert report == seed_report
    assert [severity for severity, _ in notes] == ["error"]
    assert "a second report (or a second copy)" in notes[0][1]


def test_control_characters_are_removed_and_said(seed_report: Report) -> None:
    report, notes = _read(SEED.replace("有效提升了行政效率。", "有效提升了行政效率。\x1a"))
    assert report == seed_report
    assert notes == [("info", "control characters removed from the text")]


def test_an_abbreviated_row_label_is_read_by_its_start() -> None:
    text = SEED.replace(
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正",
    )
    report, notes = _read(text)
    assert report.requests.outcomes.other_handling.no_correction.total == 0  # type: ignore[union-attr]
    assert notes == [
        (
            "info",
            "“1.申请人无正当理由逾期不补正” read as “1.申请人无正当理由逾期不补正、"
            "行政机关不再处理其政府信息公开申请” (a typo)",
        )
    ]


def test_spaces_inside_a_number_are_not_read_as_one_number() -> None:
    report, notes = _read(SEED.replace("行政许可\t0", "行政许可\t1 0"))
    assert report.proactive.licensing is None  # type: ignore[union-attr]
    assert notes == [("error", "表二行政许可·本年处理决定数量: cannot read “1 0” as a number")]


def test_html_line_breaks_in_the_source_are_spaces_and_layout_tables_are_looked_into() -> None:
    page = (
        "<html><body><table><tr><td><p>某局2023年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>（一）依申请公开。\n全年共受理政府信息公开申请\n0件。</p>"
        "</td></tr></table></body></html>"
    )
    result = read_bytes(page.encode("utf-8"), source="page.html")
    assert result.report.overview == (
        Part(
            heading="（一）依申请公开。",
            paragraphs=("全年共受理政府信息公开申请 0件。",),
            run_in=True,
        ),
    )


def test_word_soft_line_breaks_split_paragraphs() -> None:
    document = docx.Document()
    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    paragraph = document.add_paragraph("一、总体情况")
    paragraph.add_run().add_break()
    paragraph.add_run("本局认真贯彻落实条例。")
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), source="soft.docx")
    assert result.report.overview == (Part(paragraphs=("本局认真贯彻落实条例。",)),)


@pytest.mark.parametrize(
    ("sentence", "warned"),
    [
        ("本年度共收到政府信息公开申请3件，较2022年收到申请50件有所减少。", [3]),
        ("全年共办理行政复议案件56件。", []),
        ("本年度收到政府信息公开申请共计999件。", [999]),
        ("收到政府信息公开申请数量：1,999件。", [1999]),
        ("因政府信息公开工作被申请行政复议3件。", [3]),
    ],
)
def test_text_table_statements(sentence: str, warned: list[int], seed_report: Report) -> None:
    report = seed_report.replace(problems=(Part(paragraphs=(sentence,)),))
    found = [f for f in check(report) if f.rule == "TEXT-TABLE"]
    assert [f.actual for f in found] == warned
    assert all(f.severity is Severity.WARNING for f in found)
