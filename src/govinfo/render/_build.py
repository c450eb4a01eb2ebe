"""Builds the shipped Word template from the model.

Every part of the package is written here explicitly (nothing comes from python-docx's
default document): the GB/T 9704-2012 page, the styles with their East-Asian fonts, odd and
even page-number footers, a header that marks drafts, and the three national tables drawn as
static tables with exactly the official merged cells and one placeholder per number cell. The
tables are drawn from their grids (:mod:`govinfo.grid`, the layout every output shares); the
section headings come from the model. ``tools/build_template.py`` writes the
result to ``src/govinfo/render/templates/``; a test fails when the committed file is stale.
"""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Mapping, Sequence
from typing import Any, Final

from ..cells import CellSpec, format_value
from ..grid import LABEL_PADDING, PADDING, TABLE_SIZES, Grid, Role, grids
from ..model import Edition, Report, blank_report, sections, update
from ..model.report import LAYOUTS
from ._ooxml import NS, cell, esc, lines_run, para, ppr, rpr, run, table
from ._pages import LINE, Pagination, paginate

__all__ = [
    "PAGE",
    "STYLE",
    "build_parts",
    "build_template",
    "layouts",
    "sample_report",
    "zip_parts",
]

# -- the page (GB/T 9704-2012) ----------------------------------------------------------------

PAGE: Final = {
    "width": 11906,  # A4, twips
    "height": 16838,
    "top": 2098,  # 37 mm
    "bottom": 1984,  # 35 mm
    "left": 1587,  # 28 mm
    "right": 1474,  # 26 mm
    "header": 851,  # 15 mm
    "footer": 1417,  # 25 mm: the page number about 7 mm below the type area
    "line_pitch": 579,  # 22 lines of 三号 in the 225 mm type area
}
TYPE_WIDTH: Final = PAGE["width"] - PAGE["left"] - PAGE["right"]  # 8845 twips = 156 mm
INDENT: Final = 630  # two characters of 16 pt at -0.25 pt spacing
CHAR_SPACING: Final = -5  # -0.25 pt: 28 characters per line

FANG: Final = "仿宋_GB2312"
KAI: Final = "楷体_GB2312"
HEI: Final = "黑体"
XBS: Final = "方正小标宋简体"
SONG: Final = "宋体"
LATIN: Final = "Times New Roman"

# Windows ships 仿宋/楷体 under these names rather than the _GB2312 ones.
_ALT_NAMES: Final = {
    FANG: "仿宋",
    KAI: "楷体",
    XBS: "方正小标宋_GBK",
    HEI: "SimHei",
    SONG: "SimSun",
}

STYLE: Final = {
    "body": "Normal",
    "title": "GovTitle",
    "heading1": "GovHeading1",
    "heading2": "GovHeading2",
    "heading3": "GovHeading3",
    "signature": "GovSignature",
    "cell": "GovCell",
    "cell_label": "GovCellLabel",
    "cell_large": "GovCellLarge",
    "cell_label_large": "GovCellLabelLarge",
    "footer": "GovFooter",
    "header": "GovDraftMark",
    "lead": "GovLead",
    "lead_plain": "GovLeadPlain",
    "new_part": "GovNewPart",
    "table": "GovTable",
    "extra_table": "GovExtraTable",
}

DRAFT_MARK: Final = "草稿　数据未通过核对，不得作为正式文件发布"

# -- styles -----------------------------------------------------------------------------------


def _style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = None,
    body: str = "",
    default: bool = False,
) -> str:
    attrs = f'w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return f'<w:style {attrs}><w:name w:val="{esc(name)}"/>{based}<w:qFormat/>{body}</w:style>'


def _styles() -> str:
    s = STYLE
    body_rpr = rpr(east_asia=FANG, latin=LATIN, spacing=CHAR_SPACING, size_half_points=32)
    small, large = TABLE_SIZES["三"], TABLE_SIZES["二"]
    cell_ppr = ppr(
        snap_to_grid=False, line=LINE[small], before=0, after=0, first_line=0, jc="center"
    )
    # Labels set flush left keep 1 mm from the rule; numbers and centred headers 0.5 mm.
    label_indent = LABEL_PADDING - PADDING
    styles = [
        _style(
            "paragraph",
            s["body"],
            "Normal",
            default=True,
            body=ppr(
                widow_control=False,
                # Line-end punctuation: LibreOffice lets a 、，。 that falls after the 28th
                # character hang into the right margin (its default), and in a justified line
                # drops a hanging 、 or ， from the page altogether. Its importer reads
                # overflowPunct inverted (on → no hanging); Word and WPS read "on" as their
                # own default (hanging allowed, the mark drawn). Either way no character is
                # lost; see docs/word.md.
                overflow_punct=True,
                snap_to_grid=False,
                line=PAGE["line_pitch"],
                before=0,
                after=0,
                first_line=INDENT,
                jc="both",
            )
            + body_rpr,
        ),
        _style(
            "paragraph",
            s["title"],
            "公文标题",
            based_on=s["body"],
            body=ppr(keep_next=True, first_line=0, jc="center")
            + rpr(east_asia=XBS, latin=XBS, spacing=0, size_half_points=44),
        ),
        _style(
            "paragraph",
            s["heading1"],
            "一级标题（一、）",
            based_on=s["body"],
            body=ppr(keep_next=True, outline=0) + rpr(east_asia=HEI, latin=HEI),
        ),
        _style(
            "paragraph",
            s["heading2"],
            "二级标题（（一））",
            based_on=s["body"],
            body=ppr(keep_next=True, outline=1) + rpr(east_asia=KAI, latin=KAI),
        ),
        _style(
            "paragraph",
            s["heading3"],
            "三级标题（1.）",
            based_on=s["body"],
            body=ppr(keep_next=True, outline=2),
        ),
        # The first paragraph of a part without a heading: printed as any paragraph; the style
        # keeps where the part begins, so a document reads back into the same parts.
        _style("paragraph", s["new_part"], "正文（另起一部分）", based_on=s["body"]),
        _style(
            "paragraph",
            s["signature"],
            "落款",
            based_on=s["body"],
            body=ppr(first_line=0, right=INDENT, jc="right"),
        ),
        _style(
            "paragraph",
            s["cell"],
            "表格文字",
            based_on=s["body"],
            body=cell_ppr
            + rpr(east_asia=SONG, latin=LATIN, spacing=0, size_half_points=round(small * 2)),
        ),
        _style(
            "paragraph",
            s["cell_label"],
            "表格标签",
            based_on=s["cell"],
            body=ppr(left=label_indent, right=label_indent, jc="left"),
        ),
        _style(
            "paragraph",
            s["cell_large"],
            "表格文字（小四）",
            based_on=s["cell"],
            body=ppr(line=LINE[large]) + rpr(size_half_points=round(large * 2)),
        ),
        _style(
            "paragraph",
            s["cell_label_large"],
            "表格标签（小四）",
            based_on=s["cell_large"],
            body=ppr(left=label_indent, right=label_indent, jc="left"),
        ),
        _style(
            "paragraph",
            s["footer"],
            "页码",
            based_on=s["body"],
            body=ppr(snap_to_grid=False, line=240, line_rule="auto", first_line=0)
            + rpr(east_asia=SONG, latin=SONG, spacing=0, size_half_points=28),
        ),
        _style(
            "paragraph",
            s["header"],
            "草稿标记",
            based_on=s["body"],
            body=ppr(line=240, line_rule="auto", first_line=0, jc="center")
            + rpr(east_asia=HEI, latin=HEI, color="C00000", spacing=0, size_half_points=28),
        ),
        _style("character", s["lead"], "楷体引导语", body=rpr(east_asia=KAI, latin=KAI)),
        # A run-in heading in the body's own font: it looks like the text, and the document
        # still records where the heading ends.
        _style("character", s["lead_plain"], "仿宋引导语"),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        f'<w:style w:type="table" w:styleId="{s["table"]}"><w:name w:val="公文表格"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        + "".join(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        f'<w:left w:w="{PADDING}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        f'<w:right w:w="{PADDING}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        # Every cell vertically centred, set once here rather than in each of 500 cells.
        '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>',
        f'<w:style w:type="table" w:styleId="{s["extra_table"]}"><w:name w:val="自定义表格"/>'
        f'<w:basedOn w:val="{s["table"]}"/></w:style>',
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault>"
        + rpr(east_asia=FANG, latin=LATIN, size_half_points=32, lang=True)
        + "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    )
    return _xml(f"<w:styles {NS}>{defaults}{''.join(styles)}</w:styles>")


def _xml(body: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body


# -- tables -----------------------------------------------------------------------------------


def _placeholder(spec: CellSpec) -> str:
    return "{{ " + spec.dotted + " }}"


def _label(
    text: str,
    width: int,
    style: str,
    *,
    span: int = 1,
    vmerge: str | None = None,
    keep_next: bool = False,
    lines: Sequence[str] = (),
) -> str:
    properties = ppr(style=style, keep_next=True) if keep_next else ""
    if len(lines) > 1:
        content = para(lines_run(lines), style=style, properties=properties)
    elif text:
        content = para(run(text, preserve=False), style=style, properties=properties)
    else:
        content = para(style=style, properties=properties)
    return cell(content, width, span=span, vmerge=vmerge)


# Labels are set flush left, column headers and numbers centred; 表二 in 小四, the others in 五号.
_LEFT: Final = frozenset({Role.CORNER, Role.ROW, Role.CAPTION})


def _grid_table(grid: Grid, pages: Pagination) -> str:
    """A national table drawn from its grid: a ``w:tc`` for every position of every row
    (``vMerge`` continues a cell from above), one placeholder per number cell, labels broken
    where the grid breaks them; rows kept together and group labels repeated where the table
    meets a new page (:mod:`._pages`)."""
    large = grid.number == "二"
    centred = STYLE["cell_large"] if large else STYLE["cell"]
    left = STYLE["cell_label_large"] if large else STYLE["cell_label"]
    widths = grid.scaled(TYPE_WIDTH)
    rows = []
    for index, row in enumerate(grid.split(pages.breaks).covering()):
        keep = index in pages.keep
        cells = []
        for item, begins in row:
            style = left if item.role in _LEFT else centred
            properties = ppr(style=style, keep_next=True) if keep else ""
            width = grid.width(item, widths)
            span = item.column_span
            if not begins:
                content = para(style=style, properties=properties)
                cells.append(cell(content, width, span=span, vmerge="continue"))
            elif item.role is Role.VALUE:
                assert item.spec is not None
                number = run(_placeholder(item.spec), preserve=False)
                cells.append(
                    cell(para(number, style=style, properties=properties), width, span=span)
                )
            else:
                vmerge = "restart" if item.row_span > 1 else None
                cells.append(
                    _label(
                        item.text,
                        width,
                        style,
                        span=span,
                        vmerge=vmerge,
                        keep_next=keep,
                        lines=item.lines,
                    )
                )
        rows.append("".join(cells))
    return table(widths, rows, style=STYLE["table"], header_rows=grid.header_rows)


# -- the document -----------------------------------------------------------------------------


def _tag(text: str) -> str:
    """A paragraph holding only a ``{%p … %}`` tag (docxtpl removes the paragraph)."""
    return para(run(text))


def _text_runs(runs: str) -> str:
    """The runs of a paragraph with emphasis: a bold run for each emphasised piece, a plain
    one for the others (``{%r %}`` tags leave no run of their own)."""
    return "".join(
        [
            run(f"{{%r for r in {runs} %}}"),
            run("{%r if r.strong %}"),
            run("{{ r.text }}", rpr(bold=True)),
            run("{%r else %}"),
            run("{{ r.text }}"),
            run("{%r endif %}"),
            run("{%r endfor %}"),
        ]
    )


def _text_section(name: str) -> str:
    s = STYLE
    return "".join(
        [
            _tag(f"{{%p for b in {name} %}}"),
            _tag("{%p if b.heading and b.kai %}"),
            para(run("{{ b.text }}"), style=s["heading2"]),
            _tag("{%p elif b.heading %}"),
            para(run("{{ b.text }}"), style=s["heading3"]),
            _tag("{%p elif b.new_part %}"),
            para(_text_runs("b.runs"), style=s["new_part"]),
            _tag("{%p else %}"),
            para(
                run("{{ b.lead }}", rpr(style=s["lead"])),
                run("{{ b.lead_plain }}", rpr(style=s["lead_plain"])),
                _text_runs("b.runs"),
            ),
            _tag("{%p endif %}"),
            _tag("{%p endfor %}"),
            # The section's extra tables (an office's own), or nothing.
            _tag(f"{{{{p extra_tables.{name} }}}}"),
        ]
    )


def _document(report: Report) -> str:
    s = STYLE
    tables = {grid.attribute: grid for grid in grids(report)}
    body = [
        _tag("{%p for line in title_lines %}"),
        para(run("{{ line }}"), style=s["title"]),
        _tag("{%p endfor %}"),
        para(),  # one blank line under the title
        _tag("{%p for text in preamble %}"),
        para(_text_runs("text.runs")),
        _tag("{%p endfor %}"),
    ]
    for section in sections(type(report)):
        grid = tables.get(section.attribute)
        pages = paginate(grid) if grid is not None else None
        heading = run(section.heading, preserve=False)
        if pages is not None and pages.new_page:  # a table taller than a page: see _pages
            body.append(para(heading, properties=ppr(style=s["heading1"], page_break_before=True)))
        else:
            body.append(para(heading, style=s["heading1"]))
        if grid is None or pages is None:
            body.append(_text_section(section.attribute))
            continue
        body.append(_grid_table(grid, pages))
    body += [
        _tag("{%p if signature %}"),
        para(),  # one blank line above the signature
        para(run("{{ signature.organ }}"), style=s["signature"]),
        para(run("{{ signature.date }}"), style=s["signature"]),
        _tag("{%p endif %}"),
    ]
    p = PAGE
    section_properties = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rId4"/>'
        '<w:headerReference w:type="even" r:id="rId5"/>'
        '<w:footerReference w:type="default" r:id="rId6"/>'
        '<w:footerReference w:type="even" r:id="rId7"/>'
        f'<w:pgSz w:w="{p["width"]}" w:h="{p["height"]}"/>'
        f'<w:pgMar w:top="{p["top"]}" w:right="{p["right"]}" w:bottom="{p["bottom"]}" '
        f'w:left="{p["left"]}" w:header="{p["header"]}" w:footer="{p["footer"]}" w:gutter="0"/>'
        '<w:cols w:space="425"/>'
        f'<w:docGrid w:type="lines" w:linePitch="{p["line_pitch"]}"/></w:sectPr>'
    )
    return _xml(
        f"<w:document {NS}><w:body>{''.join(body)}{section_properties}</w:body></w:document>"
    )


def _footer(odd: bool) -> str:
    # — N —: em dashes written as text around a PAGE field; odd pages right, even pages left,
    # each with one character (四号, 280 twips) of space.
    properties = (
        ppr(style=STYLE["footer"], right=280, jc="right")
        if odd
        else ppr(style=STYLE["footer"], left=280, jc="left")
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>1</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    content = f"<w:p>{properties}{run('— ')}{field}{run(' —')}</w:p>"
    return _xml(f"<w:ftr {NS}>{content}</w:ftr>")


def _header() -> str:
    content = (
        _tag("{%p if draft %}")
        + para(run(DRAFT_MARK), style=STYLE["header"])
        + _tag("{%p endif %}")
        + para(properties=ppr(style=STYLE["footer"], jc="center"))
    )
    return _xml(f"<w:hdr {NS}>{content}</w:hdr>")


def _settings() -> str:
    return _xml(
        f"<w:settings {NS}>"
        '<w:zoom w:percent="100"/><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" '
        'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
        "</w:settings>"
    )


def _font_table() -> str:
    fonts = []
    for name in (FANG, KAI, HEI, XBS, SONG):
        fonts.append(
            f'<w:font w:name="{name}"><w:altName w:val="{_ALT_NAMES[name]}"/>'
            '<w:charset w:val="86"/><w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
        )
    fonts.append(
        f'<w:font w:name="{LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font>'
    )
    return _xml(f"<w:fonts {NS}>{''.join(fonts)}</w:fonts>")


_CT: Final = "application/vnd.openxmlformats-officedocument.wordprocessingml"
_REL: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _content_types() -> str:
    overrides = {
        "/word/document.xml": f"{_CT}.document.main+xml",
        "/word/styles.xml": f"{_CT}.styles+xml",
        "/word/settings.xml": f"{_CT}.settings+xml",
        "/word/fontTable.xml": f"{_CT}.fontTable+xml",
        "/word/header1.xml": f"{_CT}.header+xml",
        "/word/header2.xml": f"{_CT}.header+xml",
        "/word/footer1.xml": f"{_CT}.footer+xml",
        "/word/footer2.xml": f"{_CT}.footer+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "/docProps/app.xml": (
            "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        ),
        "/docProps/custom.xml": (
            "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        ),
    }
    return _xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
        + "</Types>"
    )


def _relationships(items: Sequence[tuple[str, str]]) -> str:
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(items, start=1)
    )
    return _xml(
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f"{rels}</Relationships>"
    )


def extra_tables_xml(tables: Sequence[Any]) -> str:
    """WordprocessingML for an office's own tables: a sub-heading and a table each."""
    out = []
    for extra in tables:
        count = len(extra.columns)
        label_width = TYPE_WIDTH * 3 // 10 if count > 1 else TYPE_WIDTH
        step = (TYPE_WIDTH - label_width) // max(count - 1, 1)
        grid = [label_width] + [step] * (count - 1)
        grid[-1] += TYPE_WIDTH - sum(grid)
        head, label = STYLE["cell_large"], STYLE["cell_label_large"]
        rows = ["".join(_label(c, w, head) for c, w in zip(extra.columns, grid, strict=True))]
        for row in extra.rows:
            cells = [_label(row.label, grid[0], label)]
            cells += [
                cell(para(run(format_value(v), preserve=True), style=head), w)
                for v, w in zip(row.values, grid[1:], strict=True)
            ]
            rows.append("".join(cells))
        out.append(para(run(extra.title), style=STYLE["heading2"]))
        out.append(table(grid, rows, style=STYLE["extra_table"]))
    if out:
        out.append(para())  # a table is never the last thing before what follows
    return "".join(out)


CUSTOM_FMTID: Final = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def custom_properties(values: Mapping[str, str]) -> str:
    """``docProps/custom.xml``: the report's metadata as document properties (File >
    Properties > Custom in Word), so that a reader recovers what the page does not print."""
    props = "".join(
        f'<property fmtid="{CUSTOM_FMTID}" pid="{pid}" name="{esc(name)}">'
        f"<vt:lpwstr>{esc(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    return _xml(
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'docPropsVTypes">{props}</Properties>'
    )


def core_properties(title: str, creator: str) -> str:
    """``docProps/core.xml`` naming the report and its organ."""
    return _xml(
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:title>{esc(title)}</dc:title><dc:creator>{esc(creator)}</dc:creator>"
        "<dc:language>zh-CN</dc:language></cp:coreProperties>"
    )


def layouts() -> dict[str, Mapping[str, type[Any]]]:
    """The shipped templates by file name, each with the layout of the parts whose layout
    differs between editions: the two editions, and the two mixtures of them."""
    paths = list(LAYOUTS[Edition.E2021])
    found: dict[str, Mapping[str, type[Any]]] = {}
    for editions in itertools.product(list(Edition), repeat=len(paths)):
        base = editions[0]
        suffix = "".join(
            f"-{path.rsplit('.', 1)[-1].replace('_', '-')}{e.value}"
            for path, e in zip(paths[1:], editions[1:], strict=True)
            if e is not base
        )
        found[f"report-{base.value}{suffix}.docx"] = {
            path: LAYOUTS[e][path] for path, e in zip(paths, editions, strict=True)
        }
    return found


def sample_report(layout: Mapping[str, type[Any]]) -> Report:
    """A blank report with the given layout (the template is drawn from its cells)."""
    report = blank_report("示例单位", 2024)
    return update(report, {path: cls() for path, cls in layout.items()})


def build_parts(layout: Mapping[str, type[Any]] | None = None) -> dict[str, bytes]:
    """Every part of the template package, by name, in the order they are zipped."""
    report = sample_report(layout or LAYOUTS[Edition.E2021])
    parts = {
        "[Content_Types].xml": _content_types(),
        "_rels/.rels": _relationships(
            [
                (f"{_REL}/officeDocument", "word/document.xml"),
                (
                    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                    "core-properties",
                    "docProps/core.xml",
                ),
                (f"{_REL}/extended-properties", "docProps/app.xml"),
                (f"{_REL}/custom-properties", "docProps/custom.xml"),
            ]
        ),
        "docProps/core.xml": core_properties("政府信息公开工作年度报告", "govinfo"),
        "docProps/custom.xml": custom_properties({}),
        "docProps/app.xml": _xml(
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties"><Application>govinfo</Application></Properties>'
        ),
        "word/document.xml": _document(report),
        "word/styles.xml": _styles(),
        "word/settings.xml": _settings(),
        "word/fontTable.xml": _font_table(),
        "word/header1.xml": _header(),
        "word/header2.xml": _header(),
        "word/footer1.xml": _footer(odd=True),
        "word/footer2.xml": _footer(odd=False),
        "word/_rels/document.xml.rels": _relationships(
            [
                (f"{_REL}/styles", "styles.xml"),
                (f"{_REL}/settings", "settings.xml"),
                (f"{_REL}/fontTable", "fontTable.xml"),
                (f"{_REL}/header", "header1.xml"),
                (f"{_REL}/header", "header2.xml"),
                (f"{_REL}/footer", "footer1.xml"),
                (f"{_REL}/footer", "footer2.xml"),
            ]
        ),
    }
    return {name: text.encode("utf-8") for name, text in parts.items()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    """The parts as a .docx package with fixed timestamps (the same bytes every time)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def build_template(layout: Mapping[str, type[Any]] | None = None) -> bytes:
    """A shipped template, as the bytes of a .docx file."""
    return zip_parts(build_parts(layout))
