"""Where the national tables meet the page in the Word document: rows kept together, 表三 on
a page of its own with its group label printed again where it runs on."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import govinfo
from govinfo.grid import grids
from govinfo.render import render_docx
from govinfo.render._pages import HEADING, MARGIN, PAGE_HEIGHT, paginate, row_heights

from . import docx_helpers as dx

W = dx.W


@pytest.fixture(scope="module", params=[2020, 2024], ids=["2019 edition", "2021 edition"])
def document(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("pages") / "report.docx"
    render_docx(govinfo.blank_report("某县人民政府办公室", request.param), target, draft=True)
    return target


def _tables(path: Path) -> list:
    return list(dx.xml(path, "word/document.xml").iter(f"{W}tbl"))


def _keeps(row) -> list[bool]:
    return [p.find(f"{W}pPr/{W}keepNext") is not None for p in row.iter(f"{W}p")]


@pytest.mark.parametrize("year", [2020, 2024])
def test_table_three_is_packed_into_pages_that_hold_it(year: int) -> None:
    grid = grids(govinfo.blank_report("某县人民政府办公室", year))[1]
    pages = paginate(grid)
    assert pages.new_page
    heights = row_heights(grid)
    header = sum(heights[: grid.header_rows])
    bounds = [grid.header_rows, *pages.breaks, len(grid.rows)]
    for number, (start, stop) in enumerate(itertools.pairwise(bounds)):
        used = header + sum(heights[start:stop]) + (HEADING if number == 0 else 0)
        assert used <= PAGE_HEIGHT - MARGIN
    # Each break is where the page is full: the group that begins it did not fit above it.
    first = next(c for c in grid.rows[pages.breaks[0]] if c.is_header)
    assert first.text == "（五）不予处理"
    group = range(first.row, first.last_row + 1)
    used = HEADING + header + sum(heights[grid.header_rows : first.row])
    assert used + sum(heights[r] for r in group) > PAGE_HEIGHT - MARGIN


def test_table_three_starts_a_page_and_tables_two_and_four_do_not(document: Path) -> None:
    body = dx.xml(document, "word/document.xml").find(f"{W}body")
    assert body is not None
    headings = {
        dx.text_of(p): p.find(f"{W}pPr/{W}pageBreakBefore") is not None
        for p in body.iterfind(f"{W}p")
        if dx.text_of(p)[:2] in ("二、", "三、", "四、")
    }
    assert headings == {
        "二、主动公开政府信息情况": False,
        "三、收到和处理政府信息公开申请情况": True,
        "四、政府信息公开行政复议、行政诉讼情况": False,
    }


def test_the_group_label_is_printed_again_where_table_three_runs_on(document: Path) -> None:
    table = _tables(document)[1]
    signature = dx.table_signature(table)
    firsts = [row[0] for row in signature]
    restarts = [i for i, (text, _, merge) in enumerate(firsts) if text == "三、本年度办理结果"]
    assert len(restarts) == 2
    assert all(firsts[i][2] == "restart" for i in restarts)
    assert signature[restarts[1]][1][0] == "（五）不予处理"
    assert all(merge == "continue" for _, _, merge in firsts[restarts[0] + 1 : restarts[1]])


def test_rows_that_belong_together_are_kept_with_the_next(document: Path) -> None:
    two, three, four = _tables(document)
    rows2 = list(two.iterfind(f"{W}tr"))
    captions = [i for i, tr in enumerate(rows2) if dx.text_of(tr).startswith("第二十条")]
    for start, stop in zip(captions, [*captions[1:], len(rows2)], strict=True):
        for index in range(start, stop):
            assert all(_keeps(rows2[index])) == (index < stop - 1), dx.text_of(rows2[index])
    rows3 = list(three.iterfind(f"{W}tr"))
    texts = [dx.text_of(tr) for tr in rows3]
    withheld = next(i for i, t in enumerate(texts) if "（三）不予公开" in t)
    assert all(all(_keeps(rows3[i])) for i in range(withheld, withheld + 7))
    assert not any(_keeps(rows3[withheld + 7]))  # 8.属于行政查询事项 ends the group
    assert all(all(_keeps(tr)) for tr in rows3[:3])  # the header rows stay with a row
    rows4 = list(four.iterfind(f"{W}tr"))
    assert [all(_keeps(tr)) for tr in rows4] == [True, True, True, False]
