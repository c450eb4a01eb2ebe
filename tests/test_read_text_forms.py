"""Text as it is really copied: tables with spaces between the cells, labels broken over the
lines around their numbers, footnote marks beside counts, known variants of labels. Each cell
is read right or reported, never guessed."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.cells import cells
from govinfo.read import ReadResult, read_bytes

from .conftest import EXAMPLES

SEED = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
COMPLETE = govinfo.load(EXAMPLES / "complete-2024.json")


def _read(text: str) -> ReadResult:
    return read_bytes(text.encode("utf-8"), source="report.txt")


def _notes(result: ReadResult) -> list[tuple[str, str]]:
    return [(d.severity, d.message) for d in result.diagnostics]


def _never_wrong(result: ReadResult, truth: Report) -> int:
    """Every cell read equals the truth; a cell not read is blank and said. The cells read."""
    read = 0
    truth_cells = {c.spec.dotted: c.value for c in cells(truth)}
    for cell in cells(result.report):
        if cell.spec.dotted in result.blanks and truth_cells[cell.spec.dotted] is not None:
            assert cell.value is None
            continue
        assert cell.value == truth_cells[cell.spec.dotted], cell.spec.place
        read += 1
    return read


def _table_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if "\t" in line]


def test_cells_separated_by_runs_of_spaces_are_read(seed_report: Report) -> None:
    spaced = re.sub(r"\t+", "   ", SEED)
    result = _read(spaced)
    assert result.report == seed_report
    assert not result.errors


def test_cells_separated_by_single_spaces_are_read(seed_report: Report) -> None:
    spaced = re.sub(r"\t+", " ", SEED)
    result = _read(spaced)
    assert result.report == seed_report
    assert not result.errors


def test_a_tab_at_the_end_of_each_line_changes_nothing(seed_report: Report) -> None:
    lines = SEED.splitlines()
    text = "\n".join(line + "\t" if "\t" in line else line for line in lines)
    assert _read(text).report == seed_report


def test_a_row_with_a_number_too_few_is_unreadable_not_shifted() -> None:
    spaced = re.sub(r"\t+", " ", SEED).replace(
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0",
        "二、上年结转政府信息公开申请数量 0 0 0 0 0 0",
    )
    result = _read(spaced)
    assert result.report.requests.carried_over.total is None
    assert result.blanks["requests.carried_over.total"] == "(unreadable)"
    assert [d.message for d in result.errors] == [
        "表三二、上年结转政府信息公开申请数量: 6 numbers where 7 belong: which cell is which "
        "cannot be told"
    ]


def test_a_sentence_ending_in_a_number_outside_the_tables_stays_text() -> None:
    text = SEED.replace(
        "(3) 依申请公开办理情况。共受理政府信息公开申请 0 件。",
        "(3) 依申请公开办理情况。共受理政府信息公开申请\n17\n件。",
    ).replace("(5) 依申请公开情况累计 0 件。", "依申请公开情况累计 3")
    result = _read(text)
    overview = result.report.overview
    assert overview[3].heading == "(3) 依申请公开办理情况。"
    assert overview[3].paragraphs == ("共受理政府信息公开申请", "17", "件。")
    assert overview[4].paragraphs[-1] == "依申请公开情况累计 3"
    assert not result.report.extras
    assert not result.errors


def _rows_of_three(report: Report) -> list[tuple[str, list[object]]]:
    rows: dict[tuple[str, ...], list[object]] = {}
    for cell in cells(report):
        if cell.spec.attribute[0] == "requests":
            rows.setdefault(cell.spec.row, []).append(cell.value)
    return [(key[-1], values) for key, values in rows.items()]


_NOISE = ["三、", "本年", "（三）不", "予公开", "（四）无", "法提供", "申请人情况", "自然人"]


@st.composite
def _printed_row(draw: st.DrawFn, label: str, numbers: str) -> list[str]:
    """A row as a PDF-to-text converter prints it: the label cut into pieces, the numbers
    before, between or after them (alone or after a piece), stray pieces of other columns."""
    cuts = sorted(draw(st.sets(st.integers(min_value=1, max_value=len(label) - 1), max_size=2)))
    pieces = [label[i:j] for i, j in zip([0, *cuts], [*cuts, len(label)], strict=True)]
    at = draw(st.integers(min_value=0, max_value=len(pieces)))
    lines = [*pieces[:at], numbers, *pieces[at:]]
    if at < len(pieces) and draw(st.booleans()):
        lines[at : at + 2] = [f"{pieces[at]} {numbers}"]  # a piece on the numbers' line
    if draw(st.booleans()):
        noise = draw(st.sampled_from(_NOISE))
        where = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        lines[where] = f"{noise} {lines[where]}"  # a piece of the group column before it
    return lines


@st.composite
def _printed_in_columns(draw: st.DrawFn, label: str, numbers: str) -> list[str]:
    """A row as ``pdftotext -layout`` prints it: the pieces of the row label indented to
    their column, the numbers further right, lines of the group column (less indented) in
    between."""
    lines = [line.strip() for line in draw(_printed_row(label, numbers))]
    printed = [(" " * 20 if line == numbers else " " * 8) + line for line in lines]
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        at = draw(st.integers(min_value=0, max_value=len(printed)))
        printed.insert(at, "    " + draw(st.sampled_from(_NOISE)))
    return printed


@given(st.data(), st.booleans())
def test_labels_broken_around_their_numbers_are_read_or_reported(
    data: st.DataObject, columns: bool
) -> None:
    lines = ["三、收到和处理政府信息公开申请情况"]
    for label, values in _rows_of_three(COMPLETE):
        numbers = " ".join(str(v) for v in values)
        printed = _printed_in_columns if columns else _printed_row
        lines += data.draw(printed(label, numbers))
    text = (
        SEED.split("三、收到和处理政府信息公开申请情况")[0]
        + "\n".join(lines)
        + "\n四、政府信息公开行政复议、行政诉讼情况"
        + SEED.split("四、政府信息公开行政复议、行政诉讼情况")[1]
    )
    result = _read(text)
    truth = {c.spec.dotted: c.value for c in cells(COMPLETE)}
    for cell in cells(result.report):
        if cell.spec.attribute[0] == "requests" and cell.spec.dotted not in result.blanks:
            assert cell.value == truth[cell.spec.dotted], cell.spec.place


def test_footnote_marks_never_join_a_count() -> None:
    text = SEED.replace("行政许可\t0", "行政许可\t12①").replace("行政处罚\t0", "行政处罚\t7¹")
    result = _read(text)
    assert (result.report.proactive.licensing, result.report.proactive.penalties) == (12, 7)  # type: ignore[union-attr]
    assert _notes(result) == [
        (
            "info",
            "表二行政许可·本年处理决定数量: the footnote mark “①” in “12①” is not part of the "
            "number: read as 12",
        ),
        (
            "info",
            "表二行政处罚·本年处理决定数量: the footnote mark “¹” in “7¹” is not part of the "
            "number: read as 7",
        ),
    ]


def test_a_mark_inside_a_number_makes_it_unreadable() -> None:
    result = _read(SEED.replace("行政许可\t0", "行政许可\t1①2"))
    assert result.report.proactive.licensing is None  # type: ignore[union-attr]
    assert _notes(result) == [
        ("error", "表二行政许可·本年处理决定数量: cannot read “1①2” as a number")
    ]


def test_known_label_variants_are_read_and_said(seed_report: Report) -> None:
    text = SEED.replace("行政规范性文件\t0", "规范性文件\t0").replace("\n3.其他\t", "\n3.其它\t")
    result = _read(text)
    assert result.report == seed_report
    assert _notes(result) == [
        ("info", "“规范性文件” read as “行政规范性文件” (a known variant, see docs/read.md)"),
        ("info", "“3.其它” read as “3.其他” (a known variant: 其它, see docs/read.md)"),
    ]
