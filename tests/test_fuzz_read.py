"""Fuzzing the readers: Word documents, web pages and text mutated in their numbers, their
structure and their bytes go through read_bytes. Every input ends in a reading or in one of
the library's documented errors (a GovinfoError), within the limits; and never in a number
read wrong: a cell whose value changed holds what its new text says, or is blank."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import GovinfoError
from govinfo.cells import layout
from govinfo.read import ReadResult, read_bytes
from govinfo.render import html_page, render_bytes

from .conftest import EXAMPLES
from .docx_helpers import parts, zipped

_BLANKS = ["", "/", "／", "—", "－", "无"]
_UNREADABLE = ["12a", "1.5", "-3", "1,23", "1 2", "一二", "++1", "1e5", "0x10", "∞", "12万元"]
_BOUND = 10**15

# (text, what a count cell holding it reads as): a number, or None (blank or unreadable).
_CELL_TEXTS: st.SearchStrategy[tuple[str, int | None]] = st.one_of(
    st.integers(0, _BOUND - 1).map(lambda n: (str(n), n)),
    st.integers(1000, _BOUND - 1).map(lambda n: (f"{n:,}", n)),
    st.integers(0, 10**6).map(lambda n: (str(n).translate(_FULL_WIDTH), n)),
    st.integers(0, 10**6).map(lambda n: (f"{n}件", n)),
    st.sampled_from(_BLANKS).map(lambda t: (t, None)),
    st.sampled_from(_UNREADABLE).map(lambda t: (t, None)),
    st.integers(16, 6000).map(lambda d: ("9" * d, None)),
    st.text(alphabet="abc一二三\u00a0 ", min_size=1, max_size=8).map(lambda t: (t, None)),
)
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@cache
def _report() -> govinfo.Report:
    return govinfo.load(EXAMPLES / "complete-2024.json")


def _values(result: ReadResult) -> dict[str, Any]:
    lay = layout(result.report)
    return {
        spec.dotted: value for spec, value in zip(lay.specs, lay.values(result.report), strict=True)
    }


def _read(data: bytes, source: str) -> ReadResult | None:
    try:
        return read_bytes(data, source=source)
    except GovinfoError:
        return None


def _printed(source: str) -> set[int]:
    """Every number a source prints: the runs of digits of its text, the markup between
    pieces of text taken as nothing (runs, emphasis) or as a break (anything else)."""
    inline = re.sub(r"</?(?:w:t|w:r|b|strong|span)(?: [^>]*)?>", "", source)
    found: set[int] = set()
    for text in (inline, source):
        text = re.sub(r"<[^>]*>", "\n", text)
        found |= {int(run) for run in re.findall(r"(?<!\d)\d{1,15}(?!\d)", text)}
    return found


def _never_wrong(
    before: ReadResult,
    after: ReadResult | None,
    texts: list[tuple[str, Any]],
    source: str | None = None,
) -> None:
    """Each cell whose value changed reads what one of the new texts says — or, for a source
    whose structure changed, a number the source prints — or is blank; with new texts and
    none of them a blank mark, a cell that became blank is reported (never silently)."""
    if after is None:
        return
    allowed = {expected for _, expected in texts if expected is not None}
    if source is not None:
        allowed |= _printed(source)
    old, new = _values(before), _values(after)
    changed = {cell: new.get(cell) for cell in old if new.get(cell) != old[cell]}
    for cell, value in changed.items():
        assert value is None or value in allowed, (cell, old[cell], value, texts)
    blank_marks = any(text.strip() in _BLANKS or not text.strip() for text, _ in texts)
    if texts and not blank_marks and any(value is None for value in changed.values()):
        assert after.errors, changed  # never silently blank


def _replace_numbers(
    source: str,
    pattern: str,
    texts: list[tuple[str, Any]],
    picks: list[int],
    quote: Callable[[str], str],
) -> str:
    spots = [m.span(1) for m in re.finditer(pattern, source)]
    assert spots
    chosen = sorted({spots[p % len(spots)] for p in picks}, reverse=True)
    for (start, end), (text, _) in zip(chosen, texts, strict=False):
        source = source[:start] + quote(text) + source[end:]
    return source


_MUTATIONS = st.lists(st.tuples(_CELL_TEXTS, st.integers(0, 10**6)), min_size=1, max_size=4)


# -- Word -------------------------------------------------------------------------------------


@cache
def _word() -> tuple[dict[str, bytes], ReadResult]:
    members = parts(render_bytes(_report()))
    return members, read_bytes(zipped(members), source="base.docx")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_MUTATIONS)
def test_word_cells_never_read_wrong(mutations: list[tuple[tuple[str, Any], int]]) -> None:
    members, before = _word()
    texts = [text for text, _ in mutations]
    document = _replace_numbers(
        members["word/document.xml"].decode("utf-8"),
        r"<w:t(?: [^>]*)?>(\d+)</w:t>",
        texts,
        [pick for _, pick in mutations],
        escape,
    )
    after = _read(zipped({**members, "word/document.xml": document.encode("utf-8")}), "m.docx")
    _never_wrong(before, after, texts)


_ELEMENTS = ["w:tr", "w:tc", "w:p", "w:tbl", "w:r", "w:tcPr", "w:trPr"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_word_structure_mutated(data: st.DataObject) -> None:
    members, before = _word()
    document = members["word/document.xml"].decode("utf-8")
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        tag = data.draw(st.sampled_from(_ELEMENTS), label="tag")
        found = [m.span() for m in re.finditer(rf"<{tag}(?: [^>]*)?>.*?</{tag}>", document, re.S)]
        if not found:
            continue
        start, end = found[data.draw(st.integers(0, len(found) - 1), label="which")]
        element = document[start:end]
        action = data.draw(st.sampled_from(["delete", "repeat", "span", "merge", "nest"]))
        if action == "delete":
            replacement = ""
        elif action == "repeat":
            replacement = element * data.draw(st.integers(2, 4), label="times")
        elif action == "span" and tag == "w:tc":
            value = data.draw(st.sampled_from(["0", "2", "-1", "x", "999", "1000", "99999"]))
            replacement = element.replace(
                "<w:tc>", f'<w:tc><w:tcPr><w:gridSpan w:val="{value}"/></w:tcPr>', 1
            )
        elif action == "merge" and tag == "w:tc":
            kind = data.draw(st.sampled_from(["restart", "continue", ""]))
            replacement = element.replace(
                "<w:tc>", f'<w:tc><w:tcPr><w:vMerge w:val="{kind}"/></w:tcPr>', 1
            )
        elif action == "nest" and tag == "w:tc":
            replacement = f"<w:tc><w:tbl><w:tr>{element}</w:tr></w:tbl><w:p/></w:tc>"
        else:
            replacement = element
        document = document[:start] + replacement + document[end:]
    after = _read(zipped({**members, "word/document.xml": document.encode("utf-8")}), "s.docx")
    _never_wrong(before, after, [], document)


@given(
    st.lists(st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=8),
    st.floats(0.5, 1),
)
def test_word_bytes_damaged(flips: list[tuple[float, int]], keep: float) -> None:
    members, before = _word()
    data = bytearray(zipped(members))
    for where, value in flips:
        data[int(where * (len(data) - 1))] = value
    data = data[: max(4, int(keep * len(data)))]
    _never_wrong(before, _read(bytes(data), "b.docx"), [])


# -- HTML -------------------------------------------------------------------------------------


@cache
def _page() -> tuple[str, ReadResult]:
    page = html_page(_report())
    return page, read_bytes(page.encode("utf-8"), source="base.html")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(_MUTATIONS)
def test_web_page_cells_never_read_wrong(mutations: list[tuple[tuple[str, Any], int]]) -> None:
    page, before = _page()
    texts = [text for text, _ in mutations]
    changed = _replace_numbers(
        page, r"<td(?: [^>]*)?>(\d+)</td>", texts, [pick for _, pick in mutations], escape
    )
    _never_wrong(before, _read(changed.encode("utf-8"), "m.html"), texts)


_MARKUP = st.sampled_from(
    [
        "<table>",
        "</table>",
        "<tr>",
        "</tr>",
        '<td rowspan="9999">',
        '<td colspan="1000">',
        '<td colspan="abc">',
        "</td>",
        "<div>",
        "</div>",
        "<br>",
        "<p>",
        "<b>",
        "<script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "&amp;",
        "&#0;",
        "\x00",
        "\n\n",
        "一、总体情况",
        "三、收到和处理政府信息公开申请情况",
        "<h1>某某单位2024年政府信息公开工作年度报告</h1>",
    ]
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.floats(0, 1), _MARKUP), min_size=1, max_size=6))
def test_web_page_structure_mutated(inserts: list[tuple[float, str]]) -> None:
    page, before = _page()
    for where, markup in inserts:
        at = int(where * len(page))
        page = page[:at] + markup + page[at:]
    _never_wrong(before, _read(page.encode("utf-8"), "s.html"), [], page)


# -- text -------------------------------------------------------------------------------------


@cache
def _text() -> tuple[str, ReadResult]:
    text = (EXAMPLES / "yulong-2023.txt").read_text(encoding="utf-8")
    return text, read_bytes(text.encode("utf-8"), source="base.txt")


@given(_MUTATIONS)
def test_text_cells_never_read_wrong(mutations: list[tuple[tuple[str, Any], int]]) -> None:
    text, before = _text()
    texts = [t for t, _ in mutations if "\n" not in t[0] and "\t" not in t[0]]
    changed = _replace_numbers(
        text, r"(?<=\t)(\d+)(?=\t|\n)", texts, [pick for _, pick in mutations], str
    )
    for encoding in ("utf-8", "gb18030"):
        _never_wrong(before, _read(changed.encode(encoding), "m.txt"), texts)


@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.sampled_from(["delete", "repeat", "tab", "join"])),
        min_size=1,
        max_size=5,
    )
)
def test_text_lines_mutated(edits: list[tuple[float, str]]) -> None:
    text, before = _text()
    lines = text.split("\n")
    for where, action in edits:
        at = int(where * (len(lines) - 1))
        if action == "delete":
            del lines[at]
        elif action == "repeat":
            lines.insert(at, lines[at])
        elif action == "tab":
            lines[at] = lines[at] + "\t"
        elif at + 1 < len(lines):
            lines[at : at + 2] = [lines[at] + lines[at + 1]]
    changed = "\n".join(lines)
    _never_wrong(before, _read(changed.encode("utf-8"), "l.txt"), [], changed)
