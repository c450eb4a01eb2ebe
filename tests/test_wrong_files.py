"""Every command given the wrong file: an output where an input belongs, a finished document
where a template belongs, a file of another kind. One line naming the file and the problem, a
documented exit code, nothing written that says something wrong."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

import govinfo
from govinfo.render import RenderError, render_bytes, render_docx

from .conftest import EXAMPLES, ROOT, run_cli

CORPUS = ROOT / "tests" / "corpus"


def test_a_finished_document_given_as_a_template_prints_nothing_of_another_report(
    tmp_path: Path, seed_report: govinfo.Report, full_report: govinfo.Report
) -> None:
    # A rendered document has no tags: as a template it would print its own numbers and
    # text whatever the report. It is verified like any template, and so refused.
    finished = tmp_path / "yulong.docx"
    finished.write_bytes(render_bytes(seed_report))
    with pytest.raises(RenderError, match="verification failed: 表二"):
        render_docx(full_report, tmp_path / "other.docx", finished)
    assert not (tmp_path / "other.docx").exists()
    result = run_cli(
        "render",
        str(EXAMPLES / "complete-2024.json"),
        "-o",
        str(tmp_path / "other.docx"),
        "--template",
        str(finished),
    )
    assert result.returncode == 2
    assert result.stderr.startswith("govinfo: verification failed: ")
    assert not (tmp_path / "other.docx").exists()


def test_template_check_of_a_finished_document_lists_its_problems(
    tmp_path: Path, seed_report: govinfo.Report
) -> None:
    finished = tmp_path / "yulong.docx"
    finished.write_bytes(render_bytes(seed_report))
    result = run_cli("template", "--check", str(finished))
    assert result.returncode == 1, result.stderr
    assert "internal error" not in result.stderr
    assert ": error: rendering a sample report failed: " in result.stdout
    assert "is not printed in a table cell of its own" in result.stdout


@pytest.mark.parametrize("name", ["r.json", "r.docx", "r.txt", "r.html", "r.xlsx", "r.pdf", "r.md"])
@pytest.mark.parametrize("command", ["check", "cells", "read", "diff", "aggregate", "xlsx"])
def test_an_empty_file_is_said_to_be_empty(tmp_path: Path, name: str, command: str) -> None:
    (tmp_path / name).write_bytes(b"\xef\xbb\xbf \n")
    args = {
        "check": [name],
        "cells": [name],
        "read": [name, "-o", "out.json"],
        "diff": [name, str(EXAMPLES / "yulong-2023.json")],
        "aggregate": [name, "-o", "out.json", "--organ", "某区"],
        "xlsx": [name, "-o", "out.xlsx"],
    }[command]
    result = run_cli(command, *args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, f"govinfo: {name}: the file is empty\n")
    assert not (tmp_path / "out.json").exists()
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.parametrize("name", ["scan.png", "scan.pdf", "scan.docx", "scan.txt"])
def test_an_image_is_no_report(tmp_path: Path, name: str) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    (tmp_path / name).write_bytes(png)
    result = run_cli("read", name, "-o", "out.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"govinfo: {name}: a PNG image, not a report: ")
    assert "does no OCR" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_document_saved_under_a_json_name_is_read_as_what_it_is(
    tmp_path: Path, seed_report: govinfo.Report
) -> None:
    (tmp_path / "word.json").write_bytes(render_bytes(seed_report))
    shutil.copy(CORPUS / "pdf-docx.pdf", tmp_path / "pdf.json")
    for name in ("word.json", "pdf.json"):
        result = run_cli("check", name, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "read as Word" in result.stdout or "read as PDF" in result.stdout


def test_an_unreadable_file_in_an_audit_is_named_once() -> None:
    from govinfo.audit import audit

    result = audit([EXAMPLES / "audit" / "2024"], jobs=1)
    (notice,) = (r for r in result.reports if r.status == "unreadable")
    assert notice.source.endswith("通知.txt")
    # The page, summary.csv and findings.csv show the file beside the problem.
    assert notice.problem.startswith("cannot find the report's title"), notice.problem
    (finding,) = (f for f in result.findings() if f.rule == "READ-FAILED")
    assert finding.message == notice.problem


@pytest.mark.parametrize(
    "args",
    [
        ["render", "{yulong}", "-o", "nodir/r.docx"],
        ["render", "{yulong}", "-o", "nodir/r.html"],
        ["cells", "{yulong}", "-o", "nodir/r.csv"],
        ["read", "{text}", "-o", "nodir/r.json"],
        ["new", "--year", "2024", "--organ", "某局", "-o", "nodir/r.json"],
        ["aggregate", "{yulong}", "--organ", "某区", "-o", "nodir/r.json"],
        ["xlsx", "{yulong}", "-o", "nodir/r.xlsx"],
        ["xlsx", "--year", "2024", "--organ", "某局", "-o", "nodir/r.xlsx"],
        ["template", "--export", "nodir/r.docx"],
    ],
)
def test_an_output_in_a_missing_folder_names_the_folder(tmp_path: Path, args: list[str]) -> None:
    filled = [
        a.format(yulong=EXAMPLES / "yulong-2023.json", text=EXAMPLES / "yulong-2023.txt")
        for a in args
    ]
    result = run_cli(*filled, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith("govinfo: cannot write nodir/r.")
    assert result.stderr.splitlines()[-1].endswith(": there is no folder nodir")
    assert not (tmp_path / "nodir").exists()


def test_folders_of_outputs_are_named_alike(tmp_path: Path) -> None:
    units = EXAMPLES / "audit" / "units.csv"
    forms = run_cli("xlsx", "--year", "2024", "--units", str(units), "-d", "forms", cwd=tmp_path)
    assert forms.returncode == 0, forms.stderr
    assert len(list((tmp_path / "forms").glob("*.xlsx"))) == 5
    alone = run_cli("xlsx", "--year", "2024", "--organ", "某局", "-d", "x", cwd=tmp_path)
    assert alone.returncode == 2
    assert "-d DIRECTORY goes with --units" in alone.stderr
    audited = run_cli("audit", str(EXAMPLES / "yulong-2023.json"), "-d", "audit", cwd=tmp_path)
    assert audited.returncode == 0, audited.stderr
    assert (tmp_path / "audit" / "index.html").exists()
    cells = run_cli("cells", str(EXAMPLES / "yulong-2023.json"), "-o", "c.csv", cwd=tmp_path)
    assert (cells.returncode, cells.stderr) == (0, "wrote c.csv\n")


def test_every_limit_says_what_the_input_has(tmp_path: Path) -> None:
    import attrs

    from govinfo import limits
    from govinfo.errors import LimitExceeded
    from govinfo.units import read_units

    assert [f.name for f in attrs.fields(limits.Limits) if not f.metadata["says"]] == []
    units = tmp_path / "units.csv"
    units.write_text("organ\n某局\n", encoding="utf-8")
    with limits.using(limits.Limits(units_list_bytes=8)), pytest.raises(LimitExceeded) as caught:
        read_units(units)
    assert str(caught.value) == (
        f"{units}: a units list of 13 bytes, over the limit of 8 (units_list_bytes in "
        "govinfo.limits)"
    )


@pytest.mark.parametrize("command", ["render", "audit"])
def test_a_folder_to_write_into_that_is_a_file_is_said_to_be_one(
    tmp_path: Path, command: str
) -> None:
    (tmp_path / "out").write_bytes(b"precious")
    flag = "-d" if command == "render" else "-o"
    result = run_cli(command, str(EXAMPLES / "yulong-2023.json"), flag, "out", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith("out: a file, not a folder")
    assert (tmp_path / "out").read_bytes() == b"precious"


def test_an_earlier_audit_in_the_folder_audited_is_no_report(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(EXAMPLES / "audit" / "2023", reports)
    first = run_cli("audit", str(reports), "-o", str(reports / "audit-2023"))
    assert first.returncode == 0, first.stderr
    # A year later, the earlier audit's folder is still there, beside a page of the portal.
    (reports / "page.html").write_bytes((reports / "西城街道.html").read_bytes())
    again = run_cli("audit", str(reports), "-o", str(tmp_path / "audit-2024"))
    # Exit 0: the earlier page is no unreadable report (the copied page is a duplicate: a warning).
    assert again.returncode == 0, again.stderr
    with (tmp_path / "audit-2024" / "summary.csv").open(encoding="utf-8-sig") as file:
        sources = [Path(row["source"]).name for row in csv.DictReader(file)]
    assert "index.html" not in sources
    assert "page.html" in sources


def test_cells_left_blank_in_a_sum_are_said_once_per_units(
    tmp_path: Path, full_report: govinfo.Report
) -> None:
    for organ in ("东街道", "西街道"):
        made = run_cli(
            "xlsx", "--year", "2024", "--organ", organ, "-o", f"{organ}.xlsx", cwd=tmp_path
        )
        assert made.returncode == 0, made.stderr
    result = run_cli(
        "aggregate", "东街道.xlsx", "西街道.xlsx", "--organ", "某区", "-o", "s.json", cwd=tmp_path
    )
    assert result.returncode == 1  # the units' own errors: tables with no number
    blank = [line for line in result.stderr.splitlines() if "blank in the sum" in line]
    assert blank == [
        "  blank in the sum: 200 cell(s) left blank by 东街道.xlsx, 西街道.xlsx: "
        "表二规章·本年制发件数、表二规章·本年废止件数、表二规章·现行有效件数、表二行政规范性文件·本年制发件数、"
        "表二行政规范性文件·本年废止件数 and 195 more"
    ]
    # A unit that left two cells blank: both named.
    one = govinfo.update(
        full_report,
        {"proactive.licensing": None, "proactive.penalties": None},
        recompute_totals=False,
    )
    govinfo.dump(one.replace(organ="东街道"), tmp_path / "a.json")
    govinfo.dump(full_report.replace(organ="西街道"), tmp_path / "b.json")
    result = run_cli(
        "aggregate", "a.json", "b.json", "--organ", "某区", "-o", "t.json", cwd=tmp_path
    )
    blank = [line for line in result.stderr.splitlines() if "blank in the sum" in line]
    assert blank == [
        "  blank in the sum: 2 cell(s) left blank by a.json: 表二行政许可·本年处理决定数量、"
        "表二行政处罚·本年处理决定数量"
    ]


def test_a_json_document_that_is_no_report_is_one_problem(tmp_path: Path) -> None:
    schema = run_cli("schema").stdout
    (tmp_path / "report.schema.json").write_text(schema, encoding="utf-8")
    result = run_cli("check", "report.schema.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "govinfo: report.schema.json: $: not a report: none of its keys ($comment, $defs, $id, "
        "$schema, additionalProperties, …) is a report's\n"
    )
    # A report with keys missing or misspelt still gets every problem listed.
    with pytest.raises(govinfo.LoadError) as caught:
        govinfo.loads('{"organ": "某局", "yaer": 2024}')
    assert len(caught.value.problems) > 2


def test_a_batch_says_how_to_see_why_a_report_was_refused(tmp_path: Path) -> None:
    bad = EXAMPLES / "audit" / "2024" / "南湖镇.json"  # a total 3 more than its row
    result = run_cli(
        "render", str(EXAMPLES / "yulong-2023.json"), str(bad), "-d", "out", cwd=tmp_path
    )
    assert result.returncode == 1  # refusals only
    assert f"  failed: {bad}: refused: 2 error(s) in the report\n" in result.stderr
    assert "govinfo check REPORT lists a refused report's errors" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["yulong-2023.docx"]


def test_a_units_list_kept_as_a_workbook_says_to_save_it_as_csv(tmp_path: Path) -> None:
    (tmp_path / "units.xlsx").write_bytes(
        run_cli("xlsx", "--year", "2024", "--organ", "某局", "-o", "f.xlsx", cwd=tmp_path)
        and (tmp_path / "f.xlsx").read_bytes()
    )
    expected = (
        "units.xlsx: a workbook or a Word document, not a CSV file: save it as CSV (UTF-8) first"
    )
    for args in (
        ["xlsx", "--year", "2024", "--units", "units.xlsx", "-o", "forms"],
        ["audit", str(EXAMPLES / "yulong-2023.json"), "--units", "units.xlsx", "-o", "a"],
        ["audit", str(EXAMPLES / "yulong-2023.json"), "--reviewed", "units.xlsx", "-o", "a"],
    ):
        result = run_cli(*args, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, f"govinfo: {expected}\n"), args


def test_aggregate_takes_the_text_and_own_figures_from_a_published_report(
    tmp_path: Path, seed_report: govinfo.Report
) -> None:
    (tmp_path / "text.docx").write_bytes(render_bytes(seed_report))
    unit = EXAMPLES / "audit" / "2023" / "北山乡.json"
    result = run_cli("aggregate", str(unit), "-o", "sum.json", "--text", "text.docx", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    summed = govinfo.load(tmp_path / "sum.json")
    assert (summed.organ, summed.overview) == (seed_report.organ, seed_report.overview)


def test_cells_written_to_a_file_open_as_utf8_in_a_spreadsheet(tmp_path: Path) -> None:
    report = str(EXAMPLES / "yulong-2023.json")
    printed = run_cli("cells", report).stdout
    assert printed.startswith("section,row,column,value\n")  # programs: no mark
    written = run_cli("cells", report, "-o", "cells.csv", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    data = (tmp_path / "cells.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfsection,row,column,value")
    assert data.decode("utf-8-sig") == printed


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args", [["schema"], ["cells", "{yulong}"], ["check", "--format", "json", "{yulong}"]]
)
def test_a_full_disk_under_the_standard_output_is_said(args: list[str]) -> None:
    import subprocess
    import sys

    filled = [a.format(yulong=EXAMPLES / "yulong-2023.json") for a in args]
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "govinfo", *filled],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert result.returncode == 2
    assert result.stderr == "govinfo: cannot write the standard output: No space left on device\n"


@pytest.mark.parametrize("command", ["aggregate", "cells"])
def test_a_closed_standard_error_leaves_the_work_done_and_its_exit_status(
    tmp_path: Path, command: str
) -> None:
    import subprocess
    import sys

    report = str(EXAMPLES / "yulong-2023.json")
    args = {
        "aggregate": ["aggregate", report, "--organ", "某区", "-o", "sum.json"],
        "cells": ["cells", report, "-o", "sum.json"],
    }[command]
    process = subprocess.Popen(
        [sys.executable, "-m", "govinfo", *args], cwd=tmp_path, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    process.stderr.close()  # as `govinfo … 2>&1 | head -0` would
    assert process.wait(timeout=60) == 0
    assert (tmp_path / "sum.json").stat().st_size > 0
