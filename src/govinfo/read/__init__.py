"""Reading published reports — PDF, Word, WPS, HTML, Markdown, text, Excel — into the model.

:func:`read` takes a file of any format in :data:`SUFFIXES` (text in UTF-8 with or without a
BOM, or GB18030) and returns a :class:`ReadResult`: the report, the edition its tables follow,
and a diagnostic for everything that could not be read or was read only by tolerating it.
A blank, “/”, “—”, “-” or “无” cell is read as blank (``None``), never as 0, so the checks
report the relations that need it as not assessable.
"""

from __future__ import annotations

import html
import operator
import os
import re
from collections.abc import Mapping, Sequence
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Final

from .. import limits
from .._io import read_limited
from ..errors import LimitExceeded
from ._assemble import Diagnostic, Given, ReadError, ReadResult, assemble
from ._blocks import Para, Table
from ._pdf import NoTextLayer, UnmappedText, pdf_blocks
from ._sources import SourceError, decode, docx_blocks, html_document, text_blocks
from ._xlsx import is_workbook, workbook_results

__all__ = [
    "SUFFIXES",
    "Diagnostic",
    "NoTextLayer",
    "ReadError",
    "ReadResult",
    "UnmappedText",
    "read",
    "read_all",
    "read_all_bytes",
    "read_bytes",
    "read_source",
    "sniff",
]

SUFFIXES: Final[Mapping[str, str]] = MappingProxyType(
    {
        ".docx": "docx",
        ".doc": "doc",
        ".wps": "doc",
        ".pdf": "pdf",
        ".md": "markdown",
        ".markdown": "markdown",
        ".html": "html",
        ".htm": "html",
        ".xhtml": "html",
        ".txt": "text",
        ".text": "text",
        ".xlsx": "xlsx",
        ".xlsm": "xlsx",
    }
)
"""The file name suffixes :func:`read` knows, and the format each names (what
:attr:`ReadResult.format` says). A file with another suffix is read as text."""


def sniff(name: str, data: bytes) -> str:
    """The format of a source: ``xlsx``, ``docx``, ``html`` or ``text`` — or ``json`` for a report
    file govinfo wrote (whatever its name), which is loaded rather than read."""
    suffix = Path(name).suffix.lower()
    if SUFFIXES.get(suffix) == "xlsx" or is_workbook(data):
        return "xlsx"
    if suffix == ".docx" or data[:2] == b"PK":
        return "docx"
    if data[:5] == b"%PDF-":
        return "pdf"
    if suffix == ".json" or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return "json"
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        return "pdf"
    if SUFFIXES.get(suffix) == "doc" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "doc"
    if SUFFIXES.get(suffix) == "html":
        return "html"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or _TABLE_TAG.search(data, 0, 65536):
        return "html"
    if SUFFIXES.get(suffix) == "markdown" or _PIPE_TABLE.search(data[:65536]):
        return "markdown"
    return "text"


_TABLE_TAG: Final = re.compile(rb"<table", re.IGNORECASE)
_PIPE_TABLE: Final = re.compile(rb"(?m)^\s*\|.*\|\s*\r?\n\s*\|?\s*:?-{3,}:?\s*\|")


_BLANK: Final = re.compile(rb"(?:\xef\xbb\xbf)?[\s\x00]*\Z")
_IMAGES: Final = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF8", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def _refuse_nothing_to_read(data: bytes, source: str) -> None:
    """An empty file, or an image (a scan or a photo of a page), is no report to read."""
    if _BLANK.match(data):
        raise ReadError(f"{source}: the file is empty")
    for magic, kind in _IMAGES:
        if data.startswith(magic):
            raise ReadError(
                f"{source}: a {kind} image, not a report: govinfo reads PDF with a text layer, "
                "Word, web pages, Markdown, Excel and text, and does no OCR"
            )


def read_bytes(
    data: bytes,
    *,
    source: str = "<data>",
    fmt: str | None = None,
    organ: str | None = None,
    year: int | None = None,
) -> ReadResult:
    """Read a report from the bytes of a source file (``fmt`` as :func:`sniff` names it).

    ``organ`` and ``year`` are for a text without its title (an article body kept without
    the page's heading): without them, the organ and the year are taken from the title kept
    outside the body — a web page's ``<title>``, a document's Title property — when there is
    one; each time a diagnostic says where they came from. A title printed in the text wins.
    """
    _refuse_nothing_to_read(data, source)
    kind = fmt or sniff(source, data)
    given = Given(organ, year) if organ is not None or year is not None else None
    if kind == "json":
        raise ReadError(
            f"{source}: a JSON report, not a published one: load it (govinfo.load), or give it "
            "to govinfo check, render or diff as it is"
        )
    if kind == "xlsx":
        results = read_all_bytes(data, source=source, fmt=kind)
        if len(results) > 1:
            names = "、".join(r.source.rsplit("!", 1)[-1] for r in results)
            raise ReadError(
                f"{source}: the workbook holds {len(results)} reports (sheets {names}); read "
                "them all with read_all (govinfo aggregate and check do)"
            )
        return results[0]
    try:
        if kind in ("docx", "doc"):
            if kind == "docx":
                blocks, properties = docx_blocks(data)
            else:  # converted to .docx by LibreOffice, then read as one
                from ._doc import doc_blocks

                suffix = Path(source).suffix.lower()
                old = suffix if suffix in (".doc", ".wps") else ".doc"
                blocks, properties = doc_blocks(data, old)
            check_blocks(blocks)
            return assemble(
                blocks,
                source=source,
                fmt=kind,
                encoding=None,
                properties=properties,
                given=given,
                hint=_hint(properties.get("dc:title"), "the document's Title property"),
            )
        if kind == "pdf":
            found, info, notes = pdf_blocks(data)
            check_blocks(found)
            return assemble(
                found,
                source=source,
                fmt=kind,
                encoding=None,
                notes=notes,
                given=given,
                hint=_hint(info.get("Title"), "the PDF's Title"),
            )
        limits.enforce("part_bytes", len(data))
        text, encoding = decode(data)
        if kind == "html":  # a page govinfo wrote carries the report's metadata too
            found, properties = html_document(text)
        else:
            limits.enforce("paragraphs", text.count("\n") + 1)  # lines, before they are split
            properties = {}
            if kind == "markdown":
                from ._markdown import markdown_blocks

                found = markdown_blocks(text)
            else:
                found = text_blocks(text)
        check_blocks(found, longest=len(text))
        hint = _hint(_page_title(text), "the page's <title>") if kind == "html" else None
        return assemble(
            found,
            source=source,
            fmt=kind,
            encoding=encoding,
            properties=properties,
            given=given,
            hint=hint,
        )
    except SourceError as exc:
        raise ReadError(f"{source}: {exc}") from None
    except ReadError as exc:
        raise type(exc)(f"{source}: {exc}") from None
    except LimitExceeded as exc:
        exc.where = f"{source}: {exc.where}" if exc.where else source
        raise


_TEXT: Final = operator.attrgetter("text")


def check_blocks(blocks: Sequence[Para | Table], longest: int | None = None) -> None:
    """Check what a reader found against the limits every source shares, before the report
    is assembled: the number of paragraphs and the length of each text (``paragraphs``,
    ``text_chars``), each exceeded with the place in the source. ``longest`` bounds every
    text's length when the reader knows it (the source's text: no part is longer)."""
    in_force = limits.current()
    limits.enforce("paragraphs", sum(isinstance(b, Para) for b in blocks), in_force.paragraphs)
    texts = longest is None or longest > in_force.text_chars
    cells = 0
    for block in blocks:
        if isinstance(block, Para):
            if texts:
                limits.enforce("text_chars", len(block.text), in_force.text_chars, block.where)
            continue
        limits.enforce("table_rows", len(block.rows), in_force.table_rows, block.where)
        cells += sum(len(row) for row in block.rows)
        limits.enforce("table_cells", cells, in_force.table_cells, block.where)
        if not texts:
            continue
        longest_cell = max(map(len, map(_TEXT, chain.from_iterable(block.rows))), default=0)
        if longest_cell <= in_force.text_chars:
            continue  # no cell too long: found without a step of Python for each cell
        for number, row in enumerate(block.rows):
            for cell in row:
                if len(cell.text) > in_force.text_chars:
                    where = block.row_place(number)
                    raise LimitExceeded("text_chars", len(cell.text), in_force.text_chars, where)


def read_all_bytes(
    data: bytes, *, source: str = "<data>", fmt: str | None = None
) -> list[ReadResult]:
    """Every report in the bytes of a source file: one for every format but an Excel
    workbook, which holds one report per sheet (``source!sheet`` names each when it holds
    several)."""
    _refuse_nothing_to_read(data, source)
    kind = fmt or sniff(source, data)
    if kind != "xlsx":
        return [read_bytes(data, source=source, fmt=kind)]
    try:
        return workbook_results(data, source=source)
    except ReadError as exc:
        raise ReadError(f"{source}: {exc}") from None


def read_all(path: str | os.PathLike[str]) -> list[ReadResult]:
    """Every report in the file at ``path`` (see :func:`read_all_bytes`)."""
    return read_all_bytes(read_source(path), source=str(path))


def read_source(path: str | os.PathLike[str]) -> bytes:
    """The bytes of the file at ``path``, within the ``source_bytes`` limit."""
    try:
        return read_limited(path, "source_bytes")
    except OSError as exc:
        raise ReadError(f"{path}: cannot read the file: {exc.strerror or exc}") from None
    except LimitExceeded:
        raise
    except ValueError as exc:  # a NUL character in the name
        raise ReadError(f"{path!r}: not a usable file name: {exc}") from None


def read(
    path: str | os.PathLike[str], *, organ: str | None = None, year: int | None = None
) -> ReadResult:
    """Read the published report at ``path`` (any format of :data:`SUFFIXES`; ``organ`` and
    ``year`` as for :func:`read_bytes`)."""
    return read_bytes(read_source(path), source=str(path), organ=organ, year=year)


_TITLE_ELEMENT: Final = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.IGNORECASE | re.DOTALL)


def _page_title(text: str) -> str | None:
    found = _TITLE_ELEMENT.search(text[:65536])
    return html.unescape(" ".join(found.group(1).split())) if found else None


def _hint(title: str | None, where: str) -> tuple[str, str] | None:
    return (title.strip(), where) if title and title.strip() else None
