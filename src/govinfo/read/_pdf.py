"""PDF: the text layer's characters and ruling lines as paragraphs and tables.

A PDF exported from Word or WPS holds characters with their places and the lines that rule
its tables; it holds neither paragraphs nor cells. They are rebuilt here:

- **Tables** from the ruling lines (lines, and the thin rectangles some exporters draw
  instead): the grid of their positions, a cell wherever a boundary is missing merged with
  its neighbour (merged cells resolved, as a Word table's), the characters inside each cell
  its text. A table that runs on at the top of the next page, with the same columns, is
  joined to its first part, and the header rows repeated there are dropped. A “table” whose
  rows each hold at most one filled cell — a box drawn around prose, a heading handed over
  with empty cells — is text; so are heading rows at the edges of a table.
- **Paragraphs** from the lines of text outside the tables: a line that runs to the right
  margin continues on the next line unless that one is indented (a first line) or is a
  heading; a page break does not end a paragraph. Page numbers (``- 3 -``, ``— 3 —``,
  ``第3页 共8页``) and running headers and footers are left out.
- **Tables without rulings**: lines whose numbers stand apart from their label (a gap of an
  em or more) are rows of a loose table, read as text tables printed with spaces are.

Small raised digits (superscripts, footnote marks) are kept apart from the numbers they
follow (``12¹``, never 121). A PDF without a text layer (a scan) or whose text layer has
glyphs without a Unicode mapping (``(cid:123)``) is refused whole: no OCR, no partial text.
Needs pdfplumber (``pip install 'govinfo[pdf]'``).
"""

from __future__ import annotations

import bisect
import io
import statistics
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from ..limits import enforce
from ._assemble import ReadError
from ._blocks import Cell, Para, Table
from ._normalize import NUMBERED, PAGE_NUMBER, section_number
from ._sources import SourceError, spaced_row, spaced_runs, spaced_table

__all__ = ["NoTextLayer", "UnmappedText", "pdf_blocks"]

INSTALL: Final = "pip install 'govinfo[pdf]'"


class NoTextLayer(ReadError):
    """A PDF with no text to read: a scan (pages of images), or empty pages. Nothing is read
    (govinfo does no OCR)."""


class UnmappedText(ReadError):
    """A PDF whose text layer has glyphs without a Unicode mapping (``(cid:123)``): its text
    cannot be known, and nothing is read."""


_TOLERANCE: Final = 2.0  # points: ruling lines this close are one line
_THIN: Final = 2.5  # a rectangle this thin is a ruling line
# A footnote mark is set smaller (Word: 2/3, LibreOffice: 4/5) and raised (by 1/3, 1/5):
# a digit that is both is a mark, never a digit of the number it follows.
_MARK_SIZE: Final = 0.85
_MARK_RISE: Final = 0.12
_SUPERSCRIPTS: Final = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_COMPATIBLE: Final = ((0x2E80, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20))


@attrs.frozen
class _Char:
    """A character (or a run of them) on a page: its text, its box and its font size."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    struck: bool = False
    """Whether a line is drawn through it (struck through)."""


@attrs.frozen
class _Line(_Char):
    """A line of text on a page: its text (gaps of an em or more as two spaces), its box."""

    cell_gap: bool = False
    """Whether the numbers at its end stand an em or more apart from what precedes them."""


@attrs.frozen
class _Grid:
    """A ruled table on a page: column and row boundaries and each grid cell's region."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    regions: tuple[tuple[int, ...], ...]
    """For each grid row, the region (merged cell) number of each grid column."""

    def locate(self, x: float, y: float) -> tuple[int, int] | None:
        c = bisect.bisect_right(self.xs, x) - 1
        r = bisect.bisect_right(self.ys, y) - 1
        if 0 <= c < len(self.xs) - 1 and 0 <= r < len(self.ys) - 1:
            return r, c
        return None


def _import_pdfplumber() -> Any:
    try:
        import pdfplumber
    except ImportError:
        raise SourceError(
            f"reading PDF needs pdfplumber, which is not installed: {INSTALL}"
        ) from None
    return pdfplumber


def pdf_blocks(data: bytes) -> tuple[list[Para | Table], dict[str, str], list[str]]:
    """The paragraphs and tables of a PDF, its document information (Title, Author …), and
    notes on what was tolerated (characters in compatibility forms)."""
    pdfplumber = _import_pdfplumber()
    pages: list[tuple[list[_Char], list[tuple[float, float, float, float]], int, float, float]]
    pages = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            enforce("pdf_pages", len(pdf.pages))
            info = {str(k): v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
            characters = 0
            for page in pdf.pages:
                chars, segments, images = _objects(page)
                characters += len(chars)
                enforce("pdf_characters", characters, where=f"page {page.page_number}")
                pages.append((chars, segments, images, page.width, page.height))
    except (SourceError, ReadError):
        raise
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file
        from ..errors import LimitExceeded

        if isinstance(exc, LimitExceeded):
            raise
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise SourceError("the PDF is encrypted: it cannot be read") from None
        raise SourceError(f"not a PDF, or a damaged one ({name}: {exc})") from None
    return _blocks(pages), info, _notes(pages)


def _notes(pages: Sequence[tuple[list[_Char], Any, int, float, float]]) -> list[str]:
    forms = sum(1 for chars, *_ in pages for c in chars if _compatible(c.text))
    if not forms:
        return []
    return [f"{forms} character(s) in compatibility forms (⼀ for 一 …) read as the ideographs"]


def _compatible(text: str) -> bool:
    return len(text) == 1 and any(start <= ord(text) < end for start, end in _COMPATIBLE)


def _objects(page: Any) -> tuple[list[_Char], list[tuple[float, float, float, float]], int]:
    """A page's characters, ruling segments and number of images, from the layout pdfminer
    gives pdfplumber (read directly: the page's dictionaries of every attribute of every
    object cost more than the rest of the reading), in pdfplumber's page coordinates."""
    from pdfminer.layout import LTChar, LTContainer, LTImage, LTLine, LTRect

    left, upper = page.mediabox[0], page.mediabox[1]
    height = page.height
    chars: list[_Char] = []
    lines: list[tuple[float, float, float, float]] = []
    rects: list[tuple[float, float, float, float]] = []
    images = 0
    stack = list(page.layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTChar):
            chars.append(
                _Char(
                    obj.get_text(),
                    obj.x0 + left,
                    obj.x1 + left,
                    height - obj.y1 + upper,
                    height - obj.y0 + upper,
                    obj.size,
                )
            )
            continue
        box = (obj.x0 + left, height - obj.y1 + upper, obj.x1 + left, height - obj.y0 + upper)
        if isinstance(obj, LTLine):
            lines.append(box)
        elif isinstance(obj, LTRect):
            rects.append(box)
        elif isinstance(obj, LTImage):
            images += 1
        elif isinstance(obj, LTContainer):
            stack.extend(obj)
    chars.reverse()  # the order the page draws them
    return chars, _segments(lines, rects), images


def _segments(
    lines: Iterable[tuple[float, float, float, float]],
    rects: Iterable[tuple[float, float, float, float]],
) -> list[tuple[float, float, float, float]]:
    """Ruling segments (x0, top, x1, bottom): lines, thin rectangles, the edges of others."""
    found = list(lines)
    for x0, top, x1, bottom in rects:
        if bottom - top <= _THIN or x1 - x0 <= _THIN:
            found.append((x0, top, x1, bottom))
        else:
            found += [(x0, top, x1, top), (x0, bottom, x1, bottom)]
            found += [(x0, top, x0, bottom), (x1, top, x1, bottom)]
    return found


def _check_text_layer(pages: Sequence[tuple[list[_Char], Any, int, float, float]]) -> None:
    chars = [c for page in pages for c in page[0]]
    unmapped = sum(1 for c in chars if c.text.startswith("(cid:"))
    if unmapped:
        raise UnmappedText(
            f"the PDF's text layer has {unmapped} of {len(chars)} characters without a Unicode "
            "mapping (shown as (cid:N): fonts embedded without a ToUnicode map), so its text "
            "cannot be known; nothing was read. Read the document it was made from, or export "
            "it again with the fonts' Unicode mapping"
        )
    if not any(c.text.strip() for c in chars):
        images = sum(page[2] for page in pages)
        if images:
            raise NoTextLayer(
                f"the PDF has no text layer: its {len(pages)} page(s) are {images} image(s) "
                "(a scan); nothing was read. govinfo does not recognise text in images (no "
                "OCR): read the document the scan was made from"
            )
        raise NoTextLayer(f"the PDF's {len(pages)} page(s) hold no text; nothing was read")


# -- the whole document -----------------------------------------------------------------------


def _blocks(
    pages: Sequence[tuple[list[_Char], list[Any], int, float, float]],
) -> list[Para | Table]:
    _check_text_layer(pages)
    laid: list[list[tuple[float, _Line | Table | Para]]] = []
    tables = 0
    for number, (chars, segments, _, width, height) in enumerate(pages, start=1):
        chars = _struck([_fold(c) for c in chars if c.text.strip() or c.text == " "], segments)
        grids = [g for g in _grids(segments) if g.regions]
        tables_here, inside = [], set()
        for grid in grids:
            for table in _grid_tables(grid, chars, number):
                tables_here.append(table)
                inside |= table[2]
        rest = [c for i, c in enumerate(chars) if i not in inside]
        lines = [line for line in _lines(rest) if not PAGE_NUMBER.match(line.text)]
        items: list[tuple[float, _Line | Table | Para]] = [(line.top, line) for line in lines]
        for top, rows, _ in sorted(tables_here, key=lambda table: table[0]):
            if rows and isinstance(rows[0], Para):
                items += [(top, para) for para in rows if isinstance(para, Para)]
                continue
            tables += 1
            items.append((top, _table([r for r in rows if isinstance(r, list)], number, tables)))
        items.sort(key=lambda item: item[0])
        laid.append(items)
        del width, height
    _drop_running_lines(laid, [page[4] for page in pages])
    return _assemble_pages(laid)


def _struck(
    chars: list[_Char], segments: Sequence[tuple[float, float, float, float]]
) -> list[_Char]:
    """The characters, those a horizontal line is drawn through marked struck: a line across
    the middle of a character's box (an underline runs below it, a table's rules between
    the lines)."""
    rules = sorted(
        ((top + bottom) / 2, x0, x1)
        for x0, top, x1, bottom in segments
        if bottom - top <= _THIN and x1 - x0 > _THIN
    )
    if not rules:
        return chars
    heights = [rule[0] for rule in rules]
    marked = []
    for char in chars:
        height = char.bottom - char.top
        low = bisect.bisect_left(heights, char.top + 0.25 * height)
        high = bisect.bisect_right(heights, char.bottom - 0.2 * height)
        middle = (char.x0 + char.x1) / 2
        if char.text.strip() and any(x0 <= middle <= x1 for _, x0, x1 in rules[low:high]):
            char = attrs.evolve(char, struck=True)
        marked.append(char)
    return marked


def _fold(char: _Char) -> _Char:
    if _compatible(char.text):
        return attrs.evolve(char, text=unicodedata.normalize("NFKC", char.text))
    return char


def _drop_running_lines(
    laid: list[list[tuple[float, _Line | Table | Para]]], heights: Sequence[float]
) -> None:
    """Running headers and footers: the same line at the top or bottom of most pages."""
    if len(laid) < 3:
        return
    seen: dict[str, int] = {}
    for items, height in zip(laid, heights, strict=True):
        edge = {
            line.text
            for _, line in items
            if isinstance(line, _Line) and (line.top < 0.1 * height or line.bottom > 0.9 * height)
        }
        for text in edge:
            seen[text] = seen.get(text, 0) + 1
    running = {text for text, count in seen.items() if count >= max(3, len(laid) // 2)}
    for items, height in zip(laid, heights, strict=True):
        items[:] = [
            item
            for item in items
            if not (
                isinstance(item[1], _Line)
                and item[1].text in running
                and (item[1].top < 0.1 * height or item[1].bottom > 0.9 * height)
            )
        ]


def _assemble_pages(
    laid: Sequence[Sequence[tuple[float, _Line | Table | Para]]],
) -> list[Para | Table]:
    """Paragraphs rebuilt from lines across pages, tables joined across pages, and the lines
    of tables without rulings as loose tables."""
    lines = [line for items in laid for _, line in items if isinstance(line, _Line)]
    left = _margin([line.x0 for line in lines], low=True)
    right = _margin([line.x1 for line in lines], low=False)
    indented = _indented(lines, left)
    blocks: list[Para | Table] = []
    pending: list[tuple[int, _Line]] = []  # lines since the last table

    def flush() -> None:
        # Each line indented by its distance from the margin (in half ems), as pdftotext
        # prints it: a loose table tells the group column from the row labels' by it.
        texts = [
            " " * max(0, round(2 * (line.x0 - left) / line.size)) + line.text for _, line in pending
        ]
        places = [f"page {page}" for page, _ in pending]
        rows = [line.cell_gap and spaced_row(line.text) is not None for _, line in pending]
        runs = spaced_runs(texts, rows) if any(rows) else {}
        paragraph: list[_Line] = []
        at = ""

        def close() -> None:
            if paragraph:
                text = paragraph[0].text
                for line in paragraph[1:]:
                    text = _join(text, line.text)
                blocks.append(Para(" ".join(text.split()), at))
                paragraph.clear()

        index = 0
        while index < len(pending):
            if index in runs:
                close()
                blocks.append(spaced_table(texts, index, runs[index], places, rows))
                index = runs[index]
                continue
            page, line = pending[index]
            if not (paragraph and _continues_line(paragraph[-1], line, left, right, indented)):
                close()
                at = f"page {page}"
            paragraph.append(line)
            index += 1
        close()
        pending.clear()

    for page, items in enumerate(laid, start=1):
        for _, item in items:
            if isinstance(item, _Line):
                pending.append((page, item))
                continue
            flush()
            if isinstance(item, Para):
                blocks.append(item)
                continue
            previous = blocks[-1] if blocks else None
            if isinstance(previous, Table) and previous.structured and _continues(previous, item):
                blocks[-1] = _join_tables(previous, item)
            else:
                blocks.append(item)
    flush()
    return blocks


def _margin(values: Sequence[float], *, low: bool) -> float:
    """The text column's left (or right) edge: where most full lines start (or end)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[len(ordered) // 10] if low else ordered[-1 - len(ordered) // 10]


def _paragraphs(lines: Sequence[_Line], page: int) -> list[Para]:
    """Lines of one box of text as paragraphs, within the box's margins."""
    left = min((line.x0 for line in lines), default=0.0)
    right = max((line.x1 for line in lines), default=0.0)
    indented = any(1.5 * line.size <= line.x0 - left <= 2.6 * line.size for line in lines)
    paras: list[Para] = []
    current: list[_Line] = []
    for line in [*lines, None]:
        if (
            line is not None
            and current
            and _continues_line(current[-1], line, left, right, indented)
        ):
            current.append(line)
            continue
        if current:
            text = current[0].text
            for more in current[1:]:
                text = _join(text, more.text)
            paras.append(Para(" ".join(text.split()), f"page {page}"))
        current = [line] if line is not None else []
    return paras


def _indented(lines: Sequence[_Line], left: float) -> bool:
    """Whether paragraphs start with an indented first line (two characters, as is usual)."""
    first = [line for line in lines if 1.5 * line.size <= line.x0 - left <= 2.6 * line.size]
    return len(first) >= 3 and len(first) >= 0.05 * len(lines)


def _continues_line(
    previous: _Line, line: _Line, left: float, right: float, indented: bool
) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` ends: ``previous`` is a line of
    a paragraph (not centred or set right) that runs to the right margin, ``line`` starts at
    the left one (an indented line starts a paragraph) and is no heading. Where paragraphs
    start indented, a line may end short of the margin before a word that did not fit."""
    size = max(previous.size, line.size)
    if previous.x0 > left + 2.6 * size:
        return False
    if previous.x1 < right - (6.0 if indented else 1.2) * size:
        return False
    if line.x0 > left + 0.6 * size:
        return False
    if line.top > previous.bottom and line.top - previous.bottom > 2.0 * size:
        return False  # a gap: a new block
    text = line.text.lstrip()
    return section_number(text) is None and NUMBERED.match(text) is None


def _join(text: str, more: str) -> str:
    if (
        text
        and more
        and text[-1].isascii()
        and text[-1].isalnum()
        and more[0].isascii()
        and more[0].isalnum()
    ):
        return f"{text} {more}"
    return text + more


# -- lines ------------------------------------------------------------------------------------


def _lines(chars: Sequence[_Char]) -> list[_Line]:
    """Characters as lines: grouped by their vertical place, ordered left to right; small
    raised digits as superscripts; a gap of 0.35 em a space, of an em or more two spaces."""
    lines: list[list[_Char]] = []
    top = bottom = 0.0
    for char in sorted(chars, key=lambda c: (c.top + c.bottom) / 2):
        middle = (char.top + char.bottom) / 2
        if lines and top <= middle <= bottom:
            lines[-1].append(char)
            top, bottom = min(top, char.top), max(bottom, char.bottom)
            continue
        lines.append([char])
        top, bottom = char.top, char.bottom
    # Small raised (or lowered) characters overlapping a line are on it: a footnote mark
    # belongs to the line of the number it follows, never to a line of its own.
    merged: list[list[_Char]] = []
    for line in lines:
        if merged and (_overlaps_small(merged[-1], line) or _overlaps_small(line, merged[-1])):
            merged[-1].extend(line)
        else:
            merged.append(line)
    return [_line(line) for line in merged if any(c.text.strip() for c in line)]


def _overlaps_small(line: Sequence[_Char], small: Sequence[_Char]) -> bool:
    """Whether ``small`` is a run of characters markedly smaller than ``line``'s that
    overlaps it vertically."""
    size = statistics.median(c.size for c in line)
    if max(c.size for c in small) > _MARK_SIZE * size:
        return False
    top, bottom = min(c.top for c in line), max(c.bottom for c in line)
    return min(bottom, max(c.bottom for c in small)) > max(top, min(c.top for c in small))


def _line(chars: list[_Char]) -> _Line:
    chars.sort(key=lambda c: c.x0)
    size = statistics.median(c.size for c in chars)
    baseline = max(c.bottom for c in chars if c.size > _MARK_SIZE * size)
    parts: list[str] = []
    previous: _Char | None = None
    last_gap = 0  # the index in parts after the last gap of an em or more
    striking = False
    for char in chars:
        text = char.text
        if char.size <= _MARK_SIZE * size and char.bottom <= baseline - _MARK_RISE * size:
            text = text.translate(_SUPERSCRIPTS)  # a footnote mark, never a digit of the number
        if previous is not None:
            gap = char.x0 - previous.x1
            if gap >= 0.9 * size:
                if striking:
                    parts.append("~~")
                    striking = False
                parts.append("  ")
                last_gap = len(parts)
            elif gap >= 0.35 * size and not parts[-1].endswith(" ") and text != " ":
                parts.append(" ")
        if char.struck != striking and text.strip():
            parts.append("~~")  # struck through: never a number with what is beside it
            striking = char.struck
        parts.append(text)
        previous = char
    if striking:
        parts.append("~~")
    text = "".join(parts).strip()
    tail = "".join(parts[last_gap:]).strip()
    cell_gap = bool(last_gap) and spaced_row("x " + tail) is not None
    return _Line(
        text,
        chars[0].x0,
        max(c.x1 for c in chars),
        min(c.top for c in chars),
        max(c.bottom for c in chars),
        size,
        cell_gap=cell_gap,
    )


# -- ruled tables -----------------------------------------------------------------------------


def _grids(segments: Sequence[tuple[float, float, float, float]]) -> list[_Grid]:
    """The tables the ruling segments draw: each connected set of horizontal and vertical
    segments with at least two of each, as a grid with its merged cells."""
    horizontal = [s for s in segments if s[3] - s[1] <= _THIN and s[2] - s[0] > _THIN]
    vertical = [s for s in segments if s[2] - s[0] <= _THIN and s[3] - s[1] > _THIN]
    everything = horizontal + vertical
    parent = list(range(len(everything)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    t = _TOLERANCE
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical, start=len(horizontal)):
            if v[0] - t <= h[2] and h[0] - t <= v[2] and v[1] - t <= h[3] and h[1] - t <= v[3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[float, float, float, float]]] = {}
    for i, segment in enumerate(everything):
        groups.setdefault(find(i), []).append(segment)
    grids = []
    for group in groups.values():
        hs = [s for s in group if s in horizontal]
        vs = [s for s in group if s not in hs]
        if len(hs) >= 2 and len(vs) >= 2:
            grids.append(_grid(hs, vs))
    return grids


def _positions(values: Iterable[float]) -> tuple[float, ...]:
    found: list[float] = []
    for value in sorted(values):
        if found and value - found[-1] <= _TOLERANCE:
            continue
        found.append(value)
    return tuple(found)


def _grid(
    hs: Sequence[tuple[float, float, float, float]], vs: Sequence[tuple[float, float, float, float]]
) -> _Grid:
    xs = _positions((v[0] + v[2]) / 2 for v in vs)
    ys = _positions((h[1] + h[3]) / 2 for h in hs)
    t = _TOLERANCE

    def ruled_v(x: float, y0: float, y1: float) -> bool:
        middle = (y0 + y1) / 2
        return any(abs((v[0] + v[2]) / 2 - x) <= t and v[1] - t <= middle <= v[3] + t for v in vs)

    def ruled_h(y: float, x0: float, x1: float) -> bool:
        middle = (x0 + x1) / 2
        return any(abs((h[1] + h[3]) / 2 - y) <= t and h[0] - t <= middle <= h[2] + t for h in hs)

    rows, columns = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * columns))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(columns):
            if c + 1 < columns and not ruled_v(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * columns + c)] = find(r * columns + c + 1)
            if r + 1 < rows and not ruled_h(ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * columns + c)] = find((r + 1) * columns + c)
    numbers: dict[int, int] = {}
    regions = tuple(
        tuple(numbers.setdefault(find(r * columns + c), len(numbers)) for c in range(columns))
        for r in range(rows)
    )
    return _Grid(xs, ys, regions)


def _grid_tables(
    grid: _Grid, chars: Sequence[_Char], page: int
) -> list[tuple[float, list[list[Cell]] | list[Para], set[int]]]:
    """The tables a grid of rulings holds (each: its top, its rows of cells, the characters
    in it). Boxes drawn around text are not tables: a row holding one filled cell that is a
    section heading or a sentence parts the grid, and a part whose rows each hold one
    filled cell at most (prose in boxes, a heading with empty cells after it) is text."""
    inside: dict[int, list[int]] = {}
    for index, char in enumerate(chars):
        place = grid.locate((char.x0 + char.x1) / 2, (char.top + char.bottom) / 2)
        if place is not None:
            inside.setdefault(grid.regions[place[0]][place[1]], []).append(index)
    texts = {region: _cell_text([chars[i] for i in found]) for region, found in inside.items()}
    rows = [
        [Cell(texts.get(region, ""), origin=_origin(grid, r, c)) for c, region in enumerate(row)]
        for r, row in enumerate(grid.regions)
    ]
    filled = [[cell.text for cell in row if cell.origin and cell.text.strip()] for row in rows]
    parts: list[list[int]] = [[]]
    for r, texts_here in enumerate(filled):
        if len(texts_here) <= 1 and texts_here and _text_row(texts_here[0]):
            parts.append([])
        else:
            parts[-1].append(r)
    found: list[tuple[float, list[list[Cell]] | list[Para], set[int]]] = []
    table_rows: set[int] = set()
    for part in parts:
        while part and len(filled[part[0]]) <= 1 and not _caption(filled[part[0]]):
            part = part[1:]  # empty rows, and text in boxes, above a table
        while part and len(filled[part[-1]]) <= 1 and not _caption(filled[part[-1]]):
            part = part[:-1]
        if not part or all(len(filled[r]) <= 1 for r in part):
            continue
        regions = {region for r in part for region in grid.regions[r]}
        held = {i for region in regions for i in inside.get(region, [])}
        found.append((grid.ys[part[0]], [rows[r] for r in part], held))
        table_rows.update(part)
    # The text in boxes: each box's lines as paragraphs, within the box's own margins.
    boxes: dict[int, int] = {}
    for r, row in enumerate(grid.regions):
        if r not in table_rows:
            for region in row:
                boxes.setdefault(region, r)
    in_tables = {region for r in table_rows for region in grid.regions[r]}
    for region, r in boxes.items():
        if region in in_tables or region not in inside:
            continue
        lines = _lines([chars[i] for i in inside[region]])
        paras = _paragraphs(lines, page)
        found.append((grid.ys[r] + 0.001 * region, paras, set(inside[region])))
    return found


def _text_row(text: str) -> bool:
    """A box's text that is no table row: a section heading, or a sentence."""
    return section_number(text) is not None or any(mark in text for mark in "。；！？")


def _caption(texts: Sequence[str]) -> bool:
    """A row of one filled cell that belongs to a table: a caption such as 第二十条第（一）项."""
    return len(texts) == 1 and len(texts[0]) <= 20 and NUMBERED.match(texts[0]) is None


def _origin(grid: _Grid, r: int, c: int) -> bool:
    region = grid.regions[r][c]
    return (c == 0 or grid.regions[r][c - 1] != region) and (
        r == 0 or grid.regions[r - 1][c] != region
    )


def _cell_text(chars: Sequence[_Char]) -> str:
    """A cell's text: its lines joined (a label wrapped in its cell reads as one) — but two
    lines of digits stay two lines, as in a Word cell: two numbers, never one of their digits
    (“1” above “234” is not 1234)."""
    text = ""
    for line in _lines(chars):
        more = " ".join(line.text.split())
        if text[-1:].isdigit() and more[:1].isdigit():
            text = f"{text}\n{more}"
        else:
            text = _join(text, more)
    return text


def _table(rows: Sequence[Sequence[Cell]], page: int, number: int) -> Table:
    where = f"page {page}, table {number}"
    places = tuple(f"{where}, row {r + 1}" for r in range(len(rows)))
    return Table(tuple(tuple(row) for row in rows), where, True, lines=places)


def _continues(first: Table, second: Table) -> bool:
    """Whether ``second`` (first on its page) runs on ``first`` (last on the one before)."""
    if not first.rows or not second.rows or len(first.rows[0]) != len(second.rows[0]):
        return False
    return first.lines[-1].split(",")[0] != second.lines[0].split(",")[0]


def _join_tables(first: Table, second: Table) -> Table:
    """One table of two parts: the header rows the second part repeats are dropped."""
    skip = 0
    while (
        skip < len(second.rows)
        and skip < len(first.rows)
        and [c.text for c in second.rows[skip]] == [c.text for c in first.rows[skip]]
    ):
        skip += 1
    return attrs.evolve(
        first,
        rows=first.rows + second.rows[skip:],
        lines=first.lines + second.lines[skip:],
    )
