"""index.html: one self-contained page to review an audit — no network, no external file.

The overview (reports by status, the reports not found, findings by rule), the charts
(inline SVG), a table of the units that sorts and filters (a small inline script), and a
section per report with its figures, its findings and the cells concerned, and a relative
link to its source file (the page keeps working when the folders are copied together).
"""

from __future__ import annotations

import html
import os
import urllib.parse
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final

from ..checks import RULES as CHECK_RULES
from ..checks import Severity
from ._charts import Bars, Unavailable, draw
from ._figures import FIGURES, FigureValue
from ._model import RULES, Audit, AuditedReport, AuditFinding
from ._names import organ_key
from ._repeat import TEXT_SECTIONS
from ._write import units_by_key

__all__ = ["page"]

_STATUS: Final = {"ok": "已读取", "partial": "部分读取", "unreadable": "无法读取"}
_REVIEW: Final = {"new": "待审核", "confirmed": "已确认", "dismissed": "已排除"}

_STYLE: Final = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",
"SimSun",sans-serif;margin:0;color:#222;background:#f6f7f9;font-size:14px;line-height:1.5}
header{background:#1f3a5f;color:#fff;padding:16px 24px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0}nav{padding:8px 24px;background:#e8edf3}nav a{margin-right:16px}
main{padding:0 24px 40px}section{margin-top:24px}h2{border-bottom:2px solid #1f3a5f}
.cards{display:flex;flex-wrap:wrap;gap:12px}.card{background:#fff;border:1px solid #d5dbe3;
border-radius:6px;padding:8px 14px;min-width:110px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;background:#fff;margin:8px 0}th,td{border:1px solid #d5dbe3;
padding:3px 8px;text-align:left;vertical-align:top}th{background:#eef2f6}
th.sort{cursor:pointer}th.sort:after{content:" ⇅";color:#999}td.n{text-align:right}
.error{color:#b03a2e;font-weight:bold}.warning{color:#b9770e}.notice{color:#5d6d7e}
.missing{color:#b03a2e}.ok{color:#1e8449}.partial{color:#b9770e}.unreadable{color:#b03a2e}
.chart{display:inline-block;background:#fff;border:1px solid #d5dbe3;margin:6px;padding:4px}
.chart svg{max-width:100%;height:auto}article{background:#fff;border:1px solid #d5dbe3;
border-radius:6px;padding:8px 16px;margin:12px 0}article h3{margin:4px 0}
dl.fig{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:2px 16px}
dl.fig div{display:flex;justify-content:space-between;border-bottom:1px dotted #ccc}
dl.fig dt{color:#555}dl.fig dd{margin:0}.muted{color:#777}.filters{margin:8px 0}
.filters input,.filters select{font:inherit;padding:2px 6px;margin-right:8px}
table.findings{width:100%}table.findings td{font-size:13px}table.findings th{white-space:nowrap}
table.findings td:nth-child(-n+2),table.findings td:nth-child(4),table.findings td:nth-child(5),
table.findings td:nth-child(8),table.findings td:nth-child(9){white-space:nowrap}
table.findings td:nth-child(3){min-width:14em}table.findings td:nth-child(6){min-width:18em}
table.findings code{font-size:12px;word-break:break-all}
"""

_SCRIPT: Final = """
(function(){
  function key(cell){var v=cell.getAttribute('data-v');if(v===null){v=cell.textContent;}
    var n=parseFloat(v);return isNaN(n)?v:n;}
  document.querySelectorAll('table.sortable').forEach(function(table){
    table.querySelectorAll('th.sort').forEach(function(th,column){
      th.addEventListener('click',function(){
        var body=table.tBodies[0],rows=Array.prototype.slice.call(body.rows);
        var up=th.getAttribute('data-dir')!=='up';th.setAttribute('data-dir',up?'up':'down');
        var index=th.cellIndex;
        rows.sort(function(a,b){var x=key(a.cells[index]),y=key(b.cells[index]);
          if(x===y){return 0;}var less=(typeof x===typeof y)?x<y:String(x)<String(y);
          return (less?-1:1)*(up?1:-1);});
        rows.forEach(function(row){body.appendChild(row);});
      });
    });
  });
  var text=document.getElementById('unit-filter'),kind=document.getElementById('unit-kind');
  function filter(){
    var words=text.value.trim().toLowerCase(),want=kind.value,shown=0;
    document.querySelectorAll('#unit-table tbody tr').forEach(function(row){
      var ok=(!words||row.getAttribute('data-name').toLowerCase().indexOf(words)>=0)&&
        (!want||row.getAttribute('data-flags').indexOf(want)>=0);
      row.style.display=ok?'':'none';if(ok){shown++;}
    });
    document.getElementById('unit-count').textContent=shown;
  }
  if(text){text.addEventListener('input',filter);kind.addEventListener('change',filter);filter();}
  document.documentElement.setAttribute('data-ready','1');
})();
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _value(value: FigureValue, share: bool = False) -> str:
    if value is None:
        return "—"
    if share and isinstance(value, Decimal):
        return f"{value * 100:.2f}%"
    return f"{value:f}" if isinstance(value, Decimal) else str(value)


def _href(source: str, folder: Path) -> str:
    try:
        relative = os.path.relpath(os.path.abspath(source), os.path.abspath(folder))
    except ValueError:  # another drive (Windows)
        return Path(os.path.abspath(source)).as_uri()
    return urllib.parse.quote(Path(relative).as_posix())


def _title(rule: str) -> str:
    found = RULES.get(rule) or CHECK_RULES.get(rule)
    return found.title if found is not None else ""


def _anchor(index: int) -> str:
    return f"r{index + 1}"


def page(result: Audit, folder: Path, *, charts: bool = True) -> Iterator[str]:
    """The page of ``result`` in pieces (one per report section), whose links are relative to
    ``folder`` (where it is written)."""
    yield "".join(
        [
            '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            "<title>政府信息公开工作年度报告审核</title>",
            f"<style>{_STYLE}</style></head><body>",
            "<header><h1>政府信息公开工作年度报告审核</h1>",
            f"<p>{_e(_headline(result))}</p></header>",
            '<nav><a href="#overview">概览</a><a href="#charts">图表</a>'
            '<a href="#units">单位</a><a href="#reports">报告</a></nav><main>',
        ]
    )
    yield "".join(_overview(result))
    yield "".join(_charts(result, charts))
    yield "".join(_units(result))
    yield from _reports(result, folder)
    yield f"</main><script>{_SCRIPT}</script></body></html>\n"


def _headline(result: Audit) -> str:
    statuses = Counter(r.status for r in result.reports)
    years = "、".join(str(y) for y in result.years) or "—"
    return (
        f"{len(result.reports)} 个文件（{years} 年度）：已读取 {statuses['ok']}，"
        f"部分读取 {statuses['partial']}，无法读取 {statuses['unreadable']}；"
        f"缺报 {len(result.missing)}；错误 {result.count(Severity.ERROR)}，"
        f"警告 {result.count(Severity.WARNING)}，提示 {result.count(Severity.NOTICE)}；"
        f"待审核 {sum(n for (_, _, r), n in result.tally.items() if r == 'new')}"
    )


def _card(label: str, value: object, css: str = "") -> str:
    return f'<div class="card {css}"><b>{_e(value)}</b>{_e(label)}</div>'


def _overview(result: Audit) -> list[str]:
    statuses = Counter(r.status for r in result.reports)
    reviews: Counter[str] = Counter()
    for (_, _, review), n in result.tally.items():
        reviews[review] += n
    out = ['<section id="overview"><h2>概览</h2><div class="cards">']
    out += [_card(_STATUS[s], statuses[s], s) for s in ("ok", "partial", "unreadable")]
    out.append(_card("缺报", len(result.missing), "missing" if result.missing else ""))
    out += [
        _card(s.label, result.count(s), s.value)
        for s in (Severity.ERROR, Severity.WARNING, Severity.NOTICE)
    ]
    out += [_card(_REVIEW[r], reviews[r]) for r in ("new", "confirmed", "dismissed")]
    out.append("</div>")

    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for (rule, severity, review), n in result.tally.items():
        by_rule[rule][severity.value] += n
        by_rule[rule]["new"] += n if review == "new" else 0
    out.append("<h3>各规则发现</h3>")
    if by_rule:
        out.append(
            '<table class="sortable"><thead><tr><th class="sort">规则</th><th>含义</th>'
            '<th class="sort">错误</th><th class="sort">警告</th><th class="sort">提示</th>'
            '<th class="sort">待审核</th></tr></thead><tbody>'
        )
        for rule, counts in sorted(by_rule.items()):
            out.append(
                f"<tr><td>{_e(rule)}</td><td>{_e(_title(rule))}</td>"
                + "".join(
                    f'<td class="n">{counts[k]}</td>' for k in ("error", "warning", "notice", "new")
                )
                + "</tr>"
            )
        out.append("</tbody></table>")
    else:
        out.append("<p>未发现问题。</p>")

    if result.units:
        out.append(f"<h3>缺报（{len(result.missing)}）</h3>")
        if result.missing:
            out.append("<table><thead><tr><th>单位</th><th>年度</th><th>审核状态</th></tr>")
            out.append("</thead><tbody>")
            out += [
                f'<tr><td class="missing">{_e(f.organ)}</td><td>{f.year}</td>'
                f"<td>{_e(_REVIEW[f.review])}</td></tr>"
                for f in result.missing
            ]
            out.append("</tbody></table>")
        else:
            out.append("<p>名单中的单位各年度报告齐全。</p>")
    else:
        out.append('<p class="muted">未给出单位名单（--units），不核对缺报与汇总。</p>')
    unreadable = [(i, r) for i, r in enumerate(result.reports) if r.status == "unreadable"]
    if unreadable:
        out.append(f"<h3>无法读取的文件（{len(unreadable)}）</h3><ul>")
        out += [
            f'<li><a href="#{_anchor(i)}">{_e(r.source)}</a>：{_e(r.problem)}</li>'
            for i, r in unreadable
        ]
        out.append("</ul>")
    if result.merged:
        out.append("<h3>视为同一机关的不同写法</h3><ul>")
        out += [f"<li>{_e(m.name)}：{_e('、'.join(m.spellings))}</li>" for m in result.merged]
        out.append("</ul>")
    if result.unlisted:
        out.append(f"<h3>名单以外的机关（{len(result.unlisted)}）</h3><p>")
        out.append(_e("、".join(result.unlisted)) + "</p>")
    if result.stale:
        out.append(
            f"<h3>已不再出现的发现的审核结论（{len(result.stale)}）</h3>"
            "<p class=muted>这些结论仍保留在审核结论文件中，本次未用到。</p><ul>"
        )
        out += [
            f"<li>{_e(d.fingerprint)}：{_e(_REVIEW[d.decision])} {_e(d.note)}</li>"
            for d in result.stale
        ]
        out.append("</ul>")
    out.append("</section>")
    return out


def _unit_status(result: Audit) -> dict[str, Counter[str]]:
    """For each unit: its years by state (无问题, 有错误, 部分读取, 缺报)."""
    states: dict[str, Counter[str]] = defaultdict(Counter)
    for report in result.reports:
        if report.unit is None or report.duplicate_of is not None:
            continue
        if report.status == "partial":
            states[report.unit]["部分读取"] += 1
        elif report.errors:
            states[report.unit]["有错误"] += 1
        else:
            states[report.unit]["无错误"] += 1
    for finding in result.missing:
        states[finding.organ]["缺报"] += 1
    return states


def _chart_data(result: Audit) -> list[Bars]:
    by_rule: dict[str, Counter[Severity]] = defaultdict(Counter)
    for (rule, severity, _), n in result.tally.items():
        by_rule[rule][severity] += n
    rules = sorted(by_rule, key=lambda r: (-sum(by_rule[r].values()), r))[:20]
    found = Bars(
        "各规则发现数",
        rules,
        [(s.label, [by_rule[r][s] for r in rules]) for s in Severity],
        horizontal=True,
    )
    received: Counter[int] = Counter()
    handled: Counter[int] = Counter()
    # A parent's report counts its units' requests again: only the others are added up.
    parents = {organ_key(u.parent) for u in result.units if u.parent is not None}
    for report in result.reports:
        if report.year is None or report.duplicate_of is not None:
            continue
        if report.organ is not None and organ_key(report.organ) in parents:
            continue
        values = report.figures
        received[report.year] += int(values.get("received") or 0)
        handled[report.year] += int(values.get("handled") or 0)
    years = list(result.years)
    applications = Bars(
        "各年度申请数（件）" + ("，不含上级机关报告" if parents else ""),
        [f"{y}年" for y in years],
        [("本年新收", [received[y] for y in years]), ("本年办理", [handled[y] for y in years])],
        colors=("#2e86c1", "#27ae60"),
        stacked=False,
    )
    charts = [found, applications]
    states = _unit_status(result)
    kinds = ("无错误", "有错误", "部分读取", "缺报")
    order = sorted(
        states,
        key=lambda u: (-(states[u]["缺报"] + states[u]["有错误"] + states[u]["部分读取"]), u),
    )
    shown = order[:30]
    title = "各单位报告状态" + ("（问题最多的 30 个单位）" if len(order) > 30 else "")
    charts.append(
        Bars(
            title,
            shown,
            [(k, [states[u][k] for u in shown]) for k in kinds],
            horizontal=True,
            colors=("#27ae60", "#c0392b", "#e67e22", "#7f8c8d"),
        )
    )
    if not rules:
        charts.remove(found)
    return charts


def _charts(result: Audit, wanted: bool) -> list[str]:
    out = ['<section id="charts"><h2>图表</h2>']
    if not wanted:
        out.append('<p class="muted">本页按要求未绘制图表。</p></section>')
        return out
    try:
        drawn = draw(_chart_data(result))
    except Unavailable as exc:
        out.append(f'<p class="muted">本页不含图表：{_e(exc)}。</p></section>')
        return out
    out += [
        f'<figure class="chart" role="img" aria-label="{_e(c.title)}">{c.svg}</figure>'
        for c in drawn
    ]
    out.append("</section>")
    return out


def _units(result: Audit) -> list[str]:
    listed = units_by_key(result.units)
    rows: dict[str, dict[int, list[tuple[int, AuditedReport]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for index, report in enumerate(result.reports):
        if report.unit is not None and report.year is not None:
            rows[report.unit][report.year].append((index, report))
    names = [u.organ for u in result.units] + sorted(n for n in rows if organ_key(n) not in listed)
    years = list(result.years)
    out = [
        '<section id="units"><h2>单位</h2><div class="filters">',
        '<input id="unit-filter" type="search" placeholder="按名称筛选" aria-label="按名称筛选">',
        '<select id="unit-kind" aria-label="按状态筛选"><option value="">全部</option>',
        '<option value="E">有错误</option><option value="M">缺报</option>',
        '<option value="P">部分读取</option><option value="W">有警告</option>',
        '<option value="N">有待审核</option></select>',
        '显示 <span id="unit-count"></span> 个单位</div>',
        '<table id="unit-table" class="sortable"><thead><tr><th class="sort">单位</th>',
        '<th class="sort">层级</th><th class="sort">上级</th>',
        *(f'<th class="sort">{y}</th>' for y in years),
        '<th class="sort">错误</th><th class="sort">警告</th><th class="sort">待审核</th>',
        '<th class="sort">本年新收（最近年度）</th></tr></thead><tbody>',
    ]
    missing = {(f.organ, f.year) for f in result.missing}
    for name in names:
        unit = listed.get(organ_key(name))
        flags = set()
        cells = []
        errors = warnings = new = 0
        latest: FigureValue = None
        for year in years:
            found = rows.get(name, {}).get(year, [])
            if (name, year) in missing or not found:
                if (name, year) in missing:
                    flags.add("M")
                label = "缺报" if (name, year) in missing else "—"
                cells.append(f'<td class="missing" data-v="-1">{label}</td>')
                continue
            links = []
            for index, report in found:
                errors += report.errors
                warnings += report.warnings
                new += report.new
                latest = report.figures.get("received")
                css = (
                    "partial"
                    if report.status == "partial"
                    else ("error" if report.errors else "ok")
                )
                flags |= {"E"} if report.errors else set()
                flags |= {"P"} if report.status == "partial" else set()
                mark = "✗" if report.errors else ("△" if report.status == "partial" else "✓")
                links.append(
                    f'<a class="{css}" href="#{_anchor(index)}" title="{_e(report.source)}">'
                    f"{mark} {report.errors}/{report.warnings}</a>"
                )
            cells.append(f'<td data-v="{found[0][1].errors}">{" ".join(links)}</td>')
        flags |= {"W"} if warnings else set()
        flags |= {"N"} if new else set()
        out.append(
            f'<tr data-name="{_e(name)}" data-flags="{"".join(sorted(flags))}">'
            f"<td>{_e(name)}</td><td>{_e(unit.level if unit else '')}</td>"
            f"<td>{_e((unit.parent or '') if unit else '')}</td>{''.join(cells)}"
            f'<td class="n">{errors}</td><td class="n">{warnings}</td><td class="n">{new}</td>'
            f'<td class="n">{_e(_value(latest))}</td></tr>'
        )
    out.append(
        "</tbody></table><p class=muted>每格：✓ 无错误、✗ 有错误、△ 部分读取，"
        "及错误数/警告数；点击跳至该报告。</p></section>"
    )
    return out


_SHARES: Final = frozenset(f.name for f in FIGURES if "share" in f.name)


def _reports(result: Audit, folder: Path) -> Iterator[str]:
    yield f'<section id="reports"><h2>报告（{len(result.reports)}）</h2>'
    index_of = {r.source: i for i, r in enumerate(result.reports)}
    for index, report in enumerate(result.reports):
        yield "".join(_report(index, report, folder, index_of))
    yield "</section>"


def _report(index: int, report: AuditedReport, folder: Path, index_of: dict[str, int]) -> list[str]:
    title = f"{report.organ} {report.year} 年度" if report.organ else f"无法读取：{report.source}"
    out = [f'<article id="{_anchor(index)}"><h3>{_e(title)}</h3><p>']
    out.append(f'文件：<a href="{_e(_href(report.source, folder))}">{_e(report.source)}</a>')
    out.append(f'　<span class="{report.status}">{_STATUS[report.status]}</span>')
    if report.edition is not None:
        out.append(f"　{_e(report.edition.label)}格式")
    if report.previous is not None:
        anchor = index_of.get(report.previous)
        link = f'<a href="#{_anchor(anchor)}">' if anchor is not None else "<a>"
        out.append(f"　上年度报告：{link}{_e(report.previous)}</a>")
    out.append("</p>")
    if report.problem:
        out.append(f'<p class="unreadable">{_e(report.problem)}</p>')
    values = report.figures
    if values:
        out.append('<dl class="fig">')
        for figure in FIGURES:
            value = values.get(figure.name)
            out.append(
                f'<div title="{_e(figure.formula)}"><dt>{_e(figure.label)}</dt>'
                f"<dd>{_e(_value(value, figure.name in _SHARES))}</dd></div>"
            )
        repeated = report.repeated
        for section in TEXT_SECTIONS:
            share = repeated.get(section.attribute)
            if share is not None:
                out.append(
                    f"<div><dt>与上年重复·{_e(section.heading[:2])}</dt>"
                    f"<dd>{_e(_value(share, True))}</dd></div>"
                )
        out.append("</dl>")
    out += _findings(report.findings)
    out.append("</article>")
    return out


def _place(f: AuditFinding) -> str:
    cells = "·".join((*f.row, *f.column))
    parts = [p for p in (f.section, cells, f.where or "") if p]
    return " ".join(parts)


def _findings(findings: Sequence[AuditFinding]) -> Iterable[str]:
    if not findings:
        yield "<p class=ok>未发现问题。</p>"
        return
    yield (
        '<table class="findings"><thead><tr><th>级别</th><th>规则</th><th>位置</th>'
        "<th>应为</th><th>实为</th>"
        "<th>说明</th><th>涉及单元格</th><th>审核</th><th>指纹</th></tr></thead><tbody>"
    )
    for f in findings:
        cells = " ".join(f.cells) or (f.path or "")
        review = _REVIEW[f.review] + (f"：{f.note}" if f.note else "")
        yield (
            f'<tr><td class="{f.severity.value}">{f.severity.label}</td><td>{_e(f.rule)}</td>'
            f"<td>{_e(_place(f))}</td><td class=n>{_e(_value(f.expected))}</td>"
            f"<td class=n>{_e(_value(f.actual))}</td><td>{_e(f.message)}</td>"
            f"<td><code>{_e(cells)}</code></td><td>{_e(review)}</td>"
            f"<td><code>{_e(f.fingerprint)}</code></td></tr>"
        )
    yield "</tbody></table>"
