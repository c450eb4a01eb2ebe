"""Text against tables: the counts a report's prose states, held against its tables.

A sentence such as 「共受理政府信息公开申请17件」 states a total the tables also give; when the
two differ, the prose or the table is wrong. Clauses comparing with another year are skipped.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Final

from ..cells import Layout, Value, layout
from ..model import Report
from ..model._fields import leaf_rows
from ._base import Context, Finding, Rule, Severity
from ._text import Text, plain, texts

__all__ = ["RULES", "findings", "prose_findings"]

RULES: Final = (
    Rule(
        "TEXT-TABLE",
        Severity.WARNING,
        "正文中的数字与表格一致",
        "正文“共受理政府信息公开申请 N 件”“予以公开 N 件”“行政复议 N 件”等 = 表中相应总计",
        "《条例》第五十条：年度报告的文字与表格说明同一事实（常见错误：正文与表格矛盾）",
    ),
)
_TEXT_TABLE = RULES[0]

_COUNT: Final = (
    r"\s*(?:共计|合计|总计|共|计|为|数量为?)?\s*[:：]?\s*(\d{1,3}(?:,\d{3})+|\d+)\s*(?:件|起)"
)


_PROSE: Final = (
    (
        r"(?:新收到|收到|受理|新收)(?:各类)?(?:政府信息公开|依申请公开)?申请(?:共|合计|总计)?"
        + _COUNT,
        ("requests.received",),
        "requests.received.total",
    ),
    (
        r"上年结转(?:政府信息公开申请|申请)?" + _COUNT,
        ("requests.carried_over",),
        "requests.carried_over.total",
    ),
    (
        r"(?<!不)予以公开" + _COUNT,
        ("requests.outcomes.disclosed",),
        "requests.outcomes.disclosed.total",
    ),
    (
        r"部分公开" + _COUNT,
        ("requests.outcomes.partly_disclosed",),
        "requests.outcomes.partly_disclosed.total",
    ),
    (r"不予公开" + _COUNT, ("requests.outcomes.withheld",), "requests.outcomes.withheld"),
    (r"无法提供" + _COUNT, ("requests.outcomes.unavailable",), "requests.outcomes.unavailable"),
    (r"不予处理" + _COUNT, ("requests.outcomes.not_processed",), "requests.outcomes.not_processed"),
    (
        r"其他处理" + _COUNT,
        ("requests.outcomes.other_handling",),
        "requests.outcomes.other_handling",
    ),
    (
        r"结转下年度(?:继续办理)?" + _COUNT,
        ("requests.carried_forward",),
        "requests.carried_forward.total",
    ),
    (
        r"(?:信息公开|公开工作)\S{0,12}?行政复议(?:案件|申请)?" + _COUNT,
        ("review_litigation.review",),
        "review_litigation.review.total",
    ),
    (
        r"(?:信息公开|公开工作)\S{0,12}?行政诉讼(?:案件)?" + _COUNT,
        ("review_litigation.direct_suit", "review_litigation.suit_after_review"),
        "review_litigation",
    ),
)


def _table_total(report: Report, paths: Sequence[str]) -> Value:
    values: list[Any] = []
    for path in paths:
        part = operator.attrgetter(path)(report)
        values.extend(row.total for row in leaf_rows(part))
    return None if None in values else sum(values)


# Every statement of _PROSE in one expression (one pass over a sentence), each count in the
# named group of its statement.
_STATEMENTS: Final = re.compile(
    "|".join(
        pattern.replace(_COUNT, _COUNT.replace("(\\d{1,3}", f"(?P<n{i}>\\d{{1,3}}"))
        for i, (pattern, _, _) in enumerate(_PROSE)
    )
)
_SENTENCES: Final = re.compile(r"(?<=[。；;！!？?])")
_CLAUSES: Final = re.compile(r"[，；;]|,(?!\d{3})")  # (not the comma of 1,999)
# A clause comparing with another year states that year's count, not this report's.
_COMPARING: Final = re.compile(r"(较|相比|比上年|同比|环比|去年|前年|上一年)")
_YEAR: Final = re.compile(r"(\d{4})\s*年")


def findings(context: Context) -> Iterator[Finding]:
    """``TEXT-TABLE`` warnings for the report's own text."""
    return _scan(context.report, texts(context.report))


def prose_findings(
    report: Report, texts: Iterable[tuple[str | None, str, str]]
) -> Iterator[Finding]:
    """``TEXT-TABLE`` findings for ``texts`` — (JSON path, place, text) — against ``report``'s
    tables (also for text a reader found outside the report's text sections)."""
    return _scan(report, ((path, place, plain(text), "") for path, place, text in texts))


def _scan(report: Report, texts: Iterable[Text]) -> Iterator[Finding]:
    rule = _TEXT_TABLE
    lay = layout(report)
    for path, place, text, _ in texts:
        if "件" not in text and "起" not in text:
            continue  # no count stated
        for sentence in _SENTENCES.split(text):
            if "件" not in sentence and "起" not in sentence:
                continue
            normalized = unicodedata.normalize("NFKC", sentence)  # full-width digits
            for clause in _CLAUSES.split(normalized):
                if _COMPARING.search(clause) or any(
                    int(y) != report.year for y in _YEAR.findall(clause)
                ):
                    continue
                yield from _statements(report, lay, rule, path, place, sentence, clause)


def _statements(
    report: Report,
    lay: Layout,
    rule: Rule,
    path: str | None,
    place: str,
    sentence: str,
    clause: str,
) -> Iterator[Finding]:
    for match in _STATEMENTS.finditer(clause):
        group = match.lastgroup  # the count of the statement that matched: n0, n1, …
        assert group is not None
        _, paths, cell = _PROSE[int(group[1:])]
        stated = int(match.group(group).replace(",", ""))
        expected = _table_total(report, paths)
        if expected is None or stated == expected:
            continue
        yield Finding(
            rule.id,
            rule.severity,
            f"{place}：“{sentence.strip()}”中的 {stated} 与{_prose_place(lay, cell)}"
            f"（{expected}）不符",
            path=path,
            expected=expected,
            actual=stated,
            difference=stated - expected,
            cells=(f"$.{cell}",),
        )


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
