"""Excel workbooks: the forms units fill in, finished reports, and reading them back."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.cells import layout, spec_at, totals
from govinfo.checks import RULES
from govinfo.errors import LimitExceeded
from govinfo.grid import grids
from govinfo.limits import Limits, using
from govinfo.model import Edition
from govinfo.read import ReadError, ReadResult, read_all_bytes, read_bytes, sniff
from govinfo.strategies import reports
from govinfo.xlsx import (
    NOTE_SHEET,
    TEXT_SHEET,
    XlsxError,
    address,
    plan,
    sheet_name,
    total_formula,
    workbook_bytes,
)

from .xlsx_helpers import find, insert_row, move_area, open_book, save_book

ORGAN = "某街道办事处"


def _form(year: int = 2025, organ: str = ORGAN) -> bytes:
    return workbook_bytes([govinfo.blank_report(organ, year)], blank=True)


def _read(data: bytes) -> ReadResult:
    return read_bytes(data, source="unit.xlsx")


def _where(report: govinfo.Report, dotted: str, sheet: str = ORGAN) -> str:
    index = layout(report).index(dotted.split("."))
    return f"{sheet}!{address(*plan(report).values[index])}"


def _fill(report: govinfo.Report, data: bytes) -> Any:
    """A form filled in through openpyxl with every part of ``report`` (totals left to their
    formulas), as a unit types the numbers."""
    book = open_book(data)
    ws = book.worksheets[0]
    lay = layout(report)
    sums = totals(report)
    for index, value in enumerate(lay.values(report)):
        if index not in sums:
            ws.cell(*plan(report).values[index]).value = value
    return book


def _tables_only(report: govinfo.Report) -> govinfo.Report:
    """What a form filled in with ``report``'s numbers gives back: its tables, no text."""
    return report.replace(
        title=None,
        published=None,
        signature=None,
        preamble=(),
        overview=(),
        problems=(),
        other_matters=(),
        extras=(),
    )


def _messages(result: ReadResult, severity: str | None = None) -> list[str]:
    return [str(d) for d in result.diagnostics if severity is None or d.severity == severity]


# -- round trips ------------------------------------------------------------------------------


@settings(max_examples=15)
@given(
    st.one_of(
        reports(edition=Edition.E2021),
        reports(edition=Edition.E2019),
        reports(edition=Edition.E2021, blanks=True),
        reports(edition=Edition.E2019, mixed=True, blanks=True),
    )
)
def test_a_report_reads_back_from_its_workbook(report: govinfo.Report) -> None:
    result = _read(workbook_bytes([report]))
    assert result.report == report
    assert result.format == "xlsx"
    assert _messages(result) == []


def test_examples_read_back(full_report: govinfo.Report, seed_report: govinfo.Report) -> None:
    for report in (full_report, seed_report):
        assert _read(workbook_bytes([report])).report == report


def test_a_wrong_total_is_exported_as_the_number_it_is(full_report: govinfo.Report) -> None:
    wrong = govinfo.update(full_report, {"requests.received.total": 1}, recompute_totals=False)
    data = workbook_bytes([wrong])
    ws = open_book(data).worksheets[0]
    index = layout(wrong).index(("requests", "received", "total"))
    assert ws.cell(*plan(wrong).values[index]).value == 1
    result = _read(data)
    assert result.report == wrong
    assert "S3-ROW-TOTAL" in {f.rule for f in govinfo.check(result.report)}


def test_amounts_keep_their_digits() -> None:
    report = govinfo.update(
        govinfo.blank_report(ORGAN, 2024), {"proactive.fees": Decimal("1.234567")}
    )
    assert _read(workbook_bytes([report])).report.proactive.fees == Decimal("1.234567")
    too_long = govinfo.update(report, {"proactive.fees": Decimal("123456789012.123456")})
    with pytest.raises(XlsxError, match="15 significant digits"):
        workbook_bytes([too_long])


# -- the form ---------------------------------------------------------------------------------


def test_a_blank_form_reads_as_blank_never_0() -> None:
    result = _read(_form())
    assert result.report.organ == ORGAN
    assert result.report.year == 2025
    assert result.edition is Edition.E2021
    assert all(value is None for value in layout(result.report).values(result.report))
    assert set(result.blanks.values()) == {""}
    assert _messages(result) == []


def test_the_form_is_drawn_from_the_grid_protected_and_validated() -> None:
    report = govinfo.blank_report(ORGAN, 2025)
    book = open_book(_form())
    assert book.sheetnames == [ORGAN, NOTE_SHEET]
    ws = book[ORGAN]
    assert ws.protection.sheet
    sheet = plan(report)
    # Every header label of the grid is on the sheet, merged as the grid merges it.
    merged = {m.coord for m in ws.merged_cells.ranges}
    for table in sheet.tables:
        for placed in table.cells:
            cell = ws.cell(placed.row, placed.column)
            if placed.cell.spec is None:
                assert cell.value == placed.cell.text
            span = (placed.row, placed.column) != (placed.last_row, placed.last_column)
            if span:
                first = address(placed.row, placed.column)
                assert f"{first}:{address(placed.last_row, placed.last_column)}" in merged
    validated = {str(c) for dv in ws.data_validations.dataValidation for c in dv.sqref.ranges}
    sums = totals(report)
    for index, spec in enumerate(layout(report).specs):
        cell = ws.cell(*sheet.values[index])
        if index in sums:
            assert cell.value == sheet.formula(index)
            assert cell.protection.locked
        else:
            assert cell.value is None
            assert not cell.protection.locked, spec.place
            assert cell.coordinate in validated
    organ = ws.cell(sheet.organ_row, 4)
    assert organ.value == ORGAN
    assert not organ.protection.locked
    assert ws.cell(sheet.year_row, 4).protection.locked
    note = [c.value for row in book[NOTE_SHEET].iter_rows() for c in row if c.value]
    assert set(RULES) <= set(note)


def test_validation_rules_by_kind() -> None:
    ws = open_book(_form()).worksheets[0]
    kinds = {(dv.type, dv.formula1) for dv in ws.data_validations.dataValidation}
    assert kinds == {("whole", "0"), ("decimal", "0")}
    ws2019 = open_book(_form(2020)).worksheets[0]
    kinds = {(dv.type, dv.formula1) for dv in ws2019.data_validations.dataValidation}
    assert ("whole", "-999999999999999") in kinds  # 本年增/减 may be negative


def test_a_password_protects_every_sheet() -> None:
    data = workbook_bytes([govinfo.blank_report(ORGAN, 2025)], blank=True, password="pw")
    for ws in open_book(data).worksheets:
        assert ws.protection.sheet
        assert ws.protection.password


def test_total_formulas_are_blank_until_every_part_is_filled() -> None:
    assert total_formula([(5, 4), (5, 5), (5, 6)]) == '=IF(COUNT(D5:F5)=3,SUM(D5:F5),"")'
    assert total_formula([(8, 4), (9, 4), (11, 4)]) == '=IF(COUNT(D8:D9,D11)=3,SUM(D8:D9,D11),"")'


def test_sheet_names() -> None:
    assert sheet_name("a/b:c") == "a_b_c"
    long = "某" * 40
    assert sheet_name(long) == "某" * 31
    assert sheet_name(long, ["某" * 31]) == "某" * 28 + "(2)"


# -- a form a unit filled in ------------------------------------------------------------------


def test_a_filled_form_reads_as_the_report(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    filled = govinfo.update(
        report, {c.spec.dotted: c.value for c in govinfo.cells(full_report) if not c.spec.is_total}
    )
    data = save_book(_fill(filled, workbook_bytes([report], blank=True)))
    result = _read(data)
    assert result.report == _tables_only(filled)
    assert _messages(result) == []


def test_what_a_unit_types_is_read_strictly(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    book = _fill(full_report.replace(organ=ORGAN), workbook_bytes([report], blank=True))
    ws = book.worksheets[0]

    def at(dotted: str) -> Any:
        index = layout(report).index(dotted.split("."))
        return ws.cell(*plan(report).values[index])

    at("requests.received.natural_person").value = "１５２"  # full-width, as text
    at("requests.received.commercial_enterprise").value = " 18 "
    at("requests.received.research_institution").value = 2.0
    at("requests.carried_over.natural_person").value = 12.5
    at("requests.carried_over.other").value = "约5"
    at("requests.outcomes.disclosed.other").value = None
    at("requests.outcomes.partly_disclosed.other").value = "/"
    at("proactive.licensing").value = "=2+3"  # a formula never computed
    at("proactive.fees").value = "3.5万元"
    result = _read(save_book(book))
    got = result.report
    assert got.requests.received.natural_person == 152
    assert got.requests.received.commercial_enterprise == 18
    assert got.requests.received.research_institution == 2
    assert got.requests.carried_over.natural_person is None
    assert got.requests.carried_over.other is None
    assert got.requests.outcomes.disclosed.other is None  # blank, never 0
    assert got.requests.outcomes.partly_disclosed.other is None
    assert got.proactive.licensing is None
    assert got.proactive.fees == Decimal("3.5")
    errors = _messages(result, "error")
    assert f"{_where(report, 'requests.carried_over.natural_person')}: " in "\n".join(errors)
    assert any("not a whole number" in e or "whole number" in e for e in errors)
    assert any("约5" in e for e in errors)
    assert any("=2+3" in e for e in errors)
    infos = "\n".join(_messages(result, "info"))
    assert "“１５２” (a number stored as text; full-width characters) read as 152" in infos
    assert "“ 18 ” (a number stored as text; spaces) read as 18" in infos
    assert "“/” read as a blank cell" in infos
    # The totals over blank or unreadable cells are blank too, and the checks say so.
    assert got.requests.carried_over.total is None
    findings = govinfo.check(got)
    assert any(f.rule == "S3-BALANCE" and f.severity.value == "notice" for f in findings)


def test_a_total_typed_over_its_formula_is_kept_as_typed(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    book = _fill(full_report.replace(organ=ORGAN), workbook_bytes([report], blank=True))
    ws = book.worksheets[0]
    index = layout(report).index(("requests", "received", "total"))
    ws.cell(*plan(report).values[index]).value = 999
    result = _read(save_book(book))
    assert result.report.requests.received.total == 999
    assert any("999 typed over the total's formula" in m for m in _messages(result, "info"))
    messages = [f.message for f in govinfo.check(result.report) if f.rule == "S3-ROW-TOTAL"]
    assert any("表三一、本年新收政府信息公开申请数量·总计" in m and "999" in m for m in messages)


def test_a_deleted_formula_leaves_the_total_blank(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    book = _fill(full_report.replace(organ=ORGAN), workbook_bytes([report], blank=True))
    index = layout(report).index(("review_litigation", "review", "total"))
    book.worksheets[0].cell(*plan(report).values[index]).value = None
    result = _read(save_book(book))
    assert result.report.review_litigation.review.total is None
    warning = _messages(result, "warning")
    expected = full_report.review_litigation.review.total
    assert any(f"blank in the report (its parts add up to {expected})" in w for w in warning)


def test_a_changed_formula_is_read_by_its_cached_value_or_reported(
    full_report: govinfo.Report,
) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    book = _fill(full_report.replace(organ=ORGAN), workbook_bytes([report], blank=True))
    index = layout(report).index(("review_litigation", "review", "total"))
    book.worksheets[0].cell(*plan(report).values[index]).value = "=SUM(A1:A2)"
    result = _read(save_book(book))  # saved by a program: no value computed
    assert result.report.review_litigation.review.total is None
    assert any(
        "formula was changed (=SUM(A1:A2)) and the workbook holds no value" in e
        for e in _messages(result, "error")
    )


def test_an_inserted_row_and_a_moved_table_are_still_read(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    filled = full_report.replace(organ=ORGAN)
    book = _fill(filled, workbook_bytes([report], blank=True))
    ws = book.worksheets[0]
    # An empty row inserted among the rows of （三）不予公开, and a row of the unit's own with
    # a label and numbers below （一）予以公开.
    row, _ = find(ws, "3.危及“三安全一稳定”")
    insert_row(ws, row)
    row, _ = find(ws, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
    insert_row(ws, row)
    ws.cell(row, 3).value = "其中：网上申请"
    ws.cell(row, 4).value = 40
    # 表四 moved three rows down and two columns right.
    top, _ = find(ws, "行政复议")
    move_area(ws, f"D{top}:R{top + 3}", 3, 2)
    result = _read(save_book(book))
    expected = _tables_only(filled)
    errors = _messages(result, "error")
    assert len(errors) == 2
    assert (
        "the row “其中：网上申请” is not a row of the format: its numbers are not read" in errors[0]
    )
    # The total （七）总计·自然人, whose formula Excel widened over the unit's row, is no longer
    # govinfo's formula; a program saved the workbook, so no value was computed for it.
    assert "表三（七）总计·自然人: the total's formula was changed" in errors[1]
    assert result.report.requests.outcomes.total.natural_person is None
    assert result.report.requests.outcomes.total.commercial_enterprise == (
        expected.requests.outcomes.total.commercial_enterprise
    )
    got = result.report
    assert got.review_litigation == expected.review_litigation
    assert got.proactive == expected.proactive
    assert got.requests.outcomes.withheld == expected.requests.outcomes.withheld
    assert got.requests.received == expected.requests.received


def test_an_inserted_empty_row_changes_nothing(full_report: govinfo.Report) -> None:
    report = govinfo.blank_report(ORGAN, 2024)
    filled = full_report.replace(organ=ORGAN)
    book = _fill(filled, workbook_bytes([report], blank=True))
    ws = book.worksheets[0]
    row, _ = find(ws, "2.重复申请")
    insert_row(ws, row)
    result = _read(save_book(book))
    expected = _tables_only(filled)
    assert result.report == expected
    assert _messages(result, "error") == _messages(result, "warning") == []
    assert any("empty cell(s) outside the format's rows" in m for m in _messages(result))


def test_a_missing_table_and_column_are_named() -> None:
    book = open_book(_form())
    ws = book.worksheets[0]
    for label in ("行政复议", "行政诉讼"):
        row, column = find(ws, label)
        ws.cell(row, column).value = "复议诉讼情况"
    row, column = find(ws, "科研机构")
    ws.cell(row, column).value = "研究机构（自定）"
    row, column = find(ws, "社会公益组织")
    ws.cell(row, column).value = "社会公益组"
    result = _read(save_book(book))
    errors = "\n".join(_messages(result, "error"))
    assert "表四: not found on the sheet (its header “行政复议” is missing or changed)" in errors
    assert "the column “申请人情况/法人或其他组织/科研机构” is not found" in errors
    assert "the column “社会公益组” read as “社会公益组织” (a typo)" in "\n".join(_messages(result))
    assert result.report.review_litigation.review.upheld is None
    assert result.blanks["review_litigation.review.upheld"] == "(not found)"
    assert result.blanks["requests.received.research_institution"] == "(not found)"
    assert result.blanks["requests.received.public_interest_organization"] == ""


def test_the_organ_reads_back_as_written() -> None:
    # Text is never altered: spaces at the ends of a name are the name's (as in JSON).
    report = govinfo.blank_report(" 某单位 ", 2025)
    assert _read(workbook_bytes([report])).report.organ == " 某单位 "


def test_an_organ_is_required_and_the_year_must_be_one() -> None:
    book = open_book(_form())
    ws = book.worksheets[0]
    ws.cell(plan(govinfo.blank_report(ORGAN, 2025)).organ_row, 4).value = None
    with pytest.raises(ReadError, match="no organ"):
        _read(save_book(book))
    book = open_book(_form())
    book.worksheets[0].cell(3, 4).value = "明年"
    with pytest.raises(ReadError, match="not a year"):
        _read(save_book(book))


# -- workbooks of several units ---------------------------------------------------------------


def test_one_sheet_per_unit() -> None:
    units = [govinfo.blank_report(f"第{n}街道", 2025) for n in range(3)]
    data = workbook_bytes(units, blank=True, collector="某区人民政府")
    assert open_book(data).sheetnames == ["第0街道", "第1街道", "第2街道", NOTE_SHEET]
    results = read_all_bytes(data, source="all.xlsx")
    assert [r.report.organ for r in results] == ["第0街道", "第1街道", "第2街道"]
    assert [r.source for r in results] == [
        "all.xlsx!第0街道",
        "all.xlsx!第1街道",
        "all.xlsx!第2街道",
    ]
    with pytest.raises(ReadError, match="holds 3 reports"):
        read_bytes(data, source="all.xlsx")


# -- formats, damage and limits ---------------------------------------------------------------


def test_workbooks_are_sniffed_by_content() -> None:
    data = _form()
    assert sniff("unit.bin", data) == "xlsx"
    assert sniff("unit.xlsx", b"") == "xlsx"


def test_a_damaged_workbook_is_a_read_error(tmp_path: Path) -> None:
    data = _form()
    with pytest.raises(ReadError, match=r"unit\.xlsx: "):
        read_bytes(data[: len(data) // 2], source="unit.xlsx")
    with pytest.raises(ReadError, match="no sheet holds the tables"):
        read_bytes(workbook_bytes([govinfo.blank_report(ORGAN, 2025)], blank=True)[:0] or _empty())


def _empty() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    return save_book(book)


@pytest.mark.parametrize(
    ("limit", "value"),
    [("xlsx_cells", 100), ("xlsx_part_bytes", 10_000), ("xlsx_rows", 10), ("xlsx_parts", 5)],
)
def test_limits(limit: str, value: int) -> None:
    with using(Limits(**{limit: value})), pytest.raises(LimitExceeded, match=limit):
        read_bytes(_form(), source="unit.xlsx")


def test_a_zip_bomb_part_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<c " * 10_000_000)
    with using(Limits(xlsx_part_bytes=1_000_000)), pytest.raises(LimitExceeded):
        read_bytes(path.read_bytes(), source=str(path))


def test_grids_and_plan_agree() -> None:
    report = govinfo.blank_report(ORGAN, 2020)
    sheet = plan(report)
    assert [t.grid for t in sheet.tables] == list(grids(report))
    assert set(sheet.values) == set(range(len(layout(report).specs)))
    assert spec_at(report, "proactive.fees.change").kind.value == "signed"


def test_text_sheet_only_for_a_finished_report(full_report: govinfo.Report) -> None:
    assert TEXT_SHEET in open_book(workbook_bytes([full_report])).sheetnames
    assert TEXT_SHEET not in open_book(workbook_bytes([full_report], blank=True)).sheetnames


def test_documented_example() -> None:
    import doctest

    import govinfo.xlsx

    assert doctest.testmod(govinfo.xlsx).failed == 0
