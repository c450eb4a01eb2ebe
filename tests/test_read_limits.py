"""Reading crafted and damaged sources: each ends in a report or in a clear error, within the
limits — never a traceback, never memory or time that grows without bound, never a number
read wrong; and the page a person edited wins over what the document hides."""

from __future__ import annotations

import struct

import pytest

import govinfo
from govinfo import LimitExceeded, Report
from govinfo.limits import DEFAULT, Limits, using
from govinfo.read import ReadError, read_bytes
from govinfo.render import render_bytes

from . import docx_helpers as dx
from .conftest import EXAMPLES, run_cli
from .docx_helpers import parts

# -- HTML -------------------------------------------------------------------------------------


def test_loose_text_over_two_lines_between_blocks_is_one_paragraph() -> None:
    loose = "本年度，我单位\n  认真贯彻落实《条例》。"
    page = dx.page(f"<div><p>一、总体情况</p>{loose}<p>（一）主动公开</p></div>")
    result = read_bytes(page, source="page.html")
    assert result.report.overview[0].paragraphs == ("本年度，我单位 认真贯彻落实《条例》。",)


def test_deep_nesting_reads_without_recursion_up_to_the_limit() -> None:
    depth = DEFAULT.nesting_depth - 10  # far beyond Python's recursion limit of 1000 frames?
    page = dx.page("<div>" * depth + "<p>一、总体情况</p><p>正文。</p>" + "</div>" * depth)
    result = read_bytes(page, source="deep.html")
    assert result.report.overview == (govinfo.Part(paragraphs=("正文。",)),)


@pytest.mark.parametrize(
    ("body", "depth"),
    [
        ("<div>" * 1000 + "x" + "</div>" * 1000, 1001),
        ("<table><tr><td>" * 400 + "x" + "</td></tr></table>" * 400, 1001),
    ],
)
def test_nesting_beyond_the_limit_is_a_clear_error(body: str, depth: int) -> None:
    with pytest.raises(LimitExceeded) as info:
        read_bytes(dx.page(body), source="deep.html")
    assert (info.value.limit, info.value.value) == ("nesting_depth", depth)
    assert str(info.value).startswith("deep.html: <")


def test_row_and_column_spans_cannot_make_a_small_page_a_huge_grid() -> None:
    # 13 KB: three hundred cells spanning a thousand rows and columns each.
    cells = "".join(f'<td rowspan="1000" colspan="1000">{i}</td>' for i in range(300))
    page = dx.page(f"<table><tr>{cells}</tr><tr><td>1</td></tr><tr><td>2</td></tr></table>")
    assert len(page) < 14_000
    with pytest.raises(LimitExceeded) as info:
        read_bytes(page, source="spans.html")
    assert info.value.limit == "table_cells"
    assert "spans.html: table 1, row 1" in str(info.value)


def test_a_row_span_ends_with_its_table_and_a_column_span_is_bounded() -> None:
    page = dx.page(
        "<p>一、总体情况</p><p>x</p><p>六、其他需要报告的事项</p>"
        '<p>表</p><table><tr><td>项目</td><td>数</td></tr><tr><td>a</td><td rowspan="9999">5</td>'
        "</tr></table>"
    )
    table = read_bytes(page, source="p.html").report.extras[0]
    assert [row.values for row in table.rows] == [(5,)]
    wide = dx.page('<table><tr><td colspan="1001">x</td></tr></table>')
    with pytest.raises(LimitExceeded, match="a cell spanning 1001 columns"):
        read_bytes(wide, source="wide.html")


def test_a_page_of_too_many_tags_or_paragraphs_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(LimitExceeded, match="markup_tags"):
        read_bytes(dx.page("<b>x</b>" * 600_000), source="tags.html")
    with pytest.raises(LimitExceeded, match="paragraphs"):
        read_bytes(dx.page("<br>" * 60_000), source="breaks.html")


# -- text -------------------------------------------------------------------------------------


def test_too_many_lines_or_too_long_a_line_is_refused_with_its_place() -> None:
    with pytest.raises(LimitExceeded, match="paragraphs"):
        read_bytes(b"x\n" * 60_000, source="lines.txt")
    text = "某某单位2023年政府信息公开工作年度报告\n" + "x" * (DEFAULT.text_chars + 1)
    with pytest.raises(LimitExceeded) as info:
        read_bytes(text.encode(), source="long.txt")
    assert str(info.value).startswith("long.txt: line 2: 100001 characters")


# -- Word -------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused_by_its_declared_size_before_decompressing() -> None:
    bomb = dx.zipped({"word/document.xml": b" " * (DEFAULT.part_bytes + 1)})
    assert len(bomb) < 100_000
    with pytest.raises(LimitExceeded) as info:
        read_bytes(bomb, source="bomb.docx")
    assert info.value.limit == "part_bytes"
    assert "bomb.docx: word/document.xml" in str(info.value)
    many = dx.zipped({f"word/media/{i}.bin": b"" for i in range(DEFAULT.package_parts + 1)})
    with pytest.raises(LimitExceeded, match="package_parts"):
        read_bytes(many, source="many.docx")


def test_a_part_whose_declared_size_lies_is_not_decompressed_beyond_it() -> None:
    data = bytearray(dx.zipped({"word/document.xml": b" " * 10_000_000}))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 100)  # the directory's uncompressed size
    struct.pack_into("<I", data, 22, 100)  # the local header's
    with pytest.raises(ReadError, match="not a readable zip archive"):
        read_bytes(bytes(data), source="liar.docx")
    with using(Limits(part_bytes=1000)):
        honest = dx.zipped({"word/document.xml": b" " * 2000})
        with pytest.raises(LimitExceeded, match="part_bytes"):
            read_bytes(honest, source="x.docx")


def test_cell_spans_in_a_word_table_are_bounded() -> None:
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    row = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="999"/></w:tcPr><w:p/></w:tc></w:tr>'
    body = (
        "<w:p><w:r><w:t>某某单位2023年政府信息公开工作年度报告</w:t></w:r></w:p>"
        f"<w:tbl>{row * 200}</w:tbl>"
    )
    document = f"<w:document {w}><w:body>{body}</w:body></w:document>".encode()
    with pytest.raises(LimitExceeded, match="table_cells"):
        read_bytes(dx.zipped({"word/document.xml": document}), source="wide.docx")


def test_a_document_type_declaration_is_refused_before_parsing() -> None:
    # The XML parser would read the file it names (a device, a pipe, /etc/passwd).
    members = parts(render_bytes(govinfo.load(EXAMPLES / "yulong-2023.json")))
    for target in ("file:///etc/passwd", "file:///dev/zero"):
        document = members["word/document.xml"].replace(
            b"?>", f'?><!DOCTYPE w:document SYSTEM "{target}">'.encode(), 1
        )
        with pytest.raises(ReadError, match="declares a document type"):
            read_bytes(dx.zipped({**members, "word/document.xml": document}), source="dtd.docx")


def _edited(report: Report, edit: dict[str, tuple[bytes, bytes]]) -> bytes:
    members = parts(render_bytes(report))
    for name, (old, new) in edit.items():
        assert old in members[name], (name, old)
        members[name] = members[name].replace(old, new)
    return dx.zipped(members)


@pytest.mark.parametrize(
    ("prop", "value"), [("govinfo.edition", "[]"), ("govinfo.year", "abc"), ("govinfo.year", "1")]
)
def test_a_bad_document_property_is_reported_and_left_out(prop: str, value: str) -> None:
    report = govinfo.load(EXAMPLES / "yulong-2023.json")
    shown = {"govinfo.edition": "2021", "govinfo.year": "2023"}[prop]
    start = f'name="{prop}"><vt:lpwstr>'.encode()
    docx = _edited(
        report, {"docProps/custom.xml": (start + shown.encode(), start + value.encode())}
    )
    result = read_bytes(docx, source="r.docx")
    assert result.report == report  # the page and the tables say it all
    (error,) = result.errors
    assert f"the document's property {prop} is not a report's" in error.message


def test_the_title_printed_on_the_page_wins_over_hidden_properties() -> None:
    report = govinfo.load(EXAMPLES / "yulong-2023.json")
    # The office edits the title in Word; the document's properties still name the old one.
    docx = _edited(
        report,
        {"word/document.xml": ("玉龙街道".encode(), "新华街道".encode())},
    )
    result = read_bytes(docx, source="edited.docx")
    assert result.report.organ == "阜新市细河区新华街道"
    warnings = [d.message for d in result.diagnostics if d.severity == "warning"]
    assert any(
        "the title printed on the page names the organ “阜新市细河区新华街道”" in w
        and "(govinfo.organ) “阜新市细河区玉龙街道”: the page is read" in w
        for w in warnings
    )
    title = "2023 年政府信息公开工作年度报告"
    year = _edited(
        report, {"word/document.xml": (title.encode(), title.replace("3", "4").encode())}
    )
    edited = read_bytes(year, source="year.docx")
    assert edited.report.year == 2024
    assert any("(govinfo.year) “2023”: the page is read" in d.message for d in edited.diagnostics)


def test_a_custom_title_edited_on_the_page_wins_too() -> None:
    report = govinfo.load(EXAMPLES / "yulong-2023.json").replace(
        title="阜新市细河区玉龙街道2023年度政府信息公开工作年度报告"
    )
    docx = _edited(report, {"word/document.xml": ("2023年度".encode(), "2023年".encode())})
    result = read_bytes(docx, source="t.docx")
    assert result.report.title is None  # now the title the format prescribes
    assert any("(govinfo.title)" in d.message for d in result.diagnostics)


def test_read_command_on_crafted_sources_never_prints_a_traceback(tmp_path: object) -> None:
    from pathlib import Path

    directory = Path(str(tmp_path))
    sources = {
        "deep.html": dx.page("<div>" * 1000 + "</div>" * 1000),
        "spans.html": dx.page(
            "<table><tr>"
            + '<td rowspan="1000" colspan="1000">1</td>' * 300
            + "</tr><tr><td>2</td></tr></table>"
        ),
        "bomb.docx": dx.zipped({"word/document.xml": b" " * (DEFAULT.part_bytes + 1)}),
        "garbage.docx": b"PK\x03\x04" + b"\x00" * 100,
    }
    for name, data in sources.items():
        (directory / name).write_bytes(data)
        result = run_cli("read", str(directory / name), "-o", str(directory / "out.json"))
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(f"govinfo: {directory / name}")


def test_two_lines_of_digits_in_a_cell_are_never_one_number() -> None:
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    value = report.requests.received.natural_person
    cell = f'<w:t xml:space="preserve">{value}</w:t></w:r></w:p>'.encode()
    two = cell + f'<w:p><w:r><w:t xml:space="preserve">{value}</w:t></w:r></w:p>'.encode()
    members = parts(render_bytes(report))
    document = members["word/document.xml"]
    start = document.index("请数量".encode())  # the label of 一、本年新收政府信息公开申请数量
    at = document.index(cell, start)
    docx = dx.zipped(
        {**members, "word/document.xml": document[:at] + two + document[at + len(cell) :]}
    )
    result = read_bytes(docx, source="two.docx")
    assert result.report.requests.received.natural_person is None  # not 152152
    assert any("as one number" in d.message for d in result.errors)
    broken = document[:at] + cell.replace(b">1", b"><w:br/>1", 1)  # a line break: the same
    assert (
        read_bytes(
            dx.zipped({**members, "word/document.xml": broken + document[at + len(cell) :]}),
            source="br.docx",
        ).report.requests.received.natural_person
        is None
    )
    page = dx.page(
        "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府信息公开申请数量</td>"
        + "<td>12<br>34</td>"
        + "<td>0</td>" * 6
        + "</tr></table>"
    )
    read = read_bytes(page, source="two.html")
    assert read.report.requests.received.natural_person is None  # not 1234


def test_a_line_break_inside_a_paragraph_is_a_space() -> None:
    from govinfo.render import html_page

    report = govinfo.load(EXAMPLES / "complete-2024.json")
    page = html_page(report)
    text = report.overview[0].paragraphs[0]
    broken = page.replace(text[:10], text[:5] + "\n" + text[5:10], 1)
    result = read_bytes(broken.encode("utf-8"), source="page.html")
    assert result.report.overview[0].paragraphs[0] == text[:5] + " " + text[5:]
