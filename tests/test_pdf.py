"""PDF through LibreOffice: the page geometry of GB/T 9704-2012, measured with poppler.

These tests need LibreOffice and poppler (``.ci/run`` installs them). Where they are missing
the tests are skipped, unless ``GOVINFO_REQUIRE_PDF=1`` (set by ``.ci/run``) makes that a
failure.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import govinfo
from govinfo import Part, Report
from govinfo.render import PdfError, convert_to_pdf, render_docx
from govinfo.render._pdf import find_soffice

from .conftest import EXAMPLES, run_cli

_MISSING = [
    name
    for name, present in (
        ("LibreOffice", find_soffice() is not None),
        ("pdftotext", shutil.which("pdftotext") is not None),
        ("pdfinfo", shutil.which("pdfinfo") is not None),
    )
    if not present
]
if _MISSING and os.environ.get("GOVINFO_REQUIRE_PDF") == "1":
    raise RuntimeError(f"GOVINFO_REQUIRE_PDF=1 but missing: {', '.join(_MISSING)}")
needs_pdf = pytest.mark.skipif(bool(_MISSING), reason=f"missing: {', '.join(_MISSING)}")

MM = 25.4 / 72  # PDF points to millimetres
TYPE_AREA_BOTTOM = 37 + 225


@dataclass
class Line:
    page: int
    left: float
    top: float
    right: float
    bottom: float
    text: str


def _lines(pdf: Path) -> list[Line]:
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"],
        capture_output=True, text=True, encoding="utf-8", check=True,
    ).stdout  # fmt: skip
    lines = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", html, re.S), start=1):
        for m in re.finditer(
            r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>',
            page,
            re.S,
        ):
            text = "".join(re.findall(r">([^<]*)</word>", m.group(5)))
            box = [float(m.group(i)) * MM for i in range(1, 5)]
            lines.append(Line(number, *box, text))
    return lines


def _pages(pdf: Path) -> tuple[int, str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    size = re.search(r"Page size:\s+(.*)", info).group(1)  # type: ignore[union-attr]
    return pages, size


def _long_report() -> Report:
    # Pure CJK paragraphs, so that every full line holds exactly 28 characters.
    text = "政府信息公开工作坚持以公开为常态不公开为例外" * 12 + "。"
    report = govinfo.load(EXAMPLES / "complete-2024.json")
    return report.replace(overview=(Part(heading="（一）主动公开", paragraphs=(text,) * 8),))


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("pdf")
    docx = work / "long.docx"
    render_docx(_long_report(), docx)
    return convert_to_pdf(docx, work / "long.pdf")


@needs_pdf
def test_full_pages_have_22_body_lines_of_at_most_28_characters(long_pdf: Path) -> None:
    lines = [line for line in _lines(long_pdf) if line.page == 2]
    body = [line for line in lines if line.bottom <= TYPE_AREA_BOTTOM + 0.5]
    assert len(body) == 22
    assert body[0].top == pytest.approx(37, abs=4)
    for line in body:
        assert len(line.text) <= 28, line.text
        assert line.right <= 184.0
        assert line.left >= 28.0 - 0.5
    full = [line for line in body if not line.text.endswith("。") and line.left < 30]
    assert full
    assert all(len(line.text) == 28 for line in full)
    pitches = [b.top - a.top for a, b in itertools.pairwise(body)]
    assert all(p == pytest.approx(10.2, abs=0.15) for p in pitches)


@needs_pdf
def test_page_numbers_sit_below_the_type_area_odd_right_even_left(long_pdf: Path) -> None:
    pages, size = _pages(long_pdf)
    assert "A4" in size
    numbers = [line for line in _lines(long_pdf) if re.fullmatch(r"—\s*\d+\s*—", line.text)]
    assert [int(re.sub(r"\D", "", line.text)) for line in numbers] == list(range(1, pages + 1))
    for line in numbers:
        middle = (line.top + line.bottom) / 2
        assert middle - TYPE_AREA_BOTTOM == pytest.approx(7, abs=1.5)
        if line.page % 2:
            assert line.right == pytest.approx(210 - 26 - 4.9, abs=1.5)  # one character in
        else:
            assert line.left == pytest.approx(28 + 4.9, abs=1.5)


@needs_pdf
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_the_examples_convert_to_a4_with_their_tables(example: Path, tmp_path: Path) -> None:
    docx = tmp_path / "report.docx"
    render_docx(govinfo.load(example), docx)
    pdf = convert_to_pdf(docx, tmp_path / "report.pdf")
    pages, size = _pages(pdf)
    assert "A4" in size
    assert pages >= 3
    text = " ".join(line.text for line in _lines(pdf))
    for label in ("申请人情况", "结转下年度继续办理", "未经复议直接起诉", "本年收费金额"):
        assert label in text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.docx", "report.pdf"]


@needs_pdf
def test_render_command_writes_the_pdf_beside_the_docx(tmp_path: Path) -> None:
    out = tmp_path / "seed.docx"
    result = run_cli("render", str(EXAMPLES / "yulong-2023.json"), "-o", str(out), "--pdf")
    assert result.returncode == 0, result.stderr
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_without_libreoffice_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = tmp_path / "seed.docx"
    render_docx(govinfo.load(EXAMPLES / "yulong-2023.json"), docx)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(PdfError, match=r"LibreOffice is not installed.*apt-get install"):
        convert_to_pdf(docx, tmp_path / "seed.pdf")
    assert not (tmp_path / "seed.pdf").exists()
