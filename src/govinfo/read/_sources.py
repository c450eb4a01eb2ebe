"""The three source formats as paragraphs and tables: plain text, HTML and Word."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Final

from lxml import etree
from lxml import html as lxml_html

from ._blocks import Cell, Para, Table

__all__ = ["SourceError", "decode", "docx_blocks", "docx_table", "html_blocks", "text_blocks"]

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER: Final = etree.XMLParser(recover=False, resolve_entities=False, no_network=True)


class SourceError(Exception):
    """A file this reader cannot open at all (not text in a known encoding, not a .docx)."""


def decode(data: bytes) -> tuple[str, str]:
    """The text of ``data`` and its encoding: UTF-8 (with or without a BOM), else GB18030."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise SourceError(f"starts as UTF-8 but is not: byte {exc.start + 3}") from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"neither UTF-8 nor GB18030 text (byte {exc.start} cannot be decoded)"
        ) from None


# -- text -------------------------------------------------------------------------------------


def text_blocks(text: str) -> list[Para | Table]:
    """Lines as paragraphs; consecutive lines with tabs as a table (cells split at tabs)."""
    blocks: list[Para | Table] = []
    rows: list[tuple[Cell, ...]] = []
    places: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "\t" in line:
            rows.append(tuple(Cell(cell) for cell in line.split("\t")))
            places.append(f"line {number}")
            continue
        if rows:
            blocks.append(Table(tuple(rows), places[0], False, lines=tuple(places)))
            rows, places = [], []
        blocks.append(Para(line, f"line {number}"))
    if rows:
        blocks.append(Table(tuple(rows), places[0], False, lines=tuple(places)))
    return blocks


# -- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS: Final = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article"),
        *("header", "footer", "main", "center", "blockquote", "ul", "ol", "dl", "dt", "dd"),
        *("pre", "form", "nav", "aside", "body", "html", "tr", "td", "th"),
        *("tbody", "thead", "tfoot"),
    }
)
_SKIP_TAGS: Final = frozenset({"script", "style", "head", "title", "noscript", "template"})


def _text_with_breaks(element: etree._Element) -> list[str]:
    """The text of an element, split at ``<br>``."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str) or child.tag in _SKIP_TAGS:
            parts.append(child.tail or "")
            continue
        if child.tag == "br":
            parts.append("\n")
        else:
            parts.append("\n".join(_text_with_breaks(child)))
        parts.append(child.tail or "")
    return "".join(parts).split("\n")


def _html_table(element: etree._Element, number: int) -> Table:
    grid: dict[tuple[int, int], Cell] = {}
    rows = [tr for tr in element.iter("tr") if _nearest_table(tr) is element]
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            text = " ".join(line.strip() for line in _text_with_breaks(td) if line.strip())
            span_c = _span(td.get("colspan"))
            span_r = _span(td.get("rowspan"))
            for dr in range(span_r):
                for dc in range(span_c):
                    grid[r + dr, c + dc] = Cell(text, origin=(dr, dc) == (0, 0))
            c += span_c
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    cells = tuple(
        tuple(grid.get((r, c), Cell("", origin=False)) for c in range(width)) for r in range(height)
    )
    return Table(cells, f"table {number}", True)


def _nearest_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def html_blocks(text: str) -> list[Para | Table]:
    """Block elements as paragraphs (split at ``<br>``), tables as grids."""
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not HTML: {exc}") from None
    blocks: list[Para | Table] = []
    tables = 0

    def walk(element: etree._Element) -> None:
        nonlocal tables
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS:
            return
        if element.tag == "table":
            tables += 1
            blocks.append(_html_table(element, tables))
            return
        has_blocks = any(
            isinstance(child.tag, str) and (child.tag in _BLOCK_TAGS or child.tag == "table")
            for child in element.iter()
            if child is not element
        )
        if not has_blocks:
            for line in _text_with_breaks(element):
                blocks.append(Para(line, f"<{element.tag}> {len(blocks) + 1}"))
            return
        if element.text and element.text.strip():
            blocks.append(Para(element.text, f"<{element.tag}> {len(blocks) + 1}"))
        for child in element:
            walk(child)
            if child.tail and child.tail.strip():
                blocks.append(Para(child.tail, f"<{element.tag}> {len(blocks) + 1}"))

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


# -- Word -------------------------------------------------------------------------------------


def _style(element: etree._Element, path: str) -> str | None:
    found = element.find(path)
    return found.get(f"{W}val") if found is not None else None


def _docx_para(p: etree._Element, number: int) -> Para:
    lead: list[str] = []
    lead_kai = False
    text: list[str] = []
    for r in p.iter(f"{W}r"):
        piece = "".join(
            (t.text or "") if t.tag == f"{W}t" else "\t" for t in r if t.tag in (f"{W}t", f"{W}tab")
        )
        style = _style(r, f"{W}rPr/{W}rStyle")
        if style in ("GovLead", "GovLeadPlain") and not text:
            lead.append(piece)
            lead_kai = lead_kai or style == "GovLead"
        else:
            text.append(piece)
    return Para(
        "".join(text),
        f"paragraph {number}",
        style=_style(p, f"{W}pPr/{W}pStyle"),
        lead="".join(lead),
        lead_kai=lead_kai,
    )


def docx_table(tbl: etree._Element, number: int) -> Table:
    grid: dict[tuple[int, int], Cell] = {}
    restarts: dict[int, str] = {}  # grid column -> text of the vertically merged cell above
    rows = tbl.findall(f"{W}tr")
    for r, tr in enumerate(rows):
        c = 0
        for child in tr:
            if child.tag == f"{W}trPr":
                before = child.find(f"{W}gridBefore")
                if before is not None:
                    c += _span(before.get(f"{W}val"))
                continue
            if child.tag != f"{W}tc":
                continue
            span = _span(_style(child, f"{W}tcPr/{W}gridSpan"))
            merge = child.find(f"{W}tcPr/{W}vMerge")
            text = "\n".join(
                "".join(t.text or "" for t in p.iter(f"{W}t")) for p in child.iter(f"{W}p")
            ).strip()
            if merge is not None and merge.get(f"{W}val") != "restart":
                shown = restarts.get(c, "")
                for dc in range(span):
                    grid[r, c + dc] = Cell(shown, origin=False)
            else:
                if merge is not None:
                    restarts[c] = text
                else:
                    restarts.pop(c, None)
                for dc in range(span):
                    grid[r, c + dc] = Cell(text, origin=dc == 0)
            c += span
    height = len(rows)
    width = max((c for _, c in grid), default=-1) + 1
    cells = tuple(
        tuple(grid.get((r, c), Cell("", origin=False)) for c in range(width)) for r in range(height)
    )
    extra = _style(tbl, f"{W}tblPr/{W}tblStyle") == "GovExtraTable"
    return Table(cells, f"table {number}", True, extra=extra)


def _docx_body(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _docx_body(content)
        else:
            yield child


def docx_blocks(data: bytes) -> tuple[list[Para | Table], dict[str, str]]:
    """The body's paragraphs and tables, and the custom document properties."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" not in names:
                raise SourceError("not a Word document: no word/document.xml")
            document = etree.fromstring(archive.read("word/document.xml"), _PARSER)
            custom = (
                etree.fromstring(archive.read("docProps/custom.xml"), _PARSER)
                if "docProps/custom.xml" in names
                else None
            )
    except zipfile.BadZipFile:
        raise SourceError("not a Word document (.docx): not a zip archive") from None
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"the Word document is damaged: {exc}") from None
    properties: dict[str, str] = {}
    if custom is not None:
        for prop in custom:
            name = prop.get("name")
            if name:
                properties[name] = "".join(str(t) for t in prop.itertext())
    body = document.find(f"{W}body")
    if body is None:
        raise SourceError("the Word document has no body")
    blocks: list[Para | Table] = []
    paragraphs = tables = 0
    for element in _docx_body(body):
        if element.tag == f"{W}p":
            paragraphs += 1
            blocks.append(_docx_para(element, paragraphs))
        elif element.tag == f"{W}tbl":
            tables += 1
            blocks.append(docx_table(element, tables))
    return blocks, properties
