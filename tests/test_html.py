"""The web page for an office's portal: one self-contained page, the national tables as real
tables with the official spans, read back into the same report, and laid out by a browser
with every cell where the format puts it."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import html as lxml_html

import govinfo
from govinfo import ExtraRow, ExtraTable, Part, Report, Signature, update
from govinfo.grid import Grid, Role, grids
from govinfo.model import sections
from govinfo.read import read_bytes
from govinfo.render import RenderRefused, html_page, render_html
from govinfo.render._context import displayed
from govinfo.strategies import reports

from .browser import chromium, keep_artifact, needs_chromium
from .conftest import EXAMPLES, run_cli


def _tables(page: str) -> list:
    return lxml_html.document_fromstring(page).findall(".//table")


# -- the page ---------------------------------------------------------------------------------


def test_one_self_contained_page_in_chinese(full_report: Report) -> None:
    page = html_page(full_report)
    root = lxml_html.document_fromstring(page)
    assert root.get("lang") == "zh-CN"
    assert root.findtext(".//title") == full_report.display_title
    assert page.startswith("<!DOCTYPE html>")
    assert not root.findall(".//script")
    # Nothing outside the page: no file, font, image or style sheet it would fetch.
    assert not re.search(r"\b(?:src|href)\s*=|url\(|@import", page)
    headings = [h.text_content() for h in root.iter("h2")]
    assert headings == [s.heading for s in sections()]
    assert root.find(".//h1").text_content() == full_report.display_title
    assert "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in page


@pytest.mark.parametrize("year", [2020, 2024])
def test_the_tables_have_the_official_spans_and_header_cells(year: int) -> None:
    report = govinfo.blank_report("某县人民政府办公室", year)
    shown = displayed(report)
    values = iter(shown)
    for grid, table in zip(grids(report), _tables(html_page(report)), strict=True):
        cells = list(table.iter("th", "td"))
        assert len(cells) == len(list(grid.cells))
        for element, cell in zip(cells, grid.cells, strict=True):
            assert int(element.get("rowspan", 1)) == cell.row_span
            assert int(element.get("colspan", 1)) == cell.column_span
            if cell.role is Role.VALUE:
                assert element.tag == "td"
                assert element.text_content() == next(values)
            else:
                assert element.tag == "th"
                assert element.get("scope") in ("col", "colgroup", "row", "rowgroup")
                assert element.text_content() == cell.text
        assert len(table.findall(".//col")) == len(grid.widths)
        assert (table.find("thead") is not None) == bool(grid.header_rows)
    assert next(values, None) is None


def test_emphasis_is_strong(seed_report: Report) -> None:
    root = lxml_html.document_fromstring(html_page(seed_report))
    assert [s.text for s in root.iter("strong")] == ["一是", "二是", "三是"] * 2


# -- read back --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["yulong-2023.json", "complete-2024.json"])
def test_the_examples_read_back_from_the_page(name: str) -> None:
    report = govinfo.load(EXAMPLES / name)
    result = read_bytes(html_page(report).encode("utf-8"), source="page.html")
    assert result.report == report
    assert not result.diagnostics


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(reports(edition=govinfo.Edition.E2021, blanks=True) | reports(mixed=True))
def test_any_report_reads_back_from_its_page(report: Report) -> None:
    page = html_page(report)
    assert read_bytes(page.encode("utf-8"), source="page.html").report == report


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow])
@given(reports(edition=govinfo.Edition.E2019, blanks=True))
def test_any_2019_report_reads_back_from_its_page(report: Report) -> None:
    page = html_page(report)
    assert read_bytes(page.encode("utf-8"), source="page.html").report == report


def test_signature_extras_and_a_draft_read_back(full_report: Report) -> None:
    report = full_report.replace(
        signature=Signature(organ=full_report.organ, date=dt.date(2025, 1, 20)),
        extras=(
            ExtraTable(
                title="（五）政务新媒体情况",
                section="overview",
                columns=("名称", "发布条数"),
                rows=(ExtraRow(label="政务微博", values=(120,)),),
            ),
        ),
    )
    broken = update(report, {"requests.received.natural_person": 1})
    page = html_page(broken, draft=True)
    assert "草稿" in page
    assert read_bytes(page.encode("utf-8"), source="page.html").report == broken


def test_a_report_with_errors_is_refused_unless_a_draft(
    full_report: Report, tmp_path: Path
) -> None:
    broken = update(full_report, {"requests.received.natural_person": 1})
    target = tmp_path / "page.html"
    with pytest.raises(RenderRefused):
        render_html(broken, target)
    assert not target.exists()
    assert render_html(broken, target, draft=True).draft
    assert "草稿" in target.read_text(encoding="utf-8")


def test_render_command_writes_the_page_alone_or_beside_each_document(tmp_path: Path) -> None:
    seed = str(EXAMPLES / "yulong-2023.json")
    page = tmp_path / "seed.html"
    result = run_cli("render", seed, "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["seed.html"]
    batch = tmp_path / "out"
    result = run_cli(
        "render", seed, str(EXAMPLES / "complete-2024.json"), "-d", str(batch), "--html"
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in batch.iterdir()) == [
        "complete-2024.docx",
        "complete-2024.html",
        "yulong-2023.docx",
        "yulong-2023.html",
    ]
    result = run_cli("render", seed, "-o", str(tmp_path / "x.html"), "--pdf")
    assert result.returncode == 2
    assert "--pdf and --template are for the Word document" in result.stderr


# -- in a browser -----------------------------------------------------------------------------

# Added to a copy of the page only (the page itself has no script): the box of every table
# cell after layout, written into the page for --dump-dom to print.
_MEASURE = """<script>
const boxes = [...document.querySelectorAll("table")].map((table) =>
  [...table.querySelectorAll("th, td")].map((cell) => {
    const r = cell.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom, cell.innerText.replace(/\\n/g, "")];
  }));
const out = document.createElement("pre");
out.id = "boxes";
out.textContent = JSON.stringify(boxes);
document.body.append(out);
</script>"""


def _lines(starts: dict[int, list[float]], last: int, end: float) -> dict[int, float]:
    """The grid lines cells begin on, and the last one (``last``) where the table ends."""
    found = {}
    for index, values in starts.items():
        assert max(values) - min(values) < 1, (index, values)  # cells of a line agree
        found[index] = values[0]
    found[last] = end
    return found


def _check_layout(grid: Grid, boxes: list[list]) -> None:
    """Every cell's box on the grid lines of its row and column span, the columns as wide
    as the grid says."""
    cells = list(grid.cells)
    assert len(boxes) == len(cells)
    lefts: dict[int, list[float]] = {}
    tops: dict[int, list[float]] = {}
    for (left, top, _, _, _), cell in zip(boxes, cells, strict=True):
        lefts.setdefault(cell.column, []).append(left)
        tops.setdefault(cell.row, []).append(top)
    right = max(b[2] for b in boxes)
    bottom = max(b[3] for b in boxes)
    xs = _lines(lefts, len(grid.widths), right)
    ys = _lines(tops, len(grid.rows), bottom)
    assert set(ys) == set(range(len(grid.rows) + 1))  # every row begins a cell
    for (left, top, box_right, box_bottom, text), cell in zip(boxes, cells, strict=True):
        if cell.last_column + 1 in xs:
            assert box_right == pytest.approx(xs[cell.last_column + 1], abs=1), cell
        assert box_bottom == pytest.approx(ys[cell.last_row + 1], abs=1), cell
        assert left == pytest.approx(xs[cell.column], abs=1)
        assert top == pytest.approx(ys[cell.row], abs=1)
        if cell.is_header:
            assert text == cell.text
    width = right - xs[0]
    for column, fraction in enumerate(grid.fractions()):
        if column in xs and column + 1 in xs:
            assert xs[column + 1] - xs[column] == pytest.approx(fraction * width, abs=1.5)


@needs_chromium
@pytest.mark.parametrize("year", [2020, 2024])
def test_a_browser_lays_every_cell_where_the_format_puts_it(year: int, tmp_path: Path) -> None:
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    if year == 2020:
        report = govinfo.read.read(Path(__file__).parent / "corpus" / "edition-2019.txt").report
    page = tmp_path / "report.html"
    render_html(report, page, draft=True)
    measured = tmp_path / "measured.html"
    measured.write_text(
        page.read_text(encoding="utf-8").replace("</body>", _MEASURE + "</body>"),
        encoding="utf-8",
    )
    result = chromium(
        tmp_path / "profile", "--window-size=900,1200", "--dump-dom", measured.as_uri()
    )
    assert result.returncode == 0, result.stderr
    found = re.search(r'<pre id="boxes">(.*?)</pre>', result.stdout, re.S)
    assert found is not None, result.stderr
    boxes = json.loads(lxml_html.fromstring(found.group(0)).text_content())
    shown = iter(displayed(report))
    for grid, table in zip(grids(report), boxes, strict=True):
        _check_layout(grid, table)
        for (_, _, _, _, text), cell in zip(table, grid.cells, strict=True):
            if not cell.is_header:
                assert text == next(shown)
    shot = tmp_path / f"report-page-{year}.png"
    result = chromium(
        tmp_path / "profile", f"--screenshot={shot}", "--window-size=900,5000", page.as_uri()
    )
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    keep_artifact(shot)


def test_text_of_a_part_stays_in_its_part() -> None:
    report = govinfo.blank_report("某县人民政府办公室", 2024).replace(
        overview=(
            Part(paragraphs=("无标题的一段。",)),
            Part(paragraphs=("另一部分。",)),
            Part(heading="1.仿宋标题", paragraphs=("正文。", "再一段。")),
            Part(heading="（二）楷体", paragraphs=("接排。",), run_in=True),
        )
    )
    assert read_bytes(html_page(report).encode(), source="p.html").report == report
