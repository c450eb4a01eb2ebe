"""PDF, Markdown and old Word files: what is needed to read them, and what is refused whole."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Report
from govinfo.cells import cells
from govinfo.errors import LimitExceeded
from govinfo.limits import Limits, using
from govinfo.read import SUFFIXES, ReadError, read, read_bytes, sniff
from govinfo.read._normalize import PAGE_NUMBER

from .conftest import run_cli

CORPUS = Path(__file__).resolve().parent / "corpus"
PDF = CORPUS / "pdf-docx.pdf"


def test_the_suffixes_read_knows_name_their_formats() -> None:
    assert {SUFFIXES[s] for s in (".pdf", ".md", ".doc", ".wps", ".docx", ".html", ".txt")} == {
        "pdf",
        "markdown",
        "doc",
        "docx",
        "html",
        "text",
    }


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("download", b"%PDF-1.7\n", "pdf"),
        ("report.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "doc"),
        ("report.txt", "| 规章 | 0 |\n|---|---|\n".encode(), "markdown"),
        ("report.txt", "规章 0 0 0\n".encode(), "text"),
    ],
)
def test_formats_are_known_by_their_content_too(name: str, head: bytes, kind: str) -> None:
    assert sniff(name, head) == kind


def test_without_pdfplumber_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    with pytest.raises(ReadError, match=r"needs pdfplumber.*pip install 'govinfo\[pdf\]'"):
        read(PDF)


def test_without_libreoffice_a_doc_file_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ReadError, match=r"needs LibreOffice.*apt-get install libreoffice"):
        read(CORPUS / "word-97.doc")


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("pdf-scan.pdf", "no text layer"),
        ("pdf-cid.pdf", "without a Unicode mapping"),
    ],
)
def test_a_pdf_without_usable_text_exits_2_and_writes_nothing(
    name: str, words: str, tmp_path: Path
) -> None:
    out = tmp_path / "report.json"
    result = run_cli("read", str(CORPUS / name), "-o", str(out))
    assert result.returncode == 2
    assert words in result.stderr
    assert "nothing was read" in result.stderr
    assert not out.exists()


def test_a_pdf_reads_from_the_command(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli("read", str(PDF), "-o", str(out))
    assert result.returncode == 0, result.stderr
    read_back = govinfo.load(out)
    example = govinfo.load(CORPUS.parent.parent / "examples/complete-2024.json")
    assert cells(read_back) == cells(example)
    assert (read_back.organ, read_back.year, read_back.overview) == (
        example.organ,
        example.year,
        example.overview,
    )
    assert "read as PDF; tables of the 2021 edition" in result.stderr


def test_the_pages_of_a_pdf_are_limited() -> None:
    with using(Limits(pdf_pages=5)), pytest.raises(LimitExceeded) as raised:
        read(PDF)
    assert str(raised.value) == (
        f"{PDF}: a PDF of 7 pages, over the limit of 5 (pdf_pages in govinfo.limits)"
    )
    with using(Limits(pdf_characters=1000)), pytest.raises(LimitExceeded, match="pdf_characters"):
        read(PDF)


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.4\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF", b"%PDF-\x00\xff"],
)
def test_a_damaged_pdf_is_a_read_error(data: bytes) -> None:
    with pytest.raises(ReadError):
        read_bytes(data, source="x.pdf")


@settings(max_examples=25)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8))
def test_a_pdf_with_bytes_changed_is_read_or_refused_never_a_traceback(
    changes: list[tuple[int, int]],
) -> None:
    data = bytearray(PDF.read_bytes())
    for at, value in changes:
        data[at % len(data)] = value
    with contextlib.suppress(ReadError, LimitExceeded):
        read_bytes(bytes(data), source="x.pdf")


@pytest.mark.parametrize("line", ["- 3 -", "— 3 —", "—3—", "第3页 共8页", "第 3 页", "3/8"])
def test_page_numbers_are_recognised(line: str) -> None:
    assert PAGE_NUMBER.match(line)


@pytest.mark.parametrize("line", ["3 件", "第三页", "— 总计 —"])
def test_other_lines_are_not_page_numbers(line: str) -> None:
    assert not PAGE_NUMBER.match(line)


def test_scans_and_unmapped_text_have_their_own_errors() -> None:
    from govinfo.read import NoTextLayer, UnmappedText

    with pytest.raises(NoTextLayer, match=r"pdf-scan\.pdf: the PDF has no text layer"):
        read(CORPUS / "pdf-scan.pdf")
    with pytest.raises(UnmappedText, match="1642 of 2380 characters without a Unicode mapping"):
        read(CORPUS / "pdf-cid.pdf")


# -- texts without their title ----------------------------------------------------------------

SEED_TEXT = (CORPUS.parent.parent / "examples/yulong-2023.txt").read_text(encoding="utf-8")
SEED_TITLE = "阜新市细河区玉龙街道 2023 年政府信息公开工作年度报告"
BODY = SEED_TEXT.replace(SEED_TITLE, "")


def _notes(result: govinfo.read.ReadResult) -> list[tuple[str, str]]:
    return [(d.severity, d.message) for d in result.diagnostics]


def test_a_body_without_its_title_takes_the_organ_and_year_given(seed_report: Report) -> None:
    result = read_bytes(BODY.encode(), source="body.txt", organ=seed_report.organ, year=2023)
    assert cells(result.report) == cells(seed_report)
    assert (result.report.organ, result.report.year) == (seed_report.organ, 2023)
    assert result.report.overview == seed_report.overview
    assert _notes(result) == [
        ("info", "no title in the text: the organ and the year as given (--organ, --year)")
    ]


def test_without_a_title_or_what_to_put_instead_nothing_is_read() -> None:
    with pytest.raises(ReadError, match=r"govinfo read --organ NAME --year YYYY"):
        read_bytes(BODY.encode(), source="body.txt")


def test_a_page_s_title_element_names_a_body_s_organ_and_year(seed_report: Report) -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.splitlines() if "\t" not in line)
    page = (
        f"<html><head><title>{SEED_TITLE}_细河区人民政府网</title></head>"
        f"<body>{paragraphs}</body></html>"
    )
    result = read_bytes(page.encode(), source="page.html")
    assert (result.report.organ, result.report.year) == ("阜新市细河区玉龙街道", 2023)
    assert (
        "info",
        f"no title in the text: the organ and the year from the page's <title>: “{SEED_TITLE}”",
    ) in _notes(result)


def test_a_word_file_s_title_property_names_a_body_s_organ_and_year(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "某镇人民政府2024年政府信息公开工作年度报告"
    for line in ("一、总体情况", "本镇认真贯彻落实条例。", "五、存在的主要问题及改进情况", "无。"):
        document.add_paragraph(line)
    path = tmp_path / "body.docx"
    document.save(str(path))
    result = read(path)
    assert (result.report.organ, result.report.year) == ("某镇人民政府", 2024)
    assert _notes(result)[0] == (
        "info",
        "no title in the text: the organ and the year from the document's Title property: "
        "“某镇人民政府2024年政府信息公开工作年度报告”",
    )


def test_a_title_printed_in_the_text_wins_over_what_is_given(seed_report: Report) -> None:
    result = read_bytes(SEED_TEXT.encode(), source="seed.txt", organ="某局", year=2022)
    assert (result.report.organ, result.report.year) == (seed_report.organ, 2023)
    assert _notes(result) == [
        (
            "warning",
            "the title printed in the text names the organ “阜新市细河区玉龙街道”, not “某局” as "
            "given: the text is read",
        ),
        (
            "warning",
            "the title printed in the text names the year “2023”, not “2022” as given: the text "
            "is read",
        ),
    ]


def test_the_read_command_takes_the_organ_and_year(tmp_path: Path, seed_report: Report) -> None:
    body = tmp_path / "body.txt"
    body.write_text(BODY, encoding="utf-8")
    out = tmp_path / "report.json"
    args = ["read", str(body), "--organ", seed_report.organ, "--year", "2023", "-o", str(out)]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "no title in the text: the organ and the year as given" in result.stderr
    assert cells(govinfo.load(out)) == cells(seed_report)


def test_a_table_running_on_the_next_page_is_one_table_its_header_once() -> None:
    from govinfo.read._blocks import Table
    from govinfo.read._pdf import pdf_blocks

    blocks, _, _ = pdf_blocks(PDF.read_bytes())
    (three,) = [b for b in blocks if isinstance(b, Table) and "申请人情况" in str(b.rows)]
    assert {place.split(",")[0] for place in three.lines} == {"page 4", "page 5"}
    corner = [row for row in three.rows if row[0].text.startswith("（本列数据的勾稽关系为")]
    assert len(corner) == 3  # the three header rows under the merged corner, once
    labels = [cell.text for row in three.rows for cell in row if cell.origin]
    assert labels.count("（七）总计") == 1


def test_kangxi_radicals_in_a_pdf_s_text_read_as_the_numerals() -> None:
    from govinfo.read._normalize import section_number
    from govinfo.read._pdf import _Char, _fold

    assert _fold(_Char("⼀", 0, 1, 0, 1, 12)).text == "一"
    assert _fold(_Char("⼆", 0, 1, 0, 1, 12)).text == "二"
    assert section_number("⼀、总体情况") == "一"
    assert section_number("⼆、主动公开政府信息情况") == "二"
