"""The Word renderer: the official layout, every character and number in place, safe writes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Part, Report, update
from govinfo.render import (
    RenderError,
    RenderRefused,
    build_context,
    check_template,
    default_template_bytes,
    load_template,
    render_bytes,
    render_docx,
    render_many,
)
from govinfo.render._build import build_parts, layouts
from govinfo.render._context import display_value
from govinfo.render._zip import write_zip
from govinfo.strategies import reports

from . import docx_helpers as dx
from .conftest import EXAMPLES, ROOT, run_cli
from .test_model import SECTION_3_COLUMNS, SECTION_3_ROWS

TWIPS_PER_MM = 1440 / 25.4


@pytest.fixture(scope="module")
def rendered_full(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("render") / "full.docx"
    render_docx(govinfo.load(EXAMPLES / "complete-2024.json"), target)
    return target


# -- the template -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(layouts()))
def test_the_committed_templates_are_what_the_build_script_makes(name: str) -> None:
    committed = dx.parts(default_template_bytes(name))
    assert committed == build_parts(layouts()[name]), "stale: run python tools/build_template.py"


def test_the_templates_have_no_problems(tmp_path: Path) -> None:
    assert check_template(None) == []
    for name in layouts():
        path = tmp_path / name
        path.write_bytes(default_template_bytes(name))
        assert check_template(path) == [], name


def test_each_layout_is_rendered_with_the_template_drawn_for_it(tmp_path: Path) -> None:
    for edition in govinfo.Edition:
        report = govinfo.blank_report("某单位", 2020 if edition is govinfo.Edition.E2019 else 2024)
        target = tmp_path / f"{edition.value}.docx"
        render_docx(report, target, draft=True)
        labels = [dx.text_of(tc) for tc in dx.xml(target, "word/document.xml").iter(f"{dx.W}tc")]
        if edition is govinfo.Edition.E2019:
            assert "对外公开总数量" in labels
            assert "政府集中采购" in labels
            assert "3.其他" not in labels  # the single-row （六）其他处理
        else:
            assert "现行有效件数" in labels
            assert "3.其他" in labels


def test_a_custom_template_for_another_layout_is_refused_clearly(
    tmp_path: Path, full_report: Report
) -> None:
    template = tmp_path / "t2019.docx"
    template.write_bytes(default_template_bytes("report-2019.docx"))
    with pytest.raises(RenderError, match="another layout of proactive"):
        render_bytes(full_report, template=template)


# -- page and styles --------------------------------------------------------------------------


def test_page_is_a4_with_gb_t_9704_margins(rendered_full: Path) -> None:
    sect = dx.xml(rendered_full, "word/document.xml").find(f".//{dx.W}sectPr")
    assert sect is not None
    size = sect.find(f"{dx.W}pgSz")
    margins = sect.find(f"{dx.W}pgMar")
    grid = sect.find(f"{dx.W}docGrid")
    assert size is not None
    assert margins is not None
    assert grid is not None
    assert (size.get(f"{dx.W}w"), size.get(f"{dx.W}h")) == ("11906", "16838")

    def mm(name: str) -> float:
        return int(margins.get(f"{dx.W}{name}")) / TWIPS_PER_MM  # type: ignore[arg-type]

    assert mm("top") == pytest.approx(37, abs=1)
    assert mm("left") == pytest.approx(28, abs=1)
    assert mm("bottom") == pytest.approx(35, abs=1)
    assert mm("right") == pytest.approx(26, abs=1)
    assert mm("footer") == pytest.approx(25, abs=1)
    # The type area is 156 x 225 mm.
    assert (11906 - int(margins.get(f"{dx.W}left")) - int(margins.get(f"{dx.W}right"))) / (
        TWIPS_PER_MM
    ) == pytest.approx(156, abs=0.5)
    assert (grid.get(f"{dx.W}type"), grid.get(f"{dx.W}linePitch")) == ("lines", "579")


def test_body_text_is_16pt_fangsong_with_exact_spacing_and_indent(rendered_full: Path) -> None:
    styles = dx.xml(rendered_full, "word/styles.xml")
    normal = styles.find(f"{dx.W}style[@{dx.W}styleId='Normal']")
    assert normal is not None
    spacing = normal.find(f"{dx.W}pPr/{dx.W}spacing")
    assert spacing is not None
    assert spacing.get(f"{dx.W}line") == "579"
    assert spacing.get(f"{dx.W}lineRule") == "exact"
    assert normal.find(f"{dx.W}pPr/{dx.W}snapToGrid").get(f"{dx.W}val") == "0"  # type: ignore[union-attr]
    assert normal.find(f"{dx.W}pPr/{dx.W}ind").get(f"{dx.W}firstLine") == "630"  # type: ignore[union-attr]
    fonts = normal.find(f"{dx.W}rPr/{dx.W}rFonts")
    assert fonts is not None
    assert fonts.get(f"{dx.W}eastAsia") == "仿宋_GB2312"
    assert normal.find(f"{dx.W}rPr/{dx.W}sz").get(f"{dx.W}val") == "32"  # type: ignore[union-attr]
    assert normal.find(f"{dx.W}rPr/{dx.W}spacing").get(f"{dx.W}val") == "-5"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("style", "font", "size"),
    [
        ("GovTitle", "方正小标宋简体", "44"),
        ("GovHeading1", "黑体", None),
        ("GovHeading2", "楷体_GB2312", None),
        ("GovFooter", "宋体", "28"),
    ],
)
def test_heading_styles_name_their_east_asian_fonts(
    rendered_full: Path, style: str, font: str, size: str | None
) -> None:
    element = dx.xml(rendered_full, "word/styles.xml").find(
        f"{dx.W}style[@{dx.W}styleId='{style}']"
    )
    assert element is not None
    fonts = element.find(f"{dx.W}rPr/{dx.W}rFonts")
    assert fonts is not None
    assert fonts.get(f"{dx.W}eastAsia") == font
    assert fonts.get(f"{dx.W}hint") == "eastAsia"
    if size is not None:
        assert element.find(f"{dx.W}rPr/{dx.W}sz").get(f"{dx.W}val") == size  # type: ignore[union-attr]
    assert element.find(f"{dx.W}rPr/{dx.W}b") is None  # no bold


def test_every_font_declaration_names_an_east_asian_font_and_sizes_are_official(
    rendered_full: Path,
) -> None:
    allowed = {"44", "32", "28", "24", "21"}  # 二号 三号 四号 小四 五号
    for name in ("word/styles.xml", "word/document.xml", "word/footer1.xml", "word/header1.xml"):
        root = dx.xml(rendered_full, name)
        for fonts in root.iter(f"{dx.W}rFonts"):
            assert fonts.get(f"{dx.W}eastAsia"), name
        for size in root.iter(f"{dx.W}sz"):
            assert size.get(f"{dx.W}val") in allowed, name


def test_properties_are_in_schema_order(rendered_full: Path) -> None:
    order = ["rStyle", "rFonts", "b", "bCs", "color", "spacing", "sz", "szCs", "lang"]
    for name in ("word/styles.xml", "word/document.xml"):
        for rpr in dx.xml(rendered_full, name).iter(f"{dx.W}rPr"):
            tags = [child.tag.removeprefix(dx.W) for child in rpr]
            assert tags == sorted(tags, key=order.index), (name, tags)


def test_page_numbers_are_dashes_around_a_page_field_odd_right_even_left(
    rendered_full: Path,
) -> None:
    settings_xml = dx.xml(rendered_full, "word/settings.xml")
    assert settings_xml.find(f"{dx.W}evenAndOddHeaders") is not None
    sect = dx.xml(rendered_full, "word/document.xml").find(f".//{dx.W}sectPr")
    assert sect is not None
    refs = {r.get(f"{dx.W}type") for r in sect.iterfind(f"{dx.W}footerReference")}
    assert refs == {"default", "even"}
    for name, side in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = dx.xml(rendered_full, name)
        assert dx.text_of(footer).replace("1", "N") == "— N —"
        assert "PAGE" in "".join(footer.itertext())
        assert footer.find(f".//{dx.W}jc").get(f"{dx.W}val") == side  # type: ignore[union-attr]
        assert footer.find(f".//{dx.W}ind").get(f"{dx.W}{side}") == "280"  # type: ignore[union-attr]


# -- the tables -------------------------------------------------------------------------------


def _expected_requests_body() -> list[list[tuple[str, int, str | None]]]:
    # format.md: 三、本年度办理结果 spans body rows 3-24; （三） 5-12, （四） 13-15, （五） 16-20,
    # （六） 21-23; every other label spans the remaining label columns. The table is taller
    # than a page and meets the next one at （五）: there 三、本年度办理结果 is printed again.
    groups = {(3, 15): 0, (16, 24): 0, (5, 12): 1, (13, 15): 1, (16, 20): 1, (21, 23): 1}
    rows = []
    for number, path in enumerate(SECTION_3_ROWS, start=1):
        labels = path.split("/")
        cells: list[tuple[str, int, str | None]] = []
        for level in range(len(labels) - 1):
            (start, _end) = next(
                (a, b) for (a, b), col in groups.items() if col == level and a <= number <= b
            )
            first = number == start
            cells.append((labels[level] if first else "", 1, "restart" if first else "continue"))
        cells.append((labels[-1], 3 - (len(labels) - 1), None))
        rows.append(cells)
    return rows


def test_section_3_has_exactly_the_official_merges(rendered_full: Path) -> None:
    table = list(dx.xml(rendered_full, "word/document.xml").iter(f"{dx.W}tbl"))[1]
    signature = dx.table_signature(table)
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert signature[0] == [(note, 3, "restart"), ("申请人情况", 7, None)]
    assert signature[1] == [
        ("", 3, "continue"),
        ("自然人", 1, "restart"),
        ("法人或其他组织", 5, None),
        ("总计", 1, "restart"),
    ]
    assert signature[2] == [
        ("", 3, "continue"),
        ("", 1, "continue"),
        *[(c.split("/")[1], 1, None) for c in SECTION_3_COLUMNS[1:6]],
        ("", 1, "continue"),
    ]
    body = signature[3:]
    assert len(body) == 25
    for row, expected in zip(body, _expected_requests_body(), strict=True):
        assert row[: len(expected)] == expected
        assert [(span, merge) for _, span, merge in row[len(expected) :]] == [(1, None)] * 7


def test_section_4_has_exactly_the_official_merges(rendered_full: Path) -> None:
    table = list(dx.xml(rendered_full, "word/document.xml").iter(f"{dx.W}tbl"))[2]
    signature = dx.table_signature(table)
    outcomes = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert signature[0] == [("行政复议", 5, None), ("行政诉讼", 10, None)]
    assert signature[1] == [
        *[(o, 1, "restart") for o in outcomes],
        ("未经复议直接起诉", 5, None),
        ("复议后起诉", 5, None),
    ]
    assert signature[2] == [("", 1, "continue")] * 5 + [(o, 1, None) for o in outcomes] * 2
    assert [(span, merge) for _, span, merge in signature[3]] == [(1, None)] * 15


def test_section_2_has_four_blocks_with_captions_and_units(rendered_full: Path) -> None:
    table = next(dx.xml(rendered_full, "word/document.xml").iter(f"{dx.W}tbl"))
    signature = dx.table_signature(table)
    texts = [[text for text, _, _ in row] for row in signature]
    assert texts[0] == ["第二十条第（一）项"]
    assert texts[1] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert texts[2] == ["规章", "0", "0", "0"]
    assert texts[3] == ["行政规范性文件", "12", "3", "86"]
    assert ["信息内容", "本年收费金额（单位：万元）"] in texts
    assert ["行政事业性收费", "128.35"] in texts
    assert signature[0][0][1] == 4  # captions span the four grid columns
    assert len(signature) == 14


def test_each_number_is_in_its_labelled_cell(rendered_full: Path) -> None:
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    numbers = dx.read_numbers(rendered_full, report)
    assert numbers["requests.outcomes.total.total"] == "183"
    assert numbers["proactive.fees"] == "128.35"
    for cell in govinfo.cells(report):
        expected = f"{cell.value:f}" if isinstance(cell.value, Decimal) else str(cell.value)
        assert numbers[cell.spec.dotted] == expected, cell.spec.place


def test_no_template_tags_are_left(rendered_full: Path) -> None:
    for name, data in dx.parts(rendered_full).items():
        text = data.decode("utf-8", "replace")
        for tag in ("{{", "{%", "{#"):
            assert tag not in text, name


def test_the_body_does_not_end_with_a_table(rendered_full: Path) -> None:
    body = dx.xml(rendered_full, "word/document.xml").find(f"{dx.W}body")
    assert body is not None
    assert [child.tag.removeprefix(dx.W) for child in body][-2:] == ["p", "sectPr"]


def test_python_docx_opens_the_result(rendered_full: Path) -> None:
    document = __import__("docx").Document(str(rendered_full))
    assert len(document.tables) == 3
    assert (
        document.core_properties.title == "示例市示范区人民政府办公室2024年政府信息公开工作年度报告"
    )


# -- text -------------------------------------------------------------------------------------


TRICKY = [
    "A & B < C > D \"quoted\" 'single' &amp; &lt;",
    "{{ organ }} {% if true %}x{% endif %} {# note #} {_{ escaped }_}",
    "全角标点：，。、；！？“”‘’（）《》〔〕【】——……·％",
    "tab\there",
    "长" * 5000,
    "Ünïcödé — emoji 🎉 — 𠀀 (outside the BMP)",
]


def _with_text(report: Report, paragraphs: list[str]) -> Report:
    return report.replace(
        preamble=tuple(paragraphs[:1]),
        overview=(Part(heading="（一）特殊字符 & <标题>", paragraphs=tuple(paragraphs)),),
        problems=(Part(heading="1.仿宋标题", paragraphs=("问题。",), run_in=True),),
        other_matters=(Part(paragraphs=("{{ requests.received.total }}",)),),
    )


def test_every_character_of_user_text_appears_literally(
    tmp_path: Path, full_report: Report
) -> None:
    report = _with_text(full_report, TRICKY)
    target = tmp_path / "text.docx"
    render_docx(report, target)
    found = dx.paragraphs(target)
    texts = [text for text, _ in found]
    for paragraph in TRICKY:
        assert texts.count(paragraph) >= 1, paragraph[:40]
    assert ("（一）特殊字符 & <标题>", "GovHeading2") in found
    assert "1.仿宋标题问题。" in texts  # a 仿宋-level run-in heading starts its paragraph
    assert "{{ requests.received.total }}" in texts


def test_each_paragraph_is_its_own_word_paragraph_with_the_body_indent(
    tmp_path: Path, full_report: Report
) -> None:
    report = _with_text(full_report, ["第一段。", "第二段。", "第三段。"])
    target = tmp_path / "paras.docx"
    render_docx(report, target)
    found = dx.paragraphs(target)
    for text in ("第一段。", "第二段。", "第三段。"):
        assert (text, None) in found  # Normal: its own paragraph, the style's first-line indent
    body = dx.xml(target, "word/document.xml").find(f"{dx.W}body")
    assert body is not None
    # No soft line breaks standing in for paragraphs (table labels are broken by hand).
    assert not [br for p in body.iterfind(f"{dx.W}p") for br in p.iter(f"{dx.W}br")]


def _paragraph_runs(path: Path, start: str) -> list[tuple[str, str | None]]:
    for p in dx.xml(path, "word/document.xml").iter(f"{dx.W}p"):
        if dx.text_of(p).startswith(start):
            runs = []
            for r in p.iterfind(f"{dx.W}r"):
                style = r.find(f"{dx.W}rPr/{dx.W}rStyle")
                runs.append((dx.text_of(r), style.get(f"{dx.W}val") if style is not None else None))
            return [run for run in runs if run[0]]
    raise AssertionError(f"no paragraph starts with {start}")


def test_run_in_headings_take_the_font_of_their_level(tmp_path: Path, seed_report: Report) -> None:
    report = seed_report.replace(
        problems=(Part(heading="（一）存在的问题。", paragraphs=("一是……",), run_in=True),)
    )
    target = tmp_path / "seed.docx"
    render_docx(report, target)
    # （一） level: a 楷体 run at the start of the paragraph.
    assert _paragraph_runs(target, "（一）存在的问题。") == [
        ("（一）存在的问题。", "GovLead"),
        ("一是……", None),
    ]
    # （1） level: 仿宋 like the body; its own run still records where the heading ends.
    assert _paragraph_runs(target, "（1）通过街道") == [
        ("（1）通过街道、社区公告栏、电子屏公开信息。", "GovLeadPlain"),
        (
            "及时发布公开指南、规范性文件、重大活动、政策法规等各类信息 1100 余条。其中，"
            "业务动态类信息 300 余条，宣传活动信息 600 余条。",
            None,
        ),
    ]


def test_the_title_is_split_by_hand_into_balanced_lines(
    tmp_path: Path, seed_report: Report
) -> None:
    target = tmp_path / "seed.docx"
    render_docx(seed_report, target)
    titles = [text for text, style in dx.paragraphs(target) if style == "GovTitle"]
    assert titles == ["阜新市细河区玉龙街道", "2023 年政府信息公开工作年度报告"]


def test_the_signature_is_printed_with_a_chinese_date(tmp_path: Path, full_report: Report) -> None:
    target = tmp_path / "sig.docx"
    render_docx(full_report, target)
    signature = [text for text, style in dx.paragraphs(target) if style == "GovSignature"]
    assert signature == ["示例市示范区人民政府办公室", "2025年1月20日"]


def test_text_with_a_control_character_gets_a_clear_error_naming_the_field(tmp_path: Path) -> None:
    doc = (EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text(
        doc.replace("依申请公开办理情况。", "依申请公开\\u000b办理情况。"), encoding="utf-8"
    )
    out = tmp_path / "out.docx"
    result = run_cli("render", str(bad), "-o", str(out))
    assert result.returncode == 2
    assert "$.overview[3].heading (一、总体情况)" in result.stderr
    assert "U+000B" in result.stderr
    assert not out.exists()


# -- verification, refusal, atomic writes -----------------------------------------------------


def test_a_report_with_errors_is_refused_and_nothing_is_written(
    tmp_path: Path, full_report: Report
) -> None:
    wrong = update(full_report, {"requests.received.total": 1}, recompute_totals=False)
    target = tmp_path / "out.docx"
    with pytest.raises(RenderRefused) as info:
        render_docx(wrong, target)
    assert any(f.rule == "S3-ROW-TOTAL" for f in info.value.findings)
    assert not target.exists()


def test_a_draft_is_rendered_and_marked_on_every_page(tmp_path: Path, full_report: Report) -> None:
    wrong = update(full_report, {"requests.received.total": 1}, recompute_totals=False)
    target = tmp_path / "draft.docx"
    result = render_docx(wrong, target, draft=True)
    assert result.draft
    sect = dx.xml(target, "word/document.xml").find(f".//{dx.W}sectPr")
    assert sect is not None
    headers = {r.get(f"{dx.W}type") for r in sect.iterfind(f"{dx.W}headerReference")}
    assert headers == {"default", "even"}
    for name in ("word/header1.xml", "word/header2.xml"):
        assert dx.text_of(dx.xml(target, name)).startswith("草稿")
    clean = tmp_path / "clean.docx"
    render_docx(full_report, clean)
    assert "草稿" not in dx.text_of(dx.xml(clean, "word/header1.xml"))


def test_the_same_report_renders_to_the_same_bytes_whatever_was_rendered_before(
    full_report: Report,
) -> None:
    first = render_bytes(full_report)
    wrong = update(full_report, {"requests.received.total": 1}, recompute_totals=False)
    draft = render_bytes(wrong, draft=True)
    assert render_bytes(full_report) == first
    for data, marked in ((first, False), (draft, True)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None  # every entry's CRC matches its content
            header = archive.read("word/header1.xml").decode()
        assert ("草稿" in header) is marked


def test_a_number_that_does_not_read_back_stops_the_render(
    tmp_path: Path, full_report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govinfo.render import _render

    def wrong_context(report: Report, **options: Any) -> dict[str, Any]:
        context = build_context(report, **options)
        context["requests"]["received"]["natural_person"] = "125"
        return context

    monkeypatch.setattr(_render, "build_context", wrong_context)
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous version")
    with pytest.raises(
        RenderError, match="表三一、本年新收政府信息公开申请数量·自然人 reads '125'"
    ):
        render_docx(full_report, target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def _truncated(entries: list[Any]) -> bytes:
    return write_zip(entries)[:-40]  # the central directory cut short


def _document_checksum_wrong(entries: list[Any]) -> bytes:
    return write_zip(
        [attrs.evolve(e, crc=e.crc ^ 1) if e.name == "word/document.xml" else e for e in entries]
    )


@pytest.mark.parametrize("broken", [_truncated, _document_checksum_wrong])
def test_a_package_that_does_not_read_back_is_not_written(
    tmp_path: Path,
    full_report: Report,
    monkeypatch: pytest.MonkeyPatch,
    broken: Callable[[list[Any]], bytes],
) -> None:
    from govinfo.render import _render

    monkeypatch.setattr(_render, "write_zip", broken)
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous version")
    with pytest.raises(RenderError, match="cannot be read back"):
        render_docx(full_report, target)
    assert target.read_bytes() == b"previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_a_failing_template_leaves_an_existing_output_untouched(
    tmp_path: Path, full_report: Report
) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "{{ no_such_variable }}")
    target = tmp_path / "out.docx"
    target.write_bytes(b"previous version")
    with pytest.raises(RenderError, match="no_such_variable"):
        render_docx(full_report, target, template)
    assert target.read_bytes() == b"previous version"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["custom.docx", "out.docx"]


# -- custom templates -------------------------------------------------------------------------


def _custom_template(tmp_path: Path, old: str, new: str) -> Path:
    entries = dx.parts(default_template_bytes())
    document = entries["word/document.xml"].decode("utf-8")
    assert old in document
    entries["word/document.xml"] = document.replace(old, new, 1).encode("utf-8")
    path = tmp_path / "custom.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


def test_a_custom_template_renders_with_its_own_text(tmp_path: Path, full_report: Report) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "一、总体情况（{{ organ }}）")
    target = tmp_path / "out.docx"
    render_docx(full_report, target, template)
    texts = [text for text, _ in dx.paragraphs(target)]
    assert "一、总体情况（示例市示范区人民政府办公室）" in texts


def test_a_template_cannot_reach_python_internals(tmp_path: Path, full_report: Report) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "{{ organ.__class__.__mro__ }}")
    with pytest.raises(RenderError, match=r"sandbox|unsafe|__class__"):
        render_bytes(full_report, template=template)


def test_an_undefined_variable_is_an_error_naming_it(tmp_path: Path, full_report: Report) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "{{ requests.recieved.total }}")
    with pytest.raises(RenderError, match="recieved"):
        render_bytes(full_report, template=template)


def test_template_check_reports_unknown_variables_before_rendering(tmp_path: Path) -> None:
    template = _custom_template(
        tmp_path, "一、总体情况", "{{ orgen }}{{ requests.recieved.total }}"
    )
    problems = [str(p) for p in check_template(template)]
    assert any("unknown variable 'orgen'" in p for p in problems)
    assert any("unknown variable 'requests.recieved'" in p for p in problems)
    result = run_cli("template", "--check", str(template))
    assert result.returncode == 1
    assert "orgen" in result.stdout


def test_template_check_warns_about_cells_a_template_does_not_print(tmp_path: Path) -> None:
    template = _custom_template(
        tmp_path,
        "{{ requests.received.natural_person }}",
        "共{{ requests.received.natural_person }}",
    )
    problems = check_template(template)
    warnings = [p for p in problems if p.severity == "warning"]
    assert ["requests.received.natural_person" in p.message for p in warnings] == [True]
    # And the document it makes cannot be verified: the cell holds “共1”, not a number.
    (error,) = [p for p in problems if p.severity == "error"]
    assert "verification failed" in error.message
    assert "共1" in error.message


def test_a_file_that_is_not_a_template_is_a_clear_error(
    tmp_path: Path, full_report: Report
) -> None:
    bogus = tmp_path / "bogus.docx"
    bogus.write_text("not a zip", encoding="utf-8")
    with pytest.raises(RenderError, match="not a Word document"):
        render_bytes(full_report, template=bogus)
    result = run_cli("template", "--check", str(bogus))
    assert result.returncode == 2  # not a template at all: a failure, not a finding
    assert "not a Word document" in result.stderr


def test_templates_are_compiled_once_per_process() -> None:
    assert load_template(None) is load_template(None)


def test_template_export_writes_the_shipped_template(tmp_path: Path) -> None:
    target = tmp_path / "mine.docx"
    assert run_cli("template", "--export", str(target)).returncode == 0
    assert target.read_bytes() == default_template_bytes()
    assert run_cli("template", "--export", str(target)).returncode == 2  # no silent overwrite


# -- batches and the command ------------------------------------------------------------------


def test_render_many_goes_on_after_a_bad_report(tmp_path: Path, full_report: Report) -> None:
    wrong = tmp_path / "wrong.json"
    govinfo.dump(update(full_report, {"requests.received.total": 1}, recompute_totals=False), wrong)
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    inputs = [EXAMPLES / "yulong-2023.json", wrong, broken, EXAMPLES / "complete-2024.json"]
    seen: list[int] = []
    results = render_many(inputs, tmp_path / "out", progress=lambda n, _item: seen.append(n))
    assert seen == [1, 2, 3, 4]
    assert [r.output.name if r.output else None for r in results] == [
        "yulong-2023.docx",
        None,
        None,
        "complete-2024.docx",
    ]
    assert results[1].error is not None
    assert results[1].error.startswith("refused:")
    assert results[2].error is not None
    assert "not valid JSON" in results[2].error
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "complete-2024.docx",
        "yulong-2023.docx",
    ]


def test_render_command_single_and_batch(tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    result = run_cli("render", str(EXAMPLES / "yulong-2023.json"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.exists()
    batch = run_cli("render", *map(str, sorted(EXAMPLES.glob("*.json"))), "-d", str(tmp_path / "b"))
    assert batch.returncode == 0, batch.stderr
    assert "rendered 2 of 2" in batch.stderr


def test_render_command_refuses_errors_and_renders_drafts(
    tmp_path: Path, full_report: Report
) -> None:
    wrong = tmp_path / "wrong.json"
    govinfo.dump(update(full_report, {"requests.received.total": 1}, recompute_totals=False), wrong)
    out = tmp_path / "wrong.docx"
    refused = run_cli("render", str(wrong), "-o", str(out))
    assert refused.returncode == 1
    assert "S3-ROW-TOTAL" in refused.stderr
    assert "--draft" in refused.stderr
    assert not out.exists()
    drafted = run_cli("render", str(wrong), "-o", str(out), "--draft")
    assert drafted.returncode == 0
    assert "草稿" in drafted.stderr


# -- property ---------------------------------------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from([*govinfo.Edition, None]).flatmap(
        lambda e: reports(mixed=True) if e is None else reports(edition=e)
    )
)
def test_any_valid_report_renders_and_its_numbers_read_back(tmp_path: Path, report: Report) -> None:
    target = tmp_path / "generated.docx"
    render_docx(report, target)
    numbers = dx.read_numbers(target, report)
    for cell in govinfo.cells(report):
        assert numbers[cell.spec.dotted] == display_value(cell.value, cell.spec.kind)


def test_a_signed_change_is_printed_with_its_sign(tmp_path: Path) -> None:
    report = update(
        govinfo.blank_report("某单位", 2020),
        {"proactive.licensing.change": 12, "proactive.penalties.change": -3},
    )
    target = tmp_path / "signed.docx"
    render_docx(report, target, draft=True)
    numbers = dx.read_numbers(target, report)
    assert numbers["proactive.licensing.change"] == "+12"
    assert numbers["proactive.penalties.change"] == "-3"
    assert numbers["proactive.enforcement.change"] == "0"


def test_readme_quick_start_renders_the_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "govinfo render examples/yulong-2023.json" in readme


# -- custom templates cannot slip a wrong document through ------------------------------------


def test_a_number_hard_coded_in_a_custom_template_is_caught(
    tmp_path: Path, full_report: Report
) -> None:
    template = _custom_template(tmp_path, "{{ requests.received.total }}", "182")
    wrong = update(full_report, {"requests.received.natural_person": 153})  # total now 183
    with pytest.raises(RenderError, match=r"总计 reads '182' in the document, expected '183'"):
        render_bytes(wrong, template=template)


def test_placeholders_swapped_between_cells_are_caught(tmp_path: Path, full_report: Report) -> None:
    entries = dx.parts(default_template_bytes())
    document = entries["word/document.xml"].decode("utf-8")
    a, b = "{{ requests.received.natural_person }}", "{{ requests.received.commercial_enterprise }}"
    document = document.replace(a, "@@").replace(b, a).replace("@@", b)
    entries["word/document.xml"] = document.encode("utf-8")
    template = tmp_path / "swapped.docx"
    with zipfile.ZipFile(template, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    with pytest.raises(RenderError, match="自然人 reads '18'"):
        render_bytes(full_report, template=template)


def test_a_template_filter_on_a_number_is_caught(tmp_path: Path, full_report: Report) -> None:
    template = _custom_template(
        tmp_path, "{{ requests.received.total }}", "{{ requests.received.total|int + 1 }}"
    )
    with pytest.raises(RenderError, match="reads '183'"):
        render_bytes(full_report, template=template)


def test_a_draft_needs_a_template_that_marks_drafts(tmp_path: Path, full_report: Report) -> None:
    entries = dx.parts(default_template_bytes())
    for name in ("word/header1.xml", "word/header2.xml"):
        header = entries[name].decode("utf-8")
        entries[name] = header.replace("草稿", "").encode("utf-8")
    template = tmp_path / "unmarked.docx"
    with zipfile.ZipFile(template, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    with pytest.raises(RenderError, match="does not mark drafts"):
        render_bytes(full_report, template=template, draft=True)
    render_bytes(full_report, template=template)  # a filed document needs no mark
    assert any("does not mark drafts" in str(p) for p in check_template(template))


def test_an_unclosed_tag_is_a_template_error(tmp_path: Path, full_report: Report) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "{{ organ 一、总体情况")
    with pytest.raises(RenderError, match="is not closed with “}}”"):
        render_bytes(full_report, template=template)
    (problem,) = check_template(template)
    assert "is not closed" in problem.message


@pytest.mark.parametrize(
    "expression",
    [
        "{{ 1/0 }}",
        "{{ range(10**9)|list|length }}",
        "{% include 'other' %}",
        "{{ '%(a)s' % requests }}",
    ],
)
def test_a_failing_template_expression_is_a_render_error(
    tmp_path: Path, full_report: Report, expression: str
) -> None:
    template = _custom_template(tmp_path, "一、总体情况", expression)
    with pytest.raises(RenderError):
        render_bytes(full_report, template=template)


def test_one_report_failing_in_a_template_does_not_stop_a_batch(
    tmp_path: Path, full_report: Report
) -> None:
    template = _custom_template(
        tmp_path,
        "一、总体情况",
        "一、总体情况{{ (100 / requests.received.total|int)|round(1) }}",
    )
    zero = update(govinfo.blank_report("某单位", 2024), {})
    results = render_many([full_report, zero], tmp_path / "out", template)
    assert results[0].error is None
    assert results[1].error is not None
    assert "ZeroDivisionError" in results[1].error


def test_a_misspelt_name_on_a_mapping_is_an_error_not_a_method(
    tmp_path: Path, full_report: Report
) -> None:
    template = _custom_template(tmp_path, "一、总体情况", "{{ requests.itmes }}")
    with pytest.raises(RenderError, match="itmes"):
        render_bytes(full_report, template=template)


def test_template_check_knows_the_jinja_globals(tmp_path: Path) -> None:
    template = _custom_template(
        tmp_path, "一、总体情况", "一、总体情况{% for i in range(1) %}{% endfor %}"
    )
    assert check_template(template) == []


def test_a_custom_template_that_drops_extra_tables_is_refused(
    tmp_path: Path, full_report: Report
) -> None:
    template = _custom_template(tmp_path, "{{p extra_tables.other_matters }}", "")
    report = full_report.replace(
        extras=(govinfo.ExtraTable(title="自定义", columns=("项目", "数"), rows=()),)
    )
    with pytest.raises(RenderError, match="does not print the office's own tables"):
        render_bytes(report, template=template)
    render_bytes(full_report, template=template)  # no extra tables: nothing to lose


def test_the_output_cannot_replace_the_input(tmp_path: Path, full_report: Report) -> None:
    path = tmp_path / "report.json"
    govinfo.dump(full_report, path)
    before = path.read_bytes()
    same = run_cli("render", str(path), "-o", str(path))
    assert same.returncode == 2
    assert "is the input" in same.stderr
    assert path.read_bytes() == before
    pdf = run_cli("render", str(path), "-o", str(tmp_path / "x.pdf"), "--pdf")
    assert pdf.returncode == 2
    assert "-o names the Word file" in pdf.stderr


def test_template_export_like_a_mixed_report(tmp_path: Path, full_report: Report) -> None:
    mixed = update(
        full_report, {"requests.outcomes.other_handling": govinfo.ApplicantCounts(natural_person=2)}
    )
    report_path = tmp_path / "mixed.json"
    govinfo.dump(mixed, report_path)
    template = tmp_path / "mixed.docx"
    result = run_cli("template", "--export", str(template), "--like", str(report_path))
    assert result.returncode == 0, result.stderr
    assert template.read_bytes() == default_template_bytes("report-2021-other-handling2019.docx")
    render_docx(mixed, tmp_path / "out.docx", template)
