"""The flat cell view and its CSV export."""

from __future__ import annotations

import csv
import io

from hypothesis import given

import govinfo
from govinfo import Report, cells, cells_csv
from govinfo.cells import format_value, spec_at
from govinfo.strategies import reports


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_csv_has_the_documented_header_and_official_labels(full_report: Report) -> None:
    rows = _rows(cells_csv(full_report))
    assert rows[0] == ["section", "row", "column", "value"]
    assert [
        "三、收到和处理政府信息公开申请情况",
        "三、本年度办理结果/（三）不予公开/1.属于国家秘密",
        "自然人",
        "0",
    ] in rows
    assert [
        "二、主动公开政府信息情况",
        "第二十条第（八）项/行政事业性收费",
        "本年收费金额（单位：万元）",
        "128.35",
    ] in rows
    assert [
        "四、政府信息公开行政复议、行政诉讼情况",
        "",
        "行政诉讼/未经复议直接起诉/总计",
        "4",
    ] in rows


@given(reports(blanks=True))
def test_csv_lists_every_cell_of_the_format_exactly_once(report: Report) -> None:
    rows = _rows(cells_csv(report))[1:]
    keys = [(s, r, c) for s, r, c, _ in rows]
    assert len(rows) == 200
    assert len(set(keys)) == 200
    values = [v for *_, v in rows]
    assert values == [format_value(c.value) for c in cells(report)]


def test_a_blank_cell_is_an_empty_csv_field_not_zero() -> None:
    report = govinfo.update(govinfo.blank_report("X", 2023), {"proactive.licensing": None})
    rows = _rows(cells_csv(report))
    assert [
        "二、主动公开政府信息情况",
        "第二十条第（五）项/行政许可",
        "本年处理决定数量",
        "",
    ] in rows


def test_spec_at_names_a_cell_by_its_attribute_path(seed_report: Report) -> None:
    spec = spec_at(seed_report, "requests.outcomes.total.natural_person")
    assert spec.place == "表三（七）总计·自然人"
    assert spec.json_path == "$.requests.outcomes.total.natural_person"
    assert spec_at(seed_report, "review_litigation.review.total").place == "表四行政复议·总计"
    assert spec_at(seed_report, "proactive.rules.issued").place == "表二规章·本年制发件数"
