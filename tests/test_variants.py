"""Custom variants: an office's own sub-sections, tables and template, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import govinfo
from govinfo import ExtraRow, ExtraTable, Report
from govinfo.render import render_docx

from . import docx_helpers as dx
from .conftest import EXAMPLES, run_cli


def _extra() -> ExtraTable:
    return ExtraTable(
        title="（五）落实要点情况",
        section="problems",
        columns=("要点", "任务数", "完成率", "备注"),
        rows=(
            ExtraRow(label="解读 & 回应", values=(3, Decimal("87.5"), "<按期>")),
            ExtraRow(label="平台", values=(0, None, "")),
        ),
    )


def test_the_custom_variant_example_builds_checks_and_renders(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / "custom_variant.py"), str(tmp_path)],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "findings: 0" in result.stdout
    assert "template problems: 0" in result.stdout
    report = govinfo.load(tmp_path / "custom.json")
    assert report.extras[0].title == "（六）落实上级年度政务公开工作要点情况"
    assert report.other_matters[-1].heading == "（五）政务公开专区建设情况"
    texts = [text for text, _ in dx.paragraphs(tmp_path / "custom.docx")]
    assert texts[0] == report.organ  # the letterhead the custom template adds
    cells = [
        dx.text_of(tc)
        for tc in dx.xml(tmp_path / "custom.docx", "word/document.xml").iter(f"{dx.W}tc")
    ]
    assert "（七）合计" in cells  # the local wording
    assert "深化重点领域信息公开" in cells  # the office's own table


def test_extra_tables_survive_json_and_print_literally(tmp_path: Path, full_report: Report) -> None:
    report = full_report.replace(extras=(_extra(),))
    assert govinfo.loads(govinfo.dumps(report)) == report
    target = tmp_path / "extra.docx"
    render_docx(report, target)
    tables = list(dx.xml(target, "word/document.xml").iter(f"{dx.W}tbl"))
    assert len(tables) == 4
    extra = tables[3]  # printed at the end of section 五, after the national tables
    assert [[text for text, _, _ in row] for row in dx.table_signature(extra)] == [
        ["要点", "任务数", "完成率", "备注"],
        ["解读 & 回应", "3", "87.5", "<按期>"],
        ["平台", "0", "", ""],
    ]
    texts = [text for text, _ in dx.paragraphs(target)]
    assert texts.index("（五）落实要点情况") > texts.index("五、存在的主要问题及改进情况")
    assert texts.index("（五）落实要点情况") < texts.index("六、其他需要报告的事项")


def test_an_extra_table_in_section_one_does_not_disturb_verification(
    tmp_path: Path, full_report: Report
) -> None:
    extra = ExtraTable(title="自定义", section="overview", columns=("项目", "数"), rows=())
    target = tmp_path / "one.docx"
    render_docx(full_report.replace(extras=(extra,)), target)
    assert dx.read_numbers_after(target, full_report, skip=1)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"columns": []}, "at least its label column"),
        ({"rows": [{"label": "x", "values": [1]}]}, "1 cells for 3 value columns"),
        ({"section": "appendix"}, "expected one of overview, problems, other_matters"),
        ({"rows": [{"label": "x", "values": [True, 1, 2]}]}, "expected a number, text or null"),
    ],
)
def test_bad_extra_tables_are_refused_with_their_path(
    full_report: Report, change: dict[str, object], words: str
) -> None:
    doc = json.loads(govinfo.dumps(full_report.replace(extras=(_extra(),))))
    doc["extras"][0].update(change)
    with pytest.raises(govinfo.LoadError) as info:
        govinfo.loads(json.dumps(doc))
    assert any(
        words in str(p) and (p.path or "").startswith("$.extras[0]") for p in info.value.problems
    )


def test_extras_are_not_summed_and_come_from_the_parent(full_report: Report) -> None:
    unit = full_report.replace(extras=(_extra(),))
    assert govinfo.aggregate([unit, unit.replace(organ="另一单位")], organ="X").extras == ()
    assert govinfo.aggregate([unit], organ="X", text=unit).extras == (_extra(),)


def test_check_command_with_previous(tmp_path: Path, full_report: Report) -> None:
    last = govinfo.update(
        full_report.replace(year=2023, published=None, signature=None),
        {"requests.carried_forward.natural_person": 1},
    )
    last_path, this_path = tmp_path / "2023.json", tmp_path / "2024.json"
    govinfo.dump(last, last_path)
    govinfo.dump(full_report, this_path)
    result = run_cli("check", "--previous", str(last_path), str(this_path))
    assert result.returncode == 0  # warnings only
    assert "警告 [YOY-CARRY]" in result.stdout
    unrelated = run_cli("check", "--previous", str(this_path), str(this_path))
    assert unrelated.returncode == 2
    assert "--allow-unrelated" in unrelated.stderr
    allowed = run_cli("check", "--previous", str(this_path), str(this_path), "--allow-unrelated")
    assert allowed.returncode == 0
