"""Word tables are read in one pass when they are made as Word makes them, element by element
otherwise: both ways give the same grid, cell for cell, for any table — or the same error."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from govinfo import limits
from govinfo.errors import LimitExceeded
from govinfo.read import _sources

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_PROPERTIES = ("vanish", "webHidden", "vertAlign", "strike", "dstrike", "b", "rStyle", "sz")
_VALUES = (None, "0", "false", "off", "on", "true", "superscript", "subscript", "baseline", "S")
_TEXTS = ("12", "3", " ", "", "社会", "~~", "4 5", "\u3000", "⁰")


def _el(tag: str, *children: etree._Element, val: str | None = None) -> etree._Element:
    element = etree.Element(tag if tag.startswith("{") else W + tag)
    if val is not None:
        element.set(W + "val", val)
    element.extend(children)
    return element


def _text(text: str) -> etree._Element:
    element = _el("t")
    element.text = text
    return element


@st.composite
def _run_properties(draw: st.DrawFn) -> etree._Element:
    names = draw(st.lists(st.sampled_from(_PROPERTIES), max_size=3))
    properties = _el("rPr", *(_el(name, val=draw(st.sampled_from(_VALUES))) for name in names))
    if draw(st.integers(0, 9)) == 0:  # a property that is not the run's own (a change record)
        properties.append(_el("rPrChange", _el("rPr", _el("vanish"))))
    return properties


@st.composite
def _run(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    run = _el("r")
    if draw(st.booleans()):
        run.append(draw(_run_properties()))
    # Mostly what Word writes; now and then what it does not (read element by element).
    for kind in draw(st.lists(st.integers(0, 59), max_size=3)):
        if kind < 40:
            run.append(_text(draw(st.sampled_from(_TEXTS))))
        elif kind < 46:
            mark = _el(draw(st.sampled_from(("br", "cr", "tab", "ptab", "sym"))))
            if mark.tag == W + "br" and draw(st.booleans()):
                mark.set(W + "type", draw(st.sampled_from(("page", "column", "textWrapping"))))
            run.append(mark)
        elif kind < 48:  # a field's code (hidden) or result (shown), or a field's end
            field = _el("fldChar")
            field.set(W + "fldCharType", draw(st.sampled_from(("begin", "separate", "end"))))
            run.append(field)
        elif kind < 58:
            run.append(draw(_run_properties()))  # a second rPr, or one after the text
        elif kind == 58 and depth < 1:  # a text box: paragraphs inside the run
            run.append(_el("drawing", _el("txbxContent", draw(_paragraph(depth + 1)))))
        elif kind == 59 and depth < 1:  # a phonetic guide: runs inside the run
            run.append(_el("ruby", _el("rt", draw(_run(depth + 1)))))
    return run


@st.composite
def _paragraph(draw: st.DrawFn, depth: int = 0) -> etree._Element:
    paragraph = _el("p")
    if draw(st.booleans()):
        paragraph.append(_el("pPr", draw(_run_properties())))  # the paragraph mark's look
    elif draw(st.booleans()):
        paragraph.append(_el("pPr", _el("pStyle", val=draw(st.sampled_from(("P", "Q"))))))
    for kind in draw(st.lists(st.integers(0, 62), max_size=3)):
        if kind < 56:
            paragraph.append(draw(_run(depth)))
        elif kind == 60:  # a tracked deletion or move: not shown
            paragraph.append(_el(draw(st.sampled_from(("del", "moveFrom"))), draw(_run(depth))))
        elif kind == 61:  # alternatives: the same text, or another
            choice = _el(f"{{{_MC}}}Choice", draw(_run(depth)))
            paragraph.append(
                _el(
                    f"{{{_MC}}}AlternateContent",
                    choice,
                    _el(f"{{{_MC}}}Fallback", draw(_run(depth))),
                )
            )
        elif kind == 62:
            paragraph.append(_el("ins", draw(_run(depth))))
        elif kind == 56:
            paragraph.append(_el("hyperlink", draw(_run(depth))))
        elif kind == 57:
            paragraph.append(_text("99"))  # text outside a run
        elif kind == 58:
            paragraph.append(_el("sdt", _el("sdtContent", draw(_run(depth)))))
        else:
            paragraph.append(_el("br"))
    return paragraph


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


@st.composite
def _cell(draw: st.DrawFn) -> etree._Element:
    cell = _el("tc")
    properties = [_el("tcW")]
    for kind in draw(st.lists(st.integers(0, 2), max_size=2)):
        name = ("gridSpan", "vMerge", "vMerge")[kind]
        value = draw(st.sampled_from((None, "1", "2", "3", "restart", "continue", "x")))
        properties.append(_el(name, val=value))
    if draw(st.integers(0, 5)):
        cell.append(_el("tcPr", *properties))
    for kind in draw(st.lists(st.integers(0, 59), min_size=1, max_size=3)):
        if kind < 50:
            cell.append(draw(_paragraph()))
        elif kind < 53:
            cell.append(_el("tcPr", _el("gridSpan", val="2")))  # a second one, late
        elif kind < 59:
            cell.append(draw(_run()))  # a run outside any paragraph
        else:  # a table in the cell
            cell.append(_el("tbl", _el("tr", _el("tc", draw(_paragraph())))))
    return cell


@st.composite
def _table(draw: st.DrawFn) -> etree._Element:
    table = _el("tbl", _el("tblPr"))
    for _ in range(draw(st.integers(1, 4))):
        row = _el("tr")
        if draw(st.integers(0, 2)) == 0:
            befores = draw(st.lists(st.sampled_from((None, "1", "2", "x")), max_size=2))
            row.append(_el("trPr", *(_el("gridBefore", val=v) for v in befores)))
        for _ in range(draw(st.integers(0, 4))):
            cell = draw(_cell())
            if draw(st.integers(0, 40)) == 0:
                cell = _el("sdt", _el("sdtContent", cell))  # a cell in a content control
            row.append(cell)
        if draw(st.integers(0, 40)) == 0:
            row = _el("sdt", _el("sdtContent", row))
        table.append(row)
    # Through the XML text, as a document is read: no element shares a Python object.
    parsed: etree._Element = etree.fromstring(etree.tostring(table))
    return parsed


_EFFECTS = st.tuples(*[st.sampled_from((None, False, True))] * 3)


@st.composite
def _styles(draw: st.DrawFn) -> _sources._Styles | None:
    """The document's styles: none that matter, or a character style ``S`` and paragraph
    styles ``P`` and ``Q`` (by default) that may hide, raise or strike text through."""
    if draw(st.booleans()):
        return None
    return _sources._Styles(
        {"S": draw(_EFFECTS)}, {"P": draw(_EFFECTS)}, draw(_EFFECTS), draw(_EFFECTS)
    )


def _outcome(read: Any, table: etree._Element) -> tuple[Any, ...]:
    """("grid", the grid, the cells counted against the limit), or ("error", its message)."""
    try:
        return ("grid", *read(table))
    except LimitExceeded as exc:
        return ("error", str(exc))


def _element_by_element(table: etree._Element, styles: _sources._Styles | None = None) -> Any:
    budget = _sources._CellBudget()
    rows = table.findall(W + "tr")
    return _sources._table_grid(rows, "table 1", budget, styles), budget.used


def _one_pass(table: etree._Element, styles: _sources._Styles | None = None) -> Any:
    budget = _sources._CellBudget()
    return _sources._plain_table_grid(table, "table 1", budget, styles), budget.used


@settings(max_examples=200)
@given(_table(), _styles())
def test_a_table_read_in_one_pass_is_read_as_element_by_element(
    table: etree._Element, styles: _sources._Styles | None
) -> None:
    try:
        fast = _outcome(lambda t: _one_pass(t, styles), table)
    except _sources._NotPlain:
        return  # not made as Word makes a table: read element by element only
    assert fast == _outcome(lambda t: _element_by_element(t, styles), table)


@st.composite
def _styled_table(draw: st.DrawFn) -> etree._Element:
    """A table as Word makes one, its paragraphs and runs in styles that may matter."""
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        cells = []
        for _ in range(draw(st.integers(1, 3))):
            paragraphs = []
            for _ in range(draw(st.integers(1, 2))):
                paragraph = _el("p")
                style = draw(st.sampled_from((None, "P", "Q")))
                if style:
                    paragraph.append(_el("pPr", _el("pStyle", val=style)))
                for _ in range(draw(st.integers(0, 2))):
                    run = _el("r")
                    if draw(st.booleans()):
                        run.append(draw(_run_properties()))
                    run.append(_text(draw(st.sampled_from(_TEXTS))))
                    paragraph.append(run)
                paragraphs.append(paragraph)
            cells.append(_el("tc", *paragraphs))
        rows.append(_el("tr", *cells))
    parsed: etree._Element = etree.fromstring(etree.tostring(_el("tbl", *rows)))
    return parsed


@settings(max_examples=200)
@given(_styled_table(), _styles())
def test_styles_are_read_the_same_whichever_way(
    table: etree._Element, styles: _sources._Styles | None
) -> None:
    fast = _outcome(lambda t: _one_pass(t, styles), table)
    assert fast == _outcome(lambda t: _element_by_element(t, styles), table)


def _rectangle(table: etree._Element) -> Any:
    """The grid of cells ``docx_table`` gives, laid out from the element-by-element reading."""
    budget = _sources._CellBudget()
    rows = table.findall(W + "tr")
    grid = _sources._table_grid(rows, "table 1", budget)
    width = max((c for _, c in grid), default=-1) + 1
    return _sources._grid(grid, len(rows), width, "table 1", budget), budget.used


def _read(table: etree._Element) -> Any:
    budget = _sources._CellBudget()
    return _sources.docx_table(table, 1, budget).rows, budget.used


@settings(max_examples=200)
@given(_table())
def test_a_table_is_read_the_same_whichever_way(table: etree._Element) -> None:
    assert _outcome(_read, table) == _outcome(_rectangle, table)


@pytest.mark.parametrize("lowered", [{"span": 1}, {"table_cells": 9}])
@settings(max_examples=60)
@given(table=_table())
def test_a_table_over_the_limits_gives_the_same_error_whichever_way(
    lowered: dict[str, int], table: etree._Element
) -> None:
    # Limits small enough for the tables drawn: spans and cells beyond them are errors.
    with limits.using(attrs.evolve(limits.DEFAULT, **lowered)):
        assert _outcome(_read, table) == _outcome(_rectangle, table)


def test_a_table_as_word_makes_it_is_read_in_one_pass() -> None:
    table = _el(
        "tbl",
        _el(
            "tr",
            _el("tc", _el("tcPr", _el("gridSpan", val="2")), _el("p", _el("r", _text("总计")))),
        ),
        _el(
            "tr",
            _el(
                "tc",
                _el("p", _el("r", _el("rPr", _el("vertAlign", val="superscript")), _text("1"))),
            ),
            _el("tc", _el("p", _el("r", _text("4"), _el("br"), _text("5")))),
        ),
    )
    grid = _sources._plain_table_grid(table, "table 1", _sources._CellBudget())
    assert {position: cell.text for position, cell in grid.items()} == {
        (0, 0): "总计",
        (0, 1): "总计",
        (1, 0): "¹",
        (1, 1): "4\n5",
    }


@settings(max_examples=300)
@given(_paragraph())
def test_a_paragraph_as_word_writes_it_is_read_as_walking_every_element(
    paragraph: etree._Element,
) -> None:
    paragraph = etree.fromstring(etree.tostring(paragraph))
    simple = _sources._simple_runs(paragraph)
    if simple is None:
        return  # not a paragraph of runs side by side: walked only
    assert simple == list(_sources._walked_runs(paragraph, []))
    assert simple == list(_sources._walked_runs(paragraph, [], boxes=True))


def _one_cell_table(*runs: etree._Element) -> etree._Element:
    return _el("tbl", _el("tr", _el("tc", _el("p", *runs))))


@pytest.mark.parametrize(
    "run",
    [
        # The first properties of a run are its own: a second, hiding, changes nothing.
        _el("r", _el("rPr"), _el("rPr", _el("vanish")), _text("46")),
        _el("r", _el("rPr", _el("vanish")), _el("rPr"), _text("46")),
        # Text inside an element of the run is the run's, as walking it finds.
        _el("r", _text("4"), _el("smartTagPr", _text("6"))),
        _el("r", _el("rPr", _el("strike")), _text("12"), _el("x", _el("t"))),
    ],
    ids=["second-properties-hide", "first-properties-hide", "nested-text", "nested-empty"],
)
def test_a_run_is_read_the_same_whichever_way(run: etree._Element) -> None:
    table = etree.fromstring(etree.tostring(_one_cell_table(run, _el("r", _text("0")))))
    assert _outcome(_read, table) == _outcome(_rectangle, table)
