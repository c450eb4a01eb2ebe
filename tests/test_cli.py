"""The govinfo command as a user runs it: output, exit codes, files it writes or refuses to."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import govinfo

from .conftest import EXAMPLES, run_cli


def _write_wrong_report(path: Path) -> None:
    report = govinfo.update(
        govinfo.load(EXAMPLES / "complete-2024.json"),
        {"requests.outcomes.total.natural_person": 148},
        recompute_totals=False,
    )
    govinfo.dump(report, path)


def test_check_a_clean_report_exits_0() -> None:
    result = run_cli("check", str(EXAMPLES / "yulong-2023.json"))
    assert result.returncode == 0, result.stderr
    assert "阜新市细河区玉龙街道 2023 年度报告" in result.stdout
    assert "未发现问题。" in result.stdout


def test_check_with_errors_exits_1_and_prints_each_finding(tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    _write_wrong_report(path)
    result = run_cli("check", str(path))
    assert result.returncode == 1
    expected = "表三（七）总计·自然人：应为 154（各项办理结果之和），实为 148，相差 6"
    assert f"错误 [S3-OUTCOMES-TOTAL] {expected}" in result.stdout
    # The same wrong cell also breaks the （七）总计 row's own 总计 and the 自然人 balance.
    assert "共 3 个错误" in result.stdout


def test_check_json_output_is_machine_readable(tmp_path: Path) -> None:
    path = tmp_path / "wrong.json"
    _write_wrong_report(path)
    result = run_cli("check", "--format", "json", str(path))
    assert result.returncode == 1
    (entry,) = json.loads(result.stdout)
    assert entry["file"] == str(path)
    assert [f["rule"] for f in entry["findings"]] == [
        "S3-BALANCE",
        "S3-OUTCOMES-TOTAL",
        "S3-ROW-TOTAL",
    ]
    first = entry["findings"][1]
    assert first["path"] == "$.requests.outcomes.total.natural_person"
    assert (first["expected"], first["actual"], first["difference"]) == (154, 148, -6)


def test_check_an_unreadable_file_exits_2_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"organ": "X",\n "year": 2023,,}', encoding="utf-8")
    result = run_cli("check", str(path))
    assert result.returncode == 2
    # One problem, one line: the file, the place and what is wrong.
    assert result.stderr.startswith(f"govinfo: {path}: line 2, column 15: not valid JSON")
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_check_an_invalid_report_lists_every_problem(tmp_path: Path) -> None:
    doc = json.loads((EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8"))
    doc["requests"]["received"]["natural_person"] = -1
    doc["year"] = 1999
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(path))
    assert result.returncode == 2
    (entry,) = json.loads(result.stdout)
    assert [p["path"] for p in entry["problems"]] == [
        "$.year",
        "$.requests.received.natural_person",
    ]
    assert "from 2008 to 2100, got 1999" in entry["problems"][0]["message"]


def test_new_writes_a_complete_blank_report_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    result = run_cli("new", "--year", "2025", "--organ", "某县人民政府办公室", "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = govinfo.load(target)
    assert (report.organ, report.year, report.edition) == (
        "某县人民政府办公室",
        2025,
        govinfo.Edition.E2021,
    )
    assert len(govinfo.cells(report)) == 200

    target.write_text("my own work", encoding="utf-8")
    again = run_cli("new", "--year", "2025", "--organ", "别的单位", "-o", str(target))
    assert again.returncode == 2
    assert "already exists; use --force" in again.stderr
    assert target.read_text(encoding="utf-8") == "my own work"

    forced = run_cli("new", "--year", "2025", "--organ", "别的单位", "-o", str(target), "--force")
    assert forced.returncode == 0
    assert govinfo.load(target).organ == "别的单位"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.json"]


def test_new_rejects_an_impossible_year(tmp_path: Path) -> None:
    result = run_cli("new", "--year", "1990", "--organ", "X", "-o", str(tmp_path / "x.json"))
    assert result.returncode == 2
    assert "--year" in result.stderr
    assert not (tmp_path / "x.json").exists()


def test_cells_prints_every_cell_as_csv() -> None:
    result = run_cli("cells", str(EXAMPLES / "complete-2024.json"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "section,row,column,value"
    assert len(lines) == 201
    assert "三、收到和处理政府信息公开申请情况,三、本年度办理结果/（七）总计,总计,183" in lines


def test_schema_prints_the_json_schema() -> None:
    result = run_cli("schema")
    assert result.returncode == 0
    printed = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed == govinfo.schema()


def test_usage_errors_exit_2() -> None:
    result = run_cli("check")
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_new_leaves_totals_out_so_they_follow_what_is_filled_in(tmp_path: Path) -> None:
    target = tmp_path / "new.json"
    assert run_cli("new", "--year", "2025", "--organ", "某单位", "-o", str(target)).returncode == 0
    text = target.read_text(encoding="utf-8")
    assert '"total"' not in text
    doc = json.loads(text)
    doc["requests"]["received"]["natural_person"] = 12
    doc["requests"]["outcomes"]["disclosed"]["natural_person"] = 11
    target.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run_cli("check", "--format", "json", str(target))
    (entry,) = json.loads(result.stdout)
    errors = [f for f in entry["findings"] if f["severity"] == "error"]
    # The one real problem: a request is neither handled nor carried forward (and 总计 with it).
    assert [(f["rule"], f["column"]) for f in errors] == [
        ("S3-BALANCE", ["自然人"]),
        ("S3-BALANCE", ["总计"]),
    ]


def test_new_makes_a_2019_edition_report_for_2019_and_2020(tmp_path: Path) -> None:
    target = tmp_path / "x.json"
    result = run_cli("new", "--year", "2020", "--organ", "X", "-o", str(target))
    assert result.returncode == 0, result.stderr
    report = govinfo.load(target)
    assert report.edition is govinfo.Edition.E2019
    assert isinstance(report.proactive, govinfo.Proactive2019)
    assert isinstance(report.requests.outcomes.other_handling, govinfo.ApplicantCounts)
    assert len(govinfo.cells(report)) == 22 + 161 + 15


def test_output_that_cannot_be_encoded_never_crashes_the_command(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"\\ud800": 1}', encoding="utf-8")
    for fmt in ("text", "json"):
        result = run_cli("check", "--format", fmt, str(path))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr


def test_cells_refuses_to_replace_something_that_is_not_a_file(tmp_path: Path) -> None:
    result = run_cli("cells", str(EXAMPLES / "yulong-2023.json"), "-o", str(tmp_path))
    assert result.returncode == 2
    assert "not a regular file" in result.stderr
    assert tmp_path.is_dir()


def test_check_strict_counts_warnings_and_notices_as_errors(tmp_path: Path) -> None:
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    path = tmp_path / "thin.json"
    govinfo.dump(report.replace(problems=(govinfo.Part(paragraphs=("无。",)),)), path)
    plain = run_cli("check", str(path))
    assert plain.returncode == 0
    assert "警告 [TEXT-S5-SHORT] 五、存在的主要问题及改进情况只写了“无。”" in plain.stdout
    strict = run_cli("check", "--strict", str(path))
    assert strict.returncode == 1
    assert strict.stdout == plain.stdout
    assert run_cli("check", "--strict", str(EXAMPLES / "complete-2024.json")).returncode == 0


def test_check_sets_the_section_5_threshold(tmp_path: Path) -> None:
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    path = tmp_path / "short.json"
    short = (govinfo.Part(paragraphs=("工作中还存在一些不足，今后将继续改进。",)),)
    govinfo.dump(report.replace(problems=short), path)
    assert "TEXT-S5-SHORT" in run_cli("check", str(path)).stdout
    lenient = run_cli("check", "--strict", "--problems-min-chars", "17", str(path))
    assert lenient.returncode == 0, lenient.stdout
    wrong = run_cli("check", "--problems-min-chars", "-1", str(path))
    assert wrong.returncode == 2
    assert "--problems-min-chars cannot be negative, got -1" in wrong.stderr
