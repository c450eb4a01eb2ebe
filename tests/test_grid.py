"""The national tables as grids: the one layout Word, HTML and Excel draw."""

from __future__ import annotations

import doctest

import pytest

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
