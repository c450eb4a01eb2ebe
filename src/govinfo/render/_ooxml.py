"""Small builders for WordprocessingML, writing properties in schema order.

Word silently drops run and paragraph properties written out of the order of the schema
(LibreOffice tolerates them), so every property element here is emitted by one function that
knows the order. Text is escaped for XML; nothing here touches template syntax.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

__all__ = [
    "NS",
    "cell",
    "esc",
    "lines_run",
    "para",
    "ppr",
    "rpr",
    "run",
    "table",
]

W: Final = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS: Final = f'xmlns:w="{W}" xmlns:r="{R}"'

# Children of w:rPr and w:pPr in the order CT_RPr / CT_PPrBase require.
_RPR_ORDER: Final = (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "lang",
)  # fmt: skip
_PPR_ORDER: Final = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "kinsoku",
    "wordWrap", "overflowPunct", "autoSpaceDE", "autoSpaceDN", "snapToGrid", "spacing", "ind",
    "jc", "textAlignment", "outlineLvl", "rPr",
)  # fmt: skip


# What xml.sax.saxutils does, without the mail and web modules it imports on the way.
_TEXT: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE: Final = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def esc(text: str) -> str:
    """``text`` escaped for XML character data."""
    return text.translate(_TEXT)


def quoteattr(text: str) -> str:
    """``text`` as a double-quoted XML attribute value."""
    return '"' + text.translate(_ATTRIBUTE) + '"'


def _ordered(tag: str, order: Sequence[str], parts: dict[str, str]) -> str:
    unknown = set(parts) - set(order)
    if unknown:
        raise ValueError(f"{tag}: unsupported properties {sorted(unknown)}")
    inner = "".join(parts[name] for name in order if name in parts)
    return f"<w:{tag}>{inner}</w:{tag}>" if inner else ""


def fonts(east_asia: str, latin: str | None = None) -> str:
    """``w:rFonts`` with the East-Asian font named explicitly (and ``w:hint``)."""
    latin = latin or east_asia
    return (
        f"<w:rFonts w:ascii={quoteattr(latin)} w:hAnsi={quoteattr(latin)} "
        f'w:eastAsia={quoteattr(east_asia)} w:cs={quoteattr(latin)} w:hint="eastAsia"/>'
    )


def rpr(
    *,
    style: str | None = None,
    east_asia: str | None = None,
    latin: str | None = None,
    bold: bool = False,
    color: str | None = None,
    spacing: int | None = None,
    size_half_points: int | None = None,
    lang: bool = False,
) -> str:
    """A ``w:rPr`` element (empty string when nothing is set)."""
    parts: dict[str, str] = {}
    if style:
        parts["rStyle"] = f'<w:rStyle w:val="{style}"/>'
    if east_asia:
        parts["rFonts"] = fonts(east_asia, latin)
    if bold:
        parts["b"] = "<w:b/>"
        parts["bCs"] = "<w:bCs/>"
    if color:
        parts["color"] = f'<w:color w:val="{color}"/>'
    if spacing is not None:
        parts["spacing"] = f'<w:spacing w:val="{spacing}"/>'
    if size_half_points is not None:
        parts["sz"] = f'<w:sz w:val="{size_half_points}"/>'
        parts["szCs"] = f'<w:szCs w:val="{size_half_points}"/>'
    if lang:
        parts["lang"] = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    return _ordered("rPr", _RPR_ORDER, parts)


def ppr(
    *,
    style: str | None = None,
    keep_next: bool = False,
    page_break_before: bool = False,
    widow_control: bool | None = None,
    overflow_punct: bool | None = None,
    snap_to_grid: bool | None = None,
    line: int | None = None,
    line_rule: str = "exact",
    before: int | None = None,
    after: int | None = None,
    first_line: int | None = None,
    left: int | None = None,
    right: int | None = None,
    jc: str | None = None,
    outline: int | None = None,
    run_properties: str = "",
) -> str:
    """A ``w:pPr`` element (empty string when nothing is set)."""
    parts: dict[str, str] = {}
    if style:
        parts["pStyle"] = f'<w:pStyle w:val="{style}"/>'
    if keep_next:
        parts["keepNext"] = "<w:keepNext/>"
    if page_break_before:
        parts["pageBreakBefore"] = "<w:pageBreakBefore/>"
    if widow_control is not None:
        parts["widowControl"] = f'<w:widowControl w:val="{int(widow_control)}"/>'
    if overflow_punct is not None:
        parts["overflowPunct"] = f'<w:overflowPunct w:val="{int(overflow_punct)}"/>'
    if snap_to_grid is not None:
        parts["snapToGrid"] = f'<w:snapToGrid w:val="{int(snap_to_grid)}"/>'
    spacing = []
    if before is not None:
        spacing.append(f'w:before="{before}"')
    if after is not None:
        spacing.append(f'w:after="{after}"')
    if line is not None:
        spacing.append(f'w:line="{line}" w:lineRule="{line_rule}"')
    if spacing:
        parts["spacing"] = f"<w:spacing {' '.join(spacing)}/>"
    indent = []
    if left is not None:
        indent.append(f'w:left="{left}"')
    if right is not None:
        indent.append(f'w:right="{right}"')
    if first_line is not None:
        indent.append(f'w:firstLine="{first_line}"')
    if indent:
        parts["ind"] = f"<w:ind {' '.join(indent)}/>"
    if jc:
        parts["jc"] = f'<w:jc w:val="{jc}"/>'
    if outline is not None:
        parts["outlineLvl"] = f'<w:outlineLvl w:val="{outline}"/>'
    if run_properties:
        parts["rPr"] = run_properties
    return _ordered("pPr", _PPR_ORDER, parts)


def lines_run(lines: Sequence[str], properties: str = "") -> str:
    """A run of text lines separated by line breaks (``w:br``): a label broken by hand."""
    preserve = ' xml:space="preserve"'
    inner = "<w:br/>".join(
        f"<w:t{preserve if line != line.strip() else ''}>{esc(line)}</w:t>" for line in lines
    )
    return f"<w:r>{properties}{inner}</w:r>"


def run(text: str, properties: str = "", *, preserve: bool = True) -> str:
    """A run of literal text (``text`` is escaped; template tags pass through as text).

    ``preserve`` keeps leading and trailing spaces (``xml:space="preserve"``); it is needed
    wherever user text is printed, and is left out of number cells to keep documents small.
    """
    space = ' xml:space="preserve"' if preserve or text != text.strip() else ""
    return f"<w:r>{properties}<w:t{space}>{esc(text)}</w:t></w:r>"


def para(*runs: str, style: str | None = None, properties: str = "") -> str:
    """A paragraph with a style and optional extra ``w:pPr`` (which then includes the style)."""
    p = properties or ppr(style=style)
    return f"<w:p>{p}{''.join(runs)}</w:p>"


def cell(
    content: str,
    width: int,
    *,
    span: int = 1,
    vmerge: str | None = None,
    valign: str | None = None,
) -> str:
    """A table cell. ``vmerge`` is ``"restart"``, ``"continue"`` or ``None``; ``valign``
    overrides the vertical alignment of the table style."""
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        props += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        props += "<w:vMerge/>"
    if valign:
        props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>"


def table(grid: Sequence[int], rows: Iterable[str], *, style: str, header_rows: int = 0) -> str:
    """A fixed-layout table of the full type-area width; ``rows`` are ``w:tc`` sequences."""
    width = sum(grid)
    props = (
        f'<w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{width}" w:type="dxa"/>'
        '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
    )
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    body = []
    for index, cells in enumerate(rows):
        trpr = "<w:trPr><w:cantSplit/>"
        if index < header_rows:
            trpr += "<w:tblHeader/>"
        trpr += "</w:trPr>"
        body.append(f"<w:tr>{trpr}{cells}</w:tr>")
    return f"<w:tbl>{props}<w:tblGrid>{cols}</w:tblGrid>{''.join(body)}</w:tbl>"
