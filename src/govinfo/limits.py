"""Limits on what govinfo reads, loads and renders: named, documented, in one place.

Every reader, the JSON loader and the renderer check their input against these limits before
doing work whose cost grows with it, so that a crafted or damaged file ends in a
:class:`~govinfo.errors.LimitExceeded` in bounded time and memory instead of taking the
machine. Each limit is generous for any real report (a real report is a few hundred KB, a
few hundred paragraphs and a few tables of at most a few hundred cells).

:data:`DEFAULT` holds the limits in force. A program may pass its own :class:`Limits` where an
API takes ``limits=``, or put them in force for a block of code with
``with govinfo.limits.using(Limits(...)):`` (for that thread or task only), which is what every
API without a ``limits=`` argument reads.
The table in ``docs/errors.md`` is generated from the fields below.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from typing import Any, Final

import attrs

from .errors import LimitExceeded

__all__ = ["DEFAULT", "Limits", "current", "enforce", "using"]

_KIB: Final = 1024
_MIB: Final = 1024 * 1024


def _limit(default: int | float, doc: str, says: str = "") -> Any:
    """A limit: its default, its documentation, and what an input over it is said to have
    (``says``, with ``{value}``), for the error message."""
    return attrs.field(default=default, metadata={"doc": doc, "says": says})


@attrs.frozen(kw_only=True)
class Limits:
    """Every limit, with its default. Sizes are in bytes, times in seconds."""

    count_digits: int = _limit(
        15,
        "Digits a count (件) may have: counts are below 10^15, as amounts have at most 15 "
        "digits before the decimal point. Enforced when loading JSON, when reading a "
        "published report, and when a count is set in Python.",
        "a count of {value} digits",
    )
    units_list_bytes: int = _limit(
        16 * 1024 * 1024,
        "Size of a units list (a CSV file of organs, ``--units``): a list of a hundred "
        "thousand organs is a few MB.",
        "a units list of {value} bytes",
    )
    json_bytes: int = _limit(
        32 * _MIB,
        "Size of a JSON report, checked before it is parsed.",
        "a JSON report of {value} bytes",
    )
    pdf_pages: int = _limit(
        500,
        "Pages of a PDF read as a published report (a report is a few pages; the whole "
        "yearbook of a large office a few hundred), checked before any page is read.",
        "a PDF of {value} pages",
    )
    pdf_characters: int = _limit(
        2_000_000,
        "Characters in a PDF's text layer (a six-page report has a few thousand), counted "
        "page by page as they are read.",
        "a PDF of at least {value} characters",
    )
    conversion_seconds: float = _limit(
        120,
        "Time LibreOffice may take to convert an old Word (.doc) or WPS (.wps) file to .docx "
        "for reading (a report converts in a few seconds).",
        "a conversion of more than {value} seconds",
    )
    source_bytes: int = _limit(
        100 * _MIB,
        "Size of a file read as a published report (Word, HTML, text) or as a Word template, "
        "checked before it is read into memory.",
        "a file of {value} bytes",
    )
    name_chars: int = _limit(
        500,
        "Characters of a name: the organ (发布机关), the title, the signature's organ. Enforced "
        "when loading JSON and when a report is made in Python (and so when one is read).",
        "{value} characters",
    )
    text_chars: int = _limit(
        100_000,
        "Characters of any other text: a paragraph, a heading, a cell of an office's own table. "
        "Enforced when loading JSON and when a report is made in Python (and so when one is "
        "read).",
        "{value} characters",
    )
    paragraphs: int = _limit(
        50_000,
        "Paragraphs of a JSON report (its preamble's, and those of its text sections' parts, "
        "counting each part once more for its heading), and paragraphs or lines of a "
        "published source.",
        "{value} paragraphs",
    )
    table_cells: int = _limit(
        100_000,
        "Cells of the office's own tables of a JSON report (each row's label and values), and "
        "grid cells of all the tables of a published source together, spans resolved.",
        "{value} cells",
    )
    reviewed_list_bytes: int = _limit(
        16 * _MIB,
        "Size of a reviewed list (a CSV file of reviewers' decisions on findings, govinfo audit "
        "--reviewed): a hundred thousand decisions with notes are a few MB.",
        "a reviewed list of {value} bytes",
    )
    xlsx_parts: int = _limit(
        10_000,
        "Parts (files) in an Excel workbook's package: a workbook of a thousand units' sheets "
        "has a few thousand.",
        "a workbook of {value} parts",
    )
    xlsx_part_bytes: int = _limit(
        64 * _MIB,
        "Unpacked size of one part of an Excel workbook (a sheet, the shared strings, the "
        "styles), checked before the part is unpacked: a report's sheet is a few hundred KB.",
        "a part of {value} bytes unpacked",
    )
    xlsx_unpacked_bytes: int = _limit(
        256 * _MIB,
        "Unpacked size of all the parts of an Excel workbook together.",
        "a workbook of {value} bytes unpacked",
    )
    xlsx_rows: int = _limit(
        100_000,
        "Rows of one sheet of an Excel workbook (counted in the sheet's part before it is "
        "loaded): a report's sheet has about sixty.",
        "a sheet of {value} rows",
    )
    xlsx_columns: int = _limit(
        1_000,
        "The last column used in a sheet of an Excel workbook: a report's sheet uses 18.",
        "a sheet of {value} columns",
    )
    xlsx_cells: int = _limit(
        2_000_000,
        "Cells of an Excel workbook, all sheets together (and the positions merged areas "
        "cover): a report's sheet has about a thousand, so a workbook of a thousand units' "
        "sheets fits; memory grows with it.",
        "a workbook of {value} cells",
    )
    table_rows: int = _limit(10_000, "Rows of one table of a published source.", "{value} rows")
    span: int = _limit(
        1_000,
        "Columns one cell of a published table spans (HTML ``colspan``, Word ``gridSpan``). A "
        "row span is cut at the end of its table, as browsers do.",
        "a cell spanning {value} columns",
    )
    nesting_depth: int = _limit(
        1_000,
        "Depth of the elements of an HTML page (a table in a table in a div …). Below the "
        "depth at which the HTML parser flattens what is deeper without saying so.",
        "elements nested {value} deep",
    )
    part_bytes: int = _limit(
        32 * _MIB,
        "One part of a Word package (``word/document.xml`` …), uncompressed — as its directory "
        "declares it and as decompressed — and an HTML page or text file: what is parsed at "
        "once.",
        "{value} bytes",
    )
    markup_tags: int = _limit(
        1_000_000,
        "Tags of an HTML page or of one XML part of a Word package (document or template), "
        "counted before it is parsed: what its parsed tree costs grows with them.",
        "{value} tags",
    )
    package_bytes: int = _limit(
        256 * _MIB,
        "All the parts of a Word package together, uncompressed, as its directory declares "
        "them and as read.",
        "a package of {value} bytes uncompressed",
    )
    package_parts: int = _limit(
        2_000, "Parts (files) in a Word package.", "a package of {value} parts"
    )
    template_seconds: float = _limit(
        5,
        "Time a Word template may take to render one report (the shipped one takes a "
        "hundredth of a second for a real report, under a second for one of 50,000 "
        "paragraphs): every loop iteration, call, filter and piece of output is counted.",
        "a template running for {value} s",
    )
    template_output_chars: int = _limit(
        64 * 1024 * 1024,
        "Characters a Word template may write into one part of a document, and the longest "
        "value it may make (a list or mapping: a sixteenth as many items). An operation whose "
        "result would be longer is refused before it runs.",
        "{value} characters",
    )


DEFAULT: Final = Limits()
"""The limits in force unless a caller sets others with :func:`using`."""

_CURRENT: Final[contextvars.ContextVar[Limits]] = contextvars.ContextVar(
    "govinfo_limits", default=DEFAULT
)


def current() -> Limits:
    """The limits in force here (:data:`DEFAULT` unless :func:`using` set others)."""
    return _CURRENT.get()


@contextlib.contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Put ``limits`` in force for the block (in this thread or task only)."""
    token = _CURRENT.set(limits)
    try:
        yield limits
    finally:
        _CURRENT.reset(token)


def enforce(
    name: str, value: int | float, maximum: int | float | None = None, where: str = ""
) -> None:
    """Raise :class:`LimitExceeded` when ``value`` is above ``maximum`` — by default the
    limit ``name`` in force (:func:`current`)."""
    if maximum is None:
        maximum = getattr(_CURRENT.get(), name)
    if value > maximum:
        raise LimitExceeded(name, value, maximum, where)
