"""The template context: a report as the plain values a Word template prints.

Every value is text ready to print (numbers formatted, dates in Chinese), so a template needs
no filters and a sandboxed Jinja environment can render it. :data:`VARIABLES` documents every
variable; ``docs/template.md`` is generated from it.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

import attrs
from markupsafe import Markup

from .. import emphasis
from ..cells import Layout, format_value, layout
from ..model import Kind, Part, Report, sections
from ..model.extra import TEXT_SECTIONS
from ._build import extra_tables_xml

__all__ = [
    "BLOCK_FIELDS",
    "VARIABLES",
    "Values",
    "build_context",
    "date_text",
    "display_value",
    "displayed",
    "title_lines",
]


class Values(dict[str, Any]):
    """A mapping of context values. Templates read its keys as attributes (``a.b``); the
    sandbox looks them up directly, without probing the object for Python attributes."""

    __slots__ = ()


TITLE_WIDTH: Final = 19
"""Characters of 二号 type per title line: the 156 mm type area holds 20, and one is kept in
hand so that the spacing renderers add around Latin digits never wraps a line."""

VARIABLES: Final[dict[str, str]] = {
    "title_lines": "list of text: the title split by hand into balanced lines (梯形)",
    "title": "text: the title on one line",
    "organ": "text: the issuing organ",
    "year": "text: the report year, e.g. 2024",
    "edition": "text: the edition of the format, 2021",
    "published": "text: the publication date as 2025年1月20日, or empty",
    "signature": "the signature (落款) with .organ and .date (2025年1月20日), or empty",
    "draft": "true when rendering a report that has errors, as a draft (草稿)",
    "preamble": "list of the paragraphs before section 一: each prints as its text, and has "
    ".runs as a block does",
    "extra_tables": "the office's own tables (``extras``) for .overview, .problems and "
    ".other_matters, as WordprocessingML to print with {{p extra_tables.overview }}",
}
"""Every top-level variable, besides one per free-text section and per table."""

BLOCK_FIELDS: Final[dict[str, str]] = {
    "heading": "true for a sub-heading printed on a line of its own",
    "kai": "for a heading: true when it is set in 楷体 (（一） level), false for 仿宋 (1. level)",
    "lead": "for a paragraph: a run-in 楷体 heading printed at its start, or empty",
    "lead_plain": "for a paragraph: a run-in 仿宋 heading (1. level) printed at its start, or "
    "empty",
    "new_part": "for a paragraph: true when it begins a part of the section that has no "
    "heading (printed like any paragraph; the document keeps the part's start)",
    "text": "the heading or paragraph text (the words only: see runs)",
    "runs": "for a paragraph: its text in runs, each with .text and .strong (true for "
    "emphasis, printed bold)",
}
"""The fields of each block of a free-text section."""

# （一） and unnumbered headings are set in 楷体; 1. and （1） headings in 仿宋 (GB/T 9704).
_FANG_LEVEL: Final = re.compile(r"^\s*(?:\d+[.．、]|[（(]\d+[）)])")


def _width(text: str) -> float:
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


@functools.lru_cache(maxsize=1024)
def _title_lines(title: str, organ: str, width: int) -> tuple[str, ...]:
    return tuple(_split_title(title, organ, width))


def title_lines(title: str, organ: str, width: int = TITLE_WIDTH) -> list[str]:
    """The title split into balanced lines that each fit ``width`` characters.

    A title is never left to wrap automatically: it is split where it reads naturally — after
    the organ's name, before the year — into lines whose lengths grow downwards (梯形) or are
    as even as possible, without breaking a run of digits or Latin letters.
    """
    return list(_title_lines(title, organ, width))


def _split_title(title: str, organ: str, width: int) -> list[str]:
    title = title.strip()
    if _width(title) <= width:
        return [title]
    lines = max(2, -(-int(_width(title)) // width))
    breaks = _break_points(title)
    if lines > 3:  # too many combinations to weigh: fill lines greedily
        return _greedy(title, breaks, width)
    # Where a title reads naturally in parts: after the organ's name, before or after the
    # year (2024年, 2024年度), before 政府信息公开. A cut anywhere else splits a word.
    natural = {len(organ)} if title.startswith(organ) and organ else set()
    for match in re.finditer(r"(?<!\d)\d{4}\s*年度?", title):
        natural |= {match.start(), match.end()}
    natural |= {m.start() for m in re.finditer("政府信息公开", title)}
    natural |= {i + 1 for i in natural if i < len(title) and title[i].isspace()}
    natural &= set(breaks)
    best = _best_cut(title, sorted(natural), lines, width, bonus=0.0)
    if best is not None:
        return best
    return _best_cut(title, breaks, lines, width, bonus=6.0, natural=natural) or _even(title, lines)


def _even(title: str, lines: int) -> list[str]:
    """A single unbreakable run longer than a line: split it evenly."""
    size = -(-len(title) // lines)
    return [title[i : i + size] for i in range(0, len(title), size)]


def _best_cut(
    title: str,
    breaks: Sequence[int],
    lines: int,
    width: int,
    *,
    bonus: float,
    natural: set[int] | None = None,
) -> list[str] | None:
    """The most balanced split at ``breaks`` into ``lines`` lines that fit, lines growing
    downwards (梯形) where they can; ``bonus`` favours cuts at ``natural`` points."""
    best: list[str] | None = None
    best_score = float("inf")
    for cut in _cuts(breaks, lines - 1):
        parts = [title[a:b].strip() for a, b in zip((0, *cut), (*cut, len(title)), strict=True)]
        widths = [_width(p) for p in parts]
        if max(widths) > width or not all(parts):
            continue
        score = max(widths) - min(widths)
        score += sum(1 for a, b in itertools.pairwise(widths) if a > b) * 4  # prefer 梯形
        score -= bonus * len((natural or set()) & set(cut))
        if score < best_score:
            best, best_score = parts, score
    return best


def _greedy(title: str, breaks: Sequence[int], width: int) -> list[str]:
    lines, start = [], 0
    for index, cut in enumerate(breaks):
        following = breaks[index + 1] if index + 1 < len(breaks) else len(title)
        if _width(title[start:following]) > width:
            lines.append(title[start:cut].strip())
            start = cut
    lines.append(title[start:].strip())
    return [line for line in lines if line]


_NO_LINE_START: Final = "，。、；：？！”’）》〕】…—"
_NO_LINE_END: Final = "“‘（《〔【"


def _can_break(text: str, index: int) -> bool:
    """Whether a line may end before ``text[index]``."""
    before, after = text[index - 1], text[index]
    if before.isascii() and after.isascii() and (before.isalnum() and after.isalnum()):
        return False
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    back = index - 1
    while back >= 0 and text[back].isspace():
        back -= 1
    ahead = index
    while ahead < len(text) and text[ahead].isspace():
        ahead += 1
    # Keep 2023 年 together.
    return not (
        back >= 0 and text[back].isdecimal() and ahead < len(text) and text[ahead] in "年月日"
    )


def _break_points(text: str) -> list[int]:
    """Every index :func:`_can_break` allows, found in one pass over ``text`` (asking it
    at every index would cost the length of a run of spaces each time)."""
    size = len(text)
    last = [""] * size  # the last character before each index that is not a space
    seen = ""
    for index, char in enumerate(text):
        last[index] = seen
        if not char.isspace():
            seen = char
    following = [""] * (size + 1)  # the first character at or after it that is not a space
    for index in range(size - 1, -1, -1):
        char = text[index]
        following[index] = following[index + 1] if char.isspace() else char
    found = []
    for index in range(1, size):
        before, after = text[index - 1], text[index]
        if before.isascii() and after.isascii() and (before.isalnum() and after.isalnum()):
            continue
        if after in _NO_LINE_START or before in _NO_LINE_END:
            continue
        previous = before if not before.isspace() else last[index - 1]
        if previous.isdecimal() and following[index] and following[index] in "年月日":
            continue
        found.append(index)
    return found


def _cuts(breaks: Sequence[int], count: int) -> list[tuple[int, ...]]:
    if count == 1:
        return [(b,) for b in breaks]
    result = []
    for index, b in enumerate(breaks):
        for rest in _cuts(breaks[index + 1 :], count - 1):
            result.append((b, *rest))
    return result


def date_text(value: dt.date) -> str:
    """A date as GB/T 9704 writes it: 2025年1月20日 (no zero padding)."""
    return f"{value.year}年{value.month}月{value.day}日"


def _blocks(parts: Sequence[Part]) -> list[Values]:
    blocks: list[Values] = []
    for part in parts:
        heading = part.heading
        kai = heading is not None and not _FANG_LEVEL.match(heading)
        if heading is not None and not part.run_in:
            blocks.append(
                Values(
                    heading=True,
                    kai=kai,
                    lead="",
                    lead_plain="",
                    new_part=False,
                    text=heading,
                    runs=[Values(text=heading, strong=False)],
                )
            )
        for index, text in enumerate(part.paragraphs):
            lead = lead_plain = ""
            if index == 0 and part.run_in and heading is not None:
                if kai:
                    lead = heading
                else:
                    lead_plain = heading  # 仿宋, like the text: it only starts the paragraph
            blocks.append(
                Values(
                    heading=False,
                    kai=False,
                    lead=lead,
                    lead_plain=lead_plain,
                    new_part=index == 0 and heading is None,
                    text=emphasis.plain(text),
                    runs=_runs(text),
                )
            )
    return blocks


def _runs(text: str) -> list[Values]:
    return [Values(text=piece, strong=strong) for piece, strong in emphasis.segments(text)]


class Paragraph(str):
    """A paragraph of the preamble: prints as its words, and has :attr:`runs`."""

    runs: list[Values]


def _paragraph(text: str) -> Paragraph:
    found = Paragraph(emphasis.plain(text))
    found.runs = _runs(text)
    return found


def display_value(value: Any, kind: Kind) -> str:
    """A cell value as the document prints it: ``format_value``, with a signed change
    (2019 edition 本年增/减) printed with its sign, as published: ``+12``, ``-3``, ``0``."""
    if kind is Kind.SIGNED and isinstance(value, int) and value > 0:
        return f"+{value}"
    return format_value(value)


@attrs.frozen(eq=False)
class _Shape:
    """How a layout's cells nest in the context: the attribute tree of each table, its leaves
    being positions in the layout, and the kind of every cell."""

    tree: dict[str, Any]
    kinds: tuple[Kind, ...]


_SHAPES: dict[Layout, _Shape] = {}


def _shape(lay: Layout) -> _Shape:
    found = _SHAPES.get(lay)
    if found is None:
        tree: dict[str, Any] = {}
        for index, spec in enumerate(lay.specs):
            node = tree
            for name in spec.attribute[:-1]:
                node = node.setdefault(name, {})
            node[spec.attribute[-1]] = index
        found = _SHAPES[lay] = _Shape(tree, tuple(spec.kind for spec in lay.specs))
    return found


def displayed(report: Report) -> tuple[str, ...]:
    """Every cell of ``report`` as the document prints it, in the order of its layout."""
    lay = layout(report)
    return tuple(map(display_value, lay.values(report), _shape(lay).kinds))


def _nest(node: dict[str, Any], shown: Sequence[str]) -> Values:
    return Values(
        (name, shown[child] if type(child) is int else _nest(child, shown))
        for name, child in node.items()
    )


def build_context(
    report: Report, *, draft: bool = False, shown: Sequence[str] | None = None
) -> dict[str, Any]:
    """The values a template prints for ``report``; ``shown`` is :func:`displayed` of it, when
    already at hand."""
    title = report.display_title
    context: dict[str, Any] = {
        "title_lines": title_lines(title, report.organ),
        "title": title,
        "organ": report.organ,
        "year": str(report.year),
        "edition": report.edition.value,
        "published": date_text(report.published) if report.published else "",
        "signature": (
            Values(organ=report.signature.organ, date=date_text(report.signature.date))
            if report.signature
            else ""
        ),
        "draft": draft,
        "preamble": [_paragraph(text) for text in report.preamble],
    }
    tree = _shape(layout(report)).tree
    if shown is None:
        shown = displayed(report)
    for section in sections(type(report)):
        context[section.attribute] = (
            _blocks(getattr(report, section.attribute))
            if section.table is None
            else _nest(tree[section.attribute], shown)
        )
    context["extra_tables"] = Values(
        (name, Markup(extra_tables_xml([t for t in report.extras if t.section == name])))
        for name in TEXT_SECTIONS
    )
    return context
