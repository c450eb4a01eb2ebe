"""Sources shaped to make a reader read a number wrong: rows whose labels come close to
another row's, extra rows and columns, a cell lost or added, a row met twice. For each, every
cell is read equal to the report the source was made from, or left blank with an error that
names its place — never another number."""

from __future__ import annotations

import io
import zipfile
from functools import cache

import govinfo
from govinfo import Report
from govinfo.cells import cells
from govinfo.read import ReadResult, read_bytes
from govinfo.render import html_page, render_bytes

from .conftest import EXAMPLES
from .docx_helpers import parts

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


@cache
def _word() -> tuple[bytes, str]:
    return render_bytes(COMPLETE), '<w:r><w:t xml:space="preserve">46</w:t></w:r>'


def _docx(runs: str) -> ReadResult:
    data, run = _word()
    members = parts(data)
    document = members["word/document.xml"].decode("utf-8")
    assert document.count(run) == 1
    members["word/document.xml"] = document.replace(run, runs).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return read_bytes(out.getvalue(), source="report.docx")


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
