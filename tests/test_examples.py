"""The bundled examples and the example script work as the README says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import govinfo

from .conftest import EXAMPLES


def test_the_example_script_builds_checks_and_writes_a_report(tmp_path: Path) -> None:
    target = tmp_path / "built.json"
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "build_report.py"), str(target)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "S3-BALANCE" in result.stdout
    assert "after the correction: 0 finding(s)" in result.stdout
    report = govinfo.load(target)
    assert govinfo.check(report) == []
    assert report.requests.carried_forward.natural_person == 1


def test_the_seed_example_holds_the_published_numbers_and_text(seed_report: govinfo.Report) -> None:
    assert seed_report.organ == "阜新市细河区玉龙街道"
    assert seed_report.year == 2023
    assert all(c.value == 0 for c in govinfo.cells(seed_report))
    assert seed_report.overview[1].heading == "（1）通过街道、社区公告栏、电子屏公开信息。"
    assert seed_report.overview[1].run_in
    assert [p.heading for p in seed_report.problems] == [
        "（一）当前存在的主要问题",
        "（二）具体改进措施",
    ]
    assert "“阳光三务”注册用户数量 37822 人" in seed_report.other_matters[2].paragraphs[0]


def test_the_complete_example_has_non_zero_numbers_in_every_table(
    full_report: govinfo.Report,
) -> None:
    by_table: dict[str, int] = {}
    for cell in govinfo.cells(full_report):
        if cell.value:
            by_table[cell.spec.table.number] = by_table.get(cell.spec.table.number, 0) + 1
    assert set(by_table) == {"二", "三", "四"}
