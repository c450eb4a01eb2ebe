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

from .. import limits
from ..cells import CellSpec, layout
from ..checks import prose_findings
from ..errors import GovinfoError
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
from ..model._fields import MONEY_PLACES
from ..model.extra import check_extra_value
from ..model.report import (
    FIRST_YEAR,
    LAST_YEAR,
    LAYOUTS,
    check_organ,
    check_title,
    report_layout,
)
from ._blocks import Cell, Para, Table, markdown_strong, unmark
from ._normalize import (
    CLEANED_CHARS,
    NUMBERED,
    PAGE_NUMBER,
    ReadValue,
    alias_match,
    best_match,
    clean_text,
    list_number,
    looks_like_value,
    normalize_label,
    numbers_differ,
    parse_value,
    section_number,
)

__all__ = ["Diagnostic", "Given", "ReadError", "ReadResult", "assemble"]

Severity = Literal["error", "warning", "info"]


@attrs.frozen
class Diagnostic:
    """Something the reader could not read, or read only by tolerating it."""

    severity: Severity
    """``error``: something of the report could not be read (it is blank in the report);
    ``warning``: read, but the source holds something the report does not keep; ``info``:
    tolerated and read (a typo, a unit, web page text around the report)."""
    message: str
    where: str | None = None
    """Its place in the source: ``line 40``, ``table 2, row 7``."""
    path: str | None = None
    """The JSON path of the cell or field concerned, when there is one."""

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where else ""
        return f"{where}{self.message}"


class ReadError(GovinfoError):
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

_CHROME: Final = re.compile(
    r"(版权所有|主办单位|承办单位|技术支持|网站标识码|ICP备|公网安备|打印本页|关闭窗口|【打印】|"
    r"【关闭】|分享到|当前位置|您当前的位置|字号[:：]|浏览次数|来源[:：].*发布时间|发布时间[:：])"
)


# -- the title --------------------------------------------------------------------------------

_TITLE_END: Final = r"(?:\s*[（(][^）)]{0,12}[)）])?\s*$"  # a title ends there, or with “（全文）”
_TITLES: Final = (
    re.compile(
        r"^(?P<organ>.*?)\s*(?:关于\s*)?(?P<year>\d{4})\s*年\s*度?\s*(?:的)?\s*"
        r"政府信息公开(?:工作)?(?:年度)?(?:工作)?(?:年度)?(?:的)?报告" + _TITLE_END
    ),
    re.compile(
        r"^(?P<year>\d{4})\s*年\s*度?\s*(?P<organ>.+?)\s*政府信息公开(?:工作)?(?:年度)?报告"
        + _TITLE_END
    ),
    re.compile(
        r"^(?P<organ>.+?)\s*政府信息公开(?:工作)?(?:年度)?报告\s*[（(]\s*(?P<year>\d{4})"
        r"\s*年\s*度?\s*[)）]\s*$"
    ),
)
_NOT_A_TITLE: Final = re.compile(
    r"(相关链接|当前位置|您现在的位置|上一篇|下一篇|的通知|关于印发|关于公布)"
)


def _parse_title(title: str) -> tuple[str | None, int] | None:
    """The organ and year a title names (no organ in “关于2023年度政府信息公开工作的报告”)."""
    text = unicodedata.normalize("NFKC", title).strip()
    for pattern in _TITLES:
        match = pattern.match(text)
        if match is not None:
            organ = match.group("organ").strip(" :：") or None
            if organ in ("关于", None):
                organ = None
            return organ, int(match.group("year"))
    return None


# -- sections ---------------------------------------------------------------------------------

_NUMERALS: Final = "一二三四五六"
_SECTION_ATTRIBUTES: Final = {
    "一": "overview",
    "二": "proactive",
    "三": "requests",
    "四": "review_litigation",
    "五": "problems",
    "六": "other_matters",
}


def _section_number(para: Para, styled: bool) -> str | None:
    if styled and para.style != "GovHeading1":
        return None
    return section_number(para.text)


# -- text parts -------------------------------------------------------------------------------

_SENTENCE_END: Final = re.compile(r"[。！？!?；;]")
_HEADING_END: Final = re.compile(r"[。！？!?：:]")  # where a run-in heading ends (not at “；”)


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
                open_part(para.lead, (para.marked(),), True)
            elif para.style == "GovNewPart":
                open_part(None, (para.marked(),), False)
            elif started:
                paragraphs.append(para.marked())
            else:
                open_part(None, (para.marked(),), False)
            continue
        text = para.text
        if not text:
            continue
        if NUMBERED.match(text):
            end = _HEADING_END.search(text)
            if end is None and not _SENTENCE_END.search(text):
                open_part(text, (), False)  # a heading on a line of its own
                continue
            head = text[: end.end()] if end is not None else text
            rest = text[len(head) :].strip()
            if rest and len(head) <= 40:
                open_part(head, (para.marked(len(head), strip=True),), True)  # a run-in heading
            else:
                open_part(None, (para.marked(),), False)  # a numbered paragraph of one sentence
            continue
        if started:
            paragraphs.append(para.marked())
        else:
            open_part(None, (para.marked(),), False)
    close()
    return parts


_DATE: Final = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def _date(text: str) -> dt.date | None:
    """The date a line reads as (``2024年1月5日``, in full-width digits too), or None."""
    # A line that is a date ends in 日: whatever normalising does to the rest, the last
    # character that is not a space must read as one ending in 日 (no composition makes 日).
    # Long paragraphs are then let go without normalising them whole.
    last = text.rstrip()[-1:]
    if not unicodedata.normalize("NFKC", last).rstrip().endswith("日"):
        return None
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
    rows_at: dict[str, tuple[str, list[int | Decimal | None] | None]] = attrs.field(factory=dict)
    """Each row of the format met (by its first cell): where, and the values its cells said
    (None when they could not be told apart or read)."""

    def note(
        self, severity: Severity, message: str, where: str | None = None, path: str | None = None
    ) -> None:
        self.diagnostics.append(Diagnostic(severity, message, where, path))

    def cell(self, spec: CellSpec, read: ReadValue, where: str, dotted: str | None = None) -> None:
        dotted = dotted or spec.dotted
        if read.problem is not None:
            self.values[dotted] = None
            self.blanks[dotted] = clean_text(read.raw)
            self.note("error", f"{spec.place}: {read.problem}", where, spec.json_path)
            return
        value = read.value
        if read.mark is not None:
            self.note(
                "info",
                f"{spec.place}: the footnote mark “{read.mark}” in “{clean_text(read.raw)}” is "
                f"not part of the number: read as {value}",
                where,
                spec.json_path,
            )
        if read.blank:
            self.blanks[dotted] = read.raw
        elif spec.kind is Kind.MONEY and read.unit == "元" and "万元" in spec.column_label:
            assert value is not None
            converted = Decimal(value).scaleb(-4)
            exponent = converted.as_tuple().exponent
            if isinstance(exponent, int) and exponent < -MONEY_PLACES:
                places = converted.quantize(Decimal(1).scaleb(-MONEY_PLACES))
                if places != converted:  # more than an amount's six decimal places
                    self.values[dotted] = None
                    self.blanks[dotted] = clean_text(read.raw)
                    self.note(
                        "error",
                        f"{spec.place}: “{clean_text(read.raw)}” is in 元, the column in 万元: "
                        f"{converted:f} has more than {MONEY_PLACES} decimal places",
                        where,
                        spec.json_path,
                    )
                    return
                converted = places
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
        self.values[dotted] = value


def _label_cells(row: Sequence[Cell]) -> list[tuple[int, str]]:
    """The leading label cells of a row: (position, text), up to the first value cell."""
    return _label_scan(row)[0]


def _label_scan(row: Sequence[Cell]) -> tuple[list[tuple[int, str]], bool]:
    """The leading label cells of a row, and whether a value cell ends them."""
    labels: list[tuple[int, str]] = []
    for index, cell in enumerate(row):
        text = cell.text.strip()
        if not text:
            continue
        if looks_like_value(text):
            return labels, True
        labels.append((index, text))
    return labels, False


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
    # Empty cells before the numbers are what is left of merged label cells, after them of a
    # table wider than the row: left out when only one way of leaving them out leaves
    # ``count`` cells. An empty cell between numbers is a blank cell, never a remnant.
    extra = len(cells) - count
    leading = next((i for i, c in enumerate(cells) if c.strip()), len(cells))
    trailing = next((i for i, c in enumerate(reversed(cells)) if c.strip()), len(cells))
    if extra > 0 and filled and min(leading, extra) == extra - min(trailing, extra):
        cut = min(leading, extra)
        return cells[cut : cut + count], None
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


_ROW_NUMBER: Final = re.compile(r"^\s*(?:\d+[.、．]|[（(][^)）]{1,3}[)）])\s*")


def _known_variant(reading: _Reading, text: str, label: str, variant: str, where: str) -> None:
    word = "" if variant == text else f": {variant}"
    reading.note(
        "info", f"“{text}” read as “{label}” (a known variant{word}, see docs/read.md)", where
    )


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
        if dist or index is None:
            variant = alias_match(text, candidates)
            if variant is not None:
                _known_variant(reading, text, candidates[variant[0]], variant[1], where)
                return variant[0], position
        if index is None:
            # Numbered otherwise (“（3）其他”, or not at all): the words decide, and the
            # numbers, when both have one, agree.
            stripped = _ROW_NUMBER.sub("", text)
            bare = [_ROW_NUMBER.sub("", c) for c in candidates]
            index, dist = best_match(stripped, bare)
            if index is not None and numbers_differ(
                list_number(text), list_number(candidates[index])
            ):
                index = None
            dist = max(dist, 1) if index is not None else dist
        if index is not None:
            if dist:
                reading.note("info", f"“{text}” read as “{candidates[index]}” (a typo)", where)
            return index, position
    return None, -1


@attrs.frozen
class _Rows:
    """The rows of a national table as the reader looks for them: each row's label path, the
    label that names it (its last), and its cells with their dotted paths."""

    keys: tuple[tuple[str, ...], ...]
    names: tuple[str, ...]
    cells: tuple[tuple[tuple[CellSpec, str], ...], ...]
    furniture: str = ""
    """The table's labels that are no row's (the group column's, the column headers, the
    note), normalised and joined by NUL: what may be left out of a row's label."""


_PAGE_WORDS: Final = ("续表", "单位：件", "单位：万元")


def _rows(specs: Sequence[CellSpec]) -> _Rows:
    rows: dict[tuple[str, ...], list[tuple[CellSpec, str]]] = {}
    furniture: set[str] = set(_PAGE_WORDS)
    for spec in specs:
        rows.setdefault(spec.row, []).append((spec, spec.dotted))
        furniture.update(spec.row[:-1])
        furniture.update(spec.column)
        info = spec.table
        furniture.update((info.note, info.column_caption, info.row_header))
    keys = tuple(rows)
    return _Rows(
        keys,
        tuple(key[-1] if key else "" for key in keys),
        tuple(tuple(rows[k]) for k in keys),
        "\0".join(sorted(normalize_label(text) for text in furniture if text)),
    )


@functools.lru_cache(maxsize=16)
def _plan(
    parts: tuple[tuple[str, type[Any]], ...],
) -> tuple[tuple[tuple[CellSpec, str], ...], dict[str, _Rows]]:
    """For a layout: every cell with its dotted path, and the rows of each table's section."""
    specs = _specs_for(_sample(dict(parts)))
    return tuple((s, s.dotted) for s in specs), {
        name: _rows([s for s in specs if s.attribute[0] == name])
        for name in ("proactive", "requests", "review_litigation")
    }


def _read_table_rows(
    tables: Sequence[Table],
    rows: _Rows,
    reading: _Reading,
    columns: int | None,
) -> set[str]:
    """Read the rows of ``tables`` into ``reading`` by their row labels; ``columns`` fixes the
    number of value cells per row (section 三), else the row's own cells in ``rows`` do.
    Returns the dotted paths of the cells read."""
    read: set[str] = set()
    for table in tables:
        if table.loose:
            _read_loose_rows(table, rows, reading, columns, read)
            continue
        for number, row in enumerate(table.rows):
            labels, valued = _label_scan(row)
            if not labels:
                continue
            where = table.row_place(number)
            has_values = valued or any(c.text.strip() and looks_like_value(c.text) for c in row)
            index, position = _match_row(labels, rows.names, reading, where, exact=not has_values)
            if index is None:
                if has_values:
                    reading.note(
                        "error", f"row “{labels[-1][1]}” is not a row of the format", where
                    )
                continue
            count = columns or len(rows.cells[index])
            cells, problem = _value_cells(table, row, position, count, where)
            _read_row(rows, index, cells, problem, reading, where, read)
    return read


def _row_place(spec: CellSpec) -> str:
    """A row's short name: ``表三二、上年结转政府信息公开申请数量``,
    ``表三（五）不予处理·2.重复申请``."""
    return spec.table.short_name + "·".join(spec.row[1:] if len(spec.row) > 1 else spec.row)


def _read_row(
    rows: _Rows,
    index: int,
    texts: Sequence[str] | None,
    problem: str | None,
    reading: _Reading,
    where: str,
    read: set[str],
) -> None:
    """Read the cells of the format's row ``index`` from ``texts``; or, when its cells cannot
    be told apart (``problem``), leave them blank and say why."""
    row_cells = rows.cells[index]
    key = row_cells[0][1]
    first = reading.rows_at.get(key)
    said = (
        None
        if texts is None or len(texts) != len(row_cells)
        else [
            parse_value(text, spec.kind) for (spec, _), text in zip(row_cells, texts, strict=True)
        ]
    )
    values = None if said is None or any(v.problem for v in said) else [v.value for v in said]
    if first is None:
        reading.rows_at[key] = (where, values)
    if texts is None:
        reading.note("error", f"{_row_place(row_cells[0][0])}: {problem}", where)
        for _, dotted in row_cells:
            reading.values[dotted] = None
            reading.blanks[dotted] = UNREADABLE
            read.add(dotted)
        return
    if first is not None:
        # Two rows of the source name one row of the format (a second table, a subtotal row
        # taken for it …): the same numbers twice are read, different ones are not guessed.
        place, before = first
        if values is not None and before == values:
            reading.note(
                "warning",
                f"{_row_place(row_cells[0][0])}: the row appears twice (first at {place}), "
                "with the same numbers",
                where,
            )
            return
        reading.note(
            "error",
            f"{_row_place(row_cells[0][0])}: the row appears twice (first at {place}) with "
            "different numbers: which are its numbers cannot be told",
            where,
        )
        for _, dotted in row_cells:
            reading.values[dotted] = None
            reading.blanks[dotted] = UNREADABLE
        return
    if said is None:
        said = [
            parse_value(text, spec.kind) for (spec, _), text in zip(row_cells, texts, strict=False)
        ]
    for (spec, dotted), value in zip(row_cells, said, strict=False):
        reading.cell(spec, value, where, dotted)
        read.add(dotted)


_LOOSE_PIECES: Final = 8  # label rows looked at before and after a row of numbers


@attrs.frozen
class _Spelling:
    """The labels a loose table's rows may spell (normalised), and every start of them."""

    positions: dict[str, int]
    starts: frozenset[str]


@functools.lru_cache(maxsize=64)
def _spelling(names: tuple[str, ...]) -> _Spelling:
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        positions.setdefault(normalize_label(name), index)
    starts = frozenset(key[:n] for key in positions for n in range(1, len(key) + 1))
    return _Spelling(positions, starts)


@functools.lru_cache(maxsize=4096)
def _furniture_word(word: str, furniture: str) -> bool:
    key = normalize_label(word)
    return not key or key in furniture


@functools.lru_cache(maxsize=4096)
def _is_furniture(text: str, furniture: str) -> bool:
    """Whether every word of a label line is (a piece of) the table's furniture — the group
    column's labels, the column headers, the note — or the line is a page number."""
    return bool(PAGE_NUMBER.match(text)) or all(
        _furniture_word(word, furniture) for word in text.split()
    )


@functools.lru_cache(maxsize=4096)
def _piece_options(text: str) -> tuple[str, ...]:
    """A label piece without 0, 1, 2 … of its first words, normalised: text printed from a
    table puts the pieces of the group label column on the left of the row label's."""
    words = text.split()
    return tuple(normalize_label("".join(words[i:])) for i in range(len(words)))


def _spell(
    pieces: Sequence[int],
    texts: Sequence[str],
    own: int,
    names: tuple[str, ...],
    indents: Sequence[int],
) -> tuple[tuple[int, bool, int], ...]:
    """The rows whose labels ``pieces`` spell, in order, each piece from any of its words on,
    the row's own label possibly left out, and so may a piece set further left than another
    (a piece of the group column between the row label's, in text printed from a table);
    with whether each spelling uses the row's own label, and the side of the numbers it
    takes its label from (:data:`_FREE`, :data:`_ABOVE`, :data:`_BELOW`)."""
    deepest = max((indents[p] for p in pieces if texts[p].strip()), default=0)
    droppable = tuple(p == own or indents[p] < deepest for p in pieces)
    at = pieces.index(own)
    found = []
    for index, used in _spelled(tuple(texts[p] for p in pieces), droppable, names):
        above, below = any(used[:at]), any(used[at + 1 :])
        side = _ABOVE if above and not below else _BELOW if below and not above else _FREE
        found.append((index, used[at], _FREE if used[at] else side))
    return tuple(found)


_FREE, _ABOVE, _BELOW = 0, 1, 2  # a label on its row's line or around it; above; below


@functools.lru_cache(maxsize=16384)
def _spelled(
    pieces: tuple[str, ...], droppable: tuple[bool, ...], names: tuple[str, ...]
) -> tuple[tuple[int, tuple[bool, ...]], ...]:
    spelling = _spelling(names)
    found: list[tuple[int, tuple[bool, ...]]] = []

    def walk(at: int, spelled: str, used: tuple[bool, ...]) -> None:
        if at == len(pieces):
            index = spelling.positions.get(spelled)
            if index is not None:
                found.append((index, used))
            return
        options = list(_piece_options(pieces[at]))
        if droppable[at]:
            options.append("")
        for option in options:
            joined = spelled + option
            if joined and joined not in spelling.starts:
                continue
            walk(at + 1, joined, (*used, bool(option)))

    walk(0, "", ())
    return tuple(dict.fromkeys(found))


@attrs.frozen
class _Choice:
    """A label for a row of numbers: ``before`` label rows before it and ``after`` after it
    (with its own label) spell the row ``index`` of the format (None: no label, or one that
    is no row of the format — a subtotal's, a label cut short)."""

    before: int
    after: int
    index: int | None
    note: str | None = None
    own: bool = True
    """Whether the row's own label (on its line) is part of the label: a label that leaves
    it out treats it as a piece of the group column."""
    side: int = 0
    """Where the label is: on the row's line or around its numbers (_FREE), only above them
    (_ABOVE), only below them (_BELOW)."""


def _read_loose_rows(
    table: Table, rows: _Rows, reading: _Reading, columns: int | None, read: set[str]
) -> None:
    """The rows of a loose table. Each row of numbers takes its label from its own label cell
    and the label rows next to it; every way of sharing the label rows out (each used once,
    each row's pieces next to it) that labels the most rows is considered, and a row is read
    only when all of them give it the same label — otherwise it is reported.

    A label counts only for a row with as many numbers as the row it names has cells (a line
    of one number, a row cut in two, gains nothing by taking a label). And a row of numbers
    may be no row of the format, or may have lost its label: then the others could each take
    the next one's label and label one row more than the truth does. So where the text shows
    it, the ways of sharing that label one row fewer are considered too: next to a label row
    left to no row, or with its own label left out, that is no piece of the table's furniture
    (the group column, the headers), a row may have a label of its own that is no row's; and
    a row that takes its label from above its numbers next to one that takes it from below
    (or the other way round) may have taken its neighbour's."""
    texts: list[str] = []
    values_of: list[list[str] | None] = []
    for row in table.rows:
        labels = _label_cells(row)
        texts.append(" ".join(text for _, text in labels))
        after = labels[-1][0] + 1 if labels else 0
        values = [c.text for c in row[after:]]
        # A row of one cell is a label row, even a label piece that looks like a number.
        has_values = len(row) > 1 and any(text.strip() for text in values)
        values_of.append(values if has_values else None)
        if len(row) == 1 and not labels:
            texts[-1] = row[0].text
    value_rows = [i for i, values in enumerate(values_of) if values is not None]
    if not value_rows:
        return
    # Where each row's text starts, in text printed from a table (a column: further left, the
    # group column; further right, the row labels').
    indents = [0] * len(texts)
    if len(table.texts) == len(texts):
        indents = [len(line.expandtabs()) - len(line.expandtabs().lstrip()) for line in table.texts]
    # The label rows between two rows of numbers (gaps[k] before value_rows[k]).
    bounds = [-1, *value_rows, len(texts)]
    gaps = [list(range(bounds[k] + 1, bounds[k + 1])) for k in range(len(bounds) - 1)]
    choices = [
        _loose_choices(number, gaps[k], gaps[k + 1], texts, rows.names, indents)
        for k, number in enumerate(value_rows)
    ]
    # Empty cells before the numbers are what is left of merged label cells, after them of a
    # table wider than the row; between them, blank cells.
    given_of: list[list[str]] = []
    for number in value_rows:
        numbers = values_of[number]
        assert numbers is not None
        first = next(i for i, text in enumerate(numbers) if text.strip())
        last = max(i for i, text in enumerate(numbers) if text.strip())
        given_of.append(numbers[first : last + 1])
    counts = [
        {
            c: c.index is not None and len(given) == (columns or len(rows.cells[c.index]))
            for c in options
        }
        for options, given in zip(choices, given_of, strict=True)
    ]
    sizes = [len(gap) for gap in gaps]
    optimum, chosen, unused = _best_sharing(choices, counts, sizes)
    alternatives: list[list[list[_Choice]]] = []
    for k, options in _suspects(choices, chosen, unused, gaps, texts, value_rows, rows.furniture):
        # The row ``k`` may have a label that is no row's: the best sharings where it has.
        alternatives.append([*choices[:k], options, *choices[k + 1 :]])
    # A row that takes its label from one side of its numbers, next to a row that takes its
    # label from the other: it may have no label of its own (lost, or a row that is no row
    # of the format) and have taken its neighbour's. The best sharings where it does not.
    sides = [{c.side for c in options if c.index is not None} for options in chosen]
    for k, here in enumerate(sides):
        near = set().union(*sides[max(k - 1, 0) : k], *sides[k + 1 : k + 2])
        for side, other in ((_ABOVE, _BELOW), (_BELOW, _ABOVE)):
            if side in here and other in near:
                options = [c for c in choices[k] if c.side != side or c.index is None]
                alternatives.append([*choices[:k], options, *choices[k + 1 :]])
    for alternative in alternatives:
        score, more, _ = _best_sharing(alternative, counts, sizes)
        if score is not None and optimum is not None and score >= optimum - 1:
            chosen = [list(dict.fromkeys([*a, *b])) for a, b in zip(chosen, more, strict=True)]
    for k, number in enumerate(value_rows):
        numbers = values_of[number]
        assert numbers is not None
        where = table.row_place(number)
        own = texts[number]
        given = given_of[k]
        indexes = sorted({c.index for c in chosen[k] if c.index is not None})
        unfit = len(indexes) == 1 and not any(counts[k].get(c) for c in chosen[k])
        if len(indexes) > 1 or (indexes and not unfit and any(c.index is None for c in chosen[k])):
            shown = "、".join(f"“{rows.names[i]}”" for i in indexes)
            reading.note(
                "error",
                f"the numbers here could belong to {shown} or another row: which cannot be told",
                where,
            )
            continue
        if not indexes:
            reading.note(
                "error", f"row “{own or ' '.join(numbers)}” is not a row of the format", where
            )
            continue
        index = indexes[0]
        notes = {c.note for c in chosen[k]}
        if len(notes) == 1 and None not in notes:
            (note,) = notes
            assert note is not None
            reading.note("info", note, where)
        count = columns or len(rows.cells[index])
        problem = f"{len(given)} numbers where {count} belong: which cell is which cannot be told"
        _read_row(
            rows, index, given if len(given) == count else None, problem, reading, where, read
        )


def _suspects(
    choices: Sequence[Sequence[_Choice]],
    chosen: Sequence[Sequence[_Choice]],
    unused: Sequence[set[int]],
    gaps: Sequence[Sequence[int]],
    texts: Sequence[str],
    value_rows: Sequence[int],
    furniture: str,
) -> list[tuple[int, list[_Choice]]]:
    """Rows that may have a label of their own that is no row of the format: next to a label
    row that a best sharing leaves to no row, or with their own label left out — the label
    being no piece of the furniture. For each, the choices where it takes that label (and so
    none of the format's)."""
    found: list[tuple[int, list[_Choice]]] = []
    # Above the first row, what stands above the headers is no row's (a caption, a unit).
    header = max(
        (i for i, line in enumerate(gaps[0]) if _is_furniture(texts[line], furniture)),
        default=-1,
    )
    for g, gap in enumerate(gaps):
        for i in sorted(unused[g]):
            if (g == 0 and i <= header) or _is_furniture(texts[gap[i]], furniture):
                continue
            if g > 0 and i < _LOOSE_PIECES:  # the row before takes it, after its numbers
                found.append(
                    (g - 1, [c for c in choices[g - 1] if c.index is None and c.after > i])
                )
            if g < len(value_rows) and len(gap) - i <= _LOOSE_PIECES:  # the row after
                found.append(
                    (g, [c for c in choices[g] if c.index is None and c.before >= len(gap) - i])
                )
    for k, number in enumerate(value_rows):
        own = texts[number]
        dropped = any(not c.own for c in chosen[k])
        if dropped and own.strip() and not _is_furniture(own, furniture):
            found.append((k, [c for c in choices[k] if c.own]))
    return [(k, options) for k, options in found if options]


def _loose_choices(
    number: int,
    before: Sequence[int],
    after: Sequence[int],
    texts: Sequence[str],
    names: tuple[str, ...],
    indents: Sequence[int],
) -> list[_Choice]:
    """The labels a row of numbers may take: spelled by its own label and up to a few label
    rows before and after it; its own label read with a typo or as a known variant; none —
    or, none of the format's, its own and any label rows next to it."""
    before = before[-_LOOSE_PIECES:]
    after = after[:_LOOSE_PIECES]
    found = [_Choice(0, 0, None)]
    for b in range(len(before) + 1):
        for a in range(len(after) + 1):
            pieces = [*before[len(before) - b :], number, *after[:a]]
            for spelled, own_used, side in _spell(pieces, texts, number, names, indents):
                uses_own = own_used or not texts[number].strip()
                found.append(_Choice(b, a, spelled, own=uses_own, side=side))
    own = texts[number]
    if own and not any(c.index is not None and c.before == c.after == 0 for c in found):
        match, dist = best_match(own, names)
        variant = alias_match(own, names) if dist or match is None else None
        if variant is not None:
            word = "" if variant[1] == own else f": {variant[1]}"
            known = (
                f"“{own}” read as “{names[variant[0]]}” (a known variant{word}, see docs/read.md)"
            )
            found.append(_Choice(0, 0, variant[0], known))
        elif match is not None:
            typo = f"“{own}” read as “{names[match]}” (a typo)" if dist else None
            found.append(_Choice(0, 0, match, typo))
    # A label that is no row's, made of its own and label rows next to it: only looked at
    # when the row is suspected of having one (see ``_suspects``).
    found += [
        _Choice(b, a, None) for b in range(len(before) + 1) for a in range(len(after) + 1) if b or a
    ]
    return list(dict.fromkeys(found))


def _best_sharing(
    choices: Sequence[Sequence[_Choice]],
    counts: Sequence[dict[_Choice, bool]],
    gaps: Sequence[int],
) -> tuple[int | None, list[list[_Choice]], list[set[int]]]:
    """The most rows a sharing of the label rows labels (each choice counting as ``counts``
    says; each label row used by one row at most); for each row of numbers, its choices that
    belong to such a best sharing; and for each gap, the label rows some best sharing leaves
    to no row."""
    rows = len(choices)
    # Each row's choices by the label rows they take: what the best of them is worth.
    worth: list[dict[tuple[int, int], int]] = []
    for k, options in enumerate(choices):
        pairs: dict[tuple[int, int], int] = {}
        for c in options:
            pair = (c.before, c.after)
            pairs[pair] = max(pairs.get(pair, 0), int(counts[k].get(c, False)))
        worth.append(pairs)
    # forward[k][a]: most rows labelled before row k, row k-1 taking ``a`` rows of gap k.
    forward: list[dict[int, int]] = [{0: 0}] + [{} for _ in range(rows)]
    for k in range(rows):
        ahead = forward[k + 1]
        for taken, score in forward[k].items():
            for (before, after), value in worth[k].items():
                if before + taken <= gaps[k] and score + value > ahead.get(after, -1):
                    ahead[after] = score + value
    # backward[k][a]: most rows labelled from row k on, when ``a`` rows of gap k are taken.
    backward: list[dict[int, int]] = [{} for _ in range(rows)] + [
        dict.fromkeys(range(gaps[rows] + 1), 0)
    ]
    for k in range(rows - 1, -1, -1):
        behind = backward[k + 1]
        for taken in range(gaps[k] + 1):
            best = max(
                (
                    value + behind[after]
                    for (before, after), value in worth[k].items()
                    if after in behind and before + taken <= gaps[k]
                ),
                default=-1,
            )
            if best >= 0:
                backward[k][taken] = best
    optimum = backward[0].get(0)
    unused: list[set[int]] = [set() for _ in range(rows + 1)]
    if optimum is None:
        return None, [[] for _ in range(rows)], unused
    chosen: list[list[_Choice]] = []
    for k in range(rows):
        here = []
        for c in choices[k]:
            if c.after not in backward[k + 1]:
                continue
            worth_here = counts[k].get(c, False) + backward[k + 1][c.after]
            takens = [
                taken
                for taken, score in forward[k].items()
                if c.before + taken <= gaps[k] and score + worth_here == optimum
            ]
            if takens:
                here.append(c)
                for taken in takens:
                    unused[k].update(range(taken, gaps[k] - c.before))
                if k == rows - 1:
                    unused[rows].update(range(c.after, gaps[rows]))
        chosen.append(here)
    return optimum, chosen, unused


def _seen_labels(tables: Sequence[Table]) -> tuple[list[str], set[str]]:
    """The label that ends each row (what the row is), and every label of the tables."""
    last: list[str] = []
    every: set[str] = set()
    for table in tables:
        for row in table.rows:
            labels = _label_cells(row)
            if labels:
                last.append(labels[-1][1])
            every |= {normalize_label(text) for _, text in labels}
    return last, every


def _choose(
    tables: Sequence[Table], candidates: Sequence[type[Any]], path: str, year_edition: Edition
) -> type[Any]:
    """The layout, of a part whose layout differs between editions, that its labels fit best:
    rows are known by the label that ends them (the 2019 （六）其他处理 is a row of its own, the
    2021 one a group of three), columns by their headers. A tie goes to the year's edition."""
    last, every = _seen_labels(tables)
    scores = []
    for cls, (own_rows, own_columns) in zip(
        candidates, _own_labels(tuple(candidates), path), strict=True
    ):
        matched = sum(1 for text in last if best_match(text, own_rows)[0] is not None)
        scores.append((matched + len(every & own_columns), cls is LAYOUTS[year_edition][path], cls))
    return max(scores, key=lambda s: (s[0], s[1]))[2]


@functools.lru_cache(maxsize=16)
def _own_labels(
    candidates: tuple[type[Any], ...], path: str
) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """For each layout of a part, the row labels and (normalised) column labels that no other
    layout has."""
    specs = {
        cls: [s for s in _specs_for(_sample({path: cls})) if s.dotted.startswith(path)]
        for cls in candidates
    }
    rows = {cls: {s.row[-1] for s in found if s.row} for cls, found in specs.items()}
    columns = {cls: {normalize_label(s.column[-1]) for s in found} for cls, found in specs.items()}
    own = []
    for cls in candidates:
        others = [o for o in candidates if o is not cls]
        own_rows = tuple(sorted(rows[cls] - set().union(*(rows[o] for o in others))))
        own_columns = frozenset(columns[cls] - set().union(*(columns[o] for o in others)))
        own.append((own_rows, own_columns))
    return tuple(own)


def _review_row(tables: Sequence[Table], specs: Sequence[CellSpec], reading: _Reading) -> set[str]:
    """Section 四: one row of fifteen numbers under three header rows. The row is the one
    whose cells are all numbers or blanks with a number among them, else (every cell blank)
    the last row of blanks. Two such rows that differ (a row of column numbers 1 … 15 above
    the data, a second table) cannot be told apart: neither is read."""
    candidates: list[tuple[Table, int]] = []
    texts: list[tuple[str, ...]] = []  # the numbers of each candidate
    for table in tables:
        for number, row in enumerate(table.rows):
            cells = [c for c in row if c.origin or not table.structured]
            if cells and all(looks_like_value(c.text) for c in cells):
                candidates.append((table, number))
                texts.append(tuple(c.text.strip() for c in cells if c.text.strip()))
    filled = [found for found, numbers in zip(candidates, texts, strict=True) if numbers]
    if not candidates:
        return set()
    if len({numbers for numbers in texts if numbers}) > 1:
        places = "、".join(t.row_place(n) for t, n in filled[:4])
        reading.note(
            "error",
            f"表四: {len(filled)} rows of numbers ({places}): which is the table's cannot be told",
            filled[0][0].row_place(filled[0][1]),
        )
        for spec in specs:
            reading.values[spec.dotted] = None
            reading.blanks[spec.dotted] = UNREADABLE
        return {s.dotted for s in specs}
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


_WHOLE: Final = re.compile(r"-?(?:0|[1-9]\d*)")
_DECIMAL: Final = re.compile(r"-?\d+\.\d+")


def _one_line(text: str) -> str:
    """A cell's lines as the one line a model's text is (Word wraps a label by hand)."""
    return text.replace("\n", "")


def _extra_value(text: str) -> Any:
    """A cell of an office's own table, as the renderer prints it back: an empty cell is
    blank, a number written as a number (``-5``, ``12.50``) is that number, anything else —
    “/”, “12件”, “1,000” — is kept as the text it is."""
    if not text.strip():
        return None
    if "\n" in text:  # a cell of several lines is text, never one number of their digits
        return _one_line(text)
    value: Any = text
    if _WHOLE.fullmatch(text):
        value = int(text) if len(text) <= limits.current().count_digits + 1 else text
    elif _DECIMAL.fullmatch(text):
        value = Decimal(text)
    try:
        check_extra_value(value)
    except ValueError:  # beyond the bounds of a number: kept as it is printed
        return text
    return value


def _extra_table(table: Table, title: str, section: str) -> ExtraTable | None:
    rows = [[c.text for c in row if c.origin or not table.structured] for row in table.rows]
    rows = [r for r in rows if any(t.strip() for t in r)]
    if not rows:
        return None
    header, body = rows[0], rows[1:]
    extra_rows = []
    for row in body:
        values: list[Any] = [_extra_value(text) for text in row[1:]]
        values = (values + [None] * len(header))[: len(header) - 1]
        extra_rows.append(ExtraRow(label=_one_line(row[0]), values=tuple(values)))
    return ExtraTable(
        title=title,
        section=cast("Literal['overview', 'problems', 'other_matters']", section),
        columns=tuple(_one_line(text) for text in header),
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
        read |= _read_table_rows(tables[:1], _rows(groups[0]), reading, None)
        read |= _read_table_rows(tables[1:2], _rows(groups[1]), reading, 7)
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
    notes: Sequence[str] = (),
    given: Given | None = None,
    hint: tuple[str, str] | None = None,
) -> ReadResult:
    """Make a report of a source's paragraphs and tables (``notes``: what the format's reader
    tolerated, as info diagnostics). For a body without its title (a crawled article), the
    organ and year come from ``given`` (the caller's), else from ``hint``: a title kept
    outside the body (a page's ``<title>``, a document's Title property) and where it was."""
    properties = properties or {}
    styled = fmt in ("docx", "html") and any(  # a document govinfo made, by its styles
        isinstance(b, Para) and (b.style or "").startswith("Gov") for b in blocks
    )
    reading = _Reading()
    for note in notes:
        reading.note("info", note)
    loose_text: list[tuple[Para, str]] = []
    items = _clean(blocks, styled, reading)

    # The title: organ and year. What the page prints wins over the document's properties,
    # which an office editing the title in Word does not see.
    gov = _properties(properties, reading)
    title_at, title, parsed = _find_title(items, styled)
    organ = (parsed[0] if parsed else None) or gov.get("organ")
    if organ and gov.get("organ") and _squeezed(organ) == _squeezed(gov["organ"]):
        organ = gov["organ"]  # the name as typed: the page may lose its spaces
    year_text = str(parsed[1]) if parsed else gov.get("year")
    if parsed is not None:
        for name, printed in (("organ", parsed[0]), ("year", str(parsed[1]))):
            hidden = gov.get(name)
            if printed and hidden and _squeezed(hidden) != _squeezed(printed):
                reading.note(
                    "warning",
                    f"the title printed on the page names the {name} “{printed}”, the document's "
                    f"properties (govinfo.{name}) “{hidden}”: the page is read",
                )
    if parsed is None and "year" not in gov:
        organ, year_text = _untitled(organ, given or Given(), hint, reading)
    elif given is not None:
        _differs(given, organ, year_text, reading)
        if organ is None and given.organ:
            organ = given.organ
            reading.note("info", "the title names no organ: the organ as given (--organ)")
    if not year_text:
        raise ReadError(
            "cannot find the report's title (the organ and the year): expected a line such as "
            "“某某单位2024年政府信息公开工作年度报告” (for a text without its title, give the "
            "organ and the year: govinfo read --organ NAME --year YYYY)"
        )
    year = int(year_text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ReadError(f"the title names the year {year}, which is not a report year: “{title}”")
    year_edition = Edition(gov["edition"]) if "edition" in gov else Edition.for_year(year)
    for block in items[: _title_start(items, title_at, title)]:
        if not styled:
            shown = block.text if isinstance(block, Para) else f"a table ({block.where})"
            reading.note("info", f"before the title, ignored: “{_shorten(shown)}”", block.where)

    # The six sections, in order; a second copy of the report is not read.
    heads: dict[str, int] = {}
    expected = 0
    end = len(items)
    for index in range(title_at + 1, len(items)):
        block = items[index]
        if not isinstance(block, Para):
            continue
        number = _section_number(block, styled)
        if number is None:
            continue
        if _NUMERALS.index(number) >= expected:
            heads[number] = index
            expected = _NUMERALS.index(number) + 1
        elif number == "一" and "六" in heads:
            reading.note(
                "error",
                "the source holds a second report (or a second copy) from here: only the first "
                "is read",
                block.where,
            )
            # The second copy starts at its title, if it has one after section 六.
            titles = [i for i in range(heads["六"] + 1, index) if _is_title(items[i])]
            end = titles[-1] if titles else index
            break
    items = items[:end]
    for number in _NUMERALS:
        if number not in heads:
            reading.note("error", f"section {number} ({_SECTION_ATTRIBUTES[number]}) not found")
    items, heads, title_at = _loose_text(items, heads, title_at, reading)

    def region(number: str) -> list[Para | Table]:
        if number not in heads:
            return []
        start = heads[number] + 1
        later = [i for n, i in heads.items() if _NUMERALS.index(n) > _NUMERALS.index(number)]
        return items[start : min(later) if later else len(items)]

    first_head = min(heads.values()) if heads else len(items)
    opening = items[title_at + 1 : first_head]
    if not styled:
        opening = _drop_page_details(opening, reading)
    preamble = [b.marked() for b in opening if isinstance(b, Para)]
    if styled:
        preamble = preamble[1:] if preamble and not preamble[0] else preamble  # the blank line

    # The end of section 六: the signature, and whatever follows the report.
    signature, last = _ending(region("六"), styled, reading)
    if organ is None and signature is not None:
        organ = signature.organ  # “关于2023年度政府信息公开工作的报告”, signed by its organ
    if organ is None and title is None:
        raise ReadError(
            "the text has no title, and nothing names the organ: give it (govinfo read "
            "--organ NAME)"
        )
    if organ is None:
        raise ReadError(
            f"the title does not name the organ: “{title}”; expected a line such as "
            "“某某单位2024年政府信息公开工作年度报告”"
        )

    # Text under the tables' sections is not part of the format: say so.
    for number in ("二", "三", "四"):
        for block in region(number):
            if isinstance(block, Para) and block.text.strip() and not styled:
                reading.note(
                    "warning",
                    f"text under section {number} is not part of the report's format and is "
                    f"not kept: “{_shorten(block.text)}”",
                    block.where,
                )
                loose_text.append((block, number))

    text_sections: dict[str, tuple[Part, ...]] = {}
    extras: list[ExtraTable] = []
    for number, attribute in (("一", "overview"), ("五", "problems"), ("六", "other_matters")):
        blocks_here = last if number == "六" else region(number)
        paras: list[Para] = []
        spacers: set[int] = set()  # the empty paragraph govinfo writes after its tables
        for index, block in enumerate(blocks_here):
            if index in spacers:
                continue
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
                        spacers.add(index + 1)
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
                "table must be separated by tabs or spaces)",
            )
    proactive_cls = _choose(two, [Proactive, Proactive2019], "proactive", year_edition)
    other_cls = _choose(
        three,
        [OtherHandling, ApplicantCounts],
        "requests.outcomes.other_handling",
        year_edition,
    )
    parts_layout = {"proactive": proactive_cls, "requests.outcomes.other_handling": other_cls}
    every_cell, table_rows = _plan(tuple(parts_layout.items()))
    read: set[str] = set()
    read |= _read_table_rows(two, table_rows["proactive"], reading, None)
    read |= _read_table_rows(three, table_rows["requests"], reading, 7)
    read |= _review_row(
        four, [spec for spec, _ in every_cell if spec.attribute[0] == "review_litigation"], reading
    )
    # (Cells of an unreadable row count as read: their row has its diagnostic already.)
    missing = []
    for spec, dotted in every_cell:
        if dotted not in read:
            reading.values[dotted] = None
            reading.blanks[dotted] = NOT_FOUND
            missing.append(spec)
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
    report_title: str | None = title
    hidden_title = gov.get("title")
    if styled and title is not None:
        # The page splits a long title into lines, losing spaces: the exact text is in the
        # properties — as long as it is the text the page prints.
        if hidden_title is not None and _squeezed(hidden_title) == _squeezed(title):
            report_title = hidden_title
        elif hidden_title is not None:
            reading.note(
                "warning",
                f"the title printed on the page is “{_shorten(title)}”, the document's "
                f"properties (govinfo.title) say “{_shorten(hidden_title)}”: the page is read",
            )
        elif organ is not None and _squeezed(title) == _squeezed(_default_title(organ, year)):
            report_title = None  # the title the format prescribes, split into lines
    try:
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
        report = _fill(report, reading.values)
    except (TypeError, ValueError) as exc:
        raise ReadError(f"what was read does not make a report: {exc}") from None
    assert report_layout(report) == parts_layout
    # Counts stated in the text that is not kept are still held against the tables.
    loose = [
        (None, f"section {number} ({block.where})", block.text, number)
        for block, number in loose_text
    ]
    for finding in prose_findings(report, loose):
        reading.note("warning", f"[TEXT-TABLE] {finding.message}")
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


def _loose_text(
    items: Sequence[Para | Table], heads: dict[str, int], title_at: int, reading: _Reading
) -> tuple[list[Para | Table], dict[str, int], int]:
    """Lines of text taken for a table's rows (they end in numbers) outside the tables'
    sections are text after all: back to paragraphs, with the places of the other blocks."""
    tables = []
    for number in ("二", "三", "四"):
        if number in heads:
            later = [i for n, i in heads.items() if _NUMERALS.index(n) > _NUMERALS.index(number)]
            tables.append((heads[number], min(later) if later else len(items)))
    kept: list[Para | Table] = []
    moved: dict[int, int] = {}
    for index, block in enumerate(items):
        moved[index] = len(kept)
        if (
            isinstance(block, Table)
            and block.texts
            and not any(start < index < stop for start, stop in tables)
        ):
            lines = [
                Para(markdown_strong(text), where)
                for text, where in zip(block.texts, block.lines, strict=True)
            ]
            kept.extend(_clean(lines, False, reading))
        else:
            kept.append(block)
    moved[len(items)] = len(kept)
    return kept, {n: moved[i] for n, i in heads.items()}, moved[title_at] if title_at >= 0 else -1


def _fill(report: Report, values: dict[str, Any]) -> Report:
    """``report`` with the cells at ``values``' dotted paths set, as they were read (no total
    computed again): what :func:`govinfo.update` does with ``recompute_totals=False``, in one
    pass over the tree of changed objects (its shape worked out once per set of paths)."""

    def apply(obj: Any, shape: _Shape) -> Any:
        changes = {
            name: values[sub] if isinstance(sub, str) else apply(getattr(obj, name), sub)
            for name, sub in shape.items()
        }
        cls = type(obj)
        names = _INIT_NAMES.get(cls)
        if names is None:
            names = _INIT_NAMES[cls] = frozenset(a.alias for a in attrs.fields(cls) if a.init)
        if changes.keys() == names:
            return cls(**changes)  # every field given (a row of cells): no copy needed
        return attrs.evolve(obj, **changes)

    result: Report = apply(report, _shape(tuple(values)))
    return result


_Shape = dict[str, "str | _Shape"]


@functools.lru_cache(maxsize=32)
def _shape(paths: tuple[str, ...]) -> _Shape:
    """Dotted paths as a tree: attribute name → the subtree, or the dotted path of a cell."""
    tree: _Shape = {}
    for path in paths:
        node = tree
        *parents, name = path.split(".")
        for parent in parents:
            child = node.setdefault(parent, {})
            assert isinstance(child, dict)
            node = child
        node[name] = path
    return tree


_INIT_NAMES: dict[type[Any], frozenset[str]] = {}


def _squeezed(text: str) -> str:
    """Text without its spaces, for comparing what a page prints with what was typed."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _default_title(organ: str, year: int) -> str:
    return f"{organ}{year}年政府信息公开工作年度报告"


def _properties(properties: dict[str, str], reading: _Reading) -> dict[str, str]:
    """The report's metadata a document made by govinfo keeps as document properties
    (``govinfo.organ`` …), each checked: a value no report could hold is reported and left
    out, never taken."""
    gov = {k.removeprefix("govinfo."): v for k, v in properties.items() if k.startswith("govinfo.")}
    checks: dict[str, Any] = {
        "year": _check_year_text,
        "edition": Edition,
        "organ": check_organ,
        "title": check_title,
    }
    for name, check in checks.items():
        if name not in gov:
            continue
        try:
            check(gov[name])
        except (TypeError, ValueError):
            reading.note(
                "error",
                f"the document's property govinfo.{name} is not a report's {name}: "
                f"“{_shorten(gov[name])}”; left out",
            )
            del gov[name]
    return gov


def _check_year_text(text: str) -> None:
    if not re.fullmatch(r"\d{4}", text) or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise ValueError(text)


@attrs.frozen
class Given:
    """The organ and the year of a report whose text has no title, as the caller knows them."""

    organ: str | None = None
    year: int | None = None


_TITLE_PARTS: Final = re.compile(r"\s*[_|｜—–]+\s*|\s+-\s+")


def _untitled(
    organ: str | None, given: Given, hint: tuple[str, str] | None, reading: _Reading
) -> tuple[str | None, str | None]:
    """The organ and the year of a text without a title: the caller's, else those the title
    kept outside the body names (a page's <title> is often “标题_网站名”) — said either way."""
    if given.year is not None:
        names = "the organ and the year" if given.organ else "the year"
        reading.note("info", f"no title in the text: {names} as given (--organ, --year)")
        return given.organ or organ, str(given.year)
    if hint is not None:
        text, where = hint
        for part in [text, *_TITLE_PARTS.split(text)]:
            parsed = _parse_title(part) if len(part) <= 80 else None
            if parsed is not None and not _NOT_A_TITLE.search(part):
                reading.note(
                    "info", f"no title in the text: the organ and the year from {where}: “{part}”"
                )
                return given.organ or parsed[0] or organ, str(parsed[1])
    return given.organ or organ, None


def _differs(given: Given, organ: str | None, year: str | None, reading: _Reading) -> None:
    for name, stated, printed in (
        ("organ", given.organ, organ),
        ("year", None if given.year is None else str(given.year), year),
    ):
        if stated and printed and _squeezed(stated) != _squeezed(printed):
            reading.note(
                "warning",
                f"the title printed in the text names the {name} “{printed}”, not “{stated}” "
                f"as given: the text is read",
            )


def _shorten(text: str, size: int = 40) -> str:
    return text if len(text) <= size else text[:size] + "……"


_CONTROL_CHARS: Final = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
_CONTROL: Final = re.compile(f"[{_CONTROL_CHARS}]")
_LINE_BREAK_CHARS: Final = "\r\n\u2028\u2029\x85"
_LINE_BREAK: Final = re.compile(f"[{_LINE_BREAK_CHARS}]+")
_TIDIED: Final = re.compile(f"[{_CONTROL_CHARS}{_LINE_BREAK_CHARS}{CLEANED_CHARS}]")
"""What :func:`_clean` removes or replaces in a paragraph: without any, and without two
spaces in a row, the text trimmed is the text cleaned."""


def _clean(blocks: Sequence[Para | Table], styled: bool, reading: _Reading) -> list[Para | Table]:
    """Paragraphs cleaned up; page-number lines dropped; characters a report cannot hold
    (control characters from PDF or WPS copies) removed and reported."""
    items: list[Para | Table] = []
    for block in blocks:
        if not isinstance(block, Para):
            items.append(block)
            continue
        text = block.text
        if "  " not in text and not _TIDIED.search(text):  # nothing to remove or collapse
            text = text if styled else text.strip()
        elif not styled:
            text = clean_text(text)
        if _CONTROL.search(text):
            text = _CONTROL.sub("", text)
            reading.note("info", "control characters removed from the text", block.where)
        if _LINE_BREAK.search(text):  # a paragraph of the model is one line
            text = _LINE_BREAK.sub(" ", text)
            reading.note("info", "line breaks within a paragraph read as spaces", block.where)
        if _LINE_BREAK.search(block.lead):
            block = attrs.evolve(block, lead=_LINE_BREAK.sub(" ", block.lead))
        text, strong = unmark(text, tidy=not styled)  # emphasis: marks to spans
        if not styled and (not text or PAGE_NUMBER.match(text)):
            continue
        if text != block.text or strong:
            block = attrs.evolve(block, text=text, strong=strong)
        items.append(block)
    return items


_PAGE_DETAILS: Final = re.compile(
    r"^(?:发布时间|发布日期|成文日期|来源|信息来源|索引号|文号|发文字号|浏览次数|点击数|字号|"
    r"【字体|字体[:：]|分享到|打印|关闭)"
)


def _drop_page_details(blocks: Sequence[Para | Table], reading: _Reading) -> list[Para | Table]:
    """Between the title and section 一: a web page's details of the article (date, source,
    index number …) and the title repeated are not the report's preamble."""
    kept: list[Para | Table] = []
    for block in blocks:
        if isinstance(block, Para) and (
            _PAGE_DETAILS.match(unicodedata.normalize("NFKC", block.text)) or _is_title(block)
        ):
            reading.note("info", f"web page text ignored: “{_shorten(block.text)}”", block.where)
            continue
        kept.append(block)
    return kept


def _ending(
    last: Sequence[Para | Table], styled: bool, reading: _Reading
) -> tuple[Signature | None, list[Para | Table]]:
    """Section 六 without its ending: the signature (an organ's name and a date), and what
    follows the report (a web page's footer), ignored and reported."""
    rest = list(last)
    if styled:
        signed = [b for b in rest if isinstance(b, Para) and b.style == "GovSignature"]
        if len(signed) == 2:
            date = _date(signed[1].text)
            cut = rest.index(signed[0])
            kept = rest[: cut - 1 if cut and isinstance(rest[cut - 1], Para) else cut]
            if date is not None:
                return Signature(organ=signed[0].text, date=date), kept
        return None, rest
    for index in range(len(rest) - 1):
        name, when = rest[index], rest[index + 1]
        if not (isinstance(name, Para) and isinstance(when, Para)):
            continue
        if len(name.text) > 40 or _SENTENCE_END.search(name.text):
            continue
        date = _date(when.text)
        if date is None:
            continue
        for block in rest[index + 2 :]:
            shown = block.text if isinstance(block, Para) else f"a table ({block.where})"
            reading.note("info", f"after the signature, ignored: “{_shorten(shown)}”", block.where)
        return Signature(organ=name.text, date=date), rest[:index]
    # No signature: a web page's footer still ends the report.
    while rest and isinstance(rest[-1], Para) and _CHROME.search(rest[-1].text):
        block = rest.pop()
        assert isinstance(block, Para)
        reading.note("info", f"web page text ignored: “{_shorten(block.text)}”", block.where)
    return None, rest


def _is_title(block: Para | Table) -> bool:
    return (
        isinstance(block, Para) and len(block.text) <= 80 and _parse_title(block.text) is not None
    )


def _find_title(
    items: Sequence[Para | Table], styled: bool
) -> tuple[int, str | None, tuple[str | None, int] | None]:
    """The title: its index, its text, and the organ and year it names.

    Of the lines that read as a report's title, the last before section 一 is taken: a page's
    navigation, related links and covering notice come before it.
    """
    if styled:
        lines = [
            (i, b) for i, b in enumerate(items) if isinstance(b, Para) and b.style == "GovTitle"
        ]
        if lines:
            text = "".join(b.text for _, b in lines)
            return lines[-1][0], text, _parse_title(text)
    first_section = next(
        (
            i
            for i, b in enumerate(items)
            if isinstance(b, Para) and _section_number(b, styled=False) == "一"
        ),
        len(items),
    )
    found: tuple[int, str | None, tuple[str | None, int] | None] = (-1, None, None)
    for index in range(first_section):
        block = items[index]
        if not isinstance(block, Para) or len(block.text) > 80:
            continue
        candidates = [block.text]
        previous = items[index - 1] if index else None
        if isinstance(previous, Para) and len(previous.text) <= 40:
            candidates.append(previous.text + block.text)  # a title set on two lines
        readings = [
            (text, parsed)
            for text in candidates
            if (parsed := _parse_title(text)) is not None and not _NOT_A_TITLE.search(text)
        ]
        if readings:
            # One naming the organ, as a title set on two lines does, before one that does not.
            text, parsed = max(readings, key=lambda r: r[1][0] is not None)
            found = (index, text, parsed)
    return found


def _title_start(items: Sequence[Para | Table], at: int, title: str | None) -> int:
    """Where the title begins: the line before ``at`` when it is set on two lines."""
    block = items[at] if at >= 0 else None
    if at > 0 and isinstance(block, Para) and title is not None and title != block.text:
        return at - 1
    return max(at, 0)
