"""Text against tables: the counts a report's prose states, held against its tables.

A sentence such as 「共受理政府信息公开申请17件」 states a total the tables also give; when the
two differ, the prose or the table is wrong. Clauses comparing with another year are skipped.
A total left blank in the table whose parts are all given is compared as the sum of its parts
(the message says so; the cell stays blank). A count of requests received that says 共 or 合计
in a sentence naming 上年结转 may count 一 or 一 + 二: either is accepted. Review and
litigation counts without the words 信息公开 count only in section 四 (text a reader found
there) or after 政府信息公开 earlier in the same paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Final

import attrs

from ..cells import Layout, Value, layout
from ..model import Report
from ._base import Context, Finding, Rule, Severity, fmt
from ._text import CLAUSES, SENTENCES, Text, numerals, plain

__all__ = ["RULES", "findings", "prose_findings"]

RULES: Final = (
    Rule(
        "TEXT-TABLE",
        Severity.WARNING,
        "正文中的数字与表格一致",
        "正文“共受理政府信息公开申请 N 件”“予以公开 N 件”“行政复议 N 件”等 = 表中相应总计"
        "（总计为空而各部分齐全时按各部分之和；写明“共”“合计”并提及上年结转的收到申请数，"
        "等于一或一加二均可；不含“信息公开”字样的行政复议、行政诉讼件数，只核对第四部分中的"
        "文字及同一段前文提到“政府信息公开”的）",
        "《条例》第五十条：年度报告的文字与表格说明同一事实（常见错误：正文与表格矛盾）",
    ),
)
_TEXT_TABLE = RULES[0]

_COUNT: Final = (
    r"\s*(?:共计|合计|总计|共|计|为|数量为?)?\s*[:：]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:件|起)"
)
# 「行政复议、行政诉讼案件共3件」 counts both: neither is stated alone.
_REVIEW: Final = r"(?<!诉讼[、和及与])行政复议(?:案件|申请)?"
_SUIT: Final = r"(?<!复议[、和及与])行政诉讼(?:案件)?"
_QUALIFIED: Final = r"(?:信息公开|公开工作)\S{0,12}?"


@attrs.frozen
class _Statement:
    """A count the prose states, and the table rows whose totals add up to it."""

    pattern: str
    paths: tuple[str, ...]
    """The parts of the report (dotted paths) whose rows' totals are the count."""
    cell: str
    """The cell, or the part, a message names."""
    bare: bool = False
    """Review and litigation without 信息公开: counted only where the context says so."""


_RECEIVED: Final = _Statement(
    r"(?:新收到|收到|受理|新收)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共|合计|总计)?" + _COUNT,
    ("requests.received",),
    "requests.received.total",
)
_CARRIED_OVER: Final = _Statement(
    r"上年结转(?:政府信息公开申请|申请)?" + _COUNT,
    ("requests.carried_over",),
    "requests.carried_over.total",
)
_REVIEW_PATHS: Final = ("review_litigation.review",), "review_litigation.review.total"
_SUIT_PATHS: Final = (
    ("review_litigation.direct_suit", "review_litigation.suit_after_review"),
    "review_litigation",
)
_PROSE: Final = (
    _RECEIVED,
    _CARRIED_OVER,
    _Statement(
        r"(?<!不)予以公开" + _COUNT,
        ("requests.outcomes.disclosed",),
        "requests.outcomes.disclosed.total",
    ),
    _Statement(
        r"部分公开" + _COUNT,
        ("requests.outcomes.partly_disclosed",),
        "requests.outcomes.partly_disclosed.total",
    ),
    _Statement(r"不予公开" + _COUNT, ("requests.outcomes.withheld",), "requests.outcomes.withheld"),
    _Statement(
        r"无法提供" + _COUNT, ("requests.outcomes.unavailable",), "requests.outcomes.unavailable"
    ),
    _Statement(
        r"不予处理" + _COUNT,
        ("requests.outcomes.not_processed",),
        "requests.outcomes.not_processed",
    ),
    _Statement(
        r"其他处理" + _COUNT,
        ("requests.outcomes.other_handling",),
        "requests.outcomes.other_handling",
    ),
    _Statement(
        r"结转下年度(?:继续办理)?" + _COUNT,
        ("requests.carried_forward",),
        "requests.carried_forward.total",
    ),
    _Statement(_QUALIFIED + _REVIEW + _COUNT, *_REVIEW_PATHS),
    _Statement(_QUALIFIED + _SUIT + _COUNT, *_SUIT_PATHS),
    _Statement(_REVIEW + _COUNT, *_REVIEW_PATHS, bare=True),
    _Statement(_SUIT + _COUNT, *_SUIT_PATHS, bare=True),
)

_RECEIVED_INDEX: Final = _PROSE.index(_RECEIVED)
_CARRIED_OVER_INDEX: Final = _PROSE.index(_CARRIED_OVER)

# Every statement of _PROSE in one expression (one pass over a sentence), each count in the
# named group of its statement.
_STATEMENTS: Final = re.compile(
    "|".join(
        s.pattern.replace(_COUNT, _COUNT.replace("(\\d{1,3}", f"(?P<n{i}>\\d{{1,3}}"))
        for i, s in enumerate(_PROSE)
    )
)
# A clause comparing with another year states that year's count, not this report's.
_COMPARING: Final = re.compile(r"(较|相比|比上年|同比|环比|去年|前年|上一年)")
_YEAR: Final = re.compile(r"(\d{4})\s*年")
_ALTOGETHER: Final = re.compile(r"共|合计|总计")
_NAMED: Final = "政府信息公开"
_REVIEW_SECTION: Final = "四"

_Row = tuple[int, tuple[int, ...]]
"""A row of the table: the index of its total, and of its parts."""
_ROWS: dict[Layout, tuple[tuple[_Row, ...], ...]] = {}


def _rows(lay: Layout) -> tuple[tuple[_Row, ...], ...]:
    """For every statement of _PROSE, the rows whose totals add up to its count."""
    found = _ROWS.get(lay)
    if found is None:
        result = []
        for statement in _PROSE:
            rows: dict[tuple[str, ...], list[int]] = {}
            total: dict[tuple[str, ...], int] = {}
            for path in statement.paths:
                prefix = tuple(path.split("."))
                for index, spec in enumerate(lay.specs):
                    if spec.attribute[: len(prefix)] == prefix:
                        row = spec.attribute[:-1]
                        if spec.is_total:
                            total[row] = index
                        else:
                            rows.setdefault(row, []).append(index)
            result.append(tuple((total[row], tuple(parts)) for row, parts in rows.items()))
        found = _ROWS[lay] = tuple(result)
    return found


def _table_count(rows: Sequence[_Row], values: Sequence[Value]) -> tuple[int | None, bool]:
    """The sum of the rows' totals (a blank total whose parts are all given counts as their
    sum), and whether a blank total was so counted; ``None`` when a row cannot be summed."""
    result = 0
    from_parts = False
    for total, parts in rows:
        value = values[total]
        if value is None:
            given = [values[i] for i in parts]
            if None in given:
                return None, False
            value = sum(int(v) for v in given if v is not None)
            from_parts = True
        result += int(value)
    return result, from_parts


def findings(context: Context) -> Iterator[Finding]:
    """``TEXT-TABLE`` warnings for the report's own text."""
    return _scan(context.report, context.layout, context.values, context.texts)


def prose_findings(
    report: Report,
    texts: Iterable[tuple[str | None, str, str] | tuple[str | None, str, str, str]],
) -> Iterator[Finding]:
    """``TEXT-TABLE`` findings for ``texts`` — (JSON path, place, text), or (JSON path,
    place, text, section number) — against ``report``'s tables (also for text a reader found
    outside the report's text sections). The section number (``四``) says where the text
    stands: review and litigation counts without the words 信息公开 count in section 四."""
    lay = layout(report)
    return _scan(report, lay, lay.values(report), (_text(item) for item in texts))


def _text(item: tuple[str | None, str, str] | tuple[str | None, str, str, str]) -> Text:
    path, place, text, *section = item
    return path, place, plain(text), section[0] if section else ""


def _scan(
    report: Report, lay: Layout, values: Sequence[Value], texts: Iterable[Text]
) -> Iterator[Finding]:
    rows = _rows(lay)
    for path, place, text, section in texts:
        if "件" not in text and "起" not in text:
            continue  # no count stated
        end = 0
        for sentence in SENTENCES.split(text):
            start, end = end, end + len(sentence)
            if "件" not in sentence and "起" not in sentence:
                continue
            normalized = numerals(sentence)
            position = 0
            for clause in CLAUSES.split(normalized):
                at, position = position, position + len(clause) + 1
                if _COMPARING.search(clause) or any(
                    int(y) != report.year for y in _YEAR.findall(clause)
                ):
                    continue
                for match in _STATEMENTS.finditer(clause):
                    group = match.lastgroup  # the count of the statement: n0, n1, …
                    assert group is not None
                    number = int(group[1:])
                    statement = _PROSE[number]
                    if (
                        statement.bare
                        and section != _REVIEW_SECTION
                        and _NAMED not in text[:start]
                        and _NAMED not in normalized[: at + match.start()]
                    ):
                        continue
                    stated = int(match.group(group).replace(",", ""))
                    found = _compare(
                        lay,
                        rows,
                        values,
                        number,
                        stated,
                        number == _RECEIVED_INDEX and _either(match, clause, normalized),
                    )
                    if found is not None:
                        message, expected, cells = found
                        yield Finding(
                            _TEXT_TABLE.id,
                            _TEXT_TABLE.severity,
                            f"{place}：“{sentence.strip()}”中的 {stated} {message}",
                            path=path,
                            expected=expected,
                            actual=stated,
                            difference=None if expected is None else stated - expected,
                            cells=cells,
                        )


def _compare(
    lay: Layout,
    rows: Sequence[Sequence[_Row]],
    values: Sequence[Value],
    number: int,
    stated: int,
    either: bool,
) -> tuple[str, int | None, tuple[str, ...]] | None:
    """How ``stated``, the count of statement ``number``, disagrees with the table — what a
    message says, the count expected (``None`` when two would do) and the cells compared — or
    ``None`` when it agrees or the table cannot say. ``either``: a count received that may be
    一 or 一 + 二."""
    statement = _PROSE[number]
    expected, from_parts = _table_count(rows[number], values)
    if expected is None or stated == expected:
        return None
    named = _named(lay, statement.cell, expected, from_parts)
    if not either:
        return f"与{named}不符", expected, (f"$.{statement.cell}",)
    # 一, or 一 + 二: the wording allows both, so neither is chosen.
    carried, carried_from_parts = _table_count(rows[_CARRIED_OVER_INDEX], values)
    if carried is None or stated == expected + carried:
        return None
    return (
        f"与{named}不符，与其加{_named(lay, _CARRIED_OVER.cell, carried, carried_from_parts)}"
        f"之和（{expected + carried}）也不符",
        None,
        (f"$.{_RECEIVED.cell}", f"$.{_CARRIED_OVER.cell}"),
    )


def _either(match: re.Match[str], clause: str, sentence: str) -> bool:
    """A count of requests received that may be 一 + 二: 共 or 合计 with 上年结转 named."""
    return (
        not match.group().startswith("新")
        and _ALTOGETHER.search(clause, 0, match.end()) is not None
        and "上年结转" in sentence
    )


def _named(lay: Layout, cell: str, value: int, from_parts: bool) -> str:
    """How a message names a table's count: 表三一、本年新收政府信息公开申请数量·总计（17）."""
    note = "，表中总计为空，按各部分之和计" if from_parts else ""
    return f"{_prose_place(lay, cell)}（{fmt(value)}{note}）"


def _prose_place(lay: Layout, cell: str) -> str:
    try:
        return lay.specs[lay.index(cell.split("."))].place
    except KeyError:
        names = {
            "requests.outcomes.withheld": "表三（三）不予公开各项之和",
            "requests.outcomes.unavailable": "表三（四）无法提供各项之和",
            "requests.outcomes.not_processed": "表三（五）不予处理各项之和",
            "requests.outcomes.other_handling": "表三（六）其他处理",
            "review_litigation": "表四行政诉讼两组总计之和",
        }
        return names[cell]
