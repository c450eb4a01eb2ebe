"""Reading published reports: text, HTML and Word, tolerant of real-world text, never guessing."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import (
    ApplicantCounts,
    CaseOutcomes,
    Edition,
    Part,
    Report,
    Severity,
    Signature,
    blank_report,
    check,
    update,
)
from govinfo.model import Kind
from govinfo.read import ReadError, read, read_bytes
from govinfo.read._normalize import best_match, parse_value
from govinfo.render import render_bytes
from govinfo.strategies import reports

from .conftest import EXAMPLES, run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"


def _row(*values: int | None) -> ApplicantCounts:
    names = [
        "natural_person",
        "commercial_enterprise",
        "research_institution",
        "public_interest_organization",
        "legal_service_agency",
        "other",
        "total",
    ]
    return ApplicantCounts(**dict(zip(names, values, strict=True)))


def _diagnostics(result: govinfo.read.ReadResult) -> list[tuple[str, str]]:
    return [(d.severity, d.message) for d in result.diagnostics]


# -- the seed ---------------------------------------------------------------------------------


def test_the_seed_text_reads_into_the_seed_example(seed_report: Report) -> None:
    result = read(EXAMPLES / "yulong-2023.txt")
    assert result.report == seed_report
    assert result.diagnostics == ()
    assert (result.format, result.encoding, result.edition) == ("text", "utf-8", Edition.E2021)
    assert not result.mixed


def test_the_seed_reads_the_same_in_gb18030_and_with_a_bom(seed_report: Report) -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    gb = read_bytes(text.encode("gb18030"), source="seed.txt")
    assert (gb.report, gb.encoding) == (seed_report, "gb18030")
    bom = read_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), source="seed.txt")
    assert (bom.report, bom.encoding) == (seed_report, "utf-8-sig")


# -- round trip through Word -------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([*Edition, None]).flatmap(
        lambda e: reports(mixed=True, blanks=True) if e is None else reports(edition=e, blanks=True)
    )
)
def test_a_report_rendered_by_govinfo_reads_back_equal(report: Report) -> None:
    result = read_bytes(render_bytes(report), source="report.docx")
    assert result.report == report
    assert result.format == "docx"
    assert not result.errors


@pytest.mark.parametrize("name", ["complete-2024.json", "yulong-2023.json"])
def test_the_examples_read_back_from_word(name: str) -> None:
    report = govinfo.load(EXAMPLES / name)
    assert read_bytes(render_bytes(report), source="x.docx").report == report


def test_an_office_s_own_table_reads_back_exactly() -> None:
    # Negative numbers and marks such as “/” are what the office typed: kept as they are.
    values = (-5, Decimal("-1.50"), "/", None, "12件", 0, Decimal("0.5"), "—", "1,000")
    report = govinfo.load(EXAMPLES / "yulong-2023.json").replace(
        extras=(
            govinfo.ExtraTable(
                title="自定义统计",
                columns=("项目", *(f"列{i}" for i in range(len(values)))),
                rows=(govinfo.ExtraRow(label="数量", values=values),),
            ),
        )
    )
    read = read_bytes(render_bytes(report), source="x.docx").report
    assert read.extras[0].rows[0].values == values
    assert [type(v) for v in read.extras[0].rows[0].values] == [type(v) for v in values]
    assert read == report


# -- a corpus of published-style sources ------------------------------------------------------


def test_typos_blanks_units_and_noise() -> None:
    result = read(CORPUS / "typos-blanks.txt")
    expected = update(
        blank_report("某县人民政府办公室", 2023),
        {
            "proactive.rules": govinfo.DocumentCounts(issued=None, repealed=None, in_force=None),
            "proactive.normative_documents": govinfo.DocumentCounts(
                issued=3, repealed=1, in_force=25
            ),
            "proactive.licensing": 3521,
            "proactive.penalties": 126,
            "proactive.enforcement": None,
            "proactive.fees": Decimal("12.5"),
            "requests.received": _row(10, 2, 0, 0, 0, 0, 12),
            "requests.carried_over": _row(0, 0, None, 0, 0, 0, 0),
            "requests.outcomes.disclosed": _row(6, 1, 0, 0, 0, 0, 7),
            "requests.outcomes.withheld.prohibited_by_law": _row(1, 0, 0, 0, 0, 0, 1),
            "requests.outcomes.unavailable.not_held": _row(2, 0, 0, 0, 0, 0, 2),
            "requests.outcomes.total": _row(9, 1, 0, 0, 0, 0, 10),
            "requests.carried_forward": _row(1, 1, 0, 0, 0, 0, 2),
            "review_litigation.review": CaseOutcomes(upheld=1, total=1),
        },
        recompute_totals=False,
    ).replace(
        preamble=(
            "本报告根据《中华人民共和国政府信息公开条例》编制。"
            "报告数据统计期限为2023年1月1日至2023年12月31日。",
        ),
        overview=(
            Part(heading="（一）主动公开", paragraphs=("全年主动公开政府信息1 200余条。",)),
            Part(
                heading="（二）依申请公开",
                paragraphs=("全年共受理政府信息公开申请１２件，全部按期答复。",),
            ),
        ),
        problems=(
            Part(heading="（一）存在的主要问题", paragraphs=("政策解读形式还不够丰富。",)),
            Part(heading="（二）改进情况", paragraphs=("下一步将增加图解解读。",)),
        ),
        other_matters=(Part(paragraphs=("本年度未收取信息处理费。",)),),
        signature=Signature(organ="某县人民政府办公室", date=dt.date(2024, 1, 25)),
    )
    assert result.report == expected
    # Blanks stay blank, each with what the source printed.
    assert result.blanks == {
        "proactive.rules.issued": "/",
        "proactive.rules.repealed": "/",
        "proactive.rules.in_force": "/",
        "proactive.enforcement": "—",
        "requests.carried_over.research_institution": "/",
    }
    # The web page around the report is left out, the typos are read, and all is said.
    assert _diagnostics(result) == [
        ("info", "before the title, ignored: “首页 > 政务公开 > 政府信息公开年报”"),
        (
            "info",
            "before the title, ignored: “发布时间：2024-01-25 来源：县政府办公室 字号：大 中 小”",
        ),
        ("info", "after the signature, ignored: “【打印本页】【关闭窗口】”"),
        (
            "info",
            "after the signature, ignored: "
            "“主办单位：某县人民政府办公室 版权所有 网站标识码：1234567890”",
        ),
        ("info", "“2.其他法律行政止公开” read as “2.其他法律行政法规禁止公开” (a typo)"),
        ("info", "“行政法复议” read as “行政复议” (a typo)"),
    ]
    assert [d.where for d in result.diagnostics] == [
        "line 1",
        "line 2",
        "line 88",
        "line 89",
        "line 44",
        "line 69",
    ]
    assert not result.errors
    # The relations that need a blank cell are not assessable: they neither pass nor fail;
    # the blank cells are listed as left to fill in.
    findings = check(result.report)
    assert {(f.rule, f.severity) for f in findings} == {
        ("COMPLETE-CELLS", Severity.WARNING),
        ("S3-BALANCE", Severity.NOTICE),
        ("S3-ROW-TOTAL", Severity.NOTICE),
    }


def test_the_2019_edition_with_signed_changes_and_a_contradiction_in_the_text() -> None:
    result = read(CORPUS / "edition-2019.txt")
    report = result.report
    assert result.edition is Edition.E2019
    assert report.edition is Edition.E2019
    proactive = report.proactive
    assert isinstance(proactive, govinfo.Proactive2019)
    assert (proactive.licensing.change, proactive.other_services.change) == (2, -3)
    assert proactive.enforcement.change == -1  # a full-width minus
    assert proactive.procurement.amount == Decimal("251000")
    assert report.requests.outcomes.other_handling == _row(1, 0, 0, 0, 0, 0, 1)
    assert _diagnostics(result) == [
        (
            "info",
            "表二政府集中采购·采购总金额: “251000元” is written with its unit (元); read as 251000",
        )
    ]
    (short, finding) = check(report)
    assert short.rule == "TEXT-S5-SHORT"  # 五: “公开专栏更新还不够及时。”
    assert (finding.rule, finding.severity) == ("TEXT-TABLE", Severity.WARNING)
    assert finding.message == (
        "一、总体情况：“2020年，共收到政府信息公开申请6件，予以公开4件。”中的 6 "
        "与表三一、本年新收政府信息公开申请数量·总计（5）不符"
    )
    assert finding.path == "$.overview[0].paragraphs[0]"


def test_an_html_page_in_gb18030_with_a_mixed_layout() -> None:
    result = read(CORPUS / "mixed-gb18030.html")
    report = result.report
    assert (result.format, result.encoding) == ("html", "gb18030")
    assert (report.organ, report.year, report.title) == ("某区教育局", 2022, None)
    assert result.layout == {
        "proactive": Edition.E2021,
        "requests.outcomes.other_handling": Edition.E2019,
    }
    assert result.mixed
    assert _diagnostics(result) == [
        ("info", "before the title, ignored: “首页 > 政务公开 > 年度报告”"),
        ("info", "web page text ignored: “发布时间：2023-01-18 来源：区教育局”"),
        ("info", "after the signature, ignored: “主办单位：某区人民政府 版权所有”"),
    ]
    assert report.proactive.licensing == 2315  # type: ignore[union-attr]
    assert report.proactive.normative_documents.in_force == 1024  # type: ignore[union-attr]
    assert report.proactive.fees == Decimal("0.85")  # type: ignore[union-attr]
    assert report.requests.outcomes.withheld.third_party_rights == _row(1, 0, 0, 0, 0, 0, 1)
    assert report.requests.outcomes.other_handling == _row(1, 0, 0, 0, 0, 0, 1)
    assert report.review_litigation.direct_suit == CaseOutcomes(upheld=1, pending=1, total=2)
    assert report.overview[0] == Part(
        heading="（一）主动公开。", paragraphs=("全年通过门户网站公开信息 860 条。",), run_in=True
    )
    assert report.problems == (
        Part(paragraphs=("信息更新不够及时。", "下一步将建立定期检查制度。")),
    )
    assert report.signature == Signature(organ="某区教育局", date=dt.date(2023, 1, 18))
    assert {f.rule for f in check(report)} == {"META-LAYOUT"}


def test_cells_that_cannot_be_told_apart_are_reported_not_guessed() -> None:
    result = read(CORPUS / "ambiguous.txt")
    errors = [(d.where, d.message) for d in result.errors]
    assert errors == [
        (
            "line 14",
            "表三二、上年结转政府信息公开申请数量: 9 cells where 7 numbers belong, 4 of them "
            "filled: which cell is which cannot be told",
        ),
        (
            None,
            "4 cell(s) of 表二 not found: 表二行政许可·本年处理决定数量、"
            "表二行政处罚·本年处理决定数量、表二行政强制·本年处理决定数量……",
        ),
    ]
    carried = result.report.requests.carried_over
    assert carried == _row(None, None, None, None, None, None, None)
    assert result.blanks["requests.carried_over.natural_person"] == "(unreadable)"
    assert result.blanks["proactive.licensing"] == "(not found)"
    # Numbers after a label, separated by single spaces, are read: as many as the row's cells.
    assert result.report.proactive.normative_documents == govinfo.DocumentCounts(
        issued=1, repealed=0, in_force=3
    )
    assert result.report.requests.received == _row(3, 0, 0, 0, 0, 0, 3)
    # The cells not read are listed as left to fill in; the relations that need them cannot
    # be assessed.
    findings = check(result.report)
    assert [f.section[0] for f in findings if f.rule == "COMPLETE-CELLS"] == ["二", "三"]
    assert {f.rule for f in findings if f.severity is not Severity.NOTICE} == {
        "COMPLETE-CELLS",
        "TEXT-S5-SHORT",  # 五 says “无。”
    }


def test_a_word_file_made_by_another_office(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("某镇人民政府")
    document.add_paragraph("2023年政府信息公开工作年度报告")
    document.add_paragraph("一、总体情况")
    document.add_paragraph("（一）主动公开。全年公开信息120条。")
    document.add_paragraph("二、主动公开政府信息情况")
    table = document.add_table(rows=0, cols=4)
    for cells in (
        ["第二十条第（一）项"],
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "0", "0", "0"],
        ["行政规范性文件", "1", "0", "9"],
        ["第二十条第（五）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政许可", "77"],
        ["第二十条第（六）项"],
        ["信息内容", "本年处理决定数量"],
        ["行政处罚", "5"],
        ["行政强制", "无"],
        ["第二十条第（八）项"],
        ["信息内容", "本年收费金额（单位：万元）"],
        ["行政事业性收费", "0"],
    ):
        row = table.add_row().cells
        if len(cells) == 1:
            row[0].merge(row[3]).text = cells[0]
        elif len(cells) == 2:
            row[0].text = cells[0]
            row[1].merge(row[3]).text = cells[1]
        else:
            for cell, text in zip(row, cells, strict=True):
                cell.text = text
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=0, cols=10)
    row = table.add_row().cells
    row[0].merge(
        row[2]
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    row = table.add_row().cells
    for i, label in enumerate(
        ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    ):
        row[3 + i].text = label
    for label in ("一、本年新收政府信息公开申请数量", "（一）予以公开", "（七）总计"):
        row = table.add_row().cells
        row[0].merge(row[2]).text = label
        for i in range(7):
            row[3 + i].text = "2" if i in (0, 6) else "0"  # 自然人 and 总计
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=1, cols=15)
    for cell in table.rows[0].cells:
        cell.text = "0"
    document.add_paragraph("五、存在的主要问题及改进情况")
    document.add_paragraph("无。")
    document.add_paragraph("六、其他需要报告的事项")
    document.add_paragraph("无。")
    path = tmp_path / "other.docx"
    document.save(str(path))

    result = read(path)
    report = result.report
    assert (report.organ, report.year, result.format) == ("某镇人民政府", 2023, "docx")
    assert report.proactive.licensing == 77  # type: ignore[union-attr]
    assert report.proactive.enforcement is None  # type: ignore[union-attr]
    assert result.blanks["proactive.enforcement"] == "无"
    assert report.proactive.normative_documents == govinfo.DocumentCounts(
        issued=1, repealed=0, in_force=9
    )
    assert report.requests.received == _row(2, 0, 0, 0, 0, 0, 2)
    assert report.requests.outcomes.total == _row(2, 0, 0, 0, 0, 0, 2)
    assert report.overview == (
        Part(heading="（一）主动公开。", paragraphs=("全年公开信息120条。",), run_in=True),
    )
    # The rows the office left out are reported, not taken for zeros.
    (missing,) = [d for d in result.errors if "not found" in d.message]
    assert (
        missing.message.startswith("20 cell(s) of 表三 not found")
        or "cell(s) of 表三 not found" in missing.message
    )
    assert result.blanks["requests.carried_forward.total"] == "(not found)"


# -- values and labels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value", "blank"),
    [
        ("0", Kind.COUNT, 0, False),
        ("", Kind.COUNT, None, True),
        ("/", Kind.COUNT, None, True),
        ("—", Kind.COUNT, None, True),
        ("-", Kind.COUNT, None, True),
        ("无", Kind.COUNT, None, True),
        ("１２", Kind.COUNT, 12, False),
        ("3,521", Kind.COUNT, 3521, False),
        ("12 件", Kind.COUNT, 12, False),
        ("+12", Kind.SIGNED, 12, False),
        ("-3", Kind.SIGNED, -3, False),
        ("－3", Kind.SIGNED, -3, False),
        ("128.35万元", Kind.MONEY, Decimal("128.35"), False),
        ("251000元", Kind.MONEY, Decimal("251000"), False),
    ],
)
def test_cell_values(text: str, kind: Kind, value: object, blank: bool) -> None:
    read_value = parse_value(text, kind)
    assert read_value.problem is None
    assert (read_value.value, read_value.blank) == (value, blank)
    if blank:
        assert read_value.value != 0


@pytest.mark.parametrize(
    ("text", "kind", "words"),
    [
        ("12.5", Kind.COUNT, "whole number"),
        ("-2", Kind.COUNT, "cannot be negative"),
        ("约20", Kind.COUNT, "cannot read"),
        ("3元", Kind.COUNT, "not an amount"),
        ("-1万元", Kind.MONEY, "cannot be negative"),
    ],
)
def test_unreadable_values_are_never_guessed(text: str, kind: Kind, words: str) -> None:
    read_value = parse_value(text, kind)
    assert read_value.value is None
    assert read_value.problem is not None
    assert words in read_value.problem


def test_labels_match_loosely_but_never_between_two_candidates() -> None:
    candidates = ["（一）予以公开", "（二）部分公开", "行政复议", "行政诉讼"]
    assert best_match("(一) 予以公开", candidates) == (0, 0)
    assert best_match("行政法复议", candidates) == (2, 1)
    assert best_match("行政X议", ["行政复议", "行政诉议"]) == (None, 0)  # as close to both


def test_a_bad_value_is_reported_with_its_place(tmp_path: Path) -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    path = tmp_path / "bad.txt"
    path.write_text(text.replace("行政处罚\t0", "行政处罚\t约5"), encoding="utf-8")
    result = read(path)
    (error,) = result.errors
    assert (error.where, error.path) == ("line 32", "$.proactive.penalties")
    assert "cannot read “约5” as a number" in error.message
    assert result.report.proactive.penalties is None  # type: ignore[union-attr]


def test_a_source_without_a_title_is_a_read_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("会议纪要\n一、总体情况\n", encoding="utf-8")
    with pytest.raises(ReadError, match="cannot find the report's title"):
        read(path)


def test_bytes_that_are_not_text_are_a_read_error() -> None:
    with pytest.raises(ReadError, match=r"neither UTF-8 text .* nor GB18030 text"):
        read_bytes(b"\x81\x30\x81", source="x.txt")


# -- the command ------------------------------------------------------------------------------


def test_read_command_writes_the_report(tmp_path: Path, seed_report: Report) -> None:
    out = tmp_path / "seed.json"
    result = run_cli("read", str(EXAMPLES / "yulong-2023.txt"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert govinfo.load(out) == seed_report
    assert "read as text, utf-8; tables of the 2021 edition" in result.stderr


def test_read_command_exits_1_when_something_could_not_be_read(tmp_path: Path) -> None:
    out = tmp_path / "x.json"
    result = run_cli("read", str(CORPUS / "ambiguous.txt"), "-o", str(out))
    assert result.returncode == 1
    assert "which cell is which cannot be told" in result.stderr
    assert govinfo.load(out).year == 2022


def test_check_and_cells_accept_published_files(tmp_path: Path) -> None:
    checked = run_cli("check", str(CORPUS / "mixed-gb18030.html"))
    assert checked.returncode == 0
    assert "mixed layout" in checked.stdout
    assert "[META-LAYOUT]" in checked.stdout
    as_json = json.loads(
        run_cli("check", "--format", "json", str(CORPUS / "typos-blanks.txt")).stdout
    )
    assert {d["severity"] for d in as_json[0]["read"]} == {"info"}
    cells = run_cli("cells", str(CORPUS / "edition-2019.txt"))
    assert cells.returncode == 0
    assert len(cells.stdout.splitlines()) == 1 + 22 + 161 + 15
    unreadable = tmp_path / "x.txt"
    unreadable.write_text("nothing here", encoding="utf-8")
    failed = run_cli("check", str(unreadable))
    assert failed.returncode == 2
    assert "cannot find the report's title" in failed.stderr
