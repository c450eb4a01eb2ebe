"""The collection round on the command line, and LibreOffice's recalculation of the forms.

The LibreOffice tests need LibreOffice Calc (``.ci/run`` installs it). Where it is missing
they are skipped, unless ``GOVINFO_REQUIRE_PDF=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import govinfo
from govinfo.cells import layout, totals
from govinfo.model import Edition
from govinfo.read import read, read_all
from govinfo.render._pdf import find_soffice
from govinfo.xlsx import plan, workbook_bytes

from .conftest import EXAMPLES, run_cli
from .xlsx_helpers import find, insert_row, open_book, save_book


def _fill_numbers(path: Path, report: govinfo.Report, organ: str | None = None) -> None:
    """Type ``report``'s parts into the form at ``path`` (the totals are formulas)."""
    book = open_book(path.read_bytes())
    ws = book.worksheets[0]
    sums = totals(report)
    for index, value in enumerate(layout(report).values(report)):
        if index not in sums:
            ws.cell(*plan(report).values[index]).value = value
    if organ:
        ws.cell(plan(report).organ_row, 4).value = organ
    path.write_bytes(save_book(book))


# -- the command line -------------------------------------------------------------------------


def test_forms_for_every_unit_filled_read_checked_aggregated_rendered(
    tmp_path: Path, full_report: govinfo.Report
) -> None:
    units = tmp_path / "units.csv"
    units.write_text("organ,parent\n东街道,某区人民政府\n西街道,某区人民政府\n", encoding="utf-8")
    forms = tmp_path / "forms"
    done = run_cli("xlsx", "--year", "2024", "--units", str(units), "-o", str(forms))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in forms.iterdir()) == ["东街道.xlsx", "西街道.xlsx"]
    again = run_cli("xlsx", "--year", "2024", "--units", str(units), "-o", str(forms))
    assert again.returncode == 2
    assert "--force" in again.stderr
    parts = {c.spec.dotted: c.value for c in govinfo.cells(full_report) if not c.spec.is_total}
    east = govinfo.update(govinfo.blank_report("东街道", 2024), parts)
    _fill_numbers(forms / "东街道.xlsx", east)
    _fill_numbers(forms / "西街道.xlsx", east)

    done = run_cli("read", str(forms / "东街道.xlsx"), "-o", str(tmp_path / "east.json"))
    assert done.returncode == 0, done.stderr
    assert "read as Excel; tables of the 2021 edition" in done.stderr
    assert govinfo.load(tmp_path / "east.json").requests == east.requests

    done = run_cli("check", str(forms / "东街道.xlsx"))
    assert "S3-" not in done.stdout  # the numbers add up
    assert "东街道 2024 年度报告" in done.stdout

    cells = run_cli("cells", str(forms / "西街道.xlsx"))
    assert cells.returncode == 0
    assert "一、本年新收政府信息公开申请数量,自然人,152" in cells.stdout

    total = tmp_path / "district.json"
    done = run_cli(
        "aggregate", *(str(p) for p in sorted(forms.iterdir())), "-o", str(total),
        "--organ", "某区人民政府",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    district = govinfo.load(total)
    assert district.requests.received.natural_person == 2 * 152
    assert [f for f in govinfo.check(district) if f.severity.value == "error"] == []

    docx = tmp_path / "district.docx"
    done = run_cli("render", str(total), "-o", str(docx), "--draft")
    assert done.returncode == 0, done.stderr
    assert docx.stat().st_size > 0


def test_one_file_with_a_sheet_per_unit(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("单位\n东街道\n西街道\n", encoding="utf-8")
    out = tmp_path / "all.xlsx"
    done = run_cli(
        "xlsx", "--year", "2020", "--units", str(units), "--one-file", "-o", str(out),
        "--organ", "某区人民政府", "--password", "secret",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    book = open_book(out.read_bytes())
    assert book.sheetnames[:2] == ["东街道", "西街道"]
    assert all(ws.protection.password for ws in book.worksheets)
    results = read_all(out)
    assert [r.report.organ for r in results] == ["东街道", "西街道"]
    assert {r.edition for r in results} == {Edition.E2019}
    done = run_cli("check", "--format", "json", str(out))
    files = [entry["file"] for entry in json.loads(done.stdout)]
    assert files == [f"{out}!东街道", f"{out}!西街道"]
    done = run_cli("read", str(out), "-o", str(tmp_path / "x.json"))
    assert done.returncode == 2
    assert "holds 2 reports" in done.stderr


def test_export_a_report_and_refuse_mixed_arguments(tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    source = EXAMPLES / "complete-2024.json"
    done = run_cli("xlsx", str(source), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert read(out).report == govinfo.load(source)
    done = run_cli("xlsx", str(source), "--year", "2024", "-o", str(tmp_path / "b.xlsx"))
    assert done.returncode == 2
    assert "give a REPORT to export, or" in done.stderr
    done = run_cli("xlsx", "--year", "2024", "-o", str(tmp_path / "c.xlsx"))
    assert done.returncode == 2
    assert "--organ" in done.stderr
    done = run_cli("xlsx", str(out), "-o", str(out), "--force")
    assert done.returncode == 2  # never over its input
    assert read(out).report == govinfo.load(source)


# -- LibreOffice ------------------------------------------------------------------------------

_REQUIRED = os.environ.get("GOVINFO_REQUIRE_PDF") == "1"


def _recalculate(paths: list[Path], out: Path) -> list[Path]:
    """Open each workbook in LibreOffice Calc and save it again as .xlsx (recalculated)."""
    soffice = find_soffice()
    if soffice is None:
        if _REQUIRED:
            pytest.fail("GOVINFO_REQUIRE_PDF=1 but LibreOffice is missing")
        pytest.skip("LibreOffice is missing")
    out.mkdir()
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(out / 'profile').as_uri()}",
            "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", str(out),
            *(str(p) for p in paths),
        ],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    results = [out / p.name for p in paths]
    if not all(p.exists() for p in results):
        message = f"LibreOffice Calc could not convert: {done.stdout} {done.stderr}"
        if _REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    return results


def _cached_totals(path: Path, report: govinfo.Report) -> dict[str, Any]:
    import openpyxl

    ws = openpyxl.load_workbook(path, data_only=True).worksheets[0]
    specs = layout(report).specs
    return {specs[i].dotted: ws.cell(*plan(report).values[i]).value for i in totals(report)}


def test_libreoffice_computes_the_totals_the_model_computes(
    tmp_path: Path, full_report: govinfo.Report
) -> None:
    parts = {c.spec.dotted: c.value for c in govinfo.cells(full_report) if not c.spec.is_total}
    complete = govinfo.update(govinfo.blank_report("甲街道", 2024), parts)
    partial = govinfo.update(
        complete,
        {"requests.received.other": None, "review_litigation.direct_suit.pending": None},
    )
    old = govinfo.blank_report("乙街道", 2020)
    old = govinfo.update(old, {"proactive.fees.change": -3, "requests.received.other": 4})
    cases = {"complete": complete, "partial": partial, "old": old}
    paths = []
    for name, report in cases.items():
        path = tmp_path / f"{name}.xlsx"
        path.write_bytes(workbook_bytes([report], blank=True))
        _fill_numbers(path, report)
        paths.append(path)
    # A unit's widened formula: a row of its own inserted with a number, which LibreOffice
    # computes into （七）总计 and the reader then holds against the format's parts.
    widened = tmp_path / "widened.xlsx"
    book = open_book(paths[0].read_bytes())
    ws = book.worksheets[0]
    row, _ = find(ws, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    insert_row(ws, row)
    ws.cell(row, 3).value = "其中：网上申请"
    ws.cell(row, 4).value = 40
    widened.write_bytes(save_book(book))
    recalculated = _recalculate([*paths, widened], tmp_path / "calc")
    for (name, report), path in zip(cases.items(), recalculated, strict=False):
        cached = _cached_totals(path, report)
        for dotted, value in cached.items():
            model = layout(report).values(report)[layout(report).index(dotted.split("."))]
            assert (value if value != "" else None) == model, (name, dotted)
        result = read(path)
        assert result.report.requests == report.requests, name
        assert result.report.review_litigation == report.review_litigation, name
        assert result.report.proactive == report.proactive, name
        assert [str(d) for d in result.diagnostics] == [], name
    assert partial.requests.received.total is None
    # Counting more numbers than it has parts, govinfo's formula gives a blank rather than a
    # total that takes in the unit's row: the reader says so, and the checks cannot assess it.
    result = read(recalculated[-1])
    assert result.report.requests.outcomes.total.natural_person is None
    assert result.report.requests.outcomes.total.commercial_enterprise == 17
    errors = [str(d) for d in result.errors]
    assert len(errors) == 2
    assert "the row “其中：网上申请” is not a row of the format" in errors[0]
    assert "（七）总计·自然人: the total's formula was changed" in errors[1]
    assert "gives a blank" in errors[1]
    notices = [f for f in govinfo.check(result.report) if f.rule == "S3-OUTCOMES-TOTAL"]
    assert [f.severity.value for f in notices] == ["notice"]
