"""Markdown, as PDF-to-Markdown converters and people write it: headings, paragraphs, tables.

Outside pipe tables, Markdown is read as text is (tables with tabs or spaces between the
cells included), ``#`` headings being paragraphs of their own and the lines of a paragraph
(a converter keeps the PDF's hard line breaks) joined. Pipe tables are loose tables: a
converter's header row is often generic (数据1 … 数据6), a label may stand in a row of its
own above or below its numbers, and the group column may be repeated, shifted or empty — so
a row of numbers is read only where its label can be told (see ``_assemble``). Emphasis
(``**…**``) is read as in plain text. Links keep their text, images are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

import attrs

from ._blocks import Cell, Para, Table
from ._sources import text_blocks

__all__ = ["markdown_blocks"]

_HEADING: Final = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_RULE: Final = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_SEPARATOR: Final = re.compile(r"^\s*:?-{2,}:?\s*$")
_IMAGE: Final = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK: Final = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ESCAPE: Final = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_BREAK: Final = re.compile(r"<br\s*/?>", re.IGNORECASE)
_QUOTE: Final = re.compile(r"^\s{0,3}>\s?")
_PIPE: Final = re.compile(r"(?<!\\)\|")


def _inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    return _ESCAPE.sub(r"\1", text)


def _cells(line: str) -> list[str]:
    """The cells of a pipe table row (``\\|`` is a pipe inside a cell)."""
    text = line.strip()
    text = text.removeprefix("|")
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells = _PIPE.split(text)
    # A line break in a cell: a label's lines are one label (labels are compared without
    # their spaces), two lines of digits two numbers — never one of their digits.
    return [_inline(_BREAK.sub("\n", cell)).strip() for cell in cells]


def _table_line(line: str) -> bool:
    return line.lstrip().startswith("|") or line.count("|") >= 2


def markdown_blocks(text: str) -> list[Para | Table]:
    """Pipe tables as loose tables; the rest as text is read (tables with tabs or spaces
    between the cells too), with ``#`` headings as paragraphs of their own and the lines of a
    paragraph joined."""
    lines = text.splitlines()
    blocks: list[Para | Table] = []
    start = number = 0
    while number < len(lines):
        if not _table_line(lines[number]):
            number += 1
            continue
        blocks += _text(lines[start:number], start)
        rows: list[tuple[Cell, ...]] = []
        places: list[str] = []
        first = number + 1
        while number < len(lines) and _table_line(lines[number]):
            cells = _cells(lines[number])
            number += 1
            if all(_SEPARATOR.match(cell) for cell in cells if cell) and any(cells):
                continue
            rows.append(tuple(Cell(cell) for cell in cells))
            places.append(f"line {number}")
        if rows:
            blocks.append(
                Table(tuple(rows), f"line {first}", False, lines=tuple(places), loose=True)
            )
        start = number
    blocks += _text(lines[start:], start)
    return blocks


def _text(lines: Sequence[str], offset: int) -> list[Para | Table]:
    """Lines between pipe tables, read as text is, headings kept apart, paragraphs joined."""
    headings: set[int] = set()
    prepared: list[str] = []
    for number, line in enumerate(lines, start=offset + 1):
        line = _QUOTE.sub("", line)
        heading = _HEADING.match(line)
        if heading is not None:
            headings.add(number)
            prepared.append(_inline(heading.group(1)))
        elif _RULE.match(line):
            prepared.append("")
        else:
            prepared.append(_inline(line.strip()) if "\t" not in line else _inline(line))
    blocks: list[Para | Table] = []
    last = -1
    for block in text_blocks("\n".join(prepared)):
        if isinstance(block, Table):
            blocks.append(
                attrs.evolve(
                    block,
                    where=_shift(block.where, offset),
                    lines=tuple(_shift(place, offset) for place in block.lines),
                )
            )
            last = -1
            continue
        number = int(block.where.split()[-1]) + offset
        previous = blocks[-1] if blocks else None
        if (
            block.text.strip()
            and isinstance(previous, Para)
            and previous.text.strip()
            and number == last + 1
            and number not in headings
            and last not in headings
        ):
            blocks[-1] = attrs.evolve(previous, text=_join(previous.text, block.text.strip()))
        else:
            blocks.append(attrs.evolve(block, where=f"line {number}"))
        last = number
    return blocks


def _shift(place: str, offset: int) -> str:
    return f"line {int(place.split()[-1]) + offset}"


def _join(text: str, more: str) -> str:
    """Two lines of a paragraph: a space between two words of Latin letters or digits."""
    space = (
        text[-1:].isascii() and text[-1:].isalnum() and more[:1].isascii() and more[:1].isalnum()
    )
    return text + (" " if space else "") + more
