"""The audit of many reports: inputs, names, pairing, completeness, consolidation, repeated
text, figures, fingerprints, reviewers' decisions, the four outputs and the command."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import Report, update
from govinfo.audit import (
    FIGURES,
    SHINGLE,
    Audit,
    AuditError,
    _run,
    audit,
    figures,
    find_reports,
    organ_key,
    read_reviewed,
    read_units,
    repeated_share,
    section_text,
)
from govinfo.audit._inputs import expected_units
from govinfo.audit._write import FINDING_COLUMNS, SUMMARY_COLUMNS, write_outputs
from govinfo.errors import OutputIsInput
from govinfo.model import Part
from govinfo.read import SUFFIXES

from .conftest import EXAMPLES, ROOT, interruptible, run_cli

WORKED = EXAMPLES / "audit"


@pytest.fixture(scope="module")
def worked() -> Audit:
    """The worked example of docs/audit.md, audited in this process."""
    return audit([WORKED], units=WORKED / "units.csv", jobs=1)


def _rules(result: Audit) -> Counter[tuple[str, str]]:
    return Counter((Path(f.source).name, f.rule) for f in result.findings())


# -- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("示例区东城街道办事处", "示例区东城街道"),
        ("某县人民政府办公室", "某县政府办公室"),
        ("某县人民政府办公室", "某县政府办"),
        ("某县人民政府", "某县政府"),
        ("某某镇人民政府", "某某镇"),
        ("某某乡政府", "某某乡"),
        ("某 县 人 民 政 府", "某县人民政府"),
        ("某市（区）人民政府", "某市(区)人民政府"),
    ],
)
def test_spellings_of_one_organ_have_one_key(a: str, b: str) -> None:
    assert organ_key(a) == organ_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("某县人民政府", "某县人民政府办公室"),
        ("某县人民政府", "某县"),
        ("某县政务服务中心", "某县政务服务局"),
        ("阜新市细河区玉龙街道", "细河区玉龙街道"),
    ],
)
def test_different_organs_keep_different_keys(a: str, b: str) -> None:
    assert organ_key(a) != organ_key(b)


# -- repeated text ----------------------------------------------------------------------------

_LAST = (
    "全年通过门户网站主动公开政府信息1234条，其中政策文件56条。严格落实公开前保密审查制度，"
    "未发生泄密事件。组织政务公开业务培训3期，参训干部120人次。"
)
_NEW = (
    "围绕营商环境和社会救助等领域发布图解问答材料，畅通意见建议渠道，对群众留言件件有回复。"
    "加强社区公开栏建设，定期更新惠民政策和办事指南。建立信息发布协调机制确保内容准确。"
)


def _text(*paragraphs: str) -> str:
    return section_text([Part(paragraphs=paragraphs)])


def test_text_copied_with_new_numbers_is_repeated_in_full() -> None:
    this = _LAST.replace("1234", "2345").replace("56", "71").replace("3期", "4期")
    assert repeated_share(_text(this), _text(_LAST)) == 1


def test_new_text_is_not_repeated() -> None:
    assert repeated_share(_text(_NEW), _text(_LAST)) == 0


def test_half_copied_text_is_about_half_repeated() -> None:
    share = repeated_share(_text(_LAST + _NEW), _text(_LAST))
    assert share is not None
    assert Decimal("0.4") < share < Decimal("0.6")


def test_too_short_to_compare() -> None:
    assert repeated_share(_text("无。"), _text("无。")) is None
    assert repeated_share(_text(_LAST), "") is None


@given(
    st.text(alphabet="公开政府信息申请件年度报告工作123", min_size=0, max_size=80),
    st.text(alphabet="公开政府信息申请件年度报告工作123", min_size=0, max_size=80),
)
def test_a_repeated_share_is_a_share(this: str, last: str) -> None:
    share = repeated_share(this, last)
    if len(this) < SHINGLE or len(last) < SHINGLE:
        assert share is None
    else:
        assert share is not None
        assert 0 <= share <= 1
        assert repeated_share(this, this) == 1


# -- figures ----------------------------------------------------------------------------------


def test_figures_follow_their_formulas(full_report: Report) -> None:
    found = figures(full_report)
    assert set(found) == {f.name for f in FIGURES}
    requests = full_report.requests
    handled = requests.outcomes.total.total
    assert found["received"] == requests.received.total
    assert found["handled"] == handled
    shown = requests.outcomes.disclosed.total + requests.outcomes.partly_disclosed.total
    assert found["disclosed_share"] == (Decimal(shown) / handled).quantize(Decimal("0.0001"))
    review = full_report.review_litigation.review
    assert found["reviews_per_100"] == (
        Decimal(review.total * 100) / requests.received.total
    ).quantize(Decimal("0.01"))
    concluded = review.total - review.pending
    assert found["review_corrected_share"] == (Decimal(review.corrected) / concluded).quantize(
        Decimal("0.0001")
    )
    assert found["fee"] == full_report.proactive.fees


def test_a_blank_cell_or_a_zero_denominator_leaves_a_figure_blank(full_report: Report) -> None:
    blank = update(full_report, {"requests.outcomes.disclosed.natural_person": None})
    assert figures(blank)["disclosed_share"] is None
    assert figures(blank)["handled"] is None
    empty = govinfo.blank_report("某单位", 2024)
    assert figures(empty)["disclosed_share"] is None  # 0 handled: no share, not 0 %
    assert figures(empty)["received"] == 0
    assert figures(govinfo.blank_report("某单位", 2020))["fee"] is None  # 2019 table: no amount


# -- inputs -----------------------------------------------------------------------------------


def test_folders_are_searched_for_every_format_the_reader_knows(tmp_path: Path) -> None:
    for name in [f"a{s}" for s in SUFFIXES] + ["b.json", "c.csv", ".hidden.txt", "~$d.docx"]:
        (tmp_path / "in" / "sub").mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / "sub" / name).write_text("x", "utf-8")
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "out" / "index.html").write_text("x", "utf-8")
    found = [Path(p).name for p in find_reports([tmp_path / "in"], tmp_path / "in" / "out")]
    assert sorted(found) == sorted([f"a{s}" for s in SUFFIXES] + ["b.json"])
    # A file named on its own is taken whatever its ending; a glob takes the known endings.
    assert find_reports([tmp_path / "in" / "sub" / "c.csv"]) == [
        str(tmp_path / "in" / "sub" / "c.csv")
    ]
    globbed = find_reports([str(tmp_path / "in" / "**" / "*")])
    assert {Path(p).name for p in globbed} == {*(f"a{s}" for s in SUFFIXES), "b.json", "index.html"}
    with pytest.raises(AuditError, match="no such file"):
        find_reports([tmp_path / "nothing"])
    with pytest.raises(AuditError, match="matches no file"):
        find_reports([str(tmp_path / "*.pdfx")])


def test_a_parent_named_only_as_a_parent_is_expected_too(tmp_path: Path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("organ,parent\n甲街道,某区人民政府\n乙街道,某区政府\n", "utf-8")
    assert [u.organ for u in expected_units(read_units(path))] == [
        "甲街道",
        "乙街道",
        "某区人民政府",  # once: 某区政府 is the same organ
    ]


def test_a_parent_without_a_report_is_missing(tmp_path: Path) -> None:
    units = tmp_path / "units.csv"
    units.write_text("organ,parent\n示例区东城街道办事处,示例市人民政府\n", "utf-8")
    result = audit([WORKED / "2023" / "东城街道.docx"], units=units, jobs=1)
    assert [(f.organ, f.year) for f in result.missing] == [("示例市人民政府", 2023)]


def test_a_workbook_of_several_units_is_a_row_for_each(tmp_path: Path) -> None:
    from govinfo.xlsx import workbook_bytes

    units = [govinfo.blank_report(name, 2024) for name in ("甲街道", "乙街道")]
    path = tmp_path / "units.xlsx"
    path.write_bytes(workbook_bytes(units))
    result = audit([path], jobs=1)
    assert [(r.source, r.organ, r.status) for r in result.reports] == [
        (f"{path}!甲街道", "甲街道", "ok"),
        (f"{path}!乙街道", "乙街道", "ok"),
    ]


def test_reviewed_list(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.csv"
    path.write_text(
        "fingerprint,decision,note,message\nabc,confirmed,已通知,x\ndef,,,y\nghi,dismissed,,z\n",
        "utf-8",
    )
    assert {k: v.decision for k, v in read_reviewed(path).items()} == {
        "abc": "confirmed",
        "ghi": "dismissed",
    }
    path.write_text("fingerprint,decision\nabc,maybe\n", "utf-8")
    with pytest.raises(AuditError, match="line 2: decision 'maybe'"):
        read_reviewed(path)


# -- the worked example -----------------------------------------------------------------------


def test_the_worked_example_finds_what_was_planted(worked: Audit) -> None:
    assert _rules(worked) == Counter(
        {
            ("示例区人民政府.json", "CONSOLIDATION"): 4,
            ("东城街道.html", "YOY-CARRY"): 2,
            ("南湖镇.json", "S3-BALANCE"): 1,
            ("南湖镇.json", "S3-ROW-TOTAL"): 1,
            ("西城街道.txt", "REPEAT-TEXT"): 2,
            ("通知.txt", "READ-FAILED"): 1,
            ("", "AUDIT-MISSING"): 1,
        }
    )
    (missing,) = worked.missing
    assert (missing.organ, missing.year) == ("示例区北山乡人民政府", 2024)
    assert worked.years == (2023, 2024)
    assert worked.has_errors
    merged = {m.name: m.spellings for m in worked.merged}
    assert merged == {"示例区东城街道办事处": ("示例区东城街道", "示例区东城街道办事处")}
    formats = Counter(r.format for r in worked.reports)
    assert formats == Counter({"json": 3, "docx": 2, "html": 2, "text": 3})  # one unreadable
    pairs = {Path(r.source).name: r.previous for r in worked.reports if r.previous}
    assert len(pairs) == 4  # every 2024 report but the unreadable one, with its 2023 report


def test_consolidation_compares_the_parent_with_the_sum_of_its_units(worked: Audit) -> None:
    parent = next(r for r in worked.reports if r.source.endswith("2023/示例区人民政府.json"))
    found = [f for f in parent.findings if f.rule == "CONSOLIDATION"]
    by_path = {f.path: (f.expected, f.actual, f.difference) for f in found}
    disclosed = by_path["$.requests.outcomes.disclosed.natural_person"]
    not_held = by_path["$.requests.outcomes.unavailable.not_held.natural_person"]
    assert disclosed[1] == disclosed[0] - 2
    assert disclosed[2] == -2
    assert not_held[1] == not_held[0] + 2


def test_the_same_run_in_parallel_gives_the_same_result(worked: Audit) -> None:
    parallel = audit([WORKED], units=WORKED / "units.csv", jobs=2)
    assert parallel == worked
    assert list(parallel.findings()) == list(worked.findings())


def test_workers_can_be_spawned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_run, "START_METHOD", "spawn")
    result = audit([WORKED / "2023", WORKED / "2024" / "东城街道.html"], jobs=2)
    assert [r.status for r in result.reports] == ["ok"] * 6
    assert any(f.rule == "YOY-CARRY" for f in result.findings())


def test_a_file_that_breaks_the_reader_is_a_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import govinfo.read

    real = govinfo.read.read_bytes

    def flaky(data: bytes, *, source: str, fmt: str | None = None) -> object:
        if "东城" in source:
            raise RuntimeError("boom")
        return real(data, source=source, fmt=fmt)

    monkeypatch.setattr(govinfo.read, "read_bytes", flaky)
    result = audit([WORKED / "2023"], jobs=1)
    broken = [r for r in result.reports if r.status == "unreadable"]
    assert [Path(r.source).name for r in broken] == ["东城街道.docx"]
    assert "internal error" in broken[0].problem
    assert "boom" in broken[0].problem
    assert len(result.reports) == 5


# -- fingerprints and decisions ---------------------------------------------------------------


def test_fingerprints_survive_moving_the_files(worked: Audit, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    shutil.copytree(WORKED, moved)
    again = audit([moved], units=moved / "units.csv", jobs=1)

    def prints(result: Audit) -> set[str]:
        return {f.fingerprint for f in result.findings() if f.rule != "READ-FAILED"}

    assert prints(again) == prints(worked)
    assert len({f.fingerprint for f in worked.findings()}) == len(list(worked.findings()))


def test_a_changed_number_is_a_new_finding(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(WORKED / "2024" / "南湖镇.json", folder / "a.json")
    before = {f.rule: f.fingerprint for f in audit([folder], jobs=1).findings()}
    report = govinfo.load(folder / "a.json")
    total = report.requests.received.total
    govinfo.dump(
        update(report, {"requests.received.total": total + 1}, recompute_totals=False),
        folder / "a.json",
    )
    after = {f.rule: f.fingerprint for f in audit([folder], jobs=1).findings()}
    assert before.keys() == after.keys() == {"S3-BALANCE", "S3-ROW-TOTAL"}
    assert before["S3-ROW-TOTAL"] != after["S3-ROW-TOTAL"]


def test_decisions_are_applied_and_kept(worked: Audit, tmp_path: Path) -> None:
    target = next(f for f in worked.findings() if f.rule == "S3-ROW-TOTAL")
    missing = worked.missing[0]
    reviewed = tmp_path / "reviewed.csv"
    reviewed.write_text(
        "fingerprint,decision,note\n"
        f"{target.fingerprint},confirmed,已通知南湖镇\n"
        f"{missing.fingerprint},dismissed,北山乡已撤并\n"
        "0123456789abcdef,dismissed,早已解决\n",
        "utf-8",
    )
    result = audit([WORKED], units=WORKED / "units.csv", reviewed=reviewed, jobs=1)
    reviews = {f.fingerprint: (f.review, f.note) for f in result.findings()}
    assert reviews[target.fingerprint] == ("confirmed", "已通知南湖镇")
    assert reviews[missing.fingerprint] == ("dismissed", "北山乡已撤并")
    assert sum(1 for r, _ in reviews.values() if r == "new") == len(reviews) - 2
    assert [d.fingerprint for d in result.stale] == ["0123456789abcdef"]


# -- outputs ----------------------------------------------------------------------------------


def _csv_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_four_outputs(worked: Audit, tmp_path: Path) -> None:
    written = write_outputs(worked, tmp_path / "out")
    assert [p.name for p in written] == [
        "summary.csv",
        "findings.csv",
        "findings.jsonl",
        "index.html",
    ]
    summary = _csv_rows(tmp_path / "out" / "summary.csv")
    assert list(summary[0]) == list(SUMMARY_COLUMNS)
    assert [row["source"] for row in summary] == [r.source for r in worked.reports]
    lake = next(row for row in summary if row["source"].endswith("2024/南湖镇.json"))
    assert (lake["status"], lake["errors"], lake["unit"], lake["level"]) == (
        "ok",
        "2",
        "示例区南湖镇人民政府",
        "乡镇",
    )
    assert lake["previous"].endswith("2023/南湖镇.txt")
    findings = _csv_rows(tmp_path / "out" / "findings.csv")
    assert list(findings[0]) == list(FINDING_COLUMNS)
    lines = (tmp_path / "out" / "findings.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(findings) == len(list(worked.findings()))
    first = json.loads(lines[0])
    assert first["fingerprint"] == findings[0]["fingerprint"]
    # A findings.csv with its decisions filled in is a reviewed list.
    assert read_reviewed(tmp_path / "out" / "findings.csv") == {}


def test_the_page_is_self_contained(worked: Audit, tmp_path: Path) -> None:
    write_outputs(worked, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert " src=" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert re.search(r"url\((?!#)", page) is None  # only references inside the page
    assert re.search(r'(?:xlink:)?href="(?:https?:|//|file:)', page) is None
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("#", "../")), href
    assert page.count("<svg") == 3
    assert "示例区北山乡人民政府" in page
    assert "缺报" in page
    assert "视为同一机关的不同写法" in page


def test_without_matplotlib_the_page_says_so(
    worked: Audit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    write_outputs(worked, tmp_path / "out")
    page = (tmp_path / "out" / "index.html").read_text("utf-8")
    assert "<svg" not in page
    assert "未安装 matplotlib" in page


def test_an_output_over_an_input_is_refused(worked: Audit, tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_outputs(worked, out)
    before = (out / "findings.csv").read_bytes()
    with pytest.raises(OutputIsInput):
        write_outputs(worked, out, protect=[out / "findings.csv"])
    assert (out / "findings.csv").read_bytes() == before
    # The same file under another name (a hard link, a symbolic link) is the same input.
    elsewhere = tmp_path / "reviewed.csv"
    os.link(out / "findings.csv", elsewhere)
    with pytest.raises(OutputIsInput):
        write_outputs(worked, out, protect=[elsewhere])
    (tmp_path / "via-link.csv").symlink_to(out / "summary.csv")
    with pytest.raises(OutputIsInput):
        write_outputs(worked, out, protect=[tmp_path / "via-link.csv"])
    assert (out / "findings.csv").read_bytes() == before


# -- the command ------------------------------------------------------------------------------


def test_audit_command(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("audit", str(WORKED), "--units", str(WORKED / "units.csv"), "-o", str(out))
    assert result.returncode == 1, result.stderr
    assert "audited 10 file(s): 9 read, 0 partly read, 1 unreadable; 1 missing;" in result.stderr
    assert {p.name for p in out.iterdir()} == {
        "summary.csv",
        "findings.csv",
        "findings.jsonl",
        "index.html",
    }
    # Re-run with the decisions (findings.csv filled in, kept out of OUTDIR): exit 0 once
    # every error is dismissed.
    rows = _csv_rows(out / "findings.csv")
    reviewed = tmp_path / "reviewed.csv"
    with reviewed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["fingerprint", "decision", "note"])
        for row in rows:
            if row["severity"] == "error":
                writer.writerow([row["fingerprint"], "dismissed", "checked"])
    again = run_cli(
        "audit",
        str(WORKED),
        "--units",
        str(WORKED / "units.csv"),
        "--reviewed",
        str(reviewed),
        "-o",
        str(out),
        "--jobs",
        "1",
        "--no-charts",
    )
    assert again.returncode == 0, again.stderr
    assert {r["decision"] for r in _csv_rows(out / "findings.csv") if r["severity"] == "error"} == {
        "dismissed"
    }
    # The reviewed list may not be overwritten by the outputs.
    refused = run_cli("audit", str(WORKED), "--reviewed", str(out / "findings.csv"), "-o", str(out))
    assert refused.returncode == 2
    assert "is the input" in refused.stderr


def test_audit_command_exit_codes(tmp_path: Path) -> None:
    clean = run_cli("audit", str(EXAMPLES / "complete-2024.json"), "-o", str(tmp_path / "a"))
    assert clean.returncode == 0, clean.stderr
    nothing = run_cli("audit", str(tmp_path / "none"), "-o", str(tmp_path / "b"))
    assert nothing.returncode == 2
    assert "no such file" in nothing.stderr
    bad_units = tmp_path / "units.csv"
    bad_units.write_text("name\nx\n", "utf-8")
    failed = run_cli("audit", str(WORKED), "--units", str(bad_units), "-o", str(tmp_path / "c"))
    assert failed.returncode == 2
    assert "has no organ column" in failed.stderr
    assert not (tmp_path / "c").exists()


def test_an_output_folder_inside_the_inputs_is_not_audited(tmp_path: Path) -> None:
    shutil.copytree(WORKED / "2023", tmp_path / "reports")
    out = tmp_path / "reports" / "audit"
    for _ in range(2):
        result = run_cli("audit", str(tmp_path / "reports"), "-o", str(out), "--no-charts")
        assert result.returncode == 0, result.stderr
        assert "audited 5 file(s)" in result.stderr


def test_the_documented_python_example_runs(tmp_path: Path) -> None:
    # docs/audit.md's example, on the worked example's files.
    text = (ROOT / "docs" / "audit.md").read_text("utf-8")
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    code = code.replace('["reports/"]', repr([str(WORKED)])).replace(
        '"units.csv"', repr(str(WORKED / "units.csv"))
    )
    code = code.replace('"audit/"', repr(str(tmp_path / "out"))).replace("jobs=4", "jobs=1")
    exec(compile(code, "docs/audit.md", "exec"), {})
    assert (tmp_path / "out" / "index.html").is_file()


def test_worked_example_is_documented() -> None:
    doc = (ROOT / "docs" / "audit.md").read_text("utf-8")
    for column in (*SUMMARY_COLUMNS, *FINDING_COLUMNS):
        assert f"`{column}`" in doc, column
    for figure in FIGURES:
        assert figure.formula in doc, figure.name
    assert "examples/audit" in doc


def _open(path: str) -> Report:
    from govinfo.read import read

    return govinfo.load(path) if path.endswith(".json") else read(path).report


def test_the_pairs_get_what_check_adds_with_the_previous_report(worked: Audit) -> None:
    """The audit runs the year-over-year family for each pair: exactly what
    ``check(report, previous=...)`` adds to ``check(report)``."""
    paired = [row for row in worked.reports if row.previous is not None]
    assert len(paired) == 4
    compared = 0
    for row in paired:
        assert row.previous is not None
        previous, current = _open(row.previous), _open(row.source)
        added = Counter(govinfo.check(current, previous=previous, allow_unrelated=True))
        added.subtract(govinfo.check(current))
        expected = sorted(f.message for f, n in added.items() for _ in range(n))
        audited = sorted(
            f.message for f in row.findings if f.rule in {f.rule for f in added.elements()}
        )
        assert audited == expected
        compared += len(expected)
    assert compared == 2  # 东城街道's two YOY-CARRY warnings


def test_an_interrupted_audit_leaves_nothing_behind(tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    reports = tmp_path / "reports"
    reports.mkdir()
    text = (WORKED / "2023" / "南湖镇.txt").read_bytes()
    for number in range(400):
        (reports / f"{number:03d}.txt").write_bytes(
            text.replace("南湖镇".encode(), f"第{number}镇".encode())
        )
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "govinfo", "audit", str(reports), "-o", str(out), "--jobs", "2"],
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=interruptible,
    )
    deadline = time.monotonic() + 60
    while not any(scratch.glob("govinfo-audit-*")) and time.monotonic() < deadline:
        time.sleep(0.02)  # the audit has started once its spool folder is there
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    assert "Traceback" not in stderr
    assert not out.exists() or list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []  # the spool and the findings' file are gone


_FIGURE_VALUES = st.one_of(
    st.none(),
    st.integers(min_value=0, max_value=10**15),
    st.decimals(allow_nan=False, allow_infinity=False, places=4, min_value=0, max_value=10**9),
)


@given(st.dictionaries(st.sampled_from([f.name for f in FIGURES]), _FIGURE_VALUES))
def test_figures_kept_as_text_come_back_exactly(values: dict[str, object]) -> None:
    from govinfo.audit._figures import pack_values, unpack_values

    back = unpack_values(pack_values(values))  # type: ignore[arg-type]
    assert back == values
    assert [type(v) for v in back.values()] == [type(v) for v in values.values()]
