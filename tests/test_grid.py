"""The national tables as grids: the one layout Word, HTML and Excel draw."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
import govinfo.grid
from govinfo import Edition, blank_report
from govinfo.cells import layout
from govinfo.grid import Grid, Role, grids
from govinfo.model.report import LAYOUTS
from govinfo.render._build import PAGE, layouts, sample_report

ALL_LAYOUTS = list(layouts().values())


def _positions(grid: Grid) -> dict[tuple[int, int], govinfo.grid.GridCell]:
    covered: dict[tuple[int, int], govinfo.grid.GridCell] = {}
    for cell in grid.cells:
        for r in range(cell.row, cell.row + cell.row_span):
            for c in range(cell.column, cell.column + cell.column_span):
                assert (r, c) not in covered, f"{grid.number}: ({r}, {c}) covered twice"
                covered[r, c] = cell
    return covered


@pytest.mark.parametrize("shape", ALL_LAYOUTS, ids=list(layouts()))
def test_every_position_of_every_grid_is_covered_by_exactly_one_cell(shape: dict) -> None:
    for grid in grids(sample_report(shape)):
        covered = _positions(grid)
        assert set(covered) == {
            (r, c) for r in range(len(grid.rows)) for c in range(len(grid.widths))
        }
        for index, row in enumerate(grid.rows):
            assert all(cell.row == index for cell in row)
            assert [c.column for c in row] == sorted(c.column for c in row)


@pytest.mark.parametrize("shape", ALL_LAYOUTS, ids=list(layouts()))
def test_every_cell_of_the_layout_is_printed_once_in_reading_order(shape: dict) -> None:
    report = sample_report(shape)
    printed = [cell.spec for grid in grids(report) for cell in grid.values]
    assert printed == list(layout(report).specs)
    for grid in grids(report):
        for cell in grid.cells:
            assert (cell.spec is None) == cell.is_header
            assert cell.is_header or cell.text == ""


def test_covering_lists_each_position_of_a_row_once_continuations_included() -> None:
    for grid in grids(blank_report("某县人民政府办公室", 2024)):
        for index, row in enumerate(grid.covering()):
            columns = [c for cell, _ in row for c in range(cell.column, cell.last_column + 1)]
            assert columns == list(range(len(grid.widths)))
            for cell, begins in row:
                assert begins == (cell.row == index)
                assert cell.row <= index <= cell.last_row


def test_widths_fill_the_type_area_of_the_page() -> None:
    type_width = PAGE["width"] - PAGE["left"] - PAGE["right"]
    assert type_width == govinfo.grid.TYPE_WIDTH
    for grid in grids(blank_report("某县人民政府办公室", 2020)):
        assert sum(grid.widths) == type_width
        assert grid.scaled(type_width) == grid.widths
        assert sum(grid.scaled(1000)) == 1000
        assert sum(grid.fractions()) == pytest.approx(1)


def test_table_three_heads_its_columns_and_merges_its_groups_as_the_format_does() -> None:
    grid = grids(blank_report("某县人民政府办公室", 2024))[1]
    assert grid.header_rows == 3
    corner = grid.rows[0][0]
    assert corner.role is Role.CORNER
    assert corner.text.startswith("（本列数据的勾稽关系")
    assert (corner.row_span, corner.column_span) == (3, 3)
    heads = {c.text: c for c in grid.cells if c.role is Role.COLUMN}
    assert (heads["申请人情况"].row, heads["申请人情况"].column_span) == (0, 7)
    assert (heads["自然人"].row, heads["自然人"].row_span) == (1, 2)
    assert (heads["法人或其他组织"].column_span, heads["商业企业"].row) == (5, 2)
    groups = {c.text: c for c in grid.cells if c.role is Role.ROW}
    assert groups["三、本年度办理结果"].row_span == 22  # （一）…（七）: 1+1+8+3+5+3+1
    assert groups["（三）不予公开"].row_span == 8
    assert groups["（三）不予公开"].column == 1
    assert groups["1.属于国家秘密"].column_span == 1
    assert groups["一、本年新收政府信息公开申请数量"].column_span == 3


def test_the_2019_edition_has_one_row_of_other_handling_and_six_columns_in_table_two() -> None:
    report = blank_report("某县人民政府办公室", 2020)
    assert report.edition is Edition.E2019
    two, three, _ = grids(report)
    assert len(two.widths) == 7
    assert [two.rows[b.start][0].text for b in two.blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
        "第二十条第（九）项",
    ]
    for block in two.blocks:
        assert block.heading_rows == 2
        assert two.rows[block.start + 1][0].text == "信息内容"
    groups = {c.text: c for c in three.cells if c.role is Role.ROW}
    assert groups["（六）其他处理"].column_span == 2
    assert LAYOUTS[Edition.E2019]["proactive"] is type(report.proactive)


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(govinfo.grid).failed == 0


# -- widths and labels ------------------------------------------------------------------------

_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_MARKS = st.sampled_from("，。、；：“”（）《》1.")


def _capacity(grid: Grid, cell: govinfo.grid.GridCell) -> float:
    padding = govinfo.grid.PADDING if cell.role is Role.COLUMN else govinfo.grid.LABEL_PADDING
    return (grid.width(cell) - 2 * padding) / (grid.size * 20)


@pytest.mark.parametrize("year", [2020, 2024])
def test_number_columns_hold_seven_digits_in_table_three_and_five_in_table_four(
    year: int,
) -> None:
    assert govinfo.grid.DIGITS == {"三": 7, "四": 5}
    digit = 0.5  # em: a Latin digit is half an ideograph
    for grid in grids(blank_report("某县人民政府办公室", year))[1:]:
        for cell in grid.values:
            room = (grid.width(cell) - 2 * govinfo.grid.PADDING) / (grid.size * 20)
            assert room >= govinfo.grid.DIGITS[grid.number] * digit, (grid.number, cell.column)


def test_column_headers_break_where_their_words_break() -> None:
    three = grids(blank_report("某县人民政府办公室", 2024))[1]
    lines = {"".join(c.lines): c.lines for c in three.cells if c.role is Role.COLUMN}
    assert lines["商业企业"] == ("商业", "企业")
    assert lines["科研机构"] == ("科研", "机构")
    assert lines["社会公益组织"] == ("社会公益", "组织")
    assert lines["法律服务机构"] == ("法律服务", "机构")
    assert lines["自然人"] == ("自然人",)
    groups = {"".join(c.lines): c.lines for c in three.cells if c.role is Role.ROW}
    assert groups["（三）不予公开"] == ("（三）", "不予", "公开")


@pytest.mark.parametrize("shape", ALL_LAYOUTS, ids=list(layouts()))
def test_every_label_fits_its_cell_and_leaves_no_character_alone(shape: dict) -> None:
    for grid in grids(sample_report(shape)):
        for cell in grid.cells:
            if not cell.is_header:
                continue
            assert "".join(cell.lines) == cell.text
            capacity = _capacity(grid, cell)
            for line in cell.lines:
                assert govinfo.grid.text_width(line) <= capacity, (cell.text, line)
            if len(cell.lines) > 1:
                last = [c for c in cell.lines[-1] if c not in "，。、；：“”‘’（）《》"]
                assert len(last) >= 2, cell.lines


@given(
    st.text(st.one_of(_CJK, _MARKS), min_size=1, max_size=40),
    st.integers(min_value=2, max_value=14),
)
def test_label_lines_keep_every_character_and_the_rules_of_line_breaking(
    text: str, capacity: int
) -> None:
    lines = govinfo.grid.label_lines(text, capacity)
    assert "".join(lines) == text
    for index, line in enumerate(lines):
        assert line
        if index:
            assert line[0] not in "，。、；：”）》", lines
            assert lines[index - 1][-1] not in "“（《", lines
    fits = all(govinfo.grid.text_width(line) <= capacity for line in lines)
    unbreakable = len(lines) == 1
    assert fits or unbreakable or any(len(line) == 1 for line in lines)


def test_split_repeats_a_label_on_the_rows_it_is_cut_at() -> None:
    three = grids(blank_report("某县人民政府办公室", 2024))[1]
    group = next(c for c in three.cells if c.text == "三、本年度办理结果")
    cut = group.row + 10
    split = three.split([cut])
    _positions(split)  # every position still covered once
    parts = [c for c in split.cells if c.text == "三、本年度办理结果"]
    assert [(c.row, c.row_span) for c in parts] == [(group.row, 10), (cut, group.row_span - 10)]
    assert all(c.lines == group.lines for c in parts)
    assert len(list(split.values)) == len(list(three.values))
