"""Make the reader's corpus of published forms from the project's own complete example.

Offices publish the annual report as PDF (exported from Word or WPS), as web pages saved
from Word, as old Word files, and people copy it as text or convert it to Markdown. This
script makes each of those forms from ``examples/complete-2024.json`` so that the corpus
test (``tests/test_corpus.py``) can hold every cell read against the report it came from:

- ``pdf-docx.pdf``: govinfo's Word document converted by LibreOffice (ruled tables);
- ``pdf-docx-noborders.pdf``: the same with every table border removed;
- ``pdf-html.pdf``: the Word-exported web page below, converted by LibreOffice;
- ``pdf-boxed.pdf``: the web page with a box drawn around every paragraph, each section
  heading in a box with empty cells after it, and a footnote mark raised after a count
  (``46¹``), converted by LibreOffice;
- ``pdf-contradiction.pdf``: the Word document of ``pdf-contradiction.json``, the example
  whose text says 172 applications were received where its table says 182 (the sentence
  broken over two lines), converted by LibreOffice;
- ``pdf-scan.pdf``: the pages of ``pdf-docx.pdf`` as images only (a scan: no text layer);
- ``pdf-cid.pdf``: ``pdf-docx.pdf`` with its fonts' ToUnicode maps unlinked (``(cid:N)``);
- ``text-layout.txt``, ``text-raw.txt``: ``pdftotext -layout`` and ``-raw`` of ``pdf-docx.pdf``;
- ``word-export.html``: a portal page holding a Word-exported article (``mso`` styles,
  ``<o:p>``, numbers split over spans, table 三 split in two, labels written one character
  per line, ``&nbsp;`` cells, a layout table), in GB2312 as declared in its ``<meta>``;
- ``markdown.md``: a PDF-to-Markdown conversion (generic column headers, labels apart from
  their numbers, a row that lost a cell);
- ``word-97.doc``: govinfo's Word document saved by LibreOffice as Word 97-2003.

LibreOffice's output differs between versions, so the files are committed and this script
is what made them: run ``python tools/make_corpus.py`` (LibreOffice, poppler-utils, CJK
fonts and Pillow needed) and review the corpus test's expectations when they change.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import attrs
from lxml import etree
from PIL import Image

import govinfo
from govinfo._office import convert
from govinfo.cells import cells, format_value
from govinfo.grid import Grid, grids
from govinfo.model import sections
from govinfo.render import render_bytes
from govinfo.render._pdf import pdf_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SOURCE = ROOT / "examples" / "complete-2024.json"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def without_borders(docx: bytes) -> bytes:
    """The document with every table and cell border set to none."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in ("word/document.xml", "word/styles.xml"):
                root = etree.fromstring(data)
                for borders in root.iter(f"{W}tblBorders", f"{W}tcBorders"):
                    for side in borders:
                        side.set(f"{W}val", "nil")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue()


def scanned(pdf: bytes) -> bytes:
    """The pages as grey images at 40 dpi, nothing else: what a scanner makes."""
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "in.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-r", "40", "-png", str(source), str(Path(work) / "page")],
            check=True,
        )
        pages = [Image.open(p).convert("L") for p in sorted(Path(work).glob("page*.png"))]
        out = io.BytesIO()
        pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=40.0)
        return out.getvalue()


def unmapped(pdf: bytes) -> bytes:
    """The PDF with each font's ToUnicode map unlinked (same length, offsets kept)."""
    assert b"/ToUnicode" in pdf, "the PDF's fonts have no ToUnicode maps to unlink"
    return pdf.replace(b"/ToUnicode", b"/ToUnicodX")


def pdftotext(pdf: bytes, mode: str) -> bytes:
    return subprocess.run(
        ["pdftotext", mode, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout


# -- a web page saved from Word, inside a portal's layout ------------------------------------


def _span(text: str) -> str:
    """Word's spans: digits in a span of their own, a long number split over two."""

    def digits(match: re.Match[str]) -> str:
        number = match.group()
        if len(number) >= 3:
            half = len(number) // 2
            return f"<span lang=EN-US>{number[:half]}</span><span lang=EN-US>{number[half:]}</span>"
        return f"<span lang=EN-US>{number}</span>"

    return re.sub(r"\d+", digits, html.escape(text, quote=False))


def _p(text: str, style: str = "text-indent:32.0pt", boxed: bool = False) -> str:
    if boxed:
        empty = "<td style='border:solid windowtext 1.0pt'>&nbsp;</td>" * (
            3 if "、" in text[:2] else 0
        )
        return (
            "<table border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse'><tr>"
            f"<td style='border:solid windowtext 1.0pt'>{_p(text, style)}</td>{empty}"
            "</tr></table>\n"
        )
    return (
        f"<p class=MsoNormal style='{style};mso-line-height-rule:exactly'>"
        f"<span style='font-size:16.0pt;font-family:仿宋_GB2312'>{_span(text)}<o:p></o:p>"
        "</span></p>\n"
    )


def _vertical(text: str) -> str:
    """A label written one character per line, as offices do in narrow merged cells."""
    return "".join(
        f"<p class=MsoNormal align=center>{html.escape(ch)}<o:p></o:p></p>" for ch in text
    )


def _table_html(
    grid: Grid, values: dict[str, object], split: int | None = None, mark: str | None = None
) -> str:
    out = [
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>"
    ]
    for r, row in enumerate(grid.rows):
        if split is not None and r == split:
            out.append("</table>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n" + out[0])
        out.append(f" <tr style='mso-yfti-irow:{r}'>")
        for cell in row:
            rowspan = cell.row_span
            if split is not None and cell.row < split <= cell.last_row:
                rowspan = split - cell.row  # Word cuts a merged cell where it splits a table
            spans = (f" rowspan={rowspan}" if rowspan > 1 else "") + (
                f" colspan={cell.column_span}" if cell.column_span > 1 else ""
            )
            if cell.spec is not None:
                value = format_value(values[cell.spec.dotted])  # type: ignore[arg-type]
                shown = _span(value) or "&nbsp;"
                if mark is not None and cell.spec.dotted == mark:
                    shown += "<sup>1</sup>"  # a footnote mark, raised and small
                inner = f"<p class=MsoNormal align=center>{shown}<o:p></o:p></p>"
            elif cell.row_span >= 4 and cell.column_span == 1 and len(cell.text) <= 10:
                inner = _vertical(cell.text)
            else:
                inner = f"<p class=MsoNormal>{_span(cell.text) or '&nbsp;'}<o:p></o:p></p>"
            out.append(
                f"  <td valign=middle style='border:solid windowtext 1.0pt'{spans}>{inner}</td>"
            )
        out.append(" </tr>")
    out.append("</table>\n")
    return "\n".join(out)


def _sections(report: govinfo.Report) -> list[tuple[str, str, Grid | None]]:
    """The report's sections in order: attribute, official heading, and its table's grid."""
    tables = {g.attribute: g for g in grids(report)}
    return [(s.attribute, s.heading, tables.get(s.attribute)) for s in sections(type(report))]


def word_html(report: govinfo.Report, *, boxed: bool = False) -> str:
    values = {c.spec.dotted: c.value for c in cells(report)}
    title = report.title or report.default_title
    body: list[str] = [
        f"<p class=MsoNormal align=center style='text-align:center'><span style='font-size:"
        f"22.0pt;font-family:方正小标宋简体'>{_span(title)}<o:p></o:p></span></p>\n"
    ]
    body += [_p(text) for text in report.preamble]
    for attribute, heading, grid in _sections(report):
        section = None if grid is not None else getattr(report, attribute)
        body.append(_p(heading, "text-indent:32.0pt;font-family:黑体", boxed))
        if grid is not None:
            split = len(grid.rows) // 2 + 2 if grid.number == "三" and not boxed else None
            mark = "proactive.enforcement" if boxed else None
            body.append(_table_html(grid, values, split, mark))
            if mark is not None and grid.number == "二":
                body.append(_p("注：1. 含简易程序。", boxed=boxed))
            continue
        for part in section or ():
            if part.heading and part.run_in:
                body.append(_p(part.heading + part.paragraphs[0], boxed=boxed))
                body += [_p(text, boxed=boxed) for text in part.paragraphs[1:]]
                continue
            if part.heading:
                body.append(_p(part.heading, boxed=boxed))
            body += [_p(text, boxed=boxed) for text in part.paragraphs]
    if report.signature is not None:
        body.append(_p(report.signature.organ, "text-align:right"))
        date = report.signature.date
        body.append(_p(f"{date.year}年{date.month}月{date.day}日", "text-align:right"))
    article = "".join(body)
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<title>{html.escape(title)}_示范区人民政府门户网站</title>
<style>
<!-- p.MsoNormal {{mso-style-parent:""; margin:0cm; text-align:justify; font-size:10.5pt;}}
 table.MsoNormalTable {{mso-style-name:普通表格; mso-tstyle-rowband-size:0;}} -->
</style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
</head>
<body>
<table width="100%" border=0 cellspacing=0 cellpadding=0>
<tr><td class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> |
<a href="/ndbg/">年度报告</a></td></tr>
<tr><td>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>
<div class="info">发布时间：2025-01-20 来源：区政府办公室 字号：【大 中 小】</div>
<div class=WordSection1 style='layout-grid:15.6pt'>
{article}</div>
</td></tr>
<tr><td class="footer">主办单位：示范区人民政府办公室 版权所有 网站标识码：1234567890</td></tr>
</table>
<script>var _hmt = _hmt || [];</script>
</body>
</html>
"""


# -- a PDF-to-Markdown conversion -------------------------------------------------------------


def markdown(report: govinfo.Report) -> str:
    values = {c.spec.dotted: c.value for c in cells(report)}
    lines = [f"# {report.title or report.default_title}", ""]
    for text in report.preamble:
        lines += [text, ""]
    for attribute, heading, grid in _sections(report):
        lines += [f"## {heading}", ""]
        if grid is None:
            for part in getattr(report, attribute):
                if part.heading:
                    lines += [f"**{part.heading}**", ""]
                for text in part.paragraphs:
                    # A converter keeps the PDF's hard line breaks inside paragraphs.
                    lines += [text[i : i + 28] for i in range(0, len(text), 28)] + [""]
            continue
        width = len(grid.widths)
        rows: list[list[str]] = []
        for row in grid.rows:
            cells_here = [""] * width
            for cell in row:
                text = cell.text
                if cell.spec is not None:
                    text = format_value(values[cell.spec.dotted])  # type: ignore[arg-type]
                cells_here[cell.column] = text
            rows.append(cells_here)
        if grid.number == "三":
            # Two labels apart from their numbers, and a row that lost a cell.
            apart = [
                i
                for i, row in enumerate(rows)
                if any(text.startswith(("（一）予以公开", "2.重复申请")) for text in row[:3])
            ]
            for i in reversed(apart):
                label = rows[i][:]
                numbers = [""] * 3 + rows[i][3:]
                rows[i : i + 1] = [[*label[:3], *([""] * (width - 3))], numbers]
            lost = next(
                i for i, row in enumerate(rows) if row[2].startswith("3.要求提供公开出版物")
            )
            rows[lost] = [*rows[lost][:4], *rows[lost][5:]]
        header = [f"数据{i + 1}" for i in range(width)]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * width)
        for row in rows:
            lines.append("| " + " | ".join(row) + " |")
        lines.append("")
    if report.signature is not None:
        date = report.signature.date
        lines += [report.signature.organ, "", f"{date.year}年{date.month}月{date.day}日", ""]
    return "\n".join(lines)


def contradicting(report: govinfo.Report) -> govinfo.Report:
    """The report whose text says 172 applications were received (its table: 182)."""
    parts = list(report.overview)
    for index, part in enumerate(parts):
        if part.paragraphs and "全年共受理政府信息公开申请182件" in part.paragraphs[0]:
            first = part.paragraphs[0].replace(
                "全年共受理政府信息公开申请182件",
                "经认真统计，全年本机关通过网站、信函等渠道共受理政府信息公开申请172件",
            )
            parts[index] = attrs.evolve(part, paragraphs=(first, *part.paragraphs[1:]))
    return report.replace(overview=tuple(parts))


def main() -> int:
    report = govinfo.load(SOURCE)
    docx = render_bytes(report)
    page = word_html(report)
    made: dict[str, bytes] = {}
    made["pdf-docx.pdf"] = pdf_bytes(docx)
    made["pdf-docx-noborders.pdf"] = pdf_bytes(without_borders(docx))
    made["pdf-html.pdf"] = pdf_bytes(page.encode("gb18030"), ".html")
    boxed = word_html(report, boxed=True).encode("gb18030")
    made["pdf-boxed.pdf"] = pdf_bytes(boxed, ".html")
    made["pdf-scan.pdf"] = scanned(made["pdf-docx.pdf"])
    contradiction = contradicting(report)
    made["pdf-contradiction.json"] = govinfo.dumps(contradiction).encode("utf-8")
    made["pdf-contradiction.pdf"] = pdf_bytes(render_bytes(contradiction))
    made["pdf-cid.pdf"] = unmapped(made["pdf-docx.pdf"])
    made["text-layout.txt"] = pdftotext(made["pdf-docx.pdf"], "-layout")
    made["text-raw.txt"] = pdftotext(made["pdf-docx.pdf"], "-raw")
    made["word-export.html"] = page.encode("gb2312", errors="strict")
    made["markdown.md"] = markdown(report).encode("utf-8")
    made["word-97.doc"] = convert(docx, ".docx", "doc:MS Word 97", timeout=180)
    for name, data in made.items():
        (CORPUS / name).write_bytes(data)
        print(f"{name:28} {len(data):>8,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
