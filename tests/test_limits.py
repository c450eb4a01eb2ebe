"""One bound for counts at every door, text lengths, and the other limits of govinfo.limits:
each exceeded with a clear error naming the place, and loads(dumps(r)) == r for every report
that can be made."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import (
    ApplicantCounts,
    ExtraRow,
    ExtraTable,
    LimitExceeded,
    LoadError,
    Part,
    dumps,
    loads,
    update,
)
from govinfo.limits import DEFAULT, Limits, current, using
from govinfo.read import read_bytes

from .conftest import EXAMPLES

BOUND = 10**DEFAULT.count_digits  # the first count a report cannot hold


def _doc() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8"))
    return data


def _problems(doc: dict[str, Any] | str) -> list[str]:
    text = doc if isinstance(doc, str) else json.dumps(doc, ensure_ascii=False)
    with pytest.raises(LoadError) as info:
        loads(text)
    return [str(p) for p in info.value.problems]


# -- counts: one bound at every door ----------------------------------------------------------


@given(st.integers(min_value=0, max_value=BOUND - 1))
def test_every_count_a_report_can_hold_survives_json(value: int) -> None:
    report = update(govinfo.blank_report("某单位", 2024), {"requests.received.other": value})
    assert loads(dumps(report)) == report


@given(st.integers(min_value=BOUND, max_value=10**40))
def test_a_count_beyond_the_bound_is_refused_by_update_and_construction(value: int) -> None:
    blank = govinfo.blank_report("某单位", 2024)
    with pytest.raises(LimitExceeded, match=r"其他 \(other\): a count of \d+ digits") as info:
        update(blank, {"requests.received.other": value})
    assert info.value.limit == "count_digits"
    with pytest.raises(LimitExceeded, match="natural_person"):
        ApplicantCounts(natural_person=value)
    with pytest.raises(LimitExceeded):
        update(blank, {"proactive.rules.issued": value})


def test_a_total_beyond_the_bound_is_refused_too() -> None:
    # Each part holds, their sum does not: the total could not be written and read back.
    half = BOUND // 2 + 1
    with pytest.raises(LimitExceeded, match="总计"):
        update(
            govinfo.blank_report("某单位", 2024),
            {"requests.received.natural_person": half, "requests.received.other": half},
        )


def test_a_signed_change_and_an_extra_table_number_are_bounded_alike() -> None:
    report = govinfo.blank_report("某单位", 2020)
    with pytest.raises(LimitExceeded):
        update(report, {"proactive.licensing.change": -BOUND})
    update(report, {"proactive.licensing.change": -(BOUND - 1)})
    with pytest.raises(LimitExceeded, match=r"values\[0\]"):
        ExtraRow(label="项目", values=(BOUND,))


@pytest.mark.parametrize("digits", [16, 31, 400, 5000])
def test_a_count_too_long_is_refused_at_load_with_its_path(digits: int) -> None:
    doc = _doc()
    text = json.dumps(doc, ensure_ascii=False)
    text = text.replace('"natural_person": 0', '"natural_person": 1' + "0" * (digits - 1), 1)
    (problem,) = _problems(text)
    assert problem.startswith("$.requests.received.natural_person (")
    assert f"a count of {digits} digits, over the limit of 15" in problem


def test_a_count_too_long_in_an_extra_table_is_refused_at_its_path() -> None:
    doc = _doc()
    doc["extras"] = [
        {"title": "表", "columns": ["项目", "数"], "rows": [{"label": "a", "values": [0]}]}
    ]
    text = json.dumps(doc, ensure_ascii=False).replace(
        '"values": [0]', '"values": [' + "7" * 31 + "]"
    )
    (problem,) = _problems(text)
    assert problem.startswith("$.extras[0].rows[0].values[0]: a count of 31 digits")


def test_a_count_too_long_in_a_published_table_is_a_blank_cell_and_an_error() -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("规章\t"))
    for digits in (16, 5000):
        changed = lines.copy()
        changed[row] = "规章\t" + "9" * digits + "\t0\t0"
        result = read_bytes("\n".join(changed).encode("utf-8"), source="r.txt")
        assert result.report.proactive.rules.issued is None  # blank, never a wrong number
        (error,) = [d for d in result.errors if d.path == "$.proactive.rules.issued"]
        assert f"a count of {digits} digits, over the limit of 15" in error.message
        assert error.where == f"line {row + 1}"
        assert len(error.message) < 300  # the number is not quoted whole
        assert loads(dumps(result.report)) == result.report


def test_an_amount_in_yuan_too_fine_for_the_column_is_an_error_not_a_crash() -> None:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.startswith("行政事业性收费"))
    lines[row] = "行政事业性收费\t1.2345元"
    result = read_bytes("\n".join(lines).encode("utf-8"), source="r.txt")
    assert result.report.proactive.fees is None
    assert any("more than 6 decimal places" in d.message for d in result.errors)


def test_the_bound_follows_the_limits_in_force() -> None:
    with using(Limits(count_digits=3)):
        assert current().count_digits == 3
        with pytest.raises(LimitExceeded, match="over the limit of 3"):
            ApplicantCounts(natural_person=1000)
    assert ApplicantCounts(natural_person=1000).natural_person == 1000


# -- text -------------------------------------------------------------------------------------


def test_a_huge_paragraph_is_refused_at_load_with_its_path() -> None:
    doc = _doc()
    doc["overview"][0]["paragraphs"][0] = "x" * 17_000_000
    (problem,) = _problems(doc)
    assert problem.startswith("$.overview[0].paragraphs[0] (一、总体情况): 17000000 characters")
    assert "text_chars" in problem


def test_names_have_a_shorter_limit_than_text() -> None:
    doc = _doc()
    doc["organ"] = "某" * 100_000
    doc["title"] = "题" * (DEFAULT.name_chars + 1)
    problems = _problems(doc)
    assert problems == [
        "$.organ: 100000 characters, over the limit of 500 (name_chars in govinfo.limits)",
        "$.title: 501 characters, over the limit of 500 (name_chars in govinfo.limits)",
    ]
    report = govinfo.load(EXAMPLES / "yulong-2023.json")
    with pytest.raises(LimitExceeded, match="organ"):
        report.replace(organ="某" * 501)
    with pytest.raises(LimitExceeded, match=r"paragraphs\[0\]"):
        Part(paragraphs=("x" * (DEFAULT.text_chars + 1),))


def test_too_many_paragraphs_are_refused_once_before_they_are_built() -> None:
    doc = _doc()
    doc["overview"][0]["paragraphs"] = [""] * DEFAULT.paragraphs
    doc["overview"][1]["paragraphs"] = [""] * 2_000_000  # never built: refused before
    problems = _problems(doc)
    assert len(problems) == 1
    assert problems[0].startswith("$.overview[0].paragraphs (一、总体情况): ")
    assert "paragraphs, over the limit of 50000 (paragraphs in govinfo.limits)" in problems[0]


def test_too_many_cells_of_an_office_s_own_tables_are_refused() -> None:
    doc = _doc()
    row = {"label": "a", "values": [None] * 99}
    doc["extras"] = [{"title": "表", "columns": ["项目", *["x"] * 99], "rows": [row] * 1001}]
    (problem,) = _problems(doc)
    assert "cells, over the limit of 100000 (table_cells" in problem


def test_a_json_report_over_its_size_limit_is_refused_before_it_is_parsed(tmp_path: Any) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1000 + (EXAMPLES / "yulong-2023.json").read_bytes())
    with using(Limits(json_bytes=1000)):
        with pytest.raises(LimitExceeded, match="a JSON report of") as info:
            govinfo.load(path)
        assert info.value.where == str(path)
        with pytest.raises(LimitExceeded):
            loads(path.read_bytes())
    assert govinfo.load(path) == govinfo.load(EXAMPLES / "yulong-2023.json")


# -- the loader's own defects -----------------------------------------------------------------


@pytest.mark.parametrize("value", [[], {}, 2021, None, True])
def test_an_edition_of_the_wrong_type_is_a_load_error(value: object) -> None:
    doc = _doc()
    doc["edition"] = value
    (problem,) = _problems(doc)
    assert problem.startswith("$.edition: expected one of '2019', '2021'")


def test_loads_takes_text_or_bytes_and_says_so_otherwise() -> None:
    text = (EXAMPLES / "yulong-2023.json").read_text(encoding="utf-8")
    report = loads(text)
    assert loads(bytearray(text.encode("utf-8"))) == report
    assert loads(memoryview(text.encode("utf-8"))) == report
    for wrong in (None, 5, ["{}"]):
        with pytest.raises(TypeError, match="loads\\(\\) takes a JSON document as str or bytes"):
            loads(wrong)  # type: ignore[arg-type]


def test_dumps_takes_a_report() -> None:
    for wrong in ({}, None, "report"):
        with pytest.raises(TypeError, match="dumps\\(\\) takes a Report"):
            dumps(wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "quoted"),
    [
        ("100.000000000", "got 100.000000000"),
        ("1000000000000000.5", "got 1000000000000000.5"),
        ("1e400000000", "got 1E+400000000"),
        ("9" * 5000 + ".5", "(5001 digits)"),
    ],
)
def test_a_fee_error_quotes_the_amount_as_written(written: str, quoted: str) -> None:
    text = json.dumps(_doc(), ensure_ascii=False).replace('"fees": 0', f'"fees": {written}')
    (problem,) = _problems(text)
    assert problem.startswith("$.proactive.fees (")
    assert quoted in problem
    assert len(problem) < 400


def test_an_extra_table_round_trips_through_json() -> None:
    report = govinfo.load(EXAMPLES / "yulong-2023.json").replace(
        extras=(
            ExtraTable(
                title="表",
                columns=("项目", "a", "b", "c", "d"),
                rows=(ExtraRow(label="x", values=(BOUND - 1, Decimal("-1.5"), "/", None)),),
            ),
        )
    )
    assert loads(dumps(report)) == report
