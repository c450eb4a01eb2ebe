"""How titles are split into lines: where they read naturally, never inside a word."""

from __future__ import annotations

import pytest

from govinfo.render._context import TITLE_WIDTH, _width, title_lines


@pytest.mark.parametrize(
    ("title", "organ", "lines"),
    [
        ("某县2024年政府信息公开工作年度报告", "某县", ["某县2024年政府信息公开工作年度报告"]),
        (
            "阜新市细河区玉龙街道 2023 年政府信息公开工作年度报告",
            "阜新市细河区玉龙街道",
            ["阜新市细河区玉龙街道", "2023 年政府信息公开工作年度报告"],
        ),
        (
            "北京市财政局2024年政府信息公开工作年度报告",
            "北京市财政局",
            ["北京市财政局2024年", "政府信息公开工作年度报告"],
        ),
        (
            "示例市示范区人民政府办公室2024年政府信息公开工作年度报告",
            "示例市示范区人民政府办公室",
            ["示例市示范区人民政府办公室", "2024年政府信息公开工作年度报告"],
        ),
    ],
)
def test_titles_split_where_they_read_naturally(title: str, organ: str, lines: list[str]) -> None:
    assert title_lines(title, organ) == lines


def test_no_line_is_wider_than_the_type_area_allows() -> None:
    title = "中华人民共和国国家发展和改革委员会价格监测中心2024年政府信息公开工作年度报告"
    lines = title_lines(title, "中华人民共和国国家发展和改革委员会价格监测中心")
    assert "".join(lines) == title
    assert all(_width(line) <= TITLE_WIDTH for line in lines)  # Latin digits count half
