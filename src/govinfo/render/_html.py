"""The report as one self-contained web page, for an office's portal.

The page holds everything it needs (its style sheet inline; no script, no font, image or other
file of its own): ``lang="zh-CN"``, the title and the sections as headings, the paragraphs
with their emphasis, and the three national tables as real tables drawn from
:mod:`govinfo.grid` — the official row and column spans, header cells as ``<th>`` with their
``scope`` — and a print style sheet that gives an A4 page with the margins of GB/T 9704-2012.

The elements carry the names of the Word document's styles as classes, and the report's
metadata is in ``<meta name="govinfo.…">``: the HTML reader reads a page govinfo wrote back
into the same report, as it does the Word document.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from html import escape
from pathlib import Path
from typing import Final

from .. import emphasis
from .._io import atomic_write, cannot_write
from ..cells import format_value, layout
from ..checks import Severity, check
from ..grid import Grid, GridCell, Role, grids
from ..model import Part, Report, sections
from ..model.extra import ExtraTable
from ._build import DRAFT_MARK, STYLE
from ._context import _FANG_LEVEL, date_text, displayed, title_lines
from ._render import Rendered, RenderError, RenderRefused, document_properties

__all__ = ["GENERATOR", "html_page", "render_html"]

GENERATOR: Final = "govinfo"
"""The page's ``<meta name="generator">``: how the reader knows a page govinfo wrote."""

_STYLE: Final = """
:root { color: #000; background: #fff; }
body { margin: 0; font-family: "仿宋_GB2312", "仿宋", FangSong, "FandolFang", "AR PL UMing CN",
  "Noto Serif CJK SC", serif; font-size: 16pt; line-height: 1.8; }
main { max-width: 156mm; margin: 0 auto; padding: 12mm 6mm; }
h1 { font-family: "方正小标宋简体", "Noto Serif CJK SC", "AR PL UMing CN", serif;
  font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2, h3, h4, p { font-size: 16pt; font-weight: normal; margin: 0; text-indent: 2em;
  text-align: justify; }
h2 { font-family: "黑体", SimHei, "Noto Sans CJK SC", sans-serif; }
h3, .GovLead { font-family: "楷体_GB2312", "楷体", KaiTi, "AR PL UKai CN", serif; }
strong { font-weight: bold; }
p.GovSignature { text-align: right; text-indent: 0; padding-right: 2em; }
p.GovBlank { height: 1.8em; }
.GovDraftMark { color: #c00000; text-align: center; text-indent: 0;
  font-family: "黑体", SimHei, sans-serif; font-size: 14pt; }
table { width: calc(100% - 1pt); border-collapse: collapse; table-layout: fixed;
  margin: 0.3em 0 0.6em; font-family: "宋体", SimSun, "Noto Serif CJK SC", serif;
  line-height: 1.35; }
table.GovTable { font-size: 10.5pt; }
table.GovTable.large, table.GovExtraTable { font-size: 12pt; }
th, td { border: 0.5pt solid #000; padding: 0 0.5mm; vertical-align: middle; font-weight: normal;
  text-align: center; overflow-wrap: anywhere; }
th.left { text-align: left; padding: 0 1mm; }
td { white-space: nowrap; }
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
@media print {
  main { max-width: none; margin: 0; padding: 0; }
  thead { display: table-header-group; }
  tr, tbody.block { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  .GovDraftMark { position: fixed; top: -20mm; left: 0; right: 0; }
}
"""


def _runs(paragraph: str) -> str:
    return "".join(
        f"<strong>{escape(text)}</strong>" if strong else escape(text)
        for text, strong in emphasis.segments(paragraph)
    )


def _lines(lines: Sequence[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


# -- tables -----------------------------------------------------------------------------------


def _scope(cell: GridCell) -> str:
    if cell.role is Role.ROW:
        return "rowgroup" if cell.row_span > 1 else "row"
    if cell.role is Role.CAPTION:
        return "rowgroup"
    return "colgroup" if cell.column_span > 1 else "col"


def _cell(cell: GridCell, shown: dict[str, str]) -> str:
    spans = (f' rowspan="{cell.row_span}"' if cell.row_span > 1 else "") + (
        f' colspan="{cell.column_span}"' if cell.column_span > 1 else ""
    )
    if cell.spec is not None:
        return f"<td{spans}>{escape(shown[cell.spec.dotted])}</td>"
    left = ' class="left"' if cell.role in (Role.ROW, Role.CAPTION, Role.CORNER) else ""
    return f'<th scope="{_scope(cell)}"{spans}{left}>{_lines(cell.lines)}</th>'


def _table(grid: Grid, shown: dict[str, str]) -> str:
    large = " large" if grid.number == "二" else ""
    cols = "".join(f'<col style="width:{f * 100:.3f}%">' for f in grid.fractions())
    out = [f'<table class="{STYLE["table"]}{large}" data-table="{grid.number}">']
    out.append(f"<colgroup>{cols}</colgroup>")

    def rows(start: int, stop: int) -> Iterator[str]:
        for row in grid.rows[start:stop]:
            yield "<tr>" + "".join(_cell(c, shown) for c in row) + "</tr>"

    if grid.header_rows:
        out += ["<thead>", *rows(0, grid.header_rows), "</thead>"]
    if grid.blocks:
        for block in grid.blocks:  # 表二: a block with its caption and headers kept together
            out += ['<tbody class="block">', *rows(block.start, block.stop), "</tbody>"]
    else:
        out += ["<tbody>", *rows(grid.header_rows, len(grid.rows)), "</tbody>"]
    out.append("</table>")
    return "\n".join(out)


def _extra_tables(tables: Sequence[ExtraTable]) -> Iterator[str]:
    for extra in tables:
        yield f'<h3 class="{STYLE["heading2"]}">{escape(extra.title)}</h3>'
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in extra.columns)
        body = "".join(
            f'<tr><th scope="row" class="left">{escape(row.label)}</th>'
            + "".join(f"<td>{escape(format_value(v))}</td>" for v in row.values)
            + "</tr>"
            for row in extra.rows
        )
        yield (
            f'<table class="{STYLE["extra_table"]}"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )


# -- text -------------------------------------------------------------------------------------


def _parts(parts: Sequence[Part]) -> Iterator[str]:
    s = STYLE
    for part in parts:
        heading = part.heading
        if heading is not None and not part.run_in:
            kai = not _fang_level(heading)
            tag, style = ("h3", s["heading2"]) if kai else ("h4", s["heading3"])
            yield f'<{tag} class="{style}">{escape(heading)}</{tag}>'
        for index, paragraph in enumerate(part.paragraphs):
            if index == 0 and part.run_in and heading is not None:
                lead = s["lead"] if not _fang_level(heading) else s["lead_plain"]
                yield f'<p><span class="{lead}">{escape(heading)}</span>{_runs(paragraph)}</p>'
            elif index == 0 and heading is None:
                yield f'<p class="{s["new_part"]}">{_runs(paragraph)}</p>'
            else:
                yield f"<p>{_runs(paragraph)}</p>"


def _fang_level(heading: str) -> bool:
    return _FANG_LEVEL.match(heading) is not None  # the document's rule for a heading's font


def html_page(report: Report, *, draft: bool = False) -> str:
    """The web page of ``report`` (no checks of the report: see :func:`render_html`)."""
    s = STYLE
    tables = {grid.attribute: grid for grid in grids(report)}
    specs = layout(report).specs
    shown = {spec.dotted: text for spec, text in zip(specs, displayed(report), strict=True)}
    meta = [f'<meta name="generator" content="{GENERATOR}">']
    meta += [
        f'<meta name="{escape(name)}" content="{escape(value)}">'
        for name, value in document_properties(report).items()
    ]
    body: list[str] = []
    if draft:
        body.append(f'<p class="{s["header"]}" role="note">{escape(DRAFT_MARK)}</p>')
    lines = title_lines(report.display_title, report.organ)
    body.append(f'<h1 class="{s["title"]}">{_lines(lines)}</h1>')
    body.append('<p class="GovBlank"></p>')  # as the document's blank line under the title
    body += [f"<p>{_runs(p)}</p>" for p in report.preamble]
    for section in sections(type(report)):
        body.append(f'<h2 class="{s["heading1"]}">{escape(section.heading)}</h2>')
        grid = tables.get(section.attribute)
        if grid is not None:
            body.append(_table(grid, shown))
            continue
        body += _parts(getattr(report, section.attribute))
        body += _extra_tables([t for t in report.extras if t.section == section.attribute])
    if report.signature is not None:
        body.append('<p class="GovBlank"></p>')
        body.append(f'<p class="{s["signature"]}">{escape(report.signature.organ)}</p>')
        body.append(f'<p class="{s["signature"]}">{date_text(report.signature.date)}</p>')
    head = "\n".join(
        [
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            *meta,
            f"<title>{escape(report.display_title)}</title>",
            f"<style>{_STYLE}</style>",
        ]
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n'
        + head
        + "\n</head>\n<body>\n<main>\n"
        + "\n".join(body)
        + "\n</main>\n</body>\n</html>\n"
    )


def render_html(report: Report, target: str | os.PathLike[str], *, draft: bool = False) -> Rendered:
    """Write the web page of ``report`` to ``target`` (atomically).

    As for the Word document, a report with error-level findings is refused
    (:class:`RenderRefused`) unless ``draft`` is true; a draft says so at the top of the page
    and of every printed page.
    """
    findings = tuple(check(report))
    if not draft and any(f.severity is Severity.ERROR for f in findings):
        raise RenderRefused(findings)
    path = Path(target)
    try:
        atomic_write(path, html_page(report, draft=draft).encode("utf-8"))
    except OSError as exc:
        raise RenderError(cannot_write(path, exc)) from None
    return Rendered(path, findings, draft)
