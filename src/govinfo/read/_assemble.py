"""Paragraphs and tables to a report: sections, text parts, the national tables, diagnostics.

The assembler finds the title (organ and year), the six section headings in order, the
paragraphs of the free-text sections and the tables of sections 二、三、四, whose rows and
columns it matches to the model's official labels. It never guesses: a cell it cannot read
is blank in the report and reported with its place, and a table row whose cells cannot be
told apart is reported as unreadable rather than split by guesswork.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Final, Literal, cast

import attrs

from ..cells import CellSpec, layout
from ..model import (
    ApplicantCounts,
    Edition,
    ExtraRow,
    ExtraTable,
    Kind,
    OtherHandling,
    Part,
    Proactive,
    Proactive2019,
    Report,
    Signature,
    blank_report,
    update,
)
from ..model.report import LAYOUTS, report_layout
from ._blocks import Cell, Para, Table
from ._normalize import (
    ReadValue,
    best_match,
    clean_text,
    looks_like_value,
    normalize_label,
    parse_value,
)

__all__ = ["Diagnostic", "ReadError", "ReadResult", "assemble"]

Severity = Literal["error", "info"]


@attrs.frozen
class Diagnostic:
    """Something the reader could not read, or read only by tolerating it."""

    severity: Severity
    """``error``: something is missing from the report; ``info``: tolerated and read."""
    message: str
    where: str | None = None
    """Its place in the source: ``line 40``, ``table 2, row 7``."""
    path: str | None = None
    """The JSON path of the cell or field concerned, when there is one."""

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.message}"


class ReadError(Exception):
    """The source cannot be read as a report at all (no title, not a known format)."""


@attrs.frozen
class ReadResult:
    """A report read from a published source, and everything the reader has to say about it."""

    report: Report
    source: str
    format: str
    """``text``, ``html`` or ``docx``."""
    encoding: str | None
    edition: Edition
    """The edition the tables follow (the report year's edition for a mixed layout)."""
    layout: dict[str, Edition]
    """For each part whose layout differs between editions, the edition it follows."""
    diagnostics: tuple[Diagnostic, ...]
    blanks: dict[str, str]
    """Cells read as blank, by dotted path, with the text they held ("" for an empty cell,
    "/", "—", "无" …), "(not found)" for a cell missing from the source, "(unreadable)" for
    one in a row whose cells cannot be told apart."""

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def mixed(self) -> bool:
        return len(set(self.layout.values())) > 1


NOT_FOUND: Final = "(not found)"
UNREADABLE: Final = "(unreadable)"

# -- text clean-up ----------------------------------------------------------------------------

_PAGE_NUMBER: Final = re.compile(
    r"^\s*(?:[-—－–_]+\s*\d+\s*[-—－–_]+|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|"
    r"\d+\s*/\s*\d+|共\s*\d+\s*页)\s*$"
)
_CHROME: Final = re.compile(
    r"(版权所有|主办单位|承办单位|技术支持|网站标识码|ICP备|公网安备|打印本页|关闭窗口|【打印】|"
    r"【关闭】|分享到|当前位置|您当前的位置|字号[:：]|浏览次数|来源[:：].*发布时间|发布时间[:：])"
)


def _is_noise(text: str) -> bool:
    return bool(_PAGE_NUMBER.match(text) or _CHROME.search(text))


# -- the title --------------------------------------------------------------------------------

_TITLE: Final = re.compile(
    r"^(?P<organ>.*?)\s*(?:关于\s*)?(?P<year>\d{4})\s*年\s*度?\s*(?:的)?\s*"
    r"政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?报告"
)


def _parse_title(title: str) -> tuple[str, int] | None:
    match = _TITLE.match(unicodedata.normalize("NFKC", title))
    if match is None:
        return None
    organ = match.group("organ").strip()
    return (organ, int(match.group("year"))) if organ else None


# -- sections ---------------------------------------------------------------------------------

_NUMERALS: Final = "一二三四五六"
_SECTION_WORDS: Final = {
    "一": ("总体",),
    "二": ("主动公开",),
    "三": ("申请",),
    "四": ("复议", "诉讼"),
    "五": ("问题", "改进", "整改"),
    "六": ("其他",),
}
_SECTION_ATTRIBUTES: Final = {
    "一": "overview",
    "二": "proactive",
    "三": "requests",
    "四": "review_litigation",
    "五": "problems",
    "六": "other_matters",
}


def _section_number(para: Para, styled: bool) -> str | None:
    text = unicodedata.normalize("NFKC", para.text).strip()
    if styled and para.style != "GovHeading1":
        return None
    match = re.match(rf"^([{_NUMERALS}])[、.,，]", text)
    if match is None or len(text) > 50:
        return None
    number = match.group(1)
    return number if any(word in text for word in _SECTION_WORDS[number]) else None


# -- text parts -------------------------------------------------------------------------------

_NUMBERED: Final = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[（(]\d+[)）]|\d+[.、．](?!\d))"
)
_SENTENCE_END: Final = re.compile(r"[。！？!?；;]")


def _text_parts(paras: Sequence[Para], styled: bool) -> list[Part]:
    parts: list[Part] = []
    heading: str | None = None
    paragraphs: list[str] = []
    run_in = False
    started = False

    def close() -> None:
        nonlocal started
        if started:
            parts.append(Part(heading=heading, paragraphs=tuple(paragraphs), run_in=run_in))
        started = False

    def open_part(new_heading: str | None, first: Sequence[str], is_run_in: bool) -> None:
        nonlocal heading, paragraphs, run_in, started
        close()
        heading, paragraphs, run_in, started = new_heading, list(first), is_run_in, True

    for para in paras:
        if styled:
            if para.style in ("GovHeading2", "GovHeading3"):
                open_part(para.text, (), False)
            elif para.lead:
                open_part(para.lead, (para.text,), True)
            elif para.style == "GovNewPart":
                open_part(None, (para.text,), False)
            elif started:
                paragraphs.append(para.text)
            else:
                open_part(None, (para.text,), False)
            continue
        text = para.text
        if not text:
            continue
        if _NUMBERED.match(text):
            end = _SENTENCE_END.search(text)
            if end is None:
                open_part(text, (), False)  # a heading on a line of its own
                continue
            head, rest = text[: end.end()], text[end.end() :].strip()
            if rest and len(head) <= 40:
                open_part(head, (rest,), True)  # a run-in heading
            else:
                open_part(None, (text,), False)  # a numbered paragraph of one sentence
            continue
        if started:
            paragraphs.append(text)
        else:
            open_part(None, (text,), False)
    close()
    return parts


_DATE: Final = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def _date(text: str) -> dt.date | None:
    match = _DATE.match(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


# -- tables -----------------------------------------------------------------------------------


@attrs.define
class _Reading:
    """The state of one read: values found, blanks, diagnostics."""

    values: dict[str, Any] = attrs.field(factory=dict)
    blanks: dict[str, str] = attrs.field(factory=dict)
    diagnostics: list[Diagnostic] = attrs.field(factory=list)

    def note(
        self, severity: Severity, message: str, where: str | None = None, path: str | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(severity, message, where, path))

    def cell(self, spec: CellSpec, read: ReadValue, where: str) -> None:
        if read.problem is not None:
            self.values[spec.dotted] = None
            self.blanks[spec.dotted] = clean_text(read.raw)
            self.note("error", f"{spec.place}: {read.problem}", where, spec.json_path)
            return
        value = read.value
        if read.blank:
            self.blanks[spec.dotted] = read.raw
        elif spec.kind is Kind.MONEY and read.unit == "元" and "万元" in spec.column_label:
            assert value is not None
            converted = Decimal(value) / 10000
            self.note(
                "info",
                f"{spec.place}: “{clean_text(read.raw)}” is in 元, the column in 万元: read as "
                f"{converted:f}",
                where,
                spec.json_path,
            )
            value = converted
        elif spec.kind is Kind.MONEY and read.unit and read.unit not in spec.column_label:
            self.note(
                "info",
                f"{spec.place}: “{clean_text(read.raw)}” is written with its unit ({read.unit}); "
                f"read as {value}",
                where,
                spec.json_path,
            )
        self.values[spec.dotted] = value


def _label_cells(row: Sequence[Cell]) -> list[tuple[int, str]]:
    """The leading label cells of a row: (position, text), up to the first value cell."""
    labels = []
    for index, cell in enumerate(row):
        text = cell.text.strip()
        if not text:
            continue
        if looks_like_value(text):
            break
        labels.append((index, text))
    return labels


def _value_cells(
    table: Table, row: Sequence[Cell], after: int, count: int, where: str
) -> tuple[list[str] | None, str | None]:
    """The texts of the ``count`` value cells after position ``after``, or a reason why the
    cells cannot be told apart."""
    if table.structured:
        cells = [c.text for c in row[after + 1 :] if c.origin]
    else:
        cells = [c.text for c in row[after + 1 :]]
    if len(cells) == count:
        return cells, None
    filled = [c for c in cells if c.strip()]
    if len(filled) == count:
        return filled, None  # the other cells are empty remnants of merged label cells
    return None, (
        f"{len(cells)} cells where {count} numbers belong, {len(filled)} of them filled: "
        "which cell is which cannot be told"
    )


def _specs_for(report: Report) -> list[CellSpec]:
    return list(layout(report).specs)


def _sample(parts: dict[str, type[Any]]) -> Report:
    """A blank report of a layout (reports are immutable: made once per layout)."""
    return _sample_cached(tuple(parts.items()))


@functools.lru_cache(maxsize=16)
def _sample_cached(parts: tuple[tuple[str, type[Any]], ...]) -> Report:
    report = blank_report("x", 2024)
    return update(report, {path: cls() for path, cls in parts})


def _match_row(
    labels: Sequence[tuple[int, str]],
    candidates: Sequence[str],
    reading: _Reading,
    where: str,
    *,
    exact: bool = False,
) -> tuple[int | None, int]:
    """The candidate row a row's labels name (its last label decides), and that label's
    position. With ``exact``, only a label equal to a row label (after normalisation) counts:
    a row without numbers may be a header, whose column labels look like row labels."""
    for position, text in reversed(labels):
        index, dist = best_match(text, candidates)
        if exact:
            if index is not None and dist == 0:
                return index, position
            continue
        if index is None:
            stripped = re.sub(r"^\s*(?:\d+[.、．]|[（(][^)）]{1,3}[)）])\s*", "", text)
            bare = [
                re.sub(r"^\s*(?:\d+[.、．]|[（(][^)）]{1,3}[)）])\s*", "", c) for c in candidates
            ]
            index, dist = best_match(stripped, bare)
            dist = max(dist, 1) if index is not None else dist
        if index is not None:
            if dist:
                reading.note("info", f"“{text}” read as “{candidates[index]}” (a typo)", where)
            return index, position
    return None, -1


def _read_table_rows(
    tables: Sequence[Table],
    specs: Sequence[CellSpec],
    reading: _Reading,
    columns: int | None,
) -> set[str]:
    """Read the rows of ``tables`` into ``reading`` by their row labels; ``columns`` fixes the
    number of value cells per row (section 三), else the row's own cells in ``specs`` do.
    Returns the dotted paths of the cells read."""
    rows: dict[tuple[str, ...], list[CellSpec]] = {}
    for spec in specs:
        rows.setdefault(spec.row, []).append(spec)
    keys = list(rows)
    names = [key[-1] for key in keys]
    read: set[str] = set()
    for table in tables:
        for number, row in enumerate(table.rows):
            where = table.row_place(number)
            labels = _label_cells(row)
            if not labels:
                continue
            has_values = any(looks_like_value(c.text) and c.text.strip() for c in row)
            index, position = _match_row(labels, names, reading, where, exact=not has_values)
            if index is None:
                if has_values:
                    reading.note(
                        "error", f"row “{labels[-1][1]}” is not a row of the format", where
                    )
                continue
            row_specs = rows[keys[index]]
            count = columns or len(row_specs)
            cells, problem = _value_cells(table, row, position, count, where)
            if cells is None:
                reading.note("error", f"{row_specs[0].place.split('·')[0]}: {problem}", where)
                for spec in row_specs:
                    reading.values[spec.dotted] = None
                    reading.blanks[spec.dotted] = UNREADABLE
                    read.add(spec.dotted)
                continue
            if any(s.dotted in read for s in row_specs):
                reading.note("error", f"{keys[index][-1]}: the row appears twice", where)
                continue
            for spec, text in zip(row_specs, cells, strict=False):
                reading.cell(spec, parse_value(text, spec.kind), where)
                read.add(spec.dotted)
    return read


def _distinctive(tables: Sequence[Table]) -> set[str]:
    return {
        normalize_label(c.text) for t in tables for row in t.rows for c in row if c.text.strip()
    }


def _labels_of(specs: Sequence[CellSpec]) -> set[str]:
    return {normalize_label(s.row[-1]) for s in specs} | {
        normalize_label(s.column[-1]) for s in specs
    }


def _choose(
    tables: Sequence[Table], candidates: Sequence[type[Any]], path: str, year_edition: Edition
) -> type[Any]:
    """The layout of a part whose layout differs between editions that its labels fit best."""
    seen = _distinctive(tables)
    scores = []
    for cls in candidates:
        specs = [s for s in _specs_for(_sample({path: cls})) if s.dotted.startswith(path)]
        others = [c for c in candidates if c is not cls]
        mine = _labels_of(specs)
        theirs = set().union(
            *(
                _labels_of([s for s in _specs_for(_sample({path: o})) if s.dotted.startswith(path)])
                for o in others
            )
        )
        scores.append((len(seen & (mine - theirs)), cls is LAYOUTS[year_edition][path], cls))
    return max(scores, key=lambda s: (s[0], s[1]))[2]


def _review_row(tables: Sequence[Table], specs: Sequence[CellSpec], reading: _Reading) -> set[str]:
    """Section 四: one row of fifteen numbers under three header rows. The row is the first
    whose cells are all numbers or blanks with a number among them, else (every cell blank)
    the last row of blanks."""
    candidates: list[tuple[Table, int]] = []
    for table in tables:
        for number, row in enumerate(table.rows):
            cells = [c for c in row if c.origin or not table.structured]
            if cells and all(looks_like_value(c.text) for c in cells):
                candidates.append((table, number))
    filled = [(t, n) for t, n in candidates if any(c.text.strip() for c in t.rows[n])]
    if not candidates:
        return set()
    table, number = filled[0] if filled else candidates[-1]
    where = table.row_place(number)
    cells_text, problem = _value_cells(table, table.rows[number], -1, len(specs), where)
    if cells_text is None:
        reading.note("error", f"表四: {problem}", where)
        for spec in specs:
            reading.values[spec.dotted] = None
            reading.blanks[spec.dotted] = UNREADABLE
        return {s.dotted for s in specs}
    for spec, text in zip(specs, cells_text, strict=True):
        reading.cell(spec, parse_value(text, spec.kind), where)
    _check_review_header(table, number, reading)
    return {s.dotted for s in specs}


def _check_review_header(table: Table, data_row: int, reading: _Reading) -> None:
    known = [
        "行政复议",
        "行政诉讼",
        "未经复议直接起诉",
        "复议后起诉",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
    ]
    for number in range(data_row):
        for cell in table.rows[number]:
            text = cell.text.strip()
            if cell.origin and text and not looks_like_value(text):
                index, dist = best_match(text, known)
                if index is not None and dist:
                    reading.note(
                        "info",
                        f"“{text}” read as “{known[index]}” (a typo)",
                        table.row_place(number),
                    )


def _extra_table(table: Table, title: str, section: str) -> ExtraTable | None:
    rows = [[c.text for c in row if c.origin or not table.structured] for row in table.rows]
    rows = [r for r in rows if any(t.strip() for t in r)]
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    extra_rows = []
    for row in body:
        values: list[Any] = []
        for text in row[1:]:
            read = parse_value(text, Kind.MONEY)
            if read.blank:
                values.append(None)
            elif read.problem is None and read.unit is None and not re.search(r"[+,]", text):
                number = read.value
                values.append(
                    int(number) if isinstance(number, Decimal) and "." not in text else number
                )
            else:
                values.append(text)
        values = (values + [None] * len(header))[: len(header) - 1]
        extra_rows.append(ExtraRow(label=row[0], values=tuple(values)))
    return ExtraTable(
        title=title,
        section=cast("Literal['overview', 'problems', 'other_matters']", section),
        columns=tuple(header),
        rows=tuple(extra_rows),
    )


def read_national_tables(
    tables: Sequence[Table], report: Report
) -> tuple[dict[str, Any], list[str]]:
    """The cells of the three national tables (二、三、四, in that order) read by their labels,
    for a report of ``report``'s layout; and what could not be read. Used to verify a
    document rendered with a custom template, cell by cell, against the report."""
    reading = _Reading()
    specs = _specs_for(report)
    groups = [
        [s for s in specs if s.attribute[0] == name]
        for name in ("proactive", "requests", "review_litigation")
    ]
    read: set[str] = set()
    if len(tables) == 3:
        read |= _read_table_rows(tables[:1], groups[0], reading, None)
        read |= _read_table_rows(tables[1:2], groups[1], reading, 7)
        read |= _review_row(tables[2:], groups[2], reading)
    problems = [str(d) for d in reading.diagnostics if d.severity == "error"]
    if len(tables) != 3:
        problems.append(f"the document has {len(tables)} national tables, not 3")
    for spec in specs:
        if spec.dotted not in read:
            problems.append(f"{spec.place} is not where the format puts it")
    return reading.values, problems


# -- the whole ----------------------------------------------------------------------------------


def assemble(
    blocks: Sequence[Para | Table],
    *,
    source: str,
    fmt: str,
    encoding: str | None,
    properties: dict[str, str] | None = None,
) -> ReadResult:
    """Make a report of a source's paragraphs and tables."""
    properties = properties or {}
    styled = fmt == "docx" and any(
        isinstance(b, Para) and (b.style or "").startswith("Gov") for b in blocks
    )
    reading = _Reading()
    items: list[Para | Table] = []
    for block in blocks:
        if isinstance(block, Para):
            text = block.text if styled else clean_text(block.text)
            if not styled and (not text or _is_noise(text)):
                continue
            items.append(attrs.evolve(block, text=text) if text != block.text else block)
        else:
            items.append(block)

    # The title: organ and year.
    title_at, title = _find_title(items, styled)
    gov = {k.removeprefix("govinfo."): v for k, v in properties.items() if k.startswith("govinfo.")}
    parsed = _parse_title(title) if title else None
    organ = gov.get("organ") or (parsed[0] if parsed else None)
    year_text = gov.get("year") or (str(parsed[1]) if parsed else None)
    if not organ or not year_text:
        raise ReadError(
            "cannot find the report's title (the organ and the year): expected a line such as "
            "“某某单位2024年政府信息公开工作年度报告”"
        )
    year = int(year_text)
    year_edition = Edition(gov["edition"]) if "edition" in gov else Edition.for_year(year)

    # The six sections.
    heads: dict[str, int] = {}
    expected = 0
    for index in range(title_at + 1, len(items)):
        block = items[index]
        if isinstance(block, Para):
            number = _section_number(block, styled)
            if number is not None and _NUMERALS.index(number) >= expected:
                heads[number] = index
                expected = _NUMERALS.index(number) + 1
    for number in _NUMERALS:
        if number not in heads:
            reading.note("error", f"section {number} ({_SECTION_ATTRIBUTES[number]}) not found")

    def region(number: str) -> list[Para | Table]:
        if number not in heads:
            return []
        start = heads[number] + 1
        later = [i for n, i in heads.items() if _NUMERALS.index(n) > _NUMERALS.index(number)]
        return items[start : min(later) if later else len(items)]

    first_head = min(heads.values()) if heads else len(items)
    preamble = [b.text for b in items[title_at + 1 : first_head] if isinstance(b, Para)]
    if styled:
        preamble = preamble[1:] if preamble and not preamble[0] else preamble  # the blank line

    # The end of section 六: the signature.
    signature = None
    last = region("六")
    if styled:
        signed = [b for b in last if isinstance(b, Para) and b.style == "GovSignature"]
        if len(signed) == 2:
            date = _date(signed[1].text)
            if date is not None:
                signature = Signature(organ=signed[0].text, date=date)
            cut = last.index(signed[0])
            last = last[: cut - 1 if cut and isinstance(last[cut - 1], Para) else cut]
    else:
        closing = [b for b in last if isinstance(b, Para)]
        if len(closing) >= 2:
            date = _date(closing[-1].text)
            name = closing[-2].text
            if date is not None and len(name) <= 40 and not _SENTENCE_END.search(name):
                signature = Signature(organ=name, date=date)
                last = last[: last.index(closing[-2])]

    text_sections: dict[str, tuple[Part, ...]] = {}
    extras: list[ExtraTable] = []
    for number, attribute in (("一", "overview"), ("五", "problems"), ("六", "other_matters")):
        blocks_here = last if number == "六" else region(number)
        paras: list[Para] = []
        for index, block in enumerate(blocks_here):
            if isinstance(block, Table):
                title_para = (
                    paras.pop() if paras and (styled or len(paras[-1].text) <= 40) else None
                )
                extra = _extra_table(block, title_para.text if title_para else "表格", attribute)
                if extra is not None:
                    extras.append(extra)
                    if not block.extra:
                        reading.note(
                            "info", f"a table of the office's own: “{extra.title}”", block.where
                        )
                if styled and index + 1 < len(blocks_here):
                    following = blocks_here[index + 1]
                    if isinstance(following, Para) and not following.text and not following.style:
                        blocks_here = [*blocks_here[: index + 1], *blocks_here[index + 2 :]]
                continue
            paras.append(block)
        text_sections[attribute] = tuple(_text_parts(paras, styled))

    # The national tables.
    two = [b for b in region("二") if isinstance(b, Table)]
    three = [b for b in region("三") if isinstance(b, Table)]
    four = [b for b in region("四") if isinstance(b, Table)]
    for number, found in (("二", two), ("三", three), ("四", four)):
        if number in heads and not found:
            reading.note(
                "error",
                f"section {number} has no table this reader can read (in text, the cells of a "
                "table must be separated by tabs)",
            )
    proactive_cls = _choose(two, [Proactive, Proactive2019], "proactive", year_edition)
    other_cls = _choose(
        three,
        [OtherHandling, ApplicantCounts],
        "requests.outcomes.other_handling",
        year_edition,
    )
    parts_layout = {"proactive": proactive_cls, "requests.outcomes.other_handling": other_cls}
    sample = _sample(parts_layout)
    specs = _specs_for(sample)
    read: set[str] = set()
    read |= _read_table_rows(
        two, [s for s in specs if s.attribute[0] == "proactive"], reading, None
    )
    read |= _read_table_rows(three, [s for s in specs if s.attribute[0] == "requests"], reading, 7)
    read |= _review_row(four, [s for s in specs if s.attribute[0] == "review_litigation"], reading)
    for spec in specs:
        if spec.dotted not in read:
            reading.values[spec.dotted] = None
            reading.blanks[spec.dotted] = NOT_FOUND
    # (Cells of an unreadable row count as read: their row has its diagnostic already.)
    missing = [s for s in specs if s.dotted not in read]
    for table_number in ("二", "三", "四"):
        lost = [s for s in missing if s.table.number == table_number]
        if (
            lost
            and table_number in heads
            and any((two, three, four)[("二", "三", "四").index(table_number)])
        ):
            shown = "、".join(s.place for s in lost[:3]) + ("……" if len(lost) > 3 else "")
            reading.note("error", f"{len(lost)} cell(s) of 表{table_number} not found: {shown}")

    edition_found = {
        path: next(e for e in Edition if LAYOUTS[e][path] is cls)
        for path, cls in parts_layout.items()
    }
    editions = set(edition_found.values())
    edition = editions.pop() if len(editions) == 1 else year_edition
    if "edition" in gov:
        edition = Edition(gov["edition"])

    published = None
    if "published" in gov:
        try:
            published = dt.date.fromisoformat(gov["published"])
        except ValueError:
            reading.note(
                "error", f"the document's publication date is not a date: {gov['published']}"
            )
    report_title: str | None
    if "title" in gov:
        report_title = gov["title"]
    elif styled and "organ" in gov:
        report_title = None
    else:
        report_title = title
    report = _sample(parts_layout).replace(
        organ=organ,
        year=year,
        edition=edition,
        title=report_title,
        published=published,
        signature=signature,
        preamble=tuple(preamble),
        extras=tuple(extras),
        **text_sections,
    )
    if report.title == report.default_title:
        report = report.replace(title=None)  # the title the format prescribes
    report = update(report, reading.values, recompute_totals=False)
    assert report_layout(report) == parts_layout
    return ReadResult(
        report=report,
        source=source,
        format=fmt,
        encoding=encoding,
        edition=edition,
        layout=edition_found,
        diagnostics=tuple(reading.diagnostics),
        blanks=dict(reading.blanks),
    )


def _find_title(items: Sequence[Para | Table], styled: bool) -> tuple[int, str | None]:
    """The index of the (last) title paragraph and the title's text."""
    if styled:
        lines = [
            (i, b) for i, b in enumerate(items) if isinstance(b, Para) and b.style == "GovTitle"
        ]
        if lines:
            return lines[-1][0], "".join(b.text for _, b in lines)
    for index, block in enumerate(items):
        if not isinstance(block, Para):
            continue
        text = unicodedata.normalize("NFKC", block.text)
        if "政府信息公开" in text and "报告" in text and len(text) <= 80:
            if _parse_title(block.text) is None and index > 0:
                previous = items[index - 1]
                if isinstance(previous, Para) and len(previous.text) <= 40:
                    joined = previous.text + block.text
                    if _parse_title(joined) is not None:
                        return index, joined
            return index, block.text
    return -1, None
