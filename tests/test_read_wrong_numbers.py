"""Sources shaped to make a reader read a number wrong: rows whose labels come close to
another row's, extra rows and columns, a cell lost or added, a row met twice. For each, every
cell is read equal to the report the source was made from, or left blank with an error that
names its place — never another number."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.cells import cells
from govinfo.read import ReadResult, read_bytes
from govinfo.render import convert_to_pdf, html_page, render_bytes
from govinfo.render._pdf import find_soffice

from .conftest import EXAMPLES, ROOT
from .docx_helpers import parts, zipped

COMPLETE = govinfo.load(EXAMPLES / "complete-2024.json")


def _right_or_reported(result: ReadResult, truth: Report = COMPLETE) -> dict[str, object]:
    """Every cell read equals the truth; every cell not read is blank, said in
    ``result.blanks``, with an error naming where. Returns the cells left blank (truth)."""
    truth_cells = {c.spec.dotted: c.value for c in cells(truth)}
    blank: dict[str, object] = {}
    for cell in cells(result.report):
        expected = truth_cells[cell.spec.dotted]
        if cell.value is None and expected is not None:
            assert cell.spec.dotted in result.blanks, cell.spec.place
            blank[cell.spec.dotted] = expected
            continue
        assert cell.value == expected, (cell.spec.place, cell.value, expected)
    if blank:
        assert result.errors, blank
        assert all(d.where or "not found" in d.message for d in result.errors), result.errors
    return blank


def _whole(result: ReadResult, truth: Report = COMPLETE) -> bool:
    """The report read is the truth (but for its publication date, which only a document
    govinfo made keeps), without an error."""
    return result.report.replace(published=truth.published) == truth and not result.errors


def _errors(result: ReadResult) -> list[str]:
    return [str(d) for d in result.errors]


# -- a portal page (HTML) -----------------------------------------------------------------------


@cache
def _page() -> str:
    """The complete example as a web page not made by govinfo (no generator mark: read as any
    page saved from a portal)."""
    page = html_page(COMPLETE)
    assert '<meta name="generator" content="govinfo">' in page
    return page.replace('<meta name="generator" content="govinfo">', "")


def _row(label: str, *values: object) -> str:
    cells_html = "".join(f"<td>{v}</td>" for v in values)
    return f'<tr><th scope="row" class="left">{label}</th>{cells_html}</tr>'


_REPEATED = _row("2.重复申请", 4, 0, 0, 0, 0, 0, 4)
_OTHER = _row("3.其他", 1, 0, 0, 0, 0, 0, 1)
_ITEM5 = (
    '<tr><th scope="row" class="left">5.要求行政<br>机关确认或重<br>新出具已获取<br>信息</th>'
    "<td>2</td><td>0</td><td>0</td><td>0</td><td>1</td><td>0</td><td>3</td></tr>"
)
_GROUP4 = '<tr><th scope="rowgroup" rowspan="3" class="left">（四）'


def _html(page: str) -> ReadResult:
    return read_bytes(page.encode("utf-8"), source="page.html")


def test_the_page_reads_whole() -> None:
    assert _whole(_html(_page()))


def test_a_subtotal_row_is_not_the_total_row() -> None:
    # 小计 and 合计 are one character from 总计: a subtotal of （三）不予公开 after its items.
    for word in ("小计", "合计"):
        subtotal = _row(word, 18, 2, 0, 0, 1, 0, 21)
        page = _page().replace(_GROUP4, subtotal + _GROUP4, 1)
        result = _html(page)
        assert result.report.requests.outcomes.total.total == 183
        assert not _right_or_reported(result)
        assert _errors(result) == [f"table 2, row 16: row “{word}” is not a row of the format"]


def test_a_subtotal_row_without_the_total_row_is_not_read_as_it() -> None:
    total = _row("（七）总计", 154, 17, 2, 1, 7, 2, 183).replace(" class", ' colspan="2" class', 1)
    page = _page()
    assert total in page
    page = page.replace(total, "").replace(_GROUP4, _row("小计", 18, 2, 0, 0, 1, 0, 21) + _GROUP4)
    result = _html(page)
    assert result.report.requests.outcomes.total.total is None
    assert result.blanks["requests.outcomes.total.total"] == "(not found)"
    _right_or_reported(result)


def test_an_item_numbered_otherwise_is_not_the_item_of_that_name() -> None:
    # An office's own item “6.其他” under （五）不予处理 is one edit from （六）“3.其他”.
    sixth = _row("6.其他", 9, 0, 0, 0, 0, 0, 9)
    page = (
        _page()
        .replace(_ITEM5, _ITEM5 + sixth)
        .replace('rowspan="5" class="left">（五）', 'rowspan="6" class="left">（五）')
        .replace('rowspan="22"', 'rowspan="23"')
    )
    result = _html(page)
    assert result.report.requests.outcomes.other_handling.other.total == 1
    assert not _right_or_reported(result)
    assert _errors(result) == ["table 2, row 24: row “6.其他” is not a row of the format"]
    # … nor when the format's own item is missing: then it is not found.
    result = _html(page.replace(_OTHER, ""))
    assert result.report.requests.outcomes.other_handling.other.total is None
    assert result.blanks["requests.outcomes.other_handling.other.total"] == "(not found)"
    _right_or_reported(result)


def test_an_item_without_its_number_or_numbered_in_brackets_is_read() -> None:
    for label in ("其他", "（3）其他", "(三)其他"):
        result = _html(_page().replace(_OTHER, _OTHER.replace("3.其他", label)))
        assert _whole(result), label
    result = _html(_page().replace(_OTHER, _OTHER.replace("3.其他", "（4）其他")))
    assert result.report.requests.outcomes.other_handling.other.total is None
    _right_or_reported(result)


def test_an_empty_cell_between_numbers_is_never_left_out() -> None:
    # A column too many (an office's 小计) and a blank cell: seven filled cells of eight, but
    # which seven are the row's cannot be told.
    page = _page().replace(_REPEATED, _row("2.重复申请", 4, "", 0, 0, 0, 0, 9, 4))
    result = _html(page)
    assert result.report.requests.outcomes.not_processed.repeated.total is None
    assert result.blanks["requests.outcomes.not_processed.repeated.total"] == "(unreadable)"
    _right_or_reported(result)


def test_empty_cells_before_or_after_the_numbers_are_left_out() -> None:
    # An empty label cell between the label and the numbers; a table wider than the row.
    for values in (("", 4, 0, 0, 0, 0, 0, 4), (4, 0, 0, 0, 0, 0, 4, "")):
        result = _html(_page().replace(_REPEATED, _row("2.重复申请", *values)))
        assert _whole(result), values
    # Both, with a blank cell: the 自然人 or the 总计 cell blank — cannot be told.
    result = _html(_page().replace(_REPEATED, _row("2.重复申请", "", 4, 0, 0, 0, 0, 0, "")))
    assert result.report.requests.outcomes.not_processed.repeated.total is None
    _right_or_reported(result)


def test_a_row_met_twice_with_different_numbers_is_not_read() -> None:
    twice = _row("2.重复申请", 5, 0, 0, 0, 0, 0, 5)
    result = _html(_page().replace(_REPEATED, _REPEATED + twice))
    assert result.report.requests.outcomes.not_processed.repeated.total is None
    _right_or_reported(result)
    assert _errors(result) == [
        "table 2, row 21: 表三（五）不予处理·2.重复申请: the row appears twice (first at table 2, "
        "row 20) with different numbers: which are its numbers cannot be told"
    ]
    # The same numbers twice are the row's numbers.
    result = _html(_page().replace(_REPEATED, _REPEATED * 2))
    assert _whole(result)
    assert [d.severity for d in result.diagnostics if "appears twice" in d.message] == ["warning"]


def test_a_second_table_three_of_another_report_leaves_every_differing_row_blank() -> None:
    other = govinfo.update(COMPLETE, {"requests.received.natural_person": 153})
    second = html_page(other)
    start = second.index('<table class="GovTable" data-table="三">')
    table = second[start : second.index("</table>", start) + len("</table>")]
    page = _page()
    end = page.index("</table>", page.index('data-table="三"')) + len("</table>")
    result = _html(page[:end] + table + page[end:])
    received = result.report.requests.received
    assert (received.natural_person, received.total) == (None, None)
    assert result.report.requests.carried_over == COMPLETE.requests.carried_over
    _right_or_reported(result)


def test_label_matching_never_takes_a_short_word_or_a_number_for_a_typo() -> None:
    from govinfo.read._normalize import best_match, list_number

    rows = ("（七）总计", "3.其他", "1.属于国家秘密", "2.重复申请")
    assert best_match("小计", ["总计", "其他"]) == (None, 0)
    assert best_match("6.其他", rows) == (None, 0)
    assert best_match("2.属于国家秘蜜", rows) == (None, 0)
    assert best_match("1.属于国家秘蜜", rows) == (2, 1)  # a typo in the words
    assert best_match("（1）属于国家秘密", rows) == (2, 2)  # one number, written otherwise
    labels = ("1.", "1、x", "（一）", "(十二)", "四、", "（3）", "规章")
    assert [list_number(t) for t in labels] == [1, 1, 1, 12, 4, 3, None]


# -- how a cell's text is shown: raised, hidden, struck through -----------------------------

_ENFORCEMENT = '<td colspan="3">46</td>'


def test_a_raised_or_lowered_digit_in_a_page_is_a_mark_never_a_digit() -> None:
    for mark in (
        "<sup>1</sup>",
        "<sub>2</sub>",
        '<span style="vertical-align: super">1</span>',
        "<sup>注1</sup>",
    ):
        result = _html(_page().replace(_ENFORCEMENT, f'<td colspan="3">46{mark}</td>'))
        assert result.report.proactive.enforcement == 46, mark
        assert not result.errors
        assert any("footnote mark" in d.message for d in result.diagnostics), mark
    result = _html(_page().replace(_ENFORCEMENT, '<td colspan="3">4<sup>6</sup></td>'))
    assert result.report.proactive.enforcement == 4  # as the page shows it: 4⁶


def test_hidden_text_in_a_page_is_not_read() -> None:
    for hidden in ('style="display:none"', "style='mso-hide:all'", 'style="visibility: hidden"'):
        cell = f'<td colspan="3">46<span {hidden}>0</span></td>'
        assert _whole(_html(_page().replace(_ENFORCEMENT, cell))), hidden
    paragraph = "<p>一是部分单位政策解读形式较为单一"
    page = _page().replace(paragraph, '<p><span style="display:none">隐藏</span>一是部分单位')
    assert "隐藏" not in str(_html(page).report.problems)


def test_a_number_struck_out_beside_another_is_no_number() -> None:
    for struck in (
        "<s>12</s>",
        "<del>12</del>",
        '<span style="text-decoration: line-through">12</span>',
    ):
        result = _html(_page().replace(_ENFORCEMENT, f'<td colspan="3">{struck}46</td>'))
        assert result.report.proactive.enforcement is None, struck
        _right_or_reported(result)
        assert _errors(result) == [
            "table 1, row 11: 表二行政强制·本年处理决定数量: cannot read “~~12~~46” as a number"
        ]


def test_emphasis_in_a_page_cell_is_no_part_of_its_text() -> None:
    page = _page().replace(_ENFORCEMENT, '<td colspan="3"><b>4</b>6</td>')
    total = '<th scope="row" colspan="2" class="left">（七）总计</th>'
    page = page.replace(total, total.replace("（七）总计", "<strong>（七）总计</strong>"))
    assert _whole(_html(page))


def _styled_page(sheet: str, cell: str) -> ReadResult:
    """The page with a style sheet added and the cell of 行政强制 (46) replaced."""
    page = _page().replace("</head>", f"<style>{sheet}</style></head>")
    return _html(page.replace(_ENFORCEMENT, cell))


def test_text_a_page_does_not_show_is_not_read() -> None:
    for cell in (
        '<td colspan="3">46<span hidden>0</span></td>',
        '<td colspan="3">46<dialog>0</dialog></td>',
        '<td colspan="3">46<details><summary></summary>0<b>0</b></details></td>',
        '<td colspan="3"><select><option>1</option><option selected>46</option></select></td>',
        '<td colspan="3"><select><option>46</option><option>1</option></select></td>',
        '<td colspan="3"><ruby>46<rp>(</rp><rt>1</rt><rp>)</rp></ruby></td>',
    ):
        assert _whole(_styled_page("", cell)), cell
    # Hidden by the page's style sheet: by class, id or tag, after an @import too.
    for sheet, mark in (
        (".x{display:none}", '<span class="x">0</span>'),
        ("span#y { visibility : hidden }", '<span id="y">0</span>'),
        ("@import url(a.css); i{display:none}", "<i>0</i>"),
    ):
        assert _whole(_styled_page(sheet, f'<td colspan="3">46{mark}</td>')), sheet
    # Shown: a dialog open, a rule of another class.
    assert (
        _styled_page(
            "", '<td colspan="3">46<dialog open>0</dialog></td>'
        ).report.proactive.enforcement
        == 460
    )
    assert (
        _styled_page(
            ".z{display:none}", '<td colspan="3">46<span class="x">0</span></td>'
        ).report.proactive.enforcement
        == 460
    )


def test_text_a_page_may_hide_by_a_rule_not_told_is_no_number() -> None:
    # A rule whose selector names more than one element, that holds under @media only, or
    # one another rule may undo: whether the text is shown cannot be told.
    cell = '<td colspan="3">46<span class="x">0</span></td>'
    for sheet in (
        "td .x{display:none}",
        ".x:first-child{display:none}",
        "@media print{.x{display:none}}",
        ".x{display:none} span{display:inline}",
    ):
        result = _styled_page(sheet, cell)
        assert result.report.proactive.enforcement is None, sheet
        _right_or_reported(result)
        assert "cannot read “46~~0~~” as a number" in _errors(result)[0]


def test_a_cell_a_page_does_not_lay_out_is_no_column() -> None:
    # A cell display:none takes no place: the numbers after it are in the columns a person
    # sees them in; one visibility:hidden keeps its place, shown blank.
    gone = _REPEATED.replace("<td>4</td>", '<td style="display:none">9</td><td>4</td>', 1)
    result = _html(_page().replace(_REPEATED, gone))
    _right_or_reported(result)
    assert result.report.requests.outcomes.not_processed.repeated.natural_person == 4
    hidden = _REPEATED.replace("<td>4</td>", '<td style="visibility:hidden">9</td>', 1)
    result = _html(_page().replace(_REPEATED, hidden))
    assert result.report.requests.outcomes.not_processed.repeated.natural_person is None
    assert result.blanks == {"requests.outcomes.not_processed.repeated.natural_person": ""}
    # A row display:none is no row.
    row = _row("2.重复申请", 9, 9, 9, 9, 9, 9, 54).replace("<tr>", '<tr style="display:none">')
    assert _whole(_html(_page().replace(_REPEATED, row + _REPEATED)))
    hidden_part = f'<tbody style="display:none">{row}</tbody>'
    assert _whole(_html(_page().replace(_REPEATED, _REPEATED + hidden_part)))


@cache
def _word() -> tuple[bytes, str]:
    return render_bytes(COMPLETE), '<w:r><w:t xml:space="preserve">46</w:t></w:r>'


def _docx(runs: str) -> ReadResult:
    data, run = _word()
    members = parts(data)
    document = members["word/document.xml"].decode("utf-8")
    assert document.count(run) == 1
    members["word/document.xml"] = document.replace(run, runs).encode("utf-8")
    return read_bytes(zipped(members), source="report.docx")


def _run(text: str, properties: str = "") -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_a_raised_digit_in_a_word_cell_is_a_mark_never_a_digit() -> None:
    for align in ("superscript", "subscript"):
        result = _docx(_run("46") + _run("1", f'<w:vertAlign w:val="{align}"/>'))
        assert result.report.proactive.enforcement == 46
        assert not result.errors
        assert any(
            "footnote mark “¹”" in d.message or "“₁”" in d.message for d in result.diagnostics
        )


def test_hidden_text_in_a_word_cell_is_not_read() -> None:
    for hidden in ("<w:vanish/>", "<w:webHidden/>", '<w:vanish w:val="true"/>'):
        assert _docx(_run("46") + _run("0", hidden)).report == COMPLETE, hidden
    # Hidden switched off is shown: the cell holds 460, and reads so.
    assert (
        _docx(_run("46") + _run("0", '<w:vanish w:val="0"/>')).report.proactive.enforcement == 460
    )


def test_a_number_struck_out_in_a_word_cell_is_no_number() -> None:
    for strike in ("<w:strike/>", "<w:dstrike/>"):
        result = _docx(_run("12", strike) + _run("46"))
        assert result.report.proactive.enforcement is None
        _right_or_reported(result)
        assert "cannot read “~~12~~46” as a number" in _errors(result)[0]
    result = _docx(_run("12", '<w:strike w:val="false"/>') + _run("46"))
    assert result.report.proactive.enforcement == 1246


_CHANGE = 'w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"'
_MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def test_text_deleted_or_moved_away_in_a_word_cell_is_not_read() -> None:
    # Tracked changes: what the document holds is the text inserted or moved here, not the
    # text deleted or moved away (even set as w:t rather than w:delText).
    for change in ("del", "moveFrom"):
        deleted = f"<w:{change} {_CHANGE}>{_run('1')}</w:{change}>"
        assert _whole(_docx(deleted + _run("46"))), change
    moved = f"<w:moveFrom {_CHANGE}>{_run('4')}</w:moveFrom>{_run('6')}"
    moved += f"<w:moveTo {_CHANGE}>{_run('4')}</w:moveTo>"
    assert _docx(moved).report.proactive.enforcement == 64
    assert _whole(_docx(f"<w:ins {_CHANGE}>{_run('4')}</w:ins>{_run('6')}"))


def test_a_tab_or_a_symbol_in_a_word_cell_parts_its_digits() -> None:
    # “4⇥6” shows two numbers apart; a symbol shows a glyph of its font: never “46”.
    for mark in ("<w:tab/>", '<w:ptab w:relativeTo="margin" w:alignment="right"/>'):
        result = _docx(f"<w:r><w:t>4</w:t>{mark}<w:t>6</w:t></w:r>")
        assert result.report.proactive.enforcement is None
        _right_or_reported(result)
        assert "cannot read “4 6” as a number" in _errors(result)[0]
    result = _docx(_run("4") + '<w:r><w:sym w:font="Symbol" w:char="F036"/></w:r>')
    assert result.report.proactive.enforcement is None
    _right_or_reported(result)
    assert "cannot read “4⟨symbol⟩” as a number" in _errors(result)[0]


def test_a_field_in_a_word_cell_reads_as_its_result_not_its_code() -> None:
    def field(code: str, result: str) -> str:
        return (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + code
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + result
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )

    code = "<w:r><w:instrText> QUOTE </w:instrText></w:r>" + _run("9")
    assert _whole(_docx(field(code, _run("46"))))
    # A field in another's code is code; one in another's result shows its result.
    assert _whole(_docx(field(field(_run("7"), _run("8")), _run("46"))))
    assert _whole(_docx(field(_run("9"), field(_run("5"), _run("46")))))


def test_alternative_content_in_a_word_cell_is_read_once_or_not_at_all() -> None:
    def alternatives(choice: str, fallback: str) -> str:
        return (
            f'<mc:AlternateContent {_MC}><mc:Choice Requires="w14">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
        )

    assert _whole(_docx(alternatives(_run("46"), _run("46"))))
    # Which of two texts is shown depends on the program that opens the document.
    result = _docx(alternatives(_run("46"), _run("64")))
    assert result.report.proactive.enforcement is None
    _right_or_reported(result)


def test_a_phonetic_guide_over_a_word_cell_is_no_part_of_its_number() -> None:
    ruby = "<w:r><w:ruby><w:rubyPr/><w:rt>" + _run("1") + "</w:rt><w:rubyBase>" + _run("46")
    assert _whole(_docx(ruby + "</w:rubyBase></w:ruby></w:r>"))


def _styled_docx(runs: str, styles: str) -> ReadResult:
    """:func:`_docx` with ``styles`` (``<w:style>`` elements) added to the document's."""
    data, run = _word()
    members = parts(data)
    document = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = document.replace(run, runs).encode("utf-8")
    sheet = members["word/styles.xml"].decode("utf-8")
    members["word/styles.xml"] = sheet.replace("</w:styles>", styles + "</w:styles>").encode()
    return read_bytes(zipped(members), source="report.docx")


def _character_style(name: str, properties: str, based: str = "") -> str:
    based = f'<w:basedOn w:val="{based}"/>' if based else ""
    return (
        f'<w:style w:type="character" w:styleId="{name}"><w:name w:val="{name}"/>{based}'
        f"<w:rPr>{properties}</w:rPr></w:style>"
    )


_HIDING_PARAGRAPH = (
    '<w:style w:type="paragraph" w:styleId="Hid"><w:name w:val="Hid"/>'
    '<w:basedOn w:val="GovCellLarge"/><w:rPr><w:vanish/></w:rPr></w:style>'
)


def test_text_a_word_style_hides_in_a_cell_is_not_read() -> None:
    hiding = _character_style("Hid", "<w:vanish/>") + _character_style("Also", "", "Hid")
    for style in ("Hid", "Also"):  # the style's own, or the one it is based on
        run = _run("0", f'<w:rStyle w:val="{style}"/>')
        assert _whole(_styled_docx(_run("46") + run, hiding)), style
    # A run's own properties say more than its style: hidden switched off is shown.
    shown = _run("0", '<w:rStyle w:val="Hid"/><w:vanish w:val="0"/>')
    assert _styled_docx(_run("46") + shown, hiding).report.proactive.enforcement == 460
    # A paragraph in a hidden paragraph style is not read either.
    hidden = '<w:p><w:pPr><w:pStyle w:val="Hid"/></w:pPr>' + _run("7")
    assert _whole(_styled_docx(_word()[1] + "</w:p>" + hidden, _HIDING_PARAGRAPH))


def test_text_both_a_paragraph_and_a_character_style_hide_is_no_number() -> None:
    # Word shows it (the two toggle each other off), other programs hide it: not read.
    hidden = '<w:p><w:pPr><w:pStyle w:val="Hid"/></w:pPr>' + _run("7", '<w:rStyle w:val="C"/>')
    styles = _HIDING_PARAGRAPH + _character_style("C", "<w:vanish/>")
    result = _styled_docx(_word()[1] + "</w:p>" + hidden, styles)
    assert result.report.proactive.enforcement is None
    _right_or_reported(result)


def test_a_word_style_that_raises_or_strikes_through_a_cell_is_read() -> None:
    raising = _character_style("Up", '<w:vertAlign w:val="superscript"/>')
    result = _styled_docx(_run("46") + _run("1", '<w:rStyle w:val="Up"/>'), raising)
    assert result.report.proactive.enforcement == 46
    assert not result.errors
    striking = _character_style("Out", "<w:strike/>")
    result = _styled_docx(_run("12", '<w:rStyle w:val="Out"/>') + _run("46"), striking)
    assert result.report.proactive.enforcement is None
    _right_or_reported(result)
    assert "cannot read “~~12~~46” as a number" in _errors(result)[0]


def _merged_docx(above: str, below: str) -> ReadResult:
    """The document with the cells of 行政处罚 (1287) and 行政强制 (46) holding ``above``
    and ``below`` (a cell's properties, then its text), merged or not."""
    data, run = _word()
    members = parts(data)
    document = members["word/document.xml"].decode("utf-8")
    span = '<w:gridSpan w:val="3"/></w:tcPr>'
    punished = span + '<w:p><w:pPr><w:pStyle w:val="GovCellLarge"/><w:keepNext/></w:pPr>'
    punished += '<w:r><w:t xml:space="preserve">1287</w:t></w:r>'
    forced = span + '<w:p><w:pPr><w:pStyle w:val="GovCellLarge"/></w:pPr>' + run
    assert document.count(punished) == 1
    assert document.count(forced) == 1
    for old, (properties, text) in ((punished, above), (forced, below)):
        new = old.replace(span, span.replace("</w:tcPr>", properties + "</w:tcPr>"))
        start = new.index("<w:r>")
        document = document.replace(old, new[:start] + (_run(text) if text else ""))
    members["word/document.xml"] = document.encode("utf-8")
    return read_bytes(zipped(members), source="report.docx")


_RESTART = '<w:vMerge w:val="restart"/>'


def test_text_in_a_word_cell_merged_into_the_one_above_is_no_number() -> None:
    # Word and LibreOffice show the merged cell's first text; the text of a cell merged into
    # it is shown by some programs, not by others: neither is read as the number.
    result = _merged_docx((_RESTART, "1287"), ("<w:vMerge/>", "46"))
    assert result.report.proactive.penalties is None
    assert result.report.proactive.enforcement is None
    _right_or_reported(result)
    # A cell merged into none above is a cell of its own, as shown.
    assert _whole(_merged_docx(("", "1287"), ("<w:vMerge/>", "46")))
    assert _whole(_merged_docx(("<w:vMerge/>", "1287"), ("", "46")))


_REVIEW = "".join(f"<td>{v}</td>" for v in (3, 1, 1, 1, 6, 2, 0, 1, 1, 4, 1, 0, 0, 1, 2))


def test_two_rows_of_numbers_in_table_four_are_not_told_apart() -> None:
    page = _page()
    row = f"<tr>{_REVIEW}</tr>"
    assert row in page
    column_numbers = "<tr>" + "".join(f"<td>{n}</td>" for n in range(1, 16)) + "</tr>"
    other = row.replace("<td>3</td>", "<td>4</td>", 1)
    for rows in (column_numbers + row, row + other):
        result = _html(page.replace(row, rows))
        assert result.report.review_litigation.review.total is None
        _right_or_reported(result)
        assert _errors(result) == [
            "table 3, row 4: 表四: 2 rows of numbers (table 3, row 4、table 3, row 5): which is "
            "the table's cannot be told"
        ]
    assert _whole(_html(page.replace(row, row + row)))  # the same row twice


# -- text printed from a PDF: labels on their own lines -------------------------------------

SEED = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
_THREE = "三、收到和处理政府信息公开申请情况"
_FOUR = "四、政府信息公开行政复议、行政诉讼情况"


@cache
def _distinct() -> Report:
    """The complete example with numbers found in one row of table 三 only (101 … 2507): a
    row read for another can never pass for right."""
    changes: dict[str, object] = {}
    rows: dict[tuple[str, ...], list[str]] = {}
    for cell in cells(COMPLETE):
        if cell.spec.attribute[0] == "requests":
            rows.setdefault(cell.spec.row, []).append(cell.spec.dotted)
    for k, dotted in enumerate(rows.values(), start=1):
        changes.update({path: 100 * k + j for j, path in enumerate(dotted, start=1)})
    return govinfo.update(COMPLETE, changes, recompute_totals=False)


def _rows_printed(
    report: Report,
    labels: dict[int, str] | None = None,
    without_numbers: frozenset[int] = frozenset(),
    inserted: dict[int, tuple[str, list[int]]] | None = None,
) -> list[str]:
    """Table 三 as ``pdftotext -raw`` prints it: each label on a line above its numbers —
    some rows (by number) with other ``labels``, some printed ``without_numbers`` (a row of
    blank cells prints none), rows ``inserted`` before some."""
    lines: list[str] = []
    rows: dict[tuple[str, ...], list[object]] = {}
    for cell in cells(report):
        if cell.spec.attribute[0] == "requests":
            rows.setdefault(cell.spec.row, []).append(cell.value)
    for number, (key, values) in enumerate(rows.items()):
        if inserted and number in inserted:
            label, numbers = inserted[number]
            lines += [label, " ".join(map(str, numbers))]
        lines.append((labels or {}).get(number, key[-1]))
        if number not in without_numbers:
            lines.append(" ".join(map(str, values)))
    return lines


def _text(lines: list[str]) -> ReadResult:
    text = (
        SEED.split(_THREE)[0]
        + _THREE
        + "\n"
        + "\n".join(lines)
        + "\n"
        + _FOUR
        + SEED.split(_FOUR)[1]
    )
    return read_bytes(text.encode("utf-8"), source="report.txt")


def _three_right_or_reported(result: ReadResult, truth: Report) -> int:
    """Every cell of table 三 read equals the truth or is blank and said; the cells read."""
    truth_cells = {c.spec.dotted: c.value for c in cells(truth)}
    read = 0
    for cell in cells(result.report):
        if cell.spec.attribute[0] != "requests":
            continue
        if cell.value is None:
            assert cell.spec.dotted in result.blanks, cell.spec.place
            continue
        assert cell.value == truth_cells[cell.spec.dotted], cell.spec.place
        read += 1
    return read


def test_labels_above_their_numbers_are_read() -> None:
    result = _text(_rows_printed(_distinct()))
    assert _three_right_or_reported(result, _distinct()) == 175
    assert not result.errors


def test_a_row_whose_label_is_no_row_never_takes_the_next_rows_label() -> None:
    # A label cut short (“（二）部分公开”) reads as no row; further down, a row of blank cells
    # prints its label and no numbers. Sharing the labels out so that each row of numbers
    # between them takes the label below it labels one row more — every one of them wrong.
    truth = _distinct()
    cut = _rows_printed(truth, labels={3: "（二）部分公开"}, without_numbers=frozenset({8}))
    subtotal = _rows_printed(
        truth, without_numbers=frozenset({9}), inserted={4: ("小计", [9000] * 7)}
    )
    for lines in (cut, subtotal):
        result = _text(lines)
        _three_right_or_reported(result, truth)
        withheld = result.report.requests.outcomes.withheld
        assert withheld.state_secret.total in (None, 507)
        assert withheld.third_party_rights.total in (None, 807)


# -- PDF and Markdown: two lines of digits, a number struck through, a raised digit ---------

_NEEDS_OFFICE = pytest.mark.skipif(
    find_soffice() is None and os.environ.get("GOVINFO_REQUIRE_PDF") != "1",
    reason="needs LibreOffice",
)


def _cell_runs(number: int, runs: str) -> Callable[[str], str]:
    run = f'<w:r><w:t xml:space="preserve">{number}</w:t></w:r>'

    def change(document: str) -> str:
        assert document.count(run) == 1
        return document.replace(run, runs)

    return change


@_NEEDS_OFFICE
def test_a_pdf_cell_is_read_as_it_is_printed(tmp_path: Path) -> None:
    data, _ = _word()
    members = parts(data)
    document = members["word/document.xml"].decode("utf-8")
    for change in (
        _cell_runs(3521, _run("1") + "</w:p><w:p>" + _run("234")),  # two lines: 1 above 234
        _cell_runs(46, _run("12", "<w:strike/>") + _run("46")),
        _cell_runs(1287, _run("1287") + _run("2", '<w:vertAlign w:val="superscript"/>')),
    ):
        document = change(document)
    members["word/document.xml"] = document.encode("utf-8")
    docx = tmp_path / "report.docx"
    docx.write_bytes(zipped(members))
    result = read_bytes(convert_to_pdf(docx, tmp_path / "report.pdf").read_bytes(), source="r.pdf")
    proactive = result.report.proactive
    assert (proactive.licensing, proactive.enforcement, proactive.penalties) == (None, None, 1287)
    _right_or_reported(result)
    assert _errors(result) == [
        "page 3, table 2, row 3: 表二行政许可·本年处理决定数量: cannot read “1⏎234” as one number",
        "page 3, table 2, row 7: 表二行政强制·本年处理决定数量: cannot read “~~12~~46” as a number",
    ]


def test_a_line_break_in_a_markdown_cell_parts_two_numbers() -> None:
    markdown = (ROOT / "tests" / "corpus" / "markdown.md").read_text(encoding="utf-8")
    row = "| 行政许可 | 3521 |  |  |"
    assert row in markdown
    result = read_bytes(
        markdown.replace(row, "| 行政许可 | 1<br>234 |  |  |").encode("utf-8"), source="r.md"
    )
    assert result.report.proactive.licensing is None
    assert "cannot read “1⏎234” as one number" in _errors(result)[0]
    assert all("\n" not in d.message for d in result.diagnostics)  # each said on one line
    # A label broken by <br> is still one label.
    label = "| 行政规范性文件 | 12 | 3 | 86 |"
    result = read_bytes(
        markdown.replace(label, label.replace("行政规范性文件", "行政规范<br>性文件")).encode(),
        source="r.md",
    )
    assert result.report.proactive.normative_documents.in_force == 86


_GROUP_PIECES = [
    "三、",
    "本年",
    "（三）不",
    "予公开",
    "（四）无",
    "法提供",
    "（五）",
    "不予",
    "处理",
]


@st.composite
def _printed(draw: st.DrawFn, label: str, numbers: str) -> list[str]:
    """A row as a PDF-to-text converter prints it: the label cut into pieces, the numbers
    before, between or after them (alone or on a piece's line), a piece of the group column
    before one of its lines."""
    cuts = sorted(draw(st.sets(st.integers(2, max(2, len(label) - 1)), max_size=3)))
    pieces = [label[i:j] for i, j in zip([0, *cuts], [*cuts, len(label)], strict=True) if i < j]
    at = draw(st.integers(0, len(pieces)))
    lines = [*pieces[:at], numbers, *pieces[at:]]
    if at < len(pieces) and draw(st.booleans()):
        lines[at : at + 2] = [f"{pieces[at]} {numbers}"]
    if draw(st.booleans()):
        where = draw(st.integers(0, len(lines) - 1))
        lines[where] = f"{draw(st.sampled_from(_GROUP_PIECES))} {lines[where]}"
    return lines


@st.composite
def _table_three(draw: st.DrawFn) -> list[str]:
    """Table 三 printed as text, each row its own way: some rows out of order, some printed
    without numbers (blank cells), with a label cut short or numbered otherwise, with a
    number missing or a blank mark; rows of the office's own between them."""
    rows: dict[tuple[str, ...], list[object]] = {}
    for cell in cells(_distinct()):
        if cell.spec.attribute[0] == "requests":
            rows.setdefault(cell.spec.row, []).append(cell.value)
    order = [(key[-1], values) for key, values in rows.items()]
    for _ in range(draw(st.integers(0, 2))):
        i = draw(st.integers(0, len(order) - 2))
        order[i], order[i + 1] = order[i + 1], order[i]
    blocks: list[list[str]] = []
    for label, values in order:
        texts = [str(v) for v in values]
        kind = draw(st.sampled_from(["as is"] * 6 + ["blank", "missing", "cut", "none", "other"]))
        if kind == "none":
            blocks.append([label])
            continue
        if kind == "blank":
            texts[draw(st.integers(0, 6))] = draw(st.sampled_from(["/", "-", "—", "无"]))
        elif kind == "missing":
            del texts[draw(st.integers(0, 6))]
        elif kind == "cut":
            label = label[: draw(st.integers(2, max(2, len(label) - 1)))]
        elif kind == "other":
            label = re.sub(r"^(\d+)\.", r"（\1）", label).replace("其他", "其它")
        blocks.append(draw(_printed(label, draw(st.sampled_from([" ", "   "])).join(texts))))
    for _ in range(draw(st.integers(0, 2))):
        extra = draw(st.sampled_from(["小计", "合计", "6.其他", "（八）其他"]))
        row = draw(_printed(extra, " ".join(str(9000 + j) for j in range(7))))
        blocks.insert(draw(st.integers(0, len(blocks))), row)
    return [line for block in blocks for line in block]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_table_three())
def test_table_three_printed_any_way_is_read_right_or_reported(lines: list[str]) -> None:
    _three_right_or_reported(_text(lines), _distinct())


def _alternating(
    truth: Report, above: bool, blank: int, lost: int | None, extra: int | None
) -> list[str]:
    """Table 三 with each label on a line of its own, ``above`` or below its numbers; the row
    ``blank`` printed without numbers, the row ``lost`` without its label, a row of numbers
    without a label after the row ``extra``."""
    rows: dict[tuple[str, ...], list[object]] = {}
    for cell in cells(truth):
        if cell.spec.attribute[0] == "requests":
            rows.setdefault(cell.spec.row, []).append(cell.value)
    lines: list[str] = []
    for number, (key, values) in enumerate(rows.items()):
        label = [] if number == lost else [key[-1]]
        numbers = [] if number == blank else [" ".join(map(str, values))]
        lines += [*label, *numbers] if above else [*numbers, *label]
        if number == extra:
            lines.append(" ".join(str(9000 + j) for j in range(7)))
    return lines


def test_a_row_without_a_label_never_takes_the_next_rows_label() -> None:
    # Labels on lines of their own, a row printed without numbers further on: a row that
    # lost its label, or a row of numbers that has none, could take the next row's label,
    # and each row up to the blank one the next one's — labelling one row more than the truth.
    truth = _distinct()
    for above, blank, lost, extra in (
        (True, 20, None, 15),
        (True, 20, 16, None),
        (False, 16, None, 20),
        (False, 16, 21, None),
    ):
        result = _text(_alternating(truth, above, blank, lost, extra))
        _three_right_or_reported(result, truth)
        withheld = result.report.requests.outcomes.not_processed
        assert withheld.publications.total in (None, 1807)


def test_a_piece_of_the_group_column_before_a_label_is_no_heading() -> None:
    truth = _distinct()
    lines = _rows_printed(truth)
    lines[0] = "三、 " + lines[0]  # “三、 一、本年新收政府信息公开申请数量”
    at = lines.index("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    lines[at] = "三、本 " + lines[at]
    result = _text(lines)
    assert _three_right_or_reported(result, truth) == 175
    assert not result.errors
