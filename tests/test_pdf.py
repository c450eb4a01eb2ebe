"""PDF through LibreOffice: the page geometry of GB/T 9704-2012, measured with poppler.

These tests need LibreOffice and poppler (``.ci/run`` installs them). Where they are missing
the tests are skipped, unless ``GOVINFO_REQUIRE_PDF=1`` (set by ``.ci/run``) makes that a
failure.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

import govinfo
from govinfo import Part, Report
from govinfo.cells import layout
from govinfo.render import PdfError, convert_to_pdf, render_docx
from govinfo.render._context import displayed
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
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
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


# -- every character in its place: generated reports of both editions -------------------------

_HANZI = "政府信息公开工作年度报告坚持以为常态不例外围绕中心持续深化务促落实强监管优服务街道社区"
_MARKS = "、，。；：、，"


def _text(seed: int, paragraphs: int) -> tuple[str, ...]:
    """Paragraphs of Chinese text whose marks fall at every place of a line, the line ends
    included, with years and counts in Latin digits, quotes and book-title marks."""
    rng = random.Random(seed)
    out = []
    for number in range(paragraphs):
        # The first line holds 26 characters after the indent, the others 28: put a mark
        # right after a full first line, then anywhere.
        pieces = ["".join(rng.choice(_HANZI) for _ in range(26 - number % 3)), _MARKS[number % 7]]
        for _ in range(rng.randint(3, 9)):
            pieces.append("".join(rng.choice(_HANZI) for _ in range(rng.randint(1, 12))))
            pieces.append(
                rng.choice([*_MARKS, "2024年", f"{rng.randint(1, 99999)}件", "“公开”", "《条例》"])
            )
        out.append("".join(pieces) + "。")
    return tuple(out)


def _filled(year: int) -> Report:
    """A report of ``year``'s edition: one-line paragraphs before table 二 (so that it meets
    the end of page 1), seven-digit numbers in table 三, five-digit ones in table 四, and
    text with marks at the line ends after the tables."""
    report = govinfo.blank_report("某县人民政府办公室", year)
    one_line = ("政府信息公开工作坚持以公开为常态不公开为例外",) * 10
    changes: dict[str, object] = {}
    for index, column in enumerate(
        ("natural_person", "commercial_enterprise", "research_institution", "other")
    ):
        changes[f"requests.received.{column}"] = 1000154 + index
        changes[f"requests.outcomes.disclosed.{column}"] = 1000154 + index
    for index, group in enumerate(("review", "direct_suit", "suit_after_review")):
        for offset, column in enumerate(("upheld", "corrected", "other", "pending")):
            changes[f"review_litigation.{group}.{column}"] = 12345 + 1111 * (4 * index + offset)
    report = govinfo.update(report, changes)
    return report.replace(
        preamble=("本报告依据《中华人民共和国政府信息公开条例》编制。",),
        overview=(Part(paragraphs=one_line),),
        problems=(Part(heading="（一）存在的主要问题", paragraphs=_text(year, 12)),),
        other_matters=(Part(heading="（一）其他事项", paragraphs=_text(year + 1, 12)),),
    )


@dataclass
class Rendered:
    report: Report
    docx: Path
    pdf: Path


@pytest.fixture(scope="module", params=[2020, 2024], ids=["2019 edition", "2021 edition"])
def filled(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    if _MISSING:
        pytest.skip(f"missing: {', '.join(_MISSING)}")
    work = tmp_path_factory.mktemp("filled")
    report = _filled(request.param)
    assert not [f for f in govinfo.check(report) if f.severity.value == "error"]
    render_docx(report, work / "report.docx")
    return Rendered(
        report, work / "report.docx", convert_to_pdf(work / "report.docx", work / "r.pdf")
    )


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _document_blocks(docx: Path) -> list[str | tuple[Counter[str], Counter[str]]]:
    """The body in order: each paragraph's text; each table as the count of its characters
    and of those of its header rows (which a new page prints again)."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    body = root.find(f"{W}body")
    assert body is not None
    blocks: list[str | tuple[Counter[str], Counter[str]]] = []
    for child in body:
        text = _squeeze("".join(t.text or "" for t in child.iter(f"{W}t")))
        if child.tag == f"{W}p" and text:
            blocks.append(text)
        elif child.tag == f"{W}tbl":
            header = "".join(
                t.text or ""
                for tr in child.iterfind(f"{W}tr")
                if tr.find(f"{W}trPr/{W}tblHeader") is not None
                for t in tr.iter(f"{W}t")
            )
            blocks.append((Counter(text), Counter(_squeeze(header))))
    return blocks


def _pdf_text(pdf: Path) -> str:
    raw = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    kept = [line for line in raw.splitlines() if not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)]
    return _squeeze("".join(kept))


@needs_pdf
def test_the_pdf_holds_every_character_of_the_document_in_order(filled: Rendered) -> None:
    printed = _pdf_text(filled.pdf)
    blocks = _document_blocks(filled.docx)
    position = 0
    for index, block in enumerate(blocks):
        if isinstance(block, str):
            found = printed[position : position + len(block)]
            assert found == block, f"paragraph {index}: {block!r} printed as {found!r}"
            position += len(block)
            continue
        following = next((b for b in blocks[index + 1 :] if isinstance(b, str)), None)
        end = printed.index(following, position) if following else len(printed)
        table, header = block
        counted = Counter(printed[position:end])
        # The table's characters, and its header rows once more on each page it runs onto.
        repeats = [
            k for k in range(4) if counted == table + Counter({c: n * k for c, n in header.items()})
        ]
        assert repeats, (
            f"table {index}: {counted - table} printed but not in it, {table - counted} lost"
        )
        position = end
    assert position == len(printed)


def _words(pdf: Path) -> list[Line]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", html, re.S), start=1):
        for m in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
            page,
        ):
            words.append(Line(number, *(float(m.group(i)) * MM for i in range(1, 5)), m.group(5)))
    return words


@needs_pdf
def test_no_glyph_lies_outside_the_type_area(filled: Rendered) -> None:
    page_number = re.compile(r"—|\d+")
    for word in _words(filled.pdf):
        if word.top > TYPE_AREA_BOTTOM and page_number.fullmatch(word.text):
            continue  # the page number, 7 mm below the type area
        assert word.left >= 28 - 0.3, word
        assert word.right <= 184 + 0.3, word
        assert word.top >= 37 - 1, word
        assert word.bottom <= TYPE_AREA_BOTTOM + 1, word


@needs_pdf
def test_no_number_wraps_in_the_tables(filled: Rendered) -> None:
    words = Counter(word.text for word in _words(filled.pdf))
    shown = Counter(v for v in displayed(filled.report) if len(v) > 1)
    assert max(map(len, shown)) == 7  # the numbers of table 三
    for value, count in shown.items():
        assert words[value] >= count, f"{value} does not stand on one line"


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [_squeeze(page) for page in text.split("\f")]


@needs_pdf
def test_tables_break_between_blocks_and_groups_with_their_labels_in_sight(
    filled: Rendered,
) -> None:
    pages = _page_texts(filled.pdf)
    # 表二 meets the end of page 1 (its blocks follow ten one-line paragraphs): each block's
    # caption is on the page of its rows.
    specs = [s for s in layout(filled.report).specs if s.table.number == "二"]
    blocks: dict[str, set[str]] = {}
    for spec in specs:
        blocks.setdefault(spec.row[0], set()).add(spec.row[-1])
    on = {caption: {n for n, page in enumerate(pages) if caption in page} for caption in blocks}
    assert len(set().union(*on.values())) == 2, "table 二 should run over two pages here"
    for caption, rows in blocks.items():
        (page,) = on[caption]
        assert all(row in pages[page] for row in rows), caption
    # 表三 starts a page and runs onto the next, which repeats its header rows and the label
    # of the group it continues.
    three = [n for n, page in enumerate(pages) if "申请人情况" in page]
    assert len(three) == 2
    assert pages[three[0]].startswith("三、收到和处理政府信息公开申请情况")
    for number in three:
        assert "三、本年度办理结果" in pages[number]
    assert pages[three[1]].startswith("（本列数据的勾稽关系为")
