"""Reading rendered .docx files back, independently of the renderer, for the tests."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import docx
from lxml import etree

import govinfo
from govinfo.cells import layout

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
STRICT = etree.XMLParser(recover=False, resolve_entities=False)


def parts(path: Path | bytes) -> dict[str, bytes]:
    source: Any = path if isinstance(path, Path) else __import__("io").BytesIO(path)
    with zipfile.ZipFile(source) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def xml(path: Path, name: str) -> etree._Element:
    return etree.fromstring(parts(path)[name], STRICT)


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def table_signature(tbl: etree._Element) -> list[list[tuple[str, int, str | None]]]:
    """Each row as (text, gridSpan, vMerge) per cell."""
    rows = []
    for tr in tbl.iterfind(f"{W}tr"):
        cells = []
        for tc in tr.iterfind(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            span = props.find(f"{W}gridSpan") if props is not None else None
            merge = props.find(f"{W}vMerge") if props is not None else None
            vmerge = None
            if merge is not None:
                vmerge = merge.get(f"{W}val") or "continue"
            cells.append((text_of(tc), int(span.get(f"{W}val")) if span is not None else 1, vmerge))
        rows.append(cells)
    return rows


def read_numbers(path: Path, report: govinfo.Report) -> dict[str, str]:
    """Every number cell's text by attribute path, read with python-docx by grid position.

    Section 二: the data rows (those whose first cell is a row label of the format), each
    distinct cell after the label; section 三: body rows 4-28, grid columns 4-10; section 四:
    the fourth row. The order of the values is the format's reading order, which is the
    order of the model's cells.
    """
    document = docx.Document(str(path))
    specs = layout(report).specs
    row_labels = {spec.row[-1] for spec in specs if spec.table.number == "二"}
    values: list[str] = []
    proactive, requests, review = document.tables[:3]
    for row in proactive.rows:
        if row.cells[0].text in row_labels:
            seen = []
            for cell in row.cells[1:]:
                if all(cell._tc is not s._tc for s in seen):
                    seen.append(cell)
            values += [c.text for c in seen]
    for row in requests.rows[3:]:
        values += [c.text for c in row.cells[3:]]
    values += [c.text for c in review.rows[3].cells]
    assert len(values) == len(specs), (len(values), len(specs))
    return {spec.dotted: value for spec, value in zip(specs, values, strict=True)}


def paragraphs(path: Path) -> list[tuple[str, str | None]]:
    """Every body paragraph outside tables: (text, style id)."""
    body = xml(path, "word/document.xml").find(f"{W}body")
    assert body is not None
    result = []
    for p in body.iterfind(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        result.append((text_of(p), style.get(f"{W}val") if style is not None else None))
    return result


def read_numbers_after(path: Path, report: govinfo.Report, skip: int) -> dict[str, str]:
    """As :func:`read_numbers`, for a document with ``skip`` extra tables before the national
    ones (an office's own tables printed in section 一)."""
    document = docx.Document(str(path))
    document._body._body.remove(document.tables[0]._tbl)
    assert skip == 1
    fixed = path.with_name(path.stem + "-national.docx")
    document.save(str(fixed))
    return read_numbers(fixed, report)


def zipped(members: dict[str, bytes]) -> bytes:
    """A zip archive (a .docx) of ``members``, by name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def template_with(old: str, new: str) -> bytes:
    """The shipped template with ``old`` replaced by ``new`` in word/document.xml, as bytes."""
    from govinfo.render import default_template_bytes

    members = parts(default_template_bytes())
    document = members["word/document.xml"].decode("utf-8")
    assert old in document
    members["word/document.xml"] = document.replace(old, new, 1).encode("utf-8")
    return zipped(members)


PAGE_TITLE = "<h1>某某单位2023年政府信息公开工作年度报告</h1>"


def page(body: str) -> bytes:
    """A web page with a report's title and ``body``."""
    return f"<html><body>{PAGE_TITLE}{body}</body></html>".encode()
