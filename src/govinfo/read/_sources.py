"""The three source formats as paragraphs and tables: plain text, HTML and Word."""

from __future__ import annotations

import functools
import re
import zipfile
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs
from lxml import etree

from .. import limits
from .._io import declares_doctype, zip_parts
from ..errors import LimitExceeded
from ._blocks import PLAIN, STRONG, Cell, Para, Table, markdown_strong, text_cell
from ._normalize import PAGE_NUMBER, section_number

__all__ = [
    "SourceError",
    "decode",
    "docx_blocks",
    "docx_table",
    "html_blocks",
    "html_document",
    "spaced_row",
    "spaced_runs",
    "spaced_table",
    "text_blocks",
]

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER: Final = etree.XMLParser(
    recover=False, resolve_entities=False, no_network=True, collect_ids=False
)


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
    except UnicodeDecodeError as exc:
        utf8_at = exc.start
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"neither UTF-8 text (not at byte {utf8_at}) nor GB18030 text (not at byte {exc.start})"
        ) from None


# -- text -------------------------------------------------------------------------------------


def text_blocks(text: str) -> list[Para | Table]:
    """Lines as paragraphs; a run of lines with tabs as a table (cells split at tabs), when one
    of its lines has two cells or more filled — a line merely indented with a tab is text; and
    a run of lines ending in numbers separated by spaces (a table as ``pdftotext`` or a
    browser prints it) as a loose table, with the label lines around them."""
    lines = text.splitlines()
    blocks: list[Para | Table] = []
    run: list[tuple[int, str]] = []

    def flush() -> None:
        if not run:
            return
        if any(sum(1 for c in line.split("\t") if c.strip()) >= 2 for _, line in run):
            rows = tuple(tuple(map(text_cell, line.split("\t"))) for _, line in run)
            places = tuple(f"line {n}" for n, _ in run)
            blocks.append(Table(rows, places[0], False, lines=places))
        else:
            blocks.extend(Para(line.replace("\t", " "), f"line {n}") for n, line in run)
        run.clear()

    spaced = spaced_runs(lines)
    number = 0
    while number < len(lines):
        line = lines[number]
        if number in spaced:
            flush()
            end = spaced[number]
            table = spaced_table(lines, number, end)
            blocks.append(attrs.evolve(table, texts=tuple(map(markdown_strong, table.texts))))
            number = end
            continue
        number += 1
        if "\t" in line:
            run.append((number, line))
            continue
        flush()
        blocks.append(Para(markdown_strong(line), f"line {number}"))
    flush()
    return blocks


_VALUE_TOKEN: Final = re.compile(
    r"^(?:[+\-－]?\d[\d,，]*(?:\.\d+)?(?:万元|元|件)?|/|／|—{1,2}|－|-|无)"
    r"(?:[\u2460-\u24ff\u2776-\u2793\u00b9\u00b2\u00b3\u2070-\u2079*※])*$"
)
_VALUE_ENDS: Final = frozenset(
    "/／—－-无件元*※¹²³"
    + "".join(map(chr, range(0x2070, 0x207A)))
    + "".join(map(chr, range(0x2460, 0x2500)))
    + "".join(map(chr, range(0x2776, 0x2794)))
)
_PROSE: Final = re.compile(r"[。！？!?；;]")
_SPACED_LABEL_LINES: Final = 40  # label lines taken before or after a table's rows (a header)
_SPACED_GAP: Final = 24  # lines between two rows of one table (a page break, a header again)


def spaced_row(line: str) -> tuple[str, list[str]] | None:
    """A line holding a label and numbers separated by spaces: the label and the numbers
    (at least one after a label, two without one); None for any other line."""
    end = line.rstrip()[-1:]
    if not end or not (end.isdigit() or end in _VALUE_ENDS) or "\t" in line:
        return None
    if PAGE_NUMBER.match(line):
        return None
    tokens = line.split()
    count = 0
    while count < len(tokens) and _VALUE_TOKEN.match(tokens[-1 - count]):
        count += 1
    if count == 0 or (count == len(tokens) and count < 2):
        return None
    values = tokens[len(tokens) - count :]
    label = line.rstrip()
    for token in reversed(values):
        label = label[: label.rindex(token)].rstrip()
    if _PROSE.search(label) or section_number(label):
        return None
    return label.strip(), values


def _label_line(line: str) -> bool:
    """A line that may be part of a table printed as text: short, no sentence, no heading."""
    text = " ".join(line.split())
    return (
        bool(text)
        and "\t" not in line
        and len(text) <= 60
        and not _PROSE.search(text)
        and section_number(text) is None
    )


def spaced_runs(lines: Sequence[str], rows: Sequence[bool] | None = None) -> dict[int, int]:
    """The runs of lines (start → end, 0-based, end excluded) that make tables printed with
    spaces: lines of numbers, the label lines between them, and up to a few label lines
    before the first and after the last."""
    if rows is None:
        rows = [spaced_row(line) is not None for line in lines]
    runs: dict[int, int] = {}
    number = 0
    while number < len(lines):
        if not rows[number]:
            number += 1
            continue
        start = number
        previous_end = max(runs.values(), default=0)
        while (
            start > previous_end
            and number - start < _SPACED_LABEL_LINES
            and _label_line(lines[start - 1])
        ):
            start -= 1
        end = number + 1
        last_row = number
        while end < len(lines) and end - last_row <= _SPACED_GAP:
            if rows[end]:
                last_row = end
            elif lines[end].strip() and not _label_line(lines[end]):
                break
            end += 1
        # After the last row, only the label lines right after it (up to a blank line).
        end = last_row + 1
        while (
            end < len(lines)
            and end - last_row <= _SPACED_LABEL_LINES
            and lines[end].strip()
            and _label_line(lines[end])
        ):
            end += 1
        runs[start] = end
        number = end
    return runs


def spaced_table(
    lines: Sequence[str],
    start: int,
    end: int,
    where: Sequence[str] | None = None,
    rows_at: Sequence[bool] | None = None,
) -> Table:
    """The loose table of ``lines[start:end]`` (``where``: each line's place, else its line
    number; ``rows_at``: which lines are rows, else each that reads as one)."""
    rows: list[tuple[Cell, ...]] = []
    places: list[str] = []
    texts: list[str] = []
    for number in range(start, end):
        line = lines[number]
        if not line.strip():
            continue
        found = spaced_row(line) if rows_at is None or rows_at[number] else None
        if found is None:
            rows.append((Cell(line.strip()),))
        else:
            label, values = found
            cells = [Cell(value) for value in values]
            rows.append((Cell(label), *cells) if label else tuple(cells))
        places.append(where[number] if where is not None else f"line {number + 1}")
        texts.append(line)
    return Table(tuple(rows), places[0], False, lines=tuple(places), loose=True, texts=tuple(texts))


# -- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS: Final = frozenset(
    {
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article"),
        *("header", "footer", "main", "center", "blockquote", "ul", "ol", "dl", "dt", "dd"),
        *("pre", "form", "nav", "aside", "body", "html", "tr", "td", "th"),
        *("tbody", "thead", "tfoot"),
    }
)
# Never shown: ``rt`` is a phonetic guide set small above its text, ``rp`` the brackets
# around it where ruby is not shown as ruby.
_SKIP_TAGS: Final = frozenset(
    {"script", "style", "head", "title", "noscript", "template", "rt", "rp"}
)
_TABLE_PARTS: Final = frozenset({"tr", "td", "th", "tbody", "thead", "tfoot"})
_PARAGRAPH_TAGS: Final = (*sorted(_BLOCK_TAGS - _TABLE_PARTS), "br")


_BR: Final = "\x00"  # stands for <br> until the text is split at it
_STRONG_TAGS: Final = frozenset({"b", "strong"})


_RAISE_TAGS: Final = frozenset({"sup", "sub"})
_STRUCK_TAGS: Final = frozenset({"s", "strike", "del"})
_HIDDEN: Final = re.compile(
    r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.IGNORECASE
)
_GONE: Final = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.IGNORECASE)


def _hidden(element: etree._Element, *, gone: bool = False) -> bool:
    """Whether a browser shows nothing of ``element`` (by its ``style``; the ``hidden``
    attribute, closed dialogs and the like are made styles by :func:`_mark_unshown`);
    with ``gone``, whether it takes no place either (``display:none``): a table cell so
    hidden is no column of the table, one ``visibility:hidden`` is a blank cell."""
    style = element.get("style")
    return style is not None and (_GONE if gone else _HIDDEN).search(style) is not None


_RAISED_STYLE: Final = re.compile(r"vertical-align\s*:\s*(?:super|sub)", re.IGNORECASE)
_STRUCK_STYLE: Final = re.compile(r"text-decoration[^;]*line-through", re.IGNORECASE)
# Noncharacters standing for the start and end of raised (superscript or subscript) and of
# struck-through text until :func:`_raw_text` has made them what they are.
_RAISED: Final = "\ufdd2"
_LEVEL: Final = "\ufdd3"
_STRUCK: Final = "\ufdd4"
_UNSTRUCK: Final = "\ufdd5"
_MARKERS: Final = re.compile("[\ufdd2-\ufdd5]")
_SUPERSCRIPTS: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _text_with_breaks(element: etree._Element, *, cell: bool = False) -> list[str]:
    """The text of an element, split at ``<br>`` (source line breaks are spaces in HTML)."""
    return [" ".join(line.split()) for line in _raw_text(element, cell=cell).split(_BR)]


def _raw_text(element: etree._Element, *, cell: bool = False) -> str:
    """The text of an element and its descendants, ``<br>`` and the ends of block elements
    marked; without recursion, so that no depth of nesting exhausts the stack.

    Text a browser does not show (``display:none``, ``mso-hide:all``) is left out; digits set
    raised or lowered (``<sup>``, ``<sub>``, ``vertical-align``) are superscript digits — a
    footnote mark, never digits of the number before them. In a table ``cell``, emphasis is
    not marked and struck-through text is set between ``~~``: a number struck out and
    another beside it are no number."""
    parts: list[str] = [element.text or ""]
    pending: list[etree._Element | str] = _child_items(element, cell)
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            parts.append(item)
        elif item.tag == "br":
            parts.append(_BR)
        else:
            parts.append(item.text or "")
            pending += _child_items(item, cell)
    text = "".join(parts)
    return _resolve_markers(text, cell) if _MARKERS.search(text) else text


def _resolve_markers(text: str, cell: bool) -> str:
    out: list[str] = []
    raised = struck = 0
    for char in text:
        if char == _RAISED:
            raised += 1
        elif char == _LEVEL:
            raised -= 1
        elif char in (_STRUCK, _UNSTRUCK):
            before = struck
            struck += 1 if char == _STRUCK else -1
            if cell and (before == 0) != (struck == 0):
                out.append("~~")
        else:
            out.append(char.translate(_SUPERSCRIPTS) if raised else char)
    return "".join(out)


def _child_items(element: etree._Element, cell: bool = False) -> list[etree._Element | str]:
    """What follows an element's own text, reversed (to be popped): each child to expand
    (none for a skipped or hidden one), a break after a block, and the child's tail."""
    items: list[etree._Element | str] = []
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIP_TAGS:
            style = child.get("style")
            if style is not None and _HIDDEN.search(style):  # as :func:`_hidden`
                items.append(child.tail or "")
                continue
            opening: list[str] = []
            if tag in _STRONG_TAGS and not cell:  # emphasis, marked for the assembler
                opening.append(STRONG)
            if tag in _RAISE_TAGS or (style is not None and _RAISED_STYLE.search(style)):
                opening.append(_RAISED)
            if tag in _STRUCK_TAGS or (style is not None and _STRUCK_STYLE.search(style)):
                opening.append(_STRUCK)
            items += opening
            items.append(child)
            items += [_CLOSING[mark] for mark in reversed(opening)]
            if tag in _BLOCK_TAGS:
                items.append(_BR)
        items.append(child.tail or "")
    items.reverse()
    return items


_CLOSING: Final = {STRONG: PLAIN, _RAISED: _LEVEL, _STRUCK: _UNSTRUCK}


@functools.lru_cache(maxsize=4096)
def _covered(text: str) -> Cell:
    """The cell at a position another cell spans (immutable: one per text)."""
    return Cell(text, origin=False)


class _CellBudget:
    """The grid cells of a source's tables, counted against ``table_cells`` as they are laid
    out: spans cannot make a small file a huge grid."""

    def __init__(self) -> None:
        self.used = 0
        self.maximum = limits.current().table_cells

    def take(self, count: int, where: str, row: int | None = None) -> None:
        self.used += count
        if self.used > self.maximum:
            place = where if row is None else f"{where}, row {row + 1}"
            raise LimitExceeded("table_cells", self.used, self.maximum, place)


def _grid(
    grid: dict[tuple[int, int], Cell], height: int, width: int, where: str, budget: _CellBudget
) -> tuple[tuple[Cell, ...], ...]:
    """The rectangle of a table's cells, the positions no cell covers empty."""
    limits.enforce("table_rows", height, where=where)
    budget.take(height * width - len(grid), where)  # the positions filled in empty
    empty = _covered("")
    return tuple(tuple(grid.get((r, c), empty) for c in range(width)) for r in range(height))


def _html_table(element: etree._Element, number: int, budget: _CellBudget) -> Table:
    grid: dict[tuple[int, int], Cell] = {}
    where = f"table {number}"
    # A table of data holds no other table: every row under it is its own; a row a browser
    # does not lay out (it or a part of the table holding it ``display:none``) is none.
    rows = [tr for tr in element.iter("tr") if not _gone_within(tr, element)]
    limits.enforce("table_rows", len(rows), where=where)
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag != "td" and td.tag != "th":
                continue
            style = td.get("style")  # as _hidden reads it
            if style is not None and _GONE.search(style):
                continue
            while (r, c) in grid:
                c += 1
            if style is not None and _HIDDEN.search(style):  # its place kept, nothing shown
                text = ""
            elif len(td) == 0:  # text alone: no <br>, no block, no emphasis inside
                text = " ".join((td.text or "").split())
            else:  # lines kept apart: a label's are compared without spaces, numbers never join
                text = "\n".join(line for line in _text_with_breaks(td, cell=True) if line)
            colspan, rowspan = td.get("colspan"), td.get("rowspan")
            span_c = span_r = 1
            if colspan is not None or rowspan is not None:
                place = f"{where}, row {r + 1}"
                span_c = _span(colspan, place)
                # As browsers do, a row span ends with the table.
                span_r = min(_span(rowspan, place, rows=True), len(rows) - r)
            budget.take(span_r * span_c, where, r)
            grid[r, c] = text_cell(text)
            if span_r > 1 or span_c > 1:
                covered = _covered(text)
                for dr in range(span_r):
                    for dc in range(span_c):
                        if dr or dc:
                            grid[r + dr, c + dc] = covered
            c += span_c
    height = max((r for r, _ in grid), default=-1) + 1
    width = max((c for _, c in grid), default=-1) + 1
    return Table(_grid(grid, height, width, where, budget), where, True)


def _gone_within(element: etree._Element, table: etree._Element) -> bool:
    """Whether ``element`` or one of its ancestors up to ``table`` takes no place."""
    node: etree._Element | None = element
    while node is not None and node is not table:
        if _hidden(node, gone=True):
            return True
        node = node.getparent()
    return False


def _span(value: str | None, where: str, row: int | None = None, *, rows: bool = False) -> int:
    """A cell's row or column span (1 when not a number); one beyond the ``span`` limit is an
    error (at ``where``, in row ``row`` when given) — except a row span, which the caller
    first cuts at the end of the table."""
    try:
        span = max(1, int(value or 1))
    except ValueError:
        return 1
    if not rows:
        maximum = limits.current().span
        if span > maximum:
            place = where if row is None else f"{where}, row {row + 1}"
            raise LimitExceeded("span", span, maximum, place)
    return span


_SECTION_LINE: Final = re.compile(
    r"[一二三四五六]\s*[、.]\s*(?:总体情况|主动公开|收到和处理|其他需要报告)"
)


def _layout_table(element: etree._Element) -> bool:
    """A table that lays out a page (holding other tables, or the report's sections) rather
    than a table of data: its content is read as the page's."""
    if any(t is not element for t in element.iter("table")):
        return True
    return bool(_SECTION_LINE.search(" ".join(map(str, element.itertext()))))


def _holding_blocks(root: etree._Element) -> set[etree._Element]:
    """The elements with a block element or a table among their descendants, found in one
    pass (asking each element would cost the depth of the page for every element); the
    nesting depth is checked on the way (``nesting_depth``)."""
    holding: set[etree._Element] = set()
    maximum = limits.current().nesting_depth
    path: list[etree._Element] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if event == "start":
            path.append(element)
            if len(path) > maximum:
                raise LimitExceeded("nesting_depth", len(path), maximum, f"<{element.tag}>")
            continue
        path.pop()
        tag = element.tag
        if isinstance(tag, str) and (tag in _BLOCK_TAGS or tag == "table"):
            # Every ancestor holds a block; those of an element already held are held too.
            for ancestor in reversed(path):
                if ancestor in holding:
                    break
                holding.add(ancestor)
    return holding


def html_blocks(text: str) -> list[Para | Table]:
    """Block elements as paragraphs (split at ``<br>``), tables as grids."""
    return html_document(text)[0]


def html_document(text: str) -> tuple[list[Para | Table], dict[str, str]]:
    """The page's paragraphs and tables, and the report's metadata when govinfo wrote it."""
    limits.enforce("markup_tags", text.count("<"))
    try:
        # lxml.etree's own HTML parser: lxml.html's element classes cost a Python call for
        # every element. Deep page layouts are not cut short (huge_tree).
        root = etree.fromstring(text, etree.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(f"not HTML: {exc}") from None
    if root is None:
        raise SourceError("not HTML: the document is empty")
    # Each of these elements may make a paragraph: a page of more is refused before it is read.
    limits.enforce("paragraphs", sum(1 for _ in root.iter(*_PARAGRAPH_TAGS)))
    holding = _holding_blocks(root)  # the nesting depth checked on the way
    _mark_unshown(root)
    metas = {str(m.get("name")): m.get("content") or "" for m in root.iter("meta") if m.get("name")}
    if metas.get("generator") == "govinfo":
        properties = {k: v for k, v in metas.items() if k.startswith("govinfo.")}
        return _govinfo_page(root), properties
    return _html_walk(root, holding), {}


_NONE_STYLE: Final = "display:none;"
_DOUBT_STYLE: Final = ";text-decoration:line-through"


_UNSHOWN_TAGS: Final = ("dialog", "details", "select")
_HIDDEN_ATTRIBUTE: Final = etree.XPath("boolean(//*[@hidden])")
"""With :data:`_UNSHOWN_TAGS`: whether a page holds an element :func:`_mark_unshown` hides
whatever the style sheets say."""


def _mark_unshown(root: etree._Element) -> None:
    """Give every element a browser does not show an inline ``display:none`` — by the
    ``hidden`` attribute, a closed ``<dialog>`` or ``<details>`` (but for its summary), an
    option of a ``<select>`` not the one shown, or a rule of the page's style sheets — and
    every element a style sheet may hide, but only by a rule this reader cannot tell
    applies (a selector of more than one element, a pseudo-class, a rule under ``@media``,
    one another rule may undo), an inline ``line-through``: in a table cell, struck-through
    text is no number."""
    hiding, showing = _sheet_rules(root)
    if not hiding and next(root.iter(*_UNSHOWN_TAGS), None) is None and not _HIDDEN_ATTRIBUTE(root):
        return  # nothing the page hides but by inline styles: no element to look at
    for element in root.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if element.get("hidden") is not None or (tag == "dialog" and element.get("open") is None):
            _restyle(element, _NONE_STYLE)
        elif tag == "details" and element.get("open") is None:
            summary = next((c for c in element if c.tag == "summary"), None)
            element.text = None
            for child in element:
                if child is not summary:
                    _restyle(child, _NONE_STYLE)
                child.tail = None
        elif tag == "select":
            options = list(element.iter("option"))
            shown = next((o for o in options if o.get("selected") is not None), None)
            for option in options:
                if option is not (shown if shown is not None else options[0]):
                    _restyle(option, _NONE_STYLE)
        if hiding:
            sure = doubt = False
            for rule in _candidates(hiding, element):
                if _matches(rule, element):
                    if rule.sure:
                        sure = True
                    else:
                        doubt = True
            if sure or doubt:
                style = element.get("style") or ""
                undone = _SHOWN_STYLE.search(style) or any(
                    _matches(rule, element) for rule in _candidates(showing, element)
                )
                _restyle(element, _NONE_STYLE if sure and not undone else _DOUBT_STYLE)


def _restyle(element: etree._Element, style: str) -> None:
    """Add ``style`` (a declaration and a ``;``, before or after) to an element's own."""
    own = element.get("style") or ""
    element.set("style", style + own if style.endswith(";") else own + style)


@attrs.frozen
class _Rule:
    """A rule of a style sheet, as far as it picks elements: the tag, id and classes of the
    last element its selector names; ``sure`` when that is all the selector says and the
    rule applies on every screen."""

    tag: str | None
    id: str | None
    classes: frozenset[str]
    sure: bool


_CSS_COMMENT: Final = re.compile(r"/\*.*?\*/", re.DOTALL)
_COMBINATOR: Final = re.compile(r"\s*[>+~]\s*|\s+")
_COMPOUND: Final = re.compile(r"([a-zA-Z][\w-]*|\*)?((?:[.#][\w-]+)*)(.*)", re.DOTALL)
_SHOWN_STYLE: Final = re.compile(r"(?:display|visibility)\s*:", re.IGNORECASE)
_RuleIndex = dict[str, list[_Rule]]


def _sheet_rules(root: etree._Element) -> tuple[_RuleIndex, _RuleIndex]:
    """The rules of the page's ``<style>`` sheets that hide elements, and those that set
    how elements are displayed otherwise (which may undo a hiding rule), each indexed by
    what an element must have to match it (``.class``, ``#id``, the tag, or ``*``)."""
    hiding: _RuleIndex = {}
    showing: _RuleIndex = {}
    for sheet in root.iter("style"):
        text = _CSS_COMMENT.sub("", "".join(str(t) for t in sheet.itertext()))
        # Rules at any depth of at-rules (``@media`` …): a rule inside one is not sure.
        preludes: list[str] = []
        body_start = 0
        at = 0
        for match in re.finditer(r"[{}]", text):
            if match.group() == "{":
                # After a statement (``@import …;``): the rule's selectors.
                preludes.append(text[at : match.start()].rsplit(";", 1)[-1].strip())
                body_start = match.end()
            elif preludes:
                selectors = preludes.pop()
                if body_start >= 0 and not selectors.startswith("@"):
                    body = text[body_start : match.start()]
                    conditional = any(p.startswith("@") for p in preludes)
                    if _HIDDEN.search(body):
                        target: _RuleIndex | None = hiding
                    elif _SHOWN_STYLE.search(body):
                        target = showing
                    else:
                        target = None
                    if target is not None:
                        for selector in selectors.split(","):
                            rule = _rule(selector, conditional)
                            if rule is not None:
                                target.setdefault(_key(rule), []).append(rule)
                body_start = -1  # a block closed: what follows is no rule's body
            at = match.end()
    return hiding, showing


def _rule(selector: str, conditional: bool) -> _Rule | None:
    """The rule of one selector (of a list), made under an at-rule when ``conditional``."""
    parts = [p for p in _COMBINATOR.split(selector.strip()) if p]
    if not parts:
        return None
    found = _COMPOUND.fullmatch(parts[-1])
    if found is None:
        return None
    tag, names, rest = found.groups()
    ids = [n[1:] for n in re.findall(r"#[\w-]+", names)]
    classes = frozenset(n[1:] for n in re.findall(r"\.[\w-]+", names))
    tag = None if tag in (None, "*") else tag.lower()
    sure = len(parts) == 1 and not rest.strip() and not conditional and len(ids) <= 1
    return _Rule(tag, ids[0] if ids else None, classes, sure)


def _key(rule: _Rule) -> str:
    """What an element must have for ``rule`` to match it: a class, an id, a tag, or ``*``."""
    if rule.classes:
        return "." + min(rule.classes)
    if rule.id is not None:
        return "#" + rule.id
    return rule.tag or "*"


def _candidates(index: _RuleIndex, element: etree._Element) -> Iterator[_Rule]:
    """The rules of ``index`` that may match ``element``."""
    yield from index.get("*", ())
    yield from index.get(str(element.tag), ())
    name = element.get("id")
    if name:
        yield from index.get("#" + name, ())
    for name in (element.get("class") or "").split():
        yield from index.get("." + name, ())


def _matches(rule: _Rule, element: etree._Element) -> bool:
    """Whether ``element`` is what the last element of the rule's selector names."""
    if rule.tag is not None and rule.tag != element.tag:
        return False
    if rule.id is not None and rule.id != element.get("id"):
        return False
    return not rule.classes or rule.classes <= set((element.get("class") or "").split())


def _govinfo_page(root: etree._Element) -> list[Para | Table]:
    """A page govinfo wrote: its elements carry the Word document's style names as classes
    (govinfo.render's HTML page), read as exactly as the document is."""
    main = root.find(".//main")
    blocks: list[Para | Table] = []
    tables = 0
    budget = _CellBudget()
    for element in main if main is not None else ():
        if not isinstance(element.tag, str):
            continue
        kind = element.get("class") or ""
        where = f"<{element.tag}> {len(blocks) + 1}"
        if element.tag == "table":
            tables += 1
            table = _html_table(element, tables, budget)
            blocks.append(attrs.evolve(table, extra=kind == "GovExtraTable"))
            continue
        style = kind if kind.startswith("Gov") and kind not in _NOT_STYLES else None
        if kind == "GovDraftMark":
            continue
        if element.tag == "h1":  # the title, one paragraph per line
            lines = _raw_text(element).split(_BR)
            blocks += [Para(line, where, style=style) for line in lines]
            continue
        lead = element.find("span")
        if lead is not None and (lead.get("class") or "") in ("GovLead", "GovLeadPlain"):
            text = _raw_text(element)
            head = _raw_text(lead)
            blocks.append(
                Para(
                    text[len(head) :],
                    where,
                    lead=head,
                    lead_kai=lead.get("class") == "GovLead",
                )
            )
            continue
        blocks.append(Para(_raw_text(element), where, style=style))
        limits.enforce("paragraphs", len(blocks), where=where)
    return blocks


_NOT_STYLES: Final = frozenset({"GovBlank", "GovDraftMark"})


def _html_walk(root: etree._Element, holding: set[etree._Element]) -> list[Para | Table]:
    blocks: list[Para | Table] = []
    tables = 0
    budget = _CellBudget()

    def loose(text: str, tag: str) -> None:
        # Text between blocks: its line breaks are spaces, as anywhere in HTML.
        line = " ".join(text.split())
        if line:
            blocks.append(Para(line, f"<{tag}> {len(blocks) + 1}"))

    body = root.find("body")
    # Without recursion: (element, None) is an element to read, (parent, child) the tail
    # of a child read before.
    pending: list[tuple[etree._Element, etree._Element | None]] = [
        (body if body is not None else root, None)
    ]
    while pending:
        element, child = pending.pop()
        if child is not None:
            loose(child.tail or "", element.tag)
            continue
        if not isinstance(element.tag, str) or element.tag in _SKIP_TAGS or _hidden(element):
            continue
        if element.tag == "table" and not _layout_table(element):
            tables += 1
            blocks.append(_html_table(element, tables, budget))
            continue
        if element not in holding:
            lines = _text_with_breaks(element)
            limits.enforce("paragraphs", len(blocks) + len(lines), where=f"<{element.tag}>")
            for line in lines:
                blocks.append(Para(line, f"<{element.tag}> {len(blocks) + 1}"))
            continue
        loose(element.text or "", element.tag)
        for item in reversed(element):
            pending += [(element, item), (item, None)]
        # Each element adds a block at most once: the count stays within reach of the limit.
        limits.enforce("paragraphs", len(blocks), where=f"<{element.tag}>")
    return blocks


# -- Word -------------------------------------------------------------------------------------


def _style(element: etree._Element, path: str) -> str | None:
    """The ``w:val`` of the element at ``path`` (child tags joined by ``/``) below
    ``element``: what ``find`` gives, without parsing the path at every call."""
    node = element
    for tag in _path_tags(path):
        for child in node:
            if child.tag == tag:
                node = child
                break
        else:
            return None
    value = node.get(_VAL)
    return None if value is None else str(value)


@functools.lru_cache(maxsize=64)
def _path_tags(path: str) -> tuple[str, ...]:
    """The tags of a path: ``{namespace}name`` steps joined by ``/`` (a namespace holds ``/``
    too)."""
    return tuple(re.findall(r"(?:\{[^}]*\})?[^/{]+", path))


_R: Final = f"{W}r"
_R_PR: Final = f"{W}rPr"
_R_STYLE: Final = f"{W}rStyle"
_B: Final = f"{W}b"
_TAB: Final = f"{W}tab"
_BREAKS: Final = (f"{W}br", f"{W}cr")
_TYPE: Final = f"{W}type"


_P_STYLE: Final = f"{W}pPr/{W}pStyle"


def _docx_paras(p: etree._Element, number: int, styles: _Styles | None = None) -> list[Para]:
    """A Word paragraph as paragraphs: one per line where soft line breaks (``w:br``) split it
    (``styles``: the document's, when they hide, raise or strike through text)."""
    lead: list[str] = []
    lead_kai = False
    lines: list[list[str]] = [[]]
    paragraph = None if styles is None else styles.paragraph(p)
    for properties, items in _shown_runs(p, [], boxes=True):
        if properties is None and styles is None:
            look = _PLAIN_LOOK
        else:
            look = _look(properties, styles, paragraph)
        if look.hidden:
            continue
        style, bold = look.style, look.bold
        for piece in items:
            if piece in (_PAGE_BREAK, _SYMBOL):  # a symbol: a bullet, a mark
                continue
            if piece is None:
                lines.append([])
                continue
            if look.raised:
                piece = piece.translate(_SUPERSCRIPTS)
            if style in ("GovLead", "GovLeadPlain") and len(lines) == 1 and not lines[0]:
                lead.append(piece)
                lead_kai = lead_kai or style == "GovLead"
            elif bold:  # emphasis, marked for the assembler
                lines[-1].append(STRONG + piece + PLAIN)
            else:
                lines[-1].append(piece)
    style = _style(p, _P_STYLE)
    return [
        Para(
            "".join(line),
            f"paragraph {number}",
            style=style,
            lead="".join(lead) if index == 0 else "",
            lead_kai=lead_kai and index == 0,
        )
        for index, line in enumerate(lines)
    ]


@attrs.frozen
class _Look:
    """What a run's own properties say about how its text is shown."""

    style: str | None = None
    bold: bool = False
    hidden: bool = False
    """Hidden text (``w:vanish``, ``w:webHidden``): neither shown nor printed."""
    raised: bool = False
    """Set as a superscript or subscript (``w:vertAlign``): digits are a footnote mark."""
    struck: bool = False
    """Struck through (``w:strike``, ``w:dstrike``)."""


_PLAIN_LOOK: Final = _Look()
_OFF: Final = ("0", "false", "off")


def _look(
    properties: etree._Element | None,
    styles: _Styles | None = None,
    paragraph: _Effects | None = None,
) -> _Look:
    """What a run's own properties (its ``w:rPr``) say: its character style, and whether
    they set it bold (``w:b``, on unless its value says off), hidden, raised or lowered, or
    struck through — with ``styles``, what they leave unsaid as the document's styles say it
    (the run's character style, its paragraph's style ``paragraph``, the defaults)."""
    style: str | None = None
    bold = hidden = raised = struck = False
    seen_bold = said_hidden = said_raised = said_struck = False
    for prop in () if properties is None else properties:
        tag = prop.tag
        if tag == _R_STYLE and style is None:
            value = prop.get(_VAL)
            style = None if value is None else str(value)
        elif tag == _B and not seen_bold:
            seen_bold = True
            bold = prop.get(_VAL, "true") not in _OFF
        elif tag in _HIDDEN_PROPS:
            said_hidden = True
            hidden = hidden or prop.get(_VAL, "true") not in _OFF
        elif tag == _VERT_ALIGN:
            said_raised = True
            raised = prop.get(_VAL) in ("superscript", "subscript")
        elif tag in _STRIKE_PROPS:
            said_struck = True
            struck = struck or prop.get(_VAL, "true") not in _OFF
    if styles is not None:
        hidden, raised, struck = styles.resolve(
            (
                hidden if said_hidden else None,
                raised if said_raised else None,
                struck if said_struck else None,
            ),
            style,
            paragraph,
        )
    if not (style or bold or hidden or raised or struck):
        return _PLAIN_LOOK
    return _Look(style, bold, hidden, raised, struck)


_Effects = tuple[bool | None, bool | None, bool | None]
"""Whether properties make text hidden, raised, struck through: None for each they leave
unsaid."""
_UNSAID: Final[_Effects] = (None, None, None)


def _effects(properties: etree._Element | None) -> _Effects:
    """What run properties (a ``w:rPr``) say of text being hidden, raised, struck through."""
    if properties is None:
        return _UNSAID
    hidden = raised = struck = None
    for prop in properties:
        tag = prop.tag
        if tag in _HIDDEN_PROPS:
            hidden = bool(hidden) or prop.get(_VAL, "true") not in _OFF
        elif tag == _VERT_ALIGN:
            raised = prop.get(_VAL) in ("superscript", "subscript")
        elif tag in _STRIKE_PROPS:
            struck = bool(struck) or prop.get(_VAL, "true") not in _OFF
    return hidden, raised, struck


@attrs.frozen
class _Styles:
    """What a document's styles (``word/styles.xml``) say of text being hidden, raised or
    struck through, where a run's own properties leave it unsaid."""

    characters: dict[str, _Effects]
    """By character style, each through the styles it is based on."""
    paragraphs: dict[str, _Effects]
    """By paragraph style, likewise."""
    default_paragraph: _Effects
    """The style of a paragraph that names none (or one the document does not define)."""
    default: _Effects
    """The document's default run properties."""

    def paragraph(self, p: etree._Element) -> _Effects:
        """What the style of paragraph ``p`` says."""
        name = _style(p, _P_STYLE)
        if name is None:
            return self.default_paragraph
        return self.paragraphs.get(name, self.default_paragraph)

    def resolve(
        self, own: _Effects, style: str | None, paragraph: _Effects | None
    ) -> tuple[bool, bool, bool]:
        """Hidden, raised, struck through: what a run's own properties say (``own``), else
        its character style (``style``), its paragraph's style, the defaults. Hidden and
        struck through are toggled in Word where a character style and a paragraph style
        both set them, and not in every other program: text both hide is read as neither
        hidden nor readable as a number (as struck through)."""
        character = self.characters.get(style, _UNSAID) if style else _UNSAID
        if paragraph is None:
            paragraph = self.default_paragraph
        values: list[bool] = []
        for index in range(3):
            if own[index] is not None:
                values.append(bool(own[index]))
                continue
            c, p = character[index], paragraph[index]
            if c is None and p is None:
                values.append(bool(self.default[index]))
            elif index == 1:  # raised: the nearer style says it
                values.append(bool(c if c is not None else p))
            else:
                values.append(bool(c) or bool(p))
        hidden, raised, struck = values
        if own[0] is None and character[0] and paragraph[0]:
            hidden, struck = False, True
        return hidden, raised, struck


_STYLE_EFFECTS: Final = (b"vanish", b"webHidden", b"vertAlign", b"strike")


def _document_styles(part: bytes | None) -> _Styles | None:
    """The styles of ``word/styles.xml``; None when none hides, raises or strikes through
    text (nor when the part is missing or damaged: the styles then say nothing)."""
    if part is None or not any(name in part for name in _STYLE_EFFECTS):
        return None
    try:
        root = etree.fromstring(part, _PARSER)
    except etree.XMLSyntaxError:
        return None
    own: dict[tuple[str, str], tuple[_Effects, str | None]] = {}
    defaults: dict[str, str] = {}
    for style in root.iter(f"{W}style"):
        kind, name = style.get(f"{W}type"), style.get(f"{W}styleId")
        if kind not in ("character", "paragraph") or not name:
            continue
        properties = style.find(_R_PR)
        based = _style(style, f"{W}basedOn")
        own[kind, name] = (_effects(properties), based)
        if style.get(f"{W}default") in ("1", "true", "on") and kind not in defaults:
            defaults[kind] = name
    default = _effects(root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr"))
    if all(effects == _UNSAID for effects, _ in own.values()) and default == _UNSAID:
        return None

    def chain(kind: str, name: str) -> _Effects:
        found: list[bool | None] = [None, None, None]
        seen: set[str] = set()
        at: str | None = name
        while at is not None and at not in seen and (kind, at) in own:
            seen.add(at)
            effects, at = own[kind, at]
            found = [f if f is not None else e for f, e in zip(found, effects, strict=True)]
        return found[0], found[1], found[2]

    characters = {name: chain(kind, name) for kind, name in own if kind == "character"}
    paragraphs = {name: chain(kind, name) for kind, name in own if kind == "paragraph"}
    default_paragraph = paragraphs.get(defaults.get("paragraph", ""), _UNSAID)
    return _Styles(characters, paragraphs, default_paragraph, default)


_HIDDEN_PROPS: Final = (f"{W}vanish", f"{W}webHidden")
_VERT_ALIGN: Final = f"{W}vertAlign"
_STRIKE_PROPS: Final = (f"{W}strike", f"{W}dstrike")


_TR: Final = f"{W}tr"
_TC: Final = f"{W}tc"
_TR_PR: Final = f"{W}trPr"
_TC_PR: Final = f"{W}tcPr"
_T: Final = f"{W}t"
_P: Final = f"{W}p"
_W_BR: Final = f"{W}br"
_W_CR: Final = f"{W}cr"
_LINE_BREAKS: Final = (_W_BR, _W_CR)
_GRID_SPAN: Final = f"{W}gridSpan"
_V_MERGE: Final = f"{W}vMerge"
_VAL: Final = f"{W}val"


def docx_table(
    tbl: etree._Element,
    number: int,
    budget: _CellBudget | None = None,
    styles: _Styles | None = None,
) -> Table:
    """A Word table as a grid: each cell's text (:func:`_cell_text`) at every position it
    spans, vertically merged cells continuing the text of the cell they continue
    (``styles``: the document's, when they hide, raise or strike through text)."""
    budget = budget or _CellBudget()
    where = f"table {number}"
    rows = tbl.findall(_TR)
    limits.enforce("table_rows", len(rows), where=where)
    used = budget.used
    try:
        grid = _plain_table_grid(tbl, where, budget, styles)
    except _NotPlain:
        budget.used = used  # read again, in full
        grid = _table_grid(rows, where, budget, styles)
    width = max((c for _, c in grid), default=-1) + 1
    cells = _grid(grid, len(rows), width, where, budget)
    extra = _style(tbl, f"{W}tblPr/{W}tblStyle") == "GovExtraTable"
    return Table(cells, where, True, extra=extra)


class _NotPlain(Exception):
    """A table that is not made as Word makes one (a run in a hyperlink, a table in a cell,
    text outside a run …): read element by element."""


_GRID_BEFORE: Final = f"{W}gridBefore"
_PAGE_BREAK: Final = "\f"
_P_PR: Final = f"{W}pPr"
_MC: Final = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATE: Final = f"{_MC}AlternateContent"
_CHOICE: Final = f"{_MC}Choice"
_FALLBACK: Final = f"{_MC}Fallback"
_FLD_CHAR: Final = f"{W}fldChar"
_FLD_CHAR_TYPE: Final = f"{W}fldCharType"
_PTAB: Final = f"{W}ptab"
_SYM: Final = f"{W}sym"
_TBL: Final = f"{W}tbl"
_TABLE_STREAM: Final = (
    _TR,
    _TR_PR,
    _GRID_BEFORE,
    _TC,
    _TC_PR,
    _GRID_SPAN,
    _V_MERGE,
    _P,
    _R,
    _TBL,  # a table in a cell
    f"{W}txbxContent",  # a text box: paragraphs inside a run
    f"{W}ruby",  # a phonetic guide: runs inside a run
    _FLD_CHAR,  # a field: its code is not shown
    _ALTERNATE,  # alternatives: one of them is shown
)


_CELL_ENDS: Final = (_TC, _TR, _TR_PR)
_SYMBOL: Final = "⟨symbol⟩"
"""Stands in a Word cell for a symbol (``w:sym``): a glyph of a symbol font, never read as a
digit."""
_RUN_MARKS: Final = {_TAB: "\t", _PTAB: "\t", _SYM: _SYMBOL}
_RUN_MARK_TAGS: Final = tuple(_RUN_MARKS)  # compared, not hashed: a tag is a new string
_CELL_PROPERTIES: Final = (_GRID_SPAN, _V_MERGE)


class _Laying:
    """The grid of a table as its cells are met: what :func:`_table_grid` does, a cell at a
    time."""

    def __init__(self, where: str, budget: _CellBudget) -> None:
        self.where = where
        self.budget = budget
        self.grid: dict[tuple[int, int], Cell] = {}
        self.restarts: dict[int, str] = {}  # grid column -> text of the merged cell above
        self.restart_rows: dict[int, int] = {}  # grid column -> the row of that cell
        self.row = -1
        self.column = 0

    def new_row(self) -> None:
        self.row += 1
        self.column = 0

    def before(self, value: str | None) -> None:
        self.column += _span(value, self.where, self.row)

    def cell(self, spans: Sequence[str | None], merge: etree._Element | None, text: str) -> None:
        r, c, grid = self.row, self.column, self.grid
        if not spans and merge is None:  # the common cell: one position, merged with none
            budget = self.budget
            budget.used += 1
            if budget.used > budget.maximum:
                budget.take(0, self.where, r)  # over the limit: the error
            self.restarts.pop(c, None)
            grid[r, c] = text_cell(text)
            self.column = c + 1
            return
        span = 1
        for value in spans:
            span = _span(value, self.where, r)
        budget = self.budget
        budget.used += span
        if budget.used > budget.maximum:
            budget.take(0, self.where, r)  # over the limit: the error
        if merge is not None and merge.get(_VAL) != "restart" and c in self.restarts:
            if text:
                # Text in a cell merged into the one above: shown by some programs, not by
                # others — the merged cell is no number (its text struck through).
                above = self.restarts[c]
                joined = f"{above}\n~~{text}~~" if above else f"~~{text}~~"
                self.restarts[c] = joined
                grid[self.restart_rows[c], c] = text_cell(joined)
            covered = _covered(self.restarts.get(c, ""))
            for dc in range(span):
                grid[r, c + dc] = covered
        else:  # a cell of its own (a merge continuing none above begins one)
            if merge is not None:
                self.restarts[c] = text
                self.restart_rows[c] = r
            else:
                self.restarts.pop(c, None)
            grid[r, c] = text_cell(text)
            for dc in range(1, span):
                grid[r, c + dc] = _covered(text)
        self.column += span


def _table_grid(
    rows: Sequence[etree._Element],
    where: str,
    budget: _CellBudget,
    styles: _Styles | None = None,
) -> dict[tuple[int, int], Cell]:
    laying = _Laying(where, budget)
    for tr in rows:
        laying.new_row()
        for child in tr:
            tag = child.tag
            if tag == _TR_PR:
                before = child.find(_GRID_BEFORE)
                if before is not None:
                    laying.before(before.get(_VAL))
                continue
            if tag != _TC:
                continue
            spans: list[str | None] = []
            merge = None
            for properties in child:
                if properties.tag == _TC_PR:
                    for prop in properties:
                        if prop.tag == _GRID_SPAN:
                            spans.append(prop.get(_VAL))
                        elif prop.tag == _V_MERGE:
                            merge = prop
                    break
            # A cell's paragraphs are one text, a line each: a label Word wrapped by hand reads
            # as one (labels are compared without their spaces), two numbers never do.
            laying.cell(spans, merge, _cell_text(child, styles))
    return laying.grid


def _plain_table_grid(
    tbl: etree._Element,
    where: str,
    budget: _CellBudget,
    styles: _Styles | None = None,
) -> dict[tuple[int, int], Cell]:
    """The grid of a table made as Word makes one, read in one pass over the elements that
    matter (rows, cells, their properties, paragraphs, runs — each run's text from its
    children, as :func:`_simple_runs` reads them), as :func:`_table_grid` reads it;
    :class:`_NotPlain` for any other shape."""
    laying = _Laying(where, budget)
    tr = tc = p = None
    row_properties = cell_properties = None
    before_seen = False
    spans: list[str | None] = []
    merge: etree._Element | None = None
    lines: list[str] = []
    pieces: list[str] = []
    paragraph: _Effects | None = None  # what the paragraph's style says, with ``styles``
    stream = tbl.iter(*_TABLE_STREAM)
    next(stream)  # the table itself
    for e in stream:
        tag = e.tag
        if tag == _R:
            if p is None or e.getparent() is not p:
                raise _NotPlain
            texts: list[str] = []
            properties = _run_items(e, texts, "\n", "\n")  # a cell's breaks are its lines
            if properties is _NOT_SIMPLE:
                raise _NotPlain  # a field, or something inside the run: a drawing …
            _end_run(properties, texts, pieces, styles, paragraph)
        elif tag == _P:
            if tc is None or e.getparent() is not tc:
                raise _NotPlain
            if p is not None:
                lines.append(_line(pieces))
            p, pieces = e, []
            if styles is not None:
                paragraph = styles.paragraph(e)
        elif tag in _CELL_ENDS:
            if tc is not None:
                laying.cell(spans, merge, _end_cell(p, pieces, lines))
                tc = p = None
            if tag == _TC:
                if tr is None or e.getparent() is not tr:
                    raise _NotPlain
                tc, cell_properties, spans, merge, lines = e, None, [], None, []
            elif tag == _TR:
                if e.getparent() is not tbl:
                    raise _NotPlain
                tr, row_properties = e, None
                laying.new_row()
            elif tr is not None and e.getparent() is tr:  # a row's properties
                row_properties, before_seen = e, False
        elif tag == _TC_PR:
            if tc is not None and cell_properties is None and e.getparent() is tc:
                cell_properties = e
        elif tag in _CELL_PROPERTIES:
            if cell_properties is not None and e.getparent() is cell_properties:
                if tag == _GRID_SPAN:
                    spans.append(e.get(_VAL))
                else:
                    merge = e
        elif tag == _GRID_BEFORE:
            parent = e.getparent()
            if row_properties is not None and parent is row_properties and not before_seen:
                before_seen = True
                laying.before(e.get(_VAL))
        else:  # a table in a cell, a text box, a phonetic guide, a field, alternatives
            raise _NotPlain
    if tc is not None:
        laying.cell(spans, merge, _end_cell(p, pieces, lines))
    return laying.grid


def _end_run(
    properties: etree._Element | None,
    texts: list[str],
    pieces: list[str],
    styles: _Styles | None = None,
    paragraph: _Effects | None = None,
) -> None:
    """A run's text added to its paragraph's, as its properties show it (as
    :func:`_cell_text` reads a run; ``styles`` and ``paragraph``: as :func:`_look`)."""
    if properties is None and styles is None:
        pieces += texts
        return
    look = _look(properties, styles, paragraph)
    if look.hidden:
        return
    text = "".join(texts)
    if look.raised:
        text = text.translate(_SUPERSCRIPTS)
    if look.struck and text.strip():
        text = f"~~{text}~~"
    pieces.append(text)


def _end_cell(p: etree._Element | None, pieces: list[str], lines: list[str]) -> str:
    """A cell's text when its last element has been met (as :func:`_cell_text` gives it):
    its last paragraph's ``pieces`` added to its ``lines``."""
    if p is not None:
        lines.append(_line(pieces))
    return _joined_lines(lines)


def _cell_text(cell: etree._Element, styles: _Styles | None = None) -> str:
    """A cell's text, its paragraphs and line breaks (``w:br``) as lines: hidden text left
    out, raised digits as superscripts (a footnote mark, never digits of the number before
    them), struck-through text between ``~~`` (a number struck out and another beside it
    are no number)."""
    lines = []
    fields: list[bool] = []  # the fields the text is in: whether in a field's result
    for p in cell.iter(_P):
        pieces: list[str] = []
        paragraph = None if styles is None else styles.paragraph(p)
        for properties, items in _shown_runs(p, fields):
            run = ["\n" if item is None or item == _PAGE_BREAK else item for item in items]
            _end_run(properties, run, pieces, styles, paragraph)
        lines.append(_line(pieces))
    return _joined_lines(lines)


_RUBY_GUIDE: Final = f"{W}rt"
_UNSHOWN: Final = frozenset(
    {
        # Tracked changes: text deleted, or moved away from here.
        *(f"{W}del", f"{W}moveFrom"),
        # Properties, a field's code, a content control's settings, a phonetic guide.
        *(_R_PR, f"{W}pPr", f"{W}instrText", f"{W}sdtPr", f"{W}sdtEndPr", _RUBY_GUIDE),
    }
)
_BOXES: Final = frozenset({f"{W}drawing", f"{W}pict", f"{W}object"})


def _shown_runs(
    p: etree._Element, fields: list[bool], *, boxes: bool = False
) -> Iterator[tuple[etree._Element | None, list[str | None]]]:
    """The runs of a Word paragraph as it is shown: each run's own properties and its text,
    tabs, symbols (:data:`_SYMBOL`) and line breaks (None, :data:`_PAGE_BREAK`), in order.

    Text deleted or moved away (tracked changes), a field's code (``fields``: the fields
    open, carried from paragraph to paragraph), a phonetic guide and properties are not
    shown. Of alternative content (``mc:AlternateContent``) one choice is shown: the text of
    the first when every choice holds the same text, else both, a line each — which is no
    number. Text boxes are read in place with ``boxes``, else left to the caller (a cell
    reads their paragraphs as its own)."""
    simple = None if fields else _simple_runs(p)
    if simple is not None:
        yield from simple
        return
    yield from _walked_runs(p, fields, boxes=boxes)


def _simple_runs(p: etree._Element) -> list[tuple[etree._Element | None, list[str | None]]] | None:
    """The runs of a paragraph as Word writes most of them — runs of text, tabs, symbols and
    breaks, side by side in the paragraph — as :func:`_walked_runs` gives them, read
    without walking every element; None for a paragraph of any other shape (a run in a
    hyperlink or a tracked change, a field, a drawing, alternative content …)."""
    runs: list[tuple[etree._Element | None, list[str | None]]] = []
    for child in p:
        tag = child.tag
        if tag == _R:
            items: list[str | None] = []
            properties = _run_items(child, items, None, _PAGE_BREAK)
            if properties is _NOT_SIMPLE:
                return None
            runs.append((properties, items))
        elif tag == _FLD_CHAR or (tag != _P_PR and len(child)):
            return None
    return runs


_NOT_SIMPLE: Final = etree.Element("not-simple")
"""What :func:`_run_items` gives for a run of any other shape."""


def _run_items(
    r: etree._Element, items: list[Any], line: str | None, page: str | None
) -> etree._Element | None:
    """A run as Word writes most of them: its text, tabs, symbols and breaks (``line``,
    ``page``), each a child of the run, added to ``items``; its own properties (the first
    ``w:rPr``) returned — or :data:`_NOT_SIMPLE` for a run holding anything more (a field, a
    drawing, text inside another element …). (Items added to a list, the properties
    returned: this is read for every run of a document.)"""
    properties = None
    for e in r:
        tag = e.tag
        if tag == _R_PR:
            if properties is None:
                properties = e
        elif tag == _FLD_CHAR or len(e):
            return _NOT_SIMPLE
        elif tag == _T:
            items.append(e.text or "")
        elif tag in _LINE_BREAKS:
            items.append(page if e.get(_TYPE) == "page" else line)
        elif tag in _RUN_MARK_TAGS:
            items.append(_RUN_MARKS[tag])
    return properties


def _walked_runs(
    p: etree._Element, fields: list[bool], *, boxes: bool = False
) -> Iterator[tuple[etree._Element | None, list[str | None]]]:
    """The runs of a Word paragraph as it is shown (see :func:`_shown_runs`), walking every
    element."""
    runs: list[tuple[etree._Element | None, list[str | None]]] = []
    walk = etree.iterwalk(p, events=("start", "end"))
    for event, e in walk:
        tag = e.tag
        if event == "end":
            if tag == _R:
                yield runs.pop()
            continue
        if tag == _R:
            properties = None
            for child in e:
                if child.tag == _R_PR:
                    properties = child
                    break
            runs.append((properties, []))
        elif tag == _T:
            if runs and all(fields):
                runs[-1][1].append(e.text or "")
        elif tag in _UNSHOWN or (tag in _BOXES and not boxes):
            walk.skip_subtree()
        elif tag in _LINE_BREAKS:
            if runs and all(fields):
                runs[-1][1].append(_PAGE_BREAK if e.get(_TYPE) == "page" else None)
        elif tag in _RUN_MARKS:
            if runs and all(fields):
                runs[-1][1].append(_RUN_MARKS[tag])
        elif tag == _FLD_CHAR:
            kind = e.get(_FLD_CHAR_TYPE)
            if kind == "begin":
                fields.append(False)
            elif kind == "separate" and fields:
                fields[-1] = True
            elif kind == "end" and fields:
                fields.pop()
        elif tag == _ALTERNATE:
            choices = [c for c in e if c.tag == _CHOICE or c.tag == _FALLBACK]
            texts = {"".join(str(t.text or "") for t in c.iter(_T)) for c in choices}
            if len(texts) > 1:  # which is shown depends on the program: no text is read
                walk.skip_subtree()
                if runs and all(fields):
                    runs[-1][1].append("\n".join(sorted(texts)))
                else:
                    yield None, ["\n".join(sorted(texts))]
        elif tag == _FALLBACK or (tag == _CHOICE and e.getprevious() is not None):
            parent = e.getparent()
            if parent is not None and parent.tag == _ALTERNATE:
                walk.skip_subtree()  # the first choice is read
        elif tag == _P and e is not p and not boxes:
            walk.skip_subtree()


def _line(pieces: list[str]) -> str:
    """A cell's paragraph from the text of its runs: struck-through runs side by side are
    one struck-through stretch."""
    return "".join(pieces).replace("~~~~", "")


def _joined_lines(lines: list[str]) -> str:
    """A cell's text from its paragraphs: a line each, the empty ones left out, trimmed."""
    if len(lines) == 1:
        return lines[0].strip()
    return "\n".join(line for line in lines if line.strip()).strip()


def _docx_body(body: etree._Element) -> Iterator[etree._Element]:
    for child in body:
        if child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _docx_body(content)
        else:
            yield child


def docx_blocks(data: bytes) -> tuple[list[Para | Table], dict[str, str]]:
    """The body's paragraphs and tables, and the custom document properties (with the
    core Title property as ``dc:title``)."""
    wanted = ("word/document.xml", "docProps/custom.xml", "docProps/core.xml", "word/styles.xml")
    try:
        parts = zip_parts(data, wanted=wanted.__contains__)
    except zipfile.BadZipFile as exc:
        raise SourceError(f"not a Word document (.docx): {exc}") from None
    if "word/document.xml" not in parts:
        raise SourceError("not a Word document: no word/document.xml")
    most_tags = limits.current().markup_tags
    for part_name, part in parts.items():
        if len(part) > most_tags:  # else it cannot hold too many: a tag is a byte at least
            limits.enforce("markup_tags", part.count(b"<"), where=part_name)
        if declares_doctype(part):  # the XML parser would read the files it names
            raise SourceError(
                f"the Word document is damaged: {part_name} declares a document type "
                "(<!DOCTYPE …>), which Word never writes"
            )
    try:
        document = etree.fromstring(parts["word/document.xml"], _PARSER)
        custom = (
            etree.fromstring(parts["docProps/custom.xml"], _PARSER)
            if "docProps/custom.xml" in parts
            else None
        )
    except etree.XMLSyntaxError as exc:
        raise SourceError(f"the Word document is damaged: {exc}") from None
    properties: dict[str, str] = {}
    if "docProps/core.xml" in parts:
        try:
            core = etree.fromstring(parts["docProps/core.xml"], _PARSER)
        except etree.XMLSyntaxError:
            core = None  # the core properties are not the report: a damaged part is no title
        found = core.find("{http://purl.org/dc/elements/1.1/}title") if core is not None else None
        if found is not None and found.text:
            properties["dc:title"] = found.text
    if custom is not None:
        for prop in custom:
            name = prop.get("name")
            if name:
                properties[name] = "".join(str(t) for t in prop.itertext())
    body = document.find(f"{W}body")
    if body is None:
        raise SourceError("the Word document has no body")
    styles = _document_styles(parts.get("word/styles.xml"))
    blocks: list[Para | Table] = []
    paragraphs = tables = 0
    budget = _CellBudget()
    most_paragraphs = limits.current().paragraphs
    for element in _docx_body(body):
        tag = element.tag
        if tag == _P:
            paragraphs += 1
            if paragraphs > most_paragraphs:
                limits.enforce("paragraphs", paragraphs, where=f"paragraph {paragraphs}")
            blocks.extend(_docx_paras(element, paragraphs, styles))
        elif tag == _TBL:
            tables += 1
            blocks.append(docx_table(element, tables, budget, styles))
    return blocks, properties
