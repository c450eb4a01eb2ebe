"""Consolidation (sums of units' reports) and comparison (what differs between two reports)."""

from __future__ import annotations

import gc
import json
import weakref
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import (
    AggregationError,
    ApplicantCounts,
    Edition,
    Part,
    Report,
    Severity,
    aggregate,
    blank_report,
    cells,
    check,
    compare,
    consolidate,
    strategies,
    update,
)
from govinfo.strategies import reports

from .conftest import EXAMPLES, run_cli


def _same_year(units: list[Report]) -> list[Report]:
    year = units[0].year
    return [u.replace(year=year, published=None, signature=None) for u in units]


def _tables_only(edition: Edition, blanks: bool) -> st.SearchStrategy[Report]:
    """A report whose tables are drawn and whose text is left blank (sums ignore text)."""
    year = 2020 if edition is Edition.E2019 else 2024
    return st.builds(
        lambda p, r, rl: blank_report("某单位", year, edition=edition).replace(
            proactive=p, requests=r, review_litigation=rl
        ),
        strategies.proactive(max_value=1000, blanks=blanks, edition=edition),
        strategies.requests(max_value=1000, blanks=blanks, edition=edition),
        strategies.review_litigation(max_value=1000, blanks=blanks),
    )


def _units(
    edition: Edition, size: int = 4, blanks: bool = False, *, exactly: bool = False
) -> st.SearchStrategy[list[Report]]:
    return st.lists(
        _tables_only(edition, blanks), min_size=size if exactly else 1, max_size=size
    ).map(lambda units: [u.replace(organ=f"第{i + 1}街道") for i, u in enumerate(units)])


def _values(report: Report) -> list[object]:
    return [c.value for c in cells(report)]


@given(st.sampled_from(list(Edition)).flatmap(_units))
def test_the_sum_of_valid_reports_is_valid(units: list[Report]) -> None:
    total = aggregate(units, organ="某市人民政府办公室")
    assert not [f for f in check(total) if f.severity is Severity.ERROR]
    assert total.year == units[0].year
    assert total.edition is units[0].edition


@given(_units(Edition.E2021, size=2, exactly=True))
def test_the_sum_is_commutative(units: list[Report]) -> None:
    a, b = units
    assert aggregate([a, b], organ="X") == aggregate([b, a], organ="X")


@given(_units(Edition.E2021, size=3, blanks=True, exactly=True))
def test_the_sum_is_associative(units: list[Report]) -> None:
    a, b, c = units
    left = aggregate([aggregate([a, b], organ="X甲"), c], organ="X")
    right = aggregate([a, aggregate([b, c], organ="X乙")], organ="X")
    assert left == right
    assert _values(left) == _values(aggregate([a, b, c], organ="X"))


@given(reports(mixed=True, blanks=True))
def test_aggregating_one_report_gives_its_numbers(report: Report) -> None:
    total = aggregate([report], organ="X")
    assert _values(total) == _values(report)
    assert [c.spec for c in cells(total)] == [c.spec for c in cells(report)]


def test_money_is_summed_exactly(full_report: Report) -> None:
    a = update(full_report, {"proactive.fees": Decimal("0.1")}).replace(organ="甲")
    b = update(full_report, {"proactive.fees": Decimal("0.2")}).replace(organ="乙")
    assert aggregate([a, b], organ="X").proactive.fees == Decimal("0.3")


def test_a_unit_error_is_not_hidden_by_the_sum(full_report: Report) -> None:
    a = update(full_report, {"requests.received.total": 183}, recompute_totals=False)
    b = update(full_report, {"requests.received.total": 181}, recompute_totals=False)
    a, b = a.replace(organ="甲街道"), b.replace(organ="乙街道")
    result = consolidate([a, b], organ="X", sources=["a.json", "b.json"])
    # +1 and -1 cancel out in the sum ...
    assert not [f for f in check(result.report) if f.rule == "S3-ROW-TOTAL"]
    # ... and both units are listed with their own errors.
    assert [u.source for u in result.units_with_errors] == ["a.json", "b.json"]
    assert {f.rule for u in result.units_with_errors for f in u.errors} >= {"S3-ROW-TOTAL"}


def test_a_cell_blank_in_any_unit_is_blank_in_the_sum(full_report: Report) -> None:
    a = update(full_report, {"proactive.licensing": None}).replace(organ="甲街道")
    result = consolidate([a, full_report], organ="X", sources=["a.json", None])
    assert result.report.proactive.licensing is None  # type: ignore[union-attr]
    ((spec, units),) = result.blank
    assert spec.dotted == "proactive.licensing"
    assert units == ("a.json",)


def test_text_comes_from_the_parent_not_the_units(full_report: Report, seed_report: Report) -> None:
    parent = full_report.replace(
        overview=(Part(heading="（一）全市情况", paragraphs=("全市汇总。",)),)
    )
    twin = full_report.replace(organ="另一单位")
    total = aggregate([full_report, twin], organ="示例市人民政府办公室", text=parent)
    assert total.overview == parent.overview
    assert total.organ == "示例市人民政府办公室"
    assert total.requests.received.total == 2 * full_report.requests.received.total
    bare = aggregate([full_report], organ="X")
    assert bare.overview == bare.problems == bare.other_matters == ()


@pytest.mark.parametrize(
    ("other", "words"),
    [
        (lambda r: r.replace(year=2023, published=None, signature=None), "is for 2023"),
        (lambda r: r.replace(edition=Edition.E2019), "edition"),
        (
            lambda r: update(r, {"requests.outcomes.other_handling": ApplicantCounts()}),
            "requests.outcomes.other_handling differently",
        ),
        (lambda r: r, "is given twice"),
    ],
)
def test_mixing_years_editions_or_layouts_is_refused(
    full_report: Report, other: object, words: str
) -> None:
    other_report = other(full_report)  # type: ignore[operator]
    if words != "is given twice":
        other_report = other_report.replace(organ="另一单位")
    with pytest.raises(AggregationError, match=words):
        aggregate([full_report, other_report], organ="X")


def test_a_year_that_does_not_match_the_units_is_refused(full_report: Report) -> None:
    with pytest.raises(AggregationError, match="not 2025"):
        aggregate([full_report], organ="X", year=2025)


def test_aggregate_command(tmp_path: Path, full_report: Report) -> None:
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.json"
        govinfo.dump(full_report.replace(organ=f"{name}街道"), path)
        paths.append(str(path))
    out = tmp_path / "sum.json"
    result = run_cli("aggregate", *paths, "-o", str(out), "--organ", "某区人民政府办公室")
    assert result.returncode == 0, result.stderr
    total = govinfo.load(out)
    assert total.requests.received.total == 364
    assert "summed 2 report(s)" in result.stderr
    refused = run_cli("aggregate", paths[0], str(EXAMPLES / "yulong-2023.json"), "-o", str(out))
    assert refused.returncode == 2


def test_aggregating_twice_into_the_units_directory_never_counts_the_sum(
    tmp_path: Path, full_report: Report
) -> None:
    units = tmp_path / "units"
    units.mkdir()
    for name in ("a", "b"):
        govinfo.dump(full_report.replace(organ=f"{name}街道"), units / f"{name}.json")
    total = units / "total.json"

    def run(*extra: str) -> tuple[int, str]:
        paths = sorted(str(p) for p in units.glob("*.json"))
        result = run_cli("aggregate", *paths, "--organ", "某区", "-o", str(total), *extra)
        return result.returncode, result.stderr

    assert run()[0] == 0
    first = total.read_bytes()
    assert govinfo.load(total).requests.received.total == 364
    code, stderr = run()  # units/*.json now matches total.json as well
    assert code == 2
    assert "total.json is the input" in stderr  # refused before anything is read or written
    assert total.read_bytes() == first

    # Written elsewhere, the earlier sum is still no unit: it is a report of 某区 itself.
    elsewhere = tmp_path / "again.json"
    paths = sorted(str(p) for p in units.glob("*.json"))
    again = run_cli("aggregate", *paths, "--organ", "某区", "-o", str(elsewhere))
    assert again.returncode == 2
    assert "total.json: a report of 某区 itself (a sum made earlier?)" in again.stderr
    assert not elsewhere.exists()


def test_a_report_of_the_parent_itself_is_a_unit_only_when_named(full_report: Report) -> None:
    a = full_report.replace(organ="甲街道")
    earlier = aggregate([a], organ="某区")
    with pytest.raises(AggregationError, match="a report of 某区 itself"):
        aggregate([a, earlier], organ="某区")
    with pytest.raises(AggregationError, match="a report of 某区 itself"):
        aggregate([a, earlier.replace(organ=" 某 区")], organ="某区")  # spacing aside
    own = full_report.replace(organ="某区")  # the office's own figures
    total = aggregate([a], organ="某区", own=own)
    assert total.requests.received.total == 2 * full_report.requests.received.total
    result = consolidate([a], organ="某区", sources=["a.json"], own=own, own_source="own.json")
    assert [u.source for u in result.units] == ["a.json", "own.json"]


def test_aggregate_own_on_the_command_line(tmp_path: Path, full_report: Report) -> None:
    unit, own = tmp_path / "a.json", tmp_path / "own.json"
    govinfo.dump(full_report.replace(organ="甲街道"), unit)
    govinfo.dump(full_report.replace(organ="某区"), own)
    out = tmp_path / "sum.json"
    refused = run_cli("aggregate", str(unit), str(own), "--organ", "某区", "-o", str(out))
    assert refused.returncode == 2
    assert "leave it out, or give it as the office's own figures (--own FILE)" in refused.stderr
    assert not out.exists()
    result = run_cli("aggregate", str(unit), "--own", str(own), "--organ", "某区", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "summed 2 report(s)" in result.stderr
    assert govinfo.load(out).requests.received.total == 364


# -- comparison -------------------------------------------------------------------------------


def test_compare_lists_changed_cells_with_absolute_and_relative_change(full_report: Report) -> None:
    new = update(full_report, {"requests.received.natural_person": 160, "proactive.fees": 130})
    result = compare(full_report, new)
    changed = {c.place: c for c in result.cells}
    cell = changed["表三一、本年新收政府信息公开申请数量·自然人"]
    assert (cell.old, cell.new, cell.change, cell.status) == (152, 160, 8, "changed")
    assert cell.relative == Decimal(8) / Decimal(152)
    fees = changed["表二行政事业性收费·本年收费金额（单位：万元）"]
    assert fees.change == Decimal("1.65")
    assert set(changed) == {
        "表三一、本年新收政府信息公开申请数量·自然人",
        "表三一、本年新收政府信息公开申请数量·总计",
        "表二行政事业性收费·本年收费金额（单位：万元）",
    }
    assert not result.text


def test_identical_reports_do_not_differ(full_report: Report) -> None:
    assert not compare(full_report, full_report)


def test_text_changes_are_named(full_report: Report) -> None:
    new = full_report.replace(problems=(Part(paragraphs=("改了。",)),))
    result = compare(full_report, new)
    assert [(t.field, t.label) for t in result.text] == [
        ("problems", "五、存在的主要问题及改进情况")
    ]


def test_reports_of_two_editions_compare_where_their_tables_agree() -> None:
    old = update(blank_report("X", 2020), {"requests.received.natural_person": 3})
    new = update(blank_report("X", 2021), {"requests.received.natural_person": 5})
    result = compare(old, new)
    statuses = {c.status for c in result.cells}
    assert statuses == {"changed", "added", "removed"}
    changed = [c for c in result.cells if c.status == "changed"]
    assert {c.place for c in changed} == {
        "表三一、本年新收政府信息公开申请数量·自然人",
        "表三一、本年新收政府信息公开申请数量·总计",
    }
    assert len([c for c in result.cells if c.status == "removed"]) == 22 + 7  # 2019's 二, （六）
    assert len([c for c in result.cells if c.status == "added"]) == 10 + 21  # 2021's 二, （六）1-3


def test_diff_command_text_csv_and_json(tmp_path: Path, full_report: Report) -> None:
    old = tmp_path / "old.json"
    new = tmp_path / "new.json"
    govinfo.dump(full_report, old)
    govinfo.dump(update(full_report, {"review_litigation.review.upheld": 4}), new)
    text = run_cli("diff", str(old), str(new))
    assert text.returncode == 1
    assert "表四行政复议·结果维持" in text.stdout
    assert "+33.3%" in text.stdout
    csv_out = run_cli("diff", str(old), str(new), "--format", "csv")
    lines = csv_out.stdout.splitlines()
    assert lines[0] == "section,row,column,status,old,new,change,relative"
    assert (
        "四、政府信息公开行政复议、行政诉讼情况,,行政复议/结果维持,changed,3,4,1,0.333333" in lines
    )
    data = json.loads(run_cli("diff", str(old), str(new), "--format", "json").stdout)
    assert {c["column"][-1] for c in data["cells"]} == {"结果维持", "总计"}
    same = run_cli("diff", str(old), str(old))
    assert same.returncode == 0
    assert "没有差别" in same.stdout


def test_a_relative_change_of_a_signed_change_is_not_given() -> None:
    old = update(blank_report("X", 2020), {"proactive.licensing.change": -3})
    new = update(blank_report("X", 2020), {"proactive.licensing.change": 3})
    (cell,) = compare(old, new).cells
    assert (cell.change, cell.relative) == (6, None)


def test_units_stream_through_the_sum(full_report: Report) -> None:
    """A generator of units is summed as it goes: no unit's report is kept."""
    alive: list[weakref.ref[Report]] = []

    def units() -> Iterator[Report]:
        for index in range(6):
            unit = full_report.replace(organ=f"第{index + 1}街道")
            alive.append(weakref.ref(unit))
            yield unit
            del unit
            gc.collect()
            # The unit before the one being added may still be a loop variable; older are gone.
            assert [ref for ref in alive[:-2] if ref() is not None] == []

    result = consolidate(units(), organ="X", sources=(f"{i}.json" for i in range(6)))
    assert result.report.requests.received.total == 6 * full_report.requests.received.total
    assert [u.source for u in result.units] == [f"{i}.json" for i in range(6)]
    assert aggregate(iter([full_report]), organ="X") == aggregate([full_report], organ="X")


def test_sources_must_name_every_unit(full_report: Report) -> None:
    twin = full_report.replace(organ="另一单位")
    with pytest.raises(AggregationError, match="fewer sources"):
        consolidate([full_report, twin], organ="X", sources=["a.json"])
    with pytest.raises(AggregationError, match="more sources"):
        consolidate([full_report], organ="X", sources=["a.json", "b.json"])
